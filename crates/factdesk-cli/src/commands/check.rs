//! `factdesk check`: is the review database sound? Schema, triggers, write-ahead log and
//! every page, read without changing anything; what is wrong and what to do about it.

use anyhow::{bail, Result};
use factdesk_core::store::check::{check, Depth};

use super::StoreArgs;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    store: StoreArgs,
    /// First recount every article's claims by status and kind (the counts the library
    /// lists and sorts by), correcting any that are wrong; no review work is touched.
    #[arg(long)]
    recount: bool,
}

pub fn run(args: Args) -> Result<()> {
    let path = args.store.db_path()?;
    if !path.exists() {
        bail!("{}: no database there to check", path.display());
    }
    if args.recount {
        let wrong = factdesk_core::store::Store::open(&path)?.recount()?;
        eprintln!(
            "{}: recounted every article's claims; {wrong} article(s) had wrong counts",
            path.display()
        );
    }
    let report = check(&path, Depth::Full)?;
    if args.store.json {
        super::print_json(&report)?;
    } else if report.is_sound() {
        println!(
            "{}: sound (schema version {}, {} bytes, {} articles, {} claims, {} history \
             events; every page and index checked{})",
            path.display(),
            report.schema_version,
            report.bytes,
            report.articles.unwrap_or(0),
            report.claims.unwrap_or(0),
            report.history_events.unwrap_or(0),
            if report.in_use {
                "; in use by another program now"
            } else {
                ""
            }
        );
    } else {
        println!("{}: NOT sound", path.display());
        for p in &report.problems {
            println!("  problem: {}\n  to do:   {}", p.what, p.fix);
        }
    }
    if !report.is_sound() {
        bail!(
            "{}: {} problem(s) found; the file was not changed",
            path.display(),
            report.problems.len()
        );
    }
    Ok(())
}
