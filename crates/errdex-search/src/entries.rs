//! The knowledge base flattened into searchable entries: one per error-code definition,
//! enumeration value, API operation, request parameter, response or object field, and mention of
//! a code in prose or an example.
//!
//! The first definition of each code carries the code's precomputed explanation; a code that is
//! only mentioned carries it on its first mention.
//!
//! A pure function of the knowledge base ([`entries`]); the index writer only copies entries
//! into tantivy documents.

use errdex_core::explain::ExplainContext;
use errdex_core::kb::{KnowledgeBase, Operation, canonical_code};

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EntryKind {
    /// One definition of an error code.
    ErrorCode,
    /// One value of an enumeration.
    EnumValue,
    /// An API operation.
    Operation,
    /// A request parameter.
    Parameter,
    /// A response or object field.
    Field,
    /// An error code mentioned in prose or an example.
    Mention,
}

impl EntryKind {
    /// The stored name (`error_code`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::ErrorCode => "error_code",
            EntryKind::EnumValue => "enum_value",
            EntryKind::Operation => "operation",
            EntryKind::Parameter => "parameter",
            EntryKind::Field => "field",
            EntryKind::Mention => "mention",
        }
    }
}

/// One searchable entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// What it is.
    pub kind: EntryKind,
    /// The code, value, `METHOD path` or field name as written.
    pub name: String,
    /// Canonical code, on the first definition (or mention) of each error code only.
    pub code_key: Option<String>,
    /// Upper-case service, if known.
    pub service: Option<String>,
    /// HTTP status, if any.
    pub status: Option<u16>,
    /// Context: enumeration name, operation, object.
    pub title: String,
    /// Message or main description.
    pub message: String,
    /// Longer description.
    pub description: String,
    /// What to do.
    pub solution: String,
    /// Source path.
    pub source: String,
    /// 1-based line.
    pub line: u32,
    /// The explanation JSON, beside `code_key`.
    pub explanation: Option<String>,
}

impl Entry {
    fn new(kind: EntryKind, name: &str, source: &str, line: u32) -> Self {
        Entry {
            kind,
            name: name.to_string(),
            code_key: None,
            service: None,
            status: None,
            title: String::new(),
            message: String::new(),
            description: String::new(),
            solution: String::new(),
            source: source.to_string(),
            line,
            explanation: None,
        }
    }
}

fn upper(service: Option<&String>) -> Option<String> {
    service
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().to_uppercase())
}

/// Every entry of the knowledge base, in knowledge-base order.
pub fn entries(kb: &KnowledgeBase) -> Vec<Entry> {
    let context = ExplainContext::new(kb);
    let path = |id: &str| kb.source(id).map(|s| s.path.clone()).unwrap_or(id.into());
    let mut out = Vec::new();
    for code in &kb.error_codes {
        for (at, d) in code.definitions.iter().enumerate() {
            let mut entry = Entry::new(EntryKind::ErrorCode, &code.code, &path(&d.source), d.line);
            entry.service = upper(Some(&code.service));
            entry.status = d.http_status;
            entry.title = d.module.clone().unwrap_or_default();
            entry.message = d.message.clone();
            entry.description = d.description.clone().unwrap_or_default();
            entry.solution = d.solution.clone().unwrap_or_default();
            if at == 0 {
                entry.code_key = Some(canonical_code(&code.code));
                entry.explanation = context
                    .explain(&code.code)
                    .and_then(|e| serde_json::to_string(&e).ok());
            }
            out.push(entry);
        }
    }
    for enumeration in &kb.enums {
        for value in &enumeration.values {
            let mut entry = Entry::new(
                EntryKind::EnumValue,
                &value.value,
                &path(&enumeration.source),
                enumeration.line,
            );
            entry.service = upper(enumeration.service.as_ref());
            entry.title = match &enumeration.operation {
                Some(operation) => format!("{} ({operation})", enumeration.name),
                None => enumeration.name.clone(),
            };
            entry.message = value.description.clone();
            out.push(entry);
        }
    }
    for operation in &kb.operations {
        out.extend(operation_entries(operation, &path(&operation.source)));
    }
    let mut keyed: std::collections::HashSet<String> = kb
        .error_codes
        .iter()
        .map(|c| canonical_code(&c.code))
        .collect();
    for mention in &kb.mentions {
        let mut entry = Entry::new(
            EntryKind::Mention,
            &mention.code,
            &path(&mention.source),
            mention.line,
        );
        entry.service = errdex_core::extract::codes::service_prefix(&mention.code);
        entry.title = mention.context.clone();
        entry.message = mention.text.clone();
        let key = canonical_code(&mention.code);
        if !key.is_empty() && keyed.insert(key.clone()) {
            entry.explanation = context
                .explain(&mention.code)
                .and_then(|e| serde_json::to_string(&e).ok());
            entry.code_key = Some(key);
        }
        out.push(entry);
    }
    out
}

fn operation_entries(operation: &Operation, source: &str) -> Vec<Entry> {
    let signature = format!("{} {}", operation.method, operation.path);
    let service = upper(operation.service.as_ref());
    let mut head = Entry::new(EntryKind::Operation, &signature, source, operation.line);
    head.service = service.clone();
    head.message = operation.title.clone().unwrap_or_default();
    head.description = operation
        .parameters
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = vec![head];
    let mut add = |kind, name: &str, line, title: String, description: &str, type_name| {
        let mut entry = Entry::new(kind, name, source, line);
        entry.service = service.clone();
        entry.title = title;
        entry.message = description.to_string();
        entry.description = type_name;
        out.push(entry);
    };
    for p in &operation.parameters {
        let type_name = p.type_name.clone().unwrap_or_default();
        add(
            EntryKind::Parameter,
            &p.name,
            p.line,
            signature.clone(),
            &p.description,
            type_name,
        );
    }
    for response in &operation.responses {
        for f in &response.fields {
            let type_name = f.type_name.clone().unwrap_or_default();
            add(
                EntryKind::Field,
                &f.name,
                f.line,
                signature.clone(),
                &f.description,
                type_name,
            );
        }
    }
    for object in &operation.objects {
        for f in &object.fields {
            let title = format!("{} ({signature})", object.name);
            let type_name = f.type_name.clone().unwrap_or_default();
            add(
                EntryKind::Field,
                &f.name,
                f.line,
                title,
                &f.description,
                type_name,
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use errdex_core::kb::{Definition, EnumValue, Enumeration, ErrorCode, Field, Response, Source};

    fn kb() -> KnowledgeBase {
        let definition = |line| Definition {
            source: "s".into(),
            line,
            code_text: "CSS.6007".into(),
            http_status: Some(404),
            status_text: None,
            message: "Cluster not found".into(),
            description: None,
            solution: Some("Check the cluster ID".into()),
            module: None,
            note: None,
        };
        KnowledgeBase {
            schema_version: 1,
            sources: vec![Source {
                id: "s".into(),
                path: "docs/s.md".into(),
                format: "markdown".into(),
                title: None,
                language: "en".into(),
                service: None,
                sha256: String::new(),
            }],
            error_codes: vec![ErrorCode {
                code: "CSS.6007".into(),
                service: "CSS".into(),
                definitions: vec![definition(3), definition(9)],
                authoritative: 0,
                meanings: Vec::new(),
                ranked: Vec::new(),
            }],
            enums: vec![Enumeration {
                name: "failure_status".into(),
                service: Some("sdrs".into()),
                source: "s".into(),
                line: 20,
                operation: None,
                object: None,
                values: vec![EnumValue {
                    value: "createFail".into(),
                    description: "creation failed".into(),
                }],
            }],
            operations: vec![Operation {
                service: None,
                method: "GET".into(),
                path: "/v1/jobs".into(),
                title: Some("Querying Failed Tasks".into()),
                source: "s".into(),
                line: 30,
                parameters: vec![],
                responses: vec![Response {
                    status: Some(200),
                    description: None,
                    headers: vec![],
                    fields: vec![Field {
                        name: "failure_jobs".into(),
                        type_name: Some("Array".into()),
                        required: None,
                        description: "failed tasks".into(),
                        object: None,
                        line: 40,
                    }],
                }],
                objects: vec![],
                examples: vec![],
            }],
            ..KnowledgeBase::default()
        }
    }

    #[test]
    fn every_fact_becomes_an_entry() {
        let entries = entries(&kb());
        let kinds: Vec<(EntryKind, &str, u32)> = entries
            .iter()
            .map(|e| (e.kind, e.name.as_str(), e.line))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (EntryKind::ErrorCode, "CSS.6007", 3),
                (EntryKind::ErrorCode, "CSS.6007", 9),
                (EntryKind::EnumValue, "createFail", 20),
                (EntryKind::Operation, "GET /v1/jobs", 30),
                (EntryKind::Field, "failure_jobs", 40),
            ]
        );
        assert_eq!(entries[0].code_key.as_deref(), Some("CSS6007"));
        assert!(
            entries[0]
                .explanation
                .as_deref()
                .is_some_and(|j| j.contains("Check the cluster ID"))
        );
        assert!(entries[1].code_key.is_none() && entries[1].explanation.is_none());
        assert_eq!(entries[0].source, "docs/s.md");
        assert_eq!(entries[2].service.as_deref(), Some("SDRS"));
        assert_eq!(entries[4].title, "GET /v1/jobs");
    }
}
