//! `factdesk articles`: the articles in the review database with their claim counts, a
//! page at a time.

use anyhow::Result;
use factdesk_core::review::Status;
use factdesk_core::store::{ArticleFilter, ArticleSort};
use factdesk_core::ClaimKind;

use super::StoreArgs;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only articles with at least one claim of this status.
    #[arg(long)]
    status: Option<Status>,
    /// Only articles with at least one claim of this kind (figure, date, quote).
    #[arg(long)]
    kind: Option<ClaimKind>,
    /// Only articles whose title or text has all these words.
    #[arg(long, value_name = "WORDS")]
    query: Option<String>,
    /// Order: newest, oldest, title or most-unchecked.
    #[arg(long, default_value = "newest", value_parser = parse_sort)]
    sort: ArticleSort,
    /// How many articles to show.
    #[arg(long, default_value_t = 100, value_name = "N")]
    limit: usize,
    /// Skip this many articles first (the next page starts at offset + limit).
    #[arg(long, default_value_t = 0, value_name = "N")]
    offset: usize,
    #[command(flatten)]
    store: StoreArgs,
}

fn parse_sort(s: &str) -> Result<ArticleSort, String> {
    s.parse()
}

pub fn run(args: Args) -> Result<()> {
    let store = args.store.open()?;
    let filter = ArticleFilter {
        status: args.status,
        kind: args.kind,
        query: args.query,
    };
    let page = store.article_page(&filter, args.sort, args.offset, args.limit)?;
    if args.store.json {
        return super::print_json(&page);
    }
    for a in &page.articles {
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
    let shown = page.articles.len();
    if shown == page.total {
        println!("{} articles", page.total);
    } else if shown == 0 {
        println!("no articles from offset {} of {}", page.offset, page.total);
    } else {
        let next = page.offset + shown;
        println!(
            "articles {}–{next} of {} ({}){}",
            page.offset + 1,
            page.total,
            args.sort.as_str().replace('_', " "),
            if next < page.total {
                format!("; --offset {next} for the next page")
            } else {
                String::new()
            }
        );
    }
    Ok(())
}
