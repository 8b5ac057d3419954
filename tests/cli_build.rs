//! `errdex build` driven as a user would: on the seeds, on bad input, twice for determinism.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn errdex(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errdex"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("errdex runs")
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn builds_seeds_into_kb_and_schema() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = errdex(
        &[
            "build",
            seeds().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let kb: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("kb.json")).unwrap()).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("kb.schema.json")).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator.iter_errors(&kb).map(|e| e.to_string()).collect();
    assert!(
        errors.is_empty(),
        "kb.json does not match its schema: {errors:?}"
    );
    assert_eq!(kb["sources"].as_array().unwrap().len(), 5);
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let mut contents = Vec::new();
    for name in ["a", "b"] {
        let out = dir.path().join(name);
        let output = errdex(
            &[
                "build",
                seeds().to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
            dir.path(),
        );
        assert!(output.status.success(), "{}", stderr(&output));
        contents.push(std::fs::read(out.join("kb.json")).unwrap());
    }
    assert_eq!(contents[0], contents[1]);
}

/// Every bad file is listed with its line, nothing is written and the previous output stays.
#[test]
fn bad_input_lists_every_bad_file_and_keeps_previous_output() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::copy(
        seeds().join("002_a7d516839fff964f.txt"),
        docs.join("good.txt"),
    )
    .unwrap();
    std::fs::write(docs.join("binary.txt"), b"line one\nline two\0\x01\x02").unwrap();
    std::fs::write(docs.join("latin1.txt"), b"Fehler\nUng\xfcltig\n").unwrap();
    let out = dir.path().join("generated");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("kb.json"), "previous").unwrap();

    let output = errdex(
        &[
            "build",
            docs.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("binary.txt:2:"), "{message}");
    assert!(message.contains("latin1.txt:2:"), "{message}");
    assert_eq!(
        std::fs::read_to_string(out.join("kb.json")).unwrap(),
        "previous"
    );

    let output = errdex(
        &[
            "build",
            docs.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--keep-going",
        ],
        dir.path(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("warning:") && message.contains("binary.txt"),
        "{message}"
    );
    let kb: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("kb.json")).unwrap()).unwrap();
    assert_eq!(kb["sources"].as_array().unwrap().len(), 1);
}

#[test]
fn missing_input_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = errdex(&["build", "no-such-folder"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("no-such-folder"));
    assert!(!dir.path().join("generated").exists());
}
