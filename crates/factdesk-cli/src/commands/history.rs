//! `factdesk history`: every change to a claim, oldest first.

use anyhow::Result;

use super::StoreArgs;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The claim's id ("c345").
    claim: String,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn run(args: Args) -> Result<()> {
    let store = args.store.open()?;
    let events = store.history(&args.claim)?;
    if args.store.json {
        return super::print_json(&events);
    }
    for e in &events {
        println!("{}", event_line(e));
    }
    println!("{} changes", events.len());
    Ok(())
}

/// One line describing a history event for the terminal.
pub fn event_line(e: &factdesk_core::review::HistoryEvent) -> String {
    let mut line = format!(
        "{:<7} {}  {:<12} {:<9} {} -> {}",
        e.id,
        e.at.format("%Y-%m-%d %H:%M:%S UTC"),
        super::short(&e.by, 12),
        e.field,
        super::short(&e.before.to_string(), 50),
        super::short(&e.after.to_string(), 50)
    );
    if let Some(u) = &e.undoes {
        line.push_str(&format!("  (undoes {u})"));
    }
    line
}
