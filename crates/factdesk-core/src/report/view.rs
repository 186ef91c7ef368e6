//! The view the HTML and Markdown templates render: the selected articles cut into text
//! pieces around their claims, the footnotes, the summary table and the chart geometry.
//! Everything here is plain data; the templates escape every string they print.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::claim::ClaimKind;
use crate::review::{HistoryEvent, Origin, ReviewedClaim, Source, Status};

use super::{
    claim_anchor, is_web_link, kind_label, one_line, placeable, status_label, value_text, Ctx,
    Numbered, Publisher, Selected, StatusCounts, Tally,
};

/// The report around its articles, as the templates see it: everything but the articles
/// themselves, which are rendered one at a time from [`ArticleView`]s.
#[derive(Debug, Serialize)]
pub(crate) struct ReportView<'a> {
    pub title: &'a str,
    pub generated_at: String,
    pub generated_at_iso: String,
    pub generated_by: &'a str,
    pub scope: Option<&'a str>,
    pub selection: Option<String>,
    pub publisher: Option<&'a Publisher>,
    pub publication_url: Option<&'a str>,
    pub article_count: usize,
    pub claim_count: usize,
    pub checked_count: usize,
    pub checked_percent: usize,
    pub false_or_misleading: usize,
    pub dismissed_shown: usize,
    pub statuses: Vec<StatusInfo>,
    pub summary: Summary,
    pub chart: Chart,
}

/// An article's entry in the table of contents.
#[derive(Debug, Serialize)]
pub(crate) struct TocEntry {
    pub anchor: String,
    pub title: String,
    pub claim_total: usize,
    pub counts: Vec<StatusInfo>,
}

impl TocEntry {
    pub fn of(selected: &Selected<'_>) -> TocEntry {
        let counts = StatusCounts::of(selected.claims.iter().map(|n| n.claim));
        TocEntry {
            anchor: article_anchor(&selected.review.article.id),
            title: selected.review.article.title.clone(),
            claim_total: counts.total(),
            counts: status_infos(&counts, false),
        }
    }
}

/// One verdict for legends and table headers.
#[derive(Debug, Serialize)]
pub(crate) struct StatusInfo {
    pub key: &'static str,
    pub label: &'static str,
    pub count: usize,
}

/// Counts of shown claims by kind (rows) and verdict (columns in [`Status::ALL`] order).
#[derive(Debug, Serialize)]
pub(crate) struct Summary {
    pub rows: Vec<SummaryRow>,
    pub totals: Vec<usize>,
    pub total: usize,
}

/// One kind's counts.
#[derive(Debug, Serialize)]
pub(crate) struct SummaryRow {
    pub kind: &'static str,
    pub label: &'static str,
    pub counts: Vec<usize>,
    pub total: usize,
}

/// A horizontal stacked bar chart of verdict counts by kind, laid out in SVG user units.
#[derive(Debug, Serialize)]
pub(crate) struct Chart {
    pub width: u32,
    pub height: u32,
    pub bar_x: u32,
    pub bar_height: u32,
    pub rows: Vec<ChartRow>,
    pub legend: Vec<LegendItem>,
    pub description: String,
}

/// One bar.
#[derive(Debug, Serialize)]
pub(crate) struct ChartRow {
    pub label: &'static str,
    pub y: u32,
    pub text_y: u32,
    pub total: usize,
    pub total_x: f64,
    pub segments: Vec<Segment>,
}

/// One verdict's part of a bar.
#[derive(Debug, Serialize)]
pub(crate) struct Segment {
    pub status: &'static str,
    pub label: &'static str,
    pub count: usize,
    pub x: f64,
    pub width: f64,
    pub text_x: f64,
    pub show_count: bool,
}

/// One legend entry (swatch and words).
#[derive(Debug, Serialize)]
pub(crate) struct LegendItem {
    pub status: &'static str,
    pub label: &'static str,
    pub count: usize,
    pub x: u32,
    pub y: u32,
}

/// An article with its text cut into pieces and its footnotes.
#[derive(Debug, Serialize)]
pub(crate) struct ArticleView<'a> {
    pub id: &'a str,
    pub anchor: String,
    pub title: &'a str,
    pub byline: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub url: Option<&'a str>,
    /// The address when it is safe to link (http or https).
    pub href: Option<&'a str>,
    pub published: Option<String>,
    pub imported_at: String,
    /// Where the text was read from (a web address, or a file's name) and its format.
    pub source: Option<crate::review::Provenance>,
    /// The source when it is safe to link (http or https).
    pub source_href: Option<String>,
    pub counts: Vec<StatusInfo>,
    pub claim_total: usize,
    /// The editors who signed the article off on its desk, with when.
    pub sign_offs: Vec<SignOffView<'a>>,
    /// Rendered in chunks of their own (see `templates::write_parts`), never as part of
    /// the article's template values.
    #[serde(skip)]
    pub pieces: Vec<Piece<'a>>,
    #[serde(skip)]
    pub footnotes: Vec<Footnote<'a>>,
    pub has_footnotes: bool,
    pub dismissed: Vec<Footnote<'a>>,
    pub unplaced: usize,
}

/// A piece of article text or a claim boundary, in reading order.
///
/// `t` is `"text"` (plain text), `"open"` and `"close"` (a claim's highlight starts or
/// ends; `outer` when no other highlight is open around it, `continued` when a highlight
/// re-opens after an overlapping one closed) or `"ref"` (the footnote number after a
/// claim). `bold` marks the outer highlights Markdown can show as bold: those within one
/// paragraph.
#[derive(Debug, Serialize)]
pub(crate) struct Piece<'a> {
    pub t: &'static str,
    pub text: &'a str,
    pub number: usize,
    pub status: &'static str,
    pub label: &'static str,
    pub kind: &'static str,
    pub anchor: String,
    pub outer: bool,
    pub bold: bool,
    pub continued: bool,
}

/// A claim's footnote.
#[derive(Debug, Serialize)]
pub(crate) struct Footnote<'a> {
    pub id: &'a str,
    pub number: Option<usize>,
    pub anchor: String,
    pub status: &'static str,
    pub label: &'static str,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub text: String,
    pub value: Option<String>,
    pub speaker: Option<&'a str>,
    pub reviewer: Option<&'a str>,
    pub reviewed_at: Option<String>,
    pub note: Option<&'a str>,
    pub sources: Vec<SourceView<'a>>,
    pub manual: bool,
    pub orphaned: bool,
    pub placed: bool,
    pub history: Vec<HistoryView<'a>>,
    /// Why a consistency check flagged the claim, one line each.
    pub flags: Vec<String>,
}

/// A cited source.
#[derive(Debug, Serialize)]
pub(crate) struct SourceView<'a> {
    pub title: Option<&'a str>,
    pub url: Option<&'a str>,
    /// The address when it is safe to link (http or https); other schemes show as text.
    pub href: Option<&'a str>,
    pub citation: Option<&'a str>,
    pub shows: Option<&'a str>,
    pub accessed: Option<String>,
}

/// An editor's sign-off, as the report shows it.
#[derive(Debug, Serialize)]
pub(crate) struct SignOffView<'a> {
    pub editor: &'a str,
    pub at: String,
    pub at_iso: String,
}

/// One change in a claim's history.
#[derive(Debug, Serialize)]
pub(crate) struct HistoryView<'a> {
    pub at: String,
    pub by: &'a str,
    pub field: &'a str,
    pub before: String,
    pub after: String,
}

/// "2023-04-21 14:05 UTC".
pub(crate) fn time_text(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// Builds the view around the articles from the first pass's counts.
pub(crate) fn build<'a>(ctx: &Ctx<'a>, tally: &Tally) -> ReportView<'a> {
    let counts = &tally.shown;
    let meta = ctx.meta;
    ReportView {
        title: &meta.title,
        generated_at: time_text(&meta.generated_at),
        generated_at_iso: meta.generated_at.to_rfc3339(),
        generated_by: &meta.generated_by,
        scope: meta.scope.as_deref(),
        selection: selection_text(ctx),
        publisher: meta.publisher.as_ref(),
        publication_url: meta.publication_url.as_deref(),
        article_count: tally.articles,
        claim_count: counts.total(),
        checked_count: counts.total() - counts.unchecked,
        false_or_misleading: counts.false_ + counts.misleading,
        checked_percent: (counts.total() - counts.unchecked) * 100 / counts.total().max(1),
        dismissed_shown: tally.dismissed,
        statuses: status_infos(counts, true),
        summary: summary(&tally.by_kind, counts),
        chart: chart(&tally.by_kind),
    }
}

fn selection_text(ctx: &Ctx<'_>) -> Option<String> {
    let sel = ctx.selection;
    let mut parts = Vec::new();
    if !sel.statuses.is_empty() {
        let names: Vec<&str> = sel.statuses.iter().map(|s| status_label(*s)).collect();
        parts.push(format!("verdicts: {}", names.join(", ")));
    }
    if !sel.kinds.is_empty() {
        let names: Vec<&str> = sel.kinds.iter().map(|k| kind_label(*k).1).collect();
        parts.push(format!("kinds: {}", names.join(", ")));
    }
    if sel.include_dismissed {
        parts.push("dismissed claims listed".to_string());
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn status_infos(counts: &StatusCounts, keep_zero: bool) -> Vec<StatusInfo> {
    Status::ALL
        .iter()
        .filter(|s| keep_zero || counts.get(**s) > 0)
        .map(|s| StatusInfo {
            key: s.as_str(),
            label: status_label(*s),
            count: counts.get(*s),
        })
        .collect()
}

fn summary(by_kind: &[(ClaimKind, StatusCounts)], all: &StatusCounts) -> Summary {
    Summary {
        rows: by_kind
            .iter()
            .map(|(kind, counts)| SummaryRow {
                kind: kind.as_str(),
                label: kind_label(*kind).1,
                counts: Status::ALL.iter().map(|s| counts.get(*s)).collect(),
                total: counts.total(),
            })
            .collect(),
        totals: Status::ALL.iter().map(|s| all.get(*s)).collect(),
        total: all.total(),
    }
}

const CHART_WIDTH: u32 = 680;
const CHART_BAR_X: u32 = 84;
const CHART_BAR_SPACE: u32 = 540;
const CHART_ROW: u32 = 40;
const CHART_BAR_HEIGHT: u32 = 26;
const LEGEND_ITEM_WIDTH: u32 = 112;

fn chart(by_kind: &[(ClaimKind, StatusCounts)]) -> Chart {
    let max = by_kind
        .iter()
        .map(|(_, c)| c.total())
        .max()
        .unwrap_or(0)
        .max(1);
    let scale = f64::from(CHART_BAR_SPACE) / max as f64;
    let rows: Vec<ChartRow> = by_kind
        .iter()
        .enumerate()
        .map(|(i, (kind, counts))| {
            let y = 8 + i as u32 * CHART_ROW;
            let mut x = f64::from(CHART_BAR_X);
            let segments = Status::ALL
                .iter()
                .filter(|s| counts.get(**s) > 0)
                .map(|s| {
                    let count = counts.get(*s);
                    let width = count as f64 * scale;
                    let seg = Segment {
                        status: s.as_str(),
                        label: status_label(*s),
                        count,
                        x: round1(x),
                        width: round1(width),
                        text_x: round1(x + width / 2.0),
                        show_count: width >= 20.0,
                    };
                    x += width;
                    seg
                })
                .collect();
            ChartRow {
                label: kind_label(*kind).1,
                y,
                text_y: y + CHART_BAR_HEIGHT / 2 + 5,
                total: counts.total(),
                total_x: round1(x + 8.0),
                segments,
            }
        })
        .collect();
    let legend_y = 8 + rows.len() as u32 * CHART_ROW + 10;
    let legend = Status::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| LegendItem {
            status: s.as_str(),
            label: status_label(*s),
            count: by_kind.iter().map(|(_, c)| c.get(*s)).sum(),
            x: i as u32 * LEGEND_ITEM_WIDTH,
            y: legend_y,
        })
        .collect::<Vec<_>>();
    let description = by_kind
        .iter()
        .map(|(kind, counts)| {
            let parts: Vec<String> = Status::ALL
                .iter()
                .filter(|s| counts.get(**s) > 0)
                .map(|s| format!("{} {}", counts.get(*s), s.as_str()))
                .collect();
            if parts.is_empty() {
                format!("{}: none", kind_label(*kind).1)
            } else {
                format!("{}: {}", kind_label(*kind).1, parts.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    let height = legend.last().map_or(legend_y, |l| l.y) + 20;
    Chart {
        width: CHART_WIDTH,
        height,
        bar_x: CHART_BAR_X,
        bar_height: CHART_BAR_HEIGHT,
        rows,
        legend,
        description,
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The view of one article, with its text cut into pieces and its footnotes.
pub(crate) fn article_view<'a>(selected: &Selected<'a>) -> ArticleView<'a> {
    let article = &selected.review.article;
    let counts = StatusCounts::of(selected.claims.iter().map(|n| n.claim));
    let mut footnotes = Vec::new();
    let mut dismissed = Vec::new();
    // Grouped once, so an article with many claims and a long history stays linear.
    let mut by_claim: HashMap<&str, Vec<&HistoryEvent>> = HashMap::new();
    for h in &selected.review.history {
        by_claim.entry(h.claim_id.as_str()).or_default().push(h);
    }
    let mut flags = crate::consistency::flags_by_claim(selected.review);
    for n in &selected.claims {
        let history = by_claim
            .get(n.claim.id.as_str())
            .map_or(&[][..], Vec::as_slice);
        let flagged = flags
            .remove(&n.claim.id)
            .unwrap_or_default()
            .into_iter()
            .map(|f| f.message)
            .collect();
        let note = footnote(selected, n, history, flagged);
        if n.claim.dismissed {
            dismissed.push(note);
        } else {
            footnotes.push(note);
        }
    }
    ArticleView {
        id: &article.id,
        anchor: article_anchor(&article.id),
        title: &article.title,
        byline: article.byline.as_deref(),
        outlet: article.outlet.as_deref(),
        url: article.url.as_deref(),
        href: article.url.as_deref().filter(|u| is_web_link(u)),
        published: article.published.map(|d| d.to_string()),
        imported_at: time_text(&article.imported_at),
        source: article.provenance.as_ref().map(super::shown_source),
        source_href: article
            .provenance
            .as_ref()
            .map(|p| p.source.clone())
            .filter(|s| is_web_link(s)),
        counts: status_infos(&counts, false),
        claim_total: counts.total(),
        sign_offs: selected
            .review
            .sign_offs
            .iter()
            .map(|s| SignOffView {
                editor: &s.editor,
                at: time_text(&s.at),
                at_iso: s.at.to_rfc3339(),
            })
            .collect(),
        unplaced: footnotes.iter().filter(|f| !f.placed).count(),
        pieces: pieces(selected),
        has_footnotes: !footnotes.is_empty(),
        footnotes,
        dismissed,
    }
}

fn article_anchor(id: &str) -> String {
    format!("article-{}", anchor_safe(id))
}

fn anchor_safe(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

fn footnote<'a>(
    selected: &Selected<'a>,
    n: &Numbered<'a>,
    history: &[&'a HistoryEvent],
    flags: Vec<String>,
) -> Footnote<'a> {
    let c = n.claim;
    Footnote {
        id: &c.id,
        number: n.number,
        anchor: claim_anchor(c),
        status: c.status.as_str(),
        label: status_label(c.status),
        kind: c.claim.kind.as_str(),
        kind_label: kind_label(c.claim.kind).0,
        text: one_line(&c.claim.text),
        value: value_text(&c.claim),
        speaker: c.claim.speaker.as_deref(),
        reviewer: c.reviewer.as_deref(),
        reviewed_at: c.reviewed_at.as_ref().map(time_text),
        note: c.note.as_deref().filter(|n| !n.trim().is_empty()),
        sources: c.sources.iter().map(source_view).collect(),
        manual: c.origin == Origin::Manual,
        orphaned: c.orphaned,
        placed: placeable(selected.review, &c.claim),
        history: history.iter().map(|h| history_view(h)).collect(),
        flags,
    }
}

fn source_view(s: &Source) -> SourceView<'_> {
    SourceView {
        title: s.title.as_deref(),
        url: s.url.as_deref(),
        href: s.url.as_deref().filter(|u| is_web_link(u)),
        citation: s.citation.as_deref(),
        shows: s.shows.as_deref(),
        accessed: s.accessed.map(|d| d.to_string()),
    }
}

fn history_view(h: &HistoryEvent) -> HistoryView<'_> {
    HistoryView {
        at: time_text(&h.at),
        by: &h.by,
        field: &h.field,
        before: json_text(&h.before),
        after: json_text(&h.after),
    }
}

/// A history value in words: strings as they are, nothing as "—", anything else as
/// compact JSON.
fn json_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "—".to_string(),
        serde_json::Value::String(s) => one_line(s),
        other => other.to_string(),
    }
}

/// Cuts the article text into pieces around its placed, non-dismissed claims. Highlights
/// nest; where two claims overlap without nesting, the inner highlight closes and re-opens
/// so the markup stays well formed. Each claim's footnote number follows its end.
fn pieces<'a>(selected: &Selected<'a>) -> Vec<Piece<'a>> {
    let text = selected.review.article.text.as_str();
    let mut placed: Vec<(usize, &'a ReviewedClaim)> = selected
        .claims
        .iter()
        .filter_map(|n| Some((n.number?, n.claim)))
        .filter(|(_, c)| placeable(selected.review, &c.claim))
        .collect();
    placed.sort_by_key(|(number, c)| (c.claim.start, std::cmp::Reverse(c.claim.end), *number));

    let mut bounds: Vec<usize> = placed
        .iter()
        .flat_map(|(_, c)| [c.claim.start, c.claim.end])
        .collect();
    bounds.sort_unstable();
    bounds.dedup();

    let mut out = Vec::with_capacity(placed.len() * 4 + 1);
    let mut stack: Vec<(usize, &'a ReviewedClaim)> = Vec::new();
    let mut next_open = 0;
    let mut pos = 0;
    for b in bounds {
        if b > pos {
            out.push(text_piece(&text[pos..b]));
            pos = b;
        }
        // Close every highlight ending here, and whatever is open inside the outermost one.
        if let Some(lowest) = stack.iter().position(|(_, c)| c.claim.end == b) {
            let closing = stack.split_off(lowest);
            let mut refs = Vec::new();
            let mut reopen = Vec::new();
            for (i, entry) in closing.iter().enumerate().rev() {
                out.push(mark_piece("close", entry, lowest + i == 0, false));
                if entry.1.claim.end == b {
                    refs.push(*entry);
                } else {
                    reopen.push(*entry);
                }
            }
            refs.sort_by_key(|(number, _)| *number);
            for entry in &refs {
                out.push(mark_piece("ref", entry, stack.is_empty(), false));
            }
            for entry in reopen.into_iter().rev() {
                out.push(mark_piece("open", &entry, stack.is_empty(), true));
                stack.push(entry);
            }
        }
        while let Some(entry) = placed.get(next_open).filter(|(_, c)| c.claim.start == b) {
            out.push(mark_piece("open", entry, stack.is_empty(), false));
            stack.push(*entry);
            next_open += 1;
        }
    }
    if pos < text.len() {
        out.push(text_piece(&text[pos..]));
    }
    out
}

fn text_piece(text: &str) -> Piece<'_> {
    Piece {
        t: "text",
        text,
        number: 0,
        status: "",
        label: "",
        kind: "",
        anchor: String::new(),
        outer: false,
        bold: false,
        continued: false,
    }
}

fn mark_piece<'a>(
    t: &'static str,
    (number, claim): &(usize, &'a ReviewedClaim),
    outer: bool,
    continued: bool,
) -> Piece<'a> {
    Piece {
        t,
        text: "",
        number: *number,
        status: claim.status.as_str(),
        label: status_label(claim.status),
        kind: claim.claim.kind.as_str(),
        anchor: claim_anchor(claim),
        outer,
        bold: outer && !claim.claim.text.contains('\n'),
        continued,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::Claim;
    use crate::review::{Article, ArticleReview};
    use proptest::prelude::*;

    fn review_with(text: &str, spans: &[(usize, usize)]) -> ArticleReview {
        let claims = spans
            .iter()
            .enumerate()
            .map(|(i, &(start, end))| ReviewedClaim {
                id: format!("c{i}"),
                article_id: "a1".into(),
                claim: Claim {
                    kind: ClaimKind::Figure,
                    start,
                    end,
                    text: text.get(start..end).unwrap_or("").to_string(),
                    value: None,
                    speaker: None,
                    cue: None,
                    sentence: crate::claim::Span::new(0, text.len()),
                },
                origin: Origin::Extracted,
                dismissed: false,
                orphaned: false,
                status: Status::ALL[i % Status::ALL.len()],
                note: None,
                reviewer: None,
                reviewed_at: None,
                sources: Vec::new(),
            })
            .collect();
        ArticleReview {
            article: Article {
                id: "a1".into(),
                title: "t".into(),
                byline: None,
                outlet: None,
                url: None,
                published: None,
                imported_at: DateTime::<Utc>::UNIX_EPOCH,
                text: text.to_string(),
                content_hash: String::new(),
                provenance: None,
            },
            claims,
            history: Vec::new(),
            sign_offs: Vec::new(),
        }
    }

    fn cut(review: &ArticleReview) -> Vec<Piece<'_>> {
        let selected = Selected {
            review,
            claims: review
                .claims
                .iter()
                .enumerate()
                .map(|(i, claim)| Numbered {
                    number: Some(i + 1),
                    claim,
                })
                .collect(),
        };
        pieces(&selected)
    }

    /// Checks the promises of [`pieces`]: the text pieces give back the article, highlights
    /// nest properly, each placed claim gets exactly one reference right where it ends, and
    /// each claim's highlights cover exactly its span.
    fn check(text: &str, spans: &[(usize, usize)]) {
        let review = review_with(text, spans);
        let pieces = cut(&review);
        let joined: String = pieces.iter().map(|p| p.text).collect();
        assert_eq!(joined, text);
        let mut stack: Vec<usize> = Vec::new();
        let mut pos = 0;
        let mut covered: Vec<Vec<(usize, usize)>> = vec![Vec::new(); spans.len()];
        let mut refs = vec![None; spans.len()];
        for p in &pieces {
            match p.t {
                "text" => {
                    for &n in &stack {
                        covered[n - 1].push((pos, pos + p.text.len()));
                    }
                    pos += p.text.len();
                }
                "open" => {
                    assert_eq!(p.outer, stack.is_empty());
                    stack.push(p.number);
                }
                "close" => {
                    assert_eq!(stack.pop(), Some(p.number), "well nested");
                    assert_eq!(p.outer, stack.is_empty());
                }
                "ref" => {
                    assert!(refs[p.number - 1].replace(pos).is_none(), "one ref each");
                }
                other => panic!("unknown piece {other}"),
            }
        }
        assert!(stack.is_empty(), "every highlight closed");
        for (i, &(start, end)) in spans.iter().enumerate() {
            let placeable = start < end && text.get(start..end).is_some();
            if !placeable {
                assert_eq!(refs[i], None);
                continue;
            }
            assert_eq!(refs[i], Some(end), "claim {i}'s reference follows its end");
            let mut parts = covered[i].clone();
            parts.retain(|(a, b)| a < b);
            assert_eq!(parts.first().map(|p| p.0), Some(start));
            assert_eq!(parts.last().map(|p| p.1), Some(end));
            assert!(parts.windows(2).all(|w| w[0].1 == w[1].0), "contiguous");
        }
    }

    #[test]
    fn overlapping_claims_split_into_well_nested_highlights() {
        check("0123456789abcdefghij", &[(0, 10), (5, 15)]);
        check("0123456789abcdefghij", &[(0, 10), (0, 10), (2, 4)]);
        check("0123456789abcdefghij", &[(3, 8), (0, 20), (8, 12)]);
    }

    #[test]
    fn claims_that_do_not_fit_the_text_are_not_highlighted() {
        check("héllo world", &[(1, 2), (0, 40), (6, 11)]);
    }

    proptest! {
        #[test]
        fn any_claims_give_well_formed_pieces(
            spans in proptest::collection::vec((0usize..40, 0usize..40), 0..8)
        ) {
            check("Stoltenberg said “€15 billion” — 14 tanks.", &spans);
        }
    }
}
