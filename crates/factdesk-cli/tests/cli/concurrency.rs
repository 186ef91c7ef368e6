//! Two processes writing the same database at once both succeed, and nothing is lost.

use std::process::Stdio;

use super::util::{corpus, Desk};

#[test]
fn two_writers_at_once_both_succeed() {
    let desk = Desk::new();
    let docs = corpus();
    let seed = desk.write("seed.txt", &docs[20].text);
    let first = desk.json(&["import", &seed.display().to_string()]);
    let article = first["imported"][0]["article"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let text = first["imported"][0]["article"]["text"]
        .as_str()
        .unwrap()
        .to_string();
    let mut claims = Vec::new();
    for (i, (start, _)) in text.match_indices("Stoltenberg").enumerate() {
        let end = (start + "Stoltenberg".len()).to_string();
        let c = desk.json(&[
            "add-claim",
            &article,
            &start.to_string(),
            &end,
            "--kind",
            "quote",
        ]);
        claims.push((i, c["id"].as_str().unwrap().to_string()));
    }

    let mut batches = Vec::new();
    for writer in 0..2 {
        let mut names = Vec::new();
        for i in 0..150 {
            let text = format!("{}\n\nWriter {writer}, copy {i}.", docs[i % 20].text);
            names.push(
                desk.write(&format!("w{writer}-{i}.txt"), text)
                    .display()
                    .to_string(),
            );
        }
        batches.push(names);
    }
    let spawn = |names: &Vec<String>| {
        let mut args = vec!["import"];
        args.extend(names.iter().map(String::as_str));
        desk.command(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let a = spawn(&batches[0]);
    let b = spawn(&batches[1]);
    for (i, c) in &claims {
        desk.run(&[
            "mark",
            c,
            "verified",
            "--note",
            &format!("checked {i}"),
            "--by",
            "marker",
        ])
        .ok();
    }
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let listed = desk.articles(&[]);
    assert_eq!(listed.len(), 301, "every article of both writers");
    for (i, c) in &claims {
        let h = desk.json(&["history", c]);
        assert_eq!(h.as_array().unwrap().len(), 3, "added, status, note");
        let now = desk.json(&["claims", &article]);
        let now = now
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == c.as_str())
            .unwrap()
            .clone();
        assert_eq!(now["note"], format!("checked {i}"));
    }
}
