//! Emit: the knowledge base in, output files out.
//!
//! Every emitter is a pure function that adds files (relative path → bytes) to an [`Outputs`]
//! set; [`Outputs::write_atomically`] is the only place that touches the output folder. It
//! writes the whole set into a fresh sibling folder, then swaps it in with two renames, so a
//! build that fails at any point leaves the previous output exactly as it was.

pub mod json;
pub mod rust;
pub mod site;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A set of output files, relative path → content, in sorted order.
#[derive(Debug, Default, Clone)]
pub struct Outputs {
    files: BTreeMap<PathBuf, Vec<u8>>,
}

impl Outputs {
    /// Adds (or replaces) one file.
    pub fn add(&mut self, path: impl Into<PathBuf>, content: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), content.into());
    }

    /// The files, sorted by path.
    pub fn files(&self) -> impl Iterator<Item = (&Path, &[u8])> {
        self.files.iter().map(|(p, c)| (p.as_path(), c.as_slice()))
    }

    /// The content of one file, if present.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(Path::new(path)).map(Vec::as_slice)
    }

    /// Writes every file under `out_dir`, replacing its previous content as a whole.
    ///
    /// `keep` names sub-folders of the previous output that are carried over when the new set
    /// does not provide them (the search index, which is rebuilt only when the knowledge base
    /// changes).
    pub fn write_atomically(&self, out_dir: &Path, keep: &[&str]) -> Result<()> {
        let write_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Write { path, source }
        };
        let parent = match out_dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(write_err(&parent))?;
        let name = out_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "generated".to_string());
        let staging = tempfile::Builder::new()
            .prefix(&format!(".{name}.new-"))
            .tempdir_in(&parent)
            .map_err(write_err(&parent))?;
        for (relative, content) in &self.files {
            let path = staging.path().join(relative);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(write_err(dir))?;
            }
            std::fs::write(&path, content).map_err(write_err(&out_dir.join(relative)))?;
        }
        for folder in keep {
            let old = out_dir.join(folder);
            let new = staging.path().join(folder);
            if old.is_dir() && !new.exists() {
                copy_dir(&old, &new).map_err(write_err(&old))?;
            }
        }
        let staged = staging.keep();
        let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
        if out_dir.exists() {
            if retired.exists() {
                std::fs::remove_dir_all(&retired).map_err(write_err(&retired))?;
            }
            if let Err(err) = std::fs::rename(out_dir, &retired) {
                let _ = std::fs::remove_dir_all(&staged);
                return Err(Error::Write {
                    path: out_dir.to_path_buf(),
                    source: err,
                });
            }
        }
        if let Err(err) = std::fs::rename(&staged, out_dir) {
            // Put the previous output back before reporting.
            if retired.exists() {
                let _ = std::fs::rename(&retired, out_dir);
            }
            let _ = std::fs::remove_dir_all(&staged);
            return Err(Error::Write {
                path: out_dir.to_path_buf(),
                source: err,
            });
        }
        if retired.exists() {
            std::fs::remove_dir_all(&retired).map_err(write_err(&retired))?;
        }
        Ok(())
    }
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swaps_output_and_keeps_named_folders() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("generated");
        std::fs::create_dir_all(out.join("index")).unwrap();
        std::fs::write(out.join("index/meta"), "old index").unwrap();
        std::fs::write(out.join("stale.txt"), "stale").unwrap();
        let mut outputs = Outputs::default();
        outputs.add("kb.json", "{}\n");
        outputs.add("site/index.html", "<html></html>");
        outputs.write_atomically(&out, &["index"]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("kb.json")).unwrap(),
            "{}\n"
        );
        assert!(out.join("site/index.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("index/meta")).unwrap(),
            "old index"
        );
        assert!(!out.join("stale.txt").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders left behind");
    }
}
