//! Review fixtures for the report tests: the seed article (`samples/seed-stoltenberg-kyiv.txt`)
//! run through the claim engine, with editors' verdicts on real spans of its text, and an
//! article full of markup and emoji for the escaping tests.
#![allow(dead_code)] // each test file uses part of the fixtures

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use factdesk_core::report::{ClaimSelection, Publisher, ReportInput, ReportMeta};
use factdesk_core::review::{
    Article, ArticleReview, HistoryEvent, Origin, ReviewedClaim, Source, Status,
};
use factdesk_core::{extract, Claim, ClaimKind, ClaimValue, DateValue, FigureValue, Span};

/// The repository's root directory.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fixed instant, so reports are byte-for-byte stable.
pub fn at(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2023, 4, day, hour, minute, 0)
        .single()
        .expect("a valid fixed time")
}

/// The report's own description, with fixed times.
pub fn meta(title: &str) -> ReportMeta {
    ReportMeta {
        title: title.to_string(),
        generated_at: at(24, 9, 30),
        generated_by: "Marta Ruiz, standards desk".to_string(),
        scope: Some("Stoltenberg visit to Kyiv, April 2023".to_string()),
        publisher: Some(Publisher {
            name: "Factdesk Verification Unit".to_string(),
            url: Some("https://factdesk.example/".to_string()),
        }),
        publication_url: Some("https://factdesk.example/reports/stoltenberg-kyiv".to_string()),
    }
}

/// The input for a report on `articles` with every claim that is not dismissed.
pub fn input<'a>(title: &str, articles: &'a [ArticleReview]) -> ReportInput<'a> {
    ReportInput {
        meta: meta(title),
        articles,
        selection: ClaimSelection::default(),
    }
}

/// An editor's verdict on the `occurrence`-th appearance of `text` as a claim of `kind`.
struct Verdict {
    kind: ClaimKind,
    text: &'static str,
    occurrence: usize,
    value: Option<ClaimValue>,
    speaker: Option<&'static str>,
    status: Status,
    reviewer: &'static str,
    note: Option<&'static str>,
    sources: Vec<Source>,
    dismissed: bool,
}

fn figure(amount: f64, unit: &str, qualifier: Option<&str>) -> Option<ClaimValue> {
    Some(ClaimValue::Figure(FigureValue {
        amount: Some(amount),
        unit: Some(unit.to_string()),
        qualifier: qualifier.map(str::to_string),
        upper: None,
    }))
}

fn date(iso: &str) -> Option<ClaimValue> {
    Some(ClaimValue::Date(DateValue {
        iso: Some(iso.to_string()),
    }))
}

fn source(url: Option<&str>, title: Option<&str>, shows: &str) -> Source {
    Source {
        id: String::new(),
        url: url.map(str::to_string),
        citation: None,
        title: title.map(str::to_string),
        shows: Some(shows.to_string()),
        accessed: NaiveDate::from_ymd_opt(2023, 4, 21),
    }
}

/// The span of the `occurrence`-th appearance of `needle` in `text`.
pub fn find_span(text: &str, needle: &str, occurrence: usize) -> Span {
    let mut from = 0;
    for _ in 0..occurrence {
        from += text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} occurs fewer than {occurrence} times"))
            + needle.len();
    }
    let start = from
        + text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not found (occurrence {occurrence})"));
    Span::new(start, start + needle.len())
}

/// The sentence around `span`: from the last sentence end or line break before it to the
/// next one after it.
fn sentence_around(text: &str, span: Span) -> Span {
    let start = text[..span.start]
        .rfind(['\n', '.', '!', '?'])
        .map_or(0, |i| i + 1);
    let start = start + (text[start..].len() - text[start..].trim_start().len());
    let end = text[span.end..]
        .find(['\n', '.', '!', '?'])
        .map_or(text.len(), |i| span.end + i + 1);
    Span::new(start, end.min(text.len()))
}

/// Builds a review: the engine's claims on `text`, with each verdict applied to the engine's
/// claim at the same span, or added as a hand-marked claim where the engine found none.
/// Claims get ids c1, c2… in document order; each verdict leaves a history event.
fn review(article: Article, verdicts: Vec<Verdict>) -> ArticleReview {
    let text = article.text.clone();
    let mut claims: Vec<(Claim, Origin)> = extract(&text, article.published)
        .into_iter()
        .map(|c| (c, Origin::Extracted))
        .collect();
    let mut placed: Vec<(Span, ClaimKind, Verdict)> = Vec::new();
    for v in verdicts {
        let span = find_span(&text, v.text, v.occurrence);
        if !claims
            .iter()
            .any(|(c, _)| c.kind == v.kind && c.span() == span)
        {
            claims.push((
                Claim {
                    kind: v.kind,
                    start: span.start,
                    end: span.end,
                    text: text[span.start..span.end].to_string(),
                    value: v.value.clone(),
                    speaker: v.speaker.map(str::to_string),
                    cue: None,
                    sentence: sentence_around(&text, span),
                },
                Origin::Manual,
            ));
        }
        placed.push((span, v.kind, v));
    }
    claims.sort_by_key(|(c, _)| (c.start, c.end, c.kind));

    let mut history = Vec::new();
    let mut source_no = 0;
    let reviewed = claims
        .into_iter()
        .enumerate()
        .map(|(i, (claim, origin))| {
            let id = format!("c{}", i + 1);
            let verdict = placed
                .iter()
                .find(|(span, kind, _)| *span == claim.span() && *kind == claim.kind)
                .map(|(_, _, v)| v);
            let mut rc = ReviewedClaim {
                id: id.clone(),
                article_id: article.id.clone(),
                claim,
                origin,
                dismissed: false,
                orphaned: false,
                status: Status::Unchecked,
                note: None,
                reviewer: None,
                reviewed_at: None,
                sources: Vec::new(),
            };
            if let Some(v) = verdict.filter(|v| v.dismissed || v.status.is_checked()) {
                let when = at(21, 10, 0) + chrono::Duration::minutes(7 * i as i64);
                rc.status = v.status;
                rc.note = v.note.map(str::to_string);
                rc.reviewer = Some(v.reviewer.to_string());
                rc.reviewed_at = Some(when);
                rc.dismissed = v.dismissed;
                rc.sources = v
                    .sources
                    .iter()
                    .cloned()
                    .map(|mut s| {
                        source_no += 1;
                        s.id = format!("s{source_no}");
                        s
                    })
                    .collect();
                let (field, before, after) = if v.dismissed {
                    (
                        "dismissed",
                        serde_json::json!(false),
                        serde_json::json!(true),
                    )
                } else {
                    (
                        "status",
                        serde_json::json!("unchecked"),
                        serde_json::json!(v.status.as_str()),
                    )
                };
                history.push(HistoryEvent {
                    id: format!("h{}", history.len() + 1),
                    claim_id: id,
                    at: when,
                    by: v.reviewer.to_string(),
                    field: field.to_string(),
                    before,
                    after,
                    undoes: None,
                });
            }
            rc
        })
        .collect();
    ArticleReview {
        article,
        claims: reviewed,
        history,
        sign_offs: Vec::new(),
    }
}

/// The seed article as imported.
pub fn seed_article() -> Article {
    let path = repo_root().join("samples/seed-stoltenberg-kyiv.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    Article {
        id: "a1".to_string(),
        title: "Stoltenberg in Kiev: \"Ukraine's rightful place is in NATO\"".to_string(),
        byline: None,
        outlet: Some("Atalayar".to_string()),
        url: Some("https://atalayar.example/en/stoltenberg-kiev".to_string()),
        published: NaiveDate::from_ymd_opt(2023, 4, 20),
        imported_at: at(21, 8, 15),
        text,
        content_hash: "seed".to_string(),
        provenance: None,
    }
}

/// The seed article with the engine's claims and editors' verdicts on eleven real spans,
/// covering every verdict, nested claims (a date inside a quote, a figure and a quote on
/// the same words), a dismissed claim and notes with commas, quotes and line breaks.
pub fn seed_review() -> ArticleReview {
    let jens = Some("Jens Stoltenberg");
    let v = |kind, text, occurrence, value, speaker, status, reviewer, note| Verdict {
        kind,
        text,
        occurrence,
        value,
        speaker,
        status,
        reviewer,
        note,
        sources: Vec::new(),
        dismissed: false,
    };
    let mut verdicts = vec![
        v(
            ClaimKind::Quote,
            "Ukraine's rightful place is in NATO",
            0,
            None,
            jens,
            Status::Verified,
            "Marta Ruiz",
            Some("Said at the joint press conference with Zelensky."),
        ),
        v(
            ClaimKind::Figure,
            "14-month",
            0,
            figure(14.0, "month", None),
            None,
            Status::Verified,
            "Marta Ruiz",
            Some("February 2022 to April 2023."),
        ),
        v(
            ClaimKind::Quote,
            "Otherwise, it will represent a serious and significant danger to our country's security,",
            0,
            None,
            Some("Dmitry Peskov"),
            Status::Verified,
            "Tom Becker",
            None,
        ),
        v(
            ClaimKind::Date,
            "February 2022",
            0,
            date("2022-02"),
            None,
            Status::Verified,
            "Tom Becker",
            None,
        ),
        v(
            ClaimKind::Figure,
            "more than 15 billion euros",
            0,
            figure(15_000_000_000.0, "EUR", Some("more than")),
            None,
            Status::Disputed,
            "Marta Ruiz",
            Some("Totals differ by source, and by what counts as \"aid\".\nNATO gives no breakdown."),
        ),
        v(
            ClaimKind::Quote,
            "more than 15 billion euros",
            0,
            None,
            jens,
            Status::Verified,
            "Marta Ruiz",
            None,
        ),
        v(
            ClaimKind::Quote,
            "is making a real difference on the battlefield today",
            0,
            None,
            jens,
            Status::Unverifiable,
            "Tom Becker",
            Some("An assessment, not a checkable fact."),
        ),
        v(
            ClaimKind::Date,
            "today",
            1,
            date("2023-04-20"),
            None,
            Status::Verified,
            "Tom Becker",
            None,
        ),
        v(
            ClaimKind::Figure,
            "14 Leopard 2s",
            0,
            figure(14.0, "tank", None),
            None,
            Status::Misleading,
            "Tom Becker",
            Some("A joint Dutch-Danish purchase of refurbished tanks for later delivery, not tanks sent now."),
        ),
        v(
            ClaimKind::Figure,
            "$325 million",
            0,
            figure(325_000_000.0, "USD", None),
            None,
            Status::False,
            "Marta Ruiz",
            Some("Fixture verdict for the report tests: the figure is marked false to exercise the rating scale."),
        ),
        v(
            ClaimKind::Date,
            "today",
            0,
            date("2023-04-20"),
            None,
            Status::Unchecked,
            "Tom Becker",
            Some("Describes the present, not a date to check."),
        ),
    ];
    for (text, speaker) in [
        ("special military operation", "Russia"),
        ("some counter-offensive actions", "Hanna Malyar"),
    ] {
        verdicts.push(v(
            ClaimKind::Quote,
            text,
            0,
            None,
            Some(speaker),
            Status::Unchecked,
            "",
            None,
        ));
    }
    verdicts[0].sources = vec![source(
        Some("https://www.nato.int/cps/en/natohq/opinions_213873.htm"),
        Some("Joint press conference, Kyiv, 20 April 2023"),
        "the quote, word for word",
    )];
    verdicts[3].sources = vec![source(
        None,
        Some("Reuters, 24 February 2022"),
        "the invasion began on 24 February 2022",
    )];
    verdicts[4].sources = vec![
        source(
            Some("https://www.ifw-kiel.de/topics/war-against-ukraine/ukraine-support-tracker/"),
            Some("Ukraine Support Tracker"),
            "a different total, counted by commitment, not delivery",
        ),
        Source {
            id: String::new(),
            url: None,
            citation: Some("Phone call with the NATO press office, 21 April 2023".to_string()),
            title: None,
            shows: Some("no breakdown available".to_string()),
            accessed: None,
        },
    ];
    verdicts[10].dismissed = true;
    review(seed_article(), verdicts)
}

/// The hostile text: markup, entities, quotes and emoji an article might carry.
pub const HOSTILE_TEXT: &str = "Officials said <script>alert(1)</script> was found in 3 forms.\n\n\
It closed the editor with </textarea> and wrote \"quotes\", 'single' and &amp; twice 🚀🇺🇦.\n\n\
The ministry said 12 percent of 👩‍👩‍👧 households agreed.";

/// An article whose title, text, claims, note and sources carry markup, quotes, entities and
/// emoji, with a `javascript:` source address.
pub fn hostile_review() -> ArticleReview {
    let article = Article {
        id: "a<2>".to_string(),
        title: "Alert <script>alert(1)</script> & \"quotes\" 🚀".to_string(),
        byline: Some("Jo O'Neil <jo@example.org>".to_string()),
        outlet: Some("The <b>Bold</b> Times".to_string()),
        url: Some("https://news.example/a?x=1&y=<2>".to_string()),
        published: NaiveDate::from_ymd_opt(2023, 4, 22),
        imported_at: at(22, 7, 0),
        text: HOSTILE_TEXT.to_string(),
        content_hash: "hostile".to_string(),
        provenance: None,
    };
    let mut verdicts = vec![
        Verdict {
            kind: ClaimKind::Quote,
            text: "<script>alert(1)</script>",
            occurrence: 0,
            value: None,
            speaker: Some("Officials"),
            status: Status::False,
            reviewer: "Ana <i>Editor</i>",
            note: Some("<img src=x onerror=alert(2)> \"quoted\" & 'single' 🚀"),
            sources: vec![Source {
                id: String::new(),
                url: Some("javascript:alert(3)".to_string()),
                citation: None,
                title: Some("</textarea><script>alert(4)</script>".to_string()),
                shows: Some("nothing & everything".to_string()),
                accessed: None,
            }],
            dismissed: false,
        },
        Verdict {
            kind: ClaimKind::Figure,
            text: "12 percent",
            occurrence: 0,
            value: figure(12.0, "percent", None),
            speaker: None,
            status: Status::Verified,
            reviewer: "Ana",
            note: None,
            sources: Vec::new(),
            dismissed: false,
        },
        Verdict {
            kind: ClaimKind::Quote,
            text: "</textarea> and wrote \"quotes\", 'single' and &amp; twice 🚀🇺🇦",
            occurrence: 0,
            value: None,
            speaker: Some("The editor"),
            status: Status::Misleading,
            reviewer: "Ana",
            note: Some("=HYPERLINK(\"http://evil.example\")"),
            sources: Vec::new(),
            dismissed: false,
        },
    ];
    verdicts[1].sources.clear();
    review(article, verdicts)
}

/// Every value of a field whose name ends in `url`, anywhere in a JSON document.
pub fn url_fields(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if k.ends_with("url") {
                    if let Some(s) = v.as_str() {
                        out.push(s.to_string());
                    }
                }
                url_fields(v, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| url_fields(v, out)),
        _ => {}
    }
}
