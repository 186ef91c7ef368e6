//! The desk: this database's side of sharing articles and their history with a desk
//! server (the model is in `docs/desk.md`).
//!
//! - [`Store::publish_to_desk`] gives an article, its claims and its sources identities
//!   that are the same on every machine; the next push sends it.
//! - [`Store::desk_outbox`] is what a push sends: articles not yet acknowledged and every
//!   history event of their claims the desk has not acknowledged, oldest first. An event
//!   gets its UUID the first time it is put in an outbox and keeps it, so a retried push
//!   names the same events. [`Store::desk_acknowledge`] records the desk's answer.
//! - [`Store::desk_apply`] applies what a pull brought, in the desk's order, in one
//!   transaction, and moves the cursor past it; an entry already here changes nothing.
//!   Each claim an event touched is then settled: its status, note, sources, speaker,
//!   value and dismissal are those of its last event of each kind in the desk's order
//!   (events not yet acknowledged after all the others), so every database with the same
//!   events shows the same verdicts. Both sides of concurrent edits stay in the history.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{
    articles, claims, desk_records, history, memory, verdicts, Kind, Result, Store, StoreError,
};
use crate::desk::SYNCED_FIELDS;
use crate::desk::{DeskArticle, DeskClaim, DeskEvent, Entry, PushRequest, PushResponse};
use crate::review::{HistoryEvent, Status};
use crate::store::{ClaimFilter, NewArticle};

/// The desk a database is joined to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskLink {
    /// The server's address, such as `http://127.0.0.1:7700`.
    pub url: String,
    /// The bearer token that names this database's user on the desk.
    pub token: String,
    /// The last `seq` of the desk's stream applied here.
    pub cursor: i64,
}

/// Where this database stands with its desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskStatus {
    /// The server's address.
    pub url: String,
    /// Articles published here and not yet acknowledged by the desk.
    pub pending_articles: usize,
    /// History events of desk articles not yet acknowledged by the desk.
    pub pending_events: usize,
    /// The last `seq` of the desk's stream applied here.
    pub cursor: i64,
    /// When the last sync ended without error.
    pub synced_at: Option<DateTime<Utc>>,
    /// Why the last sync failed, when it did.
    pub error: Option<String>,
}

/// An outbox: what the next push sends.
pub type Outbox = PushRequest;

/// What applying a pull did.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Pulled {
    /// Articles added to this database.
    pub articles: usize,
    /// Events added to this database's history.
    pub events: usize,
    /// Entries that were already here (this database's own, or a repeated pull).
    pub already: usize,
    /// Claims whose verdict, note, sources, speaker, value or dismissal was settled again.
    pub claims_settled: usize,
    /// Assignments added (reassignments included).
    #[serde(default)]
    pub assignments: usize,
    /// Sign-offs added.
    #[serde(default)]
    pub sign_offs: usize,
    /// Comments added.
    #[serde(default)]
    pub comments: usize,
}

fn new_uid() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn desk_error(what: String) -> StoreError {
    StoreError::Invalid(what)
}

/// The UUID of row `key` in `table` (`desk_claim`, `desk_source`, `desk_event`), given
/// one if it has none.
fn uid_of(conn: &Connection, table: &str, column: &str, key: i64) -> Result<String> {
    let found: Option<String> = conn
        .prepare_cached(&format!("SELECT uid FROM {table} WHERE {column} = ?1"))?
        .query_row([key], |r| r.get(0))
        .optional()?;
    if let Some(uid) = found {
        return Ok(uid);
    }
    let uid = new_uid();
    conn.prepare_cached(&format!(
        "INSERT INTO {table} ({column}, uid) VALUES (?1, ?2)"
    ))?
    .execute(params![key, uid])?;
    Ok(uid)
}

/// The local row of `uid` in `table`, if any.
fn row_of(conn: &Connection, table: &str, column: &str, uid: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {column} FROM {table} WHERE uid = ?1"))?
        .query_row([uid], |r| r.get(0))
        .optional()?)
}

/// The fields of the history the desk carries, as an SQL list.
fn synced_fields_sql() -> String {
    SYNCED_FIELDS
        .iter()
        .map(|f| format!("'{f}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The events still to push: of claims on desk articles the desk has acknowledged, of a
/// field the desk carries, with no `seq` yet.
fn pending_sql(select: &str) -> String {
    format!(
        "SELECT {select} FROM history h \
         JOIN desk_claim dc ON dc.claim_id = h.claim_id \
         JOIN claim c ON c.id = h.claim_id \
         JOIN desk_article da ON da.article_id = c.article_id AND da.seq IS NOT NULL \
         LEFT JOIN desk_event de ON de.history_id = h.id \
         WHERE de.seq IS NULL AND h.field IN ({})",
        synced_fields_sql()
    )
}

/// `value` with a source's `"id"` replaced by `map(id)`; other values unchanged.
fn with_source_id(value: &Value, map: &mut dyn FnMut(&str) -> Result<String>) -> Result<Value> {
    let mut out = value.clone();
    if let Some(id) = value.get("id").and_then(Value::as_str) {
        out["id"] = Value::String(map(id)?);
    }
    Ok(out)
}

impl Store {
    /// Joins this database to the desk at `url` with `token`. Joining the same desk again
    /// replaces the token; a database joined to one desk cannot join another, since its
    /// articles' identities belong to the first.
    pub fn join_desk(&mut self, url: &str, token: &str) -> Result<()> {
        let url = url.trim().trim_end_matches('/');
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(desk_error(format!(
                "{url:?} is not a desk address (it should start with http:// or https://)"
            )));
        }
        if token.trim().is_empty() {
            return Err(desk_error("the desk token is empty".into()));
        }
        let tx = self.conn.transaction()?;
        let joined: Option<String> = tx
            .query_row("SELECT url FROM desk WHERE id = 1", [], |r| r.get(0))
            .optional()?;
        match joined {
            Some(old) if old != url => {
                return Err(desk_error(format!(
                    "this database is joined to the desk at {old}; it cannot join another \
                     desk (its articles' identities belong to that one)"
                )))
            }
            Some(_) => {
                tx.execute("UPDATE desk SET token = ?1 WHERE id = 1", [token.trim()])?;
            }
            None => {
                tx.execute(
                    "INSERT INTO desk (id, url, token) VALUES (1, ?1, ?2)",
                    params![url, token.trim()],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The desk this database is joined to, if any.
    pub fn desk(&self) -> Result<Option<DeskLink>> {
        Ok(self
            .conn
            .query_row(
                "SELECT url, token, cursor FROM desk WHERE id = 1",
                [],
                |r| {
                    Ok(DeskLink {
                        url: r.get(0)?,
                        token: r.get(1)?,
                        cursor: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// The desk UUID of article `a12` or claim `c345`; `None` when it is not on a desk.
    pub fn desk_uid_of(&self, id: &str) -> Result<Option<String>> {
        let (table, column, kind) = if id.trim_start().starts_with(['c', 'C']) {
            ("desk_claim", "claim_id", Kind::Claim)
        } else {
            ("desk_article", "article_id", Kind::Article)
        };
        let key = kind.key(id)?;
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT uid FROM {table} WHERE {column} = ?1"))?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// The local id (`a12`) of the desk article `uid`; `None` when it is not here.
    pub fn article_of_desk_uid(&self, uid: &str) -> Result<Option<String>> {
        Ok(row_of(&self.conn, "desk_article", "article_id", uid)?.map(|key| Kind::Article.id(key)))
    }

    /// Where this database stands with its desk; `None` when it is joined to none.
    pub fn desk_status(&self) -> Result<Option<DeskStatus>> {
        let tx = self.read()?;
        let row: Option<(String, i64, Option<String>, Option<String>)> = tx
            .query_row(
                "SELECT url, cursor, synced_at, error FROM desk WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((url, cursor, synced_at, error)) = row else {
            return Ok(None);
        };
        let pending_articles: i64 = tx.query_row(
            "SELECT count(*) FROM desk_article WHERE seq IS NULL",
            [],
            |r| r.get(0),
        )?;
        let pending_events: i64 = tx.query_row(&pending_sql("count(*)"), [], |r| r.get(0))?;
        Ok(Some(DeskStatus {
            url,
            pending_articles: pending_articles as usize,
            pending_events: pending_events as usize,
            cursor,
            synced_at: synced_at.map(|s| super::parse_ts(&s)).transpose()?,
            error,
        }))
    }

    /// Records how a sync ended: `None` for success at `at`, else why it failed (the
    /// time of the last success is kept).
    pub fn record_desk_sync(&mut self, error: Option<&str>, at: DateTime<Utc>) -> Result<()> {
        match error {
            None => self.conn.execute(
                "UPDATE desk SET synced_at = ?1, error = NULL WHERE id = 1",
                [super::ts(at)],
            )?,
            Some(e) => self
                .conn
                .execute("UPDATE desk SET error = ?1 WHERE id = 1", [e])?,
        };
        Ok(())
    }

    /// Puts an article on the desk: it, its claims and their sources get identities the
    /// same on every machine, and the next push publishes it with every event of its
    /// history. Returns the article's desk UUID (the same UUID when it is already there).
    pub fn publish_to_desk(&mut self, article_id: &str) -> Result<String> {
        let key = Kind::Article.key(article_id)?;
        let tx = self.conn.transaction()?;
        articles::article_exists(&tx, key, article_id)?;
        if tx.query_row("SELECT count(*) FROM desk WHERE id = 1", [], |r| {
            r.get::<_, i64>(0)
        })? == 0
        {
            return Err(desk_error(
                "this database is not joined to a desk (`factdesk desk join URL --token T`)".into(),
            ));
        }
        let uid = uid_of(&tx, "desk_article", "article_id", key)?;
        let claim_rows: Vec<i64> = tx
            .prepare("SELECT id FROM claim WHERE article_id = ?1")?
            .query_map([key], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for claim in claim_rows {
            uid_of(&tx, "desk_claim", "claim_id", claim)?;
        }
        tx.commit()?;
        Ok(uid)
    }

    /// What the next push sends: articles published here and not yet acknowledged, and at
    /// most `limit` events the desk has not acknowledged, oldest first. Gives the events
    /// their UUIDs (kept for every later push).
    pub fn desk_outbox(&mut self, limit: usize) -> Result<Outbox> {
        let tx = self.conn.transaction()?;
        let mut out = Outbox::default();
        let to_publish: Vec<(i64, String)> = tx
            .prepare(
                "SELECT article_id, uid FROM desk_article WHERE seq IS NULL ORDER BY article_id",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (key, uid) in to_publish {
            let article = articles::load_article(&tx, key, &Kind::Article.id(key))?;
            let filter = ClaimFilter {
                include_dismissed: true,
                ..Default::default()
            };
            let mut claims_out = Vec::new();
            for c in claims::claims_of(&tx, key, &filter)? {
                let row = Kind::Claim.key(&c.id)?;
                claims_out.push(DeskClaim {
                    uid: uid_of(&tx, "desk_claim", "claim_id", row)?,
                    claim: c.claim,
                    origin: c.origin,
                    dismissed: c.dismissed,
                });
            }
            out.articles.push(DeskArticle {
                uid,
                title: article.title,
                byline: article.byline,
                outlet: article.outlet,
                url: article.url,
                published: article.published,
                text: article.text,
                claims: claims_out,
            });
        }
        // The events with their edit's number (`HistoryEvent` leaves it out).
        let rows: Vec<(HistoryEvent, i64)> = tx
            .prepare(&format!(
                "{} ORDER BY h.id LIMIT ?1",
                pending_sql(
                    "h.id, h.claim_id, h.at, h.by, h.field, h.before, h.after, h.undoes, h.change"
                )
            ))?
            .query_map([limit as i64], |r| Ok((history::event_row(r)?, r.get(8)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (event, change) in rows {
            let id = Kind::Event.key(&event.id)?;
            let claim = Kind::Claim.key(&event.claim_id)?;
            let first_of_change: i64 = tx
                .prepare_cached("SELECT min(id) FROM history WHERE claim_id = ?1 AND change = ?2")?
                .query_row([claim, change], |r| r.get(0))?;
            let mut to_uid = |source: &str| -> Result<String> {
                uid_of(&tx, "desk_source", "source_id", Kind::Source.key(source)?)
            };
            let (before, after) = if event.field == "source" {
                (
                    with_source_id(&event.before, &mut to_uid)?,
                    with_source_id(&event.after, &mut to_uid)?,
                )
            } else {
                (event.before, event.after)
            };
            out.events.push(DeskEvent {
                uid: uid_of(&tx, "desk_event", "history_id", id)?,
                claim: uid_of(&tx, "desk_claim", "claim_id", claim)?,
                change: uid_of(&tx, "desk_event", "history_id", first_of_change)?,
                at: event.at,
                by: event.by,
                field: event.field,
                before,
                after,
                undoes: event
                    .undoes
                    .map(|u| -> Result<String> {
                        uid_of(&tx, "desk_event", "history_id", Kind::Event.key(&u)?)
                    })
                    .transpose()?,
            });
        }
        tx.commit()?;
        Ok(out)
    }

    /// Records where the desk put what was pushed: those articles and events are no
    /// longer pending.
    pub fn desk_acknowledge(&mut self, placed: &PushResponse) -> Result<()> {
        let tx = self.conn.transaction()?;
        for p in &placed.articles {
            tx.prepare_cached("UPDATE desk_article SET seq = ?2 WHERE uid = ?1")?
                .execute(params![p.uid, p.seq])?;
        }
        for p in &placed.events {
            tx.prepare_cached("UPDATE desk_event SET seq = ?2 WHERE uid = ?1")?
                .execute(params![p.uid, p.seq])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Applies entries of the desk's stream, in its order, in one transaction, and moves
    /// the cursor to the last one's `seq`. An entry already here (this database's own, or
    /// pulled before) changes nothing but its acknowledgement; `at` is the time new
    /// articles are recorded as imported.
    pub fn desk_apply(&mut self, entries: &[Entry], at: DateTime<Utc>) -> Result<Pulled> {
        let tx = self.conn.transaction()?;
        let mut pulled = Pulled::default();
        let mut touched: HashSet<i64> = HashSet::new();
        let mut added: HashSet<i64> = HashSet::new();
        let mut changes: HashMap<String, i64> = HashMap::new();
        let mut cursor: i64 = tx
            .query_row("SELECT cursor FROM desk WHERE id = 1", [], |r| r.get(0))
            .optional()?
            .ok_or_else(|| desk_error("this database is not joined to a desk".into()))?;
        for entry in entries {
            if entry.seq() <= cursor {
                pulled.already += 1;
                continue;
            }
            let new = match entry {
                Entry::Article { seq, article } => apply_article(&tx, article, *seq, at)?,
                Entry::Event { seq, event } => {
                    apply_event(&tx, event, *seq, &mut changes, &mut touched, &mut added)?
                }
                Entry::Assignment { seq, assignment } => {
                    desk_records::apply_assignment(&tx, *seq, assignment)?
                }
                Entry::SignOff {
                    seq,
                    article,
                    sign_off,
                } => desk_records::apply_sign_off(&tx, *seq, article, sign_off)?,
                Entry::Comment {
                    seq,
                    claim,
                    comment,
                } => desk_records::apply_comment(&tx, *seq, claim, comment)?,
            };
            match (new, entry) {
                (false, _) => pulled.already += 1,
                (true, Entry::Article { .. }) => pulled.articles += 1,
                (true, Entry::Event { .. }) => pulled.events += 1,
                (true, Entry::Assignment { .. }) => pulled.assignments += 1,
                (true, Entry::SignOff { .. }) => pulled.sign_offs += 1,
                (true, Entry::Comment { .. }) => pulled.comments += 1,
            }
            cursor = entry.seq();
        }
        for claim in &touched {
            settle(&tx, *claim)?;
            super::unseen::note_settled(&tx, *claim, &added)?;
        }
        pulled.claims_settled = touched.len();
        tx.execute("UPDATE desk SET cursor = ?1 WHERE id = 1", [cursor])?;
        tx.commit()?;
        Ok(pulled)
    }
}

/// Applies a published article; false when it was already here.
fn apply_article(
    conn: &Connection,
    article: &DeskArticle,
    seq: i64,
    at: DateTime<Utc>,
) -> Result<bool> {
    if let Some(key) = row_of(conn, "desk_article", "article_id", &article.uid)? {
        conn.execute(
            "UPDATE desk_article SET seq = ?2 WHERE article_id = ?1",
            params![key, seq],
        )?;
        return Ok(false);
    }
    let hash = articles::content_hash(&article.text);
    let same: Option<i64> = conn
        .query_row(
            "SELECT id FROM article WHERE content_hash = ?1",
            [&hash],
            |r| r.get(0),
        )
        .optional()?;
    let key = match same {
        // The same text is here already (imported here too): it becomes the desk's article,
        // its claims matched by kind and span.
        Some(key) => {
            conn.execute(
                "INSERT INTO desk_article (article_id, uid, seq) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (article_id) DO UPDATE SET uid = excluded.uid, seq = excluded.seq",
                params![key, article.uid, seq],
            )?;
            key
        }
        None => {
            let row = NewArticle {
                title: article.title.clone(),
                byline: article.byline.clone(),
                outlet: article.outlet.clone(),
                url: article.url.clone(),
                published: article.published,
                text: article.text.clone(),
                provenance: None,
            };
            let origin = articles::RowOrigin {
                source: &format!("desk:{}", article.uid),
                format: "desk",
                source_hash: None,
            };
            let key = articles::insert_article_row(conn, &row, &hash, at, Some(origin))?;
            conn.execute(
                "INSERT INTO desk_article (article_id, uid, seq) VALUES (?1, ?2, ?3)",
                params![key, article.uid, seq],
            )?;
            key
        }
    };
    for c in &article.claims {
        let here: Option<i64> = conn
            .prepare_cached(
                "SELECT id FROM claim WHERE article_id = ?1 AND kind = ?2 AND start_byte = ?3 \
                 AND end_byte = ?4 ORDER BY id LIMIT 1",
            )?
            .query_row(
                params![key, c.claim.kind.as_str(), c.claim.start, c.claim.end],
                |r| r.get(0),
            )
            .optional()?;
        let row = match here {
            Some(row) => row,
            None => {
                claims::check_claim(&Kind::Article.id(key), &article.text, &c.claim)?;
                let row = claims::insert_claim(conn, key, &c.claim, c.origin, &article.text)?;
                if c.dismissed {
                    conn.execute("UPDATE claim SET dismissed = 1 WHERE id = ?1", [row])?;
                }
                row
            }
        };
        conn.execute(
            "INSERT INTO desk_claim (claim_id, uid) VALUES (?1, ?2) \
             ON CONFLICT (claim_id) DO UPDATE SET uid = excluded.uid",
            params![row, c.uid],
        )?;
    }
    Ok(true)
}

/// Applies one event; false when it was already here.
fn apply_event(
    conn: &Connection,
    event: &DeskEvent,
    seq: i64,
    changes: &mut HashMap<String, i64>,
    touched: &mut HashSet<i64>,
    added: &mut HashSet<i64>,
) -> Result<bool> {
    if let Some(row) = row_of(conn, "desk_event", "history_id", &event.uid)? {
        conn.execute(
            "UPDATE desk_event SET seq = ?2 WHERE history_id = ?1",
            params![row, seq],
        )?;
        return Ok(false);
    }
    let claim = row_of(conn, "desk_claim", "claim_id", &event.claim)?.ok_or_else(|| {
        desk_error(format!(
            "the desk sent event {} for claim {}, which this database does not have",
            event.uid, event.claim
        ))
    })?;
    let change = match changes.get(&event.change) {
        Some(n) => *n,
        None => {
            let here: Option<i64> = conn
                .prepare_cached(
                    "SELECT h.change FROM desk_event de JOIN history h ON h.id = de.history_id \
                     WHERE de.uid = ?1",
                )?
                .query_row([&event.change], |r| r.get(0))
                .optional()?;
            let n = match here {
                Some(n) => n,
                None => history::next_change(conn)?,
            };
            changes.insert(event.change.clone(), n);
            n
        }
    };
    // An undo of an event another undo has reverted already (two people undid the same
    // change) is kept as a plain change: the history holds one undo per event.
    let undoes = match &event.undoes {
        Some(uid) => match row_of(conn, "desk_event", "history_id", uid)? {
            Some(row) => {
                let taken: bool = conn
                    .prepare_cached("SELECT EXISTS (SELECT 1 FROM history WHERE undoes = ?1)")?
                    .query_row([row], |r| r.get(0))?;
                (!taken).then_some(row)
            }
            None => None,
        },
        None => None,
    };
    let (before, after) = if event.field == "source" {
        let mut to_local = |uid: &str| source_here(conn, claim, uid, event);
        (
            with_source_id(&event.before, &mut to_local)?,
            with_source_id(&event.after, &mut to_local)?,
        )
    } else {
        (event.before.clone(), event.after.clone())
    };
    let row = history::record(
        conn,
        claim,
        change,
        &event.by,
        event.at,
        &event.field,
        &before,
        &after,
        undoes,
    )?;
    conn.prepare_cached("INSERT INTO desk_event (history_id, uid, seq) VALUES (?1, ?2, ?3)")?
        .execute(params![row, event.uid, seq])?;
    touched.insert(claim);
    added.insert(row);
    Ok(true)
}

/// The local short id of the source with desk UUID `uid` on claim row `claim`, stored
/// (withdrawn until the claim is settled) from what the event says of it when it is new.
fn source_here(conn: &Connection, claim: i64, uid: &str, event: &DeskEvent) -> Result<String> {
    if let Some(row) = row_of(conn, "desk_source", "source_id", uid)? {
        return Ok(Kind::Source.id(row));
    }
    let said = if event.after.is_null() {
        &event.before
    } else {
        &event.after
    };
    let text = |k: &str| said.get(k).and_then(Value::as_str).map(str::to_string);
    let (url, citation) = (text("url"), text("citation"));
    if url.is_none() && citation.is_none() {
        return Err(desk_error(format!(
            "the desk sent source event {} with neither a URL nor a citation",
            event.uid
        )));
    }
    conn.prepare_cached(
        "INSERT INTO source (claim_id, url, citation, title, shows, accessed, added_by, \
         added_at, removed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1)",
    )?
    .execute(params![
        claim,
        url,
        citation,
        text("title"),
        text("shows"),
        text("accessed"),
        event.by,
        super::ts(event.at)
    ])?;
    let row = conn.last_insert_rowid();
    conn.prepare_cached("INSERT INTO desk_source (source_id, uid) VALUES (?1, ?2)")?
        .execute(params![row, uid])?;
    Ok(Kind::Source.id(row))
}

/// Gives claim row `claim` the status, note, sources, speaker, value and dismissal of its
/// last event of each in the desk's order (events the desk has not acknowledged last, in
/// the order they were made).
fn settle(conn: &Connection, claim: i64) -> Result<()> {
    let events: Vec<(String, String, String, String)> = conn
        .prepare_cached(
            "SELECT h.field, h.after, h.by, h.at FROM history h \
             LEFT JOIN desk_event de ON de.history_id = h.id WHERE h.claim_id = ?1 \
             ORDER BY de.seq IS NULL, de.seq, h.id",
        )?
        .query_map([claim], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut last: HashMap<&str, (Value, &str, &str)> = HashMap::new();
    let mut sources: HashMap<String, bool> = HashMap::new();
    for (field, after, by, at) in &events {
        let after: Value = serde_json::from_str(after)
            .map_err(|e| desk_error(format!("a history event of claim c{claim}: {e}")))?;
        if field == "source" {
            continue;
        }
        last.insert(field.as_str(), (after, by.as_str(), at.as_str()));
    }
    // Sources: present when the last event naming each says so.
    let source_events: Vec<(String, String)> = conn
        .prepare_cached(
            "SELECT h.before, h.after FROM history h \
             LEFT JOIN desk_event de ON de.history_id = h.id \
             WHERE h.claim_id = ?1 AND h.field = 'source' ORDER BY de.seq IS NULL, de.seq, h.id",
        )?
        .query_map([claim], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (before, after) in &source_events {
        let before: Value = serde_json::from_str(before).unwrap_or(Value::Null);
        let after: Value = serde_json::from_str(after).unwrap_or(Value::Null);
        let named = after.get("id").or_else(|| before.get("id"));
        if let Some(id) = named.and_then(Value::as_str) {
            sources.insert(id.to_string(), !after.is_null());
        }
    }
    for (id, present) in sources {
        conn.execute(
            "UPDATE source SET removed = ?3 WHERE id = ?1 AND claim_id = ?2",
            params![Kind::Source.key(&id)?, claim, !present],
        )?;
    }
    if let Some((after, by, at)) = last.get("status") {
        let status: Status = after
            .as_str()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| desk_error(format!("claim c{claim}: a status event of {after}")))?;
        verdicts::set_status(conn, claim, status, by, super::parse_ts(at)?)?;
    }
    if let Some((after, _, _)) = last.get("note") {
        verdicts::set_note(conn, claim, after.as_str())?;
    }
    if let Some((after, _, _)) = last.get("speaker") {
        conn.execute(
            "UPDATE claim SET speaker = ?2 WHERE id = ?1 AND speaker IS NOT ?2",
            params![claim, after.as_str()],
        )?;
        let corrected = history::has_change_in_force(conn, claim, "speaker")?;
        conn.execute(
            "UPDATE claim SET speaker_corrected = ?2 WHERE id = ?1",
            params![claim, corrected],
        )?;
    }
    if let Some((after, _, _)) = last.get("value") {
        let value = (!after.is_null()).then(|| after.to_string());
        let corrected = history::has_change_in_force(conn, claim, "value")?;
        conn.execute(
            "UPDATE claim SET value = ?2, value_corrected = ?3 WHERE id = ?1",
            params![claim, value, corrected],
        )?;
        memory::index_claim(conn, claim)?;
    }
    if let Some((after, _, _)) = last.get("dismissed") {
        if let Some(dismissed) = after.as_bool() {
            conn.execute(
                "UPDATE claim SET dismissed = ?2 WHERE id = ?1 AND dismissed <> ?2",
                params![claim, dismissed],
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    //! The desk's store side on real SQLite files with the sample article: what a push
    //! sends, acknowledgement, pulls applied once, and verdicts in the desk's order.

    use chrono::TimeZone;

    use super::*;
    use crate::desk::Placed;
    use crate::store::{Mark, NewArticle, NewSource};

    const SAMPLE: &str = include_str!("../../../../samples/seed-stoltenberg-kyiv.txt");

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 9, minute, 0).unwrap()
    }

    /// A database file in `dir`, joined to a desk.
    fn joined(dir: &std::path::Path, name: &str) -> Store {
        let mut store = Store::open(&dir.join(name)).unwrap();
        store
            .join_desk("http://127.0.0.1:7700/", "fdk_test")
            .unwrap();
        store
    }

    fn mark(store: &mut Store, claim: &str, status: Status, note: &str, by: &str, min: u32) {
        store
            .mark(
                claim,
                &Mark {
                    status: Some(status),
                    note: Some(note.into()),
                    source: None,
                },
                by,
                at(min),
            )
            .unwrap();
    }

    /// A desk in memory: gives each pushed article and event the next place, once.
    #[derive(Default)]
    struct FakeDesk {
        entries: Vec<Entry>,
    }

    impl FakeDesk {
        fn push(&mut self, outbox: &Outbox) -> PushResponse {
            let mut out = PushResponse::default();
            for a in &outbox.articles {
                let seq = self.place(&a.uid).unwrap_or_else(|| {
                    let seq = self.entries.len() as i64 + 1;
                    self.entries.push(Entry::Article {
                        seq,
                        article: a.clone(),
                    });
                    seq
                });
                out.articles.push(Placed {
                    uid: a.uid.clone(),
                    seq,
                });
            }
            for e in &outbox.events {
                let seq = self.place(&e.uid).unwrap_or_else(|| {
                    let seq = self.entries.len() as i64 + 1;
                    self.entries.push(Entry::Event {
                        seq,
                        event: e.clone(),
                    });
                    seq
                });
                out.events.push(Placed {
                    uid: e.uid.clone(),
                    seq,
                });
            }
            out
        }

        fn place(&self, uid: &str) -> Option<i64> {
            self.entries.iter().find_map(|e| match e {
                Entry::Article { seq, article } if article.uid == uid => Some(*seq),
                Entry::Event { seq, event } if event.uid == uid => Some(*seq),
                _ => None,
            })
        }

        fn sync(&mut self, store: &mut Store) -> Pulled {
            let outbox = store.desk_outbox(10_000).unwrap();
            let placed = self.push(&outbox);
            store.desk_acknowledge(&placed).unwrap();
            let cursor = store.desk().unwrap().unwrap().cursor;
            let after: Vec<Entry> = self
                .entries
                .iter()
                .filter(|e| e.seq() > cursor)
                .cloned()
                .collect();
            store.desk_apply(&after, at(59)).unwrap()
        }
    }

    fn import_sample(store: &mut Store) -> String {
        store
            .import(
                NewArticle {
                    title: "Stoltenberg in Kyiv".into(),
                    text: SAMPLE.into(),
                    ..Default::default()
                },
                at(0),
            )
            .unwrap()
            .article
            .id
    }

    /// Each claim's span, status, note, reviewer and sources: what databases must agree on.
    fn state(store: &Store) -> Vec<String> {
        let article = store.articles(&Default::default()).unwrap()[0].id.clone();
        store
            .claims(&article, &ClaimFilter::default())
            .unwrap()
            .into_iter()
            .map(|c| {
                let sources: Vec<_> = c.sources.into_iter().map(|s| s.url).collect();
                format!(
                    "{}..{} {} {:?} {:?} {sources:?}",
                    c.claim.start, c.claim.end, c.status, c.note, c.reviewer
                )
            })
            .collect()
    }

    #[test]
    fn a_push_names_each_event_once_and_a_retry_names_the_same_events() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = joined(dir.path(), "a.db");
        let article = import_sample(&mut store);
        mark(
            &mut store,
            "c1",
            Status::Verified,
            "seen the budget",
            "ana",
            1,
        );
        assert!(
            store.desk_outbox(100).unwrap().events.is_empty(),
            "an article not on the desk sends nothing"
        );
        let uid = store.publish_to_desk(&article).unwrap();
        assert_eq!(
            store.publish_to_desk(&article).unwrap(),
            uid,
            "published once"
        );
        let first = store.desk_outbox(100).unwrap();
        assert_eq!(first.articles.len(), 1);
        assert!(
            first.events.is_empty(),
            "events wait for the article's acknowledgement"
        );
        let mut desk = FakeDesk::default();
        desk.sync(&mut store);
        // The history made before publishing goes up once the article is on the desk.
        let outbox = store.desk_outbox(100).unwrap();
        assert_eq!(outbox.events.len(), 2, "c1's status and note: {outbox:?}");
        desk.sync(&mut store);
        assert!(store.desk_outbox(100).unwrap().events.is_empty());
        mark(&mut store, "c2", Status::Disputed, "two figures", "ana", 2);
        let outbox = store.desk_outbox(100).unwrap();
        assert_eq!(outbox.events.len(), 2, "status and note: {outbox:?}");
        assert_eq!(outbox.events[0].change, outbox.events[0].uid);
        assert_eq!(
            outbox.events[1].change, outbox.events[0].uid,
            "one edit, one change"
        );
        let again = store.desk_outbox(100).unwrap();
        assert_eq!(again, outbox, "a retried push sends the same events");
        assert_eq!(store.desk_status().unwrap().unwrap().pending_events, 2);

        // Reopened, the database still knows its desk, cursor and pending events.
        drop(store);
        let mut store = Store::open(&dir.path().join("a.db")).unwrap();
        let status = store.desk_status().unwrap().unwrap();
        assert_eq!(status.url, "http://127.0.0.1:7700");
        assert_eq!(status.pending_events, 2);
        assert_eq!(
            store.desk_outbox(100).unwrap(),
            outbox,
            "same UUIDs after reopening"
        );
        desk.sync(&mut store);
        assert_eq!(store.desk_status().unwrap().unwrap().pending_events, 0);
        assert_eq!(
            desk.entries.len(),
            1 + 2 + 2,
            "the article and four events, once each"
        );
    }

    #[test]
    fn pulls_apply_once_and_verdicts_follow_the_desk_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = FakeDesk::default();
        let mut ana = joined(dir.path(), "ana.db");
        let mut ben = joined(dir.path(), "ben.db");
        let article = import_sample(&mut ana);
        ana.add_source(
            "c1",
            &NewSource {
                url: Some("https://example.org/a".into()),
                ..Default::default()
            },
            "ana",
            at(1),
        )
        .unwrap();
        ana.publish_to_desk(&article).unwrap();
        desk.sync(&mut ana);
        desk.sync(&mut ana);
        let pulled = desk.sync(&mut ben);
        assert_eq!((pulled.articles, pulled.events), (1, 1), "{pulled:?}");
        assert_eq!(state(&ben), state(&ana), "ben has ana's article and source");

        // Both mark c3 apart; ana's reaches the desk first, so ben's is the verdict.
        mark(&mut ana, "c3", Status::False, "ana: wrong year", "ana", 2);
        mark(&mut ben, "c3", Status::Verified, "ben: right", "ben", 3);
        desk.sync(&mut ana);
        desk.sync(&mut ben);
        desk.sync(&mut ana);
        assert_eq!(state(&ana), state(&ben), "converged");
        let c3 = ana.claim("c3").unwrap();
        assert_eq!(
            (c3.status, c3.reviewer.as_deref()),
            (Status::Verified, Some("ben"))
        );
        let fields: Vec<String> = ana
            .history("c3")
            .unwrap()
            .into_iter()
            .map(|e| format!("{} {}", e.by, e.after))
            .collect();
        assert_eq!(
            fields,
            [
                "ana \"false\"",
                "ana \"ana: wrong year\"",
                "ben \"verified\"",
                "ben \"ben: right\""
            ],
            "both edits kept, in the desk's order"
        );

        // Undo on one side, the source withdrawn everywhere.
        ben.undo("c1", "ben", at(4)).unwrap();
        desk.sync(&mut ben);
        desk.sync(&mut ana);
        assert!(
            ana.claim("c1").unwrap().sources.is_empty(),
            "the undo reached ana"
        );
        assert_eq!(state(&ana), state(&ben));

        // The whole stream applied again changes nothing.
        let history_before = ana.history("c3").unwrap().len();
        let everything = desk.entries.clone();
        ana.conn
            .execute("UPDATE desk SET cursor = 0 WHERE id = 1", [])
            .unwrap();
        let again = ana.desk_apply(&everything, at(59)).unwrap();
        assert_eq!((again.articles, again.events), (0, 0), "{again:?}");
        assert_eq!(again.already, everything.len());
        assert_eq!(ana.history("c3").unwrap().len(), history_before);

        // A third database built from the stream alone agrees with both.
        let mut cleo = joined(dir.path(), "cleo.db");
        desk.sync(&mut cleo);
        assert_eq!(
            state(&cleo),
            state(&ana),
            "the stream alone rebuilds the verdicts"
        );
    }

    #[test]
    fn desk_identities_map_both_ways_once_published() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = joined(dir.path(), "a.db");
        let article = import_sample(&mut store);
        let claim = store.claims(&article, &ClaimFilter::default()).unwrap()[0]
            .id
            .clone();
        assert_eq!(store.desk_uid_of(&article).unwrap(), None);
        assert_eq!(store.desk_uid_of(&claim).unwrap(), None);
        let uid = store.publish_to_desk(&article).unwrap();
        assert_eq!(store.desk_uid_of(&article).unwrap(), Some(uid.clone()));
        assert_eq!(store.article_of_desk_uid(&uid).unwrap(), Some(article));
        let claim_uid = store
            .desk_uid_of(&claim)
            .unwrap()
            .expect("a published claim's UUID");
        assert_ne!(claim_uid, uid);
        assert_eq!(store.article_of_desk_uid(&claim_uid).unwrap(), None);
        assert!(store.desk_uid_of("x9").is_err());
    }

    #[test]
    fn joining_a_second_desk_and_bad_addresses_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = joined(dir.path(), "a.db");
        store.join_desk("http://127.0.0.1:7700", "fdk_new").unwrap();
        assert_eq!(
            store.desk().unwrap().unwrap().token,
            "fdk_new",
            "a new token"
        );
        let err = store
            .join_desk("http://other:7700", "t")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("joined to the desk at http://127.0.0.1:7700"),
            "{err}"
        );
        let err = store.join_desk("ftp://x", "t").unwrap_err().to_string();
        assert!(err.contains("not a desk address"), "{err}");
        let mut lone = Store::open(&dir.path().join("b.db")).unwrap();
        let article = import_sample(&mut lone);
        let err = lone.publish_to_desk(&article).unwrap_err().to_string();
        assert!(err.contains("not joined to a desk"), "{err}");
        let err = lone.desk_apply(&[], at(1)).unwrap_err().to_string();
        assert!(err.contains("not joined to a desk"), "{err}");
        assert_eq!(lone.desk_status().unwrap(), None);
    }

    /// The first claim ids of the only article in `store`, in the article's order.
    fn claim_ids(store: &Store) -> (String, Vec<String>) {
        let article = store.articles(&Default::default()).unwrap()[0].id.clone();
        let ids = store
            .claims(&article, &ClaimFilter::default())
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .collect();
        (article, ids)
    }

    fn unseen(store: &Store, article: &str) -> Vec<(String, String, Status)> {
        store
            .unseen_changes(article)
            .unwrap()
            .into_iter()
            .map(|u| (u.claim_id, u.by, u.status))
            .collect()
    }

    #[test]
    fn a_verdict_pulled_from_someone_else_is_unseen_until_looked_at_or_replaced_here() {
        let dir = tempfile::tempdir().unwrap();
        let mut ana = joined(dir.path(), "ana.db");
        let mut ben = joined(dir.path(), "ben.db");
        let mut desk = FakeDesk::default();
        let article = import_sample(&mut ana);
        ana.publish_to_desk(&article).unwrap();
        desk.sync(&mut ana);
        desk.sync(&mut ben);
        let (ana_article, ana_claims) = claim_ids(&ana);
        let (here, claims) = claim_ids(&ben);
        assert!(
            unseen(&ben, &here).is_empty(),
            "a new article has no verdicts"
        );

        mark(
            &mut ana,
            &ana_claims[0],
            Status::False,
            "wrong year",
            "ana",
            1,
        );
        mark(&mut ana, &ana_claims[1], Status::Verified, "ok", "ana", 2);
        // Ben marked the second claim before pulling Ana's verdict: his stands (his events
        // come after hers in the desk's order), so nothing is unseen there.
        mark(
            &mut ben,
            &claims[1],
            Status::Disputed,
            "two figures",
            "ben",
            3,
        );
        desk.sync(&mut ana);
        desk.sync(&mut ben);
        assert_eq!(
            unseen(&ben, &here),
            vec![(claims[0].clone(), "ana".to_string(), Status::False)],
            "only the claim whose verdict is now Ana's"
        );
        let listed = ben.unseen_changes(&here).unwrap();
        assert_eq!(listed[0].at, at(1), "when Ana gave it");
        assert!(
            unseen(&ana, &ana_article).is_empty(),
            "Ana's own verdicts coming back are not news to her: {:?}",
            unseen(&ana, &ana_article)
        );
        desk.sync(&mut ana);
        assert!(
            unseen(&ana, &ana_article).iter().all(|u| u.1 != "ana"),
            "never her own"
        );

        assert!(ben.mark_seen(&claims[0]).unwrap(), "it was listed");
        assert!(unseen(&ben, &here).is_empty(), "seen");
        assert!(!ben.mark_seen(&claims[0]).unwrap(), "seen once");

        // A later verdict from Ana is news again; one Ben gives after it replaces it.
        mark(
            &mut ana,
            &ana_claims[0],
            Status::Misleading,
            "close",
            "ana",
            4,
        );
        desk.sync(&mut ana);
        desk.sync(&mut ben);
        assert_eq!(
            unseen(&ben, &here),
            vec![(claims[0].clone(), "ana".to_string(), Status::Misleading)]
        );
        mark(&mut ben, &claims[0], Status::Verified, "checked", "ben", 5);
        assert!(
            unseen(&ben, &here).is_empty(),
            "Ben's own verdict since is what the claim shows"
        );
        // And it survives reopening the file.
        mark(&mut ana, &ana_claims[2], Status::Unverifiable, "", "ana", 6);
        desk.sync(&mut ana);
        desk.sync(&mut ben);
        drop(ben);
        let ben = Store::open(&dir.path().join("ben.db")).unwrap();
        assert_eq!(
            unseen(&ben, &here),
            vec![(claims[2].clone(), "ana".to_string(), Status::Unverifiable)]
        );
    }
}
