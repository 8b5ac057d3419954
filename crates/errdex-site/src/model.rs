//! Page models: what each page shows, computed from the knowledge base as plain strings and
//! lists, so templates only loop and print (and askama escapes every string they print).

use std::collections::{BTreeMap, BTreeSet};

use errdex_core::kb::{
    Definition, Enumeration, ErrorCode, Field, Finding, KnowledgeBase, Location, Mention,
    Operation, ParameterLocation, Places, canonical_code,
};

use errdex_core::explain::stated::representative;
use errdex_core::explain::{DEFAULT_LANGUAGE, language_name, language_of, stated_meaning};

use crate::json_view::{JsonPiece, highlight};
use crate::paths::{Addresses, NO_SERVICE};

/// A link: address relative to the site root, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Address relative to the site root.
    pub href: String,
    /// Link text.
    pub text: String,
}

/// A place in a source, linked to the source's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The line on its source page (`sources/X.html#L170`), when the source is known.
    pub href: Option<String>,
    /// `path:line`, the path relative to the project root.
    pub label: String,
    /// The line on the web (`errdex.toml`'s `source_url`).
    pub upstream: Option<String>,
}

/// A finding as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingView {
    /// `meaning-conflict`.
    pub kind: String,
    /// `error`, `warning` or `note`.
    pub severity: &'static str,
    /// The message.
    pub message: String,
    /// Where.
    pub places: Vec<Place>,
    /// The code page, if the finding is about a known code.
    pub code: Option<Link>,
    /// Why a maintainer accepts it (`errdex.toml`), if one does.
    pub acknowledged: Option<String>,
}

/// One definition of a code as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinitionView {
    /// Where it is.
    pub place: Place,
    /// Status as shown (`400`, `400/404`, `—`).
    pub status: String,
    /// Message.
    pub message: String,
    /// Description, where separate.
    pub description: String,
    /// A note the cell adds after the message, where there is one.
    pub note: String,
    /// Solution.
    pub solution: String,
    /// Module.
    pub module: String,
}

/// Two or more definitions that disagree, shown side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictView {
    /// The finding's message.
    pub message: String,
    /// `error` or `warning`.
    pub severity: &'static str,
    /// The definitions at the finding's places.
    pub sides: Vec<DefinitionView>,
}

/// The meaning errdex states for a code ([`errdex_core::explain::stated_meaning`], for a
/// reader of English), with the meanings it does not state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeaningView {
    /// The definition whose wording is stated.
    pub stated: DefinitionView,
    /// How far the sources agree, in words.
    pub agreement: String,
    /// The other definitions giving the same meaning.
    pub also: Vec<Place>,
    /// Other meanings in the stated language.
    pub differing: Vec<OtherMeaningView>,
    /// Definitions in other languages, by meaning.
    pub translations: Vec<OtherMeaningView>,
}

/// A meaning errdex does not state, worded by one of its definitions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherMeaningView {
    /// Its language in words (`Chinese`).
    pub language: String,
    /// The definition that words it.
    pub shown: DefinitionView,
    /// Every definition giving it.
    pub places: Vec<Place>,
}

/// One wording of a code's message and the places that use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wording {
    /// The message.
    pub text: String,
    /// Where it is written this way.
    pub places: Vec<Place>,
}

/// A code related to another by a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// The other code's page.
    pub link: Link,
    /// Why (`renumbering-hint`).
    pub kind: String,
    /// The finding's message.
    pub message: String,
}

/// A code used outside a definition table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionView {
    /// Where.
    pub place: Place,
    /// `prose` or `example`.
    pub context: String,
    /// The surrounding text.
    pub text: String,
    /// The operation whose page holds it, if any.
    pub operation: Option<Link>,
}

/// An enumeration with its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumView {
    /// Element id on the page.
    pub anchor: String,
    /// Name.
    pub name: String,
    /// Where.
    pub place: Place,
    /// The operation it belongs to, if any.
    pub operation: Option<Link>,
    /// `(value, description, why retired)` in documented order; retired values (kept by a
    /// build with a baseline) last.
    pub values: Vec<(String, String, Option<String>)>,
}

/// One row of a service's error-code table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRow {
    /// The code's page.
    pub code: Link,
    /// The definition.
    pub definition: DefinitionView,
    /// Whether the code has a meaning or status conflict.
    pub conflict: bool,
    /// Why the code is retired (the documents dropped it; a build with a baseline kept it).
    pub retired: Option<String>,
}

/// A parameter or field as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldView {
    /// Name.
    pub name: String,
    /// Type.
    pub type_name: String,
    /// `yes`, `no` or blank.
    pub required: &'static str,
    /// Description, with default and range appended where stated.
    pub description: String,
    /// `#object-…` link to a nested object on the same page.
    pub object: Option<Link>,
}

/// Parameters in one location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParameterGroup {
    /// `Path`, `Query`, `Header`, `Body`, or `Body: ` and what another request mode is for.
    pub location: String,
    /// The parameters.
    pub parameters: Vec<FieldView>,
}

/// A response as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseView {
    /// `200` or `unstated`.
    pub status: String,
    /// Description.
    pub description: String,
    /// Body fields.
    pub fields: Vec<FieldView>,
    /// Headers.
    pub headers: Vec<FieldView>,
}

/// A nested object type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectView {
    /// Element id.
    pub anchor: String,
    /// Name.
    pub name: String,
    /// Fields.
    pub fields: Vec<FieldView>,
}

/// A JSON example, highlighted, with the findings about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleView {
    /// `Request`, `Response 200`.
    pub label: String,
    /// Where it starts.
    pub place: Place,
    /// Highlighted pieces.
    pub pieces: Vec<JsonPiece>,
    /// Findings located in it.
    pub findings: Vec<FindingView>,
}

/// What the knowledge base says, indexed for the page builders.
pub struct SiteModel<'a> {
    /// The knowledge base.
    pub kb: &'a KnowledgeBase,
    /// Page addresses.
    pub addresses: Addresses,
    /// Definition place → the code it defines.
    code_at: BTreeMap<(&'a str, u32), &'a str>,
    /// Per source, the operations' start lines and indexes, sorted.
    operation_starts: BTreeMap<&'a str, Vec<(u32, usize)>>,
    /// Source ids → paths and upstream addresses.
    places: Places<'a>,
    /// Canonical code → index in `kb.error_codes`.
    code_index: BTreeMap<String, usize>,
    /// Canonical code → the findings about it.
    code_findings: BTreeMap<String, Vec<&'a Finding>>,
    /// Operation index → the findings located in its part of its source.
    operation_findings: BTreeMap<usize, Vec<&'a Finding>>,
    /// Canonical code → its mentions.
    code_mentions: BTreeMap<String, Vec<&'a Mention>>,
    /// (source, `METHOD path`) → operation index.
    operation_by_key: BTreeMap<(&'a str, String), usize>,
    /// Operation index → indexes of its enumerations.
    operation_enums: BTreeMap<usize, Vec<usize>>,
}

impl<'a> SiteModel<'a> {
    /// Indexes a knowledge base.
    pub fn new(kb: &'a KnowledgeBase) -> Self {
        let mut code_at = BTreeMap::new();
        for code in &kb.error_codes {
            for d in &code.definitions {
                code_at.insert((d.source.as_str(), d.line), code.code.as_str());
            }
        }
        let mut operation_starts: BTreeMap<&str, Vec<(u32, usize)>> = BTreeMap::new();
        for (i, op) in kb.operations.iter().enumerate() {
            operation_starts
                .entry(op.source.as_str())
                .or_default()
                .push((op.line, i));
        }
        for starts in operation_starts.values_mut() {
            starts.sort();
        }
        let mut code_index = BTreeMap::new();
        for (i, code) in kb.error_codes.iter().enumerate() {
            code_index.entry(canonical_code(&code.code)).or_insert(i);
        }
        let mut model = SiteModel {
            kb,
            addresses: Addresses::new(kb),
            places: kb.places(),
            code_at,
            operation_starts,
            code_index,
            code_findings: BTreeMap::new(),
            operation_findings: BTreeMap::new(),
            code_mentions: BTreeMap::new(),
            operation_by_key: BTreeMap::new(),
            operation_enums: BTreeMap::new(),
        };
        for mention in &kb.mentions {
            model
                .code_mentions
                .entry(canonical_code(&mention.code))
                .or_default()
                .push(mention);
        }
        for (i, op) in kb.operations.iter().enumerate() {
            model
                .operation_by_key
                .entry((op.source.as_str(), operation_key(op)))
                .or_insert(i);
        }
        for (i, e) in kb.enums.iter().enumerate() {
            if let Some(op) = model.enum_operation(e) {
                model.operation_enums.entry(op).or_default().push(i);
            }
        }
        for finding in &kb.findings {
            for code in model.codes_of(finding) {
                model.code_findings.entry(code).or_default().push(finding);
            }
            let operations: BTreeSet<usize> = finding
                .locations
                .iter()
                .filter_map(|l| model.operation_at(&l.source, l.line))
                .collect();
            for index in operations {
                model
                    .operation_findings
                    .entry(index)
                    .or_default()
                    .push(finding);
            }
        }
        model
    }

    /// A place linked to its source page.
    pub fn place(&self, source: &str, line: u32) -> Place {
        let place = self.places.at(source, line);
        Place {
            href: self
                .addresses
                .source(source)
                .map(|page| format!("{page}#{}", line_anchor(line))),
            label: format!("{}:{line}", place.path),
            upstream: place.url,
        }
    }

    /// The link to a code's page, by any spelling.
    pub fn code_link(&self, code: &str) -> Option<Link> {
        let known = self
            .kb
            .error_codes
            .get(*self.code_index.get(&canonical_code(code))?)?;
        Some(Link {
            href: self.addresses.code(&known.code)?.to_string(),
            text: known.code.clone(),
        })
    }

    /// The link to a service's page.
    pub fn service_link(&self, service: &str) -> Option<Link> {
        Some(Link {
            href: self.addresses.service(service)?.to_string(),
            text: service_name(service),
        })
    }

    /// The link to the operation at an index.
    pub fn operation_link(&self, index: usize) -> Option<Link> {
        let op = self.kb.operations.get(index)?;
        Some(Link {
            href: self.addresses.operation(index)?.to_string(),
            text: format!("{} {}", op.method, op.path),
        })
    }

    /// The operation whose part of a source holds a line (the last one starting at or before it).
    pub fn operation_at(&self, source: &str, line: u32) -> Option<usize> {
        self.operation_starts
            .get(source)?
            .iter()
            .take_while(|(start, _)| *start <= line)
            .last()
            .map(|(_, i)| *i)
    }

    /// A finding as shown.
    pub fn finding(&self, finding: &Finding) -> FindingView {
        FindingView {
            kind: finding.kind.id().to_string(),
            severity: finding.severity.as_str(),
            message: finding.message.clone(),
            places: finding
                .locations
                .iter()
                .map(|l| self.place(&l.source, l.line))
                .collect(),
            code: finding.code.as_deref().and_then(|c| self.code_link(c)),
            acknowledged: finding.acknowledged.clone(),
        }
    }

    /// A definition as shown.
    pub fn definition(&self, d: &Definition) -> DefinitionView {
        DefinitionView {
            place: self.place(&d.source, d.line),
            status: status_label(d),
            message: d.message.clone(),
            description: d.description.clone().unwrap_or_default(),
            note: d.note.clone().unwrap_or_default(),
            solution: d.solution.clone().unwrap_or_default(),
            module: d.module.clone().unwrap_or_default(),
        }
    }

    /// The meaning errdex states for a code, for a reader of English.
    pub fn meaning(&self, code: &ErrorCode) -> Option<MeaningView> {
        let stated = stated_meaning(code, DEFAULT_LANGUAGE)?;
        let place = |i: usize| {
            let d = &code.definitions[i];
            self.place(&d.source, d.line)
        };
        let other = |group: &Vec<usize>| {
            let shown = &code.definitions[representative(&code.definitions, group)];
            OtherMeaningView {
                language: language_name(language_of(shown)).to_string(),
                shown: self.definition(shown),
                places: group.iter().map(|&i| place(i)).collect(),
            }
        };
        Some(MeaningView {
            stated: self.definition(&code.definitions[stated.definition]),
            agreement: stated.agreement(&code.definitions),
            also: stated
                .agreeing
                .iter()
                .filter(|&&i| i != stated.definition)
                .map(|&i| place(i))
                .collect(),
            differing: stated.differing.iter().map(other).collect(),
            translations: stated.translations.iter().map(other).collect(),
        })
    }

    /// Every code a finding is about: its own and those defined at its locations.
    pub fn codes_of(&self, finding: &Finding) -> BTreeSet<String> {
        let mut codes: BTreeSet<String> = finding.code.iter().map(|c| canonical_code(c)).collect();
        for Location { source, line } in &finding.locations {
            if let Some(code) = self.code_at.get(&(source.as_str(), *line)) {
                codes.insert(canonical_code(code));
            }
        }
        codes
    }

    /// The findings about a code.
    pub fn findings_for_code(&self, code: &ErrorCode) -> Vec<&'a Finding> {
        self.code_findings
            .get(&canonical_code(&code.code))
            .cloned()
            .unwrap_or_default()
    }

    /// The findings of a code that `pick` chooses (conflicts, or possible conflicts), each
    /// with its sides.
    pub fn sides(
        &self,
        code: &ErrorCode,
        findings: &[&Finding],
        pick: fn(&Finding) -> bool,
    ) -> Vec<ConflictView> {
        findings
            .iter()
            .filter(|f| {
                pick(f) && f.code.as_deref().map(canonical_code) == Some(canonical_code(&code.code))
            })
            .map(|f| ConflictView {
                message: f.message.clone(),
                severity: f.severity.as_str(),
                sides: f
                    .locations
                    .iter()
                    .filter_map(|l| {
                        code.definitions
                            .iter()
                            .find(|d| d.source == l.source && d.line == l.line)
                    })
                    .map(|d| self.definition(d))
                    .collect(),
            })
            .collect()
    }

    /// The codes related to this one by findings about several codes (renumbering hints,
    /// shared messages).
    pub fn related(&self, code: &ErrorCode, findings: &[&Finding]) -> Vec<Related> {
        let own = canonical_code(&code.code);
        let mut related = Vec::new();
        for finding in findings {
            for other in self.codes_of(finding) {
                if other == own {
                    continue;
                }
                if let Some(link) = self.code_link(&other) {
                    related.push(Related {
                        link,
                        kind: finding.kind.id().to_string(),
                        message: finding.message.clone(),
                    });
                }
            }
        }
        related
    }

    /// The code's uses outside definition tables.
    pub fn mentions(&self, code: &ErrorCode) -> Vec<MentionView> {
        let Some(mentions) = self.code_mentions.get(&canonical_code(&code.code)) else {
            return Vec::new();
        };
        mentions
            .iter()
            .map(|m| MentionView {
                place: self.place(&m.source, m.line),
                context: m.context.clone(),
                text: m.text.clone(),
                operation: self
                    .operation_at(&m.source, m.line)
                    .and_then(|i| self.operation_link(i)),
            })
            .collect()
    }

    /// The index of the operation an enumeration belongs to.
    fn enum_operation(&self, e: &Enumeration) -> Option<usize> {
        let key = e.operation.clone()?;
        self.operation_by_key
            .get(&(e.source.as_str(), key))
            .copied()
    }

    /// An enumeration as shown.
    pub fn enumeration(&self, index: usize, e: &Enumeration) -> EnumView {
        EnumView {
            anchor: format!("enum-{index}"),
            name: e.name.clone(),
            place: self.place(&e.source, e.line),
            operation: self.enum_operation(e).and_then(|i| self.operation_link(i)),
            values: e
                .values
                .iter()
                .map(|v| {
                    let retired = v.retired.as_ref().map(|r| r.reason());
                    (v.value.clone(), v.description.clone(), retired)
                })
                .collect(),
        }
    }

    /// The page (and element id) where an enumeration is shown: its operation's page, else
    /// its service's.
    pub fn enumeration_href(&self, index: usize, e: &Enumeration) -> Option<String> {
        let page = match self.enum_operation(e) {
            Some(op) => self.addresses.operation(op)?,
            None => self
                .addresses
                .service(e.service.as_deref().unwrap_or(NO_SERVICE))?,
        };
        Some(format!("{page}#enum-{index}"))
    }

    /// The enumerations of an operation.
    pub fn operation_enums(&self, index: usize) -> Vec<EnumView> {
        self.operation_enums
            .get(&index)
            .into_iter()
            .flatten()
            .filter_map(|i| Some(self.enumeration(*i, self.kb.enums.get(*i)?)))
            .collect()
    }

    /// The findings located in an operation's part of its source.
    pub fn operation_findings(&self, index: usize) -> Vec<&'a Finding> {
        self.operation_findings
            .get(&index)
            .cloned()
            .unwrap_or_default()
    }

    /// Parameters grouped by location, in path, query, header, body order, then the body of
    /// each other request mode.
    pub fn parameter_groups(&self, op: &Operation) -> Vec<ParameterGroup> {
        let view = |p: &errdex_core::kb::Parameter| FieldView {
            name: p.name.clone(),
            type_name: p.type_name.clone().unwrap_or_default(),
            required: required_label(p.required),
            description: with_extras(&p.description, p.default.as_deref(), p.range.as_deref()),
            object: object_link(op, p.object.as_deref()),
        };
        let by_location = [
            (ParameterLocation::Path, "Path"),
            (ParameterLocation::Query, "Query"),
            (ParameterLocation::Header, "Header"),
            (ParameterLocation::Body, "Body"),
        ]
        .into_iter()
        .map(|(location, label)| ParameterGroup {
            location: label.to_string(),
            parameters: op
                .parameters
                .iter()
                .filter(|p| p.location == location)
                .map(view)
                .collect(),
        });
        let modes = op.request_modes.iter().map(|mode| ParameterGroup {
            location: format!("Body: {}", mode.label),
            parameters: mode.parameters.iter().map(view).collect(),
        });
        by_location
            .chain(modes)
            .filter(|g| !g.parameters.is_empty())
            .collect()
    }

    /// Responses by status.
    pub fn responses(&self, op: &Operation) -> Vec<crate::model::ResponseView> {
        op.responses
            .iter()
            .map(|r| ResponseView {
                status: r
                    .status
                    .map_or_else(|| "unstated".to_string(), |s| s.to_string()),
                description: r.description.clone().unwrap_or_default(),
                fields: r.fields.iter().map(|f| field_view(op, f)).collect(),
                headers: r.headers.iter().map(|f| field_view(op, f)).collect(),
            })
            .collect()
    }

    /// Nested object types.
    pub fn objects(&self, op: &Operation) -> Vec<ObjectView> {
        op.objects
            .iter()
            .map(|o| ObjectView {
                anchor: object_anchor(&o.name),
                name: o.name.clone(),
                fields: o.fields.iter().map(|f| field_view(op, f)).collect(),
            })
            .collect()
    }

    /// Examples with the findings located in each (from its line to the next example's).
    pub fn examples(&self, op: &Operation, findings: &[&Finding]) -> Vec<ExampleView> {
        let mut starts: Vec<u32> = op.examples.iter().map(|e| e.line).collect();
        starts.sort_unstable();
        op.examples
            .iter()
            .map(|e| {
                let end = starts
                    .iter()
                    .find(|s| **s > e.line)
                    .copied()
                    .unwrap_or(u32::MAX);
                let kind = match e.kind {
                    errdex_core::kb::ExampleKind::Request => "Request",
                    errdex_core::kb::ExampleKind::Response => "Response",
                };
                ExampleView {
                    label: match e.status {
                        Some(status) => format!("{kind} {status}"),
                        None => kind.to_string(),
                    },
                    place: self.place(&op.source, e.line),
                    pieces: highlight(&e.value),
                    findings: findings
                        .iter()
                        .filter(|f| {
                            f.locations.first().is_some_and(|l| {
                                l.source == op.source && l.line >= e.line && l.line < end
                            })
                        })
                        .map(|f| self.finding(f))
                        .collect(),
                }
            })
            .collect()
    }

    /// The rows of a service's error-code table: one per definition.
    pub fn code_rows(&self, service: &str) -> Vec<CodeRow> {
        let mut rows = Vec::new();
        for code in self.kb.error_codes.iter().filter(|c| c.service == service) {
            let Some(link) = self.code_link(&code.code) else {
                continue;
            };
            let conflict = self.findings_for_code(code).iter().any(|f| {
                f.is_conflict()
                    && f.code.as_deref().map(canonical_code) == Some(canonical_code(&code.code))
            });
            for d in &code.definitions {
                rows.push(CodeRow {
                    code: link.clone(),
                    definition: self.definition(d),
                    conflict,
                    retired: code.retired.as_ref().map(|r| r.reason()),
                });
            }
        }
        rows
    }
}

/// `METHOD path`, the way enumerations name their operation.
pub fn operation_key(op: &Operation) -> String {
    format!("{} {}", op.method, op.path)
}

/// A service's display name ([`NO_SERVICE`] shows as `Unassigned`).
pub fn service_name(service: &str) -> String {
    if service == NO_SERVICE {
        "Unassigned".to_string()
    } else {
        service.to_string()
    }
}

/// The status cell as shown: the number, else the raw text, else a dash.
pub fn status_label(d: &Definition) -> String {
    match (d.http_status, &d.status_text) {
        (Some(status), _) => status.to_string(),
        (None, Some(text)) if !text.trim().is_empty() => text.clone(),
        _ => "—".to_string(),
    }
}

/// Groups a code's definitions by their message, in source order of first use.
pub fn wordings(model: &SiteModel, code: &ErrorCode) -> Vec<Wording> {
    let mut wordings: Vec<Wording> = Vec::new();
    for d in &code.definitions {
        let place = model.place(&d.source, d.line);
        match wordings.iter_mut().find(|w| w.text == d.message) {
            Some(w) => w.places.push(place),
            None => wordings.push(Wording {
                text: d.message.clone(),
                places: vec![place],
            }),
        }
    }
    wordings
}

fn required_label(required: Option<bool>) -> &'static str {
    match required {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    }
}

fn with_extras(description: &str, default: Option<&str>, range: Option<&str>) -> String {
    let mut text = description.to_string();
    for (label, value) in [("Default", default), ("Range", range)] {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            text.push_str(&format!(" {label}: {value}."));
        }
    }
    text
}

fn object_anchor(name: &str) -> String {
    format!("object-{}", crate::paths::file_stem(name))
}

fn object_link(op: &Operation, object: Option<&str>) -> Option<Link> {
    let name = object?;
    op.objects.iter().any(|o| o.name == name).then(|| Link {
        href: format!("#{}", object_anchor(name)),
        text: name.to_string(),
    })
}

fn field_view(op: &Operation, f: &Field) -> FieldView {
    FieldView {
        name: f.name.clone(),
        type_name: f.type_name.clone().unwrap_or_default(),
        required: required_label(f.required),
        description: f.description.clone(),
        object: object_link(op, f.object.as_deref()),
    }
}

/// The id of a line's row on its source page: `L170`.
pub fn line_anchor(line: u32) -> String {
    format!("L{line}")
}
