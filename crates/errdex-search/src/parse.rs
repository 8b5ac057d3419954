//! The query language, as a support desk types it (mirrored by `parseQuery` in
//! `assets/site/search.js`):
//!
//! - words, no quotes needed: `insufficient eip quota`;
//! - `"an exact phrase"` (straight or curly quotes; an unclosed quote runs to the end);
//! - `-word` or `-"a phrase"`: leave out what holds it;
//! - `service:ecs`, `status:409`, `kind:code` (`code`, `enum`, `field`, `operation`, `page`):
//!   keep only those; the same filter twice keeps either value;
//! - anything else is plain words: `status:abc` is the words `status` and `abc`, a lone `-` or
//!   `"` is nothing. Parsing never fails; a query with nothing to look for is
//!   [`ParsedQuery::is_empty`], and the caller says so.

use crate::docs::DocKind;
use crate::text::query_words;

/// A filter of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// `service:ecs`: the service, upper-case.
    Service(String),
    /// `status:409`.
    Status(u16),
    /// `kind:code`.
    Kind(DocKind),
}

impl Filter {
    /// The filter as the query language writes it, which is also the index facet holding
    /// the documents it keeps.
    pub fn written(&self) -> String {
        match self {
            Filter::Service(service) => format!("service:{}", service.to_lowercase()),
            Filter::Status(status) => format!("status:{status}"),
            Filter::Kind(kind) => format!("kind:{}", kind.as_str()),
        }
    }

    /// Same key (two `service:` filters keep either value).
    pub fn same_key(&self, other: &Filter) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// One thing the query looks for, in the order written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Query words of a plain word (CJK runs give their pairs).
    Words(Vec<String>),
    /// The words of a quoted phrase.
    Phrase(Vec<String>),
    /// Words (one, or a phrase) whose documents are left out.
    Exclude(Vec<String>),
    /// A filter.
    Filter(Filter),
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// The parts, in the order written.
    pub parts: Vec<Part>,
}

impl ParsedQuery {
    /// Nothing to look for: no words, phrases or filters (exclusions alone do not count).
    pub fn is_empty(&self) -> bool {
        !self
            .parts
            .iter()
            .any(|p| matches!(p, Part::Words(_) | Part::Phrase(_) | Part::Filter(_)))
    }

    /// The filters, in order.
    pub fn filters(&self) -> impl Iterator<Item = &Filter> {
        self.parts.iter().filter_map(|p| match p {
            Part::Filter(f) => Some(f),
            _ => None,
        })
    }

    /// Adds a filter given outside the query (`--service`, `--status`).
    pub fn add_filter(&mut self, filter: Filter) {
        self.parts.push(Part::Filter(filter));
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”')
}

/// A piece of the query: a bare run of non-space characters, or a quoted text.
enum Piece {
    Bare(String),
    Quoted { text: String, negated: bool },
}

fn pieces(query: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut chars = query.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut bare = String::new();
        let mut negated = false;
        if c == '-' {
            chars.next();
            if chars.peek().copied().is_some_and(is_quote) {
                negated = true;
            } else {
                bare.push('-');
            }
        }
        if chars.peek().copied().is_some_and(is_quote) {
            chars.next();
            let mut text = String::new();
            for c in chars.by_ref() {
                if is_quote(c) {
                    break;
                }
                text.push(c);
            }
            out.push(Piece::Quoted { text, negated });
            continue;
        }
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || is_quote(c) {
                break;
            }
            bare.push(c);
            chars.next();
        }
        out.push(Piece::Bare(bare));
    }
    out
}

fn filter_of(piece: &str) -> Option<Filter> {
    let (key, value) = piece.split_once(':')?;
    let value = value.trim();
    match key.to_lowercase().as_str() {
        "service"
            if !value.is_empty()
                && value
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_') =>
        {
            Some(Filter::Service(value.to_uppercase()))
        }
        "status" => value
            .parse::<u16>()
            .ok()
            .filter(|s| errdex_core::shapes::is_http_status(*s))
            .map(Filter::Status),
        "kind" => DocKind::from_filter(&value.to_lowercase()).map(Filter::Kind),
        _ => None,
    }
}

/// Parses a query; see the module doc.
pub fn parse(query: &str) -> ParsedQuery {
    let mut parts = Vec::new();
    for piece in pieces(query) {
        match piece {
            Piece::Quoted { text, negated } => {
                let words = query_words(&text);
                if words.is_empty() {
                    continue;
                }
                parts.push(match negated {
                    true => Part::Exclude(words),
                    false => Part::Phrase(words),
                });
            }
            Piece::Bare(bare) => {
                if let Some(filter) = filter_of(&bare) {
                    parts.push(Part::Filter(filter));
                } else if let Some(rest) = bare.strip_prefix('-') {
                    let words = query_words(rest);
                    if !words.is_empty() {
                        parts.push(Part::Exclude(words));
                    }
                } else {
                    let words = query_words(&bare);
                    if !words.is_empty() {
                        parts.push(Part::Words(words));
                    }
                }
            }
        }
    }
    ParsedQuery { parts }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn words_phrases_exclusions_and_filters() {
        let parsed = parse(r#"insufficient "EIP quota" -bucket service:ecs status:403 kind:code"#);
        assert_eq!(
            parsed.parts,
            vec![
                Part::Words(words(&["insufficient"])),
                Part::Phrase(words(&["eip", "quota"])),
                Part::Exclude(words(&["bucket"])),
                Part::Filter(Filter::Service("ECS".into())),
                Part::Filter(Filter::Status(403)),
                Part::Filter(Filter::Kind(DocKind::Code)),
            ]
        );
    }

    #[test]
    fn anything_else_is_plain_words() {
        assert_eq!(
            parse("status:abc kind:thing foo:bar Ecs.0013").parts,
            vec![
                Part::Words(words(&["status", "abc"])),
                Part::Words(words(&["kind", "thing"])),
                Part::Words(words(&["foo", "bar"])),
                Part::Words(words(&["ecs", "0013"])),
            ]
        );
        assert_eq!(
            parse("status:999").parts,
            vec![Part::Words(words(&["status", "999"]))]
        );
        assert_eq!(
            parse("snapshot-failed").parts,
            vec![Part::Words(words(&["snapshot", "failed"]))]
        );
    }

    #[test]
    fn odd_quotes_and_dashes_never_fail() {
        assert_eq!(
            parse(r#"bucket "not found"#).parts,
            vec![
                Part::Words(words(&["bucket"])),
                Part::Phrase(words(&["not", "found"]))
            ]
        );
        assert_eq!(
            parse("“deleted bucket” -\"old one\"").parts,
            vec![
                Part::Phrase(words(&["deleted", "bucket"])),
                Part::Exclude(words(&["old", "one"]))
            ]
        );
        assert!(parse(" - \"\" -- ").is_empty());
        assert!(parse("").is_empty());
        assert!(parse("-bucket").is_empty(), "exclusions alone");
        assert!(!parse("service:obs").is_empty(), "a filter alone lists");
    }

    #[test]
    fn filters_are_case_insensitive() {
        let parsed = parse("Service:Obs KIND:Field");
        assert_eq!(
            parsed.filters().collect::<Vec<_>>(),
            vec![
                &Filter::Service("OBS".into()),
                &Filter::Kind(DocKind::Field)
            ]
        );
        assert_eq!(Filter::Service("OBS".into()).written(), "service:obs");
    }
}
