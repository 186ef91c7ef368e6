//! schema.org ClaimReview JSON-LD: one ClaimReview per reviewed claim, the markup fact
//! checkers publish for search engines and the Fact Check Explorer.
//!
//! A claim is reviewed when its verdict is not `unchecked` and it is not dismissed. The
//! verdict maps to a rating on a 1 (False) … 5 (True) scale whose `alternateName` is always
//! filled; the mapping and the choice of every other field are documented in
//! `docs/claimreview.md`.

use std::io::Write;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;

use crate::claim::ClaimKind;
use crate::review::{ArticleReview, ReviewedClaim, Status};

use super::{claim_anchor, one_line, select, sentence_text, ReportError, ReportInput};

/// The best (most true) rating.
pub const BEST_RATING: u8 = 5;
/// The worst (most false) rating.
pub const WORST_RATING: u8 = 1;

/// A verdict as a ClaimReview rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rating {
    /// `ratingValue`, from [`WORST_RATING`] to [`BEST_RATING`].
    pub value: u8,
    /// `alternateName`: the verdict in words, as readers see it.
    pub name: &'static str,
}

/// The rating a verdict publishes as; `None` for [`Status::Unchecked`], which is never
/// published.
///
/// | verdict | ratingValue | alternateName |
/// |---|---|---|
/// | false | 1 | False |
/// | misleading | 2 | Misleading |
/// | disputed | 3 | Disputed |
/// | unverifiable | 3 | Unverifiable |
/// | verified | 5 | True |
pub fn rating(status: Status) -> Option<Rating> {
    let (value, name) = match status {
        Status::Unchecked => return None,
        Status::False => (1, "False"),
        Status::Misleading => (2, "Misleading"),
        Status::Disputed => (3, "Disputed"),
        Status::Unverifiable => (3, "Unverifiable"),
        Status::Verified => (5, "True"),
    };
    Some(Rating { value, name })
}

const CONTEXT: &str = "https://schema.org";

/// One ClaimReview object.
#[derive(Debug, Serialize)]
pub(crate) struct ClaimReview {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    #[serde(rename = "claimReviewed")]
    claim_reviewed: String,
    #[serde(rename = "datePublished")]
    date_published: NaiveDate,
    author: Party,
    #[serde(rename = "reviewRating")]
    review_rating: RatingLd,
    #[serde(rename = "itemReviewed")]
    item_reviewed: ClaimLd,
    #[serde(rename = "reviewBody", skip_serializing_if = "Option::is_none")]
    review_body: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    citation: Vec<CreativeWorkLd>,
}

/// A Person or an Organization.
#[derive(Debug, Serialize)]
struct Party {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Debug, Serialize)]
struct RatingLd {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "ratingValue")]
    rating_value: u8,
    #[serde(rename = "bestRating")]
    best_rating: u8,
    #[serde(rename = "worstRating")]
    worst_rating: u8,
    #[serde(rename = "alternateName")]
    alternate_name: &'static str,
}

#[derive(Debug, Serialize)]
struct ClaimLd {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Party>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<NaiveDate>,
    appearance: CreativeWorkLd,
}

#[derive(Debug, Serialize)]
struct CreativeWorkLd {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Party>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Party>,
}

/// Words that make a speaker an organisation rather than a person.
static ORGANISATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:ministry|department|agency|authority|office|government|council|committee|commission|police|army|navy|forces|military|kremlin|white house|pentagon|united nations|european union|corporation|company|inc|ltd|llc|university|institute|foundation|association|union|party|bank|court|parliament|senate|congress|service|organi[sz]ation|group|federation|league|hospital|embassy|administration|bureau|board|press|news)\b",
    )
    .expect("organisation pattern compiles")
});

/// An all-capitals name of two to six letters (NATO, WHO, FIFA) is an organisation.
static ACRONYM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z]{2,6}$").expect("acronym pattern compiles"));

/// The speaker as a schema.org party: an Organization when the name reads like one
/// (an institution word, or an acronym), a Person otherwise.
fn speaker_party(name: &str) -> Party {
    let name = one_line(name);
    let kind = if ORGANISATION.is_match(&name) || ACRONYM.is_match(&name) {
        "Organization"
    } else {
        "Person"
    };
    Party {
        kind,
        name,
        url: None,
    }
}

/// Builds the ClaimReview objects of `input`, in report order.
pub(crate) fn documents(input: &ReportInput<'_>) -> Result<Vec<ClaimReview>, ReportError> {
    let base = input
        .meta
        .publication_url
        .as_deref()
        .ok_or(ReportError::MissingPublicationUrl)?;
    let base = base.split('#').next().unwrap_or(base);
    let mut out = Vec::new();
    for selected in select(input) {
        for n in &selected.claims {
            let c = n.claim;
            if c.dismissed {
                continue;
            }
            let Some(rating) = rating(c.status) else {
                continue;
            };
            out.push(claim_review(input, base, selected.review, c, rating));
        }
    }
    Ok(out)
}

fn claim_review(
    input: &ReportInput<'_>,
    base: &str,
    review: &ArticleReview,
    c: &ReviewedClaim,
    rating: Rating,
) -> ClaimReview {
    let meta = &input.meta;
    let article = &review.article;
    let author = match (&meta.publisher, &c.reviewer) {
        (Some(p), _) => Party {
            kind: "Organization",
            name: p.name.clone(),
            url: p.url.clone(),
        },
        (None, Some(reviewer)) => Party {
            kind: "Person",
            name: reviewer.clone(),
            url: None,
        },
        (None, None) => Party {
            kind: "Person",
            name: meta.generated_by.clone(),
            url: None,
        },
    };
    let claim_author = match (&c.claim.speaker, &article.byline, &article.outlet) {
        (Some(speaker), _, _) => Some(speaker_party(speaker)),
        // A figure or date is the article's own statement.
        (None, Some(byline), _) if c.claim.kind != ClaimKind::Quote => Some(Party {
            kind: "Person",
            name: one_line(byline),
            url: None,
        }),
        (None, _, Some(outlet)) => Some(Party {
            kind: "Organization",
            name: one_line(outlet),
            url: None,
        }),
        _ => None,
    };
    let claim_reviewed = match c.claim.kind {
        ClaimKind::Quote => one_line(&c.claim.text),
        ClaimKind::Figure | ClaimKind::Date => {
            let sentence = one_line(sentence_text(review, &c.claim));
            if sentence.is_empty() {
                one_line(&c.claim.text)
            } else {
                sentence
            }
        }
    };
    ClaimReview {
        context: CONTEXT,
        kind: "ClaimReview",
        url: format!("{base}#{}", claim_anchor(c)),
        claim_reviewed,
        date_published: c.reviewed_at.unwrap_or(meta.generated_at).date_naive(),
        author,
        review_rating: RatingLd {
            kind: "Rating",
            rating_value: rating.value,
            best_rating: BEST_RATING,
            worst_rating: WORST_RATING,
            alternate_name: rating.name,
        },
        item_reviewed: ClaimLd {
            kind: "Claim",
            author: claim_author,
            date_published: article.published,
            appearance: CreativeWorkLd {
                kind: "CreativeWork",
                url: article.url.clone(),
                headline: Some(one_line(&article.title)),
                name: None,
                date_published: article.published,
                author: article.byline.as_deref().map(|b| Party {
                    kind: "Person",
                    name: one_line(b),
                    url: None,
                }),
                publisher: article.outlet.as_deref().map(|o| Party {
                    kind: "Organization",
                    name: one_line(o),
                    url: None,
                }),
            },
        },
        review_body: c
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string),
        citation: c
            .sources
            .iter()
            .filter(|s| s.url.is_some() || s.citation.is_some() || s.title.is_some())
            .map(|s| CreativeWorkLd {
                kind: "CreativeWork",
                url: s.url.clone(),
                headline: None,
                name: s.title.clone().or_else(|| s.citation.clone()),
                date_published: None,
                author: None,
                publisher: None,
            })
            .collect(),
    }
}

/// Writes the ClaimReview JSON-LD of `input` to `out`: a JSON array with one ClaimReview
/// object per reviewed claim (each with its own `@context`), pretty-printed.
pub(crate) fn write(input: &ReportInput<'_>, out: &mut dyn Write) -> Result<(), ReportError> {
    let documents = documents(input)?;
    serde_json::to_writer_pretty(&mut *out, &documents)?;
    out.write_all(b"\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_published_verdict_has_a_rating_on_the_scale_with_a_name() {
        for status in Status::ALL {
            match rating(status) {
                None => assert_eq!(status, Status::Unchecked),
                Some(r) => {
                    assert!((WORST_RATING..=BEST_RATING).contains(&r.value), "{status}");
                    assert!(!r.name.is_empty(), "{status}");
                }
            }
        }
        assert_eq!(rating(Status::False).map(|r| r.value), Some(WORST_RATING));
        assert_eq!(rating(Status::Verified).map(|r| r.value), Some(BEST_RATING));
    }

    #[test]
    fn speakers_read_as_people_or_organisations() {
        assert_eq!(speaker_party("Jens Stoltenberg").kind, "Person");
        assert_eq!(speaker_party("Dmitry Peskov").kind, "Person");
        assert_eq!(
            speaker_party("Saudi Arabia's Civil Defense Authority").kind,
            "Organization"
        );
        assert_eq!(speaker_party("NATO").kind, "Organization");
        assert_eq!(
            speaker_party("the Ukrainian Defence Ministry").kind,
            "Organization"
        );
    }
}
