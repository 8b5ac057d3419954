//! API operations: `METHOD /path` lines, the parameter and field tables that follow them, the
//! status codes and the JSON examples.
//!
//! The document is read in order by an [`OperationReader`] that keeps the section it is in
//! (URI, request, response, examples) from headings and short paragraphs, and the response status
//! from `Status code: 200` lines. Each parameter table is placed by, in order: its caption and the
//! text just before it (`Path Parameters`, `Request header parameters`, `Request filter`,
//! `Response body parameters`), the section, and for URI tables whether the name appears in the
//! path as `{name}`. A table whose caption names a type referenced by an earlier field
//! (`Array of FailedTasks objects` → `Table 5 FailedTasks`) becomes that object type.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::Table;
use crate::extract::enums::values_in_description;
use crate::extract::json_lines;
use crate::extract::tables::ParameterColumns;
use crate::kb::{
    EnumValue, Enumeration, Example, ExampleKind, Field, ObjectType, Operation, Parameter,
    ParameterLocation, Response,
};
use crate::parse::cells::fold_whitespace;

static OPERATION_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:URI|URL|请求URI|URI格式|URI format)\s*[:：]?\s*)?(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+(https?://[^/\s]+)?(/[^\s]*)\s*$")
        .expect("valid regex")
});

/// The path half of a split request line (`PATH：/v3/{project_id}/…`, then `Method：DELETE`).
static PATH_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:path|uri|url|路径|请求路径)\s*[:：]\s*(?:https?://[^/\s]+)?(/[^\s]*)\s*$")
        .expect("valid regex")
});

/// The method half of a split request line (`Method：DELETE`, `请求方法: GET`).
static METHOD_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:method|http\s+method|请求方法|方法)\s*[:：]\s*(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s*$")
        .expect("valid regex")
});

/// A table cited from a field's description (`For details, see Table 3.`, `详见表3`).
static TABLE_CITATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:Table|表)\s*(\d+)").expect("valid regex"));

static STATUS_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:http\s+)?(?:status\s+code|状态码|响应状态码|返回码)\s*[:：]?\s*(\d{3})\b")
        .expect("valid regex")
});

static TYPE_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:array\s+of\s+|list\s+of\s+|list<|array<)?([A-Za-z_][A-Za-z0-9_]*)(?:>|\s+objects?|\s+structures?)$")
        .expect("valid regex")
});

static CAPTION_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Table|表)\s*\d+(?:[.\-]\d+)*\s*[:：.]?\s*").expect("valid regex")
});

static DEFAULT_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:default(?:\s+value)?(?:\s+is)?\s*[:：]?\s*|默认值[为是]?\s*[:：]?\s*)([^\s,，。;；]+?)[.。]?(?:\s|$|[,，;；])")
        .expect("valid regex")
});

static VALUE_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:value\s+range\s*[:：]\s*|取值范围\s*[:：]?\s*|the\s+value\s+ranges\s+from\s+)([^。;；\n]+?)(?:[.。;；]\s|[.。;；]?$)")
        .expect("valid regex")
});

/// Which part of an API page the reader is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Other,
    Uri,
    Request,
    Response,
    RequestExample,
    ResponseExample,
}

/// Where a parameter table goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placement {
    Parameters(Option<ParameterLocation>),
    ResponseFields,
    ResponseHeaders,
}

/// A field that refers to a named type whose table has not been seen yet.
#[derive(Debug, Clone)]
struct PendingReference {
    /// The object holding the field; `None` for parameters and top-level response fields.
    container: Option<String>,
    /// The field's name.
    field: String,
    /// The type it refers to.
    reference: String,
    /// The table its description cites (`For details, see Table 3.` → 3), if any.
    table: Option<u32>,
}

impl PendingReference {
    fn of(container: Option<String>, field: &Field) -> Option<Self> {
        let reference = field.object.clone()?;
        Some(PendingReference {
            container,
            field: field.name.clone(),
            table: cited_table(&field.description),
            reference,
        })
    }
}

/// The table number a description cites, when it cites exactly one. A cheap byte check first:
/// most descriptions cite nothing.
fn cited_table(description: &str) -> Option<u32> {
    if !description.contains("able") && !description.contains('表') {
        return None;
    }
    let mut numbers = TABLE_CITATION
        .captures_iter(description)
        .filter_map(|caps| caps[1].parse::<u32>().ok());
    let first = numbers.next()?;
    numbers.all(|n| n == first).then_some(first)
}

/// The number of a caption (`Table 3 Description of …` → 3, `表 2 参数说明` → 2).
fn caption_number(caption: &str) -> Option<u32> {
    let rest = caption
        .trim_start()
        .strip_prefix("Table")
        .or_else(|| caption.trim_start().strip_prefix('表'))?
        .trim_start();
    let digits: &str = &rest[..rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len())];
    digits.parse().ok()
}

/// Reads a document's blocks in order and assembles its operations.
#[derive(Debug, Default)]
pub struct OperationReader {
    operations: Vec<Operation>,
    enums: Vec<Enumeration>,
    pending: Vec<PendingReference>,
    section: Option<Section>,
    status: Option<u16>,
    /// Pairs of operations declared one right after the other with nothing between (the same
    /// operation under two versions, `PUT /v2/…` and `PUT /v2.1/…`): the earlier one gets the
    /// tables and examples that follow the later one.
    aliases: Vec<(usize, usize)>,
    /// Whether anything (a table, an example) was filed since the last operation line.
    filed_since_operation: bool,
    /// The halves of a split request line seen so far (`PATH：/…`, `Method：GET`), with lines.
    split_path: Option<(String, u32)>,
    split_method: Option<String>,
    /// For each operation, the names in a query template of its request line
    /// (`/servers{?name={name}&limit={limit}}`, `/servers?name={name}`).
    query_names: Vec<Vec<String>>,
    /// Whether the last heading was about status codes (`Status Code`, `Returned Values`,
    /// `返回值`), where a bare `200` paragraph is a status the operation answers with.
    status_heading: bool,
    recent_text: String,
    source: String,
    title: Option<String>,
    service: Option<String>,
}

impl OperationReader {
    /// A reader for one source.
    pub fn new(source: &str, title: Option<String>, service: Option<String>) -> Self {
        OperationReader {
            source: source.to_string(),
            title,
            service,
            ..OperationReader::default()
        }
    }

    /// A heading: may change the section or the status.
    pub fn heading(&mut self, text: &str) {
        self.split_path = None;
        self.split_method = None;
        self.status_heading = is_status_heading(text);
        if let Some(status) = status_of(text) {
            self.status = Some(status);
        } else if let Some(section) = section_of(text) {
            self.enter(section);
        } else if crate::vocab::column_role(text).is_none() {
            self.section = Some(Section::Other);
        }
        // A heading that names a table (`参数说明`, `Parameter description`; a label a page
        // copied as text turns into a heading) stays in the section it is in.
        self.recent_text = text.to_string();
    }

    /// A paragraph: an operation line, a status line, a short section label, or prose.
    pub fn paragraph(&mut self, text: &str, line: u32) {
        if self.operation_line(text, line) || self.split_request_line(text, line) {
            return;
        }
        if let Some(status) = status_of(text) {
            self.status = Some(status);
            self.recent_text = text.to_string();
            return;
        }
        // An example's request or status line as its own paragraph (a page copied as text):
        // `POST /v2/… HTTP/1.1`, `HTTP/1.1 200`.
        let trimmed = text.trim();
        if let Some(caps) = line_match(&HTTP_REQUEST_HEAD, trimmed)
            && self.operation_line(&caps[1], line)
        {
            return;
        }
        let stated = line_match(&HTTP_STATUS_HEAD, trimmed).or_else(|| {
            self.status_heading
                .then(|| line_match(&PROSE_STATUS, trimmed))
                .flatten()
        });
        if let Some(status) = stated.and_then(|caps| caps[1].parse::<u16>().ok()) {
            // `HTTP/1.1 200`, or under a status heading `200`, `Normal: 200`, `正常 200`.
            self.status = Some(status);
            if let Some(operation) = self.operations.last_mut() {
                response_for(operation, Some(status));
            }
            self.recent_text = text.to_string();
            return;
        }
        if text.chars().count() <= 40
            && let Some(section) = section_of(text)
        {
            self.enter(section);
        }
        self.recent_text = text.to_string();
    }

    /// A literal block: an operation line or a JSON example.
    pub fn code(&mut self, text: &str, line: u32) {
        if self.operation_line(text.trim(), line) {
            return;
        }
        let (head, body, body_line) = match message_head(text) {
            Some((head, Some((offset, skipped)))) => (Some(head), &text[offset..], line + skipped),
            Some((head, None)) => (Some(head), "", line),
            None => (None, text, line),
        };
        match &head {
            // The request line of a syntax block or an example: an instance of a known
            // operation, or the only statement of one (`PUT /?tagging HTTP/1.1`).
            Some(MessageHead::Request(request_line)) => {
                self.operation_line(request_line, line);
            }
            // A sample response with its status line: the operation answers with that status,
            // body or not.
            Some(MessageHead::Status(code)) => {
                if let Some(operation) = self.operations.last_mut() {
                    response_for(operation, Some(*code));
                }
            }
            None => {}
        }
        let Ok(value) = serde_json::from_str::<serde_json::Value>(body.trim()) else {
            return;
        };
        if !(value.is_object() || value.is_array()) {
            return;
        }
        let section = self.section;
        let mut status = self.status;
        if self.operations.is_empty() {
            return;
        }
        let kind = match head {
            Some(MessageHead::Request(_)) => ExampleKind::Request,
            Some(MessageHead::Status(code)) => {
                status = Some(code);
                ExampleKind::Response
            }
            None => match section {
                Some(Section::RequestExample | Section::Request | Section::Uri) => {
                    ExampleKind::Request
                }
                _ => ExampleKind::Response,
            },
        };
        self.filed_since_operation = true;
        let Some(operation) = self.operations.last_mut() else {
            return;
        };
        operation.examples.push(Example {
            kind,
            status: if kind == ExampleKind::Response {
                status
            } else {
                None
            },
            line: body_line,
            value,
            member_lines: json_lines::member_lines(body, body_line),
        });
    }

    /// A status-code table: descriptions of the operation's responses.
    pub fn status_table(&mut self, table: &Table, status_col: usize, description_col: usize) {
        let Some(operation) = self.operations.last_mut() else {
            return;
        };
        for row in &table.rows {
            let cell = |i: usize| {
                row.cells
                    .get(i)
                    .map(|c| fold_whitespace(c))
                    .unwrap_or_default()
            };
            let Ok(status) = cell(status_col).parse::<u16>() else {
                continue;
            };
            let description = cell(description_col);
            let response = response_for(operation, Some(status));
            if response.description.is_none() && !description.is_empty() {
                response.description = Some(description);
            }
        }
    }

    /// A parameter or field table.
    pub fn parameter_table(&mut self, table: &Table, columns: &ParameterColumns, line: u32) {
        let caption = table.caption.as_deref().unwrap_or("");
        let caption_name = CAPTION_NUMBER.replace(caption, "").trim().to_string();
        let context = format!("{caption}\n{}", self.recent_text).to_lowercase();
        let operation_name = self
            .operations
            .last()
            .map(|op| format!("{} {}", op.method, op.path));
        let mut fields: Vec<Field> = Vec::new();
        let mut rows = Vec::new();
        for row in &table.rows {
            let Some(field) = field_of(row, columns) else {
                continue;
            };
            let raw_description = columns
                .description
                .and_then(|i| row.cells.get(i))
                .map_or("", String::as_str);
            self.enum_of_field(&field, raw_description, operation_name.clone());
            fields.push(field);
            rows.push(row);
        }
        let section = self.section;
        let status = self.status;
        if self.operations.is_empty() {
            return;
        }
        self.filed_since_operation = true;
        if self.object_table(caption, &caption_name, &fields, line) {
            return;
        }
        let mut references: Vec<PendingReference> = fields
            .iter()
            .filter_map(|f| PendingReference::of(None, f))
            .collect();
        self.pending.append(&mut references);
        let Some(operation) = self.operations.last_mut() else {
            return;
        };
        let query_names = self
            .query_names
            .last()
            .map_or(&[][..], |names| names.as_slice());
        // GET and HEAD requests have no body: their request parameters are query parameters.
        let bodyless = matches!(operation.method.as_str(), "GET" | "HEAD");
        match placement(&context, section) {
            Placement::Parameters(location) => {
                for (field, row) in fields.into_iter().zip(rows) {
                    let location = match location {
                        _ if query_names.contains(&field.name) => ParameterLocation::Query,
                        Some(ParameterLocation::Body) if bodyless => ParameterLocation::Query,
                        Some(location) => location,
                        None if operation.path.contains(&format!("{{{}}}", field.name)) => {
                            ParameterLocation::Path
                        }
                        None => ParameterLocation::Query,
                    };
                    let (default, range) = columns_or_description(row, columns, &field.description);
                    operation.parameters.push(Parameter {
                        name: field.name,
                        location,
                        required: field.required,
                        type_name: field.type_name,
                        description: field.description,
                        default,
                        range,
                        object: field.object,
                        line: field.line,
                    });
                }
            }
            Placement::ResponseFields => {
                response_for(operation, status).fields.extend(fields);
            }
            Placement::ResponseHeaders => {
                response_for(operation, status).headers.extend(fields);
            }
        }
    }

    /// Files a table whose caption names a type an earlier field refers to
    /// (`Array of FailedTasks objects` → `Table 5 FailedTasks`). Returns false when the caption
    /// names no pending reference. A second table for a name already taken becomes
    /// `container.name` (`sub_jobs.entities`) and the referring field is pointed at it; an
    /// identical repeat (the same object documented again under another status) is dropped.
    fn object_table(
        &mut self,
        caption: &str,
        caption_name: &str,
        fields: &[Field],
        line: u32,
    ) -> bool {
        let subject = caption_subject(caption_name);
        let by_subject = subject.as_deref().and_then(|subject| {
            let last = subject.rsplit('.').next().unwrap_or(subject);
            self.pending.iter().position(|p| {
                p.reference.eq_ignore_ascii_case(subject) || p.reference.eq_ignore_ascii_case(last)
            })
        });
        // Else the table a pending field cites by number (`see Table 3` → `Table 3 …`), else
        // a pending type named anywhere in the caption (`Data structure description of
        // quotas`, `Objects of response parameter security_group`).
        let number = caption_number(caption);
        let index = by_subject
            .or_else(|| number.and_then(|n| self.pending.iter().rposition(|p| p.table == Some(n))))
            .or_else(|| {
                caption_identifiers(caption_name)
                    .find_map(|token| self.pending.iter().rposition(|p| p.reference == token))
            });
        let Some(index) = index else {
            // A type documented again with nothing new referring to it is a repeat.
            return subject.is_some_and(|subject| {
                self.operations.last().is_some_and(|op| {
                    op.objects
                        .iter()
                        .any(|o| o.name.eq_ignore_ascii_case(&subject))
                })
            });
        };
        let subject = subject.unwrap_or_default();
        let pending = self.pending.remove(index);
        let Some(operation) = self.operations.last_mut() else {
            return false;
        };
        let same_names =
            |a: &[Field], b: &[Field]| a.iter().map(|f| &f.name).eq(b.iter().map(|f| &f.name));
        let existing = operation
            .objects
            .iter()
            .find(|o| o.name == pending.reference);
        let name = match existing {
            None => pending.reference.clone(),
            Some(object) if same_names(&object.fields, fields) => return true,
            Some(_) => {
                let qualified = match &pending.container {
                    Some(container) => format!("{container}.{}", pending.reference),
                    None if subject.contains('.') => subject.clone(),
                    None => format!("{}_{}", pending.reference, operation.objects.len() + 1),
                };
                let referring = |f: &&mut Field| {
                    f.name == pending.field && f.object.as_ref() == Some(&pending.reference)
                };
                let field = match &pending.container {
                    Some(container) => operation
                        .objects
                        .iter_mut()
                        .filter(|o| &o.name == container)
                        .flat_map(|o| o.fields.iter_mut())
                        .find(referring),
                    // A top-level field (the response `security_group` after the request one):
                    // the latest response field of that name, else the parameter.
                    None => operation
                        .responses
                        .iter_mut()
                        .rev()
                        .flat_map(|r| r.fields.iter_mut().rev())
                        .find(referring),
                };
                if let Some(field) = field {
                    field.object = Some(qualified.clone());
                } else if pending.container.is_none()
                    && let Some(parameter) = operation.parameters.iter_mut().rev().find(|p| {
                        p.name == pending.field && p.object.as_ref() == Some(&pending.reference)
                    })
                {
                    parameter.object = Some(qualified.clone());
                }
                qualified
            }
        };
        let references: Vec<PendingReference> = fields
            .iter()
            .filter_map(|f| PendingReference::of(Some(name.clone()), f))
            .collect();
        operation.objects.push(ObjectType {
            name,
            line,
            fields: fields.to_vec(),
        });
        self.pending.extend(references);
        true
    }

    /// The enumeration documented in a field's description, if any.
    fn enum_of_field(&mut self, field: &Field, raw_description: &str, operation: Option<String>) {
        let values: Vec<EnumValue> = values_in_description(raw_description);
        if values.is_empty() {
            return;
        }
        self.enums.push(Enumeration {
            name: field.name.clone(),
            service: self.service.clone(),
            source: self.source.clone(),
            line: field.line,
            operation,
            values,
        });
    }

    /// Finishes reading: the operations and the enumerations found in their tables.
    pub fn finish(mut self) -> (Vec<Operation>, Vec<Enumeration>) {
        for &(earlier, later) in self.aliases.iter().rev() {
            let (head, tail) = self.operations.split_at_mut(later);
            let (target, source) = (&mut head[earlier], &tail[0]);
            if target.parameters.is_empty()
                && target.responses.is_empty()
                && target.examples.is_empty()
            {
                target.parameters.clone_from(&source.parameters);
                target.responses.clone_from(&source.responses);
                target.objects.clone_from(&source.objects);
                target.examples.clone_from(&source.examples);
            }
        }
        for operation in &mut self.operations {
            merge_unstated_success(operation);
        }
        (self.operations, self.enums)
    }

    /// Enters a section. A status stays until the next status line, except that request and
    /// URI sections have none.
    fn enter(&mut self, section: Section) {
        if matches!(
            section,
            Section::Request | Section::RequestExample | Section::Uri
        ) {
            self.status = None;
        }
        self.section = Some(section);
    }

    fn operation_line(&mut self, text: &str, line: u32) -> bool {
        let Some(caps) = line_match(&OPERATION_LINE, text.trim()) else {
            return false;
        };
        let method = &caps[1];
        let path = &caps[3];
        let without_query = |p: &str| p.split('?').next().unwrap_or("").to_string();
        if self.operations.iter().any(|op| {
            op.method == method
                && (op.path == path
                    || without_query(&op.path) == without_query(path)
                    || is_instance_of(path, &op.path))
        }) {
            // The same operation again, an example request of it with a query string, or one
            // with real values in place of the placeholders.
            return true;
        }
        if caps.get(2).is_some() && !path.contains('{') {
            // A request to a real host with no placeholders is an example, not a definition.
            return false;
        }
        self.add_operation(method.to_string(), path.to_string(), line);
        true
    }

    /// The two halves of a split request line (`PATH：/…` and `Method：DELETE`, in either
    /// order): an operation once both are seen under the same heading.
    fn split_request_line(&mut self, text: &str, line: u32) -> bool {
        let text = text.trim();
        if let Some(caps) = line_match(&PATH_LINE, text) {
            self.split_path = Some((caps[1].to_string(), line));
        } else if let Some(caps) = line_match(&METHOD_LINE, text) {
            self.split_method = Some(caps[1].to_ascii_uppercase());
        } else {
            return false;
        }
        if let (Some((path, path_line)), Some(method)) = (&self.split_path, &self.split_method) {
            let (path, path_line, method) = (path.clone(), *path_line, method.clone());
            self.split_path = None;
            self.split_method = None;
            if !self
                .operations
                .iter()
                .any(|op| op.method == method && op.path == path)
            {
                self.add_operation(method, path, path_line);
            }
        }
        true
    }

    fn add_operation(&mut self, method: String, path: String, line: u32) {
        // A query template (`{?a={a}&b={b}}`) or query string (`?a={a}`) names query parameters;
        // the path is what comes before it.
        let (path, query) = match path.find("{?").or_else(|| path.find('?')) {
            Some(start) if path[start..].contains('=') => {
                let names = path[start..]
                    .trim_start_matches(['{', '?'])
                    .split('&')
                    .filter_map(|pair| pair.split('=').next())
                    .map(|name| name.trim_matches(['{', '}', '?', ' ']).to_string())
                    .filter(|name| !name.is_empty())
                    .collect();
                (path[..start].to_string(), names)
            }
            _ => (path, Vec::new()),
        };
        self.query_names.push(query);
        if let Some(previous) = self.operations.last()
            && !self.filed_since_operation
            && previous.method == method
            && previous.path.split('/').count() == path.split('/').count()
        {
            let index = self.operations.len() - 1;
            self.aliases.push((index, index + 1));
        }
        self.filed_since_operation = false;
        self.operations.push(Operation {
            service: self.service.clone(),
            method,
            path,
            title: self.title.clone(),
            source: self.source.clone(),
            line,
            parameters: Vec::new(),
            responses: Vec::new(),
            objects: Vec::new(),
            examples: Vec::new(),
        });
        self.section = Some(Section::Uri);
        self.status = None;
        self.pending.clear();
    }
}

/// True when `path` is `template` with real values in place of its placeholders
/// (`/v2/bb11…/os-security-groups/3d02…` of `/v2/{project_id}/os-security-groups/{id}`). A path
/// that still has placeholders is a template itself, never an instance.
fn is_instance_of(path: &str, template: &str) -> bool {
    let path = path.split('?').next().unwrap_or(path);
    let template = template.split('?').next().unwrap_or(template);
    if path.contains('{') || !template.contains('{') {
        return false;
    }
    let (mut a, mut b) = (path.split('/'), template.split('/'));
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(real), Some(segment)) => {
                let placeholder = segment.starts_with('{') && segment.ends_with('}');
                if !(placeholder && !real.is_empty() || real == segment) {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// The identifier-like words of a caption that could name a type (`quotas` in `Data
/// structure description of quotas`); words that describe a table are skipped.
fn caption_identifiers(caption_name: &str) -> impl Iterator<Item = &str> {
    caption_name
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|word| {
            word.starts_with(|c: char| c.is_ascii_alphabetic())
                && !matches!(
                    word.to_ascii_lowercase().as_str(),
                    "table"
                        | "of"
                        | "the"
                        | "a"
                        | "an"
                        | "in"
                        | "description"
                        | "descriptions"
                        | "field"
                        | "fields"
                        | "object"
                        | "objects"
                        | "parameter"
                        | "parameters"
                        | "request"
                        | "response"
                        | "body"
                        | "header"
                        | "headers"
                        | "data"
                        | "structure"
                        | "structures"
                )
        })
}

/// The first line of an HTTP message written above the JSON body of an example.
#[derive(Debug, Clone, PartialEq, Eq)]
enum MessageHead {
    /// `POST https://{endpoint}/v2/…` or `POST /v2/… HTTP/1.1`, without the protocol.
    Request(String),
    /// `HTTP/1.1 200` or `HTTP/1.1 404 Not Found`.
    Status(u16),
}

/// The head of an HTTP message and, when its body is JSON, the byte offset of the body and the
/// number of lines before it.
type MessageParts = (MessageHead, Option<(usize, u32)>);

/// Splits an example written as an HTTP message: a request or status line, optional header
/// lines (`Content-Type: application/json`) and blank lines, then the body (JSON when it
/// starts with `{` or `[`). `None` when the block does not start with such a line.
fn message_head(text: &str) -> Option<MessageParts> {
    let mut offset = 0;
    let mut head = None;
    for (skipped, raw) in (0u32..).zip(text.split_inclusive('\n')) {
        let trimmed = raw.trim();
        if head.is_none() {
            if trimmed.is_empty() {
                // Blank lines before the head.
            } else if let Some(caps) = line_match(&HTTP_STATUS_HEAD, trimmed) {
                head = Some(MessageHead::Status(caps[1].parse().ok()?));
            } else if let Some(caps) = line_match(&HTTP_REQUEST_HEAD, trimmed) {
                head = Some(MessageHead::Request(caps[1].to_string()));
            } else {
                return None;
            }
        } else if trimmed.starts_with('{') || trimmed.starts_with('[') {
            return head.map(|head| (head, Some((offset, skipped))));
        } else if !(trimmed.is_empty() || HEADER_LINE.is_match(trimmed)) {
            // Another kind of body (XML, text).
            return head.map(|head| (head, None));
        }
        offset += raw.len();
    }
    head.map(|head| (head, None))
}

/// A status stated alone under a status heading: `200`, `200 OK`, `Normal: 200`, `正常 200`.
static PROSE_STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:normal|success|successful|正常|成功)?\s*[:：]?\s*([1-5][0-9][0-9])(?:\s+[A-Za-z][A-Za-z ]*)?$")
        .expect("valid regex")
});

/// A heading about the statuses an operation answers with.
fn is_status_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "status code",
        "returned value",
        "return value",
        "response code",
        "返回值",
        "状态码",
        "返回码",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

static HTTP_STATUS_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^HTTP/\d(?:\.\d)?\s+(\d{3})(?:\s.*)?$").expect("valid regex"));

static HTTP_REQUEST_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+\S+)(?:\s+HTTP/\d(?:\.\d)?)?$")
        .expect("valid regex")
});

static HEADER_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z][A-Za-z0-9-]*\s*:\s*\S").expect("valid regex"));

fn status_of(text: &str) -> Option<u16> {
    line_match(&STATUS_LINE, text.trim()).and_then(|caps| caps[1].parse().ok())
}

/// The captures of a line pattern, asked only after a plain match test: nearly every paragraph
/// and code line of a page is asked for every pattern here and matches none, and a match test
/// runs on the regex engine's fast path without capture slots.
fn line_match<'t>(pattern: &Regex, text: &'t str) -> Option<regex::Captures<'t>> {
    if pattern.is_match(text) {
        pattern.captures(text)
    } else {
        None
    }
}

fn section_of(text: &str) -> Option<Section> {
    let lower = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&["example", "示例"]) {
        return Some(if has(&["request", "请求"]) {
            Section::RequestExample
        } else {
            Section::ResponseExample
        });
    }
    if has(&["response", "响应", "返回"]) {
        return Some(Section::Response);
    }
    if has(&["request", "请求"]) {
        return Some(Section::Request);
    }
    if has(&["uri", "url"]) {
        return Some(Section::Uri);
    }
    None
}

fn placement(context: &str, section: Option<Section>) -> Placement {
    let has = |words: &[&str]| words.iter().any(|w| context.contains(w));
    let response = has(&["response", "响应", "返回参数"]);
    if has(&["path param", "路径参数"]) {
        return Placement::Parameters(Some(ParameterLocation::Path));
    }
    if has(&["query param", "查询参数", "filter", "query string"]) {
        return Placement::Parameters(Some(ParameterLocation::Query));
    }
    if has(&["header"]) {
        return if response {
            Placement::ResponseHeaders
        } else {
            Placement::Parameters(Some(ParameterLocation::Header))
        };
    }
    if response {
        return Placement::ResponseFields;
    }
    if has(&[
        "request body",
        "请求体",
        "body param",
        "请求参数",
        "request param",
    ]) {
        return Placement::Parameters(Some(ParameterLocation::Body));
    }
    match section {
        Some(Section::Uri) | None => Placement::Parameters(None),
        Some(Section::Request | Section::RequestExample) => {
            Placement::Parameters(Some(ParameterLocation::Body))
        }
        Some(Section::Response | Section::ResponseExample) => Placement::ResponseFields,
        Some(Section::Other) => Placement::Parameters(None),
    }
}

/// The identifier a caption is about: `FailedTasks`, `entities字段数据结构说明` → `entities`,
/// `sub_jobs.entities field description` → `sub_jobs.entities`.
fn caption_subject(caption_name: &str) -> Option<String> {
    let token: String = caption_name
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
        .collect();
    if token.is_empty()
        || !token
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
    {
        return None;
    }
    let rest = caption_name[token.len()..].trim().to_lowercase();
    let describes = rest.is_empty()
        || !rest.starts_with(|c: char| c.is_ascii_alphanumeric())
        || ["field", "object", "structure", "parameter", "data"]
            .iter()
            .any(|w| rest.starts_with(w));
    describes.then_some(token)
}

/// One parameter-table row as a field.
fn field_of(row: &crate::document::Row, columns: &ParameterColumns) -> Option<Field> {
    let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).map(String::as_str);
    let name = cell(Some(columns.name))?
        .split('\n')
        .next()
        .map(fold_whitespace)
        .unwrap_or_default();
    if name.is_empty() {
        return None;
    }
    let type_name = cell(columns.type_name)
        .map(fold_whitespace)
        .filter(|t| !t.is_empty());
    let object = type_name
        .as_deref()
        .and_then(|t| object_reference(t, &name));
    Some(Field {
        required: cell(columns.mandatory).and_then(parse_required),
        description: cell(columns.description)
            .map(fold_whitespace)
            .unwrap_or_default(),
        object,
        type_name,
        name,
        line: row.line,
    })
}

/// The named type a documented type refers to (`Array of FailedTasks objects` → `FailedTasks`);
/// a plain `Object` or `Array` refers to a type named like the field.
fn object_reference(type_name: &str, field_name: &str) -> Option<String> {
    let lower = type_name.to_lowercase();
    if matches!(
        lower.as_str(),
        "object" | "array" | "array of objects" | "list" | "json" | "dict" | "struct" | "map"
    ) {
        return Some(field_name.to_string());
    }
    let name = TYPE_REFERENCE.captures(type_name)?.get(1)?.as_str();
    let scalar = matches!(
        name.to_lowercase().as_str(),
        "string"
            | "strings"
            | "integer"
            | "integers"
            | "int"
            | "long"
            | "float"
            | "double"
            | "number"
            | "numbers"
            | "boolean"
            | "booleans"
            | "object"
            | "objects"
    );
    (!scalar).then(|| name.to_string())
}

fn parse_required(cell: &str) -> Option<bool> {
    match fold_whitespace(cell).to_lowercase().as_str() {
        "yes" | "是" | "true" | "mandatory" | "required" | "必选" | "y" => Some(true),
        "no" | "否" | "false" | "optional" | "可选" | "n" => Some(false),
        _ => None,
    }
}

fn columns_or_description(
    row: &crate::document::Row,
    columns: &ParameterColumns,
    description: &str,
) -> (Option<String>, Option<String>) {
    let cell = |i: Option<usize>| {
        i.and_then(|i| row.cells.get(i))
            .map(|c| fold_whitespace(c))
            .filter(|c| !c.is_empty())
    };
    let folded = fold_whitespace(description);
    let default = cell(columns.default).or_else(|| {
        DEFAULT_VALUE
            .captures(&folded)
            .map(|caps| caps[1].trim_end_matches(['.', '。']).to_string())
    });
    let range = cell(columns.range).or_else(|| {
        VALUE_RANGE
            .captures(&folded)
            .map(|caps| caps[1].trim().to_string())
    });
    (default, range)
}

/// Response fields documented without a status belong to the one success status the page
/// names elsewhere (a status table or a sample response listing only `200`). Examples keep
/// their own status: one without a status may be an error body.
fn merge_unstated_success(operation: &mut Operation) {
    let mut successes = operation
        .responses
        .iter()
        .enumerate()
        .filter(|(_, r)| r.status.is_some_and(|s| (200..300).contains(&s)));
    let (Some((success, _)), None) = (successes.next(), successes.next()) else {
        return;
    };
    let Some(unstated) = operation.responses.iter().position(|r| r.status.is_none()) else {
        return;
    };
    if !(operation.responses[success].fields.is_empty()
        && operation.responses[success].headers.is_empty())
    {
        return;
    }
    let moved = operation.responses.remove(unstated);
    let success = if unstated < success {
        success - 1
    } else {
        success
    };
    let target = &mut operation.responses[success];
    target.fields = moved.fields;
    target.headers = moved.headers;
    if target.description.is_none() {
        target.description = moved.description;
    }
}

fn response_for(operation: &mut Operation, status: Option<u16>) -> &mut Response {
    let index = match operation.responses.iter().position(|r| r.status == status) {
        Some(index) => index,
        None => {
            operation.responses.push(Response {
                status,
                description: None,
                fields: Vec::new(),
                headers: Vec::new(),
            });
            operation.responses.len() - 1
        }
    };
    &mut operation.responses[index]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_lines() {
        let mut reader = OperationReader::new("s", None, None);
        reader.paragraph("GET /v3/{project_id}/failed-tasks", 3);
        reader.paragraph("URI format: POST /v1/{project_id}/jobs", 9);
        reader.paragraph("Use GET /v1/x to read it.", 12);
        let (operations, _) = reader.finish();
        assert_eq!(operations.len(), 2);
        assert_eq!(operations[0].path, "/v3/{project_id}/failed-tasks");
        assert_eq!(operations[1].method, "POST");
    }

    #[test]
    fn request_lines_with_a_host_and_split_request_lines() {
        let mut reader = OperationReader::new("s", None, None);
        reader.paragraph(
            "PUT https://{Endpoint}/v3/{project_id}/items/{item_id}/name",
            1,
        );
        // An example request to a real host is not another operation.
        reader.paragraph("PUT https://api.example.com/v3/0a1b2c/items/9f8e/name", 5);
        reader.code("PUT https://{Endpoint}/v3/0a1b2c/items/9f8e/name", 7);
        reader.code(
            "PUT https://{Endpoint}/v3/{project_id}/items/{item_id}/name?x=1",
            8,
        );
        reader.heading("URI");
        reader.paragraph("PATH：/v3/{project_id}/boxes/{box_id}", 10);
        reader.paragraph("Method：DELETE", 12);
        reader.heading("Other");
        reader.paragraph("Method: GET", 20);
        reader.paragraph("Path: /v1/{project_id}/things", 21);
        let (operations, _) = reader.finish();
        let lines: Vec<(&str, &str, u32)> = operations
            .iter()
            .map(|op| (op.method.as_str(), op.path.as_str(), op.line))
            .collect();
        assert_eq!(
            lines,
            vec![
                ("PUT", "/v3/{project_id}/items/{item_id}/name", 1),
                ("DELETE", "/v3/{project_id}/boxes/{box_id}", 10),
                ("GET", "/v1/{project_id}/things", 21),
            ]
        );
        assert!(is_instance_of("/v3/0a1b/items/9f8e", "/v3/{p}/items/{i}"));
        assert!(!is_instance_of("/v3/{p}/items/detail", "/v3/{p}/items/{i}"));
        assert!(!is_instance_of("/v3/0a1b/items", "/v3/{p}/items/{i}"));
    }

    #[test]
    fn an_operation_under_two_versions_shares_its_tables() {
        let mut reader = OperationReader::new("s", None, None);
        reader.paragraph("PUT /v2/{project_id}/groups/{group_id}", 1);
        reader.paragraph("PUT /v2.1/{project_id}/groups/{group_id}", 2);
        reader.heading("Response");
        reader.parameter_table(
            &parameter_table("Table 1 Response parameters", &[("group", "Object")]),
            &columns(),
            3,
        );
        reader.paragraph("POST /v2/{project_id}/other", 9);
        let (operations, _) = reader.finish();
        assert_eq!(operations.len(), 3);
        assert_eq!(operations[0].responses, operations[1].responses);
        assert_eq!(operations[0].responses[0].fields[0].name, "group");
        assert!(operations[2].responses.is_empty());
    }

    #[test]
    fn object_tables_found_by_cited_table_number_or_a_name_in_the_caption() {
        let mut reader = OperationReader::new("s", None, None);
        reader.paragraph("GET /v1/{project_id}/quotas", 1);
        reader.heading("Response");
        let mut top = parameter_table("Table 2 Response parameters", &[("quotas", "Object")]);
        top.rows[0].cells[2] = "The quotas. For details, see Table 4.".into();
        let mut middle = parameter_table(
            "Table 4 Structure of the quota list",
            &[("resources", "Array of objects")],
        );
        middle.rows[0].cells[2] = "详见表5。".into();
        let bottom = parameter_table("表 5 资源", &[("used", "Integer")]);
        let named = parameter_table(
            "Table 6 Data structure description of resources",
            &[("unit", "String")],
        );
        for table in [&top, &middle, &bottom] {
            reader.parameter_table(table, &columns(), 3);
        }
        reader.paragraph("GET /v2/{project_id}/limits", 20);
        reader.heading("Response");
        let limits = parameter_table("Table 1 Response parameters", &[("resources", "Object")]);
        reader.parameter_table(&limits, &columns(), 21);
        reader.parameter_table(&named, &columns(), 22);
        let (operations, _) = reader.finish();
        let objects: Vec<(&str, usize)> = operations[0]
            .objects
            .iter()
            .map(|o| (o.name.as_str(), o.fields.len()))
            .collect();
        assert_eq!(objects, vec![("quotas", 1), ("resources", 1)]);
        assert_eq!(operations[0].responses[0].fields.len(), 1);
        assert_eq!(operations[1].objects[0].name, "resources");
        assert_eq!(operations[1].objects[0].fields[0].name, "unit");
        assert_eq!(cited_table("see Table 3 and Table 3."), Some(3));
        assert_eq!(cited_table("see Table 3 or Table 4."), None);
        assert_eq!(caption_number("表 12 说明"), Some(12));
    }

    fn columns() -> ParameterColumns {
        ParameterColumns {
            name: 0,
            mandatory: None,
            type_name: Some(1),
            description: Some(2),
            location: None,
            default: None,
            range: None,
        }
    }

    fn parameter_table(caption: &str, rows: &[(&str, &str)]) -> Table {
        Table {
            caption: Some(caption.to_string()),
            header: vec!["Parameter".into(), "Type".into(), "Description".into()],
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, (name, type_name))| crate::document::Row {
                    line: i as u32 + 1,
                    cells: vec![name.to_string(), type_name.to_string(), String::new()],
                })
                .collect(),
        }
    }

    #[test]
    fn nested_objects_with_the_same_name_stay_apart() {
        let columns = ParameterColumns {
            name: 0,
            mandatory: None,
            type_name: Some(1),
            description: Some(2),
            location: None,
            default: None,
            range: None,
        };
        let mut reader = OperationReader::new("s", None, None);
        reader.paragraph("GET /v1/{project_id}/jobs/{job_id}", 1);
        reader.heading("Response");
        let tables = [
            parameter_table(
                "Table 2 Response parameters",
                &[("status", "String"), ("entities", "Object")],
            ),
            parameter_table(
                "Table 3 entities field description",
                &[("sub_jobs", "Array of objects")],
            ),
            parameter_table(
                "Table 4 sub_jobs field description",
                &[("entities", "Object")],
            ),
            parameter_table(
                "Table 5 entities field description",
                &[("server_id", "String")],
            ),
            parameter_table(
                "Table 6 entities field description",
                &[("server_id", "String")],
            ),
        ];
        for table in &tables {
            reader.parameter_table(table, &columns, 1);
        }
        let (operations, _) = reader.finish();
        let op = &operations[0];
        let objects: Vec<&str> = op.objects.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(objects, vec!["entities", "sub_jobs", "sub_jobs.entities"]);
        assert_eq!(
            op.objects[1].fields[0].object.as_deref(),
            Some("sub_jobs.entities")
        );
        assert_eq!(op.responses[0].fields.len(), 2);
    }

    #[test]
    fn type_references() {
        assert_eq!(
            object_reference("Array of FailedTasks objects", "tasks").as_deref(),
            Some("FailedTasks")
        );
        assert_eq!(
            object_reference("Object", "entities").as_deref(),
            Some("entities")
        );
        assert_eq!(object_reference("Array of strings", "ids"), None);
        assert_eq!(object_reference("String", "id"), None);
    }

    #[test]
    fn caption_subjects() {
        assert_eq!(
            caption_subject("FailedTasks").as_deref(),
            Some("FailedTasks")
        );
        assert_eq!(
            caption_subject("entities字段数据结构说明").as_deref(),
            Some("entities")
        );
        assert_eq!(
            caption_subject("sub_jobs.entities field description").as_deref(),
            Some("sub_jobs.entities")
        );
        assert_eq!(caption_subject("Response body parameters"), None);
        assert_eq!(caption_subject("参数说明"), None);
    }

    #[test]
    fn placements() {
        assert_eq!(
            placement("table 1 path parameters", None),
            Placement::Parameters(Some(ParameterLocation::Path))
        );
        assert_eq!(
            placement("request filter field description", Some(Section::Uri)),
            Placement::Parameters(Some(ParameterLocation::Query))
        );
        assert_eq!(
            placement("table 4 response body parameters", None),
            Placement::ResponseFields
        );
        assert_eq!(
            placement("", Some(Section::Uri)),
            Placement::Parameters(None)
        );
    }

    #[test]
    fn defaults_and_ranges() {
        let row = crate::document::Row::default();
        let columns = ParameterColumns {
            name: 0,
            mandatory: None,
            type_name: None,
            description: None,
            location: None,
            default: None,
            range: None,
        };
        let (default, range) = columns_or_description(
            &row,
            &columns,
            "Number of items per page. Value range: 1-1000. Default value: 1000",
        );
        assert_eq!(default.as_deref(), Some("1000"));
        assert_eq!(range.as_deref(), Some("1-1000"));
    }
}
