//! The Markdown report, rendered from the `templates/report_*.md` parts: the same content
//! as the HTML page for a CMS or a ticket. Claims are bold in the text with a GitHub-style footnote
//! (`[^3]`) carrying the verdict; every value is escaped so article text never turns into
//! Markdown or HTML.

use std::io::Write;

use super::{templates, Ctx, ReportError};

/// Writes the Markdown report to `out`: a first pass over the articles for the summary,
/// one for the list of articles (with several), then each article rendered and written in
/// turn.
pub(crate) fn write(ctx: &Ctx<'_>, out: &mut dyn Write) -> Result<(), ReportError> {
    templates::write_parts(&templates::MARKDOWN, ctx, out, &mut |_| Ok(()))
}
