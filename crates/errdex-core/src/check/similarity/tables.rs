//! The word tables, kept as data in `crates/errdex-core/data/similarity/*.toml` and built into
//! the binary: English phrases and one-word synonyms, Chinese phrases, negations and opposites,
//! the words that weigh less or more, the sentences and clauses that are not the meaning.
//!
//! Read once, at first use. Groups are written like `[[synonyms]]` in `errdex.toml` (`words`
//! read as `means`) and flattened here in file order.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

/// Every table the meaning check reads.
pub(super) struct Tables {
    /// English multi-word synonyms (phrase, token), in file order.
    pub phrases: Vec<(String, String)>,
    /// Chinese words and phrases (phrase, English tokens), in file order.
    pub chinese: Vec<(String, String)>,
    /// One-word synonyms: word → its synonym.
    pub words: FxHashMap<String, String>,
    /// Words that carry no meaning of their own.
    pub stop_words: FxHashSet<String>,
    /// Words that say that something went wrong but not what.
    pub generic: Vec<String>,
    /// Nouns that stand for whatever the message is about.
    pub vague: Vec<String>,
    /// Operations.
    pub actions: Vec<String>,
    /// Words and their opposites that contradict each other.
    pub clashes: Vec<(String, String)>,
    /// (context, word, meaning): a word read otherwise next to another.
    pub in_context: Vec<(String, String, String)>,
    /// (word, implied word).
    pub implied: Vec<(String, String)>,
    /// Words that turn the next word into its opposite.
    pub negations: Vec<String>,
    /// Negations that mark a word with no known opposite as negated.
    pub plain_negations: Vec<String>,
    /// Words before `not` that make it a requirement.
    pub modals: Vec<String>,
    /// Words that may stand between a negation and its word.
    pub negation_gap: Vec<String>,
    /// Negated words a `no` reaches over other words for.
    pub no_reach_targets: Vec<String>,
    /// Negated word → its opposite, in file order.
    pub opposites: Vec<(String, String)>,
    /// Verbs that open advice.
    pub advice: Vec<String>,
    /// Openings of a sentence that points elsewhere.
    pub pointers: Vec<String>,
    /// Verbs that open an instruction.
    pub instructions: Vec<String>,
    /// What ends a main clause.
    pub clause_breaks: Vec<String>,
}

/// The tables, read at first use.
pub(super) static TABLES: LazyLock<Tables> = LazyLock::new(Tables::built_in);

/// Whether a word is in a word list.
pub(super) fn has(list: &[String], word: &str) -> bool {
    list.iter().any(|w| w == word)
}

/// `words` read as `means`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    means: String,
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnglishFile {
    phrases: Vec<Group>,
    words: Vec<Group>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChineseFile {
    phrases: Vec<Group>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NegationFile {
    negations: Vec<String>,
    plain_negations: Vec<String>,
    modals: Vec<String>,
    gap: Vec<String>,
    no_reach_targets: Vec<String>,
    opposites: Vec<Group>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InContext {
    context: String,
    word: String,
    means: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Implied {
    word: String,
    implies: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoringFile {
    stop_words: Vec<String>,
    generic: Vec<String>,
    vague: Vec<String>,
    actions: Vec<String>,
    clashes: Vec<(String, String)>,
    in_context: Vec<InContext>,
    implied: Vec<Implied>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SentencesFile {
    advice: Vec<String>,
    pointers: Vec<String>,
    instructions: Vec<String>,
    clause_breaks: Vec<String>,
}

/// The data files, by name (for messages) and text.
pub(super) const FILES: [(&str, &str); 5] = [
    (
        "english.toml",
        include_str!("../../../data/similarity/english.toml"),
    ),
    (
        "chinese.toml",
        include_str!("../../../data/similarity/chinese.toml"),
    ),
    (
        "negation.toml",
        include_str!("../../../data/similarity/negation.toml"),
    ),
    (
        "scoring.toml",
        include_str!("../../../data/similarity/scoring.toml"),
    ),
    (
        "sentences.toml",
        include_str!("../../../data/similarity/sentences.toml"),
    ),
];

/// Parses one built-in file. The files are part of the source: a broken one fails the tests
/// (`tables_parse_and_no_word_has_two_meanings`), so it cannot reach a release.
fn parse<T: serde::de::DeserializeOwned>(index: usize) -> T {
    let (name, text) = FILES[index];
    toml::from_str(text)
        .unwrap_or_else(|e| panic!("built-in word table data/similarity/{name}: {e}"))
}

/// Each group's words paired with its meaning, in file order.
fn flatten(groups: Vec<Group>) -> Vec<(String, String)> {
    groups
        .into_iter()
        .flat_map(|g| {
            let means = g.means;
            g.words.into_iter().map(move |w| (w, means.clone()))
        })
        .collect()
}

impl Tables {
    fn built_in() -> Tables {
        let english: EnglishFile = parse(0);
        let chinese: ChineseFile = parse(1);
        let negation: NegationFile = parse(2);
        let scoring: ScoringFile = parse(3);
        let sentences: SentencesFile = parse(4);
        let mut words = FxHashMap::default();
        for (from, to) in flatten(english.words) {
            words.entry(from).or_insert(to);
        }
        Tables {
            phrases: flatten(english.phrases),
            chinese: flatten(chinese.phrases),
            words,
            stop_words: scoring.stop_words.into_iter().collect(),
            generic: scoring.generic,
            vague: scoring.vague,
            actions: scoring.actions,
            clashes: scoring.clashes,
            in_context: scoring
                .in_context
                .into_iter()
                .map(|c| (c.context, c.word, c.means))
                .collect(),
            implied: scoring
                .implied
                .into_iter()
                .map(|i| (i.word, i.implies))
                .collect(),
            negations: negation.negations,
            plain_negations: negation.plain_negations,
            modals: negation.modals,
            negation_gap: negation.gap,
            no_reach_targets: negation.no_reach_targets,
            opposites: flatten(negation.opposites),
            advice: sentences.advice,
            pointers: sentences.pointers,
            instructions: sentences.instructions,
            clause_breaks: sentences.clause_breaks,
        }
    }
}

/// The English word tables as other readers use them (`errdex-search` folds query and index
/// words with them, so a search for "elastic IP" finds "EIP"): phrases and one-word synonyms
/// with what they mean, and the negations that turn a word into its opposite.
#[derive(Debug, Clone, Copy)]
pub struct WordTables {
    /// Multi-word synonyms (phrase, meaning), in file order.
    pub phrases: &'static [(String, String)],
    /// One-word synonyms: word → its synonym (followed up to three times).
    pub words: &'static FxHashMap<String, String>,
    /// Words that turn the word after them into its opposite.
    pub negations: &'static [String],
    /// Words that may stand between a negation and its word.
    pub negation_gap: &'static [String],
    /// Negated word → what it then means (`not enough` → insufficient).
    pub opposites: &'static [(String, String)],
}

/// The built-in English word tables (the ones the meaning check reads).
pub fn word_tables() -> WordTables {
    let tables: &'static Tables = &TABLES;
    WordTables {
        phrases: &tables.phrases,
        words: &tables.words,
        negations: &tables.negations,
        negation_gap: &tables.negation_gap,
        opposites: &tables.opposites,
    }
}
