//! A service module's `ErrorCode`: one variant per documented code and `Unknown(String)`, its
//! methods reading the module's compact tables, and the tables themselves.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{doc_attrs, ident};
use crate::emit::rust::docs::{code_span, escape_markdown, markdown_lines};
use crate::emit::rust::model::{CodePlan, CratePlan, ModulePlan};
use crate::emit::rust::tables::{NumberTable, StringPool};
use crate::kb::Definition;

/// The `ErrorCode` items of a module; `number` is its service's number in the crate's code
/// index (`None` for a module with no documented codes).
pub fn error_code_items(
    module: &ModulePlan,
    plan: &CratePlan,
    number: Option<usize>,
) -> TokenStream {
    let service = module.service.as_str();
    let enum_doc = doc_attrs(&markdown_lines(&[
        format!("The error codes of {}.", escape_markdown(service)),
        format!(
            "One variant per code the documents define ({}), and `Unknown` for a code they do not: deserializing never fails on a code, `text.parse()` does (strict), `ErrorCode::from_reported` does not.",
            module.codes.len()
        ),
        "`Display` and serde write the code as documented; parsing and serde accept any spelling with the same letters and digits (`CSS.6007`, `css.6007`, `CSS-6007`, `css6007`) and numbers for numeric codes."
            .to_string(),
        format!(
            "Where definitions disagree, `meaning()` is the one errdex states: {}; `meanings()` lists them all.",
            escape_markdown(&plan.authority_rule)
        ),
    ]));
    let variants = module.codes.iter().map(|code| variant_tokens(code, plan));
    let accessors = super::meaning_accessors();
    let all = module.codes.iter().map(|code| {
        let variant = ident(&code.ident);
        quote! { ErrorCode::#variant }
    });
    let index_body = match module.codes.is_empty() {
        true => quote! { match self { Self::Unknown(_) => None } },
        false => {
            let arms = module.codes.iter().enumerate().map(|(position, code)| {
                let variant = ident(&code.ident);
                let position = Literal::usize_unsuffixed(position);
                quote! { Self::#variant => #position }
            });
            quote! {
                Some(match self {
                    #( #arms, )*
                    Self::Unknown(_) => return None,
                })
            }
        }
    };
    let from_str_body = match number {
        Some(number) => {
            let number = Literal::usize_unsuffixed(number);
            quote! {
                super::INDEX
                    .find(&super::canonical_code(text))
                    .find(|(service, _)| *service == #number)
                    .and_then(|(_, index)| Self::ALL.get(index).cloned())
                    .ok_or_else(|| super::UnknownCode::new(Self::SERVICE, text))
            }
        }
        None => quote! { Err(super::UnknownCode::new(Self::SERVICE, text)) },
    };
    // A module of no documented codes has `Unknown` alone: no other arm may be written.
    let (known_code, known_debug) = match module.codes.is_empty() {
        true => (TokenStream::new(), TokenStream::new()),
        false => (
            quote! { known => known.index().map_or("", |index| TABLES.code(index)), },
            quote! { known => f.write_str(known.index().map_or("", |index| TABLES.variant(index))), },
        ),
    };
    let tables = tables_tokens(module, plan);
    quote! {
        #enum_doc
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ErrorCode {
            #( #variants, )*
            /// A code the documents do not list, as received.
            Unknown(String),
        }

        impl ErrorCode {
            /// Every documented code, sorted by code.
            pub const ALL: &'static [ErrorCode] = &[ #( #all ),* ];

            /// The service, as the documents name it.
            pub const SERVICE: &'static str = #service;

            /// The code `text` names in any spelling, or `Unknown` when the documents do not
            /// list it (what deserializing does; `text.parse()` fails instead).
            pub fn from_reported(text: &str) -> Self {
                text.parse().unwrap_or_else(|_| Self::Unknown(text.to_owned()))
            }

            /// Position in `ALL`; `None` for `Unknown`.
            pub(super) fn index(&self) -> Option<usize> {
                #index_body
            }

            /// The code as documented (`CSS.6007`), or as received for `Unknown`.
            pub fn code(&self) -> &str {
                match self {
                    Self::Unknown(text) => text,
                    #known_code
                }
            }

            /// Whether the documents list this code (false for `Unknown`).
            pub fn is_documented(&self) -> bool {
                self.index().is_some()
            }

            /// The meaning errdex states (the rule is in the enum's documentation); `None`
            /// for `Unknown`.
            pub fn meaning(&self) -> Option<super::Meaning> {
                self.index().map(|index| TABLES.stated(index))
            }

            /// Every documented meaning, in source order (none for `Unknown`).
            pub fn meanings(&self) -> super::Meanings {
                match self.index() {
                    Some(index) => TABLES.meanings(index),
                    None => TABLES.no_meanings(),
                }
            }

            /// Whether the documents give this code different meanings or HTTP statuses, as
            /// `errdex check` judged them (a meaning or status conflict; wording variants do
            /// not count).
            pub fn has_conflicting_meanings(&self) -> bool {
                self.index().is_some_and(|index| TABLES.conflicting(index))
            }

            #accessors
        }

        /// The texts and numbers behind `ErrorCode`'s methods.
        pub(super) static TABLES: super::Tables = #tables;

        impl std::fmt::Debug for ErrorCode {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    Self::Unknown(text) => f.debug_tuple("Unknown").field(text).finish(),
                    #known_debug
                }
            }
        }

        impl std::fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for ErrorCode {
            type Err = super::UnknownCode;

            /// The documented code `text` names in any spelling; an error for any other.
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                #from_str_body
            }
        }

        impl serde::Serialize for ErrorCode {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for ErrorCode {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <super::CodeText as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from_reported(&text.0))
            }
        }
    }
}

/// One variant of `ErrorCode`, made from its plan alone: doc comment, `#[deprecated]` for a
/// retired code (the module allows it for its own `match` and `ALL`), and name.
pub fn variant_tokens(code: &CodePlan, plan: &CratePlan) -> TokenStream {
    let docs = doc_attrs(&code_doc(code, plan));
    let deprecated = super::deprecated(code.retired.as_deref());
    let variant = ident(&code.ident);
    quote! { #docs #deprecated #variant }
}

/// The doc comment of one code: the meaning errdex states, then every other one with its
/// source.
fn code_doc(code: &CodePlan, plan: &CratePlan) -> Vec<String> {
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
    let at = |meaning: &Definition| plan.place(&meaning_at(meaning));
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
                    "- {}{}",
                    at(meaning),
                    escape_markdown(&format!("{status}: {}{solution}", meaning.message))
                )
            }));
        }
        None => {
            let sources: Vec<String> = code.meanings.iter().map(at).collect();
            paragraphs.push(format!("Source: {}", sources.join("; ")));
        }
    }
    if code.spellings.len() > 1 {
        let spellings: Vec<String> = code.spellings.iter().map(|s| code_span(s)).collect();
        paragraphs.push(format!(
            "Spellings in the documents: {}",
            spellings.join(", ")
        ));
    }
    markdown_lines(&paragraphs)
}

fn meaning_at(meaning: &Definition) -> crate::emit::rust::model::At {
    crate::emit::rust::model::At::new(&meaning.source, meaning.line)
}

fn status_of(meaning: &Definition) -> Option<String> {
    meaning
        .http_status
        .map(|s| s.to_string())
        .or_else(|| meaning.status_text.clone())
}

/// The module's `Tables` value (see the generated crate's `Tables` for the columns).
fn tables_tokens(module: &ModulePlan, plan: &CratePlan) -> TokenStream {
    let mut strings = StringPool::default();
    let mut codes = NumberTable::new(6);
    let mut meanings = NumberTable::new(10);
    let mut row = 0u32;
    for code in &module.codes {
        let count = u32::try_from(code.meanings.len()).unwrap_or(u32::MAX);
        codes.push(&[
            strings.id(&code.code),
            strings.id(&code.ident),
            row,
            count,
            u32::try_from(code.authoritative).unwrap_or(0),
            u32::from(code.conflicting),
        ]);
        row += count;
        for meaning in &code.meanings {
            meanings.push(&[
                strings.id(&meaning.source),
                strings.id(plan.path(&meaning.source)),
                meaning.line,
                strings.id(&meaning.code_text),
                meaning.http_status.map_or(0, u32::from),
                strings.optional(meaning.status_text.as_deref()),
                strings.id(&meaning.message),
                strings.optional(meaning.description.as_deref()),
                strings.optional(meaning.solution.as_deref()),
                strings.optional(meaning.module.as_deref()),
            ]);
        }
    }
    let root = quote! { super:: };
    let strings = strings.tokens(&root);
    let codes = codes.tokens(&root);
    let meanings = meanings.tokens(&root);
    quote! {
        super::Tables { strings: #strings, codes: #codes, meanings: #meanings }
    }
}
