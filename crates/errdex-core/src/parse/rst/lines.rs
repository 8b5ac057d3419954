//! Lines and their shapes: numbered, tab-expanded source lines, indentation and dedenting,
//! and what a line looks like (adornment, bullet, enumerator, field marker, table border).

use crate::shapes::is_wide;

// ---------------------------------------------------------------------------------------------
// Lines
// ---------------------------------------------------------------------------------------------

/// One source line: its 1-based number and its text, dedented to the enclosing block.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    pub(super) number: u32,
    pub(super) text: &'a str,
}

pub(super) fn line_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// The text's lines, BOM removed, tabs expanded and trailing whitespace trimmed.
pub(super) fn source_lines(text: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines()
        .map(|line| expand_tabs(line).trim_end().to_string())
        .collect()
}

/// Expands tabs to 8-column stops, as docutils does.
pub(super) fn expand_tabs(line: &str) -> String {
    if !line.contains('\t') {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut column = 0usize;
    for c in line.chars() {
        if c == '\t' {
            let next = (column / 8 + 1) * 8;
            out.extend(std::iter::repeat_n(' ', next - column));
            column = next;
        } else {
            out.push(c);
            column += 1;
        }
    }
    out
}

pub(super) fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// Number of leading ASCII spaces (tabs are already expanded).
pub(super) fn indent_of(text: &str) -> usize {
    text.len() - text.trim_start_matches(' ').len()
}

/// The lines with their common indentation removed (blank lines become empty).
pub(super) fn dedented<'a>(lines: &[Line<'a>]) -> Vec<Line<'a>> {
    let common = lines
        .iter()
        .filter(|line| !is_blank(line.text))
        .map(|line| indent_of(line.text))
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|line| Line {
            number: line.number,
            // Safe to slice: every non-blank line starts with at least `common` ASCII spaces.
            text: if is_blank(line.text) {
                ""
            } else {
                line.text.get(common..).unwrap_or("")
            },
        })
        .collect()
}

/// The block of lines from `start` that are blank or indented more than `base`, without
/// trailing blank lines, dedented; and the index of the first line after it.
pub(super) fn indented_block<'a>(
    lines: &[Line<'a>],
    start: usize,
    base: usize,
) -> (Vec<Line<'a>>, usize) {
    let mut end = start;
    while end < lines.len() && (is_blank(lines[end].text) || indent_of(lines[end].text) > base) {
        end += 1;
    }
    let mut last = end;
    while last > start && is_blank(lines[last - 1].text) {
        last -= 1;
    }
    (dedented(&lines[start..last]), end)
}

/// The content of a list item (or field) whose first line's text starts at byte `content_start`:
/// that text plus the following indented lines, dedented; and the index after the item.
pub(super) fn item_block<'a>(
    lines: &[Line<'a>],
    index: usize,
    content_start: usize,
) -> (Vec<Line<'a>>, usize) {
    let first = lines[index];
    let (rest, next) = indented_block(lines, index + 1, 0);
    let mut content = Vec::with_capacity(rest.len() + 1);
    content.push(Line {
        number: first.number,
        text: first.text.get(content_start..).unwrap_or("").trim(),
    });
    content.extend(rest);
    (content, next)
}

// ---------------------------------------------------------------------------------------------
// Line classification
// ---------------------------------------------------------------------------------------------

/// Characters that may adorn a section title.
pub(super) const ADORNMENT: &str = "=-~^\"'`#*+";

/// The adornment character and length of a line such as `=====`, if it is one.
pub(super) fn adornment(text: &str) -> Option<(char, usize)> {
    if indent_of(text) > 0 {
        return None;
    }
    let text = text.trim_end();
    let first = text.chars().next()?;
    if !ADORNMENT.contains(first) || !text.chars().all(|c| c == first) {
        return None;
    }
    let length = text.chars().count();
    (length >= 2).then_some((first, length))
}

/// The adornment character when `under` underlines `title` as a section title.
pub(super) fn underline_for(title: &str, under: &str) -> Option<char> {
    if is_blank(title) || indent_of(title) > 0 || adornment(title).is_some() {
        return None;
    }
    let (c, length) = adornment(under)?;
    let width = column_width(title.trim());
    (length >= width || length >= 4).then_some(c)
}

/// Where a bullet item's text starts (byte offset), if the line is one: `-`, `*`, `+`, `•`.
pub(super) fn bullet_content_start(text: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    let (_, marker) = chars.next()?;
    if !"-*+•‣⁃".contains(marker) {
        return None;
    }
    match chars.next() {
        None => Some(text.len()),
        Some((at, ' ')) => Some(at + 1),
        Some(_) => None,
    }
}

/// Where an enumerated item's text starts (byte offset): `1.`, `#.`, `a)`, `(iv)`.
pub(super) fn enumerator_content_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let opened = bytes.first() == Some(&b'(');
    let start = usize::from(opened);
    let mut end = start;
    while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'#') {
        end += 1;
    }
    if !is_enumerator(text.get(start..end)?) {
        return None;
    }
    let closer = *bytes.get(end)?;
    let closes = if opened {
        closer == b')'
    } else {
        closer == b'.' || closer == b')'
    };
    if !closes {
        return None;
    }
    match bytes.get(end + 1) {
        None => Some(end + 1),
        Some(b' ') => Some(end + 2),
        Some(_) => None,
    }
}

pub(super) fn is_enumerator(token: &str) -> bool {
    let is_roman = |t: &str| {
        t.len() <= 6
            && (t.chars().all(|c| "ivxlcdm".contains(c))
                || t.chars().all(|c| "IVXLCDM".contains(c)))
    };
    token == "#"
        || (!token.is_empty() && token.len() <= 9 && token.bytes().all(|b| b.is_ascii_digit()))
        || (token.len() == 1 && token.bytes().all(|b| b.is_ascii_alphabetic()))
        || (!token.is_empty() && is_roman(token))
}

/// Where a field list item's body starts and its name: `:name: body`.
pub(super) fn field_marker(text: &str) -> Option<(&str, usize)> {
    let rest = text.strip_prefix(':')?;
    let close = rest.find(':')?;
    let name = &rest[..close];
    if name.is_empty() || name.starts_with(' ') || name.ends_with(' ') || name.contains('`') {
        return None;
    }
    let after = &rest[close + 1..];
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    Some((name, text.len() - after.len()))
}

/// A directive option line: `:header-rows: 1`.
pub(super) fn option_line(text: &str) -> Option<(String, String)> {
    let (name, start) = field_marker(text)?;
    if name.contains(' ') {
        return None;
    }
    Some((
        name.to_ascii_lowercase(),
        text.get(start..).unwrap_or("").trim().to_string(),
    ))
}

pub(super) fn is_explicit_markup(text: &str) -> bool {
    text == ".." || text.starts_with(".. ")
}

/// A grid table border such as `+----+----+` or `+====+`.
pub(super) fn is_grid_border(text: &str) -> bool {
    let text = text.trim_end();
    text.len() >= 3
        && (text.starts_with("+-") || text.starts_with("+="))
        && text.ends_with('+')
        && text.chars().all(|c| matches!(c, '+' | '-' | '='))
}

/// A simple table's top border: at least two runs of `=` separated by spaces.
pub(super) fn is_simple_table_top(text: &str) -> bool {
    is_simple_border(text) && text.trim_end().contains(' ')
}

/// A simple table border line: `=` runs and spaces, starting at the margin.
pub(super) fn is_simple_border(text: &str) -> bool {
    let text = text.trim_end();
    text.starts_with('=') && text.chars().all(|c| c == '=' || c == ' ')
}

pub(super) fn starts_table(text: &str) -> bool {
    is_grid_border(text) || is_simple_table_top(text)
}

/// The width of a title or table line as docutils counts it: two columns for a wide
/// character ([`is_wide`]), one for every other character.
pub(super) fn column_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}
