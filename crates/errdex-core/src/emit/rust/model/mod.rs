//! The plan of the generated crate: the knowledge base in, modules with every identifier and
//! type decided out. Pure; [`super::tokens`] turns it into Rust.
//!
//! Steps:
//! 1. give every fact a module: its service (the operation's, else the source's), lower case;
//!    facts with no service go to `other`;
//! 2. error codes → one variant each (codes equal after [`canonical_code`] are one), with every
//!    definition as a meaning and the one `meaning()` returns chosen by an [`Authority`];
//! 3. enumerations → one enum each (identical ones documented twice are one);
//! 4. operations → one struct per named object, per response body and per request body
//!    (identical objects shared by operations are one), fields typed from the tables and linked
//!    to the enumerations documented for them;
//! 5. examples → widen what the tables say where a JSON example disagrees (`null` → `Option`,
//!    a value of another type → `serde_json::Value`, with a note), so every example
//!    deserializes; each example becomes a test case for its struct;
//! 6. a struct that contains itself directly is boxed.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::docs::{code_span, escape_markdown};
use super::ident::{Case, Names, ident};

use crate::config::Config;
use crate::explain::{DEFAULT_LANGUAGE, stated_meaning};
use crate::kb::{
    Definition, Enumeration, ErrorCode, Example, ExampleKind, Field, KnowledgeBase, Operation,
    ParameterLocation, canonical_code,
};

#[cfg(test)]
mod tests;
mod widen;

use widen::*;

/// Names a module's items must not take: the generated items themselves and the prelude names
/// the generated code uses unqualified.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "ErrorCode",
    "CodeEntry",
    "Option",
    "Some",
    "None",
    "String",
    "Vec",
    "Box",
    "Result",
    "Ok",
    "Err",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Into",
    "Iterator",
    "IntoIterator",
    "Extend",
    "ToString",
    "ToOwned",
    "AsRef",
    "AsMut",
    "TryFrom",
    "TryInto",
];

/// How the meaning `meaning()` returns is chosen for a code with several definitions.
pub struct Authority<'a> {
    /// The rule in words, for the generated docs.
    pub rule: String,
    /// Index into `definitions` of the one `meaning()` returns.
    pub pick: Box<dyn Fn(&ErrorCode) -> usize + 'a>,
}

/// The rule of [`crate::explain::stated_meaning`] in words.
const STATED: &str = "the meaning most sources give, as errdex check judges two definitions alike (a definition in Chinese counts only where no English one exists); on a tie, the one given by more definitions, then one with a solution, then the first in source order";

impl Authority<'static> {
    /// The meaning the build decided ([`crate::kb::ErrorCode::authoritative`], the meaning
    /// errdex states to a reader of English), described without an `errdex.toml`.
    pub fn stated() -> Self {
        Authority {
            rule: STATED.to_string(),
            pick: Box::new(|code: &ErrorCode| code.authoritative),
        }
    }
}

impl<'a> Authority<'a> {
    /// The meaning the build decided, with the rule worded for `config` (whether it ranks
    /// sources with `[authority]` or a group's `authority`).
    pub fn from_config(config: &'a Config) -> Self {
        let configured =
            !config.authority.is_empty() || config.groups.iter().any(|g| !g.authority.is_empty());
        let mut authority = Authority::stated();
        if configured {
            authority.rule = format!(
                "the definition from the source errdex.toml ranks first for the service, else {STATED}"
            );
        }
        authority
    }
}

/// The whole generated crate.
#[derive(Debug, Clone, PartialEq)]
pub struct CratePlan {
    /// The authority rule in words.
    pub authority_rule: String,
    /// One module per service, sorted by module identifier.
    pub modules: Vec<ModulePlan>,
}

/// One service module.
#[derive(Debug, Clone, PartialEq)]
pub struct ModulePlan {
    /// The service as documented (`CSS`), or `other`.
    pub service: String,
    /// The module identifier (`css`).
    pub ident: String,
    /// Error codes, sorted by code.
    pub codes: Vec<CodePlan>,
    /// Enumerations in source order.
    pub enums: Vec<EnumPlan>,
    /// Structs in source order.
    pub structs: Vec<StructPlan>,
    /// JSON examples and the struct each deserializes into.
    pub examples: Vec<ExamplePlan>,
}

/// One error code.
#[derive(Debug, Clone, PartialEq)]
pub struct CodePlan {
    /// Variant identifier (`Css6007`).
    pub ident: String,
    /// The code as written (`CSS.6007`).
    pub code: String,
    /// Canonical form for lookups (`CSS6007`).
    pub canonical: String,
    /// Every spelling the documents use, sorted.
    pub spellings: Vec<String>,
    /// Every definition, in source order.
    pub meanings: Vec<Definition>,
    /// Index of the meaning `meaning()` returns.
    pub authoritative: usize,
    /// Whether `check` found a meaning or status conflict.
    pub conflicting: bool,
    /// How far the sources agree on the meaning errdex states, in words.
    pub agreement: String,
    /// Whether some definitions give another meaning in the stated language.
    pub differing: bool,
    /// Why the code is retired (`#[deprecated]`), when the documents dropped it.
    pub retired: Option<String>,
}

/// One enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumPlan {
    /// Type identifier (`FailureStatus`).
    pub ident: String,
    /// The documented name (`failure_status`).
    pub name: String,
    /// Source id and line.
    pub source: String,
    /// 1-based line.
    pub line: u32,
    /// `METHOD path`, if any.
    pub operation: Option<String>,
    /// The values, in documented order, without repeats.
    pub variants: Vec<VariantPlan>,
}

/// One enumeration value.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantPlan {
    /// Variant identifier (`CreateFail`).
    pub ident: String,
    /// The value as written (`createFail`).
    pub value: String,
    /// Its description.
    pub description: String,
    /// Why the value is retired (`#[deprecated]`), when the documents dropped it.
    pub retired: Option<String>,
}

/// One struct.
#[derive(Debug, Clone, PartialEq)]
pub struct StructPlan {
    /// Type identifier.
    pub ident: String,
    /// What it is, for the doc comment (Markdown).
    pub about: String,
    /// Source id.
    pub source: String,
    /// 1-based line.
    pub line: u32,
    /// Fields in documented order.
    pub fields: Vec<FieldPlan>,
}

/// One struct field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldPlan {
    /// Field identifier (`task_id`, `r#type`).
    pub ident: String,
    /// The JSON name (`task_id`, `X-Auth-Token`).
    pub name: String,
    /// Its type.
    pub ty: FieldType,
    /// Whether it is an `Option`.
    pub optional: bool,
    /// Whether the value is boxed (a struct that contains itself).
    pub boxed: bool,
    /// Documented type, as written.
    pub documented_type: Option<String>,
    /// Description.
    pub description: String,
    /// Why the type differs from the table, if it does (Markdown).
    pub notes: Vec<String>,
}

/// A field's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldType {
    /// `i64`.
    Integer,
    /// `f64`.
    Number,
    /// `bool`.
    Boolean,
    /// `String`.
    Text,
    /// `serde_json::Value`: anything.
    Json,
    /// A struct of the same module, by index.
    Struct(usize),
    /// An enum of the same module, by index.
    Enum(usize),
    /// `Vec<T>`.
    List(Box<FieldType>),
}

/// A JSON example and its struct.
#[derive(Debug, Clone, PartialEq)]
pub struct ExamplePlan {
    /// Test function identifier.
    pub test_ident: String,
    /// Index of the struct it deserializes into.
    pub target: usize,
    /// Source id.
    pub source: String,
    /// 1-based line.
    pub line: u32,
    /// The example as pretty JSON.
    pub json: String,
}

/// Plans the generated crate for a knowledge base.
pub fn plan(kb: &KnowledgeBase, authority: &Authority<'_>) -> CratePlan {
    let source_service: BTreeMap<&str, &str> = kb
        .sources
        .iter()
        .filter_map(|s| s.service.as_deref().map(|svc| (s.id.as_str(), svc)))
        .collect();
    let service_of = |own: Option<&str>, source: &str| -> String {
        own.map(str::trim)
            .filter(|s| !s.is_empty())
            .or_else(|| source_service.get(source).map(|s| s.trim()))
            .filter(|s| !s.is_empty())
            .unwrap_or("other")
            .to_string()
    };
    let conflicted = conflicted_definitions(kb);
    let mut builders: BTreeMap<String, ModuleBuilder> = BTreeMap::new();
    for code in &kb.error_codes {
        let service = service_of(Some(&code.service), first_source(code));
        builders
            .entry(service)
            .or_default()
            .codes
            .push(PendingCode {
                code,
                authoritative: (authority.pick)(code),
                conflicting: is_conflicted(code, &conflicted),
            });
    }
    let operation_service: BTreeMap<String, String> = kb
        .operations
        .iter()
        .map(|op| {
            let service = service_of(op.service.as_deref(), &op.source);
            (operation_key(op), service)
        })
        .collect();
    for enumeration in &kb.enums {
        let service = enumeration
            .operation
            .as_ref()
            .and_then(|key| operation_service.get(key).cloned())
            .unwrap_or_else(|| service_of(enumeration.service.as_deref(), &enumeration.source));
        builders.entry(service).or_default().enums.push(enumeration);
    }
    for op in &kb.operations {
        let service = service_of(op.service.as_deref(), &op.source);
        builders.entry(service).or_default().operations.push(op);
    }
    let mut module_names = Names::default();
    let mut modules: Vec<ModulePlan> = builders
        .into_iter()
        .map(|(service, builder)| {
            let module_ident = module_names.take(&service, Case::Snake);
            builder.build(service, module_ident)
        })
        .collect();
    modules.sort_by(|a, b| a.ident.cmp(&b.ident));
    CratePlan {
        authority_rule: authority.rule.clone(),
        modules,
    }
}

/// The definitions `check` found in a meaning or status conflict: (source, line, canonical
/// code) of every location of those findings.
fn conflicted_definitions(kb: &KnowledgeBase) -> BTreeSet<(&str, u32, String)> {
    kb.findings
        .iter()
        .filter(|f| f.is_conflict())
        .filter_map(|f| f.code.as_deref().map(|code| (f, canonical_code(code))))
        .flat_map(|(f, code)| {
            f.locations
                .iter()
                .map(move |l| (l.source.as_str(), l.line, code.clone()))
        })
        .collect()
}

/// Whether the documents disagree on this code's meaning or status, as `check` judged it
/// (wording variants and possible conflicts do not count).
fn is_conflicted(code: &ErrorCode, conflicted: &BTreeSet<(&str, u32, String)>) -> bool {
    let canonical = canonical_code(&code.code);
    code.definitions
        .iter()
        .any(|d| conflicted.contains(&(d.source.as_str(), d.line, canonical.clone())))
}

fn first_source(code: &ErrorCode) -> &str {
    code.definitions.first().map_or("", |d| d.source.as_str())
}

/// `METHOD path`, the key enumerations use to name their operation.
pub fn operation_key(op: &Operation) -> String {
    format!("{} {}", op.method, op.path)
}

/// A code of the knowledge base with what the build decided about it.
struct PendingCode<'kb> {
    code: &'kb ErrorCode,
    /// Index of the authoritative definition.
    authoritative: usize,
    /// `check` found a meaning or status conflict.
    conflicting: bool,
}

/// The facts of one module before planning.
#[derive(Default)]
struct ModuleBuilder<'kb> {
    codes: Vec<PendingCode<'kb>>,
    enums: Vec<&'kb Enumeration>,
    operations: Vec<&'kb Operation>,
}

impl<'kb> ModuleBuilder<'kb> {
    fn build(self, service: String, ident: String) -> ModulePlan {
        let codes = plan_codes(&self.codes);
        let mut types = Names::with_reserved(RESERVED_TYPE_NAMES);
        let (enums, enum_index) = plan_enums(&self.enums, &self.operations, &mut types);
        let mut structs = StructTable::default();
        let mut examples = Vec::new();
        for op in &self.operations {
            structs.add_operation(op, &enum_index, &mut types, &mut examples);
        }
        let mut structs = structs.finish();
        let mut tests = Names::default();
        let examples = examples
            .into_iter()
            .map(|(target, example)| {
                widen(&mut structs, target, &example.value, &example.origin);
                let name = format!(
                    "{} {} line {}",
                    structs[target].ident, example.source, example.line
                );
                ExamplePlan {
                    test_ident: tests.take(&name, Case::Snake),
                    target,
                    source: example.source,
                    line: example.line,
                    json: serde_json::to_string_pretty(&example.value).unwrap_or_default(),
                }
            })
            .collect();
        box_direct_cycles(&mut structs);
        ModulePlan {
            service,
            ident,
            codes,
            enums,
            structs,
            examples,
        }
    }
}

fn plan_codes(codes: &[PendingCode]) -> Vec<CodePlan> {
    let mut by_canonical: BTreeMap<String, CodePlan> = BTreeMap::new();
    for PendingCode {
        code,
        authoritative,
        conflicting,
    } in codes
    {
        let canonical = canonical_code(&code.code);
        let entry = by_canonical
            .entry(canonical.clone())
            .or_insert_with(|| CodePlan {
                ident: String::new(),
                code: code.code.clone(),
                canonical,
                spellings: Vec::new(),
                meanings: Vec::new(),
                authoritative: *authoritative,
                conflicting: false,
                agreement: String::new(),
                differing: false,
                retired: code.retired.as_ref().map(|r| r.reason()),
            });
        if let Some(stated) = stated_meaning(code, DEFAULT_LANGUAGE)
            && entry.meanings.is_empty()
        {
            entry.agreement = stated.agreement(&code.definitions);
            entry.differing = !stated.differing.is_empty();
        }
        entry.meanings.extend(code.definitions.iter().cloned());
        entry.conflicting |= *conflicting;
    }
    let mut plans: Vec<CodePlan> = by_canonical.into_values().collect();
    plans.sort_by(|a, b| a.code.cmp(&b.code).then(a.canonical.cmp(&b.canonical)));
    let mut variants = Names::default();
    for plan in &mut plans {
        plan.ident = variants.take(&plan.code, Case::UpperCamel);
        if plan.meanings.is_empty() {
            plan.meanings.push(Definition {
                source: String::new(),
                line: 0,
                code_text: plan.code.clone(),
                http_status: None,
                status_text: None,
                message: String::new(),
                description: None,
                solution: None,
                module: None,
                note: None,
            });
        }
        plan.authoritative = plan.authoritative.min(plan.meanings.len() - 1);
        let mut spellings: BTreeSet<String> =
            plan.meanings.iter().map(|m| m.code_text.clone()).collect();
        spellings.insert(plan.code.clone());
        plan.spellings = spellings.into_iter().collect();
    }
    plans
}

impl ModulePlan {
    /// Whether the module keeps retired codes or values (deprecated variants).
    pub fn has_retired(&self) -> bool {
        self.codes.iter().any(|c| c.retired.is_some())
            || self
                .enums
                .iter()
                .any(|e| e.variants.iter().any(|v| v.retired.is_some()))
    }
}

/// Enumerations by `(operation key, field name)` → index, for typing fields.
type EnumIndex = BTreeMap<(String, String), Vec<(u32, usize)>>;

fn plan_enums(
    enums: &[&Enumeration],
    operations: &[&Operation],
    types: &mut Names,
) -> (Vec<EnumPlan>, EnumIndex) {
    let titles: BTreeMap<String, String> = operations
        .iter()
        .map(|op| (operation_key(op), operation_name(op)))
        .collect();
    let mut plans: Vec<EnumPlan> = Vec::new();
    let mut index = EnumIndex::new();
    let mut seen: BTreeMap<(String, Vec<(String, String)>), usize> = BTreeMap::new();
    for enumeration in enums {
        let values: Vec<(String, String)> = enumeration
            .values
            .iter()
            .map(|v| (v.value.clone(), v.description.clone()))
            .collect();
        let key = (enumeration.name.clone(), values);
        let position = match seen.get(&key) {
            Some(&existing) => existing,
            None => {
                let mut candidates = vec![ident(&enumeration.name, Case::UpperCamel)];
                if let Some(title) = enumeration.operation.as_ref().and_then(|k| titles.get(k)) {
                    candidates.push(ident(
                        &format!("{title} {}", enumeration.name),
                        Case::UpperCamel,
                    ));
                }
                let type_ident = types.take_first(&candidates, Case::UpperCamel);
                plans.push(EnumPlan {
                    ident: type_ident,
                    name: enumeration.name.clone(),
                    source: enumeration.source.clone(),
                    line: enumeration.line,
                    operation: enumeration.operation.clone(),
                    variants: plan_variants(enumeration),
                });
                seen.insert(key, plans.len() - 1);
                plans.len() - 1
            }
        };
        if let Some(op) = &enumeration.operation {
            index
                .entry((op.clone(), enumeration.name.clone()))
                .or_default()
                .push((enumeration.line, position));
        }
    }
    (plans, index)
}

fn plan_variants(enumeration: &Enumeration) -> Vec<VariantPlan> {
    let mut names = Names::with_reserved(&["Unknown"]);
    let mut seen = BTreeSet::new();
    enumeration
        .values
        .iter()
        .filter(|v| seen.insert(v.value.clone()))
        .map(|v| VariantPlan {
            ident: names.take(&v.value, Case::UpperCamel),
            value: v.value.clone(),
            description: v.description.clone(),
            retired: v.retired.as_ref().map(|r| r.reason()),
        })
        .collect()
}

/// A name for an operation: its title, else method and path words.
fn operation_name(op: &Operation) -> String {
    match op.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(title) => title.to_string(),
        None => {
            let words: Vec<&str> = op
                .path
                .split('/')
                .filter(|s| !s.is_empty() && !s.starts_with('{'))
                .collect();
            format!("{} {}", op.method.to_lowercase(), words.join(" "))
        }
    }
}

/// A struct under construction: fields still name objects and enums by documented name.
#[derive(Debug, Clone, PartialEq)]
struct PendingStruct {
    plan: StructPlan,
    /// For each field: the object name it holds, if any.
    objects: Vec<Option<String>>,
    /// The operation it belongs to.
    operation: usize,
}

/// An example waiting for its struct.
#[derive(Debug, Clone)]
struct PendingExample {
    value: Value,
    source: String,
    line: u32,
    origin: String,
}

/// Every struct of a module, with objects shared between operations deduplicated.
#[derive(Default)]
struct StructTable {
    pending: Vec<PendingStruct>,
    /// `(operation, object name)` → pending index.
    objects: BTreeMap<(usize, String), usize>,
    /// Object signature → pending index, to share identical objects.
    shared: BTreeMap<String, usize>,
    operations: usize,
}

impl StructTable {
    fn add_operation(
        &mut self,
        op: &Operation,
        enums: &EnumIndex,
        types: &mut Names,
        examples: &mut Vec<(usize, PendingExample)>,
    ) {
        let op_index = self.operations;
        self.operations += 1;
        let op_name = operation_name(op);
        let op_key = operation_key(op);
        let origin = |line: u32| format!("{} line {line}", op.source);
        for object in &op.objects {
            let signature = format!("{}\u{0}{:?}", object.name, field_signature(&object.fields));
            if let Some(&existing) = self.shared.get(&signature) {
                self.objects
                    .insert((op_index, object.name.clone()), existing);
                continue;
            }
            let candidates = [
                ident(&object.name, Case::UpperCamel),
                ident(&format!("{op_name} {}", object.name), Case::UpperCamel),
            ];
            let pending = self.pending_struct(
                types.take_first(&candidates, Case::UpperCamel),
                format!(
                    "The {} object of {}.",
                    code_span(&object.name),
                    describe(op)
                ),
                (&op.source, object.line),
                &object.fields,
                (&op_key, enums, op_index),
            );
            self.pending.push(pending);
            let index = self.pending.len() - 1;
            self.shared.insert(signature, index);
            self.objects.insert((op_index, object.name.clone()), index);
        }
        let body: Vec<Field> = op
            .parameters
            .iter()
            .filter(|p| p.location == ParameterLocation::Body)
            .map(|p| Field {
                name: p.name.clone(),
                type_name: p.type_name.clone(),
                required: p.required,
                description: p.description.clone(),
                object: p.object.clone(),
                line: p.line,
            })
            .collect();
        let request = (!body.is_empty()).then(|| {
            let line = body.first().map_or(op.line, |f| f.line);
            let pending = self.pending_struct(
                types.take(&format!("{op_name} request"), Case::UpperCamel),
                format!("The request body of {}.", describe(op)),
                (&op.source, line),
                &body,
                (&op_key, enums, op_index),
            );
            self.pending.push(pending);
            self.pending.len() - 1
        });
        let success = op
            .responses
            .iter()
            .filter(|r| !r.fields.is_empty())
            .filter_map(|r| r.status)
            .filter(|s| (200..300).contains(s))
            .min();
        let mut responses: Vec<(Option<u16>, usize, BTreeSet<String>)> = Vec::new();
        for response in op.responses.iter().filter(|r| !r.fields.is_empty()) {
            let name = match response.status {
                Some(status) if Some(status) != success => format!("{op_name} response {status}"),
                _ => format!("{op_name} response"),
            };
            let status = response
                .status
                .map_or("unstated status".to_string(), |s| format!("status {s}"));
            let line = response.fields.first().map_or(op.line, |f| f.line);
            let pending = self.pending_struct(
                types.take(&name, Case::UpperCamel),
                format!("The response body of {} ({status}).", describe(op)),
                (&op.source, line),
                &response.fields,
                (&op_key, enums, op_index),
            );
            self.pending.push(pending);
            let names = response.fields.iter().map(|f| f.name.clone()).collect();
            responses.push((response.status, self.pending.len() - 1, names));
        }
        for example in &op.examples {
            let target = match example.kind {
                ExampleKind::Request => request,
                ExampleKind::Response => response_for(example, &responses),
            };
            if let Some(target) = target {
                examples.push((
                    target,
                    PendingExample {
                        value: example.value.clone(),
                        source: op.source.clone(),
                        line: example.line,
                        origin: origin(example.line),
                    },
                ));
            }
        }
    }

    fn pending_struct(
        &self,
        ident: String,
        about: String,
        (source, line): (&str, u32),
        fields: &[Field],
        (op_key, enums, op_index): (&str, &EnumIndex, usize),
    ) -> PendingStruct {
        let mut names = Names::default();
        let mut objects = Vec::new();
        let mut seen = BTreeSet::new();
        let mut planned = Vec::new();
        for field in fields.iter().filter(|f| seen.insert(f.name.clone())) {
            let enum_type = enums
                .get(&(op_key.to_string(), field.name.clone()))
                .and_then(|candidates| {
                    candidates
                        .iter()
                        .find(|(line, _)| *line == field.line)
                        .or_else(|| candidates.first())
                })
                .map(|(_, index)| *index);
            let ty = documented_type(field.type_name.as_deref(), enum_type);
            objects.push(field.object.clone());
            planned.push(FieldPlan {
                ident: names.take(&field.name, Case::Snake),
                name: field.name.clone(),
                ty,
                optional: field.required != Some(true),
                boxed: false,
                documented_type: field.type_name.clone(),
                description: field.description.clone(),
                notes: Vec::new(),
            });
        }
        PendingStruct {
            plan: StructPlan {
                ident,
                about,
                source: source.to_string(),
                line,
                fields: planned,
            },
            objects,
            operation: op_index,
        }
    }

    /// Resolves object references to struct indices.
    fn finish(self) -> Vec<StructPlan> {
        self.pending
            .iter()
            .map(|pending| {
                let mut plan = pending.plan.clone();
                for (field, object) in plan.fields.iter_mut().zip(&pending.objects) {
                    let Some(object) = object else { continue };
                    match self.objects.get(&(pending.operation, object.clone())) {
                        Some(&target) => field.ty = with_struct(&field.ty, target),
                        None => {
                            field.ty = FieldType::Json;
                            field.notes.push(format!(
                                "Typed `serde_json::Value`: the {} object is not documented.",
                                code_span(object)
                            ));
                        }
                    }
                }
                plan
            })
            .collect()
    }
}

/// `METHOD path` as a Markdown code span.
fn describe(op: &Operation) -> String {
    code_span(&operation_key(op))
}

/// What makes two documented fields the same: name, type, required, object.
type FieldSignature<'a> = (&'a str, Option<&'a str>, Option<bool>, Option<&'a str>);

fn field_signature(fields: &[Field]) -> Vec<FieldSignature<'_>> {
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

/// The response struct an example belongs to: by status, else the one whose fields cover the
/// most of the example's keys (ties: the first).
fn response_for(
    example: &Example,
    responses: &[(Option<u16>, usize, BTreeSet<String>)],
) -> Option<usize> {
    if let Some(status) = example.status
        && let Some((_, index, _)) = responses.iter().find(|(s, _, _)| *s == Some(status))
    {
        return Some(*index);
    }
    let keys: BTreeSet<&str> = match &example.value {
        Value::Object(map) => map.keys().map(String::as_str).collect(),
        _ => return None,
    };
    let mut best: Option<(usize, usize)> = None;
    for (_, index, names) in responses {
        let covered = keys.iter().filter(|k| names.contains(**k)).count();
        if covered > 0 && best.is_none_or(|(c, _)| covered > c) {
            best = Some((covered, *index));
        }
    }
    best.map(|(_, index)| index)
}

/// The element type made a struct: `Vec<Json>` → `Vec<Struct>`, `Json` → `Struct`.
fn with_struct(ty: &FieldType, target: usize) -> FieldType {
    match ty {
        FieldType::List(inner) => FieldType::List(Box::new(with_struct(inner, target))),
        _ => FieldType::Struct(target),
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
