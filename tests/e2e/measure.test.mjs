// Measures the app as an editor meets it: cold start to an interactive library, opening an
// article with 1,000 claims, the response to a navigation key, and the idle memory of all
// the app's processes. Figures are printed and saved to artifacts/measure.json; they are
// reported, not asserted, because timings depend on the machine.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { By, until } from "selenium-webdriver";
import {
  APP,
  ARTIFACTS,
  appMemory,
  corpus,
  invoke,
  isolatedEnv,
  launch,
  startDriver,
} from "./harness.mjs";

const { env } = isolatedEnv();
const figures = { binary: APP };
let tauriDriver;
let driver;

const CLAIMS = 1000;

before(async () => {
  tauriDriver = await startDriver(env);
});

after(async () => {
  await driver?.quit().catch(() => {});
  tauriDriver?.kill();
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, "measure.json"), JSON.stringify(figures, null, 2));
  console.log(JSON.stringify(figures, null, 2));
});

describe("measurements", () => {
  it("cold start to an interactive library", async () => {
    const t0 = performance.now();
    driver = await launch();
    await driver.wait(until.elementLocated(By.css("[data-article]")), 20_000);
    figures.coldStartMs = Math.round(performance.now() - t0);
    // The same moment as the page saw it: from navigation start to rows on screen.
    figures.pageToLibraryMs = Math.round(await driver.executeScript("return performance.now()"));
    assert.ok(figures.coldStartMs > 0);
  });

  it("idle memory of the whole app", async () => {
    await new Promise((r) => setTimeout(r, 3000));
    figures.idle = appMemory();
    assert.ok(figures.idle.processes >= 1, "the app's processes are found");
  });

  it(`opening an article with ${CLAIMS} claims`, async () => {
    // Real news text, repeated until it is long enough to hold the claims.
    const docs = corpus();
    let text = "";
    for (let i = 0; text.length < 200_000; i++) text += docs[i % docs.length].text + "\n\n";
    const imported = await invoke(driver, "import_text", {
      article: { title: "Long read", text, outlet: null, published: "2023-04-20" },
    });
    // Whatever the engine did not find is added by hand on numbers, as an editor would.
    let claims = imported.claims;
    const numbers = [...text.matchAll(/\b\d[\d,.]*\b/g)];
    for (let i = 0; claims < CLAIMS && i < numbers.length; i += 2) {
      const m = numbers[i];
      try {
        // JS string offsets are UTF-16 units, as the command expects.
        await invoke(driver, "add_claim", {
          articleId: imported.article_id,
          range: { start: m.index, end: m.index + m[0].length },
          kind: "figure",
        });
        claims++;
      } catch {
        // Already a claim there.
      }
    }
    figures.claimsInArticle = claims;
    await driver.navigate().refresh();
    await driver.wait(until.elementLocated(By.css("[data-article]")), 20_000);
    figures.openArticleMs = Math.round(
      await driver.executeAsyncScript(
        `const done = arguments[arguments.length - 1];
         const row = [...document.querySelectorAll("[data-article]")]
           .find((r) => r.textContent.includes("Long read"));
         const t0 = performance.now();
         row.click();
         const check = () => {
           const items = document.querySelectorAll("[data-claim-item]").length;
           const marks = document.querySelectorAll("mark[data-claim]").length;
           if (items >= ${CLAIMS} && marks > 0 && document.querySelector('[data-testid="claim-detail"]')) {
             requestAnimationFrame(() => done(performance.now() - t0));
           } else requestAnimationFrame(check);
         };
         check();`,
      ),
    );
    assert.ok(figures.openArticleMs > 0);
  });

  it("keyboard navigation response", async () => {
    const samples = await driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       const times = [];
       const detail = () => document.querySelector('[data-testid="claim-detail"]').dataset.claim;
       const once = (n) => {
         if (n === 0) return done(times);
         const before = detail();
         const t0 = performance.now();
         window.dispatchEvent(new KeyboardEvent("keydown", { key: "j", bubbles: true }));
         const wait = () => {
           if (detail() !== before) {
             // Count the frame that shows the change.
             requestAnimationFrame(() => {
               times.push(performance.now() - t0);
               setTimeout(() => once(n - 1), 30);
             });
           } else requestAnimationFrame(wait);
         };
         wait();
       };
       once(30);`,
    );
    samples.sort((a, b) => a - b);
    figures.keyNavMedianMs = Math.round(samples[Math.floor(samples.length / 2)] * 10) / 10;
    figures.keyNavMaxMs = Math.round(samples[samples.length - 1] * 10) / 10;
    figures.busy = appMemory();
    assert.equal(samples.length, 30);
  });
});
