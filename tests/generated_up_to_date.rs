//! The committed `generated/` is what `errdex build` makes from `seeds/` today: every file the
//! build renders must match byte for byte. `ERRDEX_UPDATE=1 cargo test --test
//! generated_up_to_date` rewrites them (the same as running `errdex build`).

use std::path::Path;

#[test]
fn generated_matches_a_fresh_build_of_the_seeds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(root).expect("package root");
    let build = errdex::build().source("seeds").out_dir("generated");
    if std::env::var_os("ERRDEX_UPDATE").is_some() {
        build.run().expect("seeds build");
        return;
    }
    let compiled = build.compile().expect("seeds compile");
    let outputs = errdex::render(&compiled.kb, &errdex::config::Config::default());
    let mut stale = Vec::new();
    for (path, content) in outputs.files() {
        let committed = std::fs::read(root.join("generated").join(path)).unwrap_or_default();
        if committed != content {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "generated/ is out of date for {stale:?}: run `cargo run -- build` (or ERRDEX_UPDATE=1 cargo test --test generated_up_to_date) and commit"
    );
}
