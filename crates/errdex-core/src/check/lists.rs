//! Sources as code lists: which definitions of a code may contradict each other at all.
//!
//! A code's definitions are grouped by source into *sides*. A side is not one meaning when the
//! source lists the code with several causes (one row per operation, 22 ways a tag can be
//! invalid) or documents it on an API operation's page (the cause of that operation, not the
//! code's meaning): another source's different wording is then another cause, not a
//! contradiction.
//!
//! Two sources keep *one code list* when the codes they share mostly mean the same in both
//! ([`Lists`]): a release and its successor, one table published on two pages, two services
//! documenting one backend's codes. Two sources whose shared codes mostly mean different
//! things are two lists behind one prefix (OBS Browser's and OBS Console's `Obs.0002`, two
//! products' bare numbers): their differences are products, not errors. The evidence is the
//! pages themselves, so it needs no configuration; `[[group]]` in `errdex.toml` says it outright
//! where a maintainer wants to.

use rustc_hash::FxHashMap;

use super::similarity::Judgement;
use crate::kb::KnowledgeBase;

/// One source's definitions of one code.
#[derive(Debug, Clone)]
pub(super) struct Side<'a> {
    /// The source id.
    pub source: &'a str,
    /// Indices into the code's definitions, in order.
    pub defs: Vec<usize>,
    /// The config group of the source.
    pub group: Option<usize>,
    /// The source gives the code several meanings (rows that do not agree with each other).
    pub several: bool,
    /// The rows are on an API operation's page: causes of that operation.
    pub operation: bool,
}

impl Side<'_> {
    /// Whether the side gives the code one meaning of its own (not several causes, not one
    /// operation's cause).
    pub fn is_plain(&self) -> bool {
        !self.several && !self.operation
    }
}

/// Where API operations start in each source (the first request line): error rows after it
/// are that page's causes.
pub(super) fn operation_pages(kb: &KnowledgeBase) -> FxHashMap<&str, u32> {
    let mut first: FxHashMap<&str, u32> = FxHashMap::default();
    for op in &kb.operations {
        let line = first.entry(op.source.as_str()).or_insert(op.line);
        *line = (*line).min(op.line);
    }
    first
}

/// How far two sources agree on the codes they share.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Tally {
    /// Shared codes that mean the same in both.
    pub agree: u32,
    /// Shared codes that each source gives one different meaning.
    pub disagree: u32,
}

impl Tally {
    /// Two code lists behind one prefix: at least three shared codes mean different things in
    /// the two sources, and they outnumber the shared codes that agree. Two releases of one
    /// list agree on most codes even where a table shifted; two products behind one prefix
    /// agree on next to none. Without that evidence (one shared code is none either way) the
    /// sources are one list, and a contradiction between them is one.
    pub fn two_lists(self) -> bool {
        self.disagree >= MIN_DISAGREEING && self.disagree > self.agree
    }
}

/// The fewest disagreeing codes that make two sources two lists.
const MIN_DISAGREEING: u32 = 3;

/// Agreement between every two sources that share a code, by source ids in order.
#[derive(Debug, Default)]
pub(super) struct Lists<'a> {
    tallies: FxHashMap<(&'a str, &'a str), Tally>,
}

impl<'a> Lists<'a> {
    /// Counts one judged pair of sides of a code.
    pub fn count(&mut self, a: &Side<'a>, b: &Side<'a>, judgement: Judgement) {
        let tally = self.tallies.entry(key(a.source, b.source)).or_default();
        match judgement {
            Judgement::Same | Judgement::Variant(_) => tally.agree += 1,
            Judgement::Conflict(_) if a.is_plain() && b.is_plain() => tally.disagree += 1,
            Judgement::Conflict(_) | Judgement::Unclear(_) => {}
        }
    }

    /// Adds another count.
    pub fn merge(&mut self, other: Lists<'a>) {
        for (pair, tally) in other.tallies {
            let mine = self.tallies.entry(pair).or_default();
            mine.agree += tally.agree;
            mine.disagree += tally.disagree;
        }
    }

    /// How far two sources agree.
    pub fn tally(&self, a: &str, b: &str) -> Tally {
        let (x, y) = if a <= b { (a, b) } else { (b, a) };
        self.tallies.get(&(x, y)).copied().unwrap_or_default()
    }
}

fn key<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    if a <= b { (a, b) } else { (b, a) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(source: &str) -> Side<'_> {
        Side {
            source,
            defs: vec![0],
            group: None,
            several: false,
            operation: false,
        }
    }

    #[test]
    fn lists_agree_when_most_shared_codes_agree() {
        let (a, b, c) = (side("a"), side("b"), side("c"));
        let mut lists = Lists::default();
        for _ in 0..5 {
            lists.count(&a, &b, Judgement::Same);
        }
        lists.count(&b, &a, Judgement::Conflict(0.1));
        lists.count(&a, &c, Judgement::Conflict(0.1));
        lists.count(&c, &a, Judgement::Variant(0.8));
        assert_eq!(
            lists.tally("b", "a"),
            Tally {
                agree: 5,
                disagree: 1
            }
        );
        assert!(!lists.tally("a", "b").two_lists());
        assert!(
            !lists.tally("a", "c").two_lists(),
            "one code is no evidence"
        );
        lists.count(&c, &b, Judgement::Conflict(0.1));
        lists.count(&b, &c, Judgement::Conflict(0.2));
        assert!(
            !lists.tally("b", "c").two_lists(),
            "two codes are little evidence"
        );
        lists.count(&b, &c, Judgement::Conflict(0.3));
        lists.count(&b, &c, Judgement::Same);
        assert!(
            lists.tally("b", "c").two_lists(),
            "most shared codes differ"
        );
        let several = Side {
            several: true,
            ..side("c")
        };
        lists.count(&a, &several, Judgement::Conflict(0.0));
        assert_eq!(
            lists.tally("a", "c"),
            Tally {
                agree: 1,
                disagree: 1
            }
        );
    }
}
