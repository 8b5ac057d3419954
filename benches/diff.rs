//! `errdex diff` of two synthetic releases against building one: `cargo bench --bench diff`.
//!
//! Steps, in one run so the figures compare like with like on a noisy machine:
//! 1. generate `ERRDEX_BENCH_DOCS` + 5% documents (default 5,000 + 250) once; release A is
//!    documents 0..5,000, release B drops the first 5% and adds the last 5% (5,000 each; the
//!    generator makes each document from its index alone, so the common 95% are the same
//!    files). Both are hard links into one folder, so no time goes to copying;
//! 2. build one release as `errdex build` does (kb.json, schema, generated crate, site,
//!    search index), best of 3;
//! 3. diff the two releases as `errdex diff A B` does on source folders (compile both, then
//!    compare), best of 3; and the comparison alone on the two knowledge bases;
//! 4. print the figures and the ratio diff / build (target: 2 or less), and diff / compiling
//!    one release without writing anything (what the diff itself must do twice).
//!
//! A measurement, not a test: it prints figures and fails only if a build fails.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The allocator the `errdex` binary uses, so the figures are the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const RUNS: usize = 3;

fn best<T>(mut run: impl FnMut() -> T) -> (Duration, T) {
    let mut fastest = Duration::MAX;
    let mut last = None;
    for _ in 0..RUNS {
        let started = Instant::now();
        let value = run();
        fastest = fastest.min(started.elapsed());
        last = Some(value);
    }
    (fastest, last.expect("RUNS > 0"))
}

/// Links the documents whose index is in `range` from `all` into `to`, keeping the folders.
fn release(all: &Path, to: &Path, range: std::ops::Range<usize>) {
    for entry in walkdir::WalkDir::new(all)
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        let index: usize = name
            .split('_')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("generated names start with their index");
        if !range.contains(&index) {
            continue;
        }
        let relative = entry.path().strip_prefix(all).expect("under all");
        let target = to.join(relative);
        std::fs::create_dir_all(target.parent().expect("in a folder")).expect("mkdir");
        std::fs::hard_link(entry.path(), &target).expect("link");
    }
}

fn main() {
    let documents: usize = std::env::var("ERRDEX_BENCH_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5000);
    let churn = documents / 20;
    let temp = tempfile::tempdir().expect("temp dir");
    let all = temp.path().join("all");
    let started = Instant::now();
    let stats = errdex_synth::generate(&all, documents + churn);
    let (a, b): (PathBuf, PathBuf) = (temp.path().join("a"), temp.path().join("b"));
    release(&all, &a, 0..documents);
    release(&all, &b, churn..documents + churn);
    println!(
        "generated {} documents ({:.1} MB) in {:.2} s; release A = 0..{documents}, release B = {churn}..{}",
        stats.documents,
        stats.megabytes(),
        started.elapsed().as_secs_f64(),
        documents + churn
    );

    let out = temp.path().join("out");
    let (build, compiled) = best(|| {
        errdex::build()
            .source(&a)
            .root(temp.path())
            .out_dir(&out)
            .run()
            .expect("build")
    });
    let kb = &compiled.kb;
    println!(
        "build one release (kb.json, crate, site, index): {:.2} s  ({} codes, {} operations, {} enumerations)",
        build.as_secs_f64(),
        kb.error_codes.len(),
        kb.operations.len(),
        kb.enums.len()
    );

    let compile = errdex::release::Compile::default();
    let config = errdex::Config::default();
    let (compile_one, _) = best(|| {
        compile
            .sources(Some(temp.path()), std::slice::from_ref(&a))
            .expect("A")
    });
    println!(
        "compile one release (no output written): {:.2} s",
        compile_one.as_secs_f64()
    );
    let (whole, (old, new, diff)) = best(|| {
        let old = compile
            .sources(Some(temp.path()), std::slice::from_ref(&a))
            .expect("A");
        let new = compile
            .sources(Some(temp.path()), std::slice::from_ref(&b))
            .expect("B");
        let diff = errdex::diff::diff(&old, &new, "a", "b", &config);
        (old, new, diff)
    });
    let (compare, _) = best(|| errdex::diff::diff(&old, &new, "a", "b", &config));
    let count =
        |impact: errdex::diff::Impact| diff.changes().filter(|c| c.impact == impact).count();
    println!(
        "diff A B (compile both, compare): {:.2} s; the comparison alone: {:.2} s",
        whole.as_secs_f64(),
        compare.as_secs_f64()
    );
    println!(
        "changes: {} ({} breaking, {} minor, {} patch); kinds: {:?}",
        diff.changes().count(),
        count(errdex::diff::Impact::Breaking),
        count(errdex::diff::Impact::Minor),
        count(errdex::diff::Impact::Patch),
        diff.counts
    );
    println!(
        "ratio diff / build: {:.2} (target: 2.00 or less); diff / compile one: {:.2}",
        whole.as_secs_f64() / build.as_secs_f64(),
        whole.as_secs_f64() / compile_one.as_secs_f64()
    );
}
