//! Tombstones: what a new release dropped, kept from the previous one as retired entries
//! (`errdex build --baseline`), as rustc keeps removed error codes so `--explain` still answers.
//!
//! A code of the baseline that the new documents do not define is added to the new knowledge
//! base with its last definitions and a [`Retirement`]; so is an enumeration value (and an
//! enumeration the new documents drop whole, every value retired). Entries the baseline had
//! already retired are carried as they are, so a code stays retired across any number of
//! releases. The definitions of a retired entry name their source by its path in the baseline
//! (that release's sources are not this build's).

use std::collections::BTreeSet;

use crate::kb::{Definition, Enumeration, ErrorCode, KnowledgeBase, Retirement, canonical_code};

/// The release label of a build that was not given one.
pub const UNRELEASED: &str = "unreleased";

/// Adds to `new` what `baseline` documented and `new` does not, as retired entries.
/// `baseline_label` names the baseline when it has no `release` of its own (a git revision, a
/// path). Returns the number of codes and of enumeration values retired.
pub fn retire(
    new: &mut KnowledgeBase,
    baseline: &KnowledgeBase,
    baseline_label: &str,
) -> (usize, usize) {
    let retired_in = new
        .release
        .clone()
        .unwrap_or_else(|| UNRELEASED.to_string());
    let last_in = baseline
        .release
        .clone()
        .unwrap_or_else(|| baseline_label.to_string());
    let path_of = |source: &str| -> String {
        baseline
            .source(source)
            .map_or(source, |s| s.path.as_str())
            .to_string()
    };
    let retirement = |source: &str, line: u32| Retirement {
        retired_in: retired_in.clone(),
        last_documented_in: last_in.clone(),
        source: path_of(source),
        line,
    };
    let with_paths = |definitions: &[Definition]| -> Vec<Definition> {
        definitions
            .iter()
            .map(|d| Definition {
                source: path_of(&d.source),
                ..d.clone()
            })
            .collect()
    };

    let live: BTreeSet<String> = new
        .error_codes
        .iter()
        .map(|c| canonical_code(&c.code))
        .collect();
    let mut codes = 0;
    for code in &baseline.error_codes {
        if code.definitions.is_empty() || live.contains(&canonical_code(&code.code)) {
            continue;
        }
        let retired = match &code.retired {
            Some(earlier) => ErrorCode {
                retired: Some(earlier.clone()),
                ..code.clone()
            },
            None => {
                codes += 1;
                let stated = &code.definitions[code.authoritative.min(code.definitions.len() - 1)];
                ErrorCode {
                    definitions: with_paths(&code.definitions),
                    retired: Some(retirement(&stated.source, stated.line)),
                    ..code.clone()
                }
            }
        };
        new.error_codes.push(retired);
    }
    new.error_codes
        .sort_by(|a, b| (&a.code, &a.service).cmp(&(&b.code, &b.service)));

    let mut values = 0;
    let mut dropped_enums = Vec::new();
    for old in &baseline.enums {
        let same = |e: &&mut Enumeration| {
            e.name == old.name && e.operation == old.operation && e.service == old.service
        };
        match new.enums.iter_mut().find(same) {
            Some(current) => {
                for value in &old.values {
                    if current.values.iter().any(|v| v.value == value.value) {
                        continue;
                    }
                    let mut kept = value.clone();
                    if kept.retired.is_none() {
                        values += 1;
                        kept.retired = Some(retirement(&old.source, old.line));
                    }
                    current.values.push(kept);
                }
            }
            None => {
                let mut kept = Enumeration {
                    source: path_of(&old.source),
                    ..old.clone()
                };
                for value in &mut kept.values {
                    if value.retired.is_none() {
                        values += 1;
                        value.retired = Some(retirement(&old.source, old.line));
                    }
                }
                dropped_enums.push(kept);
            }
        }
    }
    dropped_enums.sort_by(|a, b| (&a.source, a.line, &a.name).cmp(&(&b.source, b.line, &b.name)));
    new.enums.extend(dropped_enums);
    (codes, values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testkb::{def, enumeration, kb};

    fn with_enum(mut kb: KnowledgeBase, values: &[&str]) -> KnowledgeBase {
        kb.enums.push(Enumeration {
            line: 40,
            ..enumeration("status", "a", values)
        });
        kb
    }

    #[test]
    fn dropped_codes_and_values_are_kept_retired() {
        let mut baseline = with_enum(
            kb(
                &["a"],
                vec![
                    def("a", 1, "X.1", Some(400), "Kept."),
                    def("a", 2, "X.2", Some(404), "Dropped."),
                ],
            ),
            &["on", "off"],
        );
        baseline.release = Some("1.0".into());
        let mut new = with_enum(
            kb(&["a"], vec![def("a", 1, "X.1", Some(400), "Kept.")]),
            &["on"],
        );
        new.release = Some("2.0".into());
        assert_eq!(retire(&mut new, &baseline, "HEAD~1"), (1, 1));
        let dropped = new.error_code("X.2").expect("kept");
        let retired = dropped.retired.as_ref().expect("retired");
        assert_eq!(
            retired.reason(),
            "retired in 2.0: last documented in 1.0 (docs/a.md:2)"
        );
        assert_eq!(dropped.definitions[0].source, "docs/a.md");
        assert!(new.error_code("X.1").unwrap().retired.is_none());
        let off = &new.enums[0].values[1];
        assert_eq!(off.value, "off");
        assert_eq!(off.retired.as_ref().unwrap().line, 40);

        // The next release drops nothing more: the tombstones are carried as they are.
        let mut next = with_enum(
            kb(&["a"], vec![def("a", 1, "X.1", Some(400), "Kept.")]),
            &["on"],
        );
        next.release = Some("3.0".into());
        assert_eq!(retire(&mut next, &new, "HEAD"), (0, 0));
        assert_eq!(
            next.error_code("X.2")
                .unwrap()
                .retired
                .as_ref()
                .unwrap()
                .retired_in,
            "2.0"
        );
        assert_eq!(next.enums[0].values.len(), 2);
    }
}
