//! Fuzzing the claim engine with proptest, in bounded time: news-like text assembled from
//! fragments (numbers in digits and words, money, percentages, dates, times, quotes of
//! every kind, balanced or not, nested, very long sentences, long digit runs, emoji,
//! combining marks, right-to-left text, NUL and control characters, CR and CRLF line
//! ends), arbitrary bytes, and runs of hostile units at size N and 2N.
//!
//! Properties: no panic; no hang (every case runs under a time limit); every claim on
//! character boundaries, equal to its slice, in document order; claim count and size
//! linear in the input; time and claims at 2N within 4x those at N.

mod fuzz_support;

use std::time::Duration;

use chrono::NaiveDate;
use factdesk_core::extract::extract_in_pieces;
use factdesk_core::{extract, Claim};
use fuzz_support::*;
use proptest::prelude::*;

/// A publication date from 1950 on, or none.
fn published() -> impl Strategy<Value = Option<NaiveDate>> {
    proptest::option::of(0i64..40_000).prop_map(|d| {
        d.and_then(|d| {
            NaiveDate::from_ymd_opt(1950, 1, 1)
                .and_then(|s| s.checked_add_signed(chrono::Duration::days(d)))
        })
    })
}

/// Extracts under a time limit and checks every claim invariant.
fn extract_checked(
    text: String,
    published: Option<NaiveDate>,
) -> Result<Vec<Claim>, TestCaseError> {
    let limit = limit_for(text.len());
    let (out, _) = within(limit, "extraction", {
        let text = text.clone();
        move || extract(&text, published)
    })?;
    check_claims(&text, &out)?;
    Ok(out)
}

/// Units that, repeated, make inputs the engine could choke on: open quotes never closed,
/// one endless number, an endless sentence, abbreviations, nesting, odd characters.
fn hostile_unit() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"Prices rose 12% ".to_string()),
        Just("\u{201c}We sent $4 billion, ".to_string()),
        Just("\u{201c}a \u{2018}b \u{201c}c ".to_string()),
        Just("\u{201d} he said \u{201c}".to_string()),
        Just("' ".to_string()),
        Just("1".to_string()),
        Just("1,000".to_string()),
        Just("1.".to_string()),
        Just("12 ".to_string()),
        Just("one two three ".to_string()),
        Just("twenty-three million and ".to_string()),
        Just("$".to_string()),
        Just("% ".to_string()),
        Just("from 3 to 4 to ".to_string()),
        Just("between 1990 and ".to_string()),
        Just("September 12, ".to_string()),
        Just("last ".to_string()),
        Just("Mr. ".to_string()),
        Just("U.S. ".to_string()),
        Just("( ".to_string()),
        Just("said ".to_string()),
        Just("Jens Stoltenberg ".to_string()),
        Just("e\u{301}".to_string()),
        Just("😀".to_string()),
        Just("\r".to_string()),
        Just("\r\n".to_string()),
        Just(" ".to_string()),
        Just("\0".to_string()),
        Just("مرحبا ١٢ ".to_string()),
        long_sentence(),
        news_text(12).prop_filter("a unit with text", |s| !s.is_empty()),
    ]
}

/// `unit` repeated to at least `bytes` bytes.
fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len().max(1)).max(1))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 200,
        max_shrink_time: 30_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn news_text_keeps_every_claim_invariant(text in news_text(40), published in published()) {
        extract_checked(text, published)?;
    }

    #[test]
    fn arbitrary_bytes_keep_every_claim_invariant(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        extract_checked(String::from_utf8_lossy(&bytes).into_owned(), None)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 30,
        max_shrink_time: 30_000,
        ..ProptestConfig::default()
    })]

    /// Extracting piece by piece keeps the same invariants, with offsets into the whole.
    #[test]
    fn pieces_keep_every_claim_invariant(text in news_text(120), piece in 1usize..600, published in published()) {
        let limit = limit_for(text.len());
        let (claims, _) = within(limit, "extraction in pieces", {
            let text = text.clone();
            move || {
                let mut all = Vec::new();
                let _ = extract_in_pieces(&text, published, piece, |c| {
                    all.push(c);
                    Ok::<(), ()>(())
                });
                all
            }
        })?;
        check_claims(&text, &claims)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        max_shrink_time: 30_000,
        ..ProptestConfig::default()
    })]

    /// A run of a hostile unit at N and at 2N bytes: at 2N, no more than 4x the claims and
    /// 4x the time (the fastest of three runs each, with a little slack for the timer).
    #[test]
    fn hostile_runs_grow_linearly(unit in hostile_unit(), kib in 4usize..12) {
        let small = repeat_to(&unit, kib * 1024);
        let big = unit.repeat(2 * small.len() / unit.len().max(1));
        let what = format!(
            "{:?} x {}",
            unit.chars().take(40).collect::<String>(),
            small.len() / unit.len().max(1)
        );
        check_scaling(&what, &small, &big, |t| extract(t, None).len(), Duration::from_millis(15))?;
        check_claims(&big, &extract(&big, None))?;
    }
}

/// 128 KiB inputs of the worst kinds each finish well within the time limit.
#[test]
fn very_long_hostile_inputs_finish() {
    let size = 128 * 1024;
    for unit in [
        "1",
        "1,000",
        "\"",
        "\u{201c}",
        "\u{201c}a ",
        "' ",
        "Mr. ",
        "e\u{301}",
        "\r",
        "\0",
        "( ",
        "twenty-three ",
        "$1 ",
    ] {
        let text = repeat_to(unit, size);
        let shown = format!("{unit:?} x {}", text.len() / unit.len());
        let result = within(limit_for(text.len()), &shown, {
            let text = text.clone();
            move || extract(&text, None)
        });
        match result {
            Ok((claims, took)) => {
                if let Err(e) = check_claims(&text, &claims) {
                    panic!("{shown}: {e}");
                }
                eprintln!("{shown}: {} claims in {took:?}", claims.len());
            }
            Err(e) => panic!("{e}"),
        }
    }
}

/// A 512 KiB sentence that never ends, full of attributions that send speakers looking
/// back through it (a role, a document, a passive verb of reporting), finishes within the
/// time limit: looking a word up in its sentence must not walk the sentence each time.
#[test]
fn a_run_on_sentence_of_attributions_finishes() {
    let unit = "and \"we will wait and see,\" the statement said, while the government \
                spokesman said \"no comment\" according to the report, and Jo Roe, a \
                spokesman for the ministry, was quoted by the paper as saying \"later\" ";
    let text = repeat_to(unit, 512 * 1024);
    let shown = format!("attributions x {}", text.len() / unit.len());
    let result = within(limit_for(text.len()), &shown, {
        let text = text.clone();
        move || extract(&text, None)
    });
    match result {
        Ok((claims, took)) => {
            if let Err(e) = check_claims(&text, &claims) {
                panic!("{shown}: {e}");
            }
            assert!(
                claims
                    .iter()
                    .any(|c| c.speaker.as_deref() == Some("Jo Roe")),
                "{shown}: the quoted spokesman's words lost their speaker"
            );
            eprintln!("{shown}: {} claims in {took:?}", claims.len());
        }
        Err(e) => panic!("{e}"),
    }
}
