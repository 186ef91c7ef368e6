//! Sentences and paragraphs: the context every claim is reported in, and the window in
//! which a quote's speaker is looked for.

use super::lexicon::abbreviations::abbreviations;
use crate::claim::Span;

/// Splits `text` into sentences, in order, covering every non-blank stretch of it.
///
/// A sentence ends at `.`, `!` or `?` (with any closing quotation marks or brackets after
/// it) when followed by whitespace and then something that can start a sentence, and
/// always at a paragraph break (see [`paragraphs`]). Periods after common abbreviations
/// and initials do not end one. Leading and trailing whitespace is not part of a sentence.
pub fn sentences(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 80 + 1);
    let mut start = 0;
    let mut breaks = ParagraphBreaks::new(text);
    let mut next_break = breaks.next();
    // Jump from terminator to terminator, closing sentences at paragraph breaks on the way.
    for mark in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        while let Some(nl) = next_break.filter(|&nl| nl < mark) {
            push_trimmed(text, start, nl, &mut out);
            start = nl + 1;
            next_break = breaks.next();
        }
        if mark < start {
            // Inside the closing marks of a sentence already ended.
            continue;
        }
        let mut end = mark + 1;
        // Closing quotes and brackets belong to the sentence they close.
        while end < bytes.len() {
            let c = text[end..].chars().next().unwrap_or(' ');
            if matches!(c, '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']') {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        if ends_sentence(text, start, mark, end) {
            push_trimmed(text, start, end, &mut out);
            start = end;
        }
    }
    while let Some(nl) = next_break {
        push_trimmed(text, start, nl, &mut out);
        start = nl + 1;
        next_break = breaks.next();
    }
    push_trimmed(text, start, bytes.len(), &mut out);
    out
}

/// Splits `text` into paragraphs. Where the text separates paragraphs with blank lines, a
/// paragraph is a block of lines between blank lines (single line breaks inside it only
/// wrap lines); otherwise every line is a paragraph.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for nl in ParagraphBreaks::new(text) {
        push_trimmed(text, start, nl, &mut out);
        start = nl + 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// The line breaks that end paragraphs, in order: all of them, or in text with blank
/// lines only those next to a blank line.
struct ParagraphBreaks<'a> {
    text: &'a str,
    lines: memchr::Memchr<'a>,
    /// Whether single line breaks only wrap lines.
    blank_line_paragraphs: bool,
    /// Whether the line before the next break was blank.
    after_blank: bool,
}

impl<'a> ParagraphBreaks<'a> {
    fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let blank_line_paragraphs =
            memchr::memchr_iter(b'\n', bytes).any(|nl| is_blank_line_after(bytes, nl));
        ParagraphBreaks {
            text,
            lines: memchr::memchr_iter(b'\n', bytes),
            blank_line_paragraphs,
            after_blank: false,
        }
    }
}

impl Iterator for ParagraphBreaks<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let bytes = self.text.as_bytes();
        for nl in self.lines.by_ref() {
            if !self.blank_line_paragraphs {
                return Some(nl);
            }
            let before_blank = is_blank_line_after(bytes, nl);
            let hard = before_blank || self.after_blank;
            self.after_blank = before_blank;
            if hard {
                return Some(nl);
            }
        }
        None
    }
}

/// Whether the line after the line break at `nl` is blank (only spaces, tabs or a
/// carriage return before the next line break).
fn is_blank_line_after(bytes: &[u8], nl: usize) -> bool {
    bytes[nl + 1..]
        .iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\r'))
        .is_some_and(|&b| b == b'\n')
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

/// Whether the terminator at `mark` (with closers up to `after`) ends the sentence that
/// began at `start`.
fn ends_sentence(text: &str, start: usize, mark: usize, after: usize) -> bool {
    let rest = &text[after..];
    let Some(first) = rest.chars().next() else {
        return true;
    };
    if !first.is_whitespace() {
        return false;
    }
    let next = rest.trim_start_matches([' ', '\t', '\u{a0}']);
    let Some(next_char) = next.chars().next() else {
        return true;
    };
    if next_char == '\n' || next_char == '\r' {
        return true;
    }
    let can_start = next_char.is_uppercase()
        || next_char.is_ascii_digit()
        || matches!(
            next_char,
            '"' | '\'' | '\u{201c}' | '\u{2018}' | '(' | '[' | '-' | '\u{2014}'
        );
    if !can_start {
        return false;
    }
    if text.as_bytes()[mark] != b'.' {
        return true;
    }
    // The word before the period: an abbreviation or an initial does not end a sentence.
    let before = &text[start..mark];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '\u{201c}')
        .next()
        .unwrap_or("");
    if abbreviations().contains(word) {
        return false;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // A single capital letter: an initial, as in "John F. Kennedy".
        if c.is_uppercase() {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        sentences(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn splits_on_terminators_and_line_breaks() {
        let t = "Stoltenberg arrived. He met Zelensky!\nA new line starts here";
        assert_eq!(
            texts(t),
            [
                "Stoltenberg arrived.",
                "He met Zelensky!",
                "A new line starts here"
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials_inside() {
        let t = "Mr. Smith met Dr. Jones in the U.S. capital. John F. Kennedy spoke.";
        assert_eq!(
            texts(t),
            [
                "Mr. Smith met Dr. Jones in the U.S. capital.",
                "John F. Kennedy spoke."
            ]
        );
    }

    #[test]
    fn closing_quote_belongs_to_the_sentence() {
        let t = "\"Ukraine will prevail.\" He said it twice.";
        assert_eq!(texts(t), ["\"Ukraine will prevail.\"", "He said it twice."]);
    }

    #[test]
    fn wrapped_lines_stay_in_their_paragraph() {
        let t = "He said the plan would\nwork well. \"We are\nready,\" she said.\n\nNext one.";
        assert_eq!(
            texts(t),
            [
                "He said the plan would\nwork well.",
                "\"We are\nready,\" she said.",
                "Next one."
            ]
        );
        let p: Vec<&str> = paragraphs(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn paragraphs_skip_blank_lines() {
        let t = "One.\n\n  Two. Three.  \n";
        let p: Vec<&str> = paragraphs(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(p, ["One.", "Two. Three."]);
    }
}
