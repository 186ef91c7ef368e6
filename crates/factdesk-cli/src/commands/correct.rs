//! `factdesk correct`: correct the speaker of a quote or the value of a figure or date.

use anyhow::{bail, Context, Result};
use chrono::Utc;
use factdesk_core::claim::{DateValue, FigureValue};
use factdesk_core::store::Correction;
use factdesk_core::{ClaimKind, ClaimValue};

use super::StoreArgs;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The claim's id ("c345").
    claim: String,
    /// The quote's speaker.
    #[arg(long, value_name = "NAME", conflicts_with = "no_speaker")]
    speaker: Option<String>,
    /// The quote names no speaker.
    #[arg(long)]
    no_speaker: bool,
    /// The value as JSON: {"amount":…,"unit":…,"qualifier":…} for a figure, {"iso":…} for a
    /// date.
    #[arg(long, value_name = "JSON")]
    value: Option<String>,
    /// Who corrects it [default: $FACTDESK_REVIEWER, else the user name].
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn run(args: Args) -> Result<()> {
    if args.speaker.is_none() && !args.no_speaker && args.value.is_none() {
        bail!("nothing to correct: give --speaker NAME, --no-speaker or --value JSON");
    }
    let by = super::reviewer(args.by.as_deref())?;
    let mut store = args.store.open()?;
    let value = match &args.value {
        None => None,
        Some(json) => {
            let kind = store.claim(&args.claim)?.claim.kind;
            Some(match kind {
                ClaimKind::Figure => ClaimValue::Figure(
                    serde_json::from_str::<FigureValue>(json)
                        .with_context(|| format!("--value {json:?} is not a figure value"))?,
                ),
                ClaimKind::Date => ClaimValue::Date(
                    serde_json::from_str::<DateValue>(json)
                        .with_context(|| format!("--value {json:?} is not a date value"))?,
                ),
                ClaimKind::Quote => bail!("{} is a quote; quotes have no value", args.claim),
            })
        }
    };
    let speaker = if args.no_speaker {
        Some(None)
    } else {
        args.speaker.map(Some)
    };
    let claim = store.correct(&args.claim, &Correction { speaker, value }, &by, Utc::now())?;
    if args.store.json {
        return super::print_json(&claim);
    }
    println!("{}", super::claim_line(&claim));
    Ok(())
}
