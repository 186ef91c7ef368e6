//! The HTML report: one self-contained page rendered from the `templates/report_*.html` parts.
//!
//! The page carries its CSS inline, loads nothing from the network (its Content Security
//! Policy forbids it) and runs no script. When the report has a publication address, the
//! ClaimReview markup is embedded as a JSON-LD data block, so the published page is itself
//! the fact check search engines read.

use std::io::Write;

use super::{claimreview, templates, Ctx, ReportError};

/// Writes the HTML report to `out`: a first pass over the articles for the summary, one
/// for the table of contents (with several articles), then each article rendered and
/// written in turn. The JSON-LD block (when the publication address is an http or https
/// address) is a pass of its own, written straight into the page.
pub(crate) fn write(ctx: &Ctx<'_>, out: &mut dyn Write) -> Result<(), ReportError> {
    templates::write_parts(&templates::HTML, ctx, out, &mut |out| {
        if claimreview::base_url(ctx.meta).is_err() {
            return Ok(());
        }
        out.write_all(b"\n<script type=\"application/ld+json\">\n")?;
        claimreview::Reviews::new(ctx)?.write_to(&mut ScriptSafe::new(&mut *out))?;
        out.write_all(b"\n</script>")?;
        Ok(())
    })
}

/// A writer for JSON that sits inside a `<script>` element: `<`, `>` and `&` (which only
/// occur inside JSON strings) become `\u` escapes, and so do the line separators U+2028 and
/// U+2029, so no text in the data can close the element or open a comment.
struct ScriptSafe<'w> {
    out: &'w mut dyn Write,
    /// The start of a U+2028 or U+2029 (bytes E2 80) split across two writes.
    pending: Vec<u8>,
}

impl<'w> ScriptSafe<'w> {
    fn new(out: &'w mut dyn Write) -> Self {
        ScriptSafe {
            out,
            pending: Vec::new(),
        }
    }
}

impl Write for ScriptSafe<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let escape: Option<(&[u8], usize)> = match bytes[i] {
                b'<' => Some((b"\\u003c", 1)),
                b'>' => Some((b"\\u003e", 1)),
                b'&' => Some((b"\\u0026", 1)),
                0xE2 if bytes.len() - i < 3 && bytes[i..].iter().skip(1).all(|b| *b == 0x80) => {
                    // Maybe a line separator cut in two: wait for the rest.
                    self.out.write_all(&bytes[start..i])?;
                    self.pending = bytes[i..].to_vec();
                    return Ok(buf.len());
                }
                0xE2 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0xA8]) => Some((b"\\u2028", 3)),
                0xE2 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0xA9]) => Some((b"\\u2029", 3)),
                _ => None,
            };
            if let Some((replacement, len)) = escape {
                self.out.write_all(&bytes[start..i])?;
                self.out.write_all(replacement)?;
                i += len;
                start = i;
            } else {
                i += 1;
            }
        }
        self.out.write_all(&bytes[start..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let pending = std::mem::take(&mut self.pending);
        self.out.write_all(&pending)?;
        self.out.flush()
    }
}

impl Drop for ScriptSafe<'_> {
    fn drop(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let _ = self.out.write_all(&pending);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn script_safe_json(value: &serde_json::Value) -> String {
        let mut out = Vec::new();
        let mut w = ScriptSafe::new(&mut out);
        serde_json::to_writer_pretty(&mut w, value).unwrap();
        w.flush().unwrap();
        drop(w);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn embedded_json_cannot_close_its_script_element() {
        let json = script_safe_json(&serde_json::json!({"t": "</script><!-- & \u{2028}\u{2029}€"}));
        assert!(!json.contains('\u{2028}') && !json.contains('\u{2029}'));
        assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["t"], "</script><!-- & \u{2028}\u{2029}€");
    }
}
