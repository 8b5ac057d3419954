//! `errdex diff`, `build --baseline` and `explain --history` on two hand-written releases
//! (`tests/fixtures/diff/`, one change of each kind; see its README): the exact human and
//! Markdown reports, the JSON against `diff.schema.json`, `--fail-on`, the same report from
//! sources, built knowledge bases and git revisions (with the work tree untouched), tombstones
//! in kb.json, explain and search, and a code's history.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff")
}

fn errdex_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errdex"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("ERRDEX_KB")
        .output()
        .expect("errdex runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

fn succeeded(output: &Output) -> String {
    assert!(
        output.status.success(),
        "errdex failed:\n{}\n{}",
        stdout(output),
        String::from_utf8_lossy(&output.stderr)
    );
    stdout(output)
}

/// `(kind, subject, item, impact)` of every change of a JSON diff.
fn changes(json: &Value) -> Vec<(String, String, String, String)> {
    json["services"]
        .as_array()
        .expect("services")
        .iter()
        .flat_map(|s| s["changes"].as_array().expect("changes").iter())
        .map(|c| {
            let text = |key: &str| c[key].as_str().unwrap_or("").to_string();
            (text("kind"), text("subject"), text("item"), text("impact"))
        })
        .collect()
}

fn expected_changes() -> Vec<(String, String, String, String)> {
    let jobs = "GET /v1/{project_id}/widget-jobs";
    let status = format!("status of {jobs}");
    [
        ("value-renamed", status.as_str(), "FAIL", "breaking"),
        ("parameter-required", jobs, "query limit", "breaking"),
        ("field-added", jobs, "response finished_at", "minor"),
        ("reworded", "WDG.0001", "", "patch"),
        ("meaning-changed", "WDG.0002", "", "patch"),
        ("status-changed", "WDG.0003", "", "patch"),
        ("code-removed", "WDG.0004", "", "breaking"),
        ("code-removed", "WDG.0005", "", "breaking"),
        ("code-added", "WDG.0006", "", "minor"),
        ("solution-changed", "WDG.0007", "", "patch"),
        ("code-added", "WDG.0010", "", "minor"),
        ("renumbered", "WDG.0004", "WDG.0010", "none"),
    ]
    .iter()
    .map(|(k, s, i, m)| (k.to_string(), s.to_string(), i.to_string(), m.to_string()))
    .collect()
}

#[test]
fn human_and_markdown_reports_are_exact() {
    let dir = fixtures();
    let human = succeeded(&errdex_in(&dir, &["diff", "r1", "r2"]));
    let expected = std::fs::read_to_string(dir.join("expected.txt")).expect("expected.txt");
    assert_eq!(human, expected, "human report changed:\n{human}");
    let markdown = succeeded(&errdex_in(
        &dir,
        &["diff", "r1", "r2", "--format", "markdown"],
    ));
    let expected = std::fs::read_to_string(dir.join("expected.md")).expect("expected.md");
    assert_eq!(markdown, expected, "markdown report changed:\n{markdown}");
}

#[test]
fn json_report_follows_its_schema_and_names_every_change() {
    let dir = fixtures();
    let text = succeeded(&errdex_in(&dir, &["diff", "r1", "r2", "--format", "json"]));
    let json: Value = serde_json::from_str(&text).expect("JSON");
    let schema: Value = serde_json::from_str(&errdex::diff::schema_json()).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(changes(&json), expected_changes());
    assert_eq!(json["impact"], "breaking");
    // Both sides of a meaning change, with check's similarity.
    let wdg = &json["services"][1]["changes"][1];
    assert_eq!(wdg["old"]["text"], "Failed to delete the widget.");
    assert_eq!(wdg["new"]["text"], "Failed to rename the widget.");
    assert!(wdg["similarity"].as_f64().expect("similarity") < 0.5);
}

#[test]
fn fail_on_sets_the_exit_code() {
    let dir = fixtures();
    assert_eq!(
        errdex_in(&dir, &["diff", "r1", "r2", "--fail-on", "breaking"])
            .status
            .code(),
        Some(1)
    );
    let same = errdex_in(&dir, &["diff", "r1", "r1", "--fail-on", "minor"]);
    assert_eq!(same.status.code(), Some(0));
    assert!(stdout(&same).contains("the generated crate is unchanged"));
    let usage = errdex_in(&dir, &["diff", "r1"]);
    assert_eq!(usage.status.code(), Some(2));
}

/// Copies a release's pages into `to`.
fn copy_release(release: &str, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for page in ["errors.md", "jobs.md"] {
        std::fs::copy(fixtures().join(release).join(page), to.join(page)).expect("copy");
    }
}

fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {output:?}");
}

#[test]
fn built_knowledge_bases_and_git_revisions_give_the_same_changes() {
    let temp = tempfile::tempdir().expect("temp");
    let repo = temp.path();
    git(repo, &["init", "-q"]);
    copy_release("r1", &repo.join("docs"));
    git(repo, &["add", "docs"]);
    git(repo, &["commit", "-qm", "r1"]);
    copy_release("r2", &repo.join("docs"));
    git(repo, &["commit", "-qam", "r2"]);
    // An edit in the work tree that a comparison of two revisions must not see.
    std::fs::write(repo.join("docs/notes.md"), "# Notes\n").expect("write");

    let json = |args: &[&str]| -> Value {
        let mut all = vec!["diff", "--format", "json"];
        all.extend_from_slice(args);
        serde_json::from_str(&succeeded(&errdex_in(repo, &all))).expect("JSON")
    };
    let revisions = json(&["--git", "HEAD~1", "--git", "HEAD", "docs"]);
    assert_eq!(changes(&revisions), expected_changes());
    assert_eq!(
        json(&["--git", "HEAD~1..HEAD", "docs"])["services"],
        revisions["services"]
    );
    // One revision against the work tree.
    assert_eq!(
        changes(&json(&["--git", "HEAD~1", "docs"])),
        expected_changes()
    );
    // The work tree is as it was: the untracked file stays, nothing else appeared.
    let status = Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(repo)
        .output()
        .expect("git status");
    assert_eq!(
        String::from_utf8_lossy(&status.stdout),
        "?? docs/notes.md\n"
    );

    // Built knowledge bases (a folder holding kb.json, or the file).
    git(repo, &["checkout", "-q", "HEAD~1", "--", "docs"]);
    succeeded(&errdex_in(repo, &["build", "docs", "--out", "g1"]));
    git(repo, &["checkout", "-q", "HEAD", "--", "docs"]);
    succeeded(&errdex_in(repo, &["build", "docs", "--out", "g2"]));
    let built = json(&["g1", "g2/kb.json"]);
    assert_eq!(built["services"], revisions["services"]);

    let bad = errdex_in(repo, &["diff", "--git", "no-such-rev", "docs"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no-such-rev is not a revision"));
}

#[test]
fn a_baseline_keeps_dropped_codes_and_values_retired() {
    let temp = tempfile::tempdir().expect("temp");
    let dir = temp.path();
    copy_release("r1", &dir.join("r1"));
    copy_release("r2", &dir.join("r2"));
    succeeded(&errdex_in(
        dir,
        &["build", "r1", "--out", "g1", "--release", "1.0"],
    ));
    succeeded(&errdex_in(
        dir,
        &[
            "build",
            "r2",
            "--out",
            "g2",
            "--release",
            "2.0",
            "--baseline",
            "g1",
        ],
    ));
    let kb: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("g2/kb.json")).expect("kb.json"))
            .expect("JSON");
    let retired: Vec<(&str, &Value)> = kb["error_codes"]
        .as_array()
        .expect("codes")
        .iter()
        .filter(|c| c.get("retired").is_some())
        .map(|c| (c["code"].as_str().expect("code"), &c["retired"]))
        .collect();
    let codes: Vec<&str> = retired.iter().map(|(c, _)| *c).collect();
    assert_eq!(codes, ["WDG.0004", "WDG.0005"]);
    assert_eq!(
        retired[1].1,
        &serde_json::json!({"retired_in": "2.0", "last_documented_in": "1.0",
            "source": "r1/errors.md", "line": 9})
    );
    let values = kb["enums"][0]["values"].as_array().expect("values");
    let fail = values
        .iter()
        .find(|v| v["value"] == "FAIL")
        .expect("FAIL kept");
    assert_eq!(fail["retired"]["retired_in"], "2.0");

    let explained = succeeded(&errdex_in(dir, &["explain", "WDG.0005", "--kb", "g2"]));
    assert!(
        explained.contains("Retired in 2.0: last documented in 1.0 (r1/errors.md:9)"),
        "{explained}"
    );
    let found = succeeded(&errdex_in(
        dir,
        &[
            "search", "widget", "--kb", "g2", "--limit", "20", "--format", "json",
        ],
    ));
    let hits: Value = serde_json::from_str(&found).expect("JSON");
    let kinds: Vec<&str> = hits["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["kind"].as_str().expect("kind"))
        .collect();
    let first_retired = kinds.iter().position(|k| k.starts_with("retired_"));
    let first_retired = first_retired.expect("a retired code is found");
    assert!(
        kinds[first_retired..]
            .iter()
            .all(|k| k.starts_with("retired_")),
        "retired hits come after every live one: {kinds:?}"
    );
    let service_page =
        std::fs::read_to_string(dir.join("g2/site/services/WDG.html")).expect("service page");
    assert!(service_page.contains("<s><a href=\"../codes/WDG.0005.html\">WDG.0005</a></s>"));
    let rust = std::fs::read_to_string(dir.join("g2/rust/src/wdg.rs")).expect("module");
    let deprecated = "note = \"retired in 2.0: last documented in 1.0 (r1/errors.md:9)\"";
    let at = rust
        .find(deprecated)
        .expect("the retired variant is deprecated with its reason");
    assert!(
        rust[at..]
            .trim_start_matches(deprecated)
            .trim_start()
            .starts_with(")]\n    Wdg0005,"),
        "{rust}"
    );

    // The diff across the baseline: retired, not removed; nothing breaking about the codes.
    let text = succeeded(&errdex_in(dir, &["diff", "g1", "g2", "--format", "json"]));
    let json: Value = serde_json::from_str(&text).expect("JSON");
    let kinds: Vec<(String, String, String, String)> = changes(&json);
    assert!(
        kinds
            .iter()
            .any(|c| c.0 == "code-retired" && c.1 == "WDG.0005" && c.3 == "patch")
    );
    assert!(!kinds.iter().any(|c| c.0 == "code-removed"));
    assert!(
        kinds
            .iter()
            .any(|c| c.0 == "value-retired" && c.2 == "FAIL")
    );

    // History through the two releases.
    let history = succeeded(&errdex_in(
        dir,
        &["explain", "WDG.0002", "--history", "g1", "g2"],
    ));
    assert_eq!(
        history,
        "WDG.0002: 2 eras over 2 releases\n  first documented g1, last g1 [400]: Failed to delete the widget.\n    --> r1/errors.md:6\n  first documented g2, last g2 [400]: Failed to rename the widget.\n    --> r2/errors.md:6\n\n"
    );
}
