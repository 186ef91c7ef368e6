//! Text-quote anchors (as in the W3C Web Annotation model): a claim's exact text with a
//! short prefix and suffix, kept beside its offsets so the claim can be found again when the
//! article's text changes, and never moved to a look-alike passage.

use serde::{Deserialize, Serialize};

use crate::claim::Span;

/// How many characters of context the prefix and suffix keep.
pub const CONTEXT_CHARS: usize = 32;

/// A claim's text and the text around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextQuoteAnchor {
    /// The claim's text, exactly.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] characters just before it.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters just after it.
    pub suffix: String,
}

/// Where an anchor lies in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Found exactly, at this span.
    Exact(Span),
    /// Not found, or found at several places with nothing to tell them apart: the claim
    /// is orphaned for an editor to place. `candidates` counts the places the exact text
    /// occurs.
    Orphaned {
        /// How many times the exact text occurs in the new text.
        candidates: usize,
    },
}

impl TextQuoteAnchor {
    /// The anchor of `span` in `text`. The span must lie on character boundaries of
    /// `text`.
    pub fn new(text: &str, span: Span) -> TextQuoteAnchor {
        let before = &text[..span.start];
        let after = &text[span.end..];
        let prefix_start = before
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let suffix_end = after
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(after.len(), |(i, _)| i);
        TextQuoteAnchor {
            exact: text[span.start..span.end].to_string(),
            prefix: before[prefix_start..].to_string(),
            suffix: after[..suffix_end].to_string(),
        }
    }

    /// Finds the anchor in `text`, a new version of the text it was taken from, where it
    /// was at `was` before.
    ///
    /// The claim is placed only where there is no doubt:
    /// - the one place where the exact text stands between the same prefix and suffix (if
    ///   several do, the one at the old offset, else none);
    /// - failing that, the exact text's only occurrence in the whole text, when at least
    ///   one side of its context is unchanged.
    ///
    /// Anything else — the text gone, or present only in look-alike passages — is
    /// [`Placement::Orphaned`].
    pub fn locate(&self, text: &str, was: Span) -> Placement {
        if self.exact.is_empty() {
            return Placement::Orphaned { candidates: 0 };
        }
        let mut occurrences = Vec::new();
        let finder = memchr::memmem::Finder::new(self.exact.as_bytes());
        let mut from = 0;
        while let Some(i) = finder.find(&text.as_bytes()[from..]) {
            let start = from + i;
            if text.is_char_boundary(start) && text.is_char_boundary(start + self.exact.len()) {
                occurrences.push(Span::new(start, start + self.exact.len()));
            }
            from = start + 1;
            while from < text.len() && !text.is_char_boundary(from) {
                from += 1;
            }
            if from >= text.len() {
                break;
            }
        }
        let prefix_ok = |s: &Span| text[..s.start].ends_with(&self.prefix);
        let suffix_ok = |s: &Span| text[s.end..].starts_with(&self.suffix);
        let full: Vec<Span> = occurrences
            .iter()
            .copied()
            .filter(|s| prefix_ok(s) && suffix_ok(s))
            .collect();
        match full.as_slice() {
            [one] => return Placement::Exact(*one),
            [] => {}
            many => {
                return match many.iter().find(|s| **s == was) {
                    Some(s) => Placement::Exact(*s),
                    None => Placement::Orphaned {
                        candidates: occurrences.len(),
                    },
                }
            }
        }
        if let [only] = occurrences.as_slice() {
            if prefix_ok(only) || suffix_ok(only) {
                return Placement::Exact(*only);
            }
        }
        Placement::Orphaned {
            candidates: occurrences.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "A storm yesterday caused a crane to fall, killing 107 people and \
                         wounding 238. Officials said 107 was a provisional toll.";

    fn span_of(text: &str, needle: &str, nth: usize) -> Span {
        let start = text
            .match_indices(needle)
            .nth(nth)
            .expect("needle present")
            .0;
        Span::new(start, start + needle.len())
    }

    #[test]
    fn context_is_cut_to_whole_characters() {
        let text =
            "Ünïcödé préfix with ümlauts, façades — “107” — and a süffix that is long enough";
        let span = span_of(text, "107", 0);
        let a = TextQuoteAnchor::new(text, span);
        assert_eq!(a.exact, "107");
        assert_eq!(a.prefix.chars().count(), CONTEXT_CHARS);
        assert!(text[..span.start].ends_with(&a.prefix));
        assert_eq!(a.suffix.chars().count(), CONTEXT_CHARS);
        let short = TextQuoteAnchor::new("107 people", Span::new(0, 3));
        assert_eq!(
            (short.prefix.as_str(), short.suffix.as_str()),
            ("", " people")
        );
    }

    #[test]
    fn an_unchanged_or_shifted_passage_is_found_exactly() {
        let second = span_of(STORY, "107", 1);
        let anchor = TextQuoteAnchor::new(STORY, second);
        assert_eq!(anchor.locate(STORY, second), Placement::Exact(second));
        let edited = format!("UPDATED: {STORY}");
        let moved = span_of(&edited, "107", 1);
        assert_eq!(anchor.locate(&edited, second), Placement::Exact(moved));
    }

    #[test]
    fn a_changed_figure_is_orphaned_not_moved_to_the_other_107() {
        let first = span_of(STORY, "107", 0);
        let anchor = TextQuoteAnchor::new(STORY, first);
        let edited = STORY.replacen("killing 107", "killing 111", 1);
        assert_eq!(
            anchor.locate(&edited, first),
            Placement::Orphaned { candidates: 1 },
            "the remaining 107 is another passage"
        );
    }

    #[test]
    fn repeated_identical_passages_are_not_guessed_between() {
        let para = "The minister said 40 percent of homes had power.";
        let text = format!("{para}\n{para}\n{para}\n{para}");
        let second = span_of(&text, "40 percent", 1);
        let anchor = TextQuoteAnchor::new(&text, second);
        let edited = format!("Intro.\n{text}");
        assert_eq!(
            anchor.locate(&edited, second),
            Placement::Orphaned { candidates: 4 },
            "the second and third paragraphs share the same context"
        );
        assert_eq!(anchor.locate(&text, second), Placement::Exact(second));
    }

    #[test]
    fn a_unique_text_with_one_side_of_context_kept_is_placed() {
        let span = span_of(STORY, "238", 0);
        let anchor = TextQuoteAnchor::new(STORY, span);
        let edited = STORY.replace("killing 107 people and wounding", "wounding");
        let placed = anchor.locate(&edited, span);
        assert_eq!(placed, Placement::Exact(span_of(&edited, "238", 0)));
        let gone = STORY.replace("238", "240");
        assert_eq!(
            anchor.locate(&gone, span),
            Placement::Orphaned { candidates: 0 }
        );
    }
}
