//! The review store: articles, their claims, verdicts, notes, sources and the full history
//! of every change, in one SQLite file.
//!
//! - The file is opened in WAL mode with foreign keys on and a busy timeout, so the app and
//!   the `factdesk` command can write to it at the same time. Every write is one
//!   transaction taken with `BEGIN IMMEDIATE`: an edit is in the file whole or not at all.
//! - The schema is brought up to date by the append-only migrations in `migrations/`, each
//!   in a transaction. A file that is not a Factdesk database, that a newer Factdesk wrote,
//!   that is damaged or read-only is refused with an error saying so, and never changed.
//! - Nothing an editor wrote is overwritten without a trace: every change to a verdict,
//!   note, source, speaker, value, span or dismissal is an append-only history event, and
//!   [`Store::undo`] reverts a claim's last change by recording another event.
//! - Each claim keeps a text-quote anchor ([`TextQuoteAnchor`]) beside its offsets, so a new
//!   version of an article's text re-anchors it exactly or reports it orphaned.
//!
//! Ids shown to users are short and stable: "a12" for an article, "c345" for a claim, "s7"
//! for a source, "h90" for a history event. Time and reviewer are always passed in; nothing
//! here reads the clock.

mod anchor;
mod articles;
pub mod check;
mod claims;
mod desk;
mod desk_records;
mod history;
mod memory;
mod reextract;
mod restore;
mod scope;
mod search;
mod sources;
mod unseen;
mod verdicts;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use rusqlite_migration::{Migrations, M};
use serde::{Deserialize, Serialize};

/// Verdict counts, as the article list gives them.
pub use crate::review::StatusCounts;
pub use anchor::{Placement, TextQuoteAnchor, CONTEXT_CHARS};
pub use articles::content_hash;
pub use desk::{DeskLink, DeskStatus, Outbox, Pulled};
pub use desk_records::QueueItem;
pub use memory::{ClaimMemory, DiffOp, MemoryMatch, Relation, SimilarHit, WordDiff};
pub use restore::{restore, Restored};
pub use scope::{ReviewScope, ScopeReviews};
pub use search::SearchCounts;
pub use unseen::UnseenChange;

use crate::claim::{ClaimKind, ClaimValue};
use crate::review::Status;

/// The result of every store operation.
pub type Result<T> = std::result::Result<T, StoreError>;

/// Marks a SQLite file as a Factdesk database (`PRAGMA application_id`, "FDK1").
pub const APPLICATION_ID: i32 = 0x4644_4B31;

/// How long a write waits for another process's write to finish before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(15);

/// The schema migrations, oldest first. Append only: a released migration never changes.
static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("migrations/0001_initial.sql")),
        M::up(include_str!("migrations/0002_history_no_replace.sql")),
        M::up(include_str!("migrations/0003_claim_memory.sql")),
        M::up(include_str!("migrations/0004_article_tally.sql")),
        M::up(include_str!("migrations/0005_article_provenance.sql")),
        M::up(include_str!("migrations/0006_desk.sql")),
        M::up(include_str!("migrations/0007_desk_unseen.sql")),
        M::up(include_str!("migrations/0008_desk_records.sql")),
    ])
});

/// The schema version this build writes: the number of migrations.
pub const SCHEMA_VERSION: i64 = 8;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not a Factdesk database: not SQLite at all, or another
    /// program's SQLite file. It was not changed.
    #[error("{path}: is not a Factdesk database ({reason}); it was left untouched")]
    NotFactdesk {
        /// The file given.
        path: PathBuf,
        /// What it is instead.
        reason: String,
    },
    /// The database was written by a newer Factdesk whose schema this build does not know.
    /// It was not changed.
    #[error(
        "{path}: was written by a newer Factdesk (schema version {found}, this build knows up \
         to {supported}); upgrade Factdesk to open it. The file was left untouched"
    )]
    NewerSchema {
        /// The file given.
        path: PathBuf,
        /// The schema version found in the file.
        found: i64,
        /// The newest schema version this build knows.
        supported: i64,
    },
    /// The database file is damaged. It was not changed.
    #[error(
        "{path}: the database is damaged ({detail}); it was left untouched. Restore it from a \
         backup (`factdesk backup` makes one)"
    )]
    Corrupt {
        /// The file given.
        path: PathBuf,
        /// What SQLite reported.
        detail: String,
    },
    /// The database failed a check made before trusting it (see [`check`]): its schema was
    /// altered, a write-ahead log beside it belongs to another file, or pages are damaged.
    /// It was not changed.
    #[error("{path}: {what}. It was left untouched; {fix}")]
    Refused {
        /// The file given.
        path: PathBuf,
        /// What is wrong with it.
        what: String,
        /// What the editor can do.
        fix: String,
    },
    /// The database (or its folder) cannot be written. It was not changed.
    #[error("{path}: the database is read-only ({detail}); it was left untouched")]
    ReadOnly {
        /// The file given.
        path: PathBuf,
        /// Why it cannot be written.
        detail: String,
    },
    /// No article, claim, source or history event has this id.
    #[error("no {what} {id:?} in this database")]
    NotFound {
        /// "article", "claim", "source" or "history event".
        what: &'static str,
        /// The id asked for, as given.
        id: String,
    },
    /// A span that does not lie on the article's text, or does not match the claim's text.
    #[error("span {start}..{end} does not fit article {article}: {reason}")]
    BadSpan {
        /// The article's id.
        article: String,
        /// First byte asked for.
        start: usize,
        /// One past the last byte asked for.
        end: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// A request the store refuses as it stands: an empty reviewer name, a source with no
    /// URL or citation, a value of the wrong kind, a backup over an existing file…
    #[error("{0}")]
    Invalid(String),
    /// An imported text is an earlier version of an article that has moved on: storing
    /// it would roll the article back, so nothing was changed.
    #[error(
        "this text is version {version} of article {article}, which is now at version \
         {current}; importing it again would roll the article back, so nothing was changed"
    )]
    EarlierVersion {
        /// The article the text was a version of.
        article: String,
        /// Which earlier version it is.
        version: i64,
        /// The article's version now.
        current: i64,
    },
    /// An imported text meant as a new version of one article (same URL, or
    /// `--version-of`) is already the text of another article; nothing was changed.
    #[error(
        "this text is already article {other}, so it cannot also become a new version of \
         article {article}; nothing was changed"
    )]
    TextElsewhere {
        /// The article the import was meant for.
        article: String,
        /// The article that already has this text.
        other: String,
    },
    /// The file or its folder could not be created, read or renamed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system reported.
        source: std::io::Error,
    },
    /// A backup's destination was refused or could not be written.
    #[error(transparent)]
    Output(#[from] crate::output::OutputError),
    /// Any other SQLite failure.
    #[error("database error: {}", check::plain(.0))]
    Sqlite(rusqlite::Error),
    /// Bringing the schema up to date failed; the transaction was rolled back.
    #[error("could not bring the database schema up to date: {0}")]
    Migration(String),
}

impl StoreError {
    /// True when an import was refused for what it would have done to the articles (not
    /// for a failure of the database): nothing of it was written, and the other articles
    /// of the same batch can still go in.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            StoreError::EarlierVersion { .. }
                | StoreError::TextElsewhere { .. }
                | StoreError::NotFound { .. }
                | StoreError::BadSpan { .. }
        )
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

impl From<rusqlite_migration::Error> for StoreError {
    /// The failure in SQLite's words, without the migration script it came from.
    fn from(e: rusqlite_migration::Error) -> Self {
        match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => StoreError::Sqlite(err),
            other => StoreError::Migration(other.to_string()),
        }
    }
}

/// An article to import: its text and what the file said about it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NewArticle {
    /// Headline.
    pub title: String,
    /// Author line.
    pub byline: Option<String>,
    /// Publication or outlet name.
    pub outlet: Option<String>,
    /// Where the article lives online. An import with the URL of an article already in
    /// the store and a different text is a new version of that article.
    pub url: Option<String>,
    /// Publication date, used to resolve relative dates.
    pub published: Option<NaiveDate>,
    /// The text, exactly as it will be stored.
    pub text: String,
    /// Where the text was read from, kept with the article.
    pub provenance: Option<crate::review::Provenance>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Imported {
    /// The article as stored now.
    pub article: crate::review::Article,
    /// True when a new article was stored; false when the same text was already there
    /// (nothing changed) or when the text is a new version of an article with the same URL
    /// (see `update`).
    pub created: bool,
    /// Its claims, dismissed ones excluded.
    pub claims: usize,
    /// Set when the text replaced an earlier version of the article with the same URL.
    pub update: Option<TextUpdate>,
}

/// What replacing an article's text with a new version did to its claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextUpdate {
    /// The article's id.
    pub article_id: String,
    /// The new version number (the first import is version 1).
    pub version: i64,
    /// Claims found again exactly and moved to their new offsets.
    pub reanchored: usize,
    /// Claims with reviewed work that could not be placed exactly: kept with all their
    /// work, flagged orphaned for an editor to place.
    pub orphaned: Vec<String>,
    /// Unreviewed extracted claims that could not be placed and were dropped (extraction
    /// of the new text finds them again if they are still there).
    pub dropped: usize,
    /// Extraction on the new text.
    pub reextract: ReextractReport,
}

/// One line of the article list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    /// Short id ("a12").
    pub id: String,
    /// Headline.
    pub title: String,
    /// Outlet, when known.
    pub outlet: Option<String>,
    /// Publication date, when known.
    pub published: Option<NaiveDate>,
    /// When it was imported.
    pub imported_at: DateTime<Utc>,
    /// Claims per status, dismissed ones excluded.
    pub counts: StatusCounts,
    /// Claims, dismissed ones excluded.
    pub claims: usize,
    /// The article's URL, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The current version (the first import is version 1).
    pub version: i64,
    /// Where the current text was read from, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<crate::review::Provenance>,
}

/// Which articles to list. The default lists all.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ArticleFilter {
    /// Only articles with at least one (not dismissed) claim of this status.
    pub status: Option<Status>,
    /// Only articles with at least one (not dismissed) claim of this kind.
    #[serde(default)]
    pub kind: Option<ClaimKind>,
    /// Only articles whose title or text matches these words (full-text search).
    pub query: Option<String>,
}

/// The order of an article list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleSort {
    /// Most recently imported first.
    #[default]
    Newest,
    /// First imported first.
    Oldest,
    /// By title, ignoring case.
    Title,
    /// Most unchecked claims first (newest first among equals).
    MostUnchecked,
}

impl ArticleSort {
    /// Every order, as the command line and the app name them.
    pub const ALL: [ArticleSort; 4] = [
        ArticleSort::Newest,
        ArticleSort::Oldest,
        ArticleSort::Title,
        ArticleSort::MostUnchecked,
    ];

    /// The order's name: "newest", "oldest", "title" or "most_unchecked".
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleSort::Newest => "newest",
            ArticleSort::Oldest => "oldest",
            ArticleSort::Title => "title",
            ArticleSort::MostUnchecked => "most_unchecked",
        }
    }
}

impl std::str::FromStr for ArticleSort {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        ArticleSort::ALL
            .into_iter()
            .find(|o| {
                o.as_str() == wanted || (wanted == "unchecked" && *o == ArticleSort::MostUnchecked)
            })
            .ok_or_else(|| format!("unknown order {s:?} (newest, oldest, title or most-unchecked)"))
    }
}

/// One page of an article list: where it starts, its articles, and how many articles
/// pass the filter in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticlePage {
    /// Articles passing the filter, on every page.
    pub total: usize,
    /// The position of the page's first article in the whole list (0 for the first).
    pub offset: usize,
    /// The page's articles, in the list's order.
    pub articles: Vec<ArticleSummary>,
}

/// Which claims of an article to list. The default lists every claim not dismissed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ClaimFilter {
    /// Only claims with this status.
    pub status: Option<Status>,
    /// Only claims of this kind.
    pub kind: Option<ClaimKind>,
    /// Include claims dismissed as "not a claim".
    pub include_dismissed: bool,
}

/// An editor's mark on a claim: any of a new status, note and source.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Mark {
    /// The new verdict.
    pub status: Option<Status>,
    /// The new note; an empty note removes the note.
    pub note: Option<String>,
    /// A source to cite.
    pub source: Option<NewSource>,
}

/// A source to cite for a claim: a URL or a citation (or both), and what it shows.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NewSource {
    /// Link to the source.
    pub url: Option<String>,
    /// Citation for a source that is not a link.
    pub citation: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// What it shows about the claim.
    pub shows: Option<String>,
    /// When the editor consulted it.
    pub accessed: Option<NaiveDate>,
}

/// An editor's correction of what the engine read.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Correction {
    /// The speaker of a quote: `Some(None)` says no one is named.
    pub speaker: Option<Option<String>>,
    /// The normalized value of a figure or date.
    pub value: Option<ClaimValue>,
}

/// One full-text search hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The article it is in.
    pub article_id: String,
    /// That article's title.
    pub article_title: String,
    /// The claim, for a hit on a claim's text, speaker or note.
    pub claim_id: Option<String>,
    /// Where the words were found: "article", "claim", "note" or "speaker".
    pub field: String,
    /// The matching passage, matched words in [brackets].
    pub snippet: String,
}

/// What re-running extraction on an article did.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ReextractReport {
    /// Claims the engine found again at the same place (their verdicts, notes and sources
    /// untouched; an editor's corrections kept over the engine's reading).
    pub kept: usize,
    /// Claims the engine found that were not there before.
    pub added: usize,
    /// Claims with reviewed work the engine no longer finds: kept unchanged with all their
    /// work for an editor to look at.
    pub orphaned: Vec<String>,
    /// Extracted claims nobody had touched that the engine no longer finds: removed.
    pub removed: usize,
}

/// The open review store.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// False for a reader from [`Store::reader`]: it never writes, so it leaves the log and
    /// the stamp to the store that does.
    writes: bool,
}

impl Drop for Store {
    /// Leaves the file as the next open expects to find it: the write-ahead log copied in
    /// and emptied, and the stamp that lets the next open skip reading every page.
    fn drop(&mut self) {
        let Some(path) = self.path.clone().filter(|_| self.writes) else {
            return;
        };
        let done = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                r.get::<_, i64>(0)
            })
            .is_ok_and(|busy| busy == 0);
        let log_empty = std::fs::metadata(check::wal_path(&path)).map_or(true, |m| m.len() == 0);
        if done && log_empty {
            check::record_stamp(&path);
        }
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// Where the database lives when neither `--db` nor `FACTDESK_DB` says: `factdesk.db` in
/// the platform's data directory for Factdesk (for example
/// `~/.local/share/factdesk/factdesk.db` on Linux). `None` when the platform gives no home
/// directory.
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "Factdesk").map(|d| d.data_dir().join("factdesk.db"))
}

/// The sentence (or run of sentences) of `text` that a claim at `span` stands in, as the
/// store records it for a claim an editor marks; `span` itself when no sentence covers it.
pub fn sentence_of(text: &str, span: crate::claim::Span) -> crate::claim::Span {
    claims::sentence_around(&crate::extract::sentence::sentences(text), span)
}

impl Store {
    /// Opens the database at `path`, creating it (and its folder) if missing and bringing
    /// its schema up to date. A file that is not a Factdesk database, was written by a
    /// newer Factdesk, is damaged or is read-only is refused before anything is written to
    /// it.
    pub fn open(path: &Path) -> Result<Store> {
        let mut store = Store::open_checked(path)?;
        store.finish_upgrade()?;
        Ok(store)
    }

    fn open_checked(path: &Path) -> Result<Store> {
        if path.as_os_str() == "-" {
            return Err(StoreError::Invalid(
                "\"-\" is not a database file name (standard input cannot hold a database); \
                 give a path"
                    .into(),
            ));
        }
        match std::fs::metadata(path) {
            Ok(meta) => {
                if meta.is_dir() {
                    return Err(StoreError::Io {
                        path: path.to_path_buf(),
                        source: std::io::Error::other("is a directory, not a database file"),
                    });
                }
                if meta.permissions().readonly() {
                    return Err(StoreError::ReadOnly {
                        path: path.to_path_buf(),
                        detail: "the file has no write permission".into(),
                    });
                }
                // An empty file becomes a new database; anything else is checked whole.
                if meta.len() > 0 {
                    check::check_on_open(path)?;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                        path: dir.to_path_buf(),
                        source,
                    })?;
                }
            }
            Err(source) => {
                return Err(StoreError::Io {
                    path: path.to_path_buf(),
                    source,
                })
            }
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
        Store::prepare(conn, Some(path.to_path_buf()))
    }

    /// A fresh database in memory, gone when dropped (for tests and previews).
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store::prepare(Connection::open_in_memory()?, None)?;
        store.finish_upgrade()?;
        Ok(store)
    }

    /// The database file, or `None` for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        let shown = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        let setup = |conn: &mut Connection| -> rusqlite::Result<()> {
            conn.busy_timeout(BUSY_TIMEOUT)?;
            conn.pragma_update(None, "foreign_keys", true)?;
            // REPLACE then runs DELETE triggers, so it cannot remove history unseen.
            conn.pragma_update(None, "recursive_triggers", true)?;
            let _mode: String =
                conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            conn.set_transaction_behavior(TransactionBehavior::Immediate);
            Ok(())
        };
        setup(&mut conn).map_err(|e| classify(&shown, e))?;
        migrate(&mut conn, &shown)?;
        Ok(Store {
            conn,
            path,
            writes: true,
        })
    }

    /// A second, read-only connection to this store's file, for reads that should not wait
    /// behind whatever this one is doing: in write-ahead-log mode readers and the one
    /// writer run side by side, and a reader sees every change committed before each of
    /// its reads begins. SQLite refuses every write through it. The
    /// file is not checked again (this store checked it when it opened). An in-memory
    /// store has no file to share and is refused with [`StoreError::Invalid`].
    pub fn reader(&self) -> Result<Store> {
        let Some(path) = self.path.clone() else {
            return Err(StoreError::Invalid(
                "an in-memory store cannot be read from another connection".into(),
            ));
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags).map_err(|e| classify(&path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| classify(&path, e))?;
        Ok(Store {
            conn,
            path: Some(path),
            writes: false,
        })
    }

    /// Like [`Store::open`], but leaves what an upgrade still has to compute (claim-memory
    /// keys for the claims of a library from an earlier version, about 90 s for 2M
    /// claims) to [`Store::finish_upgrade`], so a program can show its window first and
    /// finish on a worker thread. Until then, claim memory misses those older claims.
    pub fn open_deferring_upgrade(path: &Path) -> Result<Store> {
        Store::open_checked(path)
    }

    /// Computes what an upgrade of the schema left to do, in batches that other writers
    /// can interleave with; returns at once when nothing is left.
    pub fn finish_upgrade(&mut self) -> Result<()> {
        memory::backfill(&mut self.conn)
    }

    /// Copies the whole database to a new file at `to` with SQLite's online backup, safe
    /// while other processes use the database. The copy is written to a temporary file
    /// beside `to` (removed if the copy fails) and moved into place when complete, in one
    /// step that never replaces an existing file: two backups to one name cannot both
    /// succeed, and `to` is never a partial copy.
    pub fn backup(&self, to: &Path) -> Result<()> {
        if std::fs::symlink_metadata(to).is_ok() {
            return Err(crate::output::OutputError::Exists {
                path: to.to_path_buf(),
            }
            .into());
        }
        let own: Vec<&Path> = self.path.as_deref().into_iter().collect();
        let exists = || {
            StoreError::from(crate::output::OutputError::Exists {
                path: to.to_path_buf(),
            })
        };
        let target = match crate::output::destination(to, &own) {
            Ok(crate::output::Destination::File(p)) => p,
            // Another backup may have just written this name: say so, not what it holds.
            Err(_) if std::fs::symlink_metadata(to).is_ok() => return Err(exists()),
            Err(e) => return Err(e.into()),
            Ok(_) => {
                return Err(StoreError::Invalid(format!(
                    "{}: a backup is a database file; give a file name",
                    to.display()
                )))
            }
        };
        let partial = crate::output::Partial::beside(&target)?;
        let tmp = partial.path().to_path_buf();
        let mut dst = Connection::open(&tmp).map_err(|e| classify(&tmp, e))?;
        {
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut dst)?;
            loop {
                match backup.step(-1)? {
                    rusqlite::backup::StepResult::Done => break,
                    rusqlite::backup::StepResult::More => {}
                    _ => std::thread::sleep(Duration::from_millis(20)),
                }
            }
        }
        dst.close().map_err(|(_, e)| e)?;
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(|source| StoreError::Io {
                path: tmp.clone(),
                source,
            })?;
        partial.place(&target, true)?;
        Ok(())
    }

    /// Copies everything written so far from the write-ahead log into the database file
    /// and empties the log (when no other process is reading; otherwise as much as it
    /// can). SQLite does this by itself as the log grows; this is for a moment of quiet,
    /// such as before measuring the file.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// A read transaction: several reads that see one consistent state of the database
    /// without holding the write lock.
    fn read(&self) -> Result<rusqlite::Transaction<'_>> {
        Ok(rusqlite::Transaction::new_unchecked(
            &self.conn,
            TransactionBehavior::Deferred,
        )?)
    }
}

/// Looks at an existing file without writing to it: refuses anything that is not a
/// Factdesk database this build can open.
pub(crate) fn inspect(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut head = Vec::with_capacity(100);
    std::fs::File::open(path)
        .and_then(|f| f.take(100).read_to_end(&mut head))
        .map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    if head.is_empty() {
        return Ok(());
    }
    if !head.starts_with(b"SQLite format 3\0") {
        return Err(StoreError::NotFactdesk {
            path: path.to_path_buf(),
            reason: "not an SQLite database".into(),
        });
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
    let look = || -> rusqlite::Result<(i32, i64, i64)> {
        let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let objects: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        Ok((app, version, objects))
    };
    let (app, version, objects) = look().map_err(|e| classify(path, e))?;
    if app == APPLICATION_ID {
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: path.to_path_buf(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        return Ok(());
    }
    if app == 0 && version == 0 && objects == 0 {
        return Ok(());
    }
    Err(StoreError::NotFactdesk {
        path: path.to_path_buf(),
        reason: if app == 0 {
            format!("an SQLite database of another program, with {objects} tables and indexes")
        } else {
            format!("an SQLite database of another program (application id {app:#x})")
        },
    })
}

/// Brings the schema up to date. When another process creates the same new database at
/// the same moment, one of them migrates and the other finds it done.
fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let found: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if let Err(first) = MIGRATIONS.to_latest(conn) {
        let now: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if now != SCHEMA_VERSION {
            if let rusqlite_migration::Error::RusqliteError { err, .. } = first {
                return Err(classify(path, err));
            }
            return Err(first.into());
        }
    }
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app != APPLICATION_ID {
        return Err(StoreError::NotFactdesk {
            path: path.to_path_buf(),
            reason: format!("application id {app:#x} after migration"),
        });
    }
    Ok(())
}

/// Turns SQLite's damaged, not-a-database and read-only failures into errors that name the
/// file and say what is wrong.
pub(crate) fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    let detail = check::plain(&e);
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Corrupt {
            path: path.to_path_buf(),
            detail,
        },
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly {
            path: path.to_path_buf(),
            detail,
        },
        Some(ErrorCode::CannotOpen) => StoreError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other(detail),
        },
        _ => StoreError::Sqlite(e),
    }
}

/// A UTC time as stored: RFC 3339 with microseconds, so text order is time order.
pub(crate) fn ts(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Reads a stored time.
pub(crate) fn parse_ts(s: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
        })
}

/// A date as stored ("YYYY-MM-DD").
pub(crate) fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Reads a stored date.
pub(crate) fn parse_date(s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
    })
}

/// The kinds of record with short ids, and their letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Article,
    Claim,
    Source,
    Event,
}

impl Kind {
    fn letter(self) -> char {
        match self {
            Kind::Article => 'a',
            Kind::Claim => 'c',
            Kind::Source => 's',
            Kind::Event => 'h',
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Claim => "claim",
            Kind::Source => "source",
            Kind::Event => "history event",
        }
    }

    /// The short id shown to users for row `n`.
    pub(crate) fn id(self, n: i64) -> String {
        format!("{}{n}", self.letter())
    }

    /// The row number of a short id ("c345", or just "345"); `NotFound` naming the id when
    /// it is not one of this kind.
    pub(crate) fn key(self, id: &str) -> Result<i64> {
        let t = id.trim();
        let digits = t
            .strip_prefix(self.letter())
            .or_else(|| t.strip_prefix(self.letter().to_ascii_uppercase()))
            .unwrap_or(t);
        match digits.parse::<i64>() {
            Ok(n) if n > 0 && digits.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
            _ => Err(self.missing(id)),
        }
    }

    pub(crate) fn missing(self, id: &str) -> StoreError {
        StoreError::NotFound {
            what: self.name(),
            id: id.to_string(),
        }
    }
}

/// Refuses an empty reviewer name: every change must say who made it.
pub(crate) fn check_reviewer(by: &str) -> Result<()> {
    if by.trim().is_empty() {
        return Err(StoreError::Invalid(
            "a reviewer name is needed for every change (it was empty)".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
