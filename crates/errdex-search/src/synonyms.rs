//! Synonyms: a customer's words are often not the docs' words ("my elastic IP quota ran out"
//! for "Insufficient EIP quota"). Search reads the meaning check's English word tables
//! ([`errdex_core::check::similarity::word_tables`], the data in
//! `crates/errdex-core/data/similarity/`), so one table serves both: what check reads as one
//! meaning, search finds as one word.
//!
//! A run of words gets **synonym tokens**, each `~` and a meaning (a word the tables fold
//! others into, followed to its end: `exception` → `error` → `~fail`):
//! - a word of the tables (a synonym, or a meaning itself) → its meaning (`instance` →
//!   `~server`; `server` → `~server`). Only the forms the tables write: a stem would join
//!   words the tables keep apart (`existing` is a duplicate, `exist` is not);
//! - a phrase of the tables (exact words, leftmost-longest) → the words of its meaning
//!   (`elastic ip` → `~eip`; `too long` → `~exceed ~length`);
//! - a negation, up to two gap words, then a word with a known opposite → the opposite (`not
//!   enough`, `isn't enough` → `~insufficient`; `not allowed` → `~forbidden`).
//!
//! Documents are indexed with their tokens beside their words (a phrase's at its first word's
//! position). An unquoted query word also matches its own token ([`Vocabulary::token`]),
//! which counts as one typo ([`crate::text::Match::Synonym`]): the docs' own words first, then
//! their synonyms. The tokens of a query's phrases and negations are asked as words of their
//! own ([`Vocabulary::phrase_tokens`]). A token in most documents is a stop word like any
//! other and then finds nothing. `assets/site/search.js` mirrors the query side
//! (`synonymSpans`, `phraseTokens`) and reads the same vocabulary from the site index's `meta`;
//! the tantivy index keeps the one it was built with beside it ([`Vocabulary`] as JSON).

use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::text::{Word, query_words};

/// What starts a synonym token (never part of a word).
pub const MARK: char = '~';
/// How many gap words may stand between a negation and its word.
pub const NEGATION_REACH: usize = 2;
/// How often a synonym is followed to its meaning.
const FOLDS: usize = 3;

/// A run of words that has synonym tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Index of its first word.
    pub start: usize,
    /// Index of its last word.
    pub end: usize,
    /// Its tokens (`~eip`).
    pub tokens: Vec<String>,
}

/// The vocabulary, in the form both engines read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vocabulary {
    /// Word → its meaning.
    pub words: BTreeMap<String, String>,
    /// Phrases as words, with their tokens; longest first, then in table order.
    pub phrases: Vec<(Vec<String>, Vec<String>)>,
    /// Negations.
    pub negations: Vec<String>,
    /// Gap words after a negation.
    pub gap: Vec<String>,
    /// Negated word → its tokens.
    pub opposites: BTreeMap<String, Vec<String>>,
}

/// The built-in vocabulary, made at first use.
pub static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(Vocabulary::built_in);

impl Vocabulary {
    /// The vocabulary of the built-in word tables (what [`VOCABULARY`] holds).
    pub fn built_in() -> Vocabulary {
        let tables = errdex_core::check::similarity::word_tables();
        let fold = |word: &str| -> String {
            let mut word = word.to_string();
            for _ in 0..FOLDS {
                match tables.words.get(&word) {
                    Some(next) if next != &word => word = next.clone(),
                    _ => break,
                }
            }
            word
        };
        let tokens = |means: &str| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for word in query_words(means) {
                let token = format!("{MARK}{}", fold(&word));
                if !out.contains(&token) {
                    out.push(token);
                }
            }
            out
        };
        let mut vocabulary = Vocabulary::default();
        // Every word the tables name, as a synonym or as a meaning, reaches its meaning.
        let mut named: Vec<&str> = Vec::new();
        for (word, means) in tables.words.iter() {
            named.push(word);
            named.push(means);
        }
        let meaning_words: Vec<String> = tables
            .phrases
            .iter()
            .chain(tables.opposites)
            .flat_map(|(_, means)| query_words(means))
            .collect();
        named.extend(meaning_words.iter().map(String::as_str));
        for word in named {
            if query_words(word).len() == 1 {
                vocabulary.words.insert(word.to_string(), fold(word));
            }
        }
        // A "phrase" of one word (`cannot`, `throttled`) is a word of its meaning.
        for (phrase, means) in tables.phrases {
            if let ([word], [meaning]) = (
                query_words(phrase).as_slice(),
                query_words(means).as_slice(),
            ) {
                vocabulary.words.insert(word.clone(), fold(meaning));
            }
        }
        let mut phrases: Vec<(Vec<String>, Vec<String>)> = tables
            .phrases
            .iter()
            .map(|(phrase, means)| (query_words(phrase), tokens(means)))
            .filter(|(words, _)| words.len() >= 2)
            .collect();
        phrases.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        let mut seen = HashSet::new();
        phrases.retain(|(words, _)| seen.insert(words.clone()));
        vocabulary.phrases = phrases;
        vocabulary.negations = tables.negations.to_vec();
        vocabulary.gap = tables.negation_gap.to_vec();
        for (word, means) in tables.opposites {
            vocabulary
                .opposites
                .entry(word.clone())
                .or_insert_with(|| tokens(means));
        }
        vocabulary
    }

    /// The meaning token of one word, if the tables know it.
    pub fn token(&self, word: &str) -> Option<String> {
        self.words.get(word).map(|means| format!("{MARK}{means}"))
    }

    /// The synonym runs of a run of words (lower case, in order): see the module doc.
    pub fn spans(&self, words: &[&str]) -> Vec<Span> {
        let mut out = Vec::new();
        let mut phrase_free = 0;
        for (i, word) in words.iter().enumerate() {
            if let Some(token) = self.token(word) {
                out.push(Span {
                    start: i,
                    end: i,
                    tokens: vec![token],
                });
            }
            if i >= phrase_free
                && let Some((phrase, tokens)) = self.phrases.iter().find(|(phrase, _)| {
                    words.len() - i >= phrase.len()
                        && phrase.iter().zip(&words[i..]).all(|(p, w)| p == w)
                })
            {
                phrase_free = i + phrase.len();
                out.push(Span {
                    start: i,
                    end: i + phrase.len() - 1,
                    tokens: tokens.clone(),
                });
            }
            if self.negations.iter().any(|n| n == word) {
                let mut j = i + 1;
                while j < words.len()
                    && j - i <= NEGATION_REACH
                    && self.gap.iter().any(|g| g == words[j])
                {
                    j += 1;
                }
                if let Some(tokens) = words.get(j).and_then(|w| self.opposites.get(*w)) {
                    out.push(Span {
                        start: i,
                        end: j,
                        tokens: tokens.clone(),
                    });
                }
            }
        }
        out
    }

    /// The tokens a query's run of words asks as words of their own: those of its phrases and
    /// negations (`elastic ip` → `~eip`, `not allowed` → `~forbidden`), in order, once each.
    /// A phrase's token is one more word of the query, not a second form of each of its words
    /// (`can't` is one failure, not two words that each match every failure); a single word's
    /// own token is [`Vocabulary::token`], asked beside the word itself.
    pub fn phrase_tokens(&self, words: &[&str]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for span in self.spans(words).into_iter().filter(|s| s.start < s.end) {
            for token in span.tokens {
                if !out.contains(&token) {
                    out.push(token);
                }
            }
        }
        out
    }
}

/// A text's index words followed by their synonym tokens, each at the position of its run's
/// first word and spanning its run's bytes (once per position).
pub fn with_tokens(mut words: Vec<Word>) -> Vec<Word> {
    let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    let mut tokens: Vec<Word> = Vec::new();
    for span in VOCABULARY.spans(&texts) {
        let (first, last) = (&words[span.start], &words[span.end]);
        for token in span.tokens {
            if !tokens
                .iter()
                .any(|t| t.position == first.position && t.text == token)
            {
                tokens.push(Word {
                    text: token,
                    position: first.position,
                    start: first.start,
                    end: last.end,
                });
            }
        }
    }
    words.extend(tokens);
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::index_words;

    /// The phrase tokens of a text.
    fn asked(text: &str) -> Vec<String> {
        let words = query_words(text);
        let borrowed: Vec<&str> = words.iter().map(String::as_str).collect();
        VOCABULARY.phrase_tokens(&borrowed)
    }

    fn own(word: &str) -> Option<String> {
        VOCABULARY.token(word)
    }

    #[test]
    fn words_reach_their_meaning_through_the_tables() {
        assert_eq!(own("instance").as_deref(), Some("~server"));
        assert_eq!(own("server").as_deref(), Some("~server"));
        assert_eq!(own("exception").as_deref(), Some("~fail"), "followed");
        assert_eq!(
            own("cannot").as_deref(),
            Some("~fail"),
            "a phrase of one word"
        );
        assert_eq!(own("snapshot"), None);
        assert_eq!(own("existing").as_deref(), Some("~alreadyexist"));
        assert_eq!(own("exist"), None, "no stems: exist is not existing");
    }

    #[test]
    fn phrases_and_negations_are_words_of_their_own() {
        assert_eq!(asked("my elastic ip quota"), ["~eip"]);
        let long = asked("the name is too long");
        assert!(long.contains(&"~exceed".to_string()), "{long:?}");
        assert_eq!(asked("quota is not enough"), ["~insufficient"]);
        assert_eq!(asked("you are not allowed to"), ["~forbidden"]);
        assert_eq!(asked("disk does not exist"), ["~notexist"]);
        assert!(asked("not a snapshot").is_empty());
        assert!(
            asked("instance").is_empty(),
            "a word's own token is not a phrase's"
        );
        assert_eq!(
            asked("my quota ran out, not enough"),
            ["~insufficient"],
            "once"
        );
    }

    #[test]
    fn documents_hold_tokens_at_their_runs_first_word() {
        let words = with_tokens(index_words("Insufficient elastic IP quota", 10));
        let token = words.iter().find(|w| w.text == "~eip").expect("~eip");
        assert_eq!(token.position, 11);
        let tokens: Vec<&str> = words[4..].iter().map(|w| w.text.as_str()).collect();
        assert_eq!(tokens, ["~insufficient", "~eip"]);
    }

    #[test]
    fn phrases_are_leftmost_longest() {
        let spans = VOCABULARY.spans(&["load", "balancer", "not", "found"]);
        let phrase = spans
            .iter()
            .find(|s| s.start == 0 && s.end == 1)
            .expect("load balancer");
        assert_eq!(phrase.tokens, ["~loadbalancer"]);
    }
}
