//! Transfer types: what crosses the IPC boundary, shaped for the UI.
//!
//! The core's types stay as the core needs them; each view here is built `From` them.
//! Offsets change unit on the way: the core counts UTF-8 bytes, a web view counts UTF-16
//! code units, so every span the UI receives or sends is in UTF-16 units. The TypeScript
//! declarations in `ui/src/lib/bindings/` are generated from these types by `cargo test`.

use factdesk_core::review::{self, ArticleReview, HistoryEvent, ReviewedClaim};
use factdesk_core::{ClaimKind, ClaimValue};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::store;

/// A claim's kind as the UI names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Kind {
    Figure,
    Date,
    Quote,
}

impl From<ClaimKind> for Kind {
    fn from(kind: ClaimKind) -> Self {
        match kind {
            ClaimKind::Figure => Kind::Figure,
            ClaimKind::Date => Kind::Date,
            ClaimKind::Quote => Kind::Quote,
        }
    }
}

impl From<Kind> for ClaimKind {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::Figure => ClaimKind::Figure,
            Kind::Date => ClaimKind::Date,
            Kind::Quote => ClaimKind::Quote,
        }
    }
}

/// A verdict as the UI names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Status {
    Unchecked,
    Verified,
    Disputed,
    False,
    Misleading,
    Unverifiable,
}

impl From<review::Status> for Status {
    fn from(status: review::Status) -> Self {
        match status {
            review::Status::Unchecked => Status::Unchecked,
            review::Status::Verified => Status::Verified,
            review::Status::Disputed => Status::Disputed,
            review::Status::False => Status::False,
            review::Status::Misleading => Status::Misleading,
            review::Status::Unverifiable => Status::Unverifiable,
        }
    }
}

impl From<Status> for review::Status {
    fn from(status: Status) -> Self {
        match status {
            Status::Unchecked => review::Status::Unchecked,
            Status::Verified => review::Status::Verified,
            Status::Disputed => review::Status::Disputed,
            Status::False => review::Status::False,
            Status::Misleading => review::Status::Misleading,
            Status::Unverifiable => review::Status::Unverifiable,
        }
    }
}

/// Claims per verdict (dismissed claims not counted).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Counts {
    pub unchecked: u32,
    pub verified: u32,
    pub disputed: u32,
    #[serde(rename = "false")]
    #[ts(rename = "false")]
    pub false_: u32,
    pub misleading: u32,
    pub unverifiable: u32,
}

impl From<&store::StatusCounts> for Counts {
    fn from(counts: &store::StatusCounts) -> Self {
        let n = |s| u32::try_from(counts.get(s)).unwrap_or(u32::MAX);
        Counts {
            unchecked: n(review::Status::Unchecked),
            verified: n(review::Status::Verified),
            disputed: n(review::Status::Disputed),
            false_: n(review::Status::False),
            misleading: n(review::Status::Misleading),
            unverifiable: n(review::Status::Unverifiable),
        }
    }
}

/// One row of the library.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ArticleRow {
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    /// ISO date, when known.
    pub published: Option<String>,
    /// RFC 3339 instant.
    pub imported_at: String,
    pub counts: Counts,
    /// Claims on the article, dismissed ones excluded.
    pub claims: u32,
}

impl From<store::ArticleSummary> for ArticleRow {
    fn from(row: store::ArticleSummary) -> Self {
        ArticleRow {
            counts: Counts::from(&row.counts),
            id: row.id,
            title: row.title,
            outlet: row.outlet,
            published: row.published.map(|d| d.to_string()),
            imported_at: row.imported_at.to_rfc3339(),
            claims: u32::try_from(row.claims).unwrap_or(u32::MAX),
        }
    }
}

/// The order of the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LibrarySort {
    #[default]
    Newest,
    Oldest,
    Title,
    MostUnchecked,
}

impl From<LibrarySort> for store::ArticleSort {
    fn from(sort: LibrarySort) -> Self {
        match sort {
            LibrarySort::Newest => store::ArticleSort::Newest,
            LibrarySort::Oldest => store::ArticleSort::Oldest,
            LibrarySort::Title => store::ArticleSort::Title,
            LibrarySort::MostUnchecked => store::ArticleSort::MostUnchecked,
        }
    }
}

/// Which part of the library to show: a filter, an order and a window of rows.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct LibraryQuery {
    /// Words every article shown must have in its title or text.
    #[ts(optional)]
    pub query: Option<String>,
    /// Only articles with a claim of this status.
    #[ts(optional)]
    pub status: Option<Status>,
    /// Only articles with a claim of this kind.
    #[ts(optional)]
    pub kind: Option<Kind>,
    #[ts(optional)]
    pub sort: Option<LibrarySort>,
    /// Position of the first row wanted in the whole list.
    pub offset: u32,
    /// How many rows at most.
    pub limit: u32,
}

/// A window of the library and the size of the whole list it is part of.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LibraryPage {
    /// Articles passing the filter in all.
    pub total: u32,
    /// Position of `rows[0]` in the whole list.
    pub offset: u32,
    pub rows: Vec<ArticleRow>,
}

impl From<store::ArticlePage> for LibraryPage {
    fn from(page: store::ArticlePage) -> Self {
        LibraryPage {
            total: u32::try_from(page.total).unwrap_or(u32::MAX),
            offset: u32::try_from(page.offset).unwrap_or(u32::MAX),
            rows: page.articles.into_iter().map(Into::into).collect(),
        }
    }
}

/// A range of the article text in UTF-16 code units, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Range {
    pub start: u32,
    pub end: u32,
}

/// A figure's normalized value.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Figure {
    pub amount: Option<f64>,
    pub upper: Option<f64>,
    pub unit: Option<String>,
    pub qualifier: Option<String>,
}

/// A source cited for a verdict.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SourceView {
    pub id: String,
    pub url: Option<String>,
    pub citation: Option<String>,
    pub title: Option<String>,
    pub shows: Option<String>,
    pub accessed: Option<String>,
}

impl From<review::Source> for SourceView {
    fn from(s: review::Source) -> Self {
        SourceView {
            id: s.id,
            url: s.url,
            citation: s.citation,
            title: s.title,
            shows: s.shows,
            accessed: s.accessed.map(|d| d.to_string()),
        }
    }
}

/// A claim with everything the review screen shows about it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ClaimView {
    pub id: String,
    pub kind: Kind,
    /// Where the claim stands in the article text.
    pub range: Range,
    pub text: String,
    pub figure: Option<Figure>,
    /// The value in words, as reports give it ("more than 230 tank", "98 percent",
    /// "2023-04-20"); `None` for quotes.
    pub value: Option<String>,
    /// A date's ISO value ("2023-04-20", "2022-02", "2023-W16"…), when resolved.
    pub date: Option<String>,
    /// For a quote, who said it.
    pub speaker: Option<String>,
    /// For a quote, the attribution words the speaker was read from.
    pub cue: Option<Range>,
    pub status: Status,
    pub note: Option<String>,
    pub reviewer: Option<String>,
    pub reviewed_at: Option<String>,
    pub sources: Vec<SourceView>,
    pub dismissed: bool,
    /// True when a text change left the claim without an exact place.
    pub orphaned: bool,
    /// True for a claim an editor marked by hand.
    pub manual: bool,
    /// What the article's consistency checks found wrong with this claim.
    pub flags: Vec<FlagView>,
    /// Set when the claim's verdict was given by someone else on the desk and pulled
    /// since the editor last looked at the claim.
    pub changed_by: Option<ChangedBy>,
}

/// Who gave a claim its verdict on another machine, and when.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ChangedBy {
    pub by: String,
    /// RFC 3339 instant.
    pub at: String,
    pub status: Status,
}

impl From<store::UnseenChange> for ChangedBy {
    fn from(u: store::UnseenChange) -> Self {
        ChangedBy {
            by: u.by,
            at: u.at.to_rfc3339(),
            status: u.status.into(),
        }
    }
}

/// A consistency check's finding on a claim: which check, and one line saying why.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FlagView {
    /// The check ("parts_total", "weekday", "age", "duration", "percent_shares",
    /// "same_quantity", "future_in_past").
    pub check: String,
    pub message: String,
    /// Every claim the finding involves, this one among them.
    pub claim_ids: Vec<String>,
}

impl From<factdesk_core::consistency::ClaimFlag> for FlagView {
    fn from(f: factdesk_core::consistency::ClaimFlag) -> Self {
        FlagView {
            check: f.check.as_str().into(),
            message: f.message,
            claim_ids: f.claim_ids,
        }
    }
}

/// An earlier claim elsewhere in the library that states the same thing as a claim, or
/// states it differently.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct EarlierClaim {
    pub claim_id: String,
    pub article_id: String,
    pub article_title: String,
    pub text: String,
    /// "same", "fragment" (a partial quote of it, or the longer quote), "misquote" (words
    /// changed, see `diff`) or "differs" (another amount or date about the same subject).
    pub relation: String,
    /// True when the same words are given to another speaker.
    pub other_speaker: bool,
    pub speaker: Option<String>,
    /// A figure's or date's value in words.
    pub value: Option<String>,
    pub status: Status,
    pub note: Option<String>,
    pub reviewer: Option<String>,
    pub sources: Vec<SourceView>,
    /// For a misquote: the words from the earlier quote to this one.
    pub diff: Vec<DiffPart>,
}

/// A run of words in a misquote's diff: "same", "removed" (in the earlier quote only) or
/// "added" (in this one only).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DiffPart {
    pub op: String,
    pub words: String,
}

/// What the library already knows about a claim.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MemoryView {
    /// Earlier claims stating the same thing, with their verdicts: reusable.
    pub seen_before: Vec<EarlierClaim>,
    /// Earlier claims stating it differently: misquotes, another speaker, another amount.
    pub said_differently: Vec<EarlierClaim>,
}

impl From<factdesk_core::store::MemoryMatch> for EarlierClaim {
    fn from(m: factdesk_core::store::MemoryMatch) -> Self {
        let relation = serde_json::to_value(m.relation)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        let c = m.claim;
        let value = match &c.claim.value {
            Some(ClaimValue::Figure(f)) => f.amount.map(|a| {
                let mut v = factdesk_core::report::format_amount(a);
                if let Some(unit) = &f.unit {
                    v = format!("{v} {unit}");
                }
                v
            }),
            Some(ClaimValue::Date(d)) => d.iso.clone(),
            None => None,
        };
        EarlierClaim {
            claim_id: c.id,
            article_id: c.article_id,
            article_title: m.article_title,
            text: c.claim.text,
            relation,
            other_speaker: m.other_speaker,
            speaker: c.claim.speaker,
            value,
            status: c.status.into(),
            note: c.note,
            reviewer: c.reviewer,
            sources: c.sources.into_iter().map(SourceView::from).collect(),
            diff: m
                .diff
                .into_iter()
                .map(|d| DiffPart {
                    op: serde_json::to_value(d.op)
                        .ok()
                        .and_then(|v| v.as_str().map(String::from))
                        .unwrap_or_default(),
                    words: d.words,
                })
                .collect(),
        }
    }
}

impl From<factdesk_core::store::ClaimMemory> for MemoryView {
    fn from(m: factdesk_core::store::ClaimMemory) -> Self {
        MemoryView {
            seen_before: m.seen_before.into_iter().map(Into::into).collect(),
            said_differently: m.said_differently.into_iter().map(Into::into).collect(),
        }
    }
}

impl ClaimView {
    /// The view of `claim`, with offsets converted through `offsets` (its article's).
    pub fn new(claim: ReviewedClaim, offsets: &Utf16Offsets) -> Self {
        let value = factdesk_core::report::value_text(&claim.claim);
        let c = claim.claim;
        let (figure, date) = match c.value {
            Some(ClaimValue::Figure(f)) => (
                Some(Figure {
                    amount: f.amount,
                    upper: f.upper,
                    unit: f.unit,
                    qualifier: f.qualifier,
                }),
                None,
            ),
            Some(ClaimValue::Date(d)) => (None, d.iso),
            None => (None, None),
        };
        ClaimView {
            id: claim.id,
            kind: c.kind.into(),
            range: offsets.range(c.start, c.end),
            text: c.text,
            figure,
            value,
            date,
            speaker: c.speaker,
            cue: c.cue.map(|s| offsets.range(s.start, s.end)),
            status: claim.status.into(),
            note: claim.note,
            reviewer: claim.reviewer,
            reviewed_at: claim.reviewed_at.map(|t| t.to_rfc3339()),
            sources: claim.sources.into_iter().map(SourceView::from).collect(),
            dismissed: claim.dismissed,
            orphaned: claim.orphaned,
            manual: claim.origin == review::Origin::Manual,
            flags: Vec::new(),
            changed_by: None,
        }
    }

    /// The view with the consistency findings on it.
    pub fn with_flags(mut self, flags: Vec<factdesk_core::consistency::ClaimFlag>) -> Self {
        self.flags = flags.into_iter().map(Into::into).collect();
        self
    }

    /// The view with who changed its verdict on the desk, if that is still unseen.
    pub fn with_changed_by(mut self, unseen: &[store::UnseenChange]) -> Self {
        self.changed_by = unseen
            .iter()
            .find(|u| u.claim_id == self.id)
            .cloned()
            .map(Into::into);
        self
    }
}

/// One change to a claim.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HistoryView {
    pub id: String,
    pub claim_id: String,
    /// RFC 3339 instant.
    pub at: String,
    pub by: String,
    pub field: String,
    /// The value before and after, as compact JSON text ("null" when there was none).
    pub before: String,
    pub after: String,
}

impl From<HistoryEvent> for HistoryView {
    fn from(h: HistoryEvent) -> Self {
        HistoryView {
            id: h.id,
            claim_id: h.claim_id,
            at: h.at.to_rfc3339(),
            by: h.by,
            field: h.field,
            before: h.before.to_string(),
            after: h.after.to_string(),
        }
    }
}

/// An article as the review screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ArticleView {
    pub id: String,
    pub title: String,
    pub byline: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub imported_at: String,
    pub text: String,
}

/// The review screen's whole content: an article, its claims in document order
/// (dismissed ones included, flagged) and their history, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Review {
    pub article: ArticleView,
    pub claims: Vec<ClaimView>,
    pub history: Vec<HistoryView>,
    /// True when the article is published to the desk this database is joined to.
    pub on_desk: bool,
}

impl Review {
    /// The review with the desk's side: whether the article is on the desk, and who
    /// changed which claims there since the editor last looked.
    pub fn with_desk(mut self, on_desk: bool, unseen: &[store::UnseenChange]) -> Self {
        self.on_desk = on_desk;
        if !unseen.is_empty() {
            self.claims = self
                .claims
                .into_iter()
                .map(|c| c.with_changed_by(unseen))
                .collect();
        }
        self
    }
}

impl From<ArticleReview> for Review {
    fn from(review: ArticleReview) -> Self {
        let offsets = Utf16Offsets::new(&review.article.text);
        let mut flags = factdesk_core::consistency::flags_by_claim(&review);
        let a = review.article;
        Review {
            claims: review
                .claims
                .into_iter()
                .map(|c| {
                    let found = flags.remove(&c.id).unwrap_or_default();
                    ClaimView::new(c, &offsets).with_flags(found)
                })
                .collect(),
            history: review.history.into_iter().map(HistoryView::from).collect(),
            on_desk: false,
            article: ArticleView {
                id: a.id,
                title: a.title,
                byline: a.byline,
                outlet: a.outlet,
                url: a.url,
                published: a.published.map(|d| d.to_string()),
                imported_at: a.imported_at.to_rfc3339(),
                text: a.text,
            },
        }
    }
}

/// A file read as a new version of an open article: the version's number (0 when the
/// file holds the text the article already has), claims with reviewed work that lost
/// their exact place, and the article as it is now.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct NewVersion {
    pub version: u32,
    pub orphaned: u32,
    pub review: Review,
}

/// What importing one article did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportResult {
    pub article_id: String,
    pub title: String,
    /// False when the same text was already in the library.
    pub created: bool,
    pub claims: u32,
}

impl From<store::Imported> for ImportResult {
    fn from(i: store::Imported) -> Self {
        ImportResult {
            article_id: i.article.id,
            title: i.article.title,
            created: i.created,
            claims: u32::try_from(i.claims).unwrap_or(u32::MAX),
        }
    }
}

/// One search result.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SearchHitView {
    pub article_id: String,
    pub article_title: String,
    pub claim_id: Option<String>,
    /// "article", "claim", "note" or "speaker".
    pub field: String,
    pub snippet: String,
}

impl From<store::SearchHit> for SearchHitView {
    fn from(h: store::SearchHit) -> Self {
        SearchHitView {
            article_id: h.article_id,
            article_title: h.article_title,
            claim_id: h.claim_id,
            field: h.field,
            snippet: h.snippet,
        }
    }
}

/// An article typed or pasted into the import dialog.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct PastedArticle {
    pub title: String,
    pub text: String,
    pub outlet: Option<String>,
    /// ISO date.
    pub published: Option<String>,
}

/// A source typed into the source form.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct SourceInput {
    pub url: Option<String>,
    pub citation: Option<String>,
    pub title: Option<String>,
    pub shows: Option<String>,
    /// ISO date.
    pub accessed: Option<String>,
}

/// Progress of a long task, sent as the `progress` event.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Progress {
    /// "import" or "export".
    pub task: String,
    pub done: u32,
    pub total: u32,
    /// What is being worked on now (a file name).
    pub current: String,
}

/// The outcome of importing many files: what came in and what failed, in words.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportBatch {
    pub imported: Vec<ImportResult>,
    pub failed: Vec<FileFailure>,
}

/// A file that could not be imported, and why.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FileFailure {
    pub path: String,
    pub message: String,
}

/// Converts UTF-8 byte offsets of one text to UTF-16 code-unit offsets and back.
#[derive(Debug, Clone)]
pub struct Utf16Offsets {
    /// `(byte offset, UTF-16 offset)` of every character start, plus the end of the text.
    starts: Vec<(usize, u32)>,
}

impl Utf16Offsets {
    /// The table for `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() + 1);
        let mut units = 0u32;
        for (byte, ch) in text.char_indices() {
            starts.push((byte, units));
            units += ch.len_utf16() as u32;
        }
        starts.push((text.len(), units));
        Utf16Offsets { starts }
    }

    /// The UTF-16 offset of byte `byte` (the next character start if it falls inside one).
    pub fn to_utf16(&self, byte: usize) -> u32 {
        let i = self.starts.partition_point(|&(b, _)| b < byte);
        self.starts
            .get(i)
            .or(self.starts.last())
            .map_or(0, |&(_, u)| u)
    }

    /// The byte offset of UTF-16 offset `unit`, or `None` if it splits a character or
    /// lies past the end.
    pub fn to_byte(&self, unit: u32) -> Option<usize> {
        let i = self.starts.partition_point(|&(_, u)| u < unit);
        match self.starts.get(i) {
            Some(&(b, u)) if u == unit => Some(b),
            _ => None,
        }
    }

    fn range(&self, start: usize, end: usize) -> Range {
        Range {
            start: self.to_utf16(start),
            end: self.to_utf16(end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_reads_in_the_app_as_in_reports() {
        let mut store = factdesk_core::store::Store::open_in_memory().expect("a store");
        let new = factdesk_core::store::NewArticle {
            title: "Turnout".into(),
            text: "Turnout was 40% on Monday, up from more than 3,500 voters.".into(),
            published: chrono::NaiveDate::from_ymd_opt(2024, 5, 8),
            ..Default::default()
        };
        let id = store
            .import(new, chrono::Utc::now())
            .expect("imported")
            .article
            .id;
        let core = store.review(&id).expect("the review");
        let wordings: Vec<Option<String>> = core
            .claims
            .iter()
            .map(|c| factdesk_core::report::value_text(&c.claim))
            .collect();
        let view = Review::from(core);
        let shown: Vec<Option<String>> = view.claims.iter().map(|c| c.value.clone()).collect();
        assert_eq!(shown, wordings, "the app shows the reports' wording");
        assert!(
            shown.contains(&Some("40 percent".to_string())),
            "a percentage reads as in reports: {shown:?}"
        );
    }

    #[test]
    fn offsets_convert_across_multibyte_and_astral_characters() {
        // "é" is 2 bytes / 1 unit, "€" 3 bytes / 1 unit, "🇺🇦" 8 bytes / 4 units.
        let text = "Café: €40 🇺🇦 aid";
        let offsets = Utf16Offsets::new(text);
        let byte = text.find("40").expect("the figure is in the text");
        let unit = offsets.to_utf16(byte);
        let js: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16_lossy(&js[unit as usize..unit as usize + 2]),
            "40",
            "the UTF-16 offset points at the same characters in a JS string"
        );
        assert_eq!(offsets.to_byte(unit), Some(byte), "and converts back");
        let aid = text.find("aid").expect("present");
        assert_eq!(
            offsets.to_byte(offsets.to_utf16(aid)),
            Some(aid),
            "past a flag made of surrogate pairs"
        );
        let flag = offsets.to_utf16(text.find('🇺').expect("present"));
        assert_eq!(
            offsets.to_byte(flag + 1),
            None,
            "the middle of a surrogate pair is refused"
        );
        assert_eq!(
            offsets.to_byte(js.len() as u32),
            Some(text.len()),
            "the end of the text converts"
        );
    }
}
