//! `factdesk report`: a fact-check report of articles, a search, or the whole desk.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use chrono::{NaiveDate, TimeZone, Utc};
use factdesk_core::output::Output;
use factdesk_core::report::{self, ClaimSelection, Format, Publisher, ReportMeta, StreamInput};
use factdesk_core::review::Status;
use factdesk_core::store::ReviewScope;
use factdesk_core::ClaimKind;

use super::StoreArgs;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Articles to report on, by id (a12).
    #[arg(value_name = "ARTICLE")]
    articles: Vec<String>,
    /// Report on the articles a full-text search finds.
    #[arg(long, value_name = "WORDS")]
    query: Option<String>,
    /// Report on every article.
    #[arg(long)]
    all: bool,
    /// Only claims with this verdict (repeatable).
    #[arg(long, value_name = "STATUS")]
    status: Vec<Status>,
    /// Only claims of this kind: figure, date or quote (repeatable).
    #[arg(long, value_name = "KIND")]
    kind: Vec<ClaimKind>,
    /// Only claims whose verdict was given on or after this day (YYYY-MM-DD, UTC).
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    since: Option<NaiveDate>,
    /// Also list claims dismissed as "not a claim".
    #[arg(long)]
    include_dismissed: bool,
    /// html, md, json, csv or claimreview.
    #[arg(long, value_parser = parse_format)]
    format: Format,
    /// Where to write the report; - for standard output.
    #[arg(short, long, value_name = "PATH")]
    output: PathBuf,
    /// The report's title.
    #[arg(long)]
    title: Option<String>,
    /// The fact-checking organisation publishing the report (ClaimReview author).
    #[arg(long, value_name = "NAME")]
    publisher: Option<String>,
    /// Where the report will be published (an http:// or https:// address); ClaimReview
    /// needs it.
    #[arg(long, value_name = "URL", value_parser = parse_publication_url)]
    publication_url: Option<String>,
    /// Who generates the report [default: $FACTDESK_REVIEWER, else the user name].
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
    #[command(flatten)]
    store: StoreArgs,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

/// Only an http or https address can be where a report is published: anything else
/// (`javascript:`, `file:`, a bare host name) would end up in the report as a link.
fn parse_publication_url(s: &str) -> Result<String, String> {
    if report::is_web_link(s) && s.trim() == s && s.len() > "https://".len() {
        Ok(s.to_string())
    } else {
        Err(format!(
            "{s:?} is not an http:// or https:// address (the report's links and \
             ClaimReview urls start with it)"
        ))
    }
}

pub fn run(args: Args) -> Result<()> {
    if args.articles.is_empty() && args.query.is_none() && !args.all {
        bail!("say what to report on: article ids, --query WORDS, or --all");
    }
    let db = args.store.db_path()?;
    // Refuse a destination that must not be written (the database itself, another
    // database, a folder) before any work is done.
    factdesk_core::output::destination(&args.output, &[&db])?;
    let store = args.store.open()?;
    let scope = ReviewScope {
        article_ids: args.articles.clone(),
        query: args.query.clone(),
        all: args.all,
    };
    // One read transaction: both passes of the report see the same articles, read one
    // at a time.
    let reviews = store.scope_reviews(&scope)?;
    let mut scope_words = Vec::new();
    if let Some(q) = &args.query {
        scope_words.push(format!("query: {q}"));
    }
    if !args.status.is_empty() {
        let s: Vec<&str> = args.status.iter().map(|s| s.as_str()).collect();
        scope_words.push(format!("status: {}", s.join(", ")));
    }
    if !args.kind.is_empty() {
        let k: Vec<&str> = args.kind.iter().map(|k| k.as_str()).collect();
        scope_words.push(format!("kind: {}", k.join(", ")));
    }
    if let Some(since) = args.since {
        scope_words.push(format!("reviewed since {since}"));
    }
    // A report is no change to the record, so it needs no reviewer; name one when known.
    let generated_by = super::reviewer(args.by.as_deref()).unwrap_or_else(|_| "Factdesk".into());
    let title = match (&args.title, reviews.get(0)) {
        (Some(title), _) => title.clone(),
        (None, Some(one)) if reviews.len() == 1 => format!("Fact check: {}", one?.article.title),
        _ => format!("Fact check: {} articles", reviews.len()),
    };
    let input = StreamInput {
        meta: ReportMeta {
            title,
            generated_at: Utc::now(),
            generated_by,
            scope: (!scope_words.is_empty()).then(|| scope_words.join(" · ")),
            publisher: args
                .publisher
                .clone()
                .map(|name| Publisher { name, url: None }),
            publication_url: args.publication_url.clone(),
        },
        source: &reviews,
        selection: ClaimSelection {
            statuses: args.status.clone(),
            kinds: args.kind.clone(),
            include_dismissed: args.include_dismissed,
            reviewed_since: args
                .since
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|t| Utc.from_utc_datetime(&t)),
        },
    };
    let mut out = Output::create(&args.output, &[&db])?;
    let shown = args.output.display();
    {
        let mut buffered = BufWriter::with_capacity(1 << 16, &mut out);
        report::write_stream(args.format, &input, &mut buffered)
            .map_err(anyhow::Error::from)
            .and_then(|()| Ok(buffered.flush()?))
            .with_context(|| format!("{shown}: the report could not be written"))?;
    }
    out.finish()?;
    if args.output.as_os_str() == "-" {
        return Ok(());
    }
    if !args.store.json {
        eprintln!(
            "wrote {} report of {} article(s) to {}",
            args.format.as_str(),
            reviews.len(),
            args.output.display()
        );
    }
    Ok(())
}
