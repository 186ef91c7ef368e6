//! The library's kept counts and its pages, on a real SQLite file holding the development
//! corpus (21 real articles, imported through the engine).
//!
//! - Counts: a seeded random walk of 600 editor actions (verdicts, notes, undo, dismissal
//!   and its undo, claims added by hand, a verdict reused, an article re-extracted or
//!   replaced by an edited version). After every action the counts the library lists
//!   must equal the counts of the article's review, recounted from its claims, and at the
//!   end `check` finds nothing stale.
//! - Pages: every order, with and without filters, read page by page, gives exactly the
//!   whole list in the same order, and each page says the true total.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use factdesk_core::review::{Status, StatusCounts};
use factdesk_core::store::check::{check, Depth};
use factdesk_core::store::{ArticleFilter, ArticleSort, ArticleSummary, ClaimFilter, Mark};
use factdesk_core::store::{NewArticle, Store};
use factdesk_core::{ClaimKind, Span};
use serde::Deserialize;

#[derive(Deserialize)]
struct Line {
    doc: String,
    text: String,
    published: Option<NaiveDate>,
}

fn corpus() -> Vec<NewArticle> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/corpus/dev.jsonl"
    );
    let raw = std::fs::read_to_string(path).expect("the development corpus is in the repository");
    raw.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let line: Line = serde_json::from_str(l).expect("corpus line parses");
            NewArticle {
                title: line.doc,
                published: line.published,
                text: line.text,
                ..Default::default()
            }
        })
        .collect()
}

/// A small deterministic generator (xorshift), so a failing walk can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

fn at(step: usize) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap() + Duration::seconds(step as i64)
}

/// Every article's counts as the library lists them.
fn listed(store: &Store) -> HashMap<String, ArticleSummary> {
    store
        .articles(&ArticleFilter::default())
        .unwrap()
        .into_iter()
        .map(|a| (a.id.clone(), a))
        .collect()
}

/// An article's counts recounted from its review.
fn recounted(store: &Store, id: &str) -> (usize, StatusCounts) {
    let review = store.review(id).unwrap();
    let live = review.claims.iter().filter(|c| !c.dismissed).count();
    (live, StatusCounts::of(&review.claims))
}

fn assert_counts(store: &Store, step: usize, action: &str) {
    for (id, row) in listed(store) {
        let (claims, counts) = recounted(store, &id);
        assert_eq!(
            (row.claims, row.counts),
            (claims, counts),
            "after step {step} ({action}): the listed counts of {id} differ from its claims"
        );
    }
}

#[test]
fn kept_counts_follow_every_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.db");
    let mut store = Store::open(&path).unwrap();
    let docs = corpus();
    let mut ids = Vec::new();
    for (i, doc) in docs.into_iter().enumerate() {
        ids.push(store.import(doc, at(i)).unwrap().article.id);
    }
    assert_counts(&store, 0, "import");

    let seed = std::env::var("FACTDESK_TALLY_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_1234_abcd_u64);
    let mut rng = Rng(seed);
    let statuses = Status::ALL;
    let mut done: HashMap<&str, usize> = HashMap::new();
    for step in 1..=600 {
        let article = &ids[rng.below(ids.len())];
        let claims = store
            .claims(
                article,
                &ClaimFilter {
                    include_dismissed: true,
                    ..Default::default()
                },
            )
            .unwrap();
        if claims.is_empty() {
            continue;
        }
        let claim = &claims[rng.below(claims.len())];
        let when = at(1000 + step);
        let action = match rng.below(20) {
            0..=7 => {
                let mark = Mark {
                    status: Some(statuses[rng.below(statuses.len())]),
                    note: (rng.below(3) == 0).then(|| format!("note {step}")),
                    source: None,
                };
                store.mark(&claim.id, &mark, "ana", when).map(|_| "mark")
            }
            8..=10 => store.undo(&claim.id, "ana", when).map(|_| "undo"),
            11..=13 => store
                .set_dismissed(&claim.id, !claim.dismissed, "ana", when)
                .map(|_| "dismiss"),
            14 | 15 => {
                let text = store.article(article).unwrap().text;
                let start = rng.below(text.len().saturating_sub(12));
                let start = (start..text.len())
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap();
                let end = (start + 6..text.len())
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(text.len());
                let kind = [ClaimKind::Figure, ClaimKind::Date, ClaimKind::Quote][rng.below(3)];
                store
                    .add_claim(article, Span::new(start, end), kind, "ana", when)
                    .map(|_| "add claim")
            }
            16 => {
                let other = &claims[rng.below(claims.len())];
                store
                    .reuse_verdict(&claim.id, &other.id, "ana", when)
                    .map(|_| "reuse")
            }
            17 => store.reextract(article, when).map(|_| "reextract"),
            _ => {
                // An edited version: a paragraph dropped or repeated changes which
                // claims exist and which are orphaned.
                let text = store.article(article).unwrap().text;
                let paragraphs: Vec<&str> = text.split("\n\n").collect();
                let cut = rng.below(paragraphs.len());
                let mut edited: Vec<&str> = paragraphs.clone();
                if rng.below(2) == 0 && edited.len() > 2 {
                    edited.remove(cut);
                } else {
                    edited.insert(cut, paragraphs[cut]);
                }
                store
                    .update_text(article, edited.join("\n\n"), when)
                    .map(|_| "new version")
            }
        };
        // Some actions are refused (nothing to undo, a span already a claim, a reuse of an
        // unchecked claim): a refusal changes nothing, and the counts must still hold.
        let action = action.unwrap_or("refused");
        *done.entry(action).or_default() += 1;
        assert_counts(&store, step, action);
    }
    for kind in ["mark", "undo", "dismiss", "add claim", "new version"] {
        assert!(
            done.get(kind).copied().unwrap_or(0) >= 10,
            "the walk exercised {kind} often enough: {done:?}"
        );
    }
    drop(store);
    let report = check(&path, Depth::Full).unwrap();
    assert!(report.is_sound(), "{:?}", report.problems);
}

#[test]
fn wrong_counts_are_found_by_check_and_recounted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.db");
    let mut store = Store::open(&path).unwrap();
    let id = store.import(corpus().remove(0), at(0)).unwrap().article.id;
    let before = listed(&store)[&id].clone();
    drop(store);
    // Another program changes the counts behind the store's back.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE article_tally SET n_unchecked = n_unchecked + 7", [])
        .unwrap();
    drop(conn);
    let report = check(&path, Depth::Full).unwrap();
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(report.problems[0].what.contains("1 article(s)"));
    assert!(report.problems[0].fix.contains("--recount"));
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.recount().unwrap(), 1);
    assert_eq!(listed(&store)[&id], before);
    drop(store);
    assert!(check(&path, Depth::Full).unwrap().is_sound());
}

#[test]
fn pages_cover_the_whole_list_in_every_order() {
    let mut store = Store::open_in_memory().unwrap();
    let docs = corpus();
    // 12 copies of each article, each a different text and title: 252 articles.
    let mut n = 0;
    for copy in 0..12 {
        for doc in &docs {
            let mut doc = doc.clone();
            doc.title = format!("{} {}", ["b", "A", "c"][copy % 3], doc.title);
            doc.text = format!("{}\n\nEdition {copy}.", doc.text);
            store.import(doc, at(n)).unwrap();
            n += 1;
        }
    }
    // Some verdicts, so the unchecked counts differ.
    for (i, a) in store
        .articles(&ArticleFilter::default())
        .unwrap()
        .iter()
        .enumerate()
        .step_by(5)
    {
        let claims = store.claims(&a.id, &ClaimFilter::default()).unwrap();
        for c in claims.iter().take(i % 7) {
            let mark = Mark {
                status: Some(if i % 2 == 0 {
                    Status::Verified
                } else {
                    Status::False
                }),
                ..Default::default()
            };
            store.mark(&c.id, &mark, "ana", at(5000 + i)).unwrap();
        }
    }
    let all = store.articles(&ArticleFilter::default()).unwrap();
    assert_eq!(all.len(), 252);
    let filters = [
        ArticleFilter::default(),
        ArticleFilter {
            status: Some(Status::False),
            ..Default::default()
        },
        ArticleFilter {
            kind: Some(ClaimKind::Quote),
            ..Default::default()
        },
        ArticleFilter {
            query: Some("police".into()),
            ..Default::default()
        },
        ArticleFilter {
            status: Some(Status::Verified),
            kind: Some(ClaimKind::Figure),
            query: Some("said".into()),
        },
    ];
    for filter in &filters {
        for sort in ArticleSort::ALL {
            let mut expected: Vec<&ArticleSummary> = all
                .iter()
                .filter(|a| filter.status.is_none_or(|s| a.counts.get(s) > 0))
                .filter(|a| {
                    let kind = filter.kind;
                    kind.is_none_or(|k| {
                        let claims = store.claims(&a.id, &ClaimFilter::default()).unwrap();
                        claims.iter().any(|c| c.claim.kind == k)
                    })
                })
                .filter(|a| {
                    filter.query.as_deref().is_none_or(|q| {
                        let article = store.article(&a.id).unwrap();
                        let words = |s: &str| {
                            s.split(|c: char| !c.is_alphanumeric())
                                .any(|w| w.eq_ignore_ascii_case(q))
                        };
                        words(&article.text) || words(&article.title)
                    })
                })
                .collect();
            let key = |a: &ArticleSummary| a.id[1..].parse::<u64>().unwrap();
            match sort {
                ArticleSort::Newest => expected.sort_by_key(|a| std::cmp::Reverse(key(a))),
                ArticleSort::Oldest => expected.sort_by_key(|a| key(a)),
                ArticleSort::Title => expected.sort_by_key(|a| (a.title.to_lowercase(), key(a))),
                ArticleSort::MostUnchecked => expected.sort_by_key(|a| {
                    (
                        std::cmp::Reverse(a.counts.unchecked),
                        std::cmp::Reverse(key(a)),
                    )
                }),
            }
            assert!(
                !expected.is_empty(),
                "the filter {filter:?} keeps some articles"
            );
            let mut paged = Vec::new();
            let mut offset = 0;
            loop {
                let page = store.article_page(filter, sort, offset, 40).unwrap();
                assert_eq!(page.total, expected.len(), "{filter:?} {sort:?}: the total");
                assert_eq!(page.offset, offset);
                if page.articles.is_empty() {
                    break;
                }
                offset += page.articles.len();
                paged.extend(page.articles);
            }
            let paged: Vec<&str> = paged.iter().map(|a| a.id.as_str()).collect();
            let expected: Vec<&str> = expected.iter().map(|a| a.id.as_str()).collect();
            assert_eq!(paged, expected, "{filter:?} {sort:?}: the pages in order");
        }
    }
}
