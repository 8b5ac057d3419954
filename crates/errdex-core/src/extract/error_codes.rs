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
        let message_cell = cell(columns.message);
        let description_cell = cell(columns.description);
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
            },
        });
    }
    out
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
