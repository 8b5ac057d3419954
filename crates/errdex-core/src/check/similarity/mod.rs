//! Do two texts mean the same thing? A small, explainable measure for error messages.
//!
//! Steps, each a small pure function in its own file:
//! 1. [`normalize()`] (`normalize.rs`): lower case, placeholders removed (`<ECS error code>`,
//!    `{id}`, `%s`, `XXX`), multi-word synonyms folded into one token ("does not exist" /
//!    "cannot be found" → `notexist`, "scale out" / "scale-out" → `scaleout`, "unable to" /
//!    "cannot" → `fail`). Chinese phrases are read as the same English tokens first (无法创建 →
//!    fail create, 未找到 → notexist, 配额不足 → quota insufficient, 非法 / 不合法 → invalid,
//!    挂载 / 卸载 → attach / detach), so one set of rules serves both languages.
//! 2. [`Profile::of`]: advice and instruction sentences left out ("Contact customer
//!    service."), words split (what is left of CJK runs becomes character bigrams), negations
//!    read as the opposite word (`negation.rs`: "not enough" → insufficient, "no disk found" →
//!    disk notexist) or, with no known opposite, as the negated word ("is not encrypted",
//!    未加密, "unencrypted" → `!encrypt`; not after a modal: "must not be empty" says what "is
//!    empty" says), stop words dropped, one-word synonyms folded (fail/failed/failure), words
//!    stemmed ([`stem`], `stemming.rs`), words read in context ("insufficient" next to "quota"
//!    is a quota exceeded), the maintainer's synonyms applied ([`Lexicon`], from
//!    `errdex.toml`). The words of the *main clause* (before "because", "due to", the first
//!    full stop, a parenthesis) are kept apart from the rest: an error message says what failed
//!    first and why after.
//! 3. [`similarity()`] (`scoring.rs`): weighted containment of one text's main clause in the
//!    other text, taken from the side that says more than a generic word. Generic words (fail,
//!    error, exception) weigh less than the words that say *what* failed; a word one typo away
//!    counts as present. When both main clauses name an operation and the operations differ
//!    (create vs restore), the score is halved: a different operation is a different meaning.
//!    So it is when both texts give numbers and share none (other limits), and when one text
//!    says the opposite of a word the other's main clause says ("encrypted" / `!encrypt`,
//!    "does not exist" / "already exists"). Vague nouns (value, resource) weigh between the
//!    two; two generic texts say the same.
//!
//! The word tables are data, not code: `crates/errdex-core/data/similarity/*.toml` (English
//! phrases and words, Chinese phrases, negations, scoring words, sentences), read at first use
//! (`tables.rs`). A new synonym is a line there, with a test pair in `tests.rs`.
//!
//! Why containment and not plain overlap: docs for one code often differ in how much they say
//! ("Clusters fail to be created." vs "Failed to create the cluster because of an internal
//! error. Please contact customer service…"); the shorter text is the same meaning when the
//! longer one says all of it. Two messages whose main clauses name a different action or object
//! ("create the snapshot" vs "reset the password") are different meanings.
//!
//! Not for: meaning beyond the words (paraphrases without shared stems, a state said two ways:
//! "has been detached" vs "is not in the attachment list"; a state and the negation of its
//! opposite: "is disabled" vs "is not enabled"; Chinese 没有 before a verb, read as "no"). The
//! tables are general English, deliberately light; domain words belong in `[[synonyms]]`. The
//! score is reported so a reader can judge the judgement.

mod negation;
mod normalize;
mod scoring;
mod stemming;
mod tables;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;
use std::hash::Hasher;

pub use normalize::{normalize, strip_placeholders};
pub use scoring::{overlap, similarity};
pub use stemming::stem;
pub use tables::{WordTables, word_tables};

use normalize::{clause_ends, description, in_context, joined, numbers, with_implied, words};
use scoring::{SUBSTANTIVE_WEIGHT, weight};

/// At or above this score two texts are wording variants of one meaning.
pub const VARIANT_THRESHOLD: f64 = 0.75;

/// Below this score two texts are different meanings; between it and [`VARIANT_THRESHOLD`]
/// the words alone cannot tell (paraphrases the synonym tables do not know), so the judgement
/// is "unclear" and a person should look.
pub const CONFLICT_THRESHOLD: f64 = 0.5;

/// The words of a text, split into its main clause and the whole.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Profile {
    /// Stemmed content words of the main clause, in order, without repeats; empty when the
    /// text only gives advice ("Contact customer service.").
    pub main: Vec<String>,
    /// Stemmed content words of the whole text (advice and instructions left out).
    pub all: BTreeSet<String>,
    /// Neighbouring words written as one ("health check" → `healthcheck`), so that a text
    /// writing the compound as one word finds it here.
    pub joined: BTreeSet<String>,
    /// The numbers the text gives ("7 to 1,096 days" → 7, 1096).
    pub numbers: BTreeSet<String>,
}

impl Profile {
    /// The profile of a text, with the built-in word tables only.
    pub fn of(text: &str) -> Profile {
        Profile::with_lexicon(text, &Lexicon::default())
    }

    /// The profile of a text, reading the maintainer's synonyms in `lexicon` as one word.
    pub fn with_lexicon(text: &str, lexicon: &Lexicon) -> Profile {
        let normalized = normalize(text);
        let described = description(&normalized);
        let says_what = !described.trim().is_empty();
        let body = if says_what { &described } else { &normalized };
        let all = lexicon.apply(in_context(words(body), &[]));
        let main = if says_what {
            main_words(&described, lexicon, &all)
        } else {
            Vec::new()
        };
        let joined = joined(&all);
        let mut unique = Vec::with_capacity(main.len());
        for word in main {
            if !unique.contains(&word) {
                unique.push(word);
            }
        }
        Profile {
            main: unique,
            all: with_implied(all),
            joined,
            numbers: numbers(body),
        }
    }

    fn main_weight(&self) -> f64 {
        self.main.iter().map(|w| weight(w)).sum()
    }
}

/// Synonyms a maintainer taught the checker (`[[synonyms]]` in `errdex.toml`): every word or
/// phrase of a group is read as the group's first one. Entries go through the same word
/// pipeline as the texts, so plurals and built-in synonyms match too ("elastic cloud servers").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    /// (an entry's words, the group's token), longest entries first.
    entries: Vec<(Vec<String>, String)>,
}

impl Lexicon {
    /// Prepares groups of words and phrases that mean the same. Entries that are only stop
    /// words are ignored.
    pub fn new(groups: &[&[String]]) -> Lexicon {
        let mut entries = Vec::new();
        for group in groups {
            let processed: Vec<Vec<String>> = group
                .iter()
                .map(|entry| words(&normalize(entry)))
                .filter(|w| !w.is_empty())
                .collect();
            // Words never contain `_`, so a phrase's token cannot meet a real word.
            let Some(token) = processed.first().map(|w| w.join("_")) else {
                continue;
            };
            entries.extend(processed.into_iter().map(|w| (w, token.clone())));
        }
        entries.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        entries.dedup_by(|a, b| a.0 == b.0);
        Lexicon { entries }
    }

    /// True when it teaches nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Replaces every entry in a word sequence by its group's token.
    fn apply(&self, words: Vec<String>) -> Vec<String> {
        if self.is_empty() {
            return words;
        }
        let mut out = Vec::with_capacity(words.len());
        let mut i = 0;
        while i < words.len() {
            let found = self
                .entries
                .iter()
                .find(|(entry, _)| words[i..].starts_with(entry));
            match found {
                Some((entry, token)) => {
                    out.push(token.clone());
                    i += entry.len();
                }
                None => {
                    out.push(words[i].clone());
                    i += 1;
                }
            }
        }
        out
    }
}

/// The words of the main clause. A first clause that only names a generic error class
/// ("Invalid request parameters. The name is too long.", "Failed because the disk is full.")
/// says what is wrong in the clause after it: the main clause reaches on until it says
/// something specific.
fn main_words(described: &str, lexicon: &Lexicon, all: &[String]) -> Vec<String> {
    let clause = |end: usize| lexicon.apply(in_context(words(&described[..end]), all));
    for end in clause_ends(described) {
        let main = clause(end);
        if main.iter().map(|w| weight(w)).sum::<f64>() >= SUBSTANTIVE_WEIGHT {
            return main;
        }
    }
    clause(described.len())
}

/// True when both texts are written in the same script family (both CJK or neither), so
/// their words can be compared at all: a Chinese and an English definition of one code are
/// translations, not a conflict this measure can judge.
pub fn comparable(a: &str, b: &str) -> bool {
    a.chars().any(crate::shapes::is_cjk) == b.chars().any(crate::shapes::is_cjk)
}

/// The judgement on two texts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Judgement {
    /// The same words once case, spaces and punctuation are set aside.
    Same,
    /// Worded differently, same meaning.
    Variant(f64),
    /// Shares some words, but not enough to call it one meaning or two.
    Unclear(f64),
    /// Different meanings.
    Conflict(f64),
}

/// Compares two texts: same, variant or conflict, with the score.
pub fn judge(a: &str, b: &str) -> Judgement {
    if surface(a) == surface(b) {
        return Judgement::Same;
    }
    judge_profiles(&Profile::of(a), &Profile::of(b))
}

/// Compares two texts already profiled (they are known to differ on the surface).
pub fn judge_profiles(a: &Profile, b: &Profile) -> Judgement {
    let score = similarity(a, b);
    if score >= VARIANT_THRESHOLD {
        Judgement::Variant(score)
    } else if score >= CONFLICT_THRESHOLD {
        Judgement::Unclear(score)
    } else {
        Judgement::Conflict(score)
    }
}

/// The text with case, spacing and punctuation set aside, for "is this the same text".
pub fn surface(text: &str) -> String {
    surface_chars(text).collect()
}

/// A hash of [`surface`] without building the string: equal surfaces hash equal (unequal ones
/// almost never do; callers compare the surfaces of the rare matches).
pub fn surface_hash(text: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    for c in surface_chars(text) {
        hasher.write_u32(u32::from(c));
    }
    hasher.finish()
}

/// The characters of [`surface`]: the words lower-cased, one space between them.
fn surface_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .enumerate()
        .flat_map(|(i, word)| {
            (i > 0)
                .then_some(' ')
                .into_iter()
                .chain(word.chars().flat_map(char::to_lowercase))
        })
}
