//! Parser for plain text copied from a rendered web page.
//!
//! Such text has lost all markup: every paragraph, list item and table cell became one line (or
//! one blank-line-separated paragraph), and empty table cells vanished. This parser rebuilds what
//! it can from the words themselves.
//!
//! Steps:
//! 1. Split the text into [`Chunk`]s: every non-blank line is one, with its 1-based line number;
//!    a line opening a JSON value (`{`, `[`) swallows the following lines until its brackets
//!    balance and becomes one JSON chunk with its original text.
//! 2. Pick the title: the first line, skipping an `Updated on ...` stamp.
//! 3. Walk the chunks. A table starts at a caption (`Table 2 Query Parameters`, `表 1 ...`)
//!    followed by header lines, or at a run of at least two header lines (each naming a
//!    [`ColumnRole`] in [`crate::vocab`]). The table is rebuilt ([`rebuild_table`]):
//!    a [`CellShape`] per column from its role (or learned from the first value), rows cut where
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
// Step 1: chunks

/// One unit of the source: a non-blank line, or a whole JSON example.
#[derive(Debug, Clone, PartialEq)]
struct Chunk {
    /// 1-based line where the chunk starts.
    line: u32,
    /// Whitespace-folded line text, or the original JSON text.
    text: String,
    /// True for a JSON example.
    json: bool,
}

impl Chunk {
    /// The line text when this chunk is a plain line.
    fn line_text(&self) -> Option<&str> {
        (!self.json).then_some(self.text.as_str())
    }
}

/// Splits the text into line chunks and JSON chunks.
fn split_chunks(text: &str) -> Vec<Chunk> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let mut chunks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let folded = fold_whitespace(lines[i]);
        if folded.is_empty() {
            i += 1;
            continue;
        }
        let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if let Some(end) = json_end(&lines, i) {
            chunks.push(Chunk {
                line,
                text: lines[i..=end].join("\n").trim_end().to_string(),
                json: true,
            });
            i = end + 1;
            continue;
        }
        chunks.push(Chunk {
            line,
            text: folded,
            json: false,
        });
        i += 1;
    }
    chunks
}

/// If `lines[start]` opens a JSON value, the index of the line where its brackets balance.
fn json_end(lines: &[&str], start: usize) -> Option<usize> {
    if !opens_json(lines[start]) {
        return None;
    }
    let mut scan = BracketScan::default();
    for (index, line) in lines.iter().enumerate().skip(start) {
        scan.feed(line);
        if scan.broken {
            return None;
        }
        if scan.depth == 0 {
            return Some(index);
        }
    }
    None
}

/// True for a line that starts a JSON object or array (`{`, `[ {`, `["a"`), not a bracketed
/// word such as `[Optional] text` or a placeholder such as `{name} not found`.
fn opens_json(line: &str) -> bool {
    let trimmed = line.trim_start();
    let mut chars = trimmed.chars();
    if !matches!(chars.next(), Some('{' | '[')) {
        return false;
    }
    match chars.as_str().trim_start().chars().next() {
        None => true,
        Some(c) => matches!(c, '"' | '{' | '[' | ']' | '}' | '-') || c.is_ascii_digit(),
    }
}

/// Bracket depth of JSON text fed line by line, ignoring brackets inside strings.
#[derive(Debug, Default)]
struct BracketScan {
    depth: usize,
    in_string: bool,
    escaped: bool,
    broken: bool,
}

impl BracketScan {
    /// Scans one more line.
    fn feed(&mut self, line: &str) {
        for c in line.chars() {
            if self.in_string {
                match c {
                    _ if self.escaped => self.escaped = false,
                    '\\' => self.escaped = true,
                    '"' => self.in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => self.in_string = true,
                '{' | '[' => self.depth += 1,
                '}' | ']' => match self.depth.checked_sub(1) {
                    Some(depth) => self.depth = depth,
                    None => self.broken = true,
                },
                _ => {}
            }
            if self.depth == 0 {
                // Text after the closing bracket on the same line is tolerated.
                return;
            }
        }
        // A JSON string never spans lines.
        self.in_string = false;
        self.escaped = false;
    }
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

// ---------------------------------------------------------------------------------------------
// Step 3: tables

/// Where a table starts: optional caption, then header lines `header_start..header_end`.
#[derive(Debug, Clone, PartialEq)]
struct TableStart {
    caption: Option<String>,
    header_start: usize,
    header_end: usize,
}

/// Most blocks a free cell may take while looking ahead for the next strict cell.
const MAX_LOOKAHEAD: usize = 8;

/// Most header lines a table can have.
const MAX_HEADER_LINES: usize = 12;

/// Detects a table starting at chunk `i`: a caption followed by header lines, or a run of at
/// least two header lines whose roles are all different (a section heading such as
/// `Error Codes` just before `HTTP Status Code`, `Error Code`, ... is not part of the header).
fn table_start(chunks: &[Chunk], i: usize) -> Option<TableStart> {
    let text = chunks.get(i)?.line_text()?;
    if is_caption_line(text) {
        let header_end = header_run_end(chunks, i + 1, false);
        return (header_end > i + 1).then(|| TableStart {
            caption: Some(text.to_string()),
            header_start: i + 1,
            header_end,
        });
    }
    let header_end = header_run_end(chunks, i, true);
    (header_end >= i + 2).then_some(TableStart {
        caption: None,
        header_start: i,
        header_end,
    })
}

/// End (exclusive) of the header lines starting at `start`. Trailing lower-case lines after a
/// header that does not start in lower case (`Parameter`, `Type`, `Description`, then the value
/// `status`; `参数`, ..., `status`) are body cells. With `distinct_roles`, a run whose roles repeat is accepted only from the point where
/// they stop repeating, and the run must start there (else it ends at `start`).
fn header_run_end(chunks: &[Chunk], start: usize, distinct_roles: bool) -> usize {
    let mut roles: Vec<ColumnRole> = Vec::new();
    let mut end = start;
    while end < chunks.len() && end - start < MAX_HEADER_LINES {
        match chunks[end].line_text().and_then(header_role) {
            Some(role) => roles.push(role),
            None => break,
        }
        end += 1;
    }
    let first_lower = chunks
        .get(start)
        .and_then(|c| c.text.chars().next())
        .is_some_and(char::is_lowercase);
    while !first_lower && end > start + 1 {
        let last_lower = chunks[end - 1]
            .text
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        if !last_lower {
            break;
        }
        end -= 1;
        roles.pop();
    }
    // Checked after the trailing body cells are cut: a first value that is itself a header
    // word (`名称`, …, `说明`, then the parameter `name`) does not make the roles repeat.
    if distinct_roles {
        let first_repeat = roles
            .iter()
            .enumerate()
            .find(|(k, role)| roles[k + 1..].contains(role))
            .map(|(k, _)| k);
        if first_repeat.is_some() {
            return start;
        }
    }
    end
}

/// The column role a line names when it can be a header cell.
fn header_role(text: &str) -> Option<ColumnRole> {
    if ends_with_sentence_punctuation(text)
        || is_status_code_line(text)
        || is_caption_line(text)
        || is_parent_topic(text)
        || is_request_line(text)
    {
        return None;
    }
    column_role(text)
}

/// A caption line of pasted text ([`is_table_caption`]). Pasted text has no markup to tell a
/// caption from a paragraph that happens to start with `Table 3`, so a long line is prose.
fn is_caption_line(text: &str) -> bool {
    const LONGEST_CAPTION: usize = 120;
    text.chars().count() <= LONGEST_CAPTION && is_table_caption(text)
}

/// What the cells of one column look like, used to cut rows and deal blocks to columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellShape {
    /// `400`, `NA`, `N/A`, `400/404`.
    HttpStatus,
    /// `Ecs.0013`, `CSS-6007`, `ModelArts.0104`.
    ErrorCode,
    /// `Yes`, `No`, `是`, `否`.
    Mandatory,
    /// `String`, `Array of FailedTasks objects`, `Map<String,String>`.
    DataType,
    /// `path`, `query`, `header`, `body`.
    Location,
    /// A short label such as a module name (`ECS`): no sentence, not a number or code.
    Label,
    /// One token without spaces: `project_id`, `X-Auth-Token`, `BUILD`.
    Name,
    /// A whole number: enumeration values `0`, `1`, ...
    Number,
    /// A short phrase without final punctuation: `Creation failures`.
    Phrase,
    /// Anything; may run over several blocks.
    Free,
}

impl CellShape {
    /// The shape a column role implies, before any value is seen.
    fn from_role(role: Option<ColumnRole>) -> CellShape {
        match role {
            Some(ColumnRole::HttpStatus) => CellShape::HttpStatus,
            Some(ColumnRole::ErrorCode) => CellShape::ErrorCode,
            Some(ColumnRole::Mandatory) => CellShape::Mandatory,
            Some(ColumnRole::Type) => CellShape::DataType,
            Some(ColumnRole::Location) => CellShape::Location,
            Some(ColumnRole::Module) => CellShape::Label,
            _ => CellShape::Free,
        }
    }

    /// The shape learned from a first-column value the role's shape does not describe.
    fn learned_from(value: &str) -> CellShape {
        if is_number(value) {
            CellShape::Number
        } else if is_name(value) {
            CellShape::Name
        } else if is_phrase(value) {
            CellShape::Phrase
        } else {
            CellShape::Free
        }
    }

    /// True when a cell of this shape is exactly one block with a recognisable form.
    fn is_strict(self) -> bool {
        self != CellShape::Free
    }

    /// True when `text` has this shape.
    ///
    /// `N/A` is a status placeholder, never a name.
    fn matches(self, text: &str) -> bool {
        match self {
            CellShape::HttpStatus => is_http_status(text),
            CellShape::ErrorCode => is_error_code(text),
            CellShape::Mandatory => is_mandatory(text),
            CellShape::DataType => is_data_type(text),
            CellShape::Location => is_location(text),
            CellShape::Label => is_phrase(text) && !is_http_status(text) && !is_error_code(text),
            CellShape::Name => is_name(text) && text != "N/A",
            CellShape::Number => is_number(text),
            CellShape::Phrase => is_phrase(text) && !is_known_heading(text),
            CellShape::Free => true,
        }
    }

    /// True for shapes distinctive enough to start a row whose leading cells vanished.
    fn can_start_after_vanished(self) -> bool {
        matches!(self, CellShape::HttpStatus | CellShape::ErrorCode)
    }

    /// True for leading columns whose cells may vanish (blank "ditto" module, missing status).
    fn may_vanish_before_start(self) -> bool {
        matches!(
            self,
            CellShape::HttpStatus | CellShape::Label | CellShape::Number
        )
    }
}

/// How a table's columns look.
#[derive(Debug, Clone)]
struct ColumnLayout {
    shapes: Vec<CellShape>,
}

/// How sure a row start is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowStart {
    /// A later column's shape confirmed it (`limit` followed by `No`).
    Confirmed,
    /// Only the first column could be checked (`BUILD` followed by a sentence).
    Plausible,
}

impl ColumnLayout {
    /// Builds the layout from the header and the first body value.
    fn new(header: &[String], first_value: &str) -> ColumnLayout {
        let mut shapes: Vec<CellShape> = header
            .iter()
            .map(|h| CellShape::from_role(column_role(h)))
            .collect();
        if let Some(first) = shapes.first_mut()
            && (!first.matches(first_value) || *first == CellShape::Free)
        {
            *first = CellShape::learned_from(first_value);
        }
        ColumnLayout { shapes }
    }

    /// Number of columns.
    fn width(&self) -> usize {
        self.shapes.len()
    }

    /// Columns a row starting with `text` may start at, in order of preference.
    fn start_columns(&self, text: &str) -> Vec<usize> {
        let mut columns = Vec::new();
        for (column, shape) in self.shapes.iter().enumerate() {
            if shape.is_strict()
                && shape.matches(text)
                && (column == 0 || shape.can_start_after_vanished())
            {
                columns.push(column);
            }
            if !shape.may_vanish_before_start() {
                break;
            }
        }
        columns
    }

    /// Whether a row can start at `blocks[i]` in `column`, judged by the blocks that follow:
    /// the next strict column must match (vanished strict cells are skipped; a free cell may
    /// take up to [`MAX_LOOKAHEAD`] blocks before it). Without strict columns after `column`,
    /// the start is only plausible, and refused when the next block has the same shape
    /// (`BUILD` then `ACTIVE` are two values, not a value and its description).
    fn confirm_row(&self, blocks: &[&str], i: usize, column: usize) -> Option<RowStart> {
        let later = &self.shapes[column + 1..];
        let next_text = blocks.get(i + 1);
        if !later.iter().any(|s| s.is_strict()) {
            let own_shape = self.shapes[column];
            let same_kind = matches!(own_shape, CellShape::Name | CellShape::Number)
                && next_text.is_some_and(|text| own_shape.matches(text));
            return (later.is_empty() || (next_text.is_some() && !same_kind))
                .then_some(RowStart::Plausible);
        }
        let next = i + 1;
        for (offset, shape) in later.iter().enumerate() {
            let text = blocks.get(next)?;
            if shape.is_strict() {
                if shape.matches(text) {
                    return Some(RowStart::Confirmed);
                }
                continue;
            }
            // A free cell: look for the next strict column's value a few blocks on.
            let strict = later[offset..].iter().find(|s| s.is_strict())?;
            let window = blocks.get(next..).unwrap_or_default();
            return window
                .iter()
                .take(MAX_LOOKAHEAD)
                .any(|text| strict.matches(text))
                .then_some(RowStart::Confirmed);
        }
        None
    }

    /// Number of blocks from `blocks[start]` taken by the row's leading strict cells.
    fn strict_prefix_len(&self, blocks: &[&str], start: usize, column: usize) -> usize {
        let mut next = start;
        for shape in &self.shapes[column..] {
            if !shape.is_strict() {
                break;
            }
            if blocks.get(next).is_some_and(|text| shape.matches(text)) {
                next += 1;
            }
        }
        next - start
    }

    /// True when a row started in `column`, whose blocks after the strict prefix are
    /// `row_rest`, still waits for a strict cell after its free cells that `text` fits
    /// (`N/A` in the status column after the description, not a new row).
    fn awaits(&self, row_rest: &[&str], column: usize, text: &str) -> bool {
        let Some(first_free) = (column..self.width()).find(|&c| !self.shapes[c].is_strict()) else {
            return false;
        };
        self.shapes[first_free..]
            .iter()
            .filter(|shape| shape.is_strict())
            .any(|shape| shape.matches(text) && !row_rest.iter().any(|b| shape.matches(b)))
    }

    /// The row start at `blocks[i]`, if any: its column and how sure it is.
    fn row_start_at(&self, blocks: &[&str], i: usize) -> Option<(usize, RowStart)> {
        let text = blocks.get(i)?;
        self.start_columns(text)
            .into_iter()
            .find_map(|column| self.confirm_row(blocks, i, column).map(|s| (column, s)))
    }

    /// Deals the blocks of one row, starting at `column`, to the columns.
    fn deal_row(&self, blocks: &[&str], column: usize) -> Vec<String> {
        let width = self.width();
        let mut cells: Vec<Vec<&str>> = vec![Vec::new(); width];
        let mut next = 0;
        let mut col = column;
        while col < width {
            let shape = self.shapes[col];
            if shape.is_strict() {
                if blocks.get(next).is_some_and(|text| shape.matches(text)) {
                    cells[col].push(blocks[next]);
                    next += 1;
                }
                col += 1;
                continue;
            }
            let run_end = (col..width)
                .find(|&c| self.shapes[c].is_strict())
                .unwrap_or(width);
            let blocks_end = match self.shapes.get(run_end) {
                Some(strict) => (next..blocks.len())
                    .find(|&k| strict.matches(blocks[k]))
                    .unwrap_or(blocks.len()),
                None => blocks.len(),
            };
            deal_free_blocks(&blocks[next..blocks_end], &mut cells[col..run_end]);
            next = blocks_end;
            col = run_end;
        }
        if next < blocks.len() {
            let last_free = (column..width)
                .rev()
                .find(|&c| !self.shapes[c].is_strict())
                .unwrap_or(width - 1);
            cells[last_free].extend_from_slice(&blocks[next..]);
        }
        cells.into_iter().map(|pieces| pieces.join("\n")).collect()
    }
}

/// Deals blocks to a run of free columns: a block continuing the one before (a wrapped line
/// starting in lower case, a bullet, a note) stays with it; extra groups go to the last column;
/// missing ones leave the trailing columns empty.
fn deal_free_blocks<'a>(blocks: &[&'a str], cells: &mut [Vec<&'a str>]) {
    let Some(last) = cells.len().checked_sub(1) else {
        return;
    };
    let mut groups: Vec<Vec<&str>> = Vec::new();
    for &block in blocks {
        let continues = groups
            .last()
            .and_then(|g| g.last())
            .is_some_and(|previous| continues_previous(previous, block));
        match groups.last_mut() {
            Some(group) if continues || cells.len() == 1 => group.push(block),
            _ => groups.push(vec![block]),
        }
    }
    for (index, group) in groups.into_iter().enumerate() {
        cells[index.min(last)].extend(group);
    }
}

/// True when `block` reads as the continuation of `previous` within one cell.
fn continues_previous(previous: &str, block: &str) -> bool {
    let wrapped = block.chars().next().is_some_and(char::is_lowercase)
        && !ends_with_sentence_punctuation(previous);
    let lead_in = previous.ends_with(':') || previous.ends_with('：');
    wrapped || lead_in || is_bullet(block) || block.starts_with("NOTE") || block.starts_with("说明")
}

/// Rebuilds the table at `start`; returns it with the index of the first chunk after it, or
/// `None` when no row fits (the lines then stay as paragraphs).
fn rebuild_table(chunks: &[Chunk], start: TableStart) -> Option<(Table, usize)> {
    let header: Vec<String> = chunks[start.header_start..start.header_end]
        .iter()
        .map(|c| c.text.clone())
        .collect();
    let body_start = start.header_end;
    let body_end = (body_start..chunks.len())
        .find(|&k| chunks[k].json)
        .unwrap_or(chunks.len());
    let body: Vec<&str> = chunks[body_start..body_end]
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    let layout = ColumnLayout::new(&header, body.first()?);
    let (first_column, _) = layout.row_start_at(&body, 0).or_else(|| {
        let first = body.first()?;
        layout
            .start_columns(first)
            .first()
            .map(|&c| (c, RowStart::Plausible))
    })?;
    let mut spans: Vec<(usize, usize)> = vec![(0, first_column)];
    let mut end = body.len();
    let mut i = 1;
    while i < body.len() {
        let (row_start, row_column) = *spans.last()?;
        let row_len = i - row_start;
        let row_complete = row_len + row_column >= layout.width();
        if ends_table(chunks, body_start + i, row_complete) {
            end = i;
            break;
        }
        let prefix = layout.strict_prefix_len(&body, row_start, row_column);
        let row_rest = body.get(row_start + prefix..i).unwrap_or_default();
        let awaited = layout.awaits(row_rest, row_column, body[i]);
        if let Some((column, sureness)) = layout.row_start_at(&body, i).filter(|_| !awaited) {
            let earliest = match sureness {
                RowStart::Confirmed => row_start + prefix.max(1),
                RowStart::Plausible => row_start + prefix + 1,
            };
            if i >= earliest {
                spans.push((i, column));
            }
        }
        i += 1;
    }
    let rows = spans
        .iter()
        .enumerate()
        .map(|(k, &(row_start, column))| {
            let row_end = spans.get(k + 1).map_or(end, |&(next, _)| next);
            Row {
                line: chunks[body_start + row_start].line,
                cells: layout.deal_row(&body[row_start..row_end], column),
            }
        })
        .collect();
    let table = Table {
        caption: start.caption,
        header,
        rows,
    };
    Some((table, body_start + end))
}

/// True when chunk `k` cannot belong to the table before it: a JSON example, a
/// `Status code: 200` line, `Parent topic:`, a new caption, or (once the current row has a
/// block for every column) a known section heading, a title-like line just before a table, or
/// a new header.
fn ends_table(chunks: &[Chunk], k: usize, row_complete: bool) -> bool {
    let Some(text) = chunks.get(k).and_then(Chunk::line_text) else {
        return true;
    };
    if is_status_code_line(text)
        || is_parent_topic(text)
        || table_start(chunks, k).is_some_and(|s| s.caption.is_some())
    {
        return true;
    }
    let heading_before_table = looks_like_heading(text)
        && (table_start(chunks, k + 1).is_some() || chunks.get(k + 1).is_some_and(|c| c.json));
    row_complete
        && (is_known_heading(text) || heading_before_table || table_start(chunks, k).is_some())
}

// ---------------------------------------------------------------------------------------------
// Step 4: headings and paragraphs

/// Section names that are headings wherever they stand alone on a line.
const KNOWN_HEADINGS: &[&str] = &[
    "function",
    "functions",
    "uri",
    "request",
    "response",
    "request parameters",
    "response parameters",
    "request parameter",
    "response parameter",
    "example request",
    "example requests",
    "example response",
    "example responses",
    "request example",
    "response example",
    "example",
    "examples",
    "status code",
    "status codes",
    "error code",
    "error codes",
    "returned value",
    "returned values",
    "calling method",
    "authorization information",
    "constraints",
    "constraints and limitations",
    "scenarios",
    "scenario",
    "procedure",
    "prerequisites",
    "context",
    "background",
    "precautions",
    "follow-up procedure",
    "related operations",
    "debugging",
    "sdk sample code",
    "request message",
    "response message",
    "请求消息",
    "响应消息",
    "请求",
    "响应",
    "返回值",
    "请求样例",
    "响应样例",
    "功能介绍",
    "接口约束",
    "调用方法",
    "请求参数",
    "响应参数",
    "请求示例",
    "响应示例",
    "状态码",
    "错误码",
    "操作场景",
    "操作步骤",
    "前提条件",
    "约束与限制",
];

/// True for a line naming a well-known section.
fn is_known_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    KNOWN_HEADINGS.contains(&lower.as_str())
}

/// Words that stand alone on a line without being headings.
const NOT_HEADINGS: &[&str] = &["none", "ok", "n/a", "na", "yes", "no", "null", "-", "无"];

/// True for a short title-like line: a few words, no final punctuation, starting with a capital
/// or an ideograph, and not a caption, a request line or a status line.
fn looks_like_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let first = text.chars().next();
    (1..=8).contains(&words)
        && text.chars().count() <= 60
        && !ends_with_sentence_punctuation(text)
        && first.is_some_and(|c| c.is_uppercase() || is_cjk_or_fullwidth(c))
        && !NOT_HEADINGS.contains(&text.to_lowercase().as_str())
        && !is_caption_line(text)
        && !is_request_line(text)
        && !is_status_code_line(text)
        && !is_parent_topic(text)
        && !text.contains("://")
        && !text.starts_with("Figure ")
}

/// Heading or paragraph for the chunk at `i` outside any table.
fn classify_chunk(chunks: &[Chunk], i: usize) -> BlockKind {
    let chunk = &chunks[i];
    if chunk.json {
        return BlockKind::Code {
            language: Some("json".to_string()),
            text: chunk.text.clone(),
        };
    }
    let text = chunk.text.as_str();
    let next = chunks.get(i + 1);
    let heading = match next {
        None => false,
        Some(_) if is_known_heading(text) => true,
        Some(next) => looks_like_heading(text) && is_content_after_heading(chunks, next, i + 1),
    };
    if heading {
        BlockKind::Heading {
            level: 2,
            text: text.to_string(),
        }
    } else {
        BlockKind::Paragraph {
            text: text.to_string(),
        }
    }
}

/// True when `next` (at index `k`) can follow a heading: running text (a sentence or a long
/// line), a list item, a request line, a caption, a known heading or a table; not another bare
/// short line (`Dependencies` above `kps::getFailedTask` is a table cell) and not a JSON example
/// (`OK` above a response body is a label).
fn is_content_after_heading(chunks: &[Chunk], next: &Chunk, k: usize) -> bool {
    let Some(text) = next.line_text() else {
        return false;
    };
    ends_with_sentence_punctuation(text)
        || text.split_whitespace().count() > 8
        || is_bullet(text)
        || is_request_line(text)
        || is_known_heading(text)
        || is_caption_line(text)
        || table_start(chunks, k).is_some()
}

// ---------------------------------------------------------------------------------------------
// Shapes of single lines

/// True when the text ends like a sentence or a lead-in (`.`, `:`, `;`, `。`, ...).
fn ends_with_sentence_punctuation(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches([')', '）', '"', '\'', '”', '’'])
        .chars()
        .next_back()
        .is_some_and(|c| ".,:;!?。，：；！？、".contains(c))
}

/// True for a list item typed with a bullet.
fn is_bullet(text: &str) -> bool {
    text.starts_with("- ")
        || text.starts_with('•')
        || text.starts_with("* ")
        || text.starts_with('·')
}

/// True for `Status code: 200` (the extractor reads these as paragraphs).
fn is_status_code_line(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower
        .strip_prefix("status code:")
        .or_else(|| lower.strip_prefix("状态码："))
        .or_else(|| lower.strip_prefix("状态码:"))
        .is_some_and(|rest| is_http_status(rest.trim()))
}

/// True for `Parent topic: ...` (`父主题： ...`).
fn is_parent_topic(text: &str) -> bool {
    text.starts_with("Parent topic:") || text.starts_with("父主题")
}

/// True for `GET /v3/{project_id}/...` and similar request lines.
fn is_request_line(text: &str) -> bool {
    text.split_once(' ')
        .is_some_and(|(method, rest)| is_http_method(method) && !rest.trim().is_empty())
}

/// True for `400`, `4xx`, `NA`, `N/A`, `-`, `400/404`.
fn is_http_status(text: &str) -> bool {
    let one = |t: &str| is_status_or_class(t.trim());
    // `403 Forbidden`: a status with its reason phrase.
    let code_part = match text.split_once(' ') {
        Some((code, reason))
            if reason.split_whitespace().count() <= 6
                && reason
                    .chars()
                    .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-') =>
        {
            code
        }
        _ => text,
    };
    matches!(text, "NA" | "N/A" | "-" | "--") || code_part.split('/').all(one)
}

/// True for an error code such as `Ecs.0013`, `CSS-6007`, `APIGW.0101`, `ModelArts.0104`.
fn is_error_code(text: &str) -> bool {
    if text.len() >= 4 && is_number(text) {
        // Numeric codes such as `10240002`; three digits are an HTTP status.
        return true;
    }
    // `DCS. 4855`: a stray space after the dot.
    let text = &text.replacen(". ", ".", 1);
    let mut parts = text.split(['.', '-', '_']);
    let Some(prefix) = parts.next() else {
        return false;
    };
    let rest: Vec<&str> = parts.collect();
    text.len() <= 40
        && prefix
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && prefix.chars().all(|c| c.is_ascii_alphanumeric())
        && !rest.is_empty()
        && rest
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
        && rest
            .last()
            .is_some_and(|p| p.chars().any(|c| c.is_ascii_digit()))
}

/// True for `Yes`, `No`, `是`, `否` (optionally followed by a short remark).
fn is_mandatory(text: &str) -> bool {
    let lower = text.to_lowercase();
    let word = lower
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    matches!(
        word,
        "yes" | "no" | "true" | "false" | "optional" | "mandatory" | "required"
    ) && lower.chars().count() <= 40
        || matches!(text, "是" | "否" | "必选" | "可选")
}

/// Base type words of API parameter tables.
const TYPE_WORDS: &[&str] = &[
    "string",
    "integer",
    "int",
    "int32",
    "int64",
    "long",
    "boolean",
    "bool",
    "float",
    "double",
    "number",
    "object",
    "array",
    "map",
    "list",
    "date",
    "datetime",
    "timestamp",
    "file",
    "bigdecimal",
    "decimal",
    "json",
    "enum",
    "byte",
    "binary",
    "char",
    "short",
    "uuid",
    "any",
    "字符串",
    "整数",
    "整型",
    "布尔",
    "布尔型",
    "数组",
    "对象",
    "长整型",
    "浮点型",
];

/// True for a data type: `String`, `Integer`, `Array of FailedTasks objects`, `String array`,
/// `Map<String,String>`, `List<String>`, `String[]`.
fn is_data_type(text: &str) -> bool {
    let lower = text.to_lowercase();
    if lower.chars().count() > 60 || ends_with_sentence_punctuation(&lower) {
        return false;
    }
    let head = lower
        .split(|c: char| c.is_whitespace() || "<[(".contains(c))
        .next()
        .unwrap_or("");
    if !TYPE_WORDS.contains(&head) {
        return false;
    }
    let words = lower.split_whitespace().count();
    words == 1
        || lower.starts_with("array of ")
        || lower.contains('<')
        || lower.contains('(')
        || (words == 2 && (lower.ends_with(" array") || lower.ends_with(" list")))
}

/// True for a parameter location.
fn is_location(text: &str) -> bool {
    matches!(
        text.to_lowercase().as_str(),
        "path" | "query" | "header" | "body" | "formdata" | "cookie"
    )
}

/// True for one token without spaces that names something: `project_id`, `X-Auth-Token`.
fn is_name(text: &str) -> bool {
    text.chars().count() <= 80
        && !text.contains(char::is_whitespace)
        && text.chars().any(char::is_alphanumeric)
        && !text.chars().any(is_cjk_or_fullwidth)
        && !ends_with_sentence_punctuation(text)
        && !is_bullet(text)
}

/// True for a whole number, possibly negative.
fn is_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty() && digits.len() <= 12 && digits.chars().all(|c| c.is_ascii_digit())
}

/// True for a short phrase: at most 8 words, no final punctuation, not a bullet.
fn is_phrase(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=8).contains(&words)
        && text.chars().count() <= 80
        && !ends_with_sentence_punctuation(text)
        && !is_bullet(text)
        && !is_parent_topic(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn blocks(text: &str) -> Vec<Block> {
        parse(text).expect("text parsing never fails").blocks
    }

    fn tables(text: &str) -> Vec<Table> {
        blocks(text)
            .into_iter()
            .filter_map(|b| match b.kind {
                BlockKind::Table(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    fn lines(items: &[&str]) -> String {
        items.join("\n\n")
    }

    fn cells(table: &Table) -> Vec<Vec<&str>> {
        table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn title_skips_update_stamp() {
        let doc = parse("Updated on 2025-10-16 GMT+08:00\n\nQuerying Tasks\n\nText.\n").unwrap();
        assert_eq!(doc.title.as_deref(), Some("Querying Tasks"));
        assert_eq!(
            doc.blocks[1],
            Block::new(
                3,
                BlockKind::Heading {
                    level: 1,
                    text: "Querying Tasks".into()
                }
            )
        );
    }

    #[test]
    fn headings_and_paragraphs() {
        let text = lines(&[
            "Title",
            "URI",
            "GET /v3/{project_id}/failed-tasks",
            "Response Parameters",
            "Status code: 200",
            "Some Section",
            "A sentence follows here.",
            "OK",
            "{\"a\": 1}",
        ]);
        let kinds: Vec<BlockKind> = blocks(&text).into_iter().map(|b| b.kind).collect();
        let heading = |t: &str| BlockKind::Heading {
            level: 2,
            text: t.into(),
        };
        let paragraph = |t: &str| BlockKind::Paragraph { text: t.into() };
        assert_eq!(kinds[1], heading("URI"));
        assert_eq!(kinds[2], paragraph("GET /v3/{project_id}/failed-tasks"));
        assert_eq!(kinds[3], heading("Response Parameters"));
        assert_eq!(kinds[4], paragraph("Status code: 200"));
        assert_eq!(kinds[5], heading("Some Section"));
        assert_eq!(kinds[7], paragraph("OK"));
    }

    #[test]
    fn json_block_keeps_indentation_and_line() {
        let text = "Title\n\nExample\n\n{\n  \"a\" : [ 1,\n\n 2 ],\n  \"b\": \"}\"\n}\n\nAfter.\n";
        let all = blocks(text);
        assert_eq!(
            all[2],
            Block::new(
                5,
                BlockKind::Code {
                    language: Some("json".into()),
                    text: "{\n  \"a\" : [ 1,\n\n 2 ],\n  \"b\": \"}\"\n}".into()
                }
            )
        );
        assert_eq!(all[3].line, 12);
    }

    #[test]
    fn unbalanced_or_placeholder_braces_are_paragraphs() {
        let all = blocks("T\n\n{\n  \"a\": 1\n\n{name} not found.\n");
        assert!(
            all.iter()
                .all(|b| !matches!(b.kind, BlockKind::Code { .. }))
        );
    }

    #[test]
    fn parameter_table_with_caption() {
        let text = lines(&[
            "T",
            "Table 1 Path Parameters",
            "Parameter",
            "Mandatory",
            "Type",
            "Description",
            "project_id",
            "Yes",
            "String",
            "Project ID.",
            "limit",
            "No",
            "Integer",
            "Page size.",
            "Default value: 1000",
        ]);
        let all = tables(&text);
        assert_eq!(all.len(), 1);
        let table = &all[0];
        assert_eq!(table.caption.as_deref(), Some("Table 1 Path Parameters"));
        assert_eq!(
            table.header,
            ["Parameter", "Mandatory", "Type", "Description"]
        );
        assert_eq!(
            cells(table),
            [
                vec!["project_id", "Yes", "String", "Project ID."],
                vec!["limit", "No", "Integer", "Page size.\nDefault value: 1000"],
            ]
        );
        assert_eq!(table.rows[0].line, 13);
        assert_eq!(table.rows[1].line, 21);
    }

    #[test]
    fn lowercase_value_after_header_is_a_row() {
        let text = lines(&[
            "Table 2 Response",
            "Parameter",
            "Type",
            "Description",
            "status",
            "String",
            "Task status.",
            "- SUCCESS: done",
            "entities",
            "Object",
            "Task object.",
        ]);
        let table = &tables(&text)[0];
        assert_eq!(table.header, ["Parameter", "Type", "Description"]);
        assert_eq!(
            cells(table),
            [
                vec!["status", "String", "Task status.\n- SUCCESS: done"],
                vec!["entities", "Object", "Task object."],
            ]
        );
    }

    #[test]
    fn missing_cells_vanish() {
        let text = lines(&[
            "Table 1 P",
            "Parameter",
            "Mandatory",
            "Type",
            "Description",
            "a",
            "Yes",
            "String",
            "b",
            "No",
            "Described.",
        ]);
        assert_eq!(
            cells(&tables(&text)[0]),
            [
                vec!["a", "Yes", "String", ""],
                vec!["b", "No", "", "Described."]
            ]
        );
    }

    #[test]
    fn error_code_table_without_caption_after_heading() {
        let text = lines(&[
            "Error Codes",
            "Context",
            "Some words.",
            "Error Codes",
            "HTTP Status Code",
            "Error Code",
            "Error Message",
            "Description",
            "Solution",
            "400",
            "Ecs.0000",
            "Bad request.",
            "Request error.",
            "Check it.",
            "500",
            "Ecs.0615",
            "thread List is empty.",
            "An error occurred.",
            "An internal error occurred.",
            "Contact support.",
            "Ecs.0616",
            "Please try again or contact",
            "technical support",
            "Internal.",
            "Retry.",
            "Parent topic: Appendix",
        ]);
        let all = blocks(&text);
        assert_eq!(
            all[3].kind,
            BlockKind::Heading {
                level: 2,
                text: "Error Codes".into()
            }
        );
        let table = &tables(&text)[0];
        assert_eq!(table.header.len(), 5);
        assert_eq!(table.header[0], "HTTP Status Code");
        assert_eq!(
            cells(table),
            [
                vec![
                    "400",
                    "Ecs.0000",
                    "Bad request.",
                    "Request error.",
                    "Check it."
                ],
                vec![
                    "500",
                    "Ecs.0615",
                    "thread List is empty.",
                    "An error occurred.",
                    "An internal error occurred.\nContact support."
                ],
                vec![
                    "",
                    "Ecs.0616",
                    "Please try again or contact\ntechnical support",
                    "Internal.",
                    "Retry."
                ],
            ]
        );
        assert!(matches!(
            all.last().map(|b| &b.kind),
            Some(BlockKind::Paragraph { .. })
        ));
    }

    #[test]
    fn enum_table_ends_at_known_heading() {
        let text = lines(&[
            "Viewing Failures",
            "Table 1 Failure types",
            "Failure Type",
            "Description",
            "Creation failures",
            "A task failed.",
            "Operation failures",
            "Modifying specifications",
            "If modification failed, it is recorded.",
            "Procedure",
            "Log in to the console.",
        ]);
        let table = &tables(&text)[0];
        assert_eq!(
            cells(table),
            [
                vec!["Creation failures", "A task failed."],
                vec![
                    "Operation failures",
                    "Modifying specifications\nIf modification failed, it is recorded."
                ],
            ]
        );
        let all = blocks(&text);
        assert!(matches!(&all[2].kind, BlockKind::Heading { text, .. } if text == "Procedure"));
    }

    #[test]
    fn numeric_enum_and_status_table() {
        let text = lines(&[
            "Table 1 Job statuses",
            "Status Value",
            "Description",
            "0",
            "UNKNOWN: Unknown.",
            "1",
            "INIT: Initializing.",
            "Status Codes",
            "Status Code",
            "Description",
            "200",
            "OK",
            "400",
            "Error response",
            "Error Codes",
            "See Error Codes.",
        ]);
        let all = tables(&text);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].rows.len(), 2);
        assert_eq!(all[1].header, ["Status Code", "Description"]);
        assert_eq!(
            cells(&all[1]),
            [vec!["200", "OK"], vec!["400", "Error response"]]
        );
    }

    #[test]
    fn table_ends_at_json_and_status_line() {
        let text = lines(&[
            "Table 4 Response body parameters",
            "Parameter",
            "Type",
            "Description",
            "error_code",
            "String",
            "Error Codes",
            "error_msg",
            "String",
            "Description",
            "Status code: 200",
            "{",
            "}",
        ]);
        let table = &tables(&text)[0];
        assert_eq!(
            cells(table),
            [
                vec!["error_code", "String", "Error Codes"],
                vec!["error_msg", "String", "Description"]
            ]
        );
    }

    #[test]
    fn header_without_rows_stays_text() {
        let text = lines(&["Title", "Status Code", "Description", "Parent topic: X"]);
        assert!(tables(&text).is_empty());
        assert_eq!(blocks(&text).len(), 4);
    }

    #[test]
    fn single_header_word_is_not_a_table() {
        assert!(tables(&lines(&["T", "Description", "Some text."])).is_empty());
    }

    #[test]
    fn status_after_description_is_not_a_new_row() {
        let text = lines(&[
            "Table 1 OBS error codes",
            "Error Code",
            "Description",
            "HTTP Status Code",
            "AccessDenied",
            "Access denied.",
            "403 Forbidden",
            "InvalidAddressingHeader",
            "The anonymous role must be specified.",
            "N/A",
            "InvalidArgument",
            "Invalid argument.",
            "More words.",
            "400 Bad Request",
        ]);
        assert_eq!(
            cells(&tables(&text)[0]),
            [
                vec!["AccessDenied", "Access denied.", "403 Forbidden"],
                vec![
                    "InvalidAddressingHeader",
                    "The anonymous role must be specified.",
                    "N/A"
                ],
                vec![
                    "InvalidArgument",
                    "Invalid argument.\nMore words.",
                    "400 Bad Request"
                ],
            ]
        );
    }

    #[test]
    fn numeric_codes_and_heading_between_tables() {
        let text = lines(&[
            "T",
            "Status Code",
            "Error Code",
            "Description",
            "400",
            "10240002",
            "Too many queues.",
            "Queue Error Codes",
            "Status Code",
            "Error Code",
            "Description",
            "500",
            "10240005",
            "Bad project.",
        ]);
        let all = tables(&text);
        assert_eq!(all.len(), 2);
        assert_eq!(
            cells(&all[0]),
            [vec!["400", "10240002", "Too many queues."]]
        );
        assert_eq!(cells(&all[1]), [vec!["500", "10240005", "Bad project."]]);
    }

    #[test]
    fn lower_case_value_after_chinese_header_is_a_row() {
        let text = lines(&[
            "表 2 响应参数",
            "参数",
            "参数类型",
            "描述",
            "status",
            "String",
            "状态。",
        ]);
        let table = &tables(&text)[0];
        assert_eq!(table.header, ["参数", "参数类型", "描述"]);
        assert_eq!(cells(table), [vec!["status", "String", "状态。"]]);
    }

    #[test]
    fn vanished_first_cell_does_not_panic() {
        // Regression: a row whose strict prefix reaches past the next candidate block.
        let text = lines(&[
            "T",
            "Table 1 P",
            "Parameter",
            "Type",
            "Description",
            "a",
            "String",
        ]);
        assert_eq!(cells(&tables(&text)[0]), [vec!["a", "String", ""]]);
    }

    #[test]
    fn line_shapes() {
        assert!(is_http_status("400") && is_http_status("N/A") && is_http_status("400/404"));
        assert!(is_http_status("403 Forbidden") && !is_http_status("400 errors occurred."));
        assert!(is_error_code("10240002") && is_error_code("DCS. 4855") && !is_error_code("400"));
        assert!(!is_http_status("4000") && !is_http_status("abc"));
        assert!(is_error_code("Ecs.0013") && is_error_code("CSS-6007"));
        assert!(!is_error_code("project_id") && !is_error_code("X-Auth-Token"));
        assert!(is_data_type("Array of FailedTasks objects") && is_data_type("Map<String,String>"));
        assert!(is_data_type("String") && !is_data_type("String of text here."));
        assert!(is_mandatory("Yes") && is_mandatory("否") && !is_mandatory("Nothing"));
    }

    #[test]
    fn chinese_text_does_not_break_slicing() {
        let text = lines(&[
            "表 1 错误码",
            "状态码",
            "错误码",
            "错误信息",
            "400",
            "Ecs.0001",
            "参数错误。",
        ]);
        let table = &tables(&text)[0];
        assert_eq!(cells(table), [vec!["400", "Ecs.0001", "参数错误。"]]);
    }

    const PIECES: &[&str] = &[
        "Table 1 X",
        "表 2 错误码",
        "Parameter",
        "Type",
        "Mandatory",
        "Description",
        "Status Code",
        "Error Code",
        "Error Message",
        "Solution",
        "Status",
        "400",
        "Ecs.0001",
        "Yes",
        "No",
        "String",
        "project_id",
        "0",
        "A sentence.",
        "- bullet",
        "• item",
        "NOTE: x",
        "{",
        "}",
        "[",
        "]",
        "\"",
        "Status code: 200",
        "Parent topic: A",
        "Procedure",
        "",
        "é",
        "状态",
        "Updated on 2025",
        "GET /v1/x",
        "{\"a\": \"}\"}",
    ];

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_text(text in "\\PC{0,400}") {
            let _ = parse(&text);
        }

        #[test]
        fn never_panics_on_table_like_text(
            picks in proptest::collection::vec((0..PIECES.len(), 0..3usize), 0..60)
        ) {
            let text: String = picks
                .iter()
                .map(|&(k, sep)| format!("{}{}", PIECES[k], ["\n", "\n\n", " "][sep]))
                .collect();
            let doc = parse(&text).expect("never fails");
            for block in doc.blocks {
                if let BlockKind::Table(table) = block.kind {
                    for row in table.rows {
                        prop_assert_eq!(row.cells.len(), table.header.len());
                    }
                }
            }
        }
    }
}
