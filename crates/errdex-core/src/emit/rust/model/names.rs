//! Step 5: names from what a thing is.
//!
//! - An operation is named from its path, never its page title (which may be in any language
//!   or change wording): the resource it reaches, walking back from the end of the path over
//!   `collection/{parameter}` pairs (a collection named by its parameter in the singular when
//!   the parameter says so: `jobs/{job_id}` → `Job`), stopping at the first plain folder
//!   above them; version segments (`v1`, `v2.0`) and ids in example URLs are skipped. Methods
//!   other than GET come first (`DeleteJob`, `PostServerAction`). So
//!   `GET /v1/{project_id}/jobs/{job_id}` → `Job`, `GET /v1/{project_id}/task-center/failure-jobs`
//!   → `FailureJobs`, `GET /v2/{p}/servers/{server_id}/nics` → `ServerNics`.
//! - Types derive from it: `JobResponse`, `JobErrorResponse`, `JobStatus` (a field's
//!   enumeration: owner and field, a word shared at the seam said once: `Job` + `job_type` →
//!   `JobType`).
//! - A documented name mixing Latin and Chinese keeps its Latin words (`Status 列表` →
//!   `Status`); a Chinese name with no Latin words is transliterated (`创建失败` →
//!   `ChuangJianShiBai`, see [`super::super::ident`]).
//! - Two things wanting one name: each names itself from a list of its own candidates, longer
//!   and longer (`Job`, then every literal word of the path `SfsTurboJob`, then with the
//!   version `SfsTurboJobV2`); the one with the smaller key (`METHOD path`, or the place of a
//!   table) chooses first. A name depends only on the thing itself and on things wanting the
//!   same name, never on how many other things were compiled; no counter is ever appended.
//!   Past every candidate, the first one gets a suffix made from the SHA-256 of the thing's
//!   key.

use std::collections::BTreeSet;

use super::has_cjk;
use super::operations::OpModel;
use crate::emit::rust::ident::{Case, ident, words};
use crate::shapes::{is_cjk, sha256_hex};

/// Type names a module's items must not take: the generated items themselves and the prelude
/// names the generated code uses unqualified.
pub(super) const RESERVED_TYPE_NAMES: &[&str] = &[
    "ErrorCode",
    "Code",
    "Meaning",
    "Meanings",
    "UnknownCode",
    "Option",
    "Some",
    "None",
    "String",
    "Vec",
    "Box",
    "Result",
    "Ok",
    "Err",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Into",
    "Iterator",
    "IntoIterator",
    "Extend",
    "ToString",
    "ToOwned",
    "AsRef",
    "AsMut",
    "TryFrom",
    "TryInto",
];

/// Something that wants a type name: its key (what orders contenders) and its candidates,
/// as word lists, preferred first.
#[derive(Debug, Clone)]
pub(super) struct Wanted {
    pub key: String,
    pub candidates: Vec<Vec<String>>,
}

/// The type names of one module, handed out as [`Wanted`] asks.
#[derive(Debug, Clone)]
pub(super) struct TypeNames {
    taken: BTreeSet<String>,
}

impl TypeNames {
    pub fn new() -> Self {
        TypeNames {
            taken: RESERVED_TYPE_NAMES.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Names every request, contenders for a name in key order (see the module doc). The
    /// result is in the order of `wanted`.
    pub fn assign(&mut self, wanted: &[Wanted]) -> Vec<String> {
        let mut order: Vec<usize> = (0..wanted.len()).collect();
        order.sort_by(|&a, &b| wanted[a].key.cmp(&wanted[b].key).then(a.cmp(&b)));
        let mut names = vec![String::new(); wanted.len()];
        for index in order {
            let request = &wanted[index];
            let idents: Vec<String> = request
                .candidates
                .iter()
                .map(|words| type_ident(words))
                .collect();
            let free = idents.iter().find(|i| !self.taken.contains(*i)).cloned();
            let chosen = free.unwrap_or_else(|| {
                let first = idents.first().cloned().unwrap_or_else(|| "Unnamed".into());
                let hash = sha256_hex(request.key.as_bytes());
                (8..=hash.len())
                    .map(|digits| format!("{first}X{}", &hash[..digits]))
                    .find(|i| !self.taken.contains(i))
                    .unwrap_or(first)
            });
            self.taken.insert(chosen.clone());
            names[index] = chosen;
        }
        names
    }
}

/// An `UpperCamel` type identifier from words.
pub(super) fn type_ident(words: &[String]) -> String {
    ident(&words.join(" "), Case::UpperCamel)
}

/// The words of a documented name: its Latin words when it mixes Latin and Chinese, else all
/// of it (transliterated).
pub(super) fn name_words(name: &str) -> Vec<String> {
    let latin = name.chars().any(|c| c.is_ascii_alphabetic());
    if latin && has_cjk(name) {
        let kept: String = name
            .chars()
            .map(|c| if is_cjk(c) { ' ' } else { c })
            .collect();
        return words(&kept);
    }
    words(name)
}

/// `prefix` then `rest`, a run of words ending `prefix` and starting `rest` said once
/// (`Job` + `job type` → `Job Type`).
pub(super) fn join_words(prefix: &[String], rest: &[String]) -> Vec<String> {
    let same = |a: &String, b: &String| a.eq_ignore_ascii_case(b);
    let overlap = (1..=prefix.len().min(rest.len()))
        .rev()
        .find(|&k| {
            prefix[prefix.len() - k..]
                .iter()
                .zip(&rest[..k])
                .all(|(a, b)| same(a, b))
        })
        .unwrap_or(0);
    prefix.iter().chain(&rest[overlap..]).cloned().collect()
}

/// Every operation's name, contenders resolved (see the module doc). Word lists, so types can
/// build on them.
pub(super) fn operation_names(ops: &[OpModel]) -> Vec<Vec<String>> {
    let wanted: Vec<Wanted> = ops
        .iter()
        .map(|op| Wanted {
            key: op.key.clone(),
            candidates: operation_candidates(&op.method, &op.path, op.title.as_deref()),
        })
        .collect();
    let mut names = TypeNames {
        taken: BTreeSet::new(),
    };
    let chosen = names.assign(&wanted);
    chosen
        .iter()
        .zip(&wanted)
        .map(|(ident, request)| {
            request
                .candidates
                .iter()
                .find(|words| type_ident(words) == *ident)
                .cloned()
                .unwrap_or_else(|| words(ident))
        })
        .collect()
}

/// An operation's candidate names: the resource, every literal word of the path, the same
/// with the version.
fn operation_candidates(method: &str, path: &str, title: Option<&str>) -> Vec<Vec<String>> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let verb: Vec<String> = match method.to_ascii_uppercase().as_str() {
        "GET" => Vec::new(),
        other => vec![other.to_string()],
    };
    let with_verb =
        |words: Vec<String>| -> Vec<String> { verb.iter().cloned().chain(words).collect() };
    let mut resource: Vec<Vec<String>> = Vec::new();
    let mut every: Vec<Vec<String>> = Vec::new();
    let mut version: Vec<String> = Vec::new();
    let mut chain_open = true;
    for (position, segment) in segments.iter().enumerate().rev() {
        if is_parameter(segment) || is_id(segment) {
            continue;
        }
        if is_version(segment) {
            version = [words(segment), version].concat();
            continue;
        }
        let next = segments.get(position + 1).copied();
        let collection = next.is_some_and(is_parameter);
        let segment_words = match next {
            Some(parameter) if collection => singular_by_parameter(segment, parameter),
            _ => words(segment),
        };
        if chain_open && (resource.is_empty() || collection) {
            resource.push(segment_words.clone());
        } else {
            chain_open = false;
        }
        every.push(segment_words);
    }
    let flat = |mut parts: Vec<Vec<String>>| -> Vec<String> {
        parts.reverse();
        parts.concat()
    };
    let (resource, every) = (flat(resource), flat(every));
    let with_version: Vec<String> = every.iter().chain(&version).cloned().collect();
    if every.is_empty() {
        let titled: Vec<String> = title.map(name_words).unwrap_or_default();
        let base = if titled.is_empty() {
            vec!["Root".to_string()]
        } else {
            titled
        };
        return vec![with_verb(base)];
    }
    let mut candidates = vec![with_verb(resource)];
    for more in [every, with_version] {
        let more = with_verb(more);
        if !candidates.contains(&more) {
            candidates.push(more);
        }
    }
    candidates
}

fn is_parameter(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

/// `v1`, `V2`, `v2.0`.
fn is_version(segment: &str) -> bool {
    let mut chars = segment.chars();
    matches!(chars.next(), Some('v' | 'V'))
        && segment.len() > 1
        && chars.all(|c| c.is_ascii_digit() || c == '.')
}

/// An id in an example URL: eight or more hex digits and dashes with a digit among them.
fn is_id(segment: &str) -> bool {
    segment.len() >= 8
        && segment.chars().any(|c| c.is_ascii_digit())
        && segment.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

/// The words of a collection segment, in the singular its parameter gives (`jobs/{job_id}`
/// → `job`), or as written when the parameter names something else.
fn singular_by_parameter(segment: &str, parameter: &str) -> Vec<String> {
    let mut noun = words(parameter.trim_matches(|c| c == '{' || c == '}'));
    if noun.len() > 1
        && noun
            .last()
            .is_some_and(|w| ["id", "uuid", "name", "key"].contains(&w.to_lowercase().as_str()))
    {
        noun.pop();
    }
    let segment_words = words(segment);
    let joined = |w: &[String]| w.concat().to_lowercase();
    let (plural, singular) = (joined(&segment_words), joined(&noun));
    let plurals = [
        format!("{singular}s"),
        format!("{singular}es"),
        singular
            .strip_suffix('y')
            .map_or(String::new(), |stem| format!("{stem}ies")),
    ];
    if !singular.is_empty() && (plural == singular || plurals.contains(&plural)) {
        noun
    } else {
        segment_words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(method: &str, path: &str) -> Vec<String> {
        operation_candidates(method, path, None)
            .iter()
            .map(|w| type_ident(w))
            .collect()
    }

    #[test]
    fn operations_are_named_by_the_resource_they_reach() {
        assert_eq!(
            name("GET", "/v1/{project_id}/jobs/{job_id}"),
            ["Job", "JobV1"]
        );
        assert_eq!(
            name("GET", "/v1/{project_id}/task-center/failure-jobs"),
            [
                "FailureJobs",
                "TaskCenterFailureJobs",
                "TaskCenterFailureJobsV1"
            ]
        );
        assert_eq!(
            name("GET", "/v2.0/{project_id}/servers/{server_id}/nics"),
            ["ServerNics", "ServerNicsV20"]
        );
        assert_eq!(
            name("GET", "/v1/{project_id}/sfs-turbo/jobs/{job_id}"),
            ["Job", "SfsTurboJob", "SfsTurboJobV1"]
        );
        assert_eq!(name("DELETE", "/jobs/{id}"), ["DeleteJobs"]);
        assert_eq!(
            name("POST", "/servers/{server_id}/action"),
            ["PostServerAction"]
        );
        assert_eq!(
            name("GET", "/jobs/0000000062db92d70162db9d200f000a"),
            ["Jobs"]
        );
        assert_eq!(name("GET", "/categories/{category_id}"), ["Category"]);
        assert_eq!(
            operation_candidates("GET", "/", Some("Query 列表")),
            vec![vec!["Query".to_string()]]
        );
    }

    #[test]
    fn mixed_names_keep_their_latin_words() {
        assert_eq!(type_ident(&name_words("Status 列表")), "Status");
        assert_eq!(
            type_ident(&name_words("OS-EXT-STS:vm_state 列表")),
            "OsExtStsVmState"
        );
        assert_eq!(type_ident(&name_words("创建失败")), "ChuangJianShiBai");
    }

    #[test]
    fn a_shared_seam_word_is_said_once() {
        let w = |s: &str| words(s);
        assert_eq!(
            type_ident(&join_words(&w("Job"), &w("job_type"))),
            "JobType"
        );
        assert_eq!(
            type_ident(&join_words(&w("Job"), &w("status"))),
            "JobStatus"
        );
        assert_eq!(
            type_ident(&join_words(&w("FailureJobs"), &w("failure_jobs"))),
            "FailureJobs"
        );
    }

    #[test]
    fn contenders_choose_in_key_order_and_others_keep_their_names() {
        let wanted = |key: &str, names: &[&str]| Wanted {
            key: key.into(),
            candidates: names.iter().map(|n| words(n)).collect(),
        };
        let mut names = TypeNames::new();
        let got = names.assign(&[
            wanted("b", &["Job", "SfsTurboJob"]),
            wanted("a", &["Job", "CacheJob"]),
            wanted("c", &["Entities"]),
            wanted("d", &["ErrorCode", "JobErrorCode"]),
        ]);
        assert_eq!(got, ["SfsTurboJob", "Job", "Entities", "JobErrorCode"]);
        let mut names = TypeNames::new();
        let exhausted = names.assign(&[wanted("x", &["Job"]), wanted("y", &["Job"])]);
        assert_eq!(exhausted[0], "Job");
        assert!(exhausted[1].starts_with("JobX"), "{exhausted:?}");
        assert!(!exhausted[1][4..].is_empty());
    }
}
