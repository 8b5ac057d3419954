//! Flattened tables: one table that lists an object field and then, as plain rows after it,
//! the fields inside that object (`group | Object` followed by `description`, `domain_id`,
//! `name`). No caption or citation tells the nesting; the page's own JSON examples do: rows
//! after the object field that the examples show inside it, and never beside it, are its
//! fields. They become the object's type, as if a table of their own had documented it.

use serde_json::{Map, Value};

use crate::kb::{ExampleKind, Field, ObjectType, Operation, Parameter, ParameterLocation};

/// Rows moved into the object a field holds: `(line of the row, object it now belongs to)`,
/// in order, a row moved again further down listed again (the last entry is where it is).
pub(super) type Moved = Vec<(u32, String)>;

/// Nests the flattened rows of an operation's request body and responses, using its examples.
/// Returns the rows it moved, so the enumerations of those rows can follow them.
pub(super) fn nest_flattened(operation: &mut Operation) -> Moved {
    let mut moved = Moved::new();
    let requests = bodies(operation, ExampleKind::Request);
    let responses = bodies(operation, ExampleKind::Response);
    let body: Vec<Field> = operation
        .parameters
        .iter()
        .filter(|p| p.location == ParameterLocation::Body)
        .map(field_of_parameter)
        .collect();
    let (kept, objects) = nest(body, &requests, &operation.objects, &mut moved);
    let kept_lines: Vec<u32> = kept.iter().map(|f| f.line).collect();
    operation
        .parameters
        .retain(|p| p.location != ParameterLocation::Body || kept_lines.contains(&p.line));
    operation.objects.extend(objects);
    for index in 0..operation.responses.len() {
        let fields = std::mem::take(&mut operation.responses[index].fields);
        let (kept, objects) = nest(fields, &responses, &operation.objects, &mut moved);
        operation.responses[index].fields = kept;
        operation.objects.extend(objects);
    }
    moved
}

/// The JSON objects the examples of one direction show at their top level (the items of a
/// top-level array too).
fn bodies(operation: &Operation, kind: ExampleKind) -> Vec<Map<String, Value>> {
    operation
        .examples
        .iter()
        .filter(|e| e.kind == kind)
        .flat_map(|e| objects_in(&e.value))
        .cloned()
        .collect()
}

/// The objects a value is or holds as array items.
fn objects_in(value: &Value) -> Vec<&Map<String, Value>> {
    match value {
        Value::Object(map) => vec![map],
        Value::Array(items) => items.iter().filter_map(Value::as_object).collect(),
        _ => Vec::new(),
    }
}

/// Splits one level's rows into those that stay and the object types of the rows the
/// examples show one level down; recurses into the new objects.
fn nest(
    fields: Vec<Field>,
    values: &[Map<String, Value>],
    existing: &[ObjectType],
    moved: &mut Moved,
) -> (Vec<Field>, Vec<ObjectType>) {
    let mut objects = Vec::new();
    if values.is_empty() {
        return (fields, objects);
    }
    let top: Vec<&str> = values
        .iter()
        .flat_map(|m| m.keys())
        .map(String::as_str)
        .collect();
    let mut kept: Vec<Field> = Vec::new();
    let mut rest = fields.into_iter().peekable();
    while let Some(field) = rest.next() {
        let Some(object) = field.object.clone() else {
            kept.push(field);
            continue;
        };
        let documented = existing.iter().chain(&objects).any(|o| o.name == object);
        let inner: Vec<Map<String, Value>> = values
            .iter()
            .filter_map(|m| m.get(&field.name))
            .flat_map(objects_in)
            .cloned()
            .collect();
        let mut inner_keys: Vec<&str> = Vec::new();
        for map in &inner {
            keys_within(map, &mut inner_keys);
        }
        // The rows right after the field that the examples put inside it (at any depth: a
        // flattened table goes on with the fields of the objects inside) and never beside it.
        let mut children = Vec::new();
        while let Some(next) = rest.peek() {
            let name = next.name.as_str();
            if documented || top.contains(&name) || !inner_keys.contains(&name) {
                break;
            }
            children.extend(rest.next());
        }
        if children.is_empty() {
            kept.push(field);
            continue;
        }
        for child in &children {
            moved.push((child.line, object.clone()));
        }
        let (fields, nested) = nest(children, &inner, existing, moved);
        objects.push(ObjectType {
            name: object,
            line: field.line,
            fields,
        });
        objects.extend(nested);
        kept.push(field);
    }
    (kept, objects)
}

/// Every key of an object and of the objects inside it.
fn keys_within<'v>(map: &'v Map<String, Value>, out: &mut Vec<&'v str>) {
    for (key, value) in map {
        out.push(key);
        match value {
            Value::Object(inner) => keys_within(inner, out),
            Value::Array(items) => {
                for inner in items.iter().filter_map(Value::as_object) {
                    keys_within(inner, out);
                }
            }
            _ => {}
        }
    }
}

fn field_of_parameter(p: &Parameter) -> Field {
    Field {
        name: p.name.clone(),
        type_name: p.type_name.clone(),
        required: p.required,
        description: p.description.clone(),
        object: p.object.clone(),
        line: p.line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::{Example, Response};
    use serde_json::json;

    fn field(name: &str, object: Option<&str>, line: u32) -> Field {
        Field {
            name: name.into(),
            type_name: Some(if object.is_some() { "Object" } else { "String" }.into()),
            required: Some(true),
            description: String::new(),
            object: object.map(str::to_string),
            line,
        }
    }

    #[test]
    fn rows_the_example_shows_inside_an_object_field_become_its_fields() {
        let mut operation = Operation {
            service: None,
            method: "PATCH".into(),
            path: "/v3/groups/{group_id}".into(),
            title: None,
            source: "s".into(),
            line: 1,
            parameters: Vec::new(),
            responses: vec![Response {
                status: Some(200),
                description: None,
                fields: vec![
                    field("group", Some("group"), 10),
                    field("name", None, 11),
                    field("policy", Some("policy"), 12),
                    field("Version", None, 13),
                    field("request_id", None, 14),
                ],
                headers: Vec::new(),
            }],
            objects: Vec::new(),
            examples: vec![Example {
                kind: ExampleKind::Response,
                status: Some(200),
                line: 30,
                value: json!({"group": {"name": "g", "policy": {"Version": "1.1"}},
                              "request_id": "r"}),
                member_lines: Default::default(),
                item_lines: Default::default(),
            }],
            request_modes: Vec::new(),
        };
        let moved = nest_flattened(&mut operation);
        let top: Vec<&str> = operation.responses[0]
            .fields
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(top, vec!["group", "request_id"]);
        let objects: Vec<(&str, Vec<&str>)> = operation
            .objects
            .iter()
            .map(|o| {
                (
                    o.name.as_str(),
                    o.fields.iter().map(|f| f.name.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            objects,
            vec![
                ("group", vec!["name", "policy"]),
                ("policy", vec!["Version"])
            ]
        );
        // The last move of a row is where it ends up.
        let ends: std::collections::BTreeMap<u32, String> = moved.into_iter().collect();
        assert_eq!(ends.get(&11).map(String::as_str), Some("group"));
        assert_eq!(ends.get(&13).map(String::as_str), Some("policy"));
    }
}
