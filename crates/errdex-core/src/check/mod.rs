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
pub mod meaning;
pub mod mentions;
pub mod similarity;
pub mod tables;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::Config;
use rayon::prelude::*;

use crate::kb::{self, ErrorCode, KnowledgeBase, Location, Severity, Source};

/// What a finding is about. Each kind has one severity and one description (the SARIF rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Kind {
    /// One code, different meanings in different sources.
    MeaningConflict,
    /// One code, one meaning, different words.
    WordingVariant,
    /// One code, texts too far apart to call one meaning, too close to call two.
    PossibleConflict,
    /// One code, different HTTP statuses in different sources.
    StatusConflict,
    /// A code's definition in one source reads like another code's in a second source.
    RenumberingHint,
    /// One code means different things in different config groups (releases, services).
    GroupDifference,
    /// One code defined twice in one source.
    DuplicateDefinition,
    /// One message for several codes in one source.
    DuplicateMessage,
    /// An error code documented with a 2xx status.
    SuccessStatus,
    /// `NA` and `N/A` (or other spellings) mixed in one source.
    MixedNotApplicable,
    /// A JSON example uses a value outside the documented enumeration.
    UndocumentedEnumValue,
    /// A JSON example has a field no table documents.
    UndocumentedField,
    /// A JSON example lacks a field its table marks mandatory.
    MissingRequiredField,
    /// A JSON example's value has a type the table contradicts.
    TypeMismatch,
    /// One enumeration documented twice with different values.
    EnumMismatch,
    /// A code used in prose or an example that no source defines.
    UndefinedCode,
    /// An acknowledgement in the config that matched no finding.
    UnusedAcknowledgement,
}

impl Kind {
    /// Every kind, in a stable order (SARIF rules are listed in this order).
    pub const ALL: [Kind; 17] = [
        Kind::MeaningConflict,
        Kind::WordingVariant,
        Kind::PossibleConflict,
        Kind::StatusConflict,
        Kind::RenumberingHint,
        Kind::GroupDifference,
        Kind::DuplicateDefinition,
        Kind::DuplicateMessage,
        Kind::SuccessStatus,
        Kind::MixedNotApplicable,
        Kind::UndocumentedEnumValue,
        Kind::UndocumentedField,
        Kind::MissingRequiredField,
        Kind::TypeMismatch,
        Kind::EnumMismatch,
        Kind::UndefinedCode,
        Kind::UnusedAcknowledgement,
    ];

    /// The machine-readable id (`meaning-conflict`).
    pub fn id(self) -> &'static str {
        self.info().0
    }

    /// The severity before acknowledgement.
    pub fn severity(self) -> Severity {
        self.info().1
    }

    /// One sentence for a reader (the SARIF rule description).
    pub fn description(self) -> &'static str {
        self.info().2
    }

    fn info(self) -> (&'static str, Severity, &'static str) {
        use Severity::{Error, Note, Warning};
        match self {
            Kind::MeaningConflict => (
                "meaning-conflict",
                Error,
                "The same error code is defined with different meanings in different sources.",
            ),
            Kind::WordingVariant => (
                "wording-variant",
                Note,
                "The same error code has the same meaning worded differently in different sources.",
            ),
            Kind::PossibleConflict => (
                "possible-conflict",
                Warning,
                "The same error code is worded so differently in different sources that its meaning may differ: a person should look.",
            ),
            Kind::StatusConflict => (
                "status-conflict",
                Error,
                "The same error code has different HTTP statuses in different sources.",
            ),
            Kind::RenumberingHint => (
                "renumbering-hint",
                Note,
                "A definition in one source reads like another code's definition in another source: a table may have shifted.",
            ),
            Kind::GroupDifference => (
                "group-difference",
                Note,
                "The same error code means different things in different source groups (releases or services).",
            ),
            Kind::DuplicateDefinition => (
                "duplicate-definition",
                Error,
                "The same error code is defined more than once in one source.",
            ),
            Kind::DuplicateMessage => (
                "duplicate-message",
                Warning,
                "Several error codes share one message in one source, so a reader cannot tell them apart.",
            ),
            Kind::SuccessStatus => (
                "success-status",
                Warning,
                "An error code is documented with a 2xx (success) HTTP status.",
            ),
            Kind::MixedNotApplicable => (
                "mixed-not-applicable",
                Note,
                "One source spells 'not applicable' in several ways (NA, N/A).",
            ),
            Kind::UndocumentedEnumValue => (
                "undocumented-enum-value",
                Warning,
                "A JSON example uses a value that is not among the documented values of its field.",
            ),
            Kind::UndocumentedField => (
                "undocumented-field",
                Warning,
                "A JSON example has a field that no table of its operation documents.",
            ),
            Kind::MissingRequiredField => (
                "missing-required-field",
                Warning,
                "A JSON example lacks a field that its table documents as mandatory.",
            ),
            Kind::TypeMismatch => (
                "type-mismatch",
                Warning,
                "A JSON example's value has a type that contradicts the documented type.",
            ),
            Kind::EnumMismatch => (
                "enum-mismatch",
                Warning,
                "The same enumeration is documented twice with different values.",
            ),
            Kind::UndefinedCode => (
                "undefined-code",
                Note,
                "An error code is used in prose or an example, but no source defines it.",
            ),
            Kind::UnusedAcknowledgement => (
                "unused-acknowledgement",
                Warning,
                "An acknowledgement in errdex.toml matched no finding; it may be stale.",
            ),
        }
    }
}

/// A quoted text at a place: one side of a conflict, or the value an example uses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// Where the text is.
    #[serde(flatten)]
    pub location: Location,
    /// The text.
    pub text: String,
}

/// One finding, with what a printer needs beyond `kb.json`'s [`kb::Finding`]: the differing
/// texts, the similarity score, the acknowledgement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// What it is about.
    pub kind: Kind,
    /// Severity (a note when acknowledged).
    pub severity: Severity,
    /// Message for a person.
    pub message: String,
    /// Where, most important first.
    pub locations: Vec<Location>,
    /// The error code concerned, if any.
    pub code: Option<String>,
    /// The differing texts, for conflicts and variants.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub texts: Vec<Quote>,
    /// The similarity score that decided a meaning question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// The reason from the config, when a maintainer acknowledged it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acknowledged: Option<String>,
}

impl Finding {
    /// A finding of a kind at its default severity.
    pub fn new(kind: Kind, message: impl Into<String>, locations: Vec<Location>) -> Self {
        Finding {
            kind,
            severity: kind.severity(),
            message: message.into(),
            locations,
            code: None,
            texts: Vec::new(),
            similarity: None,
            acknowledged: None,
        }
    }

    /// Sets the code concerned.
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// The `kb.json` form.
    pub fn to_kb(&self) -> kb::Finding {
        kb::Finding {
            kind: self.kind.id().to_string(),
            severity: self.severity,
            message: self.message.clone(),
            locations: self.locations.clone(),
            code: self.code.clone(),
        }
    }
}

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

/// Which definition of `code` is authoritative: the one from the source `errdex.toml` ranks
/// first for the code's service (`[authority]`, or the authority of the source's group); else,
/// and among sources it does not rank, the first in source order (sources sorted by id, rows by
/// line). An index into `code.definitions`; 0 for a code with one definition.
pub fn authoritative(context: &Context, code: &ErrorCode) -> usize {
    if code.definitions.len() < 2 {
        return 0;
    }
    code.definitions
        .iter()
        .enumerate()
        .min_by_key(|(_, d)| {
            (
                context
                    .authority(&code.service, &d.source)
                    .unwrap_or(usize::MAX),
                context.order(&d.source),
                d.line,
            )
        })
        .map_or(0, |(index, _)| index)
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
                Kind::UnusedAcknowledgement,
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

    use crate::kb::{Definition, ErrorCode, KnowledgeBase, SCHEMA_VERSION, Source};

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
            .find(|f| f.kind == Kind::MeaningConflict)
            .expect("conflict");
        assert_eq!(conflict.severity, Severity::Note);
        assert_eq!(conflict.acknowledged.as_deref(), Some("renumbered"));
        assert!(
            findings
                .iter()
                .any(|f| f.kind == Kind::UnusedAcknowledgement && f.message.contains("X.9"))
        );
        assert!(!Summary::of(&findings).fails(false));
        assert!(Summary::of(&findings).fails(true));
    }

    #[test]
    fn authority_picks_the_definition() {
        let kb = kb(
            &["a", "b"],
            vec![
                def("a", 3, "CSS.1", None, "One."),
                def("b", 9, "CSS.1", None, "Two."),
            ],
        );
        let config = Config::parse("[authority]\nCSS = [\"b\"]\n", std::path::Path::new("e"))
            .expect("valid");
        let code = &kb.error_codes[0];
        assert_eq!(authoritative(&Context::new(&kb, &config), code), 1);
        let default = Config::default();
        assert_eq!(authoritative(&Context::new(&kb, &default), code), 0);
    }

    #[test]
    fn kinds_have_unique_ids() {
        let ids: std::collections::BTreeSet<&str> = Kind::ALL.iter().map(|k| k.id()).collect();
        assert_eq!(ids.len(), Kind::ALL.len());
    }
}
