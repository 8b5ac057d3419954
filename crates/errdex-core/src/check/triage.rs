//! Triage for CI: which findings to show ([`Selection`]: minimum severity, kinds), counts per
//! kind and service ([`Tally`]), and a baseline of known findings ([`Baseline`]) so a CI gate
//! fails only on new ones.
//!
//! A baseline keys each finding by a [`fingerprint`] that survives unrelated edits, in the
//! spirit of SARIF's partial fingerprints and clippy/eslint baselines: the kind, the code, the
//! paths of the sources involved and the texts in question, but never line numbers (a
//! paragraph added above a table moves every line) and never source ids (a new file with the
//! same stem renames ids). The same finding twice counts twice.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::kb::{Finding, FindingKind, Severity, Source, canonical_code};
use crate::shapes::sha256_hex;

/// Which findings to show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// The least severity shown (`None`: every severity).
    pub min_severity: Option<Severity>,
    /// Only these kinds (empty: every kind).
    pub kinds: Vec<FindingKind>,
}

impl Selection {
    /// Whether a finding is shown.
    pub fn admits(&self, finding: &Finding) -> bool {
        self.min_severity
            .is_none_or(|least| finding.severity.at_least(least))
            && (self.kinds.is_empty() || self.kinds.contains(&finding.kind))
    }
}

/// The key of a finding in a baseline (hex SHA-256 of its stable parts).
pub fn fingerprint(finding: &Finding, sources: &[Source]) -> String {
    fingerprint_with(finding, &|id| {
        sources
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| id.to_string(), |s| s.path.clone())
    })
}

/// [`fingerprint`] with the source paths given by a function of the source id.
pub fn fingerprint_with(finding: &Finding, path_of: &dyn Fn(&str) -> String) -> String {
    let mut paths: Vec<String> = finding
        .locations
        .iter()
        .map(|l| path_of(&l.source))
        .collect();
    paths.sort_unstable();
    paths.dedup();
    let mut texts: Vec<String> = finding
        .texts
        .iter()
        .map(|quote| quote.text.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    texts.sort_unstable();
    // Messages name codes, fields and values but no line numbers; without quoted texts
    // (example findings) the message is what tells two findings apart.
    let what = if texts.is_empty() {
        vec![without_digits_after_colon(&finding.message)]
    } else {
        texts
    };
    let key = serde_json::json!({
        "kind": finding.kind.id(),
        "code": finding.code.as_deref().map(canonical_code),
        "paths": paths,
        "what": what,
    });
    sha256_hex(key.to_string().as_bytes())
}

/// A message with `file:123` line references turned into `file:_`, should a message name one.
fn without_digits_after_colon(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == ':' && chars.peek().is_some_and(char::is_ascii_digit) {
            while chars.next_if(char::is_ascii_digit).is_some() {}
            out.push('_');
        }
    }
    out
}

/// Known findings, as `errdex check --write-baseline FILE` records them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// Version of this layout.
    pub version: u32,
    /// One entry per known finding, sorted.
    pub findings: Vec<BaselineEntry>,
}

/// One known finding: its fingerprint, and what it was, for a person reading the file in a
/// review.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BaselineEntry {
    /// [`fingerprint`] of the finding.
    pub fingerprint: String,
    /// Its kind.
    pub kind: FindingKind,
    /// The code concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Its message.
    pub message: String,
}

/// Version of the baseline file layout.
pub const BASELINE_VERSION: u32 = 1;

impl Baseline {
    /// The baseline of these findings.
    pub fn of(findings: &[Finding], sources: &[Source]) -> Baseline {
        let mut entries: Vec<BaselineEntry> = findings
            .iter()
            .map(|f| BaselineEntry {
                fingerprint: fingerprint(f, sources),
                kind: f.kind,
                code: f.code.clone(),
                message: f.message.clone(),
            })
            .collect();
        entries.sort();
        Baseline {
            version: BASELINE_VERSION,
            findings: entries,
        }
    }

    /// Reads a baseline file's text; the message says what is wrong.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let baseline: Baseline = serde_json::from_str(text).map_err(|err| err.to_string())?;
        if baseline.version != BASELINE_VERSION {
            return Err(format!(
                "baseline version {} (this errdex writes {BASELINE_VERSION}); write it again with --write-baseline",
                baseline.version
            ));
        }
        Ok(baseline)
    }

    /// Pretty JSON with a final newline: what `--write-baseline` writes.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_string());
        text.push('\n');
        text
    }

    /// The findings that are not in the baseline (each baseline entry absorbs one finding
    /// with its fingerprint), in their order.
    pub fn new_findings<'f>(
        &self,
        findings: &'f [Finding],
        sources: &[Source],
    ) -> Vec<&'f Finding> {
        let mut known: BTreeMap<&str, usize> = BTreeMap::new();
        for entry in &self.findings {
            *known.entry(entry.fingerprint.as_str()).or_default() += 1;
        }
        findings
            .iter()
            .filter(|finding| {
                let key = fingerprint(finding, sources);
                match known.get_mut(key.as_str()) {
                    Some(left) if *left > 0 => {
                        *left -= 1;
                        false
                    }
                    _ => true,
                }
            })
            .collect()
    }
}

/// Counts of findings per kind and per service (the code's service; `-` for findings about
/// no code).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Kind id → severity, count.
    pub kinds: BTreeMap<&'static str, (Severity, usize)>,
    /// Service → count.
    pub services: BTreeMap<String, usize>,
    /// Errors, warnings, notes.
    pub totals: super::Summary,
}

impl Tally {
    /// Counts `findings`; `service_of` names a code's service.
    pub fn of<'f>(
        findings: impl IntoIterator<Item = &'f Finding>,
        service_of: impl Fn(&str) -> Option<String>,
    ) -> Tally {
        let mut tally = Tally::default();
        for finding in findings {
            tally
                .kinds
                .entry(finding.kind.id())
                .or_insert((finding.severity, 0))
                .1 += 1;
            let service = finding
                .code
                .as_deref()
                .and_then(&service_of)
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "-".to_string());
            *tally.services.entry(service).or_default() += 1;
            match finding.severity {
                Severity::Error => tally.totals.errors += 1,
                Severity::Warning => tally.totals.warnings += 1,
                Severity::Note => tally.totals.notes += 1,
            }
        }
        tally
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::{Location, Quote};

    fn source(id: &str, path: &str) -> Source {
        Source {
            id: id.to_string(),
            path: path.to_string(),
            format: "markdown".to_string(),
            title: None,
            language: "en".to_string(),
            service: None,
            sha256: String::new(),
        }
    }

    fn conflict(line_a: u32, line_b: u32, text_b: &str) -> Finding {
        let at = |source: &str, line| Location {
            source: source.to_string(),
            line,
        };
        let mut finding = Finding::new(
            FindingKind::MeaningConflict,
            "CSS.6007 has 2 meanings",
            vec![at("a", line_a), at("b", line_b)],
        )
        .with_code("CSS.6007");
        finding.texts = vec![
            Quote {
                location: at("a", line_a),
                text: "Failed to create the snapshot.".to_string(),
            },
            Quote {
                location: at("b", line_b),
                text: text_b.to_string(),
            },
        ];
        finding
    }

    #[test]
    fn fingerprints_ignore_lines_and_ids_but_not_paths_or_texts() {
        let sources = [source("a", "docs/a.md"), source("b", "docs/b.md")];
        let moved = [source("x", "docs/a.md"), source("b", "docs/b.md")];
        let base = fingerprint(&conflict(10, 20, "Failed to reset the password."), &sources);
        assert_eq!(
            base,
            fingerprint(&conflict(14, 27, "Failed to reset the password."), &sources)
        );
        let mut renamed = conflict(10, 20, "Failed to reset the  password.");
        renamed.locations[0].source = "x".to_string();
        assert_eq!(
            base,
            fingerprint(&renamed, &moved),
            "ids and spaces do not count"
        );
        assert_ne!(
            base,
            fingerprint(&conflict(10, 20, "Another meaning."), &sources)
        );
        let other_path = [source("a", "docs/c.md"), source("b", "docs/b.md")];
        assert_ne!(
            base,
            fingerprint(
                &conflict(10, 20, "Failed to reset the password."),
                &other_path
            )
        );
    }

    #[test]
    fn baseline_absorbs_known_findings_one_for_one() {
        let sources = [source("a", "docs/a.md"), source("b", "docs/b.md")];
        let known = [conflict(10, 20, "Failed to reset the password.")];
        let baseline = Baseline::parse(&Baseline::of(&known, &sources).to_json()).unwrap();
        let now = [
            conflict(11, 21, "Failed to reset the password."),
            conflict(11, 21, "Failed to reset the password."),
            conflict(11, 30, "The cluster is frozen."),
        ];
        let new: Vec<u32> = baseline
            .new_findings(&now, &sources)
            .iter()
            .map(|f| f.locations[1].line)
            .collect();
        assert_eq!(new, vec![21, 30]);
        assert!(
            Baseline::parse("{\"version\": 9, \"findings\": []}")
                .unwrap_err()
                .contains("version 9")
        );
        assert!(Baseline::parse("not json").is_err());
    }

    #[test]
    fn selection_and_tally() {
        let finding = conflict(1, 2, "x");
        let mut note = Finding::new(
            FindingKind::UndefinedCode,
            "ECS.1 is not defined",
            Vec::new(),
        )
        .with_code("ECS.1");
        note.severity = Severity::Note;
        let errors_only = Selection {
            min_severity: Some(Severity::Error),
            kinds: Vec::new(),
        };
        assert!(errors_only.admits(&finding) && !errors_only.admits(&note));
        let undefined = Selection {
            min_severity: None,
            kinds: vec![FindingKind::UndefinedCode],
        };
        assert!(undefined.admits(&note) && !undefined.admits(&finding));
        let tally = Tally::of([&finding, &note], |code| {
            Some(code.split('.').next()?.to_string())
        });
        assert_eq!(tally.kinds["meaning-conflict"], (Severity::Error, 1));
        assert_eq!(tally.services["CSS"], 1);
        assert_eq!((tally.totals.errors, tally.totals.notes), (1, 1));
        assert_eq!(
            without_digits_after_colon("see a.md:120 now"),
            "see a.md:_ now"
        );
        assert_eq!(
            without_digits_after_colon("Note: x at 10:30"),
            "Note: x at 10:_"
        );
    }
}
