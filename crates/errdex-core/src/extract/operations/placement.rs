//! Where a parameter table goes: the section of the page a heading or short paragraph opens,
//! and the placement the table's caption and the text before it name.

use crate::kb::ParameterLocation;

/// Which part of an API page the reader is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    Other,
    Uri,
    Request,
    Response,
    RequestExample,
    ResponseExample,
}

/// Where a parameter table goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Placement {
    Parameters(Option<ParameterLocation>),
    ResponseFields,
    ResponseHeaders,
}

/// The section a heading or a short label opens. A bare `Example` label (no request or
/// response word) continues the section it stands in: under the URI it shows an example URI,
/// under the request an example request; elsewhere it is a response example.
pub(super) fn section_of(text: &str, current: Option<Section>) -> Option<Section> {
    let lower = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&["example", "示例"]) {
        return Some(if has(&["request", "请求"]) {
            Section::RequestExample
        } else if has(&["response", "响应", "返回"]) {
            Section::ResponseExample
        } else {
            match current {
                Some(Section::Uri) => Section::Uri,
                Some(Section::Request | Section::RequestExample) => Section::RequestExample,
                _ => Section::ResponseExample,
            }
        });
    }
    if has(&["response", "响应", "返回"]) {
        return Some(Section::Response);
    }
    if has(&["request", "请求"]) {
        return Some(Section::Request);
    }
    if has(&["uri", "url"]) {
        return Some(Section::Uri);
    }
    None
}

pub(super) fn placement(context: &str, section: Option<Section>) -> Placement {
    let has = |words: &[&str]| words.iter().any(|w| context.contains(w));
    let response = has(&["response", "响应", "返回参数"]);
    if has(&["path param", "路径参数"]) {
        return Placement::Parameters(Some(ParameterLocation::Path));
    }
    if has(&["query param", "查询参数", "filter", "query string"]) {
        return Placement::Parameters(Some(ParameterLocation::Query));
    }
    if has(&["header"]) {
        return if response {
            Placement::ResponseHeaders
        } else {
            Placement::Parameters(Some(ParameterLocation::Header))
        };
    }
    if response {
        return Placement::ResponseFields;
    }
    if has(&[
        "request body",
        "请求体",
        "body param",
        "请求参数",
        "request param",
    ]) {
        return Placement::Parameters(Some(ParameterLocation::Body));
    }
    match section {
        Some(Section::Uri) | None => Placement::Parameters(None),
        Some(Section::Request | Section::RequestExample) => {
            Placement::Parameters(Some(ParameterLocation::Body))
        }
        Some(Section::Response | Section::ResponseExample) => Placement::ResponseFields,
        Some(Section::Other) => Placement::Parameters(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placements() {
        assert_eq!(
            placement("table 1 path parameters", None),
            Placement::Parameters(Some(ParameterLocation::Path))
        );
        assert_eq!(
            placement("request filter field description", Some(Section::Uri)),
            Placement::Parameters(Some(ParameterLocation::Query))
        );
        assert_eq!(
            placement("table 4 response body parameters", None),
            Placement::ResponseFields
        );
        assert_eq!(
            placement("", Some(Section::Uri)),
            Placement::Parameters(None)
        );
    }
}
