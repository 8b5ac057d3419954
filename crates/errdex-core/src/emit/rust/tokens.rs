//! The crate plan as Rust tokens: the shared root items, each service module's items, and the
//! generated crate's tests. Printing is [`super::print`]'s job.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use super::docs::{code_span, escape_markdown, markdown_lines};
use super::ident::unraw;
use super::model::{
    CodePlan, CratePlan, EnumPlan, FieldPlan, FieldType, ModulePlan, StructPlan, VariantPlan,
};
use crate::kb::Definition;

/// An identifier token for a planned identifier (`r#type` becomes a raw identifier). The
/// planner only makes valid identifiers; anything else becomes `invalid_identifier` rather than
/// a panic.
pub fn ident(name: &str) -> Ident {
    syn::parse_str::<Ident>(name)
        .unwrap_or_else(|_| Ident::new("invalid_identifier", Span::call_site()))
}

/// `#[doc = "…"]` attributes, one per line.
pub fn doc_attrs(lines: &[String]) -> TokenStream {
    quote! { #( #[doc = #lines] )* }
}

/// `#![doc = "…"]` attributes, one per line.
pub fn inner_doc_attrs(lines: &[String]) -> TokenStream {
    quote! { #( #![doc = #lines] )* }
}

fn opt_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(text) => quote! { Some(#text) },
        None => quote! { None },
    }
}

fn opt_u16(value: Option<u16>) -> TokenStream {
    match value {
        Some(number) => {
            let number = Literal::u16_unsuffixed(number);
            quote! { Some(#number) }
        }
        None => quote! { None },
    }
}

/// Items shared by every module: `Meaning`, `UnknownCode`, `canonical_code`.
pub fn root_items() -> TokenStream {
    quote! {
        /// One documented meaning of an error code: a table row, with where it is.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct Meaning {
            /// Source document id.
            pub source: &'static str,
            /// 1-based line of the row.
            pub line: u32,
            /// The code exactly as this row writes it.
            pub code_text: &'static str,
            /// HTTP status, when the row gives exactly one number.
            pub http_status: Option<u16>,
            /// The status cell as written when it is not exactly one number.
            pub status_text: Option<&'static str>,
            /// The message.
            pub message: &'static str,
            /// The description, where the table has one besides the message.
            pub description: Option<&'static str>,
            /// What to do.
            pub solution: Option<&'static str>,
            /// The module or sub-service column, where the table has one.
            pub module: Option<&'static str>,
        }

        /// A string that is not a documented error code of the service it was parsed for.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct UnknownCode {
            service: &'static str,
            input: String,
        }

        impl UnknownCode {
            /// The error for `input`, which is not a code of `service`.
            pub fn new(service: &'static str, input: &str) -> Self {
                UnknownCode { service, input: input.to_owned() }
            }

            /// The service whose codes were searched.
            pub fn service(&self) -> &'static str {
                self.service
            }

            /// The string that was parsed.
            pub fn input(&self) -> &str {
                &self.input
            }
        }

        impl std::fmt::Display for UnknownCode {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "`{}` is not a documented {} error code", self.input, self.service)
            }
        }

        impl std::error::Error for UnknownCode {}

        /// The canonical form of a code for lookups: letters and digits only, upper case
        /// (`css.6007`, `CSS-6007` and `css6007` all give `CSS6007`).
        pub fn canonical_code(code: &str) -> String {
            code.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_uppercase)
                .collect()
        }
    }
}

/// The items of one service module.
pub fn module_items(module: &ModulePlan, authority_rule: &str) -> TokenStream {
    let codes = error_code_items(module, authority_rule);
    let enums = module.enums.iter().map(enum_items);
    let structs = module.structs.iter().map(|plan| struct_items(plan, module));
    // Retired entries are deprecated for users of the crate, not for the crate itself.
    let allow = match module.has_retired() {
        true => quote! { #![allow(deprecated)] },
        false => TokenStream::new(),
    };
    quote! {
        #allow
        #codes
        #( #enums )*
        #( #structs )*
    }
}

fn error_code_items(module: &ModulePlan, authority_rule: &str) -> TokenStream {
    if module.codes.is_empty() {
        return TokenStream::new();
    }
    let service = module.service.as_str();
    let enum_doc = doc_attrs(&markdown_lines(&[
        format!(
            "The documented error codes of {}.",
            escape_markdown(service)
        ),
        "`Display` and serde write the code as documented; `FromStr` and serde accept any \
         spelling with the same letters and digits (`CSS.6007`, `css.6007`, `CSS-6007`, \
         `css6007`)."
            .to_string(),
        format!(
            "Where definitions disagree, `meaning()` is the one errdex states: {}; `meanings()` lists them all.",
            escape_markdown(authority_rule)
        ),
    ]));
    let variants = module.codes.iter().map(|code| {
        let docs = doc_attrs(&code_doc(code));
        let variant = ident(&code.ident);
        let deprecated = deprecated(code.retired.as_deref());
        quote! { #docs #deprecated #variant }
    });
    let all = module.codes.iter().map(|code| {
        let variant = ident(&code.ident);
        quote! { ErrorCode::#variant }
    });
    let entries = module.codes.iter().map(code_entry);
    let mut by_canonical: Vec<&CodePlan> = module.codes.iter().collect();
    by_canonical.sort_by(|a, b| a.canonical.cmp(&b.canonical));
    let lookup = by_canonical.iter().map(|code| {
        let canonical = code.canonical.as_str();
        let variant = ident(&code.ident);
        quote! { (#canonical, ErrorCode::#variant) }
    });
    let count = Literal::usize_unsuffixed(module.codes.len());
    quote! {
        #enum_doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ErrorCode {
            #( #variants, )*
        }

        impl ErrorCode {
            /// Every documented code, sorted by code.
            pub const ALL: &'static [ErrorCode] = &[ #( #all ),* ];

            /// The code as documented (`CSS.6007`).
            pub fn code(self) -> &'static str {
                self.entry().code
            }

            /// The meaning errdex states (the rule is in the enum's documentation).
            pub fn meaning(self) -> &'static super::Meaning {
                let entry = self.entry();
                &entry.meanings[entry.authoritative]
            }

            /// Every documented meaning, in source order.
            pub fn meanings(self) -> &'static [super::Meaning] {
                self.entry().meanings
            }

            /// Whether the documents give this code different meanings or HTTP statuses, as
            /// `errdex check` judged them (a meaning or status conflict; wording variants do
            /// not count).
            pub fn has_conflicting_meanings(self) -> bool {
                self.entry().conflicting
            }

            /// The message of `meaning()`.
            pub fn message(self) -> &'static str {
                self.meaning().message
            }

            /// The solution of `meaning()`, if documented.
            pub fn solution(self) -> Option<&'static str> {
                self.meaning().solution
            }

            /// The HTTP status of `meaning()`, if documented as one number.
            pub fn http_status(self) -> Option<u16> {
                self.meaning().http_status
            }

            fn entry(self) -> &'static CodeEntry {
                &CODE_ENTRIES[self as usize]
            }
        }

        /// What is known about one code, indexed by the variant's position.
        struct CodeEntry {
            code: &'static str,
            authoritative: usize,
            conflicting: bool,
            meanings: &'static [super::Meaning],
        }

        static CODE_ENTRIES: [CodeEntry; #count] = [ #( #entries ),* ];

        /// Canonical form → code, sorted for binary search.
        static BY_CANONICAL: [(&str, ErrorCode); #count] = [ #( #lookup ),* ];

        impl std::fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for ErrorCode {
            type Err = super::UnknownCode;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let canonical = super::canonical_code(text);
                BY_CANONICAL
                    .binary_search_by(|(key, _)| (*key).cmp(canonical.as_str()))
                    .map(|found| BY_CANONICAL[found].1)
                    .map_err(|_| super::UnknownCode::new(#service, text))
            }
        }

        impl serde::Serialize for ErrorCode {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for ErrorCode {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    }
}

fn code_entry(code: &CodePlan) -> TokenStream {
    let text = code.code.as_str();
    let authoritative = Literal::usize_unsuffixed(code.authoritative);
    let conflicting = code.conflicting;
    let meanings = code.meanings.iter().map(meaning_tokens);
    quote! {
        CodeEntry {
            code: #text,
            authoritative: #authoritative,
            conflicting: #conflicting,
            meanings: &[ #( #meanings ),* ],
        }
    }
}

fn meaning_tokens(meaning: &Definition) -> TokenStream {
    let source = meaning.source.as_str();
    let line = Literal::u32_unsuffixed(meaning.line);
    let code_text = meaning.code_text.as_str();
    let http_status = opt_u16(meaning.http_status);
    let status_text = opt_str(meaning.status_text.as_deref());
    let message = meaning.message.as_str();
    let description = opt_str(meaning.description.as_deref());
    let solution = opt_str(meaning.solution.as_deref());
    let module = opt_str(meaning.module.as_deref());
    quote! {
        super::Meaning {
            source: #source,
            line: #line,
            code_text: #code_text,
            http_status: #http_status,
            status_text: #status_text,
            message: #message,
            description: #description,
            solution: #solution,
            module: #module,
        }
    }
}

/// The doc comment of one code: the meaning errdex states, then every other one with its
/// source.
fn code_doc(code: &CodePlan) -> Vec<String> {
    let stated = &code.meanings[code.authoritative];
    let mut paragraphs = vec![format!(
        "{}: {}",
        code_span(&code.code),
        escape_markdown(&stated.message)
    )];
    if let Some(solution) = &stated.solution {
        paragraphs.push(format!("Solution: {}", escape_markdown(solution)));
    }
    if let Some(status) = status_of(stated) {
        paragraphs.push(format!("HTTP status: {}", escape_markdown(&status)));
    }
    if code.meanings.len() > 1 && !code.agreement.is_empty() {
        paragraphs.push(format!("Sources: {}.", escape_markdown(&code.agreement)));
    }
    let wordings: BTreeSet<&str> = code.meanings.iter().map(|m| m.message.trim()).collect();
    let heading = if code.conflicting || code.differing {
        Some(format!(
            "The documents disagree on this code ({} definitions); the meaning above is the one errdex states. All of them:",
            code.meanings.len()
        ))
    } else if wordings.len() > 1 {
        Some(
            "The documents word this code differently, with the same meaning. Every wording:"
                .to_string(),
        )
    } else {
        None
    };
    match heading {
        Some(heading) => {
            paragraphs.push(heading);
            paragraphs.extend(code.meanings.iter().map(|meaning| {
                let status = status_of(meaning).map_or(String::new(), |s| format!(" (HTTP {s})"));
                let solution = meaning
                    .solution
                    .as_ref()
                    .map_or(String::new(), |s| format!(" Solution: {s}"));
                format!(
                    "- {}",
                    escape_markdown(&format!(
                        "{}{status}: {}{solution}",
                        location(meaning),
                        meaning.message
                    ))
                )
            }));
        }
        None => {
            let sources: Vec<String> = code.meanings.iter().map(location).collect();
            paragraphs.push(format!("Source: {}", escape_markdown(&sources.join("; "))));
        }
    }
    let spellings: Vec<String> = code.spellings.iter().map(|s| code_span(s)).collect();
    paragraphs.push(format!(
        "Spellings in the documents: {}",
        spellings.join(", ")
    ));
    markdown_lines(&paragraphs)
}

fn status_of(meaning: &Definition) -> Option<String> {
    meaning
        .http_status
        .map(|s| s.to_string())
        .or_else(|| meaning.status_text.clone())
}

fn location(meaning: &Definition) -> String {
    format!("{} line {}", meaning.source, meaning.line)
}

fn enum_items(plan: &EnumPlan) -> TokenStream {
    let name = ident(&plan.ident);
    let operation = plan
        .operation
        .as_ref()
        .map_or(String::new(), |op| format!(" of {}", code_span(op)));
    let docs = doc_attrs(&markdown_lines(&[
        format!(
            "The documented values of {}{operation}.",
            code_span(&plan.name)
        ),
        format!(
            "Source: {}.",
            escape_markdown(&format!("{} line {}", plan.source, plan.line))
        ),
        "Serialized as the documented string; a value the documents do not list deserializes into `Unknown`."
            .to_string(),
    ]));
    let variants = plan.variants.iter().map(|v| {
        let docs = doc_attrs(&variant_doc(v));
        let variant = ident(&v.ident);
        let deprecated = deprecated(v.retired.as_deref());
        quote! { #docs #deprecated #variant }
    });
    let documented = plan.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        quote! { Self::#variant }
    });
    let as_str = plan.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let value = v.value.as_str();
        quote! { Self::#variant => #value }
    });
    let descriptions = plan.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let description = v.description.as_str();
        quote! { Self::#variant => Some(#description) }
    });
    let from_str = plan.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let value = v.value.as_str();
        quote! { #value => Self::#variant }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #( #variants, )*
            /// A value the documents do not list, as received.
            Unknown(String),
        }

        impl #name {
            /// Every documented value, in documented order.
            pub const DOCUMENTED: &'static [#name] = &[ #( #documented ),* ];

            /// The value as written in JSON.
            pub fn as_str(&self) -> &str {
                match self {
                    #( #as_str, )*
                    Self::Unknown(value) => value,
                }
            }

            /// The documented description; `None` for an unknown value.
            pub fn description(&self) -> Option<&'static str> {
                match self {
                    #( #descriptions, )*
                    Self::Unknown(_) => None,
                }
            }

            /// Whether the value is one the documents list.
            pub fn is_documented(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #from_str, )*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }
    }
}

/// `#[deprecated(note = "retired in …")]` for a retired code or value.
fn deprecated(reason: Option<&str>) -> TokenStream {
    match reason {
        Some(note) => quote! { #[deprecated(note = #note)] },
        None => TokenStream::new(),
    }
}

fn variant_doc(variant: &VariantPlan) -> Vec<String> {
    markdown_lines(&[
        escape_markdown(&variant.description),
        format!("Documented value: {}.", code_span(&variant.value)),
    ])
}

fn struct_items(plan: &StructPlan, module: &ModulePlan) -> TokenStream {
    let name = ident(&plan.ident);
    let docs = doc_attrs(&markdown_lines(&[
        plan.about.clone(),
        format!(
            "Source: {}.",
            escape_markdown(&format!("{} line {}", plan.source, plan.line))
        ),
    ]));
    let fields = plan.fields.iter().map(|field| field_tokens(field, module));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct #name {
            #( #fields, )*
        }
    }
}

fn field_tokens(field: &FieldPlan, module: &ModulePlan) -> TokenStream {
    let mut paragraphs = vec![escape_markdown(&field.description)];
    if let Some(documented) = &field.documented_type {
        paragraphs.push(format!("Documented type: {}.", code_span(documented)));
    }
    paragraphs.extend(field.notes.iter().cloned());
    let docs = doc_attrs(&markdown_lines(&paragraphs));
    let name = ident(&field.ident);
    let json_name = field.name.as_str();
    let rename =
        (unraw(&field.ident) != field.name).then(|| quote! { #[serde(rename = #json_name)] });
    let mut ty = type_tokens(&field.ty, module);
    if field.boxed {
        ty = quote! { Box<#ty> };
    }
    let (ty, optional) = match field.optional {
        true => (
            quote! { Option<#ty> },
            Some(quote! { #[serde(default, skip_serializing_if = "Option::is_none")] }),
        ),
        false => (ty, None),
    };
    quote! {
        #docs
        #rename
        #optional
        pub #name: #ty
    }
}

fn type_tokens(ty: &FieldType, module: &ModulePlan) -> TokenStream {
    match ty {
        FieldType::Integer => quote! { i64 },
        FieldType::Number => quote! { f64 },
        FieldType::Boolean => quote! { bool },
        FieldType::Text => quote! { String },
        FieldType::Json => quote! { serde_json::Value },
        FieldType::Struct(index) => match module.structs.get(*index) {
            Some(target) => {
                let name = ident(&target.ident);
                quote! { #name }
            }
            None => quote! { serde_json::Value },
        },
        FieldType::Enum(index) => match module.enums.get(*index) {
            Some(target) => {
                let name = ident(&target.ident);
                quote! { #name }
            }
            None => quote! { serde_json::Value },
        },
        FieldType::List(inner) => {
            let inner = type_tokens(inner, module);
            quote! { Vec<#inner> }
        }
    }
}

/// Whether the crate plan has anything for a test file about codes.
pub fn has_codes(plan: &CratePlan) -> bool {
    plan.modules.iter().any(|m| !m.codes.is_empty())
}
