//! Reports stay proportionate and safe whatever the articles hold: output linear in the
//! input in every format (a long sentence full of figures is not repeated per claim),
//! articles read one at a time from a streamed source, only http(s) addresses as links or
//! url fields, formulas defused in CSV, and huge amounts in scientific notation.

mod support;

use std::cell::Cell;

use factdesk_core::report::{self, ClaimSelection, Format, ReportError, ReviewSource, StreamInput};
use factdesk_core::review::{Article, ArticleReview, Origin, ReviewedClaim, Source, Status};
use factdesk_core::{Claim, ClaimKind, ClaimValue, FigureValue, Span};
use serde_json::Value;
use support::{at, hostile_review, input, meta, seed_review, url_fields};

/// A claim of `kind` on `text[start..end]`, standing in the sentence `sentence`.
pub fn claim(
    id: usize,
    text: &str,
    (start, end): (usize, usize),
    sentence: Span,
    status: Status,
) -> ReviewedClaim {
    ReviewedClaim {
        id: format!("c{id}"),
        article_id: "a1".into(),
        claim: Claim {
            kind: ClaimKind::Figure,
            start,
            end,
            text: text.get(start..end).unwrap_or("").to_string(),
            value: Some(ClaimValue::Figure(FigureValue {
                amount: Some(id as f64),
                unit: Some("tonnes".into()),
                qualifier: None,
                upper: None,
            })),
            speaker: None,
            cue: None,
            sentence,
        },
        origin: Origin::Extracted,
        dismissed: false,
        orphaned: false,
        status,
        note: Some("Checked against the table.".into()),
        reviewer: Some("Ana".into()),
        reviewed_at: Some(at(21, 10, 0)),
        sources: vec![Source {
            id: format!("s{id}"),
            url: Some("https://stats.example/table".into()),
            ..Default::default()
        }],
    }
}

pub fn article(id: &str, text: String) -> Article {
    Article {
        id: id.into(),
        title: format!("Article {id}"),
        byline: None,
        outlet: None,
        url: Some("https://news.example/stats".into()),
        published: None,
        imported_at: at(20, 8, 0),
        text,
        content_hash: id.into(),
        provenance: None,
    }
}

/// A statistics table pasted as one 25 KB line: hundreds of figures in one sentence.
fn table_in_one_line() -> ArticleReview {
    let mut text = String::from("Regional output in tonnes:");
    let mut spans = Vec::new();
    let mut i = 0;
    while text.len() < 25_000 {
        let row = format!(" region {i} produced {} tonnes,", 1000 + i);
        let at = text.len() + row.find("produced ").unwrap() + "produced ".len();
        spans.push((at, at + (1000 + i).to_string().len()));
        text.push_str(&row);
        i += 1;
    }
    text.push_str(" and so on.");
    let sentence = Span::new(0, text.len());
    let claims = spans
        .iter()
        .enumerate()
        .map(|(n, &span)| claim(n + 1, &text, span, sentence, Status::ALL[n % 6]))
        .collect();
    ArticleReview {
        article: article("a1", text),
        claims,
        history: Vec::new(),
        sign_offs: Vec::new(),
    }
}

/// What a report is made from, in bytes: the reviews as JSON.
fn input_size(reviews: &[ArticleReview]) -> usize {
    serde_json::to_string(reviews).unwrap().len()
}

#[test]
fn a_long_sentence_full_of_figures_gives_every_format_a_proportionate_report() {
    let reviews = [table_in_one_line()];
    assert!(reviews[0].claims.len() > 500, "hundreds of figures");
    let text_len = reviews[0].article.text.len();
    let size = input_size(&reviews);
    for format in Format::ALL {
        let out = report::render(format, &input("Table", &reviews)).unwrap();
        assert!(
            out.len() < 4 * size + 64 * 1024,
            "{format}: {} bytes from {size} bytes of input ({} claims in one {text_len}-byte \
             sentence)",
            out.len(),
            reviews[0].claims.len()
        );
    }
}

#[test]
fn a_long_sentence_is_shown_as_a_window_around_the_claim_with_its_full_span_kept() {
    let reviews = [table_in_one_line()];
    let doc: Value =
        serde_json::from_str(&report::render(Format::Json, &input("T", &reviews)).unwrap())
            .unwrap();
    let text = &reviews[0].article.text;
    for c in doc["articles"][0]["claims"].as_array().unwrap() {
        let window = c["sentence_text"].as_str().unwrap();
        assert!(window.len() <= report::SENTENCE_LIMIT + 2 * '…'.len_utf8());
        assert!(
            window.contains(c["claim"]["text"].as_str().unwrap()),
            "{window}"
        );
        assert!(window.starts_with('…') || window.ends_with('…'));
        assert_eq!(c["claim"]["sentence"]["start"], 0);
        assert_eq!(c["claim"]["sentence"]["end"], text.len());
    }
    let csv = report::render(Format::Csv, &input("T", &reviews)).unwrap();
    let mut rows = ::csv::Reader::from_reader(csv.as_bytes());
    let headers = rows.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    for row in rows.records() {
        let row = row.unwrap();
        assert!(row[col("sentence")].len() <= report::SENTENCE_LIMIT + 6);
        assert_eq!(&row[col("sentence_start")], "0");
        assert_eq!(row[col("sentence_end")], text.len().to_string());
    }
    // A short sentence is still shown whole.
    let seed = [seed_review()];
    let doc: Value =
        serde_json::from_str(&report::render(Format::Json, &input("S", &seed)).unwrap()).unwrap();
    let c = &doc["articles"][0]["claims"][1];
    let (start, end) = (
        c["claim"]["sentence"]["start"].as_u64().unwrap() as usize,
        c["claim"]["sentence"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(c["sentence_text"], seed[0].article.text[start..end].trim());
}

/// A source that makes each review as it is asked for and counts how many are alive.
struct Generated {
    articles: usize,
    alive: Cell<usize>,
    most_alive: Cell<usize>,
    walks: Cell<usize>,
}

struct Counted<'a>(&'a Generated, ArticleReview);

impl Drop for Counted<'_> {
    fn drop(&mut self) {
        self.0.alive.set(self.0.alive.get() - 1);
    }
}

impl ReviewSource for Generated {
    fn each(
        &self,
        f: &mut dyn FnMut(&ArticleReview) -> Result<(), ReportError>,
    ) -> Result<(), ReportError> {
        self.walks.set(self.walks.get() + 1);
        for i in 0..self.articles {
            self.alive.set(self.alive.get() + 1);
            self.most_alive
                .set(self.most_alive.get().max(self.alive.get()));
            let review = Counted(self, short_review(i));
            f(&review.1)?;
        }
        Ok(())
    }
}

fn short_review(i: usize) -> ArticleReview {
    let text = format!("Article {i} says 12 tonnes were shipped. Another 7 tonnes followed.");
    let a = text.find("12").unwrap();
    let b = text.find("7 ").unwrap();
    let first = Span::new(0, text.find('.').unwrap() + 1);
    let second = Span::new(first.end + 1, text.len());
    let claims = vec![
        claim(2 * i + 1, &text, (a, a + 2), first, Status::Verified),
        claim(2 * i + 2, &text, (b, b + 1), second, Status::False),
    ];
    ArticleReview {
        article: article(&format!("a{i}"), text),
        claims,
        history: Vec::new(),
        sign_offs: Vec::new(),
    }
}

#[test]
fn a_streamed_report_holds_one_article_at_a_time_and_matches_the_in_memory_one() {
    for format in Format::ALL {
        let source = Generated {
            articles: 300,
            alive: Cell::new(0),
            most_alive: Cell::new(0),
            walks: Cell::new(0),
        };
        let stream = StreamInput {
            meta: meta("Streamed"),
            source: &source,
            selection: ClaimSelection::default(),
        };
        let mut streamed = Vec::new();
        report::write_stream(format, &stream, &mut streamed).unwrap();
        assert_eq!(
            source.most_alive.get(),
            1,
            "{format}: one article at a time"
        );
        assert!(
            source.walks.get() <= 4,
            "{format}: {} walks",
            source.walks.get()
        );

        let all: Vec<ArticleReview> = (0..300).map(short_review).collect();
        let whole = report::render(format, &input("Streamed", &all)).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), whole, "{format}");
    }
}

fn javascript_everywhere() -> Vec<ArticleReview> {
    let mut review = hostile_review();
    review.article.url = Some(" JavaScript:alert('article')".into());
    for c in &mut review.claims {
        c.sources.push(Source {
            id: "s99".into(),
            url: Some("data:text/html,<script>alert(5)</script>".into()),
            citation: None,
            title: None,
            shows: None,
            accessed: None,
        });
    }
    vec![review, seed_review()]
}

#[test]
fn only_http_addresses_become_links_or_url_fields_in_any_format() {
    let reviews = javascript_everywhere();
    let mut inp = input("Hostile", &reviews);
    inp.meta.publisher.as_mut().unwrap().url = Some("javascript:alert('publisher')".into());
    for format in [Format::Json, Format::ClaimReview] {
        let doc: Value = serde_json::from_str(&report::render(format, &inp).unwrap()).unwrap();
        let mut urls = Vec::new();
        url_fields(&doc, &mut urls);
        assert!(!urls.is_empty());
        for url in urls {
            assert!(report::is_web_link(&url), "{format}: url field {url:?}");
        }
    }
    // The typed address is not lost: it stays as words.
    let json = report::render(Format::Json, &inp).unwrap();
    assert!(json.contains("data:text/html"), "kept as citation text");

    let html = report::render(Format::Html, &inp).unwrap();
    let lower = html.to_ascii_lowercase();
    for bad in [
        "href=\"javascript:",
        "href=\" javascript:",
        "href=\"data:",
        "\"javascript:",
    ] {
        assert!(!lower.contains(bad), "html has {bad}");
    }
    let md = report::render(Format::Markdown, &inp).unwrap();
    assert!(!md.to_ascii_lowercase().contains("(<javascript:"));
    assert!(!md.contains("(<data:"));

    let csv = report::render(Format::Csv, &inp).unwrap();
    let mut rows = ::csv::Reader::from_reader(csv.as_bytes());
    let col = rows
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "article_url")
        .unwrap();
    for row in rows.records() {
        let url = row.unwrap()[col].to_string();
        assert!(url.is_empty() || report::is_web_link(&url), "csv {url:?}");
    }
}

#[test]
fn claimreview_refuses_a_publication_url_that_is_not_http() {
    let reviews = [seed_review()];
    for bad in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "factdesk.example/r",
    ] {
        let mut inp = input("Seed", &reviews);
        inp.meta.publication_url = Some(bad.into());
        let err = report::render(Format::ClaimReview, &inp).unwrap_err();
        assert!(
            matches!(err, ReportError::BadPublicationUrl(_)),
            "{bad}: {err}"
        );
        assert!(err.to_string().contains("http"), "{err}");
        // The page still renders, shows the address as text and embeds no JSON-LD.
        let html = report::render(Format::Html, &inp).unwrap();
        assert!(!html.contains("application/ld+json"), "{bad}");
        let json = report::render(Format::Json, &inp).unwrap();
        let doc: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(doc["report"]["publication_url"], Value::Null);
    }
}

#[test]
fn csv_defuses_formulas_behind_leading_spaces_and_tabs() {
    let mut review = seed_review();
    let notes = [
        " =1+1",
        "\t=HYPERLINK(\"x\")",
        "  +SUM(A1)",
        " \t@cmd",
        "   -2+3",
    ];
    for (c, note) in review.claims.iter_mut().zip(notes) {
        c.note = Some(note.to_string());
        c.dismissed = false;
    }
    review.claims[notes.len()].note = Some("-5".into());
    let reviews = [review];
    let csv = report::render(Format::Csv, &input("F", &reviews)).unwrap();
    let mut rows = ::csv::Reader::from_reader(csv.as_bytes());
    let col = rows
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "note")
        .unwrap();
    let cells: Vec<String> = rows
        .records()
        .map(|r| r.unwrap()[col].to_string())
        .collect();
    for note in notes {
        assert!(
            cells.contains(&format!("'{note}")),
            "{note:?} is defused: {cells:?}"
        );
    }
    assert!(cells.contains(&"-5".to_string()), "a plain number stays");
}

#[test]
fn huge_amounts_print_in_scientific_notation_in_every_report() {
    let mut review = seed_review();
    let figure = review
        .claims
        .iter_mut()
        .find(|c| c.claim.kind == ClaimKind::Figure && !c.dismissed)
        .unwrap();
    figure.claim.value = Some(ClaimValue::Figure(FigureValue {
        amount: Some(-1e308),
        unit: Some("EUR".into()),
        qualifier: None,
        upper: Some(f64::MAX),
    }));
    figure.status = Status::Verified;
    let reviews = [review];
    assert_eq!(report::format_amount(-1e308), "-1e308");
    assert_eq!(report::format_amount(15_000_000_000.0), "15,000,000,000");
    for format in [Format::Html, Format::Markdown, Format::Json, Format::Csv] {
        let out = report::render(format, &input("Huge", &reviews)).unwrap();
        assert!(out.contains("-1e308"), "{format}");
        let longest_digits = out
            .split(|c: char| !c.is_ascii_digit())
            .map(str::len)
            .max()
            .unwrap_or(0);
        assert!(
            longest_digits < 40,
            "{format}: a run of {longest_digits} digits"
        );
    }
}
