//! What a Factdesk database and a desk server exchange (see `docs/desk.md`).
//!
//! Articles, claims, sources and history events are named by UUIDs that are the same on
//! every machine; the short ids ("a12", "c345") stay local. A database pushes the events
//! its store recorded, each with its UUID, so a retried push is never applied twice; the
//! server puts every article and event in one order (`seq`) and a database pulls what
//! comes after the last `seq` it applied. These are plain data types: no HTTP, no SQL.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::claim::Claim;
use crate::review::Origin;

pub mod client;

/// The history fields a desk carries. Events of other fields stay on the machine that made
/// them.
pub const SYNCED_FIELDS: [&str; 7] = [
    "status",
    "note",
    "source",
    "speaker",
    "value",
    "dismissed",
    "reused",
];

/// The roles a desk user can have.
pub const ROLES: [&str; 3] = ["checker", "editor", "admin"];

/// An article as it is published to the desk: its text and its claims as they stand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskArticle {
    /// The article's identity on the desk.
    pub uid: String,
    /// Headline.
    pub title: String,
    /// Author line.
    pub byline: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Where it lives online.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// The text, exactly as stored.
    pub text: String,
    /// Its claims.
    pub claims: Vec<DeskClaim>,
}

/// A claim of a desk article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskClaim {
    /// The claim's identity on the desk.
    pub uid: String,
    /// Kind, span, text, value and speaker.
    pub claim: Claim,
    /// Found by the engine or marked by hand.
    pub origin: Origin,
    /// Dismissed as "not a claim" when published.
    pub dismissed: bool,
}

/// One history event as the desk carries it. A source event's `before`/`after` name the
/// source by its desk UUID in `"id"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskEvent {
    /// The event's identity: the same event pushed twice is stored once.
    pub uid: String,
    /// The claim it changes (its desk UUID).
    pub claim: String,
    /// The UUID shared by the events of one edit on this claim (that of its first event).
    pub change: String,
    /// When it was made.
    pub at: DateTime<Utc>,
    /// Who made it. The server replaces it with the name of the user who pushed it.
    pub by: String,
    /// What changed (one of [`SYNCED_FIELDS`]).
    pub field: String,
    /// The value before.
    pub before: Value,
    /// The value after.
    pub after: Value,
    /// For an undo, the UUID of the event it reverts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undoes: Option<String>,
}

/// What a database sends up in one push.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PushRequest {
    /// Articles to publish.
    pub articles: Vec<DeskArticle>,
    /// Events, in the order they were made.
    pub events: Vec<DeskEvent>,
}

/// Where the desk put what was pushed: each UUID with its `seq`, whether it was new or
/// already there.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PushResponse {
    /// Published articles.
    pub articles: Vec<Placed>,
    /// Events.
    pub events: Vec<Placed>,
}

/// An article or event and its place in the desk's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placed {
    /// Its UUID.
    pub uid: String,
    /// Its place in the desk's stream.
    pub seq: i64,
}

/// One entry of the desk's stream.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Entry {
    /// An article was published.
    Article {
        /// Its place in the stream.
        seq: i64,
        /// The article with its claims.
        article: DeskArticle,
    },
    /// A history event.
    Event {
        /// Its place in the stream.
        seq: i64,
        /// The event, `by` the user who pushed it.
        event: DeskEvent,
    },
    /// An article was assigned (a reassignment is a new entry; the latest one stands).
    Assignment {
        /// Its place in the stream.
        seq: i64,
        /// The assignment.
        assignment: Assignment,
    },
    /// An editor signed an article off.
    SignOff {
        /// Its place in the stream.
        seq: i64,
        /// The article's desk UUID.
        article: String,
        /// Who and when.
        sign_off: SignOff,
    },
    /// A comment was added to a claim's thread.
    Comment {
        /// Its place in the stream.
        seq: i64,
        /// The claim's desk UUID.
        claim: String,
        /// The comment.
        comment: Comment,
    },
}

impl Entry {
    /// The entry's place in the desk's stream.
    pub fn seq(&self) -> i64 {
        match self {
            Entry::Article { seq, .. }
            | Entry::Event { seq, .. }
            | Entry::Assignment { seq, .. }
            | Entry::SignOff { seq, .. }
            | Entry::Comment { seq, .. } => *seq,
        }
    }
}

/// What a pull returns: entries after the cursor asked for, in the desk's order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PullResponse {
    /// The entries, `seq` increasing.
    pub entries: Vec<Entry>,
    /// True when more entries follow the last one.
    pub more: bool,
}

/// The user a token belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WhoAmI {
    /// The user's name.
    pub name: String,
    /// "checker", "editor" or "admin".
    pub role: String,
}

/// An error the server answers with: a stable code and a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// "unauthorized", "forbidden", "not_found", "conflict" or "invalid".
    pub code: String,
    /// What went wrong, for a person.
    pub message: String,
}

/// An article assigned to a user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// The article's desk UUID.
    pub article: String,
    /// Its title.
    pub title: String,
    /// Who it is assigned to.
    pub assignee: String,
    /// Who assigned it.
    pub assigned_by: String,
    /// When it is due.
    pub deadline: Option<DateTime<Utc>>,
    /// When it was assigned.
    pub at: DateTime<Utc>,
}

/// An editor's sign-off on an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOff {
    /// The editor.
    pub editor: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// A comment on a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// Its id.
    pub id: i64,
    /// Who wrote it.
    pub by: String,
    /// What it says.
    pub body: String,
    /// When.
    pub at: DateTime<Utc>,
}
