//! Texts full of quotes, semicolons and SQL go in and come back exactly.

use super::util::Desk;

const HOSTILE: [&str; 5] = [
    "Robert'); DROP TABLE article;--",
    "\"; DELETE FROM claim WHERE \"1\"=\"1",
    "' OR '1'='1' --",
    "50%; UPDATE verdict SET status='verified'; /* */",
    "O'Brien said: \"it's 'fine'\"; then left.",
];

#[test]
fn hostile_text_is_stored_and_read_back_exactly() {
    let desk = Desk::new();
    let text = format!(
        "{}\n\nThe minister said 40 percent of homes had power. {}\n",
        HOSTILE.join(" "),
        HOSTILE[4]
    );
    let file = desk.write("it's; a \"file\"'); DROP TABLE article;--.txt", &text);
    let out = desk.json(&["import", &file.display().to_string()]);
    let article = &out["imported"][0]["article"];
    assert_eq!(article["text"], text.as_str());
    assert_eq!(article["title"], HOSTILE.join(" "));
    let id = article["id"].as_str().unwrap().to_string();
    for (i, bad) in HOSTILE.iter().enumerate() {
        let start = text.find(bad).unwrap();
        let c = desk.json(&[
            "add-claim",
            &id,
            &start.to_string(),
            &(start + bad.len()).to_string(),
            "--kind",
            "quote",
            "--by",
            bad,
        ]);
        let claim = c["id"].as_str().unwrap().to_string();
        assert_eq!(c["claim"]["text"], *bad);
        let marked = desk.json(&[
            "mark",
            &claim,
            "disputed",
            "--note",
            bad,
            "--source",
            bad,
            "--citation",
            bad,
            "--by",
            bad,
        ]);
        assert_eq!(marked["note"], *bad);
        assert_eq!(marked["reviewer"], *bad);
        assert_eq!(marked["sources"][0]["url"], *bad);
        let fixed = desk.json(&["correct", &claim, "--speaker", bad, "--by", bad]);
        assert_eq!(fixed["claim"]["speaker"], *bad);
        let h = desk.json(&["history", &claim]);
        assert!(h.as_array().unwrap().iter().all(|e| e["by"] == *bad));
        assert_eq!(h[2]["after"], *bad, "the note event {i}");
    }
    let hits = desk.json(&["search", "DROP", "TABLE", "article"]);
    assert!(!hits.as_array().unwrap().is_empty());
    let odd = desk.json(&[
        "search",
        "'); DROP TABLE article;-- \" OR NEAR(",
        "--limit",
        "5",
    ]);
    assert!(odd.is_array());
    let listed = desk.articles(&[]);
    assert_eq!(listed.len(), 1);
    let manual = desk.json(&["claims", &id]);
    let manual = manual
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["origin"] == "manual")
        .count();
    assert_eq!(manual, HOSTILE.len(), "every hand-added claim is listed");
}
