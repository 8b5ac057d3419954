//! The document IR: what every format parser produces and the extractor reads.
//!
//! A [`Document`] is a flat sequence of [`Block`]s in source order. Each block carries the
//! 1-based line where it starts in its source file, so every fact extracted later can point back
//! to it. Tables arrive already normalized: spans expanded, header rows merged, cell text folded
//! into what a reader sees.
//!
//! Cell text convention: block-level pieces inside a cell (paragraphs, list items, notes) are
//! separated by `'\n'`; whitespace inside a piece is folded to single spaces. No bullet markers are
//! added by parsers (a literal `- ` or `•` typed in the source stays).

use serde::Serialize;

/// One parsed source document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Document {
    /// The document title: its first top-level heading, if any.
    pub title: Option<String>,
    /// An identifier the source gives itself, if any: RST `:original_name: css_03_0076.html`
    /// gives `css_03_0076`, a Markdown title's `<a name="sdrs_05_0901">` gives `sdrs_05_0901`.
    pub doc_id: Option<String>,
    /// Blocks in source order.
    pub blocks: Vec<Block>,
}

/// One block-level element with its source line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    /// 1-based line where the block starts.
    pub line: u32,
    /// What the block is.
    #[serde(flatten)]
    pub kind: BlockKind,
}

/// The kinds of block the extractor understands.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BlockKind {
    /// A section heading; `level` 1 is the document title.
    Heading {
        /// Nesting level, 1 = top.
        level: u8,
        /// Heading text, inline markup removed.
        text: String,
    },
    /// A paragraph of running text (also a list item, or a line of plain text).
    Paragraph {
        /// Text with inline markup removed and whitespace folded.
        text: String,
    },
    /// A literal block: code, JSON examples, preformatted text. Its line is that of the first
    /// line of its text (after a Markdown fence or an RST `::`).
    Code {
        /// The declared language, if the source names one (`json`).
        language: Option<String>,
        /// The text exactly as written, without the fence or indentation.
        text: String,
    },
    /// A table.
    Table(Table),
}

/// A table, normalized.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Table {
    /// The caption (`Table 1 Failure causes`), if the source gives one.
    pub caption: Option<String>,
    /// One header text per column; multi-row headers are merged per column.
    pub header: Vec<String>,
    /// Body rows; every row has exactly `header.len()` cells after span expansion.
    pub rows: Vec<Row>,
}

/// One table body row.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Row {
    /// 1-based line where the row starts.
    pub line: u32,
    /// Cell texts, one per column.
    pub cells: Vec<String>,
}

impl Block {
    /// Builds a block.
    pub fn new(line: u32, kind: BlockKind) -> Self {
        Block { line, kind }
    }
}
