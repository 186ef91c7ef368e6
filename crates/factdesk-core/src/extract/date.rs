//! Dates: absolute and relative calendar references and clock times.
//!
//! What counts is the annotation guideline's "date": a calendar or clock reference an editor
//! could check, absolute ("20 April 2023", "February 2022", "2002", "the 1990s") or relative
//! ("yesterday", "last year", "on Tuesday", "three days ago"), named periods ("Christmas",
//! "the Christmas-New Year holiday period") and clock times ("4:00pm AEDT"). Durations
//! ("14 months") are figures, and so are quantities that merely look like years ("1709
//! schoolchildren").
//!
//! Each family of expressions has its own pattern, starting with a literal word the regex
//! engine can scan for cheaply: month names, weekdays, relative words, "N units ago",
//! named periods, seasons with a year, and a plain scan for digits (years, year ranges,
//! decades, numeric dates, clock times). The candidates of all families are then settled
//! (the longest reading of any stretch wins), adjacent dates are joined into intervals
//! ("1980 to 2012"), and clock times take the day of the date before them.
//!
//! Relative dates resolve against the publication date only; nothing here reads the clock.
//! Where a relative date can point either way ("on Tuesday", "June 28"), the tense of the
//! words around it decides: past tense looks back, future tense ("will", "is to") forward.

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::{Captures, Regex};

use super::lexicon::calendar::calendar;
use super::lexicon::dates::{dates, HolidayRule, Offset, PartKind as Part};
use super::lexicon::figure_words::figure_words;
use super::lexicon::numbers::numbers;
use super::lexicon::units::units;
use super::lexicon::WordHasher;
use super::token::{Family, Words};
use super::{number, sentence, Found};
use crate::claim::{ClaimKind, ClaimValue, DateValue, Span};

/// Every date in `text`, in document order, resolved against `published` where relative.
///
/// Spans never overlap one another. A relative date gets no ISO value when `published` is
/// `None`, and neither does anything the text alone cannot pin down ("nearly a decade ago",
/// a clock time with no day near it).
pub(crate) fn find(text: &str, published: Option<NaiveDate>, words: &Words) -> Vec<Found> {
    let ctx = Ctx {
        text,
        words,
        published,
        month_first: OnceCell::new(),
        fiscal_end: OnceCell::new(),
        reports_accounts: OnceCell::new(),
    };
    let mut found = Vec::new();
    month_dates(&ctx, &mut found);
    weekdays(&ctx, &mut found);
    relative_words(&ctx, &mut found);
    period_edges(&ctx, &mut found);
    units_ago(&ctx, &mut found);
    overnight(&ctx, &mut found);
    named_periods(&ctx, &mut found);
    the_new_year(&ctx, &mut found);
    fiscal_periods(&ctx, &mut found);
    year_earlier(&ctx, &mut found);
    seasons_with_year(&ctx, &mut found);
    spelled_years(&ctx, &mut found);
    era_years(&ctx, &mut found);
    decade_words(&ctx, &mut found);
    digits(&ctx, &mut found);
    noon_and_midnight(&ctx, &mut found);
    let mut dates = settle(found);
    let counted_periods = periods_ending(text, &mut dates);
    qualify(text, &mut dates);
    dates.retain(|d| !d.span.is_empty());
    join_ranges(text, &mut dates);
    let clocks: Vec<bool> = dates
        .iter()
        .map(|d| matches!(d.value, Value::Clock { .. }))
        .collect();
    resolve_anchored(text, published, &counted_periods, &mut dates);
    join_clocks(text, &mut dates, &clocks);
    join_clock_days(text, &mut dates);
    if published.is_some() {
        quoted_days(text, &mut dates);
    }
    dates
        .into_iter()
        .map(|d| Found {
            kind: ClaimKind::Date,
            span: d.span,
            value: Some(ClaimValue::Date(DateValue { iso: d.value.iso() })),
            speaker: None,
            cue: None,
        })
        .collect()
}

/// Every family whose pattern is tried at its cue words, each at its index (the index
/// passed to [`Family::new`] is its class bit in the word table).
pub(super) fn families() -> [&'static Family; 20] {
    let families: [&'static Family; 20] = [
        &MONTH_NAME,
        &WEEKDAY,
        &DAY_WORD,
        &RELATIVE_PERIOD,
        &WEEKEND,
        &PERIOD_EDGE,
        &AGO,
        &NAMED,
        &SEASON_YEAR,
        &SEASON_PART,
        &SPELLED_YEAR_HEAD,
        &PART_NOUN,
        &RELATIVE_QUARTER,
        &FY_CODE,
        &FISCAL_NAMED,
        &YEAR_EARLIER,
        &SAME_PERIOD,
        &NOON,
        &OVERNIGHT,
        &DECADE_WORD,
    ];
    families
}

// ---------------------------------------------------------------------------------------
// Values

/// A resolved point of calendar time, at the precision the text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    /// "2023-04-20"
    Day(NaiveDate),
    /// "2022-02"
    Month(i32, u32),
    /// "2002"
    Year(i32),
    /// ISO week-numbering year and week: "2006-W08".
    Week(i32, u32),
    /// A clock time on a day: "2014-07-17T10:15Z".
    Time(NaiveDate, u32, u32, Zone),
}

/// Appends "2023-04-20" to `out`.
fn push_day(out: &mut String, d: NaiveDate) {
    push_number(out, i64::from(d.year()), 4);
    out.push('-');
    push_number(out, i64::from(d.month()), 2);
    out.push('-');
    push_number(out, i64::from(d.day()), 2);
}

/// Appends `n` in decimal, zero-padded to `width` characters as `format!("{n:0width$}")`
/// pads it (a minus sign counts toward the width). Written digit by digit: every date of
/// an article gets its ISO value, and the formatting machinery (let alone chrono's
/// pattern formatter) costs several times as much.
fn push_number(out: &mut String, n: i64, width: usize) {
    let mut digits = [0u8; 20];
    let mut len = 0;
    let mut rest = n.unsigned_abs();
    loop {
        digits[len] = b'0' + (rest % 10) as u8;
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut pad = width.saturating_sub(len);
    if n < 0 {
        out.push('-');
        pad = pad.saturating_sub(1);
    }
    out.extend(std::iter::repeat_n('0', pad));
    out.extend(digits[..len].iter().rev().map(|&d| char::from(d)));
}

/// The time zone a clock time names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    /// No zone, or "local time": the ISO value carries no offset.
    Unstated,
    /// UTC or GMT: "Z".
    Utc,
    /// Minutes east of UTC: "+11:00" for AEDT.
    Offset(i32),
    /// A US zone named without its season ("ET", "PT"): minutes east of UTC in winter,
    /// an hour more under US daylight saving time.
    UsSeasonal(i32),
}

impl Zone {
    /// The ISO suffix of a time on `day` in this zone.
    fn suffix(self, day: NaiveDate) -> String {
        let minutes = match self {
            Zone::Unstated => return String::new(),
            Zone::Utc => return "Z".to_string(),
            Zone::Offset(m) => m,
            Zone::UsSeasonal(m) => m + 60 * i32::from(us_daylight_saving(day)),
        };
        let sign = if minutes < 0 { '-' } else { '+' };
        let a = minutes.abs();
        format!("{sign}{:02}:{:02}", a / 60, a % 60)
    }
}

/// Whether US daylight saving time is in force on `day`: from the second Sunday of March
/// to the first Sunday of November.
fn us_daylight_saving(day: NaiveDate) -> bool {
    let y = day.year();
    let start = NaiveDate::from_weekday_of_month_opt(y, 3, Weekday::Sun, 2);
    let end = NaiveDate::from_weekday_of_month_opt(y, 11, Weekday::Sun, 1);
    matches!((start, end), (Some(s), Some(e)) if s <= day && day < e)
}

impl When {
    fn iso(&self) -> String {
        let mut out = String::with_capacity(24);
        self.push_iso(&mut out);
        out
    }

    /// Appends [`When::iso`] to `out`.
    fn push_iso(&self, out: &mut String) {
        match *self {
            When::Day(d) => push_day(out, d),
            When::Month(y, m) => {
                push_number(out, i64::from(y), 4);
                out.push('-');
                push_number(out, i64::from(m), 2);
            }
            // ISO 8601's expanded years count 1 BC as year 0: "300 BC" is "-0299".
            When::Year(y) if y < 0 => {
                out.push('-');
                push_number(out, -i64::from(y), 4);
            }
            When::Year(y) => push_number(out, i64::from(y), 4),
            When::Week(y, w) => {
                push_number(out, i64::from(y), 4);
                out.push_str("-W");
                push_number(out, i64::from(w), 2);
            }
            When::Time(d, h, m, zone) => {
                push_day(out, d);
                out.push('T');
                push_number(out, i64::from(h), 2);
                out.push(':');
                push_number(out, i64::from(m), 2);
                out.push_str(&zone.suffix(d));
            }
        }
    }

    /// The calendar day, for values precise to the day.
    fn day(&self) -> Option<NaiveDate> {
        match *self {
            When::Day(d) | When::Time(d, ..) => Some(d),
            _ => None,
        }
    }

    /// The first day the value covers, to order two ends of a range.
    fn first_day(&self) -> Option<NaiveDate> {
        match *self {
            When::Day(d) | When::Time(d, ..) => Some(d),
            When::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1),
            When::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
            When::Week(y, w) => NaiveDate::from_isoywd_opt(y, w, Weekday::Mon),
        }
    }

    /// Same precision, so the two can be the ends of one interval.
    fn same_grain(&self, other: &When) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// What a date claim resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Value {
    Point(When),
    /// An interval, both ends included: "2000/2050", "2022-06/2022-08".
    Between(When, When),
    /// A clock time whose day is that of the nearest date before it, moved by `days`
    /// ("22:30", "2:30 the next day").
    Clock {
        hour: u32,
        minute: u32,
        zone: Zone,
        days: i64,
    },
    /// The date named before it, moved by `months`: "a year earlier", "the year-earlier
    /// quarter", "this quarter" (moved by none). See [`Reach`] for which date.
    Shift {
        months: i64,
        reach: Reach,
        /// The value when no date before it fits: "a year ago" alone is the year before
        /// publication, "this quarter" alone the quarter of publication.
        fallback: Option<(When, When)>,
    },
    /// The text alone cannot pin it down.
    Unresolved,
}

/// Which earlier date a [`Value::Shift`] moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// A reporting period (a run of 3, 6 or 12 months) in the same sentence: "profit in
    /// the third quarter, up from a year ago".
    PeriodInSentence,
    /// A reporting period of this many months not far before ("this quarter").
    PeriodOf(i64),
    /// A reporting period in this sentence or the two before, or failing that the nearest
    /// date in this sentence or the one before: in a results story "a year earlier"
    /// compares periods.
    Nearest,
    /// The nearest date in this sentence or the one before ("He joined in 2015. A year
    /// earlier, ..."), in a text that reports no accounts.
    NearestDate,
}

impl Value {
    fn iso(&self) -> Option<String> {
        match self {
            Value::Point(w) => Some(w.iso()),
            Value::Between(a, b) => {
                let mut out = String::with_capacity(48);
                a.push_iso(&mut out);
                out.push('/');
                b.push_iso(&mut out);
                Some(out)
            }
            _ => None,
        }
    }
}

/// A possible date before overlaps are settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Candidate {
    span: Span,
    value: Value,
    /// The text states the year, so the other end of a range may borrow it ("July to
    /// September 2010").
    year_stated: bool,
}

fn point(start: usize, end: usize, when: Option<When>, year_stated: bool) -> Candidate {
    Candidate {
        span: Span::new(start, end),
        value: when.map_or(Value::Unresolved, Value::Point),
        year_stated,
    }
}

/// What every family reads from: the text, its publication date, and facts about the
/// whole text computed at most once.
struct Ctx<'t> {
    text: &'t str,
    /// The words of `text`, where each family's pattern is tried.
    words: &'t Words,
    published: Option<NaiveDate>,
    /// Whether numeric dates are month first ("10/1/2008" is 1 October, US style).
    month_first: OnceCell<bool>,
    /// The month the text's fiscal year ends in, when the text says.
    fiscal_end: OnceCell<Option<u32>>,
    /// Whether the text reports accounts or an economy, so that "the third quarter" is a
    /// part of a year and not of a match.
    reports_accounts: OnceCell<bool>,
}

impl Ctx<'_> {
    /// US style writes "April 20", British "20 April"; numeric dates follow the same
    /// order. With no evidence either way, month first.
    fn month_first(&self) -> bool {
        *self.month_first.get_or_init(|| {
            let (mut us, mut uk) = (0, 0);
            for m in MONTH_NAME.find_iter(self.text, self.words) {
                if starts_with_day(&self.text[m.end()..]) {
                    us += 1;
                }
                if ends_with_digit(&self.text[..m.start()]) {
                    uk += 1;
                }
            }
            us >= uk
        })
    }
}

/// Whether `s` starts with a day number (one or two digits, not a year).
fn starts_with_day(s: &str) -> bool {
    let t = s.trim_start_matches(['.', ' ', '\u{a0}']).as_bytes();
    let digits = t.iter().take_while(|b| b.is_ascii_digit()).count();
    (1..=2).contains(&digits)
}

fn ends_with_digit(s: &str) -> bool {
    let t = s.trim_end_matches([' ', '\u{a0}']);
    let t = t.strip_suffix("of").map_or(t, |x| x.trim_end());
    let t = t.trim_end_matches(|c: char| c.is_ascii_lowercase());
    t.as_bytes().last().is_some_and(u8::is_ascii_digit)
}

// ---------------------------------------------------------------------------------------
// Resolution helpers: pure calendar arithmetic against the publication date.

/// Which occurrence of a recurring day a reference means, seen from the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    /// The latest one on or before publication ("on Tuesday" in a past-tense sentence).
    OnOrBefore,
    /// The latest one strictly before ("last Tuesday").
    Before,
    /// The earliest one strictly after ("next Tuesday").
    After,
    /// The earliest one on or after publication ("will ... on Tuesday" in a Tuesday story
    /// is that day).
    OnOrAfter,
}

/// The grammatical time of the words around a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    Unknown,
}

/// The `weekday` that `pick` means, seen from `published`.
fn weekday_from(published: NaiveDate, weekday: Weekday, pick: Pick) -> NaiveDate {
    let today = i64::from(published.weekday().num_days_from_monday());
    let wanted = i64::from(weekday.num_days_from_monday());
    let back = (today - wanted).rem_euclid(7);
    let ahead = (wanted - today).rem_euclid(7);
    match pick {
        Pick::OnOrBefore => published - Duration::days(back),
        Pick::Before => published - Duration::days(if back == 0 { 7 } else { back }),
        Pick::After => published + Duration::days(if ahead == 0 { 7 } else { ahead }),
        Pick::OnOrAfter => published + Duration::days(ahead),
    }
}

/// The ISO week containing `day`.
fn week_of(day: NaiveDate) -> When {
    let w = day.iso_week();
    When::Week(w.year(), w.week())
}

/// `(year, month)` moved by `delta` months.
fn add_months(year: i32, month: u32, delta: i64) -> (i32, u32) {
    let index = i64::from(year) * 12 + i64::from(month) - 1 + delta;
    (index.div_euclid(12) as i32, index.rem_euclid(12) as u32 + 1)
}

/// The Saturday and Sunday of a weekend, seen from `published`: "this weekend" in a past
/// sentence is the latest one begun by publication, in a future one the next one not yet
/// over; "last weekend" ended before publication, "next weekend" starts after it.
fn weekend(published: NaiveDate, which: Relation, tense: Tense) -> (NaiveDate, NaiveDate) {
    let saturday = match which {
        Relation::Last => weekday_from(published, Weekday::Sun, Pick::Before) - Duration::days(1),
        Relation::Next => weekday_from(published, Weekday::Sat, Pick::After),
        Relation::This if tense == Tense::Past => {
            weekday_from(published, Weekday::Sat, Pick::OnOrBefore)
        }
        Relation::This => match published.weekday() {
            Weekday::Sat => published,
            Weekday::Sun => published - Duration::days(1),
            _ => weekday_from(published, Weekday::Sat, Pick::After),
        },
    };
    (saturday, saturday + Duration::days(1))
}

/// A season of the northern hemisphere, by its first meteorological month (from the
/// lexicon: "summer" starts in June); it lasts three months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Season(u32);

impl Season {
    fn from_word(word: &str) -> Option<Season> {
        dates().season(word).map(Season)
    }

    fn first_month(self) -> u32 {
        self.0
    }

    /// Whether the season runs into the next year (winter, December to February).
    fn spans_new_year(self) -> bool {
        self.0 > 10
    }

    /// The months of the season that starts in `year`: summer 2022 is "2022-06/2022-08",
    /// winter 2022 "2022-12/2023-02".
    fn months(self, year: i32) -> Value {
        let first = self.first_month();
        let (ly, lm) = add_months(year, first, 2);
        Value::Between(When::Month(year, first), When::Month(ly, lm))
    }

    /// The year the season starts in, seen from `published`: "last summer" is the latest
    /// one over by publication, "this winter" the one publication falls in or precedes,
    /// "next spring" the first one not yet begun.
    fn year_from(self, published: NaiveDate, which: Relation) -> i32 {
        let now = i64::from(published.year()) * 12 + i64::from(published.month()) - 1;
        let start = |y: i32| i64::from(y) * 12 + i64::from(self.first_month()) - 1;
        let y = published.year();
        match which {
            Relation::Last => (y - 2..=y)
                .rev()
                .find(|&c| start(c) + 2 < now)
                .unwrap_or(y - 2),
            Relation::This => {
                if self.spans_new_year() && published.month() + 12 <= self.0 + 2 {
                    y - 1
                } else {
                    y
                }
            }
            Relation::Next => (y..=y + 1).find(|&c| start(c) > now).unwrap_or(y + 1),
        }
    }
}

/// "last", "this" or "next" before a calendar word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    Last,
    This,
    Next,
}

impl Relation {
    /// The relation "last", "this" or "next" names; "this past" is "last".
    fn from_word(word: &str) -> Option<Relation> {
        if let Some((this, past)) = word.split_once([' ', '\t']) {
            return (this.eq_ignore_ascii_case("this")
                && past.trim_start().eq_ignore_ascii_case("past"))
            .then_some(Relation::Last);
        }
        Some(match word.to_ascii_lowercase().as_str() {
            "last" => Relation::Last,
            "this" => Relation::This,
            "next" => Relation::Next,
            _ => return None,
        })
    }
}

/// Where "this past" starts when it stands right before `pos` ("this past November",
/// "This past Sunday"), which names the latest such month or day before publication, as
/// "last" does. A capital "This" only opens a sentence.
fn this_past_before(text: &str, pos: usize) -> Option<usize> {
    let Near::Word(ps, past) = before(text, pos) else {
        return None;
    };
    if !past.eq_ignore_ascii_case("past") || is_capitalized(past) {
        return None;
    }
    match before(text, ps) {
        Near::Word(ts, this) if this.eq_ignore_ascii_case("this") => {
            (!is_capitalized(this) || before(text, ts).opens_sentence()).then_some(ts)
        }
        _ => None,
    }
}

/// The year of a month (and day) written without one: the one the tense points to, or
/// with no tense the occurrence nearest publication ("In March" in an August article is
/// this March, "June 28" in an April one this June).
///
/// A stated day a short way ahead of publication (up to [`SOON_DAYS`]) is that coming day
/// whatever the tense ("Jan. 14" in a story of 6 January, "the Sept. 30 deadline" in one
/// of 17 September), and so is the month right after publication's: a year-old date would
/// carry its year or "last". Likewise a stated day a short way back (up to [`SOON_DAYS`])
/// is that recent day whatever the tense ("On March 28, the jury announced that the
/// conference will be held ..." in a story of 30 March): a day almost a year ahead would
/// carry its year or "next".
fn year_for(published: NaiveDate, month: u32, day: Option<u32>, tense: Tense) -> i32 {
    let y = published.year();
    for cy in [y, y + 1] {
        let ahead = match day {
            Some(d) => NaiveDate::from_ymd_opt(cy, month, d)
                .is_some_and(|x| (1..=SOON_DAYS).contains(&(x - published).num_days())),
            None => add_months(published.year(), published.month(), 1) == (cy, month),
        };
        if ahead {
            return cy;
        }
    }
    if let Some(d) = day {
        for cy in [y, y - 1] {
            let recent = NaiveDate::from_ymd_opt(cy, month, d)
                .is_some_and(|x| (1..=SOON_DAYS).contains(&(published - x).num_days()));
            if recent {
                return cy;
            }
        }
    }
    let key = |m: u32, d: u32| m * 32 + d;
    let here = key(month, day.unwrap_or(0));
    let now = key(published.month(), day.map_or(0, |_| published.day()));
    match tense {
        Tense::Past => {
            if here > now {
                y - 1
            } else {
                y
            }
        }
        Tense::Future => {
            if here < now {
                y + 1
            } else {
                y
            }
        }
        Tense::Unknown => {
            let distance = |cy: i32| -> i64 {
                match day {
                    Some(d) => NaiveDate::from_ymd_opt(cy, month, d)
                        .map_or(i64::MAX, |x| (x - published).num_days().abs()),
                    None => {
                        let a = i64::from(cy) * 12 + i64::from(month);
                        let b = i64::from(y) * 12 + i64::from(published.month());
                        (a - b).abs()
                    }
                }
            };
            // Ties go to the earlier year: news mostly reports what happened.
            [y - 1, y, y + 1]
                .into_iter()
                .min_by_key(|&cy| (distance(cy), cy))
                .unwrap_or(y)
        }
    }
}

/// How many days after publication a stated day still reads as the coming one.
const SOON_DAYS: i64 = 14;

/// Easter Sunday of `year` (Gregorian computus).
fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

// ---------------------------------------------------------------------------------------
// Reading the words around a match

/// What stands next to a position, skipping spaces on the same line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Near<'t> {
    /// The start or end of the text, or a line break.
    Edge,
    /// A word of ASCII letters and digits, with inner apostrophes ("Britain's"), and where
    /// it starts.
    Word(usize, &'t str),
    /// Any other character.
    Mark(char),
}

impl<'t> Near<'t> {
    fn word(self) -> Option<&'t str> {
        match self {
            Near::Word(_, w) => Some(w),
            _ => None,
        }
    }

    fn is_word_in(self, list: &[&str]) -> bool {
        self.word().is_some_and(|w| one_of(w, list))
    }

    /// Whether this is what stands before the first word of a sentence.
    fn opens_sentence(self) -> bool {
        match self {
            Near::Edge => true,
            Near::Mark(c) => matches!(
                c,
                '.' | '!'
                    | '?'
                    | '"'
                    | '\u{201c}'
                    | '\u{2018}'
                    | '\''
                    | '('
                    | '['
                    | ':'
                    | ';'
                    | '\u{2014}'
                    | '\u{2013}'
                    | '\u{2022}'
            ),
            Near::Word(..) => false,
        }
    }
}

/// Whether a hyphen standing for a dash, spaced on both sides, comes right before `pos`:
/// "Indiana - This week".
fn after_spaced_dash(text: &str, pos: usize) -> bool {
    let head = text[..pos].trim_end_matches(is_space);
    head.len() < pos
        && head
            .strip_suffix('-')
            .is_some_and(|h| h.ends_with(is_space))
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{a0}'
}

const CURLY_APOSTROPHE: &[u8] = "\u{2019}".as_bytes();

/// What precedes `pos`.
fn before(text: &str, pos: usize) -> Near<'_> {
    let head = text[..pos].trim_end_matches(is_space);
    let Some(last) = head.chars().next_back() else {
        return Near::Edge;
    };
    if last == '\n' || last == '\r' {
        return Near::Edge;
    }
    if !last.is_ascii_alphanumeric() {
        return Near::Mark(last);
    }
    let b = head.as_bytes();
    let end = head.len();
    let mut i = end;
    loop {
        let letter = i > 0 && b[i - 1].is_ascii_alphanumeric();
        let apostrophe = i >= 2 && i < end && b[i - 1] == b'\'' && b[i - 2].is_ascii_alphanumeric();
        if letter || apostrophe {
            i -= 1;
        } else if i >= 4
            && i < end
            && &b[i - 3..i] == CURLY_APOSTROPHE
            && b[i - 4].is_ascii_alphanumeric()
        {
            i -= 3;
        } else {
            break;
        }
    }
    Near::Word(i, &head[i..])
}

/// What follows `pos`.
fn after(text: &str, pos: usize) -> Near<'_> {
    let tail = &text[pos..];
    let rest = tail.trim_start_matches(is_space);
    let start = pos + tail.len() - rest.len();
    let Some(first) = rest.chars().next() else {
        return Near::Edge;
    };
    if first == '\n' || first == '\r' {
        return Near::Edge;
    }
    if !first.is_ascii_alphanumeric() {
        return Near::Mark(first);
    }
    let b = rest.as_bytes();
    let mut i = 0;
    loop {
        let letter = i < b.len() && b[i].is_ascii_alphanumeric();
        let apostrophe = i + 1 < b.len() && b[i] == b'\'' && b[i + 1].is_ascii_alphanumeric();
        if letter || apostrophe {
            i += 1;
        } else if i + 3 < b.len()
            && &b[i..i + 3] == CURLY_APOSTROPHE
            && b[i + 3].is_ascii_alphanumeric()
        {
            i += 3;
        } else {
            break;
        }
    }
    Near::Word(start, &rest[..i])
}

fn one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

fn is_capitalized(word: &str) -> bool {
    word.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
}

/// A lowercase word that is not a function word: most likely a noun a number counts or
/// a year modifies ("schoolchildren", "protests").
fn is_content_word(word: &str) -> bool {
    word.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
        && word.bytes().all(|b| b.is_ascii_alphabetic() || b == b'\'')
        && !one_of(word, FUNCTION_WORDS)
}

/// `text[start..end]` with `start` moved forward and `end` pulled back to character
/// boundaries (empty when nothing whole is left between them).
fn clip(text: &str, start: usize, end: usize) -> &str {
    let mut start = start.min(text.len());
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[start..end.max(start)]
}

/// The last `len` bytes before `end`, starting on a character boundary.
fn tail_before(text: &str, end: usize, len: usize) -> (usize, &str) {
    let mut start = end.saturating_sub(len);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    (start, &text[start..end])
}

/// Words that glue a sentence together rather than name things.
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "to", "of", "in", "on", "at",
    "by", "for", "from", "with", "as", "into", "onto", "than", "when", "while", "where",
    "which", "who", "whom", "whose", "that", "this", "these", "those", "it", "its", "he", "she",
    "they", "we", "i", "you", "his", "her", "their", "our", "my", "your", "him", "them", "us",
    "is", "was", "were", "are", "be", "been", "being", "has", "have", "had", "will", "would",
    "shall", "should", "can", "could", "may", "might", "must", "do", "does", "did", "not", "no",
    "after", "before", "until", "till", "since", "during", "through", "against", "about",
    "over", "under", "up", "down", "out", "off", "then", "there", "here", "also", "only",
    "just", "even", "still", "already", "if", "because", "although", "though", "whereas", "saw",
    "marked", "marks", "brought", "began", "ended", "became", "proved", "onwards", "onward",
    "respectively", "alone", "ago", "itself", "outside", "inside", "near", "across", "along",
    "around", "behind", "beyond", "toward", "towards", "upon", "without", "within", "among",
    "amid", "despite", "via", "like", "past", "following", "including", "amongst", "beside",
    "between", "throughout", "per", "earlier", "later", "again", "back", "away", "home",
    "abroad", "today", "yesterday", "tomorrow", "last", "next",
];

/// Nouns and units a number counts or measures: after one of these a four-digit number
/// is a quantity, not a year ("1500 metres", "2000 people").
#[rustfmt::skip]
const COUNTED: &[&str] = &[
    "people", "persons", "person", "residents", "inhabitants", "children", "schoolchildren",
    "students", "pupils", "kids", "adults", "men", "women", "workers", "employees", "staff",
    "jobs", "members", "troops", "soldiers", "police", "officers", "pilgrims", "migrants",
    "refugees", "asylum", "passengers", "visitors", "tourists", "fans", "spectators", "voters",
    "votes", "patients", "cases", "deaths", "victims", "dead", "injured", "homes", "houses",
    "households", "families", "units", "vehicles", "cars", "trucks", "tanks", "aircraft",
    "planes", "ships", "boats", "copies", "pages", "words", "signatures", "seats", "items",
    "participants", "delegates", "athletes", "runners", "protesters", "demonstrators",
    "supporters", "teachers", "doctors", "nurses", "scientists", "researchers", "companies",
    "firms", "businesses", "schools", "hospitals", "beds", "sites", "stores", "shops",
    "animals", "cattle", "sheep", "birds", "trees", "species", "tonnes", "tons", "metres",
    "meters", "kilometres", "kilometers", "km", "miles", "feet", "ft", "yards", "inches", "kg",
    "kilograms", "grams", "pounds", "lbs", "litres", "liters", "gallons", "barrels", "hectares",
    "acres", "square", "calories", "watts", "megawatts", "mw", "kw", "volts", "degrees",
    "points", "goals", "runs", "dollars", "euros", "yen", "rupees", "francs", "hours",
    "minutes", "seconds", "days", "weeks", "months", "years", "decades", "times", "calls",
    "messages", "emails", "posts", "tweets", "followers", "views", "downloads", "users",
    "customers", "subscribers", "accounts", "files", "documents", "percent", "per", "more",
    "fewer", "new", "additional", "other", "extra", "others", "individuals", "civilians",
    "militants", "fighters", "rebels", "prisoners", "detainees", "inmates", "arrests",
    "attacks", "rounds", "shells", "rockets", "missiles", "bombs", "mm", "cm", "m", "ha", "sq",
    "mph", "kph", "km/h", "bn", "million", "billion", "thousand", "hundred", "rpm", "mb", "gb",
];

/// Words that put a number in the quantity family ("some 2000", "more than 1500") or
/// make it a label ("page 1999", "Flight 1549"), before a year range as before a year.
#[rustfmt::skip]
const QUANTITY_QUALIFIERS: &[&str] = &[
    "than", "some", "nearly", "almost", "approximately", "roughly", "estimated", "least",
    "most", "total", "another", "additional", "extra", "further", "exactly", "page", "pages",
    "pp", "no", "nos", "number", "room", "flight", "route", "highway", "interstate", "bus",
    "platform", "gate", "channel", "code", "line", "model", "version",
];

/// Further words before a lone four-digit number that make it a quantity ("over 2000",
/// "only 1500"); a year range after them is still a range of years ("over 2000-2050").
const COUNT_WORDS: &[&str] = &["over", "under", "only", "just", "below", "above", "all"];

// ---------------------------------------------------------------------------------------
// Tense

/// What a word says about the time of its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    /// "was", "said", "rescued": the past.
    Past,
    /// "will", "is to", "expected", "resumes": the future or a schedule.
    Future,
    /// "said", "told": the time of a report, not always of the event reported.
    Reporting,
    /// A comma, bracket or conjunction: the clause ends here.
    Break,
    /// A plural subject's present of a scheduling verb ("United play PSG on Wednesday"):
    /// the future, but only for a date in its own clause ("Shops close on Christmas Day
    /// and reopen" says nothing of Christmas).
    Schedule,
}

/// The marker a word carries by itself, given in lowercase; a regular past ("-ed")
/// counts only when `verb_like` (written in lowercase, and not before a noun it would
/// then qualify: "revised figures").
fn word_marker(lower: &str, verb_like: bool) -> Option<Marker> {
    match WORD_MARKERS.get(lower) {
        Some(&marker) => marker,
        None if verb_like && lower.len() >= 5 && lower.ends_with("ed") => Some(Marker::Past),
        None => None,
    }
}

/// The words that carry a marker by themselves, each with its marker, and the words
/// ending in "-ed" that are no past tense, with none: one lookup per word, where a chain
/// of string comparisons would try every word in turn.
static WORD_MARKERS: LazyLock<
    HashMap<&'static str, Option<Marker>, BuildHasherDefault<WordHasher>>,
> = LazyLock::new(|| {
    let lists = [
        (
            "will shall won't ll tomorrow next upcoming scheduled forecast forecasts expects
             predicts expected planned plans plan planning due slated intends forthcoming
             coming resumes begins starts opens closes goes kicks runs takes meets meet ends
             returns travels visits hosts faces appears plays arrives reopens launches departs
             convenes holds votes heads go could would might should must can",
            Some(Marker::Future),
        ),
        (
            "said told announced reported stated added",
            Some(Marker::Reporting),
        ),
        (
            "was were had did took began met went came gave made held left won lost fell rose
             saw got found sent spent brought thought felt kept paid ran sat spoke stood struck
             wrote broke chose drove flew grew knew shot fought sold bought taught caught built
             became sought ago yesterday earlier overnight",
            Some(Marker::Past),
        ),
        (
            "and but that which who while whereas because although though",
            Some(Marker::Break),
        ),
        // Words ending in "-ed" that are not past-tense verbs.
        (
            "need hundred indeed proceed succeed exceed speed feed seed breed shed bed embed
             united red based led wed",
            None,
        ),
    ];
    let mut map = HashMap::default();
    for (words, marker) in lists {
        for word in words.split_whitespace() {
            // A word in two lists keeps the marker of the first.
            map.entry(word).or_insert(marker);
        }
    }
    map
});

/// The tense of the words around `span`: the tense marker nearest to it in its own clause
/// wins, or failing that the nearest in its sentence; ties go to the past. "said on
/// Tuesday that it will appeal" is past; "will meet on Tuesday" future; "On Wednesday,
/// the delegation is to travel" future.
fn tense_around(text: &str, span: Span) -> Tense {
    let (before_marks, after_marks) = sentence_markers(text, span);
    // The clause's own verb first, then the sentence's. A reporting verb ("said") in
    // another clause tells when the words were said, not when the event is, so there it
    // counts last.
    [(true, true), (false, false), (false, true)]
        .into_iter()
        .find_map(|(clause_only, reporting)| {
            nearest_tense(&before_marks, &after_marks, clause_only, reporting)
        })
        .unwrap_or(Tense::Unknown)
}

/// The tense of the clause of `span` alone: its nearest marker before a clause break, or
/// `Unknown`.
fn clause_tense(text: &str, span: Span) -> Tense {
    let (before_marks, after_marks) = sentence_markers(text, span);
    nearest_tense(&before_marks, &after_marks, true, true).unwrap_or(Tense::Unknown)
}

/// The tense markers of the words of `span`'s sentence before it and after it.
fn sentence_markers(text: &str, span: Span) -> (Vec<Option<Marker>>, Vec<Option<Marker>>) {
    const REACH: usize = 240;
    let b = text.as_bytes();
    // A sentence ends at a line break, a semicolon or at . ! ? before a space; not at the period of
    // an abbreviation in capitals ("U.S. House").
    let ends_at = |i: usize| {
        let c = b[i];
        c == b'\n'
            || c == b';'
            || (matches!(c, b'.' | b'!' | b'?')
                && (b.get(i + 1).is_none_or(|&n| n == b' ') || closes_quote(b, i + 1))
                && !(c == b'.' && i > 0 && b[i - 1].is_ascii_uppercase())
                && !(c == b'.' && abbreviation_before(text, i)))
    };
    let mut lo = span.start;
    let floor = span.start.saturating_sub(REACH);
    while lo > floor && !ends_at(lo - 1) {
        lo -= 1;
    }
    let mut hi = span.end;
    let ceil = (span.end + REACH).min(b.len());
    while hi < ceil && !ends_at(hi) {
        hi += 1;
    }
    (
        markers(clip(text, lo, span.start)),
        markers(clip(text, span.end, hi)),
    )
}

/// The tense marker nearest the gap between `before` and `after` (the markers of the
/// words of one sentence on either side of a date), looking no further than the clause
/// when `clause_only` and counting reporting verbs only when `reporting`.
fn nearest_tense(
    before: &[Option<Marker>],
    after: &[Option<Marker>],
    clause_only: bool,
    reporting: bool,
) -> Option<Tense> {
    let tense = |m: Option<Marker>| match m {
        Some(Marker::Past) => Some(Tense::Past),
        Some(Marker::Schedule) if clause_only => Some(Tense::Future),
        Some(Marker::Reporting) if reporting => Some(Tense::Past),
        Some(Marker::Future) => Some(Tense::Future),
        _ => None,
    };
    // "said Monday will see cranes move": a date between a reporting verb and a future
    // auxiliary is the subject of the future clause; the verb reports it.
    if before.last() == Some(&Some(Marker::Reporting))
        && after.first() == Some(&Some(Marker::Future))
    {
        return Some(Tense::Future);
    }
    let (mut back_open, mut ahead_open) = (true, true);
    for d in 0..before.len().max(after.len()) {
        let mut found = None;
        if back_open {
            if let Some(&m) = before.len().checked_sub(d + 1).map(|i| &before[i]) {
                if clause_only && m == Some(Marker::Break) {
                    back_open = false;
                } else {
                    found = tense(m);
                }
            }
        }
        if ahead_open && found != Some(Tense::Past) {
            if let Some(&m) = after.get(d) {
                if clause_only && m == Some(Marker::Break) {
                    ahead_open = false;
                } else if let Some(t) = tense(m) {
                    found = Some(if t == Tense::Past {
                        t
                    } else {
                        found.unwrap_or(t)
                    });
                }
            }
        }
        if found.is_some() {
            return found;
        }
        if !back_open && !ahead_open {
            break;
        }
    }
    None
}

/// Whether a closing quotation mark at `i` ends the sentence its period closed: `."` or
/// `.”` before a space or the end.
fn closes_quote(b: &[u8], i: usize) -> bool {
    let len = match b.get(i..) {
        Some([b'"' | b'\'', ..]) => 1,
        Some([0xE2, 0x80, 0x9D | 0x99, ..]) => 3,
        _ => return false,
    };
    b.get(i + len).is_none_or(|&n| n == b' ' || n == b'\n')
}

/// Whether the period at `dot` closes an abbreviation, not a sentence: "a.m.", "p.m.", an
/// initial, a month ("Nov. 18").
fn abbreviation_before(text: &str, dot: usize) -> bool {
    let b = text.as_bytes();
    let mut j = dot;
    while j > 0 && b[j - 1].is_ascii_alphabetic() {
        j -= 1;
    }
    let word = &text[j..dot];
    word.len() == 1 || calendar().month_abbreviations.contains(word)
}

/// The tense markers of the words of `s`, one per word (apostrophes inside kept: "won't")
/// and a [`Marker::Break`] for each comma, semicolon, colon, bracket, dash or quotation
/// mark. In context: "is to" and "going to" are future; a participle after "be" is
/// passive and takes its time from the auxiliary ("will be sent"); an "-ed" word before a
/// noun is an adjective ("revised figures").
fn markers(s: &str) -> Vec<Option<Marker>> {
    let mut words: Vec<&str> = Vec::new();
    let mut word_start = None;
    for (i, c) in s.char_indices() {
        if c.is_ascii_alphanumeric() || c == '\'' {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(ws) = word_start.take() {
            push_word(&mut words, &s[ws..i]);
        }
        if matches!(
            c,
            ',' | ';' | ':' | '(' | ')' | '"' | '\u{201c}' | '\u{201d}' | '\u{2014}' | '\u{2013}'
        ) {
            // An empty word stands for the break.
            words.push("");
        }
    }
    if let Some(ws) = word_start {
        push_word(&mut words, &s[ws..]);
    }
    let mut lower = [0u8; 24];
    let mut out: Vec<Option<Marker>> = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        if w.is_empty() {
            out.push(Some(Marker::Break));
            continue;
        }
        if w.len() > lower.len() {
            out.push(None);
            continue;
        }
        // Most words are lower case already and are read as they stand.
        let l = if w.bytes().any(|b| b.is_ascii_uppercase()) {
            let l = &mut lower[..w.len()];
            l.copy_from_slice(w.as_bytes());
            l.make_ascii_lowercase();
            std::str::from_utf8(l).unwrap_or_default()
        } else {
            w
        };
        let next = words.get(i + 1).copied().unwrap_or("");
        // "may" in lower case is the modal, not the month.
        // "the funeral is on Saturday": a present "is on" right before a date schedules it.
        let scheduled =
            matches!(l, "is" | "are") && next.eq_ignore_ascii_case("on") && i + 2 == words.len();
        // "United play PSG on Wednesday": a plural subject's present of a scheduling verb;
        // after "to", "did", "not" or a determiner the same word is no present tense.
        let plural_schedule =
            one_of(l, SCHEDULE_VERBS) && i > 0 && !one_of(words[i - 1], NOT_PRESENT_LEADS);
        // "pledged to withdraw by August": a commitment looks ahead whatever its tense.
        let pledge = next.eq_ignore_ascii_case("to") && dates().pledge_verbs.contains(l);
        let future = (matches!(l, "is" | "are" | "am")
            && one_of(next, &["to", "set", "going", "forecast", "due"]))
            || pledge
            || scheduled
            || *w == "may"
            || (l == "going" && next.eq_ignore_ascii_case("to"))
            || l.ends_with("'ll");
        let verb_like =
            l.ends_with("ed") && w.as_bytes()[0].is_ascii_lowercase() && !is_content_word(next);
        // "in Redford and Lake Arden": "and" between two names joins them, not clauses.
        let joins_names =
            l == "and" && i > 0 && is_capitalized(words[i - 1]) && is_capitalized(next);
        let m = if future {
            Some(Marker::Future)
        } else if plural_schedule {
            Some(Marker::Schedule)
        } else if joins_names {
            None
        } else {
            word_marker(l, verb_like)
        };
        let passive = m == Some(Marker::Past) && i > 0 && one_of(words[i - 1], &["be", "being"]);
        // "the figure expected by organizers": a participle with its agent qualifies a
        // noun and schedules nothing.
        let with_agent =
            m == Some(Marker::Future) && l.ends_with("ed") && next.eq_ignore_ascii_case("by");
        out.push(if passive || with_agent { None } else { m });
    }
    out
}

/// Verbs whose present with a plural subject schedules what it dates: "United play PSG
/// on Wednesday", "talks resume on Monday".
const SCHEDULE_VERBS: &[&str] = &[
    "arrive",
    "begin",
    "convene",
    "depart",
    "face",
    "host",
    "play",
    "reconvene",
    "reopen",
    "resume",
];

/// Words after which a scheduling verb's bare form is no present tense: "did not play",
/// "to face", "the host".
const NOT_PRESENT_LEADS: &[&str] = &[
    "a", "an", "can", "could", "did", "didn't", "her", "his", "its", "may", "might", "must", "my",
    "never", "not", "our", "should", "the", "their", "to", "would", "your",
];

fn push_word<'s>(words: &mut Vec<&'s str>, w: &'s str) {
    let w = w.trim_matches('\'');
    if !w.is_empty() {
        words.push(w);
    }
}

// ---------------------------------------------------------------------------------------
// Family: month names

/// A month name, full or abbreviated, capitalized: "April", "Sept". Lowercase "march"
/// and "may" are verbs.
static MONTH_NAME: LazyLock<Family> = LazyLock::new(|| {
    let months = title_alternation(calendar().month_words.iter(), false);
    let pattern = format!(r"(?-u:\b)(?:{months})(?-u:\b)");
    Family::new("month", 0, &pattern, calendar().month_words.iter())
});

/// `words` as a regex alternation, longest first, each with its first letter in capitals
/// as a name is written ("January|Jan|..."); with `inner_capitals`, the later words of a
/// name may start in either case ("Christmas Eve", "Eid al-Fitr"). A space matches any run
/// of blanks, an apostrophe a straight or curly one, and a period may be left out ("St
/// Patrick's Day"). Literal letters keep the scan's prefilter fast.
fn title_alternation<'w>(words: impl Iterator<Item = &'w str>, inner_capitals: bool) -> String {
    let mut words: Vec<&str> = words.collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let mut out = Vec::with_capacity(words.len());
    for w in words {
        let mut pattern = String::new();
        let mut word_start = true;
        for (i, c) in w.chars().enumerate() {
            match c {
                ' ' => pattern.push_str(r"[ \t]+"),
                '\'' => pattern.push_str("(?:'|\u{2019})"),
                '.' => pattern.push_str(r"\.?"),
                '-' => pattern.push('-'),
                c if i == 0 => pattern.push_str(&regex::escape(&c.to_uppercase().to_string())),
                c if word_start && inner_capitals && c.is_ascii_alphabetic() => {
                    pattern.push_str(&format!("[{}{}]", c.to_ascii_uppercase(), c));
                }
                c => pattern.push_str(&regex::escape(&c.to_string())),
            }
            word_start = matches!(c, ' ' | '-');
        }
        out.push(pattern);
    }
    out.join("|")
}

/// `words` as a regex alternation, longest first, each starting in either case
/// ("[Ss]ummer|[Ww]inter"): literal letters keep the scan's prefilter fast.
fn either_first_case<'w>(words: impl Iterator<Item = &'w str>) -> String {
    let mut words: Vec<&str> = words.collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let alternatives: Vec<String> = words
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(c) if c.is_ascii_alphabetic() => format!(
                    "[{}{}]{}",
                    c.to_ascii_uppercase(),
                    c,
                    regex::escape(chars.as_str()).replace(' ', r"[ \t]+")
                ),
                _ => regex::escape(w),
            }
        })
        .collect();
    alternatives.join("|")
}

/// What may follow a month name: a day or day range with an optional year ("April 20",
/// "April 20th, 2023", "April 20-22"), or a year ("February 2022", "May of 2010").
static AFTER_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\.?[ \t\u{a0}]+(?:(\d{1,2})(?:st|nd|rd|th)?(?-u:\b)(?:[ \t]*(?:-|–|to|through|until|till)[ \t]*(\d{1,2})(?:st|nd|rd|th)?(?-u:\b))?(?:,?[ \t\u{a0}]+(\d{4})(?-u:\b))?|(?:of[ \t]+)?(\d{4})(?-u:\b))",
    )
    .expect("after-month pattern compiles")
});

/// A year named relative to publication after a month: "last year", "of next year".
static RELATIVE_YEAR_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^,?[ \t\u{a0}]+(?:of[ \t]+)?([Ll]ast|[Tt]his|[Nn]ext)[ \t]+year(?-u:\b)")
        .expect("relative-year pattern compiles")
});

/// What may precede a month name: a weekday ("Saturday, September 12, 2015"), a day or
/// day range ("20 April", "the 20th of April", "12-14 September"), or both ("Saturday 12
/// September").
static BEFORE_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    let weekdays = title_alternation(calendar().weekday_words.iter(), false);
    Regex::new(&format!(
        r"(?:(?-u:\b)((?:{weekdays})\.?),?[ \t\u{{a0}}]+)?(?:(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?(?:[ \t]*(?:-|–|to)[ \t]*(\d{{1,2}})(?:st|nd|rd|th)?)?(?:[ \t]+of)?[ \t\u{{a0}}]+)?$"
    ))
    .expect("before-month pattern compiles")
});

/// Words after which a month name alone is the month: "in May", "since March", "until
/// June", "early April", "the end of May".
#[rustfmt::skip]
const MONTH_CONTEXT: &[&str] = &[
    "in", "since", "by", "until", "till", "from", "during", "before", "after", "through",
    "throughout", "between", "early", "late", "of", "around", "last", "next", "this",
];

fn month_number(name: &str) -> u32 {
    calendar().month(name).unwrap_or(12)
}

/// The day an ordinal word names: "first" 1, "twenty-first" 21, "thirtieth" 30.
fn ordinal_day(word: &str) -> Option<u32> {
    const UNITS: [&str; 19] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    let unit = |w: &str| {
        UNITS
            .iter()
            .position(|u| u.eq_ignore_ascii_case(w))
            .map(|i| i as u32 + 1)
    };
    let (tens, rest) = match word.split_once('-') {
        Some((t, r)) => (t, Some(r)),
        None => (word, None),
    };
    let day = match (tens.to_ascii_lowercase().as_str(), rest) {
        ("twentieth", None) => 20,
        ("thirtieth", None) => 30,
        ("twenty", Some(r)) => 20 + unit(r).filter(|&u| u < 10)?,
        ("thirty", Some(r)) if r.eq_ignore_ascii_case("first") => 31,
        (_, None) => unit(word)?,
        _ => return None,
    };
    Some(day)
}

fn parse_day(m: Option<regex::Match>) -> Option<u32> {
    m.and_then(|m| m.as_str().parse().ok())
        .filter(|d| (1..=31).contains(d))
}

fn parse_year(m: Option<regex::Match>) -> Option<i32> {
    m.and_then(|m| m.as_str().parse().ok())
        .filter(|y| (1000..=2199).contains(y))
}

/// Whether a day number ending at `end` is a whole number, not the start of "2,000" or
/// "1.5" or a clock time, and counts no noun ("In March 20 people died").
fn day_stands_alone(text: &str, end: usize) -> bool {
    let b = text.as_bytes();
    let glued = matches!(b.get(end), Some(b',' | b'.' | b':' | b'/'))
        && b.get(end + 1).is_some_and(u8::is_ascii_digit);
    !glued && !after(text, end).is_word_in(COUNTED) && b.get(end) != Some(&b'%')
}

/// "April 20", "20 April 2023", "Saturday, September 12, 2015", "February 2022",
/// "in May", "last March", "12-14 September".
fn month_dates(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    for m in MONTH_NAME.find_iter(text, ctx.words) {
        let name = m.as_str();
        let month = month_number(name);
        let abbreviated = calendar().month_abbreviations.contains(name);
        let mut end = m.end();
        if abbreviated && text.as_bytes().get(end) == Some(&b'.') {
            end += 1;
        }

        // After the name: day (range) and year, or a year.
        let (mut day, mut day_to, mut year) = (None, None, None);
        let window = clip(text, m.end(), m.end() + 32);
        if let Some(c) = AFTER_MONTH.captures(window) {
            let whole_end = m.end() + c.get(0).map_or(0, |g| g.end());
            if let Some(y) = parse_year(c.get(4)) {
                year = Some(y);
                end = whole_end;
            } else if let Some(d) = parse_day(c.get(1)) {
                let day_end = m.end() + c.get(2).or(c.get(1)).map_or(0, |g| g.end());
                // "the September 11 attacks": a date naming an event, whatever it counts.
                let names_event = before(text, m.start())
                    .word()
                    .is_some_and(|w| one_of(w, ATTRIBUTIVE) || is_possessive(w));
                if day_stands_alone(text, day_end) || c.get(3).is_some() || names_event {
                    day = Some(d);
                    day_to = parse_day(c.get(2));
                    year = parse_year(c.get(3));
                    end = if year.is_some() {
                        whole_end
                    } else {
                        day_end_with_suffix(text, day_end)
                    };
                }
            }
        }

        // "July first": a day written as an ordinal word, as spoken.
        if day.is_none() && year.is_none() {
            if let Near::Word(ws, w) = after(text, end) {
                // Not an ordinal that ranks a noun: "in March second place went to".
                let glued = text.as_bytes().get(ws + w.len()) == Some(&b'-')
                    || after(text, ws + w.len())
                        .word()
                        .is_some_and(is_content_word);
                if let Some(d) = ordinal_day(w).filter(|_| !glued) {
                    day = Some(d);
                    end = ws + w.len();
                }
            }
        }

        // Before the name: weekday and day (range).
        let mut start = m.start();
        let (window_start, window) = tail_before(text, m.start(), 40);
        let before_caps = BEFORE_MONTH.captures(window);
        if day.is_none() {
            if let Some(g) = group(before_caps.as_ref(), 2) {
                // Not the tail of another number: "1,12 May", "$12 May".
                let at = window_start + g.start();
                let bytes = text.as_bytes();
                let ok = match at.checked_sub(1).map(|i| bytes[i]) {
                    Some(b',' | b'.') => !(at >= 2 && bytes[at - 2].is_ascii_digit()),
                    Some(b'$' | b'#') => false,
                    _ => true,
                };
                if ok {
                    day = parse_day(Some(g));
                    day_to = parse_day(group(before_caps.as_ref(), 3));
                    if day.is_some() {
                        start = window_start + g.start();
                    }
                }
            }
        }
        if day.is_some() {
            if let Some(g) = group(before_caps.as_ref(), 1) {
                start = window_start + g.start();
            }
        }

        // "January last year", "April 14 last year", "November of last year": the year
        // counted from publication's.
        if year.is_none() {
            if let Some(c) = RELATIVE_YEAR_AFTER.captures(clip(text, end, end + 24)) {
                let step = match Relation::from_word(&c[1]) {
                    Some(Relation::Last) => -1,
                    Some(Relation::Next) => 1,
                    _ => 0,
                };
                end += c.get(0).map_or(0, |g| g.end());
                let Some(p) = ctx.published else {
                    out.push(point(start, end, None, false));
                    continue;
                };
                year = Some(p.year() + step);
            }
        }

        let tense = || tense_around(text, Span::new(start, end));
        if let Some(d) = day {
            let year_stated = year.is_some();
            // A range still running at publication is this year's: the last day decides.
            let y = year.or_else(|| {
                ctx.published
                    .map(|p| year_for(p, month, Some(day_to.unwrap_or(d)), tense()))
            });
            let first = y.and_then(|y| NaiveDate::from_ymd_opt(y, month, d));
            let last = day_to.and_then(|t| y.and_then(|y| NaiveDate::from_ymd_opt(y, month, t)));
            let value = match (first, last, day_to) {
                (Some(a), Some(b), Some(_)) if b > a => Value::Between(When::Day(a), When::Day(b)),
                (Some(a), _, None) => Value::Point(When::Day(a)),
                _ => Value::Unresolved,
            };
            out.push(Candidate {
                span: Span::new(start, end),
                value,
                year_stated,
            });
        } else if let Some(y) = year {
            out.push(point(start, end, Some(When::Month(y, month)), true));
        } else if !abbreviated {
            let alone = month_alone(text, m.start()).or_else(|| {
                // "its August forecast", "the November ballot": a month naming which one;
                // "the contested March election": one dating an event. "Women's March"
                // is a name.
                let prev = before(text, m.start()).word();
                let noun = after(text, m.end()).word();
                if prev.is_some_and(|w| is_possessive(w) && is_capitalized(w)) {
                    return None;
                }
                // After a capitalized word the month may close a name ("Theresa May").
                let event = noun.is_some_and(|n| dates().month_event_nouns.contains(n))
                    && !prev.is_some_and(is_capitalized);
                let names = prev.is_some_and(|w| one_of(w, ATTRIBUTIVE) || is_possessive(w))
                    && noun.is_some_and(is_content_word);
                (event || names).then_some((m.start(), None))
            });
            // A month naming which one ("its August forecast") is the nearest such month,
            // whatever the tense of the clause around it.
            let attributive = alone.is_some() && month_alone(text, m.start()).is_none();
            let tense = || if attributive { Tense::Unknown } else { tense() };
            if let Some((s, relation)) = alone {
                let when = ctx.published.map(|p| {
                    let y = match relation {
                        Some(Relation::Last) => {
                            if month < p.month() {
                                p.year()
                            } else {
                                p.year() - 1
                            }
                        }
                        Some(Relation::Next) => {
                            if month > p.month() {
                                p.year()
                            } else {
                                p.year() + 1
                            }
                        }
                        Some(Relation::This) => p.year(),
                        None => year_for(p, month, None, tense()),
                    };
                    When::Month(y, month)
                });
                out.push(point(s, m.end(), when, false));
            }
        }
    }
}

/// Group `i` of optional captures.
fn group<'h>(c: Option<&Captures<'h>>, i: usize) -> Option<regex::Match<'h>> {
    c.and_then(|c| c.get(i))
}

/// A day number may carry an ordinal suffix ("20th"): the span ends after it.
fn day_end_with_suffix(text: &str, digits_end: usize) -> usize {
    let rest = &text[digits_end..];
    for suffix in ["st", "nd", "rd", "th"] {
        if rest.starts_with(suffix)
            && !rest.as_bytes()[2..]
                .first()
                .is_some_and(u8::is_ascii_alphanumeric)
        {
            return digits_end + 2;
        }
    }
    digits_end
}

/// Whether a month name alone at `start` is the month, and where its span starts: the
/// words before it must be temporal ("in May", "since March", "mid-June", "last May");
/// "May" the modal or the surname has none of them.
fn month_alone(text: &str, start: usize) -> Option<(usize, Option<Relation>)> {
    if let Some(ts) = this_past_before(text, start) {
        return Some((ts, Some(Relation::Last)));
    }
    match before(text, start) {
        Near::Word(ws, w) => {
            if let Some(r) = Relation::from_word(w) {
                return (!is_capitalized(w) || before(text, ws).opens_sentence())
                    .then_some((ws, Some(r)));
            }
            if one_of(w, MONTH_CONTEXT) {
                return Some((start, None));
            }
            // "the three months to February", "the nine months ended June", "scheduled
            // for October"; "to May" and "for May" are as often the surname.
            if one_of(w, &["to", "for", "ended", "ending"]) && !text[start..].starts_with("May") {
                return Some((start, None));
            }
            if one_of(w, &["and", "or", "to", "until", "till"]) {
                // "in March and May", "from March to May": the word before is a date.
                let prior = before(text, ws).word()?;
                let is_date = MONTH_NAME.pattern().is_match(prior) && is_capitalized(prior)
                    || prior.bytes().all(|b| b.is_ascii_digit());
                return is_date.then_some((start, None));
            }
            None
        }
        Near::Mark('-') => {
            let hyphen = text[..start].trim_end_matches(is_space).len() - 1;
            match before(text, hyphen) {
                Near::Word(ws, w) if dates().part_before.contains(w) => Some((ws, None)),
                _ => None,
            }
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// Family: weekdays

/// A weekday name, singular ("Mondays" is a habit, not a date).
static WEEKDAY: LazyLock<Family> = LazyLock::new(|| {
    let names = title_alternation(calendar().weekday_names.iter(), false);
    let pattern = format!(r"(?-u:\b)(?:{names})(?-u:\b)");
    Family::new("weekday", 1, &pattern, calendar().weekday_names.iter())
});

/// A part of the day after a weekday or "yesterday": "Thursday night".
static PART_OF_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t\u{a0}]+(?:morning|afternoon|evening|night)(?-u:\b)")
        .expect("part-of-day pattern compiles")
});

fn weekday_of(name: &str) -> Weekday {
    calendar().weekday(name).unwrap_or(Weekday::Sun)
}

/// "Tuesday", "on Wednesday", "Thursday night", "last Friday", "next Monday": in a past
/// sentence the latest such day on or before publication, in a future one the next.
/// "Thursday week" is the day a week after the first Thursday on or after publication.
fn weekdays(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    for m in WEEKDAY.find_iter(text, ctx.words) {
        let prev = before(text, m.start());
        let next = after(text, m.end());
        if let Near::Word(_, w) = prev {
            if is_capitalized(w) && dates().weekday_name_words.contains(w)
                || one_of(w, &["every", "each"])
            {
                continue;
            }
            // "the Sunday Times"
            if w.eq_ignore_ascii_case("the") && next.word().is_some_and(is_capitalized) {
                continue;
            }
        }
        // "Friday Night Footy", "Monday Night Football": a weekday with a capitalized part
        // of the day and another capitalized word is a name.
        if let Near::Word(ws, w) = next {
            let part =
                is_capitalized(w) && one_of(w, &["morning", "afternoon", "evening", "night"]);
            if part && after(text, ws + w.len()).word().is_some_and(is_capitalized) {
                continue;
            }
        }
        let mut start = m.start();
        let mut relation = None;
        if let Some(ts) = this_past_before(text, m.start()) {
            start = ts;
            relation = Some(Relation::Last);
        } else if let Near::Word(ws, w) = prev {
            if let Some(r) = Relation::from_word(w) {
                if !is_capitalized(w) || before(text, ws).opens_sentence() {
                    start = ws;
                    relation = Some(r);
                }
            }
        }
        let weekday = weekday_of(m.as_str());
        // "Thursday week": a week after the coming Thursday, counted from publication.
        if let Near::Word(ws, "week") = next {
            if relation.is_none() {
                let when = ctx.published.map(|p| {
                    When::Day(weekday_from(p, weekday, Pick::OnOrAfter) + Duration::days(7))
                });
                out.push(point(start, ws + "week".len(), when, false));
                continue;
            }
        }
        if let Some(dated) = weekday_with_day(ctx, start, weekday, next) {
            out.push(dated);
            continue;
        }
        let end = m.end()
            + PART_OF_DAY
                .find(clip(text, m.end(), m.end() + 16))
                .map_or(0, |p| p.end());
        // "Monday's announcement sets in motion ...": a weekday owning a noun names what
        // was done that day unless its own clause looks ahead.
        let possessive = text[end..].starts_with("'s") || text[end..].starts_with("\u{2019}s");
        let when = ctx.published.map(|p| {
            let span = Span::new(start, end);
            let tense = if possessive {
                clause_tense(text, span)
            } else {
                tense_around(text, span)
            };
            let pick = match relation {
                Some(Relation::Last) => Pick::Before,
                Some(Relation::Next) => Pick::After,
                // A weekday named in a story published on that weekday is that day.
                _ => match tense {
                    Tense::Future => Pick::OnOrAfter,
                    // News mostly reports what happened: "beat Liverpool on Sunday".
                    Tense::Past | Tense::Unknown => Pick::OnOrBefore,
                },
            };
            When::Day(weekday_from(p, weekday, pick))
        });
        out.push(point(start, end, when, false));
    }
}

/// "Thursday 14th", "Friday 3": a weekday with a day of the month and no month, from
/// `start` (the weekday or the word before it) through the day. It is the day of that
/// number, in the month of publication or the one before or after, that falls on
/// `weekday`, the nearest to publication; unresolved when none does or the date of
/// publication is not known. `None` when `next`, the word after the weekday, is no day of
/// the month, when a month name follows it ("Thursday 14th of March" is read with its
/// month), or when a bare number has a word after it ("Friday 3 people").
fn weekday_with_day(
    ctx: &Ctx,
    start: usize,
    weekday: Weekday,
    next: Near<'_>,
) -> Option<Candidate> {
    let Near::Word(ws, w) = next else {
        return None;
    };
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let ordinal = match &w[digits.len()..] {
        "" => false,
        "st" | "nd" | "rd" | "th" => true,
        _ => return None,
    };
    let day: u32 = digits.parse().ok().filter(|d| (1..=31).contains(d))?;
    let end = ws + w.len();
    // A bare number may count what follows ("on Friday 3 people died"): it is a day only
    // before punctuation; an ordinal only without a month after it.
    if let Near::Word(_, after_day) = after(ctx.text, end) {
        if !ordinal || MONTH_NAME.pattern().is_match(after_day) || one_of(after_day, &["of"]) {
            return None;
        }
    }
    let when = ctx.published.and_then(|p| {
        (-1..=1)
            .filter_map(|delta| {
                let (y, mo) = add_months(p.year(), p.month(), delta);
                NaiveDate::from_ymd_opt(y, mo, day)
            })
            .filter(|d| d.weekday() == weekday)
            .min_by_key(|d| (*d - p).num_days().abs())
            .map(When::Day)
    });
    Some(point(start, end, when, false))
}

// ---------------------------------------------------------------------------------------
// Family: relative words

/// Days named relative to publication: "today", "tonight", "yesterday (afternoon)",
/// "tomorrow"; "earlier"/"later" before them belongs to the span ("earlier today").
static DAY_WORD: LazyLock<Family> = LazyLock::new(|| {
    Family::new(
        "day-word",
        2,
        r"(?-u:\b)(?:[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow)(?-u:\b)",
        ["today", "tonight", "yesterday", "tomorrow"],
    )
});

/// Whether "today" at `start..end` means "nowadays", closing a clause of state: "the
/// person I am today", "the problem that we have today", "the world we live in today",
/// "where it remains today"; or inside a comparison with the past, "as strong today as
/// it was". "We are today announcing" names the day.
fn means_nowadays(text: &str, start: usize, end: usize) -> bool {
    // "as strong today as": "as", a word, "today", "as".
    if after(text, end).is_word_in(&["as"]) {
        if let Near::Word(ws, _) = before(text, start) {
            if before(text, ws).is_word_in(&["as"]) {
                return true;
            }
        }
    }
    let mut prev = before(text, start);
    if let Near::Word(ws, w) = prev {
        if one_of(w, &["in", "of"]) {
            prev = before(text, ws);
        }
    }
    let Near::Word(ws, verb) = prev else {
        return false;
    };
    let state = one_of(
        verb,
        &[
            "am", "are", "is", "have", "has", "live", "know", "see", "face", "need", "use",
            "remain", "remains", "exist", "exists", "stand", "stands",
        ],
    );
    let subject = before(text, ws).is_word_in(&["i", "we", "you", "they", "he", "she", "it"]);
    let goes_on = after(text, end)
        .word()
        .is_some_and(|w| w.ends_with("ing") && w.as_bytes()[0].is_ascii_lowercase());
    state && subject && !goes_on
}

/// Periods named relative to publication: "this week", "last year", "next month", "this
/// weekend", "last summer", "last night"; "earlier this year", "later this month"; "this
/// past week" is last week.
static RELATIVE_PERIOD: LazyLock<Family> = LazyLock::new(|| {
    let seasons = dates().season_words.alternation();
    let pattern = format!(
        r"(?-u:\b)([Tt]his[ \t]+past|[Tt]his|[Ll]ast|[Nn]ext)[ \t]+(morning|afternoon|evening|night|weekend|week|month|year|{seasons}|season)(?-u:\b)",
    );
    Family::new("relative-period", 3, &pattern, ["this", "last", "next"])
});

/// Words before "last"/"next" that make it an ordinary adjective ("the last week of June",
/// "over the next year" are not dates).
#[rustfmt::skip]
const DETERMINERS: &[&str] = &[
    "the", "a", "its", "his", "her", "their", "our", "my", "your", "this", "every", "each",
    "whose",
];

/// Where a relative expression starting at `start` really starts: "earlier today",
/// "later this year" take the adverb in. Also what stands before the whole.
fn widen_over_adverb(text: &str, start: usize) -> (usize, Near<'_>) {
    match before(text, start) {
        Near::Word(ws, w) if one_of(w, &["earlier", "later"]) => (ws, before(text, ws)),
        prev => (start, prev),
    }
}

fn relative_words(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    let p = ctx.published;
    for m in DAY_WORD.find_iter(text, ctx.words) {
        let (start, prev) = widen_over_adverb(text, m.start());
        // Mid-sentence capitals are names: "USA Today", "the Today programme".
        if is_capitalized(&text[start..]) && !prev.opens_sentence() {
            continue;
        }
        let word = m.as_str().to_ascii_lowercase();
        if word == "today" && means_nowadays(text, m.start(), m.end()) {
            continue;
        }
        let offset = match word.as_str() {
            "yesterday" => -1,
            "tomorrow" => 1,
            _ => 0,
        };
        let mut end = m.end();
        if offset != 0 {
            end += PART_OF_DAY
                .find(clip(text, end, end + 16))
                .map_or(0, |x| x.end());
        }
        let when = p.map(|p| When::Day(p + Duration::days(offset)));
        out.push(point(start, end, when, false));
    }
    for c in RELATIVE_PERIOD.captures_iter(text, ctx.words) {
        let whole = c.get(0).expect("group 0");
        let (start, prev) = widen_over_adverb(text, whole.start());
        // "Last Week Tonight" is a name; after a dateline's spaced dash ("Evansville -
        // This past week") a sentence opens.
        if is_capitalized(&text[start..])
            && !prev.opens_sentence()
            && !after_spaced_dash(text, start)
        {
            continue;
        }
        let end = whole.end();
        let relation = Relation::from_word(&c[1]).expect("pattern allows three words");
        // "the next year's contest": the article goes with the contest, and the year is
        // the one after publication.
        let possessive = text[end..].starts_with("'s") || text[end..].starts_with("\u{2019}s");
        if relation != Relation::This
            && prev.is_word_in(DETERMINERS)
            && !(possessive && prev.is_word_in(&["the"]))
        {
            continue;
        }
        let unit = &c[2];
        let Some(p) = p else {
            out.push(point(start, end, None, false));
            continue;
        };
        let step = match relation {
            Relation::Last => -1,
            Relation::This => 0,
            Relation::Next => 1,
        };
        let value = match unit {
            "morning" | "afternoon" | "evening" | "night" => match relation {
                Relation::This => Value::Point(When::Day(p)),
                Relation::Last if matches!(unit, "night" | "evening") => {
                    Value::Point(When::Day(p - Duration::days(1)))
                }
                _ => continue,
            },
            "week" => Value::Point(week_of(p + Duration::days(7 * step))),
            "weekend" => {
                let tense = if relation == Relation::This {
                    tense_around(text, Span::new(start, end))
                } else {
                    Tense::Unknown
                };
                let (sat, sun) = weekend(p, relation, tense);
                Value::Between(When::Day(sat), When::Day(sun))
            }
            "month" => {
                let (y, m) = add_months(p.year(), p.month(), step);
                Value::Point(When::Month(y, m))
            }
            "year" => Value::Point(When::Year(p.year() + step as i32)),
            // A sports or trading season has no fixed months.
            "season" => Value::Unresolved,
            season => {
                let s = Season::from_word(season).expect("pattern allows seasons only");
                s.months(s.year_from(p, relation))
            }
        };
        out.push(Candidate {
            span: Span::new(start, end),
            value,
            year_stated: false,
        });
    }
    for m in WEEKEND.find_iter(text, ctx.words) {
        // "over the weekend", "at the weekend": the weekend the tense points to.
        let Near::Word(the, w) = before(text, m.start()) else {
            continue;
        };
        let introduced = before(text, the).is_word_in(&["over", "at", "during", "on", "through"]);
        if !w.eq_ignore_ascii_case("the") || !introduced {
            continue;
        }
        let span = Span::new(the, m.end());
        let value = p.map_or(Value::Unresolved, |p| {
            let (sat, sun) = weekend(p, Relation::This, tense_around(text, span));
            Value::Between(When::Day(sat), When::Day(sun))
        });
        out.push(Candidate {
            span,
            value,
            year_stated: false,
        });
    }
}

/// "overnight", to find it as an adverb of time.
static OVERNIGHT: LazyLock<Family> = LazyLock::new(|| {
    Family::new(
        "overnight",
        18,
        r"(?-u:\b)[Oo]vernight(?-u:\b)",
        ["overnight"],
    )
});

/// Words before "overnight" that make it mean "suddenly": verbs of change ("it did not
/// happen overnight", "trade dried up overnight", "the town changed almost overnight"),
/// read past a particle and a degree word ([`OVERNIGHT_SKIPPED`]), and the adverbs
/// "practically", "literally", "seemingly" and "not".
#[rustfmt::skip]
const SUDDENLY_CUES: &[&str] = &[
    "happen", "happens", "happened", "happening", "change", "changes", "changed", "changing",
    "disappear", "disappeared", "disappears", "vanish", "vanished", "vanishes", "evaporate",
    "evaporated", "evaporates", "dry", "dried", "dries", "transform", "transformed",
    "transforms", "become", "became", "becomes", "turn", "turned", "turns", "collapse",
    "collapsed", "collapses", "fade", "faded", "fades", "emerge", "emerged", "emerges",
    "practically", "literally", "seemingly", "not",
];

/// Particles and degree words read past to find the verb before "overnight".
const OVERNIGHT_SKIPPED: &[&str] = &["up", "out", "away", "off", "almost", "nearly", "virtually"];

/// Words after "overnight" that show it closes its verb phrase as an adverb ("fell
/// overnight in Asia", "worked overnight to"), where a noun after it would make it an
/// adjective ("an overnight stay").
#[rustfmt::skip]
const AFTER_ADVERB: &[&str] = &[
    "and", "but", "or", "in", "on", "at", "as", "after", "before", "from", "to", "into",
    "when", "while", "with", "amid", "following", "until", "near", "across", "by", "for",
];

/// "overnight" as an adverb of time ("shares fell overnight", "Overnight, rebels
/// attacked"): the night before publication, or the one after it when the sentence speaks
/// of the future. Not "overnight" meaning "suddenly" nor as an adjective.
fn overnight(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    for m in OVERNIGHT.find_iter(text, ctx.words) {
        let mut prev = before(text, m.start());
        for _ in 0..2 {
            match prev {
                Near::Word(ws, w) if one_of(w, OVERNIGHT_SKIPPED) => prev = before(text, ws),
                _ => break,
            }
        }
        if prev.is_word_in(SUDDENLY_CUES) {
            continue;
        }
        let closes = after(text, m.end())
            .word()
            .is_none_or(|next| one_of(next, AFTER_ADVERB));
        if !closes {
            continue;
        }
        let span = Span::new(m.start(), m.end());
        let value = ctx.published.map_or(Value::Unresolved, |p| {
            let evening = match tense_around(text, span) {
                Tense::Future => p,
                Tense::Past | Tense::Unknown => p - Duration::days(1),
            };
            Value::Between(When::Day(evening), When::Day(evening + Duration::days(1)))
        });
        out.push(Candidate {
            span,
            value,
            year_stated: false,
        });
    }
}

/// "weekend", to find "over the weekend" and "at the weekend".
static WEEKEND: LazyLock<Family> =
    LazyLock::new(|| Family::new("weekend", 4, r"(?-u:\b)weekend(?-u:\b)", ["weekend"]));

/// "the end of the month", "the end of the year", "by the start of next year", "year
/// end", "year-end", "year's end", and a deadline "by the end of the day" ("at the end of
/// the day" is as often "when all is said").
static PERIOD_EDGE: LazyLock<Family> = LazyLock::new(|| {
    Family::new(
        "period-edge",
        5,
        r"(?-u:\b)(?:([Ee]nd|[Ss]tart|[Bb]eginning)[ \t]+of[ \t]+(the|this|next|last)[ \t]+(week|month|year|day)|([Yy]ear|[Mm]onth)(?:'s|’s)?(?:[ \t]+|-)end)(?-u:\b)",
        ["end", "start", "beginning", "year", "month"],
    )
});

fn period_edges(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    for c in PERIOD_EDGE.captures_iter(text, ctx.words) {
        let whole = c.get(0).expect("group 0");
        let mut start = whole.start();
        let (at_start, relation, unit) = match c.get(1) {
            Some(edge) => {
                if let Near::Word(ws, w) = before(text, start) {
                    if w.eq_ignore_ascii_case("the") {
                        start = ws;
                    }
                }
                let day = c[3].eq_ignore_ascii_case("day");
                let deadline = before(text, start).is_word_in(&["by", "before", "until", "till"]);
                // "by the end of the day Saturday": the weekday is the date.
                let weekday_after = after(text, whole.end())
                    .word()
                    .is_some_and(|w| calendar().weekday(w).is_some());
                if day && (!deadline || weekday_after || !c[2].eq_ignore_ascii_case("the")) {
                    continue;
                }
                let relation = match c[2].to_ascii_lowercase().as_str() {
                    "next" => 1,
                    "last" => -1,
                    _ => 0,
                };
                let at_start = !edge.as_str().eq_ignore_ascii_case("end");
                (at_start, relation, c[3].to_ascii_lowercase())
            }
            None => (false, 0, c[4].to_ascii_lowercase()),
        };
        let when = ctx.published.map(|p| match unit.as_str() {
            "day" => When::Day(p),
            "week" => week_of(p + Duration::days(7 * relation)),
            "month" => {
                let (y, m) = add_months(p.year(), p.month(), relation);
                When::Month(y, m)
            }
            _ => When::Month(p.year() + relation as i32, if at_start { 1 } else { 12 }),
        });
        out.push(point(start, whole.end(), when, false));
    }
}

// ---------------------------------------------------------------------------------------
// Family: N units ago

static AGO: LazyLock<Family> =
    LazyLock::new(|| Family::new("ago", 6, r"(?-u:\b)ago(?-u:\b)", ["ago"]));

/// Approximations before "N units ago": the span includes them and the value is unknown.
#[rustfmt::skip]
const APPROXIMATIONS: &[&str] = &[
    "nearly", "almost", "about", "around", "roughly", "some", "approximately", "over", "under",
    "more", "less", "just", "well", "barely", "perhaps", "maybe", "least",
];

/// Vague amounts before the unit of "N units ago", in the order they are read.
const VAGUE_AMOUNTS: &[&[&str]] = &[
    &["a", "few"],
    &["a", "couple", "of"],
    &["several"],
    &["many"],
    &["a", "number", "of"],
];

/// Where a vague amount ends by `before_unit` (the words before a time unit, last first)
/// starts: "a few", "several", "a couple of"; `None` when those words are no such amount.
fn vague_amount_start(before_unit: &[(usize, &str)]) -> Option<usize> {
    VAGUE_AMOUNTS.iter().find_map(|amount| {
        let n = amount.len();
        let words = before_unit.get(..n)?;
        let reads = words
            .iter()
            .rev()
            .zip(amount.iter())
            .all(|(&(_, w), want)| w.eq_ignore_ascii_case(want));
        reads.then(|| words[n - 1].0)
    })
}

/// "three days ago", "Seventeen years ago", "a year ago", "24 hours ago", "nearly a decade
/// ago", "a few weeks ago": one date, resolved when exact (days to a day, weeks to an ISO
/// week, months to a month, years and decades to a year), unresolved with an approximation,
/// a vague amount or in hours.
fn units_ago(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    for m in AGO.find_iter(text, ctx.words) {
        let (head_start, head) = tail_before(text, m.start(), 80);
        // Words before "ago", last first, with their starts.
        let mut ws: Vec<(usize, &str)> = Vec::new();
        let mut pos = head.len();
        while ws.len() < 7 {
            let Near::Word(s, w) = before(head, pos) else {
                break;
            };
            // "twenty-five": a hyphenated number word is one word.
            let (s, w) = match (s.checked_sub(1).map(|h| head.as_bytes()[h]), s) {
                (Some(b'-'), s) => match before(head, s - 1) {
                    Near::Word(s0, w0) if s0 + w0.len() == s - 1 => (s0, &head[s0..s + w.len()]),
                    _ => (s, w),
                },
                _ => (s, w),
            };
            ws.push((head_start + s, w));
            pos = s;
        }
        let Some(&(_, unit_word)) = ws.first() else {
            continue;
        };
        // The time word, as figures read it: "decades" are 10 years.
        let Some(time) = units().time(&unit_word.to_ascii_lowercase()) else {
            continue;
        };
        let unit = time.unit;
        // The number: the longest run of words before the unit that reads as one.
        let longest = ws.len().saturating_sub(1).min(4);
        let amount = (1..=longest).rev().find_map(|k| {
            let run: Vec<&str> = ws[1..=k].iter().rev().map(|&(_, w)| w).collect();
            let value = if k == 1 && run[0].as_bytes()[0].is_ascii_digit() {
                number::parse_digits(run[0])
            } else if k == 1 && one_of(run[0], &["a", "an"]) {
                Some(1.0)
            } else {
                number::parse_words(&run)
                    .filter(|&(_, used)| used == k)
                    .map(|(v, _)| v)
            };
            value.map(|v| (v, ws[k].0, k))
        });
        let Some((mut n, mut start, mut k)) = amount else {
            // "a few days ago", "several weeks ago", "a couple of years ago": a date the
            // text does not pin down.
            if let Some(start) = vague_amount_start(&ws[1..]) {
                out.push(point(start, m.end(), None, false));
            }
            continue;
        };
        // "two and a half years ago": the whole number before "and" joins the fraction.
        if n < 1.0 && k + 2 < ws.len() && ws[k + 1].1.eq_ignore_ascii_case("and") {
            let whole = ws[k + 2].1;
            let value = if whole.as_bytes()[0].is_ascii_digit() {
                number::parse_digits(whole)
            } else {
                number::parse_words(&[whole])
                    .filter(|&(_, used)| used == 1)
                    .map(|(v, _)| v)
            };
            if let Some(v) = value {
                n += v;
                start = ws[k + 2].0;
                k += 2;
            }
        }
        // Approximations ("nearly", "just over", "more than", "at least") belong to the
        // span and make the value unknown.
        let mut approximate = false;
        for &(ws_start, w) in ws.iter().skip(k + 1).take(3) {
            let joins = one_of(w, APPROXIMATIONS)
                || w.eq_ignore_ascii_case("than")
                || (w.eq_ignore_ascii_case("at") && approximate);
            if !joins {
                break;
            }
            approximate = true;
            start = ws_start;
        }
        // In the unit the word counts: "two decades" are 20 years.
        let n = n * time.count;
        let exact = !approximate && n >= 1.0 && n.fract() == 0.0;
        // "up from $3m a year ago" after a quarter: that quarter a year before.
        if exact && n == 1.0 && unit == "year" {
            if let Some(p) = ctx.published {
                let y = When::Year(p.year() - 1);
                out.push(Candidate {
                    span: Span::new(start, m.end()),
                    value: Value::Shift {
                        months: -12,
                        reach: Reach::PeriodInSentence,
                        fallback: Some((y, y)),
                    },
                    year_stated: false,
                });
                continue;
            }
        }
        let when = ctx.published.filter(|_| exact).and_then(|p| {
            let n = n as i64;
            Some(match unit {
                "day" => When::Day(p - Duration::days(n)),
                "week" => week_of(p - Duration::days(7 * n)),
                "month" => {
                    let (y, mo) = add_months(p.year(), p.month(), -n);
                    When::Month(y, mo)
                }
                "year" => When::Year(p.year() - n as i32),
                _ => return None,
            })
        });
        out.push(point(start, m.end(), when, false));
    }
}

// ---------------------------------------------------------------------------------------
// Family: named periods and seasons

/// Holidays and named days: "Christmas", "Christmas Eve", "New Year's Day", "Easter
/// Monday", "Good Friday", "Thanksgiving", "the Christmas-New Year holiday period",
/// "Christmas 2021".
static NAMED: LazyLock<Family> = LazyLock::new(|| {
    let d = dates();
    let holidays = title_alternation(d.holiday_words.iter(), true);
    let periods = blanks(&d.holiday_periods.alternation());
    let pattern = format!(
        r"(?-u:\b)(Christmas[ \t]*(?:-|–|/|and|to)[ \t]*New[ \t]+Year(?:'s|’s)?|{holidays})(?-u:\b)(?:[ \t]+({periods})(?-u:\b))?(?:[ \t]+(\d{{4}})(?-u:\b))?",
    );
    let cues = d.holiday_words.iter().chain(["christmas"]);
    Family::new("named-period", 7, &pattern, cues)
});

/// Prepositions after which a holiday name alone is a date ("at Christmas", "over
/// Easter", "before Thanksgiving").
#[rustfmt::skip]
const HOLIDAY_CONTEXT: &[&str] = &[
    "at", "over", "before", "after", "until", "till", "by", "since", "for", "during", "around",
    "from", "on", "of", "this", "last", "next", "to", "through", "ahead",
];

/// The lexicon's key for a holiday name as written: lower case, single spaces, straight
/// apostrophes ("New Year’s  Day" is "new year's day").
fn holiday_key(name: &str) -> String {
    name.replace('\u{2019}', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The day of the holiday `key` in `year`, by the rule the lexicon gives it.
fn holiday_in(key: &str, year: i32) -> Option<NaiveDate> {
    Some(match dates().holiday(key)? {
        &HolidayRule::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day)?,
        &HolidayRule::NthWeekday {
            month,
            weekday,
            nth,
            days,
        } => {
            let nth_day = |n: u8| NaiveDate::from_weekday_of_month_opt(year, month, weekday, n);
            let day = if nth < 0 {
                nth_day(5).or_else(|| nth_day(4))?
            } else {
                nth_day(nth as u8)?
            };
            day + Duration::days(days)
        }
        &HolidayRule::Easter(days) => easter_sunday(year)? + Duration::days(days),
        HolidayRule::After { holiday, days } => holiday_in(holiday, year)? + Duration::days(*days),
        HolidayRule::Undated => return None,
    })
}

/// "new year" in lower case, the words of "the new year": searched by its rarer first
/// word, with "the" before it checked by [`the_before`].
static NEW_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)new[ \t]+year(?-u:\b)").expect("new-year pattern compiles")
});

/// Where "the" or "The" starts when it stands as a word right before `at`, separated from
/// it by spaces or tabs: the opening of `(?-u:\b)[Tt]he[ \t]+` ending at `at`.
fn the_before(text: &str, at: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut j = at;
    while j > 0 && matches!(b[j - 1], b' ' | b'\t') {
        j -= 1;
    }
    let start = j.checked_sub(3).filter(|_| j < at)?;
    let word_before = start > 0 && (b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'_');
    (matches!(&b[start..j], b"the" | b"The") && !word_before).then_some(start)
}

/// "in the new year", "since the new year": the first month of the year ahead, or of this
/// year when the sentence looks back ("since", a past tense) or the story runs in January.
/// "the new year's budget" and "new year-round services" are no dates.
fn the_new_year(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    for m in NEW_YEAR.find_iter(text) {
        let Some(start) = the_before(text, m.start()) else {
            continue;
        };
        if matches!(text.as_bytes().get(m.end()), Some(b'\'' | b'-'))
            || text[m.end()..].starts_with('\u{2019}')
        {
            continue;
        }
        let span = Span::new(start, m.end());
        let when = ctx.published.map(|p| {
            let past = before(text, start).is_word_in(&["since"])
                || match tense_around(text, span) {
                    Tense::Past => true,
                    Tense::Future => false,
                    Tense::Unknown => p.month() == 1,
                };
            When::Month(if past { p.year() } else { p.year() + 1 }, 1)
        });
        out.push(point(span.start, span.end, when, false));
    }
}

fn named_periods(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    for c in NAMED.captures_iter(text, ctx.words) {
        let whole = c.get(0).expect("group 0");
        let name = c.get(1).expect("group 1").as_str();
        let suffix = c.get(2).map_or("", |s| s.as_str());
        let stated_year = parse_year(c.get(3));
        let mut start = whole.start();
        let prev = before(text, start);
        let compound = name.starts_with("Christmas") && name.contains("New");
        let period = compound || !suffix.is_empty();
        let mut relation = None;
        if let Near::Word(ws, w) = prev {
            if period && w.eq_ignore_ascii_case("the") {
                start = ws;
            } else if let Some(r) = Relation::from_word(w) {
                start = ws;
                relation = Some(r);
            }
        }
        // A holiday before a capitalized word that is no date names a place or an event:
        // "Christmas Island", "the Easter Rising".
        let next_is_name = after(text, whole.end()).word().is_some_and(|w| {
            is_capitalized(w)
                && !MONTH_NAME.pattern().is_match(w)
                && calendar().weekday(w).is_none()
        });
        if suffix.is_empty() && stated_year.is_none() && next_is_name {
            continue;
        }
        // A bare holiday name needs a temporal word before it: "at Christmas" is a date,
        // "a Christmas tree" is not.
        if suffix.is_empty() && stated_year.is_none() && relation.is_none() && !compound {
            let fixed_day =
                name.ends_with("Day") || (name.contains(' ') && !name.starts_with("New"));
            let next_is_noun = after(text, whole.end()).word().is_some_and(is_content_word);
            let introduced = prev.is_word_in(HOLIDAY_CONTEXT) || prev.opens_sentence();
            if !fixed_day && (next_is_noun || !introduced) {
                continue;
            }
        }
        let key = if compound {
            "christmas".to_string()
        } else {
            holiday_key(name)
        };
        let on = |y: i32| holiday_in(&key, y);
        let year = stated_year.or_else(|| {
            let p = ctx.published?;
            let y = p.year();
            let candidates = [y - 1, y, y + 1];
            let dated: Vec<(i32, NaiveDate)> = candidates
                .iter()
                .filter_map(|&cy| on(cy).map(|d| (cy, d)))
                .collect();
            if dated.is_empty() {
                return None;
            }
            let tense = match relation {
                Some(Relation::Last) => Tense::Past,
                Some(Relation::Next) => Tense::Future,
                Some(Relation::This) => return Some(y),
                None => tense_around(text, Span::new(start, whole.end())),
            };
            let chosen = match tense {
                Tense::Past => dated.iter().rev().find(|(_, d)| *d <= p),
                Tense::Future => dated.iter().find(|(_, d)| *d >= p),
                Tense::Unknown => dated.iter().min_by_key(|(_, d)| (*d - p).num_days().abs()),
            };
            chosen.map(|&(cy, _)| cy)
        });
        let value = match year {
            Some(y) if compound => match (on(y), NaiveDate::from_ymd_opt(y + 1, 1, 1)) {
                (Some(a), Some(b)) => Value::Between(When::Day(a), When::Day(b)),
                _ => Value::Unresolved,
            },
            Some(y) if period && key.starts_with("christmas") => Value::Point(When::Month(y, 12)),
            Some(y) if period => on(y).map_or(Value::Unresolved, |d| Value::Point(week_of(d))),
            Some(y) => on(y).map_or(Value::Unresolved, |d| Value::Point(When::Day(d))),
            None => Value::Unresolved,
        };
        out.push(Candidate {
            span: Span::new(start, whole.end()),
            value,
            year_stated: stated_year.is_some(),
        });
    }
}

/// A season with its year, "summer 2021", "the winter of 2019", "autumn 2008", or with
/// "months" after it: "over the summer months".
static SEASON_YEAR: LazyLock<Family> = LazyLock::new(|| {
    let seasons = either_first_case(dates().season_words.iter());
    let pattern =
        format!(r"(?-u:\b)({seasons})(?:(?:[ \t]+of)?[ \t]+(\d{{4}})|[ \t]+(months))(?-u:\b)");
    Family::new("season", 8, &pattern, dates().season_words.iter())
});

/// A season narrowed by a part: "late spring", "early summer", "mid-winter" (the part
/// itself is read by [`qualify`]).
static SEASON_PART: LazyLock<Family> = LazyLock::new(|| {
    let parts = either_first_case(dates().part_before.iter());
    let seasons = either_first_case(dates().season_words.iter());
    let pattern = format!(r"(?-u:\b)(?:{parts})(?:[ \t]+|-)({seasons})(?-u:\b)");
    Family::new("season-part", 9, &pattern, dates().part_before.iter())
});

/// The year a season without one starts in: in a past (or unmarked) sentence the latest
/// one begun by publication, in a future one the first one not yet over.
fn season_year(season: Season, published: NaiveDate, tense: Tense) -> i32 {
    let now = i64::from(published.year()) * 12 + i64::from(published.month()) - 1;
    let start = |y: i32| i64::from(y) * 12 + i64::from(season.first_month()) - 1;
    let y = published.year();
    match tense {
        Tense::Future => (y - 1..=y + 1).find(|&c| start(c) + 2 >= now).unwrap_or(y),
        _ => (y - 1..=y)
            .rev()
            .find(|&c| start(c) <= now)
            .unwrap_or(y - 1),
    }
}

fn seasons_with_year(ctx: &Ctx, out: &mut Vec<Candidate>) {
    for c in SEASON_PART.captures_iter(ctx.text, ctx.words) {
        let word = c.get(1).expect("group 1");
        let Some(season) = Season::from_word(word.as_str()) else {
            continue;
        };
        let span = Span::new(word.start(), word.end());
        let value = ctx.published.map_or(Value::Unresolved, |p| {
            season.months(season_year(season, p, tense_around(ctx.text, span)))
        });
        out.push(Candidate {
            span,
            value,
            year_stated: false,
        });
    }
    for c in SEASON_YEAR.captures_iter(ctx.text, ctx.words) {
        let whole = c.get(0).expect("group 0");
        // "over the summer months": the season, dated as one without a year, when it says
        // when something happens; "The winter months are slow" says what they are like.
        if c.get(3).is_some() {
            let Some(season) = Season::from_word(&c[1]) else {
                continue;
            };
            let start = match before(ctx.text, whole.start()) {
                Near::Word(ws, w) if w.eq_ignore_ascii_case("the") => ws,
                _ => continue,
            };
            let adverbial = before(ctx.text, start).is_word_in(&[
                "over",
                "during",
                "in",
                "through",
                "throughout",
                "for",
                "into",
                "until",
                "across",
            ]);
            if !adverbial {
                continue;
            }
            let span = Span::new(start, whole.end());
            let value = ctx.published.map_or(Value::Unresolved, |p| {
                season.months(season_year(season, p, tense_around(ctx.text, span)))
            });
            out.push(Candidate {
                span,
                value,
                year_stated: false,
            });
            continue;
        }
        let (Some(season), Some(year)) = (Season::from_word(&c[1]), parse_year(c.get(2))) else {
            continue;
        };
        if after(ctx.text, whole.end()).is_word_in(COUNTED) {
            continue;
        }
        out.push(Candidate {
            span: Span::new(whole.start(), whole.end()),
            value: season.months(year),
            year_stated: true,
        });
    }
}

// ---------------------------------------------------------------------------------------
// Family: years in words

/// The first word of a year said aloud: a century ("nineteen", "twenty") or "two
/// thousand".
static SPELLED_YEAR_HEAD: LazyLock<Family> = LazyLock::new(|| {
    Family::new(
        "spelled-year",
        10,
        r"(?-u:\b)(?:([Ee]leven|[Tt]welve|[Tt]hirteen|[Ff]ourteen|[Ff]ifteen|[Ss]ixteen|[Ss]eventeen|[Ee]ighteen|[Nn]ineteen|[Tt]wenty)|([Oo]ne|[Tt]wo)[ \t-]+thousand)(?-u:\b)",
        [
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
            "one",
            "two",
        ],
    )
});

/// Years in words, as transcripts and quotes write them: "nineteen seventy-four",
/// A year with its era: "300 BC", "44 BCE", "AD 79", "1066 AD".
static ERA_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:(\d{1,4})[ \t\u{a0}]+(BCE|BC|CE|AD)|(AD)[ \t\u{a0}]+(\d{1,4}))(?-u:\b)")
        .expect("era-year pattern compiles")
});

/// Years written with their era, in the astronomical count ISO 8601 uses: 1 BC is year
/// 0, so "300 BC" is -299.
fn era_years(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    if !text.contains("BC") && !text.contains("AD") && !text.contains("CE") {
        return;
    }
    for c in ERA_YEAR.captures_iter(text) {
        let whole = c.get(0).expect("group 0");
        let (digits, era) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
            (Some(d), Some(e), _, _) => (d.as_str(), e.as_str()),
            (_, _, Some(e), Some(d)) => (d.as_str(), e.as_str()),
            _ => continue,
        };
        let Ok(n) = digits.parse::<i32>() else {
            continue;
        };
        if n == 0 {
            continue;
        }
        let year = if era.starts_with('B') { 1 - n } else { n };
        out.push(point(
            whole.start(),
            whole.end(),
            Some(When::Year(year)),
            true,
        ));
    }
}

/// "nineteen oh five", "twenty sixteen", "two thousand nine", "the year two thousand".
/// A century and its two digits are a year by their shape; "two thousand" alone only
/// after a word that introduces a year ("in", "the year") and before no noun it counts.
fn spelled_years(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    let number_after = |pos: usize| -> Option<(f64, usize)> {
        let Near::Word(ws, w) = after(text, pos) else {
            return None;
        };
        // "seventy-four" is one word.
        let mut end = ws + w.len();
        let b = text.as_bytes();
        if b.get(end) == Some(&b'-') && b.get(end + 1).is_some_and(u8::is_ascii_alphabetic) {
            end += 1;
            while b.get(end).is_some_and(u8::is_ascii_alphabetic) {
                end += 1;
            }
        }
        number::compound(&text[ws..end].to_ascii_lowercase()).map(|v| (v, end))
    };
    for c in SPELLED_YEAR_HEAD.captures_iter(text, ctx.words) {
        let whole = c.get(0).expect("group 0");
        let prev = before(text, whole.start());
        // Not the tail of a longer number: "one hundred nineteen".
        if prev
            .word()
            .is_some_and(|w| number::compound(&w.to_ascii_lowercase()).is_some())
        {
            continue;
        }
        let introduced = prev.is_word_in(YEAR_CONTEXT)
            || prev.is_word_in(ATTRIBUTIVE)
            || prev.word().is_some_and(is_possessive)
            || prev.opens_sentence();
        let found = if let Some(century) = c.get(1) {
            let century = number::compound(&century.as_str().to_ascii_lowercase()).unwrap_or(0.0);
            let next = after(text, whole.end());
            let rest = match next {
                Near::Word(ws, w) if one_of(w, &["oh", "o"]) => {
                    number_after(ws + w.len()).filter(|&(v, _)| (1.0..10.0).contains(&v))
                }
                Near::Word(ws, w) if w.eq_ignore_ascii_case("hundred") => Some((0.0, ws + w.len())),
                _ => number_after(whole.end()).and_then(|(v, end)| {
                    if !(10.0..100.0).contains(&v) {
                        return None;
                    }
                    // "nineteen seventy four": a unit after a round ten joins it.
                    let unit = number_after(end).filter(|&(u, _)| (1.0..10.0).contains(&u));
                    match unit {
                        Some((u, e)) if v % 10.0 == 0.0 => Some((v + u, e)),
                        _ => Some((v, end)),
                    }
                }),
            };
            rest.map(|(v, end)| (century * 100.0 + v, end))
        } else {
            let thousands = if c[2].eq_ignore_ascii_case("two") {
                2000.0
            } else {
                1000.0
            };
            let mut end = whole.end();
            let mut pos = end;
            if let Near::Word(ws, w) = after(text, pos) {
                if w.eq_ignore_ascii_case("and") {
                    pos = ws + w.len();
                }
            }
            let rest = number_after(pos).filter(|&(v, _)| (1.0..100.0).contains(&v));
            if let Some((_, e)) = rest {
                end = e;
            }
            let noun_after = after(text, end).word().is_some_and(is_content_word);
            let year_before = prev.is_word_in(YEAR_CONTEXT);
            (year_before && (rest.is_some() || !noun_after))
                .then(|| (thousands + rest.map_or(0.0, |(v, _)| v), end))
        };
        let Some((year, end)) = found else {
            continue;
        };
        // "nineteen seventy-four thousand" is a quantity, and so is "eleven hundred jobs":
        // before a noun only an attributive year stands ("the twenty sixteen season").
        let attributive = prev.is_word_in(ATTRIBUTIVE) || prev.word().is_some_and(is_possessive);
        let counts_noun = after(text, end).word().is_some_and(is_content_word) && !attributive;
        if after(text, end)
            .word()
            .is_some_and(|w| number::scale_word(w).is_some())
            || after(text, end).is_word_in(COUNTED)
            || counts_noun
        {
            continue;
        }
        if !introduced {
            continue;
        }
        out.push(point(
            whole.start(),
            end,
            Some(When::Year(year as i32)),
            true,
        ));
    }
}

// ---------------------------------------------------------------------------------------
// Family: quarters, halves and fiscal years

impl Ctx<'_> {
    /// The month the text's fiscal year ends in, as the text states it: "the year to
    /// March", "fiscal 2020, which ends in June", or a fiscal quarter with the month it
    /// ended ("its fiscal first quarter ... the three months ended Sept. 28" ends the
    /// year in June). `None` when the text does not say: a fiscal period is then left
    /// unresolved.
    fn fiscal_end(&self) -> Option<u32> {
        *self.fiscal_end.get_or_init(|| {
            if let Some(c) = FISCAL_END_STATED.captures(self.text) {
                if let Some(m) = c
                    .get(1)
                    .or(c.get(2))
                    .and_then(|m| month_of_word(m.as_str()))
                {
                    return Some(m);
                }
            }
            let quarter = FISCAL_QUARTER_NAMED
                .captures(self.text)
                .and_then(|c| ordinal_of(c.get(1).or(c.get(2))?.as_str()));
            let ended = QUARTER_ENDED
                .captures(self.text)
                .and_then(|c| month_of_word(&c[1]));
            match (quarter, ended) {
                (Some(q), Some(m)) => {
                    let (_, end) = add_months(2000, m, 3 * (4 - i64::from(q)));
                    Some(end)
                }
                _ => None,
            }
        })
    }

    fn reports_accounts(&self) -> bool {
        *self
            .reports_accounts
            .get_or_init(|| ACCOUNTS_WORD.is_match(self.text))
    }
}

/// Words of accounts and economies: a text with one of them reports periods of a year.
static ACCOUNTS_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:[Ff]iscal|[Ff]inancial|[Ee]arnings|[Pp]rofits?|[Rr]evenues?|[Dd]ividends?|GDP|[Ee]conomy|[Ss]hareholders|[Qq]uarterly)(?-u:\b)")
        .expect("accounts pattern compiles")
});

/// "the year to March", "the 12 months ended June", "fiscal 2020, which ends in June".
static FISCAL_END_STATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(?:(?:financial|fiscal)[ \t]+)?(?:year|twelve[ \t]+months|12[ \t]+months)[ \t]+(?:to|ended|ending)[ \t]+(?-i:([A-Z][a-z]+))|(?:(?:fiscal|financial)[ \t]+(?:year[ \t]+)?|FY[ \t]?)(?:\d{4}|\d{2})?,?[ \t]*(?:which[ \t]+)?(?:ends|ended|ending|closes|runs[ \t]+to)[ \t]+(?:in[ \t]+|on[ \t]+)?(?-i:([A-Z][a-z]+)))")
        .expect("fiscal-end pattern compiles")
});

/// "fiscal first quarter", "first quarter of fiscal 2020".
static FISCAL_QUARTER_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:fiscal[ \t]+(first|second|third|fourth)[ \t-]+quarter|(?-u:\b)(first|second|third|fourth)[ \t-]+quarter[ \t]+of[ \t]+fiscal)")
        .expect("fiscal-quarter pattern compiles")
});

/// "the three months ended Sept. 28", "the quarter ending June 30".
static QUARTER_ENDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:three[ \t]+months|quarter|period)[ \t]+(?:ended|ending|to|through)[ \t]+(?-i:([A-Z][a-z]+))")
        .expect("quarter-ended pattern compiles")
});

/// The month a month name or abbreviation names ("Sept" 9), capitalized.
fn month_of_word(word: &str) -> Option<u32> {
    let m = MONTH_NAME.pattern().find(word)?;
    (m.start() == 0 && m.end() == word.len()).then(|| month_number(word))
}

/// 1 to 4 for "first" to "fourth" (and "1st" to "4th", "final" 4).
fn ordinal_of(word: &str) -> Option<u32> {
    Some(match word.to_ascii_lowercase().as_str() {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" | "final" => 4,
        _ => return None,
    })
}

/// The months from `first` for `len` months, as an interval.
fn month_run(first: (i32, u32), len: i64) -> Value {
    let (ly, lm) = add_months(first.0, first.1, len - 1);
    Value::Between(When::Month(first.0, first.1), When::Month(ly, lm))
}

/// Fiscal year `n`: the twelve months ending in month `end` of year `n` ("fiscal 2020"
/// ending in June is July 2019 to June 2020); with a December year end, the year itself.
fn fiscal_year(end: u32, n: i32) -> Value {
    if end == 12 {
        return Value::Point(When::Year(n));
    }
    month_run(add_months(n, end, -11), 12)
}

/// The first month of the `len`-month period that ends in month `end` of year `n`.
fn period_start(n: i32, end: u32, len: i64) -> (i32, u32) {
    add_months(n, end, 1 - len)
}

/// Of the periods of `len` months ending in month `end` of some year, the one the tense
/// points to from `published`: in a past (or unmarked) sentence the latest ended by the
/// publication month, in a future one the first not yet ended.
fn period_by_tense(published: NaiveDate, end: u32, len: i64, tense: Tense) -> Value {
    let now = i64::from(published.year()) * 12 + i64::from(published.month());
    let y = published.year();
    let index = |n: i32| i64::from(n) * 12 + i64::from(end);
    let n = match tense {
        Tense::Future => (y - 1..=y + 2).find(|&n| index(n) >= now).unwrap_or(y),
        _ => (y - 2..=y + 1)
            .rev()
            .find(|&n| index(n) <= now)
            .unwrap_or(y),
    };
    month_run(period_start(n, end, len), len)
}

/// A quarter or half of a year: "the third quarter", "third-quarter profit", "fiscal
/// first quarter", "the first half of 2019", "the September quarter", "Q3 2019", "H1".
static YEAR_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:((?i-u:fiscal|financial))[ \t]+(?:(?i-u:year)[ \t]+)?)?(?:((?i-u:first|second|third|fourth|final|1st|2nd|3rd|4th))(?:[ \t]+|-)((?i-u:quarter|half))|(January|February|March|April|May|June|July|August|September|October|November|December)[ \t]+(quarter|half)|([QH])([1-4]))(?-u:\b)(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?(?:(?:(?i-u:fiscal|financial)[ \t]+(?:year[ \t]+)?|FY[ \t]*))?(\d{4})(?-u:\b))?",
    )
    .expect("year-part pattern compiles")
});

/// A fiscal year by its code: "FY2020", "FY 2020", "FY19".
static FY_CODE: LazyLock<Family> = LazyLock::new(|| {
    Family::new(
        "fiscal-code",
        13,
        r"(?-u:\b)FY[ \t]?(\d{4}|\d{2})(?-u:\b)",
        ["fy"],
    )
});

/// " of the year" after a quarter or half: the year of publication.
static OF_THE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]+of[ \t]+the[ \t]+year(?-u:\b)").expect("of-the-year pattern compiles")
});

/// The nouns a part of a year is named by: "quarter", "half", "Q3", "H1".
static PART_NOUN: LazyLock<Family> = LazyLock::new(|| {
    Family::new(
        "part-noun",
        11,
        r"(?-u:\b)(?:[Qq]uarter|[Hh]alf|[QH][1-4])(?-u:\b)",
        ["quarter", "half", "q", "h"],
    )
});

/// "this quarter", "last quarter", "next quarter", "the current quarter" (read only in
/// texts that hold "quarter").
static RELATIVE_QUARTER: LazyLock<Family> = LazyLock::new(|| {
    Family::new(
        "relative-quarter",
        12,
        r"(?-u:\b)((?i-u:this|last|next|the[ \t]+current|the[ \t]+previous|the[ \t]+latest))[ \t]+quarter(?-u:\b)",
        ["this", "last", "next", "the"],
    )
});

/// "the fiscal year", "the current financial year", "last fiscal year", "the fiscal year
/// 2020".
static FISCAL_NAMED: LazyLock<Family> = LazyLock::new(|| {
    Family::new(
        "fiscal-year",
        14,
        r"(?-u:\b)(?:((?i-u:the|this|last|next))[ \t]+)?(?:((?i-u:current|new|next|last|previous|past|coming|present))[ \t]+)?(?i-u:fiscal|financial)[ \t]+year(?-u:\b)(?:[ \t]+(\d{4})(?-u:\b))?",
        [
            "the",
            "this",
            "last",
            "next",
            "current",
            "new",
            "previous",
            "past",
            "coming",
            "present",
            "fiscal",
            "financial",
        ],
    )
});

fn fiscal_periods(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    let with_the = |start: usize| match before(text, start) {
        Near::Word(ws, w) if w.eq_ignore_ascii_case("the") => ws,
        _ => start,
    };
    // Parts of years are rare: find their nouns first ("quarter", "half", "Q3"), then
    // read the words around each, in a window that starts and ends between words.
    let mut read_to = 0;
    for noun in PART_NOUN.find_iter(text, ctx.words) {
        if noun.start() < read_to {
            continue;
        }
        let (mut ws, _) = tail_before(text, noun.start(), 48);
        while ws > 0 && ws < noun.start() && !text[..ws].ends_with([' ', '\n']) {
            ws += text[ws..].chars().next().map_or(1, char::len_utf8);
        }
        let mut we = (noun.end() + 40).min(text.len());
        while !text.is_char_boundary(we) {
            we += 1;
        }
        while we < text.len() && !text[we..].starts_with([' ', '\n']) {
            we += text[we..].chars().next().map_or(1, char::len_utf8);
        }
        let covers = |m: regex::Match| ws + m.start() <= noun.start() && ws + m.end() >= noun.end();
        let Some(c) = YEAR_PART
            .captures_iter(&text[ws..we])
            .find(|c| c.get(0).is_some_and(covers))
        else {
            continue;
        };
        let window_match = c.get(0).expect("group 0");
        let whole = Span::new(ws + window_match.start(), ws + window_match.end());
        read_to = whole.end;
        let whole_text = window_match.as_str();
        let fiscal = c.get(1).is_some();
        let mut year = parse_year(c.get(8));
        let mut end = whole.end;
        // "the second half of the year" is of the year of publication; "the second half of
        // next year" is read as a part of the date after it.
        if year.is_none() && after(text, whole.end).is_word_in(&["of"]) {
            match OF_THE_YEAR.find(clip(text, whole.end, whole.end + 16)) {
                Some(m) if ctx.published.is_some() => {
                    end = whole.end + m.end();
                    year = ctx.published.map(|p| p.year());
                }
                _ => continue,
            }
        }
        // A quarter or half alone is a part of a match in sports copy: it is a date only
        // with its year, as a fiscal period, named by its month ("the September quarter",
        // which no match has), or in a text about accounts.
        let month_named = c.get(4).is_some();
        if !fiscal && year.is_none() && !month_named && !ctx.reports_accounts() {
            continue;
        }
        // "the last quarter" without a year is the one before this ("last quarter").
        if c.get(2)
            .is_some_and(|o| o.as_str().eq_ignore_ascii_case("last"))
            && year.is_none()
        {
            continue;
        }
        // A part named with no year ("first-half profit", "the second quarter") is one of
        // the reporting periods of the text's company: by the fiscal calendar the text
        // states, if it states one; "the first half of 2019" is of the calendar year.
        let fy_end = if fiscal || whole_text.contains("FY") {
            ctx.fiscal_end()
        } else if year.is_none() {
            Some(ctx.fiscal_end().unwrap_or(12))
        } else {
            Some(12)
        };
        let stated = fy_end.is_some();
        let fy_end = fy_end.unwrap_or(12);
        // (months long, month it ends in within its fiscal year numbered by its end)
        let (len, end_month): (i64, u32) = if let Some(o) = c.get(2) {
            let n = ordinal_of(o.as_str()).unwrap_or(4);
            let half = c[3].eq_ignore_ascii_case("half");
            let len = if half { 6 } else { 3 };
            if half && n > 2 {
                continue;
            }
            let (_, m) = add_months(2000, fy_end, -12 + len * i64::from(n));
            (len, m)
        } else if let Some(m) = c.get(4) {
            // "the June quarter", "the December half": named by the month they end in.
            let len = if &c[5] == "half" { 6 } else { 3 };
            (len, month_number(m.as_str()))
        } else {
            let n: i64 = c[7].parse().unwrap_or(1);
            let half = &c[6] == "H";
            if half && n > 2 {
                continue;
            }
            let len = if half { 6 } else { 3 };
            let (_, m) = add_months(2000, fy_end, -12 + len * n);
            (len, m)
        };
        let start = if fiscal {
            whole.start
        } else {
            with_the(whole.start)
        };
        let span = Span::new(start, end);
        let value = match (year, ctx.published) {
            _ if !stated => Value::Unresolved,
            (Some(n), _) => {
                // The fiscal year numbered `n` ends in `fy_end` of `n`; the part ends in
                // `end_month` of `n` or of the year before.
                let ny = if end_month > fy_end { n - 1 } else { n };
                month_run(period_start(ny, end_month, len), len)
            }
            (None, Some(p)) => period_by_tense(p, end_month, len, tense_around(text, span)),
            (None, None) => Value::Unresolved,
        };
        out.push(Candidate {
            span,
            value,
            year_stated: year.is_some(),
        });
    }
    let quarters = text.contains("quarter");
    let relative_quarters = quarters.then(|| RELATIVE_QUARTER.captures_iter(text, ctx.words));
    for c in relative_quarters.into_iter().flatten() {
        let whole = c.get(0).expect("group 0");
        if !ctx.reports_accounts() {
            continue;
        }
        let word = c[1].to_ascii_lowercase();
        let value = ctx.published.map_or(Value::Unresolved, |p| {
            // The quarter of publication, by calendar quarters.
            let first = add_months(p.year(), p.month(), -(i64::from(p.month() - 1) % 3));
            let step = if word.ends_with("previous") || word == "last" {
                -3
            } else if word == "next" {
                3
            } else {
                0
            };
            let current = add_months(first.0, first.1, step);
            let (ly, lm) = add_months(current.0, current.1, 2);
            let fallback = (When::Month(current.0, current.1), When::Month(ly, lm));
            if step == 0 {
                // "this quarter" in a report on a quarter is that quarter.
                Value::Shift {
                    months: 0,
                    reach: Reach::PeriodOf(3),
                    fallback: Some(fallback),
                }
            } else {
                Value::Between(fallback.0, fallback.1)
            }
        });
        out.push(Candidate {
            span: Span::new(whole.start(), whole.end()),
            value,
            year_stated: false,
        });
    }
    // "FY2020", "FY19": the fiscal year ending in the text's year-end month of that year.
    for c in FY_CODE.captures_iter(text, ctx.words) {
        let whole = c.get(0).expect("group 0");
        let digits = &c[1];
        let Ok(mut n) = digits.parse::<i32>() else {
            continue;
        };
        if digits.len() == 2 {
            n += 2000;
        }
        let value = ctx
            .fiscal_end()
            .map_or(Value::Unresolved, |end| fiscal_year(end, n));
        out.push(Candidate {
            span: Span::new(whole.start(), whole.end()),
            value,
            year_stated: true,
        });
    }
    let fiscal_words = text.contains("iscal") || text.contains("inancial");
    let named = fiscal_words.then(|| FISCAL_NAMED.captures_iter(text, ctx.words));
    for c in named.into_iter().flatten() {
        let whole = c.get(0).expect("group 0");
        let relation = c
            .get(2)
            .or(c.get(1))
            .map(|m| m.as_str().to_ascii_lowercase());
        let step = match relation.as_deref() {
            Some("last" | "previous" | "past") => -1,
            Some("next" | "coming") => 1,
            _ => 0,
        };
        let Some(end) = ctx.fiscal_end() else {
            out.push(point(whole.start(), whole.end(), None, false));
            continue;
        };
        let value = match (parse_year(c.get(3)), ctx.published) {
            (Some(n), _) => fiscal_year(end, n),
            (None, Some(p)) => {
                let n = if p.month() > end {
                    p.year() + 1
                } else {
                    p.year()
                };
                fiscal_year(end, n + step)
            }
            (None, None) => Value::Unresolved,
        };
        out.push(Candidate {
            span: Span::new(whole.start(), whole.end()),
            value,
            year_stated: c.get(3).is_some(),
        });
    }
}

/// "a year earlier", "year-earlier", "a year ago" as an adjective ("year-ago"), with the
/// period noun after the adjective ("the year-earlier quarter"). The literal "year" comes
/// first so the scan is cheap; the article before is read afterwards.
static YEAR_EARLIER: LazyLock<Family> = LazyLock::new(|| {
    Family::new(
        "year-earlier",
        15,
        r"(?-u:\b)year(?:[ \t]+(?:earlier|before|previously)|-(?:earlier|ago)(?:[ \t]+(?:period|quarter|half|months?|year))?)(?-u:\b)",
        ["year"],
    )
});

/// "the same period last year", "the corresponding quarter a year earlier".
static SAME_PERIOD: LazyLock<Family> = LazyLock::new(|| {
    Family::new(
        "same-period",
        16,
        r"(?-u:\b)(?:same|corresponding|comparable)[ \t]+(?:period|quarter|half|month|week)[ \t]+(?:last[ \t]+year|a[ \t]+year[ \t]+(?:earlier|ago|before))(?-u:\b)",
        ["same", "corresponding", "comparable"],
    )
});

/// "a year earlier", "the year-earlier quarter", "a year-earlier loss", "the same period
/// last year": the period just reported, a year before.
fn year_earlier(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    let mut spans = Vec::new();
    for m in YEAR_EARLIER.find_iter(text, ctx.words) {
        let t = m.as_str();
        let prev = before(text, m.start());
        let start = if t.as_bytes().get(4) == Some(&b'-') {
            // "year-earlier": with its period noun the article joins the span.
            let noun = t.contains(' ');
            match prev {
                Near::Word(ws, w) if noun && w.eq_ignore_ascii_case("the") => ws,
                _ => m.start(),
            }
        } else {
            // "a year earlier"; "a year before the vote" counts from an event.
            match prev {
                Near::Word(ws, w) if one_of(w, &["a", "one"]) => ws,
                _ => continue,
            }
        };
        if t.ends_with("before") && matches!(after(text, m.end()), Near::Word(..)) {
            continue;
        }
        spans.push(Span::new(start, m.end()));
    }
    for m in SAME_PERIOD.find_iter(text, ctx.words) {
        let start = match before(text, m.start()) {
            Near::Word(ws, w) if w.eq_ignore_ascii_case("the") => ws,
            _ => m.start(),
        };
        spans.push(Span::new(start, m.end()));
    }
    let fallback = ctx.published.map(|p| {
        let y = When::Year(p.year() - 1);
        (y, y)
    });
    let reach = if !spans.is_empty() && ctx.reports_accounts() {
        Reach::Nearest
    } else {
        Reach::NearestDate
    };
    for span in spans {
        out.push(Candidate {
            span,
            value: Value::Shift {
                months: -12,
                reach,
                fallback,
            },
            year_stated: false,
        });
    }
}

/// "the year to March", "the week ending Oct. 14", "the quarter ended June 30": the
/// period that ends with the date after it (group 1); or "the six months to 30
/// September", "the 9 months ended June": a counted run of months (group 2) ending there.
static PERIOD_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)the[ \t]+(?:(?:fiscal|financial)[ \t]+)?(?:(year|half[- ]year|half|quarter|week|twelve[ \t]+months|12[ \t]+months)|([a-z]+|\d{1,2})[ \t]+months)[ \t]+(?:to|ended|ending|through)[ \t]+$")
        .expect("period-to pattern compiles")
});

/// The number of months in "N months" before a period's end: a whole number from 1 to
/// 24, in digits or one word ("six", "nine"); `None` for anything else.
fn months_counted(word: &str) -> Option<i64> {
    let n = if word.as_bytes()[0].is_ascii_digit() {
        number::parse_digits(word)?
    } else {
        number::parse_words(&[word])
            .filter(|&(_, used)| used == 1)?
            .0
    };
    (n.fract() == 0.0 && (1.0..=24.0).contains(&n)).then_some(n as i64)
}

/// The run of `len` months that ends in the month of `end`, for an end that is a day or
/// a month; `None` for any other value.
fn months_ending(end: Value, len: i64) -> Option<Value> {
    let (y, m) = match end {
        Value::Point(When::Month(y, m)) => (y, m),
        Value::Point(When::Day(day)) => (day.year(), day.month()),
        _ => return None,
    };
    Some(month_run(period_start(y, m, len), len))
}

/// Widens a month or day over the period before it that ends with it: "the year to
/// March" is the twelve months to March, "the week ending Oct. 14" the seven days to it.
///
/// A counted run of months ("the six months to 30 September") leaves its end date as it
/// is, since the count is a figure of its own; the run is returned instead, keyed by the
/// end date's span, as the period a later "the same period last year" moves.
fn periods_ending(text: &str, dates: &mut [Candidate]) -> Vec<(Span, Value)> {
    let mut counted = Vec::new();
    for i in 0..dates.len() {
        let d = dates[i];
        let floor = if i > 0 { dates[i - 1].span.end } else { 0 };
        let (window_start, window) = tail_before(text, d.span.start, 40);
        let Some(c) = PERIOD_TO.captures(window) else {
            continue;
        };
        let start = window_start + c.get(0).expect("group 0").start();
        if start < floor {
            continue;
        }
        let Some(unit) = c.get(1) else {
            let run = c
                .get(2)
                .and_then(|n| months_counted(n.as_str()))
                .and_then(|len| months_ending(d.value, len));
            if let Some(run) = run {
                counted.push((d.span, run));
            }
            continue;
        };
        let unit = unit.as_str().to_ascii_lowercase();
        let len = match unit.as_str() {
            "week" => 0,
            "quarter" => 3,
            u if u.starts_with("half") => 6,
            _ => 12,
        };
        let value = match d.value {
            Value::Point(When::Day(day)) if len == 0 => {
                Value::Between(When::Day(day - Duration::days(6)), When::Day(day))
            }
            Value::Point(_) if len > 0 => match months_ending(d.value, len) {
                Some(run) => run,
                None => continue,
            },
            Value::Unresolved => Value::Unresolved,
            _ => continue,
        };
        dates[i].span.start = start;
        dates[i].value = value;
    }
    counted
}

// ---------------------------------------------------------------------------------------
// Family: digits

/// A clock time: "10:15 UTC", "22:30", "4:00pm AEDT", "4 p.m.", "2:30 the next day",
/// "2:30 PM, local time".
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?(?:[ \t]*(?i-u:([ap])(?:m\b|\.m\.)))?|(1[0-2]|0?[1-9])(?:[.:]([0-5]\d))?[ \t]*(?i-u:([ap])(?:m\b|\.m\.))|([01]\d|2[0-3])([0-5]\d)[ \t]*(?:{utc})(?-u:\b))(?:[ \t]+({zones})(?-u:\b)|,?[ \t]+((?:local|our)[ \t]+time))?(?:[ \t]+(?:on[ \t]+)?the[ \t]+(next|following|previous)[ \t]+(?:day|morning))?",
        zones = zone_alternation(false),
        utc = zone_alternation(true),
    ))
    .expect("clock pattern compiles")
});

/// A bare hour before a range word and a clock time with its half of the day: "2 to 3
/// p.m.", "10-11.30am".
static HOUR_BEFORE_CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(1[0-2]|0?[1-9])(?:[.:]([0-5]\d))?[ \t]*(?:-|–|to|until|till)[ \t]*(?:1[0-2]|0?[1-9])(?:[.:][0-5]\d)?[ \t]*(?i-u:([ap])(?:m\b|\.m\.))",
    )
    .expect("hour-range pattern compiles")
});

/// Noon and midnight after a preposition: "at noon", "by midnight" (midnight is the
/// start of its day, "T00:00").
static NOON: LazyLock<Family> = LazyLock::new(|| {
    Family::new(
        "noon",
        17,
        r"(?-u:\b)(noon|midday|midnight)(?-u:\b)",
        ["noon", "midday", "midnight"],
    )
});

/// What may name the zone of a time after it: a zone abbreviation, or "local time" and
/// "our time" (no offset).
static ZONE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[ \t]+([A-Z]{1,5})(?-u:\b)|,?[ \t]+(?:local|our)[ \t]+time(?-u:\b))")
        .expect("zone-after pattern compiles")
});

fn noon_and_midnight(ctx: &Ctx, out: &mut Vec<Candidate>) {
    for m in NOON.find_iter(ctx.text, ctx.words) {
        if !before(ctx.text, m.start()).is_word_in(&[
            "at", "by", "until", "till", "before", "after", "from", "since", "past", "around",
        ]) {
            continue;
        }
        let hour = if m.as_str() == "midnight" { 0 } else { 12 };
        // "noon local time", "midnight our time", "noon GMT".
        let (end, zone) = match ZONE_AFTER.captures(clip(ctx.text, m.end(), m.end() + 16)) {
            Some(c) => {
                let zone = c.get(1).map_or(Zone::Unstated, |z| zone_offset(z.as_str()));
                let known = c.get(1).is_none() || zone != Zone::Unstated;
                let len = c.get(0).map_or(0, |g| g.end());
                (m.end() + if known { len } else { 0 }, zone)
            }
            None => (m.end(), Zone::Unstated),
        };
        out.push(Candidate {
            span: Span::new(m.start(), end),
            value: Value::Clock {
                hour,
                minute: 0,
                zone,
                days: 0,
            },
            year_stated: false,
        });
    }
}

/// The zone an abbreviation after a clock time names, by the lexicon ("AEDT" is +11:00);
/// unknown abbreviations name none.
fn zone_offset(name: &str) -> Zone {
    match dates().zone(name) {
        Some(Offset::Utc) => Zone::Utc,
        Some(Offset::Minutes(m)) => Zone::Offset(m),
        Some(Offset::UsSeasonal(m)) => Zone::UsSeasonal(m),
        None => Zone::Unstated,
    }
}

/// The lexicon's zone abbreviations as a regex alternation, in capitals as written
/// ("AEDT|BST|..."); with `utc_only`, only those naming UTC itself ("UTC|GMT|Z").
fn zone_alternation(utc_only: bool) -> String {
    let d = dates();
    let mut words: Vec<String> = d
        .zone_words
        .iter()
        .filter(|w| !utc_only || d.zone(w) == Some(Offset::Utc))
        .map(str::to_ascii_uppercase)
        .collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.join("|")
}

/// A day of the month named by its ordinal alone: "15th", "3rd".
static DAY_ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})(?:st|nd|rd|th)(?-u:\b)").expect("day-ordinal pattern compiles")
});

/// "The summit opens on the 15th", "by the 3rd": a day of the month named by its ordinal
/// after a preposition and "the", with nothing it would rank after it ("on the 15th
/// floor", "the 3rd of January" is read with its month). It is that day of the month the
/// tense points to from publication: of this month, the one before or the one after.
fn day_ordinal(ctx: &Ctx, start: usize, run_end: usize) -> Option<Candidate> {
    let text = ctx.text;
    let m = DAY_ORDINAL.find(clip(text, start, start + 8))?;
    let end = start + m.end();
    let day: u32 = text[start..run_end].parse().ok()?;
    if !(1..=31).contains(&day) {
        return None;
    }
    let Near::Word(the_start, the) = before(text, start) else {
        return None;
    };
    let led = the.eq_ignore_ascii_case("the")
        && before(text, the_start).is_word_in(&[
            "on", "by", "until", "till", "from", "since", "before", "after",
        ]);
    let ends = match after(text, end) {
        Near::Word(_, w) => one_of(w, &["and", "or", "to", "at", "in", "when", "until"]),
        _ => true,
    };
    if !led || !ends {
        return None;
    }
    let span = Span::new(start, end);
    let value = ctx.published.map_or(Value::Unresolved, |p| {
        let days: Vec<NaiveDate> = [-1, 0, 1]
            .into_iter()
            .filter_map(|delta| {
                let (y, mo) = add_months(p.year(), p.month(), delta);
                NaiveDate::from_ymd_opt(y, mo, day)
            })
            .collect();
        let pick = match tense_around(text, span) {
            Tense::Past => days.iter().rev().find(|d| **d <= p),
            Tense::Future => days.iter().find(|d| **d >= p),
            Tense::Unknown => days.iter().min_by_key(|d| (**d - p).num_days().abs()),
        };
        pick.map_or(Value::Unresolved, |d| Value::Point(When::Day(*d)))
    });
    Some(Candidate {
        span,
        value,
        year_stated: false,
    })
}

/// An ordinal century: "19th century", "21st-century", "the 21st Century".
static CENTURY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})(?:st|nd|rd|th)[ \t-]+(?i-u:century)(?-u:\b)")
        .expect("century pattern compiles")
});

/// A numeric date: "10/1/2008" (order by the text's style), "2008-10-01".
static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})|(\d{4})-(\d{2})-(\d{2}))(?-u:\b)")
        .expect("numeric date pattern compiles")
});

/// Two years joined by a dash or slash: "2000-2050", "2012–13", "2012/13".
static YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})[ \t]*(?:-|–|—|/)[ \t]*(\d{4}|\d{2})(?-u:\b)")
        .expect("year range pattern compiles")
});

/// Prepositions and words after which a four-digit number reads as a year ("in 2008",
/// "since 1991", "Act of 2008", "fiscal 2023").
#[rustfmt::skip]
const YEAR_CONTEXT: &[&str] = &[
    "in", "since", "by", "until", "till", "from", "of", "during", "before", "after", "between",
    "through", "throughout", "to", "and", "or", "for", "circa", "c", "ca", "early", "late",
    "mid", "year", "years", "fiscal", "fy", "season", "vintage", "class", "spring", "summer",
    "autumn", "fall", "winter", "around", "as", "about", "within", "into", "ad", "ce",
];

/// Words after which an attributive four-digit number is a year ("the 2014 election",
/// "Australia's 2008 budget").
#[rustfmt::skip]
const ATTRIBUTIVE: &[&str] = &[
    "the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "my", "your",
];

/// Whether the four-digit number `n` at `start..end` is a year by what surrounds it.
///
/// A year after a temporal preposition ("in 2008", "since 1991", "of 2008"), in an
/// attributive place ("the 2014 protests", "Britain's 2008 budget"), after a name ("World
/// Cup 2018") or opening a sentence ("2018 was"); never a quantity ("1709 schoolchildren",
/// "some 2000", "1500 metres"). Modern years (1900-2100) are trusted more than old ones.
fn is_year(text: &str, start: usize, end: usize, n: i32) -> bool {
    if !(1000..=2100).contains(&n) {
        return false;
    }
    let modern = (1900..=2100).contains(&n);
    let b = text.as_bytes();
    // Glued to other characters: "H.R.1424", "$2000", "2000%", "1500-metre".
    if let Some(&c) = start.checked_sub(1).and_then(|i| b.get(i)) {
        if c.is_ascii_alphanumeric() || matches!(c, b'.' | b',' | b'$' | b'#' | b'/' | b'+' | b'\'')
        {
            return false;
        }
        if c == b'-' && part_before_hyphen(&text[..start]).is_none() {
            return false;
        }
    }
    match b.get(end) {
        Some(b'%') => return false,
        Some(b'-') if b.get(end + 1).is_some_and(u8::is_ascii_alphabetic) => return false,
        Some(b',' | b'.' | b':' | b'/') if b.get(end + 1).is_some_and(u8::is_ascii_digit) => {
            return false
        }
        _ => {}
    }
    if text[..start].ends_with(['\u{a3}', '\u{20ac}', '\u{a5}']) {
        return false;
    }
    let next = after(text, end);
    // "2000 more people" counts, but "In 2022 more than 4,000 people died" opens a
    // comparison after the year.
    let comparison = match next {
        Near::Word(at, w) if one_of(w, &["more", "fewer", "less"]) => {
            after(text, at + w.len()).is_word_in(&["than"])
        }
        _ => false,
    };
    if next.is_word_in(COUNTED) && !comparison {
        return false;
    }
    let next_content = next.word().is_some_and(is_content_word);
    let prev = before(text, start);
    if prev.is_word_in(QUANTITY_QUALIFIERS) || prev.is_word_in(COUNT_WORDS) {
        return false;
    }
    // "2000 of them" counts; "in 1986 of the years in exile" is the year.
    let time_preposition = prev.is_word_in(&["in", "since", "during", "until", "till"]);
    if next.word().is_some_and(|w| w.eq_ignore_ascii_case("of")) && !(modern && time_preposition) {
        return false;
    }
    match prev {
        Near::Word(_, w) if is_possessive(w) => modern,
        Near::Word(_, w) if one_of(w, YEAR_CONTEXT) => modern || !next_content,
        Near::Word(_, w) if one_of(w, ATTRIBUTIVE) => modern,
        Near::Word(_, w) if is_capitalized(w) => modern,
        // "the alleged 2004 assault", "his failed 2016 bid": a participle between a
        // determiner and the year modifies the noun the year dates.
        Near::Word(ws, w) if participle(w) && before(text, ws).is_word_in(ATTRIBUTIVE) => {
            modern && next_content
        }
        Near::Word(..) => false,
        Near::Mark('-') => true,
        Near::Mark('(' | '[') => modern && matches!(next, Near::Mark(')' | ']' | ',')),
        Near::Mark(',') => {
            modern
                && !next_content
                && !matches!(next, Near::Word(_, w) if w.as_bytes()[0].is_ascii_digit())
        }
        p if p.opens_sentence() => modern && !next_content,
        _ => false,
    }
}

/// A lower-case word in "-ed" that may be a participle: "alleged", "failed".
fn participle(word: &str) -> bool {
    word.len() >= 5 && word.ends_with("ed") && word.bytes().all(|b| b.is_ascii_lowercase())
}

fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("\u{2019}s") || word.ends_with("s'")
}

/// Years, year ranges, decades, numeric dates and clock times: one pass over the digits.
fn digits(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    let b = text.as_bytes();
    let mut runs = ctx.words.digit_runs().iter().copied();
    let mut i = 0;
    loop {
        // The next digit from `i`: a digit run starts there unless `i` fell inside one.
        if !b.get(i).is_some_and(u8::is_ascii_digit) {
            match runs.find(|&r| r >= i) {
                Some(r) => i = r,
                None => break,
            }
        }
        let mut run_end = i;
        while run_end < b.len() && b[run_end].is_ascii_digit() {
            run_end += 1;
        }
        // The whole numeric token, to skip past: digits with inner , . : / - joints.
        let mut token_end = run_end;
        while token_end + 1 < b.len()
            && matches!(b[token_end], b',' | b'.' | b':' | b'/')
            && b[token_end + 1].is_ascii_digit()
        {
            token_end += 1;
            while token_end < b.len() && b[token_end].is_ascii_digit() {
                token_end += 1;
            }
        }
        let glued_before = i > 0
            && (b[i - 1].is_ascii_alphanumeric()
                || (matches!(b[i - 1], b'.' | b',') && i >= 2 && b[i - 2].is_ascii_digit()));
        if !glued_before {
            if let Some(c) = digit_date(ctx, i, run_end) {
                i = c.span.end.max(token_end);
                out.push(c);
                continue;
            }
        }
        i = token_end.max(i + 1);
    }
}

/// The date, if any, that the digits at `start` (first run ending at `run_end`) begin.
fn digit_date(ctx: &Ctx, start: usize, run_end: usize) -> Option<Candidate> {
    let text = ctx.text;
    let b = text.as_bytes();
    let run = run_end - start;
    let window = clip(text, start, start + 64);
    let next = b.get(run_end).copied().unwrap_or(b' ');

    if (run <= 2 && next == b'/') || (run == 4 && next == b'-') {
        if let Some(c) = NUMERIC_DATE.captures(window) {
            let end = start + c.get(0).expect("group 0").end();
            let glued_after = b.get(end).is_some_and(|&x| x == b'/' || x.is_ascii_digit());
            if !glued_after {
                if let Some(cand) = numeric_date(ctx, &c, start, end) {
                    return Some(cand);
                }
            }
        }
    }
    // After a space, only "am"/"pm" ("3 pm") or, after four digits, a zone ("1500 GMT")
    // makes a clock time: the pattern is not run on every number before a word.
    let blank_then = b[run_end..]
        .iter()
        .find(|&&x| x != b' ' && x != b'\t')
        .copied();
    let clock_after_space = run == 4 || matches!(blank_then, Some(b'a' | b'p' | b'A' | b'P'));
    if run <= 4
        && (matches!(next, b':' | b'.' | b'a' | b'p' | b'A' | b'P')
            || (next == b' ' && clock_after_space))
    {
        if let Some(c) = CLOCK.captures(window) {
            let whole = c.get(0).expect("group 0");
            let end = start + whole.end();
            // "with 3:08 left" reads a game clock, not the time of day.
            let game_clock = match after(text, end) {
                Near::Word(at, w) => {
                    one_of(w, &["left", "remaining", "elapsed"])
                        || (w.eq_ignore_ascii_case("to")
                            && after(text, at + w.len()).is_word_in(&["go", "play"]))
                }
                _ => false,
            };
            let glued = matches!(b.get(end), Some(b':' | b'.' | b','))
                && b.get(end + 1).is_some_and(u8::is_ascii_digit);
            let after_ok = !glued && !game_clock && !elapsed_time(text, start, &c);
            if after_ok {
                if let Some(cand) = clock_time(&c, start, end) {
                    return Some(cand);
                }
            }
        }
    }
    // "from 2 to 3 p.m.": a bare hour takes its half of the day from the time after it.
    // After a space the range must go on with a dash, "to", "until" or "till".
    let range_after_space = matches!(blank_then, Some(b'-' | b'\xe2' | b't' | b'u'));
    if run <= 2
        && (matches!(next, b'-' | b':' | b'.' | b'\xe2') || (next == b' ' && range_after_space))
    {
        if let Some(c) = HOUR_BEFORE_CLOCK.captures(window) {
            let first = c.get(1).expect("group 1");
            let mut hour: u32 = first.as_str().parse().unwrap_or(0);
            let minute: u32 = c.get(2).map_or(0, |m| m.as_str().parse().unwrap_or(0));
            let pm = c[3].eq_ignore_ascii_case("p");
            if pm && hour < 12 {
                hour += 12;
            } else if !pm && hour == 12 {
                hour = 0;
            }
            let end = start + c.get(2).unwrap_or(first).end();
            return Some(Candidate {
                span: Span::new(start, end),
                value: Value::Clock {
                    hour,
                    minute,
                    zone: Zone::Unstated,
                    days: 0,
                },
                year_stated: false,
            });
        }
    }
    if run == 4 {
        let n: i32 = text[start..run_end].parse().ok()?;
        if let Some(c) = YEAR_RANGE.captures(window) {
            let end = start + c.get(0).expect("group 0").end();
            if let Some(cand) = year_range(text, &c, start, end, n) {
                return Some(cand);
            }
        }
        // Decades: "the 1990s", "the late 1980s"; before 2000 a round hundred is a
        // century ("the 1800s").
        if next == b's' && n % 10 == 0 && !b.get(run_end + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            let years = if n % 100 == 0 && n < 2000 { 100 } else { 10 };
            return Some(decade(text, start, run_end + 1, n, years));
        }
        if is_year(text, start, run_end, n) {
            let mut s = start;
            if let Some(ws) = part_before_hyphen(&text[..start]) {
                s = ws;
            }
            // "fiscal 2024", "FY 2023": the accounting year is one period with its label,
            // the twelve months ending in the text's fiscal year-end month of that year.
            if let Near::Word(at, w) = before(text, start) {
                if one_of(w, &["fiscal", "fy"]) {
                    let mut c = point(at, run_end, None, true);
                    c.value = ctx
                        .fiscal_end()
                        .map_or(Value::Unresolved, |end| fiscal_year(end, n));
                    return Some(c);
                }
            }
            return Some(point(s, run_end, Some(When::Year(n)), true));
        }
    }
    // "the 19th century": counted as the calendar counts, from year 1, so the 19th is
    // 1801 to 1900 and the 21st 2001 to 2100.
    if run <= 2 && next.is_ascii_alphabetic() {
        if let Some(c) = CENTURY.captures(window) {
            let n: i32 = c[1].parse().ok()?;
            if (1..=21).contains(&n) {
                let end = start + c.get(0).expect("group 0").end();
                let mut century = decade(text, start, end, (n - 1) * 100 + 1, 100);
                // An ordinal century is named with its article: "the 19th century".
                if let Near::Word(ws, w) = before(text, century.span.start) {
                    if w.eq_ignore_ascii_case("the") {
                        century.span.start = ws;
                    }
                }
                return Some(century);
            }
        }
    }
    if run <= 2 && next.is_ascii_alphabetic() {
        if let Some(c) = day_ordinal(ctx, start, run_end) {
            return Some(c);
        }
    }
    // "the '90s"
    if run == 2 && next == b's' && !b.get(run_end + 1).is_some_and(u8::is_ascii_alphanumeric) {
        let head = &text[..start];
        let quote = if head.ends_with('\'') {
            1
        } else if head.ends_with('\u{2019}') {
            3
        } else {
            0
        };
        let tens: i32 = text[start..run_end].parse().ok()?;
        if quote > 0 && tens % 10 == 0 {
            let century = match ctx.published {
                Some(p) if 2000 + tens <= p.year() => 2000,
                _ => 1900,
            };
            return Some(decade(text, start - quote, run_end + 1, century + tens, 10));
        }
    }
    if run == 2 {
        return short_year(ctx, start, run_end);
    }
    None
}

/// Words before an apostrophe year that make it one: "in '02", "since ’98", "the class of
/// '85", "from '02 to '03".
const SHORT_YEAR_LEADS: &[&str] = &[
    "in", "since", "of", "from", "to", "until", "till", "through", "by", "and", "or", "during",
    "before", "after", "the",
];

/// A year written as two digits after an apostrophe, straight or curly, either way round
/// ("in '02", "to 8% in ‘03"), at `start..run_end`: the latest such year not after
/// publication (or in the 1900s when that is unknown). Only after a preposition, a
/// conjunction or "the" and a space, and not before a letter, digit, percent sign or
/// another apostrophe, so a quoted number ("'15 minutes'") is no year.
fn short_year(ctx: &Ctx, start: usize, run_end: usize) -> Option<Candidate> {
    let text = ctx.text;
    let mark = ['\'', '\u{2019}', '\u{2018}']
        .into_iter()
        .find(|&c| text[..start].ends_with(c))?;
    let at = start - mark.len_utf8();
    let Near::Word(ws, w) = before(text, at) else {
        return None;
    };
    if ws + w.len() == at || !one_of(w, SHORT_YEAR_LEADS) {
        return None;
    }
    let next = text[run_end..].chars().next();
    if next.is_some_and(|c| c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '%')) {
        return None;
    }
    let n: i32 = text[start..run_end].parse().ok()?;
    let year = match ctx.published {
        Some(p) if 2000 + n <= p.year() => 2000 + n,
        _ => 1900 + n,
    };
    Some(point(at, run_end, Some(When::Year(year)), true))
}

/// The decades named in words, each the plural of its tens number ("sixty").
const DECADE_NAMES: [&str; 8] = [
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
];

/// A decade in words: "the sixties", "the Nineties".
static DECADE_WORD: LazyLock<Family> = LazyLock::new(|| {
    let names: Vec<String> = DECADE_NAMES
        .iter()
        .map(|w| format!("[{}{}]{}", w[..1].to_ascii_uppercase(), &w[..1], &w[1..]))
        .collect();
    let pattern = format!(r"(?-u:\b)(?:{})(?-u:\b)", names.join("|"));
    Family::new("decade-word", 19, &pattern, DECADE_NAMES)
});

/// The tens of a decade's name in lower case, from the numbers lexicon: "sixties" is the
/// decade of "sixty", 60.
fn decade_tens(name: &str) -> i32 {
    let tens = format!("{}y", name.trim_end_matches("ies"));
    numbers()
        .cardinal(&tens)
        .expect("every decade name is the plural of a tens number in the numbers lexicon")
        as i32
}

/// "the sixties", "the late Nineties": a decade named in words after "the" (a part word
/// may stand between), the latest of its name that ended before publication (or in the
/// 1900s when that is unknown). Without "the" the word is an age ("in her sixties").
fn decade_words(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    for m in DECADE_WORD.find_iter(text, ctx.words) {
        let mut prev = before(text, m.start());
        if let Near::Word(ws, w) = prev {
            if dates().part_before.contains(w) {
                prev = before(text, ws);
            }
        }
        if !prev.is_word_in(&["the"]) {
            continue;
        }
        let tens = decade_tens(&m.as_str().to_ascii_lowercase());
        let century = match ctx.published {
            Some(p) if 2000 + tens + 9 < p.year() => 2000,
            _ => 1900,
        };
        out.push(decade(text, m.start(), m.end(), century + tens, 10));
    }
}

/// A decade or century from `start` to `end` ("1990s", "'90s", "19th century"), its
/// span widened over a modifier before it ("late 1980s", "mid-1990s") but not over
/// "the" ("in the 1990s" spans "1990s"); it covers `years` years from `first_year`.
fn decade(text: &str, start: usize, end: usize, first_year: i32, years: i32) -> Candidate {
    let mut s = start;
    match text[..start].strip_suffix('-') {
        Some(_) if part_before_hyphen(&text[..start]).is_some() => {
            s = part_before_hyphen(&text[..start]).unwrap_or(start);
        }
        _ => {
            if let Near::Word(ws, w) = before(text, start) {
                if dates().part_before.contains(w) {
                    s = ws;
                }
            }
        }
    }
    Candidate {
        span: Span::new(s, end),
        value: Value::Between(When::Year(first_year), When::Year(first_year + years - 1)),
        year_stated: true,
    }
}

fn numeric_date(ctx: &Ctx, c: &Captures, start: usize, end: usize) -> Option<Candidate> {
    let (y, m, d) = if let Some(y) = c.get(4) {
        let y: i32 = y.as_str().parse().ok()?;
        (y, c[5].parse().ok()?, c[6].parse().ok()?)
    } else {
        let a: u32 = c[1].parse().ok()?;
        let b: u32 = c[2].parse().ok()?;
        let yy = &c[3];
        let mut y: i32 = yy.parse().ok()?;
        if yy.len() == 2 {
            y += if y < 50 { 2000 } else { 1900 };
        }
        let (m, d) = if a > 12 {
            (b, a)
        } else if b > 12 || ctx.month_first() {
            (a, b)
        } else {
            (b, a)
        };
        (y, m, d)
    };
    let date = NaiveDate::from_ymd_opt(y, m, d)?;
    Some(point(start, end, Some(When::Day(date)), true))
}

/// Is the clock reading `c` at `start` an elapsed time ("a time of 2:24:50", "won in
/// 1:49:37"), a figure and no time of day? It has seconds and no half of the day, zone,
/// "local time" or day after it, and no word that makes a time of day ("at", "until",
/// the lexicon's clock leads) stands among the two words before it ("at about 10:15:30").
fn elapsed_time(text: &str, start: usize, c: &Captures) -> bool {
    let reading = c.get(0).map_or("", |m| m.as_str());
    let seconds = reading.bytes().filter(|&b| b == b':').count() == 2;
    let bare = [3, 9, 10, 11].iter().all(|&g| c.get(g).is_none());
    if !seconds || !bare {
        return false;
    }
    let leads = &figure_words().clock_leads;
    let first = before(text, start);
    let second = match first {
        Near::Word(at, _) => before(text, at),
        _ => Near::Edge,
    };
    ![first, second].iter().any(|n| {
        n.word()
            .is_some_and(|w| leads.contains(&w.to_ascii_lowercase()))
    })
}

fn clock_time(c: &Captures, start: usize, end: usize) -> Option<Candidate> {
    let (mut hour, minute, half): (u32, u32, Option<&str>) = if let Some(h) = c.get(1) {
        (
            h.as_str().parse().ok()?,
            c[2].parse().ok()?,
            c.get(3).map(|m| m.as_str()),
        )
    } else if let Some(h) = c.get(4) {
        (
            h.as_str().parse().ok()?,
            c.get(5).map_or(Some(0), |m| m.as_str().parse().ok())?,
            c.get(6).map(|m| m.as_str()),
        )
    } else {
        (c[7].parse().ok()?, c[8].parse().ok()?, None)
    };
    match half.map(|h| h.to_ascii_lowercase()) {
        Some(h) if h == "p" && hour < 12 => hour += 12,
        Some(h) if h == "a" && hour == 12 => hour = 0,
        Some(_) if hour > 12 => return None,
        _ => {}
    }
    let zone = match (c.get(9), c.get(7)) {
        (Some(z), _) => zone_offset(z.as_str()),
        // "0600 GMT"
        (None, Some(_)) => Zone::Utc,
        (None, None) => Zone::Unstated,
    };
    let days = match c.get(11).map(|m| m.as_str().to_ascii_lowercase()) {
        Some(w) if w == "previous" => -1,
        Some(_) => 1,
        None => 0,
    };
    Some(Candidate {
        span: Span::new(start, end),
        value: Value::Clock {
            hour,
            minute,
            zone,
            days,
        },
        year_stated: false,
    })
}

fn year_range(text: &str, c: &Captures, start: usize, end: usize, first: i32) -> Option<Candidate> {
    let second = &c[2];
    let mut last: i32 = second.parse().ok()?;
    if second.len() == 2 {
        let century = first - first % 100;
        last += century;
        if last <= first {
            if first % 100 == 99 && last == century {
                last += 100;
            } else {
                return None;
            }
        }
    }
    if !(1000..=2100).contains(&first)
        || !(1000..=2100).contains(&last)
        || last <= first
        || last - first > 200
    {
        return None;
    }
    let b = text.as_bytes();
    if start > 0
        && (b[start - 1].is_ascii_alphanumeric() || matches!(b[start - 1], b'$' | b'.' | b','))
    {
        return None;
    }
    if matches!(b.get(end), Some(b'%' | b'-')) || after(text, end).is_word_in(COUNTED) {
        return None;
    }
    if before(text, start).is_word_in(QUANTITY_QUALIFIERS) {
        return None;
    }
    Some(Candidate {
        span: Span::new(start, end),
        value: Value::Between(When::Year(first), When::Year(last)),
        year_stated: true,
    })
}

// ---------------------------------------------------------------------------------------
// Settling, joining and anchoring

/// Keeps the longest of overlapping candidates (earlier first on a tie), in document order.
fn settle(mut found: Vec<Candidate>) -> Vec<Candidate> {
    found.sort_by_key(|c| (std::cmp::Reverse(c.span.len()), c.span.start));
    let mut kept: BTreeMap<usize, Candidate> = BTreeMap::new();
    for c in found {
        if c.span.is_empty() {
            continue;
        }
        let clash_before = kept
            .range(..c.span.end)
            .next_back()
            .is_some_and(|(_, k)| k.span.overlaps(&c.span));
        if !clash_before {
            kept.insert(c.span.start, c);
        }
    }
    kept.into_values().collect()
}

impl Part {
    fn from_words(words: &str) -> Option<Part> {
        let w = words.to_ascii_lowercase();
        let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(n) = w.strip_suffix(" quarter").and_then(ordinal_of) {
            return Some(Part::Quarter(i64::from(n)));
        }
        match w.strip_suffix(" week") {
            Some("last" | "final") => return Some(Part::Week(0)),
            Some(n) => return ordinal_of(n).map(|n| Part::Week(i64::from(n))),
            None => {}
        }
        dates().part(&w)
    }

    /// Which of `n` consecutive units (months of a year or a season, years of a decade)
    /// the part covers, as a 0-based inclusive range. Early, mid and late take thirds of
    /// months ("late 2016" is September to December) and halves of years ("the late
    /// 1950s" is 1955 to 1959); start and end take the first or last unit.
    fn slice(self, n: i64, years: bool) -> (i64, i64) {
        let third = (n / 3).max(1);
        let half = (n / 2).max(1);
        match self {
            Part::Early if years => (0, half - 1),
            Part::Late if years => (n - half, n - 1),
            Part::Middle if years => (n * 3 / 10, (n * 7 / 10 - 1).max(n * 3 / 10)),
            Part::Early => (0, third - 1),
            Part::Middle => (third, (n - third - 1).max(third)),
            Part::Late => (n - third, n - 1),
            Part::Start => (0, 0),
            Part::End => (n - 1, n - 1),
            Part::FirstHalf => (0, half - 1),
            Part::SecondHalf => (n - half, n - 1),
            Part::Quarter(q) => {
                let quarter = (n / 4).max(1);
                ((q - 1) * quarter, (q * quarter - 1).min(n - 1))
            }
            // A week is narrower than any run of months: the first month stands for it.
            Part::Week(_) => (0, 0),
        }
    }

    /// The days of week `nth` (1 to 4, 0 for the last) of the month from `first` to `last`.
    fn week_days(nth: i64, first: NaiveDate, last: NaiveDate) -> Value {
        let (a, b) = if nth == 0 {
            (last - Duration::days(6), last)
        } else {
            let a = first + Duration::days(7 * (nth - 1));
            (a, a + Duration::days(6))
        };
        Value::Between(When::Day(a), When::Day(b))
    }

    /// `value` narrowed to this part. A month, week or day stays itself ("mid-August",
    /// "the end of September"); a year, season or other run of months becomes the months
    /// of the part; a decade or century the years of the part. A numbered or last week of
    /// a month or year is its seven days ("the last week of March").
    fn narrow(self, value: Value) -> Value {
        let months = |y: i32, m: u32, n: i64| {
            let (a, b) = self.slice(n, false);
            let (ya, ma) = add_months(y, m, a);
            let (yb, mb) = add_months(y, m, b);
            if a == b {
                Value::Point(When::Month(ya, ma))
            } else {
                Value::Between(When::Month(ya, ma), When::Month(yb, mb))
            }
        };
        if let Part::Week(nth) = self {
            // "the first week of April", "the last week of the year".
            let edges = match value {
                Value::Point(When::Month(y, m)) => {
                    let (ny, nm) = add_months(y, m, 1);
                    NaiveDate::from_ymd_opt(y, m, 1)
                        .zip(NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt()))
                }
                Value::Point(When::Year(y)) => {
                    NaiveDate::from_ymd_opt(y, 1, 1).zip(NaiveDate::from_ymd_opt(y, 12, 31))
                }
                _ => None,
            };
            return match edges {
                Some((first, last)) => Part::week_days(nth, first, last),
                None => value,
            };
        }
        match value {
            Value::Point(When::Year(y)) => months(y, 1, 12),
            Value::Between(When::Month(ya, ma), When::Month(yb, mb)) => {
                let n = (i64::from(yb) * 12 + i64::from(mb)) - (i64::from(ya) * 12 + i64::from(ma));
                months(ya, ma, n + 1)
            }
            Value::Between(When::Year(a), When::Year(b)) if b > a => {
                let (x, y) = self.slice(i64::from(b - a) + 1, true);
                Value::Between(When::Year(a + x as i32), When::Year(a + y as i32))
            }
            other => other,
        }
    }
}

/// The words before a date that name a part of it, ending where the date starts: "the
/// end of ", "the start of ", "the second half of ", "early ", "the late ", "mid-".
static PART_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    let of = blanks(&dates().part_of.alternation());
    let before = dates().part_before.alternation();
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:(?:(?:the|by)[ \t]+)?({of}|(?:first|second|third|fourth|final)[ \t]+quarter|(?:first|second|third|fourth|last|final)[ \t]+week)[ \t]+of[ \t]+|({before})(?:[ \t]+|-))$",
    ))
    .expect("part pattern compiles")
});

/// A regex alternation with each space widened to any run of blanks.
fn blanks(alternation: &str) -> String {
    alternation.replace(' ', r"[ \t]+")
}

/// Whether the word before the hyphen that ends `head` names a part ("mid-" in
/// "mid-1990s").
fn part_before_hyphen(head: &str) -> Option<usize> {
    let h = head.strip_suffix('-')?;
    match before(h, h.len()) {
        Near::Word(ws, w) if ws + w.len() == h.len() && dates().part_before.contains(w) => Some(ws),
        _ => None,
    }
}

/// A part named at the start of a date's own span: "mid-1990s", "late 1980s".
static PART_INSIDE: LazyLock<Regex> = LazyLock::new(|| {
    let before = dates().part_before.alternation();
    Regex::new(&format!(r"^(?i-u:({before}))(?:[ \t]+|-)")).expect("inner part pattern compiles")
});

/// Widens each date over the words before it that name a part of it, and narrows its
/// value to that part: "the end of 2008" is December 2008, "late 2016" September to
/// December 2016, "the late 1950s" 1955 to 1959, "mid-March" March. A leading "by" is
/// left out of the span ("by the end of May").
fn qualify(text: &str, dates: &mut [Candidate]) {
    for i in 0..dates.len() {
        let d = dates[i];
        let floor = if i > 0 { dates[i - 1].span.end } else { 0 };
        let (window_start, window) = tail_before(text, d.span.start, 32);
        let found = PART_BEFORE.captures(window).and_then(|c| {
            let words = c.get(1).or(c.get(2))?.as_str();
            let mut start = window_start + c.get(0)?.start();
            if window[start - window_start..].len() >= 3
                && window[start - window_start..][..3].eq_ignore_ascii_case("by ")
            {
                start += 3;
            }
            Some((start, Part::from_words(words)?))
        });
        // The part's own words may have been read as a date of their own ("last week" in
        // "the last week of March"): the part takes them.
        let swallowed = i > 0 && {
            let p = dates[i - 1].span;
            found
                .as_ref()
                .is_some_and(|&(start, _)| start <= p.start && start < floor)
        };
        let (start, part) = match found {
            Some((start, part)) if start >= floor || swallowed => (start, part),
            _ => {
                let own = &text[d.span.start..d.span.end];
                match PART_INSIDE
                    .captures(own)
                    .and_then(|c| Part::from_words(&c[1]))
                {
                    Some(part) => (d.span.start, part),
                    None => continue,
                }
            }
        };
        // "the end of the month" and its kin are read whole by their own family.
        if matches!(d.value, Value::Unresolved) && start == d.span.start {
            continue;
        }
        if swallowed && start < floor {
            dates[i - 1].span = Span::new(start, start);
        }
        dates[i].span.start = start;
        dates[i].value = part.narrow(d.value);
    }
}

/// Joins two dates of the same precision into one interval when the words between them
/// make a range: "1980 to 2012", "between July 2003 and December 2004", "July to
/// September 2010" (the first end borrows the second's year).
fn join_ranges(text: &str, dates: &mut Vec<Candidate>) {
    let mut i = 0;
    while i + 1 < dates.len() {
        let (a, b) = (dates[i], dates[i + 1]);
        let gap = text[a.span.end..b.span.start].trim_matches(is_space);
        let dash = matches!(gap, "-" | "\u{2013}" | "\u{2014}");
        let word = one_of(gap, &["to", "through", "until", "till", "thru"]);
        let between = gap.eq_ignore_ascii_case("and")
            && before(text, a.span.start)
                .word()
                .is_some_and(|w| w.eq_ignore_ascii_case("between"));
        if !(dash || word || between) {
            i += 1;
            continue;
        }
        let joined = match (a.value, b.value) {
            (Value::Point(x), Value::Point(y))
                if x.same_grain(&y) && !matches!(x, When::Time(..)) =>
            {
                // "Dec. 28 to Jan. 2" with no year stated: the range crosses a new year, so
                // the first end is in the year before the second's.
                let crosses = !a.year_stated
                    && !b.year_stated
                    && match (x.first_day(), y.first_day()) {
                        (Some(dx), Some(dy)) => dx >= dy && dx.month() > dy.month(),
                        _ => false,
                    };
                let x = if !a.year_stated && b.year_stated || crosses {
                    borrow_year(x, y)
                } else {
                    x
                };
                // "from Monday to Wednesday": each weekday was resolved on its own; the
                // second is the first of its name after the first.
                let y = match (x, y) {
                    (When::Day(dx), When::Day(dy))
                        if dy <= dx
                            && dx - dy < Duration::days(7)
                            && calendar()
                                .weekday(&text[b.span.start..b.span.end])
                                .is_some() =>
                    {
                        When::Day(dy + Duration::days(7))
                    }
                    _ => y,
                };
                match (x.first_day(), y.first_day()) {
                    (Some(dx), Some(dy)) if dx < dy => Some(Value::Between(x, y)),
                    _ => None,
                }
            }
            _ => None,
        };
        match joined {
            Some(value) => {
                dates[i] = Candidate {
                    span: Span::new(a.span.start, b.span.end),
                    value,
                    year_stated: a.year_stated || b.year_stated,
                };
                dates.remove(i + 1);
            }
            None => i += 1,
        }
    }
}

/// `x` moved into the year of `y`, or the year before when it would come after `y`.
fn borrow_year(x: When, y: When) -> When {
    let year = match y {
        When::Day(d) => d.year(),
        When::Month(yy, _) => yy,
        _ => return x,
    };
    let moved = |yr: i32| match x {
        When::Day(d) => d.with_year(yr).map(When::Day),
        When::Month(_, m) => Some(When::Month(yr, m)),
        other => Some(other),
    };
    match moved(year) {
        Some(m) if m.first_day() <= y.first_day() => m,
        _ => moved(year - 1).unwrap_or(x),
    }
}

/// Gives clock times and "the next day" the day of the date they hang on: a date right
/// after ("10am on Tuesday", "04:17 local time (01:17 GMT) on 6 February"), else the
/// nearest one before in the same sentence, else the last one in the sentence before,
/// else the last day named before it within a week of publication (the day a report is
/// about, not an anniversary or a starting point further back). With none, they stay
/// unresolved. A shift ("the same period last year") moves the end date of a counted
/// run of months as that run, as `counted_periods` from [`periods_ending`] gives it.
fn resolve_anchored(
    text: &str,
    published: Option<NaiveDate>,
    counted_periods: &[(Span, Value)],
    dates: &mut [Candidate],
) {
    let pending = |c: &Candidate| matches!(c.value, Value::Clock { .. } | Value::Shift { .. });
    if !dates.iter().any(pending) {
        return;
    }
    // Shifts move a date the text states, never another shift.
    let moved: Vec<bool> = dates
        .iter()
        .map(|c| matches!(c.value, Value::Shift { .. }))
        .collect();
    // A clock time followed by its day ("10 a.m. on 12 April") takes that day or none.
    let mut hangs = vec![false; dates.len()];
    // Right to left, so a chain of times before one date all reach it.
    for k in (0..dates.len().saturating_sub(1)).rev() {
        if !matches!(dates[k].value, Value::Clock { days: 0, .. }) {
            continue;
        }
        let next = dates[k + 1];
        let gap = &text[dates[k].span.end..next.span.start];
        let gap = gap.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')'));
        // "from 9 a.m. to 4 p.m. on Saturday": the first end takes the second's day.
        let range = clock_range(text, dates[k].span.start, gap)
            && matches!(next.value, Value::Point(When::Time(..)));
        // "opens at 9am and closes at 5pm on Saturday": a time joined by "and" to a later
        // time of the same clause shares its day.
        let joined = matches!(next.value, Value::Point(When::Time(..)))
            && gap.len() <= 40
            && !gap.contains(['.', ';', ':', '"', '\u{201c}', '\u{201d}'])
            && gap
                .split_whitespace()
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case("and"));
        if gap.is_empty() || gap.eq_ignore_ascii_case("on") || range || joined {
            hangs[k] = !matches!(next.value, Value::Clock { .. });
            if let Some(v) = anchored(dates[k].value, &next) {
                dates[k].value = v;
            }
        }
    }
    for k in 0..dates.len() {
        if !pending(&dates[k]) {
            continue;
        }
        if hangs[k] && matches!(dates[k].value, Value::Clock { .. }) {
            dates[k].value = Value::Unresolved;
            continue;
        }
        // The sentences up to this one: a window of text before it is enough to find the
        // previous sentence's start.
        let (window_start, window) = tail_before(text, dates[k].span.end, 2000);
        let sentences = sentence::sentences(window);
        let sentence_index =
            |pos: usize| sentences.partition_point(|s| s.end + window_start <= pos);
        let here = sentence_index(dates[k].span.start);
        if let Value::Shift {
            months,
            reach,
            fallback,
        } = dates[k].value
        {
            let stated: Vec<Candidate> = dates[..k]
                .iter()
                .zip(&moved)
                .filter(|(_, &m)| !m)
                .map(|(c, _)| {
                    // "in the six months to 30 September ... the same period last year":
                    // the end date stands for its counted run of months.
                    let run = counted_periods.iter().find(|(span, _)| *span == c.span);
                    run.map_or(*c, |&(_, value)| Candidate { value, ..*c })
                })
                .collect();
            dates[k].value = shift_from(&stated, dates[k].span, months, reach, |pos| {
                (pos >= window_start).then(|| sentence_index(pos))
            })
            .or(fallback.map(|(a, b)| {
                if a == b {
                    Value::Point(a)
                } else {
                    Value::Between(a, b)
                }
            }))
            .unwrap_or(Value::Unresolved);
            continue;
        }
        let mut resolved = Value::Unresolved;
        for earlier in dates[..k].iter().rev() {
            if earlier.span.start < window_start || sentence_index(earlier.span.start) + 1 < here {
                break;
            }
            // "organised since May 4. The parade ended at 5 PM": a starting point is not
            // the day of what follows.
            if before(text, earlier.span.start).is_word_in(&["since"]) {
                continue;
            }
            if let Some(v) = anchored(dates[k].value, earlier) {
                resolved = v;
                break;
            }
        }
        // Failing that, a clock time in a report of one day is on the last day named
        // before it ("On Sunday, ... The race began at 1:19 PM EDT").
        if resolved == Value::Unresolved && matches!(dates[k].value, Value::Clock { days: 0, .. }) {
            let near_publication = |e: &&Candidate| match (e.value, published) {
                (Value::Point(When::Day(d)), Some(p)) => (d - p).num_days().abs() <= 7,
                (_, None) => true,
                _ => false,
            };
            resolved = dates[..k]
                .iter()
                .rev()
                .filter(near_publication)
                .find_map(|e| anchored(dates[k].value, e))
                .unwrap_or(Value::Unresolved);
        }
        dates[k].value = resolved;
    }
}

fn is_range_word(gap: &str) -> bool {
    matches!(gap, "-" | "\u{2013}" | "\u{2014}")
        || one_of(gap, &["to", "until", "till", "through", "thru"])
}

/// Whether `gap`, the words between a clock time starting at `start` and the next, makes
/// the two a range: a range word, or "and" after "between" ("between 8am and 6pm").
fn clock_range(text: &str, start: usize, gap: &str) -> bool {
    is_range_word(gap)
        || gap.eq_ignore_ascii_case("and")
            && matches!(before(text, start), Near::Word(_, w) if w.eq_ignore_ascii_case("between"))
}

/// Whether `pos` lies inside a quotation opened earlier in its paragraph.
fn inside_quote(text: &str, pos: usize) -> bool {
    let para = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let head = &text[para..pos];
    let straight = head.bytes().filter(|&b| b == b'"').count();
    let opened = head.matches('\u{201c}').count();
    let closed = head.matches('\u{201d}').count();
    straight % 2 == 1 || opened > closed
}

/// "today", "yesterday" and "tomorrow" inside a quotation count from the day the words
/// were said when the attribution names it ("told reporters on Wednesday that the president
/// \"would sign a bill tomorrow\"" is Thursday), as the corpus resolves them.
fn quoted_days(text: &str, dates: &mut [Candidate]) {
    const REACH: usize = 300;
    for k in 0..dates.len() {
        let d = dates[k];
        let word = text[d.span.start..d.span.end].to_ascii_lowercase();
        let offset = if word.contains("yesterday") {
            -1
        } else if word.contains("tomorrow") {
            1
        } else if word.contains("today") || word.contains("tonight") {
            0
        } else {
            continue;
        };
        if !inside_quote(text, d.span.start) {
            continue;
        }
        let para_start = text[..d.span.start].rfind('\n').map_or(0, |i| i + 1);
        let para_end = text[d.span.end..]
            .find('\n')
            .map_or(text.len(), |i| d.span.end + i);
        let said_on = dates
            .iter()
            .enumerate()
            .filter(|&(j, e)| {
                j != k
                    && e.span.start >= para_start
                    && e.span.end <= para_end
                    && e.span.start.abs_diff(d.span.start) <= REACH
                    && !inside_quote(text, e.span.start)
            })
            .filter_map(|(_, e)| match e.value {
                Value::Point(w) => w
                    .day()
                    .map(|day| (e.span.start.abs_diff(d.span.start), day)),
                _ => None,
            })
            .min_by_key(|&(distance, _)| distance);
        if let Some((_, day)) = said_on {
            dates[k].value = Value::Point(When::Day(day + Duration::days(offset)));
        }
    }
}

/// Joins two clock times with a range word between them into one interval ("9 a.m. to 4
/// p.m."). `clocks` marks the candidates read as clock times.
fn join_clocks(text: &str, dates: &mut Vec<Candidate>, clocks: &[bool]) {
    let mut clocks = clocks.to_vec();
    let mut i = 0;
    while i + 1 < dates.len() {
        let (a, b) = (dates[i], dates[i + 1]);
        let gap = text[a.span.end..b.span.start].trim_matches(is_space);
        let joined = if !clocks[i] {
            None
        } else if clocks[i + 1] && clock_range(text, a.span.start, gap) {
            Some(match (a.value, b.value) {
                // "from 10pm to 5am on Monday": an end before the start is the next day's.
                (
                    Value::Point(x @ When::Time(day, h1, m1, _)),
                    Value::Point(When::Time(end_day, h2, m2, zone)),
                ) if end_day == day && (h2, m2) < (h1, m1) => match day.succ_opt() {
                    Some(next) => Value::Between(x, When::Time(next, h2, m2, zone)),
                    None => Value::Unresolved,
                },
                (Value::Point(x @ When::Time(..)), Value::Point(y @ When::Time(..))) => {
                    Value::Between(x, y)
                }
                _ => Value::Unresolved,
            })
        } else {
            None
        };
        match joined {
            Some(value) => {
                dates[i] = Candidate {
                    span: Span::new(a.span.start, b.span.end),
                    value,
                    year_stated: a.year_stated || b.year_stated,
                };
                dates.remove(i + 1);
                clocks.remove(i + 1);
            }
            None => i += 1,
        }
    }
}

/// Makes a clock time and the day word right after it that dates it one span: "12:30
/// yesterday", "17:00 on today", "4 p.m. tomorrow". A named day keeps its own span ("5pm
/// on Saturday", "10:15 UTC on 17 July"), as does the day of a range of times ("9 a.m. to
/// 4 p.m. on Saturday").
fn join_clock_days(text: &str, dates: &mut Vec<Candidate>) {
    let mut i = 0;
    while i + 1 < dates.len() {
        let (a, b) = (dates[i], dates[i + 1]);
        let gap = text[a.span.end..b.span.start].trim_matches(is_space);
        let dated = match (a.value, b.value) {
            (Value::Point(When::Time(day, ..)), Value::Point(When::Day(d))) => day == d,
            _ => false,
        };
        let day_word = DAY_WORD
            .pattern()
            .find(&text[b.span.start..b.span.end])
            .is_some_and(|m| m.start() == 0 && m.end() == b.span.len());
        if dated && day_word && (gap.is_empty() || gap.eq_ignore_ascii_case("on")) {
            dates[i].span = Span::new(a.span.start, b.span.end);
            dates[i].year_stated = a.year_stated || b.year_stated;
            dates.remove(i + 1);
        }
        i += 1;
    }
}

/// How far back a [`Value::Shift`] looks for the period it moves.
const PERIOD_REACH: usize = 1500;

/// The value of a shift at `span` ("a year earlier") from the dates before it, `earlier`,
/// given the sentence index of a position (`None` when out of reach).
fn shift_from(
    earlier: &[Candidate],
    span: Span,
    months: i64,
    reach: Reach,
    sentence_of: impl Fn(usize) -> Option<usize>,
) -> Option<Value> {
    let here = sentence_of(span.start)?;
    let near = |c: &Candidate| span.start.saturating_sub(c.span.end) <= PERIOD_REACH;
    let period = earlier.iter().rev().take_while(|c| near(c)).find(|c| {
        let len = period_months(&c.value);
        match reach {
            Reach::PeriodInSentence => {
                sentence_of(c.span.start) == Some(here) && len.is_some_and(|n| n >= 3)
            }
            Reach::PeriodOf(n) => len == Some(n),
            // The period reported in this sentence or the two before it.
            Reach::Nearest => {
                len.is_some_and(|n| n >= 3)
                    && sentence_of(c.span.start).is_some_and(|s| s + 2 >= here)
            }
            Reach::NearestDate => false,
        }
    });
    if let Some(p) = period {
        return shifted(p.value, months);
    }
    if !matches!(reach, Reach::Nearest | Reach::NearestDate) {
        return None;
    }
    let last = earlier.iter().rev().find(|c| c.value.iso().is_some())?;
    let close = sentence_of(last.span.start).is_some_and(|s| s + 1 >= here);
    close.then(|| shifted(last.value, months)).flatten()
}

/// How many months a run of months covers ("2019-07/2019-09" is 3), for intervals of
/// months only.
fn period_months(value: &Value) -> Option<i64> {
    match *value {
        Value::Between(When::Month(ya, ma), When::Month(yb, mb)) => {
            Some(i64::from(yb) * 12 + i64::from(mb) - i64::from(ya) * 12 - i64::from(ma) + 1)
        }
        _ => None,
    }
}

/// `value` moved by `months`, at its own precision.
fn shifted(value: Value, months: i64) -> Option<Value> {
    let by = |w: When| -> Option<When> {
        Some(match w {
            When::Day(d) => {
                let (y, m) = add_months(d.year(), d.month(), months);
                When::Day(
                    NaiveDate::from_ymd_opt(y, m, d.day())
                        .or_else(|| NaiveDate::from_ymd_opt(y, m, 28))?,
                )
            }
            When::Month(y, m) => {
                let (y, m) = add_months(y, m, months);
                When::Month(y, m)
            }
            When::Year(y) => When::Year(y + (months / 12) as i32),
            When::Week(y, w) => When::Week(y + (months / 12) as i32, w),
            When::Time(..) => return None,
        })
    };
    match value {
        Value::Point(w) => Some(Value::Point(by(w)?)),
        Value::Between(a, b) => Some(Value::Between(by(a)?, by(b)?)),
        _ => None,
    }
}

/// A clock time placed on the day of the date it hangs on, when that date has a day.
fn anchored(value: Value, anchor: &Candidate) -> Option<Value> {
    let Value::Point(at) = anchor.value else {
        return None;
    };
    let when = match value {
        Value::Clock {
            hour,
            minute,
            zone,
            days,
        } => When::Time(at.day()? + Duration::days(days), hour, minute, zone),
        _ => return None,
    };
    Some(Value::Point(when))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every date in `text`, read from its own words.
    fn find(text: &str, published: Option<NaiveDate>) -> Vec<Found> {
        super::find(text, published, &Words::of(text))
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn every_decade_name_has_its_tens_in_the_numbers_lexicon() {
        let tens: Vec<i32> = DECADE_NAMES.iter().map(|n| decade_tens(n)).collect();
        assert_eq!(tens, [20, 30, 40, 50, 60, 70, 80, 90]);
    }

    #[test]
    fn weekdays_resolve_back_or_forward_from_publication() {
        // 2015-09-22 was a Tuesday.
        let p = day(2015, 9, 22);
        assert_eq!(
            weekday_from(p, Weekday::Thu, Pick::OnOrBefore),
            day(2015, 9, 17)
        );
        assert_eq!(weekday_from(p, Weekday::Tue, Pick::OnOrBefore), p);
        assert_eq!(
            weekday_from(p, Weekday::Tue, Pick::Before),
            day(2015, 9, 15)
        );
        assert_eq!(weekday_from(p, Weekday::Wed, Pick::After), day(2015, 9, 23));
        assert_eq!(weekday_from(p, Weekday::Tue, Pick::After), day(2015, 9, 29));
    }

    #[test]
    fn weeks_are_iso_weeks() {
        assert_eq!(week_of(day(2006, 1, 12)).iso(), "2006-W02");
        assert_eq!(week_of(day(2006, 1, 5)).iso(), "2006-W01");
        // 2021-01-01 belongs to the last ISO week of 2020.
        assert_eq!(week_of(day(2021, 1, 1)).iso(), "2020-W53");
    }

    #[test]
    fn weekends_follow_tense_and_relation() {
        let tuesday = day(2015, 9, 22);
        assert_eq!(
            weekend(tuesday, Relation::This, Tense::Past),
            (day(2015, 9, 19), day(2015, 9, 20))
        );
        assert_eq!(
            weekend(tuesday, Relation::This, Tense::Future),
            (day(2015, 9, 26), day(2015, 9, 27))
        );
        let sunday = day(2015, 9, 20);
        assert_eq!(
            weekend(sunday, Relation::This, Tense::Unknown),
            (day(2015, 9, 19), day(2015, 9, 20))
        );
        assert_eq!(
            weekend(sunday, Relation::Last, Tense::Unknown),
            (day(2015, 9, 12), day(2015, 9, 13))
        );
    }

    #[test]
    fn seasons_are_month_intervals() {
        let p = day(2023, 2, 23);
        let season = |w: &str| Season::from_word(w).expect("a season in the lexicon");
        let last_summer = season("summer").months(season("summer").year_from(p, Relation::Last));
        assert_eq!(last_summer.iso().as_deref(), Some("2022-06/2022-08"));
        let this_winter = season("winter").months(season("winter").year_from(p, Relation::This));
        assert_eq!(this_winter.iso().as_deref(), Some("2022-12/2023-02"));
        let next_spring = season("spring").months(season("spring").year_from(p, Relation::Next));
        assert_eq!(next_spring.iso().as_deref(), Some("2023-03/2023-05"));
        let autumn = day(2023, 10, 1);
        assert_eq!(season("summer").year_from(autumn, Relation::Last), 2023);
    }

    #[test]
    fn months_without_a_year_take_the_year_the_tense_points_to() {
        let p = day(2008, 8, 15);
        assert_eq!(year_for(p, 3, None, Tense::Past), 2008);
        assert_eq!(year_for(p, 11, None, Tense::Past), 2007);
        assert_eq!(year_for(p, 3, None, Tense::Future), 2009);
        assert_eq!(year_for(p, 3, None, Tense::Unknown), 2008);
        assert_eq!(
            year_for(day(2011, 4, 13), 6, Some(28), Tense::Unknown),
            2011
        );
        assert_eq!(
            year_for(day(2023, 1, 5), 11, Some(20), Tense::Unknown),
            2022
        );
    }

    #[test]
    fn intervals_and_months_format_as_iso() {
        assert_eq!(add_months(2023, 1, -1), (2022, 12));
        assert_eq!(add_months(2023, 12, 1), (2024, 1));
        let v = Value::Between(When::Year(2000), When::Year(2050));
        assert_eq!(v.iso().as_deref(), Some("2000/2050"));
        let t = When::Time(day(2014, 7, 17), 10, 15, Zone::Utc);
        assert_eq!(t.iso(), "2014-07-17T10:15Z");
        let t = When::Time(day(2023, 4, 20), 16, 0, Zone::Offset(660));
        assert_eq!(t.iso(), "2023-04-20T16:00+11:00");
    }

    #[test]
    fn holidays_are_dated_by_their_lexicon_rules() {
        assert_eq!(holiday_in("christmas eve", 2020), Some(day(2020, 12, 24)));
        assert_eq!(holiday_in("memorial day", 2024), Some(day(2024, 5, 27)));
        assert_eq!(holiday_in("election day", 2024), Some(day(2024, 11, 5)));
        assert_eq!(holiday_in("black friday", 2023), Some(day(2023, 11, 24)));
        assert_eq!(holiday_in("good friday", 2023), Some(day(2023, 4, 7)));
        assert_eq!(
            holiday_in(&holiday_key("New Year\u{2019}s  Day"), 2023),
            Some(day(2023, 1, 1))
        );
        assert_eq!(holiday_in("ramadan", 2023), None);
    }

    #[test]
    fn parts_narrow_years_seasons_and_decades() {
        let year = Value::Point(When::Year(2016));
        assert_eq!(
            Part::Late.narrow(year).iso().as_deref(),
            Some("2016-09/2016-12")
        );
        assert_eq!(Part::End.narrow(year).iso().as_deref(), Some("2016-12"));
        assert_eq!(
            Part::Quarter(3).narrow(year).iso().as_deref(),
            Some("2016-07/2016-09")
        );
        let decade = Value::Between(When::Year(1950), When::Year(1959));
        assert_eq!(
            Part::Late.narrow(decade).iso().as_deref(),
            Some("1955/1959")
        );
        let spring = Value::Between(When::Month(2023, 3), When::Month(2023, 5));
        assert_eq!(Part::Late.narrow(spring).iso().as_deref(), Some("2023-05"));
        let month = Value::Point(When::Month(2023, 8));
        assert_eq!(Part::Middle.narrow(month), month);
    }

    #[test]
    fn easter_follows_the_computus() {
        assert_eq!(easter_sunday(2023), Some(day(2023, 4, 9)));
        assert_eq!(easter_sunday(2024), Some(day(2024, 3, 31)));
        assert_eq!(easter_sunday(2019), Some(day(2019, 4, 21)));
    }

    #[test]
    fn tense_is_read_from_the_nearest_marker() {
        let t = "Mohamed and his father are to travel to Washington on Wednesday.";
        let at = t.find("Wednesday").unwrap();
        assert_eq!(tense_around(t, Span::new(at, at + 9)), Tense::Future);
        let t = "The ministry said on Tuesday that it will appeal.";
        let at = t.find("Tuesday").unwrap();
        assert_eq!(tense_around(t, Span::new(at, at + 7)), Tense::Past);
    }

    /// Pieces of news text that start dates, and characters that test byte offsets.
    const PIECES: &[&str] = &[
        "May",
        "may",
        "March",
        "12",
        "2008",
        "1709",
        "10/1/2008",
        "2000-2050",
        "2012–13",
        "4:00pm",
        "AEDT",
        "10:15",
        "UTC",
        "Tuesday",
        "last",
        "week",
        "year",
        "ago",
        "three",
        "days",
        "nearly",
        "the",
        "end",
        "of",
        "month",
        "Christmas",
        "New Year's",
        "Day",
        "summer",
        "1990s",
        "'90s",
        "today",
        "yesterday",
        "afternoon",
        "next",
        "day",
        "in",
        "since",
        "between",
        "and",
        "to",
        "mid-",
        "’s",
        "é",
        "\u{a0}",
        "—",
        "–",
        ",",
        ".",
        "\n",
        "\"",
        "“",
        "(",
        ")",
        "-",
        "/",
        ":",
        "p.m.",
        "a.m.",
        "noon",
        "weekend",
        "over",
    ];

    proptest::proptest! {
        #[test]
        fn spans_are_ordered_disjoint_and_on_char_boundaries(
            picks in proptest::collection::vec((0..PIECES.len(), 0..3usize), 0..40),
            published in proptest::option::of(0..20_000i64),
        ) {
            let mut text = String::new();
            for (i, sep) in picks {
                text.push_str(PIECES[i]);
                text.push_str(["", " ", "  "][sep]);
            }
            let published = published.map(|d| day(1990, 1, 1) + Duration::days(d));
            let found = find(&text, published);
            let mut last_end = 0;
            for f in &found {
                proptest::prop_assert!(f.span.start >= last_end, "spans overlap in {text:?}");
                proptest::prop_assert!(!f.span.is_empty(), "empty span in {text:?}");
                proptest::prop_assert!(text.is_char_boundary(f.span.start));
                proptest::prop_assert!(text.is_char_boundary(f.span.end));
                last_end = f.span.end;
                if published.is_none() {
                    // Only what the text itself fixes may carry a value without a date.
                    let t = &text[f.span.start..f.span.end];
                    let relative = ["today", "yesterday", "last", "next", "ago", "Tuesday"]
                        .iter()
                        .any(|w| t.contains(w));
                    if relative && !t.chars().any(|c| c.is_ascii_digit()) {
                        let iso = match &f.value {
                            Some(ClaimValue::Date(d)) => d.iso.clone(),
                            _ => None,
                        };
                        proptest::prop_assert_eq!(iso, None, "{:?} resolved without a date", t);
                    }
                }
            }
        }
    }
}
