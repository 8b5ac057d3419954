//! Enumerations: value lists written inside description cells, and two-column value tables.
//!
//! Three written forms are understood in a description:
//! 1. one value per piece or bullet: `- FAILED_RESET: reset`, `SUCCESS：成功。`;
//! 2. values run together in one piece: `createFail: indicates a creation failure.deleteFail: …`;
//! 3. a sentence listing them: `The value can be FAIL only`, `Possible values: a, b or c`,
//!    `取值为A、B`.
//!
//! Forms 1 and 2 need at least two values, so a lone `Note: …` is not an enumeration.

use std::sync::LazyLock;

use regex::Regex;

use crate::kb::EnumValue;

/// Longest enumeration value accepted.
const MAX_VALUE_CHARS: usize = 64;

/// Label words that look like `value:` but introduce prose.
const LABELS: &[&str] = &[
    "note",
    "notes",
    "example",
    "examples",
    "default",
    "unit",
    "format",
    "range",
    "minimum",
    "maximum",
    "min",
    "max",
    "value",
    "values",
    "options",
    "option",
    "description",
    "remarks",
    "caution",
    "warning",
    "important",
    "tip",
    "notice",
    "e.g",
    "eg",
    "i.e",
    "ie",
    "for example",
    "说明",
    "注意",
    "示例",
    "默认值",
    "取值范围",
    "须知",
    "http",
    "https",
];

/// `TOKEN:` at a position where a value may start.
static VALUE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[.。;；]\s*)([A-Za-z0-9_][A-Za-z0-9_.\-]*|[\p{Han}]{1,12})\s*[:：]")
        .expect("valid regex")
});

/// A sentence that introduces a list of values.
static VALUE_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\bthe\s+value\s+(?:can|must|may|should)\s+(?:only\s+)?be|\bpossible\s+values?\s*(?:are|include|:)|\benumerated\s+values?\s*(?:are|include|:)|\bvalues?\s+(?:can|must)\s+be|\bvalid\s+values?\s*(?:are|include|:)|取值(?:为|只能为|可以为|范围为|[:：])|可选值(?:为|[:：])|枚举值(?:为|[:：]))\s*[:：]?\s*([^.。;；\n]+)",
    )
    .expect("valid regex")
});

/// Values documented in a description cell, in order. Empty when the text lists none.
pub fn values_in_description(text: &str) -> Vec<EnumValue> {
    let labelled = labelled_values(text);
    if labelled.len() >= 2 {
        return labelled;
    }
    sentence_values(text)
}

/// Forms 1 and 2: `value: description` pieces, possibly several run together in one piece.
fn labelled_values(text: &str) -> Vec<EnumValue> {
    let mut values: Vec<EnumValue> = Vec::new();
    for piece in text.split('\n') {
        let piece = strip_bullet(piece);
        let starts: Vec<(usize, usize, &str)> = VALUE_LABEL
            .captures_iter(piece)
            .filter_map(|caps| {
                let whole = caps.get(0)?;
                let token = caps.get(1)?;
                Some((token.start(), whole.end(), token.as_str()))
            })
            .filter(|(_, _, token)| is_value_token(token))
            .collect();
        let Some(&(first_start, _, _)) = starts.first() else {
            // A continuation line belongs to the previous value's description.
            if let Some(last) = values.last_mut()
                && !piece.trim().is_empty()
                && !last.description.is_empty()
            {
                last.description.push(' ');
                last.description.push_str(piece.trim());
            }
            continue;
        };
        if first_start != 0 {
            continue;
        }
        for (i, &(_, desc_start, token)) in starts.iter().enumerate() {
            let desc_end = starts.get(i + 1).map_or(piece.len(), |next| next.0);
            let description = piece[desc_start..desc_end].trim();
            if values.iter().any(|v| v.value == token) {
                continue;
            }
            values.push(EnumValue {
                value: token.to_string(),
                description: description.to_string(),
            });
        }
    }
    values
}

/// Form 3: a sentence introducing a list.
fn sentence_values(text: &str) -> Vec<EnumValue> {
    let Some(list) = VALUE_SENTENCE
        .captures(text)
        .and_then(|caps| caps.get(1))
        .map(|m| m.as_str())
    else {
        return Vec::new();
    };
    let mut values = Vec::new();
    for item in list
        .split([',', '，', '、', '/'])
        .flat_map(|part| part.split(" or "))
        .flat_map(|part| part.split(" and "))
    {
        let item = item
            .trim()
            .trim_end_matches(" only")
            .trim_start_matches("or ")
            .trim_start_matches("and ")
            .trim_matches(|c: char| "\"'`“”‘’()（）".contains(c) || c.is_whitespace());
        if item.is_empty() {
            continue;
        }
        if !is_value_token(item) {
            return Vec::new();
        }
        values.push(EnumValue {
            value: item.to_string(),
            description: String::new(),
        });
    }
    let booleans = values
        .iter()
        .all(|v| matches!(v.value.to_ascii_lowercase().as_str(), "true" | "false"));
    if booleans { Vec::new() } else { values }
}

fn strip_bullet(piece: &str) -> &str {
    let trimmed = piece.trim_start();
    for bullet in ["- ", "• ", "* ", "· ", "•", "·"] {
        if let Some(rest) = trimmed.strip_prefix(bullet) {
            return rest.trim_start();
        }
    }
    trimmed
}

/// A plausible enumeration value: one token, not a prose label, not a URL scheme.
fn is_value_token(token: &str) -> bool {
    let count = token.chars().count();
    count > 0
        && count <= MAX_VALUE_CHARS
        && !token.contains(char::is_whitespace)
        && !LABELS.contains(&token.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        values_in_description(text)
            .into_iter()
            .map(|v| v.value)
            .collect()
    }

    #[test]
    fn bullets_one_value_each() {
        let values = values_in_description(
            "Operation type of a task. It can be:\n- FAILED_RESET: reset\n- FAILED_REPLACE: replace",
        );
        assert_eq!(values.len(), 2);
        assert_eq!(values[0].value, "FAILED_RESET");
        assert_eq!(values[0].description, "reset");
    }

    #[test]
    fn run_together_values() {
        let values = values_in_description(
            "Query the task failure status.\ncreateFail: indicates a creation failure.deleteFail: indicates a deletion failure.",
        );
        assert_eq!(
            values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(),
            vec!["createFail", "deleteFail"]
        );
        assert_eq!(values[0].description, "indicates a creation failure.");
    }

    #[test]
    fn chinese_colons() {
        assert_eq!(
            names("SUCCESS：成功。\nRUNNING：运行中。\nFAIL：失败。"),
            vec!["SUCCESS", "RUNNING", "FAIL"]
        );
    }

    #[test]
    fn sentences() {
        assert_eq!(names("The value can be FAIL only."), vec!["FAIL"]);
        assert_eq!(
            names("Possible values: success, failed or running."),
            vec!["success", "failed", "running"]
        );
        assert_eq!(names("取值为ON、OFF。"), vec!["ON", "OFF"]);
        assert!(names("The value can be true or false.").is_empty());
    }

    #[test]
    fn prose_is_not_an_enumeration() {
        assert!(names("Note: the value is ignored.").is_empty());
        assert!(names("Specifies the number of items. Default value: 1000").is_empty());
        assert!(names("See https://example.com: details.").is_empty());
        assert!(names("The value can be any string you like").is_empty());
    }
}
