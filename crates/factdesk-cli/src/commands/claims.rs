//! `factdesk claims`: the claims of one article with their verdicts.

use anyhow::Result;
use factdesk_core::review::ReviewedClaim;
use factdesk_core::review::Status;
use factdesk_core::store::{ClaimFilter, ClaimMemory};
use factdesk_core::ClaimKind;
use serde::Serialize;

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
    /// Under each claim, the earlier claims in other articles that state the same thing
    /// ("seen before", with their verdicts) or state it differently.
    #[arg(long)]
    seen_before: bool,
    /// With --seen-before: how many earlier claims of each list to show per claim.
    #[arg(long, default_value_t = 5, requires = "seen_before")]
    memory_limit: usize,
    #[command(flatten)]
    store: StoreArgs,
}

/// A claim with what the library remembers of it, for `--seen-before --json`.
#[derive(Serialize)]
struct WithMemory<'a> {
    #[serde(flatten)]
    claim: &'a ReviewedClaim,
    #[serde(skip_serializing_if = "Option::is_none")]
    memory: Option<&'a ClaimMemory>,
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
    if args.seen_before {
        let memory = store.article_memory(&args.article, args.memory_limit)?;
        let by_id: std::collections::HashMap<&str, &ClaimMemory> =
            memory.iter().map(|m| (m.claim_id.as_str(), m)).collect();
        if args.store.json {
            let out: Vec<_> = claims
                .iter()
                .map(|c| WithMemory {
                    claim: c,
                    memory: by_id.get(c.id.as_str()).copied(),
                })
                .collect();
            return super::print_json(&out);
        }
        let mut remembered = 0;
        for c in &claims {
            println!("{}", super::claim_line(c));
            if let Some(m) = by_id.get(c.id.as_str()) {
                let lines = super::memory::memory_lines(m);
                remembered += usize::from(!lines.is_empty());
                for l in lines {
                    println!("{l}");
                }
            }
        }
        println!("{} claims, {remembered} with earlier claims", claims.len());
        return Ok(());
    }
    if args.store.json {
        return super::print_json(&claims);
    }
    for c in &claims {
        println!("{}", super::claim_line(c));
    }
    println!("{} claims", claims.len());
    Ok(())
}
