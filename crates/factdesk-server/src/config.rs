//! The server's configuration: a TOML file, overridden by flags.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::tls::TlsFiles;

/// Where the desk's data lives, where the server listens and how it proves its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The PostgreSQL connection string: a URL (`postgresql://user@host/db`) or key=value
    /// pairs (`host=/run/postgresql dbname=factdesk`).
    pub database_url: String,
    /// The address to listen on; plain HTTP is served on loopback addresses only.
    pub listen: SocketAddr,
    /// The certificate and key to serve HTTPS with; `None` serves plain HTTP.
    pub tls: Option<TlsFiles>,
}

/// The address listened on when none is given.
pub fn default_listen() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 7700))
}

/// Why the configuration could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    // The messages below carry their cause in full and do not chain it as `source`, so
    // that `{:#}` does not print it twice.
    /// The file could not be read.
    #[error("{}: cannot read it: {error}", path.display())]
    Read {
        /// The file given.
        path: PathBuf,
        /// What the operating system said.
        error: std::io::Error,
    },
    /// The file is not valid TOML or has unknown or missing keys.
    #[error("{}: {error}", path.display())]
    Parse {
        /// The file given.
        path: PathBuf,
        /// What is wrong, with the line.
        error: Box<toml::de::Error>,
    },
    /// No database URL in the file or the flags.
    #[error("no database URL: give --database-url or `database_url` in the config file")]
    NoDatabase,
    /// Plain HTTP on an address others can reach.
    #[error(
        "{0} is not a loopback address: without a certificate this server speaks plain \
         HTTP, so it listens on 127.0.0.1 or ::1 only; give `tls_certificate` and `tls_key` \
         (or --tls-cert and --tls-key) to serve HTTPS on it"
    )]
    NotLoopback(SocketAddr),
    /// A certificate without its key, or a key without its certificate.
    #[error(
        "a TLS {given} was given but no {missing}: give both `tls_certificate` and \
         `tls_key` (or --tls-cert and --tls-key) for HTTPS, or neither for plain HTTP on \
         loopback"
    )]
    HalfTls {
        /// What was given: "certificate" or "key".
        given: &'static str,
        /// What is missing: "certificate" or "key".
        missing: &'static str,
    },
}

/// Partial settings from the file, completed by flags.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    database_url: Option<String>,
    listen: Option<SocketAddr>,
    tls_certificate: Option<PathBuf>,
    tls_key: Option<PathBuf>,
}

/// Settings given as flags, each overriding the file's.
#[derive(Debug, Default, Clone)]
pub struct Flags {
    /// `--database-url`.
    pub database_url: Option<String>,
    /// `--listen`.
    pub listen: Option<SocketAddr>,
    /// `--tls-cert`.
    pub tls_certificate: Option<PathBuf>,
    /// `--tls-key`.
    pub tls_key: Option<PathBuf>,
}

impl Config {
    /// The configuration from `file` (if given) with `flags` taking precedence. A relative
    /// certificate or key path in the file is relative to the file's folder. Refuses a
    /// certificate without a key (and the reverse), and plain HTTP on a non-loopback
    /// address; the certificate and key files are read only when serving.
    pub fn load(file: Option<&Path>, flags: Flags) -> Result<Config, ConfigError> {
        let from_file = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|error| ConfigError::Read {
                    path: path.to_path_buf(),
                    error,
                })?;
                toml::from_str::<FileConfig>(&text).map_err(|error| ConfigError::Parse {
                    path: path.to_path_buf(),
                    error: Box::new(error),
                })?
            }
            None => FileConfig::default(),
        };
        let beside_file = |p: PathBuf| match file.and_then(Path::parent) {
            Some(folder) if p.is_relative() => folder.join(p),
            _ => p,
        };
        let certificate = flags
            .tls_certificate
            .or(from_file.tls_certificate.map(beside_file));
        let key = flags.tls_key.or(from_file.tls_key.map(beside_file));
        let tls = match (certificate, key) {
            (Some(certificate), Some(key)) => Some(TlsFiles { certificate, key }),
            (None, None) => None,
            (Some(_), None) => {
                return Err(ConfigError::HalfTls {
                    given: "certificate",
                    missing: "key",
                })
            }
            (None, Some(_)) => {
                return Err(ConfigError::HalfTls {
                    given: "key",
                    missing: "certificate",
                })
            }
        };
        let config = Config {
            database_url: flags
                .database_url
                .or(from_file.database_url)
                .ok_or(ConfigError::NoDatabase)?,
            listen: flags
                .listen
                .or(from_file.listen)
                .unwrap_or_else(default_listen),
            tls,
        };
        if config.tls.is_none() && !config.listen.ip().is_loopback() {
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
        let c = Config::load(Some(&file), Flags::default()).unwrap();
        assert_eq!(c.database_url, "host=/tmp dbname=a");
        assert_eq!(c.listen.port(), 9000);
        assert_eq!(c.tls, None);
        let c = Config::load(
            Some(&file),
            Flags {
                database_url: Some("host=/x dbname=b".into()),
                ..Flags::default()
            },
        )
        .unwrap();
        assert_eq!(
            c.database_url, "host=/x dbname=b",
            "the flag wins over the file"
        );
        let err = Config::load(
            Some(&file),
            Flags {
                listen: Some("0.0.0.0:80".parse().unwrap()),
                ..Flags::default()
            },
        )
        .unwrap_err();
        assert!(matches!(err, ConfigError::NotLoopback(_)), "{err}");
        assert!(err.to_string().contains("tls_certificate"), "{err}");
        std::fs::write(&file, "database_ur = \"x\"\n").unwrap();
        let err = Config::load(Some(&file), Flags::default())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("desk.toml") && err.contains("database_ur"),
            "{err}"
        );
        assert!(matches!(
            Config::load(None, Flags::default()),
            Err(ConfigError::NoDatabase)
        ));
    }

    #[test]
    fn a_certificate_and_key_allow_any_address_and_come_in_pairs() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("server.toml");
        std::fs::write(
            &file,
            "database_url = \"host=/tmp dbname=a\"\nlisten = \"0.0.0.0:7443\"\n\
             tls_certificate = \"desk.crt\"\ntls_key = \"/etc/ssl/private/desk.key\"\n",
        )
        .unwrap();
        let c = Config::load(Some(&file), Flags::default()).unwrap();
        assert_eq!(c.listen, "0.0.0.0:7443".parse().unwrap());
        assert_eq!(
            c.tls,
            Some(TlsFiles {
                certificate: dir.path().join("desk.crt"),
                key: "/etc/ssl/private/desk.key".into(),
            }),
            "a relative path in the file is beside the file"
        );
        let c = Config::load(
            Some(&file),
            Flags {
                tls_certificate: Some("flag.crt".into()),
                ..Flags::default()
            },
        )
        .unwrap();
        assert_eq!(
            c.tls.unwrap().certificate,
            PathBuf::from("flag.crt"),
            "a flag's path is taken as given"
        );

        std::fs::write(
            &file,
            "database_url = \"host=/tmp dbname=a\"\ntls_certificate = \"desk.crt\"\n",
        )
        .unwrap();
        let err = Config::load(Some(&file), Flags::default()).unwrap_err();
        assert!(
            err.to_string()
                .contains("a TLS certificate was given but no key"),
            "{err}"
        );
        let err = Config::load(
            None,
            Flags {
                database_url: Some("host=/tmp".into()),
                tls_key: Some("desk.key".into()),
                ..Flags::default()
            },
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("a TLS key was given but no certificate"),
            "{err}"
        );
    }
}
