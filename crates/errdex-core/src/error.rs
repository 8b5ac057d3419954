//! Library errors and input diagnostics.
//!
//! A [`Diagnostic`] is one problem with one input file, at a line where known. The pipeline
//! collects every diagnostic before failing, so a user sees all bad files in one run.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem with one input file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file, as given or found.
    pub path: String,
    /// 1-based line, where known.
    pub line: Option<u32>,
    /// What is wrong.
    pub message: String,
}

impl Diagnostic {
    /// A problem with a whole file.
    pub fn file(path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_string_lossy().into_owned(),
            line: None,
            message: message.into(),
        }
    }

    /// A problem at a line of a file.
    pub fn at(path: &Path, line: u32, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_string_lossy().into_owned(),
            line: Some(line),
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// Errors from the errdex library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// One or more input files could not be compiled; every one is listed.
    #[error("{} input problem(s):\n{}", .0.len(), list(.0))]
    BadInput(Vec<Diagnostic>),
    /// The config file (`errdex.toml`) could not be read or is not valid; nothing was built.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    /// No input files were found under the given paths.
    #[error("no input files found in {0}")]
    NoInput(String),
    /// An output could not be written; the previous output is left as it was.
    #[error("cannot write {path}: {source}")]
    Write {
        /// What was being written.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// An existing knowledge base could not be read.
    #[error("cannot read knowledge base {path}: {message}")]
    ReadKb {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// Generating an output failed.
    #[error("cannot generate {what}: {message}")]
    Generate {
        /// Which output.
        what: &'static str,
        /// Why.
        message: String,
    },
}

fn list(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("  {d}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
