//! `factdesk`: find the claims in news articles and review them from the command line.

mod commands;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// The claim engine allocates many small, short-lived values per article (words, names,
/// claim texts); mimalloc serves them faster than the system allocator (see the README's
/// dependency table for the measured difference).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Factdesk: find every checkable claim in an article — figures, dates, quotes — and
/// review them.
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
    /// Import article files (.txt, .md, .html) into the review database, with their claims.
    Import(commands::import::Args),
    /// List the articles in the review database with their claim counts.
    Articles(commands::articles::Args),
    /// List the claims of an article with their verdicts.
    Claims(commands::claims::Args),
    /// Record a verdict on a claim, with a note and a source, or reuse an earlier claim's.
    Mark(commands::mark::Args),
    /// Mark a span of an article as a claim.
    AddClaim(commands::add_claim::Args),
    /// Dismiss a claim as "not a claim" (kept, hidden; --undo brings it back).
    Dismiss(commands::dismiss::Args),
    /// Correct a quote's speaker or a figure's or date's value.
    Correct(commands::correct::Args),
    /// Show every change to a claim.
    History(commands::history::Args),
    /// Revert a claim's last change (recorded like any other change).
    Undo(commands::undo::Args),
    /// Search articles, claims, speakers and notes.
    Search(commands::search::Args),
    /// Rank the library's claims against any text, with their verdicts.
    Similar(commands::similar::Args),
    /// Run the claim engine again on an article (or --all), keeping all reviewed work.
    Reextract(commands::reextract::Args),
    /// Write a fact-check report (HTML, Markdown, JSON, CSV or ClaimReview).
    Report(commands::report::Args),
    /// Copy the review database safely, even while it is in use.
    Backup(commands::backup::Args),
    /// Put a backup back as the review database (the one it replaces is kept, renamed).
    Restore(commands::restore::Args),
    /// Check the review database: schema, triggers, write-ahead log and every page.
    Check(commands::check::Args),
    /// Share this database's work with a desk server: join, publish, sync, status.
    Desk(commands::desk::Args),
    /// Measure the speed of extraction or of the review store.
    Bench(commands::bench::Args),
}

fn main() -> ExitCode {
    // `factdesk claims a1 | head` must end quietly, as other command-line tools do.
    sigpipe::reset();
    // Ctrl-C, SIGTERM or SIGHUP while a report or backup is being written: remove its
    // temporary file before going, so an interrupted write leaves nothing behind.
    let _ = ctrlc::set_handler(|| {
        factdesk_core::output::remove_partial_files();
        std::process::exit(130);
    });
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => commands::extract::run(args),
        Command::Import(args) => commands::import::run(args),
        Command::Articles(args) => commands::articles::run(args),
        Command::Claims(args) => commands::claims::run(args),
        Command::Mark(args) => commands::mark::run(args),
        Command::AddClaim(args) => commands::add_claim::run(args),
        Command::Dismiss(args) => commands::dismiss::run(args),
        Command::Correct(args) => commands::correct::run(args),
        Command::History(args) => commands::history::run(args),
        Command::Undo(args) => commands::undo::run(args),
        Command::Desk(args) => commands::desk::run(args),
        Command::Search(args) => commands::search::run(args),
        Command::Similar(args) => commands::similar::run(args),
        Command::Reextract(args) => commands::reextract::run(args),
        Command::Report(args) => commands::report::run(args),
        Command::Backup(args) => commands::backup::run(args),
        Command::Restore(args) => commands::restore::run(args),
        Command::Check(args) => commands::check::run(args),
        Command::Bench(args) => commands::bench::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if commands::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("factdesk: {}", commands::error_text(&err));
            ExitCode::FAILURE
        }
    }
}
