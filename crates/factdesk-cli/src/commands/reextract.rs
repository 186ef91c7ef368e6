//! `factdesk reextract`: run the claim engine again on stored articles, keeping all
//! reviewed work.

use std::io::IsTerminal;

use anyhow::{bail, Result};
use chrono::Utc;
use factdesk_core::store::ReextractReport;

use super::StoreArgs;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article's id ("a12").
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    article: Option<String>,
    /// Every article in the database.
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn run(args: Args) -> Result<()> {
    let mut store = args.store.open()?;
    let at = Utc::now();
    let reports: Vec<(String, ReextractReport)> = match &args.article {
        Some(id) => vec![(id.clone(), store.reextract(id, at)?)],
        None if args.all => {
            let bar = std::io::stderr()
                .is_terminal()
                .then(|| indicatif::ProgressBar::new(0));
            let out = store.reextract_all(at, |done, total| {
                if let Some(b) = &bar {
                    b.set_length(total as u64);
                    b.set_position(done as u64);
                }
            })?;
            if let Some(b) = &bar {
                b.finish_and_clear();
            }
            out
        }
        None => bail!("give an article id or --all"),
    };
    if args.store.json {
        let list: Vec<_> = reports
            .iter()
            .map(|(id, r)| serde_json::json!({"article": id, "report": r}))
            .collect();
        return super::print_json(&list);
    }
    for (id, r) in &reports {
        let mut line = format!(
            "{id}  {} kept, {} added, {} removed (untouched)",
            r.kept, r.added, r.removed
        );
        if !r.orphaned.is_empty() {
            line.push_str(&format!(
                "; no longer found but kept with their work: {}",
                r.orphaned.join(" ")
            ));
        }
        println!("{line}");
    }
    Ok(())
}
