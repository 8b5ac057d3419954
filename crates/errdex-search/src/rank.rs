//! The ranking: one specification, two engines.
//!
//! `errdex search` (tantivy, [`crate::query`]) and the site's in-page search
//! (`assets/site/search.js`) index the same documents ([`crate::docs`]) with the same words
//! ([`crate::text`]) and order hits by the same rules, written once here. tantivy stores the
//! words and their positions and finds the candidates; the site's script reads the same
//! positions from its own index files; both hand the positions to these rules.
//!
//! # Documents and attributes
//!
//! One document per thing a reader looks for: an error code (all its definitions behind it,
//! with their sources), a code that is only mentioned, an API operation, a field or parameter
//! (one document for every operation that documents it the same way: "`quota` — in 10
//! operations"), an enumeration value (likewise), a source page. A document's texts are filed
//! under five [`Attribute`]s, most important first: the code, the message, the description
//! and solution, the field/enum/operation name, the surrounding context (module, operations,
//! the prose a code is mentioned in). Each attribute's words are numbered from
//! `attribute × ATTRIBUTE_SPAN`, and its texts are [`VALUE_GAP`] positions apart, so a position
//! tells its attribute and words of two texts are never neighbours.
//!
//! # Matching
//!
//! A query word matches an index word ([`crate::text::word_match`]) exactly, by stem, as a
//! prefix (the last word only, three letters or more; counts as one typo), or within typos
//! (words of letters: one typo from 5 letters, two from 9; the first two letters must agree).
//! Words with digits (codes, statuses) and CJK words match exactly only. For each query word
//! and document, the first [`POSITIONS_KEPT`] positions of each matching index word count.
//!
//! A word in more than `max(MIN_STOP_DOCS, STOP_SHARE × documents)` documents is a stop word
//! (`the`, `is`, `of` in a large knowledge base): it is never reached by stem, prefix or typo,
//! only its presence is kept (not its positions), and it does not bring documents in when the
//! query has other words. It still counts for the words and exactness rules below.
//!
//! # The rules, in order
//!
//! Documents holding at least one query word (a stop word only when the query has nothing
//! else) are ranked by, in turn (a rule only decides between documents the rules before it
//! tie):
//!
//! 0. **live first**: a retired code or value (the documents dropped it, a build with a
//!    baseline kept it) comes after every live document; retired documents are the last in
//!    document order, so an engine knows them by number;
//! 1. **words**: how many of the query's words the document holds (more first); between equal
//!    counts, the rarer words first (the sum of each held word's rarity, `⌊log2(documents /
//!    documents holding the word)⌋`: Meilisearch's "frequency" matching strategy in spirit, so
//!    `secret` outweighs `it`);
//! 2. **typos**: the typos of those matches, each word at its best (fewer first); the rules
//!    after this one read each word where it is held at its best (its exact occurrences
//!    when it has any, not a synonym or a typo elsewhere in the document);
//! 3. **proximity**: for each two consecutive matched query words, how far apart they are in
//!    the same attribute: 0 for neighbours in order (an exact phrase), the gap otherwise, one
//!    more when in reverse order, at most [`PROXIMITY_CAP`] (also for words in different
//!    attributes); summed (smaller first);
//! 4. **attribute**: the sum of each matched word's most important attribute (code 0,
//!    message 1, description and solution 2, name 3, context 4; smaller first);
//! 5. **exactness**: how many words match in their exact form (more first), then whether the
//!    first matched query word starts an attribute;
//!
//! (typos, proximity, attribute and the start of an attribute read the positions of the words
//! that are not stop words);
//!
//! and last, document order: codes, then mentioned-only codes, operations, fields, enum values,
//! pages; within a kind, the document given by more sources (definitions, operations) first,
//! then knowledge-base order. So a definition outranks a mention of the same code, and a code's
//! exact query (`Ecs.0013`, `ecs0013`, `ECS-0013`: the code attribute holds its compact form and
//! its parts) ranks that code first.
//!
//! # Filters
//!
//! `"exact phrase"` keeps documents holding the phrase's words (exactly or by stem) at
//! consecutive positions of one attribute, `-word` (or `-"phrase"`) drops those that hold it,
//! `service:`, `status:` and `kind:` keep those of a service, an HTTP status or a kind (see
//! [`crate::parse`]). Phrase words also rank as words. Filters apply in the order written;
//! the first that leaves nothing is named in the answer.

use std::cmp::{Ordering, Reverse};

/// Where a word of a document was written, most important first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Attribute {
    /// The error code (its compact form and parts).
    Code = 0,
    /// The message (the stated meaning's first), an operation's title.
    Message = 1,
    /// Descriptions and solutions.
    Text = 2,
    /// A field, parameter, enum value, operation or page name.
    Name = 3,
    /// Surrounding context: module, operations, the prose a code is mentioned in, paths.
    Context = 4,
}

impl Attribute {
    /// Every attribute, in order.
    pub const ALL: [Attribute; 5] = [
        Attribute::Code,
        Attribute::Message,
        Attribute::Text,
        Attribute::Name,
        Attribute::Context,
    ];

    /// The attribute a position belongs to.
    pub fn of(position: u32) -> u32 {
        position / ATTRIBUTE_SPAN
    }

    /// The first position of this attribute.
    pub fn first_position(self) -> u32 {
        self as u32 * ATTRIBUTE_SPAN
    }
}

/// Positions per attribute; words past this many in one attribute are not indexed.
pub const ATTRIBUTE_SPAN: u32 = 4096;
/// Positions between two texts of one attribute.
pub const VALUE_GAP: u32 = 8;
/// Positions kept per index word and document.
pub const POSITIONS_KEPT: usize = 8;
/// The largest proximity cost of two words.
pub const PROXIMITY_CAP: u32 = 7;
/// A word is a stop word when in more documents than this…
pub const MIN_STOP_DOCS: usize = 1000;
/// …and than this share of all documents.
pub const STOP_SHARE: f64 = 0.2;

/// The document count above which a word is a stop word.
pub fn stop_threshold(documents: usize) -> usize {
    MIN_STOP_DOCS.max((documents as f64 * STOP_SHARE) as usize)
}

/// One place where a query word matched a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// Position (attribute × span + position in it).
    pub position: u32,
    /// Typos of the match (a prefix counts one).
    pub typos: u8,
    /// The index word is the query word itself.
    pub exact: bool,
}

/// How rare a word held by `holding` of `documents` documents is: `⌊log2(documents /
/// holding)⌋` in integers (0 for a word in no document).
pub fn rarity(documents: usize, holding: usize) -> u32 {
    match holding {
        0 => 0,
        n => (documents / n).max(1).ilog2(),
    }
}

/// What a document holds of one query word.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Held {
    /// Nothing.
    #[default]
    Nothing,
    /// A stop word: held, positions not kept.
    Present,
    /// These occurrences.
    At(Vec<Occurrence>),
}

impl Held {
    /// Adds occurrences (a stop word's presence stays presence).
    pub fn add(&mut self, more: impl IntoIterator<Item = Occurrence>) {
        match self {
            Held::At(list) => list.extend(more),
            Held::Nothing => {
                let list: Vec<Occurrence> = more.into_iter().collect();
                if !list.is_empty() {
                    *self = Held::At(list);
                }
            }
            Held::Present => {}
        }
    }

    /// The positions held without typos (`None` for a stop word: anywhere).
    pub fn exact_positions(&self) -> Option<Vec<u32>> {
        match self {
            Held::At(list) => Some(
                list.iter()
                    .filter(|o| o.typos == 0)
                    .map(|o| o.position)
                    .collect(),
            ),
            Held::Present => None,
            Held::Nothing => Some(Vec::new()),
        }
    }
}

/// The rank of a document: compare keys, smaller first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct RankKey {
    /// A retired code or value (kept by a build with a baseline): after every live document.
    pub retired: bool,
    /// Query words held.
    pub words: u32,
    /// Their rarity, summed.
    pub rarity: u32,
    /// Typos, summed.
    pub typos: u32,
    /// Proximity cost, summed.
    pub proximity: u32,
    /// Attribute ranks, summed.
    pub attribute: u32,
    /// Words held in their exact form.
    pub exact: u32,
    /// The first matched word starts an attribute.
    pub starts: bool,
    /// Document order.
    pub doc: u32,
}

impl Ord for RankKey {
    fn cmp(&self, other: &Self) -> Ordering {
        let key = |k: &RankKey| {
            (
                k.retired,
                Reverse(k.words),
                Reverse(k.rarity),
                k.typos,
                k.proximity,
                k.attribute,
                Reverse(k.exact),
                Reverse(k.starts),
                k.doc,
            )
        };
        key(self).cmp(&key(other))
    }
}

impl PartialOrd for RankKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The cost of word `b` following word `a` (rule 3).
pub fn proximity_cost(a: u32, b: u32) -> u32 {
    if Attribute::of(a) != Attribute::of(b) {
        return PROXIMITY_CAP;
    }
    let cost = if b > a { b - a - 1 } else { a - b + 1 };
    cost.min(PROXIMITY_CAP)
}

/// The rank key of document `doc` from what it holds of each query word, and each word's
/// [`rarity`].
pub fn rank_key(doc: u32, words: &[Held], rarities: &[u32]) -> RankKey {
    let mut key = RankKey {
        retired: false,
        words: 0,
        rarity: 0,
        typos: 0,
        proximity: 0,
        attribute: 0,
        exact: 0,
        starts: false,
        doc,
    };
    let mut placed: Vec<Vec<Occurrence>> = Vec::new();
    for (held, rarity) in words.iter().zip(rarities) {
        match held {
            Held::Nothing => continue,
            Held::Present => key.exact += 1,
            Held::At(occurrences) => {
                // A word is placed where it is held at its best: a synonym or a typo elsewhere
                // in the document does not bring it nearer the other words.
                let fewest = occurrences.iter().map(|o| o.typos).min().unwrap_or(0);
                let best: Vec<Occurrence> = occurrences
                    .iter()
                    .copied()
                    .filter(|o| o.typos == fewest)
                    .collect();
                key.typos += u32::from(fewest);
                key.attribute += best
                    .iter()
                    .map(|o| Attribute::of(o.position))
                    .min()
                    .unwrap_or(0);
                key.exact += u32::from(occurrences.iter().any(|o| o.exact));
                placed.push(best);
            }
        }
        key.words += 1;
        key.rarity += rarity;
    }
    for pair in placed.windows(2) {
        key.proximity += pair[0]
            .iter()
            .flat_map(|a| {
                pair[1]
                    .iter()
                    .map(|b| proximity_cost(a.position, b.position))
            })
            .min()
            .unwrap_or(PROXIMITY_CAP);
    }
    key.starts = placed
        .first()
        .is_some_and(|o| o.iter().any(|o| o.position % ATTRIBUTE_SPAN == 0));
    key
}

/// True when the phrase's words (one position list per word, in phrase order) stand at
/// consecutive positions somewhere. A `None` word (a stop word) may stand anywhere; a phrase of
/// stop words only always holds.
pub fn holds_phrase(words: &[Option<Vec<u32>>]) -> bool {
    let Some(anchor) = words.iter().position(Option::is_some) else {
        return true;
    };
    let known: Vec<(u32, &Vec<u32>)> = words
        .iter()
        .enumerate()
        .filter_map(|(i, w)| w.as_ref().map(|w| ((i - anchor) as u32, w)))
        .collect();
    known[0].1.iter().any(|&start| {
        known[1..]
            .iter()
            .all(|(offset, positions)| positions.contains(&(start + offset)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MESSAGE: u32 = ATTRIBUTE_SPAN;
    const TEXT: u32 = 2 * ATTRIBUTE_SPAN;
    const NAME: u32 = 3 * ATTRIBUTE_SPAN;

    fn at(position: u32) -> Occurrence {
        Occurrence {
            position,
            typos: 0,
            exact: true,
        }
    }

    /// The key of occurrence lists (empty: not held), every word of rarity 0.
    fn key(doc: u32, words: &[Vec<Occurrence>]) -> RankKey {
        let held: Vec<Held> = words
            .iter()
            .map(|w| match w.is_empty() {
                true => Held::Nothing,
                false => Held::At(w.clone()),
            })
            .collect();
        rank_key(doc, &held, &vec![0; words.len()])
    }

    fn ranked(mut keys: Vec<RankKey>) -> Vec<u32> {
        keys.sort();
        keys.into_iter().map(|k| k.doc).collect()
    }

    #[test]
    fn more_words_first_then_fewer_typos() {
        let all = key(2, &[vec![at(NAME)], vec![at(NAME + 9)]]);
        let one = key(0, &[vec![at(0)], vec![]]);
        let typo = key(
            1,
            &[
                vec![at(NAME)],
                vec![Occurrence {
                    position: NAME + 1,
                    typos: 1,
                    exact: false,
                }],
            ],
        );
        assert_eq!(ranked(vec![one, typo, all]), [2, 1, 0]);
    }

    #[test]
    fn phrase_order_beats_scattered_words_and_attributes_break_ties() {
        // "insufficient eip quota"
        let phrase = key(
            5,
            &[
                vec![at(MESSAGE)],
                vec![at(MESSAGE + 1)],
                vec![at(MESSAGE + 2)],
            ],
        );
        let scattered = key(1, &[vec![at(MESSAGE + 4)], vec![at(TEXT)], vec![at(NAME)]]);
        let reversed = key(
            0,
            &[
                vec![at(MESSAGE + 2)],
                vec![at(MESSAGE + 1)],
                vec![at(MESSAGE)],
            ],
        );
        assert_eq!(phrase.proximity, 0);
        assert_eq!(reversed.proximity, 4);
        assert_eq!(scattered.proximity, 2 * PROXIMITY_CAP);
        assert_eq!(ranked(vec![scattered, reversed, phrase]), [5, 0, 1]);
        let in_name = key(0, &[vec![at(NAME)]]);
        let in_message = key(9, &[vec![at(MESSAGE + 3)]]);
        assert_eq!(ranked(vec![in_name, in_message]), [9, 0]);
    }

    #[test]
    fn exact_forms_then_attribute_starts_then_document_order() {
        let stem = key(
            0,
            &[vec![Occurrence {
                position: MESSAGE,
                typos: 0,
                exact: false,
            }]],
        );
        let exact_later = key(3, &[vec![at(MESSAGE + 2)]]);
        let exact_first = key(7, &[vec![at(MESSAGE)]]);
        let exact_first_too = key(6, &[vec![at(MESSAGE)]]);
        assert_eq!(
            ranked(vec![stem, exact_later, exact_first, exact_first_too]),
            [6, 7, 3, 0]
        );
    }

    #[test]
    fn proximity_is_capped_and_counts_attributes_apart() {
        assert_eq!(proximity_cost(MESSAGE, MESSAGE + 1), 0);
        assert_eq!(proximity_cost(MESSAGE + 1, MESSAGE), 2);
        assert_eq!(proximity_cost(MESSAGE, MESSAGE + 100), PROXIMITY_CAP);
        assert_eq!(proximity_cost(MESSAGE, TEXT), PROXIMITY_CAP);
        assert_eq!(proximity_cost(0, 0), 1);
    }

    #[test]
    fn phrases_need_consecutive_positions() {
        let some = |p: &[u32]| Some(p.to_vec());
        assert!(holds_phrase(&[
            some(&[3, 10]),
            some(&[11]),
            some(&[12, 40])
        ]));
        assert!(!holds_phrase(&[some(&[3, 10]), some(&[12]), some(&[13])]));
        assert!(holds_phrase(&[some(&[5])]));
        assert!(!holds_phrase(&[some(&[])]));
        assert!(
            holds_phrase(&[some(&[4]), None, some(&[6, 9])]),
            "stop word between"
        );
        assert!(!holds_phrase(&[some(&[4]), None, some(&[5])]));
        assert!(holds_phrase(&[None, None]));
    }

    #[test]
    fn rarer_words_break_ties_between_equal_counts_and_stop_words_count_by_presence() {
        assert_eq!(rarity(22_958, 12_679), 0);
        assert_eq!(rarity(22_958, 30), 9);
        assert_eq!(rarity(10, 0), 0);
        assert_eq!(stop_threshold(10), MIN_STOP_DOCS);
        assert_eq!(stop_threshold(100_000), 20_000);
        let rarities = [9, 2, 0];
        let held = |a: bool, b: bool, stop: bool| {
            vec![
                if a {
                    Held::At(vec![at(MESSAGE)])
                } else {
                    Held::Nothing
                },
                if b {
                    Held::At(vec![at(MESSAGE + 1)])
                } else {
                    Held::Nothing
                },
                if stop { Held::Present } else { Held::Nothing },
            ]
        };
        let rare = rank_key(3, &held(true, false, false), &rarities);
        let common = rank_key(1, &held(false, true, false), &rarities);
        let common_and_stop = rank_key(2, &held(false, true, true), &rarities);
        assert_eq!(ranked(vec![common, rare, common_and_stop]), [2, 3, 1]);
        assert_eq!(
            common_and_stop.exact, 2,
            "a stop word is held in its exact form"
        );
        assert_eq!(common_and_stop.proximity, 0, "no positions for a stop word");
    }

    #[test]
    fn held_words_gather_occurrences() {
        let mut held = Held::Nothing;
        held.add([]);
        assert_eq!(held, Held::Nothing);
        held.add([at(MESSAGE), at(TEXT)]);
        assert_eq!(held.exact_positions(), Some(vec![MESSAGE, TEXT]));
        let mut stop = Held::Present;
        stop.add([at(MESSAGE)]);
        assert_eq!(stop.exact_positions(), None);
    }
}
