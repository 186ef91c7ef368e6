//! The server's configuration: a TOML file, overridden by flags.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Where the desk's data lives and where the server listens.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The PostgreSQL connection string: a URL (`postgresql://user@host/db`) or key=value
    /// pairs (`host=/run/postgresql dbname=factdesk`).
    pub database_url: String,
    /// The address to listen on; plain HTTP is served on loopback addresses only.
    #[serde(default = "default_listen")]
    pub listen: SocketAddr,
}

/// The address listened on when none is given.
pub fn default_listen() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 7700))
}

/// Why the configuration could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The file given.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The file is not valid TOML or has unknown or missing keys.
    #[error("{path}: {source}")]
    Parse {
        /// The file given.
        path: PathBuf,
        /// What is wrong, with the line.
        source: Box<toml::de::Error>,
    },
    /// No database URL in the file or the flags.
    #[error("no database URL: give --database-url or `database_url` in the config file")]
    NoDatabase,
    /// Plain HTTP on an address others can reach.
    #[error(
        "{0} is not a loopback address: this server speaks plain HTTP, so it listens on \
         127.0.0.1 or ::1 only (put it behind a TLS proxy to serve a newsroom)"
    )]
    NotLoopback(SocketAddr),
}

/// Partial settings from the file, completed by flags.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    database_url: Option<String>,
    listen: Option<SocketAddr>,
}

impl Config {
    /// The configuration from `file` (if given) with `database_url` and `listen` flags
    /// taking precedence. Refuses a non-loopback listen address.
    pub fn load(
        file: Option<&Path>,
        database_url: Option<String>,
        listen: Option<SocketAddr>,
    ) -> Result<Config, ConfigError> {
        let from_file = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                })?;
                toml::from_str::<FileConfig>(&text).map_err(|source| ConfigError::Parse {
                    path: path.to_path_buf(),
                    source: Box::new(source),
                })?
            }
            None => FileConfig::default(),
        };
        let config = Config {
            database_url: database_url
                .or(from_file.database_url)
                .ok_or(ConfigError::NoDatabase)?,
            listen: listen.or(from_file.listen).unwrap_or_else(default_listen),
        };
        if !config.listen.ip().is_loopback() {
            return Err(ConfigError::NotLoopback(config.listen));
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_override_the_file_and_plain_http_stays_on_loopback() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("desk.toml");
        std::fs::write(
            &file,
            "database_url = \"host=/tmp dbname=a\"\nlisten = \"127.0.0.1:9000\"\n",
        )
        .unwrap();
        let c = Config::load(Some(&file), None, None).unwrap();
        assert_eq!(c.database_url, "host=/tmp dbname=a");
        assert_eq!(c.listen.port(), 9000);
        let c = Config::load(Some(&file), Some("host=/x dbname=b".into()), None).unwrap();
        assert_eq!(
            c.database_url, "host=/x dbname=b",
            "the flag wins over the file"
        );
        let err = Config::load(Some(&file), None, Some("0.0.0.0:80".parse().unwrap())).unwrap_err();
        assert!(matches!(err, ConfigError::NotLoopback(_)), "{err}");
        std::fs::write(&file, "database_ur = \"x\"\n").unwrap();
        let err = Config::load(Some(&file), None, None)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("desk.toml") && err.contains("database_ur"),
            "{err}"
        );
        assert!(matches!(
            Config::load(None, None, None),
            Err(ConfigError::NoDatabase)
        ));
    }
}
