//! `errdex search`: a query string → BM25-ranked hits with highlighted snippets.
//!
//! Steps:
//! 1. [`build_query`]: the whole query as one canonical code (`CSS.6007`, `css6007`) on the code
//!    field, boosted so a code-shaped query ranks that code first; its code parts (`6007`); every
//!    word on the prose fields (BM25, boosted per field), plus a fuzzy term for words of four
//!    letters or more so typos are forgiven; `--service` and `--status` as required filters.
//! 2. Top hits by score (ties by document order, which follows `kb.json`).
//! 3. A snippet per hit from the first prose field that matches, with highlighted ranges.
//! 4. No hit: near terms from the index's dictionaries and near codes, as suggestions.

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, TantivyDocument, Term};

use crate::schema::Fields;
use crate::{IndexError, tokenizer};
use errdex_core::kb::canonical_code;
use errdex_core::suggest;

/// Boost of an exact canonical-code match.
const EXACT_CODE_BOOST: f32 = 40.0;
/// Boost of a code-part match (`6007`).
const CODE_PART_BOOST: f32 = 8.0;
/// Weight of a fuzzy match relative to the exact word.
const FUZZY_WEIGHT: f32 = 0.3;
/// Words shorter than this are matched exactly only.
const SHORTEST_FUZZY_WORD: usize = 4;
/// Query words beyond this many are ignored (bounds the work per query).
const MOST_WORDS: usize = 16;
/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 180;
/// How many suggestions a query without hits gets.
const SUGGESTIONS: usize = 5;

/// What to search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// The words or code.
    pub query: String,
    /// Only this service (case-insensitive).
    pub service: Option<String>,
    /// Only this HTTP status.
    pub status: Option<u16>,
    /// At most this many hits.
    pub limit: usize,
}

/// A highlighted piece of stored text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The text.
    pub text: String,
    /// Byte ranges of `text` that matched.
    pub highlights: Vec<(usize, usize)>,
}

impl Snippet {
    /// The text with matches wrapped in `open` and `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::new();
        let mut at = 0;
        for &(start, end) in &self.highlights {
            if start < at || end > self.text.len() || start > end {
                continue;
            }
            let (Some(before), Some(marked)) =
                (self.text.get(at..start), self.text.get(start..end))
            else {
                continue;
            };
            out.push_str(before);
            out.push_str(open);
            out.push_str(marked);
            out.push_str(close);
            at = end;
        }
        out.push_str(self.text.get(at..).unwrap_or_default());
        out
    }
}

/// One ranked hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// BM25-based score.
    pub score: f32,
    /// `error_code`, `enum_value`, `operation`, `parameter`, `field`, `mention`, or
    /// `retired_code` / `retired_value` (listed after every live hit).
    pub kind: String,
    /// The code, value, `METHOD path` or field name.
    pub name: String,
    /// Service, if known.
    pub service: Option<String>,
    /// HTTP status, if any.
    pub status: Option<u16>,
    /// Source path.
    pub source: String,
    /// 1-based line.
    pub line: u32,
    /// Context (enumeration, operation, module).
    pub title: Option<String>,
    /// The best matching text.
    pub snippet: Snippet,
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// Hits, best first.
    pub hits: Vec<Hit>,
    /// Near terms and codes, when nothing was found.
    pub suggestions: Vec<String>,
}

/// The analyzed words of a query (lower-cased, stemmed, CJK bigrams), without repeats.
fn query_words(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let word = &stream.token().text;
        if !words.contains(word) {
            words.push(word.clone());
        }
    }
    words.truncate(MOST_WORDS);
    words
}

fn term_query(field: Field, text: &str, boost: f32) -> Box<dyn Query> {
    let query = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    );
    Box::new(BoostQuery::new(Box::new(query), boost))
}

/// A required clause that does not add to the score.
fn filter(term: Term) -> Box<dyn Query> {
    let query = TermQuery::new(term, IndexRecordOption::Basic);
    Box::new(BoostQuery::new(Box::new(query), 0.0))
}

fn is_fuzzy_candidate(word: &str) -> bool {
    word.chars().count() >= SHORTEST_FUZZY_WORD && !word.chars().any(tokenizer::is_cjk)
}

/// Edit distance allowed for a fuzzy word (tantivy's automata go up to 2).
fn fuzzy_distance(word: &str) -> u8 {
    if word.chars().count() >= 8 { 2 } else { 1 }
}

/// The query for a request; see the module doc.
pub fn build_query(fields: &Fields, request: &SearchRequest) -> Box<dyn Query> {
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let parts = tokenizer::code_parts(&request.query);
    for (at, part) in parts.iter().enumerate() {
        let boost = if at == 0 {
            EXACT_CODE_BOOST
        } else {
            CODE_PART_BOOST
        };
        should.push((Occur::Should, term_query(fields.code, part, boost)));
    }
    let mut analyzer = tokenizer::text_analyzer();
    for word in query_words(&mut analyzer, &request.query) {
        for (field, boost) in fields.prose() {
            should.push((Occur::Should, term_query(field, &word, boost)));
            if is_fuzzy_candidate(&word) {
                let fuzzy = FuzzyTermQuery::new(
                    Term::from_field_text(field, &word),
                    fuzzy_distance(&word),
                    true,
                );
                should.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(fuzzy), boost * FUZZY_WEIGHT)),
                ));
            }
        }
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        vec![(Occur::Must, Box::new(BooleanQuery::new(should)))];
    if let Some(service) = &request.service {
        let term = Term::from_field_text(fields.service, &service.trim().to_uppercase());
        clauses.push((Occur::Must, filter(term)));
    }
    if let Some(status) = request.status {
        let term = Term::from_field_u64(fields.status, u64::from(status));
        clauses.push((Occur::Must, filter(term)));
    }
    Box::new(BooleanQuery::new(clauses))
}

fn stored_text(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn stored_number(doc: &TantivyDocument, field: Field) -> Option<u64> {
    doc.get_first(field).and_then(|v| v.as_u64())
}

/// Snippet generators for the prose fields, in order of preference.
fn snippet_generators(
    searcher: &Searcher,
    query: &dyn Query,
    fields: &Fields,
) -> Result<Vec<(Field, SnippetGenerator)>, IndexError> {
    fields
        .snippet_sources()
        .into_iter()
        .map(|field| {
            let mut generator = SnippetGenerator::create(searcher, query, field)?;
            generator.set_max_num_chars(SNIPPET_CHARS);
            Ok((field, generator))
        })
        .collect()
}

fn snippet_of(doc: &TantivyDocument, generators: &[(Field, SnippetGenerator)]) -> Snippet {
    for (field, generator) in generators {
        if let Some(text) = stored_text(doc, *field) {
            let snippet = generator.snippet(&text);
            if !snippet.highlighted().is_empty() {
                let start = snippet.fragment_range().start;
                return Snippet {
                    text: snippet.fragment().to_string(),
                    highlights: snippet
                        .highlighted()
                        .iter()
                        .map(|r| (r.start.saturating_sub(start), r.end.saturating_sub(start)))
                        .collect(),
                };
            }
        }
    }
    let first_text = generators
        .iter()
        .find_map(|(field, _)| stored_text(doc, *field))
        .unwrap_or_default();
    Snippet {
        text: errdex_core::explain::one_line(&first_text),
        highlights: Vec::new(),
    }
}

fn hit_of(
    doc: &TantivyDocument,
    score: f32,
    fields: &Fields,
    generators: &[(Field, SnippetGenerator)],
) -> Hit {
    Hit {
        score,
        kind: stored_text(doc, fields.kind).unwrap_or_default(),
        name: stored_text(doc, fields.name).unwrap_or_default(),
        service: stored_text(doc, fields.service),
        status: stored_number(doc, fields.status).and_then(|s| u16::try_from(s).ok()),
        source: stored_text(doc, fields.source).unwrap_or_default(),
        line: stored_number(doc, fields.line)
            .and_then(|l| u32::try_from(l).ok())
            .unwrap_or(0),
        title: stored_text(doc, fields.title).filter(|t| !t.is_empty()),
        snippet: snippet_of(doc, generators),
    }
}

/// Runs a search; see the module doc.
pub fn search(
    searcher: &Searcher,
    fields: &Fields,
    request: &SearchRequest,
) -> Result<SearchResults, IndexError> {
    let query = build_query(fields, request);
    let limit = request.limit.max(1);
    let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
    let generators = snippet_generators(searcher, query.as_ref(), fields)?;
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        hits.push(hit_of(&doc, score, fields, &generators));
    }
    // Retired codes and values (kept by a build with a baseline) come after every live hit,
    // each group best first.
    hits.sort_by_key(|hit| crate::entries::EntryKind::is_retired(&hit.kind));
    let suggestions = if hits.is_empty() {
        suggestions(searcher, fields, &request.query)?
    } else {
        Vec::new()
    };
    Ok(SearchResults {
        query: request.query.clone(),
        hits,
        suggestions,
    })
}

/// Every term of a field with the number of entries using it.
pub(crate) fn dictionary(
    searcher: &Searcher,
    field: Field,
) -> Result<Vec<(String, u32)>, IndexError> {
    let mut terms = Vec::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().stream().map_err(|source| IndexError::Io {
            path: "term dictionary".into(),
            source,
        })?;
        while stream.advance() {
            terms.push((
                String::from_utf8_lossy(stream.key()).into_owned(),
                stream.value().doc_freq,
            ));
        }
    }
    Ok(terms)
}

/// Near terms for each query word and near codes for the whole query.
fn suggestions(
    searcher: &Searcher,
    fields: &Fields,
    query: &str,
) -> Result<Vec<String>, IndexError> {
    let mut out: Vec<String> = Vec::new();
    let words: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !w.chars().any(tokenizer::is_cjk))
        .map(str::to_lowercase)
        .take(MOST_WORDS)
        .collect();
    if !words.is_empty() {
        let mut terms = dictionary(searcher, fields.message)?;
        terms.extend(dictionary(searcher, fields.title)?);
        terms.sort();
        terms.dedup_by(|a, b| a.0 == b.0);
        for word in &words {
            out.extend(suggest::nearest_terms(word, &terms, SUGGESTIONS));
        }
    }
    if query.chars().any(|c| c.is_ascii_digit()) && !canonical_code(query).is_empty() {
        let codes = dictionary(searcher, fields.code_key)?;
        out.extend(suggest::nearest_codes(
            query,
            codes.iter().map(|(code, _)| code.as_str()),
            SUGGESTIONS,
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|s| seen.insert(s.clone()));
    out.truncate(SUGGESTIONS * 2);
    Ok(out)
}
