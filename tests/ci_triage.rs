//! `errdex check` as a CI gate over a documentation folder (`tests/fixtures/triage/`): a
//! baseline of today's findings, then an edit that moves every line and adds one real
//! contradiction: `--baseline` fails with exactly that finding. Also `--summary`, `--kind`,
//! `--severity`, and folders holding figures and data files beside the pages.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// A copy of the fixture folder to edit.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/triage/docs");
    copy(&from, &dir.path().join("docs"));
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("fixture folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

fn errdex(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errdex"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run errdex")
}

fn findings(output: &Output) -> Vec<(String, String)> {
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON findings");
    value
        .as_array()
        .expect("array")
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap_or("").to_string(),
                f["code"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn edit(path: &PathBuf, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("page");
    assert!(text.contains(from), "{from:?} in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write page");
}

#[test]
fn baseline_lets_ci_fail_only_on_new_findings() {
    let dir = project();
    let dir = dir.path();
    let today = errdex(dir, &["check", "docs", "--format", "json"]);
    assert_eq!(today.status.code(), Some(1), "a known conflict today");
    assert_eq!(
        findings(&today),
        vec![
            ("wording-variant".to_string(), "STG.0101".to_string()),
            ("meaning-conflict".to_string(), "STG.0103".to_string()),
        ]
    );
    let written = errdex(dir, &["check", "docs", "--write-baseline", "baseline.json"]);
    assert_eq!(
        written.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );
    let baseline = std::fs::read_to_string(dir.join("baseline.json")).expect("baseline file");
    assert!(baseline.contains("\"fingerprint\"") && baseline.contains("STG.0103"));
    let quiet = errdex(
        dir,
        &[
            "check",
            "docs",
            "--baseline",
            "baseline.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(quiet.status.code(), Some(0));
    assert!(findings(&quiet).is_empty());

    // Unrelated edits: a paragraph above the table moves every line of one page.
    let errors = dir.join("docs/storage-errors.md");
    edit(
        &errors,
        "# Storage error codes\n",
        "# Storage error codes\n\nThe codes below are returned by the storage API.\nSee also the API reference.\n",
    );
    let moved = errdex(
        dir,
        &[
            "check",
            "docs",
            "--baseline",
            "baseline.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        moved.status.code(),
        Some(0),
        "moved lines are not new findings"
    );
    assert!(findings(&moved).is_empty());

    // A real contradiction: STG.0102 now means something else in the other page.
    let api = dir.join("docs/storage-api-errors.md");
    edit(
        &api,
        "The disk quota is used up.",
        "The encryption key is disabled.",
    );
    let gate = errdex(
        dir,
        &[
            "check",
            "docs",
            "--baseline",
            "baseline.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        gate.status.code(),
        Some(1),
        "the new contradiction fails CI"
    );
    assert_eq!(
        findings(&gate),
        vec![("meaning-conflict".to_string(), "STG.0102".to_string())]
    );
    let human = errdex(dir, &["check", "docs", "--baseline", "baseline.json"]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("STG.0102") && !text.contains("STG.0103"),
        "{text}"
    );
    assert!(
        text.contains("docs/storage-api-errors.md:6"),
        "paths relative to the project: {text}"
    );
}

#[test]
fn summary_kind_and_severity_select_what_is_shown() {
    let dir = project();
    let dir = dir.path();
    let summary = errdex(dir, &["check", "docs", "--summary"]);
    let text = String::from_utf8_lossy(&summary.stdout);
    assert!(text.starts_with("1 error, 0 warnings, 1 note\n"), "{text}");
    assert!(
        text.contains("meaning-conflict") && text.contains("STG"),
        "{text}"
    );
    let notes = errdex(
        dir,
        &[
            "check",
            "docs",
            "--kind",
            "wording-variant",
            "--format",
            "json",
        ],
    );
    assert_eq!(notes.status.code(), Some(0), "no error shown, no failure");
    assert_eq!(
        findings(&notes),
        vec![("wording-variant".to_string(), "STG.0101".to_string())]
    );
    let errors = errdex(
        dir,
        &["check", "docs", "--severity", "error", "--format", "json"],
    );
    assert_eq!(
        findings(&errors),
        vec![("meaning-conflict".to_string(), "STG.0103".to_string())]
    );
    let bad = errdex(dir, &["check", "docs", "--kind", "no-such-kind"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("meaning-conflict"),
        "lists the kinds"
    );
    let missing = errdex(dir, &["check", "docs", "--baseline", "nowhere.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nowhere.json"));
}

#[test]
fn figures_and_data_files_beside_the_pages_are_left_out_quietly() {
    let dir = project();
    let dir = dir.path();
    let built = errdex(dir, &["build", "docs", "--out", "out"]);
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert_eq!(built.status.code(), Some(0), "{stderr}");
    assert!(
        !stderr.contains("binary") && !stderr.contains("warning"),
        "{stderr}"
    );
    assert!(
        stderr.contains("left out 2 files that are not documents (1 json, 1 png)"),
        "{stderr}"
    );
    let kb: Value =
        serde_json::from_slice(&std::fs::read(dir.join("out/kb.json")).unwrap()).unwrap();
    let paths: Vec<&str> = kb["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        vec!["docs/storage-api-errors.md", "docs/storage-errors.md"]
    );
    assert!(
        kb["mentions"].as_array().unwrap().is_empty(),
        "the JSON file is not a page"
    );
    // Named explicitly, a figure is still an error naming it.
    let named = errdex(dir, &["build", "docs/figures/disk.png", "--out", "out2"]);
    assert_eq!(named.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&named.stderr).contains("docs/figures/disk.png"));
    // .errdexignore and --exclude leave pages out.
    std::fs::write(dir.join("docs/.errdexignore"), "storage-api-errors.md\n").unwrap();
    let ignored = errdex(dir, &["check", "docs", "--format", "json"]);
    assert_eq!(
        ignored.status.code(),
        Some(0),
        "one page left: nothing to compare"
    );
    std::fs::remove_file(dir.join("docs/.errdexignore")).unwrap();
    let excluded = errdex(
        dir,
        &[
            "check",
            "docs",
            "--exclude",
            "**/storage-api-*",
            "--format",
            "json",
        ],
    );
    assert_eq!(excluded.status.code(), Some(0));
    assert!(findings(&excluded).is_empty());
}

#[test]
fn the_same_repository_gives_the_same_output_in_another_folder() {
    let first = project();
    let second = project();
    for dir in [first.path(), second.path()] {
        let built = errdex(dir, &["build", "docs", "--out", "out"]);
        assert_eq!(built.status.code(), Some(0));
    }
    for file in ["kb.json", "site/index.html", "rust/src/lib.rs"] {
        let a = std::fs::read(first.path().join("out").join(file)).expect(file);
        let b = std::fs::read(second.path().join("out").join(file)).expect(file);
        assert!(a == b, "{file} differs between two folders");
    }
}
