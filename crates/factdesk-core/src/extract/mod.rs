//! Claim extraction: every figure, date and quote in an article.
//!
//! Each claim kind has its own module whose patterns read like the annotation guideline
//! they implement ([`figure`], [`date`], [`quote`]); numbers in digits and words are read
//! by one module ([`number`]) and sentences by another ([`sentence`]). This module runs
//! the kinds, settles overlaps between figures and dates, and fills each claim's text and
//! sentence.
//!
//! Extraction is a pure function of the text and the publication date: nothing here reads
//! the clock, so the same article always gives the same claims.

pub mod date;
pub mod figure;
pub mod lexicon;
pub mod number;
pub mod quote;
pub mod sentence;
mod speaker;
mod token;

use chrono::NaiveDate;

use crate::claim::{Claim, ClaimKind, ClaimValue, Span};
use lexicon::units::units;

/// A claim as a kind module finds it, before its text and sentence are filled in.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub kind: ClaimKind,
    pub span: Span,
    pub value: Option<ClaimValue>,
    pub speaker: Option<String>,
    pub cue: Option<Span>,
}

/// Finds every claim in `text`, in document order (by start, then end).
///
/// `published` is the article's publication date; relative dates ("yesterday", "last
/// year") resolve against it and get no ISO value without it. Every returned claim's
/// `start..end` lies on character boundaries of `text` and `text[start..end]` equals its
/// `text` field.
pub fn extract(text: &str, published: Option<NaiveDate>) -> Vec<Claim> {
    let sentences = sentence::sentences(text);
    let words = token::Words::of(text);
    let mut found = figure::find(text, &words);
    found.extend(date::find(text, published, &words));
    settle_figures_and_dates(text, &mut found);
    found.extend(quote::find(text, &sentences));
    found.sort_by_key(|f| (f.span.start, f.span.end, f.kind));
    found.dedup_by(|a, b| a.kind == b.kind && a.span == b.span);
    found
        .into_iter()
        .filter(|f| {
            let valid = !f.span.is_empty()
                && f.span.end <= text.len()
                && text.is_char_boundary(f.span.start)
                && text.is_char_boundary(f.span.end);
            // A bad span is an engine bug: tests and debug builds stop on it; a release
            // build leaves the claim out rather than fail the user's article.
            debug_assert!(
                valid,
                "{:?} found a bad span {:?} in a text of {} bytes",
                f.kind,
                f.span,
                text.len()
            );
            valid
        })
        .map(|f| Claim {
            kind: f.kind,
            start: f.span.start,
            end: f.span.end,
            text: text[f.span.start..f.span.end].to_string(),
            value: f.value,
            speaker: f.speaker,
            cue: f.cue,
            sentence: sentence_of(&sentences, f.span),
        })
        .collect()
}

/// Where a figure and a date claim the same words, the longer reading wins ("10 years ago"
/// is a date, "1709 schoolchildren" a figure), though a date of its own words inside a
/// figure stays ("40 Christmas trees"); on a partial overlap the date wins. A figure
/// never swallows a date at its end: "more than 300,000 last year" is the figure "more
/// than 300,000" and the date "last year", and the date's time word is no unit of the
/// figure.
fn settle_figures_and_dates(text: &str, found: &mut Vec<Found>) {
    let dates = SpanIndex::of(found, ClaimKind::Date);
    for f in found.iter_mut().filter(|f| f.kind == ClaimKind::Figure) {
        let tail = dates
            .near(f.span)
            .find(|d| d.end == f.span.end && d.start > f.span.start);
        let Some(d) = tail else {
            continue;
        };
        let kept = text[f.span.start..d.start].trim_end();
        if kept.is_empty() {
            continue;
        }
        f.span.end = f.span.start + kept.len();
        if let Some(ClaimValue::Figure(v)) = f.value.as_mut() {
            if v.unit.as_deref().is_some_and(|u| units().time(u).is_some()) {
                v.unit = None;
            }
        }
    }
    let dates = SpanIndex::of(found, ClaimKind::Date);
    let figures = SpanIndex::of(found, ClaimKind::Figure);
    found.retain(|f| match f.kind {
        ClaimKind::Figure => !dates
            .near(f.span)
            .any(|d| d.overlaps(&f.span) && !(f.span.contains(d) && f.span.len() > d.len())),
        // A date inside a longer figure is the figure's number ("1709 schoolchildren")
        // unless it is words of its own: "40 Christmas trees" keeps "Christmas".
        ClaimKind::Date => !figures.near(f.span).any(|g| {
            g.contains(&f.span)
                && g.len() > f.span.len()
                && (g.start == f.span.start
                    || text[f.span.start..].starts_with(|c: char| c.is_ascii_digit()))
        }),
        ClaimKind::Quote => true,
    });
}

/// The spans of one claim kind, sorted, so the ones near a span are found without
/// reading them all: a long article has thousands.
struct SpanIndex {
    spans: Vec<Span>,
    longest: usize,
}

impl SpanIndex {
    fn of(found: &[Found], kind: ClaimKind) -> SpanIndex {
        let mut spans: Vec<Span> = found
            .iter()
            .filter(|f| f.kind == kind)
            .map(|f| f.span)
            .collect();
        spans.sort_by_key(|s| (s.start, s.end));
        let longest = spans.iter().map(Span::len).max().unwrap_or(0);
        SpanIndex { spans, longest }
    }

    /// Every span that may overlap or contain `span` (and a few that do not), by start.
    fn near(&self, span: Span) -> impl Iterator<Item = &Span> {
        let from = self
            .spans
            .partition_point(|s| s.start + self.longest < span.start);
        let to = self.spans.partition_point(|s| s.start <= span.end);
        self.spans[from..to.max(from)].iter()
    }
}

/// The sentence containing the start of `span`, widened to cover all of it.
fn sentence_of(sentences: &[Span], span: Span) -> Span {
    let idx = sentences.partition_point(|s| s.end <= span.start);
    let Some(first) = sentences.get(idx) else {
        return span;
    };
    let mut out = Span::new(first.start.min(span.start), first.end.max(span.end));
    for s in &sentences[idx + 1..] {
        if s.start >= span.end {
            break;
        }
        out.end = out.end.max(s.end);
    }
    out
}

/// Splits `text` into consecutive pieces of about `target` bytes that end at paragraph
/// breaks (a line break, or failing that any whitespace), so a very long text can be
/// extracted piece by piece in bounded memory. The pieces cover the whole text.
pub fn pieces(text: &str, target: usize) -> Vec<Span> {
    let target = target.max(1);
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + target).min(text.len());
        if end < text.len() {
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let window = &text[start..end];
            let cut = window
                .rfind("\n\n")
                .or_else(|| window.rfind('\n'))
                .or_else(|| window.rfind(char::is_whitespace))
                .map(|i| start + i + 1)
                .filter(|&c| c > start);
            if let Some(c) = cut {
                end = c;
                while !text.is_char_boundary(end) {
                    end += 1;
                }
            }
        }
        out.push(Span::new(start, end));
        start = end;
    }
    out
}

/// Like [`extract`] on a long text, one piece (see [`pieces`]) at a time: `each` receives
/// every claim, with offsets into the whole text, in document order, and the first error it
/// returns stops the work and is returned. Memory stays bounded by one piece's claims.
/// Quotes spanning two pieces are cut at the break.
pub fn extract_in_pieces<E>(
    text: &str,
    published: Option<NaiveDate>,
    piece_bytes: usize,
    mut each: impl FnMut(Claim) -> Result<(), E>,
) -> Result<(), E> {
    for piece in pieces(text, piece_bytes) {
        for mut claim in extract(&text[piece.start..piece.end], published) {
            claim.start += piece.start;
            claim.end += piece.start;
            claim.sentence.start += piece.start;
            claim.sentence.end += piece.start;
            if let Some(cue) = claim.cue.as_mut() {
                cue.start += piece.start;
                cue.end += piece.start;
            }
            each(claim)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::FigureValue;

    fn figure(span: Span, unit: Option<&str>) -> Found {
        Found {
            kind: ClaimKind::Figure,
            span,
            value: Some(ClaimValue::Figure(FigureValue {
                amount: Some(300000.0),
                unit: unit.map(str::to_string),
                qualifier: None,
                upper: None,
            })),
            speaker: None,
            cue: None,
        }
    }

    fn date(span: Span) -> Found {
        Found {
            kind: ClaimKind::Date,
            span,
            value: None,
            speaker: None,
            cue: None,
        }
    }

    fn spans(found: &[Found], kind: ClaimKind) -> Vec<Span> {
        found
            .iter()
            .filter(|f| f.kind == kind)
            .map(|f| f.span)
            .collect()
    }

    #[test]
    fn a_figure_gives_up_a_date_at_its_end_and_the_date_word_as_unit() {
        let text = "Exports reached 300,000 last year.";
        let mut found = vec![
            figure(Span::new(16, 33), Some("year")),
            date(Span::new(24, 33)),
        ];
        settle_figures_and_dates(text, &mut found);
        assert_eq!(spans(&found, ClaimKind::Figure), vec![Span::new(16, 23)]);
        assert_eq!(spans(&found, ClaimKind::Date), vec![Span::new(24, 33)]);
        let Some(ClaimValue::Figure(v)) = &found[0].value else {
            panic!("the figure keeps its value");
        };
        assert_eq!(v.unit, None, "'year' belonged to the date");
    }

    #[test]
    fn a_longer_figure_keeps_its_number_but_not_a_dated_name_inside() {
        // "1709 schoolchildren": the year-like number is the figure's.
        let text = "Some 1709 schoolchildren sang.";
        let mut found = vec![figure(Span::new(5, 24), None), date(Span::new(5, 9))];
        settle_figures_and_dates(text, &mut found);
        assert_eq!(spans(&found, ClaimKind::Date), vec![]);
        // "40 Christmas trees": the holiday is a date of its own words.
        let text = "They sold 40 Christmas trees.";
        let mut found = vec![figure(Span::new(10, 28), None), date(Span::new(13, 22))];
        settle_figures_and_dates(text, &mut found);
        assert_eq!(spans(&found, ClaimKind::Date), vec![Span::new(13, 22)]);
        assert_eq!(spans(&found, ClaimKind::Figure), vec![Span::new(10, 28)]);
    }

    #[test]
    fn on_a_partial_overlap_the_date_wins() {
        let text = "about 10 years ago";
        let mut found = vec![
            figure(Span::new(0, 14), Some("year")),
            date(Span::new(6, 18)),
        ];
        settle_figures_and_dates(text, &mut found);
        assert_eq!(spans(&found, ClaimKind::Figure), vec![]);
        assert_eq!(spans(&found, ClaimKind::Date), vec![Span::new(6, 18)]);
    }
}
