//! The words of search, shared by both engines: how a text becomes index words with positions,
//! how a query becomes query words, a word's stem, and when an index word answers a query word.
//!
//! `assets/site/search.js` mirrors every function here under the same name (camel case);
//! `tests/search_engines.rs` runs both over the same knowledge base and compares.
//!
//! - A word is a run of letters and digits (Unicode), lower-cased, at most
//!   [`LONGEST_WORD`] characters (longer runs are hashes and blobs, and are skipped).
//! - A run of CJK letters ([`errdex_core::shapes::is_cjk`]) has no spaces between its words, so
//!   it is indexed as each character and each pair of neighbours, both at the position of
//!   their first character: `快照失败` → `快`, `快照`, `照`, `照失`, … A query's CJK run is
//!   asked as its pairs (`快照失败` → `快照`, `照失`, `失败`; a lone character as itself), so
//!   a two-character word is found inside a longer run without a dictionary.
//! - An error code is indexed by [`code_parts`]: its compact form and its parts, so every
//!   spelling of it reaches it (`CSS.6007`, `css6007`, `css-6007`, `CSS 6007`).

use errdex_core::shapes::is_cjk;

/// Runs of letters and digits longer than this many characters are not words.
pub const LONGEST_WORD: usize = 40;

/// One word of a text: its lower-case form, its position (words count one, a CJK character
/// one) and its byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Lower-case text.
    pub text: String,
    /// Position, from 0.
    pub position: u32,
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset after its last character.
    pub end: usize,
}

/// A run of one class of characters: a word, or CJK letters.
struct Run {
    cjk: bool,
    /// (byte offset, character) of each character; words already lower-cased.
    chars: Vec<(usize, char)>,
    end: usize,
}

fn runs(text: &str) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut current: Option<Run> = None;
    let flush = |current: &mut Option<Run>, out: &mut Vec<Run>| {
        if let Some(run) = current.take()
            && (run.cjk || run.chars.len() <= LONGEST_WORD)
        {
            out.push(run);
        }
    };
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        let cjk = is_cjk(c);
        if !cjk && !c.is_alphanumeric() {
            flush(&mut current, &mut out);
            continue;
        }
        if current.as_ref().is_some_and(|run| run.cjk != cjk) {
            flush(&mut current, &mut out);
        }
        let run = current.get_or_insert_with(|| Run {
            cjk,
            chars: Vec::new(),
            end,
        });
        if cjk {
            run.chars.push((at, c));
        } else {
            run.chars.extend(c.to_lowercase().map(|l| (at, l)));
        }
        run.end = end;
    }
    flush(&mut current, &mut out);
    out
}

/// The index words of a text, positions from `first`: see the module doc.
pub fn index_words(text: &str, first: u32) -> Vec<Word> {
    let mut out = Vec::new();
    let mut position = first;
    for run in runs(text) {
        if !run.cjk {
            out.push(Word {
                text: run.chars.iter().map(|(_, c)| *c).collect(),
                position,
                start: run.chars[0].0,
                end: run.end,
            });
            position += 1;
            continue;
        }
        for (i, &(at, c)) in run.chars.iter().enumerate() {
            let end = at + c.len_utf8();
            out.push(Word {
                text: c.to_string(),
                position,
                start: at,
                end,
            });
            if let Some(&(next_at, next)) = run.chars.get(i + 1) {
                out.push(Word {
                    text: [c, next].iter().collect(),
                    position,
                    start: at,
                    end: next_at + next.len_utf8(),
                });
            }
            position += 1;
        }
    }
    out
}

/// The query words of a text, in order, with repeats: Latin words, and a CJK run as its
/// neighbour pairs (a lone character as itself).
pub fn query_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for run in runs(text) {
        let chars: Vec<char> = run.chars.iter().map(|(_, c)| *c).collect();
        if !run.cjk || chars.len() == 1 {
            out.push(chars.iter().collect());
        } else {
            out.extend(chars.windows(2).map(|pair| pair.iter().collect::<String>()));
        }
    }
    out
}

/// True for a word of CJK letters.
pub fn is_cjk_word(word: &str) -> bool {
    word.chars().next().is_some_and(is_cjk)
}

/// The stem of an English word, so that `deleted`, `deletes`, `deleting` and `delete` meet:
/// for a word of four or more ASCII letters, the first of `ies` → `y`, `ing`, `ed`, `s` (not
/// after `s`, `u` or `i`) whose removal leaves three letters or more, then a final `e` when
/// four letters or more remain. Other words are their own stem.
pub fn stem(word: &str) -> String {
    if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut stem = word.to_string();
    if let Some(base) = word.strip_suffix("ies").filter(|b| b.len() >= 3) {
        stem = format!("{base}y");
    } else if let Some(base) = ["ing", "ed"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix).filter(|b| b.len() >= 3))
    {
        stem = base.to_string();
    } else if let Some(base) = word
        .strip_suffix('s')
        .filter(|b| b.len() >= 3 && !b.ends_with('s') && !b.ends_with('u') && !b.ends_with('i'))
    {
        stem = base.to_string();
    }
    if stem.len() >= 5 && stem.ends_with('e') {
        stem.pop();
    }
    stem
}

/// The lower-case compact form of a code, then its alphanumeric segments, then the digit runs
/// of two or more digits inside a segment (`DRS.M00002` → `drsm00002`, `drs`, `m00002`,
/// `00002`), without repeats.
pub fn code_parts(code: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut push = |part: String| {
        if !part.is_empty() && part.chars().count() <= LONGEST_WORD && !parts.contains(&part) {
            parts.push(part);
        }
    };
    push(errdex_core::kb::canonical_code(code).to_lowercase());
    for segment in code.split(|c: char| !c.is_alphanumeric()) {
        push(segment.to_lowercase());
        for digits in segment.split(|c: char| !c.is_ascii_digit()) {
            if digits.len() >= 2 {
                push(digits.to_string());
            }
        }
    }
    parts
}

/// How an index word answers a query word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    /// The same word.
    Exact,
    /// The same [`stem`].
    Stem,
    /// The index word starts with the query's last word (counts as one typo).
    Prefix,
    /// Within this many edits (1 or 2).
    Typo(u8),
    /// A synonym token of the word ([`crate::synonyms`]; counts as one typo).
    Synonym,
}

impl Match {
    /// Typos this match counts for the typo rule.
    pub fn typos(self) -> u8 {
        match self {
            Match::Exact | Match::Stem => 0,
            Match::Prefix | Match::Synonym => 1,
            Match::Typo(n) => n,
        }
    }
}

/// The shortest query word matched as a prefix (the last word only).
pub const SHORTEST_PREFIX: usize = 3;
/// Query words of this many characters allow one typo.
pub const ONE_TYPO: usize = 5;
/// Query words of this many characters allow two typos.
pub const TWO_TYPOS: usize = 9;

/// A query word prepared for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    /// Lower-case text.
    pub text: String,
    /// Its stem.
    pub stem: String,
    /// Characters.
    pub chars: usize,
    /// It may match as a prefix and within typos (a word of letters: no digits, not CJK, not
    /// inside a phrase).
    pub loose: bool,
    /// It is the query's last word and may match as a prefix.
    pub last: bool,
    /// Its synonym token, which also answers it ([`crate::synonyms`]; loose words only).
    pub synonym: Option<String>,
}

impl QueryWord {
    /// Prepares a word (already lower-case).
    pub fn new(text: &str, loose: bool, last: bool) -> Self {
        let loose = loose
            && !text
                .chars()
                .any(|c| c.is_ascii_digit() || c.is_numeric() || is_cjk(c));
        QueryWord {
            text: text.to_string(),
            stem: stem(text),
            chars: text.chars().count(),
            loose,
            last,
            synonym: None,
        }
    }

    /// Typos allowed.
    pub fn allowed_typos(&self) -> u8 {
        match self.chars {
            n if !self.loose || n < ONE_TYPO => 0,
            n if n < TWO_TYPOS => 1,
            _ => 2,
        }
    }

    /// The first characters every index word it matches shares with it (two, or fewer for a
    /// shorter word): index words are looked up by them.
    pub fn head(&self) -> String {
        self.text.chars().take(2).collect()
    }
}

/// How `key` (an index word) answers `word`, if it does. Index words that do not start with
/// the query word's [`QueryWord::head`] never match.
pub fn word_match(word: &QueryWord, key: &str) -> Option<Match> {
    if key == word.text {
        return Some(Match::Exact);
    }
    if !key.starts_with(&word.head()) {
        return None;
    }
    if word.chars >= 4 && stem(key) == word.stem && word.stem.len() >= 3 {
        return Some(Match::Stem);
    }
    if !word.loose {
        return None;
    }
    if word.last && word.chars >= SHORTEST_PREFIX && key.starts_with(&word.text) {
        return Some(Match::Prefix);
    }
    let allowed = word.allowed_typos();
    if allowed == 0 || key.chars().any(|c| c.is_numeric()) {
        return None;
    }
    let key_chars = key.chars().count();
    if key_chars.abs_diff(word.chars) > usize::from(allowed) {
        return None;
    }
    let distance = errdex_core::suggest::edit_distance(&word.text, key);
    (distance <= usize::from(allowed)).then_some(Match::Typo(distance as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(words: &[Word]) -> Vec<(&str, u32)> {
        words
            .iter()
            .map(|w| (w.text.as_str(), w.position))
            .collect()
    }

    #[test]
    fn words_are_lower_cased_with_positions_and_offsets() {
        let words = index_words("Snapshot FAILED: bucket_gone", 10);
        assert_eq!(
            texts(&words),
            [
                ("snapshot", 10),
                ("failed", 11),
                ("bucket", 12),
                ("gone", 13)
            ]
        );
        assert_eq!((words[1].start, words[1].end), (9, 15));
        assert!(index_words(&"a".repeat(LONGEST_WORD + 1), 0).is_empty());
        assert!(index_words(" -- ，。 ", 0).is_empty());
    }

    #[test]
    fn cjk_runs_are_characters_and_pairs_at_one_position_per_character() {
        let words = index_words("EIP配额不足", 0);
        assert_eq!(
            texts(&words),
            [
                ("eip", 0),
                ("配", 1),
                ("配额", 1),
                ("额", 2),
                ("额不", 2),
                ("不", 3),
                ("不足", 3),
                ("足", 4)
            ]
        );
        assert_eq!(&"EIP配额不足"[words[2].start..words[2].end], "配额");
        assert_eq!(query_words("配额不足 EIP"), ["配额", "额不", "不足", "eip"]);
        assert_eq!(query_words("云"), ["云"]);
    }

    #[test]
    fn stems_meet_across_english_endings() {
        for group in [
            &["delete", "deleted", "deletes", "deleting"][..],
            &["fail", "failed", "fails", "failing"],
            &["policy", "policies"],
            &["quota", "quotas"],
            &["status", "statuses"],
            &["address", "addresses"],
            &["cache", "caches"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(stems.iter().all(|s| s == &stems[0]), "{group:?}: {stems:?}");
        }
        assert_eq!(stem("eip"), "eip");
        assert_eq!(stem("v1"), "v1");
        assert_eq!(stem("快照"), "快照");
    }

    #[test]
    fn code_parts_reach_every_spelling() {
        assert_eq!(code_parts("CSS.6007"), ["css6007", "css", "6007"]);
        assert_eq!(
            code_parts("DRS.M00002"),
            ["drsm00002", "drs", "m00002", "00002"]
        );
        assert_eq!(code_parts("DCS. 4855"), ["dcs4855", "dcs", "4855"]);
        assert_eq!(code_parts("10240002"), ["10240002"]);
        assert!(code_parts(" . ").is_empty());
    }

    #[test]
    fn matches_exact_stem_prefix_and_typos() {
        let word = |text: &str, last: bool| QueryWord::new(text, true, last);
        assert_eq!(
            word_match(&word("quota", false), "quota"),
            Some(Match::Exact)
        );
        assert_eq!(
            word_match(&word("quotas", false), "quota"),
            Some(Match::Stem)
        );
        assert_eq!(
            word_match(&word("snap", true), "snapshot"),
            Some(Match::Prefix)
        );
        assert_eq!(word_match(&word("snap", false), "snapshot"), None);
        assert_eq!(
            word_match(&word("snapshto", false), "snapshot"),
            Some(Match::Typo(1))
        );
        assert_eq!(
            word_match(&word("insuficient", false), "insufficient"),
            Some(Match::Typo(1))
        );
        assert_eq!(word_match(&word("quta", false), "quota"), None, "short");
        assert_eq!(
            word_match(&word("nsapshot", false), "snapshot"),
            None,
            "the first two letters must agree"
        );
        assert_eq!(word_match(&word("6007", true), "60071"), None, "numbers");
        assert_eq!(word_match(&word("ecs0013", false), "ecs0014"), None);
        assert_eq!(
            word_match(&word("bucket", false), "bucket1"),
            None,
            "no typos into words with digits"
        );
        let strict = QueryWord::new("snapshto", false, true);
        assert_eq!(word_match(&strict, "snapshot"), None, "phrase words");
        assert_eq!(Match::Prefix.typos(), 1);
    }
}
