//! The seam between the app and the review store.
//!
//! The app speaks the store API of `factdesk_core::store` (see the store contract). Until
//! that module is part of the core, this file stands in for it with the same types and
//! method signatures, kept in memory, so that every command, the UI and the end-to-end
//! test are written against the real contract; switching is then a matter of replacing
//! this file with a re-export.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use factdesk_core::review::{
    Article, ArticleReview, HistoryEvent, Origin, ReviewedClaim, Source, Status,
};
use factdesk_core::{Claim, ClaimKind, ClaimValue, Span};
use serde::{Deserialize, Serialize};

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No article or claim has this id.
    #[error("{what} {id} not found")]
    NotFound {
        /// "article" or "claim".
        what: &'static str,
        /// The id asked for.
        id: String,
    },
    /// A span is empty, outside the text, or not on character boundaries.
    #[error("bad span {start}..{end}: {reason}")]
    BadSpan {
        /// First byte.
        start: usize,
        /// One past the last byte.
        end: usize,
        /// What is wrong with it.
        reason: &'static str,
    },
}

/// The stable code the UI sees for each store error.
pub fn error_code(err: &StoreError) -> &'static str {
    match err {
        StoreError::NotFound { .. } => "not_found",
        StoreError::BadSpan { .. } => "bad_span",
    }
}

/// Result of a store operation.
pub type Result<T> = std::result::Result<T, StoreError>;

/// An article to import.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewArticle {
    pub title: String,
    pub byline: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub text: String,
}

/// What an import did.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    pub article: Article,
    /// False when the same text was already there.
    pub created: bool,
    pub claims: usize,
}

/// Claims per verdict, dismissed claims excluded.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StatusCounts(pub HashMap<Status, usize>);

impl StatusCounts {
    /// How many claims have `status`.
    pub fn get(&self, status: Status) -> usize {
        self.0.get(&status).copied().unwrap_or(0)
    }
}

/// One row of the library.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleSummary {
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub imported_at: DateTime<Utc>,
    pub counts: StatusCounts,
    pub claims: usize,
}

/// Which articles to list; the default lists all.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ArticleFilter {
    pub status: Option<Status>,
    pub query: Option<String>,
}

/// A verdict, note or source to record on a claim; `None` fields are left as they are.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Mark {
    pub status: Option<Status>,
    pub note: Option<String>,
    pub source: Option<NewSource>,
}

/// A source to cite.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewSource {
    pub url: Option<String>,
    pub citation: Option<String>,
    pub title: Option<String>,
    pub shows: Option<String>,
    pub accessed: Option<NaiveDate>,
}

/// An editor's correction of what the engine read.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Correction {
    pub speaker: Option<Option<String>>,
    pub value: Option<ClaimValue>,
}

/// One search result.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub article_id: String,
    pub article_title: String,
    pub claim_id: Option<String>,
    pub field: String,
    pub snippet: String,
}

/// The review store (in memory until the core's SQLite store is wired in).
#[derive(Debug, Default)]
pub struct Store {
    path: Option<PathBuf>,
    articles: Vec<Article>,
    claims: Vec<ReviewedClaim>,
    history: Vec<HistoryEvent>,
    next_id: usize,
}

impl Store {
    /// Opens the store at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        Ok(Store {
            path: Some(path.to_path_buf()),
            ..Store::default()
        })
    }

    /// Where the store lives.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn fresh_id(&mut self, prefix: char) -> String {
        self.next_id += 1;
        format!("{prefix}{}", self.next_id)
    }

    /// Imports an article and extracts its claims; the same text twice is one article.
    pub fn import(&mut self, new: NewArticle, at: DateTime<Utc>) -> Result<Imported> {
        if let Some(existing) = self.articles.iter().find(|a| a.text == new.text) {
            let claims = self
                .claims
                .iter()
                .filter(|c| c.article_id == existing.id)
                .count();
            return Ok(Imported {
                article: existing.clone(),
                created: false,
                claims,
            });
        }
        let id = self.fresh_id('a');
        let found = factdesk_core::extract(&new.text, new.published);
        let count = found.len();
        for claim in found {
            let claim_id = self.fresh_id('c');
            self.claims
                .push(reviewed(claim_id, &id, claim, Origin::Extracted));
        }
        let article = Article {
            id,
            title: new.title,
            byline: new.byline,
            outlet: new.outlet,
            url: new.url,
            published: new.published,
            imported_at: at,
            content_hash: format!("{:x}", new.text.len()),
            text: new.text,
        };
        self.articles.push(article.clone());
        Ok(Imported {
            article,
            created: true,
            claims: count,
        })
    }

    /// The library, newest first.
    pub fn articles(&self, filter: &ArticleFilter) -> Result<Vec<ArticleSummary>> {
        let query = filter.query.as_deref().map(str::to_lowercase);
        let mut rows: Vec<ArticleSummary> = self
            .articles
            .iter()
            .filter(|a| {
                query.as_deref().map_or(true, |q| {
                    a.title.to_lowercase().contains(q) || a.text.to_lowercase().contains(q)
                })
            })
            .map(|a| {
                let mut counts = StatusCounts::default();
                let mut claims = 0;
                for c in self
                    .claims
                    .iter()
                    .filter(|c| c.article_id == a.id && !c.dismissed)
                {
                    *counts.0.entry(c.status).or_default() += 1;
                    claims += 1;
                }
                ArticleSummary {
                    id: a.id.clone(),
                    title: a.title.clone(),
                    outlet: a.outlet.clone(),
                    published: a.published,
                    imported_at: a.imported_at,
                    counts,
                    claims,
                }
            })
            .filter(|s| filter.status.map_or(true, |st| s.counts.get(st) > 0))
            .collect();
        rows.reverse();
        Ok(rows)
    }

    /// One article.
    pub fn article(&self, id: &str) -> Result<Article> {
        self.articles
            .iter()
            .find(|a| a.id == id)
            .cloned()
            .ok_or_else(|| StoreError::NotFound {
                what: "article",
                id: id.into(),
            })
    }

    /// An article with its claims and history.
    pub fn review(&self, article_id: &str) -> Result<ArticleReview> {
        let article = self
            .articles
            .iter()
            .find(|a| a.id == article_id)
            .cloned()
            .ok_or_else(|| StoreError::NotFound {
                what: "article",
                id: article_id.into(),
            })?;
        let mut claims: Vec<ReviewedClaim> = self
            .claims
            .iter()
            .filter(|c| c.article_id == article_id)
            .cloned()
            .collect();
        claims.sort_by_key(|c| (c.claim.start, c.claim.end));
        let history = self
            .history
            .iter()
            .filter(|h| claims.iter().any(|c| c.id == h.claim_id))
            .cloned()
            .collect();
        Ok(ArticleReview {
            article,
            claims,
            history,
        })
    }

    fn claim_mut(&mut self, claim_id: &str) -> Result<&mut ReviewedClaim> {
        self.claims
            .iter_mut()
            .find(|c| c.id == claim_id)
            .ok_or_else(|| StoreError::NotFound {
                what: "claim",
                id: claim_id.into(),
            })
    }

    /// One claim.
    pub fn claim(&self, claim_id: &str) -> Result<ReviewedClaim> {
        self.claims
            .iter()
            .find(|c| c.id == claim_id)
            .cloned()
            .ok_or_else(|| StoreError::NotFound {
                what: "claim",
                id: claim_id.into(),
            })
    }

    fn record(
        &mut self,
        claim_id: &str,
        field: &str,
        before: serde_json::Value,
        after: serde_json::Value,
        by: &str,
        at: DateTime<Utc>,
    ) {
        let id = self.fresh_id('h');
        self.history.push(HistoryEvent {
            id,
            claim_id: claim_id.into(),
            at,
            by: by.into(),
            field: field.into(),
            before,
            after,
        });
    }

    /// Records a verdict, note and/or source.
    pub fn mark(
        &mut self,
        claim_id: &str,
        mark: &Mark,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<ReviewedClaim> {
        let claim = self.claim_mut(claim_id)?;
        let mut events = Vec::new();
        if let Some(status) = mark.status {
            events.push(("status", json(&claim.status), json(&status)));
            claim.status = status;
            claim.reviewer = Some(by.into());
            claim.reviewed_at = Some(at);
        }
        if let Some(note) = &mark.note {
            let note = Some(note.clone()).filter(|n| !n.is_empty());
            events.push(("note", json(&claim.note), json(&note)));
            claim.note = note;
        }
        for (field, before, after) in events {
            self.record(claim_id, field, before, after, by, at);
        }
        if let Some(source) = &mark.source {
            return self.add_source(claim_id, source, by, at);
        }
        self.claim(claim_id)
    }

    /// Cites a source.
    pub fn add_source(
        &mut self,
        claim_id: &str,
        source: &NewSource,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<ReviewedClaim> {
        let id = self.fresh_id('s');
        let source = Source {
            id,
            url: source.url.clone(),
            citation: source.citation.clone(),
            title: source.title.clone(),
            shows: source.shows.clone(),
            accessed: source.accessed,
        };
        let after = json(&source);
        self.claim_mut(claim_id)?.sources.push(source);
        self.record(claim_id, "source", serde_json::Value::Null, after, by, at);
        self.claim(claim_id)
    }

    /// Adds a claim an editor marked by hand.
    pub fn add_claim(
        &mut self,
        article_id: &str,
        span: Span,
        kind: ClaimKind,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<ReviewedClaim> {
        let text = self.review(article_id)?.article.text;
        if span.is_empty()
            || span.end > text.len()
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
        {
            return Err(StoreError::BadSpan {
                start: span.start,
                end: span.end,
                reason: "outside the text or not on character boundaries",
            });
        }
        let claim = Claim {
            kind,
            start: span.start,
            end: span.end,
            text: text[span.start..span.end].to_string(),
            value: None,
            speaker: None,
            cue: None,
            sentence: span,
        };
        let id = self.fresh_id('c');
        self.claims
            .push(reviewed(id.clone(), article_id, claim, Origin::Manual));
        self.record(&id, "added", serde_json::Value::Null, json(&kind), by, at);
        self.claim(&id)
    }

    /// Dismisses a claim as "not a claim", or brings it back.
    pub fn set_dismissed(
        &mut self,
        claim_id: &str,
        dismissed: bool,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<ReviewedClaim> {
        let claim = self.claim_mut(claim_id)?;
        let before = claim.dismissed;
        claim.dismissed = dismissed;
        self.record(
            claim_id,
            "dismissed",
            json(&before),
            json(&dismissed),
            by,
            at,
        );
        self.claim(claim_id)
    }

    /// Corrects the speaker or value the engine read.
    pub fn correct(
        &mut self,
        claim_id: &str,
        correction: &Correction,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<ReviewedClaim> {
        let claim = self.claim_mut(claim_id)?;
        let mut events = Vec::new();
        if let Some(speaker) = &correction.speaker {
            events.push(("speaker", json(&claim.claim.speaker), json(speaker)));
            claim.claim.speaker = speaker.clone();
        }
        if let Some(value) = &correction.value {
            events.push(("value", json(&claim.claim.value), json(value)));
            claim.claim.value = Some(value.clone());
        }
        for (field, before, after) in events {
            self.record(claim_id, field, before, after, by, at);
        }
        self.claim(claim_id)
    }

    /// Every change to a claim, oldest first.
    pub fn history(&self, claim_id: &str) -> Result<Vec<HistoryEvent>> {
        self.claim(claim_id)?;
        Ok(self
            .history
            .iter()
            .filter(|h| h.claim_id == claim_id)
            .cloned()
            .collect())
    }

    /// Undoes the latest change to a claim; returns the change undone.
    pub fn undo(
        &mut self,
        claim_id: &str,
        _by: &str,
        _at: DateTime<Utc>,
    ) -> Result<Option<HistoryEvent>> {
        let Some(pos) = self.history.iter().rposition(|h| h.claim_id == claim_id) else {
            return Ok(None);
        };
        let event = self.history.remove(pos);
        let claim = self.claim_mut(claim_id)?;
        let before = event.before.clone();
        match event.field.as_str() {
            "status" => claim.status = serde_json::from_value(before).unwrap_or(Status::Unchecked),
            "note" => claim.note = serde_json::from_value(before).unwrap_or(None),
            "speaker" => claim.claim.speaker = serde_json::from_value(before).unwrap_or(None),
            "dismissed" => claim.dismissed = serde_json::from_value(before).unwrap_or(false),
            "source" => {
                claim.sources.pop();
            }
            _ => {}
        }
        Ok(Some(event))
    }

    /// Finds articles and claims whose words match `query`.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let q = query.to_lowercase();
        Ok(self
            .articles
            .iter()
            .filter(|a| a.title.to_lowercase().contains(&q) || a.text.to_lowercase().contains(&q))
            .take(limit)
            .map(|a| SearchHit {
                article_id: a.id.clone(),
                article_title: a.title.clone(),
                claim_id: None,
                field: "article".into(),
                snippet: a.title.clone(),
            })
            .collect())
    }
}

fn json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

fn reviewed(id: String, article_id: &str, claim: Claim, origin: Origin) -> ReviewedClaim {
    ReviewedClaim {
        id,
        article_id: article_id.into(),
        claim,
        origin,
        dismissed: false,
        orphaned: false,
        status: Status::Unchecked,
        note: None,
        reviewer: None,
        reviewed_at: None,
        sources: Vec::new(),
    }
}
