//! A desk server over HTTP, and the sync that runs through it: shared by the `factdesk`
//! CLI and the app.
//!
//! [`sync`] pushes what this database has not yet given the desk, pulls what came after
//! its cursor, and pushes again (what waited for an article to be acknowledged). It
//! borrows the store only for each short step (the outbox, an acknowledgement, one page
//! applied) through [`LendStore`], never across a network wait, so a screen reading or
//! writing the same database is not held up by a slow desk.

use std::cell::RefCell;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use ureq::tls::{RootCerts, TlsConfig};

use super::{
    Assignment, Comment, ErrorBody, PullResponse, PushRequest, PushResponse, SignOff, WhoAmI,
};
use crate::store::{Pulled, Store, StoreError};

/// Entries asked for in one pull (each page is applied in one transaction).
pub const PULL_PAGE: usize = 2000;

/// Events sent in one push unless the caller says otherwise.
pub const PUSH_BATCH: usize = 2000;

/// Why talking to the desk failed.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    /// The database is not joined to a desk.
    #[error("this database is not joined to a desk; join one with its address and a token")]
    NotJoined,
    /// The desk could not be reached (offline, wrong address, server down).
    #[error("the desk at {url} did not answer: {reason}")]
    Unreachable {
        /// The desk's address.
        url: String,
        /// What the network said.
        reason: String,
    },
    /// The desk answered with an error.
    #[error("the desk refused {path} ({status}): {message}")]
    Refused {
        /// The request's path.
        path: String,
        /// The HTTP status.
        status: u16,
        /// The desk's explanation.
        message: String,
    },
    /// The desk's answer is not what this version of Factdesk expects.
    #[error("the desk's answer to {path} is not what Factdesk expects: {reason}")]
    BadAnswer {
        /// The request's path.
        path: String,
        /// What was wrong with it.
        reason: String,
    },
    /// The local database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The local database cannot be used right now (still opening, or failed to open).
    #[error("the database is not available: {0}")]
    StoreUnavailable(String),
}

impl DeskError {
    /// True when the desk could not be reached at all: the client is offline.
    pub fn is_offline(&self) -> bool {
        matches!(self, DeskError::Unreachable { .. })
    }
}

/// A desk server, spoken to with one user's token.
#[derive(Debug, Clone)]
pub struct DeskClient {
    agent: ureq::Agent,
    url: String,
    token: String,
}

impl DeskClient {
    /// A client of the desk at `url` (its trailing slash ignored) with `token`. Nothing is
    /// sent until a request is made. An `https` desk's certificate is checked against the
    /// operating system's trusted certificates, so a newsroom's own certificate authority
    /// works once it is installed there (`update-ca-certificates` on Debian).
    pub fn new(url: &str, token: &str) -> DeskClient {
        let agent = ureq::Agent::config_builder()
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(120)))
            .http_status_as_error(false)
            .user_agent(concat!("factdesk/", env!("CARGO_PKG_VERSION")))
            .tls_config(
                TlsConfig::builder()
                    .root_certs(RootCerts::PlatformVerifier)
                    .build(),
            )
            .build()
            .into();
        DeskClient {
            agent,
            url: url.trim().trim_end_matches('/').to_string(),
            token: token.trim().to_string(),
        }
    }

    /// A client of the desk `store` is joined to, with its token.
    pub fn for_store(store: &Store) -> Result<DeskClient, DeskError> {
        let link = store.desk()?.ok_or(DeskError::NotJoined)?;
        Ok(DeskClient::new(&link.url, &link.token))
    }

    /// The desk's address.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The user the token belongs to.
    pub fn me(&self) -> Result<WhoAmI, DeskError> {
        self.get("/v1/me")
    }

    /// Articles assigned to this user, soonest deadline first.
    pub fn queue(&self) -> Result<Vec<Assignment>, DeskError> {
        self.get("/v1/queue")
    }

    /// Assigns the desk article `article_uid` to `assignee`, due at `deadline` (editors).
    pub fn assign(
        &self,
        article_uid: &str,
        assignee: &str,
        deadline: Option<DateTime<Utc>>,
    ) -> Result<(), DeskError> {
        #[derive(Serialize)]
        struct Assign<'a> {
            assignee: &'a str,
            deadline: Option<DateTime<Utc>>,
        }
        let _: serde_json::Value = self.post(
            &format!("/v1/articles/{article_uid}/assign"),
            &Assign { assignee, deadline },
        )?;
        Ok(())
    }

    /// Signs off the desk article `article_uid` (an editor who changed none of its claims).
    pub fn sign_off(&self, article_uid: &str) -> Result<SignOff, DeskError> {
        self.post(
            &format!("/v1/articles/{article_uid}/signoff"),
            &serde_json::json!({}),
        )
    }

    /// Who signed off the desk article `article_uid`, and when.
    pub fn sign_offs(&self, article_uid: &str) -> Result<Vec<SignOff>, DeskError> {
        self.get(&format!("/v1/articles/{article_uid}/signoffs"))
    }

    /// The comment thread of the desk claim `claim_uid`, oldest first.
    pub fn comments(&self, claim_uid: &str) -> Result<Vec<Comment>, DeskError> {
        self.get(&format!("/v1/claims/{claim_uid}/comments"))
    }

    /// Adds `body` to the comment thread of the desk claim `claim_uid`.
    pub fn comment(&self, claim_uid: &str, body: &str) -> Result<Comment, DeskError> {
        #[derive(Serialize)]
        struct NewComment<'a> {
            body: &'a str,
        }
        self.post(
            &format!("/v1/claims/{claim_uid}/comments"),
            &NewComment { body },
        )
    }

    /// Sends what `outbox` holds; the desk answers with each entry's place.
    pub fn push(&self, outbox: &PushRequest) -> Result<PushResponse, DeskError> {
        self.post("/v1/push", outbox)
    }

    /// The desk's entries after `cursor`, at most `limit` of them.
    pub fn pull(&self, cursor: i64, limit: usize) -> Result<PullResponse, DeskError> {
        self.get(&format!("/v1/pull?after={cursor}&limit={limit}"))
    }

    fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, DeskError> {
        let response = self
            .agent
            .get(format!("{}{path}", self.url))
            .header("Authorization", format!("Bearer {}", self.token))
            .call();
        self.answer(path, response)
    }

    fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, DeskError> {
        let body = serde_json::to_vec(body).map_err(|e| DeskError::BadAnswer {
            path: path.to_string(),
            reason: e.to_string(),
        })?;
        let response = self
            .agent
            .post(format!("{}{path}", self.url))
            .header("Authorization", format!("Bearer {}", self.token))
            .header("Content-Type", "application/json")
            .send(&body[..]);
        self.answer(path, response)
    }

    fn answer<T: DeserializeOwned>(
        &self,
        path: &str,
        response: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<T, DeskError> {
        let unreachable = |e: ureq::Error| DeskError::Unreachable {
            url: self.url.clone(),
            reason: e.to_string(),
        };
        let mut response = response.map_err(unreachable)?;
        let status = response.status();
        let text = response
            .body_mut()
            .with_config()
            .limit(1 << 30)
            .read_to_string()
            .map_err(unreachable)?;
        if !status.is_success() {
            let message = serde_json::from_str::<ErrorBody>(&text)
                .map(|e| e.message)
                .unwrap_or_else(|_| text.chars().take(200).collect());
            return Err(DeskError::Refused {
                path: path.to_string(),
                status: status.as_u16(),
                message,
            });
        }
        serde_json::from_str(&text).map_err(|e| DeskError::BadAnswer {
            path: path.to_string(),
            reason: e.to_string(),
        })
    }
}

/// Anything that lends the store for one short step at a time.
pub trait LendStore {
    /// Runs `step` on the store and gives it back.
    fn lend<T>(
        &self,
        step: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, DeskError>;
}

impl LendStore for RefCell<Store> {
    fn lend<T>(
        &self,
        step: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, DeskError> {
        Ok(step(&mut self.borrow_mut())?)
    }
}

impl LendStore for Mutex<Store> {
    fn lend<T>(
        &self,
        step: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, DeskError> {
        let mut store = self.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        Ok(step(&mut store)?)
    }
}

/// Joins `store` to the desk at `url` once the desk has said whose `token` it is; the
/// token is kept in the database and never shown again.
pub fn join(store: &mut Store, url: &str, token: &str) -> Result<WhoAmI, DeskError> {
    let who = DeskClient::new(url, token).me()?;
    store.join_desk(url, token)?;
    store.set_desk_user(&who.name)?;
    Ok(who)
}

/// What one sync did, and where the database stands after it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Synced {
    /// Articles the desk acknowledged.
    pub published: usize,
    /// History events the desk acknowledged.
    pub pushed_events: usize,
    /// What the pulls applied.
    pub pulled: Pulled,
    /// The last place of the desk's stream applied here.
    pub cursor: i64,
    /// Events still waiting to be pushed.
    pub pending_events: usize,
}

/// Pushes this database's new work to the desk in batches of `batch` events, pulls and
/// applies everything after its cursor, and pushes again. The outcome (success, or the
/// error) is recorded in the database for [`Store::desk_status`]. A sync cut off anywhere
/// can be run again: nothing is applied or sent twice.
pub fn sync(
    store: &impl LendStore,
    client: &DeskClient,
    batch: usize,
) -> Result<Synced, DeskError> {
    let mut done = Synced::default();
    let result = push_pull_push(store, client, batch.max(1), &mut done);
    let error = result.as_ref().err().map(ToString::to_string);
    let status = store.lend(|s| {
        s.record_desk_sync(error.as_deref(), Utc::now())?;
        s.desk_status()
    })?;
    result?;
    let status = status.ok_or(DeskError::NotJoined)?;
    done.cursor = status.cursor;
    done.pending_events = status.pending_events;
    Ok(done)
}

fn push_pull_push(
    store: &impl LendStore,
    client: &DeskClient,
    batch: usize,
    done: &mut Synced,
) -> Result<(), DeskError> {
    // A first push can be refused when an article published here is already on the desk
    // from another database; the pull then makes it the desk's article, and the second
    // push sends the same outbox again and reports its error if it stands.
    if let Err(e) = push_all(store, client, batch, done) {
        if e.is_offline() {
            return Err(e);
        }
    }
    pull_all(store, client, done)?;
    push_all(store, client, batch, done)
}

/// Pushes everything pending, a batch at a time, each acknowledged before the next.
fn push_all(
    store: &impl LendStore,
    client: &DeskClient,
    batch: usize,
    done: &mut Synced,
) -> Result<(), DeskError> {
    loop {
        let outbox = store.lend(|s| s.desk_outbox(batch))?;
        if outbox.articles.is_empty() && outbox.events.is_empty() {
            return Ok(());
        }
        let full = outbox.events.len() == batch;
        let placed = client.push(&outbox)?;
        store.lend(|s| s.desk_acknowledge(&placed))?;
        done.published += placed.articles.len();
        done.pushed_events += placed.events.len();
        if !full {
            return Ok(());
        }
    }
}

/// Pulls and applies the stream after the database's cursor, a page at a time, to its end.
fn pull_all(
    store: &impl LendStore,
    client: &DeskClient,
    done: &mut Synced,
) -> Result<(), DeskError> {
    loop {
        let cursor = store
            .lend(|s| s.desk())?
            .ok_or(DeskError::NotJoined)?
            .cursor;
        let page = client.pull(cursor, PULL_PAGE)?;
        let got = store.lend(|s| s.desk_apply(&page.entries, Utc::now()))?;
        done.pulled.articles += got.articles;
        done.pulled.events += got.events;
        done.pulled.already += got.already;
        done.pulled.claims_settled += got.claims_settled;
        done.pulled.assignments += got.assignments;
        done.pulled.sign_offs += got.sign_offs;
        done.pulled.comments += got.comments;
        if !page.more {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use std::net::TcpListener;

    use super::*;

    /// An address on this machine where nothing listens.
    fn closed_port_url() -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        format!("http://127.0.0.1:{port}")
    }

    #[test]
    fn a_sync_with_the_desk_down_is_offline_and_recorded_without_losing_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let url = closed_port_url();
        let mut store = Store::open(&dir.path().join("a.db")).unwrap();
        store.join_desk(&url, "fdk_test").unwrap();
        let client = DeskClient::for_store(&store).unwrap();
        assert_eq!(client.url(), url);
        let store = RefCell::new(store);
        let err = sync(&store, &client, PUSH_BATCH).unwrap_err();
        assert!(err.is_offline(), "{err}");
        assert!(err.to_string().contains(&url), "{err}");
        let status = store.borrow().desk_status().unwrap().unwrap();
        assert_eq!(status.url, url);
        assert_eq!(status.synced_at, None);
        assert!(status.error.unwrap().contains("did not answer"));
    }

    #[test]
    fn a_store_not_joined_has_no_client_and_joining_a_dead_desk_stores_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("a.db")).unwrap();
        assert!(matches!(
            DeskClient::for_store(&store),
            Err(DeskError::NotJoined)
        ));
        let err = join(&mut store, &closed_port_url(), "fdk_test").unwrap_err();
        assert!(err.is_offline(), "{err}");
        assert_eq!(store.desk().unwrap(), None);
    }
}
