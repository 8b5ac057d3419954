//! Regenerating across a release that removed a code: a consumer of release N's generated
//! crate that matches on a code retired in N+1 still compiles against the crate generated with
//! `--baseline` (with a deprecation warning naming the reason), and does not compile against
//! the crate generated without it, which `errdex diff` calls breaking.
//!
//! Releases: `tests/fixtures/diff/r1` and `r2` (WDG.0005 is dropped in r2). The crates are
//! compiled by `cargo check` offline, in their own target folder under `target/` so serde is
//! built once.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn errdex_in(dir: &Path, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_errdex"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("errdex runs");
    assert!(output.status.code().is_some_and(|c| c <= 1), "{output:?}");
    output
}

const CONSUMER: &str = r#"
use errdex_generated::wdg::ErrorCode;

/// What the consumer does about a code: written against release N.
pub fn advice(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::Wdg0005 => "delete unused widgets",
        ErrorCode::Wdg0003 => "check the widget ID",
        _ => "see the documentation",
    }
}
"#;

/// A consumer crate depending on the generated crate at `generated`; `cargo check` output.
fn check_consumer(dir: &Path, generated: &Path) -> Output {
    let consumer = dir.join("consumer");
    std::fs::create_dir_all(consumer.join("src")).expect("mkdir");
    std::fs::write(
        consumer.join("Cargo.toml"),
        format!(
            "[package]\nname = \"consumer\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[dependencies]\nerrdex-generated = {{ path = {:?} }}\n",
            generated.display().to_string()
        ),
    )
    .expect("write");
    std::fs::write(consumer.join("src/lib.rs"), CONSUMER).expect("write");
    // The workspace's lock file pins serde and serde_json to versions already downloaded.
    std::fs::copy(root().join("Cargo.lock"), consumer.join("Cargo.lock")).expect("lock");
    Command::new(env!("CARGO"))
        .args(["check", "--offline", "--message-format", "short"])
        .current_dir(&consumer)
        .env(
            "CARGO_TARGET_DIR",
            root().join("target/errdex-generated-check"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
}

fn release(temp: &Path, name: &str) -> PathBuf {
    let to = temp.join(name);
    std::fs::create_dir_all(&to).expect("mkdir");
    for page in ["errors.md", "jobs.md"] {
        std::fs::copy(
            root().join("tests/fixtures/diff").join(name).join(page),
            to.join(page),
        )
        .expect("copy");
    }
    to
}

#[test]
fn a_consumer_of_a_retired_code_compiles_against_the_baseline_crate() {
    let temp = tempfile::tempdir().expect("temp");
    let dir = temp.path();
    release(dir, "r1");
    release(dir, "r2");
    errdex_in(dir, &["build", "r1", "--out", "n", "--release", "1.0"]);
    errdex_in(
        dir,
        &[
            "build",
            "r2",
            "--out",
            "n1",
            "--release",
            "2.0",
            "--baseline",
            "n/kb.json",
        ],
    );
    errdex_in(dir, &["build", "r2", "--out", "plain", "--release", "2.0"]);

    // Release N: compiles, no warning.
    let n = check_consumer(&dir.join("a"), &dir.join("n/rust"));
    let stderr = String::from_utf8_lossy(&n.stderr);
    assert!(n.status.success(), "{stderr}");
    assert!(!stderr.contains("deprecated"), "{stderr}");

    // Release N+1 generated with --baseline: compiles, with the reason as a deprecation warning.
    let kept = check_consumer(&dir.join("b"), &dir.join("n1/rust"));
    let stderr = String::from_utf8_lossy(&kept.stderr);
    assert!(kept.status.success(), "{stderr}");
    assert!(
        stderr.contains("use of deprecated unit variant `errdex_generated::wdg::ErrorCode::Wdg0005`: retired in 2.0: last documented in 1.0 (r1/errors.md:9)"),
        "{stderr}"
    );

    // Without --baseline: the variant is gone, the consumer breaks, and the diff says so.
    let broken = check_consumer(&dir.join("c"), &dir.join("plain/rust"));
    assert!(!broken.status.success());
    assert!(String::from_utf8_lossy(&broken.stderr).contains("Wdg0005"));
    let diff = errdex_in(dir, &["diff", "n", "plain", "--fail-on", "breaking"]);
    assert_eq!(diff.status.code(), Some(1));
    let report = String::from_utf8_lossy(&diff.stdout);
    assert!(
        report.contains("breaking[code-removed]: WDG.0005 removed"),
        "{report}"
    );
    // With the baseline the same codes are a patch, not a break.
    let kept_diff = errdex_in(dir, &["diff", "n", "n1", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&kept_diff.stdout).expect("JSON");
    let wdg = json["services"]
        .as_array()
        .expect("services")
        .iter()
        .find(|s| s["service"] == "WDG")
        .expect("WDG changes");
    assert_eq!(wdg["impact"], "minor", "{wdg:#}");
}
