//! Bad article files are named in the error while the other files of the same import
//! still go in.

use super::util::{corpus, Desk};

#[test]
fn bad_files_are_named_and_the_rest_still_go_in() {
    let desk = Desk::new();
    let docs = corpus();
    let good_a = desk.write("crane.txt", &docs[0].text);
    let latin1 = desk.write(
        "latin1.txt",
        b"Caf\xe9 owners say 40 percent of tables are empty.",
    );
    let empty = desk.write("empty.txt", "");
    let blank = desk.write("blank.md", "  \n\n\t\n");
    let binary = desk.write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    let too_big = desk.path("huge.txt");
    std::fs::File::create(&too_big)
        .unwrap()
        .set_len(factdesk_core::input::MAX_ARTICLE_BYTES + 1)
        .unwrap();
    let missing = desk.path("missing.txt");
    let good_b = desk.write("nato.txt", &docs[20].text);
    let files = [
        &good_a, &latin1, &empty, &blank, &binary, &too_big, &missing, &good_b,
    ];
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let mut args = vec!["import"];
    args.extend(names.iter().map(String::as_str));
    let run = desk.run(&args);
    let err = run.failed();
    for (name, why) in [
        ("latin1.txt", "not UTF-8"),
        ("empty.txt", "empty"),
        ("blank.md", "empty"),
        ("photo.txt", "binary"),
        ("huge.txt", "limit"),
        ("missing.txt", "no such file"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} is named:\n{err}"));
        assert!(line.contains(why), "{name}: {line}");
    }
    assert!(err.contains("6 of 8 inputs could not be imported"), "{err}");
    assert!(run.stdout.contains("crane.txt") && run.stdout.contains("nato.txt"));
    let listed = desk.articles(&[]);
    let titles: Vec<&str> = listed
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles[0].contains("Mecca crane"));
    assert!(titles[1].contains("NATO"));

    let json = desk.run(&[&args[..], &["--json"]].concat());
    json.failed();
    let out: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(out["failed"].as_array().unwrap().len(), 6);
    assert_eq!(out["imported"].as_array().unwrap().len(), 2);
    assert!(out["imported"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["created"] == false));
}
