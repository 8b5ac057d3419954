//! The generated types, used the way a service client would.

use errdex_consumer_example::advice;
use errdex_consumer_example::docs::css::ErrorCode;
use errdex_consumer_example::docs::kps::{self, FailedTasks, FailedTasksOperateType};

#[test]
fn a_code_in_any_spelling_gives_its_documented_advice() {
    let expected = advice("CSS.6007").expect("CSS.6007 is documented");
    assert!(expected.starts_with("CSS.6007: "), "{expected}");
    assert_eq!(advice("css-6007"), Some(expected));
    assert_eq!(advice("no such code"), None);
}

#[test]
fn codes_are_serde_strings() {
    let code: ErrorCode = serde_json::from_str("\"css.0001\"").expect("known code");
    assert_eq!(code, ErrorCode::Css0001);
    assert_eq!(
        serde_json::to_string(&code).expect("serializes"),
        "\"CSS.0001\""
    );
    assert_eq!(code.http_status(), Some(400));
}

#[test]
fn an_undocumented_enumeration_value_is_kept_not_rejected() {
    let task: FailedTasks = serde_json::from_str(
        r#"{"task_id": "t1", "operate_type": "RUNNING_RESET", "task_error_code": null}"#,
    )
    .expect("a real response deserializes");
    assert_eq!(
        task.operate_type,
        Some(FailedTasksOperateType::Unknown("RUNNING_RESET".to_string()))
    );
    let documented: FailedTasksOperateType = "FAILED_RESET".parse().expect("infallible");
    assert_eq!(documented, FailedTasksOperateType::FailedReset);
    assert_eq!(documented.description(), Some("reset"));
}

#[test]
fn a_field_that_carries_codes_is_typed_and_keeps_unknown_codes() {
    let task: FailedTasks = serde_json::from_str(
        r#"{"task_id": "t1", "task_error_code": "KPS.XXX", "task_error_msg": "failed"}"#,
    )
    .expect("a real response deserializes");
    assert_eq!(
        task.task_error_code,
        Some(kps::ErrorCode::Unknown("KPS.XXX".to_string()))
    );
}
