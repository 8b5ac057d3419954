//! Plain text copied from a rendered page: one block (paragraph, cell, list item) per line.

use super::*;

pub(super) struct Text {
    pub(super) out: String,
}

impl Text {
    pub(super) fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push_str("\n\n");
    }
}

impl Renderer for Text {
    fn title(&mut self, page: &Page) {
        self.line("Updated on 2025-10-16 GMT+08:00");
        self.line(&page.title);
    }
    fn heading(&mut self, text: &str) {
        self.line(text);
    }
    fn para(&mut self, text: &str) {
        self.line(text);
    }
    fn request(&mut self, method: &str, path: &str) {
        self.line(&format!("{method} {path}"));
    }
    fn table(&mut self, caption: &Caption, table: &Table) {
        self.line(&caption.line());
        for header in &table.header {
            self.line(header);
        }
        for row in &table.rows {
            for cell in row {
                for piece in &cell.pieces {
                    match piece {
                        Piece::Text(text) => self.line(text),
                        Piece::Values(values) => {
                            for (value, description) in values {
                                self.line(&format!("- {value}: {description}"));
                            }
                        }
                    }
                }
            }
        }
    }
    fn json(&mut self, json: &str) {
        self.line(json);
    }
    fn finish(self) -> String {
        self.out
    }
}

pub(super) fn render_text(page: &Page) -> String {
    render(page, Text { out: String::new() })
}
