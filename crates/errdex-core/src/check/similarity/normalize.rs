//! From text to words: lower case, placeholders removed, phrases folded into tokens (English
//! and Chinese), sentences and clauses found, words split, negations resolved, stop words
//! dropped, synonyms folded, words stemmed.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::negation::{negate, resolve_negations, un_prefixed};
use super::stemming::stem;
use super::tables::{TABLES, has};
use crate::shapes::is_cjk;

/// Lower case, placeholders removed, multi-word synonyms folded, spaces collapsed; padded with
/// one space each side so phrases match at word boundaries.
pub fn normalize(text: &str) -> String {
    let lowered = strip_placeholders(&join_thousands(&split_camel_case(text).to_lowercase()));
    let mut spaced: String = lowered
        .chars()
        .map(|c| match c {
            '\u{a0}' | '\t' | '\n' | '\r' | '"' | '“' | '”' | '\'' | '‘' | '’' | '*' | '`' => {
                ' '
            }
            _ => c,
        })
        .collect();
    // Re-insert apostrophes of contractions removed above ("doesn t" → "doesn't").
    spaced = spaced.replace("n t ", "n't ");
    let collapsed = format!(
        " {} ",
        spaced.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    if collapsed.chars().any(is_cjk) {
        replace_phrases(&replace_chinese(&collapsed))
    } else {
        replace_phrases(&collapsed)
    }
}

/// One automaton over a phrase table, leftmost-longest, so a text is scanned once however many
/// phrases there are ("does not exist" wins over "not exist").
fn automaton(table: &[(String, String)]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(table.iter().map(|(phrase, _)| phrase))
        .expect("a phrase automaton builds from a few hundred short phrases")
}

static CN_MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(&TABLES.chinese));

/// Replaces every Chinese phrase by its tokens, spaced as a word of its own.
fn replace_chinese(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for found in CN_MATCHER.find_iter(text) {
        out.push_str(&text[last..found.start()]);
        out.push(' ');
        out.push_str(&TABLES.chinese[found.pattern().as_usize()].1);
        out.push(' ');
        last = found.end();
    }
    out.push_str(&text[last..]);
    format!(" {} ", out.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `1,096` → `1096`: a thousands separator is not a break between two numbers.
pub(super) fn join_thousands(text: &str) -> String {
    let bytes = text.as_bytes();
    let is_digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    text.char_indices()
        .filter(|&(i, c)| {
            let separator = c == ','
                && i > 0
                && is_digit(i - 1)
                && (1..=3).all(|k| is_digit(i + k))
                && !is_digit(i + 4);
            !separator
        })
        .map(|(_, c)| c)
        .collect()
}

static PHRASE_MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(&TABLES.phrases));

/// Replaces every phrase that stands as whole words by its synonym.
fn replace_phrases(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for found in PHRASE_MATCHER.find_iter(text) {
        let before_ok = text[..found.start()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = text[found.end()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            out.push_str(&text[last..found.start()]);
            out.push_str(&TABLES.phrases[found.pattern().as_usize()].1);
            last = found.end();
        }
    }
    out.push_str(&text[last..]);
    out
}

/// `privateIp` → `private Ip`: identifiers in messages are words too. The plural `s` of an
/// abbreviation is dropped (`VNIs` → `VNI`, `IDs` → `ID`): too short to stem, and no
/// abbreviation ends in a lower-case `s`.
pub(super) fn split_camel_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous: Option<char> = None;
    let mut capitals = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_uppercase() && previous.is_some_and(|p| p.is_ascii_lowercase()) {
            out.push(' ');
        }
        let plural = c == 's' && capitals >= 2 && chars.peek().is_none_or(|n| !n.is_alphanumeric());
        if !plural {
            out.push(c);
        }
        capitals = if c.is_ascii_uppercase() {
            capitals + 1
        } else {
            0
        };
        previous = Some(c);
    }
    out
}

/// Removes `<…>` and `{…}` placeholders, `%s`-style format slots and `XXX` runs.
pub fn strip_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if depth.is_none() && c == '%' && chars.peek().is_some_and(|n| n.is_ascii_alphabetic()) {
            chars.next(); // `%s`, `%d`: a format slot
            out.push(' ');
            continue;
        }
        match (depth, c) {
            (None, '<') => depth = Some('>'),
            (None, '{') => depth = Some('}'),
            (Some(close), c) if c == close => {
                depth = None;
                out.push(' ');
            }
            (Some(_), _) => {}
            (None, c) => out.push(c),
        }
    }
    out.split_whitespace()
        .filter(|w| !is_placeholder_word(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `XXX`, `xxxx`, `%s`, `%d`, `${name}` leftovers.
fn is_placeholder_word(word: &str) -> bool {
    let core = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '%' && c != '$');
    let all_x = core.len() >= 2 && core.chars().all(|c| c == 'x' || c == 'X');
    all_x || core.starts_with('%') || core.starts_with('$')
}

/// The sentences that describe what went wrong: advice ("Contact customer service.", "Try
/// again later.") and, after the first sentence, instructions ("Select another subnet.") left
/// out. Empty when the text is advice only.
pub(super) fn description(normalized: &str) -> String {
    let kept: Vec<&str> = sentences(normalized)
        .into_iter()
        .enumerate()
        .filter(|(i, sentence)| {
            let opening = first_word(sentence);
            let points = TABLES
                .pointers
                .iter()
                .any(|p| sentence.trim_start().starts_with(p.as_str()));
            !has(&TABLES.advice, opening)
                && !points
                && (*i == 0 || !has(&TABLES.instructions, opening))
        })
        .map(|(_, sentence)| sentence.trim())
        .collect();
    format!(" {} ", kept.join(" "))
}

/// The text cut after each sentence end (`.`, `!`, `?`, `;` before a space; CJK stops).
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let closes = matches!(c, '。' | '；' | '！' | '？')
            || (matches!(c, '.' | '!' | '?' | ';') && text[end..].starts_with(' '));
        if closes {
            out.push(&text[start..end]);
            start = end;
        }
    }
    out.push(&text[start..]);
    out.retain(|s| !s.trim().is_empty());
    out
}

fn first_word(sentence: &str) -> &str {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
}

/// Where clauses end (the table's clause breaks), in order, leaving out breaks with nothing
/// before.
pub(super) fn clause_ends(normalized: &str) -> Vec<usize> {
    let mut ends: Vec<usize> = TABLES
        .clause_breaks
        .iter()
        .flat_map(|b| normalized.match_indices(b.as_str()).map(|(at, _)| at))
        .filter(|&at| !normalized[..at].trim().is_empty())
        .collect();
    ends.sort_unstable();
    ends.dedup();
    ends
}

/// Pure digit runs: the numbers a text gives.
pub(super) fn numbers(text: &str) -> BTreeSet<String> {
    // Split at non-ASCII letters too: Chinese writes numbers inside a run (`64个字符`).
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

/// Content words: split, negations resolved, stop words dropped, synonyms folded, stemmed.
/// CJK runs become overlapping character bigrams (Chinese has no spaces; bigrams are the usual
/// unit).
pub(super) fn words(normalized: &str) -> Vec<String> {
    let raw: Vec<&str> = normalized
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::with_capacity(raw.len());
    for (word, negated) in resolve_negations(&raw) {
        if word.chars().count() < 2 && !word.chars().any(is_cjk) {
            continue;
        }
        let mut first = true;
        for part in split_cjk(word) {
            if is_stop_word(&part) {
                continue;
            }
            let folded = fold_word(&part);
            let w = un_prefixed(&folded).unwrap_or_else(|| stem(&folded));
            if w.is_empty() || is_stop_word(&w) {
                continue;
            }
            // Only the first part of a negated Chinese run is marked: one negation, one word.
            if negated && first {
                out.push(negate(&w));
            } else {
                out.push(w);
            }
            first = false;
        }
    }
    out
}

/// Splits a word into Latin parts and CJK bigrams.
fn split_cjk(word: &str) -> Vec<String> {
    if !word.chars().any(is_cjk) {
        return vec![word.to_string()];
    }
    let mut parts = Vec::new();
    let mut latin = String::new();
    let mut cjk: Vec<char> = Vec::new();
    let flush_cjk = |cjk: &mut Vec<char>, parts: &mut Vec<String>| {
        match cjk.len() {
            0 => {}
            1 => parts.push(cjk[0].to_string()),
            _ => parts.extend(cjk.windows(2).map(|w| w.iter().collect())),
        }
        cjk.clear();
    };
    for c in word.chars() {
        if is_cjk(c) {
            if !latin.is_empty() {
                parts.push(std::mem::take(&mut latin));
            }
            cjk.push(c);
        } else {
            flush_cjk(&mut cjk, &mut parts);
            latin.push(c);
        }
    }
    flush_cjk(&mut cjk, &mut parts);
    if !latin.is_empty() {
        parts.push(latin);
    }
    parts
}

/// The word's one-word synonym, followed up to twice more (exception → error → fail).
pub(super) fn fold_word(word: &str) -> String {
    let mut current = word;
    for _ in 0..3 {
        match TABLES.words.get(current) {
            Some(to) if to != current => current = to,
            _ => break,
        }
    }
    current.to_string()
}

pub(super) fn is_stop_word(word: &str) -> bool {
    TABLES.stop_words.contains(word)
}

/// Each two neighbouring Latin words written as one.
pub(super) fn joined(words: &[String]) -> BTreeSet<String> {
    words
        .windows(2)
        .filter(|pair| {
            pair.iter()
                .all(|w| w.bytes().all(|b| b.is_ascii_alphabetic()))
        })
        .map(|pair| format!("{}{}", pair[0], pair[1]))
        .collect()
}

/// The words, and what they imply (`[[implied]]`).
pub(super) fn with_implied(words: Vec<String>) -> BTreeSet<String> {
    let mut set: BTreeSet<String> = words.into_iter().collect();
    for (word, implied) in &TABLES.implied {
        if set.contains(&stem(word)) {
            set.insert(stem(implied));
        }
    }
    set
}

/// Applies `[[in_context]]`: a word whose meaning depends on another word of the text
/// (`context` as well as `words` themselves).
pub(super) fn in_context(mut words: Vec<String>, context: &[String]) -> Vec<String> {
    for (needed, word, meaning) in &TABLES.in_context {
        let needed = stem(needed);
        if words.iter().chain(context).any(|w| *w == needed) {
            let word = stem(word);
            for w in words.iter_mut().filter(|w| **w == word) {
                *w = stem(meaning);
            }
        }
    }
    words
}
