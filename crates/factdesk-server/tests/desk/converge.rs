//! Clients on separate databases converge on marks, notes, sources and undo, and a client
//! offline for 200 changes catches up.

use super::harness::{Client, Cluster, Server};

/// The claim of `client` at the span of `spans[i]`.
fn at(client: &Client, spans: &[(u64, u64)], i: usize) -> String {
    client.claim_at(spans[i].0, spans[i].1)
}

#[test]
fn two_then_three_clients_converge_on_marks_notes_sources_and_undo() {
    let cluster = Cluster::start();
    let server = Server::start(&cluster);
    let (ana, ben, cleo) = (Client::new("ana"), Client::new("ben"), Client::new("cleo"));
    ana.import_sample();
    ana.join(&server, &server.add_user("ana", "checker"));
    let spans = ana.spans(4);

    // Work done before publishing goes up with the article.
    ana.ok(&[
        "mark",
        &at(&ana, &spans, 0),
        "verified",
        "--note",
        "Budget, page 4",
        "--source",
        "https://example.org/budget",
    ]);
    ana.ok(&["desk", "publish", &ana.article()]);
    let said = ana.sync();
    assert!(
        said.contains("pushed 1 article(s) and 3 event(s)"),
        "sync says what it did: {said}"
    );
    ben.join(&server, &server.add_user("ben", "checker"));
    let said = ben.sync();
    assert!(
        said.contains("pulled 1 article(s) and 3 event(s)"),
        "{said}"
    );
    assert_eq!(
        ben.state(),
        ana.state(),
        "ben has the article as ana left it"
    );

    // Both change one claim while apart: the desk's order decides, both stay in history.
    ana.ok(&[
        "mark",
        &at(&ana, &spans, 1),
        "disputed",
        "--note",
        "ana doubts it",
    ]);
    ben.ok(&[
        "mark",
        &at(&ben, &spans, 1),
        "false",
        "--note",
        "ben found the report",
    ]);
    ben.ok(&[
        "mark",
        &at(&ben, &spans, 2),
        "misleading",
        "--source",
        "https://example.org/b",
    ]);
    ana.sync();
    ben.sync();
    ana.sync();
    assert_eq!(ana.state(), ben.state(), "two clients converge");
    let second = &ana.state()[ana
        .state()
        .iter()
        .position(|c| c["span"][0] == spans[1].0)
        .unwrap()];
    assert_eq!(
        second["status"], "false",
        "ben's mark came later on the desk"
    );
    assert_eq!(
        second["reviewer"], "ben",
        "and the verdict says who gave it"
    );
    for client in [&ana, &ben] {
        let history = client.history_at(spans[1].0, spans[1].1);
        let statuses: Vec<_> = history
            .iter()
            .filter(|(_, f, _)| f == "status")
            .map(|(by, _, after)| (by.as_str(), after.as_str().unwrap_or("").to_string()))
            .collect();
        assert_eq!(
            statuses,
            [
                ("ana", "disputed".to_string()),
                ("ben", "false".to_string())
            ],
            "{}: both edits stay in the history, in the desk's order",
            client.name
        );
    }

    // Undo goes through the desk like any change; so do a source's removal and a
    // dismissal.
    ben.ok(&["undo", &at(&ben, &spans, 2)]);
    ana.ok(&["dismiss", &at(&ana, &spans, 3)]);
    ben.sync();
    ana.sync();
    ben.sync();
    let state = ana.state();
    assert_eq!(state, ben.state(), "undo and dismissal converge");
    let third = state.iter().find(|c| c["span"][0] == spans[2].0).unwrap();
    assert_eq!(
        third["status"], "unchecked",
        "ben's undo reverted his mark: {third}"
    );
    assert_eq!(
        third["sources"],
        serde_json::json!([]),
        "and withdrew its source"
    );
    let fourth = state.iter().find(|c| c["span"][0] == spans[3].0).unwrap();
    assert_eq!(fourth["dismissed"], true, "ana's dismissal reached ben");

    // A third client joining late gets everything, and its work reaches the others.
    cleo.join(&server, &server.add_user("cleo", "checker"));
    cleo.sync();
    assert_eq!(
        cleo.state(),
        ana.state(),
        "the late joiner has the desk's state"
    );
    cleo.ok(&[
        "mark",
        &at(&cleo, &spans, 0),
        "verified",
        "--note",
        "",
        "--source",
        "https://example.org/c",
    ]);
    cleo.sync();
    ana.sync();
    ben.sync();
    let state = ana.state();
    assert_eq!(state, ben.state(), "three clients converge");
    assert_eq!(state, cleo.state(), "three clients converge");
    let first = state.iter().find(|c| c["span"][0] == spans[0].0).unwrap();
    assert_eq!(
        first["note"],
        serde_json::Value::Null,
        "cleo's removed note: {first}"
    );
    assert_eq!(
        first["sources"],
        serde_json::json!(["https://example.org/budget", "https://example.org/c"]),
        "both sources, from two clients"
    );
    for client in [&ana, &ben, &cleo] {
        let status = client.ok(&["desk", "status"]);
        assert!(status.contains(": synced;"), "{}: {status}", client.name);
    }
}

#[test]
fn a_client_offline_for_200_changes_catches_up() {
    let cluster = Cluster::start();
    let server = Server::start(&cluster);
    let (ana, ben) = (Client::new("ana"), Client::new("ben"));
    ana.import_sample();
    ana.join(&server, &server.add_user("ana", "checker"));
    ana.ok(&["desk", "publish", &ana.article()]);
    ana.sync();
    ben.join(&server, &server.add_user("ben", "checker"));
    ben.sync();

    let spans = ana.spans(10);
    for i in 0..200 {
        let claim = at(&ana, &spans, i % spans.len());
        ana.ok(&[
            "mark",
            &claim,
            "unchecked",
            "--note",
            &format!("check number {i}"),
        ]);
    }
    let status = ana.ok(&["desk", "status"]);
    assert!(status.contains("pending 200"), "200 changes wait: {status}");
    let said = ana.sync();
    assert!(said.contains("and 200 event(s)"), "{said}");
    let said = ben.sync();
    assert!(
        said.contains("pulled 0 article(s) and 200 event(s)"),
        "{said}"
    );
    assert_eq!(ben.state(), ana.state(), "the offline client caught up");
    let history = ben.history_at(spans[3].0, spans[3].1);
    assert_eq!(
        history.iter().filter(|(_, f, _)| f == "note").count(),
        20,
        "every change is in its history, once"
    );
}
