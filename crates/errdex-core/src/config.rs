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
//!
//! # Words that mean the same in a service's docs (every service when `service` is absent).
//! # `check` reads every word or phrase of the list as the first one.
//! [[synonyms]]
//! service = "ECS"
//! words = ["ECS", "elastic cloud server", "server", "instance"]
//! ```
//!
//! Source patterns match a source id or path; `*` matches any run of characters, `?` one.
//! Parsing is pure ([`Config::parse`]); [`Config::load`] is the only function that reads a file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

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

/// The whole config (`errdex.toml`); the default says nothing and changes nothing.
///
/// ```
/// use std::path::Path;
///
/// let config = errdex_core::Config::parse(
///     "[[synonyms]]\nservice = \"KMS\"\nwords = [\"DEK\", \"data encryption key\"]\n",
///     Path::new("errdex.toml"),
/// )?;
/// assert_eq!(config.synonyms_for("KMS").len(), 1);
/// # Ok::<(), errdex_core::config::ConfigError>(())
/// ```
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
    /// Which files of the walked folders are sources.
    #[serde(default)]
    pub sources: SourcesConfig,
    /// The upstream web address of a source line, with `{path}` (relative to the project
    /// root) and `{line}`: `https://github.com/org/docs/blob/main/{path}#L{line}`. Used by
    /// the site, `explain` and the JSON outputs.
    #[serde(default)]
    pub source_url: Option<String>,
    /// Domain synonyms for the meaning check.
    #[serde(default)]
    pub synonyms: Vec<Synonyms>,
}

/// Words and phrases a maintainer declares to mean the same in the docs of one service (or of
/// all), so that `check` does not take a domain paraphrase for a different meaning.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Synonyms {
    /// The service (any case); every service when absent.
    pub service: Option<String>,
    /// Two or more words or phrases; the checker reads each of them as the first. Spanned so
    /// that a bad entry is reported at its line.
    pub words: Spanned<Vec<String>>,
}

impl Synonyms {
    /// True when these synonyms apply to the service.
    pub fn applies_to(&self, service: &str) -> bool {
        self.service
            .as_deref()
            .is_none_or(|s| s.trim().eq_ignore_ascii_case(service))
    }

    /// What is wrong with the entry, if anything.
    fn problem(&self) -> Option<&'static str> {
        let words = self.words.get_ref();
        if self.service.as_deref().is_some_and(|s| s.trim().is_empty()) {
            Some("[[synonyms]] service must not be blank (leave it out for every service)")
        } else if words.iter().any(|w| !w.chars().any(char::is_alphanumeric)) {
            Some("every [[synonyms]] word needs a letter or digit")
        } else if words.len() < 2 {
            Some("[[synonyms]] words needs two or more words or phrases")
        } else {
            None
        }
    }
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

/// `[sources]`: globs over paths relative to the project root (the folder of `errdex.toml`).
/// A walked file is read when it matches an `include` glob (or there are none) and no
/// `exclude` glob; files named on the command line are always read.
///
/// ```toml
/// [sources]
/// include = ["doc/source/**"]
/// exclude = ["**/figures/**", "doc/source/drafts/**"]
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesConfig {
    /// Globs a walked file must match one of.
    #[serde(default)]
    pub include: Vec<String>,
    /// Globs a walked file must match none of.
    #[serde(default)]
    pub exclude: Vec<String>,
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
        let error = |offset: Option<usize>, message: String| ConfigError::Parse {
            path: path.to_path_buf(),
            line: offset
                .map_or(1, |at| line_of(text, at))
                .try_into()
                .unwrap_or(u32::MAX),
            message,
        };
        let config: Config = toml::from_str(text)
            .map_err(|err| error(err.span().map(|s| s.start), err.message().to_string()))?;
        config.validate(path)?;
        if let Some((synonyms, problem)) = config
            .synonyms
            .iter()
            .find_map(|s| s.problem().map(|p| (s, p)))
        {
            return Err(error(Some(synonyms.words.span().start), problem.into()));
        }
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

    /// The synonym groups that apply to a service (global ones included), in config order.
    pub fn synonyms_for(&self, service: &str) -> Vec<&[String]> {
        self.synonyms
            .iter()
            .filter(|s| s.applies_to(service))
            .map(|s| s.words.get_ref().as_slice())
            .collect()
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
    fn synonyms_per_service_and_global() {
        let text = r#"
[[synonyms]]
service = "kms"
words = ["DEK", "data encryption key"]

[[synonyms]]
words = ["principal", "user"]
"#;
        let config = Config::parse(text, Path::new("errdex.toml")).expect("valid");
        assert_eq!(config.synonyms_for("KMS").len(), 2);
        let ecs = config.synonyms_for("ECS");
        assert_eq!(ecs.len(), 1);
        assert_eq!(ecs[0], ["principal".to_string(), "user".to_string()]);
    }

    #[test]
    fn bad_synonyms_name_file_and_line() {
        for (text, wanted) in [
            (
                "[authority]\nCSS = [\"a\"]\n\n[[synonyms]]\nwords = [\"server\"]\n",
                "two or more",
            ),
            (
                "[[synonyms]]\nservice = \"ECS\"\n\nwords = [\"server\", \" -- \"]\n",
                "letter or digit",
            ),
            (
                "\n[[synonyms]]\nservice = \" \"\nwords = [\"a\", \"b\"]\n",
                "blank",
            ),
        ] {
            match Config::parse(text, Path::new("conf/errdex.toml")) {
                Err(err @ ConfigError::Parse { line, .. }) => {
                    let shown = err.to_string();
                    assert!(shown.contains(wanted), "{shown}");
                    assert!(shown.starts_with("conf/errdex.toml:"), "{shown}");
                    let words_line = text.lines().position(|l| l.starts_with("words")).unwrap();
                    assert_eq!(line as usize, words_line + 1, "{shown}");
                }
                other => panic!("{other:?}"),
            }
        }
        let unknown = "[[synonyms]]\nwords = [\"a\", \"b\"]\nscope = \"x\"\n";
        assert!(Config::parse(unknown, Path::new("e.toml")).is_err());
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
