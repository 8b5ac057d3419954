//! Static site on the synthetic corpus (issue 5): `cargo bench --bench site_search`.
//!
//! Steps:
//! 1. generate `ERRDEX_BENCH_DOCS` documents (default 5,000) with [`common::generate`] into
//!    `target/site-bench/corpus` and build them into `target/site-bench/out` (site included);
//! 2. print the page weight: total site size, HTML pages, search index (files, total bytes,
//!    largest shard and chunk).
//!
//! `benches/site_search.sh` runs this, then Pagefind over the same site, and measures both in
//! headless Chromium (bytes downloaded per query, time to first result). A measurement, not a
//! test: it fails only if the build fails.

use errdex_synth as common;

use std::path::Path;
use std::time::Instant;

fn main() {
    let documents: usize = std::env::var("ERRDEX_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000);
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/site-bench");
    let corpus = base.join("corpus");
    let _ = std::fs::remove_dir_all(&corpus);
    let stats = common::generate(&corpus, documents);
    println!("corpus: {documents} documents, {:.1} MB", stats.megabytes());
    let started = Instant::now();
    let compiled = errdex::build()
        .source(&corpus)
        .out_dir(base.join("out"))
        .run()
        .expect("build the synthetic corpus");
    println!(
        "build with site: {:.2} s ({} codes, {} operations, {} enumerations)",
        started.elapsed().as_secs_f64(),
        compiled.kb.error_codes.len(),
        compiled.kb.operations.len(),
        compiled.kb.enums.len()
    );
    let started = Instant::now();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    errdex::site::emit_site(&compiled.kb, &mut |path, content| {
        files.push((path, content))
    });
    println!(
        "site rendering alone: {:.2} s",
        started.elapsed().as_secs_f64()
    );
    print_weight(&files);
}

fn print_weight(files: &[(String, Vec<u8>)]) {
    let size = |pick: &dyn Fn(&str) -> bool| -> (usize, usize) {
        let chosen: Vec<usize> = files
            .iter()
            .filter(|(p, _)| pick(p))
            .map(|(_, c)| c.len())
            .collect();
        (chosen.len(), chosen.iter().sum())
    };
    let largest = |prefix: &str| {
        files
            .iter()
            .filter(|(p, _)| p.starts_with(prefix))
            .map(|(_, c)| c.len())
            .max()
            .unwrap_or(0)
    };
    let mb = |bytes: usize| bytes as f64 / 1e6;
    let (n, total) = size(&|_| true);
    println!("site: {n} files, {:.1} MB", mb(total));
    let (n, html) = size(&|p| p.ends_with(".html"));
    println!("  pages: {n} files, {:.1} MB", mb(html));
    let (n, index) = size(&|p| p.starts_with("search/"));
    println!("  search index: {n} files, {:.2} MB", mb(index));
    let (n, shards) = size(&|p| p.starts_with("search/t/"));
    println!(
        "    token shards: {n}, {:.2} MB, largest {} kB",
        mb(shards),
        largest("search/t/") / 1000
    );
    let (n, chunks) = size(&|p| p.starts_with("search/d/"));
    println!(
        "    document chunks: {n}, {:.2} MB, largest {} kB",
        mb(chunks),
        largest("search/d/") / 1000
    );
}
