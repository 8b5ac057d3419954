//! What a single line of pasted text looks like: a sentence, a bullet, a status, a request
//! line, a code, a type, a name.

use super::*;

// ---------------------------------------------------------------------------------------------
// Shapes of single lines

/// True when the text ends like a sentence or a lead-in (`.`, `:`, `;`, `。`, ...).
pub(super) fn ends_with_sentence_punctuation(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches([')', '）', '"', '\'', '”', '’'])
        .chars()
        .next_back()
        .is_some_and(|c| ".,:;!?。，：；！？、".contains(c))
}

/// True for a list item typed with a bullet.
pub(super) fn is_bullet(text: &str) -> bool {
    text.starts_with("- ")
        || text.starts_with('•')
        || text.starts_with("* ")
        || text.starts_with('·')
}

/// True for `Status code: 200` (the extractor reads these as paragraphs).
pub(super) fn is_status_code_line(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower
        .strip_prefix("status code:")
        .or_else(|| lower.strip_prefix("状态码："))
        .or_else(|| lower.strip_prefix("状态码:"))
        .is_some_and(|rest| is_http_status(rest.trim()))
}

/// True for `Parent topic: ...` (`父主题： ...`).
pub(super) fn is_parent_topic(text: &str) -> bool {
    text.starts_with("Parent topic:") || text.starts_with("父主题")
}

/// True for `GET /v3/{project_id}/...` and similar request lines.
pub(super) fn is_request_line(text: &str) -> bool {
    text.split_once(' ')
        .is_some_and(|(method, rest)| is_http_method(method) && !rest.trim().is_empty())
}

/// True for `400`, `4xx`, `NA`, `N/A`, `-`, `400/404`.
pub(super) fn is_http_status(text: &str) -> bool {
    let one = |t: &str| is_status_or_class(t.trim());
    // `403 Forbidden`: a status with its reason phrase.
    let code_part = match text.split_once(' ') {
        Some((code, reason))
            if reason.split_whitespace().count() <= 6
                && reason
                    .chars()
                    .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-') =>
        {
            code
        }
        _ => text,
    };
    matches!(text, "NA" | "N/A" | "-" | "--") || code_part.split('/').all(one)
}

/// True for an error code such as `Ecs.0013`, `CSS-6007`, `APIGW.0101`, `ModelArts.0104`.
pub(super) fn is_error_code(text: &str) -> bool {
    if text.len() >= 4 && is_number(text) {
        // Numeric codes such as `10240002`; three digits are an HTTP status.
        return true;
    }
    // `DCS. 4855`: a stray space after the dot.
    let text = &text.replacen(". ", ".", 1);
    let mut parts = text.split(['.', '-', '_']);
    let Some(prefix) = parts.next() else {
        return false;
    };
    let rest: Vec<&str> = parts.collect();
    text.len() <= 40
        && prefix
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && prefix.chars().all(|c| c.is_ascii_alphanumeric())
        && !rest.is_empty()
        && rest
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
        && rest
            .last()
            .is_some_and(|p| p.chars().any(|c| c.is_ascii_digit()))
}

/// True for `Yes`, `No`, `是`, `否` (optionally followed by a short remark).
pub(super) fn is_mandatory(text: &str) -> bool {
    let lower = text.to_lowercase();
    let word = lower
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    matches!(
        word,
        "yes" | "no" | "true" | "false" | "optional" | "mandatory" | "required"
    ) && lower.chars().count() <= 40
        || matches!(text, "是" | "否" | "必选" | "可选")
}

/// Base type words of API parameter tables.
pub(super) const TYPE_WORDS: &[&str] = &[
    "string",
    "integer",
    "int",
    "int32",
    "int64",
    "long",
    "boolean",
    "bool",
    "float",
    "double",
    "number",
    "object",
    "array",
    "map",
    "list",
    "date",
    "datetime",
    "timestamp",
    "file",
    "bigdecimal",
    "decimal",
    "json",
    "enum",
    "byte",
    "binary",
    "char",
    "short",
    "uuid",
    "any",
    "字符串",
    "整数",
    "整型",
    "布尔",
    "布尔型",
    "数组",
    "对象",
    "长整型",
    "浮点型",
];

/// True for a data type: `String`, `Integer`, `Array of FailedTasks objects`, `String array`,
/// `Map<String,String>`, `List<String>`, `String[]`.
pub(super) fn is_data_type(text: &str) -> bool {
    let lower = text.to_lowercase();
    if lower.chars().count() > 60 || ends_with_sentence_punctuation(&lower) {
        return false;
    }
    let head = lower
        .split(|c: char| c.is_whitespace() || "<[(".contains(c))
        .next()
        .unwrap_or("");
    if !TYPE_WORDS.contains(&head) {
        return false;
    }
    let words = lower.split_whitespace().count();
    words == 1
        || lower.starts_with("array of ")
        || lower.contains('<')
        || lower.contains('(')
        || (words == 2 && (lower.ends_with(" array") || lower.ends_with(" list")))
}

/// True for a parameter location.
pub(super) fn is_location(text: &str) -> bool {
    matches!(
        text.to_lowercase().as_str(),
        "path" | "query" | "header" | "body" | "formdata" | "cookie"
    )
}

/// True for one token without spaces that names something: `project_id`, `X-Auth-Token`.
pub(super) fn is_name(text: &str) -> bool {
    text.chars().count() <= 80
        && !text.contains(char::is_whitespace)
        && text.chars().any(char::is_alphanumeric)
        && !text.chars().any(is_cjk_or_fullwidth)
        && !ends_with_sentence_punctuation(text)
        && !is_bullet(text)
}

/// True for a whole number, possibly negative.
pub(super) fn is_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty() && digits.len() <= 12 && digits.chars().all(|c| c.is_ascii_digit())
}

/// True for a short phrase: at most 8 words, no final punctuation, not a bullet.
pub(super) fn is_phrase(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=8).contains(&words)
        && text.chars().count() <= 80
        && !ends_with_sentence_punctuation(text)
        && !is_bullet(text)
        && !is_parent_topic(text)
}
