//! HTML parser: whole pages ([`parse`]) and inline fragments ([`parse_fragment`], used by the
//! Markdown parser for `<table>` regions).
//!
//! Steps:
//! 1. Scan the raw source for tags ([`scan_tags`]): comments, `<!...>` and the content of
//!    `<script>`/`<style>` are skipped. The scan gives every start tag its 1-based line, and
//!    finds `<table>`s that are never closed (html5ever would close them silently at the end,
//!    swallowing what follows), reported as [`ParseProblem`]s.
//! 2. Build the DOM with scraper (html5ever), which repairs ordinary sloppiness (optional end
//!    tags, missing `<tbody>`).
//! 3. Give each DOM element the line of its start tag: html5ever keeps start tags in source
//!    order, so the k-th `<tr>` in the DOM's pre-order is the k-th `<tr` of the scan.
//! 4. Walk the DOM iteratively (no recursion, so deep nesting cannot overflow the stack) and emit
//!    blocks: `h1`..`h6` → heading, `pre` → code, `table` → table, runs of text in block
//!    elements (`p`, `li`, `dd`, `div`, …) → paragraphs.
//! 5. Tables: header rows from `<thead>` (else leading all-`<th>` rows, else the first row), spans
//!    expanded with [`cells::expand_spans`], header rows merged with [`cells::merge_header_rows`];
//!    cell text keeps one piece per paragraph, list item, note or nested-table cell.
//! 6. Captions: `<caption>`, else a preceding paragraph such as `Table 1 Failure causes`
//!    ([`attach_captions`], shared with the Markdown parser).
//!
//! Not handled: `<template>` contents, and source positions of elements html5ever invents or
//! drops (their lines fall back to the nearest known line).

use std::borrow::Cow;
use std::collections::VecDeque;
use std::ops::Deref;
use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashMap;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

use crate::document::{Block, BlockKind, Document, Row, Table};
use crate::parse::ParseProblem;
use crate::parse::cells::{self, SourceCell};

/// A node of scraper's DOM tree (`ego_tree::NodeRef<Node>`, named through `ElementRef`'s
/// `Deref` because `ego_tree` is not a direct dependency).
type DomNode<'a> = <ElementRef<'a> as Deref>::Target;

/// Elements whose content the tag scan skips, as html5ever does (raw text).
const RAW_TEXT_ELEMENTS: &[&str] = &["script", "style", "textarea", "title", "xmp"];

/// Parses a whole HTML page into the document IR.
///
/// The title is the first `<h1>` (else `<title>`); the doc id is a topic-like anchor name inside
/// that heading (`<a name="sdrs_05_0901">`).
pub fn parse(text: &str) -> Result<Document, Vec<ParseProblem>> {
    let text = text.trim_start_matches('\u{feff}');
    let tags = scan_tags(text, 1);
    check_structure(&tags)?;
    let html = Html::parse_document(text);
    let walk = walk_dom(&html, &tags);
    let title = walk.title.or(walk.page_title);
    Ok(Document {
        title,
        doc_id: walk.doc_id,
        blocks: walk.blocks,
    })
}

/// Parses an HTML fragment that starts at line `first_line` of its file (an inline `<table>` in
/// Markdown) into blocks whose lines are file lines.
pub fn parse_fragment(html: &str, first_line: u32) -> Result<Vec<Block>, Vec<ParseProblem>> {
    let tags = scan_tags(html, first_line.max(1));
    check_structure(&tags)?;
    let dom = Html::parse_fragment(html);
    Ok(walk_dom(&dom, &tags).blocks)
}

/// A tag found in the raw source by [`scan_tags`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourceTag<'a> {
    /// Lowercase tag name (borrowed from the text unless it had capitals).
    pub name: Cow<'a, str>,
    /// True for an end tag (`</tr>`).
    pub is_end: bool,
    /// Byte offset of the `<`.
    pub start: usize,
    /// Byte offset just past the closing `>` (or the end of the text if there is none).
    pub end: usize,
    /// 1-based line of the `<`.
    pub line: u32,
}

/// Lists the tags of `text` in source order, numbering lines from `first_line`.
///
/// Comments, doctypes, processing instructions and the content of raw-text elements
/// (`<script>`, `<style>`, `<title>`, …) are skipped, as an HTML parser would. A `>` inside a
/// quoted attribute value does not end the tag.
pub(crate) fn scan_tags(text: &str, first_line: u32) -> Vec<SourceTag<'_>> {
    scan_tags_with(text, first_line, RAW_TEXT_ELEMENTS)
}

/// [`scan_tags`] with a chosen list of raw-text elements whose content is skipped.
pub(crate) fn scan_tags_with<'a>(
    text: &'a str,
    first_line: u32,
    raw_text: &[&str],
) -> Vec<SourceTag<'a>> {
    let bytes = text.as_bytes();
    let mut tags = Vec::new();
    let mut lines = LineCounter::new(bytes, first_line);
    let mut pos = 0usize;
    while let Some(found) = find_byte(bytes, b'<', pos) {
        let rest = &bytes[found..];
        if rest.starts_with(b"<!--") {
            pos = find_bytes(bytes, b"-->", found + 4).map_or(bytes.len(), |end| end + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            pos = find_byte(bytes, b'>', found).map_or(bytes.len(), |end| end + 1);
            continue;
        }
        let is_end = rest.get(1) == Some(&b'/');
        let name_start = found + if is_end { 2 } else { 1 };
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            pos = found + 1;
            continue;
        }
        let name_end = bytes[name_start..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b':'))
            .map_or(bytes.len(), |n| name_start + n);
        // The name is ASCII (letters, digits, `-`, `:`), so this slice is on char boundaries.
        let raw_name = &text[name_start..name_end];
        let name = if raw_name.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(raw_name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(raw_name)
        };
        let tag_end = find_tag_end(bytes, name_end);
        pos = tag_end;
        if !is_end && raw_text.contains(&name.as_ref()) {
            let closing = format!("</{name}");
            pos =
                find_ascii_case_insensitive(bytes, closing.as_bytes(), pos).unwrap_or(bytes.len());
        }
        tags.push(SourceTag {
            name,
            is_end,
            start: found,
            end: tag_end,
            line: lines.line_at(found),
        });
    }
    tags
}

/// Counts lines forward through a text (offsets must be asked in increasing order).
struct LineCounter<'a> {
    bytes: &'a [u8],
    counted_to: usize,
    line: u32,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8], first_line: u32) -> Self {
        LineCounter {
            bytes,
            counted_to: 0,
            line: first_line,
        }
    }

    /// The line of byte `offset`.
    fn line_at(&mut self, offset: usize) -> u32 {
        let offset = offset.min(self.bytes.len());
        if offset > self.counted_to {
            let newlines = self.bytes[self.counted_to..offset]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            self.line = self
                .line
                .saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
            self.counted_to = offset;
        }
        self.line
    }
}

fn find_byte(bytes: &[u8], wanted: u8, from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|b| *b == wanted)
        .map(|n| from + n)
}

fn find_bytes(bytes: &[u8], wanted: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(wanted.len())
        .position(|window| window == wanted)
        .map(|n| from + n)
}

fn find_ascii_case_insensitive(bytes: &[u8], wanted: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(wanted.len())
        .position(|window| window.eq_ignore_ascii_case(wanted))
        .map(|n| from + n)
}

/// Offset just past the `>` ending a tag whose attributes start at `from`; a `>` inside a
/// quoted attribute value (`title="a>b"`) does not count.
fn find_tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    let mut after_equals = false;
    for (offset, &byte) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if byte == q => quote = None,
            Some(_) => {}
            None => match byte {
                b'>' => return offset + 1,
                b'"' | b'\'' if after_equals => quote = Some(byte),
                _ => {}
            },
        }
        if !byte.is_ascii_whitespace() {
            after_equals = byte == b'=';
        }
    }
    bytes.len()
}

/// Reports structure html5ever would repair by losing rows: a `<table>` never closed, and table
/// rows or cells outside any table.
fn check_structure(tags: &[SourceTag]) -> Result<(), Vec<ParseProblem>> {
    let mut problems = Vec::new();
    let mut open_tables: Vec<u32> = Vec::new();
    for tag in tags {
        match (tag.name.as_ref(), tag.is_end) {
            ("table", false) => open_tables.push(tag.line),
            ("table", true) => {
                open_tables.pop();
            }
            ("tr" | "td" | "th", false) if open_tables.is_empty() => problems.push(
                ParseProblem::new(tag.line, format!("<{}> outside any <table>", tag.name)),
            ),
            _ => {}
        }
    }
    for line in open_tables {
        problems.push(ParseProblem::new(
            line,
            "<table> is never closed (no matching </table>)",
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        problems.sort_by_key(|problem| problem.line);
        Err(problems)
    }
}

/// A balanced `<table>` … `</table>` region of a text (outermost tables only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TableRegion {
    /// Byte offset of `<table`.
    pub start: usize,
    /// Byte offset just past the matching `</table>`.
    pub end: usize,
    /// 1-based line of `<table`.
    pub line: u32,
}

/// Finds the outermost balanced `<table>` regions among `tags`; an unclosed `<table>` is a
/// problem at its line.
pub(crate) fn table_regions(tags: &[SourceTag]) -> Result<Vec<TableRegion>, Vec<ParseProblem>> {
    let mut regions = Vec::new();
    let mut open: Vec<&SourceTag<'_>> = Vec::new();
    for tag in tags.iter().filter(|tag| tag.name == "table") {
        if !tag.is_end {
            open.push(tag);
            continue;
        }
        let Some(opening) = open.pop() else { continue };
        if open.is_empty() {
            regions.push(TableRegion {
                start: opening.start,
                end: tag.end,
                line: opening.line,
            });
        }
    }
    if open.is_empty() {
        Ok(regions)
    } else {
        Err(open
            .iter()
            .map(|tag| {
                ParseProblem::new(tag.line, "<table> is never closed (no matching </table>)")
            })
            .collect())
    }
}

/// Identity of a DOM node for the line map: the address of its value, stable while the tree
/// lives.
fn node_key(node: DomNode<'_>) -> usize {
    std::ptr::from_ref(node.value()) as usize
}

/// Maps each DOM element to the line of its start tag: the k-th element named `tr` in pre-order
/// is the k-th `<tr` of the scan (elements html5ever invents get no line).
fn element_lines(html: &Html, tags: &[SourceTag]) -> FxHashMap<usize, u32> {
    let mut queues: FxHashMap<&str, VecDeque<u32>> = FxHashMap::default();
    for tag in tags.iter().filter(|tag| !tag.is_end) {
        queues
            .entry(tag.name.as_ref())
            .or_default()
            .push_back(tag.line);
    }
    let mut lines = FxHashMap::default();
    for node in html.tree.root().descendants() {
        if let Node::Element(element) = node.value()
            && let Some(line) = queues.get_mut(element.name()).and_then(VecDeque::pop_front)
        {
            lines.insert(node_key(node), line);
        }
    }
    lines
}

/// One step of an iterative depth-first walk.
#[derive(Clone, Copy)]
enum Visit<'a> {
    /// Entering a node (before its children).
    Open(DomNode<'a>),
    /// Leaving a node (after its children).
    Close(DomNode<'a>),
}

/// Whether a walk enters the children of the node just opened.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Descend {
    Yes,
    No,
}

/// Walks `root` and its descendants depth-first without recursion, calling `visit` on entering
/// and leaving each node; `Descend::No` from an `Open` skips that node's children.
fn walk_tree<'a>(root: DomNode<'a>, mut visit: impl FnMut(Visit<'a>) -> Descend) {
    let mut node = root;
    loop {
        if visit(Visit::Open(node)) == Descend::Yes
            && let Some(child) = node.first_child()
        {
            node = child;
            continue;
        }
        loop {
            visit(Visit::Close(node));
            if node == root {
                return;
            }
            if let Some(sibling) = node.next_sibling() {
                node = sibling;
                break;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => return,
            }
        }
    }
}

/// Elements whose content is never text a reader sees.
fn is_skipped(name: &str) -> bool {
    matches!(name, "script" | "style" | "noscript" | "template")
}

/// Elements that start a new block (a new piece inside a cell, a new paragraph elsewhere).
/// A `match`, not a list: it is asked twice for every element of every page.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "title"
            | "tr"
            | "ul"
    )
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// The text of a node in the IR cell convention: one piece per block element (paragraph, list
/// item, note, nested-table cell) or `<br>`, joined by `'\n'`, whitespace folded in each piece.
fn pieces_text(root: DomNode<'_>) -> String {
    let mut raw = String::new();
    let mut pre_depth = 0usize;
    walk_tree(root, |visit| match visit {
        Visit::Open(node) => match node.value() {
            Node::Text(text) if pre_depth > 0 => {
                raw.push_str(text);
                Descend::Yes
            }
            Node::Text(text) => {
                raw.extend(
                    text.chars()
                        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
                );
                Descend::Yes
            }
            Node::Element(element) => {
                let name = element.name();
                if is_skipped(name) {
                    return Descend::No;
                }
                if name == "br" || is_block(name) {
                    raw.push('\n');
                }
                if name == "pre" {
                    pre_depth += 1;
                }
                Descend::Yes
            }
            _ => Descend::Yes,
        },
        Visit::Close(node) => {
            if let Node::Element(element) = node.value() {
                let name = element.name();
                if name == "pre" {
                    pre_depth = pre_depth.saturating_sub(1);
                }
                if is_block(name) && !is_skipped(name) {
                    raw.push('\n');
                }
            }
            Descend::Yes
        }
    });
    cells::fold_pieces(&raw)
}

/// The text of a node as one line (headings, captions).
fn inline_text(node: DomNode<'_>) -> String {
    cells::fold_whitespace(&pieces_text(node))
}

/// The text of a `<pre>` exactly as written (`<br>` as a line break), without trailing newlines.
fn preformatted_text(root: DomNode<'_>) -> String {
    let mut text = String::new();
    walk_tree(root, |visit| {
        if let Visit::Open(node) = visit {
            match node.value() {
                Node::Text(chunk) => text.push_str(chunk),
                Node::Element(element) if is_skipped(element.name()) => return Descend::No,
                Node::Element(element) if element.name() == "br" => text.push('\n'),
                _ => {}
            }
        }
        Descend::Yes
    });
    text.trim_end_matches(['\n', '\r']).to_string()
}

/// The language a code block declares through a class such as `language-json` or `lang-json`,
/// on the `<pre>` or on a `<code>` inside it.
fn code_language(pre: DomNode<'_>) -> Option<String> {
    let from_classes = |element: &Element| {
        element.classes().find_map(|class| {
            class
                .strip_prefix("language-")
                .or_else(|| class.strip_prefix("lang-"))
                .filter(|language| !language.is_empty())
                .map(str::to_ascii_lowercase)
        })
    };
    pre.value().as_element().and_then(from_classes).or_else(|| {
        pre.descendants()
            .filter_map(|node| node.value().as_element())
            .filter(|element| element.name() == "code")
            .find_map(from_classes)
    })
}

/// True when an anchor name looks like a documentation topic id: words joined by `_`, ending in
/// digits (`sdrs_05_0901`, `EN-US_TOPIC_0071888297`), not a generated `section123` or `p98`.
pub(crate) fn is_topic_id(name: &str) -> bool {
    static TOPIC_ID: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[A-Za-z][A-Za-z0-9-]*(?:_[A-Za-z0-9-]+)*_[0-9]{2,}$").expect("valid regex")
    });
    TOPIC_ID.is_match(name)
}

/// The first topic-like `name`/`id` of an `<a>` inside `heading`, of the heading itself, or of
/// the empty anchors written just before it (`<a name="ecs_02_0901"></a><h1>…`, as exported
/// pages do).
fn heading_topic_id(heading: DomNode<'_>) -> Option<String> {
    let inside = heading
        .descendants()
        .filter_map(|node| node.value().as_element())
        .filter(|element| element.name() == "a");
    let own = heading.value().as_element().into_iter();
    let before = heading
        .prev_siblings()
        .take_while(|node| match node.value() {
            Node::Text(text) => text.trim().is_empty(),
            Node::Element(element) => element.name() == "a" && inline_text(*node).is_empty(),
            _ => true,
        })
        .filter_map(|node| node.value().as_element());
    inside
        .chain(own)
        .chain(before)
        .flat_map(|element| [element.attr("name"), element.attr("id")])
        .flatten()
        .find(|name| is_topic_id(name))
        .map(str::to_string)
}

/// Gives each table without a caption the text of the paragraph just before it when that
/// paragraph reads like a caption (`Table 1 Failure causes`). The paragraph stays a block too.
pub(crate) fn attach_captions(blocks: &mut [Block]) {
    for index in 1..blocks.len() {
        let caption = match &blocks[index - 1].kind {
            BlockKind::Paragraph { text } if crate::shapes::is_table_caption(text) => text.clone(),
            _ => continue,
        };
        if let BlockKind::Table(table) = &mut blocks[index].kind
            && table.caption.is_none()
        {
            table.caption = Some(caption);
        }
    }
}

/// What a DOM walk found.
struct DomWalk {
    blocks: Vec<Block>,
    title: Option<String>,
    doc_id: Option<String>,
    page_title: Option<String>,
}

/// Collects the blocks of a DOM in source order.
struct BlockCollector<'l> {
    lines: &'l FxHashMap<usize, u32>,
    /// Best known line of the walk position: the last element start seen, advanced by the
    /// newlines of text since.
    cursor_line: u32,
    /// Text of the paragraph being gathered.
    run: String,
    /// Line where the gathered paragraph's first visible text is.
    run_line: u32,
    walk: DomWalk,
}

impl<'l> BlockCollector<'l> {
    fn new(lines: &'l FxHashMap<usize, u32>, first_line: u32) -> Self {
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

    fn line_of(&self, node: DomNode<'_>) -> Option<u32> {
        self.lines.get(&node_key(node)).copied()
    }

    fn push_block(&mut self, line: u32, kind: BlockKind) {
        self.walk.blocks.push(Block::new(line, kind));
    }

    /// Adds running text to the paragraph being gathered.
    fn push_text(&mut self, text: &str) {
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
    fn flush_paragraph(&mut self) {
        let text = cells::fold_whitespace(&self.run);
        self.run.clear();
        if !text.is_empty() {
            self.push_block(self.run_line, BlockKind::Paragraph { text });
        }
    }

    fn open(&mut self, node: DomNode<'_>) -> Descend {
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

    fn close(&mut self, node: DomNode<'_>) {
        if let Node::Element(element) = node.value()
            && is_block(element.name())
        {
            self.flush_paragraph();
        }
    }

    fn push_heading(&mut self, node: DomNode<'_>, level: u8, line: u32) {
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
    fn read_table(&self, table: DomNode<'_>, table_line: u32) -> Option<Table> {
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
    fn section_rows(&self, section: DomNode<'_>) -> Vec<SourceRow> {
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

    fn read_row(&self, row: DomNode<'_>) -> SourceRow {
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
struct SourceRow {
    line: Option<u32>,
    cells: Vec<SourceCell>,
    only_header_cells: bool,
}

/// A `rowspan`/`colspan` value; missing, zero or unreadable counts as 1.
fn span_attribute(element: &Element, name: &str) -> usize {
    element
        .attr(name)
        .and_then(|value| value.trim().parse::<usize>().ok())
        .filter(|span| *span > 0)
        .unwrap_or(1)
}

fn count_newlines(text: &str) -> u32 {
    u32::try_from(text.bytes().filter(|b| *b == b'\n').count()).unwrap_or(u32::MAX)
}

/// Walks a parsed DOM into blocks, with lines from the tag scan, then attaches captions.
fn walk_dom(html: &Html, tags: &[SourceTag]) -> DomWalk {
    let lines = element_lines(html, tags);
    let first_line = tags.first().map_or(1, |tag| tag.line);
    let mut collector = BlockCollector::new(&lines, first_line);
    walk_tree(html.tree.root(), |visit| match visit {
        Visit::Open(node) => collector.open(node),
        Visit::Close(node) => {
            collector.close(node);
            Descend::Yes
        }
    });
    collector.flush_paragraph();
    let mut walk = collector.walk;
    attach_captions(&mut walk.blocks);
    walk
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn table_of(block: &Block) -> &Table {
        match &block.kind {
            BlockKind::Table(table) => table,
            other => panic!("expected a table, got {other:?}"),
        }
    }

    fn tables(blocks: &[Block]) -> Vec<&Table> {
        blocks
            .iter()
            .filter_map(|block| match &block.kind {
                BlockKind::Table(table) => Some(table),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn thead_rows_are_the_header_and_rows_keep_their_lines() {
        let html = "<table>\n<thead><tr><th>Code</th><th>Message</th></tr></thead>\n<tbody>\n<tr><td>E1</td><td>Bad</td></tr>\n<tr>\n<td>E2</td><td>Worse</td></tr>\n</tbody></table>";
        let blocks = parse_fragment(html, 10).unwrap();
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].line, 10);
        let table = table_of(&blocks[0]);
        assert_eq!(table.header, vec!["Code", "Message"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].line, 13);
        assert_eq!(table.rows[0].cells, vec!["E1", "Bad"]);
        assert_eq!(table.rows[1].line, 14);
    }

    #[test]
    fn rowspan_copies_the_solution_to_every_row() {
        let html = "<table><tr><th>Code</th><th>Solution</th></tr>\
            <tr><td>A</td><td rowspan=\"3\">Retry.</td></tr><tr><td>B</td></tr><tr><td>C</td></tr>\
            <tr><td>D</td><td>Other</td></tr></table>";
        let blocks = parse_fragment(html, 1).unwrap();
        let table = table_of(&blocks[0]);
        let solutions: Vec<&str> = table.rows.iter().map(|row| row.cells[1].as_str()).collect();
        assert_eq!(solutions, vec!["Retry.", "Retry.", "Retry.", "Other"]);
    }

    #[test]
    fn leading_th_rows_are_merged_into_one_header() {
        let html = "<table><tr><th colspan=\"2\">Status</th></tr><tr><th>状态</th><th>说明</th></tr>\
            <tr><td>ACTIVE</td><td>运行中</td></tr></table>";
        let table = table_of(&parse_fragment(html, 1).unwrap()[0]).clone();
        assert_eq!(table.header, vec!["Status 状态", "Status 说明"]);
        assert_eq!(table.rows.len(), 1);
    }

    #[test]
    fn first_row_is_the_header_when_there_is_no_th() {
        let html =
            "<table><tr><td>Name</td><td>Value</td></tr><tr><td>a</td><td>1</td></tr></table>";
        let table = table_of(&parse_fragment(html, 1).unwrap()[0]).clone();
        assert_eq!(table.header, vec!["Name", "Value"]);
        assert_eq!(table.rows[0].cells, vec!["a", "1"]);
    }

    #[test]
    fn cell_pieces_entities_notes_and_lists() {
        let html = "<table><thead><tr><th>Description</th></tr></thead><tbody><tr><td>\
            <p>Check &lt;ECS error code&gt;   now.</p><ul><li>one</li><li>two <b>bold</b></li></ul>\
            <div class=\"note\"><span class=\"notetitle\">NOTE:</span><div class=\"notebody\"><p>Keep it.</p></div></div>\
            <script>alert(1)</script><style>p{}</style></td></tr></tbody></table>";
        let table = table_of(&parse_fragment(html, 1).unwrap()[0]).clone();
        assert_eq!(
            table.rows[0].cells[0],
            "Check <ECS error code> now.\none\ntwo bold\nNOTE:\nKeep it."
        );
    }

    #[test]
    fn nested_table_becomes_pieces_of_the_outer_cell() {
        let html = "<table><tr><th>Param</th><th>Values</th></tr><tr><td>mode</td><td>\
            <table><tr><td>a</td><td>first</td></tr><tr><td>b</td><td>second</td></tr></table>\
            </td></tr></table>";
        let blocks = parse_fragment(html, 1).unwrap();
        assert_eq!(tables(&blocks).len(), 1);
        assert_eq!(table_of(&blocks[0]).rows[0].cells[1], "a\nfirst\nb\nsecond");
    }

    #[test]
    fn caption_element_or_preceding_caption_paragraph() {
        let html =
            "<table><caption>Table 2 Codes</caption><tr><th>A</th></tr><tr><td>1</td></tr></table>";
        assert_eq!(
            table_of(&parse_fragment(html, 1).unwrap()[0])
                .caption
                .as_deref(),
            Some("Table 2 Codes")
        );
        let html = "<p><b>表 1</b> 失败信息事件类型</p>\n<table><tr><th>A</th></tr><tr><td>1</td></tr></table>";
        let blocks = parse_fragment(html, 1).unwrap();
        assert_eq!(blocks.len(), 2);
        assert_eq!(
            table_of(&blocks[1]).caption.as_deref(),
            Some("表 1 失败信息事件类型")
        );
        let html =
            "<p>Table 1 lists the codes.</p><table><tr><th>A</th></tr><tr><td>1</td></tr></table>";
        assert_eq!(table_of(&parse_fragment(html, 1).unwrap()[1]).caption, None);
    }

    #[test]
    fn unclosed_table_is_a_problem_at_its_line() {
        let problems =
            parse_fragment("<p>x</p>\n<table><tr><td>a</td></tr>\n<p>after</p>", 5).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 6);
        assert!(parse("<html><body>\n<tr><td>x</td></tr></body></html>").is_err());
    }

    #[test]
    fn tags_in_comments_and_scripts_do_not_count() {
        let html = "<!-- <table> -->\n<script>var s = '<table><tr>';</script>\n<table>\n<tr><th>H</th></tr>\n<tr><td>v</td></tr></table>";
        let blocks = parse_fragment(html, 1).unwrap();
        let table = table_of(&blocks[0]);
        assert_eq!(blocks[0].line, 3);
        assert_eq!(table.rows[0].line, 5);
    }

    #[test]
    fn whole_page_title_doc_id_headings_paragraphs_code() {
        let page = "<!DOCTYPE html>\n<html><head><title>Page</title></head>\n<body>\n\
            <h1 class=\"topictitle1\"><a name=\"sdrs_05_0901\"></a>Querying   Failed Tasks</h1>\n\
            <p>Intro\ntext.</p>\n<ul><li>Item one</li>\n<li><p>Item two</p></li></ul>\n\
            <pre class=\"language-json\">{\n  \"a\": 1\n}\n</pre>\n<h2>URI</h2>\n<div>GET /v1/x</div>\n</body></html>";
        let document = parse(page).unwrap();
        assert_eq!(document.title.as_deref(), Some("Querying Failed Tasks"));
        assert_eq!(document.doc_id.as_deref(), Some("sdrs_05_0901"));
        let summary: Vec<(u32, String)> = document
            .blocks
            .iter()
            .map(|block| {
                let text = match &block.kind {
                    BlockKind::Heading { level, text } => format!("h{level} {text}"),
                    BlockKind::Paragraph { text } => format!("p {text}"),
                    BlockKind::Code { language, text } => format!("code {language:?} {text}"),
                    BlockKind::Table(_) => "table".to_string(),
                };
                (block.line, text)
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (4, "h1 Querying Failed Tasks".to_string()),
                (5, "p Intro text.".to_string()),
                (7, "p Item one".to_string()),
                (8, "p Item two".to_string()),
                (9, "code Some(\"json\") {\n  \"a\": 1\n}".to_string()),
                (13, "h2 URI".to_string()),
                (14, "p GET /v1/x".to_string()),
            ]
        );
    }

    #[test]
    fn page_title_is_the_fallback_and_generated_anchors_are_not_ids() {
        let document =
            parse("<html><head><title>My Page</title></head><body><h2><a name=\"section12\"></a>S</h2></body></html>")
                .unwrap();
        assert_eq!(document.title.as_deref(), Some("My Page"));
        assert_eq!(document.doc_id, None);
        assert!(is_topic_id("EN-US_TOPIC_0071888297"));
        assert!(!is_topic_id("section155001521193312"));
        assert!(!is_topic_id("en-us_topic_0112992323_s6412adb7ceef"));
    }

    #[test]
    fn anchor_just_before_the_title_gives_the_doc_id() {
        let page = "<html><body><a name=\"ecs_02_0901\"></a><a name=\"ecs_02_0901\"></a>\n<h1 class=\"topictitle1\">Querying</h1></body></html>";
        assert_eq!(parse(page).unwrap().doc_id.as_deref(), Some("ecs_02_0901"));
    }

    #[test]
    fn exported_topic_page() {
        let page = r##"<a name="EN-US_TOPIC_0022225398"></a><a name="EN-US_TOPIC_0022225398"></a>

<h1 class="topictitle1">Querying Task Execution Status</h1>
<div id="body1"><div class="section"><h4 class="sectiontitle">URI</h4><p>GET /v1/{project_id}/jobs/{job_id}</p>
<div class="p"><a href="#t1">Table 1</a> describes the parameters in the URI.
<div class="tablenoborder"><a name="t1"></a><table cellpadding="4"><caption><b>Table 1 </b>Parameter description</caption><thead align="left"><tr><th><p>Parameter</p>
</th>
<th><p>Description</p>
</th>
</tr>
</thead>
<tbody><tr><td><p>status</p>
</td>
<td><p>Specifies the task status.</p>
<ul><li><strong>SUCCESS</strong>: done.</li><li><strong>FAIL</strong>: failed.</li></ul>
</td>
</tr>
</tbody>
</table>
</div>
</div>
</div>
<div class="section"><h4 class="sectiontitle">Example Response</h4><pre class="screen">{
    "status": "SUCCESS"
}</pre>
</div>
</div>
<div>
<div class="familylinks">
<div class="parentlink"><strong>Parent topic:</strong> <a href="x.html">Task Status</a></div>
</div>
</div>
"##;
        let document = parse(page).unwrap();
        assert_eq!(
            document.title.as_deref(),
            Some("Querying Task Execution Status")
        );
        assert_eq!(document.doc_id.as_deref(), Some("EN-US_TOPIC_0022225398"));
        let summary: Vec<(u32, String)> = document
            .blocks
            .iter()
            .map(|block| {
                let text = match &block.kind {
                    BlockKind::Heading { level, text } => format!("h{level} {text}"),
                    BlockKind::Paragraph { text } => format!("p {text}"),
                    BlockKind::Code { language, text } => format!("code {language:?} {text}"),
                    BlockKind::Table(table) => {
                        format!("table {:?} {:?}", table.caption, table.rows)
                    }
                };
                (block.line, text)
            })
            .collect();
        let expected: Vec<(u32, String)> = vec![
            (3, "h1 Querying Task Execution Status".into()),
            (4, "h4 URI".into()),
            (4, "p GET /v1/{project_id}/jobs/{job_id}".into()),
            (5, "p Table 1 describes the parameters in the URI.".into()),
            (
                6,
                format!(
                    "table Some(\"Table 1 Parameter description\") {:?}",
                    vec![Row {
                        line: 12,
                        cells: vec![
                            "status".to_string(),
                            "Specifies the task status.\nSUCCESS: done.\nFAIL: failed.".to_string()
                        ]
                    }]
                ),
            ),
            (23, "h4 Example Response".into()),
            (23, "code None {\n    \"status\": \"SUCCESS\"\n}".into()),
            (30, "p Parent topic: Task Status".into()),
        ];
        assert_eq!(summary, expected);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}text{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
        assert!(parse_fragment(&html, 1).is_ok());
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_text(text in "\\PC{0,200}") {
            let _ = parse(&text);
            let _ = parse_fragment(&text, 1);
        }

        #[test]
        fn never_panics_on_tag_soup(pieces in proptest::collection::vec(
            prop_oneof![
                Just("<table>"), Just("</table>"), Just("<tr>"), Just("</tr>"), Just("<td rowspan=\"3\">"),
                Just("<th colspan=0>"), Just("</td>"), Just("<thead>"), Just("</thead>"), Just("<p>"),
                Just("<pre>"), Just("</pre>"), Just("<h1><a name=\"x_01_02\">"), Just("</h1>"),
                Just("<!--"), Just("-->"), Just("<script>"), Just("é表"), Just("\n"), Just("<li>"),
                Just("<caption>"), Just("Table 1 x"), Just("&lt;"), Just("<br>"), Just("<a title=\"a>b\">"),
            ],
            0..40,
        )) {
            let text: String = pieces.concat();
            let _ = parse(&text);
            if let Ok(blocks) = parse_fragment(&text, 3) {
                for table in tables(&blocks) {
                    for row in &table.rows {
                        prop_assert_eq!(row.cells.len(), table.header.len());
                    }
                }
            }
        }
    }
}
