//! Running the built `factdesk` binary on a temporary database, and the corpus articles
//! as files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde::Deserialize;
use sha2::{Digest, Sha256};

/// A temporary folder holding the database and the article files of one test.
pub struct Desk {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Desk {
    /// A new folder with no database yet.
    pub fn new() -> Desk {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let db = dir.path().join("review.db");
        Desk { dir, db }
    }

    /// A path inside the folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `factdesk ARGS` on this desk's database (through `FACTDESK_DB`), as reviewer
    /// "tester" unless the arguments say otherwise.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = self.command(args).output().expect("factdesk runs");
        Run::from(out)
    }

    /// The command `run` would run, to spawn it.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_factdesk"));
        cmd.args(args)
            .env("FACTDESK_DB", &self.db)
            .env_remove("FACTDESK_REVIEWER")
            .env("USER", "tester")
            .current_dir(self.dir.path());
        cmd
    }

    /// `factdesk ARGS --json`, which must succeed, as parsed JSON.
    /// Every article in the database (`articles --json`, first imported first, one page
    /// as large as the library), checking that the page says how many there are in all.
    pub fn articles(&self, extra: &[&str]) -> Vec<serde_json::Value> {
        let mut args = vec!["articles", "--sort", "oldest", "--limit", "1000000"];
        args.extend_from_slice(extra);
        let page = self.json(&args);
        let list = page["articles"]
            .as_array()
            .expect("a list of articles")
            .clone();
        assert_eq!(page["total"], list.len(), "the page holds every article");
        list
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.push("--json");
        let run = self.run(&all);
        run.ok();
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
            panic!(
                "factdesk {args:?} --json printed no JSON ({e}):\n{}",
                run.stdout
            )
        })
    }

    /// Writes `text` to a file named `name` in the folder and returns its path.
    pub fn write(&self, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, text).expect("file written");
        p
    }

    /// Writes every corpus article to `<doc>.txt` and returns the paths in corpus order.
    pub fn corpus_files(&self) -> Vec<PathBuf> {
        corpus()
            .iter()
            .map(|d| self.write(&format!("{}.txt", d.doc), &d.text))
            .collect()
    }
}

/// What a run of `factdesk` did.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Panics, showing the output, unless the run succeeded.
    pub fn ok(&self) -> &Run {
        assert_eq!(
            self.code,
            Some(0),
            "factdesk failed:\n{}\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Panics unless the run failed; returns its standard error.
    pub fn failed(&self) -> &str {
        assert!(
            self.code.is_some_and(|c| c != 0),
            "factdesk should have failed:\n{}\n{}",
            self.stdout,
            self.stderr
        );
        &self.stderr
    }
}

/// One article of the development corpus.
#[derive(Debug, Clone, Deserialize)]
pub struct Doc {
    pub doc: String,
    pub text: String,
}

/// The development corpus, from the repository.
pub fn corpus() -> Vec<Doc> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/corpus/dev.jsonl"
    );
    std::fs::read_to_string(path)
        .expect("the corpus is in the repository")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a corpus line"))
        .collect()
}

/// Hex SHA-256 of a file's bytes.
pub fn file_hash(path: &Path) -> String {
    Sha256::digest(std::fs::read(path).expect("file read"))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The byte span of the `nth` occurrence of `needle` in `text`, as "START END" arguments.
pub fn span_args(text: &str, needle: &str, nth: usize) -> (String, String) {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} in the text"))
        .0;
    (start.to_string(), (start + needle.len()).to_string())
}
