//! Which articles a report or an export covers: picked by id, found by a search, or all.

use std::collections::HashSet;

use super::{Kind, Result, Store};
use crate::report::{ReportError, ReviewSource};
use crate::review::ArticleReview;

/// The articles a report covers. Ids come first, in the order given; then the articles a
/// search finds, best first; `all` adds every article, oldest import first. An article is
/// listed once however many ways it is chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewScope {
    /// Articles picked by id ("a12").
    pub article_ids: Vec<String>,
    /// Full-text search over articles, claims, speakers and notes.
    pub query: Option<String>,
    /// Every article in the store.
    pub all: bool,
}

/// The reviews of the articles in a scope, read one at a time inside one read
/// transaction: every walk over them sees the same state of the database, and only one
/// article's review is in memory at a time. A report reads its articles from here with
/// [`crate::report::write_stream`].
///
/// While it is open, the store it came from cannot start another transaction on the same
/// connection: drop it before editing or reading through other [`Store`] methods.
pub struct ScopeReviews<'s> {
    tx: rusqlite::Transaction<'s>,
    ids: Vec<String>,
}

impl std::fmt::Debug for ScopeReviews<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScopeReviews")
            .field("articles", &self.ids.len())
            .finish()
    }
}

impl ScopeReviews<'_> {
    /// The ids of the articles, in scope order.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// How many articles the scope covers.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when the scope covers no article.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The review of the `index`-th article.
    pub fn get(&self, index: usize) -> Option<Result<ArticleReview>> {
        let id = self.ids.get(index)?;
        Some(super::articles::review_in(&self.tx, id))
    }

    /// Calls `f` with each review in scope order, one read at a time.
    pub fn try_for_each<E: From<super::StoreError>>(
        &self,
        mut f: impl FnMut(ArticleReview) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        for id in &self.ids {
            f(super::articles::review_in(&self.tx, id)?)?;
        }
        Ok(())
    }
}

impl ReviewSource for ScopeReviews<'_> {
    fn each(
        &self,
        f: &mut dyn FnMut(&ArticleReview) -> std::result::Result<(), ReportError>,
    ) -> std::result::Result<(), ReportError> {
        self.try_for_each(|review| f(&review))
    }
}

impl Store {
    /// The articles in `scope`, in scope order, ready to read one at a time inside one
    /// read transaction. An unknown id is an error naming it; a search that finds nothing
    /// gives no articles.
    pub fn scope_reviews(&self, scope: &ReviewScope) -> Result<ScopeReviews<'_>> {
        let tx = self.read()?;
        let mut ids: Vec<String> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut add = |id: String| {
            if seen.insert(id.clone()) {
                ids.push(id);
            }
        };
        for id in &scope.article_ids {
            // Fails now, naming the id, when there is no such article.
            super::articles::load_article(&tx, Kind::Article.key(id)?, id)?;
            add(id.clone());
        }
        if let Some(q) = scope.query.as_deref().filter(|q| !q.trim().is_empty()) {
            let fts = super::search::fts_query(q)?;
            for id in super::search::articles_matching_in(&tx, &fts)? {
                add(id);
            }
        }
        if scope.all {
            let mut stmt = tx.prepare_cached("SELECT id FROM article ORDER BY id")?;
            let keys = stmt
                .query_map([], |r| r.get::<_, i64>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for key in keys {
                add(Kind::Article.id(key));
            }
        }
        Ok(ScopeReviews { tx, ids })
    }

    /// The reviews (article, claims, history) of every article in `scope`, in scope order,
    /// all in memory; [`Store::scope_reviews`] reads them one at a time instead.
    /// An unknown id is an error naming it; a search that finds nothing gives no reviews.
    pub fn reviews(&self, scope: &ReviewScope) -> Result<Vec<ArticleReview>> {
        let reviews = self.scope_reviews(scope)?;
        let mut out = Vec::with_capacity(reviews.len());
        reviews.try_for_each(|r| {
            out.push(r);
            Ok::<_, super::StoreError>(())
        })?;
        Ok(out)
    }
}
