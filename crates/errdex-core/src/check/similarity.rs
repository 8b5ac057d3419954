//! Do two texts mean the same thing? A small, explainable measure for error messages.
//!
//! Steps, each a small pure function:
//! 1. [`normalize`]: lower case, placeholders removed (`<ECS error code>`, `{id}`, `%s`, `XXX`),
//!    multi-word synonyms folded into one token ("does not exist" / "cannot be found" →
//!    `notexist`, "scale out" / "scale-out" → `scaleout`, "unable to" / "cannot" → `fail`).
//!    Chinese phrases are read as the same English tokens first (`CN_PHRASES`: 无法创建 →
//!    fail create, 未找到 → notexist, 配额不足 → quota insufficient, 非法 / 不合法 → invalid,
//!    挂载 / 卸载 → attach / detach), so one set of rules serves both languages.
//! 2. [`Profile::of`]: advice and instruction sentences left out ("Contact customer
//!    service."), words split (what is left of CJK runs becomes character bigrams), negations
//!    read as the opposite word ("not enough" → insufficient, "no disk found" → disk notexist)
//!    or, with no known opposite, as the negated word ("is not encrypted", 未加密, "unencrypted"
//!    → `!encrypt`; not after a modal: "must not be empty" says what "is empty" says), stop words
//!    dropped, one-word synonyms folded (fail/failed/failure), words stemmed ([`stem`]), words
//!    read in context ("insufficient" next to "quota" is a quota exceeded), the maintainer's
//!    synonyms applied ([`Lexicon`], from `errdex.toml`). The words of the *main clause*
//!    (before "because", "due to", the first full stop, a parenthesis) are kept apart from the
//!    rest: an error message says what failed first and why after.
//! 3. [`similarity`]: weighted containment of one text's main clause in the other text, taken
//!    from the side that says more than a generic word. Generic words (fail, error, exception)
//!    weigh less than the words that say *what* failed; a word one typo away counts as present.
//!    When both main clauses name an operation and the operations differ (create vs restore),
//!    the score is halved: a different operation is a different meaning. So it is when both
//!    texts give numbers and share none (other limits), and when one text says the opposite of
//!    a word the other's main clause says ("encrypted" / `!encrypt`, "does not exist" /
//!    "already exists"). Vague nouns (value, resource) weigh
//!    between the two; two generic texts say the same.
//!
//! Why containment and not plain overlap: docs for one code often differ in how much they say
//! ("Clusters fail to be created." vs "Failed to create the cluster because of an internal
//! error. Please contact customer service…"); the shorter text is the same meaning when the
//! longer one says all of it. Two messages whose main clauses name a different action or object
//! ("create the snapshot" vs "reset the password") are different meanings.
//!
//! Not for: meaning beyond the words (paraphrases without shared stems, a state said two ways:
//! "has been detached" vs "is not in the attachment list"; a state and the negation of its
//! opposite: "is disabled" vs "is not enabled"; Chinese 没有 before a verb, read as "no"). The tables are general English, deliberately light; domain words belong in
//! `[[synonyms]]`. The score is reported so a reader can judge the judgement.

use std::collections::BTreeSet;
use std::hash::Hasher;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::{FxHashMap, FxHashSet};

/// At or above this score two texts are wording variants of one meaning.
pub const VARIANT_THRESHOLD: f64 = 0.75;

/// Below this score two texts are different meanings; between it and [`VARIANT_THRESHOLD`]
/// the words alone cannot tell (paraphrases the synonym tables do not know), so the judgement
/// is "unclear" and a person should look.
pub const CONFLICT_THRESHOLD: f64 = 0.5;

/// Weight of a generic word (fail, error, …) relative to a content word.
const GENERIC_WEIGHT: f64 = 0.3;

/// A main clause weighing less than this says nothing specific ("Failed.", "Error.").
const SUBSTANTIVE_WEIGHT: f64 = 1.0;

/// Multi-word synonyms, folded before splitting into words. Longest phrases first.
const PHRASES: &[(&str, &str)] = &[
    ("does not exit", "notexist"),
    ("beyond the valid range", "invalid range"),
    ("beyond the range", "invalid range"),
    ("outside the range", "invalid range"),
    ("exceeds the range", "invalid range"),
    ("network interface", "nic"),
    // General cloud vocabulary: one thing, several names.
    ("load balancers", "loadbalancer"),
    ("load balancing", "loadbalancer"),
    ("load balancer", "loadbalancer"),
    ("security groups", "securitygroup"),
    ("security group", "securitygroup"),
    ("floating ip address", "eip"),
    ("floating ips", "eip"),
    ("floating ip", "eip"),
    ("float ip", "eip"),
    ("key pairs", "keypair"),
    ("key pair", "keypair"),
    ("availability zones", "az"),
    ("availability zone", "az"),
    ("upper limit", "exceed"),
    ("more than", "exceed"),
    ("greater than", "exceed"),
    ("larger than", "exceed"),
    ("bigger than", "exceed"),
    ("higher than", "exceed"),
    ("too many", "exceed"),
    ("too long", "exceed length"),
    ("sold out", "soldout"),
    ("cannot be found", "notexist"),
    ("can not be found", "notexist"),
    ("could not be found", "notexist"),
    ("non-existent", "notexist"),
    ("nonexistent", "notexist"),
    ("already exists", "alreadyexist"),
    ("already exist", "alreadyexist"),
    ("scale-out", "scaleout"),
    ("scale out", "scaleout"),
    ("scaling out", "scaleout"),
    ("scaled out", "scaleout"),
    ("scale-in", "scalein"),
    ("scale in", "scalein"),
    ("elastic ip address", "eip"),
    ("elastic ip", "eip"),
    ("ip address", "ipaddress"),
    ("permission denied", "forbidden"),
    ("access denied", "forbidden"),
    ("out of range", "invalid range"),
    ("unable to", "fail"),
    ("can not", "fail"),
    ("could not", "fail"),
    ("can't", "fail"),
    ("cannot", "fail"),
    ("time out", "timeout"),
    // Something used by something else.
    ("in use", "inuse"),
    ("in used", "inuse"),
    ("being used", "inuse"),
    ("timed out", "timeout"),
    ("time-out", "timeout"),
    // A limit reached, said the other way round.
    ("no more", "exceed"),
    ("any more", "exceed"),
    ("over the limit", "exceed"),
    ("over limit", "exceed"),
    ("over the quota", "exceed"),
    ("over quota", "exceed"),
    // Rate limiting has many names.
    ("too many requests", "throttle"),
    ("flow control", "throttle"),
    ("traffic control", "throttle"),
    ("rate limiting", "throttle"),
    ("rate limited", "throttle"),
    ("rate limit", "throttle"),
    ("throttled", "throttle"),
    ("throttling", "throttle"),
    // Something is broken, without saying what.
    ("internal server error", "internal error"),
    ("is down", "error"),
    ("was down", "error"),
    ("are down", "error"),
    ("went down", "error"),
    // A rule broken is an invalid value.
    ("failed to comply with", "invalid"),
    ("fails to comply with", "invalid"),
    ("fail to comply with", "invalid"),
    ("non-compliant", "invalid"),
    // The request is wrong somewhere, without saying where: a generic error class.
    ("invalid request parameters", "badrequest"),
    ("invalid request parameter", "badrequest"),
    ("request parameters error", "badrequest"),
    ("request parameter error", "badrequest"),
    ("request parameters invalid", "badrequest"),
    ("request parameter invalid", "badrequest"),
    ("invalid input parameters", "badrequest"),
    ("invalid parameter values", "badrequest"),
    ("invalid parameter value", "badrequest"),
    ("invalid parameters", "badrequest"),
    ("invalid parameter", "badrequest"),
    ("parameter error", "badrequest"),
    ("parameters error", "badrequest"),
    ("invalid request", "badrequest"),
    ("bad request", "badrequest"),
];

/// Chinese words and phrases read as the English tokens of the same meaning, so that a Chinese
/// text goes through the same rules as an English one (operations, negations, quotas, generic
/// words). Matched anywhere in a run of Chinese characters (Chinese has no spaces),
/// leftmost-longest, each replaced with spaces around it; what is left is split into character
/// bigrams. Longer phrases hold the negation characters in words where they do not negate
/// (`不同`, `无法`, `非法`, `未知`); a negation character left alone reads as `not` and turns
/// the word after it (`未加密` → not encrypted).
const CN_PHRASES: &[(&str, &str)] = &[
    // Things that do not exist, already exist, are used up.
    ("不存在", "notexist"),
    ("未找到", "notexist"),
    ("找不到", "notexist"),
    ("没有找到", "notexist"),
    ("查询不到", "notexist"),
    ("已经存在", "alreadyexist"),
    ("已存在", "alreadyexist"),
    ("重复", "alreadyexist"),
    ("存在", "exist"),
    ("配额", "quota"),
    ("不足", "insufficient"),
    ("不够", "insufficient"),
    ("不能超过", "exceed"),
    ("不得超过", "exceed"),
    ("不超过", "exceed"),
    ("超过", "exceed"),
    ("超出", "exceed"),
    ("超限", "exceed"),
    ("上限", "exceed"),
    ("最大", "exceed"),
    ("达到", "exceed"),
    ("限制", "limit"),
    // Invalid, forbidden, unsupported, unavailable, different.
    ("不是合法的", "invalid"),
    ("不合法", "invalid"),
    ("非法", "invalid"),
    ("无效", "invalid"),
    ("不正确", "invalid"),
    ("不合规", "invalid"),
    ("合法", "valid"),
    // A parameter said to be wrong: its words, not the generic class (`badrequest`), so that
    // the object before it still counts (VPC参数错误 is not 查询VPC列表失败).
    ("请求参数错误", "parameter invalid"),
    ("请求参数非法", "parameter invalid"),
    ("请求参数无效", "parameter invalid"),
    ("请求参数不合法", "parameter invalid"),
    ("请求参数", "parameter"),
    ("参数错误", "parameter invalid"),
    ("参数非法", "parameter invalid"),
    ("参数无效", "parameter invalid"),
    ("参数不合法", "parameter invalid"),
    ("参数不正确", "parameter invalid"),
    ("参数", "parameter"),
    ("权限", "permission"),
    ("没有权限", "forbidden"),
    ("无权限", "forbidden"),
    ("权限不足", "forbidden"),
    ("无权", "forbidden"),
    ("不允许", "forbidden"),
    ("禁止", "forbidden"),
    ("拒绝访问", "forbidden"),
    ("不支持", "unsupported"),
    ("支持", "support"),
    ("不可用", "unavailable"),
    ("可用区", "az"),
    ("可用", "available"),
    ("不一致", "mismatch"),
    ("不匹配", "mismatch"),
    ("不同", "mismatch"),
    ("不能为空", "empty"),
    ("不可为空", "empty"),
    ("为空", "empty"),
    // Failing and generic words.
    ("无法", "fail"),
    ("不能", "fail"),
    ("未能", "fail"),
    ("不可以", "fail"),
    ("失败", "fail"),
    ("错误", "error"),
    ("异常", "error"),
    ("未知", "unknown"),
    ("系统", "system"),
    ("内部", "internal"),
    ("非常", ""),
    // Operations.
    ("新建", "create"),
    ("创建", "create"),
    ("删除", "delete"),
    ("移除", "delete"),
    ("查询", "query"),
    ("获取", "query"),
    ("查看", "query"),
    ("修改", "update"),
    ("更新", "update"),
    ("变更", "update"),
    ("挂载", "attach"),
    ("卸载", "detach"),
    ("解除绑定", "unbind"),
    ("解绑定", "unbind"),
    ("解绑", "unbind"),
    ("绑定", "bind"),
    ("开启", "enable"),
    ("启用", "enable"),
    ("关闭", "disable"),
    ("禁用", "disable"),
    ("停用", "disable"),
    ("扩容", "expand"),
    ("重启", "reboot"),
    ("启动", "start"),
    ("停止", "stop"),
    ("加密", "encrypt"),
    ("解密", "decrypt"),
    ("使用中", "inuse"),
    ("占用", "inuse"),
    ("使用", "use"),
    // Cloud vocabulary.
    ("弹性公网ip", "eip"),
    ("虚拟私有云", "vpc"),
    ("云服务器", "server"),
    ("云硬盘", "disk"),
    ("磁盘", "disk"),
    ("状态", "status"),
    ("信息", "information"),
    ("请求", "request"),
    // Particles: they break a run into words and say nothing.
    ("已经", ""),
    ("已", ""),
    ("被", ""),
    ("的", ""),
    ("了", ""),
    ("该", ""),
    ("此", ""),
    ("指定", ""),
    ("正在", ""),
    // Negations left alone: 没有 and 无 ("have no") reach over nouns as English "no" does
    // (没有操作权限: no permission to operate).
    ("没有", "no"),
    ("无", "no"),
    ("没", "not"),
    ("未", "not"),
    ("不", "not"),
    ("非", "not"),
];

/// Words that turn the word after them into its opposite ("not enough" → insufficient).
/// `doesn`, `isn`, … are what is left of "doesn't", "isn't" once the text is split into words.
const NEGATIONS: &[&str] = &[
    "not", "no", "never", "doesn", "don", "didn", "isn", "aren", "wasn", "weren", "hasn", "haven",
];

/// Words that may stand between a negation and the word it negates ("does not *contain*
/// enough", "is not *the* same").
const NEGATION_GAP: &[&str] = &[
    "a",
    "an",
    "any",
    "be",
    "been",
    "being",
    "contain",
    "contains",
    "currently",
    "had",
    "has",
    "have",
    "is",
    "are",
    "the",
    "t",
    "was",
    "were",
    "yet",
];

/// How many words a `no` may reach over to its verb: "no system disk found".
const NO_REACH: usize = 3;

/// Negated word → its opposite.
const OPPOSITES: &[(&str, &str)] = &[
    ("enough", "insufficient"),
    ("sufficient", "insufficient"),
    ("available", "unavailable"),
    ("allowed", "forbidden"),
    ("permitted", "forbidden"),
    ("authorized", "forbidden"),
    ("permission", "forbidden"),
    ("permissions", "forbidden"),
    ("access", "forbidden"),
    ("support", "unsupported"),
    ("supports", "unsupported"),
    ("supported", "unsupported"),
    ("valid", "invalid"),
    ("correct", "invalid"),
    ("legal", "invalid"),
    ("compliant", "invalid"),
    ("comply", "invalid"),
    ("conform", "invalid"),
    ("found", "notexist"),
    ("exist", "notexist"),
    ("exists", "notexist"),
    ("existed", "notexist"),
    ("match", "mismatch"),
    ("matched", "mismatch"),
    ("matches", "mismatch"),
    ("matching", "mismatch"),
    ("consistent", "mismatch"),
    ("same", "mismatch"),
    ("registered", "unregistered"),
    ("verified", "unverified"),
];

/// Negated words a `no` may reach over other words for ("no system disk found").
const NO_REACH_TARGETS: &[&str] = &[
    "found",
    "exist",
    "exists",
    "available",
    "permission",
    "permissions",
];

/// One-word synonyms, folded before stemming.
const WORDS: &[(&str, &str)] = &[
    ("failed", "fail"),
    ("fails", "fail"),
    ("failure", "fail"),
    ("failures", "fail"),
    ("failing", "fail"),
    ("unsuccessful", "fail"),
    ("incorrect", "invalid"),
    ("illegal", "invalid"),
    ("wrong", "invalid"),
    ("exceeds", "exceed"),
    ("exceeded", "exceed"),
    ("beyond", "exceed"),
    // In an error message "X error" says what "X failed" says: that something went wrong.
    ("error", "fail"),
    ("exception", "error"),
    ("exceptions", "error"),
    ("abnormal", "error"),
    ("errors", "error"),
    ("duplicate", "alreadyexist"),
    ("duplicated", "alreadyexist"),
    ("existing", "alreadyexist"),
    ("removed", "delete"),
    ("remove", "delete"),
    ("removes", "delete"),
    ("removing", "delete"),
    ("removal", "delete"),
    ("expansion", "expand"),
    ("no", "not"),
    ("unauthorized", "forbidden"),
    ("denied", "forbidden"),
    ("specifications", "flavor"),
    ("specification", "flavor"),
    ("flavors", "flavor"),
    ("parameter", "param"),
    ("parameters", "param"),
    ("params", "param"),
    ("parm", "param"),
    ("ecss", "server"),
    ("mount", "attach"),
    ("mounted", "attach"),
    ("release", "delete"),
    ("released", "delete"),
    ("releases", "delete"),
    ("releasing", "delete"),
    ("setting", "param"),
    ("settings", "param"),
    ("instance", "server"),
    ("instances", "server"),
    ("servers", "server"),
    ("ecs", "server"),
    ("vm", "server"),
    ("vms", "server"),
    ("interface", "nic"),
    ("interfaces", "nic"),
    ("port", "nic"),
    ("ports", "nic"),
    ("nics", "nic"),
    ("state", "status"),
    ("states", "status"),
    ("statuses", "status"),
    ("mismatches", "mismatch"),
    ("mismatched", "mismatch"),
    ("inconsistent", "mismatch"),
    ("modify", "update"),
    ("modified", "update"),
    ("modifying", "update"),
    ("modification", "update"),
    ("change", "update"),
    ("changed", "update"),
    ("changing", "update"),
    ("view", "query"),
    ("viewing", "query"),
    ("get", "query"),
    ("obtain", "query"),
    ("obtaining", "query"),
    ("queried", "query"),
    ("querying", "query"),
    ("queries", "query"),
    ("maximum", "exceed"),
    ("max", "exceed"),
    ("sellout", "soldout"),
    ("volume", "disk"),
    ("volumes", "disk"),
    ("disks", "disk"),
    ("char", "character"),
    ("chars", "character"),
    ("characters", "character"),
    ("mission", "task"),
    ("job", "task"),
    ("jobs", "task"),
    ("tasks", "task"),
    // General English synonyms.
    ("allocate", "assign"),
    ("allocated", "assign"),
    ("allocating", "assign"),
    ("allocation", "assign"),
    ("primary", "main"),
    ("different", "mismatch"),
    ("differs", "mismatch"),
    ("differ", "mismatch"),
    ("unresponsive", "error"),
    ("broken", "error"),
    ("crashed", "error"),
    ("null", "empty"),
    ("nil", "empty"),
    ("len", "length"),
    ("floatingip", "eip"),
    ("floatingips", "eip"),
    ("lb", "loadbalancer"),
    ("lbs", "loadbalancer"),
    ("elb", "loadbalancer"),
    ("loadbalancers", "loadbalancer"),
    ("sg", "securitygroup"),
    ("sgs", "securitygroup"),
    // OpenStack renamed the tenant to the project.
    ("tenant", "project"),
    ("tenants", "project"),
    ("blank", "empty"),
    ("above", "exceed"),
    ("overlimit", "exceed"),
    ("reach", "exceed"),
    ("reached", "exceed"),
    ("reaches", "exceed"),
    ("switch", "update"),
    ("switched", "update"),
    ("switching", "update"),
    ("prohibited", "forbidden"),
    ("prohibit", "forbidden"),
    ("forbid", "forbidden"),
    ("retrieve", "query"),
    ("retrieved", "query"),
    ("retrieving", "query"),
    ("fetch", "query"),
    ("fetched", "query"),
    ("flow", "traffic"),
    // A requirement stated in an error message is a value that broke it: "X must be Y" and
    // "X is required" say what "invalid X" says.
    ("must", "invalid"),
    ("required", "invalid"),
    ("should", "invalid"),
];

/// Operations: two main clauses naming different operations ("create" vs "restore") are
/// different meanings however much else they share. Written as words; compared as stems.
const ACTIONS: &[&str] = &[
    "add",
    "assign",
    "attach",
    "bind",
    "create",
    "decrypt",
    "delete",
    "detach",
    "disable",
    "download",
    "enable",
    "encrypt",
    "expand",
    "export",
    "import",
    "initialize",
    "install",
    "lock",
    "migrate",
    "query",
    "reboot",
    "rename",
    "reset",
    "resize",
    "restart",
    "restore",
    "scalein",
    "scaleout",
    "start",
    "stop",
    "unbind",
    "uninstall",
    "unlock",
    "unmount",
    "update",
    "upload",
];

/// How much of the score survives when the main clauses name different operations.
const OTHER_ACTION_FACTOR: f64 = 0.5;

/// Words that carry no meaning of their own in an error message.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "being",
    "by",
    "can",
    "current",
    "currently",
    "did",
    "do",
    "does",
    "each",
    "for",
    "from",
    "has",
    "have",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "may",
    "of",
    "on",
    "one",
    "ones",
    "onto",
    "or",
    "other",
    "please",
    "same",
    "select",
    "selected",
    "so",
    "some",
    "specified",
    "such",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "this",
    "those",
    "to",
    "was",
    "were",
    "which",
    "will",
    "with",
    "you",
    "your",
    "请",
    "的",
    "了",
];

/// Words that say that something went wrong but not what.
const GENERIC: &[&str] = &[
    "fail",
    "error",
    "exception",
    "occur",
    "problem",
    "issue",
    "system",
    "internal",
    "unknown",
    "badrequest",
];

/// Nouns that stand for whatever thing the message is about ("the value of …", "insufficient
/// resources"): they say less than a noun that names the thing. Not "number": "the number of
/// disks" is another thing than "the disk".
const VAGUE: &[&str] = &[
    "resource",
    "information",
    "info",
    "detail",
    "value",
    "item",
    "object",
    "time",
    "period",
];

/// Weight of a vague noun relative to a content word.
const VAGUE_WEIGHT: f64 = 0.5;

/// Verbs that open advice, not a description of what went wrong ("Contact customer service.",
/// "Try again later."). A text that opens with one says nothing about the error.
const ADVICE: &[&str] = &["contact", "try", "retry", "refresh", "wait", "see"];

/// Openings of a sentence that points elsewhere ("For details, see the returned information.").
const POINTERS: &[&str] = &["for details", "for detail", "for more"];

/// Verbs that open an instruction after the description ("…is full. Select another disk.").
/// Such sentences are dropped after the first: they tell what to do, not what is wrong.
const INSTRUCTIONS: &[&str] = &[
    "apply", "check", "ensure", "make", "please", "select", "release", "install", "attach",
    "delete", "use", "change", "modify", "go", "log", "enter", "set", "specify", "add",
];

/// Words only understood together with another word of the text: in a text about a quota,
/// "insufficient" means the quota is used up, as "exceeded" does. (context, word, meaning)
const IN_CONTEXT: &[(&str, &str, &str)] = &[("quota", "insufficient", "exceed")];

/// Words whose meaning includes another's: a text saying the first also says the second
/// ("Invalid parameter." says "invalid"). (word, implied word)
const IMPLIED: &[(&str, &str)] = &[("badrequest", "invalid")];

/// How much of the score survives when both texts give numbers and none is shared ("must
/// contain 512 bits" vs "must be 8 to 8,192 bits"): other limits, other rules.
const OTHER_NUMBER_FACTOR: f64 = 0.5;

/// Words that end the main clause of a message (what failed) and begin the reason.
const CLAUSE_BREAKS: &[&str] = &[
    " because ",
    " due to ",
    " since ",
    " as a result",
    ". ",
    "; ",
    " (",
    "（",
    "。",
    "；",
    "，",
    "因为",
    "由于",
];

/// The words of a text, split into its main clause and the whole.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Profile {
    /// Stemmed content words of the main clause, in order, without repeats; empty when the
    /// text only gives advice ("Contact customer service.").
    pub main: Vec<String>,
    /// Stemmed content words of the whole text (advice and instructions left out).
    pub all: BTreeSet<String>,
    /// Neighbouring words written as one ("health check" → `healthcheck`), so that a text
    /// writing the compound as one word finds it here.
    pub joined: BTreeSet<String>,
    /// The numbers the text gives ("7 to 1,096 days" → 7, 1096).
    pub numbers: BTreeSet<String>,
}

impl Profile {
    /// The profile of a text, with the built-in word tables only.
    pub fn of(text: &str) -> Profile {
        Profile::with_lexicon(text, &Lexicon::default())
    }

    /// The profile of a text, reading the maintainer's synonyms in `lexicon` as one word.
    pub fn with_lexicon(text: &str, lexicon: &Lexicon) -> Profile {
        let normalized = normalize(text);
        let described = description(&normalized);
        let says_what = !described.trim().is_empty();
        let body = if says_what { &described } else { &normalized };
        let all = lexicon.apply(in_context(words(body), &[]));
        let main = if says_what {
            main_words(&described, lexicon, &all)
        } else {
            Vec::new()
        };
        let joined = joined(&all);
        let mut unique = Vec::with_capacity(main.len());
        for word in main {
            if !unique.contains(&word) {
                unique.push(word);
            }
        }
        Profile {
            main: unique,
            all: with_implied(all),
            joined,
            numbers: numbers(body),
        }
    }

    fn main_weight(&self) -> f64 {
        self.main.iter().map(|w| weight(w)).sum()
    }
}

/// Synonyms a maintainer taught the checker (`[[synonyms]]` in `errdex.toml`): every word or
/// phrase of a group is read as the group's first one. Entries go through the same word
/// pipeline as the texts, so plurals and built-in synonyms match too ("elastic cloud servers").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    /// (an entry's words, the group's token), longest entries first.
    entries: Vec<(Vec<String>, String)>,
}

impl Lexicon {
    /// Prepares groups of words and phrases that mean the same. Entries that are only stop
    /// words are ignored.
    pub fn new(groups: &[&[String]]) -> Lexicon {
        let mut entries = Vec::new();
        for group in groups {
            let processed: Vec<Vec<String>> = group
                .iter()
                .map(|entry| words(&normalize(entry)))
                .filter(|w| !w.is_empty())
                .collect();
            // Words never contain `_`, so a phrase's token cannot meet a real word.
            let Some(token) = processed.first().map(|w| w.join("_")) else {
                continue;
            };
            entries.extend(processed.into_iter().map(|w| (w, token.clone())));
        }
        entries.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        entries.dedup_by(|a, b| a.0 == b.0);
        Lexicon { entries }
    }

    /// True when it teaches nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Replaces every entry in a word sequence by its group's token.
    fn apply(&self, words: Vec<String>) -> Vec<String> {
        if self.is_empty() {
            return words;
        }
        let mut out = Vec::with_capacity(words.len());
        let mut i = 0;
        while i < words.len() {
            let found = self
                .entries
                .iter()
                .find(|(entry, _)| words[i..].starts_with(entry));
            match found {
                Some((entry, token)) => {
                    out.push(token.clone());
                    i += entry.len();
                }
                None => {
                    out.push(words[i].clone());
                    i += 1;
                }
            }
        }
        out
    }
}

/// The sentences that describe what went wrong: advice ("Contact customer service.", "Try
/// again later.") and, after the first sentence, instructions ("Select another subnet.") left
/// out. Empty when the text is advice only.
fn description(normalized: &str) -> String {
    let kept: Vec<&str> = sentences(normalized)
        .into_iter()
        .enumerate()
        .filter(|(i, sentence)| {
            let opening = first_word(sentence);
            let points = POINTERS
                .iter()
                .any(|p| sentence.trim_start().starts_with(p));
            !ADVICE.contains(&opening) && !points && (*i == 0 || !INSTRUCTIONS.contains(&opening))
        })
        .map(|(_, sentence)| sentence.trim())
        .collect();
    format!(" {} ", kept.join(" "))
}

/// The text cut after each sentence end (`.`, `!`, `?`, `;` before a space; CJK stops).
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let closes = matches!(c, '。' | '；' | '！' | '？')
            || (matches!(c, '.' | '!' | '?' | ';') && text[end..].starts_with(' '));
        if closes {
            out.push(&text[start..end]);
            start = end;
        }
    }
    out.push(&text[start..]);
    out.retain(|s| !s.trim().is_empty());
    out
}

fn first_word(sentence: &str) -> &str {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
}

/// Pure digit runs: the numbers a text gives.
fn numbers(text: &str) -> BTreeSet<String> {
    // Split at non-ASCII letters too: Chinese writes numbers inside a run (`64个字符`).
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

/// The words, and what they imply ([`IMPLIED`]).
fn with_implied(words: Vec<String>) -> BTreeSet<String> {
    let mut set: BTreeSet<String> = words.into_iter().collect();
    for (word, implied) in IMPLIED {
        if set.contains(&stem(word)) {
            set.insert(stem(implied));
        }
    }
    set
}

/// Applies [`IN_CONTEXT`]: a word whose meaning depends on another word of the text (`context`
/// as well as `words` themselves).
fn in_context(mut words: Vec<String>, context: &[String]) -> Vec<String> {
    for (needed, word, meaning) in IN_CONTEXT {
        let needed = stem(needed);
        if words.iter().chain(context).any(|w| *w == needed) {
            let word = stem(word);
            for w in words.iter_mut().filter(|w| **w == word) {
                *w = stem(meaning);
            }
        }
    }
    words
}

/// Lower case, placeholders removed, multi-word synonyms folded, spaces collapsed; padded with
/// one space each side so phrases match at word boundaries.
pub fn normalize(text: &str) -> String {
    let lowered = strip_placeholders(&join_thousands(&split_camel_case(text).to_lowercase()));
    let mut spaced: String = lowered
        .chars()
        .map(|c| match c {
            '\u{a0}' | '\t' | '\n' | '\r' | '"' | '“' | '”' | '\'' | '‘' | '’' | '*' | '`' => {
                ' '
            }
            _ => c,
        })
        .collect();
    // Re-insert apostrophes of contractions removed above ("doesn t" → "doesn't").
    spaced = spaced.replace("n t ", "n't ");
    let collapsed = format!(
        " {} ",
        spaced.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    if collapsed.chars().any(is_cjk) {
        replace_phrases(&replace_chinese(&collapsed))
    } else {
        replace_phrases(&collapsed)
    }
}

/// One automaton over [`CN_PHRASES`], leftmost-longest.
static CN_MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(CN_PHRASES.iter().map(|(phrase, _)| phrase))
        .expect("Chinese phrase automaton builds")
});

/// Replaces every Chinese phrase of [`CN_PHRASES`] by its token, spaced as a word of its own.
fn replace_chinese(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for found in CN_MATCHER.find_iter(text) {
        out.push_str(&text[last..found.start()]);
        out.push(' ');
        out.push_str(CN_PHRASES[found.pattern().as_usize()].1);
        out.push(' ');
        last = found.end();
    }
    out.push_str(&text[last..]);
    format!(" {} ", out.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `1,096` → `1096`: a thousands separator is not a break between two numbers.
fn join_thousands(text: &str) -> String {
    let bytes = text.as_bytes();
    let is_digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    text.char_indices()
        .filter(|&(i, c)| {
            let separator = c == ','
                && i > 0
                && is_digit(i - 1)
                && (1..=3).all(|k| is_digit(i + k))
                && !is_digit(i + 4);
            !separator
        })
        .map(|(_, c)| c)
        .collect()
}

/// One automaton over every phrase, leftmost-longest, so a text is scanned once however many
/// phrases there are ("does not exist" wins over "not exist").
static PHRASE_MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(PHRASES.iter().map(|(phrase, _)| phrase))
        .expect("phrase automaton builds")
});

/// Replaces every phrase that stands as whole words by its synonym.
fn replace_phrases(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for found in PHRASE_MATCHER.find_iter(text) {
        let before_ok = text[..found.start()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = text[found.end()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            out.push_str(&text[last..found.start()]);
            out.push_str(PHRASES[found.pattern().as_usize()].1);
            last = found.end();
        }
    }
    out.push_str(&text[last..]);
    out
}

/// `privateIp` → `private Ip`: identifiers in messages are words too. The plural `s` of an
/// abbreviation is dropped (`VNIs` → `VNI`, `IDs` → `ID`): too short to stem, and no
/// abbreviation ends in a lower-case `s`.
fn split_camel_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous: Option<char> = None;
    let mut capitals = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_uppercase() && previous.is_some_and(|p| p.is_ascii_lowercase()) {
            out.push(' ');
        }
        let plural = c == 's' && capitals >= 2 && chars.peek().is_none_or(|n| !n.is_alphanumeric());
        if !plural {
            out.push(c);
        }
        capitals = if c.is_ascii_uppercase() {
            capitals + 1
        } else {
            0
        };
        previous = Some(c);
    }
    out
}

/// Removes `<…>` and `{…}` placeholders, `%s`-style format slots and `XXX` runs.
pub fn strip_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if depth.is_none() && c == '%' && chars.peek().is_some_and(|n| n.is_ascii_alphabetic()) {
            chars.next(); // `%s`, `%d`: a format slot
            out.push(' ');
            continue;
        }
        match (depth, c) {
            (None, '<') => depth = Some('>'),
            (None, '{') => depth = Some('}'),
            (Some(close), c) if c == close => {
                depth = None;
                out.push(' ');
            }
            (Some(_), _) => {}
            (None, c) => out.push(c),
        }
    }
    out.split_whitespace()
        .filter(|w| !is_placeholder_word(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `XXX`, `xxxx`, `%s`, `%d`, `${name}` leftovers.
fn is_placeholder_word(word: &str) -> bool {
    let core = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '%' && c != '$');
    let all_x = core.len() >= 2 && core.chars().all(|c| c == 'x' || c == 'X');
    all_x || core.starts_with('%') || core.starts_with('$')
}

/// Where clauses end ([`CLAUSE_BREAKS`]), in order, leaving out breaks with nothing before.
fn clause_ends(normalized: &str) -> Vec<usize> {
    let mut ends: Vec<usize> = CLAUSE_BREAKS
        .iter()
        .flat_map(|b| normalized.match_indices(b).map(|(at, _)| at))
        .filter(|&at| !normalized[..at].trim().is_empty())
        .collect();
    ends.sort_unstable();
    ends.dedup();
    ends
}

/// The words of the main clause. A first clause that only names a generic error class
/// ("Invalid request parameters. The name is too long.", "Failed because the disk is full.")
/// says what is wrong in the clause after it: the main clause reaches on until it says
/// something specific.
fn main_words(described: &str, lexicon: &Lexicon, all: &[String]) -> Vec<String> {
    let clause = |end: usize| lexicon.apply(in_context(words(&described[..end]), all));
    for end in clause_ends(described) {
        let main = clause(end);
        if main.iter().map(|w| weight(w)).sum::<f64>() >= SUBSTANTIVE_WEIGHT {
            return main;
        }
    }
    clause(described.len())
}

/// Each two neighbouring Latin words written as one.
fn joined(words: &[String]) -> BTreeSet<String> {
    words
        .windows(2)
        .filter(|pair| {
            pair.iter()
                .all(|w| w.bytes().all(|b| b.is_ascii_alphabetic()))
        })
        .map(|pair| format!("{}{}", pair[0], pair[1]))
        .collect()
}

/// Content words: split, negations resolved, stop words dropped, synonyms folded, stemmed.
/// CJK runs become overlapping character bigrams (Chinese has no spaces; bigrams are the usual
/// unit).
fn words(normalized: &str) -> Vec<String> {
    let raw: Vec<&str> = normalized
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::with_capacity(raw.len());
    for (word, negated) in resolve_negations(&raw) {
        if word.chars().count() < 2 && !word.chars().any(is_cjk) {
            continue;
        }
        let mut first = true;
        for part in split_cjk(word) {
            if is_stop_word(&part) {
                continue;
            }
            let folded = fold_word(&part);
            let w = un_prefixed(&folded).unwrap_or_else(|| stem(&folded));
            if w.is_empty() || is_stop_word(&w) {
                continue;
            }
            // Only the first part of a negated Chinese run is marked: one negation, one word.
            if negated && first {
                out.push(negate(&w));
            } else {
                out.push(w);
            }
            first = false;
        }
    }
    out
}

/// Marks a word that a text says does not hold ("not encrypted" → `!encrypt`): unlike a word
/// with a known opposite, it is neither the word itself nor anything else, and a text that
/// says the word plainly contradicts it ([`polarity_clash`]).
const NOT_MARK: char = '!';

/// The word negated: `encrypt` → `!encrypt`, `!encrypt` → `encrypt`.
fn negate(word: &str) -> String {
    match word.strip_prefix(NOT_MARK) {
        Some(plain) => plain.to_string(),
        None => format!("{NOT_MARK}{word}"),
    }
}

/// "unencrypted", "unattached": a participle with the prefix `un-` is the negated participle
/// (`!encrypt`). Words the tables already read (unsupported, unverified), operations (unbind,
/// uninstall) and short words (unused, under) are left alone.
fn un_prefixed(folded: &str) -> Option<String> {
    let rest = folded.strip_prefix("un")?;
    if folded.len() < 9 || !folded.ends_with("ed") || !rest.bytes().all(|b| b.is_ascii_lowercase())
    {
        return None;
    }
    let whole = stem(folded);
    if ACTION_STEMS.contains(&whole) || OPPOSITES.iter().any(|(_, o)| *o == folded) {
        return None;
    }
    Some(negate(&stem(&fold_word(rest))))
}

/// Words before `not` that make it part of a requirement, not a statement: "must not be
/// empty" says what "is empty" says.
const MODALS: &[&str] = &[
    "must", "should", "shall", "may", "might", "can", "could", "will", "would",
];

/// Negations that turn a word with no known opposite into its negated form (`not`, `isn't`,
/// … but not `no`, which reaches over nouns: "no quota" is not "not quota").
const PLAIN_NEGATIONS: &[&str] = &[
    "not", "doesn", "don", "didn", "isn", "aren", "wasn", "weren", "hasn", "haven",
];

/// Replaces a negation and the word it negates by that word's opposite ("does not contain
/// enough" → `insufficient`, "are not matched" → `mismatch`, "no system disk found" → `system
/// disk notexist`). A plain negation of a word with no known opposite marks the word as negated
/// ("is not encrypted" → encrypted, negated), unless it belongs to a requirement ("must not
/// be") or negates no content word ("not in the active state"): then it stays as it is. Each
/// word comes with whether it is negated.
fn resolve_negations<'a>(raw: &[&'a str]) -> Vec<(&'a str, bool)> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if let Some((between, target, opposite)) = negated(raw, i) {
            out.extend(between.into_iter().map(|w| (w, false)));
            out.push((opposite, false));
            // "no access permissions": one negation, one opposite.
            i = target + 1;
            while raw.get(i).is_some_and(|w| opposite_of(w) == Some(opposite)) {
                i += 1;
            }
        } else if let Some(target) = plainly_negated(raw, i) {
            out.push((raw[target], true));
            i = target + 1;
        } else {
            out.push((raw[i], false));
            i += 1;
        }
    }
    out
}

/// When `raw[at]` is a plain negation ([`PLAIN_NEGATIONS`]) of a content word, over filler
/// words ([`NEGATION_GAP`]) and not after a modal: the index of that word.
fn plainly_negated(raw: &[&str], at: usize) -> Option<usize> {
    if !PLAIN_NEGATIONS.contains(&raw[at]) || at > 0 && MODALS.contains(&raw[at - 1]) {
        return None;
    }
    let target = (at + 1..raw.len()).find(|&j| !NEGATION_GAP.contains(&raw[j]))?;
    let word = raw[target];
    let content = !is_stop_word(word)
        && !NEGATIONS.contains(&word)
        && !MODALS.contains(&word)
        && !word.bytes().all(|b| b.is_ascii_digit());
    content.then_some(target)
}

fn opposite_of(word: &str) -> Option<&'static str> {
    OPPOSITES.iter().find(|(w, _)| *w == word).map(|(_, o)| *o)
}

/// When `raw[at]` is a negation of a word with an opposite: the words kept between the two,
/// the index of the negated word, and its opposite. `not` reaches only over filler words
/// ([`NEGATION_GAP`]); `no` also over a few words before a verb of finding ("no system disk
/// found").
fn negated<'a>(raw: &[&'a str], at: usize) -> Option<(Vec<&'a str>, usize, &'static str)> {
    if !NEGATIONS.contains(&raw[at]) {
        return None;
    }
    let mut between = Vec::new();
    for (j, word) in raw.iter().enumerate().skip(at + 1) {
        let opposite = opposite_of(word);
        let reach_ok = between.is_empty() || NO_REACH_TARGETS.contains(word);
        match opposite {
            Some(opposite) if reach_ok => return Some((between, j, opposite)),
            _ if NEGATION_GAP.contains(word) => {}
            _ if raw[at] == "no" && between.len() < NO_REACH => between.push(*word),
            _ => return None,
        }
    }
    None
}

/// True when both texts are written in the same script family (both Chinese or neither), so
/// their words can be compared at all: a Chinese and an English definition of one code are
/// translations, not a conflict this measure can judge.
pub fn comparable(a: &str, b: &str) -> bool {
    a.chars().any(is_cjk) == b.chars().any(is_cjk)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Splits a word into Latin parts and CJK bigrams.
fn split_cjk(word: &str) -> Vec<String> {
    if !word.chars().any(is_cjk) {
        return vec![word.to_string()];
    }
    let mut parts = Vec::new();
    let mut latin = String::new();
    let mut cjk: Vec<char> = Vec::new();
    let flush_cjk = |cjk: &mut Vec<char>, parts: &mut Vec<String>| {
        match cjk.len() {
            0 => {}
            1 => parts.push(cjk[0].to_string()),
            _ => parts.extend(cjk.windows(2).map(|w| w.iter().collect())),
        }
        cjk.clear();
    };
    for c in word.chars() {
        if is_cjk(c) {
            if !latin.is_empty() {
                parts.push(std::mem::take(&mut latin));
            }
            cjk.push(c);
        } else {
            flush_cjk(&mut cjk, &mut parts);
            latin.push(c);
        }
    }
    flush_cjk(&mut cjk, &mut parts);
    if !latin.is_empty() {
        parts.push(latin);
    }
    parts
}

/// The word's synonym from [`WORDS`], followed up to twice more (exception → error → fail).
fn fold_word(word: &str) -> String {
    let mut current = word;
    for _ in 0..3 {
        match WORD_SYNONYMS.get(current) {
            Some(&to) if to != current => current = to,
            _ => break,
        }
    }
    current.to_string()
}

/// [`WORDS`] as a map, the first entry for a word winning as a scan of the table would: every
/// word of every text is looked up.
static WORD_SYNONYMS: LazyLock<FxHashMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut map = FxHashMap::default();
    for &(from, to) in WORDS {
        map.entry(from).or_insert(to);
    }
    map
});

/// [`STOP_WORDS`] as a set.
static STOP_WORD_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| STOP_WORDS.iter().copied().collect());

fn is_stop_word(word: &str) -> bool {
    STOP_WORD_SET.contains(word)
}

/// A light English stemmer: inflections (`-s`, `-es`, `-ies`, `-ed`, `-ing`), then common
/// derivations (`-ation`, `-ization`, `-ion`, `-ment`, `-ness`, `-ize`, `-ate`), then a final
/// `-e`, so that create/created/creation, initialize/initialization and delete/deletion meet.
/// Stems keep at least three letters; short words and non-ASCII words are left alone.
pub fn stem(word: &str) -> String {
    if !word.is_ascii() || word.chars().any(|c| c.is_ascii_digit()) {
        return word.to_string();
    }
    if word.len() <= 3 {
        return short_plural(word);
    }
    let mut w = inflection(word);
    w = derivation(&w);
    if w.len() > 4 && w.ends_with('e') {
        w.pop();
    }
    // Porter's y → i, so verify / verified / verification meet at `verifi`.
    if w.len() > 3 && w.ends_with('y') {
        w.pop();
        w.push('i');
    }
    undouble(w)
}

/// The plural of a two-letter abbreviation (`ids`, `ips`, `azs`) → the abbreviation; other
/// short words (`bus`, `has`) unchanged.
fn short_plural(word: &str) -> String {
    let b = word.as_bytes();
    if b.len() == 3 && b[2] == b's' && b[1] != b's' && !is_vowel(b[1] as char) {
        word[..2].to_string()
    } else {
        word.to_string()
    }
}

fn inflection(word: &str) -> String {
    if let Some(s) = word.strip_suffix("ies").filter(|s| s.len() >= 3) {
        return format!("{s}y");
    }
    for suffix in ["sses", "ss", "us", "is", "ias", "eed"] {
        if word.ends_with(suffix) {
            return word.strip_suffix("es").unwrap_or(word).to_string();
        }
    }
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(s) = word
            .strip_suffix(suffix)
            .filter(|s| s.len() >= 3 && s.chars().any(is_vowel))
        {
            return s.to_string();
        }
    }
    word.to_string()
}

fn derivation(word: &str) -> String {
    // relationship → relation → relat, membership → member.
    if let Some(s) = word.strip_suffix("ship").filter(|s| s.len() >= 4) {
        return derivation(s);
    }
    const RULES: &[(&str, &str)] = &[
        ("ification", "ify"),
        ("ization", ""),
        ("isation", ""),
        ("ation", "at"),
        ("ment", ""),
        ("ness", ""),
        ("tion", "t"),
        ("sion", "s"),
        ("ize", ""),
        ("ise", ""),
        ("iz", ""),
        ("ate", "at"),
        ("at", "at"),
    ];
    for (suffix, keep) in RULES {
        if let Some(s) = word.strip_suffix(suffix) {
            // `-at` (from -ate, -ation) goes only when four letters remain: create → creat,
            // validate → valid, operation → oper, update → updat.
            if *keep == "at" {
                return if s.len() >= 4 {
                    s.to_string()
                } else {
                    format!("{s}at")
                };
            }
            if s.len() >= 3 {
                return format!("{s}{keep}");
            }
        }
    }
    word.to_string()
}

fn undouble(mut word: String) -> String {
    let bytes = word.as_bytes();
    let n = bytes.len();
    if n > 4
        && bytes[n - 1] == bytes[n - 2]
        && !matches!(bytes[n - 1], b'l' | b's' | b'z')
        && !is_vowel(bytes[n - 1] as char)
    {
        word.pop();
    }
    word
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Stems of a word table, after the one-word synonyms: tables are written as words so that
/// they cannot disagree with the stemmer.
fn stems(table: &[&str]) -> BTreeSet<String> {
    table.iter().map(|w| stem(&fold_word(w))).collect()
}

static ACTION_STEMS: LazyLock<BTreeSet<String>> = LazyLock::new(|| stems(ACTIONS));
static GENERIC_STEMS: LazyLock<BTreeSet<String>> = LazyLock::new(|| stems(GENERIC));
static VAGUE_STEMS: LazyLock<BTreeSet<String>> = LazyLock::new(|| stems(VAGUE));

fn weight(word: &str) -> f64 {
    if GENERIC_STEMS.contains(word) {
        GENERIC_WEIGHT
    } else if VAGUE_STEMS.contains(word) {
        VAGUE_WEIGHT
    } else {
        1.0
    }
}

/// True when `word` is in `all`, or a word of five letters or more is one typo away from a
/// word there with the same first letter ("resposne"/"response" after stemming; a letter
/// missing, added, replaced, or two neighbours swapped: "udpate"/"update"). Shorter words are
/// too often other words one letter apart (user/used).
fn covered(word: &str, all: &BTreeSet<String>) -> bool {
    all.contains(word)
        || (word.len() >= 5
            && all.iter().any(|w| {
                w.len() >= 5
                    && w.chars().next() == word.chars().next()
                    && (one_edit(word, w) || swapped(word, w))
            }))
}

/// True when two words differ only by two neighbouring letters swapped ("invaild"/"invalid").
fn swapped(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let Some(i) = (0..a.len()).find(|&i| a[i] != b[i]) else {
        return false;
    };
    i + 1 < a.len() && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..]
}

/// True when two words differ by at most one insertion, deletion or substitution.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        short[prefix + 1.min(short.len() - prefix)..] == long[prefix + 1.min(long.len() - prefix)..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// Weighted share of `main`'s words that occur in the other text. A word is there when
/// [`covered`], when the other text writes it as two words ([`Profile::joined`]), or, for two
/// neighbouring words, when the other text writes them as one ("health check"/"healthcheck").
fn containment(main: &[String], other: &Profile) -> f64 {
    let total: f64 = main.iter().map(|w| weight(w)).sum();
    if total == 0.0 {
        return 0.0;
    }
    let mut found: Vec<bool> = main
        .iter()
        .map(|w| covered(w, &other.all) || other.joined.contains(w))
        .collect();
    for i in 1..main.len() {
        if !(found[i - 1] && found[i])
            && covered(&format!("{}{}", main[i - 1], main[i]), &other.all)
        {
            found[i - 1] = true;
            found[i] = true;
        }
    }
    let covered: f64 = main
        .iter()
        .zip(&found)
        .filter(|(_, found)| **found)
        .map(|(w, _)| weight(w))
        .sum();
    covered / total
}

/// How much of the score survives when one text says the opposite of a word the other's main
/// clause says ("is encrypted" / "is not encrypted", "does not exist" / "already exists").
const OTHER_POLARITY_FACTOR: f64 = 0.5;

/// Words and their opposites that contradict each other when one text says the first and the
/// other the second (and not the first). Deliberately few: opposites that often stand together
/// in one meaning ("access" / "forbidden", "valid range" / "invalid range") are not here.
const CLASHES: &[(&str, &str)] = &[
    ("exist", "notexist"),
    ("alreadyexist", "notexist"),
    ("support", "unsupported"),
    ("available", "unavailable"),
];

static CLASH_STEMS: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    CLASHES
        .iter()
        .map(|(a, b)| (stem(&fold_word(a)), stem(&fold_word(b))))
        .collect()
});

/// True when `a`'s main clause says a word whose opposite (its negation, or its pair in
/// [`CLASHES`]) `b` says without saying the word itself.
fn polarity_clash(a: &Profile, b: &Profile) -> bool {
    a.main.iter().any(|w| {
        if b.all.contains(w) {
            return false;
        }
        let negated = match w.strip_prefix(NOT_MARK) {
            Some(plain) => b.all.contains(plain),
            // `!` sorts before letters, digits and CJK: a text with a marked word has one first.
            // Most texts negate nothing, so most never build the marked form.
            None => {
                b.all
                    .first()
                    .is_some_and(|first| first.starts_with(NOT_MARK))
                    && b.all.contains(&negate(w))
            }
        };
        negated
            || CLASH_STEMS
                .iter()
                .any(|(x, y)| (w == x && b.all.contains(y)) || (w == y && b.all.contains(x)))
    })
}

/// The operations a main clause names.
fn actions(main: &[String]) -> BTreeSet<&str> {
    main.iter()
        .map(String::as_str)
        .filter(|w| ACTION_STEMS.contains(*w))
        .collect()
}

/// Weighted Dice coefficient of the two texts' whole word sets: a symmetric figure used to rank
/// candidates (renumbering hints), not to decide meaning.
pub fn overlap(a: &Profile, b: &Profile) -> f64 {
    let total: f64 = a.all.iter().chain(&b.all).map(|w| weight(w)).sum();
    if total == 0.0 {
        return 0.0;
    }
    let shared: f64 = a.all.intersection(&b.all).map(|w| weight(w)).sum();
    2.0 * shared / total
}

/// How far two texts share one meaning, from 0 (unrelated) to 1 (one says all the other's main
/// clause says). See the module doc.
pub fn similarity(a: &Profile, b: &Profile) -> f64 {
    let a_in_b = containment(&a.main, b);
    let b_in_a = containment(&b.main, a);
    let a_says = a.main_weight() >= SUBSTANTIVE_WEIGHT;
    let b_says = b.main_weight() >= SUBSTANTIVE_WEIGHT;
    let mut score = match (a_says, b_says) {
        (true, true) => a_in_b.max(b_in_a),
        // A generic text ("A system exception occurred.") neither shares nor contradicts a
        // specific one: unclear by construction, unless it is contained outright.
        (true, false) => a_in_b.max(CONFLICT_THRESHOLD),
        (false, true) => b_in_a.max(CONFLICT_THRESHOLD),
        // Two texts that both only say that something went wrong say the same.
        (false, false) => a_in_b.max(b_in_a).max(VARIANT_THRESHOLD),
    };
    let (acts_a, acts_b) = (actions(&a.main), actions(&b.main));
    if !acts_a.is_empty() && !acts_b.is_empty() && acts_a.is_disjoint(&acts_b) {
        score *= OTHER_ACTION_FACTOR;
    }
    if !a.numbers.is_empty() && !b.numbers.is_empty() && a.numbers.is_disjoint(&b.numbers) {
        score *= OTHER_NUMBER_FACTOR;
    }
    if polarity_clash(a, b) || polarity_clash(b, a) {
        score *= OTHER_POLARITY_FACTOR;
    }
    score
}

/// The judgement on two texts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Judgement {
    /// The same words once case, spaces and punctuation are set aside.
    Same,
    /// Worded differently, same meaning.
    Variant(f64),
    /// Shares some words, but not enough to call it one meaning or two.
    Unclear(f64),
    /// Different meanings.
    Conflict(f64),
}

/// Compares two texts: same, variant or conflict, with the score.
pub fn judge(a: &str, b: &str) -> Judgement {
    if surface(a) == surface(b) {
        return Judgement::Same;
    }
    judge_profiles(&Profile::of(a), &Profile::of(b))
}

/// Compares two texts already profiled (they are known to differ on the surface).
pub fn judge_profiles(a: &Profile, b: &Profile) -> Judgement {
    let score = similarity(a, b);
    if score >= VARIANT_THRESHOLD {
        Judgement::Variant(score)
    } else if score >= CONFLICT_THRESHOLD {
        Judgement::Unclear(score)
    } else {
        Judgement::Conflict(score)
    }
}

/// The text with case, spacing and punctuation set aside, for "is this the same text".
pub fn surface(text: &str) -> String {
    surface_chars(text).collect()
}

/// A hash of [`surface`] without building the string: equal surfaces hash equal (unequal ones
/// almost never do; callers compare the surfaces of the rare matches).
pub fn surface_hash(text: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    for c in surface_chars(text) {
        hasher.write_u32(u32::from(c));
    }
    hasher.finish()
}

/// The characters of [`surface`]: the words lower-cased, one space between them.
fn surface_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .enumerate()
        .flat_map(|(i, word)| {
            (i > 0)
                .then_some(' ')
                .into_iter()
                .chain(word.chars().flat_map(char::to_lowercase))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conflict(a: &str, b: &str) {
        match judge(a, b) {
            Judgement::Conflict(_) | Judgement::Unclear(_) => {}
            other => panic!("expected a conflict, got {other:?}:\n  {a}\n  {b}"),
        }
    }

    fn variant(a: &str, b: &str) {
        match judge(a, b) {
            Judgement::Variant(_) => {}
            other => panic!("expected a variant, got {other:?}:\n  {a}\n  {b}"),
        }
    }

    #[test]
    fn different_actions_are_conflicts() {
        conflict(
            "Failed to create the snapshot.",
            "Failed to reset the password.",
        );
        conflict(
            "Failed to create the snapshot because of an internal error. Please contact customer service or try again later.",
            "Failed to reset the password.",
        );
        conflict(
            "Failed to restart the cluster because of an internal error.",
            "Failed to bind the elastic IP address to the cluster.",
        );
        conflict(
            "Failed to restore the snapshot because the OBS bucket you select does not exist or has been deleted.",
            "Failed to create the snapshot.",
        );
        conflict(
            "Failed to create the snapshot because the OBS bucket does not exist.",
            "Failed to update the YML file.",
        );
        conflict("The VPC does not exist.", "The subnet does not exist.");
        conflict("The instance is frozen.", "The quota is insufficient.");
    }

    #[test]
    fn rewordings_are_variants() {
        variant(
            "Failed to create the cluster because of an internal error. Please contact customer service or try again later.",
            "Clusters fail to be created.",
        );
        variant(
            "Failed to scale out the cluster because of an internal error.",
            "Cluster scale-out fails.",
        );
        variant(
            "Failed to initialize the service because of an internal error.",
            "The initialization fails.",
        );
        variant(
            "Failed to create the node because of ECS exceptions (<ECS error code>). Please try again later.",
            "Failed to create a node.",
        );
        variant("The VPC does not exist.", "The VPC cannot be found.");
        variant(
            "The VPC does not exist or does not belong to the user.",
            "The VPC does not exist.",
        );
        variant(
            "Creation of the volume failed.",
            "Failed to create the volume.",
        );
        variant(
            "The NIC parameters for creating a HANA ECS are invalid.",
            "the nic param for creating hana instance is illegal.",
        );
        variant("VPC parameters are invalid.", "vpc parm is illegal");
        variant(
            "project_id in token mismatches with project_id in url.",
            "The project ID in token does not match that in URL.",
        );
        variant(
            "The image is not in Active state.",
            "image[%s] status must be active",
        );
        variant(
            "The value of limit falls beyond the range.",
            "Invalid limit.",
        );
        variant("VPC does not exist.", "VPC does not exit.");
        variant(
            "Too many tag values.",
            "The length of the tag value list has exceeded the upper limit.",
        );
        variant(
            "The disk of this type has been sold out.",
            "the volumeType [%s] is sellout in az[%s]",
        );
        variant(
            "AZ query failed.",
            "query availability zones detail failed: the response is null.",
        );
    }

    #[test]
    fn other_operation_other_meaning() {
        conflict(
            "Failed to create the ECS.",
            "Failed to add a tag to server %s: %s.",
        );
        conflict("Invalid VPC ID.", "Invalid subnet ID.");
        conflict(
            "Failed to assign the private IP address.",
            "Failed to query private IP addresses because the response is null.",
        );
    }

    #[test]
    fn one_typo_apart() {
        assert!(one_edit("parm", "param"));
        assert!(!one_edit("requset", "request"), "a swap is two edits");
        assert!(one_edit("exit", "exist"));
        assert!(one_edit("abcd", "abed"));
        assert!(!one_edit("create", "delete"));
    }

    #[test]
    fn clear_conflicts_score_low() {
        for (a, b) in [
            (
                "Failed to create the snapshot.",
                "Failed to reset the password.",
            ),
            (
                "Failed to restart the cluster.",
                "Failed to bind the EIP to the cluster.",
            ),
            (
                "Failed to restore the snapshot.",
                "Failed to create the snapshot.",
            ),
            ("User is unverified.", "The used space cannot be reduced."),
        ] {
            assert!(matches!(judge(a, b), Judgement::Conflict(_)), "{a} / {b}");
        }
        assert!(matches!(
            judge("Invalid VPC ID.", "Invalid subnet ID."),
            Judgement::Unclear(_)
        ));
    }

    #[test]
    fn identical_texts_are_the_same() {
        assert_eq!(judge("Server error.", "server error"), Judgement::Same);
    }

    #[test]
    fn generic_texts_do_not_match_everything() {
        for specific in [
            "Failed to delete the backup.",
            "Failed to view the EIP because %s.",
        ] {
            for generic in ["Failed.", "Internal error.", "A system exception occurred."] {
                assert!(
                    matches!(judge(generic, specific), Judgement::Unclear(_)),
                    "{generic} / {specific}"
                );
            }
        }
    }

    #[test]
    fn placeholders_are_ignored() {
        assert_eq!(
            strip_placeholders("failed (<ECS error code>) for {id} xxx %s"),
            "failed ( ) for"
        );
    }

    #[test]
    fn stems_meet() {
        for group in [
            &["create", "created", "creation", "creating", "creates"][..],
            &[
                "initialize",
                "initialization",
                "initializing",
                "initialized",
            ],
            &["delete", "deleted", "deletion", "deleting"],
            &["restore", "restored", "restoration", "restoring"],
            &["update", "updated", "updating"],
            &["cluster", "clusters"],
            &["operate", "operation", "operations"],
            &["validate", "validation", "valid"],
            &["verify", "verification", "verified"],
            &["alias", "aliases"],
            &["id", "ids"],
            &["ip", "ips"],
            &["exceed", "exceeds", "exceeded", "exceeding"],
        ] {
            let stems: BTreeSet<String> = group.iter().map(|w| stem(w)).collect();
            assert_eq!(stems.len(), 1, "{group:?} → {stems:?}");
        }
    }

    #[test]
    fn translations_are_not_compared() {
        assert!(!comparable(
            "创建快照失败",
            "Failed to create the snapshot."
        ));
        assert!(comparable("Failed.", "Failed to create the snapshot."));
    }

    #[test]
    fn chinese_uses_bigrams() {
        let p = Profile::of("创建快照失败");
        assert!(p.all.contains("快照"));
        variant("创建快照失败。", "创建快照失败，请稍后重试。");
    }

    fn judge_with(a: &str, b: &str, lexicon: &Lexicon) -> Judgement {
        judge_profiles(
            &Profile::with_lexicon(a, lexicon),
            &Profile::with_lexicon(b, lexicon),
        )
    }

    #[test]
    fn negations_become_opposites() {
        variant(
            "The subnet does not contain enough IP addresses.",
            "Insufficient IP addresses.",
        );
        variant(
            "vpcId in the request and vpcId of the main subnetId are not matched",
            "The VPC ID in the request is inconsistent with that in the main subnet ID.",
        );
        variant("No system disk found.", "The system disk does not exist.");
        variant(
            "The user role has no permission to access the API.",
            "No access permissions.",
        );
        variant(
            "The name is not the same as the key.",
            "Name and key differ.",
        );
        conflict(
            "The disk is not available.",
            "The disk type is not supported.",
        );
        conflict("No system disk found.", "The system disk is not attached.");
        // A negation with nothing to turn stays a word of its own.
        let p = Profile::of("The image is not in the active state.");
        assert!(p.main.contains(&"not".to_string()), "{p:?}");
        assert_eq!(
            Profile::of("does not contain enough quota").main,
            vec!["exceed", "quota"],
            "insufficient quota is a quota used up"
        );
        assert_eq!(stem("bus"), "bus");
    }

    #[test]
    fn general_synonyms() {
        variant(
            "Failed to allocate the private IP address.",
            "Failed to assign the private IP address.",
        );
        conflict(
            "Failed to allocate the private IP address.",
            "Failed to release the private IP address.",
        );
        variant(
            "The VPC ID differs from that of the primary NIC.",
            "The VPC ID does not match the main NIC.",
        );
        variant("Api flow control error.", "Limited by API traffic control.");
        variant(
            "exceeds flow over limit",
            "The traffic has exceeded the upper limit.",
        );
        variant(
            "Request body is null!",
            "The request body cannot be left blank.",
        );
        variant(
            "The flavor cannot be switched from Xen to KVM.",
            "Failed to change the flavor from Xen to KVM.",
        );
        variant("Operations are prohibited.", "The operation is forbidden.");
        variant("Failed to retrieve the job.", "Failed to query the job.");
        conflict("Failed to retrieve the job.", "Failed to delete the job.");
        variant(
            "No more permissions can be granted for the key.",
            "Too many key grants.",
        );
    }

    #[test]
    fn quota_insufficient_is_quota_exceeded() {
        variant(
            "Insufficient EIP quota.",
            "The EIP quota limit has been reached.",
        );
        variant(
            "Insufficient ECS quota.",
            "The number of ECSs is above the quota.",
        );
        // Without a quota, "insufficient" and "too many" stay opposites.
        conflict("Insufficient IP addresses.", "Too many IP addresses.");
    }

    #[test]
    fn a_requirement_says_invalid() {
        variant(
            "The value of offset must be greater than or equal to 0.",
            "Invalid offset.",
        );
        variant("The name is required.", "Invalid name.");
        conflict("The limit must be positive.", "Invalid offset.");
        assert!(
            !Profile::of("The key must be an imported one.")
                .all
                .contains("one")
        );
    }

    #[test]
    fn generic_request_errors() {
        variant("Invalid parameter.", "Invalid XXX.");
        variant("Bad request.", "Invalid parameter values.");
        assert!(matches!(
            judge(
                "Invalid parameter values. Contact customer service.",
                "Marketplace image [%s] must have a product code."
            ),
            Judgement::Unclear(_)
        ));
        conflict(
            "VPC parameters are invalid.",
            "Subnet parameters are invalid.",
        );
    }

    #[test]
    fn vague_nouns_weigh_less() {
        variant(
            "Insufficient resources for this flavor.",
            "Insufficient flavor capacity.",
        );
        variant(
            "The key_id does not match the key_id value in the token.",
            "Key IDs in the imported key and token do not match.",
        );
        conflict("The value is invalid.", "The name is invalid.");
        conflict(
            "The number of disks is invalid.",
            "The disk name is invalid.",
        );
    }

    #[test]
    fn advice_and_instructions_are_not_the_meaning() {
        assert!(Profile::of("Contact customer service.").main.is_empty());
        assert!(Profile::of("Try again later.").main.is_empty());
        let p = Profile::of("The disk is full. Select another disk and try again.");
        assert!(!p.all.contains("select"), "{p:?}");
        // Advice alone neither matches nor contradicts a description.
        assert!(matches!(
            judge(
                "Contact the main account to obtain permission.",
                "Token role %s is not allowed to perform this operation."
            ),
            Judgement::Unclear(_)
        ));
        // The instruction's words do not make "delete" part of the meaning.
        assert!(matches!(
            judge(
                "Failed to create the disk. Delete old snapshots and try again.",
                "Failed to delete old snapshots."
            ),
            Judgement::Conflict(_)
        ));
        variant(
            "Insufficient EIP quota. Apply to increase the quota.",
            "Insufficient EIP quota.",
        );
    }

    #[test]
    fn two_generic_texts_say_the_same() {
        variant(
            "A system exception occurred. Try again later or contact customer service.",
            "System error.",
        );
        variant("Failed.", "Internal error.");
        variant("The system was down.", "System crashed.");
    }

    #[test]
    fn other_numbers_other_rules() {
        assert_eq!(
            join_thousands("1,096 days, 8,192 bits, 1,2"),
            "1096 days, 8192 bits, 1,2"
        );
        assert!(matches!(
            judge(
                "datakey_length must contain 512 bits.",
                "datakey_length must be in the range 8 bits to 8,192 bits."
            ),
            Judgement::Conflict(_)
        ));
        conflict(
            "The name can contain up to 64 characters.",
            "The name can contain up to 255 characters.",
        );
        variant(
            "The retention ranges from 7 to 1,096 days.",
            "The retention must range from 7 to 1096 days.",
        );
    }

    #[test]
    fn query_is_an_operation() {
        assert!(matches!(
            judge("Failed to view the NIC QoS.", "Failed to create the NIC."),
            Judgement::Conflict(_)
        ));
        for verb in ACTIONS {
            assert!(
                ACTION_STEMS.contains(&stem(&fold_word(&format!("{verb}s")))),
                "{verb}s"
            );
        }
    }

    #[test]
    fn lexicon_reads_synonyms_as_one_word() {
        let groups = [
            vec!["DEK".to_string(), "data encryption key".to_string()],
            vec!["the".to_string()],
        ];
        let refs: Vec<&[String]> = groups.iter().map(Vec::as_slice).collect();
        let lexicon = Lexicon::new(&refs);
        let (a, b) = (
            "The DEK is withdrawn.",
            "The data encryption keys are withdrawn.",
        );
        assert!(matches!(
            judge(a, b),
            Judgement::Unclear(_) | Judgement::Conflict(_)
        ));
        assert!(matches!(judge_with(a, b, &lexicon), Judgement::Variant(_)));
        // Other words are not touched: a different key is still a different key.
        assert!(!matches!(
            judge_with(
                "The DEK is withdrawn.",
                "The master key is withdrawn.",
                &lexicon
            ),
            Judgement::Variant(_)
        ));
        assert!(Lexicon::new(&[]).is_empty());
    }

    #[test]
    fn main_clause_stops_at_the_reason() {
        let p = Profile::of("Failed to create the snapshot because the bucket is gone.");
        assert_eq!(p.main, vec!["fail", "creat", "snapshot"]);
        assert!(
            Profile::of("Failed to query the disk.")
                .main
                .contains(&"queri".to_string())
        );
    }

    #[test]
    fn abbreviation_plurals() {
        assert_eq!(
            split_camel_case("VNIs, IDs and OSs; glass"),
            "VNI, ID and OS; glass"
        );
        variant("The ECSs are stopped.", "The ECS is stopped.");
        variant("Insufficient VLAN IDs.", "Insufficient VLAN ID.");
        conflict("Invalid VPC IDs.", "Invalid subnet ID.");
    }

    #[test]
    fn compounds_meet_their_parts() {
        variant("The healthcheck timed out.", "The health check timed out.");
        variant("The health check timed out.", "Healthcheck timeout.");
        conflict(
            "The healthcheck is invalid.",
            "The health monitor is invalid.",
        );
    }

    #[test]
    fn swapped_letters_are_a_typo() {
        assert!(swapped("udpate", "update"));
        assert!(!swapped("update", "update"));
        assert!(!swapped("abcd", "badc"));
        variant(
            "Failed to udpate the listener.",
            "Failed to update the listener.",
        );
        conflict(
            "Failed to udpate the listener.",
            "Failed to delete the listener.",
        );
    }

    #[test]
    fn a_generic_first_clause_reaches_into_the_next() {
        variant(
            "Invalid request parameters. The name is too long.",
            "Request parameters error, name too long.",
        );
        // Two texts that only share the generic class say different things.
        conflict(
            "Invalid request parameters. The name is too long.",
            "Invalid request parameters. The port is out of range.",
        );
        variant(
            "Internal error. For details, see the returned information.",
            "Internal server error.",
        );
        assert!(
            !Profile::of("Invalid name. For details, see the API reference.")
                .all
                .contains("api")
        );
    }

    #[test]
    fn an_error_is_a_failure() {
        variant("Create subnet error.", "Failed to create the subnet.");
        variant("Querying the VM failed.", "Query VM error.");
        conflict("Create subnet error.", "Failed to delete the subnet.");
    }

    #[test]
    fn cloud_vocabulary() {
        variant("Lb not found.", "The load balancer does not exist.");
        variant("Failed to bind the floating IP.", "Failed to bind the EIP.");
        variant("Invalid tenant ID.", "Invalid project ID.");
        variant(
            "The SG does not exist.",
            "The security group does not exist.",
        );
        conflict(
            "The security group does not exist.",
            "The load balancer does not exist.",
        );
        conflict("Invalid tenant ID.", "Invalid user ID.");
        variant(
            "The name len is too long.",
            "The name length exceeds the limit.",
        );
        variant("The subnet ID is nil.", "The subnet ID is null.");
        variant(
            "The value is larger than the limit.",
            "The value exceeds the limit.",
        );
        variant(
            "Failed to remove the member.",
            "Removing the member failed.",
        );
        conflict(
            "Failed to removing the member.",
            "Failed to add the member.",
        );
        let stems: BTreeSet<String> = ["relationship", "relation", "relationships"]
            .iter()
            .map(|w| stem(w))
            .collect();
        assert_eq!(stems.len(), 1, "{stems:?}");
    }

    #[test]
    fn chinese_words_read_as_english_tokens() {
        // Paraphrases: "cannot create" is "failed to create", "not found" is "does not exist",
        // "quota insufficient" is "quota exceeded", 非法 / 不合法 / 无效 are "invalid".
        variant("创建快照失败", "无法创建快照");
        variant("快照不存在", "未找到快照");
        variant("快照配额不足", "快照数量超过配额");
        variant("参数非法", "参数不合法");
        variant("参数无效", "参数不合法");
        variant("请求参数错误", "参数错误");
        conflict("VPC参数错误", "查询VPC列表失败");
        variant("查询云硬盘失败", "获取云硬盘信息失败");
        variant("无权限操作", "没有操作权限");
        variant("找不到指定的虚拟私有云", "虚拟私有云不存在");
        // Other operations, other objects: still different meanings.
        conflict("创建快照失败", "删除快照失败");
        conflict("挂载云硬盘失败", "卸载云硬盘失败");
        conflict("绑定弹性公网IP失败", "解绑弹性公网IP失败");
        conflict("开启加密失败", "关闭加密失败");
        conflict("云服务器不存在", "云硬盘不存在");
        conflict("VPC参数错误", "弹性公网IP参数错误");
    }

    #[test]
    fn chinese_negations_turn_the_word() {
        conflict("云硬盘已加密", "云硬盘未加密");
        conflict("用户已实名认证", "用户未实名认证");
        conflict("镜像可用", "镜像不可用");
        conflict("云硬盘支持扩容", "云硬盘不支持扩容");
        conflict("子网不存在", "子网已存在");
        conflict("IP地址已被占用", "IP地址未被占用");
        // A negation inside a word is no negation: 非法, 无法, 不同.
        variant("云硬盘未加密", "云硬盘未加密，请稍后重试");
        variant("参数非法", "参数无效");
        variant("云硬盘不能为空", "云硬盘为空");
        assert!(Profile::of("云硬盘未加密").all.contains("!encrypt"));
    }

    #[test]
    fn chinese_numbers_are_numbers() {
        assert!(Profile::of("名称不能超过64个字符").numbers.contains("64"));
        conflict("名称长度不能超过64个字符", "名称长度不能超过255个字符");
        variant("名称长度不能超过64个字符", "名称不能超过64个字符");
    }

    #[test]
    fn a_negation_with_no_known_opposite_is_not_the_word() {
        conflict("The disk is encrypted.", "The disk is not encrypted.");
        conflict("The bucket is empty.", "The bucket is not empty.");
        conflict(
            "The certificate has expired.",
            "The certificate has not expired.",
        );
        conflict(
            "The EIP is bound to an instance.",
            "The EIP is not bound to any instance.",
        );
        variant("The disk is not encrypted.", "Unencrypted disk.");
        variant(
            "The rule has not been deleted.",
            "Rule has not been deleted yet.",
        );
        // A requirement ("must not be") says what the violation says.
        variant(
            "The parameter must not be empty.",
            "The parameter is empty.",
        );
        assert_eq!(
            Profile::of("The disk is not encrypted.").main,
            vec!["disk", "!encrypt"]
        );
        // `un-` words that are operations or already in the tables are left alone.
        assert!(
            Profile::of("Failed to uninstall the agent.")
                .all
                .contains("uninstall")
        );
        assert!(
            Profile::of("The type is unsupported.")
                .all
                .contains("unsupport")
        );
    }

    #[test]
    fn opposites_contradict() {
        conflict("The subnet does not exist.", "The subnet already exists.");
        conflict(
            "Multi-AZ deployment is supported.",
            "Multi-AZ deployment is not supported.",
        );
        conflict("The VPC is in use.", "The VPC is not in use.");
        variant("The backup is in use.", "The backup is being used.");
        variant(
            "The VPC does not exist or does not belong to the user.",
            "The VPC does not exist.",
        );
        variant("FloatIp is null.", "The floating IP is null.");
    }
}
