//! Load on loopback, bounded in clients and time: N simulated clients each push a change
//! every 100 ms and pull every 100 ms for T seconds; every client must see every other
//! client's events exactly once. Reports lost and duplicated events, the p95 time from a
//! change's push to its arrival at another client, and the server's peak memory. Ignored
//! in the normal run; measure with a release build:
//! `FACTDESK_LOAD_CLIENTS=50 FACTDESK_LOAD_SECONDS=60 cargo test --release -p
//! factdesk-server --test desk load -- --ignored --nocapture`.

use std::collections::HashMap;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::harness::{Client, Cluster, Server};

fn knob(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What one simulated client saw.
struct Seen {
    pushed: Vec<String>,
    /// Event UUID → how many times it arrived.
    arrivals: HashMap<String, u32>,
    /// Milliseconds from another client's push to its arrival here.
    delays: Vec<f64>,
}

#[test]
#[ignore = "a measurement: run it with --release --ignored --nocapture"]
fn many_clients_lose_and_duplicate_nothing_under_load() {
    let clients = knob("FACTDESK_LOAD_CLIENTS", 50) as usize;
    let seconds = knob("FACTDESK_LOAD_SECONDS", 60);
    let cluster = Cluster::start();
    let server = Server::start(&cluster);
    let ana = Client::new("ana");
    ana.import_sample();
    ana.join(&server, &server.add_user("ana", "checker"));
    ana.ok(&["desk", "publish", &ana.article()]);
    ana.sync();
    let claims: Arc<Vec<String>> = Arc::new(
        cluster
            .psql("SELECT uid FROM claims ORDER BY uid")
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect(),
    );
    let start_seq: i64 = cluster
        .psql("SELECT coalesce(max(seq), 0) FROM events")
        .unwrap()
        .parse()
        .unwrap();
    let tokens: Vec<String> = (0..clients)
        .map(|i| server.add_user(&format!("checker{i}"), "checker"))
        .collect();
    let url = server.url.clone();
    let barrier = Arc::new(Barrier::new(clients));
    let threads: Vec<_> = tokens
        .into_iter()
        .enumerate()
        .map(|(i, token)| {
            let (url, claims, barrier) = (url.clone(), claims.clone(), barrier.clone());
            std::thread::spawn(move || {
                simulate(i, &url, &token, &claims, start_seq, seconds, &barrier)
            })
        })
        .collect();
    let mut peak_kb = 0u64;
    let watch_until = Instant::now() + Duration::from_secs(seconds + 30);
    while Instant::now() < watch_until && threads.iter().any(|t| !t.is_finished()) {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", server.pid())).unwrap_or_default();
        if let Some(kb) = status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
        {
            peak_kb = kb;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let seen: Vec<Seen> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let all: Vec<&String> = seen.iter().flat_map(|s| &s.pushed).collect();
    let (mut lost, mut duplicated) = (0usize, 0usize);
    for s in &seen {
        for uid in &all {
            match s.arrivals.get(*uid).copied().unwrap_or(0) {
                0 => lost += 1,
                1 => {}
                n => duplicated += n as usize - 1,
            }
        }
    }
    let mut delays: Vec<f64> = seen.iter().flat_map(|s| s.delays.iter().copied()).collect();
    delays.sort_by(f64::total_cmp);
    let pct = |p: f64| delays[((delays.len() - 1) as f64 * p) as usize];
    println!(
        "load: {clients} clients for {seconds} s, {} events pushed ({:.0}/s), {} arrivals \
         checked; lost {lost}, duplicated {duplicated}; propagation median {:.0} ms, p95 \
         {:.0} ms, max {:.0} ms; server peak memory (VmHWM) {:.1} MB",
        all.len(),
        all.len() as f64 / seconds as f64,
        all.len() * clients,
        pct(0.5),
        pct(0.95),
        pct(1.0),
        peak_kb as f64 / 1024.0
    );
    let on_desk: usize = cluster
        .psql(&format!(
            "SELECT count(*) FROM events WHERE seq > {start_seq}"
        ))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(on_desk, all.len(), "every pushed event is on the desk once");
    assert_eq!(
        (lost, duplicated),
        (0, 0),
        "no event lost or duplicated at any client"
    );
}

fn simulate(
    me: usize,
    url: &str,
    token: &str,
    claims: &[String],
    mut cursor: i64,
    seconds: u64,
    barrier: &Barrier,
) -> Seen {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(true)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let auth = format!("Bearer {token}");
    let mut seen = Seen {
        pushed: Vec::new(),
        arrivals: HashMap::new(),
        delays: Vec::new(),
    };
    let pull = |cursor: &mut i64, seen: &mut Seen| loop {
        let text = agent
            .get(format!("{url}/v1/pull?after={cursor}&limit=2000"))
            .header("Authorization", &auth)
            .call()
            .expect("pull")
            .body_mut()
            .with_config()
            .limit(1 << 30)
            .read_to_string()
            .expect("pull body");
        let page: Value = serde_json::from_str(&text).expect("pull JSON");
        let now = Utc::now();
        for entry in page["entries"].as_array().unwrap() {
            *cursor = entry["seq"].as_i64().unwrap();
            if entry["type"] != "event" {
                continue;
            }
            let event = &entry["event"];
            let uid = event["uid"].as_str().unwrap().to_string();
            *seen.arrivals.entry(uid).or_insert(0) += 1;
            if event["by"] != format!("checker{me}") {
                let at: DateTime<Utc> = event["at"].as_str().unwrap().parse().unwrap();
                seen.delays
                    .push((now - at).num_microseconds().unwrap() as f64 / 1000.0);
            }
        }
        if page["more"] != true {
            break;
        }
    };
    barrier.wait();
    let end = Instant::now() + Duration::from_secs(seconds);
    let mut n = 0usize;
    let mut next = Instant::now() + Duration::from_millis(me as u64 * 100 / 50);
    while Instant::now() < end {
        let uid = uuid::Uuid::new_v4().to_string();
        let event = json!({"uid": uid, "claim": claims[(me + n) % claims.len()], "change": uid,
            "at": Utc::now(), "by": "", "field": "note", "before": null,
            "after": format!("checker{me} change {n}")});
        let body = json!({"articles": [], "events": [event]}).to_string();
        agent
            .post(format!("{url}/v1/push"))
            .header("Authorization", &auth)
            .header("Content-Type", "application/json")
            .send(body.as_bytes())
            .expect("push");
        seen.pushed.push(uid);
        n += 1;
        pull(&mut cursor, &mut seen);
        next += Duration::from_millis(100);
        if let Some(wait) = next.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
    }
    // Everyone stops pushing within a few seconds; go on pulling every 100 ms till then.
    let drained = Instant::now() + Duration::from_secs(3);
    while Instant::now() < drained {
        pull(&mut cursor, &mut seen);
        std::thread::sleep(Duration::from_millis(100));
    }
    pull(&mut cursor, &mut seen);
    seen
}
