//! `factdesk desk`: join a desk server, publish articles to it, sync, and say where this
//! database stands; assign articles, sign them off and comment on claims. The model is in
//! `docs/desk.md`; the store keeps the desk's address, the token (never printed), the
//! cursor, and what the stream brought (assignments, sign-offs, comments), so `queue` and
//! `comments` read the local copy, offline too. A write (assign, sign-off, comment) goes
//! to the desk at once and needs it; the sync after it brings it down with the stream.

use std::cell::RefCell;

use anyhow::{anyhow, bail, Context, Result};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use factdesk_core::desk::client::{self, DeskClient, DeskError};
use factdesk_core::store::Store;

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
    /// Assign a desk article to a user, with a deadline (editors; needs the desk).
    Assign {
        /// The article's id ("a12").
        article: String,
        /// The user it is assigned to, by their name on the desk.
        #[arg(long)]
        to: String,
        /// When it is due, in UTC: 2026-12-07T18:00Z, 2026-12-07 18:00, or an RFC 3339 time.
        #[arg(long)]
        deadline: Option<String>,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// The articles assigned to me, soonest deadline first, from this database's copy of
    /// the desk (run `factdesk desk sync` first for the latest).
    Queue {
        /// Whose queue [default: this database's desk user].
        #[arg(long)]
        user: Option<String>,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Sign a desk article off (an editor who marked none of its claims; needs the desk).
    Signoff {
        /// The article's id ("a12").
        article: String,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Add a comment to a desk claim's thread (needs the desk).
    Comment {
        /// The claim's id ("c345").
        claim: String,
        /// What to say.
        text: String,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// A desk claim's comment thread, oldest first, from this database's copy of the desk.
    Comments {
        /// The claim's id ("c345").
        claim: String,
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
        DeskCommand::Assign {
            article,
            to,
            deadline,
            store,
        } => assign(&article, &to, deadline.as_deref(), &store),
        DeskCommand::Queue { user, store } => queue(user.as_deref(), &store),
        DeskCommand::Signoff { article, store } => sign_off(&article, &store),
        DeskCommand::Comment { claim, text, store } => comment(&claim, &text, &store),
        DeskCommand::Comments { claim, store } => comments(&claim, &store),
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
    let pulled = &done.pulled;
    if pulled.assignments + pulled.sign_offs + pulled.comments > 0 {
        println!(
            "pulled {} assignment(s), {} sign-off(s) and {} comment(s)",
            pulled.assignments, pulled.sign_offs, pulled.comments
        );
    }
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

/// A deadline as the command line gives it, in UTC.
fn parse_deadline(text: &str) -> Result<DateTime<Utc>> {
    let t = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(t) {
        return Ok(at.with_timezone(&Utc));
    }
    let plain = t.trim_end_matches(['Z', 'z']);
    for format in [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
    ] {
        if let Ok(at) = NaiveDateTime::parse_from_str(plain, format) {
            return Ok(at.and_utc());
        }
    }
    if NaiveDate::parse_from_str(plain, "%Y-%m-%d").is_ok() {
        bail!("deadline {text:?} has no time of day; give one in UTC, such as {plain}T18:00Z")
    }
    bail!("deadline {text:?} is not a time (expected UTC, such as 2026-12-07T18:00Z)")
}

/// The desk UUID of article `a12` or claim `c345`, or why it has none.
fn desk_uid(store: &Store, id: &str) -> Result<String> {
    store.desk_uid_of(id)?.ok_or_else(|| {
        anyhow!(
            "{id} is not on the desk; publish its article with `factdesk desk publish` and sync"
        )
    })
}

/// Runs a write that needs the desk: syncs first (so the desk judges this database's work
/// as it stands here), writes, then syncs again so the local copy has the write at its
/// place in the stream. Offline, says the write needs the desk.
fn write_through<T>(
    args: &StoreArgs,
    doing: &str,
    write: impl FnOnce(&DeskClient) -> Result<T, DeskError>,
) -> Result<T> {
    let store = args.open()?;
    let client = DeskClient::for_store(&store).map_err(not_joined)?;
    let store = RefCell::new(store);
    let needs_desk = |e: DeskError| -> anyhow::Error {
        if e.is_offline() {
            anyhow!(
                "{doing} needs the desk, and it could not be reached ({e}); nothing was \
                 changed, try again when online"
            )
        } else {
            anyhow::Error::from(e).context(format!("{doing} on the desk at {}", client.url()))
        }
    };
    client::sync(&store, &client, client::PUSH_BATCH).map_err(needs_desk)?;
    let done = write(&client).map_err(needs_desk)?;
    client::sync(&store, &client, client::PUSH_BATCH).map_err(|e| {
        anyhow::Error::from(e).context(format!(
            "{doing} was done on the desk, but pulling it back failed; the next sync brings it"
        ))
    })?;
    Ok(done)
}

fn assign(article: &str, to: &str, deadline: Option<&str>, args: &StoreArgs) -> Result<()> {
    let deadline = deadline.map(parse_deadline).transpose()?;
    let uid = desk_uid(&args.open()?, article)?;
    write_through(args, &format!("assigning {article}"), |client| {
        client.assign(&uid, to, deadline)
    })?;
    if args.json {
        return super::print_json(
            &serde_json::json!({"article": article, "desk_id": uid, "assignee": to, "deadline": deadline}),
        );
    }
    match deadline {
        Some(at) => println!(
            "{article}: assigned to {to}, due {}",
            at.format("%Y-%m-%d %H:%M UTC")
        ),
        None => println!("{article}: assigned to {to}"),
    }
    Ok(())
}

fn queue(user: Option<&str>, args: &StoreArgs) -> Result<()> {
    let mut store = args.open()?;
    if store.desk()?.is_none() {
        bail!("this database is not joined to a desk; run `factdesk desk join URL --token T`");
    }
    let user = match user {
        Some(u) => u.to_string(),
        None => match store.desk_user()? {
            Some(u) => u,
            // Joined before the database kept its desk user: ask the desk once.
            None => {
                let client = DeskClient::for_store(&store).map_err(not_joined)?;
                let who = client.me().map_err(|e| {
                    anyhow!("this database does not know its desk user yet and the desk could not tell it ({e}); pass --user NAME")
                })?;
                store.set_desk_user(&who.name)?;
                who.name
            }
        },
    };
    let items = store.queue(&user)?;
    if args.json {
        return super::print_json(&serde_json::json!({"user": user, "queue": items}));
    }
    if items.is_empty() {
        println!("nothing is assigned to {user}");
    }
    for item in &items {
        let due = item
            .deadline
            .map(|d| format!("due {}", d.format("%Y-%m-%d %H:%M UTC")))
            .unwrap_or_else(|| "no deadline".into());
        let signed = if item.sign_offs.is_empty() {
            String::new()
        } else {
            let names: Vec<&str> = item.sign_offs.iter().map(|s| s.editor.as_str()).collect();
            format!("; signed off by {}", names.join(", "))
        };
        println!(
            "{}  {due}  {}  (assigned by {}){signed}",
            item.article, item.title, item.assigned_by
        );
    }
    Ok(())
}

fn sign_off(article: &str, args: &StoreArgs) -> Result<()> {
    let uid = desk_uid(&args.open()?, article)?;
    let signed = write_through(args, &format!("signing {article} off"), |client| {
        client.sign_off(&uid)
    })?;
    if args.json {
        return super::print_json(
            &serde_json::json!({"article": article, "desk_id": uid, "sign_off": signed}),
        );
    }
    println!(
        "{article}: signed off by {} at {}",
        signed.editor,
        signed.at.format("%Y-%m-%d %H:%M:%S UTC")
    );
    Ok(())
}

fn comment(claim: &str, text: &str, args: &StoreArgs) -> Result<()> {
    if text.trim().is_empty() {
        bail!("a comment needs words (it was empty)");
    }
    let uid = desk_uid(&args.open()?, claim)?;
    let added = write_through(args, &format!("commenting on {claim}"), |client| {
        client.comment(&uid, text)
    })?;
    if args.json {
        return super::print_json(
            &serde_json::json!({"claim": claim, "desk_id": uid, "comment": added}),
        );
    }
    println!("{claim}: comment added by {}", added.by);
    Ok(())
}

fn comments(claim: &str, args: &StoreArgs) -> Result<()> {
    let store = args.open()?;
    let thread = store.comments(claim)?;
    if args.json {
        return super::print_json(&serde_json::json!({"claim": claim, "comments": thread}));
    }
    if thread.is_empty() {
        println!("{claim}: no comments");
    }
    for c in &thread {
        println!("{} {}: {}", c.at.format("%Y-%m-%d %H:%M UTC"), c.by, c.body);
    }
    Ok(())
}
