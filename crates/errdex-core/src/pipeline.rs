//! The build pipeline as a library API, for the CLI and for other crates' `build.rs`.
//!
//! ```no_run
//! let compiled = errdex_core::Build::new().source("docs").out_dir("generated").run()?;
//! println!("{} codes", compiled.kb.error_codes.len());
//! # Ok::<(), errdex_core::Error>(())
//! ```
//!
//! Steps: discover → read and decode → parse (files in parallel) → extract → normalize → state
//! each code's meaning ([`crate::explain::stated::decide`]) → check → emit → write atomically.
//! Every bad input file is collected before failing.
//!
//! The core writes `kb.json`, its schema and the generated Rust; other outputs (the site, the
//! search index) are [`Renderer`]s added with [`Build::renderer`], in the spirit of mdBook's
//! renderers: each gets the finished knowledge base and adds files to the same atomic set.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::check;
use crate::config::Config;
use crate::emit::{self, Outputs};
use crate::error::{Diagnostic, Error, Result};
use crate::explain;
use crate::extract::{self, Extraction};
use crate::ingest;
use crate::kb::KnowledgeBase;
use crate::normalize;
use crate::parse;

/// An output beyond the core ones (kb.json, its schema, the generated Rust): the site, the
/// search index, or one of your own:
///
/// ```no_run
/// use errdex_core::{Build, Outputs, RenderContext, Renderer};
///
/// /// Writes one line per code: `CODE<TAB>message`.
/// struct CodeList;
///
/// impl Renderer for CodeList {
///     fn name(&self) -> &'static str {
///         "code list"
///     }
///     fn render(&self, context: &RenderContext<'_>, outputs: &mut Outputs) -> errdex_core::Result<()> {
///         let lines: String = context
///             .kb
///             .error_codes
///             .iter()
///             .filter_map(|c| Some(format!("{}\t{}\n", c.code, c.definitions.first()?.message)))
///             .collect();
///         outputs.add("codes.tsv", lines);
///         Ok(())
///     }
/// }
///
/// Build::new().source("docs").out_dir("generated").renderer(CodeList).run()?;
/// # Ok::<(), errdex_core::Error>(())
/// ```
///
/// A renderer adds its files to the build's atomic output set: nothing is written unless the
/// whole build succeeds.
pub trait Renderer: Send + Sync {
    /// What it renders, for error messages (`"site"`, `"search index"`).
    fn name(&self) -> &'static str;

    /// Adds this renderer's files to `outputs` (paths relative to the output folder).
    fn render(&self, context: &RenderContext<'_>, outputs: &mut Outputs) -> Result<()>;

    /// Sub-folders of the previous output carried over when this renderer did not write them
    /// anew (an index rebuilt only when the knowledge base changed).
    fn keep(&self) -> &'static [&'static str] {
        &[]
    }
}

/// What a [`Renderer`] gets.
#[derive(Debug, Clone, Copy)]
pub struct RenderContext<'a> {
    /// The finished knowledge base.
    pub kb: &'a KnowledgeBase,
    /// The settings of `errdex.toml`.
    pub config: &'a Config,
    /// The output folder as it is before this build replaces it.
    pub out_dir: &'a Path,
}

/// Configures and runs a build.
///
/// ```no_run
/// // In a build.rs: the generated Rust into OUT_DIR, nothing else written.
/// let out_dir = std::env::var_os("OUT_DIR").expect("run by cargo");
/// errdex_core::Build::new().source("docs").rust_out(out_dir).run()?;
/// # Ok::<(), errdex_core::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct Build {
    sources: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    rust_out: Option<PathBuf>,
    keep_going: bool,
    config: Option<PathBuf>,
    root: Option<PathBuf>,
    exclude: Vec<String>,
    renderers: Vec<Arc<dyn Renderer>>,
    release: Option<String>,
    baseline: Option<Arc<(KnowledgeBase, String)>>,
}

impl fmt::Debug for Build {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let renderers: Vec<&str> = self.renderers.iter().map(|r| r.name()).collect();
        f.debug_struct("Build")
            .field("sources", &self.sources)
            .field("out_dir", &self.out_dir)
            .field("rust_out", &self.rust_out)
            .field("keep_going", &self.keep_going)
            .field("config", &self.config)
            .field("root", &self.root)
            .field("exclude", &self.exclude)
            .field("renderers", &renderers)
            .field("release", &self.release)
            .field("baseline", &self.baseline.as_ref().map(|b| &b.1))
            .finish()
    }
}

/// The result of a build.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The knowledge base.
    pub kb: KnowledgeBase,
    /// Problems with input files that were skipped (only with `keep_going`).
    pub warnings: Vec<Diagnostic>,
    /// Every input file read, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
    /// Files of walked folders left out because they are not documents, by extension.
    pub skipped: std::collections::BTreeMap<String, usize>,
    /// What `check` found, with the texts and scores printers show (`kb.findings` is the
    /// same list in `kb.json` form).
    pub findings: Vec<crate::kb::Finding>,
}

impl Build {
    /// A build with no sources yet.
    pub fn new() -> Self {
        Build::default()
    }

    /// Adds a source file or folder (folders are read recursively).
    pub fn source(mut self, path: impl Into<PathBuf>) -> Self {
        self.sources.push(path.into());
        self
    }

    /// Sets the output folder (`kb.json`, `kb.schema.json`, …).
    pub fn out_dir(mut self, path: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(path.into());
        self
    }

    /// Writes the generated Rust as one file, [`emit::rust::SINGLE_FILE_NAME`], into `dir`
    /// (a build script's `OUT_DIR`), for
    /// `include!(concat!(env!("OUT_DIR"), "/errdex_generated.rs"))`. Run from a build script
    /// (`OUT_DIR` set), it prints `cargo:rerun-if-changed` for every source. Without
    /// [`Build::out_dir`], nothing else is written.
    pub fn rust_out(mut self, dir: impl Into<PathBuf>) -> Self {
        self.rust_out = Some(dir.into());
        self
    }

    /// Compiles the good files and reports bad ones as warnings instead of failing.
    pub fn keep_going(mut self, keep_going: bool) -> Self {
        self.keep_going = keep_going;
        self
    }

    /// The project root: every path in every output is relative to it, so the same
    /// repository gives the same output on any machine. Default: the folder of the config
    /// file, else the current folder.
    pub fn root(mut self, dir: impl Into<PathBuf>) -> Self {
        self.root = Some(dir.into());
        self
    }

    /// Leaves out walked files matching this glob (relative to the root), beside
    /// `[sources] exclude` of the config.
    pub fn exclude(mut self, glob: impl Into<String>) -> Self {
        self.exclude.push(glob.into());
        self
    }

    /// Names the release these documents are (`kb.json`'s `release`): what a later build
    /// with a baseline says a code retired after it was last documented in, and what codes
    /// this build retires are retired in.
    pub fn release(mut self, label: impl Into<String>) -> Self {
        self.release = Some(label.into());
        self
    }

    /// Keeps what `baseline` (the previous release's knowledge base) documented and these
    /// documents dropped, as retired entries (`crate::diff::retire`): the generated crate
    /// keeps them as `#[deprecated]` variants, `explain` still answers for them. `label` names
    /// the baseline when it has no `release` of its own (a git revision, a path).
    pub fn baseline(mut self, baseline: KnowledgeBase, label: impl Into<String>) -> Self {
        self.baseline = Some(Arc::new((baseline, label.into())));
        self
    }

    /// Adds an output beyond kb.json, its schema and the generated Rust.
    pub fn renderer(mut self, renderer: impl Renderer + 'static) -> Self {
        self.renderers.push(Arc::new(renderer));
        self
    }

    /// Reads `errdex.toml` settings from this file: acknowledged findings, authoritative
    /// sources, source groups and synonyms, for `check`, the meaning errdex states and every
    /// output (kb.json, the generated Rust, the site).
    pub fn config(mut self, path: impl Into<PathBuf>) -> Self {
        self.config = Some(path.into());
        self
    }

    fn load_config(&self) -> Result<Config> {
        let Some(path) = &self.config else {
            return Ok(Config::default());
        };
        Ok(Config::load(path)?)
    }

    /// The folder output paths are relative to: [`Build::root`], else the config file's
    /// folder, else the current folder.
    pub fn project_root(&self) -> PathBuf {
        if let Some(root) = &self.root {
            return root.clone();
        }
        match self.config.as_deref().and_then(Path::parent) {
            Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    /// `[sources]` of the config with [`Build::exclude`] added.
    fn source_filter(&self, config: &Config) -> Result<ingest::SourceFilter> {
        let mut exclude = config.sources.exclude.clone();
        exclude.extend(self.exclude.iter().cloned());
        ingest::SourceFilter::new(&config.sources.include, &exclude).map_err(|message| {
            let place = self.config.as_deref().unwrap_or(Path::new("--exclude"));
            Error::BadInput(vec![Diagnostic::file(place, message)])
        })
    }

    /// Compiles the sources into a knowledge base without writing anything.
    pub fn compile(&self) -> Result<Compiled> {
        self.compile_with(&self.load_config()?)
    }

    /// Compiles with the config already read.
    fn compile_with(&self, config: &Config) -> Result<Compiled> {
        let root = self.project_root();
        let filter = self.source_filter(config)?;
        let ingest::Discovery {
            files,
            mut problems,
            skipped,
        } = ingest::discover(&self.sources, &root, &filter);
        // One pass per file, in parallel: read, parse, extract, then drop the text and the
        // document, so memory holds only what the knowledge base keeps.
        let ids = ingest::source_ids(&files, &root);
        let results: Vec<std::result::Result<Extraction, Vec<Diagnostic>>> = files
            .par_iter()
            .zip(ids)
            .map(|(path, (id, shown))| compile_file(path, id, shown))
            .collect();
        let mut extractions = Vec::with_capacity(results.len());
        for result in results {
            match result {
                Ok(extraction) => extractions.push(extraction),
                Err(file_problems) => problems.extend(file_problems),
            }
        }
        problems.sort();
        if !problems.is_empty() && !self.keep_going {
            return Err(Error::BadInput(problems));
        }
        if extractions.is_empty() {
            let names: Vec<String> = self
                .sources
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            return Err(match problems.is_empty() {
                true => Error::NoInput(names.join(", ")),
                false => Error::BadInput(problems),
            });
        }
        let mut kb = normalize::assemble(extractions);
        kb.source_url = config.source_url.clone();
        explain::stated::decide(&mut kb, config);
        let findings = check::check(&kb, config);
        kb.findings = findings.iter().map(crate::kb::Finding::for_kb).collect();
        kb.release = self.release.clone();
        if let Some(baseline) = &self.baseline {
            crate::diff::retire(&mut kb, &baseline.0, &baseline.1);
        }
        Ok(Compiled {
            kb,
            warnings: problems,
            inputs: files,
            skipped,
            findings,
        })
    }

    /// Compiles and writes every output into the output folder (default `generated/`).
    pub fn run(&self) -> Result<Compiled> {
        let config = self.load_config()?;
        let compiled = self.compile_with(&config)?;
        if let Some(dir) = &self.rust_out {
            if std::env::var_os("OUT_DIR").is_some() {
                emit::rust::print_rerun_if_changed(&self.sources, &compiled.inputs);
            }
            emit::rust::write_single_file(dir, &compiled.kb, &config)?;
            if self.out_dir.is_none() {
                return Ok(compiled);
            }
        }
        let out_dir = self
            .out_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("generated"));
        let mut outputs = Outputs::staged(&out_dir)?;
        render_into(&mut outputs, &compiled.kb, &config);
        let context = RenderContext {
            kb: &compiled.kb,
            config: &config,
            out_dir: &out_dir,
        };
        let mut keep = Vec::new();
        for renderer in &self.renderers {
            renderer.render(&context, &mut outputs)?;
            keep.extend_from_slice(renderer.keep());
        }
        outputs.write_atomically(&out_dir, &keep)?;
        Ok(compiled)
    }
}

/// Reads, parses and extracts one file.
fn compile_file(
    path: &Path,
    id: String,
    shown: String,
) -> std::result::Result<Extraction, Vec<Diagnostic>> {
    let source = ingest::read_source(path, id, shown).map_err(|problem| vec![problem])?;
    let document = parse::parse(source.format, &source.text).map_err(|problems| {
        problems
            .into_iter()
            .map(|p| Diagnostic::at(Path::new(&source.path), p.line, p.message))
            .collect::<Vec<_>>()
    })?;
    Ok(extract::extract(&source, &document))
}

/// The core output files for a knowledge base (kb.json, its schema, the generated crate), held
/// in memory.
pub fn render(kb: &KnowledgeBase) -> Outputs {
    let mut outputs = Outputs::default();
    render_into(&mut outputs, kb, &Config::default());
    outputs
}

/// Adds the core output files for a knowledge base to `outputs`, with `errdex.toml` settings
/// (the authoritative meanings in the generated Rust).
pub fn render_into(outputs: &mut Outputs, kb: &KnowledgeBase, config: &Config) {
    outputs.add("kb.json", emit::json::kb_json(kb));
    outputs.add("kb.schema.json", emit::json::kb_schema_json());
    outputs.add("diff.schema.json", crate::diff::schema_json());
    let authority = emit::rust::Authority::from_config(config);
    emit::rust::emit_crate(kb, &authority, &mut |path, content| {
        outputs.add(Path::new("rust").join(path), content);
    });
}
