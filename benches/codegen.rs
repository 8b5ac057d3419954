//! Rust generation speed and the cost of compiling what it generates, on the synthetic corpus
//! (issue 4, issue 13): `cargo bench --bench codegen`.
//!
//! Steps:
//! 1. generate `ERRDEX_BENCH_DOCS` documents (default 5,000) into a temp folder
//!    ([`common::generate`]) and compile them into a knowledge base (not timed here; the build
//!    bench times it);
//! 2. generation: [`errdex::emit::rust::crate_files`] (plan, tokens, prettyplease), best of 3;
//!    the size of the crate and per code;
//! 3. the generated crate compiled as its users compile it, offline, in its own target folder,
//!    each step under `/usr/bin/time -v` for the peak memory of the largest process (rustc):
//!    `cargo build` of the library once cold (serde and serde_json included), then again after
//!    touching `lib.rs` (the generated crate alone: what a build script user pays when the docs
//!    change), then `cargo build --tests` (the crate's own tests), then `cargo doc`.
//!
//! `ERRDEX_BENCH_KEEP=DIR` writes the crate to DIR and keeps it. This is a measurement, not a
//! test: it prints figures and fails only if a step fails.

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

    let codes = kb.error_codes.len().max(1);
    println!(
        "size: {:.1} MB, {:.0} bytes per code",
        bytes as f64 / 1e6,
        bytes as f64 / codes as f64
    );
    let crate_dir = match std::env::var_os("ERRDEX_BENCH_KEEP") {
        Some(dir) => std::path::PathBuf::from(dir),
        None => temp.path().join("errdex-generated"),
    };
    for (path, content) in &files {
        let path = crate_dir.join(path);
        std::fs::create_dir_all(path.parent().expect("file in a folder")).expect("mkdir");
        std::fs::write(path, content).expect("write");
    }
    drop(files);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("Cargo.lock"), crate_dir.join("Cargo.lock")).expect("lock file");
    let target = root.join("target").join("errdex-generated-bench");
    let _ = std::fs::remove_dir_all(&target);
    report(
        "cargo build, cold (with serde)",
        cargo(&crate_dir, &target, &["build"]),
    );
    let lib = crate_dir.join("src/lib.rs");
    let text = std::fs::read_to_string(&lib).expect("lib.rs");
    std::fs::write(&lib, format!("{text}\n")).expect("touch lib.rs");
    report(
        "cargo build, generated crate only",
        cargo(&crate_dir, &target, &["build"]),
    );
    report(
        "cargo build --tests",
        cargo(&crate_dir, &target, &["build", "--tests"]),
    );
    report(
        "cargo doc --no-deps",
        cargo(&crate_dir, &target, &["doc", "--no-deps"]),
    );
    let rlib = walkdir::WalkDir::new(target.join("debug/deps"))
        .into_iter()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("liberrdex_generated")
        })
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .max()
        .unwrap_or(0);
    println!("library (.rlib, debug): {:.1} MB", rlib as f64 / 1e6);
}

/// Wall time and peak memory (kB) of one cargo step.
struct Measured {
    wall: Duration,
    max_rss_kb: Option<u64>,
}

fn report(step: &str, measured: Measured) {
    let rss = measured
        .max_rss_kb
        .map_or("peak memory unknown (no /usr/bin/time)".to_string(), |kb| {
            format!("peak memory {:.2} GB", kb as f64 / 1e6)
        });
    println!("{step}: {:.1} s, {rss}", measured.wall.as_secs_f64());
}

/// Runs `cargo ARGS --offline -q` in the generated crate, under `/usr/bin/time -v` when there
/// is one.
fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Measured {
    let time = Path::new("/usr/bin/time");
    let mut command = match time.exists() {
        true => {
            let mut command = Command::new(time);
            command.arg("-v").arg(env!("CARGO"));
            command
        }
        false => Command::new(env!("CARGO")),
    };
    command
        .args(args)
        .args(["--offline", "-q"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS");
    let started = Instant::now();
    let output = command.output().expect("cargo runs");
    let wall = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "cargo {args:?} of the generated crate failed:\n{stderr}"
    );
    let max_rss_kb = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|kb| kb.trim().parse().ok());
    Measured { wall, max_rss_kb }
}
