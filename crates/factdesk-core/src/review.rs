//! The review model: articles, their claims with verdicts, notes and sources, and the
//! history of every change. These are the types the store keeps, the reports render and
//! the app shows; they carry no storage detail.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::claim::Claim;

/// An editor's verdict on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not looked at yet (every claim starts here).
    Unchecked,
    /// Checked and correct.
    Verified,
    /// Contested: sources disagree or the claim needs correction.
    Disputed,
    /// Checked and wrong.
    False,
    /// Literally true but gives a wrong impression.
    Misleading,
    /// Cannot be checked with the sources available.
    Unverifiable,
}

impl Status {
    /// Every status, in the order reports list them.
    pub const ALL: [Status; 6] = [
        Status::Unchecked,
        Status::Verified,
        Status::Disputed,
        Status::False,
        Status::Misleading,
        Status::Unverifiable,
    ];

    /// The lowercase name used in JSON, the CLI and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unchecked => "unchecked",
            Status::Verified => "verified",
            Status::Disputed => "disputed",
            Status::False => "false",
            Status::Misleading => "misleading",
            Status::Unverifiable => "unverifiable",
        }
    }

    /// True for every status but [`Status::Unchecked`].
    pub fn is_checked(self) -> bool {
        self != Status::Unchecked
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Status {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown status {s:?} (expected one of: {})",
                    Status::ALL.map(Status::as_str).join(", ")
                )
            })
    }
}

/// How a claim came to be on the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Found by the claim engine.
    Extracted,
    /// Marked by an editor by selecting a span.
    Manual,
}

/// An article as imported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Short, stable id shown to users ("a12").
    pub id: String,
    /// Headline; the file name when the file gives none.
    pub title: String,
    /// Author line, when known.
    pub byline: Option<String>,
    /// Publication or outlet name, when known.
    pub outlet: Option<String>,
    /// Where the article lives online, when known.
    pub url: Option<String>,
    /// Publication date, used to resolve relative dates.
    pub published: Option<NaiveDate>,
    /// When it was imported (UTC).
    pub imported_at: DateTime<Utc>,
    /// The text exactly as imported (the body only, for HTML).
    pub text: String,
    /// Hex SHA-256 of `text`: the same text imported twice is one article.
    pub content_hash: String,
    /// Where the current text was read from, when known (articles imported before
    /// provenance was kept have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
}

/// Where an article's text came from: what an editor needs to find the original again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Provenance {
    /// The file path or the URL read (for a URL, the address after redirects).
    pub source: String,
    /// How it was read: `text`, `markdown`, `html`, `docx`, `pdf` or `pasted`.
    pub format: String,
    /// Hex SHA-256 of the bytes read, before any text was taken out of them.
    pub source_hash: String,
}

/// A source an editor cites for a verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Source {
    /// Short, stable id ("s7").
    pub id: String,
    /// Link to the source, if it is online.
    pub url: Option<String>,
    /// Citation for a source that is not a link (a report, an interview, a phone call).
    pub citation: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// What it shows about the claim.
    pub shows: Option<String>,
    /// When the editor consulted it.
    pub accessed: Option<NaiveDate>,
}

/// A claim on an article with everything editors have said about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewedClaim {
    /// Short, stable id shown to users ("c345").
    pub id: String,
    /// The article's id.
    pub article_id: String,
    /// The claim: kind, span, text, value, speaker (after any editor correction).
    pub claim: Claim,
    /// Found by the engine or added by hand.
    pub origin: Origin,
    /// Dismissed as "not a claim": kept, hidden, reversible.
    pub dismissed: bool,
    /// Set when re-anchoring after a text change could not place the claim exactly.
    pub orphaned: bool,
    /// The current verdict.
    pub status: Status,
    /// The editor's note, if any.
    pub note: Option<String>,
    /// Who gave the current verdict.
    pub reviewer: Option<String>,
    /// When the current verdict was given (UTC).
    pub reviewed_at: Option<DateTime<Utc>>,
    /// The sources cited.
    pub sources: Vec<Source>,
}

/// One change to a claim, kept forever: who, when, what it was and what it became.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEvent {
    /// Short, stable id ("h90").
    pub id: String,
    /// The claim changed.
    pub claim_id: String,
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// Who made the change.
    pub by: String,
    /// What changed: "status", "note", "source", "speaker", "value", "dismissed", "added"
    /// (an editor marked the claim), "span" (an editor placed it), "reused" (the verdict
    /// was copied from an earlier claim: `after` is `{"from": "c7", "status", "reviewer"}`,
    /// and the status, note and source events of the same change carry what it brought).
    pub field: String,
    /// The value before (JSON; null when there was none).
    pub before: serde_json::Value,
    /// The value after (JSON; null when it was removed).
    pub after: serde_json::Value,
    /// For an undo, the id of the event it reverts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undoes: Option<String>,
}

/// An article with its claims and their history: what the review screen shows and what a
/// report renders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleReview {
    /// The article.
    pub article: Article,
    /// Its claims in document order, dismissed ones included (flagged).
    pub claims: Vec<ReviewedClaim>,
    /// Every change to those claims, oldest first.
    pub history: Vec<HistoryEvent>,
    /// The editors who signed the article off on its desk, with when, in the desk's order
    /// (empty off a desk, or before anyone has).
    #[serde(default)]
    pub sign_offs: Vec<crate::desk::SignOff>,
}

/// How many claims have each verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StatusCounts {
    /// Not looked at yet.
    pub unchecked: usize,
    /// Checked and correct.
    pub verified: usize,
    /// Contested.
    pub disputed: usize,
    /// Checked and wrong.
    #[serde(rename = "false")]
    pub false_: usize,
    /// True but gives a wrong impression.
    pub misleading: usize,
    /// Cannot be checked.
    pub unverifiable: usize,
}

impl StatusCounts {
    /// Counts the claims that are not dismissed.
    pub fn of<'a>(claims: impl IntoIterator<Item = &'a ReviewedClaim>) -> Self {
        let mut counts = StatusCounts::default();
        for c in claims.into_iter().filter(|c| !c.dismissed) {
            counts.add(c.status, 1);
        }
        counts
    }

    /// The count for `status`.
    pub fn get(&self, status: Status) -> usize {
        match status {
            Status::Unchecked => self.unchecked,
            Status::Verified => self.verified,
            Status::Disputed => self.disputed,
            Status::False => self.false_,
            Status::Misleading => self.misleading,
            Status::Unverifiable => self.unverifiable,
        }
    }

    /// Adds `n` to the count for `status`.
    pub fn add(&mut self, status: Status, n: usize) {
        let slot = match status {
            Status::Unchecked => &mut self.unchecked,
            Status::Verified => &mut self.verified,
            Status::Disputed => &mut self.disputed,
            Status::False => &mut self.false_,
            Status::Misleading => &mut self.misleading,
            Status::Unverifiable => &mut self.unverifiable,
        };
        *slot += n;
    }

    /// All claims counted.
    pub fn total(&self) -> usize {
        Status::ALL.iter().map(|s| self.get(*s)).sum()
    }
}

/// Who is making a change: `given` when it names someone (spaces trimmed), else
/// [`default_reviewer`]. The command line and the app both ask here.
pub fn reviewer(given: Option<&str>) -> Option<String> {
    given
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .or_else(default_reviewer)
}

/// Who is making a change when nobody said: `FACTDESK_REVIEWER`, else the login name the
/// session gives (`USER`, `USERNAME`, `LOGNAME`), else the operating system's name for the
/// account running Factdesk. `None` only when none of these gives a name.
pub fn default_reviewer() -> Option<String> {
    let given = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    given(std::env::var("FACTDESK_REVIEWER").ok())
        .or_else(|| {
            ["USER", "USERNAME", "LOGNAME"]
                .into_iter()
                .find_map(|k| given(std::env::var(k).ok()))
        })
        .or_else(|| given(whoami::username().ok()))
}
