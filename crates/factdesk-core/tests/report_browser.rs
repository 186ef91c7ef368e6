//! The HTML report in a real browser: headless Chromium (Debian's `chromium` package) opens
//! the report of the seed article and an article full of markup and emoji, takes a
//! screenshot, prints it to PDF and dumps its DOM. The page must load with no console
//! message, show the hostile text as text, and keep every highlight.
//!
//! Artifacts land in `target/artifacts/`: `report.html`, `report.png`, `report.pdf`.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use factdesk_core::report::{self, Format};
use support::{hostile_review, input, seed_review};

const CHROMIUM: &str = "/usr/bin/chromium";
const TIMEOUT: Duration = Duration::from_secs(120);

/// `target/artifacts/`, created if missing.
fn artifacts_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is `<target>/tmp`.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target directory")
        .join("artifacts");
    std::fs::create_dir_all(&dir).expect("create target/artifacts");
    dir
}

/// Runs headless Chromium on `url` with `extra` flags and a throw-away profile; fails the
/// test if it does not finish within [`TIMEOUT`].
fn chromium(url: &str, extra: &[String]) -> Output {
    let profile = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "chromium-profile-{}-{}",
        std::process::id(),
        extra.len()
    ));
    let _ = std::fs::remove_dir_all(&profile);
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("starting {CHROMIUM}: {e}"));
    // Read the pipes on threads so a chatty browser cannot block on a full pipe.
    let mut stdout = child.stdout.take().expect("stdout piped");
    let mut stderr = child.stderr.take().expect("stderr piped");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut buf).map(|_| buf)
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut buf).map(|_| buf)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("polling chromium") {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let _ = std::fs::remove_dir_all(&profile);
    Output {
        status,
        stdout: out_reader.join().unwrap().expect("reading stdout"),
        stderr: err_reader.join().unwrap().expect("reading stderr"),
    }
}

/// Lines of Chromium's log that report something from the page: console messages (script
/// errors are "Uncaught …"), and content blocked by the page's security policy.
fn page_messages(stderr: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stderr)
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught") || l.contains("Refused to"))
        .map(str::to_string)
        .collect()
}

fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG file");
    let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn html_report_opens_in_headless_chromium_without_console_errors() {
    assert!(
        Path::new(CHROMIUM).exists(),
        "this test needs headless Chromium at {CHROMIUM}; install it with \
         `apt-get install chromium` (Debian) and run the tests again"
    );
    let dir = artifacts_dir();
    let articles = [seed_review(), hostile_review()];
    let html = report::render(
        Format::Html,
        &input("Stoltenberg in Kyiv: claims checked", &articles),
    )
    .expect("html renders");
    let page = dir.join("report.html");
    std::fs::write(&page, &html).expect("write the report");
    let url = format!("file://{}", page.display());

    // The screenshot an editor would see.
    let png = dir.join("report.png");
    let _ = std::fs::remove_file(&png);
    let shot = chromium(
        &url,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1280,2000".to_string(),
        ],
    );
    assert!(
        shot.status.success(),
        "chromium --screenshot failed: {}",
        String::from_utf8_lossy(&shot.stderr)
    );
    assert_eq!(
        page_messages(&shot.stderr),
        Vec::<String>::new(),
        "no console message"
    );
    let bytes = std::fs::read(&png).expect("the screenshot was written");
    assert_eq!(png_size(&bytes), (1280, 2000));
    assert!(
        bytes.len() > 50_000,
        "the screenshot shows a page, not a blank"
    );

    // "Save as PDF", as the print stylesheet lays it out.
    let pdf = dir.join("report.pdf");
    let _ = std::fs::remove_file(&pdf);
    let printed = chromium(
        &url,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".to_string(),
        ],
    );
    assert!(printed.status.success(), "chromium --print-to-pdf failed");
    assert_eq!(page_messages(&printed.stderr), Vec::<String>::new());
    let pdf_bytes = std::fs::read(&pdf).expect("the PDF was written");
    assert!(pdf_bytes.starts_with(b"%PDF-"), "a PDF file");

    // The DOM the browser built: hostile text is text, every highlight is there.
    let dom = chromium(&url, &["--dump-dom".to_string()]);
    assert!(dom.status.success(), "chromium --dump-dom failed");
    assert_eq!(page_messages(&dom.stderr), Vec::<String>::new());
    let dom = String::from_utf8(dom.stdout).expect("the DOM is UTF-8");
    assert!(
        dom.contains("<main class=\"page\">"),
        "the page was parsed: {dom:.200}"
    );
    assert!(
        !dom.contains("<script>alert"),
        "no script element from the data"
    );
    assert!(!dom.contains("<img"), "no element from the data");
    assert!(
        dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "shown as text"
    );
    assert!(dom.contains("&lt;/textarea&gt;"));
    assert!(dom.contains("\"quotes\"") && dom.contains("'single'"));
    assert!(dom.contains("&amp;amp;"), "the entity shows as typed");
    assert!(dom.contains("🚀🇺🇦"));
    let shown = articles
        .iter()
        .flat_map(|a| &a.claims)
        .filter(|c| !c.dismissed)
        .count();
    assert_eq!(dom.matches("<mark class=\"claim").count(), shown);
    assert_eq!(dom.matches("<script").count(), 1, "only the JSON-LD block");
}
