//! The `errdex` command line: parses flags, calls the library, prints, picks the exit code.
//!
//! Exit codes: 0 success; 1 the input has errors (bad files, error-level findings); 2 usage
//! or I/O problems.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand};
use errdex::Error;
use errdex::explain::Lookup;
use errdex::report::{self, Format};
use errdex::search::{Explainer, SearchIndex, SearchRequest};

/// mimalloc: the build allocates many small strings from several threads at once, where it is
/// markedly faster than the system allocator (see `cargo bench --bench build`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Find where the docs contradict themselves; exit 1 on error-level findings.
    Check {
        /// Files and folders to read (folders recursively). Default: seeds/.
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// `--deny warnings`: exit 1 on warnings too.
        #[arg(long, value_parser = ["warnings"])]
        deny: Vec<String>,
        /// Config file. Default: errdex.toml in the current folder, when present.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Search error codes, enumeration values, operations and fields (BM25, typo-tolerant).
    Search {
        /// Words, or a code in any spelling (`6007`, `css6007`, `CSS.6007`).
        query: String,
        /// Only this service.
        #[arg(long)]
        service: Option<String>,
        /// Only this HTTP status.
        #[arg(long)]
        status: Option<u16>,
        /// At most this many hits.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Output format.
        #[arg(long, default_value = "human", value_parser = human_or_json())]
        format: Format,
        /// Folder holding kb.json (and the index).
        #[arg(long, default_value = "generated")]
        kb: PathBuf,
    },
    /// Explain an error code: every definition with source, conflicts, meaning, solution.
    Explain {
        /// The code, in any spelling (`css.6007`, `CSS-6007`, `css6007`).
        code: String,
        /// Output format.
        #[arg(long, default_value = "human", value_parser = human_or_json())]
        format: Format,
        /// Folder holding kb.json (and the index).
        #[arg(long, default_value = "generated")]
        kb: PathBuf,
    },
    /// Explain the error codes of a failed-task API response (JSON file, or `-` for stdin).
    Annotate {
        /// The JSON file; stdin when absent or `-`.
        file: Option<PathBuf>,
        /// Output format (`json` keeps the input and adds `explanation` per task).
        #[arg(long, default_value = "human", value_parser = human_or_json())]
        format: Format,
        /// Folder holding kb.json (and the index).
        #[arg(long, default_value = "generated")]
        kb: PathBuf,
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
        Command::Check {
            paths,
            format,
            deny,
            config,
        } => check(paths, format, !deny.is_empty(), config),
        Command::Dump { file } => dump(&file),
        Command::Search {
            query,
            service,
            status,
            limit,
            format,
            kb,
        } => {
            let request = SearchRequest {
                query,
                service,
                status,
                limit,
            };
            search(&kb, &request, format)
        }
        Command::Explain { code, format, kb } => explain(&kb, &code, format),
        Command::Annotate { file, format, kb } => annotate(&kb, file.as_deref(), format),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// `--format` of `search`, `explain` and `annotate`: SARIF is for findings only.
fn human_or_json() -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(["human", "json"]).map(|value| match value.as_str() {
        "json" => Format::Json,
        _ => Format::Human,
    })
}

fn notice(line: &str) {
    eprintln!("{line}");
}

fn search(kb: &Path, request: &SearchRequest, format: Format) -> anyhow::Result<ExitCode> {
    let results = SearchIndex::open_or_build(kb, &mut notice)?.search(request)?;
    print!("{}", report::search::render(format, &results));
    Ok(match results.hits.is_empty() {
        true => ExitCode::from(1),
        false => ExitCode::SUCCESS,
    })
}

fn explain(kb: &Path, code: &str, format: Format) -> anyhow::Result<ExitCode> {
    let lookup = Explainer::open(kb, &mut notice)?.lookup(code)?;
    print!("{}", report::explain::render(format, &lookup));
    Ok(match lookup {
        Lookup::Known { .. } => ExitCode::SUCCESS,
        Lookup::Unknown { .. } => ExitCode::from(1),
    })
}

fn annotate(kb: &Path, file: Option<&Path>, format: Format) -> anyhow::Result<ExitCode> {
    let text = match file {
        Some(path) if path != Path::new("-") => std::fs::read_to_string(path)?,
        _ => std::io::read_to_string(std::io::stdin())?,
    };
    let document: serde_json::Value = serde_json::from_str(&text)
        .map_err(|err| anyhow::anyhow!("the input is not JSON: {err}"))?;
    let explainer = Explainer::open(kb, &mut notice)?;
    let annotated = errdex::annotate::annotate(document, &mut |code: &str| explainer.lookup(code))?;
    print!("{}", report::annotate::render(format, &annotated));
    Ok(ExitCode::SUCCESS)
}

fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("seeds")]
    } else {
        paths
    }
}

fn build(paths: Vec<PathBuf>, out: &Path, keep_going: bool) -> anyhow::Result<ExitCode> {
    let mut build = errdex::build().out_dir(out).keep_going(keep_going);
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

fn check(
    paths: Vec<PathBuf>,
    format: Format,
    deny_warnings: bool,
    config: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    let mut build = errdex::Build::new();
    let default_config = PathBuf::from("errdex.toml");
    if let Some(config) = config.or_else(|| default_config.is_file().then_some(default_config)) {
        build = build.config(config);
    }
    for path in default_paths(paths) {
        build = build.source(path);
    }
    let compiled = match build.compile() {
        Ok(compiled) => compiled,
        Err(Error::BadInput(problems)) => {
            for problem in &problems {
                eprintln!("error: {problem}");
            }
            return Ok(ExitCode::from(2));
        }
        Err(err) => return Err(err.into()),
    };
    let sources = report::SourceMap::read(&compiled.kb.sources);
    let color = std::io::IsTerminal::is_terminal(&std::io::stdout())
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    print!(
        "{}",
        report::findings(format, &compiled.findings, &sources, color)
    );
    let failed = errdex::check::Summary::of(&compiled.findings).fails(deny_warnings);
    Ok(ExitCode::from(u8::from(failed)))
}

fn dump(file: &Path) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(file)?;
    let text = errdex::ingest::decode(file, bytes).map_err(|d| anyhow::anyhow!("{d}"))?;
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
