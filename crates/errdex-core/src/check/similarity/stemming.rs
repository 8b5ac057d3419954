//! A light English stemmer, so that create/created/creation, initialize/initialization and
//! delete/deletion meet. Rules, not tables: suffixes are grammar, not vocabulary.

/// A light English stemmer: inflections (`-s`, `-es`, `-ies`, `-ed`, `-ing`), then common
/// derivations (`-ation`, `-ization`, `-ion`, `-ment`, `-ness`, `-ize`, `-ate`), then a final
/// `-e`, so that create/created/creation, initialize/initialization and delete/deletion meet.
/// Stems keep at least three letters; short words and non-ASCII words are left alone.
pub fn stem(word: &str) -> String {
    if !word.is_ascii() || word.chars().any(|c| c.is_ascii_digit()) {
        return word.to_string();
    }
    if word.len() <= 3 {
        return short_plural(word);
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

/// The plural of a two-letter abbreviation (`ids`, `ips`, `azs`) → the abbreviation; other
/// short words (`bus`, `has`) unchanged.
fn short_plural(word: &str) -> String {
    let b = word.as_bytes();
    if b.len() == 3 && b[2] == b's' && b[1] != b's' && !is_vowel(b[1] as char) {
        word[..2].to_string()
    } else {
        word.to_string()
    }
}

fn inflection(word: &str) -> String {
    if let Some(s) = word.strip_suffix("ies").filter(|s| s.len() >= 3) {
        return format!("{s}y");
    }
    for suffix in ["sses", "ss", "us", "is", "ias", "eed"] {
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
    // relationship → relation → relat, membership → member.
    if let Some(s) = word.strip_suffix("ship").filter(|s| s.len() >= 4) {
        return derivation(s);
    }
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
