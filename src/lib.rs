//! errdex: an offline documentation compiler and error-code knowledge base — the library
//! behind the `errdex` command.
//!
//! The work is done by three crates, split by who needs what:
//! - [`errdex_core`] (re-exported here whole): parse, extract, the knowledge base, check,
//!   explain and the generated Rust. A `build.rs` depends on it alone.
//! - [`search`] (`errdex-search`): the tantivy index behind `errdex search` and `explain`.
//! - [`site`] (`errdex-site`): the static HTML reference.
//!
//! This crate adds what the command line needs on top: [`build`] (a [`Build`] that writes
//! every output), finding the knowledge base without `--kb` ([`locate`]) and the printers
//! ([`report`]).
#![warn(missing_docs)]

pub mod locate;
pub mod release;
pub mod report;

pub use errdex_core::*;
pub use errdex_search as search;
pub use errdex_site as site;

/// A build that writes every output: `kb.json`, its schema and the generated Rust (the core),
/// the site and the search index.
///
/// ```no_run
/// let compiled = errdex::build().source("docs").out_dir("generated").run()?;
/// println!("{} codes", compiled.kb.error_codes.len());
/// # Ok::<(), errdex::Error>(())
/// ```
pub fn build() -> Build {
    Build::new()
        .renderer(site::SiteRenderer)
        .renderer(search::IndexRenderer)
}

/// Every committed output file for a knowledge base, in memory: the core outputs and the
/// site (not the search index, which is rebuilt from `kb.json` and never committed).
pub fn render(kb: &kb::KnowledgeBase, config: &config::Config) -> emit::Outputs {
    let mut outputs = emit::Outputs::default();
    pipeline::render_into(&mut outputs, kb, config);
    site::emit_site(kb, &mut |path, content| {
        outputs.add(std::path::Path::new("site").join(path), content);
    });
    outputs
}
