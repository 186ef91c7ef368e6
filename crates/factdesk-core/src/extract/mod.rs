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

use chrono::NaiveDate;

use crate::claim::{Claim, ClaimKind, ClaimValue, Span};

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
    let mut found = figure::find(text);
    found.extend(date::find(text, published));
    settle_figures_and_dates(&mut found);
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
/// is a date, "1709 schoolchildren" a figure); on a partial overlap the date wins.
fn settle_figures_and_dates(found: &mut Vec<Found>) {
    let dates: Vec<Span> = found
        .iter()
        .filter(|f| f.kind == ClaimKind::Date)
        .map(|f| f.span)
        .collect();
    let figures: Vec<Span> = found
        .iter()
        .filter(|f| f.kind == ClaimKind::Figure)
        .map(|f| f.span)
        .collect();
    found.retain(|f| match f.kind {
        ClaimKind::Figure => !dates
            .iter()
            .any(|d| d.overlaps(&f.span) && !(f.span.contains(d) && f.span.len() > d.len())),
        ClaimKind::Date => !figures
            .iter()
            .any(|g| g.contains(&f.span) && g.len() > f.span.len()),
        ClaimKind::Quote => true,
    });
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
