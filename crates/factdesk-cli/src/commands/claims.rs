//! `factdesk claims`: the claims of one article with their verdicts and consistency flags.

use anyhow::Result;
use std::collections::HashMap;

use factdesk_core::consistency::{flags_by_claim, ClaimFlag};
use factdesk_core::review::{ReviewedClaim, Status};
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
    /// Only claims a consistency check flagged (parts that miss their total, a wrong
    /// weekday, an age or duration its dates contradict, shares past 100 percent, one
    /// quantity stated two ways, a later date told in the past tense).
    #[arg(long)]
    flagged: bool,
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
    let mut memory: HashMap<String, ClaimMemory> = if args.seen_before {
        store
            .article_memory(&args.article, args.memory_limit)?
            .into_iter()
            .map(|m| (m.claim_id.clone(), m))
            .collect()
    } else {
        HashMap::new()
    };
    let rows: Vec<Row> = claims
        .into_iter()
        .map(|claim| Row {
            flags: flags.remove(&claim.id).unwrap_or_default(),
            memory: memory.remove(&claim.id),
            claim,
        })
        .filter(|r| !args.flagged || !r.flags.is_empty())
        .collect();
    if args.store.json {
        return super::print_json(&rows);
    }
    let mut remembered = 0;
    for r in &rows {
        println!("{}", super::claim_line(&r.claim));
        for f in &r.flags {
            println!("        \u{2691} {}", f.message);
        }
        if let Some(m) = &r.memory {
            let lines = super::memory::memory_lines(m);
            remembered += usize::from(!lines.is_empty());
            for l in lines {
                println!("{l}");
            }
        }
    }
    if args.seen_before {
        println!("{} claims, {remembered} with earlier claims", rows.len());
    } else {
        println!("{} claims", rows.len());
    }
    Ok(())
}

/// A claim as `--json` prints it: the reviewed claim, the consistency flags that involve
/// it, and with `--seen-before` its earlier claims elsewhere in the library.
#[derive(Serialize)]
struct Row {
    #[serde(flatten)]
    claim: ReviewedClaim,
    flags: Vec<ClaimFlag>,
    #[serde(skip_serializing_if = "Option::is_none")]
    memory: Option<ClaimMemory>,
}
