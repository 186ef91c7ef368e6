//! Months and weekdays (`calendar.toml`).

use std::sync::LazyLock;

use chrono::Weekday;
use serde::Deserialize;

use super::{lookup, parse, WordSet};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    month: Vec<MonthEntry>,
    weekday: Vec<WeekdayEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MonthEntry {
    name: String,
    number: u32,
    abbreviations: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WeekdayEntry {
    name: String,
    abbreviations: Vec<String>,
}

/// The calendar's vocabulary, read from `calendar.toml`.
#[derive(Debug)]
pub struct Calendar {
    /// Every month name and abbreviation ("january", "jan", "sept").
    pub month_words: WordSet,
    /// The full month names only.
    pub month_names: WordSet,
    /// The month abbreviations only ("jan", "sept"): a period after one does not end a
    /// sentence.
    pub month_abbreviations: WordSet,
    /// Every weekday name and abbreviation.
    pub weekday_words: WordSet,
    /// The full weekday names only.
    pub weekday_names: WordSet,
    months: Vec<(String, u32)>,
    weekdays: Vec<(String, Weekday)>,
}

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

impl Calendar {
    fn load() -> Calendar {
        let file: File = parse("calendar.toml", include_str!("calendar.toml"));
        let months: Vec<(String, u32)> = file
            .month
            .iter()
            .flat_map(|m| {
                std::iter::once(&m.name)
                    .chain(&m.abbreviations)
                    .map(move |w| (w.clone(), m.number))
            })
            .collect();
        assert!(
            file.weekday.len() == 7,
            "calendar.toml lists {} weekdays, not 7",
            file.weekday.len()
        );
        let weekdays: Vec<(String, Weekday)> = file
            .weekday
            .iter()
            .zip(WEEK)
            .flat_map(|(d, day)| {
                std::iter::once(&d.name)
                    .chain(&d.abbreviations)
                    .map(move |w| (w.clone(), day))
            })
            .collect();
        Calendar {
            month_words: WordSet::checked("months", months.iter().map(|(w, _)| w.as_str())),
            month_names: WordSet::checked(
                "month names",
                file.month.iter().map(|m| m.name.as_str()),
            ),
            month_abbreviations: WordSet::checked(
                "month abbreviations",
                file.month
                    .iter()
                    .flat_map(|m| m.abbreviations.iter().map(String::as_str)),
            ),
            weekday_words: WordSet::checked("weekdays", weekdays.iter().map(|(w, _)| w.as_str())),
            weekday_names: WordSet::checked(
                "weekday names",
                file.weekday.iter().map(|d| d.name.as_str()),
            ),
            months,
            weekdays,
        }
    }

    /// The number (1–12) of the month `word` names or abbreviates, in any case.
    pub fn month(&self, word: &str) -> Option<u32> {
        lookup(&self.months, word)
    }

    /// The weekday `word` names or abbreviates, in any case.
    pub fn weekday(&self, word: &str) -> Option<Weekday> {
        lookup(&self.weekdays, word)
    }
}

/// The calendar's vocabulary, read on first use.
pub fn calendar() -> &'static Calendar {
    static CALENDAR: LazyLock<Calendar> = LazyLock::new(Calendar::load);
    &CALENDAR
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_months_in_order_and_seven_weekdays() {
        let file: File = parse("calendar.toml", include_str!("calendar.toml"));
        let numbers: Vec<u32> = file.month.iter().map(|m| m.number).collect();
        assert_eq!(numbers, (1..=12).collect::<Vec<_>>());
        let c = calendar();
        assert_eq!(c.month_names.len(), 12);
        assert_eq!(c.weekday_names.len(), 7);
        assert_eq!(c.month("Sept"), Some(9));
        assert_eq!(c.month("MAY"), Some(5));
        assert_eq!(c.month("maybe"), None);
        assert_eq!(c.weekday("Thurs"), Some(Weekday::Thu));
        assert_eq!(c.weekday("sunday"), Some(Weekday::Sun));
    }

    #[test]
    fn every_calendar_list_is_lower_case_and_without_duplicates() {
        // `calendar()` checks each list as it builds it; building it is the test.
        let c = calendar();
        assert_eq!(
            c.month_words.len(),
            c.month_names.len() + c.month_abbreviations.len()
        );
        assert!(c.weekday_words.len() > c.weekday_names.len());
    }
}
