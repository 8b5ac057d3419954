//! Page addresses: one stable, file-system-safe name per code, service, operation and source.
//!
//! Names keep what support staff paste into chat readable (`codes/CSS.6007.html`): ASCII
//! letters, digits, `.`, `-` and `_` stay; a space becomes `_`; any other character becomes
//! `~` and its code point in hex, so different codes never share a name. Names that would
//! collide on a case-insensitive file system get `-2`, `-3`, … in knowledge-base order, which
//! is sorted, so the same input always gives the same addresses.

use std::collections::{BTreeMap, BTreeSet};

use errdex_core::kb::{KnowledgeBase, Operation};

/// The longest name kept before the collision suffix (file systems allow 255 bytes).
const MAX_NAME: usize = 120;

/// The service key for facts whose service is not known.
pub const NO_SERVICE: &str = "";

/// Every page address of a site, relative to the site root.
#[derive(Debug, Clone, Default)]
pub struct Addresses {
    codes: BTreeMap<String, String>,
    services: BTreeMap<String, String>,
    sources: BTreeMap<String, String>,
    operations: Vec<String>,
}

impl Addresses {
    /// Names every page of a knowledge base.
    pub fn new(kb: &KnowledgeBase) -> Self {
        let codes = unique_names(kb.error_codes.iter().map(|c| c.code.as_str()), "codes");
        let services = unique_names(services_of(kb).iter().map(String::as_str), "services");
        let sources = unique_names(kb.sources.iter().map(|s| s.id.as_str()), "sources");
        let keys: Vec<String> = kb.operations.iter().map(operation_key).collect();
        let operation_names = unique_names(keys.iter().map(String::as_str), "operations");
        let operations = keys
            .iter()
            .map(|key| operation_names.get(key).cloned().unwrap_or_default())
            .collect();
        Addresses {
            codes,
            services,
            sources,
            operations,
        }
    }

    /// The page of an error code (as written in `kb.error_codes`).
    pub fn code(&self, code: &str) -> Option<&str> {
        self.codes.get(code).map(String::as_str)
    }

    /// The page of a service ([`NO_SERVICE`] for facts without one).
    pub fn service(&self, service: &str) -> Option<&str> {
        self.services.get(service).map(String::as_str)
    }

    /// The page of a source document.
    pub fn source(&self, id: &str) -> Option<&str> {
        self.sources.get(id).map(String::as_str)
    }

    /// The page of the operation at this index of `kb.operations`.
    pub fn operation(&self, index: usize) -> Option<&str> {
        self.operations.get(index).map(String::as_str)
    }
}

/// Every service named by a code, operation, enumeration or source, sorted; [`NO_SERVICE`]
/// when some operation or enumeration has none.
pub fn services_of(kb: &KnowledgeBase) -> BTreeSet<String> {
    let mut services: BTreeSet<String> = kb.error_codes.iter().map(|c| c.service.clone()).collect();
    for operation in &kb.operations {
        services.insert(operation.service.clone().unwrap_or_default());
    }
    for enumeration in &kb.enums {
        services.insert(enumeration.service.clone().unwrap_or_default());
    }
    services
}

/// The words an operation's address is made of: service, method, path.
fn operation_key(operation: &Operation) -> String {
    let service = operation.service.as_deref().unwrap_or("none");
    format!("{service} {} {}", operation.method, operation.path)
}

/// Maps each key (in the given order) to `folder/name.html`, unique ignoring case.
fn unique_names<'a>(keys: impl Iterator<Item = &'a str>, folder: &str) -> BTreeMap<String, String> {
    let mut taken = BTreeSet::new();
    let mut names = BTreeMap::new();
    for key in keys {
        if names.contains_key(key) {
            continue;
        }
        let base = file_stem(key);
        let mut name = base.clone();
        let mut n = 2;
        while !taken.insert(name.to_ascii_lowercase()) {
            name = format!("{base}-{n}");
            n += 1;
        }
        names.insert(key.to_string(), format!("{folder}/{name}.html"));
    }
    names
}

/// A file-system- and URL-safe stem for a key (see the module doc).
pub fn file_stem(key: &str) -> String {
    let mut stem = String::new();
    for c in key.chars() {
        if stem.len() >= MAX_NAME {
            break;
        }
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '.' | '-' | '_' => stem.push(c),
            c if c.is_whitespace() || matches!(c, '/' | '{' | '}') => {
                if !stem.ends_with('_') {
                    stem.push('_');
                }
            }
            c => stem.push_str(&format!("~{:x}", u32::from(c))),
        }
    }
    if stem.is_empty() || stem.starts_with('.') {
        stem.insert(0, '_');
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;
    use errdex_core::kb::ErrorCode;

    fn code(code: &str, service: &str) -> ErrorCode {
        ErrorCode {
            code: code.to_string(),
            service: service.to_string(),
            definitions: Vec::new(),
            authoritative: 0,
            meanings: Vec::new(),
            ranked: Vec::new(),
            retired: None,
        }
    }

    #[test]
    fn stems_keep_readable_codes_and_escape_the_rest() {
        assert_eq!(file_stem("CSS.6007"), "CSS.6007");
        assert_eq!(file_stem("DCS. 4855"), "DCS._4855");
        assert_eq!(file_stem("错误"), "~9519~8bef");
        assert_eq!(file_stem("../etc"), "_.._etc");
        assert_eq!(file_stem(""), "_");
        assert_eq!(file_stem("<script>"), "~3cscript~3e");
    }

    #[test]
    fn names_differing_only_in_case_get_suffixes() {
        let kb = KnowledgeBase {
            error_codes: vec![code("Ecs.0013", "ECS"), code("ecs.0013", "ECS")],
            ..KnowledgeBase::default()
        };
        let addresses = Addresses::new(&kb);
        assert_eq!(addresses.code("Ecs.0013"), Some("codes/Ecs.0013.html"));
        assert_eq!(addresses.code("ecs.0013"), Some("codes/ecs.0013-2.html"));
        assert_eq!(addresses.service("ECS"), Some("services/ECS.html"));
        assert_eq!(addresses.code("nope"), None);
    }

    #[test]
    fn long_keys_are_cut() {
        let long = "A".repeat(500);
        assert!(file_stem(&long).len() <= MAX_NAME);
    }
}
