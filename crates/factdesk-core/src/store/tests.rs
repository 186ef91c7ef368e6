//! Store tests on real news articles from the development corpus, with their gold claims
//! standing in for the engine's, on in-memory and temporary-file databases.

use std::path::Path;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::*;
use crate::claim::{Claim, ClaimKind, ClaimValue, DateValue, FigureValue, Span};
use crate::review::{Origin, Status};

#[derive(Deserialize)]
struct GoldLine {
    doc: String,
    published: Option<String>,
    text: String,
    claims: Vec<GoldClaim>,
}

#[derive(Deserialize)]
struct GoldClaim {
    kind: ClaimKind,
    text: String,
    start: usize,
    end: usize,
    value: Option<serde_json::Value>,
    speaker: Option<String>,
}

/// A corpus article with its gold claims as the engine would return them.
struct Doc {
    name: String,
    article: NewArticle,
    claims: Vec<Claim>,
}

fn corpus() -> Vec<Doc> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/corpus/dev.jsonl"
    );
    let raw = std::fs::read_to_string(path).expect("the development corpus is in the repository");
    raw.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let g: GoldLine = serde_json::from_str(l).expect("corpus line parses");
            let claims = g
                .claims
                .iter()
                .map(|c| Claim {
                    kind: c.kind,
                    start: c.start,
                    end: c.end,
                    text: c.text.clone(),
                    value: c.value.as_ref().map(|v| match c.kind {
                        ClaimKind::Date => ClaimValue::Date(
                            serde_json::from_value::<DateValue>(v.clone()).unwrap(),
                        ),
                        _ => ClaimValue::Figure(
                            serde_json::from_value::<FigureValue>(v.clone()).unwrap(),
                        ),
                    }),
                    speaker: c.speaker.clone(),
                    cue: None,
                    sentence: sentence_of(&g.text, Span::new(c.start, c.end)),
                })
                .collect();
            let title = g.text.lines().next().unwrap_or_default().to_string();
            Doc {
                name: g.doc.clone(),
                article: NewArticle {
                    title,
                    byline: None,
                    outlet: Some("Wikinews".into()),
                    url: Some(format!("https://en.wikinews.org/wiki/{}", g.doc)),
                    published: g
                        .published
                        .as_deref()
                        .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
                    text: g.text,
                    provenance: None,
                },
                claims,
            }
        })
        .collect()
}

fn doc(name: &str) -> Doc {
    corpus()
        .into_iter()
        .find(|d| d.name == name)
        .expect("document in corpus")
}

fn t(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 5, 1, 9, minute, 0).unwrap()
}

/// A store holding `name` with its gold claims; returns the store, the article id and the
/// stored claims in document order.
fn loaded(name: &str) -> (Store, String, Vec<crate::review::ReviewedClaim>) {
    let mut store = Store::open_in_memory().unwrap();
    let d = doc(name);
    let imported = store.import_with_claims(d.article, d.claims, t(0)).unwrap();
    let id = imported.article.id.clone();
    let claims = store.claims(&id, &ClaimFilter::default()).unwrap();
    (store, id, claims)
}

fn file_hash(path: &Path) -> String {
    hex(&Sha256::digest(std::fs::read(path).unwrap()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn find<'a>(
    claims: &'a [crate::review::ReviewedClaim],
    text: &str,
) -> &'a crate::review::ReviewedClaim {
    claims
        .iter()
        .find(|c| c.claim.text == text)
        .unwrap_or_else(|| panic!("a claim reading {text:?}"))
}

// --- opening -------------------------------------------------------------------------

#[test]
fn a_new_file_gets_the_schema_wal_and_foreign_keys_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/review.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.path(), Some(path.as_path()));
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let mode: String = store
        .conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: bool = store
        .conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert!(fk);
    let app: i32 = store
        .conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app, APPLICATION_ID);
    drop(store);
    let again = Store::open(&path).unwrap();
    assert_eq!(again.article_count().unwrap(), 0);
}

#[test]
fn a_reader_sees_committed_work_while_the_writer_is_mid_transaction_and_never_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let mut store = Store::open(&path).unwrap();
    let d = doc("dev-01");
    let id = store
        .import_with_claims(d.article, d.claims, t(0))
        .unwrap()
        .article
        .id;
    let reader = store.reader().unwrap();
    let first = store.claims(&id, &ClaimFilter::default()).unwrap()[0]
        .id
        .clone();
    store
        .mark(&first, &status(Status::Disputed), "ana", t(1))
        .unwrap();
    let seen = reader.review(&id).unwrap();
    assert_eq!(
        seen.claims.iter().find(|c| c.id == first).unwrap().status,
        Status::Disputed,
        "a verdict committed after the reader opened is in its next read"
    );
    // The writer holds the write lock with uncommitted work: the reader still answers, at
    // once, with what was committed.
    store.conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    store
        .conn
        .execute("UPDATE article SET title = 'uncommitted'", [])
        .unwrap();
    let started = std::time::Instant::now();
    let during = reader.review(&id).unwrap();
    assert!(
        started.elapsed() < BUSY_TIMEOUT,
        "the read did not wait for the writer's transaction"
    );
    assert_ne!(
        during.article.title, "uncommitted",
        "uncommitted work is not seen"
    );
    store.conn.execute_batch("ROLLBACK").unwrap();
    assert_eq!(
        reader.search("Kyiv", 5).unwrap(),
        store.search("Kyiv", 5).unwrap(),
        "searches through the reader find what the store finds"
    );
    let mut reader = reader;
    let err = reader
        .mark(&first, &status(Status::Verified), "ben", t(2))
        .unwrap_err();
    assert!(err.to_string().contains("readonly"), "{err}");
    assert_eq!(
        store.review(&id).unwrap().history.len(),
        seen.history.len(),
        "the refused write left no trace"
    );
    drop(reader);
    drop(store);
    assert!(
        Store::open(&path).unwrap().review(&id).is_ok(),
        "the file reopens whole after a reader and the store close"
    );
}

#[test]
fn an_in_memory_store_has_no_reader() {
    let store = Store::open_in_memory().unwrap();
    let err = store.reader().unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
}

#[test]
fn fts5_is_in_the_bundled_sqlite() {
    let store = Store::open_in_memory().unwrap();
    let enabled: bool = store
        .conn
        .query_row("SELECT sqlite_compileoption_used('ENABLE_FTS5')", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(enabled);
}

#[test]
fn an_empty_file_becomes_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("touched.db");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn another_programs_sqlite_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contacts.sqlite");
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE contact (name TEXT); INSERT INTO contact VALUES ('Ann');")
            .unwrap();
    }
    let before = file_hash(&path);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotFactdesk { .. }), "{err}");
    assert!(err.to_string().contains("contacts.sqlite"), "{err}");
    assert_eq!(file_hash(&path), before);
}

#[test]
fn a_text_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "Meeting notes: check the 107 figure\n").unwrap();
    let before = file_hash(&path);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotFactdesk { .. }), "{err}");
    assert_eq!(file_hash(&path), before);
}

#[test]
fn a_database_from_a_newer_factdesk_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(Store::open(&path).unwrap());
    {
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        c.pragma_update(None, "journal_mode", "delete").unwrap();
    }
    let before = file_hash(&path);
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerSchema { found, .. } if found == SCHEMA_VERSION + 1),
        "{err}"
    );
    assert!(err.to_string().contains("newer Factdesk"), "{err}");
    assert_eq!(file_hash(&path), before);
}

#[test]
fn a_damaged_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.db");
    {
        let mut s = Store::open(&path).unwrap();
        let d = doc("dev-01");
        s.import_with_claims(d.article, d.claims, t(0)).unwrap();
        s.conn
            .pragma_update(None, "journal_mode", "delete")
            .unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    // Keep the 100-byte header, wreck the schema table on page 1.
    for b in &mut bytes[100..4096] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let before = file_hash(&path);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
    assert!(err.to_string().contains("damaged"), "{err}");
    assert_eq!(file_hash(&path), before);
}

#[test]
fn a_read_only_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.db");
    drop(Store::open(&path).unwrap());
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let before = file_hash(&path);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
    assert_eq!(file_hash(&path), before);
}

#[test]
fn ids_are_short_and_refused_when_malformed() {
    assert_eq!(Kind::Claim.id(345), "c345");
    assert_eq!(Kind::Claim.key("c345").unwrap(), 345);
    assert_eq!(Kind::Claim.key("345").unwrap(), 345);
    for bad in ["a345", "c", "c-1", "c3x", "c0", "'; DROP TABLE claim; --"] {
        let err = Kind::Claim.key(bad).unwrap_err();
        assert!(err.to_string().contains(bad), "{err}");
    }
}

// --- articles ------------------------------------------------------------------------

#[test]
fn importing_the_same_text_twice_is_one_article_and_says_so() {
    let mut store = Store::open_in_memory().unwrap();
    let d = doc("dev-13");
    let n = d.claims.len();
    let first = store
        .import_with_claims(d.article.clone(), d.claims.clone(), t(0))
        .unwrap();
    assert!(first.created);
    assert_eq!(first.claims, n);
    assert_eq!(first.article.text, d.article.text);
    assert_eq!(first.article.content_hash, content_hash(&d.article.text));
    let mut renamed = d.article.clone();
    renamed.title = "Another title".into();
    renamed.url = None;
    let second = store.import_with_claims(renamed, d.claims, t(5)).unwrap();
    assert!(!second.created);
    assert_eq!(second.article.id, first.article.id);
    assert_eq!(second.article.imported_at, t(0));
    assert_eq!(store.article_count().unwrap(), 1);
    assert_eq!(store.claim_count().unwrap(), n);
}

#[test]
fn text_full_of_quotes_semicolons_and_sql_is_stored_exactly() {
    let mut store = Store::open_in_memory().unwrap();
    let text = "O'Brien said \"it's fine\"; then: '); DROP TABLE article; --\n\
                Robert'); DELETE FROM claim WHERE 1=1; -- and 100% of \\ backslashes"
        .to_string();
    let imported = store
        .import(
            NewArticle {
                title: "x'); DROP TABLE article; --".into(),
                byline: Some("Bobby \"Tables\"".into()),
                outlet: Some("O'Reilly; Times".into()),
                url: Some("https://example.org/?q=1';--".into()),
                published: None,
                text: text.clone(),
                provenance: None,
            },
            t(0),
        )
        .unwrap();
    let back = store.article(&imported.article.id).unwrap();
    assert_eq!(back.text, text);
    assert_eq!(back.title, "x'); DROP TABLE article; --");
    assert_eq!(back.byline.as_deref(), Some("Bobby \"Tables\""));
    let start = text.find("Robert").unwrap();
    let c = store
        .add_claim(
            &back.id,
            Span::new(start, start + 48),
            ClaimKind::Quote,
            "O'Hara",
            t(1),
        )
        .unwrap();
    let note = "'; UPDATE verdict SET status='verified'; --";
    let marked = store
        .mark(
            &c.id,
            &Mark {
                status: Some(Status::False),
                note: Some(note.into()),
                source: None,
            },
            "O'Hara",
            t(2),
        )
        .unwrap();
    assert_eq!(marked.note.as_deref(), Some(note));
    assert_eq!(marked.reviewer.as_deref(), Some("O'Hara"));
    let hits = store.search("DROP TABLE", 10).unwrap();
    assert!(hits.iter().any(|h| h.article_id == back.id), "{hits:?}");
    let hits = store.search("UPDATE verdict", 10).unwrap();
    assert!(hits.iter().any(|h| h.field == "note"), "{hits:?}");
    assert_eq!(store.article_count().unwrap(), 1);
}

#[test]
fn claims_that_do_not_fit_the_text_store_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let d = doc("dev-01");
    let mut claims = d.claims.clone();
    claims[3].start += 1;
    let err = store
        .import_with_claims(d.article.clone(), claims, t(0))
        .unwrap_err();
    assert!(matches!(err, StoreError::BadSpan { .. }), "{err}");
    assert_eq!(
        store.article_count().unwrap(),
        0,
        "the whole import rolled back"
    );
    assert_eq!(store.claim_count().unwrap(), 0);
}

#[test]
fn a_batch_keeps_the_good_articles_and_returns_the_bad_ones_error() {
    let mut store = Store::open_in_memory().unwrap();
    let docs = corpus();
    let mut broken = docs[1].claims.clone();
    broken[0].text.push('!');
    let batch = vec![
        (docs[0].article.clone(), docs[0].claims.clone()),
        (docs[1].article.clone(), broken),
        (docs[2].article.clone(), docs[2].claims.clone()),
        (docs[0].article.clone(), docs[0].claims.clone()),
    ];
    let out = store.import_batch(batch, t(0)).unwrap();
    assert!(out[0].as_ref().unwrap().created);
    assert!(matches!(out[1], Err(StoreError::BadSpan { .. })));
    assert!(out[2].as_ref().unwrap().created);
    let again = out[3].as_ref().unwrap();
    assert!(
        !again.created,
        "the same text earlier in the batch is already there"
    );
    assert_eq!(again.article.id, out[0].as_ref().unwrap().article.id);
    assert_eq!(store.article_count().unwrap(), 2);
    assert_eq!(
        store.claim_count().unwrap(),
        docs[0].claims.len() + docs[2].claims.len(),
        "nothing of the bad article is left"
    );
}

#[test]
fn the_article_list_counts_claims_per_status_and_filters() {
    let mut store = Store::open_in_memory().unwrap();
    let docs = corpus();
    let mut ids = Vec::new();
    for d in docs.into_iter().take(4) {
        ids.push(
            store
                .import_with_claims(d.article, d.claims, t(0))
                .unwrap()
                .article
                .id,
        );
    }
    let first = store.claims(&ids[0], &ClaimFilter::default()).unwrap();
    store
        .mark(&first[0].id, &status(Status::False), "ana", t(1))
        .unwrap();
    store
        .set_dismissed(&first[1].id, true, "ana", t(2))
        .unwrap();
    let list = store.articles(&ArticleFilter::default()).unwrap();
    assert_eq!(list.len(), 4);
    assert_eq!(list[0].id, ids[0]);
    assert_eq!(
        list[0].claims,
        first.len() - 1,
        "dismissed claims are not counted"
    );
    assert_eq!(list[0].counts.false_, 1);
    assert_eq!(list[0].counts.unchecked, first.len() - 2);
    let false_only = store
        .articles(&ArticleFilter {
            status: Some(Status::False),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        false_only.iter().map(|a| &a.id).collect::<Vec<_>>(),
        vec![&ids[0]]
    );
    let crane = store
        .articles(&ArticleFilter {
            query: Some("crane Mecca".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(crane.len(), 1);
    assert!(crane[0].title.contains("crane"));
}

fn status(s: Status) -> Mark {
    Mark {
        status: Some(s),
        ..Default::default()
    }
}

#[test]
fn an_unknown_article_or_claim_is_named() {
    let (mut store, _, _) = loaded("dev-01");
    let err = store.article("a999").unwrap_err();
    assert_eq!(err.to_string(), "no article \"a999\" in this database");
    let err = store
        .mark("c999", &status(Status::Verified), "ana", t(1))
        .unwrap_err();
    assert!(err.to_string().contains("c999"), "{err}");
    assert!(store.history("c999").is_err());
    assert!(store.claims("a999", &ClaimFilter::default()).is_err());
}

// --- claims --------------------------------------------------------------------------

#[test]
fn claims_come_back_in_document_order_with_values_and_speakers() {
    let d = doc("dev-01");
    let (store, id, claims) = loaded("dev-01");
    assert_eq!(claims.len(), d.claims.len());
    for (stored, gold) in claims.iter().zip(&d.claims) {
        assert_eq!(&stored.claim, gold);
        assert_eq!(stored.origin, Origin::Extracted);
        assert_eq!(stored.status, Status::Unchecked);
        assert_eq!(stored.article_id, id);
    }
    let quotes = store
        .claims(
            &id,
            &ClaimFilter {
                kind: Some(ClaimKind::Quote),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(!quotes.is_empty());
    assert!(quotes.iter().all(|c| c.claim.kind == ClaimKind::Quote));
    let anchor = store.anchor(&claims[4].id).unwrap();
    assert_eq!(
        anchor,
        TextQuoteAnchor::new(&d.article.text, claims[4].claim.span())
    );
}

#[test]
fn an_editor_adds_a_claim_on_any_span_but_not_a_bad_one() {
    let (mut store, id, claims) = loaded("seed");
    let text = store.article(&id).unwrap().text;
    let start = text.find("wreath laying").unwrap();
    let span = Span::new(start, start + "wreath laying".len());
    let added = store
        .add_claim(&id, span, ClaimKind::Date, "ana", t(1))
        .unwrap();
    assert_eq!(added.origin, Origin::Manual);
    assert_eq!(added.claim.text, "wreath laying");
    assert!(added.claim.sentence.contains(&span));
    assert!(text[added.claim.sentence.start..added.claim.sentence.end].contains("Norwegian"));
    let history = store.history(&added.id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].field, "added");
    let again = store
        .add_claim(&id, span, ClaimKind::Date, "ana", t(2))
        .unwrap_err();
    assert!(again.to_string().contains(&added.id), "{again}");
    let nbsp = text.find('\u{a0}').expect("the seed has a no-break space");
    for (bad, why) in [
        (Span::new(10, 10), "empty"),
        (Span::new(10, 5), "empty"),
        (Span::new(text.len() - 2, text.len() + 3), "bytes long"),
        (Span::new(nbsp + 1, nbsp + 5), "character"),
    ] {
        let err = store
            .add_claim(&id, bad, ClaimKind::Figure, "ana", t(3))
            .unwrap_err();
        assert!(matches!(err, StoreError::BadSpan { .. }), "{err}");
        assert!(err.to_string().contains(why), "{why}: {err}");
    }
    assert_eq!(
        store.claims(&id, &ClaimFilter::default()).unwrap().len(),
        claims.len() + 1
    );
    let err = store
        .add_claim(&id, span, ClaimKind::Figure, "  ", t(4))
        .unwrap_err();
    assert!(err.to_string().contains("reviewer"), "{err}");
}

#[test]
fn a_dismissed_claim_is_hidden_kept_and_reversible() {
    let (mut store, id, claims) = loaded("dev-01");
    let target = &claims[2];
    let dismissed = store.set_dismissed(&target.id, true, "ana", t(1)).unwrap();
    assert!(dismissed.dismissed);
    let shown = store.claims(&id, &ClaimFilter::default()).unwrap();
    assert!(shown.iter().all(|c| c.id != target.id));
    let all = store
        .claims(
            &id,
            &ClaimFilter {
                include_dismissed: true,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(all.iter().any(|c| c.id == target.id && c.dismissed));
    let same = store.set_dismissed(&target.id, true, "ana", t(2)).unwrap();
    assert!(same.dismissed);
    assert_eq!(
        store.history(&target.id).unwrap().len(),
        1,
        "no change, no event"
    );
    let back = store.set_dismissed(&target.id, false, "ben", t(3)).unwrap();
    assert!(!back.dismissed);
    let h = store.history(&target.id).unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(
        (h[1].before.clone(), h[1].after.clone()),
        (true.into(), false.into())
    );
    assert_eq!(h[1].by, "ben");
}

#[test]
fn corrections_of_speaker_and_value_are_history_and_checked_against_the_kind() {
    let (mut store, _, claims) = loaded("dev-01");
    let quote = claims
        .iter()
        .find(|c| c.claim.kind == ClaimKind::Quote)
        .unwrap();
    let figure = find(&claims, "238");
    let fixed = store
        .correct(
            &quote.id,
            &Correction {
                speaker: Some(Some("Gen. Suleiman al-Amr".into())),
                value: None,
            },
            "ana",
            t(1),
        )
        .unwrap();
    assert_eq!(fixed.claim.speaker.as_deref(), Some("Gen. Suleiman al-Amr"));
    let h = store.history(&quote.id).unwrap();
    assert_eq!(h[0].field, "speaker");
    assert_eq!(h[0].before, serde_json::json!(quote.claim.speaker));
    let new_value = ClaimValue::Figure(FigureValue {
        amount: Some(238.0),
        unit: Some("person".into()),
        qualifier: None,
        upper: None,
    });
    let v = store
        .correct(
            &figure.id,
            &Correction {
                speaker: None,
                value: Some(new_value.clone()),
            },
            "ana",
            t(2),
        )
        .unwrap();
    assert_eq!(v.claim.value, Some(new_value));
    let wrong = store
        .correct(
            &figure.id,
            &Correction {
                speaker: Some(Some("Someone".into())),
                value: None,
            },
            "ana",
            t(3),
        )
        .unwrap_err();
    assert!(wrong.to_string().contains("only quotes"), "{wrong}");
    let wrong = store
        .correct(
            &figure.id,
            &Correction {
                speaker: None,
                value: Some(ClaimValue::Date(DateValue {
                    iso: Some("2015-09-11".into()),
                })),
            },
            "ana",
            t(3),
        )
        .unwrap_err();
    assert!(wrong.to_string().contains("figure"), "{wrong}");
}

// --- verdicts, sources, history, undo ------------------------------------------------

#[test]
fn a_mark_records_one_event_per_change_and_nothing_for_no_change() {
    let (mut store, _, claims) = loaded("dev-01");
    let c = &claims[0];
    let m = Mark {
        status: Some(Status::Verified),
        note: Some("Civil Defense toll, 12 Sept".into()),
        source: Some(NewSource {
            url: Some(
                "https://en.wikinews.org/wiki/At_least_107_killed_in_Mecca_crane_collapse".into(),
            ),
            citation: None,
            title: Some("Wikinews".into()),
            shows: Some("107 dead".into()),
            accessed: NaiveDate::from_ymd_opt(2024, 5, 1),
        }),
    };
    let after = store.mark(&c.id, &m, "ana", t(1)).unwrap();
    assert_eq!(after.status, Status::Verified);
    assert_eq!(after.reviewer.as_deref(), Some("ana"));
    assert_eq!(after.reviewed_at, Some(t(1)));
    assert_eq!(after.sources.len(), 1);
    assert_eq!(after.sources[0].shows.as_deref(), Some("107 dead"));
    let h = store.history(&c.id).unwrap();
    let fields: Vec<&str> = h.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["status", "note", "source"]);
    assert_eq!(h[0].before, serde_json::json!("unchecked"));
    assert_eq!(h[0].after, serde_json::json!("verified"));
    assert!(h.iter().all(|e| e.by == "ana" && e.at == t(1)));
    let same = Mark {
        status: Some(Status::Verified),
        note: Some("Civil Defense toll, 12 Sept".into()),
        source: None,
    };
    store.mark(&c.id, &same, "ben", t(2)).unwrap();
    assert_eq!(store.history(&c.id).unwrap().len(), 3, "nothing changed");
    let cleared = store
        .mark(
            &c.id,
            &Mark {
                note: Some(String::new()),
                ..Default::default()
            },
            "ben",
            t(3),
        )
        .unwrap();
    assert_eq!(cleared.note, None);
    assert_eq!(
        cleared.reviewer.as_deref(),
        Some("ana"),
        "a note does not change the verdict's author"
    );
}

#[test]
fn a_source_needs_a_url_or_a_citation() {
    let (mut store, _, claims) = loaded("dev-01");
    let err = store
        .add_source(
            &claims[0].id,
            &NewSource {
                title: Some("untitled".into()),
                url: Some("  ".into()),
                ..Default::default()
            },
            "ana",
            t(1),
        )
        .unwrap_err();
    assert!(err.to_string().contains("URL or a citation"), "{err}");
    let ok = store
        .add_source(
            &claims[0].id,
            &NewSource {
                citation: Some(
                    "Phone call with the Civil Defense press office, 12 Sept 2015".into(),
                ),
                ..Default::default()
            },
            "ana",
            t(2),
        )
        .unwrap();
    assert_eq!(ok.sources.len(), 1);
    let removed = store.remove_source(&ok.sources[0].id, "ben", t(3)).unwrap();
    assert!(removed.sources.is_empty());
    let restored = store.undo(&claims[0].id, "ben", t(4)).unwrap().unwrap();
    assert_eq!(restored.field, "source");
    assert_eq!(store.claim(&claims[0].id).unwrap().sources.len(), 1);
}

#[test]
fn undo_walks_back_one_edit_at_a_time_and_is_recorded() {
    let (mut store, _, claims) = loaded("dev-01");
    let c = &claims[1].id;
    store
        .mark(c, &status(Status::Disputed), "ana", t(1))
        .unwrap();
    store
        .mark(
            c,
            &Mark {
                status: Some(Status::False),
                note: Some("The storm was on the 11th".into()),
                source: Some(NewSource {
                    url: Some("https://example.org/weather".into()),
                    ..Default::default()
                }),
            },
            "ben",
            t(2),
        )
        .unwrap();
    store.set_dismissed(c, true, "ben", t(3)).unwrap();

    let undone = store.undo_change(c, "cy", t(4)).unwrap();
    assert_eq!(undone.len(), 1);
    assert_eq!(undone[0].field, "dismissed");
    assert!(!store.claim(c).unwrap().dismissed);

    let undone = store.undo_change(c, "cy", t(5)).unwrap();
    assert_eq!(
        undone.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
        ["source", "note", "status"],
        "the whole edit, latest first"
    );
    let now = store.claim(c).unwrap();
    assert_eq!(now.status, Status::Disputed);
    assert_eq!(now.note, None);
    assert!(now.sources.is_empty());
    assert_eq!(now.reviewer.as_deref(), Some("cy"));

    let last = store.undo(c, "cy", t(6)).unwrap().unwrap();
    assert_eq!(last.field, "status");
    let now = store.claim(c).unwrap();
    assert_eq!(now.status, Status::Unchecked);
    assert_eq!(now.reviewer, None);
    assert_eq!(
        store.undo(c, "cy", t(7)).unwrap(),
        None,
        "nothing left to undo"
    );

    let h = store.history(c).unwrap();
    assert_eq!(
        h.len(),
        10,
        "5 edits' events and 5 undo events, none removed"
    );
    let undos: Vec<_> = h.iter().filter(|e| e.undoes.is_some()).collect();
    assert_eq!(undos.len(), 5);
    for u in undos {
        let target = h.iter().find(|e| Some(&e.id) == u.undoes.as_ref()).unwrap();
        assert_eq!((&u.before, &u.after), (&target.after, &target.before));
        assert_eq!(u.by, "cy");
    }
}

#[test]
fn undoing_a_correction_restores_the_engines_reading_and_reextraction_sees_it() {
    let (mut store, _, claims) = loaded("dev-01");
    let quote = claims
        .iter()
        .find(|c| c.claim.kind == ClaimKind::Quote)
        .unwrap();
    store
        .correct(
            &quote.id,
            &Correction {
                speaker: Some(None),
                value: None,
            },
            "ana",
            t(1),
        )
        .unwrap();
    assert_eq!(store.claim(&quote.id).unwrap().claim.speaker, None);
    store.undo(&quote.id, "ana", t(2)).unwrap();
    assert_eq!(
        store.claim(&quote.id).unwrap().claim.speaker,
        quote.claim.speaker
    );
    let corrected: bool = store
        .conn
        .query_row(
            "SELECT speaker_corrected FROM claim WHERE id = ?1",
            [Kind::Claim.key(&quote.id).unwrap()],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!corrected);
}

#[test]
fn undoing_an_added_claim_dismisses_it() {
    let (mut store, id, _) = loaded("dev-13");
    let added = store
        .add_claim(&id, Span::new(0, 8), ClaimKind::Quote, "ana", t(1))
        .unwrap();
    let undone = store.undo(&added.id, "ana", t(2)).unwrap().unwrap();
    assert_eq!(undone.field, "added");
    assert!(store.claim(&added.id).unwrap().dismissed);
}

#[test]
fn history_cannot_be_rewritten_even_in_sql() {
    let (mut store, _, claims) = loaded("dev-01");
    store
        .mark(&claims[0].id, &status(Status::Verified), "ana", t(1))
        .unwrap();
    let err = store
        .conn
        .execute("UPDATE history SET by = 'mallory'", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = store.conn.execute("DELETE FROM history", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    assert_eq!(store.history(&claims[0].id).unwrap()[0].by, "ana");
}

#[test]
fn a_review_has_the_article_every_claim_and_every_event() {
    let (mut store, id, claims) = loaded("dev-06");
    store
        .mark(&claims[0].id, &status(Status::Verified), "ana", t(1))
        .unwrap();
    store
        .set_dismissed(&claims[1].id, true, "ana", t(2))
        .unwrap();
    let review = store.review(&id).unwrap();
    assert_eq!(review.article.id, id);
    assert_eq!(review.claims.len(), claims.len());
    assert!(review.claims[1].dismissed);
    assert_eq!(review.history.len(), 2);
    assert!(review.history[0].at < review.history[1].at);
}

// --- search --------------------------------------------------------------------------

#[test]
fn search_finds_article_text_claims_speakers_and_notes() {
    let mut store = Store::open_in_memory().unwrap();
    let mut ids = Vec::new();
    for d in corpus() {
        ids.push(
            store
                .import_with_claims(d.article, d.claims, t(0))
                .unwrap()
                .article
                .id,
        );
    }
    let hits = store.search("crane", 50).unwrap();
    assert!(
        hits.iter()
            .any(|h| h.field == "article" && h.snippet.contains("[crane]")),
        "{hits:?}"
    );
    let speaker = store.search("Stoltenberg", 50).unwrap();
    assert!(
        speaker
            .iter()
            .any(|h| h.field == "speaker" && h.claim_id.is_some()),
        "{speaker:?}"
    );
    let claims = store.claims(&ids[0], &ClaimFilter::default()).unwrap();
    store
        .mark(
            &claims[0].id,
            &Mark {
                note: Some("Toll confirmed by the Saudi health ministry".into()),
                ..Default::default()
            },
            "ana",
            t(1),
        )
        .unwrap();
    let note = store.search("ministry toll", 50).unwrap();
    let hit = note.iter().find(|h| h.field == "note").expect("note hit");
    assert_eq!(hit.claim_id.as_deref(), Some(claims[0].id.as_str()));
    assert_eq!(hit.article_id, ids[0]);
    let quote = store.search("casualties left", 50).unwrap();
    assert!(quote.iter().any(|h| h.field == "claim"), "{quote:?}");
    let limited = store.search("the", 5).unwrap();
    assert_eq!(limited.len(), 5);
    assert!(store
        .search("'); DROP TABLE article; --", 5)
        .unwrap()
        .is_empty());
    assert!(store.search(" ; -- ", 5).is_err());
    assert_eq!(store.article_count().unwrap(), ids.len());
}

// --- re-anchoring and re-extraction --------------------------------------------------

#[test]
fn a_new_version_reanchors_claims_and_orphans_reviewed_ones_it_cannot_place() {
    let d = doc("dev-01");
    let (mut store, id, claims) = loaded("dev-01");
    let toll = find(&claims, "238");
    let yesterday = find(&claims, "yesterday afternoon");
    let headline = find(&claims, "At least 107");
    store
        .mark(&toll.id, &status(Status::Verified), "ana", t(1))
        .unwrap();
    store
        .mark(&yesterday.id, &status(Status::Verified), "ana", t(1))
        .unwrap();
    let mut edited = d.article.clone();
    edited.text = d
        .article
        .text
        .replacen("wounding 238", "wounding 240", 1)
        .replacen("A storm yesterday", "A violent storm yesterday", 1);
    let imported = store.import(edited.clone(), t(10)).unwrap();
    assert!(!imported.created);
    assert_eq!(
        imported.article.id, id,
        "same URL: a new version of the same article"
    );
    assert_eq!(imported.article.text, edited.text);
    let update = imported.update.expect("a text update");
    assert_eq!(update.version, 2);
    assert_eq!(update.orphaned, vec![toll.id.clone()]);
    let after = store.claim(&toll.id).unwrap();
    assert!(after.orphaned);
    assert_eq!(after.status, Status::Verified, "reviewed work is kept");
    assert_eq!(after.claim.text, "238");
    let moved = store.claim(&yesterday.id).unwrap();
    assert!(!moved.orphaned);
    assert_eq!(
        &edited.text[moved.claim.start..moved.claim.end],
        "yesterday afternoon"
    );
    assert_eq!(moved.claim.start, yesterday.claim.start + "violent ".len());
    let same = store.claim(&headline.id);
    let engine = crate::extract::extract(&edited.text, edited.published);
    if engine.iter().all(|c| c.span() != headline.claim.span()) {
        assert!(
            same.is_err(),
            "an untouched claim the engine no longer finds goes"
        );
    }
    assert_eq!(
        store.versions(&id).unwrap(),
        vec![(1, d.article.text.clone())]
    );
    let placed = store
        .set_span(
            &toll.id,
            Span::new(
                edited.text.find("240").unwrap(),
                edited.text.find("240").unwrap() + 3,
            ),
            "ana",
            t(11),
        )
        .unwrap();
    assert!(!placed.orphaned);
    assert_eq!(placed.claim.text, "240");
    assert_eq!(
        store.history(&toll.id).unwrap().last().unwrap().field,
        "span"
    );
}

#[test]
fn reextraction_keeps_every_reviewed_claim_and_reports_those_the_engine_lost() {
    let (mut store, id, claims) = loaded("dev-10");
    let text = store.article(&id).unwrap().text;
    let published = store.article(&id).unwrap().published;
    let reviewed = &claims[0];
    let noted = &claims[1];
    let dismissed = &claims[2];
    store
        .mark(&reviewed.id, &status(Status::Misleading), "ana", t(1))
        .unwrap();
    store
        .mark(
            &noted.id,
            &Mark {
                note: Some("ask the desk".into()),
                ..Default::default()
            },
            "ana",
            t(1),
        )
        .unwrap();
    store
        .set_dismissed(&dismissed.id, true, "ana", t(1))
        .unwrap();
    let manual = store
        .add_claim(&id, Span::new(0, 11), ClaimKind::Quote, "ana", t(2))
        .unwrap();
    let report = store.reextract(&id, t(3)).unwrap();
    let engine = crate::extract::extract(&text, published);
    let after = store
        .claims(
            &id,
            &ClaimFilter {
                include_dismissed: true,
                ..Default::default()
            },
        )
        .unwrap();
    for keep in [reviewed, noted, dismissed] {
        let now = after
            .iter()
            .find(|c| c.id == keep.id)
            .expect("reviewed claim kept");
        assert_eq!(now.claim.span(), keep.claim.span());
    }
    assert!(
        after.iter().any(|c| c.id == manual.id),
        "hand-marked claims are never touched"
    );
    assert_eq!(
        store.claim(&reviewed.id).unwrap().status,
        Status::Misleading
    );
    for e in &engine {
        assert!(
            after
                .iter()
                .any(|c| c.claim.kind == e.kind && c.claim.span() == e.span()),
            "the engine's claim at {}..{} is stored",
            e.start,
            e.end
        );
    }
    let lost: Vec<&String> = [reviewed, noted]
        .into_iter()
        .filter(|c| {
            !engine
                .iter()
                .any(|e| e.kind == c.claim.kind && e.span() == c.claim.span())
        })
        .map(|c| &c.id)
        .collect();
    assert_eq!(report.orphaned.iter().collect::<Vec<_>>(), lost);
    let untouched_lost = claims
        .iter()
        .skip(3)
        .filter(|c| {
            !engine
                .iter()
                .any(|e| e.kind == c.claim.kind && e.span() == c.claim.span())
        })
        .count();
    assert_eq!(report.removed, untouched_lost);
    assert_eq!(report.kept + report.added, engine.len());
    let again = store.reextract(&id, t(4)).unwrap();
    assert_eq!(
        (again.added, again.removed),
        (0, 0),
        "a second run changes nothing"
    );
}

#[test]
fn merge_keeps_corrections_over_the_engines_new_reading() {
    let (mut store, id, claims) = loaded("dev-01");
    let quote = claims
        .iter()
        .find(|c| c.claim.kind == ClaimKind::Quote)
        .unwrap();
    store
        .correct(
            &quote.id,
            &Correction {
                speaker: Some(Some("Suleiman al-Amr (Civil Defense)".into())),
                value: None,
            },
            "ana",
            t(1),
        )
        .unwrap();
    let d = doc("dev-01");
    let mut found = d.claims.clone();
    for c in &mut found {
        if c.kind == ClaimKind::Quote {
            c.speaker = Some("Engine Guess".into());
        }
    }
    found.retain(|c| c.text != "238");
    let key = Kind::Article.key(&id).unwrap();
    let tx = store.conn.transaction().unwrap();
    let report = reextract::merge(&tx, key, &d.article.text, found.clone()).unwrap();
    tx.commit().unwrap();
    assert_eq!(report.kept, found.len());
    assert_eq!((report.added, report.removed), (0, 1));
    let now = store.claims(&id, &ClaimFilter::default()).unwrap();
    let q = now.iter().find(|c| c.id == quote.id).unwrap();
    assert_eq!(
        q.claim.speaker.as_deref(),
        Some("Suleiman al-Amr (Civil Defense)")
    );
    let other = now
        .iter()
        .find(|c| c.claim.kind == ClaimKind::Quote && c.id != quote.id)
        .unwrap();
    assert_eq!(other.claim.speaker.as_deref(), Some("Engine Guess"));
}

// --- backup and concurrency ----------------------------------------------------------

#[test]
fn a_backup_is_a_whole_factdesk_database_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.db");
    let mut store = Store::open(&path).unwrap();
    let d = doc("dev-01");
    let imported = store.import_with_claims(d.article, d.claims, t(0)).unwrap();
    let claims = store
        .claims(&imported.article.id, &ClaimFilter::default())
        .unwrap();
    store
        .mark(&claims[0].id, &status(Status::Verified), "ana", t(1))
        .unwrap();
    let copy = dir.path().join("copy.db");
    store.backup(&copy).unwrap();
    let err = store.backup(&copy).unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty());
    let back = Store::open(&copy).unwrap();
    assert_eq!(
        back.review(&imported.article.id).unwrap(),
        store.review(&imported.article.id).unwrap()
    );
}

#[test]
fn two_writers_on_one_file_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let (_, id, _) = {
        let mut s = Store::open(&path).unwrap();
        let d = doc("dev-02");
        let imported = s.import_with_claims(d.article, d.claims, t(0)).unwrap();
        let claims = s
            .claims(&imported.article.id, &ClaimFilter::default())
            .unwrap();
        ((), imported.article.id, claims)
    };
    let writers: Vec<_> = ["ana", "ben"]
        .into_iter()
        .map(|who| {
            let path = path.clone();
            let id = id.clone();
            std::thread::spawn(move || {
                let mut s = Store::open(&path).unwrap();
                let claims = s.claims(&id, &ClaimFilter::default()).unwrap();
                for (i, c) in claims.iter().enumerate() {
                    s.mark(
                        &c.id,
                        &Mark {
                            note: Some(format!("{who} {i}")),
                            ..Default::default()
                        },
                        who,
                        t(i as u32 % 60),
                    )
                    .unwrap();
                }
                claims.len()
            })
        })
        .collect();
    let counts: Vec<usize> = writers.into_iter().map(|w| w.join().unwrap()).collect();
    let s = Store::open(&path).unwrap();
    let review = s.review(&id).unwrap();
    let events = review.history.len();
    assert!(
        events >= counts[0].max(counts[1]),
        "every note change is kept"
    );
    for c in &review.claims {
        let h: Vec<_> = review
            .history
            .iter()
            .filter(|e| e.claim_id == c.id)
            .collect();
        assert!(h.len() == 1 || h.len() == 2, "{h:?}");
        assert_eq!(
            c.note.as_ref(),
            h.last().unwrap().after.as_str().map(String::from).as_ref()
        );
    }
}

// --- full-text index consistency -----------------------------------------------------

#[test]
fn the_full_text_index_stays_in_step_with_every_change() {
    let (mut store, id, claims) = loaded("dev-01");
    let d = doc("dev-01");
    let quote = claims
        .iter()
        .find(|c| c.claim.kind == ClaimKind::Quote)
        .unwrap();
    store
        .mark(
            &claims[0].id,
            &Mark {
                status: Some(Status::Verified),
                note: Some("first note".into()),
                source: None,
            },
            "ana",
            t(1),
        )
        .unwrap();
    store
        .mark(
            &claims[0].id,
            &Mark {
                note: Some("second note".into()),
                ..Default::default()
            },
            "ana",
            t(2),
        )
        .unwrap();
    store
        .correct(
            &quote.id,
            &Correction {
                speaker: Some(Some("Someone Else".into())),
                value: None,
            },
            "ana",
            t(3),
        )
        .unwrap();
    store.undo(&quote.id, "ana", t(4)).unwrap();
    store
        .add_claim(&id, Span::new(0, 8), ClaimKind::Quote, "ana", t(5))
        .unwrap();
    let mut edited = d.article.clone();
    edited.text = d.article.text.replacen("wounding 238", "wounding 240", 1);
    store.import(edited, t(6)).unwrap();
    store.reextract(&id, t(7)).unwrap();
    for table in ["article_fts", "claim_fts", "note_fts"] {
        store
            .conn
            .execute(
                &format!("INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)"),
                [],
            )
            .unwrap_or_else(|e| panic!("{table} matches its table: {e}"));
    }
    let hits = store.search("second note", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert!(store
        .search("first", 10)
        .unwrap()
        .iter()
        .all(|h| h.field != "note"));
    assert!(store
        .search("240", 10)
        .unwrap()
        .iter()
        .any(|h| h.field == "article"));
}

#[test]
fn an_upgrade_left_for_later_is_finished_by_finish_upgrade_and_memory_then_sees_old_claims() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("older.db");
    let at = chrono::Utc::now();
    let said = "We will not back down from this fight, whatever it costs us all";
    {
        let mut store = Store::open(&db).unwrap();
        for (title, who) in [("First", "Ana Ruiz"), ("Second", "Ana Ruiz")] {
            store
                .import(
                    NewArticle {
                        title: title.into(),
                        text: format!("{title} story\n\n\"{said},\" {who} said on Monday.\n"),
                        ..Default::default()
                    },
                    at,
                )
                .unwrap();
        }
        // As a library from before claim memory: no keys, the fill pending.
        store.conn.execute("DELETE FROM claim_memory", []).unwrap();
        store
            .conn
            .execute("INSERT INTO claim_memory_pending (since) VALUES (0)", [])
            .unwrap();
    }
    let quote_of = |store: &Store, article: &str| {
        store
            .claims(article, &ClaimFilter::default())
            .unwrap()
            .into_iter()
            .find(|c| c.claim.kind == ClaimKind::Quote)
            .unwrap()
            .id
    };
    let mut store = Store::open_deferring_upgrade(&db).unwrap();
    let second = quote_of(&store, "a2");
    assert!(
        store.memory(&second, 5).unwrap().seen_before.is_empty(),
        "before the upgrade finishes, older claims have no keys"
    );
    store.finish_upgrade().unwrap();
    assert_eq!(store.memory(&second, 5).unwrap().seen_before.len(), 1);
    store.finish_upgrade().unwrap();
}

fn provenance(source: &str, format: &str) -> Option<crate::review::Provenance> {
    Some(crate::review::Provenance {
        source: source.into(),
        format: format.into(),
        source_hash: format!("hash of {source}"),
    })
}

/// Regression: an older page served again at the same URL became a new version, rolling
/// the article back; an older draft file re-imported became a second article.
#[test]
fn an_earlier_text_is_refused_never_a_rollback() {
    let d = doc("dev-01");
    let (mut store, id, _) = loaded("dev-01");
    let mut edited = d.article.clone();
    edited.text = d.article.text.replacen("wounding 238", "wounding 240", 1);
    edited.provenance = provenance("https://en.wikinews.org/wiki/dev-01", "html");
    let update = store.import(edited.clone(), t(5)).unwrap();
    assert_eq!(update.update.map(|u| u.version), Some(2));
    let before = store.review(&id).unwrap();
    for (what, mut old) in [
        ("same URL", d.article.clone()),
        ("no URL", d.article.clone()),
    ] {
        if what == "no URL" {
            old.url = None;
        }
        let err = store.import(old, t(9)).unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::EarlierVersion {
                    version: 1,
                    current: 2,
                    ..
                }
            ),
            "{what}: {err}"
        );
        assert!(err.is_refusal());
        assert!(err.to_string().contains(&id), "{err}");
        assert_eq!(
            store.review(&id).unwrap(),
            before,
            "{what}: nothing changed"
        );
        assert_eq!(
            store.article_count().unwrap(),
            1,
            "{what}: no second article"
        );
    }
    let again = store.import(edited.clone(), t(10)).unwrap();
    assert!(
        !again.created && again.update.is_none(),
        "the current text changes nothing"
    );
    let versions: Vec<(Option<String>, Option<String>)> = store
        .conn
        .prepare("SELECT source, format FROM article_version ORDER BY version")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(versions, vec![(None, None)], "version 1 had no provenance");
    assert_eq!(store.article(&id).unwrap().provenance, edited.provenance);
}

/// A text meant as a version of one article that is already another article is refused
/// whole; `import_version` makes any text a version of the named article, and a batch
/// with a refused article still stores the others.
#[test]
fn versions_by_id_and_refusals_in_a_batch() {
    let one = doc("dev-01");
    let two = doc("dev-02");
    let mut store = Store::open_in_memory().unwrap();
    let a = store.import(one.article.clone(), t(0)).unwrap().article.id;
    let b = store.import(two.article.clone(), t(0)).unwrap().article.id;
    let mut clash = two.article.clone();
    clash.url = one.article.url.clone();
    let err = store.import(clash, t(1)).unwrap_err();
    assert!(
        matches!(&err, StoreError::TextElsewhere { article, other } if *article == a && *other == b),
        "{err}"
    );
    let mut draft = one.article.clone();
    draft.url = None;
    draft.text.push_str("\n\nThis article was corrected.\n");
    draft.provenance = provenance("/drafts/crane-v2.docx", "docx");
    let v2 = store.import_version(&a, draft.clone(), t(2)).unwrap();
    assert_eq!(v2.article.id, a);
    assert_eq!(v2.update.map(|u| u.version), Some(2));
    assert_eq!(v2.article.url, one.article.url, "the URL is kept");
    assert_eq!(v2.article.provenance, draft.provenance);
    assert!(matches!(
        store.import_version("a99", draft.clone(), t(3)),
        Err(StoreError::NotFound { .. })
    ));
    let mut fresh = doc("dev-03").article;
    fresh.url = None;
    let out = store
        .import_batch(
            vec![(one.article.clone(), Vec::new()), (fresh, Vec::new())],
            t(4),
        )
        .unwrap();
    assert!(matches!(out[0], Err(StoreError::EarlierVersion { .. })));
    assert!(out[1].as_ref().is_ok_and(|i| i.created));
    assert_eq!(store.article_count().unwrap(), 3);
}

/// A text stored from a file and later imported from a URL is the same article, which
/// then keeps the URL, so the next edit at that URL is a version of it.
#[test]
fn a_stored_text_found_at_a_url_takes_the_url() {
    let d = doc("dev-04");
    let mut store = Store::open_in_memory().unwrap();
    let mut file = d.article.clone();
    file.url = None;
    file.provenance = provenance("/desk/story.txt", "text");
    let id = store.import(file, t(0)).unwrap().article.id;
    let mut web = d.article.clone();
    web.provenance = provenance("https://news.example/story", "html");
    let same = store.import(web.clone(), t(1)).unwrap();
    assert_eq!(
        (same.article.id.as_str(), same.created),
        (id.as_str(), false)
    );
    assert_eq!(same.article.url, d.article.url);
    assert_eq!(
        same.article.provenance.map(|p| p.source),
        Some("/desk/story.txt".to_string()),
        "what the article knew is not overwritten"
    );
    web.text.push_str("\n\nUpdated.\n");
    let next = store.import(web, t(2)).unwrap();
    assert_eq!(next.article.id, id);
    assert_eq!(next.update.map(|u| u.version), Some(2));
    let listed = store.articles(&ArticleFilter::default()).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].version, 2);
    assert_eq!(
        listed[0].provenance.as_ref().map(|p| p.source.as_str()),
        Some("https://news.example/story")
    );
}
