//! Rust identifiers for any documented name: keywords, leading digits, punctuation, Chinese or
//! other non-Latin text, empty names and collisions.
//!
//! Rules, in order:
//! 1. transliterate to ASCII ([`deunicode`]: `创建失败` → `Chuang Jian Shi Bai`), stable across
//!    builds because it is a fixed table;
//! 2. split into words at non-alphanumerics and at lower→upper case changes
//!    (`createFail` → `create`, `Fail`; `X-Auth-Token` → `X`, `Auth`, `Token`);
//! 3. join in the wanted case (`UpperCamel` for types and variants, `snake_case` for fields
//!    and modules, `SCREAMING_SNAKE` is not needed);
//! 4. a name that starts with a digit gets a letter in front (`V404`, `n404`); an empty name
//!    becomes `Unnamed` / `unnamed`;
//! 5. keywords: `r#type` where a raw identifier is allowed, else a trailing `_` (`self_`,
//!    `Self_`);
//! 6. [`Names`] hands out each identifier once per scope: a taken name gets `2`, `3`, … (or
//!    `_2` in snake case), in the order names are asked for, so collisions resolve the same way
//!    in every build.

use std::collections::BTreeSet;

/// Words that cannot be plain identifiers in Rust 2024.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "union",
];

/// Keywords that cannot be written as raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// The case of an identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `UpperCamel`: types, enum variants.
    UpperCamel,
    /// `snake_case`: fields, modules, functions.
    Snake,
}

/// Splits a documented name into ASCII words.
pub fn words(name: &str) -> Vec<String> {
    let ascii = deunicode::deunicode(name);
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous: Option<char> = None;
    for c in ascii.chars() {
        if !c.is_ascii_alphanumeric() {
            flush(&mut words, &mut current);
            previous = None;
            continue;
        }
        let lower_to_upper =
            c.is_ascii_uppercase() && previous.is_some_and(|p| p.is_ascii_lowercase());
        if lower_to_upper {
            flush(&mut words, &mut current);
        }
        current.push(c);
        previous = Some(c);
    }
    flush(&mut words, &mut current);
    words
}

fn flush(words: &mut Vec<String>, current: &mut String) {
    if !current.is_empty() {
        words.push(std::mem::take(current));
    }
}

/// The identifier for `name` in `case`, before collision handling. Always a valid Rust
/// identifier (possibly raw, `r#type`).
pub fn ident(name: &str, case: Case) -> String {
    let words = words(name);
    let joined = match case {
        Case::UpperCamel => words.iter().map(|w| capitalize(w)).collect::<String>(),
        Case::Snake => words
            .iter()
            .map(|w| w.to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join("_"),
    };
    let joined = match (joined.chars().next(), case) {
        (None, Case::UpperCamel) => "Unnamed".to_string(),
        (None, Case::Snake) => "unnamed".to_string(),
        (Some(first), Case::UpperCamel) if first.is_ascii_digit() => format!("V{joined}"),
        (Some(first), Case::Snake) if first.is_ascii_digit() => format!("n{joined}"),
        _ => joined,
    };
    escape_keyword(joined)
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => {
            first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase()
        }
        None => String::new(),
    }
}

fn escape_keyword(word: String) -> String {
    if NOT_RAW.contains(&word.as_str()) {
        format!("{word}_")
    } else if KEYWORDS.contains(&word.as_str()) {
        format!("r#{word}")
    } else {
        word
    }
}

/// The identifier without a raw prefix (`r#type` → `type`): what serde sees as the name.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Identifiers handed out in one scope (a module's types, a struct's fields, an enum's
/// variants); each is given once.
#[derive(Debug, Clone, Default)]
pub struct Names {
    taken: BTreeSet<String>,
}

impl Names {
    /// A scope where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Names {
            taken: reserved.iter().map(|r| r.to_string()).collect(),
        }
    }

    /// Whether `ident` is free.
    pub fn is_free(&self, ident: &str) -> bool {
        !self.taken.contains(unraw(ident))
    }

    /// Takes the first free one of `candidates` (already valid identifiers); when all are
    /// taken, the first with the smallest free number appended.
    pub fn take_first(&mut self, candidates: &[String], case: Case) -> String {
        let chosen = match candidates.iter().find(|c| self.is_free(c)) {
            Some(free) => free.clone(),
            None => self.numbered(candidates.first().map_or("", String::as_str), case),
        };
        self.taken.insert(unraw(&chosen).to_string());
        chosen
    }

    /// Takes the identifier for `name` in `case`, numbered when taken.
    pub fn take(&mut self, name: &str, case: Case) -> String {
        self.take_first(&[ident(name, case)], case)
    }

    fn numbered(&self, base: &str, case: Case) -> String {
        let base = unraw(base);
        (2u64..)
            .map(|n| match case {
                Case::UpperCamel => format!("{base}{n}"),
                Case::Snake => format!("{base}_{n}"),
            })
            .find(|candidate| self.is_free(candidate))
            .unwrap_or_else(|| base.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_valid_ident(ident: &str) -> bool {
        syn::parse_str::<syn::Ident>(ident).is_ok()
    }

    #[test]
    fn camel_case_from_documented_names() {
        assert_eq!(ident("createFail", Case::UpperCamel), "CreateFail");
        assert_eq!(ident("FAILED_RESET", Case::UpperCamel), "FailedReset");
        assert_eq!(ident("failure_status", Case::UpperCamel), "FailureStatus");
        assert_eq!(ident("CSS.6007", Case::UpperCamel), "Css6007");
        assert_eq!(ident("DCS. 4855", Case::UpperCamel), "Dcs4855");
        assert_eq!(ident("X-Auth-Token", Case::Snake), "x_auth_token");
        assert_eq!(ident("taskId", Case::Snake), "task_id");
    }

    #[test]
    fn nasty_names_become_valid_identifiers() {
        let nasty = [
            "type",
            "Self",
            "self",
            "super",
            "crate",
            "_",
            "fn",
            "async",
            "gen",
            "r#type",
            "",
            "   ",
            "404",
            "3d_mode",
            "创建失败",
            "事件类型",
            "…",
            "🙂",
            "-",
            "a.b.c",
            "_x_",
            "ÄÖÜ",
            "Ελληνικά",
            "match",
            "SELF",
            "Type",
            "union",
            "try",
        ];
        for name in nasty {
            for case in [Case::UpperCamel, Case::Snake] {
                let made = ident(name, case);
                assert!(
                    is_valid_ident(&made),
                    "{name:?} → {made:?} is not an identifier"
                );
            }
        }
    }

    #[test]
    fn keywords_are_raw_or_suffixed() {
        assert_eq!(ident("type", Case::Snake), "r#type");
        assert_eq!(ident("self", Case::Snake), "self_");
        assert_eq!(ident("Self", Case::UpperCamel), "Self_");
        assert_eq!(ident("self", Case::UpperCamel), "Self_");
        assert_eq!(unraw("r#type"), "type");
    }

    #[test]
    fn leading_digits_get_a_letter() {
        assert_eq!(ident("404", Case::UpperCamel), "V404");
        assert_eq!(ident("3d_mode", Case::Snake), "n3d_mode");
    }

    #[test]
    fn chinese_is_transliterated_stably() {
        assert_eq!(ident("创建失败", Case::UpperCamel), "ChuangJianShiBai");
        assert_eq!(ident("操作失败", Case::Snake), "cao_zuo_shi_bai");
    }

    #[test]
    fn collisions_are_numbered_in_request_order() {
        let mut names = Names::with_reserved(&["Unknown"]);
        assert_eq!(names.take("unknown", Case::UpperCamel), "Unknown2");
        assert_eq!(names.take("create_fail", Case::UpperCamel), "CreateFail");
        assert_eq!(names.take("createFail", Case::UpperCamel), "CreateFail2");
        assert_eq!(names.take("CREATE-FAIL", Case::UpperCamel), "CreateFail3");
        let mut fields = Names::default();
        assert_eq!(fields.take("type", Case::Snake), "r#type");
        assert_eq!(fields.take("Type", Case::Snake), "type_2");
        let first = fields.take_first(&["a".into(), "b".into()], Case::Snake);
        let second = fields.take_first(&["a".into(), "b".into()], Case::Snake);
        let third = fields.take_first(&["a".into(), "b".into()], Case::Snake);
        assert_eq!(
            (first.as_str(), second.as_str(), third.as_str()),
            ("a", "b", "a_2")
        );
    }
}
