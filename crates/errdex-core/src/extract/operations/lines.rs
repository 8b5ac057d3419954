//! The line patterns of an API page: request lines (`GET /v1/{project_id}/jobs`, split
//! `PATH：…`/`Method：…` halves, `POST /v2/… HTTP/1.1` heads of examples), status lines
//! (`Status code: 200`, `HTTP/1.1 404 Not Found`, `200` under a status heading) and header lines.

use std::sync::LazyLock;

use regex::Regex;

use crate::shapes::is_concrete_id;

pub(super) static OPERATION_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:URI|URL|请求URI|URI格式|URI format)\s*[:：]?\s*)?(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+(https?://[^/\s]+)?(/[^\s]*)\s*$")
        .expect("valid regex")
});

/// The path half of a split request line (`PATH：/v3/{project_id}/…`, then `Method：DELETE`).
pub(super) static PATH_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:path|uri|url|路径|请求路径)\s*[:：]\s*(?:https?://[^/\s]+)?(/[^\s]*)\s*$")
        .expect("valid regex")
});

/// The method half of a split request line (`Method：DELETE`, `请求方法: GET`).
pub(super) static METHOD_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:method|http\s+method|请求方法|方法)\s*[:：]\s*(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s*$")
        .expect("valid regex")
});

pub(super) static STATUS_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:http\s+)?(?:status\s+code|状态码|响应状态码|返回码)\s*[:：]?\s*(\d{3})\b")
        .expect("valid regex")
});

/// True when `path` is `template` with real values in place of some of its placeholders
/// (`/v2/bb11…/os-security-groups/3d02…` or `/v1/{project_id}/jobs/0000…` of
/// `/v2/{project_id}/os-security-groups/{id}`): every segment the same, or a value where the
/// template has a placeholder, at least one of them a value. A placeholder of the path stands
/// only where the template has one; beside placeholders, a value must look like one (an id:
/// `/v3/{p}/items/detail` is another operation than `/v3/{p}/items/{item_id}`).
pub(super) fn is_instance_of(path: &str, template: &str) -> bool {
    let path = path.split('?').next().unwrap_or(path);
    let template = template.split('?').next().unwrap_or(template);
    if !template.contains('{') {
        return false;
    }
    let is_placeholder = |s: &str| s.starts_with('{') && s.ends_with('}');
    let templated = path.contains('{');
    let value = |s: &str| {
        !s.is_empty()
            && !s.contains('{')
            && (!templated || is_concrete_id(s) || s.bytes().all(|b| b.is_ascii_digit()))
    };
    let (mut a, mut b) = (path.split('/'), template.split('/'));
    let mut values = 0;
    loop {
        match (a.next(), b.next()) {
            (None, None) => return values > 0,
            (Some(real), Some(segment)) => {
                if real == segment {
                    continue;
                }
                if !(is_placeholder(segment) && value(real)) {
                    return false;
                }
                values += 1;
            }
            _ => return false,
        }
    }
}

/// The first line of an HTTP message written above the JSON body of an example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum MessageHead {
    /// `POST https://{endpoint}/v2/…` or `POST /v2/… HTTP/1.1`, without the protocol.
    Request(String),
    /// `HTTP/1.1 200` or `HTTP/1.1 404 Not Found`.
    Status(u16),
}

/// The head of an HTTP message and, when its body is JSON, the byte offset of the body and the
/// number of lines before it.
pub(super) type MessageParts = (MessageHead, Option<(usize, u32)>);

/// Splits an example written as an HTTP message: a request or status line, optional header
/// lines (`Content-Type: application/json`) and blank lines, then the body (JSON when it
/// starts with `{` or `[`). `None` when the block does not start with such a line.
pub(super) fn message_head(text: &str) -> Option<MessageParts> {
    let mut offset = 0;
    let mut head = None;
    for (skipped, raw) in (0u32..).zip(text.split_inclusive('\n')) {
        let trimmed = raw.trim();
        if head.is_none() {
            if trimmed.is_empty() {
                // Blank lines before the head.
            } else if let Some(caps) = line_match(&HTTP_STATUS_HEAD, trimmed) {
                head = Some(MessageHead::Status(caps[1].parse().ok()?));
            } else if let Some(caps) = line_match(&HTTP_REQUEST_HEAD, trimmed) {
                head = Some(MessageHead::Request(caps[1].to_string()));
            } else {
                return None;
            }
        } else if trimmed.starts_with('{') || trimmed.starts_with('[') {
            return head.map(|head| (head, Some((offset, skipped))));
        } else if !(trimmed.is_empty() || HEADER_LINE.is_match(trimmed)) {
            // Another kind of body (XML, text).
            return head.map(|head| (head, None));
        }
        offset += raw.len();
    }
    head.map(|head| (head, None))
}

/// A status stated alone under a status heading: `200`, `200 OK`, `Normal: 200`, `正常 200`.
pub(super) static PROSE_STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:normal|success|successful|正常|成功)?\s*[:：]?\s*([1-5][0-9][0-9])(?:\s+[A-Za-z][A-Za-z ]*)?$")
        .expect("valid regex")
});

/// A heading about the statuses an operation answers with.
pub(super) fn is_status_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "status code",
        "returned value",
        "return value",
        "response code",
        "返回值",
        "状态码",
        "返回码",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

pub(super) static HTTP_STATUS_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^HTTP/\d(?:\.\d)?\s+(\d{3})(?:\s.*)?$").expect("valid regex"));

pub(super) static HTTP_REQUEST_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+\S+)(?:\s+HTTP/\d(?:\.\d)?)?$")
        .expect("valid regex")
});

pub(super) static HEADER_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z][A-Za-z0-9-]*\s*:\s*\S").expect("valid regex"));

pub(super) fn status_of(text: &str) -> Option<u16> {
    line_match(&STATUS_LINE, text.trim()).and_then(|caps| caps[1].parse().ok())
}

/// The captures of a line pattern, asked only after a plain match test: nearly every paragraph
/// and code line of a page is asked for every pattern here and matches none, and a match test
/// runs on the regex engine's fast path without capture slots.
pub(super) fn line_match<'t>(pattern: &Regex, text: &'t str) -> Option<regex::Captures<'t>> {
    if pattern.is_match(text) {
        pattern.captures(text)
    } else {
        None
    }
}
