//! Header vocabulary: what a table column holds, judged by its header words in English and
//! Chinese. One table of words, used by the plain-text parser (to find where a table's header
//! starts and ends) and by the extractor (to decide what a table is). Never by position or file.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::shapes::is_cjk_or_fullwidth;

/// What a table column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ColumnRole {
    /// The error code itself (`Error Code`, `错误码`).
    ErrorCode,
    /// The HTTP status (`Status Code`, `HTTP Status Code`, `状态码`).
    HttpStatus,
    /// The error message (`Error Message`, `Failure Cause`, `错误信息`).
    Message,
    /// A description (`Description`, `说明`, `描述`).
    Description,
    /// What to do (`Solution`, `Measure`, `Handling Measure`, `Handling`, `处理措施`).
    Solution,
    /// A module or service grouping column (`Module`, `Service`).
    Module,
    /// A parameter or field name (`Parameter`, `Name`, `参数`).
    Parameter,
    /// Whether a parameter is required (`Mandatory`, `Required`, `是否必选`).
    Mandatory,
    /// A data type (`Type`, `参数类型`, `类型`).
    Type,
    /// Where a parameter goes (`Location`, `In`).
    Location,
    /// A default value.
    Default,
    /// A value range or constraint.
    Range,
    /// An enumeration value or state (`Status`, `Value`, `事件类型`, `Failure Type`).
    Value,
    /// A cause column in a value table (`Cause`).
    Cause,
}

/// Lower-cased header words and the role they name, most specific first. A header matches the
/// first entry it contains (as whole words for Latin text).
const VOCABULARY: &[(&str, ColumnRole)] = &[
    ("http status code", ColumnRole::HttpStatus),
    ("http status", ColumnRole::HttpStatus),
    ("status code", ColumnRole::HttpStatus),
    ("returned value", ColumnRole::HttpStatus),
    ("return value", ColumnRole::HttpStatus),
    ("返回值", ColumnRole::HttpStatus),
    ("response code", ColumnRole::HttpStatus),
    ("return code", ColumnRole::HttpStatus),
    ("状态码", ColumnRole::HttpStatus),
    ("error code", ColumnRole::ErrorCode),
    ("错误码", ColumnRole::ErrorCode),
    ("错误代码", ColumnRole::ErrorCode),
    ("error message", ColumnRole::Message),
    ("error information", ColumnRole::Message),
    ("error info", ColumnRole::Message),
    ("failure cause", ColumnRole::Message),
    ("message", ColumnRole::Message),
    ("错误信息", ColumnRole::Message),
    ("错误描述", ColumnRole::Message),
    ("失败原因", ColumnRole::Message),
    ("handling measure", ColumnRole::Solution),
    ("measure", ColumnRole::Solution),
    ("handling", ColumnRole::Solution),
    ("solution", ColumnRole::Solution),
    ("suggestion", ColumnRole::Solution),
    ("处理措施", ColumnRole::Solution),
    ("解决方案", ColumnRole::Solution),
    ("处理建议", ColumnRole::Solution),
    ("description", ColumnRole::Description),
    ("meaning", ColumnRole::Description),
    ("remarks", ColumnRole::Description),
    ("说明", ColumnRole::Description),
    ("描述", ColumnRole::Description),
    ("含义", ColumnRole::Description),
    ("module", ColumnRole::Module),
    ("service", ColumnRole::Module),
    ("模块", ColumnRole::Module),
    ("mandatory", ColumnRole::Mandatory),
    ("required", ColumnRole::Mandatory),
    ("是否必选", ColumnRole::Mandatory),
    ("是否必填", ColumnRole::Mandatory),
    ("必选", ColumnRole::Mandatory),
    ("failure type", ColumnRole::Value),
    ("event type", ColumnRole::Value),
    ("事件类型", ColumnRole::Value),
    ("parameter type", ColumnRole::Type),
    ("data type", ColumnRole::Type),
    ("type", ColumnRole::Type),
    ("参数类型", ColumnRole::Type),
    ("类型", ColumnRole::Type),
    ("parameter", ColumnRole::Parameter),
    ("field", ColumnRole::Parameter),
    ("name", ColumnRole::Parameter),
    ("参数", ColumnRole::Parameter),
    ("字段", ColumnRole::Parameter),
    ("名称", ColumnRole::Parameter),
    // Header and XML element tables of storage APIs (`Header | Type | Mandatory | Description`,
    // `Element | Type | Description`).
    ("header", ColumnRole::Parameter),
    ("element", ColumnRole::Parameter),
    ("消息头", ColumnRole::Parameter),
    ("元素", ColumnRole::Parameter),
    ("location", ColumnRole::Location),
    ("default", ColumnRole::Default),
    ("默认值", ColumnRole::Default),
    ("value range", ColumnRole::Range),
    ("range", ColumnRole::Range),
    ("constraint", ColumnRole::Range),
    ("取值范围", ColumnRole::Range),
    ("约束", ColumnRole::Range),
    ("cause", ColumnRole::Cause),
    ("原因", ColumnRole::Cause),
    ("status", ColumnRole::Value),
    ("state", ColumnRole::Value),
    ("value", ColumnRole::Value),
    ("状态", ColumnRole::Value),
    ("取值", ColumnRole::Value),
    ("值", ColumnRole::Value),
    // Object tables of OpenStack-style APIs (`Attribute | Type | Description`); last, so that
    // `Attribute Value` stays a value column.
    ("attribute", ColumnRole::Parameter),
];

/// Longest header text that can still be a header cell (longer text is a sentence).
const MAX_HEADER_CHARS: usize = 40;

/// Every vocabulary word in one automaton, so a header is scanned once, not once per word.
static VOCABULARY_MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(VOCABULARY.iter().map(|(words, _)| words))
        .expect("vocabulary automaton builds")
});

/// The role named by a header cell, if its words name one: of the vocabulary entries it
/// contains as whole words, the first in [`VOCABULARY`] order (the most specific).
pub fn column_role(header: &str) -> Option<ColumnRole> {
    let text = header.trim();
    if text.is_empty() || text.chars().count() > MAX_HEADER_CHARS {
        return None;
    }
    let lower = text.to_lowercase();
    VOCABULARY_MATCHER
        .find_overlapping_iter(&lower)
        .filter(|found| on_word_boundaries(&lower, found.start(), found.end()))
        .map(|found| found.pattern().as_usize())
        .min()
        .map(|entry| VOCABULARY[entry].1)
}

/// True when `haystack[start..end]` stands on word boundaries (any boundary for CJK words; a
/// plural `s` may follow).
fn on_word_boundaries(haystack: &str, start: usize, end: usize) -> bool {
    let cjk = haystack[start..end].chars().any(is_cjk_or_fullwidth);
    let before_ok = haystack[..start]
        .chars()
        .next_back()
        .is_none_or(|c| cjk || !c.is_alphanumeric());
    let after_ok = haystack[end..]
        .chars()
        .next()
        .is_none_or(|c| cjk || !c.is_alphanumeric() || c == 's');
    before_ok && after_ok
}

/// Roles of every header cell, in column order.
pub fn column_roles(header: &[String]) -> Vec<Option<ColumnRole>> {
    header.iter().map(|h| column_role(h)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ColumnRole::*;

    #[test]
    fn english_headers() {
        assert_eq!(column_role("HTTP Status Code"), Some(HttpStatus));
        assert_eq!(column_role("Status Code"), Some(HttpStatus));
        assert_eq!(column_role("Error Codes"), Some(ErrorCode));
        assert_eq!(column_role("Error Message"), Some(Message));
        assert_eq!(column_role("Failure Cause"), Some(Message));
        assert_eq!(column_role("Handling Measure"), Some(Solution));
        assert_eq!(column_role("Measure"), Some(Solution));
        assert_eq!(column_role("Handling"), Some(Solution));
        assert_eq!(column_role("Description"), Some(Description));
        assert_eq!(column_role("Mandatory"), Some(Mandatory));
        assert_eq!(column_role("Parameter"), Some(Parameter));
        assert_eq!(column_role("Type"), Some(Type));
        assert_eq!(column_role("Status"), Some(Value));
        assert_eq!(column_role("Protection Group Status"), Some(Value));
        assert_eq!(column_role("Failure Type"), Some(Value));
        assert_eq!(column_role("Response Code"), Some(HttpStatus));
        assert_eq!(column_role("Normal Response Code"), Some(HttpStatus));
        assert_eq!(column_role("Header"), Some(Parameter));
        assert_eq!(column_role("Element"), Some(Parameter));
        assert_eq!(column_role("Mandatory (Yes/No)"), Some(Mandatory));
    }

    #[test]
    fn chinese_headers() {
        assert_eq!(column_role("错误码"), Some(ErrorCode));
        assert_eq!(column_role("状态码"), Some(HttpStatus));
        assert_eq!(column_role("错误信息"), Some(Message));
        assert_eq!(column_role("处理措施"), Some(Solution));
        assert_eq!(column_role("是否必选"), Some(Mandatory));
        assert_eq!(column_role("参数类型"), Some(Type));
        assert_eq!(column_role("事件类型"), Some(Value));
        assert_eq!(column_role("Status 状态"), Some(Value));
        assert_eq!(column_role("说明"), Some(Description));
        assert_eq!(column_role("返回值"), Some(HttpStatus));
    }

    #[test]
    fn words_must_be_whole() {
        assert_eq!(column_role("Typeface"), None);
        assert_eq!(column_role("Renamed"), None);
        assert_eq!(
            column_role("This sentence is far too long to be a table header cell at all"),
            None
        );
    }
}
