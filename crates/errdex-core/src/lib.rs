//! errdex-core: an offline documentation compiler and error-code knowledge base, without the
//! command line, the search engine or the site — what a `build.rs` needs.
//!
//! The pipeline, one module per stage:
//! [`ingest`] (read, decode, sniff) → [`parse`] (format → [`document::Document`] IR) →
//! [`extract`] (tables by header vocabulary → facts with file and line) → [`normalize`]
//! (one sorted [`kb::KnowledgeBase`]) → [`check`] (findings) → [`emit`] (kb.json, the schema,
//! the generated Rust, and whatever a [`Renderer`] adds). [`Build`] runs it all.
//!
//! [`explain`] answers for one code from a knowledge base (a pure function of it), and
//! [`annotate`] explains the codes in a failed-task API response.
#![warn(missing_docs)]

pub mod annotate;
pub mod check;
pub mod config;
pub mod document;
pub mod emit;
pub mod error;
pub mod explain;
pub mod extract;
pub mod ingest;
pub mod kb;
pub mod normalize;
pub mod parse;
pub mod pipeline;
pub mod shapes;
pub mod suggest;
pub mod vocab;

pub use error::{Diagnostic, Error, Result};
pub use pipeline::{Build, Compiled, RenderContext, Renderer};
