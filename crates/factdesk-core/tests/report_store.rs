//! Reports streamed from the store: the scope's reviews are read one at a time inside one
//! read transaction, so every pass of a report sees the same articles even while another
//! connection edits the database, and the streamed report equals the in-memory one.

use chrono::{TimeZone, Utc};
use factdesk_core::report::{self, ClaimSelection, Format, ReportInput, ReportMeta, StreamInput};
use factdesk_core::review::Status;
use factdesk_core::store::{ClaimFilter, Mark, NewArticle, ReviewScope, Store};

fn new_article(n: usize) -> NewArticle {
    NewArticle {
        title: format!("Article {n}"),
        byline: None,
        outlet: None,
        url: Some(format!("https://news.example/{n}")),
        published: None,
        text: format!(
            "The ministry said {} percent of households were paid in March 2023. \
             Officials counted {} protesters.",
            10 + n,
            300 + n
        ),
        provenance: None,
    }
}

fn meta() -> ReportMeta {
    ReportMeta {
        title: "Desk".into(),
        generated_at: Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap(),
        generated_by: "bench".into(),
        scope: None,
        publisher: None,
        publication_url: Some("https://desk.example/r".into()),
    }
}

#[test]
fn every_pass_of_a_streamed_report_sees_one_state_of_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let mut store = Store::open(&path).unwrap();
    for n in 0..5 {
        store.import(new_article(n), Utc::now()).unwrap();
    }
    let all = ReviewScope {
        all: true,
        ..ReviewScope::default()
    };
    let in_memory = store.reviews(&all).unwrap();
    let reviews = store.scope_reviews(&all).unwrap();
    assert_eq!(reviews.len(), 5);
    assert_eq!(reviews.ids(), ["a1", "a2", "a3", "a4", "a5"]);

    // Another connection edits the desk while the report is being written.
    let mut other = Store::open(&path).unwrap();
    let first = reviews.get(0).unwrap().unwrap();
    other.import(new_article(99), Utc::now()).unwrap();
    let claim = other
        .claims("a1", &ClaimFilter::default())
        .unwrap()
        .remove(0);
    other
        .mark(
            &claim.id,
            &Mark {
                status: Some(Status::False),
                note: Some("changed meanwhile".into()),
                source: None,
            },
            "ana",
            Utc::now(),
        )
        .unwrap();
    assert_eq!(
        reviews.get(0).unwrap().unwrap(),
        first,
        "the snapshot holds"
    );

    for format in Format::ALL {
        let mut streamed = Vec::new();
        report::write_stream(
            format,
            &StreamInput {
                meta: meta(),
                source: &reviews,
                selection: ClaimSelection::default(),
            },
            &mut streamed,
        )
        .unwrap();
        let whole = report::render(
            format,
            &ReportInput {
                meta: meta(),
                articles: &in_memory,
                selection: ClaimSelection::default(),
            },
        )
        .unwrap();
        let streamed = String::from_utf8(streamed).unwrap();
        assert_eq!(streamed, whole, "{format}");
        assert!(!streamed.contains("changed meanwhile"), "{format}");
    }
    drop(reviews);
    let now = store.reviews(&all).unwrap();
    assert_eq!(now.len(), 6, "a new read sees the edits");
}

#[test]
fn a_scope_names_an_unknown_article_and_lists_each_article_once() {
    let mut store = Store::open_in_memory().unwrap();
    for n in 0..3 {
        store.import(new_article(n), Utc::now()).unwrap();
    }
    let err = store
        .scope_reviews(&ReviewScope {
            article_ids: vec!["a2".into(), "a999".into()],
            ..ReviewScope::default()
        })
        .unwrap_err();
    assert!(err.to_string().contains("a999"), "{err}");
    let reviews = store
        .scope_reviews(&ReviewScope {
            article_ids: vec!["a3".into(), "a1".into(), "a3".into()],
            query: Some("ministry".into()),
            all: true,
        })
        .unwrap();
    assert_eq!(reviews.ids(), ["a3", "a1", "a2"]);
}
