use super::*;
use proptest::prelude::*;

fn table_of(block: &Block) -> &Table {
    match &block.kind {
        BlockKind::Table(table) => table,
        other => panic!("expected a table, got {other:?}"),
    }
}

fn tables(blocks: &[Block]) -> Vec<&Table> {
    blocks
        .iter()
        .filter_map(|block| match &block.kind {
            BlockKind::Table(table) => Some(table),
            _ => None,
        })
        .collect()
}

#[test]
fn thead_rows_are_the_header_and_rows_keep_their_lines() {
    let html = "<table>\n<thead><tr><th>Code</th><th>Message</th></tr></thead>\n<tbody>\n<tr><td>E1</td><td>Bad</td></tr>\n<tr>\n<td>E2</td><td>Worse</td></tr>\n</tbody></table>";
    let blocks = parse_fragment(html, 10).unwrap();
    assert_eq!(blocks.len(), 1);
    assert_eq!(blocks[0].line, 10);
    let table = table_of(&blocks[0]);
    assert_eq!(table.header, vec!["Code", "Message"]);
    assert_eq!(table.rows.len(), 2);
    assert_eq!(table.rows[0].line, 13);
    assert_eq!(table.rows[0].cells, vec!["E1", "Bad"]);
    assert_eq!(table.rows[1].line, 14);
}

#[test]
fn rowspan_copies_the_solution_to_every_row() {
    let html = "<table><tr><th>Code</th><th>Solution</th></tr>\
            <tr><td>A</td><td rowspan=\"3\">Retry.</td></tr><tr><td>B</td></tr><tr><td>C</td></tr>\
            <tr><td>D</td><td>Other</td></tr></table>";
    let blocks = parse_fragment(html, 1).unwrap();
    let table = table_of(&blocks[0]);
    let solutions: Vec<&str> = table.rows.iter().map(|row| row.cells[1].as_str()).collect();
    assert_eq!(solutions, vec!["Retry.", "Retry.", "Retry.", "Other"]);
}

#[test]
fn leading_th_rows_are_merged_into_one_header() {
    let html = "<table><tr><th colspan=\"2\">Status</th></tr><tr><th>状态</th><th>说明</th></tr>\
            <tr><td>ACTIVE</td><td>运行中</td></tr></table>";
    let table = table_of(&parse_fragment(html, 1).unwrap()[0]).clone();
    assert_eq!(table.header, vec!["Status 状态", "Status 说明"]);
    assert_eq!(table.rows.len(), 1);
}

#[test]
fn first_row_is_the_header_when_there_is_no_th() {
    let html = "<table><tr><td>Name</td><td>Value</td></tr><tr><td>a</td><td>1</td></tr></table>";
    let table = table_of(&parse_fragment(html, 1).unwrap()[0]).clone();
    assert_eq!(table.header, vec!["Name", "Value"]);
    assert_eq!(table.rows[0].cells, vec!["a", "1"]);
}

#[test]
fn cell_pieces_entities_notes_and_lists() {
    let html = "<table><thead><tr><th>Description</th></tr></thead><tbody><tr><td>\
            <p>Check &lt;ECS error code&gt;   now.</p><ul><li>one</li><li>two <b>bold</b></li></ul>\
            <div class=\"note\"><span class=\"notetitle\">NOTE:</span><div class=\"notebody\"><p>Keep it.</p></div></div>\
            <script>alert(1)</script><style>p{}</style></td></tr></tbody></table>";
    let table = table_of(&parse_fragment(html, 1).unwrap()[0]).clone();
    assert_eq!(
        table.rows[0].cells[0],
        "Check <ECS error code> now.\none\ntwo bold\nNOTE:\nKeep it."
    );
}

#[test]
fn nested_table_becomes_pieces_of_the_outer_cell() {
    let html = "<table><tr><th>Param</th><th>Values</th></tr><tr><td>mode</td><td>\
            <table><tr><td>a</td><td>first</td></tr><tr><td>b</td><td>second</td></tr></table>\
            </td></tr></table>";
    let blocks = parse_fragment(html, 1).unwrap();
    assert_eq!(tables(&blocks).len(), 1);
    assert_eq!(table_of(&blocks[0]).rows[0].cells[1], "a\nfirst\nb\nsecond");
}

#[test]
fn caption_element_or_preceding_caption_paragraph() {
    let html =
        "<table><caption>Table 2 Codes</caption><tr><th>A</th></tr><tr><td>1</td></tr></table>";
    assert_eq!(
        table_of(&parse_fragment(html, 1).unwrap()[0])
            .caption
            .as_deref(),
        Some("Table 2 Codes")
    );
    let html = "<p><b>表 1</b> 失败信息事件类型</p>\n<table><tr><th>A</th></tr><tr><td>1</td></tr></table>";
    let blocks = parse_fragment(html, 1).unwrap();
    assert_eq!(blocks.len(), 2);
    assert_eq!(
        table_of(&blocks[1]).caption.as_deref(),
        Some("表 1 失败信息事件类型")
    );
    let html =
        "<p>Table 1 lists the codes.</p><table><tr><th>A</th></tr><tr><td>1</td></tr></table>";
    assert_eq!(table_of(&parse_fragment(html, 1).unwrap()[1]).caption, None);
}

#[test]
fn unclosed_table_is_a_problem_at_its_line() {
    let problems =
        parse_fragment("<p>x</p>\n<table><tr><td>a</td></tr>\n<p>after</p>", 5).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, 6);
    assert!(parse("<html><body>\n<tr><td>x</td></tr></body></html>").is_err());
}

#[test]
fn tags_in_comments_and_scripts_do_not_count() {
    let html = "<!-- <table> -->\n<script>var s = '<table><tr>';</script>\n<table>\n<tr><th>H</th></tr>\n<tr><td>v</td></tr></table>";
    let blocks = parse_fragment(html, 1).unwrap();
    let table = table_of(&blocks[0]);
    assert_eq!(blocks[0].line, 3);
    assert_eq!(table.rows[0].line, 5);
}

#[test]
fn whole_page_title_doc_id_headings_paragraphs_code() {
    let page = "<!DOCTYPE html>\n<html><head><title>Page</title></head>\n<body>\n\
            <h1 class=\"topictitle1\"><a name=\"sdrs_05_0901\"></a>Querying   Failed Tasks</h1>\n\
            <p>Intro\ntext.</p>\n<ul><li>Item one</li>\n<li><p>Item two</p></li></ul>\n\
            <pre class=\"language-json\">{\n  \"a\": 1\n}\n</pre>\n<h2>URI</h2>\n<div>GET /v1/x</div>\n</body></html>";
    let document = parse(page).unwrap();
    assert_eq!(document.title.as_deref(), Some("Querying Failed Tasks"));
    assert_eq!(document.doc_id.as_deref(), Some("sdrs_05_0901"));
    let summary: Vec<(u32, String)> = document
        .blocks
        .iter()
        .map(|block| {
            let text = match &block.kind {
                BlockKind::Heading { level, text } => format!("h{level} {text}"),
                BlockKind::Paragraph { text } => format!("p {text}"),
                BlockKind::Code { language, text } => format!("code {language:?} {text}"),
                BlockKind::Table(_) => "table".to_string(),
            };
            (block.line, text)
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (4, "h1 Querying Failed Tasks".to_string()),
            (5, "p Intro text.".to_string()),
            (7, "p Item one".to_string()),
            (8, "p Item two".to_string()),
            (9, "code Some(\"json\") {\n  \"a\": 1\n}".to_string()),
            (13, "h2 URI".to_string()),
            (14, "p GET /v1/x".to_string()),
        ]
    );
}

#[test]
fn page_title_is_the_fallback_and_generated_anchors_are_not_ids() {
    let document =
            parse("<html><head><title>My Page</title></head><body><h2><a name=\"section12\"></a>S</h2></body></html>")
                .unwrap();
    assert_eq!(document.title.as_deref(), Some("My Page"));
    assert_eq!(document.doc_id, None);
    assert!(is_topic_id("EN-US_TOPIC_0071888297"));
    assert!(!is_topic_id("section155001521193312"));
    assert!(!is_topic_id("en-us_topic_0112992323_s6412adb7ceef"));
}

#[test]
fn anchor_just_before_the_title_gives_the_doc_id() {
    let page = "<html><body><a name=\"ecs_02_0901\"></a><a name=\"ecs_02_0901\"></a>\n<h1 class=\"topictitle1\">Querying</h1></body></html>";
    assert_eq!(parse(page).unwrap().doc_id.as_deref(), Some("ecs_02_0901"));
}

#[test]
fn exported_topic_page() {
    let page = r##"<a name="EN-US_TOPIC_0022225398"></a><a name="EN-US_TOPIC_0022225398"></a>

<h1 class="topictitle1">Querying Task Execution Status</h1>
<div id="body1"><div class="section"><h4 class="sectiontitle">URI</h4><p>GET /v1/{project_id}/jobs/{job_id}</p>
<div class="p"><a href="#t1">Table 1</a> describes the parameters in the URI.
<div class="tablenoborder"><a name="t1"></a><table cellpadding="4"><caption><b>Table 1 </b>Parameter description</caption><thead align="left"><tr><th><p>Parameter</p>
</th>
<th><p>Description</p>
</th>
</tr>
</thead>
<tbody><tr><td><p>status</p>
</td>
<td><p>Specifies the task status.</p>
<ul><li><strong>SUCCESS</strong>: done.</li><li><strong>FAIL</strong>: failed.</li></ul>
</td>
</tr>
</tbody>
</table>
</div>
</div>
</div>
<div class="section"><h4 class="sectiontitle">Example Response</h4><pre class="screen">{
    "status": "SUCCESS"
}</pre>
</div>
</div>
<div>
<div class="familylinks">
<div class="parentlink"><strong>Parent topic:</strong> <a href="x.html">Task Status</a></div>
</div>
</div>
"##;
    let document = parse(page).unwrap();
    assert_eq!(
        document.title.as_deref(),
        Some("Querying Task Execution Status")
    );
    assert_eq!(document.doc_id.as_deref(), Some("EN-US_TOPIC_0022225398"));
    let summary: Vec<(u32, String)> = document
        .blocks
        .iter()
        .map(|block| {
            let text = match &block.kind {
                BlockKind::Heading { level, text } => format!("h{level} {text}"),
                BlockKind::Paragraph { text } => format!("p {text}"),
                BlockKind::Code { language, text } => format!("code {language:?} {text}"),
                BlockKind::Table(table) => {
                    format!("table {:?} {:?}", table.caption, table.rows)
                }
            };
            (block.line, text)
        })
        .collect();
    let expected: Vec<(u32, String)> = vec![
        (3, "h1 Querying Task Execution Status".into()),
        (4, "h4 URI".into()),
        (4, "p GET /v1/{project_id}/jobs/{job_id}".into()),
        (5, "p Table 1 describes the parameters in the URI.".into()),
        (
            6,
            format!(
                "table Some(\"Table 1 Parameter description\") {:?}",
                vec![Row {
                    line: 12,
                    cells: vec![
                        "status".to_string(),
                        "Specifies the task status.\nSUCCESS: done.\nFAIL: failed.".to_string()
                    ]
                }]
            ),
        ),
        (23, "h4 Example Response".into()),
        (23, "code None {\n    \"status\": \"SUCCESS\"\n}".into()),
        (30, "p Parent topic: Task Status".into()),
    ];
    assert_eq!(summary, expected);
}

#[test]
fn deep_nesting_does_not_overflow() {
    let html = format!("{}text{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
    assert!(parse_fragment(&html, 1).is_ok());
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(text in "\\PC{0,200}") {
        let _ = parse(&text);
        let _ = parse_fragment(&text, 1);
    }

    #[test]
    fn never_panics_on_tag_soup(pieces in proptest::collection::vec(
        prop_oneof![
            Just("<table>"), Just("</table>"), Just("<tr>"), Just("</tr>"), Just("<td rowspan=\"3\">"),
            Just("<th colspan=0>"), Just("</td>"), Just("<thead>"), Just("</thead>"), Just("<p>"),
            Just("<pre>"), Just("</pre>"), Just("<h1><a name=\"x_01_02\">"), Just("</h1>"),
            Just("<!--"), Just("-->"), Just("<script>"), Just("é表"), Just("\n"), Just("<li>"),
            Just("<caption>"), Just("Table 1 x"), Just("&lt;"), Just("<br>"), Just("<a title=\"a>b\">"),
        ],
        0..40,
    )) {
        let text: String = pieces.concat();
        let _ = parse(&text);
        if let Ok(blocks) = parse_fragment(&text, 3) {
            for table in tables(&blocks) {
                for row in &table.rows {
                    prop_assert_eq!(row.cells.len(), table.header.len());
                }
            }
        }
    }
}

#[test]
fn deep_container_nesting_is_flattened_not_lost() {
    let depth = 3 * super::scan::MAX_CONTAINER_DEPTH;
    let page = format!(
        "<html><body>{}<h2>Errors</h2>\n<table><tr><th>Error Code</th></tr>\n<tr><td>CSS.1</td></tr></table>{}</body></html>",
        "<div>\n".repeat(depth),
        "</div>".repeat(depth)
    );
    let document = parse(&page).expect("parses");
    let table = document
        .blocks
        .iter()
        .find_map(|b| match &b.kind {
            BlockKind::Table(t) => Some((b.line, t)),
            _ => None,
        })
        .expect("the table survives");
    // Lines still count the blanked tags' newlines.
    assert_eq!(table.0, u32::try_from(depth).unwrap() + 2);
    assert_eq!(table.1.rows[0].cells, vec!["CSS.1".to_string()]);
    let (flattened, kept) =
        super::scan::flatten_deep_nesting(&page, super::scan::scan_tags(&page, 1));
    let flattened = flattened.expect("too deep");
    assert_eq!(flattened.len(), page.len());
    assert_eq!(
        kept.iter().filter(|t| t.name == "div").count(),
        2 * super::scan::MAX_CONTAINER_DEPTH
    );
    let shallow = "<div><div>x</div></div>";
    assert!(
        super::scan::flatten_deep_nesting(shallow, super::scan::scan_tags(shallow, 1))
            .0
            .is_none()
    );
}
