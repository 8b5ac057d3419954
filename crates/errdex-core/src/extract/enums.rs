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
    "definition",
    "constraints",
    "constraint",
    "restrictions",
    "restriction",
    "parent",
    "requirements",
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
    "取值为",
    "取值",
    "可选值",
    "枚举值",
    "须知",
    "http",
    "https",
];

/// `TOKEN:`, a candidate value label; [`label_at_boundary`] decides whether a value may start
/// there.
static VALUE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([A-Za-z0-9_][A-Za-z0-9_.\-]*|[\p{Han}]{1,12})\s*[:：]").expect("valid regex")
});

/// Whether the label `token` at `start..end` (`end` after its colon) of `piece` starts a value:
/// at the start or after a sentence end (`.`, `;`); a Latin token also right after a colon or
/// Chinese text, where values were run together (`取值范围：ACTIVE：运行中BUILD：创建中`). An ASCII
/// colon must be followed by a space or the end (`HH:mm:ss` is no label).
fn label_at_boundary(piece: &str, start: usize, end: usize, token: &str) -> bool {
    let before = piece[..start].trim_end();
    let latin = token.is_ascii();
    let before_ok = match before.chars().next_back() {
        None => true,
        Some(c) if ".。;；".contains(c) => true,
        Some(c) => latin && (":：）)".contains(c) || crate::shapes::is_cjk_or_fullwidth(c)),
    };
    let after_ok = !piece[..end].ends_with(':')
        || piece[end..]
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || !c.is_ascii());
    before_ok && after_ok
}

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
        return without_booleans(labelled);
    }
    let meant = meaning_values(text);
    if meant.len() >= 2 {
        return without_booleans(meant);
    }
    // A sentence names the values; a labelled piece may describe one of them (`The value can
    // be FAIL only in current version. FAIL: The task failed.`).
    let mut values = sentence_values(text);
    for value in &mut values {
        if let Some(described) = labelled.iter().find(|l| l.value == value.value) {
            value.description.clone_from(&described.description);
        }
    }
    // `The value can be null.` says the field may be empty, not that null is its only value.
    if let [only] = values.as_slice()
        && matches!(
            only.value.trim().to_ascii_lowercase().as_str(),
            "null" | "none" | "empty" | "blank" | "left blank" | "nil"
        )
    {
        return Vec::new();
    }
    values
}

/// `true`/`false` alone is a Boolean, not an enumeration.
fn without_booleans(values: Vec<EnumValue>) -> Vec<EnumValue> {
    let booleans = values
        .iter()
        .all(|v| matches!(v.value.to_ascii_lowercase().as_str(), "true" | "false"));
    if booleans { Vec::new() } else { values }
}

/// `value indicates …` / `value means …` / `value表示…` pieces, separated by `;`, `,` or a
/// sentence end: `RDB_ONLY indicates full sync; CUSTOM_OFFSET indicates incremental sync.`
fn meaning_values(text: &str) -> Vec<EnumValue> {
    if !(text.contains("indicates")
        || text.contains("means")
        || text.contains("stands for")
        || text.contains("表示"))
    {
        return Vec::new();
    }
    let starts: Vec<(usize, usize, &str)> = VALUE_MEANS
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let token = caps.get(1)?;
            Some((token.start(), whole.end(), token.as_str()))
        })
        .filter(|(_, _, token)| {
            is_value_token(token) && !MEANS_SUBJECTS.contains(&token.to_lowercase().as_str())
        })
        .collect();
    let mut values: Vec<EnumValue> = Vec::new();
    for (i, &(_, desc_start, token)) in starts.iter().enumerate() {
        let desc_end = starts.get(i + 1).map_or(text.len(), |next| next.0);
        let description = text[desc_start..desc_end]
            .trim()
            .trim_end_matches([';', '；', ',', '，'])
            .trim();
        if values.iter().any(|v| v.value == token) {
            continue;
        }
        values.push(EnumValue {
            value: token.to_string(),
            description: description.to_string(),
            retired: None,
        });
    }
    values
}

/// Words that stand before `indicates` in prose rather than values.
const MEANS_SUBJECTS: &[&str] = &[
    "this",
    "it",
    "that",
    "which",
    "value",
    "what",
    "there",
    "field",
    "parameter",
    "status",
    "code",
    "result",
];

/// `TOKEN indicates` at a position where a value may start (text start, after `;`, `,`, `.`,
/// `:` or a bullet).
static VALUE_MEANS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[.。;；,，:：]\s*|\n\s*(?:[-•*·]\s*)?)([A-Za-z0-9_][A-Za-z0-9_.\-]*)(?:\s+(?:indicates|means|stands\s+for)\s+|\s*表示)")
        .expect("valid regex")
});

/// An inline bullet before a labelled value: `… as follows: - 0: image - 1: video`.
static INLINE_BULLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s[-•·]\s+(?:[A-Za-z0-9_][A-Za-z0-9_.\-]*|[\p{Han}]{1,12})\s*[:：]")
        .expect("valid regex")
});

/// The pieces of a description: its lines, and inside a line the runs after inline bullets.
fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for line in text.split('\n') {
        if !(line.contains(" - ") || line.contains(" • ") || line.contains(" · ")) {
            out.push(line);
            continue;
        }
        let mut from = 0;
        for m in INLINE_BULLET.find_iter(line) {
            out.push(&line[from..m.start()]);
            // Skip the space and the bullet; the label starts the next piece.
            from = m.start() + 1;
        }
        out.push(&line[from..]);
    }
    out
}

/// Forms 1 and 2: `value: description` pieces, possibly several run together in one piece.
fn labelled_values(text: &str) -> Vec<EnumValue> {
    let mut values: Vec<EnumValue> = Vec::new();
    for piece in pieces(text) {
        let piece = strip_bullet(piece);
        let starts: Vec<(usize, usize, &str)> = VALUE_LABEL
            .captures_iter(piece)
            .filter_map(|caps| {
                let whole = caps.get(0)?;
                let token = caps.get(1)?;
                let (start, end) = (token.start(), whole.end());
                if label_at_boundary(piece, start, end, token.as_str()) {
                    return Some((start, end, token.as_str()));
                }
                // A sentence end inside the token: `… a creation failure.deleteFail: …`.
                let dot = token.as_str().rfind('.')?;
                let start = start + dot + 1;
                let token = &piece[start..token.end()];
                (!token.is_empty() && label_at_boundary(piece, start, end, token))
                    .then_some((start, end, token))
            })
            .filter(|&(_, _, token)| is_value_token(token))
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
            // An introduction before the values on the same line (`Start offset. latest: …;
            // earliest: …`) only when two or more values follow it.
            let intro = piece[..first_start].trim_end();
            if starts.len() < 2 || !intro.ends_with(['.', ':', '。', '：']) {
                continue;
            }
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
                retired: None,
            });
        }
    }
    values
}

/// Form 3: a sentence introducing a list.
fn sentence_values(text: &str) -> Vec<EnumValue> {
    let Some(found) = VALUE_SENTENCE.captures(text).and_then(|caps| caps.get(1)) else {
        return Vec::new();
    };
    let list = strip_bullet(found.as_str());
    // `Valid value:` then one value per line (a bulleted list in the cell): the lines after
    // the first that are each one value belong to the list.
    let listed_below: Vec<&str> = match text[found.end()..].strip_prefix('\n') {
        Some(rest) if is_value_token(list.trim()) => rest
            .split('\n')
            .map(|line| strip_bullet(line).trim())
            // A label (`Note:`, `Default:`) ends the list; a full stop ends a value.
            .take_while(|line| !line.ends_with([':', '：']))
            .map(|line| line.trim_end_matches(['.', ';', ',', '。', '；', '，']))
            .take_while(|line| is_value_token(line))
            .collect(),
        _ => Vec::new(),
    };
    let list: std::borrow::Cow<str> = match listed_below.is_empty() {
        true => list.into(),
        false => std::iter::once(list.trim())
            .chain(listed_below)
            .collect::<Vec<_>>()
            .join(", ")
            .into(),
    };
    // `FAIL only in current version`: the list ends at `only`.
    let list = list
        .find(" only ")
        .map_or(&*list, |end| &list[..end + " only".len()]);
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
            retired: None,
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
    fn a_sentence_then_one_value_per_line() {
        let text = "Specifies the instance type.\nValid value:\nSharding\nReplicaSet";
        assert_eq!(names(text), ["Sharding", "ReplicaSet"]);
        let bullets = "Valid values:\n- Sharding\n- ReplicaSet\nThe default is Sharding.";
        assert_eq!(names(bullets), ["Sharding", "ReplicaSet"]);
        assert_eq!(names("The value can be FAIL only.\nSee Table 3"), ["FAIL"]);
        assert_eq!(names("Valid values:\n- GET\n- POST."), ["GET", "POST"]);
        assert_eq!(
            names("Valid values:\nGET\nNote:\nPOST"),
            ["GET"],
            "a label ends the list"
        );
    }

    #[test]
    fn sentences() {
        assert_eq!(names("The value can be FAIL only."), vec!["FAIL"]);
        // A single value the sentence limits to, described by a labelled piece.
        let single = values_in_description(
            "Specifies the task status.\nThe value can be FAIL only in current version.\nFAIL: The task failed.",
        );
        assert_eq!(single.len(), 1);
        assert_eq!(single[0].value, "FAIL");
        assert_eq!(single[0].description, "The task failed.");
        // `The value can be null` makes the field nullable, not an enumeration of null.
        assert!(
            values_in_description(
                "Specifies the description. The value can be null . At most 255 bytes."
            )
            .is_empty()
        );
        assert!(values_in_description("The value can be empty.").is_empty());
        assert_eq!(
            names("Possible values: success, failed or running."),
            vec!["success", "failed", "running"]
        );
        assert_eq!(names("取值为ON、OFF。"), vec!["ON", "OFF"]);
        assert!(names("The value can be true or false.").is_empty());
    }

    #[test]
    fn inline_bullets_after_an_introduction() {
        let values = values_in_description(
            "Kind of shape. The options are as follows: - box: a box - ring: a ring - dot: a dot",
        );
        assert_eq!(
            values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(),
            vec!["box", "ring", "dot"]
        );
        assert_eq!(values[1].description, "a ring");
        assert_eq!(
            names("Mode. - 0: off - 7: on"),
            vec!["0", "7"],
            "numbers as values"
        );
        // A dash inside prose is not a bullet.
        assert!(names("Name - the display name of the item.").is_empty());
    }

    #[test]
    fn values_after_an_introduction_on_the_same_line() {
        assert_eq!(
            names("Where to start. newest: read new data; oldest: read old data."),
            vec!["newest", "oldest"]
        );
        // One label after an introduction is prose.
        assert!(names("Where to start. newest: read new data.").is_empty());
        // Booleans are not an enumeration.
        assert!(names("Whether to wait. false: go on; true: wait.").is_empty());
    }

    #[test]
    fn values_run_together_after_chinese_text() {
        let values = values_in_description(
            "服务状态。取值范围：UP：运行中/启动中DOWN：已停止HALF_UP：部分运行",
        );
        assert_eq!(
            values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(),
            vec!["UP", "DOWN", "HALF_UP"]
        );
        assert_eq!(values[0].description, "运行中/启动中");
        assert_eq!(
            names("链接类型。取值为：own：自身链接。mark：书签链接。"),
            vec!["own", "mark"]
        );
        assert_eq!(
            names("排序方向。up：升序down：降序（默认值）"),
            vec!["up", "down"]
        );
        // Times and ratios are no labels.
        assert!(names("Start time. Format: HH:mm:ss, e.g. 10:30:00.").is_empty());
    }

    #[test]
    fn values_that_indicate_their_meaning() {
        let values = values_in_description(
            "Copy mode: FULL_ONLY indicates a full copy; FULL_AND_DELTA indicates a full and incremental copy.",
        );
        assert_eq!(
            values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(),
            vec!["FULL_ONLY", "FULL_AND_DELTA"]
        );
        assert_eq!(values[0].description, "a full copy");
        assert_eq!(names("开关。0表示关闭，1表示打开。"), vec!["0", "1"]);
        // Prose with one `indicates` is not an enumeration.
        assert!(names("This indicates the size; it means bytes.").is_empty());
    }

    #[test]
    fn prose_is_not_an_enumeration() {
        assert!(names("Note: the value is ignored.").is_empty());
        assert!(names("Specifies the number of items. Default value: 1000").is_empty());
        assert!(names("See https://example.com: details.").is_empty());
        // Section labels of a structured description.
        assert!(names("Definition:\nThe size.\nConstraints:\nNone\nRange:\nNone").is_empty());
        assert_eq!(
            names("Definition:\nThe state.\nRange:\n- UP: running\n- DOWN: stopped"),
            vec!["UP", "DOWN"]
        );
        assert!(names("The value can be any string you like").is_empty());
    }
}
