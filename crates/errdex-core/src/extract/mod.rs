//! Extract: document IR in, facts with source and line out.
//!
//! Steps, in one pass over the blocks in source order:
//! 1. tell the document's service (its topic id `css_03_0076`, else the prefix most of its codes
//!    share) and language (share of CJK letters);
//! 2. classify every table by its header words ([`tables::classify`]);
//! 3. error-code tables → definitions ([`error_codes`]);
//! 4. `METHOD /path` lines, parameter and field tables, status lines and JSON examples →
//!    operations ([`operations::OperationReader`]); value lists in their description cells →
//!    enumerations ([`enums`]);
//! 5. two-column value tables → enumerations;
//! 6. codes in prose, in other tables' cells and in examples → mentions.

pub mod codes;
pub mod enums;
pub mod error_codes;
pub mod json_lines;
pub mod operations;
pub mod tables;

use std::collections::BTreeMap;

use crate::document::{BlockKind, Document, Table};
use crate::ingest::SourceFile;
use crate::kb::{EnumValue, Enumeration, Mention, Operation, Source};
use crate::parse::cells::fold_whitespace;
use crate::shapes::is_cjk_or_fullwidth;

use error_codes::ServiceDefinition;
use operations::OperationReader;
use tables::{TableKind, ValueColumns};

/// Everything extracted from one document.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// The source record.
    pub source: Option<Source>,
    /// Error-code definitions.
    pub definitions: Vec<ServiceDefinition>,
    /// Enumerations.
    pub enums: Vec<Enumeration>,
    /// API operations.
    pub operations: Vec<Operation>,
    /// Codes mentioned outside definition tables.
    pub mentions: Vec<Mention>,
}

/// Extracts every fact from one parsed document.
pub fn extract(file: &SourceFile, document: &Document) -> Extraction {
    let service =
        document_service(document).or_else(|| named_service(document, &file.path, &file.text));
    let source = Source {
        id: file.id.clone(),
        path: file.path.clone(),
        format: file.format.name().to_string(),
        title: document.title.clone(),
        language: language_of(&file.text).to_string(),
        service: service.clone(),
        sha256: file.sha256.clone(),
    };
    let mut out = Extraction::default();
    let mut reader = OperationReader::new(&file.id, document.title.clone(), service.clone());
    let mut last_heading: Option<String> = None;
    for block in &document.blocks {
        match &block.kind {
            BlockKind::Heading { text, .. } => {
                reader.heading(text);
                last_heading = Some(text.clone());
                mentions_in(&mut out.mentions, &file.id, block.line, text, "prose");
            }
            BlockKind::Paragraph { text } => {
                reader.paragraph(text, block.line);
                mentions_in(&mut out.mentions, &file.id, block.line, text, "prose");
            }
            BlockKind::Code { text, .. } => {
                reader.code(text, block.line);
                mentions_in(&mut out.mentions, &file.id, block.line, text, "example");
            }
            BlockKind::Table(table) => {
                let kind = tables::classify(table);
                match &kind {
                    TableKind::ErrorCodes(columns) => {
                        out.definitions.extend(error_codes::definitions(
                            table,
                            columns,
                            &file.id,
                            service.as_deref(),
                        ));
                    }
                    TableKind::Parameters(columns) => {
                        reader.parameter_table(table, columns, block.line);
                    }
                    TableKind::StatusCodes {
                        status,
                        description,
                    } => reader.status_table(table, *status, *description),
                    TableKind::Values(columns) => out.enums.extend(value_table(
                        table,
                        columns,
                        last_heading.as_deref(),
                        &file.id,
                        service.as_deref(),
                        block.line,
                    )),
                    TableKind::Other => {}
                }
                if !matches!(kind, TableKind::ErrorCodes(_)) {
                    for row in &table.rows {
                        for cell in &row.cells {
                            mentions_in(&mut out.mentions, &file.id, row.line, cell, "prose");
                        }
                    }
                }
            }
        }
    }
    let (operations, field_enums) = reader.finish();
    out.operations = operations;
    out.enums.extend(field_enums);
    out.mentions.sort();
    out.mentions.dedup();
    out.source = Some(source);
    out
}

/// The service of a document: the prefix of its topic id (`css_03_0076`, `vpn_api_1055`), else
/// the service prefix most of its code-shaped words share (codes, placeholders like `KPS.XXX`,
/// IAM actions like `kps::getFailedTask`).
fn document_service(document: &Document) -> Option<String> {
    if let Some(id) = &document.doc_id {
        let prefix: String = id
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let rest = &id[prefix.len()..];
        let topic_like = rest.starts_with(['_', '-'])
            && rest.chars().any(|c| c.is_ascii_digit())
            && prefix
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
            && !is_locale(&prefix, rest)
            && !prefix.eq_ignore_ascii_case("topic");
        if topic_like {
            return Some(prefix.to_ascii_uppercase());
        }
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut total = 0usize;
    for block in &document.blocks {
        let texts: Vec<&str> = match &block.kind {
            BlockKind::Table(table) => table
                .rows
                .iter()
                .flat_map(|r| r.cells.iter().map(String::as_str))
                .collect(),
            BlockKind::Paragraph { text }
            | BlockKind::Heading { text, .. }
            | BlockKind::Code { text, .. } => vec![text.as_str()],
        };
        for text in texts {
            for prefix in codes::service_hints(text) {
                *counts.entry(prefix).or_default() += 1;
                total += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(prefix, n)| (*n, std::cmp::Reverse(prefix.clone())))
        .filter(|(_, n)| n * 2 > total)
        .map(|(prefix, _)| prefix)
}

/// The service a page names when neither its topic id nor its codes tell (codes without a
/// prefix: DCS `111400064`, OBS `NoSuchCORSConfiguration`): the nearest folder of its path
/// that the page writes as a word in capitals (`dcs/api-reference/error-codes.md` on a page
/// that says "DCS"), else an acronym in its title (`DCS Error Codes`).
fn named_service(document: &Document, path: &str, text: &str) -> Option<String> {
    let title = document.title.as_deref().unwrap_or("");
    let mut folders: Vec<&str> = path.split('/').collect();
    folders.pop();
    let from_path = folders.iter().rev().find_map(|folder| {
        let service = folder.to_ascii_uppercase();
        let shaped = (2..=10).contains(&folder.len())
            && folder.starts_with(|c: char| c.is_ascii_alphabetic())
            && folder.chars().all(|c| c.is_ascii_alphanumeric())
            && !is_generic_word(&service);
        (shaped && (has_word(title, &service) || has_word(text, &service))).then_some(service)
    });
    from_path.or_else(|| {
        title
            .split(|c: char| !c.is_ascii_alphanumeric())
            .find(|word| {
                (2..=8).contains(&word.len())
                    && word.starts_with(|c: char| c.is_ascii_uppercase())
                    && word
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                    && !is_generic_word(word)
            })
            .map(str::to_string)
    })
}

/// Upper-case words and folder names that name no service (`API Reference`, `docs/`).
fn is_generic_word(upper: &str) -> bool {
    matches!(
        upper,
        "API"
            | "APIS"
            | "HTTP"
            | "HTTPS"
            | "URI"
            | "URL"
            | "REST"
            | "JSON"
            | "XML"
            | "SDK"
            | "FAQ"
            | "FAQS"
            | "CLI"
            | "ID"
            | "IDS"
            | "IP"
            | "OS"
            | "NOTE"
            | "DOC"
            | "DOCS"
            | "SOURCE"
            | "SRC"
            | "MD"
            | "RST"
            | "TXT"
            | "HTML"
            | "EN"
            | "ZH"
            | "CN"
            | "US"
            | "PAGES"
            | "CONTENT"
            | "GUIDE"
            | "REFERENCE"
    )
}

/// Whether `text` has `word` as a whole word (ASCII boundaries), exactly as written.
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// True for a topic id that starts with a locale (`EN-US_TOPIC_…`, `ZH-CN_TOPIC_…`, `en_…`):
/// a two-letter language, `-` and a two-letter region, then `_`; or a bare `en`/`zh` (a
/// two-letter service such as `as_01_0001` stays a service).
fn is_locale(prefix: &str, rest: &str) -> bool {
    if prefix.len() != 2 || !prefix.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let region = rest.strip_prefix('-').map(|r| r.as_bytes());
    match region {
        Some(r) => r.len() > 2 && r[..2].iter().all(u8::is_ascii_alphabetic) && r[2] == b'_',
        None => ["en", "zh"].iter().any(|l| prefix.eq_ignore_ascii_case(l)),
    }
}

/// `zh` when more than a tenth of the letters are CJK, else `en`. Letters inside markup
/// (`<td class="cellrowborder" …>`) are not counted: a Chinese Markdown page with inline HTML
/// tables has far more ASCII in its attributes than CJK in its text.
fn language_of(text: &str) -> &'static str {
    let (mut cjk, mut letters) = (0usize, 0usize);
    let mut in_tag = false;
    // By bytes: `<`, `>` and ASCII letters are single bytes never found inside a multi-byte
    // character, so only the non-ASCII characters need decoding.
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte.is_ascii() {
            if in_tag {
                in_tag = byte != b'>';
            } else if byte == b'<' {
                in_tag = true;
            } else {
                letters += usize::from(byte.is_ascii_alphabetic());
            }
            at += 1;
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        if !in_tag && c.is_alphabetic() {
            letters += 1;
            cjk += usize::from(is_cjk_or_fullwidth(c));
        }
        at += c.len_utf8();
    }
    if cjk * 10 > letters { "zh" } else { "en" }
}

/// A two-column value table as an enumeration named by its caption (or its value column).
fn value_table(
    table: &Table,
    columns: &ValueColumns,
    heading: Option<&str>,
    source: &str,
    service: Option<&str>,
    line: u32,
) -> Option<Enumeration> {
    let values: Vec<EnumValue> = table
        .rows
        .iter()
        .filter_map(|row| {
            let value = row
                .cells
                .get(columns.value)?
                .split('\n')
                .next()
                .map(fold_whitespace)?;
            let description = row
                .cells
                .get(columns.description)
                .map(|d| fold_whitespace(d))
                .unwrap_or_default();
            (!value.is_empty()).then_some(EnumValue {
                value,
                description,
                retired: None,
            })
        })
        .collect();
    // Values that are all phrases (`Creation failures`, `Operation failures`: the headings of
    // a console page) name categories for a reader, not values a program sees.
    if values.is_empty() || values.iter().all(|v| v.value.contains(char::is_whitespace)) {
        return None;
    }
    let name = table
        .caption
        .as_deref()
        .map(strip_caption_number)
        .filter(|c| !c.is_empty())
        .or_else(|| table.header.get(columns.value).cloned())
        .or_else(|| heading.map(str::to_string))
        .unwrap_or_else(|| "values".to_string());
    Some(Enumeration {
        name,
        service: service.map(str::to_string),
        source: source.to_string(),
        line,
        operation: None,
        object: None,
        values,
    })
}

/// `Table 1 Failure causes` → `Failure causes`; `表 1 失败信息事件类型` → `失败信息事件类型`.
pub fn strip_caption_number(caption: &str) -> String {
    let text = caption.trim();
    let rest = text
        .strip_prefix("Table")
        .or_else(|| text.strip_prefix("表"))
        .map(|r| r.trim_start())
        .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    match rest {
        Some(rest) => rest
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '-')
            .trim_start_matches([':', '：', ' '])
            .trim()
            .to_string(),
        None => text.to_string(),
    }
}

fn mentions_in(out: &mut Vec<Mention>, source: &str, line: u32, text: &str, context: &str) {
    for (offset, code) in codes::find_mentions(text) {
        out.push(Mention {
            code: code.to_string(),
            source: source.to_string(),
            line: line + line_offset(text, offset),
            context: context.to_string(),
            text: snippet(text, offset),
        });
    }
}

fn line_offset(text: &str, offset: usize) -> u32 {
    let newlines = text.get(..offset).map_or(0, |t| t.matches('\n').count());
    u32::try_from(newlines).unwrap_or(0)
}

/// The line of `text` around `offset`, shortened to about 160 characters.
fn snippet(text: &str, offset: usize) -> String {
    let start = text
        .get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(offset..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| offset + i);
    let line = fold_whitespace(text.get(start..end).unwrap_or(""));
    if line.chars().count() <= 160 {
        line
    } else {
        let mut short: String = line.chars().take(157).collect();
        short.push('…');
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions() {
        assert_eq!(
            strip_caption_number("Table 1 Failure causes"),
            "Failure causes"
        );
        assert_eq!(
            strip_caption_number("表 1 失败信息事件类型"),
            "失败信息事件类型"
        );
        assert_eq!(strip_caption_number("Table 5 FailedTasks"), "FailedTasks");
        assert_eq!(strip_caption_number("Tablespaces"), "Tablespaces");
    }

    #[test]
    fn languages() {
        assert_eq!(language_of("查看失败任务 Error"), "zh");
        assert_eq!(language_of("Failed Tasks"), "en");
        // Markup attributes are not text: a Chinese page with inline HTML tables is Chinese.
        assert_eq!(
            language_of("<td class=\"cellrowborder\" valign=\"top\" width=\"25%\">实例</td>"),
            "zh"
        );
    }

    #[test]
    fn services_from_topic_ids() {
        let doc = |id: &str| Document {
            doc_id: Some(id.to_string()),
            ..Document::default()
        };
        assert_eq!(
            document_service(&doc("css_03_0076")).as_deref(),
            Some("CSS")
        );
        assert_eq!(
            document_service(&doc("vpn_api_1055")).as_deref(),
            Some("VPN")
        );
        assert_eq!(document_service(&doc("EN-US_TOPIC_0022067717")), None);
        assert_eq!(document_service(&doc("ZH-CN_TOPIC_0141931511")), None);
        assert_eq!(document_service(&doc("zh-cn_topic_0020090627")), None);
        assert_eq!(
            document_service(&doc("ecs_02_0101")).as_deref(),
            Some("ECS")
        );
        assert_eq!(document_service(&doc("as_01_0001")).as_deref(), Some("AS"));
        assert_eq!(document_service(&doc("ErrorCode")), None);
    }

    #[test]
    fn services_a_page_names() {
        let doc = |title: &str| Document {
            title: Some(title.to_string()),
            ..Document::default()
        };
        // The nearest folder the page writes in capitals.
        assert_eq!(
            named_service(
                &doc("Error Codes"),
                "docs/dcs/api-reference/error-codes.md",
                "DCS returns these codes."
            )
            .as_deref(),
            Some("DCS")
        );
        // A folder the page never names is no service; an acronym of the title is.
        assert_eq!(
            named_service(&doc("DMS Error Codes"), "pages/md/error-codes.md", "Codes.").as_deref(),
            Some("DMS")
        );
        assert_eq!(
            named_service(&doc("Error Codes"), "seeds/codes.md", "Seeds of codes."),
            None
        );
        assert_eq!(
            named_service(&doc("API Error Codes"), "md/a.md", "MD5 sums"),
            None
        );
    }

    #[test]
    fn service_from_placeholders_and_actions() {
        let doc = Document {
            blocks: vec![
                crate::document::Block::new(
                    1,
                    BlockKind::Paragraph {
                        text: "kps::getFailedTask".into(),
                    },
                ),
                crate::document::Block::new(
                    2,
                    BlockKind::Code {
                        language: None,
                        text: "{\"error_code\": \"KPS.XXX\"}".into(),
                    },
                ),
            ],
            ..Document::default()
        };
        assert_eq!(document_service(&doc).as_deref(), Some("KPS"));
    }
}
