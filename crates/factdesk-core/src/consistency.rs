//! Consistency checks within one article: statements that cannot all be true together.
//!
//! Each check reads the article's claims (with their normalized values and sentences), the
//! text around them and the publication date, and raises a [`Flag`] with one line that says
//! why. The checks are deterministic and never read the clock. They favour silence: a
//! check only speaks when the words leave one reading, because a false flag costs an
//! editor time.
//!
//! - [`Check::PartsTotal`]: parts listed together ("283 passengers and 15 crew") that do
//!   not add up to the total stated with them ("all 295 in total"), or parts "including"
//!   more than their total.
//! - [`Check::Weekday`]: a weekday written with a full date that falls on another day.
//! - [`Check::Age`]: an age next to a birth date that the publication date (or a date in
//!   the same sentence) does not give.
//! - [`Check::Duration`]: an "N-month" or "N-year" span whose start ("since", "began",
//!   "from … to …") in the same sentence gives another length.
//! - [`Check::PercentShares`]: shares listed together that sum past 100 percent.
//! - [`Check::SameQuantity`]: one quantity stated two ways that disagree: a rounded figure
//!   and a precise one for the same counted thing, or a figure and its restatement in
//!   brackets.
//! - [`Check::FutureInPast`]: a date after publication in a sentence told in the past
//!   tense.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::claim::{Claim, ClaimKind, FigureValue, Span};
use crate::extract::lexicon::numbers::numbers;
use crate::review::ArticleReview;

/// Which consistency check raised a flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// Parts that do not add up to their stated total.
    PartsTotal,
    /// A weekday that does not match its date.
    Weekday,
    /// An age that does not match a birth date.
    Age,
    /// A duration that does not match its dates.
    Duration,
    /// Shares of one whole that sum past 100 percent.
    PercentShares,
    /// The same quantity stated two ways that disagree.
    SameQuantity,
    /// A date after publication told in the past tense.
    FutureInPast,
}

impl Check {
    /// Every check, in the order they run.
    pub const ALL: [Check; 7] = [
        Check::PartsTotal,
        Check::Weekday,
        Check::Age,
        Check::Duration,
        Check::PercentShares,
        Check::SameQuantity,
        Check::FutureInPast,
    ];

    /// The snake_case name used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Check::PartsTotal => "parts_total",
            Check::Weekday => "weekday",
            Check::Age => "age",
            Check::Duration => "duration",
            Check::PercentShares => "percent_shares",
            Check::SameQuantity => "same_quantity",
            Check::FutureInPast => "future_in_past",
        }
    }
}

impl std::fmt::Display for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One inconsistency among the claims given to [`check`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    /// The check that raised it.
    pub check: Check,
    /// Indexes into the claims given to [`check`], the claim the flag is about first.
    pub claims: Vec<usize>,
    /// Why, in one line.
    pub message: String,
}

/// One inconsistency among an article's reviewed claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimFlag {
    /// The check that raised it.
    pub check: Check,
    /// The ids of the claims involved, the claim the flag is about first.
    pub claim_ids: Vec<String>,
    /// Why, in one line.
    pub message: String,
}

/// Runs every check over one article's claims. `text` is the article text the claims'
/// offsets point into; `published` its publication date (the checks that need it stay
/// silent without it). Flags come in claim order, then check order.
pub fn check(text: &str, published: Option<NaiveDate>, claims: &[Claim]) -> Vec<Flag> {
    let ctx = Ctx::new(text, published, claims);
    let mut flags = Vec::new();
    parts_total(&ctx, &mut flags);
    weekday(&ctx, &mut flags);
    age(&ctx, &mut flags);
    duration(&ctx, &mut flags);
    percent_shares(&ctx, &mut flags);
    same_quantity(&ctx, &mut flags);
    future_in_past(&ctx, &mut flags);
    flags.sort_by_key(|f| (f.claims.first().map(|&i| claims[i].start), f.check));
    flags.dedup();
    flags
}

/// The flags of an article under review, over its claims that are not dismissed.
pub fn review_flags(review: &ArticleReview) -> Vec<ClaimFlag> {
    let kept: Vec<usize> = (0..review.claims.len())
        .filter(|&i| !review.claims[i].dismissed)
        .collect();
    let claims: Vec<Claim> = kept
        .iter()
        .map(|&i| review.claims[i].claim.clone())
        .collect();
    check(&review.article.text, review.article.published, &claims)
        .into_iter()
        .map(|f| ClaimFlag {
            check: f.check,
            claim_ids: f
                .claims
                .iter()
                .map(|&i| review.claims[kept[i]].id.clone())
                .collect(),
            message: f.message,
        })
        .collect()
}

/// [`review_flags`] keyed by claim id: every claim a flag involves lists it.
pub fn flags_by_claim(review: &ArticleReview) -> BTreeMap<String, Vec<ClaimFlag>> {
    let mut out: BTreeMap<String, Vec<ClaimFlag>> = BTreeMap::new();
    for flag in review_flags(review) {
        for id in &flag.claim_ids {
            out.entry(id.clone()).or_default().push(flag.clone());
        }
    }
    out
}

/// The claims in document order with the text they sit in.
struct Ctx<'a> {
    text: &'a str,
    published: Option<NaiveDate>,
    claims: &'a [Claim],
    /// Claim indexes sorted by start.
    order: Vec<usize>,
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, published: Option<NaiveDate>, claims: &'a [Claim]) -> Self {
        let mut order: Vec<usize> = (0..claims.len())
            .filter(|&i| {
                let c = &claims[i];
                c.start < c.end && text.get(c.start..c.end).is_some()
            })
            .collect();
        order.sort_by_key(|&i| (claims[i].start, claims[i].end));
        Ctx {
            text,
            published,
            claims,
            order,
        }
    }

    fn between(&self, from: usize, to: usize) -> &'a str {
        if from >= to {
            return "";
        }
        self.text.get(from..to).unwrap_or("")
    }

    fn sentence(&self, c: &Claim) -> &'a str {
        self.text
            .get(c.sentence.start..c.sentence.end)
            .unwrap_or("")
    }

    /// Up to `n` bytes of text before `pos`, lower-cased.
    fn before(&self, pos: usize, n: usize) -> String {
        let mut from = pos.saturating_sub(n);
        while from > 0 && !self.text.is_char_boundary(from) {
            from -= 1;
        }
        self.between(from, pos).to_lowercase()
    }

    /// Up to `n` bytes of text after `pos`, lower-cased.
    fn after(&self, pos: usize, n: usize) -> String {
        let mut to = (pos + n).min(self.text.len());
        while to < self.text.len() && !self.text.is_char_boundary(to) {
            to += 1;
        }
        self.between(pos, to).to_lowercase()
    }

    /// Indexes (in document order) of the figure claims in the same sentence as `c`.
    fn in_sentence(&self, c: &Claim, kind: ClaimKind) -> Vec<usize> {
        self.order
            .iter()
            .copied()
            .filter(|&j| {
                let o = &self.claims[j];
                o.kind == kind && o.sentence == c.sentence
            })
            .collect()
    }
}

/// A figure's single exact amount: no range, no qualifier.
fn exact(c: &Claim) -> Option<(f64, &FigureValue)> {
    let f = c.figure()?;
    if f.upper.is_some() || f.qualifier.is_some() {
        return None;
    }
    Some((f.amount?, f))
}

const TIME_UNITS: [&str; 7] = ["year", "month", "week", "day", "hour", "minute", "second"];

fn is_time_unit(unit: Option<&str>) -> bool {
    unit.is_some_and(|u| TIME_UNITS.contains(&u))
}

/// "1,150,000" or "1.2 million" as shown: integers plainly, others with one or two decimals.
fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        let digits = format!("{}", x.abs() as u64);
        let mut out = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(ch);
        }
        if x < 0.0 {
            out.insert(0, '-');
        }
        out
    } else {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn quoted(c: &Claim) -> String {
    format!("\u{201c}{}\u{201d}", one_line(&c.text))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------
// Parts and totals

/// Text joining two parts of a list: a comma, "and", "plus", "as well as".
fn is_list_joint(gap: &str) -> bool {
    let g = gap.trim().to_lowercase();
    let g = g.trim_start_matches([',', ';']).trim();
    matches!(g, "" | "and" | "plus" | "as well as" | "along with")
}

/// True when the words right around a figure mark it as a total.
fn marks_total(before: &str, after: &str) -> bool {
    let b = before.trim_end();
    let a = after.trim_start();
    let before_marks = [
        " all",
        "a total of",
        "total of",
        "totalling",
        "totaling",
        "in total",
        "in all",
        "altogether",
    ];
    let after_marks = ["in total", "in all", "altogether", "total "];
    before_marks
        .iter()
        .any(|m| b.ends_with(m) || (b == m.trim_start()))
        || after_marks.iter().any(|m| a.starts_with(m))
}

/// True when the total counts the same things as its parts: no unit, a word for people,
/// or one of the parts' units ("3 goals and 2 assists in all 7 games" is not a total).
fn total_fits_parts(ctx: &Ctx<'_>, total: &FigureValue, parts: &[usize]) -> bool {
    match total.unit.as_deref() {
        None | Some("person") | Some("people") => true,
        Some(u) => parts
            .iter()
            .any(|&j| ctx.claims[j].figure().and_then(|f| f.unit.as_deref()) == Some(u)),
    }
}

fn parts_usable(ctx: &Ctx<'_>, parts: &[usize]) -> bool {
    let units: Vec<Option<&str>> = parts
        .iter()
        .map(|&j| ctx.claims[j].figure().and_then(|f| f.unit.as_deref()))
        .collect();
    parts.iter().all(|&j| exact(&ctx.claims[j]).is_some())
        && !units
            .iter()
            .any(|u| *u == Some("percent") || is_time_unit(*u))
        && {
            let money: Vec<&str> = units
                .iter()
                .flatten()
                .copied()
                .filter(|u| u.len() == 3 && u.chars().all(|c| c.is_ascii_uppercase()))
                .collect();
            money.windows(2).all(|w| w[0] == w[1])
        }
}

/// The run of figures listed together that ends with the figure at `order[end]`.
fn list_ending_at(ctx: &Ctx<'_>, figs: &[usize], end: usize) -> Vec<usize> {
    let mut run = vec![figs[end]];
    let mut k = end;
    while k > 0 {
        let (a, b) = (&ctx.claims[figs[k - 1]], &ctx.claims[figs[k]]);
        if !is_list_joint(ctx.between(a.end, b.start)) {
            break;
        }
        run.insert(0, figs[k - 1]);
        k -= 1;
    }
    run
}

/// The run of figures listed together that starts with the figure at `order[start]`.
fn list_starting_at(ctx: &Ctx<'_>, figs: &[usize], start: usize) -> Vec<usize> {
    let mut run = vec![figs[start]];
    let mut k = start;
    while k + 1 < figs.len() {
        let (a, b) = (&ctx.claims[figs[k]], &ctx.claims[figs[k + 1]]);
        if !is_list_joint(ctx.between(a.end, b.start)) {
            break;
        }
        run.push(figs[k + 1]);
        k += 1;
    }
    run
}

fn sum_text(ctx: &Ctx<'_>, parts: &[usize]) -> (f64, String) {
    let amounts: Vec<f64> = parts
        .iter()
        .filter_map(|&j| exact(&ctx.claims[j]).map(|(a, _)| a))
        .collect();
    let sum: f64 = amounts.iter().sum();
    let terms: Vec<String> = amounts.iter().map(|a| num(*a)).collect();
    (sum, terms.join(" + "))
}

fn parts_total(ctx: &Ctx<'_>, flags: &mut Vec<Flag>) {
    for &t in &ctx.order {
        let total = &ctx.claims[t];
        if total.kind != ClaimKind::Figure {
            continue;
        }
        let Some((amount, tf)) = exact(total) else {
            continue;
        };
        if tf.unit.as_deref() == Some("percent") || is_time_unit(tf.unit.as_deref()) {
            continue;
        }
        let figs = ctx.in_sentence(total, ClaimKind::Figure);
        let Some(pos) = figs.iter().position(|&j| j == t) else {
            continue;
        };
        let before = ctx.before(total.start, 24);
        let after = ctx.after(total.end, 16);
        // "283 passengers and 15 crew … all 298 in total"
        if marks_total(&before, &after) && pos > 0 {
            let parts = list_ending_at(ctx, &figs, pos - 1);
            if parts.len() >= 2 && parts_usable(ctx, &parts) && total_fits_parts(ctx, tf, &parts) {
                let (sum, terms) = sum_text(ctx, &parts);
                if (sum - amount).abs() > 1e-6 {
                    let mut ids = vec![t];
                    ids.extend(&parts);
                    flags.push(Flag {
                        check: Check::PartsTotal,
                        claims: ids,
                        message: format!(
                            "the parts add up to {} ({terms}), but the total is given as {}",
                            num(sum),
                            num(amount)
                        ),
                    });
                }
            }
        }
        // "298 people, including 283 passengers and 15 crew"
        if pos + 1 < figs.len() {
            let next = &ctx.claims[figs[pos + 1]];
            let gap = ctx.between(total.end, next.start).to_lowercase();
            let gap = gap.trim();
            let words: Vec<&str> = gap.split_whitespace().collect();
            let joins = words.len() <= 4
                && ["including", "of whom", "of which", "among them"]
                    .iter()
                    .any(|m| gap.ends_with(m));
            if joins {
                let parts = list_starting_at(ctx, &figs, pos + 1);
                if parts.len() >= 2
                    && parts_usable(ctx, &parts)
                    && total_fits_parts(ctx, tf, &parts)
                {
                    let (sum, terms) = sum_text(ctx, &parts);
                    if sum > amount + 1e-6 {
                        let mut ids = vec![t];
                        ids.extend(&parts);
                        flags.push(Flag {
                            check: Check::PartsTotal,
                            claims: ids,
                            message: format!(
                                "the parts included add up to {} ({terms}), more than the total of {}",
                                num(sum),
                                num(amount)
                            ),
                        });
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Weekdays

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// A day-precise ISO date ("2014-07-17", "2014-07-17T16:00").
fn day_of(iso: &str) -> Option<NaiveDate> {
    let head = iso.get(..10)?;
    if iso.len() > 10 && !iso[10..].starts_with('T') {
        return None;
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// Words made of letters only, lower-cased.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn has_year(s: &str) -> bool {
    s.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() == 4)
}

fn weekday(ctx: &Ctx<'_>, flags: &mut Vec<Flag>) {
    for &i in &ctx.order {
        let c = &ctx.claims[i];
        let Some(date) = c.date().and_then(|d| d.iso.as_deref()).and_then(day_of) else {
            continue;
        };
        // The weekday is in the claim ("Thursday, 17 July 2014") or just before it
        // ("on Thursday 17 July 2014").
        let mut named: Vec<Weekday> = words(&c.text)
            .iter()
            .filter_map(|w| WEEKDAYS.iter().find(|(n, _)| n == w).map(|(_, d)| *d))
            .collect();
        if named.is_empty() {
            let before = ctx.before(c.start, 12);
            let trimmed = before.trim_end().trim_end_matches(',').trim_end();
            if let Some(w) = words(trimmed).last() {
                if trimmed.ends_with(w.as_str()) {
                    named.extend(WEEKDAYS.iter().filter(|(n, _)| n == w).map(|(_, d)| *d));
                }
            }
        }
        // Only a date written out with its year: a bare "Thursday" is resolved from the
        // weekday itself and cannot disagree with it.
        let digits_without_weekday = c.text.chars().any(|ch| ch.is_ascii_digit());
        if named.len() != 1 || !digits_without_weekday || !has_year(&c.text) {
            continue;
        }
        let said = named[0];
        if said != date.weekday() {
            flags.push(Flag {
                check: Check::Weekday,
                claims: vec![i],
                message: format!(
                    "{} was a {}, not a {}",
                    date.format("%-d %B %Y"),
                    weekday_name(date.weekday()),
                    weekday_name(said)
                ),
            });
        }
    }
}

// ---------------------------------------------------------------------------------------
// Ages

/// True when a figure in years reads as someone's age: "14-year-old", "45 years old",
/// "aged 45", or the appositive "Thomas Sam, 42,".
fn is_age(ctx: &Ctx<'_>, c: &Claim) -> bool {
    let Some((_, f)) = exact(c) else {
        return false;
    };
    if f.unit.as_deref() != Some("year") {
        return false;
    }
    let t = c.text.to_lowercase();
    if t.ends_with("-year-old") || t.ends_with("years old") || t.ends_with("year-old") {
        return true;
    }
    let before = ctx.before(c.start, 8);
    let after = ctx.after(c.end, 10);
    if before.trim_end().ends_with("aged") || before.trim_end().ends_with("age of") {
        return true;
    }
    if after.starts_with("-year-old") || after.starts_with(" years old") {
        return true;
    }
    // "Thomas Sam, 42, …" (a name before the comma).
    let raw_before = ctx.between(c.start.saturating_sub(3).max(c.sentence.start), c.start);
    c.text.chars().all(|ch| ch.is_ascii_digit())
        && raw_before.ends_with(", ")
        && raw_before
            .chars()
            .next()
            .is_some_and(|ch| ch.is_alphabetic())
        && (after.starts_with(',') || after.starts_with(')'))
}

/// A date claim introduced as a birth: "born in 1961", "born on 12 March 1970",
/// "(born 1970)", "(b. 1970)".
fn is_birth(ctx: &Ctx<'_>, c: &Claim) -> bool {
    let before = ctx.before(c.start, 16);
    let b = before.trim_end();
    b.ends_with("born") || b.ends_with("born in") || b.ends_with("born on") || b.ends_with("(b.")
}

/// The ISO start of a date value as (year, month, day) with the known precision.
fn ymd(iso: &str) -> Option<(i32, Option<u32>, Option<u32>)> {
    let start = iso.split('/').next()?;
    let head = start.split('T').next()?;
    let mut parts = head.split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    if head.len() < 4 || head.contains('W') {
        return None;
    }
    let m = parts.next().and_then(|p| p.parse().ok());
    let d = parts.next().and_then(|p| p.parse().ok());
    Some((y, m, d))
}

/// The ages someone born at `birth` can have on `on`.
fn possible_ages(
    birth: (i32, Option<u32>, Option<u32>),
    on: (i32, Option<u32>, Option<u32>),
) -> Vec<i32> {
    let years = on.0 - birth.0;
    match (birth, on) {
        ((_, Some(bm), Some(bd)), (_, Some(om), Some(od))) => {
            vec![if (om, od) >= (bm, bd) {
                years
            } else {
                years - 1
            }]
        }
        _ => vec![years - 1, years],
    }
}

/// A birth in a sentence: where it is, its date, its words, and its claim when it is one.
struct Birth {
    at: usize,
    date: (i32, Option<u32>, Option<u32>),
    text: String,
    claim: Option<usize>,
}

/// The births stated in the sentence `sentence`: date claims after "born", and a year
/// after "born" or "b." that the engine did not take as a date ("(born 1962)").
fn births_in(ctx: &Ctx<'_>, sentence: Span) -> Vec<Birth> {
    let mut out: Vec<Birth> = ctx
        .order
        .iter()
        .copied()
        .filter(|&j| {
            let c = &ctx.claims[j];
            c.kind == ClaimKind::Date && c.sentence == sentence && is_birth(ctx, c)
        })
        .filter_map(|j| {
            let c = &ctx.claims[j];
            Some(Birth {
                at: c.start,
                date: c.date().and_then(|d| d.iso.as_deref()).and_then(ymd)?,
                text: one_line(&c.text),
                claim: Some(j),
            })
        })
        .collect();
    let text = ctx.between(sentence.start, sentence.end);
    let lower = text.to_lowercase();
    for (k, _) in lower
        .match_indices("born ")
        .chain(lower.match_indices("(b. "))
    {
        let rest = &text[k..];
        let after_word = rest.find(' ').map_or(rest.len(), |i| i + 1);
        let mut tail = &rest[after_word..];
        for lead in ["in ", "on "] {
            tail = tail.strip_prefix(lead).unwrap_or(tail);
        }
        let year: String = tail.chars().take_while(char::is_ascii_digit).collect();
        let followed = tail[year.len()..].chars().next();
        if year.len() != 4 || followed.is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        let at = sentence.start + (text.len() - tail.len());
        if out
            .iter()
            .any(|b| b.at <= at && at < b.at + b.text.len().max(4))
        {
            continue;
        }
        if let Ok(y) = year.parse() {
            out.push(Birth {
                at,
                date: (y, None, None),
                text: year,
                claim: None,
            });
        }
    }
    out
}

fn age(ctx: &Ctx<'_>, flags: &mut Vec<Flag>) {
    let Some(published) = ctx.published else {
        return;
    };
    let pub_ymd = (
        published.year(),
        Some(published.month()),
        Some(published.day()),
    );
    let mut sentences: Vec<Span> = ctx
        .order
        .iter()
        .map(|&j| &ctx.claims[j])
        .filter(|c| is_age(ctx, c))
        .map(|c| c.sentence)
        .collect();
    sentences.dedup();
    for sentence in sentences {
        let ages: Vec<usize> = ctx
            .order
            .iter()
            .copied()
            .filter(|&j| ctx.claims[j].sentence == sentence && is_age(ctx, &ctx.claims[j]))
            .collect();
        let births = births_in(ctx, sentence);
        // The age may be given as of publication or as of another date in the sentence
        // ("died on 3 May 2001, aged 70").
        let mut moments = vec![pub_ymd];
        moments.extend(
            ctx.order
                .iter()
                .map(|&j| &ctx.claims[j])
                .filter(|c| c.kind == ClaimKind::Date && c.sentence == sentence)
                .filter(|c| !births.iter().any(|b| b.at == c.start))
                .filter_map(|c| c.date().and_then(|d| d.iso.as_deref()).and_then(ymd)),
        );
        for birth in &births {
            // The nearest age in the sentence.
            let Some(&a) = ages
                .iter()
                .min_by_key(|&&j| ctx.claims[j].start.abs_diff(birth.at))
            else {
                continue;
            };
            let Some((stated, _)) = exact(&ctx.claims[a]) else {
                continue;
            };
            let fits = moments
                .iter()
                .any(|m| possible_ages(birth.date, *m).contains(&(stated as i32)));
            if fits {
                continue;
            }
            let expected = possible_ages(birth.date, pub_ymd)
                .iter()
                .map(|a| a.to_string())
                .collect::<Vec<_>>()
                .join(" or ");
            let mut claims = vec![a];
            claims.extend(birth.claim);
            flags.push(Flag {
                check: Check::Age,
                claims,
                message: format!(
                    "someone born {} would be {expected} on {}, not {}",
                    birth.text,
                    published.format("%-d %B %Y"),
                    num(stated)
                ),
            });
        }
    }
}

// ---------------------------------------------------------------------------------------
// Durations

/// Whole months from `a` to `b` (negative when `b` is earlier), counting a month only when
/// its day is reached.
fn months_between(a: (i32, u32, u32), b: (i32, u32, u32)) -> i32 {
    let mut m = (b.0 - a.0) * 12 + b.1 as i32 - a.1 as i32;
    if b.2 < a.2 {
        m -= 1;
    }
    m
}

/// The lengths in `unit` that a span from `start` to `end` can have given the dates'
/// precision: (shortest, longest).
fn span_in(
    unit: &str,
    start: (i32, Option<u32>, Option<u32>),
    end: (i32, Option<u32>, Option<u32>),
) -> Option<(f64, f64)> {
    // Earliest and latest day each date can stand for.
    let first = |d: (i32, Option<u32>, Option<u32>)| (d.0, d.1.unwrap_or(1), d.2.unwrap_or(1));
    let last = |d: (i32, Option<u32>, Option<u32>)| {
        let m = d.1.unwrap_or(12);
        let day = d.2.unwrap_or_else(|| {
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(d.0 + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(d.0, m + 1, 1)
            };
            next.and_then(|n| n.pred_opt()).map_or(28, |n| n.day())
        });
        (d.0, m, day)
    };
    let lo = (last(start), first(end));
    let hi = (first(start), last(end));
    let days = |a: (i32, u32, u32), b: (i32, u32, u32)| -> Option<f64> {
        let x = NaiveDate::from_ymd_opt(a.0, a.1, a.2)?;
        let y = NaiveDate::from_ymd_opt(b.0, b.1, b.2)?;
        Some((y - x).num_days() as f64)
    };
    let measure = |(a, b): ((i32, u32, u32), (i32, u32, u32))| -> Option<f64> {
        Some(match unit {
            "year" => months_between(a, b) as f64 / 12.0,
            "month" => months_between(a, b) as f64,
            "week" => days(a, b)? / 7.0,
            "day" => days(a, b)?,
            _ => return None,
        })
    };
    Some((measure(lo)?, measure(hi)?))
}

fn duration(ctx: &Ctx<'_>, flags: &mut Vec<Flag>) {
    for &i in &ctx.order {
        let c = &ctx.claims[i];
        let Some((n, f)) = exact(c) else {
            continue;
        };
        let Some(unit) = f
            .unit
            .as_deref()
            .filter(|u| ["year", "month", "week", "day"].contains(u))
        else {
            continue;
        };
        if is_age(ctx, c) || n <= 0.0 {
            continue;
        }
        let t = c.text.to_lowercase();
        let after = ctx.after(c.end, 6);
        let adjectival = t.contains('-') && !after.starts_with("-old");
        // The start: a date in the same sentence introduced by "since", "began", "started",
        // "from"; the end: a date after "to"/"until" following it, else publication.
        let dates = ctx.in_sentence(c, ClaimKind::Date);
        let mut found = None;
        for &d in &dates {
            let dc = &ctx.claims[d];
            let before = ctx.before(dc.start, 24);
            let lead: Vec<String> = words(&before);
            let last_words: Vec<&str> = lead.iter().rev().take(3).map(String::as_str).collect();
            let starts = last_words
                .first()
                .is_some_and(|w| ["since", "from", "between"].contains(w))
                || last_words.iter().any(|w| {
                    ["began", "begun", "started", "launched", "erupted", "broke"].contains(w)
                });
            if !starts {
                continue;
            }
            let Some(iso) = dc.date().and_then(|v| v.iso.as_deref()) else {
                continue;
            };
            let Some(start) = ymd(iso) else {
                continue;
            };
            let first_word = last_words.first().copied().unwrap_or("");
            // "from March 2015 to March 2020" is one interval claim.
            let interval_end = iso.split_once('/').and_then(|(_, e)| ymd(e));
            let end = match interval_end {
                Some(e) => Some((e, None)),
                None if first_word == "from" => None,
                None => ctx
                    .published
                    .map(|p| ((p.year(), Some(p.month()), Some(p.day())), Some(()))),
            };
            if let Some((e, to_publication)) = end {
                found = Some((d, start, e, to_publication.is_some()));
                break;
            }
        }
        let Some((d, start, end, to_publication)) = found else {
            continue;
        };
        // Only an "N-month war" or "for N years": a bare "3 years" may be anything.
        let before = ctx.before(c.start, 8);
        let after_for = words(&before).last().is_some_and(|w| w == "for");
        if !(adjectival || after_for) {
            continue;
        }
        let Some((lo, hi)) = span_in(unit, start, end) else {
            continue;
        };
        // Allow one unit either way for rounding ("14-month" for 14 months and 20 days).
        if n + 1.0 < lo || n - 1.0 > hi {
            let measured = if (hi - lo).abs() < 1.0 {
                num(lo.floor())
            } else {
                format!("{}–{}", num(lo.floor().max(0.0)), num(hi.floor()))
            };
            let dc = &ctx.claims[d];
            let upto = if to_publication {
                "publication".to_string()
            } else {
                "the end date".to_string()
            };
            flags.push(Flag {
                check: Check::Duration,
                claims: vec![i, d],
                message: format!(
                    "from {} to {upto} is {measured} {unit}s, not {}",
                    one_line(&dc.text),
                    num(n)
                ),
            });
        }
    }
}

// ---------------------------------------------------------------------------------------
// Percent shares

/// Words between two percentages that say they are not shares of one whole.
const NOT_SHARES: [&str; 33] = [
    "increase",
    "increased",
    "rise",
    "rose",
    "risen",
    "fell",
    "fall",
    "fallen",
    "drop",
    "dropped",
    "grew",
    "grow",
    "growth",
    "decline",
    "declined",
    "up",
    "down",
    "from",
    "to",
    "compared",
    "than",
    "versus",
    "vs",
    "while",
    "whereas",
    "but",
    "previous",
    "last",
    "today",
    "now",
    "then",
    "points",
    "respectively",
];

fn percent_shares(ctx: &Ctx<'_>, flags: &mut Vec<Flag>) {
    let mut seen_sentences = Vec::new();
    for &i in &ctx.order {
        let c = &ctx.claims[i];
        if c.figure().and_then(|f| f.unit.as_deref()) != Some("percent")
            || seen_sentences.contains(&c.sentence)
        {
            continue;
        }
        seen_sentences.push(c.sentence);
        let pcts: Vec<usize> = ctx
            .in_sentence(c, ClaimKind::Figure)
            .into_iter()
            .filter(|&j| ctx.claims[j].figure().and_then(|f| f.unit.as_deref()) == Some("percent"))
            .collect();
        let dates = ctx.in_sentence(c, ClaimKind::Date);
        // Runs of percentages joined by plain share-listing words.
        let mut runs: Vec<Vec<usize>> = Vec::new();
        for &j in &pcts {
            let p = &ctx.claims[j];
            let joined = runs.last().and_then(|r| r.last()).is_some_and(|&prev| {
                let q = &ctx.claims[prev];
                let gap = ctx.between(q.end, p.start);
                gap.len() <= 80
                    && !words(gap).iter().any(|w| NOT_SHARES.contains(&w.as_str()))
                    && !gap.chars().any(|ch| ch.is_ascii_digit())
                    && !dates
                        .iter()
                        .any(|&d| ctx.claims[d].start >= q.end && ctx.claims[d].end <= p.start)
            });
            if joined {
                if let Some(r) = runs.last_mut() {
                    r.push(j);
                }
            } else {
                runs.push(vec![j]);
            }
        }
        for run in runs.into_iter().filter(|r| r.len() >= 2) {
            let mut amounts = Vec::new();
            let mut wholes = Vec::new();
            let mut usable = true;
            for &j in &run {
                let p = &ctx.claims[j];
                let Some(f) = p.figure() else {
                    usable = false;
                    break;
                };
                let lower_bound = matches!(
                    f.qualifier.as_deref(),
                    None | Some("more than") | Some("at least")
                );
                let before = words(&ctx.before(p.start, 12));
                let changes = before
                    .last()
                    .is_some_and(|w| ["by", "to", "from", "of"].contains(&w.as_str()));
                let after = ctx.after(p.end, 24);
                if !lower_bound
                    || f.upper.is_some()
                    || changes
                    || after.trim_start().starts_with("point")
                {
                    usable = false;
                    break;
                }
                if let Some(rest) = after.trim_start().strip_prefix("of ") {
                    let whole = words(rest).into_iter().find(|w| w != "the");
                    wholes.push(whole);
                }
                amounts.push(f.amount.unwrap_or(0.0));
            }
            wholes.dedup();
            if !usable || wholes.len() > 1 {
                continue;
            }
            let sum: f64 = amounts.iter().sum();
            if sum > 100.0 + 0.5 * amounts.len() as f64 {
                let terms: Vec<String> = amounts.iter().map(|a| num(*a)).collect();
                flags.push(Flag {
                    check: Check::PercentShares,
                    claims: run.clone(),
                    message: format!(
                        "shares listed together add up to {} percent ({}), past 100",
                        num(sum),
                        terms.join(" + ")
                    ),
                });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// The same quantity stated two ways

/// For a rounded figure ("1.2 million"), the step its last digit stands for (100,000).
fn rounding_step(c: &Claim, amount: f64) -> Option<f64> {
    if !names_large_scale(&c.text) {
        return None;
    }
    let t = c.text.to_lowercase();
    let numeral: String = t
        .chars()
        .skip_while(|ch| !ch.is_ascii_digit())
        .take_while(|ch| ch.is_ascii_digit() || *ch == '.' || *ch == ',')
        .filter(|ch| *ch != ',')
        .collect();
    let shown: f64 = numeral.parse().ok()?;
    if shown <= 0.0 {
        return None;
    }
    let decimals = numeral.split('.').nth(1).map_or(0, str::len) as i32;
    let scale = amount / shown;
    Some(scale * 10f64.powi(-decimals))
}

/// A figure written out in full digits ("1,150,000"), with no scale word.
fn is_precise(c: &Claim) -> bool {
    let digits = c.text.chars().filter(char::is_ascii_digit).count();
    digits >= 4 && !names_large_scale(&c.text)
}

/// Whether a figure's text spells out a scale of a thousand or more, singular or plural,
/// as the numbers lexicon lists them ("1.2 million", "3 lakh", "thousands", "2.5trillion").
fn names_large_scale(text: &str) -> bool {
    let numbers = numbers();
    text.to_lowercase()
        .split(|ch: char| !ch.is_alphabetic())
        .any(|word| {
            let singular = word.strip_suffix('s').unwrap_or(word);
            [word, singular]
                .into_iter()
                .any(|w| numbers.spelled_scale(w).is_some_and(|value| value >= 1e3))
        })
}

fn same_quantity(ctx: &Ctx<'_>, flags: &mut Vec<Flag>) {
    // A figure and its restatement in brackets: "15 (fifteen)", "fifteen (15)".
    for w in ctx.order.windows(2) {
        let (a, b) = (&ctx.claims[w[0]], &ctx.claims[w[1]]);
        if a.kind != ClaimKind::Figure || b.kind != ClaimKind::Figure {
            continue;
        }
        let gap = ctx.between(a.end, b.start).trim();
        let closes = ctx.after(b.end, 2).trim_start().starts_with(')');
        if gap != "(" || !closes {
            continue;
        }
        let (Some((x, fa)), Some((y, fb))) = (exact(a), exact(b)) else {
            continue;
        };
        let spelled = |c: &Claim| !c.text.chars().any(|ch| ch.is_ascii_digit());
        let same_unit = fa.unit == fb.unit || fa.unit.is_none() || fb.unit.is_none();
        if spelled(a) != spelled(b) && same_unit && (x - y).abs() > 1e-9 {
            flags.push(Flag {
                check: Check::SameQuantity,
                claims: vec![w[0], w[1]],
                message: format!(
                    "{} is restated as {}, which is {}",
                    quoted(a),
                    quoted(b),
                    num(y)
                ),
            });
        }
    }
    // A rounded figure and a precise one for the same counted thing that the rounding
    // cannot reconcile: "1.2 million residents" and "1,150,000 residents".
    for &i in &ctx.order {
        let r = &ctx.claims[i];
        let Some((x, fr)) = exact(r) else { continue };
        let Some(unit) = fr.unit.as_deref() else {
            continue;
        };
        if unit == "percent" || is_time_unit(Some(unit)) {
            continue;
        }
        let Some(step) = rounding_step(r, x) else {
            continue;
        };
        for &j in &ctx.order {
            let p = &ctx.claims[j];
            let Some((y, fp)) = exact(p) else { continue };
            if j == i || fp.unit.as_deref() != Some(unit) || !is_precise(p) {
                continue;
            }
            let diff = (x - y).abs();
            if diff >= step / 2.0 && diff <= 0.15 * x.max(y) {
                flags.push(Flag {
                    check: Check::SameQuantity,
                    claims: vec![j, i],
                    message: format!(
                        "{} and {} look like the same {unit} count but differ by {}",
                        quoted(p),
                        quoted(r),
                        num(diff)
                    ),
                });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Dates after publication in the past tense

const PAST_VERBS: [&str; 48] = [
    "was",
    "were",
    "had",
    "did",
    "said",
    "took",
    "died",
    "killed",
    "happened",
    "occurred",
    "began",
    "ended",
    "won",
    "lost",
    "held",
    "signed",
    "announced",
    "launched",
    "arrested",
    "attacked",
    "released",
    "opened",
    "closed",
    "crashed",
    "voted",
    "elected",
    "met",
    "left",
    "arrived",
    "fell",
    "rose",
    "reported",
    "confirmed",
    "passed",
    "approved",
    "visited",
    "told",
    "struck",
    "collapsed",
    "invaded",
    "captured",
    "resigned",
    "sentenced",
    "charged",
    "shot",
    "found",
    "agreed",
    "published",
];

const FUTURE_MARKS: [&str; 22] = [
    "will",
    "would",
    "shall",
    "could",
    "may",
    "might",
    "should",
    "scheduled",
    "expected",
    "plans",
    "planned",
    "planning",
    "due",
    "set",
    "going",
    "forecast",
    "projected",
    "aims",
    "target",
    "hopes",
    "intends",
    "until",
];

/// Words before a participle that make it present or passive-present ("is needed").
const PRESENT_AUX: [&str; 7] = ["is", "are", "be", "been", "being", "has", "have"];

/// "-ed" words that are rarely a past-tense verb.
const NOT_PAST: [&str; 16] = [
    "based",
    "related",
    "proposed",
    "united",
    "advanced",
    "limited",
    "detailed",
    "armed",
    "indeed",
    "hundred",
    "supposed",
    "concerned",
    "interested",
    "required",
    "qualified",
    "skilled",
];

/// A lower-case regular past form ("lifted", "posted"), not a known adjective.
fn is_regular_past(w: &str) -> bool {
    w.len() >= 5
        && w.ends_with("ed")
        && w.chars().all(|c| c.is_ascii_lowercase())
        && !NOT_PAST.contains(&w)
        && !FUTURE_MARKS.contains(&w)
}

fn future_in_past(ctx: &Ctx<'_>, flags: &mut Vec<Flag>) {
    let Some(published) = ctx.published else {
        return;
    };
    for &i in &ctx.order {
        let c = &ctx.claims[i];
        let Some((y, m, d)) = c.date().and_then(|v| v.iso.as_deref()).and_then(ymd) else {
            continue;
        };
        let after_publication = match (m, d) {
            (Some(m), Some(d)) => {
                (y, m, d) > (published.year(), published.month(), published.day())
            }
            (Some(m), None) => (y, m) > (published.year(), published.month()),
            _ => y > published.year(),
        };
        // Only dates written with their year: "next Friday" resolves forward by design.
        if !after_publication || !has_year(&c.text) {
            continue;
        }
        let lead = words(&ctx.before(c.start, 12));
        if lead.last().is_some_and(|w| {
            [
                "by", "until", "till", "through", "before", "to", "and", "between", "from",
            ]
            .contains(&w.as_str())
        }) {
            continue;
        }
        // Case kept, so the month "May" is not the verb "may".
        let sentence: Vec<&str> = ctx
            .sentence(c)
            .split(|ch: char| !ch.is_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        if sentence.iter().any(|w| FUTURE_MARKS.contains(w)) {
            continue;
        }
        let Some(verb) = sentence
            .iter()
            .enumerate()
            .find(|(k, w)| {
                PAST_VERBS.contains(w)
                    || (is_regular_past(w)
                        && !k
                            .checked_sub(1)
                            .and_then(|p| sentence.get(p))
                            .is_some_and(|p| PRESENT_AUX.contains(p)))
            })
            .map(|(_, w)| w)
        else {
            continue;
        };
        flags.push(Flag {
            check: Check::FutureInPast,
            claims: vec![i],
            message: format!(
                "{} is after publication ({}) but the sentence says \u{201c}{verb}\u{201d}",
                one_line(&c.text),
                published.format("%-d %B %Y")
            ),
        });
    }
}

#[cfg(test)]
mod tests;
