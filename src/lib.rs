//! errdex: an offline documentation compiler and error-code knowledge base.
//!
//! The pipeline, one module per stage:
//! [`ingest`] (read, decode, sniff) → [`parse`] (format → [`document::Document`] IR) →
//! [`extract`] (tables by header vocabulary → facts with file and line) → [`normalize`]
//! (one sorted [`kb::KnowledgeBase`]) → [`emit`] (kb.json and the other outputs).
//! [`Build`] runs it all; the `errdex` binary is a thin shell over it.
#![warn(missing_docs)]

pub mod annotate;
pub mod check;
pub mod config;
pub mod document;
pub mod emit;
pub mod error;
pub mod explain;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod kb;
pub mod normalize;
pub mod parse;
pub mod pipeline;
pub mod report;
pub mod vocab;

pub use error::{Diagnostic, Error, Result};
pub use pipeline::{Build, Compiled};
