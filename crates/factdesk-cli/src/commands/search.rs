//! `factdesk search`: full-text search over articles, claims, speakers and notes.

use anyhow::Result;

use super::StoreArgs;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Words to find (all must match; `word*` matches words starting with "word").
    #[arg(required = true, value_name = "WORDS")]
    query: Vec<String>,
    /// How many hits to show, best first.
    #[arg(long, default_value_t = 50, value_name = "N")]
    limit: usize,
    /// Skip this many hits first (the next page starts at offset + limit).
    #[arg(long, default_value_t = 0, value_name = "N")]
    offset: usize,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn run(args: Args) -> Result<()> {
    let store = args.store.open()?;
    let query = args.query.join(" ");
    let hits = store.search_page(&query, args.offset, args.limit)?;
    if args.store.json {
        return super::print_json(&hits);
    }
    let counts = store.search_counts(&query)?;
    for h in &hits {
        println!(
            "{:<8} {:<8} {:<8} {}\n         {}",
            h.article_id,
            h.claim_id.as_deref().unwrap_or("-"),
            h.field,
            super::short(&h.article_title, 70),
            super::short(&h.snippet, 110)
        );
    }
    let total = counts.total();
    let next = args.offset + hits.len();
    if hits.len() < total {
        println!(
            "hits {}–{next} of {total} matches ({} in articles, {} claims, {} speakers, {} \
             notes){}",
            (args.offset + 1).min(next),
            counts.articles,
            counts.claims,
            counts.speakers,
            counts.notes,
            if next < total {
                format!("; --offset {next} for the next page")
            } else {
                String::new()
            }
        );
    } else {
        println!("{} hits", hits.len());
    }
    Ok(())
}
