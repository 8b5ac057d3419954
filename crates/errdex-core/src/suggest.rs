//! "Did you mean": nearest known codes and terms by edit distance.
//!
//! Plain functions over candidate lists, shared by `explain` (codes from `kb.json` or from the
//! index) and `search` (terms from the index's dictionaries when a query finds nothing).

use std::collections::BTreeMap;

use crate::kb::canonical_code;

/// Edit distance with adjacent transpositions counted as one edit (optimal string alignment),
/// over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// How far a word of `length` characters may be from a suggestion.
pub fn tolerance(length: usize) -> usize {
    match length {
        0..=3 => 1,
        4..=7 => 2,
        _ => 3,
    }
}

/// The known codes nearest to `query`, written as known, best first: codes that end with the
/// query (`6007` → `CSS.6007`) or contain it, then codes within a small edit distance of its
/// canonical form; ties in code order.
pub fn nearest_codes<'a>(
    query: &str,
    known: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<String> {
    let wanted = canonical_code(query);
    if wanted.is_empty() {
        return Vec::new();
    }
    let wanted_length = wanted.chars().count();
    let allowed = tolerance(wanted_length);
    let mut ranked: BTreeMap<(usize, usize, String), String> = BTreeMap::new();
    for code in known {
        let key = canonical_code(code);
        let rank = if key.ends_with(&wanted) {
            Some((0, key.len() - wanted.len()))
        } else if key.contains(&wanted) {
            Some((1, key.len() - wanted.len()))
        } else if key.chars().count().abs_diff(wanted_length) <= allowed {
            let distance = edit_distance(&wanted, &key);
            (distance <= allowed).then_some((2, distance))
        } else {
            None
        };
        if let Some((class, distance)) = rank {
            ranked
                .entry((class, distance, key))
                .or_insert_with(|| code.to_string());
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    ranked
        .into_iter()
        .filter(|((_, _, key), _)| seen.insert(key.clone()))
        .map(|(_, code)| code)
        .take(limit)
        .collect()
}

/// The terms nearest to `word` by edit distance, each with how many entries use it: closest
/// first, then most used, then alphabetical.
pub fn nearest_terms(word: &str, terms: &[(String, u32)], limit: usize) -> Vec<String> {
    let length = word.chars().count();
    let allowed = tolerance(length);
    let mut ranked: Vec<(usize, std::cmp::Reverse<u32>, &str)> = terms
        .iter()
        .filter(|(term, _)| term != word && term.chars().count().abs_diff(length) <= allowed)
        .filter_map(|(term, used)| {
            let distance = edit_distance(word, term);
            (distance <= allowed).then_some((distance, std::cmp::Reverse(*used), term.as_str()))
        })
        .collect();
    ranked.sort();
    ranked
        .into_iter()
        .take(limit)
        .map(|(_, _, term)| term.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("snapshot", "snapshto"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("快照", "快速"), 1);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn nearest_codes_prefer_suffix_then_distance() {
        let known = ["CSS.6007", "DWS.6007", "CSS.6008", "ECS.0013", "css.6070"];
        assert_eq!(
            nearest_codes("6007", known, 5),
            vec!["CSS.6007", "DWS.6007"]
        );
        assert_eq!(
            nearest_codes("CSS-6009", known, 2),
            vec!["CSS.6007", "CSS.6008"]
        );
        assert_eq!(nearest_codes("css6070", known, 1), vec!["css.6070"]);
        assert!(nearest_codes("...", known, 5).is_empty());
        assert!(nearest_codes("QQQ.9999999", known, 5).is_empty());
    }

    #[test]
    fn nearest_terms_rank_by_distance_then_use() {
        let terms = vec![
            ("snapshot".to_string(), 3),
            ("snapshots".to_string(), 9),
            ("bucket".to_string(), 5),
        ];
        assert_eq!(
            nearest_terms("snapsht", &terms, 2),
            vec!["snapshot", "snapshots"]
        );
        assert!(nearest_terms("zzz", &terms, 2).is_empty());
    }
}
