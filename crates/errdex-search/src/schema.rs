//! The index schema: one tantivy document per searchable entry.
//!
//! | field | how | holds |
//! | --- | --- | --- |
//! | `kind` | raw, stored | `error_code`, `enum_value`, `operation`, `parameter`, `field` |
//! | `name` | stored | the code, value, `METHOD path` or field name as written |
//! | `code` | code parts | the same, for exact and partial code matches |
//! | `code_key` | raw | canonical error code, on one entry per code (the explain lookup) |
//! | `service` | raw, stored | upper-case service |
//! | `status` | u64, indexed, stored | HTTP status |
//! | `title`, `message`, `description`, `solution` | text, stored | prose, English and CJK |
//! | `source`, `line` | stored | source path and 1-based line |
//! | `explanation` | stored | the precomputed [`errdex_core::explain::Explanation`] as JSON |

use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::tokenizer;

/// Bumped whenever the schema, the analyzers or the stored explanation's layout change, so
/// older indexes are rebuilt (2: the stated meaning with its agreement and translations;
/// 3: places carry the source id and the upstream address; 4: retired codes and values, and
/// `retired` in the stored explanation).
pub const FORMAT_VERSION: u32 = 4;

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Entry kind.
    pub kind: Field,
    /// Display name.
    pub name: Field,
    /// Code parts of the name.
    pub code: Field,
    /// Canonical code, one entry per error code.
    pub code_key: Field,
    /// Upper-case service.
    pub service: Field,
    /// HTTP status.
    pub status: Field,
    /// Title or context (enum name, operation).
    pub title: Field,
    /// Message or main description.
    pub message: Field,
    /// Longer description.
    pub description: Field,
    /// What to do.
    pub solution: Field,
    /// Source path.
    pub source: Field,
    /// Source line.
    pub line: Field,
    /// Stored explanation JSON.
    pub explanation: Field,
}

impl Fields {
    /// The text fields searched by words, with their boosts.
    pub fn prose(&self) -> [(Field, f32); 4] {
        [
            (self.message, 2.0),
            (self.title, 1.5),
            (self.solution, 1.0),
            (self.description, 1.0),
        ]
    }

    /// The text fields a snippet is taken from, in order of preference.
    pub fn snippet_sources(&self) -> [Field; 4] {
        [self.message, self.description, self.solution, self.title]
    }
}

fn prose_options() -> TextOptions {
    TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer::TEXT)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

fn code_options() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer::CODE)
            .set_index_option(IndexRecordOption::WithFreqs),
    )
}

/// The schema and its field handles.
pub fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let fields = Fields {
        kind: builder.add_text_field("kind", STRING | STORED),
        name: builder.add_text_field("name", STORED),
        code: builder.add_text_field("code", code_options()),
        code_key: builder.add_text_field("code_key", STRING),
        service: builder.add_text_field("service", STRING | STORED),
        status: builder.add_u64_field("status", INDEXED | STORED),
        title: builder.add_text_field("title", prose_options()),
        message: builder.add_text_field("message", prose_options()),
        description: builder.add_text_field("description", prose_options()),
        solution: builder.add_text_field("solution", prose_options()),
        source: builder.add_text_field("source", STORED),
        line: builder.add_u64_field("line", STORED),
        explanation: builder.add_text_field("explanation", STORED),
    };
    (builder.build(), fields)
}

/// Field handles of an opened index, looked up by name.
pub fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let get = |name: &str| schema.get_field(name);
    Ok(Fields {
        kind: get("kind")?,
        name: get("name")?,
        code: get("code")?,
        code_key: get("code_key")?,
        service: get("service")?,
        status: get("status")?,
        title: get("title")?,
        message: get("message")?,
        description: get("description")?,
        solution: get("solution")?,
        source: get("source")?,
        line: get("line")?,
        explanation: get("explanation")?,
    })
}
