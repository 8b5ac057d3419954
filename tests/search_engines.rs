//! Both search engines give the same hits: `errdex search` (tantivy) and the site's in-page
//! search (`assets/site/search.js`, run in Node by `tests/search_engines.cjs`), on the same
//! knowledge base, for queries of every shape the query language has. Skipped, loudly, when
//! Node is not installed.

use std::path::Path;
use std::process::Command;

use errdex::kb::KnowledgeBase;
use errdex::search::docs::search_docs;
use errdex::search::{SearchIndex, SearchRequest, build_into};
use errdex::site::search::{SiteDoc, index_files};
use errdex_synth::relevance::run_site_script;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const LIMIT: usize = 10;

fn node_available() -> bool {
    let found = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("SKIPPED: node is not installed, so the site's search script cannot run");
    }
    found
}

/// The site's search files for `kb` (index and script) in `dir`.
fn write_site_search(kb: &KnowledgeBase, dir: &Path) {
    let docs = search_docs(kb);
    let site: Vec<SiteDoc<'_>> = docs
        .iter()
        .map(|doc| SiteDoc {
            doc,
            url: String::new(),
        })
        .collect();
    for (path, content) in index_files(&site) {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::copy(
        Path::new(ROOT).join("assets/site/search.js"),
        dir.join("assets/search.js"),
    )
    .unwrap();
}

/// Marks an empty query (a usage error in the CLI, nothing in the page).
const EMPTY: &str = "(empty query)";

/// What one engine answered: document numbers, total, the filter that left nothing.
type Answer = (Vec<u64>, u64, Option<String>);

fn site_answers(dir: &Path, queries: &[&str]) -> Vec<Answer> {
    let script = Path::new(ROOT).join("tests/search_engines.cjs");
    run_site_script(&script, dir, LIMIT, queries)
        .expect("node runs the site's search")
        .into_iter()
        .map(|v| {
            let docs = v["docs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d.as_u64().unwrap())
                .collect();
            let filter = match v["empty"].as_bool() {
                Some(true) => Some(EMPTY.to_string()),
                _ => v["emptiedBy"]["filter"].as_str().map(str::to_string),
            };
            (docs, v["total"].as_u64().unwrap(), filter)
        })
        .collect()
}

fn cli_answers(index: &SearchIndex, queries: &[&str]) -> Vec<Answer> {
    queries
        .iter()
        .map(|query| {
            let request = SearchRequest {
                query: query.to_string(),
                service: None,
                status: None,
                limit: LIMIT,
            };
            let results = match index.search(&request) {
                Err(errdex::search::IndexError::EmptyQuery) => {
                    return (Vec::new(), 0, Some(EMPTY.to_string()));
                }
                other => other.expect("search"),
            };
            (
                results.hits.iter().map(|h| u64::from(h.doc)).collect(),
                results.total as u64,
                results.emptied_by.map(|e| e.filter),
            )
        })
        .collect()
}

/// Builds both indexes of `kb` and compares the engines on `queries`; returns the CLI's.
fn compare(kb: &KnowledgeBase, queries: &[&str]) -> Vec<Answer> {
    let dir = tempfile::tempdir().unwrap();
    let index_dir = dir.path().join("index");
    std::fs::create_dir_all(&index_dir).unwrap();
    build_into(kb, &index_dir).expect("index");
    let index = SearchIndex::open(&index_dir).expect("open index");
    write_site_search(kb, &dir.path().join("site"));
    let cli = cli_answers(&index, queries);
    let site = site_answers(&dir.path().join("site"), queries);
    for ((query, c), s) in queries.iter().zip(&cli).zip(&site) {
        assert_eq!(
            c, s,
            "`{query}`: errdex search (left) and the site (right) differ"
        );
    }
    cli
}

fn built(sources: &[&str]) -> KnowledgeBase {
    let out = tempfile::tempdir().unwrap();
    let mut build = errdex::Build::new().out_dir(out.path()).root(ROOT);
    for source in sources {
        build = build.source(Path::new(ROOT).join(source));
    }
    build.run().expect("build").kb
}

/// Queries of every shape: words, typos, prefixes, stems, codes in several spellings,
/// Chinese, phrases, exclusions, filters and their mixtures, odd input, synonyms (words,
/// phrases, negations).
const QUERIES: &[&str] = &[
    "snapshot failed",
    "snapshto faild",
    "snap",
    "deleting snapshots",
    "OBS bucket deleted snapshot",
    "trigger operation Invalid",
    "insufficient EIP quota",
    "insufficient eip quota service:ecs",
    "Ecs.0013",
    "ecs0013",
    "ECS-0013",
    "6007",
    "css 6007",
    "DCS. 4855",
    "快照",
    "配额不足",
    "创建快照失败",
    "\"does not exist\"",
    "\"bucket does\" -obs",
    "bucket -deleted",
    "bucket -\"has been deleted\"",
    "status:404",
    "kind:field",
    "kind:enum failed",
    "kind:operation quota",
    "quota kind:code status:403",
    "snapshot service:nosuch",
    "status:abc kind:thing",
    "-",
    "\"",
    "failure_jobs",
    "GET /v1",
    "the a of",
    "my elastic ip quota ran out",
    "instance cannot be found",
    "quota is not enough",
    "you are not allowed to delete the bucket",
    "too many snapshots",
    "\"elastic ip\" quota",
];

#[test]
fn both_engines_rank_the_seeds_and_fixtures_alike() {
    if !node_available() {
        return;
    }
    let kb = built(&[
        "seeds",
        "tests/fixtures/search/ranking",
        "tests/fixtures/hard_cases",
    ]);
    let answers = compare(&kb, QUERIES);
    assert!(
        answers.iter().filter(|a| !a.0.is_empty()).count() > QUERIES.len() / 2,
        "most queries find something"
    );
    let fixture: KnowledgeBase = serde_json::from_slice(
        &std::fs::read(Path::new(ROOT).join("tests/fixtures/search/kb.json")).unwrap(),
    )
    .unwrap();
    compare(&fixture, QUERIES);
}

/// Enough codes sharing words that some are stop words (more than 1,000 documents).
fn many_codes() -> KnowledgeBase {
    let words = [
        "quota", "snapshot", "bucket", "cluster", "volume", "network",
    ];
    errdex_synth::codes_only((0..1_300).map(|i| {
        let message = format!(
            "The request failed because the {} {} is not ready ({i}).",
            words[i % words.len()],
            words[(i / 7) % words.len()]
        );
        let status = if i % 3 == 0 { 400 } else { 409 };
        (format!("SVC.{i:04}"), Some(status), message)
    }))
}

#[test]
fn both_engines_treat_stop_words_alike() {
    if !node_available() {
        return;
    }
    let answers = compare(
        &many_codes(),
        &[
            "failed",
            "the request failed",
            "request failed quota",
            "failed snapshot cluster",
            "\"request failed\" volume",
            "quota -failed",
            "quota -\"is not\"",
            "SVC.0042",
            "svc 1299",
            "failed status:409",
        ],
    );
    assert_eq!(answers[0].0.len(), LIMIT, "a stop word alone still lists");
    assert_eq!(answers[0].1, 1_300, "every document holding it");
    assert_eq!(answers[7].0.first(), Some(&42), "SVC.0042 first");
}
