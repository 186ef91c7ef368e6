//! Claims: storing what the engine found or an editor marked, reading them back with their
//! verdicts and sources, and the editor's changes to a claim itself (adding, dismissing,
//! correcting, placing).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{json, Value};

use super::anchor::TextQuoteAnchor;
use super::{check_reviewer, history, sources, Kind, Result, StoreError};
use super::{ClaimFilter, Correction, Store};
use crate::claim::{Claim, ClaimKind, ClaimValue, DateValue, FigureValue, Span};
use crate::review::{Origin, ReviewedClaim, Status};

/// The columns [`claim_row`] reads, from `claim c LEFT JOIN verdict v`.
pub(crate) const CLAIM_SELECT: &str = "SELECT c.id, c.article_id, c.kind, c.start_byte, \
     c.end_byte, c.text, c.value, c.speaker, c.cue_start, c.cue_end, c.sentence_start, \
     c.sentence_end, c.origin, c.dismissed, c.orphaned, v.status, v.note, v.reviewer, \
     v.reviewed_at FROM claim c LEFT JOIN verdict v ON v.claim_id = c.id";

fn conversion(e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
}

/// The lowercase name of an origin, as stored.
pub(crate) fn origin_text(origin: Origin) -> &'static str {
    match origin {
        Origin::Extracted => "extracted",
        Origin::Manual => "manual",
    }
}

/// Reads a stored value as the variant its claim's kind carries.
pub(crate) fn parse_value(kind: ClaimKind, json: &str) -> rusqlite::Result<ClaimValue> {
    Ok(match kind {
        ClaimKind::Date => {
            ClaimValue::Date(serde_json::from_str::<DateValue>(json).map_err(conversion)?)
        }
        _ => ClaimValue::Figure(serde_json::from_str::<FigureValue>(json).map_err(conversion)?),
    })
}

/// One row of [`CLAIM_SELECT`] as a claim with its verdict (sources not yet filled in).
pub(crate) fn claim_row(row: &Row<'_>) -> rusqlite::Result<ReviewedClaim> {
    let kind: ClaimKind = row.get::<_, String>(2)?.parse().map_err(conversion)?;
    let value = row
        .get::<_, Option<String>>(6)?
        .map(|v| parse_value(kind, &v))
        .transpose()?;
    let cue = match (
        row.get::<_, Option<usize>>(8)?,
        row.get::<_, Option<usize>>(9)?,
    ) {
        (Some(s), Some(e)) => Some(Span::new(s, e)),
        _ => None,
    };
    let origin = match row.get::<_, String>(12)?.as_str() {
        "manual" => Origin::Manual,
        _ => Origin::Extracted,
    };
    let status = match row.get::<_, Option<String>>(15)? {
        Some(s) => s.parse::<Status>().map_err(conversion)?,
        None => Status::Unchecked,
    };
    let reviewed_at = row
        .get::<_, Option<String>>(18)?
        .map(|t| super::parse_ts(&t))
        .transpose()?;
    Ok(ReviewedClaim {
        id: Kind::Claim.id(row.get(0)?),
        article_id: Kind::Article.id(row.get(1)?),
        claim: Claim {
            kind,
            start: row.get(3)?,
            end: row.get(4)?,
            text: row.get(5)?,
            value,
            speaker: row.get(7)?,
            cue,
            sentence: Span::new(row.get(10)?, row.get(11)?),
        },
        origin,
        dismissed: row.get(13)?,
        orphaned: row.get(14)?,
        status,
        note: row.get(16)?,
        reviewer: row.get(17)?,
        reviewed_at,
        sources: Vec::new(),
    })
}

/// Refuses a span that is empty, runs past the text or cuts a character.
pub(crate) fn check_span(article: &str, text: &str, span: Span) -> Result<()> {
    let bad = |reason: String| StoreError::BadSpan {
        article: article.to_string(),
        start: span.start,
        end: span.end,
        reason,
    };
    if span.start >= span.end {
        return Err(bad(
            "it is empty (the start must come before the end)".into()
        ));
    }
    if span.end > text.len() {
        return Err(bad(format!("the text is only {} bytes long", text.len())));
    }
    if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
        return Err(bad(
            "it cuts a character in two (offsets are UTF-8 bytes)".into()
        ));
    }
    Ok(())
}

/// Refuses a claim whose span, text or sentence does not fit the article's text.
pub(crate) fn check_claim(article: &str, text: &str, claim: &Claim) -> Result<()> {
    check_span(article, text, claim.span())?;
    if text[claim.start..claim.end] != claim.text {
        return Err(StoreError::BadSpan {
            article: article.to_string(),
            start: claim.start,
            end: claim.end,
            reason: format!(
                "the text there is {:?}, not the claim's {:?}",
                &text[claim.start..claim.end],
                claim.text
            ),
        });
    }
    let s = claim.sentence;
    if s.start > s.end
        || s.end > text.len()
        || !text.is_char_boundary(s.start)
        || !text.is_char_boundary(s.end)
    {
        return Err(StoreError::BadSpan {
            article: article.to_string(),
            start: s.start,
            end: s.end,
            reason: "the claim's sentence does not lie on the text".into(),
        });
    }
    Ok(())
}

/// The sentence (or run of sentences) around `span`, from `sentences` in document order;
/// the span itself when no sentence covers it.
pub(crate) fn sentence_around(sentences: &[Span], span: Span) -> Span {
    let first = sentences.partition_point(|s| s.end <= span.start);
    sentences[first..]
        .iter()
        .take_while(|s| s.start < span.end)
        .fold(span, |out, s| {
            Span::new(out.start.min(s.start), out.end.max(s.end))
        })
}

/// Stores `claim` on article row `article` whose text is `text`, with its text-quote
/// anchor. The claim must fit the text ([`check_claim`]). Returns the claim's row.
pub(crate) fn insert_claim(
    conn: &Connection,
    article: i64,
    claim: &Claim,
    origin: Origin,
    text: &str,
) -> Result<i64> {
    let anchor = TextQuoteAnchor::new(text, claim.span());
    let value = claim
        .value
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StoreError::Invalid(format!("claim value: {e}")))?;
    conn.prepare_cached(
        "INSERT INTO claim (article_id, kind, start_byte, end_byte, text, value, speaker, \
         cue_start, cue_end, sentence_start, sentence_end, origin, prefix, suffix) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        article,
        claim.kind.as_str(),
        claim.start,
        claim.end,
        claim.text,
        value,
        claim.speaker,
        claim.cue.map(|c| c.start),
        claim.cue.map(|c| c.end),
        claim.sentence.start,
        claim.sentence.end,
        origin_text(origin),
        anchor.prefix,
        anchor.suffix,
    ])?;
    let key = conn.last_insert_rowid();
    conn.prepare_cached("INSERT INTO claim_fts (rowid, text, speaker) VALUES (?1, ?2, ?3)")?
        .execute(params![key, claim.text, claim.speaker])?;
    // Counted here, not by a trigger: see migration 0004.
    conn.prepare_cached(
        "INSERT INTO article_tally (article_id, n_claims, n_unchecked, n_figure, n_date, n_quote) \
         VALUES (?1, 1, 1, ?2 = 'figure', ?2 = 'date', ?2 = 'quote') \
         ON CONFLICT (article_id) DO UPDATE SET n_claims = n_claims + 1, \
         n_unchecked = n_unchecked + 1, n_figure = n_figure + excluded.n_figure, \
         n_date = n_date + excluded.n_date, n_quote = n_quote + excluded.n_quote",
    )?
    .execute(params![article, claim.kind.as_str()])?;
    super::memory::index_claim(conn, key)?;
    Ok(key)
}

/// The claim at row `key` with its verdict and sources; `NotFound` naming `id` if none.
pub(crate) fn load_claim(conn: &Connection, key: i64, id: &str) -> Result<ReviewedClaim> {
    let mut claim = conn
        .prepare_cached(&format!("{CLAIM_SELECT} WHERE c.id = ?1"))?
        .query_row([key], claim_row)
        .optional()?
        .ok_or_else(|| Kind::Claim.missing(id))?;
    claim.sources = sources::for_claim(conn, key)?;
    Ok(claim)
}

/// The row of the article a claim belongs to and the article's text.
pub(crate) fn claim_article_text(conn: &Connection, key: i64, id: &str) -> Result<(i64, String)> {
    conn.prepare_cached(
        "SELECT a.id, a.text FROM claim c JOIN article a ON a.id = c.article_id WHERE c.id = ?1",
    )?
    .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()?
    .ok_or_else(|| Kind::Claim.missing(id))
}

/// True when an editor has done anything with the claim: a verdict or note, a source, or
/// any history event. Such a claim is never deleted.
pub(crate) fn has_work(conn: &Connection, key: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM verdict WHERE claim_id = ?1) \
                 OR EXISTS (SELECT 1 FROM source WHERE claim_id = ?1) \
                 OR EXISTS (SELECT 1 FROM history WHERE claim_id = ?1)",
        )?
        .query_row([key], |r| r.get(0))?)
}

/// Moves claim `key` to `span` of `text` (which must fit), refreshing its text, anchor and
/// sentence and clearing its orphaned flag.
pub(crate) fn place(conn: &Connection, key: i64, text: &str, span: Span) -> Result<()> {
    let anchor = TextQuoteAnchor::new(text, span);
    let sentences = crate::extract::sentence::sentences(text);
    let sentence = sentence_around(&sentences, span);
    conn.prepare_cached(
        "UPDATE claim SET start_byte = ?2, end_byte = ?3, text = ?4, prefix = ?5, suffix = ?6, \
         sentence_start = ?7, sentence_end = ?8, cue_start = NULL, cue_end = NULL, \
         orphaned = 0 WHERE id = ?1",
    )?
    .execute(params![
        key,
        span.start,
        span.end,
        anchor.exact,
        anchor.prefix,
        anchor.suffix,
        sentence.start,
        sentence.end
    ])?;
    super::memory::index_claim(conn, key)?;
    Ok(())
}

/// The JSON a "span" history event records for a claim's place.
pub(crate) fn span_json(claim: &Claim, orphaned: bool) -> Value {
    json!({"start": claim.start, "end": claim.end, "text": claim.text, "orphaned": orphaned})
}

impl Store {
    /// The claims of an article that pass `filter`, in document order, each with its
    /// verdict and sources.
    pub fn claims(&self, article_id: &str, filter: &ClaimFilter) -> Result<Vec<ReviewedClaim>> {
        let key = Kind::Article.key(article_id)?;
        let tx = self.read()?;
        super::articles::article_exists(&tx, key, article_id)?;
        let mut out = claims_of(&tx, key, filter)?;
        let mut by_claim = sources::for_article(&tx, key)?;
        for c in &mut out {
            if let Some(s) = by_claim.remove(&Kind::Claim.key(&c.id)?) {
                c.sources = s;
            }
        }
        Ok(out)
    }

    /// One claim with its verdict and sources.
    pub fn claim(&self, claim_id: &str) -> Result<ReviewedClaim> {
        let key = Kind::Claim.key(claim_id)?;
        load_claim(&self.conn, key, claim_id)
    }

    /// The claim's text-quote anchor: its exact text and the text around it when it was
    /// last placed.
    pub fn anchor(&self, claim_id: &str) -> Result<TextQuoteAnchor> {
        let key = Kind::Claim.key(claim_id)?;
        self.conn
            .query_row(
                "SELECT text, prefix, suffix FROM claim WHERE id = ?1",
                [key],
                |r| {
                    Ok(TextQuoteAnchor {
                        exact: r.get(0)?,
                        prefix: r.get(1)?,
                        suffix: r.get(2)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| Kind::Claim.missing(claim_id))
    }

    /// Adds a claim an editor marked by selecting `span` of the article. Refuses a span
    /// that does not lie on the text, and a span already holding a claim of that kind
    /// (naming it). Recorded in the claim's history as "added".
    pub fn add_claim(
        &mut self,
        article_id: &str,
        span: Span,
        kind: ClaimKind,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<ReviewedClaim> {
        check_reviewer(by)?;
        let key = Kind::Article.key(article_id)?;
        let tx = self.conn.transaction()?;
        let text = super::articles::article_text(&tx, key, article_id)?;
        check_span(article_id, &text, span)?;
        let existing: Option<(i64, bool)> = tx
            .query_row(
                "SELECT id, dismissed FROM claim WHERE article_id = ?1 AND kind = ?2 \
                 AND start_byte = ?3 AND end_byte = ?4 AND orphaned = 0",
                params![key, kind.as_str(), span.start, span.end],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((id, dismissed)) = existing {
            let id = Kind::Claim.id(id);
            return Err(StoreError::Invalid(if dismissed {
                format!("article {article_id} already has this {kind} claim: {id}, dismissed (restore it with `dismiss {id} --undo`)")
            } else {
                format!("article {article_id} already has this {kind} claim: {id}")
            }));
        }
        let sentences = crate::extract::sentence::sentences(&text);
        let claim = Claim {
            kind,
            start: span.start,
            end: span.end,
            text: text[span.start..span.end].to_string(),
            value: None,
            speaker: None,
            cue: None,
            sentence: sentence_around(&sentences, span),
        };
        let id = insert_claim(&tx, key, &claim, Origin::Manual, &text)?;
        let change = history::next_change(&tx)?;
        let after = json!({"kind": kind, "start": span.start, "end": span.end, "text": claim.text});
        history::record(&tx, id, change, by, at, "added", &Value::Null, &after, None)?;
        let out = load_claim(&tx, id, &Kind::Claim.id(id))?;
        tx.commit()?;
        Ok(out)
    }

    /// Dismisses a claim as "not a claim" (kept, hidden from the default lists) or, with
    /// `dismissed` false, brings it back. A change is recorded; asking for the state the
    /// claim already has changes nothing.
    pub fn set_dismissed(
        &mut self,
        claim_id: &str,
        dismissed: bool,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<ReviewedClaim> {
        check_reviewer(by)?;
        let key = Kind::Claim.key(claim_id)?;
        let tx = self.conn.transaction()?;
        let now = load_claim(&tx, key, claim_id)?;
        if now.dismissed == dismissed {
            return Ok(now);
        }
        tx.execute(
            "UPDATE claim SET dismissed = ?2 WHERE id = ?1",
            params![key, dismissed],
        )?;
        let change = history::next_change(&tx)?;
        history::record(
            &tx,
            key,
            change,
            by,
            at,
            "dismissed",
            &json!(now.dismissed),
            &json!(dismissed),
            None,
        )?;
        let out = load_claim(&tx, key, claim_id)?;
        tx.commit()?;
        Ok(out)
    }

    /// Corrects what the engine read: the speaker of a quote, the value of a figure or
    /// date. Each change is a history event; re-extraction keeps a corrected speaker or
    /// value over the engine's. Refuses a speaker on a claim that is not a quote and a
    /// value of the wrong kind.
    pub fn correct(
        &mut self,
        claim_id: &str,
        correction: &Correction,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<ReviewedClaim> {
        check_reviewer(by)?;
        let key = Kind::Claim.key(claim_id)?;
        let tx = self.conn.transaction()?;
        let now = load_claim(&tx, key, claim_id)?;
        let kind = now.claim.kind;
        let mut change = None;
        if let Some(speaker) = &correction.speaker {
            if kind != ClaimKind::Quote {
                return Err(StoreError::Invalid(format!(
                    "{claim_id} is a {kind}; only quotes have a speaker"
                )));
            }
            let speaker = speaker.clone().filter(|s| !s.trim().is_empty());
            if speaker != now.claim.speaker {
                tx.execute(
                    "UPDATE claim SET speaker = ?2, speaker_corrected = 1 WHERE id = ?1",
                    params![key, speaker],
                )?;
                let c = *change.get_or_insert(history::next_change(&tx)?);
                history::record(
                    &tx,
                    key,
                    c,
                    by,
                    at,
                    "speaker",
                    &json!(now.claim.speaker),
                    &json!(speaker),
                    None,
                )?;
            }
        }
        if let Some(value) = &correction.value {
            let fits = matches!(
                (kind, value),
                (ClaimKind::Figure, ClaimValue::Figure(_)) | (ClaimKind::Date, ClaimValue::Date(_))
            );
            if !fits {
                return Err(StoreError::Invalid(format!(
                    "{claim_id} is a {kind}; {} ",
                    match kind {
                        ClaimKind::Quote => "quotes have no value to correct",
                        ClaimKind::Figure =>
                            "its value is a figure ({\"amount\", \"unit\", \"qualifier\"})",
                        ClaimKind::Date => "its value is a date ({\"iso\"})",
                    }
                )));
            }
            if let ClaimValue::Figure(f) = value {
                let finite = |x: Option<f64>| x.is_none_or(f64::is_finite);
                if !finite(f.amount) || !finite(f.upper) {
                    return Err(StoreError::Invalid(format!(
                        "{claim_id}: a figure's amount and upper bound must be finite numbers"
                    )));
                }
                if let (Some(amount), Some(upper)) = (f.amount, f.upper) {
                    if upper < amount {
                        return Err(StoreError::Invalid(format!(
                            "{claim_id}: the range's upper bound {upper} is below its amount \
                             {amount}; give the smaller number as the amount"
                        )));
                    }
                }
            }
            if Some(value) != now.claim.value.as_ref() {
                let json_value = serde_json::to_string(value)
                    .map_err(|e| StoreError::Invalid(format!("claim value: {e}")))?;
                tx.execute(
                    "UPDATE claim SET value = ?2, value_corrected = 1 WHERE id = ?1",
                    params![key, json_value],
                )?;
                super::memory::index_claim(&tx, key)?;
                let c = *change.get_or_insert(history::next_change(&tx)?);
                history::record(
                    &tx,
                    key,
                    c,
                    by,
                    at,
                    "value",
                    &json!(now.claim.value),
                    &json!(value),
                    None,
                )?;
            }
        }
        let out = load_claim(&tx, key, claim_id)?;
        tx.commit()?;
        Ok(out)
    }

    /// Places a claim on `span` of its article's current text: how an editor puts an
    /// orphaned claim back, or fixes where a claim starts and ends. The claim's text
    /// becomes the text of the span; the move is a "span" history event.
    pub fn set_span(
        &mut self,
        claim_id: &str,
        span: Span,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<ReviewedClaim> {
        check_reviewer(by)?;
        let key = Kind::Claim.key(claim_id)?;
        let tx = self.conn.transaction()?;
        let now = load_claim(&tx, key, claim_id)?;
        let (_, text) = claim_article_text(&tx, key, claim_id)?;
        check_span(&now.article_id, &text, span)?;
        if span == now.claim.span() && !now.orphaned {
            return Ok(now);
        }
        place(&tx, key, &text, span)?;
        let moved = load_claim(&tx, key, claim_id)?;
        let change = history::next_change(&tx)?;
        history::record(
            &tx,
            key,
            change,
            by,
            at,
            "span",
            &span_json(&now.claim, now.orphaned),
            &span_json(&moved.claim, false),
            None,
        )?;
        tx.commit()?;
        Ok(moved)
    }
}

/// The claims of article row `key` passing `filter`, in document order, sources empty.
pub(crate) fn claims_of(
    conn: &Connection,
    key: i64,
    filter: &ClaimFilter,
) -> Result<Vec<ReviewedClaim>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{CLAIM_SELECT} WHERE c.article_id = ?1 \
         AND (?2 IS NULL OR COALESCE(v.status, 'unchecked') = ?2) \
         AND (?3 IS NULL OR c.kind = ?3) AND (?4 OR c.dismissed = 0) \
         ORDER BY c.start_byte, c.end_byte, c.id"
    ))?;
    let rows = stmt.query_map(
        params![
            key,
            filter.status.map(Status::as_str),
            filter.kind.map(ClaimKind::as_str),
            filter.include_dismissed
        ],
        claim_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
