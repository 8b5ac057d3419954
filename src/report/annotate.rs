//! `errdex annotate`: one block per task, or the annotated input as JSON.

use super::{Format, pretty_json};
use errdex_core::annotate::Annotated;
use errdex_core::explain::one_line;

/// One block per task.
fn human(annotated: &Annotated) -> String {
    if annotated.tasks.is_empty() {
        return "no error codes found in the input\n".to_string();
    }
    let mut out = String::new();
    for task in &annotated.tasks {
        let place = if task.pointer.is_empty() {
            "(top level)"
        } else {
            task.pointer.as_str()
        };
        out.push_str(&format!("{place}\n"));
        for c in &task.codes {
            let found = if c.in_text {
                format!("in {}", c.member)
            } else {
                c.member.clone()
            };
            out.push_str(&format!("  {} ({found})", c.code));
            if !c.known {
                out.push_str(": unknown code");
                if !c.nearest.is_empty() {
                    out.push_str(&format!("; nearest: {}", c.nearest.join(", ")));
                }
                out.push('\n');
                continue;
            }
            let status = c
                .http_status
                .map(|s| format!(" [HTTP {s}]"))
                .unwrap_or_default();
            let meaning = c
                .meaning
                .as_deref()
                .unwrap_or("only mentioned, never defined");
            out.push_str(&format!(": {}{status}\n", one_line(meaning)));
            if let Some(solution) = &c.solution {
                out.push_str(&format!("      solution: {}\n", one_line(solution)));
            }
            if let Some(agreement) = &c.agreement {
                out.push_str(&format!("      agreement: {agreement}\n"));
            }
            if let Some(source) = &c.source {
                let conflict = if c.conflicting {
                    "; definitions conflict, see `errdex explain`"
                } else {
                    ""
                };
                out.push_str(&format!("      source: {source}{conflict}\n"));
            }
        }
    }
    let codes: usize = annotated.tasks.iter().map(|t| t.codes.len()).sum();
    let unknown = annotated
        .tasks
        .iter()
        .flat_map(|t| &t.codes)
        .filter(|c| !c.known)
        .count();
    out.push_str(&format!(
        "\n{} task(s), {codes} code(s), {unknown} unknown\n",
        annotated.tasks.len()
    ));
    out
}

/// `annotated` in `format` (SARIF is not a format of this printer and prints as JSON).
pub fn render(format: Format, annotated: &Annotated) -> String {
    match format {
        Format::Human | Format::Markdown => human(annotated),
        Format::Json | Format::Sarif => pretty_json(&annotated.document),
    }
}
