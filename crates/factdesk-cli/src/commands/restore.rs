//! `factdesk restore BACKUP`: put a backup back as the review database, dealing with the
//! `-wal` and `-shm` files itself; the database it replaces is kept, renamed.

use std::path::PathBuf;

use anyhow::Result;

use super::StoreArgs;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The backup to restore (a file `factdesk backup` wrote, or any sound copy).
    backup: PathBuf,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn run(args: Args) -> Result<()> {
    let db = args.store.db_path()?;
    let restored = factdesk_core::store::restore(&args.backup, &db, chrono::Utc::now())?;
    if args.store.json {
        return super::print_json(&restored);
    }
    println!(
        "restored {} from {} ({} articles, {} claims)",
        db.display(),
        args.backup.display(),
        restored.articles,
        restored.claims
    );
    if let Some(kept) = &restored.replaced_kept_at {
        println!("the database it replaced is kept as {}", kept.display());
    }
    Ok(())
}
