//! The index schema: one tantivy document per search document ([`crate::docs`]).
//!
//! | field | how | holds |
//! | --- | --- | --- |
//! | `words` | pre-tokenized, positions | the document's words at their ranking positions ([`crate::rank`]) |
//! | `facet` | raw | `kind:code`, `service:ecs`, `status:403` |
//! | `code_key` | raw | canonical error code of a code or mentioned code (the explain look-up) |
//! | `order` | u64, fast | the document's place in document order |
//! | `view` | stored | what a hit shows ([`crate::docs::DocView`]) as JSON |
//! | `explanation` | stored | the precomputed [`errdex_core::explain::Explanation`] as JSON |

use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// Bumped whenever the schema, the words or the stored layouts change, so older indexes are
/// rebuilt (2: the stated meaning with its agreement and translations; 3: one document per
/// code, field and value, words at ranking positions, and places with the source id and the
/// upstream address; 4: retired codes and values, and `retired` in the stored explanation; 5:
/// synonym tokens beside the words).
pub const FORMAT_VERSION: u32 = 5;

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Words at their positions.
    pub words: Field,
    /// Filter facets.
    pub facet: Field,
    /// Canonical code.
    pub code_key: Field,
    /// Document order.
    pub order: Field,
    /// Stored hit view JSON.
    pub view: Field,
    /// Stored explanation JSON.
    pub explanation: Field,
}

fn words_options() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_fieldnorms(false)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// The schema and its field handles.
pub fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let fields = Fields {
        words: builder.add_text_field("words", words_options()),
        facet: builder.add_text_field("facet", STRING),
        code_key: builder.add_text_field("code_key", STRING),
        order: builder.add_u64_field("order", FAST),
        view: builder.add_text_field("view", STORED),
        explanation: builder.add_text_field("explanation", STORED),
    };
    (builder.build(), fields)
}

/// Field handles of an opened index, looked up by name.
pub fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let get = |name: &str| schema.get_field(name);
    Ok(Fields {
        words: get("words")?,
        facet: get("facet")?,
        code_key: get("code_key")?,
        order: get("order")?,
        view: get("view")?,
        explanation: get("explanation")?,
    })
}
