//! Reading article files into what the store imports: plain text, Markdown and HTML.
//!
//! - Plain text is kept exactly; its first line is the title when it looks like one, and a
//!   dateline near the top ("Saturday, September 12, 2015") is the publication date.
//! - Markdown: the title, date, byline, outlet and URL come from YAML-style front matter
//!   where present, else the title from the first `# heading`; the text is everything after
//!   the front matter, unchanged.
//! - HTML: the article body is found with a real HTML parser (the `articleBody`, `<article>`
//!   or `<main>` element, else `<body>`); every visible word in it is kept, in reading
//!   order, each block (paragraph, heading, list item, table cell, `div`, a `<br>`) its own
//!   paragraph; navigation, asides, footers, scripts and figures are left out.
//!   Title, date, byline, outlet and URL come from JSON-LD, `<meta>` and `<title>` where
//!   present.
//! - DOCX (Word, LibreOffice, Google Docs): see [`docx`].
//! - PDF with a text layer: see [`pdf`].
//!
//! Every text file first passes the checks of [`crate::input`] (exists, not binary, UTF-8,
//! not too big); DOCX and PDF files are recognized by their first bytes (or extension) and
//! read as bytes up to [`MAX_DOCUMENT_BYTES`]. Every error names the file.

pub mod docx;
pub mod pdf;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use chrono::NaiveDate;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::input::{read_article_file, InputError};
use crate::store::NewArticle;

/// Why an article file could not be imported. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read as text (missing, binary, not UTF-8, too big…).
    #[error(transparent)]
    Input(#[from] InputError),
    /// The file holds no text, or only whitespace.
    #[error("{path}: is empty; there is no article text to import")]
    Empty {
        /// The file read.
        path: PathBuf,
    },
    /// An HTML file with no text in its body.
    #[error("{path}: no article text found in the HTML (no paragraphs or text in its body)")]
    NoBody {
        /// The file read.
        path: PathBuf,
    },
    /// A DOCX file that could not be read.
    #[error(transparent)]
    Docx(#[from] docx::DocxError),
    /// A PDF file that could not be read.
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
}

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// HTML.
    Html,
    /// A Word document (Office Open XML, a ZIP archive).
    Docx,
    /// A PDF document.
    Pdf,
}

/// Largest DOCX or PDF file read. A 300-page report with images stays well under it.
pub const MAX_DOCUMENT_BYTES: u64 = 256 * 1024 * 1024;

/// The binary format of a file from its first bytes (`%PDF-` is PDF, a ZIP local header is
/// DOCX), else from its extension (`.docx`, `.pdf`); `None` for text formats.
pub fn document_format(path: &Path, head: &[u8]) -> Option<Format> {
    if head.starts_with(b"%PDF-") {
        return Some(Format::Pdf);
    }
    if head.starts_with(b"PK\x03\x04") {
        return Some(Format::Docx);
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "docx" | "docm" | "dotx" => Some(Format::Docx),
        "pdf" => Some(Format::Pdf),
        _ => None,
    }
}

/// The binary format of the regular file at `path` by [`document_format`] on its first
/// bytes; `None` for text formats and for what is not a readable regular file (the text
/// reader then says what is wrong with it).
pub fn file_document_format(path: &Path) -> Option<Format> {
    use std::io::Read;
    if !path.is_file() {
        return None;
    }
    let mut head = Vec::with_capacity(8);
    if let Ok(f) = std::fs::File::open(path) {
        let _ = f.take(8).read_to_end(&mut head);
    }
    document_format(path, &head)
}

/// Reads a DOCX or PDF file's bytes, refusing what is not a regular file or is larger than
/// [`MAX_DOCUMENT_BYTES`], with an error naming the file.
fn read_document_bytes(path: &Path) -> Result<Vec<u8>, InputError> {
    use std::io::Read;
    let io = |source: std::io::Error| {
        if source.kind() == std::io::ErrorKind::NotFound {
            InputError::NotFound {
                path: path.to_path_buf(),
            }
        } else {
            InputError::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(InputError::NotRegular {
            path: path.to_path_buf(),
        });
    }
    let too_large = |size| InputError::TooLarge {
        path: path.to_path_buf(),
        size,
        limit: MAX_DOCUMENT_BYTES,
    };
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .map_err(io)?
        .take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The format of `path` by its extension (`.md`/`.markdown`, `.html`/`.htm`/`.xhtml`,
/// anything else is text), except that text starting like an HTML document is HTML.
pub fn format_of(path: &Path, text: &str) -> Format {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "md" | "markdown" | "mdown" => Format::Markdown,
        "html" | "htm" | "xhtml" => Format::Html,
        _ => {
            let head: String = text
                .trim_start()
                .chars()
                .take(15)
                .collect::<String>()
                .to_ascii_lowercase();
            if head.starts_with("<!doctype html") || head.starts_with("<html") {
                Format::Html
            } else {
                Format::Text
            }
        }
    }
}

/// Reads the article at `path` (see the module documentation for each format). Refuses a
/// file that is missing, binary, not UTF-8, too big or empty, or an HTML page with no
/// body text, with an error naming the file.
///
/// DOCX and PDF files (recognized by their first bytes or extension) are read by
/// [`docx::read_docx`] and [`pdf::read_pdf`].
pub fn read_article(path: &Path) -> Result<NewArticle, ImportError> {
    match file_document_format(path) {
        Some(Format::Docx) => return Ok(docx::read_docx(path, &read_document_bytes(path)?)?),
        Some(Format::Pdf) => return Ok(pdf::read_pdf(path, &read_document_bytes(path)?)?),
        _ => {}
    }
    let raw = read_article_file(path)?;
    if raw.trim().is_empty() {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        });
    }
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let article = match format_of(path, &raw) {
        Format::Text => from_text(&raw, &name),
        Format::Markdown => from_markdown(&raw, &name),
        Format::Html | Format::Docx | Format::Pdf => from_html(&raw, &name),
    };
    if article.text.trim().is_empty() {
        return Err(match format_of(path, &raw) {
            Format::Html => ImportError::NoBody {
                path: path.to_path_buf(),
            },
            _ => ImportError::Empty {
                path: path.to_path_buf(),
            },
        });
    }
    Ok(article)
}

/// Longest first line still taken as a title.
const MAX_TITLE_CHARS: usize = 200;

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
fn dateline(text: &str) -> Option<NaiveDate> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(6)
        .find_map(parse_date)
}

/// Reads a date written as ISO 8601 (a date-time's date part too) or in words.
fn parse_date(s: &str) -> Option<NaiveDate> {
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

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("selector {css:?} is valid CSS: {e}"))
}

static BODY_ROOTS: LazyLock<[Selector; 5]> = LazyLock::new(|| {
    [
        selector("[itemprop=articleBody]"),
        selector("article"),
        selector("main"),
        selector("[role=main]"),
        selector("body"),
    ]
});
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static META: LazyLock<Selector> = LazyLock::new(|| selector("meta[content]"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector("link[rel=canonical][href]"));
static JSON_LD: LazyLock<Selector> =
    LazyLock::new(|| selector("script[type=\"application/ld+json\"]"));
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
static AUTHOR_LINK: LazyLock<Selector> =
    LazyLock::new(|| selector("[rel=author], [itemprop=author], .byline, .author"));

/// Elements that start and end a block of text: their text is never run together with
/// the text before or after them.
const BLOCK_NAMES: [&str; 40] = [
    "address",
    "article",
    "blockquote",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "body",
    "html",
];

/// Elements whose text is never article text.
const LEFT_OUT: [&str; 11] = [
    "nav", "aside", "footer", "script", "style", "noscript", "template", "svg", "figure", "button",
    "iframe",
];

/// An HTML article: the body text (see the module documentation) and metadata from
/// JSON-LD, `<meta>`, `<link rel=canonical>` and `<title>`. The text is empty when the page
/// has none.
pub fn from_html(html: &str, fallback_title: &str) -> NewArticle {
    let doc = Html::parse_document(html);
    let root = BODY_ROOTS
        .iter()
        .find_map(|s| doc.select(s).next())
        .unwrap_or_else(|| doc.root_element());
    let text = body_text(root);

    let ld = json_ld(&doc);
    let meta = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            doc.select(&META)
                .find(|m| {
                    m.attr("property")
                        .or_else(|| m.attr("name"))
                        .or_else(|| m.attr("itemprop"))
                        .is_some_and(|p| p.eq_ignore_ascii_case(k))
                })
                .and_then(|m| m.attr("content"))
                .map(collapse)
                .filter(|v| !v.is_empty())
        })
    };
    let ld_str = |key: &str| ld.as_ref().and_then(|o| text_of(o.get(key)?));
    let title = ld_str("headline")
        .or_else(|| meta(&["og:title", "twitter:title"]))
        .or_else(|| root.select(&H1).next().map(visible_text))
        .or_else(|| doc.select(&TITLE).next().map(visible_text))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| fallback_title.to_string());
    let published = ld_str("datePublished")
        .or_else(|| {
            meta(&[
                "article:published_time",
                "datePublished",
                "date",
                "pubdate",
                "publish-date",
                "dc.date",
            ])
        })
        .or_else(|| {
            root.select(&TIME)
                .next()
                .and_then(|t| t.attr("datetime"))
                .map(String::from)
        })
        .and_then(|d| parse_date(&d));
    let byline = ld
        .as_ref()
        .and_then(|o| names(o.get("author")?))
        .or_else(|| meta(&["author", "byl", "dc.creator"]))
        .or_else(|| {
            doc.select(&AUTHOR_LINK)
                .map(visible_text)
                .find(|t| !t.is_empty())
        })
        .map(|b| b.strip_prefix("By ").map(String::from).unwrap_or(b));
    let outlet = ld
        .as_ref()
        .and_then(|o| o.get("publisher"))
        .and_then(names)
        .or_else(|| meta(&["og:site_name", "application-name"]));
    let url = doc
        .select(&CANONICAL)
        .next()
        .and_then(|l| l.attr("href"))
        .map(str::to_string)
        .or_else(|| meta(&["og:url"]))
        .or_else(|| ld_str("url"))
        .filter(|u| !u.is_empty());
    NewArticle {
        title,
        byline,
        outlet,
        url,
        published,
        text,
    }
}

/// Every visible word under `root`, in reading order: the text of each block (a
/// paragraph, heading, list item, table cell, `div`…) with its whitespace collapsed,
/// blocks separated by a blank line, a `<br>` ending a block too. What is never article
/// text (`LEFT_OUT`: scripts, navigation, figures…) is left out. One walk, so time is
/// linear in the page's size whatever its nesting.
fn body_text(root: ElementRef<'_>) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, blocks: &mut Vec<String>| {
        let text = collapse(current);
        if !text.is_empty() {
            blocks.push(text);
        }
        current.clear();
    };
    let mut hidden = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if let Some(text) = node.value().as_text() {
                    if hidden == 0 {
                        current.push_str(text);
                    }
                } else if let Some(e) = node.value().as_element() {
                    if LEFT_OUT.contains(&e.name()) {
                        hidden += 1;
                    } else if hidden == 0 && (BLOCK_NAMES.contains(&e.name()) || e.name() == "br") {
                        flush(&mut current, &mut blocks);
                    }
                }
            }
            Edge::Close(node) => {
                if let Some(e) = node.value().as_element() {
                    if LEFT_OUT.contains(&e.name()) {
                        hidden -= 1;
                    } else if hidden == 0 && BLOCK_NAMES.contains(&e.name()) {
                        flush(&mut current, &mut blocks);
                    }
                }
            }
        }
    }
    flush(&mut current, &mut blocks);
    blocks.join("\n\n")
}

/// The text of an element with runs of whitespace made one space, leaving out what inside
/// it is never article text (scripts, navigation, figures… see `LEFT_OUT`).
fn visible_text(el: ElementRef<'_>) -> String {
    let mut out = String::new();
    let mut hidden = 0usize;
    for edge in el.traverse() {
        match edge {
            Edge::Open(node) if node.id() != el.id() => {
                if let Some(text) = node.value().as_text() {
                    if hidden == 0 {
                        out.push_str(text);
                    }
                } else if let Some(e) = node.value().as_element() {
                    hidden += usize::from(LEFT_OUT.contains(&e.name()));
                }
            }
            Edge::Close(node) if node.id() != el.id() => {
                if let Some(e) = node.value().as_element() {
                    hidden -= usize::from(LEFT_OUT.contains(&e.name()));
                }
            }
            _ => {}
        }
    }
    collapse(&out)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first JSON-LD object describing an article (`@type` NewsArticle, Article,
/// BlogPosting, ReportageNewsArticle…), looking inside arrays and `@graph`.
fn json_ld(doc: &Html) -> Option<serde_json::Map<String, Value>> {
    fn is_article(o: &serde_json::Map<String, Value>) -> bool {
        let article = |t: &str| t.ends_with("Article") || t == "BlogPosting" || t == "Report";
        match o.get("@type") {
            Some(Value::String(t)) => article(t),
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(article),
            _ => false,
        }
    }
    fn walk(v: &Value) -> Option<serde_json::Map<String, Value>> {
        match v {
            Value::Array(items) => items.iter().find_map(walk),
            Value::Object(o) if is_article(o) => Some(o.clone()),
            Value::Object(o) => o.get("@graph").and_then(walk),
            _ => None,
        }
    }
    doc.select(&JSON_LD).find_map(|s| {
        let raw: String = s.text().collect();
        serde_json::from_str::<Value>(&raw)
            .ok()
            .as_ref()
            .and_then(walk)
    })
}

/// A JSON-LD value as text: a string, or an object's `@id`/`url`.
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(collapse(s)).filter(|s| !s.is_empty()),
        Value::Object(o) => o.get("@id").or_else(|| o.get("url")).and_then(text_of),
        _ => None,
    }
}

/// The name(s) in a JSON-LD person or organization value: a string, an object with
/// `name`, or a list of them joined with commas.
fn names(v: &Value) -> Option<String> {
    let one = |v: &Value| match v {
        Value::String(s) => Some(collapse(s)),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(collapse),
        _ => None,
    };
    let all: Vec<String> = match v {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    };
    let all: Vec<String> = all.into_iter().filter(|s| !s.is_empty()).collect();
    (!all.is_empty()).then(|| all.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first paragraphs of the development corpus's Mecca crane article, as a news
    /// site would serve them.
    const CRANE_HTML: &str = r#"<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>At least 107 killed in Mecca crane collapse - Wikinews, the free news source</title>
<meta property="og:site_name" content="Wikinews">
<meta property="og:title" content="At least 107 killed in Mecca crane collapse">
<link rel="canonical" href="https://en.wikinews.org/wiki/At_least_107_killed_in_Mecca_crane_collapse">
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"Wikinews"},
 {"@type":"NewsArticle","headline":"At least 107 killed in Mecca crane collapse",
  "datePublished":"2015-09-12T18:04:00Z",
  "author":[{"@type":"Person","name":"Wikinews contributors"}],
  "publisher":{"@type":"Organization","name":"Wikinews"}}]}
</script>
<style>p { color: red }</style>
</head><body>
<nav><ul><li>Main page</li><li>Latest news</li></ul></nav>
<article>
<h1>At least 107 killed in Mecca crane collapse</h1>
<p>Saturday, September 12, 2015</p>
<p>A storm yesterday caused a crane to fall into Mecca's Grand Mosque, killing 107 or
   more and wounding 238, according to Saudi Arabia's Civil Defense Authority.</p>
<figure><img src="crane.jpg"><figcaption>The crane, in 2014.</figcaption></figure>
<blockquote><p>&ldquo;All those who were wounded and the dead have been taken to hospital.&rdquo;</p></blockquote>
<aside>Related: Hajj stampede</aside>
<script>var tracking = "not article text";</script>
</article>
<footer>Content is available under CC BY 2.5</footer>
</body></html>"#;

    #[test]
    fn html_gives_the_article_body_and_its_metadata() {
        let a = from_html(CRANE_HTML, "crane");
        assert_eq!(a.title, "At least 107 killed in Mecca crane collapse");
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2015, 9, 12));
        assert_eq!(a.outlet.as_deref(), Some("Wikinews"));
        assert_eq!(a.byline.as_deref(), Some("Wikinews contributors"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://en.wikinews.org/wiki/At_least_107_killed_in_Mecca_crane_collapse")
        );
        assert_eq!(
            a.text,
            "At least 107 killed in Mecca crane collapse\n\n\
             Saturday, September 12, 2015\n\n\
             A storm yesterday caused a crane to fall into Mecca's Grand Mosque, killing 107 or \
             more and wounding 238, according to Saudi Arabia's Civil Defense Authority.\n\n\
             \u{201c}All those who were wounded and the dead have been taken to hospital.\u{201d}"
        );
        for left_out in [
            "Main page",
            "Related",
            "tracking",
            "CC BY",
            "color",
            "in 2014",
        ] {
            assert!(
                !a.text.contains(left_out),
                "{left_out:?} is not article text"
            );
        }
    }

    #[test]
    fn html_without_metadata_falls_back_to_title_and_body() {
        let a = from_html(
            "<html><head><title>Budget vote</title></head><body><div>The council approved \
             <b>$4.2 million</b> on Tuesday.</div></body></html>",
            "file",
        );
        assert_eq!(a.title, "Budget vote");
        assert_eq!(a.text, "The council approved $4.2 million on Tuesday.");
        assert_eq!((a.published, a.url), (None, None));
        let empty = from_html("<html><body><nav>Menu</nav></body></html>", "file");
        assert_eq!(empty.title, "file");
    }

    /// Regression: 2,000 nested `<blockquote><p>Up 5%.</p>` took the importer over ten times
    /// as long as parsing the page, climbing from every block and every text node back up
    /// to the root (quadratic in the depth; 4,000 levels took 24 s in a debug build).
    /// Text directly in `<article>`, in `<div>`, `<td>` and `<span>` was dropped without a
    /// word (only `<p>` and a few others were read), and blocks ran together.
    #[test]
    fn every_visible_word_is_kept_with_blocks_as_paragraphs() {
        let page = "<html><body><nav>Home · World</nav><article>Direct text, 5 percent.\
                    <div>First div said 10 people.</div><div>Second div<br>after a break</div>\
                    <table><tr><td>Cell 3 million</td><td>Cell <b>two</b></td></tr></table>\
                    <span>Span 7 km</span> and more inline.<p>Para one.</p>\
                    <ul><li>Item 40%</li></ul><script>var x = 1;</script></article>\
                    <footer>© Outlet</footer></body></html>";
        let a = from_html(page, "t");
        assert_eq!(
            a.text,
            "Direct text, 5 percent.\n\nFirst div said 10 people.\n\nSecond div\n\n\
             after a break\n\nCell 3 million\n\nCell two\n\nSpan 7 km and more inline.\n\n\
             Para one.\n\nItem 40%"
        );
    }

    #[test]
    fn deeply_nested_html_is_read_in_one_walk() {
        let depth = 2000;
        let page = format!(
            "<html><body>{}{}</body></html>",
            "<blockquote><p>Up 5%.</p>".repeat(depth),
            "</blockquote>".repeat(depth)
        );
        let start = std::time::Instant::now();
        drop(Html::parse_document(&page));
        let parse = start.elapsed();
        let start = std::time::Instant::now();
        let a = from_html(&page, "deep");
        let import = start.elapsed();
        assert!(
            a.text == vec!["Up 5%."; depth].join("\n\n"),
            "{} bytes of text",
            a.text.len()
        );
        assert!(
            import < parse * 3 + std::time::Duration::from_millis(500),
            "parsing took {parse:?}, importing {import:?}"
        );
        let hidden = from_html(
            "<body><div><nav><p>Menu 1</p><div><p>Menu 2</p></div></nav><p>Up 5%.\
             <script>x</script><aside>no</aside></p><li>2 <p>in</p></li></div></body>",
            "f",
        );
        assert_eq!(
            hidden.text, "Up 5%.\n\n2\n\nin",
            "a paragraph in a list item is a block"
        );
    }

    #[test]
    fn markdown_front_matter_and_heading() {
        let md = "---\ntitle: \"Stoltenberg in Kiev\"\ndate: 2023-04-20\nauthor: Atalayar\n\
                  outlet: Atalayar\nurl: https://example.org/stoltenberg\n---\n\n\
                  # Ignored heading\n\nNATO members have sent \"more than 15 billion euros\".\n";
        let a = from_markdown(md, "file");
        assert_eq!(a.title, "Stoltenberg in Kiev");
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2023, 4, 20));
        assert_eq!(a.byline.as_deref(), Some("Atalayar"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/stoltenberg"));
        assert!(a.text.starts_with("# Ignored heading\n"));
        let plain = from_markdown("Intro line\n\n# Hajj stampede\n\nHundreds dead.\n", "file");
        assert_eq!(plain.title, "Hajj stampede");
        assert_eq!(
            plain.text,
            "Intro line\n\n# Hajj stampede\n\nHundreds dead.\n"
        );
    }

    /// Regression: an empty `# ` heading was taken as the title, giving an article with no
    /// title (found by fuzzing with "---\r\ntitle: \r\npublished: 12 September 2015\r\n...\r\n# \n ").
    #[test]
    fn an_empty_markdown_heading_is_no_title() {
        let md = "---\r\ntitle: \r\npublished: 12 September 2015\r\n...\r\n# \n ";
        assert!(!from_markdown(md, "file").title.is_empty());
        let later = from_markdown("# \n\n# ##\n\n# Hajj stampede\n\nHundreds dead.\n", "file");
        assert_eq!(later.title, "Hajj stampede");
    }

    #[test]
    fn plain_text_keeps_every_byte_and_reads_the_dateline() {
        let text = "Hundreds dead in Hajj stampede\n\nThursday, January 12, 2006\n\n\
                    At least 345 pilgrims died.\r\n";
        let a = from_text(text, "file");
        assert_eq!(a.text, text);
        assert_eq!(a.title, "Hundreds dead in Hajj stampede");
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2006, 1, 12));
        let long = "x".repeat(300);
        assert_eq!(from_text(&long, "file").title, "file");
    }

    #[test]
    fn files_are_read_by_extension_and_bad_ones_named() {
        let dir = tempfile::tempdir().unwrap();
        let html = dir.path().join("crane.html");
        std::fs::write(&html, CRANE_HTML).unwrap();
        assert_eq!(
            read_article(&html).unwrap().outlet.as_deref(),
            Some("Wikinews")
        );
        let sniffed = dir.path().join("crane.download");
        std::fs::write(&sniffed, CRANE_HTML).unwrap();
        assert_eq!(format_of(&sniffed, CRANE_HTML), Format::Html);
        let empty = dir.path().join("empty.txt");
        std::fs::write(&empty, " \n\t\n").unwrap();
        let err = read_article(&empty).unwrap_err();
        assert!(matches!(err, ImportError::Empty { .. }));
        assert!(err.to_string().contains("empty.txt"), "{err}");
        let nav = dir.path().join("nav.html");
        std::fs::write(&nav, "<html><body><nav>Menu</nav></body></html>").unwrap();
        let err = read_article(&nav).unwrap_err();
        assert!(err.to_string().contains("nav.html"), "{err}");
        let latin1 = dir.path().join("latin1.txt");
        std::fs::write(&latin1, b"caf\xe9").unwrap();
        let err = read_article(&latin1).unwrap_err();
        assert!(err.to_string().contains("latin1.txt"), "{err}");
    }
}
