//! `errdex annotate`: explain the error codes in a failed-task API response.
//!
//! Steps:
//! 1. [`find_tasks`] walks the JSON (objects inside arrays inside objects, any depth) and takes
//!    every object that carries an error code: a member named like an error code
//!    (`error_code`, `task_error_code`, `errorCode`, `fail_code`, or `code` holding a
//!    code-shaped value) with a non-empty value, or a code written inside one of its text
//!    members (`"fail_reason": "EIP quota exceeded (Ecs.0013)"`, found with
//!    [`crate::extract::codes::find_mentions`]). Seed-style `failure_jobs` and `tasks` lists,
//!    single error bodies and arrays of tasks all fit.
//! 2. [`annotate`] looks each code up once (any spelling, through the caller's look-up) and
//!    adds an `explanation` object to each task, keeping the rest of the input as it was.
//! 3. The printers (with the command line) show one block per task; the JSON output is the
//!    annotated input.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::explain::Lookup;
use crate::extract::codes::find_mentions;
use crate::kb::canonical_code;

/// Member names (lower case, `_`/`-` removed) that hold an error code.
const CODE_MEMBER_ENDINGS: &[&str] = &[
    "errorcode",
    "errcode",
    "failcode",
    "failurecode",
    "faultcode",
];

/// Where a task's code was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FoundCode {
    /// The code as written.
    pub code: String,
    /// The member it was found in.
    pub member: String,
    /// True when it was written inside a message rather than a code member.
    pub in_text: bool,
}

/// A task (JSON object) with the codes it carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Task {
    /// JSON Pointer to the object (`/failure_jobs/0`; empty for the top level).
    pub pointer: String,
    /// Its codes, code members first, without repeats.
    pub codes: Vec<FoundCode>,
}

/// What `annotate` says about one code of a task.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeExplanation {
    /// The code as written in the input.
    pub code: String,
    /// The member it was found in.
    pub member: String,
    /// True when it was written inside a message.
    pub in_text: bool,
    /// True when the knowledge base knows the code.
    pub known: bool,
    /// The code as the knowledge base writes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documented_as: Option<String>,
    /// The message of the meaning errdex states ([`crate::explain::stated_meaning`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meaning: Option<String>,
    /// How far the sources agree on it (`2 of 3 sources agree; 1 differs`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreement: Option<String>,
    /// HTTP status of the stated definition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// What to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub solution: Option<String>,
    /// `path:line` of the stated definition (or first mention).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// How many definitions the code has.
    pub definitions: usize,
    /// True when `check` reported conflicting definitions.
    pub conflicting: bool,
    /// Nearest known codes, for an unknown code.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub nearest: Vec<String>,
}

impl CodeExplanation {
    fn new(found: &FoundCode, lookup: &Lookup) -> Self {
        let mut out = CodeExplanation {
            code: found.code.clone(),
            member: found.member.clone(),
            in_text: found.in_text,
            known: false,
            documented_as: None,
            meaning: None,
            agreement: None,
            http_status: None,
            solution: None,
            source: None,
            definitions: 0,
            conflicting: false,
            nearest: Vec::new(),
        };
        match lookup {
            Lookup::Unknown { nearest, .. } => out.nearest = nearest.clone(),
            Lookup::Known { explanation: e } => {
                out.known = true;
                out.documented_as = Some(e.code.clone());
                out.definitions = e.definitions.len();
                out.conflicting = e.conflicting;
                match &e.meaning {
                    Some(m) => {
                        out.meaning = Some(m.message.clone());
                        out.agreement = Some(m.agreement.clone());
                        out.http_status = m.http_status;
                        out.solution = m.solution.clone().filter(|s| !s.is_empty());
                        out.source = Some(format!("{}:{}", m.place.path, m.place.line));
                    }
                    None => {
                        out.source = e
                            .mentions
                            .first()
                            .map(|m| format!("{}:{}", m.place.path, m.place.line));
                    }
                }
            }
        }
        out
    }
}

/// One task with its explained codes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnotatedTask {
    /// JSON Pointer to the task.
    pub pointer: String,
    /// One explanation per code.
    pub codes: Vec<CodeExplanation>,
}

/// The annotated input.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotated {
    /// The input with an `explanation` member added to every task.
    pub document: Value,
    /// The same explanations, task by task, in document order.
    pub tasks: Vec<AnnotatedTask>,
}

/// True for a member name that holds an error code.
pub(crate) fn is_code_member(name: &str) -> bool {
    let folded: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    CODE_MEMBER_ENDINGS.iter().any(|end| folded.ends_with(end))
}

/// A code member's value as text (codes are sometimes numbers); `None` when blank or null.
fn code_value(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!text.is_empty() && !canonical_code(&text).is_empty()).then_some(text)
}

/// A bare `code` member counts only when its value looks like an error code (letters and
/// digits, not a plain HTTP status).
fn is_code_shaped(text: &str) -> bool {
    !find_mentions(text).is_empty()
}

/// The codes of one object; see the module doc.
fn codes_of(object: &Map<String, Value>) -> Vec<FoundCode> {
    let mut codes: Vec<FoundCode> = Vec::new();
    let push = |codes: &mut Vec<FoundCode>, found: FoundCode| {
        let key = canonical_code(&found.code);
        if !codes.iter().any(|c| canonical_code(&c.code) == key) {
            codes.push(found);
        }
    };
    for (name, value) in object {
        let Some(text) = code_value(value) else {
            continue;
        };
        let bare_code = name.eq_ignore_ascii_case("code") && is_code_shaped(&text);
        if is_code_member(name) || bare_code {
            let found = FoundCode {
                code: text,
                member: name.clone(),
                in_text: false,
            };
            push(&mut codes, found);
        }
    }
    for (name, value) in object {
        let Value::String(text) = value else {
            continue;
        };
        if is_code_member(name) || name.eq_ignore_ascii_case("code") {
            continue;
        }
        for (_, code) in find_mentions(text) {
            let found = FoundCode {
                code: code.to_string(),
                member: name.clone(),
                in_text: true,
            };
            push(&mut codes, found);
        }
    }
    codes
}

/// Escapes one JSON Pointer segment.
fn pointer_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

fn walk(value: &Value, pointer: &str, tasks: &mut Vec<Task>) {
    match value {
        Value::Object(object) => {
            let codes = codes_of(object);
            if !codes.is_empty() {
                tasks.push(Task {
                    pointer: pointer.to_string(),
                    codes,
                });
            }
            for (name, child) in object {
                walk(
                    child,
                    &format!("{pointer}/{}", pointer_segment(name)),
                    tasks,
                );
            }
        }
        Value::Array(items) => {
            for (at, child) in items.iter().enumerate() {
                walk(child, &format!("{pointer}/{at}"), tasks);
            }
        }
        _ => {}
    }
}

/// Every object of the document that carries an error code, in document order.
pub fn find_tasks(document: &Value) -> Vec<Task> {
    let mut tasks = Vec::new();
    walk(document, "", &mut tasks);
    tasks
}

/// Explains every task's codes through `lookup` (called once per distinct code) and adds the
/// `explanation` members.
pub fn annotate<E>(
    mut document: Value,
    lookup: &mut dyn FnMut(&str) -> Result<Lookup, E>,
) -> Result<Annotated, E> {
    let mut cache: HashMap<String, Lookup> = HashMap::new();
    let mut annotated = Vec::new();
    for task in find_tasks(&document) {
        let mut codes = Vec::with_capacity(task.codes.len());
        for found in &task.codes {
            let key = canonical_code(&found.code);
            if !cache.contains_key(&key) {
                cache.insert(key.clone(), lookup(&found.code)?);
            }
            if let Some(answer) = cache.get(&key) {
                codes.push(CodeExplanation::new(found, answer));
            }
        }
        if let Some(Value::Object(object)) = document.pointer_mut(&task.pointer) {
            let explanation = serde_json::json!({ "codes": codes });
            object.insert("explanation".to_string(), explanation);
        }
        annotated.push(AnnotatedTask {
            pointer: task.pointer,
            codes,
        });
    }
    Ok(Annotated {
        document,
        tasks: annotated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::{DefinitionSite, Explanation, Meaning};
    use crate::kb::Definition;
    use serde_json::json;

    /// A code two pages define alike and a third differently.
    fn known(code: &str) -> Lookup {
        let site = |path: &str, line, message: &str| DefinitionSite {
            path: path.to_string(),
            url: None,
            definition: Definition {
                source: path.to_string(),
                line,
                code_text: code.to_string(),
                http_status: Some(400),
                status_text: None,
                message: message.to_string(),
                description: None,
                solution: Some("Retry".to_string()),
                module: None,
                note: None,
            },
        };
        let definitions = vec![
            site("docs/a.md", 3, "The disk is detached."),
            site("docs/evs.md", 7, "Volume error"),
            site("docs/z.md", 9, "Volume error"),
        ];
        let meanings = vec![vec![0], vec![1, 2]];
        Lookup::Known {
            explanation: Box::new(Explanation {
                code: code.to_string(),
                service: "EVS".to_string(),
                conflicting: false,
                findings: Vec::new(),
                meaning: Meaning::stated(&definitions, &meanings, &[], "en"),
                definitions,
                meanings,
                ranked: Vec::new(),
                mentions: Vec::new(),
                related: Vec::new(),
                retired: None,
            }),
        }
    }

    fn lookup(code: &str) -> Result<Lookup, std::convert::Infallible> {
        Ok(match canonical_code(code).as_str() {
            "EVS2024" => known("EVS.2024"),
            _ => Lookup::Unknown {
                query: code.to_string(),
                nearest: vec!["EVS.2024".to_string()],
            },
        })
    }

    #[test]
    fn finds_codes_in_members_and_messages_at_any_depth() {
        let input = json!({
            "count": 2,
            "failure_jobs": [
                {"error_code": "EVS.2024", "fail_reason": "volume is error (evs.2024)"},
                {"task_error_code": null, "task_error_msg": "EIP quota (Ecs.0013) exceeded"},
                {"task_error_code": null, "task_error_msg": "Update public key error"}
            ],
            "error": {"code": "KPS.0001", "message": "x"},
            "status": {"code": 400}
        });
        let tasks = find_tasks(&input);
        type Summary = Vec<(String, Vec<(String, String, bool)>)>;
        let summary: Summary = tasks
            .into_iter()
            .map(|t| {
                let codes = t.codes.into_iter().map(|c| (c.code, c.member, c.in_text));
                (t.pointer, codes.collect())
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "/error".to_string(),
                    vec![("KPS.0001".into(), "code".into(), false)]
                ),
                (
                    "/failure_jobs/0".to_string(),
                    vec![("EVS.2024".into(), "error_code".into(), false)]
                ),
                (
                    "/failure_jobs/1".to_string(),
                    vec![("Ecs.0013".into(), "task_error_msg".into(), true)]
                ),
            ]
        );
    }

    #[test]
    fn code_members_by_name() {
        for name in [
            "error_code",
            "task_error_code",
            "errorCode",
            "ErrCode",
            "fail-code",
        ] {
            assert!(is_code_member(name), "{name}");
        }
        for name in ["code", "error_msg", "status", "codec"] {
            assert!(!is_code_member(name), "{name}");
        }
        assert_eq!(code_value(&json!(10240002)).as_deref(), Some("10240002"));
        assert_eq!(code_value(&json!("  ")), None);
        assert_eq!(code_value(&json!(null)), None);
    }

    #[test]
    fn annotation_keeps_the_input_and_adds_explanations() {
        let input = json!([
            {"job_id": "a", "error_code": "EVS.2024"},
            {"job_id": "b", "error_code": "EVS.9999"}
        ]);
        let mut calls = 0;
        let annotated = annotate(input, &mut |code: &str| {
            calls += 1;
            lookup(code)
        })
        .unwrap();
        assert_eq!(calls, 2);
        let doc = &annotated.document;
        assert_eq!(doc[0]["job_id"], "a");
        assert_eq!(doc[0]["explanation"]["codes"][0]["meaning"], "Volume error");
        assert_eq!(doc[0]["explanation"]["codes"][0]["source"], "docs/evs.md:7");
        assert_eq!(
            doc[0]["explanation"]["codes"][0]["agreement"],
            "2 of 3 sources agree; 1 differs"
        );
        assert_eq!(doc[1]["explanation"]["codes"][0]["known"], false);
        assert_eq!(doc[1]["explanation"]["codes"][0]["nearest"][0], "EVS.2024");
        assert_eq!(annotated.tasks.len(), 2);
    }

    #[test]
    fn inputs_without_codes_say_so() {
        let annotated = annotate(json!({"tasks": []}), &mut lookup).unwrap();
        assert!(annotated.tasks.is_empty());
        assert_eq!(annotated.document, json!({"tasks": []}));
    }
}
