//! Markdown: exported-doc style, inline HTML tables (sometimes GFM pipe tables).

use super::*;

pub(super) struct Markdown<'r> {
    pub(super) out: String,
    pub(super) rng: &'r mut Rng,
}

/// Markdown escapes that exported docs carry in running text (`\{project\_id\}`).
pub(super) fn escape_markdown(text: &str) -> String {
    text.replace('{', "\\{")
        .replace('}', "\\}")
        .replace('_', "\\_")
}

impl Renderer for Markdown<'_> {
    fn title(&mut self, page: &Page) {
        let _ = write!(
            self.out,
            "# {}<a name=\"{}\"></a>\n\n",
            page.title, page.topic
        );
    }
    fn heading(&mut self, text: &str) {
        let _ = write!(
            self.out,
            "## {text}<a name=\"section{}\"></a>\n\n",
            self.rng.id(14)
        );
    }
    fn para(&mut self, text: &str) {
        let _ = write!(self.out, "{}\n\n", escape_markdown(text));
    }
    fn request(&mut self, method: &str, path: &str) {
        let _ = write!(self.out, "{method} {}\n\n", escape_markdown(path));
    }
    fn table(&mut self, caption: &Caption, table: &Table) {
        let label = caption.label.replace(' ', "  ");
        let _ = write!(self.out, "**{label}**  {}\n\n", caption.text);
        if self.rng.chance(20) {
            // A GFM pipe table: spans are written out, blocks flattened onto one line.
            let _ = writeln!(self.out, "| {} |", table.header.join(" | "));
            let _ = writeln!(self.out, "|{}", " --- |".repeat(table.header.len()));
            for row in &table.rows {
                let cells: Vec<String> = row.iter().map(Cell::flat).collect();
                let _ = writeln!(self.out, "| {} |", cells.join(" | "));
            }
            self.out.push('\n');
        } else {
            let _ = writeln!(self.out, "<a name=\"table{}\"></a>", self.rng.id(15));
            html_table(&mut self.out, None, table, HtmlStyle::Exported, self.rng);
            self.out.push('\n');
        }
    }
    fn json(&mut self, json: &str) {
        let fence = if self.rng.chance(50) {
            "```json"
        } else {
            "```"
        };
        let _ = write!(self.out, "{fence}\n{json}\n```\n\n");
    }
    fn finish(self) -> String {
        self.out
    }
}

pub(super) fn render_markdown(page: &Page, rng: &mut Rng) -> String {
    render(
        page,
        Markdown {
            out: String::new(),
            rng,
        },
    )
}
