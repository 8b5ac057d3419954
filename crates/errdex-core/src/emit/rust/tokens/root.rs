//! The crate-wide `Code`: one entry point for a code of any service, found through one sorted
//! index of canonical spellings (binary search: O(log n), nothing built at start-up).

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::ident;
use crate::emit::rust::ident::{Case, unraw};
use crate::emit::rust::model::{CratePlan, ModulePlan};
use crate::emit::rust::tables::{NumberTable, StringPool};

/// The modules with documented codes, in the order they are numbered in the index.
pub fn coded_modules(plan: &CratePlan) -> Vec<&ModulePlan> {
    plan.modules
        .iter()
        .filter(|m| !m.codes.is_empty())
        .collect()
}

/// The `Code` variant of a module (`css` → `Css`, `r#as` → `As`).
pub fn code_variant(module: &ModulePlan) -> Ident {
    ident(&crate::emit::rust::ident::ident(
        unraw(&module.ident),
        Case::UpperCamel,
    ))
}

/// `Code`, its methods and traits, and the index behind `Code::lookup`.
pub fn code_items(plan: &CratePlan) -> TokenStream {
    let modules = coded_modules(plan);
    let accessors = super::meaning_accessors();
    let variants = modules.iter().map(|module| {
        let variant = code_variant(module);
        let path = ident(&module.ident);
        let doc = format!(
            " A code of {} (`{}::ErrorCode`).",
            module.service,
            unraw(&module.ident)
        );
        quote! { #[doc = #doc] #variant(#path::ErrorCode) }
    });
    let from_index = modules.iter().enumerate().map(|(number, module)| {
        let variant = code_variant(module);
        let path = ident(&module.ident);
        let number = Literal::usize_unsuffixed(number);
        quote! { #number => #path::ErrorCode::ALL.get(index).cloned().map(Code::#variant) }
    });
    let from_index_body = match modules.is_empty() {
        true => quote! {
            let _ = (service, index);
            None
        },
        false => quote! {
            match service {
                #( #from_index, )*
                _ => None,
            }
        },
    };
    let arms = |body: &dyn Fn(&ModulePlan) -> TokenStream| -> Vec<TokenStream> {
        modules
            .iter()
            .map(|module| {
                let variant = code_variant(module);
                let body = body(module);
                quote! { Code::#variant(ref code) => #body }
            })
            .collect()
    };
    let service_arms = modules.iter().map(|module| {
        let variant = code_variant(module);
        let path = ident(&module.ident);
        quote! { Code::#variant(_) => #path::ErrorCode::SERVICE }
    });
    let code_arms = arms(&|_| quote! { code.code() });
    let parts_arms = arms(&|module| {
        let path = ident(&module.ident);
        quote! { (&#path::TABLES, code.index()) }
    });
    let froms = modules.iter().map(|module| {
        let variant = code_variant(module);
        let path = ident(&module.ident);
        let doc = format!(" A code of {} as a code of any service.", module.service);
        quote! {
            impl From<#path::ErrorCode> for Code {
                #[doc = #doc]
                fn from(code: #path::ErrorCode) -> Self {
                    Code::#variant(code)
                }
            }
        }
    });
    let index = index_tokens(&modules);
    quote! {
        /// An error code of any documented service: the one entry point when the service is
        /// not known in advance.
        ///
        /// `Code::lookup` (and `FromStr`, serde) accepts every spelling with the same letters
        /// and digits and answers from one sorted table by binary search; the variant is the
        /// service, holding its typed `ErrorCode`. Only documented codes are found: a code the
        /// documents do not list is `None` (or an error).
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            #( #variants, )*
        }

        impl Code {
            /// The documented code `text` names in any spelling (`ecs.0013`, `ECS-0013`,
            /// `Ecs0013`), of whatever service. Where two services document the same
            /// spelling, the first service in name order; `lookup_all` gives every one.
            pub fn lookup(text: &str) -> Option<Code> {
                Self::lookup_all(text).into_iter().next()
            }

            /// Every documented code `text` names, one per service that documents it.
            pub fn lookup_all(text: &str) -> Vec<Code> {
                INDEX
                    .find(&canonical_code(text))
                    .filter_map(|(service, index)| Self::from_index(service, index))
                    .collect()
            }

            fn from_index(service: usize, index: usize) -> Option<Code> {
                #from_index_body
            }

            /// The service, as the documents name it (`ECS`).
            pub fn service(&self) -> &'static str {
                match *self {
                    #( #service_arms, )*
                }
            }

            /// The code as documented (`Ecs.0013`).
            pub fn code(&self) -> &str {
                match *self {
                    #( #code_arms, )*
                }
            }

            fn parts(&self) -> (&'static Tables, Option<usize>) {
                match *self {
                    #( #parts_arms, )*
                }
            }

            /// Whether the documents list this code (a `Code` made from an `Unknown` service
            /// code is not).
            pub fn is_documented(&self) -> bool {
                self.parts().1.is_some()
            }

            /// The meaning errdex states: the same decision as `errdex explain` (see
            /// `ErrorCode`).
            pub fn meaning(&self) -> Option<Meaning> {
                let (tables, index) = self.parts();
                index.map(|index| tables.stated(index))
            }

            /// Every documented meaning, in source order.
            pub fn meanings(&self) -> Meanings {
                match self.parts() {
                    (tables, Some(index)) => tables.meanings(index),
                    (tables, None) => tables.no_meanings(),
                }
            }

            /// Whether the documents give this code different meanings or HTTP statuses, as
            /// `errdex check` judged them.
            pub fn has_conflicting_meanings(&self) -> bool {
                let (tables, index) = self.parts();
                index.is_some_and(|index| tables.conflicting(index))
            }

            #accessors
        }

        #( #froms )*

        impl std::fmt::Display for Code {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for Code {
            type Err = UnknownCode;

            /// [`Code::lookup`], with an error naming the input.
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Code::lookup(text).ok_or_else(|| UnknownCode::new("any", text))
            }
        }

        impl serde::Serialize for Code {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for Code {
            /// A documented code in any spelling; any other string is an error.
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <CodeText as serde::Deserialize>::deserialize(deserializer)?;
                text.0.parse().map_err(serde::de::Error::custom)
            }
        }

        /// Every code by canonical spelling, sorted: (canonical code, service number, index
        /// in the service's `ErrorCode::ALL`).
        static INDEX: Index = #index;
    }
}

/// The sorted index of every code's canonical spelling.
fn index_tokens(modules: &[&ModulePlan]) -> TokenStream {
    let mut entries: Vec<(&str, usize, usize)> = modules
        .iter()
        .enumerate()
        .flat_map(|(number, module)| {
            module
                .codes
                .iter()
                .enumerate()
                .map(move |(index, code)| (code.canonical.as_str(), number, index))
        })
        .collect();
    entries.sort();
    let mut strings = StringPool::default();
    let mut rows = NumberTable::new(3);
    for (canonical, number, index) in entries {
        rows.push(&[
            strings.id(canonical),
            u32::try_from(number).unwrap_or(u32::MAX),
            u32::try_from(index).unwrap_or(u32::MAX),
        ]);
    }
    let here = TokenStream::new();
    let strings = strings.tokens(&here);
    let rows = rows.tokens(&here);
    quote! { Index { strings: #strings, rows: #rows } }
}
