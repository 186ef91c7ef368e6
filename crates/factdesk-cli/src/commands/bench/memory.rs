//! `factdesk bench memory`: claim memory's speed on a large library generated from the
//! corpus texts (the same library `factdesk bench store` builds, by default 100,000
//! articles with the corpus's gold claims, about 2 million).
//!
//! Every corpus article recurs thousands of times in that library, so each claim has
//! thousands of earlier claims stating the same thing: the worst case for the number of
//! candidates a lookup reads. Measured on it:
//! - the memory of one claim (seen before and said differently, 10 of each);
//! - an article of about 100 claims (five corpus articles in one) loaded with the memory
//!   of every claim;
//! - ranking the library against free text (a quote, a sentence with a figure).

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Result};
use chrono::Utc;
use factdesk_core::store::{ClaimFilter, NewArticle, Store};
use factdesk_core::{Claim, Span};
use serde::Serialize;

use super::store::{build, db_bytes, load, variant, ClaimSource, Rng, Spread};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A JSONL corpus of {"doc","text","published","claims"} lines whose texts are varied.
    #[arg(long, default_value = "tests/data/corpus/dev.jsonl")]
    corpus: PathBuf,
    /// Articles in the generated library.
    #[arg(long, default_value_t = 100_000)]
    articles: usize,
    /// Where the library's claims come from.
    #[arg(long, value_enum, default_value_t = ClaimSource::Gold)]
    claims: ClaimSource,
    /// Timed lookups of one claim's memory.
    #[arg(long, default_value_t = 500)]
    samples: usize,
    /// Timed loads of a 100-claim article with its memory.
    #[arg(long, default_value_t = 50)]
    article_samples: usize,
    /// Build (or reuse, if it already holds enough articles) the library here and keep
    /// it; by default a temporary file is used and removed.
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print the figures as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Serialize)]
struct Report {
    database: PathBuf,
    articles: usize,
    claims: usize,
    database_bytes: u64,
    build_seconds: Option<f64>,
    /// One claim's memory, 10 seen before and 10 said differently at most.
    claim_memory: Spread,
    /// Earlier claims found per lookup, on average (seen before + said differently).
    matches_per_claim: f64,
    /// The claims of a generated article of about 100 claims, with every claim's memory.
    article_claims: f64,
    article_with_memory: Spread,
    /// `similar` on free text, 10 hits.
    similar: Spread,
}

/// Texts ranked against the library: words of corpus quotes and sentences, as a post
/// would repeat them.
fn free_texts(docs: &[super::store::Doc]) -> Vec<String> {
    let mut out = Vec::new();
    for d in docs {
        for (p, claims) in d.paragraphs.iter().zip(&d.claims) {
            if let Some(c) = claims.first() {
                out.push(p[c.sentence.start..c.sentence.end].to_lowercase());
            }
        }
    }
    out
}

pub fn run(args: Args) -> Result<()> {
    let docs = load(&args.corpus)?;
    let r = super::on_database(args.db.as_deref(), "bench-memory", |path| {
        measure(&args, &docs, path)
    })?;
    if args.json {
        return super::super::print_json(&r);
    }
    println!(
        "library: {} articles, {} claims, {:.1} MB",
        r.articles,
        r.claims,
        r.database_bytes as f64 / 1e6
    );
    if let Some(s) = r.build_seconds {
        println!("built in {s:.1} s");
    }
    println!(
        "one claim's memory ({:.1} earlier claims found on average): {}",
        r.matches_per_claim, r.claim_memory
    );
    println!(
        "an article of {:.0} claims with every claim's memory: {}",
        r.article_claims, r.article_with_memory
    );
    println!("similar, 10 hits for free text: {}", r.similar);
    Ok(())
}

fn measure(args: &Args, docs: &[super::store::Doc], path: &std::path::Path) -> Result<Report> {
    let mut store = Store::open(path)?;
    let say = |s: String| {
        if !args.json {
            eprintln!("{s}");
        }
    };
    let build_seconds = build(&mut store, docs, args.articles, args.claims, path, &say)?;
    let articles = store.article_count()?;
    let claims = store.claim_count()?;
    if claims == 0 {
        bail!("the library holds no claims; build it with --claims gold");
    }

    say("looking up claims …".into());
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut times = Vec::with_capacity(args.samples);
    let mut found = 0usize;
    let mut tries = 0;
    while times.len() < args.samples && tries < args.samples * 20 {
        tries += 1;
        // Claims of the newer half: each has thousands of earlier repeats.
        let id = format!("a{}", articles / 2 + 1 + rng.below(articles - articles / 2));
        let list = store.claims(&id, &ClaimFilter::default())?;
        let Some(c) = list.get(rng.below(list.len().max(1))) else {
            continue;
        };
        let t = Instant::now();
        let memory = store.memory(&c.id, 10)?;
        times.push(t.elapsed());
        found += memory.seen_before.len() + memory.said_differently.len();
    }
    let matches_per_claim = found as f64 / times.len().max(1) as f64;
    let claim_memory = Spread::of(times);

    say("articles of about 100 claims …".into());
    let mut big = Vec::new();
    for k in 0..args.article_samples {
        let mut text = format!("Digest {k}\n\n");
        let mut claims: Vec<Claim> = Vec::new();
        for part in 0..5 {
            let (a, cs) = variant(docs, 3_000_000 + k * 5 + part);
            let at = text.len();
            text.push_str(&a.text);
            text.push_str("\n\n");
            claims.extend(cs.into_iter().map(|mut c| {
                c.start += at;
                c.end += at;
                c.sentence = Span::new(c.sentence.start + at, c.sentence.end + at);
                c
            }));
        }
        big.push((
            NewArticle {
                title: format!("Digest {k}"),
                text,
                ..Default::default()
            },
            claims,
        ));
    }
    let mut ids = Vec::new();
    for (article, claims) in big {
        ids.push(
            store
                .import_with_claims(article, claims, Utc::now())?
                .article
                .id,
        );
    }
    let mut times = Vec::new();
    let mut per_article = 0usize;
    for id in &ids {
        let t = Instant::now();
        let claims = store.claims(id, &ClaimFilter::default())?;
        let memory = store.article_memory(id, 10)?;
        times.push(t.elapsed());
        per_article += claims.len();
        std::hint::black_box(memory);
    }
    let article_claims = per_article as f64 / ids.len().max(1) as f64;
    let article_with_memory = Spread::of(times);

    say("ranking free text …".into());
    let texts = free_texts(docs);
    let mut times = Vec::new();
    for t in texts.iter().cycle().take(100) {
        let start = Instant::now();
        std::hint::black_box(store.similar(t, 10)?);
        times.push(start.elapsed());
    }
    let similar = Spread::of(times);

    store.checkpoint()?;
    let claims = store.claim_count()?;
    let articles = store.article_count()?;
    drop(store);
    Ok(Report {
        database: path.to_path_buf(),
        articles,
        claims,
        database_bytes: db_bytes(path),
        build_seconds,
        claim_memory,
        matches_per_claim,
        article_claims,
        article_with_memory,
        similar,
    })
}
