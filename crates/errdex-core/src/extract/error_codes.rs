//! Error-code tables: one [`Definition`] per row with a code.

use crate::document::Table;
use crate::extract::codes::{parse_http_status, service_prefix};
use crate::extract::tables::ErrorCodeColumns;
use crate::kb::Definition;
use crate::parse::cells::fold_whitespace;

/// A definition with the service it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceDefinition {
    /// The service (code prefix, else the document's service).
    pub service: String,
    /// The definition.
    pub definition: Definition,
}

/// Service used for codes without a prefix in documents whose service is unknown.
pub const UNKNOWN_SERVICE: &str = "GENERAL";

/// Reads every row of an error-code table. Rows without a code are skipped; a blank Module cell
/// inherits the module above it ("ditto" cells).
pub fn definitions(
    table: &Table,
    columns: &ErrorCodeColumns,
    source: &str,
    document_service: Option<&str>,
) -> Vec<ServiceDefinition> {
    let mut module_above: Option<String> = None;
    let mut out = Vec::new();
    for row in &table.rows {
        let cell = |i: Option<usize>| -> Option<String> {
            i.and_then(|i| row.cells.get(i))
                .map(|c| fold_whitespace(c))
                .filter(|c| !c.is_empty())
        };
        let module = match cell(columns.module) {
            Some(module) => {
                module_above = Some(module.clone());
                Some(module)
            }
            None => module_above.clone(),
        };
        let Some(code) = cell(Some(columns.code)) else {
            continue;
        };
        if code.chars().all(|c| !c.is_alphanumeric()) {
            continue;
        }
        let status_cell = cell(columns.status).unwrap_or_default();
        let http_status = parse_http_status(&status_cell);
        let status_is_number = http_status.is_some_and(|s| s.to_string() == status_cell);
        let status_text =
            (!status_is_number && !status_cell.is_empty()).then(|| status_cell.clone());
        // A note after a message or description (`NOTE: <ECS error code> indicates …`) is
        // kept apart from the text it comments on.
        let mut notes: Vec<String> = Vec::new();
        let mut text_and_note = |i: Option<usize>| -> Option<String> {
            let raw = i.and_then(|i| row.cells.get(i))?;
            let (text, note) = split_note(raw);
            notes.extend(note);
            Some(text).filter(|t| !t.is_empty())
        };
        let message_cell = text_and_note(columns.message);
        let description_cell = text_and_note(columns.description);
        let (message, description) = match (message_cell, description_cell) {
            (Some(message), description) => (message, description),
            (None, Some(description)) if columns.message.is_none() => (description, None),
            (None, description) => (String::new(), description),
        };
        let service = service_prefix(&code)
            .or_else(|| document_service.map(str::to_string))
            .unwrap_or_else(|| UNKNOWN_SERVICE.to_string());
        out.push(ServiceDefinition {
            service,
            definition: Definition {
                source: source.to_string(),
                line: row.line,
                code_text: code,
                http_status,
                status_text,
                message,
                description,
                solution: cell(columns.solution),
                module,
                note: (!notes.is_empty()).then(|| notes.join(" ")),
            },
        });
    }
    out
}

/// A cell's text and the note it ends with: the note starts at a piece of the cell (pieces are
/// separated by `\n`) that opens with a note label (`NOTE:`, `Note:`, `说明：`, `注意：`), or
/// at an upper-case `NOTE:` inside the text. A cell that is all note keeps it as its text.
/// Both parts come back with whitespace folded.
pub fn split_note(cell: &str) -> (String, Option<String>) {
    let labelled = |piece: &str| -> Option<usize> {
        let piece = piece.trim_start();
        ["NOTE", "Note", "NOTICE", "Notice", "说明", "注意"]
            .iter()
            .find_map(|label| {
                let rest = piece.strip_prefix(label)?;
                let rest_trimmed = rest.trim_start();
                (rest_trimmed.starts_with([':', '：'])).then(|| {
                    let colon = rest_trimmed.chars().next().map_or(0, char::len_utf8);
                    piece.len() - rest_trimmed.len() + colon
                })
            })
    };
    let mut offset = 0;
    for piece in cell.split_inclusive('\n') {
        if offset > 0
            && let Some(skip) = labelled(piece)
        {
            let before = fold_whitespace(&cell[..offset]);
            let start = offset + (piece.len() - piece.trim_start().len()) + skip;
            let note = fold_whitespace(&cell[start..]);
            if !before.is_empty() && !note.is_empty() {
                return (before, Some(note));
            }
        }
        offset += piece.len();
    }
    let folded = fold_whitespace(cell);
    if let Some(at) = folded.find(" NOTE: ").or_else(|| folded.find(" NOTE： ")) {
        let before = folded[..at].trim().to_string();
        let note = folded[at..]
            .trim_start()
            .trim_start_matches("NOTE")
            .trim_start_matches([':', '：'])
            .trim()
            .to_string();
        if !before.is_empty() && !note.is_empty() {
            return (before, Some(note));
        }
    }
    (folded, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Row;

    fn row(line: u32, cells: &[&str]) -> Row {
        Row {
            line,
            cells: cells.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn notes_in_cells_are_kept_apart() {
        assert_eq!(
            split_note("Failed (<ECS error code>).\nNOTE:\n<ECS error code> is ECS's code."),
            (
                "Failed (<ECS error code>).".to_string(),
                Some("<ECS error code> is ECS's code.".to_string())
            )
        );
        assert_eq!(
            split_note("Bad token.\nNote: Tokens expire after 24 hours."),
            (
                "Bad token.".to_string(),
                Some("Tokens expire after 24 hours.".to_string())
            )
        );
        assert_eq!(
            split_note("参数错误。\n说明：详见错误码。"),
            ("参数错误。".to_string(), Some("详见错误码。".to_string()))
        );
        assert_eq!(
            split_note("Quota exceeded. NOTE: Ask for more."),
            (
                "Quota exceeded.".to_string(),
                Some("Ask for more.".to_string())
            )
        );
        // A cell that is all note, or a note word in the text, stays text.
        assert_eq!(split_note("NOTE: all of it").1, None);
        assert_eq!(split_note("Take note: this is text").1, None);
    }

    #[test]
    fn reads_rows_with_ditto_modules_and_odd_statuses() {
        let table = Table {
            caption: None,
            header: vec![
                "Module".into(),
                "Status Code".into(),
                "Error Code".into(),
                "Error Message".into(),
                "Description".into(),
            ],
            rows: vec![
                row(
                    10,
                    &[
                        "Cluster",
                        "400",
                        "CSS.0001",
                        "Bad\nparameter.",
                        "Wrong value.",
                    ],
                ),
                row(11, &["", "N/A", "CSS.0002", "Other.", ""]),
                row(12, &["", "400/404", "", "No code.", ""]),
                row(13, &["", "403 Forbidden", "AccessDenied", "Denied.", ""]),
            ],
        };
        let columns = ErrorCodeColumns {
            code: 2,
            status: Some(1),
            message: Some(3),
            description: Some(4),
            solution: None,
            module: Some(0),
        };
        let defs = definitions(&table, &columns, "src", Some("OBS"));
        assert_eq!(defs.len(), 3);
        assert_eq!(defs[0].definition.message, "Bad parameter.");
        assert_eq!(defs[0].definition.http_status, Some(400));
        assert_eq!(defs[0].definition.status_text, None);
        assert_eq!(defs[1].definition.module.as_deref(), Some("Cluster"));
        assert_eq!(defs[1].definition.http_status, None);
        assert_eq!(defs[1].definition.status_text.as_deref(), Some("N/A"));
        assert_eq!(defs[2].service, "OBS");
        assert_eq!(defs[2].definition.http_status, Some(403));
        assert_eq!(
            defs[2].definition.status_text.as_deref(),
            Some("403 Forbidden")
        );
    }

    #[test]
    fn description_is_the_message_without_a_message_column() {
        let table = Table {
            caption: None,
            header: vec!["Error Code".into(), "Description".into()],
            rows: vec![row(3, &["Ecs.0013", "EIP quota exceeded."])],
        };
        let columns = ErrorCodeColumns {
            code: 0,
            status: None,
            message: None,
            description: Some(1),
            solution: None,
            module: None,
        };
        let defs = definitions(&table, &columns, "src", None);
        assert_eq!(defs[0].definition.message, "EIP quota exceeded.");
        assert_eq!(defs[0].definition.description, None);
        assert_eq!(defs[0].service, "ECS");
    }
}
