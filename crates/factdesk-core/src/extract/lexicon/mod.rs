//! The engine's vocabulary, as data.
//!
//! Every word class the claim kinds consult — months, weekdays, units, titles, speech
//! verbs and the rest — is written once, in a TOML file beside this module, compiled into
//! the binary with `include_str!` and parsed on first use. Each file has a module here that
//! reads it into plain types ([`calendar`] for `calendar.toml`, and so on); the claim kinds
//! ask those, never a list of their own.
//!
//! The data's rules, which the tests check for every file: words are lower case and
//! trimmed, a list holds each word once, and each fact lives in one file.

pub mod abbreviations;
pub mod calendar;
pub mod dates;
pub mod figure_words;
pub mod numbers;
pub mod qualifiers;
pub mod speakers;
pub mod speech;
pub mod titles;
pub mod units;

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use serde::de::DeserializeOwned;

/// Parses one lexicon file. The files are part of the build, so a malformed one is a bug
/// in this crate: it fails the lexicon tests and panics on first use, naming the file.
pub(crate) fn parse<T: DeserializeOwned>(file: &str, source: &str) -> T {
    toml::from_str(source).unwrap_or_else(|e| panic!("lexicon file {file} is malformed: {e}"))
}

/// The value paired with `word` in a short list of lower-case words and their values,
/// asked in any ASCII case ("Sept" finds "sept").
pub(crate) fn lookup<T: Copy>(pairs: &[(String, T)], word: &str) -> Option<T> {
    pairs
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, value)| value)
}

/// A fast hash for short words (the lexicon's keys are a few bytes long).
#[derive(Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(buf))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
}

/// The longest word [`WordSet::contains`] lower-cases on the stack; longer words are
/// lower-cased on the heap.
const STACK_WORD: usize = 48;

/// A set of lower-case words, asked case-insensitively in O(1).
#[derive(Debug, Clone)]
pub struct WordSet {
    words: HashSet<Box<str>, BuildHasherDefault<WordHasher>>,
    longest: usize,
    /// A 4,096-bit filter over each word's length and first, second and last bytes:
    /// most asked words are turned away by it without hashing.
    filter: Box<[u64; 64]>,
}

impl Default for WordSet {
    fn default() -> WordSet {
        WordSet {
            words: HashSet::default(),
            longest: 0,
            filter: Box::new([0; 64]),
        }
    }
}

/// The filter bit of a lower-case ASCII word (or of a word's lower-case bytes).
fn filter_bit(bytes: &[u8]) -> usize {
    let n = bytes.len();
    filter_bit_of(
        n,
        [bytes[0], bytes.get(1).copied().unwrap_or(0), bytes[n - 1]],
    )
}

/// The filter bit of a word of `n` bytes whose first, second (0 if none) and last bytes
/// are `key`.
pub(crate) fn filter_bit_of(n: usize, [first, second, last]: [u8; 3]) -> usize {
    let mixed = (n as u32)
        .wrapping_mul(0x9E37)
        .wrapping_add(u32::from(first).wrapping_mul(0x85EB))
        .wrapping_add(u32::from(second).wrapping_mul(0xC2B2))
        .wrapping_add(u32::from(last).wrapping_mul(0x27D4));
    ((mixed ^ (mixed >> 13)) & 4095) as usize
}

/// What is wrong with a word list: the lexicon tests report these.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListError {
    /// A word is empty, or has spaces at its ends.
    #[error("{0:?} is empty or not trimmed")]
    NotTrimmed(String),
    /// A word has upper-case letters.
    #[error("{0:?} is not lower case")]
    NotLowerCase(String),
    /// A word is listed twice.
    #[error("{0:?} is listed twice")]
    Duplicate(String),
}

impl WordSet {
    /// The set of `words`, or what is wrong with them (see [`ListError`]).
    pub fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> Result<WordSet, ListError> {
        let mut set = WordSet::default();
        for w in words {
            if w.is_empty() || w.trim() != w {
                return Err(ListError::NotTrimmed(w.to_string()));
            }
            if w.chars().any(char::is_uppercase) {
                return Err(ListError::NotLowerCase(w.to_string()));
            }
            if !set.words.insert(w.into()) {
                return Err(ListError::Duplicate(w.to_string()));
            }
            set.longest = set.longest.max(w.len());
            let bit = filter_bit(w.as_bytes());
            set.filter[bit / 64] |= 1 << (bit % 64);
        }
        Ok(set)
    }

    /// The set of `words`; panics on a bad list, naming `what` (for the lexicon's own
    /// data, which the tests check).
    pub(crate) fn checked<'w>(what: &str, words: impl IntoIterator<Item = &'w str>) -> WordSet {
        WordSet::new(words).unwrap_or_else(|e| panic!("lexicon list {what}: {e}"))
    }

    /// Is `word` in the set, in any case ("May", "MAY" and "may" alike)?
    pub fn contains(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        if !word.is_ascii() {
            return self.words.contains(word.to_lowercase().as_str());
        }
        let n = bytes.len();
        if n == 0 || n > self.longest {
            return false;
        }
        let lower = |i: usize| bytes[i].to_ascii_lowercase();
        let key = [lower(0), if n > 1 { lower(1) } else { 0 }, lower(n - 1)];
        let bit = filter_bit_of(n, key);
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return false;
        }
        if !bytes.iter().any(u8::is_ascii_uppercase) {
            return self.words.contains(word);
        }
        if n <= STACK_WORD {
            let mut buf = [0u8; STACK_WORD];
            let lower = &mut buf[..n];
            lower.copy_from_slice(bytes);
            lower.make_ascii_lowercase();
            // Lower-casing ASCII bytes keeps them ASCII, so this cannot fail.
            return std::str::from_utf8(lower).is_ok_and(|w| self.words.contains(w));
        }
        self.words.contains(word.to_ascii_lowercase().as_str())
    }

    /// How many words the set holds.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The words, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|w| &**w)
    }

    /// A regex alternation matching any word of the set, longest first so that a longer
    /// word wins over its prefix ("sept" before "sep"); case-insensitive matching is the
    /// caller's flag to set.
    pub fn alternation(&self) -> String {
        let mut words: Vec<&str> = self.iter().collect();
        words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let escaped: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
        format!("(?:{})", escaped.join("|"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_set_is_asked_in_any_case() {
        let set = WordSet::new(["may", "sept", "école"]).unwrap();
        for w in ["may", "May", "MAY", "sept", "Sept", "école", "École"] {
            assert!(set.contains(w), "{w}");
        }
        for w in ["ma", "mayday", "", "september", "ecole"] {
            assert!(!set.contains(w), "{w}");
        }
        let long = "a".repeat(STACK_WORD + 10);
        let big = WordSet::new([long.as_str()]).unwrap();
        assert!(big.contains(&long.to_uppercase()));
    }

    #[test]
    fn bad_lists_are_refused_with_the_word() {
        assert_eq!(
            WordSet::new(["may", "june", "may"]).unwrap_err(),
            ListError::Duplicate("may".into())
        );
        assert_eq!(
            WordSet::new(["May"]).unwrap_err(),
            ListError::NotLowerCase("May".into())
        );
        assert_eq!(
            WordSet::new(["may "]).unwrap_err(),
            ListError::NotTrimmed("may ".into())
        );
        assert_eq!(
            WordSet::new([""]).unwrap_err(),
            ListError::NotTrimmed("".into())
        );
    }

    #[test]
    fn alternation_tries_longer_words_first() {
        let set = WordSet::new(["sep", "sept", "september"]).unwrap();
        let re = regex::Regex::new(&format!("^{}$", set.alternation())).unwrap();
        assert!(re.is_match("sept"));
        let first = regex::Regex::new(&set.alternation()).unwrap();
        assert_eq!(first.find("september").unwrap().as_str(), "september");
    }
}
