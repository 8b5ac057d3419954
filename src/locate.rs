//! Where the knowledge base is when the command line is not told, as cargo finds `Cargo.toml`:
//! `--kb DIR`, else the `ERRDEX_KB` environment variable, else the nearest
//! `generated/kb.json` walking up from the current folder. One function, [`find_kb`], for
//! `explain`, `annotate` and `search`.
//!
//! `--kb` and `ERRDEX_KB` name a folder holding `kb.json`, or that `kb.json` itself. A value
//! given that holds no knowledge base is an error, never a reason to look elsewhere.

use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};

/// The environment variable naming the knowledge base.
pub const ENV_VAR: &str = "ERRDEX_KB";
/// The file a knowledge-base folder holds.
const KB_FILE: &str = "kb.json";
/// The folder `errdex build` writes by default, looked for in every parent.
const DEFAULT_DIR: &str = "generated";

/// Where the knowledge base was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `--kb`.
    Flag,
    /// `ERRDEX_KB`.
    Env,
}

/// No knowledge base where one was named or looked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocateError {
    /// `--kb` or `ERRDEX_KB` names a place without `kb.json`.
    Named {
        /// Which of the two named it.
        origin: Origin,
        /// The value given.
        path: PathBuf,
    },
    /// Nothing named, and no `generated/kb.json` in the folder or any parent.
    NotFound {
        /// The folder the walk started from.
        start: PathBuf,
    },
}

impl fmt::Display for LocateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LocateError::Named { origin, path } => {
                let named = match origin {
                    Origin::Flag => "--kb".to_string(),
                    Origin::Env => format!("{ENV_VAR}="),
                };
                let separator = if *origin == Origin::Flag { " " } else { "" };
                write!(
                    f,
                    "{named}{separator}{}: no knowledge base there (expected a folder holding {KB_FILE}, or {KB_FILE} itself; `errdex build --out DIR` writes one)",
                    path.display()
                )
            }
            LocateError::NotFound { start } => write!(
                f,
                "no knowledge base found: --kb not given, {ENV_VAR} not set, and no {DEFAULT_DIR}/{KB_FILE} in {} or any parent folder (run `errdex build`, or pass --kb DIR)",
                start.display()
            ),
        }
    }
}

impl std::error::Error for LocateError {}

/// The folder holding the knowledge base: `flag` (`--kb`), else `env` (`ERRDEX_KB`, ignored
/// when empty), else the nearest `generated/` holding `kb.json` from `cwd` up. Pure apart from
/// looking at the file system; the caller passes the environment.
pub fn find_kb(
    flag: Option<&Path>,
    env: Option<&OsStr>,
    cwd: &Path,
) -> Result<PathBuf, LocateError> {
    let named = flag.map(|p| (Origin::Flag, p.to_path_buf())).or_else(|| {
        env.filter(|v| !v.is_empty())
            .map(|v| (Origin::Env, PathBuf::from(v)))
    });
    if let Some((origin, path)) = named {
        return named_folder(&path).ok_or(LocateError::Named { origin, path });
    }
    cwd.ancestors()
        .map(|dir| dir.join(DEFAULT_DIR))
        .find(|dir| dir.join(KB_FILE).is_file())
        .ok_or_else(|| LocateError::NotFound {
            start: cwd.to_path_buf(),
        })
}

/// [`find_kb`] with this process's `ERRDEX_KB` and current folder.
pub fn find_kb_here(flag: Option<&Path>) -> Result<PathBuf, LocateError> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    find_kb(flag, std::env::var_os(ENV_VAR).as_deref(), &cwd)
}

/// The folder a named place stands for: itself when it holds `kb.json`, its parent when it is
/// a file called `kb.json`.
fn named_folder(path: &Path) -> Option<PathBuf> {
    if path.join(KB_FILE).is_file() {
        return Some(path.to_path_buf());
    }
    let is_kb_file = path.file_name() == Some(OsStr::new(KB_FILE)) && path.is_file();
    is_kb_file.then(|| match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `root/generated/kb.json`, `root/other/kb.json` and an empty `root/a/b/c`.
    fn tree() -> tempfile::TempDir {
        let root = tempfile::tempdir().expect("temp dir");
        for dir in ["generated", "other", "a/b/c"] {
            std::fs::create_dir_all(root.path().join(dir)).expect("mkdir");
        }
        for file in ["generated/kb.json", "other/kb.json"] {
            std::fs::write(root.path().join(file), "{}").expect("write");
        }
        root
    }

    #[test]
    fn walks_up_to_the_nearest_generated_folder() {
        let root = tree();
        let deep = root.path().join("a/b/c");
        assert_eq!(
            find_kb(None, None, &deep),
            Ok(root.path().join("generated"))
        );
        // An empty ERRDEX_KB counts as unset.
        assert_eq!(
            find_kb(None, Some(OsStr::new("")), &deep),
            Ok(root.path().join("generated"))
        );
    }

    #[test]
    fn the_flag_beats_the_variable_and_both_beat_the_walk() {
        let root = tree();
        let other = root.path().join("other");
        let env = other.join("kb.json");
        assert_eq!(
            find_kb(None, Some(env.as_os_str()), root.path()),
            Ok(other.clone())
        );
        let generated = root.path().join("generated");
        assert_eq!(
            find_kb(Some(&generated), Some(env.as_os_str()), root.path()),
            Ok(generated)
        );
    }

    #[test]
    fn a_named_place_without_a_knowledge_base_is_an_error() {
        let root = tree();
        let empty = root.path().join("a");
        let err = find_kb(None, Some(empty.as_os_str()), root.path()).expect_err("no kb");
        assert_eq!(
            err,
            LocateError::Named {
                origin: Origin::Env,
                path: empty.clone()
            }
        );
        assert!(err.to_string().starts_with("ERRDEX_KB="), "{err}");
        let err = find_kb(Some(&empty), None, root.path()).expect_err("no kb");
        assert!(err.to_string().starts_with("--kb "), "{err}");
    }

    #[test]
    fn nothing_found_names_where_it_looked() {
        let root = tempfile::tempdir().expect("temp dir");
        let err = match find_kb(None, None, root.path()) {
            Err(err) => err,
            // Some parent of the temporary folder has a knowledge base of its own.
            Ok(found) => {
                assert!(!found.starts_with(root.path()), "{}", found.display());
                LocateError::NotFound {
                    start: root.path().to_path_buf(),
                }
            }
        };
        let text = err.to_string();
        assert!(text.contains(&root.path().display().to_string()), "{text}");
        assert!(text.contains("generated/kb.json"), "{text}");
        assert!(text.contains("or any parent folder"), "{text}");
    }
}
