//! Times a report of 500 articles in every format.
//!
//! The articles are the development corpus (`tests/data/corpus/dev.jsonl`) repeated to 500,
//! each with its claims from the claim engine (or, where the engine finds none, the
//! corpus's gold claims) and verdicts, notes, sources and history on most of them. Each
//! format is written to `target/artifacts/bench/report-500.<ext>` and its time printed.
//!
//! Run: `cargo run --release -p factdesk-core --example report_bench [ARTICLES]`

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use factdesk_core::extract::sentence;
use factdesk_core::report::{self, ClaimSelection, Format, Publisher, ReportInput, ReportMeta};
use factdesk_core::review::{
    Article, ArticleReview, HistoryEvent, Origin, ReviewedClaim, Source, Status,
};
use factdesk_core::{extract, Claim, ClaimKind, ClaimValue, Span};
use serde::Deserialize;

#[derive(Deserialize)]
struct CorpusDoc {
    doc: String,
    published: Option<NaiveDate>,
    text: String,
    #[serde(default)]
    claims: Vec<GoldClaim>,
}

#[derive(Deserialize)]
struct GoldClaim {
    kind: ClaimKind,
    start: usize,
    end: usize,
    value: Option<ClaimValue>,
    speaker: Option<String>,
}

const VERDICTS: [Status; 6] = [
    Status::Verified,
    Status::Verified,
    Status::Disputed,
    Status::False,
    Status::Misleading,
    Status::Unverifiable,
];

fn root() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::fs::canonicalize(&root).unwrap_or(root)
}

fn base_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 3, 1, 9, 0, 0)
        .single()
        .expect("a valid time")
}

/// The claims of one corpus text: the engine's, or the gold ones when the engine finds none.
fn claims_of(doc: &CorpusDoc) -> (Vec<Claim>, &'static str) {
    let found = extract(&doc.text, doc.published);
    if !found.is_empty() {
        return (found, "engine");
    }
    let sentences = sentence::sentences(&doc.text);
    let gold = doc
        .claims
        .iter()
        .filter(|g| doc.text.get(g.start..g.end).is_some())
        .map(|g| {
            let sentence = sentences
                .iter()
                .find(|s| s.start <= g.start && g.start < s.end)
                .map_or(Span::new(g.start, g.end), |s| {
                    Span::new(s.start, s.end.max(g.end))
                });
            Claim {
                kind: g.kind,
                start: g.start,
                end: g.end,
                text: doc.text[g.start..g.end].to_string(),
                value: g.value.clone(),
                speaker: g.speaker.clone(),
                cue: None,
                sentence,
            }
        })
        .collect();
    (gold, "gold")
}

fn review(n: usize, doc: &CorpusDoc, claims: &[Claim]) -> ArticleReview {
    let article_id = format!("a{}", n + 1);
    let mut history = Vec::new();
    let reviewed = claims
        .iter()
        .enumerate()
        .map(|(i, claim)| {
            let id = format!("{article_id}-c{}", i + 1);
            let checked = !(n + i).is_multiple_of(5);
            let status = if checked {
                VERDICTS[(n + i) % VERDICTS.len()]
            } else {
                Status::Unchecked
            };
            let at = base_time() + Duration::minutes((n * 40 + i) as i64);
            if checked {
                history.push(HistoryEvent {
                    id: format!("{id}-h1"),
                    claim_id: id.clone(),
                    at,
                    by: "Desk editor".to_string(),
                    field: "status".to_string(),
                    before: serde_json::json!("unchecked"),
                    after: serde_json::json!(status.as_str()),
                    undoes: None,
                });
            }
            ReviewedClaim {
                id: id.clone(),
                article_id: article_id.clone(),
                claim: claim.clone(),
                origin: Origin::Extracted,
                dismissed: (n + i).is_multiple_of(23),
                orphaned: false,
                status,
                note: checked.then(|| {
                    format!(
                        "Checked against the primary source, see \"{}\".",
                        claim.text
                    )
                }),
                reviewer: checked.then(|| "Desk editor".to_string()),
                reviewed_at: checked.then_some(at),
                sources: if checked {
                    vec![Source {
                        id: format!("{id}-s1"),
                        url: Some(format!("https://sources.example/{}/{}", doc.doc, i)),
                        citation: None,
                        title: Some(format!("Primary source for claim {}", i + 1)),
                        shows: Some("the figure as stated".to_string()),
                        accessed: Some(at.date_naive()),
                    }]
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    let title = doc.text.lines().next().unwrap_or(&doc.doc).to_string();
    ArticleReview {
        article: Article {
            id: article_id,
            title,
            byline: None,
            outlet: Some("Wikinews".to_string()),
            url: Some(format!("https://en.wikinews.example/{}/{n}", doc.doc)),
            published: doc.published,
            imported_at: base_time(),
            text: doc.text.clone(),
            content_hash: format!("{}-{n}", doc.doc),
            provenance: None,
        },
        claims: reviewed,
        history,
        sign_offs: Vec::new(),
    }
}

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("ARTICLES is a number"))
        .unwrap_or(500);
    let corpus_path = root().join("tests/data/corpus/dev.jsonl");
    let corpus = std::fs::read_to_string(&corpus_path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", corpus_path.display()));
    let docs: Vec<CorpusDoc> = corpus
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a corpus line"))
        .collect();

    let started = Instant::now();
    let claims: Vec<(Vec<Claim>, &str)> = docs.iter().map(claims_of).collect();
    let extract_time = started.elapsed();
    let from_engine = claims.iter().filter(|(_, s)| *s == "engine").count();
    let articles: Vec<ArticleReview> = (0..count)
        .map(|n| {
            let i = n % docs.len();
            review(n, &docs[i], &claims[i].0)
        })
        .collect();
    let claim_total: usize = articles.iter().map(|a| a.claims.len()).sum();
    let text_total: usize = articles.iter().map(|a| a.article.text.len()).sum();
    println!(
        "{count} articles, {claim_total} claims, {:.1} MB of article text \
         (claims: engine on {from_engine} of {} corpus texts, gold on the rest; extraction {:.0} ms)",
        text_total as f64 / 1e6,
        docs.len(),
        extract_time.as_secs_f64() * 1e3
    );

    let input = ReportInput {
        meta: ReportMeta {
            title: format!("Benchmark report of {count} articles"),
            generated_at: base_time(),
            generated_by: "report_bench".to_string(),
            scope: Some("the development corpus, repeated".to_string()),
            publisher: Some(Publisher {
                name: "Factdesk".to_string(),
                url: None,
            }),
            publication_url: Some("https://reports.example/bench".to_string()),
        },
        articles: &articles,
        selection: ClaimSelection::default(),
    };
    let dir = root().join("target/artifacts/bench");
    std::fs::create_dir_all(&dir).expect("create target/artifacts/bench");
    let mut worst = 0.0f64;
    for format in Format::ALL {
        let path = dir.join(format!("report-{count}.{}", format.extension()));
        let started = Instant::now();
        let file = std::fs::File::create(&path).expect("create the report file");
        let mut out = BufWriter::new(file);
        report::write(format, &input, &mut out).expect("the report is written");
        out.flush().expect("flush");
        let secs = started.elapsed().as_secs_f64();
        worst = worst.max(secs);
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        println!(
            "{:<12} {:>8.1} ms {:>9.1} MB  {}",
            format.as_str(),
            secs * 1e3,
            size as f64 / 1e6,
            path.display()
        );
    }
    println!(
        "slowest format: {:.1} ms ({} the 2 s budget)",
        worst * 1e3,
        if worst <= 2.0 { "within" } else { "OVER" }
    );
}
