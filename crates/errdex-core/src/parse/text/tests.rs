use super::*;
use proptest::prelude::*;

fn blocks(text: &str) -> Vec<Block> {
    parse(text).expect("text parsing never fails").blocks
}

fn tables(text: &str) -> Vec<Table> {
    blocks(text)
        .into_iter()
        .filter_map(|b| match b.kind {
            BlockKind::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn lines(items: &[&str]) -> String {
    items.join("\n\n")
}

fn cells(table: &Table) -> Vec<Vec<&str>> {
    table
        .rows
        .iter()
        .map(|r| r.cells.iter().map(String::as_str).collect())
        .collect()
}

#[test]
fn title_skips_update_stamp() {
    let doc = parse("Updated on 2025-10-16 GMT+08:00\n\nQuerying Tasks\n\nText.\n").unwrap();
    assert_eq!(doc.title.as_deref(), Some("Querying Tasks"));
    assert_eq!(
        doc.blocks[1],
        Block::new(
            3,
            BlockKind::Heading {
                level: 1,
                text: "Querying Tasks".into()
            }
        )
    );
}

#[test]
fn headings_and_paragraphs() {
    let text = lines(&[
        "Title",
        "URI",
        "GET /v3/{project_id}/failed-tasks",
        "Response Parameters",
        "Status code: 200",
        "Some Section",
        "A sentence follows here.",
        "OK",
        "{\"a\": 1}",
    ]);
    let kinds: Vec<BlockKind> = blocks(&text).into_iter().map(|b| b.kind).collect();
    let heading = |t: &str| BlockKind::Heading {
        level: 2,
        text: t.into(),
    };
    let paragraph = |t: &str| BlockKind::Paragraph { text: t.into() };
    assert_eq!(kinds[1], heading("URI"));
    assert_eq!(kinds[2], paragraph("GET /v3/{project_id}/failed-tasks"));
    assert_eq!(kinds[3], heading("Response Parameters"));
    assert_eq!(kinds[4], paragraph("Status code: 200"));
    assert_eq!(kinds[5], heading("Some Section"));
    assert_eq!(kinds[7], paragraph("OK"));
}

#[test]
fn json_block_keeps_indentation_and_line() {
    let text = "Title\n\nExample\n\n{\n  \"a\" : [ 1,\n\n 2 ],\n  \"b\": \"}\"\n}\n\nAfter.\n";
    let all = blocks(text);
    assert_eq!(
        all[2],
        Block::new(
            5,
            BlockKind::Code {
                language: Some("json".into()),
                text: "{\n  \"a\" : [ 1,\n\n 2 ],\n  \"b\": \"}\"\n}".into()
            }
        )
    );
    assert_eq!(all[3].line, 12);
}

#[test]
fn unbalanced_or_placeholder_braces_are_paragraphs() {
    let all = blocks("T\n\n{\n  \"a\": 1\n\n{name} not found.\n");
    assert!(
        all.iter()
            .all(|b| !matches!(b.kind, BlockKind::Code { .. }))
    );
}

#[test]
fn parameter_table_with_caption() {
    let text = lines(&[
        "T",
        "Table 1 Path Parameters",
        "Parameter",
        "Mandatory",
        "Type",
        "Description",
        "project_id",
        "Yes",
        "String",
        "Project ID.",
        "limit",
        "No",
        "Integer",
        "Page size.",
        "Default value: 1000",
    ]);
    let all = tables(&text);
    assert_eq!(all.len(), 1);
    let table = &all[0];
    assert_eq!(table.caption.as_deref(), Some("Table 1 Path Parameters"));
    assert_eq!(
        table.header,
        ["Parameter", "Mandatory", "Type", "Description"]
    );
    assert_eq!(
        cells(table),
        [
            vec!["project_id", "Yes", "String", "Project ID."],
            vec!["limit", "No", "Integer", "Page size.\nDefault value: 1000"],
        ]
    );
    assert_eq!(table.rows[0].line, 13);
    assert_eq!(table.rows[1].line, 21);
}

#[test]
fn lowercase_value_after_header_is_a_row() {
    let text = lines(&[
        "Table 2 Response",
        "Parameter",
        "Type",
        "Description",
        "status",
        "String",
        "Task status.",
        "- SUCCESS: done",
        "entities",
        "Object",
        "Task object.",
    ]);
    let table = &tables(&text)[0];
    assert_eq!(table.header, ["Parameter", "Type", "Description"]);
    assert_eq!(
        cells(table),
        [
            vec!["status", "String", "Task status.\n- SUCCESS: done"],
            vec!["entities", "Object", "Task object."],
        ]
    );
}

#[test]
fn missing_cells_vanish() {
    let text = lines(&[
        "Table 1 P",
        "Parameter",
        "Mandatory",
        "Type",
        "Description",
        "a",
        "Yes",
        "String",
        "b",
        "No",
        "Described.",
    ]);
    assert_eq!(
        cells(&tables(&text)[0]),
        [
            vec!["a", "Yes", "String", ""],
            vec!["b", "No", "", "Described."]
        ]
    );
}

#[test]
fn error_code_table_without_caption_after_heading() {
    let text = lines(&[
        "Error Codes",
        "Context",
        "Some words.",
        "Error Codes",
        "HTTP Status Code",
        "Error Code",
        "Error Message",
        "Description",
        "Solution",
        "400",
        "Ecs.0000",
        "Bad request.",
        "Request error.",
        "Check it.",
        "500",
        "Ecs.0615",
        "thread List is empty.",
        "An error occurred.",
        "An internal error occurred.",
        "Contact support.",
        "Ecs.0616",
        "Please try again or contact",
        "technical support",
        "Internal.",
        "Retry.",
        "Parent topic: Appendix",
    ]);
    let all = blocks(&text);
    assert_eq!(
        all[3].kind,
        BlockKind::Heading {
            level: 2,
            text: "Error Codes".into()
        }
    );
    let table = &tables(&text)[0];
    assert_eq!(table.header.len(), 5);
    assert_eq!(table.header[0], "HTTP Status Code");
    assert_eq!(
        cells(table),
        [
            vec![
                "400",
                "Ecs.0000",
                "Bad request.",
                "Request error.",
                "Check it."
            ],
            vec![
                "500",
                "Ecs.0615",
                "thread List is empty.",
                "An error occurred.",
                "An internal error occurred.\nContact support."
            ],
            vec![
                "",
                "Ecs.0616",
                "Please try again or contact\ntechnical support",
                "Internal.",
                "Retry."
            ],
        ]
    );
    assert!(matches!(
        all.last().map(|b| &b.kind),
        Some(BlockKind::Paragraph { .. })
    ));
}

#[test]
fn enum_table_ends_at_known_heading() {
    let text = lines(&[
        "Viewing Failures",
        "Table 1 Failure types",
        "Failure Type",
        "Description",
        "Creation failures",
        "A task failed.",
        "Operation failures",
        "Modifying specifications",
        "If modification failed, it is recorded.",
        "Procedure",
        "Log in to the console.",
    ]);
    let table = &tables(&text)[0];
    assert_eq!(
        cells(table),
        [
            vec!["Creation failures", "A task failed."],
            vec![
                "Operation failures",
                "Modifying specifications\nIf modification failed, it is recorded."
            ],
        ]
    );
    let all = blocks(&text);
    assert!(matches!(&all[2].kind, BlockKind::Heading { text, .. } if text == "Procedure"));
}

#[test]
fn numeric_enum_and_status_table() {
    let text = lines(&[
        "Table 1 Job statuses",
        "Status Value",
        "Description",
        "0",
        "UNKNOWN: Unknown.",
        "1",
        "INIT: Initializing.",
        "Status Codes",
        "Status Code",
        "Description",
        "200",
        "OK",
        "400",
        "Error response",
        "Error Codes",
        "See Error Codes.",
    ]);
    let all = tables(&text);
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].rows.len(), 2);
    assert_eq!(all[1].header, ["Status Code", "Description"]);
    assert_eq!(
        cells(&all[1]),
        [vec!["200", "OK"], vec!["400", "Error response"]]
    );
}

#[test]
fn table_ends_at_json_and_status_line() {
    let text = lines(&[
        "Table 4 Response body parameters",
        "Parameter",
        "Type",
        "Description",
        "error_code",
        "String",
        "Error Codes",
        "error_msg",
        "String",
        "Description",
        "Status code: 200",
        "{",
        "}",
    ]);
    let table = &tables(&text)[0];
    assert_eq!(
        cells(table),
        [
            vec!["error_code", "String", "Error Codes"],
            vec!["error_msg", "String", "Description"]
        ]
    );
}

#[test]
fn header_without_rows_stays_text() {
    let text = lines(&["Title", "Status Code", "Description", "Parent topic: X"]);
    assert!(tables(&text).is_empty());
    assert_eq!(blocks(&text).len(), 4);
}

#[test]
fn single_header_word_is_not_a_table() {
    assert!(tables(&lines(&["T", "Description", "Some text."])).is_empty());
}

#[test]
fn status_after_description_is_not_a_new_row() {
    let text = lines(&[
        "Table 1 OBS error codes",
        "Error Code",
        "Description",
        "HTTP Status Code",
        "AccessDenied",
        "Access denied.",
        "403 Forbidden",
        "InvalidAddressingHeader",
        "The anonymous role must be specified.",
        "N/A",
        "InvalidArgument",
        "Invalid argument.",
        "More words.",
        "400 Bad Request",
    ]);
    assert_eq!(
        cells(&tables(&text)[0]),
        [
            vec!["AccessDenied", "Access denied.", "403 Forbidden"],
            vec![
                "InvalidAddressingHeader",
                "The anonymous role must be specified.",
                "N/A"
            ],
            vec![
                "InvalidArgument",
                "Invalid argument.\nMore words.",
                "400 Bad Request"
            ],
        ]
    );
}

#[test]
fn numeric_codes_and_heading_between_tables() {
    let text = lines(&[
        "T",
        "Status Code",
        "Error Code",
        "Description",
        "400",
        "10240002",
        "Too many queues.",
        "Queue Error Codes",
        "Status Code",
        "Error Code",
        "Description",
        "500",
        "10240005",
        "Bad project.",
    ]);
    let all = tables(&text);
    assert_eq!(all.len(), 2);
    assert_eq!(
        cells(&all[0]),
        [vec!["400", "10240002", "Too many queues."]]
    );
    assert_eq!(cells(&all[1]), [vec!["500", "10240005", "Bad project."]]);
}

#[test]
fn lower_case_value_after_chinese_header_is_a_row() {
    let text = lines(&[
        "表 2 响应参数",
        "参数",
        "参数类型",
        "描述",
        "status",
        "String",
        "状态。",
    ]);
    let table = &tables(&text)[0];
    assert_eq!(table.header, ["参数", "参数类型", "描述"]);
    assert_eq!(cells(table), [vec!["status", "String", "状态。"]]);
}

#[test]
fn vanished_first_cell_does_not_panic() {
    // Regression: a row whose strict prefix reaches past the next candidate block.
    let text = lines(&[
        "T",
        "Table 1 P",
        "Parameter",
        "Type",
        "Description",
        "a",
        "String",
    ]);
    assert_eq!(cells(&tables(&text)[0]), [vec!["a", "String", ""]]);
}

#[test]
fn line_shapes() {
    assert!(is_http_status("400") && is_http_status("N/A") && is_http_status("400/404"));
    assert!(is_http_status("403 Forbidden") && !is_http_status("400 errors occurred."));
    assert!(is_error_code("10240002") && is_error_code("DCS. 4855") && !is_error_code("400"));
    assert!(!is_http_status("4000") && !is_http_status("abc"));
    assert!(is_error_code("Ecs.0013") && is_error_code("CSS-6007"));
    assert!(!is_error_code("project_id") && !is_error_code("X-Auth-Token"));
    assert!(is_data_type("Array of FailedTasks objects") && is_data_type("Map<String,String>"));
    assert!(is_data_type("String") && !is_data_type("String of text here."));
    assert!(is_mandatory("Yes") && is_mandatory("否") && !is_mandatory("Nothing"));
}

#[test]
fn chinese_text_does_not_break_slicing() {
    let text = lines(&[
        "表 1 错误码",
        "状态码",
        "错误码",
        "错误信息",
        "400",
        "Ecs.0001",
        "参数错误。",
    ]);
    let table = &tables(&text)[0];
    assert_eq!(cells(table), [vec!["400", "Ecs.0001", "参数错误。"]]);
}

const PIECES: &[&str] = &[
    "Table 1 X",
    "表 2 错误码",
    "Parameter",
    "Type",
    "Mandatory",
    "Description",
    "Status Code",
    "Error Code",
    "Error Message",
    "Solution",
    "Status",
    "400",
    "Ecs.0001",
    "Yes",
    "No",
    "String",
    "project_id",
    "0",
    "A sentence.",
    "- bullet",
    "• item",
    "NOTE: x",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "Status code: 200",
    "Parent topic: A",
    "Procedure",
    "",
    "é",
    "状态",
    "Updated on 2025",
    "GET /v1/x",
    "{\"a\": \"}\"}",
];

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(text in "\\PC{0,400}") {
        let _ = parse(&text);
    }

    #[test]
    fn never_panics_on_table_like_text(
        picks in proptest::collection::vec((0..PIECES.len(), 0..3usize), 0..60)
    ) {
        let text: String = picks
            .iter()
            .map(|&(k, sep)| format!("{}{}", PIECES[k], ["\n", "\n\n", " "][sep]))
            .collect();
        let doc = parse(&text).expect("never fails");
        for block in doc.blocks {
            if let BlockKind::Table(table) = block.kind {
                for row in table.rows {
                    prop_assert_eq!(row.cells.len(), table.header.len());
                }
            }
        }
    }
}
