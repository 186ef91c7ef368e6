//! Fetching a web page (or a PDF or Word file on the web) for import, within limits: a
//! connect timeout, a timeout for the whole exchange, a cap on the body's size and on
//! redirects. Every failure is an [`ImportError`] naming the URL.

use std::time::Duration;

use ureq::ResponseExt;

use super::ImportError;

/// Largest response body read, in bytes (20 MiB): far above any article page, small
/// enough that a runaway response cannot fill the memory.
pub const MAX_PAGE_BYTES: u64 = 20 * 1024 * 1024;

/// The limits of one fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FetchLimits {
    /// Longest wait to connect (name lookup, TCP and TLS).
    pub connect_timeout: Duration,
    /// Longest time for the whole exchange: redirects, headers and the body.
    pub timeout: Duration,
    /// Largest body read, in bytes.
    pub max_bytes: u64,
    /// Most redirects followed.
    pub max_redirects: u32,
}

impl Default for FetchLimits {
    /// 10 s to connect, 60 s in all, [`MAX_PAGE_BYTES`], 10 redirects.
    fn default() -> Self {
        FetchLimits {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            max_bytes: MAX_PAGE_BYTES,
            max_redirects: 10,
        }
    }
}

/// A response read whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The address the body came from, after redirects.
    pub url: String,
    /// The `Content-Type` the server declared, if any.
    pub content_type: Option<String>,
    /// The body.
    pub bytes: Vec<u8>,
}

/// True when `input` is an http or https address rather than a file path.
pub fn is_url(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Content types read as an article: web pages, text, PDF and Word files, and a generic
/// binary type (whose content then decides).
fn is_article_type(content_type: &str) -> bool {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    mime.is_empty()
        || mime.starts_with("text/")
        || matches!(
            mime.as_str(),
            "application/xhtml+xml"
                | "application/xml"
                | "application/pdf"
                | "application/x-pdf"
                | "application/octet-stream"
                | "application/msword"
                | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
}

/// Fetches `url` with GET within `limits`. Refuses, naming the URL: an address that is not
/// http(s), a host that cannot be reached, a 4xx or 5xx status, a content type that is
/// not an article (an image, a video…), too many redirects, a body over the size cap, and
/// an exchange that outlasts the timeout (a body that never ends).
pub fn fetch(url: &str, limits: &FetchLimits) -> Result<Fetched, ImportError> {
    if !is_url(url) {
        return Err(ImportError::BadUrl {
            url: url.to_string(),
            detail: "only http and https addresses can be fetched".into(),
        });
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(limits.connect_timeout))
        .timeout_global(Some(limits.timeout))
        .max_redirects(limits.max_redirects)
        .http_status_as_error(false)
        .user_agent(concat!("factdesk/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let fail = |e: ureq::Error| network_error(url, limits, e);
    let mut response = agent.get(url).call().map_err(fail)?;
    let status = response.status();
    let final_url = response.get_uri().to_string();
    if status.is_client_error() || status.is_server_error() {
        return Err(ImportError::HttpStatus {
            url: final_url,
            status: status.as_u16(),
            reason: status.canonical_reason().unwrap_or("").to_string(),
        });
    }
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    if let Some(t) = content_type.as_deref().filter(|t| !is_article_type(t)) {
        return Err(ImportError::NotAnArticle {
            input: final_url,
            what: format!("the server sent {t}"),
        });
    }
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(fail)?;
    Ok(Fetched {
        url: final_url,
        content_type,
        bytes,
    })
}

/// A failed exchange as an import error naming `url`.
fn network_error(url: &str, limits: &FetchLimits, e: ureq::Error) -> ImportError {
    let url = url.to_string();
    match e {
        ureq::Error::Timeout(which) => ImportError::TimedOut {
            url,
            after: match which {
                ureq::Timeout::Connect | ureq::Timeout::Resolve => limits.connect_timeout,
                _ => limits.timeout,
            },
        },
        ureq::Error::BodyExceedsLimit(_) => ImportError::TooLarge {
            input: url,
            limit: limits.max_bytes,
        },
        ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => {
            ImportError::TooManyRedirects {
                url,
                limit: limits.max_redirects,
            }
        }
        ureq::Error::HostNotFound => ImportError::Unreachable {
            url,
            detail: "the host name was not found".into(),
        },
        ureq::Error::ConnectionFailed => ImportError::Unreachable {
            url,
            detail: "the connection failed".into(),
        },
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::TimedOut => ImportError::TimedOut {
                url,
                after: limits.timeout,
            },
            std::io::ErrorKind::ConnectionRefused
            | std::io::ErrorKind::ConnectionReset
            | std::io::ErrorKind::HostUnreachable
            | std::io::ErrorKind::NetworkUnreachable
            | std::io::ErrorKind::AddrNotAvailable => ImportError::Unreachable {
                url,
                detail: io.to_string(),
            },
            _ => ImportError::Network {
                url,
                detail: io.to_string(),
            },
        },
        ureq::Error::BadUri(detail) => ImportError::BadUrl { url, detail },
        other => ImportError::Network {
            url,
            detail: other.to_string(),
        },
    }
}
