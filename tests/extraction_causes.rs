//! Wrong facts that made whole-repository checks noisy, one hand-made fixture per cause
//! (`tests/fixtures/extraction/`): object fields linked to their tables by citation, caption,
//! label and the nesting examples show; one table per request mode; examples paired with
//! their direction and status; maps with data keys, union types, example request lines.
//! Each test states the facts errdex must extract and the findings `check` must (not) report.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use errdex::kb::{Finding, FindingKind, KnowledgeBase, Operation, ParameterLocation};

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
    let op = operation("nested_objects");
    let body: Vec<&str> = op
        .parameters
        .iter()
        .filter(|p| p.location == ParameterLocation::Body)
        .map(|p| p.name.as_str())
        .collect();
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
        .filter(|e| e.source == "nested_objects" && e.name == "category")
        .map(|e| (e.object.as_deref(), e.values.len()))
        .collect();
    assert_eq!(
        categories,
        [(Some("conditions"), 2), (Some("action"), 2)]
    );
    // The example matches its tables: nothing to report (before: every child field was a
    // missing top-level field, and `block` was not among the values of `conditions`).
    assert_eq!(findings_of("nested_objects"), []);
}

#[test]
fn a_flattened_table_is_nested_as_the_examples_show() {
    let op = operation("flattened_table");
    let body: Vec<&str> = op
        .parameters
        .iter()
        .filter(|p| p.location == ParameterLocation::Body)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(body, ["group"]);
    assert_eq!(object_fields(op, "group"), ["name", "policy"]);
    assert_eq!(object_fields(op, "policy"), ["Version"]);
    // The response example wraps the documented fields in `group_info`, which the table
    // leaves out: its fields are checked inside the wrapper, nothing is missing.
    assert_eq!(findings_of("flattened_table"), []);
}
