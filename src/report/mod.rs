//! Printers for `check` findings: one per format over the same findings.
//!
//! - [`human`]: rustc-style blocks with quoted source lines, colour on request.
//! - [`json`]: the findings array.
//! - [`sarif`]: SARIF 2.1.0 for code-scanning viewers.
//!
//! Printers are pure: they get the findings and a [`SourceMap`] (source id → path and lines).
//! [`SourceMap::read`] is the one place that reads files, at the edge, for the CLI.

pub mod human;
pub mod json;
pub mod sarif;

use std::collections::BTreeMap;

use crate::check::Finding;
use crate::kb::Source;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// rustc-style text for people.
    #[default]
    Human,
    /// The findings array as JSON.
    Json,
    /// SARIF 2.1.0.
    Sarif,
}

/// Source ids with their path and text, for quoting lines and naming files.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    sources: BTreeMap<String, (String, Vec<String>)>,
}

impl SourceMap {
    /// An empty map: locations print as `id:line`, nothing is quoted.
    pub fn new() -> Self {
        SourceMap::default()
    }

    /// Adds a source's path and text.
    pub fn insert(&mut self, id: &str, path: &str, text: &str) {
        let lines = text.lines().map(str::to_string).collect();
        self.sources
            .insert(id.to_string(), (path.to_string(), lines));
    }

    /// Reads every source's file; a file that cannot be read is named but not quoted.
    pub fn read(sources: &[Source]) -> Self {
        let mut map = SourceMap::new();
        for source in sources {
            let text = std::fs::read(&source.path)
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                .unwrap_or_default();
            map.insert(
                &source.id,
                &source.path,
                text.trim_start_matches('\u{feff}'),
            );
        }
        map
    }

    /// The path of a source, or its id when unknown.
    pub fn path<'a>(&'a self, id: &'a str) -> &'a str {
        self.sources.get(id).map_or(id, |(path, _)| path.as_str())
    }

    /// A 1-based line of a source, if known.
    pub fn line(&self, id: &str, line: u32) -> Option<&str> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        self.sources
            .get(id)
            .and_then(|(_, lines)| lines.get(index))
            .map(String::as_str)
    }
}

/// Renders findings in a format. `color` applies to [`Format::Human`] only.
pub fn render(format: Format, findings: &[Finding], sources: &SourceMap, color: bool) -> String {
    match format {
        Format::Human => human::render(findings, sources, color),
        Format::Json => json::render(findings),
        Format::Sarif => sarif::render(findings, sources),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based() {
        let mut map = SourceMap::new();
        map.insert("a", "docs/a.md", "one\ntwo\n");
        assert_eq!(map.line("a", 2), Some("two"));
        assert_eq!(map.line("a", 0), None);
        assert_eq!(map.line("a", 3), None);
        assert_eq!(map.path("a"), "docs/a.md");
        assert_eq!(map.path("b"), "b");
    }
}
