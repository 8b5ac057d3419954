//! Normalize: per-document extractions in, one sorted knowledge base out.
//!
//! Steps: group definitions by service and canonical code (`css.6007` and `CSS.6007` are one
//! code), keep definitions in source order, sort every list by a stable key so two builds of
//! the same input give byte-identical output. No timestamps, no hash-map order.

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

use crate::extract::Extraction;
use crate::kb::{ErrorCode, KnowledgeBase, SCHEMA_VERSION, canonical_code};

/// Merges extractions into one knowledge base (findings are added later by `check`).
pub fn assemble(extractions: Vec<Extraction>) -> KnowledgeBase {
    let mut kb = KnowledgeBase {
        schema_version: SCHEMA_VERSION,
        ..KnowledgeBase::default()
    };
    // Codes by canonical spelling and service; the list is sorted below, so the map's order
    // never shows.
    let total = |count: fn(&Extraction) -> usize| extractions.iter().map(count).sum::<usize>();
    let definitions = total(|e| e.definitions.len());
    let mut code_index: FxHashMap<(String, String), usize> =
        FxHashMap::with_capacity_and_hasher(definitions, Default::default());
    let mut codes: Vec<ErrorCode> = Vec::with_capacity(definitions);
    kb.sources.reserve(extractions.len());
    kb.enums.reserve(total(|e| e.enums.len()));
    kb.operations.reserve(total(|e| e.operations.len()));
    kb.mentions.reserve(total(|e| e.mentions.len()));
    for extraction in extractions {
        kb.sources.extend(extraction.source);
        for item in extraction.definitions {
            let key = (canonical_code(&item.definition.code_text), item.service);
            match code_index.entry(key) {
                Entry::Occupied(slot) => codes[*slot.get()].definitions.push(item.definition),
                Entry::Vacant(slot) => {
                    codes.push(ErrorCode {
                        code: item.definition.code_text.clone(),
                        service: slot.key().1.clone(),
                        // Most codes are defined once: room for exactly one.
                        definitions: vec![item.definition],
                        authoritative: 0,
                        meanings: Vec::new(),
                        ranked: Vec::new(),
                        retired: None,
                    });
                    slot.insert(codes.len() - 1);
                }
            }
        }
        kb.enums.extend(extraction.enums);
        kb.operations.extend(extraction.operations);
        kb.mentions.extend(extraction.mentions);
    }
    drop(code_index);
    kb.sources.sort_by(|a, b| a.id.cmp(&b.id));
    let source_order: FxHashMap<&str, usize> = kb
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let order = |source: &str| source_order.get(source).copied().unwrap_or(usize::MAX);
    for code in &mut codes {
        code.definitions.sort_by_key(|d| (order(&d.source), d.line));
        if let Some(first) = code.definitions.first() {
            code.code.clone_from(&first.code_text);
        }
    }
    kb.error_codes = codes;
    kb.error_codes
        .sort_by(|a, b| (&a.code, &a.service).cmp(&(&b.code, &b.service)));
    kb.enums.sort_by(|a, b| {
        (order(&a.source), a.line, &a.name).cmp(&(order(&b.source), b.line, &b.name))
    });
    kb.operations.sort_by(|a, b| {
        (order(&a.source), a.line, &a.method, &a.path).cmp(&(
            order(&b.source),
            b.line,
            &b.method,
            &b.path,
        ))
    });
    kb.mentions.sort_by(|a, b| {
        (order(&a.source), a.line, &a.code).cmp(&(order(&b.source), b.line, &b.code))
    });
    kb
}
