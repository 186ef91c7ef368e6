//! The Factdesk desk server: one newsroom's shared articles, claims and history on
//! PostgreSQL (the model is in `docs/desk.md`).
//!
//! - [`store`] is the desk's PostgreSQL side: migrations, users and tokens, the append-only
//!   stream of published articles and history events, assignments, sign-offs, comments.
//!   Every rule of the desk (who may do what, that history is never rewritten) is checked
//!   there or by PostgreSQL itself, never left to the client.
//! - [`api`] is the HTTP interface over it (axum): JSON in and out, a bearer token on
//!   every request, errors as `{code, message}`.
//! - [`config`] reads the server's configuration (database URL, listen address, the TLS
//!   certificate and key).
//! - [`tls`] turns the certificate and key files into a rustls configuration, naming the
//!   file at fault when one cannot be used.

pub mod api;
pub mod config;
pub mod store;
pub mod tls;
