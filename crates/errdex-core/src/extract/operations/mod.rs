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

mod fields;
mod lines;
mod nesting;
mod objects;
mod placement;

use std::collections::BTreeMap;

use crate::document::Table;
use crate::extract::codes::parse_http_status;
use crate::extract::enums::values_in_description;
use crate::extract::json_lines;
use crate::extract::tables::ParameterColumns;
use crate::kb::{
    EnumValue, Enumeration, Example, ExampleKind, Field, Operation, Parameter, ParameterLocation,
    RequestMode, Response,
};
use crate::parse::cells::fold_whitespace;
use crate::shapes::is_concrete_id;

use fields::{columns_or_description, field_of};
use lines::{
    HTTP_REQUEST_HEAD, HTTP_STATUS_HEAD, METHOD_LINE, MessageHead, OPERATION_LINE, PATH_LINE,
    PROSE_STATUS, is_instance_of, is_status_heading, line_match, message_head, status_of,
};
use objects::{CAPTION_NUMBER, PendingReference, describes_object, names_top_level, object_name};
use placement::{Placement, Section, placement, section_of};

/// Whether a path names a real resource (`/jobs/0000000062db92d7…`) where a template would
/// have a placeholder.
fn has_concrete_id(path: &str) -> bool {
    path.split(['/', '?', '&', '=']).any(is_concrete_id)
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
    /// Where the top-level tables filed since the section or the status last changed went:
    /// a further table there is an object's, unless it says otherwise.
    placed: Vec<Placement>,
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
            self.set_status(Some(status));
        } else if let Some(section) = section_of(text, None) {
            self.enter(section);
        } else if crate::vocab::column_role(text).is_none() {
            self.enter(Section::Other);
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
            self.set_status(Some(status));
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
            self.set_status(Some(status));
            if let Some(operation) = self.operations.last_mut() {
                response_for(operation, Some(status));
            }
            self.recent_text = text.to_string();
            return;
        }
        if text.chars().count() <= 40
            && let Some(section) = section_of(text, self.section)
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
        let lines = json_lines::example_lines(body, body_line);
        operation.examples.push(Example {
            kind,
            status: if kind == ExampleKind::Response {
                status
            } else {
                None
            },
            line: body_line,
            value,
            member_lines: lines.member_lines,
            item_lines: lines.item_lines,
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
            // `200`, or `400 Bad Request` in a `Returned Value` table of abnormal statuses.
            let Some(status) = parse_http_status(&cell(status_col)) else {
                continue;
            };
            let description = cell(description_col);
            let response = response_for(operation, Some(status));
            if response.description.is_none() && !description.is_empty() {
                response.description = Some(description);
            }
        }
    }

    /// A parameter or field table: an object type an earlier field refers to, an object of
    /// its own, or top-level parameters or response fields.
    pub fn parameter_table(&mut self, table: &Table, columns: &ParameterColumns, line: u32) {
        let caption = table.caption.as_deref().unwrap_or("");
        let caption_name = CAPTION_NUMBER.replace(caption, "").trim().to_string();
        let context = format!("{caption}\n{}", self.recent_text).to_lowercase();
        // The label just before the table (`Description for the user format`), when it is a
        // label and not the caption again or running text.
        let label = if self.recent_text.trim() != caption.trim()
            && self.recent_text.chars().count() <= 100
        {
            self.recent_text.clone()
        } else {
            String::new()
        };
        let operation_name = self
            .operations
            .last()
            .map(|op| format!("{} {}", op.method, op.path));
        let mut fields: Vec<Field> = Vec::new();
        let mut rows = Vec::new();
        let mut descriptions = Vec::new();
        for row in &table.rows {
            let Some(field) = field_of(row, columns) else {
                continue;
            };
            descriptions.push(
                columns
                    .description
                    .and_then(|i| row.cells.get(i))
                    .map_or("", String::as_str),
            );
            fields.push(field);
            rows.push(row);
        }
        if self.operations.is_empty() {
            for (field, description) in fields.iter().zip(&descriptions) {
                self.enum_of_field(field, description, None, None);
            }
            return;
        }
        self.filed_since_operation = true;
        let section = self.section;
        let status = self.status;
        let place = self.placement_of(&context, section, &fields);
        let object = self
            .object_table(caption, &caption_name, &label, &fields, line)
            .or_else(|| {
                let name = self.sub_table_name(&caption_name, &label, &context, place, &fields)?;
                Some(self.unlinked_object(&name, &fields, line))
            });
        for (field, description) in fields.iter().zip(&descriptions) {
            self.enum_of_field(field, description, operation_name.clone(), object.clone());
        }
        if object.is_some() {
            return;
        }
        // A second request body table that repeats the first one's names documents another
        // way to call the operation (from an ECS / from a file in OBS): a mode of its own.
        let another_mode = place == Placement::Parameters(Some(ParameterLocation::Body))
            && self.repeats_top_level(place, &fields);
        let mode_label = if caption_name.is_empty() {
            label.trim().to_string()
        } else {
            caption_name.clone()
        };
        self.placed.push(place);
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
        match place {
            Placement::Parameters(location) => {
                let mut parameters = Vec::new();
                for (field, row) in fields.into_iter().zip(rows) {
                    let location = match location {
                        _ if query_names.contains(&field.name) => ParameterLocation::Query,
                        Some(ParameterLocation::Body) | None
                            if crate::shapes::is_http_header_name(&field.name) =>
                        {
                            ParameterLocation::Header
                        }
                        Some(ParameterLocation::Body) if bodyless => ParameterLocation::Query,
                        Some(location) => location,
                        None if operation.path.contains(&format!("{{{}}}", field.name)) => {
                            ParameterLocation::Path
                        }
                        None => ParameterLocation::Query,
                    };
                    let (default, range) = columns_or_description(row, columns, &field.description);
                    parameters.push(Parameter {
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
                if another_mode && !bodyless {
                    operation.request_modes.push(RequestMode {
                        label: mode_label,
                        line,
                        parameters,
                    });
                } else {
                    operation.parameters.extend(parameters);
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

    /// Where a top-level table goes: as its caption, the text before it and the section say,
    /// except that a table whose every name is a `{placeholder}` of the path holds path
    /// parameters wherever it stands.
    fn placement_of(&self, context: &str, section: Option<Section>, fields: &[Field]) -> Placement {
        let in_path = |op: &Operation| {
            !fields.is_empty()
                && fields
                    .iter()
                    .all(|f| op.path.contains(&format!("{{{}}}", f.name)))
        };
        if self.operations.last().is_some_and(in_path) {
            return Placement::Parameters(Some(ParameterLocation::Path));
        }
        placement(context, section)
    }

    /// The name to file a table under as an object no field refers to, or `None` for a
    /// top-level table. Top-level when its caption or the text before it says so (`Request
    /// header parameters`, `Request filter field description`); else an object when its
    /// caption or label names one (`Data structure of the metadata field`, `Description for
    /// the user format`), or when the section already has its top-level table of this kind
    /// and this one does not repeat that table's names (which makes it another request mode).
    fn sub_table_name(
        &self,
        caption_name: &str,
        label: &str,
        context: &str,
        place: Placement,
        fields: &[Field],
    ) -> Option<String> {
        let name = object_name(caption_name).or_else(|| object_name(label))?;
        if names_top_level(context) {
            return None;
        }
        let again = self.placed.contains(&place) && !self.repeats_top_level(place, fields);
        (describes_object(caption_name) || describes_object(label) || again).then_some(name)
    }

    /// Whether a table repeats names of the top-level table already filed at `place` (a second
    /// request body for another way of calling the operation).
    fn repeats_top_level(&self, place: Placement, fields: &[Field]) -> bool {
        let Some(operation) = self.operations.last() else {
            return false;
        };
        let names: Vec<&str> = match place {
            Placement::Parameters(location) => operation
                .parameters
                .iter()
                .filter(|p| location.is_none_or(|l| p.location == l))
                .map(|p| p.name.as_str())
                .collect(),
            Placement::ResponseFields => operation
                .responses
                .iter()
                .flat_map(|r| &r.fields)
                .map(|f| f.name.as_str())
                .collect(),
            Placement::ResponseHeaders => Vec::new(),
        };
        let shared = fields
            .iter()
            .filter(|f| names.contains(&f.name.as_str()))
            .count();
        shared >= 2 || (shared == 1 && fields.len() == 1)
    }

    /// The enumeration documented in a field's description, if any.
    fn enum_of_field(
        &mut self,
        field: &Field,
        raw_description: &str,
        operation: Option<String>,
        object: Option<String>,
    ) {
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
            object,
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
            let moved: BTreeMap<u32, String> =
                nesting::nest_flattened(operation).into_iter().collect();
            if !moved.is_empty() {
                let name = format!("{} {}", operation.method, operation.path);
                for e in &mut self.enums {
                    if e.object.is_none() && e.operation.as_ref() == Some(&name) {
                        e.object = moved.get(&e.line).cloned().or(e.object.take());
                    }
                }
            }
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
            self.set_status(None);
        }
        if self.section != Some(section) {
            self.placed.clear();
        }
        self.section = Some(section);
    }

    /// A new response status: the tables after it are that response's own.
    fn set_status(&mut self, status: Option<u16>) {
        if self.status != status {
            self.placed.clear();
        }
        self.status = status;
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
        if has_concrete_id(path) {
            // `GET /v1/{project_id}/jobs/0000000062db92d7…`: an example request.
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
            if !has_concrete_id(&path)
                && !self
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
            request_modes: Vec::new(),
        });
        self.section = Some(Section::Uri);
        self.status = None;
        self.placed.clear();
        self.pending.clear();
    }
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
pub(super) mod tests {
    use super::*;

    #[test]
    fn operation_lines() {
        let mut reader = OperationReader::new("s", None, None);
        reader.paragraph("GET /v3/{project_id}/failed-tasks", 3);
        reader.paragraph("URI format: POST /v1/{project_id}/jobs", 9);
        reader.paragraph("Use GET /v1/x to read it.", 12);
        // An example request line with a real id where the template has a placeholder.
        reader.code(
            "GET https://{endpoint}/v1/{project_id}/tasks/0000000062db92d70162db9d200f000a",
            14,
        );
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
        assert!(is_instance_of(
            "/v3/{p}/items/0a1b2c3d4e5f60718293",
            "/v3/{p}/items/{i}"
        ));
        assert!(!is_instance_of("/v3/{p}/items/9f8e", "/v3/{p}/items/{i}"));
        assert!(!is_instance_of("/v3/{p}/items/{i}", "/v3/{p}/items/{i}"));
        assert!(!is_instance_of("/v3/{p}/items/{x}", "/v3/{p}/items/{i}"));
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

    pub(super) fn columns() -> ParameterColumns {
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

    pub(super) fn parameter_table(caption: &str, rows: &[(&str, &str)]) -> Table {
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
}
