//! Full-text search (FTS5) over article titles and text, claim text, speakers and notes.
//!
//! What the user types is never passed to FTS5 as query syntax: each word becomes a quoted
//! term, so quotes, parentheses, `-`, `:` or SQL in a query are searched for as words, never
//! interpreted. A trailing `*` asks for words starting with the term.

use rusqlite::{params, Connection};

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

/// Where a hit was found, its row ids, snippet and rank (lower is better).
struct Found {
    article: i64,
    title: String,
    claim: Option<i64>,
    field: &'static str,
    snippet: String,
    rank: f64,
}

fn hits(
    conn: &Connection,
    sql: &str,
    fts: &str,
    limit: usize,
    field: &'static str,
) -> Result<Vec<Found>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![fts, limit], |r| {
        Ok(Found {
            article: r.get(0)?,
            title: r.get(1)?,
            claim: r.get(2)?,
            field,
            snippet: r.get(3)?,
            rank: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// The best `limit` hits for `query` across article titles and text, claim text,
    /// speakers and notes (dismissed claims left out), best first. Every word must match;
    /// `word*` matches words starting with `word`.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let fts = fts_query(query)?;
        if limit == 0 {
            return Ok(Vec::new());
        }
        let tx = self.read()?;
        let mut found = hits(
            &tx,
            "SELECT a.id, a.title, NULL, snippet(article_fts, -1, '[', ']', '…', 12), \
             article_fts.rank FROM article_fts JOIN article a ON a.id = article_fts.rowid \
             WHERE article_fts MATCH ?1 ORDER BY article_fts.rank LIMIT ?2",
            &fts,
            limit,
            "article",
        )?;
        found.extend(hits(
            &tx,
            "SELECT a.id, a.title, c.id, snippet(claim_fts, 0, '[', ']', '…', 12), \
             claim_fts.rank FROM claim_fts JOIN claim c ON c.id = claim_fts.rowid \
             JOIN article a ON a.id = c.article_id \
             WHERE claim_fts MATCH 'text : (' || ?1 || ')' AND c.dismissed = 0 \
             ORDER BY claim_fts.rank LIMIT ?2",
            &fts,
            limit,
            "claim",
        )?);
        found.extend(hits(
            &tx,
            "SELECT a.id, a.title, c.id, snippet(claim_fts, 1, '[', ']', '…', 12), \
             claim_fts.rank FROM claim_fts JOIN claim c ON c.id = claim_fts.rowid \
             JOIN article a ON a.id = c.article_id \
             WHERE claim_fts MATCH 'speaker : (' || ?1 || ')' AND c.dismissed = 0 \
             ORDER BY claim_fts.rank LIMIT ?2",
            &fts,
            limit,
            "speaker",
        )?);
        found.extend(hits(
            &tx,
            "SELECT a.id, a.title, c.id, snippet(note_fts, 0, '[', ']', '…', 12), \
             note_fts.rank FROM note_fts JOIN claim c ON c.id = note_fts.rowid \
             JOIN article a ON a.id = c.article_id \
             WHERE note_fts MATCH ?1 AND c.dismissed = 0 ORDER BY note_fts.rank LIMIT ?2",
            &fts,
            limit,
            "note",
        )?);
        found.sort_by(|a, b| a.rank.total_cmp(&b.rank));
        found.truncate(limit);
        Ok(found
            .into_iter()
            .map(|f| SearchHit {
                article_id: Kind::Article.id(f.article),
                article_title: f.title,
                claim_id: f.claim.map(|c| Kind::Claim.id(c)),
                field: f.field.to_string(),
                snippet: f.snippet,
            })
            .collect())
    }
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
