//! The Markdown report, rendered from `templates/report.md`: the same content as the HTML
//! page for a CMS or a ticket. Claims are bold in the text with a GitHub-style footnote
//! (`[^3]`) carrying the verdict; every value is escaped so article text never turns into
//! Markdown or HTML.

use std::io::Write;

use minijinja::value::{Serde, Value};

use super::{templates, view, ReportError, ReportInput};

/// Writes the Markdown report of `input` to `out`.
pub(crate) fn write(input: &ReportInput<'_>, out: &mut dyn Write) -> Result<(), ReportError> {
    let view = view::build(input);
    let context = minijinja::context! { report => Value::from(Serde(&view)) };
    templates::render(templates::MARKDOWN, context, out)
}
