//! The one error type every command returns. It crosses to the UI as `{ code, message }`:
//! the UI branches on `code` and shows `message` to the editor as it is.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database refused or failed the operation.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// An article file could not be read or holds no article.
    #[error(transparent)]
    Import(#[from] factdesk_core::import::ImportError),
    /// A report could not be rendered.
    #[error(transparent)]
    Report(#[from] factdesk_core::report::ReportError),
    /// An export's destination was refused (the database itself, a folder) or could not
    /// be written.
    #[error(transparent)]
    Output(#[from] factdesk_core::output::OutputError),
    /// The UI sent something the backend cannot act on (an empty selection, a span
    /// outside the text, an unknown format).
    #[error("{0}")]
    Invalid(String),
    /// A file the app writes (settings, an export) could not be written.
    #[error("{path}: {source}")]
    File {
        /// The file being written or read.
        path: String,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The database is not open; the message says why and where.
    #[error("{0}")]
    Unavailable(String),
    /// The desk server could not be reached, refused a request, or the database is not
    /// joined to one.
    #[error(transparent)]
    Desk(#[from] factdesk_core::desk::client::DeskError),
    /// A background task stopped before finishing (it panicked or was cancelled).
    #[error("a background task stopped unexpectedly: {0}")]
    Task(String),
}

impl Error {
    /// A stable, machine-readable name for the kind of failure.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Store(err) => crate::store::error_code(err),
            Error::Import(_) => "bad_file",
            Error::Report(factdesk_core::report::ReportError::MissingPublicationUrl) => {
                "needs_publication_url"
            }
            Error::Report(_) => "report",
            Error::Invalid(_) => "invalid",
            Error::File { .. } | Error::Output(_) => "file",
            Error::Unavailable(_) => "unavailable",
            Error::Desk(err) => desk_code(err),
            Error::Task(_) => "task",
        }
    }
}

/// The stable code the UI sees for each desk error.
fn desk_code(err: &factdesk_core::desk::client::DeskError) -> &'static str {
    use factdesk_core::desk::client::DeskError;
    match err {
        DeskError::NotJoined => "not_joined",
        DeskError::Unreachable { .. } => "offline",
        DeskError::Refused { status, .. } if *status == 401 => "unauthorized",
        DeskError::Refused { status, .. } if *status == 403 => "forbidden",
        DeskError::Refused { .. } => "refused",
        DeskError::BadAnswer { .. } => "bad_answer",
        DeskError::Store(err) => crate::store::error_code(err),
        DeskError::StoreUnavailable(_) => "unavailable",
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Error", 2)?;
        out.serialize_field("code", self.code())?;
        out.serialize_field("message", &self.to_string())?;
        out.end()
    }
}

/// What every command returns.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_reach_the_ui_as_code_and_message() {
        let err = Error::Invalid("select some text first".into());
        let json = serde_json::to_value(&err).expect("an error serializes");
        assert_eq!(
            json,
            serde_json::json!({"code": "invalid", "message": "select some text first"}),
            "the UI reads exactly these two fields"
        );
    }
}
