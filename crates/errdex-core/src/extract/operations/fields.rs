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

/// The named type a documented type refers to (`Array of FailedTasks objects` →
/// `FailedTasks`, `checkpoint_req` → `checkpoint_req`); a type that only says "object"
/// (`Object`, `JSON object`, `Dictionary data structure`, `List data structure`, `Array of
/// objects`, `Table 3`, also with a citation after it: `Object. For details, see Table 3.`)
/// refers to a type named like the field.
pub(super) fn object_reference(type_name: &str, field_name: &str) -> Option<String> {
    // The type proper, before a sentence or a parenthesis that cites a table.
    let head = type_name
        .split(['.', '(', ',', ';', '（', '，', '。', '；'])
        .next()
        .unwrap_or("")
        .trim();
    let lower = head.to_lowercase();
    if is_generic_object(&lower) || TABLE_NAME.is_match(&lower) {
        return Some(field_name.to_string());
    }
    if let Some(name) = TYPE_REFERENCE
        .captures(head)
        .and_then(|caps| caps.get(1))
        .map(|m| m.as_str())
    {
        let lower = name.to_lowercase();
        return if is_generic_object(&lower) {
            Some(field_name.to_string())
        } else if is_scalar(&lower) {
            None
        } else {
            Some(name.to_string())
        };
    }
    // A bare type name of the page's own (`checkpoint_req`, `ResourceTag`): an identifier
    // with an underscore or an inner capital, not a scalar type.
    let identifier = head
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && head.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let compound = head.contains('_') || head.chars().skip(1).any(|c| c.is_ascii_uppercase());
    let scalar_like = is_scalar(&lower)
        || ["array", "list", "string", "map", "set"]
            .iter()
            .any(|w| lower.ends_with(w) || lower.starts_with(w));
    (identifier && compound && !scalar_like).then(|| head.to_string())
}

/// `Table 3`, `表3` written as a type: the object the cited table documents.
static TABLE_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:table|表)\s*\d+$").expect("valid regex"));

/// A type that says "an object" or "a list of objects" without naming the type (lower case).
fn is_generic_object(lower: &str) -> bool {
    let folded: String = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    matches!(
        folded.as_str(),
        "object"
            | "objects"
            | "json"
            | "json object"
            | "jsonobject"
            | "json array"
            | "jsonarray"
            | "array"
            | "array of objects"
            | "array of object"
            | "array<object>"
            | "list"
            | "list of objects"
            | "list<object>"
            | "object array"
            | "object list"
            | "dict"
            | "dictionary"
            | "dictionary data structure"
            | "list data structure"
            | "data structure"
            | "structure"
            | "struct"
            | "map"
            | "对象"
            | "字典"
    )
}

/// A scalar type word (lower case), in the singular or plural.
fn is_scalar(lower: &str) -> bool {
    matches!(
        lower,
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
            | "bool"
            | "datetime"
            | "timestamp"
            | "date"
            | "uuid"
            | "int32"
            | "int64"
    )
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
