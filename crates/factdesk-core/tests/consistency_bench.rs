//! The consistency benchmark: planted inconsistencies in the development corpus
//! (`tests/data/corpus/dev.jsonl`) and the untouched articles.
//!
//! For every corpus article a generator plants one inconsistency at a time and the checks
//! run on the claims the engine extracts from the changed text:
//!
//! - found in the article itself: a stated total changed (parts and totals), a weekday
//!   moved by a day (weekdays), a dated year moved past publication in a past-tense
//!   sentence (dates after publication), a rounded count restated in digits that disagree
//!   (the same quantity two ways);
//! - where the corpus has no such sentence (ages with birth years, durations with their
//!   start, shares of one whole, bracketed restatements, parts with their total), sentences
//!   written for this benchmark are added to the article in a consistent form, dated from
//!   its publication date, and then perturbed the same way.
//!
//! A planted case counts as found when the changed article has more flags of the planted
//! check than the consistent one. The bar: recall of at least 0.90 per check, and at most
//! one flag in all on the untouched articles. `cargo test -p factdesk-core --test
//! consistency_bench -- --nocapture` prints the figures.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};
use factdesk_core::consistency::{check, Check, Flag};
use factdesk_core::{extract, ClaimKind};
use regex::Regex;
use serde::Deserialize;

#[derive(Deserialize)]
struct Line {
    doc: String,
    published: Option<NaiveDate>,
    text: String,
}

fn corpus() -> Vec<Line> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/corpus/dev.jsonl"
    );
    let raw = std::fs::read_to_string(path).expect("the development corpus is in the repository");
    raw.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("corpus line parses"))
        .collect()
}

fn run(text: &str, published: Option<NaiveDate>) -> Vec<Flag> {
    check(text, published, &extract(text, published))
}

fn count(flags: &[Flag], kind: Check) -> usize {
    flags.iter().filter(|f| f.check == kind).count()
}

/// A consistent text and the same text with one inconsistency planted.
struct Case {
    check: Check,
    /// Planted in a sentence written for the benchmark rather than the article's own.
    written: bool,
    what: String,
    consistent: String,
    planted: String,
}

fn replace_at(text: &str, start: usize, end: usize, with: &str) -> String {
    format!("{}{with}{}", &text[..start], &text[end..])
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Cases planted in the article's own sentences.
fn planted_in_text(doc: &Line) -> Vec<Case> {
    let text = &doc.text;
    let claims = extract(text, doc.published);
    let mut out = Vec::new();
    let total_before = Regex::new(r"(?i)(\ball|total of|totalling|in total|in all)\s+$").unwrap();
    let total_after = Regex::new(r"(?i)^\s+(in total|in all|altogether)").unwrap();
    let joint = Regex::new(r"^\s*,?\s*(and|plus)?\s*$").unwrap();
    let year = Regex::new(r"\b(1[89]\d\d|20\d\d)\b").unwrap();
    let past = Regex::new(r"\b(was|were|had|said|\w+ed)\b").unwrap();
    let future = Regex::new(r"\b(will|would|expected|scheduled|plans?|by|until)\b").unwrap();
    let rounded = Regex::new(r"^(\d+(?:\.\d+)?) (thousand|million|billion) ([a-z]+)$").unwrap();
    let figures: Vec<_> = claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Figure)
        .collect();
    for (k, c) in figures.iter().enumerate() {
        let Some(amount) = c.figure().and_then(|f| f.amount) else {
            continue;
        };
        // Parts and a total: a figure marked as a total after two figures listed together.
        let before = &text[c.sentence.start..c.start];
        let after = &text[c.end..c.sentence.end];
        if (total_before.is_match(before) || total_after.is_match(after))
            && k >= 2
            && figures[k - 2].sentence == c.sentence
            && joint.is_match(&text[figures[k - 2].end..figures[k - 1].start])
            && c.text.chars().all(|ch| ch.is_ascii_digit())
        {
            out.push(Case {
                written: false,
                check: Check::PartsTotal,
                what: format!("{}: total {} changed", doc.doc, c.text),
                consistent: text.clone(),
                planted: replace_at(text, c.start, c.end, &format!("{}", amount as i64 - 10)),
            });
        }
        // A rounded count restated in digits that disagree.
        if let Some(m) = rounded.captures(&c.text) {
            let off = (amount * 1.15).round() as i64;
            let digits = group_thousands(off);
            let sentence = format!(" Officials later put the number at {digits} {}.", &m[3]);
            let at = c.sentence.end;
            out.push(Case {
                written: false,
                check: Check::SameQuantity,
                what: format!("{}: {} restated as {digits}", doc.doc, c.text),
                consistent: text.clone(),
                planted: replace_at(text, at, at, &sentence),
            });
        }
    }
    for c in claims.iter().filter(|c| c.kind == ClaimKind::Date) {
        let Some(published) = doc.published else {
            continue;
        };
        // A weekday moved by a day.
        if let Some(day) = WEEKDAYS.iter().position(|d| c.text.starts_with(d)) {
            if year.is_match(&c.text) {
                let next = WEEKDAYS[(day + 1) % 7];
                out.push(Case {
                    written: false,
                    check: Check::Weekday,
                    what: format!("{}: {} → {next}", doc.doc, c.text),
                    consistent: text.clone(),
                    planted: replace_at(text, c.start, c.start + WEEKDAYS[day].len(), next),
                });
            }
        }
        // A past-tense sentence's year moved past publication.
        let sentence = &text[c.sentence.start..c.sentence.end];
        let interval = c
            .date()
            .and_then(|d| d.iso.as_deref())
            .is_some_and(|i| i.contains('/'));
        if let Some(y) = year.find(&c.text).filter(|_| !interval) {
            let said: i32 = y.as_str().parse().unwrap();
            let headline = !sentence.trim_end().ends_with(['.', '!', '?', '"']);
            if said < published.year()
                && !headline
                && past.is_match(sentence)
                && !future.is_match(sentence)
            {
                let at = c.start + y.start();
                out.push(Case {
                    written: false,
                    check: Check::FutureInPast,
                    what: format!("{}: {} → {}", doc.doc, c.text, published.year() + 1),
                    consistent: text.clone(),
                    planted: replace_at(text, at, at + 4, &(published.year() + 1).to_string()),
                });
            }
        }
    }
    out
}

fn group_thousands(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Sentences written for this benchmark, in a consistent and a perturbed form, dated from
/// the article's publication date.
fn written(published: NaiveDate) -> Vec<(Check, String, String)> {
    let y = published.year();
    let month_year = |d: NaiveDate| d.format("%B %Y").to_string();
    let day_month_year = |d: NaiveDate| d.format("%-d %B %Y").to_string();
    let began = published - Months::new(20);
    let ran_from = published - Months::new(96);
    vec![
        (
            Check::PartsTotal,
            "Officials said 120 soldiers and 45 civilians were wounded, 165 in total.".into(),
            "Officials said 120 soldiers and 45 civilians were wounded, 155 in total.".into(),
        ),
        (
            Check::PartsTotal,
            "The ferry carried 412 people, including 389 passengers and 23 crew.".into(),
            "The ferry carried 402 people, including 389 passengers and 23 crew.".into(),
        ),
        (
            Check::Age,
            format!("Maria Lopez, 47, who was born in {}, chairs the committee.", y - 47),
            format!("Maria Lopez, 52, who was born in {}, chairs the committee.", y - 47),
        ),
        (
            Check::Age,
            format!("The chairman, John Reed (born {}), is 61 years old.", y - 61),
            format!("The chairman, John Reed (born {}), is 66 years old.", y - 61),
        ),
        (
            Check::Duration,
            format!(
                "The 20-month dispute, which began in {}, has halted exports.",
                month_year(began)
            ),
            format!(
                "The 12-month dispute, which began in {}, has halted exports.",
                month_year(began)
            ),
        ),
        (
            Check::Duration,
            format!(
                "The 5-year programme ran from {} to {}.",
                day_month_year(ran_from),
                day_month_year(ran_from + Months::new(60))
            ),
            format!(
                "The 8-year programme ran from {} to {}.",
                day_month_year(ran_from),
                day_month_year(ran_from + Months::new(60))
            ),
        ),
        (
            Check::PercentShares,
            "In a survey, 48 percent backed the plan, 37 percent opposed it and 15 percent were undecided.".into(),
            "In a survey, 58 percent backed the plan, 37 percent opposed it and 15 percent were undecided.".into(),
        ),
        (
            Check::PercentShares,
            "The incumbent won 54% of the vote and the challenger 44%.".into(),
            "The incumbent won 64% of the vote and the challenger 44%.".into(),
        ),
        (
            Check::SameQuantity,
            "The region has 2.4 million residents. A census counted 2,391,000 residents.".into(),
            "The region has 2.4 million residents. A census counted 2,291,000 residents.".into(),
        ),
        (
            Check::SameQuantity,
            "The board has 12 (twelve) members.".into(),
            "The board has 12 (fifteen) members.".into(),
        ),
        (
            Check::FutureInPast,
            format!(
                "The ministry announced the result on {}.",
                day_month_year(published - chrono::Days::new(3))
            ),
            format!(
                "The ministry announced the result on {}.",
                day_month_year(published + chrono::Days::new(30))
            ),
        ),
    ]
}

/// Cases made by adding a written sentence to the end of the article's first paragraph.
fn planted_written(doc: &Line) -> Vec<Case> {
    let Some(published) = doc.published else {
        return Vec::new();
    };
    let at = doc.text.find("\n\n").unwrap_or(doc.text.len());
    written(published)
        .into_iter()
        .map(|(check, good, bad)| Case {
            check,
            written: true,
            what: format!("{}: written {bad:?}", doc.doc),
            consistent: replace_at(&doc.text, at, at, &format!("\n\n{good}")),
            planted: replace_at(&doc.text, at, at, &format!("\n\n{bad}")),
        })
        .collect()
}

#[test]
fn planted_inconsistencies_are_found_and_untouched_articles_stay_quiet() {
    let docs = corpus();
    assert!(docs.len() >= 21, "the corpus has its 21 articles");

    let mut untouched = Vec::new();
    for doc in &docs {
        for f in run(&doc.text, doc.published) {
            untouched.push(format!("{}: {:?} {}", doc.doc, f.check, f.message));
        }
    }

    let mut planted: BTreeMap<Check, (usize, usize)> = BTreeMap::new();
    // The same counts for cases planted in the articles' own sentences only.
    let mut in_corpus: BTreeMap<Check, (usize, usize)> = BTreeMap::new();
    let mut missed = Vec::new();
    let mut written_false = Vec::new();
    for doc in &docs {
        let mut cases = planted_in_text(doc);
        cases.extend(planted_written(doc));
        for case in cases {
            let base = run(&case.consistent, doc.published);
            if case.consistent != doc.text {
                for f in base.iter().filter(|f| f.check == case.check) {
                    written_false.push(format!("{}: {}", case.what, f.message));
                }
            }
            let after = run(&case.planted, doc.published);
            let found = count(&after, case.check) > count(&base, case.check);
            for (table, counts) in [(&mut planted, true), (&mut in_corpus, !case.written)] {
                if counts {
                    let entry = table.entry(case.check).or_default();
                    entry.0 += 1;
                    entry.1 += usize::from(found);
                }
            }
            if found {
            } else {
                missed.push(format!("{:?} {}", case.check, case.what));
            }
        }
    }

    println!("consistency benchmark over {} corpus articles", docs.len());
    println!(
        "{:<16} {:>8} {:>6} {:>7}   {:>16}",
        "check", "planted", "found", "recall", "of which corpus"
    );
    for (check, (n, found)) in &planted {
        let (cn, cf) = in_corpus.get(check).copied().unwrap_or_default();
        println!(
            "{:<16} {:>8} {:>6} {:>7.3}   {:>8} found {}",
            check.as_str(),
            n,
            found,
            *found as f64 / (*n).max(1) as f64,
            cn,
            cf
        );
    }
    println!("flags on untouched articles: {}", untouched.len());
    for f in &untouched {
        println!("  {f}");
    }
    println!(
        "flags on consistent written sentences: {}",
        written_false.len()
    );
    for f in written_false.iter().take(10) {
        println!("  {f}");
    }
    for m in missed.iter().take(30) {
        println!("missed: {m}");
    }

    for check in Check::ALL {
        let (n, found) = planted.get(&check).copied().unwrap_or_default();
        assert!(n >= 15, "{check}: only {n} planted cases");
        let recall = found as f64 / n as f64;
        assert!(recall >= 0.90, "{check}: recall {recall:.3} below 0.90");
    }
    assert!(
        untouched.len() <= 1,
        "untouched articles raised {} flags: {untouched:?}",
        untouched.len()
    );
    assert!(
        written_false.is_empty(),
        "consistent written sentences were flagged: {written_false:?}"
    );
}
