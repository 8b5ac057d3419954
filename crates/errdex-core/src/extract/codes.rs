//! Error-code shapes: the service a code belongs to, HTTP status cells, and codes mentioned in
//! running text.

use std::sync::LazyLock;

use regex::Regex;

/// A code-shaped token in running text: a letter prefix, optional sub-prefix, a dot and digits
/// (`Ecs.0013`, `CSS.6007`, `SFS.TURBO.0001`, `DRS.M00002`, `DCS. 4855`). Placeholders such as
/// `KPS.XXX` have no digits and do not match.
/// ASCII word boundaries (`(?-u:\b)`): a code written right against Chinese text
/// (`错误码Ecs.0013表示`) is still a code, and the regex engine's fast DFA can run on any text.
static MENTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)[A-Za-z][A-Za-z0-9]{1,15}(?:\.[A-Za-z][A-Za-z0-9]{0,15})?\.[A-Z]{0,3}[0-9]{2,10}(?-u:\b)",
    )
    .expect("valid regex")
});

/// The service prefix of a code: letters before the first `.`, `-` or `_` (`Ecs.0013` → `ECS`).
/// Codes without such a prefix (`AccessDenied`, `10240002`) have none.
pub fn service_prefix(code: &str) -> Option<String> {
    let code = code.trim();
    let end = code.find(['.', '-', '_'])?;
    let prefix = &code[..end];
    let rest = code[end + 1..].trim_start();
    let valid = !prefix.is_empty()
        && prefix.len() <= 16
        && prefix
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && prefix.chars().all(|c| c.is_ascii_alphanumeric())
        && !rest.is_empty();
    let prefix = prefix.to_ascii_uppercase();
    // A generic word before the number names no service (`ERROR_001`, `ERR-12`, `E.404`).
    let generic = matches!(
        prefix.as_str(),
        "E" | "ERR"
            | "ERROR"
            | "ERRORS"
            | "ERRCODE"
            | "ERRORCODE"
            | "CODE"
            | "FAIL"
            | "FAILED"
            | "FAILURE"
            | "WARN"
            | "WARNING"
            | "INFO"
            | "SUCCESS"
            | "OK"
    );
    (valid && !generic).then_some(prefix)
}

/// An HTTP status cell read as a number where it is one: `400`, `400 Bad Request` → 400;
/// `NA`, `N/A`, `-`, blank, `400/404` → none.
pub fn parse_http_status(cell: &str) -> Option<u16> {
    let text = cell.trim();
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 3 {
        return None;
    }
    let rest = text[digits.len()..].trim();
    let reason_phrase = rest.is_empty()
        || rest
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '(');
    if !reason_phrase {
        return None;
    }
    digits.parse().ok().filter(|n| (100..600).contains(n))
}

/// Code placeholders (`KPS.XXX`) and IAM actions (`kps::getFailedTask`): they name a service
/// without naming a code.
static SERVICE_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)([A-Za-z][A-Za-z0-9]{1,15})\.X{2,}(?-u:\b)|(?-u:\b)([a-z][a-z0-9]{1,15})::[A-Za-z]",
    )
        .expect("valid regex")
});

/// Service prefixes named in `text`: by code-shaped words, code placeholders and IAM actions,
/// upper case, one per occurrence.
pub fn service_hints(text: &str) -> Vec<String> {
    let mut hints: Vec<String> = find_mentions(text)
        .into_iter()
        .filter_map(|(_, code)| service_prefix(code))
        .collect();
    // Every placeholder has `XX` and every IAM action `::`; most texts have neither, and
    // asking that first is much cheaper than a regex search with captures.
    if !(text.contains("XX") || text.contains("::")) {
        return hints;
    }
    hints.extend(SERVICE_HINT.captures_iter(text).filter_map(|caps| {
        caps.get(1)
            .or_else(|| caps.get(2))
            .map(|m| m.as_str().to_ascii_uppercase())
    }));
    hints
}

/// Error codes mentioned in `text`, with their byte offsets.
pub fn find_mentions(text: &str) -> Vec<(usize, &str)> {
    if !text.contains('.') {
        return Vec::new(); // every code has a dot: skip the regex search
    }
    MENTION
        .find_iter(text)
        .filter(|m| !looks_like_version_or_file(text, m.start(), m.end()))
        .map(|m| (m.start(), m.as_str()))
        .collect()
}

/// Filters out `v1.0001`-like versions and `name.0001.png`-like file names.
fn looks_like_version_or_file(text: &str, start: usize, end: usize) -> bool {
    let token = &text[start..end];
    let prefix_is_version = token.split('.').next().is_some_and(|p| {
        p.len() <= 3 && p.starts_with(['v', 'V']) && p[1..].chars().all(|c| c.is_ascii_digit())
    });
    let followed_by_extension = text[end..].starts_with('.')
        && text[end + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic());
    prefix_is_version || followed_by_extension
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(service_prefix("Ecs.0013").as_deref(), Some("ECS"));
        assert_eq!(service_prefix("SFS.TURBO.0001").as_deref(), Some("SFS"));
        assert_eq!(service_prefix("DCS. 4855").as_deref(), Some("DCS"));
        assert_eq!(service_prefix("APIGW-0101").as_deref(), Some("APIGW"));
        assert_eq!(service_prefix("AccessDenied"), None);
        assert_eq!(service_prefix("10240002"), None);
        assert_eq!(
            service_prefix("IllegalVersioning ConfigurationException"),
            None
        );
        assert_eq!(service_prefix(".0001"), None);
        assert_eq!(service_prefix("CSS."), None);
        // Generic words are no service.
        assert_eq!(service_prefix("ERROR_001"), None);
        assert_eq!(service_prefix("Err-12"), None);
    }

    #[test]
    fn statuses() {
        assert_eq!(parse_http_status("400"), Some(400));
        assert_eq!(parse_http_status("400 Bad Request"), Some(400));
        assert_eq!(parse_http_status("400/404"), None);
        assert_eq!(parse_http_status("N/A"), None);
        assert_eq!(parse_http_status("4000"), None);
        assert_eq!(parse_http_status("999"), None);
    }

    #[test]
    fn mentions_in_prose() {
        let found: Vec<&str> =
            find_mentions("例如“（Ecs.0013）EIP配额不足”，见 CSS.6007 和 KPS.XXX")
                .into_iter()
                .map(|(_, code)| code)
                .collect();
        assert_eq!(found, vec!["Ecs.0013", "CSS.6007"]);
        assert!(find_mentions("see v1.0001 and figure.0001.png").is_empty());
        assert_eq!(find_mentions("DRS.M00002 failed")[0].1, "DRS.M00002");
        // Written right against Chinese text, without spaces or brackets.
        assert_eq!(find_mentions("错误码Ecs.0013表示配额不足")[0].1, "Ecs.0013");
        assert!(find_mentions("a_CSS.6007 CSS.6007x").is_empty());
    }
}
