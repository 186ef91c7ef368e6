//! schema.org ClaimReview JSON-LD: one ClaimReview per reviewed claim, the markup fact
//! checkers publish for search engines and the Fact Check Explorer.
//!
//! A claim is reviewed when its verdict is not `unchecked` and it is not dismissed. The
//! verdict maps to a rating on a 1 (False) … 5 (True) scale whose `alternateName` is always
//! filled; the mapping and the choice of every other field are documented in
//! `docs/claimreview.md`.

use std::cell::RefCell;
use std::io::Write;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::claim::ClaimKind;
use crate::review::{ArticleReview, ReviewedClaim, Status};

use super::{
    claim_anchor, is_web_link, one_line, sentence_text, web_url, Ctx, ReportError, ReportMeta,
};

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
    /// The editors who signed the article off, each a schema.org Role that carries the
    /// time in `startDate` (a plain Person has no place for it).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    editor: Vec<SignOffLd>,
}

/// A sign-off: the editor as a Role with when they signed.
#[derive(Debug, Serialize)]
struct SignOffLd {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "roleName")]
    role_name: &'static str,
    #[serde(rename = "startDate")]
    start_date: String,
    editor: Party,
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

/// The address every ClaimReview's `url` starts with: the publication address without
/// its fragment. An error when there is none, or when it is not an http or https address.
pub(crate) fn base_url(meta: &ReportMeta) -> Result<&str, ReportError> {
    let base = meta
        .publication_url
        .as_deref()
        .ok_or(ReportError::MissingPublicationUrl)?;
    if !is_web_link(base) {
        return Err(ReportError::BadPublicationUrl(base.to_string()));
    }
    Ok(base.split('#').next().unwrap_or(base))
}

/// The ClaimReview objects of the report, in report order, serialized one article at a
/// time as the source yields them.
pub(crate) struct Reviews<'a> {
    ctx: Ctx<'a>,
    base: &'a str,
    /// Why reading the articles failed, for the caller to report as it is.
    failure: RefCell<Option<ReportError>>,
}

impl<'a> Reviews<'a> {
    pub fn new(ctx: &Ctx<'a>) -> Result<Self, ReportError> {
        Ok(Reviews {
            ctx: *ctx,
            base: base_url(ctx.meta)?,
            failure: RefCell::new(None),
        })
    }

    /// Writes the array to `out`, pretty-printed.
    pub fn write_to(self, out: &mut dyn Write) -> Result<(), ReportError> {
        let written = serde_json::to_writer_pretty(&mut *out, &self);
        if let Some(failure) = self.failure.into_inner() {
            return Err(failure);
        }
        Ok(written?)
    }
}

impl Serialize for Reviews<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        let mut failed: Option<S::Error> = None;
        let walked = self.ctx.each_selected(&mut |selected| {
            for n in &selected.claims {
                let c = n.claim;
                if c.dismissed {
                    continue;
                }
                let Some(rating) = rating(c.status) else {
                    continue;
                };
                let review = claim_review(self.ctx.meta, self.base, selected.review, c, rating);
                if let Err(e) = seq.serialize_element(&review) {
                    failed = Some(e);
                    return Err(ReportError::Io(std::io::Error::other(
                        "serialization failed",
                    )));
                }
            }
            Ok(())
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

fn claim_review(
    meta: &ReportMeta,
    base: &str,
    review: &ArticleReview,
    c: &ReviewedClaim,
    rating: Rating,
) -> ClaimReview {
    let article = &review.article;
    let author = match (&meta.publisher, &c.reviewer) {
        (Some(p), _) => Party {
            kind: "Organization",
            name: p.name.clone(),
            url: web_url(p.url.as_deref()).map(str::to_string),
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
            let sentence = one_line(&sentence_text(review, &c.claim));
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
                url: web_url(article.url.as_deref()).map(str::to_string),
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
                url: web_url(s.url.as_deref()).map(str::to_string),
                headline: None,
                // An address that is not http or https is no `url`; it stays as words.
                name: s
                    .title
                    .clone()
                    .or_else(|| s.citation.clone())
                    .or_else(|| s.url.clone().filter(|u| !is_web_link(u))),
                date_published: None,
                author: None,
                publisher: None,
            })
            .collect(),
        editor: review
            .sign_offs
            .iter()
            .map(|s| SignOffLd {
                kind: "Role",
                role_name: "signed off",
                start_date: s.at.to_rfc3339(),
                editor: Party {
                    kind: "Person",
                    name: one_line(&s.editor),
                    url: None,
                },
            })
            .collect(),
    }
}

/// Writes the ClaimReview JSON-LD to `out`: a JSON array with one ClaimReview object per
/// reviewed claim (each with its own `@context`), pretty-printed. Only http and https
/// addresses fill `url` fields.
pub(crate) fn write(ctx: &Ctx<'_>, out: &mut dyn Write) -> Result<(), ReportError> {
    Reviews::new(ctx)?.write_to(out)?;
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
