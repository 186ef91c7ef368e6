// The real app on a library of 100,000 articles (generated from the corpus texts by the
// real `factdesk` command through the store's own import path): the library opens with
// only a screenful drawn, tells the true size, and its last article is reached by
// scrolling, by the End key and by search.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { By, Key, until } from "selenium-webdriver";
import { ROOT, isolatedEnv, launch, screenshot, startDriver, stopDriver } from "./harness.mjs";

const ARTICLES = 100_000;
const { dir, env } = isolatedEnv();
let tauriDriver;
let driver;

async function find(css, timeout = 20_000) {
  return driver.wait(until.elementLocated(By.css(css)), timeout, `waiting for ${css}`);
}

/** The article ids drawn in the library now, by row position. */
async function drawnRows() {
  return driver.executeScript(
    `return [...document.querySelectorAll('[data-testid="library"] [data-article]')]
       .map((r) => [Number(r.dataset.index), r.dataset.article]);`,
  );
}

before(async () => {
  // Two paragraphs of each corpus article, varied and numbered: 100,000 different texts.
  execFileSync(
    join(ROOT, "target/debug/factdesk"),
    [
      "bench",
      "store",
      "--articles",
      String(ARTICLES),
      "--paragraphs",
      "2",
      "--import",
      "0",
      "--samples",
      "1",
      "--claims",
      "gold",
      "--json",
      "--db",
      env.FACTDESK_DB,
      "--corpus",
      join(ROOT, "tests/data/corpus/dev.jsonl"),
    ],
    { env, stdio: ["ignore", "ignore", "inherit"], timeout: 600_000 },
  );
  tauriDriver = await startDriver(env);
  driver = await launch();
});

after(async () => {
  await driver?.quit().catch(() => {});
  stopDriver(tauriDriver);
  rmSync(dir, { recursive: true, force: true });
});

describe("a library of 100,000 articles in the real app", () => {
  it("opens with a screenful drawn and the true size told", async () => {
    await find('[data-testid="library"] [data-article]');
    const list = await find('[data-testid="library"]');
    await driver.wait(async () => (await list.getAttribute("data-total")) === String(ARTICLES));
    const total = await (await find('[data-testid="library-total"]')).getText();
    assert.match(total, /100,000 articles/);
    const rows = await drawnRows();
    assert.ok(rows.length > 5 && rows.length < 60, `${rows.length} rows drawn`);
    // Newest first: the last article generated heads the list.
    assert.deepEqual(rows[0], [0, `a${ARTICLES}`]);
    // The scrollbar tells the true size: the list is as tall as all its rows.
    const [scrollHeight, rowHeight] = await driver.executeScript(
      `const l = document.querySelector('[data-testid="library"]');
       return [l.scrollHeight, l.querySelector('li').getBoundingClientRect().height];`,
    );
    assert.ok(scrollHeight >= ARTICLES * rowHeight, `${scrollHeight} px for ${ARTICLES} rows`);
    await screenshot(driver, "library-100k");
  });

  it("reaches the last article by scrolling", async () => {
    await driver.executeScript(
      `const l = document.querySelector('[data-testid="library"]'); l.scrollTop = l.scrollHeight;`,
    );
    await driver.wait(
      async () => (await drawnRows()).some(([i]) => i === ARTICLES - 1),
      10_000,
      "the last row is drawn after scrolling to the bottom",
    );
    const rows = await drawnRows();
    assert.deepEqual(
      rows.find(([i]) => i === ARTICLES - 1),
      [ARTICLES - 1, "a1"],
    );
    assert.ok(rows.length < 60, `${rows.length} rows drawn at the bottom`);
    await screenshot(driver, "library-100k-bottom");
  });

  it("reaches it with Home and End, and opens it with Enter", async () => {
    await driver.actions().sendKeys(Key.HOME).perform();
    await driver.wait(
      async () =>
        (await driver.executeScript("return document.activeElement?.dataset.index")) === "0",
      10_000,
    );
    await driver.actions().sendKeys(Key.END).perform();
    await driver.wait(
      async () =>
        (await driver.executeScript("return document.activeElement?.dataset.article")) === "a1",
      10_000,
      "End moves to the last article",
    );
    await driver.actions().sendKeys(Key.ENTER).perform();
    await find('[data-testid="review"]');
    await driver.actions().sendKeys(Key.ESCAPE).perform();
    await find('[data-testid="library"] [data-article]');
  });

  it("finds the last article by search", async () => {
    const search = await find('input[aria-label="Search the library"]');
    // Each generated text ends with its own number: "Archive reference 0." is a1's.
    await search.sendKeys("archive reference 0");
    await driver.wait(
      async () => (await drawnRows()).some(([, id]) => id === "a1"),
      10_000,
      "a1 is listed after the search",
    );
    const total = Number(await (await find('[data-testid="library"]')).getAttribute("data-total"));
    assert.ok(total >= 1 && total < ARTICLES, `${total} articles match`);
  });
});
