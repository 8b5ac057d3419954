//! Ingest: find the source files, read them, decode them, sniff their format.
//!
//! Steps: walk every given path (folders recursively, hidden entries skipped, sorted so the
//! order never depends on the file system), read each file, reject what is not text (a NUL
//! byte, invalid UTF-8) with the line where it goes wrong, strip a UTF-8 BOM, normalize line
//! endings, and give each source a stable id (its file stem, made unique by its parent folder
//! where two files share a stem). This is the only stage besides `emit` that touches the disk.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::Diagnostic;
use crate::parse::{Format, sniff};

/// One decoded source file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Stable id: the file stem (`000_6817c9c560a1ff8f`), unique within one build.
    pub id: String,
    /// The path as given or found, with `/` separators.
    pub path: String,
    /// Decoded text, BOM removed, `\r\n` turned into `\n`.
    pub text: String,
    /// The sniffed format.
    pub format: Format,
    /// Hex SHA-256 of the raw bytes.
    pub sha256: String,
}

/// Lists the files under `paths` in a stable order. Missing paths are reported.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_file() {
            files.push(path.clone());
            continue;
        }
        if !path.is_dir() {
            problems.push(Diagnostic::file(path, "no such file or folder"));
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() => files.push(entry.into_path()),
                Ok(_) => {}
                Err(err) => {
                    let at = err.path().unwrap_or(path).to_path_buf();
                    problems.push(Diagnostic::file(&at, format!("cannot read: {err}")));
                }
            }
        }
    }
    files.sort();
    files.dedup();
    (files, problems)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Decodes raw bytes into text, or says why they are not a text document. Line ends become
/// `\n`; the bytes are reused when they already are UTF-8 text without a BOM or `\r`.
pub fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
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

/// Reads and decodes one file under the id [`source_ids`] gave it.
pub fn read_source(path: &Path, id: String) -> Result<SourceFile, Diagnostic> {
    let shown = display_path(path);
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

/// The id of every file, in the same order: its stem, or its path without extension where
/// two files share a stem.
pub fn source_ids(files: &[PathBuf]) -> Vec<String> {
    let paths: Vec<String> = files.iter().map(|p| display_path(p)).collect();
    unique_ids(&paths)
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
    fn ids_are_stems_made_unique() {
        let files = [
            PathBuf::from("a/x.txt"),
            PathBuf::from("./b/x.txt"),
            PathBuf::from("b/y.md"),
        ];
        assert_eq!(source_ids(&files), vec!["a/x", "b/x", "y"]);
    }
}
