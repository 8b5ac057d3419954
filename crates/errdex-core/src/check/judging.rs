//! How two definitions of one code are judged: the texts a definition is read by, their word
//! profiles (each distinct text profiled once, with its service's `[[synonyms]]`), and the
//! kindest judgement over every comparable pair of readings. Shared by the meaning check and
//! by the meaning errdex states (`crate::explain::stated`), so both call one meaning one.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::Context;
use super::similarity::{self, Judgement, Lexicon, Profile};
use crate::kb::{Definition, ErrorCode};

/// The maintainer's synonyms (`[[synonyms]]`), prepared once per service that has its own.
pub(super) struct Lexicons {
    /// For services without synonyms of their own: the global ones.
    global: Lexicon,
    /// Upper-case service → its synonyms and the global ones.
    by_service: BTreeMap<String, Lexicon>,
}

impl Lexicons {
    pub(super) fn new(context: &Context) -> Lexicons {
        let config = context.config;
        let global = config
            .synonyms
            .iter()
            .filter(|s| s.service.is_none())
            .map(|s| s.words.get_ref().as_slice())
            .collect::<Vec<_>>();
        let by_service = config
            .synonyms
            .iter()
            .filter_map(|s| s.service.as_deref())
            .map(|service| {
                let service = service.trim().to_ascii_uppercase();
                let lexicon = Lexicon::new(&config.synonyms_for(&service));
                (service, lexicon)
            })
            .collect();
        Lexicons {
            global: Lexicon::new(&global),
            by_service,
        }
    }

    /// The lexicon for a service's texts, and a key telling lexicons apart.
    pub(super) fn of(&self, service: &str) -> (&Lexicon, Option<&str>) {
        match self
            .by_service
            .get_key_value(service.to_ascii_uppercase().as_str())
        {
            Some((key, lexicon)) => (lexicon, Some(key.as_str())),
            None => (&self.global, None),
        }
    }
}

/// The text a definition is judged by: its message, or its description when the message is
/// blank.
pub fn text_of(definition: &Definition) -> &str {
    match definition.description.as_deref() {
        Some(description) if definition.message.trim().is_empty() => description,
        _ => &definition.message,
    }
}

/// The texts a definition can be read by: its message, and also its description where the
/// table has both. Pages often put the raw API message in one column and what it means in the
/// other (`Marketplace image [%s] must have a product code.` / `No product ID in the
/// Marketplace image.`), and another page may document either one.
pub fn readings(definition: &Definition) -> Vec<&str> {
    let mut texts = vec![text_of(definition)];
    if let Some(description) = definition.description.as_deref()
        && !description.trim().is_empty()
        && description != texts[0]
    {
        texts.push(description);
    }
    texts
}

/// Profiles of every reading of every definition, each distinct text profiled once (one
/// message is often written in many pages).
pub(super) struct Profiles {
    store: Vec<Profile>,
    /// Code → definition → reading → index in `store`.
    slots: Vec<Vec<Vec<usize>>>,
}

impl Profiles {
    /// Profiles only where they will be compared: codes defined in two or more sources. Other
    /// codes (most of a large knowledge base) get empty lists; renumbering hints profile them on
    /// demand. A text is profiled with its service's synonyms ([`Lexicons`]).
    pub(super) fn new<'a>(codes: &'a [ErrorCode], lexicons: &'a Lexicons) -> Profiles {
        type Key<'a> = (&'a str, Option<&'a str>);
        let mut index: FxHashMap<Key<'a>, usize> = FxHashMap::default();
        let mut texts: Vec<(&str, &Lexicon)> = Vec::new();
        let slots = codes
            .iter()
            .map(|c| {
                let first = c.definitions.first().map(|d| d.source.as_str());
                if c.definitions
                    .iter()
                    .all(|d| Some(d.source.as_str()) == first)
                {
                    return vec![Vec::new(); c.definitions.len()];
                }
                let (lexicon, lexicon_key) = lexicons.of(&c.service);
                c.definitions
                    .iter()
                    .map(|d| {
                        readings(d)
                            .into_iter()
                            .map(|text| {
                                *index.entry((text, lexicon_key)).or_insert_with(|| {
                                    texts.push((text, lexicon));
                                    texts.len() - 1
                                })
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let store = texts
            .par_iter()
            .map(|(text, lexicon)| Profile::with_lexicon(text, lexicon))
            .collect();
        Profiles { store, slots }
    }

    /// The profiles of one code's definitions.
    pub(super) fn code(&self, ci: usize) -> CodeProfiles<'_> {
        CodeProfiles {
            store: &self.store,
            slots: &self.slots[ci],
        }
    }
}

/// The profiles of one code's definitions.
#[derive(Clone, Copy)]
pub(super) struct CodeProfiles<'a> {
    store: &'a [Profile],
    slots: &'a [Vec<usize>],
}

impl<'a> CodeProfiles<'a> {
    /// The profiles of definition `di`'s readings, in [`readings`] order (none when the code
    /// was not profiled).
    pub(super) fn readings(self, di: usize) -> impl Iterator<Item = &'a Profile> {
        self.slots
            .get(di)
            .into_iter()
            .flatten()
            .map(move |&slot| &self.store[slot])
    }
}

/// The kindest judgement over every comparable pair of readings: two definitions mean the same
/// when any reading of one matches any reading of the other. `None` when no pair of readings
/// can be compared (different languages).
pub(super) fn judge(
    code: &ErrorCode,
    profiles: CodeProfiles,
    a: usize,
    b: usize,
) -> Option<Judgement> {
    let (da, db) = (&code.definitions[a], &code.definitions[b]);
    let mut best: Option<Judgement> = None;
    for (ta, pa) in readings(da).into_iter().zip(profiles.readings(a)) {
        for (tb, pb) in readings(db).into_iter().zip(profiles.readings(b)) {
            if !similarity::comparable(ta, tb) {
                continue;
            }
            let judgement = if similarity::surface(ta) == similarity::surface(tb) {
                Judgement::Same
            } else {
                similarity::judge_profiles(pa, pb)
            };
            if best.is_none_or(|b| rank(judgement) > rank(b)) {
                best = Some(judgement);
            }
        }
    }
    best
}

/// Orders judgements from conflict to same, by kind first and score second.
pub(super) fn rank(judgement: Judgement) -> (u8, f64) {
    match judgement {
        Judgement::Conflict(s) => (0, s),
        Judgement::Unclear(s) => (1, s),
        Judgement::Variant(s) => (2, s),
        Judgement::Same => (3, 1.0),
    }
}

/// The score of a judgement (1 for the same text).
pub(super) fn score(judgement: Judgement) -> f64 {
    match judgement {
        Judgement::Same => 1.0,
        Judgement::Variant(s) | Judgement::Unclear(s) | Judgement::Conflict(s) => s,
    }
}

/// Two decimals, never `-0`.
pub(super) fn round(score: f64) -> f64 {
    let rounded = (score * 100.0).round() / 100.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// The meaning check's judgement for use outside `check`: the meaning errdex states
/// (`crate::explain::stated`) groups a code's definitions with it, so what `explain` calls
/// one meaning is what `check` calls a wording variant. Holds the config's synonyms.
pub struct Judge {
    lexicons: Lexicons,
}

impl Judge {
    /// Prepares the config's `[[synonyms]]`.
    pub fn new(context: &Context) -> Judge {
        Judge {
            lexicons: Lexicons::new(context),
        }
    }

    /// Profiles every reading of a code's definitions, with its service's synonyms.
    pub fn code<'c>(&self, code: &'c ErrorCode) -> CodeJudge<'c> {
        let lexicon = self.lexicons.of(&code.service).0;
        let mut store = Vec::new();
        let slots = code
            .definitions
            .iter()
            .map(|d| {
                readings(d)
                    .into_iter()
                    .map(|text| {
                        store.push(Profile::with_lexicon(text, lexicon));
                        store.len() - 1
                    })
                    .collect()
            })
            .collect();
        CodeJudge { code, store, slots }
    }
}

/// One code's definitions, profiled for [`CodeJudge::judge`].
pub struct CodeJudge<'c> {
    code: &'c ErrorCode,
    store: Vec<Profile>,
    slots: Vec<Vec<usize>>,
}

impl CodeJudge<'_> {
    /// The meaning check's judgement on definitions `a` and `b` (indices into the code's
    /// definitions, from any sources); `None` when no reading of one can be compared with a
    /// reading of the other (two languages).
    pub fn judge(&self, a: usize, b: usize) -> Option<Judgement> {
        let profiles = CodeProfiles {
            store: &self.store,
            slots: &self.slots,
        };
        judge(self.code, profiles, a, b)
    }
}
