//! What every renderer shares: captions, escaping, wrapping, the walk over a page's items and
//! HTML tables (used by Markdown and whole HTML pages).

use super::*;

/// A numbered table caption: `Table 3` / `表3` and its text.
pub(super) struct Caption {
    pub(super) label: String,
    pub(super) text: String,
}

impl Caption {
    pub(super) fn new(lang: Lang, number: usize, text: &str) -> Self {
        Caption {
            label: match lang {
                Lang::En => format!("Table {number}"),
                Lang::Zh => format!("表{number}"),
            },
            text: text.to_string(),
        }
    }

    /// `Table 3 Error codes`.
    pub(super) fn line(&self) -> String {
        format!("{} {}", self.label, self.text)
    }
}

pub(super) fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Greedy word wrap to `width` characters (words longer than `width` get a line of their own).
pub(super) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

pub(super) fn pad(text: &str, width: usize) -> String {
    let mut out = text.to_string();
    out.extend(std::iter::repeat_n(
        ' ',
        width.saturating_sub(text.chars().count()),
    ));
    out
}

pub(super) fn longest_word(text: &str) -> usize {
    text.split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0)
}

/// Walks a page's items in order, numbering tables; the renderers only say how each looks.
pub(super) trait Renderer {
    fn title(&mut self, page: &Page);
    fn heading(&mut self, text: &str);
    fn para(&mut self, text: &str);
    fn request(&mut self, method: &str, path: &str);
    fn table(&mut self, caption: &Caption, table: &Table);
    fn json(&mut self, json: &str);
    fn finish(self) -> String;
}

pub(super) fn render<R: Renderer>(page: &Page, mut out: R) -> String {
    out.title(page);
    for text in &page.intro {
        out.para(text);
    }
    let mut tables = 0;
    for section in &page.sections {
        out.heading(&section.heading);
        for item in &section.items {
            match item {
                Item::Para(text) => out.para(text),
                Item::Request(method, path) => out.request(method, path),
                Item::Status(code) => out.para(&format!("Status code: {code}")),
                Item::Table(table) => {
                    tables += 1;
                    out.table(&Caption::new(page.lang, tables, &table.caption), table);
                }
                Item::Json(json) => out.json(json),
            }
        }
    }
    out.finish()
}

/// How an HTML table looks: the verbose markup of exported Markdown (ids and anchors in every
/// cell, as in the seeds) or the plainer markup of a whole HTML page.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum HtmlStyle {
    Exported,
    Page,
}

pub(super) fn html_cell_body(out: &mut String, cell: &Cell, style: HtmlStyle, rng: &mut Rng) {
    for piece in &cell.pieces {
        match piece {
            Piece::Text(_) if cell.ditto => out.push_str("&nbsp;"),
            Piece::Text(text) => match style {
                HtmlStyle::Exported => {
                    let id = rng.id(12);
                    let _ = writeln!(
                        out,
                        "<p id=\"p{id}\"><a name=\"p{id}\"></a><a name=\"p{id}\"></a>{}</p>",
                        escape_html(text)
                    );
                }
                HtmlStyle::Page => {
                    let _ = write!(out, "<p>{}</p>", escape_html(text));
                }
            },
            Piece::Values(values) => {
                let id = rng.id(9);
                let _ = write!(out, "<ul id=\"ul{id}\">");
                for (value, description) in values {
                    let _ = write!(
                        out,
                        "<li><strong id=\"b{}\">{}</strong>: {}</li>",
                        rng.id(10),
                        escape_html(value),
                        escape_html(description)
                    );
                }
                out.push_str("</ul>\n");
            }
        }
    }
}

pub(super) fn html_table(
    out: &mut String,
    caption: Option<&str>,
    table: &Table,
    style: HtmlStyle,
    rng: &mut Rng,
) {
    let columns = table.header.len();
    let widths: Vec<String> = (0..columns)
        .map(|_| {
            format!(
                "{:.2}",
                100.0 / columns as f64 + rng.below(500) as f64 / 100.0
            )
        })
        .collect();
    let group = format!("mcps1.{}.{}", rng.between(1, 3), columns + 1);
    match style {
        HtmlStyle::Exported => {
            let _ = write!(
                out,
                "<table><thead align=\"left\"><tr id=\"row{}\">",
                rng.id(12)
            );
        }
        HtmlStyle::Page => {
            let _ = write!(
                out,
                "<div class=\"tablenoborder\"><table cellpadding=\"4\" cellspacing=\"0\" summary=\"\" frame=\"border\" border=\"1\" rules=\"all\">"
            );
            if let Some(caption) = caption {
                let _ = write!(out, "<caption><b>{}</b></caption>", escape_html(caption));
            }
            out.push_str("<thead align=\"left\"><tr>");
        }
    }
    for (j, header) in table.header.iter().enumerate() {
        let _ = write!(
            out,
            "<th align=\"left\" class=\"cellrowborder\" valign=\"top\" width=\"{}%\" id=\"{group}.1.{}\">",
            widths[j],
            j + 1
        );
        html_cell_body(out, &Cell::text(header), style, rng);
        out.push_str("</th>\n");
    }
    out.push_str("</tr>\n</thead>\n<tbody>");
    for row in &table.rows {
        match style {
            HtmlStyle::Exported => {
                let _ = write!(out, "<tr id=\"row{}\">", rng.id(12));
            }
            HtmlStyle::Page => out.push_str("<tr>"),
        }
        for (j, cell) in row.iter().enumerate() {
            if cell.covered {
                continue;
            }
            out.push_str("<td class=\"cellrowborder\" ");
            if cell.rowspan > 1 {
                let _ = write!(out, "rowspan=\"{}\" ", cell.rowspan);
            }
            let _ = write!(
                out,
                "valign=\"top\" width=\"{}%\" headers=\"{group}.1.{} \">",
                widths[j],
                j + 1
            );
            html_cell_body(out, cell, style, rng);
            out.push_str("</td>\n");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    if style == HtmlStyle::Page {
        out.push_str("</div>\n");
    }
}
