//! Search speed on a synthetic corpus (issue 6): `cargo bench --bench search`.
//!
//! Steps:
//! 1. generate `ERRDEX_BENCH_DOCS` documents (default 5,000) with [`common::generate`] and run
//!    `errdex::Build` on them, which writes `kb.json` and the search index;
//! 2. a fixed mixed query set: codes in several spellings (taken from the knowledge base in
//!    `kb.json` order), English words and phrases, typos, Chinese words;
//! 3. in-process latency of `SearchIndex::search` and of `SearchIndex::lookup` (explain),
//!    p50/p99 over the set;
//! 4. whole-command latency of `errdex search` and `errdex explain` (process start to exit);
//! 5. the same word queries with `grep -ri` (and `rg -i` if installed) over the sources.
//!
//! Targets: p99 under 5 ms in process, whole command under 50 ms. A measurement, not a test: it
//! prints figures and fails only if the build fails.

use errdex_synth as common;

use std::process::Command;
use std::time::{Duration, Instant};

use errdex::search::{SearchIndex, SearchRequest};

/// Word queries: English phrases, typos and Chinese words.
const WORDS: &[&str] = &[
    "snapshot failed",
    "bucket does not exist",
    "quota",
    "insufficient quota",
    "cluster not found",
    "invalid parameter",
    "permission denied",
    "timeout",
    "snapshto",
    "clsuter",
    "paramter",
    "快照",
    "配额",
    "创建失败",
];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

fn report(label: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{label:<34} n={:<5} p50 {:>8.3} ms   p99 {:>8.3} ms   max {:>8.3} ms",
        times.len(),
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        times.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
}

fn timed(mut run: impl FnMut()) -> Duration {
    let start = Instant::now();
    run();
    start.elapsed()
}

/// Code queries in several spellings for the first codes of the knowledge base.
fn code_queries(codes: &[String]) -> Vec<String> {
    let mut queries = Vec::new();
    for code in codes.iter().take(30) {
        queries.push(code.clone());
        queries.push(code.to_lowercase().replace(['.', '-', ' '], ""));
        let digits: String = code
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        if digits.len() >= 3 {
            queries.push(digits.chars().rev().collect());
        }
    }
    queries
}

fn run_command(program: &str, args: &[&str]) -> Option<Duration> {
    let start = Instant::now();
    let output = Command::new(program).args(args).output().ok()?;
    let elapsed = start.elapsed();
    (output.status.code().is_some()).then_some(elapsed)
}

fn main() {
    let documents: usize = std::env::var("ERRDEX_BENCH_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    let out = dir.path().join("generated");
    let stats = common::generate(&corpus, documents);
    println!(
        "corpus: {} documents, {:.1} MB",
        stats.documents,
        stats.bytes as f64 / 1e6
    );

    let start = Instant::now();
    let compiled = errdex::build()
        .source(&corpus)
        .out_dir(&out)
        .keep_going(true)
        .run()
        .expect("build");
    let kb = &compiled.kb;
    let entries = errdex::search::docs::search_docs(kb).len();
    let kb_bytes = std::fs::metadata(out.join("kb.json")).map_or(0, |m| m.len());
    println!(
        "build + index: {:.2} s; {} codes, {} enums, {} operations; {entries} search documents; kb.json {:.1} MB",
        start.elapsed().as_secs_f64(),
        kb.error_codes.len(),
        kb.enums.len(),
        kb.operations.len(),
        kb_bytes as f64 / 1e6
    );

    let start = Instant::now();
    let index = SearchIndex::open_or_build(&out, &mut |line| eprintln!("{line}")).expect("open");
    println!("open index: {:.3} ms", start.elapsed().as_secs_f64() * 1e3);

    let codes: Vec<String> = kb.error_codes.iter().map(|c| c.code.clone()).collect();
    let mut queries: Vec<String> = code_queries(&codes);
    queries.extend(WORDS.iter().map(|w| w.to_string()));
    let request = |query: &str| SearchRequest {
        query: query.to_string(),
        service: None,
        status: None,
        limit: 10,
    };
    // Warm the page cache and tantivy's caches once.
    for query in &queries {
        let _ = index.search(&request(query));
    }
    let mut search_times = Vec::new();
    let mut code_first = 0;
    for query in &queries {
        let mut first = None;
        search_times.push(timed(|| {
            first = index
                .search(&request(query))
                .ok()
                .and_then(|r| r.hits.first().map(|h| h.name.clone()));
        }));
        if codes.contains(query) && first.as_deref() == Some(query.as_str()) {
            code_first += 1;
        }
    }
    report("in-process search", search_times);
    let exact = codes.iter().take(30).count();
    println!("  exact code queries ranked first: {code_first}/{exact}");
    let explain_times: Vec<Duration> = codes
        .iter()
        .take(60)
        .chain(["NOPE.0000".to_string()].iter())
        .map(|code| timed(|| drop(index.lookup(code))))
        .collect();
    report("in-process explain", explain_times);

    let binary = env!("CARGO_BIN_EXE_errdex");
    let kb_arg = out.to_string_lossy().into_owned();
    let command_queries: Vec<&String> = queries.iter().step_by(4).collect();
    let search_commands: Vec<Duration> = command_queries
        .iter()
        .filter_map(|q| run_command(binary, &["search", q, "--kb", &kb_arg]))
        .collect();
    report("errdex search (whole command)", search_commands);
    let explain_commands: Vec<Duration> = codes
        .iter()
        .take(20)
        .filter_map(|c| run_command(binary, &["explain", c, "--kb", &kb_arg]))
        .collect();
    report("errdex explain (whole command)", explain_commands);

    let corpus_arg = corpus.to_string_lossy().into_owned();
    for (tool, args) in [("grep", vec!["-ri", "-l"]), ("rg", vec!["-i", "-l"])] {
        if Command::new(tool).arg("--version").output().is_err() {
            println!("{tool}: not installed");
            continue;
        }
        let plain: Vec<&str> = WORDS
            .iter()
            .copied()
            .chain(codes.iter().take(10).map(String::as_str))
            .collect();
        let times: Vec<Duration> = plain
            .iter()
            .filter_map(|q| {
                let mut all: Vec<&str> = args.clone();
                all.extend([*q, corpus_arg.as_str()]);
                run_command(tool, &all)
            })
            .collect();
        report(&format!("{tool} {} (same queries)", args.join(" ")), times);
    }
}
