//! An example consumer of errdex: its `build.rs` compiles the documentation into Rust in
//! `OUT_DIR`, and this crate includes it as the `docs` module and builds on the types.

/// Typed error codes, enumerations and API structs generated from the documentation.
pub mod docs {
    include!(concat!(env!("OUT_DIR"), "/errdex_generated.rs"));
}

use docs::css::ErrorCode;

/// What to tell a user about an error code a CSS response carried, in any common spelling:
/// the documented message and what to do, or `None` for a code the documents do not list.
pub fn advice(code: &str) -> Option<String> {
    let code: ErrorCode = code.parse().ok()?;
    Some(match code.solution() {
        Some(solution) => format!("{code}: {} {solution}", code.message()),
        None => format!("{code}: {}", code.message()),
    })
}
