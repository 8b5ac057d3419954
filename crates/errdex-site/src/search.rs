//! The site's own search index, written at build time, read by `assets/site/search.js`.
//!
//! The same documents, words and positions as `errdex search`'s tantivy index
//! ([`errdex_search::docs`], [`errdex_search::text`]), ranked in the page by the same rules
//! ([`errdex_search::rank`]); `tests/search_engines.rs` runs the script in Node and compares
//! its hits with the command's.
//!
//! Not tantivy: a browser opening the site from `file://` can load scripts but cannot `fetch`
//! files, so every index file is a small script that hands its data to
//! `errdexIndex(name, data)`. Steps:
//! 1. Each document's words with their first [`POSITIONS_KEPT`] positions; a stop word keeps
//!    only which documents hold it, as a bitmap (the ranking reads no positions of it).
//! 2. Postings (`[doc gap, n, first position, position gaps…]`) and the facets
//!    (`service:ecs`, `status:409`: document gaps) are grouped into shards by the first two
//!    characters of the word (the first for CJK) hashed with FNV-1a, so a query loads one shard
//!    per word and a word's stems, prefixes and near misses (typos keep the first two letters)
//!    are in the shard it loads. The shard count grows with the index so no shard is much
//!    larger than [`TARGET_SHARD_BYTES`]. Kinds are ranges of document numbers, in `meta`.
//! 3. What a hit shows (address, name, kind, snippet, context, count, service) goes into
//!    chunks of [`DOCS_PER_CHUNK`] documents; a query loads only the chunks of the hits it shows.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use errdex_search::docs::{DocKind, SearchDoc};
use errdex_search::rank::{POSITIONS_KEPT, stop_threshold};
use errdex_search::synonyms::{VOCABULARY, Vocabulary};

/// Documents per document chunk.
pub const DOCS_PER_CHUNK: usize = 32;

/// The size a token shard aims at.
pub const TARGET_SHARD_BYTES: usize = 48 * 1024;

/// Version of the index files (2: the shared documents, positions and ranking; 3: synonym
/// tokens, and the vocabulary in `meta`).
const INDEX_VERSION: u32 = 3;

/// A document with the address the site gives it.
pub struct SiteDoc<'a> {
    /// The search document.
    pub doc: &'a SearchDoc,
    /// Address relative to the site root (may carry a `#fragment`; empty when it has no page).
    pub url: String,
}

/// The characters that choose a token's shard: the first for CJK, else the first two.
fn shard_key(token: &str) -> String {
    let mut chars = token.chars();
    match chars.next() {
        Some(first) if errdex_core::shapes::is_cjk(first) => first.to_string(),
        Some(first) => std::iter::once(first).chain(chars.next()).collect(),
        None => String::new(),
    }
}

/// FNV-1a over the key's code points (the same sum `search.js` computes).
fn shard_of(token: &str, shards: u32) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for c in shard_key(token).chars() {
        hash ^= u32::from(c);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % shards.max(1)
}

/// One word's postings: (document, its first positions), in document order.
type Postings = Vec<(u32, Vec<u32>)>;

fn encode_postings(postings: &Postings) -> Vec<u32> {
    let mut flat = Vec::new();
    let mut previous_doc = 0;
    for (doc, positions) in postings {
        flat.push(doc - previous_doc);
        flat.push(positions.len() as u32);
        let mut previous = 0;
        for &p in positions {
            flat.push(p - previous);
            previous = p;
        }
        previous_doc = *doc;
    }
    flat
}

/// The documents as a bitmap (bit `d % 8` of byte `d / 8`) in base64.
fn bitmap(docs: &[u32], total: usize) -> String {
    let mut bytes = vec![0u8; total.div_ceil(8)];
    for &d in docs {
        bytes[d as usize / 8] |= 1 << (d % 8);
    }
    base64(&bytes)
}

/// Standard base64 with padding (what the browser's `atob` reads).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn encode_docs(docs: &[u32]) -> Vec<u32> {
    let mut previous = 0;
    docs.iter()
        .map(|&d| {
            let gap = d - previous;
            previous = d;
            gap
        })
        .collect()
}

/// One shard file's data.
#[derive(Debug, Default, Serialize)]
struct Shard {
    /// Word → postings.
    w: BTreeMap<String, Vec<u32>>,
    /// Stop word → how many documents hold it.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    s: BTreeMap<String, usize>,
    /// Stop word → the documents holding it, as a base64 bitmap (bit `d % 8` of byte `d / 8`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    b: BTreeMap<String, String>,
    /// Facet → document gaps.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    f: BTreeMap<String, Vec<u32>>,
}

/// The index description every page loads first.
#[derive(Debug, Serialize)]
struct Meta {
    version: u32,
    docs: usize,
    shards: u32,
    chunk: usize,
    /// A word in more documents than this is a stop word.
    stop: usize,
    /// Kind → [first document, end) (documents are in kind order).
    kinds: BTreeMap<&'static str, (usize, usize)>,
    /// The synonyms both engines read ([`errdex_search::synonyms`]).
    synonyms: &'static Vocabulary,
}

/// Every word's postings, facets and kind ranges of the documents.
fn postings_of(docs: &[SiteDoc<'_>]) -> (BTreeMap<String, Postings>, BTreeMap<String, Vec<u32>>) {
    let mut words: BTreeMap<String, Postings> = BTreeMap::new();
    let mut facets: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (id, site_doc) in (0u32..).zip(docs) {
        let mut positions: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for word in site_doc.doc.words() {
            positions.entry(word.text).or_default().push(word.position);
        }
        for (word, mut list) in positions {
            list.sort_unstable();
            list.truncate(POSITIONS_KEPT);
            words.entry(word).or_default().push((id, list));
        }
        for facet in site_doc.doc.facets() {
            if !facet.starts_with("kind:") {
                facets.entry(facet).or_default().push(id);
            }
        }
    }
    (words, facets)
}

/// The index files: path under the site root → content.
pub fn index_files(docs: &[SiteDoc<'_>]) -> Vec<(String, String)> {
    let (words, facets) = postings_of(docs);
    let stop_at = stop_threshold(docs.len());
    let mut stops: Vec<(String, usize, String)> = Vec::new();
    let mut encoded: Vec<(String, Vec<u32>)> = Vec::new();
    for (word, postings) in words {
        if postings.len() > stop_at {
            let held: Vec<u32> = postings.iter().map(|(d, _)| *d).collect();
            stops.push((word, held.len(), bitmap(&held, docs.len())));
        } else {
            encoded.push((word, encode_postings(&postings)));
        }
    }
    let facets: Vec<(String, Vec<u32>)> = facets
        .into_iter()
        .map(|(facet, ids)| (facet, encode_docs(&ids)))
        .collect();
    let approximate_bytes: usize = encoded
        .iter()
        .chain(&facets)
        .map(|(t, p)| t.len() + 4 + p.len() * 3)
        .sum::<usize>()
        + stops.iter().map(|(_, _, b)| b.len()).sum::<usize>();
    let shard_count = (approximate_bytes / TARGET_SHARD_BYTES + 1).next_power_of_two() as u32;
    let mut shards: Vec<Shard> = (0..shard_count).map(|_| Shard::default()).collect();
    for (word, list) in encoded {
        shards[shard_of(&word, shard_count) as usize]
            .w
            .insert(word, list);
    }
    for (word, count, held) in stops {
        let shard = &mut shards[shard_of(&word, shard_count) as usize];
        shard.s.insert(word.clone(), count);
        shard.b.insert(word, held);
    }
    for (facet, list) in facets {
        shards[shard_of(&facet, shard_count) as usize]
            .f
            .insert(facet, list);
    }
    let mut kinds = BTreeMap::new();
    for kind in DocKind::ALL {
        let first = docs.iter().position(|d| d.doc.view.kind == kind);
        let end = docs.iter().rposition(|d| d.doc.view.kind == kind);
        if let (Some(first), Some(end)) = (first, end) {
            kinds.insert(kind.as_str(), (first, end + 1));
        }
    }
    let meta = Meta {
        version: INDEX_VERSION,
        docs: docs.len(),
        shards: shard_count,
        chunk: DOCS_PER_CHUNK,
        stop: stop_at,
        kinds,
        synonyms: &VOCABULARY,
    };
    let mut files = vec![("search/meta.js".to_string(), script("meta", &meta))];
    for (i, shard) in shards.iter().enumerate() {
        files.push((format!("search/t/{i}.js"), script(&format!("t/{i}"), shard)));
    }
    for (i, chunk) in docs.chunks(DOCS_PER_CHUNK).enumerate() {
        let rows: Vec<(&str, &str, &str, &str, &str, usize, &str)> = chunk
            .iter()
            .map(|d| {
                let view = &d.doc.view;
                (
                    d.url.as_str(),
                    view.name.as_str(),
                    view.kind.as_str(),
                    view.snippet.as_str(),
                    view.title.as_deref().unwrap_or_default(),
                    view.count,
                    view.service.as_deref().unwrap_or_default(),
                )
            })
            .collect();
        files.push((format!("search/d/{i}.js"), script(&format!("d/{i}"), &rows)));
    }
    files
}

/// A script that registers one index file. JSON is valid JavaScript; `<` is escaped as well
/// so the data could even sit inside a page without ending its script element.
fn script(name: &str, data: &impl Serialize) -> String {
    let json = serde_json::to_string(data).unwrap_or_else(|_| "null".to_string());
    let mut out = String::with_capacity(json.len() + 32);
    let _ = write!(out, "errdexIndex({},", serde_json::Value::from(name));
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out.push_str(");\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use errdex_core::kb::KnowledgeBase;
    use errdex_search::docs::search_docs;
    use errdex_search::rank::{ATTRIBUTE_SPAN, MIN_STOP_DOCS};

    fn kb(codes: usize, message: &str) -> KnowledgeBase {
        errdex_synth::codes_only(
            (0..codes).map(|i| (format!("CSS.{i:04}"), Some(400), message.to_string())),
        )
    }

    fn files_of(kb: &KnowledgeBase) -> Vec<(String, String)> {
        let docs = search_docs(kb);
        let site: Vec<SiteDoc<'_>> = docs
            .iter()
            .map(|doc| SiteDoc {
                doc,
                url: format!("codes/{}.html", doc.view.name),
            })
            .collect();
        index_files(&site)
    }

    fn shards(files: &[(String, String)]) -> String {
        files
            .iter()
            .filter(|(p, _)| p.starts_with("search/t/"))
            .map(|(_, c)| c.as_str())
            .collect()
    }

    #[test]
    fn shards_group_tokens_by_their_first_characters() {
        assert_eq!(shard_key("failed"), "fa");
        assert_eq!(shard_key("失败"), "失");
        assert_eq!(shard_of("fail", 16), shard_of("failed", 16));
        assert_eq!(shard_of("x", 1), 0);
    }

    #[test]
    fn index_registers_meta_shards_facets_and_chunks() {
        let files = files_of(&kb(2, "Snapshot </script> 失败"));
        assert_eq!(files[0].0, "search/meta.js");
        assert!(
            files[0].1.starts_with(
                "errdexIndex(\"meta\",{\"version\":3,\"docs\":2,\"shards\":1,\"chunk\":32,\
                 \"stop\":1000,\"kinds\":{\"code\":[0,2]},\"synonyms\":{\"words\":{"
            ),
            "{}",
            files[0].1
        );
        assert!(files[0].1.contains("[[\"elastic\",\"ip\"],[\"~eip\"]]"));
        let shard = &files[1].1;
        let m = ATTRIBUTE_SPAN;
        assert!(shard.contains("\"css0001\":[1,1,0]"), "{shard}");
        assert!(
            shard.contains(&format!("\"snapshot\":[0,1,{m},1,1,{m}]")),
            "{shard}"
        );
        assert!(shard.contains("\"失败\":[0,1,"), "{shard}");
        assert!(shard.contains("\"service:css\":[0,1]"), "{shard}");
        let chunk = &files[2].1;
        assert!(chunk.contains("\\u003c/script>"), "{chunk}");
        assert!(!chunk.contains("</script>"));
    }

    #[test]
    fn words_in_most_documents_keep_their_count_and_a_bitmap() {
        let files = files_of(&kb(MIN_STOP_DOCS + 1, "common words"));
        let shards = shards(&files);
        assert!(shards.contains(&format!("\"common\":{}", MIN_STOP_DOCS + 1)));
        assert!(
            !shards.contains("\"common\":["),
            "no postings for a stop word"
        );
        let bits = shards
            .split("\"common\":\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a bitmap");
        assert_eq!(bits.len(), (MIN_STOP_DOCS + 1).div_ceil(8).div_ceil(3) * 4);
        assert!(bits.starts_with("////"), "{bits}");
    }

    #[test]
    fn bitmaps_are_base64() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
        assert_eq!(bitmap(&[0, 9], 16), base64(&[1, 2]));
    }

    #[test]
    fn postings_are_gap_encoded() {
        assert_eq!(
            encode_postings(&vec![(3, vec![5, 9]), (7, vec![2])]),
            [3, 2, 5, 4, 4, 1, 2]
        );
        assert_eq!(encode_docs(&[2, 5, 6]), [2, 3, 1]);
    }
}
