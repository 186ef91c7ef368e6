//! Killed with SIGKILL in the middle of a 1,000-file import: every article reported
//! imported is there whole, none is there half, and importing again completes the job.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use factdesk_core::store::{content_hash, ClaimFilter, Store};

use super::util::{corpus, Desk};

#[test]
fn a_killed_import_leaves_only_whole_articles() {
    let desk = Desk::new();
    let docs = corpus();
    let all: String = docs
        .iter()
        .map(|d| d.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut texts = Vec::new();
    let mut names = Vec::new();
    for i in 0..1000 {
        let text = format!(
            "{}\n\nDesk copy {i}: {}",
            docs[i % docs.len()].text,
            &all[..all.len() / 2]
        );
        names.push(
            desk.write(&format!("story-{i:04}.txt"), &text)
                .display()
                .to_string(),
        );
        texts.push(text);
    }
    let mut args = vec!["import"];
    args.extend(names.iter().map(String::as_str));
    let mut child = desk
        .command(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut reported = Vec::new();
    let mut lines = BufReader::new(stdout).lines();
    for line in lines.by_ref() {
        reported.push(line.unwrap());
        if reported.len() == 40 {
            child.kill().unwrap();
            break;
        }
    }
    let status = child.wait().unwrap();
    reported.extend(lines.map_while(Result::ok));
    assert!(!status.success(), "the import was killed, not finished");
    assert!(reported.len() < 1000, "killed before the end");

    let store = Store::open(&desk.db).unwrap();
    let stored = store.articles(&Default::default()).unwrap();
    assert!(stored.len() >= reported.len());
    for line in &reported {
        let id = line.split_whitespace().next().unwrap();
        assert!(stored.iter().any(|a| a.id == id), "reported {id} is stored");
    }
    for summary in &stored {
        let article = store.article(&summary.id).unwrap();
        assert!(
            texts.contains(&article.text),
            "{} is one whole file",
            summary.id
        );
        assert_eq!(article.content_hash, content_hash(&article.text));
        let expected = factdesk_core::extract(&article.text, article.published);
        let claims = store.claims(&summary.id, &ClaimFilter::default()).unwrap();
        assert_eq!(
            claims.len(),
            expected.len(),
            "{} has all its claims",
            summary.id
        );
    }
    drop(store);

    let again = desk.run(&args);
    again.ok();
    let listed = desk.articles(&[]);
    assert_eq!(listed.len(), 1000);
    assert_eq!(
        again.stdout.matches("already there").count(),
        stored.len(),
        "what was stored before the kill is not imported twice"
    );
}
