//! `factdesk mark`: record a verdict on a claim, with a note and a source.

use anyhow::Result;
use chrono::{NaiveDate, Utc};
use factdesk_core::review::Status;
use factdesk_core::store::{Mark, NewSource};

use super::StoreArgs;

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("any_source").multiple(true).args(["source", "citation"])))]
pub struct Args {
    /// The claim's id ("c345").
    claim: String,
    /// The verdict: unchecked, verified, disputed, false, misleading or unverifiable.
    #[arg(required_unless_present = "reuse")]
    status: Option<Status>,
    /// Reuse an earlier claim's verdict: copy its status, note and sources onto this
    /// claim, recorded as reused from it (undone like any change). A status, note or
    /// source given as well is applied after it.
    #[arg(long, value_name = "CLAIM")]
    reuse: Option<String>,
    /// A note on the verdict (an empty note removes the note).
    #[arg(long)]
    note: Option<String>,
    /// A source's URL.
    #[arg(long, value_name = "URL")]
    source: Option<String>,
    /// A source that is not a link (a report, an interview, a phone call).
    #[arg(long, value_name = "TEXT")]
    citation: Option<String>,
    /// The source's title.
    #[arg(long, value_name = "TEXT", requires = "any_source")]
    source_title: Option<String>,
    /// What the source shows about the claim.
    #[arg(long, value_name = "TEXT", requires = "any_source")]
    shows: Option<String>,
    /// When the source was consulted (YYYY-MM-DD).
    #[arg(long, value_parser = super::parse_date, requires = "any_source")]
    accessed: Option<NaiveDate>,
    /// Who gives the verdict [default: $FACTDESK_REVIEWER, else the user name].
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn run(args: Args) -> Result<()> {
    let by = super::reviewer(args.by.as_deref())?;
    let mut store = args.store.open()?;
    let source = (args.source.is_some() || args.citation.is_some()).then(|| NewSource {
        url: args.source.clone(),
        citation: args.citation.clone(),
        title: args.source_title.clone(),
        shows: args.shows.clone(),
        accessed: args.accessed,
    });
    let at = Utc::now();
    let mut claim = match &args.reuse {
        Some(from) => Some(store.reuse_verdict(&args.claim, from, &by, at)?),
        None => None,
    };
    if args.status.is_some() || args.note.is_some() || source.is_some() || claim.is_none() {
        claim = Some(store.mark(
            &args.claim,
            &Mark {
                status: args.status,
                note: args.note,
                source,
            },
            &by,
            at,
        )?);
    }
    let claim = claim.expect("a reuse or a mark was made");
    if args.store.json {
        return super::print_json(&claim);
    }
    println!("{}", super::claim_line(&claim));
    Ok(())
}
