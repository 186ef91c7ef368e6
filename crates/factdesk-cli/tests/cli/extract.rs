//! End-to-end tests of `factdesk extract`: the real binary on real news text.
//!
//! - `tuning_sets_keep_their_scores` and `validation_set_meets_the_floors`: the gold sets
//!   through `--batch`, scored like `eval/score.py` (lenient: byte-span IoU >= 0.5,
//!   one-to-one, greedy); floors on the held-out validation set measure skill, those on
//!   the tuning sets guard against losing what was found.
//! - the rest: output shapes and the errors a user meets with bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn factdesk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_factdesk"))
}

fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the factdesk binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

// ----------------------------------------------------------------- scoring

#[derive(Debug)]
struct Span {
    kind: String,
    start: usize,
    end: usize,
    value: Value,
    speaker: Option<String>,
    text: String,
}

fn spans(claims: &Value) -> Vec<Span> {
    claims
        .as_array()
        .expect("claims is a list")
        .iter()
        .map(|c| Span {
            kind: c["kind"].as_str().expect("kind").to_string(),
            start: c["start"].as_u64().expect("start") as usize,
            end: c["end"].as_u64().expect("end") as usize,
            value: c["value"].clone(),
            speaker: c["speaker"].as_str().map(str::to_string),
            text: c["text"].as_str().unwrap_or_default().to_string(),
        })
        .collect()
}

fn iou(a: &Span, b: &Span) -> f64 {
    let inter = a.end.min(b.end) as f64 - a.start.max(b.start) as f64;
    if inter <= 0.0 {
        return 0.0;
    }
    inter / (a.end.max(b.end) - a.start.min(b.start)) as f64
}

/// Lenient one-to-one matching, greedy by IoU: (gold index, prediction index) pairs.
fn lenient_pairs(gold: &[&Span], pred: &[&Span]) -> Vec<(usize, usize)> {
    let mut cand = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            let v = iou(g, p);
            if v >= 0.5 {
                cand.push((v, gi, pi));
            }
        }
    }
    cand.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut mg, mut mp, mut pairs) = (Vec::new(), Vec::new(), Vec::new());
    for (_, gi, pi) in cand {
        if !mg.contains(&gi) && !mp.contains(&pi) {
            mg.push(gi);
            mp.push(pi);
            pairs.push((gi, pi));
        }
    }
    pairs
}

/// The last name token of a speaker, lowercased, possessive dropped.
fn name_tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-'))
        .filter(|t| !t.is_empty())
        .map(|t| {
            let t = t.to_lowercase();
            t.strip_suffix("'s")
                .or_else(|| t.strip_suffix("\u{2019}s"))
                .unwrap_or(&t)
                .to_string()
        })
        .collect()
}

#[derive(Default, Debug)]
struct Tally {
    gold: usize,
    pred: usize,
    tp: usize,
    values: usize,
    values_right: usize,
}

impl Tally {
    fn f1(&self) -> f64 {
        let p = self.tp as f64 / self.pred.max(1) as f64;
        let r = self.tp as f64 / self.gold.max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn value_accuracy(&self) -> f64 {
        self.values_right as f64 / self.values.max(1) as f64
    }
}

fn value_right(kind: &str, gold: &Span, pred: &Span) -> Option<bool> {
    match kind {
        "figure" => {
            let g = gold.value["amount"].as_f64()?;
            let p = pred.value.get("amount").and_then(Value::as_f64);
            Some(p.is_some_and(|p| {
                if g == 0.0 {
                    p.abs() < 1e-12
                } else {
                    ((p - g) / g).abs() < 1e-6
                }
            }))
        }
        "date" => {
            let g = gold.value["iso"].as_str()?;
            Some(pred.value.get("iso").and_then(Value::as_str) == Some(g))
        }
        _ => {
            let g = gold.speaker.as_deref()?;
            let last = name_tokens(g).pop()?;
            Some(
                pred.speaker
                    .as_deref()
                    .is_some_and(|p| name_tokens(p).contains(&last)),
            )
        }
    }
}

/// The scores of one gold set: per kind, lenient matching as `eval/score.py` does it.
struct Scores {
    tallies: std::collections::BTreeMap<&'static str, Tally>,
    misses: Vec<String>,
}

impl Scores {
    fn summary(&self) -> String {
        self.tallies
            .iter()
            .map(|(k, t)| {
                format!(
                    "{k}: gold {} pred {} tp {} F1 {:.3} {} accuracy {:.3} ({}/{})",
                    t.gold,
                    t.pred,
                    t.tp,
                    t.f1(),
                    if *k == "quote" { "speaker" } else { "value" },
                    t.value_accuracy(),
                    t.values_right,
                    t.values
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Fails unless every kind reaches its F1 and value (or speaker) floor.
    fn assert_floors(&self, set: &str, floors: &[(&str, f64, f64)], show_misses: bool) {
        let summary = self.summary();
        eprintln!("{set}:\n{summary}");
        for &(kind, f1_floor, value_floor) in floors {
            let t = &self.tallies[kind];
            let misses = if show_misses {
                self.misses.join("\n")
            } else {
                "(not shown: this set is held out)".to_string()
            };
            assert!(
                t.f1() >= f1_floor,
                "{set}: {kind} F1 {:.3} is under the {f1_floor} floor\n{summary}\nmissed:\n{misses}",
                t.f1(),
            );
            assert!(
                t.value_accuracy() >= value_floor,
                "{set}: {kind} value accuracy {:.3} is under the {value_floor} floor\n{summary}",
                t.value_accuracy()
            );
        }
    }
}

/// Runs the real binary's `extract --batch` over a gold set and scores it.
fn score_gold_set(rel: &str) -> Scores {
    let corpus = repo_file(rel);
    let out = run(factdesk().arg("extract").arg("--batch").arg(&corpus));
    assert!(
        out.status.success(),
        "batch extraction of {rel} failed: {}",
        stderr(&out)
    );
    let gold_raw = std::fs::read_to_string(&corpus).expect("corpus is readable");
    let gold: Vec<Value> = gold_raw
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!gold.is_empty(), "{rel} has no documents");
    let pred: Vec<Value> = String::from_utf8(out.stdout)
        .expect("output is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect();
    assert_eq!(
        pred.len(),
        gold.len(),
        "one output line per document of {rel}"
    );

    let mut scores = Scores {
        tallies: Default::default(),
        misses: Vec::new(),
    };
    for (g, p) in gold.iter().zip(&pred) {
        assert_eq!(
            g["doc"], p["doc"],
            "output keeps the input order and doc ids"
        );
        let text = g["text"].as_str().unwrap();
        let gold_spans = spans(&g["claims"]);
        let pred_spans = spans(&p["claims"]);
        for ps in &pred_spans {
            assert_eq!(
                &text.as_bytes()[ps.start..ps.end],
                ps.text.as_bytes(),
                "{}: claim text must equal its byte slice",
                g["doc"]
            );
        }
        for kind in ["figure", "date", "quote"] {
            let gs: Vec<&Span> = gold_spans.iter().filter(|s| s.kind == kind).collect();
            let ps: Vec<&Span> = pred_spans.iter().filter(|s| s.kind == kind).collect();
            let pairs = lenient_pairs(&gs, &ps);
            let t = scores.tallies.entry(kind).or_default();
            t.gold += gs.len();
            t.pred += ps.len();
            t.tp += pairs.len();
            for &(gi, pi) in &pairs {
                if let Some(ok) = value_right(kind, gs[gi], ps[pi]) {
                    t.values += 1;
                    t.values_right += ok as usize;
                }
            }
            let matched: Vec<usize> = pairs.iter().map(|p| p.0).collect();
            for (_, gspan) in gs.iter().enumerate().filter(|(i, _)| !matched.contains(i)) {
                scores
                    .misses
                    .push(format!("{} {kind} {:?}", g["doc"], gspan.text));
            }
        }
    }
    scores
}

/// The texts the rules were written against keep their scores: nothing the engine found
/// and still should is lost. The floors sit just under the scores reached.
#[test]
fn tuning_sets_keep_their_scores() {
    score_gold_set("tests/data/corpus/dev.jsonl").assert_floors(
        "dev.jsonl",
        &[
            ("figure", 0.97, 0.97),
            ("date", 0.97, 0.95),
            ("quote", 0.97, 0.93),
        ],
        true,
    );
    score_gold_set("tests/data/corpus/tuning.jsonl").assert_floors(
        "tuning.jsonl",
        &TUNING_FLOORS,
        true,
    );
}

/// Floors on the newer tuning articles (see the corpus README), set for all 75 of them:
/// the 16 added as tune3, the 17 added as tune4 and the 10 added as tune5 were scored as
/// they arrived, before any rule was written against them, which is why these sit under
/// the floors the first 32 held. Raised with the rules written against the tune5 misses.
const TUNING_FLOORS: [(&str, f64, f64); 3] = [
    ("figure", 0.97, 0.99),
    ("date", 0.98, 0.97),
    ("quote", 0.98, 0.94),
];

/// The held-out set: texts nobody read while writing rules. Its misses are not printed,
/// so a failure here cannot turn into rules fitted to it.
#[test]
fn validation_set_meets_the_floors() {
    score_gold_set("tests/data/corpus/validation.jsonl").assert_floors(
        "validation.jsonl",
        &VALIDATION_FLOORS,
        false,
    );
}

/// Floors on the held-out set, just under the scores reached. The project's bars are
/// higher (F1 0.95 per kind, figure values 0.97, date values 0.93, speakers 0.92); a floor
/// only rises when the engine reaches it on texts it was not fitted to. Set for all 65
/// articles: the 12 added as val2 score lower on figures and speakers than the first 40,
/// the 6 added as val3 lower on figures (extra figures the guidelines do not count), and
/// the 7 added as val4 sit within them.
const VALIDATION_FLOORS: [(&str, f64, f64); 3] = [
    ("figure", 0.92, 0.99),
    ("date", 0.95, 0.92),
    ("quote", 0.96, 0.84),
];

// ----------------------------------------------------------------- output shapes

#[test]
fn json_output_lists_claims_with_offsets_into_the_file() {
    let sample = repo_file("samples/seed-stoltenberg-kyiv.txt");
    let out = run(factdesk()
        .args(["extract", "--format", "json", "--published", "2023-04-20"])
        .arg(&sample));
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).expect("output is one JSON document");
    let text = std::fs::read(&sample).unwrap();
    let claims = v["claims"].as_array().expect("a claims list");
    assert!(!claims.is_empty(), "the sample article has claims");
    for c in claims {
        for field in [
            "kind", "start", "end", "text", "value", "speaker", "sentence",
        ] {
            assert!(c.get(field).is_some(), "every claim has {field}: {c}");
        }
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &text[s..e],
            c["text"].as_str().unwrap().as_bytes(),
            "text is the byte slice"
        );
    }
}

#[test]
fn table_output_reads_standard_input() {
    let mut child = factdesk()
        .args(["extract", "--published", "2023-04-20", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"The US announced a $325 million package on Tuesday.")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("$325 million"),
        "the figure is listed: {table}"
    );
    assert!(
        table.trim_end().ends_with("claims"),
        "a count closes the table: {table}"
    );
}

#[test]
fn an_empty_file_has_no_claims() {
    let dir = tempdir();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let out = run(factdesk().args(["extract", "--format", "json"]).arg(&empty));
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["claims"].as_array().map(Vec::len), Some(0));
}

// ----------------------------------------------------------------- bad input

fn tempdir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "factdesk-extract-test-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs extract on `path`, expects failure with one line naming `path` and `problem`.
fn assert_refused(path: &Path, problem: &str) {
    let out = run(factdesk().arg("extract").arg(path));
    assert!(!out.status.success(), "{} must be refused", path.display());
    let err = stderr(&out);
    assert!(
        err.contains(&path.display().to_string()),
        "error names the file: {err}"
    );
    assert!(err.contains(problem), "error says {problem:?}: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one clear line: {err}");
    assert!(out.stdout.is_empty(), "no partial output on error");
}

#[test]
fn bad_inputs_get_one_clear_line_naming_them() {
    let dir = tempdir();
    assert_refused(&dir.join("missing.txt"), "no such file");
    assert_refused(&dir, "is a directory");
    let binary = dir.join("photo.txt");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0, 0, 0, 13]).unwrap();
    assert_refused(&binary, "binary");
    let latin1 = dir.join("latin1.txt");
    std::fs::write(&latin1, b"Caf\xe9 prices rose 10% on Monday.").unwrap();
    assert_refused(&latin1, "not UTF-8");
}

#[test]
fn a_bad_publication_date_is_refused() {
    let out = run(factdesk()
        .args(["extract", "--published", "2023-02-30"])
        .arg(repo_file("samples/seed-stoltenberg-kyiv.txt")));
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("2023-02-30"),
        "names the bad date: {}",
        stderr(&out)
    );
}

#[test]
fn a_bad_batch_line_names_file_and_line() {
    let dir = tempdir();
    let batch = dir.join("docs.jsonl");
    std::fs::write(
        &batch,
        "{\"doc\":\"a\",\"text\":\"Ten people came.\",\"published\":null}\n{\"doc\":\"b\",\"txt\":1}\n",
    )
    .unwrap();
    let out = run(factdesk().arg("extract").arg("--batch").arg(&batch));
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}:2:", batch.display())),
        "names file and line 2: {err}"
    );
}

#[test]
fn a_50_megabyte_article_is_extracted() {
    let dir = tempdir();
    let big = dir.join("big.txt");
    let sample = std::fs::read_to_string(repo_file("samples/seed-stoltenberg-kyiv.txt")).unwrap();
    let copies = 50_000_000 / sample.len() + 1;
    let mut text = String::with_capacity(copies * (sample.len() + 2));
    for _ in 0..copies {
        text.push_str(&sample);
        text.push_str("\n\n");
    }
    std::fs::write(&big, &text).unwrap();
    let small = run(factdesk()
        .args(["extract", "--format", "json"])
        .arg(repo_file("samples/seed-stoltenberg-kyiv.txt")));
    let per_copy = serde_json::from_slice::<Value>(&small.stdout).unwrap()["claims"]
        .as_array()
        .unwrap()
        .len();
    let out = run(factdesk().args(["extract", "--format", "json"]).arg(&big));
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).expect("valid JSON for a huge article");
    let n = v["claims"].as_array().unwrap().len();
    assert!(
        n >= per_copy * copies * 9 / 10,
        "every copy's claims are found: {n} for {copies} copies of {per_copy}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
