//! Normalize: per-document extractions in, one sorted knowledge base out.
//!
//! Steps: group definitions by service and canonical code (`css.6007` and `CSS.6007` are one
//! code), keep definitions in source order, sort every list by a stable key so two builds of
//! the same input give byte-identical output. No timestamps, no hash-map order.

use std::collections::BTreeMap;

use crate::extract::Extraction;
use crate::kb::{ErrorCode, KnowledgeBase, SCHEMA_VERSION, canonical_code};

/// Merges extractions into one knowledge base (findings are added later by `check`).
pub fn assemble(extractions: Vec<Extraction>) -> KnowledgeBase {
    let mut kb = KnowledgeBase {
        schema_version: SCHEMA_VERSION,
        ..KnowledgeBase::default()
    };
    let mut codes: BTreeMap<(String, String), ErrorCode> = BTreeMap::new();
    for extraction in extractions {
        kb.sources.extend(extraction.source);
        for item in extraction.definitions {
            let key = (
                canonical_code(&item.definition.code_text),
                item.service.clone(),
            );
            codes
                .entry(key)
                .or_insert_with(|| ErrorCode {
                    code: item.definition.code_text.clone(),
                    service: item.service.clone(),
                    definitions: Vec::new(),
                    authoritative: 0,
                })
                .definitions
                .push(item.definition);
        }
        kb.enums.extend(extraction.enums);
        kb.operations.extend(extraction.operations);
        kb.mentions.extend(extraction.mentions);
    }
    kb.sources.sort_by(|a, b| a.id.cmp(&b.id));
    let source_order: BTreeMap<String, usize> = kb
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();
    let order = |source: &str| source_order.get(source).copied().unwrap_or(usize::MAX);
    kb.error_codes = codes
        .into_values()
        .map(|mut code| {
            code.definitions.sort_by_key(|d| (order(&d.source), d.line));
            if let Some(first) = code.definitions.first() {
                code.code = first.code_text.clone();
            }
            code
        })
        .collect();
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
