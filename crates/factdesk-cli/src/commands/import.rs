//! `factdesk import`: read article files and web pages into the review database, with
//! their claims.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use anyhow::{bail, Result};
use chrono::Utc;
use factdesk_core::import::{read_input, FetchLimits};
use factdesk_core::store::{Imported, NewArticle, Store};
use factdesk_core::Claim;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::StoreArgs;

/// From this many files on, a progress bar is shown (when standard error is a terminal).
const PROGRESS_FROM: usize = 20;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Article files (plain text, Markdown, HTML, Word .docx, PDF with a text layer) and
    /// web addresses (http:// or https://), in any mix. The format is read from the
    /// content.
    #[arg(required = true, value_name = "FILE|URL")]
    files: Vec<String>,
    /// Import the one file or URL given as a new version of this article (an edited
    /// draft), whatever its URL: the article's verdicts are re-anchored on the new text.
    #[arg(long, value_name = "ARTICLE")]
    version_of: Option<String>,
    /// Longest time to fetch one web page, in seconds, body included.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    timeout: f64,
    /// Store the text only, without looking for claims: mark them by hand with
    /// `add-claim`, or have the engine find them later with `reextract`.
    #[arg(long)]
    no_extract: bool,
    #[command(flatten)]
    store: StoreArgs,
}

#[derive(Debug, Serialize)]
struct Done {
    input: String,
    #[serde(flatten)]
    imported: Imported,
}

#[derive(Debug, Serialize)]
struct Failed {
    input: String,
    error: String,
}

/// Each input is read (fetched, for a URL) and its claims extracted on a second thread
/// while the first writes what is ready; an article is reported only once its transaction
/// has committed, so an article reported imported is in the database whole, whatever
/// happens next. A bad input is reported by name and stores nothing, and the others still
/// go in; the command fails if any input did not.
pub fn run(args: Args) -> Result<()> {
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        bail!("--timeout must be a positive number of seconds");
    }
    let limits = FetchLimits {
        timeout: Duration::from_secs_f64(args.timeout),
        connect_timeout: FetchLimits::default()
            .connect_timeout
            .min(Duration::from_secs_f64(args.timeout)),
        ..FetchLimits::default()
    };
    if let Some(article) = &args.version_of {
        return import_version(args.store, article, &args.files, &limits);
    }
    let mut store = args.store.open()?;
    let json = args.store.json;
    let bar = (args.files.len() >= PROGRESS_FROM && std::io::stderr().is_terminal())
        .then(|| progress_bar(args.files.len() as u64));
    let say = |line: &str| match &bar {
        Some(b) => b.suspend(|| println!("{line}")),
        None => {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{line}");
            let _ = out.flush();
        }
    };
    let complain = |line: &str| match &bar {
        Some(b) => b.suspend(|| eprintln!("factdesk: {line}")),
        None => eprintln!("factdesk: {line}"),
    };
    let mut done = Vec::new();
    let mut failed = Vec::new();
    let items = args.files.iter().map(|file| {
        let read = read_input(file, &limits)
            .map_err(|e| e.to_string())
            .map(|a| {
                let claims = if args.no_extract {
                    Vec::new()
                } else {
                    factdesk_core::extract(&a.text, a.published)
                };
                (a, claims)
            });
        (file.clone(), read)
    });
    import_stream(&mut store, items, |file, outcome| {
        match outcome {
            Ok(imported) => {
                if !json {
                    say(&describe(&file, &imported));
                }
                done.push(Done {
                    input: file,
                    imported,
                });
            }
            Err(error) => {
                if !json {
                    complain(&error);
                }
                failed.push(Failed { input: file, error });
            }
        }
        if let Some(b) = &bar {
            b.inc(1);
        }
    })?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    if json {
        super::print_json(&serde_json::json!({"imported": done, "failed": failed}))?;
    } else if args.files.len() > 1 {
        let new = done.iter().filter(|d| d.imported.created).count();
        let updated = done.iter().filter(|d| d.imported.update.is_some()).count();
        eprintln!(
            "{new} imported, {updated} updated, {} already there, {} failed",
            done.len() - new - updated,
            failed.len()
        );
    }
    if !failed.is_empty() {
        bail!(
            "{} of {} inputs could not be imported",
            failed.len(),
            args.files.len()
        );
    }
    Ok(())
}

/// Most articles written in one transaction.
const BATCH_MAX: usize = 64;

/// An article to import, or why its input could not be read, with the file or URL it came
/// from.
pub type Item = (String, Result<(NewArticle, Vec<Claim>), String>);

/// Imports `items` in order. The iterator runs on a second thread (reading files and
/// extracting claims there) while this one writes: whatever is ready when the writer is
/// free goes into one transaction (at most `BATCH_MAX` articles, each in its own
/// savepoint), so the writer never waits to fill a batch. `report` hears about every item
/// in order, each only after the transaction holding it has committed. Stops at the first
/// failure of the database itself (a bad article is reported, not a stop).
pub fn import_stream<I>(
    store: &mut Store,
    items: I,
    mut report: impl FnMut(String, Result<Imported, String>),
) -> Result<()>
where
    I: Iterator<Item = Item> + Send,
{
    std::thread::scope(|scope| -> Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Item>(BATCH_MAX * 2);
        scope.spawn(move || {
            for item in items {
                if tx.send(item).is_err() {
                    break;
                }
            }
        });
        while let Ok(first) = rx.recv() {
            let mut batch = vec![first];
            while batch.len() < BATCH_MAX {
                match rx.try_recv() {
                    Ok(item) => batch.push(item),
                    Err(_) => break,
                }
            }
            let mut files = Vec::new();
            let mut unread = Vec::new();
            let mut articles = Vec::new();
            for (i, (file, read)) in batch.into_iter().enumerate() {
                match read {
                    Ok(a) => articles.push(a),
                    Err(e) => unread.push((i, e)),
                }
                files.push(file);
            }
            let mut written = store.import_batch(articles, Utc::now())?.into_iter();
            let mut unread = unread.into_iter().peekable();
            for (i, file) in files.into_iter().enumerate() {
                let outcome = match unread.next_if(|(j, _)| *j == i) {
                    Some((_, e)) => Err(e),
                    None => match written.next() {
                        Some(r) => r.map_err(|e| format!("{file}: {e}")),
                        None => Err(format!("{file}: not written")),
                    },
                };
                report(file, outcome);
            }
        }
        Ok(())
    })
}

/// `factdesk import --version-of ARTICLE INPUT`: one input, a new version of one article.
fn import_version(
    store_args: super::StoreArgs,
    article: &str,
    inputs: &[String],
    limits: &FetchLimits,
) -> Result<()> {
    let [input] = inputs else {
        bail!(
            "--version-of takes exactly one file or URL ({} given)",
            inputs.len()
        );
    };
    let mut store = store_args.open()?;
    let new = read_input(input, limits).map_err(|e| anyhow::anyhow!("{e}"))?;
    let imported = store
        .import_version(article, new, Utc::now())
        .map_err(|e| anyhow::anyhow!("{input}: {e}"))?;
    if store_args.json {
        super::print_json(&serde_json::json!({
            "imported": [Done { input: input.clone(), imported }],
            "failed": [],
        }))?;
    } else {
        println!("{}", describe(input, &imported));
    }
    Ok(())
}

fn describe(file: &str, imported: &Imported) -> String {
    let a = &imported.article;
    let what = match (&imported.update, imported.created) {
        (Some(u), _) => {
            let mut s = format!(
                "updated to version {}: {} claims re-anchored, {} added",
                u.version, u.reanchored, u.reextract.added
            );
            if !u.orphaned.is_empty() {
                s.push_str(&format!(", orphaned: {}", u.orphaned.join(" ")));
            }
            s
        }
        (None, true) => format!("imported, {} claims", imported.claims),
        (None, false) => format!("already there, {} claims", imported.claims),
    };
    format!(
        "{}  {what}  {}  {:?}",
        a.id,
        file,
        super::short(&a.title, 60)
    )
}

fn progress_bar(len: u64) -> ProgressBar {
    let bar = ProgressBar::new(len);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} files  {elapsed_precise}  eta {eta}")
    {
        bar.set_style(style);
    }
    bar
}
