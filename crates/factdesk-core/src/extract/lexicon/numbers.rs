//! Numbers in words (`numbers.toml`): cardinals, collectives, scale words, fractions and
//! multiplicatives, read by [`crate::extract::number`].

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use serde::Deserialize;

use super::{parse, WordHasher, WordSet};

type WordMap = HashMap<Box<str>, f64, BuildHasherDefault<WordHasher>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    cardinals: BTreeMap<String, f64>,
    quiet_cardinals: BTreeMap<String, f64>,
    collectives: BTreeMap<String, f64>,
    scale: Vec<ScaleEntry>,
    fractions: BTreeMap<String, f64>,
    times: BTreeMap<String, f64>,
    multiplying_verbs: BTreeMap<String, f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleEntry {
    value: f64,
    words: Vec<String>,
    #[serde(default)]
    plurals: Vec<String>,
    #[serde(default)]
    abbreviations: Vec<String>,
}

/// The number words, read from `numbers.toml`.
#[derive(Debug)]
pub struct Numbers {
    cardinals: WordMap,
    collectives: WordMap,
    scales: WordMap,
    spaced_scales: WordMap,
    spelled_scales: WordMap,
    fractions: WordMap,
    times: WordMap,
    multiplying: WordMap,
    /// The words a figure may start with, for the scan's pattern (cardinals, scale words,
    /// "half" and the multiplicatives).
    pub scan_words: Vec<String>,
}

fn map<'a>(what: &str, entries: impl IntoIterator<Item = (&'a String, f64)>) -> WordMap {
    let entries: Vec<(&String, f64)> = entries.into_iter().collect();
    WordSet::checked(what, entries.iter().map(|(w, _)| w.as_str()));
    entries
        .into_iter()
        .map(|(w, v)| (w.as_str().into(), v))
        .collect()
}

impl Numbers {
    fn load() -> Numbers {
        let file: File = parse("numbers.toml", include_str!("numbers.toml"));
        let cardinals = map(
            "cardinals",
            file.cardinals
                .iter()
                .chain(&file.quiet_cardinals)
                .map(|(w, v)| (w, *v)),
        );
        let scales = map(
            "scale words",
            file.scale.iter().flat_map(|s| {
                s.words
                    .iter()
                    .chain(&s.plurals)
                    .chain(&s.abbreviations)
                    .map(move |w| (w, s.value))
            }),
        );
        // Apart from the number: the words and the abbreviations of two letters or more.
        let spaced_scales = map(
            "spaced scale words",
            file.scale.iter().flat_map(|s| {
                s.words
                    .iter()
                    .chain(s.abbreviations.iter().filter(|a| a.len() >= 2))
                    .map(move |w| (w, s.value))
            }),
        );
        let spelled_scales = map(
            "spelled scale words",
            file.scale
                .iter()
                .flat_map(|s| s.words.iter().map(move |w| (w, s.value))),
        );
        let mut scan_words: Vec<String> = file.cardinals.keys().cloned().collect();
        scan_words.extend(file.scale.iter().flat_map(|s| s.words.iter().cloned()));
        scan_words.push("half".to_string());
        scan_words.extend(file.times.keys().cloned());
        // "double", "doubles", "doubled", "doubling".
        let mut multiplying: Vec<(String, f64)> = Vec::new();
        for (verb, v) in &file.multiplying_verbs {
            let stem = verb.strip_suffix('e').unwrap_or(verb);
            for form in [
                verb.clone(),
                format!("{verb}s"),
                format!("{stem}ed"),
                format!("{stem}ing"),
            ] {
                multiplying.push((form, *v));
            }
        }
        scan_words.extend(multiplying.iter().map(|(w, _)| w.clone()));
        Numbers {
            cardinals,
            collectives: map("collectives", file.collectives.iter().map(|(w, v)| (w, *v))),
            scales,
            spaced_scales,
            spelled_scales,
            fractions: map(
                "fractions",
                file.fractions.iter().map(|(w, v)| (w, 1.0 / *v)),
            ),
            times: map("times", file.times.iter().map(|(w, v)| (w, *v))),
            multiplying: map(
                "multiplying verbs",
                multiplying.iter().map(|(w, v)| (w, *v)),
            ),
            scan_words,
        }
    }

    /// The value of a cardinal (lower case): "fourteen" -> 14.
    pub fn cardinal(&self, w: &str) -> Option<f64> {
        self.cardinals.get(w).copied()
    }

    /// The value of a collective number (lower case): "dozen" -> 12.
    pub fn collective(&self, w: &str) -> Option<f64> {
        self.collectives.get(w).copied()
    }

    /// The multiplier of any scale word or abbreviation (lower case): "bn" -> 1e9.
    pub fn scale(&self, w: &str) -> Option<f64> {
        self.scales.get(w).copied()
    }

    /// The multiplier of a scale word written apart from its number (lower case):
    /// "billion", "bn"; not "m" or "k", which mean metres or are glued.
    pub fn spaced_scale(&self, w: &str) -> Option<f64> {
        self.spaced_scales.get(w).copied()
    }

    /// The multiplier of a scale word spelled out in the singular (lower case):
    /// "hundred", "million", "lakh"; not "bn" or "millions".
    pub fn spelled_scale(&self, w: &str) -> Option<f64> {
        self.spelled_scales.get(w).copied()
    }

    /// The value of a fraction word (lower case): "thirds" -> 1/3.
    pub fn fraction(&self, w: &str) -> Option<f64> {
        self.fractions.get(w).copied()
    }

    /// The factor of a verb of multiplying in any form (lower case): "tripled" -> 3.
    pub fn multiplying(&self, w: &str) -> Option<f64> {
        self.multiplying.get(w).copied()
    }

    /// The words that state an amount after "a"/"an": scale words, collectives and
    /// fractions ("a thousand", "a dozen", "a third").
    pub fn article_words(&self) -> impl Iterator<Item = &str> {
        self.spelled_scales
            .keys()
            .chain(self.collectives.keys())
            .chain(self.fractions.keys())
            .map(|w| &**w)
    }

    /// How many times a multiplicative adverb says (lower case): "twice" -> 2.
    pub fn times(&self, w: &str) -> Option<f64> {
        self.times.get(w).copied()
    }
}

/// The number words, read on first use.
pub fn numbers() -> &'static Numbers {
    static NUMBERS: LazyLock<Numbers> = LazyLock::new(Numbers::load);
    &NUMBERS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words_have_their_values() {
        let n = numbers();
        assert_eq!(n.cardinal("fourteen"), Some(14.0));
        assert_eq!(n.cardinal("nil"), Some(0.0));
        assert_eq!(n.collective("dozen"), Some(12.0));
        assert_eq!(n.scale("bn"), Some(1e9));
        assert_eq!(n.scale("m"), Some(1e6));
        assert_eq!(n.spaced_scale("m"), None, "a lone m is metres");
        assert_eq!(n.spaced_scale("crore"), Some(1e7));
        assert_eq!(n.fraction("thirds"), Some(1.0 / 3.0));
        assert_eq!(n.times("twice"), Some(2.0));
        assert_eq!(n.multiplying("tripled"), Some(3.0));
        assert_eq!(n.multiplying("doubling"), Some(2.0));
        assert!(
            !n.scan_words.iter().any(|w| w == "nil"),
            "nil starts no figure"
        );
    }

    #[test]
    fn a_word_has_one_number_meaning() {
        let file: File = parse("numbers.toml", include_str!("numbers.toml"));
        let mut all: Vec<&str> = Vec::new();
        all.extend(file.cardinals.keys().map(String::as_str));
        all.extend(file.quiet_cardinals.keys().map(String::as_str));
        all.extend(file.collectives.keys().map(String::as_str));
        all.extend(file.fractions.keys().map(String::as_str));
        all.extend(file.times.keys().map(String::as_str));
        all.extend(file.multiplying_verbs.keys().map(String::as_str));
        for s in &file.scale {
            all.extend(
                s.words
                    .iter()
                    .chain(&s.plurals)
                    .chain(&s.abbreviations)
                    .map(String::as_str),
            );
        }
        WordSet::new(all.iter().copied()).expect("each number word listed once, in lower case");
    }
}
