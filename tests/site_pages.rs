//! The static site (`generated/site/`), built by the real binary: every internal link resolves,
//! text from the docs never becomes markup, output is byte-identical across builds.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use regex::Regex;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `errdex build INPUT --out OUT` and returns the site folder.
fn build_site(input: &Path, out: &Path) -> PathBuf {
    let status = Command::new(env!("CARGO_BIN_EXE_errdex"))
        .current_dir(root())
        .arg("build")
        .arg(input)
        .arg("--out")
        .arg(out)
        .status()
        .expect("run errdex");
    assert!(status.success(), "errdex build {} failed", input.display());
    out.join("site")
}

/// Every file under a folder: relative path → bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(dir).expect("under dir");
            out.insert(
                relative.to_string_lossy().replace('\\', "/"),
                std::fs::read(entry.path()).expect("read"),
            );
        }
    }
    out
}

/// The `id` attributes of a page.
fn ids(html: &str) -> BTreeSet<String> {
    let id = Regex::new(r#"\sid="([^"]*)""#).expect("regex");
    id.captures_iter(html).map(|c| c[1].to_string()).collect()
}

/// Every `href`/`src` in the site that does not resolve: missing file or missing `#id`.
fn broken_links(site: &Path) -> Vec<String> {
    let all = files(site);
    let link = Regex::new(r#"\s(?:href|src)="([^"]*)""#).expect("regex");
    let mut broken = Vec::new();
    let mut checked = 0;
    for (page, bytes) in all.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let folder = Path::new(page).parent().unwrap_or(Path::new(""));
        for capture in link.captures_iter(&html) {
            let target = capture[1].replace("&#38;", "&").replace("&amp;", "&");
            assert!(
                !target.contains("://") && !target.starts_with("//"),
                "{page} links outside the site: {target}"
            );
            let (path_part, fragment) = match target.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (target.clone(), None),
            };
            let path_part = path_part.split('?').next().unwrap_or("").to_string();
            let resolved = if path_part.is_empty() {
                page.clone()
            } else {
                normalize(&folder.join(&path_part))
            };
            checked += 1;
            let Some(content) = all.get(&resolved) else {
                broken.push(format!("{page}: {target} (no file {resolved})"));
                continue;
            };
            if let Some(fragment) = fragment
                && !ids(&String::from_utf8_lossy(content)).contains(&fragment)
            {
                broken.push(format!("{page}: {target} (no id {fragment} in {resolved})"));
            }
        }
    }
    assert!(checked > 0, "no links found at all");
    broken
}

/// `a/../b/./c` → `b/c`, with `/` separators.
fn normalize(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                assert!(parts.pop().is_some(), "link leaves the site: {path:?}");
            }
            std::path::Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

#[test]
fn every_internal_link_of_the_seeds_site_resolves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let site = build_site(Path::new("seeds"), &dir.path().join("out"));
    let broken = broken_links(&site);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    let all = files(&site);
    for page in [
        "index.html",
        "findings.html",
        "search.html",
        "codes/CSS.6007.html",
        "services/CSS.html",
        "assets/site.css",
        "assets/search.js",
        "search/meta.js",
    ] {
        assert!(all.contains_key(page), "missing {page}");
    }
    let code = String::from_utf8_lossy(&all["codes/CSS.6007.html"]).into_owned();
    assert!(code.contains("Conflicting definitions"), "conflict box");
    assert!(code.contains("CSS.6009"), "renumbering hint names CSS.6009");
    let index = String::from_utf8_lossy(&all["index.html"]).into_owned();
    assert!(index.contains("Open conflicts"));
}

#[test]
fn every_internal_link_of_the_hostile_fixture_site_resolves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let site = build_site(Path::new("tests/fixtures/site"), &dir.path().join("out"));
    let broken = broken_links(&site);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(
        site.join("codes/XSS_0004_x.html").is_file(),
        "a code with a slash and a space gets a safe file name"
    );
}

#[test]
fn text_from_the_docs_never_becomes_markup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let site = build_site(Path::new("tests/fixtures/site"), &dir.path().join("out"));
    let all = files(&site);
    let script_tag = Regex::new(r"(?i)<script\b[^>]*>").expect("regex");
    let handler = Regex::new(r"(?i)<[a-z][^<>]*\son[a-z]+\s*=").expect("regex");
    let ours = Regex::new(r#"^<script src="(?:\.\./)?assets/search\.js" defer>$"#).expect("regex");
    for (page, bytes) in all.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for tag in script_tag.find_iter(&html) {
            assert!(
                ours.is_match(tag.as_str()),
                "{page}: foreign script tag {}",
                tag.as_str()
            );
        }
        assert!(
            !html.contains("<img"),
            "{page}: an <img> from the docs became markup"
        );
        if let Some(tag) = handler.find(&html) {
            panic!(
                "{page}: an event handler attribute in markup: {}",
                tag.as_str()
            );
        }
        assert!(
            !html.contains("errdexPwned = 3</"),
            "{page}: unescaped script text"
        );
    }
    let page = String::from_utf8_lossy(&all["codes/XSS.0101.html"]).into_owned();
    assert!(
        page.contains("&#60;script&#62;window.errdexPwned = 3&#60;/script&#62;"),
        "the <script> cell shows as text"
    );
    let page = String::from_utf8_lossy(&all["codes/XSS.0102.html"]).into_owned();
    assert!(page.contains("&#60;img src=x onerror=&#34;window.errdexPwned=4&#34;&#62;"));
    for (file, bytes) in all.iter().filter(|(p, _)| p.starts_with("search/")) {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains('<'), "{file}: index data carries a raw <");
    }
}

#[test]
fn two_builds_write_identical_sites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = files(&build_site(Path::new("seeds"), &dir.path().join("a")));
    let second = files(&build_site(Path::new("seeds"), &dir.path().join("b")));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, content) in &first {
        assert!(second[path] == *content, "{path} differs between builds");
    }
}
