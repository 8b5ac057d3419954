//! reStructuredText parser: RST source in, [`Document`] IR out. Written by hand after docutils'
//! rules, reading only what the extractor needs; it does not render anything.
//!
//! Steps:
//! 1. Split the text into numbered lines (BOM stripped, tabs expanded to 8-column stops) and
//!    collect substitution definitions (`.. |br| raw:: html`) up front, so a reference can be
//!    resolved before its definition.
//! 2. Parse the body block by block (`Parser::parse_body`): section titles (underlined,
//!    optionally overlined; level by order of first appearance of each style), paragraphs,
//!    bullet, enumerated and field lists, literal blocks (`::`), explicit markup (directives,
//!    targets, comments, substitution definitions) and tables. Nested content (list items,
//!    directive bodies, block quotes, table cells) is dedented and parsed by the same function,
//!    so a table inside a list item or a list inside a cell needs no special case.
//! 3. Tables: grid tables are scanned corner to corner as docutils does, which finds row and
//!    column spans from the borders; simple tables split at the columns of their `=` borders,
//!    with `-` underlines for column spans; list tables read a two-level bullet list. Cell
//!    contents are parsed as RST and flattened into pieces joined by `'\n'`; spans are expanded
//!    with [`expand_spans`] and header rows merged with [`merge_header_rows`].
//! 4. Inline markup is removed from every text (headings, paragraphs, cells) by
//!    `strip_inline`: emphasis, literals, roles, references, substitutions and escapes.
//!
//! Broken tables (a grid line that does not line up with the border, a simple table without
//! its bottom border, a list table that is not a two-level list) are reported as
//! [`ParseProblem`]s with their line; the parser never panics.

use std::collections::{BTreeSet, HashMap};

use crate::document::{Block, BlockKind, Document, Row, Table};
use crate::parse::ParseProblem;
mod directives;
mod inline;
mod lines;
mod tables;
#[cfg(test)]
mod tests;

use crate::parse::cells::{
    SourceCell, expand_spans, fold_pieces, fold_whitespace, merge_header_rows, strip_tags,
};
use directives::*;
use inline::*;
use lines::*;

/// Parses an RST source into the document IR.
pub fn parse(text: &str) -> Result<Document, Vec<ParseProblem>> {
    let source = source_lines(text);
    let lines: Vec<Line<'_>> = source
        .iter()
        .enumerate()
        .map(|(index, text)| Line {
            number: line_number(index),
            text,
        })
        .collect();
    let mut parser = Parser {
        substitutions: collect_substitutions(&lines),
        ..Parser::default()
    };
    let blocks = parser.parse_body(&lines, true);
    if !parser.problems.is_empty() {
        return Err(parser.problems);
    }
    Ok(Document {
        title: parser.title,
        doc_id: parser.doc_id,
        blocks,
    })
}

// ---------------------------------------------------------------------------------------------
// Body parser
// ---------------------------------------------------------------------------------------------

/// Parser state shared by the whole document.
#[derive(Debug, Default)]
struct Parser {
    /// Substitution name -> replacement text (`'\n'` for a line break).
    substitutions: HashMap<String, String>,
    /// Section adornment styles (character, overlined) in order of first appearance.
    section_styles: Vec<(char, bool)>,
    title: Option<String>,
    doc_id: Option<String>,
    problems: Vec<ParseProblem>,
    /// Current nesting of [`Parser::parse_body`] calls, bounded by [`MAX_NESTING`].
    depth: usize,
}

/// Deepest nesting of lists, quotes, directives and cells parsed as structure; deeper text is
/// kept as plain paragraphs, so hostile input cannot exhaust the stack.
const MAX_NESTING: usize = 48;

impl Parser {
    /// Parses a run of lines (dedented to column 0) into blocks. Section titles are only
    /// recognised at the top level, as in RST.
    fn parse_body(&mut self, lines: &[Line<'_>], top_level: bool) -> Vec<Block> {
        if self.depth >= MAX_NESTING {
            return self.flat_paragraphs(lines);
        }
        self.depth += 1;
        let blocks = self.parse_structure(lines, top_level);
        self.depth -= 1;
        blocks
    }

    /// Every run of non-blank lines as one paragraph, without looking for structure.
    fn flat_paragraphs(&self, lines: &[Line<'_>]) -> Vec<Block> {
        let mut blocks = Vec::new();
        for run in lines.split(|line| is_blank(line.text)) {
            if let Some(first) = run.first() {
                let raw = run
                    .iter()
                    .map(|line| line.text.trim())
                    .collect::<Vec<_>>()
                    .join(" ");
                self.push_text(first.number, &raw, &mut blocks);
            }
        }
        blocks
    }

    /// The block-by-block loop of [`Parser::parse_body`].
    fn parse_structure(&mut self, lines: &[Line<'_>], top_level: bool) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut index = 0;
        while index < lines.len() {
            let text = lines[index].text;
            if is_blank(text) {
                index += 1;
                continue;
            }
            index = if indent_of(text) > 0 {
                // Block quote (or a definition): its content is ordinary body text.
                let (quote, next) = indented_block(lines, index, 0);
                blocks.extend(self.parse_body(&quote, false));
                next
            } else if let Some(next) = top_level
                .then(|| self.section_title(lines, index, &mut blocks))
                .flatten()
            {
                next
            } else if is_explicit_markup(text) {
                self.explicit_markup(lines, index, &mut blocks)
            } else if is_grid_border(text) {
                self.grid_table(lines, index, &mut blocks)
            } else if is_simple_table_top(text) {
                self.simple_table(lines, index, &mut blocks)
            } else if let Some(start) =
                bullet_content_start(text).or_else(|| enumerator_content_start(text))
            {
                let (item, next) = item_block(lines, index, start);
                blocks.extend(self.parse_body(&item, false));
                next
            } else if let Some((name, start)) = field_marker(text) {
                let docinfo = top_level && self.title.is_none() && blocks.is_empty();
                self.field(lines, index, name, start, docinfo, &mut blocks)
            } else if let Some(line_block) = text.strip_prefix("| ").or((text == "|").then_some(""))
            {
                self.push_text(lines[index].number, line_block, &mut blocks);
                index + 1
            } else if adornment(text).is_some_and(|(_, length)| length >= 4) {
                // A transition.
                index + 1
            } else {
                self.paragraph(lines, index, top_level, &mut blocks)
            };
        }
        blocks
    }

    /// A section title at `index` (underlined, or over- and underlined): pushes the heading and
    /// returns the index after it.
    fn section_title(
        &mut self,
        lines: &[Line<'_>],
        index: usize,
        blocks: &mut Vec<Block>,
    ) -> Option<usize> {
        let text = lines[index].text;
        if let Some((over, _)) = adornment(text) {
            let title = lines.get(index + 1)?;
            let under = lines.get(index + 2)?;
            let matches = adornment(under.text).is_some_and(|(c, _)| c == over);
            if is_blank(title.text) || adornment(title.text).is_some() || !matches {
                return None;
            }
            self.push_heading((over, true), title, blocks);
            return Some(index + 3);
        }
        let under = lines.get(index + 1)?;
        let c = underline_for(text, under.text)?;
        self.push_heading((c, false), &lines[index], blocks);
        Some(index + 2)
    }

    fn push_heading(&mut self, style: (char, bool), title: &Line<'_>, blocks: &mut Vec<Block>) {
        let position = match self.section_styles.iter().position(|s| *s == style) {
            Some(position) => position,
            None => {
                self.section_styles.push(style);
                self.section_styles.len() - 1
            }
        };
        let level = u8::try_from(position + 1).unwrap_or(u8::MAX);
        let text = fold_whitespace(&self.inline(title.text));
        if self.title.is_none() {
            self.title = Some(text.clone());
        }
        blocks.push(Block::new(title.number, BlockKind::Heading { level, text }));
    }

    /// Removes inline markup with this document's substitutions.
    fn inline(&self, text: &str) -> String {
        strip_inline(text, &self.substitutions)
    }

    /// Pushes inline-stripped text as paragraphs: one per piece (a `|br|` starts a new piece).
    fn push_text(&self, line: u32, raw: &str, blocks: &mut Vec<Block>) {
        let text = fold_pieces(&self.inline(raw));
        for piece in text.split('\n').filter(|piece| !piece.is_empty()) {
            blocks.push(Block::new(
                line,
                BlockKind::Paragraph {
                    text: piece.to_string(),
                },
            ));
        }
    }

    /// A paragraph: lines up to a blank line or an indentation change; a trailing `::`
    /// introduces a literal block.
    fn paragraph(
        &mut self,
        lines: &[Line<'_>],
        index: usize,
        top_level: bool,
        blocks: &mut Vec<Block>,
    ) -> usize {
        let mut end = index + 1;
        while end < lines.len() {
            let text = lines[end].text;
            let next_is_underline = lines
                .get(end + 1)
                .is_some_and(|next| underline_for(text, next.text).is_some());
            if is_blank(text)
                || indent_of(text) > 0
                || starts_table(text)
                || (top_level && next_is_underline)
            {
                break;
            }
            end += 1;
        }
        let raw = lines[index..end]
            .iter()
            .map(|line| line.text.trim())
            .collect::<Vec<_>>()
            .join(" ");
        let (text, literal_follows) = split_literal_marker(&raw);
        self.push_text(lines[index].number, text, blocks);
        if literal_follows {
            return literal_block(lines, end, blocks);
        }
        end
    }

    /// A field list item: `:original_name:` gives the document id; fields before the first
    /// title are document metadata; other fields become paragraphs `name: body`.
    fn field(
        &mut self,
        lines: &[Line<'_>],
        index: usize,
        name: &str,
        start: usize,
        docinfo: bool,
        blocks: &mut Vec<Block>,
    ) -> usize {
        let (content, next) = item_block(lines, index, start);
        if name.eq_ignore_ascii_case("original_name") {
            let value = content.first().map(|line| line.text.trim()).unwrap_or("");
            let stem = value.rsplit_once('.').map_or(value, |(stem, _)| stem);
            if !stem.is_empty() && self.doc_id.is_none() {
                self.doc_id = Some(stem.to_string());
            }
            return next;
        }
        if docinfo {
            return next;
        }
        let mut body = self.parse_body(&content, false);
        let label = fold_whitespace(&self.inline(name));
        match body.first_mut() {
            Some(Block {
                kind: BlockKind::Paragraph { text },
                ..
            }) => *text = format!("{label}: {text}"),
            _ => body.insert(
                0,
                Block::new(lines[index].number, BlockKind::Paragraph { text: label }),
            ),
        }
        blocks.extend(body);
        next
    }
}

/// Removes a paragraph's trailing `::` literal-block marker: `Example::` -> `Example:`,
/// `Example ::` -> `Example`, `::` -> nothing. Returns the text and whether a literal follows.
fn split_literal_marker(raw: &str) -> (&str, bool) {
    let trimmed = raw.trim_end();
    let Some(before) = trimmed.strip_suffix("::") else {
        return (trimmed, false);
    };
    if before.is_empty() || before.ends_with(char::is_whitespace) {
        (before.trim_end(), true)
    } else {
        (&trimmed[..trimmed.len() - 1], true)
    }
}

/// The indented literal block after a `::` paragraph, as a code block.
fn literal_block(lines: &[Line<'_>], start: usize, blocks: &mut Vec<Block>) -> usize {
    let mut first = start;
    while first < lines.len() && is_blank(lines[first].text) {
        first += 1;
    }
    if first >= lines.len() || indent_of(lines[first].text) == 0 {
        return start;
    }
    let (code, next) = indented_block(lines, first, 0);
    let text = code
        .iter()
        .map(|line| line.text)
        .collect::<Vec<_>>()
        .join("\n");
    blocks.push(Block::new(
        lines[first].number,
        BlockKind::Code {
            language: None,
            text,
        },
    ));
    next
}
