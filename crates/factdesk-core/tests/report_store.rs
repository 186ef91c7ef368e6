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

#[test]
fn every_format_names_who_signed_an_article_off_and_when_escaped() {
    use factdesk_core::desk::{Entry, Placed, PushResponse, SignOff};

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("desk.db")).unwrap();
    store.import(new_article(1), Utc::now()).unwrap();
    store.import(new_article(2), Utc::now()).unwrap();
    store
        .join_desk("http://127.0.0.1:7700", "fdk_test")
        .unwrap();
    let uid = store.publish_to_desk("a1").unwrap();
    store
        .desk_acknowledge(&PushResponse {
            articles: vec![Placed {
                uid: uid.clone(),
                seq: 1,
            }],
            events: vec![],
        })
        .unwrap();
    let editor = "Eve <b>O'Hara</b> & \"co\"";
    let at = Utc.with_ymd_and_hms(2026, 12, 5, 19, 30, 0).unwrap();
    store
        .desk_apply(
            &[Entry::SignOff {
                seq: 2,
                article: uid,
                sign_off: SignOff {
                    editor: editor.into(),
                    at,
                },
            }],
            Utc::now(),
        )
        .unwrap();
    let all = ReviewScope {
        all: true,
        ..ReviewScope::default()
    };
    let reviews = store.reviews(&all).unwrap();
    assert_eq!(reviews[0].sign_offs.len(), 1, "a1 was signed off");
    assert!(reviews[1].sign_offs.is_empty(), "a2 was not");
    let render = |format| {
        report::render(
            format,
            &ReportInput {
                meta: meta(),
                articles: &reviews,
                selection: ClaimSelection::default(),
            },
        )
        .unwrap()
    };

    let html = render(Format::Html);
    assert_eq!(
        html.matches("Signed off by").count(),
        1,
        "only a1's: {html}"
    );
    assert!(
        html.contains("Eve &lt;b&gt;O&#x27;Hara&lt;&#x2f;b&gt; &amp; &quot;co&quot;")
            && html.contains("2026-12-05 19:30 UTC")
            && html.contains("datetime=\"2026-12-05T19:30:00+00:00\""),
        "the editor escaped, with the time"
    );
    assert!(!html.contains("<b>O'Hara"), "no markup from a name");

    let md = render(Format::Markdown);
    let line = md
        .lines()
        .find(|l| l.starts_with("Signed off by"))
        .expect("a sign-off line in Markdown");
    assert!(line.contains("2026-12-05 19:30 UTC"), "{line}");
    assert!(
        line.contains("Eve \\<b>O'Hara\\</b> \\& "),
        "escaped: {line}"
    );

    let json: serde_json::Value = serde_json::from_str(&render(Format::Json)).unwrap();
    let articles = json["articles"].as_array().unwrap();
    assert_eq!(articles[0]["sign_offs"][0]["editor"], editor);
    assert_eq!(articles[0]["sign_offs"][0]["at"], "2026-12-05T19:30:00Z");
    assert!(articles[1].get("sign_offs").is_none(), "none for a2");

    let csv = render(Format::Csv);
    let mut rows = ::csv::Reader::from_reader(csv.as_bytes());
    let header = rows.headers().unwrap().clone();
    let col = header.iter().position(|h| h == "signed_off").unwrap();
    let id = header.iter().position(|h| h == "article_id").unwrap();
    for row in rows.records() {
        let row = row.unwrap();
        let expected = if &row[id] == "a1" {
            format!("{editor} 2026-12-05T19:30:00+00:00")
        } else {
            String::new()
        };
        assert_eq!(row[col], expected, "{:?}", row);
    }

    // ClaimReview lists reviewed claims only; mark one claim of each article to see both.
    for article in ["a1", "a2"] {
        let claim = store
            .claims(article, &ClaimFilter::default())
            .unwrap()
            .remove(0);
        store
            .mark(
                &claim.id,
                &Mark {
                    status: Some(Status::Verified),
                    note: None,
                    source: None,
                },
                "ana",
                Utc::now(),
            )
            .unwrap();
    }
    let reviews = store.reviews(&all).unwrap();
    let ld = report::render(
        Format::ClaimReview,
        &ReportInput {
            meta: meta(),
            articles: &reviews,
            selection: ClaimSelection::default(),
        },
    )
    .unwrap();
    let ld: serde_json::Value = serde_json::from_str(&ld).unwrap();
    let reviews_ld = ld.as_array().unwrap();
    assert_eq!(reviews_ld.len(), 2, "{ld}");
    let signed: Vec<&serde_json::Value> =
        reviews_ld.iter().filter_map(|r| r.get("editor")).collect();
    assert_eq!(signed.len(), 1, "only a1's claim names a sign-off: {ld}");
    assert_eq!(signed[0][0]["@type"], "Role");
    assert_eq!(signed[0][0]["editor"]["name"], editor);
    assert_eq!(signed[0][0]["startDate"], "2026-12-05T19:30:00+00:00");
}
