//! Time zones, seasons, holidays and the parts of periods (`dates.toml`).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::Weekday;
use serde::Deserialize;

use super::speech::speech;
use super::{calendar::calendar, lookup, parse, WordSet};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    holiday_periods: Vec<String>,
    weekday_name_words: Vec<String>,
    pledge_verbs: Vec<String>,
    pledge_irregular: BTreeMap<String, Vec<String>>,
    month_event_nouns: Vec<String>,
    zone: Vec<ZoneEntry>,
    season: Vec<SeasonEntry>,
    holiday: Vec<HolidayEntry>,
    part: Vec<PartEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ZoneEntry {
    name: String,
    offset: String,
    daylight: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeasonEntry {
    name: String,
    first_month: u32,
    aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayEntry {
    name: String,
    aliases: Vec<String>,
    month: Option<u32>,
    day: Option<u32>,
    weekday: Option<String>,
    nth: Option<i8>,
    easter: Option<i64>,
    after: Option<String>,
    days: Option<i64>,
    undated: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartEntry {
    which: String,
    before: Vec<String>,
    of: Vec<String>,
}

/// A time zone's offset from UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offset {
    /// UTC itself ("UTC", "GMT", "Z").
    Utc,
    /// Minutes east of UTC, all year.
    Minutes(i32),
    /// Minutes east of UTC in winter, one hour more under US daylight saving time ("ET").
    UsSeasonal(i32),
}

/// How a holiday is dated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HolidayRule {
    /// The same day every year.
    Fixed { month: u32, day: u32 },
    /// The `nth` `weekday` of `month` (-1 for the last), then `days` more.
    NthWeekday {
        month: u32,
        weekday: Weekday,
        nth: i8,
        days: i64,
    },
    /// This many days from Easter Sunday.
    Easter(i64),
    /// This many days from another holiday (by its name).
    After { holiday: String, days: i64 },
    /// Named but not dated here: a lunar-calendar feast, or a day that differs by
    /// country.
    Undated,
}

/// A part of a period a word names ("early", "the end of", "the second half of"), or a
/// quarter, which the text numbers ("the third quarter of") rather than the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    Early,
    Middle,
    Late,
    Start,
    End,
    FirstHalf,
    SecondHalf,
    /// The quarter numbered 1 to 4.
    Quarter(i64),
    /// The week of a month or year numbered 1 to 4 ("the second week of May"), or its
    /// last week when 0 ("the last week of March").
    Week(i64),
}

/// The dates' vocabulary besides months and weekdays, read from `dates.toml`.
#[derive(Debug)]
pub struct Dates {
    /// Every time zone abbreviation ("utc", "aedt", "et").
    pub zone_words: WordSet,
    /// Every season name ("summer", "fall").
    pub season_words: WordSet,
    /// Every holiday name and alias ("christmas", "new year's day").
    pub holiday_words: WordSet,
    /// Words after a holiday that make it a period ("weekend", "holiday period").
    pub holiday_periods: WordSet,
    /// Words before a weekday that make it part of a name ("black", "super").
    pub weekday_name_words: WordSet,
    /// Verbs of committing to a future act, in every form ("pledged", "vows"): before
    /// "to" they make the clause look ahead.
    pub pledge_verbs: WordSet,
    /// Events a month before them dates ("the contested March election").
    pub month_event_nouns: WordSet,
    /// Part words that stand right before a date ("early", "mid", "late").
    pub part_before: WordSet,
    /// Part words that take "of" before a date ("end", "first half").
    pub part_of: WordSet,
    zones: Vec<(String, Offset)>,
    seasons: Vec<(String, u32)>,
    holidays: Vec<(String, HolidayRule)>,
    parts: Vec<(String, PartKind)>,
}

fn parse_offset(name: &str, offset: &str, daylight: Option<&str>) -> Offset {
    if offset == "z" {
        return Offset::Utc;
    }
    let parsed = (|| {
        let (sign, rest) = match offset.split_at_checked(1)? {
            ("+", r) => (1, r),
            ("-", r) => (-1, r),
            _ => return None,
        };
        let (h, m) = rest.split_once(':')?;
        Some(sign * (h.parse::<i32>().ok()? * 60 + m.parse::<i32>().ok()?))
    })();
    let minutes =
        parsed.unwrap_or_else(|| panic!("dates.toml: zone {name} has a bad offset {offset:?}"));
    match daylight {
        None => Offset::Minutes(minutes),
        Some("us") => Offset::UsSeasonal(minutes),
        Some(other) => panic!("dates.toml: zone {name} has an unknown daylight rule {other:?}"),
    }
}

/// The one rule an entry states; panics naming the holiday when it states none or more
/// than one, or a part of one.
fn rule_of(h: &HolidayEntry) -> HolidayRule {
    let name = &h.name;
    let fixed = h.day.is_some();
    let nth = h.weekday.is_some() || h.nth.is_some();
    let easter = h.easter.is_some();
    let after = h.after.is_some();
    let undated = h.undated.is_some();
    let stated = [fixed, nth, easter, after, undated]
        .iter()
        .filter(|&&b| b)
        .count();
    assert!(
        stated == 1,
        "dates.toml: holiday {name} must have exactly one date rule, has {stated}"
    );
    if fixed || nth {
        let month = h
            .month
            .filter(|m| (1..=12).contains(m))
            .unwrap_or_else(|| panic!("dates.toml: holiday {name} needs a month 1-12"));
        if fixed {
            let day = h.day.filter(|d| (1..=31).contains(d));
            let day = day.unwrap_or_else(|| panic!("dates.toml: holiday {name}: bad day"));
            return HolidayRule::Fixed { month, day };
        }
        let weekday = h
            .weekday
            .as_deref()
            .and_then(|w| calendar().weekday(w))
            .unwrap_or_else(|| panic!("dates.toml: holiday {name} needs a weekday"));
        let nth = h
            .nth
            .filter(|n| (1..=5).contains(n) || *n == -1)
            .unwrap_or_else(|| panic!("dates.toml: holiday {name} needs nth 1-5 or -1"));
        return HolidayRule::NthWeekday {
            month,
            weekday,
            nth,
            days: h.days.unwrap_or(0),
        };
    }
    if let Some(d) = h.easter {
        return HolidayRule::Easter(d);
    }
    if let Some(other) = &h.after {
        return HolidayRule::After {
            holiday: other.clone(),
            days: h.days.unwrap_or(0),
        };
    }
    HolidayRule::Undated
}

impl Dates {
    fn load() -> Dates {
        let file: File = parse("dates.toml", include_str!("dates.toml"));
        for base in file.pledge_irregular.keys() {
            assert!(
                file.pledge_verbs.contains(base),
                "dates.toml: irregular pledge verb {base:?} is not a listed pledge verb"
            );
        }
        let pledge_forms: Vec<String> = file
            .pledge_verbs
            .iter()
            .flat_map(|base| {
                let past = file.pledge_irregular.get(base).map(Vec::as_slice);
                speech().forms_of(base, past)
            })
            .collect();
        let zones: Vec<(String, Offset)> = file
            .zone
            .iter()
            .map(|z| {
                let offset = parse_offset(&z.name, &z.offset, z.daylight.as_deref());
                (z.name.clone(), offset)
            })
            .collect();
        let seasons: Vec<(String, u32)> = file
            .season
            .iter()
            .flat_map(|s| {
                std::iter::once(&s.name)
                    .chain(&s.aliases)
                    .map(move |w| (w.clone(), s.first_month))
            })
            .collect();
        let holidays: Vec<(String, HolidayRule)> = file
            .holiday
            .iter()
            .flat_map(|h| {
                let rule = rule_of(h);
                std::iter::once(&h.name)
                    .chain(&h.aliases)
                    .map(move |w| (w.clone(), rule.clone()))
            })
            .collect();
        let part_kind = |which: &str| match which {
            "early" => PartKind::Early,
            "middle" => PartKind::Middle,
            "late" => PartKind::Late,
            "start" => PartKind::Start,
            "end" => PartKind::End,
            "first half" => PartKind::FirstHalf,
            "second half" => PartKind::SecondHalf,
            other => panic!("dates.toml: unknown part {other:?}"),
        };
        let parts: Vec<(String, PartKind)> = file
            .part
            .iter()
            .flat_map(|p| {
                let kind = part_kind(&p.which);
                p.before.iter().chain(&p.of).map(move |w| (w.clone(), kind))
            })
            .collect();
        let dates = Dates {
            zone_words: WordSet::checked("zones", zones.iter().map(|(w, _)| w.as_str())),
            season_words: WordSet::checked("seasons", seasons.iter().map(|(w, _)| w.as_str())),
            holiday_words: WordSet::checked("holidays", holidays.iter().map(|(w, _)| w.as_str())),
            holiday_periods: WordSet::checked(
                "holiday periods",
                file.holiday_periods.iter().map(String::as_str),
            ),
            weekday_name_words: WordSet::checked(
                "weekday name words",
                file.weekday_name_words.iter().map(String::as_str),
            ),
            pledge_verbs: WordSet::checked(
                "pledge verb forms",
                pledge_forms.iter().map(String::as_str),
            ),
            month_event_nouns: WordSet::checked(
                "month event nouns",
                file.month_event_nouns.iter().map(String::as_str),
            ),
            part_before: WordSet::checked(
                "parts before a date",
                file.part
                    .iter()
                    .flat_map(|p| p.before.iter().map(String::as_str)),
            ),
            part_of: WordSet::checked(
                "parts with of",
                file.part
                    .iter()
                    .flat_map(|p| p.of.iter().map(String::as_str)),
            ),
            zones,
            seasons,
            holidays,
            parts,
        };
        // A holiday dated from another must name one that is listed and not itself so
        // dated, so that every rule resolves in one step.
        for (name, rule) in &dates.holidays {
            if let HolidayRule::After { holiday, .. } = rule {
                let base = dates.holiday(holiday);
                assert!(
                    matches!(base, Some(r) if !matches!(r, HolidayRule::After { .. })),
                    "dates.toml: holiday {name} counts from {holiday}, which is not a dated holiday"
                );
            }
        }
        dates
    }

    /// The offset of the zone `word` abbreviates, in any case ("AEDT", "et").
    pub fn zone(&self, word: &str) -> Option<Offset> {
        lookup(&self.zones, word)
    }

    /// The first month of the season `word` names ("fall" 9).
    pub fn season(&self, word: &str) -> Option<u32> {
        lookup(&self.seasons, word)
    }

    /// The rule that dates the holiday `name` (lower case, single spaces, straight
    /// apostrophes: "new year's day").
    pub fn holiday(&self, name: &str) -> Option<&HolidayRule> {
        self.holidays
            .iter()
            .find(|(w, _)| w == name)
            .map(|(_, rule)| rule)
    }

    /// The part `words` names (lower case: "end", "first half", "mid").
    pub fn part(&self, words: &str) -> Option<PartKind> {
        lookup(&self.parts, words)
    }
}

/// The dates' vocabulary, read on first use.
pub fn dates() -> &'static Dates {
    static DATES: LazyLock<Dates> = LazyLock::new(Dates::load);
    &DATES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_holiday_has_exactly_one_date_rule() {
        let file: File = parse("dates.toml", include_str!("dates.toml"));
        for h in &file.holiday {
            // `rule_of` panics, naming the holiday, on none or several.
            let rule = rule_of(h);
            if let HolidayRule::Fixed { month, day } = rule {
                assert!(
                    chrono::NaiveDate::from_ymd_opt(2024, month, day).is_some(),
                    "{}: no such day",
                    h.name
                );
            }
        }
        let d = dates();
        assert_eq!(
            d.holiday("good friday"),
            Some(&HolidayRule::Easter(-2)),
            "a movable feast is dated from Easter"
        );
        assert!(matches!(
            d.holiday("black friday"),
            Some(HolidayRule::After { .. })
        ));
    }

    #[test]
    fn every_dates_list_is_lower_case_and_without_duplicates() {
        // `dates()` checks each list as it builds it; building it is the test.
        let d = dates();
        assert!(d.holiday_words.contains("Christmas"));
        assert!(d.zone_words.contains("AEDT"));
        assert!(d.season_words.contains("fall"));
        assert!(d.part_before.contains("mid") && d.part_of.contains("second half"));
    }

    #[test]
    fn zones_carry_their_offsets() {
        let d = dates();
        assert_eq!(d.zone("GMT"), Some(Offset::Utc));
        assert_eq!(d.zone("aedt"), Some(Offset::Minutes(660)));
        assert_eq!(d.zone("IST"), Some(Offset::Minutes(330)));
        assert_eq!(d.zone("ET"), Some(Offset::UsSeasonal(-300)));
        assert_eq!(d.zone("XYZ"), None);
    }
}
