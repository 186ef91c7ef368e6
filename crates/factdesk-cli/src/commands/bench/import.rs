//! `factdesk bench import`: measured speed of the import pipeline on web pages, by size
//! (to show time grows linearly with the page) and by nesting depth.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use factdesk_core::import::{from_bytes, Input};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A JSONL corpus of {"doc","text"} lines whose paragraphs fill the pages.
    #[arg(long, default_value = "tests/data/corpus/dev.jsonl")]
    corpus: PathBuf,
    /// Page sizes in megabytes.
    #[arg(long, value_delimiter = ',', default_value = "1,4,16")]
    megabytes: Vec<usize>,
    /// Nesting depths of the deep pages (one `div` in another, a sentence in each).
    #[arg(long, value_delimiter = ',', default_value = "20000,100000")]
    depths: Vec<usize>,
    /// Timed runs per page; the best and the median are reported.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Print the figures as JSON.
    #[arg(long)]
    json: bool,
}

/// A news page of about `bytes` bytes: menus, an article of corpus paragraphs with a box
/// of related links every twenty paragraphs, comments and a footer.
fn news_page(paragraphs: &[String], bytes: usize) -> String {
    let mut page = String::with_capacity(bytes + 4096);
    page.push_str(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Bench page | Ledger</title>\
         <meta property=\"og:title\" content=\"Bench page\">\
         <meta property=\"article:published_time\" content=\"2015-09-12T09:00:00Z\">\
         </head><body><div class=\"menu\"><a href=\"/\">Home</a> <a href=\"/w\">World</a></div>\
         <article><h1>Bench page</h1>",
    );
    let mut n = 0;
    while page.len() < bytes {
        let p = &paragraphs[n % paragraphs.len()];
        page.push_str("<p>");
        page.push_str(&p.replace('&', "&amp;").replace('<', "&lt;"));
        page.push_str("</p>\n");
        n += 1;
        if n % 20 == 0 {
            page.push_str(
                "<div class=\"related\"><h4>Read more</h4><ul><li><a href=\"/1\">Floods leave \
                 12 dead</a></li><li><a href=\"/2\">Prices up 4.5%</a></li></ul></div>\n",
            );
        }
    }
    page.push_str(
        "</article><div id=\"comments\" class=\"comments\"><div class=\"comment\"><p>First!</p>\
         </div></div><div class=\"footer\">© Ledger</div></body></html>",
    );
    page
}

/// `depth` `div`s, each inside the one before, each holding a sentence.
fn deep_page(depth: usize) -> String {
    let mut page = String::from("<html><body>");
    for _ in 0..depth {
        page.push_str("<div>Up 5%.");
    }
    for _ in 0..depth {
        page.push_str("</div>");
    }
    page.push_str("</body></html>");
    page
}

struct Timing {
    what: String,
    megabytes: f64,
    best: f64,
    median: f64,
    words: usize,
}

fn time(what: String, page: &str, runs: usize) -> Result<Timing> {
    let mut times = Vec::new();
    let mut words = 0;
    for _ in 0..runs.max(1) {
        let bytes = page.as_bytes().to_vec();
        let t0 = Instant::now();
        let article = from_bytes(bytes, &Input::File(PathBuf::from("bench.html")), None)
            .with_context(|| format!("{what}: import failed"))?;
        times.push(t0.elapsed().as_secs_f64());
        words = article.text.split_whitespace().count();
    }
    times.sort_by(f64::total_cmp);
    Ok(Timing {
        what,
        megabytes: page.len() as f64 / 1e6,
        best: times[0],
        median: times[times.len() / 2],
        words,
    })
}

pub fn run(args: Args) -> Result<()> {
    let raw = std::fs::read_to_string(&args.corpus)
        .with_context(|| format!("{}: cannot read the corpus", args.corpus.display()))?;
    let mut paragraphs = Vec::new();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}: a line is not JSON", args.corpus.display()))?;
        if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
            paragraphs.extend(
                t.split("\n\n")
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(String::from),
            );
        }
    }
    anyhow::ensure!(
        !paragraphs.is_empty(),
        "{}: no texts in the corpus",
        args.corpus.display()
    );
    let mut timings = Vec::new();
    for &mb in &args.megabytes {
        let page = news_page(&paragraphs, mb * 1_000_000);
        timings.push(time(format!("news page {mb} MB"), &page, args.runs)?);
    }
    for &depth in &args.depths {
        let page = deep_page(depth);
        timings.push(time(format!("{depth} nested divs"), &page, args.runs)?);
    }
    if args.json {
        let rows: Vec<serde_json::Value> = timings
            .iter()
            .map(|t| {
                serde_json::json!({
                    "page": t.what,
                    "megabytes": t.megabytes,
                    "words": t.words,
                    "best_seconds": t.best,
                    "median_seconds": t.median,
                    "best_mb_per_second": t.megabytes / t.best,
                })
            })
            .collect();
        return super::super::print_json(&rows);
    }
    for t in &timings {
        println!(
            "import {:<22} {:>7.2} MB {:>9} words  best {:.3} s ({:.1} MB/s), median {:.3} s",
            t.what,
            t.megabytes,
            t.words,
            t.best,
            t.megabytes / t.best,
            t.median
        );
    }
    Ok(())
}
