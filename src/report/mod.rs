//! Every printer of the command line, over one [`Format`]:
//!
//! - `check` findings: [`human`] (rustc-style blocks with quoted source lines, colour on
//!   request), [`json`] (the findings array), [`sarif`] (SARIF 2.1.0 for code-scanning viewers);
//!   all through [`findings`]; `check --summary`: [`summary`] (counts per kind and service).
//! - `explain`: [`explain`] (a `rustc --explain`-style text, or the [`errdex_core::Lookup`] as
//!   JSON).
//! - `search`: [`search`] (numbered hits with marked snippets, or JSON).
//! - `annotate`: [`annotate`] (one block per task, or the annotated input as JSON).
//! - `diff`: [`diff`] (changes grouped by service like a compiler's messages, the
//!   [`errdex_core::diff::KbDiff`] as JSON, or Markdown for a changelog).
//!
//! Printers are pure: they get what the library answered and, for findings, a [`SourceMap`]
//! (source id → path and lines). [`SourceMap::read`] is the one place that reads files, at the
//! edge, for the CLI.

pub mod annotate;
pub mod diff;
pub mod explain;
pub mod human;
pub mod json;
pub mod sarif;
pub mod search;
pub mod summary;

use std::collections::BTreeMap;

use errdex_core::kb::{Finding, Place, Source};

/// An output format. SARIF is for findings only, Markdown for `diff`; the other printers take
/// human or JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// rustc-style text for people.
    #[default]
    Human,
    /// The findings array as JSON.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// Markdown, for a changelog or a pull-request comment (`diff`).
    Markdown,
}

/// Source ids with their path and text, for quoting lines and naming files.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    sources: BTreeMap<String, (String, Vec<String>)>,
    source_url: Option<String>,
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

    /// Reads every source's file (paths are relative to the project `root`); a file that cannot
    /// be read is named but not quoted.
    pub fn read(sources: &[Source], root: &std::path::Path) -> Self {
        let mut map = SourceMap::new();
        for source in sources {
            let path = root.join(&source.path);
            let text = std::fs::read(&path)
                .ok()
                .and_then(|bytes| errdex_core::ingest::decode(&path, bytes).ok())
                .unwrap_or_default();
            map.insert(
                &source.id,
                &source.path,
                text.trim_start_matches('\u{feff}'),
            );
        }
        map
    }

    /// Sets the upstream web address template (`errdex.toml`'s `source_url`).
    pub fn with_source_url(mut self, template: Option<&str>) -> Self {
        self.source_url = template.map(str::to_string);
        self
    }

    /// A line of a source as every JSON output shows it: id, path, line and upstream address.
    pub fn place(&self, id: &str, line: u32) -> Place {
        let path = self.path(id);
        Place {
            source: id.to_string(),
            path: path.to_string(),
            line,
            url: self
                .source_url
                .as_deref()
                .map(|template| errdex_core::kb::upstream_url(template, path, line)),
        }
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
pub fn findings(format: Format, findings: &[Finding], sources: &SourceMap, color: bool) -> String {
    match format {
        Format::Human | Format::Markdown => human::render(findings, sources, color),
        Format::Json => json::render(findings, sources),
        Format::Sarif => sarif::render(findings, sources),
    }
}

/// `1 error, 0 warnings, 3 notes`.
pub fn counted(summary: &errdex_core::check::Summary) -> String {
    let plural = |n: usize, word: &str| match n {
        1 => format!("{n} {word}"),
        _ => format!("{n} {word}s"),
    };
    format!(
        "{}, {}, {}",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.notes, "note")
    )
}

/// Pretty JSON with a final newline: the JSON of every printer.
pub fn pretty_json(value: &impl serde::Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
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
