//! JSON examples as highlighted pieces: the template wraps each piece in a `<span>` of its
//! class and escapes its text, so highlighting never builds HTML by hand.

/// A piece of pretty-printed JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonPiece {
    /// CSS class: `j-k` key, `j-s` string, `j-n` number, `j-l` literal; empty for punctuation
    /// and whitespace.
    pub class: &'static str,
    /// The text.
    pub text: String,
}

/// A JSON value pretty-printed and cut into classed pieces.
pub fn highlight(value: &serde_json::Value) -> Vec<JsonPiece> {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    pieces(&text)
}

/// Cuts pretty JSON text into pieces; punctuation runs are merged.
fn pieces(text: &str) -> Vec<JsonPiece> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<JsonPiece> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let (class, end) = if c == '"' {
            let end = string_end(&chars, i);
            let is_key = chars[end..]
                .iter()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| *c == ':');
            (if is_key { "j-k" } else { "j-s" }, end)
        } else if c == '-' || c.is_ascii_digit() {
            let end = run_end(&chars, i, |c| {
                c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E')
            });
            ("j-n", end)
        } else if c.is_ascii_alphabetic() {
            ("j-l", run_end(&chars, i, |c| c.is_ascii_alphabetic()))
        } else {
            ("", i + 1)
        };
        let piece: String = chars[i..end].iter().collect();
        match out.last_mut() {
            Some(last) if class.is_empty() && last.class.is_empty() => last.text.push_str(&piece),
            _ => out.push(JsonPiece { class, text: piece }),
        }
        i = end;
    }
    out
}

/// The index just past the closing quote of the string starting at `start`.
fn string_end(chars: &[char], start: usize) -> usize {
    let mut i = start + 1;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    chars.len()
}

fn run_end(chars: &[char], start: usize, keep: impl Fn(char) -> bool) -> usize {
    let mut i = start;
    while i < chars.len() && keep(chars[i]) {
        i += 1;
    }
    i.max(start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_strings_numbers_and_literals_get_classes() {
        let value = serde_json::json!({"a\"b": "x<y", "n": -1.5, "t": [true, null]});
        let pieces = highlight(&value);
        let joined: String = pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, serde_json::to_string_pretty(&value).unwrap());
        let classed: Vec<(&str, &str)> = pieces
            .iter()
            .filter(|p| !p.class.is_empty())
            .map(|p| (p.class, p.text.as_str()))
            .collect();
        assert_eq!(
            classed,
            [
                ("j-k", "\"a\\\"b\""),
                ("j-s", "\"x<y\""),
                ("j-k", "\"n\""),
                ("j-n", "-1.5"),
                ("j-k", "\"t\""),
                ("j-l", "true"),
                ("j-l", "null"),
            ]
        );
    }

    #[test]
    fn unterminated_text_does_not_panic() {
        assert_eq!(pieces("\"abc").len(), 1);
        assert_eq!(pieces("\"a\\").len(), 1);
    }
}
