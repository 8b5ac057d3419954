//! The meaning errdex states, end to end through the binary, on hand-written pages
//! (`tests/fixtures/meaning/`): two English pages and a Chinese one define Ecs.0013 alike;
//! two pages of three say the system disk for Ecs.0102; `errdex.toml` ranks the main
//! reference first for CSS and acknowledges the CSS.2001 conflict. `errdex build` reads the
//! config like `check`; `explain` and `annotate` find the knowledge base without `--kb`.

use std::path::Path;
use std::process::{Command, Output};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/meaning");

/// A copy of the fixture folder (docs, errdex.toml, failed-tasks.json) to build in.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in walkdir::WalkDir::new(FIXTURES) {
        let entry = entry.expect("fixture entry");
        let relative = entry.path().strip_prefix(FIXTURES).expect("inside");
        let target = dir.path().join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
    dir
}

/// Runs errdex in `cwd` with no `ERRDEX_KB` unless `env` sets one.
fn errdex_in(cwd: &Path, args: &[&str], env: Option<&Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_errdex"));
    command.args(args).current_dir(cwd).env_remove("ERRDEX_KB");
    if let Some(kb) = env {
        command.env("ERRDEX_KB", kb);
    }
    command.output().expect("errdex runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The fixture built with its own errdex.toml (found in the current folder, like `check`).
fn built() -> tempfile::TempDir {
    let dir = workspace();
    let output = errdex_in(dir.path(), &["build", "docs"], None);
    assert!(output.status.success(), "{}", stderr(&output));
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

#[test]
fn explain_states_the_meaning_most_sources_give_in_english() {
    let dir = built();
    let deep = dir.path().join("docs");
    let output = errdex_in(&deep, &["explain", "ecs.0013", "Ecs.0102"], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    for expected in [
        // Two English pages agree; the Chinese page is a translation, not the meaning.
        "Meaning:  Insufficient EIP quota.",
        "Sources:  2 of 3 sources agree; 1 in another language (Chinese)",
        "Chinese:  EIP配额不足。 (solution: 请申请扩大EIP配额。) — docs/ecs-zh.md:5",
        // Two pages say system disk, one says data disk: the majority is stated.
        "Meaning:  The system disk cannot be detached in its current state.",
        "Sources:  2 of 3 sources agree; 1 differs",
        "Differs:  The data disk does not respond. (solution: Try again later.) — docs/ecs-legacy.md:5",
    ] {
        assert!(text.contains(expected), "missing {expected:?}:\n{text}");
    }
    let ecs0102 = text.find("Ecs.0102 (service ECS)").expect("second code");
    assert!(text.find("Ecs.0013 (service ECS)").expect("first code") < ecs0102);
}

#[test]
fn a_chinese_reader_gets_the_chinese_definition_and_english_as_translation() {
    let dir = built();
    let output = errdex_in(dir.path(), &["explain", "Ecs.0013", "--lang", "zh"], None);
    let text = stdout(&output);
    assert!(text.contains("Meaning:  EIP配额不足。"), "{text}");
    assert!(text.contains("Solution: 请申请扩大EIP配额。"), "{text}");
    assert!(
        text.contains("Sources:  the only definition in Chinese; 2 in another language (English)"),
        "{text}"
    );
    assert!(text.contains("English:  Insufficient EIP quota."), "{text}");
    // Nothing in Chinese: stated in English, and said so.
    let output = errdex_in(dir.path(), &["explain", "Ecs.0102", "--lang", "zh"], None);
    let text = stdout(&output);
    assert!(
        text.contains("Meaning:  The system disk cannot be detached"),
        "{text}"
    );
    assert!(text.contains("Language: nothing in the language asked for; stated in English"));
}

#[test]
fn authority_and_acknowledgements_reach_every_output() {
    let dir = built();
    let generated = dir.path().join("generated");
    // kb.json: the groups, the ranked source, the decision and the acknowledgement's reason.
    let kb: serde_json::Value = serde_json::from_str(&read(&generated.join("kb.json"))).unwrap();
    let css = kb["error_codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "CSS.2001")
        .expect("CSS.2001");
    assert_eq!(css["meanings"], serde_json::json!([[0], [1, 2]]));
    assert_eq!(css["ranked"], serde_json::json!([0]));
    assert_eq!(css["authoritative"], 0);
    let acknowledged = kb["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "CSS.2001")
        .expect("finding");
    assert_eq!(acknowledged["severity"], "note");
    assert!(
        acknowledged["acknowledged"]
            .as_str()
            .unwrap()
            .starts_with("Renumbered")
    );
    // explain: the ranked source over the majority, and why.
    let text = stdout(&errdex_in(dir.path(), &["explain", "css2001"], None));
    assert!(
        text.contains("Meaning:  Failed to delete the cluster snapshot."),
        "{text}"
    );
    assert!(
        text.contains(
            "Sources:  errdex.toml ranks this source first; 1 of 3 sources agree; 2 differ"
        ),
        "{text}"
    );
    assert!(
        text.contains("acknowledged in errdex.toml: Renumbered"),
        "{text}"
    );
    // The site's code page.
    let page = read(&generated.join("site/codes/CSS.2001.html"));
    assert!(
        page.contains("<p class=\"stated\">Failed to delete the cluster snapshot.</p>"),
        "{page}"
    );
    assert!(
        page.contains("errdex.toml ranks this source first"),
        "{page}"
    );
    assert!(
        page.contains("Acknowledged in errdex.toml: Renumbered"),
        "{page}"
    );
    let page = read(&generated.join("site/codes/Ecs.0013.html"));
    assert!(
        page.contains("<p class=\"stated\">Insufficient EIP quota.</p>"),
        "{page}"
    );
    assert!(page.contains("<dt>Chinese</dt>"), "{page}");
    // The generated crate: meaning() is the ranked definition, the doc says why.
    let rust = read(&generated.join("rust/src/css.rs"));
    assert!(
        rust.contains("/// `CSS.2001`: Failed to delete the cluster snapshot."),
        "{rust}"
    );
    assert!(
        rust.contains("errdex.toml ranks this source first"),
        "{rust}"
    );
    assert!(rust.contains("the source errdex.toml ranks first for the service"));
    let ecs = read(&generated.join("rust/src/ecs.rs"));
    assert!(
        ecs.contains("/// `Ecs.0013`: Insufficient EIP quota."),
        "{ecs}"
    );
    assert!(ecs.contains("/// `Ecs.0102`: The system disk cannot be detached"));
}

#[test]
fn build_takes_an_explicit_config_and_rejects_a_bad_one() {
    let dir = workspace();
    std::fs::rename(
        dir.path().join("errdex.toml"),
        dir.path().join("release.toml"),
    )
    .unwrap();
    // Without the config, the majority decides CSS.2001.
    let output = errdex_in(dir.path(), &["build", "docs"], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&errdex_in(dir.path(), &["explain", "CSS.2001"], None));
    assert!(
        text.contains("Meaning:  Failed to rename the cluster."),
        "{text}"
    );
    let output = errdex_in(
        dir.path(),
        &["build", "docs", "--config", "release.toml"],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&errdex_in(dir.path(), &["explain", "CSS.2001"], None));
    assert!(
        text.contains("Meaning:  Failed to delete the cluster snapshot."),
        "{text}"
    );
    std::fs::write(
        dir.path().join("bad.toml"),
        "[authority]\nCSS = [\"a\"]\n\n[[acknowledge]]\ncode = \"X.1\"\n",
    )
    .unwrap();
    let output = errdex_in(dir.path(), &["build", "docs", "--config", "bad.toml"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("bad.toml:"), "{}", stderr(&output));
}

#[test]
fn the_knowledge_base_is_found_without_kb() {
    let dir = built();
    let elsewhere = tempfile::tempdir().unwrap();
    // ERRDEX_KB names it (the folder or kb.json itself).
    let kb_file = dir.path().join("generated/kb.json");
    let output = errdex_in(elsewhere.path(), &["explain", "Ecs.0013"], Some(&kb_file));
    assert!(output.status.success(), "{}", stderr(&output));
    // Neither: a clear error naming where it looked, exit 2.
    let output = errdex_in(elsewhere.path(), &["explain", "Ecs.0013"], None);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("no knowledge base found"), "{message}");
    assert!(message.contains("ERRDEX_KB not set"), "{message}");
    assert!(
        message.contains(&elsewhere.path().display().to_string()),
        "{message}"
    );
    // A named place without a knowledge base is an error, not a reason to look elsewhere.
    let output = errdex_in(dir.path(), &["explain", "Ecs.0013"], Some(elsewhere.path()));
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("ERRDEX_KB="),
        "{}",
        stderr(&output)
    );
}

#[test]
fn several_codes_with_an_unknown_one() {
    let dir = built();
    let output = errdex_in(dir.path(), &["explain", "Ecs.0013,Ecs.0104"], None);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.starts_with("Ecs.0013 (service ECS)"), "{text}");
    assert!(
        text.contains("error: unknown error code `Ecs.0104`"),
        "{text}"
    );
    assert!(text.contains("nearest known codes: Ecs.0102"), "{text}");
    assert!(text.contains("try `errdex search Ecs.0104`"), "{text}");
    let output = errdex_in(
        dir.path(),
        &["explain", "Ecs.0013", "Ecs.0102", "--format", "json"],
        None,
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json[0]["explanation"]["meaning"]["basis"], "unanimous");
    assert_eq!(json[1]["explanation"]["meaning"]["basis"], "majority");
    assert_eq!(json[1]["explanation"]["meaning"]["agreeing"], 2);
    let output = errdex_in(dir.path(), &["explain", " , "], None);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn annotate_states_the_same_meaning_in_the_readers_language() {
    let dir = built();
    let output = errdex_in(
        &dir.path().join("docs"),
        &["annotate", "../failed-tasks.json"],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("Ecs.0102 (task_error_code): The system disk cannot be detached in its current state. [HTTP 400]"),
        "{text}"
    );
    assert!(
        text.contains("agreement: 2 of 3 sources agree; 1 differs"),
        "{text}"
    );
    let output = errdex_in(
        dir.path(),
        &[
            "annotate",
            "failed-tasks.json",
            "--lang",
            "zh",
            "--format",
            "json",
        ],
        None,
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let code = &json["failure_jobs"][1]["explanation"]["codes"][0];
    assert_eq!(code["meaning"], "EIP配额不足。");
    assert_eq!(code["solution"], "请申请扩大EIP配额。");
}
