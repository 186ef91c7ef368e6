//! The review commands end to end: what one command stores, the next reads back.

use serde_json::Value;

use super::util::{corpus, span_args, Desk};

/// Imports the corpus without extraction (so each test places the claims it needs by
/// hand) and returns (article id, text) in corpus order.
fn imported(desk: &Desk) -> Vec<(String, String)> {
    let files = desk.corpus_files();
    let mut args = vec!["import", "--no-extract"];
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    args.extend(names.iter().map(String::as_str));
    let out = desk.json(&args);
    let done = out["imported"].as_array().unwrap();
    assert_eq!(done.len(), files.len());
    assert!(out["failed"].as_array().unwrap().is_empty());
    done.iter()
        .map(|d| {
            assert_eq!(d["created"], true);
            (
                d["article"]["id"].as_str().unwrap().to_string(),
                d["article"]["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn add_claim(desk: &Desk, article: &str, text: &str, needle: &str, kind: &str) -> String {
    let (start, end) = span_args(text, needle, 0);
    let c = desk.json(&[
        "add-claim",
        article,
        &start,
        &end,
        "--kind",
        kind,
        "--by",
        "ana",
    ]);
    assert_eq!(c["claim"]["text"], needle);
    assert_eq!(c["origin"], "manual");
    c["id"].as_str().unwrap().to_string()
}

#[test]
fn import_keeps_each_text_exactly_and_lists_it() {
    let desk = Desk::new();
    let articles = imported(&desk);
    for ((_, text), doc) in articles.iter().zip(corpus()) {
        assert_eq!(text, &doc.text);
    }
    let list = desk.articles(&[]);
    assert_eq!(list.len(), articles.len());
    assert_eq!(
        list[0]["title"],
        "At least 107 killed in Mecca crane collapse"
    );
    assert_eq!(list[0]["published"], "2015-09-12", "read from the dateline");
    let again = desk.run(&["import", &desk.path("dev-01.txt").display().to_string()]);
    assert!(
        again.ok().stdout.contains("already there"),
        "{}",
        again.stdout
    );
    assert_eq!(desk.articles(&[]).len(), articles.len());
    let text_list = desk.run(&["articles"]);
    assert!(text_list.ok().stdout.contains("Mecca crane collapse"));
}

#[test]
fn mark_history_undo_round_trip() {
    let desk = Desk::new();
    let articles = imported(&desk);
    let (a, text) = &articles[0];
    let toll = add_claim(&desk, a, text, "107 or more", "figure");
    let marked = desk.json(&[
        "mark",
        &toll,
        "verified",
        "--note",
        "Civil Defense Authority toll",
        "--source",
        "https://en.wikinews.org/wiki/At_least_107_killed_in_Mecca_crane_collapse",
        "--shows",
        "107 dead",
        "--by",
        "ana",
    ]);
    assert_eq!(marked["status"], "verified");
    assert_eq!(marked["reviewer"], "ana");
    assert_eq!(marked["sources"][0]["shows"], "107 dead");
    desk.run(&["mark", &toll, "false", "--by", "ben"]).ok();

    let verified = desk.json(&["claims", a, "--status", "false"]);
    assert_eq!(verified.as_array().unwrap().len(), 1);
    assert_eq!(verified[0]["id"], toll.as_str());
    assert_eq!(verified[0]["note"], "Civil Defense Authority toll");

    let history = desk.json(&["history", &toll]);
    let fields: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["added", "status", "note", "source", "status"]);

    let undo = desk.json(&["undo", &toll, "--by", "cy"]);
    assert_eq!(undo["claim"]["status"], "verified", "back to ana's verdict");
    let undo = desk.json(&["undo", &toll, "--by", "cy"]);
    assert_eq!(
        undo["undone"].as_array().unwrap().len(),
        3,
        "ana's whole mark"
    );
    assert_eq!(undo["claim"]["status"], "unchecked");
    assert!(undo["claim"]["sources"].as_array().unwrap().is_empty());

    let history = desk.json(&["history", &toll]);
    let events = history.as_array().unwrap();
    assert_eq!(events.len(), 9, "nothing removed: 5 changes and 4 undos");
    assert!(events
        .iter()
        .skip(5)
        .all(|e| e["by"] == "cy" && e["undoes"].is_string()));
    let shown = desk.run(&["history", &toll]);
    assert!(shown.ok().stdout.contains("undoes h"), "{}", shown.stdout);
}

#[test]
fn dismiss_correct_and_the_reviewer_name() {
    let desk = Desk::new();
    let articles = imported(&desk);
    let (a, text) = articles
        .iter()
        .find(|(_, t)| t.contains("Stoltenberg"))
        .unwrap();
    let quote = add_claim(&desk, a, text, "Ukraine will prevail", "quote");
    let c = desk.json(&["correct", &quote, "--speaker", "Jens Stoltenberg"]);
    assert_eq!(c["claim"]["speaker"], "Jens Stoltenberg");
    let h = desk.json(&["history", &quote]);
    assert_eq!(
        h[1]["by"], "tester",
        "the user name when no --by or FACTDESK_REVIEWER"
    );
    let by_env = desk
        .command(&["dismiss", &quote, "--json"])
        .env("FACTDESK_REVIEWER", "desk editor")
        .output()
        .unwrap();
    assert!(by_env.status.success());
    let h = desk.json(&["history", &quote]);
    assert_eq!(h[2]["by"], "desk editor");
    let hidden = desk.json(&["claims", a]);
    assert!(hidden
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["id"] != quote.as_str()));
    let all = desk.json(&["claims", a, "--all"]);
    assert!(all
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == quote.as_str() && c["dismissed"] == true));
    let back = desk.json(&["dismiss", &quote, "--undo", "--by", "ana"]);
    assert_eq!(back["dismissed"], false);
    let wrong = desk.run(&["correct", &quote, "--value", r#"{"iso":"2023-04-20"}"#]);
    assert!(wrong.failed().contains("quote"), "{}", wrong.stderr);
    let bad_span = desk.run(&["add-claim", a, "10", "5"]);
    assert!(bad_span.failed().contains("empty"), "{}", bad_span.stderr);
    let missing = desk.run(&["mark", "c9999", "verified"]);
    assert!(missing.failed().contains("c9999"), "{}", missing.stderr);
}

#[test]
fn search_finds_text_notes_and_speakers() {
    let desk = Desk::new();
    let articles = imported(&desk);
    let (a, text) = &articles[0];
    let quote = add_claim(
        &desk,
        a,
        text,
        "Had it happened an hour later it would have been much worse,",
        "quote",
    );
    desk.run(&["correct", &quote, "--speaker", "Khaled Al-Maeena"])
        .ok();
    desk.run(&[
        "mark",
        &quote,
        "verified",
        "--note",
        "Confirmed with the Saudi Gazette desk",
    ])
    .ok();
    let hits = desk.json(&["search", "Gazette", "desk"]);
    let hits = hits.as_array().unwrap();
    assert!(
        hits.iter()
            .any(|h| h["field"] == "note" && h["claim_id"] == quote.as_str()),
        "{hits:?}"
    );
    let hits = desk.json(&["search", "Maeena"]);
    assert!(hits
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["field"] == "speaker"));
    let hits = desk.json(&["search", "crane", "--limit", "1"]);
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert_eq!(hits[0]["article_id"], a.as_str());
    let shown = desk.run(&["search", "crane"]);
    assert!(shown.ok().stdout.contains("[crane]"), "{}", shown.stdout);
}

#[test]
fn reextract_keeps_reviewed_work() {
    let desk = Desk::new();
    let articles = imported(&desk);
    let (a, text) = &articles[1];
    let before: Vec<Value> = desk.json(&["claims", a]).as_array().unwrap().clone();
    let manual = add_claim(&desk, a, text, "streamlined", "quote");
    desk.run(&["mark", &manual, "misleading", "--note", "not a quote"])
        .ok();
    if let Some(first) = before.first() {
        desk.run(&["mark", first["id"].as_str().unwrap(), "verified"])
            .ok();
    }
    let report = desk.json(&["reextract", a]);
    assert_eq!(report[0]["article"], a.as_str());
    let after = desk.json(&["claims", a]);
    let after = after.as_array().unwrap();
    let kept = after.iter().find(|c| c["id"] == manual.as_str()).unwrap();
    assert_eq!(kept["status"], "misleading");
    assert_eq!(kept["note"], "not a quote");
    if let Some(first) = before.first() {
        assert!(after
            .iter()
            .any(|c| c["id"] == first["id"] && c["status"] == "verified"));
    }
    let all = desk.json(&["reextract", "--all"]);
    assert_eq!(all.as_array().unwrap().len(), articles.len());
    let neither = desk.run(&["reextract"]);
    assert!(neither.failed().contains("ARTICLE"), "{}", neither.stderr);
}

#[test]
fn html_and_markdown_files_bring_their_metadata() {
    let desk = Desk::new();
    let html = desk.write(
        "budget.html",
        r#"<!doctype html><html><head><title>Council passes budget | Gazette</title>
<meta property="og:site_name" content="Springfield Gazette">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta name="author" content="Ann Reporter">
<link rel="canonical" href="https://gazette.example/budget"></head>
<body><nav>Home | Sports</nav><article><h1>Council passes budget</h1>
<p>The council approved $4.2 million on Tuesday, the mayor said.</p></article></body></html>"#,
    );
    let md = desk.write(
        "nato.md",
        "---\ntitle: Stoltenberg in Kiev\ndate: 2023-04-20\n---\n\nNATO members have sent \"more than 15 billion euros\".\n",
    );
    let out = desk.json(&[
        "import",
        &html.display().to_string(),
        &md.display().to_string(),
    ]);
    let h = &out["imported"][0]["article"];
    assert_eq!(h["title"], "Council passes budget");
    assert_eq!(h["outlet"], "Springfield Gazette");
    assert_eq!(h["byline"], "Ann Reporter");
    assert_eq!(h["published"], "2024-03-05");
    assert_eq!(h["url"], "https://gazette.example/budget");
    assert_eq!(
        h["text"],
        "Council passes budget\n\nThe council approved $4.2 million on Tuesday, the mayor said."
    );
    let m = &out["imported"][1]["article"];
    assert_eq!(m["title"], "Stoltenberg in Kiev");
    assert_eq!(m["published"], "2023-04-20");
}

#[test]
fn a_new_version_of_an_html_article_keeps_the_verdicts_it_can_place() {
    let desk = Desk::new();
    let page = |amount: &str, extra: &str| {
        format!(
            r#"<html><head><link rel="canonical" href="https://gazette.example/budget"></head>
<body><article><p>{extra}The council approved {amount} on Tuesday, the mayor said.</p>
<p>Turnout was 41 percent.</p></article></body></html>"#
        )
    };
    let v1 = desk.write("v1.html", page("$4.2 million", ""));
    let first = desk.json(&["import", "--no-extract", &v1.display().to_string()]);
    let a = first["imported"][0]["article"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let text = first["imported"][0]["article"]["text"]
        .as_str()
        .unwrap()
        .to_string();
    let amount = add_claim(&desk, &a, &text, "$4.2 million", "figure");
    let turnout = add_claim(&desk, &a, &text, "41 percent", "figure");
    desk.run(&["mark", &amount, "verified"]).ok();
    desk.run(&["mark", &turnout, "disputed"]).ok();
    let v2 = desk.write("v2.html", page("$4.5 million", "Updated: "));
    let second = desk.json(&["import", &v2.display().to_string()]);
    let update = &second["imported"][0]["update"];
    assert_eq!(second["imported"][0]["article"]["id"], a.as_str());
    assert_eq!(update["version"], 2);
    assert_eq!(update["orphaned"], serde_json::json!([amount]));
    let t = desk.json(&["claims", &a]);
    let t = t.as_array().unwrap();
    let turnout_now = t.iter().find(|c| c["id"] == turnout.as_str()).unwrap();
    assert_eq!(turnout_now["status"], "disputed");
    assert_eq!(turnout_now["orphaned"], false);
    let amount_now = t.iter().find(|c| c["id"] == amount.as_str()).unwrap();
    assert_eq!(
        (amount_now["orphaned"].clone(), amount_now["status"].clone()),
        (true.into(), "verified".into())
    );
}

#[test]
fn backup_copies_everything_and_never_overwrites() {
    let desk = Desk::new();
    let nothing = desk.run(&["backup", "early.db"]);
    assert!(
        nothing.failed().contains("no database"),
        "{}",
        nothing.stderr
    );
    assert!(!desk.db.exists() && !desk.path("early.db").exists());
    let articles = imported(&desk);
    let (a, text) = &articles[0];
    let c = add_claim(&desk, a, text, "238", "figure");
    desk.run(&["mark", &c, "verified"]).ok();
    let copy = desk.path("copy.db");
    let copy_arg = copy.display().to_string();
    let out = desk.json(&["backup", &copy_arg]);
    assert_eq!(out["articles"], articles.len());
    let again = desk.run(&["backup", &copy_arg]);
    assert!(
        again.failed().contains("already exists"),
        "{}",
        again.stderr
    );
    let from_copy = desk.json(&["claims", a, "--db", &copy_arg]);
    assert_eq!(from_copy, desk.json(&["claims", a]));
    assert_eq!(from_copy[0]["status"], "verified");
}

#[test]
fn the_db_flag_wins_over_the_environment() {
    let desk = Desk::new();
    let other = desk.path("other.db");
    let file = desk.write("note.txt", "Turnout was 41 percent on Sunday.\n");
    desk.run(&[
        "import",
        &file.display().to_string(),
        "--db",
        &other.display().to_string(),
    ])
    .ok();
    assert!(other.exists());
    assert!(!desk.db.exists(), "FACTDESK_DB was not used");
    let listed = desk.articles(&["--db", &other.display().to_string()]);
    assert_eq!(listed.len(), 1);
}

#[test]
fn import_stores_the_claims_the_engine_finds() {
    let desk = Desk::new();
    let doc = corpus()
        .into_iter()
        .find(|d| d.doc == "seed")
        .expect("the seed article");
    let file = desk.write("seed.txt", &doc.text);
    let file = file.display().to_string();
    let out = desk.json(&["import", &file]);
    let article = out["imported"][0]["article"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let extracted: Value =
        serde_json::from_str(&desk.run(&["extract", "--json", &file]).ok().stdout)
            .expect("extract --json prints JSON");
    let extracted = extracted["claims"].as_array().unwrap();
    let stored = desk.json(&["claims", &article]);
    let stored = stored.as_array().unwrap();
    assert!(!stored.is_empty(), "the seed article has claims");
    assert_eq!(
        stored.len(),
        extracted.len(),
        "every extracted claim is stored"
    );
    for (s, e) in stored.iter().zip(extracted) {
        assert_eq!(s["origin"], "extracted");
        assert_eq!(s["status"], "unchecked", "a new claim starts unchecked");
        for field in ["kind", "start", "end", "text", "speaker"] {
            assert_eq!(s["claim"][field], e[field], "stored {field} as extracted");
        }
    }
    let quote = stored
        .iter()
        .find(|c| c["claim"]["kind"] == "quote")
        .expect("a quote");
    let id = quote["id"].as_str().unwrap();
    let marked = desk.json(&["mark", id, "verified", "--note", "On the NATO transcript"]);
    assert_eq!(marked["status"], "verified");
    assert_eq!(marked["note"], "On the NATO transcript");
}
