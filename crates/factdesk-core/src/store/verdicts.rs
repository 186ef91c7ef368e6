//! Verdicts: a claim's status, the editor's note, who gave the verdict and when. A claim
//! with no verdict row is unchecked with no note.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

use super::{check_reviewer, claims, history, sources, Kind, Mark, NewSource, Result, Store};
use crate::review::{ReviewedClaim, Status};

/// The status and note of claim row `claim` as stored now.
fn current(conn: &Connection, claim: i64) -> Result<(Status, Option<String>)> {
    let row: Option<(String, Option<String>)> = conn
        .prepare_cached("SELECT status, note FROM verdict WHERE claim_id = ?1")?
        .query_row([claim], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match row {
        Some((s, note)) => (s.parse().unwrap_or(Status::Unchecked), note),
        None => (Status::Unchecked, None),
    })
}

/// Sets the status of claim row `claim`, given by `by` at `at` (no reviewer for
/// unchecked).
pub(crate) fn set_status(
    conn: &Connection,
    claim: i64,
    status: Status,
    by: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    let (by, at) = if status.is_checked() {
        (Some(by), Some(super::ts(at)))
    } else {
        (None, None)
    };
    conn.prepare_cached(
        "INSERT INTO verdict (claim_id, status, reviewer, reviewed_at) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (claim_id) DO UPDATE SET status = excluded.status, \
         reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at",
    )?
    .execute(params![claim, status.as_str(), by, at])?;
    Ok(())
}

/// Sets (or with `None` removes) the note of claim row `claim`.
pub(crate) fn set_note(conn: &Connection, claim: i64, note: Option<&str>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO verdict (claim_id, status, note) VALUES (?1, 'unchecked', ?2) \
         ON CONFLICT (claim_id) DO UPDATE SET note = excluded.note",
    )?
    .execute(params![claim, note])?;
    Ok(())
}

/// Gives claim row `key` the status, note and sources given, inside the caller's
/// transaction, with one history event in `change` per thing that changed: a status or
/// note equal to the current one changes nothing, an empty note removes the note, and
/// `None` leaves status or note as they are.
#[allow(clippy::too_many_arguments)]
pub(crate) fn apply(
    tx: &Connection,
    key: i64,
    change: i64,
    status: Option<Status>,
    note: Option<&str>,
    new_sources: &[NewSource],
    by: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    let (now_status, now_note) = current(tx, key)?;
    if let Some(new) = status.filter(|s| *s != now_status) {
        set_status(tx, key, new, by, at)?;
        history::record(
            tx,
            key,
            change,
            by,
            at,
            "status",
            &json!(now_status),
            &json!(new),
            None,
        )?;
    }
    if let Some(new) = note {
        let new = Some(new).filter(|n| !n.is_empty());
        if new != now_note.as_deref() {
            set_note(tx, key, new)?;
            history::record(
                tx,
                key,
                change,
                by,
                at,
                "note",
                &json!(now_note),
                &json!(new),
                None,
            )?;
        }
    }
    for source in new_sources {
        let added = sources::insert(tx, key, source, by, at)?;
        history::record(
            tx,
            key,
            change,
            by,
            at,
            "source",
            &Value::Null,
            &sources::source_json(&added),
            None,
        )?;
    }
    Ok(())
}

impl Store {
    /// Records an editor's verdict, note and/or source on a claim in one transaction, one
    /// history event per thing that changed (a status or note equal to the current one
    /// changes nothing). An empty note removes the note. Returns the claim as it is now.
    pub fn mark(
        &mut self,
        claim_id: &str,
        mark: &Mark,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<ReviewedClaim> {
        check_reviewer(by)?;
        let key = Kind::Claim.key(claim_id)?;
        let tx = self.conn.transaction()?;
        claims::claim_article_text(&tx, key, claim_id)?;
        let change = history::next_change(&tx)?;
        apply(
            &tx,
            key,
            change,
            mark.status,
            mark.note.as_deref(),
            mark.source.as_slice(),
            by,
            at,
        )?;
        let out = claims::load_claim(&tx, key, claim_id)?;
        tx.commit()?;
        Ok(out)
    }
}
