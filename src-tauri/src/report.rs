//! The export dialog's formats and the call into the core's report renderer.

use chrono::Utc;
use factdesk_core::report::{
    self, ClaimSelection, Format as ReportFormat, ReportInput, ReportMeta,
};
use factdesk_core::review::ArticleReview;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};

/// A report format the export dialog offers.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Format {
    /// What `render` takes ("html", "md", "json", "csv", "claimreview").
    pub id: String,
    /// What the editor reads.
    pub label: String,
    /// The file name extension, without the dot.
    pub extension: String,
    /// True when the format needs the address the report will be published at.
    pub needs_publication_url: bool,
}

/// Every format the core renders, in the order the dialog lists them.
pub fn formats() -> Vec<Format> {
    ReportFormat::ALL
        .into_iter()
        .map(|f| Format {
            id: f.as_str().into(),
            label: match f {
                ReportFormat::Html => "HTML page (printable to PDF)",
                ReportFormat::Markdown => "Markdown",
                ReportFormat::Json => "JSON (everything)",
                ReportFormat::Csv => "CSV (one row per claim)",
                ReportFormat::ClaimReview => "schema.org ClaimReview (JSON-LD)",
            }
            .into(),
            extension: f.extension().into(),
            needs_publication_url: f == ReportFormat::ClaimReview,
        })
        .collect()
}

/// The report of `review` in `format`, generated now by `reviewer`.
pub fn render(
    format: &str,
    review: &ArticleReview,
    reviewer: &str,
    publication_url: Option<String>,
) -> Result<String> {
    let format: ReportFormat = format.parse().map_err(Error::Invalid)?;
    let input = ReportInput {
        meta: ReportMeta {
            title: review.article.title.clone(),
            generated_at: Utc::now(),
            generated_by: reviewer.into(),
            scope: None,
            publisher: None,
            publication_url,
        },
        articles: std::slice::from_ref(review),
        selection: ClaimSelection::default(),
    };
    Ok(report::render(format, &input)?)
}
