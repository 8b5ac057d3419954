//! HTML parser: whole pages ([`parse`]) and inline fragments ([`parse_fragment`], used by the
//! Markdown parser for `<table>` regions).
//!
//! Steps:
//! 1. Scan the raw source for tags (`scan_tags`): comments, `<!...>` and the content of
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
//!    (`attach_captions`, shared with the Markdown parser).
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

mod collect;
mod dom;
mod scan;
#[cfg(test)]
mod tests;

use collect::*;
use dom::*;
pub(crate) use dom::{attach_captions, is_topic_id};
use scan::*;
pub(crate) use scan::{TableRegion, scan_tags_with, table_regions};

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
    let (flattened, tags) = flatten_deep_nesting(text, tags);
    let html = Html::parse_document(flattened.as_deref().unwrap_or(text));
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
    let (flattened, tags) = flatten_deep_nesting(html, tags);
    let dom = Html::parse_fragment(flattened.as_deref().unwrap_or(html));
    Ok(walk_dom(&dom, &tags).blocks)
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
