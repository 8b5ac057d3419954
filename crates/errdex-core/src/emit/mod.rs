//! Emit: the knowledge base in, output files out.
//!
//! Every emitter adds files (relative path → bytes) to an [`Outputs`] set; [`Outputs`] is the
//! only thing that touches the output folder. Files go into a fresh sibling folder (as they are
//! added, for a staged set), which then replaces the output folder with two renames, so a build
//! that fails at any point leaves the previous output exactly as it was.

pub mod json;
pub mod rust;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A set of output files, relative path → content.
///
/// Two ways to hold them: in memory ([`Outputs::default`], for tests and small builds), or
/// staged ([`Outputs::staged`]): each file goes straight into a fresh folder beside the output
/// folder as it is added, so a large build never holds all its pages in memory at once. Either
/// way nothing in the output folder changes until [`Outputs::write_atomically`].
#[derive(Debug, Default)]
pub struct Outputs {
    memory: BTreeMap<PathBuf, Vec<u8>>,
    staging: Option<tempfile::TempDir>,
    /// The first write error of a staged set, reported by `write_atomically`.
    failure: Option<(PathBuf, std::io::Error)>,
}

impl Outputs {
    /// A set that writes each file as it is added into a new folder beside `out_dir`.
    pub fn staged(out_dir: &Path) -> Result<Self> {
        let parent = parent_of(out_dir);
        std::fs::create_dir_all(&parent).map_err(|source| Error::Write {
            path: parent.clone(),
            source,
        })?;
        remove_abandoned_folders(&parent, &name_of(out_dir));
        let staging = tempfile::Builder::new()
            .prefix(&format!(
                ".{}.new-{}-",
                name_of(out_dir),
                std::process::id()
            ))
            .tempdir_in(&parent)
            .map_err(|source| Error::Write {
                path: parent.clone(),
                source,
            })?;
        Ok(Outputs {
            staging: Some(staging),
            ..Outputs::default()
        })
    }

    /// Adds (or replaces) one file.
    pub fn add(&mut self, path: impl Into<PathBuf>, content: impl Into<Vec<u8>>) {
        let path = path.into();
        let Some(staging) = &self.staging else {
            self.memory.insert(path, content.into());
            return;
        };
        if self.failure.is_some() {
            return;
        }
        let target = staging.path().join(&path);
        let written = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&target, content.into()));
        if let Err(err) = written {
            self.failure = Some((path, err));
        }
    }

    /// The files held in memory, sorted by path (none for a staged set).
    pub fn files(&self) -> impl Iterator<Item = (&Path, &[u8])> {
        self.memory.iter().map(|(p, c)| (p.as_path(), c.as_slice()))
    }

    /// The content of one file, if present.
    pub fn get(&self, path: &str) -> Option<Cow<'_, [u8]>> {
        match &self.staging {
            None => self
                .memory
                .get(Path::new(path))
                .map(|c| Cow::Borrowed(c.as_slice())),
            Some(staging) => std::fs::read(staging.path().join(path))
                .ok()
                .map(Cow::Owned),
        }
    }

    /// Writes every file under `out_dir`, replacing its previous content as a whole.
    ///
    /// `keep` names sub-folders of the previous output that are carried over when the new set
    /// does not provide them (the search index, which is rebuilt only when the knowledge base
    /// changes).
    pub fn write_atomically(self, out_dir: &Path, keep: &[&str]) -> Result<()> {
        let write_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Write { path, source }
        };
        if let Some((path, source)) = self.failure {
            return Err(Error::Write {
                path: out_dir.join(path),
                source,
            });
        }
        let staging = match self.staging {
            Some(staging) => staging,
            None => {
                let mut staged = Outputs::staged(out_dir)?;
                for (path, content) in self.memory {
                    staged.add(path, content);
                }
                return staged.write_atomically(out_dir, keep);
            }
        };
        for folder in keep {
            let old = out_dir.join(folder);
            let new = staging.path().join(folder);
            if old.is_dir() && !new.exists() {
                copy_dir(&old, &new).map_err(write_err(&old))?;
            }
        }
        let staged = staging.keep();
        replace_folder(&staged, out_dir).map_err(|source| {
            let _ = std::fs::remove_dir_all(&staged);
            Error::Write {
                path: out_dir.to_path_buf(),
                source,
            }
        })
    }
}

/// Replaces the folder `target` (if any) with the folder `staged` by two renames, so a reader
/// sees either the old folder or the new one, never a mix: `target` moves aside to
/// `.NAME.old-PID`, `staged` takes its place, and the old one is removed. When the second rename
/// fails, the old folder is put back. The one atomic folder swap of errdex (outputs, index).
pub fn replace_folder(staged: &Path, target: &Path) -> std::io::Result<()> {
    let retired =
        parent_of(target).join(format!(".{}.old-{}", name_of(target), std::process::id()));
    let had_old = target.exists();
    if had_old {
        if retired.exists() {
            std::fs::remove_dir_all(&retired)?;
        }
        std::fs::rename(target, &retired)?;
    }
    if let Err(err) = std::fs::rename(staged, target) {
        if had_old {
            let _ = std::fs::rename(&retired, target);
        }
        return Err(err);
    }
    if had_old {
        std::fs::remove_dir_all(&retired)?;
    }
    Ok(())
}

/// Removes the staging and retired folders (`.NAME.new-PID-…`, `.NAME.old-PID`) that a build
/// killed half-way left beside the output folder: those whose process is gone. A folder of a
/// build still running (its process alive) is left alone.
fn remove_abandoned_folders(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name
            .strip_prefix(&format!(".{name}.new-"))
            .or_else(|| file_name.strip_prefix(&format!(".{name}.old-")))
        else {
            continue;
        };
        let pid = rest
            .split('-')
            .next()
            .and_then(|pid| pid.parse::<u32>().ok());
        let abandoned = match pid {
            Some(pid) => pid != std::process::id() && !process_alive(pid),
            // Folders of older errdex versions carry no process id.
            None => true,
        };
        if abandoned && entry.path().is_dir() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether a process runs; where that cannot be told (no `/proc`), it is assumed to.
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

fn parent_of(out_dir: &Path) -> PathBuf {
    match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn name_of(out_dir: &Path) -> String {
    out_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "generated".to_string())
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

    #[test]
    fn staged_set_writes_as_it_goes_and_swaps_at_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("generated");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("kb.json"), "old").unwrap();
        let mut outputs = Outputs::staged(&out).unwrap();
        outputs.add("kb.json", "new");
        outputs.add("site/a/b.html", "page");
        assert_eq!(outputs.get("kb.json").as_deref(), Some(&b"new"[..]));
        assert_eq!(std::fs::read_to_string(out.join("kb.json")).unwrap(), "old");
        outputs.write_atomically(&out, &[]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("kb.json")).unwrap(), "new");
        assert!(out.join("site/a/b.html").exists());
    }

    #[test]
    fn folders_of_killed_builds_are_removed_by_the_next_one() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("generated");
        // A process id that cannot be alive (above Linux's pid_max), and an old-style name.
        for leftover in [
            ".generated.new-4194305-abc",
            ".generated.old-4194305",
            ".generated.new-XyZ12",
        ] {
            std::fs::create_dir_all(dir.path().join(leftover).join("site")).unwrap();
        }
        let running = format!(".generated.new-{}-live", std::process::id());
        std::fs::create_dir_all(dir.path().join(&running)).unwrap();
        let mut outputs = Outputs::staged(&out).unwrap();
        outputs.add("kb.json", "{}");
        outputs.write_atomically(&out, &[]).unwrap();
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, vec![running, "generated".to_string()]);
    }

    #[test]
    fn dropped_staged_set_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("generated");
        let mut outputs = Outputs::staged(&out).unwrap();
        outputs.add("kb.json", "new");
        drop(outputs);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        assert!(!out.exists());
    }
}
