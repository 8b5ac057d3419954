//! Check: where do the docs contradict themselves? Knowledge base in, findings out.
//!
//! Like rustc's tidy, every stage runs and every problem is collected before anyone fails:
//! 1. [`meaning`]: each code's definitions across sources: meaning conflicts (error), wording
//!    variants (note), possible conflicts the words cannot settle (warning), status conflicts
//!    (error), renumbering hints (note), differences between
//!    config groups (note).
//! 2. [`tables`]: within one source: a code defined twice (error), one message for several codes
//!    (warning), a 2xx status for an error code (warning), mixed `NA`/`N/A` spellings (note).
//! 3. [`examples`]: JSON examples against their own tables: undocumented enumeration values,
//!    undocumented fields, missing required fields, JSON types contradicting documented types.
//! 4. [`enums`]: one enumeration documented twice with different values (warning).
//! 5. [`mentions`]: codes used in prose or examples that no source defines (note).
//! 6. The config's acknowledgements turn known findings into notes with their reason; an
//!    acknowledgement that matched nothing is a warning. Findings are sorted by place.
//!
//! The check is pure: it reads no files. Printers (`crate::report`) quote source lines.

pub mod enums;
pub mod examples;
pub mod judging;
mod lists;
pub mod meaning;
pub mod mentions;
pub mod similarity;
pub mod tables;
pub mod triage;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::Config;
use rayon::prelude::*;

use crate::kb::{Finding, FindingKind};
use crate::kb::{KnowledgeBase, Location, Severity, Source};

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Error-level findings.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Notes.
    pub notes: usize,
}

impl Summary {
    /// Counts findings.
    pub fn of(findings: &[Finding]) -> Summary {
        let mut summary = Summary::default();
        for finding in findings {
            match finding.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Note => summary.notes += 1,
            }
        }
        summary
    }

    /// True when the check fails: an error, or a warning with `deny_warnings`.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.errors > 0 || (deny_warnings && self.warnings > 0)
    }
}

/// Runs every check and returns the findings, sorted by place.
pub fn check(kb: &KnowledgeBase, config: &Config) -> Vec<Finding> {
    let context = Context::new(kb, config);
    // The stages are independent: run them side by side; `sort` fixes the order afterwards.
    let stages: [&(dyn Fn() -> Vec<Finding> + Sync); 5] = [
        &|| meaning::check(&context),
        &|| tables::check(&context),
        &|| examples::check(kb),
        &|| enums::check(kb),
        &|| mentions::check(kb),
    ];
    let mut findings: Vec<Finding> = stages.par_iter().flat_map_iter(|stage| stage()).collect();
    acknowledge(&mut findings, &context);
    sort(&mut findings, &context);
    findings
}

/// The knowledge base with lookups the stages share.
pub struct Context<'a> {
    /// The knowledge base.
    pub kb: &'a KnowledgeBase,
    /// The config.
    pub config: &'a Config,
    sources: BTreeMap<&'a str, (usize, &'a Source)>,
}

impl<'a> Context<'a> {
    /// Indexes a knowledge base.
    pub fn new(kb: &'a KnowledgeBase, config: &'a Config) -> Self {
        let sources = kb
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), (i, s)))
            .collect();
        Context {
            kb,
            config,
            sources,
        }
    }

    /// A source by id.
    pub fn source(&self, id: &str) -> Option<&'a Source> {
        self.sources.get(id).map(|(_, s)| *s)
    }

    /// Position of a source in the knowledge base (unknown ids sort last).
    pub fn order(&self, id: &str) -> usize {
        self.sources.get(id).map_or(usize::MAX, |(i, _)| *i)
    }

    /// The folder of a source, relative to the project root: pages of one service or product
    /// sit in one folder.
    pub fn folder(&self, id: &str) -> Option<&'a std::path::Path> {
        self.source(id)
            .and_then(|s| std::path::Path::new(&s.path).parent())
    }

    /// The product folder of a source: the first folder of its path under the project root
    /// (`dds` for `dds/api-reference/error-code.md`), `None` for a page at the root. A
    /// documentation repository keeps each product under a folder of its own; two products
    /// behind one code prefix (DDS and RDS behind `DBS.`) are two code lists.
    pub fn product(&self, id: &str) -> Option<&'a str> {
        self.source(id).and_then(|s| {
            let path = s.path.as_str();
            path.split_once('/').map(|(first, _)| first)
        })
    }

    /// The config group of a source, if any.
    pub fn group(&self, id: &str) -> Option<usize> {
        self.source(id).and_then(|s| self.config.group_of(s))
    }

    /// The authority rank of a source for a service (0 first), if the config gives one.
    pub fn authority(&self, service: &str, id: &str) -> Option<usize> {
        self.source(id)
            .and_then(|s| self.config.authority_rank(service, s))
    }
}

/// A location from a source id and line.
pub fn at(source: &str, line: u32) -> Location {
    Location {
        source: source.to_string(),
        line,
    }
}

fn acknowledge(findings: &mut Vec<Finding>, context: &Context) {
    let mut used = vec![false; context.config.acknowledgements.len()];
    for finding in findings.iter_mut() {
        let sources: Vec<&Source> = finding
            .locations
            .iter()
            .filter_map(|l| context.source(&l.source))
            .collect();
        let matched =
            context
                .config
                .acknowledgement(finding.kind.id(), finding.code.as_deref(), &sources);
        if let Some((index, reason)) = matched {
            used[index] = true;
            finding.severity = Severity::Note;
            finding.acknowledged = Some(reason.to_string());
        }
    }
    for (ack, used) in context.config.acknowledgements.iter().zip(used) {
        if !used {
            let what = [
                ack.kind.as_deref().map(|k| format!("kind = {k:?}")),
                ack.code.as_deref().map(|c| format!("code = {c:?}")),
                ack.source.as_deref().map(|s| format!("source = {s:?}")),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            findings.push(Finding::new(
                FindingKind::UnusedAcknowledgement,
                format!("acknowledgement ({what}) matched no finding"),
                Vec::new(),
            ));
        }
    }
}

fn sort(findings: &mut [Finding], context: &Context) {
    findings.sort_by(|a, b| {
        let key = |f: &Finding| {
            let first = f
                .locations
                .first()
                .map_or((usize::MAX, 0), |l| (context.order(&l.source), l.line));
            (first, f.kind, f.code.clone(), f.message.clone())
        };
        key(a).cmp(&key(b))
    });
}

#[cfg(test)]
pub(crate) mod testkb {
    //! Hand-built knowledge bases for the stages' unit tests.

    use crate::kb::{
        Definition, EnumValue, Enumeration, ErrorCode, KnowledgeBase, SCHEMA_VERSION, Source,
    };

    /// An enumeration `name` of `source`, line 1, tied to no operation or object, with these
    /// values (no descriptions).
    pub fn enumeration(name: &str, source: &str, values: &[&str]) -> Enumeration {
        Enumeration {
            name: name.into(),
            service: None,
            source: source.into(),
            line: 1,
            operation: None,
            object: None,
            values: values
                .iter()
                .map(|v| EnumValue {
                    value: (*v).into(),
                    description: String::new(),
                    retired: None,
                })
                .collect(),
        }
    }

    /// A source with an id.
    pub fn source(id: &str) -> Source {
        Source {
            id: id.into(),
            path: format!("docs/{id}.md"),
            format: "markdown".into(),
            title: None,
            language: "en".into(),
            service: None,
            sha256: String::new(),
        }
    }

    /// A definition row.
    pub fn def(
        source: &str,
        line: u32,
        code: &str,
        status: Option<u16>,
        message: &str,
    ) -> Definition {
        Definition {
            source: source.into(),
            line,
            code_text: code.into(),
            http_status: status,
            status_text: None,
            message: message.into(),
            description: None,
            solution: None,
            module: None,
            note: None,
        }
    }

    /// A knowledge base from definitions, grouped by code like `normalize` does.
    pub fn kb(sources: &[&str], definitions: Vec<Definition>) -> KnowledgeBase {
        let mut codes: Vec<ErrorCode> = Vec::new();
        for d in definitions {
            match codes.iter_mut().find(|c| c.code == d.code_text) {
                Some(code) => code.definitions.push(d),
                None => codes.push(ErrorCode {
                    code: d.code_text.clone(),
                    service: d.code_text.split('.').next().unwrap_or("").to_uppercase(),
                    definitions: vec![d],
                    authoritative: 0,
                    meanings: Vec::new(),
                    ranked: Vec::new(),
                    retired: None,
                }),
            }
        }
        codes.sort_by(|a, b| a.code.cmp(&b.code));
        KnowledgeBase {
            schema_version: SCHEMA_VERSION,
            sources: sources.iter().map(|s| source(s)).collect(),
            error_codes: codes,
            ..KnowledgeBase::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testkb::*;
    use super::*;

    #[test]
    fn acknowledged_findings_become_notes_and_unused_ones_warn() {
        let kb = kb(
            &["a", "b"],
            vec![
                def("a", 3, "CSS.1", None, "Failed to create the snapshot."),
                def("b", 9, "CSS.1", None, "Failed to reset the password."),
            ],
        );
        let config = Config::parse(
            "[[acknowledge]]\ncode = \"css.1\"\nreason = \"renumbered\"\n\n[[acknowledge]]\ncode = \"X.9\"\nreason = \"old\"\n",
            std::path::Path::new("errdex.toml"),
        )
        .expect("valid");
        let findings = check(&kb, &config);
        let conflict = findings
            .iter()
            .find(|f| f.kind == FindingKind::MeaningConflict)
            .expect("conflict");
        assert_eq!(conflict.severity, Severity::Note);
        assert_eq!(conflict.acknowledged.as_deref(), Some("renumbered"));
        assert!(
            findings
                .iter()
                .any(|f| f.kind == FindingKind::UnusedAcknowledgement && f.message.contains("X.9"))
        );
        assert!(!Summary::of(&findings).fails(false));
        assert!(Summary::of(&findings).fails(true));
    }

    #[test]
    fn kinds_have_unique_ids() {
        let ids: std::collections::BTreeSet<&str> =
            FindingKind::ALL.iter().map(|k| k.id()).collect();
        assert_eq!(ids.len(), FindingKind::ALL.len());
    }
}
