//! Fuzzing the importers with proptest, in bounded time: hostile HTML (deep nesting,
//! unclosed tags, huge attributes, entities good and bad, scripts, styles, comments,
//! broken JSON-LD), Markdown with well and badly formed front matter, plain news text, and
//! arbitrary bytes as files of every kind; then the engine on what was imported.
//!
//! Properties: no panic; no hang (every case under a time limit); plain text kept exactly,
//! a Markdown body kept as the end of the file; imported text and title linear in the
//! input; a refused file named in its error; every claim found on the imported text on
//! character boundaries and in order; time and output at 2N within 4x those at N.

mod fuzz_support;

use std::time::Duration;

use factdesk_core::extract;
use factdesk_core::import::{from_html, from_markdown, from_text, read_article};
use factdesk_core::store::NewArticle;
use fuzz_support::*;
use proptest::prelude::*;

/// Imports `input` with `import` under a time limit, checks the article's size and
/// title, and checks the claims the engine finds in its text.
fn import_checked(
    input: String,
    import: fn(&str, &str) -> NewArticle,
) -> Result<NewArticle, TestCaseError> {
    let limit = limit_for(input.len());
    let (article, _) = within(limit, "import", {
        let input = input.clone();
        move || import(&input, "fallback")
    })?;
    prop_assert!(!article.title.is_empty(), "an article always has a title");
    prop_assert!(
        article.text.len() <= 2 * input.len() + 16,
        "{} bytes of text from {} bytes",
        article.text.len(),
        input.len()
    );
    prop_assert!(
        article.title.len() <= 2 * input.len() + 16,
        "a title of {} bytes from {} bytes",
        article.title.len(),
        input.len()
    );
    let text = article.text.clone();
    let published = article.published;
    let (claims, _) = within(limit_for(text.len()), "extraction of the imported text", {
        let text = text.clone();
        move || extract(&text, published)
    })?;
    check_claims(&text, &claims)?;
    Ok(article)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        max_shrink_time: 30_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn hostile_html_imports_without_panic_or_hang(html in hostile_html()) {
        import_checked(html, from_html)?;
    }

    #[test]
    fn markdown_body_is_kept_as_the_end_of_the_file(md in markdown()) {
        let a = import_checked(md.clone(), from_markdown)?;
        prop_assert!(md.ends_with(&a.text), "the body is the file after its front matter");
    }

    #[test]
    fn plain_text_is_kept_exactly(text in news_text(40)) {
        let a = import_checked(text.clone(), from_text)?;
        prop_assert_eq!(a.text, text);
    }
}

/// File contents: news text, hostile HTML or Markdown, or arbitrary bytes (NUL, invalid
/// UTF-8, a byte-order mark), possibly spliced.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        news_text(20).prop_map(String::into_bytes),
        hostile_html().prop_map(String::into_bytes),
        markdown().prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..400),
        (
            news_text(10),
            prop::collection::vec(any::<u8>(), 0..8),
            any::<bool>()
        )
            .prop_map(|(t, junk, bom)| {
                let mut b = if bom {
                    vec![0xef, 0xbb, 0xbf]
                } else {
                    Vec::new()
                };
                let cut = t.len() / 2;
                b.extend_from_slice(&t.as_bytes()[..cut]);
                b.extend(junk);
                b.extend_from_slice(&t.as_bytes()[cut..]);
                b
            }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 80,
        max_shrink_time: 30_000,
        ..ProptestConfig::default()
    })]

    /// Any file is read into an article with text, or refused with an error naming it.
    #[test]
    fn any_file_is_read_or_refused_by_name(
        bytes in file_bytes(),
        ext in proptest::sample::select(&["txt", "md", "html", "htm", "markdown", "download", ""][..]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let name = if ext.is_empty() { "story-file".to_string() } else { format!("story-file.{ext}") };
        let path = dir.path().join(&name);
        std::fs::write(&path, &bytes).unwrap();
        let limit = limit_for(bytes.len());
        let (read, _) = within(limit, "reading the file", move || read_article(&path))?;
        match read {
            Ok(a) => {
                prop_assert!(!a.text.trim().is_empty(), "an article read has text");
                prop_assert!(!a.title.is_empty());
                let (claims, _) = within(limit_for(a.text.len()), "extraction", {
                    let text = a.text.clone();
                    move || extract(&text, a.published)
                })?;
                check_claims(&a.text, &claims)?;
            }
            Err(e) => prop_assert!(e.to_string().contains("story-file"), "{e} names the file"),
        }
    }
}

/// Markup that, repeated k times (opened k times, then closed k times), makes pages the
/// importer could choke on: deep nesting, unclosed elements, the parser's costly repairs.
fn hostile_markup() -> impl Strategy<Value = (String, String, String)> {
    let unit = |open: &str, middle: &str, close: &str| {
        Just((open.to_string(), middle.to_string(), close.to_string()))
    };
    prop_oneof![
        unit("<div>", "Prices rose 12% in 2015.", "</div>"),
        unit("<div>", "Prices rose 12% in 2015.", ""),
        unit(
            "<blockquote><p>\u{201c}We sent $4 billion,\u{201d} she said.</p>",
            "",
            "</blockquote>"
        ),
        unit("<blockquote>", "<p>Up 5%.</p>", "</blockquote>"),
        unit("<p>A $5 bill in 1990", "", ""),
        unit("<b>", "<p>Up 7%.</p>", ""),
        unit("<b><p>Up 7% ", "", ""),
        unit("<a href=x><p>3 of 4 ", "", ""),
        unit("<i><b><u><s>", "<p>x</p>", ""),
        unit("<ul><li>12 people ", "", "</ul>"),
        unit("<li>", "", ""),
        unit("<table><tr><td>3.5% ", "", ""),
        unit("<nav><p>menu 4 ", "", "</nav>"),
        unit("<article>", "<p>x 9%</p>", "</article>"),
        unit("<span>12 </span>", "", ""),
        unit("&amp;&#8220;&bogus;&#0;", "", ""),
        unit("<!--", "x", "-->"),
        unit("<script>var a = '<p>';</script>", "<p>x</p>", ""),
        unit("<svg><p>5%", "", ""),
        unit("<select><option>1", "", ""),
        unit("<h1>Title 2015", "", "</h1>"),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 16,
        max_shrink_time: 30_000,
        ..ProptestConfig::default()
    })]

    /// A page of k and of 2k repeats of hostile markup: at 2k, no more than 4x the text and
    /// 4x the time (the fastest of three runs each, with a little slack for the timer).
    #[test]
    fn hostile_markup_grows_linearly((open, middle, close) in hostile_markup(), k in 150usize..400) {
        let page = |k: usize| format!("<html><body>{}{middle}{}</body></html>", open.repeat(k), close.repeat(k));
        let what = format!("{open:?} {middle:?} {close:?} x {k}");
        check_scaling(
            &what,
            &page(k),
            &page(2 * k),
            |h| from_html(h, "f").text.len(),
            Duration::from_millis(15),
        )?;
    }

    /// An attribute, comment or entity run of N and 2N bytes.
    #[test]
    fn huge_attributes_and_runs_grow_linearly(
        kind in 0usize..4,
        kib in 8usize..24,
    ) {
        let page = |n: usize| match kind {
            0 => format!("<p title=\"{}\">Up 5% in 2015.</p>", "x".repeat(n)),
            1 => format!("<p>Up 5%</p><!--{}", "-".repeat(n)),
            2 => format!("<p>{}</p>", "&amp;".repeat(n / 5)),
            _ => format!(
                "<script type=\"application/ld+json\">{}</script><p>Up 5%</p>",
                "[".repeat(n)
            ),
        };
        let n = kib * 1024;
        check_scaling(
            &format!("kind {kind}, {n} bytes"),
            &page(n),
            &page(2 * n),
            |h| from_html(h, "f").text.len(),
            Duration::from_millis(15),
        )?;
    }
}

/// Pages thousands of elements deep finish well within the time limit. (The HTML parser
/// itself takes time quadratic in the depth: 20,000 nested `<div>` take about 30 s in a
/// debug build, so the depths here stay in the thousands.)
#[test]
fn very_deep_pages_finish() {
    for (open, middle, close, depth) in [
        ("<div>", "Prices rose 12%.", "</div>", 3_000),
        ("<blockquote><p>Up 5%.</p>", "", "</blockquote>", 2_000),
        ("<b><p>Up 7% ", "", "", 2_000),
        ("<a href=x><p>3 of 4 ", "", "", 2_000),
        ("<ul><li>12 people ", "", "</ul>", 2_000),
        ("<nav><p>menu 4 ", "", "</nav>", 2_000),
    ] {
        let page = format!(
            "<html><body>{}{middle}{}</body></html>",
            open.repeat(depth),
            close.repeat(depth)
        );
        let shown = format!("{open:?} x {depth}");
        let result = within(limit_for(page.len()), &shown, {
            let page = page.clone();
            move || from_html(&page, "f").text.len()
        });
        match result {
            Ok((bytes, took)) => eprintln!("{shown}: {bytes} bytes of text in {took:?}"),
            Err(e) => panic!("{e}"),
        }
    }
}
