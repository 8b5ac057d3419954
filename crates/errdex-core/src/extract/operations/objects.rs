//! Object types: a table whose caption names a type an earlier field refers to, or that an
//! earlier field cites by number (`For details, see Table 3.`), documents that type.

use std::sync::LazyLock;

use regex::Regex;

use super::OperationReader;
use crate::kb::{Field, ObjectType};
use crate::shapes::table_number;

/// A table cited from a field's description (`For details, see Table 3.`, `详见表3`).
pub(super) static TABLE_CITATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:Table|表)\s*(\d+)").expect("valid regex"));

pub(super) static CAPTION_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Table|表)\s*\d+(?:[.\-]\d+)*\s*[:：.]?\s*").expect("valid regex")
});

/// A field that refers to a named type whose table has not been seen yet.
#[derive(Debug, Clone)]
pub(super) struct PendingReference {
    /// The object holding the field; `None` for parameters and top-level response fields.
    container: Option<String>,
    /// The field's name.
    field: String,
    /// The type it refers to.
    reference: String,
    /// The table its description cites (`For details, see Table 3.` → 3), if any.
    table: Option<u32>,
}

impl PendingReference {
    /// The reference a field makes, if it holds an object. The table it cites may be named in
    /// its type cell (`Object. For details, see Table 3.`, `Table 3`) or its description.
    pub(super) fn of(container: Option<String>, field: &Field) -> Option<Self> {
        let reference = field.object.clone()?;
        let table = field
            .type_name
            .as_deref()
            .and_then(cited_table)
            .or_else(|| cited_table(&field.description));
        Some(PendingReference {
            container,
            field: field.name.clone(),
            table,
            reference,
        })
    }

    /// Whether `word` (a caption's subject or one of its identifiers) names this reference:
    /// its type or its field, in the singular or the plural (`tag` for `tags`).
    fn named_by(&self, word: &str) -> bool {
        same_name(word, &self.reference) || same_name(word, &self.field)
    }

    /// Whether `word` ends with a name of this reference after an underscore (`resource_tag`
    /// for a field `tags` inside `resource`): the weakest sign, asked last.
    fn suffix_of(&self, word: &str) -> bool {
        word.rsplit_once('_')
            .is_some_and(|(_, last)| !last.is_empty() && self.named_by(last))
    }
}

/// Two names of one thing: equal but for case, or one the plural of the other (`tag`/`tags`,
/// `policy`/`policies`, `address`/`addresses`).
pub(super) fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    let plural_of = |one: &str, many: &str| {
        many.strip_suffix('s') == Some(one)
            || many.strip_suffix("es") == Some(one)
            || (one.ends_with('y') && many.strip_suffix("ies") == Some(&one[..one.len() - 1]))
    };
    a == b || plural_of(&a, &b) || plural_of(&b, &a)
}

/// The table number a description cites, when it cites exactly one. A cheap byte check first:
/// most descriptions cite nothing.
pub(super) fn cited_table(description: &str) -> Option<u32> {
    if !description.contains("able") && !description.contains('表') {
        return None;
    }
    let mut numbers = TABLE_CITATION
        .captures_iter(description)
        .filter_map(|caps| caps[1].parse::<u32>().ok());
    let first = numbers.next()?;
    numbers.all(|n| n == first).then_some(first)
}

impl OperationReader {
    /// Files a table that documents a type an earlier field refers to, found by, in order: the
    /// caption's subject (`Table 5 FailedTasks`, `sub_jobs field description`), the table
    /// number the field cites (`For details, see Table 3.`), a name in the caption (`Data
    /// structure description of the tag field` for `tags`), a name in the label just before
    /// the table (`Description for the user format` for `users`), and last a name ending in
    /// one (`resource_tag field description` for `tags`). Returns the name of the object the
    /// table was filed as, `None` when it documents no pending reference. A second table for a
    /// name already taken becomes `container.name` (`sub_jobs.entities`) and the referring
    /// field is pointed at it; an identical repeat (the same object documented again under
    /// another status) is dropped.
    pub(super) fn object_table(
        &mut self,
        caption: &str,
        caption_name: &str,
        label: &str,
        fields: &[Field],
        line: u32,
    ) -> Option<String> {
        let subject = caption_subject(caption_name);
        let by_subject = subject.as_deref().and_then(|subject| {
            let last = subject.rsplit('.').next().unwrap_or(subject);
            self.pending
                .iter()
                .position(|p| p.named_by(subject) || p.named_by(last))
        });
        let number = table_number(caption);
        let words: Vec<&str> = caption_identifiers(caption_name)
            .chain(caption_identifiers(label))
            .collect();
        let index = by_subject
            .or_else(|| number.and_then(|n| self.pending.iter().rposition(|p| p.table == Some(n))))
            .or_else(|| {
                words
                    .iter()
                    .find_map(|word| self.pending.iter().rposition(|p| p.named_by(word)))
            })
            .or_else(|| {
                words
                    .iter()
                    .find_map(|word| self.pending.iter().rposition(|p| p.suffix_of(word)))
            });
        let Some(index) = index else {
            // A type documented again with nothing new referring to it is a repeat.
            let subject = subject?;
            let op = self.operations.last()?;
            return op
                .objects
                .iter()
                .find(|o| o.name.eq_ignore_ascii_case(&subject))
                .map(|o| o.name.clone());
        };
        let subject = subject.unwrap_or_default();
        let pending = self.pending.remove(index);
        let operation = self.operations.last_mut()?;
        let same_names =
            |a: &[Field], b: &[Field]| a.iter().map(|f| &f.name).eq(b.iter().map(|f| &f.name));
        let existing = operation
            .objects
            .iter()
            .find(|o| o.name == pending.reference);
        let name = match existing {
            None => pending.reference.clone(),
            Some(object) if same_names(&object.fields, fields) => return Some(object.name.clone()),
            Some(_) => {
                let qualified = match &pending.container {
                    Some(container) => format!("{container}.{}", pending.reference),
                    None if subject.contains('.') => subject.clone(),
                    None => format!("{}_{}", pending.reference, operation.objects.len() + 1),
                };
                let referring = |f: &&mut Field| {
                    f.name == pending.field && f.object.as_ref() == Some(&pending.reference)
                };
                let field = match &pending.container {
                    Some(container) => operation
                        .objects
                        .iter_mut()
                        .filter(|o| &o.name == container)
                        .flat_map(|o| o.fields.iter_mut())
                        .find(referring),
                    // A top-level field (the response `security_group` after the request one):
                    // the latest response field of that name, else the parameter.
                    None => operation
                        .responses
                        .iter_mut()
                        .rev()
                        .flat_map(|r| r.fields.iter_mut().rev())
                        .find(referring),
                };
                if let Some(field) = field {
                    field.object = Some(qualified.clone());
                } else if pending.container.is_none()
                    && let Some(parameter) = operation.parameters.iter_mut().rev().find(|p| {
                        p.name == pending.field && p.object.as_ref() == Some(&pending.reference)
                    })
                {
                    parameter.object = Some(qualified.clone());
                }
                qualified
            }
        };
        let references: Vec<PendingReference> = fields
            .iter()
            .filter_map(|f| PendingReference::of(Some(name.clone()), f))
            .collect();
        operation.objects.push(ObjectType {
            name: name.clone(),
            line,
            fields: fields.to_vec(),
        });
        self.pending.extend(references);
        Some(name)
    }

    /// Files a table no field refers to but that documents an object (`Data structure of the
    /// metadata field`, or a further table of a section that already has its top-level table)
    /// as an object of its own, named `name` (numbered when the name is taken), so its fields
    /// are never read as top-level ones. Returns the name it was filed as.
    pub(super) fn unlinked_object(&mut self, name: &str, fields: &[Field], line: u32) -> String {
        let Some(operation) = self.operations.last_mut() else {
            return name.to_string();
        };
        let mut unique = name.to_string();
        let mut n = 1;
        while operation.objects.iter().any(|o| o.name == unique) {
            n += 1;
            unique = format!("{name}_{n}");
        }
        let references: Vec<PendingReference> = fields
            .iter()
            .filter_map(|f| PendingReference::of(Some(unique.clone()), f))
            .collect();
        operation.objects.push(ObjectType {
            name: unique.clone(),
            line,
            fields: fields.to_vec(),
        });
        self.pending.extend(references);
        unique
    }
}

/// The name an object table's caption or label gives the object: its subject
/// (`sub_jobs field description`), else an identifier-like word of it, one with an underscore
/// or an inner capital first (`Parameter description of field checkpoint_req`, `Data
/// structure description of ddosStatus`, `Description for the user format`).
pub(super) fn object_name(text: &str) -> Option<String> {
    if let Some(subject) = caption_subject(text) {
        return Some(subject);
    }
    let words: Vec<&str> = caption_identifiers(text).collect();
    let compound = |w: &&&str| w.contains('_') || w.chars().skip(1).any(|c| c.is_ascii_uppercase());
    words
        .iter()
        .find(compound)
        .or(words.first())
        .map(|w| (*w).to_string())
}

/// Whether a caption or label says its table documents an object or a field's structure.
pub(super) fn describes_object(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "structure",
        "field",
        "object",
        "format",
        "字段",
        "结构",
        "对象",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Whether a caption or the text before a table says it holds top-level parameters or fields
/// (`Request header parameters`, `Parameters in the URI`, `Request filter`, `响应参数`).
pub(super) fn names_top_level(context: &str) -> bool {
    [
        "request param",
        "request body",
        "request header",
        "response param",
        "response body",
        "response header",
        "path param",
        "query param",
        "query string",
        "filter",
        "uri param",
        "parameters in the",
        "parameter in the",
        "request element",
        "response element",
        "common param",
        "header param",
        "请求参数",
        "响应参数",
        "路径参数",
        "查询参数",
        "请求体",
        "响应体",
        "请求头",
        "响应头",
        "返回参数",
    ]
    .iter()
    .any(|w| context.contains(w))
}

/// The identifier-like words of a caption or label that could name a type (`quotas` in `Data
/// structure description of quotas`, `user` in `Description for the user format`); words that
/// describe a table are skipped.
pub(super) fn caption_identifiers(caption_name: &str) -> impl Iterator<Item = &str> {
    caption_name
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|word| word.starts_with(|c: char| c.is_ascii_alphabetic()) && !is_filler(word))
}

/// A word that describes a table rather than naming what it documents.
fn is_filler(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "table"
            | "of"
            | "the"
            | "a"
            | "an"
            | "in"
            | "for"
            | "and"
            | "or"
            | "to"
            | "on"
            | "with"
            | "is"
            | "description"
            | "descriptions"
            | "describes"
            | "field"
            | "fields"
            | "object"
            | "objects"
            | "parameter"
            | "parameters"
            | "request"
            | "response"
            | "body"
            | "header"
            | "headers"
            | "data"
            | "structure"
            | "structures"
            | "format"
            | "formats"
            | "element"
            | "elements"
            | "list"
            | "lists"
            | "details"
            | "information"
            | "attribute"
            | "attributes"
            | "property"
            | "properties"
            | "member"
            | "members"
            | "json"
            | "dictionary"
            | "struct"
            | "array"
            | "see"
            | "following"
            | "this"
            | "these"
    )
}

/// The identifier a caption is about: `FailedTasks`, `entities字段数据结构说明` → `entities`,
/// `sub_jobs.entities field description` → `sub_jobs.entities`.
pub(super) fn caption_subject(caption_name: &str) -> Option<String> {
    let token: String = caption_name
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
        .collect();
    if token.is_empty()
        || is_filler(&token)
        || !token
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
    {
        return None;
    }
    let rest = caption_name[token.len()..].trim().to_lowercase();
    let describes = rest.is_empty()
        || !rest.starts_with(|c: char| c.is_ascii_alphanumeric())
        || ["field", "object", "structure", "parameter", "data"]
            .iter()
            .any(|w| rest.starts_with(w));
    describes.then_some(token)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{columns, parameter_table};
    use super::super::*;
    use super::*;

    #[test]
    fn object_tables_found_by_cited_table_number_or_a_name_in_the_caption() {
        let mut reader = OperationReader::new("s", None, None);
        reader.paragraph("GET /v1/{project_id}/quotas", 1);
        reader.heading("Response");
        let mut top = parameter_table("Table 2 Response parameters", &[("quotas", "Object")]);
        top.rows[0].cells[2] = "The quotas. For details, see Table 4.".into();
        let mut middle = parameter_table(
            "Table 4 Structure of the quota list",
            &[("resources", "Array of objects")],
        );
        middle.rows[0].cells[2] = "详见表5。".into();
        let bottom = parameter_table("表 5 资源", &[("used", "Integer")]);
        let named = parameter_table(
            "Table 6 Data structure description of resources",
            &[("unit", "String")],
        );
        for table in [&top, &middle, &bottom] {
            reader.parameter_table(table, &columns(), 3);
        }
        reader.paragraph("GET /v2/{project_id}/limits", 20);
        reader.heading("Response");
        let limits = parameter_table("Table 1 Response parameters", &[("resources", "Object")]);
        reader.parameter_table(&limits, &columns(), 21);
        reader.parameter_table(&named, &columns(), 22);
        let (operations, _) = reader.finish();
        let objects: Vec<(&str, usize)> = operations[0]
            .objects
            .iter()
            .map(|o| (o.name.as_str(), o.fields.len()))
            .collect();
        assert_eq!(objects, vec![("quotas", 1), ("resources", 1)]);
        assert_eq!(operations[0].responses[0].fields.len(), 1);
        assert_eq!(operations[1].objects[0].name, "resources");
        assert_eq!(operations[1].objects[0].fields[0].name, "unit");
        assert_eq!(cited_table("see Table 3 and Table 3."), Some(3));
        assert_eq!(cited_table("see Table 3 or Table 4."), None);
    }

    #[test]
    fn nested_objects_with_the_same_name_stay_apart() {
        let columns = crate::extract::operations::tests::columns();
        let mut reader = OperationReader::new("s", None, None);
        reader.paragraph("GET /v1/{project_id}/jobs/{job_id}", 1);
        reader.heading("Response");
        let tables = [
            parameter_table(
                "Table 2 Response parameters",
                &[("status", "String"), ("entities", "Object")],
            ),
            parameter_table(
                "Table 3 entities field description",
                &[("sub_jobs", "Array of objects")],
            ),
            parameter_table(
                "Table 4 sub_jobs field description",
                &[("entities", "Object")],
            ),
            parameter_table(
                "Table 5 entities field description",
                &[("server_id", "String")],
            ),
            parameter_table(
                "Table 6 entities field description",
                &[("server_id", "String")],
            ),
        ];
        for table in &tables {
            reader.parameter_table(table, &columns, 1);
        }
        let (operations, _) = reader.finish();
        let op = &operations[0];
        let objects: Vec<&str> = op.objects.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(objects, vec!["entities", "sub_jobs", "sub_jobs.entities"]);
        assert_eq!(
            op.objects[1].fields[0].object.as_deref(),
            Some("sub_jobs.entities")
        );
        assert_eq!(op.responses[0].fields.len(), 2);
    }

    #[test]
    fn caption_subjects() {
        assert_eq!(
            caption_subject("FailedTasks").as_deref(),
            Some("FailedTasks")
        );
        assert_eq!(
            caption_subject("entities字段数据结构说明").as_deref(),
            Some("entities")
        );
        assert_eq!(
            caption_subject("sub_jobs.entities field description").as_deref(),
            Some("sub_jobs.entities")
        );
        assert_eq!(caption_subject("Response body parameters"), None);
        assert_eq!(caption_subject("参数说明"), None);
    }
}
