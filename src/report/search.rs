//! `errdex search`: ranked hits as numbered blocks, or as JSON.

use super::{Format, pretty_json};
use errdex_search::SearchResults;
use errdex_search::docs::DocKind;

/// Places listed under a hit before "and N more".
const PLACES_SHOWN: usize = 3;

/// Why nothing was found: the filter that left nothing, or near terms.
fn nothing(results: &SearchResults) -> String {
    if let Some(emptied) = &results.emptied_by {
        let hits = match emptied.before {
            1 => "1 hit".to_string(),
            n => format!("{n} hits"),
        };
        return format!(
            "no hits for `{}`: the words find {hits}, but `{}` leaves none\n",
            results.query, emptied.filter
        );
    }
    let mut out = format!("no hits for `{}`\n", results.query);
    if !results.suggestions.is_empty() {
        out.push_str(&format!("near terms: {}\n", results.suggestions.join(", ")));
    }
    out
}

/// What stands behind a grouped hit: "3 definitions", "in 10 operations".
fn count_words(kind: DocKind, count: usize) -> Option<String> {
    let noun = match kind {
        DocKind::Code | DocKind::RetiredCode => "definitions",
        DocKind::Mention => "mentions",
        DocKind::Field => "operations",
        DocKind::Enum | DocKind::RetiredValue => "enumerations",
        DocKind::Operation | DocKind::Page => return None,
    };
    (count > 1).then(|| format!("in {count} {noun}"))
}

/// One block per hit: name, kind, service, status, first place; context; the snippet with
/// `[matches]`; the other places of a grouped hit.
fn human(results: &SearchResults) -> String {
    if results.hits.is_empty() {
        return nothing(results);
    }
    let mut out = String::new();
    for (rank, hit) in results.hits.iter().enumerate() {
        let mut facts = vec![hit.kind.as_str().to_string()];
        if let Some(service) = &hit.service {
            facts.push(format!("service {service}"));
        }
        if let Some(status) = hit.status {
            facts.push(format!("HTTP {status}"));
        }
        facts.extend(count_words(hit.kind, hit.count));
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
        if hit.places.len() > 1 {
            let shown: Vec<String> = hit.places[1..]
                .iter()
                .take(PLACES_SHOWN)
                .map(|p| format!("{}:{}", p.path, p.line))
                .collect();
            let more = hit.places.len() - 1 - shown.len();
            let tail = match more {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            out.push_str(&format!("   also: {}{tail}\n", shown.join(", ")));
        }
    }
    if results.total > results.hits.len() {
        out.push_str(&format!(
            "({} of {} hits; --limit shows more)\n",
            results.hits.len(),
            results.total
        ));
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
