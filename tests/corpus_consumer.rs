//! Issue 13: a crate written against the generated crate, as its users write one
//! (`tests/fixtures/corpus_consumer/`): `Code::lookup` for codes of five services in three
//! spellings, a job response deserialized with its `error_code` typed, a `match` on an
//! enumeration. It is compiled and tested against the crate generated from `../shared/corpus`,
//! then against the crate generated from the corpus plus ten more pages
//! (`tests/fixtures/rust_names/extra/`): the same consumer must compile unchanged and pass.
//! Skipped, loudly, where the corpus is absent.

use std::path::{Path, PathBuf};
use std::process::Command;

use errdex::emit::rust::{Authority, crate_files};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn corpus_folders() -> Vec<PathBuf> {
    let corpus = root().join("../shared/corpus");
    ["md", "rst", "txt"]
        .iter()
        .map(|f| corpus.join(f))
        .filter(|p| p.is_dir())
        .collect()
}

/// Generates the crate of `sources` into `dir/errdex-generated`, replacing what was there.
fn generate(sources: &[PathBuf], dir: &Path) {
    let mut build = errdex::Build::new().keep_going(true);
    for source in sources {
        build = build.source(source);
    }
    let compiled = build.compile().expect("the pages compile");
    let out = dir.join("errdex-generated");
    let _ = std::fs::remove_dir_all(&out);
    for (path, content) in crate_files(&compiled.kb, &Authority::stated()) {
        let path = out.join(path);
        std::fs::create_dir_all(path.parent().expect("file in a folder")).expect("mkdir");
        std::fs::write(path, content).expect("write");
    }
}

/// The consumer crate beside the generated one: the fixture's sources, a manifest that
/// depends on `../errdex-generated`, and the workspace's lock file (versions on disk).
fn write_consumer(dir: &Path) -> PathBuf {
    let consumer = dir.join("consumer");
    std::fs::create_dir_all(consumer.join("src")).expect("mkdir");
    std::fs::copy(
        root().join("tests/fixtures/corpus_consumer/src/lib.rs"),
        consumer.join("src/lib.rs"),
    )
    .expect("consumer source");
    std::fs::write(
        consumer.join("Cargo.toml"),
        "[package]\nname = \"corpus-consumer\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\nerrdex-generated = { path = \"../errdex-generated\" }\nserde_json = \"1\"\n\n[workspace]\n",
    )
    .expect("manifest");
    std::fs::copy(root().join("Cargo.lock"), consumer.join("Cargo.lock")).expect("lock");
    consumer
}

/// `cargo test` of the consumer, offline, in a target folder of its own under `target/`.
fn cargo_test(consumer: &Path) {
    let output = Command::new(env!("CARGO"))
        .args(["test", "--offline", "-q"])
        .current_dir(consumer)
        .env(
            "CARGO_TARGET_DIR",
            root().join("target/errdex-corpus-consumer"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the consumer failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_consumer_compiles_unchanged_when_pages_are_added() {
    let corpus = corpus_folders();
    if corpus.is_empty() {
        eprintln!("skipped: ../shared/corpus is absent");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let consumer = write_consumer(dir.path());
    generate(&corpus, dir.path());
    cargo_test(&consumer);

    let extra: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/rust_names/extra"))
        .expect("extra pages")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(extra.len(), 10, "ten more pages");
    let mut more = corpus;
    more.extend(extra);
    generate(&more, dir.path());
    cargo_test(&consumer);
}
