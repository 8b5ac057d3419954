//! reStructuredText: grid, simple and list tables.

use super::*;

pub(super) struct Rst<'r> {
    pub(super) out: String,
    pub(super) rng: &'r mut Rng,
}

/// A cell as RST lines wrapped to `width`: paragraphs, then value lists as bullets.
pub(super) fn rst_cell_lines(cell: &Cell, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for piece in &cell.pieces {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        match piece {
            Piece::Text(text) => lines.extend(wrap(text, width)),
            Piece::Values(values) => {
                for (value, description) in values {
                    let item = wrap(&format!("**{value}**: {description}"), width - 3);
                    for (k, line) in item.into_iter().enumerate() {
                        lines.push(format!("{}{line}", if k == 0 { "-  " } else { "   " }));
                    }
                }
            }
        }
    }
    lines
}

pub(super) fn rst_grid(out: &mut String, indent: &str, table: &Table) {
    let columns = table.header.len();
    let widths: Vec<usize> = (0..columns)
        .map(|j| {
            let mut natural = table.header[j].chars().count();
            let mut word = longest_word(&table.header[j]);
            for row in &table.rows {
                for piece in &row[j].pieces {
                    let text = match piece {
                        Piece::Text(text) => text.clone(),
                        Piece::Values(values) => values
                            .iter()
                            .map(|(v, d)| format!("**{v}**: {d}"))
                            .collect::<Vec<_>>()
                            .join(" "),
                    };
                    natural = natural.max(text.chars().count());
                    word = word.max(longest_word(&text) + 3);
                }
            }
            natural.min(44).max(word).max(6)
        })
        .collect();
    let border = |fill: char| -> String {
        let mut line = format!("{indent}+");
        for w in &widths {
            line.extend(std::iter::repeat_n(fill, w + 2));
            line.push('+');
        }
        line.push('\n');
        line
    };
    let row_lines = |out: &mut String, cells: Vec<Vec<String>>| {
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for k in 0..height {
            out.push_str(indent);
            out.push('|');
            for (j, lines) in cells.iter().enumerate() {
                let text = lines.get(k).map(String::as_str).unwrap_or("");
                let _ = write!(out, " {} |", pad(text, widths[j]));
            }
            out.push('\n');
        }
    };
    out.push_str(&border('-'));
    row_lines(
        out,
        table
            .header
            .iter()
            .zip(&widths)
            .map(|(h, w)| wrap(h, *w))
            .collect(),
    );
    out.push_str(&border('='));
    for row in &table.rows {
        row_lines(
            out,
            row.iter()
                .zip(&widths)
                .map(|(cell, w)| match cell.ditto {
                    true => vec![String::new()],
                    false => rst_cell_lines(cell, *w),
                })
                .collect(),
        );
        out.push_str(&border('-'));
    }
}

/// A simple table: the first column never wraps (a blank first column continues a row), middle
/// columns wrap within their width, the last column runs on.
pub(super) fn rst_simple(out: &mut String, table: &Table) {
    let columns = table.header.len();
    let flat: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| row.iter().map(Cell::flat).collect())
        .collect();
    let widths: Vec<usize> = (0..columns)
        .map(|j| {
            let header = table.header[j].chars().count();
            let natural = flat.iter().map(|r| r[j].chars().count()).max().unwrap_or(0);
            let word = flat.iter().map(|r| longest_word(&r[j])).max().unwrap_or(0);
            if j == 0 {
                natural.max(header)
            } else {
                natural.min(40).max(word).max(header)
            }
        })
        .collect();
    let border: String = widths
        .iter()
        .map(|w| "=".repeat(*w))
        .collect::<Vec<_>>()
        .join("  ");
    let line = |cells: &[String]| -> String {
        let mut text = String::new();
        for (j, cell) in cells.iter().enumerate() {
            if j + 1 == cells.len() {
                text.push_str(cell);
            } else {
                text.push_str(&pad(cell, widths[j]));
                text.push_str("  ");
            }
        }
        text.trim_end().to_string() + "\n"
    };
    let _ = writeln!(out, "{border}");
    out.push_str(&line(&table.header));
    let _ = writeln!(out, "{border}");
    for row in &flat {
        let wrapped: Vec<Vec<String>> = row
            .iter()
            .enumerate()
            .map(|(j, text)| {
                if j == 0 || j + 1 == columns {
                    vec![text.clone()]
                } else {
                    wrap(text, widths[j])
                }
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for k in 0..height {
            let cells: Vec<String> = wrapped
                .iter()
                .map(|lines| lines.get(k).cloned().unwrap_or_default())
                .collect();
            out.push_str(&line(&cells));
        }
    }
    let _ = writeln!(out, "{border}");
}

pub(super) fn rst_list_table(out: &mut String, caption: &str, table: &Table) {
    let columns = table.header.len();
    let _ = writeln!(out, ".. list-table:: {caption}");
    out.push_str("   :header-rows: 1\n");
    let widths: Vec<String> = (0..columns).map(|_| (100 / columns).to_string()).collect();
    let _ = writeln!(out, "   :widths: {}\n", widths.join(" "));
    let mut row_out = |cells: Vec<Vec<String>>| {
        for (j, lines) in cells.into_iter().enumerate() {
            let marker = if j == 0 { "   * - " } else { "     - " };
            for (k, line) in lines.iter().enumerate() {
                if k == 0 {
                    let _ = writeln!(out, "{marker}{line}");
                } else if line.is_empty() {
                    out.push('\n');
                } else {
                    let _ = writeln!(out, "       {line}");
                }
            }
        }
    };
    row_out(table.header.iter().map(|h| vec![h.clone()]).collect());
    for row in &table.rows {
        row_out(row.iter().map(|cell| rst_cell_lines(cell, 1000)).collect());
    }
    out.push('\n');
}

impl Renderer for Rst<'_> {
    fn title(&mut self, page: &Page) {
        let _ = write!(
            self.out,
            ":original_name: {topic}.html\n\n.. _{topic}:\n\n{title}\n{line}\n\n",
            topic = page.topic,
            title = page.title,
            line = "=".repeat(page.title.chars().count())
        );
    }
    fn heading(&mut self, text: &str) {
        let _ = write!(self.out, "{text}\n{}\n\n", "-".repeat(text.chars().count()));
    }
    fn para(&mut self, text: &str) {
        let _ = write!(self.out, "{text}\n\n");
    }
    fn request(&mut self, method: &str, path: &str) {
        let _ = write!(self.out, "{method} {path}\n\n");
    }
    fn table(&mut self, caption: &Caption, table: &Table) {
        let blocks = table.rows.iter().flatten().any(Cell::has_values);
        match self.rng.below(4) {
            0 => rst_list_table(&mut self.out, &caption.line(), table),
            1 if !blocks => {
                let _ = write!(self.out, "{}\n\n", caption.line());
                rst_simple(&mut self.out, table);
                self.out.push('\n');
            }
            2 => {
                let _ = write!(
                    self.out,
                    ".. table:: **{}** {}\n\n",
                    caption.label, caption.text
                );
                rst_grid(&mut self.out, "   ", table);
                self.out.push('\n');
            }
            _ => {
                let _ = write!(self.out, "**{}** {}\n\n", caption.label, caption.text);
                rst_grid(&mut self.out, "", table);
                self.out.push('\n');
            }
        }
    }
    fn json(&mut self, json: &str) {
        let language = if self.rng.chance(50) { " json" } else { "" };
        let _ = write!(self.out, ".. code-block::{language}\n\n");
        for line in json.lines() {
            let _ = writeln!(self.out, "   {line}");
        }
        self.out.push('\n');
    }
    fn finish(self) -> String {
        self.out
    }
}

pub(super) fn render_rst(page: &Page, rng: &mut Rng) -> String {
    render(
        page,
        Rst {
            out: String::new(),
            rng,
        },
    )
}
