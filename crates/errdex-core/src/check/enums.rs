//! One enumeration documented twice with different values: a request filter and the response
//! field it filters on, or two tables of one page.
//!
//! Two enumerations are "the same" when one source documents them under one name for one API
//! operation (value lists outside any operation, such as an SDK page's three `Status` fields
//! for a lifecycle rule, versioning and replication, are not compared), they are not fields of
//! two different objects (`authentication.mode` and `containerNetwork.mode` are two fields; a
//! request filter and the field of a listed object it filters on are one), and they share a
//! value: two value lists under one name with nothing in common are two fields of that name,
//! not one enumeration documented twice.

use std::collections::BTreeSet;

use super::at;
use crate::kb::{Enumeration, KnowledgeBase};
use crate::kb::{Finding, FindingKind, Quote};

/// Runs the enumeration check.
pub fn check(kb: &KnowledgeBase) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, a) in kb.enums.iter().enumerate() {
        for b in &kb.enums[i + 1..] {
            if same_enumeration(a, b) {
                findings.extend(compare(a, b));
            }
        }
    }
    findings
}

fn same_enumeration(a: &Enumeration, b: &Enumeration) -> bool {
    a.source == b.source
        && a.name == b.name
        && a.operation.is_some()
        && a.operation == b.operation
        && (a.object == b.object || a.object.is_none() || b.object.is_none())
}

fn values(e: &Enumeration) -> BTreeSet<&str> {
    e.values.iter().map(|v| v.value.trim()).collect()
}

fn compare(a: &Enumeration, b: &Enumeration) -> Option<Finding> {
    let (va, vb) = (values(a), values(b));
    if va == vb || va.is_disjoint(&vb) {
        return None;
    }
    let list = |set: BTreeSet<&&str>| {
        if set.is_empty() {
            "nothing".to_string()
        } else {
            set.into_iter().copied().collect::<Vec<_>>().join(", ")
        }
    };
    let only_a = list(va.difference(&vb).collect());
    let only_b = list(vb.difference(&va).collect());
    let mut finding = Finding::new(
        FindingKind::EnumMismatch,
        format!(
            "`{}` is documented twice with different values: line {} adds {only_a}, line {} adds {only_b}",
            a.name, a.line, b.line
        ),
        vec![at(&a.source, a.line), at(&b.source, b.line)],
    );
    finding.texts = [a, b]
        .iter()
        .map(|e| Quote {
            location: at(&e.source, e.line),
            text: e
                .values
                .iter()
                .map(|v| v.value.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    Some(finding)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enumeration(line: u32, operation: Option<&str>, values: &[&str]) -> Enumeration {
        Enumeration {
            line,
            operation: operation.map(str::to_string),
            ..crate::check::testkb::enumeration("status", "s", values)
        }
    }

    #[test]
    fn differing_values_are_reported() {
        let kb = KnowledgeBase {
            enums: vec![
                enumeration(3, Some("GET /x"), &["a", "b", "c"]),
                enumeration(9, Some("GET /x"), &["a", "b", "d"]),
                enumeration(12, Some("GET /y"), &["z"]),
                enumeration(15, None, &["c", "b", "a"]),
            ],
            ..KnowledgeBase::default()
        };
        let findings = check(&kb);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(findings[0].message.contains("line 3 adds c, line 9 adds d"));
    }

    /// Issue 14: two fields of one name in different objects of an operation, each with its
    /// own values, are not one enumeration documented twice.
    #[test]
    fn value_lists_with_nothing_in_common_are_two_fields() {
        let kb = KnowledgeBase {
            enums: vec![
                enumeration(3, Some("POST /x"), &["x509", "rbac"]),
                enumeration(9, Some("POST /x"), &["overlay_l2", "vpc-router"]),
            ],
            ..KnowledgeBase::default()
        };
        assert!(check(&kb).is_empty());
    }

    /// Issue 14: value lists outside any API operation (an SDK page's `Status` of a lifecycle
    /// rule, of versioning, of replication) are different fields, not one documented twice.
    #[test]
    fn value_lists_outside_operations_are_not_compared() {
        let kb = KnowledgeBase {
            enums: vec![
                enumeration(3, None, &["Enabled", "Disabled"]),
                enumeration(9, None, &["Enabled", "Suspended"]),
            ],
            ..KnowledgeBase::default()
        };
        assert!(check(&kb).is_empty());
    }
}
