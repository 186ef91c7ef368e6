//! Report formats on a real article: golden files for Markdown and CSV, JSON and ClaimReview
//! parsed back and checked field by field, and escaping of hostile text in HTML.
//!
//! Golden files live in `testdata/report/`; run with `UPDATE_GOLDEN=1` to rewrite them after
//! an intended change, and review the diff.

mod support;

use std::path::PathBuf;

use factdesk_core::report::{self, ClaimSelection, Format, ReportError};
use factdesk_core::review::Status;
use factdesk_core::ClaimKind;
use serde_json::Value;
use support::{hostile_review, input, seed_review, HOSTILE_TEXT};

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/report")
        .join(name)
}

/// Compares `actual` with the golden file, or rewrites it when `UPDATE_GOLDEN=1`.
fn check_golden(name: &str, actual: &str) {
    let path = golden_path(name);
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("golden dir")).expect("create golden dir");
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\n  golden: {:?}\n  actual: {:?}\n\
             (run with UPDATE_GOLDEN=1 to accept the new output)",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line),
        );
    }
}

#[test]
fn markdown_report_of_the_seed_article_matches_its_golden_file() {
    let articles = [seed_review()];
    let md = report::render(Format::Markdown, &input("Seed article review", &articles))
        .expect("markdown renders");
    check_golden("seed.md.golden", &md);
}

#[test]
fn csv_report_of_the_seed_article_matches_its_golden_file() {
    let articles = [seed_review()];
    let csv =
        report::render(Format::Csv, &input("Seed article review", &articles)).expect("csv renders");
    check_golden("seed.csv.golden", &csv);
}

#[test]
fn csv_has_one_row_per_claim_and_survives_commas_quotes_and_line_breaks() {
    let seed = seed_review();
    let articles = [seed.clone()];
    let csv = report::render(Format::Csv, &input("Seed", &articles)).expect("csv renders");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().expect("header row").clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let shown: Vec<_> = seed.claims.iter().filter(|c| !c.dismissed).collect();
    assert_eq!(
        rows.len(),
        shown.len(),
        "one row per claim that is not dismissed"
    );
    for (row, claim) in rows.iter().zip(&shown) {
        assert_eq!(&row[col("claim_id")], claim.id);
        assert_eq!(&row[col("text")], claim.claim.text);
        assert_eq!(&row[col("status")], claim.status.as_str());
        assert_eq!(&row[col("note")], claim.note.as_deref().unwrap_or(""));
        assert_eq!(
            row[col("start")].parse::<usize>().unwrap(),
            claim.claim.start
        );
    }
    let disputed = rows
        .iter()
        .find(|r| &r[col("status")] == "disputed")
        .expect("the disputed figure");
    assert!(
        disputed[col("note")].contains("\"aid\".\nNATO"),
        "quotes and line break kept"
    );
    assert_eq!(&disputed[col("amount")], "15000000000");
    assert!(
        disputed[col("sources")].contains('\n'),
        "two sources, one per line"
    );
}

#[test]
fn csv_neutralizes_formulas_from_article_text() {
    let articles = [hostile_review()];
    let csv = report::render(Format::Csv, &input("Hostile", &articles)).expect("csv renders");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let note_col = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "note")
        .unwrap();
    let notes: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[note_col].to_string())
        .collect();
    assert!(notes.contains(&"'=HYPERLINK(\"http://evil.example\")".to_string()));
    assert!(notes.iter().all(|n| !n.starts_with('=')));
}

#[test]
fn json_report_parses_back_with_every_field() {
    let seed = seed_review();
    let articles = [seed.clone()];
    let inp = input("Seed article review", &articles);
    let json = report::render(Format::Json, &inp).expect("json renders");
    let doc: Value = serde_json::from_str(&json).expect("valid JSON");

    assert_eq!(doc["schema_version"], report::SCHEMA_VERSION);
    assert_eq!(doc["report"]["title"], "Seed article review");
    assert_eq!(doc["report"]["generated_at"], "2023-04-24T09:30:00Z");
    assert_eq!(doc["report"]["generated_by"], inp.meta.generated_by);
    assert_eq!(
        doc["report"]["publisher"]["name"],
        "Factdesk Verification Unit"
    );
    assert_eq!(doc["selection"]["include_dismissed"], false);

    let shown: Vec<_> = seed.claims.iter().filter(|c| !c.dismissed).collect();
    assert_eq!(doc["summary"]["articles"], 1);
    assert_eq!(doc["summary"]["claims"], shown.len());
    for status in Status::ALL {
        let n = shown.iter().filter(|c| c.status == status).count();
        assert_eq!(doc["summary"]["by_status"][status.as_str()], n, "{status}");
    }
    for kind in ClaimKind::ALL {
        let n = shown.iter().filter(|c| c.claim.kind == kind).count();
        let counted: u64 = doc["summary"]["by_kind"][kind.as_str()]
            .as_object()
            .expect("counts by status")
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum();
        assert_eq!(counted as usize, n, "{kind}");
    }

    let article = &doc["articles"][0];
    assert_eq!(article["article"]["id"], seed.article.id);
    assert_eq!(article["article"]["text"], seed.article.text);
    assert_eq!(article["article"]["published"], "2023-04-20");
    let claims = article["claims"].as_array().expect("claims");
    assert_eq!(claims.len(), shown.len());
    for (i, (got, want)) in claims.iter().zip(&shown).enumerate() {
        assert_eq!(got["number"], i + 1, "numbered in document order");
        assert_eq!(got["id"], want.id);
        assert_eq!(got["status"], want.status.as_str());
        assert_eq!(got["claim"]["kind"], want.claim.kind.as_str());
        assert_eq!(got["claim"]["start"], want.claim.start);
        assert_eq!(got["claim"]["end"], want.claim.end);
        assert_eq!(got["claim"]["text"], want.claim.text);
        assert_eq!(
            got["claim"]["speaker"],
            serde_json::json!(want.claim.speaker)
        );
        assert_eq!(
            got["claim"]["value"],
            serde_json::to_value(&want.claim.value).unwrap()
        );
        assert_eq!(got["note"], serde_json::json!(want.note));
        assert_eq!(got["reviewer"], serde_json::json!(want.reviewer));
        assert_eq!(got["sources"], serde_json::to_value(&want.sources).unwrap());
        assert_eq!(
            seed.article.text[want.claim.sentence.start..want.claim.sentence.end].trim(),
            got["sentence_text"].as_str().unwrap()
        );
    }
    let figure = claims
        .iter()
        .find(|c| c["status"] == "disputed")
        .expect("the disputed figure");
    assert_eq!(figure["value_text"], "more than 15,000,000,000 EUR");
    assert_eq!(figure["verdict_label"], "Disputed");
    assert_eq!(figure["sources"].as_array().unwrap().len(), 2);

    let history = article["history"].as_array().expect("history");
    let shown_ids: Vec<&str> = shown.iter().map(|c| c.id.as_str()).collect();
    assert!(!history.is_empty());
    assert!(history
        .iter()
        .all(|h| shown_ids.contains(&h["claim_id"].as_str().unwrap())));
    assert_eq!(
        history.len(),
        seed.history
            .iter()
            .filter(|h| shown_ids.contains(&h.claim_id.as_str()))
            .count()
    );
}

#[test]
fn claim_selection_narrows_every_format() {
    let articles = [seed_review(), hostile_review()];
    let mut inp = input("Disputed and false claims", &articles);
    inp.selection = ClaimSelection {
        statuses: vec![Status::Disputed, Status::False],
        kinds: vec![ClaimKind::Figure],
        include_dismissed: false,
        reviewed_since: None,
    };
    let doc: Value = serde_json::from_str(&report::render(Format::Json, &inp).unwrap()).unwrap();
    let statuses: Vec<&str> = doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["claims"].as_array().unwrap())
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["disputed", "false"]);
    assert_eq!(
        doc["articles"].as_array().unwrap().len(),
        1,
        "the hostile article has no disputed or false figure and is left out"
    );
    let md = report::render(Format::Markdown, &inp).unwrap();
    assert!(md.contains("**DISPUTED**") && md.contains("**FALSE**"));
    assert!(!md.contains("**VERIFIED**"));
    let csv = report::render(Format::Csv, &inp).unwrap();
    let rows = csv::Reader::from_reader(csv.as_bytes()).records().count();
    assert_eq!(rows, 2, "the disputed and the false figure");
}

#[test]
fn dismissed_claims_are_listed_only_when_asked_and_never_counted() {
    let articles = [seed_review()];
    let mut inp = input("Seed", &articles);
    let html = report::render(Format::Html, &inp).unwrap();
    assert!(!html.contains("Dismissed as not a claim"));
    inp.selection.include_dismissed = true;
    let html = report::render(Format::Html, &inp).unwrap();
    assert!(html.contains("Dismissed as not a claim"));
    assert!(html.contains("Describes the present, not a date to check."));
    let doc: Value = serde_json::from_str(&report::render(Format::Json, &inp).unwrap()).unwrap();
    assert_eq!(doc["summary"]["dismissed"], 1);
    let dismissed = doc["articles"][0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["dismissed"] == true)
        .expect("listed");
    assert_eq!(dismissed["number"], Value::Null, "no footnote number");
}

/// The properties Google's fact-check markup documentation requires or recommends.
#[test]
fn claimreview_has_one_review_per_reviewed_claim_with_the_required_fields() {
    let seed = seed_review();
    let articles = [seed.clone()];
    let inp = input("Seed article review", &articles);
    let out = report::render(Format::ClaimReview, &inp).expect("claimreview renders");
    let reviews: Vec<Value> = serde_json::from_str(&out).expect("a JSON array");
    let reviewed: Vec<_> = seed
        .claims
        .iter()
        .filter(|c| !c.dismissed && c.status.is_checked())
        .collect();
    assert_eq!(reviews.len(), reviewed.len());
    assert!(reviews.len() >= 10);

    for (r, claim) in reviews.iter().zip(&reviewed) {
        assert_eq!(r["@context"], "https://schema.org");
        assert_eq!(r["@type"], "ClaimReview");
        assert_eq!(
            r["url"],
            format!(
                "https://factdesk.example/reports/stoltenberg-kyiv#claim-{}",
                claim.id
            )
        );
        let reviewed_text = r["claimReviewed"].as_str().expect("claimReviewed");
        assert!(!reviewed_text.is_empty());
        assert!(reviewed_text.contains(claim.claim.text.trim_end_matches(',')));
        assert_eq!(
            r["datePublished"],
            claim.reviewed_at.unwrap().date_naive().to_string()
        );
        assert_eq!(r["author"]["@type"], "Organization");
        assert_eq!(r["author"]["name"], "Factdesk Verification Unit");
        assert_eq!(r["author"]["url"], "https://factdesk.example/");

        let rating = &r["reviewRating"];
        let expected = report::rating(claim.status).expect("a published verdict");
        assert_eq!(rating["@type"], "Rating");
        assert_eq!(rating["ratingValue"], expected.value);
        assert_eq!(rating["bestRating"], 5);
        assert_eq!(rating["worstRating"], 1);
        assert_eq!(rating["alternateName"], expected.name);
        let value = rating["ratingValue"].as_u64().unwrap();
        assert!((1..=5).contains(&value));

        let item = &r["itemReviewed"];
        assert_eq!(item["@type"], "Claim");
        assert_eq!(item["datePublished"], "2023-04-20");
        match &claim.claim.speaker {
            Some(speaker) => {
                assert_eq!(item["author"]["name"], speaker.as_str());
                assert_eq!(item["author"]["@type"], "Person");
            }
            None => {
                assert_eq!(item["author"]["name"], "Atalayar", "the outlet states it");
                assert_eq!(item["author"]["@type"], "Organization");
            }
        }
        let appearance = &item["appearance"];
        assert_eq!(appearance["@type"], "CreativeWork");
        assert_eq!(
            appearance["url"],
            "https://atalayar.example/en/stoltenberg-kiev"
        );
        assert_eq!(appearance["headline"], seed.article.title);
        assert_eq!(r["reviewBody"], serde_json::json!(claim.note.as_deref()));
    }
    let false_review = reviews
        .iter()
        .find(|r| r["reviewRating"]["alternateName"] == "False")
        .expect("the false figure");
    assert_eq!(false_review["reviewRating"]["ratingValue"], 1);
    assert!(false_review["claimReviewed"]
        .as_str()
        .unwrap()
        .contains("$325 million aid package"));
}

#[test]
fn claimreview_without_a_publication_address_is_refused() {
    let articles = [seed_review()];
    let mut inp = input("Seed", &articles);
    inp.meta.publication_url = None;
    let err = report::render(Format::ClaimReview, &inp).unwrap_err();
    assert!(matches!(err, ReportError::MissingPublicationUrl));
    assert!(err.to_string().contains("publication URL"));
    // The HTML page then simply carries no JSON-LD.
    let html = report::render(Format::Html, &inp).unwrap();
    assert!(!html.contains("application/ld+json"));
}

#[test]
fn html_escapes_hostile_article_text_and_keeps_it_visible() {
    let articles = [hostile_review(), seed_review()];
    let html =
        report::render(Format::Html, &input("Escaping <check>", &articles)).expect("html renders");
    assert!(
        !html.contains("<script>alert"),
        "no raw script from the data"
    );
    assert!(!html.contains("</textarea>"));
    assert!(!html.contains("<img src=x"));
    assert!(!html.contains("<b>Bold</b>"));
    assert!(
        !html.contains("href=\"javascript:"),
        "unsafe scheme is never a link"
    );
    assert!(!html.contains("Escaping <check>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
    assert!(html.contains("&lt;&#x2f;textarea&gt;"));
    assert!(html.contains("&quot;quotes&quot;"));
    assert!(html.contains("&#x27;single&#x27;"));
    assert!(
        html.contains("&amp;amp;"),
        "an entity in the text shows as typed"
    );
    assert!(
        html.contains("🚀🇺🇦") && html.contains("👩‍👩‍👧"),
        "emoji kept as they are"
    );
    // The only script element is the JSON-LD data block, and no data can close it early.
    assert_eq!(html.matches("<script").count(), 1);
    let start = html.find("<script type=\"application/ld+json\">").unwrap();
    let end = html[start..].find("</script>").unwrap() + start;
    let block = &html[start + "<script type=\"application/ld+json\">".len()..end];
    let reviews: Vec<Value> = serde_json::from_str(block).expect("embedded JSON-LD parses");
    assert!(reviews
        .iter()
        .any(|r| r["claimReviewed"] == "<script>alert(1)</script>"));
}

#[test]
fn html_highlights_every_shown_claim_with_its_number_and_verdict() {
    let seed = seed_review();
    let articles = [seed.clone()];
    let html = report::render(Format::Html, &input("Seed", &articles)).unwrap();
    let shown: Vec<_> = seed.claims.iter().filter(|c| !c.dismissed).collect();
    assert_eq!(html.matches("<mark class=\"claim").count(), shown.len());
    assert_eq!(html.matches("</mark>").count(), shown.len());
    for (i, claim) in shown.iter().enumerate() {
        let anchor = format!("id=\"claim-{}\"", claim.id);
        assert!(html.contains(&anchor), "footnote for {}", claim.id);
        assert!(
            html.contains(&format!("href=\"#claim-{}\"", claim.id)),
            "reference to {}",
            claim.id
        );
        assert!(html.contains(&format!("aria-label=\"Claim {}:", i + 1)));
    }
    // The date inside the quote nests inside the quote's highlight.
    let quote = html
        .find("is making a real difference on the battlefield ")
        .unwrap();
    let after = &html[quote..];
    assert!(
        after.find("<mark class=\"claim v-verified\"").unwrap() < after.find("</mark>").unwrap(),
        "the date opens before the quote closes"
    );
    assert!(html.contains("<svg"), "the chart is inline SVG");
    assert!(html.contains("@media print"));
    assert!(
        !html.contains("http://") || !html.contains("src=\"http"),
        "nothing loaded"
    );
}

#[test]
fn markdown_escapes_hostile_text() {
    let articles = [hostile_review()];
    let md = report::render(Format::Markdown, &input("Hostile", &articles)).unwrap();
    assert!(
        !md.replace(r"\<", "").replace("<https://", "").contains('<'),
        "every < in the data is escaped (links use the <https://…> form)"
    );
    assert!(md.contains(r"\<script>alert(1)\</script>"));
    assert!(md.contains(r"\</textarea>"));
    assert!(md.contains(r"\&amp;"));
    assert!(
        !md.contains("](<javascript:"),
        "unsafe scheme is never a link"
    );
    assert!(md.contains("🚀🇺🇦"));
    // Every text piece of the article survives once the escapes are read back.
    let refs = regex::Regex::new(r"\[\^\d+\]").unwrap();
    let unescaped = refs
        .replace_all(&md, "")
        .replace('\\', "")
        .replace("**", "");
    for line in HOSTILE_TEXT.lines().filter(|l| !l.is_empty()) {
        for word in line.split_whitespace() {
            assert!(unescaped.contains(word), "{word:?} shown");
        }
    }
}

#[test]
fn every_format_renders_an_empty_report() {
    let inp = input("Nothing yet", &[]);
    for format in Format::ALL {
        let out = report::render(format, &inp).unwrap_or_else(|e| panic!("{format}: {e}"));
        assert!(!out.is_empty(), "{format}");
    }
}
