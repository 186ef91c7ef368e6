//! The desk's PostgreSQL side. Every rule is enforced here: roles, that an event names a
//! claim on the desk, that an event pushed again is the same event, that a sign-off comes
//! from an editor who marked none of the article's claims. The history's append-only
//! rule is PostgreSQL's own (triggers in `migrations/V1__desk.sql`, and for assignments,
//! sign-offs and comments in `V2__desk_records.sql`). Every row a pull returns (articles,
//! events, assignments, sign-offs, comments) takes its place in the one stream under the
//! same advisory lock, so places are committed in increasing order.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use factdesk_core::desk::{
    Assignment, Comment, DeskArticle, DeskClaim, DeskEvent, Entry, Placed, PullResponse,
    PushRequest, PushResponse, SignOff, WhoAmI, ROLES, SYNCED_FIELDS,
};
use serde_json::Value;
use sha2::{Digest, Sha256};
use tokio_postgres::GenericClient;
use tokio_postgres::NoTls;
use uuid::Uuid;

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// The key of the advisory lock every push holds while it draws places in the stream.
const STREAM_LOCK: i64 = 0x4644_4B31;

/// The most entries one pull returns.
pub const MAX_PULL: i64 = 5000;

/// Why a desk operation failed.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    /// No token, or one that is unknown or revoked.
    #[error("no valid desk token (it is missing, unknown or revoked)")]
    Unauthorized,
    /// The user's role does not allow it, or a rule forbids it.
    #[error("{0}")]
    Forbidden(String),
    /// No such article, claim or user on the desk.
    #[error("{0}")]
    NotFound(String),
    /// It contradicts what the desk holds (an event pushed again with other content, an
    /// article whose text is already another desk article).
    #[error("{0}")]
    Conflict(String),
    /// A malformed request: a bad UUID, an unknown field or role, an empty comment.
    #[error("{0}")]
    Invalid(String),
    /// PostgreSQL failed.
    #[error("database: {0}")]
    Database(#[from] tokio_postgres::Error),
    /// No connection to PostgreSQL could be had.
    #[error("database connection: {0}")]
    Pool(#[from] deadpool_postgres::PoolError),
    /// Bringing the desk's schema up to date failed.
    #[error("database migrations: {0}")]
    Migration(#[from] refinery::Error),
    /// The connection string could not be read.
    #[error("database URL: {0}")]
    Config(String),
}

/// The result of every desk operation.
pub type Result<T> = std::result::Result<T, DeskError>;

/// A user of the desk, as their token names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Row id.
    pub id: i64,
    /// Name, as shown in the history.
    pub name: String,
    /// "checker", "editor" or "admin".
    pub role: String,
}

impl User {
    fn require(&self, roles: &[&str], doing: &str) -> Result<()> {
        if roles.contains(&self.role.as_str()) {
            Ok(())
        } else {
            Err(DeskError::Forbidden(format!(
                "{} is a{} {} and cannot {doing} (that needs: {})",
                self.name,
                if self.role.starts_with(['a', 'e']) {
                    "n"
                } else {
                    ""
                },
                self.role,
                roles.join(" or ")
            )))
        }
    }

    /// The user as the API shows them.
    pub fn who(&self) -> WhoAmI {
        WhoAmI {
            name: self.name.clone(),
            role: self.role.clone(),
        }
    }
}

fn uuid(what: &str, s: &str) -> Result<Uuid> {
    Uuid::parse_str(s).map_err(|_| DeskError::Invalid(format!("{what} {s:?} is not a UUID")))
}

/// A new token: 32 random bytes in hex, with a prefix that says what it is.
fn new_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| DeskError::Config(format!("no randomness for a token: {e}")))?;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!("fdk_{hex}"))
}

/// What the desk keeps of a token: its SHA-256.
fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.trim().as_bytes()).to_vec()
}

/// The desk's database.
#[derive(Clone)]
pub struct Desk {
    pool: Pool,
}

impl Desk {
    /// A pool of connections to the desk's database at `url` (connections are made when
    /// first used).
    pub fn connect(url: &str) -> Result<Desk> {
        let config = tokio_postgres::Config::from_str(url)
            .map_err(|e| DeskError::Config(format!("{url:?}: {e}")))?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(16)
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .wait_timeout(Some(std::time::Duration::from_secs(30)))
            .create_timeout(Some(std::time::Duration::from_secs(10)))
            .build()
            .map_err(|e| DeskError::Config(e.to_string()))?;
        Ok(Desk { pool })
    }

    /// Brings the desk's schema up to date (each migration in a transaction).
    pub async fn migrate(&self) -> Result<()> {
        let mut client = self.pool.get().await?;
        let client: &mut tokio_postgres::Client = &mut client;
        embedded::migrations::runner().run_async(client).await?;
        Ok(())
    }

    /// Adds a user with `role` and returns their first token (shown once: only its hash
    /// is kept).
    pub async fn add_user(&self, name: &str, role: &str) -> Result<String> {
        let name = name.trim();
        if name.is_empty() {
            return Err(DeskError::Invalid("a user needs a name".into()));
        }
        if !ROLES.contains(&role) {
            return Err(DeskError::Invalid(format!(
                "unknown role {role:?} (checker, editor or admin)"
            )));
        }
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let id: i64 = match tx
            .query_one(
                "INSERT INTO users (name, role) VALUES ($1, $2) RETURNING id",
                &[&name, &role],
            )
            .await
        {
            Ok(row) => row.get(0),
            Err(e) if e.code() == Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION) => {
                return Err(DeskError::Conflict(format!(
                    "there is already a user {name:?}"
                )))
            }
            Err(e) => return Err(e.into()),
        };
        let token = new_token()?;
        tx.execute(
            "INSERT INTO tokens (user_id, hash) VALUES ($1, $2)",
            &[&id, &token_hash(&token)],
        )
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// Revokes every token of user `name`; returns how many were in use.
    pub async fn revoke(&self, name: &str) -> Result<u64> {
        let client = self.pool.get().await?;
        let user = client
            .query_opt("SELECT id FROM users WHERE name = $1", &[&name])
            .await?
            .ok_or_else(|| DeskError::NotFound(format!("no user {name:?} on this desk")))?;
        let id: i64 = user.get(0);
        Ok(client
            .execute(
                "UPDATE tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL",
                &[&id],
            )
            .await?)
    }

    /// The user `token` names, if it is known and not revoked.
    pub async fn authenticate(&self, token: &str) -> Result<User> {
        let client = self.pool.get().await?;
        let row = client
            .query_opt(
                "SELECT u.id, u.name, u.role FROM tokens t JOIN users u ON u.id = t.user_id \
                 WHERE t.hash = $1 AND t.revoked_at IS NULL",
                &[&token_hash(token)],
            )
            .await?
            .ok_or(DeskError::Unauthorized)?;
        Ok(User {
            id: row.get(0),
            name: row.get(1),
            role: row.get(2),
        })
    }

    /// Publishes articles and appends events in one transaction, and says where each is
    /// in the stream. An article or event already on the desk keeps its place (a retried
    /// push); an event pushed again with other content is refused, as is an article whose
    /// text is already another desk article. Nothing of a refused push is kept.
    pub async fn push(&self, user: &User, push: &PushRequest) -> Result<PushResponse> {
        if !push.articles.is_empty() {
            user.require(&["checker", "editor"], "publish articles")?;
        }
        if !push.events.is_empty() {
            user.require(&["checker", "editor"], "mark claims")?;
        }
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&STREAM_LOCK])
            .await?;
        let mut out = PushResponse::default();
        for article in &push.articles {
            out.articles.push(Placed {
                uid: article.uid.clone(),
                seq: publish(&*tx, user, article).await?,
            });
        }
        for event in &push.events {
            out.events.push(Placed {
                uid: event.uid.clone(),
                seq: append(&*tx, user, event).await?,
            });
        }
        tx.commit().await?;
        Ok(out)
    }

    /// At most `limit` entries of the stream after place `after`, in order.
    pub async fn pull(&self, after: i64, limit: i64) -> Result<PullResponse> {
        let limit = limit.clamp(1, MAX_PULL);
        let client = self.pool.get().await?;
        let rows = client
            .query(
                "SELECT seq, 'a' AS kind, uid FROM articles WHERE seq > $1 \
                 UNION ALL SELECT seq, 'e', uid FROM events WHERE seq > $1 \
                 UNION ALL SELECT seq, 'r', NULL FROM assignments WHERE seq > $1 \
                 UNION ALL SELECT seq, 's', NULL FROM signoffs WHERE seq > $1 \
                 UNION ALL SELECT seq, 'c', NULL FROM comments WHERE seq > $1 \
                 ORDER BY seq LIMIT $2",
                &[&after, &(limit + 1)],
            )
            .await?;
        let more = rows.len() as i64 > limit;
        let mut entries = Vec::with_capacity(rows.len());
        let mut events: Vec<Uuid> = Vec::new();
        let mut records: Vec<i64> = Vec::new();
        for row in rows.iter().take(limit as usize) {
            let (seq, kind, uid): (i64, &str, Option<Uuid>) = (row.get(0), row.get(1), row.get(2));
            match (kind, uid) {
                ("a", Some(uid)) => entries.push(Entry::Article {
                    seq,
                    article: load_article(&**client, uid).await?,
                }),
                ("e", Some(uid)) => {
                    events.push(uid);
                    entries.push(Entry::Event {
                        seq,
                        event: placeholder_event(uid),
                    });
                }
                _ => records.push(seq),
            }
        }
        // Assignments, sign-offs and comments, fetched by place and put in theirs.
        let mut placed = load_records(&**client, &records).await?;
        if !records.is_empty() {
            let mut merged = Vec::with_capacity(entries.len() + placed.len());
            let mut others = entries.into_iter().peekable();
            for seq in rows.iter().take(limit as usize).map(|r| r.get::<_, i64>(0)) {
                match placed.remove(&seq) {
                    Some(entry) => merged.push(entry),
                    None => merged.extend(others.next()),
                }
            }
            entries = merged;
        }
        // The events, fetched in one query and put in their places.
        let loaded = client
            .query(
                "SELECT e.uid, e.claim, e.change, e.at, u.name, e.field, e.before, e.after, \
                 e.undoes FROM events e JOIN users u ON u.id = e.user_id WHERE e.uid = ANY($1)",
                &[&events],
            )
            .await?;
        let mut by_uid = std::collections::HashMap::with_capacity(loaded.len());
        for r in loaded {
            let uid: Uuid = r.get(0);
            by_uid.insert(
                uid,
                DeskEvent {
                    uid: uid.to_string(),
                    claim: r.get::<_, Uuid>(1).to_string(),
                    change: r.get::<_, Uuid>(2).to_string(),
                    at: r.get(3),
                    by: r.get(4),
                    field: r.get(5),
                    before: r.get(6),
                    after: r.get(7),
                    undoes: r.get::<_, Option<Uuid>>(8).map(|u| u.to_string()),
                },
            );
        }
        for entry in &mut entries {
            if let Entry::Event { event, .. } = entry {
                let uid = uuid("event", &event.uid)?;
                *event = by_uid.remove(&uid).ok_or_else(|| {
                    DeskError::NotFound(format!("event {uid} vanished during a pull"))
                })?;
            }
        }
        Ok(PullResponse { entries, more })
    }

    /// Assigns article `article` to user `assignee`, due by `deadline`. Editors only.
    pub async fn assign(
        &self,
        user: &User,
        article: &str,
        assignee: &str,
        deadline: Option<DateTime<Utc>>,
    ) -> Result<()> {
        user.require(&["editor"], "assign articles")?;
        let article = uuid("article", article)?;
        let mut client = self.pool.get().await?;
        article_exists(&**client, article).await?;
        let to = client
            .query_opt("SELECT id FROM users WHERE name = $1", &[&assignee])
            .await?
            .ok_or_else(|| DeskError::NotFound(format!("no user {assignee:?} on this desk")))?;
        let to: i64 = to.get(0);
        let tx = client.transaction().await?;
        let seq = take_place(&tx).await?;
        tx.execute(
            "INSERT INTO assignments (article, assignee, assigned_by, deadline, seq) \
             VALUES ($1, $2, $3, $4, $5)",
            &[&article, &to, &user.id, &deadline, &seq],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The articles whose latest assignment is to `user`, soonest deadline first (no
    /// deadline last).
    pub async fn queue(&self, user: &User) -> Result<Vec<Assignment>> {
        let client = self.pool.get().await?;
        let rows = client
            .query(
                "SELECT a.article, ar.title, u.name, b.name, a.deadline, a.at \
                 FROM assignments a JOIN articles ar ON ar.uid = a.article \
                 JOIN users u ON u.id = a.assignee JOIN users b ON b.id = a.assigned_by \
                 WHERE a.assignee = $1 AND a.seq = (SELECT max(l.seq) FROM assignments l \
                                                   WHERE l.article = a.article) \
                 ORDER BY a.deadline NULLS LAST, a.seq",
                &[&user.id],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| Assignment {
                article: r.get::<_, Uuid>(0).to_string(),
                title: r.get(1),
                assignee: r.get(2),
                assigned_by: r.get(3),
                deadline: r.get(4),
                at: r.get(5),
            })
            .collect())
    }

    /// Signs article `article` off. Editors only, and only one who marked none of its
    /// claims (judged after every push before it); signing twice changes nothing.
    pub async fn sign_off(&self, user: &User, article: &str) -> Result<SignOff> {
        user.require(&["editor"], "sign articles off")?;
        let article = uuid("article", article)?;
        let mut client = self.pool.get().await?;
        article_exists(&**client, article).await?;
        // Under the stream's lock, so no push of this editor's marks can land between the
        // check and the sign-off.
        let tx = client.transaction().await?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&STREAM_LOCK])
            .await?;
        let marked: i64 = tx
            .query_one(
                "SELECT count(*) FROM events e JOIN claims c ON c.uid = e.claim \
                 WHERE c.article = $1 AND e.user_id = $2",
                &[&article, &user.id],
            )
            .await?
            .get(0);
        if marked > 0 {
            return Err(DeskError::Forbidden(format!(
                "{} made {marked} change(s) to this article's claims; a sign-off needs an \
                 editor who marked none of them",
                user.name
            )));
        }
        let signed = tx
            .query_opt(
                "SELECT at FROM signoffs WHERE article = $1 AND editor = $2",
                &[&article, &user.id],
            )
            .await?;
        let row = match signed {
            Some(row) => row,
            None => {
                let seq = next_seq(&*tx).await?;
                tx.query_one(
                    "INSERT INTO signoffs (article, editor, seq) VALUES ($1, $2, $3) \
                     RETURNING at",
                    &[&article, &user.id, &seq],
                )
                .await?
            }
        };
        tx.commit().await?;
        Ok(SignOff {
            editor: user.name.clone(),
            at: row.get(0),
        })
    }

    /// Who signed article `article` off, and when, first first.
    pub async fn sign_offs(&self, article: &str) -> Result<Vec<SignOff>> {
        let article = uuid("article", article)?;
        let client = self.pool.get().await?;
        article_exists(&**client, article).await?;
        let rows = client
            .query(
                "SELECT u.name, s.at FROM signoffs s JOIN users u ON u.id = s.editor \
                 WHERE s.article = $1 ORDER BY s.seq",
                &[&article],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| SignOff {
                editor: r.get(0),
                at: r.get(1),
            })
            .collect())
    }

    /// Adds a comment to claim `claim`'s thread.
    pub async fn comment(&self, user: &User, claim: &str, body: &str) -> Result<Comment> {
        let claim = uuid("claim", claim)?;
        if body.trim().is_empty() {
            return Err(DeskError::Invalid(
                "a comment needs words (it was empty)".into(),
            ));
        }
        let mut client = self.pool.get().await?;
        claim_exists(&**client, claim).await?;
        let tx = client.transaction().await?;
        let seq = take_place(&tx).await?;
        let row = tx
            .query_one(
                "INSERT INTO comments (claim, user_id, body, seq) VALUES ($1, $2, $3, $4) \
                 RETURNING id, at",
                &[&claim, &user.id, &body, &seq],
            )
            .await?;
        tx.commit().await?;
        Ok(Comment {
            id: row.get(0),
            by: user.name.clone(),
            body: body.to_string(),
            at: row.get(1),
        })
    }

    /// Claim `claim`'s comment thread, oldest first.
    pub async fn comments(&self, claim: &str) -> Result<Vec<Comment>> {
        let claim = uuid("claim", claim)?;
        let client = self.pool.get().await?;
        claim_exists(&**client, claim).await?;
        let rows = client
            .query(
                "SELECT c.id, u.name, c.body, c.at FROM comments c \
                 JOIN users u ON u.id = c.user_id WHERE c.claim = $1 ORDER BY c.seq",
                &[&claim],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| Comment {
                id: r.get(0),
                by: r.get(1),
                body: r.get(2),
                at: r.get(3),
            })
            .collect())
    }
}

/// The assignments, sign-offs and comments at places `seqs`, by place.
async fn load_records(
    client: &impl GenericClient,
    seqs: &[i64],
) -> Result<std::collections::HashMap<i64, Entry>> {
    let mut out = std::collections::HashMap::with_capacity(seqs.len());
    if seqs.is_empty() {
        return Ok(out);
    }
    for r in client
        .query(
            "SELECT a.seq, a.article, ar.title, u.name, b.name, a.deadline, a.at \
             FROM assignments a JOIN articles ar ON ar.uid = a.article \
             JOIN users u ON u.id = a.assignee JOIN users b ON b.id = a.assigned_by \
             WHERE a.seq = ANY($1)",
            &[&seqs],
        )
        .await?
    {
        let seq: i64 = r.get(0);
        let assignment = Assignment {
            article: r.get::<_, Uuid>(1).to_string(),
            title: r.get(2),
            assignee: r.get(3),
            assigned_by: r.get(4),
            deadline: r.get(5),
            at: r.get(6),
        };
        out.insert(seq, Entry::Assignment { seq, assignment });
    }
    for r in client
        .query(
            "SELECT s.seq, s.article, u.name, s.at FROM signoffs s \
             JOIN users u ON u.id = s.editor WHERE s.seq = ANY($1)",
            &[&seqs],
        )
        .await?
    {
        let seq: i64 = r.get(0);
        let entry = Entry::SignOff {
            seq,
            article: r.get::<_, Uuid>(1).to_string(),
            sign_off: SignOff {
                editor: r.get(2),
                at: r.get(3),
            },
        };
        out.insert(seq, entry);
    }
    for r in client
        .query(
            "SELECT c.seq, c.claim, c.id, u.name, c.body, c.at FROM comments c \
             JOIN users u ON u.id = c.user_id WHERE c.seq = ANY($1)",
            &[&seqs],
        )
        .await?
    {
        let seq: i64 = r.get(0);
        let entry = Entry::Comment {
            seq,
            claim: r.get::<_, Uuid>(1).to_string(),
            comment: Comment {
                id: r.get(2),
                by: r.get(3),
                body: r.get(4),
                at: r.get(5),
            },
        };
        out.insert(seq, entry);
    }
    if out.len() != seqs.len() {
        return Err(DeskError::NotFound(
            "an assignment, sign-off or comment vanished during a pull".into(),
        ));
    }
    Ok(out)
}

fn placeholder_event(uid: Uuid) -> DeskEvent {
    DeskEvent {
        uid: uid.to_string(),
        claim: String::new(),
        change: String::new(),
        at: DateTime::<Utc>::MIN_UTC,
        by: String::new(),
        field: String::new(),
        before: Value::Null,
        after: Value::Null,
        undoes: None,
    }
}

async fn article_exists(client: &impl GenericClient, article: Uuid) -> Result<()> {
    let found = client
        .query_opt("SELECT 1 FROM articles WHERE uid = $1", &[&article])
        .await?;
    found
        .map(|_| ())
        .ok_or_else(|| DeskError::NotFound(format!("no article {article} on this desk")))
}

async fn claim_exists(client: &impl GenericClient, claim: Uuid) -> Result<()> {
    let found = client
        .query_opt("SELECT 1 FROM claims WHERE uid = $1", &[&claim])
        .await?;
    found
        .map(|_| ())
        .ok_or_else(|| DeskError::NotFound(format!("no claim {claim} on this desk")))
}

/// The next place in the stream for one row written in `tx`: the stream's lock is held
/// until `tx` ends, as a push holds it.
async fn take_place(tx: &tokio_postgres::Transaction<'_>) -> Result<i64> {
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&STREAM_LOCK])
        .await?;
    next_seq(tx).await
}

async fn next_seq(client: &impl GenericClient) -> Result<i64> {
    Ok(client
        .query_one("SELECT nextval('stream_seq')", &[])
        .await?
        .get(0))
}

/// Publishes `article` (already there: its place; its text already another article: a
/// conflict).
async fn publish(client: &impl GenericClient, user: &User, article: &DeskArticle) -> Result<i64> {
    let uid = uuid("article", &article.uid)?;
    let hash = factdesk_core::store::content_hash(&article.text);
    if let Some(row) = client
        .query_opt(
            "SELECT seq, content_hash FROM articles WHERE uid = $1",
            &[&uid],
        )
        .await?
    {
        let (seq, stored): (i64, String) = (row.get(0), row.get(1));
        if stored != hash {
            return Err(DeskError::Conflict(format!(
                "article {uid} is already on the desk with another text; an article's text \
                 cannot be replaced"
            )));
        }
        return Ok(seq);
    }
    if let Some(row) = client
        .query_opt("SELECT uid FROM articles WHERE content_hash = $1", &[&hash])
        .await?
    {
        let other: Uuid = row.get(0);
        return Err(DeskError::Conflict(format!(
            "the text of article {uid} ({:?}) is already on the desk as article {other}; \
             sync to receive it",
            article.title
        )));
    }
    let seq = next_seq(client).await?;
    client
        .execute(
            "INSERT INTO articles (uid, seq, content_hash, title, byline, outlet, url, \
             published, body, published_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            &[
                &uid,
                &seq,
                &hash,
                &article.title,
                &article.byline,
                &article.outlet,
                &article.url,
                &article.published,
                &article.text,
                &user.id,
            ],
        )
        .await?;
    for claim in &article.claims {
        let claim_uid = uuid("claim", &claim.uid)?;
        if claim.claim.end > article.text.len()
            || !article.text.is_char_boundary(claim.claim.start)
            || !article.text.is_char_boundary(claim.claim.end)
            || claim.claim.start > claim.claim.end
        {
            return Err(DeskError::Invalid(format!(
                "claim {claim_uid} ({}..{}) does not lie on the text of article {uid}",
                claim.claim.start, claim.claim.end
            )));
        }
        let body = serde_json::to_value(claim)
            .map_err(|e| DeskError::Invalid(format!("claim {claim_uid}: {e}")))?;
        client
            .execute(
                "INSERT INTO claims (uid, article, body) VALUES ($1, $2, $3)",
                &[&claim_uid, &uid, &body],
            )
            .await
            .map_err(|e| {
                if e.code() == Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION) {
                    DeskError::Conflict(format!("claim {claim_uid} is already on the desk"))
                } else {
                    e.into()
                }
            })?;
    }
    Ok(seq)
}

/// Appends `event` (already there with the same content: its place; with other content:
/// a conflict, since the history cannot be rewritten).
async fn append(client: &impl GenericClient, user: &User, event: &DeskEvent) -> Result<i64> {
    let uid = uuid("event", &event.uid)?;
    let claim = uuid("claim", &event.claim)?;
    let change = uuid("change", &event.change)?;
    let undoes = event
        .undoes
        .as_deref()
        .map(|u| uuid("undone event", u))
        .transpose()?;
    if !SYNCED_FIELDS.contains(&event.field.as_str()) {
        return Err(DeskError::Invalid(format!(
            "event {uid} changes {:?}, which the desk does not carry ({})",
            event.field,
            SYNCED_FIELDS.join(", ")
        )));
    }
    if let Some(row) = client
        .query_opt(
            "SELECT seq, claim, field, before, after, undoes, user_id FROM events WHERE uid = $1",
            &[&uid],
        )
        .await?
    {
        let same = row.get::<_, Uuid>(1) == claim
            && row.get::<_, String>(2) == event.field
            && row.get::<_, Value>(3) == event.before
            && row.get::<_, Value>(4) == event.after
            && row.get::<_, Option<Uuid>>(5) == undoes
            && row.get::<_, i64>(6) == user.id;
        if !same {
            return Err(DeskError::Conflict(format!(
                "event {uid} is already on the desk with other content; the history cannot \
                 be rewritten"
            )));
        }
        return Ok(row.get(0));
    }
    claim_exists(client, claim).await?;
    if let Some(undone) = undoes {
        let row = client
            .query_opt("SELECT claim FROM events WHERE uid = $1", &[&undone])
            .await?
            .ok_or_else(|| {
                DeskError::NotFound(format!(
                    "event {uid} undoes {undone}, which is not on the desk"
                ))
            })?;
        if row.get::<_, Uuid>(0) != claim {
            return Err(DeskError::Invalid(format!(
                "event {uid} undoes {undone}, an event of another claim"
            )));
        }
    }
    let seq = next_seq(client).await?;
    client
        .execute(
            "INSERT INTO events (seq, uid, claim, change, at, user_id, field, before, after, \
             undoes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            &[
                &seq,
                &uid,
                &claim,
                &change,
                &event.at,
                &user.id,
                &event.field,
                &event.before,
                &event.after,
                &undoes,
            ],
        )
        .await?;
    Ok(seq)
}

async fn load_article(client: &impl GenericClient, uid: Uuid) -> Result<DeskArticle> {
    let row = client
        .query_one(
            "SELECT title, byline, outlet, url, published, body FROM articles WHERE uid = $1",
            &[&uid],
        )
        .await?;
    let claims = client
        .query("SELECT body FROM claims WHERE article = $1", &[&uid])
        .await?
        .iter()
        .map(|r| {
            serde_json::from_value::<DeskClaim>(r.get(0))
                .map_err(|e| DeskError::Invalid(format!("a stored claim of {uid}: {e}")))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(DeskArticle {
        uid: uid.to_string(),
        title: row.get(0),
        byline: row.get(1),
        outlet: row.get(2),
        url: row.get(3),
        published: row.get::<_, Option<NaiveDate>>(4),
        text: row.get(5),
        claims,
    })
}
