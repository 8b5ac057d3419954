//! Ingest: find the source files, read them, decode them, sniff their format.
//!
//! Steps: walk every given path (folders recursively, sorted so the order never depends on the
//! file system) and keep the documents: in a walked folder, hidden entries, what a
//! `.errdexignore` (gitignore syntax, in the folder or above it) names, files outside
//! `[sources] include` or inside `exclude`, and files that are not documents by their extension
//! (figures, scripts, data) are left out quietly and counted; a file named on the command line
//! is always read. Then read each file, decode it (UTF-8, or UTF-16 / UTF-8 with a byte-order
//! mark), reject what is not text (a NUL byte, invalid UTF-8) with the line where it goes
//! wrong, normalize line endings, and give each source a path relative to the project root and
//! a stable id (its file stem, made unique by its folder where two files share a stem). This is
//! the only stage besides `emit` that touches the disk.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::error::Diagnostic;
use crate::parse::{Format, sniff};

/// The name of the ignore file read in walked folders and their parents (gitignore syntax).
pub const IGNORE_FILE: &str = ".errdexignore";

/// File extensions of documents (lower case). In a walked folder, a file with another
/// extension is not read; a file without an extension is.
pub const DOCUMENT_EXTENSIONS: &[&str] = &[
    "htm", "html", "markdown", "md", "mdown", "mdx", "mkd", "rest", "rst", "text", "txt", "xhtml",
];

/// One decoded source file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Stable id: the file stem (`000_6817c9c560a1ff8f`), unique within one build.
    pub id: String,
    /// The path relative to the project root, with `/` separators.
    pub path: String,
    /// Decoded text, BOM removed, `\r\n` turned into `\n`.
    pub text: String,
    /// The sniffed format.
    pub format: Format,
    /// Hex SHA-256 of the raw bytes.
    pub sha256: String,
}

/// Which files of a walked folder are sources, beyond hidden entries, `.errdexignore` and
/// document extensions: `[sources] include` / `exclude` globs, matched against the path
/// relative to the project root (`doc/source/**`, `**/figures/**`).
#[derive(Debug, Clone, Default)]
pub struct SourceFilter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl SourceFilter {
    /// A filter from glob lists (an empty include list includes everything). A glob that
    /// cannot be read is an error naming it.
    pub fn new(include: &[String], exclude: &[String]) -> Result<SourceFilter, String> {
        let set = |globs: &[String]| -> Result<Option<GlobSet>, String> {
            if globs.is_empty() {
                return Ok(None);
            }
            let mut builder = GlobSetBuilder::new();
            for glob in globs {
                let glob = Glob::new(glob).map_err(|err| format!("bad glob `{glob}`: {err}"))?;
                builder.add(glob);
            }
            builder.build().map(Some).map_err(|err| err.to_string())
        };
        Ok(SourceFilter {
            include: set(include)?,
            exclude: set(exclude)?,
        })
    }

    /// Whether a walked file, by its path relative to the project root, is a source.
    pub fn admits(&self, relative: &str) -> bool {
        self.include
            .as_ref()
            .is_none_or(|set| set.is_match(relative))
            && !self
                .exclude
                .as_ref()
                .is_some_and(|set| set.is_match(relative))
    }
}

/// What [`discover`] found.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    /// The files to read, sorted.
    pub files: Vec<PathBuf>,
    /// Paths that do not exist or cannot be walked.
    pub problems: Vec<Diagnostic>,
    /// Files of walked folders left out because they are not documents, by extension
    /// (`png` → 1,828); `.errdexignore`d and excluded files are not counted.
    pub skipped: BTreeMap<String, usize>,
}

/// Lists the source files under `paths` in a stable order. Missing paths are reported.
pub fn discover(paths: &[PathBuf], root: &Path, filter: &SourceFilter) -> Discovery {
    let mut found = Discovery::default();
    for path in paths {
        if path.is_file() {
            found.files.push(path.clone());
            continue;
        }
        if !path.is_dir() {
            found
                .problems
                .push(Diagnostic::file(path, "no such file or folder".to_string()));
            continue;
        }
        let walker = ignore::WalkBuilder::new(path)
            .standard_filters(false)
            .hidden(true)
            .parents(true)
            .add_custom_ignore_filename(IGNORE_FILE)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    found
                        .problems
                        .push(Diagnostic::file(path, format!("cannot read: {err}")));
                    continue;
                }
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let file = entry.into_path();
            if !filter.admits(&relative_path(root, &file)) {
                continue;
            }
            match document_extension(&file) {
                Ok(()) => found.files.push(file),
                Err(extension) => *found.skipped.entry(extension).or_default() += 1,
            }
        }
    }
    found.files.sort();
    found.files.dedup();
    found
}

/// `Ok` for a document by its extension, else the extension (lower case).
fn document_extension(path: &Path) -> Result<(), String> {
    let Some(extension) = path.extension() else {
        return Ok(());
    };
    let extension = extension.to_string_lossy().to_lowercase();
    if DOCUMENT_EXTENSIONS.contains(&extension.as_str()) {
        Ok(())
    } else {
        Err(extension)
    }
}

/// The path of `file` relative to `root`, with `/` separators: the same on every machine for
/// the same repository. Both are made absolute first (symbolic links resolved where the file
/// exists); a file outside the root gets `../` steps.
pub fn relative_path(root: &Path, file: &Path) -> String {
    let absolute = |path: &Path| {
        path.canonicalize().unwrap_or_else(|_| {
            std::env::current_dir()
                .map(|dir| dir.join(path))
                .unwrap_or_else(|_| path.to_path_buf())
        })
    };
    let (root, file) = (absolute(root), absolute(file));
    let root_parts: Vec<Component> = root.components().collect();
    let file_parts: Vec<Component> = file.components().collect();
    let shared = root_parts
        .iter()
        .zip(&file_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if shared == 0 {
        return display_path(&file);
    }
    let mut parts: Vec<String> = vec!["..".to_string(); root_parts.len() - shared];
    parts.extend(
        file_parts[shared..]
            .iter()
            .map(|part| part.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// Decodes raw bytes into text, or says why they are not a text document. A byte-order mark
/// says the encoding (UTF-8, UTF-16 little or big endian; decoded with `encoding_rs`, broken
/// sequences reported); without one the text must be UTF-8. Line ends become `\n`; the bytes
/// are reused when they already are UTF-8 text without a BOM or `\r`.
pub fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(&bytes) {
        if encoding == encoding_rs::UTF_8 {
            bytes.drain(..bom_length);
        } else {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
            if had_errors {
                let line = 1 + text[..text.find('\u{FFFD}').unwrap_or(0)]
                    .matches('\n')
                    .count();
                return Err(Diagnostic::at(
                    path,
                    u32::try_from(line).unwrap_or(u32::MAX),
                    format!("not valid {} (a broken character)", encoding.name()),
                ));
            }
            bytes = text.into_owned().into_bytes();
        }
    }
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(Diagnostic::at(
            path,
            line_of_offset(&bytes, at),
            "binary file (contains a NUL byte); expected a text document",
        ));
    }
    match String::from_utf8(bytes) {
        Ok(text) if memchr::memchr(b'\r', text.as_bytes()).is_some() => {
            Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
        }
        Ok(text) => Ok(text),
        Err(err) => {
            let valid_up_to = err.utf8_error().valid_up_to();
            Err(Diagnostic::at(
                path,
                line_of_offset(err.as_bytes(), valid_up_to),
                format!(
                    "not valid UTF-8 (byte {} of the file); re-save it as UTF-8",
                    valid_up_to + 1
                ),
            ))
        }
    }
}

fn line_of_offset(bytes: &[u8], offset: usize) -> u32 {
    let newlines = bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    u32::try_from(newlines + 1).unwrap_or(u32::MAX)
}

/// Reads and decodes one file under the id and shown path [`source_ids`] gave it.
pub fn read_source(path: &Path, id: String, shown: String) -> Result<SourceFile, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|err| Diagnostic::file(Path::new(&shown), format!("cannot read: {err}")))?;
    let sha256 = crate::shapes::sha256_hex(&bytes);
    let text = decode(Path::new(&shown), bytes)?;
    Ok(SourceFile {
        id,
        path: shown,
        format: sniff(&text),
        sha256,
        text,
    })
}

/// The id and shown path (relative to `root`) of every file, in the same order: the id is its
/// stem, or its path without extension where two files share a stem.
pub fn source_ids(files: &[PathBuf], root: &Path) -> Vec<(String, String)> {
    let paths: Vec<String> = files.iter().map(|p| relative_path(root, p)).collect();
    unique_ids(&paths).into_iter().zip(paths).collect()
}

/// Builds a source from text already in memory (tests, `build.rs` users with generated docs).
pub fn source_from_text(path: &str, text: &str) -> SourceFile {
    SourceFile {
        id: unique_ids(&[path.to_string()]).remove(0),
        path: path.to_string(),
        format: sniff(text),
        sha256: crate::shapes::sha256_hex(text.as_bytes()),
        text: text.replace("\r\n", "\n"),
    }
}

/// The path as shown in messages and `kb.json`: `/` separators, no leading `./`.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}

/// Ids are file stems; where stems collide, the path without extension is used instead.
fn unique_ids(paths: &[String]) -> Vec<String> {
    let stem = |path: &str| -> String {
        let name = path.rsplit('/').next().unwrap_or(path);
        match name.rfind('.') {
            Some(dot) if dot > 0 => name[..dot].to_string(),
            _ => name.to_string(),
        }
    };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for path in paths {
        *counts.entry(stem(path)).or_default() += 1;
    }
    paths
        .iter()
        .map(|path| {
            let id = stem(path);
            if counts[&id] == 1 {
                return id;
            }
            let path = path.trim_start_matches("../");
            match path.rfind('.') {
                Some(dot) if dot > path.rfind('/').map_or(0, |s| s + 1) => path[..dot].to_string(),
                _ => path.to_string(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bom_and_crlf() {
        let text = decode(Path::new("a.txt"), b"\xef\xbb\xbfa\r\nb".to_vec()).unwrap();
        assert_eq!(text, "a\nb");
    }

    #[test]
    fn rejects_binary_with_line() {
        let err = decode(Path::new("a.bin"), b"x\ny\n\0".to_vec()).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("binary"));
    }

    #[test]
    fn rejects_invalid_utf8_with_line() {
        let err = decode(Path::new("a.txt"), b"ok\n\xff\xfe".to_vec()).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("UTF-8"));
    }

    #[test]
    fn decodes_utf16_with_a_bom() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("表1\r\nok".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(Path::new("a.txt"), le).unwrap(), "表1\nok");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("a\nb".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(Path::new("a.txt"), be).unwrap(), "a\nb");
        let broken = vec![0xFF, 0xFE, b'a', 0, b'\n', 0, 0x00, 0xD8, b'b', 0];
        let err = decode(Path::new("a.txt"), broken).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("UTF-16LE"), "{}", err.message);
    }

    #[test]
    fn ids_are_stems_made_unique_and_paths_relative_to_the_root() {
        let root = tempfile::tempdir().unwrap();
        let files = [
            root.path().join("a/x.txt"),
            root.path().join("b/x.txt"),
            root.path().join("b/y.md"),
        ];
        let ids: Vec<(String, String)> = source_ids(&files, root.path());
        assert_eq!(
            ids,
            vec![
                ("a/x".to_string(), "a/x.txt".to_string()),
                ("b/x".to_string(), "b/x.txt".to_string()),
                ("y".to_string(), "b/y.md".to_string()),
            ]
        );
        let inner = root.path().join("docs");
        assert_eq!(
            relative_path(&inner, &root.path().join("seeds/a.txt")),
            "../seeds/a.txt"
        );
    }

    #[test]
    fn walking_keeps_documents_and_counts_the_rest() {
        let root = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &[u8]| {
            let path = root.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("docs/errors.md", b"# Errors");
        write("docs/README", b"plain");
        write("docs/figures/a.png", b"\x89PNG\0");
        write("docs/figures/b.PNG", b"\x89PNG\0");
        write("docs/data.json", b"{}");
        write("docs/.hidden/c.md", b"# hidden");
        write("docs/draft/d.md", b"# draft");
        write("docs/old/e.rst", b"Old");
        write(".errdexignore", b"draft/\n");
        let filter = SourceFilter::new(&[], &["**/old/**".to_string()]).unwrap();
        let found = discover(&[root.path().join("docs")], root.path(), &filter);
        let names: Vec<String> = found
            .files
            .iter()
            .map(|f| relative_path(root.path(), f))
            .collect();
        assert_eq!(names, vec!["docs/README", "docs/errors.md"]);
        assert_eq!(
            found.skipped,
            BTreeMap::from([("json".to_string(), 1), ("png".to_string(), 2)])
        );
        assert!(found.problems.is_empty());
        // Named explicitly, a figure is read (and then rejected as binary by the caller).
        let named = discover(
            &[root.path().join("docs/figures/a.png")],
            root.path(),
            &filter,
        );
        assert_eq!(named.files.len(), 1);
        let only = SourceFilter::new(&["docs/old/**".to_string()], &[]).unwrap();
        let found = discover(&[root.path().join("docs")], root.path(), &only);
        assert_eq!(found.files.len(), 1);
        assert!(
            SourceFilter::new(&["a/[".to_string()], &[])
                .unwrap_err()
                .contains("a/[")
        );
    }
}
