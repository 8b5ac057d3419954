//! `errdex explain`: a [`Lookup`] as a `rustc --explain`-style text, or as JSON.

use super::{Format, pretty_json};
use errdex_core::explain::{Explanation, Lookup, one_line};
use errdex_core::kb::Severity;

fn status_of(http_status: Option<u16>, status_text: Option<&str>) -> String {
    match (http_status, status_text) {
        (Some(status), _) => status.to_string(),
        (None, Some(text)) if !text.trim().is_empty() => text.to_string(),
        _ => "-".to_string(),
    }
}

/// The human report, `rustc --explain` style.
fn human(lookup: &Lookup) -> String {
    match lookup {
        Lookup::Unknown { query, nearest } => {
            let mut out = format!("error: unknown error code `{query}`\n");
            if !nearest.is_empty() {
                out.push_str(&format!("nearest known codes: {}\n", nearest.join(", ")));
            }
            out
        }
        Lookup::Known { explanation } => explanation_text(explanation),
    }
}

fn explanation_text(e: &Explanation) -> String {
    let mut out = format!("{} (service {})\n", e.code, non_empty(&e.service));
    match &e.meaning {
        Some(m) => {
            out.push_str(&format!("\n  Meaning:  {}\n", m.message));
            if let Some(description) = m.description.as_deref().filter(|d| !d.is_empty()) {
                out.push_str(&format!("            {description}\n"));
            }
            out.push_str(&format!(
                "  Status:   {}\n",
                status_of(m.http_status, m.status_text.as_deref())
            ));
            if let Some(solution) = m.solution.as_deref().filter(|s| !s.is_empty()) {
                out.push_str(&format!("  Solution: {solution}\n"));
            }
            out.push_str(&format!(
                "  From:     {}:{} ({} of {} definitions agree)\n",
                m.place.path, m.place.line, m.agreeing, m.definitions
            ));
        }
        None => out.push_str("\n  Not defined in any table; only mentioned.\n"),
    }
    if !e.definitions.is_empty() {
        let verdict = if e.conflicting {
            "they conflict"
        } else if e.definitions.len() > 1 {
            "no conflict reported"
        } else {
            "one definition"
        };
        out.push_str(&format!(
            "\nDefinitions ({}; {verdict}):\n",
            e.definitions.len()
        ));
        for site in &e.definitions {
            let d = &site.definition;
            out.push_str(&format!(
                "  {}:{}  [{}] {}  {}\n",
                site.path,
                d.line,
                status_of(d.http_status, d.status_text.as_deref()),
                d.code_text,
                d.message
            ));
            if let Some(solution) = d.solution.as_deref().filter(|s| !s.is_empty()) {
                out.push_str(&format!("      solution: {solution}\n"));
            }
        }
    }
    if !e.findings.is_empty() {
        out.push_str("\nFindings:\n");
        for f in &e.findings {
            let places: Vec<String> = f
                .places
                .iter()
                .map(|p| format!("{}:{}", p.path, p.line))
                .collect();
            out.push_str(&format!(
                "  {}[{}]: {}\n",
                severity_word(f.severity),
                f.kind,
                f.message
            ));
            if !places.is_empty() {
                out.push_str(&format!("      at {}\n", places.join(", ")));
            }
        }
    }
    if !e.mentions.is_empty() {
        out.push_str(&format!("\nMentioned in ({}):\n", e.mentions.len()));
        for m in &e.mentions {
            out.push_str(&format!(
                "  {}:{}  ({})  {}\n",
                m.place.path,
                m.place.line,
                m.context,
                one_line(&m.text)
            ));
        }
    }
    if !e.related.is_empty() {
        out.push_str("\nRelated codes:\n");
        for r in &e.related {
            out.push_str(&format!(
                "  {}  ({}){}\n",
                r.code,
                r.relation.describe(),
                r.message
                    .as_deref()
                    .map(|m| format!("  {m}"))
                    .unwrap_or_default()
            ));
        }
    }
    out
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn non_empty(text: &str) -> &str {
    if text.is_empty() { "unknown" } else { text }
}

/// `lookup` in `format` (SARIF is not a format of this printer and prints as JSON).
pub fn render(format: Format, lookup: &Lookup) -> String {
    match format {
        Format::Human => human(lookup),
        Format::Json | Format::Sarif => pretty_json(&lookup),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use errdex_core::explain::ExplainContext;

    /// Two pages that define CSS.6007 differently, and DWS.6007 with the same number.
    fn explained(code: &str) -> Lookup {
        let dir = tempfile::tempdir().expect("temp dir");
        let table = |rows: &str| {
            format!(
                "# Error codes\n\n| Status Code | Error Code | Error Message | Solution |\n| --- | --- | --- | --- |\n{rows}"
            )
        };
        let pages = [
            (
                "a.md",
                table("| 400 | CSS.6007 | The cluster does not exist. | Check the ID. |\n"),
            ),
            (
                "b.md",
                table(
                    "| 400 | CSS.6007 | Failed to reset the password. | Retry. |\n| 400 | DWS.6007 | Another meaning here. | - |\n",
                ),
            ),
        ];
        for (name, text) in pages {
            std::fs::write(dir.path().join(name), text).expect("write page");
        }
        let compiled = errdex_core::Build::new()
            .source(dir.path())
            .compile()
            .expect("compile");
        ExplainContext::new(&compiled.kb).lookup(code)
    }

    #[test]
    fn human_report_lists_every_section() {
        let text = render(Format::Human, &explained("css6007"));
        for expected in [
            "CSS.6007 (service CSS)",
            "Meaning:  The cluster does not exist.",
            "Definitions (2; they conflict)",
            "a.md:5  [400] CSS.6007  The cluster does not exist.",
            "error[meaning-conflict]",
            "DWS.6007  (same number)",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in\n{text}");
        }
    }

    #[test]
    fn unknown_codes_name_the_nearest_and_json_keeps_the_shape() {
        let lookup = explained("CSS.6070");
        assert!(render(Format::Human, &lookup).contains("nearest known codes: CSS.6007"));
        let json: serde_json::Value =
            serde_json::from_str(&render(Format::Json, &lookup)).expect("JSON");
        assert_eq!(json["status"], "unknown");
        assert_eq!(json["nearest"][0], "CSS.6007");
    }
}
