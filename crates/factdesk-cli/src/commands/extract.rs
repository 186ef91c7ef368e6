//! `factdesk extract`: the claims in one article, or in every document of a JSONL batch.

use std::io::{BufRead, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::ValueEnum;
use factdesk_core::input::{decode_article, read_article_file};
use factdesk_core::{extract, Claim};
use serde::{Deserialize, Serialize};

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
                doc: &doc.doc,
                claims: &claims,
            },
        )?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// One output line of a batch, `{"doc":...,"claims":[...]}`, written straight to the
/// output with the claims' own serialization (no JSON value built first).
#[derive(Serialize)]
struct BatchLine<'a> {
    doc: &'a serde_json::Value,
    claims: &'a [Claim],
}
