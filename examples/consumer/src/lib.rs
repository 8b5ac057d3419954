//! An example consumer of errdex: its `build.rs` compiles the documentation into Rust in
//! `OUT_DIR`, and this crate includes it as the `docs` module and builds on the types.

/// Typed error codes, enumerations and API structs generated from the documentation.
pub mod docs {
    include!(concat!(env!("OUT_DIR"), "/errdex_generated.rs"));
}

use docs::Code;

/// What to tell a user about an error code a response carried, of any service and in any
/// common spelling: the documented message and what to do, or `None` for a code the documents
/// do not list.
pub fn advice(code: &str) -> Option<String> {
    let code = Code::lookup(code)?;
    let message = code.message().unwrap_or_default();
    Some(match code.solution() {
        Some(solution) => format!("{code}: {message} {solution}"),
        None => format!("{code}: {message}"),
    })
}
