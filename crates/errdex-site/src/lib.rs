//! The static HTML reference site (`generated/site/`): every code, operation, enumeration and
//! finding, searchable offline.
//!
//! Steps:
//! 1. Name every page ([`paths::Addresses`]): stable, readable, file-system-safe addresses.
//! 2. Index the knowledge base for the pages ([`model::SiteModel`]): findings by code and by
//!    operation, mentions, enumerations by operation.
//! 3. Render each page with its askama template ([`pages`], `templates/site/`); askama escapes
//!    every string, so text from the docs can never become markup.
//! 4. Write the search index ([`search`]) as small scripts, and the stylesheet and script
//!    built into the binary, so the site needs no network and works from `file://`.
//!
//! Output is a pure function of the knowledge base: sorted, no timestamps.

pub mod json_view;
pub mod model;
pub mod pages;
pub mod paths;
pub mod search;

use std::collections::BTreeMap;

use askama::Template;
use rayon::prelude::*;

use errdex_core::kb::FindingKind;
use errdex_core::kb::{Finding, KnowledgeBase, Severity};

use errdex_search::docs::{Target, search_docs};
use model::{SiteModel, service_name, status_label, wordings};
use pages::{
    CodePage, FindingCount, FindingGroup, FindingsPage, IndexPage, OperationPage, SearchPage,
    ServicePage, ServiceSummary, SourceCode, SourceLine, SourcePage, SourceSummary,
};
use paths::{NO_SERVICE, services_of};
use search::SiteDoc;

/// The stylesheet.
pub const SITE_CSS: &str = include_str!("../../../assets/site/site.css");

/// The page script: search as you type, table sorting and filtering.
pub const SEARCH_JS: &str = include_str!("../../../assets/site/search.js");

/// Root prefix for pages at the site root.
const AT_ROOT: &str = "";

/// Root prefix for pages one folder down.
const ONE_DOWN: &str = "../";

/// Pages rendered side by side before they are handed on: enough to keep both cores busy,
/// few enough that the site is never held in memory at once.
const RENDER_CHUNK: usize = 256;

/// The site as an output of `errdex build`, under `site/`.
#[derive(Debug, Clone, Copy, Default)]
pub struct SiteRenderer;

impl errdex_core::Renderer for SiteRenderer {
    fn name(&self) -> &'static str {
        "site"
    }

    fn render(
        &self,
        context: &errdex_core::RenderContext<'_>,
        outputs: &mut errdex_core::emit::Outputs,
    ) -> errdex_core::Result<()> {
        emit_site(context.kb, &mut |path, content| {
            outputs.add(std::path::Path::new("site").join(path), content);
        });
        Ok(())
    }
}

/// Renders every file of the site and hands each to `emit` (path relative to the site folder,
/// content) as soon as its chunk is rendered. The order of the calls is fixed but not sorted;
/// the content is a pure function of the knowledge base.
pub fn emit_site(kb: &KnowledgeBase, emit: &mut dyn FnMut(String, Vec<u8>)) {
    let model = SiteModel::new(kb);
    let mut give = |path: String, content: String| emit(path, content.into_bytes());
    give("assets/site.css".to_string(), SITE_CSS.to_string());
    give("assets/search.js".to_string(), SEARCH_JS.to_string());
    give("index.html".to_string(), render(&index_page(&model)));
    give("findings.html".to_string(), render(&findings_page(&model)));
    give(
        "search.html".to_string(),
        render(&SearchPage {
            root: AT_ROOT,
            page_title: "Search".to_string(),
        }),
    );
    for service in services_of(kb) {
        if let Some(path) = model.addresses.service(&service) {
            give(path.to_string(), render(&service_page(&model, &service)));
        }
    }
    render_chunked(&kb.error_codes, &mut give, |code| {
        let path = model.addresses.code(&code.code)?;
        Some((path.to_string(), render(&code_page(&model, code))))
    });
    let operations: Vec<usize> = (0..kb.operations.len()).collect();
    render_chunked(&operations, &mut give, |&index| {
        let path = model.addresses.operation(index)?;
        let page = operation_page(&model, index)?;
        Some((path.to_string(), render(&page)))
    });
    render_chunked(&source_pages(&model), &mut give, |(path, page)| {
        Some((path.clone(), render(page)))
    });
    let docs = search_docs(kb);
    let site_docs: Vec<SiteDoc<'_>> = docs
        .iter()
        .map(|doc| SiteDoc {
            doc,
            url: search_target(&model, &doc.target),
        })
        .collect();
    for (path, content) in search::index_files(&site_docs) {
        give(path, content);
    }
}

/// Renders `items` a chunk at a time, in parallel within a chunk, and gives each page on in
/// item order.
fn render_chunked<T: Sync>(
    items: &[T],
    give: &mut impl FnMut(String, String),
    page: impl Fn(&T) -> Option<(String, String)> + Sync,
) {
    for chunk in items.chunks(RENDER_CHUNK) {
        let rendered: Vec<Option<(String, String)>> = chunk.par_iter().map(&page).collect();
        for (path, content) in rendered.into_iter().flatten() {
            give(path, content);
        }
    }
}

/// Renders a page; a template error (which the compiler already rules out for these types)
/// becomes a visible comment rather than a panic.
fn render(page: &impl Template) -> String {
    page.render()
        .unwrap_or_else(|err| format!("<!-- template error: {err} -->\n"))
}

fn index_page(model: &SiteModel) -> IndexPage {
    let kb = model.kb;
    let services = services_of(kb)
        .into_iter()
        .filter_map(|service| {
            let in_service = |s: Option<&str>| s.unwrap_or(NO_SERVICE) == service;
            Some(ServiceSummary {
                link: model.service_link(&service)?,
                codes: kb
                    .error_codes
                    .iter()
                    .filter(|c| c.service == service)
                    .count(),
                operations: kb
                    .operations
                    .iter()
                    .filter(|o| in_service(o.service.as_deref()))
                    .count(),
                enums: kb
                    .enums
                    .iter()
                    .filter(|e| in_service(e.service.as_deref()))
                    .count(),
            })
        })
        .collect();
    let sources = kb
        .sources
        .iter()
        .filter_map(|s| {
            Some(SourceSummary {
                link: model::Link {
                    href: model.addresses.source(&s.id)?.to_string(),
                    text: s.id.clone(),
                },
                title: s.title.clone().unwrap_or_default(),
                format: s.format.clone(),
                language: s.language.clone(),
            })
        })
        .collect();
    let mut counts: BTreeMap<(Severity, &str), usize> = BTreeMap::new();
    for f in &kb.findings {
        *counts.entry((f.severity, f.kind.id())).or_default() += 1;
    }
    IndexPage {
        root: AT_ROOT,
        page_title: "Error-code reference".to_string(),
        conflicts: kb
            .findings
            .iter()
            .filter(|f| f.is_conflict() && f.severity == Severity::Error)
            .map(|f| model.finding(f))
            .collect(),
        services,
        sources,
        finding_counts: counts
            .into_iter()
            .map(|((severity, kind), count)| FindingCount {
                kind: kind.to_string(),
                severity: severity.as_str(),
                count,
            })
            .collect(),
        totals: (
            kb.error_codes.len(),
            kb.operations.len(),
            kb.enums.len(),
            kb.findings.len(),
        ),
    }
}

fn service_page(model: &SiteModel, service: &str) -> ServicePage {
    let kb = model.kb;
    let rows = model.code_rows(service);
    let mut statuses: Vec<String> = rows.iter().map(|r| r.definition.status.clone()).collect();
    statuses.sort();
    statuses.dedup();
    ServicePage {
        root: ONE_DOWN,
        page_title: service_name(service),
        name: service_name(service),
        rows,
        statuses,
        operations: (0..kb.operations.len())
            .filter(|i| kb.operations[*i].service.as_deref().unwrap_or(NO_SERVICE) == service)
            .filter_map(|i| model.operation_link(i))
            .collect(),
        enums: kb
            .enums
            .iter()
            .enumerate()
            .filter(|(_, e)| e.service.as_deref().unwrap_or(NO_SERVICE) == service)
            .map(|(i, e)| model.enumeration(i, e))
            .collect(),
    }
}

fn code_page(model: &SiteModel, code: &errdex_core::kb::ErrorCode) -> CodePage {
    let findings = model.findings_for_code(code);
    CodePage {
        root: ONE_DOWN,
        page_title: code.code.clone(),
        code: code.code.clone(),
        service: model.service_link(&code.service),
        meaning: model.meaning(code),
        definitions: code
            .definitions
            .iter()
            .map(|d| model.definition(d))
            .collect(),
        conflicts: model.sides(code, &findings, Finding::is_conflict),
        questions: model.sides(code, &findings, |f| {
            f.kind == FindingKind::PossibleConflict && f.severity != Severity::Note
        }),
        wordings: wordings(model, code),
        related: model.related(code, &findings),
        mentions: model.mentions(code),
        findings: findings.iter().map(|f| model.finding(f)).collect(),
        retired: code.retired.as_ref().map(|r| r.reason()),
    }
}

fn operation_page(model: &SiteModel, index: usize) -> Option<OperationPage> {
    let op = model.kb.operations.get(index)?;
    let findings = model.operation_findings(index);
    let examples = model.examples(op, &findings);
    let shown: Vec<&model::FindingView> = examples.iter().flat_map(|e| &e.findings).collect();
    let rest = findings
        .iter()
        .map(|f| model.finding(f))
        .filter(|f| !shown.contains(&f))
        .collect();
    Some(OperationPage {
        root: ONE_DOWN,
        page_title: format!("{} {}", op.method, op.path),
        method: op.method.clone(),
        path: op.path.clone(),
        title: op.title.clone().unwrap_or_default(),
        place: model.place(&op.source, op.line),
        service: model.service_link(op.service.as_deref().unwrap_or(NO_SERVICE)),
        parameter_groups: model.parameter_groups(op),
        responses: model.responses(op),
        objects: model.objects(op),
        enums: model.operation_enums(index),
        examples,
        findings: rest,
    })
}

fn findings_page(model: &SiteModel) -> FindingsPage {
    // Grouped by severity, then by kind id in alphabetical order.
    let mut groups: BTreeMap<(Severity, &str), (FindingKind, Vec<model::FindingView>)> =
        BTreeMap::new();
    for f in &model.kb.findings {
        groups
            .entry((f.severity, f.kind.id()))
            .or_insert_with(|| (f.kind, Vec::new()))
            .1
            .push(model.finding(f));
    }
    FindingsPage {
        root: AT_ROOT,
        page_title: "Findings".to_string(),
        groups: groups
            .into_iter()
            .map(|((severity, id), (kind, findings))| FindingGroup {
                anchor: format!("{}-{id}", severity.as_str()),
                description: kind.description().to_string(),
                kind: id.to_string(),
                severity: severity.as_str(),
                findings,
            })
            .collect(),
    }
}

/// Every source page, built in one pass over the knowledge base.
fn source_pages<'kb>(model: &SiteModel<'kb>) -> Vec<(String, SourcePage)> {
    let kb: &'kb KnowledgeBase = model.kb;
    let mut pages: BTreeMap<&str, SourcePage> = BTreeMap::new();
    // Per source, what sits on each line that some page links to.
    let mut lines: BTreeMap<&str, BTreeMap<u32, Vec<String>>> = BTreeMap::new();
    let mut at = |source: &'kb str, line: u32, what: String| {
        lines
            .entry(source)
            .or_default()
            .entry(line)
            .or_default()
            .push(what);
    };
    for code in &kb.error_codes {
        for d in &code.definitions {
            at(&d.source, d.line, format!("defines {}", code.code));
        }
    }
    for op in &kb.operations {
        at(
            &op.source,
            op.line,
            format!("operation {} {}", op.method, op.path),
        );
        for e in &op.examples {
            at(
                &op.source,
                e.line,
                format!("example of {} {}", op.method, op.path),
            );
        }
    }
    for e in &kb.enums {
        at(&e.source, e.line, format!("enumeration {}", e.name));
    }
    for m in &kb.mentions {
        at(&m.source, m.line, format!("mentions {}", m.text));
    }
    for f in &kb.findings {
        for l in &f.locations {
            at(&l.source, l.line, format!("finding {}", f.kind.id()));
        }
    }
    for source in &kb.sources {
        pages.insert(source.id.as_str(), empty_source_page(model, source));
    }
    for code in &kb.error_codes {
        for d in &code.definitions {
            if let (Some(page), Some(link)) = (
                pages.get_mut(d.source.as_str()),
                model.code_link(&code.code),
            ) {
                page.codes.push(SourceCode {
                    line: d.line,
                    link,
                    status: status_label(d),
                    message: d.message.clone(),
                });
            }
        }
    }
    for (i, op) in kb.operations.iter().enumerate() {
        if let (Some(page), Some(link)) =
            (pages.get_mut(op.source.as_str()), model.operation_link(i))
        {
            page.operations.push((op.line, link));
        }
    }
    for (i, e) in kb.enums.iter().enumerate() {
        if let Some(page) = pages.get_mut(e.source.as_str()) {
            page.enums.push(model.enumeration(i, e));
        }
    }
    for m in &kb.mentions {
        if let Some(page) = pages.get_mut(m.source.as_str()) {
            page.mentions.push(model::MentionView {
                place: model.place(&m.source, m.line),
                context: m.context.clone(),
                text: m.text.clone(),
                operation: None,
            });
        }
    }
    for f in &kb.findings {
        let mut sources: Vec<&str> = f.locations.iter().map(|l| l.source.as_str()).collect();
        sources.sort_unstable();
        sources.dedup();
        for source in sources {
            if let Some(page) = pages.get_mut(source) {
                page.findings.push(model.finding(f));
            }
        }
    }
    for (id, by_line) in lines {
        if let Some(page) = pages.get_mut(id) {
            page.lines = by_line
                .into_iter()
                .map(|(line, mut what)| {
                    what.dedup();
                    SourceLine {
                        line,
                        anchor: model::line_anchor(line),
                        what,
                        upstream: model.place(id, line).upstream,
                    }
                })
                .collect();
        }
    }
    pages
        .into_iter()
        .filter_map(|(id, mut page)| {
            page.codes
                .sort_by(|a, b| (a.line, &a.link.text).cmp(&(b.line, &b.link.text)));
            Some((model.addresses.source(id)?.to_string(), page))
        })
        .collect()
}

fn empty_source_page(model: &SiteModel, source: &errdex_core::kb::Source) -> SourcePage {
    SourcePage {
        root: ONE_DOWN,
        page_title: source.title.clone().unwrap_or_else(|| source.id.clone()),
        id: source.id.clone(),
        path: source.path.clone(),
        title: source.title.clone().unwrap_or_default(),
        format: source.format.clone(),
        language: source.language.clone(),
        sha256: source.sha256.clone(),
        service: source
            .service
            .as_deref()
            .and_then(|s| model.service_link(s)),
        codes: Vec::new(),
        operations: Vec::new(),
        enums: Vec::new(),
        mentions: Vec::new(),
        findings: Vec::new(),
        upstream: model.place(&source.id, 1).upstream,
        has_upstream: model.kb.source_url.is_some(),
        lines: Vec::new(),
    }
}

/// The address of a search document's page (empty when it has none).
fn search_target(model: &SiteModel, target: &Target) -> String {
    let kb = model.kb;
    let address = match target {
        Target::Code(code) => model.addresses.code(code).map(str::to_string),
        Target::Operation(index) => model.addresses.operation(*index).map(str::to_string),
        Target::Enumeration(index) => kb
            .enums
            .get(*index)
            .and_then(|e| model.enumeration_href(*index, e)),
        Target::Source(id) => model.addresses.source(id).map(str::to_string),
    };
    address.unwrap_or_default()
}
