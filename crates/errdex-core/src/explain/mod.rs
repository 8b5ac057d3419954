//! `errdex explain`: everything the knowledge base knows about one error code, like
//! `rustc --explain`.
//!
//! Steps:
//! 1. [`ExplainContext::new`] indexes the knowledge base once (codes, mentions and findings by
//!    canonical code, codes by number and by message) so explaining is a few map look-ups.
//! 2. [`ExplainContext::explain`] gathers every definition with its source path and line, the
//!    `check` findings about the code (whether its definitions conflict), the meaning errdex
//!    states ([`stated`]: the one most sources give, in the reader's language), the mentions in
//!    prose and examples, and related codes.
//! 3. [`ExplainContext::lookup`] answers with a [`Lookup`]; an unknown code carries the nearest
//!    known codes instead. [`Lookup::in_language`] states the meaning for another reader.
//!
//! A pure function of the knowledge base: it reads no files. The search index (`errdex-search`)
//! stores these explanations so the command answers without parsing a large `kb.json`; the
//! printers live with the command line.
//!
//! Not for: deciding whether definitions conflict. That is the `check` stage's judgement; this
//! module reports its findings.

pub mod stated;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

pub use crate::kb::Place;
use crate::kb::{
    Definition, ErrorCode, Finding, FindingKind, KnowledgeBase, Mention, Places, Severity,
    canonical_code,
};
use crate::suggest;

pub use stated::{
    Basis, DEFAULT_LANGUAGE, StatedMeaning, language_name, language_of, stated_meaning,
    stated_meaning_of,
};

/// How many related codes are listed at most.
const RELATED_LIMIT: usize = 10;
/// How many nearest known codes an unknown code suggests.
const NEAREST_LIMIT: usize = 5;
/// Messages shorter than this are too generic to relate codes by ("Error.").
const SHORTEST_SHARED_MESSAGE: usize = 12;
/// A number or message shared by more codes than this relates nothing in particular.
const LARGEST_RELATED_GROUP: usize = 12;

/// One definition of the code, with the path of its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefinitionSite {
    /// Source path.
    pub path: String,
    /// The upstream web address of the definition's line (`source_url`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The definition as in `kb.json`.
    #[serde(flatten)]
    pub definition: Definition,
}

/// A `check` finding about the code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingSite {
    /// What it is about (`meaning-conflict`).
    pub kind: FindingKind,
    /// Severity.
    pub severity: Severity,
    /// Message for a person.
    pub message: String,
    /// Where, by path.
    pub places: Vec<Place>,
    /// Why a maintainer accepts it (`errdex.toml`'s `[[acknowledge]]`), if one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged: Option<String>,
}

impl AsRef<Definition> for DefinitionSite {
    fn as_ref(&self) -> &Definition {
        &self.definition
    }
}

/// The meaning errdex states ([`stated_meaning`]), with its texts and places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meaning {
    /// The message.
    pub message: String,
    /// The description, where the table has one.
    pub description: Option<String>,
    /// A note the table adds after the message, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What to do.
    pub solution: Option<String>,
    /// HTTP status.
    pub http_status: Option<u16>,
    /// The raw status cell when it is not one number.
    pub status_text: Option<String>,
    /// The definition it is taken from.
    pub place: Place,
    /// The language of its text (`en`, `zh`).
    pub language: String,
    /// False when no definition is in the language asked for.
    pub in_reader_language: bool,
    /// Why this meaning (`unanimous`, `majority`, `tie`, `authority`).
    pub basis: Basis,
    /// How many definitions give this meaning, the stated one included.
    pub agreeing: usize,
    /// How many definitions there are, in every language.
    pub definitions: usize,
    /// How far the sources agree, in words ([`StatedMeaning::agreement`]).
    pub agreement: String,
    /// The other meanings in the stated language, most sources first.
    pub differing: Vec<OtherMeaning>,
    /// The definitions in other languages, by meaning: translations, not the meaning.
    pub translations: Vec<OtherMeaning>,
}

/// A meaning errdex does not state: a differing one, or one in another language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherMeaning {
    /// The message of the definition that words it ([`stated::representative`]).
    pub message: String,
    /// That definition's description.
    pub description: Option<String>,
    /// That definition's solution.
    pub solution: Option<String>,
    /// The language of its text.
    pub language: String,
    /// Every definition giving it.
    pub places: Vec<Place>,
}

impl Meaning {
    /// The stated meaning of definitions (with their paths) for a reader of `reader`.
    pub fn stated(
        definitions: &[DefinitionSite],
        meanings: &[Vec<usize>],
        ranked: &[usize],
        reader: &str,
    ) -> Option<Meaning> {
        let stated = stated_meaning_of(definitions, meanings, ranked, reader)?;
        let place = |i: usize| Place {
            source: definitions[i].definition.source.clone(),
            path: definitions[i].path.clone(),
            line: definitions[i].definition.line,
            url: definitions[i].url.clone(),
        };
        let other = |group: &Vec<usize>| {
            let d = &definitions[stated::representative(definitions, group)].definition;
            OtherMeaning {
                message: d.message.clone(),
                description: d.description.clone(),
                solution: d.solution.clone(),
                language: language_of(d).to_string(),
                places: group.iter().map(|&i| place(i)).collect(),
            }
        };
        let d = &definitions[stated.definition].definition;
        Some(Meaning {
            message: d.message.clone(),
            description: d.description.clone(),
            note: d.note.clone(),
            solution: d.solution.clone(),
            http_status: d.http_status,
            status_text: d.status_text.clone(),
            place: place(stated.definition),
            language: stated.language.to_string(),
            in_reader_language: stated.in_reader_language,
            basis: stated.basis,
            agreeing: stated.agreeing.len(),
            definitions: definitions.len(),
            agreement: stated.agreement(definitions),
            differing: stated.differing.iter().map(other).collect(),
            translations: stated.translations.iter().map(other).collect(),
        })
    }
}

/// Why a code is listed as related.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// Mentioned on the same line of a page.
    MentionedTogether,
    /// Defined with the same message.
    SameMessage,
    /// The same number under another prefix.
    SameNumber,
}

impl Relation {
    /// Words for a person.
    pub fn describe(self) -> &'static str {
        match self {
            Relation::MentionedTogether => "mentioned together",
            Relation::SameMessage => "same message",
            Relation::SameNumber => "same number",
        }
    }
}

/// A related code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RelatedCode {
    /// Why it is related.
    pub relation: Relation,
    /// The code as written.
    pub code: String,
    /// The message of the meaning errdex states for it (to a reader of English), if it is
    /// defined.
    pub message: Option<String>,
}

/// Everything known about one error code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// The code as written.
    pub code: String,
    /// Its service.
    pub service: String,
    /// Every definition, in source order.
    pub definitions: Vec<DefinitionSite>,
    /// True when `check` reported a conflict between the definitions.
    pub conflicting: bool,
    /// The `check` findings about this code.
    pub findings: Vec<FindingSite>,
    /// The definitions grouped by meaning, as in `kb.json` ([`ErrorCode::meanings`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meanings: Vec<Vec<usize>>,
    /// The definitions `errdex.toml` ranks, as in `kb.json` ([`ErrorCode::ranked`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranked: Vec<usize>,
    /// The meaning errdex states (for a reader of English unless restated with
    /// [`Explanation::in_language`]).
    pub meaning: Option<Meaning>,
    /// Where the code appears outside definition tables.
    pub mentions: Vec<MentionSite>,
    /// Related codes.
    pub related: Vec<RelatedCode>,
    /// Set when the documents no longer define the code and a build with a baseline kept it:
    /// its definitions are then the last ones, from that release.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<crate::kb::Retirement>,
}

/// A mention of the code in prose or an example.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionSite {
    /// Where.
    pub place: Place,
    /// `prose` or `example`.
    pub context: String,
    /// The surrounding text.
    pub text: String,
}

/// The answer to `explain CODE`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Lookup {
    /// The code is defined (or mentioned) in the knowledge base.
    Known {
        /// What is known.
        explanation: Box<Explanation>,
    },
    /// The code is not in the knowledge base.
    Unknown {
        /// The code asked for.
        query: String,
        /// The nearest known codes.
        nearest: Vec<String>,
    },
}

impl Lookup {
    /// The explanation, when the code is known.
    pub fn explanation(&self) -> Option<&Explanation> {
        match self {
            Lookup::Known { explanation } => Some(explanation),
            Lookup::Unknown { .. } => None,
        }
    }

    /// The same answer with the meaning stated for a reader of `reader` (`en`, `zh`).
    pub fn in_language(self, reader: &str) -> Lookup {
        match self {
            Lookup::Known { explanation } => Lookup::Known {
                explanation: Box::new(explanation.in_language(reader)),
            },
            unknown => unknown,
        }
    }
}

impl Explanation {
    /// The same explanation with the meaning stated for a reader of `reader` (`en`, `zh`).
    pub fn in_language(mut self, reader: &str) -> Explanation {
        self.meaning = Meaning::stated(&self.definitions, &self.meanings, &self.ranked, reader);
        self
    }
}

/// Look-up tables over one knowledge base: build once, explain many codes.
///
/// ```
/// use errdex_core::{ExplainContext, KnowledgeBase, Lookup};
///
/// let kb = KnowledgeBase::default();
/// match ExplainContext::new(&kb).lookup("Ecs.0013") {
///     Lookup::Known { explanation } => println!("{}", explanation.code),
///     Lookup::Unknown { nearest, .. } => assert!(nearest.is_empty()),
/// }
/// ```
pub struct ExplainContext<'kb> {
    kb: &'kb KnowledgeBase,
    places: Places<'kb>,
    codes: HashMap<String, &'kb ErrorCode>,
    /// Canonical code → the code as first written (definitions first, then mentions).
    written: HashMap<String, &'kb str>,
    mentions: HashMap<String, Vec<&'kb Mention>>,
    findings: HashMap<String, Vec<&'kb Finding>>,
    lines: HashMap<(&'kb str, u32), BTreeSet<String>>,
    numbers: HashMap<String, BTreeSet<String>>,
    messages: HashMap<String, BTreeSet<String>>,
}

impl<'kb> ExplainContext<'kb> {
    /// Builds the tables (one pass over the knowledge base).
    pub fn new(kb: &'kb KnowledgeBase) -> Self {
        let mut context = ExplainContext {
            kb,
            places: kb.places(),
            codes: HashMap::new(),
            written: HashMap::new(),
            mentions: HashMap::new(),
            findings: HashMap::new(),
            lines: HashMap::new(),
            numbers: HashMap::new(),
            messages: HashMap::new(),
        };
        for code in &kb.error_codes {
            let key = canonical_code(&code.code);
            if let Some(number) = code_number(&key) {
                context
                    .numbers
                    .entry(number)
                    .or_default()
                    .insert(key.clone());
            }
            for definition in &code.definitions {
                if let Some(message) = message_key(&definition.message) {
                    context
                        .messages
                        .entry(message)
                        .or_default()
                        .insert(key.clone());
                }
            }
            context.written.entry(key.clone()).or_insert(&code.code);
            context.codes.entry(key).or_insert(code);
        }
        for mention in &kb.mentions {
            let key = canonical_code(&mention.code);
            context.written.entry(key.clone()).or_insert(&mention.code);
            context
                .lines
                .entry((mention.source.as_str(), mention.line))
                .or_default()
                .insert(key.clone());
            context.mentions.entry(key).or_default().push(mention);
        }
        for finding in &kb.findings {
            if let Some(code) = &finding.code {
                let key = canonical_code(code);
                context.findings.entry(key).or_default().push(finding);
            }
        }
        context
    }

    /// The knowledge base the tables were built from.
    pub fn kb(&self) -> &'kb KnowledgeBase {
        self.kb
    }

    fn place(&self, source: &str, line: u32) -> Place {
        self.places.at(source, line)
    }

    /// Explains a code given in any spelling; an unknown code gets the nearest known ones.
    pub fn lookup(&self, code: &str) -> Lookup {
        match self.explain(code) {
            Some(explanation) => Lookup::Known {
                explanation: Box::new(explanation),
            },
            None => Lookup::Unknown {
                query: code.to_string(),
                nearest: suggest::nearest_codes(
                    code,
                    self.kb.error_codes.iter().map(|c| c.code.as_str()),
                    NEAREST_LIMIT,
                ),
            },
        }
    }

    /// Everything known about a code, or `None` when it is neither defined nor mentioned.
    pub fn explain(&self, code: &str) -> Option<Explanation> {
        let key = canonical_code(code);
        if key.is_empty() {
            return None;
        }
        let defined = self.codes.get(&key).copied();
        let mentions = self.mentions.get(&key).map(Vec::as_slice).unwrap_or(&[]);
        let (written, service) = match (defined, mentions.first()) {
            (Some(c), _) => (c.code.clone(), c.service.clone()),
            (None, Some(m)) => (
                m.code.clone(),
                crate::extract::codes::service_prefix(&m.code).unwrap_or_default(),
            ),
            (None, None) => return None,
        };
        let definitions: Vec<DefinitionSite> = defined
            .map(|c| c.definitions.as_slice())
            .unwrap_or(&[])
            .iter()
            .map(|d| {
                let place = self.place(&d.source, d.line);
                DefinitionSite {
                    path: place.path,
                    url: place.url,
                    definition: d.clone(),
                }
            })
            .collect();
        let findings: Vec<FindingSite> = self
            .findings
            .get(&key)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .map(|f| FindingSite {
                kind: f.kind,
                severity: f.severity,
                message: f.message.clone(),
                places: f
                    .locations
                    .iter()
                    .map(|l| self.place(&l.source, l.line))
                    .collect(),
                acknowledged: f.acknowledged.clone(),
            })
            .collect();
        let (meanings, ranked) = defined
            .map(|c| (c.meanings.clone(), c.ranked.clone()))
            .unwrap_or_default();
        let meaning = Meaning::stated(&definitions, &meanings, &ranked, DEFAULT_LANGUAGE);
        Some(Explanation {
            code: written,
            service,
            conflicting: findings
                .iter()
                .any(|f| f.kind.is_conflict() && f.severity != Severity::Note),
            definitions,
            findings,
            meanings,
            ranked,
            meaning,
            mentions: mentions
                .iter()
                .map(|m| MentionSite {
                    place: self.place(&m.source, m.line),
                    context: m.context.clone(),
                    text: m.text.clone(),
                })
                .collect(),
            related: self.related(&key, defined, mentions),
            retired: defined.and_then(|c| c.retired.clone()),
        })
    }

    fn related(
        &self,
        key: &str,
        defined: Option<&ErrorCode>,
        mentions: &[&Mention],
    ) -> Vec<RelatedCode> {
        let mut related: BTreeMap<String, Relation> = BTreeMap::new();
        let mut add = |relation: Relation, group: Option<&BTreeSet<String>>| {
            let Some(group) = group.filter(|g| g.len() <= LARGEST_RELATED_GROUP) else {
                return;
            };
            for other in group.iter().filter(|other| other.as_str() != key) {
                let entry = related.entry(other.clone()).or_insert(relation);
                *entry = (*entry).min(relation);
            }
        };
        for mention in mentions {
            add(
                Relation::MentionedTogether,
                self.lines.get(&(mention.source.as_str(), mention.line)),
            );
        }
        for definition in defined.map(|c| c.definitions.as_slice()).unwrap_or(&[]) {
            if let Some(message) = message_key(&definition.message) {
                add(Relation::SameMessage, self.messages.get(&message));
            }
        }
        if let Some(number) = code_number(key) {
            add(Relation::SameNumber, self.numbers.get(&number));
        }
        let mut related: Vec<RelatedCode> = related
            .into_iter()
            .map(|(other, relation)| {
                let code = self.codes.get(&other);
                let written = self.written.get(&other).map(|w| w.to_string());
                RelatedCode {
                    relation,
                    code: written.unwrap_or(other),
                    message: code
                        .and_then(|c| c.definitions.get(c.authoritative).or(c.definitions.first()))
                        .map(|d| d.message.clone()),
                }
            })
            .collect();
        related.sort();
        related.truncate(RELATED_LIMIT);
        related
    }
}

/// The digits a canonical code ends with, when it also has a letter prefix (`CSS6007` → `6007`).
fn code_number(key: &str) -> Option<String> {
    let digits = key.len() - key.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let number = &key[key.len() - digits..];
    let has_prefix = key[..key.len() - digits].chars().any(|c| c.is_alphabetic());
    (number.len() >= 3 && has_prefix).then(|| number.to_string())
}

/// A message reduced to its letters and digits, lower case, for grouping identical wordings;
/// `None` for messages too short to say anything specific.
fn message_key(message: &str) -> Option<String> {
    let key: String = message
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    (key.chars().count() >= SHORTEST_SHARED_MESSAGE).then_some(key)
}

/// Collapses whitespace (JSON members span lines) and shortens long text.
pub fn one_line(text: &str) -> String {
    const LONGEST: usize = 160;
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match joined.char_indices().nth(LONGEST) {
        Some((at, _)) => format!("{}…", &joined[..at]),
        None => joined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::{Location, Source};

    fn definition(source: &str, line: u32, message: &str, solution: Option<&str>) -> Definition {
        Definition {
            source: source.to_string(),
            line,
            code_text: "CSS.6007".to_string(),
            http_status: Some(400),
            status_text: None,
            message: message.to_string(),
            description: None,
            solution: solution.map(str::to_string),
            module: None,
            note: None,
        }
    }

    fn code(code: &str, definitions: Vec<Definition>) -> ErrorCode {
        ErrorCode {
            code: code.to_string(),
            service: crate::extract::codes::service_prefix(code).unwrap_or_default(),
            definitions,
            authoritative: 0,
            meanings: Vec::new(),
            ranked: Vec::new(),
            retired: None,
        }
    }

    fn source(id: &str) -> Source {
        Source {
            id: id.to_string(),
            path: format!("docs/{id}.md"),
            format: "markdown".to_string(),
            title: None,
            language: "en".to_string(),
            service: None,
            sha256: String::new(),
        }
    }

    fn sample_kb() -> KnowledgeBase {
        KnowledgeBase {
            schema_version: 1,
            sources: vec![source("a"), source("b")],
            error_codes: vec![
                ErrorCode {
                    meanings: vec![vec![0, 2], vec![1]],
                    ..code(
                        "CSS.6007",
                        vec![
                            definition("a", 10, "The cluster does not exist.", None),
                            definition("b", 20, "Snapshot creation failed.", Some("Retry.")),
                            definition(
                                "b",
                                40,
                                "the cluster does not exist",
                                Some("Check the ID."),
                            ),
                        ],
                    )
                },
                code(
                    "DWS.6007",
                    vec![definition("b", 50, "Another meaning here.", None)],
                ),
                code(
                    "ECS.0013",
                    vec![definition("a", 60, "EIP quota exceeded now.", None)],
                ),
            ],
            mentions: vec![
                Mention {
                    code: "Ecs.0013".to_string(),
                    source: "a".to_string(),
                    line: 5,
                    context: "prose".to_string(),
                    text: "see (Ecs.0013) or (Ecs.0014)".to_string(),
                },
                Mention {
                    code: "Ecs.0014".to_string(),
                    source: "a".to_string(),
                    line: 5,
                    context: "prose".to_string(),
                    text: "see (Ecs.0013) or (Ecs.0014)".to_string(),
                },
            ],
            findings: vec![
                Finding::new(
                    FindingKind::MeaningConflict,
                    "CSS.6007 has 2 meanings",
                    vec![Location {
                        source: "b".to_string(),
                        line: 20,
                    }],
                )
                .with_code("CSS.6007"),
            ],
            ..KnowledgeBase::default()
        }
    }

    #[test]
    fn explains_definitions_findings_meaning_and_related() {
        let kb = sample_kb();
        let context = ExplainContext::new(&kb);
        let e = context.explain("css-6007").expect("known code");
        assert_eq!(e.code, "CSS.6007");
        assert_eq!(e.definitions.len(), 3);
        assert_eq!(e.definitions[1].path, "docs/b.md");
        assert!(e.conflicting);
        assert_eq!(e.findings[0].places[0].path, "docs/b.md");
        let meaning = e.meaning.expect("meaning");
        // The meaning two definitions give, worded by the one with a solution.
        assert_eq!(meaning.message, "the cluster does not exist");
        assert_eq!(meaning.solution.as_deref(), Some("Check the ID."));
        assert_eq!((meaning.agreeing, meaning.definitions), (2, 3));
        assert_eq!(meaning.differing[0].message, "Snapshot creation failed.");
        assert_eq!(
            e.related,
            vec![RelatedCode {
                relation: Relation::SameNumber,
                code: "DWS.6007".to_string(),
                message: Some("Another meaning here.".to_string()),
            }]
        );
    }

    #[test]
    fn mentioned_only_codes_are_explained_by_their_mentions() {
        let kb = sample_kb();
        let e = ExplainContext::new(&kb)
            .explain("ECS.0014")
            .expect("mentioned");
        assert!(e.definitions.is_empty() && e.meaning.is_none());
        assert_eq!(e.mentions[0].place.path, "docs/a.md");
        assert_eq!(e.related[0].code, "ECS.0013");
        assert_eq!(e.related[0].relation, Relation::MentionedTogether);
    }

    #[test]
    fn unknown_codes_suggest_the_nearest() {
        let kb = sample_kb();
        let lookup = ExplainContext::new(&kb).lookup("CSS.6070");
        match &lookup {
            Lookup::Unknown { nearest, .. } => assert_eq!(nearest[0], "CSS.6007"),
            other => panic!("expected unknown, got {other:?}"),
        }
        assert!(ExplainContext::new(&kb).explain(" .- ").is_none());
    }

    /// The stated meaning and its agreement in words, for each reader.
    #[test]
    fn meaning_is_stated_with_its_agreement() {
        let site = |source: &str, line, message: &str, solution: Option<&str>| DefinitionSite {
            path: format!("docs/{source}.md"),
            url: None,
            definition: definition(source, line, message, solution),
        };
        let sites = vec![
            site("a", 1, "Insufficient EIP quota.", Some("Apply for more.")),
            site("b", 2, "Insufficient EIP quota.", Some("Apply for more.")),
            site(
                "c",
                3,
                "EIP quota limit reached.",
                Some("请申请扩大EIP配额"),
            ),
            site("d", 4, "The data disk is detached.", None),
        ];
        let groups = vec![vec![0, 1], vec![2], vec![3]];
        let meaning = Meaning::stated(&sites, &groups, &[], "en").expect("meaning");
        assert_eq!(meaning.message, "Insufficient EIP quota.");
        assert_eq!(
            (meaning.place.path.as_str(), meaning.basis),
            ("docs/a.md", Basis::Majority)
        );
        assert_eq!(
            meaning.agreement,
            "2 of 4 sources agree; 1 differs; 1 in another language (Chinese)"
        );
        assert_eq!(meaning.differing[0].message, "The data disk is detached.");
        assert_eq!(meaning.translations[0].language, "zh");
        let chinese = Meaning::stated(&sites, &groups, &[], "zh").expect("meaning");
        assert_eq!(chinese.solution.as_deref(), Some("请申请扩大EIP配额"));
        assert_eq!(
            chinese.agreement,
            "the only definition in Chinese; 3 in another language (English)"
        );
        let ranked = Meaning::stated(&sites, &groups, &[3], "en").expect("meaning");
        assert_eq!(
            ranked.agreement,
            "errdex.toml ranks this source first; 1 of 4 sources agree; 2 differ; 1 in another language (Chinese)"
        );
        let one = Meaning::stated(&sites[..1], &[], &[], "en").expect("meaning");
        assert_eq!(one.agreement, "the only definition");
        let repeated = Meaning::stated(
            &[sites[0].clone(), sites[0].clone()],
            &[vec![0, 1]],
            &[],
            "en",
        );
        assert_eq!(
            repeated.expect("meaning").agreement,
            "all 2 definitions agree"
        );
    }

    #[test]
    fn code_numbers_need_a_prefix() {
        assert_eq!(code_number("CSS6007").as_deref(), Some("6007"));
        assert_eq!(code_number("10240002"), None);
        assert_eq!(code_number("ACCESSDENIED"), None);
    }
}
