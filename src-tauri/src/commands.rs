//! The commands the UI calls. Each unpacks its arguments, calls one store operation and
//! converts the result; anything heavier than one article runs on a worker thread and
//! reports progress with the `progress` event.

use std::path::Path;

use chrono::{NaiveDate, Utc};
use factdesk_core::import::FetchLimits;
use factdesk_core::Span;
use tauri::{AppHandle, Emitter, Manager, State};

use crate::desk::{CommentView, DeskSync, DeskView, QueueItem, SignOffView};
use crate::dto::{
    ClaimView, FileFailure, HistoryView, ImportBatch, ImportResult, Kind, LibraryPage,
    LibraryQuery, MemoryView, NewVersion, PastedArticle, Progress, Range, Review, SearchHitView,
    SourceInput, Status, Utf16Offsets,
};
use crate::error::{Error, Result};
use crate::state::{AppInfo, AppState, Settings};
use crate::store::{ArticleFilter, Correction, Mark, NewSource, Store};

/// The event long tasks report progress with.
pub const PROGRESS_EVENT: &str = "progress";

/// Tells the UI how far a long task has come. Progress is advisory: a window that cannot
/// hear it does not stop the work.
fn report(app: &AppHandle, task: &str, done: u32, total: u32, current: String) {
    let progress = Progress {
        task: task.into(),
        done,
        total,
        current,
    };
    let _ = app.emit(PROGRESS_EVENT, progress);
}

/// Runs a read on a read-only connection of its own and on a thread of its own, so an
/// article being opened neither waits for a slow search or a write nor for one of the
/// async runtime's few threads.
async fn read<T: Send + 'static>(
    app: AppHandle,
    f: impl FnOnce(&Store) -> Result<T> + Send + 'static,
) -> Result<T> {
    tauri::async_runtime::spawn_blocking(move || app.state::<AppState>().with_reader(f))
        .await
        .map_err(|err| Error::Task(err.to_string()))?
}

/// A window of the library: the rows from `offset` in the order and filter asked for,
/// and how many articles pass the filter in all.
#[tauri::command]
pub async fn library(app: AppHandle, query: LibraryQuery) -> Result<LibraryPage> {
    let filter = ArticleFilter {
        status: query.status.map(Into::into),
        kind: query.kind.map(Into::into),
        query: query.query.filter(|q| !q.trim().is_empty()),
    };
    let sort = query.sort.unwrap_or_default().into();
    let (offset, limit) = (query.offset as usize, query.limit as usize);
    read(app, move |s| {
        Ok(s.article_page(&filter, sort, offset, limit)?.into())
    })
    .await
}

/// An article with its claims and their history.
#[tauri::command]
pub async fn open_article(app: AppHandle, id: String) -> Result<Review> {
    read(app, move |s| {
        let on_desk = s.desk_uid_of(&id)?.is_some();
        Ok(Review::from(s.review(&id)?).with_desk(on_desk, &s.unseen_changes(&id)?))
    })
    .await
}

/// Imports an article typed or pasted into the import dialog; a web address pasted alone
/// is fetched (on a worker thread: the network can be slow) and read as that page.
#[tauri::command]
pub async fn import_text(app: AppHandle, article: PastedArticle) -> Result<ImportResult> {
    tauri::async_runtime::spawn_blocking(move || {
        let new = factdesk_core::import::read_pasted(
            &article.text,
            Some(&article.title),
            article.outlet.as_deref(),
            parse_date(article.published.as_deref())?,
            &FetchLimits::default(),
        )?;
        // Extraction needs no database: it runs before the store is locked.
        let claims = factdesk_core::extract(&new.text, new.published);
        let state = app.state::<AppState>();
        state.with_store(|s| Ok(s.import_with_claims(new, claims, Utc::now())?.into()))
    })
    .await
    .map_err(|err| Error::Task(err.to_string()))?
}

/// Imports article files (txt, md, html) on a worker thread, reporting each file with
/// the `progress` event. A file that cannot be read does not stop the others: it is
/// listed with the reason.
#[tauri::command]
pub async fn import_files(app: AppHandle, paths: Vec<String>) -> Result<ImportBatch> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let total = paths.len() as u32;
        let mut batch = ImportBatch {
            imported: Vec::new(),
            failed: Vec::new(),
        };
        for (done, path) in paths.iter().enumerate() {
            report(&app, "import", done as u32, total, file_name(path));
            let result = factdesk_core::import::read_article(Path::new(path))
                .map_err(Error::from)
                .and_then(|new| {
                    let claims = factdesk_core::extract(&new.text, new.published);
                    state.with_store(|s| Ok(s.import_with_claims(new, claims, Utc::now())?))
                });
            match result {
                Ok(imported) => batch.imported.push(imported.into()),
                Err(err) => batch.failed.push(FileFailure {
                    path: path.clone(),
                    message: err.to_string(),
                }),
            }
        }
        report(&app, "import", total, total, String::new());
        batch
    })
    .await
    .map_err(|err| Error::Task(err.to_string()))
}

/// Reads the file at `path` (any format the core reads) as a new version of article
/// `article_id` (a draft dropped on its review screen): its verdicts are re-anchored on
/// the new text, or listed as orphaned. Runs on a worker thread.
#[tauri::command]
pub async fn import_version(
    app: AppHandle,
    article_id: String,
    path: String,
) -> Result<NewVersion> {
    tauri::async_runtime::spawn_blocking(move || {
        let new = factdesk_core::import::read_article(Path::new(&path))?;
        app.state::<AppState>().with_store(|s| {
            let update = s.import_version(&article_id, new, Utc::now())?.update;
            Ok(NewVersion {
                version: update
                    .as_ref()
                    .map_or(0, |u| u32::try_from(u.version).unwrap_or(0)),
                orphaned: update.map_or(0, |u| u32::try_from(u.orphaned.len()).unwrap_or(0)),
                review: s.review(&article_id)?.into(),
            })
        })
    })
    .await
    .map_err(|err| Error::Task(err.to_string()))?
}

/// Records a verdict and/or a note on a claim, in the reviewer's name.
#[tauri::command]
pub async fn mark(
    state: State<'_, AppState>,
    desk: State<'_, DeskSync>,
    claim_id: String,
    status: Option<Status>,
    note: Option<String>,
) -> Result<ClaimView> {
    let mark = Mark {
        status: status.map(Into::into),
        note,
        source: None,
    };
    let by = state.reviewer();
    edit(&state, &desk, |s| {
        let claim = s.mark(&claim_id, &mark, &by, Utc::now())?;
        claim_view(s, claim)
    })
}

/// Cites a source for a claim.
#[tauri::command]
pub async fn add_source(
    state: State<'_, AppState>,
    desk: State<'_, DeskSync>,
    claim_id: String,
    source: SourceInput,
) -> Result<ClaimView> {
    let blank = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let source = NewSource {
        url: blank(source.url),
        citation: blank(source.citation),
        title: blank(source.title),
        shows: blank(source.shows),
        accessed: parse_date(source.accessed.as_deref())?,
    };
    if source.url.is_none() && source.citation.is_none() {
        return Err(Error::Invalid("a source needs a link or a citation".into()));
    }
    let by = state.reviewer();
    edit(&state, &desk, |s| {
        let claim = s.add_source(&claim_id, &source, &by, Utc::now())?;
        claim_view(s, claim)
    })
}

/// Marks a claim the engine missed: `range` is the selected text in UTF-16 units.
#[tauri::command]
pub async fn add_claim(
    state: State<'_, AppState>,
    desk: State<'_, DeskSync>,
    article_id: String,
    range: Range,
    kind: Kind,
) -> Result<ClaimView> {
    let by = state.reviewer();
    edit(&state, &desk, |s| {
        let text = s.article(&article_id)?.text;
        let offsets = Utf16Offsets::new(&text);
        let (Some(start), Some(end)) = (offsets.to_byte(range.start), offsets.to_byte(range.end))
        else {
            return Err(Error::Invalid(
                "the selection does not fall on characters of the article".into(),
            ));
        };
        let claim = s.add_claim(
            &article_id,
            Span::new(start, end),
            kind.into(),
            &by,
            Utc::now(),
        )?;
        Ok(ClaimView::new(claim, &offsets))
    })
}

/// Dismisses a claim as "not a claim" (or brings it back).
#[tauri::command]
pub async fn set_dismissed(
    state: State<'_, AppState>,
    desk: State<'_, DeskSync>,
    claim_id: String,
    dismissed: bool,
) -> Result<ClaimView> {
    let by = state.reviewer();
    edit(&state, &desk, |s| {
        let claim = s.set_dismissed(&claim_id, dismissed, &by, Utc::now())?;
        claim_view(s, claim)
    })
}

/// Corrects a quote's speaker (`None` for "no one named").
#[tauri::command]
pub async fn correct_speaker(
    state: State<'_, AppState>,
    desk: State<'_, DeskSync>,
    claim_id: String,
    speaker: Option<String>,
) -> Result<ClaimView> {
    let correction = Correction {
        speaker: Some(
            speaker
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
        ),
        value: None,
    };
    let by = state.reviewer();
    edit(&state, &desk, |s| {
        let claim = s.correct(&claim_id, &correction, &by, Utc::now())?;
        claim_view(s, claim)
    })
}

/// Undoes the latest change to a claim and returns the claim as it now is.
#[tauri::command]
pub async fn undo(
    state: State<'_, AppState>,
    desk: State<'_, DeskSync>,
    claim_id: String,
) -> Result<ClaimView> {
    let by = state.reviewer();
    edit(&state, &desk, |s| {
        s.undo(&claim_id, &by, Utc::now())?;
        claim_view(s, s.claim(&claim_id)?)
    })
}

/// The earlier claims in the library that state the same thing as a claim (with their
/// verdicts), and those that state it differently.
#[tauri::command]
pub async fn claim_memory(app: AppHandle, claim_id: String) -> Result<MemoryView> {
    read(app, move |s| Ok(s.memory(&claim_id, MEMORY_SHOWN)?.into())).await
}

/// How many earlier claims of each kind the claim detail lists.
const MEMORY_SHOWN: usize = 8;

/// Gives a claim the verdict, note and sources of an earlier claim, recorded in the
/// history as reused from it.
#[tauri::command]
pub async fn reuse_verdict(
    state: State<'_, AppState>,
    desk: State<'_, DeskSync>,
    claim_id: String,
    from_id: String,
) -> Result<ClaimView> {
    let by = state.reviewer();
    edit(&state, &desk, |s| {
        let claim = s.reuse_verdict(&claim_id, &from_id, &by, Utc::now())?;
        claim_view(s, claim)
    })
}

/// Every change to a claim, oldest first.
#[tauri::command]
pub async fn history(app: AppHandle, claim_id: String) -> Result<Vec<HistoryView>> {
    read(app, move |s| {
        Ok(s.history(&claim_id)?.into_iter().map(Into::into).collect())
    })
    .await
}

/// Full-text search over articles, claims, notes and speakers.
#[tauri::command]
pub async fn search(app: AppHandle, query: String) -> Result<Vec<SearchHitView>> {
    read(app, move |s| {
        Ok(s.search(&query, 50)?.into_iter().map(Into::into).collect())
    })
    .await
}

/// The report formats export offers: `(id, label, file extension)`.
#[tauri::command]
pub async fn report_formats() -> Vec<crate::report::Format> {
    crate::report::formats()
}

/// Writes the report of an article to `path` on a worker thread.
#[tauri::command]
pub async fn export_report(
    app: AppHandle,
    article_id: String,
    format: String,
    path: String,
    publication_url: Option<String>,
) -> Result<()> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        report(&app, "export", 0, 1, file_name(&path));
        let review = state.with_store(|s| Ok(s.review(&article_id)?))?;
        let url = publication_url.filter(|u| !u.trim().is_empty());
        let text = crate::report::render(&format, &review, &state.reviewer(), url)?;
        let database = state.with_store(|s| Ok(s.path().map(std::path::Path::to_path_buf)))?;
        let protected: Vec<&std::path::Path> = database.as_deref().into_iter().collect();
        let mut out = factdesk_core::output::Output::create(path.as_ref(), &protected)?;
        std::io::Write::write_all(&mut out, text.as_bytes()).map_err(|source| Error::File {
            path: path.clone(),
            source,
        })?;
        out.finish()?;
        report(&app, "export", 1, 1, file_name(&path));
        Ok(())
    })
    .await
    .map_err(|err| Error::Task(err.to_string()))?
}

/// Runs the claim engine again over an article on a worker thread: claims it finds anew
/// are added, verdicts on the claims it finds again are kept, claims it no longer finds
/// are kept and flagged. Returns the article's review as it now is.
#[tauri::command]
pub async fn reextract(app: AppHandle, article_id: String) -> Result<Review> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        report(&app, "reextract", 0, 1, article_id.clone());
        let review = state.with_store(|s| {
            s.reextract(&article_id, Utc::now())?;
            Ok(s.review(&article_id)?.into())
        });
        report(&app, "reextract", 1, 1, article_id.clone());
        review
    })
    .await
    .map_err(|err| Error::Task(err.to_string()))?
}

/// The editor's settings.
#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Result<Settings> {
    Ok(state.settings())
}

/// Saves the settings; a new database location takes effect at once.
#[tauri::command]
pub async fn save_settings(
    state: State<'_, AppState>,
    desk: State<'_, DeskSync>,
    settings: Settings,
) -> Result<Settings> {
    let saved = state.save_settings(settings)?;
    // Another database may be in use, joined to another desk or to none.
    desk.forget();
    Ok(saved)
}

/// Version and where the database is.
#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo> {
    Ok(state.info())
}

/// Runs an edit on the store and, when it is made, asks the desk sync to send it up.
fn edit<T>(
    state: &AppState,
    desk: &DeskSync,
    f: impl FnOnce(&mut Store) -> Result<T>,
) -> Result<T> {
    let made = state.with_store(f)?;
    desk.changed();
    Ok(made)
}

/// Where this database stands with its desk.
#[tauri::command]
pub async fn desk_status(app: AppHandle) -> Result<DeskView> {
    blocking(app, |app| {
        app.state::<DeskSync>().view(&app.state::<AppState>())
    })
    .await
}

/// Joins this database to the desk at `url`: the token is checked with the server, then
/// kept in the database (it is never sent back to the UI).
#[tauri::command]
pub async fn join_desk(app: AppHandle, url: String, token: String) -> Result<DeskView> {
    blocking(app, move |app| {
        app.state::<DeskSync>()
            .join(&app.state::<AppState>(), &url, &token)
    })
    .await
}

/// Puts an article on the desk; the sync that follows at once publishes it.
#[tauri::command]
pub async fn publish_to_desk(app: AppHandle, article_id: String) -> Result<DeskView> {
    blocking(app, move |app| {
        let state = app.state::<AppState>();
        state.with_store(|s| Ok(s.publish_to_desk(&article_id)?))?;
        let desk = app.state::<DeskSync>();
        desk.sync_now();
        desk.view(&state)
    })
    .await
}

/// Asks for a sync now; the `desk` event reports how it ended.
#[tauri::command]
pub async fn sync_desk(app: AppHandle) -> Result<DeskView> {
    blocking(app, |app| {
        let desk = app.state::<DeskSync>();
        desk.sync_now();
        desk.view(&app.state::<AppState>())
    })
    .await
}

/// Records that the editor has seen a claim changed by someone else on the desk.
#[tauri::command]
pub async fn mark_seen(state: State<'_, AppState>, claim_id: String) -> Result<bool> {
    state.with_store(|s| Ok(s.mark_seen(&claim_id)?))
}

/// The articles assigned to this database's desk user, soonest deadline first.
#[tauri::command]
pub async fn desk_queue(app: AppHandle) -> Result<Vec<QueueItem>> {
    blocking(app, |app| crate::desk::queue(&app.state::<AppState>())).await
}

/// A desk claim's comment thread, oldest first.
#[tauri::command]
pub async fn comments(app: AppHandle, claim_id: String) -> Result<Vec<CommentView>> {
    blocking(app, move |app| {
        crate::desk::comments(&app.state::<AppState>(), &claim_id)
    })
    .await
}

/// Adds to a desk claim's comment thread.
#[tauri::command]
pub async fn add_comment(app: AppHandle, claim_id: String, body: String) -> Result<CommentView> {
    blocking(app, move |app| {
        crate::desk::comment(&app.state::<AppState>(), &claim_id, &body)
    })
    .await
}

/// Signs a desk article off; the desk refuses an editor who marked one of its claims.
#[tauri::command]
pub async fn sign_off(app: AppHandle, article_id: String) -> Result<SignOffView> {
    blocking(app, move |app| {
        crate::desk::sign_off(&app.state::<AppState>(), &article_id)
    })
    .await
}

/// Who signed a desk article off, and when.
#[tauri::command]
pub async fn sign_offs(app: AppHandle, article_id: String) -> Result<Vec<SignOffView>> {
    blocking(app, move |app| {
        crate::desk::sign_offs(&app.state::<AppState>(), &article_id)
    })
    .await
}

/// Runs `f` on a thread of its own: it may wait for the network or the store.
async fn blocking<T: Send + 'static>(
    app: AppHandle,
    f: impl FnOnce(&AppHandle) -> Result<T> + Send + 'static,
) -> Result<T> {
    tauri::async_runtime::spawn_blocking(move || f(&app))
        .await
        .map_err(|err| Error::Task(err.to_string()))?
}

fn claim_view(
    store: &crate::store::Store,
    claim: factdesk_core::review::ReviewedClaim,
) -> Result<ClaimView> {
    // The article's consistency findings can change with any edit of one of its claims.
    let review = store.review(&claim.article_id)?;
    let mut flags = factdesk_core::consistency::flags_by_claim(&review);
    let found = flags.remove(&claim.id).unwrap_or_default();
    Ok(ClaimView::new(claim, &Utf16Offsets::new(&review.article.text)).with_flags(found))
}

fn parse_date(date: Option<&str>) -> Result<Option<NaiveDate>> {
    match date.map(str::trim).filter(|d| !d.is_empty()) {
        None => Ok(None),
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| Error::Invalid(format!("{d:?} is not a date (write it as 2023-04-20)"))),
    }
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}
