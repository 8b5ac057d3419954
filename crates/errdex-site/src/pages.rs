//! The askama templates (in `templates/site/`) and the data each one prints.
//!
//! Every page has `root`, the way back to the site root (`""` or `"../"`), so links stay
//! relative and the site works from `file://` and from any folder of a static host.

use askama::Template;

use crate::model::{
    CodeRow, ConflictView, DefinitionView, EnumView, ExampleView, FindingView, Link, MeaningView,
    MentionView, ObjectView, ParameterGroup, Place, Related, ResponseView, Wording,
};

/// A service on the start page.
#[derive(Debug, Clone)]
pub struct ServiceSummary {
    /// The service page.
    pub link: Link,
    /// Error codes.
    pub codes: usize,
    /// Operations.
    pub operations: usize,
    /// Enumerations.
    pub enums: usize,
}

/// A source on the start page.
#[derive(Debug, Clone)]
pub struct SourceSummary {
    /// The source page (text: id).
    pub link: Link,
    /// Title.
    pub title: String,
    /// Format.
    pub format: String,
    /// Language.
    pub language: String,
}

/// A count of findings of one kind and severity.
#[derive(Debug, Clone)]
pub struct FindingCount {
    /// Kind.
    pub kind: String,
    /// Severity.
    pub severity: &'static str,
    /// How many.
    pub count: usize,
}

/// `index.html`.
#[derive(Template)]
#[template(path = "site/index.html")]
pub struct IndexPage {
    /// Way back to the site root.
    pub root: &'static str,
    /// `<title>`.
    pub page_title: String,
    /// Open conflicts (error-level conflict findings).
    pub conflicts: Vec<FindingView>,
    /// Services.
    pub services: Vec<ServiceSummary>,
    /// Sources.
    pub sources: Vec<SourceSummary>,
    /// Findings by kind and severity.
    pub finding_counts: Vec<FindingCount>,
    /// Totals: codes, operations, enumerations, findings.
    pub totals: (usize, usize, usize, usize),
}

/// `services/X.html`.
#[derive(Template)]
#[template(path = "site/service.html")]
pub struct ServicePage {
    /// Way back to the site root.
    pub root: &'static str,
    /// `<title>`.
    pub page_title: String,
    /// Service name.
    pub name: String,
    /// Error-code table rows.
    pub rows: Vec<CodeRow>,
    /// Distinct statuses for the filter.
    pub statuses: Vec<String>,
    /// Operations.
    pub operations: Vec<Link>,
    /// Enumerations.
    pub enums: Vec<EnumView>,
}

/// `codes/X.html`.
#[derive(Template)]
#[template(path = "site/code.html")]
pub struct CodePage {
    /// Way back to the site root.
    pub root: &'static str,
    /// `<title>`.
    pub page_title: String,
    /// The code as written.
    pub code: String,
    /// Its service.
    pub service: Option<Link>,
    /// The meaning errdex states, when the code is defined.
    pub meaning: Option<MeaningView>,
    /// Every definition.
    pub definitions: Vec<DefinitionView>,
    /// Conflicts (meaning or status) side by side.
    pub conflicts: Vec<ConflictView>,
    /// Possible conflicts side by side: worded so differently that a person should look.
    pub questions: Vec<ConflictView>,
    /// Message wordings (shown when there are several).
    pub wordings: Vec<Wording>,
    /// Related codes.
    pub related: Vec<Related>,
    /// Uses in prose and examples.
    pub mentions: Vec<MentionView>,
    /// Every finding about the code.
    pub findings: Vec<FindingView>,
    /// Why the code is retired, when a build with a baseline kept it.
    pub retired: Option<String>,
}

/// `operations/X.html`.
#[derive(Template)]
#[template(path = "site/operation.html")]
pub struct OperationPage {
    /// Way back to the site root.
    pub root: &'static str,
    /// `<title>`.
    pub page_title: String,
    /// Method.
    pub method: String,
    /// Path template.
    pub path: String,
    /// Section title.
    pub title: String,
    /// Where it is documented.
    pub place: Place,
    /// Its service.
    pub service: Option<Link>,
    /// Parameters by location.
    pub parameter_groups: Vec<ParameterGroup>,
    /// Responses by status.
    pub responses: Vec<ResponseView>,
    /// Nested objects.
    pub objects: Vec<ObjectView>,
    /// Enumerations.
    pub enums: Vec<EnumView>,
    /// JSON examples.
    pub examples: Vec<ExampleView>,
    /// Findings in its part of the source not shown with an example.
    pub findings: Vec<FindingView>,
}

/// A group of findings of one kind and severity.
#[derive(Debug, Clone)]
pub struct FindingGroup {
    /// Element id.
    pub anchor: String,
    /// Kind.
    pub kind: String,
    /// What the kind means.
    pub description: String,
    /// Severity.
    pub severity: &'static str,
    /// The findings.
    pub findings: Vec<FindingView>,
}

/// `findings.html`.
#[derive(Template)]
#[template(path = "site/findings.html")]
pub struct FindingsPage {
    /// Way back to the site root.
    pub root: &'static str,
    /// `<title>`.
    pub page_title: String,
    /// Groups, errors first.
    pub groups: Vec<FindingGroup>,
}

/// A code defined in a source.
#[derive(Debug, Clone)]
pub struct SourceCode {
    /// Line.
    pub line: u32,
    /// The code page.
    pub link: Link,
    /// Status as shown.
    pub status: String,
    /// Message.
    pub message: String,
}

/// `sources/X.html`.
#[derive(Template)]
#[template(path = "site/source.html")]
pub struct SourcePage {
    /// Way back to the site root.
    pub root: &'static str,
    /// `<title>`.
    pub page_title: String,
    /// Id.
    pub id: String,
    /// Path as given.
    pub path: String,
    /// Title.
    pub title: String,
    /// Format.
    pub format: String,
    /// Language.
    pub language: String,
    /// SHA-256.
    pub sha256: String,
    /// Its service.
    pub service: Option<Link>,
    /// Codes defined.
    pub codes: Vec<SourceCode>,
    /// Operations, with their lines.
    pub operations: Vec<(u32, Link)>,
    /// Enumerations.
    pub enums: Vec<EnumView>,
    /// Codes used outside tables.
    pub mentions: Vec<MentionView>,
    /// Findings located here.
    pub findings: Vec<FindingView>,
    /// The page on the web (`source_url` at its first line).
    pub upstream: Option<String>,
    /// Whether the lines have upstream addresses (`source_url` is set).
    pub has_upstream: bool,
    /// Every line something on the site points to, in order: the targets of `path:line`
    /// links.
    pub lines: Vec<SourceLine>,
}

/// A line of a source that a fact or finding sits on (`id="L170"` on the source page).
#[derive(Debug, Clone)]
pub struct SourceLine {
    /// 1-based line.
    pub line: u32,
    /// `L170`.
    pub anchor: String,
    /// What is there: `defines CSS.6007`, `finding meaning-conflict`, …
    pub what: Vec<String>,
    /// The line on the web (`source_url`).
    pub upstream: Option<String>,
}

/// `search.html`: full results for `?q=`.
#[derive(Template)]
#[template(path = "site/search.html")]
pub struct SearchPage {
    /// Way back to the site root.
    pub root: &'static str,
    /// `<title>`.
    pub page_title: String,
}
