//! Relevance pinned on the seeds: queries made from `tests/golden/seed_error_codes.tsv` (the
//! seed rows, derived independently of errdex) and a few hand-written questions, against a
//! knowledge base of the seeds plus the hand-made fixtures as competitors, through both
//! engines (`errdex search` in process; the site's script in Node, skipped loudly without it).
//! `cargo bench --bench relevance` measures the same at real scale.

use std::path::Path;

use errdex::search::{SearchIndex, SearchRequest};
use errdex_synth::relevance::{Query, Truth, code_queries, compact, run_site_script, scores};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Hand-written questions over the seeds and fixtures, with the codes that answer them.
const QUESTIONS: &[(&str, &[&str])] = &[
    ("my elastic IP quota ran out", &["Ecs.0013"]),
    (
        "snapshot failed, the OBS bucket was deleted",
        &["CSS.6008", "CSS.6011", "CSS.6009"],
    ),
    ("password reset did not work", &["CSS.6007"]),
    ("cluster name is already taken", &["CSS.5050"]),
    ("security group missing in my VPC", &["CSS.5023"]),
    ("trigger operation rejected as invalid", &["FSS.1318"]),
    (
        "disk size out of the valid range",
        &["CSS.5009", "CSS.5078"],
    ),
    ("YAML format of the parameter value is wrong", &["CSS.6015"]),
];

fn seed_truth() -> Truth {
    let text = std::fs::read_to_string(Path::new(ROOT).join("tests/golden/seed_error_codes.tsv"))
        .expect("golden seed rows");
    let mut truth = Truth::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let cells: Vec<&str> = line.split('\t').collect();
        if let [_, code, _, message, solution, ..] = cells.as_slice() {
            truth
                .entry(compact(code))
                .or_default()
                .add_row(code, message, "", solution, false);
        }
    }
    truth
}

fn queries() -> Vec<Query> {
    let mut queries = code_queries(&seed_truth(), 1);
    for (text, codes) in QUESTIONS {
        queries.push(Query {
            kind: "paraphrase",
            text: text.to_string(),
            relevant: codes.iter().map(|c| compact(c)).collect(),
        });
    }
    queries
}

/// The code of a hit (empty for a hit that is no code).
fn code_of(kind: &str, name: &str) -> String {
    match kind {
        "code" | "mention" => compact(name),
        _ => String::new(),
    }
}

/// recall@1 and recall@5 at least, per query kind.
const PINNED: &[(&str, f64, f64)] = &[
    ("message", 0.95, 0.99),
    ("typo", 0.95, 0.99),
    ("code", 1.0, 1.0),
    ("paraphrase", 0.75, 0.99),
];

fn check(engine: &str, queries: &[Query], rankings: &[Vec<String>]) {
    for &(kind, least_at1, least_at5) in PINNED {
        let picked: Vec<usize> = (0..queries.len())
            .filter(|&i| queries[i].kind == kind)
            .collect();
        assert!(!picked.is_empty(), "{kind}: no queries");
        let qs: Vec<&Query> = picked.iter().map(|&i| &queries[i]).collect();
        let rs: Vec<&Vec<String>> = picked.iter().map(|&i| &rankings[i]).collect();
        let (at1, at5, _) = scores(&qs, &rs);
        let misses: Vec<(&str, &Vec<String>)> = picked
            .iter()
            .filter(|&&i| {
                !rankings[i]
                    .iter()
                    .take(5)
                    .any(|c| queries[i].relevant.contains(c))
            })
            .map(|&i| (queries[i].text.as_str(), &rankings[i]))
            .collect();
        assert!(
            at1 >= least_at1 && at5 >= least_at5,
            "{engine}, {kind}: recall@1 {at1:.3} (pinned {least_at1}), recall@5 {at5:.3} \
             (pinned {least_at5}); missed: {misses:?}"
        );
    }
}

#[test]
fn both_engines_find_the_seed_codes() {
    let out = tempfile::tempdir().unwrap();
    errdex::build()
        .root(ROOT)
        .source(Path::new(ROOT).join("seeds"))
        .source(Path::new(ROOT).join("tests/fixtures/search/ranking"))
        .source(Path::new(ROOT).join("tests/fixtures/hard_cases"))
        .out_dir(out.path())
        .run()
        .expect("build");
    let queries = queries();
    let index = SearchIndex::open(&out.path().join("index")).expect("index");
    let cli: Vec<Vec<String>> = queries
        .iter()
        .map(|q| {
            let request = SearchRequest {
                query: q.text.clone(),
                service: None,
                status: None,
                limit: 10,
            };
            let hits = index.search(&request).expect("search").hits;
            hits.iter()
                .map(|h| code_of(h.kind.as_str(), &h.name))
                .collect()
        })
        .collect();
    check("errdex search", &queries, &cli);

    let texts: Vec<&str> = queries.iter().map(|q| q.text.as_str()).collect();
    let script = Path::new(ROOT).join("tests/search_engines.cjs");
    let Some(answers) = run_site_script(&script, &out.path().join("site"), 10, &texts) else {
        eprintln!("SKIPPED: node is not installed or failed; the site's search was not measured");
        return;
    };
    let site: Vec<Vec<String>> = answers
        .iter()
        .map(|a| {
            let names = a["names"].as_array().unwrap();
            let kinds = a["kinds"].as_array().unwrap();
            names
                .iter()
                .zip(kinds)
                .map(|(n, k)| code_of(k.as_str().unwrap(), n.as_str().unwrap()))
                .collect()
        })
        .collect();
    check("the site", &queries, &site);
}
