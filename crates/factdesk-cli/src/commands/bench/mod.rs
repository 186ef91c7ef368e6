//! `factdesk bench`: measured speed of the claim engine and of the review store.

pub mod extract;
pub mod store;

use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// Extraction speed on the corpus texts repeated to a size.
    Extract(extract::Args),
    /// Review-store speed on a large database generated from the corpus texts.
    Store(store::Args),
}

pub fn run(args: Args) -> Result<()> {
    match args.what {
        What::Extract(a) => extract::run(a),
        What::Store(a) => store::run(a),
    }
}
