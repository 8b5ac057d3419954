//! Names in the generated crate stay put: compiling more pages never renames a type, variant
//! or field that code written against yesterday's crate uses, nor changes a field's type.
//!
//! `tests/fixtures/rust_names/base/` holds four hand-written pages of one invented service
//! (error codes, a job query whose `status` is an enumeration and whose `error_code` carries
//! codes, an English status table and the Chinese table of the same values);
//! `tests/fixtures/rust_names/extra/` ten unrelated ones (another operation of the same service
//! with a `status` and an `entities` object of its own, new services, a Chinese-only table, a
//! request body, more codes of a service, the same job path in another service). Every public
//! path of the base crate (`wgt::JobResponse.error_code: Option<ErrorCode>`) must still exist
//! with all pages, and with each extra page alone.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use errdex::emit::rust::model::{CratePlan, FieldType, ModulePlan};
use errdex::emit::rust::{Authority, plan};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rust_names")
}

/// The crate plan of some pages.
fn plan_of(sources: &[PathBuf]) -> CratePlan {
    let mut build = errdex::Build::new().root(fixtures());
    for source in sources {
        build = build.source(source);
    }
    let compiled = build.compile().expect("the fixtures compile");
    plan(&compiled.kb, &Authority::stated())
}

/// Every public path of a crate plan, with the type of each field.
fn public_names(plan: &CratePlan) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for module in &plan.modules {
        let m = module.ident.as_str();
        if !module.codes.is_empty() {
            names.insert(format!("Code::{}", upper_camel(m)));
        }
        if module.has_error_code_type {
            names.insert(format!("{m}::ErrorCode"));
        }
        for code in &module.codes {
            names.insert(format!("{m}::ErrorCode::{} = {}", code.ident, code.code));
        }
        for enumeration in &module.enums {
            names.insert(format!("{m}::{}", enumeration.ident));
            for variant in &enumeration.variants {
                names.insert(format!(
                    "{m}::{}::{} = {}",
                    enumeration.ident, variant.ident, variant.value
                ));
            }
        }
        for item in &module.structs {
            names.insert(format!("{m}::{}", item.ident));
            for field in &item.fields {
                let ty = type_name(&field.ty, module);
                let ty = match field.optional {
                    true => format!("Option<{ty}>"),
                    false => ty,
                };
                names.insert(format!("{m}::{}.{}: {ty}", item.ident, field.ident));
            }
        }
    }
    names
}

fn upper_camel(module: &str) -> String {
    let mut chars = module.trim_start_matches("r#").chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

fn type_name(ty: &FieldType, module: &ModulePlan) -> String {
    match ty {
        FieldType::Integer => "i64".into(),
        FieldType::Number => "f64".into(),
        FieldType::Boolean => "bool".into(),
        FieldType::Text => "String".into(),
        FieldType::Json => "serde_json::Value".into(),
        FieldType::ErrorCode => "ErrorCode".into(),
        FieldType::Struct(index) => module.structs[*index].ident.clone(),
        FieldType::Enum(index) => module.enums[*index].ident.clone(),
        FieldType::List(inner) => format!("Vec<{}>", type_name(inner, module)),
    }
}

fn extra_pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(fixtures().join("extra"))
        .expect("extra pages")
        .map(|entry| entry.expect("entry").path())
        .collect();
    pages.sort();
    pages
}

#[test]
fn the_base_pages_give_names_from_what_things_are() {
    let names = public_names(&plan_of(&[fixtures().join("base")]));
    for expected in [
        "Code::Wgt",
        "wgt::ErrorCode::Wgt0002 = WGT.0002",
        // `GET /v1/{project_id}/jobs/{job_id}`: the resource is a job.
        "wgt::JobResponse",
        "wgt::JobResponse.status: Option<JobStatus>",
        "wgt::JobStatus::Fail = FAIL",
        "wgt::JobResponse.entities: Option<JobEntities>",
        // The field's description says it holds the service's codes.
        "wgt::JobResponse.error_code: Option<ErrorCode>",
        "wgt::JobResponse.fail_reason: Option<String>",
        // The Chinese table of the same values joins the English one: one type, English name.
        "wgt::WidgetStatus",
        "wgt::WidgetStatus::Frozen = FROZEN",
    ] {
        assert!(
            names.contains(expected),
            "{expected:?} missing from {names:#?}"
        );
    }
    assert!(
        !names.iter().any(|n| n.contains("XiaoBuJian")),
        "no transliterated name where an English one is documented: {names:#?}"
    );
}

#[test]
fn adding_unrelated_pages_renames_nothing() {
    let base = public_names(&plan_of(&[fixtures().join("base")]));
    let mut all_sources = vec![fixtures().join("base")];
    all_sources.extend(extra_pages());
    let all = public_names(&plan_of(&all_sources));
    let lost: Vec<&String> = base.difference(&all).collect();
    assert!(
        lost.is_empty(),
        "renamed or retyped by the extra pages: {lost:#?}"
    );
    assert!(all.len() > base.len() + 20, "the extra pages add items");
    for page in extra_pages() {
        let with_one = public_names(&plan_of(&[fixtures().join("base"), page.clone()]));
        let lost: Vec<&String> = base.difference(&with_one).collect();
        assert!(lost.is_empty(), "{} renames {lost:#?}", page.display());
    }
}

#[test]
fn the_extra_pages_get_their_own_names_too() {
    let mut all_sources = vec![fixtures().join("base")];
    all_sources.extend(extra_pages());
    let names = public_names(&plan_of(&all_sources));
    for expected in [
        // Another operation of the same service with a `status` and an `entities` object.
        "wgt::TaskResponse.status: Option<TaskStatus>",
        "wgt::TaskResponse.entities: Option<TaskEntities>",
        // The same path in another service is that service's.
        "spk::JobResponse.status: Option<JobStatus>",
        "spk::JobResponse.error_code: Option<ErrorCode>",
        // A documented object name is kept; a request body is named by method and resource.
        "gdg::Gadget.state: Option<GadgetState>",
        "gdg::GadgetsResponse.gadgets: Option<Vec<Gadget>>",
        "gdg::PostGadgetsRequest.name: String",
        // A Chinese table with no English counterpart: transliterated (the documented rule).
        "wgt::RenWuZhuangTai",
    ] {
        assert!(
            names.contains(expected),
            "{expected:?} missing from {names:#?}"
        );
    }
}
