//! The desk's assignments, sign-offs and comments as this database holds them: they come
//! down with the desk's stream (applied by [`super::Store::desk_apply`], each once, at its
//! place) and are read here offline.
//!
//! - [`Store::queue`]: the articles assigned to a user, soonest deadline first;
//! - [`Store::sign_offs`]: who signed an article off, and when (reports show them);
//! - [`Store::comments`]: a claim's comment thread, in the desk's order.
//!
//! They are kept as the desk sent them, naming articles and claims by their desk UUIDs
//! and people by their desk names; a reassignment is a new row and the latest stands.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{articles, Kind, Result, Store};
use crate::desk::{Assignment, Comment, SignOff};

/// An article in a user's queue: assigned to them by the latest assignment on the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    /// The article's local id ("a12").
    pub article: String,
    /// The article's desk UUID.
    pub uid: String,
    /// Its title.
    pub title: String,
    /// Who assigned it.
    pub assigned_by: String,
    /// When it is due, if a deadline was set.
    pub deadline: Option<DateTime<Utc>>,
    /// When it was assigned.
    pub at: DateTime<Utc>,
    /// The editors who have signed it off, with when.
    pub sign_offs: Vec<SignOff>,
}

/// Stores an assignment pulled from the desk at place `seq`; false when it was here.
pub(super) fn apply_assignment(conn: &Connection, seq: i64, a: &Assignment) -> Result<bool> {
    let added = conn
        .prepare_cached(
            "INSERT INTO desk_assignment (seq, article_uid, assignee, assigned_by, deadline, at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (seq) DO NOTHING",
        )?
        .execute(params![
            seq,
            a.article,
            a.assignee,
            a.assigned_by,
            a.deadline.map(super::ts),
            super::ts(a.at)
        ])?;
    Ok(added == 1)
}

/// Stores a sign-off of desk article `article` pulled at place `seq`; false when it was
/// here.
pub(super) fn apply_sign_off(
    conn: &Connection,
    seq: i64,
    article: &str,
    s: &SignOff,
) -> Result<bool> {
    let added = conn
        .prepare_cached(
            "INSERT INTO desk_sign_off (seq, article_uid, editor, at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (seq) DO NOTHING",
        )?
        .execute(params![seq, article, s.editor, super::ts(s.at)])?;
    Ok(added == 1)
}

/// Stores a comment on desk claim `claim` pulled at place `seq`; false when it was here.
pub(super) fn apply_comment(conn: &Connection, seq: i64, claim: &str, c: &Comment) -> Result<bool> {
    let added = conn
        .prepare_cached(
            "INSERT INTO desk_comment (seq, id, claim_uid, by, body, at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (seq) DO NOTHING",
        )?
        .execute(params![seq, c.id, claim, c.by, c.body, super::ts(c.at)])?;
    Ok(added == 1)
}

/// The sign-offs of article row `key`, in the desk's order (none when it is not on a desk).
pub(super) fn sign_offs_of(conn: &Connection, key: i64) -> Result<Vec<SignOff>> {
    Ok(conn
        .prepare_cached(
            "SELECT s.editor, s.at FROM desk_sign_off s \
             JOIN desk_article da ON da.uid = s.article_uid \
             WHERE da.article_id = ?1 ORDER BY s.seq",
        )?
        .query_map([key], |r| {
            Ok(SignOff {
                editor: r.get(0)?,
                at: super::parse_ts(&r.get::<_, String>(1)?)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// The user this database's desk token names, when the database has joined a desk and
    /// learnt it.
    pub fn desk_user(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT user_name FROM desk WHERE id = 1", [], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// Records the name the desk gave this database's token (at join, or when first
    /// asked).
    pub fn set_desk_user(&mut self, name: &str) -> Result<()> {
        self.conn
            .execute("UPDATE desk SET user_name = ?1 WHERE id = 1", [name])?;
        Ok(())
    }

    /// The articles whose latest assignment on the desk is to `user`, soonest deadline
    /// first (those without one last, then by when they were assigned), with their local
    /// ids: what this database has pulled, offline too.
    pub fn queue(&self, user: &str) -> Result<Vec<QueueItem>> {
        let tx = self.read()?;
        let rows: Vec<(i64, String, String, String, Option<String>, String)> = tx
            .prepare_cached(
                "SELECT da.article_id, a.article_uid, ar.title, a.assigned_by, a.deadline, a.at \
                 FROM desk_assignment a \
                 JOIN desk_article da ON da.uid = a.article_uid \
                 JOIN article ar ON ar.id = da.article_id \
                 WHERE a.assignee = ?1 AND a.seq = (SELECT max(seq) FROM desk_assignment l \
                                                   WHERE l.article_uid = a.article_uid) \
                 ORDER BY a.deadline IS NULL, a.deadline, a.seq",
            )?
            .query_map([user], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(key, uid, title, assigned_by, deadline, at)| {
                Ok(QueueItem {
                    article: Kind::Article.id(key),
                    uid,
                    title,
                    assigned_by,
                    deadline: deadline.map(|d| super::parse_ts(&d)).transpose()?,
                    at: super::parse_ts(&at)?,
                    sign_offs: sign_offs_of(&tx, key)?,
                })
            })
            .collect()
    }

    /// Who signed article `article_id` ("a12") off on its desk, and when, in the desk's
    /// order; empty when no one has (or it is not on a desk).
    pub fn sign_offs(&self, article_id: &str) -> Result<Vec<SignOff>> {
        let key = Kind::Article.key(article_id)?;
        let tx = self.read()?;
        articles::article_exists(&tx, key, article_id)?;
        sign_offs_of(&tx, key)
    }

    /// Claim `claim_id`'s ("c345") comment thread on its desk, in the desk's order; empty
    /// when there is none (or the claim is not on a desk).
    pub fn comments(&self, claim_id: &str) -> Result<Vec<Comment>> {
        let key = Kind::Claim.key(claim_id)?;
        let tx = self.read()?;
        articles::claim_exists(&tx, key, claim_id)?;
        let comments = tx
            .prepare_cached(
                "SELECT m.id, m.by, m.body, m.at FROM desk_comment m \
                 JOIN desk_claim dc ON dc.uid = m.claim_uid \
                 WHERE dc.claim_id = ?1 ORDER BY m.seq",
            )?
            .query_map([key], |r| {
                Ok(Comment {
                    id: r.get(0)?,
                    by: r.get(1)?,
                    body: r.get(2)?,
                    at: super::parse_ts(&r.get::<_, String>(3)?)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(comments)
    }
}

#[cfg(test)]
mod tests {
    //! Assignments, sign-offs and comments pulled into real SQLite files: applied once at
    //! their places, read offline, and shown in the article's review.

    use chrono::TimeZone;

    use super::*;
    use crate::desk::{Entry, Placed, PushResponse};
    use crate::store::NewArticle;

    const SAMPLE: &str = include_str!("../../../../samples/seed-stoltenberg-kyiv.txt");

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 5, hour, 0, 0).unwrap()
    }

    /// A database with the sample published to a desk at place 1: its store, the
    /// article's local id and desk UUID, and a claim's local id and desk UUID.
    fn published(dir: &std::path::Path, name: &str) -> (Store, String, String, String, String) {
        let mut store = Store::open(&dir.join(name)).unwrap();
        store
            .join_desk("http://127.0.0.1:7700", "fdk_test")
            .unwrap();
        let article = store
            .import(
                NewArticle {
                    title: "Stoltenberg in Kyiv".into(),
                    text: SAMPLE.into(),
                    ..Default::default()
                },
                at(8),
            )
            .unwrap()
            .article
            .id;
        let uid = store.publish_to_desk(&article).unwrap();
        store
            .desk_acknowledge(&PushResponse {
                articles: vec![Placed {
                    uid: uid.clone(),
                    seq: 1,
                }],
                events: vec![],
            })
            .unwrap();
        let claim = store.claims(&article, &Default::default()).unwrap()[0]
            .id
            .clone();
        let claim_uid = store.desk_uid_of(&claim).unwrap().unwrap();
        (store, article, uid, claim, claim_uid)
    }

    fn assignment(article: &str, to: &str, deadline: Option<u32>, hour: u32) -> Assignment {
        Assignment {
            article: article.into(),
            title: "Stoltenberg in Kyiv".into(),
            assignee: to.into(),
            assigned_by: "ed".into(),
            deadline: deadline.map(at),
            at: at(hour),
        }
    }

    #[test]
    fn records_pulled_are_applied_once_and_read_offline() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, article, uid, claim, claim_uid) = published(dir.path(), "ana.db");
        let comment = |id: i64, by: &str, body: &str, hour: u32| Comment {
            id,
            by: by.into(),
            body: body.into(),
            at: at(hour),
        };
        let stream = vec![
            Entry::Assignment {
                seq: 2,
                assignment: assignment(&uid, "ben", Some(20), 9),
            },
            Entry::Comment {
                seq: 3,
                claim: claim_uid.clone(),
                comment: comment(1, "ben", "Which budget?", 10),
            },
            // Reassigned: the latest assignment stands.
            Entry::Assignment {
                seq: 4,
                assignment: assignment(&uid, "ana", Some(18), 11),
            },
            Entry::Comment {
                seq: 5,
                claim: claim_uid.clone(),
                comment: comment(2, "ana", "The <2023> one & no other", 12),
            },
            Entry::SignOff {
                seq: 6,
                article: uid.clone(),
                sign_off: SignOff {
                    editor: "eve".into(),
                    at: at(13),
                },
            },
        ];
        let pulled = store.desk_apply(&stream, at(14)).unwrap();
        assert_eq!(
            (pulled.assignments, pulled.comments, pulled.sign_offs),
            (2, 2, 1),
            "{pulled:?}"
        );
        assert_eq!(store.desk().unwrap().unwrap().cursor, 6);

        let queue = store.queue("ana").unwrap();
        assert_eq!(queue.len(), 1, "{queue:?}");
        assert_eq!(queue[0].article, article, "named by its local id");
        assert_eq!(queue[0].deadline, Some(at(18)));
        assert_eq!(queue[0].sign_offs.len(), 1);
        assert!(
            store.queue("ben").unwrap().is_empty(),
            "reassigned away from ben"
        );
        let thread: Vec<(String, String)> = store
            .comments(&claim)
            .unwrap()
            .into_iter()
            .map(|c| (c.by, c.body))
            .collect();
        assert_eq!(
            thread,
            [
                ("ben".to_string(), "Which budget?".to_string()),
                ("ana".to_string(), "The <2023> one & no other".to_string())
            ]
        );
        let signed = store.sign_offs(&article).unwrap();
        assert_eq!(
            signed,
            [SignOff {
                editor: "eve".into(),
                at: at(13)
            }]
        );
        assert_eq!(
            store.review(&article).unwrap().sign_offs,
            signed,
            "the article's review, which reports render, carries its sign-offs"
        );

        // The same entries again (a cursor reset, a repeated page) change nothing.
        store
            .conn
            .execute("UPDATE desk SET cursor = 1 WHERE id = 1", [])
            .unwrap();
        let again = store.desk_apply(&stream, at(15)).unwrap();
        assert_eq!(
            (
                again.assignments,
                again.comments,
                again.sign_offs,
                again.already
            ),
            (0, 0, 0, 5),
            "{again:?}"
        );
        assert_eq!(store.comments(&claim).unwrap().len(), 2);
        assert_eq!(store.sign_offs(&article).unwrap().len(), 1);

        // Nothing pulled is edited afterwards, even by hand.
        let err = store
            .conn
            .execute("UPDATE desk_comment SET body = 'rewritten'", [])
            .unwrap_err();
        assert!(err.to_string().contains("append-only"), "{err}");

        // Reopened, the file passes the schema check and still has everything.
        drop(store);
        let store = Store::open(&dir.path().join("ana.db")).unwrap();
        assert_eq!(store.queue("ana").unwrap().len(), 1);
        assert_eq!(store.comments(&claim).unwrap().len(), 2);
    }

    #[test]
    fn the_queue_is_by_deadline_and_bad_ids_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, article, uid, _, _) = published(dir.path(), "ana.db");
        let second = store
            .import(
                NewArticle {
                    title: "Second".into(),
                    text: "The council spent 4 million euros in March 2024.".into(),
                    ..Default::default()
                },
                at(8),
            )
            .unwrap()
            .article
            .id;
        let second_uid = store.publish_to_desk(&second).unwrap();
        let third = store
            .import(
                NewArticle {
                    title: "Third".into(),
                    text: "About 300 people marched on Sunday.".into(),
                    ..Default::default()
                },
                at(8),
            )
            .unwrap()
            .article
            .id;
        let third_uid = store.publish_to_desk(&third).unwrap();
        store
            .desk_acknowledge(&PushResponse {
                articles: vec![
                    Placed {
                        uid: second_uid.clone(),
                        seq: 2,
                    },
                    Placed {
                        uid: third_uid.clone(),
                        seq: 3,
                    },
                ],
                events: vec![],
            })
            .unwrap();
        store
            .desk_apply(
                &[
                    Entry::Assignment {
                        seq: 4,
                        assignment: assignment(&third_uid, "ana", None, 9),
                    },
                    Entry::Assignment {
                        seq: 5,
                        assignment: assignment(&uid, "ana", Some(20), 9),
                    },
                    Entry::Assignment {
                        seq: 6,
                        assignment: assignment(&second_uid, "ana", Some(17), 9),
                    },
                ],
                at(10),
            )
            .unwrap();
        let order: Vec<String> = store
            .queue("ana")
            .unwrap()
            .into_iter()
            .map(|q| q.article)
            .collect();
        assert_eq!(
            order,
            [second, article.clone(), third],
            "soonest deadline first, none last"
        );
        assert!(store.sign_offs(&article).unwrap().is_empty());
        let err = store.sign_offs("a99").unwrap_err().to_string();
        assert!(err.contains("a99"), "{err}");
        let err = store.comments("c9999").unwrap_err().to_string();
        assert!(err.contains("c9999"), "{err}");
    }

    #[test]
    fn an_entry_kind_this_version_does_not_know_fails_the_pull_clearly() {
        let page = r#"{"entries":[{"type":"vote","seq":7,"article":"x"}],"more":false}"#;
        let err = serde_json::from_str::<crate::desk::PullResponse>(page)
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown variant `vote`"), "{err}");
    }
}
