//! One module per subcommand; each has `Args` (its flags) and `run`.

pub mod add_claim;
pub mod articles;
pub mod backup;
pub mod bench;
pub mod check;
pub mod claims;
pub mod correct;
pub mod desk;
pub mod dismiss;
pub mod extract;
pub mod history;
pub mod import;
pub mod mark;
pub mod memory;
pub mod reextract;
pub mod report;
pub mod restore;
pub mod search;
pub mod similar;
pub mod undo;

use std::io::Write;
use std::path::PathBuf;

use anyhow::{anyhow, Context, Result};
use chrono::NaiveDate;
use factdesk_core::store::{default_db_path, Store};
use serde::Serialize;

/// Parses a `--published` value, naming the flag and the expected form on failure.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date in the form YYYY-MM-DD (e.g. 2023-04-20)"))
}

/// True when the error is a closed stdout (`factdesk extract big.txt | head`), which is
/// not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// An error and its causes on one line, each said once: a cause whose words the line
/// already holds ("disk I/O error: disk I/O error") is left out.
pub fn error_text(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if text.is_empty() || line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// An error for a JSONL line that is not what it should be, naming file and line.
pub fn bad_line(file: &str, line: usize, what: impl std::fmt::Display) -> anyhow::Error {
    anyhow!("{file}:{line}: {what}")
}

/// The flags every command that uses the review database shares.
#[derive(Debug, Clone, clap::Args)]
pub struct StoreArgs {
    /// The review database [default: $FACTDESK_DB, else factdesk.db in the platform's
    /// data directory].
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

impl StoreArgs {
    /// The database file: `--db`, else `FACTDESK_DB`, else the platform default.
    pub fn db_path(&self) -> Result<PathBuf> {
        if let Some(p) = &self.db {
            return Ok(p.clone());
        }
        if let Some(p) = std::env::var_os("FACTDESK_DB").filter(|p| !p.is_empty()) {
            return Ok(PathBuf::from(p));
        }
        default_db_path().ok_or_else(|| {
            anyhow!("no home directory to keep the database in; pass --db PATH or set FACTDESK_DB")
        })
    }

    /// Opens (creating if needed) the review database.
    pub fn open(&self) -> Result<Store> {
        let path = self.db_path()?;
        Ok(Store::open(&path)?)
    }
}

/// Who is making a change: `--by`, else the core's default reviewer
/// (`FACTDESK_REVIEWER`, the session's login name, the operating system's account name).
pub fn reviewer(by: Option<&str>) -> Result<String> {
    factdesk_core::review::reviewer(by).ok_or_else(|| {
        anyhow!("who is making this change? pass --by NAME or set FACTDESK_REVIEWER")
    })
}

/// Writes `value` as pretty JSON and a newline to standard output.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let mut text = serde_json::to_vec_pretty(value).context("turning the output into JSON")?;
    text.push(b'\n');
    let mut out = std::io::stdout().lock();
    out.write_all(&text)?;
    out.flush()?;
    Ok(())
}

/// `text` on one line, cut to `max` characters with an ellipsis.
pub fn short(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// A claim's value or speaker as one short phrase.
pub fn value_text(claim: &factdesk_core::Claim) -> String {
    use factdesk_core::ClaimValue;
    match &claim.value {
        Some(ClaimValue::Figure(f)) => {
            let amount = factdesk_core::report::format_amount;
            let mut v = f.amount.map_or("?".to_string(), amount);
            if let Some(u) = f.upper {
                v = format!("{v}–{}", amount(u));
            }
            if let Some(unit) = &f.unit {
                v = format!("{v} {unit}");
            }
            if let Some(q) = &f.qualifier {
                v = format!("{q} {v}");
            }
            v
        }
        Some(ClaimValue::Date(d)) => d.iso.clone().unwrap_or_else(|| "?".into()),
        None => match claim.kind {
            factdesk_core::ClaimKind::Quote => claim
                .speaker
                .clone()
                .map_or("speaker ?".into(), |s| format!("— {s}")),
            _ => String::new(),
        },
    }
}

/// One line describing a claim for the terminal.
pub fn claim_line(c: &factdesk_core::review::ReviewedClaim) -> String {
    let mut flags = Vec::new();
    if c.dismissed {
        flags.push("dismissed");
    }
    if c.orphaned {
        flags.push("orphaned");
    }
    if c.origin == factdesk_core::review::Origin::Manual {
        flags.push("manual");
    }
    let mut line = format!(
        "{:<7} {:<6} {:<12} {:>6}..{:<6} {:<50} {}",
        c.id,
        c.claim.kind.as_str(),
        c.status.as_str(),
        c.claim.start,
        c.claim.end,
        format!("{:?}", short(&c.claim.text, 46)),
        value_text(&c.claim)
    );
    if !flags.is_empty() {
        line.push_str(&format!(" [{}]", flags.join(", ")));
    }
    if let Some(note) = &c.note {
        line.push_str(&format!("\n        note: {}", short(note, 100)));
    }
    for s in &c.sources {
        let what = s.url.as_deref().or(s.citation.as_deref()).unwrap_or("");
        line.push_str(&format!("\n        source {}: {}", s.id, short(what, 100)));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_says_each_cause_once() {
        let io = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_IOERR),
            Some("disk I/O error".into()),
        );
        let err = anyhow::Error::new(factdesk_core::store::StoreError::from(io))
            .context("review.db: the mark was not saved");
        assert_eq!(
            error_text(&err),
            "review.db: the mark was not saved: database error: disk I/O error"
        );
    }
}
