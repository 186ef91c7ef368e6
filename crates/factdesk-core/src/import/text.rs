//! Plain text and Markdown: the text kept exactly, the title, dateline and front matter
//! read around it.

use chrono::NaiveDate;

use crate::store::NewArticle;

/// Longest first line still taken as a title.
pub(crate) const MAX_TITLE_CHARS: usize = 200;

/// A plain-text article: the text unchanged, the first line as title when it is short
/// enough (else `fallback_title`), a dateline near the top as publication date.
pub fn from_text(text: &str, fallback_title: &str) -> NewArticle {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty());
    let title = first
        .filter(|l| l.chars().count() <= MAX_TITLE_CHARS)
        .unwrap_or(fallback_title)
        .to_string();
    NewArticle {
        title,
        published: dateline(text),
        text: text.to_string(),
        ..Default::default()
    }
}

/// A line of its own among the first few that is a date: "Saturday, September 12, 2015",
/// "September 12, 2015", "12 September 2015" or "2015-09-12".
pub(crate) fn dateline(text: &str) -> Option<NaiveDate> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(6)
        .find_map(parse_date)
}

/// Reads a date written as ISO 8601 (a date-time's date part too) or in words.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim().trim_end_matches('.');
    if let Some(iso) = s.get(..10) {
        if let Ok(d) = NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
            if s.len() == 10 || s[10..].starts_with(['T', ' ', 't']) {
                return Some(d);
            }
        }
    }
    const FORMATS: [&str; 6] = [
        "%A, %B %d, %Y",
        "%B %d, %Y",
        "%A %d %B %Y",
        "%d %B %Y",
        "%A, %d %B %Y",
        "%b %d, %Y",
    ];
    FORMATS
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

/// A Markdown article: metadata from front matter (`title`, `date`/`published`,
/// `author`/`byline`, `outlet`/`publisher`/`source`/`site`, `url`/`canonical`), the title
/// otherwise from the first `# heading`; the text is the body after the front matter.
pub fn from_markdown(text: &str, fallback_title: &str) -> NewArticle {
    let (meta, body) = front_matter(text);
    let body = body.trim_start_matches(['\n', '\r']);
    let get = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            meta.iter()
                .find(|(key, v)| key.eq_ignore_ascii_case(k) && !v.is_empty())
                .map(|(_, v)| v.clone())
        })
    };
    let heading = body.lines().find_map(|l| {
        l.strip_prefix("# ")
            .map(|h| h.trim().trim_end_matches('#').trim().to_string())
            .filter(|h| !h.is_empty())
    });
    let title = get(&["title", "headline"])
        .or(heading)
        .or_else(|| {
            body.lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .filter(|l| l.chars().count() <= MAX_TITLE_CHARS)
                .map(String::from)
        })
        .unwrap_or_else(|| fallback_title.to_string());
    NewArticle {
        title,
        byline: get(&["author", "byline", "authors"]),
        outlet: get(&["outlet", "publisher", "source", "site", "site_name"]),
        url: get(&["url", "canonical", "canonical_url", "link"]),
        published: get(&["date", "published", "datePublished", "pubdate"])
            .and_then(|d| parse_date(&d))
            .or_else(|| dateline(body)),
        text: body.to_string(),
        provenance: None,
    }
}

/// Splits YAML-style front matter (`---` lines around `key: value` lines) from the body.
fn front_matter(text: &str) -> (Vec<(String, String)>, &str) {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = t
        .strip_prefix("---\n")
        .or_else(|| t.strip_prefix("---\r\n"))
    else {
        return (Vec::new(), text);
    };
    let mut offset = 0;
    let mut meta = Vec::new();
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        let l = line.trim_end();
        if l == "---" || l == "..." {
            return (meta, &rest[offset..]);
        }
        if let Some((k, v)) = l.split_once(':') {
            let v = v.trim();
            let v = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(v);
            meta.push((k.trim().to_string(), v.to_string()));
        }
    }
    (Vec::new(), text)
}
