//! The seam between export and the core's report renderer.
//!
//! Reports are rendered by `factdesk_core::report`; until that module is part of the core
//! this file offers the one format that needs no renderer, the review as JSON, under the
//! same shape of call (`render(format, review)`).

use factdesk_core::review::ArticleReview;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};

/// A report format the export dialog offers.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Format {
    /// What `render` takes ("json").
    pub id: String,
    /// What the editor reads ("JSON").
    pub label: String,
    /// The file name extension, without the dot.
    pub extension: String,
}

/// Every format `render` accepts.
pub fn formats() -> Vec<Format> {
    vec![Format {
        id: "json".into(),
        label: "JSON (the full review)".into(),
        extension: "json".into(),
    }]
}

/// The report of `review` in `format`.
pub fn render(format: &str, review: &ArticleReview) -> Result<String> {
    match format {
        "json" => Ok(serde_json::to_string_pretty(review).expect("a review serializes")),
        other => Err(Error::Invalid(format!(
            "{other:?} is not a report format this build can write"
        ))),
    }
}
