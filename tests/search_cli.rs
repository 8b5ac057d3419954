//! `errdex search`, `explain` and `annotate` driven through the real binary, on a hand-written
//! knowledge base (`tests/fixtures/search/kb.json`) copied into a temp folder per test.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/search");

/// A temp `--kb` folder holding the fixture kb.json and no index yet.
fn kb_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        Path::new(FIXTURES).join("kb.json"),
        dir.path().join("kb.json"),
    )
    .expect("copy kb.json");
    dir
}

fn errdex(kb: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errdex"))
        .args(args)
        .arg("--kb")
        .arg(kb)
        .output()
        .expect("run errdex")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn search_json(kb: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let output = errdex(kb, &all);
    serde_json::from_slice(&output.stdout).expect("search JSON")
}

fn hit_names(results: &serde_json::Value) -> Vec<String> {
    results["hits"]
        .as_array()
        .map(|hits| {
            hits.iter()
                .map(|h| h["name"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn first_use_builds_the_index_once_with_a_notice() {
    let kb = kb_dir();
    let first = errdex(kb.path(), &["search", "snapshot"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let notice = stderr(&first);
    assert_eq!(notice.lines().count(), 1, "one line: {notice}");
    assert!(notice.contains("building it from"), "{notice}");
    assert!(kb.path().join("index/errdex-stamp.json").is_file());
    let second = errdex(kb.path(), &["search", "snapshot"]);
    assert_eq!(stderr(&second), "", "no rebuild when kb.json is unchanged");
    assert_eq!(stdout(&first), stdout(&second));
}

#[test]
fn a_changed_knowledge_base_rebuilds_the_index() {
    let kb = kb_dir();
    errdex(kb.path(), &["search", "snapshot"]);
    let path = kb.path().join("kb.json");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("Instance quota exceeded.", "Shard quota exceeded."),
    )
    .unwrap();
    let output = errdex(kb.path(), &["search", "shard"]);
    assert!(
        stderr(&output).contains("older than kb.json"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).contains("DCS. 4855"), "{}", stdout(&output));
    let leftovers: Vec<PathBuf> = std::fs::read_dir(kb.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    assert!(
        leftovers.is_empty(),
        "no staging folders left: {leftovers:?}"
    );
}

#[test]
fn code_shaped_queries_rank_the_code_first() {
    let kb = kb_dir();
    for query in ["6007", "css6007", "CSS.6007", "css-6007"] {
        let names = hit_names(&search_json(kb.path(), &[query]));
        assert_eq!(
            names.first().map(String::as_str),
            Some("CSS.6007"),
            "{query}: {names:?}"
        );
    }
    let names = hit_names(&search_json(kb.path(), &["dcs 4855"]));
    assert_eq!(names.first().map(String::as_str), Some("DCS. 4855"));
}

#[test]
fn words_find_messages_with_highlights() {
    let kb = kb_dir();
    let results = search_json(kb.path(), &["snapshot failed, bucket gone"]);
    assert_eq!(hit_names(&results)[0], "CSS.6007");
    let hit = &results["hits"][0];
    assert_eq!(hit["source"], "docs/css/error-codes.md");
    assert_eq!(hit["line"], 41);
    assert_eq!(hit["status"], 400);
    assert_eq!(hit["service"], "CSS");
    let snippet = hit["snippet"]["text"].as_str().unwrap();
    let (start, end) = (
        hit["snippet"]["highlights"][0][0].as_u64().unwrap() as usize,
        hit["snippet"]["highlights"][0][1].as_u64().unwrap() as usize,
    );
    assert_eq!(&snippet[start..end], "Failed");
    let human = stdout(&errdex(kb.path(), &["search", "bucket"]));
    assert!(human.contains("[bucket]"), "{human}");
}

#[test]
fn typos_are_forgiven() {
    let kb = kb_dir();
    for (typo, expected) in [("snapshto", "CSS.6007"), ("volumme", "EVS.2024")] {
        let names = hit_names(&search_json(kb.path(), &[typo]));
        assert!(names.contains(&expected.to_string()), "{typo}: {names:?}");
    }
}

#[test]
fn chinese_words_find_chinese_pages() {
    let kb = kb_dir();
    assert_eq!(
        hit_names(&search_json(kb.path(), &["快照"])),
        vec!["Ecs.0219"]
    );
    let quota = hit_names(&search_json(kb.path(), &["配额"]));
    assert_eq!(quota.first().map(String::as_str), Some("Ecs.0013"));
}

#[test]
fn filters_by_service_and_status() {
    let kb = kb_dir();
    let names = hit_names(&search_json(kb.path(), &["snapshot", "--status", "400"]));
    assert!(!names.is_empty());
    assert!(names.iter().all(|n| n.starts_with("CSS.")), "{names:?}");
    let names = hit_names(&search_json(kb.path(), &["exist", "--service", "obs"]));
    assert!(names.is_empty(), "no OBS-service entries: {names:?}");
    let names = hit_names(&search_json(
        kb.path(),
        &["failed", "--service", "sdrs", "--limit", "2"],
    ));
    assert_eq!(names.len(), 2);
}

#[test]
fn no_hit_says_so_and_suggests_near_terms() {
    let kb = kb_dir();
    let output = errdex(kb.path(), &["search", "bukcett"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("no hits for `bukcett`"), "{text}");
    assert!(text.contains("near terms: bucket"), "{text}");
}

#[test]
fn a_filter_that_leaves_nothing_is_named() {
    let kb = kb_dir();
    let output = errdex(kb.path(), &["search", "bukcet", "--service", "ECS"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("no hits for `bukcet`: the words find 2 hits, but `service:ecs` leaves none"),
        "{text}"
    );
    let json = search_json(kb.path(), &["bucket", "-exist"]);
    assert_eq!(json["emptied_by"]["filter"], "-exist", "{json}");
    let json = search_json(kb.path(), &["snapshot", "status:404", "kind:field"]);
    assert_eq!(json["emptied_by"]["filter"], "kind:field", "{json}");
}

#[test]
fn an_empty_query_is_a_usage_error() {
    let kb = kb_dir();
    for query in [&[][..], &[""], &["  -- "], &["-bucket"]] {
        let mut args = vec!["search"];
        args.extend_from_slice(query);
        let output = errdex(kb.path(), &args);
        assert_eq!(output.status.code(), Some(2), "{query:?}");
        assert!(
            stderr(&output).contains("nothing to search for"),
            "{query:?}"
        );
        assert!(
            !kb.path().join("index").exists(),
            "no index built for nothing"
        );
    }
}

#[test]
fn words_need_no_quotes_and_exclusions_start_with_a_dash() {
    let kb = kb_dir();
    let output = errdex(
        kb.path(),
        &[
            "search", "snapshot", "--limit", "3", "bucket", "-legacy", "--format", "json",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["query"], "snapshot bucket -legacy");
    assert_eq!(hit_names(&json)[0], "CSS.6007");
}

#[test]
fn explain_shows_definitions_conflicts_meaning_and_mentions() {
    let kb = kb_dir();
    let output = errdex(kb.path(), &["explain", "css.6007"]);
    assert!(output.status.success());
    let text = stdout(&output);
    for expected in [
        "CSS.6007 (service CSS)",
        "Solution: Create the OBS bucket again",
        "Definitions (2; they conflict)",
        "docs/css/error-codes.md:41  [400]",
        "docs/css/legacy-errors.rst:88  [404]",
        "warning[meaning-conflict]",
    ] {
        assert!(text.contains(expected), "missing {expected:?}:\n{text}");
    }
    let json: serde_json::Value = serde_json::from_slice(
        &errdex(kb.path(), &["explain", "Ecs0013", "--format", "json"]).stdout,
    )
    .unwrap();
    let e = &json["explanation"];
    assert_eq!(json["status"], "known");
    assert_eq!(e["code"], "Ecs.0013");
    assert_eq!(e["definitions"][0]["path"], "docs/ecs/错误码.md");
    assert_eq!(e["mentions"][0]["place"]["line"], 8);
    assert_eq!(e["related"][0]["code"], "Ecs.0014");
}

#[test]
fn explain_unknown_code_suggests_nearest_and_fails() {
    let kb = kb_dir();
    let output = errdex(kb.path(), &["explain", "CSS.6070"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("nearest known codes: CSS.6007, CSS.6008"));
}

#[test]
fn a_broken_index_is_rebuilt() {
    let kb = kb_dir();
    std::fs::write(kb.path().join("index"), "not an index").unwrap();
    let output = errdex(kb.path(), &["explain", "EVS.2024"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("The volume is in an error state."));
    assert!(kb.path().join("index/errdex-stamp.json").is_file());
}

#[test]
fn missing_knowledge_base_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = errdex(dir.path(), &["search", "x"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("no knowledge base there"), "{text}");
    assert!(text.contains("errdex build"), "{text}");
}

#[test]
fn annotate_explains_every_failed_task() {
    let kb = kb_dir();
    let input = Path::new(FIXTURES).join("failed-tasks.json");
    let output = errdex(kb.path(), &["annotate", input.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    for expected in [
        "/failure_jobs/0\n  EVS.2024 (error_code): The volume is in an error state. [HTTP 500]",
        "Ecs.0013 (in task_error_msg): EIP配额不足。 [HTTP 403]",
        "css-6070 (error_code): unknown code; nearest: CSS.6007",
        "3 task(s), 3 code(s), 1 unknown",
    ] {
        assert!(text.contains(expected), "missing {expected:?}:\n{text}");
    }
}

#[test]
fn annotate_json_from_stdin_keeps_the_input() {
    let kb = kb_dir();
    let input = std::fs::read(Path::new(FIXTURES).join("failed-tasks.json")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_errdex"))
        .args(["annotate", "-", "--format", "json", "--kb"])
        .arg(kb.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let original: serde_json::Value = serde_json::from_slice(&input).unwrap();
    assert_eq!(json["count"], original["count"]);
    let job = &json["failure_jobs"][0];
    assert_eq!(job["job_id"], original["failure_jobs"][0]["job_id"]);
    assert_eq!(job["explanation"]["codes"][0]["documented_as"], "EVS.2024");
    assert_eq!(
        job["explanation"]["codes"][0]["solution"],
        "Delete the faulty volume and create the protected instance again."
    );
    assert_eq!(
        json["failure_jobs"][1]["explanation"]["codes"][0]["in_text"],
        true
    );
}

#[test]
fn annotate_rejects_non_json() {
    let kb = kb_dir();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.json");
    std::fs::write(&file, "not json").unwrap();
    let output = errdex(kb.path(), &["annotate", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("not JSON"));
}

fn index_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("index folder")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with(".lock"))
        .collect();
    names.sort();
    names
}

#[test]
fn build_writes_the_index_and_keeps_it_while_kb_json_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("generated");
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let build = || {
        Command::new(env!("CARGO_BIN_EXE_errdex"))
            .args(["build", seeds, "--out"])
            .arg(&out)
            .output()
            .expect("run errdex build")
    };
    assert!(build().status.success());
    let first = index_files(&out.join("index"));
    assert!(first.iter().any(|f| f == "errdex-stamp.json"), "{first:?}");
    let output = errdex(&out, &["search", "failed tasks"]);
    assert!(output.status.success());
    assert_eq!(stderr(&output), "", "the build's index is used as is");
    assert!(build().status.success());
    assert_eq!(
        index_files(&out.join("index")),
        first,
        "same kb.json, same index"
    );
}

/// `search` finds the knowledge base as `explain` does: `--kb` naming a folder or kb.json
/// itself, `ERRDEX_KB`, else the nearest `generated/kb.json` from the current folder up.
#[test]
fn search_finds_the_knowledge_base_like_explain() {
    let project = tempfile::tempdir().expect("temp dir");
    let generated = project.path().join("generated");
    std::fs::create_dir_all(&generated).expect("mkdir");
    std::fs::copy(
        Path::new(FIXTURES).join("kb.json"),
        generated.join("kb.json"),
    )
    .expect("copy kb.json");
    let nested = project.path().join("docs/deeper");
    std::fs::create_dir_all(&nested).expect("mkdir");
    let run = |dir: &Path, args: &[&str], env: Option<&Path>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_errdex"));
        command.current_dir(dir).args(args).env_remove("ERRDEX_KB");
        if let Some(kb) = env {
            command.env("ERRDEX_KB", kb);
        }
        command.output().expect("run errdex")
    };
    let from_below = run(&nested, &["search", "snapshot"], None);
    assert!(from_below.status.success(), "{}", stderr(&from_below));
    let file = generated.join("kb.json");
    let by_file = run(
        &nested,
        &["search", "--kb", file.to_str().unwrap(), "snapshot"],
        None,
    );
    assert_eq!(stdout(&by_file), stdout(&from_below));
    let by_env = run(
        std::env::temp_dir().as_path(),
        &["search", "snapshot"],
        Some(&generated),
    );
    assert_eq!(stdout(&by_env), stdout(&from_below));
    let nowhere = tempfile::tempdir().expect("temp dir");
    let missing = run(nowhere.path(), &["search", "snapshot"], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("no knowledge base found"),
        "{}",
        stderr(&missing)
    );
}
