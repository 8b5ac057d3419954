//! Where each member of a JSON example is written: `check` points its findings at the line of
//! the offending key, not at the first line of the example.
//!
//! serde_json keeps no positions, so this is a small scanner over the example's text: strings
//! (with escapes), objects and arrays, counting lines. Paths are written as `check` walks the
//! value: object keys joined by `.`, `[]` for "any item of an array" (`tasks[].operate_type`).
//! The first occurrence of a path wins (array items repeat their keys).

use std::collections::BTreeMap;

use crate::kb::{item_path, member_path};

/// An open container while scanning.
enum Frame {
    /// An object: its path, and the key just read (until its value is done).
    Object { path: String, key: Option<String> },
    /// An array: its items' path (`tasks[]`).
    Array { path: String },
}

/// The line of every member path in `json`, whose first line is `first_line`. Text that is not
/// JSON gives whatever keys were read before it went wrong; it never panics.
pub fn member_lines(json: &str, first_line: u32) -> BTreeMap<String, u32> {
    let mut lines = BTreeMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut line = first_line;
    let mut chars = json.chars();
    while let Some(c) = chars.next() {
        match c {
            '\n' => line = line.saturating_add(1),
            '"' => {
                let (text, newlines) = read_string(&mut chars);
                line = line.saturating_add(newlines);
                if let Some(Frame::Object { path, key }) = stack.last_mut()
                    && key.is_none()
                {
                    let member = member_path(path, &text);
                    lines.entry(member).or_insert(line);
                    *key = Some(text);
                }
            }
            '{' | '[' => {
                let path = value_path(&stack);
                stack.push(if c == '{' {
                    Frame::Object { path, key: None }
                } else {
                    Frame::Array {
                        path: item_path(&path),
                    }
                });
            }
            '}' | ']' => {
                stack.pop();
            }
            ',' => {
                if let Some(Frame::Object { key, .. }) = stack.last_mut() {
                    *key = None;
                }
            }
            _ => {}
        }
    }
    lines
}

/// The path of a value about to start at the top of `stack`.
fn value_path(stack: &[Frame]) -> String {
    match stack.last() {
        None => String::new(),
        Some(Frame::Array { path }) => path.clone(),
        Some(Frame::Object { path, key }) => member_path(path, key.as_deref().unwrap_or_default()),
    }
}

/// Reads a string whose opening quote was consumed: its text (escapes kept as written, which
/// is enough for keys) and the newlines inside it.
fn read_string(chars: &mut std::str::Chars<'_>) -> (String, u32) {
    let mut text = String::new();
    let mut newlines = 0u32;
    while let Some(c) = chars.next() {
        match c {
            '"' => break,
            '\\' => {
                if let Some(escaped) = chars.next() {
                    text.push(escaped);
                }
            }
            '\n' => {
                newlines = newlines.saturating_add(1);
                text.push(c);
            }
            _ => text.push(c),
        }
    }
    (text, newlines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_nested_objects_and_array_items() {
        let json = "{\n  \"count\": 1,\n  \"tasks\": [\n    {\n      \"id\": \"a\",\n      \"operate_type\": \"FAIL\"\n    },\n    {\n      \"id\": \"b\"\n    }\n  ],\n  \"meta\": {\"next\": null}\n}";
        let lines = member_lines(json, 10);
        assert_eq!(lines["count"], 11);
        assert_eq!(lines["tasks"], 12);
        assert_eq!(lines["tasks[].id"], 14, "first item wins");
        assert_eq!(lines["tasks[].operate_type"], 15);
        assert_eq!(lines["meta"], 21);
        assert_eq!(lines["meta.next"], 21);
        assert_eq!(lines.len(), 6);
    }

    #[test]
    fn strings_with_quotes_braces_and_newlines_are_values() {
        let json = "{\"a\": \"x\\\"{[,\\n\", \"b\": \"two\nlines\",\n\"c\": [[{\"d\": 1}]]}";
        let lines = member_lines(json, 1);
        assert_eq!(lines["a"], 1);
        assert_eq!(lines["b"], 1);
        assert_eq!(lines["c"], 3);
        assert_eq!(lines["c[][].d"], 3);
        assert!(!lines.contains_key("x"));
    }

    #[test]
    fn broken_json_gives_what_was_read() {
        let lines = member_lines("{\"a\": {\"b\": [1, \"", 5);
        assert_eq!(lines["a"], 5);
        assert_eq!(lines["a.b"], 5);
        assert!(member_lines("]]}}\"", 1).is_empty());
    }
}
