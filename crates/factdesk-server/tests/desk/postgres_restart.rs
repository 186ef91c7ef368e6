//! PostgreSQL restarted (`pg_ctl restart -m fast`) twice while three clients mark claims
//! and sync in a loop: every event arrives exactly once on every client, and the server
//! carries on through both restarts without being restarted itself.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::harness::{Client, Cluster, Server};

/// Edits each client makes; each edit is two events (a new status and a new note).
const EDITS: usize = 18;
/// Claims each client edits (its own, so that every edit changes the status).
const CLAIMS_EACH: usize = 4;

/// Syncs until one succeeds (the first attempts may meet PostgreSQL still starting).
fn sync_until_done(client: &Client) -> String {
    for _ in 0..50 {
        let run = client.run(&["desk", "sync"]);
        if run.ok {
            return run.stdout;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    panic!("{}: no sync succeeded in 10 s", client.name);
}

#[test]
fn postgres_restarted_under_load_loses_and_duplicates_nothing() {
    let started = Instant::now();
    let cluster = Cluster::start();
    let mut server = Server::start(&cluster);
    let pid = server.pid();
    let clients = [Client::new("ana"), Client::new("ben"), Client::new("cleo")];
    let tokens: Vec<String> = clients
        .iter()
        .map(|c| server.add_user(&c.name, "checker"))
        .collect();
    let ana = &clients[0];
    ana.import_sample();
    ana.join(&server, &tokens[0]);
    ana.ok(&["desk", "publish", &ana.article()]);
    ana.sync();
    for (client, token) in clients.iter().zip(&tokens).skip(1) {
        client.join(&server, token);
        client.sync();
    }
    let spans = ana.spans(CLAIMS_EACH * clients.len());

    let edits_done = AtomicUsize::new(0);
    let failed_syncs = AtomicUsize::new(0);
    let total_edits = EDITS * clients.len();
    let mut restart_times = Vec::new();
    std::thread::scope(|scope| {
        for (c, client) in clients.iter().enumerate() {
            let (spans, edits_done, failed_syncs) = (&spans, &edits_done, &failed_syncs);
            scope.spawn(move || {
                let statuses = ["verified", "disputed", "false", "misleading"];
                for i in 0..EDITS {
                    let (start, end) = spans[c * CLAIMS_EACH + i % CLAIMS_EACH];
                    let claim = client.claim_at(start, end);
                    let status = statuses[(i / CLAIMS_EACH) % statuses.len()];
                    let note = format!("{} edit {i}", client.name);
                    client.ok(&["mark", &claim, status, "--note", &note]);
                    edits_done.fetch_add(1, Ordering::SeqCst);
                    if !client.run(&["desk", "sync"]).ok {
                        failed_syncs.fetch_add(1, Ordering::SeqCst);
                    }
                }
            });
        }
        // Two restarts, a quarter and half of the way through the edits.
        for quarter in 1..=2 {
            while edits_done.load(Ordering::SeqCst) < total_edits * quarter / 4 {
                std::thread::sleep(Duration::from_millis(20));
            }
            let before = cluster
                .psql("SELECT pg_postmaster_start_time()")
                .expect("PostgreSQL answers");
            assert!(
                edits_done.load(Ordering::SeqCst) < total_edits,
                "the restart comes while the clients are still working"
            );
            let t = Instant::now();
            cluster.restart();
            restart_times.push(t.elapsed());
            let after = cluster
                .psql("SELECT pg_postmaster_start_time()")
                .expect("PostgreSQL answers after the restart");
            assert_ne!(before, after, "PostgreSQL was restarted");
            // Every pooled connection died with the restart: each request must get a
            // fresh one rather than fail on a dead one.
            let token = &tokens[0];
            for n in 0..20 {
                let (status, body) = server.call("GET", "/v1/me", token, None);
                assert_eq!(
                    status, 200,
                    "request {n} after restart {quarter}: the server drops dead connections: {body}"
                );
            }
        }
    });

    for client in &clients {
        let said = sync_until_done(client);
        assert!(said.contains(", 0 pending"), "{}: {said}", client.name);
    }
    for client in &clients {
        sync_until_done(client);
        let status = client.ok(&["desk", "status"]);
        assert!(status.contains(": synced;"), "{}: {status}", client.name);
    }
    assert!(
        server.is_running() && server.pid() == pid,
        "the same server process served throughout"
    );

    let expected = 2 * total_edits;
    let on_desk = cluster
        .psql("SELECT count(*), count(DISTINCT uid) FROM events")
        .expect("events counted");
    assert_eq!(
        on_desk,
        format!("{expected}|{expected}"),
        "every pushed event is on the desk once"
    );
    let reference = ana.state();
    for client in &clients {
        assert_eq!(
            client.state(),
            reference,
            "{}: the same verdicts",
            client.name
        );
        let mut events = 0;
        let mut notes = HashSet::new();
        for &(start, end) in &spans {
            let history = client.history_at(start, end);
            events += history.len();
            for (by, field, after) in history {
                if field == "note" {
                    assert!(
                        notes.insert(after.to_string()),
                        "{}: the note {after} by {by} arrived twice",
                        client.name
                    );
                }
            }
        }
        assert_eq!(
            events, expected,
            "{}: every event of every client exactly once",
            client.name
        );
        assert_eq!(
            notes.len(),
            total_edits,
            "{}: every edit's note",
            client.name
        );
    }
    eprintln!(
        "postgres restart: {expected} events from {} clients, restarts took {restart_times:?}, \
         {} sync(s) failed while PostgreSQL was down, {:.1} s in all",
        clients.len(),
        failed_syncs.load(Ordering::SeqCst),
        started.elapsed().as_secs_f64()
    );
}
