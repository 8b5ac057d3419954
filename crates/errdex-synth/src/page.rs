//! The format-free page model: sections, paragraphs, request lines, tables with spans and value
//! lists in cells, JSON examples; and the facts a page holds.

use super::*;

/// One page, before it is rendered in a format.
pub(super) struct Page {
    pub(super) kind: &'static str,
    pub(super) lang: Lang,
    pub(super) title: String,
    /// Topic id (`abs_03_0123`), as documentation tools name pages.
    pub(super) topic: String,
    pub(super) intro: Vec<String>,
    pub(super) sections: Vec<Section>,
}

pub(super) struct Section {
    pub(super) heading: String,
    pub(super) items: Vec<Item>,
}

pub(super) enum Item {
    Para(String),
    /// An operation line: `GET /v3/{project_id}/...`.
    Request(&'static str, String),
    /// `Status code: 200`.
    Status(u16),
    Table(Table),
    Json(String),
}

pub(super) struct Table {
    pub(super) caption: String,
    pub(super) header: Vec<String>,
    /// A full grid: every row has `header.len()` cells; positions under a rowspan are marked
    /// `covered` and repeat the text of the cell above.
    pub(super) rows: Vec<Vec<Cell>>,
}

#[derive(Clone)]
pub(super) struct Cell {
    pub(super) pieces: Vec<Piece>,
    /// Rows this cell covers (1 = no span); only on the cell where a span starts.
    pub(super) rowspan: usize,
    /// Under a rowspan from above: HTML omits it, other formats repeat the text.
    pub(super) covered: bool,
    /// A "ditto" cell: written blank where the format allows it, meaning "same as above".
    pub(super) ditto: bool,
}

#[derive(Clone)]
pub(super) enum Piece {
    Text(String),
    /// A value list: `VALUE: description` items.
    Values(Vec<(String, String)>),
}

impl Cell {
    pub(super) fn text(text: impl Into<String>) -> Self {
        Cell {
            pieces: vec![Piece::Text(text.into())],
            rowspan: 1,
            covered: false,
            ditto: false,
        }
    }

    /// The whole cell on one line, for layouts that cannot hold blocks (pipe and simple tables).
    pub(super) fn flat(&self) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            if !out.is_empty() {
                out.push(' ');
            }
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Values(values) => {
                    let items: Vec<String> =
                        values.iter().map(|(v, d)| format!("{v}: {d}")).collect();
                    out.push_str(&items.join("; "));
                }
            }
        }
        out
    }

    pub(super) fn has_values(&self) -> bool {
        self.pieces.iter().any(|p| matches!(p, Piece::Values(_)))
    }
}

/// Facts counted while building one page.
#[derive(Default)]
pub(super) struct Facts {
    pub(super) codes: Vec<String>,
    pub(super) operations: usize,
    pub(super) value_lists: usize,
}
