//! The seam between the app and the review store: the core's store, plus the stable
//! error codes the UI branches on.

pub use factdesk_core::store::*;

/// The stable code the UI sees for each store error.
pub fn error_code(err: &StoreError) -> &'static str {
    match err {
        StoreError::NotFactdesk { .. } => "not_factdesk",
        StoreError::NewerSchema { .. } => "newer_schema",
        StoreError::Corrupt { .. } | StoreError::Refused { .. } => "corrupt",
        StoreError::ReadOnly { .. } => "read_only",
        StoreError::NotFound { .. } => "not_found",
        StoreError::BadSpan { .. } => "bad_span",
        StoreError::Invalid(_) => "invalid",
        StoreError::EarlierVersion { .. } => "earlier_version",
        StoreError::TextElsewhere { .. } => "text_elsewhere",
        StoreError::Io { .. } | StoreError::Output(_) => "file",
        StoreError::Sqlite(_) | StoreError::Migration(_) => "database",
    }
}
