//! Every output names a place the same way, relative to the project root, and links to it:
//! `check --format json`, SARIF and `explain` give `path`, `line` and (with `errdex.toml`'s
//! `source_url`) the line's upstream address; the site links `path:line` to a row with that
//! line's anchor on the source page.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const SOURCE_URL: &str = "https://git.example.com/docs/blob/main/{path}#L{line}";

/// A project: the triage fixture's pages under `docs/` and an `errdex.toml` with `source_url`.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/triage/docs");
    std::fs::create_dir_all(dir.path().join("docs")).expect("docs");
    for page in ["storage-errors.md", "storage-api-errors.md"] {
        std::fs::copy(from.join(page), dir.path().join("docs").join(page)).expect("copy");
    }
    std::fs::write(
        dir.path().join("errdex.toml"),
        format!("source_url = \"{SOURCE_URL}\"\n"),
    )
    .expect("config");
    dir
}

fn errdex(dir: &Path, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_errdex"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("ERRDEX_KB")
        .output()
        .expect("run errdex");
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "errdex {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("JSON output")
}

/// The line of a page that holds a text (1-based).
fn line_of(dir: &Path, page: &str, text: &str) -> u32 {
    let content = std::fs::read_to_string(dir.join(page)).expect("page");
    let index = content.lines().position(|l| l.contains(text)).expect(text);
    u32::try_from(index + 1).expect("line")
}

#[test]
fn check_json_and_sarif_locations_are_places_with_upstream_addresses() {
    let dir = project();
    let findings = json(&errdex(dir.path(), &["check", "docs", "--format", "json"]));
    let findings = findings.as_array().expect("findings");
    assert!(!findings.is_empty(), "the fixture has findings");
    for finding in findings {
        for location in finding["locations"].as_array().expect("locations") {
            let path = location["path"].as_str().expect("path");
            let line = location["line"].as_u64().expect("line");
            assert!(path.starts_with("docs/"), "{path} is relative to the root");
            assert!(location["source"].is_string());
            assert_eq!(
                location["url"],
                format!("https://git.example.com/docs/blob/main/{path}#L{line}")
            );
        }
    }
    let sarif = json(&errdex(dir.path(), &["check", "docs", "--format", "sarif"]));
    let location = &sarif["runs"][0]["results"][0]["locations"][0];
    let uri = location["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .expect("uri");
    let line = location["physicalLocation"]["region"]["startLine"]
        .as_u64()
        .expect("line");
    assert_eq!(
        location["properties"]["url"],
        format!("https://git.example.com/docs/blob/main/{uri}#L{line}")
    );
}

#[test]
fn explain_and_the_site_link_to_the_line() {
    let dir = project();
    errdex(dir.path(), &["build", "docs"]);
    let line = line_of(dir.path(), "docs/storage-errors.md", "STG.0101");
    let expected_url =
        format!("https://git.example.com/docs/blob/main/docs/storage-errors.md#L{line}");

    // explain finds generated/kb.json by itself.
    let explained = json(&errdex(
        dir.path(),
        &["explain", "STG.0101", "--format", "json"],
    ));
    let text = explained.to_string();
    assert!(
        text.contains(&expected_url),
        "explain gives the upstream line: {text}"
    );

    // The code page links `path:line` to the row of that line on the source page.
    let site = dir.path().join("generated/site");
    let code_page = std::fs::read_to_string(site.join("codes/STG.0101.html")).expect("code page");
    let label = format!("docs/storage-errors.md:{line}");
    let link_start = code_page
        .find(&format!(">{label}</a>"))
        .expect("the definition's place is linked");
    let href_start = code_page[..link_start].rfind("href=\"").expect("href") + 6;
    let href = &code_page[href_start..link_start - 1];
    let (page, anchor) = href.split_once('#').expect("the link has a line anchor");
    assert_eq!(anchor, format!("L{line}"));
    assert!(
        code_page.contains(&expected_url),
        "the upstream address is linked"
    );
    let source_page = std::fs::read_to_string(site.join("codes").join(page)).expect("source page");
    assert!(
        source_page.contains(&format!("<tr id=\"L{line}\">")),
        "the source page has the line's anchor"
    );
    assert!(source_page.contains("defines STG.0101"));
}

#[test]
fn no_upstream_address_without_source_url() {
    let dir = project();
    std::fs::remove_file(dir.path().join("errdex.toml")).expect("remove config");
    let findings = json(&errdex(dir.path(), &["check", "docs", "--format", "json"]));
    let location = &findings[0]["locations"][0];
    assert!(
        location["path"]
            .as_str()
            .is_some_and(|p| p.starts_with("docs/"))
    );
    assert!(location.get("url").is_none());
}
