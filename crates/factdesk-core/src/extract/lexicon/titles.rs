//! Titles, offices and roles (`titles.toml`): one list of the words for a person by what
//! they are, split by how the press writes them.

use std::sync::LazyLock;

use serde::Deserialize;

use super::{parse, WordSet};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    titles: TitleLists,
    postnominals: Postnominals,
    roles: Roles,
    gender: Genders,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Genders {
    masculine: Vec<String>,
    feminine: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TitleLists {
    personal: Vec<String>,
    personal_abbreviated: Vec<String>,
    abbreviated: Vec<String>,
    address: Vec<String>,
    portfolio: Vec<String>,
    other: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Postnominals {
    letters: Vec<String>,
    abbreviated: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Roles {
    words: Vec<String>,
}

/// The titles and roles, read from `titles.toml`.
#[derive(Debug)]
pub struct Titles {
    /// Every title written before a name ("secretary", "mr", "gen", "mp"); each is also a
    /// role.
    pub titles: WordSet,
    /// Titles that go with a surname alone ("ms", "professor").
    pub personal: WordSet,
    /// Forms of address standing for a judge after "his" or "her" ("honour").
    pub address: WordSet,
    /// Titles that also name a government portfolio ("defence").
    pub portfolio: WordSet,
    /// Letters written after a name ("sc", "jr").
    pub postnominals: WordSet,
    /// Titles and letters abbreviated with a period that does not end a sentence ("mr",
    /// "gen", "jr").
    pub abbreviated: WordSet,
    /// Nouns for a person by role that are not titles ("lawyer", "skipper").
    pub roles: WordSet,
    /// Titles and roles only a man bears ("mr", "king", "spokesman").
    pub masculine: WordSet,
    /// Titles and roles only a woman bears ("mrs", "queen", "spokeswoman").
    pub feminine: WordSet,
}

fn words<'a>(lists: &[&'a Vec<String>]) -> Vec<&'a str> {
    lists
        .iter()
        .flat_map(|l| l.iter().map(String::as_str))
        .collect()
}

impl Titles {
    fn load() -> Titles {
        let f: File = parse("titles.toml", include_str!("titles.toml"));
        let t = &f.titles;
        let p = &f.postnominals;
        Titles {
            titles: WordSet::checked(
                "titles",
                words(&[
                    &t.personal,
                    &t.personal_abbreviated,
                    &t.abbreviated,
                    &t.portfolio,
                    &t.other,
                    &p.letters,
                ]),
            ),
            personal: WordSet::checked(
                "personal titles",
                words(&[&t.personal, &t.personal_abbreviated]),
            ),
            address: WordSet::checked("forms of address", words(&[&t.address])),
            portfolio: WordSet::checked("portfolio titles", words(&[&t.portfolio])),
            postnominals: WordSet::checked("postnominals", words(&[&p.letters, &p.abbreviated])),
            abbreviated: WordSet::checked(
                "abbreviated titles",
                words(&[&t.personal_abbreviated, &t.abbreviated, &p.abbreviated]),
            ),
            roles: WordSet::checked("roles", words(&[&f.roles.words])),
            masculine: WordSet::checked("masculine titles", words(&[&f.gender.masculine])),
            feminine: WordSet::checked("feminine titles", words(&[&f.gender.feminine])),
        }
    }
}

/// The titles and roles, read on first use.
pub fn titles() -> &'static Titles {
    static TITLES: LazyLock<Titles> = LazyLock::new(Titles::load);
    &TITLES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_listed_once_and_read_in_any_case() {
        // Every word of the file once: the lists partition it.
        let f: File = parse("titles.toml", include_str!("titles.toml"));
        let (t, p) = (&f.titles, &f.postnominals);
        let everything = WordSet::new(words(&[
            &t.personal,
            &t.personal_abbreviated,
            &t.abbreviated,
            &t.portfolio,
            &t.other,
            &p.letters,
            &p.abbreviated,
            &f.roles.words,
        ]))
        .unwrap_or_else(|e| panic!("titles.toml: {e}"));
        assert!(!everything.is_empty());
        let t = titles();
        for w in ["Secretary", "MR", "gen", "MP", "Professor"] {
            assert!(t.titles.contains(w), "{w} is a title");
        }
        assert!(t.personal.contains("Ms") && !t.personal.contains("minister"));
        assert!(t.postnominals.contains("SC") && t.postnominals.contains("Jr"));
        assert!(t.abbreviated.contains("capt") && !t.abbreviated.contains("captain"));
        assert!(t.roles.contains("lawyer") && !t.roles.contains("minister"));
        assert!(t.portfolio.iter().all(|w| t.titles.contains(w)));
    }

    #[test]
    fn a_gendered_word_is_a_title_or_role_of_one_gender() {
        let t = titles();
        for w in t.masculine.iter().chain(t.feminine.iter()) {
            assert!(
                t.titles.contains(w) || t.roles.contains(w),
                "{w} has a gender but is neither a title nor a role in titles.toml"
            );
            assert!(
                !(t.masculine.contains(w) && t.feminine.contains(w)),
                "{w} is listed as both masculine and feminine"
            );
        }
        assert!(t.masculine.contains("Prince") && t.feminine.contains("MRS"));
    }
}
