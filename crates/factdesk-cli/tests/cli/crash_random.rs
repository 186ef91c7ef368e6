//! SIGKILL at random moments during `import`, `mark`, `reextract --all`, `backup` and
//! `report`, at least `KILLS_PER_COMMAND` kills each that land while the command runs.
//! After every kill: the database passes `PRAGMA integrity_check`; every stored article is
//! whole (its text hashes to its content hash and is exactly one file's text) with exactly
//! the claims a fresh extraction finds, or none when `reextract` had not reached it yet;
//! every verdict a `mark` reported saved is in the store and in the history, in order; a
//! backup is absent or a complete database; a report is absent or complete.
//!
//! The kill moments come from a seeded generator: the seed is printed at the start and on
//! failure, and `FACTDESK_CRASH_SEED=N` replays a run. Each command is first timed on a
//! full run, and kills are drawn from 0 up to that time, so they fall while it works.
//! Totals are printed at the end (run with `--nocapture` to read them): per command, the
//! kills that found the process running, how many of those came after the binary's own
//! start-up time, and how many caught work visibly half done.

use std::collections::HashMap;
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use factdesk_core::import::read_article;
use factdesk_core::store::{content_hash, ClaimFilter, Store};

use super::util::{corpus, Desk};

/// Kills that must land while the command is running, per command.
const KILLS_PER_COMMAND: usize = 40;
/// Tries per command before giving up on reaching `KILLS_PER_COMMAND`.
const MAX_TRIES_PER_COMMAND: usize = 120;
/// Article files imported (plain text, Markdown and HTML).
const FILES: usize = 42;
/// Marks run one after another in each try of the `mark` loop.
const MARKS_PER_TRY: usize = 6;
/// Whether a temporary file left by a killed `backup` or `report` must be gone once the
/// same command has later run to completion in that folder (which sweeps the temporary
/// files of processes that no longer run).
const ASSERT_PARTIALS_CLEANED_UP: bool = true;
/// The environment variable that replays a run with its seed.
const SEED_VAR: &str = "FACTDESK_CRASH_SEED";

/// Prints the seed if the test fails, so the run can be replayed.
struct SeedOnFailure(u64);

impl Drop for SeedOnFailure {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!(
                "crash_random failed with seed {0}; replay with {SEED_VAR}={0}",
                self.0
            );
        }
    }
}

/// What happened to one command in the test.
#[derive(Debug, Default)]
struct Tally {
    /// Runs started to be killed.
    tries: usize,
    /// Kills that found the process still running.
    landed: usize,
    /// Kills with evidence of work half done: some but not all articles written (import),
    /// some but not all articles given their claims (reextract), a mark killed after others
    /// of its loop were saved, a partial file present at the kill (backup, report).
    mid_work: usize,
    /// Kills that landed later than the binary takes to start and exit doing nothing
    /// (`factdesk --version`): inside the command's own work, not its start-up.
    past_startup: usize,
    /// Partial files a kill left behind.
    partials_left: usize,
    /// Partial files still there after a later complete run.
    partials_after_rerun: usize,
    /// Longest full run measured (the upper bound of the kill delay).
    full_run: Duration,
}

/// How a run under a deadline ended.
struct Outcome {
    /// SIGKILL found the process running.
    killed: bool,
    /// Whether it exited by itself, successfully.
    success: bool,
    stdout: String,
    stderr: String,
    /// From start to exit or kill.
    took: Duration,
}

/// Runs `cmd` until it exits or `deadline` passes; then SIGKILLs it. `at_kill` runs just
/// before the kill (to look at the files it is writing).
fn run_until(mut cmd: Command, deadline: Instant, mut at_kill: impl FnMut()) -> Outcome {
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("factdesk starts");
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            break status;
        }
        let now = Instant::now();
        if now >= deadline {
            at_kill();
            child.kill().expect("SIGKILL sent");
            break child.wait().expect("the child can be waited for");
        }
        std::thread::sleep((deadline - now).min(Duration::from_micros(500)));
    };
    let took = start.elapsed();
    let mut stdout = String::new();
    let mut stderr = String::new();
    if let Some(mut o) = child.stdout.take() {
        let _ = o.read_to_string(&mut stdout);
    }
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut stderr);
    }
    Outcome {
        killed: status.signal() == Some(9),
        success: status.success(),
        stdout,
        stderr,
        took,
    }
}

/// A random moment between now and `max` from now.
fn deadline(rng: &mut fastrand::Rng, max: Duration) -> Instant {
    let micros = rng.u64(0..=max.as_micros() as u64);
    Instant::now() + Duration::from_micros(micros)
}

/// How long the binary takes to start and exit doing nothing: the fastest of five runs
/// of `factdesk --version`, measured once.
fn startup(desk: &Desk) -> Duration {
    static STARTUP: std::sync::OnceLock<Duration> = std::sync::OnceLock::new();
    *STARTUP.get_or_init(|| {
        (0..5)
            .map(|_| timed(desk.command(&["--version"])))
            .min()
            .unwrap_or_default()
    })
}

impl Tally {
    /// Counts a run that a kill ended.
    fn killed(&mut self, desk: &Desk, out: &Outcome) {
        if out.killed {
            self.landed += 1;
            self.past_startup += usize::from(out.took > startup(desk));
        }
    }
}

/// Moves the kill window toward the time a run that finished by itself took, so a slow
/// first measurement (a busy machine) does not leave most kills landing after the end.
fn adapt(full_run: &mut Duration, took: Duration) {
    *full_run = (*full_run + took) / 2;
}

/// Runs `cmd` to completion and returns how long it took; panics unless it succeeded.
fn timed(mut cmd: Command) -> Duration {
    let start = Instant::now();
    let out = cmd.output().expect("factdesk runs");
    assert!(
        out.status.success(),
        "a full run fails:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    start.elapsed()
}

/// `PRAGMA integrity_check` on the database at `db`.
fn integrity(db: &Path) -> Result<(), String> {
    let conn = rusqlite::Connection::open(db).map_err(|e| format!("{}: {e}", db.display()))?;
    let rows: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| {
            s.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()
        })
        .map_err(|e| format!("{}: integrity_check: {e}", db.display()))?;
    if rows == ["ok"] {
        Ok(())
    } else {
        Err(format!("{}: integrity_check says {rows:?}", db.display()))
    }
}

/// `SELECT count(*) FROM table` on the database at `db`.
fn count(db: &Path, table: &str) -> Result<i64, String> {
    let conn = rusqlite::Connection::open(db).map_err(|e| format!("{}: {e}", db.display()))?;
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .map_err(|e| format!("{}: counting {table}: {e}", db.display()))
}

/// A claim as compared: kind, start, end.
type Key = (String, usize, usize);

/// The article files, and for each text (by content hash) the claims a fresh extraction
/// finds in it.
struct Articles {
    files: Vec<PathBuf>,
    expected: HashMap<String, Vec<Key>>,
}

fn write_articles(desk: &Desk) -> Articles {
    let docs = corpus();
    let mut files = Vec::new();
    let mut expected = HashMap::new();
    for i in 0..FILES {
        let doc = &docs[i % docs.len()];
        let path = match i % 7 {
            5 => desk.write(
                &format!("story-{i:03}.md"),
                format!("# Desk copy {i}\n\n{}\n\nCopy {i}.\n", doc.text),
            ),
            6 => {
                let paras: String = doc
                    .text
                    .split("\n\n")
                    .map(|p| {
                        let p = p.replace('&', "&amp;").replace('<', "&lt;");
                        format!("<p>{p}</p>\n")
                    })
                    .collect();
                desk.write(
                    &format!("story-{i:03}.html"),
                    format!(
                        "<!doctype html><html><head><title>Copy {i}</title></head>\
                         <body><nav>Home</nav><article>{paras}<p>Copy {i}.</p></article>\
                         </body></html>"
                    ),
                )
            }
            _ => desk.write(
                &format!("story-{i:03}.txt"),
                format!("{}\n\nDesk copy {i}.", doc.text),
            ),
        };
        let article = read_article(&path).expect("a good article file");
        let claims = factdesk_core::extract(&article.text, article.published)
            .iter()
            .map(|c| (c.kind.as_str().to_string(), c.start, c.end))
            .collect();
        expected.insert(content_hash(&article.text), claims);
        files.push(path);
    }
    Articles { files, expected }
}

/// What [`check_articles`] found.
struct Stored {
    ids: Vec<String>,
    with_claims: usize,
}

/// Every article in `db` is whole: its text hashes to its content hash and is one file's
/// text, and its claims lie on its text and are exactly those a fresh extraction finds —
/// or, when `may_lack_claims`, none at all.
fn check_articles(db: &Path, articles: &Articles, may_lack_claims: bool) -> Result<Stored, String> {
    integrity(db)?;
    let store = Store::open(db).map_err(|e| format!("{}: {e}", db.display()))?;
    let summaries = store
        .articles(&Default::default())
        .map_err(|e| e.to_string())?;
    let mut out = Stored {
        ids: Vec::new(),
        with_claims: 0,
    };
    for s in &summaries {
        let a = store.article(&s.id).map_err(|e| e.to_string())?;
        if content_hash(&a.text) != a.content_hash {
            return Err(format!("{}: text does not hash to its content_hash", a.id));
        }
        let Some(expected) = articles.expected.get(&a.content_hash) else {
            return Err(format!("{}: text is not one whole article file", a.id));
        };
        let claims = store
            .claims(&s.id, &ClaimFilter::default())
            .map_err(|e| e.to_string())?;
        let mut got = Vec::new();
        for c in &claims {
            let (start, end) = (c.claim.start, c.claim.end);
            if start > end
                || end > a.text.len()
                || !a.text.is_char_boundary(start)
                || !a.text.is_char_boundary(end)
                || a.text[start..end] != c.claim.text
            {
                return Err(format!("{}: claim {} does not lie on its text", a.id, c.id));
            }
            got.push((c.claim.kind.as_str().to_string(), start, end));
        }
        got.sort();
        let mut want = expected.clone();
        want.sort();
        if got.is_empty() && may_lack_claims {
        } else if got != want {
            return Err(format!(
                "{}: {} claims stored, a fresh extraction finds {}",
                a.id,
                got.len(),
                want.len()
            ));
        } else {
            out.with_claims += usize::from(!got.is_empty());
        }
        out.ids.push(a.id.clone());
    }
    Ok(out)
}

/// Files in `dir` whose names start with `prefix`.
fn files_starting(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("the folder lists")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .map(|e| e.path())
        .collect()
}

/// Removes a database and its `-wal` and `-shm` files.
fn remove_db(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// Copies the (checkpointed) database at `from` to `to`.
fn copy_db(from: &Path, to: &Path) {
    remove_db(to);
    std::fs::copy(from, to).expect("database copied");
}

/// Writes everything in the log into the database file, so one file is the whole database.
fn checkpoint(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
}

fn import_cmd(desk: &Desk, db: &Path, files: &[PathBuf], extract: bool) -> Command {
    let mut args = vec![
        "import".to_string(),
        "--db".into(),
        db.display().to_string(),
    ];
    if !extract {
        args.push("--no-extract".into());
    }
    args.extend(files.iter().map(|f| f.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    desk.command(&args)
}

fn kill_imports(
    desk: &Desk,
    articles: &Articles,
    rng: &mut fastrand::Rng,
    failures: &mut Vec<String>,
) -> Tally {
    let mut t = Tally::default();
    let full = desk.path("import-full.db");
    t.full_run = Duration::MAX;
    for _ in 0..2 {
        t.full_run = t
            .full_run
            .min(timed(import_cmd(desk, &full, &articles.files, true)));
        remove_db(&full);
    }
    while t.landed < KILLS_PER_COMMAND && t.tries < MAX_TRIES_PER_COMMAND {
        t.tries += 1;
        let db = desk.path(&format!("import-{}.db", t.tries));
        let mut files = articles.files.clone();
        rng.shuffle(&mut files);
        let out = run_until(
            import_cmd(desk, &db, &files, true),
            deadline(rng, t.full_run),
            || {},
        );
        t.killed(desk, &out);
        if !out.killed {
            adapt(&mut t.full_run, out.took);
        }
        if !out.killed && !out.success {
            failures.push(format!(
                "import try {}: failed by itself: {}",
                t.tries, out.stderr
            ));
        }
        if db.exists() {
            match check_articles(&db, articles, false) {
                Ok(stored) => {
                    for line in out.stdout.lines() {
                        let id = line.split_whitespace().next().unwrap_or("");
                        if !stored.ids.iter().any(|s| s == id) {
                            failures.push(format!(
                                "import try {}: {id} reported imported but not stored",
                                t.tries
                            ));
                        }
                    }
                    if out.killed && !stored.ids.is_empty() && stored.ids.len() < FILES {
                        t.mid_work += 1;
                    }
                }
                Err(e) => failures.push(format!("import try {}: {e}", t.tries)),
            }
        }
        remove_db(&db);
    }
    t
}

/// One mark given by the test: on which claim, with what.
#[derive(Debug, Clone)]
struct Given {
    claim: i64,
    status: &'static str,
    note: String,
    url: String,
}

const STATUSES: [&str; 5] = [
    "verified",
    "disputed",
    "false",
    "misleading",
    "unverifiable",
];

/// The reported marks are all in the store: for each claim, their notes and sources are in
/// its history in the order given, and its verdict is the last one reported (or the one a
/// kill interrupted, which may have committed before its report).
fn check_marks(db: &Path, reported: &[Given], interrupted: &[Given]) -> Result<(), String> {
    integrity(db)?;
    let conn = rusqlite::Connection::open(db).map_err(|e| e.to_string())?;
    let mut by_claim: HashMap<i64, Vec<&Given>> = HashMap::new();
    for g in reported {
        by_claim.entry(g.claim).or_default().push(g);
    }
    for (claim, given) in &by_claim {
        let mut stmt = conn
            .prepare("SELECT field, after FROM history WHERE claim_id = ?1 ORDER BY id")
            .map_err(|e| e.to_string())?;
        let events: Vec<(String, String)> = stmt
            .query_map([claim], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(|e| e.to_string())?;
        let notes: Vec<String> = events
            .iter()
            .filter(|(f, _)| f == "note")
            .filter_map(|(_, a)| serde_json::from_str::<Option<String>>(a).ok().flatten())
            .collect();
        let urls: Vec<String> = events
            .iter()
            .filter(|(f, _)| f == "source")
            .filter_map(|(_, a)| {
                serde_json::from_str::<serde_json::Value>(a).ok()?["url"]
                    .as_str()
                    .map(String::from)
            })
            .collect();
        let in_order = |have: &[String], want: Vec<&String>| {
            let mut it = have.iter();
            want.iter().all(|w| it.any(|h| h == *w))
        };
        if !in_order(&notes, given.iter().map(|g| &g.note).collect()) {
            return Err(format!(
                "c{claim}: reported notes missing or out of order in the history"
            ));
        }
        if !in_order(&urls, given.iter().map(|g| &g.url).collect()) {
            return Err(format!(
                "c{claim}: reported sources missing or out of order in the history"
            ));
        }
        let (status, note): (String, Option<String>) = conn
            .query_row(
                "SELECT status, note FROM verdict WHERE claim_id = ?1",
                [claim],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| format!("c{claim}: no verdict stored: {e}"))?;
        let last = given.last().unwrap();
        let is = |g: &Given| status == g.status && note.as_deref() == Some(g.note.as_str());
        if !is(last) && !interrupted.iter().any(|g| g.claim == *claim && is(g)) {
            return Err(format!(
                "c{claim}: verdict is {status} {note:?}, the last reported is {} {:?}",
                last.status, last.note
            ));
        }
    }
    Ok(())
}

fn mark_cmd(desk: &Desk, db: &Path, g: &Given) -> Command {
    let claim = format!("c{}", g.claim);
    desk.command(&[
        "mark",
        &claim,
        g.status,
        "--note",
        &g.note,
        "--source",
        &g.url,
        "--source-title",
        "Desk check",
        "--shows",
        "what the figures say",
        "--db",
        &db.display().to_string(),
    ])
}

fn kill_marks(
    desk: &Desk,
    articles: &Articles,
    rng: &mut fastrand::Rng,
    failures: &mut Vec<String>,
) -> Tally {
    let mut t = Tally::default();
    let db = desk.path("mark.db");
    desk.run(&[
        "import",
        "--db",
        &db.display().to_string(),
        &articles.files[0].display().to_string(),
        &articles.files[1].display().to_string(),
    ])
    .ok();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let claims: Vec<i64> = conn
        .prepare("SELECT id FROM claim ORDER BY id LIMIT 12")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    drop(conn);
    assert!(claims.len() >= 4, "enough claims to mark");
    let mut n = 0;
    let mut give = |rng: &mut fastrand::Rng| {
        n += 1;
        Given {
            claim: claims[rng.usize(..claims.len())],
            status: STATUSES[rng.usize(..STATUSES.len())],
            note: format!("Checked against the record, round {n}; \"quoted\" & 'noted'."),
            url: format!("https://example.org/checks/{n}?q=a&b=c"),
        }
    };
    let start = Instant::now();
    for _ in 0..MARKS_PER_TRY {
        let g = give(rng);
        mark_cmd(desk, &db, &g).output().unwrap();
    }
    t.full_run = start.elapsed();
    let mut reported = Vec::new();
    let mut interrupted = Vec::new();
    while t.landed < KILLS_PER_COMMAND && t.tries < MAX_TRIES_PER_COMMAND {
        t.tries += 1;
        let until = deadline(rng, t.full_run);
        let began = Instant::now();
        let mut saved_this_try = 0;
        let mut killed = false;
        for _ in 0..MARKS_PER_TRY {
            let g = give(rng);
            let out = run_until(mark_cmd(desk, &db, &g), until, || {});
            if out.killed {
                t.killed(desk, &out);
                t.mid_work += usize::from(saved_this_try > 0);
                interrupted.push(g);
                killed = true;
                break;
            }
            let first = out.stdout.split_whitespace().next().unwrap_or("");
            if out.success && first == format!("c{}", g.claim) {
                reported.push(g);
                saved_this_try += 1;
            } else {
                failures.push(format!(
                    "mark try {}: failed by itself: {}",
                    t.tries, out.stderr
                ));
            }
            if Instant::now() >= until {
                break;
            }
        }
        if !killed && saved_this_try == MARKS_PER_TRY {
            adapt(&mut t.full_run, began.elapsed());
        }
        if let Err(e) = check_marks(&db, &reported, &interrupted) {
            failures.push(format!("mark try {}: {e}", t.tries));
        }
    }
    eprintln!(
        "mark: {} marks reported saved and found in the store and history",
        reported.len()
    );
    t
}

fn kill_reextracts(
    desk: &Desk,
    articles: &Articles,
    rng: &mut fastrand::Rng,
    failures: &mut Vec<String>,
) -> Tally {
    let mut t = Tally::default();
    let template = desk.path("reextract-template.db");
    timed(import_cmd(desk, &template, &articles.files, false));
    checkpoint(&template);
    let db = desk.path("reextract.db");
    let cmd = |db: &Path| desk.command(&["reextract", "--all", "--db", &db.display().to_string()]);
    copy_db(&template, &db);
    t.full_run = timed(cmd(&db));
    copy_db(&template, &db);
    t.full_run = t.full_run.min(timed(cmd(&db)));
    match check_articles(&db, articles, false) {
        Ok(s) if s.with_claims == FILES => {}
        Ok(s) => failures.push(format!(
            "reextract: a full run gave claims to {} of {FILES}",
            s.with_claims
        )),
        Err(e) => failures.push(format!("reextract full run: {e}")),
    }
    while t.landed < KILLS_PER_COMMAND && t.tries < MAX_TRIES_PER_COMMAND {
        t.tries += 1;
        copy_db(&template, &db);
        let out = run_until(cmd(&db), deadline(rng, t.full_run), || {});
        t.killed(desk, &out);
        if !out.killed {
            adapt(&mut t.full_run, out.took);
        }
        if !out.killed && !out.success {
            failures.push(format!(
                "reextract try {}: failed by itself: {}",
                t.tries, out.stderr
            ));
        }
        match check_articles(&db, articles, true) {
            Ok(s) => {
                if s.ids.len() != FILES {
                    failures.push(format!(
                        "reextract try {}: {} articles of {FILES}",
                        t.tries,
                        s.ids.len()
                    ));
                }
                if out.killed && s.with_claims > 0 && s.with_claims < FILES {
                    t.mid_work += 1;
                }
                if !out.killed && s.with_claims != FILES {
                    failures.push(format!(
                        "reextract try {}: finished, {} articles with claims",
                        t.tries, s.with_claims
                    ));
                }
            }
            Err(e) => failures.push(format!("reextract try {}: {e}", t.tries)),
        }
    }
    remove_db(&db);
    t
}

fn kill_backups(
    desk: &Desk,
    articles: &Articles,
    rng: &mut fastrand::Rng,
    failures: &mut Vec<String>,
) -> Tally {
    let mut t = Tally::default();
    let source = desk.path("backup-source.db");
    timed(import_cmd(desk, &source, &articles.files, true));
    let (want_articles, want_claims) = (
        count(&source, "article").unwrap(),
        count(&source, "claim").unwrap(),
    );
    let cmd = |to: &Path| {
        desk.command(&[
            "backup",
            &to.display().to_string(),
            "--db",
            &source.display().to_string(),
        ])
    };
    for i in 0..3 {
        let to = desk.path(&format!("timing-{i}.db"));
        let took = timed(cmd(&to));
        t.full_run = if i == 0 { took } else { t.full_run.min(took) };
        remove_db(&to);
    }
    let dir = desk.dir.path();
    while t.landed < KILLS_PER_COMMAND && t.tries < MAX_TRIES_PER_COMMAND {
        t.tries += 1;
        let name = format!("backup-{}.db", t.tries);
        let to = desk.path(&name);
        let partial_prefix = format!(".{name}.");
        let mut partial_at_kill = false;
        let out = run_until(cmd(&to), deadline(rng, t.full_run), || {
            partial_at_kill = !files_starting(dir, &partial_prefix).is_empty();
        });
        t.killed(desk, &out);
        if !out.killed {
            adapt(&mut t.full_run, out.took);
        }
        t.mid_work += usize::from(out.killed && partial_at_kill);
        if !out.killed && !out.success {
            failures.push(format!(
                "backup try {}: failed by itself: {}",
                t.tries, out.stderr
            ));
        }
        t.partials_left += files_starting(dir, &partial_prefix).len();
        if let Err(e) = integrity(&source) {
            failures.push(format!("backup try {}: the source: {e}", t.tries));
        }
        if to.exists() {
            let whole = integrity(&to).and_then(|()| {
                let got = (count(&to, "article")?, count(&to, "claim")?);
                if got == (want_articles, want_claims) {
                    Ok(())
                } else {
                    Err(format!(
                        "{got:?} articles and claims, the database has {:?}",
                        (want_articles, want_claims)
                    ))
                }
            });
            if let Err(e) = whole {
                failures.push(format!("backup try {}: the backup: {e}", t.tries));
            }
            remove_db(&to);
        }
    }
    // A complete run afterwards, which is where stale partial files could be cleared.
    let last = desk.path("backup-last.db");
    timed(cmd(&last));
    t.partials_after_rerun = files_starting(dir, ".backup-").len();
    t
}

/// The report formats and their file extensions.
const FORMATS: [(&str, &str); 5] = [
    ("html", "html"),
    ("md", "md"),
    ("json", "json"),
    ("csv", "csv"),
    ("claimreview", "jsonld"),
];

fn kill_reports(
    desk: &Desk,
    articles: &Articles,
    rng: &mut fastrand::Rng,
    failures: &mut Vec<String>,
) -> Tally {
    let mut t = Tally::default();
    let db = desk.path("report.db");
    timed(import_cmd(desk, &db, &articles.files, true));
    let cmd = |format: &str, to: &Path| {
        desk.command(&[
            "report",
            "--all",
            "--format",
            format,
            "-o",
            &to.display().to_string(),
            "--publisher",
            "Desk",
            "--publication-url",
            "https://example.org/checks",
            "--db",
            &db.display().to_string(),
        ])
    };
    // Each format's full run: its time and its length in lines and bytes.
    let mut reference = HashMap::new();
    for (format, ext) in FORMATS {
        let to = desk.path(&format!("reference.{ext}"));
        let took = timed(cmd(format, &to));
        t.full_run = t.full_run.max(took);
        let text = std::fs::read_to_string(&to).unwrap();
        reference.insert(format, (took, text.lines().count(), text.len()));
    }
    let dir = desk.dir.path();
    while t.landed < KILLS_PER_COMMAND && t.tries < MAX_TRIES_PER_COMMAND {
        t.tries += 1;
        let (format, ext) = FORMATS[rng.usize(..FORMATS.len())];
        let (took, lines, bytes) = reference[format];
        let name = format!("report-{}.{ext}", t.tries);
        let to = desk.path(&name);
        let partial_prefix = format!(".{name}.");
        let mut partial_at_kill = false;
        let out = run_until(cmd(format, &to), deadline(rng, took), || {
            partial_at_kill = !files_starting(dir, &partial_prefix).is_empty();
        });
        t.killed(desk, &out);
        t.mid_work += usize::from(out.killed && partial_at_kill);
        if !out.killed {
            if let Some(r) = reference.get_mut(format) {
                adapt(&mut r.0, out.took);
            }
        }
        if !out.killed && !out.success {
            failures.push(format!(
                "report try {}: failed by itself: {}",
                t.tries, out.stderr
            ));
        }
        t.partials_left += files_starting(dir, &partial_prefix).len();
        if to.exists() {
            let text = std::fs::read_to_string(&to).unwrap_or_default();
            let parses = !matches!(format, "json" | "claimreview")
                || serde_json::from_str::<serde_json::Value>(&text).is_ok();
            // The generation time differs between runs; nothing else does.
            if text.lines().count() != lines || text.len().abs_diff(bytes) > 64 || !parses {
                failures.push(format!(
                    "report try {}: {name} is {} lines, {} bytes; a complete one is {lines} lines, {bytes} bytes",
                    t.tries,
                    text.lines().count(),
                    text.len()
                ));
            }
            let _ = std::fs::remove_file(&to);
        }
    }
    let last = desk.path("report-last.html");
    timed(cmd("html", &last));
    t.partials_after_rerun = files_starting(dir, ".report-").len();
    t
}

#[test]
fn random_kills_leave_every_command_whole() {
    let began = Instant::now();
    let seed = std::env::var(SEED_VAR)
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| fastrand::u64(..));
    let _guard = SeedOnFailure(seed);
    eprintln!("crash_random: seed {seed} (replay with {SEED_VAR}={seed})");
    let mut rng = fastrand::Rng::with_seed(seed);
    let desk = Desk::new();
    let articles = write_articles(&desk);
    let mut failures = Vec::new();
    type Scenario = fn(&Desk, &Articles, &mut fastrand::Rng, &mut Vec<String>) -> Tally;
    let scenarios: [(&str, Scenario); 5] = [
        ("import", kill_imports),
        ("mark", kill_marks),
        ("reextract --all", kill_reextracts),
        ("backup", kill_backups),
        ("report", kill_reports),
    ];
    let mut tallies = Vec::new();
    for (name, scenario) in scenarios {
        let at = Instant::now();
        let tally = scenario(&desk, &articles, &mut rng, &mut failures);
        eprintln!(
            "{name:<16} {:>3} tries, {:>3} kills landed ({:>3} past start-up, {:>3} with work \
             half done), full run {:>4} ms, partial files left {} (after a later run {}), {:.1} s",
            tally.tries,
            tally.landed,
            tally.past_startup,
            tally.mid_work,
            tally.full_run.as_millis(),
            tally.partials_left,
            tally.partials_after_rerun,
            at.elapsed().as_secs_f64()
        );
        tallies.push((name, tally));
    }
    let landed: usize = tallies.iter().map(|(_, t)| t.landed).sum();
    eprintln!(
        "crash_random: {landed} kills landed in all, {} failures, {:.1} s, seed {seed}",
        failures.len(),
        began.elapsed().as_secs_f64()
    );
    for f in &failures {
        eprintln!("  FAILURE {f}");
    }
    assert!(
        failures.is_empty(),
        "{} failures (seed {seed})",
        failures.len()
    );
    for (name, t) in &tallies {
        assert!(
            t.landed >= KILLS_PER_COMMAND,
            "{name}: only {} of {} tries were killed while running (seed {seed})",
            t.landed,
            t.tries
        );
        if ASSERT_PARTIALS_CLEANED_UP {
            assert_eq!(
                t.partials_after_rerun, 0,
                "{name}: partial files left behind"
            );
        }
    }
}
