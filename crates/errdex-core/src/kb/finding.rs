//! Findings: what `check` reports, in one shape for `kb.json`, the printers, `explain`, the
//! site and the generated crate.
//!
//! [`FindingKind`] is declared once, in the list at the bottom of this file; the enum, its
//! ids, severities, descriptions (the SARIF rules) and [`FindingKind::ALL`] are generated from
//! that list, so a new kind cannot be missing from any of them.
//!
//! ```
//! use errdex_core::{FindingKind, Severity};
//!
//! let kind = FindingKind::from_id("meaning-conflict").expect("a kind");
//! assert_eq!((kind.severity(), kind.is_conflict()), (Severity::Error, true));
//! assert!(!FindingKind::PossibleConflict.is_conflict());
//! ```

use serde::{Deserialize, Serialize};

use super::{Location, Severity};

/// Declares [`FindingKind`] from one list: `Variant = "id", Severity, "description";`.
macro_rules! finding_kinds {
    ($( $(#[doc = $doc:literal])* $variant:ident = $id:literal, $severity:ident, $description:literal; )*) => {
        /// What a finding is about. Each kind has one id (its JSON spelling), one default
        /// severity and one description (the SARIF rule).
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
            schemars::JsonSchema,
        )]
        #[non_exhaustive]
        pub enum FindingKind {
            $( $(#[doc = $doc])* #[serde(rename = $id)] $variant, )*
        }

        impl FindingKind {
            /// Every kind, in a stable order (SARIF rules are listed in this order).
            pub const ALL: &'static [FindingKind] = &[$(FindingKind::$variant),*];

            /// The machine-readable id (`meaning-conflict`), as written in JSON and errdex.toml.
            pub fn id(self) -> &'static str {
                match self {
                    $(FindingKind::$variant => $id,)*
                }
            }

            /// The severity before acknowledgement.
            pub fn severity(self) -> Severity {
                match self {
                    $(FindingKind::$variant => Severity::$severity,)*
                }
            }

            /// One sentence for a reader (the SARIF rule description).
            pub fn description(self) -> &'static str {
                match self {
                    $(FindingKind::$variant => $description,)*
                }
            }
        }
    };
}

impl FindingKind {
    /// The kind with this id (`meaning-conflict`), if any.
    pub fn from_id(id: &str) -> Option<FindingKind> {
        FindingKind::ALL
            .iter()
            .copied()
            .find(|kind| kind.id() == id)
    }

    /// Whether the kind says the definitions of one code contradict each other: a meaning or
    /// a status conflict. The one definition of "conflicting" that `explain`, the site and the
    /// generated crate use; a possible conflict is a question for a person, not a conflict.
    pub fn is_conflict(self) -> bool {
        matches!(
            self,
            FindingKind::MeaningConflict | FindingKind::StatusConflict
        )
    }
}

impl std::fmt::Display for FindingKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// A quoted text at a place: one side of a conflict, or the value an example uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Quote {
    /// Where the text is.
    #[serde(flatten)]
    pub location: Location,
    /// The text.
    pub text: String,
}

/// One finding of `check`.
///
/// `kb.json` keeps the short form ([`Finding::for_kb`]: no quoted texts or score, the
/// acknowledgement's reason kept); `check`'s own output carries all of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Finding {
    /// What it is about.
    pub kind: FindingKind,
    /// Severity (a note when acknowledged).
    pub severity: Severity,
    /// Message for a person.
    pub message: String,
    /// Where, most important first.
    pub locations: Vec<Location>,
    /// The error code concerned, if any.
    pub code: Option<String>,
    /// The differing texts, for conflicts and variants.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub texts: Vec<Quote>,
    /// The similarity score that decided a meaning question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// The reason from the config, when a maintainer acknowledged it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged: Option<String>,
}

impl Finding {
    /// A finding of a kind at its default severity.
    pub fn new(kind: FindingKind, message: impl Into<String>, locations: Vec<Location>) -> Self {
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

    /// The short form `kb.json` keeps: kind, severity, message, places, code and the reason
    /// of an acknowledgement (so `explain` and the site show why a conflict is only a note).
    pub fn for_kb(&self) -> Finding {
        Finding {
            texts: Vec::new(),
            similarity: None,
            acknowledged: self.acknowledged.clone(),
            message: self.message.clone(),
            locations: self.locations.clone(),
            code: self.code.clone(),
            ..*self
        }
    }

    /// Whether this finding says a code's definitions contradict each other (see
    /// [`FindingKind::is_conflict`]); an acknowledged conflict is no longer one.
    pub fn is_conflict(&self) -> bool {
        self.kind.is_conflict() && self.severity != Severity::Note
    }
}

finding_kinds! {
    /// One code, different meanings in different sources.
    MeaningConflict = "meaning-conflict", Error,
        "The same error code is defined with different meanings in different sources.";
    /// One code, one meaning, different words.
    WordingVariant = "wording-variant", Note,
        "The same error code has the same meaning worded differently in different sources.";
    /// One code, texts too far apart to call one meaning, too close to call two.
    PossibleConflict = "possible-conflict", Note,
        "The same error code is worded so differently in different sources that its meaning may differ: a person should look.";
    /// One code, different HTTP statuses in different sources.
    StatusConflict = "status-conflict", Error,
        "The same error code has different HTTP statuses in different sources.";
    /// A code's definition in one source reads like another code's in a second source.
    RenumberingHint = "renumbering-hint", Note,
        "A definition in one source reads like another code's definition in another source: a table may have shifted.";
    /// One code means different things in different config groups (releases, services), or
    /// in two code lists behind one prefix (different products).
    GroupDifference = "group-difference", Note,
        "The same error code means different things in different source groups (releases, services, or two products' code lists behind one prefix).";
    /// One code described differently where a source lists it with several causes or on an
    /// API operation's page: other causes, not a contradiction.
    CauseDifference = "cause-difference", Note,
        "The same error code is described differently where a source lists it with several causes or gives one operation's cause: by design, not a contradiction.";
    /// One code, different HTTP statuses where that is not proven wrong (other services,
    /// other code lists, other operations).
    StatusDifference = "status-difference", Note,
        "The same error code has different HTTP statuses in different services, code lists or operations: not a proven error.";
    /// One code defined twice in one source.
    DuplicateDefinition = "duplicate-definition", Note,
        "The same error code is listed more than once in one source (per operation, or with several causes).";
    /// One message for several codes in one source.
    DuplicateMessage = "duplicate-message", Note,
        "Several error codes share one message in one source, so a reader cannot tell them apart.";
    /// An error code documented with a 2xx status.
    SuccessStatus = "success-status", Note,
        "An error code is documented with a 2xx (success) HTTP status.";
    /// `NA` and `N/A` (or other spellings) mixed in one source.
    MixedNotApplicable = "mixed-not-applicable", Note,
        "One source spells 'not applicable' in several ways (NA, N/A).";
    /// A JSON example uses a value outside the documented enumeration.
    UndocumentedEnumValue = "undocumented-enum-value", Warning,
        "A JSON example uses a value that is not among the documented values of its field.";
    /// A JSON example has a field no table documents.
    UndocumentedField = "undocumented-field", Warning,
        "A JSON example has a field that no table of its operation documents.";
    /// A JSON example lacks a field its table marks mandatory.
    MissingRequiredField = "missing-required-field", Note,
        "A JSON example lacks a field that its table documents as mandatory.";
    /// A JSON example's value has a type the table contradicts.
    TypeMismatch = "type-mismatch", Warning,
        "A JSON example's value has a type that contradicts the documented type.";
    /// One enumeration documented twice with different values.
    EnumMismatch = "enum-mismatch", Warning,
        "The same enumeration is documented twice with different values.";
    /// A code used in prose or an example that no source defines.
    UndefinedCode = "undefined-code", Note,
        "An error code is used in prose or an example, but no source defines it.";
    /// An acknowledgement in the config that matched no finding.
    UnusedAcknowledgement = "unused-acknowledgement", Warning,
        "An acknowledgement in errdex.toml matched no finding; it may be stale.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_json_spelling_and_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for &kind in FindingKind::ALL {
            let json = serde_json::to_string(&kind).expect("JSON");
            assert_eq!(json, format!("\"{}\"", kind.id()));
            assert_eq!(FindingKind::from_id(kind.id()), Some(kind));
            assert!(seen.insert(kind.id()), "{kind} twice");
            assert!(kind.description().ends_with('.'), "{kind}");
        }
        assert_eq!(FindingKind::from_id("no-such-kind"), None);
    }

    #[test]
    fn conflicts_are_meaning_and_status_conflicts_only() {
        let conflicts: Vec<&str> = FindingKind::ALL
            .iter()
            .filter(|k| k.is_conflict())
            .map(|k| k.id())
            .collect();
        assert_eq!(conflicts, ["meaning-conflict", "status-conflict"]);
        let mut finding = Finding::new(FindingKind::MeaningConflict, "m", Vec::new());
        assert!(finding.is_conflict());
        finding.severity = Severity::Note;
        assert!(!finding.is_conflict(), "acknowledged");
    }
}
