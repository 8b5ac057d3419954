//! Enumerations and operations across two releases: values added, removed, renamed;
//! operations, parameters and response fields added, removed, retyped, made required or
//! optional.

use std::collections::{BTreeMap, BTreeSet};

use super::{Change, ChangeKind, Impact, Side, service_name, side, squeeze, texts_as_code};
use crate::check::judging::Judge;
use crate::check::similarity::Judgement;
use crate::emit::rust::model::{FieldType, documented_type};
use crate::kb::{Enumeration, Field, KnowledgeBase, Operation, Parameter};

/// An enumeration as the diff matches it: service, operation (`METHOD path`, or empty) and
/// name.
type EnumKey = (String, String, String);

/// One enumeration's values on one side (duplicates documented twice are one), with the
/// first place it is documented.
struct Values<'kb> {
    first: &'kb Enumeration,
    /// Value → (description, retired), in documented order.
    values: Vec<(&'kb str, &'kb str, bool)>,
}

impl Values<'_> {
    fn get(&self, value: &str) -> Option<&(&str, &str, bool)> {
        self.values.iter().find(|(v, _, _)| *v == value)
    }
}

/// The service an item belongs to: its own, else its source's.
fn service_of(kb: &KnowledgeBase, own: Option<&str>, source: &str) -> String {
    let own = own.map(str::trim).filter(|s| !s.is_empty());
    service_name(own.or_else(|| kb.source(source).and_then(|s| s.service.as_deref())))
}

fn enums_by_key(kb: &KnowledgeBase) -> BTreeMap<EnumKey, Values<'_>> {
    let mut map: BTreeMap<EnumKey, Values> = BTreeMap::new();
    for e in &kb.enums {
        let key = (
            service_of(kb, e.service.as_deref(), &e.source),
            e.operation.clone().unwrap_or_default(),
            e.name.clone(),
        );
        let entry = map.entry(key).or_insert_with(|| Values {
            first: e,
            values: Vec::new(),
        });
        for v in &e.values {
            if entry.get(&v.value).is_none() {
                entry
                    .values
                    .push((&v.value, &v.description, v.retired.is_some()));
            }
        }
    }
    map
}

/// `failure_status` or `failure_status of GET /v1/jobs`.
fn enum_subject(key: &EnumKey) -> String {
    match key.1.as_str() {
        "" => key.2.clone(),
        operation => format!("{} of {operation}", key.2),
    }
}

/// The enumeration changes.
pub fn diff_enums(old: &KnowledgeBase, new: &KnowledgeBase, judge: &Judge) -> Vec<Change> {
    let (before, after) = (enums_by_key(old), enums_by_key(new));
    let keys: BTreeSet<&EnumKey> = before.keys().chain(after.keys()).collect();
    let mut changes = Vec::new();
    for key in keys {
        let subject = enum_subject(key);
        let place = |kb: &KnowledgeBase, e: &Values, text: String| {
            side(kb, text, &e.first.source, e.first.line)
        };
        let listed = |e: &Values| {
            e.values
                .iter()
                .map(|(v, _, _)| *v)
                .collect::<Vec<_>>()
                .join(", ")
        };
        match (before.get(key), after.get(key)) {
            (Some(o), None) => changes.push(
                Change::new(ChangeKind::EnumRemoved, &key.0, &subject).old(place(
                    old,
                    o,
                    listed(o),
                )),
            ),
            (None, Some(n)) => changes.push(
                Change::new(ChangeKind::EnumAdded, &key.0, &subject).new_side(place(
                    new,
                    n,
                    listed(n),
                )),
            ),
            (Some(o), Some(n)) => {
                changes.extend(diff_values(old, new, key, &subject, o, n, judge));
            }
            (None, None) => {}
        }
    }
    changes
}

/// One enumeration's values on both sides.
fn diff_values(
    old: &KnowledgeBase,
    new: &KnowledgeBase,
    key: &EnumKey,
    subject: &str,
    o: &Values,
    n: &Values,
    judge: &Judge,
) -> Vec<Change> {
    let at_old = |text: &str| side(old, text, &o.first.source, o.first.line);
    let at_new = |text: &str| side(new, text, &n.first.source, n.first.line);
    let mut changes = Vec::new();
    let mut removed = Vec::new();
    for &(value, description, retired) in &o.values {
        match n.get(value) {
            Some(&(_, _, true)) if !retired => changes.push(
                Change::new(ChangeKind::ValueRetired, &key.0, subject)
                    .item(value)
                    .old(at_old(value)),
            ),
            Some(&(_, new_description, _)) => {
                if squeeze(description) != squeeze(new_description) {
                    changes.push(
                        Change::new(ChangeKind::ValueDescribed, &key.0, subject)
                            .item(value)
                            .old(at_old(description))
                            .new_side(at_new(new_description)),
                    );
                }
            }
            None => removed.push((value, description)),
        }
    }
    let added: Vec<(&str, &str)> = n
        .values
        .iter()
        .filter(|(v, _, retired)| !retired && o.get(v).is_none())
        .map(|&(v, d, _)| (v, d))
        .collect();
    let renames = renames(&removed, &added, judge);
    for (i, &(value, _)) in removed.iter().enumerate() {
        match renames.iter().find(|(r, _)| *r == i) {
            Some(&(_, j)) => changes.push(
                Change::new(ChangeKind::ValueRenamed, &key.0, subject)
                    .item(value)
                    .old(at_old(value))
                    .new_side(at_new(added[j].0)),
            ),
            None => changes.push(
                Change::new(ChangeKind::ValueRemoved, &key.0, subject)
                    .item(value)
                    .old(at_old(value)),
            ),
        }
    }
    for (j, &(value, _)) in added.iter().enumerate() {
        if !renames.iter().any(|&(_, a)| a == j) {
            changes.push(
                Change::new(ChangeKind::ValueAdded, &key.0, subject)
                    .item(value)
                    .new_side(at_new(value)),
            );
        }
    }
    changes
}

/// The letters and digits of a value, lower case: `CREATE_FAIL` and `createFail` are one.
fn letters(value: &str) -> String {
    value
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Removed and added values that are one value renamed: the same letters, else descriptions
/// `check` judges one meaning (the same words or a wording variant). Best pair first, each
/// value in one pair.
fn renames(removed: &[(&str, &str)], added: &[(&str, &str)], judge: &Judge) -> Vec<(usize, usize)> {
    if removed.is_empty() || added.is_empty() {
        return Vec::new();
    }
    let descriptions = texts_as_code("", removed.iter().chain(added).map(|(_, d)| *d));
    let judged = judge.code(&descriptions);
    let mut candidates = Vec::new();
    for (i, (rv, rd)) in removed.iter().enumerate() {
        for (j, (av, ad)) in added.iter().enumerate() {
            let score = if letters(rv) == letters(av) {
                3.0
            } else if rd.trim().is_empty() || ad.trim().is_empty() {
                continue;
            } else {
                match judged.judge(i, removed.len() + j) {
                    Some(Judgement::Same) => 2.0,
                    Some(Judgement::Variant(s)) => s,
                    _ => continue,
                }
            };
            candidates.push((score, i, j));
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_r, mut used_a) = (BTreeSet::new(), BTreeSet::new());
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !used_r.contains(&i) && !used_a.contains(&j) {
            used_r.insert(i);
            used_a.insert(j);
            pairs.push((i, j));
        }
    }
    pairs
}

/// An operation as the diff matches it: service, method, path.
type OperationKey = (String, String, String);

fn operations_by_key(kb: &KnowledgeBase) -> BTreeMap<OperationKey, &Operation> {
    let mut map = BTreeMap::new();
    for op in &kb.operations {
        let key = (
            service_of(kb, op.service.as_deref(), &op.source),
            op.method.clone(),
            op.path.clone(),
        );
        map.entry(key).or_insert(op);
    }
    map
}

/// The operation changes.
pub fn diff_operations(old: &KnowledgeBase, new: &KnowledgeBase) -> Vec<Change> {
    let (before, after) = (operations_by_key(old), operations_by_key(new));
    let keys: BTreeSet<&OperationKey> = before.keys().chain(after.keys()).collect();
    let mut changes = Vec::new();
    for key in keys {
        let subject = format!("{} {}", key.1, key.2);
        let title = |op: &Operation| op.title.clone().unwrap_or_else(|| subject.clone());
        match (before.get(key), after.get(key)) {
            (Some(o), None) => changes.push(
                Change::new(ChangeKind::OperationRemoved, &key.0, &subject).old(side(
                    old,
                    title(o),
                    &o.source,
                    o.line,
                )),
            ),
            (None, Some(n)) => changes.push(
                Change::new(ChangeKind::OperationAdded, &key.0, &subject).new_side(side(
                    new,
                    title(n),
                    &n.source,
                    n.line,
                )),
            ),
            (Some(o), Some(n)) => {
                let sides = Sides { old, new, o, n };
                changes.extend(sides.parameters(&key.0, &subject));
                changes.extend(sides.fields(&key.0, &subject));
            }
            (None, None) => {}
        }
    }
    changes
}

/// The Rust type the generated crate gives a documented type, in words (`Vec<i64>`,
/// `struct FailedTasks`): two documented types are one when these are equal.
fn rust_type(type_name: Option<&str>, object: Option<&str>) -> String {
    fn name(ty: &FieldType, object: Option<&str>) -> String {
        match (ty, object) {
            (FieldType::List(inner), _) => format!("Vec<{}>", name(inner, object)),
            (_, Some(object)) => format!("struct {object}"),
            (FieldType::Integer, None) => "i64".to_string(),
            (FieldType::Number, None) => "f64".to_string(),
            (FieldType::Boolean, None) => "bool".to_string(),
            (FieldType::Text, None) => "String".to_string(),
            _ => "serde_json::Value".to_string(),
        }
    }
    name(&documented_type(type_name, None), object)
}

/// An operation's parameters by `location name`.
fn parameters_by_item(op: &Operation) -> BTreeMap<String, &Parameter> {
    let mut map: BTreeMap<String, &Parameter> = BTreeMap::new();
    for p in &op.parameters {
        map.entry(parameter_item(p)).or_insert(p);
    }
    map
}

/// An operation's field lists: response bodies by status (`response 200`), named objects by
/// name (`object FailedTasks`).
fn containers(op: &Operation) -> BTreeMap<String, &[Field]> {
    let mut map: BTreeMap<String, &[Field]> = BTreeMap::new();
    for r in &op.responses {
        let label = match r.status {
            Some(status) => format!("response {status}"),
            None => "response".to_string(),
        };
        map.entry(label).or_insert(&r.fields);
    }
    for object in &op.objects {
        map.entry(format!("object {}", object.name))
            .or_insert(&object.fields);
    }
    map
}

/// One operation on both sides.
struct Sides<'a> {
    old: &'a KnowledgeBase,
    new: &'a KnowledgeBase,
    o: &'a Operation,
    n: &'a Operation,
}

/// `body tags`, `query limit`.
fn parameter_item(p: &Parameter) -> String {
    let location = serde_json::to_value(p.location)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    format!("{location} {}", p.name)
}

/// A type as the report shows it: the documented type, or `untyped`.
fn shown_type(type_name: Option<&str>) -> String {
    type_name
        .map(squeeze)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "untyped".to_string())
}

impl Sides<'_> {
    fn at_old(&self, text: String, line: u32) -> Side {
        side(self.old, text, &self.o.source, line)
    }

    fn at_new(&self, text: String, line: u32) -> Side {
        side(self.new, text, &self.n.source, line)
    }

    fn parameters(&self, service: &str, subject: &str) -> Vec<Change> {
        let (before, after) = (parameters_by_item(self.o), parameters_by_item(self.n));
        let items: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
        let mut changes = Vec::new();
        for item in items {
            let change = |kind| Change::new(kind, service, subject).item(item.clone());
            match (before.get(item), after.get(item)) {
                (Some(o), None) => changes.push(
                    change(ChangeKind::ParameterRemoved)
                        .old(self.at_old(shown_type(o.type_name.as_deref()), o.line)),
                ),
                (None, Some(n)) => {
                    let mut added = change(ChangeKind::ParameterAdded)
                        .new_side(self.at_new(shown_type(n.type_name.as_deref()), n.line));
                    if n.required == Some(true) {
                        added = added.impact(
                            Impact::Breaking,
                            Some("a new mandatory field of the request".to_string()),
                        );
                    }
                    changes.push(added);
                }
                (Some(o), Some(n)) => {
                    let required = |p: &Parameter| p.required == Some(true);
                    let stated = |p: &Parameter| match p.required {
                        Some(true) => "mandatory",
                        Some(false) => "optional",
                        None => "not stated",
                    };
                    if required(o) != required(n) {
                        let kind = match required(n) {
                            true => ChangeKind::ParameterRequired,
                            false => ChangeKind::ParameterOptional,
                        };
                        let ty = rust_type(n.type_name.as_deref(), n.object.as_deref());
                        let note = match required(n) {
                            true => format!("Option<{ty}> becomes {ty}"),
                            false => format!("{ty} becomes Option<{ty}>"),
                        };
                        changes.push(
                            change(kind)
                                .old(self.at_old(stated(o).to_string(), o.line))
                                .new_side(self.at_new(stated(n).to_string(), n.line))
                                .impact(Impact::Breaking, Some(note)),
                        );
                    }
                    changes.extend(self.retyped(
                        change(ChangeKind::ParameterTypeChanged),
                        (o.type_name.as_deref(), o.object.as_deref(), o.line),
                        (n.type_name.as_deref(), n.object.as_deref(), n.line),
                    ));
                }
                (None, None) => {}
            }
        }
        changes
    }

    /// A type change, breaking when the Rust type changes, a patch when only the words do.
    fn retyped(
        &self,
        change: Change,
        (old_type, old_object, old_line): (Option<&str>, Option<&str>, u32),
        (new_type, new_object, new_line): (Option<&str>, Option<&str>, u32),
    ) -> Option<Change> {
        if shown_type(old_type) == shown_type(new_type) && old_object == new_object {
            return None;
        }
        let (before, after) = (
            rust_type(old_type, old_object),
            rust_type(new_type, new_object),
        );
        let change = change
            .old(self.at_old(shown_type(old_type), old_line))
            .new_side(self.at_new(shown_type(new_type), new_line));
        Some(match before == after {
            true => change.impact(Impact::Patch, Some(format!("the Rust type stays {after}"))),
            false => change.impact(Impact::Breaking, Some(format!("{before} becomes {after}"))),
        })
    }

    /// Response fields by status and named objects' fields by name.
    fn fields(&self, service: &str, subject: &str) -> Vec<Change> {
        let (before, after) = (containers(self.o), containers(self.n));
        let mut changes = Vec::new();
        let labels: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
        for label in labels {
            // A response or object documented on one side only: every field of it is added
            // (or removed).
            let old_fields: &[Field] = before.get(label).copied().unwrap_or(&[]);
            let new_fields: &[Field] = after.get(label).copied().unwrap_or(&[]);
            let find = |fields: &[Field], name: &str| -> Option<usize> {
                fields.iter().position(|f| f.name == name)
            };
            for f in old_fields.iter() {
                let item = format!("{label} {}", f.name);
                let change = |kind| Change::new(kind, service, subject).item(item.clone());
                match find(new_fields, &f.name) {
                    None => changes.push(
                        change(ChangeKind::FieldRemoved)
                            .old(self.at_old(shown_type(f.type_name.as_deref()), f.line)),
                    ),
                    Some(at) => {
                        let g = &new_fields[at];
                        let typed = |f: &Field| match f.required {
                            Some(true) => {
                                format!("{}, mandatory", shown_type(f.type_name.as_deref()))
                            }
                            _ => shown_type(f.type_name.as_deref()),
                        };
                        let retyped = self.retyped(
                            change(ChangeKind::FieldTypeChanged),
                            (f.type_name.as_deref(), f.object.as_deref(), f.line),
                            (g.type_name.as_deref(), g.object.as_deref(), g.line),
                        );
                        if (f.required == Some(true)) != (g.required == Some(true)) {
                            let ty = rust_type(g.type_name.as_deref(), g.object.as_deref());
                            let note = match g.required == Some(true) {
                                true => format!("Option<{ty}> becomes {ty}"),
                                false => format!("{ty} becomes Option<{ty}>"),
                            };
                            changes.push(
                                change(ChangeKind::FieldTypeChanged)
                                    .old(self.at_old(typed(f), f.line))
                                    .new_side(self.at_new(typed(g), g.line))
                                    .impact(Impact::Breaking, Some(note)),
                            );
                        } else {
                            changes.extend(retyped);
                        }
                    }
                }
            }
            for g in new_fields.iter() {
                if find(old_fields, &g.name).is_none() {
                    let mut added = Change::new(ChangeKind::FieldAdded, service, subject)
                        .item(format!("{label} {}", g.name))
                        .new_side(self.at_new(shown_type(g.type_name.as_deref()), g.line));
                    if g.required == Some(true) {
                        added = added
                            .impact(Impact::Breaking, Some("a new mandatory field".to_string()));
                    }
                    changes.push(added);
                }
            }
        }
        changes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Context;
    use crate::config::Config;
    use crate::kb::{EnumValue, ParameterLocation, Response};

    fn judge_for(kb: &KnowledgeBase) -> (Config, KnowledgeBase) {
        (Config::default(), kb.clone())
    }

    fn enumeration(values: &[(&str, &str)]) -> KnowledgeBase {
        KnowledgeBase {
            enums: vec![Enumeration {
                name: "status".into(),
                service: Some("SDRS".into()),
                source: "s".into(),
                line: 3,
                operation: None,
                object: None,
                values: values
                    .iter()
                    .map(|(v, d)| EnumValue {
                        value: (*v).into(),
                        description: (*d).into(),
                        retired: None,
                    })
                    .collect(),
            }],
            ..KnowledgeBase::default()
        }
    }

    fn kinds(changes: &[Change]) -> Vec<(ChangeKind, Option<String>, Impact)> {
        changes
            .iter()
            .map(|c| (c.kind, c.item.clone(), c.impact))
            .collect()
    }

    #[test]
    fn values_added_removed_and_renamed() {
        let old = enumeration(&[
            ("createFail", "Creation failed."),
            ("deleting", "The group is being deleted."),
            ("available", "Ready for use."),
            ("frozen", "Frozen by the system."),
        ]);
        let new = enumeration(&[
            ("CREATE_FAIL", "Creating the group failed."),
            ("removing", "The group is being deleted."),
            ("available", "Ready for use."),
            ("error", "An error occurred."),
        ]);
        let (config, kb) = judge_for(&new);
        let judge = Judge::new(&Context::new(&kb, &config));
        let changes = diff_enums(&old, &new, &judge);
        assert_eq!(
            kinds(&changes),
            vec![
                (
                    ChangeKind::ValueRenamed,
                    Some("createFail".into()),
                    Impact::Breaking
                ),
                (
                    ChangeKind::ValueRenamed,
                    Some("deleting".into()),
                    Impact::Breaking
                ),
                (
                    ChangeKind::ValueRemoved,
                    Some("frozen".into()),
                    Impact::Breaking
                ),
                (ChangeKind::ValueAdded, Some("error".into()), Impact::Minor),
            ]
        );
        assert_eq!(changes[1].new.as_ref().unwrap().text, "removing");
    }

    fn operation(parameters: Vec<Parameter>, fields: Vec<Field>) -> KnowledgeBase {
        KnowledgeBase {
            operations: vec![Operation {
                service: Some("ECS".into()),
                method: "POST".into(),
                path: "/v1/servers".into(),
                title: None,
                source: "s".into(),
                line: 1,
                parameters,
                responses: vec![Response {
                    status: Some(200),
                    description: None,
                    fields,
                    headers: Vec::new(),
                }],
                objects: Vec::new(),
                examples: Vec::new(),
                request_modes: Vec::new(),
            }],
            ..KnowledgeBase::default()
        }
    }

    fn parameter(name: &str, required: Option<bool>, ty: &str) -> Parameter {
        Parameter {
            name: name.into(),
            location: ParameterLocation::Body,
            required,
            type_name: Some(ty.into()),
            description: String::new(),
            default: None,
            range: None,
            object: None,
            line: 5,
        }
    }

    fn field(name: &str, required: Option<bool>, ty: &str) -> Field {
        Field {
            name: name.into(),
            type_name: Some(ty.into()),
            required,
            description: String::new(),
            object: None,
            line: 9,
        }
    }

    #[test]
    fn parameters_and_fields() {
        let old = operation(
            vec![
                parameter("name", Some(true), "String"),
                parameter("tags", Some(false), "Array of strings"),
                parameter("count", Some(false), "Integer"),
                parameter("old", Some(false), "String"),
            ],
            vec![field("id", None, "String"), field("gone", None, "String")],
        );
        let new = operation(
            vec![
                parameter("name", Some(true), "string"),
                parameter("tags", Some(true), "Array of strings"),
                parameter("count", Some(false), "String"),
                parameter("zone", Some(false), "String"),
            ],
            vec![field("id", None, "String"), field("extra", None, "Integer")],
        );
        let changes = diff_operations(&old, &new);
        assert_eq!(
            kinds(&changes),
            vec![
                (
                    ChangeKind::ParameterTypeChanged,
                    Some("body count".into()),
                    Impact::Breaking
                ),
                (
                    ChangeKind::ParameterTypeChanged,
                    Some("body name".into()),
                    Impact::Patch
                ),
                (
                    ChangeKind::ParameterRemoved,
                    Some("body old".into()),
                    Impact::Breaking
                ),
                (
                    ChangeKind::ParameterRequired,
                    Some("body tags".into()),
                    Impact::Breaking
                ),
                (
                    ChangeKind::ParameterAdded,
                    Some("body zone".into()),
                    Impact::Minor
                ),
                (
                    ChangeKind::FieldRemoved,
                    Some("response 200 gone".into()),
                    Impact::Breaking
                ),
                (
                    ChangeKind::FieldAdded,
                    Some("response 200 extra".into()),
                    Impact::Minor
                ),
            ]
        );
        assert_eq!(
            changes[3].note.as_deref(),
            Some("Option<Vec<String>> becomes Vec<String>")
        );
    }

    #[test]
    fn operations_added_and_removed() {
        let old = operation(Vec::new(), Vec::new());
        let new = KnowledgeBase::default();
        let removed = diff_operations(&old, &new);
        assert_eq!(removed[0].kind, ChangeKind::OperationRemoved);
        assert_eq!(removed[0].subject, "POST /v1/servers");
        assert_eq!(
            diff_operations(&new, &old)[0].kind,
            ChangeKind::OperationAdded
        );
    }
}
