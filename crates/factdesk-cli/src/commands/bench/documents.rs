//! `factdesk bench documents`: measured speed of reading DOCX and PDF articles.
//!
//! The documents are made outside (`make bench-documents` has LibreOffice print a long
//! text to a 100-page PDF and save it as a 1 MB DOCX); `--write-text` writes that text,
//! the corpus articles repeated to a size.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use factdesk_core::import::{file_document_format, read_article, Format};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// DOCX and PDF files to read.
    #[arg(value_name = "FILE", required_unless_present = "write_text")]
    files: Vec<PathBuf>,
    /// Timed reads of each file; the best and the median are reported.
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Instead of measuring, write the corpus texts repeated to `--bytes` to this file, as
    /// the source of the benchmark's documents.
    #[arg(long, value_name = "PATH")]
    write_text: Option<PathBuf>,
    /// Size of the text `--write-text` writes.
    #[arg(long, default_value_t = 1_000_000)]
    bytes: usize,
    /// A JSONL corpus of {"doc","text"} lines, for `--write-text`.
    #[arg(long, default_value = "tests/data/corpus/dev.jsonl")]
    corpus: PathBuf,
    /// Print the figures as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<()> {
    if let Some(out) = &args.write_text {
        return write_text(&args, out);
    }
    let mut rows = Vec::new();
    for file in &args.files {
        let format = match file_document_format(file) {
            Some(Format::Pdf) => "pdf",
            Some(Format::Docx) => "docx",
            _ => anyhow::bail!("{}: not a DOCX or PDF file", file.display()),
        };
        let bytes = std::fs::metadata(file)
            .with_context(|| format!("{}: cannot read", file.display()))?
            .len();
        let pages = match format {
            "pdf" => factdesk_core::import::pdf::page_count(&std::fs::read(file)?),
            _ => None,
        };
        let mut times = Vec::new();
        let mut text_bytes = 0;
        let mut paragraphs = 0;
        for _ in 0..args.runs.max(1) {
            let t0 = Instant::now();
            let article = read_article(file)?;
            times.push(t0.elapsed().as_secs_f64());
            text_bytes = article.text.len();
            paragraphs = article.text.split("\n\n").count();
        }
        times.sort_by(f64::total_cmp);
        let (best, median) = (times[0], times[times.len() / 2]);
        if !args.json {
            println!(
                "{}: {format}, {bytes} bytes{}, {text_bytes} bytes of text in {paragraphs} paragraphs; best {best:.3} s, median {median:.3} s",
                file.display(),
                pages.map(|p| format!(", {p} pages")).unwrap_or_default(),
            );
        }
        rows.push(serde_json::json!({
            "file": file,
            "format": format,
            "bytes": bytes,
            "pages": pages,
            "text_bytes": text_bytes,
            "paragraphs": paragraphs,
            "best_seconds": best,
            "median_seconds": median,
        }));
    }
    if args.json {
        super::super::print_json(&serde_json::json!({ "documents": rows }))?;
    }
    Ok(())
}

/// Writes the corpus texts, repeated, until `args.bytes` are written.
fn write_text(args: &Args, out: &std::path::Path) -> Result<()> {
    let raw = std::fs::read_to_string(&args.corpus)
        .with_context(|| format!("{}: cannot read the corpus", args.corpus.display()))?;
    let texts: Vec<String> = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text")?.as_str().map(String::from))
        .collect();
    anyhow::ensure!(
        !texts.is_empty(),
        "{}: no texts in the corpus",
        args.corpus.display()
    );
    let mut text = String::new();
    'fill: loop {
        for t in &texts {
            if text.len() >= args.bytes {
                break 'fill;
            }
            text.push_str(t.trim_end());
            text.push_str("\n\n");
        }
    }
    std::fs::write(out, text).with_context(|| format!("{}: cannot write", out.display()))?;
    Ok(())
}
