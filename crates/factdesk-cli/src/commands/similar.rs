//! `factdesk similar`: the library's claims ranked against any text (a post, a sentence
//! from a broadcast), with their verdicts.

use anyhow::Result;

use super::StoreArgs;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The text to compare with the library.
    #[arg(required = true, value_name = "TEXT")]
    text: Vec<String>,
    /// How many claims to show, best first.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn run(args: Args) -> Result<()> {
    let store = args.store.open()?;
    let text = args.text.join(" ");
    let hits = store.similar(&text, args.limit)?;
    if args.store.json {
        return super::print_json(&hits);
    }
    for h in &hits {
        let how = match h.relation {
            Some(r) => format!("{} {}", h.via, super::memory::relation_text(r, false)),
            None => h.via.clone(),
        };
        println!(
            "{:.2}  {:<24} {}  {}\n      {}",
            h.score,
            how,
            h.claim.article_id,
            super::short(&h.article_title, 60),
            super::claim_line(&h.claim)
        );
        if !h.sentence.is_empty() {
            println!("      in: {}", super::short(&h.sentence, 110));
        }
    }
    println!("{} claims", hits.len());
    Ok(())
}
