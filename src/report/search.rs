//! `errdex search`: ranked hits as numbered blocks, or as JSON.

use super::{Format, pretty_json};
use errdex_search::SearchResults;

/// One block per hit: name, service, status, source, then the snippet with `[matches]`.
fn human(results: &SearchResults) -> String {
    if results.hits.is_empty() {
        let mut out = format!("no hits for `{}`\n", results.query);
        if !results.suggestions.is_empty() {
            out.push_str(&format!("near terms: {}\n", results.suggestions.join(", ")));
        }
        return out;
    }
    let mut out = String::new();
    for (rank, hit) in results.hits.iter().enumerate() {
        let mut facts = vec![hit.kind.replace('_', " ")];
        if let Some(service) = &hit.service {
            facts.push(format!("service {service}"));
        }
        if let Some(status) = hit.status {
            facts.push(format!("HTTP {status}"));
        }
        out.push_str(&format!(
            "{}. {}  ({})  {}:{}\n",
            rank + 1,
            hit.name,
            facts.join(", "),
            hit.source,
            hit.line
        ));
        if let Some(title) = &hit.title {
            out.push_str(&format!("   in: {title}\n"));
        }
        if !hit.snippet.text.is_empty() {
            out.push_str(&format!(
                "   {}\n",
                hit.snippet.marked("[", "]").replace('\n', " ")
            ));
        }
    }
    out
}

/// `results` in `format` (SARIF is not a format of this printer and prints as JSON).
pub fn render(format: Format, results: &SearchResults) -> String {
    match format {
        Format::Human | Format::Markdown => human(results),
        Format::Json | Format::Sarif => pretty_json(&results),
    }
}
