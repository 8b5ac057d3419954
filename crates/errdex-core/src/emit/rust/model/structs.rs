//! Step 6: structs for request bodies, response bodies and objects, and the names of every
//! type of a module (structs first, then enums, see [`super::names`]).
//!
//! - Objects: a documented type name (`OperationLog`, `FailedTasks`) is kept, and identical
//!   objects of several operations are one struct; an object named after the field holding it
//!   (`entities`, `sub_jobs.entities`) is named with its operation (`JobEntities`).
//! - Responses with the same fields are one struct: `{Operation}Response` for the success
//!   response, `{Operation}ErrorResponse` for the error body (or `{Operation}NotFoundResponse`
//!   and so on when error bodies differ).
//! - A field is typed, in order: the object it holds; the enumeration documented for it in
//!   its operation; the module's `ErrorCode` when it carries error codes (a member named like
//!   one, `error_code`, `errCode`; or a description whose first sentence names an error code,
//!   for a member not named like a message; or examples whose values are all documented
//!   codes); the one enumeration of the module documented under its name; else its
//!   documented type.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::enums::{Binding, EnumModel, Owner};
use super::names::{TypeNames, Wanted, join_words, name_words};
use super::operations::{FieldModel, OpModel, success_status};
use super::{At, EnumPlan, FieldPlan, FieldType, StructPlan, VariantPlan};
use crate::emit::rust::docs::code_span;
use crate::emit::rust::ident::{Case, Names, ident, words};
use crate::kb::{ExampleKind, canonical_code};

/// What a module's structs are made from.
pub(super) struct Input<'a> {
    pub operations: &'a [OpModel],
    /// Each operation's name (words).
    pub op_names: &'a [Vec<String>],
    pub enums: &'a [EnumModel],
    /// Canonical codes documented for the module.
    pub codes: &'a BTreeSet<String>,
}

/// A module's structs and enums, named, and its examples with their structs.
pub(super) struct Built {
    pub structs: Vec<StructPlan>,
    pub enums: Vec<EnumPlan>,
    pub examples: Vec<(usize, PendingExample)>,
}

/// An example waiting to widen its struct.
#[derive(Debug, Clone)]
pub(super) struct PendingExample {
    pub value: Value,
    pub at: At,
    /// Where it is, in words, for notes.
    pub origin: String,
}

/// A response struct of an operation: the statuses it answers, its pending index, its field
/// names (to match an example without a status).
struct ResponseStruct {
    statuses: Vec<Option<u16>>,
    index: usize,
    names: BTreeSet<String>,
}

/// What makes two documented fields the same: name, type, required, object.
type FieldSignature<'a> = (&'a str, Option<&'a str>, Option<bool>, Option<&'a str>);

/// A struct before its fields are typed.
struct Pending {
    wanted: Wanted,
    about: String,
    places: Vec<At>,
    op: usize,
    owner: Owner,
    fields: Vec<FieldModel>,
}

/// Builds a module's structs and enums.
pub(super) fn build(input: &Input) -> Built {
    let mut pending: Vec<Pending> = Vec::new();
    // Shared objects by documented name and fields → pending index.
    let mut shared: BTreeMap<String, usize> = BTreeMap::new();
    // (operation, object name) → pending index, and (operation, response status) → index.
    let mut objects: BTreeMap<(usize, String), usize> = BTreeMap::new();
    let mut responses: Vec<Vec<ResponseStruct>> = Vec::new();
    let mut requests: Vec<Option<usize>> = Vec::new();
    for (op_index, op) in input.operations.iter().enumerate() {
        let op_name = &input.op_names[op_index];
        let described = describe(op);
        for object in &op.objects {
            let documented = is_type_name(&object.name);
            let signature = format!("{}\u{0}{:?}", object.name, signature(&object.fields));
            if documented && let Some(&existing) = shared.get(&signature) {
                pending[existing].places.push(object.at.clone());
                objects.insert((op_index, object.name.clone()), existing);
                continue;
            }
            let own = name_words(&object.name);
            let candidates = match documented {
                true => vec![own.clone(), join_words(op_name, &own)],
                false => vec![join_words(op_name, &own)],
            };
            pending.push(Pending {
                wanted: Wanted {
                    key: format!("{}\u{0}2 object {}", op.key, object.name),
                    candidates,
                },
                about: format!("The {} object of {described}.", code_span(&object.name)),
                places: vec![object.at.clone()],
                op: op_index,
                owner: Owner::Object(object.name.clone()),
                fields: object.fields.clone(),
            });
            if documented {
                shared.insert(signature, pending.len() - 1);
            }
            objects.insert((op_index, object.name.clone()), pending.len() - 1);
        }
        requests.push((!op.request.is_empty()).then(|| {
            pending.push(Pending {
                wanted: Wanted {
                    key: format!("{}\u{0}0 request", op.key),
                    candidates: vec![join_words(op_name, &words("Request"))],
                },
                about: format!("The request body of {described}."),
                places: first_place_per_source(&op.request),
                op: op_index,
                owner: Owner::Request,
                fields: op.request.clone(),
            });
            pending.len() - 1
        }));
        responses.push(response_structs(
            op,
            op_name,
            &described,
            op_index,
            &mut pending,
        ));
    }
    // Stable order: by key, so indices do not depend on the order facts were met.
    let mut order: Vec<usize> = (0..pending.len()).collect();
    order.sort_by(|&a, &b| pending[a].wanted.key.cmp(&pending[b].wanted.key));
    let mut position = vec![0; pending.len()];
    for (new, &old) in order.iter().enumerate() {
        position[old] = new;
    }
    let mut type_names = TypeNames::new();
    let wanted: Vec<Wanted> = order.iter().map(|&i| pending[i].wanted.clone()).collect();
    let struct_idents = type_names.assign(&wanted);
    let object_struct = |op: usize, name: &str| -> Option<usize> {
        objects.get(&(op, name.to_string())).map(|&i| position[i])
    };
    let enums = name_enums(input, &mut type_names, &struct_idents, &object_struct);
    let example_values = examples_by_member(input.operations);
    let mut structs: Vec<StructPlan> = Vec::with_capacity(pending.len());
    for (&old, ident) in order.iter().zip(struct_idents) {
        let item = &pending[old];
        let typing = Typing {
            input,
            op: item.op,
            owner: &item.owner,
            object_struct: &object_struct,
            values: &example_values[item.op],
        };
        structs.push(StructPlan {
            ident,
            about: item.about.clone(),
            places: item.places.clone(),
            fields: typing.fields(&item.fields),
        });
    }
    let mut examples = Vec::new();
    for (op_index, op) in input.operations.iter().enumerate() {
        for example in &op.examples {
            let target = match example.kind {
                ExampleKind::Request => requests[op_index],
                ExampleKind::Response => {
                    response_for(example.status, &example.value, &responses[op_index])
                }
            };
            if let Some(target) = target {
                examples.push((
                    position[target],
                    PendingExample {
                        value: example.value.clone(),
                        at: example.at.clone(),
                        origin: format!("{} line {}", example.at.source, example.at.line),
                    },
                ));
            }
        }
    }
    Built {
        structs,
        enums,
        examples,
    }
}

/// `METHOD path` as a Markdown code span, with the operation's title.
fn describe(op: &OpModel) -> String {
    match &op.title {
        Some(title) => format!(
            "{} ({})",
            code_span(&op.key),
            crate::emit::rust::docs::escape_markdown(title)
        ),
        None => code_span(&op.key),
    }
}

/// A name written like a type (`OperationLog`): letters and digits with a capital letter.
fn is_type_name(name: &str) -> bool {
    name.chars().all(|c| c.is_ascii_alphanumeric()) && name.chars().any(|c| c.is_ascii_uppercase())
}

/// What makes two documented field lists the same: names, types, required, objects.
fn signature(fields: &[FieldModel]) -> Vec<FieldSignature<'_>> {
    fields
        .iter()
        .map(|f| {
            (
                f.name.as_str(),
                f.type_name.as_deref(),
                f.required,
                f.object.as_deref(),
            )
        })
        .collect()
}

/// The table of a field list on each page: the first field from each source.
fn first_place_per_source(fields: &[FieldModel]) -> Vec<At> {
    let mut seen = BTreeSet::new();
    fields
        .iter()
        .filter(|f| seen.insert(f.at.source.clone()))
        .map(|f| f.at.clone())
        .collect()
}

/// The response structs of an operation: responses with the same fields share one.
fn response_structs(
    op: &OpModel,
    op_name: &[String],
    described: &str,
    op_index: usize,
    pending: &mut Vec<Pending>,
) -> Vec<ResponseStruct> {
    let success = success_status(&op.responses);
    let mut groups: Vec<(Vec<Option<u16>>, &Vec<FieldModel>)> = Vec::new();
    for response in &op.responses {
        match groups
            .iter_mut()
            .find(|(_, fields)| signature(fields) == signature(&response.fields))
        {
            Some((statuses, _)) => statuses.push(response.status),
            None => groups.push((vec![response.status], &response.fields)),
        }
    }
    let is_error = |statuses: &[Option<u16>]| statuses.iter().all(|s| s.is_some_and(|s| s >= 400));
    let error_groups = groups.iter().filter(|(s, _)| is_error(s)).count();
    let mut made = Vec::new();
    for (statuses, fields) in groups {
        let lowest = statuses.iter().flatten().min().copied();
        let succeeds = statuses.contains(&success) && success.is_some()
            || success.is_none() && statuses.contains(&None);
        let role = if succeeds {
            "Response".to_string()
        } else if is_error(&statuses) && error_groups == 1 {
            "Error Response".to_string()
        } else {
            format!("{} Response", lowest.map_or("Unstated".to_string(), reason))
        };
        let status_words = match statuses.iter().flatten().collect::<Vec<_>>().as_slice() {
            [] => "unstated status".to_string(),
            [one] => format!("status {one}"),
            many => format!(
                "statuses {}",
                many.iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        pending.push(Pending {
            wanted: Wanted {
                key: format!(
                    "{}\u{0}1 response {}",
                    op.key,
                    lowest.map_or("none".to_string(), |s| format!("{s:03}"))
                ),
                candidates: vec![join_words(op_name, &words(&role))],
            },
            about: format!("The response body of {described}, {status_words}."),
            places: first_place_per_source(fields),
            op: op_index,
            owner: Owner::Response,
            fields: fields.clone(),
        });
        let names = fields.iter().map(|f| f.name.clone()).collect();
        made.push(ResponseStruct {
            statuses,
            index: pending.len() - 1,
            names,
        });
    }
    made
}

/// The reason phrase of an HTTP status, for a type name (`NotFound`), else `Status418`.
fn reason(status: u16) -> String {
    let phrase = match status {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        206 => "Partial Content",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "Precondition Failed",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return format!("Status {status}"),
    };
    phrase.to_string()
}

/// The response struct an example belongs to: by status, else the one whose fields cover the
/// most of the example's keys (ties: the first).
fn response_for(status: Option<u16>, value: &Value, responses: &[ResponseStruct]) -> Option<usize> {
    if let Some(status) = status
        && let Some(found) = responses
            .iter()
            .find(|r| r.statuses.contains(&Some(status)))
    {
        return Some(found.index);
    }
    let keys: BTreeSet<&str> = match value {
        Value::Object(map) => map.keys().map(String::as_str).collect(),
        _ => return None,
    };
    let mut best: Option<(usize, usize)> = None;
    for response in responses {
        let covered = keys.iter().filter(|k| response.names.contains(**k)).count();
        if covered > 0 && best.is_none_or(|(c, _)| covered > c) {
            best = Some((covered, response.index));
        }
    }
    best.map(|(_, index)| index)
}

/// Names the enums (after the structs, whose names their owners' names come from).
fn name_enums(
    input: &Input,
    type_names: &mut TypeNames,
    struct_idents: &[String],
    object_struct: &dyn Fn(usize, &str) -> Option<usize>,
) -> Vec<EnumPlan> {
    let wanted: Vec<Wanted> = input
        .enums
        .iter()
        .map(|model| {
            let own = name_words(&model.name);
            let candidates = match (&model.binding, model.operation) {
                (Some(binding), _) => {
                    let subject = match &binding.owner {
                        Owner::Object(name) => match object_struct(binding.op, name) {
                            Some(index) => words(&struct_idents[index]),
                            None => join_words(&input.op_names[binding.op], &name_words(name)),
                        },
                        Owner::Request | Owner::Response => input.op_names[binding.op].clone(),
                    };
                    vec![join_words(&subject, &words(&binding.field))]
                }
                (None, Some(op)) => vec![join_words(&input.op_names[op], &own)],
                (None, None) => vec![own.clone(), join_words(&own, &words("Values"))],
            };
            Wanted {
                key: model.key(),
                candidates,
            }
        })
        .collect();
    let idents = type_names.assign(&wanted);
    input
        .enums
        .iter()
        .zip(idents)
        .map(|(model, ident)| EnumPlan {
            ident,
            about: enum_about(input, model),
            places: model.places.clone(),
            variants: plan_variants(&model.values, &model.retired),
        })
        .collect()
}

fn enum_about(input: &Input, model: &EnumModel) -> String {
    let op_key = |op: usize| code_span(&input.operations[op].key);
    match (&model.binding, model.operation) {
        (Some(Binding { op, owner, field }), _) => {
            let part = match owner {
                Owner::Request => "the request body".to_string(),
                Owner::Response => "the response body".to_string(),
                Owner::Object(name) => format!("the {} object", code_span(name)),
            };
            format!(
                "The documented values of {} in {part} of {}.",
                code_span(field),
                op_key(*op)
            )
        }
        (None, Some(op)) => format!(
            "The documented values of {} of {}.",
            code_span(&model.name),
            op_key(op)
        ),
        (None, None) => format!("The documented values of {}.", code_span(&model.name)),
    }
}

/// An enum's variants: one per value, named from the value; two values with one name (`FAIL`,
/// `Fail`) are told apart in the order of the values themselves.
fn plan_variants(
    values: &[(String, String)],
    retired: &BTreeMap<String, String>,
) -> Vec<VariantPlan> {
    let mut names = Names::with_reserved(&["Unknown"]);
    let mut seen = BTreeSet::new();
    let mut unique: Vec<&(String, String)> = values
        .iter()
        .filter(|(v, _)| seen.insert(v.clone()))
        .collect();
    let mut by_value: Vec<usize> = (0..unique.len()).collect();
    by_value.sort_by(|&a, &b| unique[a].0.cmp(&unique[b].0));
    let mut idents = vec![String::new(); unique.len()];
    for index in by_value {
        idents[index] = names.take(&unique[index].0, Case::UpperCamel);
    }
    unique
        .drain(..)
        .zip(idents)
        .map(|((value, description), ident)| VariantPlan {
            ident,
            value: value.clone(),
            description: description.clone(),
            retired: retired.get(value).cloned(),
        })
        .collect()
}

/// The string values of every member of an operation's examples, by member name, per
/// operation.
fn examples_by_member(operations: &[OpModel]) -> Vec<BTreeMap<String, Vec<String>>> {
    fn walk(value: &Value, into: &mut BTreeMap<String, Vec<String>>) {
        match value {
            Value::Object(map) => {
                for (key, member) in map {
                    match member {
                        Value::String(text) if !text.trim().is_empty() => {
                            into.entry(key.clone()).or_default().push(text.clone())
                        }
                        Value::Number(number) => into
                            .entry(key.clone())
                            .or_default()
                            .push(number.to_string()),
                        _ => walk(member, into),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, into)),
            _ => {}
        }
    }
    operations
        .iter()
        .map(|op| {
            let mut values = BTreeMap::new();
            for example in &op.examples {
                walk(&example.value, &mut values);
            }
            values
        })
        .collect()
}

/// Types the fields of one struct.
struct Typing<'a> {
    input: &'a Input<'a>,
    op: usize,
    owner: &'a Owner,
    object_struct: &'a dyn Fn(usize, &str) -> Option<usize>,
    /// The operation's example values by member name.
    values: &'a BTreeMap<String, Vec<String>>,
}

impl Typing<'_> {
    fn fields(&self, fields: &[FieldModel]) -> Vec<FieldPlan> {
        let mut names = Names::default();
        let mut seen = BTreeSet::new();
        fields
            .iter()
            .filter(|f| seen.insert(f.name.clone()))
            .map(|field| {
                let mut notes = field.notes.clone();
                let ty = self.field_type(field, &mut notes);
                FieldPlan {
                    ident: names.take(&field.name, Case::Snake),
                    name: field.name.clone(),
                    ty,
                    optional: field.required != Some(true),
                    boxed: false,
                    documented_type: field.type_name.clone(),
                    description: field.description.clone(),
                    at: field.at.clone(),
                    notes,
                }
            })
            .collect()
    }

    fn field_type(&self, field: &FieldModel, notes: &mut Vec<String>) -> FieldType {
        let own_enum = self.own_enum(&field.name);
        let carries_codes = own_enum.is_none() && self.carries_codes(field);
        let enum_type = match carries_codes {
            true => None,
            false => own_enum.or_else(|| self.named_enum(&field.name)),
        };
        let ty = documented_type(field.type_name.as_deref(), enum_type);
        if let Some(object) = &field.object {
            return match (self.object_struct)(self.op, object) {
                Some(target) => with_struct(&ty, target),
                None => {
                    notes.push(format!(
                        "Typed `serde_json::Value`: the {} object is not documented.",
                        code_span(object)
                    ));
                    FieldType::Json
                }
            };
        }
        if carries_codes {
            return with_codes(&ty);
        }
        ty
    }

    /// The enumeration documented for a field of this operation: for it, else the one of the
    /// operation for a field of its name.
    fn own_enum(&self, name: &str) -> Option<usize> {
        let enums = self.input.enums;
        let exact = enums.iter().position(|e| {
            e.binding
                .as_ref()
                .is_some_and(|b| b.op == self.op && b.owner == *self.owner && b.field == name)
        });
        let unique = |found: Vec<usize>| -> Option<usize> {
            match found.as_slice() {
                [one] => Some(*one),
                _ => None,
            }
        };
        let same_op = || {
            unique(
                (0..enums.len())
                    .filter(|&i| {
                        enums[i]
                            .binding
                            .as_ref()
                            .is_some_and(|b| b.op == self.op && b.field == name)
                    })
                    .collect(),
            )
        };
        exact.or_else(same_op)
    }

    /// The one enumeration of the module documented under a field's name (for a field of
    /// another operation, or as a table of that name).
    fn named_enum(&self, name: &str) -> Option<usize> {
        let enums = self.input.enums;
        let field_ident = ident(name, Case::Snake);
        let found: Vec<usize> = (0..enums.len())
            .filter(|&i| match &enums[i].binding {
                Some(b) => b.field == name,
                None => ident(&enums[i].name, Case::Snake) == field_ident,
            })
            .collect();
        match found.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Whether a field carries the module's error codes (see the module doc).
    fn carries_codes(&self, field: &FieldModel) -> bool {
        if crate::annotate::is_code_member(&field.name) {
            return true;
        }
        if describes_error_code(&field.description) && !named_like_a_message(&field.name) {
            return true;
        }
        let values = self.values.get(&field.name).map_or(&[][..], Vec::as_slice);
        !values.is_empty()
            && values
                .iter()
                .all(|v| self.input.codes.contains(&canonical_code(v)))
    }
}

/// Whether the first sentence of a description says the field is an error code (`Specifies
/// the error code returned …`, `Error code.`, `…的错误码。`); a first sentence that only
/// refers elsewhere (`For details, see Error Codes.`) does not count.
fn describes_error_code(description: &str) -> bool {
    let first = description
        .split(['.', '。', '\n', ';', '；'])
        .map(str::trim)
        .find(|s| !s.is_empty())
        .unwrap_or("")
        .to_lowercase();
    let refers = [
        "for details",
        "see ",
        "refer to",
        "详见",
        "请参见",
        "请参考",
    ];
    if refers.iter().any(|r| first.starts_with(r)) {
        return false;
    }
    [
        "error code",
        "errorcode",
        "error_code",
        "错误码",
        "错误代码",
    ]
    .iter()
    .any(|p| first.contains(p))
}

/// A member named like a message or a reason, which a description may call "the error code's
/// message" without holding a code.
fn named_like_a_message(name: &str) -> bool {
    let folded = name.to_lowercase();
    ["msg", "message", "reason", "desc", "detail", "text", "info"]
        .iter()
        .any(|word| folded.contains(word))
}

/// The element type made a struct: `Vec<Json>` → `Vec<Struct>`, `Json` → `Struct`.
fn with_struct(ty: &FieldType, target: usize) -> FieldType {
    match ty {
        FieldType::List(inner) => FieldType::List(Box::new(with_struct(inner, target))),
        _ => FieldType::Struct(target),
    }
}

/// The type made the module's `ErrorCode` where it holds text or numbers.
fn with_codes(ty: &FieldType) -> FieldType {
    match ty {
        FieldType::List(inner) => FieldType::List(Box::new(with_codes(inner))),
        FieldType::Text | FieldType::Json | FieldType::Integer => FieldType::ErrorCode,
        other => other.clone(),
    }
}

/// The type a documented type name stands for (`Integer`, `Array of strings`, `Boolean`,
/// `整数`); `enum_type` replaces a text element type.
pub fn documented_type(type_name: Option<&str>, enum_type: Option<usize>) -> FieldType {
    let lower = type_name.unwrap_or("").trim().to_lowercase();
    let list_element = ["array of ", "list of ", "list<", "array<", "array[", "数组"]
        .iter()
        .find_map(|prefix| lower.find(prefix).map(|at| &lower[at + prefix.len()..]))
        .or_else(|| lower.strip_suffix("[]"))
        .or_else(|| (lower == "array" || lower == "list").then_some(""));
    match list_element {
        Some(element) => FieldType::List(Box::new(scalar_type(element, enum_type))),
        None => scalar_type(&lower, enum_type),
    }
}

fn scalar_type(lower: &str, enum_type: Option<usize>) -> FieldType {
    let word = lower
        .trim()
        .trim_end_matches(['>', ']', ')'])
        .trim_end_matches(" objects")
        .trim_end_matches(" object")
        .trim_end_matches('s')
        .trim();
    let scalar = match word {
        "integer" | "int" | "int32" | "int64" | "long" | "short" | "整数" | "整型" | "长整型" => {
            FieldType::Integer
        }
        "number" | "float" | "double" | "decimal" | "bigdecimal" | "数值" | "浮点" => {
            FieldType::Number
        }
        "boolean" | "bool" | "布尔" | "布尔型" => FieldType::Boolean,
        "string" | "str" | "字符串" | "uuid" | "date" | "datetime" | "timestamp" => {
            FieldType::Text
        }
        _ => FieldType::Json,
    };
    match (scalar, enum_type) {
        (FieldType::Text | FieldType::Json, Some(index)) => FieldType::Enum(index),
        (scalar, _) => scalar,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_that_name_an_error_code() {
        for yes in [
            "Specifies the error code returned upon a job execution failure. For details, see Error Code Description.",
            "Error code.",
            "The error code returned if the task execution fails.",
            "Job执行失败时的错误码。 Job执行成功后，该值为null。",
        ] {
            assert!(describes_error_code(yes), "{yes}");
        }
        for no in [
            "Specifies the cause of a job execution failure. For details, see Error Code Description.",
            "For details, see Error Codes.",
            "HTTP status code.",
            "Specifies the error message.",
        ] {
            assert!(!describes_error_code(no), "{no}");
        }
        assert!(named_like_a_message("errorcode_message"));
        assert!(!named_like_a_message("code"));
    }

    #[test]
    fn variants_of_one_name_are_told_apart_by_value_order() {
        let values = |list: &[&str]| -> Vec<(String, String)> {
            list.iter()
                .map(|v| (v.to_string(), String::new()))
                .collect()
        };
        let idents = |list: &[&str]| -> Vec<String> {
            plan_variants(&values(list), &BTreeMap::new())
                .into_iter()
                .map(|v| v.ident)
                .collect()
        };
        assert_eq!(idents(&["Fail", "FAIL"]), ["Fail2", "Fail"]);
        assert_eq!(idents(&["FAIL", "Fail", "OK"]), ["Fail", "Fail2", "Ok"]);
        assert_eq!(idents(&["unknown", "a", "a"]), ["Unknown2", "A"]);
    }

    #[test]
    fn status_reasons_name_responses() {
        assert_eq!(reason(404), "Not Found");
        assert_eq!(reason(418), "Status 418");
    }
}
