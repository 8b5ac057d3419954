//! Tokenizers of the search index.
//!
//! - [`MixedScriptTokenizer`] reads text that mixes Latin words and CJK runs: Latin letters and
//!   digits form words (later lower-cased and stemmed), a CJK run becomes overlapping character
//!   bigrams (`快照策略` → `快照`, `照策`, `策略`), so a two-character Chinese word matches
//!   wherever it occurs without a dictionary.
//! - [`CodePartsTokenizer`] reads an error code or a name and emits its canonical form plus its
//!   parts (`CSS.6007` → `css6007`, `css`, `6007`), so `6007`, `css6007` and `CSS.6007` all reach
//!   the code.

use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// Name under which the text analyzer is registered.
pub const TEXT: &str = "errdex_text";
/// Name under which the code analyzer is registered.
pub const CODE: &str = "errdex_code";

/// Words longer than this are not indexed (hashes, base64 blobs).
const LONGEST_WORD: usize = 60;

/// The analyzer for prose fields: mixed-script words and bigrams, lower-cased, English stems.
pub fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(MixedScriptTokenizer)
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The analyzer for code and name fields.
pub fn code_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(CodePartsTokenizer).build()
}

/// Registers both analyzers on an index (needed after every open).
pub fn register(index: &tantivy::Index) {
    index.tokenizers().register(TEXT, text_analyzer());
    index.tokenizers().register(CODE, code_analyzer());
}

/// True for characters of scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xAC00..=0xD7AF   // Hangul syllables
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0x20000..=0x2FA1F // CJK extensions B…F, compatibility supplement
    )
}

/// A precomputed list of tokens handed out one by one (in reverse storage, so advancing is a
/// `pop`).
pub struct VecTokenStream {
    pending: Vec<Token>,
    current: Token,
}

impl VecTokenStream {
    fn new(mut tokens: Vec<Token>) -> Self {
        tokens.reverse();
        VecTokenStream {
            pending: tokens,
            current: Token::default(),
        }
    }
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        match self.pending.pop() {
            Some(token) => {
                self.current = token;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

fn token(text: &str, from: usize, to: usize, position: usize) -> Token {
    Token {
        offset_from: from,
        offset_to: to,
        position,
        text: text[from..to].to_string(),
        position_length: 1,
    }
}

/// Latin words and CJK bigrams; see the module doc.
#[derive(Clone, Default)]
pub struct MixedScriptTokenizer;

impl Tokenizer for MixedScriptTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream::new(mixed_script_tokens(text))
    }
}

/// The character class a tokenizer run is made of.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Run {
    Word,
    Cjk,
    Other,
}

fn run_of(c: char) -> Run {
    if is_cjk(c) {
        Run::Cjk
    } else if c.is_alphanumeric() {
        Run::Word
    } else {
        Run::Other
    }
}

/// Splits `text` into runs of one class: (class, start byte, end byte).
fn runs(text: &str) -> Vec<(Run, usize, usize)> {
    let mut runs: Vec<(Run, usize, usize)> = Vec::new();
    for (at, c) in text.char_indices() {
        let class = run_of(c);
        let end = at + c.len_utf8();
        match runs.last_mut() {
            Some((last, _, last_end)) if *last == class => *last_end = end,
            _ => runs.push((class, at, end)),
        }
    }
    runs
}

fn mixed_script_tokens(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for (class, start, end) in runs(text) {
        match class {
            Run::Word => tokens.push(token(text, start, end, tokens.len())),
            Run::Cjk => {
                let offsets: Vec<usize> = text[start..end]
                    .char_indices()
                    .map(|(i, _)| start + i)
                    .chain(std::iter::once(end))
                    .collect();
                if offsets.len() == 2 {
                    tokens.push(token(text, start, end, tokens.len()));
                }
                for pair in offsets.windows(3) {
                    tokens.push(token(text, pair[0], pair[2], tokens.len()));
                }
            }
            Run::Other => {}
        }
    }
    tokens
}

/// Canonical code and its parts; see the module doc.
#[derive(Clone, Default)]
pub struct CodePartsTokenizer;

impl Tokenizer for CodePartsTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let tokens = code_parts(text)
            .into_iter()
            .enumerate()
            .map(|(position, part)| Token {
                offset_from: 0,
                offset_to: text.len(),
                position,
                text: part,
                position_length: 1,
            })
            .collect();
        VecTokenStream::new(tokens)
    }
}

/// The lower-case canonical form of a code, then its alphanumeric segments, then the digit runs
/// of two or more digits inside a segment (`DRS.M00002` → `drsm00002`, `drs`, `m00002`,
/// `00002`), without repeats.
pub fn code_parts(code: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut push = |part: String| {
        if !part.is_empty() && !parts.contains(&part) {
            parts.push(part);
        }
    };
    push(errdex_core::kb::canonical_code(code).to_lowercase());
    for segment in code.split(|c: char| !c.is_alphanumeric()) {
        push(segment.to_lowercase());
        for digits in segment.split(|c: char| !c.is_ascii_digit()) {
            if digits.len() >= 2 {
                push(digits.to_string());
            }
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn english_words_are_lowercased_and_stemmed() {
        assert_eq!(
            texts(text_analyzer(), "Snapshots FAILED: bucket_gone"),
            vec!["snapshot", "fail", "bucket", "gone"]
        );
    }

    #[test]
    fn chinese_runs_become_bigrams() {
        assert_eq!(
            texts(text_analyzer(), "创建快照失败，配额不足"),
            vec![
                "创建", "建快", "快照", "照失", "失败", "配额", "额不", "不足"
            ]
        );
        assert_eq!(texts(text_analyzer(), "云"), vec!["云"]);
    }

    #[test]
    fn mixed_text_keeps_both_scripts_and_offsets() {
        let mut analyzer = text_analyzer();
        let mut stream = analyzer.token_stream("EIP配额 quota");
        let mut seen = Vec::new();
        while stream.advance() {
            let t = stream.token();
            seen.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        assert_eq!(
            seen,
            vec![
                ("eip".to_string(), 0, 3, 0),
                ("配额".to_string(), 3, 9, 1),
                ("quota".to_string(), 10, 15, 2)
            ]
        );
    }

    #[test]
    fn empty_and_symbol_only_text_has_no_tokens() {
        assert!(texts(text_analyzer(), "").is_empty());
        assert!(texts(text_analyzer(), " -- ，。 ").is_empty());
    }

    #[test]
    fn code_parts_reach_every_spelling() {
        assert_eq!(code_parts("CSS.6007"), vec!["css6007", "css", "6007"]);
        assert_eq!(
            code_parts("DRS.M00002"),
            vec!["drsm00002", "drs", "m00002", "00002"]
        );
        assert_eq!(code_parts("DCS. 4855"), vec!["dcs4855", "dcs", "4855"]);
        assert_eq!(code_parts("10240002"), vec!["10240002"]);
        assert!(code_parts(" . ").is_empty());
        assert_eq!(texts(code_analyzer(), "css6007"), vec!["css6007", "6007"]);
    }
}
