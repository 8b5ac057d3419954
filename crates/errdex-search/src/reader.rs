//! What `errdex search` reads from tantivy: the index words a query word matches (the term
//! dictionary, from the word's first two letters), which documents hold them with the best
//! match per document (postings without positions), and, for the few documents the ranking
//! needs them for, their positions (postings, sought document by document).
//!
//! Documents are numbered in document order (the `order` fast field), as the ranking and the
//! site number them.

use std::collections::HashSet;

use tantivy::postings::{Postings, TermInfo};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Searcher, TERMINATED, Term};

use crate::IndexError;
use crate::parse::Filter;
use crate::rank::{Held, Occurrence, POSITIONS_KEPT, stop_threshold};
use crate::schema::Fields;
use crate::text::{Match, QueryWord, is_cjk_word, word_match};

/// No match of a word in a document (see [`WordDocs::best`]).
pub const ABSENT: u8 = u8::MAX;
/// The bit of [`WordDocs::best`] telling the word is held in its exact form.
pub const EXACT_BIT: u8 = 0x40;

/// One index word a query word matched, in one segment.
struct Expansion {
    segment: usize,
    term: TermInfo,
    matched: Match,
}

/// What the index holds of one query word, over every document.
pub struct WordDocs {
    /// A stop word: its presence only.
    pub stop: bool,
    /// The documents holding it, in the order found.
    pub docs: Vec<u32>,
    /// Per document: [`ABSENT`], or the fewest typos of its matches, with [`EXACT_BIT`] when
    /// one is the word itself.
    pub best: Vec<u8>,
    expansions: Vec<Expansion>,
}

/// Reads the index for one search.
pub struct Reader<'a> {
    searcher: &'a Searcher,
    fields: &'a Fields,
    threshold: usize,
    documents: usize,
    /// Each segment's document order column.
    orders: Vec<tantivy::columnar::Column<u64>>,
    /// Where each document (by order) is, once seen.
    addresses: Vec<Option<DocAddress>>,
}

pub(crate) fn io(source: std::io::Error) -> IndexError {
    IndexError::Io {
        path: "search index".into(),
        source,
    }
}

impl<'a> Reader<'a> {
    /// A reader over every segment of `searcher`.
    pub fn new(searcher: &'a Searcher, fields: &'a Fields) -> Result<Self, IndexError> {
        let mut orders = Vec::new();
        for segment in searcher.segment_readers() {
            orders.push(segment.fast_fields().u64("order")?);
        }
        let documents = searcher.num_docs() as usize;
        Ok(Reader {
            searcher,
            fields,
            threshold: stop_threshold(documents),
            documents,
            orders,
            addresses: vec![None; documents],
        })
    }

    /// How many documents the index holds.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// Where a document is (every document a word or a filter returned has been seen).
    pub fn address(&self, doc: u32) -> Option<DocAddress> {
        self.addresses.get(doc as usize).copied().flatten()
    }

    fn order(&mut self, segment: usize, doc: u32) -> u32 {
        let order = self.orders[segment].first(doc).unwrap_or(u64::from(doc)) as u32;
        if let Some(slot) = self.addresses.get_mut(order as usize) {
            *slot = Some(DocAddress::new(segment as u32, doc));
        }
        order
    }

    /// The index words `word` matches (a stop word only as itself), and whether it is one.
    fn expand(&self, word: &QueryWord) -> Result<(Vec<Expansion>, bool), IndexError> {
        let mut found: Vec<(String, Expansion)> = Vec::new();
        let exact_only = !word.loose && (word.chars < 4 || is_cjk_word(&word.text));
        for (segment, reader) in self.searcher.segment_readers().iter().enumerate() {
            let inverted = reader.inverted_index(self.fields.words)?;
            let terms = inverted.terms();
            // Index words looked up whole: the word's synonym token, and the word itself when
            // it matches only exactly.
            let whole = word
                .synonym
                .iter()
                .map(|token| (token, Match::Synonym))
                .chain(exact_only.then_some((&word.text, Match::Exact)));
            for (key, matched) in whole {
                if let Some(term) = terms.get(key.as_bytes()).map_err(io)? {
                    let expansion = Expansion {
                        segment,
                        term,
                        matched,
                    };
                    found.push((key.clone(), expansion));
                }
            }
            if exact_only {
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
                    let term = stream.value().clone();
                    found.push((
                        key.to_string(),
                        Expansion {
                            segment,
                            term,
                            matched,
                        },
                    ));
                }
            }
        }
        let mut holding: std::collections::HashMap<&str, usize> = Default::default();
        for (key, e) in &found {
            *holding.entry(key.as_str()).or_default() += e.term.doc_freq as usize;
        }
        let is_stop = |key: &str| holding.get(key).is_some_and(|&n| n > self.threshold);
        let stop = is_stop(&word.text);
        let keep: Vec<bool> = found
            .iter()
            .map(|(key, e)| match stop {
                true => e.matched == Match::Exact,
                false => !is_stop(key),
            })
            .collect();
        let kept = found
            .into_iter()
            .zip(keep)
            .filter(|(_, keep)| *keep)
            .map(|((_, e), _)| e)
            .collect();
        Ok((kept, stop))
    }

    /// Which documents hold `word`, and how well (no positions read).
    pub fn word(&mut self, word: &QueryWord) -> Result<WordDocs, IndexError> {
        let (expansions, stop) = self.expand(word)?;
        let mut found = WordDocs {
            stop,
            docs: Vec::new(),
            best: vec![ABSENT; self.documents],
            expansions,
        };
        for e in 0..found.expansions.len() {
            let (segment, term, matched) = {
                let e = &found.expansions[e];
                (e.segment, e.term.clone(), e.matched)
            };
            let inverted =
                self.searcher.segment_readers()[segment].inverted_index(self.fields.words)?;
            let mut postings = inverted
                .read_postings_from_terminfo(&term, IndexRecordOption::Basic)
                .map_err(io)?;
            let value = matched.typos()
                | if matched == Match::Exact {
                    EXACT_BIT
                } else {
                    0
                };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let order = self.order(segment, doc);
                if let Some(best) = found.best.get_mut(order as usize) {
                    if *best == ABSENT {
                        found.docs.push(order);
                        *best = value;
                    } else {
                        let typos = (*best & !EXACT_BIT).min(value & !EXACT_BIT);
                        *best = typos | ((*best | value) & EXACT_BIT);
                    }
                }
                doc = postings.advance();
            }
        }
        Ok(found)
    }

    /// What each of `docs` holds of `word`: its first positions, or presence for a stop word.
    pub fn held(&self, word: &WordDocs, docs: &[u32]) -> Result<Vec<Held>, IndexError> {
        let mut held: Vec<Held> = docs
            .iter()
            .map(|&d| match (word.stop, word.best.get(d as usize)) {
                (true, Some(&b)) if b != ABSENT => Held::Present,
                _ => Held::Nothing,
            })
            .collect();
        if word.stop {
            return Ok(held);
        }
        let mut wanted: Vec<(DocAddress, usize)> = docs
            .iter()
            .enumerate()
            .filter(|(_, d)| word.best.get(**d as usize).is_some_and(|&b| b != ABSENT))
            .filter_map(|(i, &d)| self.address(d).map(|a| (a, i)))
            .collect();
        wanted.sort_unstable_by_key(|(a, _)| (a.segment_ord, a.doc_id));
        let mut positions = Vec::new();
        for e in &word.expansions {
            let inverted =
                self.searcher.segment_readers()[e.segment].inverted_index(self.fields.words)?;
            let mut postings = inverted
                .read_postings_from_terminfo(&e.term, IndexRecordOption::WithFreqsAndPositions)
                .map_err(io)?;
            for &(address, at) in wanted
                .iter()
                .filter(|(a, _)| a.segment_ord as usize == e.segment)
            {
                if postings.doc() > address.doc_id
                    || postings.seek(address.doc_id) != address.doc_id
                {
                    continue;
                }
                postings.positions(&mut positions);
                held[at].add(
                    positions
                        .iter()
                        .take(POSITIONS_KEPT)
                        .map(|&position| Occurrence {
                            position,
                            typos: e.matched.typos(),
                            exact: e.matched == Match::Exact,
                        }),
                );
            }
        }
        Ok(held)
    }

    /// The documents of a facet (`kind:code`).
    fn facet(&mut self, facet: &str) -> Result<HashSet<u32>, IndexError> {
        let term = Term::from_field_text(self.fields.facet, facet);
        let mut out = HashSet::new();
        for segment in 0..self.searcher.segment_readers().len() {
            let inverted =
                self.searcher.segment_readers()[segment].inverted_index(self.fields.facet)?;
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
    pub fn filter(&mut self, filter: &Filter) -> Result<HashSet<u32>, IndexError> {
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

    /// Every document (a query of filters only).
    pub fn all(&mut self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.documents);
        for segment in 0..self.searcher.segment_readers().len() {
            for doc in 0..self.searcher.segment_readers()[segment].max_doc() {
                out.push(self.order(segment, doc));
            }
        }
        out
    }
}
