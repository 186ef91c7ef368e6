//! Sources editors cite for a claim. A source is never deleted: removing one (or undoing
//! its addition) hides it and the history keeps what it said.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{json, Value};

use super::{check_reviewer, claims, history, Kind, NewSource, Result, Store, StoreError};
use crate::review::{ReviewedClaim, Source};

const SOURCE_SELECT: &str =
    "SELECT s.id, s.claim_id, s.url, s.citation, s.title, s.shows, s.accessed FROM source s";

fn source_row(row: &Row<'_>) -> rusqlite::Result<(i64, Source)> {
    Ok((
        row.get(1)?,
        Source {
            id: Kind::Source.id(row.get(0)?),
            url: row.get(2)?,
            citation: row.get(3)?,
            title: row.get(4)?,
            shows: row.get(5)?,
            accessed: row
                .get::<_, Option<String>>(6)?
                .map(|d| super::parse_date(&d))
                .transpose()?,
        },
    ))
}

/// What the history records of a source.
pub(crate) fn source_json(source: &Source) -> Value {
    json!(source)
}

/// Cites `source` for claim row `claim`. Empty fields count as absent; a source needs a
/// URL or a citation.
pub(crate) fn insert(
    conn: &Connection,
    claim: i64,
    source: &NewSource,
    by: &str,
    at: DateTime<Utc>,
) -> Result<Source> {
    let given = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
    let (url, citation) = (given(&source.url), given(&source.citation));
    if url.is_none() && citation.is_none() {
        return Err(StoreError::Invalid(
            "a source needs a URL or a citation (both were empty)".into(),
        ));
    }
    conn.prepare_cached(
        "INSERT INTO source (claim_id, url, citation, title, shows, accessed, added_by, added_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        claim,
        url,
        citation,
        given(&source.title),
        given(&source.shows),
        source.accessed.map(super::date_text),
        by,
        super::ts(at)
    ])?;
    let id = conn.last_insert_rowid();
    Ok(Source {
        id: Kind::Source.id(id),
        url,
        citation,
        title: given(&source.title),
        shows: given(&source.shows),
        accessed: source.accessed,
    })
}

/// The sources (not removed) of claim row `claim`, oldest first.
pub(crate) fn for_claim(conn: &Connection, claim: i64) -> Result<Vec<Source>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SOURCE_SELECT} WHERE s.claim_id = ?1 AND s.removed = 0 ORDER BY s.id"
    ))?;
    let rows = stmt.query_map([claim], source_row)?;
    Ok(rows
        .map(|r| r.map(|(_, s)| s))
        .collect::<rusqlite::Result<_>>()?)
}

/// The sources (not removed) of every claim of article row `article`, by claim row.
pub(crate) fn for_article(conn: &Connection, article: i64) -> Result<HashMap<i64, Vec<Source>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SOURCE_SELECT} JOIN claim c ON c.id = s.claim_id \
         WHERE c.article_id = ?1 AND s.removed = 0 ORDER BY s.id"
    ))?;
    let mut out: HashMap<i64, Vec<Source>> = HashMap::new();
    for row in stmt.query_map([article], source_row)? {
        let (claim, source) = row?;
        out.entry(claim).or_default().push(source);
    }
    Ok(out)
}

impl Store {
    /// Cites a source for a claim (a history event). Returns the claim as it is now.
    pub fn add_source(
        &mut self,
        claim_id: &str,
        source: &NewSource,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<ReviewedClaim> {
        self.mark(
            claim_id,
            &super::Mark {
                source: Some(source.clone()),
                ..Default::default()
            },
            by,
            at,
        )
    }

    /// Withdraws a source from its claim (a history event; the source is kept and undo
    /// brings it back). Returns the claim as it is now.
    pub fn remove_source(
        &mut self,
        source_id: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<ReviewedClaim> {
        check_reviewer(by)?;
        let key = Kind::Source.key(source_id)?;
        let tx = self.conn.transaction()?;
        let (claim, source, removed): (i64, Source, bool) = tx
            .query_row(
                "SELECT s.id, s.claim_id, s.url, s.citation, s.title, s.shows, s.accessed, \
                 s.removed FROM source s WHERE s.id = ?1",
                [key],
                |r| {
                    let (claim, source) = source_row(r)?;
                    Ok((claim, source, r.get(7)?))
                },
            )
            .optional()?
            .ok_or_else(|| Kind::Source.missing(source_id))?;
        let claim_id = Kind::Claim.id(claim);
        if !removed {
            tx.execute("UPDATE source SET removed = 1 WHERE id = ?1", [key])?;
            let change = history::next_change(&tx)?;
            history::record(
                &tx,
                claim,
                change,
                by,
                at,
                "source",
                &source_json(&source),
                &Value::Null,
                None,
            )?;
        }
        let out = claims::load_claim(&tx, claim, &claim_id)?;
        tx.commit()?;
        Ok(out)
    }
}
