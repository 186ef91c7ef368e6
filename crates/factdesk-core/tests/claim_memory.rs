//! Claim memory on a library built from the development corpus: the 21 real articles with
//! their gold claims, then articles that repeat their quotes, figures and dates, some
//! untouched, some altered (words changed, another speaker, another amount or date, a
//! partial quote). Every planted case is made the same way from whatever claim it starts
//! from; no text is treated specially.
//!
//! Measured: precision and recall of "seen before", and the misquote and other-speaker
//! flags on every planted case. `cargo test -p factdesk-core --test claim_memory --
//! --nocapture` prints the figures.

use chrono::{NaiveDate, TimeZone, Utc};
use factdesk_core::store::{sentence_of, ClaimFilter, DiffOp, NewArticle, Relation, Store};
use factdesk_core::{Claim, ClaimKind, ClaimValue, DateValue, FigureValue, Span};
use serde::Deserialize;

#[derive(Deserialize)]
struct GoldLine {
    doc: String,
    text: String,
    published: Option<String>,
    claims: Vec<GoldClaim>,
}

#[derive(Deserialize)]
struct GoldClaim {
    kind: ClaimKind,
    text: String,
    start: usize,
    end: usize,
    value: Option<serde_json::Value>,
    speaker: Option<String>,
}

struct Doc {
    name: String,
    text: String,
    published: Option<NaiveDate>,
    claims: Vec<Claim>,
}

fn corpus() -> Vec<Doc> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/corpus/dev.jsonl"
    );
    let raw = std::fs::read_to_string(path).expect("the development corpus is in the repository");
    raw.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let g: GoldLine = serde_json::from_str(l).expect("corpus line parses");
            let claims = g
                .claims
                .iter()
                .map(|c| Claim {
                    kind: c.kind,
                    start: c.start,
                    end: c.end,
                    text: c.text.clone(),
                    value: c.value.as_ref().map(|v| match c.kind {
                        ClaimKind::Date => ClaimValue::Date(
                            serde_json::from_value::<DateValue>(v.clone()).unwrap(),
                        ),
                        _ => ClaimValue::Figure(
                            serde_json::from_value::<FigureValue>(v.clone()).unwrap(),
                        ),
                    }),
                    speaker: c.speaker.clone(),
                    cue: None,
                    sentence: sentence_of(&g.text, Span::new(c.start, c.end)),
                })
                .collect();
            Doc {
                name: g.doc,
                text: g.text,
                published: g
                    .published
                    .as_deref()
                    .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
                claims,
            }
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plant {
    Untouched,
    Fragment,
    ChangedWords,
    OtherSpeaker,
    ChangedValue,
}

/// A planted claim: where it came from and how it was made.
struct Planted {
    origin: (usize, usize),
    plant: Plant,
    claim: Claim,
    /// For changed words: the word taken out.
    removed: Option<String>,
}

fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Byte ranges of the words of `s`.
fn word_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                out.push((b, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(b) = start {
        out.push((b, s.len()));
    }
    out
}

/// A quote sentence around `quote`, the claim on it.
fn quote_sentence(quote: &str, speaker: Option<&str>) -> (String, Span) {
    let who = speaker.unwrap_or("A spokesperson");
    let sentence = format!("\"{quote},\" {who} said in an interview.");
    (sentence, Span::new(1, 1 + quote.len()))
}

/// The planted variant of gold claim `c` of `doc`, or `None` when the claim cannot be made
/// into that variant (then the caller plants it untouched).
fn plant(
    doc: &Doc,
    c: &Claim,
    how: Plant,
    speakers: &[String],
    n: usize,
) -> Option<(String, Claim, Option<String>)> {
    let sentence = &doc.text[c.sentence.start..c.sentence.end];
    let at = c.start - c.sentence.start;
    match (c.kind, how) {
        (ClaimKind::Quote, Plant::Untouched) => {
            // Every other one retyped: lower case, commas become ellipses.
            let quote = if (n / 4) % 2 == 1 {
                c.text.to_lowercase().replace(", ", "... ")
            } else {
                c.text.clone()
            };
            let (s, span) = quote_sentence(&quote, c.speaker.as_deref());
            Some((s, moved(c, span, &quote, None), None))
        }
        (ClaimKind::Quote, Plant::Fragment) => {
            let spans = word_spans(&c.text);
            if spans.len() < 9 {
                return None;
            }
            // Every other one the shortest partial quote remembered: six words.
            let len = if n % 8 < 4 {
                6
            } else {
                (spans.len() / 2).max(6)
            };
            let from = 1 + n % (spans.len() - len);
            let part = &c.text[spans[from].0..spans[from + len - 1].1];
            let (s, span) = quote_sentence(part, c.speaker.as_deref());
            Some((s, moved(c, span, part, None), None))
        }
        (ClaimKind::Quote, Plant::ChangedWords) => {
            let spans = word_spans(&c.text);
            let ws = words(&c.text);
            let lower: Vec<String> = ws.iter().map(|w| w.to_lowercase()).collect();
            let candidates: Vec<usize> = (1..spans.len().saturating_sub(1))
                .filter(|&i| ws[i].chars().count() >= 3)
                .collect();
            if candidates.is_empty() || spans.len() < 6 {
                return None;
            }
            let i = candidates[n % candidates.len()];
            let new_word = ["entirely", "never", "certainly", "formally", "quietly"]
                .into_iter()
                .find(|w| !lower.contains(&w.to_string()))?;
            let quote = format!(
                "{}{}{}",
                &c.text[..spans[i].0],
                new_word,
                &c.text[spans[i].1..]
            );
            let (s, span) = quote_sentence(&quote, c.speaker.as_deref());
            Some((s, moved(c, span, &quote, None), Some(ws[i].to_lowercase())))
        }
        (ClaimKind::Quote, Plant::OtherSpeaker) => {
            let mine = c.speaker.as_deref()?;
            let last = |s: &str| words(s).last().map(|w| w.to_lowercase());
            let other = speakers
                .iter()
                .cycle()
                .skip(n % speakers.len())
                .take(speakers.len())
                .find(|s| {
                    last(s) != last(mine) && !words(s).iter().any(|w| words(mine).contains(w))
                })?;
            let (s, span) = quote_sentence(&c.text, Some(other));
            let mut claim = moved(c, span, &c.text, None);
            claim.speaker = Some(other.clone());
            Some((s, claim, None))
        }
        (_, Plant::Untouched) => Some((
            sentence.to_string(),
            moved(c, Span::new(at, at + c.text.len()), &c.text, None),
            None,
        )),
        (ClaimKind::Figure, Plant::ChangedValue) => {
            let f = c.figure()?;
            let amount = f.amount?;
            let (ds, de) = digit_run(&c.text)?;
            let shown: f64 = c.text[ds..de].replace(',', "").parse().ok()?;
            if shown <= 0.0 {
                return None;
            }
            let new_shown = shown + (shown / 4.0).ceil().max(1.0);
            let text = format!("{}{}{}", &c.text[..ds], new_shown, &c.text[de..]);
            let scale = new_shown / shown;
            let value = ClaimValue::Figure(FigureValue {
                amount: Some(amount * scale),
                upper: f.upper.map(|u| u * scale),
                ..f.clone()
            });
            let s = format!(
                "{}{}{}",
                &sentence[..at],
                text,
                &sentence[at + c.text.len()..]
            );
            Some((
                s,
                moved(c, Span::new(at, at + text.len()), &text, Some(value)),
                None,
            ))
        }
        (ClaimKind::Date, Plant::ChangedValue) => {
            let iso = c.date()?.iso.clone()?;
            let year = iso.get(..4)?;
            let ys = c.text.find(year)?;
            let next = (year.parse::<i32>().ok()? + 1).to_string();
            let text = format!("{}{}{}", &c.text[..ys], next, &c.text[ys + 4..]);
            let value = ClaimValue::Date(DateValue {
                iso: Some(format!("{next}{}", &iso[4..])),
            });
            let s = format!(
                "{}{}{}",
                &sentence[..at],
                text,
                &sentence[at + c.text.len()..]
            );
            Some((
                s,
                moved(c, Span::new(at, at + text.len()), &text, Some(value)),
                None,
            ))
        }
        _ => None,
    }
}

/// The first run of digits (with thousands commas) in `s`.
fn digit_run(s: &str) -> Option<(usize, usize)> {
    let start = s.find(|c: char| c.is_ascii_digit())?;
    let len = s[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == ','))
        .unwrap_or(s.len() - start);
    let run = s[start..start + len].trim_end_matches(',');
    if run.contains('.') {
        return None;
    }
    Some((start, start + run.len()))
}

/// `c` moved to `span` of its new sentence (offsets relative to the sentence), with `text`
/// and, when given, a new value.
fn moved(c: &Claim, span: Span, text: &str, value: Option<ClaimValue>) -> Claim {
    Claim {
        kind: c.kind,
        start: span.start,
        end: span.end,
        text: text.to_string(),
        value: value.or_else(|| c.value.clone()),
        speaker: c.speaker.clone(),
        cue: None,
        sentence: Span::new(0, 0),
    }
}

#[test]
fn seen_before_is_precise_and_every_altered_repeat_is_flagged() {
    let docs = corpus();
    let mut store = Store::open_in_memory().unwrap();
    let at = Utc.with_ymd_and_hms(2024, 5, 1, 9, 0, 0).unwrap();
    // The originals, and the id of each gold claim.
    let mut ids: Vec<Vec<String>> = Vec::new();
    for d in &docs {
        let imported = store
            .import_with_claims(
                NewArticle {
                    title: d.name.clone(),
                    published: d.published,
                    text: d.text.clone(),
                    ..Default::default()
                },
                d.claims.clone(),
                at,
            )
            .unwrap();
        let stored = store
            .claims(&imported.article.id, &ClaimFilter::default())
            .unwrap();
        ids.push(
            d.claims
                .iter()
                .map(|c| {
                    stored
                        .iter()
                        .find(|s| s.claim.kind == c.kind && s.claim.span() == c.span())
                        .expect("every gold claim is stored")
                        .id
                        .clone()
                })
                .collect(),
        );
    }
    let mut speakers: Vec<String> = docs
        .iter()
        .flat_map(|d| d.claims.iter().filter_map(|c| c.speaker.clone()))
        .collect();
    speakers.sort();
    speakers.dedup();

    // The plants: every gold claim the memory can hold, once, in a variant drawn from its
    // place in the corpus.
    let mut planted: Vec<Planted> = Vec::new();
    let mut sentences: Vec<String> = Vec::new();
    let mut n = 0usize;
    for (di, d) in docs.iter().enumerate() {
        for (ci, c) in d.claims.iter().enumerate() {
            let usable = match c.kind {
                ClaimKind::Quote => words(&c.text).len() >= 4,
                ClaimKind::Figure => c.figure().is_some_and(|f| f.amount.is_some()),
                ClaimKind::Date => c.date().is_some_and(|v| v.iso.is_some()),
            };
            if !usable {
                continue;
            }
            n += 1;
            let wanted = match c.kind {
                ClaimKind::Quote => [
                    Plant::Untouched,
                    Plant::Fragment,
                    Plant::ChangedWords,
                    Plant::OtherSpeaker,
                ][n % 4],
                _ => [Plant::Untouched, Plant::ChangedValue][n % 2],
            };
            let (how, (sentence, claim, removed)) = match plant(d, c, wanted, &speakers, n) {
                Some(p) => (wanted, p),
                None => (
                    Plant::Untouched,
                    plant(d, c, Plant::Untouched, &speakers, n).unwrap(),
                ),
            };
            sentences.push(sentence);
            planted.push(Planted {
                origin: (di, ci),
                plant: how,
                claim,
                removed,
            });
        }
    }
    // Articles of eight planted sentences each, with a line of their own between.
    let mut planted_ids: Vec<String> = Vec::new();
    for (k, chunk) in planted.chunks(8).enumerate() {
        let mut text = format!("Roundup number {k}.\n\n");
        let mut claims = Vec::new();
        for (j, p) in chunk.iter().enumerate() {
            let base = text.len();
            let s = &sentences[k * 8 + j];
            text.push_str(s);
            text.push_str("\n\n");
            let mut c = p.claim.clone();
            c.start += base;
            c.end += base;
            c.sentence = Span::new(base, base + s.len());
            claims.push(c);
        }
        let imported = store
            .import_with_claims(
                NewArticle {
                    title: format!("Roundup {k}"),
                    text: text.clone(),
                    ..Default::default()
                },
                claims.clone(),
                at,
            )
            .unwrap();
        let stored = store
            .claims(&imported.article.id, &ClaimFilter::default())
            .unwrap();
        for c in &claims {
            planted_ids.push(
                stored
                    .iter()
                    .find(|s| s.claim.span() == c.span() && s.claim.kind == c.kind)
                    .unwrap()
                    .id
                    .clone(),
            );
        }
    }

    let (mut tp, mut fp, mut positives, mut found) = (0usize, 0usize, 0usize, 0usize);
    let mut flags = [(0usize, 0usize); 3]; // misquote, other speaker, other value: (flagged, planted)
    let mut misses = Vec::new();
    for (p, id) in planted.iter().zip(&planted_ids) {
        let memory = store.memory(id, 10).unwrap();
        let origin = &ids[p.origin.0][p.origin.1];
        let expect_seen = matches!(p.plant, Plant::Untouched | Plant::Fragment);
        for m in &memory.seen_before {
            if &m.claim.id == origin && expect_seen {
                tp += 1;
            } else {
                fp += 1;
                misses.push(format!(
                    "false seen-before: {id} ({:?} of {origin}: {:?}) matched {} {:?}",
                    p.plant, p.claim.text, m.claim.id, m.claim.claim.text
                ));
            }
        }
        if expect_seen {
            positives += 1;
            if memory.seen_before.iter().any(|m| &m.claim.id == origin) {
                found += 1;
            } else {
                misses.push(format!(
                    "missed: {id} ({:?} of {origin}) {:?}",
                    p.plant, p.claim.text
                ));
            }
        }
        let differently = |rel: Relation| {
            memory
                .said_differently
                .iter()
                .find(|m| &m.claim.id == origin && m.relation == rel)
        };
        match p.plant {
            Plant::ChangedWords => {
                flags[0].1 += 1;
                let removed = p.removed.as_deref().unwrap();
                if differently(Relation::Misquote).is_some_and(|m| {
                    m.diff.iter().any(|d| {
                        d.op == DiffOp::Removed && d.words.split(' ').any(|w| w == removed)
                    })
                }) {
                    flags[0].0 += 1;
                } else {
                    misses.push(format!("misquote not flagged: {id} {:?}", p.claim.text));
                }
            }
            Plant::OtherSpeaker => {
                flags[1].1 += 1;
                if memory
                    .said_differently
                    .iter()
                    .any(|m| &m.claim.id == origin && m.other_speaker)
                {
                    flags[1].0 += 1;
                } else {
                    misses.push(format!(
                        "other speaker not flagged: {id} {:?}",
                        p.claim.text
                    ));
                }
            }
            Plant::ChangedValue => {
                flags[2].1 += 1;
                if differently(Relation::Differs).is_some() {
                    flags[2].0 += 1;
                } else {
                    misses.push(format!(
                        "changed value not flagged: {id} {:?}",
                        p.claim.text
                    ));
                }
            }
            _ => {}
        }
    }
    // The originals against each other: anything seen before there is counted as wrong,
    // unless it is the very same words (a quote or figure two articles share).
    for (di, d) in docs.iter().enumerate() {
        for (ci, c) in d.claims.iter().enumerate() {
            let memory = store.memory(&ids[di][ci], 10).unwrap();
            for m in &memory.seen_before {
                let same_words = words(&m.claim.claim.text)
                    .iter()
                    .map(|w| w.to_lowercase())
                    .eq(words(&c.text).iter().map(|w| w.to_lowercase()));
                if same_words {
                    tp += 1;
                } else {
                    fp += 1;
                    misses.push(format!(
                        "false seen-before among originals: {} {:?} matched {} {:?}",
                        ids[di][ci], c.text, m.claim.id, m.claim.claim.text
                    ));
                }
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = found as f64 / positives.max(1) as f64;
    println!(
        "planted {} claims in {} articles: seen before precision {precision:.3} ({tp} of {}), \
         recall {recall:.3} ({found} of {positives}); misquotes flagged {}/{}, other speaker \
         {}/{}, other amount or date {}/{}",
        planted.len(),
        planted.len().div_ceil(8),
        tp + fp,
        flags[0].0,
        flags[0].1,
        flags[1].0,
        flags[1].1,
        flags[2].0,
        flags[2].1
    );
    for m in &misses {
        println!("  {m}");
    }
    assert!(precision >= 0.95, "precision {precision:.3}");
    assert!(recall >= 0.90, "recall {recall:.3}");
    assert!(
        flags[0].1 > 0 && flags[0].0 == flags[0].1,
        "misquotes {flags:?}"
    );
    assert!(
        flags[1].1 > 0 && flags[1].0 == flags[1].1,
        "other speakers {flags:?}"
    );
}
