//! One code across sources: does every source give it the same meaning and status?
//!
//! Steps: profile every definition's text once ([`similarity::Profile`]); split each code's
//! definitions into comparison scopes (config groups; everything ungrouped is one scope); judge
//! every pair from different sources in a scope; report one finding per code and scope (conflict
//! beats variant); judge pairs across scopes for `group-difference` notes; then look for
//! renumbering: for each conflicting pair, the other code in the second source whose definition
//! reads like the first, matched greedily best-first so one row explains one shift.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::similarity::{self, Judgement, Lexicon, Profile};
use super::{Context, at};
use crate::kb::{Definition, ErrorCode};
use crate::kb::{Finding, FindingKind, Quote};

/// One definition: index of the code in `kb.error_codes`, index in its definitions.
type Ref = (usize, usize);

/// Runs the cross-source checks.
pub fn check(context: &Context) -> Vec<Finding> {
    let lexicons = Lexicons::new(context);
    let profiles = Profiles::new(&context.kb.error_codes, &lexicons);
    // Codes are independent of each other: judge them side by side, in order.
    let per_code: Vec<CodeFindings> = context
        .kb
        .error_codes
        .par_iter()
        .enumerate()
        .map(|(ci, code)| check_code(context, ci, code, profiles.code(ci)))
        .collect();
    let mut findings = Vec::new();
    let mut conflicts = Vec::new();
    for (code_findings, code_conflicts) in per_code {
        findings.extend(code_findings);
        conflicts.extend(code_conflicts);
    }
    findings.extend(renumbering_hints(context, &profiles, &lexicons, &conflicts));
    findings
}

/// The maintainer's synonyms (`[[synonyms]]`), prepared once per service that has its own.
struct Lexicons {
    /// For services without synonyms of their own: the global ones.
    global: Lexicon,
    /// Upper-case service → its synonyms and the global ones.
    by_service: BTreeMap<String, Lexicon>,
}

impl Lexicons {
    fn new(context: &Context) -> Lexicons {
        let config = context.config;
        let global = config
            .synonyms
            .iter()
            .filter(|s| s.service.is_none())
            .map(|s| s.words.get_ref().as_slice())
            .collect::<Vec<_>>();
        let by_service = config
            .synonyms
            .iter()
            .filter_map(|s| s.service.as_deref())
            .map(|service| {
                let service = service.trim().to_ascii_uppercase();
                let lexicon = Lexicon::new(&config.synonyms_for(&service));
                (service, lexicon)
            })
            .collect();
        Lexicons {
            global: Lexicon::new(&global),
            by_service,
        }
    }

    /// The lexicon for a service's texts, and a key telling lexicons apart.
    fn of(&self, service: &str) -> (&Lexicon, Option<&str>) {
        match self
            .by_service
            .get_key_value(service.to_ascii_uppercase().as_str())
        {
            Some((key, lexicon)) => (lexicon, Some(key.as_str())),
            None => (&self.global, None),
        }
    }
}

/// One code's findings, and its conflicting pairs for the renumbering hints.
type CodeFindings = (Vec<Finding>, Vec<(Ref, Ref)>);

/// Judges one code's definitions.
fn check_code(
    context: &Context,
    ci: usize,
    code: &ErrorCode,
    profiles: CodeProfiles,
) -> CodeFindings {
    let mut findings = Vec::new();
    let mut conflicts = Vec::new();
    if code.definitions.len() < 2 {
        return (findings, conflicts);
    }
    let scopes = scopes(context, code);
    for members in scopes.values() {
        let pairs = judge_pairs(code, members, profiles);
        findings.extend(meaning_finding(context, code, members, &pairs));
        findings.extend(status_finding(code, members));
        conflicts.extend(
            pairs
                .iter()
                .filter(|p| matches!(p.judgement, Judgement::Conflict(_)))
                .map(|p| ((ci, p.a), (ci, p.b))),
        );
    }
    findings.extend(group_difference(context, code, &scopes, profiles));
    (findings, conflicts)
}

/// The text a definition is judged by: its message, or its description when the message is
/// blank.
pub fn text_of(definition: &Definition) -> &str {
    match definition.description.as_deref() {
        Some(description) if definition.message.trim().is_empty() => description,
        _ => &definition.message,
    }
}

/// The texts a definition can be read by: its message, and also its description where the
/// table has both. Pages often put the raw API message in one column and what it means in the
/// other (`Marketplace image [%s] must have a product code.` / `No product ID in the
/// Marketplace image.`), and another page may document either one.
pub fn readings(definition: &Definition) -> Vec<&str> {
    let mut texts = vec![text_of(definition)];
    if let Some(description) = definition.description.as_deref()
        && !description.trim().is_empty()
        && description != texts[0]
    {
        texts.push(description);
    }
    texts
}

/// Profiles of every reading of every definition, each distinct text profiled once (one
/// message is often written in many pages).
struct Profiles {
    store: Vec<Profile>,
    /// Code → definition → reading → index in `store`.
    slots: Vec<Vec<Vec<usize>>>,
}

impl Profiles {
    /// Profiles only where they will be compared: codes defined in two or more sources. Other
    /// codes (most of a large knowledge base) get empty lists; renumbering hints profile them on
    /// demand. A text is profiled with its service's synonyms ([`Lexicons`]).
    fn new<'a>(codes: &'a [ErrorCode], lexicons: &'a Lexicons) -> Profiles {
        type Key<'a> = (&'a str, Option<&'a str>);
        let mut index: FxHashMap<Key<'a>, usize> = FxHashMap::default();
        let mut texts: Vec<(&str, &Lexicon)> = Vec::new();
        let slots = codes
            .iter()
            .map(|c| {
                let first = c.definitions.first().map(|d| d.source.as_str());
                if c.definitions
                    .iter()
                    .all(|d| Some(d.source.as_str()) == first)
                {
                    return vec![Vec::new(); c.definitions.len()];
                }
                let (lexicon, lexicon_key) = lexicons.of(&c.service);
                c.definitions
                    .iter()
                    .map(|d| {
                        readings(d)
                            .into_iter()
                            .map(|text| {
                                *index.entry((text, lexicon_key)).or_insert_with(|| {
                                    texts.push((text, lexicon));
                                    texts.len() - 1
                                })
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let store = texts
            .par_iter()
            .map(|(text, lexicon)| Profile::with_lexicon(text, lexicon))
            .collect();
        Profiles { store, slots }
    }

    /// The profiles of one code's definitions.
    fn code(&self, ci: usize) -> CodeProfiles<'_> {
        CodeProfiles {
            store: &self.store,
            slots: &self.slots[ci],
        }
    }
}

/// The profiles of one code's definitions.
#[derive(Clone, Copy)]
struct CodeProfiles<'a> {
    store: &'a [Profile],
    slots: &'a [Vec<usize>],
}

impl<'a> CodeProfiles<'a> {
    /// The profiles of definition `di`'s readings, in [`readings`] order (none when the code
    /// was not profiled).
    fn readings(self, di: usize) -> impl Iterator<Item = &'a Profile> {
        self.slots
            .get(di)
            .into_iter()
            .flatten()
            .map(move |&slot| &self.store[slot])
    }
}

/// Definition indices by config group (`None`: ungrouped).
fn scopes(context: &Context, code: &ErrorCode) -> BTreeMap<Option<usize>, Vec<usize>> {
    let mut scopes: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
    for (di, d) in code.definitions.iter().enumerate() {
        scopes.entry(context.group(&d.source)).or_default().push(di);
    }
    scopes
}

/// A judged pair of definitions of one code.
struct Pair {
    a: usize,
    b: usize,
    judgement: Judgement,
}

/// The kindest judgement over every comparable pair of readings: two definitions mean the same
/// when any reading of one matches any reading of the other. `None` when no pair of readings
/// can be compared (different languages).
fn judge(code: &ErrorCode, profiles: CodeProfiles, a: usize, b: usize) -> Option<Judgement> {
    let (da, db) = (&code.definitions[a], &code.definitions[b]);
    let mut best: Option<Judgement> = None;
    for (ta, pa) in readings(da).into_iter().zip(profiles.readings(a)) {
        for (tb, pb) in readings(db).into_iter().zip(profiles.readings(b)) {
            if !similarity::comparable(ta, tb) {
                continue;
            }
            let judgement = if similarity::surface(ta) == similarity::surface(tb) {
                Judgement::Same
            } else {
                similarity::judge_profiles(pa, pb)
            };
            if best.is_none_or(|b| rank(judgement) > rank(b)) {
                best = Some(judgement);
            }
        }
    }
    best
}

/// Orders judgements from conflict to same, by kind first and score second.
fn rank(judgement: Judgement) -> (u8, f64) {
    match judgement {
        Judgement::Conflict(s) => (0, s),
        Judgement::Unclear(s) => (1, s),
        Judgement::Variant(s) => (2, s),
        Judgement::Same => (3, 1.0),
    }
}

/// Every pair of members from different sources.
fn judge_pairs(code: &ErrorCode, members: &[usize], profiles: CodeProfiles) -> Vec<Pair> {
    let mut pairs = Vec::new();
    for (i, &a) in members.iter().enumerate() {
        for &b in &members[i + 1..] {
            if code.definitions[a].source == code.definitions[b].source {
                continue;
            }
            if let Some(judgement) = judge(code, profiles, a, b) {
                pairs.push(Pair { a, b, judgement });
            }
        }
    }
    pairs
}

fn score(judgement: Judgement) -> f64 {
    match judgement {
        Judgement::Same => 1.0,
        Judgement::Variant(s) | Judgement::Unclear(s) | Judgement::Conflict(s) => s,
    }
}

/// Two decimals, never `-0`.
fn round(score: f64) -> f64 {
    let rounded = (score * 100.0).round() / 100.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// One finding for a code in one scope: a conflict if any pair conflicts, else a possible
/// conflict if any pair is unclear, else a variant if any pair is worded differently, else
/// nothing.
fn meaning_finding(
    context: &Context,
    code: &ErrorCode,
    members: &[usize],
    pairs: &[Pair],
) -> Option<Finding> {
    let conflict = pairs
        .iter()
        .any(|p| matches!(p.judgement, Judgement::Conflict(_)));
    let unclear = pairs
        .iter()
        .any(|p| matches!(p.judgement, Judgement::Unclear(_)));
    let differing: Vec<&Pair> = pairs
        .iter()
        .filter(|p| !matches!(p.judgement, Judgement::Same))
        .collect();
    let lowest = differing
        .iter()
        .map(|p| score(p.judgement))
        .fold(f64::INFINITY, f64::min);
    let lowest = round(lowest);
    if differing.is_empty() {
        return None;
    }
    let involved: BTreeSet<usize> = differing.iter().flat_map(|p| [p.a, p.b]).collect();
    let mut ordered: Vec<usize> = members
        .iter()
        .copied()
        .filter(|m| involved.contains(m))
        .collect();
    let authority = |di: &usize| {
        let d = &code.definitions[*di];
        (
            context
                .authority(&code.service, &d.source)
                .unwrap_or(usize::MAX),
            context.order(&d.source),
            d.line,
        )
    };
    ordered.sort_by_key(authority);
    let sources: BTreeSet<&str> = ordered
        .iter()
        .map(|&di| code.definitions[di].source.as_str())
        .collect();
    let authoritative = ordered
        .first()
        .map(|&di| &code.definitions[di])
        .filter(|d| context.authority(&code.service, &d.source).is_some());
    let (kind, mut message) = if conflict {
        (
            FindingKind::MeaningConflict,
            format!(
                "{} has different meanings in {} sources (similarity {:.2})",
                code.code,
                sources.len(),
                lowest
            ),
        )
    } else if unclear {
        (
            FindingKind::PossibleConflict,
            format!(
                "{} is worded so differently in {} sources that its meaning may differ (similarity {:.2})",
                code.code,
                sources.len(),
                lowest
            ),
        )
    } else {
        (
            FindingKind::WordingVariant,
            format!(
                "{} is worded differently in {} sources with the same meaning (similarity {:.2})",
                code.code,
                sources.len(),
                lowest
            ),
        )
    };
    if let Some(d) = authoritative.filter(|_| conflict || unclear) {
        message.push_str(&format!(
            "; errdex.toml makes {} authoritative: {:?}",
            d.source,
            text_of(d)
        ));
    }
    let mut finding = Finding::new(
        kind,
        message,
        ordered
            .iter()
            .map(|&di| at(&code.definitions[di].source, code.definitions[di].line))
            .collect(),
    )
    .with_code(&code.code);
    finding.texts = ordered
        .iter()
        .map(|&di| quote(&code.definitions[di]))
        .collect();
    finding.similarity = Some(round(lowest));
    Some(finding)
}

fn quote(d: &Definition) -> Quote {
    Quote {
        location: at(&d.source, d.line),
        text: text_of(d).to_string(),
    }
}

/// An error when the members give the code different numeric HTTP statuses.
fn status_finding(code: &ErrorCode, members: &[usize]) -> Option<Finding> {
    let mut by_status: BTreeMap<u16, Vec<&Definition>> = BTreeMap::new();
    for &di in members {
        let d = &code.definitions[di];
        if let Some(status) = d.http_status {
            by_status.entry(status).or_default().push(d);
        }
    }
    if by_status.len() < 2 {
        return None;
    }
    let sources: BTreeSet<&str> = by_status
        .values()
        .flatten()
        .map(|d| d.source.as_str())
        .collect();
    if sources.len() < 2 {
        return None; // different statuses within one source are a duplicate definition
    }
    let said: Vec<String> = by_status
        .iter()
        .map(|(status, defs)| {
            let in_sources: BTreeSet<&str> = defs.iter().map(|d| d.source.as_str()).collect();
            format!(
                "{status} in {}",
                in_sources.into_iter().collect::<Vec<_>>().join(", ")
            )
        })
        .collect();
    let mut finding = Finding::new(
        FindingKind::StatusConflict,
        format!(
            "{} has different HTTP statuses: {}",
            code.code,
            said.join("; ")
        ),
        by_status
            .values()
            .flatten()
            .map(|d| at(&d.source, d.line))
            .collect(),
    )
    .with_code(&code.code);
    finding.texts = by_status
        .iter()
        .flat_map(|(status, defs)| {
            defs.iter().map(move |d| Quote {
                location: at(&d.source, d.line),
                text: status.to_string(),
            })
        })
        .collect();
    Some(finding)
}

/// A note when definitions in different config groups mean different things.
fn group_difference(
    context: &Context,
    code: &ErrorCode,
    scopes: &BTreeMap<Option<usize>, Vec<usize>>,
    profiles: CodeProfiles,
) -> Option<Finding> {
    if scopes.len() < 2 {
        return None;
    }
    let scope_list: Vec<(&Option<usize>, &Vec<usize>)> = scopes.iter().collect();
    for (i, (ga, ma)) in scope_list.iter().enumerate() {
        for (gb, mb) in &scope_list[i + 1..] {
            for &a in ma.iter() {
                for &b in mb.iter() {
                    if let Some(Judgement::Conflict(s)) = judge(code, profiles, a, b) {
                        let (da, db) = (&code.definitions[a], &code.definitions[b]);
                        let name = |g: &Option<usize>| {
                            g.and_then(|g| context.config.groups.get(g))
                                .map_or("(ungrouped)".to_string(), |g| g.name.clone())
                        };
                        let mut finding = Finding::new(
                            FindingKind::GroupDifference,
                            format!(
                                "{} means different things in group {} and group {} (similarity {:.2})",
                                code.code,
                                name(ga),
                                name(gb),
                                s
                            ),
                            vec![at(&da.source, da.line), at(&db.source, db.line)],
                        )
                        .with_code(&code.code);
                        finding.texts = vec![quote(da), quote(db)];
                        finding.similarity = Some(round(s));
                        return Some(finding);
                    }
                }
            }
        }
    }
    None
}

/// A candidate explanation: `from`'s text (in its source) reads like `to` (in another source).
struct Candidate {
    from: Ref,
    to: Ref,
    score: f64,
    overlap: f64,
}

fn renumbering_hints(
    context: &Context,
    profiles: &Profiles,
    lexicons: &Lexicons,
    conflicts: &[(Ref, Ref)],
) -> Vec<Finding> {
    let codes = &context.kb.error_codes;
    let definition = |r: Ref| &codes[r.0].definitions[r.1];
    let profile_of = |r: Ref| -> Cow<'_, Profile> {
        match profiles.code(r.0).readings(r.1).next() {
            Some(profile) => Cow::Borrowed(profile),
            None => Cow::Owned(Profile::with_lexicon(
                text_of(definition(r)),
                lexicons.of(&codes[r.0].service).0,
            )),
        }
    };
    // The definitions of each (service, source) a conflict points into.
    let mut by_source: BTreeMap<(&str, &str), Vec<Ref>> = conflicts
        .iter()
        .flat_map(|&(a, b)| [a, b])
        .map(|r| {
            let key = (codes[r.0].service.as_str(), definition(r).source.as_str());
            (key, Vec::new())
        })
        .collect();
    if by_source.is_empty() {
        return Vec::new();
    }
    for (ci, code) in codes.iter().enumerate() {
        for (di, d) in code.definitions.iter().enumerate() {
            if let Some(refs) = by_source.get_mut(&(code.service.as_str(), d.source.as_str())) {
                refs.push((ci, di));
            }
        }
    }
    let mut candidates = Vec::new();
    for &(x_a, x_b) in conflicts {
        for (from, other) in [(x_a, x_b), (x_b, x_a)] {
            let from_source = definition(from).source.as_str();
            let service = codes[from.0].service.as_str();
            let to_source = definition(other).source.as_str();
            let pool = by_source
                .get(&(service, to_source))
                .map_or(&[][..], Vec::as_slice);
            for &to in pool {
                if to.0 == from.0 || is_stable(codes, profiles, to.0, from_source, to_source) {
                    continue;
                }
                let (pf, pt) = (profile_of(from), profile_of(to));
                let (pf, pt) = (pf.as_ref(), pt.as_ref());
                let same = similarity::surface(text_of(definition(from)))
                    == similarity::surface(text_of(definition(to)));
                let score = if same {
                    1.0
                } else {
                    similarity::similarity(pf, pt)
                };
                if score >= similarity::VARIANT_THRESHOLD {
                    candidates.push(Candidate {
                        from,
                        to,
                        score: if same { 2.0 } else { score },
                        overlap: similarity::overlap(pf, pt),
                    });
                }
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.overlap.total_cmp(&a.overlap))
            .then(a.from.cmp(&b.from))
            .then(a.to.cmp(&b.to))
    });
    let mut used: BTreeSet<Ref> = BTreeSet::new();
    let mut findings = Vec::new();
    for c in candidates {
        if used.contains(&c.from) || used.contains(&c.to) {
            continue;
        }
        used.insert(c.from);
        used.insert(c.to);
        let (df, dt) = (definition(c.from), definition(c.to));
        let (xf, xt) = (&codes[c.from.0].code, &codes[c.to.0].code);
        let mut finding = Finding::new(
            FindingKind::RenumberingHint,
            format!(
                "{xf} in {} matches {xt} in {} (similarity {:.2}): the table may have shifted",
                df.source,
                dt.source,
                c.score.min(1.0)
            ),
            vec![at(&df.source, df.line), at(&dt.source, dt.line)],
        )
        .with_code(xf);
        finding.texts = vec![quote(df), quote(dt)];
        finding.similarity = Some(round(c.score.min(1.0)));
        findings.push(finding);
    }
    findings
}

/// True when code `ci` means the same in both sources (so it did not move).
fn is_stable(codes: &[ErrorCode], profiles: &Profiles, ci: usize, a: &str, b: &str) -> bool {
    let code = &codes[ci];
    let in_source = |s: &str| -> Vec<usize> {
        code.definitions
            .iter()
            .enumerate()
            .filter(|(_, d)| d.source == s)
            .map(|(di, _)| di)
            .collect()
    };
    let (in_a, in_b) = (in_source(a), in_source(b));
    in_a.iter().any(|&da| {
        in_b.iter().any(|&db| {
            !matches!(
                judge(code, profiles.code(ci), da, db),
                Some(Judgement::Conflict(_))
            )
        })
    })
}

/// The meaning check's judgement for use outside `check`: the meaning errdex states
/// (`crate::explain::stated`) groups a code's definitions with it, so what `explain` calls
/// one meaning is what `check` calls a wording variant. Holds the config's synonyms.
pub struct Judge {
    lexicons: Lexicons,
}

impl Judge {
    /// Prepares the config's `[[synonyms]]`.
    pub fn new(context: &Context) -> Judge {
        Judge {
            lexicons: Lexicons::new(context),
        }
    }

    /// Profiles every reading of a code's definitions, with its service's synonyms.
    pub fn code<'c>(&self, code: &'c ErrorCode) -> CodeJudge<'c> {
        let lexicon = self.lexicons.of(&code.service).0;
        let mut store = Vec::new();
        let slots = code
            .definitions
            .iter()
            .map(|d| {
                readings(d)
                    .into_iter()
                    .map(|text| {
                        store.push(Profile::with_lexicon(text, lexicon));
                        store.len() - 1
                    })
                    .collect()
            })
            .collect();
        CodeJudge { code, store, slots }
    }
}

/// One code's definitions, profiled for [`CodeJudge::judge`].
pub struct CodeJudge<'c> {
    code: &'c ErrorCode,
    store: Vec<Profile>,
    slots: Vec<Vec<usize>>,
}

impl CodeJudge<'_> {
    /// The meaning check's judgement on definitions `a` and `b` (indices into the code's
    /// definitions, from any sources); `None` when no reading of one can be compared with a
    /// reading of the other (two languages).
    pub fn judge(&self, a: usize, b: usize) -> Option<Judgement> {
        let profiles = CodeProfiles {
            store: &self.store,
            slots: &self.slots,
        };
        judge(self.code, profiles, a, b)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkb::*;
    use super::*;
    use crate::config::Config;
    use crate::kb::Severity;
    use std::path::Path;

    const LONG: &str =
        " because of an internal error. Please contact customer service or try again later.";

    fn seeds_like() -> crate::kb::KnowledgeBase {
        let a = |line, code: &str, text: &str| def("a", line, code, None, text);
        let b = |line, code: &str, text: &str| def("b", line, code, None, text);
        kb(
            &["a", "b"],
            vec![
                a(
                    10,
                    "CSS.6000",
                    &format!("Failed to create the cluster{LONG}"),
                ),
                b(20, "CSS.6000", "Clusters fail to be created."),
                a(
                    11,
                    "CSS.6007",
                    &format!("Failed to create the snapshot{LONG}"),
                ),
                b(21, "CSS.6007", "Failed to reset the password."),
                a(
                    12,
                    "CSS.6008",
                    "Failed to create the snapshot because the OBS bucket you select does not exist or has been deleted.",
                ),
                b(22, "CSS.6008", "Failed to update the YML file."),
                b(23, "CSS.6009", "Failed to create the snapshot."),
                b(
                    24,
                    "CSS.6011",
                    "Failed to create the snapshot because the OBS bucket you select does not exist or has been deleted.",
                ),
                a(13, "CSS.6010", "Failed to restore the snapshot."),
                b(25, "CSS.6010", "Failed to restore the snapshot."),
            ],
        )
    }

    fn kinds(findings: &[Finding], kind: FindingKind) -> Vec<String> {
        findings
            .iter()
            .filter(|f| f.kind == kind)
            .map(|f| f.message.clone())
            .collect()
    }

    #[test]
    fn conflicts_variants_and_hints() {
        let kb = seeds_like();
        let config = Config::default();
        let findings = check(&Context::new(&kb, &config));
        let conflicts = kinds(&findings, FindingKind::MeaningConflict);
        assert_eq!(conflicts.len(), 2, "{conflicts:#?}");
        assert!(conflicts[0].starts_with("CSS.6007"));
        assert!(conflicts[1].starts_with("CSS.6008"));
        let variants = kinds(&findings, FindingKind::WordingVariant);
        assert_eq!(variants.len(), 1);
        assert!(variants[0].starts_with("CSS.6000"));
        let hints = kinds(&findings, FindingKind::RenumberingHint);
        assert!(
            hints
                .iter()
                .any(|h| h.starts_with("CSS.6008 in a matches CSS.6011 in b")),
            "{hints:#?}"
        );
        assert!(
            hints
                .iter()
                .any(|h| h.starts_with("CSS.6007 in a matches CSS.6009 in b")),
            "{hints:#?}"
        );
        assert_eq!(hints.len(), 2, "{hints:#?}");
    }

    /// One page gives the raw API message and what it means; another documents only the
    /// meaning. Same meaning: a variant at most, never a conflict.
    #[test]
    fn description_column_is_a_reading_of_the_code() {
        let raw = Definition {
            description: Some("The marketplace image has no product ID.".into()),
            ..def("a", 1, "ECS.0006", None, "Image [%s] must carry a code.")
        };
        let meaning = def(
            "b",
            1,
            "ECS.0006",
            None,
            "No product ID in the marketplace image.",
        );
        let other = def("c", 1, "ECS.0006", None, "Failed to restart the cluster.");
        let kb = kb(&["a", "b", "c"], vec![raw, meaning, other]);
        let config = Config::default();
        let context = Context::new(&kb, &config);
        let lexicons = Lexicons::new(&context);
        let profiles = Profiles::new(&kb.error_codes, &lexicons);
        let code = &kb.error_codes[0];
        assert!(!matches!(
            judge(code, profiles.code(0), 0, 1),
            Some(Judgement::Conflict(_))
        ));
        assert!(matches!(
            judge(code, profiles.code(0), 0, 2),
            Some(Judgement::Conflict(_))
        ));
        assert_eq!(
            kinds(&check(&context), FindingKind::MeaningConflict).len(),
            1
        );
    }

    /// `[[synonyms]]` of a service reach that service's texts only; global ones reach all.
    #[test]
    fn synonyms_apply_per_service() {
        let kb = kb(
            &["a", "b"],
            vec![
                def("a", 1, "KMS.1", None, "The DEK is revoked."),
                def(
                    "b",
                    1,
                    "KMS.1",
                    None,
                    "The data encryption key is withdrawn.",
                ),
                def("a", 2, "ECS.1", None, "The DEK is revoked."),
                def(
                    "b",
                    2,
                    "ECS.1",
                    None,
                    "The data encryption key is withdrawn.",
                ),
            ],
        );
        let plain = Config::default();
        let findings = check(&Context::new(&kb, &plain));
        assert_eq!(kinds(&findings, FindingKind::MeaningConflict).len(), 2);
        let config = Config::parse(
            "[[synonyms]]\nservice = \"KMS\"\nwords = [\"DEK\", \"data encryption key\"]\n\n[[synonyms]]\nwords = [\"revoked\", \"withdrawn\"]\n",
            Path::new("errdex.toml"),
        )
        .expect("valid");
        let findings = check(&Context::new(&kb, &config));
        let variants = kinds(&findings, FindingKind::WordingVariant);
        assert_eq!(variants.len(), 1, "{findings:#?}");
        assert!(variants[0].starts_with("KMS.1"));
        // ECS shares the global word, not the KMS abbreviation: still not one meaning.
        assert!(
            findings.iter().any(
                |f| f.code.as_deref() == Some("ECS.1") && f.kind != FindingKind::WordingVariant
            )
        );
    }

    #[test]
    fn status_conflict_across_sources() {
        let kb = kb(
            &["a", "b"],
            vec![
                def("a", 1, "X.1", Some(400), "Bad thing."),
                def("b", 2, "X.1", Some(404), "Bad thing."),
            ],
        );
        let config = Config::default();
        let findings = check(&Context::new(&kb, &config));
        assert_eq!(kinds(&findings, FindingKind::StatusConflict).len(), 1);
        assert_eq!(findings[0].severity, Severity::Error);
    }

    #[test]
    fn groups_separate_releases_and_authority_is_named() {
        let kb = kb(
            &["r1_a", "r2_b", "r2_c"],
            vec![
                def("r1_a", 1, "X.1", None, "Failed to create the snapshot."),
                def("r2_b", 2, "X.1", None, "Failed to reset the password."),
                def("r2_c", 3, "X.1", None, "Failed to delete the volume."),
            ],
        );
        let config = Config::parse(
            "[[group]]\nname = \"r1\"\nsources = [\"r1_*\"]\n\n[[group]]\nname = \"r2\"\nsources = [\"r2_*\"]\nauthority = [\"r2_c\"]\n",
            Path::new("errdex.toml"),
        )
        .expect("valid");
        let findings = check(&Context::new(&kb, &config));
        let conflicts: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.kind == FindingKind::MeaningConflict)
            .collect();
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].locations[0].source, "r2_c");
        assert!(conflicts[0].message.contains("r2_c authoritative"));
        assert_eq!(kinds(&findings, FindingKind::GroupDifference).len(), 1);
    }
}
