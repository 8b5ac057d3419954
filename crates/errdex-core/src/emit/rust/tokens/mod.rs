//! The crate plan as Rust tokens: the root items ([`support`], [`root`]), each service
//! module's items ([`codes`] and the types here), and the generated crate's tests. Printing is
//! [`super::print`]'s job.

pub mod codes;
pub mod root;
pub mod support;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::docs::{code_span, escape_markdown, markdown_lines};
use super::ident::unraw;
use super::model::{
    CratePlan, EnumPlan, FieldPlan, FieldType, ModulePlan, StructPlan, VariantPlan,
};

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

/// `message()`, `solution()` and `http_status()` from `meaning()`: the same three methods on
/// every service's `ErrorCode` and on the root `Code`.
fn meaning_accessors() -> TokenStream {
    quote! {
        /// The message of `meaning()`.
        pub fn message(&self) -> Option<&'static str> {
            self.meaning().map(|meaning| meaning.message)
        }

        /// The solution of `meaning()`, if documented.
        pub fn solution(&self) -> Option<&'static str> {
            self.meaning().and_then(|meaning| meaning.solution)
        }

        /// The HTTP status of `meaning()`, if documented as one number.
        pub fn http_status(&self) -> Option<u16> {
            self.meaning().and_then(|meaning| meaning.http_status)
        }
    }
}

/// The items at the crate's root: the fixed support items and `Code`.
pub fn root_items(plan: &CratePlan) -> TokenStream {
    let support = support::support_items();
    let code = root::code_items(plan);
    quote! { #support #code }
}

/// The items of one service module; `number` is its service number in the code index.
pub fn module_items(module: &ModulePlan, plan: &CratePlan, number: Option<usize>) -> TokenStream {
    let codes = match module.has_error_code_type {
        true => codes::error_code_items(module, plan, number),
        false => TokenStream::new(),
    };
    let enums = module.enums.iter().map(|e| enum_items(e, plan));
    let structs = module.structs.iter().map(|s| struct_items(s, module, plan));
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

/// `#[deprecated(note = "retired in …")]` for a retired code or value.
fn deprecated(reason: Option<&str>) -> TokenStream {
    match reason {
        Some(note) => quote! { #[deprecated(note = #note)] },
        None => TokenStream::new(),
    }
}

fn enum_items(plan: &EnumPlan, krate: &CratePlan) -> TokenStream {
    let name = ident(&plan.ident);
    let source = krate.places(&plan.places);
    let docs = doc_attrs(&markdown_lines(&[
        plan.about.clone(),
        format!("Source: {source}."),
        "Serialized as the documented string; a value the documents do not list deserializes into `Unknown`."
            .to_string(),
    ]));
    let variants = plan.variants.iter().map(|v| {
        let docs = doc_attrs(&variant_doc(v, &source));
        let deprecated = deprecated(v.retired.as_deref());
        let variant = ident(&v.ident);
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

fn variant_doc(variant: &VariantPlan, source: &str) -> Vec<String> {
    markdown_lines(&[
        escape_markdown(&variant.description),
        format!(
            "Documented value: {} ({source}).",
            code_span(&variant.value)
        ),
    ])
}

fn struct_items(plan: &StructPlan, module: &ModulePlan, krate: &CratePlan) -> TokenStream {
    let name = ident(&plan.ident);
    let docs = doc_attrs(&markdown_lines(&[
        plan.about.clone(),
        format!("Source: {}.", krate.places(&plan.places)),
    ]));
    let fields = plan
        .fields
        .iter()
        .map(|field| field_tokens(field, module, krate));
    let idents: Vec<Ident> = plan.fields.iter().map(|f| ident(&f.ident)).collect();
    let json_names: Vec<&str> = plan.fields.iter().map(|f| f.name.as_str()).collect();
    let access: Vec<Ident> = plan
        .fields
        .iter()
        .map(|f| format_ident!("{}", if f.optional { "optional" } else { "required" }))
        .collect();
    // serde's derives write a visitor per type; these impls are one call per field to the
    // crate's ObjectReader/ObjectWriter, so crates of thousands of types still compile.
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name {
            #( #fields, )*
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut object = super::ObjectWriter::new();
                #( object.#access(#json_names, &self.#idents)?; )*
                object.write(serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let mut object = super::ObjectReader::read(deserializer)?;
                Ok(Self {
                    #( #idents: object.#access(#json_names)?, )*
                })
            }
        }
    }
}

fn field_tokens(field: &FieldPlan, module: &ModulePlan, krate: &CratePlan) -> TokenStream {
    let mut paragraphs = vec![escape_markdown(&field.description)];
    if let Some(documented) = &field.documented_type {
        paragraphs.push(format!("Documented type: {}.", code_span(documented)));
    }
    if carries_codes(&field.ty) {
        paragraphs.push(format!(
            "Holds {} error codes: a code the documents do not list deserializes into `ErrorCode::Unknown`.",
            escape_markdown(&module.service)
        ));
    }
    paragraphs.extend(field.notes.iter().cloned());
    if unraw(&field.ident) != field.name {
        paragraphs.push(format!("JSON name: {}.", code_span(&field.name)));
    }
    paragraphs.push(format!("Source: {}.", krate.place(&field.at)));
    let docs = doc_attrs(&markdown_lines(&paragraphs));
    let name = ident(&field.ident);
    let mut ty = type_tokens(&field.ty, module);
    if field.boxed {
        ty = quote! { Box<#ty> };
    }
    if field.optional {
        ty = quote! { Option<#ty> };
    }
    quote! {
        #docs
        pub #name: #ty
    }
}

fn carries_codes(ty: &FieldType) -> bool {
    match ty {
        FieldType::ErrorCode => true,
        FieldType::List(inner) => carries_codes(inner),
        _ => false,
    }
}

fn type_tokens(ty: &FieldType, module: &ModulePlan) -> TokenStream {
    match ty {
        FieldType::Integer => quote! { i64 },
        FieldType::Number => quote! { f64 },
        FieldType::Boolean => quote! { bool },
        FieldType::Text => quote! { String },
        FieldType::Json => quote! { serde_json::Value },
        FieldType::ErrorCode => quote! { ErrorCode },
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
