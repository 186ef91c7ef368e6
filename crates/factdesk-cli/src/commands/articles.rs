//! `factdesk articles`: the articles in the review database with their claim counts.

use anyhow::Result;
use factdesk_core::review::Status;
use factdesk_core::store::ArticleFilter;

use super::StoreArgs;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only articles with at least one claim of this status.
    #[arg(long)]
    status: Option<Status>,
    /// Only articles whose title or text has all these words.
    #[arg(long, value_name = "WORDS")]
    query: Option<String>,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn run(args: Args) -> Result<()> {
    let store = args.store.open()?;
    let list = store.articles(&ArticleFilter {
        status: args.status,
        query: args.query,
    })?;
    if args.store.json {
        return super::print_json(&list);
    }
    for a in &list {
        let checked = a.claims - a.counts.unchecked;
        let flagged = a.counts.false_ + a.counts.disputed + a.counts.misleading;
        println!(
            "{:<8} {:<10} {:>4} claims {:>4} checked {:>3} flagged  {}",
            a.id,
            a.published.map_or("-".to_string(), |d| d.to_string()),
            a.claims,
            checked,
            flagged,
            super::short(&a.title, 70)
        );
        if let Some(p) = &a.provenance {
            println!(
                "{:<8} version {}, {} from {}",
                "", a.version, p.format, p.source
            );
        }
    }
    println!("{} articles", list.len());
    Ok(())
}
