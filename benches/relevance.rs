//! Relevance of both search engines at real scale (issue 10): `cargo bench --bench relevance`.
//!
//! Steps:
//! 1. build a knowledge base from `../shared/corpus` (or `ERRDEX_CORPUS`) plus competitors:
//!    the pages of `ERRDEX_COMPETITORS` (default `/work/scratch/search/otc/doc/source`, the OTC
//!    docs repository: `git --git-dir=/work/.mirror/opentelekomcloud+docs/repo archive HEAD
//!    doc/source | tar -x -C /work/scratch/search/otc`) that are neither the corpus's own
//!    pages nor error-code pages (file names with `error` and `code`): API references and user
//!    guides, kept outside the project;
//! 2. the relevance set, from `truth.json` alone (never from errdex's output), see
//!    [`relevance_set`]; a query is answered by every code whose text holds its words;
//! 3. every query through `errdex search`'s engine (in process, the same call the command
//!    makes), through the site's `search.js` in Node over the built site, and through a plain
//!    BM25 over the truth rows; recall@1, recall@5 (a code that answers it in the first 1 or 5
//!    hits) and MRR@10 per query kind, and how often both engines give the same first five.
//!    Hits on codes the truth does not know (codes some competitor page defines) are left out
//!    of a ranking before it is scored: the truth cannot judge them (counted and printed);
//! 4. `errdex search` as a whole command (process start to exit), p50/p99, with
//!    `errdex --version` as the floor a process start costs on this machine.
//!
//! A measurement, not a test: it prints figures and fails only if the build fails.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use errdex::search::{SearchIndex, SearchRequest};
use errdex_synth::relevance::{
    Query, Truth, code_queries, compact, condense, is_cjk, run_site_script, scores, words,
};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// Hits read per query.
const DEPTH: usize = 10;
/// Queries per generated kind at most (every n-th code, so all services take part).
const MOST_PER_KIND: usize = 800;
/// Queries timed as whole commands.
const TIMED_COMMANDS: usize = 300;

fn read_truth(corpus: &Path) -> Truth {
    let truth: serde_json::Value =
        serde_json::from_slice(&std::fs::read(corpus.join("truth.json")).expect("truth.json"))
            .expect("truth.json is JSON");
    let mut codes = Truth::new();
    for file in truth["files"].as_object().expect("files").values() {
        let chinese_page = file["source"]["note"]
            .as_str()
            .is_some_and(|n| n.contains("Chinese"));
        for row in file["error_code_rows"].as_array().into_iter().flatten() {
            let Some(code) = row["code"].as_str().filter(|c| !compact(c).is_empty()) else {
                continue;
            };
            let field = |name: &str| row[name].as_str().unwrap_or_default().trim().to_string();
            codes.entry(compact(code)).or_default().add_row(
                code,
                &field("message"),
                &field("description"),
                &field("solution"),
                chinese_page,
            );
        }
    }
    codes
}

#[derive(serde::Deserialize)]
struct Paraphrases {
    paraphrase: Vec<Paraphrase>,
}

#[derive(serde::Deserialize)]
struct Paraphrase {
    query: String,
    codes: Vec<String>,
}

/// The relevance set: [`code_queries`] (per code, every n-th so that at most
/// [`MOST_PER_KIND`] per kind: message words, the same with a typo, description words, another
/// spelling; Chinese words of every Chinese row) and the hand-written questions: `paraphrase`
/// (`paraphrases.toml`, which the synonym tables were tried on) and `held-out` (written
/// afterwards by someone who saw neither the engine, its tables nor the first set, from codes
/// picked at random: `paraphrases-heldout.toml`).
fn relevance_set(codes: &Truth) -> Vec<Query> {
    let mut queries = code_queries(codes, codes.len().div_ceil(MOST_PER_KIND));
    for (kind, name) in [
        ("paraphrase", "paraphrases.toml"),
        ("held-out", "paraphrases-heldout.toml"),
    ] {
        let file = Path::new(ROOT).join("benches/relevance").join(name);
        let paraphrases: Paraphrases =
            toml::from_str(&std::fs::read_to_string(&file).expect(name)).expect(name);
        for p in paraphrases.paraphrase {
            queries.push(Query {
                kind,
                text: p.query,
                relevant: p.codes.iter().map(|c| compact(c)).collect(),
            });
        }
    }
    queries
}

/// A plain BM25 over the truth rows: one document per code, lower-case words and CJK pairs.
struct Bm25 {
    docs: Vec<(String, HashMap<String, f64>, f64)>,
    df: HashMap<String, f64>,
    average: f64,
}

fn bm25_terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in words(text) {
        let chars: Vec<char> = word.chars().collect();
        if chars.iter().any(|c| is_cjk(*c)) && chars.len() > 1 {
            out.extend(chars.windows(2).map(|p| p.iter().collect::<String>()));
        } else {
            out.push(word);
        }
    }
    out
}

impl Bm25 {
    fn new(codes: &Truth) -> Self {
        let mut docs = Vec::new();
        let mut df: HashMap<String, f64> = HashMap::new();
        for (key, code) in codes {
            let terms = bm25_terms(&code.text);
            let mut tf: HashMap<String, f64> = HashMap::new();
            for t in &terms {
                *tf.entry(t.clone()).or_default() += 1.0;
            }
            for t in tf.keys() {
                *df.entry(t.clone()).or_default() += 1.0;
            }
            docs.push((key.clone(), tf, terms.len() as f64));
        }
        let average = docs.iter().map(|d| d.2).sum::<f64>() / docs.len().max(1) as f64;
        Bm25 { docs, df, average }
    }

    fn search(&self, query: &str) -> Vec<String> {
        let (k1, b) = (1.2, 0.75);
        let n = self.docs.len() as f64;
        let terms: BTreeSet<String> = bm25_terms(query).into_iter().collect();
        let mut scored: Vec<(f64, &String)> = self
            .docs
            .iter()
            .filter_map(|(key, tf, len)| {
                let score: f64 = terms
                    .iter()
                    .filter_map(|t| {
                        let f = *tf.get(t)?;
                        let df = self.df[t];
                        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                        Some(idf * f * (k1 + 1.0) / (f + k1 * (1.0 - b + b * len / self.average)))
                    })
                    .sum();
                (score > 0.0).then_some((score, key))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        scored
            .into_iter()
            .take(DEPTH)
            .map(|(_, k)| k.clone())
            .collect()
    }
}

/// The codes of an engine's hits (other hits count as misses at their rank).
fn code_of(kind: &str, name: &str) -> String {
    match kind {
        "code" | "mention" => compact(name),
        _ => String::new(),
    }
}

fn cli_ranking(
    index: &SearchIndex,
    queries: &[Query],
) -> (Vec<Vec<String>>, Vec<Vec<u32>>, Vec<Duration>) {
    let mut codes = Vec::new();
    let mut docs = Vec::new();
    let mut times = Vec::new();
    for q in queries {
        let request = SearchRequest {
            query: q.text.clone(),
            service: None,
            status: None,
            limit: DEPTH,
        };
        let started = Instant::now();
        let results = index.search(&request);
        times.push(started.elapsed());
        let hits = results.map(|r| r.hits).unwrap_or_default();
        codes.push(
            hits.iter()
                .map(|h| code_of(h.kind.as_str(), &h.name))
                .collect(),
        );
        docs.push(hits.iter().map(|h| h.doc).collect());
    }
    (codes, docs, times)
}

/// One engine's answers: per query the codes of its hits (empty for a hit that is no code),
/// and the document numbers of its hits.
type Rankings = (Vec<Vec<String>>, Vec<Vec<u32>>);

fn site_ranking(site: &Path, queries: &[Query]) -> Option<Rankings> {
    if std::env::var_os("ERRDEX_RELEVANCE_NO_SITE").is_some() {
        return None;
    }
    let texts: Vec<&str> = queries.iter().map(|q| q.text.as_str()).collect();
    let script = Path::new(ROOT).join("tests/search_engines.cjs");
    let answers = run_site_script(&script, site, DEPTH, &texts)?;
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .map(|s| s.as_str().unwrap_or_default().to_string())
            .collect()
    };
    let codes = answers
        .iter()
        .map(|a| {
            strings(&a["names"])
                .iter()
                .zip(strings(&a["kinds"]))
                .map(|(name, kind)| code_of(&kind, name))
                .collect()
        })
        .collect();
    let docs = answers
        .iter()
        .map(|a| {
            a["docs"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|d| d.as_u64().map(|d| d as u32))
                .collect()
        })
        .collect();
    Some((codes, docs))
}

fn percentile(times: &mut [Duration], p: f64) -> f64 {
    times.sort();
    let at = ((times.len().max(1) - 1) as f64 * p).round() as usize;
    times.get(at).map_or(0.0, |d| d.as_secs_f64() * 1e3)
}

fn competitor_pages(dir: &Path, truth_paths: &[String]) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase());
            let document = p.extension().is_some_and(|e| {
                ["md", "rst", "html", "htm", "txt"].contains(&&*e.to_string_lossy())
            });
            let error_codes = name
                .as_deref()
                .is_some_and(|n| n.contains("error") && n.contains("code"));
            let relative = p
                .strip_prefix(dir)
                .unwrap_or(p)
                .to_string_lossy()
                .into_owned();
            let corpus_page = truth_paths.iter().any(|t| t.ends_with(&relative));
            document && !error_codes && !corpus_page
        })
        .collect();
    pages.sort();
    pages
}

fn main() {
    let corpus = std::env::var_os("ERRDEX_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(ROOT).join("../shared/corpus"));
    if !corpus.join("truth.json").is_file() {
        println!(
            "no corpus at {} (set ERRDEX_CORPUS); nothing measured",
            corpus.display()
        );
        return;
    }
    let competitors = std::env::var_os("ERRDEX_COMPETITORS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/scratch/search/otc/doc/source"));
    let truth: serde_json::Value =
        serde_json::from_slice(&std::fs::read(corpus.join("truth.json")).unwrap()).unwrap();
    let truth_paths: Vec<String> = truth["files"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(|f| f["source"]["source_path"].as_str().map(str::to_string))
        .collect();
    let pages = match competitors.is_dir() {
        true => competitor_pages(&competitors, &truth_paths),
        false => {
            println!(
                "no competitors at {} (set ERRDEX_COMPETITORS); measuring the corpus alone",
                competitors.display()
            );
            Vec::new()
        }
    };
    // ERRDEX_RELEVANCE_OUT keeps the built knowledge base between runs (built when missing).
    let temporary = tempfile::tempdir().expect("temp dir");
    let out = std::env::var_os("ERRDEX_RELEVANCE_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| temporary.path().to_path_buf());
    let started = Instant::now();
    let kb = match errdex::search::read_kb(&out) {
        Ok(kb) => kb,
        Err(_) => {
            let mut build = errdex::build()
                .source(&corpus)
                .out_dir(&out)
                .keep_going(true);
            for page in &pages {
                build = build.source(page);
            }
            build.run().expect("build").kb
        }
    };
    let kb = &kb;
    let documents = errdex::search::docs::search_docs(kb).len();
    println!(
        "knowledge base: corpus + {} competitor pages → {} sources, {} codes, {} operations, \
         {} enumerations; {documents} search documents ({:.1} s)",
        pages.len(),
        kb.sources.len(),
        kb.error_codes.len(),
        kb.operations.len(),
        kb.enums.len(),
        started.elapsed().as_secs_f64()
    );

    let codes = read_truth(&corpus);
    let queries = relevance_set(&codes);
    // ERRDEX_RELEVANCE_QUERIES writes the relevance set (kind, query, answers; tab-separated),
    // so that two builds can be compared query by query.
    if let Some(path) = std::env::var_os("ERRDEX_RELEVANCE_QUERIES") {
        let lines: Vec<String> = queries
            .iter()
            .map(|q| {
                let relevant: Vec<&str> = q.relevant.iter().map(String::as_str).collect();
                format!("{}\t{}\t{}", q.kind, q.text, relevant.join(" "))
            })
            .collect();
        std::fs::write(&path, lines.join("\n") + "\n").expect("write the relevance set");
    }
    let index =
        SearchIndex::open_or_build(out.as_path(), &mut |l| eprintln!("{l}")).expect("index");
    let _warm = cli_ranking(&index, &queries[..queries.len().min(200)]);
    let (mut cli, cli_docs, mut in_process) = cli_ranking(&index, &queries);
    let mut site = site_ranking(&out.as_path().join("site"), &queries);
    if site.is_none() {
        println!("site engine: node is missing or failed; its columns are left empty");
    }
    let unjudged = condense(&codes, &mut cli)
        + site
            .as_mut()
            .map_or(0, |(ranked, _)| condense(&codes, ranked));
    println!("hits on codes the truth does not know, left out before scoring: {unjudged}");
    let bm25 = Bm25::new(&codes);
    let plain: Vec<Vec<String>> = queries.iter().map(|q| bm25.search(&q.text)).collect();

    println!();
    println!(
        "| query kind | n | CLI r@1 | CLI r@5 | CLI MRR@10 | site r@1 | site r@5 | site MRR@10 \
         | BM25 r@1 | BM25 r@5 | BM25 MRR@10 | same top 5 |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    let kinds = [
        "message",
        "typo",
        "description",
        "code",
        "chinese",
        "paraphrase",
        "held-out",
    ];
    for kind in kinds.into_iter().chain(["all"]) {
        let picked: Vec<usize> = (0..queries.len())
            .filter(|&i| kind == "all" || queries[i].kind == kind)
            .collect();
        let qs: Vec<&Query> = picked.iter().map(|&i| &queries[i]).collect();
        let column = |rankings: &[Vec<String>]| {
            let chosen: Vec<&Vec<String>> = picked.iter().map(|&i| &rankings[i]).collect();
            let (a, b, c) = scores(&qs, &chosen);
            format!("{a:.3} | {b:.3} | {c:.3}")
        };
        let (site_columns, same) = match &site {
            Some((codes, docs)) => {
                let same = picked
                    .iter()
                    .filter(|&&i| docs[i].iter().take(5).eq(cli_docs[i].iter().take(5)))
                    .count();
                (column(codes), format!("{same}/{}", picked.len()))
            }
            None => ("– | – | –".to_string(), "–".to_string()),
        };
        println!(
            "| {kind} | {} | {} | {site_columns} | {} | {same} |",
            picked.len(),
            column(&cli),
            column(&plain)
        );
    }

    println!();
    println!("queries whose first CLI hit does not answer them (at most 5 per kind):");
    for kind in kinds {
        for (i, q) in queries
            .iter()
            .enumerate()
            .filter(|(i, q)| {
                q.kind == kind && !cli[*i].first().is_some_and(|c| q.relevant.contains(c))
            })
            .take(5)
        {
            println!(
                "  {kind}: `{}` got {:?}",
                q.text,
                cli[i].iter().take(2).collect::<Vec<_>>()
            );
        }
    }

    println!();
    println!("queries the CLI misses in its first five (at most 5 per kind):");
    for kind in kinds {
        for (i, q) in queries
            .iter()
            .enumerate()
            .filter(|(i, q)| {
                q.kind == kind && !cli[*i].iter().take(5).any(|c| q.relevant.contains(c))
            })
            .take(5)
        {
            let wanted: Vec<&str> = q.relevant.iter().take(3).map(String::as_str).collect();
            println!(
                "  {kind}: `{}` wants {wanted:?}…, got {:?}",
                q.text,
                cli[i].iter().take(3).collect::<Vec<_>>()
            );
        }
    }

    println!();
    let mut slowest: Vec<(Duration, &str)> = in_process
        .iter()
        .zip(&queries)
        .map(|(t, q)| (*t, q.text.as_str()))
        .collect();
    slowest.sort_by_key(|(time, _)| std::cmp::Reverse(*time));
    let slowest: Vec<String> = slowest
        .iter()
        .take(5)
        .map(|(t, q)| format!("`{q}` {:.1} ms", t.as_secs_f64() * 1e3))
        .collect();
    println!(
        "in-process search: n={} p50 {:.2} ms p99 {:.2} ms; slowest: {}",
        in_process.len(),
        percentile(&mut in_process, 0.5),
        percentile(&mut in_process, 0.99),
        slowest.join(", ")
    );
    let binary = env!("CARGO_BIN_EXE_errdex");
    let kb_arg = out.as_path().to_string_lossy().into_owned();
    let stride = (queries.len() / TIMED_COMMANDS).max(1);
    let mut whole: Vec<Duration> = queries
        .iter()
        .step_by(stride)
        .filter_map(|q| {
            let started = Instant::now();
            let output = Command::new(binary)
                .args(["search", "--kb", &kb_arg, "--", &q.text])
                .output()
                .ok()?;
            output.status.code().map(|_| started.elapsed())
        })
        .collect();
    let mut floor: Vec<Duration> = (0..100)
        .filter_map(|_| {
            let started = Instant::now();
            Command::new(binary).arg("--version").output().ok()?;
            Some(started.elapsed())
        })
        .collect();
    println!(
        "errdex search, whole command: n={} p50 {:.2} ms p99 {:.2} ms (errdex --version: p50 \
         {:.2} ms p99 {:.2} ms)",
        whole.len(),
        percentile(&mut whole, 0.5),
        percentile(&mut whole, 0.99),
        percentile(&mut floor, 0.5),
        percentile(&mut floor, 0.99)
    );
}
