//! Generates the typed error codes, enumerations and API structs from the documentation
//! (here the errdex seeds) into `OUT_DIR` on every build where a document changed.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        eprintln!("error: OUT_DIR is not set; this build script runs under cargo");
        return ExitCode::FAILURE;
    };
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    match errdex_core::Build::new()
        .source(docs)
        .rust_out(out_dir)
        .run()
    {
        Ok(_) => ExitCode::SUCCESS,
        Err(err) => {
            // The same diagnostics as `errdex build`: every bad file, with line numbers.
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
