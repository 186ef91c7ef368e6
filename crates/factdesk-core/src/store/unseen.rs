//! Verdicts pulled from the desk that the editor has not seen yet.
//!
//! A pull that gives a claim the verdict of an event made on another database records that
//! event as unseen; [`Store::unseen_changes`] lists an article's unseen verdicts with who
//! gave them and when, and [`Store::mark_seen`] clears one once the editor has looked at
//! the claim. A verdict given here after the pulled one (a local mark or undo) replaces it,
//! so the claim is no longer listed.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{Kind, Result, Store};
use crate::review::Status;

/// A claim's verdict as someone else gave it on the desk, not yet seen here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnseenChange {
    /// The claim ("c345").
    pub claim_id: String,
    /// Who gave the verdict (the desk user who pushed it).
    pub by: String,
    /// When they gave it.
    pub at: DateTime<Utc>,
    /// The verdict they gave.
    pub status: Status,
}

/// After a pull settled claim row `claim`: records its status event as unseen when that
/// event is one of `pulled` (the history rows the pull added), and forgets an unseen event
/// that no longer gives the claim its verdict.
pub(crate) fn note_settled(conn: &Connection, claim: i64, pulled: &HashSet<i64>) -> Result<()> {
    // The same order as the desk's settling: acknowledged events by place, then the ones
    // made here and not yet acknowledged, in the order they were made.
    let current: Option<i64> = conn
        .prepare_cached(
            "SELECT h.id FROM history h LEFT JOIN desk_event de ON de.history_id = h.id \
             WHERE h.claim_id = ?1 AND h.field = 'status' \
             ORDER BY de.seq IS NULL DESC, de.seq DESC, h.id DESC LIMIT 1",
        )?
        .query_row([claim], |r| r.get(0))
        .optional()?;
    match current {
        Some(event) if pulled.contains(&event) => {
            conn.prepare_cached(
                "INSERT INTO desk_unseen (claim_id, history_id) VALUES (?1, ?2) \
                 ON CONFLICT (claim_id) DO UPDATE SET history_id = excluded.history_id",
            )?
            .execute(params![claim, event])?;
        }
        _ => {
            conn.prepare_cached(
                "DELETE FROM desk_unseen WHERE claim_id = ?1 AND history_id IS NOT ?2",
            )?
            .execute(params![claim, current])?;
        }
    }
    Ok(())
}

impl Store {
    /// The claims of article `article_id` whose verdict was given on another database and
    /// pulled from the desk since the editor last looked at them, in the article's order.
    /// A claim given a verdict here since is not listed.
    pub fn unseen_changes(&self, article_id: &str) -> Result<Vec<UnseenChange>> {
        let key = Kind::Article.key(article_id)?;
        let tx = self.read()?;
        let rows = tx
            .prepare_cached(
                "SELECT u.claim_id, h.by, h.at, h.after FROM desk_unseen u \
                 JOIN history h ON h.id = u.history_id \
                 JOIN claim c ON c.id = u.claim_id \
                 WHERE c.article_id = ?1 AND NOT EXISTS (SELECT 1 FROM history later \
                   WHERE later.claim_id = u.claim_id AND later.field = 'status' \
                   AND later.id > u.history_id) \
                 ORDER BY c.start_byte, c.id",
            )?
            .query_map([key], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut changes = Vec::with_capacity(rows.len());
        for (claim, by, at, after) in rows {
            let status = serde_json::from_str::<String>(&after)
                .ok()
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| {
                    super::StoreError::Invalid(format!(
                        "claim c{claim}: a status event of {after} in the history"
                    ))
                })?;
            changes.push(UnseenChange {
                claim_id: Kind::Claim.id(claim),
                by,
                at: super::parse_ts(&at)?,
                status,
            });
        }
        Ok(changes)
    }

    /// Records that the editor has seen claim `claim_id` as it now stands: it is no longer
    /// listed by [`Store::unseen_changes`]. True when it was listed.
    pub fn mark_seen(&mut self, claim_id: &str) -> Result<bool> {
        let key = Kind::Claim.key(claim_id)?;
        let removed = self
            .conn
            .prepare_cached("DELETE FROM desk_unseen WHERE claim_id = ?1")?
            .execute([key])?;
        Ok(removed > 0)
    }
}
