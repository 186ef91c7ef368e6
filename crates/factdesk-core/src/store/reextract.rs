//! Re-running extraction on an article (a better engine), and replacing an article's text
//! with a new version. Both keep every verdict, note and source of the claims that still
//! match and report the ones that no longer do; neither ever deletes reviewed work.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::anchor::{Placement, TextQuoteAnchor};
use super::{articles, claims, history, Kind, NewArticle, Result, Store};
use super::{ReextractReport, TextUpdate};
use crate::claim::{Claim, ClaimKind, Span};
use crate::review::Origin;

/// A stored claim as re-extraction and re-anchoring see it.
struct Stored {
    key: i64,
    kind: ClaimKind,
    span: Span,
    text: String,
    prefix: String,
    suffix: String,
    cue: Option<Span>,
    origin: Origin,
    dismissed: bool,
    orphaned: bool,
}

fn stored_claims(conn: &Connection, article: i64) -> Result<Vec<Stored>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, start_byte, end_byte, text, prefix, suffix, cue_start, cue_end, \
         origin, dismissed, orphaned FROM claim WHERE article_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([article], |r| {
        let kind: String = r.get(1)?;
        let cue = match (r.get::<_, Option<usize>>(7)?, r.get::<_, Option<usize>>(8)?) {
            (Some(s), Some(e)) => Some(Span::new(s, e)),
            _ => None,
        };
        Ok(Stored {
            key: r.get(0)?,
            kind: kind.parse().unwrap_or(ClaimKind::Figure),
            span: Span::new(r.get(2)?, r.get(3)?),
            text: r.get(4)?,
            prefix: r.get(5)?,
            suffix: r.get(6)?,
            cue,
            origin: if r.get::<_, String>(9)? == "manual" {
                Origin::Manual
            } else {
                Origin::Extracted
            },
            dismissed: r.get(10)?,
            orphaned: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Merges the engine's `found` claims into article row `article` (text `text`):
/// - a claim found again (same kind, same span) keeps its row, verdict, note, sources and
///   history; an extracted one takes the engine's new reading except where an editor
///   corrected the speaker or value;
/// - a claim found for the first time is added;
/// - an extracted claim no longer found is removed if nobody touched it, and otherwise
///   kept unchanged and reported (dismissed ones are kept without a report).
///
/// Claims an editor added by hand are never touched.
pub(crate) fn merge(
    conn: &Connection,
    article: i64,
    text: &str,
    found: Vec<Claim>,
) -> Result<ReextractReport> {
    let id = Kind::Article.id(article);
    let stored = stored_claims(conn, article)?;
    let mut at_place: HashMap<(ClaimKind, Span), i64> = stored
        .iter()
        .filter(|s| !s.orphaned)
        .map(|s| ((s.kind, s.span), s.key))
        .collect();
    let mut matched = HashSet::new();
    let mut report = ReextractReport::default();
    for claim in &found {
        claims::check_claim(&id, text, claim)?;
        if let Some(&key) = at_place.get(&(claim.kind, claim.span())) {
            if !matched.insert(key) {
                continue;
            }
            report.kept += 1;
            let value = claim
                .value
                .as_ref()
                .map(serde_json::to_string)
                .transpose()
                .map_err(|e| super::StoreError::Invalid(format!("claim value: {e}")))?;
            conn.prepare_cached(
                "UPDATE claim SET \
                   value = CASE WHEN value_corrected THEN value ELSE ?2 END, \
                   speaker = CASE WHEN speaker_corrected THEN speaker ELSE ?3 END, \
                   cue_start = ?4, cue_end = ?5, sentence_start = ?6, sentence_end = ?7 \
                 WHERE id = ?1 AND origin = 'extracted'",
            )?
            .execute(params![
                key,
                value,
                claim.speaker,
                claim.cue.map(|c| c.start),
                claim.cue.map(|c| c.end),
                claim.sentence.start,
                claim.sentence.end
            ])?;
            super::memory::index_claim(conn, key)?;
        } else {
            let key = claims::insert_claim(conn, article, claim, Origin::Extracted, text)?;
            at_place.insert((claim.kind, claim.span()), key);
            matched.insert(key);
            report.added += 1;
        }
    }
    for s in stored
        .iter()
        .filter(|s| s.origin == Origin::Extracted && !matched.contains(&s.key))
    {
        if claims::has_work(conn, s.key)? {
            if !s.dismissed {
                report.orphaned.push(Kind::Claim.id(s.key));
            }
        } else {
            conn.execute("DELETE FROM claim WHERE id = ?1", [s.key])?;
            report.removed += 1;
        }
    }
    Ok(report)
}

/// Replaces the text of article row `article` with `new.text` (whose hash is `hash`):
/// keeps the old text as an earlier version, re-anchors every claim on the new text
/// (orphaning, never guessing, where it cannot be placed exactly), then merges the
/// engine's claims `found` on the new text.
pub(crate) fn replace_text(
    conn: &Connection,
    article: i64,
    new: &NewArticle,
    hash: &str,
    found: Vec<Claim>,
    at: DateTime<Utc>,
) -> Result<TextUpdate> {
    let text = new.text.as_str();
    conn.execute(
        "INSERT INTO article_version (article_id, version, text, content_hash, imported_at, \
         replaced_at, source, format, source_hash) SELECT id, version, text, content_hash, \
         imported_at, ?2, source, format, source_hash FROM article WHERE id = ?1",
        params![article, super::ts(at)],
    )?;
    conn.execute(
        "UPDATE article SET text = ?2, content_hash = ?3, version = version + 1, \
         imported_at = ?4, title = ?5, byline = COALESCE(?6, byline), \
         outlet = COALESCE(?7, outlet), published = COALESCE(?8, published), \
         url = COALESCE(?9, url), source = ?10, format = ?11, source_hash = ?12 WHERE id = ?1",
        params![
            article,
            text,
            hash,
            super::ts(at),
            new.title,
            new.byline,
            new.outlet,
            new.published.map(super::date_text),
            new.url,
            new.provenance.as_ref().map(|p| &p.source),
            new.provenance.as_ref().map(|p| &p.format),
            new.provenance.as_ref().map(|p| &p.source_hash)
        ],
    )?;
    let version: i64 = conn.query_row(
        "SELECT version FROM article WHERE id = ?1",
        [article],
        |r| r.get(0),
    )?;
    let mut update = TextUpdate {
        article_id: Kind::Article.id(article),
        version,
        reanchored: 0,
        orphaned: Vec::new(),
        dropped: 0,
        reextract: ReextractReport::default(),
    };
    for s in stored_claims(conn, article)? {
        let anchor = TextQuoteAnchor {
            exact: s.text.clone(),
            prefix: s.prefix.clone(),
            suffix: s.suffix.clone(),
        };
        match anchor.locate(text, s.span) {
            Placement::Exact(span) => {
                let cue = s
                    .cue
                    .and_then(|c| shift(text, c, span.start as i64 - s.span.start as i64));
                claims::place(conn, s.key, text, span)?;
                conn.execute(
                    "UPDATE claim SET cue_start = ?2, cue_end = ?3 WHERE id = ?1",
                    params![s.key, cue.map(|c| c.start), cue.map(|c| c.end)],
                )?;
                update.reanchored += 1;
            }
            Placement::Orphaned { .. } => {
                if claims::has_work(conn, s.key)? {
                    let (start, end) = history::clamp(text, s.span);
                    conn.execute(
                        "UPDATE claim SET orphaned = 1, start_byte = ?2, end_byte = ?3, \
                         sentence_start = ?2, sentence_end = ?3, cue_start = NULL, \
                         cue_end = NULL WHERE id = ?1",
                        params![s.key, start, end],
                    )?;
                    update.orphaned.push(Kind::Claim.id(s.key));
                } else {
                    conn.execute("DELETE FROM claim WHERE id = ?1", [s.key])?;
                    update.dropped += 1;
                }
            }
        }
    }
    update.reextract = merge(conn, article, text, found)?;
    Ok(update)
}

/// `span` moved by `delta` bytes, if it still lies on `text`.
fn shift(text: &str, span: Span, delta: i64) -> Option<Span> {
    let start = usize::try_from(span.start as i64 + delta).ok()?;
    let end = usize::try_from(span.end as i64 + delta).ok()?;
    (end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end))
        .then_some(Span::new(start, end))
}

impl Store {
    /// Runs the claim engine on the article again and merges what it finds (see the
    /// rules on [`ReextractReport`]): verdicts, notes, sources and history of claims
    /// still found are untouched, and nothing reviewed is ever deleted.
    pub fn reextract(&mut self, article_id: &str, at: DateTime<Utc>) -> Result<ReextractReport> {
        let _ = at;
        let key = Kind::Article.key(article_id)?;
        let article = articles::load_article(&self.conn, key, article_id)?;
        let found = crate::extract::extract(&article.text, article.published);
        let tx = self.conn.transaction()?;
        let text = articles::article_text(&tx, key, article_id)?;
        let found = if text == article.text {
            found
        } else {
            crate::extract::extract(&text, article.published)
        };
        let report = merge(&tx, key, &text, found)?;
        tx.commit()?;
        Ok(report)
    }

    /// [`Store::reextract`] on every article, one transaction each; `progress` is told
    /// after each article (done, total). Returns each article's id and report.
    pub fn reextract_all(
        &mut self,
        at: DateTime<Utc>,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<Vec<(String, ReextractReport)>> {
        let keys: Vec<i64> = self
            .conn
            .prepare("SELECT id FROM article ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(keys.len());
        for (i, key) in keys.iter().enumerate() {
            let id = Kind::Article.id(*key);
            let report = self.reextract(&id, at)?;
            out.push((id, report));
            progress(i + 1, keys.len());
        }
        Ok(out)
    }
}
