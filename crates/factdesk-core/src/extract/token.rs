//! Words: one reading of an article's words, shared by the claim kinds.
//!
//! An article is read once into [`Words`]: every run of ASCII letters, digits and "_" —
//! exactly the words that the patterns' ASCII word boundaries (`(?-u:\b)`) see — has the
//! lexicon classes of its leading letters looked up once in one table ([`Class`]), and
//! the words a claim can start at are kept with their byte offsets. The claim kinds ask
//! this index instead of scanning the text again: figures start where a digit, a number
//! word or "a"/"an" before an amount word stands, and each date family's pattern
//! ([`Family`]) is tried only where one of its first words stands.
//!
//! The promise that makes this exact: a pattern whose every match starts with an ASCII
//! word boundary and one of its cue words matches, in [`Family::captures_iter`], exactly
//! where `Regex::captures_iter` over the whole text would.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::{LazyLock, OnceLock};

use regex::{Captures, Match, Regex};

use super::lexicon::{filter_bit_of, WordHasher};
use super::{date, figure};

/// Lexicon classes of a word, as bits: what the claim kinds ask about a word, answered by
/// one lookup when the article is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Class(u64);

impl Class {
    /// No class.
    pub const NONE: Class = Class(0);
    /// A number word: "fourteen", "hundred", "twofold" (figures).
    pub const NUMBER_WORD: Class = Class(1);
    /// A word stating an amount after "a"/"an": "thousand", "dozen", "hour" (figures).
    pub const ARTICLE_AMOUNT: Class = Class(1 << 1);

    /// The class of date family number `i` (see [`date::families`]).
    pub const fn date_family(i: u32) -> Class {
        Class(1 << (8 + i))
    }

    /// Whether the word has any class of `other`.
    pub fn has(self, other: Class) -> bool {
        self.0 & other.0 != 0
    }

    /// Whether the word is in any date family's cue words.
    fn cues_a_date(self) -> bool {
        self.0 >> 8 != 0
    }
}

impl std::ops::BitOr for Class {
    type Output = Class;
    fn bitor(self, other: Class) -> Class {
        Class(self.0 | other.0)
    }
}

impl std::ops::BitOrAssign for Class {
    fn bitor_assign(&mut self, other: Class) {
        self.0 |= other.0;
    }
}

/// The word-to-class table, with a bit filter over each key's length and first, second
/// and last bytes (as [`super::lexicon::WordSet`] has), so most words of an article are
/// turned away without hashing.
struct ClassTable {
    classes: HashMap<Box<[u8]>, Class, BuildHasherDefault<WordHasher>>,
    longest: usize,
    filter: Box<[u64; 64]>,
}

/// The longest key the table lower-cases on the stack.
const LONGEST_KEY: usize = 32;

impl ClassTable {
    fn add(&mut self, word: &str, class: Class) {
        let key = word.to_ascii_lowercase().into_bytes();
        assert!(
            !key.is_empty() && key.len() <= LONGEST_KEY && key.iter().all(u8::is_ascii_lowercase),
            "the word class table takes ASCII letter words up to {LONGEST_KEY} bytes, not {word:?}"
        );
        self.longest = self.longest.max(key.len());
        let n = key.len();
        let bit = filter_bit_of(n, [key[0], key.get(1).copied().unwrap_or(0), key[n - 1]]);
        self.filter[bit / 64] |= 1 << (bit % 64);
        *self.classes.entry(key.into_boxed_slice()).or_default() |= class;
    }

    /// The classes of a run of ASCII letters, in any case.
    fn get(&self, letters: &[u8]) -> Class {
        let n = letters.len();
        if n == 0 || n > self.longest {
            return Class::NONE;
        }
        // An ASCII letter's lower case is the letter with bit 0x20 set.
        let lower = |i: usize| letters[i] | 0x20;
        let key = [lower(0), if n > 1 { lower(1) } else { 0 }, lower(n - 1)];
        let bit = filter_bit_of(n, key);
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return Class::NONE;
        }
        let mut buf = [0u8; LONGEST_KEY];
        let key = &mut buf[..n];
        for (k, b) in key.iter_mut().zip(letters) {
            *k = b | 0x20;
        }
        self.classes.get(&*key).copied().unwrap_or_default()
    }
}

static CLASSES: LazyLock<ClassTable> = LazyLock::new(|| {
    let mut table = ClassTable {
        classes: HashMap::default(),
        longest: 0,
        filter: Box::new([0; 64]),
    };
    for (word, class) in figure::word_classes() {
        table.add(&word, class);
    }
    for (i, family) in date::families().into_iter().enumerate() {
        assert_eq!(
            family.class,
            Class::date_family(i as u32),
            "a date family's index is its place in the list"
        );
        for word in &family.cues {
            table.add(word, family.class);
        }
    }
    table
});

/// One word of an article: a maximal run of ASCII letters, digits and "_".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    /// Byte offset of its first byte.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// Byte offset just past its leading ASCII letters (`start` when it starts with a
    /// digit or "_").
    pub letters_end: usize,
    /// The classes of its leading letters, in any case ("Q" of "Q3", "FY" of "FY2020").
    pub class: Class,
}

impl Word {
    /// Whether the word is letters only ("G8" and "IE6" are not).
    pub fn is_letters(&self) -> bool {
        self.letters_end == self.end
    }

    /// Whether the word starts with a digit.
    pub fn starts_with_digit(&self, text: &str) -> bool {
        text.as_bytes()[self.start].is_ascii_digit()
    }
}

/// What a byte is to the word reader: part of no word, a letter, or another word byte (a
/// digit or "_").
const NOT_WORD: u8 = 0;
const LETTER: u8 = 1;
const DIGIT_OR_UNDERSCORE: u8 = 2;

/// [`NOT_WORD`], [`LETTER`] or [`DIGIT_OR_UNDERSCORE`] for every byte value: one load per
/// byte where three range tests would be.
static BYTE_KIND: [u8; 256] = {
    let mut table = [NOT_WORD; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphabetic() {
            LETTER
        } else if c.is_ascii_digit() || c == b'_' {
            DIGIT_OR_UNDERSCORE
        } else {
            NOT_WORD
        };
        b += 1;
    }
    table
};

/// Every word of `text` in order, as `(start, letters_end, end)` byte offsets: each
/// maximal run of ASCII letters, digits and "_", and where its leading letters end.
fn runs(text: &str) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let kind = |i: usize| BYTE_KIND[usize::from(bytes[i])];
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && kind(i) == NOT_WORD {
            i += 1;
        }
        if i == bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && kind(i) == LETTER {
            i += 1;
        }
        let letters_end = i;
        while i < bytes.len() && kind(i) != NOT_WORD {
            i += 1;
        }
        Some((start, letters_end, i))
    })
}

/// The words of an article that a claim can start at, in order, with the words that cue
/// a date family kept apart so each family reads only those.
///
/// A word is kept when its leading letters have a lexicon class, when it starts with a
/// digit, or when it follows a "$" ("$US50"); the rest of the article's words start no
/// claim and are not stored, so a long article costs a short list.
#[derive(Debug, Default)]
pub(crate) struct Words {
    words: Vec<Word>,
    /// Indexes into `words` of the words with a date family class.
    date_cues: Vec<u32>,
    /// Where each run of ASCII digits starts, in order, inside kept words or not.
    digit_runs: Vec<usize>,
}

impl Words {
    /// The words of `text` that a claim can start at (see [`Words`]).
    pub fn of(text: &str) -> Words {
        let table = &*CLASSES;
        let bytes = text.as_bytes();
        let mut out = Words::default();
        for (start, letters_end, end) in runs(text) {
            let class = table.get(&bytes[start..letters_end]);
            if letters_end < end {
                // The digit runs of the word: after its leading letters, or after a
                // letter or "_" further on.
                let mut after_digit = false;
                for (k, b) in bytes[letters_end..end].iter().enumerate() {
                    let digit = b.is_ascii_digit();
                    if digit && !after_digit {
                        out.digit_runs.push(letters_end + k);
                    }
                    after_digit = digit;
                }
            }
            let kept = class != Class::NONE
                || bytes[start].is_ascii_digit()
                || (start > 0 && bytes[start - 1] == b'$');
            if !kept {
                continue;
            }
            if class.cues_a_date() {
                out.date_cues.push(out.words.len() as u32);
            }
            out.words.push(Word {
                start,
                end,
                letters_end,
                class,
            });
        }
        out
    }

    /// Every kept word, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Word> {
        self.words.iter()
    }

    /// Where each run of ASCII digits in the text starts (a digit not after a digit), in
    /// order.
    pub fn digit_runs(&self) -> &[usize] {
        &self.digit_runs
    }

    /// The words with `class` among the date families' classes, in order.
    fn cued(&self, class: Class) -> impl Iterator<Item = &Word> {
        self.date_cues
            .iter()
            .map(|&i| &self.words[i as usize])
            .filter(move |w| w.class.has(class))
    }
}

/// A pattern tried only where one of its cue words stands.
///
/// Every match of the pattern must start with an ASCII word boundary and a word whose
/// leading letters are a cue word (in any case); [`Family::new`] checks that the pattern
/// opens with the boundary, and each family lists its first words beside its pattern.
pub(crate) struct Family {
    /// What the family reads, for the message if its pattern does not compile.
    what: String,
    /// The pattern's source.
    source: String,
    /// The pattern, searched in the whole text so captures have the text's offsets;
    /// compiled on first use, so a process that reads one article compiles only the
    /// families whose cue words it has.
    pattern: OnceLock<Regex>,
    /// The same pattern anchored at the start of the haystack, to ask cheaply whether a
    /// match starts at a word; compiled on first use.
    anchored: OnceLock<Regex>,
    /// The words a match can start with, lower case (their leading letters are what is
    /// looked up).
    pub cues: Vec<String>,
    /// The family's class in the word table.
    pub class: Class,
}

impl Family {
    /// The family of `pattern`, which must start with `(?-u:\b)`, cued by `cues`; `index`
    /// is its place in [`date::families`]. The pattern is compiled when first used, and
    /// panics then if it does not compile, naming `what`: the patterns are part of the
    /// crate, and the tests run every family.
    pub fn new<'w>(
        what: &str,
        index: u32,
        pattern: &str,
        cues: impl IntoIterator<Item = &'w str>,
    ) -> Family {
        assert!(
            pattern.starts_with(r"(?-u:\b)"),
            "the {what} pattern must open with an ASCII word boundary to be cued by words"
        );
        let cues = cues
            .into_iter()
            .map(|w| {
                let letters: String = w
                    .chars()
                    .take_while(char::is_ascii_alphabetic)
                    .collect::<String>()
                    .to_ascii_lowercase();
                assert!(
                    !letters.is_empty(),
                    "{what} cue {w:?} must start with a letter"
                );
                letters
            })
            .collect();
        Family {
            what: what.to_string(),
            source: pattern.to_string(),
            pattern: OnceLock::new(),
            anchored: OnceLock::new(),
            cues,
            class: Class::date_family(index),
        }
    }

    /// `source` compiled; panics naming the family if it does not compile.
    fn compile(&self, source: &str) -> Regex {
        Regex::new(source)
            .unwrap_or_else(|e| panic!("the {} pattern does not compile: {e}", self.what))
    }

    /// The pattern anchored at the start of the haystack.
    fn anchored(&self) -> &Regex {
        self.anchored
            .get_or_init(|| self.compile(&format!("^(?:{})", self.source)))
    }

    /// Every match in `text`, as `Regex::captures_iter` gives them, read only at the cue
    /// words of `words` (which must be the words of `text`).
    pub fn captures_iter<'t>(
        &'t self,
        text: &'t str,
        words: &'t Words,
    ) -> impl Iterator<Item = Captures<'t>> + 't {
        let mut done = 0;
        words.cued(self.class).filter_map(move |w| {
            // A match starts at a word boundary before a word byte, so the anchored
            // pattern sees the same boundary at the start of the slice.
            if w.start < done || !self.anchored().is_match(&text[w.start..]) {
                return None;
            }
            let c = self.pattern().captures_at(text, w.start)?;
            let whole = c.get(0).expect("group 0");
            debug_assert_eq!(
                whole.start(),
                w.start,
                "an anchored match starts at its word"
            );
            done = whole.end();
            Some(c)
        })
    }

    /// Every match in `text`, as `Regex::find_iter` gives them (see
    /// [`Family::captures_iter`]).
    pub fn find_iter<'t>(
        &'t self,
        text: &'t str,
        words: &'t Words,
    ) -> impl Iterator<Item = Match<'t>> + 't {
        self.captures_iter(text, words)
            .map(|c| c.get(0).expect("group 0"))
    }

    /// The pattern, for a search of its own.
    pub fn pattern(&self) -> &Regex {
        self.pattern.get_or_init(|| self.compile(&self.source))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_ascii_word_runs_with_their_leading_letters() {
        let text = "G8 met in München; FY2020 rose 12,000 fold_x.";
        let words: Vec<(&str, &str)> = runs(text)
            .map(|(start, letters_end, end)| (&text[start..end], &text[start..letters_end]))
            .collect();
        assert_eq!(
            words,
            [
                ("G8", "G"),
                ("met", "met"),
                ("in", "in"),
                ("M", "M"),
                ("nchen", "nchen"),
                ("FY2020", "FY"),
                ("rose", "rose"),
                ("12", ""),
                ("000", ""),
                ("fold_x", "fold"),
            ]
        );
    }

    #[test]
    fn a_family_matches_where_a_whole_text_search_does() {
        let family = Family::new(
            "test",
            0,
            r"(?-u:\b)(?:[Ll]ast|[Nn]ext)[ \t]+(week|year)(?-u:\b)",
            ["last", "next"],
        );
        let texts = [
            "Last week, and next year; not lastweek or last  years, but next\tweek.",
            "blast week; last last year; Next-year; LAST year",
            "",
        ];
        for text in texts {
            // The test family's class is not in the shared table: it is given here.
            let words = with_class(text, &family);
            let cued: Vec<_> = family
                .captures_iter(text, &words)
                .map(|c| (c.get(0).unwrap().range(), c[1].to_string()))
                .collect();
            let whole: Vec<_> = family
                .pattern()
                .captures_iter(text)
                .map(|c| (c.get(0).unwrap().range(), c[1].to_string()))
                .collect();
            assert_eq!(cued, whole, "{text:?}");
        }
    }

    /// Every match of every date family, read at its cue words and by a search of the
    /// whole text, as (family, span, groups) rows.
    fn both_ways(text: &str) -> (Vec<String>, Vec<String>) {
        let words = Words::of(text);
        let rows = |i: usize, c: Captures| {
            let groups: Vec<_> = c.iter().map(|g| g.map(|g| g.range())).collect();
            format!("{i} {groups:?}")
        };
        let (mut cued, mut whole) = (Vec::new(), Vec::new());
        for (i, family) in date::families().into_iter().enumerate() {
            cued.extend(family.captures_iter(text, &words).map(|c| rows(i, c)));
            whole.extend(family.pattern().captures_iter(text).map(|c| rows(i, c)));
        }
        (cued, whole)
    }

    #[test]
    fn every_date_family_matches_at_its_cues_as_in_the_whole_text_of_real_news() {
        // The tuning sets only: the validation set is read by no rule's test.
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/corpus/");
        let mut matches = 0;
        for set in ["dev.jsonl", "tuning.jsonl"] {
            let raw = std::fs::read_to_string(format!("{root}{set}")).expect("the corpus");
            for line in raw.lines().filter(|l| !l.trim().is_empty()) {
                let doc: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
                let text = doc["text"].as_str().expect("a text");
                let (cued, whole) = both_ways(text);
                assert_eq!(cued, whole, "{set} {}: matches differ", doc["doc"]);
                matches += whole.len();
            }
        }
        assert!(
            matches > 300,
            "the tuning sets hold hundreds of dates, found {matches}"
        );
    }

    /// Pieces of date expressions, in any case, for texts the families must read alike.
    const PIECES: &[&str] = &[
        "last",
        "Last",
        "THIS",
        "next",
        "the",
        "The",
        "year",
        "Year",
        "month",
        "week",
        "weekend",
        "quarter",
        "Quarter",
        "half",
        "Q3",
        "H1",
        "q2",
        "FY",
        "FY2020",
        "FY19",
        "fiscal",
        "Financial",
        "current",
        "same",
        "corresponding",
        "period",
        "earlier",
        "ago",
        "-",
        "–",
        "'s",
        "’s",
        "of",
        "to",
        "end",
        "End",
        "start",
        "beginning",
        "May",
        "may",
        "Sept",
        ".",
        ",",
        "March",
        "Monday",
        "monday",
        "today",
        "Tonight",
        "Christmas",
        "New",
        "Easter",
        "Eve",
        "summer",
        "Winter",
        "mid",
        "early",
        "Late",
        "nineteen",
        "Twenty",
        "two",
        "thousand",
        "noon",
        "midnight",
        "2021",
        "12",
        "x",
        "_",
        "é",
        "\n",
    ];

    proptest::proptest! {
        #[test]
        fn every_date_family_matches_at_its_cues_as_in_the_whole_text(
            picks in proptest::collection::vec((0..PIECES.len(), 0..4usize), 0..40),
        ) {
            let mut text = String::new();
            for (i, sep) in picks {
                text.push_str(PIECES[i]);
                text.push_str(["", " ", "  ", "\t"][sep]);
            }
            let (cued, whole) = both_ways(&text);
            proptest::prop_assert_eq!(cued, whole, "in {:?}", text);
        }
    }

    /// The words of `text` that cue the test family, with its class.
    fn with_class(text: &str, family: &Family) -> Words {
        let mut words = Words::default();
        for (start, letters_end, end) in runs(text) {
            let letters = text[start..letters_end].to_ascii_lowercase();
            if family.cues.contains(&letters) {
                words.date_cues.push(words.words.len() as u32);
                words.words.push(Word {
                    start,
                    end,
                    letters_end,
                    class: family.class,
                });
            }
        }
        words
    }
}
