//! Figures: numbers an editor could check, in digits or words, with the qualifier, scale,
//! currency and unit or counted noun attached to them (`GUIDELINES.md`, "figure").
//!
//! Three cheap scans, one per pattern family ([`DIGITS`], [`NUMBER_WORD`],
//! [`ARTICLE_AMOUNT`]), find where a figure may start: a digit, a number word, or "a"/"an"
//! before a scale word, fraction or unit. Each candidate is then
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

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::dates::{dates, Offset};
use super::{number, Found};
use crate::claim::{ClaimKind, ClaimValue, FigureValue, Span};

/// How many tokens after a candidate are read (the reading stops earlier at the end of
/// the sentence).
const LOOKAHEAD: usize = 16;
/// How many bytes before a candidate are read for qualifiers, currencies and names.
const LOOKBEHIND: usize = 48;

/// Every figure in `text`, in document order.
pub(crate) fn find(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut done = 0;
    let mut ahead = Vec::with_capacity(LOOKAHEAD);
    let mut behind = Vec::with_capacity(16);
    for pos in candidates(text) {
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

/// Digits: every run starts a candidate when it starts a word ("1709", the "325" of
/// "$325", but not the "6" of "IE6").
static DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9]+").expect("the digits pattern compiles"));

/// Number words, lower case or capitalized: "fourteen", "Six", "hundred", "half",
/// "twice", "tenfold". Listing both cases (not `(?i)`) keeps the scan on a literal
/// prefilter.
static NUMBER_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?-u)\b(?:[Zz]ero|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight",
        r"|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve|[Tt]hirteen|[Ff]ourteen|[Ff]ifteen|[Ss]ixteen",
        r"|[Ss]eventeen|[Ee]ighteen|[Nn]ineteen|[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty|[Ss]ixty",
        r"|[Ss]eventy|[Ee]ighty|[Nn]inety|[Hh]undred|[Tt]housand|[Mm]illion|[Bb]illion",
        r"|[Tt]rillion|[Hh]alf|[Tt]wice|[Tt]hrice",
        r"|(?:[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Tt]wenty",
        r"|[Hh]undred|[Tt]housand)fold)\b",
    ))
    .expect("the number-word pattern compiles")
});

/// Words that state an amount after "a"/"an" ("a thousand", "a dozen", "a third", "a
/// couple of", "an hour", "a decade", "a mile"); the candidate is the article, checked
/// in [`article_before`].
static ARTICLE_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?-u)\b(?:hundred|thousand|million|billion|trillion|dozen|couple|third|quarter",
        r"|fifth|sixth|seventh|eighth|ninth|tenth|minute|hour|day|week|fortnight|month|year",
        r"|decade|century|mile|kilometre|kilometer|metre|meter|foot|yard|kilogram|kilo|tonne",
        r"|ton|litre|liter|gallon|acre|hectare)\b",
    ))
    .expect("the article-amount pattern compiles")
});

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

/// Every byte offset where a figure may start, in order: a digit at the start of a word,
/// a number word, or "a"/"an" before an amount word. "G8" and "IE6" start none, while
/// "COVID-19" does (the reading rejects it).
fn candidates(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out: Vec<usize> = DIGITS
        .find_iter(text)
        .map(|m| m.start())
        .filter(|&i| starts_word(bytes, i))
        .collect();
    out.extend(NUMBER_WORD.find_iter(text).map(|m| m.start()));
    out.extend(
        ARTICLE_AMOUNT
            .find_iter(text)
            .filter_map(|m| article_before(bytes, m.start())),
    );
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
            Shape::Digits
        } else if c.is_alphabetic() {
            i += c.len_utf8();
            loop {
                while i < to {
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

/// A word list written as one string, sorted for lookups.
fn word_list(words: &'static str) -> Vec<&'static str> {
    let mut list: Vec<&str> = words.split_whitespace().collect();
    list.sort_unstable();
    list.dedup();
    list
}

/// Is `w` in `list` (from [`word_list`])?
fn listed(list: &[&str], w: &str) -> bool {
    list.binary_search(&w).is_ok()
}

/// Words that end a noun phrase after a number and never belong to one: articles,
/// prepositions, conjunctions, pronouns, auxiliaries, common adverbs, and the casualty
/// words a figure's span stops before ("At least 107 killed").
static STOP_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    word_list(
        "a aboard about abroad according across after again against ago ahead all alone another others \
         already also although altogether am among an and any apart apiece are around as at \
         away back be because been before behind being between beyond both but by can could \
         dead did died do does down during each earlier either even fewer for from had has \
         have having he her here him his how hurt i if in including injured instead into is \
         it its just killed later less like many may me might minus missing more most much \
         must my near neither no nor not now of off old on only onto or our out over overall \
         per percent perished plus respectively shall she should since so some still such \
         than that the their them then there these they this those though through to together \
         too total toward towards under unless up upon us versus very via vs was we were what \
         when where whether which while who whom whose why will with within without would \
         wounded yes yet you your",
    )
});

/// Adjectives and determiners that modify a counted noun but are never its head:
/// "two other incidents", "three newer versions".
static PLAIN_ADJECTIVES: LazyLock<Vec<&str>> = LazyLock::new(|| {
    word_list(
        "additional bad best big bigger consecutive different early entire extra few fifth \
         first former fourth full further good great high higher junior key known large \
         larger last late long low lower main major minor new newer next older other own \
         possible potential previous real recent same second senior separate short single \
         small smaller straight successive third top true whole worst young younger",
    )
});

/// Nouns that name a numbered thing, so the number after them is an identifier:
/// "posts 542", "page 5", "day five", "number 3".
static IDENTIFIER_NOUNS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    word_list(
        "act amendment apartment art article bill block building bus camp category ch channel \
         chapter checkpoint class clause code day district division episode exit fig figure \
         flight floor formula game gate gen generation grade hall highway interstate issue \
         item level line lot mark match model no nos nr number p page pages para paragraph \
         part phase pier platform post posts pp precinct proposition resolution room round \
         route rule s season sec section sections sector series ss stage standard station \
         suite table term terminal tier tower track type unit version vol volume ward week \
         year zone",
    )
});

/// Words besides stop words and qualifiers that may stand capitalized before a number
/// without naming it ("Another 15", "Aged 72", "On Friday 700").
static SENTENCE_OPENERS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    word_list(
        "age aged ages almost another approximately estimated every exactly friday including \
         just killing maybe monday nearly officially only perhaps precisely reportedly \
         roughly saturday some sunday thursday today tomorrow totalling tuesday wednesday \
         yesterday",
    )
});

/// Nouns that follow a year used as a modifier ("2000 levels", "the 2014 elections"),
/// so a year-like number before them stays a year.
static YEAR_NOUNS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    word_list(
        "accords attacks budget budgets census championships contracts data dollars \
         earthquakes editions elections estimates figures finals floods games laws levels \
         models negotiations numbers olympics polls prices primaries protests rates reforms \
         results riots season seasons standards statistics talks terms values",
    )
});

/// Nouns after a pair like "3-1" that make it a score, not a range: "a 3-1 win".
static SCORE_NOUNS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    word_list(
        "aggregate away decision defeat draw drubbing home lead loss majority margin record \
         result ruling scoreline setback success thrashing triumph upset verdict victory vote \
         win wins",
    )
});

/// Plural and collective nouns without a plural "-s" that follow counts: "people",
/// "crew", "personnel".
static IRREGULAR_PLURALS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    word_list(
        "aircraft alumni bacteria cattle children clergy crew criteria data deer feet fish \
         geese head infantry livestock media men mice militia offspring people personnel \
         phenomena police schoolchildren sheep staff teeth troops women youth",
    )
});

/// Words ending in "s" that are not plural nouns.
static S_SINGULARS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    word_list(
        "across afterwards alias always athletics atlas besides bias canvas chaos diabetes \
         does downwards economics gas has herpes hers his its lens mathematics measles mumps \
         news ours perhaps physics politics says sometimes tennis theirs thus towards unless \
         upwards was whereas yes yours",
    )
});

/// Plurals in "-ies" whose singular keeps "ie": "movies", "ties".
static IE_PLURALS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    word_list(
        "aunties brownies calories cookies goalies hippies lies movies pies prairies rookies \
         selfies smoothies ties zombies",
    )
});

/// Words of winning, losing and voting before a score: "failed 37-62", "by a vote of
/// 74-24".
static SCORE_VERBS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    word_list(
        "beat beating defeated drew drawn ended failed fell finished halftime lead leading led \
         lose losing lost of passed trail trailed trailing vote voted votes win winning won",
    )
});

/// Words of size after a length: "1.8m tall", "25m long".
static DIMENSIONS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    word_list(
        "above across apart away below deep downstream high inland long offshore tall thick \
         underground upstream wide",
    )
});

/// Plurals in "-ches" whose singular ends in "-che": "headaches", "niches".
static CHES_SINGULAR_E: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list("avalanches caches cliches headaches moustaches mustaches niches"));

/// Abbreviations before a period that name a numbered thing: "No. 10", "pp. 110".
static ABBREVIATED_IDENTIFIERS: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list("art ch fig no nos nr p para pp s sec ss v vol"));

/// Plurals that drop "es" although the rule would drop "s": "buses", "heroes".
static ES_PLURALS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    word_list(
        "bonuses buses campuses censuses circuses echoes embargoes heroes potatoes statuses \
         tomatoes torpedoes vetoes viruses volcanoes",
    )
});

/// Words after which "half" is part of something ("the second half"), not a fraction.
static HALF_AFTER: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list("a an and each first former latter one other second that the this"));

/// Words after "half" that make it a fraction of something: "half of", "half the".
static HALF_THEN: LazyLock<Vec<&str>> = LazyLock::new(|| {
    word_list(
        "all are as had have her his is it its my of our said say that the their them these \
         this those was were your",
    )
});

/// Words before a year-like number that make it a year: "in 2002", "the 2014 protests".
static YEAR_LEADS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    word_list(
        "a after an and before by during early from her his in its last late mid my next of \
         our since that the their this through till to until year your",
    )
});

/// A time zone after a clock time ("1500 GMT"), written in capitals, from the lexicon's
/// one list of zones. A US zone named without its season ("ET", "CT") follows only a time
/// written as one, so after a bare number it is read as something else ("10 MT").
fn is_time_zone(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_uppercase())
        && matches!(dates().zone(word), Some(Offset::Utc | Offset::Minutes(_)))
}

/// Street words after a house number: "10 Downing Street".
static STREET_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    word_list(
        "Ave Avenue Boulevard Court Crescent Drive Highway Lane Place Rd Road Square St \
         Street Terrace Way",
    )
});

/// Words after which "one" is a pronoun or determiner, not a count: "with one poster
/// writing", "if one side is gone", "no one", "each one".
static PRONOUN_ONE_LEADS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    word_list(
        "and any as because but each every if is no one or said says so that the then this \
         was when where which while who with",
    )
});

/// A time unit and how many of it one word means: "decades" -> ("year", 10).
fn time_unit(w: &str) -> Option<(&'static str, f64)> {
    Some(match w {
        "second" | "seconds" | "sec" | "secs" => ("second", 1.0),
        "minute" | "minutes" | "min" | "mins" => ("minute", 1.0),
        "hour" | "hours" | "hr" | "hrs" => ("hour", 1.0),
        "day" | "days" => ("day", 1.0),
        "week" | "weeks" => ("week", 1.0),
        "fortnight" | "fortnights" => ("week", 2.0),
        "month" | "months" => ("month", 1.0),
        "year" | "years" | "yr" | "yrs" => ("year", 1.0),
        "decade" | "decades" => ("year", 10.0),
        "century" | "centuries" => ("year", 100.0),
        _ => return None,
    })
}

/// The symbol of a unit of measure: "kilometres" -> "km", "feet" -> "ft".
fn measure_unit(w: &str) -> Option<&'static str> {
    Some(match w {
        "km" | "kms" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => "km",
        "m" | "metre" | "metres" | "meter" | "meters" => "m",
        "cm" | "centimetre" | "centimetres" | "centimeter" | "centimeters" => "cm",
        "mm" | "millimetre" | "millimetres" | "millimeter" | "millimeters" => "mm",
        "mi" | "mile" | "miles" => "mi",
        "ft" | "foot" | "feet" => "ft",
        "inch" | "inches" => "in",
        "yd" | "yard" | "yards" => "yd",
        "kg" | "kgs" | "kilogram" | "kilograms" | "kilogramme" | "kilogrammes" | "kilo"
        | "kilos" => "kg",
        "g" | "gram" | "grams" | "gramme" | "grammes" => "g",
        "mg" | "milligram" | "milligrams" => "mg",
        "tonne" | "tonnes" | "ton" | "tons" => "t",
        "lb" | "lbs" => "lb",
        "oz" | "ounce" | "ounces" => "oz",
        "ha" | "hectare" | "hectares" => "ha",
        "acre" | "acres" => "acre",
        "litre" | "litres" | "liter" | "liters" => "l",
        "ml" | "millilitre" | "millilitres" | "milliliter" | "milliliters" => "ml",
        "gallon" | "gallons" => "gal",
        "barrel" | "barrels" => "barrel",
        "mph" => "mph",
        "kph" | "kmh" => "km/h",
        "knot" | "knots" => "kn",
        "degree" | "degrees" => "degree",
        "kw" | "kilowatt" | "kilowatts" => "kW",
        "mw" | "megawatt" | "megawatts" => "MW",
        "gw" | "gigawatt" | "gigawatts" => "GW",
        "kwh" => "kWh",
        "mwh" => "MWh",
        "gwh" => "GWh",
        "twh" => "TWh",
        "kb" | "kilobyte" | "kilobytes" => "kB",
        "mb" | "megabyte" | "megabytes" => "MB",
        "gb" | "gigabyte" | "gigabytes" => "GB",
        "tb" | "terabyte" | "terabytes" => "TB",
        _ => return None,
    })
}

/// The ISO 4217 code of a currency named in words: "euros" -> "EUR".
fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "dollar" | "dollars" => "USD",
        "euro" | "euros" => "EUR",
        "pound" | "pounds" | "sterling" => "GBP",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        "rupee" | "rupees" => "INR",
        "franc" | "francs" => "CHF",
        "peso" | "pesos" => "MXN",
        "rouble" | "roubles" | "ruble" | "rubles" => "RUB",
        "hryvnia" | "hryvnias" | "hryvnas" => "UAH",
        "rand" => "ZAR",
        "reais" => "BRL",
        "lira" | "liras" | "lire" => "TRY",
        "krona" | "kronor" => "SEK",
        "krone" | "kroner" => "NOK",
        "shekel" | "shekels" => "ILS",
        "dirham" | "dirhams" => "AED",
        "riyal" | "riyals" => "SAR",
        "naira" => "NGN",
        "baht" => "THB",
        "ringgit" => "MYR",
        "rupiah" => "IDR",
        "zloty" | "zlotys" | "zlotych" => "PLN",
        "forint" | "forints" => "HUF",
        _ => return None,
    })
}

/// The code a country adjective gives a currency word: ("australian", "USD") -> "AUD".
fn currency_of_country(adjective: &str, base: &'static str) -> &'static str {
    match (base, adjective) {
        ("USD", "australian" | "aussie") => "AUD",
        ("USD", "canadian") => "CAD",
        ("USD", "zealand") => "NZD",
        ("USD", "kong") => "HKD",
        ("USD", "singapore" | "singaporean") => "SGD",
        ("USD", "taiwan" | "taiwanese") => "TWD",
        ("INR", "pakistani") => "PKR",
        ("INR", "lankan") => "LKR",
        ("INR", "nepalese" | "nepali") => "NPR",
        ("MXN", "philippine") => "PHP",
        ("MXN", "argentine" | "argentinian") => "ARS",
        ("MXN", "chilean") => "CLP",
        ("MXN", "colombian") => "COP",
        ("GBP", "egyptian") => "EGP",
        ("GBP", "lebanese") => "LBP",
        ("NOK", "danish") => "DKK",
        _ => base,
    }
}

/// The ISO 4217 code of a currency symbol.
fn currency_symbol(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₹" => "INR",
        "₽" => "RUB",
        "₩" => "KRW",
        "₺" => "TRY",
        "₴" => "UAH",
        "₪" => "ILS",
        "₦" => "NGN",
        "₱" => "PHP",
        "฿" => "THB",
        _ => return None,
    })
}

/// The code a prefix glued to "$" gives: "A$" -> "AUD", "US$" -> "USD".
fn dollar_prefix(p: &str) -> Option<&'static str> {
    Some(match p {
        "US" => "USD",
        "A" | "AU" => "AUD",
        "C" | "CA" | "Can" => "CAD",
        "NZ" => "NZD",
        "HK" => "HKD",
        "S" | "SG" => "SGD",
        "NT" => "TWD",
        "R" => "BRL",
        "Mex" => "MXN",
        _ => return None,
    })
}

/// An ISO 4217 code written in capitals before or after an amount ("USD 500").
fn currency_code(s: &str) -> Option<&'static str> {
    static CODES: LazyLock<Vec<&str>> = LazyLock::new(|| {
        word_list(
            "USD EUR GBP AUD CAD JPY CNY CHF INR NZD HKD SGD ZAR SEK NOK DKK RUB UAH BRL MXN KRW \
         PLN ILS AED SAR NGN EGP PKR THB MYR IDR PHP HUF CZK RON ARS CLP COP TWD KES",
        )
    });
    match s {
        "RMB" => Some("CNY"),
        "Rs" => Some("INR"),
        _ => CODES.iter().find(|c| **c == s).copied(),
    }
}

/// A qualifier and the words (lower case, in order) that say it, longest first so that
/// "no more than" wins over "more than".
const QUALIFIERS: &[(&[&str], &str)] = &[
    (&["in", "excess", "of"], "more than"),
    (&["as", "many", "as"], "up to"),
    (&["as", "much", "as"], "up to"),
    (&["as", "high", "as"], "up to"),
    (&["no", "more", "than"], "at most"),
    (&["not", "more", "than"], "at most"),
    (&["no", "fewer", "than"], "at least"),
    (&["no", "less", "than"], "at least"),
    (&["not", "less", "than"], "at least"),
    (&["a", "little", "over"], "more than"),
    (&["a", "little", "under"], "less than"),
    (&["more", "than"], "more than"),
    (&["greater", "than"], "more than"),
    (&["larger", "than"], "more than"),
    (&["higher", "than"], "more than"),
    (&["bigger", "than"], "more than"),
    (&["less", "than"], "less than"),
    (&["fewer", "than"], "less than"),
    (&["lower", "than"], "less than"),
    (&["smaller", "than"], "less than"),
    (&["at", "least"], "at least"),
    (&["at", "most"], "at most"),
    (&["up", "to"], "up to"),
    (&["close", "to"], "nearly"),
    (&["an", "estimated"], "about"),
    (&["upwards", "of"], "more than"),
    (&["upward", "of"], "more than"),
    (&["just", "over"], "more than"),
    (&["well", "over"], "more than"),
    (&["slightly", "over"], "more than"),
    (&["just", "above"], "more than"),
    (&["well", "above"], "more than"),
    (&["just", "under"], "less than"),
    (&["slightly", "under"], "less than"),
    (&["just", "below"], "less than"),
    (&["over"], "more than"),
    (&["above"], "more than"),
    (&["exceeding"], "more than"),
    (&["under"], "less than"),
    (&["below"], "less than"),
    (&["about"], "about"),
    (&["around"], "about"),
    (&["some"], "about"),
    (&["roughly"], "about"),
    (&["approximately"], "about"),
    (&["approx"], "about"),
    (&["circa"], "about"),
    (&["estimated"], "about"),
    (&["nearly"], "nearly"),
    (&["almost"], "nearly"),
];

/// Words that end a noun phrase after a number and never belong to one: articles,
/// prepositions, conjunctions, pronouns, auxiliaries, common adverbs, and the casualty
/// words a figure's span stops before ("At least 107 killed").
fn is_stop(w: &str) -> bool {
    listed(&STOP_WORDS, w)
}

/// Adjectives and determiners that modify a counted noun but are never its head:
/// "two other incidents", "three newer versions".
fn is_plain_adjective(w: &str) -> bool {
    listed(&PLAIN_ADJECTIVES, w)
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
/// "posts 542", "page 5", "day five", "number 3".
fn is_identifier_noun(w: &str) -> bool {
    listed(&IDENTIFIER_NOUNS, w)
}

/// Words that may stand capitalized before a number without naming it ("Over 900", "All
/// 298", "On Friday 700"): sentence openers, qualifiers, days.
fn is_function_word(w: &str) -> bool {
    is_stop(w)
        || QUALIFIERS.iter().any(|(words, _)| words.contains(&w))
        || listed(&SENTENCE_OPENERS, w)
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
    listed(&YEAR_NOUNS, w)
}

/// Nouns after a pair like "3-1" that make it a score, not a range: "a 3-1 win".
fn is_score_noun(w: &str) -> bool {
    listed(&SCORE_NOUNS, w)
}

/// Is `w` (lower case) a plural noun form? Regular "-s" plurals and the irregular and
/// collective nouns that follow a number without "-s" ("people", "crew", "personnel").
fn is_plural(w: &str) -> bool {
    if listed(&IRREGULAR_PLURALS, w) {
        return true;
    }
    if w.ends_with("men") && w.len() > 4 && !matches!(w, "specimen" | "abdomen" | "regimen") {
        return true; // "gunmen", "policemen"
    }
    w.len() >= 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("'s")
        && !w.ends_with("\u{2019}s")
        && !listed(&S_SINGULARS, w)
}

/// The singular of a plural noun in lower case: "vulnerabilities" -> "vulnerability",
/// "branches" -> "branch", "schoolchildren" -> "schoolchild", "people" -> "person". For a
/// hyphenated noun only the last part changes ("asylum-seekers" -> "asylum-seeker").
fn singular(w: &str) -> String {
    if let Some((head, last)) = w.rsplit_once('-') {
        return format!("{head}-{}", singular(last));
    }
    let irregular = match w {
        "people" => Some("person"),
        "children" => Some("child"),
        "schoolchildren" => Some("schoolchild"),
        "men" => Some("man"),
        "women" => Some("woman"),
        "feet" => Some("foot"),
        "teeth" => Some("tooth"),
        "mice" => Some("mouse"),
        "geese" => Some("goose"),
        "criteria" => Some("criterion"),
        "phenomena" => Some("phenomenon"),
        "bacteria" => Some("bacterium"),
        "alumni" => Some("alumnus"),
        "lives" => Some("life"),
        "wives" => Some("wife"),
        "knives" => Some("knife"),
        "halves" => Some("half"),
        "wolves" => Some("wolf"),
        "thieves" => Some("thief"),
        "leaves" => Some("leaf"),
        "shelves" => Some("shelf"),
        "calves" => Some("calf"),
        "loaves" => Some("loaf"),
        "series" | "species" | "news" | "means" | "headquarters" | "barracks" | "corps"
        | "crossroads" => Some(w),
        "crises" => Some("crisis"),
        "analyses" => Some("analysis"),
        "theses" => Some("thesis"),
        "diagnoses" => Some("diagnosis"),
        "indices" => Some("index"),
        _ => None,
    };
    if let Some(s) = irregular {
        return s.to_string();
    }
    if w.ends_with("men") && w.len() > 4 {
        return format!("{}man", &w[..w.len() - 3]); // "gunmen" -> "gunman"
    }
    if let Some(stem) = w.strip_suffix("ies") {
        // "movies", "ties" keep their "ie".
        if stem.len() <= 1 || listed(&IE_PLURALS, w) {
            return w[..w.len() - 1].to_string();
        }
        return format!("{stem}y");
    }
    if w.ends_with("sses")
        || w.ends_with("ches") && !listed(&CHES_SINGULAR_E, w)
        || w.ends_with("shes")
        || w.ends_with("xes")
        || w.ends_with("zzes")
        || listed(&ES_PLURALS, w)
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
            && !is_plural(&lower)
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
    /// precedes it: "-5C", "−0.3%"; never the dash of "2-1" or "COVID-19".
    fn minus_before(&self) -> Option<usize> {
        let first = self.toks.first()?;
        let m = self.back.last()?;
        (first.glued && !m.glued && matches!(m.text, "-" | "\u{2212}")).then_some(m.start)
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
            let joins = sep.is("and") || sep.is("or") || sep.is_mark(",") || sep.is_mark("&");
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
                if p.shape != Shape::Mark || (currency_symbol(p.text).is_none() && !opener) {
                    return self.skip_chain(0);
                }
            }
        }
        let Some(value) = number::parse_digits(t.text) else {
            return self.skip_chain(0);
        };
        if t.text.len() > 1 && t.text.starts_with('0') && !t.text.starts_with("0.") {
            return self.skip_chain(0); // "007", "02 9876"
        }
        let year_like = is_year_like(t.text, value);
        let integer = !t.text.contains('.');

        // What is glued after decides the shape: "3–1", "3/5", "4:00", "14-month".
        if let (Some(m), Some(a)) = (self.tok(1), self.tok(2)) {
            if m.glued && m.shape == Shape::Mark && a.glued {
                match (m.text, a.shape) {
                    (":", Shape::Digits) => return self.skip_chain(0),
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
        if self.names_before(t.start) {
            return self.skip_list(0);
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
                        .is_some_and(|x| listed(&DIMENSIONS, &x.lower()));
                    match &*w {
                        // "3p", "152.3p": pence, in pounds; "4p.m." is a clock time.
                        "p" if !(self.tok(2).is_some_and(|d| d.glued && d.is_mark("."))
                            && self.tok(3).is_some_and(|m| m.glued && m.is("m"))) =>
                        {
                            r.amount = Some(value / 100.0);
                            unit = Some(Unit::new("GBP", UnitKind::Money));
                        }
                        // "40C", "98.6F": British-style temperatures.
                        "c" | "f" if n.text != w && value < 1000.0 => {
                            let name = if n.text == "C" { "°C" } else { "°F" };
                            unit = Some(Unit::new(name, UnitKind::Measure));
                        }
                        "s" | "th" | "st" | "nd" | "rd" | "am" | "pm" | "a" | "p" | "h" | "x"
                        | "d" | "e" | "f" | "c" => return Outcome::Skip(n.end),
                        "bn" | "bln" | "mn" | "mln" | "tn" | "trn" | "k" => {
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
                        "pc" => unit = Some(Unit::new("percent", UnitKind::Percent)),
                        "fold" => unit = Some(Unit::new("fold", UnitKind::Measure)),
                        _ => {
                            if let Some(u) = measure_unit(&w) {
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
                        let name = match scale_letter.map(|c| c.text) {
                            Some("C") => "°C",
                            Some("F") => "°F",
                            _ => "degree",
                        };
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
                listed(&ABBREVIATED_IDENTIFIERS, &abbreviation.lower())
            }
            [.., p] => matches!(&*p.lower(), "pp" | "pages" | "page" | "nos" | "no"),
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
        // A score: small numbers ("3–1", "21-17"), any winner-first pair that cannot be a
        // range ("105-98", "52-48"), or a pair after a word of winning or voting ("the
        // amendment failed 37-62").
        let after_result = self
            .before(first.start)
            .last()
            .is_some_and(|p| listed(&SCORE_VERBS, &p.lower()));
        let score_shaped =
            plain(&first) && plain(&second) && (a <= 30.0 && b <= 30.0 || a >= b || after_result);
        let score = Reading {
            start: first.start,
            end: second.end,
            amount: None,
            unit: Some("score".to_string()),
            qualifier: None,
            upper: None,
        };
        // What follows the second number.
        let mut r = Reading::new(first.start, second.end, a);
        r.upper = Some(b);
        let mut unit = None;
        if let Some(m) = self.tok(3).filter(|m| m.glued && m.is_mark("%")) {
            unit = Some(Unit::new("percent", UnitKind::Percent));
            r.end = m.end;
        } else if let Some((u, end, _)) = self.percent_words(3) {
            unit = Some(u);
            r.end = end;
        }
        if unit.is_none() && self.word(3).is_some_and(|w| is_score_noun(&w.lower())) {
            return Outcome::Figure(score);
        }
        let np = if unit.is_none() {
            self.noun_phrase(3, false)
        } else {
            None
        };
        if let Some((u, end, next)) = &np {
            if u.kind == UnitKind::Time && self.word_is(*next, "ago") {
                return Outcome::Skip(*end); // "2-3 years ago" is a date
            }
        }
        let money = self.currency_before(first.start);
        let ranged = a < b
            && (unit.is_some()
                || np.is_some()
                || money.is_some()
                || self.before(first.start).last().is_some_and(|p| {
                    matches!(&*p.lower(), "between" | "from" | "aged" | "ages" | "age")
                }));
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
            r.amount = Some(a * u.factor);
            r.upper = Some(b * u.factor);
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
        let first = lower.split('-').next().unwrap_or_default();
        let mut r = Reading::new(money.map_or(t.start, |m| m.1), t.end, value);
        r.unit = money.map(|m| m.0.to_string());
        if let Some(s) = spaced_scale(first) {
            // "a $10-million deal".
            r.amount = Some(value * s);
            r.end = word.start + first.len();
        } else if money.is_some() && matches!(first, "a" | "an" | "per") {
            // "£1,000-a-month contracts": the amount, without the rate.
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
        }
        if r.qualifier.is_none() {
            self.qualify(&mut r);
        }
        Outcome::Figure(r)
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
        if let Some(v) = number::times_word(&w) {
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
        if self.names_before(t.start) || self.clock_at(used) {
            return Outcome::Skip(last.end);
        }
        // A capitalized number word inside a sentence after a name: "Channel Four".
        if t.capitalized()
            && self
                .back
                .last()
                .is_some_and(|p| p.is_word() && p.capitalized() && !is_function_word(&p.lower()))
        {
            return Outcome::Skip(last.end);
        }
        let mut r = Reading::new(t.start, last.end, value);
        let mut j = used;
        let mut traits = Traits {
            spelled: true,
            one: used == 1 && &*w == "one",
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

    /// "a thousand", "a dozen", "a third", "a couple of points", "an hour".
    fn read_article(&self) -> Outcome {
        let t = self.toks[0];
        let skip = Outcome::Skip(t.end);
        let Some(n) = self.word(1) else {
            return skip;
        };
        let w = n.lower();
        match &*w {
            "hundred" | "thousand" | "million" | "billion" | "trillion" | "dozen" => {
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
            "couple" => {
                if !self.word_is(2, "of") {
                    return skip;
                }
                match self.noun_phrase(3, false) {
                    Some((u, end, _)) => {
                        let mut r = Reading::new(t.start, end, 2.0 * u.factor);
                        r.unit = Some(u.name);
                        r.qualifier = Some("about");
                        Outcome::Figure(r)
                    }
                    None => skip,
                }
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
                            || matches!(
                                &*pw,
                                "once" | "twice" | "thrice" | "times" | "per" | "every"
                            )
                            || spaced_scale(&pw).is_some()
                            || number::compound(&pw).is_some()
                            || currency_word(&pw).is_some()
                            || measure_unit(&pw).is_some()
                            || time_unit(&pw).is_some()
                            || is_plural(&pw) && self.counted_before(p.start)
                    });
                // "up from £1.48 a month earlier": a lapse of time, not a rate.
                let lapse = self.word_is(2, "earlier") || self.word_is(2, "later");
                if rate && !lapse || self.word_is(2, "ago") || self.word_is(2, "of") {
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

    /// "half of all", "about half as much", "half an hour", "half a million"; not "the
    /// second half" or "half-time".
    fn read_half(&self) -> Outcome {
        let t = self.toks[0];
        let skip = Outcome::Skip(t.end);
        if t.text.contains('-') {
            return skip;
        }
        if self
            .back
            .last()
            .is_some_and(|p| listed(&HALF_AFTER, &p.lower()))
        {
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
                let whole = if &*w == "dozen" {
                    Some(12.0)
                } else {
                    spaced_scale(&w)
                };
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
            .is_none_or(|n| n.shape == Shape::Mark || listed(&HALF_THEN, &n.lower()));
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
                let v = number::compound(&first).or_else(|| {
                    if first == "dozen" {
                        Some(12.0)
                    } else {
                        spaced_scale(&first)
                    }
                })?;
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
        let mut alternative_unit = None;
        let mut ranged = false;
        // "or more", "or so" right after the number.
        if let Some((q, end, next)) = self.or_more(j) {
            r.qualifier = Some(q);
            r.end = end;
            j = next;
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
                alternative_unit = self
                    .noun_phrase(c.next, c.amount == 1.0)
                    .map(|(u, _, _)| u)
                    .or_else(|| self.percent_words(c.next).map(|(u, _, _)| u));
            }
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
            let lead = self
                .before(r.start)
                .last()
                .filter(|p| listed(&YEAR_LEADS, &p.lower()));
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
            let counts = r.qualifier.is_some()
                || prev.is_some_and(|p| {
                    p.is_word() && !p.capitalized() && !introduces_pronoun_one(&p.lower())
                });
            let noun_ok = unit
                .as_ref()
                .is_some_and(|u| u.kind != UnitKind::Counted || !u.name.is_empty())
                || alternative_unit.is_some();
            if !(counts && noun_ok) {
                return Outcome::Skip(number_end);
            }
        }
        // A capitalized number word before a capitalized word, counting nothing, names
        // something: "Nine News said", "Seven Network".
        if traits.spelled && !has_noun && r.qualifier.is_none() {
            let first = &self.toks[0];
            let name_follows = self.word(1).is_some_and(|n| n.capitalized());
            if first.capitalized() && name_follows {
                return Outcome::Skip(number_end);
            }
        }
        // A bare number after "the" names something ("the 747"), unless counted.
        if !has_noun
            && !ranged
            && r.qualifier.is_none()
            && !traits.spelled
            && self.before(r.start).last().is_some_and(|p| p.is("the"))
        {
            return Outcome::Skip(number_end);
        }
        if r.unit.is_none() && self.aged_before(r.start) {
            r.unit = Some("year".to_string());
        }
        // "a magnitude 7.8 earthquake": the measure is written first and belongs to it.
        if r.unit.is_none() {
            if let Some(p) = self.before(r.start).last().filter(|p| p.is("magnitude")) {
                r.unit = Some("magnitude".to_string());
                r.start = p.start;
            }
        }
        Outcome::Figure(r)
    }

    /// "per cent", "percent", "pct" at token `j`: the unit, where it ends, the next token.
    fn percent_words(&self, j: usize) -> Option<(Unit, usize, usize)> {
        let w = self.word(j)?;
        let percent = Unit::new("percent", UnitKind::Percent);
        match &*w.lower() {
            "percent" | "pct" => Some((percent, w.end, j + 1)),
            "per" => {
                let c = self.word(j + 1).filter(|c| c.is("cent"))?;
                Some((percent, c.end, j + 2))
            }
            _ => None,
        }
    }

    /// "or more" (at least), "or so" (about), "or less"/"or fewer" (at most), "and above".
    fn or_more(&self, j: usize) -> Option<(&'static str, usize, usize)> {
        let c = self.word(j)?;
        let n = self.word(j + 1)?;
        let q = match (&*c.lower(), &*n.lower()) {
            ("or", "more" | "above" | "over") | ("and", "above" | "over") => "at least",
            ("or", "so") => "about",
            ("or", "less" | "fewer" | "under" | "below") => "at most",
            _ => return None,
        };
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
        let between = self.before(r.start).last().is_some_and(|p| p.is("between"));
        if !(joiner.is("to") || joiner.is("and") && between) {
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
        if num.fract() != 0.0
            || num > 10.0
            || core.amount <= num
            || core.amount > 1000.0
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
                        match &*n.lower() {
                            "bn" | "mn" | "m" | "k" | "tn" => number::scale_word(&n.lower()),
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

    /// The unit or counted noun at token `j`: a unit word ("km", "hours", "euros"), or the
    /// head of the noun phrase, skipping its adjectives ("three remaining Space Shuttle
    /// orbiters" -> "orbiter"). In the plural case the head is the first plural noun; in
    /// the singular case ("one shell") the first noun after any adjectives.
    fn noun_phrase(&self, j: usize, singular_expected: bool) -> Option<(Unit, usize, usize)> {
        let mut k = j;
        let mut taken = 0;
        while let Some(t) = self.tok(k) {
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
            if !t.is_word() || t.glued {
                break;
            }
            let w = t.lower();
            if let Some(u) = unit_word(&w, t.text) {
                let mut u = u;
                if u.name == "degree" {
                    // "40 degrees Celsius".
                    if let Some(c) = self.word(k + 1) {
                        let scale = match &*c.lower() {
                            "celsius" | "centigrade" | "c" => Some("°C"),
                            "fahrenheit" | "f" => Some("°F"),
                            _ => None,
                        };
                        if let Some(name) = scale {
                            u.name = name.to_string();
                            return Some((u, c.end, k + 2));
                        }
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
                });
                if k == j || only_adjectives {
                    if k > j && self.toks[k - 1].is("square") && u.kind == UnitKind::Measure {
                        u.name = format!("{}2", u.name);
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
                    return Some((u, t.end, k + 1));
                }
                // A unit word as the head of a longer phrase is a counted noun.
            }
            // "US" in "20,000 US dollars" is no pronoun.
            let stop = is_stop(&w) && t.text != "US";
            if stop || number::compound(&w).is_some() || spaced_scale(&w).is_some() {
                break;
            }
            if !singular_expected && is_plural(&w) {
                let modifier = (k > j).then(|| &self.toks[k - 1]);
                let unit = Unit {
                    name: counted_name(modifier, t),
                    kind: UnitKind::Counted,
                    factor: 1.0,
                    plural_noun: !t.capitalized() && !is_year_noun(&w),
                };
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
        for (pattern, q) in QUALIFIERS {
            if pattern.len() > words.len() {
                continue;
            }
            let tail = &words[words.len() - pattern.len()..];
            if tail.iter().zip(pattern.iter()).all(|(t, p)| t.is(p)) {
                // "turned around twice", "handed over 500 rifles": the particle of a
                // phrasal verb, not a qualifier.
                let particle = pattern.len() == 1
                    && matches!(
                        *pattern.first().unwrap_or(&""),
                        "over" | "around" | "about" | "under" | "above" | "below"
                    );
                let verb = words.len() > pattern.len()
                    && phrasal_verb(&words[words.len() - pattern.len() - 1].lower());
                if particle && verb {
                    return;
                }
                // "83 witnesses over 18 months", "300mm over four days": "over" says
                // when, not how many.
                let time = r.unit.as_deref().is_some_and(|u| time_unit(u).is_some());
                let during = pattern == &["over"]
                    && time
                    && before[..before.len() - 1].last().is_some_and(|p| {
                        let pw = p.lower();
                        p.shape == Shape::Digits
                            || is_plural(&pw)
                            || measure_unit(&pw).is_some()
                            || time_unit(&pw).is_some()
                    });
                if during {
                    return;
                }
                r.qualifier = Some(q);
                r.start = tail[0].start;
                return;
            }
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
                if last.text == "." && n >= 2 && before[n - 2].text == "Rs" {
                    return Some(("INR", before[n - 2].start));
                }
                None
            }
            Shape::Word => currency_code(last.text).map(|c| (c, last.start)),
            Shape::Digits => None,
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
                if is_identifier_noun(&w) {
                    return true;
                }
                // "Chasing 323, India ...": a participle opening the sentence.
                let opener = (w.ends_with("ing") || w.ends_with("ed"))
                    && w != "boeing" // a name that looks like a participle
                    && before[..n - 1]
                        .last()
                        .is_none_or(|b| b.shape == Shape::Mark);
                p.text.chars().any(char::is_uppercase)
                    && !opener
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
                        && listed(&ABBREVIATED_IDENTIFIERS, &before[n - 2].lower())
                }
                _ => false,
            },
            Shape::Digits => false,
        }
    }

    /// Is the candidate in a headline written in title case ("Floods Kill 57 In Brazil"),
    /// where a capital says nothing about names? Every longer word around it is
    /// capitalized.
    fn title_case(&self) -> bool {
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

    /// "at 10.30", "until 9.45": a clock time written with a point (British style).
    fn dotted_clock(&self, value: f64, digits: &str) -> bool {
        let Some((hours, minutes)) = digits.split_once('.') else {
            return false;
        };
        let clock_shaped = hours.len() <= 2 && minutes.len() == 2 && minutes < "60" && value < 24.0;
        clock_shaped
            && self.before(self.toks[0].start).last().is_some_and(|p| {
                matches!(
                    &*p.lower(),
                    "at" | "until" | "till" | "by" | "from" | "before" | "after"
                )
            })
            && !self.tok(1).is_some_and(|n| n.is_mark("%"))
            && self.percent_words(1).is_none()
    }

    /// "10 Downing Street", "221 Baker St": a house number before a street name.
    fn address_after(&self) -> bool {
        for i in 1..=4 {
            let Some(w) = self.word(i).filter(|w| w.capitalized()) else {
                return false;
            };
            if listed(&STREET_WORDS, w.text) {
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
        "off" | "on" | "sided" | "way" | "time" | "liner" | "stop" | "size" | "shot" | "man"
        | "woman" | "hit" | "upmanship" | "eyed" | "armed" | "handed" | "legged" | "track"
        | "and" | "or" | "to" | "a" | "an" | "of" | "in" | "point" | "nil" | "all" | "by"
        | "th" | "st" | "nd" | "rd" | "something" | "somethings" | "ish" | "tolerance" => {
            return None
        }
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
                    && !matches!(
                        lower.as_str(),
                        "month" | "length" | "width" | "depth" | "berth"
                    )
            {
                return None; // "twenty-first", "10-fifth"
            } else if lower.len() >= 3 {
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
    listed(&PRONOUN_ONE_LEADS, w)
}

/// A verb that takes "over", "around", "about" as a particle ("turned around", "handed
/// over", "brought about"), in any inflection.
fn phrasal_verb(w: &str) -> bool {
    // Motion verbs ("travelled about 500 miles") are left out: they take amounts.
    static STEMS: LazyLock<Vec<&str>> = LazyLock::new(|| {
        word_list(
            "turn hand take took taken look bring brought give gave given pass fight fought think \
         thought talk argue worry care win won hold held sign keep kept knock fall fell blow \
         blew roll spin spun swing flip wander circle push pull throw threw tip topple \
         preside mull ponder fuss squabble quarrel clash tower hover boss mess fool play lie \
         lay laid hang hung sit sat stand stood stay",
        )
    });
    let mut forms = vec![w.to_string()];
    for suffix in ["ing", "ed", "es", "s", "d"] {
        if let Some(stem) = w.strip_suffix(suffix) {
            forms.push(stem.to_string());
            forms.push(format!("{stem}e"));
            let b = stem.as_bytes();
            if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
                forms.push(stem[..stem.len() - 1].to_string()); // "spinning" -> "spin"
            }
        }
    }
    forms.iter().any(|f| STEMS.contains(&f.as_str()))
}

/// `amount` without the binary noise of a division or scaling: 152.3 / 100 is 1.523,
/// not 1.5230000000000001. Thirds stay as precise as they are.
fn tidy(amount: f64) -> f64 {
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

/// A scale word standing apart from the number: "15 billion", "3.5 bn"; not "m" or "k",
/// which mean metres or are glued.
fn spaced_scale(w: &str) -> Option<f64> {
    match w {
        "hundred" | "thousand" | "million" | "billion" | "trillion" | "bn" | "mn" | "mln"
        | "tn" | "lakh" | "crore" => number::scale_word(w),
        _ => None,
    }
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

/// A unit named by one word: percent, time, measure or currency ("km", "hours",
/// "euros", "USD").
fn unit_word(w: &str, original: &str) -> Option<Unit> {
    if matches!(w, "percent" | "pct") {
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
    let coin = match w {
        "cent" | "cents" => Some("USD"),
        "penny" | "pence" | "pennies" => Some("GBP"),
        _ => None,
    };
    if let Some(code) = coin {
        let mut unit = Unit::new(code, UnitKind::Money);
        unit.factor = 0.01;
        return Some(unit);
    }
    currency_code(original).map(|c| Unit::new(c, UnitKind::Money))
}

#[cfg(test)]
mod tests {
    use super::*;

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
