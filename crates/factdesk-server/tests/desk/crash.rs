//! The server SIGKILLed in the middle of syncs and restarted: nothing lost, nothing
//! twice.

use std::time::Duration;

use super::harness::{Client, Cluster, Server};

#[test]
fn the_server_killed_mid_sync_loses_and_duplicates_nothing() {
    let cluster = Cluster::start();
    let mut server = Server::start(&cluster);
    let (ana, ben) = (Client::new("ana"), Client::new("ben"));
    ana.import_sample();
    ana.join(&server, &server.add_user("ana", "checker"));
    ana.ok(&["desk", "publish", &ana.article()]);
    ana.sync();
    let spans = ana.spans(12);
    let statuses = ["verified", "disputed", "false", "misleading"];
    // 120 edits of two events each (a new status and a new note).
    for i in 0..120 {
        let (start, end) = spans[i % spans.len()];
        let claim = ana.claim_at(start, end);
        let status = statuses[(i / spans.len()) % statuses.len()];
        ana.ok(&["mark", &claim, status, "--note", &format!("round {i}")]);
    }
    let pending = ana.ok(&["desk", "status"]);
    assert!(pending.contains("pending 240"), "{pending}");

    // Syncs in small batches, the server killed at a different moment of each.
    let mut failed = 0;
    for round in 0..6u64 {
        let mut sync = ana
            .command(&["desk", "sync", "--batch", "10"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("sync starts");
        std::thread::sleep(Duration::from_millis(30 + 60 * round));
        server.kill();
        if !sync.wait().expect("sync ends").success() {
            failed += 1;
            let status = ana.ok(&["desk", "status"]);
            assert!(
                status.contains("error ("),
                "a failed sync is reported: {status}"
            );
        }
        server.restart();
    }
    assert!(failed > 0, "at least one sync was cut off by the kill");
    let said = ana.sync();
    assert!(
        said.contains(", 0 pending"),
        "the last sync sends the rest: {said}"
    );
    assert!(ana.ok(&["desk", "status"]).contains(": synced;"));

    let on_desk: usize = cluster
        .psql("SELECT count(*) FROM events")
        .expect("events counted")
        .parse()
        .unwrap();
    assert_eq!(
        on_desk, 240,
        "every event once on the desk, none lost, none twice"
    );

    ben.join(&server, &server.add_user("ben", "checker"));
    let said = ben.sync();
    assert!(said.contains("and 240 event(s)"), "{said}");
    assert_eq!(
        ben.state(),
        ana.state(),
        "a new client gets the same verdicts"
    );
    for (start, end) in &spans {
        assert_eq!(
            ben.history_at(*start, *end),
            ana.history_at(*start, *end),
            "each claim's history is the same on both, event for event"
        );
    }
}
