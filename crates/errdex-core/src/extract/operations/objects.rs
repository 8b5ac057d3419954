//! Object types: a table whose caption names a type an earlier field refers to, or that an
//! earlier field cites by number (`For details, see Table 3.`), documents that type.

use std::sync::LazyLock;

use regex::Regex;

use super::OperationReader;
use crate::kb::{Field, ObjectType};

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
    pub(super) fn of(container: Option<String>, field: &Field) -> Option<Self> {
        let reference = field.object.clone()?;
        Some(PendingReference {
            container,
            field: field.name.clone(),
            table: cited_table(&field.description),
            reference,
        })
    }
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

/// The number of a caption (`Table 3 Description of …` → 3, `表 2 参数说明` → 2).
pub(super) fn caption_number(caption: &str) -> Option<u32> {
    let rest = caption
        .trim_start()
        .strip_prefix("Table")
        .or_else(|| caption.trim_start().strip_prefix('表'))?
        .trim_start();
    let digits: &str = &rest[..rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len())];
    digits.parse().ok()
}

impl OperationReader {
    /// Files a table whose caption names a type an earlier field refers to
    /// (`Array of FailedTasks objects` → `Table 5 FailedTasks`). Returns false when the caption
    /// names no pending reference. A second table for a name already taken becomes
    /// `container.name` (`sub_jobs.entities`) and the referring field is pointed at it; an
    /// identical repeat (the same object documented again under another status) is dropped.
    pub(super) fn object_table(
        &mut self,
        caption: &str,
        caption_name: &str,
        fields: &[Field],
        line: u32,
    ) -> bool {
        let subject = caption_subject(caption_name);
        let by_subject = subject.as_deref().and_then(|subject| {
            let last = subject.rsplit('.').next().unwrap_or(subject);
            self.pending.iter().position(|p| {
                p.reference.eq_ignore_ascii_case(subject) || p.reference.eq_ignore_ascii_case(last)
            })
        });
        // Else the table a pending field cites by number (`see Table 3` → `Table 3 …`), else
        // a pending type named anywhere in the caption (`Data structure description of
        // quotas`, `Objects of response parameter security_group`).
        let number = caption_number(caption);
        let index = by_subject
            .or_else(|| number.and_then(|n| self.pending.iter().rposition(|p| p.table == Some(n))))
            .or_else(|| {
                caption_identifiers(caption_name)
                    .find_map(|token| self.pending.iter().rposition(|p| p.reference == token))
            });
        let Some(index) = index else {
            // A type documented again with nothing new referring to it is a repeat.
            return subject.is_some_and(|subject| {
                self.operations.last().is_some_and(|op| {
                    op.objects
                        .iter()
                        .any(|o| o.name.eq_ignore_ascii_case(&subject))
                })
            });
        };
        let subject = subject.unwrap_or_default();
        let pending = self.pending.remove(index);
        let Some(operation) = self.operations.last_mut() else {
            return false;
        };
        let same_names =
            |a: &[Field], b: &[Field]| a.iter().map(|f| &f.name).eq(b.iter().map(|f| &f.name));
        let existing = operation
            .objects
            .iter()
            .find(|o| o.name == pending.reference);
        let name = match existing {
            None => pending.reference.clone(),
            Some(object) if same_names(&object.fields, fields) => return true,
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
            name,
            line,
            fields: fields.to_vec(),
        });
        self.pending.extend(references);
        true
    }
}

/// The identifier-like words of a caption that could name a type (`quotas` in `Data
/// structure description of quotas`); words that describe a table are skipped.
pub(super) fn caption_identifiers(caption_name: &str) -> impl Iterator<Item = &str> {
    caption_name
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|word| {
            word.starts_with(|c: char| c.is_ascii_alphabetic())
                && !matches!(
                    word.to_ascii_lowercase().as_str(),
                    "table"
                        | "of"
                        | "the"
                        | "a"
                        | "an"
                        | "in"
                        | "description"
                        | "descriptions"
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
                )
        })
}

/// The identifier a caption is about: `FailedTasks`, `entities字段数据结构说明` → `entities`,
/// `sub_jobs.entities field description` → `sub_jobs.entities`.
pub(super) fn caption_subject(caption_name: &str) -> Option<String> {
    let token: String = caption_name
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
        .collect();
    if token.is_empty()
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
        assert_eq!(caption_number("表 12 说明"), Some(12));
    }

    #[test]
    fn nested_objects_with_the_same_name_stay_apart() {
        let columns = ParameterColumns {
            name: 0,
            mandatory: None,
            type_name: Some(1),
            description: Some(2),
            location: None,
            default: None,
            range: None,
        };
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
