//! Build speed on a synthetic corpus (issue 2): `cargo bench --bench build`.
//!
//! Steps, all in one run so the ratios compare like with like on a noisy machine:
//! 1. generate `ERRDEX_BENCH_DOCS` documents (default 5,000) into a temp folder
//!    ([`common::generate`]);
//! 2. full build: `errdex::Build::compile()` on the folder, best of 3;
//! 3. bare-parse floor on the same files, also in parallel with rayon, best of 3: read each file,
//!    then pulldown-cmark over every Markdown file (all events consumed), scraper over every HTML
//!    page and over every inline `<table>` region of the Markdown files; RST and plain-text files
//!    are read and split into lines (no off-the-shelf parser to compare with);
//! 4. the same two figures per format (one run each), to tell which parser costs most;
//! 5. peak memory: the bench re-runs itself as a child process that only does
//!    `Build::run()` (compile and write `kb.json`) and reads its own `VmHWM`, so the generator's
//!    memory does not count.
//!
//! Targets: full build within 3x of the floor, peak RSS under 1 GB. This is a measurement, not a
//! test: it prints figures and fails only if the build itself fails.

use errdex_synth as common;

/// The allocator the `errdex` binary uses, so the figures are the CLI's (and the floor runs
/// with it too).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use errdex::parse::Format;
use rayon::prelude::*;

use common::CorpusFile;

/// Set in the child process: the corpus folder to build.
const CHILD_ENV: &str = "ERRDEX_BENCH_CHILD_BUILD";
/// Timed repetitions for the main figures; the best one is reported.
const RUNS: usize = 3;

fn main() {
    if let Some(dir) = std::env::var_os(CHILD_ENV) {
        child_build(Path::new(&dir));
        return;
    }
    let documents: usize = std::env::var("ERRDEX_BENCH_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5000);
    let temp = tempfile::tempdir().expect("temp dir");
    let corpus = temp.path().join("corpus");
    let started = Instant::now();
    let stats = common::generate(&corpus, documents);
    println!(
        "generated {} documents ({:.1} MB, {} code rows, {} operations) in {:.2} s",
        stats.documents,
        stats.megabytes(),
        stats.code_rows,
        stats.operations,
        started.elapsed().as_secs_f64()
    );

    let (full, compiled) = best_of(RUNS, || compile(&corpus));
    let (floor, _) = best_of(RUNS, || bare_parse(&stats.files));
    let definitions: usize = compiled
        .kb
        .error_codes
        .iter()
        .map(|c| c.definitions.len())
        .sum();
    println!(
        "extracted: {} sources, {} of {} code rows, {} codes, {} of {} operations, {} enums",
        compiled.kb.sources.len(),
        definitions,
        stats.code_rows,
        compiled.kb.error_codes.len(),
        compiled.kb.operations.len(),
        stats.operations,
        compiled.kb.enums.len()
    );

    println!("per format (one run each):");
    for (format, folder) in common::FORMATS {
        let files: Vec<CorpusFile> = stats.files_in(format).cloned().collect();
        let bytes: usize = files.iter().map(|f| f.bytes).sum();
        let (format_full, _) = best_of(1, || compile(&corpus.join(folder)));
        let (format_floor, _) = best_of(1, || bare_parse(&files));
        println!(
            "  {:<9} {:>5} docs {:>6.1} MB | full {:>7.3} s, {:>6.1} MB/s | floor {:>7.3} s | ratio {:.1}x",
            format.name(),
            files.len(),
            bytes as f64 / 1e6,
            format_full.as_secs_f64(),
            bytes as f64 / 1e6 / format_full.as_secs_f64(),
            format_floor.as_secs_f64(),
            ratio(format_full, format_floor)
        );
    }

    let peak = peak_rss_of_child(&corpus);
    println!(
        "documents: {} ({:.1} MB) | full build: {:.2} s, {:.0} docs/s, {:.1} MB/s | bare parse floor: {:.2} s | ratio {:.1}x (target 3x) | peak RSS {} (target < 1 GB)",
        stats.documents,
        stats.megabytes(),
        full.as_secs_f64(),
        stats.documents as f64 / full.as_secs_f64(),
        stats.megabytes() / full.as_secs_f64(),
        floor.as_secs_f64(),
        ratio(full, floor),
        peak
    );
}

/// Runs `work` `runs` times; the shortest time and the last result.
fn best_of<T>(runs: usize, mut work: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        let result = black_box(work());
        best = best.min(started.elapsed());
        last = Some(result);
    }
    (best, last.expect("at least one run"))
}

fn ratio(full: Duration, floor: Duration) -> f64 {
    full.as_secs_f64() / floor.as_secs_f64().max(1e-9)
}

fn compile(dir: &Path) -> errdex::Compiled {
    match errdex::Build::new().source(dir).compile() {
        Ok(compiled) => compiled,
        Err(err) => {
            eprintln!("the synthetic corpus does not build: {err}");
            std::process::exit(1);
        }
    }
}

/// The least any parser must do with these files: read them and parse them with the crates errdex
/// builds on. Returns a count so the work cannot be optimized away.
fn bare_parse(files: &[CorpusFile]) -> usize {
    files
        .par_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file.path).expect("read corpus file");
            match file.format {
                Format::Markdown => {
                    let events =
                        pulldown_cmark::Parser::new_ext(&text, pulldown_cmark::Options::all())
                            .into_offset_iter()
                            .count();
                    let tables: usize = table_regions(&text)
                        .map(|region| {
                            black_box(scraper::Html::parse_fragment(region))
                                .tree
                                .nodes()
                                .count()
                        })
                        .sum();
                    events + tables
                }
                Format::Html => scraper::Html::parse_document(&text).tree.nodes().count(),
                Format::Rst | Format::Text => text.lines().count(),
            }
        })
        .sum()
}

/// Every `<table ...>...</table>` region of a Markdown text (not nested: exported docs do not
/// nest tables).
fn table_regions(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find("<table")?;
        let end = rest[start..]
            .find("</table>")
            .map_or(rest.len(), |end| start + end + "</table>".len());
        let region = &rest[start..end];
        rest = &rest[end..];
        Some(region)
    })
}

/// Re-runs this bench binary as a child that only builds, and reads the peak RSS it reports.
fn peak_rss_of_child(corpus: &Path) -> String {
    let out = corpus.with_file_name("out");
    let output = std::env::current_exe().and_then(|exe| {
        Command::new(exe)
            .env(CHILD_ENV, corpus)
            .env("ERRDEX_BENCH_CHILD_OUT", &out)
            .output()
    });
    match output {
        Ok(output) if output.status.success() => {
            let stdout = String::from_utf8_lossy(&output.stdout);
            stdout
                .lines()
                .find_map(|line| line.strip_prefix("peak_rss_kb "))
                .and_then(|kb| kb.trim().parse::<u64>().ok())
                .map_or_else(|| "n/a".to_string(), |kb| format!("{} MB", kb / 1024))
        }
        Ok(output) => format!(
            "n/a (child failed: {})",
            String::from_utf8_lossy(&output.stderr).trim()
        ),
        Err(err) => format!("n/a (cannot start child: {err})"),
    }
}

/// The child: one `errdex build` (compile and write), then its own high-water mark.
fn child_build(corpus: &Path) {
    let out = std::env::var_os("ERRDEX_BENCH_CHILD_OUT")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| corpus.with_file_name("out"));
    if let Err(err) = errdex::build().source(corpus).out_dir(&out).run() {
        eprintln!("{err}");
        std::process::exit(1);
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(kb) = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
    {
        println!("peak_rss_kb {kb}");
    }
}
