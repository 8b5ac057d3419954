//! Codes used in prose or examples that no source defines.
//!
//! A mention counts only when its service defines other codes: `EVS.2024` in a knowledge base
//! that knows EVS's codes is a code the docs forgot; `bond0.3133` (an interface), `aaa.111` (a
//! tag value), `10.xx.xx.184` (a masked address) or a code of a service these docs do not
//! cover cannot be judged, and so are not reported. Placeholders (`KPS.XXX`, `Ecs.xxxx`,
//! `<code>`) are not codes. One note per code, with every place it is used.

use std::collections::{BTreeMap, BTreeSet};

use super::at;
use crate::extract::codes::service_prefix;
use crate::kb::{Finding, FindingKind, Quote};
use crate::kb::{KnowledgeBase, Mention, canonical_code};

/// Runs the mention check.
pub fn check(kb: &KnowledgeBase) -> Vec<Finding> {
    let defined: BTreeSet<String> = kb
        .error_codes
        .iter()
        .map(|c| canonical_code(&c.code))
        .collect();
    let services: BTreeSet<&str> = kb.error_codes.iter().map(|c| c.service.as_str()).collect();
    let mut undefined: BTreeMap<String, Vec<&Mention>> = BTreeMap::new();
    for mention in &kb.mentions {
        let canonical = canonical_code(&mention.code);
        let known_service = service_prefix(&mention.code)
            .is_some_and(|service| services.contains(service.as_str()));
        if known_service && !is_placeholder(&mention.code) && !defined.contains(&canonical) {
            undefined.entry(canonical).or_default().push(mention);
        }
    }
    undefined
        .into_values()
        .filter_map(|mentions| {
            let first = mentions.first()?;
            let contexts: BTreeSet<&str> = mentions.iter().map(|m| m.context.as_str()).collect();
            let mut finding = Finding::new(
                FindingKind::UndefinedCode,
                format!(
                    "{} is used in {} ({} time{}) but no source defines it",
                    first.code,
                    contexts.into_iter().collect::<Vec<_>>().join(" and "),
                    mentions.len(),
                    if mentions.len() == 1 { "" } else { "s" }
                ),
                mentions.iter().map(|m| at(&m.source, m.line)).collect(),
            )
            .with_code(&first.code);
            finding.texts = mentions
                .iter()
                .map(|m| Quote {
                    location: at(&m.source, m.line),
                    text: m.text.clone(),
                })
                .collect();
            Some(finding)
        })
        .collect()
}

/// `KPS.XXX`, `Ecs.xxxx`, `10.xx.xx.184`, `<code>`: stands for a code, is none. A part made of
/// `x` alone masks a digit run.
fn is_placeholder(code: &str) -> bool {
    let masked = code
        .split(['.', '-', '_'])
        .any(|part| part.len() >= 2 && part.chars().all(|c| c == 'x' || c == 'X'));
    masked || code.contains('<') || !code.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::super::testkb::*;
    use super::*;

    fn mention(code: &str, line: u32) -> Mention {
        Mention {
            code: code.into(),
            source: "a".into(),
            line,
            context: "example".into(),
            text: format!("\"error_code\": \"{code}\""),
        }
    }

    #[test]
    fn undefined_codes_once_each_and_placeholders_ignored() {
        let mut kb = kb(
            &["a"],
            vec![
                def("a", 1, "CSS.1", None, "One."),
                def("a", 2, "EVS.1", None, "Two."),
            ],
        );
        kb.mentions = vec![
            mention("EVS.2024", 5),
            mention("EVS.2024", 9),
            mention("KPS.XXX", 12),
            mention("css.1", 14),
        ];
        let findings = check(&kb);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(findings[0].locations.len(), 2);
        assert!(findings[0].message.contains("2 times"));
    }

    /// Issue 14: masked addresses, interface names, tag values and codes of services the docs
    /// do not cover are not taken for undefined codes.
    #[test]
    fn only_codes_of_known_services_are_judged() {
        let mut kb = kb(&["a"], vec![def("a", 1, "CSS.1", None, "One.")]);
        kb.mentions = [
            "10.xx.xx.184",
            "xxx.xxx.197",
            "bond0.3133",
            "aaa.111",
            "BMS.0033",
            "CSS.12.xx",
            "CSS.7",
        ]
        .iter()
        .enumerate()
        .map(|(i, code)| mention(code, i as u32 + 1))
        .collect();
        let codes: Vec<String> = check(&kb).into_iter().filter_map(|f| f.code).collect();
        assert_eq!(codes, ["CSS.7"]);
    }
}
