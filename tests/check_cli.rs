//! `errdex check` end to end on hand-made fixtures (`tests/fixtures/check/`): the findings, the
//! three formats (SARIF validated against the SARIF 2.1.0 schema), exit codes and the config.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check")
}

fn errdex(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errdex"))
        .args(args)
        .current_dir(fixtures())
        .env_remove("NO_COLOR")
        .output()
        .expect("run errdex")
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("json output")
}

/// `(kind, code, severity)` of every finding.
fn summary(findings: &Value) -> Vec<(String, String, String)> {
    findings
        .as_array()
        .expect("array")
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap_or("").to_string(),
                f["code"].as_str().unwrap_or("").to_string(),
                f["severity"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn has(findings: &[(String, String, String)], kind: &str, code: &str, severity: &str) -> bool {
    findings
        .iter()
        .any(|(k, c, s)| k == kind && c == code && s == severity)
}

#[test]
fn finds_conflicts_variants_and_table_problems() {
    let output = errdex(&["check", "docs", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "errors exit 1");
    let findings = summary(&json(&output));
    let expected = [
        ("wording-variant", "WGT.1001", "note"),
        ("meaning-conflict", "WGT.1002", "error"),
        ("renumbering-hint", "WGT.1002", "note"),
        ("wording-variant", "WGT.1003", "note"),
        ("status-conflict", "WGT.1003", "error"),
        ("duplicate-message", "WGT.1004", "note"),
        ("success-status", "WGT.1006", "note"),
        ("undefined-code", "WGT.9999", "note"),
        ("mixed-not-applicable", "", "note"),
    ];
    for (kind, code, severity) in expected {
        assert!(
            has(&findings, kind, code, severity),
            "missing {kind} {code} {severity} in {findings:#?}"
        );
    }
    // "archive the widget because the bucket is full" vs "archive the widget": same meaning,
    // but 1007 and 1009 are different codes: no finding ties them.
    assert!(!findings.iter().any(|(_, c, _)| c == "WGT.1007"));
}

#[test]
fn human_output_quotes_lines_without_colour_off_a_terminal() {
    let output = errdex(&["check", "docs"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("error[meaning-conflict]: WGT.1002"), "{text}");
    assert!(text.contains("--> docs/alpha.md:8"), "{text}");
    assert!(
        text.contains("| 400 | WGT.1002 | Failed to delete the gadget."),
        "{text}"
    );
    assert!(text.contains("│ Failed to rename the widget."), "{text}");
    assert!(text.contains("errdex check found 2 errors"), "{text}");
    assert!(
        !text.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let output = errdex(&["check", "docs", "--format", "sarif"]);
    assert_eq!(output.status.code(), Some(1));
    let log = json(&output);
    let schema_text = std::fs::read_to_string(fixtures().join("sarif-2.1.0-subset.schema.json"))
        .expect("schema fixture");
    let schema: Value = serde_json::from_str(&schema_text).expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert!(results.iter().any(|r| r["ruleId"] == "meaning-conflict"
        && r["level"] == "error"
        && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/alpha.md"
        && r["locations"][0]["physicalLocation"]["region"]["startLine"] == 8));
}

#[test]
fn sarif_schema_fixture_rejects_broken_logs() {
    let schema_text = std::fs::read_to_string(fixtures().join("sarif-2.1.0-subset.schema.json"))
        .expect("schema fixture");
    let schema: Value = serde_json::from_str(&schema_text).expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let broken = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
        "results": [{"level": "fatal", "message": {"text": "m"}}]}]});
    assert!(!validator.is_valid(&broken));
    let no_line = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
        "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation":
        {"artifactLocation": {"uri": "a"}, "region": {"startLine": 0}}}]}]}]});
    assert!(!validator.is_valid(&no_line));
}

#[test]
fn config_acknowledges_names_authority_and_flags_stale_entries() {
    let output = errdex(&[
        "check",
        "docs",
        "--format",
        "json",
        "--config",
        "configs/ack.toml",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "acknowledged errors are notes"
    );
    let value = json(&output);
    let findings = summary(&value);
    assert!(has(&findings, "meaning-conflict", "WGT.1002", "note"));
    assert!(has(&findings, "status-conflict", "WGT.1003", "note"));
    assert!(
        findings
            .iter()
            .any(|(k, _, s)| k == "unused-acknowledgement" && s == "warning")
    );
    let conflict = value
        .as_array()
        .and_then(|a| a.iter().find(|f| f["kind"] == "meaning-conflict"))
        .expect("conflict");
    assert_eq!(
        conflict["acknowledged"],
        "Renumbered in release 2 (now WGT.1008)."
    );
    assert!(
        conflict["message"]
            .as_str()
            .unwrap_or("")
            .contains("beta authoritative")
    );
    assert_eq!(conflict["locations"][0]["source"], "beta");

    let denied = errdex(&[
        "check",
        "docs",
        "--config",
        "configs/ack.toml",
        "--deny",
        "warnings",
    ]);
    assert_eq!(
        denied.status.code(),
        Some(1),
        "--deny warnings fails on warnings"
    );
}

#[test]
fn usage_and_unreadable_input_exit_2() {
    let bad_config = errdex(&["check", "docs", "--config", "configs/bad.toml"]);
    assert_eq!(bad_config.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_config.stderr).contains("configs/bad.toml"));
    let missing = errdex(&["check", "docs", "--config", "configs/missing.toml"]);
    assert_eq!(missing.status.code(), Some(2));
    let no_input = errdex(&["check", "no-such-folder"]);
    assert_eq!(no_input.status.code(), Some(2));
    let bad_flag = errdex(&["check", "docs", "--deny", "everything"]);
    assert_eq!(bad_flag.status.code(), Some(2));
}

#[test]
fn output_is_deterministic() {
    let a = errdex(&["check", "docs", "--format", "sarif"]);
    let b = errdex(&["check", "docs", "--format", "sarif"]);
    assert_eq!(a.stdout, b.stdout);
}

/// `[[synonyms]]` teaches the checker a service's words: without the config the abbreviated
/// and the spelled-out text share no word (a conflict); with it they are one meaning. The
/// VLT-only abbreviation does not reach another service (OTH), the global synonym does.
#[test]
fn config_synonyms_turn_domain_paraphrases_into_variants() {
    let plain = summary(&json(&errdex(&["check", "synonyms", "--format", "json"])));
    assert!(
        has(&plain, "meaning-conflict", "VLT.1001", "error"),
        "{plain:#?}"
    );
    assert!(
        has(&plain, "meaning-conflict", "OTH.1001", "error"),
        "{plain:#?}"
    );

    let output = errdex(&[
        "check",
        "synonyms",
        "--format",
        "json",
        "--config",
        "configs/synonyms.toml",
    ]);
    let taught = summary(&json(&output));
    assert!(
        has(&taught, "wording-variant", "VLT.1001", "note"),
        "{taught:#?}"
    );
    assert!(
        has(&taught, "possible-conflict", "OTH.1001", "note"),
        "{taught:#?}"
    );
    assert!(
        !taught.iter().any(|(k, _, _)| k == "meaning-conflict"),
        "{taught:#?}"
    );
    assert_eq!(output.status.code(), Some(0), "no error-level finding left");

    let bad = errdex(&["check", "synonyms", "--config", "configs/bad-synonyms.toml"]);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("configs/bad-synonyms.toml:3:") && stderr.contains("two or more"),
        "{stderr}"
    );
}

/// The line of the first line of `file` (under `seeds/`) containing all of `needles`.
fn seed_line(file: &str, needles: &[&str]) -> u64 {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(file);
    let text = std::fs::read_to_string(&path).expect("seed");
    let index = text
        .lines()
        .position(|line| needles.iter().all(|n| line.contains(n)))
        .unwrap_or_else(|| panic!("{file} has no line with {needles:?}"));
    index as u64 + 1
}

#[test]
fn seeds_give_exactly_the_true_conflicts_variants_and_example_contradictions() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let output = errdex(&[
        "check",
        seeds.to_str().expect("utf-8 path"),
        "--format",
        "json",
    ]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "meaning conflicts are errors"
    );
    let findings = json(&output);
    let codes_of = |kind: &str| -> Vec<String> {
        summary(&findings)
            .into_iter()
            .filter(|(k, _, _)| k == kind)
            .map(|(_, code, _)| code)
            .collect()
    };
    assert_eq!(
        codes_of("meaning-conflict"),
        ["CSS.6002", "CSS.6007", "CSS.6008", "CSS.6009"]
    );
    assert_eq!(
        codes_of("wording-variant"),
        ["CSS.6000", "CSS.6001", "CSS.6003", "CSS.6004", "CSS.6005"]
    );
    assert_eq!(codes_of("possible-conflict"), Vec::<String>::new());
    assert!(codes_of("duplicate-message").contains(&"CSS.5009".to_string()));
    // Both example contradictions, each pointed at the line of the offending key.
    let contradictions: Vec<(String, u64)> = findings
        .as_array()
        .expect("array")
        .iter()
        .filter(|f| f["kind"] == "undocumented-enum-value")
        .map(|f| {
            let at = &f["locations"][0];
            (
                at["source"].as_str().unwrap_or("").to_string(),
                at["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        contradictions,
        [
            (
                "003_cd26521254878a54".to_string(),
                seed_line(
                    "003_cd26521254878a54.txt",
                    &["\"resource_type\"", "protectedInstance"]
                )
            ),
            (
                "004_7a97a9e215779c8b".to_string(),
                seed_line(
                    "004_7a97a9e215779c8b.txt",
                    &["\"operate_type\"", "RUNNING_RESET"]
                )
            ),
        ]
    );
}
