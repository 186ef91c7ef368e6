//! The CSV report: one row per selected claim, for spreadsheets.
//!
//! Quoting follows RFC 4180 (the `csv` crate quotes any field holding a comma, quote or line
//! break). Text that a spreadsheet would run as a formula (a cell starting with `=`, `+`,
//! `-`, `@`, a tab or a carriage return, after any leading spaces and tabs, that is not
//! simply a number) gets a leading `'`, so an article cannot smuggle a formula into an
//! editor's spreadsheet. Only http and https addresses fill the `article_url` column; a
//! source's other address stays in its `sources` text. `signed_off` names the editors who
//! signed the claim's article off on its desk, each with the time (RFC 3339), `; ` apart.

use std::borrow::Cow;
use std::io::Write;

use crate::consistency::flags_by_claim;
use crate::review::{Origin, Source};

use super::{one_line, sentence_text, status_label, value_text, web_url, Ctx, ReportError};

/// The header row, in column order.
pub(crate) const COLUMNS: [&str; 31] = [
    "number",
    "article_id",
    "article_title",
    "article_url",
    "article_published",
    "claim_id",
    "kind",
    "status",
    "verdict",
    "text",
    "value",
    "amount",
    "upper",
    "unit",
    "qualifier",
    "date_iso",
    "speaker",
    "start",
    "end",
    "sentence",
    "reviewer",
    "reviewed_at",
    "note",
    "sources",
    "origin",
    "dismissed",
    "orphaned",
    "sentence_start",
    "sentence_end",
    "flags",
    "signed_off",
];

/// Writes the CSV report of `input` to `out`: the header, then one row per claim.
/// The `sentence` column holds the claim's sentence, or a window around the claim when the
/// sentence is long; `sentence_start` and `sentence_end` give the whole sentence's span.
pub(crate) fn write(ctx: &Ctx<'_>, out: &mut dyn Write) -> Result<(), ReportError> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    ctx.each_selected(&mut |selected| {
        let article = &selected.review.article;
        let mut flags = flags_by_claim(selected.review);
        let signed_off = selected
            .review
            .sign_offs
            .iter()
            .map(|s| format!("{} {}", s.editor, s.at.to_rfc3339()))
            .collect::<Vec<_>>()
            .join("; ");
        for n in &selected.claims {
            let c = n.claim;
            let figure = c.claim.figure();
            let number = |x: Option<f64>| x.map(plain_number).unwrap_or_default();
            let flag_lines = flags
                .remove(&c.id)
                .unwrap_or_default()
                .iter()
                .map(|f| format!("{}: {}", f.check, f.message))
                .collect::<Vec<_>>()
                .join("\n");
            let row: [Cow<'_, str>; 31] = [
                n.number.map(|v| v.to_string()).unwrap_or_default().into(),
                cell(&article.id),
                cell(&article.title),
                cell(web_url(article.url.as_deref()).unwrap_or("")),
                article
                    .published
                    .map(|d| d.to_string())
                    .unwrap_or_default()
                    .into(),
                cell(&c.id),
                c.claim.kind.as_str().into(),
                c.status.as_str().into(),
                status_label(c.status).into(),
                cell(&c.claim.text),
                cell(&value_text(&c.claim).unwrap_or_default())
                    .into_owned()
                    .into(),
                number(figure.and_then(|f| f.amount)).into(),
                number(figure.and_then(|f| f.upper)).into(),
                cell(figure.and_then(|f| f.unit.as_deref()).unwrap_or("")),
                cell(figure.and_then(|f| f.qualifier.as_deref()).unwrap_or("")),
                cell(c.claim.date().and_then(|d| d.iso.as_deref()).unwrap_or("")),
                cell(c.claim.speaker.as_deref().unwrap_or("")),
                c.claim.start.to_string().into(),
                c.claim.end.to_string().into(),
                cell(&one_line(&sentence_text(selected.review, &c.claim)))
                    .into_owned()
                    .into(),
                cell(c.reviewer.as_deref().unwrap_or("")),
                c.reviewed_at
                    .map(|t| t.to_rfc3339())
                    .unwrap_or_default()
                    .into(),
                cell(c.note.as_deref().unwrap_or("")),
                cell(&sources_text(&c.sources)).into_owned().into(),
                match c.origin {
                    Origin::Extracted => "extracted",
                    Origin::Manual => "manual",
                }
                .into(),
                c.dismissed.to_string().into(),
                c.orphaned.to_string().into(),
                c.claim.sentence.start.to_string().into(),
                c.claim.sentence.end.to_string().into(),
                cell(&flag_lines).into_owned().into(),
                cell(&signed_off).into_owned().into(),
            ];
            writer.write_record(row.iter().map(|f| f.as_bytes()))?;
        }
        Ok(())
    })?;
    writer.flush()?;
    Ok(())
}

/// An amount as a spreadsheet reads it: plain digits, or scientific notation for the huge
/// and tiny magnitudes [`super::format_amount`] also writes that way (never 309 digits).
fn plain_number(v: f64) -> String {
    let magnitude = v.abs();
    if v.is_finite() && (magnitude >= 1e15 || (magnitude != 0.0 && magnitude < 1e-6)) {
        format!("{v:e}")
    } else {
        v.to_string()
    }
}

/// A text cell, with a leading `'` when a spreadsheet would read it as a formula.
fn cell(text: &str) -> Cow<'_, str> {
    let risky = text.starts_with(['\t', '\r'])
        || text
            .trim_start_matches([' ', '\t'])
            .starts_with(['=', '+', '-', '@', '\r']);
    if risky && text.trim().parse::<f64>().is_err() {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The sources, one per line: title, address or citation, what it shows, when consulted.
fn sources_text(sources: &[Source]) -> String {
    sources
        .iter()
        .map(|s| {
            let mut parts: Vec<String> = Vec::new();
            parts.extend(s.title.clone());
            parts.extend(s.url.clone());
            parts.extend(s.citation.clone());
            if let Some(shows) = &s.shows {
                parts.push(format!("shows: {shows}"));
            }
            if let Some(d) = s.accessed {
                parts.push(format!("accessed {d}"));
            }
            parts.join(" — ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralized_but_numbers_are_not() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("-5 percent"), "'-5 percent");
        assert_eq!(cell("-5"), "-5");
        assert_eq!(cell("+3.5"), "+3.5");
        assert_eq!(cell(" =1+1"), "' =1+1");
        assert_eq!(cell(" \t @SUM(A1)"), "' \t @SUM(A1)");
        assert_eq!(cell("  -5"), "  -5");
        assert_eq!(
            cell("more than 15 billion euros"),
            "more than 15 billion euros"
        );
    }
}
