//! No input can make the pipeline panic: arbitrary text and text stitched together from the
//! syntax of every format go through sniffing, parsing and extraction.

use errdex::ingest::source_from_text;
use proptest::prelude::*;

/// Pieces of every format's syntax, so generated inputs reach deep into the parsers.
const FRAGMENTS: &[&str] = errdex::fuzzing::SYNTAX;

fn compile(text: &str) {
    let source = source_from_text("fuzz.txt", text);
    if let Ok(document) = errdex::parse::parse(source.format, &source.text) {
        let _ = errdex::extract::extract(&source, &document);
    }
    for format in [
        errdex::parse::Format::Markdown,
        errdex::parse::Format::Rst,
        errdex::parse::Format::Html,
        errdex::parse::Format::Text,
    ] {
        if let Ok(document) = errdex::parse::parse(format, text) {
            let _ = errdex::extract::extract(&source, &document);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        compile(&text);
    }

    #[test]
    fn stitched_syntax_never_panics(pieces in prop::collection::vec(0..FRAGMENTS.len(), 0..60)) {
        let text: String = pieces.iter().map(|&i| FRAGMENTS[i]).collect();
        compile(&text);
    }
}
