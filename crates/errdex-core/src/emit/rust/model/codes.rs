//! Step 2: error codes → one variant each, with every definition and the stated meaning.

use std::collections::{BTreeMap, BTreeSet};

use super::{CodePlan, Definition, ErrorCode, KnowledgeBase, canonical_code};
use crate::emit::rust::ident::{Case, Names};
use crate::explain::{DEFAULT_LANGUAGE, stated_meaning};

/// A code of the knowledge base with what the build decided about it.
pub(super) struct PendingCode<'kb> {
    pub code: &'kb ErrorCode,
    /// Index of the authoritative definition.
    pub authoritative: usize,
    /// `check` found a meaning or status conflict.
    pub conflicting: bool,
}

/// The definitions `check` found in a meaning or status conflict: (source, line, canonical
/// code) of every location of those findings.
pub(super) fn conflicted_definitions(kb: &KnowledgeBase) -> BTreeSet<(&str, u32, String)> {
    kb.findings
        .iter()
        .filter(|f| f.is_conflict())
        .filter_map(|f| f.code.as_deref().map(|code| (f, canonical_code(code))))
        .flat_map(|(f, code)| {
            f.locations
                .iter()
                .map(move |l| (l.source.as_str(), l.line, code.clone()))
        })
        .collect()
}

/// Whether the documents disagree on this code's meaning or status, as `check` judged it
/// (wording variants and possible conflicts do not count).
pub(super) fn is_conflicted(code: &ErrorCode, conflicted: &BTreeSet<(&str, u32, String)>) -> bool {
    let canonical = canonical_code(&code.code);
    code.definitions
        .iter()
        .any(|d| conflicted.contains(&(d.source.as_str(), d.line, canonical.clone())))
}

/// The variants of a module's `ErrorCode`, sorted by code. A variant is named by its code
/// alone (`CSS.6007` → `Css6007`), so adding codes never renames one; `Unknown` is the
/// variant for codes the documents do not list.
pub(super) fn plan_codes(codes: &[PendingCode]) -> Vec<CodePlan> {
    let mut by_canonical: BTreeMap<String, CodePlan> = BTreeMap::new();
    for PendingCode {
        code,
        authoritative,
        conflicting,
    } in codes
    {
        let canonical = canonical_code(&code.code);
        let entry = by_canonical
            .entry(canonical.clone())
            .or_insert_with(|| CodePlan {
                ident: String::new(),
                code: code.code.clone(),
                canonical,
                spellings: Vec::new(),
                meanings: Vec::new(),
                authoritative: *authoritative,
                conflicting: false,
                agreement: String::new(),
                differing: false,
                retired: code.retired.as_ref().map(|r| r.reason()),
            });
        if let Some(stated) = stated_meaning(code, DEFAULT_LANGUAGE)
            && entry.meanings.is_empty()
        {
            entry.agreement = stated.agreement(&code.definitions);
            entry.differing = !stated.differing.is_empty();
        }
        entry.meanings.extend(code.definitions.iter().cloned());
        entry.conflicting |= *conflicting;
    }
    let mut plans: Vec<CodePlan> = by_canonical.into_values().collect();
    plans.sort_by(|a, b| a.code.cmp(&b.code).then(a.canonical.cmp(&b.canonical)));
    let mut variants = Names::with_reserved(&["Unknown"]);
    for plan in &mut plans {
        plan.ident = variants.take(&plan.code, Case::UpperCamel);
        if plan.meanings.is_empty() {
            plan.meanings.push(Definition {
                source: String::new(),
                line: 0,
                code_text: plan.code.clone(),
                http_status: None,
                status_text: None,
                message: String::new(),
                description: None,
                solution: None,
                module: None,
                note: None,
            });
        }
        plan.authoritative = plan.authoritative.min(plan.meanings.len() - 1);
        let mut spellings: BTreeSet<String> =
            plan.meanings.iter().map(|m| m.code_text.clone()).collect();
        spellings.insert(plan.code.clone());
        plan.spellings = spellings.into_iter().collect();
    }
    plans
}
