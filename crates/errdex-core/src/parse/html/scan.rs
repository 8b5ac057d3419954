//! Step 1: the tags of the raw source with their lines; unclosed tables and stray rows are
//! reported; the `<table>` regions of a Markdown page.

use super::*;

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
pub(super) struct LineCounter<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) counted_to: usize,
    pub(super) line: u32,
}

impl<'a> LineCounter<'a> {
    pub(super) fn new(bytes: &'a [u8], first_line: u32) -> Self {
        LineCounter {
            bytes,
            counted_to: 0,
            line: first_line,
        }
    }

    /// The line of byte `offset`.
    pub(super) fn line_at(&mut self, offset: usize) -> u32 {
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

pub(super) fn find_byte(bytes: &[u8], wanted: u8, from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|b| *b == wanted)
        .map(|n| from + n)
}

pub(super) fn find_bytes(bytes: &[u8], wanted: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(wanted.len())
        .position(|window| window == wanted)
        .map(|n| from + n)
}

pub(super) fn find_ascii_case_insensitive(
    bytes: &[u8],
    wanted: &[u8],
    from: usize,
) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(wanted.len())
        .position(|window| window.eq_ignore_ascii_case(wanted))
        .map(|n| from + n)
}

/// Offset just past the `>` ending a tag whose attributes start at `from`; a `>` inside a
/// quoted attribute value (`title="a>b"`) does not count.
pub(super) fn find_tag_end(bytes: &[u8], from: usize) -> usize {
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
pub(super) fn check_structure(tags: &[SourceTag]) -> Result<(), Vec<ParseProblem>> {
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

/// How deep generic containers (`div`, `span`, …) may nest before the extra levels are
/// flattened. Real pages stay far below; html5ever's tree builder walks its stack of open
/// elements for every tag, so parse time grows with the square of the depth.
pub(super) const MAX_CONTAINER_DEPTH: usize = 256;

/// Generic containers: they carry no meaning for extraction and their end tags are required,
/// so their depth can be counted from the tags alone.
const CONTAINERS: &[&str] = &[
    "article",
    "aside",
    "blockquote",
    "div",
    "font",
    "main",
    "nav",
    "section",
    "span",
];

/// Flattens container nesting deeper than [`MAX_CONTAINER_DEPTH`]: the start and end tags of
/// the deeper containers are blanked (replaced by spaces, newlines kept, so every offset and
/// line stays where it was) and dropped from the tag list, so html5ever never sees the depth
/// and the k-th element of a name in the DOM is still the k-th of the list. `None` when
/// nothing is that deep (nearly always).
pub(super) fn flatten_deep_nesting<'a>(
    text: &str,
    tags: Vec<SourceTag<'a>>,
) -> (Option<String>, Vec<SourceTag<'a>>) {
    // Open containers: (name, blanked).
    let mut open: Vec<(&str, bool)> = Vec::new();
    let mut blanked: Vec<bool> = vec![false; tags.len()];
    let mut any = false;
    for (index, tag) in tags.iter().enumerate() {
        let name = tag.name.as_ref();
        if !CONTAINERS.contains(&name) {
            continue;
        }
        if !tag.is_end {
            let deep = open.len() >= MAX_CONTAINER_DEPTH;
            open.push((name, deep));
            blanked[index] = deep;
            any |= deep;
        } else if let Some(at) = open.iter().rposition(|(open_name, _)| *open_name == name) {
            blanked[index] = open[at].1;
            open.truncate(at);
        }
    }
    if !any {
        return (None, tags);
    }
    let mut bytes = text.as_bytes().to_vec();
    for (tag, _) in tags.iter().zip(&blanked).filter(|(_, blank)| **blank) {
        for byte in &mut bytes[tag.start..tag.end.min(text.len())] {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
    }
    let kept = tags
        .into_iter()
        .zip(blanked)
        .filter_map(|(tag, blank)| (!blank).then_some(tag))
        .collect();
    // Only whole tags (ASCII `<…>` runs) became spaces, so the text is still UTF-8.
    (Some(String::from_utf8(bytes).unwrap_or_default()), kept)
}
