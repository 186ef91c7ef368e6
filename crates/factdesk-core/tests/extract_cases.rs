//! Runs the data-driven extraction cases in `testdata/extract/*.toml` (see the README there).

use std::path::Path;

use factdesk_core::{extract, ClaimKind};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct File {
    #[serde(default)]
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default)]
    guards: Option<String>,
    text: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    expect: Vec<Expect>,
    #[serde(default)]
    reject: Vec<Reject>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    kind: ClaimKind,
    text: String,
    #[serde(default)]
    occurrence: usize,
    amount: Option<f64>,
    unit: Option<String>,
    qualifier: Option<String>,
    upper: Option<f64>,
    iso: Option<String>,
    speaker: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Reject {
    kind: ClaimKind,
    text: String,
    #[serde(default)]
    occurrence: usize,
}

/// Byte offset of the `occurrence`-th match of `needle` in `hay`.
fn find_nth(hay: &str, needle: &str, occurrence: usize) -> Option<usize> {
    hay.match_indices(needle).nth(occurrence).map(|(i, _)| i)
}

/// "null" in a case file means "must be absent".
fn want(field: &Option<String>) -> Option<Option<&str>> {
    field
        .as_deref()
        .map(|s| if s == "null" { None } else { Some(s) })
}

#[test]
fn extraction_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/extract");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("testdata/extract exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in &files {
        let raw = std::fs::read_to_string(path).expect("case file is UTF-8");
        let file: File = toml::from_str(&raw)
            .unwrap_or_else(|e| panic!("{}: not a valid case file: {e}", path.display()));
        for case in file.case {
            let published = case.published.as_deref().map(|d| {
                chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap_or_else(|_| {
                    panic!("{}: case {:?}: bad date", path.display(), case.name)
                })
            });
            let claims = extract(&case.text, published);
            let label = format!(
                "{} / {:?}{}",
                path.file_name().unwrap().to_string_lossy(),
                case.name,
                case.guards
                    .as_deref()
                    .map(|g| format!(" (guards: {g})"))
                    .unwrap_or_default()
            );
            for e in &case.expect {
                checked += 1;
                let Some(start) = find_nth(&case.text, &e.text, e.occurrence) else {
                    failures.push(format!(
                        "{label}: expected text {:?} is not in the case text",
                        e.text
                    ));
                    continue;
                };
                let end = start + e.text.len();
                let Some(c) = claims
                    .iter()
                    .find(|c| c.kind == e.kind && c.start == start && c.end == end)
                else {
                    let got: Vec<_> = claims
                        .iter()
                        .filter(|c| c.kind == e.kind)
                        .map(|c| c.text.as_str())
                        .collect();
                    failures.push(format!(
                        "{label}: missing {} {:?}; found {got:?}",
                        e.kind, e.text
                    ));
                    continue;
                };
                let fig = c.figure();
                let mut wrong = |what: &str, got: String| {
                    failures.push(format!(
                        "{label}: {} {:?}: wrong {what}: got {got}",
                        e.kind, e.text
                    ))
                };
                if let Some(a) = e.amount {
                    let got = fig.and_then(|f| f.amount);
                    if !got.is_some_and(|g| (g - a).abs() <= 1e-6 * a.abs().max(1.0)) {
                        wrong("amount", format!("{got:?}, want {a}"));
                    }
                }
                if let Some(u) = e.upper {
                    let got = fig.and_then(|f| f.upper);
                    if got != Some(u) {
                        wrong("upper", format!("{got:?}, want {u}"));
                    }
                }
                if let Some(want_unit) = want(&e.unit) {
                    let got = fig.and_then(|f| f.unit.as_deref());
                    if got != want_unit {
                        wrong("unit", format!("{got:?}, want {want_unit:?}"));
                    }
                }
                if let Some(want_q) = want(&e.qualifier) {
                    let got = fig.and_then(|f| f.qualifier.as_deref());
                    if got != want_q {
                        wrong("qualifier", format!("{got:?}, want {want_q:?}"));
                    }
                }
                if let Some(want_iso) = want(&e.iso) {
                    let got = c.date().and_then(|d| d.iso.as_deref());
                    if got != want_iso {
                        wrong("iso", format!("{got:?}, want {want_iso:?}"));
                    }
                }
                if let Some(want_speaker) = want(&e.speaker) {
                    let got = c.speaker.as_deref();
                    if got != want_speaker {
                        wrong("speaker", format!("{got:?}, want {want_speaker:?}"));
                    }
                }
            }
            // The list is exhaustive: a claim no expectation names fails the case.
            for c in &claims {
                let listed = case.expect.iter().any(|e| {
                    e.kind == c.kind
                        && find_nth(&case.text, &e.text, e.occurrence)
                            .is_some_and(|s| s == c.start && s + e.text.len() == c.end)
                });
                if !listed {
                    failures.push(format!("{label}: unexpected {} {:?}", c.kind, c.text));
                }
            }
            for r in &case.reject {
                checked += 1;
                let Some(start) = find_nth(&case.text, &r.text, r.occurrence) else {
                    failures.push(format!(
                        "{label}: rejected text {:?} is not in the case text",
                        r.text
                    ));
                    continue;
                };
                let span = factdesk_core::Span::new(start, start + r.text.len());
                if let Some(c) = claims.iter().find(|c| c.kind == r.kind && c.span() == span) {
                    failures.push(format!(
                        "{label}: {:?} must not be a {} (got {:?})",
                        r.text, r.kind, c.value
                    ));
                }
            }
        }
    }
    assert!(
        checked > 0,
        "no extraction cases found in {}",
        dir.display()
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} extraction checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
