//! A release of the documentation as a knowledge base, however it is given: a built
//! `kb.json` (or the folder holding it), source files and folders compiled on the fly, or the
//! sources as they were at a git revision, compiled from the repository's own objects (`git
//! archive` into a temporary folder) without touching the work tree. Used by `errdex diff`,
//! `errdex build --baseline` and `errdex explain --history`.

use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context as _, anyhow, bail};
use errdex_core::kb::KnowledgeBase;
use errdex_core::{Build, Error};

/// How the sources of a release are compiled: the config and the excluded globs.
#[derive(Debug, Clone, Default)]
pub struct Compile {
    /// `errdex.toml` (read from the work tree, whatever the revision).
    pub config: Option<PathBuf>,
    /// `--exclude` globs.
    pub exclude: Vec<String>,
}

impl Compile {
    fn build(&self, root: Option<&Path>, sources: &[PathBuf]) -> Build {
        let mut build = Build::new();
        if let Some(config) = &self.config {
            build = build.config(config);
        }
        if let Some(root) = root {
            build = build.root(root);
        }
        for glob in &self.exclude {
            build = build.exclude(glob.clone());
        }
        for source in sources {
            build = build.source(source);
        }
        build
    }

    /// Compiles sources (files and folders) into a knowledge base; `root` is the folder
    /// source paths are written relative to.
    pub fn sources(
        &self,
        root: Option<&Path>,
        sources: &[PathBuf],
    ) -> anyhow::Result<KnowledgeBase> {
        match self.build(root, sources).compile() {
            Ok(compiled) => Ok(compiled.kb),
            Err(Error::BadInput(problems)) => {
                let listed: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                bail!("the sources have errors:\n{}", listed.join("\n"))
            }
            Err(err) => Err(err.into()),
        }
    }

    /// Compiles `paths` (relative to the current folder, as in the work tree) as they were at
    /// git revision `rev`. Source paths in the result are the work tree's.
    pub fn at_revision(&self, rev: &str, paths: &[PathBuf]) -> anyhow::Result<KnowledgeBase> {
        let checkout = Checkout::new(rev, paths)?;
        let sources: Vec<PathBuf> = paths.iter().map(|p| checkout.here.join(p)).collect();
        self.sources(Some(&checkout.here), &sources)
            .with_context(|| format!("compiling the sources at {rev}"))
    }
}

/// The sources of one revision, unpacked into a temporary folder (removed when dropped).
struct Checkout {
    _dir: tempfile::TempDir,
    /// The folder that stands for the current folder of the work tree.
    here: PathBuf,
}

impl Checkout {
    fn new(rev: &str, paths: &[PathBuf]) -> anyhow::Result<Checkout> {
        let commit = resolve(rev)?;
        // Inside a work tree paths are relative to the current folder; in a bare repository
        // (GIT_DIR) to the repository's root.
        let prefix = git(&["rev-parse", "--show-prefix"])
            .map(|p| p.trim().to_string())
            .unwrap_or_default();
        let top = git(&["rev-parse", "--show-toplevel"])
            .ok()
            .map(|t| PathBuf::from(t.trim()));
        let mut specs = Vec::new();
        for path in paths {
            let relative = if path.is_absolute() {
                let top = top
                    .as_ref()
                    .ok_or_else(|| anyhow!("{} is not inside the work tree", path.display()))?;
                path.strip_prefix(top)
                    .map_err(|_| {
                        anyhow!(
                            "{} is not inside the work tree {}",
                            path.display(),
                            top.display()
                        )
                    })?
                    .to_path_buf()
            } else {
                Path::new(&prefix).join(path)
            };
            let spec = lexical(&relative)
                .ok_or_else(|| anyhow!("{} leaves the repository", path.display()))?;
            specs.push(if spec.is_empty() {
                ".".to_string()
            } else {
                spec
            });
        }
        let dir = tempfile::Builder::new().prefix("errdex-rev-").tempdir()?;
        let mut archive = Command::new("git");
        if let Some(top) = &top {
            archive.arg("-C").arg(top);
        }
        archive
            .args(["archive", "--format=tar", &commit, "--"])
            .args(&specs)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = archive.spawn().context("running git")?;
        let stdout = child.stdout.take().expect("piped");
        let untar = Command::new("tar")
            .arg("-x")
            .arg("-C")
            .arg(dir.path())
            .stdin(stdout)
            .stderr(Stdio::piped())
            .output()
            .context("running tar")?;
        let archived = child.wait_with_output()?;
        if !archived.status.success() {
            bail!(
                "git archive {rev} -- {}: {}",
                specs.join(" "),
                String::from_utf8_lossy(&archived.stderr).trim()
            );
        }
        if !untar.status.success() {
            bail!("tar: {}", String::from_utf8_lossy(&untar.stderr).trim());
        }
        let here = dir.path().join(&prefix);
        std::fs::create_dir_all(&here)?;
        Ok(Checkout { _dir: dir, here })
    }
}

/// A path with `.` and `..` resolved lexically, `/`-separated; `None` when it climbs out.
fn lexical(path: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            _ => {}
        }
    }
    Some(parts.join("/"))
}

/// Runs git and returns its standard output; an error names the command and what git said.
fn git(args: &[&str]) -> anyhow::Result<String> {
    let output = Command::new("git")
        .args(args)
        .output()
        .context("running git (is it installed?)")?;
    if !output.status.success() {
        bail!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The commit a revision names.
pub fn resolve(rev: &str) -> anyhow::Result<String> {
    let spec = format!("{rev}^{{commit}}");
    git(&["rev-parse", "--verify", "--quiet", &spec])
        .map(|hash| hash.trim().to_string())
        .map_err(|_| anyhow!("{rev} is not a revision of this git repository"))
}

/// The commits of a range (`v1..v2`, or one revision: itself) that changed `paths`, oldest
/// first, each with a label: its short hash and date (`a1b2c3d 2024-05-01`).
pub fn revisions(range: &str, paths: &[PathBuf]) -> anyhow::Result<Vec<(String, String)>> {
    let mut args = vec![
        "log".to_string(),
        "--reverse".to_string(),
        "--format=%H %h %cs".to_string(),
    ];
    if range.contains("..") {
        args.push(range.to_string());
        // The range's first commit is the state the history starts from.
        if let Some((from, _)) = range.split_once("..")
            && !from.is_empty()
        {
            let first = resolve(from)?;
            let mut list = vec![(first.clone(), label_of(&first)?)];
            list.extend(log(&args, paths)?);
            return Ok(list);
        }
    } else {
        args.push(range.to_string());
    }
    log(&args, paths)
}

fn log(args: &[String], paths: &[PathBuf]) -> anyhow::Result<Vec<(String, String)>> {
    let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
    all.push("--");
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    all.extend(shown.iter().map(String::as_str));
    let out = git(&all)?;
    Ok(out
        .lines()
        .filter_map(|line| {
            let (hash, label) = line.split_once(' ')?;
            Some((hash.to_string(), label.to_string()))
        })
        .collect())
}

fn label_of(commit: &str) -> anyhow::Result<String> {
    Ok(git(&["log", "-1", "--format=%h %cs", commit])?
        .trim()
        .to_string())
}

/// Reads a `kb.json`, or the `kb.json` of a folder.
pub fn read_kb(path: &Path) -> anyhow::Result<KnowledgeBase> {
    let file = if path.is_dir() {
        path.join("kb.json")
    } else {
        path.to_path_buf()
    };
    let text = std::fs::read_to_string(&file)
        .map_err(|err| anyhow!("cannot read {}: {err}", file.display()))?;
    serde_json::from_str(&text).map_err(|err| anyhow!("{}: not a kb.json: {err}", file.display()))
}

/// Whether a path is a built knowledge base: a `.json` file, or a folder holding `kb.json`.
pub fn is_kb(path: &Path) -> bool {
    (path.is_file() && path.extension().is_some_and(|e| e == "json"))
        || path.join("kb.json").is_file()
}

/// A release given on the command line: a knowledge base when it is one, else sources.
pub fn load(path: &Path, compile: &Compile) -> anyhow::Result<KnowledgeBase> {
    if !path.exists() {
        bail!("{} does not exist", path.display());
    }
    match is_kb(path) {
        true => read_kb(path),
        false => compile.sources(None, &[path.to_path_buf()]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_lexically() {
        assert_eq!(lexical(Path::new("docs/./a/../b")), Some("docs/b".into()));
        assert_eq!(lexical(Path::new(".")), Some(String::new()));
        assert_eq!(lexical(Path::new("../x")), None);
    }
}
