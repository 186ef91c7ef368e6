//! The report templates (files under `crates/factdesk-core/templates/`, compiled into the
//! library) and the template engine set up once with escaping on.
//!
//! `.html` templates escape every value for HTML; `.md` templates escape every value for
//! Markdown (see [`escape_markdown`]). Only values the report code marks safe on purpose
//! (the computed chart geometry, a link destination) bypass escaping.

use std::io::Write;
use std::sync::LazyLock;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};

use super::ReportError;

/// The templates of one report format. A report is written in parts so that each article
/// is rendered, written and dropped before the next is read: `open` (HTML only: up to the
/// style sheet, before the JSON-LD the code streams in), `head` (the summary and chart, and
/// the start of the table of contents when there are several articles), `toc` once per
/// article and `toc_end` (when there is a table of contents), `article` once per article,
/// then `tail`.
pub(crate) struct Parts {
    pub open: Option<&'static str>,
    pub head: &'static str,
    pub toc: &'static str,
    pub toc_end: Option<&'static str>,
    pub article: &'static str,
    pub pieces: &'static str,
    pub notes_head: &'static str,
    pub notes: &'static str,
    pub article_end: &'static str,
    pub tail: &'static str,
}

/// How many text pieces or footnotes are turned into template values at a time, so an
/// article with a great many claims is rendered in bounded steps.
const CHUNK: usize = 256;

/// The HTML report page.
pub(crate) const HTML: Parts = Parts {
    open: Some("report_open.html"),
    head: "report_head.html",
    toc: "report_toc.html",
    toc_end: Some("report_toc_end.html"),
    article: "report_article.html",
    pieces: "report_pieces.html",
    notes_head: "report_notes_head.html",
    notes: "report_notes.html",
    article_end: "report_article_end.html",
    tail: "report_tail.html",
};

/// The Markdown report.
pub(crate) const MARKDOWN: Parts = Parts {
    open: None,
    head: "report_head.md",
    toc: "report_toc.md",
    toc_end: None,
    article: "report_article.md",
    pieces: "report_pieces.md",
    notes_head: "report_notes_head.md",
    notes: "report_notes.md",
    article_end: "report_article_end.md",
    tail: "report_tail.md",
};

const MARKDOWN_ESCAPE: &str = "markdown";

static ENV: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .keep_trailing_newline(true)
            .build()
            .expect("the default syntax with trailing newlines kept"),
    );
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".md") {
            AutoEscape::Custom(MARKDOWN_ESCAPE.into())
        } else if name.ends_with(".html") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(|out, state, value| match state.auto_escape() {
        AutoEscape::Custom(name) if name == MARKDOWN_ESCAPE => {
            if value.is_safe() {
                write!(out, "{value}").map_err(Error::from)
            } else if value.is_none() || value.is_undefined() {
                Err(Error::new(
                    ErrorKind::UndefinedError,
                    "a missing value reached the Markdown output",
                ))
            } else {
                out.write_str(&escape_markdown(&value.to_string()))
                    .map_err(Error::from)
            }
        }
        _ => minijinja::escape_formatter(out, state, value),
    });
    env.add_filter("oneline", |s: String| super::one_line(&s));
    env.add_filter("md_link_target", md_link_target);
    for (name, source) in [
        (
            "report_open.html",
            include_str!("../../templates/report_open.html"),
        ),
        (
            "report_head.html",
            include_str!("../../templates/report_head.html"),
        ),
        (
            "report_article.html",
            include_str!("../../templates/report_article.html"),
        ),
        (
            "report_tail.html",
            include_str!("../../templates/report_tail.html"),
        ),
        (
            "report_toc.html",
            include_str!("../../templates/report_toc.html"),
        ),
        (
            "report_toc_end.html",
            include_str!("../../templates/report_toc_end.html"),
        ),
        (
            "report_toc.md",
            include_str!("../../templates/report_toc.md"),
        ),
        (
            "report_pieces.html",
            include_str!("../../templates/report_pieces.html"),
        ),
        (
            "report_notes_head.html",
            include_str!("../../templates/report_notes_head.html"),
        ),
        (
            "report_notes.html",
            include_str!("../../templates/report_notes.html"),
        ),
        (
            "report_article_end.html",
            include_str!("../../templates/report_article_end.html"),
        ),
        (
            "report_pieces.md",
            include_str!("../../templates/report_pieces.md"),
        ),
        (
            "report_notes_head.md",
            include_str!("../../templates/report_notes_head.md"),
        ),
        (
            "report_notes.md",
            include_str!("../../templates/report_notes.md"),
        ),
        (
            "report_article_end.md",
            include_str!("../../templates/report_article_end.md"),
        ),
        ("report.css", include_str!("../../templates/report.css")),
        (
            "report_head.md",
            include_str!("../../templates/report_head.md"),
        ),
        (
            "report_article.md",
            include_str!("../../templates/report_article.md"),
        ),
        (
            "report_tail.md",
            include_str!("../../templates/report_tail.md"),
        ),
    ] {
        env.add_template(name, source)
            .unwrap_or_else(|e| panic!("template {name} does not parse: {e:#}"));
    }
    env
});

/// Writes a report from its parts: `before_head` runs after `open` (HTML writes its
/// JSON-LD there), then the head, the table of contents (a pass over the articles, when
/// there are several), each article (a second pass) and the tail.
pub(crate) fn write_parts(
    parts: &Parts,
    ctx: &super::Ctx<'_>,
    out: &mut dyn Write,
    before_head: &mut dyn FnMut(&mut dyn Write) -> Result<(), ReportError>,
) -> Result<(), ReportError> {
    use minijinja::context;
    use minijinja::value::Serde;

    let tally = ctx.tally(&mut |_| {})?;
    let report = Value::from(Serde(&super::view::build(ctx, &tally)));
    if let Some(open) = parts.open {
        render(open, context! { report => report.clone() }, out)?;
    }
    before_head(out)?;
    render(parts.head, context! { report => report.clone() }, out)?;
    if tally.articles > 1 {
        let mut index = 0;
        ctx.each_selected(&mut |selected| {
            index += 1;
            let a = super::view::TocEntry::of(selected);
            render(
                parts.toc,
                context! { a => Value::from(Serde(&a)), index },
                out,
            )
        })?;
        if let Some(end) = parts.toc_end {
            render(end, context! {}, out)?;
        }
    }
    ctx.each_selected(&mut |selected| {
        let a = super::view::article_view(selected);
        let values = Value::from(Serde(&a));
        render(parts.article, context! { a => values.clone() }, out)?;
        for chunk in a.pieces.chunks(CHUNK) {
            render(
                parts.pieces,
                context! { pieces => Value::from(Serde(chunk)) },
                out,
            )?;
        }
        render(parts.notes_head, context! { a => values.clone() }, out)?;
        for (i, chunk) in a.footnotes.chunks(CHUNK).enumerate() {
            let footnotes = Value::from(Serde(chunk));
            render(parts.notes, context! { footnotes, first => i == 0 }, out)?;
        }
        render(parts.article_end, context! { a => values }, out)
    })?;
    render(parts.tail, context! { report => report }, out)
}

/// Renders template `name` with `context` into `out`.
pub(crate) fn render(
    name: &'static str,
    context: Value,
    out: &mut dyn Write,
) -> Result<(), ReportError> {
    let template = ENV
        .get_template(name)
        .map_err(|source| ReportError::Template {
            template: name,
            source,
        })?;
    template
        .render_captured_to(context, out)
        .map(|_| ())
        .map_err(|source| {
            // The engine wraps the writer's failure; report it as the I/O error it is.
            if source.kind() == ErrorKind::WriteFailure {
                ReportError::Io(std::io::Error::other(source.to_string()))
            } else {
                ReportError::Template {
                    template: name,
                    source,
                }
            }
        })
}

/// Escapes text so Markdown shows it literally: every character Markdown gives a meaning
/// inside a line (`\ ` * _ [ ] < | ~ &`) gets a backslash, and so does whatever would
/// start a heading, quote, list or rule at the start of a line. HTML in the text therefore
/// shows as text and never becomes markup.
pub(crate) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut line_start = true;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if line_start {
            // Leading spaces keep the line's start; four of them would make a code block.
            if ch == ' ' || ch == '\t' {
                out.push(ch);
                continue;
            }
            if matches!(ch, '#' | '+' | '-' | '=' | '>') {
                out.push('\\');
                out.push(ch);
                line_start = false;
                continue;
            }
            if ch.is_ascii_digit() {
                // "1. " and "1) " start an ordered list: escape the mark after the digits.
                out.push(ch);
                while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    out.push(d);
                    chars.next();
                }
                if let Some(&mark @ ('.' | ')')) = chars.peek() {
                    out.push('\\');
                    out.push(mark);
                    chars.next();
                }
                line_start = false;
                continue;
            }
        }
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
        line_start = ch == '\n';
    }
    out
}

/// A link destination for Markdown, in the `<…>` form with the characters that form
/// cannot hold percent-encoded; returned safe so the Markdown escaper leaves it alone.
fn md_link_target(url: String) -> Value {
    let mut out = String::with_capacity(url.len() + 2);
    out.push('<');
    for ch in url.chars() {
        match ch {
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('>');
    Value::from_safe_string(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_neutralizes_markup_and_line_starts() {
        assert_eq!(
            escape_markdown("<script>alert(1)</script>"),
            r"\<script>alert(1)\</script>"
        );
        assert_eq!(
            escape_markdown("a *b* _c_ [d](e)"),
            r"a \*b\* \_c\_ \[d\](e)"
        );
        assert_eq!(
            escape_markdown("# Title\n- item\n2022. Year"),
            "\\# Title\n\\- item\n2022\\. Year"
        );
        assert_eq!(escape_markdown("&amp; | ~"), r"\&amp; \| \~");
        assert_eq!(
            escape_markdown("Ukraine's \"place\" 🇺🇦"),
            "Ukraine's \"place\" 🇺🇦"
        );
    }

    #[test]
    fn link_targets_cannot_break_out_of_the_angle_form() {
        assert_eq!(
            md_link_target("https://x.test/a b>c".into()).to_string(),
            "<https://x.test/a%20b%3Ec>"
        );
    }
}
