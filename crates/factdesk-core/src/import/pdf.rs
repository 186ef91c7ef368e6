//! PDF with a text layer into an article.
//!
//! Glyphs come from `pdf-extract` (fonts, encodings and content streams) with their
//! positions; the layout is rebuilt from those:
//!
//! - glyphs on one baseline are one line, in content-stream order (the reading order of
//!   the single-column pages that browsers, word processors and newsroom systems print);
//!   a space glyph is a space, and so is a gap wider than three times the font size (table
//!   columns); on pages
//!   that draw no space glyphs at all, a gap wider than a sixth of the font size is one;
//! - a line running on from the one above is the same paragraph; a new paragraph starts
//!   where the gap between lines is clearly wider than the document's usual line spacing,
//!   where the font size changes, or (for paragraphs set with no space between them, and
//!   across a page break) after a line that ends a sentence short of the right margin, with
//!   room left for the next line's first word; paragraphs are separated by a blank line;
//! - a word broken at a line end with a hyphen ("exam-" / "ple") is rejoined ("example"),
//!   except where the hyphen is part of the word: after a digit, before a capital or a
//!   digit, or where the document writes the same hyphenated word elsewhere on one line;
//!   hyphens inside a line are never touched;
//! - running headers and footers are dropped: a line in the top or bottom margin zone that
//!   recurs (digits aside, so "Page 3 of 9" and bare page numbers count) on at least half
//!   of the pages of a document of two pages or more.
//!
//! Metadata: the Info dictionary's title (unless it is a file name) and author; the date is
//! a dateline in the text, else the creation date.
//!
//! A PDF without a text layer (a scan), an encrypted one that needs a password, and a
//! damaged one are refused with an error naming the file; there is no OCR. `pdf-extract`
//! panics on some malformed input, so it runs inside `catch_unwind` and a panic becomes
//! [`PdfError::Damaged`].

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Once;

use chrono::NaiveDate;
use pdf_extract::{Document, MediaBox, OutputDev, OutputError, Transform};

use crate::store::NewArticle;

/// Why a PDF file could not be read. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The file is not a PDF, or a damaged one (truncated, broken structure).
    #[error("{path}: is not a readable PDF (damaged or truncated: {reason})")]
    Damaged {
        /// The file read.
        path: PathBuf,
        /// What the PDF reader reported.
        reason: String,
    },
    /// The PDF is encrypted and opening it needs a password.
    #[error("{path}: the PDF is encrypted and needs a password; save an unprotected copy and import that")]
    Encrypted {
        /// The file read.
        path: PathBuf,
    },
    /// The PDF has pages but no text on them: a scan or images of text.
    #[error("{path}: the PDF has no text layer ({pages} pages of images only, e.g. a scan); Factdesk does not read text from images (no OCR)")]
    NoTextLayer {
        /// The file read.
        path: PathBuf,
        /// Its number of pages.
        pages: usize,
    },
}

/// Reads the PDF in `bytes` (from `origin`, named in errors) into an article: see the
/// module documentation for how its text is rebuilt. Refuses a damaged or truncated file,
/// an encrypted one needing a password and one with no text layer, with an error naming
/// `origin`; never panics.
pub fn read_pdf(origin: &Path, bytes: &[u8]) -> Result<NewArticle, PdfError> {
    let damaged = |reason: String| PdfError::Damaged {
        path: origin.to_path_buf(),
        reason,
    };
    let (pages, info) = guarded(|| layout(bytes))
        .map_err(|msg| damaged(format!("the PDF reader failed: {msg}")))?
        .map_err(|e| match e {
            LayoutError::Encrypted => PdfError::Encrypted {
                path: origin.to_path_buf(),
            },
            LayoutError::Damaged(reason) => damaged(reason),
        })?;
    let text = page_text(&pages);
    if text.trim().is_empty() {
        return Err(PdfError::NoTextLayer {
            path: origin.to_path_buf(),
            pages: pages.len(),
        });
    }
    let name = origin
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| origin.display().to_string());
    let mut article = super::from_text(&text, &name);
    if let Some(title) = info.title {
        article.title = title;
    }
    article.byline = info.author;
    article.published = article.published.or(info.created);
    Ok(article)
}

/// The number of pages of the PDF in `bytes`, or `None` when it cannot be read.
pub fn page_count(bytes: &[u8]) -> Option<usize> {
    guarded(|| Document::load_mem(bytes).ok().map(|d| d.get_pages().len()))
        .ok()
        .flatten()
}

thread_local! {
    /// Set while this thread runs the PDF reader, whose panics are reported as errors.
    static IN_READER: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, turning a panic into `Err(message)`. The panic message is not printed (the
/// error that follows says what failed); panics elsewhere print as before.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !IN_READER.with(Cell::get) {
                previous(info);
            }
        }));
    });
    IN_READER.with(|c| c.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    IN_READER.with(|c| c.set(false));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unexpected content".into())
    })
}

enum LayoutError {
    Encrypted,
    Damaged(String),
}

/// What the Info dictionary says.
#[derive(Debug, Default)]
struct Info {
    title: Option<String>,
    author: Option<String>,
    created: Option<NaiveDate>,
}

/// One line of text as printed: its text, baseline and horizontal extent.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    /// Baseline, in PDF units from the bottom of the page.
    y: f64,
    x0: f64,
    x1: f64,
    /// Largest font size on the line.
    size: f64,
}

/// One page: its height and lines in content-stream order.
#[derive(Debug, Default)]
struct Page {
    bottom: f64,
    top: f64,
    left: f64,
    right: f64,
    lines: Vec<Line>,
    /// Space glyphs drawn on the page: where there are some, the printer drew every space
    /// and a narrow gap between glyphs is not one.
    space_glyphs: usize,
}

/// Loads the PDF and lays out its pages.
fn layout(bytes: &[u8]) -> Result<(Vec<Page>, Info), LayoutError> {
    let mut doc = Document::load_mem(bytes).map_err(|e| load_error(&e))?;
    if doc.is_encrypted() {
        doc.decrypt("").map_err(|_| LayoutError::Encrypted)?;
    }
    let info = info(&doc);
    let mut lines = Lines::default();
    pdf_extract::output_doc(&doc, &mut lines).map_err(|e| match e {
        OutputError::PdfError(e) => load_error(&e),
        other => LayoutError::Damaged(other.to_string()),
    })?;
    Ok((lines.pages, info))
}

fn load_error(e: &pdf_extract::Error) -> LayoutError {
    match e {
        pdf_extract::Error::Decryption(_) | pdf_extract::Error::InvalidPassword => {
            LayoutError::Encrypted
        }
        other => LayoutError::Damaged(other.to_string()),
    }
}

/// The title, author and creation date of the Info dictionary, where readable.
fn info(doc: &Document) -> Info {
    let Ok(dict) = doc
        .trailer
        .get(b"Info")
        .and_then(|o| doc.dereference(o))
        .and_then(|(_, o)| o.as_dict())
    else {
        return Info::default();
    };
    let get = |key: &[u8]| {
        dict.get(key)
            .ok()
            .and_then(|o| pdf_extract::decode_text_string(o).ok())
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
    };
    let file_name = |t: &String| {
        let lower = t.to_ascii_lowercase();
        [
            ".doc", ".docx", ".odt", ".pdf", ".html", ".htm", ".txt", ".rtf",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
            || lower.starts_with("microsoft word - ")
            || lower == "untitled"
    };
    Info {
        title: get(b"Title").filter(|t| !file_name(t)),
        author: get(b"Author"),
        created: get(b"CreationDate").and_then(|d| {
            let d = d.strip_prefix("D:").unwrap_or(&d);
            NaiveDate::parse_from_str(d.get(..8)?, "%Y%m%d").ok()
        }),
    }
}

/// Collects the glyphs `pdf-extract` reports into lines, page by page.
#[derive(Default)]
struct Lines {
    pages: Vec<Page>,
    /// Where the last glyph ended, to tell a space from a kerning gap.
    last_end: f64,
    /// A space glyph was seen since the last visible one.
    space: bool,
}

impl Lines {
    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }
}

impl OutputDev for Lines {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Page {
            bottom: media_box.lly.min(media_box.ury),
            top: media_box.ury.max(media_box.lly),
            left: media_box.llx.min(media_box.urx),
            right: media_box.urx.max(media_box.llx),
            lines: Vec::new(),
            space_glyphs: 0,
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        let page = self.page();
        let gap = if page.space_glyphs > 0 { "" } else { " " };
        for line in &mut page.lines {
            if line.text.contains(NARROW_GAP) || line.text.contains("  ") {
                line.text = line
                    .text
                    .replace(NARROW_GAP, gap)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
            }
        }
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        let (x, y) = (trm.m31, trm.m32);
        let sx = font_size * (trm.m11 + trm.m21);
        let sy = font_size * (trm.m12 + trm.m22);
        let size = (sx * sy).abs().sqrt().max(0.1);
        let end = x + width * size;
        if char.chars().all(char::is_whitespace) {
            self.space = true;
            self.last_end = end;
            self.page().space_glyphs += 1;
            return Ok(());
        }
        let char = char.replace(['\u{00A0}', '\u{FEFF}'], " ");
        let last_end = self.last_end;
        let space = std::mem::take(&mut self.space);
        self.last_end = end;
        let page = self.page();
        let continues = page
            .lines
            .last()
            .is_some_and(|l| (l.y - y).abs() <= 0.5 * size.min(l.size) && x > l.x0 - size);
        if continues {
            let line = page.lines.last_mut().expect("a line to continue");
            let gap = x - last_end;
            if space || gap > WIDE_GAP * size {
                line.text.push(' ');
            } else if gap > WORD_GAP * size {
                line.text.push(NARROW_GAP);
            }
            line.text.push_str(&char);
            line.x1 = line.x1.max(end);
            line.size = line.size.max(size);
        } else {
            page.lines.push(Line {
                text: char,
                y,
                x0: x,
                x1: end,
                size,
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A horizontal gap between glyphs wider than this share of the font size is a space on a
/// page that draws no space glyphs; narrower ones are kerning and rounding.
const WORD_GAP: f64 = 0.15;

/// A gap wider than this many times the font size is a space on any page (table columns,
/// tab stops). Narrower gaps on pages that draw space glyphs are not trusted: glyph widths
/// read from some embedded fonts are off by half a letter or more.
const WIDE_GAP: f64 = 3.0;

/// Stands for a gap between [`WORD_GAP`] and [`WIDE_GAP`] until the page is complete.
const NARROW_GAP: char = '\u{1}';

/// Share of the page height, from the top and from the bottom, where running headers and
/// footers are looked for.
const MARGIN_ZONE: f64 = 0.12;

/// A line's text with digits made `#` and case and spacing ignored, so "Page 3 of 9" and
/// "Page 4 of 9" are the same running footer.
fn running_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !key.ends_with('#') {
                key.push('#');
            }
        } else if !c.is_whitespace() {
            key.extend(c.to_lowercase());
        }
    }
    key
}

/// Whether each line of each page is a running header or footer (see the module
/// documentation).
fn running_lines(pages: &[Page]) -> Vec<Vec<bool>> {
    let in_zone = |page: &Page, line: &Line| {
        let height = page.top - page.bottom;
        height > 0.0
            && (line.y >= page.top - MARGIN_ZONE * height
                || line.y <= page.bottom + MARGIN_ZONE * height)
    };
    let with_text = pages.iter().filter(|p| !p.lines.is_empty()).count();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in pages {
        let keys: HashSet<String> = page
            .lines
            .iter()
            .filter(|l| in_zone(page, l))
            .map(|l| running_key(&l.text))
            .collect();
        for k in keys {
            *counts.entry(k).or_default() += 1;
        }
    }
    let needed = with_text.div_ceil(2).max(2);
    pages
        .iter()
        .map(|page| {
            page.lines
                .iter()
                .map(|l| {
                    with_text >= 2
                        && in_zone(page, l)
                        && counts.get(&running_key(&l.text)).copied().unwrap_or(0) >= needed
                })
                .collect()
        })
        .collect()
}

/// The usual distance between the baselines of consecutive lines of the document as a
/// multiple of their font size (the median), or `None` when there are no two lines in a
/// row.
fn line_spacing(pages: &[Page], running: &[Vec<bool>]) -> Option<f64> {
    let mut gaps = Vec::new();
    for (page, running) in pages.iter().zip(running) {
        let body: Vec<&Line> = page
            .lines
            .iter()
            .zip(running)
            .filter(|(_, r)| !**r)
            .map(|(l, _)| l)
            .collect();
        for w in body.windows(2) {
            let ratio = (w[0].y - w[1].y) / w[0].size.max(w[1].size);
            if ratio > 0.0 && ratio < 3.0 {
                gaps.push(ratio);
            }
        }
    }
    if gaps.is_empty() {
        return None;
    }
    gaps.sort_by(f64::total_cmp);
    Some(gaps[gaps.len() / 2])
}

/// The text of the pages: paragraphs separated by blank lines, running headers and footers
/// left out, words broken at line ends rejoined.
fn page_text(pages: &[Page]) -> String {
    let running = running_lines(pages);
    let spacing = line_spacing(pages, &running);
    // Paragraphs as lists of lines.
    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    let mut prev: Option<&Line> = None;
    let mut prev_right = f64::MAX;
    for (page, running) in pages.iter().zip(&running) {
        let mut first_on_page = true;
        // The right edge of the text column: where full lines end, or as far from the
        // page's right edge as the text is from its left edge, whichever is further right.
        let body = || page.lines.iter().zip(running).filter(|(_, r)| !**r);
        let left_margin = body().map(|(l, _)| l.x0).fold(f64::MAX, f64::min) - page.left;
        let right = body()
            .map(|(l, _)| l.x1)
            .fold(page.right - left_margin, f64::max);
        for (line, _) in page.lines.iter().zip(running).filter(|(_, r)| !**r) {
            let text = line.text.trim();
            if text.is_empty() {
                continue;
            }
            let new_paragraph = match prev {
                None => true,
                Some(p) if first_on_page => ends_early(p, line, prev_right),
                Some(p) => {
                    let ratio = (p.y - line.y) / p.size.max(line.size);
                    ratio <= 0.0
                        || ratio > 1.3 * spacing.unwrap_or(1.2)
                        || line.size > 1.15 * p.size
                        || p.size > 1.15 * line.size
                        || ends_early(p, line, right)
                }
            };
            if new_paragraph || paragraphs.is_empty() {
                paragraphs.push(Vec::new());
            }
            paragraphs.last_mut().expect("a paragraph").push(text);
            prev = Some(line);
            first_on_page = false;
        }
        if body().next().is_some() {
            prev_right = right;
        }
    }
    // The words written whole on a line, to tell a compound from a broken word.
    let mut vocabulary: HashSet<String> = HashSet::new();
    for line in paragraphs.iter().flatten() {
        let all: Vec<&str> = line.split_whitespace().collect();
        for (i, word) in all.iter().enumerate() {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
            let at_end = i + 1 == all.len() && word.ends_with('-');
            if i > 0 && !at_end {
                vocabulary.insert(word.to_lowercase());
                vocabulary.extend(word.split('-').map(str::to_lowercase));
            }
        }
    }
    paragraphs
        .iter()
        .map(|lines| join_lines(lines, &vocabulary))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Whether `prev` ends a paragraph set with no space between paragraphs: it ends a
/// sentence, and the first word of `next` would have fitted in the room left on it before
/// the column's right edge, with room to spare.
fn ends_early(prev: &Line, next: &Line, right: f64) -> bool {
    if !ends_sentence(&prev.text) {
        return false;
    }
    let chars = next.text.chars().count().max(1) as f64;
    let per_char = (next.x1 - next.x0) / chars;
    let first_word = next.text.split_whitespace().next().unwrap_or("");
    // Generously: glyph widths read from embedded fonts can be a little off.
    let needed = (first_word.chars().count() as f64 + 3.0) * per_char * 1.25;
    right - prev.x1 > needed
}

/// Whether a line ends a sentence (or a heading-like line ending with a colon).
fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ' ']);
    t.ends_with(['.', '!', '?', ':'])
}

/// The lines of one paragraph joined with spaces, a word broken at a line end by a hyphen
/// rejoined unless the hyphen belongs to the word.
fn join_lines(lines: &[&str], vocabulary: &HashSet<String>) -> String {
    let mut out = String::new();
    for line in lines {
        if out.is_empty() {
            out.push_str(line);
            continue;
        }
        let dash = ['-', '\u{00AD}', '\u{2010}', '\u{2013}', '\u{2014}']
            .into_iter()
            .find(|h| out.ends_with(*h));
        match dash {
            Some(h) => {
                let before = &out[..out.len() - h.len_utf8()];
                if before.ends_with(char::is_whitespace) {
                    // A spaced dash ("said - and"): the line break is a space.
                    out.push(' ');
                } else if matches!(h, '\u{2013}' | '\u{2014}') {
                    // An attached dash ("1–0", "word—word") joins without a space.
                } else if broken_word(before, line, h, vocabulary) {
                    out.truncate(before.len());
                }
            }
            None => out.push(' '),
        }
        out.push_str(line);
    }
    out
}

/// Whether `before` + hyphen `h` + line break + `after` is one word broken by hyphenation
/// (true) rather than a hyphenated word broken at its own hyphen. `vocabulary` holds the
/// document's words written whole on a line (and the parts of its hyphenated words): a
/// compound seen whole, or whose two parts are both words of the document while the joined
/// form is not, keeps its hyphen.
fn broken_word(before: &str, after: &str, h: char, vocabulary: &HashSet<String>) -> bool {
    let Some(last) = before.chars().next_back() else {
        return false;
    };
    let Some(next) = after.chars().next() else {
        return false;
    };
    if h == '\u{00AD}' {
        return true;
    }
    if !last.is_alphabetic() || !next.is_alphabetic() || !next.is_lowercase() {
        return false;
    }
    let head = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let tail = after
        .split(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase();
    // The last part of a compound broken before its final part ("state-of-the-" / "art").
    let head_part = head.rsplit('-').next().unwrap_or(&head);
    if vocabulary.contains(&format!("{head}-{tail}")) {
        return false;
    }
    if vocabulary.contains(&format!("{head}{tail}")) {
        return true;
    }
    !(vocabulary.contains(head_part) && vocabulary.contains(tail.split('-').next().unwrap_or("")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, y: f64) -> Line {
        Line {
            text: text.into(),
            y,
            x0: 72.0,
            x1: 500.0,
            size: 11.0,
        }
    }

    fn page(lines: Vec<Line>) -> Page {
        Page {
            bottom: 0.0,
            top: 792.0,
            left: 0.0,
            right: 612.0,
            lines,
            space_glyphs: 0,
        }
    }

    #[test]
    fn paragraphs_hyphens_and_running_lines() {
        let pages = vec![
            page(vec![
                line("Daily Planet 12/5/26", 770.0),
                line("The first exam-", 700.0),
                line("ple shows a so-", 686.0),
                line("called compound; a so-called one.", 672.0),
                line("Second paragraph of 14-", 640.0),
                line("month length, Anglo-", 626.0),
                line("Saxon, and it", 612.0),
                line("1", 30.0),
            ]),
            page(vec![
                line("Daily Planet 12/5/26", 770.0),
                line("goes on over the", 700.0),
                line("page break.", 686.0),
                line("2", 30.0),
            ]),
        ];
        assert_eq!(
            page_text(&pages),
            "The first example shows a so-called compound; a so-called one.\n\n\
             Second paragraph of 14-month length, Anglo-Saxon, and it goes on over the page break."
        );
    }

    #[test]
    fn a_sentence_ending_short_of_the_margin_ends_its_paragraph() {
        let short = |text: &str, y: f64, x1: f64| Line {
            x1,
            ..line(text, y)
        };
        let pages = vec![page(vec![
            short("The council approved the budget on a long", 700.0, 500.0),
            short("Tuesday after a vote.", 686.0, 230.0),
            short(
                "Spending rose by a fifth, to 4.2 million euros,",
                672.0,
                498.0,
            ),
            short("the largest rise in years. Critics said so", 658.0, 495.0),
            short("too.", 644.0, 100.0),
        ])];
        assert_eq!(
            page_text(&pages),
            "The council approved the budget on a long Tuesday after a vote.\n\n\
             Spending rose by a fifth, to 4.2 million euros, the largest rise in years. \
             Critics said so too."
        );
    }

    #[test]
    fn one_page_keeps_its_edge_lines() {
        let pages = vec![page(vec![line("Headline", 770.0), line("Body.", 700.0)])];
        assert_eq!(page_text(&pages), "Headline\n\nBody.");
    }

    #[test]
    fn not_a_pdf_is_an_error_not_a_panic() {
        let err = read_pdf(Path::new("x.pdf"), b"%PDF-1.7\n1 0 obj <<").unwrap_err();
        assert!(err.to_string().contains("x.pdf"), "{err}");
    }
}
