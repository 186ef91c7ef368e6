//! The app's state, opened once at start-up and managed by Tauri: the review store and the
//! editor's settings.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::store::Store;

/// Environment variable naming the database file; it overrides the settings (tests use
/// it to keep to a temporary directory).
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

impl Default for Settings {
    fn default() -> Self {
        Settings {
            reviewer: std::env::var("USER").unwrap_or_else(|_| "editor".into()),
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

/// The database: open, or the reason it could not be opened (shown to the editor, who
/// can then pick another file in Settings).
enum Database {
    Open(Store),
    Failed { path: PathBuf, message: String },
}

/// Everything the commands share.
pub struct AppState {
    database: Mutex<Database>,
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
        let settings_file = config_dir.join("settings.json");
        let settings = read_settings(&settings_file);
        let env_db = std::env::var_os(DB_ENV).map(PathBuf::from);
        let database_from_env = env_db.is_some();
        let path = env_db
            .or_else(|| settings.database.as_ref().map(PathBuf::from))
            .unwrap_or_else(default_database);
        AppState {
            database: Mutex::new(open_database(&path)),
            settings: Mutex::new(settings),
            settings_file,
            database_from_env,
        }
    }

    /// Runs `f` on the open store.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        match &mut *lock(&self.database) {
            Database::Open(store) => f(store),
            Database::Failed { message, .. } => Err(Error::Unavailable(message.clone())),
        }
    }

    /// The current settings.
    pub fn settings(&self) -> Settings {
        lock(&self.settings).clone()
    }

    /// The reviewer name recorded on verdicts.
    pub fn reviewer(&self) -> String {
        let name = lock(&self.settings).reviewer.trim().to_string();
        if name.is_empty() {
            "editor".into()
        } else {
            name
        }
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
            *lock(&self.database) = open_database(&path);
        }
        Ok(settings)
    }

    /// Where things are.
    pub fn info(&self) -> AppInfo {
        let (database, database_error) = match &*lock(&self.database) {
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

/// The default database file: the one the `factdesk` command uses.
pub fn default_database() -> PathBuf {
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    data.join("factdesk").join("factdesk.db")
}

fn read_settings(file: &Path) -> Settings {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn open_database(path: &Path) -> Database {
    let fresh = !path.exists();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Err(err) = std::fs::create_dir_all(dir) {
            return Database::Failed {
                path: path.to_path_buf(),
                message: format!("{}: {err}", dir.display()),
            };
        }
    }
    let opened = Store::open(path).and_then(|mut store| {
        if fresh || store.articles(&Default::default())?.is_empty() {
            store.import(sample_article(), chrono::Utc::now())?;
        }
        Ok(store)
    });
    match opened {
        Ok(store) => Database::Open(store),
        Err(err) => Database::Failed {
            path: path.to_path_buf(),
            message: format!("the database {} could not be opened: {err}", path.display()),
        },
    }
}

fn sample_article() -> crate::store::NewArticle {
    crate::store::NewArticle {
        title: "Stoltenberg in Kiev: \u{201c}Ukraine's rightful place is in NATO\u{201d}".into(),
        byline: None,
        outlet: Some("Sample article".into()),
        url: None,
        published: chrono::NaiveDate::from_ymd_opt(2023, 4, 20),
        text: SAMPLE_TEXT.into(),
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A command that panicked while holding the lock left the data as it was: keep going.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
