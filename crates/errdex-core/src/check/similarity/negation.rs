//! Negations: "not enough" reads as `insufficient`, "no system disk found" as `system disk
//! notexist`, "is not encrypted" / "unencrypted" / 未加密 as the negated word `!encrypt`.
//! The words are in `data/similarity/negation.toml`.

use super::normalize::{fold_word, is_stop_word};
use super::scoring::ACTION_STEMS;
use super::stemming::stem;
use super::tables::{TABLES, has};

/// How many words a `no` may reach over to its verb: "no system disk found".
const NO_REACH: usize = 3;

/// Marks a word that a text says does not hold ("not encrypted" → `!encrypt`): unlike a word
/// with a known opposite, it is neither the word itself nor anything else, and a text that
/// says the word plainly contradicts it (`scoring::polarity_clash`).
pub(super) const NOT_MARK: char = '!';

/// The word negated: `encrypt` → `!encrypt`, `!encrypt` → `encrypt`.
pub(super) fn negate(word: &str) -> String {
    match word.strip_prefix(NOT_MARK) {
        Some(plain) => plain.to_string(),
        None => format!("{NOT_MARK}{word}"),
    }
}

/// "unencrypted", "unattached": a participle with the prefix `un-` is the negated participle
/// (`!encrypt`). Words the tables already read (unsupported, unverified), operations (unbind,
/// uninstall) and short words (unused, under) are left alone.
pub(super) fn un_prefixed(folded: &str) -> Option<String> {
    let rest = folded.strip_prefix("un")?;
    if folded.len() < 9 || !folded.ends_with("ed") || !rest.bytes().all(|b| b.is_ascii_lowercase())
    {
        return None;
    }
    let whole = stem(folded);
    if ACTION_STEMS.contains(&whole) || TABLES.opposites.iter().any(|(_, o)| o == folded) {
        return None;
    }
    Some(negate(&stem(&fold_word(rest))))
}

/// Replaces a negation and the word it negates by that word's opposite ("does not contain
/// enough" → `insufficient`, "are not matched" → `mismatch`, "no system disk found" → `system
/// disk notexist`). A plain negation of a word with no known opposite marks the word as negated
/// ("is not encrypted" → encrypted, negated), unless it belongs to a requirement ("must not
/// be") or negates no content word ("not in the active state"): then it stays as it is. Each
/// word comes with whether it is negated.
pub(super) fn resolve_negations<'a>(raw: &[&'a str]) -> Vec<(&'a str, bool)> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if let Some((between, target, opposite)) = negated(raw, i) {
            out.extend(between.into_iter().map(|w| (w, false)));
            out.push((opposite, false));
            // "no access permissions": one negation, one opposite.
            i = target + 1;
            while raw.get(i).is_some_and(|w| opposite_of(w) == Some(opposite)) {
                i += 1;
            }
        } else if let Some(target) = plainly_negated(raw, i) {
            out.push((raw[target], true));
            i = target + 1;
        } else {
            out.push((raw[i], false));
            i += 1;
        }
    }
    out
}

/// When `raw[at]` is a plain negation of a content word, over filler words (the negation gap)
/// and not after a modal: the index of that word.
fn plainly_negated(raw: &[&str], at: usize) -> Option<usize> {
    let tables = &*TABLES;
    if !has(&tables.plain_negations, raw[at]) || at > 0 && has(&tables.modals, raw[at - 1]) {
        return None;
    }
    let target = (at + 1..raw.len()).find(|&j| !has(&tables.negation_gap, raw[j]))?;
    let word = raw[target];
    let content = !is_stop_word(word)
        && !has(&tables.negations, word)
        && !has(&tables.modals, word)
        && !word.bytes().all(|b| b.is_ascii_digit());
    content.then_some(target)
}

fn opposite_of(word: &str) -> Option<&'static str> {
    TABLES
        .opposites
        .iter()
        .find(|(w, _)| w == word)
        .map(|(_, o)| o.as_str())
}

/// When `raw[at]` is a negation of a word with an opposite: the words kept between the two,
/// the index of the negated word, and its opposite. `not` reaches only over filler words (the
/// negation gap); `no` also over a few words before a verb of finding ("no system disk
/// found").
fn negated<'a>(raw: &[&'a str], at: usize) -> Option<(Vec<&'a str>, usize, &'static str)> {
    let tables = &*TABLES;
    if !has(&tables.negations, raw[at]) {
        return None;
    }
    let mut between = Vec::new();
    for (j, word) in raw.iter().enumerate().skip(at + 1) {
        let opposite = opposite_of(word);
        let reach_ok = between.is_empty() || has(&tables.no_reach_targets, word);
        match opposite {
            Some(opposite) if reach_ok => return Some((between, j, opposite)),
            _ if has(&tables.negation_gap, word) => {}
            _ if raw[at] == "no" && between.len() < NO_REACH => between.push(*word),
            _ => return None,
        }
    }
    None
}
