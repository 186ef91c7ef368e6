//! `factdesk claims`: the claims of one article with their verdicts.

use anyhow::Result;
use factdesk_core::review::Status;
use factdesk_core::store::ClaimFilter;
use factdesk_core::ClaimKind;

use super::StoreArgs;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article's id ("a12").
    article: String,
    /// Only claims with this status.
    #[arg(long)]
    status: Option<Status>,
    /// Only claims of this kind (figure, date, quote).
    #[arg(long)]
    kind: Option<ClaimKind>,
    /// Include claims dismissed as "not a claim".
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn run(args: Args) -> Result<()> {
    let store = args.store.open()?;
    let claims = store.claims(
        &args.article,
        &ClaimFilter {
            status: args.status,
            kind: args.kind,
            include_dismissed: args.all,
        },
    )?;
    if args.store.json {
        return super::print_json(&claims);
    }
    for c in &claims {
        println!("{}", super::claim_line(c));
    }
    println!("{} claims", claims.len());
    Ok(())
}
