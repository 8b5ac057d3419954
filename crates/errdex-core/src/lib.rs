//! errdex-core: an offline documentation compiler and error-code knowledge base, without the
//! command line, the search engine or the site — what a `build.rs` needs.
//!
//! It reads documentation pages (Markdown with inline HTML tables, reStructuredText, HTML,
//! text copied from a browser; the format is sniffed from the content), finds error-code
//! tables, enumerations and API operations by their header words, and compiles them into one
//! [`KnowledgeBase`] in which every fact points back to its file and line; [`check`] finds where
//! the pages contradict each other, [`ExplainContext`] answers for one code, and the build
//! writes `kb.json`, its JSON Schema and a Rust crate.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let docs = std::env::temp_dir().join(format!("errdex-core-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(&docs)?;
//! std::fs::write(
//!     docs.join("errors.md"),
//!     "# Error codes\n\n| Status Code | Error Code | Error Message |\n| --- | --- | --- |\n\
//!      | 400 | CSS.6007 | Failed to create the snapshot. |\n",
//! )?;
//! let compiled = errdex_core::Build::new().source(&docs).compile()?;
//! let code = compiled.kb.error_code("css6007").expect("defined"); // any spelling
//! assert_eq!(code.definitions[0].message, "Failed to create the snapshot.");
//! assert_eq!(code.definitions[0].http_status, Some(400));
//!
//! let explained = errdex_core::ExplainContext::new(&compiled.kb).explain("CSS-6007");
//! assert_eq!(explained.expect("known").service, "CSS");
//! assert!(compiled.findings.iter().all(|f| !f.is_conflict()));
//! # std::fs::remove_dir_all(&docs)?;
//! # Ok(())
//! # }
//! ```
//!
//! The pipeline, one module per stage: `ingest` (read, decode, sniff) → `parse` (format →
//! document IR) → `extract` (tables by header vocabulary → facts with file and line) →
//! `normalize` (one sorted knowledge base) → [`check`] (findings) → `emit` (kb.json, the schema,
//! the generated Rust, and whatever a [`Renderer`] adds). The stages are public for errdex's own
//! crates and tests but hidden from these docs: the surface for other crates is what is
//! re-exported here, plus [`kb`] (the `kb.json` types), [`config`] (`errdex.toml`),
//! [`explain`], [`annotate`] and [`shapes`] (what a code, a status or a caption looks like).
#![warn(missing_docs)]

pub mod annotate;
pub mod check;
pub mod config;
pub mod diff;
#[doc(hidden)]
pub mod document;
#[doc(hidden)]
pub mod emit;
mod error;
pub mod explain;
#[doc(hidden)]
pub mod extract;
#[doc(hidden)]
pub mod fuzzing;
#[doc(hidden)]
pub mod ingest;
pub mod kb;
mod normalize;
#[doc(hidden)]
pub mod parse;
#[doc(hidden)]
pub mod pipeline;
pub mod shapes;
#[doc(hidden)]
pub mod suggest;
mod vocab;

pub use config::Config;
pub use emit::Outputs;
pub use error::{Diagnostic, Error, Result};
pub use explain::{ExplainContext, Explanation, Lookup, StatedMeaning, stated_meaning};
pub use kb::{
    Definition, Enumeration, ErrorCode, Finding, FindingKind, KnowledgeBase, Location, Operation,
    Severity, canonical_code,
};
pub use pipeline::{Build, Compiled, RenderContext, Renderer};
