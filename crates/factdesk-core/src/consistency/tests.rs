//! Each check on sentences where it must fire and on real corpus sentences
//! (tests/data/corpus/dev.jsonl) where it must stay silent. Sentences marked "written for
//! the test" are not from the corpus.

use super::*;
use crate::extract;

fn flags(text: &str, published: &str) -> Vec<Flag> {
    let published = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
    check(text, published, &extract(text, published))
}

fn of(text: &str, published: &str, kind: Check) -> Vec<String> {
    flags(text, published)
        .into_iter()
        .filter(|f| f.check == kind)
        .map(|f| f.message)
        .collect()
}

#[test]
fn parts_that_miss_their_total_are_flagged() {
    // Written for the test (the corpus sentence with 298 changed to 295).
    let text = "Malaysia Airlines Flight 17 crashed. 283 passengers and 15 crew were aboard the aircraft, all 295 in total perished.";
    let got = of(text, "2014-07-19", Check::PartsTotal);
    assert_eq!(
        got,
        ["the parts add up to 298 (283 + 15), but the total is given as 295"]
    );
    // Written for the test.
    let text = "The crash killed 300 people, including 283 passengers and 25 crew.";
    assert_eq!(of(text, "2014-07-19", Check::PartsTotal).len(), 1);
}

#[test]
fn parts_that_add_up_are_not_flagged() {
    // dev-06.
    let text = "283 passengers and 15 crew were aboard the aircraft, all 298 in total perished.";
    assert!(of(text, "2014-07-19", Check::PartsTotal).is_empty());
    // dev-09: "all seven" is a count, not a total of listed parts.
    let text = "Columbia disintegrated during re-entry killing all seven astronauts aboard.";
    assert!(of(text, "2011-04-13", Check::PartsTotal).is_empty());
    // dev-01: two figures that are not parts of a total.
    let text = "A storm yesterday caused a crane to fall into Mecca's Grand Mosque, killing 107 or more and wounding 238, according to Saudi Arabia's Civil Defense Authority.";
    assert!(flags(text, "2015-09-12").is_empty());
    // Written for the test: the "total" counts other things than the parts.
    let text = "He scored 3 goals and 2 assists in all 7 games.";
    assert!(of(text, "2015-09-12", Check::PartsTotal).is_empty());
}

#[test]
fn a_wrong_weekday_is_flagged() {
    // Written for the test.
    let text = "The plane was shot down on Friday, 17 July 2014 over Donetsk.";
    assert_eq!(
        of(text, "2014-07-19", Check::Weekday),
        ["17 July 2014 was a Thursday, not a Friday"]
    );
    // dev-06 dateline with the day changed.
    let text = "Sunday, July 19, 2014\n\nMalaysia Airlines Flight 17 crashed.";
    assert_eq!(of(text, "2014-07-19", Check::Weekday).len(), 1);
}

#[test]
fn right_or_bare_weekdays_are_not_flagged() {
    // dev-06 dateline and a bare weekday resolved from publication.
    let text = "Saturday, July 19, 2014\n\nThe aircraft was shot down by a surface-to-air missile on Thursday according to US officials.";
    assert!(flags(text, "2014-07-19").is_empty());
}

#[test]
fn an_age_that_does_not_fit_the_birth_year_is_flagged() {
    // Written for the test.
    let text = "Thomas Sam, 42, who was born in 1961, was charged on Friday.";
    assert_eq!(
        of(text, "2009-05-08", Check::Age),
        ["someone born 1961 would be 47 or 48 on 8 May 2009, not 42"]
    );
    // Written for the test.
    let text = "Jane Doe (born 12 March 1970) is 45 years old.";
    assert_eq!(of(text, "2023-04-20", Check::Age).len(), 1);
}

#[test]
fn ages_that_fit_or_stand_alone_are_not_flagged() {
    // dev-17 and dev-16: ages with no birth date.
    let text = "Thomas Sam, 42, and his wife Manju Sam, 36, face charges. Ahmed Mohamed, a 14-year-old boy from Irving, Texas, was arrested.";
    assert!(flags(text, "2009-05-08").is_empty());
    // Written for the test.
    let text = "Jane Doe (born 12 March 1970) is 53 years old.";
    assert!(of(text, "2023-04-20", Check::Age).is_empty());
    // Written for the test: the age is given at another date in the sentence.
    let text = "Smith, who was born in 1931, died on 3 May 2001, aged 70.";
    assert!(of(text, "2023-04-20", Check::Age).is_empty());
}

#[test]
fn a_duration_that_misses_its_dates_is_flagged() {
    // Written for the test: the 14-month war began 22 months before publication.
    let text = "The 14-month war, which began on 24 June 2021, has displaced millions.";
    let got = of(text, "2023-04-20", Check::Duration);
    assert_eq!(
        got,
        ["from 24 June 2021 to publication is 21 months, not 14"]
    );
    // Written for the test.
    let text = "The 3-year project ran from March 2015 to March 2020.";
    assert_eq!(of(text, "2023-04-20", Check::Duration).len(), 1);
}

#[test]
fn durations_that_fit_or_have_no_start_are_not_flagged() {
    // Seed article: the start is in another sentence.
    let text = "The Norwegian politician's visit began with a wreath laying in honour of Ukrainian soldiers who have died in the 14-month Russian invasion.";
    assert!(flags(text, "2023-04-20").is_empty());
    // dev-10 and dev-08.
    let text = "The South broadcast propaganda from loudspeakers after an 11-year lull. Microsoft urged users to move away from the antiquated 10-year-old browser.";
    assert!(flags(text, "2011-03-08").is_empty());
    // Written for the test.
    let text = "The 14-month war, which began in February 2022, has displaced millions.";
    assert!(of(text, "2023-04-20", Check::Duration).is_empty());
}

#[test]
fn shares_past_a_hundred_percent_are_flagged() {
    // Written for the test.
    let text =
        "In the poll 52 percent backed Smith, 38 percent backed Jones and 15 percent backed Lee.";
    assert_eq!(
        of(text, "2023-04-20", Check::PercentShares),
        ["shares listed together add up to 105 percent (52 + 38 + 15), past 100"]
    );
}

#[test]
fn percentages_that_are_not_shares_of_one_whole_are_not_flagged() {
    // dev-08.
    let text = "IE's various versions accounted for 70 percent of the market in 2009; this has dropped to approximately 56 percent today.";
    assert!(flags(text, "2011-03-08").is_empty());
    // dev-05.
    let text = "By 2050, undernourishment would increase by either 49 percent or by 27 percent, depending on the scenario.";
    assert!(flags(text, "2014-07-28").is_empty());
    // Written for the test: shares of different wholes.
    let text = "Some 62 percent of men and 58 percent of women backed the plan.";
    assert!(flags(text, "2023-04-20").is_empty());
}

#[test]
fn one_quantity_stated_two_ways_is_flagged() {
    // Written for the test.
    let text = "The city has 1.2 million residents. The census counted 1,150,000 residents.";
    assert_eq!(of(text, "2023-04-20", Check::SameQuantity).len(), 1);
    // Written for the test.
    let text = "The committee has 15 (twelve) members.";
    assert_eq!(of(text, "2023-04-20", Check::SameQuantity).len(), 1);
    // Written for the test: a scale the numbers lexicon lists beyond the common four.
    let text = "The district has 3.2 lakh voters. The roll counted 300,000 voters.";
    assert_eq!(of(text, "2023-04-20", Check::SameQuantity).len(), 1);
}

#[test]
fn quantities_that_agree_are_not_flagged() {
    // dev-07.
    let text = "The election was held on Sunday, with a record-breaking turnout of around 2 million voters and turnout rate of 58%. Around 2 million voters voted.";
    assert!(flags(text, "2016-09-09").is_empty());
    // Written for the test.
    let text = "The city has 1.2 million residents. The census counted 1,204,311 residents. The committee has 15 (fifteen) members.";
    assert!(of(text, "2023-04-20", Check::SameQuantity).is_empty());
}

#[test]
fn a_date_after_publication_in_the_past_tense_is_flagged() {
    // Written for the test.
    let text = "The army took the town on 3 May 2023.";
    assert_eq!(
        of(text, "2023-04-20", Check::FutureInPast),
        ["3 May 2023 is after publication (20 April 2023) but the sentence says \u{201c}took\u{201d}"]
    );
}

#[test]
fn future_dates_told_as_future_are_not_flagged() {
    // dev-05.
    let text = "The scientists found reduction of crop yields by 2050 exceeded 10% of 2000 levels.";
    assert!(flags(text, "2014-07-28").is_empty());
    // Written for the test.
    let text = "The talks will resume on 4 May 2023. The deadline was moved to June 2023.";
    assert!(flags(text, "2023-04-20").is_empty());
}

/// An article under review whose claims are those the engine finds in `text`.
fn review_of(text: &str, published: &str) -> ArticleReview {
    use crate::review::{Article, Origin, ReviewedClaim, Status};
    let published = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
    let claims = extract(text, published)
        .into_iter()
        .enumerate()
        .map(|(i, claim)| ReviewedClaim {
            id: format!("c{}", i + 1),
            article_id: "a1".into(),
            claim,
            origin: Origin::Extracted,
            dismissed: false,
            orphaned: false,
            status: Status::Unchecked,
            note: None,
            reviewer: None,
            reviewed_at: None,
            sources: Vec::new(),
        })
        .collect();
    ArticleReview {
        article: Article {
            id: "a1".into(),
            title: "Flight 17".into(),
            byline: None,
            outlet: None,
            url: None,
            published,
            imported_at: chrono::DateTime::UNIX_EPOCH,
            text: text.into(),
            content_hash: String::new(),
            provenance: None,
        },
        claims,
        history: Vec::new(),
        sign_offs: Vec::new(),
    }
}

#[test]
fn review_flags_name_claim_ids_and_skip_dismissed_claims() {
    // Written for the test.
    let text = "283 passengers and 15 crew were aboard, all 295 in total perished.";
    let mut review = review_of(text, "2014-07-19");
    let flags = review_flags(&review);
    assert_eq!(flags.len(), 1);
    assert_eq!(flags[0].check, Check::PartsTotal);
    assert_eq!(flags[0].claim_ids, ["c3", "c1", "c2"]);
    let by_claim = flags_by_claim(&review);
    assert_eq!(by_claim.len(), 3);
    review.claims[2].dismissed = true;
    assert!(
        review_flags(&review).is_empty(),
        "a dismissed total is no total"
    );
}

#[test]
fn every_report_format_but_claimreview_shows_the_flags() {
    use crate::report::{render, ClaimSelection, Format, ReportInput, ReportMeta};
    // Written for the test.
    let text = "283 passengers and 15 crew were aboard, all 295 in total perished.";
    let reviews = [review_of(text, "2014-07-19")];
    let input = ReportInput {
        meta: ReportMeta {
            title: "Report".into(),
            generated_at: chrono::DateTime::UNIX_EPOCH,
            generated_by: "factdesk".into(),
            scope: None,
            publisher: Some(crate::report::Publisher {
                name: "Desk".into(),
                url: None,
            }),
            publication_url: Some("https://example.org/checks".into()),
        },
        articles: &reviews,
        selection: ClaimSelection::default(),
    };
    let message = "the parts add up to 298 (283 + 15), but the total is given as 295";
    for format in [Format::Html, Format::Markdown, Format::Json, Format::Csv] {
        let out = render(format, &input).expect("the report renders");
        assert!(out.contains(message), "{format} shows the flag:\n{out}");
    }
    let out = render(Format::Json, &input).unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let flags = &v["articles"][0]["claims"][2]["flags"];
    assert_eq!(flags[0]["check"], "parts_total");
    assert_eq!(flags[0]["claim_ids"][0], "c3");
    let out = render(Format::ClaimReview, &input).unwrap();
    assert!(!out.contains(message), "ClaimReview is left as it was");
}
