//! HTTPS for the desk: the server's certificate chain and private key, read from PEM files
//! into a rustls configuration (with the `ring` cryptography provider).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::pem::{self, PemObject};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

/// The PEM files the server proves its name with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    /// The certificate chain: the server's certificate first, then any intermediates.
    pub certificate: PathBuf,
    /// The certificate's private key (PKCS#8, PKCS#1 or SEC1).
    pub key: PathBuf,
}

/// Why the certificate or key cannot be used. Every variant names the file at fault, and
/// carries its cause in its message rather than as a chained `source`, so that `{:#}` does
/// not print it twice.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// A file could not be read.
    #[error("{}: cannot read it: {error}", path.display())]
    Read {
        /// The file given.
        path: PathBuf,
        /// What the operating system said.
        error: std::io::Error,
    },
    /// The certificate file holds no PEM certificate, or a malformed one.
    #[error("{}: not a PEM certificate chain: {reason}", path.display())]
    Certificate {
        /// The certificate file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The key file holds no PEM private key, or a malformed one.
    #[error("{}: not a PEM private key: {reason}", path.display())]
    Key {
        /// The key file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// rustls refused the pair: a certificate it cannot parse, an unsupported key type, or
    /// a key that is not the certificate's.
    #[error(
        "{} with {}: refused as a certificate and its key (a malformed certificate, an \
         unsupported key type, or a key that is not the certificate's): {error}",
        certificate.display(),
        key.display()
    )]
    Rejected {
        /// The certificate file.
        certificate: PathBuf,
        /// The key file.
        key: PathBuf,
        /// What rustls said.
        error: rustls::Error,
    },
}

fn read(path: &Path) -> Result<Vec<u8>, TlsError> {
    std::fs::read(path).map_err(|error| TlsError::Read {
        path: path.to_path_buf(),
        error,
    })
}

fn pem_reason(e: pem::Error) -> String {
    match e {
        pem::Error::NoItemsFound => "no PEM section in it".into(),
        other => other.to_string(),
    }
}

/// The rustls server configuration for `files`: TLS 1.2 and 1.3, HTTP/1.1 offered by ALPN.
/// Fails, naming the file, when a file cannot be read or parsed or when the key does not
/// belong to the certificate.
pub fn server_config(files: &TlsFiles) -> Result<Arc<rustls::ServerConfig>, TlsError> {
    let certificate_error = |reason: String| TlsError::Certificate {
        path: files.certificate.clone(),
        reason,
    };
    let chain = CertificateDer::pem_slice_iter(&read(&files.certificate)?)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| certificate_error(pem_reason(e)))?;
    if chain.is_empty() {
        return Err(certificate_error(
            "no \"BEGIN CERTIFICATE\" section in it".into(),
        ));
    }
    let key = PrivateKeyDer::from_pem_slice(&read(&files.key)?).map_err(|e| TlsError::Key {
        path: files.key.clone(),
        reason: match e {
            pem::Error::NoItemsFound => "no \"BEGIN … PRIVATE KEY\" section in it".into(),
            other => pem_reason(other),
        },
    })?;
    let rejected = |error| TlsError::Rejected {
        certificate: files.certificate.clone(),
        key: files.key.clone(),
        error,
    };
    // rustls 0.23.48 marks its ring provider deprecated because it lacks post-quantum key
    // exchange (X25519MLKEM768, aws-lc-rs only). ring is kept: it is already built for
    // ureq, and aws-lc-rs would add a second, C-built cryptography library; the README's
    // dependency table says so.
    #[allow(deprecated)]
    let provider = rustls::crypto::ring::default_provider();
    let mut config = rustls::ServerConfig::builder_with_provider(Arc::new(provider))
        .with_safe_default_protocol_versions()
        .map_err(rejected)?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(rejected)?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(dir: &Path, name: &str) -> TlsFiles {
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = rcgen::CertificateParams::new(vec!["localhost".into()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        let files = TlsFiles {
            certificate: dir.join(format!("{name}.crt")),
            key: dir.join(format!("{name}.key")),
        };
        std::fs::write(&files.certificate, cert.pem()).unwrap();
        std::fs::write(&files.key, key.serialize_pem()).unwrap();
        files
    }

    fn error(files: &TlsFiles) -> String {
        server_config(files)
            .err()
            .unwrap_or_else(|| panic!("{files:?} should be refused"))
            .to_string()
    }

    #[test]
    fn a_certificate_and_its_key_make_a_configuration() {
        let dir = tempfile::tempdir().unwrap();
        let config = server_config(&pair(dir.path(), "desk")).unwrap();
        assert_eq!(config.alpn_protocols, vec![b"http/1.1".to_vec()]);
    }

    #[test]
    fn unusable_files_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let good = pair(dir.path(), "desk");
        let other = pair(dir.path(), "other");

        let missing = TlsFiles {
            key: dir.path().join("missing.key"),
            ..good.clone()
        };
        let e = error(&missing);
        assert!(
            e.contains("missing.key") && e.contains("cannot read"),
            "{e}"
        );

        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "not a certificate\n").unwrap();
        let e = error(&TlsFiles {
            certificate: text.clone(),
            ..good.clone()
        });
        assert!(
            e.contains("notes.txt") && e.contains("BEGIN CERTIFICATE"),
            "{e}"
        );
        let e = error(&TlsFiles {
            key: text,
            ..good.clone()
        });
        assert!(e.contains("notes.txt") && e.contains("PRIVATE KEY"), "{e}");

        // The key file given as the certificate: PEM, but no certificate in it.
        let e = error(&TlsFiles {
            certificate: good.key.clone(),
            ..good.clone()
        });
        assert!(e.contains("desk.key") && e.contains("certificate"), "{e}");

        // A certificate section whose content is not a certificate.
        let garbage = dir.path().join("garbage.crt");
        std::fs::write(
            &garbage,
            "-----BEGIN CERTIFICATE-----\nAAAAAAAAAAAA\n-----END CERTIFICATE-----\n",
        )
        .unwrap();
        let e = error(&TlsFiles {
            certificate: garbage,
            ..good.clone()
        });
        assert!(e.contains("garbage.crt"), "{e}");

        // Another certificate's key.
        let e = error(&TlsFiles {
            key: other.key,
            ..good
        });
        assert!(
            e.contains("desk.crt")
                && e.contains("other.key")
                && e.contains("not the certificate's"),
            "{e}"
        );
    }
}
