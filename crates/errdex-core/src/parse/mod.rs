//! Format parsers: source text in, [`Document`] IR out.
//!
//! Steps: [`sniff`] the format from the content (file names are not trusted: every seed is
//! `.txt`), then hand the text to the parser for that format. Each parser is a pure function of
//! the text; none does I/O. A parser reports broken structure (a ragged grid table, an unclosed
//! `<table>`) as [`ParseProblem`]s with the line, and never panics.

pub mod cells;
pub mod html;
pub mod markdown;
pub mod rst;
pub mod text;

use serde::{Deserialize, Serialize};

use crate::document::Document;

/// The source formats errdex reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Markdown (CommonMark + GFM pipe tables) with inline HTML tables.
    Markdown,
    /// reStructuredText: grid, simple and list tables.
    Rst,
    /// A whole HTML page or fragment.
    Html,
    /// Plain text copied from a rendered page, one block (paragraph, cell) per line.
    Text,
}

impl Format {
    /// The name used in `kb.json` and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Rst => "rst",
            Format::Html => "html",
            Format::Text => "text",
        }
    }
}

/// A structural problem found while parsing, at a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseProblem {
    /// 1-based line of the problem.
    pub line: u32,
    /// What is wrong, for a person.
    pub message: String,
}

impl ParseProblem {
    /// Builds a problem report.
    pub fn new(line: u32, message: impl Into<String>) -> Self {
        ParseProblem {
            line,
            message: message.into(),
        }
    }
}

/// Parses `text` as `format`.
pub fn parse(format: Format, text: &str) -> Result<Document, Vec<ParseProblem>> {
    match format {
        Format::Markdown => markdown::parse(text),
        Format::Rst => rst::parse(text),
        Format::Html => html::parse(text),
        Format::Text => text::parse(text),
    }
}

/// Guesses the format of `text` from its content.
///
/// Evidence is scored, not matched on the first hit: an HTML page starts with a doctype or
/// `<html>`; Markdown has ATX headings (`# `), pipe tables or inline `<table>` among prose; RST
/// has underlined titles, `.. directive::`, grid-table borders (`+---+`) or field lists like
/// `:original_name:`. Text with none of these is plain text.
pub fn sniff(text: &str) -> Format {
    let head: String = text.chars().take(4096).collect::<String>();
    let lower = head
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        return Format::Html;
    }
    let mut markdown = 0u32;
    let mut rst = 0u32;
    let mut html_tags = 0u32;
    let mut prose_lines = 0u32;
    let mut previous: Option<&str> = None;
    for line in text.lines().take(2000) {
        let trimmed = line.trim();
        if trimmed.starts_with("# ") || trimmed.starts_with("## ") || trimmed.starts_with("### ") {
            markdown += 3;
        }
        if trimmed.starts_with('|') && trimmed.ends_with('|') && trimmed.contains("---") {
            markdown += 3;
        }
        if trimmed.starts_with("```") {
            markdown += 2;
        }
        if trimmed.starts_with(".. ") && (trimmed.contains("::") || trimmed.starts_with(".. _")) {
            rst += 3;
        }
        if trimmed.starts_with("+-") && trimmed.ends_with('+') {
            rst += 3;
        }
        if trimmed.starts_with(":original_name:") {
            rst += 5;
        }
        if let Some(prev) = previous {
            let prev = prev.trim();
            if is_rst_underline(trimmed)
                && !prev.is_empty()
                && trimmed.len() >= prev.chars().count()
            {
                rst += 3;
            }
        }
        let starts_with = |prefix: &str| {
            trimmed
                .as_bytes()
                .get(..prefix.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
        };
        if ["<table", "<p", "<div", "</"].into_iter().any(starts_with) {
            html_tags += 1;
        }
        if !trimmed.is_empty() && !trimmed.starts_with('<') {
            prose_lines += 1;
        }
        previous = Some(line);
    }
    if markdown == 0 && rst == 0 && lower.starts_with('<') && html_tags * 2 > prose_lines {
        return Format::Html;
    }
    if html_tags > 0 {
        markdown += 2;
    }
    if markdown == 0 && rst == 0 {
        Format::Text
    } else if rst > markdown {
        Format::Rst
    } else {
        Format::Markdown
    }
}

/// True for an RST section underline such as `=====` or `-----`.
fn is_rst_underline(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some(first) if "=-~^\"'`#*+".contains(first) => {
            line.len() >= 3 && chars.all(|c| c == first)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_each_format() {
        assert_eq!(sniff("# Title\n\nSome text.\n"), Format::Markdown);
        assert_eq!(sniff("Title\n=====\n\n.. _anchor:\n\nText.\n"), Format::Rst);
        assert_eq!(
            sniff("<!DOCTYPE html>\n<html><body><p>x</p></body></html>"),
            Format::Html
        );
        assert_eq!(sniff("Error Codes\n\nStatus Code\n\n400\n"), Format::Text);
        assert_eq!(
            sniff("Some words\n<table><tr><td>a</td></tr></table>\n"),
            Format::Markdown
        );
    }

    #[test]
    fn sniff_never_panics_on_odd_input() {
        for text in ["", "\u{feff}", "====", "+-+", "|---|", "é\n===", "\0\0"] {
            let _ = sniff(text);
        }
    }
}
