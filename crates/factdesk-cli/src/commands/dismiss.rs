//! `factdesk dismiss`: set a claim aside as "not a claim" (kept, hidden, reversible).

use anyhow::Result;
use chrono::Utc;

use super::StoreArgs;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The claim's id ("c345").
    claim: String,
    /// Bring a dismissed claim back instead.
    #[arg(long)]
    undo: bool,
    /// Who dismisses it [default: $FACTDESK_REVIEWER, else the user name].
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn run(args: Args) -> Result<()> {
    let by = super::reviewer(args.by.as_deref())?;
    let mut store = args.store.open()?;
    let claim = store.set_dismissed(&args.claim, !args.undo, &by, Utc::now())?;
    if args.store.json {
        return super::print_json(&claim);
    }
    println!("{}", super::claim_line(&claim));
    Ok(())
}
