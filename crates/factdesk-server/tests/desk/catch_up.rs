//! How long a client takes to catch up on 10,000 events (the bar: 2 s). Ignored in the
//! normal run; measure with a release build:
//! `cargo test --release -p factdesk-server --test desk catch_up -- --ignored --nocapture`.

use std::time::Instant;

use serde_json::json;

use super::harness::{Client, Cluster, Server};

#[test]
#[ignore = "a measurement: run it with --release --ignored --nocapture"]
fn a_client_catches_up_on_10000_events() {
    let cluster = Cluster::start();
    let server = Server::start(&cluster);
    let token = server.add_user("ana", "checker");
    let ana = Client::new("ana");
    ana.import_sample();
    ana.join(&server, &token);
    ana.ok(&["desk", "publish", &ana.article()]);
    ana.sync();
    let claims: Vec<String> = cluster
        .psql("SELECT uid FROM claims ORDER BY uid")
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    // 10,000 note and status events from another checker, pushed 1,000 at a time.
    let statuses = ["verified", "disputed", "false", "misleading"];
    for batch in 0..10 {
        let events: Vec<_> = (0..1000)
            .map(|i| {
                let n = batch * 1000 + i;
                let id = uuid::Uuid::new_v4().to_string();
                let (field, before, after) = if n % 2 == 0 {
                    ("note", json!(null), json!(format!("note {n}")))
                } else {
                    ("status", json!("unchecked"), json!(statuses[n % 4]))
                };
                json!({"uid": id, "claim": claims[n % claims.len()], "change": id,
                       "at": "2026-03-01T09:00:00Z", "by": "ana", "field": field,
                       "before": before, "after": after})
            })
            .collect();
        let (status, body) = server.call(
            "POST",
            "/v1/push",
            &token,
            Some(&json!({"articles": [], "events": events})),
        );
        assert_eq!(status, 200, "{body}");
    }
    ana.sync();
    let expected = ana.state();
    let mut times = Vec::new();
    for run in 0..5 {
        let ben = Client::new(&format!("ben{run}"));
        ben.join(&server, &token);
        let start = Instant::now();
        let said = ben.sync();
        times.push(start.elapsed().as_secs_f64());
        assert!(said.contains("and 10000 event(s)"), "{said}");
        assert_eq!(
            ben.state(),
            expected,
            "the caught-up client has the desk's verdicts"
        );
    }
    times.sort_by(f64::total_cmp);
    println!(
        "catch-up of 10,000 events (factdesk desk sync, whole process, loopback): \
         median {:.3} s, best {:.3} s, worst {:.3} s over {} runs",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1],
        times.len()
    );
}
