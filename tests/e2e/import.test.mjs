// Articles from where they live, in the real app: a Word file and a PDF made by
// LibreOffice from a corpus article, handed to the command a drop on the window calls,
// and a web page served by a local HTTP server whose address is pasted into the import
// dialog. Each becomes an article with its claims listed and highlighted.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { By, until } from "selenium-webdriver";
import {
  corpus,
  invoke,
  isolatedEnv,
  launch,
  screenshot,
  setLibrarySearch,
  startDriver,
  stopDriver,
} from "./harness.mjs";

const { dir, env } = isolatedEnv();
const docs = corpus();
const wordArticle = docs.find((d) => d.doc === "dev-03") ?? docs[3];
const webArticle = docs.find((d) => d.doc === "dev-11") ?? docs[11];
let tauriDriver;
let driver;
let server;
let pageUrl;

async function find(css, timeout = 20_000) {
  return driver.wait(until.elementLocated(By.css(css)), timeout, `waiting for ${css}`);
}

/** The review screen's claims: how many are listed and how many are highlighted. */
async function claimsShown() {
  await find('[data-testid="review"] mark[data-claim]');
  return driver.executeScript(
    `return [
       Number(document.querySelector('[data-testid="claim-list"]').dataset.count),
       new Set([...document.querySelectorAll("mark[data-claim]")].map((m) => m.dataset.claim)).size,
     ];`,
  );
}

function escape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

before(async () => {
  // A Word file and a PDF of one article, by LibreOffice (a private profile, so a
  // LibreOffice already open elsewhere is never disturbed).
  const source = join(dir, "budget-draft.txt");
  writeFileSync(source, wordArticle.text);
  for (const format of ["docx", "pdf"]) {
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${join(dir, "lo-profile")}`,
        "--headless",
        "--convert-to",
        format,
        "--outdir",
        dir,
        source,
      ],
      { stdio: "ignore", timeout: 120_000 },
    );
  }
  // A news page: navigation and related links around the article's paragraphs.
  const [headline, ...rest] = webArticle.text.split(/\n\s*\n/);
  const page = `<!doctype html><html><head><meta charset="utf-8">
<title>${escape(headline)} | The Daily</title>
<meta property="og:site_name" content="The Daily"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>${escape(headline)}</h1>
${rest.map((p) => `<p>${escape(p)}</p>`).join("\n")}
</article>
<aside><h2>Related</h2><ul><li><a href="/a">More on this story</a></li></ul></aside>
</body></html>`;
  server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  pageUrl = `http://127.0.0.1:${server.address().port}/news/story.html`;
  tauriDriver = await startDriver(env);
  driver = await launch();
  await find("[data-article]");
});

after(async () => {
  await driver?.quit().catch(() => {});
  stopDriver(tauriDriver);
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("articles from where they live, in the real app", () => {
  it("reads a Word file and a PDF dropped on the window", async () => {
    const batch = await invoke(driver, "import_files", {
      paths: [join(dir, "budget-draft.docx"), join(dir, "budget-draft.pdf")],
    });
    assert.deepEqual(batch.failed, []);
    assert.equal(batch.imported.length, 2);
    for (const imported of batch.imported) {
      assert.ok(imported.claims > 5, `${imported.title}: ${imported.claims} claims`);
    }
    // Both readers give the words of the same article: the same claims.
    assert.equal(batch.imported[0].claims, batch.imported[1].claims);
    for (const imported of batch.imported) {
      await driver.navigate().refresh();
      await find("[data-article]");
      const words = wordArticle.text.split(/\s+/).slice(0, 3).join(" ");
      await setLibrarySearch(driver, words);
      // The list draws its rows anew when the search's results arrive: click the row
      // once it shows them.
      await driver.wait(
        () =>
          driver.executeScript(
            `const [words, id] = arguments;
             const list = document.querySelector('[data-testid="library"]');
             const row = list.querySelector('[data-article="' + id + '"]');
             if (list.dataset.query !== words || !row) return false;
             row.click();
             return true;`,
            words,
            imported.article_id,
          ),
        20_000,
        `${imported.article_id} is listed for the search`,
      );
      const [listed, highlighted] = await claimsShown();
      assert.equal(listed, imported.claims);
      assert.equal(highlighted, listed, "every claim is highlighted in the text");
    }
    await screenshot(driver, "import-pdf");
  });

  it("reads a web page whose address is pasted into the import dialog", async () => {
    await driver.navigate().refresh();
    await find("[data-article]");
    await driver.actions().sendKeys("i").perform();
    const text = await find('textarea[aria-label="Article text"]');
    await driver.executeScript(
      `const [box, text] = arguments; box.value = text; box.dispatchEvent(new Event("input"));`,
      text,
      pageUrl,
    );
    await (await find('button[type="submit"].primary')).click();
    const review = await find('[data-testid="review"]');
    const headline = webArticle.text.split("\n")[0].trim();
    await driver.wait(
      async () => (await review.getAttribute("textContent")).includes(headline),
      20_000,
      "the page's article opens for review",
    );
    const [listed, highlighted] = await claimsShown();
    assert.ok(listed > 5, `${listed} claims`);
    assert.equal(highlighted, listed);
    const articleText = await driver.executeScript(
      `return document.querySelector('[data-testid="article-text"]').textContent;`,
    );
    assert.ok(!articleText.includes("More on this story"), "related links are left out");
    assert.ok(!articleText.includes("Sport"), "the navigation is left out");
    const id = await review.getAttribute("data-article");
    const stored = await invoke(driver, "open_article", { id });
    assert.equal(stored.article.url, pageUrl, "the address is kept with the article");
    await screenshot(driver, "import-url");
  });
});
