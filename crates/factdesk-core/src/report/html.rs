//! The HTML report: one self-contained page rendered from `templates/report.html`.
//!
//! The page carries its CSS inline, loads nothing from the network (its Content Security
//! Policy forbids it) and runs no script. When the report has a publication address, the
//! ClaimReview markup is embedded as a JSON-LD data block, so the published page is itself
//! the fact check search engines read.

use std::io::Write;

use minijinja::value::{Serde, Value};

use super::{claimreview, templates, view, ReportError, ReportInput};

/// Writes the HTML report of `input` to `out`.
pub(crate) fn write(input: &ReportInput<'_>, out: &mut dyn Write) -> Result<(), ReportError> {
    let view = view::build(input);
    let json_ld = match input.meta.publication_url {
        Some(_) => Some(script_safe_json(&claimreview::documents(input)?)?),
        None => None,
    };
    let context = minijinja::context! {
        report => Value::from(Serde(&view)),
        json_ld => json_ld.map(Value::from_safe_string),
    };
    templates::render(templates::HTML, context, out)
}

/// JSON that can sit inside a `<script>` element: `<`, `>` and `&` (which only occur
/// inside JSON strings) become `\u` escapes, so no text in the data can close the element
/// or open a comment.
fn script_safe_json<T: serde::Serialize>(value: &T) -> Result<String, ReportError> {
    let json = serde_json::to_string_pretty(value)?;
    let mut out = String::with_capacity(json.len());
    for ch in json.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_cannot_close_its_script_element() {
        let json = script_safe_json(&serde_json::json!({"t": "</script><!-- & "})).unwrap();
        assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["t"], "</script><!-- & ");
    }
}
