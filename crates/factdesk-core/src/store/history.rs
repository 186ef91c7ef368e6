//! History: every change to a claim as an append-only event (the database refuses to
//! update or delete one), and undo, which reverts a claim's last change by recording the
//! reverse change as new events.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::Value;

use super::{articles, check_reviewer, claims, verdicts, Kind, Result, Store, StoreError};
use crate::claim::Span;
use crate::review::{HistoryEvent, Status};

/// The columns [`event_row`] reads.
pub(crate) const EVENT_SELECT: &str =
    "SELECT h.id, h.claim_id, h.at, h.by, h.field, h.before, h.after, h.undoes FROM history h";

fn json_column(row: &Row<'_>, i: usize) -> rusqlite::Result<Value> {
    let s: String = row.get(i)?;
    serde_json::from_str(&s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    })
}

/// One row of [`EVENT_SELECT`] as an event.
pub(crate) fn event_row(row: &Row<'_>) -> rusqlite::Result<HistoryEvent> {
    Ok(HistoryEvent {
        id: Kind::Event.id(row.get(0)?),
        claim_id: Kind::Claim.id(row.get(1)?),
        at: super::parse_ts(&row.get::<_, String>(2)?)?,
        by: row.get(3)?,
        field: row.get(4)?,
        before: json_column(row, 5)?,
        after: json_column(row, 6)?,
        undoes: row.get::<_, Option<i64>>(7)?.map(|n| Kind::Event.id(n)),
    })
}

/// A number for the next edit: the events one edit writes share it, and later edits get
/// larger numbers. Call inside the edit's (immediate) transaction.
pub(crate) fn next_change(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT COALESCE(MAX(id), 0) + 1 FROM history")?
        .query_row([], |r| r.get(0))?)
}

/// Appends one event to claim row `claim`'s history and returns its row.
#[allow(clippy::too_many_arguments)]
pub(crate) fn record(
    conn: &Connection,
    claim: i64,
    change: i64,
    by: &str,
    at: DateTime<Utc>,
    field: &str,
    before: &Value,
    after: &Value,
    undoes: Option<i64>,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO history (claim_id, change, at, by, field, before, after, undoes) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        claim,
        change,
        super::ts(at),
        by,
        field,
        before.to_string(),
        after.to_string(),
        undoes
    ])?;
    Ok(conn.last_insert_rowid())
}

/// True when claim row `claim` has a `field` change still in force (neither an undo nor
/// undone).
pub(crate) fn has_change_in_force(conn: &Connection, claim: i64, field: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM history h WHERE h.claim_id = ?1 AND h.field = ?2 \
         AND h.undoes IS NULL AND NOT EXISTS (SELECT 1 FROM history u WHERE u.undoes = h.id))",
        params![claim, field],
        |r| r.get(0),
    )?)
}

impl Store {
    /// Every change to a claim, oldest first.
    pub fn history(&self, claim_id: &str) -> Result<Vec<HistoryEvent>> {
        let key = Kind::Claim.key(claim_id)?;
        let tx = self.read()?;
        articles::claim_exists(&tx, key, claim_id)?;
        // On a desk, the desk's order (events it has not acknowledged last); elsewhere
        // the order they were made.
        let mut stmt = tx.prepare_cached(&format!(
            "{EVENT_SELECT} LEFT JOIN desk_event de ON de.history_id = h.id \
             WHERE h.claim_id = ?1 ORDER BY de.seq IS NULL, de.seq, h.id"
        ))?;
        let events = stmt
            .query_map([key], event_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(events)
    }

    /// Reverts the claim's last change still in force and returns the event undone (for
    /// an edit that changed several things at once, such as a status and a note, all of
    /// them are reverted and the latest is returned; [`Store::undo_change`] returns all).
    /// `None` when there is nothing left to undo. The undo is itself recorded.
    pub fn undo(
        &mut self,
        claim_id: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<Option<HistoryEvent>> {
        Ok(self.undo_change(claim_id, by, at)?.into_iter().next())
    }

    /// Reverts the claim's last change still in force — every event of that one edit —
    /// and returns the events undone, latest first. Each revert is recorded as a new event
    /// naming the event it undoes; an undo is never itself undone, so repeated undos walk
    /// back through the claim's edits one at a time.
    pub fn undo_change(
        &mut self,
        claim_id: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<Vec<HistoryEvent>> {
        check_reviewer(by)?;
        let key = Kind::Claim.key(claim_id)?;
        let tx = self.conn.transaction()?;
        let (_, text) = claims::claim_article_text(&tx, key, claim_id)?;
        // The last change in the claim's order: the desk's order on a desk (events it has
        // not acknowledged last), elsewhere the order they were made.
        let last: Option<i64> = tx
            .query_row(
                "SELECT h.change FROM history h LEFT JOIN desk_event de ON de.history_id = h.id \
                 WHERE h.claim_id = ?1 AND h.undoes IS NULL \
                 AND NOT EXISTS (SELECT 1 FROM history u WHERE u.undoes = h.id) \
                 ORDER BY de.seq IS NULL DESC, de.seq DESC, h.id DESC LIMIT 1",
                [key],
                |r| r.get(0),
            )
            .optional()?;
        let Some(last) = last else {
            return Ok(Vec::new());
        };
        let events: Vec<(i64, HistoryEvent)> = tx
            .prepare(&format!(
                "{EVENT_SELECT} WHERE h.claim_id = ?1 AND h.change = ?2 AND h.undoes IS NULL \
                 ORDER BY h.id DESC"
            ))?
            .query_map(params![key, last], |r| Ok((r.get(0)?, event_row(r)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let change = next_change(&tx)?;
        for (row, event) in &events {
            record(
                &tx,
                key,
                change,
                by,
                at,
                &event.field,
                &event.after,
                &event.before,
                Some(*row),
            )?;
            revert(&tx, key, &text, event, by, at)?;
        }
        tx.commit()?;
        Ok(events.into_iter().map(|(_, e)| e).collect())
    }
}

/// Puts back what `event` changed on claim row `claim` (whose article text is `text`).
fn revert(
    conn: &Connection,
    claim: i64,
    text: &str,
    event: &HistoryEvent,
    by: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    let cannot = || {
        StoreError::Invalid(format!(
            "cannot undo {}: its {} change is not one Factdesk knows how to revert",
            event.id, event.field
        ))
    };
    match event.field.as_str() {
        "status" => {
            let status: Status = event
                .before
                .as_str()
                .and_then(|s| s.parse().ok())
                .ok_or_else(cannot)?;
            verdicts::set_status(conn, claim, status, by, at)?;
        }
        "note" => verdicts::set_note(conn, claim, event.before.as_str())?,
        "source" => {
            let (id, removed) = match (&event.before, &event.after) {
                (Value::Null, added) => (added.get("id"), true),
                (removed, Value::Null) => (removed.get("id"), false),
                _ => return Err(cannot()),
            };
            let id = id.and_then(Value::as_str).ok_or_else(cannot)?;
            conn.execute(
                "UPDATE source SET removed = ?3 WHERE id = ?1 AND claim_id = ?2",
                params![Kind::Source.key(id)?, claim, removed],
            )?;
        }
        "speaker" => {
            conn.execute(
                "UPDATE claim SET speaker = ?2 WHERE id = ?1",
                params![claim, event.before.as_str()],
            )?;
            let corrected = has_change_in_force(conn, claim, "speaker")?;
            conn.execute(
                "UPDATE claim SET speaker_corrected = ?2 WHERE id = ?1",
                params![claim, corrected],
            )?;
        }
        "value" => {
            let value = match &event.before {
                Value::Null => None,
                v => Some(v.to_string()),
            };
            let corrected = has_change_in_force(conn, claim, "value")?;
            conn.execute(
                "UPDATE claim SET value = ?2, value_corrected = ?3 WHERE id = ?1",
                params![claim, value, corrected],
            )?;
            super::memory::index_claim(conn, claim)?;
        }
        "dismissed" => {
            let dismissed = event.before.as_bool().ok_or_else(cannot)?;
            conn.execute(
                "UPDATE claim SET dismissed = ?2 WHERE id = ?1",
                params![claim, dismissed],
            )?;
        }
        "added" => {
            conn.execute("UPDATE claim SET dismissed = 1 WHERE id = ?1", [claim])?;
        }
        "span" => {
            let get = |k: &str| event.before.get(k).and_then(Value::as_u64);
            let (Some(start), Some(end)) = (get("start"), get("end")) else {
                return Err(cannot());
            };
            let was = Span::new(start as usize, end as usize);
            let was_text = event.before.get("text").and_then(Value::as_str);
            let was_orphaned = event.before.get("orphaned").and_then(Value::as_bool);
            let fits = was.end <= text.len()
                && was.start < was.end
                && text.is_char_boundary(was.start)
                && text.is_char_boundary(was.end)
                && Some(&text[was.start..was.end]) == was_text;
            if fits && was_orphaned != Some(true) {
                claims::place(conn, claim, text, was)?;
            } else {
                let text_back = was_text.ok_or_else(cannot)?;
                let (start, end) = clamp(text, was);
                conn.execute(
                    "UPDATE claim SET start_byte = ?2, end_byte = ?3, text = ?4, orphaned = 1, \
                     sentence_start = ?2, sentence_end = ?3, cue_start = NULL, cue_end = NULL \
                     WHERE id = ?1",
                    params![claim, start, end, text_back],
                )?;
            }
        }
        // The marker of a reused verdict: what it brought is reverted by the status, note
        // and source events of the same change.
        "reused" => {}
        _ => return Err(cannot()),
    }
    Ok(())
}

/// The nearest offsets to `span` that lie on `text` and on character boundaries, for a
/// claim that has lost its place (an orphan keeps its text and anchor; its offsets are
/// only where it was last seen).
pub(crate) fn clamp(text: &str, span: Span) -> (usize, usize) {
    let fit = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = fit(span.start);
    (start, fit(span.end).max(start))
}
