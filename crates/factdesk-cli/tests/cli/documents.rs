//! DOCX and PDF articles made by real programs from the corpus articles, imported by the
//! real `factdesk` binary: LibreOffice (DOCX and PDF from the plain text), Chromium
//! (PDF printed from the article as a web page) and the `docx-rs` crate (DOCX with a
//! tracked insertion and deletion, a comment, a footnote and a table). Every imported text
//! must match its source word for word (similarity >= 0.99, every paragraph in order) and
//! give the claims the plain text gives (F1 >= 0.98 on kind and claim text). Bad documents
//! (a damaged ZIP, a zip bomb, an encrypted PDF, a scanned PDF, a truncated PDF) are
//! refused with an error naming the file, and the database is left as it was.
//!
//! The fixtures are made once per test binary, in `target/tmp`; a missing program is a
//! failure that says to run `make deps`.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use super::util::{corpus, file_hash, Desk, Doc};

const SOFFICE: &str = "/usr/bin/soffice";
const CHROMIUM: &str = "/usr/bin/chromium";
const QPDF: &str = "/usr/bin/qpdf";
const TIMEOUT: Duration = Duration::from_secs(300);

/// Fails the test, saying how to install it, when `program` is missing.
fn require(program: &str, package: &str) {
    assert!(
        Path::new(program).exists(),
        "{program} is missing: install the Debian package {package} (`make deps` does)"
    );
}

/// Runs `cmd` to completion within [`TIMEOUT`], failing the test if it does not succeed.
fn run_tool(mut cmd: Command, what: &str) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("starting {what}: {e}"));
    let mut stdout = child.stdout.take().expect("stdout piped");
    let mut stderr = child.stderr.take().expect("stderr piped");
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut buf).map(|_| buf)
    });
    let err = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut buf).map(|_| buf)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("polling a tool") {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let output = Output {
        status,
        stdout: out.join().unwrap().unwrap_or_default(),
        stderr: err.join().unwrap().unwrap_or_default(),
    };
    assert!(
        output.status.success(),
        "{what} failed: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// LibreOffice converting every file of `inputs` to `format` into `out`, in one process
/// with a profile of its own in `dir`; `.txt` inputs are read as UTF-8 text.
pub fn soffice(dir: &Path, inputs: &[PathBuf], format: &str, out: &Path) {
    require(SOFFICE, "libreoffice-writer-nogui");
    let mut cmd = Command::new(SOFFICE);
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        dir.join("soffice-profile").display()
    ))
    .args(["--headless", "--norestore"]);
    if inputs
        .iter()
        .all(|i| i.extension().is_some_and(|e| e == "txt"))
    {
        cmd.arg("--infilter=Text (encoded):UTF8,LF,,,");
    }
    cmd.args(["--convert-to", format, "--outdir"])
        .arg(out)
        .args(inputs);
    run_tool(cmd, "soffice --convert-to");
}

/// A browser profile folder in `dir` used by no other run.
fn profile(dir: &Path) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    dir.join(format!("chromium-profile-{n}"))
}

/// Headless Chromium printing the page at `html` to the PDF `out`; `header_footer` keeps
/// Chromium's running header (date, title) and footer (address, page numbers).
pub fn chromium_pdf(dir: &Path, html: &Path, out: &Path, header_footer: bool) {
    require(CHROMIUM, "chromium");
    let mut cmd = Command::new(CHROMIUM);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ])
    .arg(format!("--user-data-dir={}", profile(dir).display()))
    .arg(format!("--print-to-pdf={}", out.display()));
    if !header_footer {
        cmd.arg("--no-pdf-header-footer");
    }
    cmd.arg(format!("file://{}", html.display()));
    run_tool(cmd, "chromium --print-to-pdf");
    assert!(out.exists(), "chromium wrote no {}", out.display());
}

/// The article as a web page: its first paragraph the title and heading, each other
/// paragraph a `<p>`.
pub fn article_html(text: &str) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut paras = text.split("\n\n");
    let title = esc(paras.next().unwrap_or_default());
    let mut html = format!(
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{title}</title>\
         <style>body {{ font: 12pt serif; margin: 2cm }}</style></head><body><h1>{title}</h1>"
    );
    for p in paras {
        html.push_str(&format!("<p>{}</p>", esc(p)));
    }
    html.push_str("</body></html>");
    html
}

/// Words that appear only in the tracked deletion, the comment and the footnote of the
/// `docx-rs` fixtures: none may reach the article.
const HIDDEN: [&str; 3] = ["STRUCKOUT", "MARGINNOTE", "FOOTNOTED"];

/// A DOCX of `text` written by `docx-rs`: the first paragraph a heading, the third split
/// into kept text, a tracked deletion, a tracked insertion (the rest of the paragraph), a
/// comment and a footnote; the fourth and fifth paragraphs as the two cells of a table;
/// the sixth and seventh items of a bulleted list.
pub fn docx_rs_file(text: &str, out: &Path) {
    use docx_rs::{
        AbstractNumbering, Comment, Delete, Docx, Footnote, IndentLevel, Insert, Level, LevelJc,
        LevelText, NumberFormat, Numbering, NumberingId, Paragraph, Run, Start, Table, TableCell,
        TableRow,
    };
    let run = |s: &str| Run::new().add_text(s);
    let paras: Vec<&str> = text.split("\n\n").collect();
    let mut docx = Docx::new()
        .add_abstract_numbering(AbstractNumbering::new(2).add_level(Level::new(
            0,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new("\u{2022}"),
            LevelJc::new("left"),
        )))
        .add_numbering(Numbering::new(2, 2));
    let mut i = 0;
    while i < paras.len() {
        let p = paras[i];
        if i == 3 && i + 1 < paras.len() {
            let cell = |s: &str| TableCell::new().add_paragraph(Paragraph::new().add_run(run(s)));
            docx = docx.add_table(Table::new(vec![TableRow::new(vec![
                cell(p),
                cell(paras[i + 1]),
            ])]));
            i += 2;
            continue;
        }
        let mut para = Paragraph::new();
        if i == 0 {
            para = para.style("Heading1").add_run(run(p));
        } else if i == 2 {
            let cut = p[..p.len() / 2].rfind(' ').map_or(0, |c| c + 1);
            let (head, tail) = p.split_at(cut);
            para = para
                .add_run(run(head))
                .add_delete(
                    Delete::new()
                        .author("Desk")
                        .date("2024-01-01T00:00:00Z")
                        .add_run(Run::new().add_delete_text("STRUCKOUT 99 percent ")),
                )
                .add_comment_start(
                    Comment::new(1)
                        .author("Desk")
                        .date("2024-01-01T00:00:00Z")
                        .add_paragraph(Paragraph::new().add_run(run("MARGINNOTE says 77 million"))),
                )
                .add_insert(
                    Insert::new(run(tail))
                        .author("Desk")
                        .date("2024-01-01T00:00:00Z"),
                )
                .add_comment_end(1)
                .add_run(
                    Run::new().add_footnote_reference(
                        Footnote::new()
                            .add_content(Paragraph::new().add_run(run("FOOTNOTED 55 percent"))),
                    ),
                );
        } else if i == 5 || i == 6 {
            para = para
                .numbering(NumberingId::new(2), IndentLevel::new(0))
                .add_run(run(p));
        } else {
            para = para.add_run(run(p));
        }
        docx = docx.add_paragraph(para);
        i += 1;
    }
    let file = std::fs::File::create(out).expect("docx file created");
    docx.build()
        .pack(file)
        .expect("docx-rs writes the document");
}

/// One kind of fixture: what made it, and one file per corpus article.
pub struct Set {
    pub maker: &'static str,
    pub files: Vec<PathBuf>,
}

/// The corpus articles and every fixture made from them.
pub struct Fixtures {
    pub dir: PathBuf,
    pub docs: Vec<Doc>,
    pub sets: Vec<Set>,
}

/// Makes the fixtures on first use (a few seconds of LibreOffice and Chromium).
pub fn fixtures() -> &'static Fixtures {
    static FIXTURES: OnceLock<Fixtures> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("documents-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let sub = |name: &str| {
            let d = dir.join(name);
            std::fs::create_dir_all(&d).expect("fixture folder");
            d
        };
        let (src, lo_docx, lo_pdf, chrome, rs) = (
            sub("src"),
            sub("lo-docx"),
            sub("lo-pdf"),
            sub("chromium-pdf"),
            sub("docx-rs"),
        );
        let docs = corpus();
        let texts: Vec<PathBuf> = docs
            .iter()
            .map(|d| {
                let p = src.join(format!("{}.txt", d.doc));
                std::fs::write(&p, &d.text).expect("source written");
                p
            })
            .collect();
        soffice(&dir, &texts, "docx:MS Word 2007 XML", &lo_docx);
        soffice(&dir, &texts, "pdf", &lo_pdf);
        let with_ext = |d: &Path, doc: &Doc, ext: &str| d.join(format!("{}.{ext}", doc.doc));
        let mut chrome_files = Vec::new();
        let mut rs_files = Vec::new();
        for doc in &docs {
            let html = with_ext(&src, doc, "html");
            std::fs::write(&html, article_html(&doc.text)).expect("page written");
            let pdf = with_ext(&chrome, doc, "pdf");
            chromium_pdf(&dir, &html, &pdf, false);
            chrome_files.push(pdf);
            let docx = with_ext(&rs, doc, "docx");
            docx_rs_file(&doc.text, &docx);
            rs_files.push(docx);
        }
        let sets = vec![
            Set {
                maker: "LibreOffice DOCX",
                files: docs.iter().map(|d| with_ext(&lo_docx, d, "docx")).collect(),
            },
            Set {
                maker: "LibreOffice PDF",
                files: docs.iter().map(|d| with_ext(&lo_pdf, d, "pdf")).collect(),
            },
            Set {
                maker: "Chromium PDF",
                files: chrome_files,
            },
            Set {
                maker: "docx-rs DOCX",
                files: rs_files,
            },
        ];
        for set in &sets {
            for f in &set.files {
                assert!(f.exists(), "{} made no {}", set.maker, f.display());
            }
        }
        Fixtures { dir, docs, sets }
    })
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// Word-level similarity: twice the longest common subsequence of words over the total
/// number of words (1.0 for the same words in the same order).
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut row = vec![0usize; b.len() + 1];
    for wa in &a {
        let mut diag = 0;
        for (j, wb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if wa == wb { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    2.0 * row[b.len()] as f64 / (a.len() + b.len()) as f64
}

/// Paragraphs of `source` not found, in order, among the paragraphs of `imported` (a
/// paragraph is found when a later imported paragraph has its words, similarity >= 0.95).
fn paragraphs_missing(source: &str, imported: &str) -> Vec<String> {
    let got: Vec<&str> = imported.split("\n\n").collect();
    let mut next = 0;
    let mut missing = Vec::new();
    for want in source.split("\n\n").filter(|p| !p.trim().is_empty()) {
        match (next..got.len()).find(|&i| similarity(want, got[i]) >= 0.95) {
            Some(i) => next = i + 1,
            None => missing.push(want.chars().take(60).collect()),
        }
    }
    missing
}

/// F1 of two lists of (kind, claim text), as multisets.
fn f1(want: &[(String, String)], got: &[(String, String)]) -> f64 {
    if want.is_empty() && got.is_empty() {
        return 1.0;
    }
    let mut left: HashMap<&(String, String), usize> = HashMap::new();
    for c in want {
        *left.entry(c).or_default() += 1;
    }
    let mut hits = 0;
    for c in got {
        if let Some(n) = left.get_mut(c).filter(|n| **n > 0) {
            *n -= 1;
            hits += 1;
        }
    }
    2.0 * hits as f64 / (want.len() + got.len()) as f64
}

/// Imports `files` into a fresh database with the real binary; returns, per file, the
/// stored text and its claims as (kind, text).
fn import_all(files: &[PathBuf]) -> Vec<(String, Vec<(String, String)>)> {
    let desk = Desk::new();
    let mut args = vec!["import".to_string()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = desk.json(&refs);
    let imported = out["imported"].as_array().expect("imported list");
    assert_eq!(imported.len(), files.len(), "every file imported: {out}");
    imported
        .iter()
        .map(|i| {
            let id = i["article"]["id"].as_str().expect("article id");
            let text = i["article"]["text"].as_str().expect("text").to_string();
            let claims = desk.json(&["claims", id]);
            let claims = claims
                .as_array()
                .expect("claims list")
                .iter()
                .map(|c| {
                    (
                        c["claim"]["kind"].as_str().unwrap_or_default().to_string(),
                        c["claim"]["text"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect();
            (text, claims)
        })
        .collect()
}

/// Every fixture of every maker, imported with `factdesk import` and read back with
/// `factdesk claims`, against the plain text imported the same way.
#[test]
fn documents_from_real_programs_keep_every_word_and_claim() {
    let fx = fixtures();
    let texts: Vec<PathBuf> = fx
        .docs
        .iter()
        .map(|d| fx.dir.join("src").join(format!("{}.txt", d.doc)))
        .collect();
    let plain = import_all(&texts);
    let mut failures = Vec::new();
    for set in &fx.sets {
        let got = import_all(&set.files);
        let mut worst: (f64, f64) = (1.0, 1.0);
        for ((doc, (want_text, want_claims)), (text, claims)) in
            fx.docs.iter().zip(&plain).zip(&got)
        {
            let sim = similarity(want_text, text);
            let missing = paragraphs_missing(want_text, text);
            let f = f1(want_claims, claims);
            worst = (worst.0.min(sim), worst.1.min(f));
            if sim < 0.99 || !missing.is_empty() || f < 0.98 {
                failures.push(format!(
                    "{} {}: similarity {sim:.4}, claims F1 {f:.4}, paragraphs missing {missing:?}\n{text}",
                    set.maker, doc.doc
                ));
            }
            for hidden in HIDDEN {
                assert!(
                    !text.contains(hidden),
                    "{} {}: {hidden} is in a deletion, comment or footnote",
                    set.maker,
                    doc.doc
                );
            }
        }
        eprintln!(
            "{}: {} files, lowest similarity {:.4}, lowest claims F1 {:.4}",
            set.maker,
            set.files.len(),
            worst.0,
            worst.1
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `factdesk extract FILE.docx|FILE.pdf` reads the document, not its bytes.
#[test]
fn extract_reads_documents() {
    let fx = fixtures();
    let desk = Desk::new();
    let plain = fx.dir.join("src").join(format!("{}.txt", fx.docs[0].doc));
    let want = desk.run(&["extract", &plain.display().to_string()]);
    want.ok();
    for set in &fx.sets {
        let got = desk.run(&["extract", &set.files[0].display().to_string()]);
        got.ok();
        assert_eq!(
            got.stdout, want.stdout,
            "{} gives the claims of the plain text",
            set.maker
        );
    }
}

/// Several articles printed by Chromium with its running header (date and title) and
/// footer (address and "N/M") over several pages: the header and footer are left out and
/// the articles' words are all there, in order.
#[test]
fn running_headers_and_footers_are_dropped() {
    let fx = fixtures();
    let dir = fx.dir.join("running");
    std::fs::create_dir_all(&dir).unwrap();
    let text = fx.docs[..4]
        .iter()
        .map(|d| d.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let html = dir.join("four-articles.html");
    std::fs::write(&html, article_html(&text)).unwrap();
    let pdf = dir.join("four-articles.pdf");
    chromium_pdf(&fx.dir, &html, &pdf, true);
    let desk = Desk::new();
    let out = desk.json(&["import", &pdf.display().to_string()]);
    let got = out["imported"][0]["article"]["text"].as_str().unwrap();
    assert!(
        !got.contains("file://") && !got.contains("four-articles"),
        "the footer's address is left out:\n{got}"
    );
    let page_numbers = |t: &str| {
        t.split_whitespace()
            .filter(|w| {
                w.split_once('/').is_some_and(|(a, b)| {
                    !a.is_empty()
                        && !b.is_empty()
                        && a.bytes().all(|c| c.is_ascii_digit())
                        && b.bytes().all(|c| c.is_ascii_digit())
                })
            })
            .count()
    };
    assert_eq!(
        page_numbers(got),
        page_numbers(&text),
        "no page numbers like 1/5 are left:\n{got}"
    );
    let sim = similarity(&text, got);
    assert!(sim >= 0.99, "similarity {sim:.4}:\n{got}");
    let missing = paragraphs_missing(&text, got);
    assert!(missing.is_empty(), "paragraphs missing: {missing:?}\n{got}");
}

/// Words LibreOffice hyphenated at line ends (automatic hyphenation with Debian's
/// hyphen-en-us patterns, justified text in a narrow column) are whole words again.
#[test]
fn words_hyphenated_at_line_ends_are_rejoined() {
    let fx = fixtures();
    let dir = fx.dir.join("hyphens");
    std::fs::create_dir_all(&dir).unwrap();
    assert!(
        Path::new("/usr/share/hyphen/hyph_en_US.dic").exists(),
        "hyphenation patterns are missing: install the Debian package hyphen-en-us (`make deps` does)"
    );
    let text = fx.docs[1].text.split("\n\n").nth(2).expect("a paragraph");
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let fodt = dir.join("narrow.fodt");
    std::fs::write(
        &fodt,
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="8cm" fo:page-height="29.7cm" fo:margin-left="1cm" fo:margin-right="1cm" fo:margin-top="2cm" fo:margin-bottom="2cm"/></style:page-layout>
<style:style style:name="P1" style:family="paragraph"><style:paragraph-properties fo:text-align="justify"/><style:text-properties fo:language="en" fo:country="US" fo:hyphenate="true" fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2" fo:font-size="12pt"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:text><text:p text:style-name="P1">{}</text:p><text:p text:style-name="P1">Extraordinary international administrative responsibilities demonstrated unquestionably characteristic determination notwithstanding considerable organizational difficulties.</text:p></office:text></office:body></office:document>"#,
            esc(text)
        ),
    )
    .unwrap();
    soffice(&dir, &[fodt], "pdf", &dir);
    let pdf = dir.join("narrow.pdf");
    let raw = pdf_extract::extract_text(&pdf).expect("the PDF's raw text");
    let broken = raw
        .lines()
        .filter(|l| l.trim_end().ends_with(['-', '\u{ad}']))
        .count();
    assert!(
        broken >= 3,
        "LibreOffice hyphenated words at line ends ({broken} lines end in a hyphen):\n{raw}"
    );
    let desk = Desk::new();
    let out = desk.json(&["import", &pdf.display().to_string()]);
    let got = out["imported"][0]["article"]["text"].as_str().unwrap();
    let want = format!(
        "{text}\n\nExtraordinary international administrative responsibilities demonstrated \
         unquestionably characteristic determination notwithstanding considerable \
         organizational difficulties."
    );
    let sim = similarity(&want, got);
    assert!(sim >= 0.99, "similarity {sim:.4}, every word whole:\n{got}");
    for word in [
        "administrative",
        "unquestionably",
        "organizational",
        "difficulties.",
    ] {
        assert!(
            got.split_whitespace().any(|w| w == word),
            "{word} rejoined:\n{got}"
        );
    }
}

/// Title, author and date written in the document's properties by LibreOffice reach the
/// article: from DOCX core properties (title, creator, created date when the text has no
/// dateline) and from the PDF Info dictionary (title, author).
#[test]
fn document_properties_give_title_author_and_date() {
    let fx = fixtures();
    let dir = fx.dir.join("properties");
    std::fs::create_dir_all(&dir).unwrap();
    let fodt = dir.join("draft.fodt");
    std::fs::write(
        &fodt,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>Council budget vote</dc:title><meta:initial-creator>Ana Ruiz</meta:initial-creator><dc:creator>Ana Ruiz</dc:creator><meta:creation-date>2023-04-18T09:30:00</meta:creation-date></office:meta>
<office:body><office:text><text:p>The council approved 4.2 million euros for schools on Tuesday.</text:p><text:p>Spending rose 12 percent.</text:p></office:text></office:body></office:document>"#,
    )
    .unwrap();
    soffice(
        &dir,
        std::slice::from_ref(&fodt),
        "docx:MS Word 2007 XML",
        &dir,
    );
    soffice(&dir, &[fodt], "pdf", &dir);
    for (file, date) in [("draft.docx", Some("2023-04-18")), ("draft.pdf", None)] {
        let desk = Desk::new();
        let out = desk.json(&["import", &dir.join(file).display().to_string()]);
        let article = &out["imported"][0]["article"];
        assert_eq!(article["title"], "Council budget vote", "{file}: {article}");
        assert_eq!(article["byline"], "Ana Ruiz", "{file}: {article}");
        if let Some(date) = date {
            assert_eq!(article["published"], date, "{file}: {article}");
        }
        assert_eq!(
            article["text"],
            "The council approved 4.2 million euros for schools on Tuesday.\n\n\
             Spending rose 12 percent.",
            "{file}"
        );
    }
}

/// What the database looks like, byte for byte (the file and its write-ahead log).
fn database_state(desk: &Desk) -> Vec<String> {
    ["", "-wal"]
        .iter()
        .map(|suffix| {
            let p = PathBuf::from(format!("{}{suffix}", desk.db.display()));
            if p.exists() {
                file_hash(&p)
            } else {
                "absent".into()
            }
        })
        .collect()
}

/// Each bad document is refused by name with what is wrong; nothing is stored.
#[test]
fn bad_documents_are_named_and_nothing_is_stored() {
    let fx = fixtures();
    let desk = Desk::new();
    desk.run(&[
        "import",
        &fx.dir.join("src/dev-01.txt").display().to_string(),
    ])
    .ok();

    let good_docx = std::fs::read(&fx.sets[0].files[1]).unwrap();
    let corrupt = desk.write("corrupt.docx", &good_docx[..good_docx.len() / 2]);
    let not_docx = desk.path("not-a-document.docx");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&not_docx).unwrap());
        zip.start_file("notes.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"Up 5 percent.").unwrap();
        zip.finish().unwrap();
    }
    let bomb = desk.path("bomb.docx");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1));
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(b"<w:document><w:body><w:p><w:r><w:t>")
            .unwrap();
        let spaces = vec![b' '; 1 << 20];
        for _ in 0..(factdesk_core::import::docx::MAX_PART_BYTES >> 20) + 1 {
            zip.write_all(&spaces).unwrap();
        }
        zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>")
            .unwrap();
        zip.finish().unwrap();
    }
    assert!(
        std::fs::metadata(&bomb).unwrap().len() < 2 << 20,
        "the bomb is small on disk"
    );
    // The same bomb claiming in its headers to inflate to 1,000 bytes: reading stops at
    // the claimed size and the archive is refused as damaged, not unpacked.
    let mut lying = std::fs::read(&bomb).unwrap();
    let mut patched = 0;
    for (signature, offset) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let at = lying
            .windows(4)
            .position(|w| w == signature)
            .expect("a ZIP header");
        lying[at + offset..at + offset + 4].copy_from_slice(&1000u32.to_le_bytes());
        patched += 1;
    }
    assert_eq!(patched, 2);
    let liar = desk.write("lying-bomb.docx", &lying);

    let good_pdf = &fx.sets[1].files[1];
    let encrypted = desk.path("encrypted.pdf");
    require(QPDF, "qpdf");
    let mut qpdf = Command::new(QPDF);
    qpdf.args(["--encrypt", "reader-secret", "owner-secret", "256", "--"])
        .arg(good_pdf)
        .arg(&encrypted);
    run_tool(qpdf, "qpdf --encrypt");

    // A scan: the article rendered to a picture by Chromium, then printed as a page holding
    // only that picture.
    let page = fx.dir.join("src/dev-02.html");
    let png = desk.path("scan.png");
    {
        require(CHROMIUM, "chromium");
        let mut shot = Command::new(CHROMIUM);
        shot.args(["--headless", "--no-sandbox", "--disable-gpu"])
            .arg(format!(
                "--user-data-dir={}",
                profile(desk.dir.path()).display()
            ))
            .arg(format!("--screenshot={}", png.display()))
            .arg("--window-size=800,1000")
            .arg(format!("file://{}", page.display()));
        run_tool(shot, "chromium --screenshot");
    }
    let scan_html = desk.write(
        "scan.html",
        "<!DOCTYPE html><html><body style='margin:0'><img src='scan.png' width=700></body></html>",
    );
    let scanned = desk.path("scanned.pdf");
    chromium_pdf(desk.dir.path(), &scan_html, &scanned, false);

    let whole = std::fs::read(good_pdf).unwrap();
    let truncated = desk.write("truncated.pdf", &whole[..whole.len() * 2 / 3]);

    let before = database_state(&desk);
    for (file, why) in [
        (&corrupt, "damaged"),
        (&not_docx, "not a DOCX"),
        (&bomb, "zip bomb"),
        (&liar, "damaged"),
        (&encrypted, "encrypted"),
        (&scanned, "no text layer"),
        (&truncated, "not a readable PDF"),
    ] {
        let name = file.display().to_string();
        let run = desk.run(&["import", &name]);
        let err = run.failed();
        assert!(
            err.contains(&name) && err.contains(why),
            "{name}: the error names the file and says {why:?}:\n{err}"
        );
        assert!(!err.contains("panicked"), "no panic:\n{err}");
        assert_eq!(database_state(&desk), before, "{name}: database unchanged");
        let extract = desk.run(&["extract", &name]);
        assert!(
            extract.failed().contains(why),
            "extract {name}: {}",
            extract.stderr
        );
    }
    assert_eq!(desk.articles(&[]).len(), 1, "only the good article");
}

/// Real documents damaged at random (bytes flipped, cut short, spans removed or
/// repeated; seeded, so a failure repeats): reading each gives an article or an error
/// naming the file, never a panic, and within seconds.
#[test]
fn damaged_documents_never_panic() {
    let fx = fixtures();
    let mut rng = fastrand::Rng::with_seed(0x00d0_c5ee);
    let originals = [
        &fx.sets[0].files[2],
        &fx.sets[3].files[5],
        &fx.sets[1].files[2],
        &fx.sets[2].files[5],
    ];
    for original in originals {
        let bytes = std::fs::read(original).unwrap();
        for round in 0..40 {
            let mut b = bytes.clone();
            match round % 4 {
                0 => {
                    for _ in 0..rng.usize(1..20) {
                        let i = rng.usize(..b.len());
                        b[i] = rng.u8(..);
                    }
                }
                1 => b.truncate(rng.usize(..b.len())),
                2 => {
                    let start = rng.usize(..b.len());
                    let end = (start + rng.usize(1..4096)).min(b.len());
                    b.drain(start..end);
                }
                _ => {
                    let start = rng.usize(..b.len());
                    let end = (start + rng.usize(1..4096)).min(b.len());
                    let copy = b[start..end].to_vec();
                    let at = rng.usize(..b.len());
                    b.splice(at..at, copy);
                }
            }
            let name = format!(
                "{}-damaged-{round}.{}",
                original.file_stem().unwrap().to_string_lossy(),
                original.extension().unwrap().to_string_lossy()
            );
            let path = PathBuf::from(&name);
            let is_pdf = name.ends_with(".pdf");
            let started = Instant::now();
            let (tx, rx) = std::sync::mpsc::channel();
            let (p, bb) = (path.clone(), b.clone());
            std::thread::spawn(move || {
                let outcome = std::panic::catch_unwind(|| {
                    if is_pdf {
                        factdesk_core::import::pdf::read_pdf(&p, &bb).map_err(|e| e.to_string())
                    } else {
                        factdesk_core::import::docx::read_docx(&p, &bb).map_err(|e| e.to_string())
                    }
                });
                let _ = tx.send(outcome);
            });
            let outcome = rx
                .recv_timeout(Duration::from_secs(30))
                .unwrap_or_else(|_| {
                    let keep = fx.dir.join(&name);
                    std::fs::write(&keep, &b).unwrap();
                    panic!("{name} took over 30 s (kept as {})", keep.display())
                });
            let Ok(result) = outcome else {
                let keep = fx.dir.join(&name);
                std::fs::write(&keep, &b).unwrap();
                panic!("{name} panicked (kept as {})", keep.display());
            };
            if let Err(e) = result {
                assert!(e.contains(&name), "the error names the file: {e}");
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "{name} took {:?}",
                started.elapsed()
            );
        }
    }
}
