//! `factdesk report`: every format from a real database, selections, and refusals.

use serde_json::Value;

use super::util::{corpus, Desk};

/// A desk with the seed article imported and two of its claims marked; returns the
/// article id and the ids of the disputed figure and the verified quote.
fn reviewed_desk() -> (Desk, String, String, String) {
    let desk = Desk::new();
    let seed = corpus().into_iter().find(|d| d.doc == "seed").unwrap();
    let file = desk.write("seed.txt", &seed.text);
    let out = desk.json(&["import", &file.display().to_string()]);
    let a = out["imported"][0]["article"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let claims = desk.json(&["claims", &a]);
    let claims = claims.as_array().unwrap();
    let id_of = |kind: &str| {
        claims
            .iter()
            .find(|c| c["claim"]["kind"] == kind)
            .map(|c| c["id"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("the seed has a {kind}"))
    };
    let figure = id_of("figure");
    let quote = id_of("quote");
    desk.run(&[
        "mark",
        &figure,
        "disputed",
        "--note",
        "Totals <differ>, \"by source\"",
        "--by",
        "ana",
    ])
    .ok();
    desk.run(&[
        "mark",
        &quote,
        "verified",
        "--source",
        "https://www.nato.int/",
        "--by",
        "ben",
    ])
    .ok();
    (desk, a, figure, quote)
}

#[test]
fn every_format_is_written_from_the_database() {
    let (desk, a, figure, quote) = reviewed_desk();
    for format in ["html", "md", "json", "csv", "claimreview"] {
        let path = desk.path(&format!("report.{format}"));
        let p = path.display().to_string();
        desk.run(&[
            "report",
            &a,
            "--format",
            format,
            "-o",
            &p,
            "--publication-url",
            "https://factcheck.example/seed",
        ])
        .ok();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{format}: {e}"));
        assert!(!text.is_empty(), "{format} report has content");
        match format {
            "html" => {
                assert!(
                    text.contains("Totals &lt;differ&gt;"),
                    "the note is escaped in HTML"
                );
                assert!(
                    !text.contains("Totals <differ>"),
                    "no raw markup from a note"
                );
            }
            "json" => {
                let v: Value = serde_json::from_str(&text).expect("JSON report parses");
                let claims = v["articles"][0]["claims"]
                    .as_array()
                    .expect("claims listed");
                let fig = claims.iter().find(|c| c["id"] == figure.as_str()).unwrap();
                assert_eq!(fig["status"], "disputed");
                assert_eq!(fig["reviewer"], "ana");
            }
            "csv" => {
                let mut rows = text.lines();
                let header = rows.next().unwrap();
                assert!(
                    header.contains("status") && header.contains("note"),
                    "{header}"
                );
                assert!(text.contains(&format!(",{quote},")), "the quote has a row");
            }
            "claimreview" => {
                let v: Value = serde_json::from_str(&text).expect("ClaimReview parses");
                let reviews = v.as_array().expect("a list of ClaimReviews");
                assert_eq!(reviews.len(), 2, "one per reviewed claim");
                for r in reviews {
                    assert_eq!(r["@type"], "ClaimReview");
                    assert!(r["reviewRating"]["alternateName"].is_string());
                }
            }
            _ => assert!(text.contains("Totals"), "the note is in the Markdown"),
        }
    }
}

#[test]
fn a_search_and_status_select_what_is_reported() {
    let (desk, _, figure, quote) = reviewed_desk();
    let out = desk
        .run(&[
            "report",
            "--query",
            "Stoltenberg",
            "--status",
            "disputed",
            "--format",
            "json",
            "-o",
            "-",
        ])
        .ok()
        .stdout
        .clone();
    let v: Value = serde_json::from_str(&out).expect("JSON on standard output");
    let ids: Vec<&str> = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["claims"].as_array().unwrap())
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [figure.as_str()],
        "only the disputed claim, not {quote}"
    );
}

#[test]
fn refusals_leave_no_file_behind() {
    let (desk, a, _, _) = reviewed_desk();
    let nothing = desk.run(&["report", "--format", "html", "-o", "r.html"]);
    assert!(
        nothing.failed().contains("say what to report on"),
        "{}",
        nothing.stderr
    );
    let unknown = desk.run(&["report", "a999", "--format", "html", "-o", "r.html"]);
    assert!(
        unknown.failed().contains("a999"),
        "names the unknown article: {}",
        unknown.stderr
    );
    let no_url = desk.run(&["report", &a, "--format", "claimreview", "-o", "cr.json"]);
    assert!(no_url.failed().contains("publication"), "{}", no_url.stderr);
    let bad_format = desk.run(&["report", &a, "--format", "pdf", "-o", "r.pdf"]);
    assert!(bad_format.failed().contains("pdf"), "{}", bad_format.stderr);
    for f in ["r.html", "cr.json", "r.pdf"] {
        assert!(!desk.path(f).exists(), "{f} must not be written on failure");
    }
}

#[test]
fn a_publication_url_that_is_not_http_is_refused() {
    let (desk, a, _, _) = reviewed_desk();
    for bad in [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,x",
        "factdesk.example/r",
        " https://x.test/",
    ] {
        for format in ["claimreview", "html", "json"] {
            let run = desk.run(&[
                "report",
                &a,
                "--format",
                format,
                "--publication-url",
                bad,
                "-o",
                "out.txt",
            ]);
            let err = run.failed();
            assert!(
                err.contains("--publication-url") && err.contains("http"),
                "{bad} ({format}): {err}"
            );
            assert!(!desk.path("out.txt").exists(), "nothing written for {bad}");
        }
    }
    let ok = desk.run(&[
        "report",
        &a,
        "--format",
        "claimreview",
        "--publication-url",
        "HTTPS://factdesk.example/r",
        "-o",
        "cr.json",
    ]);
    ok.ok();
}

#[test]
fn every_article_of_a_streamed_report_is_there_once_in_order() {
    let desk = Desk::new();
    let docs: Vec<_> = corpus().into_iter().take(4).collect();
    for d in &docs {
        let file = desk.write(&format!("{}.txt", d.doc), &d.text);
        desk.json(&["import", &file.display().to_string()]);
    }
    let path = desk.path("all.json");
    desk.run(&[
        "report",
        "--all",
        "--format",
        "json",
        "-o",
        &path.display().to_string(),
    ])
    .ok();
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let ids: Vec<&str> = doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["article"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a1", "a2", "a3", "a4"]);
    assert_eq!(doc["summary"]["articles"], 4);
    let numbers: Vec<u64> = doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["claims"].as_array().unwrap().iter())
        .filter_map(|c| c["number"].as_u64())
        .collect();
    assert_eq!(numbers, (1..=numbers.len() as u64).collect::<Vec<_>>());
    assert_eq!(doc["summary"]["claims"], numbers.len());
}
