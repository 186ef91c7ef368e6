//! Speakers: reading the attribution around a quotation ("Peskov said", "according to
//! Reuters", "said Senate Majority Leader Harry Reid") and resolving what it names to the
//! fullest name the article gives ("Jens Stoltenberg" for "he", "the Norwegian" or
//! "Stoltenberg").
//!
//! Words are read as [`Token`]s with quotations masked out, so a verb or a name inside
//! someone's words never counts as attribution. Names are runs of capitalised words; the
//! lexicon's titles, roles, organisation and place words (`lexicon/titles.toml`,
//! `speakers.toml`, with the speech verbs of `speech.toml`) tell people from organisations
//! and strip "NATO Secretary General" from "Jens Stoltenberg".

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::rc::Rc;
use std::sync::LazyLock;

use super::figure::is_plural;
use super::lexicon::calendar::calendar;
use super::lexicon::dates::dates;
use super::lexicon::numbers::numbers;
use super::lexicon::speakers::{capitalised, speakers};
use super::lexicon::speech::speech;
use super::lexicon::titles::titles;
use super::lexicon::WordHasher;
use crate::claim::Span;

// ---------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------

// The words themselves live in the lexicon (`lexicon/speech.toml`, `titles.toml`,
// `speakers.toml` and the calendar); this module folds them into one index so a single
// lookup answers every question about a word.

/// What a word can be, as bits: one lookup answers every vocabulary question about it.
const VERB: u32 = 1;
const DIRECT: u32 = 1 << 1;
const TITLE: u32 = 1 << 2;
const ROLE: u32 = 1 << 3;
const ORG: u32 = 1 << 4;
const PLACE: u32 = 1 << 5;
const STOP: u32 = 1 << 6;
const HELPER: u32 = 1 << 7;
const DOC: u32 = 1 << 8;
const GROUP: u32 = 1 << 9;
const PARTICLE: u32 = 1 << 10;
const LABEL: u32 = 1 << 11;
const NOUNISH: u32 = 1 << 12;
const POSTNOMINAL: u32 = 1 << 13;
const COUNTRY: u32 = 1 << 14;
const ANONYMOUS: u32 = 1 << 15;
const WORK_TITLE: u32 = 1 << 16;
const MASCULINE: u32 = 1 << 17;
const FEMININE: u32 = 1 << 18;
const MOUTHPIECE: u32 = 1 << 19;
const DEMONYM: u32 = 1 << 20;
const ADDRESS: u32 = 1 << 21;
/// A token's bits not looked up yet.
const UNKNOWN: u32 = u32::MAX;

type Vocabulary = HashMap<Box<[u8]>, u32, BuildHasherDefault<WordHasher>>;

/// Every lexicon word the speaker rules ask about, lower case, with its bits.
static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    let speech = speech();
    let titles = titles();
    let words = speakers();
    let calendar = calendar();
    let mut map = Vocabulary::default();
    for (set, bit) in [
        (&speech.verbs, VERB),
        (&speech.direct, DIRECT),
        (&speech.nouns, NOUNISH),
        (&titles.titles, TITLE | ROLE),
        (&titles.roles, ROLE),
        (&titles.postnominals, POSTNOMINAL),
        (&titles.masculine, MASCULINE),
        (&titles.feminine, FEMININE),
        (&titles.address, ADDRESS),
        (&words.organisations, ORG),
        (&words.places, PLACE),
        // An event is told from a speaker as a place is.
        (&words.events, PLACE),
        (&words.countries, COUNTRY),
        (&words.demonyms, DEMONYM),
        (&words.stop, STOP),
        (&words.anonymous, STOP | ANONYMOUS),
        (&calendar.month_names, STOP),
        (&calendar.weekday_names, STOP),
        (&words.helpers, HELPER),
        (&words.documents, DOC),
        (&words.mouthpieces, MOUTHPIECE),
        (&words.groups, GROUP),
        (&words.name_particles, PARTICLE),
        (&words.labels, LABEL),
        (&words.work_titles, LABEL | WORK_TITLE),
    ] {
        for w in set.iter() {
            *map.entry(w.as_bytes().into()).or_insert(0) |= bit;
        }
    }
    let numbers = numbers();
    for w in numbers
        .scan_words
        .iter()
        .filter(|w| numbers.cardinal(w).is_some())
    {
        *map.entry(w.as_bytes().into()).or_insert(0) |= STOP;
    }
    map
});

/// The vocabulary bits of `word` (case-insensitive, trailing period ignored).
fn class(word: &str) -> u32 {
    let mut buf = [0; 32];
    let key = lower(word, &mut buf);
    if key.is_empty() {
        return 0;
    }
    if let Some(&bits) = VOCABULARY.get(key) {
        return bits;
    }
    // "Leg-spinner", "Vice-President", "ex-minister": a compound names a role when its
    // last part does; "British-Iranian" is a demonym as its last part is.
    match key.iter().rposition(|&b| b == b'-') {
        Some(h) if h > 0 => VOCABULARY
            .get(&key[h + 1..])
            .map_or(0, |&bits| bits & (TITLE | ROLE | DEMONYM)),
        _ => 0,
    }
}

/// `word` in ASCII lower case, without its trailing period, in `buf`; empty when it does
/// not fit or is not ASCII (no word list holds such a word).
fn lower<'b>(word: &str, buf: &'b mut [u8; 32]) -> &'b [u8] {
    let word = word.trim_end_matches('.');
    if word.len() > buf.len() || !word.is_ascii() {
        return &[];
    }
    let out = &mut buf[..word.len()];
    for (o, b) in out.iter_mut().zip(word.bytes()) {
        *o = b.to_ascii_lowercase();
    }
    out
}

/// Pronouns that can stand for a speaker.
fn pronoun(word: &str) -> Option<&'static str> {
    Some(match word {
        "he" | "He" | "him" => "he",
        "she" | "She" | "her" => "she",
        "they" | "They" | "them" => "they",
        "it" | "It" => "it",
        "we" | "We" => "we",
        "I" => "i",
        _ => return None,
    })
}

/// The subject pronoun of a possessive one: "his" → "he", "Its" → "it".
fn possessive_pronoun(word: &str) -> Option<&'static str> {
    Some(match word {
        "his" | "His" => "he",
        "her" | "Her" => "she",
        "its" | "Its" => "it",
        "their" | "Their" => "they",
        _ => return None,
    })
}

/// What a subject pronoun as [`pronoun`] gives it stands for: "he" and "she" a person,
/// "it" an organisation, "they" a group; `None` for "we" and "i".
fn pronoun_want(pronoun: &str) -> Option<Want> {
    Some(match pronoun {
        "he" | "she" => Want::Person,
        "it" => Want::Org,
        "they" => Want::Group,
        _ => return None,
    })
}

/// Whether a person is a man or a woman, as far as the article shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Masculine,
    Feminine,
}

/// The gender a personal pronoun of any case gives its antecedent: "she", "his", "him".
fn pronoun_gender(word: &str) -> Option<Gender> {
    match word {
        "he" | "He" | "him" | "his" | "His" | "himself" => Some(Gender::Masculine),
        "she" | "She" | "her" | "Her" | "hers" | "herself" => Some(Gender::Feminine),
        _ => None,
    }
}

/// Whether the pronoun `word`, followed by `next`, is the object of a verb or preposition
/// ("welcomed her.", "told him"), not a possessive ("her team") or a subject.
fn is_object_pronoun(word: &str, next: Option<&Token<'_>>) -> bool {
    match word {
        "him" | "himself" | "herself" => true,
        "her" => next.is_none_or(|n| {
            !n.is_word() || is_function_word(n.text) || determiner(n.text).is_some()
        }),
        _ => false,
    }
}

/// The gender a title or role gives whoever bears it: "Mrs", "Prince", "spokeswoman".
fn title_gender(word: &str) -> Option<Gender> {
    let bits = class(word);
    if bits & MASCULINE != 0 {
        Some(Gender::Masculine)
    } else if bits & FEMININE != 0 {
        Some(Gender::Feminine)
    } else {
        None
    }
}

/// Whether `t` can be the subject of a verb of saying: a name, a pronoun, or a noun for
/// a person or a speaking body ("the judge", "officials").
pub(crate) fn names_someone(t: &Token<'_>) -> bool {
    t.is_word()
        && !t.possessive
        && ((t.is_cap() && !t.is_stop())
            || matches!(t.text, "he" | "she" | "they" | "it" | "we" | "I")
            || is_person_head(t.text)
            || is_group_source(t.text)
            || is_org_head(t.text))
}

/// "26-year-old": an age standing for a person.
fn is_age(word: &str) -> bool {
    word.strip_suffix("-year-old")
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '-'))
}

/// A noun standing for one person: a role ("the minister") or an age ("the 26-year-old").
fn is_person_head(word: &str) -> bool {
    is_role_noun(word) || is_age(word)
}

/// Nouns naming an organisation, with the capitalised words its name holds: "the
/// ministry" → "Ministry", "the government" → "Government", "Office", ….
fn org_noun_keywords(word: &str) -> Option<&'static [String]> {
    if !word.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    speakers().org_noun(word)
}

/// Whether a description's head names an organisation: "ministry", "government".
pub(crate) fn is_org_head(word: &str) -> bool {
    org_noun_keywords(word).is_some()
}

/// Determiners that open a noun phrase; an indefinite one means no one is named.
fn determiner(word: &str) -> Option<bool> {
    match lower(word, &mut [0; 32]) {
        b"the" | b"this" | b"that" | b"these" | b"those" => Some(false),
        b"a" | b"an" | b"one" | b"some" | b"another" | b"several" | b"many" | b"other" | b"any" => {
            Some(true)
        }
        _ => None,
    }
}

/// A capitalised adjective of nationality: "the Norwegian", "the Ukrainian", by the
/// lexicon's list or by its ending. Only where a determiner or a noun around it shows it is
/// no name may the ending decide: "Christian" and "Morgan" are first names too.
pub(super) fn is_demonym(word: &str) -> bool {
    starts_upper_plain(word)
        && ((word.len() > 4
            && ["ian", "ean", "ese", "ish", "an", "i"]
                .iter()
                .any(|s| word.ends_with(s))
            && !is_title(word))
            || is_listed_demonym(word))
}

/// A capitalised demonym the lexicon lists: "Norwegian", "Dutch", "British-Iranian".
fn is_listed_demonym(word: &str) -> bool {
    starts_upper_plain(word) && class(word) & DEMONYM != 0
}

fn is_title(word: &str) -> bool {
    class(word) & TITLE != 0
}

/// Whether a capitalised word opens sentences without being a name ("After", "The"); an
/// acronym never does ("WHO", "IT").
fn is_stop_cap(word: &str) -> bool {
    class(word) & STOP != 0 && !is_acronym(word)
}

/// Two or more letters, all capitals: "WHO", "KCNA", "U.S.".
fn is_acronym(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// Whether a capitalised `word` opening a sentence is an adverb, no name: "Finally",
/// "Later", "Then", "Separately" (a helper or a "-ly" adverb, capitalised).
pub(crate) fn is_opening_adverb(word: &str) -> bool {
    let mut buf = [0u8; 32];
    starts_upper_plain(word) && std::str::from_utf8(lower(word, &mut buf)).is_ok_and(is_verb_helper)
}

/// Whether `word` may stand between a subject and its verb: an auxiliary or an adverb
/// of the lexicon's helpers ("has", "also", "later"), or a lower-case "-ly" adverb.
fn is_verb_helper(word: &str) -> bool {
    (word.len() > 4 && word.ends_with("ly") && word.bytes().all(|b| b.is_ascii_lowercase()))
        || (!starts_upper_plain(word) && class(word) & HELPER != 0)
}

/// Whether a sentence is a headline in title case: no closing stop, and every word of
/// four letters or more capitalised ("Aide Said "Talks Failed" In Geneva").
fn is_title_case(text: &str, sentence: Span, tokens: &[Token]) -> bool {
    let ends = text[sentence.start..sentence.end]
        .trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '"' | '\'' | '\u{201d}' | '\u{2019}')
        })
        .ends_with(['.', '!', '?', ':', ';', ',']);
    if ends {
        return false;
    }
    let mut long = 0;
    for t in tokens.iter().filter(|t| t.is_word()) {
        if t.text.len() >= 4 && t.text.chars().all(char::is_alphabetic) {
            if !starts_upper_plain(t.text) {
                return false;
            }
            long += 1;
        }
    }
    long >= 3
}

/// Whether `word` is an adverb particle completing a speech verb: "blurted out", "hit
/// back".
pub(crate) fn is_verb_particle(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_lowercase()) && speech().particles.contains(word)
}

/// Whether `word` names one person by role ("minister").
pub(crate) fn is_role_noun(word: &str) -> bool {
    class(word) & ROLE != 0
}

/// Whether `word` names a document or message whose owner speaks ("statement").
pub(crate) fn is_document_noun(word: &str) -> bool {
    class(word) & DOC != 0
}

/// Whether `word` names a group or report that speaks as such ("authors").
pub(crate) fn is_group_source(word: &str) -> bool {
    class(word) & GROUP != 0
}

/// Whether a noun phrase with the head `word` can name who speaks: a role ("coach"), an
/// organisation ("ministry"), a group ("officials") or a message whose owner speaks
/// ("reply", "statement").
pub(crate) fn is_speaking_head(word: &str) -> bool {
    is_person_head(word) || is_org_head(word) || is_group_source(word) || is_document_noun(word)
}

// ---------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A word: letters and digits, with inner hyphens, apostrophes and periods.
    Word,
    /// One punctuation character.
    Punct(char),
    /// A whole quotation (marks included), by its index in the article's quotations.
    Quote(usize),
}

/// A word, punctuation mark or masked quotation in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    /// The word without a possessive "'s"; the punctuation character; "" for a quotation.
    pub text: &'a str,
    /// Where the token stands, possessive included.
    pub span: Span,
    pub kind: Kind,
    /// The word ended in "'s" or "s'": "Russia's", "Thomas'".
    pub possessive: bool,
    /// The word's vocabulary bits, looked up on first use (0 for punctuation and
    /// quotations).
    class: Cell<u32>,
    /// The token stands in a title-case headline ("Aide Said …"), where a capitalised
    /// verb is still a verb.
    title_case: Cell<bool>,
}

impl Token<'_> {
    fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    /// The word's vocabulary bits.
    fn class(&self) -> u32 {
        let c = self.class.get();
        if c != UNKNOWN {
            return c;
        }
        let c = if self.kind == Kind::Word {
            class(self.text)
        } else {
            0
        };
        self.class.set(c);
        c
    }

    /// A verb of saying or writing, in lower case: "said", "told", "stressed".
    pub(crate) fn is_speech_verb(&self) -> bool {
        self.class() & VERB != 0
            && (self.text.starts_with(|c: char| c.is_lowercase()) || self.title_case.get())
    }

    /// A speech verb that attributes only when the words follow at once ("continued").
    pub(crate) fn needs_direct_words(&self) -> bool {
        self.class() & DIRECT != 0
    }

    /// A speech verb that is also a common noun ("claim", "comments").
    pub(crate) fn is_nounish(&self) -> bool {
        self.class() & NOUNISH != 0
    }

    /// A word after which a short quotation is a label ("so-called", "named").
    pub(crate) fn is_label(&self) -> bool {
        self.class() & LABEL != 0
    }

    /// A word after which a quotation of any length is a work's title ("headlined").
    pub(crate) fn is_work_title(&self) -> bool {
        self.class() & WORK_TITLE != 0
    }

    fn is_stop(&self) -> bool {
        self.class() & STOP != 0 && !is_acronym(self.text)
    }

    fn is_particle(&self) -> bool {
        self.class() & PARTICLE != 0
    }

    fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    /// A capitalised word that can be part of a name. In a title-case headline a
    /// capitalised speech verb is a verb, not a name's last word ("Ines Calder Vows …" is
    /// Ines Calder), unless it is also an organisation's word ("Washington Post").
    fn is_cap(&self) -> bool {
        self.is_word()
            && starts_upper(self.text)
            && !(self.title_case.get() && self.is_speech_verb() && self.class() & ORG == 0)
    }
}

fn starts_upper(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        // "al-Amr", "el-Sisi": a particle joined to a capitalised name.
        Some(c) if c.is_lowercase() => memchr::memchr(b'-', word.as_bytes())
            .is_some_and(|h| h <= 3 && starts_upper_plain(&word[h + 1..])),
        Some('#' | '@') => false,
        _ => false,
    }
}

fn starts_upper_plain(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Abbreviations whose period belongs to the word: "Mr.", "Dr.", "St.".
fn keeps_period(word: &str) -> bool {
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    word.contains('.') || (starts_upper_plain(word) && titles().abbreviated.contains(word))
}

/// Whether the character starting at byte `i` is a letter or digit (`false` at the end).
fn word_char_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[i..].chars().next().is_some_and(char::is_alphanumeric),
    }
}

/// Splits `text[range]` into tokens. Every quotation whose outer span (marks included)
/// starts inside the range becomes one [`Kind::Quote`] token; `quotes` are the outer spans
/// of all quotations in the article, in order.
pub(crate) fn tokenize<'a>(text: &'a str, range: Span, quotes: &[Span]) -> Vec<Token<'a>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(range.len() / 5 + 4);
    let mut qi = quotes.partition_point(|q| q.end <= range.start);
    let mut i = range.start;
    let end = range.end.min(text.len());
    let mut limit = quotes.get(qi).map_or(end, |q| q.start.max(i).min(end));
    while i < end {
        if i >= limit {
            if let Some(q) = quotes.get(qi) {
                out.push(Token {
                    text: "",
                    span: *q,
                    kind: Kind::Quote(qi),
                    possessive: false,
                    class: Cell::new(0),
                    title_case: Cell::new(false),
                });
                i = q.end.max(i + 1);
                qi += 1;
                limit = quotes.get(qi).map_or(end, |q| q.start.max(i).min(end));
                continue;
            }
        }
        let b = bytes[i];
        let (c, clen) = if b.is_ascii() {
            (b as char, 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        if c.is_whitespace() {
            i += clen;
            continue;
        }
        let starts_word = c.is_alphanumeric()
            || ((c == '#' || c == '@') && i + 1 < limit && word_char_at(text, i + 1));
        if !starts_word {
            out.push(Token {
                text: &text[i..i + clen],
                span: Span::new(i, i + clen),
                kind: Kind::Punct(c),
                possessive: false,
                class: Cell::new(0),
                title_case: Cell::new(false),
            });
            i += clen;
            continue;
        }
        let start = i;
        let mut j = i + clen;
        while j < limit {
            let b = bytes[j];
            if b.is_ascii_alphanumeric() {
                j += 1;
            } else if matches!(b, b'-' | b'\'' | b'.' | b'&') {
                if j + 1 < limit && word_char_at(text, j + 1) {
                    j += 1;
                } else {
                    break;
                }
            } else if b.is_ascii() {
                break;
            } else if text[j..].starts_with('\u{2019}') {
                if j + 3 < limit && word_char_at(text, j + 3) {
                    j += 3;
                } else {
                    break;
                }
            } else {
                match text[j..].chars().next() {
                    Some(d) if d.is_alphanumeric() => j += d.len_utf8(),
                    _ => break,
                }
            }
        }
        let mut word_end = j;
        let mut possessive = false;
        let word = &text[start..j];
        for suffix in ["'s", "\u{2019}s", "'S"] {
            if word.len() > suffix.len() && word.ends_with(suffix) {
                word_end = j - suffix.len();
                possessive = true;
                break;
            }
        }
        if !possessive && word.ends_with('s') && j < limit {
            // "Thomas' sister": the apostrophe after a plural or a name in -s.
            let alen = if bytes[j] == b'\'' {
                1
            } else if text[j..].starts_with('\u{2019}') {
                3
            } else {
                0
            };
            if alen > 0 && !(j + alen < limit && word_char_at(text, j + alen)) {
                possessive = true;
                j += alen;
            }
        }
        if !possessive && j < limit && bytes[j] == b'.' && keeps_period(word) {
            j += 1;
            word_end = j;
        }
        out.push(Token {
            text: &text[start..word_end],
            span: Span::new(start, j),
            kind: Kind::Word,
            possessive,
            class: Cell::new(UNKNOWN),
            title_case: Cell::new(false),
        });
        i = j;
    }
    mark_phrasal_verbs(&out);
    out
}

/// Marks each form of a phrasal verb of saying that stands before its particle ("fired
/// back", "weighed in") as a speech verb that needs the words at once; without its
/// particle the word stays what it was ("fired on the crowd").
fn mark_phrasal_verbs(tokens: &[Token<'_>]) {
    let speech = speech();
    for pair in tokens.windows(2) {
        let [verb, particle] = pair else {
            continue;
        };
        if !(verb.is_word() && particle.is_word() && speech.particles.contains(particle.text)) {
            continue;
        }
        let mut buf = [0; 32];
        let Ok(form) = std::str::from_utf8(lower(verb.text, &mut buf)) else {
            continue;
        };
        if speech.phrasal_particle(form) == Some(particle.text) {
            verb.class.set(class(verb.text) | VERB | DIRECT);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Subjects: what an attribution names
// ---------------------------------------------------------------------------------------

/// What an attribution names, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Subject<'a> {
    /// Capitalised words as written: "NATO Secretary General Jens Stoltenberg".
    Name(Vec<&'a str>),
    /// "he", "she", "they", "it", at this byte offset.
    Pronoun(&'static str, usize),
    /// A common-noun phrase: "the Norwegian", "the report's authors", "Russia's defense
    /// ministry", "one poster".
    Description {
        /// The phrase as written, from its determiner or possessor to its head.
        phrase: &'a str,
        /// The last word ("authors", "Norwegian").
        head: &'a str,
        /// A name written in the possessive before the head: "Russia" in "Russia's
        /// defense ministry".
        possessor: Option<Vec<&'a str>>,
        /// Opened by "a", "an", "one", "some": nobody in particular.
        indefinite: bool,
        /// Where the phrase starts.
        at: usize,
    },
}

/// A capitalised name ending at token `end` (inclusive), read backwards no further than
/// `floor`: the run of capitalised words, particles and "of"/"and" between capitals.
/// Returns the first token index of the name.
fn name_start(tokens: &[Token], end: usize, floor: usize) -> Option<usize> {
    let t = tokens.get(end)?;
    if !t.is_cap() || (t.is_stop()) {
        return None;
    }
    let mut start = end;
    while start > floor {
        let prev = &tokens[start - 1];
        if !prev.is_word() || prev.possessive {
            break;
        }
        if prev.is_cap() && !prev.is_stop() {
            start -= 1;
        } else if prev.text == "The" {
            // "Matthew Ingram of The Globe and Mail" goes on past "of The".
            let goes_on = start >= floor + 3
                && tokens[start - 2].text == "of"
                && tokens[start - 3].is_cap()
                && !tokens[start - 3].possessive
                && !tokens[start - 3].is_stop();
            if !goes_on {
                start -= 1;
                break;
            }
            start -= 3;
        } else if (prev.is_particle() || matches!(prev.text, "of" | "for" | "and" | "&" | "the"))
            && start - 1 > floor
            && tokens[start - 2].is_cap()
            && !tokens[start - 2].possessive
            && !tokens[start - 2].is_stop()
        {
            start -= 2;
        } else if prev.is_particle()
            && start - 1 > floor
            && tokens[start - 2].is_word()
            && tokens[start - 2].is_particle()
        {
            start -= 1;
        } else {
            break;
        }
    }
    Some(start)
}

/// The end (exclusive) of a capitalised name starting at token `start`, read forwards no
/// further than `ceil`.
fn name_end(tokens: &[Token], start: usize, ceil: usize) -> usize {
    let mut end = start;
    while end < ceil {
        let t = &tokens[end];
        if t.is_cap() && (end == start || !t.is_stop()) {
            end += 1;
            if t.possessive {
                break;
            }
        } else if t.is_word()
            && end > start
            && (t.is_particle() || matches!(t.text, "of" | "for" | "the" | "&"))
            && tokens
                .get(end + 1)
                .is_some_and(|n| n.is_cap() && !n.is_stop())
            && end + 1 < ceil
        {
            end += 1;
        } else if t.is_word() && end > start && t.is_particle() {
            // "Juan de la Cruz", "Pieter van der Berg": a run of particles before the
            // last capitalised word.
            let run = tokens[end..ceil.min(end + 3)]
                .iter()
                .take_while(|p| p.is_word() && p.is_particle())
                .count();
            let next = end + run;
            if next < ceil && tokens[next].is_cap() && !tokens[next].is_stop() {
                end = next;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    end
}

fn texts<'a>(tokens: &[Token<'a>]) -> Vec<&'a str> {
    tokens.iter().map(|t| t.text).collect()
}

/// The name starting at token `k`, read no further than `ceil`: "Stoltenberg" in the
/// headline "Stoltenberg in Kiev: "…"".
pub(crate) fn name_from<'a>(tokens: &[Token<'a>], k: usize, ceil: usize) -> Option<Subject<'a>> {
    let t = tokens.get(k)?;
    if !t.is_cap() || t.is_stop() {
        return None;
    }
    let e = name_end(tokens, k, ceil);
    (e > k).then(|| Subject::Name(texts(&tokens[k..e])))
}

/// The person a clause opens with at token `k`, read no further than `ceil`, with the
/// token where that name starts: the name there, or, after a name, a role word and a
/// person's name ("Homicide investigator Edson Moreira", "Ohio State guard Tom Baker"),
/// the person, as the first name only qualifies the role.
pub(crate) fn opening_name<'a>(
    tokens: &[Token<'a>],
    k: usize,
    ceil: usize,
) -> Option<(usize, Subject<'a>)> {
    let subject = name_from(tokens, k, ceil)?;
    let Subject::Name(name) = &subject else {
        return Some((k, subject));
    };
    let e = k + name.len();
    let role = tokens.get(e).filter(|t| {
        e + 1 < ceil
            && t.is_word()
            && !t.possessive
            && !tokens[e - 1].possessive
            && t.text.starts_with(char::is_lowercase)
            && is_role_noun(t.text)
    });
    if role.is_some() {
        if let Some(Subject::Name(words)) = name_from(tokens, e + 1, ceil) {
            if clean_name(&words).kind == NameKind::Person {
                return Some((e + 1, Subject::Name(words)));
            }
        }
    }
    Some((k, subject))
}

/// The subject of a speech verb at token `verb`, read backwards no further than `floor`:
/// "Peskov [also] said", "he said", "Khaled Al-Maeena, editor at large ..., said",
/// "The report's authors say", "Cornyn's statement added".
pub(crate) fn subject_before<'a>(
    text: &'a str,
    tokens: &[Token<'a>],
    verb: usize,
    floor: usize,
) -> Option<Subject<'a>> {
    let mut i = verb;
    // Skip helpers: "has", "also", "later", "-ly" adverbs.
    while i > floor && tokens[i - 1].is_word() && is_verb_helper(tokens[i - 1].text) {
        i -= 1;
    }
    if i <= floor {
        return None;
    }
    // A parenthesis right before the verb: "Jim Ramstad (R Minnesota) said".
    if tokens[i - 1].is_punct(')') {
        let mut j = i - 1;
        while j > floor && !tokens[j].is_punct('(') {
            j -= 1;
        }
        if j > floor {
            i = j;
        }
    }
    // "Jones, who called it …", "the report, which said …": the antecedent speaks.
    if matches!(tokens[i - 1].text, "who" | "which") && i >= floor + 2 {
        let mut j = i - 2;
        if tokens[j].is_punct(',') && j > floor {
            j -= 1;
        }
        return subject_at(text, tokens, j, floor);
    }
    if tokens[verb].text.ends_with("ing") && i == verb && object_before(tokens, verb, floor) {
        // ", adding …", "replied to Boylan saying …": a participle's subject is the main
        // clause's, read elsewhere, not the word before it.
        return None;
    }
    if tokens[i - 1].is_punct(',') {
        return subject_before_comma(text, tokens, verb, i - 1, floor);
    }
    let subject = subject_at(text, tokens, i - 1, floor);
    // "Evan Kohlmann, who tracks the forums for NBC News said": an appositive or
    // relative clause whose closing comma was left out.
    if let Some(name) = unclosed_appositive(text, tokens, i, floor) {
        return Some(name);
    }
    subject
}

/// Whether what stands before the participle at `verb` is no subject of its own: a
/// comma (", adding"), or a phrase that is the object of a preposition or of another verb
/// ("replied to Boylan saying", "a statement boycotting the contest saying"). After "with"
/// it is the participle's subject ("with Boswell stating"), as is a phrase opening a
/// clause ("the government recommending").
fn object_before(tokens: &[Token], verb: usize, floor: usize) -> bool {
    if tokens[verb - 1].is_punct(',') {
        return true;
    }
    for t in tokens[floor.max(verb.saturating_sub(6))..verb - 1]
        .iter()
        .rev()
    {
        if !t.is_word() || matches!(t.text, "with" | "without" | "With" | "Without") {
            return false;
        }
        let lower_case = t.text.starts_with(|c: char| c.is_lowercase());
        if lower_case
            && (is_preposition(t.text) || t.text.ends_with("ing") || t.text.ends_with("ed"))
        {
            return true;
        }
    }
    false
}

/// The tokens of the comma-delimited segment ending before the comma at `comma`: its
/// first index, stopping at `floor`, at another comma or at anything but words and
/// brackets.
fn segment_start(tokens: &[Token], comma: usize, floor: usize) -> usize {
    let mut s = comma;
    while s > floor && !tokens[s - 1].is_punct(',') {
        let t = &tokens[s - 1];
        if !t.is_word() && !t.is_punct('(') && !t.is_punct(')') && !t.is_punct('-') {
            break;
        }
        s -= 1;
    }
    s
}

/// How many comma-delimited appositives may stand between a name and its verb: "Linda
/// Okafor of Oregon, the committee's ranking Democrat, who has backed the bill, said".
const MAX_APPOSITIVES: usize = 4;

/// The subject of a verb at `verb` whose clause ends with the comma at `comma`: "X,
/// <appositive>, [<appositive>, …] said", or the phrase right before the comma.
fn subject_before_comma<'a>(
    text: &'a str,
    tokens: &[Token<'a>],
    verb: usize,
    comma: usize,
    floor: usize,
) -> Option<Subject<'a>> {
    let first_start = segment_start(tokens, comma, floor);
    if first_start == comma {
        return None;
    }
    // "25-year-old Netta, who performed a song with dancers, chickens, and props, said": a
    // relative clause, commas and all, after a name that no determiner opens.
    if let Some(who) = (floor + 2..comma)
        .rev()
        .find(|&k| matches!(tokens[k].text, "who" | "whose") && tokens[k - 1].is_punct(','))
    {
        let before = segment_start(tokens, who - 1, floor);
        let opened = tokens
            .get(before)
            .is_some_and(|t| t.is_word() && determiner(t.text).is_some());
        if before < who - 1 && !opened {
            if let Some(s @ Subject::Name(_)) = subject_at(text, tokens, who - 2, floor) {
                if !is_place_name(&s) {
                    return Some(s);
                }
            }
        }
    }
    // Walk back over appositives, nearest first, to the name they describe.
    let mut end = comma;
    for _ in 0..MAX_APPOSITIVES {
        let start = segment_start(tokens, end, floor);
        let after_comma = |s: usize| s > floor + 1 && tokens[s - 1].is_punct(',');
        // "…, curator at the University of Texas, Austin, said": a place after an
        // appositive ending in a name belongs to that name, not to the verb.
        if after_comma(start) && place_after_appositive(tokens, start, end, floor) {
            end = start - 1;
            continue;
        }
        if !after_comma(start) || !is_appositive(&tokens[start..end]) {
            break;
        }
        // "The official, who spoke on condition of anonymity, said": nobody named.
        let anonymous = tokens[start..end]
            .iter()
            .any(|t| matches!(t.text, "anonymity" | "authorized" | "authorised"));
        if anonymous {
            return Some(Subject::Description {
                phrase: "",
                head: "",
                possessor: None,
                indefinite: true,
                at: tokens[verb].span.start,
            });
        }
        // "…, the committee's ranking Democrat, who …": another appositive before.
        let before = segment_start(tokens, start - 1, floor);
        if after_comma(before) && is_appositive(&tokens[before..start - 1]) {
            end = start - 1;
            continue;
        }
        match subject_at(text, tokens, start - 2, floor) {
            Some(s @ Subject::Name(_)) if !is_place_name(&s) => return Some(s),
            // "Opponents, led by Councilman Ray Dutton, call it": the named leader
            // speaks for a group nobody else names.
            Some(Subject::Description { .. }) => {
                if let Some(led) = leader_in(text, tokens, start, end) {
                    return Some(led);
                }
            }
            _ => {}
        }
        break;
    }
    subject_at(text, tokens, comma - 1, first_start.max(floor))
}

/// Whether the segment `start..end`, just after a comma, is a place of one to three
/// capitalised words ("Austin", "Little Rock") following an appositive that ends in a
/// name ("curator at the University of Texas"): the campus or city of that name.
fn place_after_appositive(tokens: &[Token], start: usize, end: usize, floor: usize) -> bool {
    let segment = &tokens[start..end];
    if segment.is_empty()
        || segment.len() > 3
        || start < floor + 3
        || !segment
            .iter()
            .all(|t| t.is_cap() && !t.is_stop() && !t.possessive)
        || !tokens[start - 2].is_cap()
        || is_appositive(segment)
    {
        return false;
    }
    if !matches!(
        clean_name(&texts(segment)).kind,
        NameKind::Place | NameKind::Single
    ) {
        return false;
    }
    let before = segment_start(tokens, start - 1, floor);
    before > floor + 1
        && tokens[before - 1].is_punct(',')
        && before < start - 1
        && is_appositive(&tokens[before..start - 1])
}

/// The person an appositive names as a group's leader or voice: "led by Councilman Ray
/// Dutton", "including Senator Jo Blake".
fn leader_in<'a>(
    text: &'a str,
    tokens: &[Token<'a>],
    start: usize,
    end: usize,
) -> Option<Subject<'a>> {
    let k = (start..end.saturating_sub(1)).find(|&k| {
        matches!(tokens[k].text, "by" | "including")
            && (k == start || matches!(tokens[k - 1].text, "led" | "headed"))
    })?;
    let (subject, _) = subject_after(text, tokens, k + 1, end)?;
    match &subject {
        Subject::Name(words) if clean_name(words).kind == NameKind::Person => Some(subject),
        _ => None,
    }
}

/// Whether a subject is a name that only names a place: "South Korea", "Illinois".
pub(crate) fn is_place_name(subject: &Subject<'_>) -> bool {
    matches!(subject, Subject::Name(words) if clean_name(words).kind == NameKind::Place)
}

/// The name opening a clause that a comma then interrupts with an appositive or a
/// relative clause never closed before the verb at `i`: "Jarret Brachman, consultant to
/// the government on terrorism said", "Evan Kohlmann, who tracks the forums for NBC News
/// said", "Jo Roe, a senior adviser for the army apologised". The segment after the comma
/// must open with "who"/"which", a role noun, or an article and a role within a few
/// words, and the name must open its clause.
fn unclosed_appositive<'a>(
    text: &'a str,
    tokens: &[Token<'a>],
    i: usize,
    floor: usize,
) -> Option<Subject<'a>> {
    let start = segment_start(tokens, i, floor);
    if start <= floor + 1 || !tokens[start - 1].is_punct(',') || start >= i {
        return None;
    }
    let opener = &tokens[start];
    let relative = matches!(opener.text, "who" | "which");
    let is_role = |t: &Token| t.text.starts_with(char::is_lowercase) && is_role_noun(t.text);
    // "Jo Roe, a senior adviser for the army said": an article, then a role within a few
    // words, before any preposition.
    let led_by_article = matches!(opener.text, "a" | "an" | "the")
        && tokens[start + 1..i]
            .iter()
            .take(ROLE_MODIFIERS)
            .take_while(|t| t.is_word() && !is_preposition(t.text) && !t.possessive)
            .any(is_role);
    if !(relative || is_role(opener) || led_by_article) {
        return None;
    }
    let name_end = start - 2;
    let t = &tokens[name_end];
    if !t.is_cap() || t.possessive {
        return None;
    }
    let name_first = name_start(tokens, name_end, floor)?;
    let opens_clause = name_first == floor || !tokens[name_first - 1].is_word();
    if !opens_clause {
        return None;
    }
    let subject = subject_at(text, tokens, name_end, floor)?;
    match &subject {
        Subject::Name(words) if clean_name(words).kind == NameKind::Person => Some(subject),
        _ => None,
    }
}

/// Whether the words between two commas read as an appositive or an aside rather than a
/// subject: "editor at large at the Saudi Gazette", "the State Department Spokesperson",
/// "42", "QC", "in remarks to al-Ikhbariya television", "who voted against the bill".
fn is_appositive(segment: &[Token]) -> bool {
    let words: Vec<&Token> = segment.iter().filter(|t| t.is_word()).collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    // "…, while Bambang Widaryatmo, head of the police, promised": a new clause's subject
    // after its conjunction, not a description of the name before.
    if words.len() >= 2
        && is_function_word(first.text)
        && !is_preposition(first.text)
        && last.is_cap()
        && !last.is_stop()
    {
        return false;
    }
    !first.is_cap()
        || determiner(first.text).is_some()
        || !last.is_cap()
        || words
            .iter()
            .all(|t| is_title(t.text) || t.text.chars().all(|c| c.is_ascii_digit()))
        || last.text.chars().all(|c| c.is_ascii_digit())
}

/// The subject phrase ending at token `end` (inclusive): a name, a pronoun or a common
/// noun phrase.
pub(crate) fn subject_at<'a>(
    text: &'a str,
    tokens: &[Token<'a>],
    end: usize,
    floor: usize,
) -> Option<Subject<'a>> {
    let t = tokens.get(end)?;
    if !t.is_word() {
        return None;
    }
    if let Some(p) = pronoun(t.text) {
        if !t.possessive && !matches!(t.text, "him" | "her" | "them") {
            return Some(Subject::Pronoun(p, t.span.start));
        }
        return None;
    }
    // "Police said", "Officials say", "Sources said": a source named by a plural noun.
    if t.is_cap() && t.is_stop() && !t.possessive {
        let anonymous = t.class() & ANONYMOUS != 0;
        if !anonymous && !is_group_source(t.text) {
            return None;
        }
        return Some(Subject::Description {
            phrase: t.text,
            head: t.text,
            possessor: None,
            indefinite: anonymous,
            at: t.span.start,
        });
    }
    // "her Honour said": a form of address for the judge.
    if t.class() & ADDRESS != 0 && end > floor && t.is_cap() && !t.possessive {
        let p = &tokens[end - 1];
        if matches!(p.text, "his" | "her" | "His" | "Her") {
            return Some(Subject::Description {
                phrase: &text[p.span.start..t.span.end],
                head: t.text,
                possessor: None,
                indefinite: false,
                at: p.span.start,
            });
        }
    }
    if t.is_cap() && !t.possessive {
        let start = name_start(tokens, end, floor)?;
        let name = texts(&tokens[start..=end]);
        // "A leaked letter seen by Sky News says": the agent of a participle is not the
        // subject; the phrase before it is.
        if start >= floor + 3
            && tokens[start - 1].text == "by"
            && tokens[start - 2].is_word()
            && (tokens[start - 2].text.ends_with("ed") || tokens[start - 2].text.ends_with("en"))
        {
            return subject_at(text, tokens, start - 3, floor);
        }
        // "The U.N. envoy to South Sudan said": a place after a preposition modifies the
        // phrase before it, which is the subject. So does any one-word name after a group
        // ("Police in Dayton said", "officials in Kinshasa").
        if start >= floor + 2
            && matches!(
                tokens[start - 1].text,
                "in" | "to" | "at" | "from" | "near" | "across" | "inside"
            )
        {
            let kind = clean_name(&name).kind;
            let group = &tokens[start - 2];
            let after_group = kind == NameKind::Single
                && group.is_word()
                && !group.possessive
                && (is_group_source(group.text) || group.class() & ANONYMOUS != 0);
            if kind == NameKind::Place || after_group {
                return subject_at(text, tokens, start - 2, floor);
            }
        }
        // "Mary Roe of the Daily Courier called …", "Jan Poe of the Bronx said", "Ian Lee
        // from Oxford University said": a person named with where they belong speaks,
        // not the organisation or place; so does an organisation named with its country
        // ("the Cyber Security Centre of the UK said").
        let of_the =
            start >= floor + 3 && tokens[start - 1].text == "the" && tokens[start - 2].text == "of";
        let from = start >= floor + 2 && tokens[start - 1].text == "from";
        if of_the || from {
            let before = start - if of_the { 3 } else { 2 };
            if let Some(Subject::Name(owner)) = subject_at(text, tokens, before, floor) {
                let place = of_the && clean_name(&name).kind == NameKind::Place;
                match clean_name(&owner).kind {
                    NameKind::Person => return Some(Subject::Name(owner)),
                    NameKind::Org if place => return Some(Subject::Name(owner)),
                    _ => {}
                }
            }
        }
        // "the Norwegian": a nationality standing for a person.
        if name.len() == 1 && is_demonym(name[0]) && start > floor {
            let d = &tokens[start - 1];
            if d.is_word() && determiner(d.text) == Some(false) {
                return Some(Subject::Description {
                    phrase: &text[d.span.start..t.span.end],
                    head: name[0],
                    possessor: None,
                    indefinite: false,
                    at: d.span.start,
                });
            }
        }
        return Some(Subject::Name(name));
    }
    if t.possessive {
        return None;
    }
    // A common-noun phrase: walk back over lower-case modifiers to a determiner or a
    // possessor. "The report's authors", "Russia's defense ministry", "one poster".
    if !(t.text.chars().all(|c| c.is_lowercase() || c == '-') || is_age(t.text))
        || is_function_word(t.text)
    {
        // Not a noun: "He made this clear by saying".
        return None;
    }
    // Other nouns count only with a determiner: "one poster", "the man".
    let listed = is_person_head(t.text)
        || org_noun_keywords(t.text).is_some()
        || is_document_noun(t.text)
        || is_group_source(t.text);
    let mut start = end;
    let mut possessor = None;
    let mut indefinite = false;
    let mut determined = false;
    while start > floor && end - start < 5 {
        let p = &tokens[start - 1];
        if !p.is_word() {
            break;
        }
        if let Some(indef) = determiner(p.text) {
            indefinite = indef;
            determined = true;
            start -= 1;
            break;
        }
        if p.possessive {
            if p.is_cap() {
                let ps = name_start(tokens, start - 1, floor).unwrap_or(start - 1);
                possessor = Some(texts(&tokens[ps..start]));
                start = ps;
            } else if matches!(p.text, "its" | "his" | "her" | "their") {
                start -= 1;
            } else if is_document_noun(t.text) && (is_person_head(p.text) || is_org_head(p.text)) {
                // "the minister's reply", "the ministry's statement": the owner of the
                // message speaks.
                let owner = start - 1;
                let mut from = owner;
                let mut indefinite = false;
                if from > floor {
                    if let Some(indef) = determiner(tokens[from - 1].text) {
                        indefinite = indef;
                        from -= 1;
                    }
                }
                return Some(Subject::Description {
                    phrase: &text[tokens[from].span.start..tokens[owner].span.start + p.text.len()],
                    head: p.text,
                    possessor: None,
                    indefinite,
                    at: tokens[from].span.start,
                });
            } else {
                start -= 1;
                // "the report's authors": keep the determiner of the possessor.
                if start > floor && determiner(tokens[start - 1].text).is_some() {
                    start -= 1;
                }
            }
            break;
        }
        if matches!(
            p.text,
            "its" | "his" | "her" | "their" | "Its" | "His" | "Her" | "Their"
        ) {
            start -= 1;
            break;
        }
        if p.is_cap() && !p.is_stop() {
            // A name used as a modifier: "the Home Office letter", "a State Department
            // spokesman".
            let ps = name_start(tokens, start - 1, floor).unwrap_or(start - 1);
            possessor = Some(texts(&tokens[ps..start]));
            start = ps;
            if start > floor && determiner(tokens[start - 1].text).is_some() {
                indefinite = false;
                start -= 1;
            }
            break;
        }
        if p.is_cap() || pronoun(p.text).is_some() || p.is_speech_verb() {
            break;
        }
        if p.text.chars().all(|c| c.is_lowercase() || c == '-')
            && !matches!(
                p.text,
                "and"
                    | "or"
                    | "but"
                    | "that"
                    | "which"
                    | "who"
                    | "to"
                    | "of"
                    | "in"
                    | "on"
                    | "at"
                    | "by"
                    | "for"
                    | "with"
                    | "from"
                    | "as"
                    | "while"
                    | "whilst"
            )
        {
            start -= 1;
        } else {
            break;
        }
    }
    // "a murder police called "barbaric"": "a" goes with no plural, so it and the noun
    // after it close an object before; the group alone is the subject.
    if indefinite
        && start + 2 == end
        && matches!(tokens[start].text, "a" | "an" | "A" | "An")
        && is_group_source(t.text)
        && is_plural(&t.text.to_ascii_lowercase())
    {
        let m = &tokens[start + 1];
        if m.class() & STOP == 0 && numbers().collective(m.text).is_none() {
            start = end;
            indefinite = false;
        }
    }
    if !listed && !determined {
        return None;
    }
    // "PC World's recent analysis of its own web traffic statistics": the phrase before
    // "of" is what speaks.
    if possessor.is_none() && start >= floor + 2 && tokens[start - 1].text == "of" {
        if let Some(
            outer @ Subject::Description {
                possessor: Some(_), ..
            },
        ) = subject_at(text, tokens, start - 2, floor)
        {
            return Some(outer);
        }
    }
    // "Lynn Boylan of the Sinn Féin party tweeted": a person named with the organisation
    // they belong to speaks, not the organisation.
    if start >= floor + 2 && tokens[start - 1].text == "of" && org_noun_keywords(t.text).is_some() {
        if let Some(Subject::Name(words)) = subject_at(text, tokens, start - 2, floor) {
            if clean_name(&words).kind == NameKind::Person {
                return Some(Subject::Name(words));
            }
        }
    }
    Some(Subject::Description {
        phrase: &text[tokens[start].span.start..t.span.end],
        head: t.text,
        possessor,
        indefinite,
        at: tokens[start].span.start,
    })
}

/// The phrase a cue names after it, starting at token `i`: "according to [Saudi
/// Arabia's Civil Defense Authority]", "said [Senate Majority Leader Harry Reid]",
/// "described by [Russia]", "in the words of [the Crown prosecutor, Mark Tedeschi, QC]".
pub(crate) fn subject_after<'a>(
    text: &'a str,
    tokens: &[Token<'a>],
    i: usize,
    ceil: usize,
) -> Option<(Subject<'a>, usize)> {
    let mut i = i;
    let first = tokens.get(i).filter(|_| i < ceil)?;
    if !first.is_word() {
        return None;
    }
    if let Some(p) = pronoun(first.text) {
        if !first.possessive && !matches!(first.text, "him" | "her" | "them" | "it" | "It") {
            return Some((Subject::Pronoun(p, first.span.start), i + 1));
        }
        return None;
    }
    let phrase_start = first.span.start;
    let mut indefinite = false;
    if let Some(indef) = determiner(first.text) {
        indefinite = indef;
        i += 1;
    }
    // Read the phrase: possessors, lower-case modifiers, capitalised names.
    let mut possessor: Option<Vec<&'a str>> = None;
    let mut last_name: Option<(usize, usize)> = None;
    let mut end = i;
    let mut head_lower: Option<usize> = None;
    while end < ceil && end - i < 12 {
        let t = &tokens[end];
        if !t.is_word() {
            break;
        }
        // "news website The Onion": a name in apposition to the head, article included.
        let apposed = t.text == "The"
            && head_lower == Some(end.wrapping_sub(1))
            && tokens
                .get(end + 1)
                .is_some_and(|n| end + 1 < ceil && n.is_cap() && !n.is_stop());
        if t.is_cap() && (!(t.is_stop() && end > i) || apposed) {
            let ne = name_end(tokens, end, ceil).max(end + 1);
            let name_tokens = &tokens[end..ne];
            if tokens[ne - 1].possessive {
                possessor = Some(texts(name_tokens));
                end = ne;
                continue;
            }
            last_name = Some((end, ne));
            head_lower = None;
            end = ne;
            // A name is followed by lower-case words only as "news agency" heads.
            continue;
        }
        let lower = t.text.chars().all(|c| c.is_lowercase() || c == '-');
        if lower
            && (is_role_noun(t.text)
                || org_noun_keywords(t.text).is_some()
                || is_group_source(t.text)
                || is_document_noun(t.text)
                || (last_name.is_none() && !t.is_speech_verb() && !is_function_word(t.text))
                || modifies_head(tokens, end, ceil))
            && !t.possessive
        {
            head_lower = Some(end);
            end += 1;
            continue;
        }
        if lower && t.possessive {
            end += 1;
            continue;
        }
        break;
    }
    // "the Crown prosecutor, Mark Tedeschi, QC": a role followed by its name.
    // "the Republican, Senator Jane Roe": a capitalised common noun after a determiner
    // is a role too.
    let capitalised_role = last_name.is_some_and(|(s, e)| {
        e == s + 1 && e == end && s > 0 && determiner(tokens[s - 1].text).is_some()
    });
    let role_then_comma = (head_lower.is_some() || last_name.is_none() || capitalised_role)
        && tokens.get(end).is_some_and(|t| t.is_punct(','))
        && end + 1 < ceil;
    if role_then_comma {
        let s = end + 1;
        if tokens[s].is_cap() && !tokens[s].is_stop() {
            let ne = name_end(tokens, s, ceil);
            let closed = tokens.get(ne).is_none_or(|t| !t.is_word());
            if ne > s && closed && !tokens[ne - 1].possessive {
                return Some((Subject::Name(texts(&tokens[s..ne])), ne));
            }
        }
    }
    if let Some((s, e)) = last_name {
        if head_lower.is_none() || head_lower.is_some_and(|h| h < s) {
            let name = texts(&tokens[s..e]);
            if name.len() == 1
                && is_demonym(name[0])
                && s > 0
                && determiner(tokens[s - 1].text) == Some(false)
            {
                return Some((
                    Subject::Description {
                        phrase: &text[phrase_start..tokens[e - 1].span.end],
                        head: name[0],
                        possessor: None,
                        indefinite,
                        at: phrase_start,
                    },
                    e,
                ));
            }
            return Some((Subject::Name(name), e));
        }
        let adjective =
            e == s + 1 && (is_demonym(tokens[s].text) || is_adjective_form(tokens[s].text));
        if possessor.is_none() && adjective {
            // "the Malaysian transport ministry": the name only qualifies the head.
            possessor = Some(texts(&tokens[s..e]));
        } else if possessor.is_none() {
            // "Yonhap news agency": the name is what the phrase names.
            return Some((Subject::Name(texts(&tokens[s..e])), end));
        }
    }
    let h = head_lower?;
    // "a statement from the ministry", "a post by the group": the source follows.
    if possessor.is_none()
        && last_name.is_none()
        && is_document_noun(tokens[h].text)
        && tokens
            .get(end)
            .is_some_and(|n| matches!(n.text, "from" | "by" | "of"))
    {
        if let Some(found) = subject_after(text, tokens, end + 1, ceil) {
            return Some(found);
        }
    }
    // "the office of the Maldives President": the office is named by what follows.
    let mut phrase_end = tokens[h].span.end;
    if possessor.is_none()
        && last_name.is_none()
        && org_noun_keywords(tokens[h].text).is_some()
        && tokens.get(end).is_some_and(|n| n.text == "of")
    {
        let mut s = end + 1;
        if tokens.get(s).is_some_and(|t| t.text == "the") {
            s += 1;
        }
        if s < ceil && tokens[s].is_cap() && !tokens[s].is_stop() {
            let e = name_end(tokens, s, ceil);
            if e > s {
                phrase_end = tokens[e - 1].span.end;
                end = e;
            }
        }
    }
    Some((
        Subject::Description {
            phrase: &text[phrase_start..phrase_end],
            head: tokens[h].text,
            possessor,
            indefinite,
            at: phrase_start,
        },
        end,
    ))
}

/// Whether the lower-case word at `k` is a modifier of a speaking head within the next
/// two words: "transport" in "the Malaysian transport ministry".
fn modifies_head(tokens: &[Token], k: usize, ceil: usize) -> bool {
    let plain = |t: &Token| {
        t.is_word()
            && !t.possessive
            && t.text.chars().all(|c| c.is_lowercase() || c == '-')
            && !is_function_word(t.text)
            && !t.is_speech_verb()
    };
    tokens[k..ceil.min(k + 3)]
        .iter()
        .take_while(|t| plain(t))
        .skip(1)
        .any(|t| {
            is_role_noun(t.text)
                || org_noun_keywords(t.text).is_some()
                || is_group_source(t.text)
                || is_document_noun(t.text)
        })
}

/// Whether `word` is a preposition ("for", "with", "like").
pub(crate) fn is_preposition(word: &str) -> bool {
    speakers().prepositions.contains(word)
}

/// Whether `word` is a preposition, conjunction or auxiliary: not part of a noun phrase.
pub(crate) fn is_function_word(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_lowercase()) && speakers().function_words.contains(word)
}

// ---------------------------------------------------------------------------------------
// Names: cleaning and classifying
// ---------------------------------------------------------------------------------------

/// What a cleaned name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameKind {
    /// Two to four capitalised words with no organisation or place word.
    Person,
    /// An organisation: "Korean Central News Agency", "KCNA", "Home Office".
    Org,
    /// A place: "South Korea", "Mexico City".
    Place,
    /// One word that is neither clearly a person nor an organisation: "Stoltenberg".
    Single,
    /// Only titles and roles: "The NATO Secretary General".
    Role,
}

/// A name with titles, roles and affiliations stripped, and what it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cleaned<'a> {
    pub words: Vec<&'a str>,
    pub kind: NameKind,
}

/// Strips what is not the name itself and classifies what is left:
/// "NATO Secretary General Jens Stoltenberg" → "Jens Stoltenberg" (person);
/// "Governor of Washington Chris Gregoire" → "Chris Gregoire";
/// "Matthew Ingram of The Globe and Mail" → "Matthew Ingram";
/// "CEO of the Refugee Council Enver Solomon" → "Enver Solomon";
/// "The U.S. Department of Agriculture" → itself (organisation).
pub(crate) fn clean_name<'a>(words: &[&'a str]) -> Cleaned<'a> {
    // At most the last 16 words; one vocabulary lookup per word.
    let words = &words[words.len().saturating_sub(16)..];
    let mut classes = [0u32; 16];
    for (c, w) in classes.iter_mut().zip(words) {
        *c = class(w);
    }
    let w = words;
    let title = |k: usize| classes[k] & TITLE != 0;
    let org = |k: usize| classes[k] & ORG != 0;
    let upper = |k: usize| starts_upper(w[k]);
    let (mut lo, mut hi) = (0, w.len());
    let done = |lo: usize, hi: usize, kind: NameKind| Cleaned {
        words: w[lo..hi].to_vec(),
        kind,
    };
    while lo < hi && matches!(w[lo], "The" | "the") {
        lo += 1;
    }
    if lo == hi {
        return done(lo, hi, NameKind::Role);
    }
    // "Judge Robyn Achterberg SC": letters after the name are not part of it.
    while hi - lo > 1 && classes[hi - 1] & POSTNOMINAL != 0 && upper(hi - 1) {
        hi -= 1;
    }
    // "Aide", "Spokesman": roles only, nobody named.
    if (lo..hi).all(|k| classes[k] & ROLE != 0) {
        return done(lo, hi, NameKind::Role);
    }
    // "Matthew Ingram of The Globe and Mail", "Prof. John Smith of Oxford University",
    // "Lydia Buchtmann for Food Standards Australia": a person's affiliation after "of"
    // or "for".
    if let Some(k) = (lo..hi).find(|&k| matches!(w[k], "of" | "for")) {
        let named = (lo..k).rev().find(|&x| title(x)).map_or(lo, |t| t + 1);
        let titled = named > lo;
        let people = if titled { 1..=3 } else { 2..=3 };
        if people.contains(&(k - named))
            && (named..k).all(|x| upper(x) && classes[x] & (TITLE | ORG | PLACE) == 0)
        {
            lo = named;
            hi = k;
        }
    }
    // A capitalised role before a name of two or more words: "Researcher Ahmed Salah
    // said", "England Skipper Joe Root".
    if let Some(r) = (lo..hi)
        .rev()
        .find(|&k| classes[k] & ROLE != 0 && classes[k] & (ORG | PLACE) == 0)
    {
        if hi - r > 2 && (r + 1..hi).all(|k| upper(k) && classes[k] & (ROLE | ORG) == 0) {
            lo = r + 1;
        }
    }
    // An organisation ending the name: "Korean Central News Agency".
    if org(hi - 1) {
        return done(lo, hi, NameKind::Org);
    }
    // "Department of Health and Social Care", "Ministry of Foreign Affairs": an
    // organisation word with its "of" remit, where only portfolio words look like titles.
    if let Some(o) = (lo..hi).find(|&k| org(k)) {
        if o + 2 < hi
            && w[o + 1] == "of"
            && (o + 2..hi).all(|k| {
                (upper(k) || matches!(w[k], "and" | "&" | "the"))
                    && (!title(k) || is_portfolio(w[k]))
            })
        {
            return done(lo, hi, NameKind::Org);
        }
    }
    // A person after an organisation: "Refugee Council Enver Solomon".
    if let Some(o) = (lo..hi).rev().find(|&k| org(k)) {
        let tail = o + 1..hi;
        if (1..=3).contains(&tail.len()) && tail.clone().all(|k| upper(k) && !title(k)) {
            lo = o + 1;
        } else if let Some(t) = (o + 1..hi).rev().find(|&k| title(k)) {
            if t + 1 < hi {
                lo = t + 1;
            }
        }
    }
    // A person after a place: "United States Hamdullah Mohib" (from "Ambassador to the
    // United States Hamdullah Mohib").
    if let Some(p) = (lo..hi)
        .rev()
        .find(|&k| classes[k] & PLACE != 0 && upper(k))
    {
        let tail = p + 1..hi;
        if (2..=3).contains(&tail.len())
            && tail
                .clone()
                .all(|k| upper(k) && classes[k] & (TITLE | ORG | PLACE) == 0)
        {
            lo = p + 1;
        }
    }
    // Titles before the name: everything up to the last title word.
    if let Some(t) = (lo..hi).rev().find(|&k| title(k)) {
        if t + 1 == hi {
            let kind = if hi - lo > 1 && (lo..hi).any(|k| org(k) || w[k] == "of") {
                NameKind::Org
            } else {
                NameKind::Role
            };
            return done(lo, hi, kind);
        }
        lo = t + 1;
    }
    // "of Washington Chris Gregoire": the office's place, then the person.
    if matches!(w[lo], "of" | "for") {
        lo += 1;
        let connected = (lo..hi).any(|k| matches!(w[k], "of" | "for" | "the" | "and" | "&" | "on"));
        if connected || hi - lo < 3 {
            return done(lo, hi, NameKind::Org);
        }
        let keep = if classes[hi - 2] & PARTICLE != 0 {
            3
        } else {
            2
        };
        lo = hi - keep;
    }
    // "Norwegian Halvard Moen", "South African Thabo Nkosi" (after the place rule above):
    // a nationality before a person's first name and surname describes the person and is
    // no part of the name ("Scottish Enterprise" keeps it).
    while hi - lo > 2
        && classes[lo] & DEMONYM != 0
        && upper(lo)
        && upper(lo + 1)
        && classes[lo + 1] & (TITLE | ORG | PLACE) == 0
    {
        lo += 1;
    }
    // "Tom Devocht and Mark Rathbun": two people; the nearer one speaks.
    if let Some(k) = (lo..hi).rev().find(|&k| matches!(w[k], "and" | "&")) {
        if k - lo >= 2 && hi - k > 2 && !(lo..hi).any(org) {
            lo = k + 1;
        }
    }
    let kind = classify_with(&w[lo..hi], &classes[lo..hi]);
    done(lo, hi, kind)
}

/// What a cleaned name stands for.
fn classify(w: &[&str]) -> NameKind {
    let mut classes = [0u32; 16];
    let w = &w[w.len().saturating_sub(16)..];
    for (c, x) in classes.iter_mut().zip(w) {
        *c = class(x);
    }
    classify_with(w, &classes[..w.len()])
}

fn classify_with(w: &[&str], classes: &[u32]) -> NameKind {
    if w.is_empty() {
        return NameKind::Role;
    }
    if classes.iter().any(|c| c & ORG != 0) {
        return NameKind::Org;
    }
    // "Christmas Day", "Boxing Day": a holiday, which like a place never speaks.
    if is_holiday_name(w) {
        return NameKind::Place;
    }
    if w.iter()
        .zip(classes)
        .any(|(x, c)| c & PLACE != 0 && starts_upper_plain(x))
    {
        return NameKind::Place;
    }
    if w.iter()
        .any(|x| matches!(*x, "of" | "the" | "&" | "and" | "for"))
    {
        return NameKind::Org;
    }
    if w.len() == 1 && classes[0] & COUNTRY != 0 {
        // "Afghanistan" alone; "Michael Jordan" stays a person.
        return NameKind::Place;
    }
    if w.len() == 1 {
        let x = w[0];
        let mut letters = x.chars().filter(|c| c.is_alphabetic());
        let all_caps = letters.clone().count() >= 2 && letters.all(char::is_uppercase);
        return if all_caps {
            NameKind::Org
        } else {
            NameKind::Single
        };
    }
    // "Mohammed bin Zayed Al Nahyan": particles do not count towards a person's words.
    let named = classes.iter().filter(|&&c| c & PARTICLE == 0).count();
    if named <= 4 {
        NameKind::Person
    } else {
        NameKind::Org
    }
}

/// Whether capitalised `words` name a holiday the lexicon dates: "Christmas Day", "New
/// Year".
fn is_holiday_name(words: &[&str]) -> bool {
    let mut buf = [0u8; 32];
    let mut n = 0;
    for (i, w) in words.iter().enumerate() {
        let sep = usize::from(i > 0);
        if n + sep + w.len() > buf.len() {
            return false;
        }
        if sep == 1 {
            buf[n] = b' ';
        }
        buf[n + sep..n + sep + w.len()].copy_from_slice(w.as_bytes());
        n += sep + w.len();
    }
    std::str::from_utf8(&buf[..n]).is_ok_and(|name| dates().holiday_words.contains(name))
}

/// Levenshtein distance between two short words, for names the article misspells once
/// ("Ms Bauchtman" for "Lydia Buchtmann").
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

// ---------------------------------------------------------------------------------------
// The article: resolution against everything the text says
// ---------------------------------------------------------------------------------------

/// One article's text, sentences and quotations, for resolving speakers. Tokens of a
/// sentence and fullest names are computed once and kept.
pub(crate) struct Article<'a> {
    pub text: &'a str,
    pub sentences: &'a [Span],
    /// Outer spans (marks included) of every quotation, in order.
    pub quotes: &'a [Span],
    sentence_tokens: RefCell<Vec<Option<Rc<Vec<Token<'a>>>>>>,
    fullest: RefCell<HashMap<Vec<&'a str>, Rc<str>>>,
    genders: RefCell<HashMap<Rc<str>, Option<Gender>>>,
}

/// How far (in bytes) around a name the article is searched for its other mentions.
const SEARCH_REACH: usize = 64 * 1024;

/// How many tokens of a sentence are read when looking for who it names.
const SENTENCE_REACH: usize = 160;

/// A candidate speaker found in a sentence, for resolving pronouns and descriptions.
#[derive(Debug, Clone)]
struct Mention<'a> {
    words: Vec<&'a str>,
    kind: NameKind,
    span: Span,
    /// Written in the possessive ("Jordan's state news agency").
    possessive: bool,
    /// The object of a preposition ("Like President Bush, Olmert kept …", "a talk with
    /// Olmert"): less likely the subject a pronoun later stands for.
    object: bool,
}

impl<'a> Article<'a> {
    pub(crate) fn new(text: &'a str, sentences: &'a [Span], quotes: &'a [Span]) -> Self {
        Article {
            text,
            sentences,
            quotes,
            sentence_tokens: RefCell::new(vec![None; sentences.len()]),
            fullest: RefCell::new(HashMap::new()),
            genders: RefCell::new(HashMap::new()),
        }
    }

    /// Index of the sentence containing byte `at` (or the last one before it).
    pub(crate) fn sentence_index(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= at);
        if i < self.sentences.len() && self.sentences[i].start <= at {
            Some(i)
        } else {
            i.checked_sub(1)
        }
    }

    /// The stretch of text searched for other mentions of a name written at byte `at`:
    /// the whole of any real article, bounded on huge inputs so each search stays cheap.
    fn window(&self, at: usize) -> Span {
        let mut start = at.saturating_sub(SEARCH_REACH);
        while !self.text.is_char_boundary(start) {
            start += 1;
        }
        let mut end = (at + SEARCH_REACH).min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }

    /// Where `word` (a slice of the article) starts.
    fn offset_of(&self, word: &str) -> usize {
        (word.as_ptr() as usize)
            .saturating_sub(self.text.as_ptr() as usize)
            .min(self.text.len())
    }

    /// Tokens of `range` with quotations masked.
    pub(crate) fn tokens(&self, range: Span) -> Vec<Token<'a>> {
        tokenize(self.text, range, self.quotes)
    }

    /// Tokens of sentence `k` with quotations masked.
    pub(crate) fn sentence(&self, k: usize) -> Rc<Vec<Token<'a>>> {
        if let Some(Some(hit)) = self.sentence_tokens.borrow().get(k) {
            return Rc::clone(hit);
        }
        let tokens = self.tokens(self.sentences[k]);
        if is_title_case(self.text, self.sentences[k], &tokens) {
            for t in &tokens {
                t.title_case.set(true);
            }
        }
        let tokens = Rc::new(tokens);
        if let Some(slot) = self.sentence_tokens.borrow_mut().get_mut(k) {
            *slot = Some(Rc::clone(&tokens));
        }
        tokens
    }

    /// The speaker `subject` names, as the fullest name the article gives; `at` is where
    /// the attribution stands (pronouns and descriptions look back from there).
    pub(crate) fn resolve(&self, subject: &Subject<'a>, at: usize) -> Option<String> {
        match subject {
            Subject::Name(words) => {
                if words.len() == 1 && is_stop_cap(words[0]) {
                    return None;
                }
                if let Some(first) = self.first_of_pair(words) {
                    return Some(self.fullest(&first).to_string());
                }
                let cleaned = clean_name(words);
                if cleaned.kind == NameKind::Role {
                    // "The NATO Secretary General said", or a headline's "Minister
                    // promises …" naming the minister only below.
                    let phrase = words.join(" ");
                    return cleaned
                        .words
                        .last()
                        .and_then(|head| self.person_by_role(&phrase, head, at))
                        .or_else(|| self.recent(at, Want::Person))
                        .or_else(|| self.upcoming_person(at));
                }
                let full = self.fullest(&cleaned.words);
                // "Ms Bauchtman" where the article elsewhere writes "Lydia Buchtmann", or a
                // bare "Water said" after "Kathryn Waters": a one-word name the article
                // gives no fuller form of is a misspelt surname.
                if let [surname] = cleaned.words[..] {
                    let titled = words.iter().any(|w| is_personal_title(w));
                    if !full.contains(' ') && (titled || cleaned.kind == NameKind::Single) {
                        if let Some(near) = self.near_spelling(surname, titled) {
                            return Some(near);
                        }
                    }
                }
                Some(full.to_string())
            }
            Subject::Pronoun(p, at) => self.recent_as(*at, pronoun_want(p)?, pronoun_gender(p)),
            Subject::Description {
                phrase,
                head,
                possessor,
                indefinite,
                at,
            } => {
                if class(head) & ADDRESS != 0 {
                    // "her Honour": the judge the article names.
                    return self.person_by_role("judge", "judge", *at);
                }
                if *indefinite {
                    // "a police spokesman said", "a Home Office spokeswoman": an unnamed
                    // voice speaks for the organisation the phrase names.
                    if class(head) & MOUTHPIECE != 0 {
                        return self.mouthpiece_org(phrase, head, possessor.as_deref(), *at);
                    }
                    return None;
                }
                if let Some(keywords) = org_noun_keywords(head) {
                    if let Some(p) = possessor {
                        // "Turkish President Recep Tayyip Erdoğan's office" → "Recep
                        // Tayyip Erdoğan's office".
                        let owner = clean_name(p);
                        if let [word] = owner.words[..] {
                            if is_demonym(word) || is_adjective_form(word) {
                                // "the Malaysian transport ministry": no owner is named.
                                return Some(lower_first(phrase));
                            }
                        }
                        let rest = p.last().map_or("", |last| {
                            let after = self.offset_of(last) + last.len();
                            let end = self.offset_of(phrase) + phrase.len();
                            self.text[after.min(end)..end]
                                .trim_start_matches(['\'', '\u{2019}', 's'])
                                .trim_start()
                        });
                        if owner.kind == NameKind::Role || rest.is_empty() {
                            return Some(lower_first(phrase));
                        }
                        return Some(format!("{}'s {rest}", self.fullest(&owner.words)));
                    }
                    // "the health ministry" is only a ministry whose name says "Health".
                    let modifiers: Vec<&str> = phrase
                        .split_whitespace()
                        .filter(|w| determiner(w).is_none() && !w.eq_ignore_ascii_case(head))
                        .collect();
                    return self
                        .recent_org_with(*at, keywords)
                        .filter(|name| {
                            modifiers
                                .iter()
                                .all(|m| name.split(' ').any(|n| n.eq_ignore_ascii_case(m)))
                        })
                        .or_else(|| Some(lower_first(phrase)));
                }
                if possessor.is_none() && is_document_noun(head) {
                    // "the joint statement said": the statement introduced earlier as "a
                    // statement … by Ehud Olmert".
                    if let Some(source) = self.document_source(head, *at) {
                        return Some(source);
                    }
                }
                if is_group_source(head) {
                    // "the report's authors", "U.S. officials".
                    return Some(lower_first(phrase));
                }
                if let Some(p) = possessor {
                    // "The Congressional website": an adjective, not an owner, before a
                    // document; the document itself is the source.
                    let named = p.iter().skip_while(|w| determiner(w).is_some());
                    if let (Some(adjective), 1) = (named.clone().next(), named.count()) {
                        let owned = phrase.contains(['\'', '\u{2019}']);
                        if !owned && is_document_noun(head) && is_adjective_form(adjective) {
                            return Some(without_determiner(phrase).to_string());
                        }
                    }
                    let cleaned = clean_name(p);
                    // "the Portuguese forward": a nationality before a noun owns nothing
                    // and names nobody; the person it describes speaks.
                    let owned = phrase.contains(['\'', '\u{2019}']);
                    let nationality = matches!(cleaned.words[..], [w] if is_demonym(w));
                    if nationality && !owned {
                        return self
                            .person_by_role(phrase, head, *at)
                            .or_else(|| self.recent(*at, Want::Person))
                            .or_else(|| self.upcoming_person(*at));
                    }
                    // "the Harbourline boss", "Valdora's trade minister": the person the
                    // article names in that role speaks, not the owner of the role. A
                    // place never speaks, nor does a person through a role other than a
                    // spokesman ("Ana Wells' lawyer"): then the role as written speaks.
                    if is_person_head(head) {
                        if let Some(name) = self.person_by_role(phrase, head, *at) {
                            return Some(name);
                        }
                        let voice = class(head) & MOUTHPIECE != 0;
                        if cleaned.kind == NameKind::Place
                            || (cleaned.kind == NameKind::Person && !voice)
                        {
                            return Some(lower_first(phrase));
                        }
                    }
                    if cleaned.kind != NameKind::Role {
                        return Some(self.fullest(&cleaned.words).to_string());
                    }
                }
                // "his agent", "their lawyer": someone other than the owner the pronoun
                // stands for; the role as written speaks unless the article names them.
                if let Some((owner, rest)) = phrase.split_once(' ') {
                    // "his profile reads", "its statement said": the document speaks for
                    // the one the pronoun stands for.
                    let stands_for = possessive_pronoun(owner).and_then(pronoun_want);
                    if let Some(want) = stands_for.filter(|_| is_document_noun(head)) {
                        if let Some(name) = self.recent_as(*at, want, pronoun_gender(owner)) {
                            return Some(name);
                        }
                    }
                    if is_person_head(head)
                        && matches!(owner, "his" | "her" | "their" | "His" | "Her" | "Their")
                    {
                        return self
                            .person_by_role(phrase, head, *at)
                            .or_else(|| Some(format!("{} {rest}", owner.to_lowercase())));
                    }
                }
                if is_person_head(head) || is_demonym(head) {
                    return self
                        .person_by_role(phrase, head, *at)
                        .or_else(|| self.recent(*at, Want::Person))
                        .or_else(|| self.upcoming_person(*at));
                }
                // "the armed forces" for the "Supreme Council of the Armed Forces".
                self.named_org(phrase)
            }
        }
    }

    /// The organisation an unnamed spokesperson's `phrase` names: a name used as a
    /// modifier ("a Home Office spokeswoman"), or a lower-case organisation noun before
    /// the head ("a police spokesman", "a ministry official") resolved as "the police"
    /// would be.
    fn mouthpiece_org(
        &self,
        phrase: &str,
        head: &str,
        possessor: Option<&[&'a str]>,
        at: usize,
    ) -> Option<String> {
        if let Some(p) = possessor {
            let owner = clean_name(p);
            if matches!(owner.kind, NameKind::Org | NameKind::Single) && !owner.words.is_empty() {
                return Some(self.fullest(&owner.words).to_string());
            }
            return None;
        }
        // "A spokesperson added": no organisation in the phrase; the one the article
        // last named speaks.
        let Some(noun) = phrase
            .split_whitespace()
            .rev()
            .skip_while(|w| *w != head)
            .nth(1)
            .filter(|w| determiner(w).is_none())
        else {
            return self.recent(at, Want::Org);
        };
        let keywords = org_noun_keywords(noun)?;
        self.recent_org_with(at, keywords)
            .or_else(|| Some(noun.to_string()))
    }

    /// The fullest name the article gives for `words`: the longest capitalised name,
    /// titles stripped, that ends with them ("Stoltenberg" → "Jens Stoltenberg"), the
    /// expansion of an acronym ("KCNA" → "Korean Central News Agency"), or the full name
    /// of a person whose surname the article misspells once ("Bauchtman" → "Lydia
    /// Buchtmann").
    pub(crate) fn fullest(&self, words: &[&'a str]) -> Rc<str> {
        if let Some(hit) = self.fullest.borrow().get(words) {
            return Rc::clone(hit);
        }
        let found: Rc<str> = self
            .find_fullest(words)
            .map_or_else(|| words.join(" ").into(), Into::into);
        self.fullest
            .borrow_mut()
            .insert(words.to_vec(), Rc::clone(&found));
        found
    }

    /// The name around the word at byte `at`: the name it ends (or, with `begins`, the
    /// name it begins), cleaned.
    fn name_around(&self, at: usize, begins: bool) -> Option<Cleaned<'a>> {
        let si = self.sentence_index(at)?;
        let tokens = self.sentence(si);
        let ti = tokens.partition_point(|t| t.span.start < at);
        if tokens.get(ti).is_none_or(|t| t.span.start != at) {
            return None;
        }
        if begins {
            let e = name_end(&tokens, ti, tokens.len());
            (e > ti).then(|| clean_name(&texts(&tokens[ti..e])))
        } else {
            let s = name_start(&tokens, ti, 0)?;
            Some(clean_name(&texts(&tokens[s..=ti])))
        }
    }

    fn find_fullest(&self, words: &[&'a str]) -> Option<String> {
        let last = *words.last()?;
        if words.len() == 1 {
            if let Some(expansion) = self.acronym(last) {
                return Some(expansion);
            }
        }
        let mut best: Option<Vec<&'a str>> = None;
        let mut first_name_match: Option<Vec<&'a str>> = None;
        let mut fuller_org: Option<Vec<&'a str>> = None;
        // A person's name running on past the words: "Fatma Neslişah Osmanoğlu" for
        // "Neslişah" or "Fatma Neslişah".
        let mut widest: Option<Vec<&'a str>> = None;
        let here = self.offset_of(last);
        let short_kind = classify(words);
        let window = self.window(here);
        let hay = &self.text.as_bytes()[window.start..window.end];
        for at in memchr::memmem::find_iter(hay, last.as_bytes()).map(|k| window.start + k) {
            if !is_whole_word(self.text, at, at + last.len()) {
                continue;
            }
            let (joined_before, joined_after) = joins_name(self.text, at, at + last.len());
            if !joined_before && words.len() == 1 && !joined_after {
                continue;
            }
            if !joined_before {
                // The name is at most the word itself.
            } else if let Some(cleaned) = self.name_around(at, false) {
                // "Benning and Alvarez" is two names, not a fuller one for "Alvarez".
                let paired = cleaned.words.len() > words.len()
                    && matches!(
                        cleaned.words[cleaned.words.len() - words.len() - 1],
                        "and" | "&"
                    );
                if cleaned.words.ends_with(words)
                    && !paired
                    && !matches!(cleaned.kind, NameKind::Role | NameKind::Place)
                    && best.as_ref().is_none_or(|b| cleaned.words.len() > b.len())
                {
                    best = Some(cleaned.words);
                }
            }
            // "Amnesty" after "Amnesty International": a short form of an organisation's
            // name given earlier.
            if at < here && joined_after && matches!(short_kind, NameKind::Single | NameKind::Org) {
                if let Some(cleaned) = self.name_containing(at) {
                    if cleaned.kind == NameKind::Org
                        && cleaned.words.len() > words.len()
                        && cleaned.words.windows(words.len()).any(|w| w == words)
                        && fuller_org
                            .as_ref()
                            .is_none_or(|b| cleaned.words.len() > b.len())
                    {
                        fuller_org = Some(cleaned.words);
                    }
                }
            }
            if joined_after && matches!(short_kind, NameKind::Single | NameKind::Person) {
                if let Some(cleaned) = self.name_containing(at) {
                    if cleaned.kind == NameKind::Person
                        && cleaned.words.len() > words.len()
                        && cleaned.words.windows(words.len()).any(|w| w == words)
                        && widest
                            .as_ref()
                            .is_none_or(|b| cleaned.words.len() > b.len())
                    {
                        widest = Some(cleaned.words);
                    }
                }
            }
            // "Thomas" of "Thomas Sam".
            if words.len() == 1 && first_name_match.is_none() && joined_after {
                if let Some(cleaned) = self.name_around(at, true) {
                    if cleaned.kind == NameKind::Person && cleaned.words.first() == Some(&last) {
                        first_name_match = Some(cleaned.words);
                    }
                }
            }
        }
        if let Some(w) = widest.filter(|w| {
            best.as_ref()
                .is_none_or(|b| w.len() > b.len() && w.windows(b.len()).any(|x| x == &b[..]))
        }) {
            return Some(w.join(" "));
        }
        if best.as_ref().is_some_and(|b| b.len() > words.len()) {
            return best.map(|b| b.join(" "));
        }
        if let Some(f) = first_name_match.or(fuller_org) {
            return Some(f.join(" "));
        }
        best.map(|b| b.join(" "))
    }

    /// The whole capitalised name holding the word at byte `at`, cleaned.
    fn name_containing(&self, at: usize) -> Option<Cleaned<'a>> {
        let tokens = self.sentence(self.sentence_index(at)?);
        let ti = tokens.partition_point(|t| t.span.start < at);
        if tokens.get(ti).is_none_or(|t| t.span.start != at) {
            return None;
        }
        let mut s = name_start(&tokens, ti, 0)?;
        // "Council of the Armed Forces": across "of the" to the name's start.
        if s >= 3
            && tokens[s - 1].text == "the"
            && tokens[s - 2].text == "of"
            && tokens[s - 3].is_cap()
            && !tokens[s - 3].is_stop()
            && !tokens[s - 3].possessive
        {
            s = name_start(&tokens, s - 3, 0)?;
        }
        let mut e = name_end(&tokens, s, tokens.len());
        while e <= ti
            && tokens.get(e).is_some_and(|t| t.text == "of")
            && tokens.get(e + 1).is_some_and(|t| t.text == "the")
            && tokens.get(e + 2).is_some_and(|t| t.is_cap())
        {
            e = name_end(&tokens, e + 2, tokens.len());
        }
        (e > ti).then(|| clean_name(&texts(&tokens[s..e])))
    }

    /// A person's full name whose surname is a near spelling of `surname`: "Lydia
    /// Buchtmann" for "Bauchtman" (two changes at most, in a surname of six letters or
    /// more) when a personal title marks `surname` as a surname (`titled`); otherwise
    /// one letter added or dropped at the end only ("Kathryn Waters" for "Water"), and
    /// only from a surname of four letters or more.
    fn near_spelling(&self, surname: &str, titled: bool) -> Option<String> {
        let first = surname.chars().next().filter(|c| c.is_uppercase())?;
        let n = surname.chars().count();
        if n < if titled { 6 } else { 4 } {
            return None;
        }
        let lower = surname.to_lowercase();
        let window = self.window(self.offset_of(surname));
        let hay = &self.text.as_bytes()[window.start..window.end];
        let mut lead = [0u8; 4];
        let lead = first.encode_utf8(&mut lead).as_bytes();
        for at in memchr::memmem::find_iter(hay, lead).map(|k| window.start + k) {
            let end = at
                + self.text[at..]
                    .char_indices()
                    .find(|(_, c)| !c.is_alphanumeric())
                    .map_or(self.text.len() - at, |(k, _)| k);
            if !is_whole_word(self.text, at, end) {
                continue;
            }
            let word = &self.text[at..end];
            if word == surname || word.chars().count().abs_diff(n) > 2 {
                continue;
            }
            let near = if titled {
                edit_distance(&word.to_lowercase(), &lower) <= 2
            } else {
                let w = word.to_lowercase();
                let (long, short) = if w.len() > lower.len() {
                    (&w, &lower)
                } else {
                    (&lower, &w)
                };
                long.len() == short.len() + 1 && long.starts_with(short.as_str())
            };
            if !near {
                continue;
            }
            if let Some(cleaned) = self.name_around(at, false) {
                if cleaned.kind == NameKind::Person && cleaned.words.last() == Some(&word) {
                    return Some(cleaned.words.join(" "));
                }
            }
        }
        None
    }

    /// The expansion of an acronym the article defines ("Korean Central News Agency
    /// (KCNA)"), or else the first organisation or place the article names whose
    /// initials spell it ("the Reserve Bank of Australia" for "RBA").
    fn acronym(&self, acr: &str) -> Option<String> {
        let letters: Vec<char> = acr.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() < 2 || !letters.iter().all(|c| c.is_uppercase()) {
            return None;
        }
        let needle = format!("({acr})");
        let window = self.window(self.offset_of(acr));
        let hay = &self.text.as_bytes()[window.start..window.end];
        let Some(found) = memchr::memmem::find(hay, needle.as_bytes()) else {
            return self.spelled_by_initials(&letters, window);
        };
        let at = window.start + found;
        let tokens = self.sentence(self.sentence_index(at)?);
        let end = tokens.iter().rposition(|t| t.span.end <= at)?;
        let start = name_start(&tokens, end, 0)?;
        let words = texts(&tokens[start..=end]);
        let minor = |w: &str| matches!(w, "of" | "the" | "and" | "for" | "&" | "The");
        // Keep the words whose initials spell the acronym, counted from the end.
        let mut count = 0;
        for (k, w) in words.iter().enumerate().rev() {
            if minor(w) {
                continue;
            }
            if w.chars().next() != letters.get(letters.len() - 1 - count).copied() {
                return None;
            }
            count += 1;
            if count == letters.len() {
                return Some(words[k..].join(" "));
            }
        }
        None
    }

    /// The first whole name in `window` whose capitalised words, "of", "the", "and" and
    /// "for" aside, start with `letters` in order, one letter a word, and that names an
    /// organisation or a place: "Reserve Bank of Australia" for R, B, A; or the person
    /// a title so spelled is written before: "Prime Minister Ana Albers" for P, M.
    fn spelled_by_initials(&self, letters: &[char], window: Span) -> Option<String> {
        let first = self.sentence_index(window.start)?;
        let minor = |w: &str| matches!(w, "of" | "the" | "and" | "for" | "&");
        for k in first..self.sentences.len() {
            if self.sentences[k].start >= window.end {
                break;
            }
            let tokens = self.sentence(k);
            for i in 0..tokens.len() {
                let t = &tokens[i];
                let opens = i == 0 || !tokens[i - 1].is_cap() || tokens[i - 1].is_stop();
                if !t.is_cap() || t.is_stop() || !opens || !t.text.starts_with(letters[0]) {
                    continue;
                }
                let (mut j, mut count) = (i, 0);
                while j < tokens.len() && count < letters.len() {
                    let w = &tokens[j];
                    if count > 0 && w.is_word() && minor(w.text) {
                        j += 1;
                        continue;
                    }
                    let spells = w.is_cap()
                        && !w.is_stop()
                        && w.text.chars().nth(1).is_some_and(char::is_lowercase)
                        && w.text.starts_with(letters[count]);
                    if !spells {
                        break;
                    }
                    count += 1;
                    j += 1;
                }
                if count < letters.len() {
                    continue;
                }
                // "the PM" for "Prime Minister Ana Albers": a title spelled by its
                // initials stands for the person who bears it.
                if (i..j).all(|x| tokens[x].class() & TITLE != 0) {
                    let e = name_end(&tokens, j, tokens.len());
                    let person = clean_name(&texts(&tokens[j..e]));
                    if e > j && person.kind == NameKind::Person {
                        return Some(self.fullest(&person.words).to_string());
                    }
                    continue;
                }
                let whole = tokens.get(j).is_none_or(|n| !n.is_cap() || n.is_stop());
                if !whole {
                    continue;
                }
                let cleaned = clean_name(&texts(&tokens[i..j]));
                if matches!(cleaned.kind, NameKind::Org | NameKind::Place)
                    && cleaned.words.len() == j - i
                {
                    return Some(cleaned.words.join(" "));
                }
            }
        }
        None
    }

    /// The capitalised names in `tokens`, in order, with what they stand for.
    fn mentions(&self, tokens: &[Token<'a>]) -> Vec<Mention<'a>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            if t.is_cap() && !t.is_stop() {
                let e = name_end(tokens, i, tokens.len()).max(i + 1);
                let cleaned = clean_name(&texts(&tokens[i..e]));
                if !cleaned.words.is_empty() {
                    out.push(Mention {
                        words: cleaned.words,
                        kind: cleaned.kind,
                        span: Span::new(t.span.start, tokens[e - 1].span.end),
                        possessive: tokens[e - 1].possessive,
                        object: i > 0
                            && tokens[i - 1].is_word()
                            && is_preposition(tokens[i - 1].text),
                    });
                }
                i = e;
            } else {
                i += 1;
            }
        }
        out
    }

    /// Whether `m` stands for a person: a full name, or one word the article elsewhere
    /// gives as part of a person's full name.
    fn is_person(&self, m: &Mention<'a>) -> bool {
        self.names_person(&m.words, m.kind)
    }

    /// Whether cleaned name `words` of `kind` stand for a person: a full name, or one word
    /// the article elsewhere gives as part of a person's full name.
    fn names_person(&self, words: &[&'a str], kind: NameKind) -> bool {
        match kind {
            NameKind::Person => true,
            NameKind::Single => {
                let full = self.fullest(words);
                full.contains(' ')
                    && classify(&full.split(' ').collect::<Vec<_>>()) == NameKind::Person
            }
            _ => false,
        }
    }

    /// The first of two people a name joins with "and" or "&" ("Lena Marsh and Omar Diaz"
    /// → "Lena Marsh"), cleaned: words said by two people jointly are the first named's.
    /// `None` unless both sides name a person ("Marks and Spencer" names none).
    fn first_of_pair(&self, words: &[&'a str]) -> Option<Vec<&'a str>> {
        let k = words.iter().position(|w| matches!(*w, "and" | "&"))?;
        let first = clean_name(&words[..k]);
        let second = clean_name(&words[k + 1..]);
        (self.names_person(&first.words, first.kind)
            && self.names_person(&second.words, second.kind))
        .then_some(first.words)
    }

    /// The first of two people named together as a clause's subject in `mentions` ("Lena
    /// Marsh and Omar Diaz opened …"), resolved: who "they" stands for when nothing else
    /// is named as a group.
    fn joined_people(&self, text: &str, mentions: &[Mention<'a>]) -> Option<String> {
        mentions.windows(2).find_map(|pair| {
            let [a, b] = pair else {
                return None;
            };
            let between = text[a.span.end..b.span.start.max(a.span.end)].trim();
            let joined = matches!(between, "and" | ", and" | "&");
            (joined
                && !a.object
                && !a.possessive
                && !b.possessive
                && self.is_person(a)
                && self.is_person(b))
            .then(|| self.fullest(&a.words).to_string())
        })
    }

    fn is_org(&self, m: &Mention<'a>) -> bool {
        match m.kind {
            NameKind::Org => true,
            NameKind::Single => !self.is_person(m),
            _ => false,
        }
    }

    /// The most recent fitting speaker before byte `at`, resolved to its fullest name: in
    /// each sentence, looking back from `at`, the subject of a speech verb or the source
    /// "according to" names first (for "they", only a plural one), then the first fitting
    /// name.
    fn recent(&self, at: usize, want: Want) -> Option<String> {
        self.recent_as(at, want, None)
    }

    /// [`Self::recent`] for a pronoun of `gender`: a person the article shows to be of the
    /// other gender is passed over, one word the article gives this gender counts as a
    /// person when it is the subject of a speech verb ("Syakrani, 24, says he survived"),
    /// and a speaker described by role ("the president said") counts as the person the
    /// article names with that title.
    fn recent_as(&self, at: usize, want: Want, gender: Option<Gender>) -> Option<String> {
        let si = self.sentence_index(at)?;
        let mut floor = si.saturating_sub(4);
        for k in (0..=si).rev() {
            if k < floor {
                break;
            }
            let all = self.sentence(k);
            let cut = all.partition_point(|t| t.span.end <= at);
            let tokens = &all[cut.saturating_sub(SENTENCE_REACH)..cut];
            if tokens.is_empty() {
                continue;
            }
            // "She was under arrest with her husband, … against Nasser. As an exile, she
            // longed … She told": a sentence whose subject is the same pronoun speaks of
            // the same person; its other names are not the antecedent, which lies before.
            if gender.is_some() && k < si && opens_with_pronoun(tokens, gender) {
                floor = floor
                    .saturating_sub(1)
                    .max(si.saturating_sub(MAX_PRONOUN_CHAIN));
                continue;
            }
            // Subjects of speech verbs in this sentence, nearest first, and the sources
            // "according to" names ("According to Gateway executives, … They claim").
            for v in (0..tokens.len()).rev() {
                let according = tokens[v].text.eq_ignore_ascii_case("according")
                    && tokens.get(v + 1).is_some_and(|t| t.text == "to");
                if !tokens[v].is_speech_verb() && !according {
                    continue;
                }
                let subject = if according {
                    subject_after(self.text, tokens, v + 2, tokens.len()).map(|(s, _)| s)
                } else {
                    subject_before(self.text, tokens, v, 0)
                };
                match subject {
                    Some(Subject::Name(words)) => {
                        if want == Want::Group {
                            if let Some(first) = self.first_of_pair(&words) {
                                return Some(self.fullest(&first).to_string());
                            }
                        }
                        let c = clean_name(&words);
                        let m = Mention {
                            words: c.words,
                            kind: c.kind,
                            span: tokens[v].span,
                            possessive: false,
                            object: false,
                        };
                        if self.fits_as(&m, want, gender, true) {
                            return Some(self.fullest(&m.words).to_string());
                        }
                    }
                    Some(Subject::Description { phrase, head, .. })
                        if want == Want::Group && is_group_source(head) && !according =>
                    {
                        return Some(lower_first(phrase));
                    }
                    // "according to company executives": people named by a plural.
                    Some(
                        ref subject @ Subject::Description {
                            head,
                            indefinite: false,
                            ..
                        },
                    ) if want == Want::Group && according && is_plural(head) => {
                        if let Some(name) = self.resolve(subject, tokens[v].span.start) {
                            return Some(name);
                        }
                    }
                    // "The ministry said it would respond. "…," it said": an organisation
                    // named by its common noun.
                    Some(
                        ref subject @ Subject::Description {
                            head,
                            indefinite: false,
                            ..
                        },
                    ) if want == Want::Org && is_org_head(head) => {
                        if let Some(name) = self.resolve(subject, tokens[v].span.start) {
                            return Some(name);
                        }
                    }
                    Some(Subject::Description {
                        phrase,
                        head,
                        possessor: None,
                        indefinite: false,
                        ..
                    }) if want == Want::Person && gender.is_some() => {
                        let at = tokens[v].span.start;
                        if let Some(name) = self.person_by_role(phrase, head, at) {
                            if self.gender_fits(&name, gender, at) {
                                return Some(name);
                            }
                        }
                    }
                    _ => {}
                }
            }
            // "The firm has 28 days to appeal. It said …": an organisation named by its
            // common noun as the sentence's subject.
            if want == Want::Org {
                if let Some(org) = self.opening_org(tokens) {
                    return Some(org);
                }
            }
            // Names that are not a preposition's object first, then any.
            let mentions = self.mentions(tokens);
            if want == Want::Group {
                if let Some(first) = self.joined_people(self.text, &mentions) {
                    return Some(first);
                }
            }
            let by_role = mentions.iter().filter(|m| !m.object);
            for m in by_role.chain(mentions.iter().filter(|m| m.object)) {
                if self.fits_as(m, want, gender, false) {
                    return Some(self.fullest(&m.words).to_string());
                }
            }
            // "The inspectors refused to comment": a group opening the sentence.
            if want == Want::Group {
                if let Some(group) = opening_group(self.text, tokens) {
                    return Some(group);
                }
            }
        }
        None
    }

    /// The organisation a sentence opens with as its subject, named by a common noun and
    /// resolved: "the firm" in "The firm has 28 days to appeal".
    fn opening_org(&self, tokens: &[Token<'a>]) -> Option<String> {
        let h = tokens
            .iter()
            .take(4)
            .position(|t| t.is_word() && !t.possessive && is_org_head(t.text))?;
        if !verb_follows(tokens, h) {
            return None;
        }
        let subject = subject_at(self.text, tokens, h, 0)?;
        let opens = matches!(
            subject,
            Subject::Description { at, indefinite: false, possessor: None, .. }
                if at == tokens[0].span.start
        );
        opens
            .then(|| self.resolve(&subject, tokens[h].span.start))
            .flatten()
    }

    /// The person the article names with the title `head` ("the mayor" → "Mayor Linda
    /// Castellano", "the judge" → "Judge Robyn Achterberg SC"): the nearest such name
    /// before byte `at`, else the first after it.
    fn titled_person(&self, head: &str, at: usize) -> Option<String> {
        if class(head) & TITLE == 0 || is_personal_title(head) {
            return None;
        }
        let mut chars = head.chars();
        let first = chars.next()?;
        let title: String = first.to_uppercase().chain(chars).collect();
        let window = self.window(at);
        let hay = &self.text.as_bytes()[window.start..window.end];
        let mut before: Option<Cleaned<'a>> = None;
        for pos in memchr::memmem::find_iter(hay, title.as_bytes()).map(|k| window.start + k) {
            if !is_whole_word(self.text, pos, pos + title.len()) {
                continue;
            }
            let Some(named) = self.name_around(pos, true) else {
                continue;
            };
            if named.kind != NameKind::Person {
                continue;
            }
            if pos < at {
                before = Some(named);
            } else {
                return Some(self.fullest(&before.unwrap_or(named).words).to_string());
            }
        }
        before.map(|named| self.fullest(&named.words).to_string())
    }

    /// The person a definite description with the role `head` refers to ("the spokesman",
    /// "the 26-year-old", "the chief executive"): the person the article introduces with
    /// that role, preferring an introduction that shares the description's other words
    /// (`phrase`), the nearest before byte `at`, else the first after it; failing that,
    /// the person the article names with the role as a title ([`Self::titled_person`]).
    fn person_by_role(&self, phrase: &str, head: &str, at: usize) -> Option<String> {
        self.introduced_as(phrase, head, at)
            .or_else(|| self.titled_person(head, at))
    }

    /// The person the article introduces with the role `head`, written as in "Jo Roe, a
    /// government spokesman,", "government spokesman Jo Roe", "the club's captain, Jo
    /// Roe," or, for an age, "Jo Roe, 26,": see [`Self::person_by_role`].
    fn introduced_as(&self, phrase: &str, head: &str, at: usize) -> Option<String> {
        let age = head.strip_suffix("-year-old");
        let needle = age.unwrap_or(head);
        if needle.is_empty() || !needle.is_ascii() {
            return None;
        }
        let modifiers: Vec<&str> = phrase
            .split_whitespace()
            .map(|w| w.trim_end_matches(['\'', '\u{2019}']))
            .map(|w| {
                w.strip_suffix("'s")
                    .or(w.strip_suffix("\u{2019}s"))
                    .unwrap_or(w)
            })
            .filter(|w| determiner(w).is_none() && !w.eq_ignore_ascii_case(head) && w.len() > 1)
            .collect();
        let window = self.window(at);
        let hay = &self.text.as_bytes()[window.start..window.end];
        // Candidates: (where the role is written, who, shares the description's words).
        let mut best: Option<(usize, Cleaned<'a>, bool)> = None;
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let capitalised = capitalised(needle);
        let cap_finder = memchr::memmem::Finder::new(capitalised.as_bytes());
        let lower_hits = finder.find_iter(hay);
        let cap_hits = (capitalised != needle)
            .then(|| cap_finder.find_iter(hay))
            .into_iter()
            .flatten();
        for pos in lower_hits.chain(cap_hits).map(|k| window.start + k) {
            if !is_whole_word(self.text, pos, pos + needle.len()) {
                continue;
            }
            let Some(si) = self.sentence_index(pos) else {
                continue;
            };
            let tokens = self.sentence(si);
            let Some(h) = token_at(&tokens, pos) else {
                continue;
            };
            let found = if age.is_some() {
                age_appositive(&tokens, h)
            } else {
                role_introduction(&tokens, h)
            };
            let Some((named, from)) = found else {
                continue;
            };
            let shares = modifiers.iter().all(|m| {
                tokens[from..h]
                    .iter()
                    .any(|t| t.text.eq_ignore_ascii_case(m))
            });
            let better = match &best {
                None => true,
                Some((best_pos, _, best_shares)) => {
                    if shares != *best_shares {
                        shares
                    } else if pos < at {
                        // The nearest before, over any after.
                        *best_pos > at || pos > *best_pos
                    } else {
                        *best_pos > at && pos < *best_pos
                    }
                }
            };
            if better {
                best = Some((pos, named, shares));
            }
        }
        best.map(|(_, named, _)| self.fullest(&named.words).to_string())
    }

    /// The organisation whose name the article gives with the words of a lower-case
    /// `phrase` capitalised: "the armed forces" → "Supreme Council of the Armed Forces".
    fn named_org(&self, phrase: &str) -> Option<String> {
        let words = without_determiner(phrase);
        if words.is_empty() || !words.starts_with(|c: char| c.is_lowercase()) {
            return None;
        }
        let titled: String = words
            .split(' ')
            .map(|w| {
                let mut chars = w.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ");
        let at = self.offset_of(phrase);
        let window = self.window(at);
        let hay = &self.text.as_bytes()[window.start..window.end];
        memchr::memmem::find_iter(hay, titled.as_bytes())
            .map(|k| window.start + k)
            .filter(|&pos| is_whole_word(self.text, pos, pos + titled.len()))
            .find_map(|pos| {
                let named = self.name_containing(pos)?;
                (named.kind == NameKind::Org).then(|| named.words.join(" "))
            })
    }

    /// Who issued the document a definite "the statement" refers back to: the issuer of
    /// the nearest earlier mention of the same document that names one
    /// ([`Self::issuer`]); failing that, the issuer of the nearest document of any kind in this
    /// sentence or the two before ("a CIA assessment …, in which the report states"), or
    /// the subject of the verb the noun is made from ("Roe stated … According to the
    /// statement"); failing all that, the name a speech verb has as its subject in the
    /// sentence before ("The ministry confirmed … . The statement said"), or that of the
    /// same document there ("The statement said … . The statement continued").
    fn document_source(&self, head: &str, at: usize) -> Option<String> {
        let window = self.window(at);
        let hay = &self.text.as_bytes()[window.start..at.max(window.start)];
        for pos in memchr::memmem::rfind_iter(hay, head.as_bytes()).map(|k| window.start + k) {
            if !is_whole_word(self.text, pos, pos + head.len()) {
                continue;
            }
            let Some(si) = self.sentence_index(pos) else {
                continue;
            };
            let tokens = self.sentence(si);
            let Some(h) = token_at(&tokens, pos) else {
                continue;
            };
            if let Some(name) = self.issuer(&tokens, h, pos) {
                return Some(name);
            }
        }
        let si = self.sentence_index(at)?;
        for k in (si.saturating_sub(2)..=si).rev() {
            let tokens = self.sentence(k);
            let cut = tokens.partition_point(|t| t.span.start < at);
            for h in (cut.saturating_sub(SENTENCE_REACH)..cut).rev() {
                let t = &tokens[h];
                if !t.is_word() {
                    continue;
                }
                if class(t.text) & DOC != 0 && !t.possessive {
                    if let Some(name) = self.issuer(&tokens, h, t.span.start) {
                        return Some(name);
                    }
                } else if t.is_speech_verb() && nominalizes(t.text, head) {
                    if let Some(subject @ Subject::Name(_)) =
                        subject_before(self.text, &tokens, h, 0)
                    {
                        if !is_place_name(&subject) {
                            return self.resolve(&subject, t.span.start);
                        }
                    }
                }
            }
        }
        // "Russia's Interior Ministry confirmed yesterday that … . The statement said":
        // the name that reported something in the sentence just before.
        let tokens = self.sentence(si.checked_sub(1)?);
        tokens.iter().enumerate().find_map(|(v, t)| {
            if !t.is_speech_verb() || t.is_nounish() {
                return None;
            }
            match subject_before(self.text, &tokens, v, 0)? {
                subject @ Subject::Name(_) if !is_place_name(&subject) => {
                    self.resolve(&subject, t.span.start)
                }
                // "The statement said … . The statement continued": the same document.
                ref subject @ Subject::Description {
                    head: same,
                    possessor: None,
                    indefinite: false,
                    ..
                } if same == head => self.resolve(subject, t.span.start),
                _ => None,
            }
        })
    }

    /// Who issued the document named at token `h` (at byte `pos`): its owner ("Olmert's
    /// statement"), a name before it ("a Central Intelligence Agency assessment"), the
    /// name after "by" or "from" ("a statement of joint understanding by Prime Minister
    /// Ehud Olmert"), or the subject of the verb that put it out ("the club issued a
    /// statement", "Roe said in a statement").
    fn issuer(&self, tokens: &[Token<'a>], h: usize, pos: usize) -> Option<String> {
        if h > 0 && tokens[h - 1].is_cap() && (tokens[h - 1].possessive || !tokens[h - 1].is_stop())
        {
            let s = name_start(tokens, h - 1, 0).unwrap_or(h - 1);
            let owner = clean_name(&texts(&tokens[s..h]));
            let modifier_org = !tokens[h - 1].possessive && owner.kind == NameKind::Org;
            if modifier_org
                || (tokens[h - 1].possessive
                    && matches!(
                        owner.kind,
                        NameKind::Person | NameKind::Org | NameKind::Single
                    ))
            {
                return Some(self.fullest(&owner.words).to_string());
            }
        }
        let by = (h + 1..tokens.len().min(h + 8))
            .take_while(|&k| tokens[k].is_word() || tokens[k].is_punct('-'))
            .find(|&k| matches!(tokens[k].text, "by" | "from"));
        if let Some(b) = by {
            if let Some((Subject::Name(words), _)) =
                subject_after(self.text, tokens, b + 1, tokens.len())
            {
                let owner = clean_name(&words);
                if owner.kind != NameKind::Role && !owner.words.is_empty() {
                    return Some(self.fullest(&owner.words).to_string());
                }
            }
        }
        // "the city council passed a resolution", "the club issued a statement", "Roe
        // said in a statement": the subject of the verb that put the document out.
        let issued = h >= 2
            && matches!(tokens[h - 1].text, "a" | "an")
            && tokens[h - 2].is_word()
            && tokens[h - 2].text.ends_with("ed")
            && tokens[h - 2]
                .text
                .starts_with(|c: char| c.is_ascii_lowercase());
        let said_in = h >= 3
            && matches!(tokens[h - 1].text, "a" | "an")
            && tokens[h - 2].text == "in"
            && tokens[h - 3].is_speech_verb();
        // "In a statement, the company said": the verb after the opening phrase.
        let opening_in = h >= 2
            && matches!(tokens[h - 1].text, "a" | "an")
            && tokens[h - 2].text.eq_ignore_ascii_case("in")
            && tokens.get(h + 1).is_some_and(|t| t.is_punct(','));
        let verb = if issued {
            h - 2
        } else if said_in {
            h - 3
        } else if opening_in {
            (h + 2..tokens.len().min(h + 12)).find(|&v| tokens[v].is_speech_verb())?
        } else {
            return None;
        };
        let subject = subject_before(self.text, tokens, verb, 0)?;
        if matches!(subject, Subject::Pronoun(..)) || is_place_name(&subject) {
            return None;
        }
        self.resolve(&subject, pos)
    }

    /// The first person named after byte `at`, within the next few sentences.
    fn upcoming_person(&self, at: usize) -> Option<String> {
        let si = self.sentence_index(at)?;
        let last = (si + 3).min(self.sentences.len().saturating_sub(1));
        (si + 1..=last).find_map(|k| self.first_person(k).map(|(name, _)| name))
    }

    /// The first person the words of sentence `k` name, with where the name stands.
    pub(crate) fn first_person(&self, k: usize) -> Option<(String, Span)> {
        let tokens = self.sentence(k);
        let m = self
            .mentions(&tokens[..tokens.len().min(SENTENCE_REACH)])
            .into_iter()
            .find(|m| self.is_person(m))?;
        Some((self.fullest(&m.words).to_string(), m.span))
    }

    /// The person sentence `k` opens with as its subject, after nothing but titles and
    /// roles ("Resident Tom Reyes, who lives across the road, woke …"), or after an
    /// opening phrase closed by a comma ("After the match, Reyes was defiant"), with
    /// where the name stands.
    pub(crate) fn opening_person(&self, k: usize) -> Option<(String, Span)> {
        let (name, span) = self.first_person(k)?;
        let tokens = self.sentence(k);
        let before = tokens.partition_point(|t| t.span.start < span.start);
        let from = tokens[..before]
            .iter()
            .rposition(|t| t.is_punct(','))
            .map_or(0, |c| c + 1);
        let opens = tokens[from..before]
            .iter()
            .all(|t| t.is_word() && (t.is_cap() || t.class() & (TITLE | ROLE) != 0));
        opens.then_some((name, span))
    }

    /// [`Self::fits`] for a pronoun of `gender` (see [`Self::recent_as`]); with
    /// `speaks`, `m` is the subject of a speech verb, and one word the article gives this
    /// gender is a person.
    fn fits_as(&self, m: &Mention<'a>, want: Want, gender: Option<Gender>, speaks: bool) -> bool {
        if gender.is_none() {
            return self.fits(m, want);
        }
        if want != Want::Person || !matches!(m.kind, NameKind::Person | NameKind::Single) {
            return false;
        }
        let full = self.fullest(&m.words);
        if !self.is_person(m) {
            return speaks && self.gender_of(&full, m.span.start) == gender;
        }
        self.gender_fits(&full, gender, m.span.start)
    }

    /// Whether the person `name` may be who a pronoun of `gender` stands for: the article
    /// does not show them to be of the other gender.
    fn gender_fits(&self, name: &str, gender: Option<Gender>, at: usize) -> bool {
        match (gender, self.gender_of(name, at)) {
            (Some(g), Some(shown)) => shown == g,
            _ => true,
        }
    }

    /// The gender the article shows for the person `name` (a fullest name): from gendered
    /// titles written before the name ("Mrs", "Crown Prince") and from the first personal
    /// pronoun after a mention, when no other name comes between ("Syakrani, 24, says he
    /// survived"; "… Betancourt said. She …"). `None` when it shows neither or both
    /// about as often. The whole of any real article is read; on huge inputs, the stretch
    /// around byte `at` where the name was first asked about.
    pub(crate) fn gender_of(&self, name: &str, at: usize) -> Option<Gender> {
        if let Some(&hit) = self.genders.borrow().get(name) {
            return hit;
        }
        let found = self.find_gender(name, at);
        self.genders.borrow_mut().insert(name.into(), found);
        found
    }

    fn find_gender(&self, name: &str, at: usize) -> Option<Gender> {
        let surname = name.rsplit(' ').next()?;
        if surname.is_empty() {
            return None;
        }
        let (mut masculine, mut feminine) = (0u32, 0u32);
        let mut vote = |g: Gender, weight: u32| match g {
            Gender::Masculine => masculine += weight,
            Gender::Feminine => feminine += weight,
        };
        let given: Vec<&str> = name.split(' ').collect();
        // Every mention of the surname, not in the possessive ("Aitchison's father said
        // his …" speaks of the kin), with whether the word before it is another name.
        let mut mentions = Vec::new();
        let window = self.window(at);
        let hay = &self.text.as_bytes()[window.start..window.end];
        for at in memchr::memmem::find_iter(hay, surname.as_bytes()).map(|k| window.start + k) {
            if !is_whole_word(self.text, at, at + surname.len()) {
                continue;
            }
            let Some(si) = self.sentence_index(at) else {
                continue;
            };
            let tokens = self.sentence(si);
            let Some(ti) = tokens.iter().position(|t| t.span.start == at) else {
                continue;
            };
            if tokens[ti].possessive {
                continue;
            }
            let prev = ti.checked_sub(1).map(|p| &tokens[p]);
            let named_before =
                prev.is_some_and(|t| t.is_cap() && !t.is_stop() && !is_title(t.text));
            let own = prev.is_some_and(|t| given.len() > 1 && given.contains(&t.text));
            mentions.push((si, ti, named_before && !own, own));
        }
        // "Liam Aitchison" beside "Claire Aitchison": with a relative in the article, the
        // surname alone may be either, so only the full name counts.
        let relatives = mentions.iter().any(|&(_, _, other, _)| other);
        for (si, ti, other, own) in mentions {
            if other || (relatives && !own) {
                continue;
            }
            let tokens = self.sentence(si);
            // Titles before the name: "Crown Prince Mohammed bin Zayed".
            let mut k = ti;
            let mut first_of_name = ti;
            while k > 0 && ti - k < 8 {
                let t = &tokens[k - 1];
                if !t.is_word() || t.possessive {
                    break;
                }
                if let Some(g) = title_gender(t.text) {
                    vote(g, 2);
                    break;
                }
                if !(t.is_cap() || t.is_particle()) || t.is_stop() {
                    break;
                }
                k -= 1;
                first_of_name = k;
            }
            if tokens
                .get(ti + 1)
                .is_some_and(|t| t.is_cap() && !t.is_stop())
            {
                // The surname runs on into a longer name: not this person.
                continue;
            }
            // The first personal pronoun after the name, before any other name. An object
            // pronoun in the name's own clause is someone else: "Reyes welcomed her".
            let mut said = None;
            let after = tokens.get(ti + 1..).unwrap_or_default();
            let mut same_clause = true;
            for (n, t) in after.iter().enumerate().take(40) {
                if !t.is_word() {
                    same_clause = false;
                    continue;
                }
                if let Some(g) = pronoun_gender(t.text) {
                    if same_clause && is_object_pronoun(t.text, after.get(n + 1)) {
                        continue;
                    }
                    said = Some(g);
                    break;
                }
                if t.is_cap() && !t.is_stop() && title_gender(t.text).is_none() {
                    break;
                }
                if matches!(t.text, "that" | "who" | "which" | "and" | "but" | "because") {
                    same_clause = false;
                }
            }
            // "… Betancourt said. She added": the next sentence opens with a pronoun for
            // the name that opened this one.
            let opens = !tokens[..first_of_name]
                .iter()
                .any(|t| t.is_cap() && !t.is_stop() && !is_title(t.text));
            if said.is_none() && opens && si + 1 < self.sentences.len() {
                let next = self.sentence(si + 1);
                said = next
                    .iter()
                    .find(|t| t.is_word())
                    .and_then(|t| pronoun_gender(t.text));
            }
            if let Some(g) = said {
                vote(g, 1);
            }
        }
        match (masculine, feminine) {
            (0, 0) => None,
            (m, f) if m >= 2 * f.max(1) || (f == 0 && m > 0) => Some(Gender::Masculine),
            (m, f) if f >= 2 * m.max(1) || (m == 0 && f > 0) => Some(Gender::Feminine),
            _ => None,
        }
    }

    /// The speaker a pronoun attribution stands for when the quotation before it had
    /// `previous` as its speaker, attributed at byte `since`: that speaker again ("… ,"
    /// Betancourt said. … "…," she said), unless the sentences between make another
    /// person of the pronoun's gender their subject; otherwise as [`Self::resolve`].
    pub(crate) fn resolve_continuing(
        &self,
        subject: &Subject<'a>,
        at: usize,
        previous: Option<(&str, usize)>,
    ) -> Option<String> {
        if let (Subject::Pronoun(p, at), Some((name, since))) = (subject, previous) {
            if let Some(g) = pronoun_gender(p) {
                if since <= *at
                    && self.gender_fits(name, Some(g), *at)
                    && !self.other_subject_between(since, *at, name, g)
                {
                    return Some(name.to_string());
                }
            }
        }
        self.resolve(subject, at)
    }

    /// Whether a sentence between bytes `from` and `to` opens with, or attributes words
    /// to, a person of `gender` other than `name`.
    fn other_subject_between(&self, from: usize, to: usize, name: &str, gender: Gender) -> bool {
        let (Some(first), Some(last)) = (self.sentence_index(from), self.sentence_index(to)) else {
            return false;
        };
        let surname = name.rsplit(' ').next().unwrap_or(name);
        let other = |m: &Mention<'a>, speaks: bool| {
            let full = self.fullest(&m.words);
            full.rsplit(' ').next() != Some(surname)
                && self.fits_as(m, Want::Person, Some(gender), speaks)
        };
        for k in first..=last.min(first + 8) {
            let all = self.sentence(k);
            let tokens: Vec<Token<'a>> = all
                .iter()
                .filter(|t| t.span.start >= from && t.span.end <= to)
                .cloned()
                .collect();
            if tokens.is_empty() {
                continue;
            }
            for v in 0..tokens.len() {
                if !tokens[v].is_speech_verb() {
                    continue;
                }
                if let Some(Subject::Name(words)) = subject_before(self.text, &tokens, v, 0) {
                    let c = clean_name(&words);
                    let m = Mention {
                        words: c.words,
                        kind: c.kind,
                        span: tokens[v].span,
                        possessive: false,
                        object: false,
                    };
                    if other(&m, true) {
                        return true;
                    }
                }
            }
            // In the pronoun's own sentence any such person is nearer than the quotation
            // before; in the sentences between, only one standing as their subject.
            let own = k == last;
            let subject = self.mentions(&tokens).into_iter().find(|m| {
                (own || (!m.object && opens_clause(&tokens, m.span.start))) && other(m, false)
            });
            if subject.is_some() {
                return true;
            }
        }
        false
    }

    fn fits(&self, m: &Mention<'a>, want: Want) -> bool {
        // "Jordan's state news agency, Petra, … It says": the possessor owns the
        // speaker; a person's possessive may still be who a pronoun means ("Thomas'
        // sister pleaded with him, but he replied").
        if m.possessive && want != Want::Person {
            return false;
        }
        match want {
            Want::Person => self.is_person(m),
            Want::Org | Want::Group => self.is_org(m),
        }
    }

    /// The most recent organisation before `at` whose name holds one of `keywords`:
    /// "the city" → "Municipality of Livorno".
    fn recent_org_with(&self, at: usize, keywords: &[String]) -> Option<String> {
        let mut best: Option<usize> = None;
        for k in keywords {
            let from = self.window(at).start;
            let hay = &self.text.as_bytes()[from..at.max(from)];
            if let Some(pos) = memchr::memmem::rfind(hay, k.as_bytes()).map(|p| from + p) {
                if best.is_none_or(|b| pos > b) {
                    best = Some(pos);
                }
            }
        }
        let pos = best?;
        let tokens = self.sentence(self.sentence_index(pos)?);
        let ti = tokens.partition_point(|t| t.span.end <= pos);
        if tokens.get(ti).is_none_or(|t| t.span.start > pos) {
            return None;
        }
        let mut s = ti;
        while s > 0
            && tokens[s - 1].is_cap()
            && !tokens[s - 1].is_stop()
            && !tokens[s - 1].possessive
        {
            s -= 1;
        }
        let e = name_end(&tokens, s, tokens.len()).max(ti + 1);
        let cleaned = clean_name(&texts(&tokens[s..e]));
        (!cleaned.words.is_empty()).then(|| cleaned.words.join(" "))
    }
}

/// Whether token `h + 1` reads as the verb of a subject ending at token `h`: a lower-case
/// word that is no preposition and no "and" or "or" ("The coach had …", not "The coach of
/// …" or "The coach and …").
pub(crate) fn verb_follows(tokens: &[Token], h: usize) -> bool {
    tokens.get(h + 1).is_some_and(|v| {
        v.is_word()
            && v.text.starts_with(|c: char| c.is_ascii_lowercase())
            && !is_preposition(v.text)
            && !matches!(v.text, "and" | "or")
    })
}

/// The group a sentence opens with as its subject, as written: "the inspectors" in "The
/// inspectors refused to comment", "Officials" in "Officials declined".
fn opening_group(text: &str, tokens: &[Token]) -> Option<String> {
    // A group source ("officials"), or people named by the plural of a role ("the
    // inspectors", "the lawyers").
    let group =
        |word: &str| is_group_source(word) || word.strip_suffix('s').is_some_and(is_role_noun);
    let h = tokens
        .iter()
        .take(5)
        .position(|t| t.is_word() && !t.possessive && group(t.text))?;
    if !verb_follows(tokens, h) {
        return None;
    }
    match subject_at(text, tokens, h, 0)? {
        Subject::Description {
            phrase,
            indefinite: false,
            at,
            ..
        } if at == tokens[0].span.start => Some(lower_first(phrase)),
        _ => None,
    }
}

/// How many sentences back a pronoun is followed through sentences whose subject is the
/// same pronoun.
const MAX_PRONOUN_CHAIN: usize = 12;

/// Whether a sentence's subject is a personal pronoun of `gender`: its first word, or the
/// first after an opening phrase ("As an exile in France, she longed …").
fn opens_with_pronoun(tokens: &[Token], gender: Option<Gender>) -> bool {
    let mut words = tokens.iter().filter(|t| t.is_word());
    let Some(first) = words.next() else {
        return false;
    };
    if matches!(first.text, "He" | "She") {
        return pronoun_gender(first.text) == gender;
    }
    let opening = first.is_cap() && first.is_stop() && determiner(first.text).is_none();
    if !opening {
        return false;
    }
    let Some(comma) = tokens.iter().position(|t| t.is_punct(',')) else {
        return false;
    };
    tokens[comma + 1..]
        .iter()
        .find(|t| t.is_word())
        .is_some_and(|t| matches!(t.text, "he" | "she") && pronoun_gender(t.text) == gender)
}

/// Whether the name starting at byte `at` stands where a sentence's subject does: only
/// names, titles and roles before it in its clause ("Meanwhile, South African president
/// Thabo Mbeki denounced"), or right after an opening phrase ("In a speech, Jo Ward
/// said") — not after a verb ("was greeted by the President and the First Lady, Carla
/// Rossi").
fn opens_clause(tokens: &[Token], at: usize) -> bool {
    let i = tokens.partition_point(|t| t.span.start < at);
    let before = &tokens[..i];
    let comma = before.iter().rposition(|t| t.is_punct(','));
    let clause = &before[comma.map_or(0, |c| c + 1)..];
    if clause.is_empty() {
        // Right after a comma: the subject after an opening phrase, not an appositive.
        let Some(c) = comma else {
            return true;
        };
        let first_comma = before.iter().position(|t| t.is_punct(',')) == Some(c);
        // "Her neighbour, Huw Price, has sold": a role before the comma, with nothing
        // but its modifiers, is the subject the name after it stands in apposition to.
        let role_before = c >= 1
            && before[c - 1].is_word()
            && is_person_head(before[c - 1].text)
            && before[..c - 1].iter().all(|t| {
                t.is_word()
                    && !t.is_speech_verb()
                    && !is_function_word(t.text)
                    && !is_preposition(&t.text.to_ascii_lowercase())
            });
        // An opening phrase starts with a preposition or an adverb ("In", "Meanwhile"),
        // not with a subject of its own ("She was met by the mayor, Tomas Vidal").
        return first_comma
            && (role_before
                || before.first().is_some_and(|t| {
                    let mut buf = [0; 32];
                    let word = std::str::from_utf8(lower(t.text, &mut buf)).unwrap_or_default();
                    t.is_word()
                        && t.is_cap()
                        && pronoun(t.text).is_none()
                        && pronoun_gender(t.text).is_none()
                        && (is_preposition(word)
                            || word.ends_with("ly")
                            || word.ends_with("ing")
                            || (t.is_stop()
                                && determiner(t.text).is_none()
                                && !is_function_word(word)))
                }));
    }
    // Words that may modify a name's title ("opposition leader Marco Ruiz"), but no verb
    // or preposition ("was met by the mayor, …").
    clause.iter().all(|t| {
        let mut buf = [0; 32];
        let word = std::str::from_utf8(lower(t.text, &mut buf)).unwrap_or_default();
        t.is_word()
            && (t.is_cap()
                || class(t.text) & (TITLE | ROLE) != 0
                || determiner(t.text) == Some(false)
                || (!word.is_empty()
                    && !is_preposition(word)
                    && !is_function_word(word)
                    && !t.is_speech_verb()
                    && !word.ends_with("ed")
                    && !word.ends_with("ing")))
    })
}

/// Whether the word at `text[start..end]` may continue a name leftwards ("Jens
/// Stoltenberg", "Department of Agriculture", "U.S. Senator") and rightwards ("Thomas
/// Sam"): a capitalised word, a connector or an abbreviation across one space.
fn joins_name(text: &str, start: usize, end: usize) -> (bool, bool) {
    let before = text[..start].strip_suffix(' ').unwrap_or("");
    let prev_word = before
        .rsplit(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '\'')))
        .next()
        .unwrap_or("");
    let abbreviation = before.strip_suffix('.').is_some_and(|b| {
        let w = b
            .rsplit(|c: char| !(c.is_alphanumeric() || c == '.'))
            .next()
            .unwrap_or("");
        w.contains('.') || (starts_upper_plain(w) && w.len() <= 4)
    });
    let left = abbreviation
        || starts_upper_plain(prev_word)
        || matches!(prev_word, "of" | "for" | "the" | "and")
        || is_name_particle(prev_word);
    // "Lula da Silva", "Pieter van der Berg": a run of lower-case name particles before a
    // capitalised word continues the name too.
    let right = text[end..].strip_prefix(' ').is_some_and(|mut rest| {
        for _ in 0..3 {
            if rest.starts_with(|c: char| c.is_uppercase()) {
                return true;
            }
            let word_len = rest
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len());
            if word_len == 0 || !is_name_particle(&rest[..word_len]) {
                return false;
            }
            match rest[word_len..].strip_prefix(' ') {
                Some(r) => rest = r,
                None => return false,
            }
        }
        false
    });
    (left, right)
}

/// Title words that also name a government portfolio, so may sit inside an organisation's
/// name: "Department of Health", "Ministry of Defence".
fn is_portfolio(word: &str) -> bool {
    titles().portfolio.contains(word)
}

/// Titles that go with a surname alone: "Ms Bauchtman", "Mr. Tedeschi".
fn is_personal_title(word: &str) -> bool {
    starts_upper_plain(word) && titles().personal.contains(word.trim_end_matches('.'))
}

/// Whether `word`, as written, is a lower-case name particle of the lexicon ("da", "van",
/// "bin"): a word that may sit inside a person's name.
fn is_name_particle(word: &str) -> bool {
    word.starts_with(|c: char| c.is_lowercase()) && class(word) & PARTICLE != 0
}

/// Whether `text[start..end]` is a whole word.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    !text[..start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
        && !text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

/// The index of the token starting at byte `pos`, found by halving (tokens are in text
/// order), so a long run-on sentence is not walked once per lookup.
fn token_at(tokens: &[Token<'_>], pos: usize) -> Option<usize> {
    let h = tokens.partition_point(|t| t.span.start < pos);
    tokens
        .get(h)
        .is_some_and(|t| t.span.start == pos)
        .then_some(h)
}

/// Whether the document noun `noun` is made from the verb `verb`: "statement" from
/// "stated", "announcement" from "announced", "declaration" from "declared".
fn nominalizes(verb: &str, noun: &str) -> bool {
    let shared = verb
        .bytes()
        .zip(noun.bytes())
        .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
        .count();
    shared >= 5
}

/// How many words a role's own modifiers may take before it: "a senior government
/// spokesman", "the company's chief financial officer".
const ROLE_MODIFIERS: usize = 6;

/// The person a role noun at token `h` introduces, with the first token of the role's
/// phrase: a name in apposition before it ("Jo Roe, a government spokesman"; "Jo Roe,
/// spokesman for the ministry"), a name right after it as a title ("government spokesman
/// Jo Roe") or in apposition after it ("the club's captain, Jo Roe,").
fn role_introduction<'a>(tokens: &[Token<'a>], h: usize) -> Option<(Cleaned<'a>, usize)> {
    let person = |start: usize| -> Option<Cleaned<'a>> {
        let end = name_end(tokens, start, tokens.len());
        let named = clean_name(&texts(&tokens[start..end]));
        (end > start && named.kind == NameKind::Person && !tokens[end - 1].possessive)
            .then_some(named)
    };
    // The role's own phrase, back to its determiner, possessor or the comma before it.
    let mut from = h;
    while from > 0 && h - from < ROLE_MODIFIERS {
        let prev = &tokens[from - 1];
        if !prev.is_word() {
            break;
        }
        from -= 1;
        if determiner(prev.text).is_some() || prev.possessive {
            break;
        }
    }
    // "the minister's spokesman": the possessor's own determiner.
    if from > 0 && tokens[from].possessive && determiner(tokens[from - 1].text).is_some() {
        from -= 1;
    }
    // "Jo Roe, a government spokesman": a name, a comma, the phrase.
    if from >= 2 && tokens[from - 1].is_punct(',') {
        if let Some(s) = name_start(tokens, from - 2, 0) {
            let end = from - 1;
            let named = clean_name(&texts(&tokens[s..end]));
            if named.kind == NameKind::Person && !tokens[end - 1].possessive {
                return Some((named, from));
            }
        }
    }
    let next = tokens.get(h + 1)?;
    // "government spokesman Jo Roe".
    if next.is_cap() && !next.is_stop() {
        if let Some(named) = person(h + 1) {
            return Some((named, from));
        }
    }
    // "the club's captain, Jo Roe,".
    if next.is_punct(',')
        && tokens
            .get(h + 2)
            .is_some_and(|t| t.is_cap() && !t.is_stop())
    {
        if let Some(named) = person(h + 2) {
            return Some((named, from));
        }
    }
    None
}

/// The person an age introduces in apposition, for "the 26-year-old": "Jo Roe, 26,",
/// with the first token of the name. `h` is the token of the number.
fn age_appositive<'a>(tokens: &[Token<'a>], h: usize) -> Option<(Cleaned<'a>, usize)> {
    let after = tokens.get(h + 1)?;
    if h < 2 || !tokens[h - 1].is_punct(',') || !(after.is_punct(',') || after.is_punct('.')) {
        return None;
    }
    let s = name_start(tokens, h - 2, 0)?;
    let named = clean_name(&texts(&tokens[s..h - 1]));
    (named.kind == NameKind::Person).then_some((named, h))
}

/// What kind of speaker a pronoun or description can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    Person,
    Org,
    Group,
}

/// A capitalised adjective by its ending: "Congressional", "Presidential", "Olympic".
fn is_adjective_form(word: &str) -> bool {
    word.len() > 5
        && starts_upper_plain(word)
        && ["al", "ic", "ian", "ean", "ese", "ish"]
            .iter()
            .any(|s| word.ends_with(s))
}

/// "The Congressional website" → "Congressional website".
fn without_determiner(phrase: &str) -> &str {
    match phrase.split_once(' ') {
        Some((first, rest)) if determiner(first).is_some() => rest,
        _ => phrase,
    }
}

/// "The report's authors" → "the report's authors".
fn lower_first(phrase: &str) -> String {
    match phrase.split_once(' ') {
        Some((first, rest)) if determiner(first).is_some() => {
            format!("{} {rest}", first.to_lowercase())
        }
        _ => phrase.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(name: &str) -> (String, NameKind) {
        let words: Vec<&str> = name.split(' ').collect();
        let c = clean_name(&words);
        (c.words.join(" "), c.kind)
    }

    #[test]
    fn names_lose_titles_offices_and_affiliations() {
        for (written, name) in [
            (
                "NATO Secretary General Jens Stoltenberg",
                "Jens Stoltenberg",
            ),
            ("Governor of Washington Chris Gregoire", "Chris Gregoire"),
            ("Matthew Ingram of The Globe and Mail", "Matthew Ingram"),
            ("Prof. John Smith of Oxford University", "John Smith"),
            ("CEO of the Refugee Council Enver Solomon", "Enver Solomon"),
            ("Researcher Ahmed Salah", "Ahmed Salah"),
            ("United States Hamdullah Mohib", "Hamdullah Mohib"),
            ("Judge Ann Brook SC", "Ann Brook"),
            ("Leg-spinner Adam Zampa", "Adam Zampa"),
            ("England Skipper Joe Root", "Joe Root"),
            ("US Vice-President Kamala Harris", "Kamala Harris"),
        ] {
            assert_eq!(
                cleaned(written),
                (name.to_string(), NameKind::Person),
                "{written}"
            );
        }
    }

    #[test]
    fn organisations_places_and_bare_roles() {
        assert_eq!(cleaned("Korean Central News Agency").1, NameKind::Org);
        assert_eq!(
            cleaned("The U.S. Department of Agriculture").0,
            "U.S. Department of Agriculture"
        );
        assert_eq!(cleaned("KCNA").1, NameKind::Org);
        assert_eq!(cleaned("South Korea").1, NameKind::Place);
        assert_eq!(cleaned("The NATO Secretary General").1, NameKind::Role);
        assert_eq!(cleaned("Stoltenberg").1, NameKind::Single);
        assert_eq!(cleaned("Aide").1, NameKind::Role);
    }

    #[test]
    fn tokens_keep_abbreviations_and_mark_possessives() {
        let t = "Mr. Smith's statement, said U.S. officials";
        let tokens = tokenize(t, Span::new(0, t.len()), &[]);
        let words: Vec<(&str, bool)> = tokens
            .iter()
            .filter(|t| t.is_word())
            .map(|t| (t.text, t.possessive))
            .collect();
        assert_eq!(
            words,
            [
                ("Mr.", false),
                ("Smith", true),
                ("statement", false),
                ("said", false),
                ("U.S.", false),
                ("officials", false)
            ]
        );
    }

    #[test]
    fn quotations_are_masked_as_one_token() {
        let t = "\"He said no,\" Smith said.";
        let quote = Span::new(0, 13);
        let tokens = tokenize(t, Span::new(0, t.len()), &[quote]);
        assert_eq!(tokens[0].kind, Kind::Quote(0));
        assert_eq!(tokens.iter().filter(|t| t.is_speech_verb()).count(), 1);
    }

    fn subject(text: &str) -> Option<Subject<'_>> {
        let tokens = tokenize(text, Span::new(0, text.len()), &[]);
        let verb = tokens.iter().rposition(|t| t.is_speech_verb())?;
        subject_before(text, &tokens, verb, 0)
    }

    #[test]
    fn subjects_skip_appositives_and_helpers() {
        assert_eq!(
            subject("Khaled Al-Maeena, editor at large at the Saudi Gazette, said"),
            Some(Subject::Name(vec!["Khaled", "Al-Maeena"]))
        );
        assert_eq!(
            subject("Jeff Rathke, the State Department Spokesperson, said"),
            Some(Subject::Name(vec!["Jeff", "Rathke"]))
        );
        assert_eq!(
            subject("Mr. Tedeschi also told"),
            Some(Subject::Name(vec!["Mr.", "Tedeschi"]))
        );
        assert_eq!(
            subject("Ana Ruiz of Leeds, the party's deputy leader, who voted no, said"),
            Some(Subject::Name(vec!["Ana", "Ruiz", "of", "Leeds"]))
        );
        assert_eq!(
            subject("Ana Ruiz, who covers the market for Reuters said"),
            Some(Subject::Name(vec!["Ana", "Ruiz"]))
        );
        assert_eq!(
            subject("After meeting Ruiz, Reuters said"),
            Some(Subject::Name(vec!["Reuters"]))
        );
        assert!(matches!(
            subject("he said"),
            Some(Subject::Pronoun("he", 0))
        ));
        assert!(matches!(
            subject("The report's authors say"),
            Some(Subject::Description { head, .. }) if head == "authors"
        ));
        assert!(matches!(
            subject("One poster admitted"),
            Some(Subject::Description {
                indefinite: true,
                ..
            })
        ));
    }

    #[test]
    fn fullest_names_come_from_anywhere_in_the_article() {
        let text = "NATO Secretary General Jens Stoltenberg visited Kyiv. Stoltenberg spoke. \
                    The Korean Central News Agency (KCNA) reported it. Lydia Buchtmann agreed.";
        let sentences = crate::extract::sentence::sentences(text);
        let article = Article::new(text, &sentences, &[]);
        let at = |w: &str| &text[text.rfind(w).unwrap()..][..w.len()];
        assert_eq!(&*article.fullest(&[at("Stoltenberg")]), "Jens Stoltenberg");
        assert_eq!(
            &*article.fullest(&[at("KCNA")]),
            "Korean Central News Agency"
        );
        assert_eq!(
            article
                .resolve(&Subject::Name(vec!["Ms", "Bauchtman"]), 0)
                .as_deref(),
            Some("Lydia Buchtmann")
        );
    }

    #[test]
    fn edit_distance_counts_single_changes() {
        assert_eq!(edit_distance("bauchtman", "buchtmann"), 2);
        assert_eq!(edit_distance("schmitt", "schmidt"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
