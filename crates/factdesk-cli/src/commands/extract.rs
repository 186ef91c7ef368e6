//! `factdesk extract`: the claims in one article, or in every document of a JSONL batch.

use std::io::{BufRead, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::ValueEnum;
use factdesk_core::input::{decode_article, read_article_file};
use factdesk_core::{extract, Claim, ClaimValue, Span};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

/// Articles are extracted in pieces of this many bytes, so memory stays bounded on huge
/// inputs; real articles are far smaller and go in one piece.
const PIECE_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article: a UTF-8 text file, a Word document (.docx) or a PDF with a text layer,
    /// or - for standard input (text).
    #[arg(required_unless_present = "batch", conflicts_with = "batch")]
    file: Option<PathBuf>,
    /// Publication date (YYYY-MM-DD), to resolve "yesterday", "last year" and the like.
    #[arg(long, value_parser = super::parse_date)]
    published: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Same as --format json.
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// Read a JSONL file of {"doc","text","published"} lines and write one
    /// {"doc","claims"} line per document to standard output.
    #[arg(long, value_name = "DOCS.jsonl")]
    batch: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Aligned columns for reading in a terminal.
    Table,
    /// {"claims": [...]}, one object per claim.
    Json,
}

pub fn run(args: Args) -> Result<()> {
    if let Some(batch) = &args.batch {
        return run_batch(batch);
    }
    let file = args.file.as_deref().unwrap_or(Path::new("-"));
    let text = if file == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
        decode_article(Path::new("<standard input>"), bytes)?
    } else if factdesk_core::import::file_document_format(file).is_some() {
        factdesk_core::import::read_article(file)?.text
    } else {
        read_article_file(file)?
    };
    let stdout = std::io::stdout().lock();
    let mut out = BufWriter::new(stdout);
    let format = if args.json { Format::Json } else { args.format };
    match format {
        Format::Json => write_json(&mut out, &text, args.published)?,
        Format::Table => write_table(&mut out, &text, args.published)?,
    }
    out.flush()?;
    Ok(())
}

/// Streams `{"claims":[...]}` claim by claim, so a huge article never holds all its
/// claims in memory.
fn write_json(out: &mut impl Write, text: &str, published: Option<NaiveDate>) -> Result<()> {
    out.write_all(b"{\"claims\":[")?;
    let mut sep: &[u8] = b"\n";
    extract::extract_in_pieces(text, published, PIECE_BYTES, |claim| {
        out.write_all(sep)?;
        sep = b",\n";
        serde_json::to_writer(&mut *out, &claim).map_err(std::io::Error::from)
    })?;
    out.write_all(b"\n]}\n")?;
    Ok(())
}

fn write_table(out: &mut impl Write, text: &str, published: Option<NaiveDate>) -> Result<()> {
    let mut count = 0usize;
    extract::extract_in_pieces(text, published, PIECE_BYTES, |claim| {
        count += 1;
        writeln!(out, "{}", table_row(&claim))
    })?;
    writeln!(out, "{count} claims")?;
    Ok(())
}

fn table_row(claim: &Claim) -> String {
    let value = super::value_text(claim);
    let mut shown: String = claim.text.chars().take(60).collect();
    if shown.len() < claim.text.len() {
        shown.push('…');
    }
    let shown = shown.replace(['\n', '\r'], " ");
    format!(
        "{:>7}..{:<7} {:<6} {:<62} {}",
        claim.start,
        claim.end,
        claim.kind.as_str(),
        format!("{shown:?}"),
        value
    )
}

#[derive(Debug, Deserialize)]
struct BatchDoc {
    doc: serde_json::Value,
    text: String,
    #[serde(default)]
    published: Option<String>,
}

fn run_batch(path: &Path) -> Result<()> {
    let name = path.display().to_string();
    if path.is_dir() {
        anyhow::bail!("{name}: is a directory, not a JSONL file");
    }
    let file = std::fs::File::open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            anyhow::anyhow!("{name}: no such file")
        } else {
            anyhow::anyhow!("{name}: {e}")
        }
    })?;
    let reader = std::io::BufReader::new(file);
    let mut out = BufWriter::new(std::io::stdout().lock());
    for (i, line) in reader.lines().enumerate() {
        let n = i + 1;
        let line = line.map_err(|e| super::bad_line(&name, n, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: BatchDoc = serde_json::from_str(&line).map_err(|e| {
            super::bad_line(
                &name,
                n,
                format!("not a {{\"doc\",\"text\",\"published\"}} object: {e}"),
            )
        })?;
        let published = match doc.published.as_deref() {
            None | Some("") => None,
            Some(s) => Some(super::parse_date(s).map_err(|e| super::bad_line(&name, n, e))?),
        };
        let claims = extract(&doc.text, published);
        serde_json::to_writer(
            &mut out,
            &BatchLine {
                claims: &claims,
                doc: &doc.doc,
            },
        )?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// One output line of a batch, `{"claims":[...],"doc":...}`, written straight to the
/// output. Every object's keys come in sorted order, as the batch format writes them (it
/// was built as a JSON value, whose objects sort their keys); the claims are written in
/// that order here rather than copied into a value first.
struct BatchLine<'a> {
    claims: &'a [Claim],
    doc: &'a serde_json::Value,
}

impl Serialize for BatchLine<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut line = s.serialize_struct("BatchLine", 2)?;
        line.serialize_field("claims", &SortedClaims(self.claims))?;
        line.serialize_field("doc", self.doc)?;
        line.end()
    }
}

/// Claims with their keys in sorted order (see [`BatchLine`]).
struct SortedClaims<'a>(&'a [Claim]);

impl Serialize for SortedClaims<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(SortedClaim))
    }
}

/// A claim with its keys in sorted order: `cue` (only when there is one), `end`, `kind`,
/// `sentence`, `speaker`, `start`, `text`, `value`.
struct SortedClaim<'a>(&'a Claim);

impl Serialize for SortedClaim<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut claim = s.serialize_struct("Claim", 8)?;
        if let Some(cue) = &c.cue {
            claim.serialize_field("cue", &SortedSpan(cue))?;
        }
        claim.serialize_field("end", &c.end)?;
        claim.serialize_field("kind", &c.kind)?;
        claim.serialize_field("sentence", &SortedSpan(&c.sentence))?;
        claim.serialize_field("speaker", &c.speaker)?;
        claim.serialize_field("start", &c.start)?;
        claim.serialize_field("text", &c.text)?;
        claim.serialize_field("value", &c.value.as_ref().map(SortedValue))?;
        claim.end()
    }
}

/// A span as `{"end":…,"start":…}`.
struct SortedSpan<'a>(&'a Span);

impl Serialize for SortedSpan<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut span = s.serialize_struct("Span", 2)?;
        span.serialize_field("end", &self.0.end)?;
        span.serialize_field("start", &self.0.start)?;
        span.end()
    }
}

/// A claim's value with its keys in sorted order: a figure's `amount`, `qualifier`, `unit`
/// and `upper` (only when there is one), or a date's `iso`.
struct SortedValue<'a>(&'a ClaimValue);

impl Serialize for SortedValue<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            ClaimValue::Figure(f) => {
                let mut value = s.serialize_struct("FigureValue", 4)?;
                value.serialize_field("amount", &f.amount)?;
                value.serialize_field("qualifier", &f.qualifier)?;
                value.serialize_field("unit", &f.unit)?;
                if let Some(upper) = &f.upper {
                    value.serialize_field("upper", upper)?;
                }
                value.end()
            }
            ClaimValue::Date(d) => {
                let mut value = s.serialize_struct("DateValue", 1)?;
                value.serialize_field("iso", &d.iso)?;
                value.end()
            }
        }
    }
}
