//! `kb.json` and its JSON Schema `kb.schema.json`.

use crate::kb::KnowledgeBase;

/// The knowledge base as pretty JSON with a final newline (keys in declaration order, lists
/// already sorted by `normalize`).
pub fn kb_json(kb: &KnowledgeBase) -> String {
    let mut text = serde_json::to_string_pretty(kb).expect("knowledge base types always serialize");
    text.push('\n');
    text
}

/// The JSON Schema (draft 2020-12) of `kb.json`, derived from the Rust types so the two can
/// never drift apart.
pub fn kb_schema_json() -> String {
    let mut schema = schemars::schema_for!(KnowledgeBase);
    schema.insert(
        "$id".to_string(),
        serde_json::Value::String("https://errdex.invalid/kb.schema.json".to_string()),
    );
    schema.insert(
        "description".to_string(),
        serde_json::Value::String(
            "errdex knowledge base: error codes, enumerations, API operations and findings extracted from documentation, each with its source file and line.".to_string(),
        ),
    );
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serializes");
    text.push('\n');
    text
}
