//! Explicit markup: directives (admonitions, tables, code, skipped ones), footnotes, and the
//! splitting of a directive into arguments, options and content.

use super::*;

/// Directive names whose content is not document text.
pub(super) const SKIPPED_DIRECTIVES: &[&str] = &[
    "image",
    "toctree",
    "include",
    "literalinclude",
    "contents",
    "index",
    "meta",
    "highlight",
    "default-role",
    "role",
    "sectnum",
    "tabularcolumns",
    "header",
    "footer",
    "target-notes",
    "title",
    "raw-latex",
];

/// Admonition directives: the text after `::` is the first line of the content.
pub(super) const ADMONITIONS: &[&str] = &[
    "note",
    "important",
    "warning",
    "caution",
    "tip",
    "hint",
    "attention",
    "danger",
    "error",
    "seealso",
    "todo",
];

/// A directive split into its parts.
pub(super) struct Directive<'a> {
    /// The argument text, continuation lines included.
    pub(super) arguments: String,
    pub(super) options: Vec<(String, String)>,
    pub(super) content: Vec<Line<'a>>,
    pub(super) line: u32,
}

impl Directive<'_> {
    pub(super) fn option(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

impl Parser {
    /// Explicit markup (`.. `): directives, footnotes; targets, substitution definitions and
    /// comments are skipped.
    pub(super) fn explicit_markup(
        &mut self,
        lines: &[Line<'_>],
        index: usize,
        blocks: &mut Vec<Block>,
    ) -> usize {
        let first = lines[index].text.get(2..).unwrap_or("").trim();
        let (body, next) = indented_block(lines, index + 1, 0);
        if first.starts_with('_') || first.starts_with('|') {
            return next;
        }
        if let Some(rest) = first.strip_prefix('[') {
            let text = rest.split_once(']').map_or("", |(_, text)| text.trim());
            let mut content = vec![Line {
                number: lines[index].number,
                text,
            }];
            content.extend(body);
            blocks.extend(self.parse_body(&content, false));
            return next;
        }
        if let Some((name, arguments)) = directive_head(first) {
            self.directive(name, arguments, lines[index].number, &body, blocks);
        }
        next
    }

    pub(super) fn directive(
        &mut self,
        name: &str,
        arguments: &str,
        line: u32,
        body: &[Line<'_>],
        blocks: &mut Vec<Block>,
    ) {
        let name = name.to_ascii_lowercase();
        let name = name.as_str();
        if SKIPPED_DIRECTIVES.contains(&name) {
            return;
        }
        if ADMONITIONS.contains(&name) {
            // The text after `::` is the first line of the content and continues on the
            // following lines; options (`:class:`) can only come first when it is empty.
            let mut rest = body;
            if arguments.is_empty() {
                while let Some((first, more)) = rest.split_first()
                    && option_line(first.text).is_some()
                {
                    rest = more;
                }
            }
            let mut content = vec![Line {
                number: line,
                text: arguments,
            }];
            content.extend_from_slice(rest);
            blocks.extend(self.parse_body(&content, false));
            return;
        }
        let wraps = matches!(
            name,
            "table" | "list-table" | "csv-table" | "admonition" | "topic" | "sidebar" | "rubric"
        );
        let directive = split_directive(arguments, line, body, wraps);
        match name {
            "code-block" | "code" | "sourcecode" | "parsed-literal" => {
                let language = directive
                    .arguments
                    .split_whitespace()
                    .next()
                    .map(str::to_string);
                let text = directive
                    .content
                    .iter()
                    .map(|line| line.text)
                    .collect::<Vec<_>>()
                    .join("\n");
                let start = directive.content.first().map_or(line, |first| first.number);
                blocks.push(Block::new(start, BlockKind::Code { language, text }));
            }
            "table" => {
                let caption = fold_whitespace(&self.inline(&directive.arguments));
                let mut content = self.parse_body(&directive.content, false);
                if let Some(Block {
                    kind: BlockKind::Table(table),
                    ..
                }) = content
                    .iter_mut()
                    .find(|b| matches!(b.kind, BlockKind::Table(_)))
                    && table.caption.is_none()
                    && !caption.is_empty()
                {
                    table.caption = Some(caption);
                }
                blocks.extend(content);
            }
            "list-table" => self.list_table(&directive, blocks),
            "csv-table" => self.csv_table(&directive, blocks),
            "raw" => {
                let html = directive
                    .content
                    .iter()
                    .map(|line| line.text)
                    .collect::<Vec<_>>()
                    .join("\n");
                let text = fold_whitespace(&strip_tags(&html));
                if directive.arguments.to_ascii_lowercase().contains("html") && !text.is_empty() {
                    let start = directive.content.first().map_or(line, |first| first.number);
                    blocks.push(Block::new(start, BlockKind::Paragraph { text }));
                }
            }
            _ => {
                // Titled containers give their title as a paragraph; any other directive
                // (figure, container, only, unknown ones) contributes its content.
                if matches!(name, "admonition" | "topic" | "sidebar" | "rubric") {
                    self.push_text(line, &directive.arguments, blocks);
                }
                blocks.extend(self.parse_body(&directive.content, false));
            }
        }
    }
}

/// `name:: arguments` of a directive line, if the name is a directive name.
pub(super) fn directive_head(first: &str) -> Option<(&str, &str)> {
    let (name, arguments) = first.split_once("::")?;
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.' | '+'));
    valid.then(|| (name, arguments.trim()))
}

/// Splits a directive body into argument continuation lines (when `wraps`), options and content.
pub(super) fn split_directive<'a>(
    arguments: &str,
    line: u32,
    body: &[Line<'a>],
    wraps: bool,
) -> Directive<'a> {
    let mut arguments = arguments.to_string();
    let mut index = 0;
    if wraps {
        while index < body.len()
            && !is_blank(body[index].text)
            && option_line(body[index].text).is_none()
        {
            if !arguments.is_empty() {
                arguments.push(' ');
            }
            arguments.push_str(body[index].text.trim());
            index += 1;
        }
    }
    let mut options = Vec::new();
    while let Some((key, mut value)) = body.get(index).and_then(|l| option_line(l.text)) {
        index += 1;
        while let Some(more) = body
            .get(index)
            .filter(|l| !is_blank(l.text) && indent_of(l.text) > 0)
        {
            value.push(' ');
            value.push_str(more.text.trim());
            index += 1;
        }
        options.push((key, value));
    }
    while body.get(index).is_some_and(|l| is_blank(l.text)) {
        index += 1;
    }
    Directive {
        arguments,
        options,
        content: dedented(body.get(index..).unwrap_or(&[])),
        line,
    }
}
