//! The word classes the figure reader consults (`figure_words.toml`): what ends a counted
//! noun phrase, what names a numbered thing, what makes a number a year, and the rest.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::{parse, WordSet};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    stop_words: Vec<String>,
    result_verbs: Vec<String>,
    linking_verbs: Vec<String>,
    plain_adjectives: Vec<String>,
    identifier_nouns: Vec<String>,
    verb_labels: Vec<String>,
    verb_leads: Vec<String>,
    rank_words: Vec<String>,
    time_phrase_leads: Vec<String>,
    participle_like_names: Vec<String>,
    sentence_openers: Vec<String>,
    year_nouns: Vec<String>,
    score_nouns: Vec<String>,
    irregular_plurals: Vec<String>,
    s_singulars: Vec<String>,
    ie_plurals: Vec<String>,
    dimensions: Vec<String>,
    dimension_nouns: Vec<String>,
    ches_singular_e: Vec<String>,
    abbreviated_identifiers: Vec<String>,
    es_plurals: Vec<String>,
    half_after: Vec<String>,
    half_then: Vec<String>,
    year_leads: Vec<String>,
    giving_verbs: Vec<String>,
    calling_verbs: Vec<String>,
    once_leads: Vec<String>,
    backward_words: Vec<String>,
    time_determiners: Vec<String>,
    street_words: Vec<String>,
    pronoun_one_leads: Vec<String>,
    one_count_verbs: Vec<String>,
    not_units_after_dash: Vec<String>,
    men_singulars: Vec<String>,
    invariable_nouns: Vec<String>,
    scale_names: Vec<String>,
    clock_left_words: Vec<String>,
    vote_words: Vec<String>,
    counter_nouns: Vec<String>,
    anchor_words: Vec<String>,
    numbered_spans: Vec<String>,
    th_nouns: Vec<String>,
    clock_leads: Vec<String>,
    rate_leads: Vec<String>,
    range_leads: Vec<String>,
    glued_non_units: Vec<String>,
    weighing_words: Vec<String>,
    duration_leads: Vec<String>,
    possessive_determiners: Vec<String>,
    change_verbs: Vec<String>,
    determiners: Vec<String>,
    score_leads: Vec<String>,
    singulars: BTreeMap<String, String>,
}

/// The figure reader's word classes, read from `figure_words.toml`. Each list is a
/// [`WordSet`] asked case-insensitively; the file says what each class is for.
#[derive(Debug)]
pub struct FigureWords {
    /// Words that end a noun phrase after a number and never belong to one: articles,
    /// prepositions, conjunctions, pronouns, auxiliaries, common adverbs, and the casualty
    /// words a figure's span stops before ("At least 107 killed"), with the linking verbs.
    pub stop_words: WordSet,
    /// Verbs of a game's result before a score written with "to": "lost 98 to 74".
    pub result_verbs: WordSet,
    /// Verbs in "-s" that follow a number as its clause's verb and are never a counted
    /// noun: "the 2019 figure of 1,200 compares with 900".
    pub linking_verbs: WordSet,
    /// Adjectives and determiners that modify a counted noun but are never its head: "two
    /// other incidents", "three newer versions".
    pub plain_adjectives: WordSet,
    /// Nouns that name a numbered thing, so the number after them is an identifier: "posts
    /// 542", "page 5", "day five", "number 3".
    pub identifier_nouns: WordSet,
    /// Label nouns that are also verbs taking a count as their object: "the memorial marks
    /// 50 years", "will issue 500 licences".
    pub verb_labels: WordSet,
    /// Words that only a verb follows, so a label noun after them is a verb: "to", "will",
    /// "they".
    pub verb_leads: WordSet,
    /// Words of ranking before a number that is a rank, not a quantity: "seeded 2",
    /// "ranked 5".
    pub rank_words: WordSet,
    /// Words that make a time word after them a time phrase, not a label: "last year",
    /// "each day", "the next week".
    pub time_phrase_leads: WordSet,
    /// Names spelled like a participle or past tense: "Boeing 747", "Reading 3".
    pub participle_like_names: WordSet,
    /// Words besides stop words and qualifiers that may stand capitalized before a number
    /// without naming it ("Another 15", "Aged 72", "On Friday 700").
    pub sentence_openers: WordSet,
    /// Nouns that follow a year used as a modifier ("2000 levels", "the 2014 elections"),
    /// so a year-like number before them stays a year.
    pub year_nouns: WordSet,
    /// Nouns after a pair like "3-1" that make it a score, not a range: "a 3-1 win".
    pub score_nouns: WordSet,
    /// Plural and collective nouns without a plural "-s" that follow counts: "crew",
    /// "personnel" (irregular plurals with a singular are in the singulars table).
    pub irregular_plurals: WordSet,
    /// Words ending in "s" that are not plural nouns.
    pub s_singulars: WordSet,
    /// Plurals in "-ies" whose singular keeps "ie": "movies", "ties".
    pub ie_plurals: WordSet,
    /// Words of size after a length: "1.8m tall", "25m long".
    pub dimensions: WordSet,
    /// Nouns of size a length is given for: "a height of 8.5m", "a depth of 10m".
    pub dimension_nouns: WordSet,
    /// Plurals in "-ches" whose singular ends in "-che": "headaches", "niches".
    pub ches_singular_e: WordSet,
    /// Abbreviations before a period that name a numbered thing: "No. 10", "pp. 110".
    pub abbreviated_identifiers: WordSet,
    /// Plurals that drop "es" although the rule would drop "s": "buses", "heroes".
    pub es_plurals: WordSet,
    /// Words after which "half" is part of something ("the second half"), not a fraction.
    pub half_after: WordSet,
    /// Words after "half" that make it a fraction of something: "half of", "half the".
    pub half_then: WordSet,
    /// Words before a year-like number that make it a year: "in 2002", "the 2014 protests".
    pub year_leads: WordSet,
    /// Verbs that take a receiver and an amount: "gives Akihito three years", "cost Boeing
    /// 5 billion".
    pub giving_verbs: WordSet,
    /// Verbs of calling before a phone number: "phoned 911", "dial 999".
    pub calling_verbs: WordSet,
    /// Words before "once" that make it a count: "only once", "more than once", "at least
    /// once".
    pub once_leads: WordSet,
    /// Words after "a year", "a month" that make it a date: "a year ago", "a year earlier".
    pub backward_words: WordSet,
    /// Words that make a time word after them part of a date: "last year", "this month".
    pub time_determiners: WordSet,
    /// Street words after a house number: "10 Downing Street".
    pub street_words: WordSet,
    /// Words after which "one" is a pronoun or determiner, not a count: "with one poster
    /// writing", "if one side is gone", "no one", "each one".
    pub pronoun_one_leads: WordSet,
    /// Verbs after a sentence-opening "One <noun>" that make it a count ("was", "died").
    pub one_count_verbs: WordSet,
    /// Words after "N-" that make no quantity: "one-off", "two-way", "three-time", "3-D".
    pub not_units_after_dash: WordSet,
    /// Nouns in "-men" that are not plurals of "-man": "specimen".
    pub men_singulars: WordSet,
    /// Nouns whose plural is the singular: "series", "species".
    pub invariable_nouns: WordSet,
    /// Words that name a scale whose reading follows them and is the figure's unit: "a
    /// magnitude 7.8 earthquake", "level seven".
    pub scale_names: WordSet,
    /// Words after a clock reading or a short duration that make it a game clock, not a
    /// figure: "with 24 seconds left", "3:08 remaining".
    pub clock_left_words: WordSet,
    /// Words of voting before a tally: "voted seven to two", "a vote of 74-24".
    pub vote_words: WordSet,
    /// Nouns that count multiples and may take an object: "three times the size".
    pub counter_nouns: WordSet,
    /// Words after a duration that anchor it to an event: "one day after the vote".
    pub anchor_words: WordSet,
    /// Nouns before a pair of numbers that make it a span of numbered parts: "pages
    /// 110-255".
    pub numbered_spans: WordSet,
    /// Nouns in "-th" after "N-" that are not ordinals: "10-length".
    pub th_nouns: WordSet,
    /// Words before a number with a point that make it a clock time: "at 10.30".
    pub clock_leads: WordSet,
    /// Words before "a"/"an" and a unit that make it a rate: "$5 an hour".
    pub rate_leads: WordSet,
    /// Words before a number that make a dash after it a range: "between 5-7".
    pub range_leads: WordSet,
    /// Letters glued after digits that make them no quantity: "1990s", "30th".
    pub glued_non_units: WordSet,
    /// Words of weighing: "weighs 180 pounds" is a weight.
    pub weighing_words: WordSet,
    /// Words that take a duration, so "over" after them is "more than".
    pub duration_leads: WordSet,
    /// Possessive determiners: after a plural-looking word they make it a verb.
    pub possessive_determiners: WordSet,
    /// Verbs of change: "rose $2 to $85" is a change and a level, not a range.
    pub change_verbs: WordSet,
    /// Articles and demonstratives that make a number part of a noun phrase: "a 3
    /// pointer".
    pub determiners: WordSet,
    /// What a side leads by in sport: "doubled the lead" is scoring again.
    pub score_leads: WordSet,
    /// Irregular plurals and their singulars: "people" -> "person".
    singulars: BTreeMap<String, String>,
}

impl FigureWords {
    fn load() -> FigureWords {
        let file: File = parse("figure_words.toml", include_str!("figure_words.toml"));
        WordSet::checked("singulars", file.singulars.keys().map(String::as_str));
        FigureWords {
            // Linking verbs end a noun phrase as stop words do: one set, one lookup.
            stop_words: WordSet::checked(
                "stop_words and linking_verbs",
                file.stop_words
                    .iter()
                    .chain(&file.linking_verbs)
                    .map(String::as_str),
            ),
            result_verbs: WordSet::checked(
                "result_verbs",
                file.result_verbs.iter().map(String::as_str),
            ),
            linking_verbs: WordSet::checked(
                "linking_verbs",
                file.linking_verbs.iter().map(String::as_str),
            ),
            plain_adjectives: WordSet::checked(
                "plain_adjectives",
                file.plain_adjectives.iter().map(String::as_str),
            ),
            identifier_nouns: WordSet::checked(
                "identifier_nouns",
                file.identifier_nouns.iter().map(String::as_str),
            ),
            verb_labels: WordSet::checked(
                "verb_labels",
                file.verb_labels.iter().map(String::as_str),
            ),
            verb_leads: WordSet::checked("verb_leads", file.verb_leads.iter().map(String::as_str)),
            rank_words: WordSet::checked("rank_words", file.rank_words.iter().map(String::as_str)),
            time_phrase_leads: WordSet::checked(
                "time_phrase_leads",
                file.time_phrase_leads.iter().map(String::as_str),
            ),
            participle_like_names: WordSet::checked(
                "participle_like_names",
                file.participle_like_names.iter().map(String::as_str),
            ),
            sentence_openers: WordSet::checked(
                "sentence_openers",
                file.sentence_openers.iter().map(String::as_str),
            ),
            year_nouns: WordSet::checked("year_nouns", file.year_nouns.iter().map(String::as_str)),
            score_nouns: WordSet::checked(
                "score_nouns",
                file.score_nouns.iter().map(String::as_str),
            ),
            irregular_plurals: WordSet::checked(
                "irregular_plurals",
                file.irregular_plurals.iter().map(String::as_str),
            ),
            s_singulars: WordSet::checked(
                "s_singulars",
                file.s_singulars.iter().map(String::as_str),
            ),
            ie_plurals: WordSet::checked("ie_plurals", file.ie_plurals.iter().map(String::as_str)),
            dimensions: WordSet::checked("dimensions", file.dimensions.iter().map(String::as_str)),
            dimension_nouns: WordSet::checked(
                "dimension_nouns",
                file.dimension_nouns.iter().map(String::as_str),
            ),
            ches_singular_e: WordSet::checked(
                "ches_singular_e",
                file.ches_singular_e.iter().map(String::as_str),
            ),
            abbreviated_identifiers: WordSet::checked(
                "abbreviated_identifiers",
                file.abbreviated_identifiers.iter().map(String::as_str),
            ),
            es_plurals: WordSet::checked("es_plurals", file.es_plurals.iter().map(String::as_str)),
            half_after: WordSet::checked("half_after", file.half_after.iter().map(String::as_str)),
            half_then: WordSet::checked("half_then", file.half_then.iter().map(String::as_str)),
            year_leads: WordSet::checked("year_leads", file.year_leads.iter().map(String::as_str)),
            giving_verbs: WordSet::checked(
                "giving_verbs",
                file.giving_verbs.iter().map(String::as_str),
            ),
            calling_verbs: WordSet::checked(
                "calling_verbs",
                file.calling_verbs.iter().map(String::as_str),
            ),
            once_leads: WordSet::checked("once_leads", file.once_leads.iter().map(String::as_str)),
            backward_words: WordSet::checked(
                "backward_words",
                file.backward_words.iter().map(String::as_str),
            ),
            time_determiners: WordSet::checked(
                "time_determiners",
                file.time_determiners.iter().map(String::as_str),
            ),
            street_words: WordSet::checked(
                "street_words",
                file.street_words.iter().map(String::as_str),
            ),
            pronoun_one_leads: WordSet::checked(
                "pronoun_one_leads",
                file.pronoun_one_leads.iter().map(String::as_str),
            ),
            one_count_verbs: WordSet::checked(
                "one_count_verbs",
                file.one_count_verbs.iter().map(String::as_str),
            ),
            not_units_after_dash: WordSet::checked(
                "not_units_after_dash",
                file.not_units_after_dash.iter().map(String::as_str),
            ),
            men_singulars: WordSet::checked(
                "men_singulars",
                file.men_singulars.iter().map(String::as_str),
            ),
            invariable_nouns: WordSet::checked(
                "invariable_nouns",
                file.invariable_nouns.iter().map(String::as_str),
            ),
            scale_names: WordSet::checked(
                "scale_names",
                file.scale_names.iter().map(String::as_str),
            ),
            score_leads: WordSet::checked(
                "score_leads",
                file.score_leads.iter().map(String::as_str),
            ),
            determiners: WordSet::checked(
                "determiners",
                file.determiners.iter().map(String::as_str),
            ),
            change_verbs: WordSet::checked(
                "change_verbs",
                file.change_verbs.iter().map(String::as_str),
            ),
            possessive_determiners: WordSet::checked(
                "possessive_determiners",
                file.possessive_determiners.iter().map(String::as_str),
            ),
            duration_leads: WordSet::checked(
                "duration_leads",
                file.duration_leads.iter().map(String::as_str),
            ),
            weighing_words: WordSet::checked(
                "weighing_words",
                file.weighing_words.iter().map(String::as_str),
            ),
            glued_non_units: WordSet::checked(
                "glued_non_units",
                file.glued_non_units.iter().map(String::as_str),
            ),
            range_leads: WordSet::checked(
                "range_leads",
                file.range_leads.iter().map(String::as_str),
            ),
            rate_leads: WordSet::checked("rate_leads", file.rate_leads.iter().map(String::as_str)),
            clock_leads: WordSet::checked(
                "clock_leads",
                file.clock_leads.iter().map(String::as_str),
            ),
            th_nouns: WordSet::checked("th_nouns", file.th_nouns.iter().map(String::as_str)),
            numbered_spans: WordSet::checked(
                "numbered_spans",
                file.numbered_spans.iter().map(String::as_str),
            ),
            counter_nouns: WordSet::checked(
                "counter_nouns",
                file.counter_nouns.iter().map(String::as_str),
            ),
            anchor_words: WordSet::checked(
                "anchor_words",
                file.anchor_words.iter().map(String::as_str),
            ),
            vote_words: WordSet::checked("vote_words", file.vote_words.iter().map(String::as_str)),
            clock_left_words: WordSet::checked(
                "clock_left_words",
                file.clock_left_words.iter().map(String::as_str),
            ),
            singulars: file.singulars,
        }
    }

    /// The singular of an irregular plural (lower case): "people" -> "person".
    pub fn singular(&self, w: &str) -> Option<&str> {
        self.singulars.get(w).map(String::as_str)
    }
}

/// The figure reader's word classes, read on first use.
pub fn figure_words() -> &'static FigureWords {
    static WORDS: LazyLock<FigureWords> = LazyLock::new(FigureWords::load);
    &WORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_is_lower_case_without_duplicates() {
        // Building the classes checks each list; building them is the test.
        let w = figure_words();
        assert!(w.stop_words.contains("The"));
        assert!(w.identifier_nouns.contains("flight"));
        assert_eq!(w.singular("people"), Some("person"));
        assert!(w.singulars.values().all(|s| s.to_lowercase() == *s));
    }

    #[test]
    fn a_word_class_does_not_repeat_a_wider_one() {
        let w = figure_words();
        let q = super::super::qualifiers::qualifiers();
        for o in w.sentence_openers.iter() {
            assert!(!w.stop_words.contains(o), "{o} is a stop word already");
            assert!(!q.words.contains(o), "{o} is a qualifier word already");
        }
        for v in w.linking_verbs.iter() {
            assert!(
                w.stop_words.contains(v),
                "{v} ends a noun phrase like a stop word"
            );
        }
        for d in w.determiners.iter() {
            assert!(!w.possessive_determiners.contains(d), "{d} is listed twice");
        }
    }

    #[test]
    fn a_verb_label_is_a_label_noun() {
        let w = figure_words();
        for v in w.verb_labels.iter() {
            assert!(
                w.identifier_nouns.contains(v),
                "{v} is listed as a label that is also a verb, but not as a label noun"
            );
        }
    }

    #[test]
    fn an_irregular_plural_is_listed_once() {
        let w = figure_words();
        for p in w.singulars.keys() {
            assert!(
                !w.irregular_plurals.contains(p),
                "{p} has a singular, so it is no bare irregular plural"
            );
        }
    }

    #[test]
    fn a_plural_with_its_own_singular_is_not_invariable() {
        let w = figure_words();
        for p in w.singulars.keys() {
            assert!(
                !w.invariable_nouns.contains(p),
                "{p} is listed as invariable too"
            );
        }
    }
}
