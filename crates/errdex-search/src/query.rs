//! `errdex search` over the tantivy index: the query language ([`crate::parse`]) → the plan
//! ([`crate::plan`]) → the index words each query word matches (tantivy's term dictionary,
//! read from the query word's first two letters) → their positions in every document (tantivy
//! postings) → the filters → the ranking rules ([`crate::rank`]) → the hits, with what each
//! shows stored beside it.

use std::cmp::Reverse;
use std::collections::HashSet;

use serde::Serialize;
use tantivy::schema::Value;
use tantivy::{Searcher, TantivyDocument};

use crate::docs::{DocKind, DocView, HitPlace};
use crate::parse::{Filter, ParsedQuery, parse};
use crate::plan::{Plan, Step, highlights};
use crate::rank::{Held, RankKey, holds_phrase, rank_key, rarity};
use crate::reader::{ABSENT, EXACT_BIT, Reader, WordDocs, io};
use crate::schema::Fields;
use crate::synonyms::Vocabulary;
use crate::text::QueryWord;
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

/// The cheap front of a document's rank key (rules 1 and 2, from [`Reader::word`] alone):
/// documents are sorted by it first, and only those that can still reach the hits shown get
/// their positions read for the full key.
fn front_key(
    doc: u32,
    retired_from: u32,
    found: &[WordDocs],
    rarities: &[u32],
) -> (bool, Reverse<u32>, Reverse<u32>, u32) {
    let (mut words, mut rarity_sum, mut typos) = (0, 0, 0);
    for (f, rarity) in found.iter().zip(rarities) {
        let best = f.best[doc as usize];
        if best != ABSENT {
            words += 1;
            rarity_sum += rarity;
            if !f.stop {
                typos += u32::from(best & !EXACT_BIT);
            }
        }
    }
    (
        doc >= retired_from,
        Reverse(words),
        Reverse(rarity_sum),
        typos,
    )
}

/// What each of `docs` holds of each word (positions read for these documents only).
fn held_by(
    reader: &Reader<'_>,
    found: &[WordDocs],
    docs: &[u32],
) -> Result<Vec<Vec<Held>>, IndexError> {
    let per_word: Vec<Vec<Held>> = found
        .iter()
        .map(|f| reader.held(f, docs))
        .collect::<Result<_, _>>()?;
    Ok((0..docs.len())
        .map(|at| per_word.iter().map(|w| w[at].clone()).collect())
        .collect())
}

/// The documents holding `words` at consecutive positions (a stop word held anywhere).
fn holding_sequence(
    reader: &mut Reader<'_>,
    words: &[QueryWord],
) -> Result<HashSet<u32>, IndexError> {
    let found: Vec<WordDocs> = words
        .iter()
        .map(|w| reader.word(w))
        .collect::<Result<_, _>>()?;
    let Some(first) = found.first() else {
        return Ok(HashSet::new());
    };
    let mut docs: Vec<u32> = first
        .docs
        .iter()
        .copied()
        .filter(|&d| found.iter().all(|f| f.best[d as usize] != ABSENT))
        .collect();
    if found.len() == 1 {
        return Ok(docs.into_iter().collect());
    }
    docs.sort_unstable();
    let held = held_by(reader, &found, &docs)?;
    Ok(docs
        .into_iter()
        .zip(held)
        .filter(|(_, h)| holds_phrase(&h.iter().map(Held::exact_positions).collect::<Vec<_>>()))
        .map(|(d, _)| d)
        .collect())
}

/// Runs a search; see the module doc. An empty query is [`IndexError::EmptyQuery`].
pub fn search(
    searcher: &Searcher,
    fields: &Fields,
    vocabulary: &Vocabulary,
    request: &SearchRequest,
) -> Result<SearchResults, IndexError> {
    let parsed = request.parsed();
    if parsed.is_empty() {
        return Err(IndexError::EmptyQuery);
    }
    let plan = Plan::with_vocabulary(&parsed, vocabulary);
    let mut reader = Reader::new(searcher, fields)?;
    let found: Vec<WordDocs> = plan
        .words
        .iter()
        .map(|w| reader.word(w))
        .collect::<Result<_, _>>()?;
    let rarities: Vec<u32> = found
        .iter()
        .map(|f| rarity(reader.documents(), f.docs.len()))
        .collect();
    let only_stop_words = found.iter().all(|f| f.stop);
    let mut candidates: Vec<u32> = match plan.words.is_empty() {
        true => reader.all(),
        false => {
            let mut seen = vec![false; reader.documents()];
            let mut out = Vec::new();
            for f in found.iter().filter(|f| !f.stop || only_stop_words) {
                for &d in &f.docs {
                    if !std::mem::replace(&mut seen[d as usize], true) {
                        out.push(d);
                    }
                }
            }
            out
        }
    };
    candidates.sort_unstable();
    let found_by_words = candidates.len();
    let mut emptied_by = None;
    for step in &plan.steps {
        let before = candidates.len();
        match step {
            Step::Filter(filter) => {
                let kept = reader.filter(filter)?;
                candidates.retain(|d| kept.contains(d));
            }
            Step::Phrase(indices) => {
                let held = held_by(&reader, &found, &candidates)?;
                let mut keep = held.iter().map(|h| {
                    let lists: Vec<Option<Vec<u32>>> = indices
                        .iter()
                        .map(|i| i.and_then(|i| h[i].exact_positions()))
                        .collect();
                    holds_phrase(&lists)
                });
                candidates.retain(|_| keep.next().unwrap_or(false));
            }
            Step::Exclude(words) => {
                let excluded = holding_sequence(&mut reader, words)?;
                candidates.retain(|d| !excluded.contains(d));
            }
        }
        if before > 0 && candidates.is_empty() && emptied_by.is_none() {
            emptied_by = Some(EmptiedBy {
                filter: step.written(&plan.words),
                before,
            });
        }
    }
    let total = candidates.len();
    let limit = request.limit.max(1);
    // Retired documents are the last in document order (rank rule 0).
    let mut retired_from = u32::MAX;
    for kind in DocKind::RETIRED {
        if let Some(&first) = reader.filter(&Filter::Kind(kind))?.iter().min() {
            retired_from = retired_from.min(first);
        }
    }
    let front = |d: u32| front_key(d, retired_from, &found, &rarities);
    candidates.sort_by_key(|&d| (front(d), d));
    if let Some(&last) = candidates.get(limit - 1) {
        let boundary = front(last);
        candidates.retain(|&d| front(d) <= boundary);
    }
    candidates.sort_unstable();
    let held = held_by(&reader, &found, &candidates)?;
    let mut ranked: Vec<RankKey> = candidates
        .iter()
        .zip(&held)
        .map(|(&doc, h)| RankKey {
            retired: doc >= retired_from,
            ..rank_key(doc, h, &rarities)
        })
        .collect();
    ranked.sort_unstable();
    let marked: Vec<QueryWord> = plan
        .words
        .iter()
        .zip(&found)
        .filter(|(_, f)| !f.stop || only_stop_words)
        .map(|(w, _)| w.clone())
        .collect();
    let mut hits = Vec::new();
    for key in ranked.into_iter().take(limit) {
        let Some(address) = reader.address(key.doc) else {
            continue;
        };
        let doc: TantivyDocument = searcher.doc(address)?;
        let view: DocView = doc
            .get_first(fields.view)
            .and_then(|v| v.as_str())
            .and_then(|json| serde_json::from_str(json).ok())
            .ok_or_else(|| io(std::io::Error::other("a stored hit is unreadable")))?;
        hits.push(hit_of(view, key, &marked));
    }
    let suggestions = if found_by_words == 0 && !plan.words.is_empty() {
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
