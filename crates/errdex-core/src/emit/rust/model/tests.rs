use super::codes::{conflicted_definitions, is_conflicted};
use super::*;
use crate::kb::FindingKind;

fn definition(source: &str, line: u32, message: &str) -> Definition {
    Definition {
        source: source.into(),
        line,
        code_text: "CSS.1".into(),
        http_status: None,
        status_text: None,
        message: message.into(),
        description: None,
        solution: None,
        module: None,
        note: None,
    }
}

fn finding(kind: FindingKind, code: &str, at: &[(&str, u32)]) -> crate::kb::Finding {
    let locations = at
        .iter()
        .map(|(source, line)| crate::kb::Location {
            source: (*source).into(),
            line: *line,
        })
        .collect();
    crate::kb::Finding::new(kind, String::new(), locations).with_code(code)
}

#[test]
fn conflicting_is_what_check_judged() {
    let code = ErrorCode {
        code: "CSS.1".into(),
        service: "CSS".into(),
        definitions: vec![
            definition("a", 3, "Not found."),
            definition("b", 5, "Frozen."),
        ],
        authoritative: 0,
        meanings: Vec::new(),
        ranked: Vec::new(),
        retired: None,
    };
    let conflicting = |findings: Vec<crate::kb::Finding>| {
        let kb = KnowledgeBase {
            error_codes: vec![code.clone()],
            findings,
            ..KnowledgeBase::default()
        };
        is_conflicted(&code, &conflicted_definitions(&kb))
    };
    // Different words alone are not a conflict: only check's judgement is.
    assert!(!conflicting(vec![]));
    let variant = finding(FindingKind::WordingVariant, "CSS.1", &[("a", 3), ("b", 5)]);
    assert!(!conflicting(vec![variant]));
    let meaning = finding(FindingKind::MeaningConflict, "css-1", &[("a", 3), ("b", 5)]);
    assert!(conflicting(vec![meaning]));
    let status = finding(FindingKind::StatusConflict, "CSS.1", &[("a", 3), ("b", 5)]);
    assert!(conflicting(vec![status]));
    // A conflict of another code at other lines says nothing about this one.
    let other = finding(FindingKind::MeaningConflict, "CSS.2", &[("a", 4), ("b", 6)]);
    assert!(!conflicting(vec![other]));
}

#[test]
fn documented_types_map_to_rust_types() {
    assert_eq!(documented_type(Some("Integer"), None), FieldType::Integer);
    assert_eq!(documented_type(Some("Long"), None), FieldType::Integer);
    assert_eq!(documented_type(Some("Boolean"), None), FieldType::Boolean);
    assert_eq!(documented_type(Some("String"), Some(3)), FieldType::Enum(3));
    assert_eq!(
        documented_type(Some("Array of strings"), None),
        FieldType::List(Box::new(FieldType::Text))
    );
    assert_eq!(
        documented_type(Some("Array of FailedTasks objects"), None),
        FieldType::List(Box::new(FieldType::Json))
    );
    assert_eq!(documented_type(Some("整数"), None), FieldType::Integer);
    assert_eq!(documented_type(None, None), FieldType::Json);
}
