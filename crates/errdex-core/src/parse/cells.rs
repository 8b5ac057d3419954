//! Table-cell helpers shared by every parser: whitespace folding, span expansion and header
//! merging. One implementation each, so all formats normalize tables the same way.

/// Folds runs of whitespace (including newlines and non-breaking spaces) into single spaces and
/// trims the ends.
pub fn fold_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_folded(&mut out, text, "");
    out
}

/// Appends the words of `text` to `out`, one space between them and `separator` before the
/// first when `out` is not empty.
fn push_folded(out: &mut String, text: &str, separator: &str) {
    let mut words = text
        .split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}')
        .filter(|word| !word.is_empty());
    let Some(first) = words.next() else {
        return;
    };
    if !out.is_empty() {
        out.push_str(separator);
    }
    out.push_str(first);
    for word in words {
        out.push(' ');
        out.push_str(word);
    }
}

/// Removes HTML tags (each becomes a space) and decodes the common entities: the visible text
/// of a snippet of markup (`.. raw:: html` in RST, a quoted `<tr>` line in a report).
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Folds each line of a multi-piece cell text and drops empty pieces, keeping `'\n'` between
/// pieces (the IR's cell convention).
pub fn fold_pieces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for piece in text.split('\n') {
        push_folded(&mut out, piece, "\n");
    }
    out
}

/// A cell as written in the source, before span expansion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceCell {
    /// The cell text (IR convention).
    pub text: String,
    /// Rows covered, at least 1.
    pub rowspan: usize,
    /// Columns covered, at least 1.
    pub colspan: usize,
}

impl SourceCell {
    /// A cell covering one row and one column.
    pub fn plain(text: impl Into<String>) -> Self {
        SourceCell {
            text: text.into(),
            rowspan: 1,
            colspan: 1,
        }
    }
}

/// Upper bound on spans, so a hostile `rowspan="999999999"` cannot allocate without limit.
const MAX_SPAN: usize = 1000;

/// Expands row and column spans into a rectangular grid: a spanned cell's text is copied into
/// every position it covers, which is what a reader sees (one solution cell spanning seven rows
/// applies to all seven codes). Rows shorter than the widest row are padded with empty cells.
/// A rowspan reaching past the last row is cut at the last row.
pub fn expand_spans(rows: &[Vec<SourceCell>]) -> Vec<Vec<String>> {
    // pending[col] = (rows still covered below, text)
    let mut pending: Vec<Option<(usize, String)>> = Vec::new();
    let mut grid: Vec<Vec<String>> = Vec::with_capacity(rows.len());
    for row in rows {
        let mut out: Vec<String> = Vec::new();
        let mut cells = row.iter();
        let mut col = 0usize;
        loop {
            // Fill columns still covered by a rowspan from above.
            if let Some(Some((left, text))) = pending.get_mut(col) {
                out.push(text.clone());
                *left -= 1;
                if *left == 0 {
                    pending[col] = None;
                }
                col += 1;
                continue;
            }
            let Some(cell) = cells.next() else {
                // Row exhausted; remaining pending columns to the right still count.
                if pending.iter().skip(col).any(Option::is_some) {
                    out.push(String::new());
                    col += 1;
                    continue;
                }
                break;
            };
            let colspan = cell.colspan.clamp(1, MAX_SPAN);
            let rowspan = cell.rowspan.clamp(1, MAX_SPAN);
            for _ in 0..colspan {
                out.push(cell.text.clone());
                if rowspan > 1 {
                    if pending.len() <= col {
                        pending.resize(col + 1, None);
                    }
                    pending[col] = Some((rowspan - 1, cell.text.clone()));
                }
                col += 1;
            }
        }
        grid.push(out);
    }
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    for row in &mut grid {
        row.resize(width, String::new());
    }
    grid
}

/// Merges several header rows into one text per column: distinct non-empty texts top to bottom,
/// joined by a space (`Status` over `状态` gives `Status 状态`; a colspan copy is not repeated).
pub fn merge_header_rows(rows: &[Vec<String>]) -> Vec<String> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    (0..width)
        .map(|col| {
            let mut parts: Vec<&str> = Vec::new();
            for row in rows {
                let text = row.get(col).map(|t| t.trim()).unwrap_or("");
                if !text.is_empty() && !parts.contains(&text) {
                    parts.push(text);
                }
            }
            fold_whitespace(&parts.join(" "))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, rowspan: usize, colspan: usize) -> SourceCell {
        SourceCell {
            text: text.to_string(),
            rowspan,
            colspan,
        }
    }

    #[test]
    fn folds_whitespace() {
        assert_eq!(fold_whitespace("  a \n\t b\u{a0}c  "), "a b c");
        assert_eq!(fold_pieces(" a  b \n\n  c "), "a b\nc");
    }

    #[test]
    fn rowspan_copies_text_down() {
        let rows = vec![
            vec![cell("A", 1, 1), cell("x", 1, 1), cell("S", 3, 1)],
            vec![cell("B", 1, 1), cell("y", 1, 1)],
            vec![cell("C", 1, 1), cell("z", 1, 1)],
        ];
        let grid = expand_spans(&rows);
        assert_eq!(grid[1], vec!["B", "y", "S"]);
        assert_eq!(grid[2], vec!["C", "z", "S"]);
    }

    #[test]
    fn rowspan_in_first_column_shifts_following_cells() {
        let rows = vec![
            vec![cell("400", 2, 1), cell("E1", 1, 1)],
            vec![cell("E2", 1, 1)],
        ];
        assert_eq!(expand_spans(&rows)[1], vec!["400", "E2"]);
    }

    #[test]
    fn colspan_and_padding() {
        let rows = vec![vec![cell("wide", 1, 2)], vec![cell("a", 1, 1)]];
        let grid = expand_spans(&rows);
        assert_eq!(grid[0], vec!["wide", "wide"]);
        assert_eq!(grid[1], vec!["a", ""]);
    }

    #[test]
    fn huge_spans_are_bounded() {
        let rows = vec![vec![cell("x", usize::MAX, usize::MAX)]];
        let grid = expand_spans(&rows);
        assert_eq!(grid[0].len(), MAX_SPAN);
    }

    #[test]
    fn merges_header_rows() {
        let rows = vec![
            vec!["Status".to_string(), "说明".to_string()],
            vec!["状态".to_string(), "说明".to_string()],
        ];
        assert_eq!(merge_header_rows(&rows), vec!["Status 状态", "说明"]);
    }
}
