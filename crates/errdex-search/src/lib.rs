//! The search index: `kb.json` → tantivy index in `generated/index/`, and the queries over it.
//!
//! Steps:
//! 1. [`docs`] turns the knowledge base into search documents (a pure function shared with the
//!    site's in-page search): one per code, operation, field, enum value and page, with their
//!    words ([`text`]) at the positions the ranking reads ([`rank`], which writes the ranking
//!    down once for both engines).
//! 2. [`build_into`] writes them into a fresh tantivy index (schema in [`schema`]) and stamps
//!    it with the SHA-256 of the `kb.json` it was built from.
//! 3. [`add_to_outputs`] runs during `errdex build`: when the stamp of the existing index does
//!    not match the new `kb.json`, the index is built in a temporary folder and its files join
//!    the output set, so it is swapped in atomically with everything else.
//! 4. [`SearchIndex::open_or_build`] serves `search` and `explain`: it opens the index when its
//!    stamp matches `kb.json`, and otherwise (fresh clone, changed knowledge base) builds it in a
//!    sibling temporary folder and renames it into place, so a failed build never leaves a
//!    half-written index.
//! 5. [`query`] answers searches in the query language of [`parse`] (planned by [`plan`]);
//!    near words and codes when nothing is found.
//!
//! tantivy indexes are not byte-reproducible (random segment ids), so the index is never
//! committed; `kb.json` is the source of truth.

pub mod docs;
pub mod parse;
pub mod plan;
pub mod query;
pub mod rank;
mod reader;
pub mod schema;
mod suggest;
pub mod synonyms;
pub mod text;

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::tokenizer::{PreTokenizedString, Token};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use errdex_core::emit::Outputs;
use errdex_core::explain::{ExplainContext, Explanation, Lookup};
use errdex_core::kb::{KnowledgeBase, canonical_code};
use errdex_core::shapes::sha256_hex;
pub use query::{EmptiedBy, Hit, SearchRequest, SearchResults, Snippet};
use schema::Fields;

/// The knowledge base file inside a `--kb` folder.
pub const KB_FILE: &str = "kb.json";
/// The index folder inside a `--kb` folder.
pub const INDEX_DIR: &str = "index";
/// The stamp file inside the index folder.
const STAMP_FILE: &str = "errdex-stamp.json";
/// The synonyms the index was built with, inside the index folder ([`synonyms::Vocabulary`]).
const SYNONYMS_FILE: &str = "errdex-synonyms.json";
/// Memory budget of the index writer (one thread, so one segment for typical knowledge bases).
const WRITER_MEMORY: usize = 120_000_000;
/// How many nearest codes an unknown code suggests.
const NEAREST_CODES: usize = 5;

/// Errors of the search index.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IndexError {
    /// There is no `kb.json` to search.
    #[error("no knowledge base at {}; run `errdex build` first", path.display())]
    MissingKb {
        /// The file looked for.
        path: PathBuf,
    },
    /// `kb.json` could not be read or parsed.
    #[error("cannot read knowledge base {}: {message}", path.display())]
    ReadKb {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// A file or folder of the index could not be read or written.
    #[error("search index {}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// tantivy failed.
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The query has no words, phrase or filter.
    #[error(
        "nothing to search for: give words, a \"phrase\", a code or a filter (service:ecs, status:409, kind:code)"
    )]
    EmptyQuery,
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> IndexError + '_ {
    move |source| IndexError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What the index was built from, kept beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    /// [`schema::FORMAT_VERSION`] of the index.
    format: u32,
    /// SHA-256 of the `kb.json` bytes.
    kb_sha256: String,
    /// Length of `kb.json`, for the quick check.
    kb_len: u64,
    /// Modification time of `kb.json` in nanoseconds, for the quick check (unknown while the
    /// build that wrote it has not finished).
    kb_modified_ns: Option<u128>,
}

fn read_stamp(index_dir: &Path) -> Option<Stamp> {
    let text = std::fs::read(index_dir.join(STAMP_FILE)).ok()?;
    serde_json::from_slice(&text).ok()
}

fn write_stamp(index_dir: &Path, stamp: &Stamp) -> Result<(), IndexError> {
    let path = index_dir.join(STAMP_FILE);
    let text = serde_json::to_vec_pretty(stamp).map_err(|err| IndexError::Io {
        path: path.clone(),
        source: err.into(),
    })?;
    std::fs::write(&path, text).map_err(io_error(&path))
}

fn modified_ns(metadata: &std::fs::Metadata) -> Option<u128> {
    let modified = metadata.modified().ok()?;
    Some(modified.duration_since(UNIX_EPOCH).ok()?.as_nanos())
}

/// Reads and parses `kb.json` from a `--kb` folder.
pub fn read_kb(kb_dir: &Path) -> Result<KnowledgeBase, IndexError> {
    let path = kb_dir.join(KB_FILE);
    let bytes = read_kb_bytes(&path)?;
    parse_kb(&path, &bytes)
}

fn read_kb_bytes(path: &Path) -> Result<Vec<u8>, IndexError> {
    std::fs::read(path).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => IndexError::MissingKb {
            path: path.to_path_buf(),
        },
        _ => IndexError::ReadKb {
            path: path.to_path_buf(),
            message: err.to_string(),
        },
    })
}

fn parse_kb(path: &Path, bytes: &[u8]) -> Result<KnowledgeBase, IndexError> {
    serde_json::from_slice(bytes).map_err(|err| IndexError::ReadKb {
        path: path.to_path_buf(),
        message: err.to_string(),
    })
}

fn new_index(dir: &Path) -> Result<(Index, Fields), IndexError> {
    let (schema, fields) = schema::schema();
    let index = Index::builder().schema(schema).create_in_dir(dir)?;
    Ok((index, fields))
}

fn document(
    fields: &Fields,
    order: usize,
    doc: &docs::SearchDoc,
    context: &ExplainContext<'_>,
) -> TantivyDocument {
    let mut out = TantivyDocument::default();
    let tokens = doc
        .words()
        .into_iter()
        .map(|w| Token {
            offset_from: 0,
            offset_to: 0,
            position: w.position as usize,
            text: w.text,
            position_length: 1,
        })
        .collect();
    out.add_pre_tokenized_text(
        fields.words,
        PreTokenizedString {
            text: String::new(),
            tokens,
        },
    );
    for facet in doc.facets() {
        out.add_text(fields.facet, &facet);
    }
    out.add_u64(fields.order, order as u64);
    if let Ok(view) = serde_json::to_string(&doc.view) {
        out.add_text(fields.view, &view);
    }
    if let Some(key) = &doc.code_key {
        out.add_text(fields.code_key, key);
        if let Some(json) = context
            .explain(&doc.view.name)
            .and_then(|e| serde_json::to_string(&e).ok())
        {
            out.add_text(fields.explanation, &json);
        }
    }
    out
}

/// Builds the index of `kb` into the empty folder `dir`, without a stamp: one segment, the
/// documents in document order.
pub fn build_into(kb: &KnowledgeBase, dir: &Path) -> Result<(), IndexError> {
    let (index, fields) = new_index(dir)?;
    let context = ExplainContext::new(kb);
    let mut writer = index.writer_with_num_threads(1, WRITER_MEMORY)?;
    for (order, doc) in docs::search_docs(kb).iter().enumerate() {
        writer.add_document(document(&fields, order, doc, &context))?;
    }
    writer.commit()?;
    let segments = index.searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    writer.wait_merging_threads()?;
    let vocabulary = serde_json::to_vec(&*synonyms::VOCABULARY).map_err(|err| IndexError::Io {
        path: dir.join(SYNONYMS_FILE),
        source: std::io::Error::other(err),
    })?;
    std::fs::write(dir.join(SYNONYMS_FILE), vocabulary).map_err(io_error(dir))?;
    Ok(())
}

/// During `errdex build`: adds a freshly built index under `index/` to `outputs` unless the
/// index already in `out_dir` was built from the same `kb.json` (then the build carries it over).
pub fn add_to_outputs(
    kb: &KnowledgeBase,
    out_dir: &Path,
    outputs: &mut Outputs,
) -> Result<(), IndexError> {
    let Some(kb_json) = outputs.get(KB_FILE) else {
        return Ok(());
    };
    let stamp = Stamp {
        format: schema::FORMAT_VERSION,
        kb_sha256: sha256_hex(&kb_json),
        kb_len: kb_json.len() as u64,
        kb_modified_ns: None,
    };
    let current = read_stamp(&out_dir.join(INDEX_DIR))
        .is_some_and(|old| old.format == stamp.format && old.kb_sha256 == stamp.kb_sha256);
    if current {
        return Ok(());
    }
    let staging = tempfile::tempdir().map_err(io_error(Path::new("temporary folder")))?;
    build_into(kb, staging.path())?;
    write_stamp(staging.path(), &stamp)?;
    for entry in std::fs::read_dir(staging.path()).map_err(io_error(staging.path()))? {
        let entry = entry.map_err(io_error(staging.path()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".lock") || !entry.path().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(io_error(&entry.path()))?;
        outputs.add(Path::new(INDEX_DIR).join(name), bytes);
    }
    Ok(())
}

/// Whether the index in a `--kb` folder matches its `kb.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Freshness {
    Current,
    Stale,
    Missing,
}

fn freshness(kb_path: &Path, index_dir: &Path) -> Result<Freshness, IndexError> {
    let Some(stamp) = read_stamp(index_dir) else {
        return Ok(Freshness::Missing);
    };
    if stamp.format != schema::FORMAT_VERSION {
        return Ok(Freshness::Stale);
    }
    let metadata = std::fs::metadata(kb_path).map_err(|_| IndexError::MissingKb {
        path: kb_path.to_path_buf(),
    })?;
    let modified = modified_ns(&metadata);
    if stamp.kb_len == metadata.len() && modified.is_some() && stamp.kb_modified_ns == modified {
        return Ok(Freshness::Current);
    }
    // The quick check failed (a rebuild rewrote the same bytes, or the stamp came from
    // `errdex build`): compare hashes, and remember the time for next run where allowed.
    let bytes = read_kb_bytes(kb_path)?;
    if sha256_hex(&bytes) != stamp.kb_sha256 {
        return Ok(Freshness::Stale);
    }
    let refreshed = Stamp {
        kb_modified_ns: modified,
        kb_len: metadata.len(),
        ..stamp
    };
    let _ = write_stamp(index_dir, &refreshed);
    Ok(Freshness::Current)
}

/// An opened search index.
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    /// The synonyms the index was built with (read from it: no word tables parsed per query).
    vocabulary: synonyms::Vocabulary,
}

impl SearchIndex {
    /// Opens an index folder.
    pub fn open(dir: &Path) -> Result<SearchIndex, IndexError> {
        let index = Index::open_in_dir(dir)?;
        let fields = schema::fields_of(&index.schema())?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let vocabulary = std::fs::read(dir.join(SYNONYMS_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_else(|| synonyms::VOCABULARY.clone());
        Ok(SearchIndex {
            reader,
            fields,
            vocabulary,
        })
    }

    /// Opens the index of the knowledge base in `kb_dir`, building it first when it is missing
    /// or older than `kb.json` (telling `notice` in one line).
    pub fn open_or_build(
        kb_dir: &Path,
        notice: &mut dyn FnMut(&str),
    ) -> Result<SearchIndex, IndexError> {
        let kb_path = kb_dir.join(KB_FILE);
        if !kb_path.is_file() {
            return Err(IndexError::MissingKb { path: kb_path });
        }
        let index_dir = kb_dir.join(INDEX_DIR);
        let why = match freshness(&kb_path, &index_dir)? {
            Freshness::Current => match SearchIndex::open(&index_dir) {
                Ok(index) => return Ok(index),
                Err(_) => "is unreadable",
            },
            Freshness::Stale => "is older than kb.json",
            Freshness::Missing => "does not exist yet",
        };
        notice(&format!(
            "note: search index {} {why}; building it from {} (once)",
            index_dir.display(),
            kb_path.display()
        ));
        rebuild(&kb_path, &index_dir)?;
        SearchIndex::open(&index_dir)
    }

    /// The stored explanation of a code, if it is defined.
    pub fn explanation(&self, code: &str) -> Result<Option<Explanation>, IndexError> {
        let key = canonical_code(code);
        if key.is_empty() {
            return Ok(None);
        }
        let searcher = self.reader.searcher();
        let query = TermQuery::new(
            Term::from_field_text(self.fields.code_key, &key),
            IndexRecordOption::Basic,
        );
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, address)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(*address)?;
        Ok(doc
            .get_first(self.fields.explanation)
            .and_then(|v| v.as_str())
            .and_then(|json| serde_json::from_str(json).ok()))
    }

    /// Every known code's canonical form, from the index's dictionary.
    pub fn known_codes(&self) -> Result<Vec<String>, IndexError> {
        let terms = suggest::dictionary(&self.reader.searcher(), self.fields.code_key)?;
        let mut codes: Vec<String> = terms.into_iter().map(|(code, _)| code).collect();
        codes.sort();
        codes.dedup();
        Ok(codes)
    }

    /// `explain` from the index: the stored explanation, or the nearest known codes.
    pub fn lookup(&self, code: &str) -> Result<Lookup, IndexError> {
        if let Some(explanation) = self.explanation(code)? {
            return Ok(Lookup::Known {
                explanation: Box::new(explanation),
            });
        }
        let codes = self.known_codes()?;
        let mut nearest = Vec::new();
        for key in errdex_core::suggest::nearest_codes(
            code,
            codes.iter().map(String::as_str),
            NEAREST_CODES,
        ) {
            let written = self.explanation(&key)?.map(|e| e.code);
            nearest.push(written.unwrap_or(key));
        }
        Ok(Lookup::Unknown {
            query: code.to_string(),
            nearest,
        })
    }

    /// Runs a search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, IndexError> {
        query::search(
            &self.reader.searcher(),
            &self.fields,
            &self.vocabulary,
            request,
        )
    }
}

/// Builds the index for `kb_path` next to `index_dir` and renames it into place.
fn rebuild(kb_path: &Path, index_dir: &Path) -> Result<(), IndexError> {
    let bytes = read_kb_bytes(kb_path)?;
    let kb = parse_kb(kb_path, &bytes)?;
    let parent = index_dir.parent().unwrap_or(Path::new("."));
    let staging = tempfile::Builder::new()
        .prefix(".index.new-")
        .tempdir_in(parent)
        .map_err(io_error(parent))?;
    build_into(&kb, staging.path())?;
    let metadata = std::fs::metadata(kb_path).map_err(io_error(kb_path))?;
    write_stamp(
        staging.path(),
        &Stamp {
            format: schema::FORMAT_VERSION,
            kb_sha256: sha256_hex(&bytes),
            kb_len: bytes.len() as u64,
            kb_modified_ns: modified_ns(&metadata),
        },
    )?;
    let staged = staging.keep();
    errdex_core::emit::replace_folder(&staged, index_dir).map_err(|source| {
        let _ = std::fs::remove_dir_all(&staged);
        IndexError::Io {
            path: index_dir.to_path_buf(),
            source,
        }
    })
}

/// The search index as an output of `errdex build`: built into `index/` when `kb.json`
/// changed, carried over from the previous output otherwise (see [`add_to_outputs`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct IndexRenderer;

impl errdex_core::Renderer for IndexRenderer {
    fn name(&self) -> &'static str {
        "search index"
    }

    fn render(
        &self,
        context: &errdex_core::RenderContext<'_>,
        outputs: &mut Outputs,
    ) -> errdex_core::Result<()> {
        add_to_outputs(context.kb, context.out_dir, outputs).map_err(|err| {
            errdex_core::Error::Generate {
                what: "search index",
                message: err.to_string(),
            }
        })
    }

    fn keep(&self) -> &'static [&'static str] {
        &[INDEX_DIR]
    }
}

/// Where explanations come from: the search index, or `kb.json` alone when the index cannot be
/// opened or built (a read-only folder, say).
pub enum Explainer {
    /// Precomputed explanations in the index.
    Index(SearchIndex),
    /// The parsed knowledge base.
    Kb(Box<KnowledgeBase>),
}

impl Explainer {
    /// Opens the index of `kb_dir` (building it on first use, `notice` told), else `kb.json`.
    pub fn open(kb_dir: &Path, notice: &mut dyn FnMut(&str)) -> Result<Explainer, IndexError> {
        match SearchIndex::open_or_build(kb_dir, notice) {
            Ok(search_index) => Ok(Explainer::Index(search_index)),
            Err(IndexError::MissingKb { path }) => Err(IndexError::MissingKb { path }),
            Err(err) => {
                notice(&format!(
                    "note: search index unavailable ({err}); explaining from kb.json"
                ));
                Ok(Explainer::Kb(Box::new(read_kb(kb_dir)?)))
            }
        }
    }

    /// Explains a code given in any spelling.
    pub fn lookup(&self, code: &str) -> Result<Lookup, IndexError> {
        match self {
            Explainer::Index(search_index) => search_index.lookup(code),
            Explainer::Kb(kb) => Ok(errdex_core::explain::ExplainContext::new(kb).lookup(code)),
        }
    }
}
