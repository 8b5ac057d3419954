//! The shapes of things: what a CJK character, an HTTP method, an HTTP status, a table caption
//! and a code's canonical spelling look like. One home per rule: every stage (parsers,
//! extraction, check, search, site) asks here, so changing "what is a status" is one edit.
//!
//! Pure functions over `char`s and `&str`s, each with a table test below.

use std::sync::LazyLock;

use regex::Regex;
use sha2::{Digest, Sha256};

// ---------------------------------------------------------------------------------------------
// Writing systems

/// A letter of a CJK script: kana, Hangul syllables, CJK ideographs ([`is_han`]). Not
/// punctuation: see [`is_cjk_or_fullwidth`].
pub fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c as u32,
            0x3040..=0x30FF     // Hiragana, Katakana
            | 0xAC00..=0xD7AF   // Hangul syllables
        )
}

/// A CJK ideograph (Han character: what Chinese is written in): the unified block, extension
/// A, extensions B–F and the compatibility ideographs.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF     // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0x20000..=0x2FA1F // CJK extensions B…F, compatibility supplement
    )
}

/// A character of CJK writing in the wide sense: a CJK letter ([`is_cjk`]), CJK symbols and
/// punctuation (`、。「」`) or a full-width form (`：（），`). What a page written in Chinese is
/// made of, for telling its language and for word boundaries that CJK text does not mark.
pub fn is_cjk_or_fullwidth(c: char) -> bool {
    is_cjk(c) || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

/// How many columns a text takes in a terminal: CJK and other wide characters take two.
pub fn display_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// A character that takes two columns (East Asian wide and full-width characters): CJK
/// letters and punctuation, full-width forms. RST grid tables are drawn in these columns.
pub fn is_wide(c: char) -> bool {
    unicode_width::UnicodeWidthChar::width(c) == Some(2)
}

// ---------------------------------------------------------------------------------------------
// HTTP

/// The HTTP methods an API page uses, as they are written in request lines.
pub const HTTP_METHODS: [&str; 7] = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

/// [`HTTP_METHODS`] as a regex alternation (`GET|POST|…`), for line patterns that contain a
/// method.
pub const HTTP_METHOD_PATTERN: &str = "GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS";

/// Whether a word is an HTTP method as written in a request line (upper case).
pub fn is_http_method(word: &str) -> bool {
    HTTP_METHODS.contains(&word)
}

/// Whether a number is an HTTP status (100–599).
pub fn is_http_status(status: u16) -> bool {
    (100..600).contains(&status)
}

/// The HTTP status of exactly three digits (`404`), if it is one.
pub fn http_status(digits: &str) -> Option<u16> {
    if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|&n| is_http_status(n))
}

static CONCRETE_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{16,}")
        .expect("valid regex")
});

/// Whether a path segment holds a real resource id where a request line's template would have a
/// `{placeholder}`: a UUID or a run of 16 or more hex digits (`b104b8db-170d-…`,
/// `0000000062db92d70162db9d200f000a`, `iam:domain::5fc973ee…`). A request line with one is an
/// example request, not the definition of an operation.
pub fn is_concrete_id(segment: &str) -> bool {
    !segment.contains('{')
        && CONCRETE_ID
            .find_iter(segment)
            .any(|m| m.as_str().bytes().any(|b| b.is_ascii_digit()))
}

/// Whether a parameter name is an HTTP header's: a hyphenated `x-` name (`X-Auth-Token`,
/// `x-tcaplus-target`) or a standard hyphenated header (`Content-Type`, `If-Match`). A table of
/// such names documents headers, whatever section it stands in.
pub fn is_http_header_name(name: &str) -> bool {
    let name = name.trim();
    let lower = name.to_ascii_lowercase();
    let hyphenated = name.contains('-')
        && name
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()));
    const STANDARD: &[&str] = &[
        "content-type",
        "content-length",
        "content-md5",
        "content-encoding",
        "content-language",
        "content-disposition",
        "accept-language",
        "accept-encoding",
        "user-agent",
        "if-match",
        "if-none-match",
        "if-modified-since",
        "cache-control",
    ];
    hyphenated && (lower.starts_with("x-") || STANDARD.contains(&lower.as_str()))
}

/// A status class or status as a status column writes it: `404`, `4xx`, `4XX`.
pub fn is_status_or_class(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 3
        && (b'1'..=b'5').contains(&bytes[0])
        && bytes[1..]
            .iter()
            .all(|b| b.is_ascii_digit() || *b == b'x' || *b == b'X')
}

// ---------------------------------------------------------------------------------------------
// Tables

/// The start of a table caption: `Table 3`, `TABLE 2-3`, `表1`, `表 4.1`, then a space, a colon,
/// a full stop or the end.
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Table|TABLE|表)\s*([0-9]+)(?:[-.][0-9]+)*(?:\s|[:：.]|$)")
        .expect("valid regex")
});

/// Whether a paragraph names the table that follows it (`Table 1 Failure causes`, `Table 2-3 …`,
/// `表 1 失败信息事件类型`, `表1错误码`). A sentence about a table ("Table 1 describes the
/// parameters.", "… as follows:") is not a caption.
pub fn is_table_caption(text: &str) -> bool {
    let text = text.trim();
    caption_start(text) && !text.ends_with(['.', '。', ':', '：'])
}

fn caption_start(text: &str) -> bool {
    // `表1错误码`: the regex wants a separator after the number; a CJK letter is one too.
    CAPTION.is_match(text) || caption_number_then_cjk(text)
}

fn caption_number_then_cjk(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('表') else {
        return false;
    };
    let rest = rest.trim_start();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    digits > 0 && rest[digits..].starts_with(is_cjk)
}

/// The number of a caption (`Table 3 Description of …` → 3, `表 2 参数说明` → 2, `Table 2-3` → 2).
pub fn table_number(caption: &str) -> Option<u32> {
    let rest = caption
        .trim_start()
        .strip_prefix("Table")
        .or_else(|| caption.trim_start().strip_prefix("TABLE"))
        .or_else(|| caption.trim_start().strip_prefix('表'))?
        .trim_start();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    rest[..digits].parse().ok()
}

// ---------------------------------------------------------------------------------------------
// Codes

/// Defines a function here and a constant holding its source text, for a rule the generated
/// Rust must apply exactly as errdex does: the function is compiled in errdex and printed into
/// the generated crate from the same tokens, so the two cannot drift apart.
macro_rules! rule_with_source {
    ($source:ident, $item:item) => {
        $item

        /// The source text of the function above, as the generated crate embeds it.
        pub const $source: &str = stringify!($item);
    };
}

rule_with_source!(
    CANONICAL_CODE_SOURCE,
    /// Canonical form of an error code for lookups: upper case, separators and spaces removed
    /// (`css.6007`, `CSS-6007`, `css6007` and `DCS. 4855` all compare equal to their canonical
    /// form).
    pub fn canonical_code(code: &str) -> String {
        code.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_uppercase)
            .collect()
    }
);

/// Whether a code names its service and numbers its error: a prefix that starts with a letter,
/// a separator, and digits last (`CSS.6007`, `Ecs-0013`, `DBS.212001`,
/// `SVCSTG.CCECAM.4000109`). Such codes are unique across a documentation set by design (two
/// pages giving `DBS.212001` two meanings contradict each other); bare numbers (`4500`) and
/// names (`AccessDenied`, `FailedOperation.TagQuotaExceeded`) belong to each product that uses
/// them.
pub fn is_service_code(code: &str) -> bool {
    let code = code.trim();
    let Some((prefix, _)) = code.split_once(['.', '-', '_']) else {
        return false;
    };
    let last = code.rsplit(['.', '-', '_']).next().unwrap_or("").trim();
    prefix
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && prefix.chars().all(|c| c.is_ascii_alphanumeric())
        && !last.is_empty()
        && last.chars().all(|c| c.is_ascii_digit())
}

// ---------------------------------------------------------------------------------------------
// Content hashes

/// The SHA-256 of some bytes as lower-case hex: the stamp of a source in `kb.json` and of a
/// knowledge base in its search index.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names() {
        for header in [
            "X-Auth-Token",
            "x-tcaplus-target",
            "Content-Type",
            "If-None-Match",
        ] {
            assert!(is_http_header_name(header), "{header}");
        }
        for field in [
            "project_id",
            "x_count",
            "date",
            "host",
            "content",
            "x-",
            "Auth-Token",
        ] {
            assert!(!is_http_header_name(field), "{field}");
        }
    }

    #[test]
    fn concrete_ids() {
        assert!(is_concrete_id("b104b8db-170d-441b-897a-3c8ba9c5a214"));
        assert!(is_concrete_id("0000000062db92d70162db9d200f000a"));
        assert!(is_concrete_id(
            "iam:domain::5fc973eea581490997e82ea11a1d0101"
        ));
        assert!(!is_concrete_id("{project_id}"));
        assert!(!is_concrete_id("security-group-rules"));
        assert!(!is_concrete_id("v2.0"));
    }

    #[test]
    fn cjk_letters_and_wide_punctuation() {
        for (c, letter, wide) in [
            ('错', true, true),
            ('か', true, true),
            ('카', true, true),
            ('𠀀', true, true),
            ('，', false, true),
            ('：', false, true),
            ('。', false, true),
            ('a', false, false),
            ('é', false, false),
            (' ', false, false),
        ] {
            assert_eq!(is_cjk(c), letter, "{c}");
            assert_eq!(is_cjk_or_fullwidth(c), wide, "{c}");
        }
    }

    #[test]
    fn display_widths() {
        for (text, width) in [("abc", 3), ("错误码", 6), ("a错", 3), ("", 0)] {
            assert_eq!(display_width(text), width, "{text}");
        }
        assert!(is_wide('错') && is_wide('，') && is_wide('Ａ'));
        assert!(!is_wide('a') && !is_wide('é') && !is_wide('\u{301}'));
    }

    #[test]
    fn http_methods_and_statuses() {
        assert!(HTTP_METHODS.iter().all(|m| is_http_method(m)));
        assert_eq!(HTTP_METHOD_PATTERN, HTTP_METHODS.join("|"));
        assert!(!is_http_method("get") && !is_http_method("FETCH"));
        for (text, status) in [
            ("404", Some(404)),
            ("200", Some(200)),
            ("600", None),
            ("099", None),
            ("40", None),
            ("4xx", None),
            ("1234", None),
        ] {
            assert_eq!(http_status(text), status, "{text}");
        }
        for (text, yes) in [
            ("4xx", true),
            ("5XX", true),
            ("404", true),
            ("6xx", false),
            ("4x", false),
        ] {
            assert_eq!(is_status_or_class(text), yes, "{text}");
        }
    }

    #[test]
    fn table_captions() {
        for (text, caption, number) in [
            ("Table 3 Request header parameters", true, Some(3)),
            ("Table 2-3 Status codes", true, Some(2)),
            ("TABLE 4: Errors", true, Some(4)),
            ("Table1 Errors", true, Some(1)),
            ("表 1 失败信息事件类型", true, Some(1)),
            ("表1错误码", true, Some(1)),
            ("Table 3", true, Some(3)),
            ("Table 1 describes the parameters.", false, Some(1)),
            ("Table 1 lists the codes as follows:", false, Some(1)),
            ("Table describes", false, None),
            ("Tables 3", false, None),
        ] {
            assert_eq!(is_table_caption(text), caption, "{text}");
            assert_eq!(table_number(text), number, "{text}");
        }
    }

    #[test]
    fn canonical_codes_and_hashes() {
        for spelling in ["CSS.6007", "css.6007", "CSS-6007", "css6007", "CSS 6007"] {
            assert_eq!(canonical_code(spelling), "CSS6007");
        }
        assert_eq!(canonical_code("DCS. 4855"), "DCS4855");
        assert!(CANONICAL_CODE_SOURCE.contains("pub fn canonical_code(code: &str) -> String"));
        for (code, named) in [
            ("CSS.6007", true),
            ("Ecs-0013", true),
            ("SVCSTG.CCECAM.4000109", true),
            ("DCS. 4855", true),
            ("dcs.01.0001", true),
            ("4500", false),
            ("-500", false),
            ("AccessDenied", false),
            ("FailedOperation.TagQuotaExceeded", false),
            ("AV_ERR_NOT_IMPLEMENTED", false),
            ("10.xx.xx.184", false),
        ] {
            assert_eq!(is_service_code(code), named, "{code}");
        }
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
