//! One code across sources: does every source give it the same meaning and status?
//!
//! Steps:
//! 1. Profile every definition's text once (`judging::Profiles`).
//! 2. Split each code's definitions by source into sides (`lists::Side`): one meaning, or
//!    several causes (a row per operation), or an API page's cause.
//! 3. Judge every two sides of a code in one comparison scope (config groups; everything
//!    ungrouped is one scope) by their kindest pair of definitions, and count, for every two
//!    sources, how many shared codes agree and how many do not (`lists::Lists`).
//! 4. Report per code and scope: a meaning conflict (error) only where two sources of one code
//!    list and one product folder give one meaning each, they differ, and the code names its
//!    service; a possible conflict (note) where the words cannot tell or the code names no
//!    service (each API may give its own cause); a wording variant (note); a cause difference
//!    (note) where a source lists the code per operation or on an operation's page; a group
//!    difference (note) across config groups, product folders and two code lists behind one
//!    prefix. Statuses: a status conflict (error) where two sources of one list and one folder
//!    give disjoint statuses, a status difference (note) otherwise.
//! 5. Renumbering: for each conflicting pair, the other code in the second source whose
//!    definition reads like the first, matched greedily best-first so one row explains one
//!    shift.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::judging::{CodeProfiles, Lexicons, Profiles, judge, rank, round, score, text_of};
use super::lists::{self, Lists, Side};
use super::similarity::{self, Judgement, Profile};
use super::{Context, at};
use crate::kb::{Definition, ErrorCode};
use crate::kb::{Finding, FindingKind, Quote};
use crate::shapes::is_service_code;

/// One definition: index of the code in `kb.error_codes`, index in its definitions.
type Ref = (usize, usize);

/// Runs the cross-source checks.
pub fn check(context: &Context) -> Vec<Finding> {
    let lexicons = Lexicons::new(context);
    let codes = &context.kb.error_codes;
    let profiles = Profiles::new(codes, &lexicons);
    let operation_pages = lists::operation_pages(context.kb);
    // Codes are independent of each other: judge them side by side, in order.
    let views: Vec<CodeView> = codes
        .par_iter()
        .enumerate()
        .map(|(ci, code)| CodeView::of(context, ci, code, profiles.code(ci), &operation_pages))
        .collect();
    let lists = views
        .par_iter()
        .fold(Lists::default, |mut lists, view| {
            for pair in &view.pairs {
                lists.count(&view.sides[pair.a], &view.sides[pair.b], pair.judgement);
            }
            lists
        })
        .reduce(Lists::default, |mut a, b| {
            a.merge(b);
            a
        });
    let per_code: Vec<CodeFindings> = views
        .par_iter()
        .map(|view| view.findings(context, &lists, profiles.code(view.ci)))
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

/// One code's findings, and its conflicting pairs for the renumbering hints.
type CodeFindings = (Vec<Finding>, Vec<(Ref, Ref)>);

/// Two sides of a code in one scope, judged by their kindest pair of definitions.
struct SidePair {
    a: usize,
    b: usize,
    judgement: Judgement,
}

/// One code's definitions by source, and every two sides of one scope judged.
struct CodeView<'a> {
    ci: usize,
    code: &'a ErrorCode,
    sides: Vec<Side<'a>>,
    pairs: Vec<SidePair>,
}

/// What a differing pair of sides says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Verdict {
    /// Different meanings in one code list: a contradiction.
    Conflict,
    /// The words cannot tell, in one code list.
    Unclear,
    /// The same meaning in other words.
    Variant,
    /// A different cause where one source lists several or an operation's own.
    Cause,
    /// Different meanings in two code lists behind one prefix.
    OtherList,
}

impl<'a> CodeView<'a> {
    fn of(
        context: &'a Context,
        ci: usize,
        code: &'a ErrorCode,
        profiles: CodeProfiles,
        operation_pages: &FxHashMap<&str, u32>,
    ) -> CodeView<'a> {
        let mut view = CodeView {
            ci,
            code,
            sides: Vec::new(),
            pairs: Vec::new(),
        };
        if code.definitions.len() < 2 {
            return view;
        }
        let mut by_source: BTreeMap<(usize, &str), Vec<usize>> = BTreeMap::new();
        for (di, d) in code.definitions.iter().enumerate() {
            by_source
                .entry((context.order(&d.source), d.source.as_str()))
                .or_default()
                .push(di);
        }
        if by_source.len() < 2 {
            return view;
        }
        view.sides = by_source
            .into_iter()
            .map(|((_, source), defs)| {
                let several = defs.iter().enumerate().any(|(i, &a)| {
                    defs[i + 1..].iter().any(|&b| {
                        matches!(
                            judge(code, profiles, a, b),
                            Some(Judgement::Conflict(_) | Judgement::Unclear(_))
                        )
                    })
                });
                let operation = operation_pages
                    .get(source)
                    .is_some_and(|&first| defs.iter().all(|&di| code.definitions[di].line > first));
                Side {
                    source,
                    group: context.group(source),
                    several,
                    operation,
                    defs,
                }
            })
            .collect();
        for a in 0..view.sides.len() {
            for b in a + 1..view.sides.len() {
                if view.sides[a].group != view.sides[b].group {
                    continue;
                }
                let (sa, sb) = (&view.sides[a], &view.sides[b]);
                let kindest = sa
                    .defs
                    .iter()
                    .flat_map(|&da| sb.defs.iter().map(move |&db| (da, db)))
                    .filter_map(|(da, db)| judge(code, profiles, da, db))
                    .max_by(|x, y| rank(*x).partial_cmp(&rank(*y)).expect("scores are numbers"));
                if let Some(judgement) = kindest {
                    view.pairs.push(SidePair { a, b, judgement });
                }
            }
        }
        view
    }

    /// What a judged pair of sides says, `None` when nothing worth a finding. Two sources keep
    /// one code list unless most of their shared codes mean different things or they document
    /// different products (product folders, [`Context::product`]); a code without a service
    /// prefix (`4500`, `AccessDenied`) is each folder's own.
    fn verdict(&self, context: &Context, pair: &SidePair, lists: &Lists) -> Option<Verdict> {
        let (a, b) = (&self.sides[pair.a], &self.sides[pair.b]);
        let plain = a.is_plain() && b.is_plain();
        let one_list = !lists.tally(a.source, b.source).two_lists()
            && context.product(a.source) == context.product(b.source)
            && (is_service_code(&self.code.code)
                || context.folder(a.source) == context.folder(b.source));
        match pair.judgement {
            Judgement::Same => None,
            Judgement::Variant(_) => Some(Verdict::Variant),
            Judgement::Conflict(_) if !plain => Some(Verdict::Cause),
            Judgement::Conflict(_) if !one_list => Some(Verdict::OtherList),
            // A name or bare number (`InvalidZone.MismatchRegion`, `9003`) is reused by many
            // APIs, each with its own cause: a person should look, CI should not fail.
            Judgement::Conflict(_) if !is_service_code(&self.code.code) => Some(Verdict::Unclear),
            Judgement::Conflict(_) => Some(Verdict::Conflict),
            Judgement::Unclear(_) if plain && one_list => Some(Verdict::Unclear),
            Judgement::Unclear(_) => None,
        }
    }

    fn findings(&self, context: &Context, lists: &Lists, profiles: CodeProfiles) -> CodeFindings {
        let mut findings = Vec::new();
        let mut conflicts = Vec::new();
        if self.pairs.is_empty() && self.sides.len() < 2 {
            return (findings, conflicts);
        }
        let mut by_verdict: BTreeMap<Verdict, Vec<&SidePair>> = BTreeMap::new();
        for pair in &self.pairs {
            if let Some(verdict) = self.verdict(context, pair, lists) {
                by_verdict.entry(verdict).or_default().push(pair);
            }
        }
        // One finding about the meaning in one code list: a conflict beats an unclear pair,
        // which beats a variant; the sources of the strongest pairs are shown.
        let strongest = [Verdict::Conflict, Verdict::Unclear, Verdict::Variant]
            .into_iter()
            .find_map(|v| by_verdict.get(&v).map(|pairs| (v, pairs)));
        if let Some((verdict, pairs)) = strongest {
            findings.push(self.meaning_finding(context, verdict, pairs));
        }
        for verdict in [Verdict::Cause, Verdict::OtherList] {
            if let Some(pairs) = by_verdict.get(&verdict) {
                findings.push(self.difference_finding(context, verdict, pairs, lists));
            }
        }
        for pair in by_verdict.get(&Verdict::Conflict).into_iter().flatten() {
            let (a, b) = (&self.sides[pair.a], &self.sides[pair.b]);
            for &da in &a.defs {
                for &db in &b.defs {
                    if matches!(
                        judge(self.code, profiles, da, db),
                        Some(Judgement::Conflict(_))
                    ) {
                        conflicts.push(((self.ci, da), (self.ci, db)));
                    }
                }
            }
        }
        findings.extend(self.status_findings(context, lists));
        findings.extend(group_difference(context, self.code, profiles));
        (findings, conflicts)
    }

    /// The definitions of some pairs of sides, in source order, authority first.
    fn involved(&self, context: &Context, pairs: &[&SidePair]) -> Vec<usize> {
        let sides: BTreeSet<usize> = pairs.iter().flat_map(|p| [p.a, p.b]).collect();
        let mut defs: Vec<usize> = sides
            .into_iter()
            .flat_map(|s| self.sides[s].defs.iter().copied())
            .collect();
        let code = self.code;
        defs.sort_by_key(|&di| {
            let d = &code.definitions[di];
            (
                context
                    .authority(&code.service, &d.source)
                    .unwrap_or(usize::MAX),
                context.order(&d.source),
                d.line,
            )
        });
        defs
    }

    /// A meaning conflict, possible conflict or wording variant for the pairs of one code list.
    fn meaning_finding(&self, context: &Context, verdict: Verdict, pairs: &[&SidePair]) -> Finding {
        let code = self.code;
        let lowest = lowest_score(pairs);
        let ordered = self.involved(context, pairs);
        let sources = pairs
            .iter()
            .flat_map(|p| [p.a, p.b])
            .collect::<BTreeSet<_>>()
            .len();
        let (kind, mut message) = match verdict {
            Verdict::Conflict => (
                FindingKind::MeaningConflict,
                format!(
                    "{} has different meanings in {sources} sources (similarity {lowest:.2})",
                    code.code
                ),
            ),
            Verdict::Unclear => (
                FindingKind::PossibleConflict,
                format!(
                    "{} is worded so differently in {sources} sources that its meaning may differ (similarity {lowest:.2})",
                    code.code
                ),
            ),
            _ => (
                FindingKind::WordingVariant,
                format!(
                    "{} is worded differently in {sources} sources with the same meaning (similarity {lowest:.2})",
                    code.code
                ),
            ),
        };
        if verdict == Verdict::Unclear && !is_service_code(&code.code) {
            message.push_str("; the code names no service, so each API may give its own cause");
        }
        let authoritative = ordered
            .first()
            .map(|&di| &code.definitions[di])
            .filter(|d| context.authority(&code.service, &d.source).is_some());
        if let Some(d) = authoritative.filter(|_| verdict != Verdict::Variant) {
            message.push_str(&format!(
                "; errdex.toml makes {} authoritative: {:?}",
                d.source,
                text_of(d)
            ));
        }
        self.finding(kind, message, &ordered, Some(lowest))
    }

    /// A note for differences that are not contradictions: other causes, other code lists.
    fn difference_finding(
        &self,
        context: &Context,
        verdict: Verdict,
        pairs: &[&SidePair],
        lists: &Lists,
    ) -> Finding {
        let code = self.code;
        let lowest = lowest_score(pairs);
        let ordered: Vec<usize> = {
            let sides: BTreeSet<usize> = pairs.iter().flat_map(|p| [p.a, p.b]).collect();
            sides
                .into_iter()
                .flat_map(|s| self.sides[s].defs.iter().copied())
                .collect()
        };
        let (kind, message) = if verdict == Verdict::Cause {
            let why: BTreeSet<&str> = pairs
                .iter()
                .flat_map(|p| [&self.sides[p.a], &self.sides[p.b]])
                .flat_map(|s| {
                    [
                        s.several
                            .then_some("one source lists it with several causes"),
                        s.operation
                            .then_some("an API page gives its own operation's cause"),
                    ]
                })
                .flatten()
                .collect();
            (
                FindingKind::CauseDifference,
                format!(
                    "{} is described differently where {} (similarity {lowest:.2}): other causes, not a contradiction",
                    code.code,
                    why.into_iter().collect::<Vec<_>>().join(" and ")
                ),
            )
        } else {
            let evidence: Vec<String> = pairs
                .iter()
                .map(|p| {
                    let (a, b) = (self.sides[p.a].source, self.sides[p.b].source);
                    let tally = lists.tally(a, b);
                    if context.product(a) != context.product(b) {
                        format!(
                            "{a} and {b} document different products ({} and {})",
                            context.product(a).unwrap_or("the root"),
                            context.product(b).unwrap_or("the root")
                        )
                    } else if !tally.two_lists() {
                        format!(
                            "{a} and {b} are in different folders, and the code names no service"
                        )
                    } else {
                        format!(
                            "{a} and {b} agree on {} of the {} codes both define one way",
                            tally.agree,
                            tally.agree + tally.disagree
                        )
                    }
                })
                .collect();
            (
                FindingKind::GroupDifference,
                format!(
                    "{} means different things in two code lists ({}): probably different products behind one prefix (similarity {lowest:.2}); a [[group]] in errdex.toml says so outright",
                    code.code,
                    evidence.join("; ")
                ),
            )
        };
        self.finding(kind, message, &ordered, Some(lowest))
    }

    /// A finding quoting some definitions of the code.
    fn finding(
        &self,
        kind: FindingKind,
        message: String,
        defs: &[usize],
        similarity: Option<f64>,
    ) -> Finding {
        let code = self.code;
        let mut finding = Finding::new(
            kind,
            message,
            defs.iter()
                .map(|&di| at(&code.definitions[di].source, code.definitions[di].line))
                .collect(),
        )
        .with_code(&code.code);
        finding.texts = defs
            .iter()
            .map(|&di| quote(&code.definitions[di]))
            .collect();
        finding.similarity = similarity;
        finding
    }

    /// Different statuses: an error where two sources of one code list in one folder (one
    /// service) each give the code one meaning and statuses with none in common; a note
    /// otherwise (two services may map one backend code to their own statuses; a list per
    /// operation may give each operation its own).
    fn status_findings(&self, context: &Context, lists: &Lists) -> Vec<Finding> {
        let statuses = |side: &Side| -> BTreeSet<u16> {
            side.defs
                .iter()
                .filter_map(|&di| self.code.definitions[di].http_status)
                .collect()
        };
        // Pages of one service sit in one folder; another folder is another service or product
        // (`dds/api-reference/` and `rds/api-reference/` document one backend's codes).
        let folder = |source: &str| context.folder(source);
        let mut conflicting: Vec<(usize, usize)> = Vec::new();
        let mut differing: Vec<(usize, usize)> = Vec::new();
        for a in 0..self.sides.len() {
            for b in a + 1..self.sides.len() {
                let (sa, sb) = (&self.sides[a], &self.sides[b]);
                let (xa, xb) = (statuses(sa), statuses(sb));
                if sa.group != sb.group || xa.is_empty() || xb.is_empty() || xa == xb {
                    continue;
                }
                let proven = xa.is_disjoint(&xb)
                    && sa.is_plain()
                    && sb.is_plain()
                    && folder(sa.source) == folder(sb.source)
                    && !lists.tally(sa.source, sb.source).two_lists();
                if proven {
                    conflicting.push((a, b));
                } else if xa.is_disjoint(&xb) {
                    differing.push((a, b));
                }
            }
        }
        let mut findings = Vec::new();
        for (kind, pairs) in [
            (FindingKind::StatusConflict, conflicting),
            (FindingKind::StatusDifference, differing),
        ] {
            if pairs.is_empty() {
                continue;
            }
            let sides: BTreeSet<usize> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
            let mut by_status: BTreeMap<u16, Vec<&Definition>> = BTreeMap::new();
            for s in sides {
                for &di in &self.sides[s].defs {
                    let d = &self.code.definitions[di];
                    if let Some(status) = d.http_status {
                        by_status.entry(status).or_default().push(d);
                    }
                }
            }
            findings.push(status_finding(self.code, kind, &by_status));
        }
        findings
    }
}

fn quote(d: &Definition) -> Quote {
    Quote {
        location: at(&d.source, d.line),
        text: text_of(d).to_string(),
    }
}

/// A status conflict or difference: the statuses and where each is given.
fn status_finding(
    code: &ErrorCode,
    kind: FindingKind,
    by_status: &BTreeMap<u16, Vec<&Definition>>,
) -> Finding {
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
    let message = if kind == FindingKind::StatusConflict {
        format!(
            "{} has different HTTP statuses: {}",
            code.code,
            said.join("; ")
        )
    } else {
        format!(
            "{} has different HTTP statuses in different services, code lists or operations: {}; not a proven error",
            code.code,
            said.join("; ")
        )
    };
    let mut finding = Finding::new(
        kind,
        message,
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
    finding
}

/// Definition indices by config group (`None`: ungrouped).
fn scopes(context: &Context, code: &ErrorCode) -> BTreeMap<Option<usize>, Vec<usize>> {
    let mut scopes: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
    for (di, d) in code.definitions.iter().enumerate() {
        scopes.entry(context.group(&d.source)).or_default().push(di);
    }
    scopes
}

fn group_difference(
    context: &Context,
    code: &ErrorCode,
    profiles: CodeProfiles,
) -> Option<Finding> {
    if context.config.groups.is_empty() || code.definitions.len() < 2 {
        return None;
    }
    let scopes = scopes(context, code);
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

/// The lowest similarity of some judged pairs, rounded as findings show it.
fn lowest_score(pairs: &[&SidePair]) -> f64 {
    round(
        pairs
            .iter()
            .map(|p| score(p.judgement))
            .fold(f64::INFINITY, f64::min),
    )
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
