//! End-to-end tests of the `factdesk` command: the real binary on real news text and on
//! temporary databases. One module per concern:
//!
//! - `extract`: the claim engine over the gold corpus (accuracy floors), output shapes, bad
//!   input, a 50 MB article;
//! - `round_trips`: import, mark, history, undo, search, re-extract, backup;
//! - `bad_files`, `bad_databases`: clear errors, nothing saved is lost;
//! - `report`: every report format from a real database, selections, refusals;
//! - `documents`: DOCX and PDF made by LibreOffice, Chromium and docx-rs from the corpus,
//!   imported word for word with the plain text's claims; bad documents refused by name;
//! - `crash`: SIGKILL in the middle of a 1,000-file import;
//! - `crash_random`: SIGKILL at random, seeded moments during import, mark, reextract,
//!   backup and report, with the database and every output file checked after each kill;
//! - `concurrency`: two processes writing one database;
//! - `injection`: texts full of quotes, semicolons and SQL stored exactly;
//! - `faults`: each way an editor's work could be lost or silently damaged (reports over
//!   the database, stale logs, damaged pages, altered schemas, devices, pipes and links,
//!   racing backups, search that hides matches), tried and refused;
//! - `web`: `import URL` on corpus articles in news layouts served by `server` (a local
//!   HTTP server), bad servers and responses, re-imports as new versions.

mod cli {
    mod bad_databases;
    mod bad_files;
    mod concurrency;
    mod consistency;
    mod crash;
    mod crash_random;
    mod documents;
    mod extract;
    mod faults;
    mod injection;
    mod memory;
    mod report;
    mod round_trips;
    mod server;
    mod util;
    mod web;
}
