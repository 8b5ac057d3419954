//! errdex: an offline documentation compiler and error-code knowledge base.
//!
//! The pipeline, one module per stage:
//! `ingest` (read, decode, sniff) → `parse` (format → [`document::Document`] IR) → `extract`
//! (tables by header vocabulary → facts with file and line) → `kb` (normalized knowledge base)
//! → `check` (findings) → `emit` (kb.json, Rust, site, search index).
#![warn(missing_docs)]

pub mod document;
pub mod error;
pub mod ingest;
pub mod parse;
pub mod vocab;

pub use error::{Diagnostic, Error, Result};
