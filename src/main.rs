//! The `errdex` command line: parses flags, calls the library, prints, picks the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Offline documentation compiler and error-code knowledge base.
#[derive(Parser)]
#[command(name = "errdex", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the parsed document IR of one file as JSON (for debugging parsers).
    Dump {
        /// The file to parse.
        file: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
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

fn dump(file: &std::path::Path) -> anyhow::Result<ExitCode> {
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
