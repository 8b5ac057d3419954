//! The score: weighted containment of one text's main clause in the other, lowered when the
//! texts name different operations, give different numbers or say opposite things.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use super::negation::{NOT_MARK, negate};
use super::normalize::fold_word;
use super::stemming::stem;
use super::tables::TABLES;
use super::{CONFLICT_THRESHOLD, Profile, VARIANT_THRESHOLD};

/// Weight of a generic word (fail, error, …) relative to a content word.
const GENERIC_WEIGHT: f64 = 0.3;

/// Weight of a vague noun relative to a content word.
const VAGUE_WEIGHT: f64 = 0.5;

/// A main clause weighing less than this says nothing specific ("Failed.", "Error.").
pub(super) const SUBSTANTIVE_WEIGHT: f64 = 1.0;

/// How much of the score survives when the main clauses name different operations.
const OTHER_ACTION_FACTOR: f64 = 0.5;

/// How much of the score survives when both texts give numbers and none is shared ("must
/// contain 512 bits" vs "must be 8 to 8,192 bits"): other limits, other rules.
const OTHER_NUMBER_FACTOR: f64 = 0.5;

/// How much of the score survives when one text says the opposite of a word the other's main
/// clause says ("is encrypted" / "is not encrypted", "does not exist" / "already exists").
const OTHER_POLARITY_FACTOR: f64 = 0.5;

/// Stems of a word table, after the one-word synonyms: tables are written as words so that
/// they cannot disagree with the stemmer.
fn stems(table: &[String]) -> BTreeSet<String> {
    table.iter().map(|w| stem(&fold_word(w))).collect()
}

pub(super) static ACTION_STEMS: LazyLock<BTreeSet<String>> =
    LazyLock::new(|| stems(&TABLES.actions));
static GENERIC_STEMS: LazyLock<BTreeSet<String>> = LazyLock::new(|| stems(&TABLES.generic));
static VAGUE_STEMS: LazyLock<BTreeSet<String>> = LazyLock::new(|| stems(&TABLES.vague));

static CLASH_STEMS: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    TABLES
        .clashes
        .iter()
        .map(|(a, b)| (stem(&fold_word(a)), stem(&fold_word(b))))
        .collect()
});

/// A word's weight: generic words weigh least, vague nouns less than the words that say what.
pub(super) fn weight(word: &str) -> f64 {
    if GENERIC_STEMS.contains(word) {
        GENERIC_WEIGHT
    } else if VAGUE_STEMS.contains(word) {
        VAGUE_WEIGHT
    } else {
        1.0
    }
}

/// True when `word` is in `all`, or a word of five letters or more is one typo away from a
/// word there with the same first letter ("resposne"/"response" after stemming; a letter
/// missing, added, replaced, or two neighbours swapped: "udpate"/"update"). Shorter words are
/// too often other words one letter apart (user/used).
fn covered(word: &str, all: &BTreeSet<String>) -> bool {
    all.contains(word)
        || (word.len() >= 5
            && all.iter().any(|w| {
                w.len() >= 5
                    && w.chars().next() == word.chars().next()
                    && (one_edit(word, w) || swapped(word, w))
            }))
}

/// True when two words differ only by two neighbouring letters swapped ("invaild"/"invalid").
pub(super) fn swapped(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let Some(i) = (0..a.len()).find(|&i| a[i] != b[i]) else {
        return false;
    };
    i + 1 < a.len() && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..]
}

/// True when two words differ by at most one insertion, deletion or substitution.
pub(super) fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        short[prefix + 1.min(short.len() - prefix)..] == long[prefix + 1.min(long.len() - prefix)..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// Weighted share of `main`'s words that occur in the other text. A word is there when
/// [`covered`], when the other text writes it as two words ([`Profile::joined`]), or, for two
/// neighbouring words, when the other text writes them as one ("health check"/"healthcheck").
fn containment(main: &[String], other: &Profile) -> f64 {
    let total: f64 = main.iter().map(|w| weight(w)).sum();
    if total == 0.0 {
        return 0.0;
    }
    let mut found: Vec<bool> = main
        .iter()
        .map(|w| covered(w, &other.all) || other.joined.contains(w))
        .collect();
    for i in 1..main.len() {
        if !(found[i - 1] && found[i])
            && covered(&format!("{}{}", main[i - 1], main[i]), &other.all)
        {
            found[i - 1] = true;
            found[i] = true;
        }
    }
    let covered: f64 = main
        .iter()
        .zip(&found)
        .filter(|(_, found)| **found)
        .map(|(w, _)| weight(w))
        .sum();
    covered / total
}

/// True when `a`'s main clause says a word whose opposite (its negation, or its pair in the
/// clashes table) `b` says without saying the word itself.
fn polarity_clash(a: &Profile, b: &Profile) -> bool {
    a.main.iter().any(|w| {
        if b.all.contains(w) {
            return false;
        }
        let negated = match w.strip_prefix(NOT_MARK) {
            Some(plain) => b.all.contains(plain),
            // `!` sorts before letters, digits and CJK: a text with a marked word has one first.
            // Most texts negate nothing, so most never build the marked form.
            None => {
                b.all
                    .first()
                    .is_some_and(|first| first.starts_with(NOT_MARK))
                    && b.all.contains(&negate(w))
            }
        };
        negated
            || CLASH_STEMS
                .iter()
                .any(|(x, y)| (w == x && b.all.contains(y)) || (w == y && b.all.contains(x)))
    })
}

/// The operations a main clause names.
fn actions(main: &[String]) -> BTreeSet<&str> {
    main.iter()
        .map(String::as_str)
        .filter(|w| ACTION_STEMS.contains(*w))
        .collect()
}

/// Weighted Dice coefficient of the two texts' whole word sets: a symmetric figure used to rank
/// candidates (renumbering hints), not to decide meaning.
pub fn overlap(a: &Profile, b: &Profile) -> f64 {
    let total: f64 = a.all.iter().chain(&b.all).map(|w| weight(w)).sum();
    if total == 0.0 {
        return 0.0;
    }
    let shared: f64 = a.all.intersection(&b.all).map(|w| weight(w)).sum();
    2.0 * shared / total
}

/// How far two texts share one meaning, from 0 (unrelated) to 1 (one says all the other's main
/// clause says). See the module doc.
pub fn similarity(a: &Profile, b: &Profile) -> f64 {
    let a_in_b = containment(&a.main, b);
    let b_in_a = containment(&b.main, a);
    let a_says = a.main_weight() >= SUBSTANTIVE_WEIGHT;
    let b_says = b.main_weight() >= SUBSTANTIVE_WEIGHT;
    let mut score = match (a_says, b_says) {
        (true, true) => a_in_b.max(b_in_a),
        // A generic text ("A system exception occurred.") neither shares nor contradicts a
        // specific one: unclear by construction, unless it is contained outright.
        (true, false) => a_in_b.max(CONFLICT_THRESHOLD),
        (false, true) => b_in_a.max(CONFLICT_THRESHOLD),
        // Two texts that both only say that something went wrong say the same.
        (false, false) => a_in_b.max(b_in_a).max(VARIANT_THRESHOLD),
    };
    let (acts_a, acts_b) = (actions(&a.main), actions(&b.main));
    if !acts_a.is_empty() && !acts_b.is_empty() && acts_a.is_disjoint(&acts_b) {
        score *= OTHER_ACTION_FACTOR;
    }
    if !a.numbers.is_empty() && !b.numbers.is_empty() && a.numbers.is_disjoint(&b.numbers) {
        score *= OTHER_NUMBER_FACTOR;
    }
    if polarity_clash(a, b) || polarity_clash(b, a) {
        score *= OTHER_POLARITY_FACTOR;
    }
    score
}
