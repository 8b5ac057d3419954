//! Do two texts mean the same thing? A small, explainable measure for error messages.
//!
//! Steps, each a small pure function:
//! 1. [`normalize`]: lower case, placeholders removed (`<ECS error code>`, `{id}`, `%s`, `XXX`),
//!    multi-word synonyms folded into one token ("does not exist" / "cannot be found" →
//!    `notexist`, "scale out" / "scale-out" → `scaleout`, "unable to" / "cannot" → `fail`).
//! 2. [`Profile::of`]: words split (CJK runs become character bigrams), stop words dropped,
//!    one-word synonyms folded (fail/failed/failure), words stemmed ([`stem`]). The words of
//!    the *main clause* (before "because", "due to", the first full stop, a parenthesis) are kept
//!    apart from the rest: an error message says what failed first and why after.
//! 3. [`similarity`]: weighted containment of one text's main clause in the other text, taken
//!    from the side that says more than a generic word. Generic words (fail, error, exception)
//!    weigh less than the words that say *what* failed; a word one typo away counts as present.
//!    When both main clauses name an operation and the operations differ (create vs restore),
//!    the score is halved: a different operation is a different meaning.
//!
//! Why containment and not plain overlap: docs for one code often differ in how much they say
//! ("Clusters fail to be created." vs "Failed to create the cluster because of an internal
//! error. Please contact customer service…"); the shorter text is the same meaning when the
//! longer one says all of it. Two messages whose main clauses name a different action or object
//! ("create the snapshot" vs "reset the password") are different meanings.
//!
//! Not for: meaning beyond the words (antonyms, paraphrases without shared stems). The synonym
//! tables are deliberately light; the score is reported so a reader can judge the judgement.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// At or above this score two texts are wording variants of one meaning.
pub const VARIANT_THRESHOLD: f64 = 0.75;

/// Below this score two texts are different meanings; between it and [`VARIANT_THRESHOLD`]
/// the words alone cannot tell (paraphrases the synonym tables do not know), so the judgement
/// is "unclear" and a person should look.
pub const CONFLICT_THRESHOLD: f64 = 0.5;

/// Weight of a generic word (fail, error, …) relative to a content word.
const GENERIC_WEIGHT: f64 = 0.3;

/// A main clause weighing less than this says nothing specific ("Failed.", "Error.").
const SUBSTANTIVE_WEIGHT: f64 = 1.0;

/// Multi-word synonyms, folded before splitting into words. Longest phrases first.
const PHRASES: &[(&str, &str)] = &[
    ("does not exist", "notexist"),
    ("does not exit", "notexist"),
    ("does not match", "mismatch"),
    ("do not match", "mismatch"),
    ("not match", "mismatch"),
    ("not the same as", "mismatch"),
    ("not the same with", "mismatch"),
    ("not consistent with", "mismatch"),
    ("beyond the valid range", "invalid range"),
    ("beyond the range", "invalid range"),
    ("outside the range", "invalid range"),
    ("exceeds the range", "invalid range"),
    ("network interface", "nic"),
    ("key pairs", "keypair"),
    ("key pair", "keypair"),
    ("availability zones", "az"),
    ("availability zone", "az"),
    ("upper limit", "exceed"),
    ("more than", "exceed"),
    ("greater than", "exceed"),
    ("too many", "exceed"),
    ("too long", "exceed length"),
    ("sold out", "soldout"),
    ("do not exist", "notexist"),
    ("doesn't exist", "notexist"),
    ("did not exist", "notexist"),
    ("cannot be found", "notexist"),
    ("can not be found", "notexist"),
    ("could not be found", "notexist"),
    ("is not found", "notexist"),
    ("are not found", "notexist"),
    ("was not found", "notexist"),
    ("not found", "notexist"),
    ("non-existent", "notexist"),
    ("nonexistent", "notexist"),
    ("not exist", "notexist"),
    ("already exists", "alreadyexist"),
    ("already exist", "alreadyexist"),
    ("scale-out", "scaleout"),
    ("scale out", "scaleout"),
    ("scaling out", "scaleout"),
    ("scaled out", "scaleout"),
    ("scale-in", "scalein"),
    ("scale in", "scalein"),
    ("elastic ip address", "eip"),
    ("elastic ip", "eip"),
    ("ip address", "ipaddress"),
    ("not supported", "unsupported"),
    ("does not support", "unsupported"),
    ("is not allowed", "forbidden"),
    ("not allowed", "forbidden"),
    ("not permitted", "forbidden"),
    ("permission denied", "forbidden"),
    ("access denied", "forbidden"),
    ("not enough", "insufficient"),
    ("out of range", "invalid range"),
    ("unable to", "fail"),
    ("can not", "fail"),
    ("could not", "fail"),
    ("can't", "fail"),
    ("cannot", "fail"),
    ("not valid", "invalid"),
    ("time out", "timeout"),
    ("timed out", "timeout"),
    ("time-out", "timeout"),
];

/// One-word synonyms, folded before stemming.
const WORDS: &[(&str, &str)] = &[
    ("failed", "fail"),
    ("fails", "fail"),
    ("failure", "fail"),
    ("failures", "fail"),
    ("failing", "fail"),
    ("unsuccessful", "fail"),
    ("incorrect", "invalid"),
    ("illegal", "invalid"),
    ("wrong", "invalid"),
    ("exceeds", "exceed"),
    ("exceeded", "exceed"),
    ("beyond", "exceed"),
    ("exception", "error"),
    ("exceptions", "error"),
    ("abnormal", "error"),
    ("errors", "error"),
    ("duplicate", "alreadyexist"),
    ("duplicated", "alreadyexist"),
    ("existing", "alreadyexist"),
    ("removed", "delete"),
    ("remove", "delete"),
    ("expansion", "expand"),
    ("no", "not"),
    ("unauthorized", "forbidden"),
    ("denied", "forbidden"),
    ("specifications", "flavor"),
    ("specification", "flavor"),
    ("flavors", "flavor"),
    ("parameter", "param"),
    ("parameters", "param"),
    ("params", "param"),
    ("parm", "param"),
    ("ecss", "server"),
    ("mount", "attach"),
    ("mounted", "attach"),
    ("release", "delete"),
    ("released", "delete"),
    ("setting", "param"),
    ("settings", "param"),
    ("instance", "server"),
    ("instances", "server"),
    ("servers", "server"),
    ("ecs", "server"),
    ("vm", "server"),
    ("vms", "server"),
    ("interface", "nic"),
    ("interfaces", "nic"),
    ("port", "nic"),
    ("ports", "nic"),
    ("nics", "nic"),
    ("state", "status"),
    ("states", "status"),
    ("statuses", "status"),
    ("mismatches", "mismatch"),
    ("mismatched", "mismatch"),
    ("inconsistent", "mismatch"),
    ("modify", "update"),
    ("modified", "update"),
    ("modifying", "update"),
    ("modification", "update"),
    ("change", "update"),
    ("changed", "update"),
    ("changing", "update"),
    ("view", "query"),
    ("viewing", "query"),
    ("get", "query"),
    ("obtain", "query"),
    ("obtaining", "query"),
    ("queried", "query"),
    ("querying", "query"),
    ("queries", "query"),
    ("maximum", "exceed"),
    ("max", "exceed"),
    ("sellout", "soldout"),
    ("volume", "disk"),
    ("volumes", "disk"),
    ("disks", "disk"),
    ("char", "character"),
    ("chars", "character"),
    ("characters", "character"),
    ("mission", "task"),
    ("job", "task"),
    ("jobs", "task"),
    ("tasks", "task"),
];

/// Operations (stems, after synonyms): two main clauses naming different operations
/// ("create" vs "restore") are different meanings however much else they share.
const ACTIONS: &[&str] = &[
    "add",
    "assign",
    "attach",
    "bind",
    "creat",
    "decrypt",
    "delet",
    "detach",
    "disabl",
    "download",
    "enabl",
    "encrypt",
    "expand",
    "export",
    "import",
    "initial",
    "install",
    "lock",
    "migrat",
    "mount",
    "query",
    "reboot",
    "releas",
    "renam",
    "reset",
    "resiz",
    "restart",
    "restor",
    "scalein",
    "scaleout",
    "start",
    "stop",
    "unbind",
    "uninstall",
    "unlock",
    "unmount",
    "updat",
    "upload",
];

/// How much of the score survives when the main clauses name different operations.
const OTHER_ACTION_FACTOR: f64 = 0.5;

/// Words that carry no meaning of their own in an error message.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "being",
    "by",
    "can",
    "currently",
    "did",
    "do",
    "does",
    "each",
    "for",
    "from",
    "has",
    "have",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "may",
    "must",
    "of",
    "on",
    "onto",
    "or",
    "other",
    "please",
    "same",
    "select",
    "selected",
    "should",
    "so",
    "some",
    "specified",
    "such",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "this",
    "those",
    "to",
    "was",
    "were",
    "which",
    "will",
    "with",
    "you",
    "your",
    "请",
    "的",
    "了",
];

/// Words (stems) that say that something went wrong but not what.
const GENERIC: &[&str] = &[
    "fail", "error", "except", "occur", "problem", "issu", "system", "internal", "unknown",
];

/// Words that end the main clause of a message (what failed) and begin the reason.
const CLAUSE_BREAKS: &[&str] = &[
    " because ",
    " due to ",
    " since ",
    " as a result",
    ". ",
    "; ",
    " (",
    "（",
    "。",
    "；",
    "，",
    "因为",
    "由于",
];

/// The words of a text, split into its main clause and the whole.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Profile {
    /// Stemmed content words of the main clause, in order, without repeats.
    pub main: Vec<String>,
    /// Stemmed content words of the whole text.
    pub all: BTreeSet<String>,
}

impl Profile {
    /// The profile of a text.
    pub fn of(text: &str) -> Profile {
        let normalized = normalize(text);
        let main_text = main_clause(&normalized);
        let mut main = Vec::new();
        for word in words(main_text) {
            if !main.contains(&word) {
                main.push(word);
            }
        }
        Profile {
            main,
            all: words(&normalized).collect(),
        }
    }

    fn main_weight(&self) -> f64 {
        self.main.iter().map(|w| weight(w)).sum()
    }
}

/// Lower case, placeholders removed, multi-word synonyms folded, spaces collapsed; padded with
/// one space each side so phrases match at word boundaries.
pub fn normalize(text: &str) -> String {
    let lowered = strip_placeholders(&split_camel_case(text).to_lowercase());
    let mut spaced: String = lowered
        .chars()
        .map(|c| match c {
            '\u{a0}' | '\t' | '\n' | '\r' | '"' | '“' | '”' | '\'' | '‘' | '’' | '*' | '`' => {
                ' '
            }
            _ => c,
        })
        .collect();
    // Re-insert apostrophes of contractions removed above ("doesn t" → "doesn't").
    spaced = spaced.replace("n t ", "n't ");
    let collapsed = format!(
        " {} ",
        spaced.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    replace_phrases(&collapsed)
}

/// One automaton over every phrase, leftmost-longest, so a text is scanned once however many
/// phrases there are ("does not exist" wins over "not exist").
static PHRASE_MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(PHRASES.iter().map(|(phrase, _)| phrase))
        .expect("phrase automaton builds")
});

/// Replaces every phrase that stands as whole words by its synonym.
fn replace_phrases(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for found in PHRASE_MATCHER.find_iter(text) {
        let before_ok = text[..found.start()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = text[found.end()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            out.push_str(&text[last..found.start()]);
            out.push_str(PHRASES[found.pattern().as_usize()].1);
            last = found.end();
        }
    }
    out.push_str(&text[last..]);
    out
}

/// `privateIp` → `private Ip`: identifiers in messages are words too.
fn split_camel_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous: Option<char> = None;
    for c in text.chars() {
        if c.is_ascii_uppercase() && previous.is_some_and(|p| p.is_ascii_lowercase()) {
            out.push(' ');
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// Removes `<…>` and `{…}` placeholders, `%s`-style format slots and `XXX` runs.
pub fn strip_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if depth.is_none() && c == '%' && chars.peek().is_some_and(|n| n.is_ascii_alphabetic()) {
            chars.next(); // `%s`, `%d`: a format slot
            out.push(' ');
            continue;
        }
        match (depth, c) {
            (None, '<') => depth = Some('>'),
            (None, '{') => depth = Some('}'),
            (Some(close), c) if c == close => {
                depth = None;
                out.push(' ');
            }
            (Some(_), _) => {}
            (None, c) => out.push(c),
        }
    }
    out.split_whitespace()
        .filter(|w| !is_placeholder_word(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `XXX`, `xxxx`, `%s`, `%d`, `${name}` leftovers.
fn is_placeholder_word(word: &str) -> bool {
    let core = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '%' && c != '$');
    let all_x = core.len() >= 2 && core.chars().all(|c| c == 'x' || c == 'X');
    all_x || core.starts_with('%') || core.starts_with('$')
}

/// The text up to the first clause break; the whole text when it starts with one.
fn main_clause(normalized: &str) -> &str {
    let end = CLAUSE_BREAKS
        .iter()
        .filter_map(|b| normalized.find(b))
        .filter(|&at| !normalized[..at].trim().is_empty())
        .min()
        .unwrap_or(normalized.len());
    &normalized[..end]
}

/// Content words: split, stop words dropped, synonyms folded, stemmed. CJK runs become
/// overlapping character bigrams (Chinese has no spaces; bigrams are the usual unit).
fn words(normalized: &str) -> impl Iterator<Item = String> + '_ {
    normalized
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1 || w.chars().any(is_cjk))
        .flat_map(split_cjk)
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .map(|w| fold_word(&w))
        .map(|w| stem(&w))
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
}

/// True when both texts are written in the same script family (both Chinese or neither), so
/// their words can be compared at all: a Chinese and an English definition of one code are
/// translations, not a conflict this measure can judge.
pub fn comparable(a: &str, b: &str) -> bool {
    a.chars().any(is_cjk) == b.chars().any(is_cjk)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Splits a word into Latin parts and CJK bigrams.
fn split_cjk(word: &str) -> Vec<String> {
    if !word.chars().any(is_cjk) {
        return vec![word.to_string()];
    }
    let mut parts = Vec::new();
    let mut latin = String::new();
    let mut cjk: Vec<char> = Vec::new();
    let flush_cjk = |cjk: &mut Vec<char>, parts: &mut Vec<String>| {
        match cjk.len() {
            0 => {}
            1 => parts.push(cjk[0].to_string()),
            _ => parts.extend(cjk.windows(2).map(|w| w.iter().collect())),
        }
        cjk.clear();
    };
    for c in word.chars() {
        if is_cjk(c) {
            if !latin.is_empty() {
                parts.push(std::mem::take(&mut latin));
            }
            cjk.push(c);
        } else {
            flush_cjk(&mut cjk, &mut parts);
            latin.push(c);
        }
    }
    flush_cjk(&mut cjk, &mut parts);
    if !latin.is_empty() {
        parts.push(latin);
    }
    parts
}

fn fold_word(word: &str) -> String {
    WORDS
        .iter()
        .find(|(from, _)| *from == word)
        .map_or_else(|| word.to_string(), |(_, to)| (*to).to_string())
}

/// A light English stemmer: inflections (`-s`, `-es`, `-ies`, `-ed`, `-ing`), then common
/// derivations (`-ation`, `-ization`, `-ion`, `-ment`, `-ness`, `-ize`, `-ate`), then a final
/// `-e`, so that create/created/creation, initialize/initialization and delete/deletion meet.
/// Stems keep at least three letters; short words and non-ASCII words are left alone.
pub fn stem(word: &str) -> String {
    if word.len() <= 3 || !word.is_ascii() || word.chars().any(|c| c.is_ascii_digit()) {
        return word.to_string();
    }
    let mut w = inflection(word);
    w = derivation(&w);
    if w.len() > 4 && w.ends_with('e') {
        w.pop();
    }
    // Porter's y → i, so verify / verified / verification meet at `verifi`.
    if w.len() > 3 && w.ends_with('y') {
        w.pop();
        w.push('i');
    }
    undouble(w)
}

fn inflection(word: &str) -> String {
    if let Some(s) = word.strip_suffix("ies").filter(|s| s.len() >= 3) {
        return format!("{s}y");
    }
    for suffix in ["sses", "ss", "us", "is"] {
        if word.ends_with(suffix) {
            return word.strip_suffix("es").unwrap_or(word).to_string();
        }
    }
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(s) = word
            .strip_suffix(suffix)
            .filter(|s| s.len() >= 3 && s.chars().any(is_vowel))
        {
            return s.to_string();
        }
    }
    word.to_string()
}

fn derivation(word: &str) -> String {
    const RULES: &[(&str, &str)] = &[
        ("ification", "ify"),
        ("ization", ""),
        ("isation", ""),
        ("ation", "at"),
        ("ment", ""),
        ("ness", ""),
        ("tion", "t"),
        ("sion", "s"),
        ("ize", ""),
        ("ise", ""),
        ("iz", ""),
        ("ate", "at"),
        ("at", "at"),
    ];
    for (suffix, keep) in RULES {
        if let Some(s) = word.strip_suffix(suffix) {
            // `-at` (from -ate, -ation) goes only when four letters remain: create → creat,
            // validate → valid, operation → oper, update → updat.
            if *keep == "at" {
                return if s.len() >= 4 {
                    s.to_string()
                } else {
                    format!("{s}at")
                };
            }
            if s.len() >= 3 {
                return format!("{s}{keep}");
            }
        }
    }
    word.to_string()
}

fn undouble(mut word: String) -> String {
    let bytes = word.as_bytes();
    let n = bytes.len();
    if n > 4
        && bytes[n - 1] == bytes[n - 2]
        && !matches!(bytes[n - 1], b'l' | b's' | b'z')
        && !is_vowel(bytes[n - 1] as char)
    {
        word.pop();
    }
    word
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

fn weight(word: &str) -> f64 {
    if GENERIC.contains(&word) {
        GENERIC_WEIGHT
    } else {
        1.0
    }
}

/// True when `word` is in `all`, or a word of five letters or more is one typo away from a
/// word there with the same first letter ("resposne"/"response" after stemming). Shorter words
/// are too often other words one letter apart (user/used).
fn covered(word: &str, all: &BTreeSet<String>) -> bool {
    all.contains(word)
        || (word.len() >= 5
            && all.iter().any(|w| {
                w.len() >= 5 && w.chars().next() == word.chars().next() && one_edit(word, w)
            }))
}

/// True when two words differ by at most one insertion, deletion or substitution.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        short[prefix + 1.min(short.len() - prefix)..] == long[prefix + 1.min(long.len() - prefix)..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// Weighted share of `main`'s words that occur in `all`.
fn containment(main: &[String], all: &BTreeSet<String>) -> f64 {
    let total: f64 = main.iter().map(|w| weight(w)).sum();
    if total == 0.0 {
        return 0.0;
    }
    let covered: f64 = main
        .iter()
        .filter(|w| covered(w, all))
        .map(|w| weight(w))
        .sum();
    covered / total
}

/// The operations a main clause names.
fn actions(main: &[String]) -> BTreeSet<&str> {
    main.iter()
        .map(String::as_str)
        .filter(|w| ACTIONS.contains(w))
        .collect()
}

/// Weighted Dice coefficient of the two texts' whole word sets: a symmetric figure used to rank
/// candidates (renumbering hints), not to decide meaning.
pub fn overlap(a: &Profile, b: &Profile) -> f64 {
    let total: f64 = a.all.iter().chain(&b.all).map(|w| weight(w)).sum();
    if total == 0.0 {
        return 0.0;
    }
    let shared: f64 = a.all.intersection(&b.all).map(|w| weight(w)).sum();
    2.0 * shared / total
}

/// How far two texts share one meaning, from 0 (unrelated) to 1 (one says all the other's main
/// clause says). See the module doc.
pub fn similarity(a: &Profile, b: &Profile) -> f64 {
    let a_in_b = containment(&a.main, &b.all);
    let b_in_a = containment(&b.main, &a.all);
    let a_says = a.main_weight() >= SUBSTANTIVE_WEIGHT;
    let b_says = b.main_weight() >= SUBSTANTIVE_WEIGHT;
    let score = match (a_says, b_says) {
        (true, true) => a_in_b.max(b_in_a),
        // A generic text ("A system exception occurred.") neither shares nor contradicts a
        // specific one: unclear by construction, unless it is contained outright.
        (true, false) => a_in_b.max(CONFLICT_THRESHOLD),
        (false, true) => b_in_a.max(CONFLICT_THRESHOLD),
        (false, false) => overlap(a, b),
    };
    let (acts_a, acts_b) = (actions(&a.main), actions(&b.main));
    if !acts_a.is_empty() && !acts_b.is_empty() && acts_a.is_disjoint(&acts_b) {
        score * OTHER_ACTION_FACTOR
    } else {
        score
    }
}

/// The judgement on two texts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Judgement {
    /// The same words once case, spaces and punctuation are set aside.
    Same,
    /// Worded differently, same meaning.
    Variant(f64),
    /// Shares some words, but not enough to call it one meaning or two.
    Unclear(f64),
    /// Different meanings.
    Conflict(f64),
}

/// Compares two texts: same, variant or conflict, with the score.
pub fn judge(a: &str, b: &str) -> Judgement {
    if surface(a) == surface(b) {
        return Judgement::Same;
    }
    judge_profiles(&Profile::of(a), &Profile::of(b))
}

/// Compares two texts already profiled (they are known to differ on the surface).
pub fn judge_profiles(a: &Profile, b: &Profile) -> Judgement {
    let score = similarity(a, b);
    if score >= VARIANT_THRESHOLD {
        Judgement::Variant(score)
    } else if score >= CONFLICT_THRESHOLD {
        Judgement::Unclear(score)
    } else {
        Judgement::Conflict(score)
    }
}

/// The text with case, spacing and punctuation set aside, for "is this the same text".
pub fn surface(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conflict(a: &str, b: &str) {
        match judge(a, b) {
            Judgement::Conflict(_) | Judgement::Unclear(_) => {}
            other => panic!("expected a conflict, got {other:?}:\n  {a}\n  {b}"),
        }
    }

    fn variant(a: &str, b: &str) {
        match judge(a, b) {
            Judgement::Variant(_) => {}
            other => panic!("expected a variant, got {other:?}:\n  {a}\n  {b}"),
        }
    }

    #[test]
    fn different_actions_are_conflicts() {
        conflict(
            "Failed to create the snapshot.",
            "Failed to reset the password.",
        );
        conflict(
            "Failed to create the snapshot because of an internal error. Please contact customer service or try again later.",
            "Failed to reset the password.",
        );
        conflict(
            "Failed to restart the cluster because of an internal error.",
            "Failed to bind the elastic IP address to the cluster.",
        );
        conflict(
            "Failed to restore the snapshot because the OBS bucket you select does not exist or has been deleted.",
            "Failed to create the snapshot.",
        );
        conflict(
            "Failed to create the snapshot because the OBS bucket does not exist.",
            "Failed to update the YML file.",
        );
        conflict("The VPC does not exist.", "The subnet does not exist.");
        conflict("The instance is frozen.", "The quota is insufficient.");
    }

    #[test]
    fn rewordings_are_variants() {
        variant(
            "Failed to create the cluster because of an internal error. Please contact customer service or try again later.",
            "Clusters fail to be created.",
        );
        variant(
            "Failed to scale out the cluster because of an internal error.",
            "Cluster scale-out fails.",
        );
        variant(
            "Failed to initialize the service because of an internal error.",
            "The initialization fails.",
        );
        variant(
            "Failed to create the node because of ECS exceptions (<ECS error code>). Please try again later.",
            "Failed to create a node.",
        );
        variant("The VPC does not exist.", "The VPC cannot be found.");
        variant(
            "The VPC does not exist or does not belong to the user.",
            "The VPC does not exist.",
        );
        variant(
            "Creation of the volume failed.",
            "Failed to create the volume.",
        );
        variant(
            "The NIC parameters for creating a HANA ECS are invalid.",
            "the nic param for creating hana instance is illegal.",
        );
        variant("VPC parameters are invalid.", "vpc parm is illegal");
        variant(
            "project_id in token mismatches with project_id in url.",
            "The project ID in token does not match that in URL.",
        );
        variant(
            "The image is not in Active state.",
            "image[%s] status must be active",
        );
        variant(
            "The value of limit falls beyond the range.",
            "Invalid limit.",
        );
        variant("VPC does not exist.", "VPC does not exit.");
        variant(
            "Too many tag values.",
            "The length of the tag value list has exceeded the upper limit.",
        );
        variant(
            "The disk of this type has been sold out.",
            "the volumeType [%s] is sellout in az[%s]",
        );
        variant(
            "AZ query failed.",
            "query availability zones detail failed: the response is null.",
        );
    }

    #[test]
    fn other_operation_other_meaning() {
        conflict(
            "Failed to create the ECS.",
            "Failed to add a tag to server %s: %s.",
        );
        conflict("Invalid VPC ID.", "Invalid subnet ID.");
        conflict(
            "Failed to assign the private IP address.",
            "Failed to query private IP addresses because the response is null.",
        );
    }

    #[test]
    fn one_typo_apart() {
        assert!(one_edit("parm", "param"));
        assert!(!one_edit("requset", "request"), "a swap is two edits");
        assert!(one_edit("exit", "exist"));
        assert!(one_edit("abcd", "abed"));
        assert!(!one_edit("create", "delete"));
    }

    #[test]
    fn clear_conflicts_score_low() {
        for (a, b) in [
            (
                "Failed to create the snapshot.",
                "Failed to reset the password.",
            ),
            (
                "Failed to restart the cluster.",
                "Failed to bind the EIP to the cluster.",
            ),
            (
                "Failed to restore the snapshot.",
                "Failed to create the snapshot.",
            ),
            ("User is unverified.", "The used space cannot be reduced."),
        ] {
            assert!(matches!(judge(a, b), Judgement::Conflict(_)), "{a} / {b}");
        }
        assert!(matches!(
            judge("Invalid VPC ID.", "Invalid subnet ID."),
            Judgement::Unclear(_)
        ));
    }

    #[test]
    fn identical_texts_are_the_same() {
        assert_eq!(judge("Server error.", "server error"), Judgement::Same);
    }

    #[test]
    fn generic_texts_do_not_match_everything() {
        for specific in [
            "Failed to delete the backup.",
            "Failed to view the EIP because %s.",
        ] {
            for generic in ["Failed.", "Internal error.", "A system exception occurred."] {
                assert!(
                    matches!(judge(generic, specific), Judgement::Unclear(_)),
                    "{generic} / {specific}"
                );
            }
        }
    }

    #[test]
    fn placeholders_are_ignored() {
        assert_eq!(
            strip_placeholders("failed (<ECS error code>) for {id} xxx %s"),
            "failed ( ) for"
        );
    }

    #[test]
    fn stems_meet() {
        for group in [
            &["create", "created", "creation", "creating", "creates"][..],
            &[
                "initialize",
                "initialization",
                "initializing",
                "initialized",
            ],
            &["delete", "deleted", "deletion", "deleting"],
            &["restore", "restored", "restoration", "restoring"],
            &["update", "updated", "updating"],
            &["cluster", "clusters"],
            &["operate", "operation", "operations"],
            &["validate", "validation", "valid"],
            &["verify", "verification", "verified"],
        ] {
            let stems: BTreeSet<String> = group.iter().map(|w| stem(w)).collect();
            assert_eq!(stems.len(), 1, "{group:?} → {stems:?}");
        }
    }

    #[test]
    fn translations_are_not_compared() {
        assert!(!comparable(
            "创建快照失败",
            "Failed to create the snapshot."
        ));
        assert!(comparable("Failed.", "Failed to create the snapshot."));
    }

    #[test]
    fn chinese_uses_bigrams() {
        let p = Profile::of("创建快照失败");
        assert!(p.all.contains("快照"));
        variant("创建快照失败。", "创建快照失败，请稍后重试。");
    }

    #[test]
    fn main_clause_stops_at_the_reason() {
        let p = Profile::of("Failed to create the snapshot because the bucket is gone.");
        assert_eq!(p.main, vec!["fail", "creat", "snapshot"]);
        assert!(
            Profile::of("Failed to query the disk.")
                .main
                .contains(&"queri".to_string())
        );
    }
}
