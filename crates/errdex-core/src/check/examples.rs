//! JSON examples against their own operation's tables.
//!
//! Steps for each example: find the table that documents its top level (request body
//! parameters; the response of the example's status, or the response sharing most field names
//! when the status is not stated); walk the JSON, descending into named object tables and array
//! items; at each documented field check the JSON type and the enumeration of documented values;
//! at each object check that mandatory fields are present. A field is *undocumented* only when
//! no table of the operation names it. An example no table matches (a generic error template)
//! is not checked. Findings are deduplicated (array items repeat the same problem).

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;

use super::at;
use crate::kb::{
    Enumeration, Example, ExampleKind, Field, KnowledgeBase, Operation, Parameter,
    ParameterLocation, any_item_path, member_path, numbered_item_path,
};
use crate::kb::{Finding, FindingKind, Quote};

/// Runs the example checks over every operation.
pub fn check(kb: &KnowledgeBase) -> Vec<Finding> {
    let enums = enums_by_field(kb);
    let mut findings = Vec::new();
    for op in &kb.operations {
        let mut rows: Vec<u32> = op
            .parameters
            .iter()
            .map(|p| p.line)
            .chain(
                op.responses
                    .iter()
                    .flat_map(|r| &r.fields)
                    .chain(op.objects.iter().flat_map(|o| &o.fields))
                    .map(|f| f.line),
            )
            .collect();
        rows.sort_unstable();
        rows.dedup();
        for example in &op.examples {
            let mut walk = Walk {
                enums: &enums,
                op,
                rows: rows.clone(),
                example,
                seen: BTreeSet::new(),
                findings: Vec::new(),
            };
            if let Some(docs) = top_level(op, example) {
                match unwrapped(&example.value, &docs) {
                    Some((key, inner)) => walk.value(inner, &docs, None, key),
                    None => walk.value(&example.value, &docs, None, ""),
                }
            }
            findings.extend(walk.findings);
        }
    }
    findings
}

/// Enumerations with values, by source and field name, in knowledge-base order.
type EnumsByField<'a> = HashMap<(&'a str, &'a str), Vec<&'a Enumeration>>;

fn enums_by_field(kb: &KnowledgeBase) -> EnumsByField<'_> {
    let mut index: EnumsByField = HashMap::new();
    for e in kb.enums.iter().filter(|e| !e.values.is_empty()) {
        index
            .entry((e.source.as_str(), e.name.as_str()))
            .or_default()
            .push(e);
    }
    index
}

/// A documented field or body parameter, as far as examples care.
#[derive(Debug, Clone, Copy)]
struct Doc<'a> {
    name: &'a str,
    /// The row's description: where a value list is written in prose.
    description: &'a str,
    type_name: Option<&'a str>,
    required: Option<bool>,
    object: Option<&'a str>,
    line: u32,
}

impl<'a> From<&'a Field> for Doc<'a> {
    fn from(f: &'a Field) -> Self {
        Doc {
            name: &f.name,
            description: &f.description,
            type_name: f.type_name.as_deref(),
            required: f.required,
            object: f.object.as_deref(),
            line: f.line,
        }
    }
}

impl<'a> From<&'a Parameter> for Doc<'a> {
    fn from(p: &'a Parameter) -> Self {
        Doc {
            name: &p.name,
            description: &p.description,
            type_name: p.type_name.as_deref(),
            required: p.required,
            object: p.object.as_deref(),
            line: p.line,
        }
    }
}

/// The documented fields of the example's top level, if a table documents it.
fn top_level<'a>(op: &'a Operation, example: &Example) -> Option<Vec<Doc<'a>>> {
    let docs: Vec<Doc> = match example.kind {
        ExampleKind::Request => request_table(op, &example.value),
        ExampleKind::Response => {
            let keys = top_keys(&example.value);
            let by_status = op
                .responses
                .iter()
                .find(|r| example.status.is_some() && r.status == example.status);
            let shares = |r: &&crate::kb::Response| {
                r.fields
                    .iter()
                    .filter(|f| keys.contains(f.name.as_str()))
                    .count()
            };
            let by_overlap = op
                .responses
                .iter()
                .filter(|r| shares(r) > 0)
                .max_by_key(|r| (shares(r), std::cmp::Reverse(r.status)));
            by_status
                .filter(|r| !r.fields.is_empty())
                .or(by_overlap)?
                .fields
                .iter()
                .map(Doc::from)
                .collect()
        }
    };
    (!docs.is_empty()).then_some(docs)
}

/// The body parameters an example request is written against: the operation's first request
/// table, or the table of another request mode (an image from an ECS or from a file in OBS)
/// when that one names more of the example's keys (inside a wrapper the table leaves out, too).
fn request_table<'a>(op: &'a Operation, value: &Value) -> Vec<Doc<'a>> {
    let body = |parameters: &'a [crate::kb::Parameter]| -> Vec<Doc<'a>> {
        parameters
            .iter()
            .filter(|p| p.location == ParameterLocation::Body)
            .map(Doc::from)
            .collect()
    };
    let mut keys = top_keys(value);
    if let Value::Object(map) = value
        && map.len() == 1
    {
        keys.extend(map.values().flat_map(top_keys));
    }
    let named = |docs: &[Doc]| {
        keys.iter()
            .filter(|k| docs.iter().any(|d| names_key(d.name, k)))
            .count()
    };
    let mut best = body(&op.parameters);
    let mut best_named = named(&best);
    for mode in &op.request_modes {
        let docs = body(&mode.parameters);
        let n = named(&docs);
        if n > best_named {
            (best, best_named) = (docs, n);
        }
    }
    best
}

/// The body inside a wrapper the table leaves out: an example whose only member is
/// undocumented (`{"ipsec_site_connection": {…}}`) and holds an object that the table's names
/// document for the most part. The table documents that object.
fn unwrapped<'v>(value: &'v Value, docs: &[Doc]) -> Option<(&'v str, &'v Value)> {
    let Value::Object(map) = value else {
        return None;
    };
    let mut members = map.iter();
    let (Some((key, inner)), None) = (members.next(), members.next()) else {
        return None;
    };
    if docs.iter().any(|d| names_key(d.name, key)) {
        return None;
    }
    let keys = top_keys(inner);
    let documented = keys
        .iter()
        .filter(|k| docs.iter().any(|d| names_key(d.name, k)))
        .count();
    (documented > 0 && documented * 2 >= keys.len()).then_some((key.as_str(), inner))
}

fn top_keys(value: &Value) -> BTreeSet<&str> {
    match value {
        Value::Object(map) => map.keys().map(String::as_str).collect(),
        Value::Array(items) => items.iter().flat_map(top_keys).collect(),
        _ => BTreeSet::new(),
    }
}

/// The JSON type a documented type names, if it names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JsonType {
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Object,
}

impl JsonType {
    /// The JSON types a documented type allows: one, or each of a union (`Integer/Boolean`,
    /// `String or Integer`, `String | Array`); none when any part names no JSON type.
    fn all_documented(type_name: &str) -> Vec<JsonType> {
        let lower = type_name.to_ascii_lowercase();
        let parts: Vec<&str> = lower
            .split(['/', '|', '或'])
            .flat_map(|part| part.split(" or "))
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .collect();
        let types: Option<Vec<JsonType>> =
            parts.iter().map(|p| JsonType::of_documented(p)).collect();
        types.unwrap_or_default()
    }

    fn of_documented(type_name: &str) -> Option<JsonType> {
        let t = type_name.trim().to_ascii_lowercase();
        let first = t.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        // `Array of X`, `List<X>`, `X[]`, and a collection named last (`String list`,
        // `Integer array`, `字符串数组`).
        let last = t.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
        if t.starts_with("array")
            || t.starts_with("list")
            || t.ends_with("[]")
            || matches!(last, "list" | "array" | "set" | "lists" | "arrays")
            || t.ends_with("数组")
            || t.ends_with("列表")
        {
            return Some(JsonType::Array);
        }
        match first {
            "string" | "str" | "uuid" | "date" | "datetime" => Some(JsonType::String),
            "integer" | "int" | "int32" | "int64" | "long" | "short" => Some(JsonType::Integer),
            "number" | "float" | "double" | "decimal" | "bigdecimal" => Some(JsonType::Number),
            "boolean" | "bool" => Some(JsonType::Boolean),
            "object" | "map" | "dict" | "json" => Some(JsonType::Object),
            _ => None,
        }
    }

    fn accepts(self, value: &Value) -> bool {
        match (self, value) {
            (_, Value::Null) => true,
            (JsonType::String, Value::String(_)) => true,
            (JsonType::Integer, Value::Number(n)) => n.is_i64() || n.is_u64(),
            (JsonType::Number, Value::Number(_)) => true,
            (JsonType::Boolean, Value::Bool(_)) => true,
            (JsonType::Array, Value::Array(_)) => true,
            (JsonType::Object, Value::Object(_)) => true,
            _ => false,
        }
    }
}

fn json_type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Whether member `key` is the documented field `name`: the same name, or `name` a template
/// (`volume_{volume_type}`, `quota_<type>`) whose fixed parts `key` has in order.
fn names_key(name: &str, key: &str) -> bool {
    if name == key {
        return true;
    }
    if !name.contains(['{', '<']) {
        return false;
    }
    let fixed: Vec<&str> = name
        .split(['{', '<'])
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.split_once(['}', '>']).map_or("", |(_, rest)| rest)
            }
        })
        .collect();
    let mut rest = key;
    for (i, part) in fixed.iter().enumerate() {
        if i == 0 {
            let Some(after) = rest.strip_prefix(part) else {
                return false;
            };
            rest = after;
        } else if i == fixed.len() - 1 {
            return rest.len() > part.len() && rest.ends_with(part);
        } else {
            let Some(at) = rest.get(1..).and_then(|r| r.find(part)) else {
                return false;
            };
            rest = &rest[1 + at + part.len()..];
        }
    }
    !rest.is_empty()
}

/// Whether documented fields describe a map whose keys are data rather than fields: every
/// name is a placeholder (`key_val`, `{key}`, `User-defined field key and value pair`) or the
/// two halves of an entry (`key`, `value`).
fn describes_map(docs: &[Doc]) -> bool {
    !docs.is_empty()
        && docs.iter().all(|d| {
            let lower = d.name.to_ascii_lowercase();
            d.name.contains(['{', '<', ' '])
                || matches!(
                    lower.as_str(),
                    "key" | "value" | "key_val" | "keyval" | "key_value" | "key-value" | "*"
                )
        })
}

/// `XXX`, `xxxx`, `string`, `<id>`, blank: a value that stands for any value.
fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    v.is_empty()
        || (v.len() >= 2 && v.chars().all(|c| c == 'x' || c == 'X'))
        || v.eq_ignore_ascii_case("string")
        || (v.starts_with('<') && v.ends_with('>'))
        || (v.starts_with('{') && v.ends_with('}'))
}

/// Whether an example's value contradicts a documented enumeration. Not when it is one of the
/// values in another case (`interface` for `Interface`), when no documented value has its
/// shape (a number, a date, a path against words: the values are another field's, or a note
/// read as values, "OBS: the path must start with s3a://"), or when it contains a documented
/// value as a part (`dds.mongodb.s2.large.4.repset` against `dds.mongodb`, `s2.xlarge.4`: the
/// text explains the parts of a pattern). Nor when a documented value stands for a class of
/// values ("0 indicates the system disk. Non-0 indicates a data disk": every other number is
/// documented), or is the value in other typography (`≥` for `>=`).
fn contradicts(text: &str, enumeration: &Enumeration) -> bool {
    let documented: Vec<&str> = enumeration
        .values
        .iter()
        .map(|v| v.value.trim())
        .filter(|v| !v.is_empty())
        .collect();
    if documented.iter().any(|v| is_value_class(v)) {
        return false;
    }
    let shape = Shape::of(text);
    let plain = ascii_typography(text);
    let listed = documented
        .iter()
        .any(|v| ascii_typography(v).eq_ignore_ascii_case(&plain));
    let same_shape = documented.iter().any(|v| Shape::of(v) == shape);
    let explains_parts = documented
        .iter()
        .any(|v| v.len() >= 2 && v.len() < text.len() && contains_part(text, v));
    !listed && same_shape && !explains_parts
}

/// A documented "value" that stands for every value but the others listed: `Non-0`,
/// `non-zero`, `Other values`, `Any other value` (not `Other`: `Linux, Windows, Other` lists a
/// value named so).
fn is_value_class(value: &str) -> bool {
    let compact: String = value
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    matches!(
        compact.as_str(),
        "non0" | "nonzero" | "not0" | "othervalues" | "anyothervalue"
    )
}

/// Comparison signs and quotes written in ASCII (`≥ 5` → `>= 5`, `“a”` → `"a"`).
fn ascii_typography(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '≥' => out.push_str(">="),
            '≤' => out.push_str("<="),
            '≠' => out.push_str("!="),
            '“' | '”' | '″' => out.push('"'),
            '‘' | '’' | '′' => out.push('\''),
            '－' | '–' | '—' => out.push('-'),
            c => out.push(c),
        }
    }
    out
}

/// Whether the row's own description names the value as a word (`Valid value: shard config
/// mongos replica`, `The value must be 1.1.`, `log: Log only`): a value list the enumeration
/// reader cut short, not an undocumented value.
fn names_word(description: &str, value: &str) -> bool {
    let value = value.trim();
    if value.is_empty() {
        return false;
    }
    let boundary = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
    let lower = description.to_lowercase();
    let wanted = value.to_lowercase();
    lower.match_indices(&wanted).any(|(at, _)| {
        let after = &lower[at + wanted.len()..];
        let next = after.chars().next();
        // A full stop ends the value only when a space or the end follows it (`1.1.`), not
        // inside a longer number or name (`1.1.2`).
        let next_ok = boundary(next)
            && !(next == Some('.') && after[1..].starts_with(|c: char| c.is_alphanumeric()));
        boundary(lower[..at].chars().next_back()) && next_ok
    })
}

/// Whether `part` stands in `text` between separators (`.`, `-`, `_`, `/`, `:`, the ends).
fn contains_part(text: &str, part: &str) -> bool {
    let separator = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(part).any(|(at, _)| {
        separator(text[..at].chars().next_back())
            && separator(text[at + part.len()..].chars().next())
    })
}

/// The rough shape of a value, for telling a value of the field from text about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `3`, `-1`, `0.5`.
    Number,
    /// `2018-09-06T14:03:05Z`, `10:30`.
    Time,
    /// `s3a://bucket/log/`, `/v1/tasks`.
    Path,
    /// Anything else: `ACTIVE`, `replica_of`, `cce.s1.small`.
    Word,
}

impl Shape {
    fn of(value: &str) -> Shape {
        let v = value.trim();
        let digits = v.chars().filter(char::is_ascii_digit).count();
        if v.contains('/') {
            Shape::Path
        } else if !v.is_empty()
            && v.trim_start_matches(['-', '+'])
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.')
            && digits > 0
        {
            Shape::Number
        } else if digits * 2 >= v.len() && v.contains([':', '-']) {
            Shape::Time
        } else {
            Shape::Word
        }
    }
}

struct Walk<'a> {
    enums: &'a EnumsByField<'a>,
    op: &'a Operation,
    /// The lines of the operation's documented rows, in order: where a row's cells end.
    rows: Vec<u32>,
    example: &'a Example,
    seen: BTreeSet<(FindingKind, String)>,
    findings: Vec<Finding>,
}

impl<'a> Walk<'a> {
    /// Walks `value`, documented by `docs`: the fields of object type `object` (`None` for
    /// the top level).
    fn value(&mut self, value: &Value, docs: &[Doc<'a>], object: Option<&'a str>, path: &str) {
        match value {
            Value::Object(map) => {
                if describes_map(docs)
                    && !map
                        .keys()
                        .any(|k| docs.iter().any(|d| names_key(d.name, k)))
                {
                    // A map whose keys are data (`metadata`: `key`/`value`, `key_val`,
                    // `User-defined key and value pair`): nothing to hold its keys against.
                    return;
                }
                for (key, item) in map {
                    let here = member_path(path, key);
                    match docs.iter().find(|d| names_key(d.name, key)) {
                        Some(doc) => self.field(item, doc, object, &here),
                        None if !self.documented_anywhere(key) => self.report(
                            FindingKind::UndocumentedField,
                            format!(
                                "the example has field `{}`, which no table of {} documents",
                                any_item_path(&here),
                                self.op_name()
                            ),
                            &here,
                            None,
                            key,
                        ),
                        None => {}
                    }
                }
                for doc in docs.iter().filter(|d| d.required == Some(true)) {
                    if !map.contains_key(doc.name) {
                        self.report(
                            FindingKind::MissingRequiredField,
                            format!(
                                "the example lacks `{}`, which the table marks mandatory",
                                any_item_path(&member_path(path, doc.name))
                            ),
                            path,
                            Some(doc.line),
                            doc.name,
                        );
                    }
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    self.value(item, docs, object, &numbered_item_path(path, index));
                }
            }
            _ => {}
        }
    }

    fn field(&mut self, value: &Value, doc: &Doc<'a>, object: Option<&'a str>, path: &str) {
        let expected = doc
            .type_name
            .map(JsonType::all_documented)
            .unwrap_or_default();
        if value.is_null() && doc.required == Some(true) {
            self.report(
                FindingKind::TypeMismatch,
                format!(
                    "`{}` is null in the example, but the table documents a mandatory {}",
                    any_item_path(path),
                    doc.type_name.unwrap_or("value")
                ),
                path,
                Some(doc.line),
                "null",
            );
        } else if !expected.is_empty() && !expected.iter().any(|e| e.accepts(value)) {
            self.report(
                FindingKind::TypeMismatch,
                format!(
                    "`{}` is {} in the example, but the table documents {}",
                    any_item_path(path),
                    json_type_name(value),
                    doc.type_name.unwrap_or("another type")
                ),
                path,
                Some(doc.line),
                &value.to_string(),
            );
        }
        self.enumeration(value, doc, object, path);
        if let Some((name, nested)) = self.nested(doc) {
            self.value(value, &nested, Some(name), path);
        }
    }

    fn enumeration(&mut self, value: &Value, doc: &Doc<'a>, object: Option<&str>, path: &str) {
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => return,
        };
        if is_placeholder(&text) {
            return;
        }
        let Some(enumeration) = self.enumeration_of(doc, object) else {
            return;
        };
        if !contradicts(&text, enumeration) || names_word(doc.description, &text) {
            return;
        }
        let documented: Vec<&str> = enumeration
            .values
            .iter()
            .map(|v| v.value.as_str())
            .collect();
        self.report(
            FindingKind::UndocumentedEnumValue,
            format!(
                "`{}` is {text:?} in the example, which is not among its documented values: {}",
                any_item_path(path),
                documented.join(", ")
            ),
            path,
            Some(enumeration.line),
            &text,
        );
    }

    /// The enumeration documented for a field of this operation in object type `object`
    /// (`None`: a top-level field): the one written in the field's own table row, else one of
    /// its name tied to this operation and object, else one tied to no operation when the
    /// operation documents one field of that name. A field of one object never takes the
    /// values documented for a field of that name in another.
    fn enumeration_of(&self, doc: &Doc, object: Option<&str>) -> Option<&'a Enumeration> {
        let key = self.op_name();
        let candidates = self.enums.get(&(self.op.source.as_str(), doc.name))?;
        let row_end = self.rows.iter().copied().find(|&line| line > doc.line);
        let in_row = |e: &Enumeration| e.line >= doc.line && row_end.is_none_or(|end| e.line < end);
        if let Some(own) = candidates.iter().copied().find(|e| in_row(e)) {
            return Some(own);
        }
        let mut best: Option<&Enumeration> = None;
        for &e in candidates {
            match e.operation.as_deref() {
                Some(op) if op == key && e.object.as_deref() == object => return Some(e),
                Some(_) => {}
                None => best = best.or(Some(e)),
            }
        }
        best.filter(|_| self.documented_times(doc.name) <= 1)
    }

    /// How many fields and parameters of the operation have this name.
    fn documented_times(&self, name: &str) -> usize {
        let op = self.op;
        op.parameters.iter().filter(|p| p.name == name).count()
            + op.responses
                .iter()
                .flat_map(|r| &r.fields)
                .chain(op.objects.iter().flat_map(|o| &o.fields))
                .filter(|f| f.name == name)
                .count()
    }

    /// The object type a field holds and its fields, if a table documents it.
    fn nested(&self, doc: &Doc) -> Option<(&'a str, Vec<Doc<'a>>)> {
        let objects = &self.op.objects;
        let named = doc
            .object
            .and_then(|o| objects.iter().find(|t| t.name == o));
        let in_type = || {
            doc.type_name.and_then(|t| {
                objects.iter().find(|o| {
                    t.split(|c: char| !c.is_alphanumeric() && c != '_')
                        .any(|w| w == o.name)
                })
            })
        };
        let by_field = || {
            objects
                .iter()
                .find(|o| o.name.eq_ignore_ascii_case(doc.name))
        };
        let object = named.or_else(in_type).or_else(by_field)?;
        Some((
            object.name.as_str(),
            object.fields.iter().map(Doc::from).collect(),
        ))
    }

    fn documented_anywhere(&self, key: &str) -> bool {
        let op = self.op;
        op.parameters.iter().any(|p| p.name == key)
            || op
                .responses
                .iter()
                .flat_map(|r| &r.fields)
                .chain(op.objects.iter().flat_map(|o| &o.fields))
                .any(|f| f.name == key)
    }

    fn op_name(&self) -> String {
        format!("{} {}", self.op.method, self.op.path)
    }

    /// Reports a problem at the example's line for member `path` (numbered: `tasks[2].id`;
    /// the example's first line when the path is not known), and at the documenting table row
    /// when there is one.
    fn report(
        &mut self,
        kind: FindingKind,
        message: String,
        path: &str,
        table_line: Option<u32>,
        value: &str,
    ) {
        if !self.seen.insert((kind, message.clone())) {
            return;
        }
        let source = &self.op.source;
        let line = self
            .example
            .item_lines
            .get(path)
            .or_else(|| self.example.member_lines.get(&any_item_path(path)))
            .copied()
            .unwrap_or(self.example.line);
        let mut locations = vec![at(source, line)];
        locations.extend(table_line.map(|line| at(source, line)));
        let mut finding = Finding::new(kind, message, locations);
        finding.texts = vec![Quote {
            location: at(source, line),
            text: value.to_string(),
        }];
        self.findings.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_the_row_names_is_documented() {
        let row = "Valid value: shard config mongos replica";
        assert!(names_word(row, "replica"));
        assert!(names_word(row, "Mongos"));
        assert!(!names_word(row, "rep"));
        assert!(names_word("The value must be 1.1.", "1.1"));
        assert!(!names_word("The value must be 1.1.2", "1.1"));
        assert!(names_word("log: Log only", "log"));
        assert!(!names_word("", "log"));
    }
    use crate::kb::{ObjectType, Response};
    use serde_json::json;

    fn values(values: &[&str]) -> Enumeration {
        crate::check::testkb::enumeration("v", "s", values)
    }

    #[test]
    fn a_class_of_values_or_other_typography_is_documented() {
        assert!(contradicts("PAUSED", &values(&["RUNNING", "STOPPED"])));
        assert!(
            !contradicts("1", &values(&["0", "Non-0"])),
            "Non-0 covers 1"
        );
        assert!(!contradicts("3", &values(&["1", "2", "Other values"])));
        assert!(contradicts("BSD", &values(&["Linux", "Windows", "Other"])));
        assert!(contradicts("3", &values(&["1", "2"])));
        assert!(!contradicts(">=", &values(&["≥", "≤", "="])), "≥ is >=");
        assert!(contradicts(">", &values(&["≥", "≤"])));
    }

    fn field(name: &str, type_name: &str, line: u32) -> Field {
        Field {
            name: name.into(),
            type_name: Some(type_name.into()),
            required: None,
            description: String::new(),
            object: None,
            line,
        }
    }

    fn op(examples: Vec<Example>) -> Operation {
        Operation {
            service: None,
            method: "GET".into(),
            path: "/v1/tasks".into(),
            title: None,
            source: "s".into(),
            line: 1,
            parameters: vec![Parameter {
                name: "name".into(),
                location: ParameterLocation::Body,
                required: Some(true),
                type_name: Some("String".into()),
                description: String::new(),
                default: None,
                range: None,
                object: None,
                line: 5,
            }],
            // Built from JSON so the test does not depend on every field of `Response`.
            responses: vec![
                serde_json::from_value::<Response>(json!({
                    "status": 200,
                    "description": null,
                    "fields": [field("total", "Integer", 10), field("tasks", "Array of Task objects", 11)],
                    "headers": [],
                }))
                .expect("response"),
            ],
            objects: vec![ObjectType {
                name: "Task".into(),
                line: 12,
                fields: vec![field("kind", "String", 13), field("id", "String", 14)],
            }],
            examples,
            request_modes: Vec::new(),
        }
    }

    fn kb(examples: Vec<Example>) -> KnowledgeBase {
        KnowledgeBase {
            operations: vec![op(examples)],
            enums: vec![Enumeration {
                line: 13,
                operation: Some("GET /v1/tasks".into()),
                object: Some("Task".into()),
                ..crate::check::testkb::enumeration("kind", "s", &["A_KIND", "B_KIND"])
            }],
            ..KnowledgeBase::default()
        }
    }

    /// An example as a page would show it: pretty-printed from line `line`.
    fn example(kind: ExampleKind, status: Option<u16>, line: u32, value: Value) -> Example {
        let text = serde_json::to_string_pretty(&value).expect("JSON value prints");
        let lines = crate::extract::json_lines::example_lines(&text, line);
        Example {
            kind,
            status,
            line,
            member_lines: lines.member_lines,
            item_lines: lines.item_lines,
            value,
        }
    }

    fn response(value: Value, status: Option<u16>) -> Example {
        example(ExampleKind::Response, status, 30, value)
    }

    fn kinds(findings: &[Finding]) -> Vec<FindingKind> {
        let mut kinds: Vec<FindingKind> = findings.iter().map(|f| f.kind).collect();
        kinds.sort();
        kinds
    }

    #[test]
    fn undocumented_enum_value_once_per_array() {
        let value = json!({"total": 2, "tasks": [
            {"kind": "RUNNING_KIND", "id": "x"}, {"kind": "RUNNING_KIND", "id": "y"}
        ]});
        let findings = check(&kb(vec![response(value, Some(200))]));
        assert_eq!(kinds(&findings), vec![FindingKind::UndocumentedEnumValue]);
        assert!(findings[0].message.contains("tasks[].kind"));
        assert_eq!(findings[0].locations.len(), 2);
        // At the key's line: `{` 30, `"tasks": [` 31, `{` 32, `"id"` 33, `"kind"` 34.
        assert_eq!(findings[0].locations[0].line, 34);
        assert_eq!(findings[0].texts[0].location.line, 34);
    }

    #[test]
    fn type_mismatch_and_undocumented_field() {
        let value = json!({"total": "2", "extra": 1, "tasks": [{"kind": "A_KIND", "id": null}]});
        let findings = check(&kb(vec![response(value, None)]));
        assert_eq!(
            kinds(&findings),
            vec![FindingKind::UndocumentedField, FindingKind::TypeMismatch],
            "{findings:#?}"
        );
    }

    #[test]
    fn request_missing_and_null_required() {
        let request = |value| example(ExampleKind::Request, None, 20, value);
        let missing = check(&kb(vec![request(json!({"total": 1}))]));
        assert!(kinds(&missing).contains(&FindingKind::MissingRequiredField));
        // A missing top-level field is reported at the example's first line.
        assert!(missing.iter().all(|f| f.locations[0].line == 20));
        let null = check(&kb(vec![request(json!({"name": null}))]));
        assert_eq!(kinds(&null), vec![FindingKind::TypeMismatch]);
    }

    #[test]
    fn a_wrapper_the_table_leaves_out_and_maps_with_data_keys() {
        let request = |value| example(ExampleKind::Request, None, 20, value);
        // The table documents `name`; the example wraps the body in `task`.
        let wrapped = check(&kb(vec![request(json!({"task": {"name": "n"}}))]));
        assert!(wrapped.is_empty(), "{wrapped:#?}");
        let missing = check(&kb(vec![request(json!({"task": {"other": 1, "more": 2}}))]));
        assert!(kinds(&missing).contains(&FindingKind::MissingRequiredField));
        // A type documented by `key`/`value` rows holds a map whose keys are data.
        let mut base = kb(vec![response(
            json!({"total": 1, "tasks": [{"key1": "v1", "key2": "v2"}]}),
            Some(200),
        )]);
        base.operations[0].objects[0].fields =
            vec![field("key", "String", 13), field("value", "String", 14)];
        assert!(check(&base).is_empty());
    }

    #[test]
    fn generic_error_templates_are_not_checked() {
        let value = json!({"error": {"message": "XXXX", "code": "XXX"}});
        assert!(check(&kb(vec![response(value, None)])).is_empty());
    }

    #[test]
    fn documented_types() {
        assert_eq!(
            JsonType::of_documented("Array of FailedTasks objects"),
            Some(JsonType::Array)
        );
        for listed in [
            "String list",
            "Integer array",
            "List<String>",
            "string[]",
            "字符串数组",
        ] {
            assert_eq!(
                JsonType::of_documented(listed),
                Some(JsonType::Array),
                "{listed}"
            );
        }
        assert_eq!(JsonType::of_documented("String"), Some(JsonType::String));
        assert_eq!(JsonType::of_documented("Integer"), Some(JsonType::Integer));
        assert_eq!(JsonType::of_documented("FailedTasks"), None);
        assert_eq!(
            JsonType::all_documented("Integer/Boolean"),
            vec![JsonType::Integer, JsonType::Boolean]
        );
        assert_eq!(
            JsonType::all_documented("String or Integer"),
            vec![JsonType::String, JsonType::Integer]
        );
        assert!(JsonType::all_documented("String/FailedTasks").is_empty());
        assert!(names_key("volume_{volume_type}", "volume_SAS"));
        assert!(names_key("quota_<type>_max", "quota_disk_max"));
        assert!(!names_key("volume_{volume_type}", "volume_"));
        assert!(!names_key("volume_{volume_type}", "snapshots_SAS"));
        assert!(is_placeholder("XXX"));
    }
}
