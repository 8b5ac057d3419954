//! Where each member of a JSON example is written: `check` points its findings at the line of
//! the offending key, not at the first line of the example.
//!
//! serde_json keeps no positions, so this is a small scanner over the example's text: strings
//! (with escapes), objects and arrays, counting lines. Paths are written as `check` walks the
//! value: object keys joined by `.`, `[]` for "any item of an array" (`tasks[].operate_type`).
//! The first occurrence of a path wins (array items repeat their keys); `item_lines` gives
//! the members of later items by numbered path (`tasks[2].operate_type`), in the same scan
//! ([`example_lines`]).

use std::collections::BTreeMap;

use crate::kb::{item_path, member_path, numbered_item_path};

/// An open container while scanning, with its path as `check` writes it (`tasks[]`) and
/// numbered (`tasks[2]`).
enum Frame {
    /// An object: its paths, and the key just read (until its value is done).
    Object {
        path: String,
        numbered: String,
        key: Option<String>,
    },
    /// An array: its items' path (`tasks[]`), its own numbered path and the current item.
    Array {
        path: String,
        numbered: String,
        index: usize,
    },
}

/// Where each member is: (path with `[]`, numbered path, line), in document order. Text
/// that is not JSON gives whatever keys were read before it went wrong; it never panics.
fn members(json: &str, first_line: u32) -> Vec<(String, String, u32)> {
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut line = first_line;
    let mut chars = json.chars();
    while let Some(c) = chars.next() {
        match c {
            '\n' => line = line.saturating_add(1),
            '"' => {
                let (text, newlines) = read_string(&mut chars);
                line = line.saturating_add(newlines);
                if let Some(Frame::Object {
                    path,
                    numbered,
                    key,
                }) = stack.last_mut()
                    && key.is_none()
                {
                    out.push((member_path(path, &text), member_path(numbered, &text), line));
                    *key = Some(text);
                }
            }
            '{' | '[' => {
                let (path, numbered) = value_paths(&stack);
                stack.push(if c == '{' {
                    Frame::Object {
                        path,
                        numbered,
                        key: None,
                    }
                } else {
                    Frame::Array {
                        path: item_path(&path),
                        numbered,
                        index: 0,
                    }
                });
            }
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Object { key, .. }) => *key = None,
                Some(Frame::Array { index, .. }) => *index += 1,
                None => {}
            },
            _ => {}
        }
    }
    out
}

/// Where the members of an example are written (see the module doc).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExampleLines {
    /// The line of every member path, its first occurrence (`tasks[].id`).
    pub member_lines: BTreeMap<String, u32>,
    /// The line of every member of an array item after the first, by numbered path
    /// (`tasks[2].operate_type`): what `member_lines` leaves out.
    pub item_lines: BTreeMap<String, u32>,
}

/// Where each member of `json` is written, its first line being `first_line`: one scan.
pub fn example_lines(json: &str, first_line: u32) -> ExampleLines {
    let mut lines = ExampleLines::default();
    for (path, numbered, line) in members(json, first_line) {
        let later_item = numbered
            .split('[')
            .skip(1)
            .any(|part| !part.starts_with("0]"));
        if later_item {
            lines.item_lines.insert(numbered, line);
        }
        lines.member_lines.entry(path).or_insert(line);
    }
    lines
}

/// The paths of a value about to start at the top of `stack`.
fn value_paths(stack: &[Frame]) -> (String, String) {
    match stack.last() {
        None => (String::new(), String::new()),
        Some(Frame::Array {
            path,
            numbered,
            index,
        }) => (path.clone(), numbered_item_path(numbered, *index)),
        Some(Frame::Object {
            path,
            numbered,
            key,
        }) => {
            let key = key.as_deref().unwrap_or_default();
            (member_path(path, key), member_path(numbered, key))
        }
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
        let lines = example_lines(json, 10).member_lines;
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
        let lines = example_lines(json, 1).member_lines;
        assert_eq!(lines["a"], 1);
        assert_eq!(lines["b"], 1);
        assert_eq!(lines["c"], 3);
        assert_eq!(lines["c[][].d"], 3);
        assert!(!lines.contains_key("x"));
    }

    #[test]
    fn later_array_items_by_their_numbers() {
        let json = "{\"disks\": [\n  {\"state\": \"A\"},\n  {\"state\": \"B\",\n   \"tags\": [{\"k\": 1}, {\"k\": 2}]}\n]}";
        let items = example_lines(json, 10).item_lines;
        assert_eq!(items["disks[1].state"], 12);
        assert_eq!(items["disks[1].tags[1].k"], 13);
        assert!(
            !items.contains_key("disks[0].state"),
            "first items are in member_lines"
        );
        assert_eq!(example_lines(json, 10).member_lines["disks[].state"], 11);
        assert_eq!(items.len(), 4, "{items:?}");
    }

    #[test]
    fn broken_json_gives_what_was_read() {
        let lines = example_lines("{\"a\": {\"b\": [1, \"", 5).member_lines;
        assert_eq!(lines["a"], 5);
        assert_eq!(lines["a.b"], 5);
        assert_eq!(example_lines("]]}}\"", 1), ExampleLines::default());
    }
}
