//! `factdesk claims`: the claims of one article with their verdicts and consistency flags.

use anyhow::Result;
use factdesk_core::consistency::{flags_by_claim, ClaimFlag};
use factdesk_core::review::{ReviewedClaim, Status};
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
    /// Only claims a consistency check flagged (parts that miss their total, a wrong
    /// weekday, an age or duration its dates contradict, shares past 100 percent, one
    /// quantity stated two ways, a later date told in the past tense).
    #[arg(long)]
    flagged: bool,
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
    let mut flags = flags_by_claim(&store.review(&args.article)?);
    let rows: Vec<Row> = claims
        .into_iter()
        .map(|claim| Row {
            flags: flags.remove(&claim.id).unwrap_or_default(),
            claim,
        })
        .filter(|r| !args.flagged || !r.flags.is_empty())
        .collect();
    if args.store.json {
        return super::print_json(&rows);
    }
    for r in &rows {
        println!("{}", super::claim_line(&r.claim));
        for f in &r.flags {
            println!("        \u{2691} {}", f.message);
        }
    }
    println!("{} claims", rows.len());
    Ok(())
}

/// A claim as `--json` prints it: the reviewed claim with the consistency flags that
/// involve it.
#[derive(serde::Serialize)]
struct Row {
    #[serde(flatten)]
    claim: ReviewedClaim,
    flags: Vec<ClaimFlag>,
}
