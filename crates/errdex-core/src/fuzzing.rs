//! What a fuzz target does with one input, shared by the cargo-fuzz targets (`fuzz/`) and the
//! stable fuzz runner (`cargo bench --bench fuzz`): the input goes through the same stages as a
//! page of a build (decode, sniff or a forced format, parse, extract), so a panic or a
//! super-linear construct anywhere on that path shows up.

use crate::extract::extract;
use crate::ingest::source_from_text;
use crate::parse::{Format, parse};

/// Pieces of every format's syntax, so generated inputs reach deep into the parsers.
pub const SYNTAX: &[&str] = &[
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td rowspan=\"3\">",
    "<td colspan=\"99\">",
    "</td>",
    "<th>Error Code</th>",
    "<thead>",
    "<li>",
    "&lt;",
    "&#x4e2d;",
    "<script>x</script>",
    "+----+----+",
    "+====+====+",
    "| a  | b  |",
    "====  ====",
    ".. list-table::",
    "   :header-rows: 1",
    "   * - Error Code",
    "     - Message",
    "Title\n=====",
    "**bold**",
    "4\\ *xx*",
    "\\{x\\}",
    "# Heading",
    "| Error Code | Message |",
    "|---|---|",
    "```json",
    "```",
    "{\"a\": [1, {\"b\": null}]}",
    "Table 1 Errors",
    "Error Code",
    "Error Message",
    "Solution",
    "Parameter",
    "Mandatory",
    "Type",
    "Description",
    "String",
    "Array of X objects",
    "Yes",
    "400",
    "CSS.6007",
    "GET /v1/{id}/x",
    "Status code: 200",
    "createFail: a.deleteFail: b",
    "错误码",
    "处理措施",
    "状态码",
    "\u{feff}",
    "\t",
    " ",
    "\n",
    "\n\n",
    "é",
    "中",
    "\r\n",
];

/// The parsers a fuzz target can aim at; `None` sniffs the format as a build does.
pub const TARGETS: [(&str, Option<Format>); 5] = [
    ("sniffed", None),
    ("markdown", Some(Format::Markdown)),
    ("rst", Some(Format::Rst)),
    ("html", Some(Format::Html)),
    ("text", Some(Format::Text)),
];

/// Parses and extracts one input as `format` (sniffed when `None`). Bytes that are not UTF-8
/// are replaced, as a fuzzer's inputs are arbitrary bytes. Returns how many facts were
/// extracted, so an optimizer cannot skip the work.
pub fn parse_and_extract(format: Option<Format>, data: &[u8]) -> usize {
    let text = String::from_utf8_lossy(data);
    let mut file = source_from_text("fuzz/input.txt", &text);
    if let Some(format) = format {
        file.format = format;
    }
    match parse(file.format, &file.text) {
        Ok(document) => {
            let extraction = extract(&file, &document);
            extraction.definitions.len()
                + extraction.enums.len()
                + extraction.operations.len()
                + extraction.mentions.len()
        }
        Err(problems) => problems.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_reads_a_table() {
        let page = b"# Errors\n\n| Status Code | Error Code | Error Message |\n| --- | --- | --- |\n| 400 | X.1 | Bad. |\n";
        assert_eq!(parse_and_extract(None, page), 1);
        assert_eq!(parse_and_extract(Some(Format::Markdown), page), 1);
        for (_, format) in TARGETS {
            parse_and_extract(format, b"\xff\xfe<table><tr><td>");
        }
    }
}
