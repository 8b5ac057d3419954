//! Step 3: one operation per method and path in a module, however many pages document it.
//!
//! - Pages documenting the same method and path template (parameter names aside:
//!   `/jobs/{job_id}` and `/jobs/{id}` are one path) give one operation; their fields are
//!   joined by name, a field is mandatory only where every page says so, a field the pages
//!   type differently becomes `serde_json::Value` with a note, and the English description is
//!   kept where pages differ in language.
//! - A path that fills in a documented template of the module with ids (an example URL such
//!   as `/v1/{project_id}/jobs/0000000062db92d7`) is that template's operation.
//! - Responses with the same status are one; a response with no stated status joins the
//!   success response (the smallest 2xx) when there is one.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{At, has_cjk, operation_key};
use crate::kb::{ExampleKind, Field, Operation, ParameterLocation};

/// One operation of a module, from every page that documents it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct OpModel {
    /// `METHOD path`, the path as its first page writes the template.
    pub key: String,
    /// HTTP method, upper case.
    pub method: String,
    /// Path template.
    pub path: String,
    /// The first English title (else the first title), for the docs.
    pub title: Option<String>,
    /// The `METHOD path` line on each page.
    pub places: Vec<At>,
    /// Request body fields.
    pub request: Vec<FieldModel>,
    /// Responses by status.
    pub responses: Vec<ResponseModel>,
    /// Named objects.
    pub objects: Vec<ObjectModel>,
    /// JSON examples of every page.
    pub examples: Vec<ExampleModel>,
}

/// A documented field with its place.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct FieldModel {
    pub name: String,
    pub type_name: Option<String>,
    pub required: Option<bool>,
    pub description: String,
    pub object: Option<String>,
    pub at: At,
    /// Why the type is not what the table says (Markdown).
    pub notes: Vec<String>,
}

/// A response body.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ResponseModel {
    pub status: Option<u16>,
    pub fields: Vec<FieldModel>,
}

/// A named object.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ObjectModel {
    pub name: String,
    pub at: At,
    pub fields: Vec<FieldModel>,
}

/// A JSON example.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ExampleModel {
    pub kind: ExampleKind,
    pub status: Option<u16>,
    pub value: Value,
    pub at: At,
}

/// The operations of a module and where each documented one went.
pub(super) struct Merged {
    pub operations: Vec<OpModel>,
    /// (source, `METHOD path` as documented) → index into `operations`.
    pub origins: Vec<((String, String), usize)>,
}

/// Merges the documented operations of one module (see the module doc).
pub(super) fn merge(ops: &[&Operation]) -> Merged {
    let templates: Vec<(&str, Vec<&str>)> = ops
        .iter()
        .filter(|op| op.path.contains('{'))
        .map(|op| (op.method.as_str(), segments(&op.path)))
        .collect();
    let mut by_route: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut merged = Merged {
        operations: Vec::new(),
        origins: Vec::new(),
    };
    // Templates first, so an example URL finds its template's operation.
    let mut order: Vec<&&Operation> = ops.iter().collect();
    order.sort_by_key(|op| filled_template(op, &templates).is_some());
    for op in order {
        let path = filled_template(op, &templates).unwrap_or_else(|| op.path.clone());
        let route = (op.method.clone(), route_of(&path));
        let model = model_of(op, &path);
        let index = match by_route.get(&route) {
            Some(&index) => {
                join(&mut merged.operations[index], model);
                index
            }
            None => {
                merged.operations.push(model);
                by_route.insert(route, merged.operations.len() - 1);
                merged.operations.len() - 1
            }
        };
        merged
            .origins
            .push(((op.source.clone(), operation_key(op)), index));
    }
    merged
}

/// Path segments without empty ones.
fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

fn is_parameter(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

/// The path with parameter names left out, so `/jobs/{job_id}` and `/jobs/{id}` are one.
fn route_of(path: &str) -> String {
    segments(path)
        .iter()
        .map(|s| if is_parameter(s) { "{}" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

/// The documented template a path fills in with values (an example URL): same method, same
/// segments, a template parameter wherever they differ, at least one such place, and a digit
/// in every value (an id: `/servers/detail` is its own operation beside `/servers/{id}`);
/// when exactly one route fits.
fn filled_template(op: &Operation, templates: &[(&str, Vec<&str>)]) -> Option<String> {
    let concrete = segments(&op.path);
    let mut found: Vec<&Vec<&str>> = templates
        .iter()
        .filter(|(method, template)| {
            *method == op.method
                && template.len() == concrete.len()
                && template
                    .iter()
                    .zip(&concrete)
                    .all(|(t, c)| t == c || is_parameter(t))
                && template
                    .iter()
                    .zip(&concrete)
                    .any(|(t, c)| is_parameter(t) && !is_parameter(c))
                && template
                    .iter()
                    .zip(&concrete)
                    .filter(|(t, c)| is_parameter(t) && !is_parameter(c))
                    .all(|(_, c)| c.chars().any(|ch| ch.is_ascii_digit()))
        })
        .map(|(_, template)| template)
        .collect();
    found.sort_by_key(|t| route_of(&t.join("/")));
    found.dedup_by_key(|t| route_of(&t.join("/")));
    match found.as_slice() {
        [one] => Some(format!("/{}", one.join("/"))),
        _ => None,
    }
}

fn model_of(op: &Operation, path: &str) -> OpModel {
    let at = |line| At::new(&op.source, line);
    let field = |f: &Field| FieldModel {
        name: f.name.clone(),
        type_name: f.type_name.clone(),
        required: f.required,
        description: f.description.clone(),
        object: f.object.clone(),
        at: at(f.line),
        notes: Vec::new(),
    };
    let request = op
        .parameters
        .iter()
        .filter(|p| p.location == ParameterLocation::Body)
        .map(|p| FieldModel {
            name: p.name.clone(),
            type_name: p.type_name.clone(),
            required: p.required,
            description: p.description.clone(),
            object: p.object.clone(),
            at: at(p.line),
            notes: Vec::new(),
        })
        .collect();
    let mut responses: Vec<ResponseModel> = Vec::new();
    for response in op.responses.iter().filter(|r| !r.fields.is_empty()) {
        let fields: Vec<FieldModel> = response.fields.iter().map(field).collect();
        match responses.iter_mut().find(|r| r.status == response.status) {
            Some(existing) => join_fields(&mut existing.fields, fields),
            None => responses.push(ResponseModel {
                status: response.status,
                fields,
            }),
        }
    }
    OpModel {
        key: format!("{} {path}", op.method),
        method: op.method.clone(),
        path: path.to_string(),
        title: op.title.clone().filter(|t| !t.trim().is_empty()),
        places: vec![at(op.line)],
        request,
        responses,
        objects: op
            .objects
            .iter()
            .map(|o| ObjectModel {
                name: o.name.clone(),
                at: at(o.line),
                fields: o.fields.iter().map(field).collect(),
            })
            .collect(),
        examples: op
            .examples
            .iter()
            .map(|e| ExampleModel {
                kind: e.kind,
                status: e.status,
                value: e.value.clone(),
                at: at(e.line),
            })
            .collect(),
    }
}

/// The smallest 2xx status among responses.
pub(super) fn success_status(responses: &[ResponseModel]) -> Option<u16> {
    responses
        .iter()
        .filter_map(|r| r.status)
        .filter(|s| (200..300).contains(s))
        .min()
}

/// Joins another page's documentation of the same operation into `into`.
fn join(into: &mut OpModel, other: OpModel) {
    into.places.extend(other.places);
    let english = |t: &Option<String>| t.as_deref().is_some_and(|t| !has_cjk(t));
    if !english(&into.title) && english(&other.title) || into.title.is_none() {
        into.title = other.title;
    }
    join_fields(&mut into.request, other.request);
    let success = success_status(&into.responses);
    for response in other.responses {
        let same = into.responses.iter_mut().position(|r| {
            r.status == response.status
                || (response.status.is_none() && r.status == success && success.is_some())
                || (r.status.is_none() && response.status.is_some_and(|s| (200..300).contains(&s)))
        });
        match same {
            Some(position) => {
                let existing = &mut into.responses[position];
                if existing.status.is_none() {
                    existing.status = response.status;
                }
                join_fields(&mut existing.fields, response.fields);
            }
            None => into.responses.push(response),
        }
    }
    for object in other.objects {
        match into.objects.iter_mut().find(|o| o.name == object.name) {
            Some(existing) => join_fields(&mut existing.fields, object.fields),
            None => into.objects.push(object),
        }
    }
    into.examples.extend(other.examples);
}

/// Joins fields by name (see the module doc).
fn join_fields(into: &mut Vec<FieldModel>, other: Vec<FieldModel>) {
    for field in other {
        let Some(existing) = into.iter_mut().find(|f| f.name == field.name) else {
            into.push(field);
            continue;
        };
        if existing.required != field.required {
            existing.required =
                (existing.required == Some(true) && field.required == Some(true)).then_some(true);
        }
        if existing.object.is_none() {
            existing.object.clone_from(&field.object);
        }
        let kind = |f: &FieldModel| super::structs::documented_type(f.type_name.as_deref(), None);
        if field.type_name.is_some()
            && existing.type_name.is_some()
            && kind(existing) != kind(&field)
        {
            existing.notes.push(format!(
                "Typed `serde_json::Value`: documented as {} and as {}.",
                super::super::docs::code_span(existing.type_name.as_deref().unwrap_or("")),
                super::super::docs::code_span(field.type_name.as_deref().unwrap_or(""))
            ));
            existing.type_name = None;
            existing.object = None;
        } else if existing.type_name.is_none() && existing.notes.is_empty() {
            existing.type_name = field.type_name;
        }
        if has_cjk(&existing.description) && !has_cjk(&field.description)
            || existing.description.trim().is_empty()
        {
            existing.description = field.description;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(source: &str, path: &str, fields: &[(&str, &str)]) -> Operation {
        Operation {
            service: None,
            method: "GET".into(),
            path: path.into(),
            title: None,
            source: source.into(),
            line: 1,
            parameters: Vec::new(),
            responses: vec![crate::kb::Response {
                status: Some(200),
                description: None,
                fields: fields
                    .iter()
                    .enumerate()
                    .map(|(i, (name, ty))| Field {
                        name: (*name).into(),
                        type_name: Some((*ty).into()),
                        required: Some(true),
                        description: String::new(),
                        object: None,
                        line: 10 + i as u32,
                    })
                    .collect(),
                headers: Vec::new(),
            }],
            objects: Vec::new(),
            examples: Vec::new(),
            request_modes: Vec::new(),
        }
    }

    #[test]
    fn one_path_on_several_pages_is_one_operation() {
        let a = op(
            "a",
            "/v1/{project_id}/jobs/{job_id}",
            &[("status", "String")],
        );
        let b = op(
            "b",
            "/v1/{tenant}/jobs/{id}",
            &[("status", "String"), ("code", "String")],
        );
        let url = op(
            "c",
            "/v1/{project_id}/jobs/0000000062db92d70162db9d200f000a",
            &[("x", "Integer")],
        );
        let merged = merge(&[&a, &b, &url]);
        assert_eq!(merged.operations.len(), 1);
        let only = &merged.operations[0];
        assert_eq!(only.key, "GET /v1/{project_id}/jobs/{job_id}");
        let names: Vec<&str> = only.responses[0]
            .fields
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(names, ["status", "code", "x"]);
        assert_eq!(merged.origins.len(), 3);
        assert!(merged.origins.iter().all(|(_, index)| *index == 0));
    }

    #[test]
    fn pages_that_type_a_field_differently_give_json_with_a_note() {
        let a = op("a", "/jobs", &[("count", "Integer")]);
        let b = op("b", "/jobs", &[("count", "String")]);
        let merged = merge(&[&a, &b]);
        let field = &merged.operations[0].responses[0].fields[0];
        assert_eq!(field.type_name, None);
        assert!(field.notes[0].contains("`Integer`"), "{:?}", field.notes);
    }

    #[test]
    fn different_paths_stay_apart() {
        let a = op("a", "/v1/{p}/jobs/{job_id}", &[]);
        let b = op("a", "/v1/{p}/sfs-turbo/jobs/{job_id}", &[]);
        let words = op("a", "/v1/{p}/jobs/detail", &[]);
        assert_eq!(merge(&[&a, &b, &words]).operations.len(), 3);
    }
}
