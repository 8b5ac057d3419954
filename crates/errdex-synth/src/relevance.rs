//! Relevance sets and their scores, for `benches/relevance.rs` (on `../shared/corpus`) and
//! `tests/relevance.rs` (on the seeds): queries made from a truth table written independently
//! of errdex, never from errdex's output.
//!
//! A query is answered by every code whose text holds its words ([`TruthCode::holds`]); a
//! ranking is scored by recall@1, recall@5 (a code that answers it among the first 1 or 5
//! hits) and MRR@10 ([`scores`]).

use std::collections::{BTreeMap, BTreeSet};

/// Upper-case letters and digits only: how codes are compared.
pub fn compact(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

pub use errdex_core::shapes::is_cjk;

/// Runs of letters and digits, lower-cased (a CJK run is one word here).
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// FNV-1a: picks a code's words and spelling deterministically.
pub fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// One code of a truth table, all its rows together.
#[derive(Debug, Default, Clone)]
pub struct TruthCode {
    /// The code as written first.
    pub code: String,
    /// English messages.
    pub messages: Vec<String>,
    /// English descriptions.
    pub descriptions: Vec<String>,
    /// Texts of its rows on Chinese pages that hold Chinese.
    pub chinese: Vec<String>,
    /// Every word of its rows, lower-case.
    pub words: BTreeSet<String>,
    /// Its rows' text, for CJK substrings.
    pub text: String,
}

impl TruthCode {
    /// Adds one table row (code, message, description, solution); `chinese_page` for a row
    /// of a page written in Chinese.
    pub fn add_row(
        &mut self,
        code: &str,
        message: &str,
        description: &str,
        solution: &str,
        chinese_page: bool,
    ) {
        if self.code.is_empty() {
            self.code = code.to_string();
        }
        for text in [code, message, description, solution] {
            self.words.extend(words(text));
            self.text.push_str(text);
            self.text.push('\n');
        }
        let english = |t: &str| !t.is_empty() && !t.chars().any(is_cjk);
        if english(message) {
            self.messages.push(message.to_string());
        }
        if english(description) {
            self.descriptions.push(description.to_string());
        }
        if chinese_page {
            self.chinese.extend(
                [description, solution, message]
                    .into_iter()
                    .filter(|t| t.chars().any(is_cjk))
                    .map(str::to_string),
            );
        }
    }

    /// Holds every word of the query (CJK runs as substrings).
    pub fn holds(&self, query: &str) -> bool {
        words(query).iter().all(|w| match w.chars().any(is_cjk) {
            true => self.text.contains(w.as_str()),
            false => self.words.contains(w),
        })
    }
}

/// A truth table: compact code → its rows.
pub type Truth = BTreeMap<String, TruthCode>;

/// A query of a relevance set.
#[derive(Debug, Clone)]
pub struct Query {
    /// `message`, `typo`, `description`, `code`, `chinese`, `paraphrase`.
    pub kind: &'static str,
    /// The query.
    pub text: String,
    /// The compact codes that answer it.
    pub relevant: BTreeSet<String>,
}

/// 3 or 4 consecutive words of `text`, chosen by `seed`.
pub fn window(text: &str, seed: u64) -> Option<Vec<String>> {
    let all: Vec<String> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect();
    if all.len() < 3 {
        return None;
    }
    let len = if all.len() >= 4 && seed.is_multiple_of(2) {
        4
    } else {
        3
    };
    let start = (seed / 2) as usize % (all.len() - len + 1);
    Some(all[start..start + len].to_vec())
}

/// One typo in the longest word of five letters or more: its third and fourth letters swapped
/// (or the third replaced when they are equal).
pub fn with_typo(words: &[String]) -> Option<Vec<String>> {
    let (at, word) = words
        .iter()
        .enumerate()
        .filter(|(_, w)| w.chars().count() >= 5 && w.chars().all(char::is_alphabetic))
        .max_by_key(|(i, w)| (w.chars().count(), std::cmp::Reverse(*i)))?;
    let mut chars: Vec<char> = word.chars().collect();
    if chars[2] != chars[3] {
        chars.swap(2, 3);
    } else {
        chars[2] = if chars[2] == 'e' { 'a' } else { 'e' };
    }
    let mut out = words.to_vec();
    out[at] = chars.into_iter().collect();
    Some(out)
}

/// Another spelling of a code, by `turn`: compact lower case, upper case with `-`, lower case
/// as written, spaces for separators.
pub fn spelling(code: &str, turn: u64) -> String {
    match turn % 4 {
        0 => compact(code).to_lowercase(),
        1 => code.to_uppercase().replace(['.', '_', ' '], "-"),
        2 => code.to_lowercase(),
        _ => code.replace(['.', '-', '_'], " "),
    }
}

/// The first CJK word of four characters or more of a Chinese text, cut to six; else its
/// first two CJK words.
pub fn chinese_words(text: &str) -> Option<String> {
    let runs: Vec<String> = text
        .split(|c: char| !is_cjk(c))
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect();
    if let Some(long) = runs.iter().find(|r| r.chars().count() >= 4) {
        return Some(long.chars().take(6).collect());
    }
    match runs.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [a, b, ..] => Some(format!("{a} {b}")),
    }
}

/// The queries of a truth table: for every `stride`-th code, 3–4 words of its message
/// (`message`), the same with one typo (`typo`), 3–4 words of its description
/// (`description`), the code in another spelling (`code`); for every code with Chinese rows,
/// Chinese words of them (`chinese`).
pub fn code_queries(truth: &Truth, stride: usize) -> Vec<Query> {
    let holding = |text: &str| -> BTreeSet<String> {
        truth
            .iter()
            .filter(|(_, c)| c.holds(text))
            .map(|(k, _)| k.clone())
            .collect()
    };
    let mut queries = Vec::new();
    for (key, code) in truth.iter().step_by(stride.max(1)) {
        let seed = fnv(key);
        if let Some(w) = code.messages.first().and_then(|m| window(m, seed)) {
            let text = w.join(" ");
            let relevant = holding(&text);
            if let Some(typo) = with_typo(&w) {
                queries.push(Query {
                    kind: "typo",
                    text: typo.join(" "),
                    relevant: relevant.clone(),
                });
            }
            queries.push(Query {
                kind: "message",
                text,
                relevant,
            });
        }
        let description = code
            .descriptions
            .iter()
            .find(|d| !code.messages.contains(d))
            .and_then(|d| window(d, seed));
        if let Some(w) = description {
            let text = w.join(" ");
            let relevant = holding(&text);
            queries.push(Query {
                kind: "description",
                text,
                relevant,
            });
        }
        queries.push(Query {
            kind: "code",
            text: spelling(&code.code, seed),
            relevant: BTreeSet::from([key.clone()]),
        });
    }
    for (key, code) in truth {
        if let Some(text) = code.chinese.first().and_then(|t| chinese_words(t)) {
            let mut relevant = holding(&text);
            relevant.insert(key.clone());
            queries.push(Query {
                kind: "chinese",
                text,
                relevant,
            });
        }
    }
    queries
}

/// Leaves out of each ranking (compact codes; empty for a hit that is no code) the codes the
/// truth does not know, which it cannot judge; returns how many it left out.
pub fn condense(truth: &Truth, rankings: &mut [Vec<String>]) -> usize {
    let mut left_out = 0;
    for ranking in rankings {
        let before = ranking.len();
        ranking.retain(|c| c.is_empty() || truth.contains_key(c));
        left_out += before - ranking.len();
    }
    left_out
}

/// Runs the site's search script in Node (`tests/search_engines.cjs` in the errdex package:
/// `script`) over a site folder holding `assets/search.js` and `search/`, for every query;
/// one JSON object per query (`docs`, `names`, `kinds`, `total`, `emptiedBy`, `empty`, `ms`).
/// `None` when Node is missing or fails.
pub fn run_site_script(
    script: &std::path::Path,
    site: &std::path::Path,
    limit: usize,
    queries: &[&str],
) -> Option<Vec<serde_json::Value>> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("node")
        .arg(script)
        .arg(site)
        .arg(limit.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let input: String = queries.iter().map(|q| format!("{q}\n")).collect();
    let mut stdin = child.stdin.take()?;
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    if !output.status.success() {
        return None;
    }
    let answers: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()
        .ok()?;
    (answers.len() == queries.len()).then_some(answers)
}

/// recall@1, recall@5 and MRR@10 of rankings (compact codes, best first) against queries.
pub fn scores(queries: &[&Query], rankings: &[&Vec<String>]) -> (f64, f64, f64) {
    let n = queries.len().max(1) as f64;
    let (mut at1, mut at5, mut mrr) = (0.0, 0.0, 0.0);
    for (q, ranking) in queries.iter().zip(rankings) {
        if let Some(rank) = ranking.iter().take(10).position(|c| q.relevant.contains(c)) {
            mrr += 1.0 / (rank + 1) as f64;
            at1 += f64::from(u8::from(rank == 0));
            at5 += f64::from(u8::from(rank < 5));
        }
    }
    (at1 / n, at5 / n, mrr / n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn truth() -> Truth {
        let mut truth = Truth::new();
        for (code, message) in [
            ("Ecs.0013", "Insufficient EIP quota."),
            ("Ecs.0001", "Insufficient ECS quota."),
        ] {
            truth.entry(compact(code)).or_default().add_row(
                code,
                message,
                "",
                "Apply for more.",
                false,
            );
        }
        truth.entry(compact("Ecs.0013")).or_default().add_row(
            "Ecs.0013",
            "",
            "EIP配额不足",
            "",
            true,
        );
        truth
    }

    #[test]
    fn queries_are_answered_by_every_code_holding_their_words() {
        let queries = code_queries(&truth(), 1);
        let quota: Vec<&Query> = queries
            .iter()
            .filter(|q| q.kind == "message" && q.text.contains("quota"))
            .collect();
        assert!(!quota.is_empty());
        let insufficient_quota = truth()
            .values()
            .filter(|c| c.holds("insufficient quota"))
            .count();
        assert_eq!(insufficient_quota, 2);
        let chinese: Vec<&Query> = queries.iter().filter(|q| q.kind == "chinese").collect();
        assert_eq!(chinese[0].text, "配额不足");
        assert!(queries.iter().any(|q| q.kind == "code"));
    }

    #[test]
    fn typos_keep_the_first_two_letters_and_spellings_rotate() {
        let typo = with_typo(&["insufficient".into(), "eip".into()]).unwrap();
        assert_eq!(typo, ["inusfficient", "eip"]);
        assert_eq!(with_typo(&["eip".into()]), None);
        assert_eq!(spelling("Ecs.0013", 0), "ecs0013");
        assert_eq!(spelling("Ecs.0013", 1), "ECS-0013");
        assert_eq!(spelling("Ecs.0013", 3), "Ecs 0013");
    }

    #[test]
    fn scores_count_the_first_relevant_hit() {
        let q = Query {
            kind: "message",
            text: "x".into(),
            relevant: BTreeSet::from(["A".to_string()]),
        };
        let first = vec!["A".to_string()];
        let third = vec![String::new(), "B".into(), "A".into()];
        let (r1, r5, mrr) = scores(&[&q, &q], &[&first, &third]);
        assert_eq!((r1, r5), (0.5, 1.0));
        assert!((mrr - (1.0 + 1.0 / 3.0) / 2.0).abs() < 1e-9);
        let mut rankings = vec![vec!["ZZ".to_string(), "ECS0013".into(), String::new()]];
        assert_eq!(condense(&truth(), &mut rankings), 1);
        assert_eq!(rankings[0], ["ECS0013", ""]);
    }
}
