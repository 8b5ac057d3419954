//! The documents of search, shared by both engines: one per thing a reader looks for, with its
//! texts filed under the ranking's [`Attribute`]s and what a hit shows (see [`crate::rank`]).
//!
//! A pure function of the knowledge base ([`search_docs`]), in the ranking's document order:
//! the tantivy index and the site's index both number documents in this order.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use errdex_core::explain::{one_line, stated_meaning};
use errdex_core::kb::{ErrorCode, KnowledgeBase, Places, canonical_code};

use crate::rank::{ATTRIBUTE_SPAN, Attribute, VALUE_GAP};
use crate::synonyms::with_tokens;
use crate::text::{Word, code_parts, index_words};

/// The reader's language of search snippets.
const SNIPPET_LANGUAGE: &str = errdex_core::explain::DEFAULT_LANGUAGE;
/// Mentions of a code whose prose joins its context.
const MENTIONS_IN_CONTEXT: usize = 8;
/// Operations (or enumerations) of a group whose titles join its context: the first only, so
/// a field documented in many operations does not hold every word of their titles.
const GROUP_CONTEXT: usize = 1;

/// What a document is, in document order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// An error code defined in a table: its definitions behind it.
    Code,
    /// An error code only mentioned in prose or examples.
    Mention,
    /// An API operation.
    Operation,
    /// A request parameter or response field, one for every operation documenting it alike.
    Field,
    /// An enumeration value, one for every enumeration documenting it alike.
    Enum,
    /// A source document.
    Page,
    /// A retired error code (the documents dropped it; a build with a baseline kept it): after
    /// every live document in document order, and ranked after every live hit.
    RetiredCode,
    /// A retired enumeration value, likewise.
    RetiredValue,
}

impl DocKind {
    /// Every kind, in document order.
    pub const ALL: [DocKind; 8] = [
        DocKind::Code,
        DocKind::Mention,
        DocKind::Operation,
        DocKind::Field,
        DocKind::Enum,
        DocKind::Page,
        DocKind::RetiredCode,
        DocKind::RetiredValue,
    ];

    /// The kinds ranked after every live hit.
    pub const RETIRED: [DocKind; 2] = [DocKind::RetiredCode, DocKind::RetiredValue];

    /// The kind's name (`code`).
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Code => "code",
            DocKind::Mention => "mention",
            DocKind::Operation => "operation",
            DocKind::Field => "field",
            DocKind::Enum => "enum",
            DocKind::Page => "page",
            DocKind::RetiredCode => "retired_code",
            DocKind::RetiredValue => "retired_value",
        }
    }

    /// The kind a `kind:` filter names (`kind:code` keeps mentioned codes too, as
    /// [`DocKind::filter_kinds`] says).
    pub fn from_filter(name: &str) -> Option<DocKind> {
        match name {
            "code" | "codes" => Some(DocKind::Code),
            "operation" | "operations" => Some(DocKind::Operation),
            "field" | "fields" | "parameter" | "parameters" => Some(DocKind::Field),
            "enum" | "enums" | "value" | "values" => Some(DocKind::Enum),
            "page" | "pages" => Some(DocKind::Page),
            _ => None,
        }
    }

    /// The kinds a `kind:` filter of this kind keeps.
    pub fn filter_kinds(self) -> &'static [DocKind] {
        match self {
            DocKind::Code | DocKind::Mention => {
                &[DocKind::Code, DocKind::Mention, DocKind::RetiredCode]
            }
            DocKind::Operation => &[DocKind::Operation],
            DocKind::Field => &[DocKind::Field],
            DocKind::Enum => &[DocKind::Enum, DocKind::RetiredValue],
            DocKind::Page => &[DocKind::Page],
            DocKind::RetiredCode => &[DocKind::RetiredCode],
            DocKind::RetiredValue => &[DocKind::RetiredValue],
        }
    }
}

/// What a document points at, for the site's links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The page of a code in `kb.error_codes`.
    Code(String),
    /// The operation at this index of `kb.operations`.
    Operation(usize),
    /// The enumeration at this index of `kb.enums`.
    Enumeration(usize),
    /// A source document (by id).
    Source(String),
}

/// A place where a document's fact is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HitPlace {
    /// Source path.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// HTTP status of a definition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
}

/// What a hit shows (stored in the index as JSON; the site keeps the same in its chunks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocView {
    /// What it is.
    pub kind: DocKind,
    /// The code, `METHOD path`, field name, value or page title.
    pub name: String,
    /// Service, if known.
    pub service: Option<String>,
    /// HTTP statuses (a code's definitions), sorted.
    pub statuses: Vec<u16>,
    /// A code's meaning as `explain` states it, else the description or title.
    pub snippet: String,
    /// Context: a code's module, a field's first operation, an enum's enumeration.
    pub title: Option<String>,
    /// Where it is written: definitions (the stated one first), operations, enumerations,
    /// mentions.
    pub places: Vec<HitPlace>,
    /// How many definitions, operations or enumerations it stands for.
    pub count: usize,
}

/// One document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    /// What a hit shows.
    pub view: DocView,
    /// Where the site links it.
    pub target: Target,
    /// Texts per attribute, in [`Attribute::ALL`] order.
    pub texts: [Vec<String>; 5],
    /// Services for `service:` (upper-case).
    pub services: BTreeSet<String>,
    /// The canonical code of a code or mentioned code (the `explain` look-up).
    pub code_key: Option<String>,
}

impl SearchDoc {
    fn new(kind: DocKind, name: &str, target: Target) -> Self {
        SearchDoc {
            view: DocView {
                kind,
                name: name.to_string(),
                service: None,
                statuses: Vec::new(),
                snippet: String::new(),
                title: None,
                places: Vec::new(),
                count: 1,
            },
            target,
            texts: Default::default(),
            services: BTreeSet::new(),
            code_key: None,
        }
    }

    fn add(&mut self, attribute: Attribute, text: &str) {
        let text = text.trim();
        let texts = &mut self.texts[attribute as usize];
        if !text.is_empty() && !texts.iter().any(|t| t == text) {
            texts.push(text.to_string());
        }
    }

    fn set_service(&mut self, service: Option<&String>) {
        if let Some(service) = service
            .map(|s| s.trim().to_uppercase())
            .filter(|s| !s.is_empty())
        {
            self.view.service.get_or_insert_with(|| service.clone());
            self.services.insert(service);
        }
    }

    /// The document's index words, positioned by attribute (see [`crate::rank`]).
    pub fn words(&self) -> Vec<Word> {
        let mut out = Vec::new();
        for attribute in Attribute::ALL {
            let start = attribute.first_position();
            let end = start + ATTRIBUTE_SPAN;
            let mut next = start;
            for text in &self.texts[attribute as usize] {
                if next >= end {
                    break;
                }
                let words: Vec<Word> = match attribute {
                    Attribute::Code => code_parts(text)
                        .into_iter()
                        .zip(next..)
                        .map(|(text, position)| Word {
                            text,
                            position,
                            start: 0,
                            end: 0,
                        })
                        .collect(),
                    _ => with_tokens(index_words(text, next)),
                };
                let Some(last) = words.iter().map(|w| w.position).max() else {
                    continue;
                };
                out.extend(words.into_iter().filter(|w| w.position < end));
                next = last + 1 + VALUE_GAP;
            }
        }
        out
    }

    /// The index facets: `kind:`, `service:`, `status:` (see [`crate::parse::Filter`]).
    pub fn facets(&self) -> Vec<String> {
        let mut facets = vec![format!("kind:{}", self.view.kind.as_str())];
        facets.extend(
            self.services
                .iter()
                .map(|s| format!("service:{}", s.to_lowercase())),
        );
        facets.extend(self.view.statuses.iter().map(|s| format!("status:{s}")));
        facets
    }
}

/// A service's own words: at most this many…
const SERVICE_WORDS: usize = 8;
/// …each in at least this share of the service's documents…
const SERVICE_WORD_SHARE: f64 = 0.05;
/// …and mostly (this share of the documents holding it) in the service's.
const SERVICE_WORD_OWN: f64 = 0.6;
/// Services with fewer documents than this have no words of their own.
const SERVICE_WORDS_FROM: usize = 20;

/// Gives each code the words its service's documents use and others do not (`redis` for
/// DCS, `replication` for SDRS), in its context: customers name the product, error messages
/// seldom do. Read from the knowledge base itself (the message, texts and names of every page,
/// operation, field and value, grouped by service), so it works on documents errdex has never
/// seen.
fn add_service_words(docs: &mut [SearchDoc]) {
    let mut everywhere: HashMap<String, usize> = HashMap::new();
    let mut per_service: HashMap<&str, (usize, HashMap<String, usize>)> = HashMap::new();
    let about_the_product = docs.iter().filter(|d| {
        !matches!(
            d.view.kind,
            DocKind::Code | DocKind::RetiredCode | DocKind::Mention
        )
    });
    let mut documents = 0usize;
    for doc in about_the_product {
        documents += 1;
        let mut words: BTreeSet<String> = BTreeSet::new();
        for attribute in [Attribute::Message, Attribute::Text, Attribute::Name] {
            for text in &doc.texts[attribute as usize] {
                words.extend(
                    index_words(text, 0)
                        .into_iter()
                        .map(|w| w.text)
                        .filter(|w| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_lowercase())),
                );
            }
        }
        for word in &words {
            *everywhere.entry(word.clone()).or_default() += 1;
        }
        for service in &doc.services {
            let (count, held) = per_service.entry(service.as_str()).or_default();
            *count += 1;
            for word in &words {
                *held.entry(word.clone()).or_default() += 1;
            }
        }
    }
    let services = per_service
        .values()
        .filter(|(count, _)| *count >= SERVICE_WORDS_FROM)
        .count();
    let mut vocabulary: HashMap<String, String> = HashMap::new();
    for (service, (count, held)) in &per_service {
        // A word of one service only means something beside others; a word in a fifth of
        // all documents is nobody's own (and would become a stop word).
        if *count < SERVICE_WORDS_FROM || services < 2 {
            continue;
        }
        let mut own: Vec<(&String, usize)> = held
            .iter()
            .filter(|&(word, &n)| {
                n as f64 >= SERVICE_WORD_SHARE * *count as f64
                    && n as f64 >= SERVICE_WORD_OWN * everywhere[word] as f64
                    && (everywhere[word] as f64) < crate::rank::STOP_SHARE * documents as f64
            })
            .map(|(word, &n)| (word, n))
            .collect();
        own.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let words: Vec<&str> = own
            .iter()
            .take(SERVICE_WORDS)
            .map(|(w, _)| w.as_str())
            .collect();
        if !words.is_empty() {
            vocabulary.insert(service.to_string(), words.join(" "));
        }
    }
    for doc in docs.iter_mut() {
        if !matches!(doc.view.kind, DocKind::Code | DocKind::RetiredCode) {
            continue;
        }
        let services: Vec<String> = doc.services.iter().cloned().collect();
        for service in services {
            if let Some(words) = vocabulary.get(&service) {
                doc.add(Attribute::Context, words);
            }
        }
    }
}

/// The words a code written as a name holds (`TooManyBuckets` → `Too Many Buckets`,
/// `MalformedXML` → `Malformed XML`): empty for codes with digits or without an inner capital.
fn name_words(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let inner_capital = chars.iter().skip(1).any(|c| c.is_ascii_uppercase());
    let lower = chars.iter().any(|c| c.is_ascii_lowercase());
    if !chars.iter().all(|c| c.is_ascii_alphabetic()) || !inner_capital || !lower {
        return String::new();
    }
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
        let previous_lower = i > 0 && chars[i - 1].is_ascii_lowercase();
        if i > 0 && c.is_ascii_uppercase() && (previous_lower || next_lower) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Whitespace collapsed and lower-cased: two descriptions alike in this form are one group.
fn group_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Documents standing for several facts written alike, by (name, description).
#[derive(Default)]
struct Groups {
    docs: Vec<SearchDoc>,
    seen: HashMap<(String, String), usize>,
    /// Distinct operations or enumerations behind each document.
    owners: Vec<BTreeSet<usize>>,
}

impl Groups {
    /// The document of (name, description), made by `make` when new; `owner` counts once.
    fn entry(
        &mut self,
        name: &str,
        description: &str,
        owner: usize,
        make: impl FnOnce() -> SearchDoc,
    ) -> &mut SearchDoc {
        let key = (name.to_string(), group_key(description));
        let at = *self.seen.entry(key).or_insert_with(|| {
            self.docs.push(make());
            self.owners.push(BTreeSet::new());
            self.docs.len() - 1
        });
        self.owners[at].insert(owner);
        let doc = &mut self.docs[at];
        doc.view.count = self.owners[at].len();
        doc
    }
}

fn code_doc(code: &ErrorCode, places: &Places<'_>) -> SearchDoc {
    let kind = match code.retired {
        Some(_) => DocKind::RetiredCode,
        None => DocKind::Code,
    };
    let mut doc = SearchDoc::new(kind, &code.code, Target::Code(code.code.clone()));
    doc.code_key = Some(canonical_code(&code.code));
    doc.set_service(Some(&code.service));
    let stated = stated_meaning(code, SNIPPET_LANGUAGE).map_or(0, |s| s.definition);
    let mut order: Vec<usize> = (0..code.definitions.len()).collect();
    if stated < order.len() {
        order.retain(|&i| i != stated);
        order.insert(0, stated);
    }
    doc.add(Attribute::Code, &code.code);
    doc.add(Attribute::Name, &name_words(&code.code));
    for &i in &order {
        let d = &code.definitions[i];
        doc.add(Attribute::Code, &d.code_text);
        doc.add(Attribute::Message, &d.message);
        doc.add(
            Attribute::Text,
            d.description.as_deref().unwrap_or_default(),
        );
        doc.add(Attribute::Text, d.solution.as_deref().unwrap_or_default());
        doc.add(Attribute::Context, d.module.as_deref().unwrap_or_default());
        if let Some(status) = d.http_status {
            doc.add(Attribute::Context, &status.to_string());
        }
    }
    if let Some(d) = code.definitions.get(stated) {
        doc.view.snippet = one_line(if d.message.trim().is_empty() {
            d.description.as_deref().unwrap_or_default()
        } else {
            &d.message
        });
        doc.view.title = d.module.clone().filter(|m| !m.trim().is_empty());
    }
    let statuses: BTreeSet<u16> = code
        .definitions
        .iter()
        .filter_map(|d| d.http_status)
        .collect();
    doc.view.statuses = statuses.into_iter().collect();
    doc.view.places = order
        .iter()
        .map(|&i| &code.definitions[i])
        .map(|d| HitPlace {
            path: places.path(&d.source).to_string(),
            line: d.line,
            status: d.http_status,
        })
        .collect();
    doc.view.count = code.definitions.len();
    doc
}

/// Every document of the knowledge base, in document order (see [`crate::rank`]).
pub fn search_docs(kb: &KnowledgeBase) -> Vec<SearchDoc> {
    let places = kb.places();
    let mut docs: Vec<SearchDoc> = kb
        .error_codes
        .iter()
        .map(|code| code_doc(code, &places))
        .collect();
    let mut by_key: HashMap<String, usize> = docs
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.code_key.clone().map(|k| (k, i)))
        .collect();
    for mention in &kb.mentions {
        let key = canonical_code(&mention.code);
        if key.is_empty() {
            continue;
        }
        let at = *by_key.entry(key.clone()).or_insert_with(|| {
            let mut doc = SearchDoc::new(
                DocKind::Mention,
                &mention.code,
                Target::Source(mention.source.clone()),
            );
            doc.code_key = Some(key);
            doc.add(Attribute::Code, &mention.code);
            doc.set_service(errdex_core::extract::codes::service_prefix(&mention.code).as_ref());
            doc.view.snippet = one_line(&mention.text);
            doc.view.count = 0;
            docs.push(doc);
            docs.len() - 1
        });
        let doc = &mut docs[at];
        if doc.texts[Attribute::Context as usize].len() < MENTIONS_IN_CONTEXT {
            doc.add(Attribute::Context, &mention.text);
        }
        if doc.view.kind == DocKind::Mention {
            doc.add(Attribute::Code, &mention.code);
            doc.view.count += 1;
            doc.view.places.push(HitPlace {
                path: places.path(&mention.source).to_string(),
                line: mention.line,
                status: None,
            });
        }
    }
    let mut fields = Groups::default();
    for (index, op) in kb.operations.iter().enumerate() {
        let signature = format!("{} {}", op.method, op.path);
        let title = op.title.clone().unwrap_or_default();
        let mut doc = SearchDoc::new(DocKind::Operation, &signature, Target::Operation(index));
        doc.set_service(op.service.as_ref());
        doc.add(Attribute::Message, &title);
        doc.add(Attribute::Name, &signature);
        for p in &op.parameters {
            doc.add(Attribute::Context, &p.name);
        }
        doc.view.snippet = one_line(&title);
        doc.view.places.push(HitPlace {
            path: places.path(&op.source).to_string(),
            line: op.line,
            status: None,
        });
        docs.push(doc);
        let rows = op
            .parameters
            .iter()
            .chain(op.request_modes.iter().flat_map(|m| &m.parameters))
            .map(|p| (&p.name, &p.description, p.line, None))
            .chain(op.responses.iter().flat_map(|r| {
                r.fields
                    .iter()
                    .map(|f| (&f.name, &f.description, f.line, None))
            }))
            .chain(op.objects.iter().flat_map(|o| {
                o.fields
                    .iter()
                    .map(move |f| (&f.name, &f.description, f.line, Some(&o.name)))
            }));
        for (name, description, line, object) in rows {
            let doc = fields.entry(name, description, index, || {
                let mut doc = SearchDoc::new(DocKind::Field, name, Target::Operation(index));
                doc.add(Attribute::Name, name);
                doc.add(Attribute::Text, description);
                doc.view.snippet = one_line(description);
                doc.view.title = Some(signature.clone());
                doc
            });
            doc.set_service(op.service.as_ref());
            if doc.view.places.len() < GROUP_CONTEXT {
                doc.add(Attribute::Context, &title);
                doc.add(Attribute::Context, object.map_or("", String::as_str));
            }
            doc.view.places.push(HitPlace {
                path: places.path(&op.source).to_string(),
                line,
                status: None,
            });
        }
    }
    let (mut values, mut retired_values) = (Groups::default(), Groups::default());
    for (index, e) in kb.enums.iter().enumerate() {
        let context = match &e.operation {
            Some(operation) => format!("{} ({operation})", e.name),
            None => e.name.clone(),
        };
        for value in &e.values {
            let (groups, kind) = match value.retired {
                Some(_) => (&mut retired_values, DocKind::RetiredValue),
                None => (&mut values, DocKind::Enum),
            };
            let doc = groups.entry(&value.value, &value.description, index, || {
                let mut doc = SearchDoc::new(kind, &value.value, Target::Enumeration(index));
                doc.add(Attribute::Name, &value.value);
                doc.add(Attribute::Text, &value.description);
                doc.view.snippet = one_line(&value.description);
                doc.view.title = Some(context.clone());
                doc
            });
            doc.set_service(e.service.as_ref());
            if doc.view.places.len() < GROUP_CONTEXT {
                doc.add(Attribute::Context, &context);
            }
            doc.view.places.push(HitPlace {
                path: places.path(&e.source).to_string(),
                line: e.line,
                status: None,
            });
        }
    }
    docs.extend(fields.docs);
    docs.extend(values.docs);
    docs.extend(retired_values.docs);
    for source in &kb.sources {
        let title = source.title.clone().unwrap_or_else(|| source.id.clone());
        let mut doc = SearchDoc::new(DocKind::Page, &title, Target::Source(source.id.clone()));
        doc.set_service(source.service.as_ref());
        doc.add(Attribute::Name, &title);
        doc.add(Attribute::Context, &source.path);
        doc.view.snippet = source.path.clone();
        doc.view.places.push(HitPlace {
            path: source.path.clone(),
            line: 1,
            status: None,
        });
        docs.push(doc);
    }
    add_service_words(&mut docs);
    docs.sort_by_key(|d| (d.view.kind, std::cmp::Reverse(d.view.count)));
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_take_the_words_their_services_pages_use() {
        let page = |service: &str, title: &str| {
            let mut doc = SearchDoc::new(DocKind::Page, title, Target::Source(title.into()));
            doc.set_service(Some(&service.to_string()));
            doc.add(Attribute::Name, title);
            doc
        };
        let mut docs: Vec<SearchDoc> = (0..SERVICE_WORDS_FROM)
            .map(|i| page("DCS", &format!("Configuring Redis instance {i}")))
            .collect();
        for service in ["ECS", "EVS", "VPC", "OBS", "RDS"] {
            docs.extend(
                (0..SERVICE_WORDS_FROM).map(|i| page(service, &format!("Configuring server {i}"))),
            );
        }
        let mut code = SearchDoc::new(DocKind::Code, "DCS.4001", Target::Code("DCS.4001".into()));
        code.set_service(Some(&"DCS".to_string()));
        docs.push(code);
        add_service_words(&mut docs);
        let context = &docs.last().unwrap().texts[Attribute::Context as usize];
        assert_eq!(
            context,
            &["instance redis"],
            "configuring is everyone's word"
        );
        assert!(
            docs[0].texts[Attribute::Context as usize].is_empty(),
            "pages keep theirs"
        );
    }

    #[test]
    fn codes_written_as_names_give_their_words() {
        assert_eq!(name_words("TooManyBuckets"), "Too Many Buckets");
        assert_eq!(name_words("MalformedXML"), "Malformed XML");
        assert_eq!(name_words("XMLParseError"), "XML Parse Error");
        assert_eq!(name_words("AccessDenied"), "Access Denied");
        assert_eq!(name_words("CSS.6007"), "");
        assert_eq!(name_words("Invalid"), "");
        assert_eq!(name_words("NOTFOUND"), "");
    }
    use errdex_core::kb::{
        Definition, EnumValue, Enumeration, Field, Mention, Operation, Response, Source,
    };

    fn definition(source: &str, line: u32, message: &str) -> Definition {
        Definition {
            source: source.into(),
            line,
            code_text: "Ecs.0013".into(),
            http_status: Some(403),
            status_text: None,
            message: message.into(),
            description: None,
            solution: Some("Apply for a higher quota.".into()),
            note: None,
            module: None,
        }
    }

    fn operation(path: &str, field_description: &str) -> Operation {
        Operation {
            service: Some("ecs".into()),
            method: "GET".into(),
            path: path.into(),
            title: Some(format!("Querying {path}")),
            source: "a".into(),
            line: 30,
            parameters: vec![],
            responses: vec![Response {
                status: Some(200),
                description: None,
                headers: vec![],
                fields: vec![Field {
                    name: "quota".into(),
                    type_name: Some("Integer".into()),
                    required: None,
                    description: field_description.into(),
                    object: None,
                    line: 40,
                }],
            }],
            objects: vec![],
            examples: vec![],
            request_modes: Vec::new(),
        }
    }

    fn kb() -> KnowledgeBase {
        let source = |id: &str| Source {
            id: id.into(),
            path: format!("docs/{id}.md"),
            format: "markdown".into(),
            title: Some(format!("Page {id}")),
            language: "en".into(),
            service: None,
            sha256: String::new(),
        };
        KnowledgeBase {
            schema_version: 1,
            sources: vec![source("a"), source("b")],
            error_codes: vec![ErrorCode {
                code: "Ecs.0013".into(),
                service: "ECS".into(),
                definitions: vec![
                    definition("a", 3, "EIP配额不足。"),
                    definition("b", 9, "Insufficient EIP quota."),
                ],
                authoritative: 1,
                meanings: vec![vec![0], vec![1]],
                ranked: vec![],
                retired: None,
            }],
            enums: vec![Enumeration {
                name: "status".into(),
                service: None,
                source: "a".into(),
                line: 20,
                operation: None,
                object: None,
                values: vec![EnumValue {
                    value: "ERROR".into(),
                    description: "The job failed.".into(),
                    retired: None,
                }],
            }],
            operations: vec![
                operation("/v1/quotas", "Quota of  EIPs."),
                operation("/v2/quotas", "quota of EIPs."),
                operation("/v3/limits", "Maximum number."),
            ],
            mentions: vec![
                Mention {
                    code: "Ecs.0013".into(),
                    source: "b".into(),
                    line: 50,
                    context: "prose".into(),
                    text: "For example Ecs.0013 is returned.".into(),
                },
                Mention {
                    code: "VPC.0001".into(),
                    source: "b".into(),
                    line: 60,
                    context: "prose".into(),
                    text: "See VPC.0001.".into(),
                },
            ],
            ..KnowledgeBase::default()
        }
    }

    fn summary(docs: &[SearchDoc]) -> Vec<(DocKind, &str, usize)> {
        docs.iter()
            .map(|d| (d.view.kind, d.view.name.as_str(), d.view.count))
            .collect()
    }

    #[test]
    fn one_document_per_code_field_and_value_in_document_order() {
        let docs = search_docs(&kb());
        assert_eq!(
            summary(&docs),
            [
                (DocKind::Code, "Ecs.0013", 2),
                (DocKind::Mention, "VPC.0001", 1),
                (DocKind::Operation, "GET /v1/quotas", 1),
                (DocKind::Operation, "GET /v2/quotas", 1),
                (DocKind::Operation, "GET /v3/limits", 1),
                (DocKind::Field, "quota", 2),
                (DocKind::Field, "quota", 1),
                (DocKind::Enum, "ERROR", 1),
                (DocKind::Page, "Page a", 1),
                (DocKind::Page, "Page b", 1),
            ]
        );
    }

    #[test]
    fn a_code_states_its_meaning_and_keeps_every_definition_and_mention() {
        let docs = search_docs(&kb());
        let code = &docs[0];
        assert_eq!(code.view.snippet, "Insufficient EIP quota.");
        assert_eq!(
            code.texts[Attribute::Message as usize],
            ["Insufficient EIP quota.", "EIP配额不足。"]
        );
        assert_eq!(
            code.texts[Attribute::Context as usize],
            ["403", "For example Ecs.0013 is returned."]
        );
        assert_eq!(code.view.places.len(), 2);
        assert_eq!(
            code.view.places[0].path, "docs/b.md",
            "the stated meaning's first"
        );
        assert_eq!(code.code_key.as_deref(), Some("ECS0013"));
        assert_eq!(code.facets(), ["kind:code", "service:ecs", "status:403"]);
        assert_eq!(docs[1].view.places[0].line, 60);
    }

    #[test]
    fn words_are_numbered_by_attribute_with_gaps_between_texts() {
        let docs = search_docs(&kb());
        let words = docs[0].words();
        let at = |text: &str| {
            words
                .iter()
                .filter(|w| w.text == text)
                .map(|w| w.position)
                .collect::<Vec<_>>()
        };
        assert_eq!(at("ecs0013"), [0]);
        assert_eq!(at("0013")[0], 2, "code part, then in the mention's prose");
        let message = ATTRIBUTE_SPAN;
        assert_eq!(at("insufficient"), [message]);
        assert_eq!(at("quota"), [message + 2, 2 * ATTRIBUTE_SPAN + 4]);
        assert_eq!(at("配额"), [message + 3 + VALUE_GAP + 1]);
    }
}
