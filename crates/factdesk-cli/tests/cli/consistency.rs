//! `factdesk claims` shows the consistency flags: a line under each flagged claim, a
//! `flags` array per claim in JSON, and `--flagged` to list only flagged claims.

use super::util::Desk;

// Written for the test: the corpus sentence from dev-06 with its total changed.
const TEXT: &str = "Flight 17 shot down\n\nSaturday, July 19, 2014\n\n\
Malaysia Airlines Flight 17 crashed on Thursday in eastern Ukraine. \
283 passengers and 15 crew were aboard the aircraft, all 295 in total perished.\n";

#[test]
fn claims_show_consistency_flags_in_text_and_json() {
    let desk = Desk::new();
    let file = desk.write("mh17.txt", TEXT);
    let out = desk.json(&["import", &file.display().to_string()]);
    let a = out["imported"][0]["article"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let message = "the parts add up to 298 (283 + 15), but the total is given as 295";

    let all = desk.json(&["claims", &a]);
    let all = all.as_array().unwrap();
    let flagged: Vec<_> = all
        .iter()
        .filter(|c| !c["flags"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(flagged.len(), 3, "the total and its two parts: {all:#?}");
    assert!(
        all.len() > flagged.len(),
        "other claims carry an empty flags list"
    );
    assert_eq!(flagged[0]["flags"][0]["check"], "parts_total");
    assert_eq!(flagged[0]["flags"][0]["message"], message);

    let only = desk.json(&["claims", &a, "--flagged"]);
    assert_eq!(only.as_array().unwrap().len(), 3);

    let run = desk.run(&["claims", &a, "--flagged"]);
    run.ok();
    assert!(
        run.stdout.contains(&format!("\u{2691} {message}")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.trim_end().ends_with("3 claims"),
        "{}",
        run.stdout
    );
}
