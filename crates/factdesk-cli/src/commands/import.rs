//! `factdesk import`: read article files into the review database, with their claims.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{bail, Result};
use chrono::Utc;
use factdesk_core::import::read_article;
use factdesk_core::store::{Imported, NewArticle};
use factdesk_core::Claim;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::StoreArgs;

/// From this many files on, a progress bar is shown (when standard error is a terminal).
const PROGRESS_FROM: usize = 20;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Article files: plain text (.txt), Markdown (.md) or HTML (.html).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    #[command(flatten)]
    store: StoreArgs,
}

#[derive(Debug, Serialize)]
struct Done {
    file: PathBuf,
    #[serde(flatten)]
    imported: Imported,
}

#[derive(Debug, Serialize)]
struct Failed {
    file: PathBuf,
    error: String,
}

/// Each file is read and its claims extracted on a second thread while the first writes
/// the previous article: one transaction per article, so an article reported imported is
/// in the database whole, whatever happens next. A bad file is reported by name and the
/// others still go in; the command fails if any file did not.
pub fn run(args: Args) -> Result<()> {
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
    type Read = (PathBuf, Result<(NewArticle, Vec<Claim>), String>);
    std::thread::scope(|scope| -> Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Read>(32);
        let files = &args.files;
        scope.spawn(move || {
            for file in files {
                let read = read_article(file).map_err(|e| e.to_string()).map(|a| {
                    let claims = factdesk_core::extract(&a.text, a.published);
                    (a, claims)
                });
                if tx.send((file.clone(), read)).is_err() {
                    break;
                }
            }
        });
        for (file, read) in rx {
            let outcome = read.and_then(|(article, claims)| {
                store
                    .import_with_claims(article, claims, Utc::now())
                    .map_err(|e| format!("{}: {e}", file.display()))
            });
            match outcome {
                Ok(imported) => {
                    if !json {
                        say(&describe(&file, &imported));
                    }
                    done.push(Done { file, imported });
                }
                Err(error) => {
                    if !json {
                        complain(&error);
                    }
                    failed.push(Failed { file, error });
                }
            }
            if let Some(b) = &bar {
                b.inc(1);
            }
        }
        Ok(())
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
            "{} of {} files could not be imported",
            failed.len(),
            args.files.len()
        );
    }
    Ok(())
}

fn describe(file: &std::path::Path, imported: &Imported) -> String {
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
        file.display(),
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
