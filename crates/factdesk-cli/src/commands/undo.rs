//! `factdesk undo`: revert a claim's last change (the undo is itself recorded).

use anyhow::Result;
use chrono::Utc;

use super::StoreArgs;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The claim's id ("c345").
    claim: String,
    /// Who undoes it [default: $FACTDESK_REVIEWER, else the user name].
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn run(args: Args) -> Result<()> {
    let by = super::reviewer(args.by.as_deref())?;
    let mut store = args.store.open()?;
    let undone = store.undo_change(&args.claim, &by, Utc::now())?;
    if args.store.json {
        let claim = store.claim(&args.claim)?;
        return super::print_json(&serde_json::json!({"undone": undone, "claim": claim}));
    }
    if undone.is_empty() {
        println!("{}: nothing to undo", args.claim);
        return Ok(());
    }
    for e in &undone {
        println!("undid {}", super::history::event_line(e));
    }
    println!("{}", super::claim_line(&store.claim(&args.claim)?));
    Ok(())
}
