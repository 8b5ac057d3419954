//! A deterministic synthetic corpus for benchmarks and large tests.
//!
//! [`generate`] writes `documents` pages into `dir/md`, `dir/rst`, `dir/html` and `dir/txt`, one
//! format per folder (round robin, so every format gets a quarter). Nothing is read from outside:
//! every word comes from the small vocabularies below, driven by a seeded SplitMix64, so the same
//! count always gives byte-identical files.
//!
//! Steps for one document: pick a service (40 invented ones), a language and a page kind (error
//! codes, API reference, status values); build a format-free [`Page`] (sections, paragraphs,
//! `METHOD /path` lines, tables with rowspans and value lists in cells, JSON examples); render it
//! with the renderer of the document's format. Renderers only decide layout (inline HTML or pipe
//! table, grid/simple/list-table, one cell per line), never content, so [`CorpusStats`] counts
//! facts once, whatever the format.
//!
//! What the generator guarantees, for assertions: every error-code table row carries a code, so
//! a correct build yields exactly [`CorpusStats::code_rows`] definitions over
//! [`CorpusStats::distinct_codes`] codes. Every table is well formed for its format.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use errdex_core::parse::Format;

/// What was generated.
#[derive(Debug, Clone, Default)]
pub struct CorpusStats {
    /// Documents written.
    pub documents: usize,
    /// Total bytes written.
    pub bytes: u64,
    /// Every file with the format it was written in.
    pub files: Vec<CorpusFile>,
    /// Error-code table rows written (each carries a code: one definition each).
    pub code_rows: usize,
    /// Distinct codes among those rows, as errdex groups them (canonical code and service).
    pub distinct_codes: usize,
    /// `METHOD /path` operations written.
    pub operations: usize,
    /// Value lists written (two-column status tables and lists inside description cells).
    pub value_lists: usize,
}

/// One generated file.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    /// Where it was written.
    pub path: PathBuf,
    /// The format it was written in.
    pub format: Format,
    /// Its size in bytes.
    pub bytes: usize,
    /// Error-code rows in it.
    pub code_rows: usize,
}

impl CorpusStats {
    /// Files written in `format`.
    pub fn files_in(&self, format: Format) -> impl Iterator<Item = &CorpusFile> {
        self.files.iter().filter(move |f| f.format == format)
    }

    /// Megabytes written (10^6 bytes).
    pub fn megabytes(&self) -> f64 {
        self.bytes as f64 / 1e6
    }
}

/// The formats in round-robin order, with their folder and file extension.
pub const FORMATS: [(Format, &str); 4] = [
    (Format::Markdown, "md"),
    (Format::Rst, "rst"),
    (Format::Html, "html"),
    (Format::Text, "txt"),
];

/// Writes `documents` synthetic pages under `dir` (created if missing) and says what they hold.
pub fn generate(dir: &Path, documents: usize) -> CorpusStats {
    for (_, folder) in FORMATS {
        std::fs::create_dir_all(dir.join(folder)).expect("create corpus folder");
    }
    let mut stats = CorpusStats::default();
    let mut codes: BTreeSet<(String, String)> = BTreeSet::new();
    for index in 0..documents {
        let (format, folder) = FORMATS[index % FORMATS.len()];
        let mut rng = Rng::new(0x5eed_e77d_e800_0000 ^ index as u64);
        let service_index = rng.below(SERVICES.len());
        let service = &SERVICES[service_index];
        // RST pages stay English: grid and simple tables align by column, and the width of a
        // CJK character is a display question this corpus does not need to ask.
        let lang = if format != Format::Rst && rng.chance(20) {
            Lang::Zh
        } else {
            Lang::En
        };
        let mut facts = Facts::default();
        let page = match rng.below(20) {
            0..=8 => error_page(&mut rng, service_index, lang, &mut facts),
            9..=16 => api_page(&mut rng, service_index, lang, &mut facts),
            _ => status_page(&mut rng, service_index, lang, &mut facts),
        };
        let text = match format {
            Format::Markdown => render_markdown(&page, &mut rng),
            Format::Rst => render_rst(&page, &mut rng),
            Format::Html => render_html(&page, &mut rng),
            Format::Text => render_text(&page),
        };
        let path = dir.join(folder).join(format!(
            "{index:05}_{}_{}.{folder}",
            service.prefix.to_ascii_lowercase(),
            page.kind
        ));
        std::fs::write(&path, &text).expect("write corpus file");
        stats.documents += 1;
        stats.bytes += text.len() as u64;
        stats.files.push(CorpusFile {
            path,
            format,
            bytes: text.len(),
            code_rows: facts.codes.len(),
        });
        stats.code_rows += facts.codes.len();
        stats.operations += facts.operations;
        stats.value_lists += facts.value_lists;
        for code in facts.codes {
            let service = code
                .split(['.', '-', '_'])
                .next()
                .unwrap_or_default()
                .to_ascii_uppercase();
            codes.insert((canonical(&code), service));
        }
    }
    stats.distinct_codes = codes.len();
    stats
}

/// `errdex_core::kb::canonical_code`, restated so the generator's count is independent of it.
fn canonical(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Randomness

/// SplitMix64: tiny, fast, and the same on every platform.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One item of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An id-like number of `digits` digits, as documentation tools sprinkle into markup.
    fn id(&mut self, digits: u32) -> u64 {
        let low = 10u64.pow(digits - 1);
        low + self.next_u64() % (9 * low)
    }
}

/// A deterministic hash of a few numbers, so a code's message is the same in every document.
fn mix(parts: &[u64]) -> Rng {
    let mut rng = Rng::new(0x00c0_ffee);
    for part in parts {
        rng.0 ^= part.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        rng.next_u64();
    }
    rng
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

/// An invented cloud service.
pub struct Service {
    /// Code prefix as written in codes (`Abx`, `FLM`).
    pub prefix: &'static str,
    /// English name.
    pub name: &'static str,
    /// Chinese name.
    pub name_zh: &'static str,
}

const fn svc(prefix: &'static str, name: &'static str, name_zh: &'static str) -> Service {
    Service {
        prefix,
        name,
        name_zh,
    }
}

/// Forty invented services; a few spell their prefix in mixed case, as real ones do.
pub static SERVICES: [Service; 40] = [
    svc("ABS", "Archive Bucket Service", "归档桶服务"),
    svc("BKR", "Backup Keeper", "备份管家"),
    svc("CNX", "Cloud Nexus", "云枢纽"),
    svc("DGW", "Data Gateway", "数据网关"),
    svc("EQS", "Event Queue Service", "事件队列服务"),
    svc("FLM", "Fleet Manager", "舰队管理"),
    svc("GRS", "Graph Store", "图存储服务"),
    svc("HVS", "Hyper Volume Service", "超级卷服务"),
    svc("IDX", "Index Engine", "索引引擎"),
    svc("JBS", "Job Scheduler", "作业调度服务"),
    svc("KMX", "Key Mixer", "密钥混合服务"),
    svc("LBX", "Load Balancer Extended", "增强负载均衡"),
    svc("MQT", "Message Telemetry", "消息遥测"),
    svc("NDS", "Node Directory Service", "节点目录服务"),
    svc("OBX", "Object Box", "对象盒"),
    svc("PCS", "Private Cache Service", "私有缓存服务"),
    svc("QRS", "Query Router Service", "查询路由服务"),
    svc("RPL", "Replica Link", "副本链路"),
    svc("SGW", "Storage Gateway", "存储网关"),
    svc("TKS", "Token Keeper Service", "令牌管理服务"),
    svc("UAS", "Usage Analytics Service", "用量分析服务"),
    svc("VNX", "Virtual Network Exchange", "虚拟网络交换"),
    svc("WFS", "Workflow Service", "工作流服务"),
    svc("XDB", "Cross Database", "跨区数据库"),
    svc("YCS", "Yield Compute Service", "弹性算力服务"),
    svc("ZNS", "Zone Name Service", "区域名称服务"),
    svc("Abx", "Application Box", "应用盒"),
    svc("Clm", "Cloud Lamp", "云灯"),
    svc("Drv", "Data Relay Vault", "数据中继库"),
    svc("Elx", "Elastic Ledger", "弹性账本"),
    svc("FNX", "Function Nexus", "函数枢纽"),
    svc("GPS", "GPU Pool Service", "GPU资源池"),
    svc("HSM2", "Hardware Secret Module", "硬件密钥模块"),
    svc("IMG", "Image Foundry", "镜像工坊"),
    svc("KVX", "Key Value Exchange", "键值交换服务"),
    svc("LOGX", "Log Exchange", "日志交换服务"),
    svc("MeshR", "Mesh Router", "网格路由"),
    svc("NTF", "Notification Fabric", "通知编排服务"),
    svc("PipeFlow", "Pipeline Flow", "流水线服务"),
    svc("SecVault", "Security Vault", "安全保险箱"),
];

const VERBS: [&str; 20] = [
    "create",
    "delete",
    "query",
    "update",
    "attach",
    "detach",
    "resize",
    "restore",
    "back up",
    "start",
    "stop",
    "restart",
    "bind",
    "unbind",
    "migrate",
    "export",
    "import",
    "scale out",
    "verify",
    "renew",
];
const VERBS_ZH: [&str; 15] = [
    "创建", "删除", "查询", "更新", "挂载", "卸载", "扩容", "恢复", "备份", "启动", "停止", "重启",
    "绑定", "解绑", "迁移",
];
const RESOURCES: [&str; 20] = [
    "cluster",
    "instance",
    "volume",
    "snapshot",
    "bucket",
    "key pair",
    "security group",
    "subnet",
    "task",
    "policy",
    "certificate",
    "queue",
    "topic",
    "node",
    "image",
    "backup",
    "replica",
    "gateway",
    "route table",
    "job",
];
const RESOURCES_ZH: [&str; 12] = [
    "集群",
    "实例",
    "云硬盘",
    "快照",
    "桶",
    "密钥对",
    "安全组",
    "子网",
    "任务",
    "策略",
    "证书",
    "队列",
];
const REASONS: [&str; 14] = [
    "the quota is insufficient",
    "the resource is being used by another operation",
    "the request parameters are invalid",
    "an internal error occurred",
    "the resource does not exist",
    "the account is frozen",
    "the token has expired",
    "the specified flavor is sold out",
    "the network is unreachable",
    "the resource is locked",
    "a dependent service is unavailable",
    "the name already exists",
    "the request was sent too frequently",
    "the resource is in an abnormal state",
];
const REASONS_ZH: [&str; 10] = [
    "配额不足",
    "资源正在被其他操作使用",
    "请求参数不合法",
    "系统内部错误",
    "资源不存在",
    "账号已冻结",
    "Token已过期",
    "规格已售罄",
    "网络不可达",
    "资源已被锁定",
];
const SOLUTIONS: [&str; 10] = [
    "Check the request parameters and try again.",
    "Contact technical support.",
    "Apply for a higher quota and try again.",
    "Wait until the current operation is complete and try again.",
    "Delete unused resources and try again.",
    "Try again later or contact customer service.",
    "Renew your account and try again.",
    "Use a different name and try again.",
    "Obtain a new token and try again.",
    "Check whether the resource exists.",
];
const SOLUTIONS_ZH: [&str; 6] = [
    "请检查请求参数后重试。",
    "请联系技术支持。",
    "请申请扩大配额后重试。",
    "请稍后重试。",
    "请删除不再使用的资源后重试。",
    "请确认资源是否存在。",
];
const MODULES: [&str; 6] = [
    "Cluster management",
    "Snapshot",
    "Network",
    "Authentication",
    "Billing",
    "Monitoring",
];
const STATES: [&str; 16] = [
    "RUNNING",
    "SUCCESS",
    "FAIL",
    "INIT",
    "WAITING",
    "ERROR",
    "DELETED",
    "FROZEN",
    "AVAILABLE",
    "CREATING",
    "DELETING",
    "RESIZING",
    "BUILD",
    "ACTIVE",
    "SHUTOFF",
    "RESTORING",
];
const FIELDS: [(&str, &str, &str); 16] = [
    ("id", "String", "Specifies the resource ID."),
    ("name", "String", "Specifies the resource name."),
    (
        "created_at",
        "String",
        "Specifies the time when the resource was created.",
    ),
    (
        "updated_at",
        "String",
        "Specifies the time when the resource was last updated.",
    ),
    (
        "description",
        "String",
        "Provides supplementary information about the resource.",
    ),
    ("task_id", "String", "Specifies the ID of the task."),
    ("job_type", "String", "Specifies the type of the job."),
    (
        "error_code",
        "String",
        "Specifies the error code returned when the task fails.",
    ),
    (
        "error_msg",
        "String",
        "Specifies the error message returned when the task fails.",
    ),
    ("size", "Integer", "Specifies the size in GB."),
    (
        "region",
        "String",
        "Specifies the region where the resource is located.",
    ),
    (
        "availability_zone",
        "String",
        "Specifies the AZ of the resource.",
    ),
    (
        "enterprise_project_id",
        "String",
        "Specifies the enterprise project ID.",
    ),
    (
        "flavor_ref",
        "String",
        "Specifies the flavor of the resource.",
    ),
    (
        "auto_renew",
        "Boolean",
        "Specifies whether to renew automatically.",
    ),
    ("port", "Integer", "Specifies the port number."),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    En,
    Zh,
}

impl Lang {
    fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The format-free page model

/// One page, before it is rendered in a format.
struct Page {
    kind: &'static str,
    lang: Lang,
    title: String,
    /// Topic id (`abs_03_0123`), as documentation tools name pages.
    topic: String,
    intro: Vec<String>,
    sections: Vec<Section>,
}

struct Section {
    heading: String,
    items: Vec<Item>,
}

enum Item {
    Para(String),
    /// An operation line: `GET /v3/{project_id}/...`.
    Request(&'static str, String),
    /// `Status code: 200`.
    Status(u16),
    Table(Table),
    Json(String),
}

struct Table {
    caption: String,
    header: Vec<String>,
    /// A full grid: every row has `header.len()` cells; positions under a rowspan are marked
    /// `covered` and repeat the text of the cell above.
    rows: Vec<Vec<Cell>>,
}

#[derive(Clone)]
struct Cell {
    pieces: Vec<Piece>,
    /// Rows this cell covers (1 = no span); only on the cell where a span starts.
    rowspan: usize,
    /// Under a rowspan from above: HTML omits it, other formats repeat the text.
    covered: bool,
    /// A "ditto" cell: written blank where the format allows it, meaning "same as above".
    ditto: bool,
}

#[derive(Clone)]
enum Piece {
    Text(String),
    /// A value list: `VALUE: description` items.
    Values(Vec<(String, String)>),
}

impl Cell {
    fn text(text: impl Into<String>) -> Self {
        Cell {
            pieces: vec![Piece::Text(text.into())],
            rowspan: 1,
            covered: false,
            ditto: false,
        }
    }

    /// The whole cell on one line, for layouts that cannot hold blocks (pipe and simple tables).
    fn flat(&self) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            if !out.is_empty() {
                out.push(' ');
            }
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Values(values) => {
                    let items: Vec<String> =
                        values.iter().map(|(v, d)| format!("{v}: {d}")).collect();
                    out.push_str(&items.join("; "));
                }
            }
        }
        out
    }

    fn has_values(&self) -> bool {
        self.pieces.iter().any(|p| matches!(p, Piece::Values(_)))
    }
}

/// Facts counted while building one page.
#[derive(Default)]
struct Facts {
    codes: Vec<String>,
    operations: usize,
    value_lists: usize,
}

// ---------------------------------------------------------------------------------------------
// Page builders

fn topic(rng: &mut Rng, service: &Service) -> String {
    format!(
        "{}_{:02}_{:04}",
        service.prefix.to_ascii_lowercase(),
        rng.between(1, 9),
        rng.below(10_000)
    )
}

fn sentence(rng: &mut Rng, lang: Lang, service: &Service) -> String {
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
struct CodeEntry {
    code: String,
    status: String,
    message: String,
    description: String,
    solution: String,
}

fn code_entry(service_index: usize, number: usize, lang: Lang, rng: &mut Rng) -> CodeEntry {
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
fn row_count(rng: &mut Rng) -> usize {
    match rng.below(10) {
        0..=5 => rng.between(5, 25),
        6..=8 => rng.between(26, 80),
        _ => rng.between(81, 200),
    }
}

/// Error-code table layouts by header.
const ERROR_LAYOUTS_EN: [&[&str]; 4] = [
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
const ERROR_LAYOUTS_ZH: [&[&str]; 2] = [
    &["状态码", "错误码", "错误信息", "描述", "处理措施"],
    &["错误码", "错误信息", "处理措施"],
];

fn error_table(
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
fn span_runs(rng: &mut Rng, grid: &mut [Vec<Cell>], column: usize) {
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

fn error_page(rng: &mut Rng, service_index: usize, lang: Lang, facts: &mut Facts) -> Page {
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
fn values(rng: &mut Rng, resource: &str) -> Vec<(String, String)> {
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

const PARAM_HEADER: [[&str; 4]; 2] = [
    ["Parameter", "Mandatory", "Type", "Description"],
    ["参数", "是否必选", "参数类型", "描述"],
];
const FIELD_HEADER: [[&str; 3]; 2] = [
    ["Parameter", "Type", "Description"],
    ["参数", "参数类型", "描述"],
];

fn header_of(lang: Lang, words: &[[&str; 4]; 2], width: usize) -> Vec<String> {
    let row = match lang {
        Lang::En => &words[0],
        Lang::Zh => &words[1],
    };
    row[..width].iter().map(|h| h.to_string()).collect()
}

/// A parameter table: `(name, mandatory, type, description)` rows.
fn parameter_table(
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

fn api_page(rng: &mut Rng, service_index: usize, lang: Lang, facts: &mut Facts) -> Page {
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
fn method_verb(method: &str) -> (&'static str, &'static str, &'static str) {
    match method {
        "GET" => ("Querying", "query", "查询"),
        "POST" => ("Creating", "create", "创建"),
        "PUT" => ("Updating", "update", "更新"),
        _ => ("Deleting", "delete", "删除"),
    }
}

/// `count` fields `(name, type, description cell)`; one holds a value list.
fn fields(
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
fn example_json(rng: &mut Rng, fields: &[(String, String, Cell)]) -> String {
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

fn status_page(rng: &mut Rng, service_index: usize, lang: Lang, facts: &mut Facts) -> Page {
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

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by the renderers

/// A numbered table caption: `Table 3` / `表3` and its text.
struct Caption {
    label: String,
    text: String,
}

impl Caption {
    fn new(lang: Lang, number: usize, text: &str) -> Self {
        Caption {
            label: match lang {
                Lang::En => format!("Table {number}"),
                Lang::Zh => format!("表{number}"),
            },
            text: text.to_string(),
        }
    }

    /// `Table 3 Error codes`.
    fn line(&self) -> String {
        format!("{} {}", self.label, self.text)
    }
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Greedy word wrap to `width` characters (words longer than `width` get a line of their own).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn pad(text: &str, width: usize) -> String {
    let mut out = text.to_string();
    out.extend(std::iter::repeat_n(
        ' ',
        width.saturating_sub(text.chars().count()),
    ));
    out
}

fn longest_word(text: &str) -> usize {
    text.split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0)
}

/// Walks a page's items in order, numbering tables; the renderers only say how each looks.
trait Renderer {
    fn title(&mut self, page: &Page);
    fn heading(&mut self, text: &str);
    fn para(&mut self, text: &str);
    fn request(&mut self, method: &str, path: &str);
    fn table(&mut self, caption: &Caption, table: &Table);
    fn json(&mut self, json: &str);
    fn finish(self) -> String;
}

fn render<R: Renderer>(page: &Page, mut out: R) -> String {
    out.title(page);
    for text in &page.intro {
        out.para(text);
    }
    let mut tables = 0;
    for section in &page.sections {
        out.heading(&section.heading);
        for item in &section.items {
            match item {
                Item::Para(text) => out.para(text),
                Item::Request(method, path) => out.request(method, path),
                Item::Status(code) => out.para(&format!("Status code: {code}")),
                Item::Table(table) => {
                    tables += 1;
                    out.table(&Caption::new(page.lang, tables, &table.caption), table);
                }
                Item::Json(json) => out.json(json),
            }
        }
    }
    out.finish()
}

/// How an HTML table looks: the verbose markup of exported Markdown (ids and anchors in every
/// cell, as in the seeds) or the plainer markup of a whole HTML page.
#[derive(Clone, Copy, PartialEq)]
enum HtmlStyle {
    Exported,
    Page,
}

fn html_cell_body(out: &mut String, cell: &Cell, style: HtmlStyle, rng: &mut Rng) {
    for piece in &cell.pieces {
        match piece {
            Piece::Text(_) if cell.ditto => out.push_str("&nbsp;"),
            Piece::Text(text) => match style {
                HtmlStyle::Exported => {
                    let id = rng.id(12);
                    let _ = writeln!(
                        out,
                        "<p id=\"p{id}\"><a name=\"p{id}\"></a><a name=\"p{id}\"></a>{}</p>",
                        escape_html(text)
                    );
                }
                HtmlStyle::Page => {
                    let _ = write!(out, "<p>{}</p>", escape_html(text));
                }
            },
            Piece::Values(values) => {
                let id = rng.id(9);
                let _ = write!(out, "<ul id=\"ul{id}\">");
                for (value, description) in values {
                    let _ = write!(
                        out,
                        "<li><strong id=\"b{}\">{}</strong>: {}</li>",
                        rng.id(10),
                        escape_html(value),
                        escape_html(description)
                    );
                }
                out.push_str("</ul>\n");
            }
        }
    }
}

fn html_table(
    out: &mut String,
    caption: Option<&str>,
    table: &Table,
    style: HtmlStyle,
    rng: &mut Rng,
) {
    let columns = table.header.len();
    let widths: Vec<String> = (0..columns)
        .map(|_| {
            format!(
                "{:.2}",
                100.0 / columns as f64 + rng.below(500) as f64 / 100.0
            )
        })
        .collect();
    let group = format!("mcps1.{}.{}", rng.between(1, 3), columns + 1);
    match style {
        HtmlStyle::Exported => {
            let _ = write!(
                out,
                "<table><thead align=\"left\"><tr id=\"row{}\">",
                rng.id(12)
            );
        }
        HtmlStyle::Page => {
            let _ = write!(
                out,
                "<div class=\"tablenoborder\"><table cellpadding=\"4\" cellspacing=\"0\" summary=\"\" frame=\"border\" border=\"1\" rules=\"all\">"
            );
            if let Some(caption) = caption {
                let _ = write!(out, "<caption><b>{}</b></caption>", escape_html(caption));
            }
            out.push_str("<thead align=\"left\"><tr>");
        }
    }
    for (j, header) in table.header.iter().enumerate() {
        let _ = write!(
            out,
            "<th align=\"left\" class=\"cellrowborder\" valign=\"top\" width=\"{}%\" id=\"{group}.1.{}\">",
            widths[j],
            j + 1
        );
        html_cell_body(out, &Cell::text(header), style, rng);
        out.push_str("</th>\n");
    }
    out.push_str("</tr>\n</thead>\n<tbody>");
    for row in &table.rows {
        match style {
            HtmlStyle::Exported => {
                let _ = write!(out, "<tr id=\"row{}\">", rng.id(12));
            }
            HtmlStyle::Page => out.push_str("<tr>"),
        }
        for (j, cell) in row.iter().enumerate() {
            if cell.covered {
                continue;
            }
            out.push_str("<td class=\"cellrowborder\" ");
            if cell.rowspan > 1 {
                let _ = write!(out, "rowspan=\"{}\" ", cell.rowspan);
            }
            let _ = write!(
                out,
                "valign=\"top\" width=\"{}%\" headers=\"{group}.1.{} \">",
                widths[j],
                j + 1
            );
            html_cell_body(out, cell, style, rng);
            out.push_str("</td>\n");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    if style == HtmlStyle::Page {
        out.push_str("</div>\n");
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown: exported-doc style, inline HTML tables (sometimes GFM pipe tables)

struct Markdown<'r> {
    out: String,
    rng: &'r mut Rng,
}

/// Markdown escapes that exported docs carry in running text (`\{project\_id\}`).
fn escape_markdown(text: &str) -> String {
    text.replace('{', "\\{")
        .replace('}', "\\}")
        .replace('_', "\\_")
}

impl Renderer for Markdown<'_> {
    fn title(&mut self, page: &Page) {
        let _ = write!(
            self.out,
            "# {}<a name=\"{}\"></a>\n\n",
            page.title, page.topic
        );
    }
    fn heading(&mut self, text: &str) {
        let _ = write!(
            self.out,
            "## {text}<a name=\"section{}\"></a>\n\n",
            self.rng.id(14)
        );
    }
    fn para(&mut self, text: &str) {
        let _ = write!(self.out, "{}\n\n", escape_markdown(text));
    }
    fn request(&mut self, method: &str, path: &str) {
        let _ = write!(self.out, "{method} {}\n\n", escape_markdown(path));
    }
    fn table(&mut self, caption: &Caption, table: &Table) {
        let label = caption.label.replace(' ', "  ");
        let _ = write!(self.out, "**{label}**  {}\n\n", caption.text);
        if self.rng.chance(20) {
            // A GFM pipe table: spans are written out, blocks flattened onto one line.
            let _ = writeln!(self.out, "| {} |", table.header.join(" | "));
            let _ = writeln!(self.out, "|{}", " --- |".repeat(table.header.len()));
            for row in &table.rows {
                let cells: Vec<String> = row.iter().map(Cell::flat).collect();
                let _ = writeln!(self.out, "| {} |", cells.join(" | "));
            }
            self.out.push('\n');
        } else {
            let _ = writeln!(self.out, "<a name=\"table{}\"></a>", self.rng.id(15));
            html_table(&mut self.out, None, table, HtmlStyle::Exported, self.rng);
            self.out.push('\n');
        }
    }
    fn json(&mut self, json: &str) {
        let fence = if self.rng.chance(50) {
            "```json"
        } else {
            "```"
        };
        let _ = write!(self.out, "{fence}\n{json}\n```\n\n");
    }
    fn finish(self) -> String {
        self.out
    }
}

fn render_markdown(page: &Page, rng: &mut Rng) -> String {
    render(
        page,
        Markdown {
            out: String::new(),
            rng,
        },
    )
}

// ---------------------------------------------------------------------------------------------
// reStructuredText: grid tables (cells wrapped over lines), simple tables, list-tables

struct Rst<'r> {
    out: String,
    rng: &'r mut Rng,
}

/// A cell as RST lines wrapped to `width`: paragraphs, then value lists as bullets.
fn rst_cell_lines(cell: &Cell, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for piece in &cell.pieces {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        match piece {
            Piece::Text(text) => lines.extend(wrap(text, width)),
            Piece::Values(values) => {
                for (value, description) in values {
                    let item = wrap(&format!("**{value}**: {description}"), width - 3);
                    for (k, line) in item.into_iter().enumerate() {
                        lines.push(format!("{}{line}", if k == 0 { "-  " } else { "   " }));
                    }
                }
            }
        }
    }
    lines
}

fn rst_grid(out: &mut String, indent: &str, table: &Table) {
    let columns = table.header.len();
    let widths: Vec<usize> = (0..columns)
        .map(|j| {
            let mut natural = table.header[j].chars().count();
            let mut word = longest_word(&table.header[j]);
            for row in &table.rows {
                for piece in &row[j].pieces {
                    let text = match piece {
                        Piece::Text(text) => text.clone(),
                        Piece::Values(values) => values
                            .iter()
                            .map(|(v, d)| format!("**{v}**: {d}"))
                            .collect::<Vec<_>>()
                            .join(" "),
                    };
                    natural = natural.max(text.chars().count());
                    word = word.max(longest_word(&text) + 3);
                }
            }
            natural.min(44).max(word).max(6)
        })
        .collect();
    let border = |fill: char| -> String {
        let mut line = format!("{indent}+");
        for w in &widths {
            line.extend(std::iter::repeat_n(fill, w + 2));
            line.push('+');
        }
        line.push('\n');
        line
    };
    let row_lines = |out: &mut String, cells: Vec<Vec<String>>| {
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for k in 0..height {
            out.push_str(indent);
            out.push('|');
            for (j, lines) in cells.iter().enumerate() {
                let text = lines.get(k).map(String::as_str).unwrap_or("");
                let _ = write!(out, " {} |", pad(text, widths[j]));
            }
            out.push('\n');
        }
    };
    out.push_str(&border('-'));
    row_lines(
        out,
        table
            .header
            .iter()
            .zip(&widths)
            .map(|(h, w)| wrap(h, *w))
            .collect(),
    );
    out.push_str(&border('='));
    for row in &table.rows {
        row_lines(
            out,
            row.iter()
                .zip(&widths)
                .map(|(cell, w)| match cell.ditto {
                    true => vec![String::new()],
                    false => rst_cell_lines(cell, *w),
                })
                .collect(),
        );
        out.push_str(&border('-'));
    }
}

/// A simple table: the first column never wraps (a blank first column continues a row), middle
/// columns wrap within their width, the last column runs on.
fn rst_simple(out: &mut String, table: &Table) {
    let columns = table.header.len();
    let flat: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| row.iter().map(Cell::flat).collect())
        .collect();
    let widths: Vec<usize> = (0..columns)
        .map(|j| {
            let header = table.header[j].chars().count();
            let natural = flat.iter().map(|r| r[j].chars().count()).max().unwrap_or(0);
            let word = flat.iter().map(|r| longest_word(&r[j])).max().unwrap_or(0);
            if j == 0 {
                natural.max(header)
            } else {
                natural.min(40).max(word).max(header)
            }
        })
        .collect();
    let border: String = widths
        .iter()
        .map(|w| "=".repeat(*w))
        .collect::<Vec<_>>()
        .join("  ");
    let line = |cells: &[String]| -> String {
        let mut text = String::new();
        for (j, cell) in cells.iter().enumerate() {
            if j + 1 == cells.len() {
                text.push_str(cell);
            } else {
                text.push_str(&pad(cell, widths[j]));
                text.push_str("  ");
            }
        }
        text.trim_end().to_string() + "\n"
    };
    let _ = writeln!(out, "{border}");
    out.push_str(&line(&table.header));
    let _ = writeln!(out, "{border}");
    for row in &flat {
        let wrapped: Vec<Vec<String>> = row
            .iter()
            .enumerate()
            .map(|(j, text)| {
                if j == 0 || j + 1 == columns {
                    vec![text.clone()]
                } else {
                    wrap(text, widths[j])
                }
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for k in 0..height {
            let cells: Vec<String> = wrapped
                .iter()
                .map(|lines| lines.get(k).cloned().unwrap_or_default())
                .collect();
            out.push_str(&line(&cells));
        }
    }
    let _ = writeln!(out, "{border}");
}

fn rst_list_table(out: &mut String, caption: &str, table: &Table) {
    let columns = table.header.len();
    let _ = writeln!(out, ".. list-table:: {caption}");
    out.push_str("   :header-rows: 1\n");
    let widths: Vec<String> = (0..columns).map(|_| (100 / columns).to_string()).collect();
    let _ = writeln!(out, "   :widths: {}\n", widths.join(" "));
    let mut row_out = |cells: Vec<Vec<String>>| {
        for (j, lines) in cells.into_iter().enumerate() {
            let marker = if j == 0 { "   * - " } else { "     - " };
            for (k, line) in lines.iter().enumerate() {
                if k == 0 {
                    let _ = writeln!(out, "{marker}{line}");
                } else if line.is_empty() {
                    out.push('\n');
                } else {
                    let _ = writeln!(out, "       {line}");
                }
            }
        }
    };
    row_out(table.header.iter().map(|h| vec![h.clone()]).collect());
    for row in &table.rows {
        row_out(row.iter().map(|cell| rst_cell_lines(cell, 1000)).collect());
    }
    out.push('\n');
}

impl Renderer for Rst<'_> {
    fn title(&mut self, page: &Page) {
        let _ = write!(
            self.out,
            ":original_name: {topic}.html\n\n.. _{topic}:\n\n{title}\n{line}\n\n",
            topic = page.topic,
            title = page.title,
            line = "=".repeat(page.title.chars().count())
        );
    }
    fn heading(&mut self, text: &str) {
        let _ = write!(self.out, "{text}\n{}\n\n", "-".repeat(text.chars().count()));
    }
    fn para(&mut self, text: &str) {
        let _ = write!(self.out, "{text}\n\n");
    }
    fn request(&mut self, method: &str, path: &str) {
        let _ = write!(self.out, "{method} {path}\n\n");
    }
    fn table(&mut self, caption: &Caption, table: &Table) {
        let blocks = table.rows.iter().flatten().any(Cell::has_values);
        match self.rng.below(4) {
            0 => rst_list_table(&mut self.out, &caption.line(), table),
            1 if !blocks => {
                let _ = write!(self.out, "{}\n\n", caption.line());
                rst_simple(&mut self.out, table);
                self.out.push('\n');
            }
            2 => {
                let _ = write!(
                    self.out,
                    ".. table:: **{}** {}\n\n",
                    caption.label, caption.text
                );
                rst_grid(&mut self.out, "   ", table);
                self.out.push('\n');
            }
            _ => {
                let _ = write!(self.out, "**{}** {}\n\n", caption.label, caption.text);
                rst_grid(&mut self.out, "", table);
                self.out.push('\n');
            }
        }
    }
    fn json(&mut self, json: &str) {
        let language = if self.rng.chance(50) { " json" } else { "" };
        let _ = write!(self.out, ".. code-block::{language}\n\n");
        for line in json.lines() {
            let _ = writeln!(self.out, "   {line}");
        }
        self.out.push('\n');
    }
    fn finish(self) -> String {
        self.out
    }
}

fn render_rst(page: &Page, rng: &mut Rng) -> String {
    render(
        page,
        Rst {
            out: String::new(),
            rng,
        },
    )
}

// ---------------------------------------------------------------------------------------------
// Whole HTML pages

struct Html<'r> {
    out: String,
    rng: &'r mut Rng,
}

impl Renderer for Html<'_> {
    fn title(&mut self, page: &Page) {
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"{lang}\" xml:lang=\"{lang}\">\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n<meta name=\"DC.Identifier\" content=\"{topic}\">\n<title>{title}</title>\n</head>\n<body>\n<a name=\"{topic}\"></a><a name=\"{topic}\"></a>\n<h1 class=\"topictitle1\">{title}</h1>\n",
            lang = page.lang.pick("en-us", "zh-cn"),
            topic = page.topic,
            title = escape_html(&page.title)
        );
    }
    fn heading(&mut self, text: &str) {
        let _ = writeln!(
            self.out,
            "<div class=\"section\" id=\"section{}\"><h4 class=\"sectiontitle\">{}</h4></div>",
            self.rng.id(12),
            escape_html(text)
        );
    }
    fn para(&mut self, text: &str) {
        let _ = writeln!(self.out, "<p>{}</p>", escape_html(text));
    }
    fn request(&mut self, method: &str, path: &str) {
        let _ = writeln!(self.out, "<p>{method} {}</p>", escape_html(path));
    }
    fn table(&mut self, caption: &Caption, table: &Table) {
        html_table(
            &mut self.out,
            Some(&caption.line()),
            table,
            HtmlStyle::Page,
            self.rng,
        );
    }
    fn json(&mut self, json: &str) {
        let _ = writeln!(
            self.out,
            "<pre class=\"screen\">{}</pre>",
            escape_html(json)
        );
    }
    fn finish(mut self) -> String {
        self.out.push_str("</body>\n</html>\n");
        self.out
    }
}

fn render_html(page: &Page, rng: &mut Rng) -> String {
    render(
        page,
        Html {
            out: String::new(),
            rng,
        },
    )
}

// ---------------------------------------------------------------------------------------------
// Plain text copied from a rendered page: one block (paragraph, cell, list item) per line

struct Text {
    out: String,
}

impl Text {
    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push_str("\n\n");
    }
}

impl Renderer for Text {
    fn title(&mut self, page: &Page) {
        self.line("Updated on 2025-10-16 GMT+08:00");
        self.line(&page.title);
    }
    fn heading(&mut self, text: &str) {
        self.line(text);
    }
    fn para(&mut self, text: &str) {
        self.line(text);
    }
    fn request(&mut self, method: &str, path: &str) {
        self.line(&format!("{method} {path}"));
    }
    fn table(&mut self, caption: &Caption, table: &Table) {
        self.line(&caption.line());
        for header in &table.header {
            self.line(header);
        }
        for row in &table.rows {
            for cell in row {
                for piece in &cell.pieces {
                    match piece {
                        Piece::Text(text) => self.line(text),
                        Piece::Values(values) => {
                            for (value, description) in values {
                                self.line(&format!("- {value}: {description}"));
                            }
                        }
                    }
                }
            }
        }
    }
    fn json(&mut self, json: &str) {
        self.line(json);
    }
    fn finish(self) -> String {
        self.out
    }
}

fn render_text(page: &Page) -> String {
    render(page, Text { out: String::new() })
}
