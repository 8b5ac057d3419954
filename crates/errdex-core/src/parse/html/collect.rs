//! Steps 4–5: the blocks of a DOM in source order, tables with their header rows and spans.

use super::*;

/// What a DOM walk found.
pub(super) struct DomWalk {
    pub(super) blocks: Vec<Block>,
    pub(super) title: Option<String>,
    pub(super) doc_id: Option<String>,
    pub(super) page_title: Option<String>,
}

/// Collects the blocks of a DOM in source order.
pub(super) struct BlockCollector<'l> {
    pub(super) lines: &'l FxHashMap<usize, u32>,
    /// Best known line of the walk position: the last element start seen, advanced by the
    /// newlines of text since.
    pub(super) cursor_line: u32,
    /// Text of the paragraph being gathered.
    pub(super) run: String,
    /// Line where the gathered paragraph's first visible text is.
    pub(super) run_line: u32,
    pub(super) walk: DomWalk,
}

impl<'l> BlockCollector<'l> {
    pub(super) fn new(lines: &'l FxHashMap<usize, u32>, first_line: u32) -> Self {
        BlockCollector {
            lines,
            cursor_line: first_line,
            run: String::new(),
            run_line: first_line,
            walk: DomWalk {
                blocks: Vec::new(),
                title: None,
                doc_id: None,
                page_title: None,
            },
        }
    }

    pub(super) fn line_of(&self, node: DomNode<'_>) -> Option<u32> {
        self.lines.get(&node_key(node)).copied()
    }

    pub(super) fn push_block(&mut self, line: u32, kind: BlockKind) {
        self.walk.blocks.push(Block::new(line, kind));
    }

    /// Adds running text to the paragraph being gathered.
    pub(super) fn push_text(&mut self, text: &str) {
        if self.run.trim().is_empty()
            && let Some(first_visible) = text.find(|c: char| !c.is_whitespace())
        {
            self.run_line = self
                .cursor_line
                .saturating_add(count_newlines(&text[..first_visible]));
        }
        self.run.push_str(text);
        self.cursor_line = self.cursor_line.saturating_add(count_newlines(text));
    }

    /// Emits the gathered paragraph, if it has visible text.
    pub(super) fn flush_paragraph(&mut self) {
        let text = cells::fold_whitespace(&self.run);
        self.run.clear();
        if !text.is_empty() {
            self.push_block(self.run_line, BlockKind::Paragraph { text });
        }
    }

    pub(super) fn open(&mut self, node: DomNode<'_>) -> Descend {
        let element = match node.value() {
            Node::Text(text) => {
                self.push_text(text);
                return Descend::Yes;
            }
            Node::Element(element) => element,
            _ => return Descend::Yes,
        };
        let line = self.line_of(node).unwrap_or(self.cursor_line);
        self.cursor_line = self.cursor_line.max(line);
        let name = element.name();
        if is_skipped(name) {
            return Descend::No;
        }
        if name == "title" {
            let text = inline_text(node);
            if self.walk.page_title.is_none() && !text.is_empty() {
                self.walk.page_title = Some(text);
            }
            return Descend::No;
        }
        if let Some(level) = heading_level(name) {
            self.flush_paragraph();
            self.push_heading(node, level, line);
            return Descend::No;
        }
        match name {
            "table" => {
                self.flush_paragraph();
                if let Some(table) = self.read_table(node, line) {
                    let last_row = table.rows.last().map_or(line, |row| row.line);
                    self.cursor_line = self.cursor_line.max(last_row);
                    self.push_block(line, BlockKind::Table(table));
                }
                Descend::No
            }
            "pre" => {
                self.flush_paragraph();
                let text = preformatted_text(node);
                self.cursor_line = self.cursor_line.saturating_add(count_newlines(&text));
                let language = code_language(node);
                self.push_block(line, BlockKind::Code { language, text });
                Descend::No
            }
            "br" => {
                self.run.push(' ');
                Descend::Yes
            }
            _ => {
                if is_block(name) {
                    self.flush_paragraph();
                }
                Descend::Yes
            }
        }
    }

    pub(super) fn close(&mut self, node: DomNode<'_>) {
        if let Node::Element(element) = node.value()
            && is_block(element.name())
        {
            self.flush_paragraph();
        }
    }

    pub(super) fn push_heading(&mut self, node: DomNode<'_>, level: u8, line: u32) {
        let text = inline_text(node);
        if text.is_empty() {
            return;
        }
        if level == 1 && self.walk.title.is_none() {
            self.walk.title = Some(text.clone());
            self.walk.doc_id = heading_topic_id(node);
        }
        self.push_block(line, BlockKind::Heading { level, text });
    }

    /// Reads a `<table>` element into a normalized table; `None` when it has no rows at all.
    pub(super) fn read_table(&self, table: DomNode<'_>, table_line: u32) -> Option<Table> {
        let mut caption = None;
        let mut head_rows: Vec<SourceRow> = Vec::new();
        let mut body_rows: Vec<SourceRow> = Vec::new();
        for child in table.children() {
            let Some(element) = child.value().as_element() else {
                continue;
            };
            match element.name() {
                "caption" => {
                    caption = Some(inline_text(child)).filter(|text| !text.is_empty());
                }
                "thead" => head_rows.extend(self.section_rows(child)),
                "tbody" | "tfoot" => body_rows.extend(self.section_rows(child)),
                "tr" => body_rows.push(self.read_row(child)),
                _ => {}
            }
        }
        if head_rows.is_empty() {
            let leading_th = body_rows
                .iter()
                .take_while(|row| row.only_header_cells && !row.cells.is_empty())
                .count();
            let take = if leading_th > 0 {
                leading_th
            } else {
                usize::from(!body_rows.is_empty())
            };
            head_rows = body_rows.drain(..take).collect();
        }
        if head_rows.is_empty() && body_rows.is_empty() {
            return None;
        }
        let header_count = head_rows.len();
        let (lines, source_cells): (Vec<Option<u32>>, Vec<Vec<SourceCell>>) = head_rows
            .into_iter()
            .chain(body_rows)
            .map(|row| (row.line, row.cells))
            .unzip();
        let grid = cells::expand_spans(&source_cells);
        let header = cells::merge_header_rows(&grid[..header_count]);
        let mut last_line = table_line;
        let rows = grid
            .into_iter()
            .zip(lines)
            .skip(header_count)
            .map(|(cells, line)| {
                last_line = line.unwrap_or(last_line);
                Row {
                    line: last_line,
                    cells,
                }
            })
            .collect();
        Some(Table {
            caption,
            header,
            rows,
        })
    }

    /// The `<tr>` rows of a `<thead>`/`<tbody>`/`<tfoot>`.
    pub(super) fn section_rows(&self, section: DomNode<'_>) -> Vec<SourceRow> {
        section
            .children()
            .filter(|child| {
                child
                    .value()
                    .as_element()
                    .is_some_and(|element| element.name() == "tr")
            })
            .map(|row| self.read_row(row))
            .collect()
    }

    pub(super) fn read_row(&self, row: DomNode<'_>) -> SourceRow {
        let mut cells_out = Vec::new();
        let mut only_header_cells = true;
        for cell in row.children() {
            let Some(element) = cell.value().as_element() else {
                continue;
            };
            let name = element.name();
            if name != "td" && name != "th" {
                continue;
            }
            only_header_cells &= name == "th";
            cells_out.push(SourceCell {
                text: pieces_text(cell),
                rowspan: span_attribute(element, "rowspan"),
                colspan: span_attribute(element, "colspan"),
            });
        }
        SourceRow {
            line: self.line_of(row),
            cells: cells_out,
            only_header_cells,
        }
    }
}

/// A `<tr>` as written: its line, its cells before span expansion, and whether all are `<th>`.
pub(super) struct SourceRow {
    pub(super) line: Option<u32>,
    pub(super) cells: Vec<SourceCell>,
    pub(super) only_header_cells: bool,
}

/// A `rowspan`/`colspan` value; missing, zero or unreadable counts as 1.
pub(super) fn span_attribute(element: &Element, name: &str) -> usize {
    element
        .attr(name)
        .and_then(|value| value.trim().parse::<usize>().ok())
        .filter(|span| *span > 0)
        .unwrap_or(1)
}

pub(super) fn count_newlines(text: &str) -> u32 {
    u32::try_from(text.bytes().filter(|b| *b == b'\n').count()).unwrap_or(u32::MAX)
}
