//! The plan of the generated crate: the knowledge base in, modules with every identifier and
//! type decided out. Pure; [`super::tokens`] turns it into Rust.
//!
//! Steps:
//! 1. give every fact a module, by the service it belongs to (`services`): a code by its
//!    service; an operation by its own service, else its page's, else the one service whose
//!    documented codes its examples carry; an enumeration of an operation by that operation's
//!    module (never by the page it sat on). Facts with no service go to `other`;
//! 2. error codes → one variant each (codes equal after [`canonical_code`] are one), with every
//!    definition as a meaning and the one `meaning()` returns chosen by an [`Authority`]
//!    (`codes`);
//! 3. operations documented several times (the same method and path on several pages, or an
//!    example URL of a documented path template) → one operation (`operations`);
//! 4. enumerations → one enum per field of an operation, or per standalone table (a Chinese
//!    table paired with the English table of the same values) (`enums`);
//! 5. names from what a thing is, never from what else was compiled (`names`);
//! 6. structs per request body, response body and object, fields typed from the tables, the
//!    enumerations documented for them and the error codes they carry (`structs`);
//! 7. examples → widen what the tables say where a JSON example disagrees (`widen`), so
//!    every example deserializes; each example becomes a test case for its struct;
//! 8. a struct that contains itself directly is boxed.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::kb::{Definition, ErrorCode, KnowledgeBase, Operation, canonical_code, upstream_url};

mod codes;
mod enums;
mod names;
mod operations;
mod services;
mod structs;
#[cfg(test)]
mod tests;
mod widen;

use super::docs::escape_markdown;
use super::ident::{Case, Names, unraw};
pub use structs::documented_type;

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

/// A line of a source document: where a generated item comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct At {
    /// Source id.
    pub source: String,
    /// 1-based line.
    pub line: u32,
}

impl At {
    /// The line `line` of source `source`.
    pub fn new(source: &str, line: u32) -> Self {
        At {
            source: source.to_string(),
            line,
        }
    }
}

/// The whole generated crate.
#[derive(Debug, Clone, PartialEq)]
pub struct CratePlan {
    /// The authority rule in words.
    pub authority_rule: String,
    /// One module per service, sorted by module identifier.
    pub modules: Vec<ModulePlan>,
    /// Source id → path relative to the project root.
    pub source_paths: BTreeMap<String, String>,
    /// The upstream address of a source line (`{path}`, `{line}`), when configured.
    pub source_url: Option<String>,
}

impl CratePlan {
    /// A source line for a doc comment (Markdown): `` `docs/a.md` line 10 ``, a link to the
    /// upstream page when `source_url` is configured.
    pub fn place(&self, at: &At) -> String {
        let path = self.path(&at.source);
        let text = format!("{} line {}", escape_markdown(path), at.line);
        match &self.source_url {
            Some(template) => {
                let url = upstream_url(template, path, at.line)
                    .replace(' ', "%20")
                    .replace('(', "%28")
                    .replace(')', "%29")
                    .replace('<', "%3C")
                    .replace('>', "%3E");
                format!("[{text}]({url})")
            }
            None => text,
        }
    }

    /// Several source lines, joined with `; `.
    pub fn places(&self, places: &[At]) -> String {
        places
            .iter()
            .map(|at| self.place(at))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The path of a source (its id when unknown).
    pub fn path<'a>(&'a self, source: &'a str) -> &'a str {
        self.source_paths.get(source).map_or(source, String::as_str)
    }
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
    /// Whether the module has an `ErrorCode` type: it has codes, or a field carries them.
    pub has_error_code_type: bool,
    /// Enumerations, in a stable order (by the place they come from).
    pub enums: Vec<EnumPlan>,
    /// Structs, in a stable order (by operation, then role).
    pub structs: Vec<StructPlan>,
    /// JSON examples and the struct each deserializes into.
    pub examples: Vec<ExamplePlan>,
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

/// One error code: one variant of its module's `ErrorCode`. Every attribute of the variant
/// comes from here (a flag such as "retired" is one more field and one more attribute).
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
    /// Type identifier (`JobStatus`).
    pub ident: String,
    /// What it is, for the doc comment (Markdown): the field and operation, or the table.
    pub about: String,
    /// Where it is documented, first the place its name comes from.
    pub places: Vec<At>,
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
    /// Where it is documented (its table on every page that documents it).
    pub places: Vec<At>,
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
    /// Where the field's row is.
    pub at: At,
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
    /// The module's `ErrorCode` (unknown codes deserialize into `Unknown`).
    ErrorCode,
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
    /// Where the example starts.
    pub at: At,
    /// The example as pretty JSON.
    pub json: String,
}

/// Plans the generated crate for a knowledge base.
pub fn plan(kb: &KnowledgeBase, authority: &Authority<'_>) -> CratePlan {
    let services = services::Services::new(kb);
    let mut builders: BTreeMap<String, ModuleBuilder> = BTreeMap::new();
    let conflicted = codes::conflicted_definitions(kb);
    for code in &kb.error_codes {
        builders
            .entry(services.of_code(code))
            .or_default()
            .codes
            .push(codes::PendingCode {
                code,
                authoritative: (authority.pick)(code),
                conflicting: codes::is_conflicted(code, &conflicted),
            });
    }
    let mut by_module: BTreeMap<String, Vec<&Operation>> = BTreeMap::new();
    for op in &kb.operations {
        by_module
            .entry(services.of_operation(op))
            .or_default()
            .push(op);
    }
    // Where each documented operation (source, `METHOD path`) ended up: module, operation.
    let mut operation_at: BTreeMap<(String, String), (String, usize)> = BTreeMap::new();
    for (service, ops) in by_module {
        let merged = operations::merge(&ops);
        for (key, index) in merged.origins {
            operation_at.insert(key, (service.clone(), index));
        }
        builders.entry(service).or_default().operations = merged.operations;
    }
    for enumeration in &kb.enums {
        let bound = enumeration
            .operation
            .as_ref()
            .and_then(|key| operation_at.get(&(enumeration.source.clone(), key.clone())));
        let service = match bound {
            Some((service, _)) => service.clone(),
            None => services.of_enumeration(enumeration),
        };
        let operation = bound.map(|(_, index)| *index);
        builders
            .entry(service)
            .or_default()
            .enums
            .push((enumeration, operation));
    }
    let mut module_names = Names::default();
    let mut modules: Vec<ModulePlan> = builders
        .into_iter()
        .map(|(service, builder)| {
            let module_ident = module_names.take(&service, Case::Snake);
            builder.build(service, module_ident)
        })
        .collect();
    modules.sort_by(|a, b| unraw(&a.ident).cmp(unraw(&b.ident)));
    CratePlan {
        authority_rule: authority.rule.clone(),
        modules,
        source_paths: kb
            .sources
            .iter()
            .map(|s| (s.id.clone(), s.path.clone()))
            .collect(),
        source_url: kb.source_url.clone(),
    }
}

/// `METHOD path`, the key enumerations use to name their operation.
pub fn operation_key(op: &Operation) -> String {
    format!("{} {}", op.method, op.path)
}

/// The facts of one module before planning.
#[derive(Default)]
struct ModuleBuilder<'kb> {
    codes: Vec<codes::PendingCode<'kb>>,
    /// Each enumeration with the merged operation it belongs to, if any.
    enums: Vec<(&'kb crate::kb::Enumeration, Option<usize>)>,
    operations: Vec<operations::OpModel>,
}

impl ModuleBuilder<'_> {
    fn build(self, service: String, ident: String) -> ModulePlan {
        let codes = codes::plan_codes(&self.codes);
        let op_names = names::operation_names(&self.operations);
        let enum_models = enums::models(&self.enums, &self.operations);
        let canonical: std::collections::BTreeSet<String> =
            codes.iter().map(|c| c.canonical.clone()).collect();
        let typed = structs::build(&structs::Input {
            operations: &self.operations,
            op_names: &op_names,
            enums: &enum_models,
            codes: &canonical,
        });
        let structs::Built {
            mut structs,
            enums,
            examples: pending,
        } = typed;
        let mut tests = Names::default();
        let examples = pending
            .into_iter()
            .map(|(target, example)| {
                widen::widen(&mut structs, target, &example.value, &example.origin);
                let name = format!(
                    "{} {} line {}",
                    structs[target].ident, example.at.source, example.at.line
                );
                ExamplePlan {
                    test_ident: tests.take(&name, Case::Snake),
                    target,
                    at: example.at,
                    json: serde_json::to_string_pretty(&example.value).unwrap_or_default(),
                }
            })
            .collect();
        widen::box_direct_cycles(&mut structs);
        let has_error_code_type = !codes.is_empty()
            || structs
                .iter()
                .flat_map(|s| &s.fields)
                .any(|f| carries_error_codes(&f.ty));
        ModulePlan {
            service,
            ident,
            codes,
            has_error_code_type,
            enums,
            structs,
            examples,
        }
    }
}

/// Whether a field type holds the module's `ErrorCode`.
fn carries_error_codes(ty: &FieldType) -> bool {
    match ty {
        FieldType::ErrorCode => true,
        FieldType::List(inner) => carries_error_codes(inner),
        _ => false,
    }
}

/// Whether `text` has Chinese (or other CJK) letters.
fn has_cjk(text: &str) -> bool {
    text.chars().any(crate::shapes::is_cjk)
}
