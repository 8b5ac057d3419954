//! Wrong facts that made whole-repository checks noisy, one hand-made fixture per cause
//! (`tests/fixtures/extraction/`): object fields linked to their tables by citation, caption,
//! label and the nesting examples show; one table per request mode; examples paired with
//! their direction and status; maps with data keys, union types, example request lines.
//! Each test states the facts errdex must extract and the findings `check` must (not) report.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use errdex::kb::{Finding, FindingKind, KnowledgeBase, Operation, Parameter, ParameterLocation};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extraction")
}

struct Built {
    kb: KnowledgeBase,
    findings: Vec<Finding>,
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let compiled = errdex::Build::new()
            .source(fixtures())
            .root(fixtures())
            .compile()
            .expect("extraction fixtures compile");
        Built {
            kb: compiled.kb,
            findings: compiled.findings,
        }
    })
}

fn operation(source: &str) -> &'static Operation {
    let ops: Vec<&Operation> = built()
        .kb
        .operations
        .iter()
        .filter(|o| o.source == source)
        .collect();
    assert_eq!(ops.len(), 1, "operations of {source}: {ops:#?}");
    ops[0]
}

/// `(kind, message)` of the findings about one source.
fn findings_of(source: &str) -> Vec<(FindingKind, &'static str)> {
    built()
        .findings
        .iter()
        .filter(|f| f.locations.iter().any(|l| l.source == source))
        .map(|f| (f.kind, f.message.as_str()))
        .collect()
}

/// The names of the body parameters, in order.
fn body_names(parameters: &[Parameter]) -> Vec<&str> {
    parameters
        .iter()
        .filter(|p| p.location == ParameterLocation::Body)
        .map(|p| p.name.as_str())
        .collect()
}

fn object_fields<'a>(op: &'a Operation, name: &str) -> Vec<&'a str> {
    op.objects
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("no object {name} in {:#?}", op.objects))
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .collect()
}

#[test]
fn object_fields_are_linked_to_their_tables() {
    let op = operation(source_id("nested_objects.md"));
    let body = body_names(&op.parameters);
    // Child fields never become top-level ones.
    assert_eq!(body, ["name", "conditions", "action", "schedule", "owner"]);
    // By citation in the description, in the type cell (`Object. For details, see Table 3.`,
    // `Table 4`), by a caption naming the field (`Data structure description of owner`,
    // `… of links`) and by a label before the table (`Description for the user format`).
    assert_eq!(object_fields(op, "conditions"), ["category", "contents"]);
    assert_eq!(object_fields(op, "action"), ["category"]);
    assert_eq!(object_fields(op, "schedule"), ["start"]);
    assert_eq!(object_fields(op, "owner"), ["user_id"]);
    assert_eq!(object_fields(op, "links"), ["self"]);
    assert_eq!(object_fields(op, "users"), ["id", "name"]);
    let response: Vec<&str> = op.responses[0]
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(response, ["links", "users"]);
    // `category` of conditions and `category` of action are two enumerations.
    let categories: Vec<(Option<&str>, usize)> = built()
        .kb
        .enums
        .iter()
        .filter(|e| e.source == source_id("nested_objects.md") && e.name == "category")
        .map(|e| (e.object.as_deref(), e.values.len()))
        .collect();
    assert_eq!(categories, [(Some("conditions"), 2), (Some("action"), 2)]);
    // The example matches its tables: nothing to report (before: every child field was a
    // missing top-level field, and `block` was not among the values of `conditions`).
    assert_eq!(findings_of(source_id("nested_objects.md")), []);
}

#[test]
fn a_flattened_table_is_nested_as_the_examples_show() {
    let op = operation(source_id("flattened_table.md"));
    let body = body_names(&op.parameters);
    assert_eq!(body, ["group"]);
    assert_eq!(object_fields(op, "group"), ["name", "policy"]);
    assert_eq!(object_fields(op, "policy"), ["Version"]);
    // The response example wraps the documented fields in `group_info`, which the table
    // leaves out: its fields are checked inside the wrapper, nothing is missing.
    assert_eq!(findings_of(source_id("flattened_table.md")), []);
}

/// The source id of a fixture, by its path relative to the fixtures folder.
fn source_id(path: &str) -> &'static str {
    built()
        .kb
        .sources
        .iter()
        .find(|s| s.path == path)
        .unwrap_or_else(|| panic!("no source {path}"))
        .id
        .as_str()
}

#[test]
fn returned_value_codes_handling_columns_and_notes() {
    let kb = &built().kb;
    // `HTTP Status Code | Returned Value | … | Handling Measure`: the codes are read.
    let code = kb.error_code("BMS.0004").expect("BMS.0004 is read");
    let d = &code.definitions[0];
    assert_eq!(d.http_status, Some(400));
    assert_eq!(d.description.as_deref(), Some("Insufficient permission."));
    // The note in the message cell is a note of its own, not part of the message.
    assert_eq!(d.message, "Role check fail.");
    assert_eq!(d.note.as_deref(), Some("The role is checked per project."));
    assert_eq!(d.solution.as_deref(), Some("Ask for the role."));
    // `Handling` alone names the solution column; `Code` alone the code column.
    let volume = kb.error_code("VOL.0007").expect("VOL.0007 is read");
    assert_eq!(
        volume.definitions[0].solution.as_deref(),
        Some("Retry later.")
    );
}

#[test]
fn codes_without_a_prefix_take_the_service_their_page_names() {
    let kb = &built().kb;
    // `dcs/error-codes.md`, a page that says "DCS": its codes are DCS codes, and the code the
    // topic `dcs_api_0099` defines too is one code with two definitions, not DCS and GENERAL.
    let code = kb.error_code("111400064").expect("111400064 is read");
    assert_eq!(code.service, "DCS");
    assert_eq!(code.definitions.len(), 2);
    assert_eq!(
        kb.error_codes
            .iter()
            .filter(|c| c.code == "111400064")
            .count(),
        1
    );
    assert_eq!(kb.error_code("111400063").expect("read").service, "DCS");
    assert!(kb.error_codes.iter().all(|c| c.service != "GENERAL"));
}

#[test]
fn prose_categories_are_no_enumeration_and_a_single_value_is_one() {
    let kb = &built().kb;
    let console = source_id("console_failures.md");
    let names: Vec<&str> = kb
        .enums
        .iter()
        .filter(|e| e.source == console)
        .map(|e| e.name.as_str())
        .collect();
    // `Creation failures`, `Operation failures` are headings for a reader; statuses are values.
    assert_eq!(names, ["Server statuses"]);
    let job_status = kb
        .enums
        .iter()
        .find(|e| e.name == "job_status")
        .expect("a single-value enumeration is kept");
    assert_eq!(job_status.values.len(), 1);
    assert_eq!(job_status.values[0].value, "FAIL");
    assert_eq!(job_status.values[0].description, "The task failed.");
}

#[test]
fn abnormal_returned_values_are_the_operations_responses() {
    let op = operation(source_id("returned_values.md"));
    let responses: Vec<(Option<u16>, Option<&str>)> = op
        .responses
        .iter()
        .map(|r| (r.status, r.description.as_deref()))
        .collect();
    assert_eq!(
        responses,
        [
            (Some(200), Some("The request has succeeded.")),
            (Some(400), Some("The server failed to process the request.")),
            (
                Some(404),
                Some("The requested resource could not be found.")
            ),
            (Some(503), Some("The service is unavailable.")),
        ]
    );
    // The fields documented before the statuses are the success response's.
    assert_eq!(op.responses[0].fields[0].name, "job_status");
}

/// Issue 14 cause 2: two request tables for two ways of calling one operation stay apart, and
/// each example request is checked against the table it is written for.
#[test]
fn request_modes_stay_apart() {
    let op = operation(source_id("request_modes.md"));
    assert_eq!(
        body_names(&op.parameters),
        ["name", "widget_id", "description"]
    );
    assert_eq!(op.request_modes.len(), 1, "{:#?}", op.request_modes);
    let mode = &op.request_modes[0];
    assert_eq!(
        body_names(&mode.parameters),
        ["name", "file_url", "min_disk", "description"]
    );
    assert!(mode.label.contains("file in a bucket"), "{}", mode.label);
    let findings = findings_of(source_id("request_modes.md"));
    assert!(findings.is_empty(), "{findings:#?}");
}

/// A table of `x-…` and standard header names documents headers wherever it stands, so an
/// example body is not checked against it (issue 14: TcaplusDB-style pages gave 8 false
/// undocumented fields).
#[test]
fn header_tables_are_headers() {
    let op = operation(source_id("header_table.md"));
    let locations: Vec<(&str, ParameterLocation)> = op
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location))
        .collect();
    assert_eq!(
        locations,
        [
            ("x-widget-target", ParameterLocation::Header),
            ("x-widget-version", ParameterLocation::Header),
            ("Content-Type", ParameterLocation::Header),
        ]
    );
    assert_eq!(findings_of(source_id("header_table.md")), []);
}

/// A documented value that stands for a class ("Non-0 indicates a data disk") covers every
/// other value, and `≥` in a table is `>=` in an example; a value no table documents is still
/// reported, at the line of the array item that holds it (issue 14: OTC's ECS and alarm pages
/// gave false undocumented enum values; findings about later items cited the first item).
#[test]
fn value_classes_and_typography_are_documented_values() {
    let findings = findings_of(source_id("value_classes.md"));
    assert_eq!(
        findings,
        [(
            FindingKind::UndocumentedEnumValue,
            "`disks[].state` is \"RESIZING\" in the example, which is not among its documented \
             values: ACTIVE, DETACHED, ERROR"
        )]
    );
    // At the line of the third disk, where the value is written, not the first disk's.
    let finding = built()
        .findings
        .iter()
        .find(|f| {
            f.kind == FindingKind::UndocumentedEnumValue
                && f.locations[0].source == source_id("value_classes.md")
        })
        .expect("the RESIZING finding");
    assert_eq!(finding.locations[0].line, 30);
}

/// An OpenStack-style object table headed `Attribute | Type | Description` documents the
/// response's object even when the request documented an object of the same name first
/// (issue 14: OTC's EIP and VPC peering pages gave 3 false undocumented fields, the response
/// example held against the request's table).
#[test]
fn attribute_tables_document_objects() {
    let op = operation(source_id("attribute_tables.md"));
    assert_eq!(op.objects.len(), 2, "{:#?}", op.objects);
    assert_eq!(
        object_fields(op, &op.objects[1].name),
        ["id", "network_id", "created_at"]
    );
    assert_eq!(findings_of(source_id("attribute_tables.md")), []);
}
