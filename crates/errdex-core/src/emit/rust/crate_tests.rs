//! The generated crate's own tests: every code round-trips (every spelling through `FromStr`,
//! `Display`, serde), every enumeration value round-trips and unknown values land in
//! `Unknown`, and every JSON example of the documents deserializes into its struct.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::ident::{Case, Names};
use super::model::{CratePlan, EnumPlan, ExamplePlan, ModulePlan};
use super::tokens::ident;

/// `tests/codes.rs`: codes and enumerations.
pub fn codes_and_enums(plan: &CratePlan, crate_ident: &str) -> TokenStream {
    let krate = ident(crate_ident);
    let mut names = Names::default();
    let tests = plan.modules.iter().map(|module| {
        let codes = code_tests(module, &krate, &mut names);
        let enums = module
            .enums
            .iter()
            .map(|e| enum_test(module, e, &krate, &mut names));
        quote! { #codes #( #enums )* }
    });
    let allow = match plan.modules.iter().any(|m| m.has_retired()) {
        true => quote! { #![allow(deprecated)] },
        false => TokenStream::new(),
    };
    quote! {
        #allow
        use std::fmt::{Debug, Display};
        use std::str::FromStr;

        use serde::Serialize;
        use serde::de::DeserializeOwned;

        /// The spellings users write for a documented code.
        fn spellings(code: &str) -> Vec<String> {
            let compact: String = code.chars().filter(|c| c.is_alphanumeric()).collect();
            vec![
                code.to_owned(),
                code.to_uppercase(),
                code.to_lowercase(),
                code.replace('.', "-"),
                compact.to_lowercase(),
                compact.to_uppercase(),
            ]
        }

        /// Parses every spelling back to `code`, and checks `Display` and serde write it as
        /// documented.
        fn assert_code_round_trips<C>(code: &C, written: &str)
        where
            C: Clone + Debug + Display + PartialEq + FromStr<Err = #krate::UnknownCode> + Serialize + DeserializeOwned,
        {
            for spelling in spellings(written) {
                assert_eq!(spelling.parse::<C>().as_ref(), Ok(code), "spelling {spelling:?}");
            }
            assert_eq!(code.to_string(), written);
            let json = serde_json::to_string(code).expect("a code serializes");
            assert_eq!(json, serde_json::to_string(written).expect("a string serializes"));
            assert_eq!(&serde_json::from_str::<C>(&json).expect("a code deserializes"), code);
        }

        /// Checks an enumeration value against its documented string.
        fn assert_value_round_trips<E>(value: &E, written: &str)
        where
            E: Debug + Display + PartialEq + FromStr<Err = std::convert::Infallible> + Serialize + DeserializeOwned,
        {
            assert_eq!(value.to_string(), written);
            assert_eq!(&written.parse::<E>().expect("parsing is infallible"), value);
            let json = serde_json::to_string(value).expect("a value serializes");
            assert_eq!(json, serde_json::to_string(written).expect("a string serializes"));
            assert_eq!(&serde_json::from_str::<E>(&json).expect("a value deserializes"), value);
        }

        #( #tests )*
    }
}

fn code_tests(module: &ModulePlan, krate: &proc_macro2::Ident, names: &mut Names) -> TokenStream {
    if !module.has_error_code_type {
        return TokenStream::new();
    }
    let module_ident = ident(&module.ident);
    let every = ident(&names.take(
        &format!("{} every code round trips", module.ident),
        Case::Snake,
    ));
    let unknown_test = ident(&names.take(
        &format!(
            "{} unknown code is rejected and deserializes into unknown",
            module.ident
        ),
        Case::Snake,
    ));
    let count = Literal::usize_unsuffixed(module.codes.len());
    let canonical: BTreeSet<&str> = module.codes.iter().map(|c| c.canonical.as_str()).collect();
    let unknown = unused_value("ERRDEX.UNDOCUMENTED", |v| {
        canonical.contains(crate::kb::canonical_code(v).as_str())
    });
    let every_test = (!module.codes.is_empty()).then(|| quote! {
        /// Every code: every spelling, `Display` and serde; every spelling a document uses
        /// parses back to it; its stated meaning is one of its meanings; `Code` finds it.
        #[test]
        fn #every() {
            let all = #krate::#module_ident::ErrorCode::ALL;
            assert_eq!(all.len(), #count);
            for code in all {
                assert_code_round_trips(code, code.code());
                assert!(code.is_documented());
                let stated = code.meaning().expect("a documented code has a meaning");
                assert!(code.meanings().any(|meaning| meaning == stated));
                for meaning in code.meanings() {
                    assert_eq!(meaning.code_text.parse::<#krate::#module_ident::ErrorCode>().as_ref(), Ok(code), "spelling {:?}", meaning.code_text);
                }
                let any = #krate::Code::from(code.clone());
                assert!(#krate::Code::lookup_all(code.code()).contains(&any), "{code:?}");
                assert_eq!(any.message(), code.message());
            }
        }
    });
    quote! {
        #every_test

        /// A code the documents do not list: an error to parse, `Unknown` to deserialize.
        #[test]
        fn #unknown_test() {
            let parsed = #unknown.parse::<#krate::#module_ident::ErrorCode>();
            assert!(parsed.is_err());
            let json = serde_json::to_string(#unknown).expect("a string serializes");
            let reported: #krate::#module_ident::ErrorCode = serde_json::from_str(&json).expect("any code deserializes");
            assert_eq!(reported, #krate::#module_ident::ErrorCode::Unknown(#unknown.to_owned()));
            assert!(!reported.is_documented());
            assert_eq!(reported.meaning(), None);
            assert_eq!(reported.meanings().len(), 0);
            assert_eq!(reported.to_string(), #unknown);
        }
    }
}

/// `base`, or `base` with a number, that `taken` says is not taken.
pub fn unused_value(base: &str, taken: impl Fn(&str) -> bool) -> String {
    std::iter::once(base.to_string())
        .chain((2u32..).map(|n| format!("{base}{n}")))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| base.to_string())
}

fn enum_test(
    module: &ModulePlan,
    plan: &EnumPlan,
    krate: &proc_macro2::Ident,
    names: &mut Names,
) -> TokenStream {
    let module_ident = ident(&module.ident);
    let name = ident(&plan.ident);
    let test = ident(&names.take(
        &format!("{} {} values round trip", module.ident, plan.ident),
        Case::Snake,
    ));
    let cases = plan.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let value = v.value.as_str();
        quote! { (#krate::#module_ident::#name::#variant, #value) }
    });
    let count = Literal::usize_unsuffixed(plan.variants.len());
    let values: BTreeSet<&str> = plan.variants.iter().map(|v| v.value.as_str()).collect();
    let unknown = unused_value("errdex-undocumented-value", |v| values.contains(v));
    quote! {
        #[test]
        fn #test() {
            let cases: [(#krate::#module_ident::#name, &str); #count] = [ #( #cases ),* ];
            for (value, written) in &cases {
                assert_value_round_trips(value, written);
                assert!(value.is_documented());
            }
            assert_eq!(#krate::#module_ident::#name::DOCUMENTED.len(), #count);
            let unknown: #krate::#module_ident::#name = serde_json::from_str(&serde_json::to_string(#unknown).expect("a string serializes")).expect("an unknown value deserializes");
            assert_eq!(unknown, #krate::#module_ident::#name::Unknown(#unknown.to_owned()));
            assert_value_round_trips(&unknown, #unknown);
        }
    }
}

/// `tests/examples.rs`: every JSON example deserializes into its struct and round-trips.
pub fn examples(plan: &CratePlan, crate_ident: &str) -> TokenStream {
    let krate = ident(crate_ident);
    let mut names = Names::default();
    let tests = plan.modules.iter().flat_map(|module| {
        module
            .examples
            .iter()
            .map(|example| example_test(module, example, &krate, &mut names))
            .collect::<Vec<_>>()
    });
    quote! {
        use std::fmt::Debug;

        use serde::Serialize;
        use serde::de::DeserializeOwned;

        /// Deserializes a documented example, then checks that writing and reading it again
        /// gives the same value.
        fn assert_example_deserializes<T>(json: &str)
        where
            T: Debug + PartialEq + Serialize + DeserializeOwned,
        {
            let parsed: T = serde_json::from_str(json).expect("the documented example deserializes");
            let written = serde_json::to_string(&parsed).expect("the value serializes");
            let again: T = serde_json::from_str(&written).expect("the written value deserializes");
            assert_eq!(again, parsed);
        }

        #( #tests )*
    }
}

fn example_test(
    module: &ModulePlan,
    example: &ExamplePlan,
    krate: &proc_macro2::Ident,
    names: &mut Names,
) -> TokenStream {
    let module_ident = ident(&module.ident);
    let Some(target) = module.structs.get(example.target) else {
        return TokenStream::new();
    };
    let target = ident(&target.ident);
    let test = ident(&names.take(
        &format!("{} {}", module.ident, example.test_ident),
        Case::Snake,
    ));
    let json = raw_string(&example.json);
    let doc = format!(
        " The example at {} line {}.",
        example.at.source, example.at.line
    );
    quote! {
        #[doc = #doc]
        #[test]
        fn #test() {
            assert_example_deserializes::<#krate::#module_ident::#target>(#json);
        }
    }
}

/// A raw string literal holding `text`, with as many `#` as it needs.
pub fn raw_string(text: &str) -> Literal {
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{text}\"{fence}")
        .parse()
        .unwrap_or_else(|_| Literal::string(text))
}
