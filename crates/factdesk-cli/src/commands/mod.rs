//! One module per subcommand; each has `Args` (its flags) and `run`.

pub mod bench;
pub mod extract;

use anyhow::{anyhow, Result};
use chrono::NaiveDate;

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

/// An error for a JSONL line that is not what it should be, naming file and line.
pub fn bad_line(file: &str, line: usize, what: impl std::fmt::Display) -> anyhow::Error {
    anyhow!("{file}:{line}: {what}")
}
