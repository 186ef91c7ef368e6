//! HTML pages: the article body's every word in reading order, boilerplate left out, and
//! the metadata a news page carries.
//!
//! - The page is parsed with a real HTML parser (`scraper`, html5ever) after its element
//!   nesting is capped at [`MAX_DEPTH`] levels (see [`cap_depth`]): html5ever does work
//!   in proportion to the depth for each element it opens, so a page of many thousand
//!   nested `div`s would take quadratic time.
//! - The body root is the `articleBody`, `<article>` or `<main>` element, else `<body>`.
//!   Every visible word in it is read, each block (paragraph, heading, list item, table
//!   cell, `div`, a `<br>`) its own paragraph; navigation, asides, footers, scripts and
//!   figures are left out.
//! - Boilerplate inside the root (menus in `div`s, ads, related links, comments) is found
//!   with `dom_smoothie`, a port of Mozilla's Readability: a block of the root is kept
//!   when Readability keeps it too. The headline and the dateline above the first kept
//!   block stay, since they are part of the article as published. When Readability finds
//!   no article, the whole root is the text.
//! - Title, date, byline, outlet and URL come from JSON-LD (NewsArticle and kin), `og:`
//!   and `article:` `<meta>`, `<link rel=canonical>` and `<title>`.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use super::text::parse_date;
use crate::store::NewArticle;

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
    let html = cap_depth(html, MAX_DEPTH);
    let doc = Html::parse_document(&html);
    let root = BODY_ROOTS
        .iter()
        .find_map(|s| doc.select(s).next())
        .unwrap_or_else(|| doc.root_element());
    let blocks = blocks_with_links(root);
    let headline = root.select(&H1).next().map(visible_text);
    let readable = readable(&html);

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
        .or(headline)
        .or_else(|| readable.as_ref().and_then(|r| r.title.clone()))
        .or_else(|| doc.select(&TITLE).next().map(visible_text))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| fallback_title.to_string());
    let text = match readable.as_ref().filter(|r| !r.blocks.is_empty()) {
        Some(r) => without_boilerplate(blocks, &r.blocks, &title),
        None => blocks.into_iter().map(|b| b.text).collect(),
    }
    .join("\n\n");
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
        provenance: None,
    }
}

/// Every visible word under `root`, in reading order: the text of each block (a
/// paragraph, heading, list item, table cell, `div`…) with its whitespace collapsed, a
/// `<br>` ending a block too. What is never article text (`LEFT_OUT`: scripts,
/// navigation, figures…) is left out. One walk, so time is linear in the page's size
/// whatever its nesting.
fn body_blocks(root: ElementRef<'_>) -> Vec<String> {
    blocks_with_links(root)
        .into_iter()
        .map(|b| b.text)
        .collect()
}

/// A block of text and how much of it is link text.
struct Block {
    text: String,
    /// Letters and digits in the block.
    chars: usize,
    /// Letters and digits inside links (`<a>`).
    link_chars: usize,
}

impl Block {
    /// A block that is all links ("Printer-friendly version | Email this story"): a
    /// menu or a list of tools, not a paragraph of the article.
    fn is_links(&self) -> bool {
        self.chars > 0 && self.link_chars * 10 >= self.chars * 9
    }
}

/// [`body_blocks`], each block with its share of link text.
fn blocks_with_links(root: ElementRef<'_>) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut current = String::new();
    let mut link_chars = 0usize;
    let flush = |current: &mut String, link_chars: &mut usize, blocks: &mut Vec<Block>| {
        let text = collapse(current);
        if !text.is_empty() {
            blocks.push(Block {
                chars: text.chars().filter(|c| c.is_alphanumeric()).count(),
                link_chars: *link_chars,
                text,
            });
        }
        current.clear();
        *link_chars = 0;
    };
    let mut hidden = 0usize;
    let mut in_link = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if let Some(text) = node.value().as_text() {
                    if hidden == 0 {
                        current.push_str(text);
                        if in_link > 0 {
                            link_chars += text.chars().filter(|c| c.is_alphanumeric()).count();
                        }
                    }
                } else if let Some(e) = node.value().as_element() {
                    if LEFT_OUT.contains(&e.name()) {
                        hidden += 1;
                    } else if e.name() == "a" {
                        in_link += 1;
                    } else if hidden == 0 && (BLOCK_NAMES.contains(&e.name()) || e.name() == "br") {
                        flush(&mut current, &mut link_chars, &mut blocks);
                    }
                }
            }
            Edge::Close(node) => {
                if let Some(e) = node.value().as_element() {
                    if LEFT_OUT.contains(&e.name()) {
                        hidden -= 1;
                    } else if e.name() == "a" {
                        in_link = in_link.saturating_sub(1);
                    } else if hidden == 0 && BLOCK_NAMES.contains(&e.name()) {
                        flush(&mut current, &mut link_chars, &mut blocks);
                    }
                }
            }
        }
    }
    flush(&mut current, &mut link_chars, &mut blocks);
    blocks
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

/// Deepest element nesting handed to the HTML parser; deeper elements are flattened (see
/// [`cap_depth`]). News pages nest a few dozen levels.
pub const MAX_DEPTH: usize = 256;

/// Elements with no end tag, and elements whose end tag is optional and which the parser
/// closes when the next one opens: neither makes the nesting deeper.
const NOT_NESTING: [&str; 24] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody", "tfoot",
];

/// Elements an HTML parser never nests in themselves: a second start tag closes (or, for
/// a form, is ignored inside) the one open, so a run of them is no deeper than one.
const NEVER_IN_ITSELF: [&str; 5] = ["select", "a", "button", "form", "nobr"];

/// Elements whose content is raw text, never tags.
const RAW_TEXT: [&str; 6] = ["script", "style", "textarea", "title", "xmp", "noscript"];

/// `html` with every element nested deeper than `max` levels flattened: its start and end
/// tags are replaced by a `<br>`, so its text stays where it was and still ends a
/// paragraph, but the parser never sees the depth. One pass over the bytes; a page within
/// the limit is returned as it is.
pub fn cap_depth(html: &str, max: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut open: Vec<(&str, bool)> = Vec::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + lt;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(bytes.len(), |e| start + e + 3);
            continue;
        }
        let Some(gt) = memchr::memchr(b'>', &bytes[start..]) else {
            break;
        };
        let end = start + gt + 1;
        let tag = &html[start + 1..end - 1];
        let closing = tag.starts_with('/');
        let name_part = tag.trim_start_matches('/');
        let name_len = name_part
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(name_part.len());
        let name = &name_part[..name_len];
        i = end;
        if name.is_empty() {
            continue;
        }
        let lower = name.to_ascii_lowercase();
        if !closing && RAW_TEXT.contains(&lower.as_str()) {
            let close = format!("</{lower}");
            let tail = &html[end..];
            i = find_ascii_ci(tail, &close).map_or(bytes.len(), |p| end + p);
            continue;
        }
        if NOT_NESTING.contains(&lower.as_str()) || tag.ends_with('/') && !closing {
            continue;
        }
        let kept = if closing {
            match open
                .iter()
                .rev()
                .take(8)
                .position(|(n, _)| n.eq_ignore_ascii_case(name))
            {
                Some(back) => {
                    let at = open.len() - 1 - back;
                    let kept = open[at].1;
                    open.truncate(at);
                    kept
                }
                None => true,
            }
        } else {
            if NEVER_IN_ITSELF.contains(&lower.as_str()) {
                if let Some(back) = open
                    .iter()
                    .rev()
                    .take(8)
                    .position(|(n, _)| n.eq_ignore_ascii_case(name))
                {
                    open.truncate(open.len() - 1 - back);
                }
            }
            let kept = open.len() < max;
            open.push((name, kept));
            kept
        };
        if !kept {
            let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
            out.push_str(&html[copied..start]);
            out.push_str("<br>");
            copied = end;
        }
    }
    match out {
        Some(mut out) => {
            out.push_str(&html[copied..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(html),
    }
}

/// Where `needle` (lowercase ASCII) first occurs in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    let first = n[0];
    let h = hay.as_bytes();
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), h)
        .find(|&p| h.len() >= p + n.len() && h[p..p + n.len()].eq_ignore_ascii_case(n))
}

/// What Readability finds on a page.
struct Readable {
    /// The blocks of the article, each as `body_blocks` gives it.
    blocks: HashSet<String>,
    /// The article's title, site name taken off.
    title: Option<String>,
}

/// Readability's reading of the page; `None` when it finds no article.
fn readable(html: &str) -> Option<Readable> {
    let mut readability = dom_smoothie::Readability::new(html, None, None).ok()?;
    let article = readability.parse().ok()?;
    let content = Html::parse_fragment(&article.content);
    Some(Readable {
        blocks: body_blocks(content.root_element()).into_iter().collect(),
        title: Some(collapse(&article.title)).filter(|t| !t.is_empty()),
    })
}

/// The blocks of the body root that Readability kept, in the root's order, with the
/// headline (a block that is the article's `title`) and a dateline above the first of
/// them; a block that is all links (a row of
/// tools, a menu) is left out even when Readability kept it.
fn without_boilerplate(blocks: Vec<Block>, kept: &HashSet<String>, title: &str) -> Vec<String> {
    let Some(first) = blocks.iter().position(|b| kept.contains(&b.text)) else {
        return blocks.into_iter().map(|b| b.text).collect();
    };
    blocks
        .into_iter()
        .enumerate()
        .filter(|(i, b)| {
            kept.contains(&b.text) && !b.is_links()
                || *i < first && (b.text == title || parse_date(&b.text).is_some())
        })
        .map(|(_, b)| b.text)
        .collect()
}
