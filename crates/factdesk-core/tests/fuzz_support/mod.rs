//! Generators and checks shared by the fuzz harnesses (`fuzz_engine`, `fuzz_import`):
//! news-like text assembled from the fragments that reach the engine's corners, hostile
//! HTML and Markdown, and the claim invariants every input must keep.
#![allow(dead_code)] // each harness uses part of the generators

use std::sync::mpsc;
use std::time::{Duration, Instant};

use factdesk_core::Claim;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// Strings matching `pattern`, parsed once (a bare `&str` strategy parses its regex
/// again for every value).
fn re(pattern: &str) -> proptest::string::RegexGeneratorStrategy<String> {
    proptest::string::string_regex(pattern)
        .unwrap_or_else(|e| panic!("{pattern:?} is a valid regex: {e}"))
}

/// Picks one of the given strings.
fn one_of(items: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(items).prop_map(String::from)
}

/// Numbers in digits: plain, grouped, decimal, signed, ranges, ordinals, long runs.
pub fn digits() -> impl Strategy<Value = String> {
    prop_oneof![
        re("[0-9]{1,6}"),
        re("[1-9][0-9]{0,2}(,[0-9]{3}){1,4}(\\.[0-9]{1,3})?"),
        re("[1-9][0-9]{0,2}(\\.[0-9]{3}){1,3}(,[0-9]{1,2})?"),
        re("[0-9]{1,3}\\.[0-9]{1,4}"),
        re("[-+\u{2212}]?[0-9]{1,4}"),
        re("[0-9]{1,4}[-\u{2013}\u{2014}][0-9]{1,4}"),
        re("[0-9]{1,3}(st|nd|rd|th)"),
        re("[0-9]{1,3}( [0-9]{3}){1,3}"),
        re("[0-9]{30,300}"),
        re("0x[0-9a-f]{1,12}"),
        re("[0-9]{1,3}\u{a0}[0-9]{3}"),
    ]
}

/// Numbers in words, alone and with scale words.
pub fn words() -> impl Strategy<Value = String> {
    prop_oneof![
        one_of(&[
            "one",
            "two",
            "three",
            "twelve",
            "nineteen",
            "twenty",
            "twenty-three",
            "ninety-nine",
            "a hundred",
            "one hundred and five",
            "a thousand",
            "a dozen",
            "two dozen",
            "half",
            "a third",
            "three-quarters",
            "hundreds",
            "thousands",
            "millions",
            "a million",
            "1.5 million",
            "2bn",
            "3.2 billion",
            "a trillion",
            "zero",
            "none",
            "a couple",
            "several",
            "fourfold",
            "twice",
            "double",
        ]),
        (
            one_of(&["one", "two", "seven", "ninety", "a"]),
            one_of(&[" million", " billion", " thousand", " hundred", "-fold", ""])
        )
            .prop_map(|(a, b)| format!("{a}{b}")),
    ]
}

/// Money, in symbols, codes and words.
pub fn currency() -> impl Strategy<Value = String> {
    (
        one_of(&[
            "$", "US$", "A$", "€", "£", "¥", "₹", "CHF ", "EUR ", "USD ", "R$", "₩", "",
        ]),
        prop_oneof![digits(), words()],
        one_of(&[
            "", " million", " billion", "m", "bn", "k", " dollars", " euros", " pounds", " yen",
            " cents", "p", " crore", " lakh",
        ]),
    )
        .prop_map(|(a, b, c)| format!("{a}{b}{c}"))
}

/// Percentages and rates.
pub fn percent() -> impl Strategy<Value = String> {
    (
        prop_oneof![digits(), words()],
        one_of(&[
            "%",
            " %",
            " per cent",
            " percent",
            " percentage points",
            "pc",
            "‰",
            " pct",
            "\u{a0}%",
            "-fold",
            " basis points",
        ]),
    )
        .prop_map(|(a, b)| format!("{a}{b}"))
}

/// Dates, absolute and relative, in many shapes (including impossible ones).
pub fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        one_of(&[
            "12 September 2015",
            "September 12, 2015",
            "Saturday, September 12, 2015",
            "Sept. 12",
            "12 Sept",
            "2015-09-12",
            "2015-02-30",
            "12/09/2015",
            "9/12/15",
            "31/02/2020",
            "the 1990s",
            "the '90s",
            "1990s",
            "last Tuesday",
            "yesterday",
            "tomorrow",
            "next week",
            "last year",
            "10 years ago",
            "earlier this month",
            "in March",
            "March 2022",
            "mid-2020",
            "2012\u{2013}13",
            "2019/20",
            "Q3 2021",
            "the third quarter",
            "1 January 0001",
            "31 December 9999",
            "February 29, 2023",
            "on Monday",
            "this morning",
            "AD 79",
            "44 BC",
            "2023-13-45",
            "2023-04-20T10:00:00Z",
        ]),
        (
            re("[0-9]{1,2}"),
            one_of(&[" January ", " Feb ", " March ", " Dec. ", " Mai "]),
            re("[0-9]{1,5}")
        )
            .prop_map(|(d, m, y)| format!("{d}{m}{y}")),
        re("[0-9]{4}-[0-9]{2}-[0-9]{2}"),
        re("(1[0-9]|20)[0-9]{2}"),
    ]
}

/// Times of day.
pub fn time() -> impl Strategy<Value = String> {
    prop_oneof![
        one_of(&[
            "4:00pm AEDT",
            "09:30",
            "9.30am",
            "noon",
            "midnight",
            "23:59:59",
            "25:61",
            "4 p.m. ET",
            "at 3 o'clock",
            "0600 GMT",
            "12:00 UTC+14",
        ]),
        re("[0-2]?[0-9]:[0-5][0-9]( ?[ap]\\.?m\\.?)?"),
    ]
}

/// Quotation marks of every kind.
pub fn mark() -> impl Strategy<Value = String> {
    one_of(&[
        "\"", "\u{201c}", "\u{201d}", "'", "\u{2018}", "\u{2019}", "\u{ab}", "\u{bb}", "\u{201e}",
        "\u{201a}", "\u{2039}", "\u{203a}", "\u{300c}", "\u{300d}", "``", "''",
    ])
}

/// Attribution: speakers and verbs.
pub fn attribution() -> impl Strategy<Value = String> {
    (
        one_of(&[
            "Jens Stoltenberg",
            "the minister",
            "Dr. María José García-López",
            "a spokesperson",
            "he",
            "she",
            "they",
            "O'Brien",
            "Mr. Smith Jr.",
            "محمد",
            "the U.N.",
            "Xi Jinping",
        ]),
        one_of(&[
            " said",
            " says",
            " told reporters",
            " added",
            ", according to",
            " insisted",
            " wrote",
            " tweeted",
            " said on Tuesday",
            " claimed",
            "",
        ]),
    )
        .prop_map(|(s, v)| format!("{s}{v}"))
}

/// Plain words and sentences.
pub fn prose() -> impl Strategy<Value = String> {
    prop_oneof![
        one_of(&[
            "The council approved",
            "the budget",
            "more than",
            "at least",
            "about",
            "nearly",
            "up to",
            "between",
            "and",
            "or",
            "from",
            "to",
            "rose",
            "fell by",
            "in",
            "on",
            "NATO members have sent",
            "killing",
            "wounding",
            "according to official figures",
            "U.S.",
            "e.g.",
            "Inc.",
            "No.",
            "St.",
            "vs.",
            "...",
            "\u{2026}",
        ]),
        re("[A-Za-z]{1,12}"),
        re("[A-Z][a-z]{1,10}( [A-Z][a-z]{1,10}){0,2}"),
    ]
}

/// Characters that upset byte-offset code: emoji, combining marks, right-to-left text,
/// control characters, odd spaces and line ends.
pub fn awkward() -> impl Strategy<Value = String> {
    prop_oneof![
        one_of(&[
            "😀",
            "👩\u{200d}👩\u{200d}👧",
            "🇳🇴",
            "👍🏽",
            "\u{fe0f}",
            "e\u{301}",
            "a\u{308}\u{308}\u{308}",
            "\u{301}",
            "Z\u{36b}\u{343}\u{36a}\u{30c}",
            "مرحبا بالعالم ١٢٣",
            "\u{5e9}\u{5dc}\u{5d5}\u{5dd} 42",
            "\u{202e}321\u{202c}",
            "\u{200f}",
            "\u{200e}",
            "\u{2066}x\u{2069}",
            "\0",
            "\u{7}",
            "\u{1b}[31m",
            "\u{85}",
            "\u{2028}",
            "\u{2029}",
            "\u{feff}",
            "\u{a0}",
            "\u{2009}",
            "\u{3000}",
            "\t",
            "\u{b}",
            "\u{c}",
            "\r",
            "\r\n",
            "\n",
            "\n\n",
            "\r\r",
            "\u{fffd}",
            "\u{10ffff}",
            "𝟙𝟚𝟛",
            "١٢٣٤",
            "१२३",
            "½",
            "²",
            "Ⅻ",
            "ﬁ",
            "İ",
            "ß",
        ]),
        any::<char>().prop_map(String::from),
    ]
}

/// A quoted passage: balanced, unbalanced, nested, mixed marks.
pub fn quote() -> impl Strategy<Value = String> {
    let inner = || {
        prop::collection::vec(prop_oneof![prose(), digits(), currency(), percent()], 1..8)
            .prop_map(|v| v.join(" "))
    };
    prop_oneof![
        (mark(), inner(), mark()).prop_map(|(a, b, c)| format!("{a}{b}{c}")),
        inner().prop_map(|b| format!("\u{201c}{b},\u{201d} he said.")),
        inner().prop_map(|b| format!("\"{b}")),
        inner().prop_map(|b| format!("{b}\u{201d}")),
        (inner(), inner())
            .prop_map(|(a, b)| format!("\u{201c}{a} \u{2018}{b}\u{2019} {a}\u{201d}")),
        (inner(), inner()).prop_map(|(a, b)| format!("\"{a} \"{b}\" {a}\"")),
        (inner(), inner()).prop_map(|(a, b)| format!("\u{201c}{a} \u{201c}{b}\u{201d}")),
    ]
}

/// A very long sentence: many clauses and no full stop.
pub fn long_sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![prose(), digits(), words(), currency()], 50..250)
        .prop_map(|v| v.join(" "))
}

/// One fragment of news-like text.
pub fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prose(),
        3 => digits(),
        2 => words(),
        3 => currency(),
        2 => percent(),
        3 => date(),
        1 => time(),
        3 => quote(),
        2 => attribution(),
        3 => awkward(),
        2 => mark(),
        1 => long_sentence(),
    ]
}

/// What goes between fragments: spaces, punctuation and every kind of line end.
pub fn separator() -> impl Strategy<Value = String> {
    one_of(&[
        " ",
        " ",
        " ",
        ". ",
        ", ",
        "; ",
        ": ",
        " \u{2014} ",
        "-",
        "",
        "\n",
        "\r",
        "\r\n",
        "\n\n",
        "\r\n\r\n",
        "\r\r",
        ".\n",
        "? ",
        "! ",
        " (",
        ") ",
    ])
}

/// News-like text of up to about `max_fragments` fragments.
pub fn news_text(max_fragments: usize) -> impl Strategy<Value = String> {
    prop::collection::vec((fragment(), separator()), 0..max_fragments).prop_map(|v| {
        let mut s = String::new();
        for (f, sep) in v {
            s.push_str(&f);
            s.push_str(&sep);
        }
        s
    })
}

/// Text with only HTML-safe characters escaped, for putting news text in markup.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;")
}

/// Entities, good and bad.
pub fn entity() -> impl Strategy<Value = String> {
    prop_oneof![
        one_of(&[
            "&amp;",
            "&lt;",
            "&gt;",
            "&quot;",
            "&nbsp;",
            "&ldquo;",
            "&rdquo;",
            "&euro;",
            "&#8220;",
            "&#x201D;",
            "&#0;",
            "&#xD800;",
            "&#99999999;",
            "&#x110000;",
            "&bogus;",
            "&amp",
            "&",
            "&#",
            "&#x;",
            "&NotNestedGreaterGreater;",
            "&#128512;",
            "&#X1F600;",
            "&copy",
        ]),
        re("&#[0-9]{1,12};"),
        re("&[a-zA-Z]{1,10};?"),
    ]
}

/// A piece of hostile HTML.
pub fn html_piece() -> impl Strategy<Value = String> {
    let text = || news_text(6).prop_map(|t| escape(&t));
    prop_oneof![
        4 => text().prop_map(|t| format!("<p>{t}</p>")),
        2 => text().prop_map(|t| format!("<p>{t}")),
        1 => text().prop_map(|t| format!("<li>{t}")),
        1 => text().prop_map(|t| format!("<blockquote>{t}")),
        1 => text().prop_map(|t| format!("<h1>{t}</h2>")),
        1 => (1usize..300, text()).prop_map(|(d, t)| {
            format!("{}{t}{}", "<div>".repeat(d), "</div>".repeat(d / 2))
        }),
        1 => (1usize..100, text()).prop_map(|(d, t)| {
            format!("{}{t}", "<blockquote><p>".repeat(d))
        }),
        1 => (re("[a-z]{1,8}"), 0usize..20_000).prop_map(|(name, n)| {
            format!("<p data-{name}=\"{}\" title='x>y'>big attribute</p>", "x".repeat(n))
        }),
        2 => prop::collection::vec(entity(), 1..20).prop_map(|v| format!("<p>{}</p>", v.concat())),
        1 => text().prop_map(|t| format!("<script>var s = \"</p>{t}\"; if (a < b) {{}}</script>")),
        1 => text().prop_map(|t| format!("<style>p {{ content: \"{t}\" }}</style>")),
        1 => text().prop_map(|t| format!("<!-- {t} -->")),
        1 => text().prop_map(|t| format!("<!-- {t}")),
        1 => text().prop_map(|t| format!("<![CDATA[{t}]]>")),
        1 => text().prop_map(|t| format!("<nav>{t}</nav><aside>{t}")),
        1 => text().prop_map(|t| format!("<figure><figcaption>{t}</figcaption></figure>")),
        1 => text().prop_map(|t| {
            format!("<table><tr><td>{t}<td><p>{t}</table>")
        }),
        1 => text().prop_map(|t| format!("<svg><p>{t}</p><math><mi>{t}")),
        1 => text().prop_map(|t| format!("<template><p>{t}</p></template><noscript><p>{t}</p></noscript>")),
        1 => (text(), re("[ -~]{0,40}")).prop_map(|(t, raw)| format!("<meta property=\"og:title\" content=\"{raw}\"><meta name=\"date\" content=\"{raw}\"><time datetime=\"{raw}\">{t}</time>")),
        1 => prop_oneof![
            Just("{\"@type\":\"NewsArticle\",\"headline\":\"H\",\"datePublished\":\"2015-09-12\",\"author\":[{\"name\":\"A\"},\"B\",3,null]}".to_string()),
            Just("{\"@graph\":[{\"@graph\":[{\"@type\":[\"X\",\"Article\"],\"publisher\":{\"name\":\"\"}}]}]}".to_string()),
            (1usize..400).prop_map(|d| format!("{}{}", "[".repeat(d), "]".repeat(d))),
            (1usize..400).prop_map(|d| "{\"@graph\":".repeat(d)),
            re("[ -~]{0,60}"),
        ].prop_map(|j| format!("<script type=\"application/ld+json\">{j}</script>")),
        1 => one_of(&[
            "<", ">", "</", "</p", "<p", "<!", "<!DOCTYPE", "<html>", "</html>", "<body>",
            "</body>", "<head>", "<article>", "</article>", "<main>", "<div itemprop=articleBody>",
            "<br>", "<br/>", "</br>", "<p/>", "<a href='javascript:'>", "<b><i></b></i>",
            "<plaintext>", "<xmp>", "<textarea>", "<title>", "<select><option>", "<frameset>",
            "\0", "\u{feff}", "<p \0>", "<\u{301}p>",
        ]),
        1 => entity(),
    ]
}

/// A hostile HTML page: optional doctype and head, a body of hostile pieces.
pub fn hostile_html() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec(html_piece(), 0..6),
        prop::collection::vec(html_piece(), 0..30),
        any::<bool>(),
    )
        .prop_map(|(doctype, head, body, close)| {
            let mut s = String::new();
            if doctype {
                s.push_str("<!DOCTYPE html><html><head>");
            }
            s.push_str(&head.concat());
            s.push_str(if doctype {
                "</head><body><article>"
            } else {
                ""
            });
            s.push_str(&body.join("\n"));
            if close {
                s.push_str("</article></body></html>");
            }
            s
        })
}

/// A Markdown article: front matter (well or badly formed), headings, lists, code, links.
pub fn markdown() -> impl Strategy<Value = String> {
    let front = prop_oneof![
        Just(String::new()),
        (news_text(3), date(), re("[ -~]{0,30}")).prop_map(|(t, d, u)| format!(
            "---\ntitle: \"{}\"\ndate: {d}\nauthor: 'A. Writer'\nurl: https://example.org/{u}\n---\n",
            t.replace(['\n', '\r'], " ")
        )),
        (news_text(3), date()).prop_map(|(t, d)| format!("---\r\ntitle: {t}\r\npublished: {d}\r\n...\r\n")),
        news_text(3).prop_map(|t| format!("---\ntitle: \"{t}\nno closing line\n")),
        Just("---\n---\n".to_string()),
        Just("---\n:\n::\nkey:\n: value\n---".to_string()),
        Just("\u{feff}---\ntitle: BOM\n---\n".to_string()),
    ];
    let block = prop_oneof![
        3 => news_text(8),
        1 => news_text(3).prop_map(|t| format!("# {t}")),
        1 => news_text(3).prop_map(|t| format!("## {t} ##")),
        1 => news_text(3).prop_map(|t| format!("{t}\n====")),
        1 => news_text(3).prop_map(|t| format!("- {t}\n  - {t}\n* {t}")),
        1 => news_text(3).prop_map(|t| format!("1. {t}\n2) {t}")),
        1 => news_text(3).prop_map(|t| format!("> {t}\n>> {t}")),
        1 => news_text(3).prop_map(|t| format!("```\n{t}\n```")),
        1 => news_text(3).prop_map(|t| format!("```\n{t}")),
        1 => news_text(3).prop_map(|t| format!("[{t}](https://example.org/\"{t}\") ![img]({t}) <b>{t}</b>")),
        1 => news_text(3).prop_map(|t| format!("*{t}* **{t} _{t}_ `{t}`")),
        1 => Just("#".to_string()),
        1 => Just("# ".to_string()),
    ];
    (front, prop::collection::vec((block, separator()), 0..12)).prop_map(|(f, blocks)| {
        let mut s = f;
        for (b, sep) in blocks {
            s.push_str(&b);
            s.push('\n');
            s.push_str(&sep);
        }
        s
    })
}

/// Runs `f` on another thread and fails if it takes longer than `limit` (a hang), or if
/// it panics. On a timeout the thread is left running; the test fails regardless.
pub fn within<T: Send + 'static>(
    limit: Duration,
    what: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<(T, Duration), TestCaseError> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let start = Instant::now();
        let out = f();
        let _ = tx.send((out, start.elapsed()));
    });
    match rx.recv_timeout(limit) {
        Ok(done) => Ok(done),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(TestCaseError::fail(format!(
            "{what} did not finish within {limit:?}"
        ))),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(TestCaseError::fail(format!("{what} panicked")))
        }
    }
}

/// A generous time bound for work on `bytes` bytes in a debug build on a busy machine.
pub fn limit_for(bytes: usize) -> Duration {
    Duration::from_secs(10) + Duration::from_micros(100) * bytes as u32
}

/// The invariants of every extraction: claims non-empty, on character boundaries, equal to
/// their slice, inside their sentence, in document order; their number and total size
/// linear in the text.
pub fn check_claims(text: &str, claims: &[Claim]) -> Result<(), TestCaseError> {
    let mut last = (0, 0);
    let mut bytes = 0;
    for c in claims {
        prop_assert!(c.start < c.end, "empty claim {:?}", c);
        prop_assert!(c.end <= text.len(), "claim past the end {:?}", c);
        prop_assert!(
            text.is_char_boundary(c.start) && text.is_char_boundary(c.end),
            "claim off a character boundary {:?}",
            c
        );
        prop_assert_eq!(&text[c.start..c.end], c.text.as_str());
        prop_assert!(
            c.sentence.start <= c.start && c.end <= c.sentence.end && c.sentence.end <= text.len(),
            "sentence covers claim {:?}",
            c
        );
        prop_assert!(
            text.is_char_boundary(c.sentence.start) && text.is_char_boundary(c.sentence.end)
        );
        if let Some(cue) = c.cue {
            prop_assert!(
                cue.start <= cue.end
                    && cue.end <= text.len()
                    && text.is_char_boundary(cue.start)
                    && text.is_char_boundary(cue.end),
                "cue off the text {:?}",
                c
            );
        }
        prop_assert!((c.start, c.end) >= last, "claims come in document order");
        last = (c.start, c.end);
        bytes += c.text.len() + c.speaker.as_ref().map_or(0, String::len);
    }
    prop_assert!(
        claims.len() <= text.len(),
        "{} claims in {} bytes",
        claims.len(),
        text.len()
    );
    prop_assert!(
        bytes <= 8 * text.len() + 1024,
        "{bytes} bytes of claims from {} bytes of text",
        text.len()
    );
    Ok(())
}

/// Times `f` on `small` (size N) and `big` (size 2N), interleaved, the fastest of three
/// runs each, under a time limit: at 2N no more than 4x the results of N, and no more
/// than 4x the time (with `slack` for the timer). A timing over the bound is measured
/// again, up to three times, so a busy machine does not fail the test; a real blow-up
/// fails every time.
pub fn check_scaling(
    what: &str,
    small: &str,
    big: &str,
    f: fn(&str) -> usize,
    slack: Duration,
) -> Result<(), TestCaseError> {
    let limit = limit_for(big.len()) * 10;
    let mut last = String::new();
    for _ in 0..3 {
        let ((n, n_time, n2, n2_time), _) = within(limit, what, {
            let (small, big) = (small.to_string(), big.to_string());
            move || {
                let (mut n, mut n2) = (0, 0);
                let (mut n_time, mut n2_time) = (Duration::MAX, Duration::MAX);
                for _ in 0..3 {
                    let start = Instant::now();
                    n = f(&small);
                    n_time = n_time.min(start.elapsed());
                    let start = Instant::now();
                    n2 = f(&big);
                    n2_time = n2_time.min(start.elapsed());
                }
                (n, n_time, n2, n2_time)
            }
        })?;
        prop_assert!(n2 <= 4 * n + 4, "{what}: {n} results at N, {n2} at 2N");
        if n2_time <= n_time * 4 + slack {
            return Ok(());
        }
        last = format!("{what}: {n_time:?} at N, {n2_time:?} at 2N");
    }
    Err(TestCaseError::fail(last))
}
