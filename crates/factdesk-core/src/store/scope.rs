//! Which articles a report or an export covers: picked by id, found by a search, or all.

use std::collections::HashSet;

use super::{ArticleFilter, Result, Store};
use crate::review::ArticleReview;

/// The articles a report covers. Ids come first, in the order given; then the articles a
/// search finds, best first; `all` adds every article, newest import first. An article is
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

/// How many search hits are read to find the articles a query covers.
const QUERY_HITS: usize = 100_000;

impl Store {
    /// The reviews (article, claims, history) of every article in `scope`, in scope order.
    /// An unknown id is an error naming it; a search that finds nothing gives no reviews.
    pub fn reviews(&self, scope: &ReviewScope) -> Result<Vec<ArticleReview>> {
        let mut ids: Vec<String> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut add = |id: String| {
            if seen.insert(id.clone()) {
                ids.push(id);
            }
        };
        for id in &scope.article_ids {
            add(id.clone());
        }
        if let Some(q) = scope.query.as_deref().filter(|q| !q.trim().is_empty()) {
            for hit in self.search(q, QUERY_HITS)? {
                add(hit.article_id);
            }
        }
        if scope.all {
            for a in self.articles(&ArticleFilter::default())? {
                add(a.id);
            }
        }
        ids.iter().map(|id| self.review(id)).collect()
    }
}
