//! Parameter-table rows as fields: name, type (and the named type it refers to), whether it
//! is mandatory, its default and value range.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::tables::ParameterColumns;
use crate::kb::Field;
use crate::parse::cells::fold_whitespace;

pub(super) static TYPE_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:array\s+of\s+|list\s+of\s+|list<|array<)?([A-Za-z_][A-Za-z0-9_]*)(?:>|\s+objects?|\s+structures?)$")
        .expect("valid regex")
});

pub(super) static DEFAULT_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:default(?:\s+value)?(?:\s+is)?\s*[:：]?\s*|默认值[为是]?\s*[:：]?\s*)([^\s,，。;；]+?)[.。]?(?:\s|$|[,，;；])")
        .expect("valid regex")
});

pub(super) static VALUE_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:value\s+range\s*[:：]\s*|取值范围\s*[:：]?\s*|the\s+value\s+ranges\s+from\s+)([^。;；\n]+?)(?:[.。;；]\s|[.。;；]?$)")
        .expect("valid regex")
});

/// One parameter-table row as a field.
pub(super) fn field_of(row: &crate::document::Row, columns: &ParameterColumns) -> Option<Field> {
    let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).map(String::as_str);
    let name = cell(Some(columns.name))?
        .split('\n')
        .next()
        .map(fold_whitespace)
        .unwrap_or_default();
    if name.is_empty() {
        return None;
    }
    let type_name = cell(columns.type_name)
        .map(fold_whitespace)
        .filter(|t| !t.is_empty());
    let object = type_name
        .as_deref()
        .and_then(|t| object_reference(t, &name));
    Some(Field {
        required: cell(columns.mandatory).and_then(parse_required),
        description: cell(columns.description)
            .map(fold_whitespace)
            .unwrap_or_default(),
        object,
        type_name,
        name,
        line: row.line,
    })
}

/// The named type a documented type refers to (`Array of FailedTasks objects` → `FailedTasks`);
/// a plain `Object` or `Array` refers to a type named like the field.
pub(super) fn object_reference(type_name: &str, field_name: &str) -> Option<String> {
    let lower = type_name.to_lowercase();
    if matches!(
        lower.as_str(),
        "object" | "array" | "array of objects" | "list" | "json" | "dict" | "struct" | "map"
    ) {
        return Some(field_name.to_string());
    }
    let name = TYPE_REFERENCE.captures(type_name)?.get(1)?.as_str();
    let scalar = matches!(
        name.to_lowercase().as_str(),
        "string"
            | "strings"
            | "integer"
            | "integers"
            | "int"
            | "long"
            | "float"
            | "double"
            | "number"
            | "numbers"
            | "boolean"
            | "booleans"
            | "object"
            | "objects"
    );
    (!scalar).then(|| name.to_string())
}

pub(super) fn parse_required(cell: &str) -> Option<bool> {
    match fold_whitespace(cell).to_lowercase().as_str() {
        "yes" | "是" | "true" | "mandatory" | "required" | "必选" | "y" => Some(true),
        "no" | "否" | "false" | "optional" | "可选" | "n" => Some(false),
        _ => None,
    }
}

pub(super) fn columns_or_description(
    row: &crate::document::Row,
    columns: &ParameterColumns,
    description: &str,
) -> (Option<String>, Option<String>) {
    let cell = |i: Option<usize>| {
        i.and_then(|i| row.cells.get(i))
            .map(|c| fold_whitespace(c))
            .filter(|c| !c.is_empty())
    };
    let folded = fold_whitespace(description);
    let default = cell(columns.default).or_else(|| {
        DEFAULT_VALUE
            .captures(&folded)
            .map(|caps| caps[1].trim_end_matches(['.', '。']).to_string())
    });
    let range = cell(columns.range).or_else(|| {
        VALUE_RANGE
            .captures(&folded)
            .map(|caps| caps[1].trim().to_string())
    });
    (default, range)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_references() {
        assert_eq!(
            object_reference("Array of FailedTasks objects", "tasks").as_deref(),
            Some("FailedTasks")
        );
        assert_eq!(
            object_reference("Object", "entities").as_deref(),
            Some("entities")
        );
        assert_eq!(object_reference("Array of strings", "ids"), None);
        assert_eq!(object_reference("String", "id"), None);
    }

    #[test]
    fn defaults_and_ranges() {
        let row = crate::document::Row::default();
        let columns = ParameterColumns {
            name: 0,
            mandatory: None,
            type_name: None,
            description: None,
            location: None,
            default: None,
            range: None,
        };
        let (default, range) = columns_or_description(
            &row,
            &columns,
            "Number of items per page. Value range: 1-1000. Default value: 1000",
        );
        assert_eq!(default.as_deref(), Some("1000"));
        assert_eq!(range.as_deref(), Some("1-1000"));
    }
}
