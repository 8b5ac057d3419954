//! The synthetic benchmark corpus builds: every generated file is valid input for its format,
//! is sniffed as that format, and every error-code row it holds comes out as one definition.
//! Small (~40 documents) and untimed; the timed run is `cargo bench --bench build`.

use errdex_synth as common;

use errdex::parse::{Format, sniff};

/// Documents generated: enough for every format and page kind; `ERRDEX_SYNTHETIC_DOCS`
/// overrides it to hunt a parser bug on a larger corpus.
fn documents() -> usize {
    std::env::var("ERRDEX_SYNTHETIC_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(40)
}

#[test]
fn synthetic_corpus_compiles_with_every_code_row() {
    let temp = tempfile::tempdir().expect("temp dir");
    // `ERRDEX_SYNTHETIC_DIR=/some/dir` keeps the corpus there to look at a failure.
    let dir = std::env::var_os("ERRDEX_SYNTHETIC_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| temp.path().to_path_buf());
    let documents = documents();
    let stats = common::generate(&dir, documents);
    assert_eq!(stats.documents, documents);
    for (format, _) in common::FORMATS {
        assert!(
            stats.files_in(format).count() >= documents / 4,
            "too few {format:?} files"
        );
    }
    let missniffed: Vec<String> = stats
        .files
        .iter()
        .filter_map(|file| {
            let text = std::fs::read_to_string(&file.path).expect("read generated file");
            let sniffed: Format = sniff(&text);
            (sniffed != file.format).then(|| {
                format!(
                    "{}: written as {:?}, sniffed as {sniffed:?}",
                    file.path.display(),
                    file.format
                )
            })
        })
        .collect();
    assert!(missniffed.is_empty(), "{missniffed:#?}");

    let compiled = match errdex::Build::new().source(&dir).compile() {
        Ok(compiled) => compiled,
        Err(err) => panic!("the synthetic corpus does not compile: {err}"),
    };
    assert!(compiled.warnings.is_empty(), "{:#?}", compiled.warnings);
    assert_eq!(compiled.kb.sources.len(), documents);
    assert!(stats.code_rows > 0, "the generator wrote no code rows");
    let definitions: usize = compiled
        .kb
        .error_codes
        .iter()
        .map(|code| code.definitions.len())
        .sum();
    if definitions != stats.code_rows {
        panic!(
            "{definitions} definitions extracted, {} code rows generated; per format:\n{}",
            stats.code_rows,
            per_format_definitions(&compiled.kb, &stats)
        );
    }
    assert_eq!(compiled.kb.error_codes.len(), stats.distinct_codes);
}

/// Definitions extracted against rows generated, per format, then the files that differ: says
/// which parser lost (or invented) rows, and where to look.
fn per_format_definitions(kb: &errdex::kb::KnowledgeBase, stats: &common::CorpusStats) -> String {
    let found_in = |file: &common::CorpusFile| -> usize {
        let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        kb.error_codes
            .iter()
            .flat_map(|c| &c.definitions)
            .filter(|d| d.source == stem)
            .count()
    };
    let mut report = String::new();
    let mut differing = String::new();
    for (format, _) in common::FORMATS {
        let (mut found, mut expected) = (0, 0);
        for file in stats.files_in(format) {
            let here = found_in(file);
            found += here;
            expected += file.code_rows;
            if here != file.code_rows {
                differing.push_str(&format!(
                    "    {}: {here} of {}\n",
                    file.path.display(),
                    file.code_rows
                ));
            }
        }
        report.push_str(&format!("  {format:?}: {found} of {expected}\n"));
    }
    report + "  files that differ:\n" + &differing
}
