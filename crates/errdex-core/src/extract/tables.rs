//! Table recognition: what a table is, decided from its header words (see `crate::vocab`),
//! never from its position or the file it is in.

use crate::document::Table;
use crate::vocab::{ColumnRole, column_roles};

/// Column positions of an error-code table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorCodeColumns {
    /// The code column.
    pub code: usize,
    /// HTTP status, if the table has one.
    pub status: Option<usize>,
    /// Message column, if any.
    pub message: Option<usize>,
    /// Description column, if any.
    pub description: Option<usize>,
    /// Solution column, if any.
    pub solution: Option<usize>,
    /// Module or service column, if any.
    pub module: Option<usize>,
}

/// Column positions of a parameter or field table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParameterColumns {
    /// Name column.
    pub name: usize,
    /// Mandatory column, if any.
    pub mandatory: Option<usize>,
    /// Type column, if any.
    pub type_name: Option<usize>,
    /// Description column, if any.
    pub description: Option<usize>,
    /// Location column, if any.
    pub location: Option<usize>,
    /// Default column, if any.
    pub default: Option<usize>,
    /// Range column, if any.
    pub range: Option<usize>,
}

/// Column positions of a value (enumeration) table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueColumns {
    /// The value column.
    pub value: usize,
    /// The description column.
    pub description: usize,
}

/// What a table is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableKind {
    /// Error codes with message, status, solution.
    ErrorCodes(ErrorCodeColumns),
    /// API parameters or response fields.
    Parameters(ParameterColumns),
    /// Documented values of something, with a description each.
    Values(ValueColumns),
    /// HTTP status codes of an operation with their descriptions.
    StatusCodes {
        /// The status column.
        status: usize,
        /// The description column.
        description: usize,
    },
    /// Anything else.
    Other,
}

/// Classifies a table by its header.
pub fn classify(table: &Table) -> TableKind {
    let roles = column_roles(&table.header);
    let find = |role: ColumnRole| roles.iter().position(|r| *r == Some(role));
    let description = find(ColumnRole::Description);
    let message = find(ColumnRole::Message);
    // Error names in place of codes (`Error Type`: `badRequest`, `itemNotFound`) count as the
    // code column only beside an HTTP status column.
    // Two status-like columns (`HTTP Status Code | Returned Value | …`) beside a message or a
    // solution: the one that says HTTP or status holds the statuses, the other the codes.
    let (status_column, returned_codes) = status_and_code_columns(&table.header, &roles);
    let returned_codes =
        returned_codes.filter(|_| message.is_some() || find(ColumnRole::Solution).is_some());
    let code_column = find(ColumnRole::ErrorCode)
        .or(returned_codes)
        .or_else(|| {
            find(ColumnRole::HttpStatus)?;
            table.header.iter().position(|h| names_errors(h))
        })
        .or_else(|| {
            // Beside a status column, `Code` is the reason phrase (`201 | Created | …`).
            find(ColumnRole::HttpStatus)
                .is_none()
                .then(|| bare_code_column(table))
                .flatten()
        });
    if let Some(code) = code_column
        // A cause column (`Error Cause Analysis`, `原因`) describes the error when no
        // description column does.
        && let description = description.or_else(|| find(ColumnRole::Cause))
        && (message.is_some() || description.is_some())
    {
        return TableKind::ErrorCodes(ErrorCodeColumns {
            code,
            status: status_column,
            message,
            description,
            solution: find(ColumnRole::Solution),
            module: find(ColumnRole::Module),
        });
    }
    let type_name = find(ColumnRole::Type);
    let mandatory = find(ColumnRole::Mandatory);
    if let Some(name) = find(ColumnRole::Parameter)
        && (type_name.is_some()
            || mandatory.is_some()
            // A header or element column beside a description alone lists names, not
            // parameters (`Element | Description` of a page's parts).
            || (description.is_some() && !names_headers_or_elements(&table.header[name])))
    {
        return TableKind::Parameters(ParameterColumns {
            name,
            mandatory,
            type_name,
            description,
            location: find(ColumnRole::Location),
            default: find(ColumnRole::Default),
            range: find(ColumnRole::Range),
        });
    }
    if let (Some(status), Some(description)) = (find(ColumnRole::HttpStatus), description)
        && status < description
    {
        return TableKind::StatusCodes {
            status,
            description,
        };
    }
    if roles.first() == Some(&Some(ColumnRole::Value))
        && let Some(description) = description
        && type_name.is_none()
        && mandatory.is_none()
    {
        return TableKind::Values(ValueColumns {
            value: 0,
            description,
        });
    }
    TableKind::Other
}

/// The status column of a table and, when two columns have status-like headers, the code
/// column: `HTTP Status Code | Returned Value | Description …` holds statuses in the first and
/// codes (`BMS.0001`) in the second. The status column is the one whose header says `http`,
/// else `status`, else the first.
fn status_and_code_columns(
    header: &[String],
    roles: &[Option<ColumnRole>],
) -> (Option<usize>, Option<usize>) {
    let statuses: Vec<usize> = (0..roles.len())
        .filter(|&i| roles[i] == Some(ColumnRole::HttpStatus))
        .collect();
    let says = |word: &str| {
        statuses
            .iter()
            .copied()
            .find(|&i| header[i].to_lowercase().contains(word))
    };
    let status = says("http")
        .or_else(|| says("status"))
        .or_else(|| statuses.first().copied());
    let code = statuses.iter().copied().find(|&i| Some(i) != status);
    (status, code)
}

/// A column headed `Code` alone (`Code | Description`, the Anti-DDoS error codes `10000001`)
/// when its cells are not all HTTP statuses (then it is a status table). Asked only when no
/// other column names the codes or the statuses.
fn bare_code_column(table: &Table) -> Option<usize> {
    let column = table.header.iter().position(|h| {
        matches!(
            h.trim().to_lowercase().as_str(),
            "code" | "codes" | "代码" | "编码"
        )
    })?;
    let cells: Vec<&str> = table
        .rows
        .iter()
        .filter_map(|r| r.cells.get(column))
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let statuses = cells
        .iter()
        .all(|c| crate::extract::codes::parse_http_status(c).is_some());
    (!cells.is_empty() && !statuses).then_some(column)
}

/// True for a name column of HTTP headers or XML elements (`Header`, `Element`, `元素`).
fn names_headers_or_elements(header: &str) -> bool {
    let lower = header.to_lowercase();
    ["header", "element", "消息头", "元素"]
        .iter()
        .any(|w| lower.contains(w))
}

/// True for a header naming errors rather than numbering them (`Error Type`, `Error Name`,
/// `错误类型`).
fn names_errors(header: &str) -> bool {
    let lower = header.trim().to_lowercase();
    matches!(
        lower.as_str(),
        "error type" | "error name" | "error types" | "error names" | "错误类型" | "错误名称"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(header: &[&str]) -> Table {
        Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            ..Table::default()
        }
    }

    #[test]
    fn error_code_tables() {
        let kind = classify(&table(&[
            "Status Code",
            "Error Code",
            "Error Message",
            "Measure",
        ]));
        let TableKind::ErrorCodes(cols) = kind else {
            panic!("not an error table: {kind:?}")
        };
        assert_eq!(
            (cols.code, cols.status, cols.solution),
            (1, Some(0), Some(3))
        );
        assert!(matches!(
            classify(&table(&["错误码", "错误信息", "处理措施"])),
            TableKind::ErrorCodes(_)
        ));
        assert!(matches!(
            classify(&table(&["Module", "Error Code", "Description"])),
            TableKind::ErrorCodes(_)
        ));
        // A cause column is the description when there is none.
        let TableKind::ErrorCodes(cols) = classify(&table(&[
            "Error Code",
            "Error Information",
            "Error Cause Analysis",
        ])) else {
            panic!("not an error table")
        };
        assert_eq!((cols.message, cols.description), (Some(1), Some(2)));
        // A status column named "Response Code".
        let TableKind::ErrorCodes(cols) =
            classify(&table(&["Error Code", "Response Code", "Description"]))
        else {
            panic!("not an error table")
        };
        assert_eq!(cols.status, Some(1));
        // Named errors beside a status column; without one, "Error Type" is no code column.
        let TableKind::ErrorCodes(cols) =
            classify(&table(&["Error Type", "Response Code", "Description"]))
        else {
            panic!("not an error table")
        };
        assert_eq!((cols.code, cols.status), (0, Some(1)));
        assert!(!matches!(
            classify(&table(&["Error Type", "Description"])),
            TableKind::ErrorCodes(_)
        ));
        // Two status-like columns: the HTTP one holds statuses, the other the codes.
        let TableKind::ErrorCodes(cols) = classify(&table(&[
            "HTTP Status Code",
            "Returned Value",
            "Description",
            "Error Message",
            "Handling Measure",
        ])) else {
            panic!("not an error table")
        };
        assert_eq!(
            (cols.code, cols.status, cols.message, cols.solution),
            (1, Some(0), Some(3), Some(4))
        );
        // A column headed `Code` alone holds codes, unless its cells are HTTP statuses.
        let mut codes = table(&["Code", "Description"]);
        codes.rows = vec![crate::document::Row {
            line: 3,
            cells: vec!["10000001".into(), "Invalid token".into()],
        }];
        assert!(matches!(classify(&codes), TableKind::ErrorCodes(_)));
        codes.rows[0].cells[0] = "404".into();
        assert!(!matches!(classify(&codes), TableKind::ErrorCodes(_)));
        assert!(!matches!(
            classify(&table(&["Status Code", "Code", "Description"])),
            TableKind::ErrorCodes(_)
        ));
    }

    #[test]
    fn parameter_value_and_status_tables() {
        assert!(matches!(
            classify(&table(&["Parameter", "Mandatory", "Type", "Description"])),
            TableKind::Parameters(_)
        ));
        assert!(matches!(
            classify(&table(&["参数", "参数类型", "描述"])),
            TableKind::Parameters(_)
        ));
        assert!(matches!(
            classify(&table(&["事件类型", "说明"])),
            TableKind::Values(_)
        ));
        assert!(matches!(
            classify(&table(&["Status Code", "Description"])),
            TableKind::StatusCodes { .. }
        ));
        assert_eq!(
            classify(&table(&["Element", "Description"])),
            TableKind::Other
        );
        // Header and element tables of storage APIs are parameters when typed or marked.
        assert!(matches!(
            classify(&table(&["Header", "Type", "Mandatory", "Description"])),
            TableKind::Parameters(_)
        ));
        assert!(matches!(
            classify(&table(&["Element", "Type", "Description"])),
            TableKind::Parameters(_)
        ));
        assert_eq!(classify(&table(&[])), TableKind::Other);
    }
}
