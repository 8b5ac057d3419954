//! The `errdex` command line: parses flags, calls the library, prints, picks the exit code.
//!
//! Exit codes: 0 success; 1 the input has errors (bad files, error-level findings); 2 usage
//! or I/O problems.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand};
use errdex::Error;
use errdex::explain::{DEFAULT_LANGUAGE, Lookup};
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
        /// Config file. Default: errdex.toml in the current folder, when present.
        #[arg(long)]
        config: Option<PathBuf>,
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
    /// Explain error codes: the meaning most sources give, every definition with its source,
    /// conflicts, solution. Exit 1 when a code is unknown.
    Explain {
        /// One or more codes, in any spelling (`css.6007`, `CSS-6007`, `css6007`); commas and
        /// spaces separate codes too.
        #[arg(required = true, num_args = 1..)]
        codes: Vec<String>,
        /// Output format (`json`: one object for one code, an array for several).
        #[arg(long, default_value = "human", value_parser = human_or_json())]
        format: Format,
        /// The reader's language: the meaning is stated in it where a definition is.
        #[arg(long, default_value = DEFAULT_LANGUAGE, value_parser = LANGUAGES)]
        lang: String,
        /// Folder holding kb.json (and the index). Default: $ERRDEX_KB, else the nearest
        /// generated/ folder holding kb.json, from the current folder up.
        #[arg(long)]
        kb: Option<PathBuf>,
    },
    /// Explain the error codes of a failed-task API response (JSON file, or `-` for stdin).
    Annotate {
        /// The JSON file; stdin when absent or `-`.
        file: Option<PathBuf>,
        /// Output format (`json` keeps the input and adds `explanation` per task).
        #[arg(long, default_value = "human", value_parser = human_or_json())]
        format: Format,
        /// The reader's language: meanings are stated in it where a definition is.
        #[arg(long, default_value = DEFAULT_LANGUAGE, value_parser = LANGUAGES)]
        lang: String,
        /// Folder holding kb.json (and the index). Default: $ERRDEX_KB, else the nearest
        /// generated/ folder holding kb.json, from the current folder up.
        #[arg(long)]
        kb: Option<PathBuf>,
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
            config,
        } => build(paths, &out, keep_going, config),
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
        Command::Explain {
            codes,
            format,
            lang,
            kb,
        } => explain(kb.as_deref(), &codes, &lang, format),
        Command::Annotate {
            file,
            format,
            lang,
            kb,
        } => annotate(kb.as_deref(), file.as_deref(), &lang, format),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// The languages `--lang` takes: those errdex tells definitions apart by.
const LANGUAGES: [&str; 2] = ["en", "zh"];

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

/// The codes of `explain`'s arguments: each argument split at commas and spaces.
fn split_codes(arguments: &[String]) -> Vec<&str> {
    arguments
        .iter()
        .flat_map(|a| a.split(|c: char| c == ',' || c.is_whitespace()))
        .filter(|code| !code.is_empty())
        .collect()
}

fn explain(
    kb: Option<&Path>,
    arguments: &[String],
    lang: &str,
    format: Format,
) -> anyhow::Result<ExitCode> {
    let codes = split_codes(arguments);
    if codes.is_empty() {
        anyhow::bail!("no error code given (for example `errdex explain CSS.6007`)");
    }
    let explainer = Explainer::open(&errdex::locate::find_kb_here(kb)?, &mut notice)?;
    let mut lookups = Vec::with_capacity(codes.len());
    for code in codes {
        lookups.push(explainer.lookup(code)?.in_language(lang));
    }
    print!("{}", report::explain::render_all(format, &lookups));
    let unknown = lookups.iter().any(|l| matches!(l, Lookup::Unknown { .. }));
    Ok(ExitCode::from(u8::from(unknown)))
}

fn annotate(
    kb: Option<&Path>,
    file: Option<&Path>,
    lang: &str,
    format: Format,
) -> anyhow::Result<ExitCode> {
    let text = match file {
        Some(path) if path != Path::new("-") => std::fs::read_to_string(path)?,
        _ => std::io::read_to_string(std::io::stdin())?,
    };
    let document: serde_json::Value = serde_json::from_str(&text)
        .map_err(|err| anyhow::anyhow!("the input is not JSON: {err}"))?;
    let explainer = Explainer::open(&errdex::locate::find_kb_here(kb)?, &mut notice)?;
    let annotated = errdex::annotate::annotate(document, &mut |code: &str| {
        explainer.lookup(code).map(|l| l.in_language(lang))
    })?;
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

/// The config `build` and `check` read: `--config FILE`, else `errdex.toml` in the current
/// folder when there is one.
fn config_file(flag: Option<PathBuf>) -> Option<PathBuf> {
    let default = PathBuf::from("errdex.toml");
    flag.or_else(|| default.is_file().then_some(default))
}

fn build(
    paths: Vec<PathBuf>,
    out: &Path,
    keep_going: bool,
    config: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    let mut build = errdex::build().out_dir(out).keep_going(keep_going);
    if let Some(config) = config_file(config) {
        build = build.config(config);
    }
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
    if let Some(config) = config_file(config) {
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
