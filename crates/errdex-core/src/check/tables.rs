//! Within one source: a code defined twice, one message for several codes, a success status
//! for an error code, mixed spellings of "not applicable".

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use super::judging::text_of;
use super::similarity::{surface, surface_hash};
use super::{Context, at};
use crate::kb::{Definition, ErrorCode, canonical_code};
use crate::kb::{Finding, FindingKind, Quote};

/// Runs the within-source checks.
pub fn check(context: &Context) -> Vec<Finding> {
    let codes = &context.kb.error_codes;
    let mut findings = Vec::new();
    findings.extend(codes.iter().flat_map(duplicate_definitions));
    findings.extend(duplicate_messages(codes));
    findings.extend(
        codes
            .iter()
            .flat_map(|c| c.definitions.iter().map(move |d| (c, d)))
            .filter_map(|(c, d)| success_status(c, d)),
    );
    findings.extend(mixed_not_applicable(codes));
    findings
}

/// An error for each source that defines a code more than once.
fn duplicate_definitions(code: &ErrorCode) -> Vec<Finding> {
    if code.definitions.len() < 2 {
        return Vec::new();
    }
    let mut by_source: BTreeMap<&str, Vec<&Definition>> = BTreeMap::new();
    for d in &code.definitions {
        by_source.entry(&d.source).or_default().push(d);
    }
    by_source
        .into_iter()
        .filter(|(_, defs)| defs.len() > 1)
        .map(|(source, defs)| {
            let lines: Vec<String> = defs.iter().map(|d| d.line.to_string()).collect();
            let mut finding = Finding::new(
                FindingKind::DuplicateDefinition,
                format!(
                    "{} is listed {} times in {source} (lines {})",
                    code.code,
                    defs.len(),
                    lines.join(", ")
                ),
                defs.iter().map(|d| at(&d.source, d.line)).collect(),
            )
            .with_code(&code.code);
            finding.texts = defs.iter().map(|d| quote(d)).collect();
            finding
        })
        .collect()
}

fn quote(d: &Definition) -> Quote {
    Quote {
        location: at(&d.source, d.line),
        text: text_of(d).to_string(),
    }
}

/// A warning for each message that several codes share in one source.
fn duplicate_messages(codes: &[ErrorCode]) -> Vec<Finding> {
    type Row<'a> = (&'a ErrorCode, &'a Definition);
    // Keyed by a hash of the surface, not the surface itself: no string per definition. Most
    // messages occur once, so the first row is kept inline and only repeats allocate.
    let definitions = codes.iter().map(|c| c.definitions.len()).sum();
    let mut by_message: FxHashMap<(&str, u64), (Row, Vec<Row>)> =
        FxHashMap::with_capacity_and_hasher(definitions, Default::default());
    for code in codes {
        for d in &code.definitions {
            let text = text_of(d);
            if !text.chars().any(char::is_alphanumeric) {
                continue;
            }
            match by_message.entry((&d.source, surface_hash(text))) {
                Entry::Occupied(mut rows) => rows.get_mut().1.push((code, d)),
                Entry::Vacant(rows) => {
                    rows.insert(((code, d), Vec::new()));
                }
            }
        }
    }
    let mut shared: Vec<(&str, Vec<Row>)> = by_message
        .into_iter()
        .filter(|(_, (_, repeats))| !repeats.is_empty())
        .flat_map(|((source, _), (first, repeats))| {
            // Rows with one hash: split by the surface itself, in case two texts collide.
            let mut by_surface: BTreeMap<String, Vec<Row>> = BTreeMap::new();
            for row in std::iter::once(first).chain(repeats) {
                by_surface
                    .entry(surface(text_of(row.1)))
                    .or_default()
                    .push(row);
            }
            by_surface.into_values().map(move |mut rows| {
                rows.sort_by_key(|(c, d)| (d.line, &c.code));
                (source, rows)
            })
        })
        .filter(|(_, rows)| {
            let distinct: BTreeSet<String> =
                rows.iter().map(|(c, _)| canonical_code(&c.code)).collect();
            distinct.len() > 1
        })
        .collect();
    // Hash order is arbitrary: order by place (one definition belongs to one message).
    shared.sort_by(|(sa, ra), (sb, rb)| {
        (sa, ra[0].1.line, &ra[0].0.code).cmp(&(sb, rb[0].1.line, &rb[0].0.code))
    });
    shared
        .into_iter()
        .map(|(source, rows)| {
            let names: Vec<&str> = rows.iter().map(|(c, _)| c.code.as_str()).collect();
            let (_, first) = rows[0];
            let mut finding = Finding::new(
                FindingKind::DuplicateMessage,
                format!(
                    "{} share the message {:?} in {source}",
                    names.join(", "),
                    text_of(first)
                ),
                rows.iter().map(|(_, d)| at(&d.source, d.line)).collect(),
            )
            .with_code(names[0]);
            finding.texts = rows.iter().map(|(_, d)| quote(d)).collect();
            finding
        })
        .collect()
}

/// A warning when an error code is documented with a 2xx status.
fn success_status(code: &ErrorCode, d: &Definition) -> Option<Finding> {
    let status = d.http_status.filter(|s| (200..300).contains(s))?;
    Some(
        Finding::new(
            FindingKind::SuccessStatus,
            format!(
                "error code {} is documented with HTTP status {status}, a success status",
                code.code
            ),
            vec![at(&d.source, d.line)],
        )
        .with_code(&code.code),
    )
}

/// The spelling of a "not applicable" status cell (`NA`, `N/A`, `n/a`), if it is one.
fn not_applicable_spelling(d: &Definition) -> Option<&str> {
    let raw = d.status_text.as_deref()?.trim();
    let letters: String = raw.chars().filter(|c| c.is_alphanumeric()).collect();
    letters.eq_ignore_ascii_case("na").then_some(raw)
}

/// A note for each source that spells "not applicable" in more than one way.
fn mixed_not_applicable(codes: &[ErrorCode]) -> Vec<Finding> {
    let mut spellings: BTreeMap<&str, BTreeMap<&str, Vec<&Definition>>> = BTreeMap::new();
    for d in codes.iter().flat_map(|c| &c.definitions) {
        if let Some(spelling) = not_applicable_spelling(d) {
            spellings
                .entry(&d.source)
                .or_default()
                .entry(spelling)
                .or_default()
                .push(d);
        }
    }
    spellings
        .into_iter()
        .filter(|(_, by_spelling)| by_spelling.len() > 1)
        .map(|(source, by_spelling)| {
            let counts: Vec<String> = by_spelling
                .iter()
                .map(|(s, defs)| match defs.len() {
                    1 => format!("{s:?} once"),
                    n => format!("{s:?} {n} times"),
                })
                .collect();
            let mut firsts: Vec<&Definition> = by_spelling
                .values()
                .filter_map(|defs| defs.iter().min_by_key(|d| d.line).copied())
                .collect();
            firsts.sort_by_key(|d| d.line);
            let mut finding = Finding::new(
                FindingKind::MixedNotApplicable,
                format!(
                    "{source} spells 'not applicable' in {} ways: {}",
                    by_spelling.len(),
                    counts.join(", ")
                ),
                firsts.iter().map(|d| at(&d.source, d.line)).collect(),
            );
            finding.texts = firsts
                .iter()
                .map(|d| Quote {
                    location: at(&d.source, d.line),
                    text: d.status_text.clone().unwrap_or_default(),
                })
                .collect();
            finding
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testkb::*;
    use super::*;
    use crate::config::Config;

    fn run(kb: &crate::kb::KnowledgeBase) -> Vec<Finding> {
        let config = Config::default();
        check(&Context::new(kb, &config))
    }

    #[test]
    fn duplicate_definition_in_one_source() {
        let kb = kb(
            &["a"],
            vec![
                def("a", 1, "X.1", None, "One."),
                def("a", 5, "X.1", None, "Two."),
            ],
        );
        let findings = run(&kb);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].kind, FindingKind::DuplicateDefinition);
        assert_eq!(findings[0].locations.len(), 2);
    }

    #[test]
    fn same_message_for_two_codes() {
        let kb = kb(
            &["a", "b"],
            vec![
                def(
                    "a",
                    1,
                    "X.1",
                    None,
                    "The disk size is beyond the valid range.",
                ),
                def(
                    "a",
                    2,
                    "X.2",
                    None,
                    "the disk size is beyond the valid range",
                ),
                def(
                    "b",
                    3,
                    "X.3",
                    None,
                    "The disk size is beyond the valid range.",
                ),
            ],
        );
        let findings = run(&kb);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(findings[0].kind, FindingKind::DuplicateMessage);
        assert!(findings[0].message.starts_with("X.1, X.2 share"));
    }

    #[test]
    fn success_status_and_mixed_na() {
        let mut na = def("a", 2, "X.2", None, "Two.");
        na.status_text = Some("NA".into());
        let mut slash = def("a", 3, "X.3", None, "Three.");
        slash.status_text = Some("N/A".into());
        let kb = kb(
            &["a"],
            vec![def("a", 1, "X.1", Some(202), "One."), na, slash],
        );
        let findings = run(&kb);
        let kinds: Vec<FindingKind> = findings.iter().map(|f| f.kind).collect();
        assert!(kinds.contains(&FindingKind::SuccessStatus), "{kinds:?}");
        assert!(
            kinds.contains(&FindingKind::MixedNotApplicable),
            "{kinds:?}"
        );
    }
}
