//! Every role boundary, revoked tokens, and a history no one can rewrite: the server
//! enforces each, whatever the client sends.

use serde_json::{json, Value};

use super::harness::{Client, Cluster, Server};

#[test]
fn roles_tokens_and_the_history_are_enforced_by_the_server() {
    let cluster = Cluster::start();
    let server = Server::start(&cluster);
    let ana_token = server.add_user("ana", "checker");
    let ed_token = server.add_user("ed", "editor");
    let eve_token = server.add_user("eve", "editor");
    let root_token = server.add_user("root", "admin");
    let ana = Client::new("ana");
    ana.import_sample();
    ana.join(&server, &ana_token);
    ana.ok(&["desk", "publish", &ana.article()]);
    let spans = ana.spans(2);
    ana.ok(&["mark", &ana.claim_at(spans[0].0, spans[0].1), "verified"]);
    ana.sync();
    let article = cluster.psql("SELECT uid FROM articles").unwrap();
    let claim = cluster
        .psql("SELECT claim FROM events LIMIT 1")
        .expect("ana's event is on the desk");

    // Who may assign and sign off.
    let assign = json!({"assignee": "ana", "deadline": "2030-01-01T12:00:00Z"});
    let path = format!("/v1/articles/{article}/assign");
    for (who, token) in [("checker", &ana_token), ("admin", &root_token)] {
        let (status, body) = server.call("POST", &path, token, Some(&assign));
        assert_eq!(status, 403, "a {who} cannot assign: {body}");
        assert_eq!(body["code"], "forbidden");
    }
    let (status, body) = server.call("POST", &path, &ed_token, Some(&assign));
    assert_eq!(status, 200, "an editor assigns: {body}");
    let (_, queue) = server.call("GET", "/v1/queue", &ana_token, None);
    assert_eq!(
        queue[0]["article"],
        article.as_str(),
        "ana's queue: {queue}"
    );
    assert_eq!(queue[0]["assigned_by"], "ed");

    let sign = format!("/v1/articles/{article}/signoff");
    let (status, body) = server.call("POST", &sign, &ana_token, None);
    assert_eq!(status, 403, "a checker cannot sign off: {body}");
    // An editor who marked a claim of the article cannot sign it off.
    let ed = Client::new("ed");
    ed.join(&server, &ed_token);
    ed.sync();
    ed.ok(&["mark", &ed.claim_at(spans[1].0, spans[1].1), "false"]);
    ed.sync();
    let (status, body) = server.call("POST", &sign, &ed_token, None);
    assert_eq!(status, 403, "an editor who marked cannot sign off: {body}");
    assert!(
        body["message"].as_str().unwrap().contains("marked none"),
        "{body}"
    );
    let (status, body) = server.call("POST", &sign, &eve_token, None);
    assert_eq!(status, 200, "another editor signs off: {body}");
    let (_, signed) = server.call(
        "GET",
        &format!("/v1/articles/{article}/signoffs"),
        &ana_token,
        None,
    );
    assert_eq!(signed.as_array().map(Vec::len), Some(1), "{signed}");
    assert_eq!(
        signed[0]["editor"], "eve",
        "who signed off, and when: {signed}"
    );

    // A comment thread on a claim: a checker's question, an editor's answer.
    let thread = format!("/v1/claims/{claim}/comments");
    assert_eq!(
        server
            .call(
                "POST",
                &thread,
                &ana_token,
                Some(&json!({"body": "Which budget?"}))
            )
            .0,
        200
    );
    assert_eq!(
        server
            .call(
                "POST",
                &thread,
                &eve_token,
                Some(&json!({"body": "The 2023 one"}))
            )
            .0,
        200
    );
    let (status, _) = server.call("POST", &thread, &eve_token, Some(&json!({"body": "  "})));
    assert_eq!(status, 422, "an empty comment is refused");
    let (_, comments) = server.call("GET", &thread, &ed_token, None);
    let said: Vec<(&str, &str)> = comments
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["by"].as_str().unwrap(), c["body"].as_str().unwrap()))
        .collect();
    assert_eq!(said, [("ana", "Which budget?"), ("eve", "The 2023 one")]);

    // The history cannot be rewritten: not through the API…
    let (_, pulled) = server.call("GET", "/v1/pull?after=0", &ana_token, None);
    let mut event: Value = pulled["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == "event" && e["event"]["field"] == "status")
        .expect("ana's status event")["event"]
        .clone();
    let original = event["after"].clone();
    event["after"] = json!("false");
    let (status, body) = server.call(
        "POST",
        "/v1/push",
        &ana_token,
        Some(&json!({"articles": [], "events": [event.clone()]})),
    );
    assert_eq!(
        status, 409,
        "the same event with other content is refused: {body}"
    );
    event["after"] = original.clone();
    let (status, body) = server.call(
        "POST",
        "/v1/push",
        &ed_token,
        Some(&json!({"articles": [], "events": [event.clone()]})),
    );
    assert_eq!(
        status, 409,
        "nor can another user claim ana's event: {body}"
    );
    let (status, _) = server.call("DELETE", "/v1/pull", &root_token, None);
    assert_eq!(status, 405, "there is nothing to delete with");
    event["uid"] = json!("7d6f3f5e-0000-4000-8000-000000000000");
    event["claim"] = json!("7d6f3f5e-0000-4000-8000-000000000001");
    let (status, _) = server.call(
        "POST",
        "/v1/push",
        &ana_token,
        Some(&json!({"articles": [], "events": [event]})),
    );
    assert_eq!(
        status, 404,
        "an event for a claim not on the desk is refused"
    );
    let (status, _) = server.call(
        "POST",
        "/v1/push",
        &root_token,
        Some(&json!({"articles": [], "events": []})),
    );
    assert_eq!(status, 200, "an empty push is harmless");
    let kept = cluster
        .psql("SELECT after FROM events WHERE field = 'status' ORDER BY seq LIMIT 1")
        .unwrap();
    assert_eq!(kept, original.to_string(), "the stored event is unchanged");
    // …nor in PostgreSQL itself.
    for sql in [
        "UPDATE events SET after = '\"false\"'",
        "DELETE FROM events",
        "TRUNCATE events CASCADE",
        "UPDATE articles SET body = 'rewritten'",
    ] {
        let err = cluster.psql(sql).expect_err(sql);
        assert!(err.contains("append-only"), "{sql}: {err}");
    }

    // Tokens: none, unknown, and revoked while the server runs.
    assert_eq!(server.call("GET", "/v1/me", "", None).0, 401);
    assert_eq!(server.call("GET", "/v1/me", "fdk_0000", None).0, 401);
    let (status, me) = server.call("GET", "/v1/me", &ana_token, None);
    assert_eq!((status, me["role"].as_str()), (200, Some("checker")));
    let out = server.admin(&["user", "revoke", "ana"]);
    assert!(out.status.success());
    let (status, body) = server.call("GET", "/v1/me", &ana_token, None);
    assert_eq!(status, 401, "a revoked token stops working at once: {body}");
    ana.ok(&["mark", &ana.claim_at(spans[0].0, spans[0].1), "disputed"]);
    let run = ana.run(&["desk", "sync"]);
    assert!(!run.ok && run.stderr.contains("401"), "{}", run.stderr);
    assert!(
        !run.stderr.contains(&ana_token),
        "errors never show the token"
    );
    let status = ana.ok(&["desk", "status"]);
    assert!(status.contains("error (1 pending)"), "{status}");
    // A checker cannot publish under another's name either: an admin cannot mark.
    let (status, _) = server.call(
        "POST",
        "/v1/push",
        &root_token,
        Some(
            &json!({"articles": [], "events": [{"uid": "7d6f3f5e-0000-4000-8000-000000000002",
            "claim": claim, "change": "7d6f3f5e-0000-4000-8000-000000000002",
            "at": "2026-01-01T00:00:00Z", "by": "root", "field": "status",
            "before": "unchecked", "after": "verified"}]}),
        ),
    );
    assert_eq!(status, 403, "an admin manages users, not verdicts");
}
