//! Golden tests on the seeds: every error code of both CSS pages with status, message and
//! solution (expected values in `tests/golden/seed_error_codes.tsv`, derived independently of
//! errdex and reviewed by hand), both API operations with their parameters and response fields,
//! the enumerations and the prose mention.

use std::path::Path;
use std::sync::OnceLock;

use errdex::kb::{KnowledgeBase, Operation, ParameterLocation};

fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| {
        errdex::Build::new()
            .source(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"))
            .compile()
            .expect("seeds compile")
            .kb
    })
}

#[test]
fn every_css_code_with_status_message_and_solution() {
    let expected = include_str!("golden/seed_error_codes.tsv");
    let mut count_by_source = std::collections::BTreeMap::<&str, usize>::new();
    for line in expected.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [source, code, status, message, solution] = fields[..] else {
            panic!("bad golden line {line}");
        };
        *count_by_source.entry(source).or_default() += 1;
        let entry = kb()
            .error_code(code)
            .unwrap_or_else(|| panic!("{code} missing"));
        let definition = entry
            .definitions
            .iter()
            .find(|d| d.source == source)
            .unwrap_or_else(|| panic!("{code} not defined in {source}"));
        assert_eq!(entry.service, "CSS");
        match status.parse::<u16>() {
            Ok(number) => assert_eq!(definition.http_status, Some(number), "{code} status"),
            Err(_) => {
                assert_eq!(definition.http_status, None, "{code} status");
                let raw = (!status.is_empty()).then_some(status);
                assert_eq!(definition.status_text.as_deref(), raw, "{code} status text");
            }
        }
        assert_eq!(definition.message, message, "{code} message");
        assert_eq!(
            definition.solution.as_deref(),
            Some(solution),
            "{code} solution"
        );
    }
    // The NOTE inside CSS.6004's message cell is the definition's note, not its message.
    let css_6004 = kb().error_code("CSS.6004").expect("CSS.6004");
    assert_eq!(
        css_6004.definitions[0].note.as_deref(),
        Some(
            "<ECS error code> indicates the error information reported by ECS. For details \
             about the cause and solution, see ECS Error Code Description."
        )
    );
    for (source, expected) in count_by_source {
        let found: usize = kb()
            .error_codes
            .iter()
            .flat_map(|c| &c.definitions)
            .filter(|d| d.source == source)
            .count();
        assert_eq!(found, expected, "definitions in {source}");
    }
}

fn operation(path: &str) -> &'static Operation {
    kb().operations
        .iter()
        .find(|o| o.path == path)
        .unwrap_or_else(|| panic!("operation {path} missing"))
}

fn names<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    items.into_iter().collect()
}

#[test]
fn kps_failed_tasks_operation() {
    let op = operation("/v3/{project_id}/failed-tasks");
    assert_eq!(op.method, "GET");
    assert_eq!(op.source, "004_7a97a9e215779c8b");
    let params: Vec<(&str, ParameterLocation, Option<bool>)> = op
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location, p.required))
        .collect();
    assert_eq!(
        params,
        vec![
            ("project_id", ParameterLocation::Path, Some(true)),
            ("limit", ParameterLocation::Query, Some(false)),
            ("offset", ParameterLocation::Query, Some(false)),
            ("X-Auth-Token", ParameterLocation::Header, Some(true)),
        ]
    );
    let limit = &op.parameters[1];
    assert_eq!(limit.type_name.as_deref(), Some("Integer"));
    assert_eq!(limit.default.as_deref(), Some("1000"));
    let ok = op
        .responses
        .iter()
        .find(|r| r.status == Some(200))
        .expect("200");
    assert_eq!(
        names(ok.fields.iter().map(|f| f.name.as_str())),
        vec!["total", "tasks"]
    );
    assert_eq!(ok.fields[1].object.as_deref(), Some("FailedTasks"));
    let failed_tasks = op
        .objects
        .iter()
        .find(|o| o.name == "FailedTasks")
        .expect("FailedTasks");
    assert_eq!(
        names(failed_tasks.fields.iter().map(|f| f.name.as_str())),
        vec![
            "task_id",
            "operate_type",
            "task_time",
            "task_error_code",
            "task_error_msg",
            "server_name",
            "server_id",
            "keypair_name"
        ]
    );
    let bad = op
        .responses
        .iter()
        .find(|r| r.status == Some(400))
        .expect("400");
    assert_eq!(
        names(bad.fields.iter().map(|f| f.name.as_str())),
        vec!["error_code", "error_msg"]
    );
    let statuses: Vec<Option<u16>> = op.examples.iter().map(|e| e.status).collect();
    assert_eq!(statuses, vec![Some(200), Some(400)]);
    assert_eq!(
        op.examples[0].value["tasks"][0]["operate_type"],
        "RUNNING_RESET"
    );
}

#[test]
fn sdrs_failure_jobs_operation() {
    let op = operation("/v1/{project_id}/task-center/failure-jobs");
    assert_eq!(op.method, "GET");
    let params: Vec<(&str, ParameterLocation)> = op
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location))
        .collect();
    assert_eq!(params[0], ("project_id", ParameterLocation::Path));
    assert!(params.contains(&("failure_status", ParameterLocation::Query)));
    assert!(
        params
            .iter()
            .skip(1)
            .all(|(_, location)| *location == ParameterLocation::Query)
    );
    let fields: Vec<&str> = op
        .responses
        .iter()
        .flat_map(|r| &r.fields)
        .map(|f| f.name.as_str())
        .collect();
    assert!(
        fields.contains(&"count") && fields.contains(&"failure_jobs"),
        "{fields:?}"
    );
    let jobs = op
        .objects
        .iter()
        .find(|o| o.name == "failure_jobs")
        .expect("failure_jobs object");
    assert!(jobs.fields.iter().any(|f| f.name == "error_code"));
    assert!(op.examples.iter().any(|e| e.value["count"] == 2));
}

fn enum_values(name: &str) -> Vec<&'static str> {
    kb().enums
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("enumeration {name} missing"))
        .values
        .iter()
        .map(|v| v.value.as_str())
        .collect()
}

#[test]
fn enumerations() {
    let failure_status = enum_values("failure_status");
    assert_eq!(&failure_status[..2], ["createFail", "deleteFail"]);
    assert!(failure_status.len() >= 8, "{failure_status:?}");
    assert_eq!(
        enum_values("operate_type"),
        vec!["FAILED_RESET", "FAILED_REPLACE", "FAILED_UNBIND"]
    );
    assert_eq!(
        enum_values("失败信息事件类型"),
        vec!["创建失败", "操作失败"]
    );
}

#[test]
fn prose_mention_is_kept_apart_from_definitions() {
    let mention = kb()
        .mentions
        .iter()
        .find(|m| m.code == "Ecs.0013")
        .expect("Ecs.0013 mention");
    assert_eq!(mention.source, "001_4bc0ecb3a8a3025f");
    assert!(kb().error_code("Ecs.0013").is_none());
}

/// One decision, made by the build: `errdex.toml` names the authoritative source, and the
/// knowledge base records which definition that is (the generated Rust and `explain` read it).
#[test]
fn config_authority_is_recorded_in_the_knowledge_base() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("errdex.toml");
    std::fs::write(&config, "[authority]\nCSS = [\"002_a7d516839fff964f\"]\n").unwrap();
    let kb = errdex::Build::new()
        .source(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"))
        .config(&config)
        .compile()
        .expect("seeds compile")
        .kb;
    let code = kb.error_code("CSS.6007").expect("CSS.6007");
    assert_eq!(
        code.definitions[code.authoritative].source,
        "002_a7d516839fff964f"
    );
    let default = kb_default_authority();
    assert_eq!(
        default.definitions[default.authoritative].source,
        "000_6817c9c560a1ff8f"
    );
}

fn kb_default_authority() -> &'static errdex::kb::ErrorCode {
    kb().error_code("CSS.6007").expect("CSS.6007")
}
