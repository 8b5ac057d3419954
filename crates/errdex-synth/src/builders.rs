//! Page builders: error-code pages, API reference pages and status pages.

use super::*;

pub(super) fn topic(rng: &mut Rng, service: &Service) -> String {
    format!(
        "{}_{:02}_{:04}",
        service.prefix.to_ascii_lowercase(),
        rng.between(1, 9),
        rng.below(10_000)
    )
}

pub(super) fn sentence(rng: &mut Rng, lang: Lang, service: &Service) -> String {
    match lang {
        Lang::En => format!(
            "This section describes how the {} handles a {} when you {} it. {}",
            service.name,
            rng.pick(&RESOURCES),
            rng.pick(&VERBS),
            rng.pick(&[
                "Read it before you call the API.",
                "The information applies to all regions.",
                "Some operations are asynchronous and return a task ID.",
                "You can view the result on the management console.",
            ])
        ),
        Lang::Zh => format!(
            "本节介绍{}在{}{}时的处理方式。{}",
            service.name_zh,
            rng.pick(&VERBS_ZH),
            rng.pick(&RESOURCES_ZH),
            rng.pick(&[
                "调用API前请先阅读本节。",
                "部分操作为异步操作，会返回任务ID。"
            ])
        ),
    }
}

/// One code of a service's catalog: the same number always gives the same facts.
pub(super) struct CodeEntry {
    pub(super) code: String,
    pub(super) status: String,
    pub(super) message: String,
    pub(super) description: String,
    pub(super) solution: String,
}

pub(super) fn code_entry(
    service_index: usize,
    number: usize,
    lang: Lang,
    rng: &mut Rng,
) -> CodeEntry {
    let service = &SERVICES[service_index];
    let mut fixed = mix(&[service_index as u64, number as u64]);
    let code = match service_index % 5 {
        // A letter between the dot and the digits, as `DRS.M00002`.
        3 => format!(
            "{}.{}{:05}",
            service.prefix,
            (b'A' + (number % 26) as u8) as char,
            number
        ),
        _ => format!("{}.{:04}", service.prefix, number),
    };
    let status = match fixed.below(20) {
        0..=10 => "400",
        11..=12 => "403",
        13..=14 => "404",
        15 => "409",
        16..=17 => "500",
        18 => "N/A",
        _ => "400/404",
    };
    // A few documents say `400 Bad Request` where others say `400`.
    let status = if status == "400" && rng.chance(3) {
        "400 Bad Request".to_string()
    } else {
        status.to_string()
    };
    let verb = fixed.below(VERBS.len());
    let resource = fixed.below(RESOURCES.len());
    let reason = fixed.below(REASONS.len());
    let solution = fixed.below(SOLUTIONS.len());
    let (mut message, description, solution) = match lang {
        Lang::En => (
            format!(
                "Failed to {} the {} because {}.",
                VERBS[verb], RESOURCES[resource], REASONS[reason]
            ),
            format!("The {} cannot be processed.", RESOURCES[resource]),
            SOLUTIONS[solution].to_string(),
        ),
        Lang::Zh => (
            format!(
                "{}{}失败，{}。",
                VERBS_ZH[verb % VERBS_ZH.len()],
                RESOURCES_ZH[resource % RESOURCES_ZH.len()],
                REASONS_ZH[reason % REASONS_ZH.len()]
            ),
            format!("{}无法处理。", RESOURCES_ZH[resource % RESOURCES_ZH.len()]),
            SOLUTIONS_ZH[solution % SOLUTIONS_ZH.len()].to_string(),
        ),
    };
    // Now and then a page rewords a message: the cross-document conflicts `check` looks for.
    if rng.chance(4) {
        message.push_str(lang.pick(" Please try again later.", "请稍后重试。"));
    }
    CodeEntry {
        code,
        status,
        message,
        description,
        solution,
    }
}

/// Row counts between 5 and 200, most tables short, a few long.
pub(super) fn row_count(rng: &mut Rng) -> usize {
    match rng.below(10) {
        0..=5 => rng.between(5, 25),
        6..=8 => rng.between(26, 80),
        _ => rng.between(81, 200),
    }
}

/// Error-code table layouts by header.
pub(super) const ERROR_LAYOUTS_EN: [&[&str]; 4] = [
    &["Status Code", "Error Code", "Error Message", "Measure"],
    &["Error Code", "Failure Cause", "Solution"],
    &[
        "HTTP Status Code",
        "Error Code",
        "Error Message",
        "Description",
        "Solution",
    ],
    &[
        "Module",
        "Status Code",
        "Error Code",
        "Error Message",
        "Handling Measure",
    ],
];
pub(super) const ERROR_LAYOUTS_ZH: [&[&str]; 2] = [
    &["状态码", "错误码", "错误信息", "描述", "处理措施"],
    &["错误码", "错误信息", "处理措施"],
];

pub(super) fn error_table(
    rng: &mut Rng,
    service_index: usize,
    lang: Lang,
    rows: usize,
    facts: &mut Facts,
) -> Table {
    let layout: &[&str] = match lang {
        Lang::En => ERROR_LAYOUTS_EN[rng.below(ERROR_LAYOUTS_EN.len())],
        Lang::Zh => ERROR_LAYOUTS_ZH[rng.below(ERROR_LAYOUTS_ZH.len())],
    };
    let start = rng.between(1, 9000 - rows);
    let mut grid: Vec<Vec<Cell>> = Vec::with_capacity(rows);
    let mut module = MODULES[0];
    for i in 0..rows {
        let entry = code_entry(service_index, start + i, lang, rng);
        facts.codes.push(entry.code.clone());
        let new_module = i == 0 || rng.chance(15);
        if new_module {
            module = *rng.pick(&MODULES);
        }
        let row = layout
            .iter()
            .map(|header| match *header {
                "Status Code" | "HTTP Status Code" | "状态码" => Cell::text(&entry.status),
                "Error Code" | "错误码" => Cell::text(&entry.code),
                "Description" | "描述" => Cell::text(&entry.description),
                "Measure" | "Solution" | "Handling Measure" | "处理措施" => {
                    Cell::text(&entry.solution)
                }
                "Module" => Cell {
                    ditto: !new_module,
                    ..Cell::text(module)
                },
                _ => Cell::text(&entry.message),
            })
            .collect();
        grid.push(row);
    }
    // One solution for a run of codes, written once with a rowspan (as seed 000 does); or one
    // status for a run, spanning the first column.
    let last = layout.len() - 1;
    if layout.len() == 3 || rng.chance(25) {
        let column = if layout.len() == 3 { last } else { 0 };
        if layout[column] != "Module" {
            span_runs(rng, &mut grid, column);
        }
    }
    Table {
        caption: lang.pick("Error codes", "错误码").to_string(),
        header: layout.iter().map(|h| h.to_string()).collect(),
        rows: grid,
    }
}

/// Merges runs of 1..=7 rows in `column` into one spanning cell holding the first row's text.
pub(super) fn span_runs(rng: &mut Rng, grid: &mut [Vec<Cell>], column: usize) {
    let mut at = 0;
    while at < grid.len() {
        let run = rng.between(1, 7).min(grid.len() - at);
        let origin = grid[at][column].clone();
        grid[at][column].rowspan = run;
        for row in &mut grid[at + 1..at + run] {
            row[column] = Cell {
                covered: true,
                ..origin.clone()
            };
        }
        at += run;
    }
}

pub(super) fn error_page(
    rng: &mut Rng,
    service_index: usize,
    lang: Lang,
    facts: &mut Facts,
) -> Page {
    let service = &SERVICES[service_index];
    let mut sections = vec![Section {
        heading: lang.pick("Overview", "概述").to_string(),
        items: vec![Item::Para(sentence(rng, lang, service))],
    }];
    // Most pages hold one error table, some several (one per module or API group).
    let tables = if rng.chance(20) { rng.between(2, 3) } else { 1 };
    for _ in 0..tables {
        let rows = row_count(rng);
        let table = error_table(rng, service_index, lang, rows, facts);
        sections.push(Section {
            heading: lang.pick("Error Codes", "错误码").to_string(),
            items: vec![
                Item::Para(lang.pick(
                    "If an API call fails, the response body carries one of the error codes below.",
                    "API调用失败时，响应消息体中包含以下错误码。",
                ).to_string()),
                Item::Table(table),
            ],
        });
    }
    Page {
        kind: "error_codes",
        lang,
        title: match lang {
            Lang::En => format!("{} Error Codes", service.name),
            Lang::Zh => format!("{}错误码", service.name_zh),
        },
        topic: topic(rng, service),
        intro: vec![sentence(rng, lang, service)],
        sections,
    }
}

/// A value list of 3..=6 states for a resource.
pub(super) fn values(rng: &mut Rng, resource: &str) -> Vec<(String, String)> {
    let count = rng.between(3, 6);
    let first = rng.below(STATES.len());
    (0..count)
        .map(|i| {
            let state = STATES[(first + i) % STATES.len()];
            (
                state.to_string(),
                format!("The {resource} is {}.", state.to_ascii_lowercase()),
            )
        })
        .collect()
}

pub(super) const PARAM_HEADER: [[&str; 4]; 2] = [
    ["Parameter", "Mandatory", "Type", "Description"],
    ["参数", "是否必选", "参数类型", "描述"],
];
pub(super) const FIELD_HEADER: [[&str; 3]; 2] = [
    ["Parameter", "Type", "Description"],
    ["参数", "参数类型", "描述"],
];

pub(super) fn header_of(lang: Lang, words: &[[&str; 4]; 2], width: usize) -> Vec<String> {
    let row = match lang {
        Lang::En => &words[0],
        Lang::Zh => &words[1],
    };
    row[..width].iter().map(|h| h.to_string()).collect()
}

/// A parameter table: `(name, mandatory, type, description)` rows.
pub(super) fn parameter_table(
    lang: Lang,
    caption: &str,
    params: &[(String, bool, String, Cell)],
    with_mandatory: bool,
) -> Table {
    let header = if with_mandatory {
        header_of(lang, &PARAM_HEADER, 4)
    } else {
        let row = match lang {
            Lang::En => FIELD_HEADER[0],
            Lang::Zh => FIELD_HEADER[1],
        };
        row.iter().map(|h| h.to_string()).collect()
    };
    let rows = params
        .iter()
        .map(|(name, mandatory, type_name, description)| {
            let mut row = vec![Cell::text(name)];
            if with_mandatory {
                row.push(Cell::text(match mandatory {
                    true => lang.pick("Yes", "是"),
                    false => lang.pick("No", "否"),
                }));
            }
            row.push(Cell::text(type_name));
            row.push(description.clone());
            row
        })
        .collect();
    Table {
        caption: caption.to_string(),
        header,
        rows,
    }
}

pub(super) fn api_page(rng: &mut Rng, service_index: usize, lang: Lang, facts: &mut Facts) -> Page {
    let service = &SERVICES[service_index];
    let resource = *rng.pick(&RESOURCES);
    let plural = format!("{}s", resource.replace(' ', "-"));
    let method = *rng.pick(&["GET", "GET", "POST", "PUT", "DELETE"]);
    let version = rng.between(1, 3);
    let mut path = format!("/v{version}/{{project_id}}/{plural}");
    let mut path_params = vec![(
        "project_id".to_string(),
        "Specifies the project ID.".to_string(),
    )];
    if method != "POST" && rng.chance(60) {
        let id = format!("{}_id", resource.replace(' ', "_"));
        path.push_str(&format!("/{{{id}}}"));
        path_params.push((id, format!("Specifies the {resource} ID.")));
    }
    if rng.chance(30) {
        path.push('/');
        let tail = *rng.pick(&["tasks", "actions", "failed-tasks", "metadata", "tags"]);
        path.push_str(tail);
    }
    facts.operations += 1;
    let mut sections = vec![Section {
        heading: lang.pick("Function", "功能介绍").to_string(),
        items: vec![Item::Para(match lang {
            Lang::En => format!(
                "This API is used to {} a {resource}.",
                method_verb(method).1
            ),
            Lang::Zh => format!("该接口用于操作{}。", service.name_zh),
        })],
    }];
    let path_rows: Vec<(String, bool, String, Cell)> = path_params
        .iter()
        .map(|(n, d)| (n.clone(), true, "String".to_string(), Cell::text(d)))
        .collect();
    let mut uri = vec![
        Item::Request(method, path.clone()),
        Item::Table(parameter_table(
            lang,
            lang.pick("Path Parameters", "路径参数"),
            &path_rows,
            true,
        )),
    ];
    if method == "GET" {
        let mut query = vec![
            (
                "limit".to_string(),
                false,
                "Integer".to_string(),
                Cell::text("Specifies the number of items displayed per page. Default value: 1000"),
            ),
            (
                "offset".to_string(),
                false,
                "Integer".to_string(),
                Cell::text("Specifies the offset."),
            ),
        ];
        if rng.chance(50) {
            facts.value_lists += 1;
            query.push((
                "status".to_string(),
                false,
                "String".to_string(),
                Cell {
                    pieces: vec![
                        Piece::Text(format!("Filters by {resource} status. The value can be:")),
                        Piece::Values(values(rng, resource)),
                    ],
                    ..Cell::text("")
                },
            ));
        }
        uri.push(Item::Table(parameter_table(
            lang,
            lang.pick("Query Parameters", "查询参数"),
            &query,
            true,
        )));
    }
    sections.push(Section {
        heading: "URI".to_string(),
        items: uri,
    });
    let mut request = vec![Item::Table(parameter_table(
        lang,
        lang.pick("Request header parameters", "请求Header参数"),
        &[(
            "X-Auth-Token".to_string(),
            true,
            "String".to_string(),
            Cell::text("User token. It can be obtained by calling the IAM API."),
        )],
        true,
    ))];
    if method == "POST" || method == "PUT" {
        let count = rng.between(3, 12);
        let body = fields(rng, resource, count, facts);
        let rows: Vec<(String, bool, String, Cell)> = body
            .iter()
            .enumerate()
            .map(|(i, (n, t, d))| (n.clone(), i == 0, t.clone(), d.clone()))
            .collect();
        request.push(Item::Table(parameter_table(
            lang,
            lang.pick("Request body parameters", "请求Body参数"),
            &rows,
            true,
        )));
        request.push(Item::Para(
            lang.pick("Example request", "请求示例").to_string(),
        ));
        request.push(Item::Request(method, format!("https://{{endpoint}}{path}")));
        request.push(Item::Json(example_json(rng, &body)));
    }
    sections.push(Section {
        heading: lang.pick("Request Parameters", "请求参数").to_string(),
        items: request,
    });
    let count = rng.between(4, 30);
    let response = fields(rng, resource, count, facts);
    let response_rows: Vec<(String, bool, String, Cell)> = response
        .iter()
        .map(|(n, t, d)| (n.clone(), false, t.clone(), d.clone()))
        .collect();
    sections.push(Section {
        heading: lang.pick("Response Parameters", "响应参数").to_string(),
        items: vec![
            Item::Status(200),
            Item::Table(parameter_table(
                lang,
                lang.pick("Response body parameters", "响应Body参数"),
                &response_rows,
                false,
            )),
        ],
    });
    sections.push(Section {
        heading: lang.pick("Example Responses", "响应示例").to_string(),
        items: vec![
            Item::Status(200),
            Item::Para("OK".to_string()),
            Item::Json(example_json(rng, &response)),
        ],
    });
    let status_rows = [
        (200, "OK"),
        (400, "Bad Request"),
        (401, "Unauthorized"),
        (404, "Not Found"),
    ];
    sections.push(Section {
        heading: lang.pick("Status Codes", "状态码").to_string(),
        items: vec![Item::Table(Table {
            caption: lang.pick("Status codes", "状态码").to_string(),
            header: vec![
                lang.pick("Status Code", "状态码").to_string(),
                lang.pick("Description", "描述").to_string(),
            ],
            rows: status_rows
                .iter()
                .map(|(s, d)| vec![Cell::text(s.to_string()), Cell::text(*d)])
                .collect(),
        })],
    });
    if rng.chance(40) {
        let rows = rng.between(5, 15);
        sections.push(Section {
            heading: lang.pick("Error Codes", "错误码").to_string(),
            items: vec![Item::Table(error_table(
                rng,
                service_index,
                lang,
                rows,
                facts,
            ))],
        });
    }
    Page {
        kind: "api",
        lang,
        title: match lang {
            Lang::En => format!("{} {}", method_verb(method).0, plural.replace('-', " ")),
            Lang::Zh => format!("{}{}", method_verb(method).2, rng.pick(&RESOURCES_ZH)),
        },
        topic: topic(rng, service),
        intro: vec![sentence(rng, lang, service)],
        sections,
    }
}

/// What an HTTP method does, for titles and sentences: (`Querying`, `query`, `查询`).
pub(super) fn method_verb(method: &str) -> (&'static str, &'static str, &'static str) {
    match method {
        "GET" => ("Querying", "query", "查询"),
        "POST" => ("Creating", "create", "创建"),
        "PUT" => ("Updating", "update", "更新"),
        _ => ("Deleting", "delete", "删除"),
    }
}

/// `count` fields `(name, type, description cell)`; one holds a value list.
pub(super) fn fields(
    rng: &mut Rng,
    resource: &str,
    count: usize,
    facts: &mut Facts,
) -> Vec<(String, String, Cell)> {
    let first = rng.below(FIELDS.len());
    let mut out: Vec<(String, String, Cell)> = (0..count.min(FIELDS.len()))
        .map(|i| {
            let (name, type_name, description) = FIELDS[(first + i) % FIELDS.len()];
            (
                name.to_string(),
                type_name.to_string(),
                Cell::text(description),
            )
        })
        .collect();
    // Longer tables repeat field names under a nested object, as real response tables do.
    for i in FIELDS.len()..count {
        let (name, type_name, description) = FIELDS[i % FIELDS.len()];
        out.push((
            format!("{name}_{i}"),
            type_name.to_string(),
            Cell::text(description),
        ));
    }
    facts.value_lists += 1;
    out.push((
        "status".to_string(),
        "String".to_string(),
        Cell {
            pieces: vec![
                Piece::Text(format!(
                    "Specifies the {resource} status. The value can be:"
                )),
                Piece::Values(values(rng, resource)),
            ],
            ..Cell::text("")
        },
    ));
    out
}

/// A JSON example matching `fields`, pretty-printed.
pub(super) fn example_json(rng: &mut Rng, fields: &[(String, String, Cell)]) -> String {
    let mut object = serde_json::Map::new();
    for (name, type_name, _) in fields {
        let value = match type_name.as_str() {
            "Integer" => serde_json::Value::from(rng.below(1000)),
            "Boolean" => serde_json::Value::from(rng.chance(50)),
            _ if name == "status" => serde_json::Value::from(*rng.pick(&STATES)),
            _ => serde_json::Value::from(format!(
                "{:08x}-{:04x}",
                rng.next_u64() as u32,
                rng.below(65536)
            )),
        };
        object.insert(name.clone(), value);
    }
    serde_json::to_string_pretty(&serde_json::Value::Object(object)).expect("JSON of plain values")
}

pub(super) fn status_page(
    rng: &mut Rng,
    service_index: usize,
    lang: Lang,
    facts: &mut Facts,
) -> Page {
    let service = &SERVICES[service_index];
    let resource = *rng.pick(&RESOURCES);
    let list = values(rng, resource);
    facts.value_lists += 1;
    let table = Table {
        caption: match lang {
            Lang::En => format!("{resource} statuses"),
            Lang::Zh => "状态说明".to_string(),
        },
        header: vec![
            lang.pick("Status", "状态").to_string(),
            lang.pick("Description", "说明").to_string(),
        ],
        rows: list
            .into_iter()
            .map(|(v, d)| vec![Cell::text(v), Cell::text(d)])
            .collect(),
    };
    Page {
        kind: "status",
        lang,
        title: match lang {
            Lang::En => format!("{} Status", capitalize(resource)),
            Lang::Zh => format!("{}状态", rng.pick(&RESOURCES_ZH)),
        },
        topic: topic(rng, service),
        intro: vec![sentence(rng, lang, service)],
        sections: vec![Section {
            heading: lang.pick("Status Values", "状态说明").to_string(),
            items: vec![Item::Para(sentence(rng, lang, service)), Item::Table(table)],
        }],
    }
}

pub(super) fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}
