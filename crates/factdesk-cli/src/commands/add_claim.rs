//! `factdesk add-claim`: mark a span of an article as a claim the engine missed.

use anyhow::Result;
use chrono::Utc;
use factdesk_core::{ClaimKind, Span};

use super::StoreArgs;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article's id ("a12").
    article: String,
    /// First byte of the claim (UTF-8 byte offset into the article's text).
    start: usize,
    /// One past the last byte of the claim.
    end: usize,
    /// What kind of claim it is.
    #[arg(long, default_value = "figure")]
    kind: ClaimKind,
    /// Who marks it [default: $FACTDESK_REVIEWER, else the user name].
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn run(args: Args) -> Result<()> {
    let by = super::reviewer(args.by.as_deref())?;
    let mut store = args.store.open()?;
    let claim = store.add_claim(
        &args.article,
        Span::new(args.start, args.end),
        args.kind,
        &by,
        Utc::now(),
    )?;
    if args.store.json {
        return super::print_json(&claim);
    }
    println!("{}", super::claim_line(&claim));
    Ok(())
}
