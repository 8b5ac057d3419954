//! Hand-made fixtures, one per hard case: rowspan and colspan cells, notes and scripts inside
//! cells, entities, GFM pipe tables with escapes, wrapped RST grid cells with lists and inline
//! markup, simple and list tables, a whole HTML page, a Chinese page, a page copied as plain
//! text, request lines with a host or split in two, object tables cited by number, named
//! errors; and broken inputs that must be reported with file and line.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use errdex::kb::{Definition, ExampleKind, KnowledgeBase, Operation, ParameterLocation};

fn fixtures(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| {
        errdex::Build::new()
            .source(fixtures("hard_cases"))
            .compile()
            .expect("hard-case fixtures compile")
            .kb
    })
}

/// The operations extracted from one fixture, in source order.
fn operations_of(source: &str) -> Vec<&'static Operation> {
    kb().operations
        .iter()
        .filter(|o| o.source == source)
        .collect()
}

/// The one operation of a fixture that documents exactly one.
fn only_operation(source: &str) -> &'static Operation {
    let ops = operations_of(source);
    assert_eq!(ops.len(), 1, "operations of {source}: {ops:#?}");
    ops[0]
}

fn definition(code: &str) -> &'static Definition {
    let entry = kb()
        .error_code(code)
        .unwrap_or_else(|| panic!("{code} missing"));
    assert_eq!(entry.definitions.len(), 1, "{code}");
    &entry.definitions[0]
}

#[test]
fn formats_are_sniffed_from_content() {
    let formats: Vec<(&str, &str)> = kb()
        .sources
        .iter()
        .map(|s| (s.id.as_str(), s.format.as_str()))
        .collect();
    assert_eq!(
        formats,
        vec![
            ("api_reference", "rst"),
            ("chinese", "markdown"),
            ("copied_api", "text"),
            ("copied_page", "text"),
            ("http_messages", "markdown"),
            ("page", "html"),
            ("prose_status", "markdown"),
            ("query_template", "markdown"),
            ("rowspan_notes", "markdown"),
            ("split_request", "markdown"),
            ("storage_api", "rst"),
            ("wrapped_grid", "rst"),
        ]
    );
}

#[test]
fn rowspan_colspan_notes_entities_and_scripts() {
    // The status cell spans two rows, the solution cell three.
    assert_eq!(definition("ABC.0002").http_status, Some(400));
    for code in ["ABC.0001", "ABC.0002", "ABC.0003"] {
        assert_eq!(
            definition(code).solution.as_deref(),
            Some("Check the request.")
        );
    }
    assert_eq!(
        definition("ABC.0001").message,
        "The <ECS error code> is invalid."
    );
    // A note in the message cell is kept apart from the message.
    assert_eq!(definition("ABC.0002").message, "Bad token.");
    assert_eq!(
        definition("ABC.0002").note.as_deref(),
        Some("Tokens expire after 24 hours.")
    );
    assert_eq!(definition("ABC.0003").message, "Unsafe input.");
    assert_eq!(definition("ABC.0003").http_status, None);
    assert_eq!(definition("ABC.0003").status_text.as_deref(), Some("N/A"));
    let colspan = definition("ABC.0004");
    assert_eq!(
        (colspan.message.as_str(), colspan.solution.as_deref()),
        ("Retry later.", Some("Retry later."))
    );
    assert_eq!(definition("ABC.0001").line, 7);
    assert_eq!(definition("ABC.0004").line, 10);
}

#[test]
fn pipe_table_with_escapes() {
    let def = definition("ABC.0101");
    assert_eq!(def.message, "Value a|b is not allowed.");
    assert_eq!(def.solution.as_deref(), Some("Use one value."));
}

#[test]
fn wrapped_grid_cells_lists_and_inline_markup() {
    let def = definition("XYZ.0001");
    assert_eq!(
        def.message,
        "The datastore is read-only and cannot be written."
    );
    assert_eq!(
        def.solution.as_deref(),
        Some("Check the value of datastore.")
    );
    assert_eq!(def.line, 13);
    let list = definition("XYZ.0002");
    assert_eq!(
        list.message,
        "Reasons: the disk is full the disk is detached"
    );
    assert_eq!(list.status_text.as_deref(), Some("NA"));
    assert_eq!(
        definition("XYZ.0100").message,
        "Path /v1/{project_id} not found."
    );
    assert_eq!(kb().error_code("XYZ.0001").unwrap().service, "XYZ");
    let statuses = kb()
        .enums
        .iter()
        .find(|e| e.source == "wrapped_grid")
        .expect("list-table enum");
    assert_eq!(statuses.name, "Statuses");
    let values: Vec<&str> = statuses.values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, vec!["ACTIVE", "ERROR"]);
}

#[test]
fn whole_html_page() {
    let op = only_operation("page");
    assert_eq!(
        (op.method.as_str(), op.path.as_str()),
        ("GET", "/v2/{project_id}/jobs")
    );
    assert_eq!(op.title.as_deref(), Some("Querying Jobs"));
    assert_eq!(op.parameters[0].name, "status");
    assert_eq!(op.parameters[0].location, ParameterLocation::Query);
    assert_eq!(op.responses[0].fields[0].object.as_deref(), Some("Job"));
    assert_eq!(op.objects[0].name, "Job");
    assert_eq!(op.examples[0].status, Some(200));
    assert_eq!(
        definition("JOB.0042").message,
        "The job & its tasks failed."
    );
    let contexts: Vec<&str> = kb()
        .mentions
        .iter()
        .filter(|m| m.code == "JOB.0042")
        .map(|m| m.context.as_str())
        .collect();
    assert_eq!(contexts, vec!["prose", "example"]);
}

#[test]
fn request_line_with_a_host_cited_object_table_and_named_errors() {
    let op = only_operation("api_reference");
    // `PUT https://{*Endpoint*}/…` defines it; the example to a real host is not another one
    // (`only_operation` asserts there is one).
    assert_eq!(
        (op.method.as_str(), op.path.as_str()),
        ("PUT", "/v1/{project_id}/widgets/{widget_id}")
    );
    // "For details, see Table 3." → `Table 3 Data structure description of widget`.
    assert_eq!(op.responses[0].fields.len(), 1);
    assert_eq!(op.objects[0].name, "widget");
    assert_eq!(op.objects[0].fields.len(), 2);
    // `Response Code` is the status; `Error Type` names errors beside a status column.
    assert_eq!(definition("WDG.0101").http_status, Some(404));
    assert_eq!(definition("itemNotFound").http_status, Some(404));
}

#[test]
fn examples_written_as_http_messages() {
    // The example's request line has real values in place of the placeholders: no new operation.
    let op = only_operation("http_messages");
    let examples: Vec<(ExampleKind, Option<u16>, u32)> = op
        .examples
        .iter()
        .map(|e| (e.kind, e.status, e.line))
        .collect();
    // Request line and headers, then the body; a status line gives the response its status.
    assert_eq!(
        examples,
        vec![
            (ExampleKind::Request, None, 26),
            (ExampleKind::Response, Some(201), 37),
            (ExampleKind::Response, Some(404), 47),
        ]
    );
    assert_eq!(op.examples[1].member_lines.get("revision"), Some(&39));
}

#[test]
fn storage_api_with_a_request_syntax_block_and_header_and_element_tables() {
    let op = only_operation("storage_api");
    // `PUT /?colour HTTP/1.1` with headers and an XML body.
    assert_eq!((op.method.as_str(), op.path.as_str()), ("PUT", "/?colour"));
    let params: Vec<(&str, ParameterLocation, Option<bool>)> = op
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location, p.required))
        .collect();
    assert_eq!(
        params,
        vec![
            ("Content-MD5", ParameterLocation::Header, Some(true)),
            ("Colour", ParameterLocation::Body, Some(true)),
            ("Shade", ParameterLocation::Body, Some(false)),
        ]
    );
    // `HTTP/1.1 204 No Content` in the sample response, with no body.
    assert_eq!(
        op.responses.iter().map(|r| r.status).collect::<Vec<_>>(),
        vec![Some(204)]
    );
    // `Definition:` / `Constraints:` are section labels, not an enumeration.
    assert!(kb().enums.iter().all(|e| e.source != "storage_api"));
}

#[test]
fn query_template_indented_caption_and_a_single_success_status() {
    let op = only_operation("query_template");
    // The query template is not part of the path; its names are query parameters, and so are
    // the other request parameters of a GET.
    assert_eq!(op.path, "/v1/{project_id}/widgets");
    let params: Vec<(&str, ParameterLocation)> = op
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location))
        .collect();
    assert_eq!(
        params,
        vec![
            ("project_id", ParameterLocation::Path),
            ("colour", ParameterLocation::Query),
            ("limit", ParameterLocation::Query),
            ("order", ParameterLocation::Query),
        ]
    );
    // `返回值` names the status column; the fields given without a status belong to it.
    assert_eq!(op.responses.len(), 1);
    assert_eq!(op.responses[0].status, Some(200));
    assert_eq!(op.responses[0].fields[0].name, "widgets");
    // `    **表 2**  widgets字段数据结构说明` is indented like code but is the caption.
    assert_eq!(op.objects.len(), 1);
    assert_eq!(op.objects[0].name, "widgets");
    assert_eq!(op.objects[0].fields.len(), 2);
    // Values run together after Chinese text.
    let values = |name: &str| -> Vec<String> {
        kb().enums
            .iter()
            .find(|e| e.source == "query_template" && e.name == name)
            .unwrap_or_else(|| panic!("{name}"))
            .values
            .iter()
            .map(|v| v.value.clone())
            .collect()
    };
    assert_eq!(values("colour"), vec!["RED", "DARK_BLUE"]);
    assert_eq!(values("order"), vec!["up", "down"]);
    assert_eq!(values("link"), vec!["own", "mark"]);
}

#[test]
fn status_given_in_prose_under_a_status_heading() {
    let op = only_operation("prose_status");
    // `Normal` then `200` under "Returned Values": the fields documented without a status are
    // the 200 response.
    let responses: Vec<(Option<u16>, usize)> = op
        .responses
        .iter()
        .map(|r| (r.status, r.fields.len()))
        .collect();
    assert_eq!(responses, vec![(Some(200), 1)]);
}

#[test]
fn copied_api_page_with_a_header_word_as_first_value() {
    let op = only_operation("copied_api");
    // The first parameter is called `name`, itself a header word; the label above the table
    // became a heading and keeps the request section; `约束` is a column.
    let params: Vec<(&str, ParameterLocation, Option<bool>)> = op
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location, p.required))
        .collect();
    assert_eq!(
        params,
        vec![
            ("name", ParameterLocation::Body, Some(true)),
            ("size", ParameterLocation::Body, Some(false)),
        ]
    );
    assert_eq!(op.responses.len(), 1);
    let fields: Vec<&str> = op.responses[0]
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(fields, vec!["gizmo_id"]);
}

#[test]
fn chinese_page_with_a_split_request_line_and_two_versions() {
    let source = kb()
        .sources
        .iter()
        .find(|s| s.id == "split_request")
        .expect("source");
    // Attributes of inline HTML are not English text; a locale anchor is not a service.
    assert_eq!(source.language, "zh");
    assert_eq!(source.service, None);
    let ops = operations_of("split_request");
    let lines: Vec<(&str, &str)> = ops
        .iter()
        .map(|o| (o.method.as_str(), o.path.as_str()))
        .collect();
    assert_eq!(
        lines,
        vec![
            ("DELETE", "/v2/{project_id}/widgets/{widget_id}"),
            ("GET", "/v1/{project_id}/gadgets"),
            ("GET", "/v1.1/{project_id}/gadgets"),
        ]
    );
    assert_eq!(ops[0].parameters[0].name, "widget_id");
    assert_eq!(ops[0].parameters[0].location, ParameterLocation::Path);
    // Both versions get the table that follows them.
    assert_eq!(ops[1].parameters, ops[2].parameters);
    assert_eq!(ops[1].parameters[0].name, "limit");
}

#[test]
fn chinese_page() {
    let def = definition("Ecs.0013");
    assert_eq!(def.http_status, Some(400));
    assert_eq!(def.message, "EIP quota exceeded.");
    assert_eq!(def.description.as_deref(), Some("EIP配额不足。"));
    assert_eq!(def.solution.as_deref(), Some("申请扩大配额。"));
    let source = kb().source("chinese").unwrap();
    assert_eq!(
        (source.language.as_str(), source.service.as_deref()),
        ("zh", Some("ECS"))
    );
    let status = kb()
        .enums
        .iter()
        .find(|e| e.source == "chinese")
        .expect("enum");
    assert_eq!(status.values[0].value, "SUCCESS");
    assert_eq!(status.values[0].description, "成功。");
}

#[test]
fn page_copied_as_plain_text() {
    let first = definition("Pgs.0001");
    assert_eq!(first.http_status, Some(400));
    assert_eq!(
        first.description.as_deref(),
        Some("The request body is not valid JSON.")
    );
    assert_eq!(first.solution.as_deref(), Some("Check the request body."));
    let second = definition("Pgs.0002");
    assert_eq!(
        second.description.as_deref(),
        Some("The service is overloaded because: • too many requests arrived; • a node is down.")
    );
    assert_eq!(second.solution.as_deref(), Some("Retry the request later."));
}

#[test]
fn broken_tables_are_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_errdex"))
        .args(["build", fixtures("broken").to_str().unwrap(), "--out"])
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("ragged.rst:7:"), "{stderr}");
    assert!(stderr.contains("unclosed.md:3:"), "{stderr}");
    assert!(!dir.path().join("out").exists());
}
