//! `errdex.toml`: what maintainers tell `check` about their docs.
//!
//! ```toml
//! # Which source wins when sources of a service disagree (first = most authoritative).
//! [authority]
//! CSS = ["002_*"]
//!
//! # Sources compared with each other. Definitions in different groups (other releases, other
//! # services reusing a code) are not conflicts; a differing meaning is a `group-difference` note.
//! # Within a group, `authority` orders the sources (first = most authoritative).
//! [[group]]
//! name = "css-2023"
//! sources = ["000_*", "002_*"]
//! authority = ["002_*"]
//!
//! # A known finding, kept as a note with the reason instead of failing the check.
//! [[acknowledge]]
//! kind = "meaning-conflict"
//! code = "CSS.6007"
//! reason = "Renumbered in the 2023 release; 002 is current."
//! ```
//!
//! Source patterns match a source id or path; `*` matches any run of characters, `?` one.
//! Parsing is pure ([`Config::parse`]); [`Config::load`] is the only function that reads a file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::kb::{Source, canonical_code};

/// A problem with a config file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid `errdex.toml`.
    #[error("{path}:{line}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem (1 when unknown).
        line: u32,
        /// What is wrong.
        message: String,
    },
}

/// The whole config; the default says nothing and changes nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Authoritative sources per service (upper-case service → patterns, first wins).
    #[serde(default)]
    pub authority: BTreeMap<String, Vec<String>>,
    /// Source groups.
    #[serde(default, rename = "group")]
    pub groups: Vec<Group>,
    /// Acknowledged findings.
    #[serde(default, rename = "acknowledge")]
    pub acknowledgements: Vec<Acknowledgement>,
}

/// Sources that belong together (one release, one service).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// A name for messages.
    pub name: String,
    /// Source id or path patterns.
    pub sources: Vec<String>,
    /// Authority order inside the group (patterns, first wins).
    #[serde(default)]
    pub authority: Vec<String>,
}

/// A finding a maintainer knows about.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Acknowledgement {
    /// Finding kind (`meaning-conflict`); any kind when absent.
    pub kind: Option<String>,
    /// The code, in any spelling; any code when absent.
    pub code: Option<String>,
    /// A source pattern one of the finding's locations must match; any when absent.
    pub source: Option<String>,
    /// Why it is acceptable; shown with the finding.
    pub reason: String,
}

impl Config {
    /// Parses `errdex.toml` text; `path` is for messages only.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|err| ConfigError::Parse {
            path: path.to_path_buf(),
            line: err
                .span()
                .map_or(1, |span| line_of(text, span.start))
                .try_into()
                .unwrap_or(u32::MAX),
            message: err.message().to_string(),
        })?;
        config.validate(path)?;
        Ok(config)
    }

    /// Reads and parses a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(&text, path)
    }

    fn validate(&self, path: &Path) -> Result<(), ConfigError> {
        let blank_reason = self
            .acknowledgements
            .iter()
            .any(|a| a.reason.trim().is_empty());
        if blank_reason {
            return Err(ConfigError::Parse {
                path: path.to_path_buf(),
                line: 1,
                message: "every [[acknowledge]] needs a non-empty reason".into(),
            });
        }
        Ok(())
    }

    /// The index of the first group containing the source, if any.
    pub fn group_of(&self, source: &Source) -> Option<usize> {
        self.groups
            .iter()
            .position(|g| g.sources.iter().any(|p| source_matches(p, source)))
    }

    /// The authority rank of a source for a service: 0 is most authoritative; `None` when the
    /// config says nothing about it. Group authority comes before service authority.
    pub fn authority_rank(&self, service: &str, source: &Source) -> Option<usize> {
        let in_group = self
            .group_of(source)
            .and_then(|g| rank(&self.groups[g].authority, source));
        let by_service = self
            .authority
            .iter()
            .find(|(s, _)| s.eq_ignore_ascii_case(service))
            .and_then(|(_, patterns)| rank(patterns, source));
        in_group.or(by_service)
    }

    /// The reason of the first acknowledgement matching a finding, with its index.
    pub fn acknowledgement(
        &self,
        kind: &str,
        code: Option<&str>,
        sources: &[&Source],
    ) -> Option<(usize, &str)> {
        self.acknowledgements
            .iter()
            .enumerate()
            .find(|(_, a)| a.matches(kind, code, sources))
            .map(|(i, a)| (i, a.reason.as_str()))
    }
}

impl Acknowledgement {
    fn matches(&self, kind: &str, code: Option<&str>, sources: &[&Source]) -> bool {
        let kind_ok = self.kind.as_deref().is_none_or(|k| k == kind);
        let code_ok = self
            .code
            .as_deref()
            .is_none_or(|wanted| code.is_some_and(|c| canonical_code(c) == canonical_code(wanted)));
        let source_ok = self
            .source
            .as_deref()
            .is_none_or(|p| sources.iter().any(|s| source_matches(p, s)));
        kind_ok && code_ok && source_ok
    }
}

fn rank(patterns: &[String], source: &Source) -> Option<usize> {
    patterns.iter().position(|p| source_matches(p, source))
}

/// True when a pattern matches the source's id or path.
pub fn source_matches(pattern: &str, source: &Source) -> bool {
    glob(pattern, &source.id) || glob(pattern, &source.path)
}

/// `*` (any run) and `?` (one character) wildcard match of the whole text.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |t| t.matches('\n').count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(id: &str) -> Source {
        Source {
            id: id.into(),
            path: format!("docs/{id}.md"),
            format: "markdown".into(),
            title: None,
            language: "en".into(),
            service: None,
            sha256: String::new(),
        }
    }

    #[test]
    fn globs() {
        assert!(glob("000_*", "000_abc"));
        assert!(glob("*abc", "000_abc"));
        assert!(glob("0?0_*", "000_abc"));
        assert!(!glob("001_*", "000_abc"));
        assert!(glob("*", ""));
        assert!(source_matches("docs/*.md", &source("x")));
    }

    #[test]
    fn parses_a_full_config() {
        let text = r#"
[authority]
CSS = ["002_*", "000_*"]

[[group]]
name = "r1"
sources = ["000_*", "002_*"]
authority = ["000_*"]

[[acknowledge]]
kind = "meaning-conflict"
code = "css-6007"
reason = "known"
"#;
        let config = Config::parse(text, Path::new("errdex.toml")).expect("valid");
        assert_eq!(config.authority_rank("css", &source("002_b")), Some(0));
        assert_eq!(config.authority_rank("CSS", &source("009_x")), None);
        assert_eq!(config.authority_rank("CSS", &source("000_a")), Some(0));
        assert_eq!(config.authority_rank("CSS", &source("003_a")), None);
        assert_eq!(config.group_of(&source("002_b")), Some(0));
        let s = source("000_a");
        assert_eq!(
            config.acknowledgement("meaning-conflict", Some("CSS.6007"), &[&s]),
            Some((0, "known"))
        );
        assert_eq!(
            config.acknowledgement("wording-variant", Some("CSS.6007"), &[&s]),
            None
        );
    }

    #[test]
    fn bad_config_names_the_line() {
        let text = "[authority]\nCSS = [\"a\"]\n\n[[acknowledge]]\ncode = \"X.1\"\n";
        match Config::parse(text, Path::new("errdex.toml")) {
            Err(ConfigError::Parse { line, message, .. }) => {
                assert!(message.contains("reason"), "{message}");
                assert!(line >= 4, "{line}");
            }
            other => panic!("{other:?}"),
        }
        let unknown = "[[group]]\nname = \"a\"\nsources = []\ncolour = 1\n";
        assert!(Config::parse(unknown, Path::new("e.toml")).is_err());
    }
}
