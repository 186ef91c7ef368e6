//! Speech verbs (`speech.toml`): each verb written once by its base form, its -s, -ed and
//! -ing forms generated here.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::{parse, WordSet};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    regular: Vec<String>,
    irregular: BTreeMap<String, Vec<String>>,
    phrasal: BTreeMap<String, String>,
    rules: Rules,
    senses: Senses,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Rules {
    doubling: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Senses {
    direct: Vec<String>,
    direct_forms: Vec<String>,
    nouns: Vec<String>,
    particles: Vec<String>,
}

/// The speech verbs, read from `speech.toml`.
#[derive(Debug)]
pub struct Speech {
    /// Every form of every verb: "say", "says", "said", "saying".
    pub verbs: WordSet,
    /// Every form of the verbs that attribute only when the words follow at once
    /// ("continued: …").
    pub direct: WordSet,
    /// Forms that are also common nouns ("claim", "comments").
    pub nouns: WordSet,
    /// Particles completing a verb ("blurted out").
    pub particles: WordSet,
    /// Every form of the verbs that report words only with their particle, with that
    /// particle: "fired" → "back", "weighs" → "in".
    phrasal: BTreeMap<String, String>,
    /// Verbs of more than one syllable that double their final consonant ("admit").
    doubling: WordSet,
}

impl Speech {
    fn load() -> Speech {
        let file: File = parse("speech.toml", include_str!("speech.toml"));
        let doubling = WordSet::checked(
            "speech doubling",
            file.rules.doubling.iter().map(String::as_str),
        );
        let bases = WordSet::checked(
            "speech verbs",
            file.regular
                .iter()
                .chain(file.irregular.keys())
                .filter(|base| !file.phrasal.contains_key(*base))
                .map(String::as_str),
        );
        let all_forms = |base: &str| {
            let past = file.irregular.get(base).map(Vec::as_slice);
            forms(base, past, doubling.contains(base))
        };
        let particles = WordSet::checked(
            "speech particles",
            file.senses.particles.iter().map(String::as_str),
        );
        let mut phrasal = BTreeMap::new();
        for (base, particle) in &file.phrasal {
            assert!(
                !bases.contains(base),
                "speech.toml: phrasal verb {base:?} is also a plain speech verb"
            );
            assert!(
                particles.contains(particle),
                "speech.toml: phrasal verb {base:?} takes {particle:?}, not a listed particle"
            );
            for form in all_forms(base) {
                phrasal.insert(form, particle.clone());
            }
        }
        let verbs: Vec<String> = bases.iter().flat_map(all_forms).collect();
        for d in &file.senses.direct {
            assert!(
                bases.contains(d),
                "speech.toml: direct verb {d:?} is not a listed verb"
            );
        }
        let direct: Vec<String> = file
            .senses
            .direct
            .iter()
            .flat_map(|d| all_forms(d))
            .chain(file.senses.direct_forms.iter().cloned())
            .collect();
        Speech {
            verbs: WordSet::checked("speech verb forms", verbs.iter().map(String::as_str)),
            direct: WordSet::checked("direct verb forms", direct.iter().map(String::as_str)),
            nouns: WordSet::checked("speech nouns", file.senses.nouns.iter().map(String::as_str)),
            particles,
            phrasal,
            doubling,
        }
    }

    /// Every form of any verb by its base (see [`forms`]), with the irregular past forms
    /// when it has them; the final consonant doubles by the spelling rules of the speech
    /// verbs ("commit" → "committed").
    pub fn forms_of(&self, base: &str, irregular: Option<&[String]>) -> Vec<String> {
        forms(base, irregular, self.doubling.contains(base))
    }

    /// The particle a form of a phrasal verb of saying needs after it to report words
    /// ("fired" → "back"); `None` for any other word. `form` is lower case.
    pub fn phrasal_particle(&self, form: &str) -> Option<&str> {
        self.phrasal.get(form).map(String::as_str)
    }
}

/// The speech verbs, read on first use.
pub fn speech() -> &'static Speech {
    static SPEECH: LazyLock<Speech> = LazyLock::new(Speech::load);
    &SPEECH
}

/// Every form of a verb, each once: the base, the -s form, the past forms (`irregular`
/// when given, else the -ed form) and the -ing form. `doubles` says the final consonant
/// doubles although the verb has more than one syllable ("admit" → "admitted").
pub fn forms(base: &str, irregular: Option<&[String]>, doubles: bool) -> Vec<String> {
    let doubles = doubles || doubles_by_rule(base);
    let mut out = vec![base.to_string(), third_person(base)];
    match irregular {
        Some(past) => out.extend(past.iter().cloned()),
        None => out.push(past(base, doubles)),
    }
    out.push(present_participle(base, doubles));
    let mut seen = Vec::with_capacity(out.len());
    out.retain(|f| {
        let new = !seen.contains(f);
        seen.push(f.clone());
        new
    });
    out
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// "reply" → true: a consonant before a final "y".
fn consonant_y(w: &[u8]) -> bool {
    w.len() >= 2 && w[w.len() - 1] == b'y' && !is_vowel(w[w.len() - 2])
}

/// A one-syllable verb ending consonant, vowel, consonant (not w, x or y) doubles its last
/// letter: "quip" → "quipped", "snap" → "snapping" ("qu" counts as a consonant).
fn doubles_by_rule(base: &str) -> bool {
    let w = base.as_bytes();
    let n = w.len();
    if n < 3 || matches!(w[n - 1], b'w' | b'x' | b'y') || is_vowel(w[n - 1]) {
        return false;
    }
    let vowel_at = |i: usize| is_vowel(w[i]) && !(w[i] == b'u' && i > 0 && w[i - 1] == b'q');
    if !vowel_at(n - 2) || vowel_at(n - 3) {
        return false;
    }
    // One syllable: no other vowel group before the last one.
    !(0..n - 2).any(vowel_at)
}

fn third_person(base: &str) -> String {
    let w = base.as_bytes();
    if ["s", "sh", "ch", "x", "z"]
        .iter()
        .any(|e| base.ends_with(e))
    {
        format!("{base}es")
    } else if consonant_y(w) {
        format!("{}ies", &base[..base.len() - 1])
    } else {
        format!("{base}s")
    }
}

fn past(base: &str, doubles: bool) -> String {
    if base.ends_with('e') {
        format!("{base}d")
    } else if consonant_y(base.as_bytes()) {
        format!("{}ied", &base[..base.len() - 1])
    } else if doubles {
        format!("{base}{}ed", &base[base.len() - 1..])
    } else {
        format!("{base}ed")
    }
}

fn present_participle(base: &str, doubles: bool) -> String {
    if let Some(stem) = base.strip_suffix("ie") {
        format!("{stem}ying")
    } else if base.ends_with('e') && !["ee", "ye", "oe"].iter().any(|e| base.ends_with(e)) {
        format!("{}ing", &base[..base.len() - 1])
    } else if doubles {
        format!("{base}{}ing", &base[base.len() - 1..])
    } else {
        format!("{base}ing")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(base: &str) -> Vec<String> {
        let file: File = parse("speech.toml", include_str!("speech.toml"));
        let doubles = file.rules.doubling.iter().any(|d| d == base);
        forms(base, file.irregular.get(base).map(Vec::as_slice), doubles)
    }

    #[test]
    fn inflections_follow_the_spelling_rules() {
        assert_eq!(of("say"), ["say", "says", "said", "saying"]);
        assert_eq!(of("admit"), ["admit", "admits", "admitted", "admitting"]);
        assert_eq!(of("note"), ["note", "notes", "noted", "noting"]);
        assert_eq!(of("reply"), ["reply", "replies", "replied", "replying"]);
        assert_eq!(
            of("stress"),
            ["stress", "stresses", "stressed", "stressing"]
        );
        assert_eq!(of("quip"), ["quip", "quips", "quipped", "quipping"]);
        assert_eq!(of("agree"), ["agree", "agrees", "agreed", "agreeing"]);
        assert_eq!(of("read"), ["read", "reads", "reading"]);
        assert_eq!(
            of("write"),
            ["write", "writes", "wrote", "written", "writing"]
        );
        assert_eq!(of("answer"), ["answer", "answers", "answered", "answering"]);
        assert_eq!(of("shout"), ["shout", "shouts", "shouted", "shouting"]);
        assert_eq!(of("gush"), ["gush", "gushes", "gushed", "gushing"]);
    }

    #[test]
    fn every_speech_list_is_clean_and_its_nouns_are_verb_forms() {
        // `speech()` checks each list (lower case, no duplicates) as it builds it.
        let s = speech();
        for w in [
            "said", "told", "noting", "fumed", "blurted", "denies", "wept", "sobbed", "chimed",
        ] {
            assert!(s.verbs.contains(w), "{w} is a speech verb form");
        }
        for n in s.nouns.iter() {
            assert!(
                s.verbs.contains(n),
                "noun {n:?} is not a form of a listed verb"
            );
        }
        for d in s.direct.iter() {
            assert!(s.verbs.contains(d), "direct form {d:?} is not a verb form");
        }
        assert!(s.direct.contains("continued") && !s.direct.contains("said"));
        assert!(s.direct.contains("calls") && !s.direct.contains("called"));
        assert!(s.particles.contains("out"));
        assert_eq!(s.phrasal_particle("shot"), Some("back"));
        assert_eq!(s.phrasal_particle("fires"), Some("back"));
        assert_eq!(s.phrasal_particle("weighed"), Some("in"));
        assert!(!s.verbs.contains("shot") && !s.verbs.contains("fired"));
    }
}
