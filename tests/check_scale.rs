//! What may contradict what on a whole repository (issue 14 causes 4–5): hand-made pages in
//! `tests/fixtures/check_scale/`, each reproducing a cause of false conflicts seen on real
//! repositories, checked with the folder as the project root.
//!
//! - `dbs-a/` and `dbs-b/`: two products behind one prefix (a document and a relational
//!   database behind `DBS.`), whose pages word a code differently or give it another meaning:
//!   a note, not an error;
//! - `storage/`: a desktop tool's and a web console's code lists in one folder, sharing four
//!   numbers that mean four different things: two lists, not four contradictions;
//! - `cloud/`: an error name (`InvalidZone.MismatchRegion`) that each API page documents with
//!   its own cause: a person may look, CI does not fail.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check_scale")
}

/// `(kind, code, severity, message)` of one finding.
type Row = (String, String, String, String);

/// Every finding as a [`Row`], and the exit code.
fn check() -> (Vec<Row>, Option<i32>) {
    let output = Command::new(env!("CARGO_BIN_EXE_errdex"))
        .args(["check", ".", "--format", "json"])
        .current_dir(fixtures())
        .output()
        .expect("run errdex");
    let findings: Value = serde_json::from_slice(&output.stdout).expect("json output");
    let rows = findings
        .as_array()
        .expect("array")
        .iter()
        .map(|f| {
            let field = |name: &str| f[name].as_str().unwrap_or_default().to_string();
            (
                field("kind"),
                field("code"),
                field("severity"),
                field("message"),
            )
        })
        .collect();
    (rows, output.status.code())
}

fn of<'a>(findings: &'a [Row], code: &str) -> Vec<&'a Row> {
    findings.iter().filter(|f| f.1 == code).collect()
}

#[test]
fn products_behind_one_prefix_are_notes() {
    let (findings, _) = check();
    // Another meaning in another product: a note that says why.
    let about = of(&findings, "DBS.200003");
    assert_eq!(about.len(), 1, "{about:#?}");
    let (kind, _, severity, message) = about[0];
    assert_eq!(
        (kind.as_str(), severity.as_str()),
        ("group-difference", "note")
    );
    assert!(
        message.contains("different products (dbs-a and dbs-b)"),
        "{message}"
    );
    // A paraphrase across products ("Invalid DB engine." / "Invalid database type.") and the
    // same text: nothing to say.
    assert!(of(&findings, "DBS.200002").is_empty(), "{findings:#?}");
    assert!(of(&findings, "DBS.200001").is_empty(), "{findings:#?}");
}

#[test]
fn two_code_lists_in_one_folder_are_told_apart() {
    let (findings, _) = check();
    for n in 1..=4 {
        let code = format!("Stor.000{n}");
        let about = of(&findings, &code);
        assert_eq!(about.len(), 1, "{code}: {about:#?}");
        assert_eq!(about[0].0, "group-difference", "{code}: {about:#?}");
        assert!(
            about[0].3.contains("agree on 0 of the 4 codes"),
            "{}",
            about[0].3
        );
    }
}

#[test]
fn an_error_name_each_api_uses_is_no_error() {
    let (findings, status) = check();
    let about = of(&findings, "InvalidZone.MismatchRegion");
    assert_eq!(about.len(), 1, "{about:#?}");
    let (kind, _, severity, message) = about[0];
    assert_eq!(
        (kind.as_str(), severity.as_str()),
        ("possible-conflict", "note")
    );
    assert!(message.contains("names no service"), "{message}");
    assert!(!findings.iter().any(|f| f.2 == "error"), "{findings:#?}");
    assert_eq!(status, Some(0), "nothing fails CI");
}
