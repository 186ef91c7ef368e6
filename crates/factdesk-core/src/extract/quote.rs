//! Quotes: direct quotations and who said them.
//!
//! A quotation is the text between a pair of quotation marks, straight or curly, double
//! or single, within one paragraph. Apostrophes ("Ukraine's", "don't", "the '90s",
//! "students'") are told from single marks by what stands on either side. A quotation
//! running over paragraphs (the opening mark repeated at each paragraph start, or, in some
//! copy, only a closing mark at the end) is one quotation per paragraph; in copy that lost
//! its paragraph breaks, a new opening mark after a full stop starts the next one. A mark
//! with no closing mark in its paragraph never reaches past its sentence. Two apostrophes
//! (''so'') pair as a double mark; marks of the other family inside a quotation are part
//! of it, not quotations of their own.
//!
//! Quoted words are kept when they report someone's words: long quotations always, short
//! ones (three words or fewer) and title-cased ones only when the sentence attributes them
//! ("described by Russia as a "special military operation""), never after a label word
//! ("the so-called 'Pacific solution'", "a robot named "Robogee"").
//!
//! The speaker comes from the attribution in the quotation's sentence ("Peskov said",
//! "said Senate Majority Leader Harry Reid", "according to Reuters", "Stoltenberg in Kiev:
//! "…"" in a headline), or failing that from the sentence before it, or from the previous
//! quotation that the paragraph continues; [`speaker`] resolves what the attribution names
//! to the fullest name the article gives.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::lexicon::WordHasher;
use super::speaker::{self, Article, Kind, Subject, Token};
use super::{sentence, Found};
use crate::claim::{ClaimKind, Span};

/// Double marks (" “ ”) and single marks (' ‘ ’) pair only with their own family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

/// A quotation mark that may open and/or close a quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mark {
    pos: usize,
    len: usize,
    family: Family,
    can_open: bool,
    can_close: bool,
    /// A single mark after an "s" ("the students' union"): a closing mark only when no
    /// better one follows.
    after_s: bool,
}

/// A quotation as paired from its marks, before attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Raw {
    /// The words between the marks, whitespace trimmed.
    content: Span,
    /// From the opening mark (or paragraph start) to the closing mark's end (or the
    /// paragraph end).
    outer: Span,
    /// Continues the previous quotation across a paragraph break.
    continues: bool,
    /// Index of its paragraph.
    para: usize,
}

/// Every quote in `text`, in document order, with its speaker and the cue it was read
/// from. `sentences` are the text's sentences as [`sentence::sentences`] gives them.
pub(crate) fn find(text: &str, sentences: &[Span]) -> Vec<Found> {
    let marks = scan_marks(text);
    if marks.is_empty() {
        return Vec::new();
    }
    let paras = sentence::paragraphs(text);
    let raw = pair(text, &paras, sentences, &marks);
    if raw.is_empty() {
        return Vec::new();
    }
    let outers: Vec<Span> = raw.iter().map(|q| q.outer).collect();
    let article = Article::new(text, sentences, &outers);
    attribute_all(&article, &paras, &raw)
}

// ---------------------------------------------------------------------------------------
// Marks
// ---------------------------------------------------------------------------------------

/// Every quotation mark in `text` that is not an apostrophe, in order.
fn scan_marks(text: &str) -> Vec<Mark> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut skip_to = 0;
    // Straight marks are ASCII; the curly ones all start with the byte 0xE2.
    for pos in memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes) {
        if pos < skip_to {
            continue;
        }
        let (family, len, glyph) = match bytes[pos] {
            b'"' => (Family::Double, 1, Glyph::Straight),
            // Two apostrophes stand for a double mark in some wire copy: ''like this''.
            b'\'' if bytes.get(pos + 1) == Some(&b'\'') => {
                skip_to = pos + 2;
                (Family::Double, 2, Glyph::Straight)
            }
            b'\'' => (Family::Single, 1, Glyph::Straight),
            _ => match (bytes.get(pos + 1), bytes.get(pos + 2)) {
                (Some(0x80), Some(0x9C)) => (Family::Double, 3, Glyph::Left),
                (Some(0x80), Some(0x9D)) => (Family::Double, 3, Glyph::Right),
                (Some(0x80), Some(0x98)) => (Family::Single, 3, Glyph::Left),
                (Some(0x80), Some(0x99)) => (Family::Single, 3, Glyph::Right),
                _ => continue,
            },
        };
        let prev = text[..pos].chars().next_back();
        let next = text[pos + len..].chars().next();
        let mark = match family {
            Family::Double => Some(double_mark(pos, len, glyph, prev, next)),
            Family::Single => single_mark(text, pos, len, glyph, prev, next),
        };
        out.extend(mark);
    }
    out
}

/// Which way a mark's glyph leans: “ ‘ open, ” ’ close, straight marks either.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Glyph {
    Straight,
    Left,
    Right,
}

/// Whether `c` is a quotation mark of either family.
fn is_mark_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}'
    )
}

/// Whether `c` may stand right before an opening mark: start of text, a space, an opening
/// bracket, a dash or another mark.
fn opens_after(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | '['
                    | '{'
                    | '\u{2014}'
                    | '\u{2013}'
                    | '-'
                    | '/'
                    | '"'
                    | '\u{201c}'
                    | '\u{2018}'
                    | '\''
            )
    })
}

/// Whether `c` may stand right after a closing mark: end of text, a space, punctuation,
/// a closing bracket, a dash or another mark.
fn closes_before(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | ','
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | ')'
                    | ']'
                    | '}'
                    | '\u{2014}'
                    | '\u{2013}'
                    | '-'
                    | '"'
                    | '\u{201d}'
                    | '\u{2019}'
                    | '\''
                    | '\u{2026}'
            )
    })
}

fn double_mark(
    pos: usize,
    len: usize,
    glyph: Glyph,
    prev: Option<char>,
    next: Option<char>,
) -> Mark {
    let mut can_open = opens_after(prev) && !next.is_some_and(char::is_whitespace);
    let mut can_close = closes_before(next) && !prev.is_some_and(char::is_whitespace);
    if can_open == can_close {
        // No help from the context ("said,"Yes" or a lone mark between spaces): trust
        // the glyph.
        can_open = glyph != Glyph::Right;
        can_close = glyph != Glyph::Left;
    }
    Mark {
        pos,
        len,
        family: Family::Double,
        can_open,
        can_close,
        after_s: false,
    }
}

/// Elisions written with a leading apostrophe: "rock 'n' roll", "'em", "'til".
fn is_elision(rest: &str) -> bool {
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    matches!(
        word.as_str(),
        "n" | "em" | "til" | "tis" | "twas" | "cause" | "bout" | "round"
    )
}

/// A single mark, or `None` for an apostrophe: between letters ("don't", "Ukraine's"),
/// before a year ("the '90s"), or a leading elision ("'em").
fn single_mark(
    text: &str,
    pos: usize,
    len: usize,
    glyph: Glyph,
    prev: Option<char>,
    next: Option<char>,
) -> Option<Mark> {
    let prev_word = prev.is_some_and(char::is_alphanumeric);
    let next_word = next.is_some_and(char::is_alphanumeric);
    if prev_word && next_word {
        return None;
    }
    if !prev_word && next.is_some_and(|c| c.is_ascii_digit()) {
        // "the '90s", "class of '08" — unless a quotation begins with a number: '15 people
        // died,' she said. A year is two digits and then no more digits.
        let digits: String = text[pos + len..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if digits.len() == 2 {
            return None;
        }
    }
    if !prev_word && next_word && is_elision(&text[pos + len..]) {
        return None;
    }
    let mut can_open = opens_after(prev) && next.is_some_and(|c| !c.is_whitespace());
    let mut can_close = closes_before(next) && prev.is_some_and(|c| !c.is_whitespace());
    if can_open && can_close {
        can_open = glyph != Glyph::Right;
        can_close = glyph != Glyph::Left;
    }
    if !can_open && !can_close {
        return None;
    }
    Some(Mark {
        pos,
        len,
        family: Family::Single,
        can_open,
        can_close,
        after_s: matches!(prev, Some('s' | 'S')),
    })
}

// ---------------------------------------------------------------------------------------
// Pairing
// ---------------------------------------------------------------------------------------

/// How a paragraph begins with respect to an unclosed quotation before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Carry {
    /// Nothing is open.
    None,
    /// The previous paragraph's quotation goes on here without an opening mark.
    Inside(Family),
    /// The previous paragraph's quotation goes on with this paragraph's opening mark.
    Reopened(Family),
}

/// Pairs the marks paragraph by paragraph into quotations, in order.
fn pair(text: &str, paras: &[Span], sentences: &[Span], marks: &[Mark]) -> Vec<Raw> {
    let mut out = Vec::new();
    let mut carry = Carry::None;
    let mut mi = 0;
    for (pi, para) in paras.iter().enumerate() {
        while mi < marks.len() && marks[mi].pos < para.start {
            mi += 1;
        }
        let first = mi;
        while mi < marks.len() && marks[mi].pos < para.end {
            mi += 1;
        }
        let next_marks = match paras.get(pi + 1) {
            Some(next) => {
                let s = marks[mi..].partition_point(|m| m.pos < next.start) + mi;
                let e = marks[s..].partition_point(|m| m.pos < next.end) + s;
                Some((*next, &marks[s..e]))
            }
            None => None,
        };
        carry = pair_paragraph(
            Paragraph {
                text,
                index: pi,
                span: *para,
                sentences,
            },
            &marks[first..mi],
            carry,
            next_marks,
            &mut out,
        );
    }
    out
}

/// An opening mark waiting for its close.
#[derive(Debug, Clone, Copy)]
struct Open {
    family: Family,
    outer_start: usize,
    content_start: usize,
    /// Index of the opening mark in the paragraph's marks; `None` when carried in.
    mark: Option<usize>,
    continues: bool,
}

/// A paragraph being paired, with the sentences an unclosed quotation is cut at.
#[derive(Clone, Copy)]
struct Paragraph<'a> {
    text: &'a str,
    index: usize,
    span: Span,
    sentences: &'a [Span],
}

impl Paragraph<'_> {
    /// The end of the sentence holding byte `at`, no further than the paragraph's end.
    fn sentence_end(&self, at: usize) -> usize {
        let i = self.sentences.partition_point(|s| s.end <= at);
        self.sentences
            .get(i)
            .map_or(self.span.end, |s| s.end)
            .clamp(at, self.span.end)
    }
}

/// Whether `text[from..to]` ends a sentence: a stop (". ! ? …"), then only closing
/// brackets and whitespace.
fn ends_with_stop(text: &str, from: usize, to: usize) -> bool {
    text[from..to]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ')' | ']'))
        .ends_with(['.', '!', '?', '\u{2026}'])
}

/// Whether the closing mark `marks[k]`, with no quotation open, opens one instead: copy
/// that lost a paragraph break can set the next paragraph's opening mark right after the
/// stop ("… not adequate." Not only …," he said"). It must follow a stop, precede a
/// capitalised word, and the next mark of its family must only close.
fn opens_after_lost_break(text: &str, marks: &[Mark], k: usize) -> bool {
    let m = &marks[k];
    if m.family != Family::Double || m.can_open {
        return false;
    }
    let before = text[..m.pos].chars().next_back();
    if !before.is_some_and(|c| matches!(c, '.' | '!' | '?')) {
        return false;
    }
    let after = &text[m.pos + m.len..];
    let rest = after.trim_start_matches([' ', '\u{a0}']);
    if rest.len() == after.len() || !rest.starts_with(char::is_uppercase) {
        return false;
    }
    marks[k + 1..]
        .iter()
        .find(|n| n.family == m.family)
        .is_some_and(|n| n.can_close && !n.can_open)
}

fn pair_paragraph(
    para: Paragraph<'_>,
    marks: &[Mark],
    carry: Carry,
    next: Option<(Span, &[Mark])>,
    out: &mut Vec<Raw>,
) -> Carry {
    let Paragraph {
        text,
        index: pi,
        span,
        ..
    } = para;
    let mut open = match carry {
        Carry::Inside(family) => Some(Open {
            family,
            outer_start: span.start,
            content_start: span.start,
            mark: None,
            continues: true,
        }),
        _ => None,
    };
    let first_out = out.len();
    let mut k = 0;
    loop {
        while let Some(m) = marks.get(k) {
            match open {
                None if m.can_open => {
                    let continues = matches!(carry, Carry::Reopened(f) if f == m.family)
                        && m.pos == span.start
                        && out.len() == first_out;
                    open = Some(Open {
                        family: m.family,
                        outer_start: m.pos,
                        content_start: m.pos + m.len,
                        mark: Some(k),
                        continues,
                    });
                }
                None if opens_after_lost_break(text, marks, k) => {
                    open = Some(Open {
                        family: m.family,
                        outer_start: m.pos,
                        content_start: m.pos + m.len,
                        mark: Some(k),
                        continues: false,
                    });
                }
                Some(o) if o.family == m.family => {
                    if m.can_close && !better_close_follows(&marks[k + 1..], m) {
                        out.extend(raw(text, pi, o, m.pos, m.pos + m.len));
                        open = None;
                    } else if m.can_open && !m.can_close {
                        // A new opening before any close. After a full stop it opens the
                        // next paragraph of the same quotation in copy that lost its
                        // paragraph breaks ("…he said. "First. "Second.""); otherwise the
                        // earlier mark was stray.
                        let ended = ends_with_stop(text, o.content_start, m.pos)
                            .then(|| raw(text, pi, o, m.pos, m.pos))
                            .flatten();
                        let continues = ended.is_some();
                        out.extend(ended);
                        open = Some(Open {
                            family: m.family,
                            outer_start: m.pos,
                            content_start: m.pos + m.len,
                            mark: Some(k),
                            continues,
                        });
                    }
                }
                _ => {}
            }
            k += 1;
        }
        let Some(o) = open else {
            return Carry::None;
        };
        if let Some(c) = continuation(o.family, next) {
            out.extend(raw(text, pi, o, span.end, span.end));
            return c;
        }
        match (o.family, o.mark) {
            // An unmatched single mark is most likely an apostrophe after all: pair the
            // rest of the paragraph again from just after it.
            (Family::Single, Some(at)) => {
                open = None;
                k = at + 1;
            }
            _ => {
                // No closing mark in the paragraph: the quotation ends with its sentence,
                // so a lost mark cannot swallow the text after it.
                let end = para.sentence_end(o.content_start);
                out.extend(raw(text, pi, o, end, end));
                return Carry::None;
            }
        }
    }
}

/// Whether a closing mark after an "s" ("the students' demands") should wait for a
/// plainer closing mark of its family that follows before any new opening.
fn better_close_follows(rest: &[Mark], m: &Mark) -> bool {
    m.after_s
        && rest
            .iter()
            .filter(|n| n.family == m.family)
            .take(16)
            .take_while(|n| n.can_close || !n.can_open)
            .any(|n| n.can_close && !n.after_s && !n.can_open)
}

/// Whether an open quotation of `family` at a paragraph's end goes on in the next one:
/// the next paragraph opens with the same mark, or (in copy that drops the repeated
/// opening mark) its first mark of the family can only close.
fn continuation(family: Family, next: Option<(Span, &[Mark])>) -> Option<Carry> {
    let (span, marks) = next?;
    let first = marks.iter().find(|m| m.family == family)?;
    if first.pos == span.start && first.can_open {
        return Some(Carry::Reopened(family));
    }
    if family == Family::Double && first.can_close && !first.can_open {
        return Some(Carry::Inside(family));
    }
    None
}

fn raw(text: &str, para: usize, open: Open, content_end: usize, outer_end: usize) -> Option<Raw> {
    let inner = &text[open.content_start..content_end];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    let content = Span::new(open.content_start + lead, content_end - trail);
    if content.is_empty()
        || !text[content.start..content.end]
            .chars()
            .any(char::is_alphanumeric)
    {
        return None;
    }
    Some(Raw {
        content,
        outer: Span::new(open.outer_start, outer_end),
        continues: open.continues,
        para,
    })
}

// ---------------------------------------------------------------------------------------
// Attribution
// ---------------------------------------------------------------------------------------

/// The attribution a quotation's speaker was read from.
#[derive(Debug, Clone)]
struct Cue<'a> {
    subject: Subject<'a>,
    /// The attribution words: "Peskov said", "according to Reuters".
    span: Span,
    /// Nothing but punctuation or "that" stands between the cue and the quotation:
    /// "said: "…"", ""…," he said".
    direct: bool,
}

/// A quotation with what was decided about it.
#[derive(Debug, Clone)]
struct Judged {
    raw: Raw,
    speaker: Option<String>,
    cue: Option<Span>,
    /// The quotation's own sentence attributes it.
    attributed: bool,
    keep: bool,
    /// Short or title-like and unattributed: kept only if a kept quotation repeats it.
    pending: bool,
    /// Stands in a headline or subheading: a paragraph with no sentence-final stop.
    headline: bool,
}

fn attribute_all(article: &Article<'_>, paras: &[Span], raw: &[Raw]) -> Vec<Found> {
    let mut judged: Vec<Judged> = Vec::with_capacity(raw.len());
    for (i, q) in raw.iter().enumerate() {
        let j = judge(article, paras, raw, &judged, i, q);
        judged.push(j);
    }
    // Headlines, subheadings and leads repeat words quoted with attribution in the body.
    if judged.iter().any(|j| j.pending || unsourced(j)) {
        rescue_repeated(article.text, &mut judged);
    }
    judged
        .into_iter()
        .filter(|j| j.keep)
        .map(|j| Found {
            kind: ClaimKind::Quote,
            span: j.raw.content,
            value: None,
            // A speaker is someone: never an empty name.
            speaker: j.speaker.filter(|s| !s.trim().is_empty()),
            cue: j.cue,
        })
        .collect()
}

/// A kept quotation nothing attributes: "A bookkeeper who funded "a lifestyle she could
/// never afford" was jailed" in a lead the body attributes later.
fn unsourced(j: &Judged) -> bool {
    j.keep && !j.attributed && j.speaker.is_none()
}

/// Keeps the pending quotations that repeat words of a kept, attributed quotation, with
/// its speaker: a headline's 'quasi-state of war', a subheading's "Ukraine will prevail";
/// and gives an unsourced quotation the speaker of the attributed one repeating it.
fn rescue_repeated(text: &str, judged: &mut [Judged]) {
    let rescued = |j: &Judged| (j.pending && j.headline) || unsourced(j);
    // Most articles have no quotation to rescue: then the index below is not built. (A
    // rescue changes only the quotation rescued, so which ones ask does not change.)
    if !judged.iter().any(rescued) {
        return;
    }
    let kept: Vec<(Vec<&str>, Option<String>, Option<Span>)> = judged
        .iter()
        .filter(|j| j.keep && j.speaker.is_some())
        .map(|j| {
            let words = words_of(&text[j.raw.content.start..j.raw.content.end]).collect();
            (words, j.speaker.clone(), j.cue)
        })
        .collect();
    // Where each word stands in the kept quotations, lower case: a repeat is looked for
    // only where its first word is, so an article with thousands of quotations is not
    // read once per quotation.
    let count = kept.iter().map(|(words, _, _)| words.len()).sum();
    let mut at: HashMap<Cow<str>, Vec<(usize, usize)>, BuildHasherDefault<WordHasher>> =
        HashMap::with_capacity_and_hasher(count, BuildHasherDefault::default());
    for (k, (words, _, _)) in kept.iter().enumerate() {
        for (i, w) in words.iter().enumerate() {
            at.entry(lower_case(w)).or_default().push((k, i));
        }
    }
    for j in judged.iter_mut().filter(|j| rescued(j)) {
        let needle: Vec<&str> = words_of(&text[j.raw.content.start..j.raw.content.end]).collect();
        let Some(first) = needle.first() else {
            continue;
        };
        let Some(starts) = at.get(&*lower_case(first)) else {
            continue;
        };
        let repeated = starts.iter().find(|&&(k, i)| {
            let hay = &kept[k].0;
            hay.len() >= i + needle.len()
                && hay[i..i + needle.len()]
                    .iter()
                    .zip(&needle)
                    .all(|(a, b)| a.eq_ignore_ascii_case(b))
        });
        if let Some(&(k, _)) = repeated {
            let (_, speaker, cue) = &kept[k];
            j.keep = true;
            j.speaker.clone_from(speaker);
            j.cue = *cue;
        }
    }
}

/// `word` in lower case as `str::to_lowercase` gives it, borrowed when it is ASCII
/// without capitals (most words, which then cost no copy).
fn lower_case(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Whether a paragraph reads as a headline or subheading: short, and not ending with a
/// full stop, question or exclamation mark (closing marks aside).
fn is_headline(text: &str, para: Span) -> bool {
    para.len() <= 400
        && !text[para.start..para.end]
            .trim_end_matches(|c: char| c.is_whitespace() || is_mark_char(c))
            .ends_with(['.', '!', '?', ':'])
}

/// The words of `text`, punctuation dropped.
fn words_of(text: &str) -> impl Iterator<Item = &str> + Clone {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn judge(
    article: &Article<'_>,
    paras: &[Span],
    raw: &[Raw],
    judged: &[Judged],
    i: usize,
    q: &Raw,
) -> Judged {
    let text = article.text;
    let tokens = match quote_context(article, q) {
        Context::Sentence(k) => article.sentence(k),
        Context::Span(span) => std::rc::Rc::new(article.tokens(span)),
    };
    let qi = tokens.iter().position(|t| t.kind == Kind::Quote(i));
    let local = qi.and_then(|qi| local_cue(text, &tokens, qi));
    // Only whether there are more than three words matters.
    let words = text[q.content.start..q.content.end]
        .split_whitespace()
        .take(5)
        .count();
    let short = words <= 3;
    let title = is_title_like(&text[q.content.start..q.content.end]);
    let content = &text[q.content.start..q.content.end];
    let label = qi.is_some_and(|qi| {
        let work = qi > 0 && tokens[qi - 1].is_work_title();
        // "named "as a joke"": a name does not open with a preposition.
        let phrase = content
            .split_whitespace()
            .next()
            .is_some_and(speaker::is_preposition);
        // "a march called "March Against the Cuts"": a title-like name after a naming
        // word is a label whatever its length.
        work || ((words <= 4 || title) && !phrase && after_label(&tokens, qi))
            || (words <= 4 && owned_term(&tokens, qi, content))
    });

    let mut out = Judged {
        raw: *q,
        speaker: None,
        cue: None,
        attributed: local.is_some(),
        keep: true,
        pending: false,
        headline: is_headline(text, paras[q.para]),
    };
    if label {
        out.keep = false;
        return out;
    }
    if q.continues {
        if let Some(prev) = judged.last() {
            out.speaker.clone_from(&prev.speaker);
            out.cue = prev.cue;
            out.attributed = prev.attributed;
            out.keep = prev.keep;
            return out;
        }
    }
    match &local {
        Some(cue) => {
            // A title after a noun is the noun's name: "his book "The Art of War"".
            let after_noun = qi.and_then(|qi| qi.checked_sub(1)).is_some_and(|p| {
                let t = &tokens[p];
                t.kind == Kind::Word && !t.is_speech_verb() && t.text != "that"
            });
            if title && (!cue.direct || after_noun) {
                out.keep = false;
                return out;
            }
            // The last attributed quotation of this paragraph or the one before: a
            // pronoun after it most often means the same speaker.
            let last = judged
                .iter()
                .rev()
                .take_while(|j| j.raw.para + 1 >= q.para)
                .find(|j| j.keep && j.cue.is_some());
            let previous = last.and_then(|j| {
                let since = j
                    .cue
                    .map_or(j.raw.outer.end, |c| c.end.max(j.raw.outer.end));
                j.speaker.as_deref().map(|name| (name, since))
            });
            out.speaker = match last {
                // ""I have waited," she said, thanking the fans for "every cheer"": one
                // attribution for both quotations.
                Some(j) if j.cue == Some(cue.span) => j.speaker.clone(),
                _ => article.resolve_continuing(&cue.subject, cue.span.start, previous),
            };
            out.cue = Some(cue.span);
        }
        None => {
            // "The forward's representative, however, told the paper his client was "open
            // to offers"": a verb of saying before short words reports them, though its
            // subject could not be read.
            let reported = qi.is_some_and(|qi| {
                tokens[..qi].iter().any(|t| {
                    t.is_speech_verb()
                        && !t.needs_direct_words()
                        && !t.is_nounish()
                        && !t.is_label()
                })
            });
            if title || (short && !reported) {
                out.keep = false;
                out.pending = true;
            }
            if let Some((speaker, cue)) = inherited(article, paras, raw, judged, i, q) {
                out.speaker = speaker;
                out.cue = cue;
            }
        }
    }
    out
}

/// Where a quotation stands: one sentence, or a stretch of several.
enum Context {
    Sentence(usize),
    Span(Span),
}

/// The sentences a quotation stands in: from the sentence of its opening mark to that of
/// its closing mark.
fn quote_context(article: &Article<'_>, q: &Raw) -> Context {
    let s = article.sentences;
    let first = s.partition_point(|x| x.end <= q.outer.start);
    let mut span = q.outer;
    if let Some(f) = s.get(first) {
        span.start = span.start.min(f.start);
    }
    let mut k = first;
    while k < s.len() && s[k].start < q.outer.end {
        span.end = span.end.max(s[k].end);
        k += 1;
    }
    if span.len() > CONTEXT_REACH * 2 {
        // A run-on "sentence" (text with no full stops): read only near the quotation.
        let mut start = span.start.max(q.outer.start.saturating_sub(CONTEXT_REACH));
        while !article.text.is_char_boundary(start) {
            start += 1;
        }
        let mut end = span.end.min(q.outer.end + CONTEXT_REACH);
        while !article.text.is_char_boundary(end) {
            end -= 1;
        }
        return Context::Span(Span::new(start, end.max(q.outer.end)));
    }
    if k == first + 1 && s[first] == span {
        Context::Sentence(first)
    } else {
        Context::Span(span)
    }
}

/// How far (in bytes) before and after a quotation its attribution is looked for.
const CONTEXT_REACH: usize = 600;

/// Whether the word before the quotation makes it a label: "so-called", "named",
/// "the words", "known as".
fn after_label(tokens: &[Token<'_>], qi: usize) -> bool {
    let Some(prev) = qi.checked_sub(1).map(|p| &tokens[p]) else {
        return false;
    };
    if prev.kind != Kind::Word {
        return false;
    }
    if prev.is_label() && prev.text != "as" {
        // "what the judge called "brazen"", "Smith dubbed it "…"": a verb of naming with
        // a person as its subject reports their words.
        if prev.is_speech_verb() && qi >= 2 && speaker::names_someone(&tokens[qi - 2]) {
            return false;
        }
        return true;
    }
    prev.text == "as" && qi >= 2 && matches!(tokens[qi - 2].text, "known" | "listed" | "referred")
}

/// Whether a short quotation is a term owned by the name before it, not words anyone
/// says here: "Bush's "war on terror"", "the council's "green belt" plan". The words
/// open in lower case and end no sentence; the word before is a capitalised possessive.
fn owned_term(tokens: &[Token<'_>], qi: usize, content: &str) -> bool {
    let owner = qi.checked_sub(1).map(|p| &tokens[p]);
    let term = content.trim();
    owner.is_some_and(|t| {
        t.kind == Kind::Word && t.possessive && t.text.starts_with(char::is_uppercase)
    }) && term.starts_with(char::is_lowercase)
        && !term.ends_with(['.', '!', '?', ','])
}

/// Whether quoted words read as a title or a name: every significant word capitalised
/// ("The Internet Explorer 6 Countdown", "Better Idea of Afghan Girls") and no sentence of
/// its own.
fn is_title_like(words: &str) -> bool {
    let trimmed = words.trim_end_matches([',', ' ']);
    if trimmed.ends_with(['.', '!', '?']) {
        return false;
    }
    let mut significant = 0;
    for w in trimmed.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        if matches!(
            w,
            "of" | "the" | "and" | "a" | "an" | "in" | "on" | "for" | "to" | "at" | "vs" | "or"
        ) {
            continue;
        }
        let first = w.chars().next().unwrap_or(' ');
        if !(first.is_uppercase() || first.is_ascii_digit()) {
            return false;
        }
        significant += 1;
    }
    (1..=10).contains(&significant)
}

/// The attribution in the quotation's own sentence: right after it (""…," Peskov said",
/// ""…", said KCNA", ""…", according to the Sydney Morning Herald"), else the nearest
/// before it ("Stoltenberg recalled that NATO members have sent "…"", "according to the
/// Norwegian, … "…"", "described by Russia as a "…""), else later in the sentence.
fn local_cue<'a>(text: &'a str, tokens: &[Token<'a>], qi: usize) -> Option<Cue<'a>> {
    let next_quote = tokens[qi + 1..]
        .iter()
        .position(|t| matches!(t.kind, Kind::Quote(_)))
        .map_or(tokens.len(), |p| qi + 1 + p);
    if let Some(cue) = cue_right_after(text, tokens, qi, next_quote) {
        return Some(cue);
    }
    if let Some(cue) = cue_before(text, tokens, qi) {
        return Some(cue);
    }
    // Later in the sentence, past other quotations: ""A" and "B", he said."
    let mut floor = qi + 1;
    for k in qi + 1..tokens.len() {
        if matches!(tokens[k].kind, Kind::Quote(_)) {
            floor = k + 1;
            continue;
        }
        if let Some(cue) = cue_at(text, tokens, k, floor, tokens.len()) {
            return Some(Cue {
                direct: false,
                ..cue
            });
        }
    }
    None
}

/// Byte offset of `part` inside `text` (both from the same string).
fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// Where the words a subject names start and end.
fn subject_span(text: &str, subject: &Subject<'_>) -> Option<Span> {
    match subject {
        Subject::Name(words) => {
            let first = words.first()?;
            let last = words.last()?;
            Some(Span::new(
                offset_in(text, first),
                offset_in(text, last) + last.len(),
            ))
        }
        Subject::Pronoun(p, at) => {
            let len = text[*at..]
                .chars()
                .take_while(|c| c.is_alphabetic())
                .map(char::len_utf8)
                .sum::<usize>()
                .max(p.len().min(1));
            Some(Span::new(*at, at + len))
        }
        Subject::Description { phrase, at, .. } => Some(Span::new(*at, at + phrase.len())),
    }
}

fn cover(a: Span, b: Span) -> Span {
    Span::new(a.start.min(b.start), a.end.max(b.end))
}

/// A cue right after the quotation, before the next one: ""…," he said", ""…," said
/// Senate Majority Leader Harry Reid", ""…", according to the Sydney Morning Herald",
/// ""…," Khaled Al-Maeena, editor at large at the Saudi Gazette, said".
fn cue_right_after<'a>(
    text: &'a str,
    tokens: &[Token<'a>],
    qi: usize,
    ceil: usize,
) -> Option<Cue<'a>> {
    let mut j = qi + 1;
    while j < ceil
        && matches!(
            tokens[j].kind,
            Kind::Punct(',' | '\u{2014}' | '\u{2013}' | '-')
        )
    {
        j += 1;
    }
    let t = tokens.get(j).filter(|_| j < ceil)?;
    if t.kind != Kind::Word {
        return None;
    }
    // Quoted words inside a phrase ("The "History" section of the site explains") are not
    // what the verb after them reports.
    let quoted = &text[tokens[qi].span.start..tokens[qi].span.end];
    let ends_clause = quoted
        .trim_end_matches(|c: char| c.is_whitespace() || is_mark_char(c))
        .ends_with([',', '.', '!', '?', '\u{2026}', '-', '\u{2014}']);
    if j == qi + 1
        && !ends_clause
        && t.text.starts_with(char::is_lowercase)
        && !t.is_speech_verb()
        && !matches!(t.text, "he" | "she" | "they" | "it" | "according")
    {
        return None;
    }
    // ""…", highlighting the importance of …": a participle's subject is elsewhere.
    if t.is_speech_verb() && t.text.ends_with("ing") {
        return None;
    }
    // Inverted: "said Senate Majority Leader Harry Reid", "added KCNA".
    if t.is_speech_verb() {
        if let Some((subject, end)) = speaker::subject_after(text, tokens, j + 1, ceil) {
            let span = cover(t.span, subject_span(text, &subject)?);
            let _ = end;
            return Some(Cue {
                subject,
                span,
                direct: true,
            });
        }
        return None;
    }
    if t.text.eq_ignore_ascii_case("according") {
        return according_to(text, tokens, j, ceil).map(|c| Cue { direct: true, ..c });
    }
    // "he said", "Peskov said", "team member Rodaba Noori told the press".
    let limit = (j + 14).min(ceil);
    for v in j..limit {
        let w = &tokens[v];
        if w.kind != Kind::Word {
            if matches!(w.kind, Kind::Punct('.' | '!' | '?' | ';')) {
                break;
            }
            continue;
        }
        if w.is_speech_verb() {
            let subject = speaker::subject_before(text, tokens, v, qi + 1)?;
            let subject_at = subject_span(text, &subject)?;
            // The subject opens the clause after the quotation, after at most a few
            // modifiers ("team member Rodaba Noori told"): not "- have not changed,
            // analysts say".
            let first = tokens[j..v]
                .iter()
                .position(|t| t.span.start >= subject_at.start)
                .map_or(v, |p| j + p);
            let modifiers = tokens[j..first]
                .iter()
                .all(|t| t.kind == Kind::Word && !speaker::is_function_word(t.text));
            if first > j + 3 || !modifiers {
                return None;
            }
            let span = cover(subject_at, w.span);
            return Some(Cue {
                subject,
                span,
                direct: true,
            });
        }
    }
    None
}

/// "according to X": the cue word is at `k` ("according"), X follows "to".
fn according_to<'a>(text: &'a str, tokens: &[Token<'a>], k: usize, ceil: usize) -> Option<Cue<'a>> {
    let to = tokens.get(k + 1)?;
    if to.text != "to" {
        return None;
    }
    let (subject, _) = speaker::subject_after(text, tokens, k + 2, ceil)?;
    let span = cover(tokens[k].span, subject_span(text, &subject)?);
    Some(Cue {
        subject,
        span,
        direct: false,
    })
}

/// A cue whose key word is token `k`, its subject read no further back than `floor`:
/// "X said" (verb at `k`), "described by X", "according to X", "quoting X",
/// "in the words of X".
fn cue_at<'a>(
    text: &'a str,
    tokens: &[Token<'a>],
    k: usize,
    floor: usize,
    ceil: usize,
) -> Option<Cue<'a>> {
    let t = &tokens[k];
    if t.kind != Kind::Word {
        return None;
    }
    if t.text.eq_ignore_ascii_case("according") {
        return according_to(text, tokens, k, ceil);
    }
    // "Per the statement, …": "per" opening a clause reads as "according to" (never
    // "per cent" or "per share", which follow a number).
    let opens_clause = k == 0 || tokens[k - 1].kind != Kind::Word;
    if t.text.eq_ignore_ascii_case("per") && opens_clause {
        let (subject, _) = speaker::subject_after(text, tokens, k + 1, ceil)?;
        let span = cover(t.span, subject_span(text, &subject)?);
        return Some(Cue {
            subject,
            span,
            direct: false,
        });
    }
    let words_of = t.text == "of" && k >= 3 && words_before(tokens, k, &["in", "the", "words"]);
    if t.text.eq_ignore_ascii_case("quoting") || words_of {
        let (subject, _) = speaker::subject_after(text, tokens, k + 1, ceil)?;
        let start = if words_of { tokens[k - 3].span } else { t.span };
        let span = cover(start, subject_span(text, &subject)?);
        return Some(Cue {
            subject,
            span,
            direct: false,
        });
    }
    if !t.is_speech_verb() {
        return None;
    }
    let next = tokens.get(k + 1);
    // The words follow at once, after the verb's particle ("shot back: "…""), or after an
    // object pronoun: "call it, "…"".
    let words_follow = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|n| matches!(n.kind, Kind::Punct(',' | ':') | Kind::Quote(_)))
    };
    let particle = next.is_some_and(|n| n.kind == Kind::Word && speaker::is_verb_particle(n.text));
    let after_object = next.is_some_and(|n| matches!(n.text, "it" | "them")) && words_follow(k + 2);
    if t.needs_direct_words() && !words_follow(k + 1 + usize::from(particle)) && !after_object {
        return None;
    }
    // "Roe was quoted by the paper as saying", "Roe is reported by a website saying": the
    // words are the passive subject's; the agent only carried them.
    let passive = if next.is_some_and(|n| n.text == "by") {
        participle_after(tokens, k + 2, ceil).map(|p| (k, p))
    } else {
        passive_before(tokens, k).map(|v| (v, k))
    };
    if let Some((verb, participle)) = passive {
        if let Some(subject) = speaker::subject_before(text, tokens, verb, floor) {
            let span = cover(subject_span(text, &subject)?, tokens[participle].span);
            return Some(Cue {
                subject,
                span,
                direct: false,
            });
        }
    }
    // Passive: "described by Russia as", "quoted by Reuters".
    if next.is_some_and(|n| n.text == "by") {
        let (subject, _) = speaker::subject_after(text, tokens, k + 2, ceil)?;
        let span = cover(t.span, subject_span(text, &subject)?);
        return Some(Cue {
            subject,
            span,
            direct: false,
        });
    }
    // "a claim", "her comments": only "Peskov claims", "he comments" attribute.
    if t.is_nounish() {
        let prev = k.checked_sub(1).map(|p| &tokens[p])?;
        let names = prev.kind == Kind::Word
            && !prev.possessive
            && (prev.text.starts_with(char::is_uppercase)
                || matches!(prev.text, "he" | "she" | "they" | "it")
                || speaker::is_document_noun(prev.text)
                || speaker::is_role_noun(prev.text)
                || speaker::is_group_source(prev.text)
                || speaker::is_org_head(prev.text));
        // "Stone, who opposed the deal, calls it": a verb after an appositive.
        let after_appositive = prev.kind == Kind::Punct(',')
            && matches!(
                speaker::subject_before(text, tokens, k, floor),
                Some(Subject::Name(_))
            );
        if !names && !after_appositive {
            return None;
        }
    }
    let subject = speaker::subject_before(text, tokens, k, floor)?;
    // "It is noted on the Congressional Website that …": the source, if any, follows.
    if matches!(subject, Subject::Pronoun("it", _))
        && k >= 1
        && matches!(tokens[k - 1].text, "is" | "was" | "been" | "be")
    {
        let source = next
            .filter(|n| matches!(n.text, "on" | "in" | "by"))
            .and_then(|_| speaker::subject_after(text, tokens, k + 2, ceil));
        let subject = match source {
            Some((s, _)) => s,
            None => Subject::Description {
                phrase: "",
                head: "",
                possessor: None,
                indefinite: true,
                at: t.span.start,
            },
        };
        let span = subject_span(text, &subject).map_or(t.span, |s| cover(s, t.span));
        return Some(Cue {
            subject,
            span,
            direct: false,
        });
    }
    let span = cover(subject_span(text, &subject)?, t.span);
    Some(Cue {
        subject,
        span,
        direct: false,
    })
}

/// How many tokens an agent ("by the Chicago-based website") may take between a passive
/// verb of reporting and the participle that gives the reported words.
const AGENT_REACH: usize = 10;

/// A participle of saying ("saying", "as saying") after an agent starting at token `from`,
/// with nothing but the agent's words and commas between: its index.
fn participle_after(tokens: &[Token<'_>], from: usize, ceil: usize) -> Option<usize> {
    let end = ceil.min(from + AGENT_REACH).min(tokens.len());
    for (i, t) in tokens.iter().enumerate().take(end).skip(from) {
        match t.kind {
            Kind::Word if t.is_speech_verb() => return t.text.ends_with("ing").then_some(i),
            Kind::Word if matches!(t.text, "and" | "but" | "or" | "who" | "which") => return None,
            Kind::Word | Kind::Punct(',') => {}
            _ => return None,
        }
    }
    None
}

/// The passive verb of reporting a participle of saying at token `k` completes, with only
/// its agent between: "reported" in "is reported by a website saying".
fn passive_before(tokens: &[Token<'_>], k: usize) -> Option<usize> {
    if !tokens[k].text.ends_with("ing") {
        return None;
    }
    for i in (k.saturating_sub(AGENT_REACH)..k).rev() {
        let t = &tokens[i];
        match t.kind {
            Kind::Word if t.text == "by" => {
                let verb = i.checked_sub(1)?;
                return tokens[verb].is_speech_verb().then_some(verb);
            }
            Kind::Word if t.is_speech_verb() => return None,
            Kind::Word if matches!(t.text, "and" | "but" | "or" | "who" | "which") => return None,
            Kind::Word | Kind::Punct(',') => {}
            _ => return None,
        }
    }
    None
}

/// Whether the words right before token `k` are `words` (case-insensitive).
fn words_before(tokens: &[Token<'_>], k: usize, words: &[&str]) -> bool {
    k >= words.len()
        && tokens[k - words.len()..k]
            .iter()
            .zip(words)
            .all(|(t, w)| t.text.eq_ignore_ascii_case(w))
}

/// The nearest cue before the quotation in its sentence. A speech verb whose subject
/// cannot be read ("and said it was", "whilst promising") lets the search go on to an
/// earlier cue, and failing that to the nearest name before it.
fn cue_before<'a>(text: &'a str, tokens: &[Token<'a>], qi: usize) -> Option<Cue<'a>> {
    // "said: …", "said that …", "blurted out: …", "hit back, …", and in broadcast
    // transcripts the spoken mark: "It reads, quote, …".
    let direct_gap = |k: usize| {
        tokens[k + 1..qi].iter().enumerate().all(|(n, t)| {
            matches!(t.kind, Kind::Punct(_))
                || t.text == "that"
                || t.text == "quote"
                || (n == 0 && speaker::is_verb_particle(t.text))
        })
    };
    let mut orphan_verb: Option<usize> = None;
    for k in (0..qi).rev() {
        let t = &tokens[k];
        if t.kind != Kind::Word {
            continue;
        }
        if let Some(cue) = cue_at(text, tokens, k, 0, qi) {
            // "issued a statement saying": the statement's issuer speaks. ("The
            // statement said" names a document introduced earlier, resolved as such.)
            let unowned_document = matches!(
                &cue.subject,
                Subject::Description { head, possessor: None, indefinite, phrase, .. }
                    if speaker::is_document_noun(head)
                        && (*indefinite || !phrase.starts_with(['T', 't']))
            );
            if !unowned_document {
                let direct = direct_gap(k) || cue.span.end >= tokens[qi - 1].span.end;
                return Some(Cue { direct, ..cue });
            }
            orphan_verb.get_or_insert(k);
            continue;
        }
        if t.is_speech_verb() && orphan_verb.is_none() && !t.needs_direct_words() && !t.is_nounish()
        {
            orphan_verb = Some(k);
        }
    }
    if let Some(v) = orphan_verb {
        // "Prime Minister Jo Ward in a post congratulated the team and said": a second
        // verb joined by "and" shares the subject that opens the sentence.
        if v > 1 && tokens[v - 1].text == "and" {
            if let Some(subject @ Subject::Name(_)) = speaker::name_from(tokens, 0, v - 1) {
                if !speaker::is_place_name(&subject) {
                    let span = cover(subject_span(text, &subject)?, tokens[v].span);
                    return Some(Cue {
                        subject,
                        span,
                        direct: direct_gap(v),
                    });
                }
            }
        }
        // "Sunak defended the government's record whilst promising a "formal update"",
        // "Malaysia Airlines issued a statement saying "…"".
        for k in (0..v).rev() {
            if let Some(subject) = speaker::subject_before(text, tokens, k + 1, 0) {
                // A pronoun speaks only as the sentence's subject ("He made this clear by
                // saying"); a place never does ("… in Afghanistan has criticized …,
                // saying").
                if matches!(subject, Subject::Pronoun(..)) && k > 0
                    || speaker::is_place_name(&subject)
                {
                    continue;
                }
                // A name is a subject only before its verb: "Yayi thanked Bush for coming
                // and praised him": not "Bush for".
                let before_verb = tokens.get(k + 1).is_some_and(|n| {
                    n.kind == Kind::Word
                        && n.text.starts_with(char::is_lowercase)
                        && !speaker::is_preposition(n.text)
                        && !matches!(n.text, "and" | "or" | "but")
                });
                if matches!(subject, Subject::Name(_)) && !before_verb {
                    continue;
                }
                if let Subject::Description {
                    head,
                    ref possessor,
                    ..
                } = subject
                {
                    if possessor.is_none()
                        && !speaker::is_org_head(head)
                        && !speaker::is_role_noun(head)
                    {
                        continue;
                    }
                }
                let span = cover(subject_span(text, &subject)?, tokens[v].span);
                return Some(Cue {
                    subject,
                    span,
                    direct: direct_gap(v),
                });
            }
        }
    }
    // A longer lead-in whose sentence opens with the speaker's name, or has it right
    // after an opening phrase or adverb: "[On Monday,] Tom Reyes, the club's
    // longest-serving fan, has a simple message: "…"", "Finally Reyes listed three
    // demands: "…"". (Not an owner: "Reyes's club issued a warning: …".)
    if qi > 9 && qi <= 40 && tokens[qi - 1].kind == Kind::Punct(':') {
        let after_opening = || {
            let comma = tokens[..qi - 1]
                .iter()
                .position(|t| t.kind == Kind::Punct(','))?;
            speaker::opening_name(tokens, comma + 1, qi - 1)
        };
        let after_adverb = || {
            (tokens[0].kind == Kind::Word && speaker::is_opening_adverb(tokens[0].text))
                .then(|| speaker::opening_name(tokens, 1, qi - 1))
                .flatten()
        };
        let found = speaker::opening_name(tokens, 0, qi - 1)
            .or_else(after_opening)
            .or_else(after_adverb);
        if let Some((first, subject)) = found {
            let n = match &subject {
                Subject::Name(words) => words.len(),
                _ => 0,
            };
            let owner = tokens
                .get((first + n).saturating_sub(1))
                .is_some_and(|t| t.possessive);
            if !owner && !speaker::is_place_name(&subject) {
                let span = cover(subject_span(text, &subject)?, tokens[qi - 1].span);
                return Some(Cue {
                    subject,
                    span,
                    direct: true,
                });
            }
        }
    }
    if let Some(cue) = description_lead_in(text, tokens, qi) {
        return Some(cue);
    }
    // A headline or lead-in: "Stoltenberg in Kiev: "…"".
    if qi >= 2 && tokens[qi - 1].kind == Kind::Punct(':') && qi <= 9 {
        let lead = &tokens[..qi - 1];
        if lead
            .iter()
            .all(|t| t.kind == Kind::Word || matches!(t.kind, Kind::Punct(_)))
        {
            for (k, t) in lead.iter().enumerate() {
                if t.kind == Kind::Word && t.text.chars().next().is_some_and(char::is_uppercase) {
                    if let Some(subject) = speaker::name_from(tokens, k, qi - 1) {
                        let span = cover(subject_span(text, &subject)?, tokens[qi - 1].span);
                        return Some(Cue {
                            subject,
                            span,
                            direct: true,
                        });
                    }
                }
            }
            // "Reports: 'streamlined' …": attributed, but to nobody named.
            if qi <= 4 {
                let span = cover(tokens[0].span, tokens[qi - 1].span);
                return Some(Cue {
                    subject: Subject::Description {
                        phrase: "",
                        head: "",
                        possessor: None,
                        indefinite: true,
                        at: span.start,
                    },
                    span,
                    direct: true,
                });
            }
        }
    }
    None
}

/// A lead-in ending in a colon whose sentence opens with a description of the speaker, or
/// has one right after an opening phrase: "The coach had a message: "…"", "The minister's
/// reply was blunt: "…"", "After the vote, the union had one word: "…"". The description
/// is the subject: its head (a role, an organisation, a group or a message) is followed by
/// a verb.
fn description_lead_in<'a>(text: &'a str, tokens: &[Token<'a>], qi: usize) -> Option<Cue<'a>> {
    if !(3..=40).contains(&qi) || tokens[qi - 1].kind != Kind::Punct(':') {
        return None;
    }
    let colon = qi - 1;
    let opening = tokens[..colon]
        .iter()
        .position(|t| t.kind == Kind::Punct(','))
        .map(|c| c + 1);
    for first in std::iter::once(0).chain(opening) {
        let heads = first..(first + 5).min(colon.saturating_sub(1));
        let Some(h) = heads.into_iter().find(|&h| {
            let t = &tokens[h];
            t.kind == Kind::Word
                && !t.possessive
                && speaker::verb_follows(tokens, h)
                && speaker::is_speaking_head(t.text)
        }) else {
            continue;
        };
        let subject = speaker::subject_at(text, tokens, h, first)?;
        let opens = matches!(
            subject,
            Subject::Description { at, indefinite: false, .. } if at == tokens[first].span.start
        );
        if opens {
            let span = cover(subject_span(text, &subject)?, tokens[colon].span);
            return Some(Cue {
                subject,
                span,
                direct: true,
            });
        }
    }
    None
}

/// The speaker of a quotation its own sentence does not attribute: the quotation it
/// continues, the attribution of the sentence before, the speaker of the paragraph's
/// previous quotation, a lead-in ending the previous paragraph ("Rathbun stated,"), or
/// the person the sentence before names.
fn inherited(
    article: &Article<'_>,
    paras: &[Span],
    raw: &[Raw],
    judged: &[Judged],
    i: usize,
    q: &Raw,
) -> Option<(Option<String>, Option<Span>)> {
    let text = article.text;
    let si = article.sentence_index(q.outer.start)?;
    let para = paras[q.para];
    let sentence_start = article.sentences[si].start.min(q.outer.start);
    // The sentence before, in the same paragraph.
    if si > 0 && article.sentences[si - 1].start >= para.start && sentence_start > para.start {
        let tokens = article.sentence(si - 1);
        for k in (0..tokens.len()).rev() {
            if let Some(cue) = cue_at(text, &tokens, k, 0, tokens.len()) {
                if let Some(speaker) = article.resolve(&cue.subject, cue.span.start) {
                    return Some((Some(speaker), Some(cue.span)));
                }
            }
        }
    }
    // The paragraph's previous quotation.
    if let Some(p) = i.checked_sub(1) {
        if raw[p].para == q.para && judged[p].speaker.is_some() {
            return Some((judged[p].speaker.clone(), judged[p].cue));
        }
    }
    // A paragraph opening with the quotation: the previous paragraph leads in to it.
    if q.outer.start == para.start && q.para > 0 {
        let prev_para = paras[q.para - 1];
        if let Some(p) = i.checked_sub(1) {
            let last_sentence = article
                .sentence_index(prev_para.end.saturating_sub(1))
                .map(|k| article.sentences[k]);
            if raw[p].para == q.para - 1
                && judged[p].speaker.is_some()
                && last_sentence.is_some_and(|s| raw[p].outer.end > s.start)
            {
                return Some((judged[p].speaker.clone(), judged[p].cue));
            }
        }
        let lead = text[prev_para.start..prev_para.end].trim_end();
        if lead.ends_with([':', ',']) {
            let sk = article.sentence_index(prev_para.end.saturating_sub(1))?;
            let tokens = article.sentence(sk);
            for k in (0..tokens.len()).rev() {
                if let Some(cue) = cue_at(text, &tokens, k, 0, tokens.len()) {
                    let speaker = article.resolve(&cue.subject, cue.span.start);
                    return Some((speaker, Some(cue.span)));
                }
            }
            // "Prime Minister Helen Clarke posted on social media:"
            if let Some((speaker, span)) = article.first_person(sk) {
                return Some((Some(speaker), Some(span)));
            }
        }
    }
    // The person the sentence before names: "Vice President of Taxpayers for Common
    // Sense, Steve Ellis, offered his explanation. "…""
    if si > 0 && article.sentences[si - 1].start >= para.start && sentence_start > para.start {
        if let Some((speaker, span)) = article.first_person(si - 1) {
            return Some((Some(speaker), Some(span)));
        }
    }
    // A paragraph opening with the quotation after one that reports the same speaker's
    // words indirectly: "Tran said the theft had forced cuts.¶"We are a small
    // organisation.""
    if q.outer.start == para.start && q.para > 0 {
        let prev_para = paras[q.para - 1];
        let sk = article.sentence_index(prev_para.end.saturating_sub(1))?;
        if article.sentences[sk].start < prev_para.start {
            return None;
        }
        let tokens = article.sentence(sk);
        for k in 0..tokens.len() {
            if !tokens[k].is_speech_verb() {
                continue;
            }
            if let Some(cue) = cue_at(text, &tokens, k, 0, tokens.len()) {
                if let Some(speaker) = article.resolve(&cue.subject, cue.span.start) {
                    return Some((Some(speaker), Some(cue.span)));
                }
            }
        }
        // "The club's owner, Rita Vance, was cautious, saying the squad was young.¶"…"":
        // a participle's words are its sentence's subject's.
        if tokens.iter().any(|t| t.is_speech_verb()) {
            if let Some((speaker, span)) = article.first_person(sk) {
                return Some((Some(speaker), Some(span)));
            }
        }
        // "Tom Reyes, who lives across the road, woke to the smell of smoke.¶"I grabbed
        // the kids and ran."": a paragraph of bare words after one whose last sentence
        // opens with a person as its subject is that person's.
        if let Some((speaker, span)) = article.opening_person(sk) {
            return Some((Some(speaker), Some(span)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<(&str, Option<String>)> {
        let sentences = sentence::sentences(text);
        find(text, &sentences)
            .into_iter()
            .map(|f| (&text[f.span.start..f.span.end], f.speaker))
            .collect()
    }

    fn contents(text: &str) -> Vec<&str> {
        let marks = scan_marks(text);
        let paras = sentence::paragraphs(text);
        let sentences = sentence::sentences(text);
        pair(text, &paras, &sentences, &marks)
            .into_iter()
            .map(|q| &text[q.content.start..q.content.end])
            .collect()
    }

    #[test]
    fn apostrophes_are_not_marks() {
        for t in [
            "Ukraine's place",
            "they don't know",
            "in the '90s and '08",
            "the students' union",
            "rock 'n' roll",
            "O'Brien",
            "Thomas' sister",
        ] {
            let singles: Vec<_> = scan_marks(t).into_iter().filter(|m| m.can_open).collect();
            assert!(singles.is_empty(), "{t:?} has an opening mark: {singles:?}");
        }
    }

    #[test]
    fn curly_marks_lean_by_context() {
        // A misused left mark closing a quotation, as in "decision.“ However".
        let t = "He said: “We are disappointed with the decision.“ However, he left.";
        assert_eq!(contents(t), ["We are disappointed with the decision."]);
    }

    #[test]
    fn single_quotes_pair_around_apostrophes() {
        let t = "'We don't know the students' plans,' she said.";
        assert_eq!(contents(t), ["We don't know the students' plans,"]);
    }

    #[test]
    fn nested_marks_stay_inside() {
        let t = "He said, \"This was not an 'incident', this was a terrorist act\".";
        assert_eq!(
            contents(t),
            ["This was not an 'incident', this was a terrorist act"]
        );
    }

    #[test]
    fn unclosed_mark_stops_at_its_paragraph() {
        let t = "He said \"we will win.\n\nLater \"they lost,\" she said.";
        assert_eq!(contents(t), ["we will win.", "they lost,"]);
    }

    #[test]
    fn stray_mark_does_not_hide_later_quotes() {
        let t = "The 12\" pipe burst. \"We will fix it,\" she said. He called it \"a mess.\"";
        assert_eq!(contents(t), ["We will fix it,", "a mess."]);
    }

    #[test]
    fn multi_paragraph_quotes_split_per_paragraph() {
        let t = "She said: \"One.\n\n\"Two.\n\n\"Three,\" she added.";
        assert_eq!(contents(t), ["One.", "Two.", "Three,"]);
        let t = "He said, \"First part.\n\nSecond part.\" Then he left.";
        assert_eq!(contents(t), ["First part.", "Second part."]);
    }

    #[test]
    fn lost_paragraph_breaks_split_quotes() {
        let t = "He spoke. \"One sentence. \"Another paragraph,\" he said.";
        assert_eq!(contents(t), ["One sentence.", "Another paragraph,"]);
        let t = "He said it was late.\" Nobody came,\" he said.";
        assert_eq!(contents(t), ["Nobody came,"]);
    }

    #[test]
    fn unclosed_mark_stops_at_its_sentence() {
        let t = "He said \"we will win. The game is at noon. Fans queue.";
        assert_eq!(contents(t), ["we will win."]);
    }

    #[test]
    fn double_apostrophes_pair_as_double_marks() {
        let t = "He said ''we don't know'' and left.";
        assert_eq!(contents(t), ["we don't know"]);
    }

    #[test]
    fn title_like_words() {
        assert!(is_title_like("The Internet Explorer 6 Countdown"));
        assert!(is_title_like("Better Idea of Afghan Girls,"));
        assert!(!is_title_like("Ukraine will prevail"));
        assert!(!is_title_like("Cool clock, Ahmed. Want to bring it?"));
    }

    #[test]
    fn speaker_after_the_quote() {
        let t = "\"We will rebuild,\" Mayor Anna Kovacs said on Monday.";
        assert_eq!(
            quotes(t),
            [("We will rebuild,", Some("Anna Kovacs".into()))]
        );
    }

    proptest::proptest! {
        /// Whatever the marks, quotes lie on character boundaries inside one paragraph
        /// and never include a paragraph break of blank lines.
        #[test]
        fn quotes_stay_inside_their_paragraph(
            text in "([A-Za-z]{1,8}|[ ,.:;!?]|\"|'|\u{201c}|\u{201d}|\u{2018}|\u{2019}|\n\n|\n|\u{e9}){0,80}"
        ) {
            let sentences = sentence::sentences(&text);
            for f in find(&text, &sentences) {
                proptest::prop_assert!(f.span.start < f.span.end && f.span.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(f.span.start));
                proptest::prop_assert!(text.is_char_boundary(f.span.end));
                proptest::prop_assert!(!text[f.span.start..f.span.end].contains("\n\n"));
                if let Some(cue) = f.cue {
                    proptest::prop_assert!(cue.end <= text.len() && text.is_char_boundary(cue.start));
                }
            }
        }
    }

    #[test]
    fn scare_quotes_are_dropped() {
        let t = "The minister defended the so-called 'Pacific solution' in parliament.";
        assert!(quotes(t).is_empty());
    }
}
