//! One code through a list of releases (`errdex explain CODE --history`): when each meaning
//! was first and last documented.
//!
//! Releases are read oldest first. In each, the code's stated meaning is compared with the
//! meaning of the era it continues, by `check`'s judgement: the same words or a wording
//! variant continue the era (its last wording is kept), another meaning or a meaning the
//! words cannot settle starts a new one. A release without the code (or with it retired)
//! closes the era.

use serde::{Deserialize, Serialize};

use super::codes::status;
use crate::check::Context;
use crate::check::judging::{Judge, text_of};
use crate::check::similarity::Judgement;
use crate::config::Config;
use crate::kb::{ErrorCode, KnowledgeBase, canonical_code};

/// A stretch of consecutive releases that gave the code one meaning (or did not define it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Era {
    /// The meaning errdex states in the era's first release; `None` when the code was not
    /// documented (absent, or kept retired).
    pub meaning: Option<String>,
    /// Its wording in the era's last release, when it was reworded within the era.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_wording: Option<String>,
    /// HTTP status in the era's last release (`404`, a raw cell, or empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub status: String,
    /// The first release of the era.
    pub first: String,
    /// The last release of the era.
    pub last: String,
    /// How many releases the era spans.
    pub releases: usize,
    /// Where the era's first release defined it (`path:line`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

/// A code's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CodeHistory {
    /// The code as last written.
    pub code: String,
    /// Eras, oldest first.
    pub eras: Vec<Era>,
}

/// The history of `code` through `releases` (label, knowledge base), oldest first; `config`
/// gives the judgement its synonyms. `None` when no release defines the code.
pub fn history(
    code: &str,
    releases: &[(String, &KnowledgeBase)],
    config: &Config,
) -> Option<CodeHistory> {
    let wanted = canonical_code(code);
    let find = |kb: &KnowledgeBase| -> Option<ErrorCode> {
        kb.error_codes
            .iter()
            .find(|c| {
                c.retired.is_none()
                    && !c.definitions.is_empty()
                    && canonical_code(&c.code) == wanted
            })
            .cloned()
    };
    let last_kb = releases.last()?.1;
    let judge = Judge::new(&Context::new(last_kb, config));
    let mut eras: Vec<Era> = Vec::new();
    let mut written = None;
    // The era's first definition, to judge the next release against.
    let mut era_code: Option<ErrorCode> = None;
    for (label, kb) in releases {
        let current = find(kb);
        let continues = match (&era_code, &current) {
            (Some(era), Some(now)) => same_meaning(era, now, &judge),
            (None, None) => !eras.is_empty(),
            _ => false,
        };
        if continues {
            let era = eras.last_mut().expect("an era continues");
            era.last = label.clone();
            era.releases += 1;
            if let Some(now) = &current {
                let d = stated(now);
                let wording = text_of(d).to_string();
                era.last_wording = (era.meaning.as_deref() != Some(&wording)).then_some(wording);
                era.status = status(d);
            }
        } else {
            let place = current.as_ref().map(|c| {
                let d = stated(c);
                let path = kb
                    .source(&d.source)
                    .map_or(d.source.as_str(), |s| s.path.as_str());
                format!("{path}:{}", d.line)
            });
            eras.push(Era {
                meaning: current.as_ref().map(|c| text_of(stated(c)).to_string()),
                last_wording: None,
                status: current
                    .as_ref()
                    .map(|c| status(stated(c)))
                    .unwrap_or_default(),
                first: label.clone(),
                last: label.clone(),
                releases: 1,
                place,
            });
            era_code = current.clone();
        }
        if let Some(c) = &current {
            written = Some(c.code.clone());
        }
    }
    // Leading releases without the code say nothing about it.
    while eras.first().is_some_and(|e| e.meaning.is_none()) {
        eras.remove(0);
    }
    Some(CodeHistory {
        code: written?,
        eras,
    })
}

/// The definition errdex states for a code.
fn stated(code: &ErrorCode) -> &crate::kb::Definition {
    super::codes::stated(code).0
}

/// The era's first stated definition and the release's: one meaning when `check` calls them
/// the same words or a wording variant (or cannot compare them: another language).
fn same_meaning(era: &ErrorCode, now: &ErrorCode, judge: &Judge) -> bool {
    let both = ErrorCode {
        definitions: vec![stated(era).clone(), stated(now).clone()],
        authoritative: 0,
        meanings: Vec::new(),
        ranked: Vec::new(),
        retired: None,
        ..now.clone()
    };
    !matches!(
        judge.code(&both).judge(0, 1),
        Some(Judgement::Conflict(_) | Judgement::Unclear(_))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testkb::{def, kb};

    #[test]
    fn eras_follow_the_meaning() {
        let r1 = kb(
            &["a"],
            vec![def(
                "a",
                1,
                "X.1",
                Some(400),
                "Failed to create the snapshot.",
            )],
        );
        let r2 = kb(
            &["a"],
            vec![def("a", 1, "X.1", Some(400), "Snapshot creation failed.")],
        );
        let r3 = kb(&["a"], vec![def("a", 1, "X.2", Some(400), "Other.")]);
        let r4 = kb(
            &["a"],
            vec![def(
                "a",
                3,
                "X.1",
                Some(409),
                "Failed to reset the password.",
            )],
        );
        let releases = vec![
            ("1".to_string(), &r1),
            ("2".to_string(), &r2),
            ("3".to_string(), &r3),
            ("4".to_string(), &r4),
        ];
        let found = history("x.1", &releases, &Config::default()).expect("defined");
        let summary: Vec<(Option<&str>, &str, &str)> = found
            .eras
            .iter()
            .map(|e| (e.meaning.as_deref(), e.first.as_str(), e.last.as_str()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (Some("Failed to create the snapshot."), "1", "2"),
                (None, "3", "3"),
                (Some("Failed to reset the password."), "4", "4"),
            ]
        );
        assert_eq!(
            found.eras[0].last_wording.as_deref(),
            Some("Snapshot creation failed.")
        );
        assert_eq!(found.eras[2].status, "409");
        assert!(history("X.9", &releases, &Config::default()).is_none());
    }
}
