//! Step 4: one enumeration per thing it enumerates.
//!
//! - An enumeration documented for an operation belongs to the field of that operation it
//!   describes: the field with its name on its line, else on its page, else anywhere in the
//!   operation. Every page's values of one field (the same operation documented in English
//!   and Chinese, say) make one enum, values joined in documented order.
//! - A standalone table (no operation) is one enum; identical tables are one. A table named in
//!   Chinese that shares at least half its values with a table named in English joins it (the
//!   English name is the documented English name of the same values).
//! - Values repeated are kept once; a description in English wins over one in Chinese.

use std::collections::{BTreeMap, BTreeSet};

use super::operations::{FieldModel, OpModel};
use super::{At, has_cjk};
use crate::kb::Enumeration;

/// Which part of an operation a field is in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Owner {
    /// The request body.
    Request,
    /// A response body (any status).
    Response,
    /// A named object.
    Object(String),
}

/// The field an enumeration describes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Binding {
    /// Operation index in the module.
    pub op: usize,
    pub owner: Owner,
    /// The field's JSON name.
    pub field: String,
}

/// One enum of a module, before naming.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct EnumModel {
    /// The field it describes, if any.
    pub binding: Option<Binding>,
    /// The operation it was documented with, when no field of it matched.
    pub operation: Option<usize>,
    /// The documented name the type is named from.
    pub name: String,
    /// Every place it is documented; the first is where the name comes from.
    pub places: Vec<At>,
    /// Values and descriptions, in documented order.
    pub values: Vec<(String, String)>,
    /// Why a value is retired (`#[deprecated]`): the documents dropped it and a build with a
    /// baseline kept it. A value documented live anywhere is live.
    pub retired: BTreeMap<String, String>,
}

impl EnumModel {
    /// What orders contenders for a name: its first place.
    pub fn key(&self) -> String {
        let first = self.places.first();
        format!(
            "{}\u{0}{:010}",
            first.map_or("", |at| at.source.as_str()),
            first.map_or(0, |at| at.line)
        )
    }
}

/// The enums of a module from its enumerations, each with the merged operation it belongs to.
pub(super) fn models(
    enumerations: &[(&Enumeration, Option<usize>)],
    operations: &[OpModel],
) -> Vec<EnumModel> {
    let mut models: Vec<EnumModel> = Vec::new();
    let mut standalone: Vec<EnumModel> = Vec::new();
    for (enumeration, operation) in enumerations {
        let values: Vec<(String, String)> = enumeration
            .values
            .iter()
            .map(|v| (v.value.clone(), v.description.clone()))
            .collect();
        let retired = enumeration
            .values
            .iter()
            .filter_map(|v| Some((v.value.clone(), v.retired.as_ref()?.reason())))
            .collect();
        let at = At::new(&enumeration.source, enumeration.line);
        let binding = operation.and_then(|op| {
            operations
                .get(op)
                .and_then(|model| bind(model, &enumeration.name, &at))
                .map(|(owner, field)| Binding { op, owner, field })
        });
        let model = EnumModel {
            binding: binding.clone(),
            operation: if binding.is_some() { None } else { *operation },
            name: enumeration.name.clone(),
            places: vec![at],
            values,
            retired,
        };
        if binding.is_some() || operation.is_some() {
            match models.iter_mut().find(|m| {
                m.binding == model.binding
                    && m.operation == model.operation
                    && (binding.is_some() || m.name == model.name)
            }) {
                Some(existing) => absorb(existing, model),
                None => models.push(model),
            }
        } else {
            standalone.push(model);
        }
    }
    models.extend(join_standalone(standalone));
    models.sort_by_key(EnumModel::key);
    models
}

/// The owner and name of the field `name` of `op` that the enumeration at `at` describes.
fn bind(op: &OpModel, name: &str, at: &At) -> Option<(Owner, String)> {
    let mut fields: Vec<(Owner, &FieldModel)> = Vec::new();
    fields.extend(op.request.iter().map(|f| (Owner::Request, f)));
    for response in &op.responses {
        fields.extend(response.fields.iter().map(|f| (Owner::Response, f)));
    }
    for object in &op.objects {
        fields.extend(
            object
                .fields
                .iter()
                .map(|f| (Owner::Object(object.name.clone()), f)),
        );
    }
    let named = |f: &&(Owner, &FieldModel)| f.1.name == name;
    fields
        .iter()
        .filter(named)
        .find(|(_, f)| f.at == *at)
        .or_else(|| {
            fields
                .iter()
                .filter(named)
                .find(|(_, f)| f.at.source == at.source)
        })
        .or_else(|| fields.iter().find(named))
        .map(|(owner, f)| (owner.clone(), f.name.clone()))
}

/// Joins another documentation of the same enumeration into `into`.
fn absorb(into: &mut EnumModel, other: EnumModel) {
    join_retired(into, &other);
    into.places.extend(other.places);
    for (value, description) in other.values {
        match into.values.iter_mut().find(|(v, _)| *v == value) {
            Some((_, existing)) => {
                if has_cjk(existing) && !has_cjk(&description) || existing.trim().is_empty() {
                    *existing = description;
                }
            }
            None => into.values.push((value, description)),
        }
    }
}

/// What stays retired when `other` joins `into`: a value retired in one and documented live
/// in the other is live; a value only `other` has keeps its reason.
fn join_retired(into: &mut EnumModel, other: &EnumModel) {
    let holds = |model: &EnumModel, value: &str| model.values.iter().any(|(v, _)| v == value);
    into.retired
        .retain(|value, _| !holds(other, value) || other.retired.contains_key(value));
    for (value, reason) in &other.retired {
        if !holds(into, value) {
            into.retired.insert(value.clone(), reason.clone());
        }
    }
}

/// Joins `table` into the identical table (same name and values) among `tables`: its places
/// are added. Gives `table` back when none is identical.
fn join_identical(tables: &mut [EnumModel], table: EnumModel) -> Option<EnumModel> {
    match tables
        .iter_mut()
        .find(|t| t.name == table.name && t.values == table.values)
    {
        Some(existing) => {
            join_retired(existing, &table);
            existing.places.extend(table.places);
            None
        }
        None => Some(table),
    }
}

/// Standalone tables: identical ones are one; a Chinese-named one joins the English-named
/// one it shares at least half its values with (the most shared; ties: the first).
fn join_standalone(mut tables: Vec<EnumModel>) -> Vec<EnumModel> {
    tables.sort_by_key(EnumModel::key);
    let mut joined: Vec<EnumModel> = Vec::new();
    let (english, chinese): (Vec<EnumModel>, Vec<EnumModel>) =
        tables.into_iter().partition(|t| !has_cjk(&t.name));
    for table in english {
        if let Some(table) = join_identical(&mut joined, table) {
            joined.push(table);
        }
    }
    let english_count = joined.len();
    for table in chinese {
        let values: BTreeSet<&str> = table.values.iter().map(|(v, _)| v.as_str()).collect();
        let shared = |other: &EnumModel| {
            other
                .values
                .iter()
                .filter(|(v, _)| values.contains(v.as_str()))
                .count()
        };
        let best = joined[..english_count]
            .iter()
            .enumerate()
            .map(|(index, other)| (shared(other), index))
            .filter(|(count, _)| *count > 0 && count * 2 >= values.len())
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        match best {
            Some((_, index)) => absorb(&mut joined[index], table),
            None => {
                if let Some(table) = join_identical(&mut joined[english_count..], table) {
                    joined.push(table);
                }
            }
        }
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str, source: &str, values: &[&str]) -> Enumeration {
        let mut table = crate::check::testkb::enumeration(name, source, values);
        for value in &mut table.values {
            value.description = format!("{v} means {v}", v = value.value);
        }
        table
    }

    #[test]
    fn a_chinese_table_joins_the_english_table_of_its_values() {
        let en = table("Statuses", "b_en", &["BUILD", "ACTIVE", "ERROR"]);
        let zh = table(
            "Status 列表",
            "a_zh",
            &["BUILD", "ACTIVE", "ERROR", "SHELVED"],
        );
        let other = table("事件类型", "a_zh", &["创建失败"]);
        let models = models(&[(&zh, None), (&en, None), (&other, None)], &[]);
        assert_eq!(models.len(), 2);
        let statuses = models
            .iter()
            .find(|m| m.name == "Statuses")
            .expect("joined");
        let values: Vec<&str> = statuses.values.iter().map(|(v, _)| v.as_str()).collect();
        assert_eq!(values, ["BUILD", "ACTIVE", "ERROR", "SHELVED"]);
        assert_eq!(statuses.places.len(), 2);
    }

    #[test]
    fn identical_tables_are_one() {
        let a = table("Job statuses", "a", &["0", "1"]);
        let b = table("Job statuses", "b", &["0", "1"]);
        assert_eq!(models(&[(&a, None), (&b, None)], &[]).len(), 1);
    }
}
