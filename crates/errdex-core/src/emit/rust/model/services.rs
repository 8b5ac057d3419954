//! Step 1: the service (and so the module) of every fact.
//!
//! Rules, in order, for a fact that does not state its service itself:
//! 1. the service of its page (`sources[].service`: the page's topic id or the prefix most of
//!    its codes share);
//! 2. the service its page's path names: a word of the path (folders and file name, split at
//!    punctuation) equal to a service that has documented codes in this build, when exactly
//!    one does and it has three letters or more (`docs/sdrs/replication-pair-status.md` →
//!    SDRS);
//! 3. for an operation, the service whose documented codes its examples carry in members
//!    named like codes (`error_code`, `errCode`, `code`), when they all belong to one;
//! 4. `other`.
//!
//! An enumeration of an operation is not decided here: it goes where its operation went.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::annotate::is_code_member;
use crate::kb::{Enumeration, ErrorCode, KnowledgeBase, Operation, canonical_code};

/// The module name of facts with no service.
pub(super) const OTHER: &str = "other";

/// The services of a knowledge base's facts.
pub(super) struct Services<'kb> {
    /// Source id → its service, by rules 1 and 2.
    of_source: BTreeMap<&'kb str, String>,
    /// Canonical code → the services documenting it.
    code_services: BTreeMap<String, BTreeSet<&'kb str>>,
}

impl<'kb> Services<'kb> {
    pub fn new(kb: &'kb KnowledgeBase) -> Self {
        let known: BTreeSet<&str> = kb
            .error_codes
            .iter()
            .map(|c| c.service.trim())
            .filter(|s| !s.is_empty())
            .collect();
        let of_source = kb
            .sources
            .iter()
            .filter_map(|source| {
                let own = source
                    .service
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string);
                own.or_else(|| service_named_by_path(&source.path, &known))
                    .map(|service| (source.id.as_str(), service))
            })
            .collect();
        let mut code_services: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
        for code in &kb.error_codes {
            if !code.service.trim().is_empty() {
                code_services
                    .entry(canonical_code(&code.code))
                    .or_default()
                    .insert(code.service.trim());
            }
        }
        Services {
            of_source,
            code_services,
        }
    }

    /// The service of a source, by rules 1 and 2.
    pub fn of_source(&self, source: &str) -> Option<&str> {
        self.of_source.get(source).map(String::as_str)
    }

    /// The module of an error code: its service, else its first page's.
    pub fn of_code(&self, code: &ErrorCode) -> String {
        let first_source = code.definitions.first().map_or("", |d| d.source.as_str());
        own(Some(&code.service))
            .or_else(|| self.of_source(first_source))
            .unwrap_or(OTHER)
            .to_string()
    }

    /// The module of an operation (rules 1 to 4).
    pub fn of_operation(&self, op: &Operation) -> String {
        if let Some(service) = own(op.service.as_deref()).or_else(|| self.of_source(&op.source)) {
            return service.to_string();
        }
        let mut carried = BTreeSet::new();
        for example in &op.examples {
            self.services_of_codes_in(&example.value, &mut carried);
        }
        match carried.len() {
            1 => carried.into_iter().next().unwrap_or(OTHER).to_string(),
            _ => OTHER.to_string(),
        }
    }

    /// The module of an enumeration that belongs to no documented operation.
    pub fn of_enumeration(&self, enumeration: &Enumeration) -> String {
        own(enumeration.service.as_deref())
            .or_else(|| self.of_source(&enumeration.source))
            .unwrap_or(OTHER)
            .to_string()
    }

    /// The services of the documented codes in members named like codes (`error_code`,
    /// `errCode`, `code`), at any depth.
    fn services_of_codes_in(&self, value: &Value, into: &mut BTreeSet<&'kb str>) {
        match value {
            Value::Array(items) => {
                for item in items {
                    self.services_of_codes_in(item, into);
                }
            }
            Value::Object(map) => {
                for (name, member) in map {
                    let names_a_code = is_code_member(name) || name.eq_ignore_ascii_case("code");
                    let text = match member {
                        Value::String(text) => Some(text.clone()),
                        Value::Number(number) => Some(number.to_string()),
                        _ => None,
                    };
                    match text {
                        Some(text) if names_a_code => {
                            if let Some(services) = self.code_services.get(&canonical_code(&text))
                                && services.len() == 1
                            {
                                into.extend(services.iter().copied());
                            }
                        }
                        _ => self.services_of_codes_in(member, into),
                    }
                }
            }
            _ => {}
        }
    }
}

fn own(service: Option<&str>) -> Option<&str> {
    service.map(str::trim).filter(|s| !s.is_empty())
}

/// Rule 2: the one known service (three letters or more) a word of the path names.
fn service_named_by_path(path: &str, known: &BTreeSet<&str>) -> Option<String> {
    let words: BTreeSet<String> = path
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let named: Vec<&&str> = known
        .iter()
        .filter(|service| service.chars().count() >= 3)
        .filter(|service| words.contains(&service.to_lowercase()))
        .collect();
    match named.as_slice() {
        [one] => Some(one.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_names_a_known_service_once() {
        let known: BTreeSet<&str> = ["SDRS", "ECS", "AS"].into_iter().collect();
        let named = |path| service_named_by_path(path, &known);
        assert_eq!(
            named("docs/sdrs/replication-pair-status.md").as_deref(),
            Some("SDRS")
        );
        assert_eq!(named("otc-docs-ecs__status.md").as_deref(), Some("ECS"));
        // Two services named: no way to tell.
        assert_eq!(named("docs/ecs/sdrs.md"), None);
        // Short services are common words.
        assert_eq!(named("docs/save-as/list.md"), None);
        // Part of a word is not a word.
        assert_eq!(named("docs/ecs2/list.md"), None);
    }
}
