//! Rust generation speed on the synthetic corpus (issue 4): `cargo bench --bench codegen`.
//!
//! Steps:
//! 1. generate `ERRDEX_BENCH_DOCS` documents (default 5,000) into a temp folder
//!    ([`common::generate`]) and compile them into a knowledge base (not timed here; the build
//!    bench times it);
//! 2. generation: [`errdex::emit::rust::crate_files`] (plan, tokens, prettyplease), best of 3;
//! 3. `cargo check` of the generated library, offline, in its own target folder: once cold
//!    (serde and serde_json included), then again after touching the sources, which is the
//!    cost a build script user pays when the docs change. The library only: on 5,000
//!    documents (over 100,000 codes) checking its test targets as well needed more than 12 GB
//!    and was killed on a 23 GB machine.
//!
//! This is a measurement, not a test: it prints figures and fails only if a step fails.

use errdex_synth as common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use errdex::emit::rust::{Authority, crate_files};

fn main() {
    let documents: usize = std::env::var("ERRDEX_BENCH_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5000);
    let temp = tempfile::tempdir().expect("temp dir");
    let corpus = temp.path().join("corpus");
    let stats = common::generate(&corpus, documents);
    let compiled = errdex::Build::new()
        .source(&corpus)
        .keep_going(true)
        .compile()
        .expect("the synthetic corpus compiles");
    let kb = &compiled.kb;
    println!(
        "corpus: {} documents, {} codes, {} enumerations, {} operations",
        stats.documents,
        kb.error_codes.len(),
        kb.enums.len(),
        kb.operations.len()
    );

    let mut best = Duration::MAX;
    let mut files = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        files = crate_files(kb, &Authority::stated());
        best = best.min(started.elapsed());
    }
    let bytes: usize = files.iter().map(|(_, content)| content.len()).sum();
    let lines: usize = files
        .iter()
        .map(|(_, content)| content.lines().count())
        .sum();
    println!(
        "generation: {:.3} s (best of 3) for {} files, {} lines, {:.1} MB",
        best.as_secs_f64(),
        files.len(),
        lines,
        bytes as f64 / 1e6
    );

    let crate_dir = temp.path().join("errdex-generated");
    for (path, content) in &files {
        let path = crate_dir.join(path);
        std::fs::create_dir_all(path.parent().expect("file in a folder")).expect("mkdir");
        std::fs::write(path, content).expect("write");
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("Cargo.lock"), crate_dir.join("Cargo.lock")).expect("lock file");
    let target = root.join("target").join("errdex-generated-bench");
    let cold = cargo_check(&crate_dir, &target);
    println!(
        "cargo check, cold (with serde): {:.1} s",
        cold.as_secs_f64()
    );
    std::fs::write(
        crate_dir.join("src/lib.rs"),
        format!(
            "{}\n",
            std::fs::read_to_string(crate_dir.join("src/lib.rs")).expect("lib.rs")
        ),
    )
    .expect("touch lib.rs");
    let warm = cargo_check(&crate_dir, &target);
    println!(
        "cargo check, generated crate only: {:.1} s",
        warm.as_secs_f64()
    );
}

fn cargo_check(dir: &Path, target: &Path) -> Duration {
    let started = Instant::now();
    let status = Command::new(env!("CARGO"))
        .args(["check", "--offline", "-q"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .expect("cargo runs");
    assert!(
        status.success(),
        "cargo check of the generated crate failed"
    );
    started.elapsed()
}
