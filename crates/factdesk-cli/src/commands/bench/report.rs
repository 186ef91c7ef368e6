//! `factdesk bench report`: what `factdesk report` costs, measured on the real command.
//!
//! 1. A database of `--articles` short articles (about 700 bytes each, their claims found
//!    by the claim engine, one verdict with a note and a source per article) is built, or
//!    reused from `--db`.
//! 2. `factdesk report --all` runs once per format as a child process under
//!    `/usr/bin/time -v`; its peak memory (maximum resident set size), time and output
//!    size are recorded and the peak compared with the bar: less than twice the largest
//!    article plus 64 MB.
//! 3. One article whose figures all sit in one 25 KB line (a statistics table pasted as
//!    one sentence), every figure given a verdict, is reported in every format, and each
//!    output's size compared with the article's.
//!
//! `--factdesk` measures another build of the command (an older release, say) on the same
//! databases.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use chrono::Utc;
use factdesk_core::report::Format;
use factdesk_core::review::Status;
use factdesk_core::store::{ClaimFilter, Mark, NewArticle, NewSource, ReviewScope, Store};
use serde::Serialize;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Articles in the generated database.
    #[arg(long, default_value_t = 20_000)]
    articles: usize,
    /// Build (or reuse, if it already holds that many articles) the database here and keep
    /// it; by default a temporary file is used and removed.
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// The `factdesk` executable to measure [default: this one].
    #[arg(long, value_name = "PATH")]
    factdesk: Option<PathBuf>,
    /// Only these formats (repeatable) [default: all five].
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    format: Vec<Format>,
    /// Print the figures as JSON.
    #[arg(long)]
    json: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

/// Every report's address, so ClaimReview can be written.
const PUBLICATION_URL: &str = "https://bench.factdesk.example/report";

/// The bar for peak memory: twice the largest article plus this.
const MEMORY_ALLOWANCE: u64 = 64 * 1024 * 1024;

#[derive(Debug, Serialize)]
struct Figures {
    factdesk: PathBuf,
    articles: usize,
    largest_article_bytes: u64,
    memory_bar_bytes: u64,
    build_seconds: Option<f64>,
    runs: Vec<Run>,
    long_line: LongLine,
}

#[derive(Debug, Serialize)]
struct Run {
    format: Format,
    peak_rss_bytes: u64,
    seconds: f64,
    output_bytes: u64,
    under_bar: bool,
}

#[derive(Debug, Serialize)]
struct LongLine {
    text_bytes: usize,
    claims: usize,
    outputs: Vec<Output>,
}

#[derive(Debug, Serialize)]
struct Output {
    format: Format,
    output_bytes: u64,
    times_text: f64,
}

pub fn run(args: Args) -> Result<()> {
    let exe = match &args.factdesk {
        Some(p) => p.clone(),
        None => std::env::current_exe().context("finding this executable")?,
    };
    if !Path::new("/usr/bin/time").exists() {
        bail!("bench report measures memory with /usr/bin/time -v, which is not installed");
    }
    let dir = std::env::temp_dir().join(format!("factdesk-bench-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let result = measure(&args, &exe, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    let figures = result?;
    if args.json {
        return super::super::print_json(&figures);
    }
    print(&figures);
    Ok(())
}

fn measure(args: &Args, exe: &Path, dir: &Path) -> Result<Figures> {
    let say = |s: String| {
        if !args.json {
            eprintln!("{s}");
        }
    };
    let db = args.db.clone().unwrap_or_else(|| dir.join("bench.db"));
    let mut store = Store::open(&db)?;
    let mut build_seconds = None;
    if store.article_count()? < args.articles {
        say(format!(
            "building {} articles in {} …",
            args.articles,
            db.display()
        ));
        let t = Instant::now();
        build(&mut store, args.articles)?;
        build_seconds = Some(t.elapsed().as_secs_f64());
    }
    let reviews = store.scope_reviews(&ReviewScope {
        all: true,
        ..ReviewScope::default()
    })?;
    let mut largest = 0u64;
    reviews.try_for_each(|r| {
        largest = largest.max(r.article.text.len() as u64);
        Ok::<_, factdesk_core::store::StoreError>(())
    })?;
    let articles = reviews.len();
    drop(reviews);
    drop(store);
    let bar = 2 * largest + MEMORY_ALLOWANCE;

    let formats = if args.format.is_empty() {
        Format::ALL.to_vec()
    } else {
        args.format.clone()
    };
    let mut runs = Vec::new();
    for &format in &formats {
        say(format!("factdesk report --all --format {format} …"));
        let out = dir.join(format!("all.{}", format.extension()));
        let (peak, seconds) = report(exe, &db, &["--all"], format, &out)?;
        runs.push(Run {
            format,
            peak_rss_bytes: peak,
            seconds,
            output_bytes: std::fs::metadata(&out)?.len(),
            under_bar: peak < bar,
        });
        let _ = std::fs::remove_file(&out);
    }

    say("one article with its figures in one 25 KB line …".into());
    let line_db = dir.join("long-line.db");
    let (text_bytes, claims) = long_line_article(&line_db)?;
    let mut outputs = Vec::new();
    for &format in &formats {
        let out = dir.join(format!("long-line.{}", format.extension()));
        report(exe, &line_db, &["a1"], format, &out)?;
        let output_bytes = std::fs::metadata(&out)?.len();
        outputs.push(Output {
            format,
            output_bytes,
            times_text: output_bytes as f64 / text_bytes as f64,
        });
        let _ = std::fs::remove_file(&out);
    }
    Ok(Figures {
        factdesk: exe.to_path_buf(),
        articles,
        largest_article_bytes: largest,
        memory_bar_bytes: bar,
        build_seconds,
        runs,
        long_line: LongLine {
            text_bytes,
            claims,
            outputs,
        },
    })
}

/// Runs `factdesk report` under `/usr/bin/time -v`; returns its peak resident set size in
/// bytes and its wall time in seconds.
fn report(exe: &Path, db: &Path, scope: &[&str], format: Format, out: &Path) -> Result<(u64, f64)> {
    let t = Instant::now();
    let run = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(exe)
        .arg("report")
        .args(scope)
        .args([
            "--format",
            format.as_str(),
            "--publication-url",
            PUBLICATION_URL,
        ])
        .args(["--by", "bench", "--db"])
        .arg(db)
        .arg("-o")
        .arg(out)
        .output()
        .context("running factdesk report")?;
    let seconds = t.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&run.stderr);
    if !run.status.success() {
        bail!("factdesk report --format {format} failed:\n{stderr}");
    }
    let kb = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|v| v.trim().parse::<u64>().ok())
        .context("/usr/bin/time -v gave no maximum resident set size")?;
    Ok((kb * 1024, seconds))
}

/// Sentences the generated articles are made of; `{n}` becomes a number that varies.
const SENTENCES: [&str; 8] = [
    "The ministry said {n} percent of households received the payment in March 2023.",
    "Officials counted {n} protesters outside parliament on Tuesday.",
    "\"We have delivered {n} tonnes of grain,\" the minister told reporters.",
    "The budget rose to {n} million euros, up from the year before.",
    "Police said {n} people were detained after the match.",
    "According to the agency, {n} flights were cancelled on 14 February 2024.",
    "The company cut {n} jobs, its chief executive said.",
    "Turnout reached {n} percent, the electoral commission reported.",
];

/// Fills `store` with `count` short articles, in batches, each with one verdict.
fn build(store: &mut Store, count: usize) -> Result<()> {
    let have = store.article_count()?;
    let statuses = [
        Status::Verified,
        Status::False,
        Status::Disputed,
        Status::Misleading,
    ];
    let mut i = have;
    while i < count {
        let batch: Vec<_> = (i..count.min(i + 1000))
            .map(|n| {
                let text = (0..9)
                    .map(|k| {
                        SENTENCES[(n + k) % SENTENCES.len()]
                            .replace("{n}", &(n % 997 + k).to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
                    + &format!("\n\nArchive reference {n}.");
                let new = NewArticle {
                    title: format!("Bench article {n}"),
                    byline: Some("Desk".into()),
                    outlet: Some("Bench Times".into()),
                    url: Some(format!("https://news.example/bench/{n}")),
                    published: None,
                    text,
                    provenance: None,
                };
                let claims = factdesk_core::extract::extract(&new.text, None);
                (new, claims)
            })
            .collect();
        let imported = store.import_many(batch, Utc::now())?;
        for (k, a) in imported.iter().enumerate() {
            let claims = store.claims(&a.article.id, &ClaimFilter::default())?;
            if let Some(c) = claims.first() {
                let mark = Mark {
                    status: Some(statuses[(i + k) % statuses.len()]),
                    note: Some("Checked against the agency's release.".into()),
                    source: Some(NewSource {
                        url: Some("https://agency.example/release".into()),
                        title: Some("Agency release".into()),
                        ..NewSource::default()
                    }),
                };
                store.mark(&c.id, &mark, "bench", Utc::now())?;
            }
        }
        i += imported.len();
    }
    Ok(())
}

/// A database with one article whose figures all sit in one 25 KB sentence, each figure
/// with a verdict; returns the text's size and its claim count.
fn long_line_article(db: &Path) -> Result<(usize, usize)> {
    let mut store = Store::open(db)?;
    let mut text = String::from("Output by region in tonnes:");
    let mut n = 0;
    while text.len() < 25_000 {
        text.push_str(&format!(" region {n} {} tonnes,", 1000 + 37 * n));
        n += 1;
    }
    text.push_str(" and the rest.");
    let bytes = text.len();
    let imported = store.import(
        NewArticle {
            title: "Output by region".into(),
            byline: None,
            outlet: None,
            url: Some("https://news.example/table".into()),
            published: None,
            text,
            provenance: None,
        },
        Utc::now(),
    )?;
    let claims = store.claims(&imported.article.id, &ClaimFilter::default())?;
    for c in &claims {
        let mark = Mark {
            status: Some(Status::Verified),
            note: None,
            source: None,
        };
        store.mark(&c.id, &mark, "bench", Utc::now())?;
    }
    Ok((bytes, claims.len()))
}

fn print(f: &Figures) {
    let mb = |b: u64| b as f64 / (1024.0 * 1024.0);
    println!("factdesk: {}", f.factdesk.display());
    println!(
        "database: {} articles, largest {} bytes; memory bar {:.1} MB (2 x largest + 64 MB)",
        f.articles,
        f.largest_article_bytes,
        mb(f.memory_bar_bytes)
    );
    if let Some(s) = f.build_seconds {
        println!("built in {s:.1} s");
    }
    println!("factdesk report --all:");
    for r in &f.runs {
        println!(
            "  {:<12} peak {:>8.1} MB  {:>6.2} s  output {:>9.1} MB  {}",
            r.format.as_str(),
            mb(r.peak_rss_bytes),
            r.seconds,
            mb(r.output_bytes),
            if r.under_bar {
                "under the bar"
            } else {
                "OVER THE BAR"
            }
        );
    }
    println!(
        "one article, {} figures in one {}-byte line:",
        f.long_line.claims, f.long_line.text_bytes
    );
    for o in &f.long_line.outputs {
        println!(
            "  {:<12} {:>12} bytes  ({:.1} x the text)",
            o.format.as_str(),
            o.output_bytes,
            o.times_text
        );
    }
}
