//! Quantity qualifiers (`qualifiers.toml`): the phrases that say how exact a number is,
//! with the normalized form a figure reports.

use std::sync::LazyLock;

use serde::Deserialize;

use super::{parse, WordSet};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    qualifier: Vec<Entry>,
    particles: Particles,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    normal: String,
    before: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Particles {
    words: Vec<String>,
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
    /// One-word qualifiers that can be a verb's particle ("over", "around").
    pub particles: WordSet,
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
            particles: WordSet::checked(
                "particles",
                file.particles.words.iter().map(String::as_str),
            ),
            before,
            after,
        }
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
        assert!(q.particles.contains("over"));
        for p in q.before.iter().chain(&q.after) {
            assert!(
                p.words.iter().all(|w| !w.is_empty()),
                "{:?} has an empty word",
                p.words
            );
        }
    }

    #[test]
    fn every_particle_is_a_one_word_qualifier() {
        let q = qualifiers();
        for w in q.particles.iter() {
            assert!(
                q.before
                    .iter()
                    .any(|p| p.words.len() == 1 && p.words[0] == w),
                "{w} is no qualifier"
            );
        }
    }
}
