//! The findings array as pretty JSON with a final newline. Locations and quoted texts are
//! places in the shape `explain` and `annotate` use too: source id, path relative to the
//! project root, line, and the upstream address when `source_url` is set.

use errdex_core::kb::Finding;
use serde_json::Value;

use super::SourceMap;

/// Renders findings as a JSON array.
pub fn render(findings: &[Finding], sources: &SourceMap) -> String {
    let findings: Vec<Value> = findings.iter().map(|f| finding(f, sources)).collect();
    super::pretty_json(&findings)
}

/// One finding, its locations and quotes as places.
fn finding(finding: &Finding, sources: &SourceMap) -> Value {
    let mut value = serde_json::to_value(finding).unwrap_or(Value::Null);
    let place = |source: &str, line: u32| {
        serde_json::to_value(sources.place(source, line)).unwrap_or(Value::Null)
    };
    value["locations"] = finding
        .locations
        .iter()
        .map(|l| place(&l.source, l.line))
        .collect();
    if !finding.texts.is_empty() {
        value["texts"] = finding
            .texts
            .iter()
            .map(|q| {
                let mut quote = place(&q.location.source, q.location.line);
                quote["text"] = Value::String(q.text.clone());
                quote
            })
            .collect();
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use errdex_core::check::at;
    use errdex_core::kb::{Finding, FindingKind, Location, Quote};

    #[test]
    fn kinds_are_kebab_case_and_locations_are_places() {
        let mut finding =
            Finding::new(FindingKind::MeaningConflict, "m", vec![at("a", 3)]).with_code("X.1");
        finding.texts = vec![Quote {
            location: Location {
                source: "a".to_string(),
                line: 3,
            },
            text: "Disk full.".to_string(),
        }];
        let mut sources =
            SourceMap::new().with_source_url(Some("https://example.com/docs/{path}#L{line}"));
        sources.insert("a", "docs/a.md", "");
        let value: Value = serde_json::from_str(&render(&[finding], &sources)).expect("json");
        assert_eq!(value[0]["kind"], "meaning-conflict");
        assert_eq!(value[0]["severity"], "error");
        assert_eq!(value[0]["code"], "X.1");
        let location = &value[0]["locations"][0];
        assert_eq!(location["source"], "a");
        assert_eq!(location["path"], "docs/a.md");
        assert_eq!(location["line"], 3);
        assert_eq!(location["url"], "https://example.com/docs/docs/a.md#L3");
        assert_eq!(value[0]["texts"][0]["path"], "docs/a.md");
        assert_eq!(value[0]["texts"][0]["text"], "Disk full.");
    }

    #[test]
    fn no_url_without_a_template() {
        let finding = Finding::new(FindingKind::MeaningConflict, "m", vec![at("a", 3)]);
        let value: Value =
            serde_json::from_str(&render(&[finding], &SourceMap::new())).expect("json");
        assert_eq!(value[0]["locations"][0]["path"], "a");
        assert!(value[0]["locations"][0].get("url").is_none());
    }
}
