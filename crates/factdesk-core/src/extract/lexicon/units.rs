//! Units of time, measures and currencies (`units.toml`): one entry per unit, asked by
//! figures for a figure's unit and by dates for "N units ago".

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use serde::Deserialize;

use super::{parse, WordHasher, WordSet};

type WordMap<V> = HashMap<Box<str>, V, std::hash::BuildHasherDefault<WordHasher>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    percent: PercentEntry,
    temperature: Vec<MeasureEntry>,
    time: Vec<TimeEntry>,
    measure: Vec<MeasureEntry>,
    currency: Vec<CurrencyEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimeEntry {
    unit: String,
    count: u32,
    seconds: u64,
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PercentEntry {
    words: Vec<String>,
    glued: Vec<String>,
    phrases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasureEntry {
    symbol: String,
    words: Vec<String>,
    #[serde(default)]
    glued: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrencyEntry {
    code: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    symbols: Vec<String>,
    #[serde(default)]
    abbreviations: Vec<String>,
    #[serde(default)]
    dollar_prefixes: Vec<String>,
    #[serde(default)]
    adjectives: Vec<String>,
    #[serde(default)]
    family: Option<String>,
    #[serde(default)]
    coins: Vec<String>,
    #[serde(default)]
    measure_aliases: BTreeMap<String, String>,
}

/// A time word: the unit it reports, how many of that unit one word means ("decades" are
/// 10 years), and the unit's length in seconds (to compare units).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeWord {
    pub unit: &'static str,
    pub count: f64,
    pub seconds: f64,
}

/// The units' vocabulary, read from `units.toml`.
#[derive(Debug)]
pub struct Units {
    percent_words: WordSet,
    percent_glued: WordSet,
    /// Percent phrases of several words, each as its words: ["per", "cent"].
    pub percent_phrases: Vec<Vec<String>>,
    temperatures: WordMap<&'static str>,
    time: WordMap<TimeWord>,
    measures: WordMap<&'static str>,
    glued_measures: WordMap<&'static str>,
    currency_names: WordMap<&'static str>,
    currency_symbols: WordMap<&'static str>,
    currency_abbreviations: WordMap<&'static str>,
    dollar_prefixes: WordMap<&'static str>,
    /// (adjective, family code) -> code.
    currency_adjectives: HashMap<(Box<str>, &'static str), &'static str>,
    coins: WordMap<&'static str>,
    measure_aliases: WordMap<&'static str>,
    codes: Vec<&'static str>,
    /// Every word of every unit, for the check that a word names one unit only.
    all_words: Vec<&'static str>,
}

/// Leaks a string read once at start-up, so lookups can hand out `&'static str` values.
fn keep(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

/// Builds a map from `words` to `value`, panicking on a word listed twice or not in lower
/// case (the lexicon's own data, which the tests check).
fn insert<V: Copy>(map: &mut WordMap<V>, what: &str, words: &[String], value: V) {
    WordSet::checked(what, words.iter().map(String::as_str));
    for w in words {
        if map.insert(w.as_str().into(), value).is_some() {
            panic!("units.toml: {what}: {w:?} is listed twice");
        }
    }
}

impl Units {
    fn load() -> Units {
        let file: File = parse("units.toml", include_str!("units.toml"));
        let mut u = Units {
            percent_words: WordSet::checked(
                "percent words",
                file.percent.words.iter().map(String::as_str),
            ),
            percent_glued: WordSet::checked(
                "glued percent words",
                file.percent.glued.iter().map(String::as_str),
            ),
            percent_phrases: file
                .percent
                .phrases
                .iter()
                .map(|p| p.split(' ').map(str::to_string).collect())
                .collect(),
            temperatures: WordMap::default(),
            time: WordMap::default(),
            measures: WordMap::default(),
            glued_measures: WordMap::default(),
            currency_names: WordMap::default(),
            currency_symbols: WordMap::default(),
            currency_abbreviations: WordMap::default(),
            dollar_prefixes: WordMap::default(),
            currency_adjectives: HashMap::new(),
            coins: WordMap::default(),
            measure_aliases: WordMap::default(),
            codes: Vec::new(),
            all_words: Vec::new(),
        };
        u.all_words.extend(
            file.percent
                .words
                .iter()
                .chain(&file.percent.glued)
                .map(|w| keep(w)),
        );
        for t in &file.temperature {
            insert(
                &mut u.temperatures,
                "temperatures",
                &t.words,
                keep(&t.symbol),
            );
            u.all_words.extend(t.words.iter().map(|w| keep(w)));
        }
        for t in &file.time {
            let word = TimeWord {
                unit: keep(&t.unit),
                count: f64::from(t.count),
                seconds: t.seconds as f64,
            };
            insert(&mut u.time, "time words", &t.words, word);
            u.all_words.extend(t.words.iter().map(|w| keep(w)));
        }
        for m in &file.measure {
            insert(&mut u.measures, "measures", &m.words, keep(&m.symbol));
            insert(
                &mut u.glued_measures,
                "glued measures",
                &m.glued,
                keep(&m.symbol),
            );
            u.all_words
                .extend(m.words.iter().chain(&m.glued).map(|w| keep(w)));
        }
        for c in &file.currency {
            let code = keep(&c.code);
            assert!(
                code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()),
                "units.toml: {code:?} is no ISO 4217 code"
            );
            assert!(
                !u.codes.contains(&code),
                "units.toml: currency {code} is listed twice"
            );
            u.codes.push(code);
            insert(&mut u.currency_names, "currency names", &c.names, code);
            insert(
                &mut u.currency_symbols,
                "currency symbols",
                &c.symbols,
                code,
            );
            insert(
                &mut u.currency_abbreviations,
                "currency abbreviations",
                &c.abbreviations,
                code,
            );
            insert(
                &mut u.dollar_prefixes,
                "dollar prefixes",
                &c.dollar_prefixes,
                code,
            );
            insert(&mut u.coins, "coins", &c.coins, code);
            for (name, symbol) in &c.measure_aliases {
                assert!(
                    c.names.contains(name),
                    "units.toml: {code}: measure alias {name:?} is none of its names"
                );
                u.measure_aliases.insert(name.as_str().into(), keep(symbol));
            }
            u.all_words
                .extend(c.names.iter().chain(&c.coins).map(|w| keep(w)));
            match (&c.family, c.adjectives.is_empty()) {
                (Some(family), false) => {
                    let family = keep(family);
                    for a in &c.adjectives {
                        u.currency_adjectives
                            .insert((a.as_str().into(), family), code);
                    }
                }
                (None, true) => {}
                _ => panic!("units.toml: {code} needs both adjectives and a family, or neither"),
            }
        }
        u
    }

    /// Is `w` a word for percent written apart from its number ("percent", "pct")?
    pub fn percent_word(&self, w: &str) -> bool {
        self.percent_words.contains(w)
    }

    /// Is `w` a word for percent glued to its number ("5pc")?
    pub fn percent_glued(&self, w: &str) -> bool {
        self.percent_glued.contains(w)
    }

    /// The symbol of a temperature scale, in any case: "Celsius" and "C" -> "°C".
    pub fn temperature(&self, w: &str) -> Option<&'static str> {
        self.temperatures
            .get(w.to_ascii_lowercase().as_str())
            .copied()
    }

    /// The time word `w` (lower case): "decades" -> year, 10.
    pub fn time(&self, w: &str) -> Option<TimeWord> {
        self.time.get(w).copied()
    }

    /// The symbol of the measure `w` (lower case) names: "kilometres" -> "km".
    pub fn measure(&self, w: &str) -> Option<&'static str> {
        self.measures.get(w).copied()
    }

    /// The symbol of a measure written glued to its number (lower case): "in" of "2in".
    pub fn glued_measure(&self, w: &str) -> Option<&'static str> {
        self.glued_measures.get(w).copied()
    }

    /// The ISO 4217 code of a currency named in words (lower case): "euros" -> "EUR".
    pub fn currency_name(&self, w: &str) -> Option<&'static str> {
        self.currency_names.get(w).copied()
    }

    /// The code of a currency symbol: "€" -> "EUR".
    pub fn currency_symbol(&self, s: &str) -> Option<&'static str> {
        self.currency_symbols.get(s).copied()
    }

    /// The code of a currency abbreviation written capitalized ("Rs", "RMB"), or of an
    /// ISO 4217 code written in capitals ("USD"); `None` for lower-case words ("try").
    pub fn currency_code(&self, s: &str) -> Option<&'static str> {
        if !s.starts_with(|c: char| c.is_ascii_uppercase()) {
            return None;
        }
        if s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()) {
            if let Some(code) = self.codes.iter().find(|c| **c == s) {
                return Some(code);
            }
        }
        if s.len() <= 8 {
            let mut buf = [0u8; 8];
            let lower = &mut buf[..s.len()];
            lower.copy_from_slice(s.as_bytes());
            lower.make_ascii_lowercase();
            return std::str::from_utf8(lower)
                .ok()
                .and_then(|l| self.currency_abbreviations.get(l).copied());
        }
        None
    }

    /// The code a prefix glued to "$" gives, in any case: "A$" -> "AUD", "US$" -> "USD".
    pub fn dollar_prefix(&self, p: &str) -> Option<&'static str> {
        self.dollar_prefixes
            .get(p.to_ascii_lowercase().as_str())
            .copied()
    }

    /// The code a country adjective (lower case) gives a currency of `family`:
    /// ("australian", "USD") -> "AUD"; `family` itself when the adjective says nothing.
    pub fn currency_of_country(&self, adjective: &str, family: &'static str) -> &'static str {
        self.currency_adjectives
            .get(&(adjective.into(), family))
            .copied()
            .unwrap_or(family)
    }

    /// The measure a currency name also names (lower case): "pounds" -> "lb".
    pub fn measure_alias(&self, w: &str) -> Option<&'static str> {
        self.measure_aliases.get(w).copied()
    }

    /// The code of a coin word (lower case), a hundredth of its currency: "cents" -> "USD".
    pub fn coin(&self, w: &str) -> Option<&'static str> {
        self.coins.get(w).copied()
    }

    /// Every time word ("decades", "hrs").
    pub fn time_words(&self) -> impl Iterator<Item = &str> {
        self.time.keys().map(|w| &**w)
    }

    /// Every measure word ("kilometres", "km").
    pub fn measure_words(&self) -> impl Iterator<Item = &str> {
        self.measures.keys().map(|w| &**w)
    }

    /// Every ISO 4217 code the lexicon knows.
    pub fn codes(&self) -> &[&'static str] {
        &self.codes
    }
}

/// The units' vocabulary, read on first use.
pub fn units() -> &'static Units {
    static UNITS: LazyLock<Units> = LazyLock::new(Units::load);
    &UNITS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unit_word_names_one_unit() {
        let u = units();
        let mut seen = std::collections::HashSet::new();
        for w in &u.all_words {
            assert!(seen.insert(*w), "{w:?} names two units");
            assert_eq!(*w, w.to_lowercase(), "{w:?} is not lower case");
        }
    }

    #[test]
    fn time_words_carry_their_count_and_length() {
        let u = units();
        let decades = u.time("decades").expect("decades");
        assert_eq!((decades.unit, decades.count), ("year", 10.0));
        assert_eq!(
            u.time("fortnight").map(|t| (t.unit, t.count)),
            Some(("week", 2.0))
        );
        let (year, month) = (u.time("year").unwrap(), u.time("month").unwrap());
        assert_eq!(
            year.seconds / month.seconds,
            12.0,
            "a year is twelve months"
        );
        assert_eq!(u.time("Years"), None, "lookups are lower case");
        // One length per unit, whichever word names it.
        for w in ["fortnight", "week", "decade", "year", "century"] {
            let t = u.time(w).unwrap();
            let one = u.time(t.unit).unwrap();
            assert_eq!((one.count, one.seconds), (1.0, t.seconds), "{w}");
        }
    }

    #[test]
    fn measures_and_currencies_map_to_symbols_and_codes() {
        let u = units();
        assert_eq!(u.measure("kilometres"), Some("km"));
        assert_eq!(u.measure("feet"), Some("ft"));
        assert_eq!(u.glued_measure("in"), Some("in"));
        assert_eq!(u.measure("in"), None, "'in' apart is a preposition");
        assert_eq!(u.currency_name("euros"), Some("EUR"));
        assert_eq!(u.currency_symbol("£"), Some("GBP"));
        assert_eq!(u.currency_code("EUR"), Some("EUR"));
        assert_eq!(u.currency_code("Rs"), Some("INR"));
        assert_eq!(u.currency_code("RMB"), Some("CNY"));
        assert_eq!(
            u.currency_code("try"),
            None,
            "codes are written in capitals"
        );
        assert_eq!(u.dollar_prefix("US"), Some("USD"));
        assert_eq!(u.dollar_prefix("A"), Some("AUD"));
        assert_eq!(u.currency_of_country("australian", "USD"), "AUD");
        assert_eq!(u.currency_of_country("french", "USD"), "USD");
        assert_eq!(u.coin("pence"), Some("GBP"));
        assert_eq!(u.measure_alias("pounds"), Some("lb"));
        assert!(u.percent_word("pct") && u.percent_glued("pc"));
        assert_eq!(
            u.percent_phrases,
            vec![vec!["per".to_string(), "cent".to_string()]]
        );
        assert_eq!(u.temperature("Celsius"), Some("°C"));
        assert_eq!(u.temperature("F"), Some("°F"));
        assert_eq!(
            u.measure("lb"),
            Some("lb"),
            "the alias names a listed measure"
        );
    }

    #[test]
    fn every_currency_family_is_a_currency_with_names() {
        let file: File = parse("units.toml", include_str!("units.toml"));
        for c in &file.currency {
            if let Some(f) = &c.family {
                let family = file.currency.iter().find(|x| &x.code == f);
                assert!(
                    family.is_some_and(|x| !x.names.is_empty()),
                    "{}: family {f} names no currency words",
                    c.code
                );
            }
        }
    }
}
