//! `errdex check --summary`: counts of findings per kind and per service.

use errdex_core::check::triage::Tally;
use errdex_core::kb::Severity;

use super::{Format, pretty_json};

/// The tally in `format` (SARIF has no summary form and prints as JSON).
pub fn render(format: Format, tally: &Tally) -> String {
    match format {
        Format::Human | Format::Markdown => human(tally),
        Format::Json | Format::Sarif => pretty_json(tally),
    }
}

fn human(tally: &Tally) -> String {
    let mut out = format!("{}\n", super::counted(&tally.totals));
    if tally.kinds.is_empty() {
        return out;
    }
    let mut kinds: Vec<(&&str, &(Severity, usize))> = tally.kinds.iter().collect();
    kinds.sort_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)).then(a.0.cmp(b.0)));
    out.push_str("\nby kind:\n");
    let width = kinds.iter().map(|(kind, _)| kind.len()).max().unwrap_or(0);
    for (kind, (severity, count)) in kinds {
        out.push_str(&format!(
            "  {kind:<width$}  {:>7}  {count:>6}\n",
            severity.as_str()
        ));
    }
    let mut services: Vec<(&String, &usize)> = tally.services.iter().collect();
    services.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    out.push_str("\nby service:\n");
    let width = services.iter().map(|(s, _)| s.len()).max().unwrap_or(0);
    for (service, count) in services {
        out.push_str(&format!("  {service:<width$}  {count:>6}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use errdex_core::kb::{Finding, FindingKind};

    #[test]
    fn counts_by_kind_then_service() {
        let findings = [
            Finding::new(FindingKind::UndefinedCode, "a", Vec::new()).with_code("ECS.1"),
            Finding::new(FindingKind::MeaningConflict, "b", Vec::new()).with_code("CSS.2"),
            Finding::new(FindingKind::MeaningConflict, "c", Vec::new()).with_code("CSS.3"),
        ];
        let tally = Tally::of(&findings, |code| Some(code[..3].to_string()));
        let text = render(Format::Human, &tally);
        assert!(text.starts_with("2 errors, 0 warnings, 1 note\n"), "{text}");
        let conflict = text.find("meaning-conflict    error       2").expect(&text);
        let undefined = text.find("undefined-code").expect(&text);
        assert!(conflict < undefined, "errors first:\n{text}");
        assert!(text.contains("  CSS       2\n  ECS       1\n"), "{text}");
        let json: serde_json::Value = serde_json::from_str(&render(Format::Json, &tally)).unwrap();
        assert_eq!(json["kinds"]["meaning-conflict"][1], 2);
    }
}
