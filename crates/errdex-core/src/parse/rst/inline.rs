//! Substitution definitions and inline markup: emphasis, literals, roles, references,
//! substitutions and escapes removed from every text.

use super::*;
use crate::shapes::is_wide;

// ---------------------------------------------------------------------------------------------
// Substitutions and inline markup
// ---------------------------------------------------------------------------------------------

/// Collects `.. |name| directive:: data` definitions: `replace` gives its text, a raw `<br>` a
/// line break, `unicode` its characters; images and anything else give nothing.
pub(super) fn collect_substitutions(lines: &[Line<'_>]) -> HashMap<String, String> {
    let mut found = HashMap::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(rest) = line.text.trim_start().strip_prefix(".. |") else {
            continue;
        };
        let Some((name, definition)) = rest.split_once('|') else {
            continue;
        };
        let Some((directive, data)) = definition.trim().split_once("::") else {
            continue;
        };
        let (body, _) = indented_block(lines, index + 1, indent_of(line.text));
        let mut text = data.trim().to_string();
        for more in body.iter().filter(|l| !is_blank(l.text)) {
            text.push(' ');
            text.push_str(more.text.trim());
        }
        let value = match directive.trim() {
            "replace" => strip_inline(&text, &HashMap::new()),
            "raw" if text.to_ascii_lowercase().contains("<br") => "\n".to_string(),
            "raw" => strip_tags(&text),
            "unicode" => decode_unicode(&text),
            _ => String::new(),
        };
        found.insert(name.to_string(), value);
    }
    found
}

/// `0xA9 U+2014 &#x2014; text` -> the characters they name (other words kept).
pub(super) fn decode_unicode(text: &str) -> String {
    text.split_whitespace()
        .map(|word| {
            let hex = word
                .strip_prefix("0x")
                .or_else(|| word.strip_prefix("U+"))
                .or_else(|| word.strip_prefix("u+"))
                .or_else(|| word.strip_prefix("&#x").and_then(|w| w.strip_suffix(';')));
            hex.and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32)
                .map_or_else(|| word.to_string(), String::from)
        })
        .collect()
}

/// Longest inline markup looked for: bounds the search for a closing mark, so a line full of
/// unmatched `*` stays linear.
pub(super) const MAX_MARKUP_CHARS: usize = 4000;

/// Roles whose text is shown as written (never read as `Title <target>`).
pub(super) fn is_literal_role(role: &str) -> bool {
    matches!(role, "literal" | "code" | "samp" | "kbd" | "math" | "file")
}

/// May inline markup start after `prev`? (start of text, whitespace, opening punctuation, or a
/// CJK character, since Chinese text puts markup right next to words.)
pub(super) fn start_ok(prev: Option<char>) -> bool {
    prev.is_none_or(|c| c.is_whitespace() || "-:/'\"<([{‘“«（【「、，。".contains(c) || is_wide(c))
}

/// May inline markup end before `next`?
pub(super) fn end_ok(next: Option<char>) -> bool {
    next.is_none_or(|c| {
        c.is_whitespace() || "-.,:;!?\\/'\")]}>’”»）】」，。：；！？、".contains(c) || is_wide(c)
    })
}

/// Is the opening `prev` immediately closed by `next` (`(*)`, `'*'`)? Then it is not markup.
pub(super) fn quoted(prev: Option<char>, next: Option<char>) -> bool {
    matches!(
        (prev, next),
        (Some('('), Some(')'))
            | (Some('['), Some(']'))
            | (Some('{'), Some('}'))
            | (Some('<'), Some('>'))
            | (Some('\''), Some('\''))
            | (Some('"'), Some('"'))
    )
}

/// Removes backslash escapes: `\x` -> `x`, backslash-whitespace -> nothing.
pub(super) fn unescape(chars: &[char]) -> String {
    let mut out = String::with_capacity(chars.len());
    let mut index = 0;
    while index < chars.len() {
        match (chars[index], chars.get(index + 1)) {
            ('\\', Some(next)) => {
                if !next.is_whitespace() {
                    out.push(*next);
                }
                index += 2;
            }
            ('\\', None) => index += 1,
            (c, _) => {
                out.push(c);
                index += 1;
            }
        }
    }
    out
}

/// Finds the end of inline markup opened before `from`: the index of a `closer` that follows a
/// non-space character and is followed by an allowed end (after an optional `_`/`__` suffix when
/// `suffix` is set). Escaped characters are skipped.
pub(super) fn find_close(
    chars: &[char],
    from: usize,
    closer: &[char],
    suffix: bool,
) -> Option<usize> {
    let mut index = from;
    let limit = chars.len().min(from.saturating_add(MAX_MARKUP_CHARS));
    while index < limit {
        if chars[index] == '\\' {
            index += 2;
            continue;
        }
        if index > from && chars[index..].starts_with(closer) && !chars[index - 1].is_whitespace() {
            let mut after = index + closer.len();
            if suffix {
                while after < chars.len() && after < index + closer.len() + 2 && chars[after] == '_'
                {
                    after += 1;
                }
            }
            if end_ok(chars.get(after).copied()) || (suffix && chars.get(after) == Some(&':')) {
                return Some(index);
            }
        }
        index += 1;
    }
    None
}

/// The shown text of interpreted text or a reference: `Title <target>` -> `Title`.
pub(super) fn shown_text(content: &str) -> String {
    let content = content.trim();
    if let Some(open) = content.rfind('<')
        && content.ends_with('>')
    {
        let title = content[..open].trim();
        if !title.is_empty() {
            return title.to_string();
        }
        return content[open + 1..content.len() - 1].to_string();
    }
    content.trim_start_matches(['~', '!']).to_string()
}

/// Removes RST inline markup, keeping what a reader sees: `**strong**`, `*em*` and
/// ` ``literal`` ` lose their marks; ``:role:`Title <target>` `` and `` `Title <url>`_ `` give
/// `Title`; `|name|` is replaced by its substitution (`|br|` by `'\n'`); `\x` gives `x` and an
/// escaped space disappears; a reference name's trailing `_` is dropped.
pub(super) fn strip_inline(text: &str, substitutions: &HashMap<String, String>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        let prev = index.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(index + 1).copied();
        match c {
            '\\' => {
                if let Some(escaped) = next
                    && !escaped.is_whitespace()
                {
                    out.push(escaped);
                }
                index += 2;
            }
            '`' if next == Some('`') => {
                let after = chars.get(index + 2).copied();
                let close = (start_ok(prev) && after.is_some_and(|a| !a.is_whitespace()))
                    .then(|| find_literal_close(&chars, index + 2))
                    .flatten();
                if let Some(close) = close {
                    out.extend(&chars[index + 2..close]);
                    index = close + 2;
                } else {
                    out.push_str("``");
                    index += 2;
                }
            }
            '`' => index = interpreted(&chars, index, None, &mut out),
            ':' if start_ok(prev) => match role_prefix(&chars, index) {
                Some((role, tick)) => index = interpreted(&chars, tick, Some(&role), &mut out),
                None => {
                    out.push(c);
                    index += 1;
                }
            },
            '*' => index = emphasis(&chars, index, &mut out),
            '|' => index = substitution(&chars, index, substitutions, &mut out),
            '_' if prev.is_some_and(char::is_alphanumeric) => {
                let underscores = if next == Some('_') { 2 } else { 1 };
                if end_ok(chars.get(index + underscores).copied()) {
                    index += underscores;
                } else {
                    out.push(c);
                    index += 1;
                }
            }
            _ => {
                out.push(c);
                index += 1;
            }
        }
    }
    out
}

pub(super) fn find_literal_close(chars: &[char], from: usize) -> Option<usize> {
    let limit = chars
        .len()
        .saturating_sub(1)
        .min(from.saturating_add(MAX_MARKUP_CHARS));
    (from + 1..limit).find(|&at| {
        chars[at] == '`'
            && chars[at + 1] == '`'
            && !chars[at - 1].is_whitespace()
            && end_ok(chars.get(at + 2).copied())
    })
}

/// `:role:` right before a backtick at `index`: the role name and the backtick's index.
pub(super) fn role_prefix(chars: &[char], index: usize) -> Option<(String, usize)> {
    let mut end = index + 1;
    while end < chars.len()
        && (chars[end].is_ascii_alphanumeric() || matches!(chars[end], '-' | '_' | '.' | '+' | ':'))
    {
        if chars[end] == ':' && chars.get(end + 1) == Some(&'`') {
            break;
        }
        end += 1;
    }
    let ok = end > index + 1 && chars.get(end) == Some(&':') && chars.get(end + 1) == Some(&'`');
    ok.then(|| {
        let role: String = chars[index + 1..end].iter().collect();
        (role, end + 1)
    })
}

/// Interpreted text or a reference whose opening backtick is at `tick`; pushes the shown text
/// and returns the index after the markup (or after the backtick when it is not markup).
pub(super) fn interpreted(
    chars: &[char],
    tick: usize,
    role: Option<&str>,
    out: &mut String,
) -> usize {
    let prev = tick.checked_sub(1).map(|p| chars[p]);
    let next = chars.get(tick + 1).copied();
    let opens = role.is_some() || (start_ok(prev) && !quoted(prev, next));
    let close = (opens && next.is_some_and(|n| !n.is_whitespace()))
        .then(|| find_close(chars, tick + 1, &['`'], true))
        .flatten();
    let Some(close) = close else {
        if let Some(role) = role {
            out.push(':');
            out.push_str(role);
            out.push(':');
        }
        out.push('`');
        return tick + 1;
    };
    let content = unescape(&chars[tick + 1..close]);
    let mut after = close + 1;
    let mut role = role.map(str::to_string);
    while after < chars.len() && after < close + 3 && chars[after] == '_' {
        after += 1;
    }
    if role.is_none()
        && after == close + 1
        && let Some((suffix, end)) = role_prefix(chars, after).or_else(|| role_suffix(chars, after))
    {
        role = Some(suffix);
        after = end;
    }
    if role.as_deref().is_some_and(is_literal_role) {
        out.push_str(&content);
    } else {
        out.push_str(&shown_text(&content));
    }
    after
}

/// A `:role:` suffix after interpreted text (`` `text`:role: ``): the role and the index after.
pub(super) fn role_suffix(chars: &[char], index: usize) -> Option<(String, usize)> {
    if chars.get(index) != Some(&':') {
        return None;
    }
    let end = (index + 1..chars.len())
        .find(|&at| !(chars[at].is_ascii_alphanumeric() || chars[at] == '-'))?;
    (end > index + 1 && chars[end] == ':')
        .then(|| (chars[index + 1..end].iter().collect(), end + 1))
}

/// `**strong**` or `*emphasis*` at `index`: pushes the content, or the star when it is not
/// markup. Returns the next index.
pub(super) fn emphasis(chars: &[char], index: usize, out: &mut String) -> usize {
    let prev = index.checked_sub(1).map(|p| chars[p]);
    let width = if chars.get(index + 1) == Some(&'*') {
        2
    } else {
        1
    };
    let next = chars.get(index + width).copied();
    let opens = start_ok(prev) && next.is_some_and(|n| !n.is_whitespace()) && !quoted(prev, next);
    let closer: &[char] = if width == 2 { &['*', '*'] } else { &['*'] };
    let close = opens
        .then(|| find_close(chars, index + width, closer, false))
        .flatten();
    match close {
        Some(close) => {
            out.push_str(&unescape(&chars[index + width..close]));
            close + width
        }
        None => {
            out.extend(&chars[index..index + width]);
            index + width
        }
    }
}

/// `|name|` at `index`: pushes the substitution (`br` defaults to a line break, an unknown name
/// to nothing). Returns the next index.
pub(super) fn substitution(
    chars: &[char],
    index: usize,
    substitutions: &HashMap<String, String>,
    out: &mut String,
) -> usize {
    let prev = index.checked_sub(1).map(|p| chars[p]);
    let next = chars.get(index + 1).copied();
    let opens = start_ok(prev) && next.is_some_and(|n| !n.is_whitespace() && n != '|');
    let close = opens
        .then(|| find_close(chars, index + 1, &['|'], true))
        .flatten();
    let Some(close) = close else {
        out.push('|');
        return index + 1;
    };
    let name: String = chars[index + 1..close].iter().collect();
    let value = substitutions
        .get(&name)
        .or_else(|| {
            substitutions
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(&name))
                .map(|(_, value)| value)
        })
        .cloned()
        .unwrap_or_else(|| {
            if name.eq_ignore_ascii_case("br") {
                "\n".to_string()
            } else {
                String::new()
            }
        });
    out.push_str(&value);
    let mut after = close + 1;
    while after < chars.len() && after < close + 3 && chars[after] == '_' {
        after += 1;
    }
    after
}
