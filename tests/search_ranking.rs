//! The ranking rules on the failures issue 10 reported, rebuilt as small hand-written pages
//! (`tests/fixtures/search/ranking/`) and on the seeds, through the real binary.

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

const RANKING: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/search/ranking");
const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");

fn build(sources: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = Command::new(env!("CARGO_BIN_EXE_errdex"))
        .args(["build", sources, "--out"])
        .arg(dir.path())
        .output()
        .expect("run errdex build");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    dir
}

/// The fixture pages, built once for every test.
fn ranking_kb() -> &'static Path {
    static KB: OnceLock<tempfile::TempDir> = OnceLock::new();
    KB.get_or_init(|| build(RANKING)).path()
}

fn seeds_kb() -> &'static Path {
    static KB: OnceLock<tempfile::TempDir> = OnceLock::new();
    KB.get_or_init(|| build(SEEDS)).path()
}

fn search(kb: &Path, query: &str) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_errdex"))
        .args(["search", "--format", "json", "--limit", "20", "--kb"])
        .arg(kb)
        .arg("--")
        .arg(query)
        .output()
        .expect("run errdex search");
    serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
        panic!(
            "{query}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )
    })
}

/// (kind, name) of each hit.
fn hits(results: &serde_json::Value) -> Vec<(String, String)> {
    results["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| {
            (
                h["kind"].as_str().unwrap_or_default().to_string(),
                h["name"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn first(kb: &Path, query: &str) -> (String, String) {
    hits(&search(kb, query))
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("{query}: no hit"))
}

#[test]
fn a_message_outranks_fields_and_values_named_like_its_words() {
    // Was: fields named `trigger` and values named `invalid` filled the page.
    let kb = ranking_kb();
    let results = search(kb, "trigger operation Invalid");
    let hits = hits(&results);
    assert_eq!(
        hits[0],
        ("code".to_string(), "FSS.1318".to_string()),
        "{hits:?}"
    );
    assert!(
        hits.iter()
            .any(|(kind, name)| kind == "field" && name == "trigger_operation"),
        "the field holding all three words still comes: {hits:?}"
    );
    let rank = &results["hits"][0]["rank"];
    assert_eq!(rank["words"], 3);
    assert_eq!(rank["attribute"], 3, "all three in the message");
}

#[test]
fn a_code_outranks_a_field_documented_in_many_operations() {
    // Was: `quota` in ten operations, then fields called `eip`, above Ecs.0013.
    let kb = ranking_kb();
    let results = search(kb, "insufficient EIP quota");
    assert_eq!(first(kb, "insufficient EIP quota").1, "Ecs.0013");
    let quota: Vec<&serde_json::Value> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["kind"] == "field" && h["name"] == "quota")
        .collect();
    assert_eq!(
        quota.len(),
        1,
        "one hit for the field, however many operations"
    );
    assert_eq!(quota[0]["count"], 3);
    assert_eq!(quota[0]["places"].as_array().map(Vec::len), Some(3));
    let field = search(kb, "kind:field quota");
    assert_eq!(hits(&field)[0], ("field".into(), "quota".into()));
}

#[test]
fn a_definition_outranks_mentions_in_any_spelling() {
    // Was: prose mentions ("for example Ecs.0013") above the definition.
    let kb = ranking_kb();
    for query in ["Ecs.0013", "ecs0013", "ECS-0013", "ecs 0013", "ECS_0013"] {
        let results = search(kb, query);
        let hits = hits(&results);
        assert_eq!(hits[0], ("code".into(), "Ecs.0013".into()), "{query}");
        assert_eq!(
            hits.iter().filter(|(_, name)| name == "Ecs.0013").count(),
            1,
            "{query}: the mentions stand behind the code, not beside it"
        );
    }
    let explained = search(kb, "\"for example\" Ecs.0013");
    assert_eq!(
        hits(&explained)[0].1,
        "Ecs.0013",
        "its mentions' prose finds it"
    );
}

#[test]
fn the_service_name_alone_does_not_lift_a_code_over_the_one_that_holds_every_word() {
    // Was, on the seeds: every OBS code above CSS.6011.
    let kb = seeds_kb();
    let results = search(kb, "OBS bucket deleted snapshot");
    let hits = hits(&results);
    let whole: Vec<&str> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .take_while(|h| h["rank"]["words"] == 4)
        .map(|h| h["name"].as_str().unwrap())
        .collect();
    assert!(whole.contains(&"CSS.6011"), "{hits:?}");
    let css_6011 = hits.iter().position(|(_, n)| n == "CSS.6011").unwrap();
    assert!(
        hits[..css_6011].iter().all(|(_, n)| n.starts_with("CSS.")),
        "no OBS code above CSS.6011: {hits:?}"
    );
    assert!(css_6011 < 3, "{hits:?}");
}

#[test]
fn snippets_state_the_meaning_explain_states() {
    let kb = ranking_kb();
    let results = search(kb, "Ecs.0013");
    assert_eq!(
        results["hits"][0]["snippet"]["text"],
        "Insufficient EIP quota."
    );
    let human = Command::new(env!("CARGO_BIN_EXE_errdex"))
        .args([
            "search",
            "insufficient",
            "eip",
            "quota",
            "--limit",
            "1",
            "--kb",
        ])
        .arg(kb)
        .output()
        .expect("run errdex search");
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("[Insufficient] [EIP] [quota]."), "{text}");
}

/// A customer's words reach the docs' words through the synonym tables the meaning check
/// reads ("elastic IP" is EIP, "ran out" and "not enough" say insufficient), in both engines
/// (`tests/search_engines.rs`); the docs' own words still rank first.
#[test]
fn customer_words_reach_the_docs_words_through_synonyms() {
    let kb = ranking_kb();
    for query in [
        "my elastic IP quota ran out",
        "not enough elastic ip quota",
        "floating ip quota exhausted",
    ] {
        let codes: Vec<String> = hits(&search(kb, query))
            .into_iter()
            .filter(|(kind, _)| kind == "code")
            .map(|(_, name)| name)
            .collect();
        assert_eq!(
            codes.first().map(String::as_str),
            Some("Ecs.0013"),
            "{query}: {codes:?}"
        );
    }
    let exact = search(kb, "insufficient EIP quota");
    assert_eq!(exact["hits"][0]["name"], "Ecs.0013");
    assert_eq!(
        exact["hits"][0]["rank"]["typos"], 0,
        "held in its own words"
    );
}
