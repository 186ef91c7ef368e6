//! Fact-check reports: what leaves the newsroom.
//!
//! A report renders a list of [`ArticleReview`]s (one article, several, or the result of a
//! search the caller ran) in one of five [`Format`]s:
//!
//! - [`Format::Html`]: one self-contained page (inline CSS, no script, no network) with the
//!   article text, every claim highlighted by verdict and numbered to a footnote, a summary
//!   table, an SVG chart and print rules for "Save as PDF".
//! - [`Format::Markdown`]: the same content for a CMS or a ticket.
//! - [`Format::Json`]: everything, versioned (`docs/report-json.md`).
//! - [`Format::Csv`]: one row per claim, for spreadsheets.
//! - [`Format::ClaimReview`]: schema.org ClaimReview JSON-LD, one per reviewed claim
//!   (`docs/claimreview.md`).
//!
//! HTML and Markdown come from the templates in `crates/factdesk-core/templates/`, compiled
//! into the library, with escaping on for every value. Rendering never reads the clock: the
//! caller passes the report's time in [`ReportMeta`].
//!
//! Reports stream: [`write_stream`] reads the articles from a [`ReviewSource`] (such as the
//! store's [`crate::store::ScopeReviews`]) in two passes, one for the summary and one that
//! renders, writes and drops each article, so memory is bounded by the largest article
//! however many there are. Output is linear in the input in every format: a claim's long
//! sentence is shown as a window around the claim ([`SENTENCE_LIMIT`]). Only http and https
//! addresses become links or `url` fields. [`render`] and [`write`] do the same for
//! articles already in memory.

mod claimreview;
mod csv;
mod html;
mod json;
mod markdown;
mod templates;
mod view;

use std::borrow::Cow;
use std::io::Write;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::claim::{Claim, ClaimKind, ClaimValue};
pub(crate) use crate::review::StatusCounts;
use crate::review::{ArticleReview, ReviewedClaim, Status};

pub use claimreview::{rating, Rating, BEST_RATING, WORST_RATING};
pub use json::SCHEMA_VERSION;

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A self-contained HTML page, printable to PDF.
    Html,
    /// Markdown (CommonMark with GitHub footnotes).
    Markdown,
    /// The versioned JSON document described in `docs/report-json.md`.
    Json,
    /// Comma-separated values, one row per claim.
    Csv,
    /// schema.org ClaimReview JSON-LD, one object per reviewed claim.
    ClaimReview,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 5] = [
        Format::Html,
        Format::Markdown,
        Format::Json,
        Format::Csv,
        Format::ClaimReview,
    ];

    /// The name used on the command line: `html`, `md`, `json`, `csv`, `claimreview`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::ClaimReview => "claimreview",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::ClaimReview => "jsonld",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    /// Accepts the names of [`Format::as_str`] plus `markdown` and `jsonld`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "html" | "htm" => Ok(Format::Html),
            "md" | "markdown" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            "claimreview" | "jsonld" | "json-ld" => Ok(Format::ClaimReview),
            other => Err(format!(
                "unknown report format {other:?} (expected one of: html, md, json, csv, claimreview)"
            )),
        }
    }
}

/// The organisation that publishes the fact checks (the ClaimReview author).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publisher {
    /// Its name, as readers know it.
    pub name: String,
    /// Its home page.
    pub url: Option<String>,
}

/// What the caller says about the report itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportMeta {
    /// The report's title.
    pub title: String,
    /// When it was generated (UTC); rendering never reads the clock.
    pub generated_at: DateTime<Utc>,
    /// Who generated it.
    pub generated_by: String,
    /// What it covers, in words: the query or filter that chose the articles
    /// ("query: NATO · status: disputed"); `None` for a report on articles picked by hand.
    pub scope: Option<String>,
    /// The fact-checking organisation, when there is one.
    pub publisher: Option<Publisher>,
    /// The address where this report will be published. ClaimReview needs it (every
    /// ClaimReview's `url` is this address with the claim's anchor); the other formats
    /// only show it.
    pub publication_url: Option<String>,
}

/// Which claims of the given articles a report shows. The default shows every claim that
/// is not dismissed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClaimSelection {
    /// Only claims with one of these verdicts; empty means every verdict.
    #[serde(default)]
    pub statuses: Vec<Status>,
    /// Only claims of these kinds; empty means every kind.
    #[serde(default)]
    pub kinds: Vec<ClaimKind>,
    /// Also list claims dismissed as "not a claim" (flagged, never highlighted or counted).
    #[serde(default)]
    pub include_dismissed: bool,
    /// Only claims whose current verdict was given at or after this time ("all disputed
    /// claims this week").
    #[serde(default)]
    pub reviewed_since: Option<DateTime<Utc>>,
}

impl ClaimSelection {
    /// True when `claim` is in the selection.
    pub fn admits(&self, claim: &ReviewedClaim) -> bool {
        (self.include_dismissed || !claim.dismissed)
            && (self.statuses.is_empty() || self.statuses.contains(&claim.status))
            && (self.kinds.is_empty() || self.kinds.contains(&claim.claim.kind))
            && self
                .reviewed_since
                .is_none_or(|since| claim.reviewed_at.is_some_and(|at| at >= since))
    }

    /// True when the selection narrows by verdict or kind (then articles with no selected
    /// claim are left out of the report).
    pub fn is_narrowed(&self) -> bool {
        !self.statuses.is_empty() || !self.kinds.is_empty() || self.reviewed_since.is_some()
    }
}

/// Everything a report renders, for articles already in memory.
#[derive(Debug, Clone)]
pub struct ReportInput<'a> {
    /// About the report.
    pub meta: ReportMeta,
    /// The articles, in the order the report lists them.
    pub articles: &'a [ArticleReview],
    /// Which of their claims to show.
    pub selection: ClaimSelection,
}

/// Where a streamed report's articles come from.
///
/// A report walks its source more than once (a first pass counts the claims for the
/// summary, a second renders each article), so every walk must give the same reviews in
/// the same order. Each review may be dropped as soon as `f` returns: a source that reads
/// them one at a time keeps a report's memory bounded by its largest article.
pub trait ReviewSource {
    /// Calls `f` with each review in report order, stopping at the first error.
    fn each(
        &self,
        f: &mut dyn FnMut(&ArticleReview) -> Result<(), ReportError>,
    ) -> Result<(), ReportError>;
}

impl ReviewSource for [ArticleReview] {
    fn each(
        &self,
        f: &mut dyn FnMut(&ArticleReview) -> Result<(), ReportError>,
    ) -> Result<(), ReportError> {
        self.iter().try_for_each(f)
    }
}

impl ReviewSource for Vec<ArticleReview> {
    fn each(
        &self,
        f: &mut dyn FnMut(&ArticleReview) -> Result<(), ReportError>,
    ) -> Result<(), ReportError> {
        self.as_slice().each(f)
    }
}

/// Everything a streamed report renders: like [`ReportInput`], with the articles read
/// from a [`ReviewSource`] (for example [`crate::store::ScopeReviews`]).
pub struct StreamInput<'a> {
    /// About the report.
    pub meta: ReportMeta,
    /// The articles, in the order the report lists them.
    pub source: &'a dyn ReviewSource,
    /// Which of their claims to show.
    pub selection: ClaimSelection,
}

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// ClaimReview markup needs the address the report is published at.
    #[error(
        "ClaimReview needs the address where the report will be published \
         (set the publication URL); each ClaimReview's url points into that page"
    )]
    MissingPublicationUrl,
    /// The publication address is not an http or https address.
    #[error("the publication URL must be an http:// or https:// address, not {0:?}")]
    BadPublicationUrl(String),
    /// A template failed to render (a defect in the templates, never in the data).
    #[error("report template {template}: {source}")]
    Template {
        /// The template's name.
        template: &'static str,
        /// What the template engine reported.
        source: minijinja::Error,
    },
    /// Serializing JSON failed.
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Writing CSV failed.
    #[error("writing CSV: {0}")]
    Csv(#[from] ::csv::Error),
    /// Writing to the destination failed.
    #[error("writing the report: {0}")]
    Io(#[from] std::io::Error),
    /// Reading the articles from the store failed.
    #[error("reading the articles: {0}")]
    Store(#[from] crate::store::StoreError),
}

/// Renders the report in `format` and returns it as text.
///
/// The output depends only on `input`: the same input gives the same bytes.
pub fn render(format: Format, input: &ReportInput<'_>) -> Result<String, ReportError> {
    let mut out = Vec::with_capacity(estimate_size(input));
    write(format, input, &mut out)?;
    // Every format is written from `&str` pieces, so the bytes are UTF-8.
    Ok(String::from_utf8(out).expect("reports are written as UTF-8"))
}

/// Writes the report in `format` to `out`.
///
/// Nothing is written when a precondition fails ([`ReportError::MissingPublicationUrl`]);
/// an I/O error may leave a partial report behind.
pub fn write(
    format: Format,
    input: &ReportInput<'_>,
    out: &mut dyn Write,
) -> Result<(), ReportError> {
    let ctx = Ctx {
        meta: &input.meta,
        selection: &input.selection,
        source: &SliceSource(input.articles),
    };
    ctx.write(format, out)
}

/// Writes the report in `format` of the articles `input.source` yields to `out`, one
/// article at a time: memory stays bounded by the largest article, however many there
/// are. The output is the same as [`write`]'s for the same articles.
pub fn write_stream(
    format: Format,
    input: &StreamInput<'_>,
    out: &mut dyn Write,
) -> Result<(), ReportError> {
    let ctx = Ctx {
        meta: &input.meta,
        selection: &input.selection,
        source: input.source,
    };
    ctx.write(format, out)
}

struct SliceSource<'a>(&'a [ArticleReview]);

impl ReviewSource for SliceSource<'_> {
    fn each(
        &self,
        f: &mut dyn FnMut(&ArticleReview) -> Result<(), ReportError>,
    ) -> Result<(), ReportError> {
        self.0.each(f)
    }
}

/// A report being written: what it says about itself, which claims it shows and where
/// its articles come from.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub meta: &'a ReportMeta,
    pub selection: &'a ClaimSelection,
    pub source: &'a dyn ReviewSource,
}

impl Ctx<'_> {
    fn write(&self, format: Format, out: &mut dyn Write) -> Result<(), ReportError> {
        match format {
            Format::Html => html::write(self, out),
            Format::Markdown => markdown::write(self, out),
            Format::Json => json::write(self, out),
            Format::Csv => csv::write(self, out),
            Format::ClaimReview => claimreview::write(self, out),
        }
    }

    /// Calls `f` with each article the report shows, its claims selected and numbered
    /// 1, 2, 3… across the whole report (the numbers every format shares).
    pub fn each_selected(
        &self,
        f: &mut dyn FnMut(&Selected<'_>) -> Result<(), ReportError>,
    ) -> Result<(), ReportError> {
        let mut next = 1;
        self.source.each(
            &mut |review| match select_one(review, self.selection, &mut next) {
                Some(selected) => f(&selected),
                None => Ok(()),
            },
        )
    }

    /// The first pass: counts of what the report shows; `per_article` sees each article.
    pub fn tally(&self, per_article: &mut dyn FnMut(&Selected<'_>)) -> Result<Tally, ReportError> {
        let mut tally = Tally {
            articles: 0,
            shown: StatusCounts::default(),
            by_kind: ClaimKind::ALL
                .iter()
                .map(|k| (*k, StatusCounts::default()))
                .collect(),
            dismissed: 0,
        };
        self.each_selected(&mut |s| {
            tally.articles += 1;
            for n in &s.claims {
                if n.claim.dismissed {
                    tally.dismissed += 1;
                    continue;
                }
                tally.shown.add(n.claim.status, 1);
                if let Some((_, counts)) = tally
                    .by_kind
                    .iter_mut()
                    .find(|(k, _)| *k == n.claim.claim.kind)
                {
                    counts.add(n.claim.status, 1);
                }
            }
            per_article(s);
            Ok(())
        })?;
        Ok(tally)
    }
}

/// What a report shows, counted: articles, shown claims by verdict and by kind, and the
/// dismissed claims listed.
#[derive(Debug, Clone)]
pub(crate) struct Tally {
    pub articles: usize,
    pub shown: StatusCounts,
    pub by_kind: Vec<(ClaimKind, StatusCounts)>,
    pub dismissed: usize,
}

/// A rough output size, so rendering rarely reallocates.
fn estimate_size(input: &ReportInput<'_>) -> usize {
    input
        .articles
        .iter()
        .map(|a| a.article.text.len() * 2 + a.claims.len() * 600)
        .sum::<usize>()
        + 16 * 1024
}

/// A selected claim with its footnote number (`None` for a dismissed claim, which gets no
/// footnote in the text).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Numbered<'a> {
    pub number: Option<usize>,
    pub claim: &'a ReviewedClaim,
}

/// An article as the report shows it: its selected claims, numbered.
#[derive(Debug, Clone)]
pub(crate) struct Selected<'a> {
    pub review: &'a ArticleReview,
    pub claims: Vec<Numbered<'a>>,
}

/// Applies the selection to one article and numbers its shown claims in document order,
/// from `next` on; `None` when a narrowed selection leaves the article nothing to show.
pub(crate) fn select_one<'a>(
    review: &'a ArticleReview,
    selection: &ClaimSelection,
    next: &mut usize,
) -> Option<Selected<'a>> {
    let mut claims: Vec<&ReviewedClaim> = review
        .claims
        .iter()
        .filter(|c| selection.admits(c))
        .collect();
    if claims.is_empty() && selection.is_narrowed() {
        return None;
    }
    claims.sort_by_key(|c| (c.claim.start, c.claim.end));
    let claims = claims
        .into_iter()
        .map(|claim| {
            let number = (!claim.dismissed).then(|| {
                *next += 1;
                *next - 1
            });
            Numbered { number, claim }
        })
        .collect();
    Some(Selected { review, claims })
}

/// An article's provenance as a report shows it: a web address whole, a file by its name
/// only (the folders it sits in are the editor's own business, not the report's).
pub fn shown_source(p: &crate::review::Provenance) -> crate::review::Provenance {
    let source = if is_web_link(&p.source) {
        p.source.clone()
    } else {
        std::path::Path::new(&p.source)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.source.clone())
    };
    crate::review::Provenance {
        source,
        ..p.clone()
    }
}

/// True for an http or https address: the only ones a report turns into links or `url`
/// fields, so a `javascript:` or `data:` address can never run.
pub fn is_web_link(url: &str) -> bool {
    let url = url.trim_start();
    ["http://", "https://"].iter().any(|scheme| {
        url.get(..scheme.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
    })
}

/// `url` when it is an http or https address.
pub(crate) fn web_url(url: Option<&str>) -> Option<&str> {
    url.filter(|u| is_web_link(u))
}

/// The verdict as a reader sees it ("False", "Verified").
pub(crate) fn status_label(status: Status) -> &'static str {
    match status {
        Status::Unchecked => "Unchecked",
        Status::Verified => "Verified",
        Status::Disputed => "Disputed",
        Status::False => "False",
        Status::Misleading => "Misleading",
        Status::Unverifiable => "Unverifiable",
    }
}

/// The kind as a reader sees it, singular and plural.
pub(crate) fn kind_label(kind: ClaimKind) -> (&'static str, &'static str) {
    match kind {
        ClaimKind::Figure => ("Figure", "Figures"),
        ClaimKind::Date => ("Date", "Dates"),
        ClaimKind::Quote => ("Quote", "Quotes"),
    }
}

/// The claim's normalized value in words ("more than 15,000,000,000 EUR", "40 percent",
/// "2022-02"): the one wording reports, the command line and the app all show. `None` for
/// quotes and for values that are not one number (scores).
pub fn value_text(claim: &Claim) -> Option<String> {
    match claim.value.as_ref()? {
        ClaimValue::Figure(v) => {
            let amount = v.amount?;
            let mut out = String::new();
            if let Some(q) = &v.qualifier {
                out.push_str(q);
                out.push(' ');
            }
            out.push_str(&amount_text(amount));
            if let Some(upper) = v.upper {
                out.push('–');
                out.push_str(&amount_text(upper));
            }
            if let Some(unit) = &v.unit {
                out.push(' ');
                out.push_str(unit);
            }
            Some(out)
        }
        ClaimValue::Date(v) => v.iso.clone(),
    }
}

/// A figure's amount as reports and the command line show it: grouped by thousands with
/// no needless decimals (15000000000 → "15,000,000,000", 2.5 → "2.5"), and in scientific
/// notation when its magnitude is 10^15 or more, or below 10^-6 (-1e308 → "-1e308"), so
/// no amount ever prints as hundreds of digits.
pub fn format_amount(amount: f64) -> String {
    if !amount.is_finite() {
        return format!("{amount}");
    }
    let magnitude = amount.abs();
    if magnitude >= 1e15 || (magnitude != 0.0 && magnitude < 1e-6) {
        return format!("{amount:e}");
    }
    let plain = if amount.fract() == 0.0 {
        format!("{}", amount as i64)
    } else {
        format!("{amount}")
    };
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", plain.as_str()),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

pub(crate) use format_amount as amount_text;

/// A sentence longer than this many bytes is not repeated whole beside each of its
/// claims: the report shows a window around the claim instead.
pub const SENTENCE_LIMIT: usize = 400;

/// How much of the sentence a window keeps on each side of the claim, in bytes.
const WINDOW_CONTEXT: usize = 160;

/// The claim's sentence as a report shows it beside the claim: the whole sentence,
/// trimmed, when it has at most [`SENTENCE_LIMIT`] bytes; otherwise a window of at most
/// that many bytes around the claim, with "…" where the sentence goes on. (An article
/// whose figures all sit in one long line would otherwise repeat that line once per
/// claim.) The sentence's full span stays in the claim's offsets. Empty when the span
/// does not fit the text.
pub(crate) fn sentence_text<'a>(review: &'a ArticleReview, claim: &Claim) -> Cow<'a, str> {
    let text = review.article.text.as_str();
    let Some(whole) = text.get(claim.sentence.start..claim.sentence.end) else {
        return Cow::Borrowed("");
    };
    let trimmed = whole.trim();
    if trimmed.len() <= SENTENCE_LIMIT {
        return Cow::Borrowed(trimmed);
    }
    let start = claim.sentence.start + (whole.len() - whole.trim_start().len());
    let end = start + trimmed.len();
    let at = claim.start.clamp(start, end);
    let mut from = at.saturating_sub(WINDOW_CONTEXT).max(start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = claim
        .end
        .clamp(at, end)
        .saturating_add(WINDOW_CONTEXT)
        .min(end)
        .min(from + SENTENCE_LIMIT);
    while to > from && !text.is_char_boundary(to) {
        to -= 1;
    }
    let mut out = String::with_capacity(to - from + 8);
    if from > start {
        out.push('…');
    }
    out.push_str(text[from..to].trim());
    if to < end {
        out.push('…');
    }
    Cow::Owned(out)
}

/// True when the claim's span lies inside the article text on character boundaries, so it
/// can be highlighted.
pub(crate) fn placeable(review: &ArticleReview, claim: &Claim) -> bool {
    claim.start < claim.end && review.article.text.get(claim.start..claim.end).is_some()
}

/// Collapses every run of whitespace (line breaks included) to one space.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The anchor of a claim's footnote in the HTML report (`claim-c12`).
pub(crate) fn claim_anchor(claim: &ReviewedClaim) -> String {
    let safe: String = claim
        .id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("claim-{safe}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_grouped_by_thousands_without_needless_decimals() {
        assert_eq!(amount_text(15_000_000_000.0), "15,000,000,000");
        assert_eq!(amount_text(325.0), "325");
        assert_eq!(amount_text(2.5), "2.5");
        assert_eq!(amount_text(-1234.75), "-1,234.75");
        assert_eq!(amount_text(1000.0), "1,000");
        assert_eq!(amount_text(0.0), "0");
        assert_eq!(amount_text(999_999_999_999_999.0), "999,999,999,999,999");
    }

    #[test]
    fn huge_and_tiny_amounts_are_in_scientific_notation() {
        assert_eq!(amount_text(-1e308), "-1e308");
        assert_eq!(amount_text(1e15), "1e15");
        assert_eq!(amount_text(2.5e-9), "2.5e-9");
        assert_eq!(amount_text(f64::MAX).len(), "1.7976931348623157e308".len());
        assert_eq!(amount_text(f64::NAN), "NaN");
    }

    #[test]
    fn formats_parse_from_their_cli_names() {
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>(), Ok(f));
        }
        assert_eq!("Markdown".parse::<Format>(), Ok(Format::Markdown));
        assert!("pdf".parse::<Format>().unwrap_err().contains("claimreview"));
    }
}
