//! Property tests: whatever the input, extraction never panics and every claim points at
//! exactly its own text on character boundaries. A bad span is a failed debug assertion
//! inside `extract`, so a panic here is an engine bug.

use factdesk_core::extract;
use proptest::prelude::*;

/// Text built from news-like pieces (numbers, months, quotation marks of every kind,
/// attribution verbs, multi-byte characters) so the generator reaches the parsers' corners.
fn newsy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just("\u{201c}".to_string()),
        Just("\u{201d}".to_string()),
        Just("'".to_string()),
        Just("\u{2018}".to_string()),
        Just("\u{2019}".to_string()),
        Just(" said ".to_string()),
        Just(" he said, ".to_string()),
        Just("Jens Stoltenberg".to_string()),
        Just(" according to ".to_string()),
        Just("$325 million".to_string()),
        Just("more than 15 billion euros".to_string()),
        Just("40 per cent".to_string()),
        Just("2012\u{2013}13".to_string()),
        Just("\u{a0}".to_string()),
        Just("February 2022".to_string()),
        Just("last Tuesday".to_string()),
        Just("4:00pm AEDT".to_string()),
        Just("two dozen".to_string()),
        Just(". ".to_string()),
        Just("\n\n".to_string()),
        Just("—".to_string()),
        Just("é".to_string()),
        Just("😀".to_string()),
        "[0-9]{1,6}",
        "[0-9]{1,3}(,[0-9]{3}){0,2}(\\.[0-9]{1,2})?",
        "[A-Za-z]{1,10}",
        " ",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn check(text: &str, published: Option<chrono::NaiveDate>) -> Result<(), TestCaseError> {
    let claims = extract(text, published);
    let mut last = (0, 0);
    for c in &claims {
        prop_assert!(c.start < c.end, "empty claim {:?}", c);
        prop_assert!(c.end <= text.len(), "claim past the end {:?}", c);
        prop_assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
        prop_assert_eq!(&text[c.start..c.end], c.text.as_str());
        prop_assert!(
            c.sentence.start <= c.start && c.end <= c.sentence.end,
            "sentence covers claim"
        );
        prop_assert!(
            text.is_char_boundary(c.sentence.start) && text.is_char_boundary(c.sentence.end)
        );
        if let Some(cue) = c.cue {
            prop_assert!(
                cue.end <= text.len()
                    && text.is_char_boundary(cue.start)
                    && text.is_char_boundary(cue.end)
            );
        }
        prop_assert!((c.start, c.end) >= last, "claims come in document order");
        last = (c.start, c.end);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn offsets_are_exact_on_newsy_text(text in newsy_text(), days in 0i64..40000) {
        let published = chrono::NaiveDate::from_ymd_opt(1950, 1, 1)
            .and_then(|d| d.checked_add_signed(chrono::Duration::days(days)));
        check(&text, published)?;
    }

    #[test]
    fn offsets_are_exact_on_arbitrary_text(text in any::<String>()) {
        check(&text, None)?;
    }
}
