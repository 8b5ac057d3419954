//! The site's own search index, written at build time, read by `assets/site/search.js`.
//!
//! Not tantivy: a browser opening the site from `file://` can load scripts but cannot `fetch`
//! files, so every index file is a small script that hands its data to
//! `errdexIndex(name, data)`. Steps:
//! 1. One search document per page worth finding: codes, operations, enumerations, sources.
//! 2. Tokens: lower-cased words; CJK runs as single characters and pairs of neighbours, so
//!    `失败` is found inside `创建失败`; each code also as its compact form (`css6007`).
//! 3. Postings are grouped into shards by the token's first two characters (first one for
//!    CJK) hashed with FNV-1a, so a query loads one shard per word and a word's prefixes and
//!    near misses (typos) are in the shard it loads. The shard count grows with the index so
//!    no shard is much larger than [`TARGET_SHARD_BYTES`].
//! 4. Documents (address, title, kind, snippet) go into chunks of [`DOCS_PER_CHUNK`]; a query
//!    loads only the chunks of the hits it shows.
//!
//! The tokenizer here and the one in `search.js` must agree; `tests/site_search.rs` runs the
//! script in Node against an index written here.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

/// Documents per document chunk.
pub const DOCS_PER_CHUNK: usize = 32;

/// A token in more documents than this share of all (and than [`MIN_STOP_DOCS`]) is a stop
/// word: its postings would be the largest part of its shard and it tells few documents apart,
/// so only its heaviest postings and its document count are kept; queries do not require it.
const STOP_SHARE: f64 = 0.05;

/// The fewest documents a stop word is in (small sites have none).
const MIN_STOP_DOCS: usize = 1000;

/// Postings kept for a stop word: its heaviest documents, so a query of stop words alone
/// still lists something.
const STOP_POSTINGS_KEPT: usize = 200;

/// The size a token shard aims at.
pub const TARGET_SHARD_BYTES: usize = 48 * 1024;

/// The longest word indexed, in characters.
const MAX_WORD_CHARS: usize = 40;

/// The longest snippet kept per document, in characters.
const MAX_SNIPPET_CHARS: usize = 160;

/// Weight of a token in a document's title, per occurrence (body words weigh 1).
const TITLE_WEIGHT: u32 = 8;

/// Cap on a token's weight in one document.
const MAX_WEIGHT: u32 = 60;

/// What a search document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// An error code page.
    Code,
    /// An API operation page.
    Operation,
    /// An enumeration (on its operation's or service's page).
    Enumeration,
    /// A source document page.
    Source,
}

impl DocKind {
    fn label(self) -> &'static str {
        match self {
            DocKind::Code => "code",
            DocKind::Operation => "operation",
            DocKind::Enumeration => "values",
            DocKind::Source => "source",
        }
    }
}

/// One thing search can find.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    /// What it is.
    pub kind: DocKind,
    /// Address relative to the site root (may carry a `#fragment`).
    pub url: String,
    /// Shown as the hit's link text; its words weigh more.
    pub title: String,
    /// The error code, for code pages: indexed in compact form for exact look-ups.
    pub code: Option<String>,
    /// Words that find it, shown cut short under the title.
    pub text: String,
}

/// Whether a character is written without spaces between words (Han, kana, Hangul).
pub fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xAC00..=0xD7AF | 0x20000..=0x2FFFF)
}

/// The tokens of a text, in order, with repeats: words lower-cased, CJK runs as characters
/// and neighbour pairs.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut cjk: Vec<char> = Vec::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if is_cjk(c) {
            flush_word(&mut word, &mut out);
            cjk.push(c);
        } else if c.is_alphanumeric() {
            flush_cjk(&mut cjk, &mut out);
            word.extend(c.to_lowercase());
        } else {
            flush_word(&mut word, &mut out);
            flush_cjk(&mut cjk, &mut out);
        }
    }
    out
}

fn flush_word(word: &mut String, out: &mut Vec<String>) {
    if !word.is_empty() && word.chars().count() <= MAX_WORD_CHARS {
        out.push(std::mem::take(word));
    }
    word.clear();
}

fn flush_cjk(run: &mut Vec<char>, out: &mut Vec<String>) {
    for (i, c) in run.iter().enumerate() {
        out.push(c.to_string());
        if let Some(next) = run.get(i + 1) {
            out.push([*c, *next].iter().collect());
        }
    }
    run.clear();
}

/// The compact, lower-case form of a code (`CSS.6007` → `css6007`).
pub fn compact_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The characters that choose a token's shard: the first for CJK, else the first two.
fn shard_key(token: &str) -> String {
    let mut chars = token.chars();
    match chars.next() {
        Some(first) if is_cjk(first) => first.to_string(),
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

/// One token's postings: `[doc, weight, doc, weight, …]` with doc ids as gaps.
#[derive(Debug, Default, Clone)]
struct Postings {
    list: Vec<(u32, u32)>,
}

impl Postings {
    fn add(&mut self, doc: u32, weight: u32) {
        match self.list.last_mut() {
            Some((last, w)) if *last == doc => *w = (*w + weight).min(MAX_WEIGHT),
            _ => self.list.push((doc, weight.min(MAX_WEIGHT))),
        }
    }

    /// The `n` heaviest postings (ties: lower doc id), in doc order.
    fn heaviest(&self, n: usize) -> Postings {
        let mut list = self.list.clone();
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        list.truncate(n);
        list.sort_unstable();
        Postings { list }
    }

    fn encoded(&self) -> Vec<u32> {
        let mut previous = 0;
        let mut flat = Vec::with_capacity(self.list.len() * 2);
        for (doc, weight) in &self.list {
            flat.push(doc - previous);
            flat.push(*weight);
            previous = *doc;
        }
        flat
    }
}

/// One shard file's data.
#[derive(Debug, Default, Serialize)]
struct Shard {
    /// Token → gap-encoded postings.
    w: BTreeMap<String, Vec<u32>>,
    /// Compact code → document ids of the codes written that way.
    c: BTreeMap<String, Vec<u32>>,
    /// Stop words → how many documents hold them.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    s: BTreeMap<String, usize>,
}

/// The index description every page loads first.
#[derive(Debug, Serialize)]
struct Meta {
    version: u32,
    docs: usize,
    shards: u32,
    chunk: usize,
}

/// The index files: path under the site root → content.
pub fn index_files(docs: &[SearchDoc]) -> Vec<(String, String)> {
    let mut postings: BTreeMap<String, Postings> = BTreeMap::new();
    let mut codes: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (id, doc) in (0u32..).zip(docs) {
        for token in tokens(&doc.title) {
            postings.entry(token).or_default().add(id, TITLE_WEIGHT);
        }
        for token in tokens(&doc.text) {
            postings.entry(token).or_default().add(id, 1);
        }
        if let Some(code) = &doc.code {
            let compact = compact_code(code);
            if !compact.is_empty() {
                codes.entry(compact).or_default().push(id);
            }
        }
    }
    let stop_at = MIN_STOP_DOCS.max((docs.len() as f64 * STOP_SHARE) as usize);
    let (stop, kept): (Vec<_>, Vec<_>) = postings
        .into_iter()
        .partition(|(_, p)| p.list.len() > stop_at);
    let stop_counts: Vec<(String, usize)> = stop
        .iter()
        .map(|(t, p)| (t.clone(), p.list.len()))
        .collect();
    let encoded: Vec<(String, Vec<u32>)> = kept
        .into_iter()
        .chain(
            stop.into_iter()
                .map(|(t, p)| (t, p.heaviest(STOP_POSTINGS_KEPT))),
        )
        .map(|(token, p)| (token, p.encoded()))
        .collect();
    let approximate_bytes: usize = encoded
        .iter()
        .map(|(t, p)| t.len() + 4 + p.len() * 4)
        .sum::<usize>()
        + codes.keys().map(|c| c.len() + 8).sum::<usize>();
    let shard_count = (approximate_bytes / TARGET_SHARD_BYTES + 1).next_power_of_two() as u32;
    let mut shards: Vec<Shard> = (0..shard_count).map(|_| Shard::default()).collect();
    for (token, list) in encoded {
        let shard = shard_of(&token, shard_count) as usize;
        shards[shard].w.insert(token, list);
    }
    for (token, count) in stop_counts {
        let shard = shard_of(&token, shard_count) as usize;
        shards[shard].s.insert(token, count);
    }
    for (compact, ids) in codes {
        let shard = shard_of(&compact, shard_count) as usize;
        shards[shard].c.insert(compact, ids);
    }
    let mut files = Vec::new();
    let meta = Meta {
        version: 1,
        docs: docs.len(),
        shards: shard_count,
        chunk: DOCS_PER_CHUNK,
    };
    files.push(("search/meta.js".to_string(), script("meta", &meta)));
    for (i, shard) in shards.iter().enumerate() {
        files.push((format!("search/t/{i}.js"), script(&format!("t/{i}"), shard)));
    }
    for (i, chunk) in docs.chunks(DOCS_PER_CHUNK).enumerate() {
        let rows: Vec<(&str, &str, &str, String)> = chunk
            .iter()
            .map(|d| {
                (
                    d.url.as_str(),
                    d.title.as_str(),
                    d.kind.label(),
                    snippet(&d.text),
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

/// The start of a text, whitespace collapsed, cut at a character boundary.
fn snippet(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut cut: String = collapsed.chars().take(MAX_SNIPPET_CHARS).collect();
    if cut.len() < collapsed.len() {
        cut.push('…');
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, code: Option<&str>, text: &str) -> SearchDoc {
        SearchDoc {
            kind: DocKind::Code,
            url: format!("codes/{title}.html"),
            title: title.to_string(),
            code: code.map(str::to_string),
            text: text.to_string(),
        }
    }

    #[test]
    fn words_are_lowercased_and_cjk_is_split_into_pairs() {
        assert_eq!(tokens("CSS.6007 Failed"), ["css", "6007", "failed"]);
        assert_eq!(
            tokens("创建失败x"),
            ["创", "创建", "建", "建失", "失", "失败", "败", "x"]
        );
        assert!(tokens(&"a".repeat(MAX_WORD_CHARS + 1)).is_empty());
        assert!(tokens("  ,.;  ").is_empty());
    }

    #[test]
    fn shards_group_tokens_by_their_first_characters() {
        assert_eq!(shard_key("failed"), "fa");
        assert_eq!(shard_key("失败"), "失");
        assert_eq!(shard_of("fail", 16), shard_of("failed", 16));
        assert_eq!(shard_of("x", 1), 0);
    }

    #[test]
    fn index_registers_meta_shards_and_chunks() {
        let docs = vec![
            doc("CSS.6007", Some("CSS.6007"), "Snapshot </script> failed"),
            doc("ECS.0001", Some("ECS.0001"), "创建失败"),
        ];
        let files = index_files(&docs);
        let meta = &files[0];
        assert_eq!(meta.0, "search/meta.js");
        assert_eq!(
            meta.1,
            "errdexIndex(\"meta\",{\"version\":1,\"docs\":2,\"shards\":1,\"chunk\":32});\n"
        );
        let shard = &files[1].1;
        assert!(shard.contains("\"css6007\":[0]"), "{shard}");
        assert!(shard.contains("\"失败\":[1,1]"), "{shard}");
        let chunk = &files[2].1;
        assert!(chunk.contains("\\u003c/script>"), "{chunk}");
        assert!(!chunk.contains("</script>"));
    }

    #[test]
    fn tokens_in_most_documents_become_stop_words() {
        let docs: Vec<SearchDoc> = (0..MIN_STOP_DOCS + 1)
            .map(|i| doc(&format!("C.{i}"), None, "common words"))
            .collect();
        let files = index_files(&docs);
        let shards: String = files
            .iter()
            .filter(|(p, _)| p.starts_with("search/t/"))
            .map(|(_, c)| c.as_str())
            .collect();
        assert!(shards.contains(&format!("\"common\":{}", MIN_STOP_DOCS + 1)));
        let kept = shards
            .split("\"common\":[")
            .nth(1)
            .and_then(|rest| rest.split(']').next())
            .map(|list| list.split(',').count());
        assert_eq!(
            kept,
            Some(STOP_POSTINGS_KEPT * 2),
            "only the heaviest postings"
        );
    }

    #[test]
    fn postings_are_gap_encoded_and_capped() {
        let mut p = Postings::default();
        p.add(3, 50);
        p.add(3, 50);
        p.add(7, 1);
        assert_eq!(p.encoded(), [3, MAX_WEIGHT, 4, 1]);
    }

    #[test]
    fn snippets_are_cut_at_characters() {
        let long = "失".repeat(MAX_SNIPPET_CHARS + 5);
        let cut = snippet(&long);
        assert_eq!(cut.chars().count(), MAX_SNIPPET_CHARS + 1);
        assert_eq!(snippet(" a \n b "), "a b");
    }
}
