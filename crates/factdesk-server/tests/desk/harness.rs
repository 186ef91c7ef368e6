//! A throwaway PostgreSQL cluster, the desk server on it, and `factdesk` clients.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;

use serde_json::Value;

/// The PostgreSQL programs' folder: the newest `/usr/lib/postgresql/*/bin` with initdb.
fn pg_bin() -> PathBuf {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin).unwrap_or_else(|| {
        panic!(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): the desk \
             tests need it. Install it with `apt-get install postgresql` (`make deps` does)"
        )
    })
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(1).map(|u| u == "0"))
        })
        .unwrap_or(false)
}

/// A command run as the cluster's owner: the postgres user when the tests run as root
/// (initdb refuses root), else the current user.
fn as_owner(program: &Path) -> Command {
    if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn run_ok(mut cmd: Command, what: &str) -> Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run: {e}"));
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A PostgreSQL cluster in a temporary folder, listening only on a Unix socket there;
/// stopped and removed when dropped.
pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
}

impl Cluster {
    pub fn start() -> Cluster {
        let bin = pg_bin();
        let dir = tempfile::Builder::new()
            .prefix("factdesk-pg-")
            .tempdir()
            .expect("a temporary folder");
        if is_root() {
            let mut chown = Command::new("chown");
            chown.arg("postgres:postgres").arg(dir.path());
            run_ok(chown, "chown of the cluster folder to postgres");
        }
        let mut initdb = as_owner(&bin.join("initdb"));
        initdb.arg("-D").arg(dir.path().join("data")).args([
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-sync",
        ]);
        run_ok(initdb, "initdb");
        let cluster = Cluster { dir, bin };
        cluster.pg_ctl_start();
        let mut createdb = as_owner(&cluster.bin.join("createdb"));
        createdb
            .arg("-h")
            .arg(cluster.socket_dir())
            .args(["-p", "5432", "-U", "postgres", "desk"]);
        run_ok(createdb, "createdb");
        cluster
    }

    fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    fn pg_ctl(&self, action: &[&str]) -> Command {
        let mut pg_ctl = as_owner(&self.bin.join("pg_ctl"));
        pg_ctl
            .arg("-D")
            .arg(self.dir.path().join("data"))
            .arg("-l")
            .arg(self.dir.path().join("postgres.log"))
            .arg("-o")
            .arg(format!(
                "-p 5432 -k {} -c listen_addresses='' -c fsync=off",
                self.socket_dir().display()
            ))
            .arg("-w")
            .args(action);
        pg_ctl
    }

    fn pg_ctl_start(&self) {
        run_ok(self.pg_ctl(&["start"]), "pg_ctl start");
    }

    /// Restarts PostgreSQL the way an administrator does (`pg_ctl restart -m fast`: open
    /// connections are ended, open transactions rolled back), returning once it accepts
    /// connections again.
    pub fn restart(&self) {
        run_ok(self.pg_ctl(&["-m", "fast", "restart"]), "pg_ctl restart");
    }

    /// The connection string of the cluster's `desk` database.
    pub fn url(&self) -> String {
        format!(
            "host={} port=5432 user=postgres dbname=desk",
            self.socket_dir().display()
        )
    }

    /// Runs SQL with psql, returning its output (unaligned, tuples only); `Err` with
    /// PostgreSQL's message when it fails.
    pub fn psql(&self, sql: &str) -> Result<String, String> {
        let out = as_owner(&self.bin.join("psql"))
            .arg("-h")
            .arg(self.socket_dir())
            .args([
                "-p", "5432", "-U", "postgres", "-d", "desk", "-X", "-A", "-t",
            ])
            .args(["-v", "ON_ERROR_STOP=1", "-c", sql])
            .output()
            .expect("psql runs");
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).to_string())
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = as_owner(&self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.dir.path().join("data"))
            .args(["-m", "immediate", "-w", "stop"])
            .output();
    }
}

/// The `factdesk` binary beside `factdesk-server`. `cargo test --workspace` builds it;
/// when it is missing (`cargo test -p factdesk-server` on a fresh target folder) it is
/// built here. It is not rebuilt when present: a build from here resolves features for
/// one package and would rebuild the workspace's shared crates on every run (run `cargo
/// build -p factdesk-cli` after changing the command line).
pub fn factdesk_bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let server = PathBuf::from(env!("CARGO_BIN_EXE_factdesk-server"));
        let bin = server.with_file_name("factdesk");
        if bin.exists() {
            return bin;
        }
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut build = Command::new(cargo);
        build.args(["build", "-q", "-p", "factdesk-cli", "--bin", "factdesk"]);
        if server
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|p| p == "release")
        {
            build.arg("--release");
        }
        run_ok(build, "building the factdesk command");
        assert!(bin.exists(), "{} was not built", bin.display());
        bin
    })
    .clone()
}

/// The desk server process on a cluster.
pub struct Server {
    pub url: String,
    pub db_url: String,
    child: Option<Child>,
    listen: String,
    flags: Vec<String>,
}

impl Server {
    /// Starts the server on `cluster`, on a free loopback port.
    pub fn start(cluster: &Cluster) -> Server {
        Server::start_with(cluster, "127.0.0.1:0", &[])
    }

    /// Starts the server on `cluster`, listening on `listen` (port 0: a free one), with
    /// more `serve` flags (`--tls-cert`…).
    pub fn start_with(cluster: &Cluster, listen: &str, flags: &[&str]) -> Server {
        let mut s = Server {
            url: String::new(),
            db_url: cluster.url(),
            child: None,
            listen: listen.into(),
            flags: flags.iter().map(|f| f.to_string()).collect(),
        };
        s.spawn();
        s
    }

    fn spawn(&mut self) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_factdesk-server"))
            .args([
                "serve",
                "--listen",
                &self.listen,
                "--database-url",
                &self.db_url,
            ])
            .args(&self.flags)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("factdesk-server starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("its output"))
            .read_line(&mut line)
            .expect("the server says where it listens");
        let url = line
            .trim()
            .rsplit(' ')
            .next()
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
            .unwrap_or_else(|| panic!("the server printed {line:?}, not its address"))
            .to_string();
        self.listen = url.split("://").nth(1).unwrap_or_default().to_string();
        self.url = url;
        self.child = Some(child);
    }

    /// The server process's id.
    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("the server runs").id()
    }

    /// Whether the server process is still running (it has not exited since it started).
    pub fn is_running(&mut self) -> bool {
        self.child
            .as_mut()
            .is_some_and(|c| c.try_wait().expect("the server's state").is_none())
    }

    /// SIGKILLs the server (no chance to finish anything).
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            c.kill().expect("the server is killed");
            c.wait().expect("the killed server is reaped");
        }
    }

    /// Starts the server again on the same address.
    pub fn restart(&mut self) {
        self.kill();
        self.spawn();
    }

    /// `factdesk-server ARGS` against the same database (user administration).
    pub fn admin(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_factdesk-server"))
            .args(args)
            .args(["--database-url", &self.db_url])
            .output()
            .expect("factdesk-server runs")
    }

    /// Adds a user and returns their token.
    pub fn add_user(&self, name: &str, role: &str) -> String {
        let out = self.admin(&["user", "add", name, "--role", role]);
        assert!(
            out.status.success(),
            "user add {name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let token = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert!(
            token.starts_with("fdk_") && token.len() > 60,
            "a token: {token:?}"
        );
        token
    }

    /// An HTTP request with `token`: (status, JSON body).
    pub fn call(
        &self,
        method: &str,
        path: &str,
        token: &str,
        body: Option<&Value>,
    ) -> (u16, Value) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let url = format!("{}{path}", self.url);
        let auth = format!("Bearer {token}");
        let response = match (method, body) {
            ("GET", _) => agent.get(&url).header("Authorization", &auth).call(),
            ("DELETE", _) => agent.delete(&url).header("Authorization", &auth).call(),
            (_, b) => agent
                .post(&url)
                .header("Authorization", &auth)
                .header("Content-Type", "application/json")
                .send(
                    serde_json::to_vec(&b.cloned().unwrap_or(Value::Null))
                        .unwrap()
                        .as_slice(),
                ),
        };
        let mut response = response.expect("the server answers");
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().unwrap_or_default();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// One `factdesk` user with their own SQLite database.
pub struct Client {
    pub name: String,
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

/// What a `factdesk` run printed.
pub struct Run {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Client {
    pub fn new(name: &str) -> Client {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let db = dir.path().join(format!("{name}.db"));
        Client {
            name: name.into(),
            dir,
            db,
        }
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(factdesk_bin());
        cmd.args(args)
            .env("FACTDESK_DB", &self.db)
            .env("FACTDESK_REVIEWER", &self.name)
            .env_remove("FACTDESK_DESK_TOKEN")
            .current_dir(self.dir.path());
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let out = self.command(args).output().expect("factdesk runs");
        Run {
            ok: out.status.success(),
            stdout: String::from_utf8_lossy(&out.stdout).into(),
            stderr: String::from_utf8_lossy(&out.stderr).into(),
        }
    }

    /// `factdesk ARGS`, which must succeed; its output.
    pub fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert!(
            run.ok,
            "{}: factdesk {args:?} failed:\n{}{}",
            self.name, run.stdout, run.stderr
        );
        run.stdout
    }

    /// `factdesk ARGS --json`, which must succeed, parsed.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        let out = self.ok(&all);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {out}"))
    }

    /// Imports the sample article, the one every test shares.
    pub fn import_sample(&self) -> String {
        let sample =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/seed-stoltenberg-kyiv.txt");
        let out = self.json(&["import", sample.to_str().unwrap()]);
        out["imported"][0]["article"]["id"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| panic!("an article id in {out}"))
    }

    pub fn join(&self, server: &Server, token: &str) {
        let out = self.ok(&["desk", "join", &server.url, "--token", token]);
        assert!(!out.contains(token), "join never prints the token: {out}");
    }

    pub fn sync(&self) -> String {
        self.ok(&["desk", "sync"])
    }

    /// The id of the only article (each client has one).
    pub fn article(&self) -> String {
        let page = self.json(&["articles"]);
        assert_eq!(page["total"], 1, "{}: one article: {page}", self.name);
        page["articles"][0]["id"].as_str().unwrap().to_string()
    }

    /// The article's claims, by span: what every client must agree on (status, note,
    /// reviewer, sources, speaker, dismissal).
    pub fn state(&self) -> Vec<Value> {
        let article = self.article();
        let claims = self.json(&["claims", &article, "--all"]);
        let list = claims.as_array().cloned().unwrap_or_default();
        assert!(!list.is_empty(), "{}: claims in {claims}", self.name);
        list.iter()
            .map(|c| {
                let sources: Vec<Value> = c["sources"]
                    .as_array()
                    .map(|s| s.iter().map(|s| s["url"].clone()).collect())
                    .unwrap_or_default();
                serde_json::json!({
                    "span": [c["claim"]["start"], c["claim"]["end"], c["claim"]["kind"]],
                    "status": c["status"], "note": c["note"], "reviewer": c["reviewer"],
                    "sources": sources, "speaker": c["claim"]["speaker"],
                    "dismissed": c["dismissed"],
                })
            })
            .collect()
    }

    /// The local id of the claim at `span` (start, end).
    pub fn claim_at(&self, start: u64, end: u64) -> String {
        let article = self.article();
        let claims = self.json(&["claims", &article, "--all"]);
        let list = claims.as_array().cloned().unwrap_or_default();
        list.iter()
            .find(|c| c["claim"]["start"] == start && c["claim"]["end"] == end)
            .and_then(|c| c["id"].as_str())
            .unwrap_or_else(|| panic!("{}: no claim at {start}..{end}", self.name))
            .to_string()
    }

    /// The spans (start, end) of the article's first `n` claims at distinct spans.
    pub fn spans(&self, n: usize) -> Vec<(u64, u64)> {
        let mut spans: Vec<(u64, u64)> = Vec::new();
        for c in self.state() {
            let span = (
                c["span"][0].as_u64().unwrap(),
                c["span"][1].as_u64().unwrap(),
            );
            if !spans.contains(&span) {
                spans.push(span);
            }
        }
        assert!(
            spans.len() >= n,
            "{}: {n} claims at distinct spans",
            self.name
        );
        spans.truncate(n);
        spans
    }

    /// The history of the claim at `span` as (by, field, after) triples, oldest first.
    pub fn history_at(&self, start: u64, end: u64) -> Vec<(String, String, Value)> {
        let claim = self.claim_at(start, end);
        let h = self.json(&["history", &claim]);
        let list = h.as_array().cloned().unwrap_or_default();
        list.iter()
            .map(|e| {
                (
                    e["by"].as_str().unwrap_or("").to_string(),
                    e["field"].as_str().unwrap_or("").to_string(),
                    e["after"].clone(),
                )
            })
            .collect()
    }
}
