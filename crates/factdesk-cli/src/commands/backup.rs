//! `factdesk backup`: copy the review database with SQLite's online backup, safe while
//! the app or another command is using it.

use std::path::PathBuf;

use anyhow::Result;

use super::StoreArgs;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the copy (must not exist yet).
    path: PathBuf,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn run(args: Args) -> Result<()> {
    let from = args.store.db_path()?;
    if !from.exists() {
        anyhow::bail!("{}: no database there to back up", from.display());
    }
    let store = args.store.open()?;
    store.backup(&args.path)?;
    let bytes = std::fs::metadata(&args.path).map(|m| m.len()).unwrap_or(0);
    if args.store.json {
        return super::print_json(&serde_json::json!({
            "database": from,
            "backup": args.path,
            "bytes": bytes,
            "articles": store.article_count()?,
            "claims": store.claim_count()?,
        }));
    }
    println!(
        "backed up {} to {} ({bytes} bytes, {} articles, {} claims)",
        from.display(),
        args.path.display(),
        store.article_count()?,
        store.claim_count()?
    );
    Ok(())
}
