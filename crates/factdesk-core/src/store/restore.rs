//! Restoring the database from a backup, with the write-ahead log and shared-memory files
//! handled, so nobody copies database files by hand.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};

use super::check::{self, Depth};
use super::{classify, Result, Store, StoreError};

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Restored {
    /// The database now holding the backup's contents.
    pub database: PathBuf,
    /// Where the database it replaced was kept (with its write-ahead log beside it, if it
    /// had one); `None` when there was no database.
    pub replaced_kept_at: Option<PathBuf>,
    /// Articles in the restored database.
    pub articles: usize,
    /// Claims in the restored database.
    pub claims: usize,
}

/// Replaces the database at `db` with the contents of the backup at `backup`.
///
/// The backup is checked whole first (schema, every page, references) and refused if it
/// is not sound. Nothing may be using `db` (close the app and other commands first). The
/// database it replaces is not deleted: it is renamed to `DB.replaced-TIME` (its `-wal`
/// with it, so the pair stays whole), and stale `-shm` and stamp files are removed, so
/// SQLite never replays an old log into the restored file. The restored copy is written
/// beside `db` and moved into place in one step; its schema is brought up to date.
pub fn restore(backup: &Path, db: &Path, now: DateTime<Utc>) -> Result<Restored> {
    if !backup.is_file() {
        return Err(StoreError::Invalid(format!(
            "{}: no backup file there",
            backup.display()
        )));
    }
    if same_file(backup, db) {
        return Err(StoreError::Invalid(format!(
            "{}: is the database itself, not a backup of it",
            backup.display()
        )));
    }
    let report = check::check_with(backup, Depth::Full, false)?;
    if let Some(p) = report.problems.first() {
        return Err(StoreError::Refused {
            path: backup.to_path_buf(),
            what: format!("this backup is not sound: {}", p.what),
            fix: "choose another backup".into(),
        });
    }
    if db.exists() && check::in_use_elsewhere(db) {
        return Err(StoreError::Invalid(format!(
            "{}: the database is in use by another program (the Factdesk app or a factdesk \
             command); close it and run the restore again. Nothing was changed",
            db.display()
        )));
    }

    // Copy the backup (with whatever log it has) into a new file beside the database.
    let partial = crate::output::Partial::beside(db)?;
    let tmp = partial.path().to_path_buf();
    {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let src = Connection::open_with_flags(backup, flags).map_err(|e| classify(backup, e))?;
        src.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )?;
        let mut dst = Connection::open(&tmp).map_err(|e| classify(&tmp, e))?;
        {
            let copy = rusqlite::backup::Backup::new(&src, &mut dst)?;
            copy.run_to_completion(1024, std::time::Duration::from_millis(20), None)?;
        }
        dst.close().map_err(|(_, e)| e)?;
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(|source| StoreError::Io {
                path: tmp.clone(),
                source,
            })?;
    }

    // Keep the database being replaced, with its log, under a new name.
    let mut kept = None;
    if db.exists() {
        let stamp = now.format("%Y%m%dT%H%M%SZ");
        let aside = free_name(db, &format!(".replaced-{stamp}"));
        rename(db, &aside)?;
        let wal = check::wal_path(db);
        if wal.exists() {
            rename(&wal, &check::wal_path(&aside))?;
        }
        kept = Some(aside);
    }
    for stale in [check::shm_path(db), check::stamp_path(db)] {
        let _ = std::fs::remove_file(stale);
    }
    partial.place(db, true)?;

    let store = Store::open(db)?;
    Ok(Restored {
        database: db.to_path_buf(),
        replaced_kept_at: kept,
        articles: store.article_count()?,
        claims: store.claim_count()?,
    })
}

fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(|source| StoreError::Io {
        path: from.to_path_buf(),
        source,
    })
}

/// `db` with `suffix` appended, numbered if a file of that name exists.
fn free_name(db: &Path, suffix: &str) -> PathBuf {
    let base = {
        let mut s = db.as_os_str().to_owned();
        s.push(suffix);
        PathBuf::from(s)
    };
    let mut candidate = base.clone();
    let mut n = 1;
    while candidate.exists() {
        n += 1;
        let mut s = base.as_os_str().to_owned();
        s.push(format!("-{n}"));
        candidate = PathBuf::from(s);
    }
    candidate
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
