//! SARIF 2.1.0: one run, one rule per finding kind, one result per finding.
//!
//! The first location is the result's location, the others are related locations. An
//! acknowledged finding carries an external suppression with the config's reason, so viewers
//! such as GitHub code scanning show it as dismissed. Paths become relative URI references
//! (percent-encoded, `/` separators). No timestamps: the same findings give the same bytes.

use serde_json::{Value, json};

use super::SourceMap;
use errdex_core::check::triage::fingerprint_with;
use errdex_core::kb::Location;
use errdex_core::kb::{Finding, FindingKind};

/// The schema URI written into the log.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Renders findings as a SARIF 2.1.0 log.
pub fn render(findings: &[Finding], sources: &SourceMap) -> String {
    let log = log(findings, sources);
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_string());
    out.push('\n');
    out
}

/// The SARIF log as a JSON value.
pub fn log(findings: &[Finding], sources: &SourceMap) -> Value {
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "errdex",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": FindingKind::ALL.iter().map(|k| rule(*k)).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": findings.iter().map(|f| result(f, sources)).collect::<Vec<_>>(),
        }]
    })
}

fn rule(kind: FindingKind) -> Value {
    json!({
        "id": kind.id(),
        "name": rule_name(kind.id()),
        "shortDescription": { "text": kind.description() },
        "fullDescription": { "text": kind.description() },
        "defaultConfiguration": { "level": kind.severity().as_str() },
    })
}

/// `meaning-conflict` → `MeaningConflict` (SARIF rule names are identifiers).
fn rule_name(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect()
}

fn result(finding: &Finding, sources: &SourceMap) -> Value {
    let rule_index = FindingKind::ALL
        .iter()
        .position(|k| *k == finding.kind)
        .unwrap_or(0);
    let mut result = json!({
        "ruleId": finding.kind.id(),
        "ruleIndex": rule_index,
        "level": finding.severity.as_str(),
        "message": { "text": finding.message },
        // The baseline's key: code-scanning viewers match results across runs by it, so a
        // finding that only moved lines is not new.
        "partialFingerprints": {
            "errdexFingerprint/v1": fingerprint_with(finding, &|id| sources.path(id).to_string()),
        },
    });
    if let Some((first, rest)) = finding.locations.split_first() {
        result["locations"] = json!([location(first, sources)]);
        if !rest.is_empty() {
            result["relatedLocations"] = Value::Array(
                rest.iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let mut related = location(l, sources);
                        related["id"] = json!(i + 1);
                        related
                    })
                    .collect(),
            );
        }
    }
    if let Some(reason) = &finding.acknowledged {
        result["suppressions"] = json!([{ "kind": "external", "justification": reason }]);
    }
    if let Some(code) = &finding.code {
        result["properties"] = json!({ "code": code });
    }
    result
}

fn location(location: &Location, sources: &SourceMap) -> Value {
    let mut physical = json!({
        "artifactLocation": { "uri": uri(sources.path(&location.source)) },
    });
    if location.line >= 1 {
        physical["region"] = json!({ "startLine": location.line });
    }
    let mut value = json!({ "physicalLocation": physical });
    if let Some(url) = sources.place(&location.source, location.line).url {
        // The line on the web (errdex.toml's source_url), for viewers that link out.
        value["properties"] = json!({ "url": url });
    }
    value
}

/// A path as a relative URI reference: `/` separators, everything but unreserved characters and
/// `/` percent-encoded (so non-ASCII file names stay valid).
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use errdex_core::check::at;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(uri("docs/a b.md"), "docs/a%20b.md");
        assert_eq!(uri(".\\docs\\错.md"), "docs/%E9%94%99.md");
    }

    #[test]
    fn results_point_at_rules_and_lines() {
        let mut finding = Finding::new(
            FindingKind::DuplicateMessage,
            "X.1, X.2 share a message",
            vec![at("a", 3), at("a", 4)],
        );
        finding.acknowledged = Some("known".into());
        let mut sources = SourceMap::new();
        sources.insert("a", "docs/a.md", "");
        let log = log(&[finding], &sources);
        let result = &log["runs"][0]["results"][0];
        let index = result["ruleIndex"].as_u64().expect("index") as usize;
        assert_eq!(
            log["runs"][0]["tool"]["driver"]["rules"][index]["id"],
            "duplicate-message"
        );
        assert_eq!(
            result["locations"][0]["physicalLocation"]["region"]["startLine"],
            3
        );
        assert_eq!(result["relatedLocations"][0]["id"], 1);
        assert_eq!(result["suppressions"][0]["kind"], "external");
        assert_eq!(rule_name("meaning-conflict"), "MeaningConflict");
    }
}
