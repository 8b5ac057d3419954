//! How often is a finding right? A harness for reading findings by hand (issue 14).
//!
//! ```sh
//! # A fixed random sample of each kind's findings, with the cited lines, for a reader to judge:
//! cargo bench --bench precision -- sample --seed 14 --per-kind 20 /path/to/docs [--config errdex.toml]
//! # Precision per kind from the reader's judgements, of the findings a sample holds:
//! cargo bench --bench precision -- score benches/precision/otc.judged --sample otc.sample.txt
//! ```
//!
//! `sample` builds the folder (it is also the project root), runs `check`, prints the number of
//! pages and, per kind, the count and the count per 1,000 pages; then, for each kind, `--per-kind`
//! findings drawn with a seeded shuffle from the kind's findings ordered by fingerprint (so the
//! same docs and seed give the same sample), each with its key, message and the lines it cites
//! (markup stripped, the cited line marked `>`).
//!
//! A judgement file has one line per judged finding: `VERDICT KIND KEY  # why`, where VERDICT is
//! `true` (a maintainer must fix it), `false` (it is not so) or `debatable`, KEY the 12-hex key
//! `sample` printed. Blank lines and lines starting with `#` are comments. `score` prints, per
//! kind, true/false/debatable and precision = true / (true + false), with debatable counted
//! as false in a second, stricter figure; with `--sample`, of the findings that sample holds
//! (so judgements of earlier samples count where the same finding is drawn again, and a
//! finding nobody judged yet is counted as unjudged).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use errdex::check::triage::fingerprint;
use errdex::kb::{Finding, KnowledgeBase};

fn main() -> ExitCode {
    // `cargo bench` passes `--bench` to every bench binary: not ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let result = match args.first().map(String::as_str) {
        Some("sample") => sample(&args[1..]),
        Some("score") => score(&args[1..]),
        // `cargo bench` with no arguments runs every bench: nothing to measure without docs.
        None => {
            println!(
                "precision: `-- sample --seed N DOCS` or `-- score FILE` (see the file's doc)"
            );
            Ok(())
        }
        Some(other) => Err(format!("unknown command {other:?}: sample or score")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("precision: {message}");
            ExitCode::from(2)
        }
    }
}

/// `sample` options.
struct SampleArgs {
    seed: u64,
    per_kind: usize,
    docs: PathBuf,
    config: Option<PathBuf>,
}

fn sample_args(args: &[String]) -> Result<SampleArgs, String> {
    let mut seed = 14;
    let mut per_kind = 20;
    let mut docs = None;
    let mut config = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--seed" => {
                seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--per-kind" => {
                per_kind = value("--per-kind")?
                    .parse()
                    .map_err(|e| format!("--per-kind: {e}"))?
            }
            "--config" => config = Some(PathBuf::from(value("--config")?)),
            path if docs.is_none() => docs = Some(PathBuf::from(path)),
            extra => return Err(format!("unexpected argument {extra:?}")),
        }
    }
    let docs = docs.ok_or("sample needs a docs folder")?;
    Ok(SampleArgs {
        seed,
        per_kind,
        docs,
        config,
    })
}

fn sample(args: &[String]) -> Result<(), String> {
    let args = sample_args(args)?;
    let mut build = errdex::Build::new().root(&args.docs).source(&args.docs);
    if let Some(config) = &args.config {
        build = build.config(config);
    }
    let compiled = build
        .keep_going(true)
        .compile()
        .map_err(|e| e.to_string())?;
    let kb = &compiled.kb;
    let pages = kb.sources.len();
    let mut by_kind: BTreeMap<&str, Vec<(String, &Finding)>> = BTreeMap::new();
    for finding in &compiled.findings {
        let key = fingerprint(finding, &kb.sources)[..12].to_string();
        by_kind
            .entry(finding.kind.id())
            .or_default()
            .push((key, finding));
    }
    println!("# docs: {}", args.docs.display());
    println!(
        "# pages: {pages}; findings: {}; seed {}, up to {} per kind",
        compiled.findings.len(),
        args.seed,
        args.per_kind
    );
    println!("# kind                      severity  count  per 1,000 pages");
    for (kind, findings) in &by_kind {
        println!(
            "# {kind:<25} {:<8} {:>6}  {:>8.1}",
            findings[0].1.severity.as_str(),
            findings.len(),
            per_thousand(findings.len(), pages)
        );
    }
    for (kind, findings) in &mut by_kind {
        findings.sort_by(|a, b| a.0.cmp(&b.0));
        let picked = pick(findings.len(), args.per_kind, args.seed);
        println!(
            "\n======== {kind}: {} of {} ========",
            picked.len(),
            findings.len()
        );
        for (n, index) in picked.into_iter().enumerate() {
            let (key, finding) = &findings[index];
            println!("\n--- {kind} {key} ({}/{})", n + 1, args.per_kind);
            println!("{}", finding.message);
            for quote in &finding.texts {
                println!(
                    "  text {}:{}: {}",
                    quote.location.source,
                    quote.location.line,
                    clip(&quote.text, 160)
                );
            }
            for location in finding.locations.iter().take(4) {
                print_cited(kb, &args.docs, &location.source, location.line);
            }
        }
    }
    Ok(())
}

fn per_thousand(count: usize, pages: usize) -> f64 {
    if pages == 0 {
        0.0
    } else {
        count as f64 * 1000.0 / pages as f64
    }
}

/// `count` indices out of `len`, by a seeded partial Fisher–Yates shuffle (SplitMix64), in the
/// order drawn.
fn pick(len: usize, count: usize, seed: u64) -> Vec<usize> {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut indices: Vec<usize> = (0..len).collect();
    let count = count.min(len);
    for i in 0..count {
        let j = i + (next() % (len - i) as u64) as usize;
        indices.swap(i, j);
    }
    indices.truncate(count);
    indices
}

/// The lines around a cited line, markup stripped, blank ones left out, the line marked `>`.
fn print_cited(kb: &KnowledgeBase, root: &Path, source: &str, line: u32) {
    let Some(path) = kb.sources.iter().find(|s| s.id == source).map(|s| &s.path) else {
        return;
    };
    println!("  @ {path}:{line}");
    let Ok(text) = std::fs::read_to_string(root.join(path)) else {
        println!("    (unreadable)");
        return;
    };
    let lines: Vec<&str> = text.lines().collect();
    let at = line as usize;
    let from = at.saturating_sub(3).max(1);
    let to = (at + 8).min(lines.len());
    for n in from..=to {
        let shown = clip(&strip_markup(lines[n - 1]), 200);
        if shown.is_empty() {
            continue;
        }
        let mark = if n == at { '>' } else { ' ' };
        println!("   {mark}{n:>5} {shown}");
    }
}

/// The text of a line without HTML tags, spaces collapsed.
fn strip_markup(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_tag = false;
    for c in line.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clip(text: &str, width: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= width {
        text
    } else {
        format!("{}…", text.chars().take(width).collect::<String>())
    }
}

/// Per kind: true, false, debatable.
#[derive(Default)]
struct Verdicts {
    yes: usize,
    no: usize,
    debatable: usize,
    unjudged: usize,
}

/// The verdicts of judgement files by (kind, key). A key may be written twice (two findings
/// of one key in a sample) with the same verdict, never with two.
fn read_verdicts(files: &[String]) -> Result<BTreeMap<(String, String), String>, String> {
    let mut verdicts = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let words: Vec<&str> = line.split_whitespace().collect();
            let [verdict, kind, key] = words[..] else {
                return Err(format!("{file}:{}: expected `VERDICT KIND KEY`", n + 1));
            };
            if !matches!(verdict, "true" | "false" | "debatable") {
                return Err(format!(
                    "{file}:{}: verdict {verdict:?}: true, false or debatable",
                    n + 1
                ));
            }
            let before = verdicts.insert((kind.to_string(), key.to_string()), verdict.to_string());
            if before.as_deref().is_some_and(|b| b != verdict) {
                return Err(format!("{file}:{}: {kind} {key} judged two ways", n + 1));
            }
        }
    }
    Ok(verdicts)
}

/// `score JUDGED... [--sample SAMPLE]`: precision per kind from the judgements; with a sample
/// (the output of `sample`), of the findings that sample holds (a key sampled twice counts
/// twice; findings nobody judged are counted apart), with each kind's severity and count per
/// 1,000 pages.
fn score(args: &[String]) -> Result<(), String> {
    let mut files = Vec::new();
    let mut sample = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--sample" => sample = Some(it.next().ok_or("--sample needs a file")?.clone()),
            _ => files.push(arg.clone()),
        }
    }
    if files.is_empty() {
        return Err("score needs a judgement file".into());
    }
    let verdicts = read_verdicts(&files)?;
    let mut by_kind: BTreeMap<String, Verdicts> = BTreeMap::new();
    let mut header: BTreeMap<String, (String, String, String)> = BTreeMap::new();
    let mut count = |kind: &str, verdict: Option<&String>| {
        let v = by_kind.entry(kind.to_string()).or_default();
        match verdict.map(String::as_str) {
            Some("true") => v.yes += 1,
            Some("false") => v.no += 1,
            Some(_) => v.debatable += 1,
            None => v.unjudged += 1,
        }
    };
    match &sample {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            for line in text.lines() {
                let words: Vec<&str> = line.split_whitespace().collect();
                match words[..] {
                    ["---", kind, key, ..] => {
                        count(kind, verdicts.get(&(kind.to_string(), key.to_string())))
                    }
                    ["#", kind, severity, total, per_thousand]
                        if total.chars().all(|c| c.is_ascii_digit()) =>
                    {
                        header.insert(
                            kind.to_string(),
                            (severity.into(), total.into(), per_thousand.into()),
                        );
                    }
                    _ => {}
                }
            }
        }
        None => {
            for ((kind, _), verdict) in &verdicts {
                count(kind, Some(verdict));
            }
        }
    }
    println!("{}", sample.as_deref().unwrap_or(&files.join(", ")));
    println!(
        "| kind | severity | findings | per 1,000 pages | sampled | true | false | debatable | unjudged | precision | precision (debatable as false) |"
    );
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let kinds: std::collections::BTreeSet<&String> = by_kind.keys().chain(header.keys()).collect();
    for kind in kinds {
        let v = by_kind.get(kind.as_str());
        let (yes, no, debatable, unjudged) =
            v.map_or((0, 0, 0, 0), |v| (v.yes, v.no, v.debatable, v.unjudged));
        let (severity, total, per_thousand) = header
            .get(kind.as_str())
            .cloned()
            .unwrap_or_else(|| ("-".into(), "-".into(), "-".into()));
        let precision = |num: usize, den: usize| {
            if den == 0 {
                "-".to_string()
            } else {
                format!("{:.0}%", num as f64 * 100.0 / den as f64)
            }
        };
        println!(
            "| {kind} | {severity} | {total} | {per_thousand} | {} | {yes} | {no} | {debatable} | {unjudged} | {} | {} |",
            yes + no + debatable + unjudged,
            precision(yes, yes + no),
            precision(yes, yes + no + debatable)
        );
    }
    Ok(())
}
