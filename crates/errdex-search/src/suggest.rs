//! Near words and codes for a query that found nothing, from the index's dictionaries.

use tantivy::Searcher;
use tantivy::schema::Field;

use crate::IndexError;
use crate::schema::Fields;
use crate::synonyms::MARK;
use crate::text::{QueryWord, is_cjk_word};
use errdex_core::kb::canonical_code;
use errdex_core::suggest::{nearest_codes, nearest_terms};

/// How many near words or codes one query word gets.
const SUGGESTIONS: usize = 5;

/// Every term of a field with the number of documents holding it.
pub(crate) fn dictionary(
    searcher: &Searcher,
    field: Field,
) -> Result<Vec<(String, u32)>, IndexError> {
    let mut terms = Vec::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().stream().map_err(|source| IndexError::Io {
            path: "term dictionary".into(),
            source,
        })?;
        while stream.advance() {
            terms.push((
                String::from_utf8_lossy(stream.key()).into_owned(),
                stream.value().doc_freq,
            ));
        }
    }
    Ok(terms)
}

/// Near words for each query word of three letters or more, and near codes for a word that
/// holds a digit.
pub(crate) fn suggestions(
    searcher: &Searcher,
    fields: &Fields,
    words: &[QueryWord],
) -> Result<Vec<String>, IndexError> {
    let mut out: Vec<String> = Vec::new();
    // Synonym tokens (`~server`) are the index's own words, never suggested nor asked for.
    let words: Vec<&QueryWord> = words.iter().filter(|w| !w.text.starts_with(MARK)).collect();
    let plain: Vec<&QueryWord> = words
        .iter()
        .copied()
        .filter(|w| w.chars >= 3 && !is_cjk_word(&w.text))
        .collect();
    if plain
        .iter()
        .any(|w| !w.text.chars().any(|c| c.is_ascii_digit()))
    {
        let mut terms: Vec<(String, u32)> = dictionary(searcher, fields.words)?
            .into_iter()
            .filter(|(t, _)| !t.chars().any(|c| c.is_ascii_digit()) && !t.starts_with(MARK))
            .collect();
        terms.sort();
        terms.dedup_by(|a, b| a.0 == b.0);
        for word in plain
            .iter()
            .filter(|w| !w.text.chars().any(|c| c.is_ascii_digit()))
        {
            out.extend(nearest_terms(&word.text, &terms, SUGGESTIONS));
        }
    }
    let code: String = words.iter().map(|w| w.text.as_str()).collect();
    if code.chars().any(|c| c.is_ascii_digit()) && !canonical_code(&code).is_empty() {
        let codes = dictionary(searcher, fields.code_key)?;
        out.extend(nearest_codes(
            &code,
            codes.iter().map(|(code, _)| code.as_str()),
            SUGGESTIONS,
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|s| seen.insert(s.clone()));
    out.truncate(SUGGESTIONS * 2);
    Ok(out)
}
