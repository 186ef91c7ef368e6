//! `factdesk bench store`: the review store's speed on a large database generated from the
//! corpus texts.
//!
//! The database is filled with `--articles` variants of the corpus articles (paragraphs
//! reordered and a reference line added, so every text and hash differs), each with its
//! claims inserted through the store's own import path. Then, on that database:
//! - importing `--import` new articles with extraction, the way `factdesk import` does
//!   (extraction on a second thread, articles written in batches as they are ready), and,
//!   with gold claims, the same with about 20 claims per article;
//! - marking a claim (one transaction with its history event);
//! - loading one article with its claims, verdicts and history;
//! - full-text searches returning the first 50 hits;
//! - the database's size.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use chrono::{NaiveDate, Utc};
use clap::ValueEnum;
use factdesk_core::review::Status;
use factdesk_core::store::{sentence_of, ClaimFilter, Mark, NewArticle, Store};
use factdesk_core::{Claim, ClaimKind, ClaimValue, Span};
use serde::{Deserialize, Serialize};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A JSONL corpus of {"doc","text","published","claims"} lines whose texts are varied.
    #[arg(long, default_value = "tests/data/corpus/dev.jsonl")]
    corpus: PathBuf,
    /// Articles in the generated database.
    #[arg(long, default_value_t = 100_000)]
    articles: usize,
    /// New articles imported with extraction, one transaction each, into that database.
    #[arg(long, default_value_t = 10_000)]
    import: usize,
    /// Where the generated database's claims come from: the claim engine, or the corpus's
    /// gold annotations (about 20 per article) while the engine finds fewer.
    #[arg(long, value_enum, default_value_t = ClaimSource::Engine)]
    claims: ClaimSource,
    /// Keep only the first N paragraphs of each corpus article: a smaller library that is
    /// quicker to build (the app's end-to-end test of a 100,000-article library uses 1).
    #[arg(long, value_name = "N")]
    paragraphs: Option<usize>,
    /// Timed repetitions of each single operation (marking, loading).
    #[arg(long, default_value_t = 500)]
    samples: usize,
    /// Build (or reuse, if it already holds enough articles) the database here and keep
    /// it; by default a temporary file is used and removed.
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print the figures as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum ClaimSource {
    /// What `factdesk_core::extract` finds.
    Engine,
    /// The corpus's gold annotations.
    Gold,
}

#[derive(Deserialize)]
struct Line {
    text: String,
    published: Option<String>,
    #[serde(default)]
    claims: Vec<GoldClaim>,
}

#[derive(Deserialize)]
struct GoldClaim {
    kind: ClaimKind,
    text: String,
    start: usize,
    end: usize,
    value: Option<serde_json::Value>,
    speaker: Option<String>,
}

/// A corpus article: its paragraphs and the claims in each, offsets relative to the
/// paragraph.
pub(super) struct Doc {
    title: String,
    published: Option<NaiveDate>,
    pub(super) paragraphs: Vec<String>,
    pub(super) claims: Vec<Vec<Claim>>,
}

/// Timings of a repeated operation, in milliseconds.
#[derive(Debug, Serialize)]
pub(super) struct Spread {
    samples: usize,
    median_ms: f64,
    p95_ms: f64,
    max_ms: f64,
}

impl Spread {
    pub(super) fn of(mut times: Vec<Duration>) -> Spread {
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let at = |q: f64| ms(times[((times.len() - 1) as f64 * q).round() as usize]);
        Spread {
            samples: times.len(),
            median_ms: at(0.5),
            p95_ms: at(0.95),
            max_ms: ms(*times.last().unwrap_or(&Duration::ZERO)),
        }
    }
}

impl std::fmt::Display for Spread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "median {:.3} ms, p95 {:.3} ms, max {:.3} ms ({} samples)",
            self.median_ms, self.p95_ms, self.max_ms, self.samples
        )
    }
}

#[derive(Debug, Serialize)]
struct Import {
    articles: usize,
    seconds: f64,
    articles_per_second: f64,
    claims_per_article: f64,
}

#[derive(Debug, Serialize)]
struct SearchTiming {
    query: String,
    hits: usize,
    #[serde(flatten)]
    spread: Spread,
}

#[derive(Debug, Serialize)]
struct Report {
    database: PathBuf,
    claims_source: ClaimSource,
    /// The generated database, before the timed imports.
    generated_articles: usize,
    generated_claims: usize,
    claims_per_article: f64,
    generated_bytes: u64,
    /// The database marking, loading and search ran on (after the timed imports).
    articles: usize,
    claims: usize,
    build_seconds: Option<f64>,
    import_with_extraction: Import,
    /// With `--claims gold`: the same import with the gold claims instead of the engine's,
    /// what storing about 20 claims per article costs.
    import_with_gold_claims: Option<Import>,
    mark_claim: Spread,
    load_article_review: Spread,
    search_first_50: Vec<SearchTiming>,
    database_bytes: u64,
}

/// Queries from rare to common words of the corpus.
const QUERIES: [&str; 6] = [
    "Stoltenberg",
    "crane collapse",
    "asylum seekers",
    "minister",
    "government said",
    "the",
];

pub fn run(args: Args) -> Result<()> {
    let mut docs = load(&args.corpus)?;
    if let Some(n) = args.paragraphs {
        for doc in &mut docs {
            doc.paragraphs.truncate(n.max(1));
            doc.claims.truncate(n.max(1));
        }
    }
    let report = super::on_database(args.db.as_deref(), "bench", |path| {
        measure(&args, &docs, path)
    })?;
    if args.json {
        return super::super::print_json(&report);
    }
    print(&report);
    Ok(())
}

fn measure(args: &Args, docs: &[Doc], path: &Path) -> Result<Report> {
    let mut store = Store::open(path)?;
    let say = |s: String| {
        if !args.json {
            eprintln!("{s}");
        }
    };
    let build_seconds = build(&mut store, docs, args.articles, args.claims, path, &say)?;
    let articles = store.article_count()?;
    let claims = store.claim_count()?;
    store.checkpoint()?;
    let generated_bytes = db_bytes(path);

    say(format!(
        "importing {} articles with extraction …",
        args.import
    ));
    let first_new = articles.max(args.articles) + 1_000_000;
    let import = timed_import(&mut store, args.import, |i| {
        let (article, _) = variant(docs, first_new + i);
        let found = factdesk_core::extract(&article.text, article.published);
        (article, found)
    })?;
    let import_gold = if args.claims == ClaimSource::Gold {
        say(format!(
            "importing {} articles with their gold claims …",
            args.import
        ));
        let first = first_new + args.import;
        Some(timed_import(&mut store, args.import, |i| {
            variant(docs, first + i)
        })?)
    } else {
        None
    };

    let total = store.article_count()?;
    let total_claims = store.claim_count()?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut sample_articles = Vec::new();
    let mut sample_claims = Vec::new();
    let mut tries = 0;
    while sample_claims.len() < args.samples && tries < args.samples * 20 {
        tries += 1;
        let id = format!("a{}", 1 + rng.below(articles.max(1)));
        let claims = store.claims(&id, &ClaimFilter::default())?;
        if let Some(c) = claims.get(rng.below(claims.len().max(1))) {
            sample_claims.push(c.id.clone());
        }
        sample_articles.push(id);
    }
    if sample_claims.is_empty() {
        bail!(
            "the database holds no claims to mark: the claim engine found none; run with \
             --claims gold to build the database from the corpus's gold claims"
        );
    }

    say("marking claims …".into());
    let statuses = [Status::Verified, Status::Disputed, Status::False];
    let mut times = Vec::with_capacity(sample_claims.len());
    for (i, id) in sample_claims.iter().enumerate() {
        let mark = Mark {
            status: Some(statuses[i % statuses.len()]),
            note: Some(format!("bench note {i}")),
            source: None,
        };
        let t = Instant::now();
        store.mark(id, &mark, "bench", Utc::now())?;
        times.push(t.elapsed());
    }
    let mark_claim = Spread::of(times);

    say("loading articles …".into());
    let mut times = Vec::with_capacity(sample_articles.len());
    for id in sample_articles.iter().take(args.samples) {
        let t = Instant::now();
        let review = store.review(id)?;
        times.push(t.elapsed());
        std::hint::black_box(review);
    }
    let load_article_review = Spread::of(times);

    say("searching …".into());
    let mut search = Vec::new();
    for q in QUERIES {
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..20 {
            let t = Instant::now();
            hits = store.search(q, 50)?.len();
            times.push(t.elapsed());
        }
        search.push(SearchTiming {
            query: q.to_string(),
            hits,
            spread: Spread::of(times),
        });
    }

    store.checkpoint()?;
    drop(store);
    let database_bytes = db_bytes(path);
    Ok(Report {
        database: path.to_path_buf(),
        claims_source: args.claims,
        generated_articles: articles,
        generated_claims: claims,
        claims_per_article: claims as f64 / articles.max(1) as f64,
        generated_bytes,
        articles: total,
        claims: total_claims,
        build_seconds,
        import_with_extraction: import,
        import_with_gold_claims: import_gold,
        mark_claim,
        load_article_review,
        search_first_50: search,
        database_bytes,
    })
}

/// Fills the database at `path` with generated articles up to `articles` (keeping those
/// already there); the seconds it took, `None` when nothing was needed.
pub(super) fn build(
    store: &mut Store,
    docs: &[Doc],
    articles: usize,
    source: ClaimSource,
    path: &Path,
    say: &dyn Fn(String),
) -> Result<Option<f64>> {
    let have = store.article_count()?;
    let mut build_seconds = None;
    if have < articles {
        say(format!(
            "building {} articles with {} claims in {} …",
            articles - have,
            match source {
                ClaimSource::Engine => "engine",
                ClaimSource::Gold => "gold",
            },
            path.display()
        ));
        let t0 = Instant::now();
        let at = Utc::now();
        let mut batch = Vec::with_capacity(1000);
        for i in have..articles {
            let (article, gold) = variant(docs, i);
            let claims = match source {
                ClaimSource::Gold => gold,
                ClaimSource::Engine => factdesk_core::extract(&article.text, article.published),
            };
            batch.push((article, claims));
            if batch.len() == 1000 || i + 1 == articles {
                store.import_many(std::mem::take(&mut batch), at)?;
                if (i + 1) % 10_000 == 0 {
                    say(format!(
                        "  {} articles, {:.0} s",
                        i + 1,
                        t0.elapsed().as_secs_f64()
                    ));
                }
            }
        }
        build_seconds = Some(t0.elapsed().as_secs_f64());
    } else {
        say(format!("reusing {} articles in {}", have, path.display()));
    }
    Ok(build_seconds)
}

/// Imports `count` articles made by `make` the way `factdesk import` does (made and
/// extracted on a second thread, written in batches as they are ready), timed.
fn timed_import(
    store: &mut Store,
    count: usize,
    make: impl Fn(usize) -> (NewArticle, Vec<Claim>) + Send + Sync,
) -> Result<Import> {
    let mut claims = 0usize;
    let mut failures = Vec::new();
    let items = (0..count).map(|i| (format!("generated-{i}"), Ok(make(i))));
    let t0 = Instant::now();
    crate::commands::import::import_stream(store, items, |file, outcome| match outcome {
        Ok(imported) if imported.created => claims += imported.claims,
        Ok(_) => failures.push(format!("{file}: was not new")),
        Err(e) => failures.push(e),
    })?;
    let seconds = t0.elapsed().as_secs_f64();
    if let Some(first) = failures.first() {
        bail!(
            "{} generated articles failed to import, first: {first}",
            failures.len()
        );
    }
    Ok(Import {
        articles: count,
        seconds,
        articles_per_second: count as f64 / seconds.max(1e-9),
        claims_per_article: claims as f64 / count.max(1) as f64,
    })
}

/// The database's size on disk: its file and its write-ahead log.
pub(super) fn db_bytes(path: &Path) -> u64 {
    ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", path.display())).ok())
        .map(|m| m.len())
        .sum()
}

fn print(r: &Report) {
    println!(
        "generated database: {} articles, {} claims ({:.1} per article, from {:?}), {:.1} MB",
        r.generated_articles,
        r.generated_claims,
        r.claims_per_article,
        r.claims_source,
        r.generated_bytes as f64 / 1e6
    );
    println!(
        "after the timed imports: {} articles, {} claims, {:.1} MB",
        r.articles,
        r.claims,
        r.database_bytes as f64 / 1e6
    );
    if let Some(s) = r.build_seconds {
        println!("built in {s:.1} s");
    }
    let i = &r.import_with_extraction;
    println!(
        "import {} articles with extraction, as factdesk import does: {:.2} s ({:.0} articles/s, {:.1} claims/article from the engine)",
        i.articles, i.seconds, i.articles_per_second, i.claims_per_article
    );
    if let Some(g) = &r.import_with_gold_claims {
        println!(
            "import {} articles with their gold claims (no extraction): {:.2} s ({:.0} articles/s, {:.1} claims/article)",
            g.articles, g.seconds, g.articles_per_second, g.claims_per_article
        );
    }
    println!("mark a claim: {}", r.mark_claim);
    println!(
        "load an article with claims, verdicts, history: {}",
        r.load_article_review
    );
    for s in &r.search_first_50 {
        println!("search {:?} ({} hits): {}", s.query, s.hits, s.spread);
    }
}

pub(super) fn load(path: &Path) -> Result<Vec<Doc>> {
    let raw = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the corpus", path.display()))?;
    let mut docs = Vec::new();
    for (n, line) in raw
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let l: Line = serde_json::from_str(line)
            .map_err(|e| super::super::bad_line(&path.display().to_string(), n + 1, e))?;
        docs.push(split(l));
    }
    if docs.is_empty() {
        bail!("{}: no texts in the corpus", path.display());
    }
    Ok(docs)
}

/// Cuts an article into paragraphs, giving each the claims inside it with offsets
/// relative to the paragraph (claims across a paragraph break are left out).
fn split(l: Line) -> Doc {
    let text = &l.text;
    let mut bounds = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices("\n\n") {
        if i > start {
            bounds.push(Span::new(start, i));
        }
        start = i + 2;
    }
    if start < text.len() {
        bounds.push(Span::new(start, text.len()));
    }
    let mut claims: Vec<Vec<Claim>> = vec![Vec::new(); bounds.len()];
    for g in &l.claims {
        let span = Span::new(g.start, g.end);
        let Some(p) = bounds.iter().position(|b| b.contains(&span)) else {
            continue;
        };
        let value = g.value.clone().and_then(|v| match g.kind {
            ClaimKind::Date => serde_json::from_value(v).ok().map(ClaimValue::Date),
            _ => serde_json::from_value(v).ok().map(ClaimValue::Figure),
        });
        let sentence = sentence_of(text, span);
        let b = bounds[p];
        let sentence = Span::new(sentence.start.max(b.start), sentence.end.min(b.end));
        claims[p].push(Claim {
            kind: g.kind,
            start: g.start - b.start,
            end: g.end - b.start,
            text: g.text.clone(),
            value,
            speaker: g.speaker.clone(),
            cue: None,
            sentence: Span::new(sentence.start - b.start, sentence.end - b.start),
        });
    }
    Doc {
        title: text.lines().next().unwrap_or_default().to_string(),
        published: l
            .published
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        paragraphs: bounds
            .iter()
            .map(|b| text[b.start..b.end].to_string())
            .collect(),
        claims,
    }
}

/// Generated article `n`: a corpus article with its paragraphs after the first in an
/// order drawn from `n`, and a reference line naming `n`, so every text differs; with its
/// claims moved along with their paragraphs.
pub(super) fn variant(docs: &[Doc], n: usize) -> (NewArticle, Vec<Claim>) {
    let doc = &docs[n % docs.len()];
    let mut order: Vec<usize> = (0..doc.paragraphs.len()).collect();
    let mut rng = Rng((n as u64)
        .wrapping_mul(0x2545_F491_4F6C_DD1D)
        .wrapping_add(1));
    for i in (2..order.len()).rev() {
        let j = 1 + rng.below(i);
        order.swap(i, j);
    }
    let mut text = String::new();
    let mut claims = Vec::new();
    for (k, &p) in order.iter().enumerate() {
        if k > 0 {
            text.push_str("\n\n");
        }
        let at = text.len();
        text.push_str(&doc.paragraphs[p]);
        for c in &doc.claims[p] {
            let mut c = c.clone();
            c.start += at;
            c.end += at;
            c.sentence = Span::new(c.sentence.start + at, c.sentence.end + at);
            claims.push(c);
        }
    }
    text.push_str(&format!("\n\nArchive reference {n}."));
    (
        NewArticle {
            title: doc.title.clone(),
            byline: None,
            outlet: Some("Wikinews".into()),
            url: None,
            published: doc.published,
            text,
            provenance: None,
        },
        claims,
    )
}

/// A small deterministic generator (xorshift64*), so every run builds the same database.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0.max(1);
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub(super) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}
