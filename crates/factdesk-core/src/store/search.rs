//! Full-text search (FTS5) over article titles and text, claim text, speakers and notes.
//!
//! What the user types is never passed to FTS5 as query syntax: each word becomes a quoted
//! term, so quotes, parentheses, `-`, `:` or SQL in a query are searched for as words, never
//! interpreted. A trailing `*` asks for words starting with the term.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::{Kind, Result, SearchHit, Store, StoreError};

/// Turns what the user typed into an FTS5 query matching every word (in any order): each
/// word a quoted string with `"` doubled, `word*` a prefix search. Refuses a query with no
/// word in it.
pub(crate) fn fts_query(query: &str) -> Result<String> {
    let mut terms = Vec::new();
    for word in query.split_whitespace() {
        let (word, prefix) = match word.strip_suffix('*') {
            Some(w) => (w, true),
            None => (word, false),
        };
        if !word.chars().any(char::is_alphanumeric) {
            continue;
        }
        let mut term = format!("\"{}\"", word.replace('"', "\"\""));
        if prefix {
            term.push('*');
        }
        terms.push(term);
    }
    if terms.is_empty() {
        return Err(StoreError::Invalid(format!(
            "nothing to search for in {query:?}: give at least one word"
        )));
    }
    Ok(terms.join(" "))
}

/// How many of the most recent article matches are ranked by relevance. Ranking every
/// match of a word found in most articles would take time in proportion to the database;
/// ranking the newest few thousand keeps a search fast at any size and exact for rarer
/// words.
pub const RANKED_WINDOW: usize = 2000;

/// One kind of thing searched: its FTS table, the column filter, the column a snippet is
/// cut from, whether its matches are ranked by relevance (else newest first), and how to
/// find its article and claim.
struct Searched {
    field: &'static str,
    table: &'static str,
    filter: &'static str,
    snippet_column: i32,
    by_relevance: bool,
    /// SQL giving (article row, article title, claim row, dismissed) for `?1`, the FTS row.
    owner: &'static str,
    /// A condition on the FTS row that leaves out dismissed claims, applied before any
    /// limit so hidden matches never crowd out live ones.
    live: &'static str,
}

/// `TABLE` stands for the FTS table searched.
const LIVE_CLAIM: &str =
    "AND NOT EXISTS (SELECT 1 FROM claim c WHERE c.id = TABLE.rowid AND c.dismissed)";

const CLAIM_OWNER: &str = "SELECT a.id, a.title, c.id, c.dismissed FROM claim c \
                           JOIN article a ON a.id = c.article_id WHERE c.id = ?1";

/// What is searched, in the order hits are shown: editors' notes first, then speakers,
/// then articles by relevance, then the text of claims.
const SEARCHED: [Searched; 4] = [
    Searched {
        field: "note",
        table: "note_fts",
        filter: "",
        snippet_column: 0,
        by_relevance: false,
        owner: CLAIM_OWNER,
        live: LIVE_CLAIM,
    },
    Searched {
        field: "speaker",
        table: "claim_fts",
        filter: "speaker",
        snippet_column: 1,
        by_relevance: false,
        owner: CLAIM_OWNER,
        live: LIVE_CLAIM,
    },
    Searched {
        field: "article",
        table: "article_fts",
        filter: "",
        snippet_column: -1,
        by_relevance: true,
        owner: "SELECT id, title, NULL, 0 FROM article WHERE id = ?1",
        live: "",
    },
    Searched {
        field: "claim",
        table: "claim_fts",
        filter: "text",
        snippet_column: 0,
        by_relevance: false,
        owner: CLAIM_OWNER,
        live: LIVE_CLAIM,
    },
];

/// A match before its snippet is cut: which source, its FTS row, its rank (lower first).
struct Ranked {
    source: usize,
    row: i64,
    rank: f64,
}

fn fts_for(s: &Searched, fts: &str) -> String {
    if s.filter.is_empty() {
        fts.to_string()
    } else {
        format!("{} : ({fts})", s.filter)
    }
}

/// The first `limit` matches of one source: the newest, ranked by BM25 among the newest
/// [`RANKED_WINDOW`] where the source is ranked by relevance. (BM25 reads the whole
/// posting list of every word to weigh it, too slow on millions of claims for a common
/// word; claims, speakers and notes come newest first.)
fn ranked(conn: &Connection, source: usize, fts: &str, limit: usize) -> Result<Vec<Ranked>> {
    let s = &SEARCHED[source];
    let rank = if s.by_relevance {
        format!("bm25({})", s.table)
    } else {
        "-rowid".to_string()
    };
    let window = if s.by_relevance {
        RANKED_WINDOW.max(limit)
    } else {
        limit
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT rowid, {rank} FROM {t} WHERE {t} MATCH ?1 {live} ORDER BY rowid DESC LIMIT ?2",
        t = s.table,
        live = s.live.replace("TABLE", s.table),
    ))?;
    let mut out: Vec<Ranked> = stmt
        .query_map(params![fts_for(s, fts), window], |r| {
            Ok(Ranked {
                source,
                row: r.get(0)?,
                rank: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    out.sort_by(|a, b| a.rank.total_cmp(&b.rank));
    out.truncate(limit);
    Ok(out)
}

/// The hit for a ranked match, or `None` when its claim is dismissed.
fn hit(conn: &Connection, fts: &str, m: &Ranked) -> Result<Option<SearchHit>> {
    let s = &SEARCHED[m.source];
    let (article, title, claim, dismissed): (i64, String, Option<i64>, bool) =
        conn.prepare_cached(s.owner)?.query_row([m.row], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    if dismissed {
        return Ok(None);
    }
    let query = fts_for(s, fts);
    let snippet: String = conn
        .prepare_cached(&format!(
            "SELECT snippet({t}, {c}, '[', ']', '…', 12) FROM {t} WHERE {t} MATCH ?1 AND rowid = ?2",
            t = s.table,
            c = s.snippet_column
        ))?
        .query_row(params![query, m.row], |r| r.get(0))?;
    Ok(Some(SearchHit {
        article_id: Kind::Article.id(article),
        article_title: title,
        claim_id: claim.map(|c| Kind::Claim.id(c)),
        field: s.field.to_string(),
        snippet,
    }))
}

impl Store {
    /// The first `limit` hits for `query` across notes, speakers, article titles and
    /// text, and claim text, in that order (dismissed claims left out): notes, speakers
    /// and claims newest first, articles by BM25 relevance among the [`RANKED_WINDOW`]
    /// newest matches. Every word must match; `word*` matches words starting with `word`.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let fts = fts_query(query)?;
        if limit == 0 {
            return Ok(Vec::new());
        }
        let tx = self.read()?;
        search_in(&tx, &fts, limit)
    }
}

impl Store {
    /// Hits `offset..offset + limit` of the list [`Store::search`] gives: the next page of
    /// a search whose first `offset` hits were shown.
    pub fn search_page(&self, query: &str, offset: usize, limit: usize) -> Result<Vec<SearchHit>> {
        let mut hits = self.search(query, offset.saturating_add(limit))?;
        hits.drain(..offset.min(hits.len()));
        Ok(hits)
    }
}

/// [`Store::search`] on `tx` (inside the caller's transaction), for a query already made
/// safe by [`fts_query`].
pub(super) fn search_in(tx: &Connection, fts: &str, limit: usize) -> Result<Vec<SearchHit>> {
    let mut out = Vec::with_capacity(limit);
    for source in 0..SEARCHED.len() {
        let wanted = limit - out.len();
        for m in ranked(tx, source, fts, wanted)? {
            if out.len() == limit {
                return Ok(out);
            }
            if let Some(h) = hit(tx, fts, &m)? {
                out.push(h);
            }
        }
        if out.len() == limit {
            break;
        }
    }
    Ok(out)
}

/// How many things a search matches in all, by where the words were found (dismissed
/// claims left out).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SearchCounts {
    /// Editors' notes.
    pub notes: usize,
    /// Quote speakers.
    pub speakers: usize,
    /// Article titles and texts.
    pub articles: usize,
    /// Claim texts.
    pub claims: usize,
}

impl SearchCounts {
    /// Every match.
    pub fn total(&self) -> usize {
        self.notes + self.speakers + self.articles + self.claims
    }
}

impl Store {
    /// How many matches `query` has in all, so a caller showing the first few can say how
    /// many there are.
    pub fn search_counts(&self, query: &str) -> Result<SearchCounts> {
        let fts = fts_query(query)?;
        let tx = self.read()?;
        let mut counts = [0usize; 4];
        for (source, count) in counts.iter_mut().enumerate() {
            let s = &SEARCHED[source];
            *count = tx
                .prepare_cached(&format!(
                    "SELECT count(*) FROM {t} WHERE {t} MATCH ?1 {live}",
                    t = s.table,
                    live = s.live.replace("TABLE", s.table)
                ))?
                .query_row(params![fts_for(s, &fts)], |r| r.get(0))?;
        }
        Ok(SearchCounts {
            notes: counts[0],
            speakers: counts[1],
            articles: counts[2],
            claims: counts[3],
        })
    }

    /// Every article that `query` matches, in its title or text or in a live claim's text,
    /// speaker or note: no window, no cap. Articles matched by their own text come first,
    /// best first among the newest [`RANKED_WINDOW`], then the rest newest first.
    pub fn articles_matching(&self, query: &str) -> Result<Vec<String>> {
        let fts = fts_query(query)?;
        let tx = self.read()?;
        articles_matching_in(&tx, &fts)
    }
}

/// [`Store::articles_matching`] inside the caller's transaction, for a query already made
/// safe by [`fts_query`].
pub(super) fn articles_matching_in(tx: &Connection, fts: &str) -> Result<Vec<String>> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    let mut add = |row: i64| {
        if seen.insert(row) {
            out.push(Kind::Article.id(row));
        }
    };
    for m in ranked(tx, 2, fts, RANKED_WINDOW)? {
        add(m.row);
    }
    let mut all =
        tx.prepare("SELECT rowid FROM article_fts WHERE article_fts MATCH ?1 ORDER BY rowid DESC")?;
    for row in all.query_map(params![fts], |r| r.get::<_, i64>(0))? {
        add(row?);
    }
    for source in [0usize, 1, 3] {
        let s = &SEARCHED[source];
        let mut stmt = tx.prepare(&format!(
            "SELECT DISTINCT c.article_id FROM {t} JOIN claim c ON c.id = {t}.rowid \
             WHERE {t} MATCH ?1 AND NOT c.dismissed ORDER BY c.article_id DESC",
            t = s.table
        ))?;
        for row in stmt.query_map(params![fts_for(s, fts)], |r| r.get::<_, i64>(0))? {
            add(row?);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_becomes_quoted_terms_never_syntax() {
        assert_eq!(
            fts_query("crane collapse").unwrap(),
            r#""crane" "collapse""#
        );
        assert_eq!(
            fts_query(r#"'); DROP TABLE article; -- "x" NEAR(a b) col:y"#).unwrap(),
            r#""DROP" "TABLE" "article;" """x""" "NEAR(a" "b)" "col:y""#
        );
        assert_eq!(fts_query("minist*").unwrap(), r#""minist"*"#);
        assert!(fts_query("  -- ; ').").is_err(), "no word to search for");
    }
}
