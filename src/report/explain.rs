//! `errdex explain`: a [`Lookup`] as a `rustc --explain`-style text, or as JSON.

use super::{Format, pretty_json};
use errdex_core::explain::{Explanation, Lookup, Meaning, OtherMeaning, language_name, one_line};

/// Width of the labels of the meaning block (`Solution:`), a space after.
const LABEL: usize = 9;

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
            out.push_str(&format!(
                "help: to find it in the text of the docs, try `errdex search {}`\n",
                shell_word(query)
            ));
            out
        }
        Lookup::Known { explanation } => explanation_text(explanation),
    }
}

fn explanation_text(e: &Explanation) -> String {
    let mut out = format!("{} (service {})\n", e.code, non_empty(&e.service));
    if let Some(retired) = &e.retired {
        out.push_str(&format!(
            "\n  Retired in {}: last documented in {} ({}:{}). The documents no longer define it; what follows is its last definition.\n",
            retired.retired_in, retired.last_documented_in, retired.source, retired.line
        ));
    }
    match &e.meaning {
        Some(m) => out.push_str(&meaning_text(m)),
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
                f.severity.as_str(),
                f.kind,
                f.message
            ));
            if !places.is_empty() {
                out.push_str(&format!("      at {}\n", places.join(", ")));
            }
            if let Some(reason) = &f.acknowledged {
                out.push_str(&format!("      acknowledged in errdex.toml: {reason}\n"));
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

/// One line of the meaning block: the label padded, then the text.
fn labelled(label: &str, text: &str) -> String {
    format!("  {:<LABEL$} {text}\n", format!("{label}:"))
}

/// The meaning errdex states, how far the sources agree, what differs and the translations.
fn meaning_text(m: &Meaning) -> String {
    let mut out = String::from("\n");
    out.push_str(&labelled("Meaning", &m.message));
    if let Some(description) = m.description.as_deref().filter(|d| adds_to(d, &m.message)) {
        out.push_str(&format!("  {:LABEL$} {description}\n", ""));
    }
    if let Some(note) = m.note.as_deref() {
        out.push_str(&labelled("Note", note));
    }
    let status = status_of(m.http_status, m.status_text.as_deref());
    out.push_str(&labelled("Status", &status));
    if let Some(solution) = m.solution.as_deref().filter(|s| !s.is_empty()) {
        out.push_str(&labelled("Solution", solution));
    }
    out.push_str(&labelled(
        "From",
        &format!("{}:{}", m.place.path, m.place.line),
    ));
    out.push_str(&labelled("Sources", &m.agreement));
    if !m.in_reader_language {
        out.push_str(&labelled(
            "Language",
            &format!(
                "nothing in the language asked for; stated in {}",
                language_name(&m.language)
            ),
        ));
    }
    for other in &m.differing {
        out.push_str(&labelled("Differs", &other_text(other)));
    }
    for other in &m.translations {
        out.push_str(&labelled(
            language_name(&other.language),
            &other_text(other),
        ));
    }
    out
}

/// True when a description says something its message does not (not blank, not the same
/// words).
fn adds_to(description: &str, message: &str) -> bool {
    let words = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    !description.trim().is_empty() && words(description) != words(message)
}

/// A meaning not stated: its texts and where it is given.
fn other_text(other: &OtherMeaning) -> String {
    let mut text = one_line(&other.message);
    if let Some(description) = other
        .description
        .as_deref()
        .filter(|d| adds_to(d, &other.message))
    {
        text.push_str(&format!(" / {}", one_line(description)));
    }
    if let Some(solution) = other.solution.as_deref().filter(|s| !s.is_empty()) {
        text.push_str(&format!(" (solution: {})", one_line(solution)));
    }
    let places: Vec<String> = other
        .places
        .iter()
        .map(|p| format!("{}:{}", p.path, p.line))
        .collect();
    format!("{text} — {}", places.join(", "))
}

/// The query as one shell word: quoted when it holds anything but letters, digits, `.`, `-`
/// and `_`.
fn shell_word(query: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || matches!(c, '.' | '-' | '_');
    match !query.is_empty() && query.chars().all(plain) {
        true => query.to_string(),
        false => format!("'{}'", query.replace('\'', r"'\''")),
    }
}

fn non_empty(text: &str) -> &str {
    if text.is_empty() { "unknown" } else { text }
}

/// `lookup` in `format` (SARIF is not a format of this printer and prints as JSON).
pub fn render(format: Format, lookup: &Lookup) -> String {
    render_all(format, std::slice::from_ref(lookup))
}

/// Several answers in `format`: the human reports one after another, a blank line between;
/// JSON as one object for one code, an array for several.
pub fn render_all(format: Format, lookups: &[Lookup]) -> String {
    match (format, lookups) {
        (Format::Human | Format::Markdown, _) => {
            lookups.iter().map(human).collect::<Vec<_>>().join("\n")
        }
        (Format::Json | Format::Sarif, [one]) => pretty_json(one),
        (Format::Json | Format::Sarif, _) => pretty_json(&lookups),
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
            "Sources:  1 of 2 sources agree; 1 differs; no majority of sources",
            "Differs:  Failed to reset the password. (solution: Retry.) — ",
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
        let text = render(Format::Human, &lookup);
        assert!(text.contains("nearest known codes: CSS.6007"), "{text}");
        assert!(text.contains("try `errdex search CSS.6070`"), "{text}");
        let json: serde_json::Value =
            serde_json::from_str(&render(Format::Json, &lookup)).expect("JSON");
        assert_eq!(json["status"], "unknown");
        assert_eq!(json["nearest"][0], "CSS.6007");
    }

    #[test]
    fn several_codes_print_one_after_another_and_as_a_json_array() {
        let lookups = [explained("css6007"), explained("nope 1")];
        let text = render_all(Format::Human, &lookups);
        assert!(text.starts_with("CSS.6007 (service CSS)"), "{text}");
        assert!(
            text.contains("\nerror: unknown error code `nope 1`"),
            "{text}"
        );
        assert!(text.contains("try `errdex search 'nope 1'`"), "{text}");
        let json: serde_json::Value =
            serde_json::from_str(&render_all(Format::Json, &lookups)).expect("JSON");
        assert_eq!(json[0]["status"], "known");
        assert_eq!(json[1]["status"], "unknown");
    }

    #[test]
    fn queries_are_quoted_for_the_shell_where_needed() {
        assert_eq!(shell_word("CSS.6007"), "CSS.6007");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word(""), "''");
    }
}
