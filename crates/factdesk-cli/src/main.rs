//! `factdesk`: find the claims in news articles and review them from the command line.

mod commands;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Factdesk: find every checkable claim in an article — figures, dates, quotes.
#[derive(Debug, Parser)]
#[command(name = "factdesk", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the claims in an article (FILE, or - for standard input).
    Extract(commands::extract::Args),
    /// Measure extraction speed on a corpus.
    Bench(commands::bench::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => commands::extract::run(args),
        Command::Bench(args) => commands::bench::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if commands::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("factdesk: {err:#}");
            ExitCode::FAILURE
        }
    }
}
