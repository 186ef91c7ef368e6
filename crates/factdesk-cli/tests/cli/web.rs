//! `factdesk import URL`: corpus articles served in real news layouts by a local HTTP
//! server, bad servers and responses, and re-imports as new versions.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::Value;

use super::server::{Reply, Server};
use super::util::Desk;

const LAYOUTS: [&str; 3] = ["div-layout", "table-layout", "amp-layout"];

/// One corpus article with what a web page of it needs.
struct Story {
    doc: String,
    text: String,
    published: NaiveDate,
    canonical: String,
}

fn stories() -> Vec<Story> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/corpus/dev.jsonl"
    );
    std::fs::read_to_string(path)
        .expect("the corpus is in the repository")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("a corpus line");
            let source = v["source"].as_str().unwrap_or("");
            let canonical = source
                .find("https://")
                .map(|i| {
                    source[i..]
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_string()
                })
                .unwrap_or_else(|| format!("https://news.example/{}", v["doc"]));
            Story {
                doc: v["doc"].as_str().expect("doc").to_string(),
                text: v["text"].as_str().expect("text").to_string(),
                published: v["published"]
                    .as_str()
                    .and_then(|d| d.parse().ok())
                    .expect("a publication date"),
                canonical,
            }
        })
        .collect()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// A dateline paragraph: a short line ending in a year ("Saturday, September 12, 2015").
fn is_dateline(p: &str) -> bool {
    p.split_whitespace().count() <= 5
        && p.len() >= 4
        && p[p.len() - 4..].chars().all(|c| c.is_ascii_digit())
}

/// The corpus article `story` as a page of `layout` (see tests/data/web/README.md).
fn page(layout: &str, story: &Story, text: &str) -> String {
    let template = std::fs::read_to_string(format!(
        "{}/../../tests/data/web/{layout}.html",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("the layout is in the repository");
    let paras = paragraphs(text);
    let title = paras[0].clone();
    let (dateline, body) = if is_dateline(&paras[1]) {
        (paras[1].clone(), &paras[2..])
    } else {
        (String::new(), &paras[1..])
    };
    let half = body.len() / 2;
    let html = |ps: &[String]| {
        ps.iter()
            .map(|p| format!("      <p>{}</p>\n", escape(p)))
            .collect::<String>()
    };
    let title_json = serde_json::to_string(&title).expect("a JSON string");
    template
        .replace("{{TITLE_JSON}}", &title_json[1..title_json.len() - 1])
        .replace("{{TITLE}}", &escape(&title))
        .replace("{{DATELINE}}", &escape(&dateline))
        .replace("{{ISO_DATE}}", &story.published.to_string())
        .replace("{{CANONICAL}}", &escape(&story.canonical))
        .replace("{{BODY_1}}", &html(&body[..half]))
        .replace("{{BODY_2}}", &html(&body[half..]))
}

/// Word-level similarity: twice the longest common subsequence of words over the total.
fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<&str> = a.split_whitespace().collect();
    let b: Vec<&str> = b.split_whitespace().collect();
    let mut prev = vec![0u32; b.len() + 1];
    let mut row = vec![0u32; b.len() + 1];
    for wa in &a {
        for (j, wb) in b.iter().enumerate() {
            row[j + 1] = if wa == wb {
                prev[j] + 1
            } else {
                row[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut row);
    }
    2.0 * f64::from(prev[b.len()]) / (a.len() + b.len()).max(1) as f64
}

/// F1 of two multisets of (kind, text).
fn f1(found: &[(String, String)], expected: &[(String, String)]) -> f64 {
    let mut left: HashMap<&(String, String), usize> = HashMap::new();
    for e in expected {
        *left.entry(e).or_default() += 1;
    }
    let mut hits = 0;
    for f in found {
        if let Some(n) = left.get_mut(f).filter(|n| **n > 0) {
            *n -= 1;
            hits += 1;
        }
    }
    2.0 * hits as f64 / (found.len() + expected.len()).max(1) as f64
}

fn stored_claims(desk: &Desk, article: &str) -> Vec<(String, String)> {
    desk.json(&["claims", article])
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| {
            (
                c["claim"]["kind"].as_str().unwrap_or("").to_string(),
                c["claim"]["text"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// Every corpus article in every layout, imported by URL with the real binary (all the
/// URLs of a layout in one run): every paragraph in order, the words at >= 0.99
/// similarity, the boilerplate out, the claims those of the plain text, the metadata
/// from the page.
#[test]
fn news_pages_by_url_keep_every_paragraph_and_leave_boilerplate_out() {
    let server = Server::start();
    let stories = stories();
    for layout in LAYOUTS {
        let desk = Desk::new();
        let mut urls = Vec::new();
        for s in &stories {
            let path = format!("/{layout}/{}", s.doc);
            server.set(&path, Reply::html(page(layout, s, &s.text)));
            urls.push(server.url(&path));
        }
        let mut args = vec!["import"];
        args.extend(urls.iter().map(String::as_str));
        let out = desk.json(&args);
        let imported = out["imported"].as_array().expect("imported");
        assert_eq!(imported.len(), stories.len(), "{layout}: {out}");
        let mut worst = (1.0f64, 1.0f64);
        for (s, got) in stories.iter().zip(imported) {
            let name = format!("{layout} {}", s.doc);
            let a = &got["article"];
            let text = a["text"].as_str().expect("text");
            let sim = similarity(&s.text, text);
            worst.0 = worst.0.min(sim);
            assert!(sim >= 0.99, "{name}: similarity {sim:.4}\n---\n{text}");
            let mut at = 0;
            let got_paras = paragraphs(text);
            for p in paragraphs(&s.text) {
                let found = got_paras[at..].iter().position(|g| *g == p);
                assert!(
                    found.is_some(),
                    "{name}: paragraph missing or out of order: {p:?}\n---\n{text}"
                );
                at += found.unwrap_or(0) + 1;
            }
            for boilerplate in [
                "Advertisement",
                "ADVERTISEMENT",
                "Related stories",
                "Read more",
                "Most read",
                "comments",
                "Comments (2)",
                "reader1984",
                "Subscribe",
                "Copyright",
                "More from Metro Wire",
            ] {
                assert!(
                    !text.contains(boilerplate),
                    "{name}: boilerplate {boilerplate:?} was imported\n---\n{text}"
                );
            }
            let expected: Vec<(String, String)> =
                factdesk_core::extract(&s.text, Some(s.published))
                    .into_iter()
                    .map(|c| (c.kind.to_string(), c.text))
                    .collect();
            let id = a["id"].as_str().expect("id");
            let found = stored_claims(&desk, id);
            let score = f1(&found, &expected);
            worst.1 = worst.1.min(score);
            assert!(
                score >= 0.98,
                "{name}: claims F1 {score:.3} ({} found, {} on the plain text)",
                found.len(),
                expected.len()
            );
            assert_eq!(a["title"], paragraphs(&s.text)[0], "{name}: title");
            assert_eq!(
                a["published"],
                s.published.to_string(),
                "{name}: publication date from the page's metadata"
            );
            assert_eq!(a["url"], s.canonical, "{name}: the canonical URL is kept");
            assert_eq!(a["provenance"]["format"], "html", "{name}");
            assert_eq!(
                a["provenance"]["source"],
                server.url(&format!("/{layout}/{}", s.doc)),
                "{name}: the address read is kept"
            );
        }
        eprintln!(
            "{layout}: {} pages, lowest similarity {:.4}, lowest claims F1 {:.4}",
            stories.len(),
            worst.0,
            worst.1
        );
    }
}

/// What `factdesk articles` and every article's claims look like: a failed import must
/// leave this exactly as it was.
fn snapshot(desk: &Desk) -> String {
    let articles = desk.articles(&[]);
    let mut out = serde_json::Value::from(articles.clone()).to_string();
    for a in &articles {
        let id = a["id"].as_str().expect("id");
        out.push_str(&desk.json(&["claims", id, "--all"]).to_string());
    }
    out
}

/// Each way a web import can go wrong gives a clear error naming the URL, a non-zero exit
/// and a database exactly as before; a good input beside a bad one still goes in.
#[test]
fn bad_servers_and_responses_are_named_and_store_nothing() {
    let server = Server::start();
    let desk = Desk::new();
    let files = desk.corpus_files();
    desk.run(&["import", &files[0].to_string_lossy()]).ok();
    server.set(
        "/gone",
        Reply::Page {
            status: 404,
            content_type: "text/html".into(),
            body: b"<html><body><p>Page not found, sorry.</p></body></html>".to_vec(),
        },
    );
    server.set(
        "/broken",
        Reply::Page {
            status: 500,
            content_type: "text/html".into(),
            body: b"<html><body><p>Internal error 500.</p></body></html>".to_vec(),
        },
    );
    server.set(
        "/photo.png",
        Reply::Page {
            status: 200,
            content_type: "image/png".into(),
            body: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
        },
    );
    server.set("/loop-a", Reply::Redirect(server.url("/loop-b")));
    server.set("/loop-b", Reply::Redirect(server.url("/loop-a")));
    server.set("/endless", Reply::Trickle);
    server.set(
        "/huge",
        Reply::Huge {
            bytes: 50 * 1024 * 1024,
        },
    );
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        let port = l.local_addr().expect("address").port();
        drop(l);
        format!("http://127.0.0.1:{port}/story")
    };
    let before = snapshot(&desk);
    let cases = [
        (server.url("/gone"), "404"),
        (server.url("/broken"), "500"),
        (server.url("/photo.png"), "image/png"),
        (closed.clone(), "cannot reach"),
        (server.url("/endless"), "within 2 s"),
        (server.url("/loop-a"), "redirects"),
        (server.url("/huge"), "limit"),
    ];
    for (url, why) in &cases {
        let start = std::time::Instant::now();
        let run = desk.run(&["import", "--timeout", "2", url]);
        let err = run.failed();
        assert!(
            err.contains(url.as_str()) && err.contains(why),
            "{url}: the error names the URL and says {why:?}: {err}"
        );
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "{url}: gave up in {:?}",
            start.elapsed()
        );
        assert_eq!(snapshot(&desk), before, "{url}: the database changed");
    }
    let mixed = desk.run(&["import", &server.url("/gone"), &files[1].to_string_lossy()]);
    let err = mixed.failed();
    assert!(err.contains(&server.url("/gone")), "{err}");
    assert!(
        mixed.stdout.contains("imported"),
        "the good file beside the bad URL still goes in: {}",
        mixed.stdout
    );
    assert_eq!(desk.articles(&[]).len(), 2);
}

fn article_of(out: &Value) -> &Value {
    &out["imported"][0]
}

/// A page re-imported from the same URL with edited text is a new version of the same
/// article: a verdict on a sentence still there follows it to its new place, a verdict on
/// a sentence cut is kept and listed orphaned. The old page served again is refused, not a
/// rollback; `--version-of` makes a file a version of any article.
#[test]
fn re_imports_are_new_versions_and_never_roll_back() {
    let server = Server::start();
    let desk = Desk::new();
    let story = stories().into_iter().next().expect("a corpus article");
    let v1 = story.text.clone();
    server.set("/crane", Reply::html(page("div-layout", &story, &v1)));
    let url = server.url("/crane");
    let first = desk.json(&["import", &url]);
    let a = article_of(&first)["article"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let claims = desk.json(&["claims", &a]);
    let claim_with = |needle: &str| -> String {
        claims
            .as_array()
            .expect("claims")
            .iter()
            .find(|c| {
                c["claim"]["text"]
                    .as_str()
                    .is_some_and(|t| t.contains(needle))
            })
            .unwrap_or_else(|| panic!("a claim with {needle:?}"))["id"]
            .as_str()
            .expect("id")
            .to_string()
    };
    let toll = claim_with("107");
    let cut = claim_with("ten days");
    desk.run(&["mark", &toll, "verified", "--note", "Civil Defense"])
        .ok();
    desk.run(&["mark", &cut, "disputed"]).ok();

    let v2: String = paragraphs(&v1)
        .into_iter()
        .filter(|p| !p.contains("ten days"))
        .map(|p| {
            if p.starts_with("A storm yesterday") {
                format!("Updated at 18:00. {p}")
            } else {
                p
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    server.set("/crane", Reply::html(page("div-layout", &story, &v2)));
    let second = desk.json(&["import", &url]);
    let second = article_of(&second);
    assert_eq!(second["article"]["id"], a.as_str(), "the same article");
    assert_eq!(second["update"]["version"], 2, "{second}");
    assert!(
        second["update"]["orphaned"]
            .as_array()
            .is_some_and(|o| o.iter().any(|c| c == cut.as_str())),
        "the verdict on the cut sentence is kept and listed orphaned: {second}"
    );
    let after = desk.json(&["claims", &a]);
    let toll_now = after
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["id"] == toll.as_str())
        .expect("the verified claim is still there");
    assert_eq!(toll_now["status"], "verified");
    assert_eq!(toll_now["orphaned"], false);
    let text = second["article"]["text"].as_str().expect("text");
    let start = toll_now["claim"]["start"].as_u64().expect("start") as usize;
    let end = toll_now["claim"]["end"].as_u64().expect("end") as usize;
    assert_eq!(
        &text[start..end],
        toll_now["claim"]["text"].as_str().expect("text"),
        "the verdict moved with its words"
    );

    server.set("/crane", Reply::html(page("div-layout", &story, &v1)));
    let before = snapshot(&desk);
    let old = desk.run(&["import", &url]);
    let err = old.failed();
    assert!(
        err.contains(&url) && err.contains("version 1 of article") && err.contains("roll"),
        "the old page is refused, naming it: {err}"
    );
    assert_eq!(snapshot(&desk), before, "no rollback");

    let v3 = format!("{v2}\n\nThis article was corrected on September 13.");
    let draft = desk.write("crane-draft-3.txt", &v3);
    let third = desk.json(&["import", "--version-of", &a, &draft.to_string_lossy()]);
    let third = article_of(&third);
    assert_eq!(third["update"]["version"], 3, "{third}");
    assert_eq!(third["article"]["provenance"]["format"], "text");
    assert_eq!(third["article"]["url"], story.canonical, "the URL is kept");
    let wrong = desk.run(&["import", "--version-of", "a99", &draft.to_string_lossy()]);
    assert!(wrong.failed().contains("a99"), "{}", wrong.stderr);

    let report = desk.run(&["report", &a, "--format", "json", "--output", "-"]);
    let json: Value = serde_json::from_str(&report.ok().stdout).expect("report JSON");
    let shown = json.to_string();
    assert!(
        shown.contains("crane-draft-3.txt") && !shown.contains(&*desk.dir.path().to_string_lossy()),
        "the JSON report names the source file, not the folder it sits in: {shown}"
    );
    let html = desk.run(&["report", &a, "--format", "html", "--output", "-"]);
    assert!(
        html.ok().stdout.contains("crane-draft-3.txt"),
        "the HTML report names the source"
    );
}

/// A text first imported from a file, then found at a URL, is the same article, and the
/// URL is kept: a later edit at that URL is a new version of it, not a new article.
#[test]
fn a_url_import_of_a_stored_text_keeps_the_url_for_later_versions() {
    let server = Server::start();
    let desk = Desk::new();
    let story = stories().into_iter().nth(1).expect("a corpus article");
    let file = desk.write("story.txt", &story.text);
    let first = desk.json(&["import", &file.to_string_lossy()]);
    let a = article_of(&first)["article"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let plain = |text: &str| Reply::Page {
        status: 200,
        content_type: "text/plain; charset=utf-8".into(),
        body: text.as_bytes().to_vec(),
    };
    server.set("/story.txt", plain(&story.text));
    let url = server.url("/story.txt");
    let same = desk.json(&["import", &url]);
    assert_eq!(article_of(&same)["article"]["id"], a.as_str());
    assert_eq!(article_of(&same)["created"], false);
    assert_eq!(article_of(&same)["article"]["url"], url.as_str());
    server.set(
        "/story.txt",
        plain(&format!("{}\n\nUpdated with a correction.\n", story.text)),
    );
    let edited = desk.json(&["import", &url]);
    assert_eq!(article_of(&edited)["article"]["id"], a.as_str());
    assert_eq!(article_of(&edited)["update"]["version"], 2);
    assert_eq!(desk.articles(&[]).len(), 1);
}
