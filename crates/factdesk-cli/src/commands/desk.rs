//! `factdesk desk`: join a desk server, publish articles to it, sync, and say where this
//! database stands. The model is in `docs/desk.md`; the store keeps the desk's address,
//! the token (never printed) and the cursor.

use std::time::Duration;

use anyhow::{anyhow, bail, Context, Result};
use chrono::Utc;
use factdesk_core::desk::{ErrorBody, PullResponse, PushRequest, PushResponse, WhoAmI};
use factdesk_core::store::{DeskLink, Pulled, Store};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::StoreArgs;

/// Entries asked for in one pull.
const PULL_BATCH: usize = 2000;

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

/// The desk server over HTTP, with the token of this database's user.
struct Server {
    agent: ureq::Agent,
    url: String,
    token: String,
}

impl Server {
    fn new(url: &str, token: &str) -> Server {
        let agent = ureq::Agent::config_builder()
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(120)))
            .http_status_as_error(false)
            .user_agent(concat!("factdesk/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Server {
            agent,
            url: url.trim_end_matches('/').to_string(),
            token: token.to_string(),
        }
    }

    fn answer<T: DeserializeOwned>(
        &self,
        path: &str,
        response: std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<T> {
        let mut response =
            response.with_context(|| format!("the desk at {} did not answer", self.url))?;
        let status = response.status();
        let text = response
            .body_mut()
            .with_config()
            .limit(1 << 30)
            .read_to_string()
            .with_context(|| format!("reading the desk's answer to {path}"))?;
        if !status.is_success() {
            let why = serde_json::from_str::<ErrorBody>(&text)
                .map(|e| e.message)
                .unwrap_or_else(|_| text.chars().take(200).collect());
            bail!("the desk refused {path} ({status}): {why}");
        }
        serde_json::from_str(&text)
            .with_context(|| format!("the desk's answer to {path} is not what Factdesk expects"))
    }

    fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        let response = self
            .agent
            .get(format!("{}{path}", self.url))
            .header("Authorization", format!("Bearer {}", self.token))
            .call();
        self.answer(path, response)
    }

    fn post<B: Serialize, T: DeserializeOwned>(&self, path: &str, body: &B) -> Result<T> {
        let body = serde_json::to_vec(body)?;
        let response = self
            .agent
            .post(format!("{}{path}", self.url))
            .header("Authorization", format!("Bearer {}", self.token))
            .header("Content-Type", "application/json")
            .send(&body[..]);
        self.answer(path, response)
    }
}

fn linked(store: &Store) -> Result<DeskLink> {
    store.desk()?.ok_or_else(|| {
        anyhow!("this database is not joined to a desk; run `factdesk desk join URL --token T`")
    })
}

fn join(url: &str, token: &str, args: &StoreArgs) -> Result<()> {
    let mut store = args.open()?;
    let who: WhoAmI = Server::new(url, token).get("/v1/me")?;
    store.join_desk(url, token)?;
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

/// What one sync did.
#[derive(Debug, Default, Serialize)]
struct Synced {
    published: usize,
    pushed_events: usize,
    pulled: Pulled,
    cursor: i64,
    pending_events: usize,
}

/// Pushes everything pending, in batches, acknowledging each.
fn push_all(store: &mut Store, server: &Server, batch: usize, done: &mut Synced) -> Result<()> {
    loop {
        let outbox: PushRequest = store.desk_outbox(batch)?;
        if outbox.articles.is_empty() && outbox.events.is_empty() {
            return Ok(());
        }
        let full = outbox.events.len() == batch;
        let placed: PushResponse = server.post("/v1/push", &outbox)?;
        store.desk_acknowledge(&placed)?;
        done.published += placed.articles.len();
        done.pushed_events += placed.events.len();
        if !full {
            return Ok(());
        }
    }
}

/// Pulls and applies the stream after this database's cursor, to its end.
fn pull_all(store: &mut Store, server: &Server, done: &mut Synced) -> Result<()> {
    loop {
        let cursor = linked(store)?.cursor;
        let page: PullResponse =
            server.get(&format!("/v1/pull?after={cursor}&limit={PULL_BATCH}"))?;
        let got = store.desk_apply(&page.entries, Utc::now())?;
        done.pulled.articles += got.articles;
        done.pulled.events += got.events;
        done.pulled.already += got.already;
        done.pulled.claims_settled += got.claims_settled;
        if !page.more {
            return Ok(());
        }
    }
}

fn sync_with(store: &mut Store, server: &Server, batch: usize, done: &mut Synced) -> Result<()> {
    // A first push can be refused when an article published here is already on the desk
    // from another database; the pull then makes it the desk's article, and the second
    // push sends its history.
    // Whatever the first push's error, the second push sends the same outbox again and
    // reports it if it stands.
    let _first = push_all(store, server, batch, done);
    pull_all(store, server, done)?;
    push_all(store, server, batch, done)
}

fn sync(args: &StoreArgs, batch: usize) -> Result<()> {
    let mut store = args.open()?;
    let link = linked(&store)?;
    let server = Server::new(&link.url, &link.token);
    let mut done = Synced::default();
    let result = sync_with(&mut store, &server, batch, &mut done);
    let error = result.as_ref().err().map(super::error_text);
    store.record_desk_sync(error.as_deref(), Utc::now())?;
    let status = store
        .desk_status()?
        .ok_or_else(|| anyhow!("the desk link vanished during the sync"))?;
    done.cursor = status.cursor;
    done.pending_events = status.pending_events;
    if args.json && result.is_ok() {
        super::print_json(&done)?;
    } else if result.is_ok() {
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
    }
    result.with_context(|| format!("syncing with the desk at {}", link.url))
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
