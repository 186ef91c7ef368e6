//! Factdesk's core: everything the desktop app and the `factdesk` command share, with no
//! GUI dependency.
//!
//! - [`extract`] reads an article and finds every checkable claim in it: figures, dates and
//!   direct quotes with their speakers. It is a pure function of the text and the
//!   publication date; it never reads the clock.
//! - [`input`] reads article files and says clearly what is wrong with a bad one.
//! - [`review`] is the model of an editor's work: articles, verdicts, sources, history.
//! - [`store`] keeps that work in one SQLite file: articles, claims, verdicts, sources and
//!   the full history of every change.
//! - [`import`] reads article files (plain text, Markdown, HTML, DOCX, PDF) into what the
//!   store takes.
//! - [`report`] renders reviewed articles as HTML, Markdown, JSON, CSV and schema.org
//!   ClaimReview.
//! - [`desk`] is what a database and a desk server exchange: articles, claims and history
//!   events named by identities that are the same on every machine.
//! - [`claim`] holds the claim types every other module speaks in.
//!
//! Offsets are UTF-8 byte offsets into the text exactly as given, end exclusive, and always
//! lie on character boundaries.

pub mod claim;
pub mod consistency;
pub mod desk;
pub mod extract;
pub mod import;
pub mod input;
pub mod output;
pub mod report;
pub mod review;
pub mod store;

pub use claim::{Claim, ClaimKind, ClaimValue, DateValue, FigureValue, Span};
pub use extract::extract;
