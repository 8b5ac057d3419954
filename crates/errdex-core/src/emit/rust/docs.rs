//! Doc-comment text from documentation cells: safe for rustdoc and clippy whatever the cell
//! holds.
//!
//! Each paragraph is folded onto one line (no lazy list continuations, no indented code blocks
//! that rustdoc would run as doctests) and the Markdown characters that would change meaning —
//! backticks (code fences are doctests), brackets (intra-doc links), angle brackets (HTML),
//! emphasis and escapes — are backslash-escaped. Paragraphs are separated by an empty line.

/// Doc lines (each starting with a space, as `///` writes them) for paragraphs of plain text;
/// empty paragraphs are dropped.
pub fn doc_lines<S: AsRef<str>>(paragraphs: &[S]) -> Vec<String> {
    let escaped: Vec<String> = paragraphs
        .iter()
        .map(|p| escape_markdown(p.as_ref()))
        .collect();
    markdown_lines(&escaped)
}

/// Doc lines for paragraphs that are Markdown already (their documented parts escaped with
/// [`escape_markdown`] or put in [`code_span`]s); empty paragraphs are dropped.
pub fn markdown_lines<S: AsRef<str>>(paragraphs: &[S]) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in paragraphs {
        let text = fold(paragraph.as_ref());
        if text.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!(" {text}"));
    }
    lines
}

/// Collapses every run of whitespace (newlines included) to one space and trims.
pub fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes the characters that make Markdown out of plain text.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '[' | ']' | '<' | '>' | '*' | '_' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Inline code in a doc comment: the text between backticks, with enough backticks around it
/// that none inside can close it.
pub fn code_span(text: &str) -> String {
    let text = fold(text);
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_fold_and_escape() {
        let lines = doc_lines(&["  Failed [x]\n\n    indented `code`", "", "- a list\n- b"]);
        assert_eq!(
            lines,
            vec![
                r" Failed \[x\] indented \`code\`".to_string(),
                String::new(),
                " - a list - b".to_string(),
            ]
        );
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code_span("createFail"), "`createFail`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x`"), "`` `x` ``");
        assert_eq!(code_span(""), "`  `");
    }
}
