//! Abbreviations (`abbreviations.toml`): words whose period does not end a sentence.

use std::sync::LazyLock;

use serde::Deserialize;

use super::{calendar::calendar, parse, titles::titles, WordSet};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    words: Vec<String>,
}

/// Every word written with a period that does not end a sentence: the list in
/// `abbreviations.toml`, the abbreviated titles of `titles.toml` and the month
/// abbreviations of `calendar.toml`, each listed once across the three.
pub fn abbreviations() -> &'static WordSet {
    static ALL: LazyLock<WordSet> = LazyLock::new(|| {
        let file: File = parse("abbreviations.toml", include_str!("abbreviations.toml"));
        WordSet::checked(
            "abbreviations",
            file.words
                .iter()
                .map(String::as_str)
                .chain(titles().abbreviated.iter())
                .chain(calendar().month_abbreviations.iter()),
        )
    });
    &ALL
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_gather_titles_and_months_once() {
        let a = abbreviations();
        for w in ["U.S", "etc", "Mr", "Gen", "Jr", "Sept", "p.m"] {
            assert!(a.contains(w), "{w} is an abbreviation");
        }
        assert!(!a.contains("said"));
    }
}
