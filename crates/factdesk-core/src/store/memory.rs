//! Claim memory: for a claim, the earlier claims in the library (in other articles) that
//! state the same thing, with their verdicts, and those that state it differently.
//!
//! - Quotes are compared word by word after normalization (case, punctuation and ellipses
//!   ignored). The same words are "seen before"; a run of at least [`FRAGMENT_WORDS`] words
//!   found whole inside the other quote (a partial quote) is too. A near-identical quote
//!   with changed words is a misquote, with a word-level diff; the same words attributed to
//!   another speaker are flagged.
//! - Figures are compared by amount and unit about the same subject: the words around the
//!   figure in its sentence. The same amount is "seen before"; another amount about the
//!   same subject is "said differently".
//! - Dates likewise: the same subject dated the same is "seen before", dated otherwise is
//!   "said differently".
//!
//! Candidates come from the `claim_memory` key table (a hash of a quote's words and of
//! every four-word run; a figure's unit with each subject word; a date's subject words),
//! read newest first with a cap per key, so a lookup costs the same at any library size.
//! [`Store::similar`] adds BM25 ranking on the claims' full-text index for free text.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::StoreError;
use super::{check_reviewer, claims, history, verdicts, Kind, NewSource, Result, Store};
use crate::claim::{ClaimKind, ClaimValue};
use crate::review::ReviewedClaim;

/// Quotes shorter than this many words are not remembered: short phrases ("a disaster")
/// recur in unrelated stories.
pub const QUOTE_WORDS: usize = 4;

/// The shortest partial quote that counts as the same words as a longer quote.
pub const FRAGMENT_WORDS: usize = 6;

/// Words in a run hashed as a quote key.
const SHINGLE: usize = 4;

/// Every how many words a stored quote's run of four starts: with runs of four, any
/// [`FRAGMENT_WORDS`] words in a row hold a stored run.
const STRIDE: usize = FRAGMENT_WORDS - SHINGLE + 1;

/// Candidates read per key, newest first.
const PER_KEY: usize = 48;

/// Candidates compared in full per claim.
const COMPARED: usize = 96;

/// How an earlier claim relates to the claim looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The same words (quote), the same amount and unit about the same subject (figure), or
    /// the same date for the same subject (date).
    Same,
    /// A quote whose words lie whole inside the other's: a partial quote of it, or the
    /// longer quote a partial one was cut from.
    Fragment,
    /// A near-identical quote with words changed (see the diff).
    Misquote,
    /// A figure with another amount, or a date with another day, about the same subject.
    Differs,
}

/// One step of a word-level diff from an earlier quote to this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffOp {
    /// Words in both.
    Same,
    /// Words the earlier quote has and this one does not.
    Removed,
    /// Words this quote has and the earlier one does not.
    Added,
}

/// A run of words of a diff, normalized (lower case, no punctuation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordDiff {
    /// Kept, removed or added.
    pub op: DiffOp,
    /// The words, separated by spaces.
    pub words: String,
}

/// An earlier claim that states what a claim states, or states it differently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemoryMatch {
    /// How it relates to the claim looked up.
    pub relation: Relation,
    /// For quotes: the earlier quote names a different speaker.
    pub other_speaker: bool,
    /// From 0 to 1, higher is closer.
    pub score: f64,
    /// The earlier claim with its verdict, note, reviewer and sources.
    pub claim: ReviewedClaim,
    /// The title of its article.
    pub article_title: String,
    /// For a misquote: from the earlier quote's words to this one's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diff: Vec<WordDiff>,
}

impl MemoryMatch {
    /// True when the earlier claim states the same thing: the same words by the same
    /// speaker (or a partial quote of them), the same figure or the same date.
    pub fn seen_before(&self) -> bool {
        matches!(self.relation, Relation::Same | Relation::Fragment) && !self.other_speaker
    }
}

/// What the library remembers about one claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimMemory {
    /// The claim looked up.
    pub claim_id: String,
    /// Earlier claims stating the same thing, best first.
    pub seen_before: Vec<MemoryMatch>,
    /// Earlier claims stating it differently (misquotes, another speaker, another amount
    /// or date), best first.
    pub said_differently: Vec<MemoryMatch>,
}

/// A claim of the library ranked against a free text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimilarHit {
    /// From 0 to 1, higher is closer: the share of the claim's words (or, for figures and
    /// dates, of its subject) the text has, 1 for a quote found whole.
    pub score: f64,
    /// How it was found: "quote" (its words), "figure" or "date" (its value and subject,
    /// with `relation` saying whether the value is the same), or "text" (full-text
    /// ranking of its sentence's words).
    pub via: String,
    /// For "quote", "figure" and "date": same, fragment, misquote or differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<Relation>,
    /// The claim with its verdict, note, reviewer and sources.
    pub claim: ReviewedClaim,
    /// The title of its article.
    pub article_title: String,
    /// The sentence the claim stands in.
    pub sentence: String,
}

/// Words of `s`, lower case, split at anything not a letter or digit.
pub(crate) fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Words that say nothing about what a figure or date is about.
const STOP: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "an", "and", "any", "are", "around", "as", "at",
    "be", "been", "before", "but", "by", "can", "could", "did", "do", "does", "during", "each",
    "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in", "into", "is", "it",
    "its", "least", "less", "like", "more", "most", "nearly", "no", "not", "of", "on", "one", "or",
    "other", "our", "out", "over", "per", "s", "said", "says", "she", "so", "some", "than", "that",
    "the", "their", "them", "there", "these", "they", "this", "those", "to", "under", "up", "upon",
    "was", "we", "were", "what", "when", "which", "while", "who", "will", "with", "would", "you",
];

fn is_number(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
}

/// Up to three content words, nearest first, from `ws` walked in order, stopping at a
/// number (another figure's words are not this one's subject).
fn nearest(ws: impl Iterator<Item = String>, out: &mut Vec<String>) {
    let mut n = 0;
    for w in ws {
        if is_number(&w) {
            break;
        }
        if w.chars().count() < 2 || STOP.contains(&w.as_str()) {
            continue;
        }
        out.push(w);
        n += 1;
        if n == 3 {
            break;
        }
    }
}

/// What a figure or date is about: the content words of its own text and the three
/// nearest on each side within its sentence, taken from the claim's anchor context.
#[allow(clippy::too_many_arguments)]
fn subject(
    text: &str,
    prefix: &str,
    suffix: &str,
    start: usize,
    end: usize,
    sentence_start: usize,
    sentence_end: usize,
) -> Vec<String> {
    let before = match start.checked_sub(sentence_start) {
        Some(inside) if inside < prefix.len() => {
            let cut = prefix.len() - inside;
            prefix.get(cut..).unwrap_or(prefix)
        }
        Some(_) => prefix,
        None => "",
    };
    let after = match sentence_end.checked_sub(end) {
        Some(inside) if inside < suffix.len() => suffix.get(..inside).unwrap_or(suffix),
        Some(_) => suffix,
        None => "",
    };
    let mut out = Vec::new();
    for w in words(text) {
        if !is_number(&w) && w.chars().count() >= 2 && !STOP.contains(&w.as_str()) {
            out.push(w);
        }
    }
    nearest(words(before).into_iter().rev(), &mut out);
    nearest(words(after).into_iter(), &mut out);
    out.sort();
    out.dedup();
    out
}

/// A stable 64-bit hash (FNV-1a) of a tag and words: the same in every build.
fn hash(tag: &str, parts: &[&str]) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    for b in tag.bytes() {
        eat(b);
    }
    for p in parts {
        eat(0x1f);
        for b in p.bytes() {
            eat(b);
        }
    }
    h as i64
}

/// What the memory compares of a claim.
#[derive(Debug, Clone)]
struct Facts {
    row: i64,
    article: i64,
    kind: ClaimKind,
    words: Vec<String>,
    speaker: Option<String>,
    value: Option<ClaimValue>,
    subject: Vec<String>,
}

impl Facts {
    fn unit(&self) -> &str {
        match &self.value {
            Some(ClaimValue::Figure(f)) => f.unit.as_deref().unwrap_or(""),
            _ => "",
        }
    }

    /// The keys this claim is stored under (`stored`), or looked up by. A quote is stored
    /// under every third run of four words and its last (any six words in a row hold one
    /// of them) and looks up every run, so a partial quote of six words or more finds the
    /// whole and the whole its parts, with a third of the rows.
    fn keys(&self, stored: bool) -> Vec<i64> {
        let mut keys = Vec::new();
        match self.kind {
            ClaimKind::Quote => {
                if self.words.len() >= QUOTE_WORDS {
                    let all: Vec<&str> = self.words.iter().map(String::as_str).collect();
                    keys.push(hash("q", &[&all.join(" ")]));
                    let last = all.len() - SHINGLE;
                    for (i, run) in all.windows(SHINGLE).enumerate() {
                        if !stored || i % STRIDE == 0 || i == last {
                            keys.push(hash("q4", run));
                        }
                    }
                }
            }
            ClaimKind::Figure => {
                if matches!(&self.value, Some(ClaimValue::Figure(f)) if f.amount.is_some()) {
                    for w in &self.subject {
                        keys.push(hash("f", &[self.unit(), w]));
                    }
                }
            }
            ClaimKind::Date => {
                if matches!(&self.value, Some(ClaimValue::Date(d)) if d.iso.is_some()) {
                    for w in &self.subject {
                        keys.push(hash("d", &[w]));
                    }
                }
            }
        }
        keys.sort_unstable();
        keys.dedup();
        keys
    }
}

const FACTS_SELECT: &str = "SELECT c.id, c.article_id, c.kind, c.text, c.speaker, c.value, \
     c.prefix, c.suffix, c.start_byte, c.end_byte, c.sentence_start, c.sentence_end, \
     c.dismissed FROM claim c";

fn facts_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Facts, bool)> {
    let kind: ClaimKind = r.get::<_, String>(2)?.parse().unwrap_or(ClaimKind::Figure);
    let text: String = r.get(3)?;
    let value = r
        .get::<_, Option<String>>(5)?
        .and_then(|v| claims::parse_value(kind, &v).ok());
    let prefix: String = r.get(6)?;
    let suffix: String = r.get(7)?;
    let subject = if kind == ClaimKind::Quote {
        Vec::new()
    } else {
        subject(
            &text,
            &prefix,
            &suffix,
            r.get(8)?,
            r.get(9)?,
            r.get(10)?,
            r.get(11)?,
        )
    };
    Ok((
        Facts {
            row: r.get(0)?,
            article: r.get(1)?,
            kind,
            words: words(&text),
            speaker: r.get(4)?,
            value,
            subject,
        },
        r.get(12)?,
    ))
}

fn load_facts(conn: &Connection, row: i64) -> Result<Option<(Facts, bool)>> {
    Ok(conn
        .prepare_cached(&format!("{FACTS_SELECT} WHERE c.id = ?1"))?
        .query_row([row], facts_row)
        .optional()?)
}

/// Writes claim row `row`'s keys afresh (after it is stored, moved or its value changed).
pub(crate) fn index_claim(conn: &Connection, row: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM claim_memory WHERE claim_id = ?1")?
        .execute([row])?;
    let Some((facts, _)) = load_facts(conn, row)? else {
        return Ok(());
    };
    let mut insert =
        conn.prepare_cached("INSERT OR IGNORE INTO claim_memory (key, claim_id) VALUES (?1, ?2)")?;
    for key in facts.keys(true) {
        insert.execute(params![key, row])?;
    }
    Ok(())
}

/// Claims given their keys per transaction while a database from an earlier version is
/// brought up to date: small enough that another writer waits well under the busy
/// timeout, large enough that the whole job is not slowed by commits.
const BACKFILL_BATCH: i64 = 20_000;

/// Gives every claim stored before claim memory existed its keys, once, when a database
/// from an earlier version is first opened. The work is done in batches of
/// [`BACKFILL_BATCH`] claims, each its own transaction that records how far it got, so
/// other programs can write in between and an interrupted run resumes where it stopped.
pub(crate) fn backfill(conn: &mut Connection) -> Result<()> {
    loop {
        let since: Option<i64> =
            conn.query_row("SELECT max(since) FROM claim_memory_pending", [], |r| {
                r.get(0)
            })?;
        let Some(since) = since else {
            return Ok(());
        };
        let tx = conn.transaction()?;
        let rows: Vec<i64> = tx
            .prepare("SELECT id FROM claim WHERE id > ?1 ORDER BY id LIMIT ?2")?
            .query_map(params![since, BACKFILL_BATCH], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        match rows.last() {
            None => {
                tx.execute("DELETE FROM claim_memory_pending", [])?;
            }
            Some(&last) => {
                for &row in &rows {
                    index_claim(&tx, row)?;
                }
                tx.execute("UPDATE claim_memory_pending SET since = ?1", [last])?;
            }
        }
        tx.commit()?;
    }
}

/// Longest common subsequence of two word lists as diff steps, from `a` to `b`.
fn diff(a: &[String], b: &[String]) -> Vec<(DiffOp, usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut t = vec![0u16; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[at(i, j)] = if a[i] == b[j] {
                t[at(i + 1, j + 1)] + 1
            } else {
                t[at(i + 1, j)].max(t[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push((DiffOp::Same, i, j));
            i += 1;
            j += 1;
        } else if i < n && (j == m || t[at(i + 1, j)] >= t[at(i, j + 1)]) {
            out.push((DiffOp::Removed, i, j));
            i += 1;
        } else {
            out.push((DiffOp::Added, i, j));
            j += 1;
        }
    }
    out
}

/// True when `part` lies whole, in order and contiguous, inside `whole`.
fn contains_run(whole: &[String], part: &[String]) -> bool {
    !part.is_empty() && whole.windows(part.len()).any(|w| w == part)
}

/// How the earlier quote `old` relates to `new`: relation, score and (for a misquote) the
/// diff over the stretch the two share.
fn compare_quotes(new: &[String], old: &[String]) -> Option<(Relation, f64, Vec<WordDiff>)> {
    if new.len() < QUOTE_WORDS || old.len() < QUOTE_WORDS {
        return None;
    }
    if new == old {
        return Some((Relation::Same, 1.0, Vec::new()));
    }
    let (short, long) = if new.len() <= old.len() {
        (new, old)
    } else {
        (old, new)
    };
    if short.len() >= FRAGMENT_WORDS && contains_run(long, short) {
        let share = short.len() as f64 / long.len() as f64;
        return Some((Relation::Fragment, 0.8 + 0.2 * share, Vec::new()));
    }
    let steps = diff(old, new);
    let common = steps.iter().filter(|s| s.0 == DiffOp::Same).count();
    if short.len() < FRAGMENT_WORDS.min(new.len().max(old.len()))
        || (common as f64) < 0.75 * short.len() as f64
        || short.len() - common > 4
    {
        return None;
    }
    let first = steps.iter().position(|s| s.0 == DiffOp::Same)?;
    let last = steps.iter().rposition(|s| s.0 == DiffOp::Same)?;
    let mut out: Vec<WordDiff> = Vec::new();
    for &(op, i, j) in &steps[first..=last] {
        let w = if op == DiffOp::Removed {
            &old[i]
        } else {
            &new[j]
        };
        match out.last_mut() {
            Some(d) if d.op == op => {
                d.words.push(' ');
                d.words.push_str(w);
            }
            _ => out.push(WordDiff {
                op,
                words: w.clone(),
            }),
        }
    }
    if out.iter().all(|d| d.op == DiffOp::Same) {
        return None;
    }
    let changed = out.iter().filter(|d| d.op != DiffOp::Same).count();
    let score = common as f64 / long.len() as f64;
    (changed > 0).then_some((Relation::Misquote, score, out))
}

/// True when two speakers may be the same person: either unnamed, the same last name, or
/// one name's words all in the other's.
fn same_speaker(a: Option<&str>, b: Option<&str>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() || wb.is_empty() {
        return true;
    }
    wa.last() == wb.last() || wa.iter().all(|w| wb.contains(w)) || wb.iter().all(|w| wa.contains(w))
}

/// Share of subject words two claims have in common (Jaccard), and how many.
fn overlap(a: &[String], b: &[String]) -> (f64, usize) {
    let sa: HashSet<&String> = a.iter().collect();
    let shared = b.iter().filter(|w| sa.contains(w)).count();
    let union = sa.len() + b.len() - shared;
    if union == 0 {
        return (0.0, 0);
    }
    (shared as f64 / union as f64, shared)
}

fn same_amount(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0),
        (None, None) => true,
        _ => false,
    }
}

/// A comparison's outcome: relation, other speaker, score, word diff.
type Compared = (Relation, bool, f64, Vec<WordDiff>);

/// A free-text candidate's best score, how it was found and its relation.
type Offered = (f64, String, Option<Relation>);

/// How the earlier claim `old` relates to `new`, with a score; `None` when it states
/// something else.
fn compare(new: &Facts, old: &Facts) -> Option<Compared> {
    if new.kind != old.kind {
        return None;
    }
    match new.kind {
        ClaimKind::Quote => {
            let (relation, score, diff) = compare_quotes(&new.words, &old.words)?;
            let other = !same_speaker(new.speaker.as_deref(), old.speaker.as_deref());
            Some((relation, other, score, diff))
        }
        ClaimKind::Figure | ClaimKind::Date => {
            let (share, shared) = overlap(&new.subject, &old.subject);
            let enough = share >= 0.5 && (shared >= 2 || share >= 0.99);
            if !enough {
                return None;
            }
            let same = match (&new.value, &old.value) {
                (Some(ClaimValue::Figure(a)), Some(ClaimValue::Figure(b))) => {
                    if a.unit != b.unit || a.amount.is_none() || b.amount.is_none() {
                        return None;
                    }
                    same_amount(a.amount, b.amount) && same_amount(a.upper, b.upper)
                }
                (Some(ClaimValue::Date(a)), Some(ClaimValue::Date(b))) => match (&a.iso, &b.iso) {
                    (Some(x), Some(y)) => x == y,
                    _ => return None,
                },
                _ => return None,
            };
            let relation = if same {
                Relation::Same
            } else {
                Relation::Differs
            };
            Some((relation, false, 0.5 + 0.5 * share, Vec::new()))
        }
    }
}

/// Claim rows sharing a key with `facts`, earlier than `before` (all when `None`), most
/// shared keys first, at most [`COMPARED`].
fn candidates(conn: &Connection, keys: &[i64], before: Option<i64>) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT claim_id FROM claim_memory WHERE key = ?1 AND claim_id < ?2 \
         ORDER BY claim_id DESC LIMIT ?3",
    )?;
    let mut count: HashMap<i64, usize> = HashMap::new();
    for key in keys {
        let rows = stmt.query_map(
            params![key, before.unwrap_or(i64::MAX), PER_KEY as i64],
            |r| r.get::<_, i64>(0),
        )?;
        for row in rows {
            *count.entry(row?).or_default() += 1;
        }
    }
    let mut out: Vec<(i64, usize)> = count.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    out.truncate(COMPARED);
    Ok(out.into_iter().map(|(row, _)| row).collect())
}

/// The claim at `row` with its sources and its article's title.
fn shown(conn: &Connection, row: i64) -> Result<(ReviewedClaim, String)> {
    let claim = claims::load_claim(conn, row, &Kind::Claim.id(row))?;
    let title: String = conn
        .prepare_cached(
            "SELECT a.title FROM claim c JOIN article a ON a.id = c.article_id WHERE c.id = ?1",
        )?
        .query_row([row], |r| r.get(0))?;
    Ok((claim, title))
}

/// What the library remembers about `facts`: earlier claims in other articles.
fn recall(conn: &Connection, facts: &Facts, limit: usize) -> Result<ClaimMemory> {
    let keys = facts.keys(false);
    let mut seen = Vec::new();
    let mut differently = Vec::new();
    for row in candidates(conn, &keys, Some(facts.row))? {
        let Some((old, dismissed)) = load_facts(conn, row)? else {
            continue;
        };
        if dismissed || old.article == facts.article {
            continue;
        }
        if let Some(found) = compare(facts, &old) {
            let m = (row, found);
            let same = matches!(m.1 .0, Relation::Same | Relation::Fragment) && !m.1 .1;
            if same {
                seen.push(m);
            } else {
                differently.push(m);
            }
        }
    }
    let finish = |mut list: Vec<(i64, Compared)>| {
        list.sort_by(|a, b| b.1 .2.total_cmp(&a.1 .2).then(b.0.cmp(&a.0)));
        list.truncate(limit);
        list.into_iter()
            .map(|(row, (relation, other_speaker, score, diff))| {
                let (claim, article_title) = shown(conn, row)?;
                Ok(MemoryMatch {
                    relation,
                    other_speaker,
                    score,
                    claim,
                    article_title,
                    diff,
                })
            })
            .collect::<Result<Vec<_>>>()
    };
    let seen_before = finish(seen)?;
    let said_differently = finish(differently)?;
    Ok(ClaimMemory {
        claim_id: Kind::Claim.id(facts.row),
        seen_before,
        said_differently,
    })
}

/// Makes the facts of a claim not stored (for free text): its words, value and subject.
fn loose_facts(claim: &crate::claim::Claim, text: &str) -> Facts {
    let anchor = super::TextQuoteAnchor::new(text, claim.span());
    let subject = if claim.kind == ClaimKind::Quote {
        Vec::new()
    } else {
        subject(
            &claim.text,
            &anchor.prefix,
            &anchor.suffix,
            claim.start,
            claim.end,
            claim.sentence.start,
            claim.sentence.end,
        )
    };
    Facts {
        row: i64::MAX,
        article: 0,
        kind: claim.kind,
        words: words(&claim.text),
        speaker: claim.speaker.clone(),
        value: claim.value.clone(),
        subject,
    }
}

impl Store {
    /// What the library remembers about a claim: the earlier claims (stored before it, in
    /// other articles, not dismissed) that state the same thing ("seen before", with their
    /// verdicts, notes, sources and reviewers) and those that state it differently
    /// (misquotes with a word diff, the same words by another speaker, another amount or
    /// date for the same subject). At most `limit` of each, best first.
    pub fn memory(&self, claim_id: &str, limit: usize) -> Result<ClaimMemory> {
        let key = Kind::Claim.key(claim_id)?;
        let tx = self.read()?;
        let (facts, _) = load_facts(&tx, key)?.ok_or_else(|| Kind::Claim.missing(claim_id))?;
        recall(&tx, &facts, limit)
    }

    /// [`Store::memory`] for every claim of an article not dismissed, in document order.
    pub fn article_memory(&self, article_id: &str, limit: usize) -> Result<Vec<ClaimMemory>> {
        let key = Kind::Article.key(article_id)?;
        let tx = self.read()?;
        super::articles::article_exists(&tx, key, article_id)?;
        let rows: Vec<i64> = tx
            .prepare_cached(
                "SELECT id FROM claim WHERE article_id = ?1 AND dismissed = 0 \
                 ORDER BY start_byte, end_byte, id",
            )?
            .query_map([key], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            if let Some((facts, _)) = load_facts(&tx, row)? {
                out.push(recall(&tx, &facts, limit)?);
            }
        }
        Ok(out)
    }

    /// The library's claims ranked against any text (a post, a sentence from a
    /// broadcast): quotes whose words the text repeats (whole, in part or changed), figures
    /// and dates the text states about the same subject (read by the claim engine), then
    /// claims whose sentences share the text's rarer words (BM25 on the claims' full-text
    /// index, among the newest matches). Best first, at most `limit`, dismissed claims left
    /// out.
    pub fn similar(&self, text: &str, limit: usize) -> Result<Vec<SimilarHit>> {
        let ws = words(text);
        if ws.is_empty() {
            return Err(StoreError::Invalid(format!(
                "nothing to compare in {text:?}: give some words"
            )));
        }
        let tx = self.read()?;
        let mut best: HashMap<i64, Offered> = HashMap::new();
        let mut offer = |row: i64, score: f64, via: &str, rel: Option<Relation>| {
            let e = best.entry(row).or_insert((-1.0, String::new(), None));
            if score > e.0 {
                *e = (score, via.to_string(), rel);
            }
        };
        // Quotes: runs of the text's words.
        let all: Vec<&str> = ws.iter().map(String::as_str).collect();
        let mut keys: Vec<i64> = all.windows(SHINGLE).map(|r| hash("q4", r)).collect();
        if all.len() >= QUOTE_WORDS {
            keys.push(hash("q", &[&all.join(" ")]));
        }
        keys.sort_unstable();
        keys.dedup();
        for row in candidates(&tx, &keys, None)? {
            let Some((old, dismissed)) = load_facts(&tx, row)? else {
                continue;
            };
            if dismissed || old.kind != ClaimKind::Quote {
                continue;
            }
            if contains_run(&ws, &old.words) {
                offer(row, 1.0, "quote", Some(Relation::Same));
            } else if let Some((rel, score, _)) = compare_quotes(&ws, &old.words) {
                offer(row, score, "quote", Some(rel));
            } else {
                let steps = diff(&old.words, &ws);
                let common = steps.iter().filter(|s| s.0 == DiffOp::Same).count();
                let share = common as f64 / old.words.len().max(1) as f64;
                if share >= 0.5 {
                    offer(row, 0.9 * share, "quote", Some(Relation::Misquote));
                }
            }
        }
        // Figures and dates the text states.
        for claim in crate::extract::extract(text, None) {
            if claim.kind == ClaimKind::Quote {
                continue;
            }
            let facts = loose_facts(&claim, text);
            for row in candidates(&tx, &facts.keys(false), None)? {
                let Some((old, dismissed)) = load_facts(&tx, row)? else {
                    continue;
                };
                if dismissed {
                    continue;
                }
                if let Some((rel, _, score, _)) = compare(&facts, &old) {
                    let via = claim.kind.as_str();
                    let score = if rel == Relation::Same {
                        score
                    } else {
                        score * 0.9
                    };
                    offer(row, score, via, Some(rel));
                }
            }
        }
        // Full text: the text's longest words, any of them, BM25 among the newest matches.
        let mut content: Vec<&String> = ws
            .iter()
            .filter(|w| w.chars().count() >= 3 && !STOP.contains(&w.as_str()))
            .collect();
        content.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        content.dedup();
        content.truncate(8);
        if !content.is_empty() {
            let fts = content
                .iter()
                .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(" OR ");
            let mut stmt = tx.prepare_cached(
                "SELECT rowid, bm25(claim_fts) FROM claim_fts WHERE claim_fts MATCH ?1 \
                 ORDER BY rowid DESC LIMIT ?2",
            )?;
            let mut hits: Vec<(i64, f64)> = stmt
                .query_map(params![format!("text : ({fts})"), 2000], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            hits.sort_by(|a, b| a.1.total_cmp(&b.1));
            hits.truncate(limit.max(1) * 4);
            let have: HashSet<&String> = ws.iter().collect();
            for (row, _) in hits {
                let Some((old, dismissed)) = load_facts(&tx, row)? else {
                    continue;
                };
                if dismissed || old.words.is_empty() {
                    continue;
                }
                let found = old.words.iter().filter(|w| have.contains(w)).count();
                let share = found as f64 / old.words.len() as f64;
                offer(row, 0.8 * share, "text", None);
            }
        }
        let mut ranked: Vec<(i64, Offered)> = best.into_iter().collect();
        ranked.sort_by(|a, b| b.1 .0.total_cmp(&a.1 .0).then(b.0.cmp(&a.0)));
        ranked.truncate(limit);
        let mut out = Vec::with_capacity(ranked.len());
        for (row, (score, via, relation)) in ranked {
            let (claim, article_title) = shown(&tx, row)?;
            let sentence: String = tx
                .prepare_cached(
                    "SELECT substr(a.text, c.sentence_start + 1, c.sentence_end - c.sentence_start) \
                     FROM claim c JOIN article a ON a.id = c.article_id WHERE c.id = ?1",
                )?
                .query_row([row], |r| r.get::<_, Option<String>>(0))?
                .unwrap_or_default();
            out.push(SimilarHit {
                score,
                via,
                relation,
                claim,
                article_title,
                sentence,
            });
        }
        Ok(out)
    }

    /// Gives a claim the verdict of an earlier claim: its status, note and sources
    /// (copied as new sources of this claim), in one change recorded in the history with a
    /// "reused" event naming the claim they came from (`{"from": "c7"}`). Undone like any
    /// other change. Returns the claim as it is now.
    pub fn reuse_verdict(
        &mut self,
        claim_id: &str,
        from_id: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<ReviewedClaim> {
        check_reviewer(by)?;
        let key = Kind::Claim.key(claim_id)?;
        let from = Kind::Claim.key(from_id)?;
        if key == from {
            return Err(StoreError::Invalid(format!(
                "{claim_id} cannot reuse its own verdict"
            )));
        }
        let tx = self.conn.transaction()?;
        let now = claims::load_claim(&tx, key, claim_id)?;
        let earlier = claims::load_claim(&tx, from, from_id)?;
        if !earlier.status.is_checked() && earlier.note.is_none() && earlier.sources.is_empty() {
            return Err(StoreError::Invalid(format!(
                "{} has no verdict, note or source to reuse",
                earlier.id
            )));
        }
        let change = history::next_change(&tx)?;
        history::record(
            &tx,
            key,
            change,
            by,
            at,
            "reused",
            &Value::Null,
            &json!({"from": earlier.id, "status": earlier.status, "reviewer": earlier.reviewer}),
            None,
        )?;
        let new_sources: Vec<NewSource> = earlier
            .sources
            .iter()
            .filter(|s| {
                !now.sources
                    .iter()
                    .any(|n| n.url == s.url && n.citation == s.citation)
            })
            .map(|s| NewSource {
                url: s.url.clone(),
                citation: s.citation.clone(),
                title: s.title.clone(),
                shows: s.shows.clone(),
                accessed: s.accessed,
            })
            .collect();
        verdicts::apply(
            &tx,
            key,
            change,
            Some(earlier.status),
            earlier.note.as_deref(),
            &new_sources,
            by,
            at,
        )?;
        let out = claims::load_claim(&tx, key, claim_id)?;
        tx.commit()?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn quotes_compare_across_case_punctuation_fragments_and_changed_words() {
        let q = w("We will not back down... not now, not ever.");
        assert_eq!(
            compare_quotes(&w("we will NOT back down - not now, not ever"), &q).map(|c| c.0),
            Some(Relation::Same)
        );
        assert_eq!(
            compare_quotes(&w("will not back down. Not now"), &q).map(|c| c.0),
            Some(Relation::Fragment)
        );
        let (rel, _, diff) =
            compare_quotes(&w("We will not step down, not now, not ever"), &q).unwrap();
        assert_eq!(rel, Relation::Misquote);
        assert!(diff
            .iter()
            .any(|d| d.op == DiffOp::Removed && d.words == "back"));
        assert!(diff
            .iter()
            .any(|d| d.op == DiffOp::Added && d.words == "step"));
        assert!(compare_quotes(&w("the weather is fine today in Paris"), &q).is_none());
    }

    #[test]
    fn speakers_match_by_last_name_or_shared_words() {
        assert!(same_speaker(Some("Vladimir Putin"), Some("Putin")));
        assert!(same_speaker(None, Some("Putin")));
        assert!(!same_speaker(Some("Dmitry Peskov"), Some("Vladimir Putin")));
    }

    #[test]
    fn a_figures_subject_stops_at_the_next_number() {
        let s = "killing 107 or more and wounding 238, according to the Saudi authority";
        let start = s.find("238").unwrap();
        let sub = subject(
            "238",
            &s[..start],
            &s[start + 3..],
            start,
            start + 3,
            0,
            s.len(),
        );
        assert!(sub.contains(&"wounding".to_string()));
        assert!(!sub.contains(&"killing".to_string()));
    }

    fn library() -> (Store, Vec<ReviewedClaim>) {
        let mut store = Store::open_in_memory().unwrap();
        let at = chrono::Utc::now();
        let texts = [
            "The minister said \"We will not back down, not now and not ever.\" Officials \
             counted 15 billion dollars in damage to the roads.",
            "Later the minister repeated: \"We will not back down, not now and not ever.\" \
             Officials counted 12 billion dollars in damage to the roads.",
        ];
        let mut out = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            let claims = crate::extract(text, None);
            let imported = store
                .import_with_claims(
                    super::super::NewArticle {
                        title: format!("Story {i}"),
                        text: text.to_string(),
                        ..Default::default()
                    },
                    claims,
                    at,
                )
                .unwrap();
            out.extend(
                store
                    .claims(&imported.article.id, &super::super::ClaimFilter::default())
                    .unwrap(),
            );
        }
        (store, out)
    }

    fn find<'a>(claims: &'a [ReviewedClaim], article: &str, kind: ClaimKind) -> &'a ReviewedClaim {
        claims
            .iter()
            .find(|c| c.article_id == article && c.claim.kind == kind)
            .unwrap_or_else(|| panic!("a {kind} in {article}: {claims:#?}"))
    }

    #[test]
    fn a_repeated_quote_is_seen_before_and_another_amount_said_differently() {
        let (store, claims) = library();
        let quote = find(&claims, "a2", ClaimKind::Quote);
        let memory = store.memory(&quote.id, 10).unwrap();
        assert_eq!(memory.seen_before.len(), 1, "{memory:#?}");
        assert_eq!(memory.seen_before[0].claim.article_id, "a1");
        assert_eq!(memory.seen_before[0].article_title, "Story 0");
        let figure = find(&claims, "a2", ClaimKind::Figure);
        let memory = store.memory(&figure.id, 10).unwrap();
        assert!(memory.seen_before.is_empty(), "{memory:#?}");
        assert_eq!(memory.said_differently.len(), 1, "{memory:#?}");
        assert_eq!(memory.said_differently[0].relation, Relation::Differs);
        let first = find(&claims, "a1", ClaimKind::Quote);
        let earlier = store.memory(&first.id, 10).unwrap();
        assert!(
            earlier.seen_before.is_empty() && earlier.said_differently.is_empty(),
            "only earlier claims are remembered"
        );
        let all = store.article_memory("a2", 10).unwrap();
        assert_eq!(
            all.len(),
            store.claims("a2", &Default::default()).unwrap().len()
        );
    }

    #[test]
    fn a_reused_verdict_names_its_claim_in_the_history_and_is_undone_whole() {
        let (mut store, claims) = library();
        let at = chrono::Utc::now();
        let from = find(&claims, "a1", ClaimKind::Quote).id.clone();
        let to = find(&claims, "a2", ClaimKind::Quote).id.clone();
        store
            .mark(
                &from,
                &super::super::Mark {
                    status: Some(crate::review::Status::Verified),
                    note: Some("On the ministry's recording".into()),
                    source: Some(NewSource {
                        url: Some("https://example.org/recording".into()),
                        ..Default::default()
                    }),
                },
                "ana",
                at,
            )
            .unwrap();
        let reused = store.reuse_verdict(&to, &from, "ben", at).unwrap();
        assert_eq!(reused.status, crate::review::Status::Verified);
        assert_eq!(reused.note.as_deref(), Some("On the ministry's recording"));
        assert_eq!(reused.reviewer.as_deref(), Some("ben"));
        assert_eq!(reused.sources.len(), 1);
        let history = store.history(&to).unwrap();
        let marker = history.iter().find(|e| e.field == "reused").unwrap();
        assert_eq!(marker.after["from"], json!(from));
        assert_eq!(
            history.len(),
            4,
            "reused, status, note, source: {history:#?}"
        );
        let memory = store.memory(&to, 10).unwrap();
        assert_eq!(
            memory.seen_before[0].claim.status,
            crate::review::Status::Verified
        );

        let undone = store.undo_change(&to, "ben", at).unwrap();
        assert_eq!(undone.len(), 4);
        let back = store.claim(&to).unwrap();
        assert_eq!(back.status, crate::review::Status::Unchecked);
        assert_eq!(back.note, None);
        assert!(back.sources.is_empty());
        assert!(store.reuse_verdict(&to, &to, "ben", at).is_err());
        let blank = find(&claims, "a1", ClaimKind::Figure).id.clone();
        assert!(
            store.reuse_verdict(&to, &blank, "ben", at).is_err(),
            "an unchecked claim with nothing to give is refused"
        );
    }

    #[test]
    fn claims_stored_before_the_key_table_get_their_keys_on_open() {
        let (mut store, claims) = library();
        store.conn.execute("DELETE FROM claim_memory", []).unwrap();
        store
            .conn
            .execute("INSERT INTO claim_memory_pending (since) VALUES (0)", [])
            .unwrap();
        let quote = find(&claims, "a2", ClaimKind::Quote);
        assert!(store.memory(&quote.id, 10).unwrap().seen_before.is_empty());
        backfill(&mut store.conn).unwrap();
        assert_eq!(store.memory(&quote.id, 10).unwrap().seen_before.len(), 1);
        let pending: i64 = store
            .conn
            .query_row("SELECT count(*) FROM claim_memory_pending", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(pending, 0);
    }

    #[test]
    fn free_text_finds_the_quote_and_the_figure_it_repeats() {
        let (store, _) = library();
        let hits = store
            .similar(
                "BREAKING: minister says we will not back down not now and not ever",
                5,
            )
            .unwrap();
        assert_eq!(hits[0].via, "quote", "{hits:#?}");
        assert!(hits[0].score >= 0.99);
        let hits = store
            .similar(
                "Officials counted 15 billion dollars in damage to the roads",
                5,
            )
            .unwrap();
        let top = &hits[0];
        assert_eq!(
            (top.via.as_str(), top.relation),
            ("figure", Some(Relation::Same)),
            "{hits:#?}"
        );
        assert_eq!(top.claim.article_id, "a1");
        assert!(store.similar(" ... ", 5).is_err());
    }
}
