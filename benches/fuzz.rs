//! The fuzz runner for stable Rust: `cargo bench --bench fuzz [-- --seconds N --seed S
//! --target NAME]`.
//!
//! Each target of `errdex_core::fuzzing::TARGETS` (the format sniffed, then each parser forced)
//! gets mutated inputs for its share of the time: the seeds and the test fixtures as the
//! starting corpus, mutated by byte flips, deletions, insertions of every format's syntax,
//! repeats of a slice (deep nesting, long rows) and splices of two inputs. Every input runs
//! through the whole page path (decode, parse, extract) under `catch_unwind`; an input that
//! panics is saved under `target/fuzz-crashes/` and named. A second pass measures growth: each
//! piece of syntax repeated until parsing takes milliseconds, then eight times as often; time
//! growing faster than size^1.75 is reported as super-linear. Exit 1 on any panic or
//! super-linear construct.
//!
//! The same targets run coverage-guided under cargo-fuzz (nightly) from `fuzz/`.
//! `FUZZ_GROWTH_TRACE=1` prints every growth measurement.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use errdex::fuzzing::{SYNTAX, TARGETS, parse_and_extract};
use errdex_synth::Rng;

/// Inputs are cut to this size, as libFuzzer's default `-max_len` does for a seed corpus.
const MAX_INPUT: usize = 64 * 1024;
/// Repeats of a piece of syntax the growth pass starts from.
const GROWTH_REPEATS: usize = 1_000;
/// The growth pass doubles the repeats until an input takes this long…
const GROWTH_FLOOR: Duration = Duration::from_millis(5);
/// …or reaches this size.
const GROWTH_MAX_INPUT: usize = 512 << 10;
/// The largest exponent of time ∝ size^k taken as linear. A quadratic construct gives 2 (the
/// 100,000 nested `<div>`s of issue 15 gave 2.0 before the parser flattened them); linear
/// parsing of multi-megabyte inputs measures 1.0 to 1.5 on a loaded machine, as the larger
/// input leaves the caches.
const GROWTH_LIMIT: f64 = 1.75;
/// The growth pass compares an input with one this many times its size.
const GROWTH_RANGE: usize = 8;

struct Options {
    seconds: f64,
    seed: u64,
    target: Option<String>,
}

fn options() -> Options {
    let mut options = Options {
        seconds: 60.0,
        seed: 1,
        target: None,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1);
        match (args[i].as_str(), value) {
            ("--seconds", Some(v)) => options.seconds = v.parse().unwrap_or(options.seconds),
            ("--seed", Some(v)) => options.seed = v.parse().unwrap_or(options.seed),
            ("--target", Some(v)) => options.target = Some(v.clone()),
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    options
}

/// The starting corpus: the seeds, the test fixtures and the syntax pieces.
fn corpus(root: &Path) -> Vec<Vec<u8>> {
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    for folder in ["seeds", "tests/fixtures"] {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join(folder))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        files.sort();
        for file in files {
            if let Ok(mut bytes) = std::fs::read(&file) {
                bytes.truncate(MAX_INPUT);
                inputs.push(bytes);
            }
        }
    }
    inputs.extend(SYNTAX.iter().map(|s| s.as_bytes().to_vec()));
    inputs
}

/// One to four mutations of an input.
fn mutate(rng: &mut Rng, input: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..rng.between(1, 4) {
        let at = if out.is_empty() {
            0
        } else {
            rng.below(out.len() + 1)
        };
        match rng.below(6) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 if !out.is_empty() => {
                let end = (at + rng.between(1, 64)).min(out.len());
                out.drain(at.min(end)..end);
            }
            2 => {
                let piece = rng.pick(SYNTAX).as_bytes();
                out.splice(at..at, piece.iter().copied());
            }
            3 if !out.is_empty() => {
                let start = rng.below(out.len());
                let end = (start + rng.between(1, 32)).min(out.len());
                let slice = out[start..end].to_vec();
                let times = rng.between(2, 200);
                for _ in 0..times {
                    out.splice(at..at, slice.iter().copied());
                }
            }
            4 => {
                let other = rng.pick(corpus);
                let from = rng.below(other.len() + 1);
                out.splice(at..at, other[from..].iter().copied());
            }
            _ => {
                let line = rng.pick(SYNTAX).as_bytes();
                out.splice(at..at, b"\n".iter().chain(line).chain(b"\n").copied());
            }
        }
        out.truncate(MAX_INPUT);
    }
    out
}

struct TargetRun {
    runs: u64,
    panics: Vec<PathBuf>,
    slowest: (Duration, usize),
}

fn fuzz_target(
    name: &str,
    format: Option<errdex::parse::Format>,
    corpus: &[Vec<u8>],
    budget: Duration,
    seed: u64,
    crashes: &Path,
) -> TargetRun {
    let mut rng = Rng::new(seed);
    let mut run = TargetRun {
        runs: 0,
        panics: Vec::new(),
        slowest: (Duration::ZERO, 0),
    };
    let start = Instant::now();
    while start.elapsed() < budget {
        let base = rng.pick(corpus);
        let input = mutate(&mut rng, base, corpus);
        let began = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| parse_and_extract(format, &input)));
        let took = began.elapsed();
        run.runs += 1;
        if took > run.slowest.0 {
            run.slowest = (took, input.len());
        }
        if outcome.is_err() {
            let file = crashes.join(format!(
                "{name}-{}.txt",
                &errdex::shapes::sha256_hex(&input)[..16]
            ));
            if std::fs::create_dir_all(crashes).is_ok() && std::fs::write(&file, &input).is_ok() {
                run.panics.push(file);
            }
        }
    }
    run
}

/// The best of three timings of one input.
fn timed(format: Option<errdex::parse::Format>, input: &[u8]) -> Duration {
    (0..3)
        .map(|_| {
            let began = Instant::now();
            let _ = catch_unwind(AssertUnwindSafe(|| parse_and_extract(format, input)));
            began.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// The piece of syntax whose time grows fastest with its repeats: the exponent of
/// time ∝ size^k between an input that takes a few milliseconds and one eight times its size
/// (1 is linear, 2 quadratic). Over an eightfold range the noise of a loaded machine moves the
/// exponent by a tenth or two, where a ratio of two timings would move by half.
fn worst_growth(format: Option<errdex::parse::Format>) -> (f64, &'static str) {
    let mut worst = (0.0, "");
    for piece in SYNTAX {
        let mut repeats = GROWTH_REPEATS;
        let mut small = timed(format, piece.repeat(repeats).as_bytes());
        while small < GROWTH_FLOOR && repeats * piece.len() < GROWTH_MAX_INPUT {
            repeats *= 2;
            small = timed(format, piece.repeat(repeats).as_bytes());
        }
        if small < GROWTH_FLOOR / 4 {
            continue;
        }
        let large = timed(format, piece.repeat(GROWTH_RANGE * repeats).as_bytes());
        let exponent =
            (large.as_secs_f64() / small.as_secs_f64()).log2() / (GROWTH_RANGE as f64).log2();
        if std::env::var_os("FUZZ_GROWTH_TRACE").is_some() {
            eprintln!("{piece:?} x{repeats}: {small:?} -> {large:?} k={exponent:.2}");
        }
        if exponent > worst.0 {
            worst = (exponent, piece);
        }
    }
    worst
}

fn main() {
    let options = options();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let crashes = root.join("target/fuzz-crashes");
    let corpus = corpus(root);
    let targets: Vec<_> = TARGETS
        .iter()
        .filter(|(name, _)| options.target.as_deref().is_none_or(|t| t == *name))
        .collect();
    if targets.is_empty() {
        eprintln!("no such target; the targets are: sniffed, markdown, rst, html, text");
        std::process::exit(2);
    }
    // A panic is counted and its input saved; its message would only bury the table.
    std::panic::set_hook(Box::new(|_| {}));
    let budget = Duration::from_secs_f64(options.seconds / targets.len() as f64);
    println!(
        "fuzz: {} starting inputs, {:.0} s per target, seed {}",
        corpus.len(),
        budget.as_secs_f64(),
        options.seed
    );
    println!(
        "{:<9} {:>9} {:>7} {:>22} {:>26}",
        "target", "inputs", "panics", "slowest input", "time ∝ size^k (worst k)"
    );
    let mut failed = false;
    for (i, (name, format)) in targets.iter().enumerate() {
        let run = fuzz_target(
            name,
            *format,
            &corpus,
            budget,
            options.seed.wrapping_add(i as u64),
            &crashes,
        );
        let (growth, piece) = worst_growth(*format);
        let super_linear = growth > GROWTH_LIMIT;
        failed |= !run.panics.is_empty() || super_linear;
        println!(
            "{:<9} {:>9} {:>7} {:>12.1} ms ({:>3} kB) {:>8.2}  {:<16}{}",
            name,
            run.runs,
            run.panics.len(),
            run.slowest.0.as_secs_f64() * 1000.0,
            run.slowest.1 / 1024,
            growth,
            format!("{piece:?}").chars().take(16).collect::<String>(),
            if super_linear { "  SUPER-LINEAR" } else { "" }
        );
        for file in &run.panics {
            println!("  panicked: {}", file.display());
        }
    }
    if failed {
        std::process::exit(1);
    }
}
