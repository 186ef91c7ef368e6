//! `factdesk bench extract`: measured speed of the claim engine.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A JSONL corpus of {"doc","text","published"} lines whose texts are repeated.
    #[arg(long, default_value = "tests/data/corpus/dev.jsonl")]
    corpus: PathBuf,
    /// Repeat the corpus texts until they reach this many megabytes.
    #[arg(long, default_value_t = 10)]
    megabytes: usize,
    /// Timed runs; the best and the median are reported.
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Print the figures as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<()> {
    let raw = std::fs::read_to_string(&args.corpus)
        .with_context(|| format!("{}: cannot read the corpus", args.corpus.display()))?;
    let mut texts = Vec::new();
    for (i, line) in raw
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let v: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not JSON", args.corpus.display(), i + 1))?;
        if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
            texts.push(t.to_string());
        }
    }
    anyhow::ensure!(
        !texts.is_empty(),
        "{}: no texts in the corpus",
        args.corpus.display()
    );
    let target = args.megabytes * 1_000_000;
    let mut docs = Vec::new();
    let mut total = 0;
    while total < target {
        for t in &texts {
            total += t.len();
            docs.push(t.as_str());
        }
    }
    let published = chrono::NaiveDate::from_ymd_opt(2023, 4, 20);
    let mut times = Vec::new();
    let mut claims = 0;
    for _ in 0..args.runs.max(1) {
        let t0 = Instant::now();
        claims = docs
            .iter()
            .map(|d| factdesk_core::extract(d, published).len())
            .sum::<usize>();
        times.push(t0.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let mb = total as f64 / 1e6;
    let (best, median) = (times[0], times[times.len() / 2]);
    if args.json {
        return super::super::print_json(&serde_json::json!({
            "megabytes": mb,
            "documents": docs.len(),
            "claims": claims,
            "best_seconds": best,
            "median_seconds": median,
            "best_mb_per_second": mb / best,
            "median_mb_per_second": mb / median,
        }));
    }
    println!(
        "extract: {mb:.1} MB in {} documents, {claims} claims; best {best:.3} s ({:.1} MB/s), median {median:.3} s ({:.1} MB/s), single thread",
        docs.len(),
        mb / best,
        mb / median
    );
    Ok(())
}
