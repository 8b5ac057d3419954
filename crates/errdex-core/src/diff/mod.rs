//! What changed between two releases of the documentation, and what it does to the generated
//! crate: two [`KnowledgeBase`]s in, one [`KbDiff`] out. Pure: it reads no files and runs no
//! git (the command line compiles or loads each side).
//!
//! Steps:
//! 1. [`codes`]: error codes matched by canonical spelling: added, removed, retired (kept by
//!    `errdex build --baseline`); for a code in both, the meaning errdex states on each side
//!    judged by `check`'s own judgement ([`crate::check::judging::Judge`]): the same words, a
//!    rewording, a meaning the words cannot settle, or another meaning; then HTTP status and
//!    solution; then renumbering (an old text now under another code, matched best-first like
//!    `check`'s renumbering hints).
//! 2. [`apis`]: enumerations matched by service, operation and name: values added, removed,
//!    renamed (a removed and an added value with one description, or the same letters);
//!    operations matched by service, method and path: added, removed; their parameters by
//!    location and name (added, removed, made required or optional, type changed) and their
//!    response fields by status and name, named objects by name.
//! 3. Every change gets its [`Impact`] on the generated crate, by one rule ([`ChangeKind::impact`]
//!    with the change's facts): a removed variant, struct or field, a changed Rust type or a newly
//!    required field is breaking; an added variant (enums are `#[non_exhaustive]` or carry
//!    `Unknown`), type or optional field is minor; a changed text (message, solution, status,
//!    description) is a patch. The whole diff's impact is the largest.
//!
//! `retire` keeps what a new release dropped as retired entries (`errdex build --baseline`),
//! and `history` follows one code through a list of releases (`errdex explain --history`).

pub mod apis;
pub mod codes;
pub mod history;
pub mod retire;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::check::Context;
use crate::check::judging::Judge;
use crate::config::Config;
use crate::kb::{Definition, ErrorCode, KnowledgeBase};

pub use history::{CodeHistory, Era, history};
pub use retire::retire;

/// What a change does to the generated crate, as semver says it: the least first, so the
/// largest of several is their `max`.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Nothing the crate shows changes.
    #[default]
    None,
    /// A text the crate returns changes (message, solution, HTTP status, description).
    Patch,
    /// Something is added (a variant, a type, an optional field).
    Minor,
    /// Code that compiled against the old crate may not compile against the new one.
    Breaking,
}

impl Impact {
    /// `none`, `patch`, `minor`, `breaking`.
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::None => "none",
            Impact::Patch => "patch",
            Impact::Minor => "minor",
            Impact::Breaking => "breaking",
        }
    }
}

macro_rules! change_kinds {
    ($($(#[$doc:meta])* $variant:ident = $id:literal, $impact:ident;)*) => {
        /// The kinds of change, each with its id (as JSON writes it) and its usual impact.
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
            schemars::JsonSchema,
        )]
        pub enum ChangeKind {
            $($(#[$doc])* #[serde(rename = $id)] $variant,)*
        }

        impl ChangeKind {
            /// Every kind, in report order.
            pub const ALL: &'static [ChangeKind] = &[$(ChangeKind::$variant,)*];

            /// The id JSON and the printers use (`code-removed`).
            pub fn id(self) -> &'static str {
                match self { $(ChangeKind::$variant => $id,)* }
            }

            /// The impact of this kind on the generated crate. Parameters and fields depend on
            /// whether they are required: see `Change::impact`.
            pub fn impact(self) -> Impact {
                match self { $(ChangeKind::$variant => Impact::$impact,)* }
            }
        }
    };
}

change_kinds! {
    /// A code the old release did not define (a new `ErrorCode` variant).
    CodeAdded = "code-added", Minor;
    /// A code the new release no longer defines (its variant is gone).
    CodeRemoved = "code-removed", Breaking;
    /// A code the new release dropped, kept as a retired (deprecated) entry.
    CodeRetired = "code-retired", Patch;
    /// A retired code documented again.
    CodeRestored = "code-restored", Patch;
    /// Another meaning under the same code, as `check` judges meanings.
    MeaningChanged = "meaning-changed", Patch;
    /// Worded so differently that the meaning may have changed: a person should look.
    MeaningUnclear = "meaning-unclear", Patch;
    /// The same meaning in other words.
    Reworded = "reworded", Patch;
    /// Another HTTP status.
    StatusChanged = "status-changed", Patch;
    /// Another solution, or one added or dropped.
    SolutionChanged = "solution-changed", Patch;
    /// An old code's text now stands under another code.
    Renumbered = "renumbered", None;
    /// A new enumeration (a new enum type).
    EnumAdded = "enum-added", Minor;
    /// An enumeration no longer documented (its type is gone).
    EnumRemoved = "enum-removed", Breaking;
    /// A value added to an enumeration.
    ValueAdded = "value-added", Minor;
    /// A value no longer listed (its variant is gone).
    ValueRemoved = "value-removed", Breaking;
    /// A value the new release dropped, kept as a retired (deprecated) variant.
    ValueRetired = "value-retired", Patch;
    /// A value spelled otherwise with the same meaning (the variant is renamed).
    ValueRenamed = "value-renamed", Breaking;
    /// A value described otherwise.
    ValueDescribed = "value-described", Patch;
    /// A new operation (new request and response types).
    OperationAdded = "operation-added", Minor;
    /// An operation no longer documented (its types are gone).
    OperationRemoved = "operation-removed", Breaking;
    /// A new request parameter: minor when optional, breaking when required.
    ParameterAdded = "parameter-added", Minor;
    /// A request parameter no longer documented.
    ParameterRemoved = "parameter-removed", Breaking;
    /// A parameter that was optional (or unstated) is now mandatory.
    ParameterRequired = "parameter-required", Breaking;
    /// A mandatory parameter is now optional (`T` becomes `Option<T>`).
    ParameterOptional = "parameter-optional", Breaking;
    /// A parameter's documented type changed: breaking when its Rust type changes.
    ParameterTypeChanged = "parameter-type-changed", Breaking;
    /// A new response or object field: minor when optional, breaking when required.
    FieldAdded = "field-added", Minor;
    /// A response or object field no longer documented.
    FieldRemoved = "field-removed", Breaking;
    /// A field's documented type changed: breaking when its Rust type changes.
    FieldTypeChanged = "field-type-changed", Breaking;
}

/// One side of a change: what the text was (or is) and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Side {
    /// The text, value or type on this side.
    pub text: String,
    /// Source path (relative to that release's project root).
    pub path: String,
    /// 1-based line.
    pub line: u32,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Change {
    /// What changed.
    pub kind: ChangeKind,
    /// Its impact on the generated crate.
    pub impact: Impact,
    /// The service (upper case), `other` when none is known.
    pub service: String,
    /// What it is about: a code (`CSS.6007`), an enumeration (`failure_status`), an operation
    /// (`POST /v1/{project_id}/jobs`).
    pub subject: String,
    /// The part of it: a value, a parameter (`body tags`), a field (`response 200 jobs`), the
    /// code a renumbered text moved to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The old side, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<Side>,
    /// The new side, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<Side>,
    /// `check`'s similarity of the two texts (0 to 1), for meaning changes and rewordings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// Why the impact is what it is, where the kind alone does not say
    /// (`required: Option<String> becomes String`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Change {
    fn new(kind: ChangeKind, service: &str, subject: &str) -> Change {
        Change {
            kind,
            impact: kind.impact(),
            service: service_name(Some(service)),
            subject: subject.to_string(),
            item: None,
            old: None,
            new: None,
            similarity: None,
            note: None,
        }
    }

    fn item(mut self, item: impl Into<String>) -> Change {
        self.item = Some(item.into());
        self
    }

    fn old(mut self, side: Side) -> Change {
        self.old = Some(side);
        self
    }

    fn new_side(mut self, side: Side) -> Change {
        self.new = Some(side);
        self
    }

    fn impact(mut self, impact: Impact, note: Option<String>) -> Change {
        self.impact = impact;
        self.note = note;
        self
    }
}

/// The changes of one service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ServiceDiff {
    /// The service (upper case), `other` when none is known.
    pub service: String,
    /// The largest impact of its changes.
    pub impact: Impact,
    /// Its changes: codes first (by code), then enumerations, then operations.
    pub changes: Vec<Change>,
}

/// Counts of changes by kind (kinds with none left out).
pub type Counts = BTreeMap<ChangeKind, usize>;

/// What changed between two knowledge bases. The JSON of `errdex diff --format json`
/// (its schema: `diff.schema.json`, written by `errdex build` beside `kb.schema.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct KbDiff {
    /// Version of this layout.
    pub schema_version: u32,
    /// What the old side is (a path, a git revision).
    pub old: String,
    /// What the new side is.
    pub new: String,
    /// The largest impact of all changes: the semver bump the generated crate needs.
    pub impact: Impact,
    /// Changes by kind.
    pub counts: Counts,
    /// The services with changes, sorted.
    pub services: Vec<ServiceDiff>,
}

/// Version of the [`KbDiff`] layout.
pub const DIFF_SCHEMA_VERSION: u32 = 1;

impl KbDiff {
    /// Every change, service by service.
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.services.iter().flat_map(|s| &s.changes)
    }

    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.services.is_empty()
    }
}

/// The JSON Schema of [`KbDiff`] (`diff.schema.json`).
pub fn schema_json() -> String {
    let mut schema = schemars::schema_for!(KbDiff);
    schema.insert(
        "$id".to_string(),
        serde_json::Value::String("https://errdex.invalid/diff.schema.json".to_string()),
    );
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Compares two knowledge bases. `old_label` and `new_label` say what each side is; `config`
/// gives the meaning judgement its `[[synonyms]]` (the new side's config, as `errdex check`
/// would read it).
pub fn diff(
    old: &KnowledgeBase,
    new: &KnowledgeBase,
    old_label: &str,
    new_label: &str,
    config: &Config,
) -> KbDiff {
    let judge = Judge::new(&Context::new(new, config));
    let mut changes = codes::diff_codes(old, new, &judge);
    changes.extend(apis::diff_enums(old, new, &judge));
    changes.extend(apis::diff_operations(old, new));
    assemble(changes, old_label, new_label)
}

/// Groups changes by service and counts them.
fn assemble(changes: Vec<Change>, old_label: &str, new_label: &str) -> KbDiff {
    let mut by_service: BTreeMap<String, Vec<Change>> = BTreeMap::new();
    let mut counts = Counts::new();
    for change in changes {
        *counts.entry(change.kind).or_default() += 1;
        by_service
            .entry(change.service.clone())
            .or_default()
            .push(change);
    }
    let services: Vec<ServiceDiff> = by_service
        .into_iter()
        .map(|(service, changes)| ServiceDiff {
            impact: changes.iter().map(|c| c.impact).max().unwrap_or_default(),
            service,
            changes,
        })
        .collect();
    KbDiff {
        schema_version: DIFF_SCHEMA_VERSION,
        old: old_label.to_string(),
        new: new_label.to_string(),
        impact: services.iter().map(|s| s.impact).max().unwrap_or_default(),
        counts,
        services,
    }
}

/// A service as the diff groups it: upper case, `other` when unknown or blank.
fn service_name(service: Option<&str>) -> String {
    match service.map(str::trim).filter(|s| !s.is_empty()) {
        Some(service) => service.to_ascii_uppercase(),
        None => "other".to_string(),
    }
}

/// A place on one side, the path taken from that side's sources.
fn side(kb: &KnowledgeBase, text: impl Into<String>, source: &str, line: u32) -> Side {
    Side {
        text: text.into(),
        path: kb
            .source(source)
            .map_or(source, |s| s.path.as_str())
            .to_string(),
        line,
    }
}

/// A code whose definitions' messages are `texts`, so the judge profiles each text once and
/// judges any two by index.
fn texts_as_code<'a>(service: &str, texts: impl IntoIterator<Item = &'a str>) -> ErrorCode {
    let definition = |text: &str| Definition {
        source: String::new(),
        line: 0,
        code_text: String::new(),
        http_status: None,
        status_text: None,
        message: text.to_string(),
        description: None,
        solution: None,
        module: None,
        note: None,
    };
    ErrorCode {
        code: String::new(),
        service: service.to_string(),
        definitions: texts.into_iter().map(definition).collect(),
        authoritative: 0,
        meanings: Vec::new(),
        ranked: Vec::new(),
        retired: None,
    }
}

/// Text compared as a reader sees it: runs of white space are one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impacts_order_from_none_to_breaking() {
        assert!(Impact::None < Impact::Patch);
        assert!(Impact::Patch < Impact::Minor);
        assert!(Impact::Minor < Impact::Breaking);
        assert_eq!(
            [Impact::Patch, Impact::Breaking, Impact::Minor]
                .into_iter()
                .max(),
            Some(Impact::Breaking)
        );
    }

    #[test]
    fn kinds_have_distinct_ids() {
        let ids: std::collections::BTreeSet<&str> =
            ChangeKind::ALL.iter().map(|k| k.id()).collect();
        assert_eq!(ids.len(), ChangeKind::ALL.len());
    }

    #[test]
    fn empty_bases_have_no_changes() {
        let kb = KnowledgeBase::default();
        let diff = diff(&kb, &kb, "a", "b", &Config::default());
        assert!(diff.is_empty());
        assert_eq!(diff.impact, Impact::None);
    }
}
