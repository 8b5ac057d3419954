//! The meaning errdex states for a code: the one most sources give, in the reader's language.
//!
//! One rule, [`stated_meaning`], behind everything that states what a code means: `explain`,
//! `annotate`, the site's code pages, the generated crate's `meaning()` / `message()` /
//! `solution()`, and search snippets.
//!
//! 1. A definition's language is the language of its text ([`language_of`]): Chinese when its
//!    message, description or solution holds a Chinese character, else English. (A Chinese page
//!    often keeps the English API message beside a Chinese description and solution; such a
//!    row is written for a Chinese reader.)
//! 2. At build time [`decide`] groups each code's definitions by meaning with `check`'s own
//!    judgement ([`crate::check::judging::Judge`]): a definition joins the group of its language
//!    whose members it agrees with most often (the same words, or a wording variant) provided it
//!    conflicts with none of them; else it starts a group. It also records which definitions
//!    come from sources `errdex.toml` ranks, and the decision for a reader of English. All of
//!    it is stored in `kb.json` ([`ErrorCode::meanings`], [`ErrorCode::ranked`],
//!    [`ErrorCode::authoritative`]), so what follows is a cheap pure function.
//! 3. The candidates are the definitions in the reader's language; when there are none, the
//!    English ones; when there are none either, all of them. The others are shown as
//!    translations, never as the meaning.
//! 4. `errdex.toml` overrides: among the candidates, the definition from the source it ranks
//!    first for the service is stated (`[authority]`, or a group's `authority`).
//! 5. Otherwise the candidate group given by the most sources is stated; on a tie, the group
//!    with more definitions, then the group with a solution, then the group whose first
//!    definition comes first in source order (sources sorted by id, rows by line).
//! 6. The wording stated for a group is its definition with a solution, then the wording most
//!    of its members share, then the first in source order.

use std::cell::OnceCell;
use std::cmp::Reverse;
use std::collections::BTreeSet;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::check::Context;
use crate::check::judging::{Judge, text_of};
use crate::check::similarity::{Judgement, surface};
use crate::config::Config;
use crate::kb::{Definition, ErrorCode, KnowledgeBase};

/// The reader's language when none is asked for.
pub const DEFAULT_LANGUAGE: &str = "en";

/// Why the stated meaning was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// Every candidate definition gives this meaning (one definition included).
    Unanimous,
    /// More sources give this meaning than any other.
    Majority,
    /// Two or more meanings have as many sources; the tie-break chose (solution, source order).
    Tie,
    /// `errdex.toml` ranks its source first.
    Authority,
}

/// What [`stated_meaning`] decided, as indices into the code's definitions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedMeaning {
    /// The definition whose wording is stated.
    pub definition: usize,
    /// Its language (`en`, `zh`).
    pub language: &'static str,
    /// False when no definition is in the reader's language.
    pub in_reader_language: bool,
    /// Why this meaning.
    pub basis: Basis,
    /// The definitions giving this meaning, the stated one included, in source order.
    pub agreeing: Vec<usize>,
    /// The other meanings in the stated language, most sources first.
    pub differing: Vec<Vec<usize>>,
    /// The definitions in other languages, by meaning, in language then source order.
    pub translations: Vec<Vec<usize>>,
}

impl StatedMeaning {
    /// How far the sources agree, in words: `2 of 3 sources agree; 1 differs; 1 in another
    /// language (Chinese)`. Counted in sources when every definition comes from its own
    /// source, else in definitions. `definitions` are the ones decided on.
    pub fn agreement<D: AsRef<Definition>>(&self, definitions: &[D]) -> String {
        let sources: BTreeSet<&str> = definitions
            .iter()
            .map(|d| d.as_ref().source.as_str())
            .collect();
        let total = definitions.len();
        let unit = match sources.len() == total {
            true => "sources",
            false => "definitions",
        };
        let differing: usize = self.differing.iter().map(Vec::len).sum();
        let translated: usize = self.translations.iter().map(Vec::len).sum();
        let mut parts = Vec::new();
        if self.basis == Basis::Authority {
            parts.push("errdex.toml ranks this source first".to_string());
        }
        parts.push(match (total, differing, translated, self.agreeing.len()) {
            (1, ..) => "the only definition".to_string(),
            (n, 0, 0, _) => format!("all {n} {unit} agree"),
            (_, 0, _, 1) => format!("the only definition in {}", language_name(self.language)),
            (n, _, _, agreeing) => format!("{agreeing} of {n} {unit} agree"),
        });
        if differing > 0 {
            let verb = if differing == 1 { "differs" } else { "differ" };
            parts.push(format!("{differing} {verb}"));
        }
        if translated > 0 {
            let languages: BTreeSet<&str> = self
                .translations
                .iter()
                .map(|g| language_name(language_of(definitions[g[0]].as_ref())))
                .collect();
            let languages: Vec<&str> = languages.into_iter().collect();
            parts.push(format!(
                "{translated} in another language ({})",
                languages.join(", ")
            ));
        }
        if self.basis == Basis::Tie {
            let compared: BTreeSet<&str> = self
                .differing
                .iter()
                .chain([&self.agreeing])
                .flatten()
                .map(|&i| definitions[i].as_ref().source.as_str())
                .collect();
            let why = match compared.len() {
                1 => format!("one source gives {} meanings", self.differing.len() + 1),
                _ => "no majority of sources".to_string(),
            };
            parts.push(format!(
                "{why}: the tie goes to more definitions, a solution, then source order"
            ));
        }
        parts.join("; ")
    }
}

/// A language code in words (`zh` → `Chinese`); other codes as they are.
pub fn language_name(language: &str) -> &str {
    match language {
        "en" => "English",
        "zh" => "Chinese",
        other => other,
    }
}

/// The language of a definition's text: `zh` when its message, description or solution holds
/// a Chinese character, else `en`.
pub fn language_of(definition: &Definition) -> &'static str {
    let texts = [
        Some(definition.message.as_str()),
        definition.description.as_deref(),
        definition.solution.as_deref(),
    ];
    match texts
        .into_iter()
        .flatten()
        .any(|t| t.chars().any(crate::shapes::is_han))
    {
        true => "zh",
        false => "en",
    }
}

/// The meaning errdex states for `code` to a reader of `reader` (`en`, `zh`); `None` for a
/// code without definitions. See the module documentation for the rule.
pub fn stated_meaning(code: &ErrorCode, reader: &str) -> Option<StatedMeaning> {
    stated_meaning_of(&code.definitions, &code.meanings, &code.ranked, reader)
}

/// [`stated_meaning`] from the parts of an [`ErrorCode`] (as `explain` keeps them). Groups
/// that name a definition twice or one that does not exist are read leniently: each
/// definition counts once, and a definition in no group is a meaning of its own.
pub fn stated_meaning_of<D: AsRef<Definition>>(
    definitions: &[D],
    meanings: &[Vec<usize>],
    ranked: &[usize],
    reader: &str,
) -> Option<StatedMeaning> {
    let definition = |i: usize| definitions[i].as_ref();
    let groups = complete_groups(definitions.len(), meanings);
    let group_language = |g: &[usize]| language_of(definition(g[0]));
    let languages: Vec<&'static str> = groups.iter().map(|g| group_language(g)).collect();
    let present = |wanted: &str| languages.iter().copied().find(|l| *l == wanted);
    let language = present(reader)
        .or_else(|| present(DEFAULT_LANGUAGE))
        .or_else(|| languages.first().copied())?;
    let (mut candidates, mut translations): (Vec<Vec<usize>>, Vec<Vec<usize>>) = groups
        .into_iter()
        .partition(|g| group_language(g) == language);
    let weight = |g: &Vec<usize>| {
        let sources: BTreeSet<&str> = g.iter().map(|&i| definition(i).source.as_str()).collect();
        let solution = g.iter().any(|&i| has_solution(definition(i)));
        (Reverse(sources.len()), Reverse(g.len()), !solution, g[0])
    };
    candidates.sort_by_key(weight);
    translations.sort_by_key(|g| (group_language(g), g[0]));
    let authority = ranked
        .iter()
        .copied()
        .find(|i| candidates.iter().any(|g| g.contains(i)));
    let (chosen, basis) = match authority {
        Some(i) => (i, Basis::Authority),
        None => {
            let basis = match candidates.get(1) {
                None => Basis::Unanimous,
                Some(second) if weight(second).0 == weight(&candidates[0]).0 => Basis::Tie,
                Some(_) => Basis::Majority,
            };
            (representative(definitions, &candidates[0]), basis)
        }
    };
    let at = candidates.iter().position(|g| g.contains(&chosen))?;
    let agreeing = candidates.remove(at);
    Some(StatedMeaning {
        definition: chosen,
        language,
        in_reader_language: language == reader,
        basis,
        agreeing,
        differing: candidates,
        translations,
    })
}

/// Every definition in exactly one group: the given groups (indices in range, each definition
/// in its first group only, sorted), then one group for each definition left out; groups in
/// the order of their first definition.
fn complete_groups(count: usize, meanings: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut seen = vec![false; count];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for group in meanings {
        let mut members: Vec<usize> = group
            .iter()
            .copied()
            .filter(|&i| i < count && !std::mem::replace(&mut seen[i], true))
            .collect();
        members.sort_unstable();
        if !members.is_empty() {
            groups.push(members);
        }
    }
    groups.extend((0..count).filter(|&i| !seen[i]).map(|i| vec![i]));
    groups.sort_by_key(|g| g[0]);
    groups
}

fn has_solution(definition: &Definition) -> bool {
    definition
        .solution
        .as_deref()
        .is_some_and(|s| s.chars().any(char::is_alphanumeric))
}

/// The definition that words a group (the stated one, and each differing meaning or
/// translation where it is shown): a definition with a solution, then the wording most
/// members share, then the first in source order.
pub fn representative<D: AsRef<Definition>>(definitions: &[D], group: &[usize]) -> usize {
    let surfaces: Vec<String> = group
        .iter()
        .map(|&i| surface(&definitions[i].as_ref().message))
        .collect();
    let shared = |k: usize| surfaces.iter().filter(|s| **s == surfaces[k]).count();
    (0..group.len())
        .min_by_key(|&k| {
            let d = definitions[group[k]].as_ref();
            (!has_solution(d), Reverse(shared(k)), group[k])
        })
        .map_or(group[0], |k| group[k])
}

/// The build step: groups every code's definitions by meaning, records the definitions from
/// sources `errdex.toml` ranks, and the meaning stated to a reader of English.
pub fn decide(kb: &mut KnowledgeBase, config: &Config) {
    let decided: Vec<(Vec<Vec<usize>>, Vec<usize>)> = {
        let context = Context::new(kb, config);
        let judge = Judge::new(&context);
        kb.error_codes
            .par_iter()
            .map(|code| (group_meanings(code, &judge), ranked(&context, code)))
            .collect()
    };
    for (code, (meanings, ranked)) in kb.error_codes.iter_mut().zip(decided) {
        code.meanings = meanings;
        code.ranked = ranked;
        code.authoritative = stated_meaning(code, DEFAULT_LANGUAGE).map_or(0, |s| s.definition);
    }
}

/// A code's definitions grouped by meaning (empty for fewer than two definitions). Texts
/// with the same words are alike without asking; the judge profiles the code only when two
/// texts differ.
fn group_meanings(code: &ErrorCode, judge: &Judge) -> Vec<Vec<usize>> {
    if code.definitions.len() < 2 {
        return Vec::new();
    }
    let surfaces: Vec<String> = code
        .definitions
        .iter()
        .map(|d| surface(text_of(d)))
        .collect();
    let languages: Vec<&str> = code.definitions.iter().map(language_of).collect();
    let profiled = OnceCell::new();
    group_by(&languages, |a, b| {
        if surfaces[a] == surfaces[b] {
            Some(Judgement::Same)
        } else {
            profiled.get_or_init(|| judge.code(code)).judge(a, b)
        }
    })
}

/// Groups definitions (given by their languages) with a judgement on pairs: each, in order,
/// joins the group of its language whose members it agrees with (same or variant) most often
/// and conflicts with none of; else it starts a group. An unclear pair neither joins nor
/// separates.
fn group_by(
    languages: &[&str],
    judge: impl Fn(usize, usize) -> Option<Judgement>,
) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, language) in languages.iter().enumerate() {
        let mut best: Option<(usize, usize)> = None;
        for (g, members) in groups.iter().enumerate() {
            if languages[members[0]] != *language {
                continue;
            }
            let mut agreeing = 0;
            let mut conflicting = false;
            for &m in members {
                match judge(m, i) {
                    Some(Judgement::Same | Judgement::Variant(_)) => agreeing += 1,
                    Some(Judgement::Conflict(_)) => conflicting = true,
                    Some(Judgement::Unclear(_)) | None => {}
                }
            }
            if agreeing > 0 && !conflicting && best.is_none_or(|(most, _)| agreeing > most) {
                best = Some((agreeing, g));
            }
        }
        match best {
            Some((_, g)) => groups[g].push(i),
            None => groups.push(vec![i]),
        }
    }
    groups
}

/// The definitions from sources `errdex.toml` ranks for the code's service, most
/// authoritative first (then source order).
fn ranked(context: &Context, code: &ErrorCode) -> Vec<usize> {
    let mut ranked: Vec<(usize, usize, u32, usize)> = code
        .definitions
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let rank = context.authority(&code.service, &d.source)?;
            Some((rank, context.order(&d.source), d.line, i))
        })
        .collect();
    ranked.sort_unstable();
    ranked.into_iter().map(|(.., i)| i).collect()
}

impl AsRef<Definition> for Definition {
    fn as_ref(&self) -> &Definition {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testkb::{def, kb};

    fn with_solution(mut d: Definition, solution: &str) -> Definition {
        d.solution = Some(solution.into());
        d
    }

    fn decided(sources: &[&str], definitions: Vec<Definition>, config: &str) -> KnowledgeBase {
        let config = Config::parse(config, std::path::Path::new("errdex.toml")).expect("config");
        let mut kb = kb(sources, definitions);
        decide(&mut kb, &config);
        kb
    }

    #[test]
    fn language_is_read_from_the_text() {
        let english = def("a", 1, "ECS.1", None, "Insufficient EIP quota.");
        assert_eq!(language_of(&english), "en");
        assert_eq!(
            language_of(&with_solution(english.clone(), "请申请扩大EIP配额")),
            "zh"
        );
        assert_eq!(
            language_of(&def("a", 1, "ECS.1", None, "EIP配额不足")),
            "zh"
        );
    }

    /// Two English pages say the same; a Chinese page is a translation, not the meaning.
    #[test]
    fn english_majority_is_stated_and_chinese_is_a_translation() {
        let kb = decided(
            &["a", "b", "c"],
            vec![
                with_solution(
                    def(
                        "a",
                        1,
                        "ECS.13",
                        Some(400),
                        "The EIP quota limit is reached.",
                    ),
                    "请申请扩大EIP配额",
                ),
                with_solution(
                    def("b", 1, "ECS.13", Some(400), "Insufficient EIP quota."),
                    "Apply for a higher quota.",
                ),
                with_solution(
                    def("c", 1, "ECS.13", Some(400), "Insufficient EIP quota."),
                    "Apply for a higher quota.",
                ),
            ],
            "",
        );
        let code = &kb.error_codes[0];
        assert_eq!(code.meanings, vec![vec![0], vec![1, 2]]);
        let stated = stated_meaning(code, "en").expect("stated");
        assert_eq!(stated.definition, 1);
        assert_eq!(code.authoritative, 1);
        assert_eq!((stated.agreeing.len(), stated.basis), (2, Basis::Unanimous));
        assert!(stated.differing.is_empty());
        assert_eq!(stated.translations, vec![vec![0]]);
        let chinese = stated_meaning(code, "zh").expect("stated");
        assert_eq!((chinese.definition, chinese.language), (0, "zh"));
        assert_eq!(chinese.translations, vec![vec![1, 2]]);
        assert!(chinese.in_reader_language);
    }

    #[test]
    fn the_meaning_most_sources_give_beats_the_first() {
        let kb = decided(
            &["a", "b", "c"],
            vec![
                def("a", 1, "ECS.102", None, "The data disk is unresponsive."),
                def(
                    "b",
                    1,
                    "ECS.102",
                    None,
                    "System disk status does not support detaching.",
                ),
                def(
                    "c",
                    1,
                    "ECS.102",
                    None,
                    "System disk status does not support detaching, serverId [%s]",
                ),
            ],
            "",
        );
        let code = &kb.error_codes[0];
        let stated = stated_meaning(code, "en").expect("stated");
        assert_eq!(stated.definition, 1);
        assert_eq!(stated.basis, Basis::Majority);
        assert_eq!(stated.agreeing, vec![1, 2]);
        assert_eq!(stated.differing, vec![vec![0]]);
        // A reader of Chinese gets English when nothing is in Chinese.
        let fallback = stated_meaning(code, "zh").expect("stated");
        assert_eq!(
            (fallback.definition, fallback.in_reader_language),
            (1, false)
        );
    }

    #[test]
    fn authority_overrides_the_majority() {
        let definitions = vec![
            def("a", 1, "CSS.1", None, "Failed to create the snapshot."),
            def("b", 1, "CSS.1", None, "Failed to reset the password."),
            def("c", 1, "CSS.1", None, "Failed to reset the password."),
        ];
        let kb = decided(
            &["a", "b", "c"],
            definitions,
            "[authority]\nCSS = [\"a\"]\n",
        );
        let code = &kb.error_codes[0];
        assert_eq!(code.ranked, vec![0]);
        let stated = stated_meaning(code, "en").expect("stated");
        assert_eq!((stated.definition, stated.basis), (0, Basis::Authority));
        assert_eq!(stated.differing, vec![vec![1, 2]]);
        assert_eq!(code.authoritative, 0);
    }

    #[test]
    fn ties_go_to_the_group_with_a_solution_then_source_order() {
        let plain = |source| def(source, 1, "CSS.1", None, "Failed to create the snapshot.");
        let other = |source| def(source, 2, "CSS.1", None, "Failed to reset the password.");
        let kb = decided(&["a", "b"], vec![plain("a"), other("b")], "");
        let stated = stated_meaning(&kb.error_codes[0], "en").expect("stated");
        assert_eq!((stated.definition, stated.basis), (0, Basis::Tie));
        let kb = decided(
            &["a", "b"],
            vec![plain("a"), with_solution(other("b"), "Reset it again.")],
            "",
        );
        let stated = stated_meaning(&kb.error_codes[0], "en").expect("stated");
        assert_eq!((stated.definition, stated.basis), (1, Basis::Tie));
    }

    #[test]
    fn one_source_with_several_meanings_is_said_so() {
        let kb = decided(
            &["a"],
            vec![
                def("a", 1, "X.1", None, "Failed to create the snapshot."),
                def("a", 2, "X.1", None, "Failed to reset the password."),
                def("a", 3, "X.1", None, "Failed to reset the password."),
            ],
            "",
        );
        let code = &kb.error_codes[0];
        let stated = stated_meaning(code, "en").expect("stated");
        assert_eq!((stated.definition, stated.basis), (1, Basis::Tie));
        assert_eq!(
            stated.agreement(&code.definitions),
            "2 of 3 definitions agree; 1 differs; one source gives 2 meanings: the tie goes to more definitions, a solution, then source order"
        );
    }

    /// One page repeating itself is one source, not a majority.
    #[test]
    fn sources_count_not_rows() {
        let kb = decided(
            &["a", "b", "c"],
            vec![
                def("a", 1, "X.1", None, "Failed to create the snapshot."),
                def("a", 9, "X.1", None, "Failed to create the snapshot."),
                def("b", 1, "X.1", None, "Failed to reset the password."),
                def("c", 1, "X.1", None, "Failed to reset the password."),
            ],
            "",
        );
        let stated = stated_meaning(&kb.error_codes[0], "en").expect("stated");
        assert_eq!((stated.definition, stated.basis), (2, Basis::Majority));
    }

    #[test]
    fn a_member_in_conflict_keeps_a_definition_out_of_the_group() {
        use Judgement::*;
        // 0 and 1 agree, 2 agrees with 1 but conflicts with 0: it starts its own group.
        let verdicts = |a: usize, b: usize| match (a.min(b), a.max(b)) {
            (0, 1) | (1, 2) => Some(Variant(0.8)),
            (0, 2) => Some(Conflict(0.2)),
            _ => None,
        };
        assert_eq!(
            group_by(&["en", "en", "en"], verdicts),
            vec![vec![0, 1], vec![2]]
        );
        // Unclear pairs and other languages never join.
        let unclear = |_, _| Some(Unclear(0.6));
        assert_eq!(group_by(&["en", "en"], unclear), vec![vec![0], vec![1]]);
        let same = |_, _| Some(Same);
        assert_eq!(group_by(&["en", "zh"], same), vec![vec![0], vec![1]]);
    }

    #[test]
    fn groups_are_read_leniently() {
        let d = |line| def("a", line, "X.1", None, "Failed to create the snapshot.");
        let definitions = vec![d(1), d(2), d(3)];
        // Out of range, repeated and missing members: each definition counts once.
        let stated = stated_meaning_of(&definitions, &[vec![2, 9, 2]], &[7], "en").expect("stated");
        assert_eq!(stated.agreeing.len() + stated.differing.len(), 3);
        assert!(stated_meaning_of::<Definition>(&[], &[], &[], "en").is_none());
    }
}
