//! A deterministic synthetic corpus for benchmarks and large tests.
//!
//! [`generate`] writes `documents` pages into `dir/md`, `dir/rst`, `dir/html` and `dir/txt`, one
//! format per folder (round robin, so every format gets a quarter). Nothing is read from outside:
//! every word comes from the small vocabularies below, driven by a seeded SplitMix64, so the same
//! count always gives byte-identical files.
//!
//! Steps for one document: pick a service (40 invented ones), a language and a page kind (error
//! codes, API reference, status values); build a format-free `Page` (sections, paragraphs,
//! `METHOD /path` lines, tables with rowspans and value lists in cells, JSON examples); render it
//! with the renderer of the document's format. Renderers only decide layout (inline HTML or pipe
//! table, grid/simple/list-table, one cell per line), never content, so [`CorpusStats`] counts
//! facts once, whatever the format.
//!
//! What the generator guarantees, for assertions: every error-code table row carries a code, so
//! a correct build yields exactly [`CorpusStats::code_rows`] definitions over
//! [`CorpusStats::distinct_codes`] codes. Every table is well formed for its format.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use errdex_core::parse::Format;

mod builders;
mod html;
mod markdown;
mod page;
pub mod relevance;
mod render;
mod rng;
pub use rng::Rng;
mod rst;
mod text;
mod vocab;

use builders::*;
use html::*;
use markdown::*;
use page::*;
use render::*;
use rng::*;
use rst::*;
use text::*;
use vocab::*;

/// What was generated.
#[derive(Debug, Clone, Default)]
pub struct CorpusStats {
    /// Documents written.
    pub documents: usize,
    /// Total bytes written.
    pub bytes: u64,
    /// Every file with the format it was written in.
    pub files: Vec<CorpusFile>,
    /// Error-code table rows written (each carries a code: one definition each).
    pub code_rows: usize,
    /// Distinct codes among those rows, as errdex groups them (canonical code and service).
    pub distinct_codes: usize,
    /// `METHOD /path` operations written.
    pub operations: usize,
    /// Value lists written (two-column status tables and lists inside description cells).
    pub value_lists: usize,
}

/// One generated file.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    /// Where it was written.
    pub path: PathBuf,
    /// The format it was written in.
    pub format: Format,
    /// Its size in bytes.
    pub bytes: usize,
    /// Error-code rows in it.
    pub code_rows: usize,
}

impl CorpusStats {
    /// Files written in `format`.
    pub fn files_in(&self, format: Format) -> impl Iterator<Item = &CorpusFile> {
        self.files.iter().filter(move |f| f.format == format)
    }

    /// Megabytes written (10^6 bytes).
    pub fn megabytes(&self) -> f64 {
        self.bytes as f64 / 1e6
    }
}

/// The formats in round-robin order, with their folder and file extension.
pub const FORMATS: [(Format, &str); 4] = [
    (Format::Markdown, "md"),
    (Format::Rst, "rst"),
    (Format::Html, "html"),
    (Format::Text, "txt"),
];

/// A knowledge base of error codes only, one definition each, from (code, HTTP status,
/// message) rows: for tests of what reads a knowledge base (search, the site) at sizes no
/// fixture reaches.
pub fn codes_only(
    rows: impl IntoIterator<Item = (String, Option<u16>, String)>,
) -> errdex_core::KnowledgeBase {
    let error_codes = rows
        .into_iter()
        .enumerate()
        .map(
            |(line, (code, http_status, message))| errdex_core::ErrorCode {
                service: errdex_core::extract::codes::service_prefix(&code).unwrap_or_default(),
                definitions: vec![errdex_core::Definition {
                    source: "s".into(),
                    line: line as u32 + 1,
                    code_text: code.clone(),
                    http_status,
                    status_text: None,
                    message,
                    description: None,
                    solution: None,
                    module: None,
                    note: None,
                }],
                code,
                authoritative: 0,
                meanings: vec![],
                ranked: vec![],
                retired: None,
            },
        )
        .collect();
    errdex_core::KnowledgeBase {
        error_codes,
        ..errdex_core::KnowledgeBase::default()
    }
}

/// Writes `documents` synthetic pages under `dir` (created if missing) and says what they hold.
pub fn generate(dir: &Path, documents: usize) -> CorpusStats {
    for (_, folder) in FORMATS {
        std::fs::create_dir_all(dir.join(folder)).expect("create corpus folder");
    }
    let mut stats = CorpusStats::default();
    let mut codes: BTreeSet<(String, String)> = BTreeSet::new();
    for index in 0..documents {
        let (format, folder) = FORMATS[index % FORMATS.len()];
        let mut rng = Rng::new(0x5eed_e77d_e800_0000 ^ index as u64);
        let service_index = rng.below(SERVICES.len());
        let service = &SERVICES[service_index];
        // RST pages stay English: grid and simple tables align by column, and the width of a
        // CJK character is a display question this corpus does not need to ask.
        let lang = if format != Format::Rst && rng.chance(20) {
            Lang::Zh
        } else {
            Lang::En
        };
        let mut facts = Facts::default();
        let page = match rng.below(20) {
            0..=8 => error_page(&mut rng, service_index, lang, &mut facts),
            9..=16 => api_page(&mut rng, service_index, lang, &mut facts),
            _ => status_page(&mut rng, service_index, lang, &mut facts),
        };
        let text = match format {
            Format::Markdown => render_markdown(&page, &mut rng),
            Format::Rst => render_rst(&page, &mut rng),
            Format::Html => render_html(&page, &mut rng),
            Format::Text => render_text(&page),
        };
        let path = dir.join(folder).join(format!(
            "{index:05}_{}_{}.{folder}",
            service.prefix.to_ascii_lowercase(),
            page.kind
        ));
        std::fs::write(&path, &text).expect("write corpus file");
        stats.documents += 1;
        stats.bytes += text.len() as u64;
        stats.files.push(CorpusFile {
            path,
            format,
            bytes: text.len(),
            code_rows: facts.codes.len(),
        });
        stats.code_rows += facts.codes.len();
        stats.operations += facts.operations;
        stats.value_lists += facts.value_lists;
        for code in facts.codes {
            let service = code
                .split(['.', '-', '_'])
                .next()
                .unwrap_or_default()
                .to_ascii_uppercase();
            codes.insert((canonical(&code), service));
        }
    }
    stats.distinct_codes = codes.len();
    stats
}

/// `errdex_core::kb::canonical_code`, restated so the generator's count is independent of it.
fn canonical(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}
