//! Error codes across two releases: added, removed, retired, meaning, status, solution,
//! renumbering.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use super::{Change, ChangeKind, side, squeeze, texts_as_code};
use crate::check::judging::{Judge, text_of};
use crate::check::similarity::{Judgement, VARIANT_THRESHOLD, surface};
use crate::kb::{Definition, ErrorCode, KnowledgeBase, canonical_code};

/// Renumbering compares every old text that left a code with every new text that arrived
/// under another code of the same service; past this many pairs in one service only texts
/// with the same words are matched (a release that rewrote a whole table).
const MAX_RENUMBER_PAIRS: usize = 250_000;

/// The code changes, service by service and code by code, renumberings after a service's
/// codes.
pub fn diff_codes(old: &KnowledgeBase, new: &KnowledgeBase, judge: &Judge) -> Vec<Change> {
    let old_codes = by_canonical(old);
    let new_codes = by_canonical(new);
    let keys: BTreeSet<&String> = old_codes.keys().chain(new_codes.keys()).collect();
    // Sorted by service, then code as written.
    let mut order: Vec<(String, &str, &String)> = keys
        .into_iter()
        .map(|key| {
            let code = new_codes.get(key).or_else(|| old_codes.get(key)).copied();
            let code = code.expect("a key comes from one of the maps");
            (
                super::service_name(Some(&code.service)),
                code.code.as_str(),
                key,
            )
        })
        .collect();
    order.sort();
    let mut changes = Vec::new();
    let mut left: BTreeMap<String, Vec<Moved>> = BTreeMap::new();
    let mut arrived: BTreeMap<String, Vec<Moved>> = BTreeMap::new();
    for (service, _, key) in order {
        let before = old_codes.get(key).copied();
        let after = new_codes.get(key).copied();
        match (before, after) {
            (Some(o), None) if o.retired.is_none() => {
                changes.push(lone(ChangeKind::CodeRemoved, old, o));
                left.entry(service).or_default().push(Moved::of(o));
            }
            (Some(o), None) => {
                // A retired code dropped from the baseline chain: its variant is gone.
                changes.push(lone(ChangeKind::CodeRemoved, old, o));
            }
            (Some(o), Some(n)) if o.retired.is_none() && n.retired.is_some() => {
                let mut change = lone(ChangeKind::CodeRetired, old, o);
                change.note = n.retired.as_ref().map(|r| r.reason());
                changes.push(change);
                left.entry(service).or_default().push(Moved::of(o));
            }
            (before, Some(n))
                if n.retired.is_none() && before.is_none_or(|o| o.retired.is_some()) =>
            {
                let kind = match before {
                    Some(_) => ChangeKind::CodeRestored,
                    None => ChangeKind::CodeAdded,
                };
                let (d, text) = stated(n);
                changes.push(
                    Change::new(kind, &n.service, &n.code)
                        .new_side(side(new, text, &d.source, d.line)),
                );
                if before.is_none() {
                    arrived.entry(service).or_default().push(Moved::of(n));
                }
            }
            (Some(o), Some(n)) if o.retired.is_none() => {
                let compared = compare(old, new, o, n, judge);
                // Only a message that changed meaning can have moved (a changed description
                // under an unchanged message did not).
                if compared
                    .iter()
                    .any(|c| c.kind == ChangeKind::MeaningChanged && c.item.is_none())
                {
                    left.entry(service.clone()).or_default().push(Moved::of(o));
                    arrived.entry(service).or_default().push(Moved::of(n));
                }
                changes.extend(compared);
            }
            _ => {} // retired on both sides, or nowhere
        }
    }
    for (service, from) in &left {
        if let Some(to) = arrived.get(service) {
            changes.extend(renumbered(old, new, from, to, judge));
        }
    }
    // Keep a service's renumberings after its codes: stable sort by service only.
    changes.sort_by(|a, b| a.service.cmp(&b.service));
    changes
}

/// The codes of a knowledge base by canonical spelling (the first of a spelling wins, as in
/// the generated crate).
fn by_canonical(kb: &KnowledgeBase) -> BTreeMap<String, &ErrorCode> {
    let mut codes = BTreeMap::new();
    for code in &kb.error_codes {
        if !code.definitions.is_empty() {
            codes.entry(canonical_code(&code.code)).or_insert(code);
        }
    }
    codes
}

/// The definition errdex states (the build's decision) and its text.
pub(super) fn stated(code: &ErrorCode) -> (&Definition, &str) {
    let d = &code.definitions[code.authoritative.min(code.definitions.len() - 1)];
    (d, text_of(d))
}

/// A change about a code on one side only.
fn lone(kind: ChangeKind, kb: &KnowledgeBase, code: &ErrorCode) -> Change {
    let (d, text) = stated(code);
    Change::new(kind, &code.service, &code.code).old(side(kb, text, &d.source, d.line))
}

/// A code defined on both sides: its stated meaning, HTTP status and solution.
fn compare(
    old: &KnowledgeBase,
    new: &KnowledgeBase,
    o: &ErrorCode,
    n: &ErrorCode,
    judge: &Judge,
) -> Vec<Change> {
    let (od, otext) = stated(o);
    let (nd, ntext) = stated(n);
    let pair = |kind: ChangeKind, before: String, after: String| {
        Change::new(kind, &n.service, &n.code)
            .old(side(old, before, &od.source, od.line))
            .new_side(side(new, after, &nd.source, nd.line))
    };
    let mut changes = Vec::new();
    let description = |d: &Definition| d.description.as_deref().map(squeeze).unwrap_or_default();
    if squeeze(otext) != squeeze(ntext) {
        // check's judgement: two definitions mean the same when any reading of one (message,
        // description) matches any reading of the other.
        let judged = meaning_judgement(o, n, judge);
        let mut change = pair(kind_of(judged), otext.to_string(), ntext.to_string());
        change.similarity = judged.map(|j| round(score(j)));
        let direct = judge_texts(judge, &n.service, otext, ntext);
        change.note = match (judged, direct) {
            (None, _) => Some("now stated in another language; no definition of one side can be compared with the other".to_string()),
            (Some(j), Some(d)) if kind_of(Some(j)) != kind_of(Some(d)) => Some(format!(
                "the messages alone: {} (similarity {:.2}); one side's description reads like the other side",
                kind_of(Some(d)).id(),
                score(d)
            )),
            _ => None,
        };
        changes.push(change);
    } else if description(od) != description(nd) {
        let (before, after) = (description(od), description(nd));
        let judged = judge_texts(judge, &n.service, &before, &after);
        let mut change = pair(kind_of(judged), before, after).item("description");
        change.similarity = judged.map(|j| round(score(j)));
        changes.push(change);
    }
    let (ostatus, nstatus) = (status(od), status(nd));
    if ostatus != nstatus {
        changes.push(pair(ChangeKind::StatusChanged, ostatus, nstatus));
    }
    let solution = |d: &Definition| d.solution.as_deref().map(squeeze).unwrap_or_default();
    if solution(od) != solution(nd) {
        changes.push(pair(
            ChangeKind::SolutionChanged,
            solution(od),
            solution(nd),
        ));
    }
    changes
}

/// `check`'s judgement on the stated definitions; when those two cannot be compared (another
/// language is stated now), the kindest judgement of the old stated definition against any
/// new one, or of any old one against the new stated one.
fn meaning_judgement(o: &ErrorCode, n: &ErrorCode, judge: &Judge) -> Option<Judgement> {
    let (od, _) = stated(o);
    let (nd, _) = stated(n);
    let mut definitions = vec![od.clone(), nd.clone()];
    definitions.extend(n.definitions.iter().cloned());
    definitions.extend(o.definitions.iter().cloned());
    let both = ErrorCode {
        code: n.code.clone(),
        service: n.service.clone(),
        definitions,
        authoritative: 0,
        meanings: Vec::new(),
        ranked: Vec::new(),
        retired: None,
    };
    let judged = judge.code(&both);
    if let Some(judgement) = judged.judge(0, 1) {
        return Some(judgement);
    }
    let new_range = 2..2 + n.definitions.len();
    let old_range = new_range.end..both.definitions.len();
    let pairs = new_range
        .map(|j| (0, j))
        .chain(old_range.map(|i| (i, 1)))
        .filter_map(|(a, b)| judged.judge(a, b));
    pairs.max_by(|a, b| kindness(*a).total_cmp(&kindness(*b)))
}

/// The change a judgement of two texts of one code reports.
fn kind_of(judgement: Option<Judgement>) -> ChangeKind {
    match judgement {
        Some(Judgement::Same | Judgement::Variant(_)) | None => ChangeKind::Reworded,
        Some(Judgement::Unclear(_)) => ChangeKind::MeaningUnclear,
        Some(Judgement::Conflict(_)) => ChangeKind::MeaningChanged,
    }
}

fn score(judgement: Judgement) -> f64 {
    match judgement {
        Judgement::Same => 1.0,
        Judgement::Variant(s) | Judgement::Unclear(s) | Judgement::Conflict(s) => s,
    }
}

/// `check`'s judgement on two texts of a code of `service` (its synonyms apply).
fn judge_texts(judge: &Judge, service: &str, a: &str, b: &str) -> Option<Judgement> {
    judge.code(&texts_as_code(service, [a, b])).judge(0, 1)
}

/// Orders judgements from conflict to same.
fn kindness(judgement: Judgement) -> f64 {
    match judgement {
        Judgement::Same => 10.0,
        Judgement::Variant(s) => 3.0 + s,
        Judgement::Unclear(s) => 2.0 + s,
        Judgement::Conflict(s) => 1.0 + s,
    }
}

/// A definition's status as a reader sees it: `404`, the raw cell (`400/404`), or nothing.
pub(super) fn status(d: &Definition) -> String {
    match (d.http_status, d.status_text.as_deref()) {
        (Some(status), _) => status.to_string(),
        (None, Some(text)) => squeeze(text),
        (None, None) => String::new(),
    }
}

/// Two decimals.
fn round(score: f64) -> f64 {
    (score * 100.0).round() / 100.0
}

/// A text that left its code (`from`) or arrived under a code (`to`), for renumbering.
struct Moved<'kb> {
    code: &'kb ErrorCode,
}

impl<'kb> Moved<'kb> {
    fn of(code: &'kb ErrorCode) -> Moved<'kb> {
        Moved { code }
    }
}

/// Old texts that now stand under another code: each old text that left a code matched with
/// the new text most like it among those that arrived under another code, best pair first, one
/// pair per text (as `check`'s renumbering hints).
fn renumbered(
    old: &KnowledgeBase,
    new: &KnowledgeBase,
    from: &[Moved],
    to: &[Moved],
    judge: &Judge,
) -> Vec<Change> {
    // One code holding every text, so each is profiled once by the judge.
    let definitions: Vec<Definition> = from
        .iter()
        .chain(to)
        .map(|m| stated(m.code).0.clone())
        .collect();
    let service = from.first().map_or("", |m| m.code.service.as_str());
    let all = ErrorCode {
        code: String::new(),
        service: service.to_string(),
        definitions,
        authoritative: 0,
        meanings: Vec::new(),
        ranked: Vec::new(),
        retired: None,
    };
    let text = |i: usize| text_of(&all.definitions[i]);
    let offset = from.len();
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    if from.len().saturating_mul(to.len()) > MAX_RENUMBER_PAIRS {
        let mut arrived: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for j in 0..to.len() {
            arrived
                .entry(surface(text(offset + j)))
                .or_default()
                .push(j);
        }
        for i in 0..from.len() {
            for &j in arrived.get(&surface(text(i))).into_iter().flatten() {
                candidates.push((2.0, i, j));
            }
        }
    } else {
        let judged = judge.code(&all);
        for i in 0..from.len() {
            for j in 0..to.len() {
                let score = match judged.judge(i, offset + j) {
                    Some(Judgement::Same) => 2.0,
                    Some(Judgement::Variant(s)) if s >= VARIANT_THRESHOLD => s,
                    _ => continue,
                };
                candidates.push((score, i, j));
            }
        }
    }
    // A text several new codes of the service share ("Internal service error.") cannot tell
    // where one code's text went.
    let mut shared: FxHashMap<String, usize> = FxHashMap::default();
    for code in new
        .error_codes
        .iter()
        .filter(|c| c.service == service && c.retired.is_none())
    {
        if !code.definitions.is_empty() {
            *shared.entry(surface(stated(code).1)).or_default() += 1;
        }
    }
    candidates.retain(|&(_, i, j)| {
        canonical_code(&from[i].code.code) != canonical_code(&to[j].code.code)
            && shared
                .get(&surface(text(offset + j)))
                .is_none_or(|&n| n < 2)
    });
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_from, mut used_to) = (BTreeSet::new(), BTreeSet::new());
    let mut changes = Vec::new();
    for (score, i, j) in candidates {
        if used_from.contains(&i) || used_to.contains(&j) {
            continue;
        }
        used_from.insert(i);
        used_to.insert(j);
        let (f, t) = (from[i].code, to[j].code);
        let (fd, ftext) = stated(f);
        let (td, ttext) = stated(t);
        let mut change = Change::new(ChangeKind::Renumbered, &f.service, &f.code)
            .item(t.code.clone())
            .old(side(old, ftext, &fd.source, fd.line))
            .new_side(side(new, ttext, &td.source, td.line));
        change.similarity = Some(round(score.min(1.0)));
        changes.push(change);
    }
    changes.sort_by(|a, b| a.subject.cmp(&b.subject));
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Context;
    use crate::check::testkb::{def, kb};
    use crate::config::Config;

    fn changes(old: &KnowledgeBase, new: &KnowledgeBase) -> Vec<(ChangeKind, String)> {
        let config = Config::default();
        let judge = Judge::new(&Context::new(new, &config));
        diff_codes(old, new, &judge)
            .into_iter()
            .map(|c| {
                let subject = match &c.item {
                    Some(item) => format!("{} -> {item}", c.subject),
                    None => c.subject.clone(),
                };
                (c.kind, subject)
            })
            .collect()
    }

    #[test]
    fn added_removed_reworded_and_changed() {
        let old = kb(
            &["a"],
            vec![
                def("a", 1, "CSS.1", Some(400), "Failed to create the snapshot."),
                def("a", 2, "CSS.2", Some(400), "Failed to reset the password."),
                def("a", 3, "CSS.3", Some(404), "The cluster does not exist."),
                def("a", 4, "CSS.4", Some(400), "Failed to delete the volume."),
            ],
        );
        let new = kb(
            &["a"],
            vec![
                def("a", 1, "CSS.1", Some(400), "Snapshot creation failed."),
                def("a", 2, "CSS.2", Some(400), "Failed to restart the node."),
                def("a", 3, "CSS.3", Some(409), "The cluster does not exist."),
                def("a", 5, "CSS.5", Some(400), "Failed to delete the volume."),
            ],
        );
        assert_eq!(
            changes(&old, &new),
            vec![
                (ChangeKind::Reworded, "CSS.1".to_string()),
                (ChangeKind::MeaningChanged, "CSS.2".to_string()),
                (ChangeKind::StatusChanged, "CSS.3".to_string()),
                (ChangeKind::CodeRemoved, "CSS.4".to_string()),
                (ChangeKind::CodeAdded, "CSS.5".to_string()),
                (ChangeKind::Renumbered, "CSS.4 -> CSS.5".to_string()),
            ]
        );
    }

    #[test]
    fn same_text_other_spacing_is_no_change() {
        let old = kb(&["a"], vec![def("a", 1, "X.1", None, "Bad  thing.")]);
        let new = kb(&["a"], vec![def("a", 9, "x.1", None, "Bad thing.")]);
        assert!(changes(&old, &new).is_empty());
    }

    #[test]
    fn a_retired_code_is_not_removed() {
        let old = kb(&["a"], vec![def("a", 1, "X.1", None, "Bad thing.")]);
        let mut new = old.clone();
        new.error_codes[0].retired = Some(crate::kb::Retirement {
            retired_in: "2".into(),
            last_documented_in: "1".into(),
            source: "a.md".into(),
            line: 1,
        });
        assert_eq!(
            changes(&old, &new),
            vec![(ChangeKind::CodeRetired, "X.1".to_string())]
        );
        // Retired on both sides: nothing new.
        assert!(changes(&new, &new).is_empty());
        // Documented again.
        assert_eq!(
            changes(&new, &old),
            vec![(ChangeKind::CodeRestored, "X.1".to_string())]
        );
    }
}
