//! Step 3: tables rebuilt from header lines and the shapes of their cells.

use super::*;

// ---------------------------------------------------------------------------------------------
// Step 3: tables

/// Where a table starts: optional caption, then header lines `header_start..header_end`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TableStart {
    pub(super) caption: Option<String>,
    pub(super) header_start: usize,
    pub(super) header_end: usize,
}

/// Most blocks a free cell may take while looking ahead for the next strict cell.
pub(super) const MAX_LOOKAHEAD: usize = 8;

/// Most header lines a table can have.
pub(super) const MAX_HEADER_LINES: usize = 12;

/// Detects a table starting at chunk `i`: a caption followed by header lines, or a run of at
/// least two header lines whose roles are all different (a section heading such as
/// `Error Codes` just before `HTTP Status Code`, `Error Code`, ... is not part of the header).
pub(super) fn table_start(chunks: &[Chunk], i: usize) -> Option<TableStart> {
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
pub(super) fn header_run_end(chunks: &[Chunk], start: usize, distinct_roles: bool) -> usize {
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
pub(super) fn header_role(text: &str) -> Option<ColumnRole> {
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
pub(super) fn is_caption_line(text: &str) -> bool {
    const LONGEST_CAPTION: usize = 120;
    text.chars().count() <= LONGEST_CAPTION && is_table_caption(text)
}

/// What the cells of one column look like, used to cut rows and deal blocks to columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CellShape {
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
    pub(super) fn from_role(role: Option<ColumnRole>) -> CellShape {
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
    pub(super) fn learned_from(value: &str) -> CellShape {
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
    pub(super) fn is_strict(self) -> bool {
        self != CellShape::Free
    }

    /// True when `text` has this shape.
    ///
    /// `N/A` is a status placeholder, never a name.
    pub(super) fn matches(self, text: &str) -> bool {
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
    pub(super) fn can_start_after_vanished(self) -> bool {
        matches!(self, CellShape::HttpStatus | CellShape::ErrorCode)
    }

    /// True for leading columns whose cells may vanish (blank "ditto" module, missing status).
    pub(super) fn may_vanish_before_start(self) -> bool {
        matches!(
            self,
            CellShape::HttpStatus | CellShape::Label | CellShape::Number
        )
    }
}

/// How a table's columns look.
#[derive(Debug, Clone)]
pub(super) struct ColumnLayout {
    pub(super) shapes: Vec<CellShape>,
}

/// How sure a row start is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RowStart {
    /// A later column's shape confirmed it (`limit` followed by `No`).
    Confirmed,
    /// Only the first column could be checked (`BUILD` followed by a sentence).
    Plausible,
}

impl ColumnLayout {
    /// Builds the layout from the header and the first body value.
    pub(super) fn new(header: &[String], first_value: &str) -> ColumnLayout {
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
    pub(super) fn width(&self) -> usize {
        self.shapes.len()
    }

    /// Columns a row starting with `text` may start at, in order of preference.
    pub(super) fn start_columns(&self, text: &str) -> Vec<usize> {
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
    pub(super) fn confirm_row(&self, blocks: &[&str], i: usize, column: usize) -> Option<RowStart> {
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
    pub(super) fn strict_prefix_len(&self, blocks: &[&str], start: usize, column: usize) -> usize {
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
    pub(super) fn awaits(&self, row_rest: &[&str], column: usize, text: &str) -> bool {
        let Some(first_free) = (column..self.width()).find(|&c| !self.shapes[c].is_strict()) else {
            return false;
        };
        self.shapes[first_free..]
            .iter()
            .filter(|shape| shape.is_strict())
            .any(|shape| shape.matches(text) && !row_rest.iter().any(|b| shape.matches(b)))
    }

    /// The row start at `blocks[i]`, if any: its column and how sure it is.
    pub(super) fn row_start_at(&self, blocks: &[&str], i: usize) -> Option<(usize, RowStart)> {
        let text = blocks.get(i)?;
        self.start_columns(text)
            .into_iter()
            .find_map(|column| self.confirm_row(blocks, i, column).map(|s| (column, s)))
    }

    /// Deals the blocks of one row, starting at `column`, to the columns.
    pub(super) fn deal_row(&self, blocks: &[&str], column: usize) -> Vec<String> {
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
pub(super) fn deal_free_blocks<'a>(blocks: &[&'a str], cells: &mut [Vec<&'a str>]) {
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
pub(super) fn continues_previous(previous: &str, block: &str) -> bool {
    let wrapped = block.chars().next().is_some_and(char::is_lowercase)
        && !ends_with_sentence_punctuation(previous);
    let lead_in = previous.ends_with(':') || previous.ends_with('：');
    wrapped || lead_in || is_bullet(block) || block.starts_with("NOTE") || block.starts_with("说明")
}

/// Rebuilds the table at `start`; returns it with the index of the first chunk after it, or
/// `None` when no row fits (the lines then stay as paragraphs).
pub(super) fn rebuild_table(chunks: &[Chunk], start: TableStart) -> Option<(Table, usize)> {
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
pub(super) fn ends_table(chunks: &[Chunk], k: usize, row_complete: bool) -> bool {
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
