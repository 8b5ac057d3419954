//! The `errdex` command line: parses flags, calls the library, prints, picks the exit code.
//!
//! Exit codes: 0 success; 1 the input has errors (bad files, error-level findings); 2 usage
//! or I/O problems.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use errdex::{Build, Error};

/// Offline documentation compiler and error-code knowledge base.
#[derive(Parser)]
#[command(name = "errdex", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile documentation into generated/kb.json (and the other outputs).
    Build {
        /// Files and folders to read (folders recursively). Default: seeds/.
        paths: Vec<PathBuf>,
        /// Output folder.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        /// Compile the good files and report bad ones as warnings instead of failing.
        #[arg(long)]
        keep_going: bool,
    },
    /// Print the parsed document IR of one file as JSON (for debugging parsers).
    Dump {
        /// The file to parse.
        file: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            paths,
            out,
            keep_going,
        } => build(paths, &out, keep_going),
        Command::Dump { file } => dump(&file),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("seeds")]
    } else {
        paths
    }
}

fn build(paths: Vec<PathBuf>, out: &Path, keep_going: bool) -> anyhow::Result<ExitCode> {
    let mut build = Build::new().out_dir(out).keep_going(keep_going);
    for path in default_paths(paths) {
        build = build.source(path);
    }
    match build.run() {
        Ok(compiled) => {
            for warning in &compiled.warnings {
                eprintln!("warning: {warning}");
            }
            let kb = &compiled.kb;
            let definitions: usize = kb.error_codes.iter().map(|c| c.definitions.len()).sum();
            eprintln!(
                "compiled {} sources: {} error codes ({} definitions), {} operations, {} enumerations -> {}",
                kb.sources.len(),
                kb.error_codes.len(),
                definitions,
                kb.operations.len(),
                kb.enums.len(),
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(Error::BadInput(problems)) => {
            for problem in &problems {
                eprintln!("error: {problem}");
            }
            eprintln!(
                "error: {} problem(s) in the input; nothing written (use --keep-going to compile the good files)",
                problems.len()
            );
            Ok(ExitCode::from(1))
        }
        Err(err) => Err(err.into()),
    }
}

fn dump(file: &Path) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(file)?;
    let text = errdex::ingest::decode(file, &bytes).map_err(|d| anyhow::anyhow!("{d}"))?;
    let format = errdex::parse::sniff(&text);
    match errdex::parse::parse(format, &text) {
        Ok(document) => {
            println!(
                "{}",
                serde_json::json!({"format": format, "document": document})
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(problems) => {
            for p in problems {
                eprintln!("{}:{}: {}", file.display(), p.line, p.message);
            }
            Ok(ExitCode::from(1))
        }
    }
}
