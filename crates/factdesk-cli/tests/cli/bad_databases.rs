//! A database file that is not Factdesk's, is damaged, read-only or from a newer Factdesk:
//! a clear error, and the file's bytes unchanged.

use std::path::Path;

use super::util::{corpus, file_hash, Desk};

/// Runs a reading and a writing command on `db`; both must fail mentioning `why`, and
/// the file must keep its bytes.
fn refused(desk: &Desk, db: &Path, why: &str) {
    let before = file_hash(db);
    let db_arg = db.display().to_string();
    let article = desk.write("a.txt", &corpus()[0].text).display().to_string();
    for args in [
        vec!["articles", "--db", &db_arg],
        vec!["import", &article, "--db", &db_arg],
        vec!["backup", "copy.db", "--db", &db_arg],
    ] {
        let run = desk.run(&args);
        let err = run.failed();
        assert!(err.contains(why), "{args:?}: {err}");
        assert!(err.contains(&db_arg), "the file is named: {err}");
        assert_eq!(file_hash(db), before, "{args:?} changed the file");
    }
    assert!(!desk.path("copy.db").exists());
}

/// A Factdesk database holding one article, written back into its main file.
fn factdesk_db(desk: &Desk, name: &str) -> std::path::PathBuf {
    let db = desk.path(name);
    let file = desk.write("seed.txt", &corpus()[20].text);
    desk.run(&[
        "import",
        &file.display().to_string(),
        "--db",
        &db.display().to_string(),
    ])
    .ok();
    let c = rusqlite::Connection::open(&db).unwrap();
    c.pragma_update(None, "journal_mode", "delete").unwrap();
    db
}

#[test]
fn another_programs_database_is_refused() {
    let desk = Desk::new();
    let db = desk.path("contacts.sqlite");
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch("CREATE TABLE contact (name TEXT); INSERT INTO contact VALUES ('Ann');")
        .unwrap();
    drop(c);
    refused(&desk, &db, "not a Factdesk database");
}

#[test]
fn a_file_that_is_not_a_database_is_refused() {
    let desk = Desk::new();
    let db = desk.write("notes.db", "Call the ministry about the 107 figure.\n");
    refused(&desk, &db, "not a Factdesk database");
}

#[test]
fn a_damaged_database_is_refused() {
    let desk = Desk::new();
    let db = factdesk_db(&desk, "damaged.db");
    let mut bytes = std::fs::read(&db).unwrap();
    for b in &mut bytes[100..4096] {
        *b = 0x5A;
    }
    std::fs::write(&db, &bytes).unwrap();
    refused(&desk, &db, "damaged");
}

#[test]
fn a_read_only_database_is_refused() {
    let desk = Desk::new();
    let db = factdesk_db(&desk, "archive.db");
    let mut perms = std::fs::metadata(&db).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&db, perms).unwrap();
    refused(&desk, &db, "read-only");
}

#[test]
fn a_database_from_a_newer_factdesk_is_refused() {
    let desk = Desk::new();
    let db = factdesk_db(&desk, "future.db");
    let c = rusqlite::Connection::open(&db).unwrap();
    c.pragma_update(None, "user_version", 999).unwrap();
    drop(c);
    refused(&desk, &db, "newer Factdesk");
}
