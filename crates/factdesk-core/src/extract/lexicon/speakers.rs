//! The words that tell who an attribution names (`speakers.toml`): organisation and place
//! words, anonymous and collective sources, documents, and the small words around names.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use serde::Deserialize;

use super::{parse, WordSet};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    organisations: Organisations,
    places: Places,
    sources: Sources,
    grammar: Grammar,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Organisations {
    words: Vec<String>,
    nouns: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Places {
    words: Vec<String>,
    events: Vec<String>,
    countries: Vec<String>,
    demonyms: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sources {
    anonymous: Vec<String>,
    groups: Vec<String>,
    documents: Vec<String>,
    mouthpieces: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Grammar {
    stop: Vec<String>,
    helpers: Vec<String>,
    name_particles: Vec<String>,
    labels: Vec<String>,
    work_titles: Vec<String>,
    prepositions: Vec<String>,
    function_words: Vec<String>,
}

/// The speaker word classes, read from `speakers.toml`.
#[derive(Debug)]
pub struct Speakers {
    /// Words that make a name an organisation ("agency", "office").
    pub organisations: WordSet,
    /// Words that make a name a place ("south", "city").
    pub places: WordSet,
    /// Words that make a name an event ("walk", "festival"): like a place, never a
    /// speaker.
    pub events: WordSet,
    /// Countries, a place when named alone ("Afghanistan").
    pub countries: WordSet,
    /// Nationalities and other demonyms ("Norwegian", "Dutch").
    pub demonyms: WordSet,
    /// Capitalised plurals naming nobody in particular ("Sources").
    pub anonymous: WordSet,
    /// Collective sources reported as such ("authors", "officials").
    pub groups: WordSet,
    /// Documents whose owner speaks ("statement").
    pub documents: WordSet,
    /// People who speak for an organisation unnamed ("spokesman", "official").
    pub mouthpieces: WordSet,
    /// Capitalised words that are not names ("After", "Meanwhile").
    pub stop: WordSet,
    /// Words between a subject and its verb ("also", "has").
    pub helpers: WordSet,
    /// Lower-case particles inside names ("de", "bin").
    pub name_particles: WordSet,
    /// Words making a short quotation a label ("so-called").
    pub labels: WordSet,
    /// Words making a quotation of any length a work's title ("headlined").
    pub work_titles: WordSet,
    /// Prepositions ("with", "like").
    pub prepositions: WordSet,
    /// Prepositions, conjunctions and auxiliaries: never part of a noun phrase.
    pub function_words: WordSet,
    /// Organisation nouns with the capitalised words their names hold ("ministry" →
    /// "Ministry").
    org_nouns: HashMap<String, Vec<String>>,
}

fn set(what: &str, words: &[String]) -> WordSet {
    WordSet::checked(what, words.iter().map(String::as_str))
}

/// `word` with its first letter in upper case: "ministry" → "Ministry".
pub(crate) fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

impl Speakers {
    fn load() -> Speakers {
        let f: File = parse("speakers.toml", include_str!("speakers.toml"));
        let org_nouns = f
            .organisations
            .nouns
            .iter()
            .map(|(noun, keys)| {
                set(&format!("organisation noun {noun}"), keys);
                (noun.clone(), keys.iter().map(|k| capitalised(k)).collect())
            })
            .collect();
        set(
            "organisation nouns",
            &f.organisations.nouns.keys().cloned().collect::<Vec<_>>(),
        );
        Speakers {
            organisations: set("organisations", &f.organisations.words),
            places: set("places", &f.places.words),
            events: set("events", &f.places.events),
            countries: set("countries", &f.places.countries),
            demonyms: set("demonyms", &f.places.demonyms),
            anonymous: set("anonymous sources", &f.sources.anonymous),
            groups: set("group sources", &f.sources.groups),
            documents: set("documents", &f.sources.documents),
            mouthpieces: set("mouthpieces", &f.sources.mouthpieces),
            stop: set("stop words", &f.grammar.stop),
            helpers: set("helpers", &f.grammar.helpers),
            name_particles: set("name particles", &f.grammar.name_particles),
            labels: set("labels", &f.grammar.labels),
            work_titles: set("work titles", &f.grammar.work_titles),
            prepositions: set("prepositions", &f.grammar.prepositions),
            function_words: WordSet::checked(
                "function words",
                f.grammar
                    .prepositions
                    .iter()
                    .chain(&f.grammar.function_words)
                    .map(String::as_str),
            ),
            org_nouns,
        }
    }

    /// The capitalised words the name of the organisation a lower-case `noun` stands
    /// for holds: "government" → "Government", "Office", "Ministry", "Administration".
    pub fn org_noun(&self, noun: &str) -> Option<&[String]> {
        if noun.bytes().any(|b| b.is_ascii_uppercase()) {
            return self
                .org_nouns
                .get(noun.to_ascii_lowercase().as_str())
                .map(Vec::as_slice);
        }
        self.org_nouns.get(noun).map(Vec::as_slice)
    }
}

/// The speaker word classes, read on first use.
pub fn speakers() -> &'static Speakers {
    static SPEAKERS: LazyLock<Speakers> = LazyLock::new(Speakers::load);
    &SPEAKERS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaker_lists_are_clean_and_organisation_nouns_name_their_keywords() {
        // Building the lists checks case and duplicates in each.
        let s = speakers();
        assert!(s.organisations.contains("Agency") && s.places.contains("south"));
        assert!(s.countries.contains("Afghanistan") && s.demonyms.contains("Dutch"));
        assert_eq!(
            s.org_noun("government").map(<[String]>::to_vec),
            Some(vec![
                "Government".to_string(),
                "Office".into(),
                "Ministry".into(),
                "Administration".into()
            ])
        );
        assert_eq!(s.org_noun("Ministry").map(<[String]>::len), Some(1));
        assert!(s.org_noun("minister").is_none());
        // A country written alone is a place, so it is no place word joining names.
        assert!(s.countries.iter().all(|c| !s.places.contains(c)));
        assert!(s.events.contains("Festival") && !s.places.contains("festival"));
    }
}
