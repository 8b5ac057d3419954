//! From a parsed query to what the engines look up (mirrored by `plan` in
//! `assets/site/search.js`): the distinct query words in order, the phrases as word indices,
//! the exclusions, and the filter steps in the order written.

use crate::parse::{Filter, ParsedQuery, Part};
use crate::synonyms::{VOCABULARY, Vocabulary};
use crate::text::{QueryWord, index_words, is_cjk_word, word_match};

/// Query words beyond this many are ignored (bounds the work per query).
pub const MOST_WORDS: usize = 16;

/// A step that narrows the hits, in the order written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// `service:`, `status:` or `kind:`.
    Filter(Filter),
    /// A phrase: indices into [`Plan::words`] (`None` for a word past [`MOST_WORDS`]).
    Phrase(Vec<Option<usize>>),
    /// `-word` or `-"phrase"`: its words, matched exactly or by stem.
    Exclude(Vec<QueryWord>),
}

impl Step {
    /// The step as the query language writes it (`service:ecs`, `"not found"`, `-bucket`).
    pub fn written(&self, words: &[QueryWord]) -> String {
        let quoted = |texts: Vec<&str>| match texts.len() {
            1 => texts[0].to_string(),
            _ => format!("\"{}\"", texts.join(" ")),
        };
        match self {
            Step::Filter(filter) => filter.written(),
            Step::Phrase(indices) => format!(
                "\"{}\"",
                indices
                    .iter()
                    .flatten()
                    .map(|&i| words[i].text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            Step::Exclude(excluded) => format!(
                "-{}",
                quoted(excluded.iter().map(|w| w.text.as_str()).collect())
            ),
        }
    }
}

/// What the engines look up for a query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Distinct query words, in order.
    pub words: Vec<QueryWord>,
    /// Filters, phrases and exclusions, in the order written.
    pub steps: Vec<Step>,
}

impl Plan {
    /// The plan of a parsed query, with the built-in synonyms.
    pub fn new(query: &ParsedQuery) -> Plan {
        Plan::with_vocabulary(query, &VOCABULARY)
    }

    /// The plan of a parsed query, with these synonyms (an index's own, so that queries ask
    /// for the tokens it was built with).
    pub fn with_vocabulary(query: &ParsedQuery, vocabulary: &Vocabulary) -> Plan {
        let mut plan = Plan::default();
        let last_words = match query
            .parts
            .iter()
            .rev()
            .find(|p| matches!(p, Part::Words(_) | Part::Phrase(_)))
        {
            Some(Part::Words(words)) => words.len(),
            _ => 0,
        };
        let word_parts = query
            .parts
            .iter()
            .filter(|p| matches!(p, Part::Words(_) | Part::Phrase(_)))
            .count();
        let mut seen_word_parts = 0;
        let mut previous: Option<&Vec<String>> = None;
        let mut phrase_tokens = phrase_tokens_per_part(query, vocabulary).into_iter();
        for part in &query.parts {
            let phrase_tokens = phrase_tokens.next().unwrap_or_default();
            match part {
                Part::Words(words) | Part::Phrase(words) => {
                    seen_word_parts += 1;
                    let loose = matches!(part, Part::Words(_));
                    let final_part = seen_word_parts == word_parts && last_words > 0;
                    let mut indices = Vec::new();
                    for (at, text) in words.iter().enumerate() {
                        let last = loose && final_part && at + 1 == words.len();
                        indices.push(plan.add_word(text, loose, last));
                    }
                    if !loose {
                        plan.steps.push(Step::Phrase(indices));
                    } else if let Some(code) = joined_code(previous, words) {
                        plan.add_word(&code, false, false);
                    }
                    for token in phrase_tokens {
                        plan.add_word(&token, false, false);
                    }
                    previous = loose.then_some(words);
                }
                Part::Exclude(words) => plan.steps.push(Step::Exclude(
                    words
                        .iter()
                        .map(|w| QueryWord::new(w, false, false))
                        .collect(),
                )),
                Part::Filter(filter) => plan.steps.push(Step::Filter(filter.clone())),
            }
        }
        // An unquoted word also asks for its own synonym token.
        for word in plan.words.iter_mut().filter(|w| w.loose) {
            word.synonym = vocabulary.token(&word.text);
        }
        plan
    }

    fn add_word(&mut self, text: &str, loose: bool, last: bool) -> Option<usize> {
        if let Some(at) = self.words.iter().position(|w| w.text == text) {
            let merged = QueryWord::new(text, self.words[at].loose || loose, last);
            self.words[at] = merged;
            return Some(at);
        }
        if self.words.len() >= MOST_WORDS {
            return None;
        }
        self.words.push(QueryWord::new(text, loose, last));
        Some(self.words.len() - 1)
    }
}

/// Per part of the query, the tokens of phrases and negations asked as words of their own
/// ([`Vocabulary::phrase_tokens`]), read over each run of unquoted words (`my elastic ip quota
/// ran out` is one run: `elastic ip` and `ran out` are phrases) and given to the run's last
/// part. Quoted phrases, exclusions and filters end a run and have none.
fn phrase_tokens_per_part(query: &ParsedQuery, vocabulary: &Vocabulary) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new(); query.parts.len()];
    let mut at = 0;
    while at < query.parts.len() {
        let run_end = (at..query.parts.len())
            .find(|&i| !matches!(query.parts[i], Part::Words(_)))
            .unwrap_or(query.parts.len());
        if run_end == at {
            at += 1;
            continue;
        }
        let words: Vec<&str> = query.parts[at..run_end]
            .iter()
            .flat_map(|p| match p {
                Part::Words(words) => words.iter().map(String::as_str).collect(),
                _ => Vec::new(),
            })
            .collect();
        out[run_end - 1] = vocabulary.phrase_tokens(&words);
        at = run_end;
    }
    out
}

/// The compact code that words written together spell, as one more query word: the words of
/// one piece with a digit among them (`Ecs.0013` → `ecs0013`), or a word of letters followed
/// by a piece of one word with digits (`DCS. 4855` → `dcs4855`). A code's compact form is
/// indexed whole, so it finds the code even where its prefix is a stop word.
pub fn joined_code(previous: Option<&Vec<String>>, words: &[String]) -> Option<String> {
    let has_digit = |w: &String| w.chars().any(|c| c.is_ascii_digit());
    let latin = |w: &String| !is_cjk_word(w);
    if words.len() >= 2 && words.iter().any(has_digit) && words.iter().all(latin) {
        return Some(words.concat());
    }
    match (previous.map(Vec::as_slice), words) {
        (Some([before]), [after])
            if before.chars().all(|c| c.is_ascii_lowercase()) && has_digit(after) =>
        {
            Some(format!("{before}{after}"))
        }
        _ => None,
    }
}

/// Byte ranges of `text` holding a query word (CJK pairs may overlap; merged).
pub fn highlights(text: &str, words: &[QueryWord]) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = index_words(text, 0)
        .into_iter()
        .filter(|w| words.iter().any(|q| word_match(q, &w.text).is_some()))
        .map(|w| (w.start, w.end))
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    fn texts(plan: &Plan) -> Vec<(&str, bool, bool)> {
        plan.words
            .iter()
            .map(|w| (w.text.as_str(), w.loose, w.last))
            .collect()
    }

    #[test]
    fn words_in_order_with_the_last_word_loose_for_prefixes() {
        let plan = Plan::new(&parse(r#"insufficient "eip quota" quota service:ecs"#));
        assert_eq!(
            texts(&plan),
            [
                ("insufficient", true, false),
                ("eip", false, false),
                ("quota", true, true)
            ]
        );
        assert_eq!(
            plan.steps,
            [
                Step::Phrase(vec![Some(1), Some(2)]),
                Step::Filter(Filter::Service("ECS".into()))
            ]
        );
        assert_eq!(plan.steps[0].written(&plan.words), "\"eip quota\"");
        let phrase_last = Plan::new(&parse(r#"bucket "not found""#));
        assert!(phrase_last.words.iter().all(|w| !w.last));
    }

    #[test]
    fn codes_written_in_parts_are_also_asked_whole() {
        for (query, joined) in [
            ("Ecs.0013", Some("ecs0013")),
            ("DCS. 4855", Some("dcs4855")),
            ("ecs 0013 quota", Some("ecs0013")),
            ("ecs0013", None),
            ("snapshot failed", None),
            ("quota 0013", Some("quota0013")),
        ] {
            let parsed = parse(query);
            let written: Vec<&String> = parsed
                .parts
                .iter()
                .flat_map(|p| match p {
                    Part::Words(w) => w.iter().collect(),
                    _ => Vec::new(),
                })
                .collect();
            let plan = Plan::new(&parsed);
            let extra = plan
                .words
                .iter()
                .map(|w| w.text.as_str())
                .find(|t| !written.iter().any(|w| w == t));
            assert_eq!(extra, joined, "{query}");
            assert_eq!(
                plan.words.len(),
                written.len() + usize::from(joined.is_some())
            );
        }
    }

    #[test]
    fn synonyms_are_read_over_runs_of_unquoted_words() {
        let plan = Plan::new(&parse("my elastic ip quota ran out"));
        let asked: Vec<(&str, Option<&str>)> = plan
            .words
            .iter()
            .map(|w| (w.text.as_str(), w.synonym.as_deref()))
            .collect();
        assert_eq!(
            asked,
            [
                ("my", None),
                ("elastic", None),
                ("ip", None),
                ("quota", None),
                ("ran", None),
                ("out", None),
                ("~eip", None),
                ("~insufficient", None),
            ]
        );
        let quoted = Plan::new(&parse("\"elastic ip\" service:ecs instance"));
        let texts: Vec<&str> = quoted.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(
            texts,
            ["elastic", "ip", "instance"],
            "phrases are the docs' words"
        );
        assert_eq!(
            quoted.words[0].synonym, None,
            "a quoted word is the docs' own"
        );
        assert_eq!(quoted.words[2].synonym.as_deref(), Some("~server"));
    }

    #[test]
    fn exclusions_are_written_back() {
        let plan = Plan::new(&parse(r#"bucket -deleted -"old one""#));
        let written: Vec<String> = plan.steps.iter().map(|s| s.written(&plan.words)).collect();
        assert_eq!(written, ["-deleted", "-\"old one\""]);
        assert!(plan.words[0].last, "the last words, exclusions aside");
    }

    #[test]
    fn highlights_cover_matching_words_and_cjk_pairs() {
        let plan = Plan::new(&parse("quota 配额"));
        let text = "Insufficient EIP quota (EIP配额不足)";
        let ranges = highlights(text, &plan.words);
        let marked: Vec<&str> = ranges.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(marked, ["quota", "配额"]);
    }
}
