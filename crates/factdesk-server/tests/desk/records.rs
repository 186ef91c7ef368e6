//! Assignments, sign-offs and comments made through the real `factdesk` CLI reach every
//! client with the stream: a queue by deadline, one comment thread on two clients, a
//! sign-off the other clients' reports name, the role rules on the new commands, and a
//! client offline through all of it that catches up in one sync.

use serde_json::Value;

use super::harness::{Client, Cluster, Server};

/// A second article, so a queue has two deadlines to order.
const SECOND: &str = "Council spends 4 million euros on bridges\n\n\
    The council spent 4 million euros in March 2024 on 12 bridges, the mayor said on Monday.\n";

/// `factdesk ARGS`, which must fail; what it said on standard error.
fn refused(client: &Client, args: &[&str]) -> String {
    let run = client.run(args);
    assert!(
        !run.ok,
        "{}: factdesk {args:?} should have been refused:\n{}",
        client.name, run.stdout
    );
    run.stderr
}

/// The (by, body, at) of each comment in `client`'s copy of claim `claim`'s thread.
fn thread(client: &Client, claim: &str) -> Vec<(String, String, String)> {
    let out = client.json(&["desk", "comments", claim]);
    out["comments"]
        .as_array()
        .unwrap_or_else(|| panic!("a thread in {out}"))
        .iter()
        .map(|c| {
            (
                c["by"].as_str().unwrap().to_string(),
                c["body"].as_str().unwrap().to_string(),
                c["at"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The local id of the article titled `title` in `client`'s database.
fn article_titled(client: &Client, title: &str) -> String {
    let page = client.json(&["articles"]);
    page["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.contains(title)))
        .and_then(|a| a["id"].as_str())
        .unwrap_or_else(|| panic!("{}: no article titled {title:?} in {page}", client.name))
        .to_string()
}

/// The (article title, deadline) of each entry of `client`'s queue.
fn queue(client: &Client, args: &[&str]) -> Vec<(String, Value)> {
    let mut all = vec!["desk", "queue"];
    all.extend_from_slice(args);
    let out = client.json(&all);
    out["queue"]
        .as_array()
        .unwrap_or_else(|| panic!("a queue in {out}"))
        .iter()
        .map(|q| {
            (
                q["title"].as_str().unwrap().to_string(),
                q["deadline"].clone(),
            )
        })
        .collect()
}

#[test]
fn assignments_sign_offs_and_comments_reach_every_client_with_the_stream() {
    let cluster = Cluster::start();
    let mut server = Server::start(&cluster);
    let (ana, ben, ed, eve, olga) = (
        Client::new("ana"),
        Client::new("ben"),
        Client::new("ed"),
        Client::new("eve"),
        Client::new("olga"),
    );
    ana.import_sample();
    ana.join(&server, &server.add_user("ana", "checker"));
    ben.join(&server, &server.add_user("ben", "checker"));
    ed.join(&server, &server.add_user("ed", "editor"));
    eve.join(&server, &server.add_user("eve", "editor"));
    // Olga joins now and does not sync again until everything below is done.
    olga.join(&server, &server.add_user("olga", "checker"));
    let spans = ana.spans(2);
    ana.ok(&["mark", &ana.claim_at(spans[0].0, spans[0].1), "verified"]);
    ana.ok(&["desk", "publish", &ana.article()]);
    ana.sync();
    ben.sync();

    // A comment thread written on two clients reads the same on both.
    let ana_claim = ana.claim_at(spans[0].0, spans[0].1);
    let ben_claim = ben.claim_at(spans[0].0, spans[0].1);
    ana.ok(&["desk", "comment", &ana_claim, "Which budget is this?"]);
    let said = ben.ok(&[
        "desk",
        "comment",
        &ben_claim,
        "The 2023 one, <page 4> & annex",
    ]);
    assert!(said.contains("comment added by ben"), "{said}");
    ana.sync();
    let on_ana = thread(&ana, &ana_claim);
    assert_eq!(
        on_ana
            .iter()
            .map(|(by, body, _)| (by.as_str(), body.as_str()))
            .collect::<Vec<_>>(),
        [
            ("ana", "Which budget is this?"),
            ("ben", "The 2023 one, <page 4> & annex")
        ],
        "the thread in the desk's order"
    );
    assert_eq!(thread(&ben, &ben_claim), on_ana, "both read one thread");
    let err = refused(&ana, &["desk", "comment", &ana_claim, "   "]);
    assert!(err.contains("needs words"), "{err}");

    // A checker can neither assign nor sign off, whatever the client sends.
    let article = ana.article();
    let err = refused(&ana, &["desk", "assign", &article, "--to", "ben"]);
    assert!(
        err.contains("ana is a checker and cannot assign articles"),
        "{err}"
    );
    let err = refused(&ana, &["desk", "signoff", &article]);
    assert!(err.contains("cannot sign articles off"), "{err}");

    // An editor who marked one of the claims is refused; the mark made here goes up with
    // the sign-off's own sync first, so it counts.
    ed.sync();
    ed.ok(&["mark", &ed.claim_at(spans[1].0, spans[1].1), "false"]);
    let err = refused(&ed, &["desk", "signoff", &ed.article()]);
    assert!(
        err.contains("ed made 1 change(s)") && err.contains("marked none"),
        "{err}"
    );
    // One who marked none signs off, and the other clients' reports say who and when.
    eve.sync();
    let signed = eve.json(&["desk", "signoff", &eve.article()]);
    assert_eq!(signed["sign_off"]["editor"], "eve", "{signed}");
    let at: chrono::DateTime<chrono::Utc> =
        signed["sign_off"]["at"].as_str().unwrap().parse().unwrap();
    let shown = at.format("%Y-%m-%d %H:%M UTC").to_string();
    let again = eve.json(&["desk", "signoff", &eve.article()]);
    assert_eq!(
        again["sign_off"], signed["sign_off"],
        "signing twice changes nothing"
    );
    ben.sync();
    let md = ben.ok(&["report", &ben.article(), "--format", "md", "-o", "-"]);
    assert!(
        md.contains(&format!("Signed off by eve on {shown}")),
        "ben's Markdown report names eve and the time:\n{md}"
    );
    let html = ben.ok(&["report", &ben.article(), "--format", "html", "-o", "-"]);
    assert!(
        html.contains("Signed off by <span class=\"sign-off\">eve on <time"),
        "ben's HTML report names eve"
    );
    assert!(html.contains(&shown), "and the time");

    // The editor assigns both articles; the checker's queue, after a sync, is by deadline.
    let second = ana.dir.path().join("second.txt");
    std::fs::write(&second, SECOND).unwrap();
    let imported = ana.json(&["import", second.to_str().unwrap()]);
    let second_here = imported["imported"][0]["article"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    ana.ok(&["desk", "publish", &second_here]);
    ana.sync();
    ed.sync();
    let ed_sample = article_titled(&ed, "NATO");
    let ed_second = article_titled(&ed, "Council");
    ed.ok(&[
        "desk",
        "assign",
        &ed_sample,
        "--to",
        "ana",
        "--deadline",
        "2026-12-07T18:00Z",
    ]);
    ed.ok(&["desk", "assign", &ed_second, "--to", "ben"]);
    // Reassigned: the latest assignment stands.
    let said = ed.ok(&[
        "desk",
        "assign",
        &ed_second,
        "--to",
        "ana",
        "--deadline",
        "2026-12-06 09:30",
    ]);
    assert!(said.contains("due 2026-12-06 09:30 UTC"), "{said}");
    let err = refused(
        &ed,
        &[
            "desk",
            "assign",
            &ed_second,
            "--to",
            "ana",
            "--deadline",
            "2026-12-06",
        ],
    );
    assert!(err.contains("no time of day"), "{err}");
    assert!(
        queue(&ana, &[]).is_empty(),
        "the queue is the local copy: nothing before a sync"
    );
    ana.sync();
    let title_of = |id: &str| {
        let page = ana.json(&["articles"]);
        page["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .and_then(|a| a["title"].as_str())
            .unwrap_or_else(|| panic!("ana has {id}: {page}"))
            .to_string()
    };
    let expected = vec![
        (title_of(&second_here), Value::from("2026-12-06T09:30:00Z")),
        (title_of(&article), Value::from("2026-12-07T18:00:00Z")),
    ];
    assert_eq!(queue(&ana, &[]), expected, "soonest deadline first");
    let listed = ana.json(&["desk", "queue"]);
    assert_eq!(
        listed["queue"][0]["article"], second_here,
        "named by ana's own local id"
    );
    ben.sync();
    assert!(queue(&ben, &[]).is_empty(), "reassigned away from ben");

    // Offline: writes say they need the desk; the local copy still reads.
    server.kill();
    let err = refused(&ana, &["desk", "comment", &ana_claim, "Still there?"]);
    assert!(err.contains("needs the desk"), "{err}");
    assert_eq!(queue(&ana, &[]), expected, "the queue offline");
    assert_eq!(thread(&ana, &ana_claim), on_ana, "the thread offline");
    server.restart();

    // Olga, offline through all of it, catches up with everything in one sync.
    let said = olga.sync();
    assert!(
        said.contains("pulled 2 article(s)"),
        "both articles: {said}"
    );
    let olga_sample = article_titled(&olga, "NATO");
    let olga_claim = {
        let claims = olga.json(&["claims", &olga_sample, "--all"]);
        claims
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["claim"]["start"] == spans[0].0 && c["claim"]["end"] == spans[0].1)
            .and_then(|c| c["id"].as_str())
            .unwrap()
            .to_string()
    };
    assert_eq!(thread(&olga, &olga_claim), on_ana, "olga has the thread");
    assert_eq!(
        queue(&olga, &["--user", "ana"]),
        expected,
        "and ana's queue"
    );
    let md = olga.ok(&["report", &olga_sample, "--format", "md", "-o", "-"]);
    assert!(
        md.contains(&format!("Signed off by eve on {shown}")),
        "and the sign-off:\n{md}"
    );
    let status = olga.json(&["desk", "status"]);
    let end: i64 = cluster
        .psql("SELECT last_value FROM stream_seq")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(status["desk"]["cursor"], end, "at the end of the stream");
}
