//! `errdex search` over the tantivy index: the query language ([`crate::parse`]) → the plan
//! ([`crate::plan`]) → the index words each query word matches (tantivy's term dictionary,
//! read from the query word's first two letters) → their positions in every document (tantivy
//! postings) → the filters → the ranking rules ([`crate::rank`]) → the hits, with what each
//! shows stored beside it.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use tantivy::postings::Postings;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, DocSet, Searcher, TERMINATED, TantivyDocument, Term};

use crate::docs::{DocKind, DocView, HitPlace};
use crate::parse::{Filter, ParsedQuery, parse};
use crate::plan::{Plan, Step, highlights};
use crate::rank::{
    Occurrence, POSITIONS_KEPT, RankKey, holds_phrase, rank_key, stop_threshold,
    stop_word_documents,
};
use crate::schema::Fields;
use crate::text::{Match, QueryWord, is_cjk_word, word_match};
use crate::{IndexError, suggest};

/// What to search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// The query, in the query language ([`crate::parse`]).
    pub query: String,
    /// Only this service (case-insensitive), as `service:` in the query.
    pub service: Option<String>,
    /// Only this HTTP status, as `status:` in the query.
    pub status: Option<u16>,
    /// At most this many hits.
    pub limit: usize,
}

impl SearchRequest {
    /// The parsed query with the flags' filters added.
    pub fn parsed(&self) -> ParsedQuery {
        let mut parsed = parse(&self.query);
        if let Some(service) = self
            .service
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            parsed.add_filter(Filter::Service(service.to_uppercase()));
        }
        if let Some(status) = self.status {
            parsed.add_filter(Filter::Status(status));
        }
        parsed
    }
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

/// One ranked hit: a code with its definitions, a field with its operations, …
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The document's number in document order (the same in the site's index).
    pub doc: u32,
    /// What it is.
    pub kind: DocKind,
    /// The code, `METHOD path`, field name, value or page title.
    pub name: String,
    /// Service, if known.
    pub service: Option<String>,
    /// The HTTP status of the stated meaning (a code), if any.
    pub status: Option<u16>,
    /// Every HTTP status of its definitions.
    pub statuses: Vec<u16>,
    /// The first place it is written.
    pub source: String,
    /// Its 1-based line.
    pub line: u32,
    /// Every place it is written.
    pub places: Vec<HitPlace>,
    /// How many definitions, operations or enumerations it stands for.
    pub count: usize,
    /// Context (module, first operation, enumeration).
    pub title: Option<String>,
    /// A code's meaning as `explain` states it (else the description), query words marked.
    pub snippet: Snippet,
    /// Why it ranks here (the ranking rules' figures).
    pub rank: RankKey,
}

/// A filter that left nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmptiedBy {
    /// The filter as written (`service:obs`, `-bucket`, `"not found"`).
    pub filter: String,
    /// How many hits there were before it.
    pub before: usize,
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// Hits, best first.
    pub hits: Vec<Hit>,
    /// How many documents matched (hits beyond the limit included).
    pub total: usize,
    /// The filter that left nothing, when the words alone found something.
    pub emptied_by: Option<EmptiedBy>,
    /// Near terms and codes, when the words found nothing.
    pub suggestions: Vec<String>,
}

/// A document matching the query: where it is, and each query word's occurrences.
struct Candidate {
    address: DocAddress,
    words: Vec<Vec<Occurrence>>,
}

/// Reads the index for one search.
struct Reader<'a> {
    searcher: &'a Searcher,
    fields: &'a Fields,
    threshold: usize,
    /// Each segment's document order column.
    orders: Vec<tantivy::columnar::Column<u64>>,
}

/// One index word a query word matched, in one segment.
struct Expansion {
    segment: usize,
    term: tantivy::postings::TermInfo,
    matched: Match,
}

impl<'a> Reader<'a> {
    fn new(searcher: &'a Searcher, fields: &'a Fields) -> Result<Self, IndexError> {
        let mut orders = Vec::new();
        for segment in searcher.segment_readers() {
            orders.push(segment.fast_fields().u64("order")?);
        }
        Ok(Reader {
            searcher,
            fields,
            threshold: stop_threshold(searcher.num_docs() as usize),
            orders,
        })
    }

    fn order(&self, segment: usize, doc: u32) -> u32 {
        self.orders[segment].first(doc).unwrap_or(u64::from(doc)) as u32
    }

    /// The index words `word` matches, with their document counts over all segments; and
    /// whether the word itself is a stop word.
    fn expand(&self, word: &QueryWord) -> Result<(Vec<Expansion>, bool), IndexError> {
        let mut found: Vec<(String, Expansion)> = Vec::new();
        let exact_only = !word.loose && (word.chars < 4 || is_cjk_word(&word.text));
        for (segment, reader) in self.searcher.segment_readers().iter().enumerate() {
            let inverted = reader.inverted_index(self.fields.words)?;
            let terms = inverted.terms();
            if exact_only {
                if let Some(term) = terms.get(word.text.as_bytes()).map_err(io)? {
                    found.push((
                        word.text.clone(),
                        Expansion {
                            segment,
                            term,
                            matched: Match::Exact,
                        },
                    ));
                }
                continue;
            }
            let head = word.head();
            let mut stream = terms
                .range()
                .ge(head.as_bytes())
                .into_stream()
                .map_err(io)?;
            while stream.advance() {
                let Ok(key) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if !key.starts_with(&head) {
                    break;
                }
                if let Some(matched) = word_match(word, key) {
                    found.push((
                        key.to_string(),
                        Expansion {
                            segment,
                            term: stream.value().clone(),
                            matched,
                        },
                    ));
                }
            }
        }
        let mut documents: HashMap<&str, usize> = HashMap::new();
        for (key, e) in &found {
            *documents.entry(key.as_str()).or_default() += e.term.doc_freq as usize;
        }
        let stop = documents
            .get(word.text.as_str())
            .is_some_and(|&n| n > self.threshold);
        let is_stop: HashSet<String> = documents
            .iter()
            .filter(|&(_, &n)| n > self.threshold)
            .map(|(k, _)| k.to_string())
            .collect();
        let kept = found
            .into_iter()
            .filter(|(key, e)| e.matched == Match::Exact || !is_stop.contains(key))
            .map(|(_, e)| e)
            .collect();
        Ok((kept, stop))
    }

    /// Every document holding one of the expansions: order → (address, occurrences).
    fn occurrences<'e>(
        &self,
        expansions: impl Iterator<Item = &'e Expansion>,
    ) -> Result<HashMap<u32, (DocAddress, Vec<Occurrence>)>, IndexError> {
        let mut out: HashMap<u32, (DocAddress, Vec<Occurrence>)> = HashMap::new();
        let mut positions = Vec::new();
        for e in expansions {
            let segment = &self.searcher.segment_readers()[e.segment];
            let inverted = segment.inverted_index(self.fields.words)?;
            let mut postings = inverted
                .read_postings_from_terminfo(&e.term, IndexRecordOption::WithFreqsAndPositions)
                .map_err(io)?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                postings.positions(&mut positions);
                let order = self.order(e.segment, doc);
                let entry = out
                    .entry(order)
                    .or_insert_with(|| (DocAddress::new(e.segment as u32, doc), Vec::new()));
                entry.1.extend(
                    positions
                        .iter()
                        .take(POSITIONS_KEPT)
                        .map(|&position| Occurrence {
                            position,
                            typos: e.matched.typos(),
                            exact: e.matched == Match::Exact,
                        }),
                );
                doc = postings.advance();
            }
        }
        Ok(out)
    }

    /// The documents of a facet (`kind:code`).
    fn facet(&self, facet: &str) -> Result<HashSet<u32>, IndexError> {
        let term = Term::from_field_text(self.fields.facet, facet);
        let mut out = HashSet::new();
        for (segment, reader) in self.searcher.segment_readers().iter().enumerate() {
            let inverted = reader.inverted_index(self.fields.facet)?;
            let Some(mut postings) = inverted
                .read_postings(&term, IndexRecordOption::Basic)
                .map_err(io)?
            else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                out.insert(self.order(segment, doc));
                doc = postings.advance();
            }
        }
        Ok(out)
    }

    /// The documents a filter keeps.
    fn filter(&self, filter: &Filter) -> Result<HashSet<u32>, IndexError> {
        match filter {
            Filter::Kind(kind) => {
                let mut out = HashSet::new();
                for k in kind.filter_kinds() {
                    out.extend(self.facet(&Filter::Kind(*k).written())?);
                }
                Ok(out)
            }
            other => self.facet(&other.written()),
        }
    }

    /// The documents holding the excluded words at consecutive positions (stop words are
    /// left out of an exclusion).
    fn excluded(&self, words: &[QueryWord]) -> Result<HashSet<u32>, IndexError> {
        let mut per_word: Vec<Option<HashMap<u32, Vec<u32>>>> = Vec::new();
        for word in words {
            let (expansions, stop) = self.expand(word)?;
            if stop {
                per_word.push(None);
                continue;
            }
            let found = self.occurrences(expansions.iter())?;
            per_word.push(Some(
                found
                    .into_iter()
                    .map(|(doc, (_, o))| (doc, o.iter().map(|o| o.position).collect()))
                    .collect(),
            ));
        }
        let Some(first) = per_word.iter().flatten().next() else {
            return Ok(HashSet::new());
        };
        Ok(first
            .keys()
            .copied()
            .filter(|doc| {
                let lists: Vec<Option<Vec<u32>>> = per_word
                    .iter()
                    .map(|w| w.as_ref().map(|m| m.get(doc).cloned().unwrap_or_default()))
                    .collect();
                holds_phrase(&lists)
            })
            .collect())
    }
}

fn io(source: std::io::Error) -> IndexError {
    IndexError::Io {
        path: "search index".into(),
        source,
    }
}

/// Runs a search; see the module doc. An empty query is [`IndexError::EmptyQuery`].
pub fn search(
    searcher: &Searcher,
    fields: &Fields,
    request: &SearchRequest,
) -> Result<SearchResults, IndexError> {
    let parsed = request.parsed();
    if parsed.is_empty() {
        return Err(IndexError::EmptyQuery);
    }
    let plan = Plan::new(&parsed);
    let reader = Reader::new(searcher, fields)?;
    let mut expansions = Vec::new();
    let mut stops = Vec::new();
    for word in &plan.words {
        let (found, stop) = reader.expand(word)?;
        expansions.push(found);
        stops.push(stop);
    }
    let only_stop_words = stops.iter().all(|&s| s);
    let mut candidates: BTreeMap<u32, Candidate> = BTreeMap::new();
    for (i, found) in expansions.iter().enumerate() {
        if stops[i] && !only_stop_words {
            continue;
        }
        let mut found_docs = match stops[i] {
            true => reader.occurrences(found.iter().filter(|e| e.matched == Match::Exact))?,
            false => reader.occurrences(found.iter())?,
        };
        if stops[i] {
            let firsts = found_docs
                .iter()
                .map(|(&doc, (_, o))| (doc, o.iter().map(|o| o.position).min().unwrap_or(0)))
                .collect();
            let kept: HashSet<u32> = stop_word_documents(firsts).into_iter().collect();
            found_docs.retain(|doc, _| kept.contains(doc));
        }
        for (doc, (address, occurrences)) in found_docs {
            let candidate = candidates.entry(doc).or_insert_with(|| Candidate {
                address,
                words: vec![Vec::new(); plan.words.len()],
            });
            candidate.words[i].extend(occurrences);
        }
    }
    let active: Vec<bool> = stops.iter().map(|&s| !s || only_stop_words).collect();
    let no_words = plan.words.is_empty();
    if no_words {
        add_all_documents(&reader, &mut candidates, plan.words.len());
    }
    let found_by_words = candidates.len();
    let mut emptied_by = None;
    for step in &plan.steps {
        let before = candidates.len();
        match step {
            Step::Filter(filter) => {
                let kept = reader.filter(filter)?;
                candidates.retain(|doc, _| kept.contains(doc));
            }
            Step::Phrase(indices) => candidates.retain(|_, c| {
                let lists: Vec<Option<Vec<u32>>> = indices
                    .iter()
                    .map(|i| {
                        i.filter(|&i| active[i]).map(|i| {
                            c.words[i]
                                .iter()
                                .filter(|o| o.typos == 0)
                                .map(|o| o.position)
                                .collect()
                        })
                    })
                    .collect();
                holds_phrase(&lists)
            }),
            Step::Exclude(words) => {
                let excluded = reader.excluded(words)?;
                candidates.retain(|doc, _| !excluded.contains(doc));
            }
        }
        if before > 0 && candidates.is_empty() && emptied_by.is_none() {
            emptied_by = Some(EmptiedBy {
                filter: step.written(&plan.words),
                before,
            });
        }
    }
    let mut ranked: Vec<(RankKey, DocAddress)> = candidates
        .iter()
        .map(|(&doc, c)| (rank_key(doc, &c.words), c.address))
        .collect();
    ranked.sort_by_key(|(key, _)| *key);
    let total = ranked.len();
    let limit = request.limit.max(1);
    let matched_words: Vec<QueryWord> = plan
        .words
        .iter()
        .zip(&active)
        .filter(|(_, a)| **a)
        .map(|(w, _)| w.clone())
        .collect();
    let mut hits = Vec::new();
    for (key, address) in ranked.into_iter().take(limit) {
        let doc: TantivyDocument = searcher.doc(address)?;
        let view: DocView = doc
            .get_first(fields.view)
            .and_then(|v| v.as_str())
            .and_then(|json| serde_json::from_str(json).ok())
            .ok_or_else(|| IndexError::Io {
                path: "search index".into(),
                source: std::io::Error::other("a stored hit is unreadable"),
            })?;
        hits.push(hit_of(view, key, &matched_words));
    }
    let suggestions = if found_by_words == 0 && !no_words {
        suggest::suggestions(searcher, fields, &plan.words)?
    } else {
        Vec::new()
    };
    Ok(SearchResults {
        query: request.query.clone(),
        hits,
        total,
        emptied_by,
        suggestions,
    })
}

/// A query of filters only: every document is a candidate, holding no words.
fn add_all_documents(reader: &Reader<'_>, candidates: &mut BTreeMap<u32, Candidate>, words: usize) {
    for (segment, segment_reader) in reader.searcher.segment_readers().iter().enumerate() {
        for doc in 0..segment_reader.max_doc() {
            candidates.insert(
                reader.order(segment, doc),
                Candidate {
                    address: DocAddress::new(segment as u32, doc),
                    words: vec![Vec::new(); words],
                },
            );
        }
    }
}

fn hit_of(view: DocView, rank: RankKey, words: &[QueryWord]) -> Hit {
    let first = view.places.first();
    let status = first
        .and_then(|p| p.status)
        .or_else(|| view.statuses.first().copied());
    Hit {
        doc: rank.doc,
        kind: view.kind,
        service: view.service,
        status,
        statuses: view.statuses,
        source: first.map(|p| p.path.clone()).unwrap_or_default(),
        line: first.map_or(0, |p| p.line),
        count: view.count,
        title: view.title,
        snippet: Snippet {
            highlights: highlights(&view.snippet, words),
            text: view.snippet,
        },
        name: view.name,
        places: view.places,
        rank,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_snippets_wrap_each_match() {
        let snippet = Snippet {
            text: "Insufficient EIP quota.".into(),
            highlights: vec![(13, 16), (17, 22)],
        };
        assert_eq!(snippet.marked("[", "]"), "Insufficient [EIP] [quota].");
    }
}
