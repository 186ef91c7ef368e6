//! The JSON report: everything the report covers (articles with their full text, claims
//! with values, verdicts, notes and sources, and each claim's history) as one versioned
//! document. Its schema is documented in `docs/report-json.md`.

use std::io::Write;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::claim::ClaimKind;
use crate::consistency::{flags_by_claim, ClaimFlag};
use crate::review::{Article, HistoryEvent, ReviewedClaim};

use super::{
    select, sentence_text, status_label, value_text, ClaimSelection, Publisher, ReportError,
    ReportInput, StatusCounts,
};

/// The version of the JSON report's schema, written as `schema_version`. It goes up by one
/// whenever a field is removed, renamed or changes meaning; adding a field keeps it.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    report: ReportSection<'a>,
    selection: &'a ClaimSelection,
    summary: Summary,
    articles: Vec<ArticleSection<'a>>,
}

#[derive(Serialize)]
struct ReportSection<'a> {
    title: &'a str,
    generated_at: DateTime<Utc>,
    generated_by: &'a str,
    scope: Option<&'a str>,
    publisher: Option<&'a Publisher>,
    publication_url: Option<&'a str>,
}

#[derive(Serialize)]
struct Summary {
    articles: usize,
    claims: usize,
    dismissed: usize,
    by_status: StatusCounts,
    by_kind: ByKind,
}

#[derive(Serialize)]
struct ByKind {
    figure: StatusCounts,
    date: StatusCounts,
    quote: StatusCounts,
}

#[derive(Serialize)]
struct ArticleSection<'a> {
    article: &'a Article,
    counts: StatusCounts,
    claims: Vec<ClaimSection<'a>>,
    history: Vec<&'a HistoryEvent>,
}

#[derive(Serialize)]
struct ClaimSection<'a> {
    number: Option<usize>,
    #[serde(flatten)]
    reviewed: &'a ReviewedClaim,
    verdict_label: &'static str,
    value_text: Option<String>,
    sentence_text: &'a str,
    /// The consistency checks that flagged the claim (see `consistency`).
    flags: Vec<ClaimFlag>,
}

/// Writes the JSON report of `input` to `out` (pretty-printed, ending with a line break).
pub(crate) fn write(input: &ReportInput<'_>, out: &mut dyn Write) -> Result<(), ReportError> {
    let selected = select(input);
    let all = || {
        selected
            .iter()
            .flat_map(|s| s.claims.iter().map(|n| n.claim))
    };
    let of_kind = |kind: ClaimKind| StatusCounts::of(all().filter(|c| c.claim.kind == kind));
    let meta = &input.meta;
    let document = Document {
        schema_version: SCHEMA_VERSION,
        report: ReportSection {
            title: &meta.title,
            generated_at: meta.generated_at,
            generated_by: &meta.generated_by,
            scope: meta.scope.as_deref(),
            publisher: meta.publisher.as_ref(),
            publication_url: meta.publication_url.as_deref(),
        },
        selection: &input.selection,
        summary: Summary {
            articles: selected.len(),
            claims: StatusCounts::of(all()).total(),
            dismissed: all().filter(|c| c.dismissed).count(),
            by_status: StatusCounts::of(all()),
            by_kind: ByKind {
                figure: of_kind(ClaimKind::Figure),
                date: of_kind(ClaimKind::Date),
                quote: of_kind(ClaimKind::Quote),
            },
        },
        articles: selected
            .iter()
            .map(|s| (s, flags_by_claim(s.review)))
            .map(|(s, mut flags)| ArticleSection {
                article: &s.review.article,
                counts: StatusCounts::of(s.claims.iter().map(|n| n.claim)),
                claims: s
                    .claims
                    .iter()
                    .map(|n| ClaimSection {
                        number: n.number,
                        reviewed: n.claim,
                        verdict_label: status_label(n.claim.status),
                        value_text: value_text(&n.claim.claim),
                        sentence_text: sentence_text(s.review, &n.claim.claim),
                        flags: flags.remove(&n.claim.id).unwrap_or_default(),
                    })
                    .collect(),
                history: s
                    .review
                    .history
                    .iter()
                    .filter(|h| s.claims.iter().any(|n| n.claim.id == h.claim_id))
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")?;
    Ok(())
}
