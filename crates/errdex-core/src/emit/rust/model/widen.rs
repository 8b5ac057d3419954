//! Step 5 and 6: widen what the tables say where a JSON example disagrees, so every example
//! deserializes, and box the structs that contain themselves.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{FieldType, StructPlan};
use crate::emit::rust::docs::{code_span, escape_markdown};

/// Widens `structs[target]` so `value` deserializes into it.
pub(super) fn widen(structs: &mut [StructPlan], target: usize, value: &Value, origin: &str) {
    let Value::Object(map) = value else { return };
    for position in 0..structs[target].fields.len() {
        let field = &structs[target].fields[position];
        let (name, ty) = (field.name.clone(), field.ty.clone());
        match map.get(&name) {
            None => {
                let field = &mut structs[target].fields[position];
                if !field.optional {
                    field.optional = true;
                    field.notes.push(format!(
                        "Optional: documented as mandatory, but absent from the example at {}.",
                        escape_markdown(origin)
                    ));
                }
            }
            Some(Value::Null) => {
                let field = &mut structs[target].fields[position];
                if !field.optional {
                    field.optional = true;
                    field.notes.push(format!(
                        "Optional: the example at {} has `null`.",
                        escape_markdown(origin)
                    ));
                }
            }
            Some(member) => {
                if !fits(structs, &ty, member, origin) {
                    let field = &mut structs[target].fields[position];
                    field.ty = FieldType::Json;
                    field.notes.push(format!(
                        "Typed `serde_json::Value`: the example at {} has {}, which the documented type does not hold.",
                        escape_markdown(origin),
                        code_span(&short_json(member))
                    ));
                }
            }
        }
    }
}

/// Whether `value` deserializes into `ty`; nested structs are widened on the way.
pub(super) fn fits(
    structs: &mut [StructPlan],
    ty: &FieldType,
    value: &Value,
    origin: &str,
) -> bool {
    match ty {
        FieldType::Integer => value.is_i64(),
        FieldType::Number => value.is_number(),
        FieldType::Boolean => value.is_boolean(),
        FieldType::Text | FieldType::Enum(_) => value.is_string(),
        FieldType::ErrorCode => value.is_string() || value.is_i64() || value.is_u64(),
        FieldType::Json => true,
        FieldType::Struct(index) => {
            let fits = value.is_object();
            if fits {
                widen(structs, *index, value, origin);
            }
            fits
        }
        FieldType::List(inner) => match value {
            Value::Array(items) => {
                // Every element is visited, not just up to the first misfit: nested structs
                // are widened by each of them.
                let mut all = true;
                for item in items {
                    all &= fits(structs, inner, item, origin);
                }
                all
            }
            _ => false,
        },
    }
}

pub(super) fn short_json(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// Boxes struct fields (not in a `Vec`) whose type contains the struct itself directly.
pub(super) fn box_direct_cycles(structs: &mut [StructPlan]) {
    let edges: Vec<Vec<usize>> = structs
        .iter()
        .map(|s| {
            s.fields
                .iter()
                .filter_map(|f| match f.ty {
                    FieldType::Struct(target) => Some(target),
                    _ => None,
                })
                .collect()
        })
        .collect();
    for (index, plan) in structs.iter_mut().enumerate() {
        for field in &mut plan.fields {
            if let FieldType::Struct(target) = field.ty {
                field.boxed = reaches(&edges, target, index);
            }
        }
    }
}

pub(super) fn reaches(edges: &[Vec<usize>], from: usize, to: usize) -> bool {
    let mut stack = vec![from];
    let mut seen = BTreeSet::new();
    while let Some(node) = stack.pop() {
        if node == to {
            return true;
        }
        if seen.insert(node) {
            stack.extend(edges.get(node).into_iter().flatten().copied());
        }
    }
    false
}
