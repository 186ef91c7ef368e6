//! DOCX (Office Open XML word processing: Word, LibreOffice, Google Docs "Download as
//! .docx") into an article.
//!
//! The text is the main document part (`word/document.xml`) read as an editor would see it
//! with every tracked change accepted:
//!
//! - each paragraph (body text, headings, list items, table cells, text boxes) is its own
//!   paragraph, separated by a blank line; empty paragraphs are left out;
//! - inserted text (`w:ins`) is kept, deleted and moved-away text (`w:del`, `w:delText`,
//!   `w:moveFrom`) is not;
//! - footnotes, endnotes and comments live in parts of their own and are never read;
//!   field codes (`w:instrText`) are left out, their shown result kept;
//! - a tab is a space, a line or page break inside a paragraph a line break.
//!
//! Title, author and dates come from the core properties (`docProps/core.xml`): the title
//! (else the first line, as for plain text), the creator as byline, and a dateline in the
//! text as publication date, else the created or modified date.
//!
//! A DOCX file is a ZIP archive, so every part is read with a cap on its uncompressed size
//! ([`MAX_PART_BYTES`], and [`MAX_TOTAL_BYTES`] for all parts together): a small file that
//! would inflate to gigabytes (a "zip bomb") is refused, never unpacked.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use quick_xml::events::Event;
use quick_xml::Reader;

use crate::store::NewArticle;

/// Largest uncompressed size read from one part of a DOCX archive. The text of a
/// thousand-page book is a few megabytes of XML.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// Largest uncompressed size read from all parts of one DOCX archive together.
pub const MAX_TOTAL_BYTES: u64 = 96 * 1024 * 1024;

/// Why a DOCX file could not be read. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// The file is not a ZIP archive, or a damaged one.
    #[error(
        "{path}: is not a readable DOCX file (the ZIP archive is damaged or not a ZIP: {reason})"
    )]
    Zip {
        /// The file read.
        path: PathBuf,
        /// What the ZIP reader reported.
        reason: String,
    },
    /// A ZIP archive without the main document part: not a word processing document.
    #[error("{path}: is a ZIP archive but not a DOCX document (it has no word/document.xml)")]
    NotDocx {
        /// The file read.
        path: PathBuf,
    },
    /// A part would inflate past the size cap.
    #[error("{path}: {part} inflates to more than {limit} bytes; refused as a possible zip bomb")]
    TooLarge {
        /// The file read.
        path: PathBuf,
        /// The part of the archive.
        part: String,
        /// The cap it exceeds.
        limit: u64,
    },
    /// A part's XML is not well-formed or not UTF-8.
    #[error("{path}: {part} is not well-formed XML ({reason})")]
    Xml {
        /// The file read.
        path: PathBuf,
        /// The part of the archive.
        part: String,
        /// What the XML reader reported.
        reason: String,
    },
    /// The document holds no text.
    #[error("{path}: the document has no text")]
    Empty {
        /// The file read.
        path: PathBuf,
    },
}

/// Reads the DOCX document in `bytes` (from `origin`, named in errors) into an article: see
/// the module documentation for what is kept. Refuses a damaged archive, a ZIP that is not
/// a word processing document, a part over the size caps, malformed XML and a document
/// with no text, each with an error naming `origin`.
pub fn read_docx(origin: &Path, bytes: &[u8]) -> Result<NewArticle, DocxError> {
    let zip_error = |e: zip::result::ZipError| DocxError::Zip {
        path: origin.to_path_buf(),
        reason: e.to_string(),
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    let mut budget = MAX_TOTAL_BYTES;
    let document =
        read_part(origin, &mut archive, "word/document.xml", &mut budget)?.ok_or_else(|| {
            DocxError::NotDocx {
                path: origin.to_path_buf(),
            }
        })?;
    let text = document_text(&document).map_err(|reason| DocxError::Xml {
        path: origin.to_path_buf(),
        part: "word/document.xml".into(),
        reason,
    })?;
    if text.trim().is_empty() {
        return Err(DocxError::Empty {
            path: origin.to_path_buf(),
        });
    }
    let props = match read_part(origin, &mut archive, "docProps/core.xml", &mut budget)? {
        Some(xml) => core_properties(&xml),
        None => CoreProperties::default(),
    };
    let name = origin
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| origin.display().to_string());
    let mut article = super::from_text(&text, &name);
    if let Some(title) = props.title {
        article.title = title;
    }
    article.byline = props.creator;
    article.published = article.published.or(props.created).or(props.modified);
    Ok(article)
}

/// The part `name` of the archive as text, or `None` when the archive has no such part.
/// Reads at most [`MAX_PART_BYTES`] and what is left of `budget`, whatever the archive
/// claims the size is.
fn read_part(
    origin: &Path,
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
) -> Result<Option<String>, DocxError> {
    let mut entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(DocxError::Zip {
                path: origin.to_path_buf(),
                reason: e.to_string(),
            })
        }
    };
    let limit = MAX_PART_BYTES.min(*budget);
    let too_large = || DocxError::TooLarge {
        path: origin.to_path_buf(),
        part: name.to_string(),
        limit,
    };
    if entry.size() > limit {
        return Err(too_large());
    }
    let mut raw = Vec::with_capacity(entry.size() as usize);
    (&mut entry)
        .take(limit + 1)
        .read_to_end(&mut raw)
        .map_err(|e| DocxError::Zip {
            path: origin.to_path_buf(),
            reason: format!("{name}: {e}"),
        })?;
    if raw.len() as u64 > limit {
        return Err(too_large());
    }
    *budget -= raw.len() as u64;
    String::from_utf8(raw)
        .map(Some)
        .map_err(|e| DocxError::Xml {
            path: origin.to_path_buf(),
            part: name.to_string(),
            reason: format!("not UTF-8 at byte {}", e.utf8_error().valid_up_to()),
        })
}

/// Elements whose text is not in the document as accepted, or not in its text at all.
fn left_out(local: &str) -> bool {
    matches!(
        local,
        "del" | "moveFrom" | "delText" | "instrText" | "delInstrText" | "Fallback"
    )
}

/// The text of `word/document.xml`, paragraphs separated by blank lines (see the module
/// documentation). One pass over the XML.
fn document_text(xml: &str) -> Result<String, String> {
    let mut reader = Reader::from_str(xml);
    // Paragraphs being read: a text box's paragraphs sit inside a run of an outer one.
    let mut open: Vec<String> = Vec::new();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut hidden = 0usize;
    let mut in_text = false;
    let push = |open: &mut Vec<String>, s: &str| {
        if let Some(p) = open.last_mut() {
            p.push_str(s);
        }
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                let local = name.as_ref();
                if left_out(local) {
                    hidden += 1;
                } else if local == "p" {
                    open.push(String::new());
                } else if local == "t" {
                    in_text = true;
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                let local = name.as_ref();
                if left_out(local) {
                    hidden = hidden.saturating_sub(1);
                } else if local == "p" {
                    if let Some(p) = open.pop() {
                        let p = p.trim();
                        if !p.is_empty() {
                            paragraphs.push(p.to_string());
                        }
                    }
                } else if local == "t" {
                    in_text = false;
                }
            }
            Event::Empty(e) if hidden == 0 => match e.local_name().as_ref() {
                "tab" | "ptab" => push(&mut open, " "),
                "br" | "cr" => push(&mut open, "\n"),
                "noBreakHyphen" => push(&mut open, "-"),
                _ => {}
            },
            Event::Text(t) if hidden == 0 && in_text => push(&mut open, &t.xml10_content()),
            Event::CData(t) if hidden == 0 && in_text => push(&mut open, &t),
            Event::GeneralRef(r) if hidden == 0 && in_text => {
                let c = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c,
                    None => match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => return Err(format!("unknown entity &{other};")),
                    },
                };
                push(&mut open, c.encode_utf8(&mut [0; 4]));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(paragraphs.join("\n\n"))
}

/// What `docProps/core.xml` says about the document.
#[derive(Debug, Default)]
struct CoreProperties {
    title: Option<String>,
    creator: Option<String>,
    created: Option<NaiveDate>,
    modified: Option<NaiveDate>,
}

/// The title, creator and dates of `docProps/core.xml`; what is missing, empty or
/// unreadable is `None` (the properties are a courtesy, never a reason to refuse a file).
fn core_properties(xml: &str) -> CoreProperties {
    let mut props = CoreProperties::default();
    let mut reader = Reader::from_str(xml);
    let mut field: Option<String> = None;
    let mut value = String::new();
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) => {
                field = Some(e.local_name().as_ref().to_string());
                value.clear();
            }
            Event::Text(t) => value.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    value.push(c);
                } else {
                    value.push(match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        _ => '\'',
                    });
                }
            }
            Event::End(_) => {
                let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
                // Writers that know no date put the Unix epoch: not a date.
                let date = || {
                    NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d")
                        .ok()
                        .filter(|d| *d > NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default())
                };
                match field.take().as_deref() {
                    Some("title") if !v.is_empty() => props.title = Some(v),
                    Some("creator") if !v.is_empty() => props.creator = Some(v),
                    Some("created") => props.created = date(),
                    Some("modified") => props.modified = date(),
                    _ => {}
                }
                value.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    props
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_changes_without_fields_or_notes() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>Budget &amp; tax</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">The council spent </w:t></w:r><w:del><w:r><w:delText>$3 million</w:delText></w:r></w:del><w:ins><w:r><w:t>$4.2 million</w:t></w:r></w:ins><w:r><w:footnoteReference w:id="1"/><w:t>.</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:tab/><w:t>up</w:t><w:br/><w:t>next</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell one</w:t></w:r></w:p></w:tc><w:tc><w:p><w:moveFrom><w:r><w:t>gone</w:t></w:r></w:moveFrom><w:r><w:t>Cell &#8220;two&#8221;</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;
        assert_eq!(
            document_text(xml).unwrap(),
            "Budget & tax\n\nThe council spent $4.2 million.\n\n7 up\nnext\n\nCell one\n\n\
             Cell \u{201c}two\u{201d}"
        );
        assert!(document_text("<w:p><w:t>open").is_err() || document_text("<a></b>").is_err());
    }

    #[test]
    fn core_properties_are_read() {
        let xml = r#"<cp:coreProperties xmlns:cp="x" xmlns:dc="y" xmlns:dcterms="z">
<dc:title>Mecca crane</dc:title><dc:creator>Ana Ruiz</dc:creator>
<dcterms:created xsi:type="dcterms:W3CDTF">2015-09-12T10:00:00Z</dcterms:created>
<dcterms:modified>2015-09-13T10:00:00Z</dcterms:modified></cp:coreProperties>"#;
        let epoch = core_properties(
            "<cp:coreProperties><dcterms:created>1970-01-01T00:00:00Z</dcterms:created>\
             </cp:coreProperties>",
        );
        assert_eq!(epoch.created, None, "the epoch is no date");
        let p = core_properties(xml);
        assert_eq!(p.title.as_deref(), Some("Mecca crane"));
        assert_eq!(p.creator.as_deref(), Some("Ana Ruiz"));
        assert_eq!(p.created, NaiveDate::from_ymd_opt(2015, 9, 12));
        assert_eq!(p.modified, NaiveDate::from_ymd_opt(2015, 9, 13));
    }
}
