//! `factdesk bench extract`: measured speed of the claim engine.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use chrono::NaiveDate;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// JSONL corpora of {"doc","text","published"} lines whose texts are repeated; by
    /// default every gold set the project holds (tuning and validation), so the figure is
    /// for varied news, not one style.
    #[arg(long, num_args = 1.., default_values = DEFAULT_CORPORA)]
    corpus: Vec<PathBuf>,
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

/// The gold sets in the repository, relative to its root.
const DEFAULT_CORPORA: [&str; 3] = [
    "tests/data/corpus/dev.jsonl",
    "tests/data/corpus/tuning.jsonl",
    "tests/data/corpus/validation.jsonl",
];

/// Each text of a corpus with its publication date.
fn read_corpus(path: &std::path::Path) -> Result<Vec<(String, Option<NaiveDate>)>> {
    let raw = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the corpus", path.display()))?;
    let mut texts = Vec::new();
    for (i, line) in raw
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let v: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not JSON", path.display(), i + 1))?;
        if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
            let published = v
                .get("published")
                .and_then(|p| p.as_str())
                .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
            texts.push((t.to_string(), published));
        }
    }
    anyhow::ensure!(
        !texts.is_empty(),
        "{}: no texts in the corpus",
        path.display()
    );
    Ok(texts)
}

pub fn run(args: Args) -> Result<()> {
    let mut texts = Vec::new();
    for path in &args.corpus {
        texts.extend(read_corpus(path)?);
    }
    let target = args.megabytes * 1_000_000;
    let mut docs = Vec::new();
    let mut total = 0;
    while total < target {
        for (t, published) in &texts {
            total += t.len();
            docs.push((t.as_str(), *published));
        }
    }
    let mut times = Vec::new();
    let mut claims = 0;
    // The claims are written out as `extract --format json` writes them, into a buffer
    // reused across documents, so the figure includes the output a caller pays for.
    let mut out = Vec::with_capacity(1 << 20);
    for _ in 0..args.runs.max(1) {
        let t0 = Instant::now();
        claims = 0;
        for (text, published) in &docs {
            let found = factdesk_core::extract(text, *published);
            claims += found.len();
            out.clear();
            serde_json::to_writer(&mut out, &found)?;
            std::hint::black_box(&out);
        }
        times.push(t0.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let mb = total as f64 / 1e6;
    let (best, median) = (times[0], times[times.len() / 2]);
    if args.json {
        return super::super::print_json(&serde_json::json!({
            "megabytes": mb,
            "documents": docs.len(),
            "texts": texts.len(),
            "claims": claims,
            "best_seconds": best,
            "median_seconds": median,
            "best_mb_per_second": mb / best,
            "median_mb_per_second": mb / median,
        }));
    }
    println!(
        "extract: {mb:.1} MB in {} documents from {} texts, {claims} claims; best {best:.3} s ({:.1} MB/s), median {median:.3} s ({:.1} MB/s), single thread, JSON output included",
        docs.len(),
        texts.len(),
        mb / best,
        mb / median
    );
    Ok(())
}
