//! `factdesk bench`: measured speed of the claim engine, web page and DOCX/PDF import,
//! the review store and claim memory, and the memory and output size of reports.

pub mod documents;
pub mod extract;
pub mod import;
pub mod memory;
pub mod report;
pub mod store;

use std::path::{Path, PathBuf};

use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// Extraction speed on the corpus texts repeated to a size.
    Extract(extract::Args),
    /// Import speed on web pages of growing size and depth.
    Import(import::Args),
    /// Review-store speed on a large database generated from the corpus texts.
    Store(store::Args),
    /// Peak memory of `factdesk report --all` in every format on a large database, and
    /// report sizes for an article whose figures sit in one long line.
    Report(report::Args),
    /// Claim-memory speed (seen before, similar) on a large generated library.
    Memory(memory::Args),
    /// Speed of reading DOCX and PDF files into articles.
    Documents(documents::Args),
}

pub fn run(args: Args) -> Result<()> {
    match args.what {
        What::Extract(a) => extract::run(a),
        What::Import(a) => import::run(a),
        What::Store(a) => store::run(a),
        What::Report(a) => report::run(a),
        What::Memory(a) => memory::run(a),
        What::Documents(a) => documents::run(a),
    }
}

/// Runs `measure` on the database at `kept`, or, without one, on a temporary database
/// named after `name` that is removed afterwards with every file beside it.
fn on_database<T>(
    kept: Option<&Path>,
    name: &str,
    measure: impl FnOnce(&Path) -> Result<T>,
) -> Result<T> {
    if let Some(path) = kept {
        return measure(path);
    }
    let path: PathBuf =
        std::env::temp_dir().join(format!("factdesk-{name}-{}.db", std::process::id()));
    let result = measure(&path);
    let _ = std::fs::remove_file(&path);
    for companion in factdesk_core::store::check::companion_paths(&path) {
        let _ = std::fs::remove_file(companion);
    }
    result
}
