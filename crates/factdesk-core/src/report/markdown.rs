//! The Markdown report, rendered from the `templates/report_*.md` parts: the same content
//! as the HTML page for a CMS or a ticket. Claims are bold in the text with a GitHub-style footnote
//! (`[^3]`) carrying the verdict; every value is escaped so article text never turns into
//! Markdown or HTML.

use std::io::Write;

use minijinja::value::{Serde, Value};

use super::{templates, view, Ctx, ReportError};

/// Writes the Markdown report to `out`: a first pass over the articles for the summary
/// and the list of articles, then each article rendered and written in turn.
pub(crate) fn write(ctx: &Ctx<'_>, out: &mut dyn Write) -> Result<(), ReportError> {
    let parts = templates::MARKDOWN;
    let (tally, toc) = view::tally(ctx)?;
    let report = view::build(ctx, &tally, toc);
    let report = Value::from(Serde(&report));
    templates::render(
        parts.head,
        minijinja::context! { report => report.clone() },
        out,
    )?;
    ctx.each_selected(&mut |selected| {
        let a = view::article_view(selected);
        templates::render(
            parts.article,
            minijinja::context! { a => Value::from(Serde(&a)) },
            out,
        )
    })?;
    templates::render(parts.tail, minijinja::context! { report => report }, out)
}
