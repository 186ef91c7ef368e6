// End to end on the real app: the built binary in a real window, driven by WebDriver.
// Import an article, see its claims highlighted, mark one verified and one disputed with
// a note by keyboard, restart, see the verdicts kept, export a report. Screenshots of the
// library and the review screen go to artifacts/.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { By, Key, until } from "selenium-webdriver";
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
let tauriDriver;
let driver;

const article = corpus().find((d) => d.doc === "dev-06");

async function find(css, timeout = 10_000) {
  return driver.wait(until.elementLocated(By.css(css)), timeout, `waiting for ${css}`);
}

/** The element's text as in the DOM (WebKit's visible-text rules skip clipped lines). */
async function textOf(el) {
  return driver.executeScript("return arguments[0].textContent", el);
}

/** How many claims the side list holds (it draws only the rows in view). */
async function claimCount() {
  return Number(await (await find('[data-testid="claim-list"]')).getAttribute("data-count"));
}

async function press(...keys) {
  await driver
    .actions()
    .sendKeys(...keys)
    .perform();
}

async function selectedClaim() {
  return (await find('[data-testid="claim-detail"]')).getAttribute("data-claim");
}

async function openArticle(title) {
  const row = await find(`[data-testid="library"] [data-article]`);
  await driver.wait(async () => {
    const rows = await driver.findElements(By.css("[data-article]"));
    for (const r of rows) if ((await textOf(r)).includes(title)) return true;
    return false;
  }, 10_000);
  const rows = await driver.findElements(By.css("[data-article]"));
  for (const r of rows) {
    if ((await textOf(r)).includes(title)) {
      await r.click();
      return find('[data-testid="review"]');
    }
  }
  return row;
}

before(async () => {
  tauriDriver = await startDriver(env);
  driver = await launch();
});

after(async () => {
  await driver?.quit().catch(() => {});
  stopDriver(tauriDriver);
  rmSync(dir, { recursive: true, force: true });
});

describe("Factdesk, the real app", () => {
  it("starts on the library with the sample article", async () => {
    const row = await find("[data-article]");
    assert.match(await textOf(row), /Stoltenberg/, "the sample article is there on first start");
    await screenshot(driver, "first-start");
  });

  it("imports a pasted article and highlights its claims", async () => {
    await press("i");
    const text = await find('textarea[aria-label="Article text"]');
    await (await find('input[placeholder^="First line"]')).sendKeys("MH17 shot down");
    // Pasting: the whole text arrives in one input event, as from the clipboard.
    await driver.executeScript(
      `const [box, text] = arguments; box.value = text; box.dispatchEvent(new Event("input"));`,
      text,
      article.text,
    );
    const published = await find('input[type="date"]');
    await driver.executeScript(
      `const [box, v] = arguments; box.value = v; box.dispatchEvent(new Event("input"));`,
      published,
      article.published,
    );
    await (await find('button[type="submit"].primary')).click();
    const review = await find('[data-testid="review"]');
    assert.match(await textOf(review), /MH17 shot down/, "the imported article opens for review");
    const listed = Number(
      await (await find('[data-testid="claim-list"]')).getAttribute("data-count"),
    );
    const highlighted = await driver.executeScript(
      `return new Set([...document.querySelectorAll("mark[data-claim]")].map((m) => m.dataset.claim)).size;`,
    );
    assert.ok(listed > 0, "the engine found claims in a real news article");
    assert.equal(highlighted, listed, "every listed claim is highlighted in the text");
  });

  it("adds claims by selecting words in the text", async () => {
    for (const [words, key] of [
      ["all 298 in total perished", "1"],
      ["over eastern Ukraine, killing 298", "1"],
    ]) {
      const count = await claimCount();
      // Select the words as a reader would, even across highlights already there.
      const selected = await driver.executeScript(
        `const words = arguments[0];
         const body = document.querySelector('[data-testid="article-text"]');
         const nodes = [];
         const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
         let all = "";
         for (let node = walker.nextNode(); node; node = walker.nextNode()) {
           if (node.parentElement.closest(".cue-badge")) continue;
           nodes.push([node, all.length]);
           all += node.data;
         }
         const at = all.indexOf(words);
         if (at < 0) return false;
         const place = (offset) => {
           for (let i = nodes.length - 1; i >= 0; i--) {
             if (nodes[i][1] <= offset) return [nodes[i][0], offset - nodes[i][1]];
           }
         };
         const range = document.createRange();
         range.setStart(...place(at));
         range.setEnd(...place(at + words.length));
         const sel = window.getSelection();
         sel.removeAllRanges();
         sel.addRange(range);
         body.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
         return true;`,
        words,
      );
      assert.ok(selected, `the article text contains "${words}"`);
      await find('[role="toolbar"][aria-label="Add a claim"]');
      await press(key);
      await driver.wait(
        async () => (await claimCount()) > count,
        5000,
        "the claim is added to the list",
      );
      const added = await selectedClaim();
      const highlighted = await driver.executeScript(
        `return [...document.querySelectorAll('mark[data-ids~="' + arguments[0] + '"]')]
           .map((m) => m.textContent).join("");`,
        added,
      );
      assert.equal(highlighted, words, "the added claim is selected and highlighted exactly");
    }
  });

  it("marks one claim verified and one disputed with a note, by keyboard", async () => {
    const status = (id) =>
      find(`[data-claim-item="${id}"]`).then((el) => el.getAttribute("data-status"));
    const first = await selectedClaim();
    await press("v");
    await driver.wait(async () => (await status(first)) === "verified", 5000, "v marks it");
    await driver.wait(async () => (await selectedClaim()) !== first, 5000, "v moves on");
    const second = await selectedClaim();
    await press("d");
    await driver.wait(async () => (await status(second)) === "disputed", 5000, "d marks it");
    if ((await selectedClaim()) !== second) {
      await press("k");
      assert.equal(await selectedClaim(), second, "k goes back to the disputed claim");
    }
    await press("n");
    await press("Casualty figure differs from the ministry's statement", Key.ESCAPE);
    await driver.wait(
      async () =>
        (await textOf(await find('[data-testid="claim-detail"] .history'))).includes(
          "Casualty figure",
        ),
      5000,
      "the note is saved and shows in the history",
    );
    assert.equal(await status(first), "verified");
    assert.equal(await status(second), "disputed");
    assert.match(
      await textOf(await find('[data-testid="progress"]')),
      /^2 of \d+ checked/,
      "progress counts the two verdicts",
    );
    await screenshot(driver, "review");
    process.env.E2E_FIRST = first;
    process.env.E2E_SECOND = second;
  });

  it("keeps the verdicts and the note across a restart", async () => {
    await driver.quit();
    driver = await launch();
    await openArticle("MH17 shot down");
    const first = process.env.E2E_FIRST;
    const second = process.env.E2E_SECOND;
    const item = (id) => find(`[data-claim-item="${id}"]`);
    assert.equal(await (await item(first)).getAttribute("data-status"), "verified");
    assert.equal(await (await item(second)).getAttribute("data-status"), "disputed");
    await (await item(second)).click();
    const note = await find('textarea[aria-label="Note"]');
    assert.equal(
      await note.getAttribute("value"),
      "Casualty figure differs from the ministry's statement",
    );
  });

  it("exports a report", async () => {
    await press("e");
    const dialog = await find('[data-testid="export-dialog"]');
    const target = join(dir, "report.out");
    await (await dialog.findElement(By.css('input[aria-label="Save to"]'))).sendKeys(target);
    await (await dialog.findElement(By.css('button[type="submit"]'))).click();
    await driver.wait(() => existsSync(target), 10_000, "the report file is written");
    const report = readFileSync(target, "utf8");
    assert.match(report, /verified/, "the report carries the verified verdict");
    assert.match(report, /disputed/, "and the disputed one");
    assert.match(report, /Casualty figure differs/, "and the note");
  });

  it("shows each article's verdicts in the library", async () => {
    await press(Key.ESCAPE);
    const rows = await driver.wait(async () => {
      const found = await driver.findElements(By.css("[data-article]"));
      return found.length === 2 ? found : null;
    }, 10_000);
    const texts = await Promise.all(rows.map(textOf));
    const imported = texts.find((t) => t.includes("MH17 shot down"));
    assert.match(imported ?? "", /2 of \d+ checked/, "the imported article shows its progress");
    const bar = await driver.executeScript(
      `return [...document.querySelectorAll("[data-article]")]
         .find((r) => r.textContent.includes("MH17"))
         .querySelector('[role="img"]').getAttribute("aria-label");`,
    );
    assert.match(bar, /1 Verified/, "its verdict bar counts the verified claim");
    assert.match(bar, /1 Disputed/, "and the disputed one");
    await screenshot(driver, "library");
  });

  it("remembers a checked quote in a new article, reuses its verdict with r, and flags a sum", async () => {
    const quote = "Ukraine's rightful place is in NATO";
    const item = async (words) => {
      const found = await driver.wait(
        async () => {
          for (const el of await driver.findElements(By.css("[data-claim-item]"))) {
            if ((await textOf(el)).includes(words)) return el;
          }
          return null;
        },
        10_000,
        `a claim reading "${words}" in the list`,
      );
      return found;
    };
    await openArticle("Stoltenberg in Kiev");
    await (await item(quote)).click();
    await press("v");
    const checked = await item(quote);
    await driver.wait(
      async () => (await checked.getAttribute("data-status")) === "verified",
      5000,
      "the sample's quote is verified",
    );
    await press(Key.ESCAPE);

    await press("i");
    const text = await find('textarea[aria-label="Article text"]');
    await (await find('input[placeholder^="First line"]')).sendKeys("NATO chief repeats pledge");
    await driver.executeScript(
      `const [box, text] = arguments; box.value = text; box.dispatchEvent(new Event("input"));`,
      text,
      `"${quote}," Jens Stoltenberg said on Friday, 21 April 2023.\n\n` +
        "The plane carried 283 passengers and 15 crew, all 295 of whom died.\n",
    );
    await (await find('button[type="submit"].primary')).click();
    await find('[data-testid="review"]');

    await (await item(quote)).click();
    const seen = await find('[data-testid="seen-before"]');
    await driver.wait(
      async () => /Verified/.test(await textOf(seen)),
      10_000,
      "the earlier check of the same words is listed with its verdict",
    );
    await press("r");
    const reused = await item(quote);
    await driver.wait(
      async () => (await reused.getAttribute("data-status")) === "verified",
      5000,
      "r gives the claim the earlier verdict",
    );
    await driver.wait(
      async () => /reused/.test(await textOf(await find('[data-testid="claim-detail"] .history'))),
      5000,
      "the history says the verdict was reused",
    );

    const total = await item("295");
    assert.ok(
      (await total.findElements(By.css('[data-testid="flag-marker"]'))).length > 0,
      "the total that does not match its parts is marked in the list",
    );
    await total.click();
    const flag = await find('[data-testid="flag"]');
    assert.match(await textOf(flag), /add up to 298/, "and the detail says why");
    await screenshot(driver, "memory-and-flags");
  });

  it("draws a long article as it is read, every claim in its place", async () => {
    await press(Key.ESCAPE);
    await find('[data-testid="library"] [data-article]');
    const title = "A long read of the corpus";
    let text = `${title}\n\n`;
    for (const doc of corpus()) text += `${doc.text}\n\n`;
    text += text.slice(title.length + 2);
    const imported = await invoke(driver, "import_text", {
      article: { title, text, outlet: null, published: "2023-04-20" },
    });
    const review = await invoke(driver, "open_article", { id: imported.article_id });
    const claims = review.claims.filter((c) => !c.dismissed);
    assert.ok(claims.length > 300, `${claims.length} claims in ${text.length} characters`);

    await setLibrarySearch(driver, title);
    // Once the list shows the search's answer (rows drawn before it may be replaced).
    await driver.wait(
      () =>
        driver.executeScript(
          `return document.querySelector('[data-testid="library"]').dataset.query === arguments[0] &&
             [...document.querySelectorAll("[data-article]")].some((r) => r.textContent.includes(arguments[0]));`,
          title,
        ),
      10_000,
      "the search finds the long article",
    );
    await driver.executeScript(
      `[...document.querySelectorAll("[data-article]")].find((r) => r.textContent.includes(arguments[0])).click();`,
      title,
    );
    await find('[data-testid="review"]');
    await driver.wait(async () => (await claimCount()) === claims.length, 10_000);
    // Every claim covering a highlighted run (a claim may lie wholly under shorter ones).
    const highlighted = () =>
      driver.executeScript(
        `return new Set([...document.querySelectorAll("mark[data-ids]")]
           .flatMap((m) => m.dataset.ids.split(" "))).size;`,
      );
    const first = await highlighted();
    assert.ok(first > 0, "the first screens are drawn");
    assert.ok(first < claims.length / 2, `only the text near the view is drawn (${first})`);

    // Read to the end as an editor scrolls: every block is drawn as it comes near.
    await driver.executeAsyncScript(
      `const done = arguments[0];
       const reader = document.querySelector('[data-testid="review"] .reader');
       const step = () => {
         if (reader.scrollTop + reader.clientHeight >= reader.scrollHeight - 1) return done();
         reader.scrollTop += reader.clientHeight;
         requestAnimationFrame(() => requestAnimationFrame(step));
       };
       step();`,
    );
    const last = claims[claims.length - 1];
    await driver.wait(
      async () =>
        (await driver.executeScript(
          `return [...document.querySelectorAll('mark[data-ids~="' + arguments[0] + '"]')]
             .map((m) => m.textContent).join("");`,
          last.id,
        )) === last.text,
      10_000,
      "the last claim is highlighted exactly once the end is in view",
    );
    assert.equal(await highlighted(), claims.length, "every claim is highlighted once read");
    const shown = await driver.executeScript(
      `const copy = document.querySelector('[data-testid="article-text"]').cloneNode(true);
       copy.querySelectorAll(".cue-badge").forEach((b) => b.remove());
       return copy.textContent;`,
    );
    assert.equal(shown, review.article.text, "the blocks read exactly as the article");
    await screenshot(driver, "long-article-end");
  });
});
