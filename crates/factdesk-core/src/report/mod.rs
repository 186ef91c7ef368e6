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

mod claimreview;
mod csv;
mod html;
mod json;
mod markdown;
mod templates;
mod view;

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

/// Everything a report renders.
#[derive(Debug, Clone)]
pub struct ReportInput<'a> {
    /// About the report.
    pub meta: ReportMeta,
    /// The articles, in the order the report lists them.
    pub articles: &'a [ArticleReview],
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
    match format {
        Format::Html => html::write(input, out),
        Format::Markdown => markdown::write(input, out),
        Format::Json => json::write(input, out),
        Format::Csv => csv::write(input, out),
        Format::ClaimReview => claimreview::write(input, out),
    }
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

/// Applies the selection and numbers the shown claims 1, 2, 3… across the whole report,
/// in article order then document order (the numbers every format shares).
pub(crate) fn select<'a>(input: &ReportInput<'a>) -> Vec<Selected<'a>> {
    let mut next = 1;
    let mut out = Vec::with_capacity(input.articles.len());
    for review in input.articles {
        let mut claims: Vec<&ReviewedClaim> = review
            .claims
            .iter()
            .filter(|c| input.selection.admits(c))
            .collect();
        if claims.is_empty() && input.selection.is_narrowed() {
            continue;
        }
        claims.sort_by_key(|c| (c.claim.start, c.claim.end));
        let claims = claims
            .into_iter()
            .map(|claim| {
                let number = (!claim.dismissed).then(|| {
                    next += 1;
                    next - 1
                });
                Numbered { number, claim }
            })
            .collect();
        out.push(Selected { review, claims });
    }
    out
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

/// The claim's normalized value in words ("more than 15,000,000,000 EUR", "2022-02");
/// `None` for quotes and for values that are not one number (scores).
pub(crate) fn value_text(claim: &Claim) -> Option<String> {
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

/// A number with thousands separators and no needless decimals (15000000000 → "15,000,000,000",
/// 2.5 → "2.5").
pub(crate) fn amount_text(amount: f64) -> String {
    let plain = if amount.fract() == 0.0 && amount.abs() < 1e18 {
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
    if !int.bytes().all(|b| b.is_ascii_digit()) {
        return plain; // "inf", "NaN", exponent forms: shown as Rust prints them
    }
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

/// The text of the claim's sentence in the article, on one line; empty when the sentence
/// span does not fit the text.
pub(crate) fn sentence_text<'a>(review: &'a ArticleReview, claim: &Claim) -> &'a str {
    review
        .article
        .text
        .get(claim.sentence.start..claim.sentence.end)
        .map(str::trim)
        .unwrap_or("")
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
