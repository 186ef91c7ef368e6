//! The app's state, opened once at start-up and managed by Tauri: the review store and the
//! editor's settings.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::store::Store;

/// Environment variable naming the database file, as for the `factdesk` command; it
/// overrides the settings (tests use it to keep to a temporary directory).
pub const DB_ENV: &str = "FACTDESK_DB";
/// Environment variable naming the folder that holds `settings.json`.
pub const CONFIG_ENV: &str = "FACTDESK_CONFIG_DIR";

/// What the editor sets in the Settings screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Settings {
    /// Recorded on every verdict.
    pub reviewer: String,
    /// The database file; `None` for the default (the one the `factdesk` command uses).
    pub database: Option<String>,
    /// After a verdict key, move to the next unchecked claim.
    pub advance_after_verdict: bool,
}

/// The reviewer recorded when neither Settings nor the system gives a name.
const UNNAMED: &str = "editor";

impl Default for Settings {
    fn default() -> Self {
        Settings {
            reviewer: factdesk_core::review::reviewer(None).unwrap_or_else(|| UNNAMED.into()),
            database: None,
            advance_after_verdict: true,
        }
    }
}

/// Where things are, for the Settings screen.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    /// The database file in use.
    pub database: String,
    /// True when `FACTDESK_DB` fixes the database, so the setting has no effect.
    pub database_from_env: bool,
    /// The default database file.
    pub default_database: String,
    /// Set when the database could not be opened: why, in words.
    pub database_error: Option<String>,
}

/// The database: being opened, open, or the reason it could not be opened (shown to the
/// editor, who can then pick another file in Settings).
enum Database {
    Opening,
    Open(Store),
    Failed { path: PathBuf, message: String },
}

/// The database and the signal that its opening ended. Opening runs on a thread of its
/// own, so the window is up while a first start imports the sample or a changed file has
/// its pages checked; a command waits for it.
struct Shared {
    database: Mutex<Database>,
    opened: Condvar,
    readers: Mutex<Readers>,
}

/// Idle read-only connections to the open database. A read takes one (opening another when
/// only one is left, so there is always one to open more from) and gives it back, so reads
/// wait neither for the writer nor for each other.
#[derive(Default)]
struct Readers {
    /// Counts the databases opened, so a reader of a database since replaced is not kept.
    generation: u64,
    idle: Vec<Store>,
}

/// How many idle readers are kept; more are opened while reads overlap.
const IDLE_READERS: usize = 4;

impl Shared {
    /// The database once it is no longer being opened.
    fn ready(&self) -> MutexGuard<'_, Database> {
        let mut guard = lock(&self.database);
        while matches!(*guard, Database::Opening) {
            guard = self
                .opened
                .wait(guard)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        guard
    }

    /// Opens `path` on a new thread; commands wait until it is done.
    fn open_in_background(self: &Arc<Self>, path: PathBuf) {
        *lock(&self.database) = Database::Opening;
        let shared = Arc::clone(self);
        let spawned = std::thread::Builder::new()
            .name("open-database".into())
            .spawn(move || shared.finish_opening(open_database(&path)));
        if let Err(err) = spawned {
            self.finish_opening(Database::Failed {
                path: PathBuf::new(),
                message: format!("The database could not be opened: {err}"),
            });
        }
    }

    fn finish_opening(&self, database: Database) {
        let first_reader = match &database {
            Database::Open(store) => store.reader().ok(),
            _ => None,
        };
        {
            let mut readers = lock(&self.readers);
            readers.generation += 1;
            readers.idle = first_reader.into_iter().collect();
        }
        *lock(&self.database) = database;
        self.opened.notify_all();
    }

    /// An idle reader and the generation it belongs to; `None` while the database is being
    /// opened, failed, or gave no reader.
    fn take_reader(&self) -> Option<(Store, u64)> {
        let mut readers = lock(&self.readers);
        if readers.idle.len() == 1 {
            if let Ok(another) = readers.idle[0].reader() {
                readers.idle.push(another);
            }
        }
        let generation = readers.generation;
        readers.idle.pop().map(|reader| (reader, generation))
    }

    fn give_back(&self, reader: Store, generation: u64) {
        let mut readers = lock(&self.readers);
        if readers.generation == generation && readers.idle.len() < IDLE_READERS {
            readers.idle.push(reader);
        }
    }
}

/// Everything the commands share.
pub struct AppState {
    shared: Arc<Shared>,
    settings: Mutex<Settings>,
    settings_file: PathBuf,
    database_from_env: bool,
}

/// The sample article imported into a new database, so a first start has something to
/// review.
const SAMPLE_TEXT: &str = include_str!("../../samples/seed-stoltenberg-kyiv.txt");

impl AppState {
    /// Loads the settings from `config_dir` (or `FACTDESK_CONFIG_DIR`) and opens the
    /// database they name (or `FACTDESK_DB`). A database that does not exist yet is
    /// created with the sample article in it.
    pub fn open(config_dir: &Path) -> AppState {
        let config_dir = std::env::var_os(CONFIG_ENV)
            .map(PathBuf::from)
            .unwrap_or_else(|| config_dir.to_path_buf());
        let env_db = std::env::var_os(DB_ENV)
            .filter(|p| !p.is_empty())
            .map(PathBuf::from);
        AppState::open_with(&config_dir, env_db)
    }

    /// Loads the settings from `config_dir` and opens `database` if given, else the one
    /// the settings name, else the default.
    pub fn open_with(config_dir: &Path, database: Option<PathBuf>) -> AppState {
        let settings_file = config_dir.join("settings.json");
        let settings = read_settings(&settings_file);
        let database_from_env = database.is_some();
        let path = database
            .or_else(|| settings.database.as_ref().map(PathBuf::from))
            .unwrap_or_else(default_database);
        let shared = Arc::new(Shared {
            database: Mutex::new(Database::Opening),
            opened: Condvar::new(),
            readers: Mutex::new(Readers::default()),
        });
        shared.open_in_background(path);
        AppState {
            shared,
            settings: Mutex::new(settings),
            settings_file,
            database_from_env,
        }
    }

    /// Runs `f` on the open store.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        match &mut *self.shared.ready() {
            Database::Open(store) => f(store),
            Database::Failed { message, .. } => Err(Error::Unavailable(message.clone())),
            Database::Opening => unreachable!("ready() waits until the database is opened"),
        }
    }

    /// Runs `f` on a read-only connection of its own, so it waits neither behind the
    /// store's writes nor behind other reads, and sees everything committed before it
    /// began. Until the database is open it waits as [`AppState::with_store`] does.
    pub fn with_reader<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        match self.shared.take_reader() {
            Some((reader, generation)) => {
                let result = f(&reader);
                self.shared.give_back(reader, generation);
                result
            }
            None => self.with_store(|store| f(store)),
        }
    }

    /// The current settings.
    pub fn settings(&self) -> Settings {
        lock(&self.settings).clone()
    }

    /// The reviewer name recorded on verdicts: the one in Settings, else the core's default
    /// (as the command line has it), else "editor".
    pub fn reviewer(&self) -> String {
        let name = lock(&self.settings).reviewer.clone();
        factdesk_core::review::reviewer(Some(&name)).unwrap_or_else(|| UNNAMED.into())
    }

    /// Saves `settings`; a new database location is opened at once.
    pub fn save_settings(&self, settings: Settings) -> Result<Settings> {
        if let Some(dir) = self.settings_file.parent() {
            std::fs::create_dir_all(dir).map_err(|source| Error::File {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let json = serde_json::to_string_pretty(&settings).expect("settings serialize");
        std::fs::write(&self.settings_file, json).map_err(|source| Error::File {
            path: self.settings_file.display().to_string(),
            source,
        })?;
        let old = std::mem::replace(&mut *lock(&self.settings), settings.clone());
        if old.database != settings.database && !self.database_from_env {
            let path = settings
                .database
                .as_ref()
                .map(PathBuf::from)
                .unwrap_or_else(default_database);
            // The one being replaced finishes opening first, then is closed.
            drop(self.shared.ready());
            self.shared.finish_opening(open_database(&path));
        }
        Ok(settings)
    }

    /// Closes the database as the app exits, so the file is left whole and stamped as
    /// checked: the next start opens it without reading every page.
    pub fn close(&self) {
        let mut database = self.shared.ready();
        {
            let mut readers = lock(&self.shared.readers);
            readers.generation += 1;
            readers.idle.clear();
        }
        if let Database::Open(store) = &*database {
            let path = store.path().map(Path::to_path_buf).unwrap_or_default();
            *database = Database::Failed {
                path,
                message: "Factdesk is closing".into(),
            };
        }
    }

    /// Where things are.
    pub fn info(&self) -> AppInfo {
        let (database, database_error) = match &*self.shared.ready() {
            Database::Open(store) => (
                store
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                None,
            ),
            Database::Failed { path, message } => {
                (path.display().to_string(), Some(message.clone()))
            }
            Database::Opening => unreachable!("ready() waits until the database is opened"),
        };
        AppInfo {
            version: env!("CARGO_PKG_VERSION").into(),
            database,
            database_from_env: self.database_from_env,
            default_database: default_database().display().to_string(),
            database_error,
        }
    }
}

/// The default database file: the one the `factdesk` command uses (in the working folder
/// on a system with no home directory).
pub fn default_database() -> PathBuf {
    crate::store::default_db_path().unwrap_or_else(|| PathBuf::from("factdesk.db"))
}

fn read_settings(file: &Path) -> Settings {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn open_database(path: &Path) -> Database {
    let fresh = !path.exists();
    let opened = Store::open_deferring_upgrade(path).and_then(|mut store| {
        if fresh {
            store.import(sample_article(), chrono::Utc::now())?;
        }
        Ok(store)
    });
    match opened {
        Ok(store) => {
            finish_upgrade_in_background(path);
            Database::Open(store)
        }
        Err(err) => Database::Failed {
            path: path.to_path_buf(),
            message: format!("The database could not be opened: {err}"),
        },
    }
}

/// Computes what an upgrade of an older library left to do (claim-memory keys: about
/// 90 s for 2M claims) on a connection of its own, so the window is usable at once; the
/// work goes in batches, so the review screen's writes interleave with it.
fn finish_upgrade_in_background(path: &Path) {
    let path = path.to_path_buf();
    let _ = std::thread::Builder::new()
        .name("finish-upgrade".into())
        .spawn(move || {
            if let Err(err) =
                Store::open_deferring_upgrade(&path).and_then(|mut s| s.finish_upgrade())
            {
                eprintln!(
                    "factdesk: finishing the upgrade of {}: {err}",
                    path.display()
                );
            }
        });
}

fn sample_article() -> crate::store::NewArticle {
    crate::store::NewArticle {
        title: "Stoltenberg in Kiev: \u{201c}Ukraine's rightful place is in NATO\u{201d}".into(),
        byline: None,
        outlet: Some("Sample article".into()),
        url: None,
        published: chrono::NaiveDate::from_ymd_opt(2023, 4, 20),
        text: SAMPLE_TEXT.into(),
        provenance: None,
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A command that panicked while holding the lock left the data as it was: keep going.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(state: &AppState) -> Vec<String> {
        state
            .with_store(|s| Ok(s.articles(&Default::default())?))
            .expect("the library lists")
            .into_iter()
            .map(|a| a.title)
            .collect()
    }

    #[test]
    fn a_new_database_starts_with_the_sample_article_once() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let db = dir.path().join("desk.db");
        let first = AppState::open_with(&dir.path().join("config"), Some(db.clone()));
        assert_eq!(
            titles(&first).len(),
            1,
            "the sample article is imported on first start"
        );
        let claims = first
            .with_store(|s| {
                let id = s.articles(&Default::default())?[0].id.clone();
                Ok(s.review(&id)?.claims.len())
            })
            .expect("the sample opens");
        assert!(claims > 0, "the sample article's claims are found");
        drop(first);
        let again = AppState::open_with(&dir.path().join("config"), Some(db));
        assert_eq!(
            titles(&again).len(),
            1,
            "a second start does not import it again"
        );
    }

    #[test]
    fn reads_answer_while_the_store_is_busy_and_see_what_it_wrote() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let state = AppState::open_with(&dir.path().join("config"), Some(dir.path().join("d.db")));
        let (id, claim) = state
            .with_reader(|s| {
                let id = s.articles(&Default::default())?[0].id.clone();
                let claim = s.review(&id)?.claims[0].id.clone();
                Ok((id, claim))
            })
            .expect("the sample opens through a reader");
        state
            .with_store(|s| {
                let mark = crate::store::Mark {
                    status: Some(factdesk_core::review::Status::False),
                    ..Default::default()
                };
                Ok(s.mark(&claim, &mark, "ana", chrono::Utc::now())?)
            })
            .expect("a verdict is recorded");
        std::thread::scope(|scope| {
            state
                .with_store(|_busy| {
                    let (answer, answered) = std::sync::mpsc::channel();
                    let (state, id) = (&state, &id);
                    scope.spawn(move || {
                        let _ = answer.send(state.with_reader(|s| Ok(s.review(id)?)));
                    });
                    let review = answered
                        .recv_timeout(std::time::Duration::from_secs(10))
                        .expect("the article opened while the store was held by another command")
                        .expect("the article opens");
                    assert_eq!(
                        review.claims[0].status,
                        factdesk_core::review::Status::False,
                        "the reader sees the verdict written just before"
                    );
                    Ok(())
                })
                .expect("the store is there");
        });
    }

    #[test]
    fn settings_persist_and_a_new_database_location_opens_at_once() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let config = dir.path().join("config");
        // The database comes from the settings file (never the user's default one).
        std::fs::create_dir_all(&config).expect("config dir");
        let first = dir.path().join("first.db");
        let settings = Settings {
            database: Some(first.display().to_string()),
            ..Settings::default()
        };
        std::fs::write(
            config.join("settings.json"),
            serde_json::to_string(&settings).expect("settings serialize"),
        )
        .expect("settings written");
        let state = AppState::open_with(&config, None);
        assert_eq!(state.info().database, first.display().to_string());
        let other = dir.path().join("elsewhere").join("other.db");
        let saved = state
            .save_settings(Settings {
                reviewer: "Ana Ruiz".into(),
                database: Some(other.display().to_string()),
                advance_after_verdict: false,
            })
            .expect("settings save");
        assert_eq!(state.reviewer(), "Ana Ruiz");
        assert_eq!(
            state.info().database,
            other.display().to_string(),
            "the new file is in use"
        );
        assert!(other.exists(), "and was created");
        let reopened = AppState::open_with(&config, None);
        assert_eq!(reopened.settings(), saved, "settings survive a restart");
    }

    #[test]
    fn a_file_that_is_not_a_database_is_reported_in_words_not_overwritten() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let bogus = dir.path().join("notes.txt");
        std::fs::write(&bogus, "shopping list: eggs, milk\n".repeat(200)).expect("write");
        let state = AppState::open_with(&dir.path().join("config"), Some(bogus.clone()));
        let info = state.info();
        let message = info.database_error.expect("the failure is reported");
        assert!(message.contains("not a Factdesk database"), "{message}");
        let err = state
            .with_store(|s| Ok(s.articles(&Default::default())?))
            .expect_err("commands fail while the database is not open");
        assert_eq!(err.code(), "unavailable");
        assert!(
            std::fs::read_to_string(&bogus)
                .expect("still readable")
                .starts_with("shopping list"),
            "the file is left as it was"
        );
    }
}
