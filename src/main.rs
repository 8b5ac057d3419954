//! The `errdex` command line: parses flags, calls the library, prints, picks the exit code.
//!
//! Exit codes: 0 success; 1 the input has errors (bad files, error-level findings, unknown
//! codes, no hits); 2 usage or I/O problems.

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

/// Exit codes and the commands a newcomer runs first, after every help text.
const AFTER_HELP: &str = "\
Examples:
  errdex build docs/                 compile docs/ into generated/ (kb.json, Rust, site, index)
  errdex check docs/ --summary       what the docs contradict, counted by kind and service
  errdex explain Ecs.0013            what a code means, from every source that defines it
  errdex search insufficient eip quota
  errdex diff --git v1.2 docs/       what changed since v1.2, and what it breaks

Exit codes:
  0  success
  1  the input has errors: bad files, error-level findings (or warnings with --deny warnings),
     an unknown code, a search without hits
  2  usage or I/O problems: a bad flag or config, a file that cannot be read";

/// Offline documentation compiler and error-code knowledge base.
#[derive(Parser)]
#[command(name = "errdex", version, about, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile documentation into generated/kb.json (and the other outputs).
    #[command(after_help = "\
Examples:
  errdex build                       the seeds/ folder into generated/
  errdex build doc/source --exclude '**/drafts/**'
  errdex build docs/ --keep-going    compile the good files, report the bad ones as warnings

A failed build leaves the previous output folder exactly as it was.
Exit codes: 0 built; 1 bad input files (nothing written); 2 usage, config or I/O problems.")]
    Build {
        #[command(flatten)]
        sources: SourceArgs,
        /// Output folder.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        /// Compile the good files and report bad ones as warnings instead of failing.
        #[arg(long)]
        keep_going: bool,
        /// The previous release: a kb.json (or the folder holding it), else a git revision of
        /// the same sources. Codes and enumeration values it documented and these documents
        /// dropped are kept as retired entries (deprecated variants in the generated crate).
        #[arg(long, value_name = "OLD")]
        baseline: Option<String>,
        /// Names this release in kb.json (what retired entries say they were retired in, and
        /// a later baseline says they were last documented in).
        #[arg(long, value_name = "LABEL")]
        release: Option<String>,
    },
    /// What changed between two releases of the docs, and the semver impact on the generated
    /// crate.
    #[command(after_help = "\
Each side is a built knowledge base (a kb.json, or a folder holding one) or source files and
folders compiled on the fly. With --git the sides are git revisions of the sources: the
positional arguments are then the source paths (default: seeds/), compiled as they were at
each revision from the repository's objects (the work tree is not touched).

Examples:
  errdex diff old/generated new/generated
  errdex diff v1/kb.json docs/ --format markdown > CHANGES.md
  errdex diff --git v1.2 docs/                  v1.2 against the work tree
  errdex diff --git v1.2 --git v1.3 docs/       two revisions (or --git v1.2..v1.3)
  errdex diff a/ b/ --fail-on breaking          CI: exit 1 on a breaking change

Exit codes: 0 compared (and nothing reaches --fail-on); 1 a change reaches --fail-on;
2 usage, config or I/O problems, or input that cannot be read.")]
    Diff {
        /// OLD NEW (each a kb.json, a folder holding one, or sources); with --git, the source
        /// paths.
        paths: Vec<PathBuf>,
        /// A git revision for the old side (twice, or `A..B`, for both sides).
        #[arg(long = "git", value_name = "REV")]
        revisions: Vec<String>,
        /// Output format.
        #[arg(long, default_value = "human", value_parser = formats(&["human", "json", "markdown"]))]
        format: Format,
        /// Exit 1 when a change has at least this impact.
        #[arg(long, value_parser = ["breaking", "minor", "patch"])]
        fail_on: Option<String>,
        /// Config file (synonyms for the meaning judgement; exclusions). Default: errdex.toml
        /// in the current folder, when present.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Leave out walked files matching this glob (repeat for several).
        #[arg(long, value_name = "GLOB")]
        exclude: Vec<String>,
    },
    /// Find where the docs contradict themselves; exit 1 on error-level findings.
    #[command(after_help = "\
Examples:
  errdex check docs/                         every finding, rustc style
  errdex check docs/ --summary               counts per kind and per service
  errdex check docs/ --severity warning --kind meaning-conflict --kind status-conflict
  errdex check docs/ --write-baseline .errdex-baseline.json    record today's findings
  errdex check docs/ --baseline .errdex-baseline.json          CI: fail only on new ones
  errdex check docs/ --format sarif > errdex.sarif             for code-scanning viewers

Exit codes: 0 no error-level finding shown (no warning either with --deny warnings);
1 there is one; 2 usage, config or I/O problems, or input that cannot be read.")]
    Check {
        #[command(flatten)]
        sources: SourceArgs,
        /// Output format.
        #[arg(long, default_value = "human", value_parser = formats(&["human", "json", "sarif"]))]
        format: Format,
        /// `--deny warnings`: exit 1 on warnings too.
        #[arg(long, value_parser = ["warnings"])]
        deny: Vec<String>,
        /// Show only findings of at least this severity.
        #[arg(long, value_parser = ["error", "warning", "note"])]
        severity: Option<String>,
        /// Show only findings of this kind (repeat for several).
        #[arg(long = "kind", value_name = "KIND", value_parser = finding_kinds())]
        kinds: Vec<String>,
        /// Print counts per kind and per service instead of the findings.
        #[arg(long)]
        summary: bool,
        /// Show (and fail on) only findings that are not in this baseline file.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Record every current finding in this baseline file, and exit 0.
        #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
        write_baseline: Option<PathBuf>,
    },
    /// Search error codes, operations, fields and enumeration values (ranked by the rules in
    /// README's "Search"; typo-tolerant). Exit 1 when nothing is found.
    #[command(after_help = "\
Query language:
  insufficient eip quota        words, no quotes needed (a code in any spelling: css6007, CSS.6007)
  '\"exact phrase\"'              the words side by side, in this order
  -word  -'\"some phrase\"'       leave out what holds it
  service:ecs  status:409       only this service, this HTTP status
  kind:code|enum|field|operation
Anything else is plain words. An empty query is a usage error (exit 2).")]
    Search {
        /// The query: words, a code, "phrases", -exclusions and filters (see below).
        #[arg(num_args = 0..)]
        query: Vec<String>,
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
        /// Folder holding kb.json (and the index), or that kb.json. Default: $ERRDEX_KB, else
        /// the nearest generated/ folder holding kb.json, from the current folder up.
        #[arg(long)]
        kb: Option<PathBuf>,
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
        /// When each meaning was first and last documented: through these knowledge bases
        /// (kb.json files or folders, oldest first), or with --git through the revisions of a
        /// range that changed the sources.
        #[arg(long, value_name = "KB", num_args = 0..)]
        history: Option<Vec<PathBuf>>,
        /// With --history: a git range (`v1..v2`, or a revision for all history up to it).
        #[arg(long = "git", value_name = "RANGE", requires = "history")]
        range: Option<String>,
        /// With --history --git: the source files and folders (default: seeds/).
        #[arg(long = "source", value_name = "PATH", requires = "range")]
        history_sources: Vec<PathBuf>,
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
    /// Print a shell completion script (e.g. `errdex completions bash > /etc/bash_completion.d/errdex`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff; e.g. `errdex man > errdex.1 && man ./errdex.1`).
    Man,
}

/// What `build` and `check` read.
#[derive(clap::Args)]
struct SourceArgs {
    /// Files and folders to read (folders recursively: documents only, .errdexignore and
    /// [sources] of errdex.toml respected). Default: seeds/.
    paths: Vec<PathBuf>,
    /// Config file. Default: errdex.toml in the current folder, when present. Output paths
    /// are relative to its folder.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Leave out walked files matching this glob, relative to the project root (repeat for
    /// several).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
}

impl SourceArgs {
    /// A build reading these sources with their config.
    fn into_build(self, build: errdex::Build) -> errdex::Build {
        let mut build = build;
        if let Some(config) = config_file(self.config) {
            build = build.config(config);
        }
        for glob in self.exclude {
            build = build.exclude(glob);
        }
        for path in default_paths(self.paths) {
            build = build.source(path);
        }
        build
    }
}

/// The finding kinds `--kind` takes.
fn finding_kinds() -> PossibleValuesParser {
    PossibleValuesParser::new(errdex::FindingKind::ALL.iter().map(|k| k.id()))
}

/// The arguments with `search`'s query moved behind `--`, so that `-word` (an exclusion) is
/// read as part of the query and flags may come anywhere: `errdex search bucket -deleted
/// --limit 3` → `errdex search --limit 3 -- bucket -deleted`. The flags are told apart by
/// `search`'s own definition.
fn query_behind_double_dash(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let Some(at) = args.iter().position(|a| a == "search") else {
        return args;
    };
    if args[1..at]
        .iter()
        .any(|a| !a.to_string_lossy().starts_with('-'))
    {
        return args;
    }
    let command = <Cli as clap::CommandFactory>::command();
    let Some(search) = command.find_subcommand("search") else {
        return args;
    };
    let takes_value = |name: &str| -> Option<bool> {
        search
            .get_arguments()
            .chain(command.get_arguments())
            .find(|a| {
                name.strip_prefix("--")
                    .is_some_and(|long| a.get_long() == Some(long))
                    || name
                        .strip_prefix('-')
                        .and_then(|short| short.chars().next().filter(|_| short.len() == 1))
                        .is_some_and(|short| a.get_short() == Some(short))
            })
            .map(|a| a.get_action().takes_values())
            .or_else(|| matches!(name, "--help" | "-h").then_some(false))
    };
    let (mut flags, mut query) = (args[..=at].to_vec(), Vec::new());
    let mut rest = args[at + 1..].iter();
    while let Some(arg) = rest.next() {
        let text = arg.to_string_lossy();
        if text == "--" {
            query.extend(rest.by_ref().cloned());
            break;
        }
        let name = text.split_once('=').map_or(&*text, |(name, _)| name);
        match takes_value(name) {
            Some(true) if !text.contains('=') => {
                flags.push(arg.clone());
                flags.extend(rest.next().cloned());
            }
            Some(_) => flags.push(arg.clone()),
            None => query.push(arg.clone()),
        }
    }
    flags.push("--".into());
    flags.extend(query);
    flags
}

fn main() -> ExitCode {
    let cli = Cli::parse_from(query_behind_double_dash(std::env::args_os().collect()));
    let result = match cli.command {
        Command::Build {
            sources,
            out,
            keep_going,
            baseline,
            release,
        } => build(sources, &out, keep_going, baseline, release),
        Command::Diff {
            paths,
            revisions,
            format,
            fail_on,
            config,
            exclude,
        } => diff(
            paths,
            &revisions,
            format,
            fail_on.as_deref(),
            errdex::release::Compile {
                config: config_file(config),
                exclude,
            },
        ),
        Command::Check {
            sources,
            format,
            deny,
            severity,
            kinds,
            summary,
            baseline,
            write_baseline,
        } => check(
            sources,
            CheckOutput {
                format,
                deny_warnings: !deny.is_empty(),
                severity,
                kinds,
                summary,
                baseline,
                write_baseline,
            },
        ),
        Command::Dump { file } => dump(&file),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "errdex", &mut script);
            stdout(&String::from_utf8_lossy(&script)).map(|()| ExitCode::SUCCESS)
        }
        Command::Man => man(),
        Command::Search {
            query,
            service,
            status,
            limit,
            format,
            kb,
        } => {
            let request = SearchRequest {
                query: query.join(" "),
                service,
                status,
                limit,
            };
            search(kb.as_deref(), &request, format)
        }
        Command::Explain {
            codes,
            format,
            kb: _,
            history: Some(releases),
            range,
            history_sources,
            ..
        } => explain_history(&codes, releases, range.as_deref(), history_sources, format),
        Command::Explain {
            codes,
            format,
            lang,
            kb,
            ..
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
    formats(&["human", "json"])
}

/// A `--format` taking these of the formats.
fn formats(names: &'static [&'static str]) -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(names).map(|value| match value.as_str() {
        "json" => Format::Json,
        "sarif" => Format::Sarif,
        "markdown" => Format::Markdown,
        _ => Format::Human,
    })
}

/// Writes the answer to standard output. A reader that stopped reading (`errdex check | head`)
/// is not an error.
fn stdout(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(err.into()),
        _ => Ok(()),
    }
}

fn notice(line: &str) {
    eprintln!("{line}");
}

fn search(kb: Option<&Path>, request: &SearchRequest, format: Format) -> anyhow::Result<ExitCode> {
    if request.parsed().is_empty() {
        return Err(errdex::search::IndexError::EmptyQuery.into());
    }
    let kb = errdex::locate::find_kb_here(kb)?;
    let results = SearchIndex::open_or_build(&kb, &mut notice)?.search(request)?;
    stdout(&report::search::render(format, &results))?;
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
    stdout(&report::explain::render_all(format, &lookups))?;
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
        Some(path) if path != Path::new("-") => std::fs::read_to_string(path)
            .map_err(|err| anyhow::anyhow!("cannot read {}: {err}", path.display()))?,
        _ => std::io::read_to_string(std::io::stdin())?,
    };
    let document: serde_json::Value = serde_json::from_str(&text)
        .map_err(|err| anyhow::anyhow!("the input is not JSON: {err}"))?;
    let explainer = Explainer::open(&errdex::locate::find_kb_here(kb)?, &mut notice)?;
    let annotated = errdex::annotate::annotate(document, &mut |code: &str| {
        explainer.lookup(code).map(|l| l.in_language(lang))
    })?;
    stdout(&report::annotate::render(format, &annotated))?;
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
    sources: SourceArgs,
    out: &Path,
    keep_going: bool,
    baseline: Option<String>,
    release: Option<String>,
) -> anyhow::Result<ExitCode> {
    let mut build = errdex::build().out_dir(out).keep_going(keep_going);
    if let Some(release) = release {
        build = build.release(release);
    }
    if let Some(old) = baseline {
        let compile = errdex::release::Compile {
            config: config_file(sources.config.clone()),
            exclude: sources.exclude.clone(),
        };
        let kb = match Path::new(&old).exists() {
            true => errdex::release::read_kb(Path::new(&old))?,
            false => compile.at_revision(&old, &default_paths(sources.paths.clone()))?,
        };
        build = build.baseline(kb, old);
    }
    let build = sources.into_build(build);
    match build.run() {
        Ok(compiled) => {
            for warning in &compiled.warnings {
                eprintln!("warning: {warning}");
            }
            let kb = &compiled.kb;
            let definitions: usize = kb.error_codes.iter().map(|c| c.definitions.len()).sum();
            eprintln!(
                "compiled {} sources: {} error codes ({} definitions), {} operations, {} enumerations -> {}{}",
                kb.sources.len(),
                kb.error_codes.len(),
                definitions,
                kb.operations.len(),
                kb.enums.len(),
                out.display(),
                skipped_note(&compiled.skipped)
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

/// Whether standard output is a terminal that takes colour (no `NO_COLOR`).
fn colour() -> bool {
    std::io::IsTerminal::is_terminal(&std::io::stdout())
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn diff(
    paths: Vec<PathBuf>,
    revisions: &[String],
    format: Format,
    fail_on: Option<&str>,
    compile: errdex::release::Compile,
) -> anyhow::Result<ExitCode> {
    let revisions: Vec<String> = revisions
        .iter()
        .flat_map(|r| match r.split_once("..") {
            Some((a, b)) => vec![a.to_string(), b.to_string()],
            None => vec![r.clone()],
        })
        .collect();
    let side = |path: &Path| -> anyhow::Result<(errdex::kb::KnowledgeBase, String)> {
        Ok((
            errdex::release::load(path, &compile)?,
            path.display().to_string(),
        ))
    };
    let ((old, old_label), (new, new_label)) = match revisions.as_slice() {
        [] => match paths.as_slice() {
            [old, new] => (side(old)?, side(new)?),
            _ => anyhow::bail!("give two sides to compare: errdex diff OLD NEW (or --git REV)"),
        },
        [rev] => {
            let sources = default_paths(paths);
            let old = compile.at_revision(rev, &sources)?;
            let new = compile.sources(None, &sources)?;
            ((old, rev.clone()), (new, "work tree".to_string()))
        }
        [a, b] => {
            let sources = default_paths(paths);
            let old = compile.at_revision(a, &sources)?;
            let new = compile.at_revision(b, &sources)?;
            ((old, a.clone()), (new, b.clone()))
        }
        _ => anyhow::bail!("--git takes one revision (against the work tree) or two"),
    };
    let config = match &compile.config {
        Some(path) => errdex::Config::load(path)?,
        None => errdex::Config::default(),
    };
    let diff = errdex::diff::diff(&old, &new, &old_label, &new_label, &config);
    stdout(&report::diff::render(format, &diff, colour()))?;
    let threshold = match fail_on {
        Some("breaking") => errdex::diff::Impact::Breaking,
        Some("minor") => errdex::diff::Impact::Minor,
        Some(_) => errdex::diff::Impact::Patch,
        None => return Ok(ExitCode::SUCCESS),
    };
    Ok(ExitCode::from(u8::from(diff.impact >= threshold)))
}

fn explain_history(
    arguments: &[String],
    releases: Vec<PathBuf>,
    range: Option<&str>,
    sources: Vec<PathBuf>,
    format: Format,
) -> anyhow::Result<ExitCode> {
    let codes = split_codes(arguments);
    let compile = errdex::release::Compile {
        config: config_file(None),
        exclude: Vec::new(),
    };
    let mut loaded: Vec<(String, errdex::kb::KnowledgeBase)> = Vec::new();
    match range {
        Some(range) => {
            let sources = default_paths(sources);
            let revisions = errdex::release::revisions(range, &sources)?;
            notice(&format!(
                "compiling {} revisions of {}",
                revisions.len(),
                sources
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            for (commit, label) in revisions {
                loaded.push((label, compile.at_revision(&commit, &sources)?));
            }
        }
        None if releases.is_empty() => {
            anyhow::bail!("--history needs knowledge bases (oldest first) or --git RANGE")
        }
        None => {
            for path in releases {
                loaded.push((path.display().to_string(), errdex::release::read_kb(&path)?));
            }
        }
    }
    let config = match &compile.config {
        Some(path) => errdex::Config::load(path)?,
        None => errdex::Config::default(),
    };
    let views: Vec<(String, &errdex::kb::KnowledgeBase)> = loaded
        .iter()
        .map(|(label, kb)| (label.clone(), kb))
        .collect();
    let mut histories = Vec::new();
    let mut unknown = false;
    for code in codes {
        match errdex::diff::history(code, &views, &config) {
            Some(history) => histories.push(history),
            None => {
                eprintln!("error: no release defines {code}");
                unknown = true;
            }
        }
    }
    stdout(&report::diff::history(format, &histories))?;
    Ok(ExitCode::from(u8::from(unknown)))
}

/// `; left out 1,955 files that are not documents (1,828 png, 124 jpg, 3 json)`, or nothing.
fn skipped_note(skipped: &std::collections::BTreeMap<String, usize>) -> String {
    let total: usize = skipped.values().sum();
    if total == 0 {
        return String::new();
    }
    let mut by_count: Vec<(&String, &usize)> = skipped.iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let kinds: Vec<String> = by_count
        .iter()
        .map(|(extension, count)| format!("{count} {extension}"))
        .collect();
    format!(
        "; left out {total} files that are not documents ({})",
        kinds.join(", ")
    )
}

/// What `check` shows and how it decides the exit code.
struct CheckOutput {
    format: Format,
    deny_warnings: bool,
    severity: Option<String>,
    kinds: Vec<String>,
    summary: bool,
    baseline: Option<PathBuf>,
    write_baseline: Option<PathBuf>,
}

fn check(sources: SourceArgs, output: CheckOutput) -> anyhow::Result<ExitCode> {
    use errdex::check::triage::{Baseline, Selection, Tally};
    let build = sources.into_build(errdex::Build::new());
    let root = build.project_root();
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
    let kb = &compiled.kb;
    if let Some(file) = &output.write_baseline {
        let baseline = Baseline::of(&compiled.findings, &kb.sources);
        std::fs::write(file, baseline.to_json())
            .map_err(|err| anyhow::anyhow!("cannot write {}: {err}", file.display()))?;
        eprintln!(
            "wrote a baseline of {} findings to {}",
            baseline.findings.len(),
            file.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut findings: Vec<&errdex::Finding> = compiled.findings.iter().collect();
    if let Some(file) = &output.baseline {
        let text = std::fs::read_to_string(file)
            .map_err(|err| anyhow::anyhow!("cannot read the baseline {}: {err}", file.display()))?;
        let baseline = Baseline::parse(&text)
            .map_err(|err| anyhow::anyhow!("{}: not a baseline: {err}", file.display()))?;
        findings = baseline.new_findings(&compiled.findings, &kb.sources);
    }
    let selection = Selection {
        min_severity: output.severity.as_deref().map(|s| match s {
            "error" => errdex::Severity::Error,
            "warning" => errdex::Severity::Warning,
            _ => errdex::Severity::Note,
        }),
        kinds: output
            .kinds
            .iter()
            .filter_map(|k| errdex::FindingKind::from_id(k))
            .collect(),
    };
    findings.retain(|f| selection.admits(f));
    let shown: Vec<errdex::Finding> = findings.into_iter().cloned().collect();
    if output.summary {
        let service_of = |code: &str| kb.error_code(code).map(|c| c.service.clone());
        let tally = Tally::of(&shown, service_of);
        stdout(&report::summary::render(output.format, &tally))?;
    } else {
        let sources =
            report::SourceMap::read(&kb.sources, &root).with_source_url(kb.source_url.as_deref());
        stdout(&report::findings(output.format, &shown, &sources, colour()))?;
    }
    let failed = errdex::check::Summary::of(&shown).fails(output.deny_warnings);
    Ok(ExitCode::from(u8::from(failed)))
}

/// The manual page of errdex, with a section per subcommand (its description, options,
/// examples and exit codes).
fn man() -> anyhow::Result<ExitCode> {
    let command = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut out)?;
    for sub in command.get_subcommands() {
        out.extend_from_slice(
            format!(".SH \"ERRDEX {}\"\n", sub.get_name().to_uppercase()).as_bytes(),
        );
        let page = clap_mangen::Man::new(sub.clone());
        page.render_description_section(&mut out)?;
        page.render_options_section(&mut out)?;
        page.render_extra_section(&mut out)?;
    }
    stdout(&String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}

fn dump(file: &Path) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(file)
        .map_err(|err| anyhow::anyhow!("cannot read {}: {err}", file.display()))?;
    let text = errdex::ingest::decode(file, bytes).map_err(|d| anyhow::anyhow!("{d}"))?;
    let format = errdex::parse::sniff(&text);
    match errdex::parse::parse(format, &text) {
        Ok(document) => {
            stdout(&format!(
                "{}\n",
                serde_json::json!({"format": format, "document": document})
            ))?;
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
