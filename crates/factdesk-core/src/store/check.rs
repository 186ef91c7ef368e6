//! Checking a database file before it is trusted with an editor's work, and on request.
//!
//! Every [`super::Store::open`] of an existing file runs the checks of [`Depth::Open`]
//! first, on a read-only connection that never checkpoints, so a file that fails them is
//! refused exactly as it was found:
//!
//! - **schema**: every table, column, index and trigger is the one the migrations made for
//!   the file's schema version (a dropped trigger, table or column, a `user_version` of 0 on
//!   a populated file, an object nobody expects);
//! - **write-ahead log**: a `-wal` file left beside the database with no process using it
//!   is about to be replayed into the file; its pages are checked first, so a log that
//!   belongs to another file (a database copied over from a backup) never damages this one;
//! - **pages**: every page is checked whenever the file changed since Factdesk last closed
//!   it (a different inode, size or time stamp than the one recorded in the file's
//!   `-verified` stamp beside it), so a library that only Factdesk touches opens without
//!   reading its gigabytes, and a file damaged or replaced behind its back is read whole.
//!
//! [`Depth::Full`] (the `factdesk check` command) also runs SQLite's full
//! `integrity_check` and the foreign-key check, whatever the stamp says.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};

use super::{StoreError, APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION};

/// How thoroughly to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// What every open does: schema, triggers, write-ahead log, and the pages when the file
    /// changed behind Factdesk's back.
    Open,
    /// Everything: the open checks plus every page, index entry and reference.
    Full,
}

/// One thing wrong with a database, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// What is wrong, in a sentence.
    pub what: String,
    /// What the editor can do.
    pub fix: String,
}

/// What checking a database found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckReport {
    /// The database file.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// Its schema version (`PRAGMA user_version`).
    pub schema_version: i64,
    /// Bytes in the write-ahead log beside it (0 when there is none).
    pub wal_bytes: u64,
    /// True when another process (the app, another command) has the database open now.
    pub in_use: bool,
    /// True when every page was read and checked.
    pub pages_checked: bool,
    /// Articles, claims and history events, counted by a full check when the tables could
    /// be read (`None` at open depth).
    pub articles: Option<i64>,
    /// Claims, dismissed ones included.
    pub claims: Option<i64>,
    /// History events.
    pub history_events: Option<i64>,
    /// Everything wrong; empty when the database is sound.
    pub problems: Vec<Problem>,
}

impl CheckReport {
    /// True when nothing is wrong.
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }
}

/// The write-ahead log of the database at `db`.
pub fn wal_path(db: &Path) -> PathBuf {
    sibling(db, "-wal")
}

/// The shared-memory index of the database at `db`.
pub fn shm_path(db: &Path) -> PathBuf {
    sibling(db, "-shm")
}

/// The stamp beside the database at `db` recording the state in which Factdesk last left
/// it.
pub fn stamp_path(db: &Path) -> PathBuf {
    sibling(db, "-verified")
}

/// The files that belong to the database at `db` besides itself.
pub fn companion_paths(db: &Path) -> [PathBuf; 4] {
    [
        wal_path(db),
        shm_path(db),
        stamp_path(db),
        sibling(db, "-journal"),
    ]
}

fn sibling(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Checks the Factdesk database at `path` without changing it: nothing is written to the
/// file or its write-ahead log. The file must exist and be a Factdesk database this build
/// knows (see [`super::Store::open`] for the errors otherwise).
pub fn check(path: &Path, depth: Depth) -> Result<CheckReport, StoreError> {
    check_with(path, depth, true)
}

/// [`check`], recording the file's stamp when it is sound only if `stamp` is true (never
/// for a file Factdesk does not keep, such as a backup about to be restored).
pub(crate) fn check_with(
    path: &Path,
    depth: Depth,
    stamp: bool,
) -> Result<CheckReport, StoreError> {
    super::inspect(path)?;
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let wal_bytes = std::fs::metadata(wal_path(path))
        .map(|m| m.len())
        .unwrap_or(0);
    let in_use = in_use_elsewhere(path);
    let conn = open_read_only(path)?;
    let mut report = CheckReport {
        path: path.to_path_buf(),
        bytes,
        schema_version: conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| super::classify(path, e))?,
        wal_bytes,
        in_use,
        pages_checked: false,
        articles: None,
        claims: None,
        history_events: None,
        problems: Vec::new(),
    };
    report.problems.extend(schema_problems(&conn, path)?);

    // A log nobody is using will be replayed into the file by the next writer: check
    // what the file would become before letting that happen. A log in use belongs to the
    // database by construction (the process using it wrote it).
    let orphan_log = wal_bytes > 0 && !in_use;
    let changed = !stamp_matches(path);
    if depth == Depth::Full || orphan_log || changed {
        report.pages_checked = true;
        let pragma = match depth {
            Depth::Full => "integrity_check",
            Depth::Open => "quick_check",
        };
        let damage = page_problems(&conn, pragma);
        if !damage.is_empty() {
            let shown = damage
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join("; ");
            report.problems.push(if orphan_log {
                Problem {
                    what: format!(
                        "the write-ahead log {} would damage the database if it were \
                         replayed into it ({shown}): it belongs to another copy of the \
                         file, or was damaged",
                        wal_path(path).display()
                    ),
                    fix: format!(
                        "if the database was replaced by a copy, move {} aside and open \
                         it again; otherwise restore the last backup with `factdesk \
                         restore BACKUP`, which deals with the -wal and -shm files itself",
                        wal_path(path).display()
                    ),
                }
            } else {
                Problem {
                    what: format!("{} damaged page(s) or index entries: {shown}", damage.len()),
                    fix: "restore the last backup with `factdesk restore BACKUP`; keep \
                          this file, a copy of it can still be read"
                        .into(),
                }
            });
        }
    }
    if depth == Depth::Full && report.problems.is_empty() {
        let broken: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap_or(0);
        if broken > 0 {
            report.problems.push(Problem {
                what: format!("{broken} row(s) refer to articles, claims or events that are gone"),
                fix: "restore the last backup with `factdesk restore BACKUP`".into(),
            });
        }
    }
    if depth == Depth::Full && report.problems.is_empty() {
        let wrong = stale_tallies(&conn);
        if wrong > 0 {
            report.problems.push(Problem {
                what: format!(
                    "{wrong} article(s) show claim counts that differ from their claims (the \
                     counts the library lists and sorts by)"
                ),
                fix: "recount them with `factdesk check --recount`; no review work is \
                      affected"
                    .into(),
            });
        }
    }
    // Counting two million claims is for the report of a full check, not for every open.
    if depth == Depth::Full {
        let count = |table: &str| {
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .ok()
        };
        report.articles = count("article");
        report.claims = count("claim");
        report.history_events = count("history");
    }
    drop(conn);
    if stamp && report.is_sound() && report.pages_checked {
        record_stamp(path);
    }
    Ok(report)
}

/// Runs the open-time checks and turns what they find into the error that refuses the
/// file. Called by [`super::Store::open`] on an existing, non-empty file.
pub(crate) fn check_on_open(path: &Path) -> Result<(), StoreError> {
    let report = check(path, Depth::Open)?;
    match report.problems.into_iter().next() {
        None => Ok(()),
        Some(problem) => Err(StoreError::Refused {
            path: path.to_path_buf(),
            what: problem.what,
            fix: problem.fix,
        }),
    }
}

/// A read-only connection that never writes: no checkpoint when it closes, no change to
/// the write-ahead log.
fn open_read_only(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| super::classify(path, e))?;
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )
    .map_err(|e| super::classify(path, e))?;
    conn.busy_timeout(super::BUSY_TIMEOUT)
        .map_err(|e| super::classify(path, e))?;
    Ok(conn)
}

/// The messages of `PRAGMA quick_check` or `integrity_check`; empty when the pages are
/// sound.
fn page_problems(conn: &Connection, pragma: &str) -> Vec<String> {
    let run = || -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare(&format!("PRAGMA {pragma}(20)"))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    };
    match run() {
        Ok(lines) if lines.len() == 1 && lines[0] == "ok" => Vec::new(),
        Ok(lines) => lines,
        Err(e) => vec![plain(&e)],
    }
}

/// An SQLite error's own words, once.
pub(crate) fn plain(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(_, Some(msg)) if !msg.is_empty() => msg.clone(),
        rusqlite::Error::SqliteFailure(code, None) => code.to_string(),
        other => other.to_string(),
    }
}

/// One object of a schema: a table, index, trigger or view and the SQL that made it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct SchemaObject {
    kind: String,
    name: String,
    sql: Option<String>,
}

fn schema_of(conn: &Connection) -> rusqlite::Result<Vec<SchemaObject>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_master \
         WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(SchemaObject {
            kind: r.get(0)?,
            name: r.get(1)?,
            sql: r.get(2)?,
        })
    })?;
    rows.collect()
}

/// The schema the migrations make for `version`, built in memory.
fn expected_schema(version: i64) -> Result<Vec<SchemaObject>, StoreError> {
    let mut conn = Connection::open_in_memory()?;
    let steps = usize::try_from(version).unwrap_or(0);
    MIGRATIONS.to_version(&mut conn, steps)?;
    Ok(schema_of(&conn)?)
}

/// What differs between the file's schema and the one its version should have.
fn schema_problems(conn: &Connection, path: &Path) -> Result<Vec<Problem>, StoreError> {
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| super::classify(path, e))?;
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| super::classify(path, e))?;
    let found = schema_of(conn).map_err(|e| super::classify(path, e))?;
    let fix = || "restore the last backup with `factdesk restore BACKUP`".to_string();
    if app == APPLICATION_ID && version == 0 && !found.is_empty() {
        return Ok(vec![Problem {
            what: format!(
                "its schema version is 0 although it holds {} tables, indexes and triggers: \
                 something other than Factdesk reset it",
                found.len()
            ),
            fix: fix(),
        }]);
    }
    if version == 0 || version > SCHEMA_VERSION {
        return Ok(Vec::new());
    }
    let expected = expected_schema(version)?;
    let mut problems = Vec::new();
    for want in &expected {
        match found
            .iter()
            .find(|f| f.kind == want.kind && f.name == want.name)
        {
            None => problems.push(format!("the {} {} is missing", want.kind, want.name)),
            Some(have) if have.sql != want.sql => {
                problems.push(format!("the {} {} was changed", want.kind, want.name))
            }
            Some(_) => {}
        }
    }
    for have in &found {
        if !expected
            .iter()
            .any(|w| w.kind == have.kind && w.name == have.name)
        {
            problems.push(format!("the {} {} is not Factdesk's", have.kind, have.name));
        }
    }
    if problems.is_empty() {
        return Ok(Vec::new());
    }
    let shown = problems
        .iter()
        .take(5)
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
    let more = problems.len().saturating_sub(5);
    Ok(vec![Problem {
        what: format!(
            "its schema is not the one Factdesk made for version {version}: {shown}{}",
            if more > 0 {
                format!(" (and {more} more)")
            } else {
                String::new()
            }
        ),
        fix: fix(),
    }])
}

/// True when another process has the database at `path` open now: SQLite holds a shared
/// lock on a database in write-ahead-log mode for as long as a connection is open.
#[cfg(unix)]
pub fn in_use_elsewhere(path: &Path) -> bool {
    use rustix::process::{Flock, FlockOffsetType, FlockType};
    let probe = |file: &Path| -> Option<bool> {
        let f = std::fs::File::open(file).ok()?;
        let want = Flock {
            start: 0,
            length: 0,
            pid: None,
            typ: FlockType::WriteLock,
            offset_type: FlockOffsetType::Set,
        };
        rustix::process::fcntl_getlk(&f, &want)
            .ok()
            .map(|held| held.is_some())
    };
    probe(path).unwrap_or(false) || probe(&shm_path(path)).unwrap_or(false)
}

/// Elsewhere nobody can tell; assume nobody.
#[cfg(not(unix))]
pub fn in_use_elsewhere(_path: &Path) -> bool {
    false
}

/// The file's identity and last change, as the stamp records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    size: u64,
    modified_ns: i128,
    #[serde(default)]
    inode: u64,
    #[serde(default)]
    changed_ns: i128,
}

fn stamp_of(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    let ns = |t: std::time::SystemTime| {
        t.duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as i128)
            .unwrap_or(0)
    };
    #[cfg(unix)]
    let (inode, changed_ns) = {
        use std::os::unix::fs::MetadataExt;
        (
            meta.ino(),
            meta.ctime() as i128 * 1_000_000_000 + meta.ctime_nsec() as i128,
        )
    };
    #[cfg(not(unix))]
    let (inode, changed_ns) = (0, 0);
    Some(Stamp {
        size: meta.len(),
        modified_ns: ns(meta.modified().ok()?),
        inode,
        changed_ns,
    })
}

/// True when the file is as Factdesk last left it.
fn stamp_matches(path: &Path) -> bool {
    let recorded = std::fs::read(stamp_path(path))
        .ok()
        .and_then(|b| serde_json::from_slice::<Stamp>(&b).ok());
    recorded.is_some() && recorded == stamp_of(path)
}

/// Records the file's present state as one Factdesk left sound. Best effort: without a
/// stamp the next open checks every page, which is slower, never less safe.
pub(crate) fn record_stamp(path: &Path) {
    if let Some(stamp) = stamp_of(path) {
        if let Ok(json) = serde_json::to_vec(&stamp) {
            let target = stamp_path(path);
            let tmp = sibling(path, &format!("-verified.{}", std::process::id()));
            if std::fs::write(&tmp, json).is_ok() && std::fs::rename(&tmp, &target).is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
        }
    }
}

/// Every article's claim counts, recounted from its claims and verdicts, in the columns
/// of `article_tally` (migration 0004 keeps that table in step as claims change).
pub(crate) const RECOUNT: &str = "SELECT a.id AS article_id, count(c.id) AS n_claims, \
     total(c.id IS NOT NULL AND COALESCE(v.status, 'unchecked') = 'unchecked') AS n_unchecked, \
     total(v.status = 'verified') AS n_verified, total(v.status = 'disputed') AS n_disputed, \
     total(v.status = 'false') AS n_false, total(v.status = 'misleading') AS n_misleading, \
     total(v.status = 'unverifiable') AS n_unverifiable, total(c.kind = 'figure') AS n_figure, \
     total(c.kind = 'date') AS n_date, total(c.kind = 'quote') AS n_quote \
     FROM article a LEFT JOIN claim c ON c.article_id = a.id AND c.dismissed = 0 \
     LEFT JOIN verdict v ON v.claim_id = c.id GROUP BY a.id";

/// How many articles' kept counts differ from a recount (0 on a file from before the
/// counts were kept, which the upgrade fills).
pub(crate) fn stale_tallies(conn: &Connection) -> i64 {
    let columns = [
        "n_claims",
        "n_unchecked",
        "n_verified",
        "n_disputed",
        "n_false",
        "n_misleading",
        "n_unverifiable",
        "n_figure",
        "n_date",
        "n_quote",
    ];
    let differs = columns
        .iter()
        .map(|c| format!("t.{c} IS NOT r.{c}"))
        .collect::<Vec<_>>()
        .join(" OR ");
    conn.query_row(
        &format!(
            "SELECT count(*) FROM ({RECOUNT}) r LEFT JOIN article_tally t \
             ON t.article_id = r.article_id WHERE {differs}"
        ),
        [],
        |r| r.get(0),
    )
    .unwrap_or(0)
}
