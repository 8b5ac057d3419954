//! The knowledge base: every fact errdex extracted, normalized and sorted, as written to
//! `kb.json`. These types are the JSON contract (see `generated/kb.schema.json`); the keys listed
//! in ARCHITECTURE.md are stable, new keys may be added, and [`SCHEMA_VERSION`] changes when a
//! stable key changes meaning.
//!
//! ```
//! // A kb.json written by `errdex build`, read back:
//! let kb: errdex_core::KnowledgeBase =
//!     serde_json::from_str(r#"{"schema_version": 1, "sources": [], "error_codes": [],
//!         "enums": [], "operations": [], "mentions": [], "findings": []}"#)?;
//! assert!(kb.error_code("CSS.6007").is_none());
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

mod finding;

/// Codes are looked up by their canonical spelling (the rule lives in [`crate::shapes`]).
pub use crate::shapes::canonical_code;
pub use finding::{Finding, FindingKind, Quote};

/// Version of the `kb.json` layout.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole knowledge base.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct KnowledgeBase {
    /// Version of this layout.
    pub schema_version: u32,
    /// The source documents, sorted by id.
    pub sources: Vec<Source>,
    /// Error codes defined in tables, sorted by code.
    pub error_codes: Vec<ErrorCode>,
    /// Enumerations: value lists in description cells and two-column value tables.
    pub enums: Vec<Enumeration>,
    /// API operations (method + path) with parameters, responses and examples.
    pub operations: Vec<Operation>,
    /// Error codes mentioned in prose or examples rather than defined in a table.
    pub mentions: Vec<Mention>,
    /// What `check` found.
    pub findings: Vec<Finding>,
    /// The upstream web address of a source line (`errdex.toml`'s `source_url`, with `{path}`
    /// and `{line}`), when the maintainers gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// The release these documents are (`errdex build --release`), when named: what a later
    /// build with `--baseline` says a retired code was last documented in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release: Option<String>,
}

/// A place in a source as every output shows it (`check --format json`, `explain`,
/// `annotate`, the site): the source id, its path relative to the project root, the line,
/// and the upstream web address of that line when `source_url` is set. `kb.json` itself keeps
/// the compact [`Location`] (id and line; paths are in `sources`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Place {
    /// Source id.
    pub source: String,
    /// Source path, relative to the project root.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// The line's upstream web address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Turns source ids and lines into [`Place`]s (one map over the sources, built once).
#[derive(Debug, Clone, Default)]
pub struct Places<'kb> {
    paths: std::collections::HashMap<&'kb str, &'kb str>,
    source_url: Option<&'kb str>,
}

impl<'kb> Places<'kb> {
    /// The places of a knowledge base's sources.
    pub fn new(sources: &'kb [Source], source_url: Option<&'kb str>) -> Self {
        Places {
            paths: sources
                .iter()
                .map(|s| (s.id.as_str(), s.path.as_str()))
                .collect(),
            source_url,
        }
    }

    /// The path of a source, or its id when unknown.
    pub fn path(&self, source: &'kb str) -> &'kb str {
        self.paths.get(source).copied().unwrap_or(source)
    }

    /// The place of a line of a source.
    pub fn at(&self, source: &str, line: u32) -> Place {
        let path = self.paths.get(source).copied().unwrap_or(source);
        Place {
            source: source.to_string(),
            path: path.to_string(),
            line,
            url: self
                .source_url
                .map(|template| upstream_url(template, path, line)),
        }
    }
}

/// A `source_url` template filled in: `{path}` → the source path, `{line}` → the line.
pub fn upstream_url(template: &str, path: &str, line: u32) -> String {
    template
        .replace("{path}", path)
        .replace("{line}", &line.to_string())
}

/// One source document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Source {
    /// File stem, unique in one build.
    pub id: String,
    /// Path as given.
    pub path: String,
    /// `markdown`, `rst`, `html` or `text`.
    pub format: String,
    /// The document title, if any.
    pub title: Option<String>,
    /// Main language: `en`, `zh`.
    pub language: String,
    /// The service the document is about, if it can be told (`CSS`).
    pub service: Option<String>,
    /// Hex SHA-256 of the file's bytes.
    pub sha256: String,
}

/// One error code and all its definitions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ErrorCode {
    /// The code as written (`CSS.6007`); the first spelling in source order when several differ.
    pub code: String,
    /// The service, from the code's prefix, upper case (`ECS` for `Ecs.0013`).
    pub service: String,
    /// Every table row defining this code, in source order.
    pub definitions: Vec<Definition>,
    /// Index into `definitions` of the meaning errdex states to a reader of English (the
    /// default language): the definition `errdex.toml` ranks first, else the wording of the
    /// meaning most sources give ([`crate::explain::stated_meaning`], which also answers for
    /// other languages). Decided once per build, so `explain`, the site and the generated Rust
    /// agree.
    #[serde(default)]
    pub authoritative: usize,
    /// The definitions grouped by meaning, as `check` judges two definitions alike (the same
    /// words, or a wording variant): indices into `definitions`, each group in source order,
    /// groups in the order of their first definition. A group holds one language only
    /// ([`crate::explain::language_of`]). Absent for a code with one definition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meanings: Vec<Vec<usize>>,
    /// Indices into `definitions` from the sources `errdex.toml` ranks for the code's service
    /// (`[authority]`, or a group's `authority`), most authoritative first. Absent when it
    /// ranks none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranked: Vec<usize>,
    /// Set when the documents no longer define the code and `errdex build --baseline` kept it
    /// from an earlier release: `definitions` are then its last definitions, as they were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<Retirement>,
}

/// A code or enumeration value the documents dropped, kept by `errdex build --baseline` so
/// that the generated crate keeps it (deprecated) and `explain` still answers for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Retirement {
    /// The release that dropped it: `errdex build --release`, else `unreleased`.
    pub retired_in: String,
    /// The release that documented it last: the baseline's `release`, else its git revision
    /// or the path of its `kb.json`.
    pub last_documented_in: String,
    /// The source that documented it last, as its path was in that release.
    pub source: String,
    /// 1-based line in that source.
    pub line: u32,
}

impl Retirement {
    /// `retired in 2.0: last documented in 1.9 (docs/errors.md:12)`: the reason the generated
    /// crate's `#[deprecated]` and `explain` give.
    pub fn reason(&self) -> String {
        format!(
            "retired in {}: last documented in {} ({}:{})",
            self.retired_in, self.last_documented_in, self.source, self.line
        )
    }
}

/// One table row defining an error code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Definition {
    /// Source id.
    pub source: String,
    /// 1-based line of the row.
    pub line: u32,
    /// The code exactly as this row writes it.
    pub code_text: String,
    /// HTTP status, `null` for `NA`/`N/A`/blank or when not a single number.
    pub http_status: Option<u16>,
    /// The raw status cell when it is not exactly one number (`400/404`, `N/A`).
    pub status_text: Option<String>,
    /// The message (Message column, else Description).
    pub message: String,
    /// The Description column, where the table has both Message and Description.
    pub description: Option<String>,
    /// What to do.
    pub solution: Option<String>,
    /// The Module/Service column, blank cells inheriting the one above.
    pub module: Option<String>,
    /// A note the message or description cell adds after its text (`NOTE: <ECS error code>
    /// indicates the error information reported by ECS.`), kept apart from the message it
    /// comments on. Absent when the cell has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An enumeration: a documented set of values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Enumeration {
    /// The field it belongs to (`failure_status`) or the table's subject (`事件类型`).
    pub name: String,
    /// Service, if known.
    pub service: Option<String>,
    /// Source id.
    pub source: String,
    /// 1-based line where the values are documented.
    pub line: u32,
    /// `METHOD path` of the operation it belongs to, if any.
    pub operation: Option<String>,
    /// The object type of that operation whose field it is (`conditions`), absent for a
    /// parameter or a top-level field: two fields of one name in different objects are two
    /// enumerations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// The values in documented order.
    pub values: Vec<EnumValue>,
}

/// One enumeration value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EnumValue {
    /// The value as written (`createFail`).
    pub value: String,
    /// What it means.
    pub description: String,
    /// Set when the documents no longer list the value and `errdex build --baseline` kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<Retirement>,
}

/// An API operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Operation {
    /// Service, if known.
    pub service: Option<String>,
    /// HTTP method, upper case.
    pub method: String,
    /// Path template (`/v3/{project_id}/failed-tasks`).
    pub path: String,
    /// The page or section title.
    pub title: Option<String>,
    /// Source id.
    pub source: String,
    /// 1-based line of the `METHOD path` line.
    pub line: u32,
    /// Request parameters.
    pub parameters: Vec<Parameter>,
    /// Responses by status.
    pub responses: Vec<Response>,
    /// Named object types (`FailedTasks`) referenced by fields.
    pub objects: Vec<ObjectType>,
    /// JSON examples.
    pub examples: Vec<Example>,
    /// Other ways to call the operation, each documented by a request table of its own (an
    /// image created from an ECS or from a file in OBS; a DB instance or a read replica):
    /// `parameters` holds the first table's body parameters, each mode here another table's.
    /// Absent when the page documents one request body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_modes: Vec<RequestMode>,
}

/// One way to call an operation: the body parameters of a request table that repeats names of
/// the operation's first one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RequestMode {
    /// What the page says the table is for (its caption or the label before it).
    pub label: String,
    /// Source line of the table.
    pub line: u32,
    /// Its body parameters.
    pub parameters: Vec<Parameter>,
}

/// Where a request parameter goes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ParameterLocation {
    /// In the URI path.
    Path,
    /// In the query string.
    Query,
    /// A request header.
    Header,
    /// In the request body.
    Body,
}

/// A request parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Parameter {
    /// Name as written.
    pub name: String,
    /// Location.
    #[serde(rename = "in")]
    pub location: ParameterLocation,
    /// Whether it is mandatory, where stated.
    pub required: Option<bool>,
    /// Documented type (`String`, `Integer`, `Array of X objects`).
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    /// Description text.
    pub description: String,
    /// Default value, where stated.
    pub default: Option<String>,
    /// Value range, where stated.
    pub range: Option<String>,
    /// The named object type this parameter holds, if any.
    pub object: Option<String>,
    /// Source line of the row.
    pub line: u32,
}

/// A response for one status code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Response {
    /// HTTP status, if stated.
    pub status: Option<u16>,
    /// Description from the status-code table, if any.
    pub description: Option<String>,
    /// Top-level body fields.
    pub fields: Vec<Field>,
    /// Response headers, where documented.
    pub headers: Vec<Field>,
}

/// A response or object field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Field {
    /// Name.
    pub name: String,
    /// Documented type.
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    /// Whether it is mandatory, where stated.
    pub required: Option<bool>,
    /// Description.
    pub description: String,
    /// The named object type this field holds (`FailedTasks`), if any.
    pub object: Option<String>,
    /// Source line of the row.
    pub line: u32,
}

/// A named object type documented by its own table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ObjectType {
    /// Name (`FailedTasks`).
    pub name: String,
    /// Source line of the table.
    pub line: u32,
    /// Its fields.
    pub fields: Vec<Field>,
}

/// Whether an example is a request or a response.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ExampleKind {
    /// A request body.
    Request,
    /// A response body.
    Response,
}

/// A JSON example.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Example {
    /// Request or response.
    pub kind: ExampleKind,
    /// The response status it illustrates, if stated.
    pub status: Option<u16>,
    /// Source line where the JSON starts.
    pub line: u32,
    /// The parsed JSON value.
    pub value: serde_json::Value,
    /// Source line of each member, by path: keys joined by `.`, `[]` for any array item
    /// (`tasks[].operate_type`); the first occurrence of a path.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub member_lines: BTreeMap<String, u32>,
    /// Source line of each member of an array item after the first, by path with the items'
    /// numbers (`tasks[2].operate_type`, from 0): so a finding about the third item points at
    /// the third item. Members of first items are in `member_lines`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub item_lines: BTreeMap<String, u32>,
}

/// The path of member `key` of the object at `parent` in [`Example::member_lines`]: keys
/// joined by `.` (`tasks[].operate_type`).
pub fn member_path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// The path of any item of the array at `parent` in [`Example::member_lines`] (`tasks[]`).
pub fn item_path(parent: &str) -> String {
    format!("{parent}[]")
}

/// The path of item `index` of the array at `parent` in [`Example::item_lines`] (`tasks[2]`).
pub fn numbered_item_path(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

/// A numbered path as [`Example::member_lines`] writes it: `tasks[2].id` → `tasks[].id`.
pub fn any_item_path(numbered: &str) -> String {
    let mut out = String::with_capacity(numbered.len());
    let mut in_brackets = false;
    for c in numbered.chars() {
        match c {
            '[' => {
                in_brackets = true;
                out.push(c);
            }
            ']' => {
                in_brackets = false;
                out.push(c);
            }
            c if in_brackets && c.is_ascii_digit() => {}
            c => out.push(c),
        }
    }
    out
}

/// An error code mentioned outside a definition table.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Mention {
    /// The code as written.
    pub code: String,
    /// Source id.
    pub source: String,
    /// 1-based line.
    pub line: u32,
    /// `prose` or `example`.
    pub context: String,
    /// The surrounding text (a sentence or the JSON member).
    pub text: String,
}

/// Severity of a finding.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Must be fixed; `check` exits 1.
    Error,
    /// Should be looked at.
    Warning,
    /// For information.
    Note,
}

impl Severity {
    /// The word for it, as JSON, SARIF and the printers write it (`error`, `warning`, `note`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }

    /// Whether this is `least` or more severe (errors are the most severe).
    pub fn at_least(self, least: Severity) -> bool {
        // Declared most severe first.
        self <= least
    }
}

/// A place in a source.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Location {
    /// Source id.
    pub source: String,
    /// 1-based line.
    pub line: u32,
}

impl KnowledgeBase {
    /// Finds an error code by any common spelling.
    pub fn error_code(&self, code: &str) -> Option<&ErrorCode> {
        let wanted = canonical_code(code);
        self.error_codes
            .iter()
            .find(|c| canonical_code(&c.code) == wanted)
    }

    /// Turns this knowledge base's source ids and lines into [`Place`]s.
    pub fn places(&self) -> Places<'_> {
        Places::new(&self.sources, self.source_url.as_deref())
    }

    /// Finds a source by id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
}
