//! Articles: importing (idempotent by content hash, a new version by URL), listing, and
//! loading one with its claims and history.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use sha2::{Digest, Sha256};

use super::{claims, history, reextract, sources, Kind, Result, Store, StoreError};
use super::{ArticleFilter, ArticlePage, ArticleSort, ArticleSummary, ClaimFilter, Imported};
use super::{NewArticle, StatusCounts};
use crate::claim::Claim;
use crate::review::{Article, ArticleReview, Origin, Provenance, Status};

/// Hex SHA-256 of an article's text.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(64);
    for b in digest {
        let _ = write!(out, "{b:02x}");
    }
    out
}

const ARTICLE_SELECT: &str = "SELECT id, title, byline, outlet, url, published, imported_at, \
     text, content_hash, source, format, source_hash FROM article";

fn article_row(row: &Row<'_>) -> rusqlite::Result<Article> {
    Ok(Article {
        id: Kind::Article.id(row.get(0)?),
        title: row.get(1)?,
        byline: row.get(2)?,
        outlet: row.get(3)?,
        url: row.get(4)?,
        published: row
            .get::<_, Option<String>>(5)?
            .map(|d| super::parse_date(&d))
            .transpose()?,
        imported_at: super::parse_ts(&row.get::<_, String>(6)?)?,
        text: row.get(7)?,
        content_hash: row.get(8)?,
        provenance: match (row.get(9)?, row.get(10)?, row.get(11)?) {
            (Some(source), Some(format), Some(source_hash)) => Some(Provenance {
                source,
                format,
                source_hash,
            }),
            _ => None,
        },
    })
}

/// Article row `key`; `NotFound` naming `id` if none.
pub(crate) fn load_article(conn: &Connection, key: i64, id: &str) -> Result<Article> {
    conn.prepare_cached(&format!("{ARTICLE_SELECT} WHERE id = ?1"))?
        .query_row([key], article_row)
        .optional()?
        .ok_or_else(|| Kind::Article.missing(id))
}

/// The text of article row `key`.
pub(crate) fn article_text(conn: &Connection, key: i64, id: &str) -> Result<String> {
    conn.prepare_cached("SELECT text FROM article WHERE id = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Kind::Article.missing(id))
}

/// `NotFound` naming `id` unless article row `key` exists.
pub(crate) fn article_exists(conn: &Connection, key: i64, id: &str) -> Result<()> {
    let exists: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM article WHERE id = ?1)")?
        .query_row([key], |r| r.get(0))?;
    if exists {
        Ok(())
    } else {
        Err(Kind::Article.missing(id))
    }
}

/// `Ok` when claim row `key` exists, else `NotFound` naming `id`.
pub(crate) fn claim_exists(conn: &Connection, key: i64, id: &str) -> Result<()> {
    let exists: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM claim WHERE id = ?1)")?
        .query_row([key], |r| r.get(0))?;
    if exists {
        Ok(())
    } else {
        Err(Kind::Claim.missing(id))
    }
}

/// Claims of article row `key`, dismissed ones excluded.
fn live_claims(conn: &Connection, key: i64) -> Result<usize> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM claim WHERE article_id = ?1 AND dismissed = 0")?
        .query_row([key], |r| r.get(0))?)
}

/// Refuses claims that do not fit the text of the article about to be imported (named by
/// its title: it has no id yet). Checked before anything is written.
fn check_new(new: &NewArticle, claims: &[Claim]) -> Result<()> {
    let name = format!("{:?}", new.title);
    claims
        .iter()
        .try_for_each(|c| claims::check_claim(&name, &new.text, c))
}

/// The current version of article row `key`.
fn version_of(conn: &Connection, key: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT version FROM article WHERE id = ?1")?
        .query_row([key], |r| r.get(0))?)
}

/// The article whose current text has hash `hash`.
fn with_text(conn: &Connection, hash: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM article WHERE content_hash = ?1")?
        .query_row([hash], |r| r.get(0))
        .optional()?)
}

/// An earlier version (article row, version) with hash `hash`, of article row `of` if
/// given, else of any article; the newest such version.
fn earlier_with_text(conn: &Connection, hash: &str, of: Option<i64>) -> Result<Option<(i64, i64)>> {
    Ok(conn
        .prepare_cached(
            "SELECT article_id, version FROM article_version WHERE content_hash = ?1 \
             AND (?2 IS NULL OR article_id = ?2) ORDER BY article_id DESC, version DESC LIMIT 1",
        )?
        .query_row(params![hash, of], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Fills in what an article stored before did not know (its URL, its provenance) from a
/// new import of the same text, without overwriting anything it knew.
fn fill_in(conn: &Connection, key: i64, new: &NewArticle) -> Result<()> {
    let p = new.provenance.as_ref();
    conn.prepare_cached(
        "UPDATE article SET url = COALESCE(url, ?2), \
           source = CASE WHEN source IS NULL THEN ?3 ELSE source END, \
           format = CASE WHEN source IS NULL THEN ?4 ELSE format END, \
           source_hash = CASE WHEN source IS NULL THEN ?5 ELSE source_hash END \
         WHERE id = ?1",
    )?
    .execute(params![
        key,
        new.url.as_deref().filter(|u| !u.trim().is_empty()),
        p.map(|p| &p.source),
        p.map(|p| &p.format),
        p.map(|p| &p.source_hash)
    ])?;
    Ok(())
}

/// What an import of a text already stored, or stored once, gives: the article unchanged,
/// or a refusal when it is an earlier version (a rollback).
fn unchanged(conn: &Connection, key: i64, new: &NewArticle) -> Result<Imported> {
    fill_in(conn, key, new)?;
    Ok(Imported {
        article: load_article(conn, key, &Kind::Article.id(key))?,
        created: false,
        claims: live_claims(conn, key)?,
        update: None,
    })
}

/// Imports one article with its claims inside an open transaction. The claims must have
/// passed [`check_new`]. `target` is the article the text is meant as a new version of
/// (`--version-of`); without one, an article with the same URL is.
///
/// The rules, as a fact-checker keeps versions:
/// - the text of the target as it stands: nothing changes (its URL and provenance are
///   filled in if it had none);
/// - a text the target had before (an older draft, a page reverted): refused with
///   [`StoreError::EarlierVersion`], never a silent rollback;
/// - a text that is already another article: refused with [`StoreError::TextElsewhere`];
/// - any other text: a new version of the target, its claims re-anchored.
///
/// Without a target (no URL match), a text already stored is that article unchanged (its
/// URL filled in if it had none, so a later import of the same URL finds it), a text that
/// was an earlier version of some article is refused the same way, and anything else is a
/// new article. A refusal writes nothing.
fn import_in(
    conn: &Connection,
    new: NewArticle,
    claims: Vec<Claim>,
    at: DateTime<Utc>,
    target: Option<i64>,
) -> Result<Imported> {
    let hash = content_hash(&new.text);
    let target = match target {
        Some(key) => Some(key),
        None => match new.url.as_deref().filter(|u| !u.trim().is_empty()) {
            Some(url) => conn
                .prepare_cached("SELECT max(id) FROM article WHERE url = ?1")?
                .query_row([url], |r| r.get(0))?,
            None => None,
        },
    };
    let same = with_text(conn, &hash)?;
    if let Some(key) = target {
        if same == Some(key) {
            return unchanged(conn, key, &new);
        }
        if let Some((_, version)) = earlier_with_text(conn, &hash, Some(key))? {
            return Err(StoreError::EarlierVersion {
                article: Kind::Article.id(key),
                version,
                current: version_of(conn, key)?,
            });
        }
        if let Some(other) = same {
            return Err(StoreError::TextElsewhere {
                article: Kind::Article.id(key),
                other: Kind::Article.id(other),
            });
        }
        let update = reextract::replace_text(conn, key, &new, &hash, claims, at)?;
        return Ok(Imported {
            article: load_article(conn, key, &Kind::Article.id(key))?,
            created: false,
            claims: live_claims(conn, key)?,
            update: Some(update),
        });
    }
    if let Some(key) = same {
        return unchanged(conn, key, &new);
    }
    if let Some((key, version)) = earlier_with_text(conn, &hash, None)? {
        return Err(StoreError::EarlierVersion {
            article: Kind::Article.id(key),
            version,
            current: version_of(conn, key)?,
        });
    }
    let origin = new.provenance.as_ref().map(|p| RowOrigin {
        source: &p.source,
        format: &p.format,
        source_hash: Some(&p.source_hash),
    });
    let key = insert_article_row(conn, &new, &hash, at, origin)?;
    let id = Kind::Article.id(key);
    for claim in &claims {
        claims::insert_claim(conn, key, claim, Origin::Extracted, &new.text)?;
    }
    Ok(Imported {
        article: load_article(conn, key, &id)?,
        created: true,
        claims: claims.len(),
        update: None,
    })
}

/// Where a new article row says its text came from.
pub(super) struct RowOrigin<'a> {
    /// The file path, URL or other source the text was read from.
    pub source: &'a str,
    /// How it was read.
    pub format: &'a str,
    /// Hex SHA-256 of the bytes read, when there were bytes.
    pub source_hash: Option<&'a str>,
}

/// Stores `new` as a new article row with text hash `hash`, with its search entry and its
/// empty tally, and returns its key. The caller stores its claims.
pub(super) fn insert_article_row(
    conn: &Connection,
    new: &NewArticle,
    hash: &str,
    at: DateTime<Utc>,
    origin: Option<RowOrigin<'_>>,
) -> Result<i64> {
    let origin = origin.as_ref();
    conn.prepare_cached(
        "INSERT INTO article (title, byline, outlet, url, published, imported_at, text, \
         content_hash, source, format, source_hash) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        new.title,
        new.byline,
        new.outlet,
        new.url,
        new.published.map(super::date_text),
        super::ts(at),
        new.text,
        hash,
        origin.map(|o| o.source),
        origin.map(|o| o.format),
        origin.and_then(|o| o.source_hash)
    ])?;
    let key = conn.last_insert_rowid();
    conn.prepare_cached("INSERT INTO article_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?
        .execute(params![key, new.title, new.text])?;
    conn.prepare_cached("INSERT INTO article_tally (article_id) VALUES (?1)")?
        .execute([key])?;
    Ok(key)
}

impl Store {
    /// Imports an article and the claims the engine finds in it (relative dates resolved
    /// against its publication date), in one transaction: afterwards the article is there
    /// whole with all its claims, or not at all.
    ///
    /// The same text imported again changes nothing and says so (`created` false). A
    /// different text with the URL of an article already stored is a new version of that
    /// article: its claims are re-anchored on the new text (see [`super::TextUpdate`]).
    /// A text an article had before is refused ([`StoreError::EarlierVersion`]: an older
    /// draft never rolls an article back), and so is a text that is already another
    /// article when the URL names this one ([`StoreError::TextElsewhere`]).
    pub fn import(&mut self, new: NewArticle, at: DateTime<Utc>) -> Result<Imported> {
        let claims = crate::extract::extract(&new.text, new.published);
        self.import_with_claims(new, claims, at)
    }

    /// Like [`Store::import`] with claims the caller found (for example extracted on
    /// another thread). Every claim must lie on the text (`BadSpan` otherwise, and nothing
    /// is stored).
    pub fn import_with_claims(
        &mut self,
        new: NewArticle,
        claims: Vec<Claim>,
        at: DateTime<Utc>,
    ) -> Result<Imported> {
        check_new(&new, &claims)?;
        let tx = self.conn.transaction()?;
        let out = import_in(&tx, new, claims, at, None)?;
        tx.commit()?;
        Ok(out)
    }

    /// Imports `new` as a new version of article `article_id` whatever its URL (a draft
    /// re-imported with `--version-of`), with the claims the engine finds in it: the
    /// article's verdicts are re-anchored on the new text (see [`super::TextUpdate`]). The
    /// article's current text changes nothing; one of its earlier texts, or another
    /// article's text, is refused (see the rules on [`Store::import`]). One transaction.
    pub fn import_version(
        &mut self,
        article_id: &str,
        new: NewArticle,
        at: DateTime<Utc>,
    ) -> Result<Imported> {
        let key = Kind::Article.key(article_id)?;
        let claims = crate::extract::extract(&new.text, new.published);
        check_new(&new, &claims)?;
        let tx = self.conn.transaction()?;
        article_exists(&tx, key, article_id)?;
        let out = import_in(&tx, new, claims, at, Some(key))?;
        tx.commit()?;
        Ok(out)
    }

    /// Imports many articles, each with its claims, in one transaction: all of them or
    /// none. For bulk loads, where one transaction per article would be slow.
    pub fn import_many(
        &mut self,
        articles: Vec<(NewArticle, Vec<Claim>)>,
        at: DateTime<Utc>,
    ) -> Result<Vec<Imported>> {
        for (new, claims) in &articles {
            check_new(new, claims)?;
        }
        let tx = self.conn.transaction()?;
        let mut out = Vec::with_capacity(articles.len());
        for (new, claims) in articles {
            out.push(import_in(&tx, new, claims, at, None)?);
        }
        tx.commit()?;
        Ok(out)
    }

    /// Imports several articles, each with its claims, in one transaction. An article
    /// whose claims do not fit its text is left out, its error in its place, and the
    /// others go in; any other failure stores none of them. Nothing is in the database
    /// until this returns, and then every article returned `Ok` is, whole. One commit for
    /// many articles is much faster than one each.
    pub fn import_batch(
        &mut self,
        articles: Vec<(NewArticle, Vec<Claim>)>,
        at: DateTime<Utc>,
    ) -> Result<Vec<Result<Imported>>> {
        // No savepoint per article: a savepoint makes full-text search flush its index
        // to disk, which costs more than the article itself. Claims are checked first
        // instead, so an article is refused before anything of it is written.
        let tx = self.conn.transaction()?;
        let mut out = Vec::with_capacity(articles.len());
        for (new, claims) in articles {
            out.push(match check_new(&new, &claims) {
                // A refusal is decided before anything of the article is written.
                Ok(()) => match import_in(&tx, new, claims, at, None) {
                    Err(e) if !e.is_refusal() => return Err(e),
                    outcome => outcome,
                },
                Err(e) => Err(e),
            });
        }
        tx.commit()?;
        Ok(out)
    }

    /// The articles passing `filter`, oldest import first, each with its claim counts.
    pub fn articles(&self, filter: &ArticleFilter) -> Result<Vec<ArticleSummary>> {
        Ok(self
            .article_page(filter, ArticleSort::Oldest, 0, usize::MAX)?
            .articles)
    }

    /// Up to `limit` articles passing `filter` in the order `sort`, from position
    /// `offset` on, each with its claim counts, and how many pass the filter in all. The
    /// counts are kept as claims and verdicts change, so a page costs the same whatever
    /// the size of the library; the page and the total are read in one snapshot.
    pub fn article_page(
        &self,
        filter: &ArticleFilter,
        sort: ArticleSort,
        offset: usize,
        limit: usize,
    ) -> Result<ArticlePage> {
        let tx = self.read()?;
        let query = match filter.query.as_deref().filter(|q| !q.trim().is_empty()) {
            Some(q) => Some(super::search::fts_query(q)?),
            None => None,
        };
        // `?1` is the search, NULL when there is none. Every other condition is on the
        // small `article_tally` rows (one per article), never on the article rows with
        // their text: counting and skipping to a far page read only those.
        let mut conditions = Vec::new();
        if let Some(status) = filter.status {
            conditions.push(format!("t.{} > 0", status_column(status)));
        }
        if let Some(kind) = filter.kind {
            conditions.push(format!("t.n_{} > 0", kind.as_str()));
        }
        // A search in date order walks the full-text index itself, newest or oldest match
        // first, and stops at the page: a word in every article gives its first page as
        // fast as a rare one. The count joins the index's matches to their tallies.
        let searched = "FROM article_fts f JOIN article_tally t ON t.article_id = f.rowid \
                        WHERE article_fts MATCH ?1";
        let date_order = match sort {
            ArticleSort::Newest => Some("DESC"),
            ArticleSort::Oldest => Some("ASC"),
            ArticleSort::Title | ArticleSort::MostUnchecked => None,
        };
        let (count, page_ids, order) = match (&query, date_order) {
            (Some(_), Some(direction)) => {
                let filtered: String = conditions.iter().map(|c| format!(" AND {c}")).collect();
                (
                    format!("SELECT count(*) {searched}{filtered}"),
                    format!(
                        "SELECT f.rowid AS article_id {searched}{filtered} ORDER BY f.rowid {direction}"
                    ),
                    format!("t.article_id {direction}"),
                )
            }
            _ => {
                conditions.insert(
                    0,
                    if query.is_some() {
                        "t.article_id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?1)"
                    } else {
                        "?1 IS NULL"
                    }
                    .to_string(),
                );
                let filtered = conditions.join(" AND ");
                // The page's ids come from an index (or the tally's own order), then only
                // those articles are read.
                let (order, page_ids) = match sort {
                    ArticleSort::Newest => (
                        "t.article_id DESC",
                        "SELECT t.article_id FROM article_tally t WHERE {filtered} \
                         ORDER BY t.article_id DESC",
                    ),
                    ArticleSort::Oldest => (
                        "t.article_id",
                        "SELECT t.article_id FROM article_tally t WHERE {filtered} \
                         ORDER BY t.article_id",
                    ),
                    ArticleSort::Title => (
                        "a.title COLLATE NOCASE, a.id",
                        "SELECT a.id AS article_id FROM article a \
                         JOIN article_tally t ON t.article_id = a.id \
                         WHERE {filtered} ORDER BY a.title COLLATE NOCASE, a.id",
                    ),
                    ArticleSort::MostUnchecked => (
                        "t.n_unchecked DESC, t.article_id DESC",
                        "SELECT t.article_id FROM article_tally t WHERE {filtered} \
                         ORDER BY t.n_unchecked DESC, t.article_id DESC",
                    ),
                };
                (
                    format!("SELECT count(*) FROM article_tally t WHERE {filtered}"),
                    page_ids.replace("{filtered}", &filtered),
                    order.to_string(),
                )
            }
        };
        let total: usize = tx
            .prepare_cached(&count)?
            .query_row([&query], |r| r.get(0))?;
        let mut stmt = tx.prepare_cached(&format!(
            "SELECT a.id, a.title, a.outlet, a.published, a.imported_at, t.n_claims, \
             t.n_unchecked, t.n_verified, t.n_disputed, t.n_false, t.n_misleading, \
             t.n_unverifiable, a.url, a.version, a.source, a.format, a.source_hash \
             FROM ({page_ids} LIMIT ?2 OFFSET ?3) p \
             JOIN article a ON a.id = p.article_id JOIN article_tally t ON t.article_id = a.id \
             ORDER BY {order}"
        ))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let skip = i64::try_from(offset).unwrap_or(i64::MAX);
        let articles = stmt
            .query_map(params![query, limit, skip], summary_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .collect::<Result<Vec<_>>>()?;
        Ok(ArticlePage {
            total,
            offset,
            articles,
        })
    }

    /// Recounts every article's claims by status and kind from the claims and verdicts
    /// themselves and keeps the recount (the counts the library lists and sorts by).
    /// Returns how many articles' counts were wrong. Review work is not touched.
    pub fn recount(&mut self) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let wrong = super::check::stale_tallies(&tx);
        tx.execute("DELETE FROM article_tally", [])?;
        tx.execute(
            &format!(
                "INSERT INTO article_tally (article_id, n_claims, n_unchecked, n_verified, \
                 n_disputed, n_false, n_misleading, n_unverifiable, n_figure, n_date, \
                 n_quote) {}",
                super::check::RECOUNT
            ),
            [],
        )?;
        tx.commit()?;
        Ok(usize::try_from(wrong).unwrap_or(0))
    }

    /// One article as imported.
    pub fn article(&self, id: &str) -> Result<Article> {
        load_article(&self.conn, Kind::Article.key(id)?, id)
    }

    /// An article with all its claims (dismissed ones included, flagged), their verdicts
    /// and sources, and their history oldest first: what the review screen shows and a
    /// report renders. Read in one consistent snapshot.
    pub fn review(&self, article_id: &str) -> Result<ArticleReview> {
        let tx = self.read()?;
        review_in(&tx, article_id)
    }

    /// How many articles the store holds.
    pub fn article_count(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM article", [], |r| r.get(0))?)
    }

    /// How many claims the store holds, dismissed ones included.
    pub fn claim_count(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM claim", [], |r| r.get(0))?)
    }

    /// Replaces an article's text with an edited version: its claims are re-anchored
    /// exactly or reported orphaned, and extraction runs on the new text (see
    /// [`super::TextUpdate`]). The old text is kept as an earlier version.
    pub fn update_text(
        &mut self,
        article_id: &str,
        text: String,
        at: DateTime<Utc>,
    ) -> Result<super::TextUpdate> {
        let key = Kind::Article.key(article_id)?;
        let tx = self.conn.transaction()?;
        let article = load_article(&tx, key, article_id)?;
        let hash = content_hash(&text);
        let other: Option<i64> = tx
            .query_row(
                "SELECT id FROM article WHERE content_hash = ?1",
                [&hash],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = other {
            return Err(StoreError::Invalid(if other == key {
                format!("article {article_id} already has this text")
            } else {
                format!("this text is already article {}", Kind::Article.id(other))
            }));
        }
        let claims = crate::extract::extract(&text, article.published);
        let new = NewArticle {
            title: article.title,
            byline: article.byline,
            outlet: article.outlet,
            url: article.url,
            published: article.published,
            text,
            provenance: None,
        };
        let update = reextract::replace_text(&tx, key, &new, &hash, claims, at)?;
        tx.commit()?;
        Ok(update)
    }

    /// The earlier texts of an article, oldest first, as (version, text).
    pub fn versions(&self, article_id: &str) -> Result<Vec<(i64, String)>> {
        let key = Kind::Article.key(article_id)?;
        article_exists(&self.conn, key, article_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT version, text FROM article_version WHERE article_id = ?1 ORDER BY version",
        )?;
        let rows = stmt.query_map([key], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The `article_tally` column counting claims of `status`.
fn status_column(status: Status) -> &'static str {
    match status {
        Status::Unchecked => "n_unchecked",
        Status::Verified => "n_verified",
        Status::Disputed => "n_disputed",
        Status::False => "n_false",
        Status::Misleading => "n_misleading",
        Status::Unverifiable => "n_unverifiable",
    }
}

/// One row of [`Store::article_page`]'s query (the outer result: the row could be read;
/// the inner one: its date and time parse).
fn summary_row(r: &Row<'_>) -> rusqlite::Result<Result<ArticleSummary>> {
    let published: Option<String> = r.get(3)?;
    let imported_at: String = r.get(4)?;
    let counts = StatusCounts {
        unchecked: r.get(6)?,
        verified: r.get(7)?,
        disputed: r.get(8)?,
        false_: r.get(9)?,
        misleading: r.get(10)?,
        unverifiable: r.get(11)?,
    };
    let (key, title, outlet, claims) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(5)?);
    let (url, version) = (r.get(12)?, r.get(13)?);
    let provenance = match (r.get(14)?, r.get(15)?, r.get(16)?) {
        (Some(source), Some(format), Some(source_hash)) => Some(Provenance {
            source,
            format,
            source_hash,
        }),
        _ => None,
    };
    let summary = || -> Result<ArticleSummary> {
        Ok(ArticleSummary {
            id: Kind::Article.id(key),
            title,
            outlet,
            published: published.map(|d| super::parse_date(&d)).transpose()?,
            imported_at: super::parse_ts(&imported_at)?,
            counts,
            claims,
            url,
            version,
            provenance,
        })
    };
    Ok(summary())
}

/// An article's review, read on `tx` (inside the caller's transaction).
pub(super) fn review_in(tx: &rusqlite::Connection, article_id: &str) -> Result<ArticleReview> {
    let key = Kind::Article.key(article_id)?;
    let article = load_article(tx, key, article_id)?;
    let filter = ClaimFilter {
        include_dismissed: true,
        ..Default::default()
    };
    let mut claims = claims::claims_of(tx, key, &filter)?;
    let mut by_claim = sources::for_article(tx, key)?;
    for c in &mut claims {
        if let Some(s) = by_claim.remove(&Kind::Claim.key(&c.id)?) {
            c.sources = s;
        }
    }
    let history = tx
        .prepare_cached(&format!(
            "{} JOIN claim c ON c.id = h.claim_id LEFT JOIN desk_event de ON de.history_id = h.id \
             WHERE c.article_id = ?1 ORDER BY de.seq IS NULL, de.seq, h.id",
            history::EVENT_SELECT
        ))?
        .query_map([key], history::event_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ArticleReview {
        article,
        claims,
        history,
        sign_offs: super::desk_records::sign_offs_of(tx, key)?,
    })
}
