//! Step 1: the text as chunks: one per non-blank line with its number; a line opening a JSON
//! value swallows the lines until its brackets balance.

use super::*;

// ---------------------------------------------------------------------------------------------
// Step 1: chunks

/// One unit of the source: a non-blank line, or a whole JSON example.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Chunk {
    /// 1-based line where the chunk starts.
    pub(super) line: u32,
    /// Whitespace-folded line text, or the original JSON text.
    pub(super) text: String,
    /// True for a JSON example.
    pub(super) json: bool,
}

impl Chunk {
    /// The line text when this chunk is a plain line.
    pub(super) fn line_text(&self) -> Option<&str> {
        (!self.json).then_some(self.text.as_str())
    }
}

/// Splits the text into line chunks and JSON chunks.
pub(super) fn split_chunks(text: &str) -> Vec<Chunk> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let mut chunks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let folded = fold_whitespace(lines[i]);
        if folded.is_empty() {
            i += 1;
            continue;
        }
        let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if let Some(end) = json_end(&lines, i) {
            chunks.push(Chunk {
                line,
                text: lines[i..=end].join("\n").trim_end().to_string(),
                json: true,
            });
            i = end + 1;
            continue;
        }
        chunks.push(Chunk {
            line,
            text: folded,
            json: false,
        });
        i += 1;
    }
    chunks
}

/// If `lines[start]` opens a JSON value, the index of the line where its brackets balance.
pub(super) fn json_end(lines: &[&str], start: usize) -> Option<usize> {
    if !opens_json(lines[start]) {
        return None;
    }
    let mut scan = BracketScan::default();
    for (index, line) in lines.iter().enumerate().skip(start) {
        scan.feed(line);
        if scan.broken {
            return None;
        }
        if scan.depth == 0 {
            return Some(index);
        }
    }
    None
}

/// True for a line that starts a JSON object or array (`{`, `[ {`, `["a"`), not a bracketed
/// word such as `[Optional] text` or a placeholder such as `{name} not found`.
pub(super) fn opens_json(line: &str) -> bool {
    let trimmed = line.trim_start();
    let mut chars = trimmed.chars();
    if !matches!(chars.next(), Some('{' | '[')) {
        return false;
    }
    match chars.as_str().trim_start().chars().next() {
        None => true,
        Some(c) => matches!(c, '"' | '{' | '[' | ']' | '}' | '-') || c.is_ascii_digit(),
    }
}

/// Bracket depth of JSON text fed line by line, ignoring brackets inside strings.
#[derive(Debug, Default)]
pub(super) struct BracketScan {
    pub(super) depth: usize,
    pub(super) in_string: bool,
    pub(super) escaped: bool,
    pub(super) broken: bool,
}

impl BracketScan {
    /// Scans one more line.
    pub(super) fn feed(&mut self, line: &str) {
        for c in line.chars() {
            if self.in_string {
                match c {
                    _ if self.escaped => self.escaped = false,
                    '\\' => self.escaped = true,
                    '"' => self.in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => self.in_string = true,
                '{' | '[' => self.depth += 1,
                '}' | ']' => match self.depth.checked_sub(1) {
                    Some(depth) => self.depth = depth,
                    None => self.broken = true,
                },
                _ => {}
            }
            if self.depth == 0 {
                // Text after the closing bracket on the same line is tolerated.
                return;
            }
        }
        // A JSON string never spans lines.
        self.in_string = false;
        self.escaped = false;
    }
}
