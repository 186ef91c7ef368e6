//! Quantity qualifiers (`qualifiers.toml`): the phrases that say how exact a number is,
//! with the normalized form a figure reports.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::{parse, WordSet};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    qualifier: Vec<Entry>,
    phrasal_verbs: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    normal: String,
    before: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
}

/// A qualifier phrase: its words in order and the normalized qualifier.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub words: Vec<String>,
    pub normal: &'static str,
}

/// The qualifiers, read from `qualifiers.toml`.
#[derive(Debug)]
pub struct Qualifiers {
    /// Phrases before a number, longest first.
    pub before: Vec<Phrase>,
    /// Phrases after a number ("or more"), all of two words.
    pub after: Vec<Phrase>,
    /// Every word of a phrase before a number.
    pub words: WordSet,
    /// Qualifier words that can be a verb's particle ("over", "around", "up"), each with
    /// the verbs that take it.
    phrasal_verbs: Vec<(String, WordSet)>,
}

fn phrases(what: &str, entries: &[Entry], pick: fn(&Entry) -> &[String]) -> Vec<Phrase> {
    let all: Vec<&str> = entries
        .iter()
        .flat_map(|e| pick(e).iter().map(String::as_str))
        .collect();
    WordSet::checked(what, all.iter().copied());
    let mut out: Vec<Phrase> = entries
        .iter()
        .flat_map(|e| {
            let normal: &'static str = Box::leak(e.normal.clone().into_boxed_str());
            pick(e).iter().map(move |p| Phrase {
                words: p.split(' ').map(str::to_string).collect(),
                normal,
            })
        })
        .collect();
    out.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    out
}

impl Qualifiers {
    fn load() -> Qualifiers {
        let file: File = parse("qualifiers.toml", include_str!("qualifiers.toml"));
        let before = phrases("qualifiers before", &file.qualifier, |e| &e.before);
        let after = phrases("qualifiers after", &file.qualifier, |e| &e.after);
        let mut words: Vec<&str> = before
            .iter()
            .flat_map(|p| p.words.iter().map(String::as_str))
            .collect();
        words.sort_unstable();
        words.dedup();
        Qualifiers {
            words: WordSet::checked("qualifier words", words),
            phrasal_verbs: file
                .phrasal_verbs
                .iter()
                .map(|(particle, verbs)| {
                    let what = format!("verbs taking {particle}");
                    let set = WordSet::checked(&what, verbs.iter().map(String::as_str));
                    (particle.clone(), set)
                })
                .collect(),
            before,
            after,
        }
    }

    /// Is `verb` (lower case, any inflection) one that takes `particle` ("handed" and
    /// "over", "edged" and "up"), so the particle qualifies no number after it?
    pub fn takes_particle(&self, verb: &str, particle: &str) -> bool {
        let Some((_, verbs)) = self.phrasal_verbs.iter().find(|(p, _)| p == particle) else {
            return false;
        };
        if verbs.contains(verb) {
            return true;
        }
        for suffix in ["ing", "ed", "es", "s", "d"] {
            if let Some(stem) = verb.strip_suffix(suffix) {
                let b = stem.as_bytes();
                // "spinning" -> "spin", "edged" -> "edge".
                let undoubled = b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2];
                if verbs.contains(stem)
                    || verbs.contains(&format!("{stem}e"))
                    || undoubled && verbs.contains(&stem[..stem.len() - 1])
                {
                    return true;
                }
            }
        }
        false
    }

    /// The normalized qualifier of a phrase after a number ("or", "more" -> "at least").
    pub fn after(&self, first: &str, second: &str) -> Option<&'static str> {
        self.after
            .iter()
            .find(|p| p.words[0] == first && p.words[1] == second)
            .map(|p| p.normal)
    }
}

/// The qualifiers, read on first use.
pub fn qualifiers() -> &'static Qualifiers {
    static QUALIFIERS: LazyLock<Qualifiers> = LazyLock::new(Qualifiers::load);
    &QUALIFIERS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_phrases_come_first_and_normalize() {
        let q = qualifiers();
        let pos = |s: &str| {
            q.before
                .iter()
                .position(|p| p.words.join(" ") == s)
                .unwrap()
        };
        assert!(pos("no more than") < pos("more than"));
        assert_eq!(q.before[pos("over")].normal, "more than");
        assert_eq!(q.before[pos("some")].normal, "about");
        assert_eq!(q.before[pos("no more than")].normal, "at most");
        assert_eq!(q.after("or", "more"), Some("at least"));
        assert_eq!(q.after("or", "so"), Some("about"));
        assert!(q.after.iter().all(|p| p.words.len() == 2));
        assert!(q.takes_particle("handed", "over"));
        assert!(q.takes_particle("spinning", "around"));
        assert!(q.takes_particle("edged", "up"));
        assert!(!q.takes_particle("took", "about"));
        for p in q.before.iter().chain(&q.after) {
            assert!(
                p.words.iter().all(|w| !w.is_empty()),
                "{:?} has an empty word",
                p.words
            );
        }
    }

    #[test]
    fn every_particle_opens_a_qualifier() {
        let q = qualifiers();
        for (particle, _) in &q.phrasal_verbs {
            assert!(
                q.before.iter().any(|p| &p.words[0] == particle),
                "{particle} opens no qualifier"
            );
        }
    }
}
