//! Claim memory from the command line: `claims --seen-before`, `mark --reuse` with its
//! undo, and `similar`.

use serde_json::Value;

use super::util::Desk;

const FIRST: &str = "Ministry in crisis\n\nThe minister said \"We will not back down, not now \
                     and not ever.\" Officials counted 15 billion dollars in damage to the roads.\n";
const SECOND: &str = "Ministry digs in\n\nOn Monday the minister repeated: \"We will not step \
                      down, not now and not ever.\" Officials counted 12 billion dollars in \
                      damage to the roads.\n";

fn claim_of<'a>(claims: &'a Value, kind: &str) -> &'a Value {
    claims
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["claim"]["kind"] == kind)
        .unwrap_or_else(|| panic!("a {kind} in {claims:#}"))
}

#[test]
fn seen_before_reuse_and_similar_end_to_end() {
    let desk = Desk::new();
    let first = desk.write("first.txt", FIRST);
    let second = desk.write("second.txt", SECOND);
    let third = desk.write("third.txt", FIRST.replace("crisis", "crisis again"));
    for f in [&first, &second, &third] {
        desk.run(&["import", &f.display().to_string()]).ok();
    }
    let claims = desk.json(&["claims", "a1"]);
    let quote = claim_of(&claims, "quote")["id"]
        .as_str()
        .unwrap()
        .to_string();
    desk.run(&[
        "mark",
        &quote,
        "verified",
        "--note",
        "On the ministry's recording",
        "--source",
        "https://example.org/recording",
        "--by",
        "ana",
    ])
    .ok();

    // The altered article: a misquote and another amount, said differently before.
    let memory = desk.json(&["claims", "a2", "--seen-before"]);
    let q = claim_of(&memory, "quote");
    let differently = q["memory"]["said_differently"].as_array().unwrap();
    assert_eq!(differently[0]["relation"], "misquote", "{q:#}");
    assert_eq!(differently[0]["claim"]["status"], "verified");
    let diff = differently[0]["diff"].as_array().unwrap();
    assert!(diff
        .iter()
        .any(|d| d["op"] == "removed" && d["words"] == "back"));
    let f = claim_of(&memory, "figure");
    assert_eq!(f["memory"]["said_differently"][0]["relation"], "differs");
    let text = desk.run(&["claims", "a2", "--seen-before"]);
    text.ok();
    assert!(
        text.stdout.contains("said differently before:"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("[-back-] {+step+}"), "{}", text.stdout);

    // The repeat: seen before, with the verdict; reuse it, then undo.
    let memory = desk.json(&["claims", "a3", "--seen-before"]);
    let q = claim_of(&memory, "quote");
    let seen = &q["memory"]["seen_before"][0];
    assert_eq!(seen["claim"]["id"], quote.as_str());
    assert_eq!(seen["claim"]["reviewer"], "ana");
    let repeat = q["id"].as_str().unwrap().to_string();
    let reused = desk.json(&["mark", &repeat, "--reuse", &quote, "--by", "ben"]);
    assert_eq!(reused["status"], "verified");
    assert_eq!(reused["note"], "On the ministry's recording");
    assert_eq!(reused["sources"].as_array().unwrap().len(), 1);
    let history = desk.json(&["history", &repeat]);
    let marker = history
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["field"] == "reused")
        .expect("the history names the reused claim");
    assert_eq!(marker["after"]["from"], quote.as_str());
    desk.run(&["undo", &repeat, "--by", "ben"]).ok();
    let back = desk.json(&["claims", "a3"]);
    let back = claim_of(&back, "quote");
    assert_eq!(back["status"], "unchecked");
    assert!(back["note"].is_null());

    // Any text against the library.
    let hits = desk.json(&[
        "similar",
        "we will not back down, not now and not ever -- the minister",
        "--limit",
        "3",
    ]);
    assert_eq!(hits[0]["via"], "quote", "{hits:#}");
    assert_eq!(hits[0]["claim"]["claim"]["kind"], "quote");
    let run = desk.run(&[
        "similar",
        "Officials counted 15 billion dollars in damage to roads",
    ]);
    run.ok();
    assert!(run.stdout.contains("figure same"), "{}", run.stdout);
}
