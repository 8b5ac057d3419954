use super::*;
use proptest::prelude::*;

fn doc(text: &str) -> Document {
    match parse(text) {
        Ok(document) => document,
        Err(problems) => panic!("unexpected problems: {problems:?}"),
    }
}

fn problems(text: &str) -> Vec<ParseProblem> {
    match parse(text) {
        Ok(document) => panic!("expected problems, got {document:?}"),
        Err(problems) => problems,
    }
}

fn tables(document: &Document) -> Vec<&Table> {
    document
        .blocks
        .iter()
        .filter_map(|block| match &block.kind {
            BlockKind::Table(table) => Some(table),
            _ => None,
        })
        .collect()
}

fn only_table(text: &str) -> Table {
    let document = doc(text);
    let found = tables(&document);
    assert_eq!(found.len(), 1, "{document:?}");
    found[0].clone()
}

fn paragraphs(document: &Document) -> Vec<(u32, &str)> {
    document
        .blocks
        .iter()
        .filter_map(|block| match &block.kind {
            BlockKind::Paragraph { text } => Some((block.line, text.as_str())),
            _ => None,
        })
        .collect()
}

fn cells(table: &Table) -> Vec<Vec<&str>> {
    table
        .rows
        .iter()
        .map(|row| row.cells.iter().map(String::as_str).collect())
        .collect()
}

fn inline(text: &str) -> String {
    strip_inline(text, &HashMap::new())
}

#[test]
fn sections_get_levels_by_first_appearance_and_title() {
    let document = doc(
        ":original_name: css_03_0076.html\n\n.. _css_03_0076:\n\n=====\nTitle\n=====\n\nSub\n---\n\nDeeper\n~~~~~~\n\nOther\n-----\n\nToo short\n---\n",
    );
    assert_eq!(document.title.as_deref(), Some("Title"));
    assert_eq!(document.doc_id.as_deref(), Some("css_03_0076"));
    let headings: Vec<(u32, u8, &str)> = document
        .blocks
        .iter()
        .filter_map(|block| match &block.kind {
            BlockKind::Heading { level, text } => Some((block.line, *level, text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings,
        vec![
            (6, 1, "Title"),
            (9, 2, "Sub"),
            (12, 3, "Deeper"),
            (15, 2, "Other")
        ]
    );
}

#[test]
fn paragraphs_join_lines_and_lists_give_one_paragraph_per_item() {
    let document = doc(
        "First line\nsecond   line.\n\n-  one\n   continued\n-  two\n\n#. three\n2) four\n\n• five\n",
    );
    assert_eq!(
        paragraphs(&document),
        vec![
            (1, "First line second line."),
            (4, "one continued"),
            (6, "two"),
            (8, "three"),
            (9, "four"),
            (11, "five"),
        ]
    );
}

#[test]
fn literal_blocks_and_code_directives_become_code() {
    let document = doc(
        "Example::\n\n   {\n      \"a\": 1\n   }\n\n.. code-block:: json\n   :linenos:\n\n   {\"b\": 2}\n",
    );
    let kinds: Vec<&BlockKind> = document.blocks.iter().map(|block| &block.kind).collect();
    assert_eq!(
        kinds,
        vec![
            &BlockKind::Paragraph {
                text: "Example:".into()
            },
            &BlockKind::Code {
                language: None,
                text: "{\n   \"a\": 1\n}".into()
            },
            &BlockKind::Code {
                language: Some("json".into()),
                text: "{\"b\": 2}".into()
            },
        ]
    );
    assert_eq!(document.blocks[1].line, 3);
    assert_eq!(document.blocks[2].line, 10);
}

#[test]
fn notes_give_paragraphs_and_markup_without_text_is_skipped() {
    let document = doc(
        ".. note::\n\n   Keep this.\n\n.. important:: Inline\n   continues.\n\n.. _label:\n\n.. |logo| image:: a.png\n\n.. a comment\n   still comment\n\n.. image:: b.png\n",
    );
    assert_eq!(
        paragraphs(&document),
        vec![(3, "Keep this."), (5, "Inline continues.")]
    );
}

#[test]
fn inline_markup_is_removed() {
    assert_eq!(
        inline("**Table 1** and *em* and ``code``"),
        "Table 1 and em and code"
    );
    assert_eq!(
        inline("See :ref:`Status Code <antiddos_02_0031>`."),
        "See Status Code."
    );
    assert_eq!(inline(":ref:`target_only`"), "target_only");
    assert_eq!(
        inline("`Docs <https://x.y/>`__ and `name`_"),
        "Docs and name"
    );
    assert_eq!(inline("4\\ *xx* or 5\\ *xx*"), "4xx or 5xx");
    assert_eq!(inline("/v1/\\{project\\_id\\}"), "/v1/{project_id}");
    assert_eq!(inline("a \\| b \\*\\* c"), "a | b ** c");
    assert_eq!(inline("add an asterisk (*)."), "add an asterisk (*).");
    assert_eq!(inline("interval * 2"), "interval * 2");
    assert_eq!(inline("Reason: ``'****-**'`` is"), "Reason: '****-**' is");
    assert_eq!(
        inline("chars\\ :literal:`\\`~!\\\\|[{}]:'\",` ./?"),
        "chars`~!\\|[{}]:'\", ./?"
    );
    assert_eq!(inline("单击**确定**按钮"), "单击确定按钮");
    assert_eq!(inline("Google_ is a reference"), "Google is a reference");
    assert_eq!(inline("snake_case_name stays"), "snake_case_name stays");
}

#[test]
fn br_substitution_breaks_pieces() {
    let document = doc("one |br| two\n\n.. |br| raw:: html\n\n   <br>\n");
    assert_eq!(paragraphs(&document), vec![(1, "one"), (1, "two")]);
    let document = doc("Say |name|.\n\n.. |name| replace:: **errdex**\n");
    assert_eq!(paragraphs(&document), vec![(1, "Say errdex.")]);
}

#[test]
fn grid_table_with_wrapped_cells_lists_and_caption() {
    let table = only_table(
        ".. table:: **Table 1** Codes\n\n   +------+-------------+\n   | Code | Message     |\n   +======+=============+\n   | E1   | Wrapped     |\n   |      | text.       |\n   |      |             |\n   |      | -  a        |\n   |      | -  b        |\n   +------+-------------+\n   | E2   | .. note::   |\n   |      |             |\n   |      |    Careful. |\n   +------+-------------+\n",
    );
    assert_eq!(table.caption.as_deref(), Some("Table 1 Codes"));
    assert_eq!(table.header, vec!["Code", "Message"]);
    assert_eq!(
        cells(&table),
        vec![vec!["E1", "Wrapped text.\na\nb"], vec!["E2", "Careful."]]
    );
    assert_eq!(table.rows[0].line, 6);
    assert_eq!(table.rows[1].line, 12);
}

#[test]
fn grid_table_spans_are_expanded() {
    let table = only_table(
        "+-----+-----+-----+\n| A   | B   | C   |\n+=====+=====+=====+\n| wide      | x   |\n+-----+-----+     +\n| 1   | 2   |     |\n+-----+-----+-----+\n",
    );
    assert_eq!(table.header, vec!["A", "B", "C"]);
    assert_eq!(
        cells(&table),
        vec![vec!["wide", "wide", "x"], vec!["1", "2", "x"]]
    );
}

#[test]
fn grid_table_multi_row_header_is_merged() {
    let table = only_table(
        "+--------+------+\n| Status | Code |\n+--------+------+\n| 状态   | 码   |\n+========+======+\n| 400    | E1   |\n+--------+------+\n",
    );
    assert_eq!(table.header, vec!["Status 状态", "Code 码"]);
    assert_eq!(cells(&table), vec![vec!["400", "E1"]]);
}

#[test]
fn grid_table_aligned_by_display_width_or_by_characters() {
    let by_width =
        only_table("+------+----+\n| 名称 | x  |\n+======+====+\n| 状态 | y  |\n+------+----+\n");
    assert_eq!(by_width.header, vec!["名称", "x"]);
    let by_chars =
        only_table("+----+----+\n| 名称 | x  |\n+====+====+\n| 状态 | y  |\n+----+----+\n");
    assert_eq!(cells(&by_chars), vec![vec!["状态", "y"]]);
}

#[test]
fn ragged_grid_table_is_a_problem_with_its_line() {
    let found =
        problems("Intro\n\n+----+----+\n| a  | b  |\n+====+====+\n| c  | d   |\n+----+----+\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line, 6);
    let shifted = problems("+----+----+\n| a  | b  |\n+====+====+\n| c |  d  |\n+----+----+\n");
    assert_eq!(shifted[0].line, 4);
    let open = problems("+----+----+\n| a  | b  |\n");
    assert_eq!(open[0].line, 2);
}

#[test]
fn simple_table_with_continuation_lines_and_column_spans() {
    let table = only_table(
        "=====  =====  ======\nGroup         Detail\n------------  ------\nA      B      C\n=====  =====  ======\nx      y      first\n              second\n\n              third\nz      w      v\n=====  =====  ======\n",
    );
    assert_eq!(table.header, vec!["Group A", "Group B", "Detail C"]);
    assert_eq!(
        cells(&table),
        vec![vec!["x", "y", "first second\nthird"], vec!["z", "w", "v"]]
    );
    assert_eq!(table.rows[0].line, 6);
    assert_eq!(table.rows[1].line, 10);
}

#[test]
fn simple_table_inside_a_list_item_without_header() {
    let document =
        doc("-  Parameters\n\n   ====  ===\n   a     1\n   b     2\n   ====  ===\n\nAfter.\n");
    let found = tables(&document);
    assert_eq!(found[0].header, vec!["", ""]);
    assert_eq!(cells(found[0]), vec![vec!["a", "1"], vec!["b", "2"]]);
    assert_eq!(
        paragraphs(&document),
        vec![(1, "Parameters"), (8, "After.")]
    );
}

#[test]
fn simple_table_without_bottom_border_is_a_problem() {
    let found = problems("Text\n\n=====  =====\na      b\n=====  =====\nc      d\n");
    assert_eq!(found[0].line, 3);
}

#[test]
fn list_table_reads_rows_of_bullets() {
    let table = only_table(
        ".. list-table:: Codes\n   :header-rows: 1\n   :widths: 10 30\n\n   * - Code\n     - Message\n   * - E1\n     - First line\n       continued\n\n       Second piece\n   * - E2\n     -\n",
    );
    assert_eq!(table.caption.as_deref(), Some("Codes"));
    assert_eq!(table.header, vec!["Code", "Message"]);
    assert_eq!(
        cells(&table),
        vec![
            vec!["E1", "First line continued\nSecond piece"],
            vec!["E2", ""]
        ]
    );
    assert_eq!(table.rows[0].line, 7);
}

#[test]
fn list_table_that_is_not_a_list_is_a_problem() {
    let found = problems(".. list-table::\n\n   just text\n");
    assert_eq!(found[0].line, 3);
}

#[test]
fn csv_table_with_header_option() {
    let table = only_table(
        ".. csv-table:: Limits\n   :header: \"Name\", \"Value\"\n\n   \"a, b\", 1\n   c, \"say \"\"hi\"\"\"\n",
    );
    assert_eq!(table.header, vec!["Name", "Value"]);
    assert_eq!(
        cells(&table),
        vec![vec!["a, b", "1"], vec!["c", "say \"hi\""]]
    );
}

#[test]
fn raw_html_gives_its_text() {
    let document =
        doc(".. raw:: html\n\n   <table><tr><td>E1</td><td>Bad &amp; sad</td></tr></table>\n");
    assert_eq!(paragraphs(&document), vec![(3, "E1 Bad & sad")]);
}

#[test]
fn deep_nesting_does_not_exhaust_the_stack() {
    let deep: String = (0..1000)
        .map(|depth| format!("{}- x\n", " ".repeat(depth)))
        .collect();
    assert!(parse(&deep).is_ok());
    let bullets = "- ".repeat(20_000);
    assert!(parse(&bullets).is_ok());
}

fn rst_piece() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "+----+----+\n",
        "+====+====+\n",
        "| a  | b  |\n",
        "|    |    |\n",
        "| 名 | b  |\n",
        "+----+\n",
        "=====  =====\n",
        "-----  -----\n",
        "a      b\n",
        "Title\n",
        "=====\n",
        "-----\n",
        "\n",
        "   ",
        "- item\n",
        "* - cell\n",
        "#. item\n",
        ".. note::\n",
        ".. table:: **T**\n",
        ".. list-table::\n",
        "   :header-rows: 1\n",
        ".. code-block:: json\n",
        ".. |br| raw:: html\n",
        ":original_name: x.html\n",
        "text::\n",
        "**bold *em ``lit :ref:`x <y>` `z`_ |br| \\",
        "状态码\n",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(text in ".{0,400}") {
        let _ = parse(&text);
    }

    #[test]
    fn never_panics_on_rst_pieces(pieces in prop::collection::vec(rst_piece(), 0..40)) {
        let _ = parse(&pieces.concat());
    }

    #[test]
    fn rows_always_match_the_header(pieces in prop::collection::vec(rst_piece(), 0..40)) {
        if let Ok(document) = parse(&pieces.concat()) {
            for table in tables(&document) {
                for row in &table.rows {
                    prop_assert_eq!(row.cells.len(), table.header.len());
                }
            }
        }
    }
}
