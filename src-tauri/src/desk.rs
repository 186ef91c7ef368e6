//! The desk in the app: a background task that syncs this database with its desk server
//! shortly after each local change and every [`PERIOD`], and tells the UI where the
//! database stands with the `desk` event.
//!
//! The sync itself is the core's (`factdesk_core::desk::client::sync`): it borrows the
//! store for one short step at a time (the outbox, an acknowledgement, one page applied),
//! never across a network wait, so the review screen's writes go on while it runs. An
//! unreachable server is a state (offline), not an error dialog.

use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

use factdesk_core::desk::client::{self, DeskClient, DeskError, LendStore, Synced};
use factdesk_core::desk::{Comment, SignOff, WhoAmI};
use factdesk_core::store::{DeskStatus, Store, StoreError};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::state::AppState;

/// The event that carries a [`DeskView`] to the UI after every sync and every change of
/// the desk's state.
pub const DESK_EVENT: &str = "desk";

/// How often the desk is asked for news when nothing changes here.
pub const PERIOD: Duration = Duration::from_secs(15);

/// How long after a local change the sync waits for more changes, so a run of verdicts
/// goes up in one push.
pub const SETTLE: Duration = Duration::from_millis(1500);

/// Where this database stands with its desk, in the words the status bar uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DeskState {
    /// This database is joined to no desk.
    NotJoined,
    /// Everything made here is on the desk and the last sync ended well.
    Synced,
    /// Changes made here wait to go up.
    Pending,
    /// The desk could not be reached; work goes on here and goes up later.
    Offline,
    /// The desk refused or garbled the last sync; `error` says why.
    Error,
}

/// The desk as the status bar and Settings show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DeskView {
    pub state: DeskState,
    /// The desk's address.
    pub url: Option<String>,
    /// The desk user this database's token belongs to, once the desk has said.
    pub user: Option<String>,
    /// That user's role: "checker", "editor" or "admin".
    pub role: Option<String>,
    /// Articles and history events made here that the desk has not acknowledged.
    pub pending: u32,
    /// Why the last sync failed (offline or error).
    pub error: Option<String>,
    /// When the last sync ended well (RFC 3339).
    pub synced_at: Option<String>,
    /// Articles and events the last sync brought that were not here before.
    pub pulled: u32,
}

/// How the last sync this session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It ended well, bringing `pulled` new articles and events.
    Done { pulled: u32 },
    /// The desk could not be reached.
    Offline(String),
    /// The desk refused the sync or answered with something unexpected.
    Failed(String),
}

impl DeskView {
    /// The view of a database whose desk link is `status` (`None`: not joined), whose
    /// token belongs to `who`, after a sync that ended as `last` (`None`: none yet this
    /// session, when the stored outcome of the last one counts).
    pub fn new(status: Option<DeskStatus>, who: Option<&WhoAmI>, last: Option<&Outcome>) -> Self {
        let Some(status) = status else {
            return DeskView {
                state: DeskState::NotJoined,
                url: None,
                user: None,
                role: None,
                pending: 0,
                error: None,
                synced_at: None,
                pulled: 0,
            };
        };
        let pending =
            u32::try_from(status.pending_articles + status.pending_events).unwrap_or(u32::MAX);
        let (state, error, pulled) = match (last, status.error) {
            (Some(Outcome::Offline(why)), _) => (DeskState::Offline, Some(why.clone()), 0),
            (Some(Outcome::Failed(why)), _) => (DeskState::Error, Some(why.clone()), 0),
            (None, Some(why)) => (DeskState::Error, Some(why), 0),
            (Some(Outcome::Done { pulled }), _) if pending == 0 => {
                (DeskState::Synced, None, *pulled)
            }
            (None, None) if pending == 0 => (DeskState::Synced, None, 0),
            (Some(Outcome::Done { pulled }), _) => (DeskState::Pending, None, *pulled),
            (None, None) => (DeskState::Pending, None, 0),
        };
        DeskView {
            state,
            url: Some(status.url),
            user: who.map(|w| w.name.clone()),
            role: who.map(|w| w.role.clone()),
            pending,
            error,
            synced_at: status.synced_at.map(|t| t.to_rfc3339()),
            pulled,
        }
    }
}

/// Why a background sync is asked for.
enum Nudge {
    /// Something changed here: sync once changes have settled for [`SETTLE`].
    Changed,
    /// The editor asked (or joined, or published): sync now.
    Now,
}

/// The background sync's handle, managed by Tauri beside [`AppState`].
pub struct DeskSync {
    nudges: Mutex<Sender<Nudge>>,
    who: Mutex<Option<WhoAmI>>,
    last: Mutex<Option<Outcome>>,
}

impl DeskSync {
    /// Starts the background sync for the app's database; it ends with the app.
    pub fn start(app: AppHandle) -> DeskSync {
        let (nudges, heard) = channel();
        let _ = std::thread::Builder::new()
            .name("desk-sync".into())
            .spawn(move || run(&app, &heard));
        DeskSync {
            nudges: Mutex::new(nudges),
            who: Mutex::new(None),
            last: Mutex::new(None),
        }
    }

    /// Asks for a sync once local changes have settled.
    pub fn changed(&self) {
        let _ = lock(&self.nudges).send(Nudge::Changed);
    }

    /// Asks for a sync now.
    pub fn sync_now(&self) {
        let _ = lock(&self.nudges).send(Nudge::Now);
    }

    /// Where the database in `state` stands with its desk, as last seen.
    pub fn view(&self, state: &AppState) -> Result<DeskView> {
        let status = state.with_reader(|s| Ok(s.desk_status()?))?;
        Ok(DeskView::new(
            status,
            lock(&self.who).as_ref(),
            lock(&self.last).as_ref(),
        ))
    }

    /// Joins the database to the desk at `url` with `token`: the desk is asked whose token
    /// it is first (with the store free), then the link is stored. Returns the new view.
    pub fn join(&self, state: &AppState, url: &str, token: &str) -> Result<DeskView> {
        let who = DeskClient::new(url, token).me()?;
        state.with_store(|s| {
            s.join_desk(url, token)?;
            Ok(s.set_desk_user(&who.name)?)
        })?;
        *lock(&self.who) = Some(who);
        *lock(&self.last) = None;
        self.sync_now();
        self.view(state)
    }

    /// Forgets what this session knew of the desk (the database was replaced).
    pub fn forget(&self) {
        *lock(&self.who) = None;
        *lock(&self.last) = None;
        self.sync_now();
    }
}

/// An article assigned to the desk user, as "My queue" lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct QueueItem {
    /// The article's identity on the desk.
    pub article_uid: String,
    /// The article here ("a12"); `None` until a sync has brought it.
    pub article_id: Option<String>,
    pub title: String,
    pub assigned_by: String,
    /// RFC 3339 instant.
    pub deadline: Option<String>,
    /// When it was assigned (RFC 3339).
    pub at: String,
}

/// One comment of a claim's thread on the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CommentView {
    pub by: String,
    pub body: String,
    /// RFC 3339 instant.
    pub at: String,
}

impl From<Comment> for CommentView {
    fn from(c: Comment) -> Self {
        CommentView {
            by: c.by,
            body: c.body,
            at: c.at.to_rfc3339(),
        }
    }
}

/// Who signed an article off on the desk, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SignOffView {
    pub by: String,
    /// RFC 3339 instant.
    pub at: String,
}

impl From<SignOff> for SignOffView {
    fn from(s: SignOff) -> Self {
        SignOffView {
            by: s.editor,
            at: s.at.to_rfc3339(),
        }
    }
}

/// The desk's client for the app's database and the desk identity of `id` ("a12" or
/// "c345"), read on a connection of its own; an error saying so when either is missing.
fn on_desk(state: &AppState, id: &str) -> Result<(DeskClient, String)> {
    state.with_reader(|s| {
        let client = DeskClient::for_store(s)?;
        let uid = s.desk_uid_of(id)?.ok_or_else(|| {
            Error::Invalid(format!(
                "{id} is not on the desk: publish its article to the desk first"
            ))
        })?;
        Ok((client, uid))
    })
}

/// The articles assigned to this database's desk user, soonest deadline first, each with
/// its id here once a sync has brought it: as the desk has them when it answers, else as
/// the last sync brought them (offline). The store is free while the desk answers.
pub fn queue(state: &AppState) -> Result<Vec<QueueItem>> {
    let client = state.with_reader(|s| Ok(DeskClient::for_store(s)?))?;
    let assigned = match client.queue() {
        Ok(assigned) => assigned,
        Err(offline) if offline.is_offline() => return queue_here(state, offline),
        Err(other) => return Err(other.into()),
    };
    state.with_reader(|s| {
        assigned
            .into_iter()
            .map(|a| {
                Ok(QueueItem {
                    article_id: s.article_of_desk_uid(&a.article)?,
                    article_uid: a.article,
                    title: a.title,
                    assigned_by: a.assigned_by,
                    deadline: a.deadline.map(|d| d.to_rfc3339()),
                    at: a.at.to_rfc3339(),
                })
            })
            .collect()
    })
}

/// The queue as the last sync brought it; `offline` when this database does not know
/// its desk user yet.
fn queue_here(state: &AppState, offline: DeskError) -> Result<Vec<QueueItem>> {
    state.with_reader(|s| {
        let Some(user) = s.desk_user()? else {
            return Err(offline.into());
        };
        Ok(s.queue(&user)?
            .into_iter()
            .map(|q| QueueItem {
                article_id: Some(q.article),
                article_uid: q.uid,
                title: q.title,
                assigned_by: q.assigned_by,
                deadline: q.deadline.map(|d| d.to_rfc3339()),
                at: q.at.to_rfc3339(),
            })
            .collect())
    })
}

/// Claim `claim_id`'s comment thread on the desk, oldest first: as the desk has it when it
/// answers, else as the last sync brought it (offline).
pub fn comments(state: &AppState, claim_id: &str) -> Result<Vec<CommentView>> {
    let (client, uid) = on_desk(state, claim_id)?;
    let thread = match client.comments(&uid) {
        Ok(thread) => thread,
        Err(offline) if offline.is_offline() => state.with_reader(|s| Ok(s.comments(claim_id)?))?,
        Err(other) => return Err(other.into()),
    };
    Ok(thread.into_iter().map(Into::into).collect())
}

/// Adds `body` to claim `claim_id`'s thread on the desk.
pub fn comment(state: &AppState, claim_id: &str, body: &str) -> Result<CommentView> {
    let body = body.trim();
    if body.is_empty() {
        return Err(Error::Invalid("a comment needs some words".into()));
    }
    let (client, uid) = on_desk(state, claim_id)?;
    Ok(client.comment(&uid, body)?.into())
}

/// Signs article `article_id` off on the desk in the desk user's name.
pub fn sign_off(state: &AppState, article_id: &str) -> Result<SignOffView> {
    let (client, uid) = on_desk(state, article_id)?;
    Ok(client.sign_off(&uid)?.into())
}

/// Who signed article `article_id` off on the desk, and when: as the desk has it when it
/// answers, else as the last sync brought it (offline).
pub fn sign_offs(state: &AppState, article_id: &str) -> Result<Vec<SignOffView>> {
    let (client, uid) = on_desk(state, article_id)?;
    let signed = match client.sign_offs(&uid) {
        Ok(signed) => signed,
        Err(offline) if offline.is_offline() => {
            state.with_reader(|s| Ok(s.sign_offs(article_id)?))?
        }
        Err(other) => return Err(other.into()),
    };
    Ok(signed.into_iter().map(Into::into).collect())
}

/// The store as the core's sync borrows it: one short step at a time, through the app's
/// one writing connection.
impl LendStore for AppState {
    fn lend<T>(
        &self,
        step: impl FnOnce(&mut Store) -> std::result::Result<T, StoreError>,
    ) -> std::result::Result<T, DeskError> {
        match self.with_store(|s| step(s).map_err(Error::from)) {
            Ok(value) => Ok(value),
            Err(Error::Store(err)) => Err(DeskError::Store(err)),
            Err(other) => Err(DeskError::StoreUnavailable(other.to_string())),
        }
    }
}

/// The background sync: waits for a nudge or [`PERIOD`], lets a run of changes settle,
/// syncs, and tells the UI. Ends when the app drops its [`DeskSync`].
fn run(app: &AppHandle, heard: &Receiver<Nudge>) {
    // The first sync, as the app starts, finds out where the desk stands.
    let mut wait = Duration::ZERO;
    loop {
        match heard.recv_timeout(wait) {
            Ok(Nudge::Changed) => loop {
                // The status bar says "pending" at once; the sync waits for the run to end.
                tell(app);
                match heard.recv_timeout(SETTLE) {
                    Ok(Nudge::Changed) => continue,
                    Ok(Nudge::Now) | Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            },
            Ok(Nudge::Now) | Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        wait = PERIOD;
        sync_once(app);
    }
}

/// One sync of the app's database, if it is joined, and the `desk` event after it.
fn sync_once(app: &AppHandle) {
    let (Some(state), Some(desk)) = (app.try_state::<AppState>(), app.try_state::<DeskSync>())
    else {
        return;
    };
    let client = match state.with_reader(|s| Ok(DeskClient::for_store(s))) {
        Ok(Ok(client)) => client,
        // Not joined, or the database is not open: nothing to sync, but say so.
        Ok(Err(_)) | Err(_) => {
            tell(app);
            return;
        }
    };
    let outcome = match client::sync(&*state, &client, client::PUSH_BATCH) {
        Ok(done) => Outcome::Done {
            pulled: pulled(&done),
        },
        Err(err) if err.is_offline() => Outcome::Offline(err.to_string()),
        Err(err) => Outcome::Failed(err.to_string()),
    };
    // Whose token this is, asked once per session, when the desk is known to answer.
    if matches!(outcome, Outcome::Done { .. }) && lock(&desk.who).is_none() {
        if let Ok(who) = client.me() {
            *lock(&desk.who) = Some(who);
        }
    }
    *lock(&desk.last) = Some(outcome);
    tell(app);
    // What this sync brought has been told; the next view reports only what comes after.
    let mut last = lock(&desk.last);
    if let Some(Outcome::Done { pulled }) = last.as_mut() {
        *pulled = 0;
    }
}

/// Sends the UI the desk's state as it is now.
fn tell(app: &AppHandle) {
    let (Some(state), Some(desk)) = (app.try_state::<AppState>(), app.try_state::<DeskSync>())
    else {
        return;
    };
    if let Ok(view) = desk.view(&state) {
        let _ = app.emit(DESK_EVENT, view);
    }
}

/// New articles and events a sync brought.
fn pulled(done: &Synced) -> u32 {
    u32::try_from(done.pulled.articles + done.pulled.events).unwrap_or(u32::MAX)
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(pending_events: usize, error: Option<&str>) -> DeskStatus {
        DeskStatus {
            url: "http://127.0.0.1:7700".into(),
            pending_articles: 0,
            pending_events,
            cursor: 12,
            synced_at: None,
            error: error.map(Into::into),
        }
    }

    #[test]
    fn the_store_is_lent_to_the_sync_and_a_database_that_failed_to_open_says_so() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let state = AppState::open_with(&dir.path().join("config"), Some(dir.path().join("d.db")));
        let client = DeskClient::new("http://127.0.0.1:9", "fdk_test");
        let err = client::sync(&state, &client, 10).expect_err("not joined");
        assert!(
            matches!(err, DeskError::NotJoined),
            "a database joined to no desk is not synced: {err}"
        );
        state
            .with_store(|s| Ok(s.join_desk("http://127.0.0.1:9", "fdk_test")?))
            .expect("joined");
        let err = client::sync(&state, &client, 10).expect_err("nothing listens on port 9");
        assert!(err.is_offline(), "an unreachable desk is offline: {err}");
        let status = state
            .with_reader(|s| Ok(s.desk_status()?))
            .expect("status")
            .expect("joined");
        assert!(
            status.error.is_some(),
            "the failed sync is recorded in the database through the lent store"
        );

        let bogus = dir.path().join("notes.txt");
        std::fs::write(&bogus, "shopping list\n".repeat(300)).expect("write");
        let broken = AppState::open_with(&dir.path().join("config2"), Some(bogus));
        let err = broken
            .lend(|s| s.desk_status())
            .expect_err("no database to lend");
        assert!(
            matches!(err, DeskError::StoreUnavailable(ref why) if why.contains("not a Factdesk database")),
            "{err}"
        );
    }

    #[test]
    fn the_state_says_synced_pending_offline_or_error() {
        let ana = WhoAmI {
            name: "ana".into(),
            role: "checker".into(),
        };
        let view = |s, last| DeskView::new(s, Some(&ana), last);
        assert_eq!(view(None, None).state, DeskState::NotJoined);
        let done = Outcome::Done { pulled: 3 };
        let synced = view(Some(status(0, None)), Some(&done));
        assert_eq!(
            (synced.state, synced.pulled, synced.user.as_deref()),
            (DeskState::Synced, 3, Some("ana"))
        );
        let pending = view(Some(status(4, None)), Some(&done));
        assert_eq!((pending.state, pending.pending), (DeskState::Pending, 4));
        let offline = Outcome::Offline("the desk at … cannot be reached".into());
        let away = view(Some(status(4, Some("refused"))), Some(&offline));
        assert_eq!(
            (away.state, away.pending, away.error.as_deref()),
            (
                DeskState::Offline,
                4,
                Some("the desk at … cannot be reached")
            ),
            "offline is its own state, with the pending count kept"
        );
        let failed = Outcome::Failed("the desk refused /v1/push (409)".into());
        assert_eq!(
            view(Some(status(0, None)), Some(&failed)).state,
            DeskState::Error
        );
        assert_eq!(
            view(Some(status(0, Some("the desk refused"))), None).state,
            DeskState::Error,
            "before this session's first sync, the stored outcome of the last one counts"
        );
    }
}
