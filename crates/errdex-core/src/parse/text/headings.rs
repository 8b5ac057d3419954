//! Step 4: headings and paragraphs.

use super::*;

// ---------------------------------------------------------------------------------------------
// Step 4: headings and paragraphs

/// Section names that are headings wherever they stand alone on a line.
pub(super) const KNOWN_HEADINGS: &[&str] = &[
    "function",
    "functions",
    "uri",
    "request",
    "response",
    "request parameters",
    "response parameters",
    "request parameter",
    "response parameter",
    "example request",
    "example requests",
    "example response",
    "example responses",
    "request example",
    "response example",
    "example",
    "examples",
    "status code",
    "status codes",
    "error code",
    "error codes",
    "returned value",
    "returned values",
    "calling method",
    "authorization information",
    "constraints",
    "constraints and limitations",
    "scenarios",
    "scenario",
    "procedure",
    "prerequisites",
    "context",
    "background",
    "precautions",
    "follow-up procedure",
    "related operations",
    "debugging",
    "sdk sample code",
    "request message",
    "response message",
    "请求消息",
    "响应消息",
    "请求",
    "响应",
    "返回值",
    "请求样例",
    "响应样例",
    "功能介绍",
    "接口约束",
    "调用方法",
    "请求参数",
    "响应参数",
    "请求示例",
    "响应示例",
    "状态码",
    "错误码",
    "操作场景",
    "操作步骤",
    "前提条件",
    "约束与限制",
];

/// True for a line naming a well-known section.
pub(super) fn is_known_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    KNOWN_HEADINGS.contains(&lower.as_str())
}

/// Words that stand alone on a line without being headings.
pub(super) const NOT_HEADINGS: &[&str] =
    &["none", "ok", "n/a", "na", "yes", "no", "null", "-", "无"];

/// True for a short title-like line: a few words, no final punctuation, starting with a capital
/// or an ideograph, and not a caption, a request line or a status line.
pub(super) fn looks_like_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let first = text.chars().next();
    (1..=8).contains(&words)
        && text.chars().count() <= 60
        && !ends_with_sentence_punctuation(text)
        && first.is_some_and(|c| c.is_uppercase() || is_cjk_or_fullwidth(c))
        && !NOT_HEADINGS.contains(&text.to_lowercase().as_str())
        && !is_caption_line(text)
        && !is_request_line(text)
        && !is_status_code_line(text)
        && !is_parent_topic(text)
        && !text.contains("://")
        && !text.starts_with("Figure ")
}

/// Heading or paragraph for the chunk at `i` outside any table.
pub(super) fn classify_chunk(chunks: &[Chunk], i: usize) -> BlockKind {
    let chunk = &chunks[i];
    if chunk.json {
        return BlockKind::Code {
            language: Some("json".to_string()),
            text: chunk.text.clone(),
        };
    }
    let text = chunk.text.as_str();
    let next = chunks.get(i + 1);
    let heading = match next {
        None => false,
        Some(_) if is_known_heading(text) => true,
        Some(next) => looks_like_heading(text) && is_content_after_heading(chunks, next, i + 1),
    };
    if heading {
        BlockKind::Heading {
            level: 2,
            text: text.to_string(),
        }
    } else {
        BlockKind::Paragraph {
            text: text.to_string(),
        }
    }
}

/// True when `next` (at index `k`) can follow a heading: running text (a sentence or a long
/// line), a list item, a request line, a caption, a known heading or a table; not another bare
/// short line (`Dependencies` above `kps::getFailedTask` is a table cell) and not a JSON example
/// (`OK` above a response body is a label).
pub(super) fn is_content_after_heading(chunks: &[Chunk], next: &Chunk, k: usize) -> bool {
    let Some(text) = next.line_text() else {
        return false;
    };
    ends_with_sentence_punctuation(text)
        || text.split_whitespace().count() > 8
        || is_bullet(text)
        || is_request_line(text)
        || is_known_heading(text)
        || is_caption_line(text)
        || table_start(chunks, k).is_some()
}
