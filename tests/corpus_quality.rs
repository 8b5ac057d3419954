//! Extraction quality on real documentation pages: `../shared/corpus/` with its independently
//! computed `truth.json`. Prints recall of error-code rows and field accuracy per format, plus
//! parameter rows and enumeration tables found, and fails below the floors the README states.
//! Skips with a message where the corpus folder is absent.
//!
//! See the figures: `cargo test --release --test corpus_quality -- --nocapture`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use errdex::kb::{KnowledgeBase, canonical_code};
use errdex::parse::cells::fold_whitespace;
use serde_json::Value;

/// Floors enforced in CI (the README states the measured figures).
const MIN_ROW_RECALL: f64 = 0.98;
const MIN_FIELD_ACCURACY: f64 = 0.95;

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    dir.join("truth.json").is_file().then_some(dir)
}

#[derive(Default)]
struct Tally {
    rows: usize,
    found: usize,
    status_ok: usize,
    message_ok: usize,
    description_ok: usize,
    description_total: usize,
    solution_ok: usize,
    solution_total: usize,
    param_rows: usize,
    param_found: usize,
    field_enums: usize,
    field_enums_found: usize,
    enum_tables: usize,
    enum_found: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.rows += other.rows;
        self.found += other.found;
        self.status_ok += other.status_ok;
        self.message_ok += other.message_ok;
        self.description_ok += other.description_ok;
        self.description_total += other.description_total;
        self.solution_ok += other.solution_ok;
        self.solution_total += other.solution_total;
        self.param_rows += other.param_rows;
        self.param_found += other.param_found;
        self.field_enums += other.field_enums;
        self.field_enums_found += other.field_enums_found;
        self.enum_tables += other.enum_tables;
        self.enum_found += other.enum_found;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Text compared the way a reader would: whitespace folded, case and trailing dots ignored, and
/// no space before punctuation or between CJK characters. The truth joins inline elements with
/// a space (`<strong>id</strong>.` gives `id .`, `变更<span>云服务器</span>规格` gives
/// `变更 云服务器 规格`) where a reader sees none; errdex keeps what the reader sees.
fn same_text(ours: Option<&str>, truth: Option<&str>) -> bool {
    norm(ours.unwrap_or("")) == norm(truth.unwrap_or(""))
}

fn norm(text: &str) -> String {
    let folded = fold_whitespace(text);
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::with_capacity(folded.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let next = chars.get(i + 1).copied().unwrap_or(' ');
            let prev = if i > 0 { chars[i - 1] } else { ' ' };
            let cjk = |c: char| errdex::shapes::is_cjk_or_fullwidth(c);
            if ".,;:)。，；：".contains(next) || cjk(prev) || cjk(next) {
                continue;
            }
        }
        out.push(c);
    }
    out.trim_end_matches(['.', '。']).to_lowercase()
}

fn same_status(http: Option<u16>, text: Option<&str>, truth: Option<&str>) -> bool {
    let truth = fold_whitespace(truth.unwrap_or(""));
    let ours = match (text, http) {
        (Some(text), _) => fold_whitespace(text),
        (None, Some(code)) => code.to_string(),
        (None, None) => String::new(),
    };
    ours == truth || (truth.is_empty() && ours.is_empty())
}

fn score_file(
    kb: &KnowledgeBase,
    source_id: &str,
    truth: &Value,
    verbose: bool,
    name: &str,
) -> Tally {
    let mut tally = Tally::default();
    // Our definitions of this source, by canonical code (a file may define a code twice).
    let mut ours: BTreeMap<String, Vec<&errdex::kb::Definition>> = BTreeMap::new();
    for code in &kb.error_codes {
        for def in code.definitions.iter().filter(|d| d.source == source_id) {
            ours.entry(canonical_code(&def.code_text))
                .or_default()
                .push(def);
        }
    }
    let empty = Vec::new();
    let rows = truth["error_code_rows"].as_array().unwrap_or(&empty);
    let mut missing = Vec::new();
    let mut wrong = Vec::new();
    for row in rows {
        tally.rows += 1;
        let code = row["code"].as_str().unwrap_or("");
        let Some(candidates) = ours.get_mut(&canonical_code(code)) else {
            missing.push(code.to_string());
            continue;
        };
        if candidates.is_empty() {
            missing.push(code.to_string());
            continue;
        }
        let def = candidates.remove(0);
        tally.found += 1;
        let status = same_status(
            def.http_status,
            def.status_text.as_deref(),
            row["status"].as_str(),
        );
        let message = same_text(Some(&def.message), row["message"].as_str());
        tally.status_ok += usize::from(status);
        tally.message_ok += usize::from(message);
        if row["description"].is_string() && row["message"] != row["description"] {
            tally.description_total += 1;
            tally.description_ok += usize::from(same_text(
                def.description.as_deref(),
                row["description"].as_str(),
            ));
        }
        if row["solution"].is_string() {
            tally.solution_total += 1;
            let ok = same_text(def.solution.as_deref(), row["solution"].as_str());
            tally.solution_ok += usize::from(ok);
            if !ok {
                wrong.push(format!(
                    "{code} solution: {:?} vs {:?}",
                    def.solution, row["solution"]
                ));
            }
        }
        if !status {
            wrong.push(format!(
                "{code} status: {:?}/{:?} vs {}",
                def.http_status, def.status_text, row["status"]
            ));
        }
        if !message {
            wrong.push(format!(
                "{code} message: {:?} vs {}",
                def.message, row["message"]
            ));
        }
    }
    // Parameter rows: by name within the file's operations (parameters, fields, headers, object
    // fields). A page may repeat the same object table under several statuses; errdex keeps one
    // object type, so names are matched as a set.
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    for op in kb.operations.iter().filter(|o| o.source == source_id) {
        for p in &op.parameters {
            *names.entry(p.name.clone()).or_default() += 1;
        }
        for f in op
            .responses
            .iter()
            .flat_map(|r| r.fields.iter().chain(&r.headers))
            .chain(op.objects.iter().flat_map(|o| &o.fields))
        {
            *names.entry(f.name.clone()).or_default() += 1;
        }
    }
    for row in truth["parameter_rows"].as_array().unwrap_or(&empty) {
        tally.param_rows += 1;
        let name = row["name"].as_str().unwrap_or("");
        if names.contains_key(name) {
            tally.param_found += 1;
        } else if verbose {
            missing.push(format!("param {name}"));
        }
    }
    // Enumerations inside parameter descriptions: found when an enumeration named like the
    // parameter in this source lists every documented value.
    for row in truth["parameter_rows"].as_array().unwrap_or(&empty) {
        let values: Vec<&str> = row["enum_values"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .filter_map(Value::as_str)
            .collect();
        if values.is_empty() {
            continue;
        }
        tally.field_enums += 1;
        let name = row["name"].as_str().unwrap_or("");
        let found = kb
            .enums
            .iter()
            .filter(|e| e.source == source_id && e.name == name)
            .any(|e| {
                values
                    .iter()
                    .all(|v| e.values.iter().any(|ev| ev.value == *v))
            });
        tally.field_enums_found += usize::from(found);
        if !found && verbose {
            missing.push(format!("enum of {name}: {values:?}"));
        }
    }
    // Enumeration tables: found when one of our enums of this source has most of its values.
    for table in truth["enum_tables"].as_array().unwrap_or(&empty) {
        tally.enum_tables += 1;
        let values: Vec<&str> = table["values"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let found = kb.enums.iter().filter(|e| e.source == source_id).any(|e| {
            let hits = values
                .iter()
                .filter(|v| e.values.iter().any(|ev| ev.value == **v))
                .count();
            hits * 10 >= values.len() * 8
        });
        tally.enum_found += usize::from(found);
    }
    if verbose && (!missing.is_empty() || !wrong.is_empty()) {
        println!(
            "--- {name}: {} missing, {} wrong",
            missing.len(),
            wrong.len()
        );
        for m in missing.iter().take(8) {
            println!("    missing {m}");
        }
        for w in wrong.iter().take(8) {
            println!("    {w}");
        }
    }
    tally
}

#[test]
fn corpus_extraction_quality() {
    let Some(dir) = corpus_dir() else {
        eprintln!(
            "skipped: ../shared/corpus/truth.json not found (the quality check needs the shared corpus)"
        );
        return;
    };
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("truth.json")).unwrap()).unwrap();
    let compiled = errdex::Build::new()
        .source(dir.join("md"))
        .source(dir.join("rst"))
        .source(dir.join("txt"))
        .keep_going(true)
        .compile()
        .expect("corpus compiles");
    for warning in &compiled.warnings {
        println!("warning: {warning}");
    }
    let kb = &compiled.kb;
    let verbose = std::env::var_os("ERRDEX_QUALITY_VERBOSE").is_some();
    let mut by_format: BTreeMap<String, Tally> = BTreeMap::new();
    let files = truth["files"].as_object().expect("files");
    for (name, file_truth) in files {
        let Some(source) = kb.sources.iter().find(|s| s.path.ends_with(name.as_str())) else {
            println!("not compiled: {name}");
            by_format
                .entry(name.split('/').next().unwrap_or("").to_string())
                .or_default()
                .rows += file_truth["error_code_rows"].as_array().map_or(0, Vec::len);
            continue;
        };
        let tally = score_file(kb, &source.id, file_truth, verbose, name);
        by_format
            .entry(source.format.clone())
            .or_default()
            .add(&tally);
    }
    let mut total = Tally::default();
    println!(
        "format     rows  recall  status  message  descr.  solution  params        enum tables  field enums"
    );
    for (format, t) in &by_format {
        total.add(t);
        print_line(format, t);
    }
    print_line("all", &total);
    for (format, t) in &by_format {
        if t.rows == 0 {
            continue;
        }
        let recall = ratio(t.found, t.rows);
        assert!(
            recall >= MIN_ROW_RECALL,
            "{format}: error-code row recall {recall:.3} below {MIN_ROW_RECALL}"
        );
        for (what, ok, n) in [
            ("status", t.status_ok, t.found),
            ("message", t.message_ok, t.found),
            ("solution", t.solution_ok, t.solution_total),
        ] {
            let accuracy = ratio(ok, n);
            assert!(
                accuracy >= MIN_FIELD_ACCURACY,
                "{format}: {what} accuracy {accuracy:.3} below {MIN_FIELD_ACCURACY}"
            );
        }
    }
}

fn print_line(format: &str, t: &Tally) {
    println!(
        "{format:<9} {:>5}  {:>5.1}%  {:>5.1}%  {:>6.1}%  {:>5.1}%  {:>7.1}%  {:>4}/{:<4}     {:>2}/{:<2}        {:>2}/{:<2}",
        t.rows,
        100.0 * ratio(t.found, t.rows),
        100.0 * ratio(t.status_ok, t.found),
        100.0 * ratio(t.message_ok, t.found),
        100.0 * ratio(t.description_ok, t.description_total),
        100.0 * ratio(t.solution_ok, t.solution_total),
        t.param_found,
        t.param_rows,
        t.enum_found,
        t.enum_tables,
        t.field_enums_found,
        t.field_enums,
    );
}
