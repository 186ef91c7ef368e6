//! Fuzzing the report renderers: random articles (markup, quotes, emoji, control
//! characters), random claims on random spans with random verdicts, notes, sources and
//! addresses. Every format must render without panicking, stay linear in its input, never
//! let markup or a `javascript:` address through as HTML, and give JSON that parses back.

mod support;

use factdesk_core::report::{self, ClaimSelection, Format, Publisher, ReportInput};
use factdesk_core::review::{Article, ArticleReview, Origin, ReviewedClaim, Source, Status};
use factdesk_core::{Claim, ClaimKind, ClaimValue, DateValue, FigureValue, Span};
use proptest::prelude::*;
use serde_json::Value;
use support::{at, meta, url_fields};

/// Pieces random text is made of: ordinary words, markup, entities, quotes, emoji,
/// control characters, Markdown and CSV specials.
const PIECES: &[&str] = &[
    "the",
    "minister",
    "said",
    "15",
    "billion",
    "euros",
    "2022",
    "-5",
    "1,234.5",
    " ",
    " ",
    "\n",
    "\n\n",
    "\t",
    "\r",
    "\u{0}",
    "\u{7}",
    "\u{1b}[31m",
    "\u{2028}",
    "\u{202e}",
    "<script>alert(1)</script>",
    "</script>",
    "<SCRIPT src=x>",
    "<img src=x onerror=alert(2)>",
    "<!--",
    "-->",
    "]]>",
    "&amp;",
    "&lt;",
    "\"",
    "'",
    "“",
    "”",
    "«",
    "»",
    "`",
    "*",
    "_",
    "#",
    "[a](javascript:alert(1))",
    "|",
    "~",
    "\\",
    "=1+1",
    " =SUM(A1)",
    "@cmd",
    "+2",
    "🚀",
    "🇺🇦",
    "👩‍👩‍👧",
    "é",
    "ß",
    "中文",
    "{{ x }}",
    "{% if %}",
    "javascript:alert(3)",
];

const URLS: &[&str] = &[
    "https://news.example/a?x=1&y=<2>",
    "http://example.org/\"onmouseover=alert(1)",
    "javascript:alert(1)",
    " JavaScript:alert(2)",
    "jav\tascript:alert(3)",
    "data:text/html,<script>alert(4)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "HTTPS://EXAMPLE.COM/<b>",
    "ftp://files.example/x",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|p| p.join(" "))
}

fn short_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..6).prop_map(|p| p.concat())
}

fn url() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop::sample::select(URLS).prop_map(str::to_string))
}

fn source() -> impl Strategy<Value = Source> {
    (
        url(),
        prop::option::of(short_text()),
        prop::option::of(short_text()),
    )
        .prop_map(|(url, citation, title)| Source {
            id: "s1".into(),
            url,
            citation,
            title,
            shows: Some("<b>shows</b>".into()),
            accessed: None,
        })
}

#[derive(Debug, Clone)]
struct ClaimSpec {
    start: usize,
    len: usize,
    sentence: (usize, usize),
    kind: usize,
    status: usize,
    dismissed: bool,
    note: Option<String>,
    speaker: Option<String>,
    amount: Option<f64>,
    sources: Vec<Source>,
}

fn claim_spec() -> impl Strategy<Value = ClaimSpec> {
    (
        (0usize..600, 0usize..80, (0usize..700, 0usize..700)),
        (0usize..3, 0usize..6, prop::bool::weighted(0.2)),
        prop::option::of(short_text()),
        prop::option::of(short_text()),
        prop::option::of(prop_oneof![
            Just(-1e308),
            Just(f64::MAX),
            Just(f64::NAN),
            Just(1e-300),
            -1e9f64..1e9
        ]),
        prop::collection::vec(source(), 0..3),
    )
        .prop_map(
            |(
                (start, len, sentence),
                (kind, status, dismissed),
                note,
                speaker,
                amount,
                sources,
            )| {
                ClaimSpec {
                    start,
                    len,
                    sentence,
                    kind,
                    status,
                    dismissed,
                    note,
                    speaker,
                    amount,
                    sources,
                }
            },
        )
}

fn review_of(
    i: usize,
    title: String,
    text: String,
    url: Option<String>,
    specs: Vec<ClaimSpec>,
) -> ArticleReview {
    let claims = specs
        .into_iter()
        .enumerate()
        .map(|(n, s)| {
            let kind = ClaimKind::ALL[s.kind];
            let value = match kind {
                ClaimKind::Figure => Some(ClaimValue::Figure(FigureValue {
                    amount: s.amount,
                    unit: Some("<u>units</u>".into()),
                    qualifier: None,
                    upper: None,
                })),
                ClaimKind::Date => Some(ClaimValue::Date(DateValue {
                    iso: Some("2022-02".into()),
                })),
                ClaimKind::Quote => None,
            };
            let end = s.start + s.len;
            ReviewedClaim {
                id: format!("c{i}-{n}<x>"),
                article_id: format!("a{i}"),
                claim: Claim {
                    kind,
                    start: s.start,
                    end,
                    text: text.get(s.start..end).unwrap_or("<b>gone</b>").to_string(),
                    value,
                    speaker: s.speaker,
                    cue: None,
                    sentence: Span::new(s.sentence.0, s.sentence.1),
                },
                origin: if n % 2 == 0 {
                    Origin::Extracted
                } else {
                    Origin::Manual
                },
                dismissed: s.dismissed,
                orphaned: n % 5 == 0,
                status: Status::ALL[s.status],
                note: s.note,
                reviewer: Some("Ana <i>Editor</i>".into()),
                reviewed_at: Some(at(21, 10, 0)),
                sources: s.sources,
            }
        })
        .collect();
    ArticleReview {
        article: Article {
            id: format!("a{i}\"<>"),
            title,
            byline: Some("Jo <jo@x>".into()),
            outlet: Some("The <b>Times</b>".into()),
            url,
            published: None,
            imported_at: at(20, 8, 0),
            text,
            content_hash: "h".into(),
            provenance: None,
        },
        claims,
        history: Vec::new(),
        sign_offs: Vec::new(),
    }
}

fn reviews() -> impl Strategy<Value = Vec<ArticleReview>> {
    prop::collection::vec(
        (
            short_text(),
            text(),
            url(),
            prop::collection::vec(claim_spec(), 0..12),
        ),
        1..4,
    )
    .prop_map(|articles| {
        articles
            .into_iter()
            .enumerate()
            .map(|(i, (title, text, url, specs))| review_of(i, title, text, url, specs))
            .collect()
    })
}

fn check_html(html: &str) -> Result<(), TestCaseError> {
    let lower = html.to_ascii_lowercase();
    let scripts = lower.matches("<script").count();
    let json_ld = lower
        .matches("<script type=\"application/ld+json\">")
        .count();
    prop_assert_eq!(scripts, json_ld, "an unescaped <script");
    prop_assert!(json_ld <= 1);
    for (i, _) in lower.match_indices("href=\"") {
        // The attribute as a browser reads it (the escaper writes `/` as `&#x2f;`).
        let target = lower[i + 6..].replace("&#x2f;", "/");
        let target = target.trim_start();
        prop_assert!(
            target.starts_with('#') || report::is_web_link(target),
            "href to {:?}",
            &target[..target.len().min(40)]
        );
    }
    // Inside the JSON-LD block, nothing can close the element.
    if let Some(start) = lower.find("<script type=\"application/ld+json\">") {
        let body = &lower[start + 35..];
        let end = body.find("</script>").expect("the block is closed");
        prop_assert!(!body[..end].contains('<'));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_articles_render_safely_and_proportionately_in_every_format(
        reviews in reviews(),
        publication in url(),
        publisher_url in url(),
        include_dismissed in any::<bool>(),
    ) {
        let mut m = meta("Fuzz <script>alert(0)</script>");
        m.publication_url = publication;
        m.publisher = Some(Publisher { name: "<b>Desk</b>".into(), url: publisher_url });
        let input = ReportInput {
            meta: m,
            articles: &reviews,
            selection: ClaimSelection { include_dismissed, ..ClaimSelection::default() },
        };
        let size = serde_json::to_string(&reviews).unwrap().len();
        for format in Format::ALL {
            let out = match report::render(format, &input) {
                Ok(out) => out,
                Err(report::ReportError::MissingPublicationUrl
                    | report::ReportError::BadPublicationUrl(_))
                    if format == Format::ClaimReview => continue,
                Err(e) => return Err(TestCaseError::fail(format!("{format}: {e}"))),
            };
            prop_assert!(
                out.len() <= 6 * size + 64 * 1024,
                "{}: {} bytes from {} bytes of input", format, out.len(), size
            );
            match format {
                Format::Html => check_html(&out)?,
                Format::Json | Format::ClaimReview => {
                    let doc: Value = serde_json::from_str(&out)
                        .map_err(|e| TestCaseError::fail(format!("{format}: {e}")))?;
                    let mut urls = Vec::new();
                    url_fields(&doc, &mut urls);
                    for u in urls {
                        prop_assert!(report::is_web_link(&u), "{}: url {:?}", format, u);
                    }
                }
                Format::Markdown => {
                    let lower = out.to_ascii_lowercase();
                    prop_assert!(!lower.contains("](<javascript:") && !lower.contains("](<data:"));
                    for (i, _) in lower.match_indices("<script") {
                        prop_assert!(i > 0 && &lower[i - 1..i] == "\\", "markdown passes markup through");
                    }
                }
                Format::Csv => {
                    let mut rows = ::csv::Reader::from_reader(out.as_bytes());
                    for row in rows.records() {
                        let row = row.map_err(|e| TestCaseError::fail(e.to_string()))?;
                        for cell in row.iter() {
                            let lead = cell.trim_start_matches([' ', '\t']);
                            if lead.starts_with(['=', '+', '-', '@']) && cell.trim().parse::<f64>().is_err() {
                                return Err(TestCaseError::fail(format!("formula cell {cell:?}")));
                            }
                        }
                    }
                }
            }
        }
    }
}
