//! Parser for the html format (being written).

use crate::document::Document;
use crate::parse::ParseProblem;

/// Parses a html source into the document IR.
pub fn parse(_text: &str) -> Result<Document, Vec<ParseProblem>> {
    Ok(Document::default())
}
