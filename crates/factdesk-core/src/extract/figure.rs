//! Figures: numbers an editor could check, in digits or words, with the qualifier, scale,
//! currency and unit or counted noun attached to them (`GUIDELINES.md`, "figure").
//!
//! One pass over the article's [`Words`] ([`candidates`]) finds where a figure may start:
//! a digit, a number word, or "a"/"an" before an amount word (the classes of
//! [`word_classes`], looked up once per word) before a scale word, fraction or unit. Each
//! candidate is then
//! read locally from the tokens after it (to the end of its sentence) and a few before it,
//! in this order:
//!
//! 1. the number itself, through [`number`]: "12,000", "1.2m", "fourteen", "two dozen";
//!    what is glued to it decides early whether it is a figure at all: "30th" (ordinal),
//!    "1990s" (decade), "4:00pm" (clock), "IE6" and "COVID-19" (names), "3/5" (fraction),
//!    "3–1" (score) or "8–10" (range), "14-month" (a compound with its unit);
//! 2. the words around it that say it is not a quantity: a month ("March 4"), a name or
//!    identifier before it ("Flight 17", "posts 542", "day five"), a year ("in 2002");
//! 3. the scale, currency and unit after it: "15 billion euros", "$325 million",
//!    "40 per cent", "50 kilometres", "14 Leopard 2s", "500 residents";
//! 4. ranges ("10 to 12", "between 5 and 7 per cent"), ratios ("one in three visits") and
//!    alternatives ("two or three goals" gives "two" and "three goals");
//! 5. the qualifier before it ("more than", "about", "at least" ...) or after it ("or more").
//!
//! The words all this consults are data in the lexicon: units with their aliases and codes
//! (`lexicon/units.toml`, shared with dates), number words (`numbers.toml`), qualifiers
//! with their normalized form (`qualifiers.toml`) and the reader's word classes — stop
//! words, identifier nouns, plurals, year nouns and the rest (`figure_words.toml`). This
//! module is the mechanism that reads them.

use std::borrow::Cow;

use super::lexicon::dates::{dates, Offset};
use super::lexicon::figure_words::{figure_words, FigureWords};
use super::lexicon::numbers::numbers;
use super::lexicon::qualifiers::qualifiers;
use super::lexicon::units::units;
use super::token::{Class, Words};
use super::{number, Found};
use crate::claim::{ClaimKind, ClaimValue, FigureValue, Span};

/// How many tokens after a candidate are read (the reading stops earlier at the end of
/// the sentence).
const LOOKAHEAD: usize = 16;
/// How many bytes before a candidate are read for qualifiers, currencies and names.
const LOOKBEHIND: usize = 48;

/// Every figure in `text`, in document order.
pub(crate) fn find(text: &str, words: &Words) -> Vec<Found> {
    let mut out = Vec::new();
    let mut done = 0;
    let mut ahead = Vec::with_capacity(LOOKAHEAD);
    let mut behind = Vec::with_capacity(16);
    for pos in candidates(text, words) {
        if pos < done {
            continue;
        }
        scan_ahead(text, pos, &mut ahead);
        scan_back(text, pos, &mut behind);
        let candidate = Candidate {
            toks: &ahead,
            back: &behind,
            previous: out.last().map_or(0, |f: &Found| f.span.end),
        };
        match candidate.read() {
            Outcome::Figure(mut r) => {
                // A qualifier never reaches back into the figure before it.
                r.start = r.start.max(done);
                done = r.end;
                out.push(r.into_found());
            }
            Outcome::Skip(end) => done = done.max(end),
        }
    }
    out
}

/// The words the figure reader asks the shared word table about: number words, matched
/// lower case or capitalized ("fourteen", "Six", "hundred", "half", "twice", and with
/// "-fold": "tenfold"), and words that state an amount after "a"/"an" ("a thousand", "a
/// dozen", "a third", "a couple of", "an hour", "a decade", "a mile"), matched in lower
/// case only; the candidate is then the article, checked in [`article_before`]. Only
/// words of letters are listed: a candidate word is letters only.
pub(super) fn word_classes() -> Vec<(String, Class)> {
    let letters = |w: &&str| w.bytes().all(|b| b.is_ascii_alphabetic());
    let number_words: Vec<&str> = numbers()
        .scan_words
        .iter()
        .map(String::as_str)
        .filter(letters)
        .collect();
    let article_words = numbers()
        .article_words()
        .chain(units().time_words())
        .chain(units().measure_words().filter(|w| w.len() >= 3))
        .filter(letters);
    let mut out: Vec<(String, Class)> = Vec::new();
    for w in &number_words {
        out.push((w.to_string(), Class::NUMBER_WORD));
        out.push((format!("{w}fold"), Class::NUMBER_WORD));
    }
    out.extend(article_words.map(|w| (w.to_string(), Class::ARTICLE_AMOUNT)));
    out
}

/// Is `word`, a run of ASCII letters whose classes are `class`, a number word written
/// lower case or capitalized, with or without "fold"?
fn is_number_word(word: &str, class: Class) -> bool {
    class.has(Class::NUMBER_WORD) && !word.bytes().skip(1).any(|b| b.is_ascii_uppercase())
}

/// Does byte `i` start a word (ASCII letters, digits and "_" do not precede it)?
fn starts_word(bytes: &[u8], i: usize) -> bool {
    i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_')
}

/// Where "a"/"an" stands before the word at `i`, separated by spaces.
fn article_before(bytes: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    while j > 0 && matches!(bytes[j - 1], b' ' | b'\t') {
        j -= 1;
    }
    if j == i {
        return None;
    }
    let a = if j >= 2 && matches!(&bytes[j - 2..j], b"an" | b"An") {
        j - 2
    } else if j >= 1 && matches!(bytes[j - 1], b'a' | b'A') {
        j - 1
    } else {
        return None;
    };
    starts_word(bytes, a).then_some(a)
}

/// Does what follows a time unit word ending at `end` make the word an amount by
/// itself: "-long" ("an hour-long speech") or "and a half" ("the past decade and a
/// half")?
fn unit_states_amount(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let word_ends = |r: &str, n: usize| {
        r.as_bytes()
            .get(n)
            .is_none_or(|b| !b.is_ascii_alphanumeric())
    };
    rest.starts_with("-long") && word_ends(rest, 5)
        || rest.starts_with(" and a half") && word_ends(rest, 11)
}

/// Every byte offset where a figure may start, in order: a digit at the start of a word,
/// a number word, or "a"/"an" before an amount word. "G8" and "IE6" start none, while
/// "COVID-19" does (the reading rejects it).
fn candidates(text: &str, words: &Words) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for w in words.iter() {
        if w.starts_with_digit(text) {
            out.push(w.start);
            continue;
        }
        // "$US50", "$A1.2 billion": the country letters glued between the sign and the
        // number.
        if w.start > 0 && bytes[w.start - 1] == b'$' {
            let word = &text[w.start..w.end];
            if let Some(d) = word.find(|c: char| c.is_ascii_digit()) {
                if dollar_prefix(&word[..d]).is_some() {
                    out.push(w.start + d);
                }
            }
            continue;
        }
        // A run glued to digits or "_" is no whole word ("G8", "IE6").
        if !w.is_letters() || w.class == Class::NONE {
            continue;
        }
        let word = &text[w.start..w.end];
        if is_number_word(word, w.class) {
            out.push(w.start);
        }
        if w.class.has(Class::ARTICLE_AMOUNT) && !word.bytes().any(|b| b.is_ascii_uppercase()) {
            out.extend(article_before(bytes, w.start));
            if unit_states_amount(text, w.end) && time_unit(word).is_some() {
                out.push(w.start);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

// ---------------------------------------------------------------------------------------
// Tokens

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Letters, with inner hyphens and apostrophes: "year-old", "Britain's".
    Word,
    /// Digits with inner thousands commas and decimal points: "12,000", "1.5".
    Digits,
    /// Any other single character: "$", "%", "–", ",".
    Mark,
}

/// A piece of text next to a candidate.
#[derive(Debug, Clone, Copy)]
struct Token<'t> {
    shape: Shape,
    text: &'t str,
    start: usize,
    end: usize,
    /// No whitespace between this token and the one before it.
    glued: bool,
}

impl<'t> Token<'t> {
    /// The token in ASCII lower case, borrowed when it already is.
    fn lower(&self) -> Cow<'t, str> {
        if self.text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(self.text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(self.text)
        }
    }

    /// A run of letters.
    fn is_word(&self) -> bool {
        self.shape == Shape::Word
    }

    /// This word, ignoring ASCII case.
    fn is(&self, word: &str) -> bool {
        self.shape == Shape::Word && self.text.eq_ignore_ascii_case(word)
    }

    /// This single mark, like "%" or ",".
    fn is_mark(&self, mark: &str) -> bool {
        self.shape == Shape::Mark && self.text == mark
    }

    /// Starts with an upper-case letter.
    fn capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Written in capitals, like "IQ" or "MPs" (a plural "s" allowed).
    fn acronym(&self) -> bool {
        let core = self.text.strip_suffix('s').unwrap_or(self.text);
        core.len() >= 2 && core.chars().all(|c| c.is_ascii_uppercase())
    }
}

/// The character at byte `i` (on a boundary).
fn char_at(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        b as char
    } else {
        text[i..].chars().next().unwrap_or(' ')
    }
}

/// Is the character before byte `i` (on a boundary) whitespace? `false` at the start.
fn space_before(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_some_and(char::is_whitespace)
}

/// Where a number of one to three digits at `start..end` ends when spaces separate its
/// thousands ("15 000", "1 250 000"): after the last of its groups of exactly three digits,
/// each after one space. A group of another length, or a run that goes on with a
/// separator, is another number ("020 7946 0000", "3 2,000"), and `end` stays.
fn space_groups(text: &str, start: usize, end: usize, to: usize) -> usize {
    let b = text.as_bytes();
    if !(1..=3).contains(&(end - start)) || b[start] == b'0' {
        return end;
    }
    let mut last = end;
    while let Some(c @ (' ' | '\u{a0}' | '\u{202f}')) = text[last..to].chars().next() {
        let g = last + c.len_utf8();
        let three = g + 3 <= to && b[g..g + 3].iter().all(u8::is_ascii_digit);
        if !three || b.get(g + 3).is_some_and(|&x| x.is_ascii_digit()) {
            break;
        }
        last = g + 3;
    }
    // "15 000.5", "15 000,000": a separator after the groups makes it no such number.
    let joined_on =
        last + 1 < b.len() && matches!(b[last], b',' | b'.') && b[last + 1].is_ascii_digit();
    // "555 123 4567": a group of another length after them is a phone number.
    let more_digits = matches!(text[last..to].chars().next(), Some(' ' | '\u{a0}'))
        && b.get(last + 1).is_some_and(u8::is_ascii_digit);
    if last == end || joined_on || more_digits {
        end
    } else {
        last
    }
}

/// Appends to `out` up to `limit` tokens of `text[from..to]`, stopping at a line break
/// and, when `sentence` is set, after a sentence-ending mark. `glued` says whether the
/// first token touches what precedes `from`.
fn scan<'t>(
    text: &'t str,
    from: usize,
    to: usize,
    limit: usize,
    mut glued: bool,
    sentence: bool,
    out: &mut Vec<Token<'t>>,
) {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < to && out.len() < limit {
        let c = char_at(text, i);
        if c == '\n' {
            break;
        }
        if c.is_whitespace() {
            glued = false;
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let shape = if c.is_ascii_digit() {
            i += 1;
            loop {
                while i < to && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                if i + 1 < to && matches!(bytes[i], b',' | b'.') && bytes[i + 1].is_ascii_digit() {
                    i += 2;
                    continue;
                }
                break;
            }
            i = space_groups(text, start, i, to);
            Shape::Digits
        } else if c.is_alphabetic() {
            i += c.len_utf8();
            loop {
                while i < to {
                    let b = bytes[i];
                    if b.is_ascii_alphabetic() {
                        i += 1;
                        continue;
                    }
                    if b.is_ascii() {
                        break;
                    }
                    let d = char_at(text, i);
                    if !d.is_alphabetic() {
                        break;
                    }
                    i += d.len_utf8();
                }
                if i < to {
                    let d = char_at(text, i);
                    let j = i + d.len_utf8();
                    if matches!(d, '-' | '\'' | '\u{2019}')
                        && j < to
                        && char_at(text, j).is_alphabetic()
                    {
                        i = j;
                        continue;
                    }
                }
                break;
            }
            Shape::Word
        } else {
            i += c.len_utf8();
            Shape::Mark
        };
        out.push(Token {
            shape,
            text: &text[start..i],
            start,
            end: i,
            glued,
        });
        glued = true;
        if sentence
            && shape == Shape::Mark
            && matches!(c, '.' | '!' | '?' | ';')
            && (i >= to || char_at(text, i).is_whitespace())
        {
            break;
        }
    }
}

/// The tokens from `pos` to the end of its sentence (at most [`LOOKAHEAD`]), into `out`.
fn scan_ahead<'t>(text: &'t str, pos: usize, out: &mut Vec<Token<'t>>) {
    out.clear();
    let glued = pos > 0 && !space_before(text, pos);
    scan(text, pos, text.len(), LOOKAHEAD, glued, true, out);
}

/// The last few tokens before `pos` on its line, into `out`.
fn scan_back<'t>(text: &'t str, pos: usize, out: &mut Vec<Token<'t>>) {
    out.clear();
    let mut from = pos.saturating_sub(LOOKBEHIND);
    while from < pos && !text.is_char_boundary(from) {
        from += 1;
    }
    let mut partial = from > 0 && !space_before(text, from);
    if let Some(nl) = memchr::memrchr(b'\n', &text.as_bytes()[from..pos]) {
        from += nl + 1;
        partial = false;
    }
    scan(text, from, pos, usize::MAX, partial, false, out);
    if partial && out.first().is_some_and(|t| t.start == from) {
        out.remove(0);
    }
}

// ---------------------------------------------------------------------------------------
// Words the reading knows

/// The figure reader's word classes (`lexicon/figure_words.toml`).
fn fw() -> &'static FigureWords {
    figure_words()
}

/// A time zone after a clock time ("1500 GMT"), written in capitals, from the lexicon's
/// one list of zones. A US zone named without its season ("ET", "CT") follows only a time
/// written as one, so after a bare number it is read as something else ("10 MT").
fn is_time_zone(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_uppercase())
        && matches!(dates().zone(word), Some(Offset::Utc | Offset::Minutes(_)))
}

/// A time unit and how many of it one word means: "decades" -> ("year", 10).
fn time_unit(w: &str) -> Option<(&'static str, f64)> {
    units().time(w).map(|t| (t.unit, t.count))
}

/// The symbol of a unit of measure: "kilometres" -> "km", "feet" -> "ft".
fn measure_unit(w: &str) -> Option<&'static str> {
    units().measure(w)
}

/// The ISO 4217 code of a currency named in words: "euros" -> "EUR".
fn currency_word(w: &str) -> Option<&'static str> {
    units().currency_name(w)
}

/// The code a country adjective gives a currency word: ("australian", "USD") -> "AUD".
fn currency_of_country(adjective: &str, base: &'static str) -> &'static str {
    units().currency_of_country(adjective, base)
}

/// The ISO 4217 code of a currency symbol.
fn currency_symbol(s: &str) -> Option<&'static str> {
    units().currency_symbol(s)
}

/// The code a prefix glued to "$" gives: "A$" -> "AUD", "US$" -> "USD".
fn dollar_prefix(p: &str) -> Option<&'static str> {
    units().dollar_prefix(p)
}

/// An ISO 4217 code written in capitals ("USD 500") or a currency abbreviation written
/// capitalized ("Rs 500", "RMB 3bn").
fn currency_code(s: &str) -> Option<&'static str> {
    units().currency_code(s)
}

/// Words that end a noun phrase after a number and never belong to one: articles,
/// prepositions, conjunctions, pronouns, auxiliaries, common adverbs, and the casualty
/// words a figure's span stops before ("At least 107 killed"), and verbs that follow a
/// number as its clause's verb ("1,200 compares with").
fn is_stop(w: &str) -> bool {
    fw().stop_words.contains(w)
}

/// Adjectives and determiners that modify a counted noun but are never its head:
/// "two other incidents", "three newer versions".
fn is_plain_adjective(w: &str) -> bool {
    fw().plain_adjectives.contains(w)
}

/// Looks like an adjective or participle by its ending ("remaining", "Afghan" is caught
/// by its capital): "national", "historic", "working", "armed", "dangerous".
fn adjective_ending(w: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "al", "ic", "ive", "ous", "ful", "less", "able", "ible", "ish", "ese", "ian", "ing", "ed",
    ];
    w.len() > 4 && ENDINGS.iter().any(|e| w.ends_with(e))
}

/// Nouns that name a numbered thing, so the number after them is an identifier:
/// "posts 542", "page 5", "day five", "number 3", "grades 7 through 12"; a plural names
/// the numbered things as its singular does.
fn is_identifier_noun(w: &str) -> bool {
    fw().identifier_nouns.contains(w)
        || is_plural(w) && fw().identifier_nouns.contains(&singular(w))
}

/// A word with a possessive ending: "Gano's", "the UK's".
fn possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("\u{2019}s")
}

/// Names spelled like a participle or past tense ("Boeing", "Reading"), which a
/// sentence may open with before a number that belongs to them.
fn is_participle_like_name(w: &str) -> bool {
    fw().participle_like_names.contains(w)
}

/// Words that may stand capitalized before a number without naming it ("Over 900", "All
/// 298", "On Friday 700"): sentence openers, qualifiers, days.
fn is_function_word(w: &str) -> bool {
    is_stop(w) || qualifiers().words.contains(w) || fw().sentence_openers.contains(w)
}

/// A month name or its abbreviation (for "March 4", "12 September"); "May" and "March"
/// only capitalized.
fn is_month(t: &Token) -> bool {
    if !t.is_word() {
        return false;
    }
    let w = t.lower();
    match &*w {
        "may" | "march" => t.capitalized(),
        "january" | "february" | "april" | "june" | "july" | "august" | "september" | "october"
        | "november" | "december" | "jan" | "feb" | "mar" | "apr" | "jun" | "jul" | "aug"
        | "sep" | "sept" | "oct" | "nov" | "dec" => t.capitalized(),
        _ => false,
    }
}

/// Nouns that follow a year used as a modifier ("2000 levels", "the 2014 elections"), so
/// a year-like number before them stays a year.
fn is_year_noun(w: &str) -> bool {
    fw().year_nouns.contains(w)
}

/// Nouns after a pair like "3-1" that make it a score, not a range: "a 3-1 win".
fn is_score_noun(w: &str) -> bool {
    fw().score_nouns.contains(w)
}

/// Is `w` (lower case) a plural noun form? Regular "-s" plurals and the irregular and
/// collective nouns that follow a number without "-s" ("people", "crew", "personnel").
pub(crate) fn is_plural(w: &str) -> bool {
    if fw().irregular_plurals.contains(w) || fw().singular(w).is_some() {
        return true;
    }
    if w.ends_with("men") && w.len() > 4 && !fw().men_singulars.contains(w) {
        return true; // "gunmen", "policemen"
    }
    w.len() >= 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("'s")
        && !w.ends_with("\u{2019}s")
        && !fw().s_singulars.contains(w)
}

/// A plural without "-s" (lower case), collective ("crew", "police") or irregular
/// ("people"): it may modify a plural noun after it ("crew members").
fn is_collective(w: &str) -> bool {
    fw().irregular_plurals.contains(w) || fw().singular(w).is_some() && !w.ends_with('s')
}

/// The singular of a plural noun in lower case: "vulnerabilities" -> "vulnerability",
/// "branches" -> "branch", "schoolchildren" -> "schoolchild", "people" -> "person". For a
/// hyphenated noun only the last part changes ("asylum-seekers" -> "asylum-seeker").
fn singular(w: &str) -> String {
    if let Some((head, last)) = w.rsplit_once('-') {
        return format!("{head}-{}", singular(last));
    }
    let irregular = if fw().invariable_nouns.contains(w) {
        Some(w)
    } else {
        fw().singular(w)
    };
    if let Some(s) = irregular {
        return s.to_string();
    }
    if w.ends_with("men") && w.len() > 4 && !fw().men_singulars.contains(w) {
        return format!("{}man", &w[..w.len() - 3]); // "gunmen" -> "gunman"
    }
    if let Some(stem) = w.strip_suffix("ies") {
        // "movies", "ties" keep their "ie".
        if stem.len() <= 1 || fw().ie_plurals.contains(w) {
            return w[..w.len() - 1].to_string();
        }
        return format!("{stem}y");
    }
    if w.ends_with("sses")
        || w.ends_with("ches") && !fw().ches_singular_e.contains(w)
        || w.ends_with("shes")
        || w.ends_with("xes")
        || w.ends_with("zzes")
        || fw().es_plurals.contains(w)
    {
        return w[..w.len() - 2].to_string();
    }
    match w.strip_suffix('s') {
        Some(stem) if !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") => {
            stem.to_string()
        }
        _ => w.to_string(),
    }
}

/// The unit name of a counted noun: the head in the singular, with the noun before it
/// when that is part of a compound ("asylum seekers" -> "asylum seeker", "IQ points" ->
/// "IQ point") but not when it is an adjective or a name ("Afghan refugees" -> "refugee").
fn counted_name(modifier: Option<&Token>, head: &Token) -> String {
    let head_name = if head.acronym() {
        head.text.strip_suffix('s').unwrap_or(head.text).to_string()
    } else if demonym_plural(head) {
        // "Israelis" -> "israeli"; "Chinese" is its own singular.
        let lower = head.lower();
        lower.strip_suffix('s').unwrap_or(&lower).to_string()
    } else {
        singular(&head.lower())
    };
    let Some(m) = modifier.filter(|m| m.is_word()) else {
        return head_name;
    };
    let lower = m.lower();
    let compound = if m.acronym() {
        true
    } else {
        !m.capitalized()
            && !adjective_ending(&lower)
            && !is_plain_adjective(&lower)
            // A collective noun compounds ("crew members"), other plurals do not.
            && (!is_plural(&lower) || is_collective(&lower))
            && number::compound(&lower).is_none()
    };
    if compound {
        let prefix = if m.acronym() {
            m.text.to_string()
        } else {
            lower.into_owned()
        };
        format!("{prefix} {head_name}")
    } else {
        head_name
    }
}

// ---------------------------------------------------------------------------------------
// Reading a candidate

/// What a unit is, which decides whether more words may follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitKind {
    Percent,
    Time,
    Measure,
    Money,
    /// The counted noun: "residents", "asylum seekers".
    Counted,
}

#[derive(Debug, Clone)]
struct Unit {
    name: String,
    kind: UnitKind,
    /// What one of this unit is in the unit named: "decades" are 10 years.
    factor: f64,
    /// A counted noun that is a lower-case plural (what follows a count, not a year).
    plural_noun: bool,
}

impl Unit {
    /// A unit counted one for one.
    fn new(name: impl Into<String>, kind: UnitKind) -> Self {
        Unit {
            name: name.into(),
            kind,
            factor: 1.0,
            plural_noun: false,
        }
    }
}

/// A figure as read, before it becomes a [`Found`].
#[derive(Debug, Clone)]
struct Reading {
    start: usize,
    end: usize,
    amount: Option<f64>,
    unit: Option<String>,
    qualifier: Option<&'static str>,
    upper: Option<f64>,
}

impl Reading {
    /// A figure of `amount` over `start..end`, with nothing else known yet.
    fn new(start: usize, end: usize, amount: f64) -> Self {
        Reading {
            start,
            end,
            amount: Some(amount),
            unit: None,
            qualifier: None,
            upper: None,
        }
    }

    /// A figure with no amount over `start..end` that counts in `unit`: a score ("415
    /// for 6", "98 to 74") or a vote tally, whose two numbers are not one quantity.
    fn unvalued(start: usize, end: usize, unit: &str) -> Self {
        Reading {
            start,
            end,
            amount: None,
            unit: Some(unit.to_string()),
            qualifier: None,
            upper: None,
        }
    }

    /// The figure claim, its amounts tidied (see [`tidy`]).
    fn into_found(self) -> Found {
        Found {
            kind: ClaimKind::Figure,
            span: Span::new(self.start, self.end),
            value: Some(ClaimValue::Figure(FigureValue {
                amount: self.amount.map(tidy),
                unit: self.unit,
                qualifier: self.qualifier.map(str::to_string),
                upper: self.upper.map(tidy),
            })),
            speaker: None,
            cue: None,
        }
    }
}

/// The result of reading one candidate.
enum Outcome {
    Figure(Reading),
    /// Not a figure; candidates before this byte are part of the same non-figure
    /// ("posts 542 and 543", "2012–13", "10/1/2008").
    Skip(usize),
}

/// A number read at a token: its value, where it ends, and whether a scale word was part
/// of it ("15 billion").
#[derive(Debug, Clone, Copy)]
struct Core {
    amount: f64,
    end: usize,
    next: usize,
    scale: Option<f64>,
    year_like: bool,
}

/// What a figure's reading has learned that later steps need.
#[derive(Debug, Clone, Copy, Default)]
struct Traits {
    /// Four digits from 1000 to 2100: a year unless a count follows.
    year_like: bool,
    /// Spelled in words.
    spelled: bool,
    /// The bare word "one", which is often a pronoun.
    one: bool,
    /// No noun phrase may follow (fractions "of", "half the").
    no_noun: bool,
    /// A currency was read before the number.
    money_before: bool,
    /// The scale word, if one followed ("15 billion").
    scale: Option<f64>,
    /// A fraction ("3/5", "two thirds"): a singular noun may follow ("a 1/2 majority").
    fraction: bool,
}

/// A candidate with the tokens after it (`toks[0]` is where it starts) and before it.
struct Candidate<'t, 'b> {
    toks: &'b [Token<'t>],
    back: &'b [Token<'t>],
    /// Where the last figure before this candidate ends (0 for none).
    previous: usize,
}

impl<'t> Candidate<'t, '_> {
    /// The `i`-th token from the candidate, if the sentence goes that far.
    fn tok(&self, i: usize) -> Option<&Token<'t>> {
        self.toks.get(i)
    }

    /// The run of separate words the candidate starts with (at most eight), as a number
    /// spelled in words would be read: "two hundred and fifty thousand".
    fn leading_words(&self) -> Vec<&'t str> {
        self.toks
            .iter()
            .enumerate()
            .take_while(|(i, x)| x.is_word() && (*i == 0 || !x.glued))
            .map(|(_, x)| x.text)
            .take(8)
            .collect()
    }

    /// The word at `i` when it stands apart (not glued to the token before it).
    fn word(&self, i: usize) -> Option<&Token<'t>> {
        self.tok(i).filter(|t| t.is_word() && !t.glued)
    }

    /// Does the word at `i` equal `w` (case-insensitively)?
    fn word_is(&self, i: usize, w: &str) -> bool {
        self.word(i).is_some_and(|t| t.is(w))
    }

    /// The tokens before byte `start`.
    fn before(&self, start: usize) -> &[Token<'t>] {
        let n = self.back.iter().take_while(|t| t.end <= start).count();
        &self.back[..n]
    }

    /// Reads the candidate: a figure with its span and value, or how far to skip.
    fn read(&self) -> Outcome {
        let Some(first) = self.tok(0) else {
            return Outcome::Skip(0);
        };
        match first.shape {
            Shape::Digits => match (self.read_digits(), self.minus_before()) {
                (Outcome::Figure(mut r), Some(minus)) if r.start == first.start => {
                    r.start = minus;
                    r.amount = r.amount.map(|a| -a);
                    Outcome::Figure(r)
                }
                (outcome, _) => outcome,
            },
            Shape::Word => self.read_words(),
            Shape::Mark => Outcome::Skip(first.end),
        }
    }

    /// Where a minus sign glued to the number starts, when it stands apart from what
    /// precedes it: "-5C", "−0.3%"; never the dash of "2-1" or "COVID-19". The word
    /// "minus" before a number counts too: "minus 40 degrees".
    fn minus_before(&self) -> Option<usize> {
        let first = self.toks.first()?;
        let m = self.back.last()?;
        if first.glued && !m.glued && matches!(m.text, "-" | "\u{2212}") {
            return Some(m.start);
        }
        // "minus 40 degrees", unless it subtracts from a number before it ("10 minus 4").
        let after_number =
            self.back.len() >= 2 && self.back[self.back.len() - 2].shape == Shape::Digits;
        (!first.glued && m.is("minus") && !after_number).then_some(m.start)
    }

    /// Skips a run of numbers joined by marks, like "1-800-555-1234", "10/1/2008" or
    /// "10:15", starting at token `i`.
    fn skip_chain(&self, i: usize) -> Outcome {
        let mut k = i;
        while let (Some(m), Some(d)) = (self.tok(k + 1), self.tok(k + 2)) {
            if m.glued && m.shape == Shape::Mark && d.glued && d.shape == Shape::Digits {
                k += 2;
            } else {
                break;
            }
        }
        Outcome::Skip(self.toks[k].end)
    }

    /// Skips an identifier and the ones listed after it: "posts 542 and 543".
    fn skip_list(&self, i: usize) -> Outcome {
        let mut k = i;
        while let (Some(sep), Some(d)) = (self.tok(k + 1), self.tok(k + 2)) {
            let joins = sep.is("and")
                || sep.is("or")
                || sep.is("to")
                || sep.is("through")
                || sep.is_mark(",")
                || sep.is_mark("&");
            if joins && d.shape == self.toks[k].shape && d.shape == Shape::Digits {
                k += 2;
            } else {
                break;
            }
        }
        Outcome::Skip(self.toks[k].end)
    }

    // ---- numbers in digits -----------------------------------------------------------

    /// A number written in digits, with what is glued to it and what follows.
    fn read_digits(&self) -> Outcome {
        let t = self.toks[0];
        let skip = Outcome::Skip(t.end);
        // Glued to what precedes: "IE6", "H.R.1424", "#3", "COVID-19", "'90s", "+61".
        if t.glued && self.minus_before().is_none() {
            if let Some(p) = self.back.last() {
                let opener = matches!(p.text, "(" | "[" | "\"" | "\u{201c}" | "~");
                let sign_and_country =
                    p.shape == Shape::Word && self.currency_before(t.start).is_some();
                if sign_and_country {
                    // "$US50" reads on as money.
                } else if p.shape != Shape::Mark || (currency_symbol(p.text).is_none() && !opener) {
                    return self.skip_chain(0);
                }
            }
        }
        let Some(value) = number::parse_digits(t.text) else {
            return self.skip_chain(0);
        };
        if self.list_marker() {
            return skip;
        }
        if t.text.len() > 1 && t.text.starts_with('0') && !t.text.starts_with("0.") {
            return self.skip_chain(0); // "007", "02 9876"
        }
        // Five digits or more with no separator are a catalogue, postal or serial number
        // ("asteroid 99942 Apophis", "zip code 90210"), unless money or a count goes with
        // them ("10000 people").
        if t.text.len() >= 5
            && t.text.bytes().all(|b| b.is_ascii_digit())
            && self.currency_before(t.start).is_none()
            && !self.count_follows(1)
        {
            return self.skip_chain(0);
        }
        let year_like = is_year_like(t.text, value);
        // Groups of digits apart, with nothing between: "+61 2 9876 5432", "020 7946 0000"
        // are one phone or account number, not quantities.
        // Set scores ("7–6 6–4") are pairs, not groups.
        let paired = |k: usize| {
            self.tok(k + 1)
                .is_some_and(|m| m.glued && m.shape == Shape::Mark)
        };
        let group_before = self
            .back
            .last()
            .is_some_and(|p| p.shape == Shape::Digits && !p.glued);
        let group_after = self
            .tok(1)
            .is_some_and(|n| n.shape == Shape::Digits && !n.glued)
            && !paired(1);
        if !paired(0) && (group_before || group_after) {
            let mut k = 0;
            while self.tok(k + 1).is_some_and(|n| n.shape == Shape::Digits) {
                k += 1;
            }
            return Outcome::Skip(self.toks[k].end);
        }
        let integer = !t.text.contains('.');

        // What is glued after decides the shape: "3–1", "3/5", "4:00", "14-month".
        if let (Some(m), Some(a)) = (self.tok(1), self.tok(2)) {
            if m.glued && m.shape == Shape::Mark && a.glued {
                match (m.text, a.shape) {
                    (":", Shape::Digits) => {
                        return match self.elapsed_time(value) {
                            Some(r) => Outcome::Figure(r),
                            None => self.skip_chain(0),
                        };
                    }
                    ("/", Shape::Digits) => return self.read_slash(value),
                    (d, Shape::Digits) if is_dash(d) => return self.read_pair(value, year_like),
                    ("-" | "\u{2013}", Shape::Word) => return self.read_digit_compound(value),
                    ("'" | "\u{2019}", Shape::Word) => return skip, // "1990's"
                    _ => {}
                }
            }
        }

        // Calendar parts and names: "March 4", "12 September", "Flight 17", "posts 542".
        if integer && (value <= 31.0 || year_like) && self.month_near(0) {
            return skip;
        }
        if self.labelled(t.start, 1) {
            return self.skip_list(0);
        }
        if self.name_after(value) {
            return Outcome::Skip(self.toks[1].end);
        }
        if self.clock_at(1) || self.dotted_clock(value, t.text) || self.address_after() {
            return skip;
        }
        if let Some(r) = self.age_after_name(value, integer) {
            return Outcome::Figure(r);
        }

        let mut r = Reading::new(t.start, t.end, value);
        let mut j = 1;
        let mut unit = None;
        let mut scale = None;
        let money_before = self.currency_before(t.start);
        let mut per_hour = None;

        if let Some(n) = self.tok(1).filter(|n| n.glued) {
            match n.shape {
                Shape::Word => {
                    let w = n.lower();
                    // After "1.2m": a plural ("people", "euros") says millions, a
                    // dimension ("tall", "long") says metres.
                    let counted_follows = self.word(2).is_some_and(|x| is_plural(&x.lower()));
                    let dimension_follows = self
                        .word(2)
                        .is_some_and(|x| fw().dimensions.contains(&x.lower()))
                        || self.dimension_before(t.start);
                    // "1m more": a comparison word after says a count, in millions.
                    let counted_follows = counted_follows
                        || self.word(2).is_some_and(|x| x.is("more") || x.is("fewer"));
                    match &*w {
                        // "3p", "152.3p": pence, in pounds; "4p.m." is a clock time;
                        // a capital names a thing ("comet 67P").
                        "p" if n.text == "p"
                            && !(self.tok(2).is_some_and(|d| d.glued && d.is_mark("."))
                                && self.tok(3).is_some_and(|m| m.glued && m.is("m"))) =>
                        {
                            r.amount = Some(value / 100.0);
                            unit = Some(Unit::new("GBP", UnitKind::Money));
                        }
                        // "40C", "98.6F": British-style temperatures.
                        "c" | "f" if n.text != w && value < 1000.0 => {
                            let name = units().temperature(n.text).unwrap_or("degree");
                            unit = Some(Unit::new(name, UnitKind::Measure));
                        }
                        _ if fw().glued_non_units.contains(&w) => return Outcome::Skip(n.end),
                        // "a 500m-long bridge", "a 30cm-thick wall": a glued unit with a
                        // dimension makes a compound adjective of size.
                        _ if w.split_once('-').is_some_and(|(u, d)| {
                            measure_unit(u).is_some()
                                && (u.len() > 1 || n.text.starts_with(u))
                                && fw().dimensions.contains(d)
                        }) =>
                        {
                            let u = w.split_once('-').and_then(|(u, _)| measure_unit(u));
                            unit = u.map(|u| Unit::new(u, UnitKind::Measure));
                        }
                        // "3.5bn", "20k"; a glued "m" or "b" is read below.
                        _ if w != "m" && w != "b" && number::scale_word(&w).is_some() => {
                            scale = number::scale_word(&w);
                        }
                        "b" if money_before.is_some() => scale = Some(1e9),
                        // "£1.2m", "1.2m people", "5m euros" are millions; "100m" and
                        // "1.8m tall" metres.
                        "m" if money_before.is_some()
                            || counted_follows
                            || !integer && !dimension_follows =>
                        {
                            scale = Some(1e6);
                        }
                        _ if units().percent_glued(&w) => {
                            unit = Some(Unit::new("percent", UnitKind::Percent));
                        }
                        "fold" => unit = Some(Unit::new("fold", UnitKind::Measure)),
                        _ => {
                            // A one-letter symbol is written in lower case ("5g"); "5G",
                            // "4K" name things.
                            let symbol = measure_unit(&w)
                                .filter(|_| w.len() > 1 || n.text == w)
                                .or_else(|| units().glued_measure(n.text));
                            if let Some(u) = symbol {
                                unit = Some(Unit::new(u, UnitKind::Measure));
                                // "120km/h": a distance per hour is a speed.
                                if let (Some(sl), Some(h)) = (self.tok(2), self.tok(3)) {
                                    if sl.glued && sl.is_mark("/") && h.glued && h.is("h") {
                                        let speed = if u == "km" { "km/h" } else { "mph" };
                                        if matches!(u, "km" | "mi") {
                                            unit = Some(Unit::new(speed, UnitKind::Measure));
                                            per_hour = Some(h.end);
                                        }
                                    }
                                }
                            } else if let Some((u, f)) = time_unit(&w) {
                                let mut tu = Unit::new(u, UnitKind::Time);
                                tu.factor = f;
                                unit = Some(tu);
                            } else {
                                return self.skip_chain(0); // "4G", "3D", "4chan"
                            }
                        }
                    }
                    match per_hour {
                        Some(end) => (r.end, j) = (end, 4),
                        None => (r.end, j) = (n.end, 2),
                    }
                }
                Shape::Mark => match n.text {
                    "%" => {
                        unit = Some(Unit::new("percent", UnitKind::Percent));
                        r.end = n.end;
                        j = 2;
                    }
                    "°" => {
                        let scale_letter = self.tok(2).filter(|c| c.glued && c.is_word());
                        let name = scale_letter
                            .filter(|c| c.text.len() == 1 && c.capitalized())
                            .and_then(|c| units().temperature(c.text))
                            .unwrap_or("degree");
                        unit = Some(Unit::new(name, UnitKind::Measure));
                        r.end = if name == "degree" {
                            n.end
                        } else {
                            scale_letter.map_or(n.end, |c| c.end)
                        };
                        j = if name == "degree" { 2 } else { 3 };
                    }
                    "+" => {
                        r.qualifier = Some("at least");
                        r.end = n.end;
                        j = 2;
                    }
                    _ => {}
                },
                Shape::Digits => {}
            }
        }
        // "11 and a half hours", "2 and a half million": the half joins the number.
        let mut value = value;
        if j == 1
            && integer
            && self.word_is(1, "and")
            && self.word_is(2, "a")
            && self.word_is(3, "half")
        {
            value += 0.5;
            r.amount = Some(value);
            r.end = self.toks[3].end;
            j = 4;
        }
        // A scale word apart: "15 billion", "1.2 million", or starting a compound:
        // "a 1.7 billion-mile journey".
        if scale.is_none() && unit.is_none() {
            if let Some(w) = self.word(j) {
                let lower = w.lower();
                let (first, rest) = match lower.split_once('-') {
                    Some((first, rest)) => (first, Some(rest)),
                    None => (&*lower, None),
                };
                if let Some(s) = spaced_scale(first) {
                    scale = Some(s);
                    r.end = w.start + first.len();
                    j += 1;
                    if let Some(c) = rest.and_then(compound_unit) {
                        r.end = w.start + first.len() + 1 + c.len;
                        if let Some(name) = c.unit {
                            let mut u = Unit::new(name, UnitKind::Measure);
                            u.factor = c.factor;
                            unit = Some(u);
                        }
                    }
                }
            }
        }
        if let Some(s) = scale {
            r.amount = Some(value * s);
        }
        // Currency before ("$", "US$", "€", "USD") or after ("500 USD", "20 €").
        if let Some((code, start)) = money_before {
            r.start = start;
            unit = Some(Unit::new(code, UnitKind::Money));
        } else if unit.is_none() {
            if let Some(c) = self.tok(j) {
                let code = match c.shape {
                    Shape::Mark => currency_symbol(c.text),
                    Shape::Word if !c.glued => currency_code(c.text),
                    _ => None,
                };
                if let Some(code) = code {
                    unit = Some(Unit::new(code, UnitKind::Money));
                    r.end = c.end;
                    j += 1;
                }
            }
        }
        let traits = Traits {
            year_like: year_like && scale.is_none(),
            money_before: money_before.is_some(),
            scale,
            ..Traits::default()
        };
        self.finish(r, j, unit, traits)
    }

    /// Whether a noun of size and "of" stand right before `start`: "a height of 8.5m".
    fn dimension_before(&self, start: usize) -> bool {
        match self.before(start) {
            [.., noun, of] => of.is("of") && fw().dimension_nouns.contains(&noun.lower()),
            _ => false,
        }
    }

    /// "3/5" (0.6), "1/2 majority"; a date like "10/1/2008" or "9/11" is skipped.
    fn read_slash(&self, a: f64) -> Outcome {
        let den = self.toks[2];
        let chained = self
            .tok(3)
            .is_some_and(|m| m.glued && m.shape == Shape::Mark && matches!(m.text, "/" | "-"));
        let Some(b) = number::parse_digits(den.text) else {
            return self.skip_chain(0);
        };
        let proper = !chained && a.fract() == 0.0 && b.fract() == 0.0 && a >= 1.0 && a < b;
        if !proper || b > 10.0 || self.names_before(self.toks[0].start) {
            return self.skip_chain(0);
        }
        let r = Reading::new(self.toks[0].start, den.end, a / b);
        let traits = Traits {
            fraction: true,
            ..Traits::default()
        };
        self.finish(r, 3, None, traits)
    }

    /// Two numbers joined by a dash: a score ("1–0"), a range ("8–10 years",
    /// "252-287 miles"), or neither (a season "2012–13", a phone or page number).
    fn read_pair(&self, a: f64, a_year: bool) -> Outcome {
        let first = self.toks[0];
        let second = self.toks[2];
        let chained = self
            .tok(3)
            .is_some_and(|m| m.glued && m.shape == Shape::Mark && is_dash(m.text))
            && self
                .tok(4)
                .is_some_and(|d| d.glued && d.shape == Shape::Digits);
        let Some(b) = number::parse_digits(second.text) else {
            return self.skip_chain(0);
        };
        if chained || (a_year && (is_year_like(second.text, b) || second.text.len() == 2)) {
            return self.skip_chain(0);
        }
        // Page and number ranges: "pages 110-255", "pp. 110-255", "Nos. 3-5".
        let before = self.before(first.start);
        let numbered = match before {
            [.., abbreviation, dot] if dot.is_mark(".") => {
                fw().abbreviated_identifiers.contains(&abbreviation.lower())
            }
            [.., p] => {
                let pw = p.lower();
                fw().abbreviated_identifiers.contains(&pw)
                    || fw().numbered_spans.contains(&pw)
                    || is_plural(&pw) && fw().numbered_spans.contains(&singular(&pw))
            }
            [] => false,
        };
        if numbered {
            return self.skip_chain(0);
        }
        // "March 10-12", "10–12 March": days of a month.
        if self.month_near(0) || self.tok(3).is_some_and(is_month) {
            return self.skip_chain(0);
        }
        let plain = |t: &Token| {
            t.text.bytes().all(|c| c.is_ascii_digit())
                && t.text.len() <= 3
                && !t.text.starts_with('0')
                || t.text == "0"
        };
        // A score: a pair of plain numbers that is no range ("3–1", "105-98", "the
        // amendment failed 37-62", a bowler's "6-58").
        let score_shaped = plain(&first) && plain(&second);
        let score = Reading::unvalued(
            first.start,
            second.end,
            if self.after_vote(first.start) {
                "vote"
            } else {
                "score"
            },
        );
        let money = self.currency_before(first.start);
        // A scale glued to the second number scales both: "$15-20M", "2-3bn"; a bare "m"
        // or "b" only after a currency ("5-10m" may be metres).
        let scale = self
            .tok(3)
            .filter(|m| m.glued && m.shape == Shape::Word)
            .and_then(|m| match &*m.lower() {
                "m" | "b" if money.is_none() => None,
                w => number::scale_word(w).map(|f| (f, m.end)),
            });
        let (factor, next) = match scale {
            Some((f, _)) => (f, 4),
            None => (1.0, 3),
        };
        // What follows the second number.
        let mut r = Reading::new(first.start, second.end, a * factor);
        r.upper = Some(b * factor);
        if let Some((_, end)) = scale {
            r.end = end;
        }
        let mut unit = None;
        if let Some(m) = self.tok(next).filter(|m| m.glued && m.is_mark("%")) {
            unit = Some(Unit::new("percent", UnitKind::Percent));
            r.end = m.end;
        } else if let Some((u, end, _)) = self.percent_words(next) {
            unit = Some(u);
            r.end = end;
        }
        if unit.is_none() && self.word(next).is_some_and(|w| is_score_noun(&w.lower())) {
            return Outcome::Figure(score);
        }
        let np = if unit.is_none() {
            self.noun_phrase(next, false)
        } else {
            None
        };
        if let Some((u, end, next)) = &np {
            if u.kind == UnitKind::Time && self.word_is(*next, "ago") {
                return Outcome::Skip(*end); // "2-3 years ago" is a date
            }
        }
        let ranged = a < b
            && (unit.is_some()
                || np.is_some()
                || money.is_some()
                || scale.is_some()
                || self
                    .before(first.start)
                    .last()
                    .is_some_and(|p| fw().range_leads.contains(&p.lower())));
        if !ranged {
            return if score_shaped {
                Outcome::Figure(score)
            } else {
                self.skip_chain(0)
            };
        }
        if let Some((code, start)) = money {
            r.start = start;
            unit = Some(Unit::new(code, UnitKind::Money));
        }
        if let Some((u, end, _)) = np {
            r.amount = Some(a * factor * u.factor);
            r.upper = Some(b * factor * u.factor);
            r.end = end;
            unit = Some(u);
        }
        r.unit = unit.map(|u| u.name);
        self.qualify(&mut r);
        if r.unit.is_none() && self.aged_before(r.start) {
            r.unit = Some("year".to_string());
        }
        Outcome::Figure(r)
    }

    /// A number with a hyphenated unit: "14-month", "10-year-old", "131-page",
    /// "18-fold", "50-plus"; "3-D" is a name.
    fn read_digit_compound(&self, value: f64) -> Outcome {
        let t = self.toks[0];
        let word = self.toks[2];
        if word.capitalized() || self.names_before(t.start) || self.month_near(0) {
            return Outcome::Skip(word.end);
        }
        let money = self.currency_before(t.start);
        let lower = word.lower();
        // "tied at 14-all": a level score.
        if lower == "all" && money.is_none() {
            return Outcome::Figure(Reading::unvalued(t.start, word.end, "score"));
        }
        let first = lower.split('-').next().unwrap_or_default();
        let mut r = Reading::new(money.map_or(t.start, |m| m.1), t.end, value);
        r.unit = money.map(|m| m.0.to_string());
        if let Some(s) = spaced_scale(first) {
            // "a $10-million deal".
            r.amount = Some(value * s);
            r.end = word.start + first.len();
        } else if money.is_some() && matches!(first, "a" | "an" | "per") {
            // "£1,000-a-month contracts": the amount, without the rate.
        } else if first == "point" && t.text.contains('.') {
            // "3.5-point players", "a 0.25-point cut": a decimal names no kind of thing
            // as "a 3-point shot" does, it measures.
            r.unit = Some("point".to_string());
            r.end = word.start + first.len();
        } else {
            let Some(c) = compound_unit(word.text) else {
                return Outcome::Skip(word.end);
            };
            r.end = word.start + c.len;
            r.amount = Some(value * c.factor);
            if money.is_none() {
                r.unit = c.unit;
            }
            r.qualifier = c.qualifier;
            // "6-foot-4": a height in feet and inches is one figure, in feet.
            if r.unit.as_deref() == Some("ft") && r.end == word.end {
                if let Some((inches, end)) = self.inches_after(3) {
                    r.end = end;
                    r.amount = Some(value + inches / 12.0);
                }
            }
        }
        if r.qualifier.is_none() {
            self.qualify(&mut r);
        }
        Outcome::Figure(r)
    }

    /// The inches glued by a hyphen at token `i` after a height in feet ("-4" in
    /// "6-foot-4"): their number, under twelve, and where they end.
    fn inches_after(&self, i: usize) -> Option<(f64, usize)> {
        let dash = self.tok(i).filter(|d| d.glued && d.is_mark("-"))?;
        let n = self
            .tok(i + 1)
            .filter(|n| n.glued && n.shape == Shape::Digits && dash.end == n.start)?;
        let inches: f64 = n.text.parse().ok().filter(|&x: &f64| x < 12.0)?;
        Some((inches, n.end))
    }

    // ---- numbers in words ------------------------------------------------------------

    /// A number written in words ("fourteen", "two dozen", "twice", "half", "a third",
    /// "six-member"), with what follows.
    fn read_words(&self) -> Outcome {
        let t = self.toks[0];
        let skip = Outcome::Skip(t.end);
        // Part of a longer word: "no-one", "all-in-one".
        if t.glued
            && self
                .back
                .last()
                .is_some_and(|p| !p.is_mark("(") && !p.is_mark("\""))
        {
            return skip;
        }
        let w = t.lower();
        let unit_word = w.strip_suffix("-long").unwrap_or(&w);
        if let Some((unit, factor)) = time_unit(unit_word) {
            return self.read_unit_amount(unit, factor);
        }
        if let Some(v) = number::times_word(&w) {
            if v == 1.0 && !self.once_counts() {
                return skip; // "once known as", "once again"
            }
            let mut r = Reading::new(t.start, t.end, v);
            r.unit = Some("time".to_string());
            self.qualify(&mut r);
            return Outcome::Figure(r);
        }
        if let Some(v) = number::fold_word(&w) {
            let mut r = Reading::new(t.start, t.end, v);
            r.unit = Some("fold".to_string());
            self.qualify(&mut r);
            return Outcome::Figure(r);
        }
        if let Some(v) = number::multiplying_verb(&w) {
            return self.read_multiplying(v);
        }
        // "eight-point-three million", as a transcript writes a decimal.
        if let Some(v) = number::spoken_decimal(&w) {
            let mut r = Reading::new(t.start, t.end, v);
            let mut j = 1;
            if let Some((x, s)) = self
                .word(1)
                .and_then(|x| spaced_scale(&x.lower()).map(|s| (x, s)))
            {
                r.amount = Some(v * s);
                r.end = x.end;
                j = 2;
            }
            let traits = Traits {
                spelled: true,
                ..Traits::default()
            };
            return self.finish(r, j, None, traits);
        }
        match &*w {
            "a" | "an" => return self.read_article(),
            "half" => return self.read_half(),
            _ => {}
        }
        if t.text.contains('-') {
            if let Some(o) = self.read_word_compound() {
                return o;
            }
        }
        let words = self.leading_words();
        let Some((mut value, used)) = number::parse_words(&words) else {
            return skip;
        };
        if used == 1 && number::fraction_word(&w).is_some() {
            return skip; // "third", "quarter" alone are ordinals or nouns
        }
        let last = self.toks[used - 1];
        if self.labelled(t.start, used) || self.clock_at(used) {
            return Outcome::Skip(last.end);
        }
        // A year said aloud: "nineteen seventy-four", "twenty sixteen": two numbers
        // below a hundred in a row.
        if used == 1 && (10.0..100.0).contains(&value) {
            if let Some(next) = self.word(1) {
                let nw = next.lower();
                if number::compound(&nw).is_some_and(|v| (1.0..100.0).contains(&v)) {
                    return Outcome::Skip(next.end);
                }
            }
        }
        if self.capitalized_inside_sentence() || self.quoted_title() {
            return Outcome::Skip(last.end);
        }
        // "half past six", "quarter past ten": a clock time said aloud.
        if let [.., part, past] = self.back {
            let part_of_hour = part.is("half") || part.is("quarter") || part.is("minutes");
            if past.is("past") && part_of_hour {
                return Outcome::Skip(last.end);
            }
        }
        let mut r = Reading::new(t.start, last.end, value);
        let mut j = used;
        // "three point five percent": a decimal said aloud, digit by digit.
        if self.word_is(j, "point") {
            let mut place = 0.1;
            let mut k = j + 1;
            while let Some(d) = self
                .word(k)
                .and_then(|x| number::unit_word(x.text))
                .filter(|d| *d < 10.0)
            {
                value += d * place;
                place /= 10.0;
                k += 1;
            }
            if k > j + 1 {
                r.end = self.toks[k - 1].end;
                j = k;
                if let Some((x, s)) = self
                    .word(j)
                    .and_then(|x| spaced_scale(&x.lower()).map(|s| (x, s)))
                {
                    value *= s;
                    r.end = x.end;
                    j += 1;
                }
                r.amount = Some(value);
            }
        }
        // "two thousand nine" reads as a year ("two thousand people" does not).
        let said_year = (1000.0..=2100.0).contains(&value)
            && value % 100.0 != 0.0
            && words[..used]
                .iter()
                .any(|x| x.eq_ignore_ascii_case("thousand"))
            && !words[..used]
                .iter()
                .any(|x| x.eq_ignore_ascii_case("hundred"));
        let mut traits = Traits {
            spelled: true,
            one: used == 1 && &*w == "one",
            year_like: said_year,
            ..Traits::default()
        };
        // "two thirds of", "one quarter of": a fraction, not counted thirds.
        if let Some(f) = self.word(j).and_then(|x| number::fraction_word(&x.lower())) {
            let of_follows = self
                .tok(j + 1)
                .is_none_or(|n| n.shape == Shape::Mark || n.is("of") || is_stop(&n.lower()));
            if value < 10.0 && of_follows {
                value *= f;
                r.amount = Some(value);
                r.end = self.toks[j].end;
                j += 1;
                traits.one = false;
                traits.no_noun = true;
                traits.fraction = true;
            }
        }
        self.finish(r, j, None, traits)
    }

    /// A verb of multiplying ("cases tripled", "more than doubled"): a figure of `factor`
    /// times; not the adjective or noun ("a double agent", "the treble") nor the sports
    /// idiom of a second goal ("doubled the lead").
    fn read_multiplying(&self, factor: f64) -> Outcome {
        let t = self.toks[0];
        let skip = Outcome::Skip(t.end);
        // Only the bare form is also an adjective ("a double agent"); "doubled profits"
        // is the verb with its object.
        let bare = !t.text.ends_with('d') && !t.text.ends_with('s') && !t.text.ends_with('g');
        let noun_after = bare
            && self
                .word(1)
                .is_some_and(|n| noun_like(n) && !fw().stop_words.contains(n.text));
        let article_before = self
            .back
            .last()
            .is_some_and(|p| p.is("a") || p.is("an") || p.is("the"));
        let lead_after = (1..=3)
            .map_while(|i| self.word(i))
            .any(|x| fw().score_leads.contains(&x.lower()));
        if noun_after || article_before || lead_after {
            return skip;
        }
        let mut r = Reading::new(t.start, t.end, factor);
        r.unit = Some("time".to_string());
        self.qualify(&mut r);
        Outcome::Figure(r)
    }

    /// "a couple of points", "a pair of free throws": the collective word `collective`
    /// (two unless the lexicon says otherwise) times the noun phrase from token `from`,
    /// spanning from `start`; `None` when no counted noun follows.
    fn collective_of(
        &self,
        start: usize,
        collective: &str,
        from: usize,
        qualifier: Option<&'static str>,
    ) -> Option<Outcome> {
        let (u, end, _) = self.noun_phrase(from, false)?;
        let amount = number::collective_word(collective).unwrap_or(2.0) * u.factor;
        let mut r = Reading::new(start, end, amount);
        r.unit = Some(u.name);
        r.qualifier = qualifier;
        Some(Outcome::Figure(r))
    }

    /// "a thousand", "a dozen", "a third", "a couple of points", "an hour".
    fn read_article(&self) -> Outcome {
        let t = self.toks[0];
        let skip = Outcome::Skip(t.end);
        let Some(n) = self.word(1) else {
            return skip;
        };
        let w = n.lower();
        match &*w {
            "couple" => {
                if !self.word_is(2, "of") {
                    return skip;
                }
                self.collective_of(t.start, &w, 3, Some("about"))
                    .unwrap_or(skip)
            }
            "half"
                if self.word(2).is_some_and(|a| a.is("a") || a.is("an"))
                    && self.word(3).is_some_and(|x| whole_of(&x.lower()).is_some()) =>
            {
                // "a half a million": half of the whole.
                let x = self.toks[3];
                let whole = whole_of(&x.lower()).unwrap_or(1.0);
                let r = Reading::new(t.start, x.end, whole / 2.0);
                let traits = Traits {
                    spelled: true,
                    ..Traits::default()
                };
                self.finish(r, 4, None, traits)
            }
            "pair" => {
                // "a pair of free throws", "scored a pair with a minute left": two.
                if !self.word_is(2, "of") {
                    let free = self
                        .tok(2)
                        .is_none_or(|x| x.shape == Shape::Mark || is_stop(&x.lower()));
                    return if free {
                        Outcome::Figure(Reading::new(
                            t.start,
                            n.end,
                            number::collective_word(&w).unwrap_or(2.0),
                        ))
                    } else {
                        skip
                    };
                }
                // The counted noun may open with a hyphenated number: "a pair of
                // 3-point shots".
                let from = match (self.tok(3), self.tok(4), self.tok(5)) {
                    (Some(d), Some(h), Some(x))
                        if d.shape == Shape::Digits
                            && h.glued
                            && h.is_mark("-")
                            && x.glued
                            && x.is_word() =>
                    {
                        6
                    }
                    _ => 3,
                };
                self.collective_of(t.start, &w, from, None).unwrap_or(skip)
            }
            // "a thousand", "a dozen", "a lakh".
            _ if number::spelled_scale(&w).is_some() || number::collective_word(&w).is_some() => {
                let words = self.leading_words();
                let Some((value, used)) = number::parse_words(&words) else {
                    return skip;
                };
                let r = Reading::new(t.start, self.toks[used - 1].end, value);
                let traits = Traits {
                    spelled: true,
                    ..Traits::default()
                };
                self.finish(r, used, None, traits)
            }
            _ if number::fraction_word(&w).is_some() => {
                // "a third of", "larger than a third to veto"; "a third goal" is an ordinal.
                let frac = number::fraction_word(&w).unwrap_or_default();
                let mut r = Reading::new(t.start, n.end, frac);
                self.qualify(&mut r);
                let free = self
                    .tok(2)
                    .is_none_or(|x| x.shape == Shape::Mark || is_stop(&x.lower()));
                if free || r.qualifier.is_some() {
                    Outcome::Figure(r)
                } else {
                    skip
                }
            }
            _ => {
                let Some((u, factor)) =
                    time_unit(&w).or_else(|| measure_unit(&w).map(|u| (u, 1.0)))
                else {
                    return skip;
                };
                // "twice a day", "$5 an hour", "60 miles an hour": a rate, not an amount;
                // "a year ago" is a date; "a day of mourning" names a period.
                let rate = self.just_after_figure(t.start)
                    || self.back.last().is_some_and(|p| {
                        let pw = p.lower();
                        p.shape == Shape::Digits
                            || p.shape == Shape::Mark
                                && (p.text == "%" || currency_symbol(p.text).is_some())
                            || number::times_word(&pw).is_some()
                            || fw().rate_leads.contains(&pw)
                            || spaced_scale(&pw).is_some()
                            || number::compound(&pw).is_some()
                            || currency_word(&pw).is_some()
                            || measure_unit(&pw).is_some()
                            || time_unit(&pw).is_some()
                            || is_plural(&pw) && self.counted_before(p.start)
                    });
                // "a year earlier", "a month before" point back to a calendar period: a
                // date, like "a year ago"; "an hour later" is a lapse of time.
                // "8% more than a year before." ends on the comparison period too.
                let before_end =
                    self.word_is(2, "before") && self.tok(3).is_none_or(|x| x.shape == Shape::Mark);
                let back_to_date = u != "hour"
                    && u != "minute"
                    && u != "second"
                    && (before_end
                        || self
                            .word(2)
                            .is_some_and(|x| fw().backward_words.contains(&x.lower())));
                let lapse = self.word_is(2, "earlier") || self.word_is(2, "later");
                // "two donations, in 2007 and a second recently": after a conjunction or a
                // comma "a second" is an ordinal, the next of what was counted.
                let ordinal = u == "second"
                    && self.back.last().is_some_and(|p| {
                        p.is_mark(",") || p.is("and") || p.is("or") || p.is("then")
                    });
                // "an hour-long speech": the article is the noun's; "hour-long" is read
                // at the unit.
                // "a day of mourning", "a year of steady growth" name a period; "a
                // century of law", "a decade of war" state how long one lasted.
                let named_period = self.word_is(2, "of") && !(u == "year" && factor >= 10.0);
                if rate && !lapse || back_to_date || ordinal || named_period {
                    return Outcome::Skip(n.end);
                }
                // "a minute drop", "a day trip": the unit word modifies a noun.
                if self.word(2).is_some_and(|x| {
                    let xw = x.lower();
                    noun_like(x)
                        && !fw().dimensions.contains(&xw)
                        && !matches!(&*xw, "later" | "earlier" | "old" | "long")
                }) {
                    return Outcome::Skip(n.end);
                }
                let mut amount = factor;
                let mut end = n.end;
                if self.word_is(2, "and") && self.word_is(3, "a") && self.word_is(4, "half") {
                    amount *= 1.5;
                    end = self.toks[4].end;
                }
                let mut r = Reading::new(t.start, end, amount);
                r.unit = Some(u.to_string());
                if let Some((q, end, _)) = self.or_more(if end == n.end { 2 } else { 5 }) {
                    r.qualifier = Some(q); // "a week or so"
                    r.end = end;
                } else {
                    self.qualify(&mut r);
                }
                Outcome::Figure(r)
            }
        }
    }

    /// A time unit that states its amount with no number before it: "hour-long" (one
    /// hour), "decade-long" (ten years), "the past decade and a half" (fifteen years).
    /// After a number or an article the unit belongs to that reading ("two-hour-long",
    /// "a decade and a half"), and "-long" before no noun ("all day-long") is no amount.
    fn read_unit_amount(&self, unit: &'static str, factor: f64) -> Outcome {
        let t = self.toks[0];
        let skip = Outcome::Skip(t.end);
        let counted = self.back.last().is_some_and(|p| {
            let pw = p.lower();
            p.shape == Shape::Digits
                || p.is_mark("-")
                || number::compound(&pw).is_some()
                || number::fraction_word(&pw).is_some()
        });
        if t.glued || counted {
            return skip;
        }
        // "hour-long" is one token.
        if t.lower().ends_with("-long") {
            let noun_after = self.word(1).is_some_and(|x| !is_stop(&x.lower()));
            if !noun_after {
                return skip;
            }
            let mut r = Reading::new(t.start, t.end, factor);
            r.unit = Some(unit.to_string());
            return Outcome::Figure(r);
        }
        let article = self.back.last().is_some_and(|p| p.is("a") || p.is("an"));
        let half = self.word_is(1, "and") && self.word_is(2, "a") && self.word_is(3, "half");
        if !half || article {
            return skip;
        }
        let mut r = Reading::new(t.start, self.toks[3].end, factor * 1.5);
        r.unit = Some(unit.to_string());
        self.qualify(&mut r);
        Outcome::Figure(r)
    }

    /// Does "once" count (a frequency, "once a year", "only once", "more than once",
    /// "once every two days", "once in the last seven years") rather than mean "formerly"
    /// or "as soon as"?
    fn once_counts(&self) -> bool {
        let before = self
            .back
            .last()
            .is_some_and(|p| fw().once_leads.contains(&p.lower()));
        let after = self.word(1).is_some_and(|n| {
            let nw = n.lower();
            match &*nw {
                "a" | "an" | "per" | "every" | "each" => true,
                "or" => self
                    .word(2)
                    .is_some_and(|x| number::times_word(&x.lower()).is_some()),
                "in" => {
                    self.tok(2)
                        .is_some_and(|x| x.shape == Shape::Digits || x.is("a") || x.is("every"))
                        || self.in_the_last_stretch(2)
                }
                _ => false,
            }
        });
        before || after
    }

    /// Does a stretch of time counted back from now start at token `i`: "the last seven
    /// years", "the past decade" ("beaten them once in the last seven years")?
    fn in_the_last_stretch(&self, i: usize) -> bool {
        let last = self.word_is(i + 1, "last") || self.word_is(i + 1, "past");
        let stretch = self.tok(i + 2).is_some_and(|x| {
            x.shape == Shape::Digits
                || x.is_word()
                    && (number::compound(&x.lower()).is_some() || time_unit(&x.lower()).is_some())
        });
        self.word_is(i, "the") && last && stretch
    }

    /// "half of all", "about half as much", "half an hour", "half a million"; not "the
    /// second half" or "half-time".
    fn read_half(&self) -> Outcome {
        let t = self.toks[0];
        let skip = Outcome::Skip(t.end);
        if t.text.contains('-') {
            return skip;
        }
        // "two and half": the half belongs to the number before "and"; "cars and half a
        // dozen buses" starts a figure of its own.
        let number_and = match self.back {
            [.., n, and] => {
                and.is("and")
                    && (n.shape == Shape::Digits || number::compound(&n.lower()).is_some())
            }
            _ => false,
        };
        let part_of = self
            .back
            .last()
            .is_some_and(|p| fw().half_after.contains(&p.lower()) && (!p.is("and") || number_and));
        if part_of {
            return skip;
        }
        // "half an hour", "half a million", "half a dozen".
        if self.word(1).is_some_and(|a| a.is("a") || a.is("an")) {
            if let Some(n) = self.word(2) {
                let w = n.lower();
                if let Some((u, f)) = time_unit(&w) {
                    let mut r = Reading::new(t.start, n.end, 0.5 * f);
                    r.unit = Some(u.to_string());
                    self.qualify(&mut r);
                    return Outcome::Figure(r);
                }
                let whole = whole_of(&w);
                if let Some(whole) = whole {
                    let r = Reading::new(t.start, n.end, whole / 2.0);
                    let traits = Traits {
                        spelled: true,
                        ..Traits::default()
                    };
                    return self.finish(r, 3, None, traits);
                }
            }
            return skip;
        }
        let mut r = Reading::new(t.start, t.end, 0.5);
        self.qualify(&mut r);
        let free = self
            .tok(1)
            .is_none_or(|n| n.shape == Shape::Mark || fw().half_then.contains(&n.lower()));
        if free || r.qualifier.is_some() && self.tok(1).is_some_and(|n| !n.is_word()) {
            Outcome::Figure(r)
        } else {
            skip
        }
    }

    /// A number word with a hyphenated unit or fraction: "six-member", "nine-month-old",
    /// "three-nation", "billion-year", "two-thirds"; `None` for a plain compound number
    /// ("twenty-five") that the word reading handles.
    fn read_word_compound(&self) -> Option<Outcome> {
        let t = self.toks[0];
        let skip = Some(Outcome::Skip(t.end));
        let parts: Vec<&str> = t.text.split('-').collect();
        let two = parts
            .get(1)
            .map(|p| &t.text[..parts[0].len() + 1 + p.len()]);
        let (value, used) = match two.and_then(number::compound) {
            Some(v)
                if parts[0].len() > 3 && number::unit_word(parts[0]).is_some_and(|x| x >= 20.0) =>
            {
                (v, 2)
            }
            _ => {
                let first = parts[0].to_ascii_lowercase();
                let v = number::compound(&first).or_else(|| whole_of(&first))?;
                (v, 1)
            }
        };
        if used == parts.len() {
            return None;
        }
        let prefix_len: usize = parts[..used].iter().map(|p| p.len() + 1).sum();
        let rest = &t.text[prefix_len..];
        let rest_first = parts[used].to_ascii_lowercase();
        if self.names_before(t.start) {
            return skip;
        }
        // "two-thirds", "one-third": a fraction; "twenty-first" is an ordinal.
        if let Some(f) = number::fraction_word(&rest_first) {
            if value >= 10.0 {
                return skip;
            }
            let mut r = Reading::new(t.start, t.start + prefix_len + parts[used].len(), value * f);
            self.qualify(&mut r);
            return Some(Outcome::Figure(r));
        }
        let c = compound_unit(rest)?;
        // "a one-man show", "a one-woman protest": done alone, not a count of people.
        if value == 1.0 && matches!(c.unit.as_deref(), Some("man" | "woman")) {
            return skip;
        }
        let mut r = Reading::new(t.start, t.start + prefix_len + c.len, value * c.factor);
        r.unit = c.unit;
        r.qualifier = c.qualifier;
        if r.qualifier.is_none() {
            self.qualify(&mut r);
        }
        Some(Outcome::Figure(r))
    }

    // ---- what follows the number -----------------------------------------------------

    /// Reads what follows a number at token `j` (percent words, ranges, ratios,
    /// alternatives, the unit or counted noun, "or more"), then the qualifier before it,
    /// and decides whether it is a figure at all (years, pronoun "one").
    fn finish(
        &self,
        mut r: Reading,
        mut j: usize,
        mut unit: Option<Unit>,
        traits: Traits,
    ) -> Outcome {
        let number_end = r.end;
        let first_amount = r.amount.unwrap_or_default();
        // "from 2 to 3 p.m.": both numbers are clock times.
        if self.word(j).is_some_and(|w| w.is("to") || w.is("and")) && self.clock_at(j + 2) {
            return Outcome::Skip(number_end);
        }
        if unit.is_none() {
            if let Some((u, end, next)) = self.percent_words(j) {
                unit = Some(u);
                r.end = end;
                j = next;
            }
        }
        // A tally is one figure without an amount: "by 52 votes to 48", whose first number
        // carries the noun, and "voted seven to two".
        let tally_second = if self.word(j).is_some_and(|w| w.is("votes"))
            && self.word_is(j + 1, "to")
            && unit.is_none()
        {
            Some(j + 2)
        } else if self.word_is(j, "to") && self.after_vote(r.start) {
            Some(j + 1)
        } else {
            None
        };
        let clause_ends = |c: &Core| {
            self.tok(c.next)
                .is_none_or(|x| x.shape == Shape::Mark || is_stop(&x.lower()))
        };
        // A cricket score, runs for wickets: "415 for 6", "closed on 280 for 9." One
        // figure without an amount. Both are in digits, the wickets number ten at most
        // and end the clause; "5 for 10 years" counts years.
        if unit.is_none() && !traits.spelled && self.word_is(j, "for") {
            let wickets = self
                .tok(j + 1)
                .is_some_and(|x| x.shape == Shape::Digits)
                .then(|| self.core_at(j + 1))
                .flatten()
                .filter(|c| c.scale.is_none() && c.amount <= 10.0 && clause_ends(c));
            if let Some(c) = wickets {
                return Outcome::Figure(Reading::unvalued(r.start, c.end, "score"));
            }
        }
        // A score written with "to" after a result: "lost 98 to 74", "a score of 3 to 1".
        // The second number ends the clause; "won 10 to 12 seats" is a range.
        if unit.is_none() && self.word_is(j, "to") && self.after_result(r.start) {
            if let Some(c) = self
                .core_at(j + 1)
                .filter(|c| c.scale.is_none() && clause_ends(c))
            {
                return Outcome::Figure(Reading::unvalued(r.start, c.end, "score"));
            }
        }
        if let Some(second) = tally_second {
            if let Some(c) = self.core_at(second).filter(|c| c.amount <= first_amount) {
                return Outcome::Figure(Reading::unvalued(r.start, c.end, "vote"));
            }
        }
        let mut alternative_unit = None;
        let mut ranged = false;
        // "or more", "or so" right after the number.
        if let Some((q, end, next)) = self.or_more(j) {
            r.qualifier = Some(q);
            r.end = end;
            j = next;
        } else if let Some((end, next)) = self.ratio_to_one(j, &r, traits) {
            // "outspent 3 to 1": the ratio is one figure, its first number.
            r.end = end;
            j = next;
            ranged = true;
        } else if let Some(second) = self.range_second(j, &r, unit.as_ref()) {
            // "10 to 12", "between 5 and 7 per cent", "$5 million to $10 million".
            let (core, second_unit, end, next) = second;
            if traits.year_like && core.year_like {
                return Outcome::Skip(end);
            }
            let mut lower = first_amount;
            if traits.scale.is_none() {
                if let Some(s) = core.scale {
                    if lower < core.amount / s {
                        lower *= s;
                    }
                }
            }
            r.amount = Some(lower);
            r.upper = Some(core.amount);
            r.end = end;
            j = next;
            if unit.is_none() {
                unit = second_unit;
            }
            ranged = true;
        } else if let Some((num, den_end, next)) = self.ratio(j, first_amount) {
            // "one in three visits".
            r.amount = Some(num);
            r.end = den_end;
            j = next;
            ranged = true;
        } else if self.word_is(j, "or") || self.word_is(j, "and") {
            // "two or three goals": "two" takes the unit of "three goals"; so does
            // "three" in "sentences of three and five years".
            if let Some(c) = self.core_at(j + 1) {
                // "20 or 30 years ago": an alternative inside a date, no figure of its own.
                let ago = self
                    .word(c.next)
                    .is_some_and(|u| time_unit(&u.lower()).is_some())
                    && self.word_is(c.next + 1, "ago");
                if ago {
                    return Outcome::Skip(c.end);
                }
                alternative_unit = self
                    .noun_phrase(c.next, c.amount == 1.0)
                    .map(|(u, _, _)| u)
                    .or_else(|| self.percent_words(c.next).map(|(u, _, _)| u));
            }
        }

        // "a 0.25 percentage point increase": the unit in the singular before the noun it
        // measures, as in the plural.
        if unit.is_none()
            && self.word_is(j, "percentage")
            && (self.word_is(j + 1, "point") || self.word_is(j + 1, "points"))
        {
            unit = Some(Unit::new("percentage point", UnitKind::Measure));
            r.end = self.toks[j + 1].end;
            j += 2;
        }
        // The unit or counted noun.
        if unit.is_none() && alternative_unit.is_none() && !traits.no_noun {
            // One thing, or a fraction of one: "one shell", "a 1/2 majority".
            let singular_expected =
                (r.amount == Some(1.0) || traits.fraction) && r.upper.is_none() && !ranged;
            if let Some((u, end, next)) = self.noun_phrase(j, singular_expected) {
                if u.kind == UnitKind::Time && self.word_is(next, "ago") {
                    return Outcome::Skip(end); // "10 years ago" is a date
                }
                // "with 24 seconds left", "on 50 minutes": a game clock or a match
                // minute, not a duration.
                let clock_unit = matches!(u.name.as_str(), "second" | "minute");
                // "with 2 minutes to go", "with 30 seconds to play" count down the clock
                // too.
                let to_go = self.word_is(next, "to")
                    && (self.word_is(next + 1, "go") || self.word_is(next + 1, "play"));
                let left = to_go
                    || self
                        .word(next)
                        .is_some_and(|x| fw().clock_left_words.contains(x.text));
                let on = self.before(r.start).last().is_some_and(|p| p.is("on"));
                if clock_unit && (left || on && u.name == "minute") {
                    return Outcome::Skip(end);
                }
                r.end = end;
                j = next;
                unit = Some(u);
                if unit.as_ref().is_some_and(|u| u.kind == UnitKind::Time) && self.word_is(j, "old")
                {
                    r.end = self.toks[j].end; // "19 year old"
                    j += 1;
                }
            }
        }
        if let Some(u) = &unit {
            if u.factor != 1.0 {
                r.amount = r.amount.map(|a| a * u.factor);
                r.upper = r.upper.map(|a| a * u.factor);
            }
        }
        if r.qualifier.is_none() {
            if let Some((q, end, _)) = self.or_more(j) {
                r.qualifier = Some(q);
                r.end = end;
            }
        }

        // Years: "in 2002", "the 1991 Hajj", "the 2014 protests", "2000 levels" are dates;
        // "1709 schoolchildren", "in 1500 years" and "2000 km" are figures.
        if traits.year_like && !traits.money_before {
            // "Apple's 1990 earnings": an owner's year leads like "its".
            let lead = self
                .before(r.start)
                .last()
                .filter(|p| fw().year_leads.contains(&p.lower()) || possessive(p.text));
            let counted = match &unit {
                Some(u) if u.kind == UnitKind::Counted => {
                    u.plural_noun && lead.is_none_or(|p| p.is("of"))
                }
                Some(_) => true,
                None => false,
            };
            if !counted {
                return Outcome::Skip(number_end);
            }
        }

        let has_noun = unit.is_some() || alternative_unit.is_some();
        if r.unit.is_none() {
            r.unit = unit
                .as_ref()
                .or(alternative_unit.as_ref())
                .map(|u| u.name.clone());
        }
        if r.qualifier.is_none() {
            self.qualify(&mut r);
        }

        // "one" is a pronoun or determiner unless it counts something: "one of the aims",
        // "no one", "One Rohingya said", "one poster wrote" are not figures; "fired one
        // shell", "at least one shell", "only one day", "one or two points" are.
        if traits.one && !ranged {
            let prev = self.before(r.start).last();
            // "with one hand" counts; "with one poster writing", "with one side of the
            // planet exposed" open a clause.
            let with_count = prev.is_some_and(|p| p.is("with"))
                && !self
                    .word(j)
                    .is_some_and(|x| x.is("of") || x.lower().ends_with("ing"));
            // "One person was killed": a sentence's subject counted before its verb.
            let opens = prev.is_none_or(|p| {
                p.shape == Shape::Mark
                    && matches!(p.text, "." | "!" | "?" | ";" | "\"" | "\u{201c}")
            });
            let count_verb = self
                .word(j)
                .is_some_and(|x| fw().one_count_verbs.contains(&x.lower()));
            let subject_count = opens && count_verb;
            // "one day prior to the rally": a duration anchored to an event.
            let anchored = unit.as_ref().is_some_and(|u| u.kind == UnitKind::Time)
                && self
                    .word(j)
                    .is_some_and(|x| fw().anchor_words.contains(&x.lower()));
            // "ten were white and one was black": a count beside another count of its
            // clause, as its verb's subject.
            let parallel = prev.is_some_and(|p| p.is("and") || p.is("but") || p.is_mark(","))
                && count_verb
                && self.count_before_in_sentence(r.start);
            // "One juror and six alternates": a count joined to another; "one son and one
            // daughter", "one national and one made up of refugees" name single items.
            let joined = (self.word_is(j, "and") || self.word_is(j, "or"))
                && self.core_at(j + 1).is_some_and(|c| c.amount != 1.0);
            let counts = r.qualifier.is_some()
                || with_count
                || subject_count
                || anchored
                || parallel
                || joined
                || prev.is_some_and(|p| {
                    p.is_word() && !p.capitalized() && !introduces_pronoun_one(&p.lower())
                });
            // "ahead by one.": a margin standing alone.
            let margin = prev.is_some_and(|p| p.is("by"))
                && self.tok(j).is_none_or(|x| x.shape == Shape::Mark);
            let noun_ok = unit
                .as_ref()
                .is_some_and(|u| u.kind != UnitKind::Counted || !u.name.is_empty())
                || alternative_unit.is_some()
                || margin;
            if !(counts && (noun_ok || parallel)) {
                return Outcome::Skip(number_end);
            }
        }
        // A capitalized number word before a capitalized word, counting nothing, names
        // something: "Nine News said", "Seven Network".
        if traits.spelled && !has_noun && r.qualifier.is_none() {
            let first = &self.toks[0];
            let name_follows = self.word(1).is_some_and(|n| n.capitalized());
            // In a headline every word is capitalized: "Two Dead, Five Hurt In Shooting".
            if first.capitalized() && name_follows && !self.title_case() {
                return Outcome::Skip(number_end);
            }
        }
        // A bare number after "the" names something ("the 747"), unless counted.
        let lead = self.before(r.start).last();
        if !has_noun
            && !ranged
            && r.qualifier.is_none()
            && !traits.spelled
            && lead.is_some_and(|p| p.is("the"))
        {
            return Outcome::Skip(number_end);
        }
        // "the top ten" is a rank group; "phoned 911" dials a number. "cases top 1,000"
        // exceeds it: "top" is then its clause's verb.
        if !has_noun
            && !ranged
            && r.qualifier.is_none()
            && lead.is_some_and(|p| {
                p.is("top") && !self.top_as_verb(r.start) || fw().calling_verbs.contains(&p.lower())
            })
        {
            return Outcome::Skip(number_end);
        }
        // "zero tolerance", "zero hour": "zero" before a singular noun names a policy or
        // a moment, not an amount ("zero deaths", "fell to zero" are amounts).
        if !has_noun
            && r.qualifier.is_none()
            && self.toks[0].is("zero")
            && self
                .word(j)
                .is_some_and(|x| noun_like(x) && !is_plural(&x.lower()))
        {
            return Outcome::Skip(number_end);
        }
        // "a 3 pointer", "the annual 420 event", "his first 400 win": after a determiner
        // or an adjective, a bare number before a singular noun names a kind of thing; a
        // count takes a plural ("67 remain missing" is a count and a verb).
        let modifier_lead = lead.is_some_and(|p| {
            let pw = p.lower();
            fw().determiners.contains(&pw)
                || fw().possessive_determiners.contains(&pw)
                || possessive(p.text)
                || !p.capitalized() && (is_plain_adjective(&pw) || adjective_ending(&pw))
        });
        let scale_lead = lead.is_some_and(|p| fw().scale_names.contains(&p.lower()));
        // A decimal names no kind of thing: "a 0.25 point cut" is an amount.
        let decimal = self.toks[0].shape == Shape::Digits && self.toks[0].text.contains('.');
        if !has_noun
            && !ranged
            && r.qualifier.is_none()
            && !traits.fraction
            && !traits.money_before
            && !decimal
            && modifier_lead
            && !scale_lead
            && r.amount != Some(1.0)
            && self
                .word(j)
                .is_some_and(|x| noun_like(x) && !is_plural(&x.lower()))
        {
            return Outcome::Skip(number_end);
        }
        if r.unit.is_none() && self.aged_before(r.start) {
            r.unit = Some("year".to_string());
        }
        // "a magnitude 7.8 earthquake", "level seven": the scale is written first and
        // belongs to the figure.
        if r.unit.is_none() {
            let scale = self
                .before(r.start)
                .last()
                .filter(|p| fw().scale_names.contains(p.text));
            if let Some(p) = scale {
                r.unit = Some(p.lower().into_owned());
                r.start = p.start;
            }
        }
        Outcome::Figure(r)
    }

    /// "per cent", "percent", "pct" at token `j`: the unit, where it ends, the next token.
    fn percent_words(&self, j: usize) -> Option<(Unit, usize, usize)> {
        let w = self.word(j)?;
        let percent = Unit::new("percent", UnitKind::Percent);
        if units().percent_word(&w.lower()) {
            return Some((percent, w.end, j + 1));
        }
        units().percent_phrases.iter().find_map(|phrase| {
            let n = phrase.len();
            let all = (0..n).all(|i| self.word(j + i).is_some_and(|x| x.is(&phrase[i])));
            all.then(|| (percent.clone(), self.toks[j + n - 1].end, j + n))
        })
    }

    /// "or more" (at least), "or so" (about), "or less"/"or fewer" (at most), "and above".
    fn or_more(&self, j: usize) -> Option<(&'static str, usize, usize)> {
        let c = self.word(j)?;
        let n = self.word(j + 1)?;
        let q = qualifiers().after(&c.lower(), &n.lower())?;
        // "107 or more people" keeps going only when the phrase ends here.
        if self
            .word(j + 2)
            .is_some_and(|x| !is_stop(&x.lower()) && x.is("than"))
        {
            return None;
        }
        Some((q, n.end, j + 2))
    }

    /// The upper bound of a range after token `j`: "to 12", "and 7" after "between",
    /// "to $10 million", "to 12%". Returns the number, its unit, where it ends, the next
    /// token.
    fn range_second(
        &self,
        j: usize,
        r: &Reading,
        unit: Option<&Unit>,
    ) -> Option<(Core, Option<Unit>, usize, usize)> {
        let joiner = self.word(j)?;
        let lead = self.before(r.start).last();
        let between = lead.is_some_and(|p| p.is("between"));
        if !(joiner.is("to") || joiner.is("and") && between) {
            return None;
        }
        // "rose $2 to $85": a change and the level it reached, two figures.
        if lead.is_some_and(|p| fw().change_verbs.contains(&p.lower())) {
            return None;
        }
        let mut k = j + 1;
        let mut second_unit = None;
        if let Some(sym) = self.tok(k).filter(|s| s.shape == Shape::Mark) {
            let code = currency_symbol(sym.text)?;
            if unit.is_none_or(|u| u.name != code) {
                return None;
            }
            second_unit = Some(Unit::new(code, UnitKind::Money));
            k += 1;
        }
        let core = self.core_at(k)?;
        if core.amount <= r.amount.unwrap_or_default() && core.scale.is_none() {
            return None;
        }
        let mut end = core.end;
        let mut next = core.next;
        if let Some(m) = self.tok(next).filter(|m| m.glued && m.is_mark("%")) {
            second_unit = Some(Unit::new("percent", UnitKind::Percent));
            end = m.end;
            next += 1;
        } else if let Some((u, e, n)) = self.percent_words(next) {
            second_unit = Some(u);
            end = e;
            next = n;
        }
        match (unit, &second_unit) {
            (Some(a), Some(b)) if a.name != b.name => return None,
            (Some(_), None) => return None,
            _ => {}
        }
        Some((core, second_unit, end, next))
    }

    /// A ratio to one after the number `r` read so far, its "to" at token `j`:
    /// "outnumbered 3 to 1", "outspent five to one", whose figure is the first number.
    /// Where the ratio ends and the next token. A whole number above one before it, and
    /// the "1" ending the clause; "from 3 to 1", "fell 3 to 1" (a change) and a year are
    /// no ratio, nor a score after a result ("won 3 to 1", read before this).
    fn ratio_to_one(&self, j: usize, r: &Reading, traits: Traits) -> Option<(usize, usize)> {
        let first = r.amount?;
        if !self.word_is(j, "to") || traits.year_like || first <= 1.0 || first.fract() != 0.0 {
            return None;
        }
        let lead = self.before(r.start).last();
        if lead.is_some_and(|p| p.is("from") || fw().change_verbs.contains(&p.lower())) {
            return None;
        }
        let c = self.core_at(j + 1)?;
        let ends = self
            .tok(c.next)
            .is_none_or(|x| x.shape == Shape::Mark || is_stop(&x.lower()));
        (c.amount == 1.0 && c.scale.is_none() && ends).then_some((c.end, c.next))
    }

    /// "one in three visits", "seven out of 10 people": the fraction, where the
    /// denominator ends, the next token.
    fn ratio(&self, j: usize, num: f64) -> Option<(f64, usize, usize)> {
        let mut k = if self.word_is(j, "in") {
            j + 1
        } else if self.word_is(j, "out") && self.word_is(j + 1, "of") {
            j + 2
        } else {
            return None;
        };
        if self.word_is(k, "every") {
            k += 1; // "one in every 10 children"
        }
        let core = self.core_at(k)?;
        // "eight in 24 hours" is a count within a time, not a ratio.
        if self
            .word(core.next)
            .is_some_and(|x| time_unit(&x.lower()).is_some())
        {
            return None;
        }
        // Odds of one go as long as they need: "a 1 in 2,700 chance", "one in 10,000".
        let longest = if num == 1.0 { 1e9 } else { 1000.0 };
        if num.fract() != 0.0
            || num > 10.0
            || core.amount <= num
            || core.amount > longest
            || core.year_like
        {
            return None;
        }
        Some((num / core.amount, core.end, core.next))
    }

    /// A plain number at token `i` (digits with a scale, or number words), for the second
    /// half of ranges, ratios and alternatives.
    fn core_at(&self, i: usize) -> Option<Core> {
        let t = self.tok(i)?;
        match t.shape {
            Shape::Digits => {
                let v = number::parse_digits(t.text)?;
                let mut core = Core {
                    amount: v,
                    end: t.end,
                    next: i + 1,
                    scale: None,
                    year_like: is_year_like(t.text, v),
                };
                if let Some(n) = self.tok(i + 1) {
                    let s = if n.glued && n.is_word() {
                        // "3bn", "1.2m", "20k"; never a glued "b".
                        match number::scale_word(&n.lower()) {
                            Some(s) if !n.is("b") => Some(s),
                            _ => return None,
                        }
                    } else if n.is_word() {
                        spaced_scale(&n.lower())
                    } else {
                        None
                    };
                    if let Some(s) = s {
                        core.amount *= s;
                        core.scale = Some(s);
                        core.end = n.end;
                        core.next = i + 2;
                    }
                }
                Some(core)
            }
            Shape::Word => {
                let words: Vec<&str> = self.toks[i..]
                    .iter()
                    .enumerate()
                    .take_while(|(k, x)| x.is_word() && (*k == 0 || !x.glued))
                    .map(|(_, x)| x.text)
                    .take(8)
                    .collect();
                let first = words.first()?.to_ascii_lowercase();
                if matches!(first.as_str(), "a" | "an" | "half")
                    || number::fraction_word(&first).is_some()
                {
                    return None;
                }
                let (v, used) = number::parse_words(&words)?;
                let scaled = words[..used]
                    .iter()
                    .rev()
                    .find_map(|w| spaced_scale(&w.to_ascii_lowercase()));
                Some(Core {
                    amount: v,
                    end: self.toks[i + used - 1].end,
                    next: i + used,
                    scale: scaled,
                    year_like: false,
                })
            }
            Shape::Mark => None,
        }
    }

    /// Is the glued token `k` (after the noun phrase's start `j`) inside a name written with
    /// digits or a hyphen: "COVID-19", "H1N1", "A320"? Such a name starts with a capital
    /// standing apart and runs on through glued letters, digits and hyphens, and holds a
    /// digit.
    fn in_glued_name(&self, j: usize, k: usize) -> bool {
        let mut first = k;
        while first > j && self.toks[first].glued {
            first -= 1;
        }
        let head = self.toks[first];
        if !head.is_word() || !head.capitalized() || head.glued {
            return false;
        }
        let part = |t: &Token| t.is_word() || t.shape == Shape::Digits || t.is_mark("-");
        let run = &self.toks[first + 1..=k];
        run.iter().all(part)
            && (run.iter().any(|t| t.shape == Shape::Digits)
                || self
                    .tok(k + 1)
                    .is_some_and(|n| n.glued && n.shape == Shape::Digits))
    }

    /// The unit or counted noun at token `j`: a unit word ("km", "hours", "euros"), or the
    /// head of the noun phrase, skipping its adjectives ("three remaining Space Shuttle
    /// orbiters" -> "orbiter"). In the plural case the head is the first plural noun; in
    /// the singular case ("one shell") the first noun after any adjectives.
    fn noun_phrase(&self, j: usize, singular_expected: bool) -> Option<(Unit, usize, usize)> {
        let mut k = j;
        let mut taken = 0;
        while let Some(t) = self.tok(k) {
            // A name with digits glued into it: "1,204 COVID-19 cases", "300 H1N1
            // infections", "20 A320 jets" (the phrase walks on past the name).
            let name_starts = t.is_word()
                && !t.glued
                && t.capitalized()
                && self
                    .tok(k + 1)
                    .is_some_and(|d| d.glued && d.shape == Shape::Digits);
            // A year right before a code is a designation, not a count: "asteroid 1999
            // RQ36 spins".
            let after_year = k == j
                && self.toks[0].shape == Shape::Digits
                && number::parse_digits(self.toks[0].text)
                    .is_some_and(|v| is_year_like(self.toks[0].text, v));
            if name_starts && after_year {
                return None;
            }
            if name_starts || t.glued && k > j && self.in_glued_name(j, k) {
                k += 1;
                continue;
            }
            // A model after its name: "14 Leopard 2s", "4.5 million PlayStation 4 consoles".
            if t.shape == Shape::Digits && k > j && !t.glued {
                let name = self.toks[k - 1];
                if !name.is_word() || !name.text.chars().any(char::is_uppercase) {
                    break;
                }
                if let Some(s) = self.tok(k + 1).filter(|s| s.glued && s.text == "s") {
                    let unit = Unit {
                        name: format!("{} {}", name.lower(), t.text),
                        kind: UnitKind::Counted,
                        factor: 1.0,
                        plural_noun: false,
                    };
                    return Some((unit, s.end, k + 2));
                }
                if self.word(k + 1).is_none() {
                    break;
                }
                taken += 1;
                k += 1;
                continue;
            }
            // "two distinct Portable Document Format (PDF) files": a name's abbreviation
            // in brackets after it belongs to the phrase.
            let abbreviation = t.is_mark("(")
                && k > j
                && self.toks[k - 1].is_word()
                && self.toks[k - 1].capitalized()
                && self
                    .tok(k + 1)
                    .is_some_and(|a| a.glued && a.is_word() && in_capitals(a.text))
                && self.tok(k + 2).is_some_and(|c| c.glued && c.is_mark(")"));
            if abbreviation && taken < 6 {
                taken += 1;
                k += 3;
                continue;
            }
            if !t.is_word() || t.glued {
                break;
            }
            let w = t.lower();
            if let Some(u) = unit_word(&w, t.text) {
                let mut u = u;
                // "300,000 last year", "5,000 this month": the time word belongs to a
                // date, so the figure has no unit here.
                if u.kind == UnitKind::Time
                    && k > j
                    && fw().time_determiners.contains(&self.toks[k - 1].lower())
                {
                    return None;
                }
                if u.name == "degree" {
                    // "40 degrees Celsius".
                    if let Some(c) = self.word(k + 1) {
                        let scale = units().temperature(c.text);
                        if let Some(name) = scale {
                            u.name = name.to_string();
                            return Some((u, c.end, k + 2));
                        }
                    }
                }
                // "weighs 180 pounds": a currency word that is also a weight.
                if u.kind == UnitKind::Money {
                    let weighed = self
                        .before(self.toks[0].start)
                        .last()
                        .is_some_and(|p| fw().weighing_words.contains(&p.lower()));
                    if let Some(m) = units().measure_alias(&w).filter(|_| weighed) {
                        u = Unit::new(m, UnitKind::Measure);
                    }
                }
                if u.kind == UnitKind::Money && k > j {
                    // "Australian dollars", "Hong Kong dollars".
                    let adjective = self.toks[k - 1].lower();
                    u.name = currency_of_country(&adjective, currency_word(&w).unwrap_or("USD"))
                        .to_string();
                }
                let only_adjectives = self.toks[j..k].iter().all(|m| {
                    let l = m.lower();
                    m.capitalized()
                        || adjective_ending(&l)
                        || is_plain_adjective(&l)
                        || l == "square"
                        || l == "sq"
                });
                if k == j || only_adjectives {
                    let squared =
                        k > j && matches!(self.toks[k - 1].lower().as_ref(), "square" | "sq");
                    if squared && u.kind == UnitKind::Measure {
                        u.name = format!("{}2", u.name);
                    }
                    // "40 km2", "1,000 km²": a power glued to the symbol.
                    if let Some(p) = self.tok(k + 1).filter(|p| {
                        p.glued
                            && u.kind == UnitKind::Measure
                            && matches!(p.text, "2" | "²" | "3" | "³")
                    }) {
                        let power = if matches!(p.text, "2" | "²") { 2 } else { 3 };
                        u.name = format!("{}{power}", u.name);
                        return Some((u, p.end, k + 2));
                    }
                    // A speed: "1,212 miles per hour", "60 km an hour".
                    let per = self.word_is(k + 1, "per")
                        || self.word_is(k + 1, "an")
                        || self.word_is(k + 1, "a");
                    let time = self.word(k + 2).and_then(|x| time_unit(&x.lower()));
                    if let (true, Some((time, _)), UnitKind::Measure) = (per, time, u.kind) {
                        u.name = match (u.name.as_str(), time) {
                            ("mi", "hour") => "mph".to_string(),
                            (distance, "hour") => format!("{distance}/h"),
                            (distance, "second") => format!("{distance}/s"),
                            (distance, other) => format!("{distance}/{other}"),
                        };
                        return Some((u, self.toks[k + 2].end, k + 3));
                    }
                    // "58,000 km/h", "3 m/s": a measure over a time written with a slash.
                    if let (Some(sl), Some(h)) = (self.tok(k + 1), self.tok(k + 2)) {
                        let per_time = sl.glued
                            && sl.is_mark("/")
                            && h.glued
                            && h.is_word()
                            && h.text.len() <= 3
                            && u.kind == UnitKind::Measure;
                        if per_time {
                            u.name = format!("{}/{}", u.name, h.text);
                            return Some((u, h.end, k + 3));
                        }
                    }
                    return Some((u, t.end, k + 1));
                }
                // A unit word as the head of a longer phrase is a counted noun.
            }
            // "50,000 more nurses", "two fewer seats": the comparison belongs to the count.
            if k == j && (w == "more" || w == "fewer") {
                let noun_next = self.word(k + 1).is_some_and(|n| {
                    let nw = n.lower();
                    !is_stop(&nw) && (is_plural(&nw) || demonym_plural(n))
                });
                if noun_next {
                    taken += 1;
                    k += 1;
                    continue;
                }
            }
            // A stop word in capitals is an abbreviation: "20,000 US dollars".
            let stop = is_stop(&w) && !in_capitals(t.text);
            if stop || number::compound(&w).is_some() || spaced_scale(&w).is_some() {
                // "212 confirmed and probable cases": two adjectives joined.
                let joined = (w == "and" || w == "or")
                    && k > j
                    && adjective_like(&self.toks[k - 1])
                    && self.word(k + 1).is_some_and(adjective_like);
                if joined && taken < 4 {
                    taken += 1;
                    k += 1;
                    continue;
                }
                break;
            }
            if !singular_expected && (is_plural(&w) || demonym_plural(t)) {
                // "10 Israelis" is the head, but a name or a collective noun before a
                // plural noun modifies it: "two Hamas members", "12 crew members", "two
                // Champions League titles".
                let head = if t.capitalized() || is_collective(&w) {
                    self.plural_head_after(k)
                } else {
                    None
                };
                let (k, t) = match head {
                    Some(h) => (h, &self.toks[h]),
                    None => (k, t),
                };
                // "The squad of 23 includes five": a verb in "-s" before its object.
                let object_follows = self.tok(k + 1).is_some_and(|n| {
                    !n.glued
                        && (n.shape == Shape::Digits
                            || n.is_word()
                                && (number::compound(&n.lower()).is_some()
                                    || fw().possessive_determiners.contains(n.text)))
                });
                if object_follows && k == j && !t.capitalized() && !fw().counter_nouns.contains(&w)
                {
                    return None;
                }
                let w = t.lower();
                let modifier = (k > j).then(|| &self.toks[k - 1]);
                let unit = Unit {
                    name: counted_name(modifier, t),
                    kind: UnitKind::Counted,
                    factor: 1.0,
                    plural_noun: !t.capitalized() && !is_year_noun(&w),
                };
                // "239 passengers and crew": a collective joined to the head is counted
                // with it.
                if self.word_is(k + 1, "and") {
                    if let Some(c) = self.word(k + 2).filter(|c| {
                        fw().irregular_plurals.contains(c.text)
                            && self
                                .tok(k + 3)
                                .is_none_or(|x| x.shape == Shape::Mark || is_stop(&x.lower()))
                    }) {
                        let mut unit = unit;
                        unit.name = format!("{} and {}", unit.name, c.lower());
                        return Some((unit, c.end, k + 3));
                    }
                }
                return Some((unit, t.end, k + 1));
            }
            if singular_expected {
                let adjective = t.capitalized() || adjective_ending(&w) || is_plain_adjective(&w);
                let next_is_word = self
                    .word(k + 1)
                    .is_some_and(|n| !is_stop(&n.lower()) && n.is_word());
                if adjective && next_is_word && taken < 3 {
                    taken += 1;
                    k += 1;
                    continue;
                }
                if noun_like(t) && !is_plural(&w) {
                    let modifier = (k > j).then(|| &self.toks[k - 1]);
                    let unit = Unit {
                        name: counted_name(modifier, t),
                        kind: UnitKind::Counted,
                        factor: 1.0,
                        plural_noun: false,
                    };
                    return Some((unit, t.end, k + 1));
                }
                return None;
            }
            taken += 1;
            k += 1;
            if taken > 4 {
                return None;
            }
        }
        None
    }

    /// The lower-case plural noun within two words after a plural at `k` that modifies
    /// it: "members" after "Hamas", "titles" after "Champions League".
    fn plural_head_after(&self, k: usize) -> Option<usize> {
        for h in k + 1..=k + 2 {
            let t = self.word(h)?;
            let w = t.lower();
            if is_stop(&w) || number::compound(&w).is_some() || time_unit(&w).is_some() {
                return None;
            }
            if !t.capitalized() {
                return is_plural(&w).then_some(h);
            }
        }
        None
    }

    // ---- what precedes the number ----------------------------------------------------

    /// Sets the qualifier from the words right before the span ("more than", "about",
    /// "an estimated", "between") and widens the span to cover them.
    fn qualify(&self, r: &mut Reading) {
        let before = self.before(r.start);
        if let Some(tilde) = before.last().filter(|t| t.is_mark("~")) {
            r.qualifier = Some("about");
            r.start = tilde.start;
            return;
        }
        // Only words that directly precede, with nothing but spaces between.
        let n = before
            .iter()
            .rev()
            .take(3)
            .take_while(|t| t.is_word())
            .count();
        let words = &before[before.len() - n..];
        if words.last().is_some_and(|w| w.is("between")) && r.upper.is_some() {
            r.start = words[words.len() - 1].start;
            return;
        }
        for phrase in &qualifiers().before {
            let (pattern, q) = (&phrase.words, phrase.normal);
            if pattern.len() > words.len() {
                continue;
            }
            let tail = &words[words.len() - pattern.len()..];
            if tail.iter().zip(pattern.iter()).all(|(t, p)| t.is(p)) {
                // "8% more than a year before", "three times more than": a comparison
                // that an amount before it makes, not a bound on the amount after it.
                let compared = pattern.len() >= 2
                    && pattern[pattern.len() - 1] == "than"
                    && before[..before.len() - pattern.len()]
                        .last()
                        .is_some_and(|p| {
                            // A year before it ("in 2022 more than 4,000") compares nothing.
                            p.shape == Shape::Digits
                                && !number::parse_digits(p.text)
                                    .is_some_and(|v| is_year_like(p.text, v))
                                || p.is_mark("%")
                                || p.is("times")
                                || p.is("percent")
                                || p.is("cent")
                        });
                if compared {
                    return;
                }
                // "turned around twice", "handed over 500 rifles", "edged up to 5.9 per
                // cent": the particle of a phrasal verb, not a qualifier.
                let verb = words.len() > pattern.len()
                    && qualifiers().takes_particle(
                        &words[words.len() - pattern.len() - 1].lower(),
                        &pattern[0],
                    );
                if verb {
                    return;
                }
                // "83 witnesses over 18 months", "300mm over four days": "over" says
                // when, not how many.
                let time = r.unit.as_deref().is_some_and(|u| time_unit(u).is_some());
                // "cost $4.2 billion over 10 years", "heard evidence over six weeks",
                // "Over two decades, ...": a stretch of time, unless a word that takes a
                // duration comes first ("jailed for over 10 years", "lasted over an hour").
                let during = pattern.len() == 1
                    && pattern[0] == "over"
                    && time
                    && !before[..before.len() - 1]
                        .last()
                        .is_some_and(|p| fw().duration_leads.contains(&p.lower()));
                if during {
                    return;
                }
                r.qualifier = Some(q);
                r.start = tail[0].start;
                return;
            }
        }
    }

    /// Does a word of voting stand right before `start` ("voted 7-2", "by a vote of
    /// 74-24", "the vote was 5 to 4")?
    fn after_vote(&self, start: usize) -> bool {
        let before = self.before(start);
        match before {
            // "a vote of 74-24", "the vote was 5 to 4".
            [.., v, link] if link.is("of") || link.is("was") || link.is("is") => {
                fw().vote_words.contains(v.text)
            }
            [.., v] => fw().vote_words.contains(v.text),
            [] => false,
        }
    }

    /// Is the number a list item's marker: first on its line, with a glued "." or ")" and
    /// then a space ("1. Introduction", "2) Methods")?
    fn list_marker(&self) -> bool {
        // `back` stops at a line break: empty, it leaves the number first on its line.
        let line_start = self.back.is_empty() && !self.toks[0].glued;
        line_start
            && self
                .tok(1)
                .is_some_and(|m| m.glued && (m.is_mark(".") || m.is_mark(")")))
            && self.tok(2).is_none_or(|n| !n.glued)
    }

    /// Does a game's result stand right before `start`: a verb of winning or losing ("lost
    /// 98 to 74") or a score noun with "of", "was" or "is" ("a score of 3 to 1")?
    fn after_result(&self, start: usize) -> bool {
        match self.before(start) {
            [.., s, link] if link.is("of") || link.is("was") || link.is("is") => {
                s.is("score") || s.is("scoreline")
            }
            [.., v] => fw().result_verbs.contains(&v.lower()),
            [] => false,
        }
    }

    /// Does a figure end a few words before `start`, with no punctuation between ("two
    /// litres of water" before "a day")?
    fn just_after_figure(&self, start: usize) -> bool {
        if self.previous == 0 || self.back.first().is_none_or(|f| f.start >= self.previous) {
            return false;
        }
        // Nothing, or what the figure counts: "60 cars", "two litres of water".
        let between = self
            .before(start)
            .iter()
            .filter(|t| t.start >= self.previous);
        let mut count = 0;
        for t in between {
            let w = t.lower();
            if !t.is_word() || is_stop(&w) && w != "of" || w.ends_with("ed") {
                return false;
            }
            count += 1;
        }
        count <= 2
    }

    /// Is there a number right before the word that ends at `start` ("60 cars" before
    /// "an hour")?
    fn counted_before(&self, start: usize) -> bool {
        let before = self.before(start);
        before
            .last()
            .is_some_and(|p| p.shape == Shape::Digits || number::compound(&p.lower()).is_some())
    }

    /// Is the word before `start` "aged", "age" or "ages" (or "age of"), possibly with
    /// other ages listed between ("aged 8, 11 and 14")?
    fn aged_before(&self, start: usize) -> bool {
        let mut before = self.before(start);
        while let [rest @ .., d, sep] = before {
            if d.shape == Shape::Digits && (sep.is_mark(",") || sep.is("and")) {
                before = rest;
            } else {
                break;
            }
        }
        let n = before.len();
        match before.last() {
            Some(p) if p.is("aged") || p.is("age") || p.is("ages") => true,
            Some(p) if p.is("of") => n >= 2 && before[n - 2].is("age"),
            _ => false,
        }
    }

    /// "Thomas Sam, 42, and ...": a number between commas after a name is an age.
    fn age_after_name(&self, value: f64, integer: bool) -> Option<Reading> {
        let t = self.toks[0];
        if !integer || !(1.0..=120.0).contains(&value) || t.glued {
            return None;
        }
        let comma_after = self.tok(1).is_some_and(|c| {
            c.glued && (c.is_mark(",") || c.is_mark(")") || c.is_mark(".") || c.is_mark(";"))
        });
        let n = self.back.len();
        let comma_before = n >= 2 && self.back[n - 1].is_mark(",") && self.back[n - 1].glued;
        if !comma_after || !comma_before {
            return None;
        }
        // "Ruth Hicks, 26,", "the president, 81,".
        let name = self.back[n - 2];
        let person = name.is_word() && (name.capitalized() || noun_like(&name));
        if !person || is_month(&name) || is_function_word(&name.lower()) {
            return None;
        }
        let mut r = Reading::new(t.start, t.end, value);
        r.unit = Some("year".to_string());
        Some(r)
    }

    /// A currency right before `start`: "$", "US$", "A$", "€", "USD ", "Rs.". Returns the
    /// ISO code and where the currency starts.
    fn currency_before(&self, start: usize) -> Option<(&'static str, usize)> {
        let before = self.before(start);
        let n = before.len();
        let last = before.last()?;
        match last.shape {
            Shape::Mark => {
                if let Some(code) = currency_symbol(last.text) {
                    if last.text == "$" && last.glued && n >= 2 {
                        let p = before[n - 2];
                        if p.is_word() {
                            if let Some(c) = dollar_prefix(p.text) {
                                return Some((c, p.start));
                            }
                        }
                    }
                    return Some((code, last.start));
                }
                // "Rs. 500": an abbreviation with its full stop.
                if last.text == "." && n >= 2 {
                    if let Some(code) = currency_code(before[n - 2].text) {
                        return Some((code, before[n - 2].start));
                    }
                }
                None
            }
            // "$US50": the sign, then the country letters.
            Shape::Word if last.glued && n >= 2 && before[n - 2].is_mark("$") => {
                dollar_prefix(last.text).map(|c| (c, before[n - 2].start))
            }
            Shape::Word => currency_code(last.text).map(|c| (c, last.start)),
            Shape::Digits => None,
        }
    }

    /// Is the number starting at `start`, whose words end before token `after`, a label's
    /// number and so no quantity? A name or a label noun before it makes it one ("Flight
    /// 17", "hole 7", "ranked 5"), unless a unit follows it, which makes it a measure
    /// ("Clinton 45 percent", "a room 5 metres long"), or the label is a verb of its clause
    /// taking the number as its object ("marks 50 years", "will issue 500 licences",
    /// "blocks 3 shots").
    fn labelled(&self, start: usize, after: usize) -> bool {
        if !self.names_before(start) {
            return false;
        }
        let before = self.before(start);
        let Some(label) = before.last().filter(|p| p.is_word()) else {
            return true;
        };
        // "Last year 3,265 women", "Each day 40 trucks": a time word after a word that
        // makes it a time ends a date phrase; it labels no number.
        let n = before.len();
        if n >= 2
            && time_unit(&label.lower()).is_some()
            && before[n - 2].is_word()
            && fw().time_phrase_leads.contains(&before[n - 2].lower())
        {
            return false;
        }
        // "a fine of 5 million euros": past a scale word.
        let mut i = after;
        if self
            .word(i)
            .is_some_and(|x| spaced_scale(&x.lower()).is_some())
        {
            i += 1;
        }
        // A unit that labels a number of its own is none: "World Cup 2018 day five".
        let labels_next = |n: &Token| {
            is_identifier_noun(&n.lower())
                && self.tok(i + 1).is_some_and(|x| {
                    x.shape == Shape::Digits
                        || x.is_word() && number::compound(&x.lower()).is_some()
                })
        };
        let unit_after = match self.tok(i) {
            Some(n) if n.glued => n.is_mark("%"),
            Some(n) if n.is_word() => {
                let w = n.lower();
                (unit_word(&w, n.text).is_some() || fw().counter_nouns.contains(&w))
                    && !labels_next(n)
            }
            _ => false,
        };
        if unit_after {
            return false;
        }
        match self.label_as_verb(label, before) {
            LabelVerb::No => true,
            LabelVerb::IfCounted => !self.word(i).is_some_and(counted_noun),
            LabelVerb::Yes => false,
        }
    }

    /// Is `label`, the word right before a number, a verb whose object the number is? A
    /// label noun that is also a verb ("mark", "post", "turn") surely is after a word that
    /// only a verb follows ("will turn 30", "she marks 25 years"); after "to" ("moved to
    /// stage 3") or in its "-s" form ("police posts 542") only with a counted noun after
    /// the number ("to stage 20 concerts", "blocks 3 shots").
    fn label_as_verb(&self, label: &Token, before: &[Token]) -> LabelVerb {
        let w = label.lower();
        if label.capitalized() {
            return LabelVerb::No;
        }
        let listed = fw().verb_labels.contains(&w)
            || w.ends_with('s') && fw().verb_labels.contains(&w[..w.len() - 1]);
        if !listed {
            return LabelVerb::No;
        }
        let n = before.len();
        let lead = (n >= 2 && before[n - 2].is_word()).then(|| before[n - 2].lower());
        match lead {
            Some(l) if l != "to" && fw().verb_leads.contains(&l) => LabelVerb::Yes,
            Some(l) if l == "to" => LabelVerb::IfCounted,
            _ if fw().verb_labels.contains(&w) => LabelVerb::No,
            _ => LabelVerb::IfCounted,
        }
    }

    /// Is "top", the word right before `start`, the verb "exceed" rather than a rank group
    /// ("the top ten", "a top 20 finish")? It is after a word that only a verb follows
    /// ("could top 1,000", "expected to top 50"), or after a plural subject, itself
    /// perhaps followed by one adverb ("cases top 1,000", "cases worldwide top 1,000").
    fn top_as_verb(&self, start: usize) -> bool {
        let before = self.before(start);
        let n = before.len();
        let word = |k: usize| {
            (n > k && before[n - 1 - k].is_word() && !before[n - 1 - k].capitalized())
                .then(|| before[n - 1 - k].lower())
        };
        // "ranks top 10" is a verb of ranking, not a subject.
        let subject =
            |w: &str| is_plural(w) && !is_stop(w) && !fw().rank_words.contains(&singular(w));
        match word(1) {
            Some(w) if fw().verb_leads.contains(&w) || subject(&w) => true,
            Some(w) if !is_stop(&w) && !fw().determiners.contains(&w) => {
                word(2).is_some_and(|v| subject(&v))
            }
            _ => false,
        }
    }

    /// Does a name or identifier stand right before `start`? "Flight 17", "Boeing 747",
    /// "Internet Explorer 6", "posts 542", "No. 10", "pp. 110", "day five", "#3".
    fn names_before(&self, start: usize) -> bool {
        let before = self.before(start);
        let n = before.len();
        let Some(p) = before.last() else {
            return false;
        };
        match p.shape {
            Shape::Word => {
                let w = p.lower();
                if is_identifier_noun(&w) || fw().rank_words.contains(&w) {
                    return true;
                }
                // "the Group of 77", "the Gang of Four": a name ending in "of", with a
                // number that counts nothing after it.
                if w == "of" && n >= 2 && self.counts_nothing_after() {
                    let name = &before[n - 2];
                    // "the round of 16", "the Champions League round of 16": a label
                    // noun after "the" or a name names a stage or a class ("a series of
                    // 5" counts).
                    let the_label = n >= 3
                        && (before[n - 3].is("the")
                            || before[n - 3].is_word() && before[n - 3].capitalized())
                        && is_identifier_noun(&name.lower());
                    return the_label
                        || name.is_word()
                            && name.capitalized()
                            && !is_function_word(&name.lower())
                            && !is_month(name)
                            && !self.title_case();
                }
                // "Gano's 44-yard kick", "the UK's five biggest": an owner, not a name
                // the number belongs to.
                if possessive(p.text) {
                    return false;
                }
                // "Chasing 323, India ...": a participle opening the sentence; a name
                // spelled like one ("Boeing 747") stays a name.
                let opener = (w.ends_with("ing") || w.ends_with("ed"))
                    && !is_participle_like_name(&w)
                    && before[..n - 1]
                        .last()
                        .is_none_or(|b| b.shape == Shape::Mark);
                // "The law gives Akihito three years": the name receives the amount.
                let receiver = before[..n - 1]
                    .last()
                    .is_some_and(|b| fw().giving_verbs.contains(&b.lower()));
                p.text.chars().any(char::is_uppercase)
                    && !opener
                    && !receiver
                    && !is_function_word(&w)
                    && !is_month(p)
                    && currency_code(p.text).is_none()
                    && !self.title_case()
            }
            Shape::Mark => match p.text {
                "#" | "§" | "№" => true,
                "." => {
                    n >= 2
                        && before[n - 2].is_word()
                        && fw()
                            .abbreviated_identifiers
                            .contains(&before[n - 2].lower())
                }
                _ => false,
            },
            Shape::Digits => false,
        }
    }

    /// Does a number other than a year stand before `start` in its sentence, within the
    /// tokens read back: "ten" in "ten were white and one was black"?
    fn count_before_in_sentence(&self, start: usize) -> bool {
        for p in self.before(start).iter().rev() {
            match p.shape {
                Shape::Mark if matches!(p.text, "." | "!" | "?" | ";") => return false,
                Shape::Digits => {
                    if number::parse_digits(p.text).is_some_and(|v| !is_year_like(p.text, v)) {
                        return true;
                    }
                }
                Shape::Word => {
                    if number::compound(&p.lower()).is_some() {
                        return true;
                    }
                }
                Shape::Mark => {}
            }
        }
        false
    }

    /// Is the number in digits the start of a name that goes on with a capitalized word
    /// in the singular and counts nothing: "7 News at six", "BBC Radio 5 Live", "the 3
    /// Series"? A nationality ("40 Chinese"), a plural ("3 Oscars"), a unit, a month or a
    /// day, or a noun after the capitalized word ("20 Boeing jets") leaves it a count.
    fn name_after(&self, value: f64) -> bool {
        let Some(n) = self.word(1) else {
            return false;
        };
        let w = n.lower();
        let plain_name = n.capitalized()
            && !n.acronym()
            && value != 1.0
            && !is_plural(&w)
            && !demonym_plural(n)
            && !super::speaker::is_demonym(n.text)
            && !is_function_word(&w)
            && !is_month(n)
            && unit_word(&w, n.text).is_none()
            && currency_code(n.text).is_none()
            && !is_time_zone(n.text);
        let ends = match self.tok(2) {
            None => true,
            Some(x) if x.shape == Shape::Mark => {
                !x.glued || !matches!(x.text, "-" | "'" | "\u{2019}")
            }
            Some(x) if x.shape == Shape::Digits => false,
            Some(x) => x.is_word() && is_stop(&x.lower()),
        };
        plain_name && ends && !self.title_case()
    }

    /// Does a unit, a scale word or a plural noun follow at token `i` ("10000 people",
    /// "20000 km", "12500%")?
    fn count_follows(&self, i: usize) -> bool {
        match self.tok(i) {
            Some(n) if n.glued => n.is_mark("%") || n.is_word(),
            Some(n) if n.is_word() => {
                let w = n.lower();
                unit_word(&w, n.text).is_some()
                    || spaced_scale(&w).is_some()
                    || counted_noun(n)
                    || is_plain_adjective(&w)
                    || adjective_ending(&w)
            }
            _ => false,
        }
    }

    /// Does nothing counted or measured follow the candidate's first token: the end of
    /// the sentence, a punctuation mark standing apart, or a function word ("the Group of 77
    /// met", "the Group of 77, the ...")?
    fn counts_nothing_after(&self) -> bool {
        match self.tok(1) {
            None => true,
            Some(n) if n.shape == Shape::Mark => {
                matches!(
                    n.text,
                    "," | "." | ";" | ":" | ")" | "\"" | "\u{201d}" | "?" | "!"
                )
            }
            Some(n) => {
                let w = n.lower();
                !n.glued && is_stop(&w) && !matches!(&*w, "per" | "percent" | "of" | "more")
            }
        }
    }

    /// Is the candidate a number word written with a capital inside a sentence, so part
    /// of a name: "Channel Four", "the Group of Eight", "The Seven Sisters", "the Six
    /// Nations". A capital at the start of a sentence, a line, a quotation or a clause
    /// after a dash or colon ("Three people died", "— Two dead") says nothing, nor does
    /// one after a capitalized qualifier ("About Three"), nor in a title-case headline.
    fn capitalized_inside_sentence(&self) -> bool {
        let t = self.toks[0];
        if !t.capitalized() {
            return false;
        }
        let Some(p) = self.back.last().filter(|p| p.is_word()) else {
            return false;
        };
        let w = p.lower();
        let name_word = !p.capitalized() || !is_function_word(&w) || fw().determiners.contains(&w);
        name_word && !self.title_case()
    }

    /// Is the candidate the first word of a title in quotation marks inside a sentence,
    /// every word of it capitalized up to the closing mark: what he termed the "Three
    /// Wounds", the "Four Freedoms" speech? A quotation opening a sentence, or one whose
    /// words are not all capitalized ("said "Three people died""), is no title.
    fn quoted_title(&self) -> bool {
        let t = self.toks[0];
        let n = self.back.len();
        let opens = n >= 2
            && t.capitalized()
            && t.glued
            && matches!(self.back[n - 1].text, "\"" | "\u{201c}")
            && self.back[n - 2].is_word()
            && !self.back[n - 2].capitalized();
        if !opens {
            return false;
        }
        for (i, x) in self.toks.iter().enumerate().skip(1) {
            if x.is_mark("\"") || x.is_mark("\u{201d}") {
                return i >= 2;
            }
            if !(x.is_word() && x.capitalized()) {
                return false;
            }
        }
        false
    }

    /// Is the candidate in a headline written in title case ("Floods Kill 57 In Brazil"),
    /// where a capital says nothing about names? Every longer word around it is
    /// capitalized.
    fn title_case(&self) -> bool {
        // A sentence that ends with a full stop is running text, not a headline.
        let ended = self
            .toks
            .last()
            .is_some_and(|t| t.is_mark(".") || t.is_mark("?") || t.is_mark("!"));
        if ended && self.toks.len() < LOOKAHEAD {
            return false;
        }
        let mut long = 0;
        for t in self.back.iter().chain(self.toks.iter()) {
            if t.is_word() && t.text.len() >= 4 {
                if !t.capitalized() {
                    return false;
                }
                long += 1;
            }
        }
        long >= 3
    }

    /// Is the word at token `i` the rest of a clock time or a year: "10 a.m.", "4 pm",
    /// "nine o'clock", "1500 GMT", "950 AD"?
    fn clock_at(&self, i: usize) -> bool {
        let Some(w) = self.word(i) else {
            return false;
        };
        match &*w.lower() {
            "am" | "pm" | "o'clock" | "o\u{2019}clock" => true,
            "a" | "p" => {
                self.tok(i + 1).is_some_and(|d| d.glued && d.is_mark("."))
                    && self.tok(i + 2).is_some_and(|m| m.glued && m.is("m"))
            }
            _ => is_time_zone(w.text) || matches!(w.text, "AD" | "BC" | "BCE" | "CE"),
        }
    }

    /// "2:24:50" (hours, minutes, seconds) read as an elapsed time, a race's or a record's:
    /// a figure of seconds (8690). Where it is a time of day ("at 10:15:30", "10:15:30
    /// UTC") the date reader claims the same words, and the date wins. Two groups ("4:00")
    /// or more than three, or minutes or seconds past 59, are no elapsed time.
    fn elapsed_time(&self, hours: f64) -> Option<Reading> {
        let t = self.toks[0];
        if t.text.len() > 2 || !t.text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let group = |k: usize| {
            let (m, d) = (self.tok(k)?, self.tok(k + 1)?);
            let two = d.text.len() == 2 && d.text.bytes().all(|b| b.is_ascii_digit());
            (m.glued && m.is_mark(":") && d.glued && two)
                .then(|| d.text.parse::<f64>().ok().filter(|v| *v < 60.0))
                .flatten()
                .map(|v| (v, d.end))
        };
        let (minutes, _) = group(1)?;
        let (seconds, end) = group(3)?;
        let more = self.tok(5).is_some_and(|m| {
            m.glued && m.shape == Shape::Mark && self.tok(6).is_some_and(|d| d.glued)
        });
        if more {
            return None;
        }
        let mut r = Reading::new(t.start, end, hours * 3600.0 + minutes * 60.0 + seconds);
        r.unit = Some("second".to_string());
        self.qualify(&mut r);
        Some(r)
    }

    /// "at 10.30", "until 9.45": a clock time written with a point (British style).
    fn dotted_clock(&self, value: f64, digits: &str) -> bool {
        let Some((hours, minutes)) = digits.split_once('.') else {
            return false;
        };
        let clock_shaped = hours.len() <= 2 && minutes.len() == 2 && minutes < "60" && value < 24.0;
        clock_shaped
            && self
                .before(self.toks[0].start)
                .last()
                .is_some_and(|p| fw().clock_leads.contains(&p.lower()))
            && !self.tok(1).is_some_and(|n| n.is_mark("%"))
            && self.percent_words(1).is_none()
    }

    /// "10 Downing Street", "221 Baker St": a house number before a street name.
    fn address_after(&self) -> bool {
        for i in 1..=4 {
            let Some(w) = self.word(i).filter(|w| w.capitalized()) else {
                return false;
            };
            if fw().street_words.contains(w.text) {
                return true;
            }
        }
        false
    }

    /// Is a month named right before or after the number at token `i`?
    fn month_near(&self, i: usize) -> bool {
        let t = self.toks[i];
        let before = self.before(t.start);
        let n = before.len();
        let month_before = match before.last() {
            Some(p) if is_month(p) => true,
            Some(p) if p.is_mark(".") && n >= 2 => is_month(&before[n - 2]),
            _ => false,
        };
        let month_after = self
            .tok(i + 1)
            .is_some_and(|m| is_month(m) || m.is("of") && self.tok(i + 2).is_some_and(is_month));
        month_before || month_after
    }
}

/// How surely a label noun before a number is a verb taking the number as its object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelVerb {
    /// A noun: the number is its label ("hole 7", "police posts 542").
    No,
    /// A verb when a counted noun follows the number ("blocks 3 shots").
    IfCounted,
    /// A verb: "will turn 30", "she marks 25 years".
    Yes,
}

/// A hyphenated unit after a number ("month", "year-old", "fold", "member", "plus"): the
/// unit, its factor, a qualifier it implies, and how many bytes of the word it uses.
struct CompoundUnit {
    unit: Option<String>,
    factor: f64,
    qualifier: Option<&'static str>,
    len: usize,
}

/// Reads the part after "N-": "month" (a duration), "year-old" (an age, span includes
/// "-old"), "page", "member", "nation" (counted nouns), "fold", "odd" (about), "plus" (at
/// least), "strong" (no unit). `None` for a word that makes no quantity ("one-off").
fn compound_unit(rest: &str) -> Option<CompoundUnit> {
    let mut parts = rest.split('-');
    let first = parts.next()?;
    let lower = first.to_ascii_lowercase();
    if first.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let mut c = CompoundUnit {
        unit: None,
        factor: 1.0,
        qualifier: None,
        len: first.len(),
    };
    match lower.as_str() {
        _ if fw().not_units_after_dash.contains(&lower) => return None,
        // "five-fifteen" is a time said aloud, "2-three" nothing.
        _ if number::compound(&lower).is_some() => return None,
        "odd" => c.qualifier = Some("about"),
        "plus" => c.qualifier = Some("at least"),
        "strong" => {}
        "fold" => c.unit = Some("fold".to_string()),
        "percent" => c.unit = Some("percent".to_string()),
        _ => {
            if let Some((u, f)) = time_unit(&lower) {
                c.unit = Some(u.to_string());
                c.factor = f;
                if parts.next().is_some_and(|p| p.eq_ignore_ascii_case("old")) {
                    c.len += "-old".len();
                }
            } else if let Some(u) = measure_unit(&lower) {
                c.unit = Some(u.to_string());
            } else if number::fraction_word(&lower).is_some()
                || lower.ends_with("th")
                    && time_unit(&lower).is_none()
                    && !fw().th_nouns.contains(&lower)
            {
                return None; // "twenty-first", "10-fifth"
            } else if lower.len() >= 3 {
                // "two-party-preferred", "three-nation-led": a longer compound adjective
                // that counts nothing.
                if parts
                    .next()
                    .is_some_and(|p| p.len() > 3 && p.ends_with("ed"))
                {
                    return None;
                }
                c.unit = Some(singular(&lower));
            } else {
                return None;
            }
        }
    }
    Some(c)
}

/// Words after which "one" is a pronoun or determiner, not a count: "with one poster
/// writing", "if one side is gone", "no one", "each one".
fn introduces_pronoun_one(w: &str) -> bool {
    fw().pronoun_one_leads.contains(w)
}

/// `amount` without the binary noise of a division or scaling: 152.3 / 100 is 1.523,
/// not 1.5230000000000001. Thirds stay as precise as they are.
fn tidy(amount: f64) -> f64 {
    // Large amounts: 8.3 million is 8300000, not 8300000.000000001. Rounding to twelve
    // significant digits removes a last-bit error and nothing a text can write.
    if amount.abs() >= 1e3 && amount.is_finite() {
        let scale = 10f64.powi(12 - amount.abs().log10().ceil() as i32);
        let rounded = (amount * scale).round() / scale;
        if (rounded - amount).abs() <= 4.0 * f64::EPSILON * amount.abs() {
            return rounded;
        }
    }
    let rounded = (amount * 1e9).round() / 1e9;
    if (rounded - amount).abs() < 1e-12 * amount.abs().max(1.0) {
        rounded
    } else {
        amount
    }
}

/// Four plain digits from 1000 to 2100: read as a year unless a count follows.
fn is_year_like(digits: &str, value: f64) -> bool {
    digits.len() == 4
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (1000.0..=2100.0).contains(&value)
}

/// A dash that joins two numbers: hyphen, en dash, em dash, figure dash, minus.
fn is_dash(s: &str) -> bool {
    matches!(s, "-" | "\u{2013}" | "\u{2014}" | "\u{2012}" | "\u{2212}")
}

/// What a collective or scale word counts as a whole, for "half a dozen", "half a
/// million", "dozen-strong": 12, 1000000.
fn whole_of(w: &str) -> Option<f64> {
    number::collective_word(w).or_else(|| spaced_scale(w))
}

/// A scale word standing apart from the number: "15 billion", "3.5 bn"; not "m" or "k",
/// which mean metres or are glued.
fn spaced_scale(w: &str) -> Option<f64> {
    numbers().spaced_scale(w)
}

/// Written in capitals, two letters or more: "US", "IT".
fn in_capitals(w: &str) -> bool {
    w.len() >= 2 && w.bytes().all(|b| b.is_ascii_uppercase())
}

/// A capitalized plural in "-is" naming people by where they come from: "Iraqis",
/// "Israelis", "Pakistanis" (the "-is" of "crisis" is no plural), or one in "-ese" that
/// is its own plural: "40 Chinese", "12 Japanese".
fn demonym_plural(t: &Token) -> bool {
    t.capitalized() && t.text.len() > 4 && (t.text.ends_with("is") || t.text.ends_with("ese"))
}

/// An adjective or participle by its ending or as a known plain adjective: "confirmed",
/// "probable", "new".
fn adjective_like(t: &Token) -> bool {
    if !t.is_word() || t.capitalized() {
        return false;
    }
    let w = t.lower();
    adjective_ending(&w) || is_plain_adjective(&w)
}

/// A word that can stand as a counted noun: lower case, not an adjective or adverb or
/// verb form by its ending, not a function word.
fn noun_like(t: &Token) -> bool {
    if !t.is_word() {
        return false;
    }
    if t.acronym() {
        return true;
    }
    let w = t.lower();
    !t.capitalized()
        && w.len() >= 3
        && !is_stop(&w)
        && !is_plain_adjective(&w)
        && !w.ends_with("ed")
        && !w.ends_with("ing")
        && !w.ends_with("ly")
        && number::compound(&w).is_none()
}

/// A plural noun that a count stands before: "years", "points", "licences".
fn counted_noun(t: &Token) -> bool {
    noun_like(t) && is_plural(&t.lower())
}

/// A unit named by one word: percent, time, measure or currency ("km", "hours",
/// "euros", "USD").
fn unit_word(w: &str, original: &str) -> Option<Unit> {
    if units().percent_word(w) {
        return Some(Unit::new("percent", UnitKind::Percent));
    }
    if let Some((u, f)) = time_unit(w) {
        let mut unit = Unit::new(u, UnitKind::Time);
        unit.factor = f;
        return Some(unit);
    }
    if let Some(u) = measure_unit(w) {
        // Single letters ("m", "g", "l") only as written symbols, never capitals.
        if w.len() > 1 || original == w {
            return Some(Unit::new(u, UnitKind::Measure));
        }
    }
    if let Some(c) = currency_word(w) {
        return Some(Unit::new(c, UnitKind::Money));
    }
    // Coins count in their currency: "50 cents" is 0.5 USD, "20 pence" 0.2 GBP.
    if let Some(code) = units().coin(w) {
        let mut unit = Unit::new(code, UnitKind::Money);
        unit.factor = 0.01;
        return Some(unit);
    }
    currency_code(original).map(|c| Unit::new(c, UnitKind::Money))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every figure in `text`, read from its own words.
    fn find(text: &str) -> Vec<Found> {
        super::find(text, &Words::of(text))
    }

    /// The text and value of every figure in `text`.
    fn figures(text: &str) -> Vec<(String, FigureValue)> {
        find(text)
            .into_iter()
            .map(|f| {
                let v = match f.value {
                    Some(ClaimValue::Figure(v)) => v,
                    other => panic!("a figure carries a figure value, got {other:?}"),
                };
                (text[f.span.start..f.span.end].to_string(), v)
            })
            .collect()
    }

    #[test]
    fn candidates_start_at_digits_number_words_and_articles_before_amounts() {
        let text =
            "G8 and IE6 met; COVID-19 hit 12,000 twofold Six and an hour, not TWO_x or Hour.";
        let starts: Vec<&str> = candidates(text, &Words::of(text))
            .into_iter()
            .map(|i| {
                &text[i..text[i..]
                    .find([' ', ',', '.'])
                    .map_or(text.len(), |e| i + e)]
            })
            .collect();
        assert_eq!(starts, ["19", "12", "000", "twofold", "Six", "an"]);
    }

    #[test]
    fn singular_forms_of_counted_nouns() {
        for (plural, one) in [
            ("residents", "resident"),
            ("vulnerabilities", "vulnerability"),
            ("nationalities", "nationality"),
            ("branches", "branch"),
            ("classes", "class"),
            ("taxes", "tax"),
            ("people", "person"),
            ("children", "child"),
            ("schoolchildren", "schoolchild"),
            ("gunmen", "gunman"),
            ("lives", "life"),
            ("drives", "drive"),
            ("cases", "case"),
            ("houses", "house"),
            ("buses", "bus"),
            ("heroes", "hero"),
            ("movies", "movie"),
            ("series", "series"),
            ("crises", "crisis"),
            ("asylum-seekers", "asylum-seeker"),
            ("yeas", "yea"),
            ("headaches", "headache"),
        ] {
            assert_eq!(singular(plural), one, "singular of {plural}");
        }
    }

    #[test]
    fn plural_nouns_are_told_from_other_words_ending_in_s() {
        for w in [
            "residents",
            "people",
            "crew",
            "personnel",
            "policemen",
            "points",
        ] {
            assert!(is_plural(w), "{w} is plural");
        }
        for w in ["news", "bus", "crisis", "class", "has", "specimen", "says"] {
            assert!(!is_plural(w), "{w} is not plural");
        }
    }

    #[test]
    fn units_and_currencies_map_to_symbols_and_codes() {
        assert_eq!(measure_unit("kilometres"), Some("km"));
        assert_eq!(measure_unit("feet"), Some("ft"));
        assert_eq!(measure_unit("miles"), Some("mi"));
        assert_eq!(time_unit("decades"), Some(("year", 10.0)));
        assert_eq!(time_unit("hours"), Some(("hour", 1.0)));
        assert_eq!(currency_word("euros"), Some("EUR"));
        assert_eq!(currency_word("pounds"), Some("GBP"));
        assert_eq!(currency_symbol("€"), Some("EUR"));
        assert_eq!(currency_symbol("£"), Some("GBP"));
        assert_eq!(dollar_prefix("A"), Some("AUD"));
        assert_eq!(dollar_prefix("US"), Some("USD"));
        assert_eq!(currency_code("EUR"), Some("EUR"));
        assert_eq!(currency_code("try"), None, "codes are written in capitals");
        assert_eq!(currency_of_country("australian", "USD"), "AUD");
        assert_eq!(currency_of_country("french", "USD"), "USD");
    }

    #[test]
    fn hyphenated_units() {
        let c = compound_unit("year-old").expect("an age");
        assert_eq!((c.unit.as_deref(), c.len), (Some("year"), "year-old".len()));
        let c = compound_unit("member").expect("a counted noun");
        assert_eq!(c.unit.as_deref(), Some("member"));
        assert_eq!(compound_unit("decade").map(|c| c.factor), Some(10.0));
        assert!(compound_unit("off").is_none(), "'one-off' counts nothing");
        assert!(compound_unit("D").is_none(), "'3-D' is a name");
    }

    #[test]
    fn counted_names_keep_compounds_and_drop_adjectives() {
        let text = "asylum seekers Afghan refugees IQ points other incidents";
        let mut toks = Vec::new();
        scan(text, 0, text.len(), 20, false, true, &mut toks);
        assert_eq!(counted_name(Some(&toks[0]), &toks[1]), "asylum seeker");
        assert_eq!(counted_name(Some(&toks[2]), &toks[3]), "refugee");
        assert_eq!(counted_name(Some(&toks[4]), &toks[5]), "IQ point");
        assert_eq!(counted_name(Some(&toks[6]), &toks[7]), "incident");
    }

    #[test]
    fn qualifiers_are_normalized() {
        let got =
            figures("Officials said just over 300 people and roughly 40 per cent of voters came.");
        assert_eq!(got[0].0, "just over 300 people");
        assert_eq!(got[0].1.qualifier.as_deref(), Some("more than"));
        assert_eq!(got[1].0, "roughly 40 per cent");
        assert_eq!(got[1].1.qualifier.as_deref(), Some("about"));
    }

    proptest::proptest! {
        #[test]
        fn spans_are_ordered_char_ranges_of_the_text(
            text in "([a-zA-Z]{1,8}|[0-9]{1,5}|[ ,.:/%$€£–'’()-]|\n| ){0,40}",
        ) {
            let found = find(&text);
            let mut last_end = 0;
            for f in &found {
                proptest::prop_assert!(f.span.start < f.span.end && f.span.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(f.span.start));
                proptest::prop_assert!(text.is_char_boundary(f.span.end));
                proptest::prop_assert!(f.span.start >= last_end, "figures do not overlap");
                last_end = f.span.end;
            }
        }

        #[test]
        fn any_text_reads_without_panicking(text in "\\PC{0,200}") {
            let _ = find(&text);
        }
    }

    #[test]
    fn the_scan_finds_nothing_in_text_without_numbers() {
        assert!(find("The minister spoke to reporters outside parliament.").is_empty());
        assert!(find("").is_empty());
    }
}
