//! `factdesk desk`: join a desk server, publish articles to it, sync, and say where this
//! database stands. The model is in `docs/desk.md`; the store keeps the desk's address,
//! the token (never printed) and the cursor.

use std::cell::RefCell;

use anyhow::{anyhow, bail, Context, Result};
use factdesk_core::desk::client::{self, DeskClient, DeskError};

use super::StoreArgs;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: DeskCommand,
}

#[derive(Debug, clap::Subcommand)]
enum DeskCommand {
    /// Join this database to the desk at URL (the token is checked with the server, kept in
    /// the database and never printed).
    Join {
        /// The desk server's address, such as http://127.0.0.1:7700.
        url: String,
        /// The token `factdesk-server user add` printed.
        #[arg(long, env = "FACTDESK_DESK_TOKEN", hide_env_values = true)]
        token: String,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Put articles on the desk; the next sync publishes them with their history.
    Publish {
        /// The articles' ids ("a12").
        #[arg(required = true)]
        articles: Vec<String>,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Push this database's new work to the desk, then pull everyone else's.
    Sync {
        /// Events sent in one request (each request is acknowledged before the next).
        #[arg(long, default_value_t = 2000, value_parser = clap::value_parser!(u16).range(1..))]
        batch: u16,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Where this database stands with its desk: synced, pending N, or the last error.
    Status {
        #[command(flatten)]
        store: StoreArgs,
    },
}

pub fn run(args: Args) -> Result<()> {
    match args.command {
        DeskCommand::Join { url, token, store } => join(&url, &token, &store),
        DeskCommand::Publish { articles, store } => publish(&articles, &store),
        DeskCommand::Sync { batch, store } => sync(&store, batch.into()),
        DeskCommand::Status { store } => status(&store),
    }
}

/// The CLI's words for a database not joined to a desk.
fn not_joined(e: DeskError) -> anyhow::Error {
    match e {
        DeskError::NotJoined => {
            anyhow!("this database is not joined to a desk; run `factdesk desk join URL --token T`")
        }
        other => other.into(),
    }
}

fn join(url: &str, token: &str, args: &StoreArgs) -> Result<()> {
    let mut store = args.open()?;
    let who = client::join(&mut store, url, token)?;
    if args.json {
        return super::print_json(&serde_json::json!({"url": url, "user": who}));
    }
    println!("joined the desk at {url} as {} ({})", who.name, who.role);
    Ok(())
}

fn publish(articles: &[String], args: &StoreArgs) -> Result<()> {
    let mut store = args.open()?;
    let mut out = Vec::new();
    for id in articles {
        let uid = store.publish_to_desk(id)?;
        out.push(serde_json::json!({"article": id, "desk_id": uid}));
        if !args.json {
            println!("{id}: on the desk as {uid}; the next sync publishes it");
        }
    }
    if args.json {
        return super::print_json(&out);
    }
    Ok(())
}

fn sync(args: &StoreArgs, batch: usize) -> Result<()> {
    let store = args.open()?;
    let client = DeskClient::for_store(&store).map_err(not_joined)?;
    let store = RefCell::new(store);
    let done = client::sync(&store, &client, batch)
        .with_context(|| format!("syncing with the desk at {}", client.url()))?;
    if args.json {
        return super::print_json(&done);
    }
    println!(
        "pushed {} article(s) and {} event(s); pulled {} article(s) and {} event(s) \
         ({} already here), {} claim(s) settled; at {} on the desk, {} pending",
        done.published,
        done.pushed_events,
        done.pulled.articles,
        done.pulled.events,
        done.pulled.already,
        done.pulled.claims_settled,
        done.cursor,
        done.pending_events
    );
    Ok(())
}

fn status(args: &StoreArgs) -> Result<()> {
    let store = args.open()?;
    let Some(status) = store.desk_status()? else {
        bail!("this database is not joined to a desk; run `factdesk desk join URL --token T`")
    };
    let state = match (
        &status.error,
        status.pending_articles + status.pending_events,
    ) {
        (Some(e), n) => format!("error ({n} pending): {e}"),
        (None, 0) => "synced".to_string(),
        (None, _) => format!(
            "pending {} ({} article(s), {} event(s))",
            status.pending_articles + status.pending_events,
            status.pending_articles,
            status.pending_events
        ),
    };
    if args.json {
        return super::print_json(&serde_json::json!({"state": state, "desk": status}));
    }
    println!("{}: {state}; at {} on the desk", status.url, status.cursor);
    if let Some(at) = status.synced_at {
        println!("last synced {}", at.format("%Y-%m-%d %H:%M:%S UTC"));
    }
    Ok(())
}
