//! rustc-style text: one block per finding, then a count line.
//!
//! ```text
//! error[meaning-conflict]: CSS.6007 has different meanings in 2 sources (similarity 0.13)
//!   --> docs/a.md:140
//!     |
//! 140 | | CSS.6007 | Failed to create the snapshot … |
//!     |
//!   --> docs/b.rst:93
//!     |
//!  93 | | NA | CSS.6007 | Failed to reset the password. |
//!     |
//!     = a.md:140                          │ b.rst:93
//!       Failed to create the snapshot …  │ Failed to reset the password.
//! ```
//!
//! Two texts print side by side, more as a list. Colour (ANSI) only when asked: the CLI asks on
//! a terminal without `NO_COLOR`.

use std::fmt::Write;

use super::SourceMap;
use errdex_core::check::Summary;
use errdex_core::kb::Severity;
use errdex_core::kb::{Finding, Quote};
use errdex_core::parse::cells::{fold_whitespace, strip_tags};
use errdex_core::shapes::display_width;

/// Width of one column when two texts print side by side.
const COLUMN: usize = 44;
/// Longest source line quoted before it is cut around the interesting part.
const MAX_QUOTE: usize = 110;

/// Renders findings as text.
pub fn render(findings: &[Finding], sources: &SourceMap, color: bool) -> String {
    let paint = Paint { color };
    let mut out = String::new();
    for finding in findings {
        block(&mut out, finding, sources, paint);
        out.push('\n');
    }
    out.push_str(&summary_line(&Summary::of(findings), paint));
    out
}

#[derive(Clone, Copy)]
struct Paint {
    color: bool,
}

impl Paint {
    fn wrap(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn severity(self, severity: Severity) -> String {
        let (code, word) = match severity {
            Severity::Error => ("1;31", "error"),
            Severity::Warning => ("1;33", "warning"),
            Severity::Note => ("1;36", "note"),
        };
        self.wrap(code, word)
    }

    fn gutter(self, text: &str) -> String {
        self.wrap("1;34", text)
    }
}

fn block(out: &mut String, finding: &Finding, sources: &SourceMap, paint: Paint) {
    let _ = writeln!(
        out,
        "{}{}: {}",
        paint.severity(finding.severity),
        paint.wrap("1", &format!("[{}]", finding.kind.id())),
        paint.wrap("1", &finding.message)
    );
    let width = finding
        .locations
        .iter()
        .map(|l| l.line.to_string().len())
        .max()
        .unwrap_or(1);
    let pad = " ".repeat(width);
    for location in &finding.locations {
        let _ = writeln!(
            out,
            "{pad}{} {}:{}",
            paint.gutter("-->"),
            sources.path(&location.source),
            location.line
        );
        if let Some(line) = sources.line(&location.source, location.line) {
            let shown = excerpt(line, finding.code.as_deref());
            let _ = writeln!(out, "{pad} {}", paint.gutter("|"));
            let _ = writeln!(
                out,
                "{} {shown}",
                paint.gutter(&format!("{:>width$} |", location.line))
            );
            let _ = writeln!(out, "{pad} {}", paint.gutter("|"));
        }
    }
    texts(out, &finding.texts, sources, &pad, paint);
    if let Some(reason) = &finding.acknowledged {
        let _ = writeln!(
            out,
            "{pad} {} acknowledged in errdex.toml: {reason}",
            paint.gutter("=")
        );
    }
}

fn texts(out: &mut String, quotes: &[Quote], sources: &SourceMap, pad: &str, paint: Paint) {
    let label = |q: &Quote| {
        let path = sources.path(&q.location.source);
        let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
        format!("{file}:{}", q.location.line)
    };
    let eq = paint.gutter("=");
    match quotes {
        [] => {}
        [a, b] if a.text.chars().count() > 1 && b.text.chars().count() > 1 => {
            let left = wrap(&a.text, COLUMN);
            let right = wrap(&b.text, COLUMN);
            let _ = writeln!(out, "{pad} {eq} {} │ {}", fit(&label(a), COLUMN), label(b));
            for i in 0..left.len().max(right.len()) {
                let l = left.get(i).map_or("", String::as_str);
                let r = right.get(i).map_or("", String::as_str);
                let _ = writeln!(out, "{pad}   {} │ {r}", fit(l, COLUMN));
            }
        }
        _ => {
            for q in quotes {
                let _ = writeln!(out, "{pad} {eq} {}: {:?}", label(q), q.text);
            }
        }
    }
}

/// Pads or cuts a text to exactly `width` terminal columns (a CJK character takes two).
fn fit(text: &str, width: usize) -> String {
    let shown = display_width(text);
    if shown > width {
        let (head, _) = split_at_width(text, width.saturating_sub(1));
        let pad = width.saturating_sub(1) - display_width(head);
        format!("{head}…{}", " ".repeat(pad))
    } else {
        format!("{text}{}", " ".repeat(width - shown))
    }
}

/// The longest head of `text` that fits in `width` columns, and the rest.
fn split_at_width(text: &str, width: usize) -> (&str, &str) {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        used += display_width(c.encode_utf8(&mut [0; 4]));
        if used > width {
            return text.split_at(at);
        }
    }
    (text, "")
}

/// Word-wraps a text into lines of at most `width` terminal columns (long words are cut;
/// CJK text, which has no spaces, is cut where the line is full).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = display_width(&line) + usize::from(!line.is_empty()) + display_width(word);
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while display_width(&line) > width {
            let (head, tail) = split_at_width(&line, width.max(2));
            let (head, tail) = (head.to_string(), tail.to_string());
            lines.push(head);
            line = tail;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A source line as quoted: trimmed, and cut around the code when long. A line of HTML markup
/// (a `<tr>` of an exported page) is quoted as the text a reader sees on the page.
fn excerpt(line: &str, code: Option<&str>) -> String {
    let visible;
    let trimmed = if is_markup(line) {
        visible = fold_whitespace(&strip_tags(line));
        visible.as_str()
    } else {
        line.trim()
    };
    let chars: Vec<char> = trimmed.chars().collect();
    if chars.len() <= MAX_QUOTE {
        return trimmed.to_string();
    }
    let start_byte = code.and_then(|c| trimmed.find(c)).unwrap_or(0);
    let start = trimmed[..start_byte].chars().count().saturating_sub(20);
    let end = (start + MAX_QUOTE).min(chars.len());
    let start = end.saturating_sub(MAX_QUOTE);
    let body: String = chars[start..end].iter().collect();
    let before = if start > 0 { "…" } else { "" };
    let after = if end < chars.len() { "…" } else { "" };
    format!("{before}{body}{after}")
}

/// True for a line that starts with an HTML tag and holds more than one (`<tr><td>…`); a
/// placeholder such as `<ECS error code> indicates …` is not markup.
fn is_markup(line: &str) -> bool {
    let line = line.trim_start();
    let starts_with_tag = line
        .strip_prefix('<')
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '/');
    starts_with_tag && line.matches('<').count() > 1
}

fn summary_line(summary: &Summary, paint: Paint) -> String {
    let verdict = if summary.errors > 0 {
        paint.severity(Severity::Error)
    } else {
        paint.wrap("1;32", "ok")
    };
    format!(
        "{verdict}: errdex check found {}\n",
        super::counted(summary)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use errdex_core::check::at;
    use errdex_core::kb::{Finding, FindingKind};

    fn conflict() -> Finding {
        let mut finding = Finding::new(
            FindingKind::MeaningConflict,
            "X.1 has different meanings in 2 sources",
            vec![at("a", 2), at("b", 1)],
        )
        .with_code("X.1");
        finding.texts = vec![
            Quote {
                location: at("a", 2),
                text: "Failed to create the snapshot because of an internal error.".into(),
            },
            Quote {
                location: at("b", 1),
                text: "Failed to reset the password.".into(),
            },
        ];
        finding
    }

    #[test]
    fn quotes_lines_and_sets_texts_side_by_side() {
        let mut sources = SourceMap::new();
        sources.insert(
            "a",
            "docs/a.md",
            "intro\n| X.1 | Failed to create the snapshot |\n",
        );
        sources.insert(
            "b",
            "docs/b.rst",
            "| X.1 | Failed to reset the password. |\n",
        );
        let text = render(&[conflict()], &sources, false);
        assert!(text.starts_with("error[meaning-conflict]: X.1 has different meanings"));
        assert!(text.contains(" --> docs/a.md:2\n"), "{text}");
        assert!(
            text.contains("2 | | X.1 | Failed to create the snapshot |"),
            "{text}"
        );
        assert!(text.contains("│ Failed to reset the password."), "{text}");
        assert!(text.ends_with("error: errdex check found 1 error, 0 warnings, 0 notes\n"));
        assert!(!text.contains('\x1b'));
    }

    #[test]
    fn colour_only_when_asked() {
        let text = render(&[conflict()], &SourceMap::new(), true);
        assert!(text.contains("\x1b[1;31merror\x1b[0m"));
    }

    #[test]
    fn wraps_and_cuts() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(wrap("错误码不存在", 4), vec!["错误", "码不", "存在"]);
        assert_eq!(fit("错误码不存在", 6), "错误… ");
        assert_eq!(fit("错误", 6), "错误  ");
        let row = r#"<tr id="r1"><td class="c" headers="h1"><p id="p1">CSS.6007</p></td><td><p>Failed &amp; stopped.</p></td></tr>"#;
        assert_eq!(excerpt(row, Some("CSS.6007")), "CSS.6007 Failed & stopped.");
        let placeholder = "<ECS error code> indicates the error reported by ECS.";
        assert_eq!(excerpt(placeholder, None), placeholder);
        let long = format!("{}CODE.1{}", "x".repeat(200), "y".repeat(200));
        let shown = excerpt(&long, Some("CODE.1"));
        assert!(shown.contains("CODE.1") && shown.starts_with('…'));
    }
}
