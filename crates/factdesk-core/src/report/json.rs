//! The JSON report: everything the report covers (articles with their full text, claims
//! with values, verdicts, notes and sources, and each claim's history) as one versioned
//! document. Its schema is documented in `docs/report-json.md`.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::io::Write;

use chrono::{DateTime, Utc};
use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::claim::ClaimKind;
use crate::consistency::{flags_by_claim, ClaimFlag};
use crate::desk::SignOff;
use crate::review::{Article, HistoryEvent, ReviewedClaim};

use super::{
    sentence_text, status_label, value_text, web_url, ClaimSelection, Ctx, Publisher, ReportError,
    Selected, StatusCounts,
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
    articles: Articles<'a>,
}

#[derive(Serialize)]
struct ReportSection<'a> {
    title: &'a str,
    generated_at: DateTime<Utc>,
    generated_by: &'a str,
    scope: Option<&'a str>,
    publisher: Option<Cow<'a, Publisher>>,
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
struct ArticleSection<'a, 's> {
    article: Cow<'a, Article>,
    counts: StatusCounts,
    claims: Claims<'a, 's>,
    history: Vec<&'a HistoryEvent>,
    /// The editors who signed the article off on its desk, with when (left out when none).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    sign_offs: &'a [SignOff],
}

#[derive(Serialize)]
struct ClaimSection<'a> {
    number: Option<usize>,
    #[serde(flatten)]
    reviewed: Cow<'a, ReviewedClaim>,
    verdict_label: &'static str,
    value_text: Option<String>,
    sentence_text: Cow<'a, str>,
    /// The consistency checks that flagged the claim (see `consistency`).
    flags: Vec<ClaimFlag>,
}

/// Writes the JSON report to `out` (pretty-printed, ending with a line break): a first
/// pass over the articles counts the summary, the second writes each article as it comes.
///
/// Only http and https addresses fill `url` fields; a source's other address moves into
/// its citation text, any other address is left out.
pub(crate) fn write(ctx: &Ctx<'_>, out: &mut dyn Write) -> Result<(), ReportError> {
    let tally = ctx.tally(&mut |_| {})?;
    let of_kind = |kind| {
        tally
            .by_kind
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, c)| *c)
            .unwrap_or_default()
    };
    let meta = ctx.meta;
    let document = Document {
        schema_version: SCHEMA_VERSION,
        report: ReportSection {
            title: &meta.title,
            generated_at: meta.generated_at,
            generated_by: &meta.generated_by,
            scope: meta.scope.as_deref(),
            publisher: meta.publisher.as_ref().map(web_publisher),
            publication_url: web_url(meta.publication_url.as_deref()),
        },
        selection: ctx.selection,
        summary: Summary {
            articles: tally.articles,
            claims: tally.shown.total(),
            dismissed: tally.dismissed,
            by_status: tally.shown,
            by_kind: ByKind {
                figure: of_kind(ClaimKind::Figure),
                date: of_kind(ClaimKind::Date),
                quote: of_kind(ClaimKind::Quote),
            },
        },
        articles: Articles {
            ctx: *ctx,
            failure: RefCell::new(None),
        },
    };
    let written = serde_json::to_writer_pretty(&mut *out, &document);
    if let Some(failure) = document.articles.failure.into_inner() {
        return Err(failure);
    }
    written?;
    out.write_all(b"\n")?;
    Ok(())
}

/// The publisher with its address only when that is an http or https address.
pub(crate) fn web_publisher(p: &Publisher) -> Cow<'_, Publisher> {
    match &p.url {
        Some(url) if !super::is_web_link(url) => Cow::Owned(Publisher {
            name: p.name.clone(),
            url: None,
        }),
        _ => Cow::Borrowed(p),
    }
}

/// The articles of the report, serialized one at a time as the source yields them.
struct Articles<'a> {
    ctx: Ctx<'a>,
    /// Why reading the articles failed, for the caller to report as it is.
    failure: RefCell<Option<ReportError>>,
}

impl Serialize for Articles<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        let mut failed: Option<S::Error> = None;
        let walked = self.ctx.each_selected(&mut |s| {
            seq.serialize_element(&article_section(s)).map_err(|e| {
                failed = Some(e);
                ReportError::Io(std::io::Error::other("serialization failed"))
            })
        });
        if let Some(e) = failed {
            return Err(e);
        }
        if let Err(e) = walked {
            let message = e.to_string();
            *self.failure.borrow_mut() = Some(e);
            return Err(S::Error::custom(message));
        }
        seq.end()
    }
}

/// An article's claims, each made into its section only as it is written, so an article
/// with a great many claims is not held twice.
struct Claims<'a, 's>(&'s Selected<'a>);

impl Serialize for Claims<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let s = self.0;
        let mut seq = serializer.serialize_seq(Some(s.claims.len()))?;
        let mut flags = flags_by_claim(s.review);
        for n in &s.claims {
            seq.serialize_element(&ClaimSection {
                number: n.number,
                reviewed: web_sources(n.claim),
                verdict_label: status_label(n.claim.status),
                value_text: value_text(&n.claim.claim),
                sentence_text: sentence_text(s.review, &n.claim.claim),
                flags: flags.remove(&n.claim.id).unwrap_or_default(),
            })?;
        }
        seq.end()
    }
}

fn article_section<'a, 's>(s: &'s Selected<'a>) -> ArticleSection<'a, 's> {
    let article = &s.review.article;
    let shown: HashSet<&str> = s.claims.iter().map(|n| n.claim.id.as_str()).collect();
    ArticleSection {
        article: match (&article.url, &article.provenance) {
            (None, None) => Cow::Borrowed(article),
            (Some(url), None) if super::is_web_link(url) => Cow::Borrowed(article),
            _ => Cow::Owned(Article {
                url: article.url.clone().filter(|u| super::is_web_link(u)),
                provenance: article.provenance.as_ref().map(super::shown_source),
                ..article.clone()
            }),
        },
        counts: StatusCounts::of(s.claims.iter().map(|n| n.claim)),
        claims: Claims(s),
        history: s
            .review
            .history
            .iter()
            .filter(|h| shown.contains(h.claim_id.as_str()))
            .collect(),
        sign_offs: &s.review.sign_offs,
    }
}

/// The claim with each source address that is not http or https moved from `url` into
/// the source's citation text.
fn web_sources(c: &ReviewedClaim) -> Cow<'_, ReviewedClaim> {
    if c.sources
        .iter()
        .all(|s| s.url.as_deref().is_none_or(super::is_web_link))
    {
        return Cow::Borrowed(c);
    }
    let mut c = c.clone();
    for s in &mut c.sources {
        if let Some(url) = s.url.take_if(|u| !super::is_web_link(u)) {
            s.citation = Some(match s.citation.take() {
                Some(citation) => format!("{citation} ({url})"),
                None => url,
            });
        }
    }
    Cow::Owned(c)
}
