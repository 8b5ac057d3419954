//! Markdown parser: CommonMark + GFM pipe tables with pulldown-cmark, inline HTML tables with
//! the HTML parser.
//!
//! Steps:
//! 1. Find the balanced `<table>` … `</table>` regions of the raw text (outermost tables, code
//!    fences and code spans masked first so a `<table>` shown as code is not one). CommonMark
//!    would end an HTML block at a blank line, and real pages have blank lines and list-item
//!    indentation inside their tables, so each whole region goes to [`html::parse_fragment`]
//!    with its first line instead. An unclosed `<table>` is a [`ParseProblem`].
//! 2. Cut the regions out but keep their line breaks, so line numbers stay those of the file
//!    (and what follows `</table>` on its line keeps its own indentation), and run
//!    pulldown-cmark over the rest with `into_offset_iter()`.
//! 3. Turn events into blocks: headings (inline `<a name>` anchors dropped from the text; the
//!    title heading's topic-like anchor is the doc id), paragraphs, one paragraph per list item,
//!    fenced and indented code, GFM pipe tables, and other HTML blocks through the HTML parser.
//!    Inline markup and escapes vanish with the events (`**Failed Tasks**` → `Failed Tasks`).
//! 4. Merge the blocks of both sources by line, then give each table without a caption the
//!    `Table N …` / `表 N …` paragraph just before it (`html::attach_captions`).

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use regex::Regex;

use crate::document::{Block, BlockKind, Document, Row, Table};
use crate::parse::ParseProblem;
use crate::parse::cells;
use crate::parse::html;

/// Raw-text elements whose content the table scan skips in Markdown (fewer than in HTML: a
/// `<title>` mentioned in prose must not hide the rest of the page).
const MARKDOWN_RAW_TEXT: &[&str] = &["script", "style"];

/// Parses a Markdown source into the document IR.
pub fn parse(text: &str) -> Result<Document, Vec<ParseProblem>> {
    let text = text.trim_start_matches('\u{feff}');
    let masked = mask_code(text);
    let tags = html::scan_tags_with(&masked, 1, MARKDOWN_RAW_TEXT);
    let regions = html::table_regions(&tags)?;

    let mut problems = Vec::new();
    let mut table_blocks = Vec::new();
    for region in &regions {
        let Some(fragment) = text.get(region.start..region.end) else {
            continue;
        };
        match html::parse_fragment(fragment, region.line) {
            Ok(blocks) => table_blocks.extend(blocks),
            Err(found) => problems.extend(found),
        }
    }

    let prose = cut_regions(text, &regions);
    let mut reader = EventReader::new(&prose);
    for (event, range) in Parser::new_ext(&prose, Options::ENABLE_TABLES).into_offset_iter() {
        reader.read(event, range);
    }
    reader.flush_text();
    problems.extend(reader.problems);
    if !problems.is_empty() {
        problems.sort_by_key(|problem| problem.line);
        return Err(problems);
    }

    let mut blocks = reader.blocks;
    blocks.extend(table_blocks);
    // Stable: at equal lines, prose written before an inline table stays before it.
    blocks.sort_by_key(|block| block.line);
    html::attach_captions(&mut blocks);
    Ok(Document {
        title: reader.title,
        doc_id: reader.doc_id,
        blocks,
    })
}

/// A copy of `text`, byte for byte the same length, with fenced code blocks, code spans and
/// backslash-escaped `<` replaced by spaces: what is left of `<table>` there is real HTML.
fn mask_code(text: &str) -> String {
    let mut masked = String::with_capacity(text.len());
    let mut fence: Option<(char, usize)> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = marker.map_or(0, |m| trimmed.chars().take_while(|c| *c == m).count());
        match (fence, marker) {
            (None, Some(m)) if run >= 3 => {
                fence = Some((m, run));
                masked.push_str(&blank(line));
            }
            (Some((m, open_run)), Some(close)) if close == m && run >= open_run => {
                fence = None;
                masked.push_str(&blank(line));
            }
            (Some(_), _) => masked.push_str(&blank(line)),
            (None, _) => masked.push_str(&mask_inline_code(line)),
        }
    }
    masked
}

/// One line with its code spans (`` `…` ``, matched on the same line) and `\<` blanked.
fn mask_inline_code(line: &str) -> String {
    let bytes = line.as_bytes();
    let mut out = line.as_bytes().to_vec();
    let mut pos = 0usize;
    while pos < bytes.len() {
        match bytes[pos] {
            b'\\' if bytes.get(pos + 1) == Some(&b'<') => {
                out[pos + 1] = b' ';
                pos += 2;
            }
            b'`' => {
                let run = bytes[pos..].iter().take_while(|b| **b == b'`').count();
                let closing = find_backtick_run(bytes, pos + run, run);
                match closing {
                    Some(close) => {
                        for byte in &mut out[pos..close + run] {
                            if *byte != b'\n' {
                                *byte = b' ';
                            }
                        }
                        pos = close + run;
                    }
                    None => pos += run,
                }
            }
            _ => pos += 1,
        }
    }
    // Only ASCII bytes were replaced, and only whole code spans (which begin and end at ASCII
    // backticks), so the bytes are still UTF-8; fall back to the line itself if not.
    String::from_utf8(out).unwrap_or_else(|_| line.to_string())
}

/// Start of the next run of exactly `run` backticks at or after `from`.
fn find_backtick_run(bytes: &[u8], from: usize, run: usize) -> Option<usize> {
    let mut pos = from;
    while pos < bytes.len() {
        if bytes[pos] == b'`' {
            let length = bytes[pos..].iter().take_while(|b| **b == b'`').count();
            if length == run {
                return Some(pos);
            }
            pos += length;
        } else {
            pos += 1;
        }
    }
    None
}

/// Spaces for every byte of `text` but its line breaks.
fn blank(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'\n' => '\n',
            b'\r' => '\r',
            _ => ' ',
        })
        .collect()
}

/// `text` with each table region replaced by its line breaks alone (same lines).
fn cut_regions(text: &str, regions: &[html::TableRegion]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0usize;
    for region in regions {
        let (Some(before), Some(inside)) = (
            text.get(copied..region.start),
            text.get(region.start..region.end),
        ) else {
            continue;
        };
        out.push_str(before);
        out.extend(inside.chars().filter(|c| *c == '\n'));
        copied = region.end;
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    out
}

/// Byte offset → 1-based line.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(offset, _)| offset + 1))
            .collect();
        LineIndex { starts }
    }

    fn line_of(&self, offset: usize) -> u32 {
        let line = self.starts.partition_point(|start| *start <= offset);
        u32::try_from(line.max(1)).unwrap_or(u32::MAX)
    }
}

/// Text being gathered for a paragraph or heading.
struct TextBuffer {
    /// `Some(level)` for a heading.
    heading: Option<u8>,
    /// Line of the block: the heading's line, or the paragraph's first text.
    line: Option<u32>,
    text: String,
    /// `name`/`id` values of inline HTML anchors seen in the text.
    anchors: Vec<String>,
}

impl TextBuffer {
    fn paragraph() -> Self {
        TextBuffer {
            heading: None,
            line: None,
            text: String::new(),
            anchors: Vec::new(),
        }
    }
}

/// A fenced or indented code block being gathered.
struct CodeBuffer {
    line: u32,
    language: Option<String>,
    text: String,
    indented: bool,
}

/// A GFM pipe table being gathered.
struct PipeTable {
    line: u32,
    header: Vec<String>,
    rows: Vec<Row>,
    row: Option<Row>,
    cell: Option<String>,
}

/// Turns pulldown-cmark events into blocks.
struct EventReader {
    lines: LineIndex,
    blocks: Vec<Block>,
    problems: Vec<ParseProblem>,
    title: Option<String>,
    doc_id: Option<String>,
    text: Option<TextBuffer>,
    code: Option<CodeBuffer>,
    html_block: Option<(u32, String)>,
    table: Option<PipeTable>,
    image_depth: usize,
}

impl EventReader {
    fn new(source: &str) -> Self {
        EventReader {
            lines: LineIndex::new(source),
            blocks: Vec::new(),
            problems: Vec::new(),
            title: None,
            doc_id: None,
            text: None,
            code: None,
            html_block: None,
            table: None,
            image_depth: 0,
        }
    }

    fn read(&mut self, event: Event<'_>, range: Range<usize>) {
        let line = self.lines.line_of(range.start);
        match event {
            Event::Start(tag) => self.start(tag, line),
            Event::End(tag) => self.end(tag),
            Event::Text(text)
            | Event::Code(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text) => self.push_inline(&text, line),
            Event::SoftBreak => self.push_inline(" ", line),
            Event::HardBreak => self.push_break(line),
            Event::Html(html) => match &mut self.html_block {
                Some((_, gathered)) => gathered.push_str(&html),
                None => self.push_inline_html(&html, line),
            },
            Event::InlineHtml(html) => self.push_inline_html(&html, line),
            Event::Rule => self.flush_text(),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, line: u32) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush_text();
                self.text = Some(TextBuffer {
                    heading: Some(level as u8),
                    line: Some(line),
                    ..TextBuffer::paragraph()
                });
            }
            Tag::CodeBlock(kind) => {
                self.flush_text();
                // A code block's line is that of its first line of text, after the fence.
                let indented = matches!(kind, CodeBlockKind::Indented);
                let (language, line) = match kind {
                    CodeBlockKind::Fenced(info) => (fence_language(&info), line + 1),
                    CodeBlockKind::Indented => (None, line),
                };
                self.code = Some(CodeBuffer {
                    line,
                    language,
                    text: String::new(),
                    indented,
                });
            }
            Tag::HtmlBlock => {
                self.flush_text();
                self.html_block = Some((line, String::new()));
            }
            Tag::Table(_) => {
                self.flush_text();
                self.table = Some(PipeTable {
                    line,
                    header: Vec::new(),
                    rows: Vec::new(),
                    row: None,
                    cell: None,
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(table) = &mut self.table {
                    table.row = Some(Row {
                        line,
                        cells: Vec::new(),
                    });
                }
            }
            Tag::TableCell => {
                if let Some(table) = &mut self.table {
                    table.cell = Some(String::new());
                }
            }
            Tag::Image { .. } => self.image_depth += 1,
            Tag::Paragraph
            | Tag::Item
            | Tag::List(_)
            | Tag::BlockQuote(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::FootnoteDefinition(_) => self.flush_text(),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    let text = code.text.trim_end_matches(['\n', '\r']).to_string();
                    // A table caption indented by the converter that wrote the page
                    // (`    **表 2**  servers字段数据结构说明` after a table that ended a list)
                    // reads as a caption, not as code.
                    if code.indented
                        && !text.contains('\n')
                        && let Some(caption) = indented_caption(&text)
                    {
                        self.blocks.push(Block::new(
                            code.line,
                            BlockKind::Paragraph { text: caption },
                        ));
                        return;
                    }
                    self.blocks.push(Block::new(
                        code.line,
                        BlockKind::Code {
                            language: code.language,
                            text,
                        },
                    ));
                }
            }
            TagEnd::HtmlBlock => {
                if let Some((line, html)) = self.html_block.take() {
                    match html::parse_fragment(&html, line) {
                        Ok(blocks) => self.blocks.extend(blocks),
                        Err(problems) => self.problems.extend(problems),
                    }
                }
            }
            TagEnd::TableCell => {
                if let Some(table) = &mut self.table
                    && let (Some(cell), Some(row)) = (table.cell.take(), &mut table.row)
                {
                    row.cells.push(cells::fold_pieces(&cell));
                }
            }
            TagEnd::TableHead => {
                if let Some(table) = &mut self.table
                    && let Some(row) = table.row.take()
                {
                    table.header = row.cells;
                }
            }
            TagEnd::TableRow => {
                if let Some(table) = &mut self.table
                    && let Some(row) = table.row.take()
                {
                    table.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.push_pipe_table(table);
                }
            }
            TagEnd::Image => self.image_depth = self.image_depth.saturating_sub(1),
            TagEnd::Heading(_)
            | TagEnd::Paragraph
            | TagEnd::Item
            | TagEnd::List(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.flush_text(),
            _ => {}
        }
    }

    /// Adds inline text to whatever is being gathered (code, a table cell, a paragraph).
    fn push_inline(&mut self, text: &str, line: u32) {
        if let Some(code) = &mut self.code {
            code.text.push_str(text);
            return;
        }
        if self.image_depth > 0 {
            return;
        }
        if let Some(table) = &mut self.table {
            if let Some(cell) = &mut table.cell {
                cell.push_str(&text.replace('\n', " "));
            }
            return;
        }
        let buffer = self.text.get_or_insert_with(TextBuffer::paragraph);
        if buffer.line.is_none() && !text.trim().is_empty() {
            buffer.line = Some(line);
        }
        buffer.text.push_str(text);
    }

    /// A hard line break: a new piece inside a table cell, a space elsewhere.
    fn push_break(&mut self, line: u32) {
        match &mut self.table {
            Some(PipeTable {
                cell: Some(cell), ..
            }) => cell.push('\n'),
            _ => self.push_inline(" ", line),
        }
    }

    /// Inline HTML: `<br>` breaks, anchors are remembered (for the doc id), the rest vanishes.
    fn push_inline_html(&mut self, html: &str, line: u32) {
        let lower = html.trim_start().to_ascii_lowercase();
        if lower.starts_with("<br") {
            self.push_break(line);
            return;
        }
        if let Some(buffer) = &mut self.text {
            buffer.anchors.extend(anchor_names(html));
        }
    }

    /// Emits the paragraph or heading being gathered, if it has visible text.
    fn flush_text(&mut self) {
        let Some(buffer) = self.text.take() else {
            return;
        };
        let text = cells::fold_whitespace(&buffer.text);
        if text.is_empty() {
            return;
        }
        let line = buffer.line.unwrap_or(1);
        let kind = match buffer.heading {
            Some(level) => {
                if level == 1 && self.title.is_none() {
                    self.title = Some(text.clone());
                    self.doc_id = buffer
                        .anchors
                        .into_iter()
                        .find(|name| html::is_topic_id(name));
                }
                BlockKind::Heading { level, text }
            }
            None => BlockKind::Paragraph { text },
        };
        self.blocks.push(Block::new(line, kind));
    }

    fn push_pipe_table(&mut self, table: PipeTable) {
        let width = table.header.len();
        let rows = table
            .rows
            .into_iter()
            .map(|mut row| {
                row.cells.resize(width, String::new());
                row
            })
            .collect();
        self.blocks.push(Block::new(
            table.line,
            BlockKind::Table(Table {
                caption: None,
                header: table.header,
                rows,
            }),
        ));
    }
}

/// The caption in a one-line indented code block that is bold Markdown (`**表 2**  servers…`,
/// `**Table 3** Links`), with the emphasis markers removed and spaces folded.
fn indented_caption(text: &str) -> Option<String> {
    let text = text.trim();
    if !text.starts_with("**") {
        return None;
    }
    let plain = crate::parse::cells::fold_whitespace(&text.replace("**", " "));
    crate::shapes::is_table_caption(&plain).then_some(plain)
}

/// The language of a fence info string: its first word (```` ```json ```` → `json`).
fn fence_language(info: &str) -> Option<String> {
    info.split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .next()
        .map(|word| word.trim().to_ascii_lowercase())
        .filter(|word| !word.is_empty())
}

/// The `name`/`id` values of the tags in an inline HTML snippet (`<a name="sdrs_05_0901">`).
fn anchor_names(html: &str) -> Vec<String> {
    static ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)\b(?:name|id)\s*=\s*["']?([^"'\s>]+)"#).expect("valid regex")
    });
    ANCHOR
        .captures_iter(html)
        .filter_map(|captures| captures.get(1))
        .map(|name| name.as_str().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn summary(document: &Document) -> Vec<(u32, String)> {
        document
            .blocks
            .iter()
            .map(|block| {
                let text = match &block.kind {
                    BlockKind::Heading { level, text } => format!("h{level} {text}"),
                    BlockKind::Paragraph { text } => format!("p {text}"),
                    BlockKind::Code { language, text } => format!("code {language:?} {text}"),
                    BlockKind::Table(table) => format!(
                        "table {:?} {:?} {}",
                        table.caption,
                        table.header,
                        table.rows.len()
                    ),
                };
                (block.line, text)
            })
            .collect()
    }

    fn table_at(document: &Document, index: usize) -> &Table {
        document
            .blocks
            .iter()
            .filter_map(|block| match &block.kind {
                BlockKind::Table(table) => Some(table),
                _ => None,
            })
            .nth(index)
            .expect("table")
    }

    #[test]
    fn title_anchor_is_the_doc_id_and_is_dropped_from_text() {
        let document = parse("# Managing Failed Tasks<a name=\"css_01_0060\"></a>\n\n## Error Code<a name=\"section1550\"></a>\n").unwrap();
        assert_eq!(document.title.as_deref(), Some("Managing Failed Tasks"));
        assert_eq!(document.doc_id.as_deref(), Some("css_01_0060"));
        assert_eq!(
            summary(&document),
            vec![
                (1, "h1 Managing Failed Tasks".to_string()),
                (3, "h2 Error Code".to_string())
            ]
        );
    }

    #[test]
    fn setext_heading_and_generated_anchor_gives_no_doc_id() {
        let document = parse("Title\n=====\n\nText <a name=\"x\"></a>here.\n").unwrap();
        assert_eq!(document.title.as_deref(), Some("Title"));
        assert_eq!(document.doc_id, None);
        assert_eq!(summary(&document)[1], (4, "p Text here.".to_string()));
    }

    #[test]
    fn markup_and_escapes_are_removed() {
        let document = parse(
            "In the  **Failed Tasks**  dialog.\n\n    \n-   URI format\n\n    GET /v1/\\{project\\_id\\}/task-center/failure-jobs\n",
        )
        .unwrap();
        assert_eq!(
            summary(&document),
            vec![
                (1, "p In the Failed Tasks dialog.".to_string()),
                (4, "p URI format".to_string()),
                (
                    6,
                    "p GET /v1/{project_id}/task-center/failure-jobs".to_string()
                ),
            ]
        );
    }

    #[test]
    fn each_list_item_is_a_paragraph() {
        let document =
            parse("1.  Log in.\n2.  Click ![](x.png) **Clusters**.\n    - nested\n").unwrap();
        assert_eq!(
            summary(&document),
            vec![
                (1, "p Log in.".to_string()),
                (2, "p Click Clusters.".to_string()),
                (3, "p nested".to_string()),
            ]
        );
    }

    #[test]
    fn fenced_and_indented_code() {
        let document = parse("```json\n{\"a\": 1}\n```\n\ntext\n\n    plain code\n").unwrap();
        assert_eq!(
            summary(&document),
            vec![
                (2, "code Some(\"json\") {\"a\": 1}".to_string()),
                (5, "p text".to_string()),
                (7, "code None plain code".to_string()),
            ]
        );
    }

    #[test]
    fn pipe_table_with_escaped_pipe_and_br() {
        let document =
            parse("| Code | Message |\n|---|---|\n| E1 | a \\| b |\n| E2 | one<br>two |\n| E3 |\n")
                .unwrap();
        let table = table_at(&document, 0);
        assert_eq!(table.header, vec!["Code", "Message"]);
        assert_eq!(table.rows[0].cells, vec!["E1", "a | b"]);
        assert_eq!(table.rows[1].cells, vec!["E2", "one\ntwo"]);
        assert_eq!(table.rows[2].cells, vec!["E3", ""]);
        assert_eq!(table.rows[2].line, 5);
    }

    #[test]
    fn inline_html_table_with_blank_lines_and_caption() {
        let text = "**Table  1**  Failure causes\n\n<a name=\"t1\"></a>\n<table><thead><tr><th>Code</th><th>Solution</th></tr>\n</thead>\n\n<tbody><tr><td>E1</td>\n<td rowspan=\"2\">Retry.</td>\n</tr>\n<tr><td>E2</td>\n</tr>\n</tbody>\n</table>\n\nAfter.\n";
        let document = parse(text).unwrap();
        assert_eq!(
            summary(&document),
            vec![
                (1, "p Table 1 Failure causes".to_string()),
                (
                    4,
                    "table Some(\"Table 1 Failure causes\") [\"Code\", \"Solution\"] 2".to_string()
                ),
                (15, "p After.".to_string()),
            ]
        );
        let table = table_at(&document, 0);
        assert_eq!(table.rows[1].cells, vec!["E2", "Retry."]);
        assert_eq!(table.rows[0].line, 7);
        assert_eq!(table.rows[1].line, 10);
    }

    #[test]
    fn table_indented_in_a_list_item() {
        let text = "-   Parameter description\n\n    <table><tr><th>Parameter</th></tr>\n\n    <tr><td>project_id</td></tr>\n    </table>\n\n-   Next item\n";
        let document = parse(text).unwrap();
        assert_eq!(
            summary(&document),
            vec![
                (1, "p Parameter description".to_string()),
                (3, "table None [\"Parameter\"] 1".to_string()),
                (8, "p Next item".to_string()),
            ]
        );
    }

    #[test]
    fn closing_tags_after_the_table_are_not_code() {
        let text = "-   Item\n\n    <div class=\"tablenoborder\">\n    <table><tr><th>A</th></tr><tr><td>1</td></tr>\n    </table></div>\n\nEnd.\n";
        let document = parse(text).unwrap();
        assert_eq!(
            summary(&document),
            vec![
                (1, "p Item".to_string()),
                (4, "table None [\"A\"] 1".to_string()),
                (7, "p End.".to_string()),
            ]
        );
    }

    #[test]
    fn table_in_code_is_not_a_table() {
        let text = "```\n<table>\n```\n\nUse `<table>` here.\n";
        let document = parse(text).unwrap();
        assert_eq!(
            summary(&document),
            vec![
                (2, "code None <table>".to_string()),
                (5, "p Use <table> here.".to_string()),
            ]
        );
    }

    #[test]
    fn unclosed_inline_table_is_a_problem() {
        let problems = parse("Intro\n\n<table><tr><td>x</td></tr>\n\nMore text\n").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 3);
    }

    #[test]
    fn html_block_outside_tables_becomes_paragraphs() {
        let document = parse("<div class=\"note\">\n<p>NOTE: be careful</p>\n</div>\n").unwrap();
        assert_eq!(
            summary(&document),
            vec![(2, "p NOTE: be careful".to_string())]
        );
    }

    #[test]
    fn chinese_caption_and_multibyte_blanking() {
        let text = "**表 1**  失败信息事件类型\n\n<table><tr><th>事件类型</th><th>说明</th></tr><tr><td>创建失败</td><td>指未能成功处理的请求。</td></tr></table>\n说明文字\n";
        let document = parse(text).unwrap();
        let table = table_at(&document, 0);
        assert_eq!(table.caption.as_deref(), Some("表 1 失败信息事件类型"));
        assert_eq!(
            table.rows[0].cells,
            vec!["创建失败", "指未能成功处理的请求。"]
        );
        assert_eq!(summary(&document)[2], (4, "p 说明文字".to_string()));
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_text(text in "\\PC{0,200}") {
            let _ = parse(&text);
        }

        #[test]
        fn never_panics_on_markdown_soup(pieces in proptest::collection::vec(
            prop_oneof![
                Just("# T<a name=\"a_01_02\"></a>\n"), Just("\n"), Just("    "), Just("- "), Just("1. "),
                Just("```json\n"), Just("```\n"), Just("`"), Just("| a | b |\n"), Just("|---|---|\n"),
                Just("<table>"), Just("</table>\n"), Just("<tr><td rowspan=\"2\">x</td>"), Just("**Table 1** c\n"),
                Just("\\|"), Just("\\<"), Just("表"), Just("<br>"), Just("![](f.png)"), Just("<!--"),
                Just("<div>"), Just("===\n"), Just("> "), Just("é"),
            ],
            0..40,
        )) {
            let text: String = pieces.concat();
            if let Ok(document) = parse(&text) {
                for block in &document.blocks {
                    prop_assert!(block.line >= 1);
                    if let BlockKind::Table(table) = &block.kind {
                        for row in &table.rows {
                            prop_assert_eq!(row.cells.len(), table.header.len());
                        }
                    }
                }
            }
        }
    }
}
