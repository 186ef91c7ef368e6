//! Fault injection: the ways an editor's work could be lost or silently damaged, each
//! tried on the real binary and a real database file. Every test here names the damage it
//! guards against; each failed on the build before the fix.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;

use super::util::{corpus, file_hash, Desk};

/// A desk with a few corpus articles imported, one claim marked.
fn desk_with_articles(n: usize) -> Desk {
    let desk = Desk::new();
    let files: Vec<String> = desk
        .corpus_files()
        .into_iter()
        .take(n)
        .map(|p| p.display().to_string())
        .collect();
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    desk.run(&args).ok();
    desk.run(&["mark", "c1", "disputed", "--note", "kept note"])
        .ok();
    desk
}

fn is_partial(name: &str) -> bool {
    name.contains(".partial")
}

fn partial_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| is_partial(n))
        .collect()
}

fn sqlite(path: &Path) -> Connection {
    Connection::open(path).expect("opens with SQLite")
}

// 1. A report never overwrites the database, its companions or any SQLite file.
#[test]
fn a_report_is_never_written_over_the_database_or_any_sqlite_file() {
    let desk = desk_with_articles(2);
    let db = desk.db.display().to_string();
    let before = file_hash(&desk.db);
    for target in [
        db.clone(),
        format!("{db}-wal"),
        format!("{db}-shm"),
        "./review.db".to_string(),
    ] {
        let err = desk
            .run(&["report", "--all", "--format", "csv", "-o", &target])
            .failed()
            .to_string();
        assert!(
            err.contains("review database") && err.contains("nothing was written"),
            "{target}: {err}"
        );
    }
    // Another program's SQLite file, and a backup, are refused too.
    let other = desk.path("other.sqlite");
    sqlite(&other)
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let other_hash = file_hash(&other);
    let err = desk
        .run(&["report", "--all", "--format", "md", "-o", "other.sqlite"])
        .failed()
        .to_string();
    assert!(err.contains("SQLite database"), "{err}");
    assert_eq!(file_hash(&other), other_hash);
    assert_eq!(file_hash(&desk.db), before, "the database is unchanged");
    let listed = desk.articles(&[]);
    assert_eq!(listed.len(), 2, "and still opens");
}

// 3a. A stale write-ahead log beside a database copied over from a backup.
#[test]
fn a_stale_log_beside_a_restored_copy_is_refused_and_restore_deals_with_it() {
    let desk = desk_with_articles(3);
    let backup = desk.path("early.db");
    desk.run(&["backup", backup.to_str().unwrap()]).ok();
    // More work after the backup, some of it left in the log as a crash would leave it.
    let more: Vec<String> = desk
        .corpus_files()
        .into_iter()
        .skip(3)
        .take(10)
        .map(|p| p.display().to_string())
        .collect();
    let mut args = vec!["import"];
    args.extend(more.iter().map(String::as_str));
    desk.run(&args).ok();
    let wal = PathBuf::from(format!("{}-wal", desk.db.display()));
    let log = {
        let conn = sqlite(&desk.db);
        conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        conn.execute_batch(
            "BEGIN; UPDATE claim SET speaker = 'Someone Else' WHERE kind = 'quote'; \
             UPDATE article SET title = title || ' (updated)'; COMMIT;",
        )
        .unwrap();
        std::fs::read(&wal).expect("the log holds the last commits")
    };
    assert!(log.len() > 4096, "the log has frames");
    // The editor copies the backup over the database; the log of the newer file stays.
    std::fs::copy(&backup, &desk.db).unwrap();
    std::fs::write(&wal, &log).unwrap();
    let (db_hash, wal_hash) = (file_hash(&desk.db), file_hash(&wal));

    for args in [&["articles"][..], &["mark", "c1", "verified"]] {
        let err = desk.run(args).failed().to_string();
        assert!(
            err.contains("-wal") && err.contains("left untouched"),
            "{args:?}: {err}"
        );
    }
    let err = desk.run(&["check"]).failed().to_string();
    assert!(err.contains("problem"), "{err}");
    assert_eq!(file_hash(&desk.db), db_hash, "database untouched");
    assert_eq!(file_hash(&wal), wal_hash, "log untouched");

    // `restore` puts the backup back and keeps what it replaced, log and all.
    let out = desk
        .run(&["restore", backup.to_str().unwrap()])
        .ok()
        .stdout
        .clone();
    assert!(out.contains("3 articles"), "{out}");
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0);
    let kept: Vec<String> = std::fs::read_dir(desk.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".replaced-"))
        .collect();
    assert!(
        kept.iter().any(|n| n.ends_with("-wal")),
        "the replaced file kept its log beside it: {kept:?}"
    );
    assert_eq!(desk.articles(&[]).len(), 3);
    desk.run(&["check"]).ok();
    let history = desk.json(&["history", "c1"]);
    assert!(history.to_string().contains("kept note"), "{history}");
}

// 3b. A damaged page stops every command before it writes.
#[test]
fn a_damaged_page_is_refused_before_anything_is_written() {
    let desk = desk_with_articles(8);
    let pages = std::fs::metadata(&desk.db).unwrap().len() / 4096;
    assert!(pages > 20, "a database of {pages} pages");
    // The middle one of the pages holding rows: damage in the unused space of an empty
    // table's page would be no damage at all.
    let page: u64 = sqlite(&desk.db)
        .query_row(
            "SELECT pageno FROM dbstat WHERE ncell > 0 ORDER BY pageno \
             LIMIT 1 OFFSET (SELECT count(*) / 2 FROM dbstat WHERE ncell > 0)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(&desk.db)
            .unwrap();
        use std::io::Seek;
        f.seek(std::io::SeekFrom::Start((page - 1) * 4096 + 8))
            .unwrap();
        f.write_all(&[0xA5; 600]).unwrap();
    }
    let hash = file_hash(&desk.db);
    for args in [
        &["articles"][..],
        &["mark", "c2", "false", "--note", "x"],
        &["claims", "a1"],
    ] {
        let err = desk.run(args).failed().to_string();
        assert!(
            err.contains("damaged") && err.contains("restore"),
            "{args:?}: {err}"
        );
    }
    let check = desk.run(&["check"]);
    check.failed();
    assert!(check.stdout.contains("NOT sound"), "{}", check.stdout);
    assert_eq!(file_hash(&desk.db), hash, "nothing was written");
}

// 4. History is append-only against any statement; an altered schema is refused.
#[test]
fn history_survives_insert_or_replace_and_an_altered_schema_is_refused() {
    let desk = desk_with_articles(1);
    let events_before: i64 = sqlite(&desk.db)
        .query_row("SELECT count(*) FROM history", [], |r| r.get(0))
        .unwrap();
    let conn = sqlite(&desk.db);
    let first: (i64, i64, i64, String) = conn
        .query_row(
            "SELECT id, claim_id, change, after FROM history ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    for sql in [
        "INSERT OR REPLACE INTO history (id, claim_id, change, at, by, field, before, after) \
         VALUES (?1, ?2, ?3, 'x', 'mallory', 'status', '\"a\"', '\"b\"')",
        "REPLACE INTO history (id, claim_id, change, at, by, field, before, after) \
         VALUES (?1, ?2, ?3, 'x', 'mallory', 'status', '\"a\"', '\"b\"')",
    ] {
        let err = conn
            .execute(sql, rusqlite::params![first.0, first.1, first.2])
            .unwrap_err();
        assert!(err.to_string().contains("append-only"), "{err}");
    }
    let after: String = conn
        .query_row("SELECT after FROM history WHERE id = ?1", [first.0], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(after, first.3, "the event is as it was");
    let events: i64 = conn
        .query_row("SELECT count(*) FROM history", [], |r| r.get(0))
        .unwrap();
    assert_eq!(events, events_before);
    drop(conn);

    // Each alteration, on a fresh copy of the database, is refused by name, untouched.
    let alterations = [
        ("DROP TRIGGER history_is_append_only_delete", "trigger"),
        ("DROP TRIGGER history_is_append_only_replace", "trigger"),
        ("ALTER TABLE source DROP COLUMN shows", "table source"),
        ("DROP INDEX claim_article", "index claim_article"),
        ("CREATE TABLE notes_backup (x)", "not Factdesk's"),
        ("PRAGMA user_version = 0", "schema version is 0"),
    ];
    for (sql, says) in alterations {
        let copy = desk.path("altered.db");
        let _ = std::fs::remove_file(&copy);
        let _ = std::fs::remove_file(desk.path("altered.db-verified"));
        sqlite(&desk.db)
            .execute_batch(&format!("VACUUM INTO '{}'", copy.display()))
            .unwrap();
        sqlite(&copy).execute_batch(sql).unwrap();
        let hash = file_hash(&copy);
        let err = desk
            .run(&["articles", "--db", copy.to_str().unwrap()])
            .failed()
            .to_string();
        assert!(
            err.contains(says) && err.contains("left untouched"),
            "{sql}: {err}"
        );
        assert!(!err.contains("CREATE "), "no SQL in the message: {err}");
        assert_eq!(err.matches("left untouched").count(), 1, "said once: {err}");
        assert_eq!(file_hash(&copy), hash, "{sql}: untouched");
    }
}

/// Runs a report to `target` and returns the run.
fn report_to(desk: &Desk, format: &str, target: &str) -> super::util::Run {
    desk.run(&["report", "--all", "--format", format, "-o", target])
}

// 5. Devices, pipes and links are written in place; temporary files never linger.
#[cfg(unix)]
#[test]
fn devices_pipes_and_links_stay_what_they_are() {
    use std::os::unix::fs::FileTypeExt;
    let desk = desk_with_articles(2);
    // Device nodes of the test's own (the null and full devices, where the test may make
    // them), so a build that replaced a device would damage only these, not the system's.
    let device = |name: &str, minor: &str, system: &str| -> PathBuf {
        let own = desk.path(name);
        let made = Command::new("mknod")
            .args([own.to_str().unwrap(), "c", "1", minor])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if made {
            own
        } else {
            PathBuf::from(system)
        }
    };
    let null = device("null", "3", "/dev/null");
    let full = device("full", "7", "/dev/full");
    report_to(&desk, "json", null.to_str().unwrap()).ok();
    let run = report_to(&desk, "csv", full.to_str().unwrap());
    assert!(
        run.failed().contains(full.to_str().unwrap()),
        "{}",
        run.stderr
    );
    for dev in [&null, &full] {
        let kind = std::fs::symlink_metadata(dev).unwrap().file_type();
        assert!(kind.is_char_device(), "{} is still a device", dev.display());
    }
    assert!(partial_files(null.parent().unwrap()).is_empty());

    // A named pipe: the report streams into it; it stays a pipe.
    let fifo = desk.path("report.pipe");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    report_to(&desk, "md", fifo.to_str().unwrap()).ok();
    let got = reader.join().unwrap();
    assert!(
        got.contains("Fact check"),
        "the report came through the pipe"
    );
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());

    // A link: the file it points to is replaced; the link stays a link.
    let real = desk.path("real.html");
    std::fs::write(&real, "old").unwrap();
    let link = desk.path("link.html");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    report_to(&desk, "html", link.to_str().unwrap()).ok();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&real).unwrap().contains("<html"));
    assert!(partial_files(desk.dir.path()).is_empty());
}

#[test]
fn reports_to_one_path_at_once_do_not_collide_and_leftovers_are_swept() {
    let desk = desk_with_articles(4);
    let target = desk.path("same.json");
    // A temporary file a killed report left behind (its process is gone).
    let stale = desk.path(".same.json.999999999-000000001.partial");
    std::fs::write(&stale, "half a report").unwrap();
    let children: Vec<_> = (0..4)
        .map(|_| {
            desk.command(&[
                "report",
                "--all",
                "--format",
                "json",
                "-o",
                target.to_str().unwrap(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = std::fs::read_to_string(&target).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).expect("one whole report");
    assert_eq!(doc["summary"]["articles"], 4);
    assert!(
        partial_files(desk.dir.path()).is_empty(),
        "{:?}",
        partial_files(desk.dir.path())
    );
}

#[cfg(unix)]
#[test]
fn an_interrupted_report_leaves_no_temporary_file() {
    let desk = desk_with_articles(21);
    // A report big enough to be caught while it writes: every article many times over.
    let target = desk.path("big.html");
    let mut caught = 0;
    for attempt in 0..40 {
        let mut child = desk
            .command(&["report", "--all", "--format", "html", "-o", "big.html"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        let mut seen = false;
        while start.elapsed() < Duration::from_secs(10) {
            if !partial_files(desk.dir.path()).is_empty() {
                seen = true;
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        if seen {
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
        }
        let status = child.wait().unwrap();
        if seen && !status.success() {
            caught += 1;
            assert!(
                partial_files(desk.dir.path()).is_empty(),
                "attempt {attempt}: {:?}",
                partial_files(desk.dir.path())
            );
        }
        if caught >= 3 {
            break;
        }
        let _ = std::fs::remove_file(&target);
    }
    assert!(caught >= 1, "no report was interrupted while writing");
}

// 6. Two backups to one path: one wins, the other says so; never a silent replace.
#[test]
fn two_backups_to_one_path_never_both_succeed() {
    let desk = desk_with_articles(3);
    for round in 0..8 {
        let target = desk.path(&format!("b{round}.db"));
        let children: Vec<_> = (0..2)
            .map(|_| {
                desk.command(&["backup", target.to_str().unwrap()])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outs: Vec<_> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        let won = outs.iter().filter(|o| o.status.success()).count();
        assert_eq!(won, 1, "round {round}: exactly one backup succeeds");
        let lost = outs.iter().find(|o| !o.status.success()).unwrap();
        assert!(
            String::from_utf8_lossy(&lost.stderr).contains("already exists"),
            "{}",
            String::from_utf8_lossy(&lost.stderr)
        );
        let n: i64 = sqlite(&target)
            .query_row("SELECT count(*) FROM article", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 3);
    }
    assert!(partial_files(desk.dir.path()).is_empty());
}

// 7. A named pipe given as an article is refused at once, never waited on.
#[cfg(unix)]
#[test]
fn a_named_pipe_as_an_article_is_refused_at_once() {
    let desk = Desk::new();
    let fifo = desk.path("story.txt");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let good = desk.write("good.txt", &corpus()[0].text);
    for args in [
        vec!["import", fifo.to_str().unwrap(), good.to_str().unwrap()],
        vec!["extract", fifo.to_str().unwrap()],
    ] {
        let mut child = desk
            .command(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed() > Duration::from_secs(20) {
                child.kill().unwrap();
                panic!("{args:?} waited on the pipe");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("story.txt") && err.contains("not a regular file"),
            "{err}"
        );
    }
    assert_eq!(desk.articles(&[]).len(), 1, "the good file still went in");
}

// 9. Search: dismissed matches never crowd out live ones; no silent cap on articles.
#[test]
fn search_finds_live_claims_behind_dismissed_ones_and_every_article() {
    let desk = Desk::new();
    let old = desk.write("old.txt", "Old story\n\nPrices rose 12 percent in March.\n");
    desk.run(&["import", old.to_str().unwrap()]).ok();
    let many: String = (1..=40)
        .map(|i| format!("Item {i} rose {i} percent."))
        .collect::<Vec<_>>()
        .join(" ");
    let new = desk.write("new.txt", format!("New story\n\n{many}\n"));
    desk.run(&["import", new.to_str().unwrap()]).ok();
    let claims = desk.json(&["claims", "a2"]);
    for c in claims.as_array().unwrap() {
        desk.run(&["dismiss", c["id"].as_str().unwrap()]).ok();
    }
    let hits = desk.json(&["search", "percent", "--limit", "4"]);
    let claim_hits: Vec<&serde_json::Value> = hits
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["field"] == "claim")
        .collect();
    assert!(
        claim_hits.iter().any(|h| h["article_id"] == "a1"),
        "the live claim of a1 is found: {hits}"
    );

    // More matching articles than the ranking window: all of them can be listed, and the
    // text output says how many there are.
    let desk = Desk::new();
    let mut names = Vec::new();
    for i in 0..2_050 {
        names.push(
            desk.write(
                &format!("z{i}.txt"),
                format!("Zebra count {i}\n\nZebras seen: {i}.\n"),
            )
            .display()
            .to_string(),
        );
    }
    let mut args = vec!["import", "--no-extract"];
    args.extend(names.iter().map(String::as_str));
    desk.run(&args).ok();
    let all = desk.json(&["search", "zebra", "--limit", "5000"]);
    assert_eq!(all.as_array().unwrap().len(), 2_050);
    let text = desk
        .run(&["search", "zebra", "--limit", "10"])
        .ok()
        .stdout
        .clone();
    assert!(text.contains("hits 1–10 of 2050 matches"), "{text}");
    let report = desk.path("z.json");
    desk.run(&[
        "report",
        "--query",
        "zebra",
        "--format",
        "json",
        "-o",
        report.to_str().unwrap(),
    ])
    .ok();
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(
        doc["summary"]["articles"], 2_050,
        "a report covers every match"
    );
}

// 10. The smaller ones.
#[test]
fn a_range_whose_upper_bound_is_below_its_amount_is_refused() {
    let desk = desk_with_articles(1);
    let figure = desk
        .json(&["claims", "a1", "--kind", "figure"])
        .as_array()
        .unwrap()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let err = desk
        .run(&[
            "correct",
            &figure,
            "--value",
            r#"{"amount": 10, "upper": 5, "unit": "percent"}"#,
        ])
        .failed()
        .to_string();
    assert!(err.contains("upper bound"), "{err}");
    desk.run(&[
        "correct",
        &figure,
        "--value",
        r#"{"amount": 5, "upper": 10, "unit": "percent"}"#,
    ])
    .ok();
}

#[test]
fn utf16_and_old_mac_line_breaks_import_with_their_titles() {
    let desk = Desk::new();
    let words = "Budget vote delayed\n\nThe council said costs rose 40 percent in 2023.\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(words.encode_utf16().flat_map(u16::to_le_bytes));
    let a = desk.write("utf16.txt", utf16);
    let b = desk.write("mac.txt", words.replace('\n', "\r").replace("vote", "poll"));
    desk.run(&["import", a.to_str().unwrap(), b.to_str().unwrap()])
        .ok();
    let listed = desk.articles(&[]);
    let titles: Vec<&str> = listed
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"Budget vote delayed"), "{titles:?}");
    assert!(titles.contains(&"Budget poll delayed"), "{titles:?}");
}

#[test]
fn a_database_named_dash_is_refused_and_no_file_is_made() {
    let desk = Desk::new();
    let run = desk.run(&["articles", "--db", "-"]);
    assert!(
        run.failed().contains("not a database file name"),
        "{}",
        run.stderr
    );
    assert!(!desk.path("-").exists());
}

#[test]
fn with_no_login_variables_the_account_name_is_the_reviewer() {
    let desk = desk_with_articles(1);
    let account = String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout)
        .unwrap()
        .trim()
        .to_string();
    let out = desk
        .command(&["mark", "c2", "verified", "--json"])
        .env_remove("USER")
        .env_remove("USERNAME")
        .env_remove("LOGNAME")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let history = desk.json(&["history", "c2"]);
    assert!(
        history.to_string().contains(&format!("\"{account}\"")),
        "reviewer {account}: {history}"
    );
}
