//! Tables: grid tables scanned corner to corner as docutils does (spans from the borders),
//! simple tables split at the columns of their `=` borders, list tables and CSV tables; cell
//! contents parsed as RST and flattened.

use super::*;
use crate::shapes::is_wide;

impl Parser {
    // -----------------------------------------------------------------------------------------
    // Tables
    // -----------------------------------------------------------------------------------------

    /// Parses cell lines as RST and flattens the blocks into the IR cell text.
    pub(super) fn cell_text(&mut self, lines: &[Line<'_>]) -> String {
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
    pub(super) fn grid_table(
        &mut self,
        lines: &[Line<'_>],
        index: usize,
        blocks: &mut Vec<Block>,
    ) -> usize {
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
    pub(super) fn read_grid_table(&mut self, lines: &[Line<'_>]) -> Result<Table, ParseProblem> {
        let wide = self.read_grid_table_as(lines, true);
        let has_wide = lines.iter().any(|line| line.text.chars().any(is_wide));
        match wide {
            Err(problem) if has_wide => self.read_grid_table_as(lines, false).map_err(|_| problem),
            result => result,
        }
    }

    pub(super) fn read_grid_table_as(
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
    pub(super) fn simple_table(
        &mut self,
        lines: &[Line<'_>],
        index: usize,
        blocks: &mut Vec<Block>,
    ) -> usize {
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

    pub(super) fn read_simple_table(&mut self, lines: &[Line<'_>]) -> Table {
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
    pub(super) fn list_table(&mut self, directive: &Directive<'_>, blocks: &mut Vec<Block>) {
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

    pub(super) fn list_table_row(
        &mut self,
        item: &[Line<'_>],
    ) -> Result<Vec<SourceCell>, ParseProblem> {
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
    pub(super) fn csv_table(&mut self, directive: &Directive<'_>, blocks: &mut Vec<Block>) {
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

    pub(super) fn csv_cells(&self, text: &str) -> Vec<SourceCell> {
        split_csv(text)
            .iter()
            .map(|field| SourceCell::plain(fold_pieces(&self.inline(field))))
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Table helpers
// ---------------------------------------------------------------------------------------------

/// Placeholder after a double-width character in a character grid.
pub(super) const PAD: char = '\0';

/// A line as grid columns: with `wide`, each CJK character is followed by [`PAD`].
pub(super) fn char_row(text: &str, wide: bool) -> Vec<char> {
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
pub(super) fn slice_chars(row: &[char], from: usize, to: usize) -> String {
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
pub(super) fn runs(row: &[char]) -> Vec<(usize, usize)> {
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
pub(super) fn is_span_line(row: &[char]) -> bool {
    matches!(row.first(), Some('-' | '=')) && row.iter().all(|c| matches!(c, '-' | '=' | ' '))
}

pub(super) fn has_text(row: &[char], from: usize, to: usize) -> bool {
    row.get(from..to.min(row.len()))
        .is_some_and(|part| part.iter().any(|c| !c.is_whitespace() && *c != PAD))
}

/// One simple-table row: its lines (`first..end` within the table) and its cells' column runs.
pub(super) struct SimpleRow {
    first: usize,
    end: usize,
    spans: Vec<(usize, usize)>,
}

/// One grid-table cell by its border coordinates (rows and columns of the character grid).
#[derive(Debug, Clone, Copy)]
pub(super) struct GridCell {
    top: usize,
    left: usize,
    bottom: usize,
    right: usize,
}

pub(super) fn at(grid: &[Vec<char>], row: usize, column: usize) -> char {
    grid.get(row)
        .and_then(|chars| chars.get(column))
        .copied()
        .unwrap_or(' ')
}

/// Finds every cell of a grid table by walking from each cell's top-left corner right, down,
/// left and up along its borders (docutils' algorithm), which discovers spans. Returns the grid
/// row where the table stops making sense when the cells do not tile it.
pub(super) fn scan_grid(grid: &[Vec<char>]) -> Result<Vec<GridCell>, usize> {
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

pub(super) fn scan_cell(grid: &[Vec<char>], top: usize, left: usize) -> Option<GridCell> {
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

pub(super) fn scan_down(
    grid: &[Vec<char>],
    top: usize,
    left: usize,
    right: usize,
) -> Option<usize> {
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

pub(super) fn scan_left(
    grid: &[Vec<char>],
    top: usize,
    left: usize,
    bottom: usize,
    right: usize,
) -> bool {
    (left + 1..right).all(|column| matches!(at(grid, bottom, column), '+' | '-'))
        && at(grid, bottom, left) == '+'
        && (top + 1..bottom).all(|row| matches!(at(grid, row, left), '+' | '|'))
}

/// A line whose `|` is off the column borders. The scan reads such a line as part of a cell
/// spanning columns; a real spanning cell has no `|` at (or right next to) the border it
/// spans, while a ragged one shows the border on its other lines or a shifted `|` on its own.
/// Returns that line's grid row.
pub(super) fn misaligned_row(grid: &[Vec<char>], cells: &[GridCell]) -> Option<usize> {
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
pub(super) fn build_table(
    rows: &[Vec<SourceCell>],
    row_lines: &[u32],
    header_rows: usize,
) -> Table {
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
pub(super) fn split_csv(text: &str) -> Vec<String> {
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
