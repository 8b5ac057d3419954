//! reStructuredText parser: RST source in, [`Document`] IR out. Written by hand after docutils'
//! rules, reading only what the extractor needs; it does not render anything.
//!
//! Steps:
//! 1. Split the text into numbered lines (BOM stripped, tabs expanded to 8-column stops) and
//!    collect substitution definitions (`.. |br| raw:: html`) up front, so a reference can be
//!    resolved before its definition.
//! 2. Parse the body block by block ([`Parser::parse_body`]): section titles (underlined,
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
//!    [`strip_inline`]: emphasis, literals, roles, references, substitutions and escapes.
//!
//! Broken tables (a grid line that does not line up with the border, a simple table without
//! its bottom border, a list table that is not a two-level list) are reported as
//! [`ParseProblem`]s with their line; the parser never panics.

use std::collections::{BTreeSet, HashMap};

use crate::document::{Block, BlockKind, Document, Row, Table};
use crate::parse::ParseProblem;
use crate::parse::cells::{
    SourceCell, expand_spans, fold_pieces, fold_whitespace, merge_header_rows, strip_tags,
};

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
// Lines
// ---------------------------------------------------------------------------------------------

/// One source line: its 1-based number and its text, dedented to the enclosing block.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    number: u32,
    text: &'a str,
}

fn line_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// The text's lines, BOM removed, tabs expanded and trailing whitespace trimmed.
fn source_lines(text: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines()
        .map(|line| expand_tabs(line).trim_end().to_string())
        .collect()
}

/// Expands tabs to 8-column stops, as docutils does.
fn expand_tabs(line: &str) -> String {
    if !line.contains('\t') {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut column = 0usize;
    for c in line.chars() {
        if c == '\t' {
            let next = (column / 8 + 1) * 8;
            out.extend(std::iter::repeat_n(' ', next - column));
            column = next;
        } else {
            out.push(c);
            column += 1;
        }
    }
    out
}

fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// Number of leading ASCII spaces (tabs are already expanded).
fn indent_of(text: &str) -> usize {
    text.len() - text.trim_start_matches(' ').len()
}

/// The lines with their common indentation removed (blank lines become empty).
fn dedented<'a>(lines: &[Line<'a>]) -> Vec<Line<'a>> {
    let common = lines
        .iter()
        .filter(|line| !is_blank(line.text))
        .map(|line| indent_of(line.text))
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|line| Line {
            number: line.number,
            // Safe to slice: every non-blank line starts with at least `common` ASCII spaces.
            text: if is_blank(line.text) {
                ""
            } else {
                line.text.get(common..).unwrap_or("")
            },
        })
        .collect()
}

/// The block of lines from `start` that are blank or indented more than `base`, without
/// trailing blank lines, dedented; and the index of the first line after it.
fn indented_block<'a>(lines: &[Line<'a>], start: usize, base: usize) -> (Vec<Line<'a>>, usize) {
    let mut end = start;
    while end < lines.len() && (is_blank(lines[end].text) || indent_of(lines[end].text) > base) {
        end += 1;
    }
    let mut last = end;
    while last > start && is_blank(lines[last - 1].text) {
        last -= 1;
    }
    (dedented(&lines[start..last]), end)
}

/// The content of a list item (or field) whose first line's text starts at byte `content_start`:
/// that text plus the following indented lines, dedented; and the index after the item.
fn item_block<'a>(
    lines: &[Line<'a>],
    index: usize,
    content_start: usize,
) -> (Vec<Line<'a>>, usize) {
    let first = lines[index];
    let (rest, next) = indented_block(lines, index + 1, 0);
    let mut content = Vec::with_capacity(rest.len() + 1);
    content.push(Line {
        number: first.number,
        text: first.text.get(content_start..).unwrap_or("").trim(),
    });
    content.extend(rest);
    (content, next)
}

// ---------------------------------------------------------------------------------------------
// Line classification
// ---------------------------------------------------------------------------------------------

/// Characters that may adorn a section title.
const ADORNMENT: &str = "=-~^\"'`#*+";

/// The adornment character and length of a line such as `=====`, if it is one.
fn adornment(text: &str) -> Option<(char, usize)> {
    if indent_of(text) > 0 {
        return None;
    }
    let text = text.trim_end();
    let first = text.chars().next()?;
    if !ADORNMENT.contains(first) || !text.chars().all(|c| c == first) {
        return None;
    }
    let length = text.chars().count();
    (length >= 2).then_some((first, length))
}

/// The adornment character when `under` underlines `title` as a section title.
fn underline_for(title: &str, under: &str) -> Option<char> {
    if is_blank(title) || indent_of(title) > 0 || adornment(title).is_some() {
        return None;
    }
    let (c, length) = adornment(under)?;
    let width = display_width(title.trim());
    (length >= width || length >= 4).then_some(c)
}

/// Where a bullet item's text starts (byte offset), if the line is one: `-`, `*`, `+`, `•`.
fn bullet_content_start(text: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    let (_, marker) = chars.next()?;
    if !"-*+•‣⁃".contains(marker) {
        return None;
    }
    match chars.next() {
        None => Some(text.len()),
        Some((at, ' ')) => Some(at + 1),
        Some(_) => None,
    }
}

/// Where an enumerated item's text starts (byte offset): `1.`, `#.`, `a)`, `(iv)`.
fn enumerator_content_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let opened = bytes.first() == Some(&b'(');
    let start = usize::from(opened);
    let mut end = start;
    while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'#') {
        end += 1;
    }
    if !is_enumerator(text.get(start..end)?) {
        return None;
    }
    let closer = *bytes.get(end)?;
    let closes = if opened {
        closer == b')'
    } else {
        closer == b'.' || closer == b')'
    };
    if !closes {
        return None;
    }
    match bytes.get(end + 1) {
        None => Some(end + 1),
        Some(b' ') => Some(end + 2),
        Some(_) => None,
    }
}

fn is_enumerator(token: &str) -> bool {
    let is_roman = |t: &str| {
        t.len() <= 6
            && (t.chars().all(|c| "ivxlcdm".contains(c))
                || t.chars().all(|c| "IVXLCDM".contains(c)))
    };
    token == "#"
        || (!token.is_empty() && token.len() <= 9 && token.bytes().all(|b| b.is_ascii_digit()))
        || (token.len() == 1 && token.bytes().all(|b| b.is_ascii_alphabetic()))
        || (!token.is_empty() && is_roman(token))
}

/// Where a field list item's body starts and its name: `:name: body`.
fn field_marker(text: &str) -> Option<(&str, usize)> {
    let rest = text.strip_prefix(':')?;
    let close = rest.find(':')?;
    let name = &rest[..close];
    if name.is_empty() || name.starts_with(' ') || name.ends_with(' ') || name.contains('`') {
        return None;
    }
    let after = &rest[close + 1..];
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    Some((name, text.len() - after.len()))
}

/// A directive option line: `:header-rows: 1`.
fn option_line(text: &str) -> Option<(String, String)> {
    let (name, start) = field_marker(text)?;
    if name.contains(' ') {
        return None;
    }
    Some((
        name.to_ascii_lowercase(),
        text.get(start..).unwrap_or("").trim().to_string(),
    ))
}

fn is_explicit_markup(text: &str) -> bool {
    text == ".." || text.starts_with(".. ")
}

/// A grid table border such as `+----+----+` or `+====+`.
fn is_grid_border(text: &str) -> bool {
    let text = text.trim_end();
    text.len() >= 3
        && (text.starts_with("+-") || text.starts_with("+="))
        && text.ends_with('+')
        && text.chars().all(|c| matches!(c, '+' | '-' | '='))
}

/// A simple table's top border: at least two runs of `=` separated by spaces.
fn is_simple_table_top(text: &str) -> bool {
    is_simple_border(text) && text.trim_end().contains(' ')
}

/// A simple table border line: `=` runs and spaces, starting at the margin.
fn is_simple_border(text: &str) -> bool {
    let text = text.trim_end();
    text.starts_with('=') && text.chars().all(|c| c == '=' || c == ' ')
}

fn starts_table(text: &str) -> bool {
    is_grid_border(text) || is_simple_table_top(text)
}

/// True for characters that take two columns on screen (CJK), as docutils counts them.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
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

/// Directive names whose content is not document text.
const SKIPPED_DIRECTIVES: &[&str] = &[
    "image",
    "toctree",
    "include",
    "literalinclude",
    "contents",
    "index",
    "meta",
    "highlight",
    "default-role",
    "role",
    "sectnum",
    "tabularcolumns",
    "header",
    "footer",
    "target-notes",
    "title",
    "raw-latex",
];

/// Admonition directives: the text after `::` is the first line of the content.
const ADMONITIONS: &[&str] = &[
    "note",
    "important",
    "warning",
    "caution",
    "tip",
    "hint",
    "attention",
    "danger",
    "error",
    "seealso",
    "todo",
];

/// A directive split into its parts.
struct Directive<'a> {
    /// The argument text, continuation lines included.
    arguments: String,
    options: Vec<(String, String)>,
    content: Vec<Line<'a>>,
    line: u32,
}

impl Directive<'_> {
    fn option(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

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

    /// Explicit markup (`.. `): directives, footnotes; targets, substitution definitions and
    /// comments are skipped.
    fn explicit_markup(
        &mut self,
        lines: &[Line<'_>],
        index: usize,
        blocks: &mut Vec<Block>,
    ) -> usize {
        let first = lines[index].text.get(2..).unwrap_or("").trim();
        let (body, next) = indented_block(lines, index + 1, 0);
        if first.starts_with('_') || first.starts_with('|') {
            return next;
        }
        if let Some(rest) = first.strip_prefix('[') {
            let text = rest.split_once(']').map_or("", |(_, text)| text.trim());
            let mut content = vec![Line {
                number: lines[index].number,
                text,
            }];
            content.extend(body);
            blocks.extend(self.parse_body(&content, false));
            return next;
        }
        if let Some((name, arguments)) = directive_head(first) {
            self.directive(name, arguments, lines[index].number, &body, blocks);
        }
        next
    }

    fn directive(
        &mut self,
        name: &str,
        arguments: &str,
        line: u32,
        body: &[Line<'_>],
        blocks: &mut Vec<Block>,
    ) {
        let name = name.to_ascii_lowercase();
        let name = name.as_str();
        if SKIPPED_DIRECTIVES.contains(&name) {
            return;
        }
        if ADMONITIONS.contains(&name) {
            // The text after `::` is the first line of the content and continues on the
            // following lines; options (`:class:`) can only come first when it is empty.
            let mut rest = body;
            if arguments.is_empty() {
                while let Some((first, more)) = rest.split_first()
                    && option_line(first.text).is_some()
                {
                    rest = more;
                }
            }
            let mut content = vec![Line {
                number: line,
                text: arguments,
            }];
            content.extend_from_slice(rest);
            blocks.extend(self.parse_body(&content, false));
            return;
        }
        let wraps = matches!(
            name,
            "table" | "list-table" | "csv-table" | "admonition" | "topic" | "sidebar" | "rubric"
        );
        let directive = split_directive(arguments, line, body, wraps);
        match name {
            "code-block" | "code" | "sourcecode" | "parsed-literal" => {
                let language = directive
                    .arguments
                    .split_whitespace()
                    .next()
                    .map(str::to_string);
                let text = directive
                    .content
                    .iter()
                    .map(|line| line.text)
                    .collect::<Vec<_>>()
                    .join("\n");
                let start = directive.content.first().map_or(line, |first| first.number);
                blocks.push(Block::new(start, BlockKind::Code { language, text }));
            }
            "table" => {
                let caption = fold_whitespace(&self.inline(&directive.arguments));
                let mut content = self.parse_body(&directive.content, false);
                if let Some(Block {
                    kind: BlockKind::Table(table),
                    ..
                }) = content
                    .iter_mut()
                    .find(|b| matches!(b.kind, BlockKind::Table(_)))
                    && table.caption.is_none()
                    && !caption.is_empty()
                {
                    table.caption = Some(caption);
                }
                blocks.extend(content);
            }
            "list-table" => self.list_table(&directive, blocks),
            "csv-table" => self.csv_table(&directive, blocks),
            "raw" => {
                let html = directive
                    .content
                    .iter()
                    .map(|line| line.text)
                    .collect::<Vec<_>>()
                    .join("\n");
                let text = fold_whitespace(&strip_tags(&html));
                if directive.arguments.to_ascii_lowercase().contains("html") && !text.is_empty() {
                    let start = directive.content.first().map_or(line, |first| first.number);
                    blocks.push(Block::new(start, BlockKind::Paragraph { text }));
                }
            }
            _ => {
                // Titled containers give their title as a paragraph; any other directive
                // (figure, container, only, unknown ones) contributes its content.
                if matches!(name, "admonition" | "topic" | "sidebar" | "rubric") {
                    self.push_text(line, &directive.arguments, blocks);
                }
                blocks.extend(self.parse_body(&directive.content, false));
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Tables
    // -----------------------------------------------------------------------------------------

    /// Parses cell lines as RST and flattens the blocks into the IR cell text.
    fn cell_text(&mut self, lines: &[Line<'_>]) -> String {
        let blocks = self.parse_body(&dedented(lines), false);
        let mut pieces: Vec<String> = Vec::new();
        for block in blocks {
            match block.kind {
                BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => {
                    pieces.push(text)
                }
                BlockKind::Code { text, .. } => pieces.push(fold_whitespace(&text)),
                BlockKind::Table(table) => {
                    pieces.push(table.header.join(" "));
                    pieces.extend(table.rows.into_iter().map(|row| row.cells.join(" ")));
                }
            }
        }
        fold_pieces(&pieces.join("\n"))
    }

    /// A grid table starting at `index`: its lines run to the first line that is not a border
    /// or a `|` row.
    fn grid_table(&mut self, lines: &[Line<'_>], index: usize, blocks: &mut Vec<Block>) -> usize {
        let mut end = index;
        while end < lines.len() {
            let text = lines[end].text;
            if is_blank(text) || !(text.starts_with('+') || text.starts_with('|')) {
                break;
            }
            end += 1;
        }
        match self.read_grid_table(&lines[index..end]) {
            Ok(table) => blocks.push(Block::new(lines[index].number, BlockKind::Table(table))),
            Err(problem) => self.problems.push(problem),
        }
        end
    }

    /// Reads a grid table, counting CJK characters as two columns first (docutils' rule) and,
    /// when that does not line up, as one (tables aligned by character count).
    fn read_grid_table(&mut self, lines: &[Line<'_>]) -> Result<Table, ParseProblem> {
        let wide = self.read_grid_table_as(lines, true);
        let has_wide = lines.iter().any(|line| line.text.chars().any(is_wide));
        match wide {
            Err(problem) if has_wide => self.read_grid_table_as(lines, false).map_err(|_| problem),
            result => result,
        }
    }

    fn read_grid_table_as(
        &mut self,
        lines: &[Line<'_>],
        wide: bool,
    ) -> Result<Table, ParseProblem> {
        let mut grid: Vec<Vec<char>> = lines.iter().map(|line| char_row(line.text, wide)).collect();
        let number = |row: usize| lines.get(row).map_or(0, |line| line.number);
        let width = grid.first().map_or(0, Vec::len);
        for (row, chars) in grid.iter().enumerate() {
            if chars.len() != width || !matches!(chars.last(), Some('+' | '|')) {
                return Err(ParseProblem::new(
                    number(row),
                    format!(
                        "grid table line does not line up with the table border ({} columns, the border has {width})",
                        chars.len()
                    ),
                ));
            }
        }
        if grid.len() < 2 || grid.last().and_then(|row| row.first()) != Some(&'+') {
            return Err(ParseProblem::new(
                number(grid.len().saturating_sub(1)),
                "grid table has no bottom border",
            ));
        }
        let mut header_separator = None;
        let last = grid.len() - 1;
        for (row, chars) in grid.iter_mut().enumerate() {
            if chars.contains(&'=') && chars.iter().all(|c| matches!(c, '+' | '=' | '-')) {
                if row != 0 && row != last && header_separator.is_none() {
                    header_separator = Some(row);
                }
                for c in chars.iter_mut().filter(|c| **c == '=') {
                    *c = '-';
                }
            }
        }
        let cells = scan_grid(&grid).map_err(|row| {
            ParseProblem::new(
                number(row),
                "grid table cells do not line up with the borders",
            )
        })?;
        if let Some(row) = misaligned_row(&grid, &cells) {
            return Err(ParseProblem::new(
                number(row),
                "grid table line does not line up with the column borders",
            ));
        }
        let row_seps: Vec<usize> = cells
            .iter()
            .flat_map(|cell| [cell.top, cell.bottom])
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let col_seps: Vec<usize> = cells
            .iter()
            .flat_map(|cell| [cell.left, cell.right])
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let position = |seps: &[usize], at: usize| seps.binary_search(&at).unwrap_or(0);
        let mut rows: Vec<Vec<(usize, SourceCell)>> =
            vec![Vec::new(); row_seps.len().saturating_sub(1)];
        for cell in &cells {
            let row = position(&row_seps, cell.top);
            let column = position(&col_seps, cell.left);
            let cell_lines: Vec<String> = (cell.top + 1..cell.bottom)
                .map(|r| {
                    grid.get(r)
                        .and_then(|chars| chars.get(cell.left + 1..cell.right))
                        .unwrap_or(&[])
                        .iter()
                        .filter(|c| **c != PAD)
                        .collect::<String>()
                        .trim_end()
                        .to_string()
                })
                .collect();
            let numbered: Vec<Line<'_>> = cell_lines
                .iter()
                .enumerate()
                .map(|(offset, text)| Line {
                    number: number(cell.top + 1 + offset),
                    text,
                })
                .collect();
            let text = self.cell_text(&numbered);
            if let Some(target) = rows.get_mut(row) {
                target.push((
                    column,
                    SourceCell {
                        text,
                        rowspan: position(&row_seps, cell.bottom).saturating_sub(row).max(1),
                        colspan: position(&col_seps, cell.right)
                            .saturating_sub(column)
                            .max(1),
                    },
                ));
            }
        }
        let rows: Vec<Vec<SourceCell>> = rows
            .into_iter()
            .map(|mut row| {
                row.sort_by_key(|(column, _)| *column);
                row.into_iter().map(|(_, cell)| cell).collect()
            })
            .collect();
        let row_lines: Vec<u32> = row_seps.iter().map(|&sep| number(sep + 1)).collect();
        let header_rows = header_separator
            .and_then(|sep| row_seps.binary_search(&sep).ok())
            .unwrap_or(0);
        Ok(build_table(&rows, &row_lines, header_rows))
    }

    /// A simple table starting at `index` (its top border). It ends at the third border, or at
    /// a border followed by a blank line.
    fn simple_table(&mut self, lines: &[Line<'_>], index: usize, blocks: &mut Vec<Block>) -> usize {
        let mut borders = 0;
        let mut end = None;
        for at in index + 1..lines.len() {
            if is_simple_border(lines[at].text) && indent_of(lines[at].text) == 0 {
                borders += 1;
                let blank_after = lines.get(at + 1).is_none_or(|next| is_blank(next.text));
                if borders == 2 || blank_after {
                    end = Some(at);
                    break;
                }
            }
        }
        let Some(end) = end else {
            self.problems.push(ParseProblem::new(
                lines[index].number,
                "simple table has no bottom border",
            ));
            let mut skip = index + 1;
            while skip < lines.len() && !is_blank(lines[skip].text) {
                skip += 1;
            }
            return skip;
        };
        let table = self.read_simple_table(&lines[index..=end]);
        blocks.push(Block::new(lines[index].number, BlockKind::Table(table)));
        end + 1
    }

    fn read_simple_table(&mut self, lines: &[Line<'_>]) -> Table {
        let grid: Vec<Vec<char>> = lines.iter().map(|line| char_row(line.text, true)).collect();
        let columns = runs(grid.first().map_or(&[][..], Vec::as_slice));
        let (first_start, first_end) = columns.first().copied().unwrap_or((0, 1));
        let last = lines.len().saturating_sub(1);
        let header_separator = (1..last).find(|&at| is_simple_border(lines[at].text));
        let mut row_ranges: Vec<SimpleRow> = Vec::new();
        let mut start = 1;
        let mut text_found = false;
        for (at, chars) in grid.iter().enumerate().skip(1) {
            if is_span_line(chars) {
                if (start..at).any(|r| !is_blank(lines[r].text)) {
                    row_ranges.push(SimpleRow {
                        first: start,
                        end: at,
                        spans: runs(chars),
                    });
                }
                start = at + 1;
                text_found = false;
            } else if has_text(chars, first_start, first_end) {
                if text_found && at != start {
                    row_ranges.push(SimpleRow {
                        first: start,
                        end: at,
                        spans: columns.clone(),
                    });
                }
                start = at;
                text_found = true;
            } else if !text_found {
                start = at + 1;
            }
        }
        let mut rows: Vec<Vec<SourceCell>> = Vec::with_capacity(row_ranges.len());
        let mut row_lines = Vec::with_capacity(row_ranges.len());
        let mut header_rows = 0;
        for SimpleRow { first, end, spans } in &row_ranges {
            if header_separator.is_some_and(|sep| *first < sep) {
                header_rows += 1;
            }
            let first_text = (*first..*end)
                .find(|&r| !is_blank(lines[r].text))
                .unwrap_or(*first);
            row_lines.push(lines[first_text].number);
            let mut cells = Vec::with_capacity(spans.len());
            for (k, &(span_start, span_end)) in spans.iter().enumerate() {
                let from = if k == 0 { 0 } else { span_start };
                let to = spans.get(k + 1).map_or(usize::MAX, |next| next.0);
                let cell_lines: Vec<String> = (*first..*end)
                    .map(|r| slice_chars(&grid[r], from, to))
                    .collect();
                let numbered: Vec<Line<'_>> = cell_lines
                    .iter()
                    .zip(*first..*end)
                    .map(|(text, r)| Line {
                        number: lines[r].number,
                        text,
                    })
                    .collect();
                let colspan = columns
                    .iter()
                    .filter(|(column_start, _)| {
                        *column_start >= span_start && *column_start < span_end
                    })
                    .count()
                    .max(1);
                cells.push(SourceCell {
                    text: self.cell_text(&numbered),
                    rowspan: 1,
                    colspan,
                });
            }
            rows.push(cells);
        }
        build_table(&rows, &row_lines, header_rows)
    }

    /// `.. list-table::`: a bullet list of rows, each a bullet list of cells.
    fn list_table(&mut self, directive: &Directive<'_>, blocks: &mut Vec<Block>) {
        let header_rows = directive
            .option("header-rows")
            .and_then(|value| value.parse::<usize>().ok())
            .unwrap_or(0);
        let mut rows = Vec::new();
        let mut row_lines = Vec::new();
        let lines = &directive.content;
        let mut index = 0;
        while index < lines.len() {
            let line = lines[index];
            if is_blank(line.text) {
                index += 1;
                continue;
            }
            let Some(start) = bullet_content_start(line.text) else {
                self.problems.push(ParseProblem::new(
                    line.number,
                    "list-table content must be a bullet list of rows",
                ));
                return;
            };
            let (item, next) = item_block(lines, index, start);
            match self.list_table_row(&item) {
                Ok(cells) => {
                    rows.push(cells);
                    row_lines.push(line.number);
                }
                Err(problem) => {
                    self.problems.push(problem);
                    return;
                }
            }
            index = next;
        }
        let mut table = build_table(&rows, &row_lines, header_rows);
        table.caption =
            Some(fold_whitespace(&self.inline(&directive.arguments))).filter(|c| !c.is_empty());
        blocks.push(Block::new(directive.line, BlockKind::Table(table)));
    }

    fn list_table_row(&mut self, item: &[Line<'_>]) -> Result<Vec<SourceCell>, ParseProblem> {
        let item = dedented(item);
        let mut cells = Vec::new();
        let mut index = 0;
        while index < item.len() {
            let line = item[index];
            if is_blank(line.text) {
                index += 1;
                continue;
            }
            let Some(start) = bullet_content_start(line.text) else {
                return Err(ParseProblem::new(
                    line.number,
                    "list-table row must be a bullet list of cells",
                ));
            };
            let (cell, next) = item_block(&item, index, start);
            cells.push(SourceCell::plain(self.cell_text(&cell)));
            index = next;
        }
        Ok(cells)
    }

    /// `.. csv-table::` with inline content and an optional `:header:` option.
    fn csv_table(&mut self, directive: &Directive<'_>, blocks: &mut Vec<Block>) {
        let mut rows: Vec<Vec<SourceCell>> = Vec::new();
        let mut row_lines = Vec::new();
        let mut header_rows = directive
            .option("header-rows")
            .and_then(|value| value.parse::<usize>().ok())
            .unwrap_or(0);
        if let Some(header) = directive.option("header") {
            rows.push(self.csv_cells(header));
            row_lines.push(directive.line);
            header_rows += 1;
        }
        for line in directive.content.iter().filter(|line| !is_blank(line.text)) {
            rows.push(self.csv_cells(line.text));
            row_lines.push(line.number);
        }
        let mut table = build_table(&rows, &row_lines, header_rows);
        table.caption =
            Some(fold_whitespace(&self.inline(&directive.arguments))).filter(|c| !c.is_empty());
        blocks.push(Block::new(directive.line, BlockKind::Table(table)));
    }

    fn csv_cells(&self, text: &str) -> Vec<SourceCell> {
        split_csv(text)
            .iter()
            .map(|field| SourceCell::plain(fold_pieces(&self.inline(field))))
            .collect()
    }
}

/// `name:: arguments` of a directive line, if the name is a directive name.
fn directive_head(first: &str) -> Option<(&str, &str)> {
    let (name, arguments) = first.split_once("::")?;
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.' | '+'));
    valid.then(|| (name, arguments.trim()))
}

/// Splits a directive body into argument continuation lines (when `wraps`), options and content.
fn split_directive<'a>(
    arguments: &str,
    line: u32,
    body: &[Line<'a>],
    wraps: bool,
) -> Directive<'a> {
    let mut arguments = arguments.to_string();
    let mut index = 0;
    if wraps {
        while index < body.len()
            && !is_blank(body[index].text)
            && option_line(body[index].text).is_none()
        {
            if !arguments.is_empty() {
                arguments.push(' ');
            }
            arguments.push_str(body[index].text.trim());
            index += 1;
        }
    }
    let mut options = Vec::new();
    while let Some((key, mut value)) = body.get(index).and_then(|l| option_line(l.text)) {
        index += 1;
        while let Some(more) = body
            .get(index)
            .filter(|l| !is_blank(l.text) && indent_of(l.text) > 0)
        {
            value.push(' ');
            value.push_str(more.text.trim());
            index += 1;
        }
        options.push((key, value));
    }
    while body.get(index).is_some_and(|l| is_blank(l.text)) {
        index += 1;
    }
    Directive {
        arguments,
        options,
        content: dedented(body.get(index..).unwrap_or(&[])),
        line,
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

// ---------------------------------------------------------------------------------------------
// Table helpers
// ---------------------------------------------------------------------------------------------

/// Placeholder after a double-width character in a character grid.
const PAD: char = '\0';

/// A line as grid columns: with `wide`, each CJK character is followed by [`PAD`].
fn char_row(text: &str, wide: bool) -> Vec<char> {
    let mut row = Vec::with_capacity(text.len());
    for c in text.trim_end().chars() {
        row.push(c);
        if wide && is_wide(c) {
            row.push(PAD);
        }
    }
    row
}

/// The text between grid columns `from` and `to` (exclusive), pads removed.
fn slice_chars(row: &[char], from: usize, to: usize) -> String {
    let to = to.min(row.len());
    row.get(from..to)
        .unwrap_or(&[])
        .iter()
        .filter(|c| **c != PAD)
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// Runs of non-space characters: the columns of a simple-table border or span line.
fn runs(row: &[char]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut start = None;
    for (at, c) in row.iter().enumerate() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(at),
            (true, Some(from)) => {
                found.push((from, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        found.push((from, row.len()));
    }
    found
}

/// A simple-table border or column-span underline: `-` or `=` runs and spaces.
fn is_span_line(row: &[char]) -> bool {
    matches!(row.first(), Some('-' | '=')) && row.iter().all(|c| matches!(c, '-' | '=' | ' '))
}

fn has_text(row: &[char], from: usize, to: usize) -> bool {
    row.get(from..to.min(row.len()))
        .is_some_and(|part| part.iter().any(|c| !c.is_whitespace() && *c != PAD))
}

/// One simple-table row: its lines (`first..end` within the table) and its cells' column runs.
struct SimpleRow {
    first: usize,
    end: usize,
    spans: Vec<(usize, usize)>,
}

/// One grid-table cell by its border coordinates (rows and columns of the character grid).
#[derive(Debug, Clone, Copy)]
struct GridCell {
    top: usize,
    left: usize,
    bottom: usize,
    right: usize,
}

fn at(grid: &[Vec<char>], row: usize, column: usize) -> char {
    grid.get(row)
        .and_then(|chars| chars.get(column))
        .copied()
        .unwrap_or(' ')
}

/// Finds every cell of a grid table by walking from each cell's top-left corner right, down,
/// left and up along its borders (docutils' algorithm), which discovers spans. Returns the grid
/// row where the table stops making sense when the cells do not tile it.
fn scan_grid(grid: &[Vec<char>]) -> Result<Vec<GridCell>, usize> {
    let bottom = grid.len().saturating_sub(1);
    let right = grid.first().map_or(0, Vec::len).saturating_sub(1);
    // done[column] = last grid row already covered by a cell in that text column.
    let mut done: Vec<i64> = vec![-1; right + 1];
    let mut corners = BTreeSet::from([(0usize, 0usize)]);
    let mut cells = Vec::new();
    while let Some((top, left)) = corners.pop_first() {
        if top == bottom || left == right || i64::try_from(top).unwrap_or(i64::MAX) <= done[left] {
            continue;
        }
        let Some(cell) = scan_cell(grid, top, left) else {
            continue;
        };
        let covered_before = i64::try_from(top).unwrap_or(0) - 1;
        for seen in done.get_mut(left..cell.right).unwrap_or(&mut []) {
            if *seen != covered_before {
                return Err(top);
            }
            *seen = i64::try_from(cell.bottom).unwrap_or(0) - 1;
        }
        corners.insert((top, cell.right));
        corners.insert((cell.bottom, left));
        cells.push(cell);
    }
    let complete = i64::try_from(bottom).unwrap_or(0) - 1;
    if let Some(stuck) = done[..right]
        .iter()
        .copied()
        .filter(|&d| d != complete)
        .min()
    {
        return Err(usize::try_from(stuck + 1).unwrap_or(0));
    }
    if cells.is_empty() {
        return Err(0);
    }
    Ok(cells)
}

fn scan_cell(grid: &[Vec<char>], top: usize, left: usize) -> Option<GridCell> {
    if at(grid, top, left) != '+' {
        return None;
    }
    let width = grid.get(top).map_or(0, Vec::len);
    for right in left + 1..width {
        match at(grid, top, right) {
            '+' => {
                if let Some(bottom) = scan_down(grid, top, left, right) {
                    return Some(GridCell {
                        top,
                        left,
                        bottom,
                        right,
                    });
                }
            }
            '-' => {}
            _ => return None,
        }
    }
    None
}

fn scan_down(grid: &[Vec<char>], top: usize, left: usize, right: usize) -> Option<usize> {
    for bottom in top + 1..grid.len() {
        match at(grid, bottom, right) {
            '+' => {
                if scan_left(grid, top, left, bottom, right) {
                    return Some(bottom);
                }
            }
            '|' => {}
            _ => return None,
        }
    }
    None
}

fn scan_left(grid: &[Vec<char>], top: usize, left: usize, bottom: usize, right: usize) -> bool {
    (left + 1..right).all(|column| matches!(at(grid, bottom, column), '+' | '-'))
        && at(grid, bottom, left) == '+'
        && (top + 1..bottom).all(|row| matches!(at(grid, row, left), '+' | '|'))
}

/// A line whose `|` is off the column borders. The scan reads such a line as part of a cell
/// spanning columns; a real spanning cell has no `|` at (or right next to) the border it
/// spans, while a ragged one shows the border on its other lines or a shifted `|` on its own.
/// Returns that line's grid row.
fn misaligned_row(grid: &[Vec<char>], cells: &[GridCell]) -> Option<usize> {
    let borders: BTreeSet<usize> = cells
        .iter()
        .flat_map(|cell| [cell.left, cell.right])
        .collect();
    for cell in cells {
        let rows = cell.top + 1..cell.bottom;
        for &border in borders.range(cell.left + 1..cell.right) {
            if rows.clone().any(|row| at(grid, row, border) == '|') {
                return Some(
                    rows.clone()
                        .find(|&row| at(grid, row, border) != '|')
                        .unwrap_or(cell.top),
                );
            }
            let near =
                border.saturating_sub(2).max(cell.left + 1)..=(border + 2).min(cell.right - 1);
            let shifted = rows.clone().find(|&row| {
                near.clone().any(|column| {
                    at(grid, row, column) == '|'
                        && at(grid, row, column - 1) == ' '
                        && matches!(at(grid, row, column + 1), ' ' | '|')
                })
            });
            if shifted.is_some() {
                return shifted;
            }
        }
    }
    None
}

/// Expands spans and splits the first `header_rows` rows off as the merged header. A table
/// without header rows gets empty header texts.
fn build_table(rows: &[Vec<SourceCell>], row_lines: &[u32], header_rows: usize) -> Table {
    let grid = expand_spans(rows);
    let header_rows = header_rows.min(grid.len());
    let width = grid.first().map_or(0, Vec::len);
    let header = if header_rows > 0 {
        merge_header_rows(&grid[..header_rows])
    } else {
        vec![String::new(); width]
    };
    let body = grid
        .into_iter()
        .enumerate()
        .skip(header_rows)
        .map(|(index, cells)| Row {
            line: row_lines.get(index).copied().unwrap_or(0),
            cells,
        })
        .collect();
    Table {
        caption: None,
        header,
        rows: body,
    }
}

/// Splits one CSV line: commas outside double quotes; `""` inside quotes is a quote.
fn split_csv(text: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field).trim().to_string()),
            _ => field.push(c),
        }
    }
    fields.push(field.trim().to_string());
    fields
}

// ---------------------------------------------------------------------------------------------
// Substitutions and inline markup
// ---------------------------------------------------------------------------------------------

/// Collects `.. |name| directive:: data` definitions: `replace` gives its text, a raw `<br>` a
/// line break, `unicode` its characters; images and anything else give nothing.
fn collect_substitutions(lines: &[Line<'_>]) -> HashMap<String, String> {
    let mut found = HashMap::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(rest) = line.text.trim_start().strip_prefix(".. |") else {
            continue;
        };
        let Some((name, definition)) = rest.split_once('|') else {
            continue;
        };
        let Some((directive, data)) = definition.trim().split_once("::") else {
            continue;
        };
        let (body, _) = indented_block(lines, index + 1, indent_of(line.text));
        let mut text = data.trim().to_string();
        for more in body.iter().filter(|l| !is_blank(l.text)) {
            text.push(' ');
            text.push_str(more.text.trim());
        }
        let value = match directive.trim() {
            "replace" => strip_inline(&text, &HashMap::new()),
            "raw" if text.to_ascii_lowercase().contains("<br") => "\n".to_string(),
            "raw" => strip_tags(&text),
            "unicode" => decode_unicode(&text),
            _ => String::new(),
        };
        found.insert(name.to_string(), value);
    }
    found
}

/// `0xA9 U+2014 &#x2014; text` -> the characters they name (other words kept).
fn decode_unicode(text: &str) -> String {
    text.split_whitespace()
        .map(|word| {
            let hex = word
                .strip_prefix("0x")
                .or_else(|| word.strip_prefix("U+"))
                .or_else(|| word.strip_prefix("u+"))
                .or_else(|| word.strip_prefix("&#x").and_then(|w| w.strip_suffix(';')));
            hex.and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32)
                .map_or_else(|| word.to_string(), String::from)
        })
        .collect()
}

/// Longest inline markup looked for: bounds the search for a closing mark, so a line full of
/// unmatched `*` stays linear.
const MAX_MARKUP_CHARS: usize = 4000;

/// Roles whose text is shown as written (never read as `Title <target>`).
fn is_literal_role(role: &str) -> bool {
    matches!(role, "literal" | "code" | "samp" | "kbd" | "math" | "file")
}

/// May inline markup start after `prev`? (start of text, whitespace, opening punctuation, or a
/// CJK character, since Chinese text puts markup right next to words.)
fn start_ok(prev: Option<char>) -> bool {
    prev.is_none_or(|c| c.is_whitespace() || "-:/'\"<([{‘“«（【「、，。".contains(c) || is_wide(c))
}

/// May inline markup end before `next`?
fn end_ok(next: Option<char>) -> bool {
    next.is_none_or(|c| {
        c.is_whitespace() || "-.,:;!?\\/'\")]}>’”»）】」，。：；！？、".contains(c) || is_wide(c)
    })
}

/// Is the opening `prev` immediately closed by `next` (`(*)`, `'*'`)? Then it is not markup.
fn quoted(prev: Option<char>, next: Option<char>) -> bool {
    matches!(
        (prev, next),
        (Some('('), Some(')'))
            | (Some('['), Some(']'))
            | (Some('{'), Some('}'))
            | (Some('<'), Some('>'))
            | (Some('\''), Some('\''))
            | (Some('"'), Some('"'))
    )
}

/// Removes backslash escapes: `\x` -> `x`, backslash-whitespace -> nothing.
fn unescape(chars: &[char]) -> String {
    let mut out = String::with_capacity(chars.len());
    let mut index = 0;
    while index < chars.len() {
        match (chars[index], chars.get(index + 1)) {
            ('\\', Some(next)) => {
                if !next.is_whitespace() {
                    out.push(*next);
                }
                index += 2;
            }
            ('\\', None) => index += 1,
            (c, _) => {
                out.push(c);
                index += 1;
            }
        }
    }
    out
}

/// Finds the end of inline markup opened before `from`: the index of a `closer` that follows a
/// non-space character and is followed by an allowed end (after an optional `_`/`__` suffix when
/// `suffix` is set). Escaped characters are skipped.
fn find_close(chars: &[char], from: usize, closer: &[char], suffix: bool) -> Option<usize> {
    let mut index = from;
    let limit = chars.len().min(from.saturating_add(MAX_MARKUP_CHARS));
    while index < limit {
        if chars[index] == '\\' {
            index += 2;
            continue;
        }
        if index > from && chars[index..].starts_with(closer) && !chars[index - 1].is_whitespace() {
            let mut after = index + closer.len();
            if suffix {
                while after < chars.len() && after < index + closer.len() + 2 && chars[after] == '_'
                {
                    after += 1;
                }
            }
            if end_ok(chars.get(after).copied()) || (suffix && chars.get(after) == Some(&':')) {
                return Some(index);
            }
        }
        index += 1;
    }
    None
}

/// The shown text of interpreted text or a reference: `Title <target>` -> `Title`.
fn shown_text(content: &str) -> String {
    let content = content.trim();
    if let Some(open) = content.rfind('<')
        && content.ends_with('>')
    {
        let title = content[..open].trim();
        if !title.is_empty() {
            return title.to_string();
        }
        return content[open + 1..content.len() - 1].to_string();
    }
    content.trim_start_matches(['~', '!']).to_string()
}

/// Removes RST inline markup, keeping what a reader sees: `**strong**`, `*em*` and
/// ` ``literal`` ` lose their marks; `:role:\`Title <target>\`` and `` `Title <url>`_ `` give
/// `Title`; `|name|` is replaced by its substitution (`|br|` by `'\n'`); `\x` gives `x` and an
/// escaped space disappears; a reference name's trailing `_` is dropped.
fn strip_inline(text: &str, substitutions: &HashMap<String, String>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        let prev = index.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(index + 1).copied();
        match c {
            '\\' => {
                if let Some(escaped) = next
                    && !escaped.is_whitespace()
                {
                    out.push(escaped);
                }
                index += 2;
            }
            '`' if next == Some('`') => {
                let after = chars.get(index + 2).copied();
                let close = (start_ok(prev) && after.is_some_and(|a| !a.is_whitespace()))
                    .then(|| find_literal_close(&chars, index + 2))
                    .flatten();
                if let Some(close) = close {
                    out.extend(&chars[index + 2..close]);
                    index = close + 2;
                } else {
                    out.push_str("``");
                    index += 2;
                }
            }
            '`' => index = interpreted(&chars, index, None, &mut out),
            ':' if start_ok(prev) => match role_prefix(&chars, index) {
                Some((role, tick)) => index = interpreted(&chars, tick, Some(&role), &mut out),
                None => {
                    out.push(c);
                    index += 1;
                }
            },
            '*' => index = emphasis(&chars, index, &mut out),
            '|' => index = substitution(&chars, index, substitutions, &mut out),
            '_' if prev.is_some_and(char::is_alphanumeric) => {
                let underscores = if next == Some('_') { 2 } else { 1 };
                if end_ok(chars.get(index + underscores).copied()) {
                    index += underscores;
                } else {
                    out.push(c);
                    index += 1;
                }
            }
            _ => {
                out.push(c);
                index += 1;
            }
        }
    }
    out
}

fn find_literal_close(chars: &[char], from: usize) -> Option<usize> {
    let limit = chars
        .len()
        .saturating_sub(1)
        .min(from.saturating_add(MAX_MARKUP_CHARS));
    (from + 1..limit).find(|&at| {
        chars[at] == '`'
            && chars[at + 1] == '`'
            && !chars[at - 1].is_whitespace()
            && end_ok(chars.get(at + 2).copied())
    })
}

/// `:role:` right before a backtick at `index`: the role name and the backtick's index.
fn role_prefix(chars: &[char], index: usize) -> Option<(String, usize)> {
    let mut end = index + 1;
    while end < chars.len()
        && (chars[end].is_ascii_alphanumeric() || matches!(chars[end], '-' | '_' | '.' | '+' | ':'))
    {
        if chars[end] == ':' && chars.get(end + 1) == Some(&'`') {
            break;
        }
        end += 1;
    }
    let ok = end > index + 1 && chars.get(end) == Some(&':') && chars.get(end + 1) == Some(&'`');
    ok.then(|| {
        let role: String = chars[index + 1..end].iter().collect();
        (role, end + 1)
    })
}

/// Interpreted text or a reference whose opening backtick is at `tick`; pushes the shown text
/// and returns the index after the markup (or after the backtick when it is not markup).
fn interpreted(chars: &[char], tick: usize, role: Option<&str>, out: &mut String) -> usize {
    let prev = tick.checked_sub(1).map(|p| chars[p]);
    let next = chars.get(tick + 1).copied();
    let opens = role.is_some() || (start_ok(prev) && !quoted(prev, next));
    let close = (opens && next.is_some_and(|n| !n.is_whitespace()))
        .then(|| find_close(chars, tick + 1, &['`'], true))
        .flatten();
    let Some(close) = close else {
        if let Some(role) = role {
            out.push(':');
            out.push_str(role);
            out.push(':');
        }
        out.push('`');
        return tick + 1;
    };
    let content = unescape(&chars[tick + 1..close]);
    let mut after = close + 1;
    let mut role = role.map(str::to_string);
    while after < chars.len() && after < close + 3 && chars[after] == '_' {
        after += 1;
    }
    if role.is_none()
        && after == close + 1
        && let Some((suffix, end)) = role_prefix(chars, after).or_else(|| role_suffix(chars, after))
    {
        role = Some(suffix);
        after = end;
    }
    if role.as_deref().is_some_and(is_literal_role) {
        out.push_str(&content);
    } else {
        out.push_str(&shown_text(&content));
    }
    after
}

/// A `:role:` suffix after interpreted text (`` `text`:role: ``): the role and the index after.
fn role_suffix(chars: &[char], index: usize) -> Option<(String, usize)> {
    if chars.get(index) != Some(&':') {
        return None;
    }
    let end = (index + 1..chars.len())
        .find(|&at| !(chars[at].is_ascii_alphanumeric() || chars[at] == '-'))?;
    (end > index + 1 && chars[end] == ':')
        .then(|| (chars[index + 1..end].iter().collect(), end + 1))
}

/// `**strong**` or `*emphasis*` at `index`: pushes the content, or the star when it is not
/// markup. Returns the next index.
fn emphasis(chars: &[char], index: usize, out: &mut String) -> usize {
    let prev = index.checked_sub(1).map(|p| chars[p]);
    let width = if chars.get(index + 1) == Some(&'*') {
        2
    } else {
        1
    };
    let next = chars.get(index + width).copied();
    let opens = start_ok(prev) && next.is_some_and(|n| !n.is_whitespace()) && !quoted(prev, next);
    let closer: &[char] = if width == 2 { &['*', '*'] } else { &['*'] };
    let close = opens
        .then(|| find_close(chars, index + width, closer, false))
        .flatten();
    match close {
        Some(close) => {
            out.push_str(&unescape(&chars[index + width..close]));
            close + width
        }
        None => {
            out.extend(&chars[index..index + width]);
            index + width
        }
    }
}

/// `|name|` at `index`: pushes the substitution (`br` defaults to a line break, an unknown name
/// to nothing). Returns the next index.
fn substitution(
    chars: &[char],
    index: usize,
    substitutions: &HashMap<String, String>,
    out: &mut String,
) -> usize {
    let prev = index.checked_sub(1).map(|p| chars[p]);
    let next = chars.get(index + 1).copied();
    let opens = start_ok(prev) && next.is_some_and(|n| !n.is_whitespace() && n != '|');
    let close = opens
        .then(|| find_close(chars, index + 1, &['|'], true))
        .flatten();
    let Some(close) = close else {
        out.push('|');
        return index + 1;
    };
    let name: String = chars[index + 1..close].iter().collect();
    let value = substitutions
        .get(&name)
        .or_else(|| {
            substitutions
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(&name))
                .map(|(_, value)| value)
        })
        .cloned()
        .unwrap_or_else(|| {
            if name.eq_ignore_ascii_case("br") {
                "\n".to_string()
            } else {
                String::new()
            }
        });
    out.push_str(&value);
    let mut after = close + 1;
    while after < chars.len() && after < close + 3 && chars[after] == '_' {
        after += 1;
    }
    after
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn doc(text: &str) -> Document {
        match parse(text) {
            Ok(document) => document,
            Err(problems) => panic!("unexpected problems: {problems:?}"),
        }
    }

    fn problems(text: &str) -> Vec<ParseProblem> {
        match parse(text) {
            Ok(document) => panic!("expected problems, got {document:?}"),
            Err(problems) => problems,
        }
    }

    fn tables(document: &Document) -> Vec<&Table> {
        document
            .blocks
            .iter()
            .filter_map(|block| match &block.kind {
                BlockKind::Table(table) => Some(table),
                _ => None,
            })
            .collect()
    }

    fn only_table(text: &str) -> Table {
        let document = doc(text);
        let found = tables(&document);
        assert_eq!(found.len(), 1, "{document:?}");
        found[0].clone()
    }

    fn paragraphs(document: &Document) -> Vec<(u32, &str)> {
        document
            .blocks
            .iter()
            .filter_map(|block| match &block.kind {
                BlockKind::Paragraph { text } => Some((block.line, text.as_str())),
                _ => None,
            })
            .collect()
    }

    fn cells(table: &Table) -> Vec<Vec<&str>> {
        table
            .rows
            .iter()
            .map(|row| row.cells.iter().map(String::as_str).collect())
            .collect()
    }

    fn inline(text: &str) -> String {
        strip_inline(text, &HashMap::new())
    }

    #[test]
    fn sections_get_levels_by_first_appearance_and_title() {
        let document = doc(
            ":original_name: css_03_0076.html\n\n.. _css_03_0076:\n\n=====\nTitle\n=====\n\nSub\n---\n\nDeeper\n~~~~~~\n\nOther\n-----\n\nToo short\n---\n",
        );
        assert_eq!(document.title.as_deref(), Some("Title"));
        assert_eq!(document.doc_id.as_deref(), Some("css_03_0076"));
        let headings: Vec<(u32, u8, &str)> = document
            .blocks
            .iter()
            .filter_map(|block| match &block.kind {
                BlockKind::Heading { level, text } => Some((block.line, *level, text.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            headings,
            vec![
                (6, 1, "Title"),
                (9, 2, "Sub"),
                (12, 3, "Deeper"),
                (15, 2, "Other")
            ]
        );
    }

    #[test]
    fn paragraphs_join_lines_and_lists_give_one_paragraph_per_item() {
        let document = doc(
            "First line\nsecond   line.\n\n-  one\n   continued\n-  two\n\n#. three\n2) four\n\n• five\n",
        );
        assert_eq!(
            paragraphs(&document),
            vec![
                (1, "First line second line."),
                (4, "one continued"),
                (6, "two"),
                (8, "three"),
                (9, "four"),
                (11, "five"),
            ]
        );
    }

    #[test]
    fn literal_blocks_and_code_directives_become_code() {
        let document = doc(
            "Example::\n\n   {\n      \"a\": 1\n   }\n\n.. code-block:: json\n   :linenos:\n\n   {\"b\": 2}\n",
        );
        let kinds: Vec<&BlockKind> = document.blocks.iter().map(|block| &block.kind).collect();
        assert_eq!(
            kinds,
            vec![
                &BlockKind::Paragraph {
                    text: "Example:".into()
                },
                &BlockKind::Code {
                    language: None,
                    text: "{\n   \"a\": 1\n}".into()
                },
                &BlockKind::Code {
                    language: Some("json".into()),
                    text: "{\"b\": 2}".into()
                },
            ]
        );
        assert_eq!(document.blocks[1].line, 3);
        assert_eq!(document.blocks[2].line, 10);
    }

    #[test]
    fn notes_give_paragraphs_and_markup_without_text_is_skipped() {
        let document = doc(
            ".. note::\n\n   Keep this.\n\n.. important:: Inline\n   continues.\n\n.. _label:\n\n.. |logo| image:: a.png\n\n.. a comment\n   still comment\n\n.. image:: b.png\n",
        );
        assert_eq!(
            paragraphs(&document),
            vec![(3, "Keep this."), (5, "Inline continues.")]
        );
    }

    #[test]
    fn inline_markup_is_removed() {
        assert_eq!(
            inline("**Table 1** and *em* and ``code``"),
            "Table 1 and em and code"
        );
        assert_eq!(
            inline("See :ref:`Status Code <antiddos_02_0031>`."),
            "See Status Code."
        );
        assert_eq!(inline(":ref:`target_only`"), "target_only");
        assert_eq!(
            inline("`Docs <https://x.y/>`__ and `name`_"),
            "Docs and name"
        );
        assert_eq!(inline("4\\ *xx* or 5\\ *xx*"), "4xx or 5xx");
        assert_eq!(inline("/v1/\\{project\\_id\\}"), "/v1/{project_id}");
        assert_eq!(inline("a \\| b \\*\\* c"), "a | b ** c");
        assert_eq!(inline("add an asterisk (*)."), "add an asterisk (*).");
        assert_eq!(inline("interval * 2"), "interval * 2");
        assert_eq!(inline("Reason: ``'****-**'`` is"), "Reason: '****-**' is");
        assert_eq!(
            inline("chars\\ :literal:`\\`~!\\\\|[{}]:'\",` ./?"),
            "chars`~!\\|[{}]:'\", ./?"
        );
        assert_eq!(inline("单击**确定**按钮"), "单击确定按钮");
        assert_eq!(inline("Google_ is a reference"), "Google is a reference");
        assert_eq!(inline("snake_case_name stays"), "snake_case_name stays");
    }

    #[test]
    fn br_substitution_breaks_pieces() {
        let document = doc("one |br| two\n\n.. |br| raw:: html\n\n   <br>\n");
        assert_eq!(paragraphs(&document), vec![(1, "one"), (1, "two")]);
        let document = doc("Say |name|.\n\n.. |name| replace:: **errdex**\n");
        assert_eq!(paragraphs(&document), vec![(1, "Say errdex.")]);
    }

    #[test]
    fn grid_table_with_wrapped_cells_lists_and_caption() {
        let table = only_table(
            ".. table:: **Table 1** Codes\n\n   +------+-------------+\n   | Code | Message     |\n   +======+=============+\n   | E1   | Wrapped     |\n   |      | text.       |\n   |      |             |\n   |      | -  a        |\n   |      | -  b        |\n   +------+-------------+\n   | E2   | .. note::   |\n   |      |             |\n   |      |    Careful. |\n   +------+-------------+\n",
        );
        assert_eq!(table.caption.as_deref(), Some("Table 1 Codes"));
        assert_eq!(table.header, vec!["Code", "Message"]);
        assert_eq!(
            cells(&table),
            vec![vec!["E1", "Wrapped text.\na\nb"], vec!["E2", "Careful."]]
        );
        assert_eq!(table.rows[0].line, 6);
        assert_eq!(table.rows[1].line, 12);
    }

    #[test]
    fn grid_table_spans_are_expanded() {
        let table = only_table(
            "+-----+-----+-----+\n| A   | B   | C   |\n+=====+=====+=====+\n| wide      | x   |\n+-----+-----+     +\n| 1   | 2   |     |\n+-----+-----+-----+\n",
        );
        assert_eq!(table.header, vec!["A", "B", "C"]);
        assert_eq!(
            cells(&table),
            vec![vec!["wide", "wide", "x"], vec!["1", "2", "x"]]
        );
    }

    #[test]
    fn grid_table_multi_row_header_is_merged() {
        let table = only_table(
            "+--------+------+\n| Status | Code |\n+--------+------+\n| 状态   | 码   |\n+========+======+\n| 400    | E1   |\n+--------+------+\n",
        );
        assert_eq!(table.header, vec!["Status 状态", "Code 码"]);
        assert_eq!(cells(&table), vec![vec!["400", "E1"]]);
    }

    #[test]
    fn grid_table_aligned_by_display_width_or_by_characters() {
        let by_width = only_table(
            "+------+----+\n| 名称 | x  |\n+======+====+\n| 状态 | y  |\n+------+----+\n",
        );
        assert_eq!(by_width.header, vec!["名称", "x"]);
        let by_chars =
            only_table("+----+----+\n| 名称 | x  |\n+====+====+\n| 状态 | y  |\n+----+----+\n");
        assert_eq!(cells(&by_chars), vec![vec!["状态", "y"]]);
    }

    #[test]
    fn ragged_grid_table_is_a_problem_with_its_line() {
        let found =
            problems("Intro\n\n+----+----+\n| a  | b  |\n+====+====+\n| c  | d   |\n+----+----+\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 6);
        let shifted = problems("+----+----+\n| a  | b  |\n+====+====+\n| c |  d  |\n+----+----+\n");
        assert_eq!(shifted[0].line, 4);
        let open = problems("+----+----+\n| a  | b  |\n");
        assert_eq!(open[0].line, 2);
    }

    #[test]
    fn simple_table_with_continuation_lines_and_column_spans() {
        let table = only_table(
            "=====  =====  ======\nGroup         Detail\n------------  ------\nA      B      C\n=====  =====  ======\nx      y      first\n              second\n\n              third\nz      w      v\n=====  =====  ======\n",
        );
        assert_eq!(table.header, vec!["Group A", "Group B", "Detail C"]);
        assert_eq!(
            cells(&table),
            vec![vec!["x", "y", "first second\nthird"], vec!["z", "w", "v"]]
        );
        assert_eq!(table.rows[0].line, 6);
        assert_eq!(table.rows[1].line, 10);
    }

    #[test]
    fn simple_table_inside_a_list_item_without_header() {
        let document =
            doc("-  Parameters\n\n   ====  ===\n   a     1\n   b     2\n   ====  ===\n\nAfter.\n");
        let found = tables(&document);
        assert_eq!(found[0].header, vec!["", ""]);
        assert_eq!(cells(found[0]), vec![vec!["a", "1"], vec!["b", "2"]]);
        assert_eq!(
            paragraphs(&document),
            vec![(1, "Parameters"), (8, "After.")]
        );
    }

    #[test]
    fn simple_table_without_bottom_border_is_a_problem() {
        let found = problems("Text\n\n=====  =====\na      b\n=====  =====\nc      d\n");
        assert_eq!(found[0].line, 3);
    }

    #[test]
    fn list_table_reads_rows_of_bullets() {
        let table = only_table(
            ".. list-table:: Codes\n   :header-rows: 1\n   :widths: 10 30\n\n   * - Code\n     - Message\n   * - E1\n     - First line\n       continued\n\n       Second piece\n   * - E2\n     -\n",
        );
        assert_eq!(table.caption.as_deref(), Some("Codes"));
        assert_eq!(table.header, vec!["Code", "Message"]);
        assert_eq!(
            cells(&table),
            vec![
                vec!["E1", "First line continued\nSecond piece"],
                vec!["E2", ""]
            ]
        );
        assert_eq!(table.rows[0].line, 7);
    }

    #[test]
    fn list_table_that_is_not_a_list_is_a_problem() {
        let found = problems(".. list-table::\n\n   just text\n");
        assert_eq!(found[0].line, 3);
    }

    #[test]
    fn csv_table_with_header_option() {
        let table = only_table(
            ".. csv-table:: Limits\n   :header: \"Name\", \"Value\"\n\n   \"a, b\", 1\n   c, \"say \"\"hi\"\"\"\n",
        );
        assert_eq!(table.header, vec!["Name", "Value"]);
        assert_eq!(
            cells(&table),
            vec![vec!["a, b", "1"], vec!["c", "say \"hi\""]]
        );
    }

    #[test]
    fn raw_html_gives_its_text() {
        let document =
            doc(".. raw:: html\n\n   <table><tr><td>E1</td><td>Bad &amp; sad</td></tr></table>\n");
        assert_eq!(paragraphs(&document), vec![(3, "E1 Bad & sad")]);
    }

    #[test]
    fn deep_nesting_does_not_exhaust_the_stack() {
        let deep: String = (0..1000)
            .map(|depth| format!("{}- x\n", " ".repeat(depth)))
            .collect();
        assert!(parse(&deep).is_ok());
        let bullets = "- ".repeat(20_000);
        assert!(parse(&bullets).is_ok());
    }

    fn rst_piece() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "+----+----+\n",
            "+====+====+\n",
            "| a  | b  |\n",
            "|    |    |\n",
            "| 名 | b  |\n",
            "+----+\n",
            "=====  =====\n",
            "-----  -----\n",
            "a      b\n",
            "Title\n",
            "=====\n",
            "-----\n",
            "\n",
            "   ",
            "- item\n",
            "* - cell\n",
            "#. item\n",
            ".. note::\n",
            ".. table:: **T**\n",
            ".. list-table::\n",
            "   :header-rows: 1\n",
            ".. code-block:: json\n",
            ".. |br| raw:: html\n",
            ":original_name: x.html\n",
            "text::\n",
            "**bold *em ``lit :ref:`x <y>` `z`_ |br| \\",
            "状态码\n",
        ])
        .prop_map(str::to_string)
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_text(text in ".{0,400}") {
            let _ = parse(&text);
        }

        #[test]
        fn never_panics_on_rst_pieces(pieces in prop::collection::vec(rst_piece(), 0..40)) {
            let _ = parse(&pieces.concat());
        }

        #[test]
        fn rows_always_match_the_header(pieces in prop::collection::vec(rst_piece(), 0..40)) {
            if let Ok(document) = parse(&pieces.concat()) {
                for table in tables(&document) {
                    for row in &table.rows {
                        prop_assert_eq!(row.cells.len(), table.header.len());
                    }
                }
            }
        }
    }
}
