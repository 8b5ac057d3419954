//! Parser for plain text copied from a rendered web page.
//!
//! Such text has lost all markup: every paragraph, list item and table cell became one line (or
//! one blank-line-separated paragraph), and empty table cells vanished. This parser rebuilds what
//! it can from the words themselves.
//!
//! Steps:
//! 1. Split the text into `Chunk`s: every non-blank line is one, with its 1-based line number;
//!    a line opening a JSON value (`{`, `[`) swallows the following lines until its brackets
//!    balance and becomes one JSON chunk with its original text.
//! 2. Pick the title: the first line, skipping an `Updated on ...` stamp.
//! 3. Walk the chunks. A table starts at a caption (`Table 2 Query Parameters`, `表 1 ...`)
//!    followed by header lines, or at a run of at least two header lines (each naming a
//!    `ColumnRole` in `crate::vocab`). The table is rebuilt (`rebuild_table`):
//!    a `CellShape` per column from its role (or learned from the first value), rows cut where
//!    a block fits the first column and the following blocks fit the next columns, the blocks of
//!    each row dealt out to its columns, pieces of a long cell joined by `'\n'`.
//! 4. Every other line is a heading (a known section name such as `Request Parameters`, or a
//!    short title-like line followed by content) or a paragraph.
//!
//! Nothing here is a hard error: a table that cannot be rebuilt stays as paragraphs.

use crate::document::{Block, BlockKind, Document, Row, Table};
use crate::parse::ParseProblem;
use crate::parse::cells::fold_whitespace;
use crate::shapes::{is_cjk_or_fullwidth, is_http_method, is_status_or_class, is_table_caption};
use crate::vocab::{ColumnRole, column_role};

mod chunks;
mod headings;
mod line_shapes;
mod tables;
#[cfg(test)]
mod tests;

use chunks::*;
use headings::*;
use line_shapes::*;
use tables::*;

/// Parses a text source into the document IR. Never fails on real input: structure that cannot
/// be read is kept as paragraphs.
pub fn parse(text: &str) -> Result<Document, Vec<ParseProblem>> {
    let chunks = split_chunks(text);
    let title_index = title_index(&chunks);
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < chunks.len() {
        let chunk = &chunks[i];
        if Some(i) == title_index {
            blocks.push(Block::new(
                chunk.line,
                BlockKind::Heading {
                    level: 1,
                    text: chunk.text.clone(),
                },
            ));
            i += 1;
            continue;
        }
        if let Some((table, end)) = table_start(&chunks, i).and_then(|s| rebuild_table(&chunks, s))
        {
            blocks.push(Block::new(chunk.line, BlockKind::Table(table)));
            i = end;
            continue;
        }
        blocks.push(Block::new(chunk.line, classify_chunk(&chunks, i)));
        i += 1;
    }
    Ok(Document {
        title: title_index.map(|t| chunks[t].text.clone()),
        doc_id: None,
        blocks,
    })
}

// ---------------------------------------------------------------------------------------------
// Step 2: title

/// Index of the chunk holding the document title: the first line, skipping an update stamp.
fn title_index(chunks: &[Chunk]) -> Option<usize> {
    chunks
        .iter()
        .position(|chunk| {
            chunk.line_text().is_some_and(|text| {
                let lower = text.to_lowercase();
                !lower.starts_with("updated on") && !lower.starts_with("更新时间")
            })
        })
        .filter(|&i| chunks[..i].iter().all(|c| !c.json))
}
