// The desk end to end: a throwaway PostgreSQL cluster and the real factdesk-server, a
// `factdesk` command-line client on its own SQLite file, and the real app joined through
// Settings. An article the CLI publishes reaches the app; a verdict the CLI gives shows
// up in the app as "changed by ana"; a verdict given in the app reaches the CLI; and the
// status bar says synced, pending and offline as the server goes away and comes back.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { By, until } from "selenium-webdriver";
import {
  corpus,
  freePort,
  isolatedEnv,
  launch,
  screenshot,
  startDriver,
  stopDriver,
} from "./harness.mjs";
import { addUser, cli, startCluster, startServer } from "./desk-server.mjs";

const { dir, env } = isolatedEnv();
const cliDb = join(dir, "cli.db");
const article = corpus().find((d) => d.doc === "dev-06");
const TITLE = "Desk test: MH17";

let cluster;
let server;
let listen;
let tokens;
let tauriDriver;
let driver;
/** The CLI's article id, and the claim ana marks from the CLI and the one ben marks in the
 * app, with their text (claim ids differ between the two databases). */
let cliArticle;
/** Its identity on the desk. */
let deskArticle;
let anaClaim;
let benClaim;

async function find(css, timeout = 15_000) {
  return driver.wait(until.elementLocated(By.css(css)), timeout, `waiting for ${css}`);
}

/** Clicks the element `css` finds once nothing covers it: the review pane may still be
 * settling after a selection or a background sync redrew it. */
async function clickWhenFree(css) {
  await driver.wait(
    async () => {
      const el = await find(css);
      await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", el);
      try {
        await el.click();
        return true;
      } catch (e) {
        if (e.name === "ElementClickInterceptedError" || e.name === "StaleElementReferenceError")
          return false;
        throw e;
      }
    },
    10_000,
    `waiting to click ${css}`,
  );
}

async function textOf(el) {
  return driver.executeScript("return arguments[0].textContent", el);
}

/** Waits until the status bar's desk badge is in `state` and returns its element. */
async function deskState(state, timeout = 30_000) {
  await driver.wait(
    async () => {
      const badges = await driver.findElements(By.css('[data-testid="desk-status"]'));
      return badges.length && (await badges[0].getAttribute("data-state")) === state;
    },
    timeout,
    `waiting for the desk status to be ${state}`,
  );
  return find('[data-testid="desk-status"]');
}

/** The app's claim list row whose text is `text`. */
async function appRow(text) {
  const rows = await driver.findElements(By.css("[data-claim-item]"));
  for (const row of rows) {
    if ((await textOf(row.findElement(By.css(".text")))) === text) return row;
  }
  throw new Error(`no claim "${text}" in the app's list`);
}

/** Asks the app for a sync now, through the status bar's badge. */
async function syncNow() {
  await (await find('[data-testid="desk-status"]')).click();
  await (await find('[data-testid="desk-sync-now"]')).click();
  await (await find('[data-testid="desk-status"]')).click();
}

function cliClaims() {
  return JSON.parse(cli(cliDb, "claims", cliArticle, "--json"));
}

before(async () => {
  cluster = startCluster();
  tokens = { ana: addUser(cluster, "ana", "editor"), ben: addUser(cluster, "ben", "checker") };
  listen = `127.0.0.1:${await freePort()}`;
  server = await startServer(cluster, listen);

  // The CLI client: imports a real news article, publishes it and syncs.
  const file = join(dir, "mh17.txt");
  writeFileSync(file, `${TITLE}\n\n${article.text}`);
  const imported = JSON.parse(cli(cliDb, "import", file, "--json"));
  cliArticle = imported.imported[0].article.id;
  cli(cliDb, "desk", "join", server.url, "--token", tokens.ana);
  deskArticle = JSON.parse(cli(cliDb, "desk", "publish", cliArticle, "--json"))[0].desk_id;
  cli(cliDb, "desk", "sync");
  // Ana, an editor, assigns it to ben through the desk's API.
  const assigned = await fetch(`${server.url}/v1/articles/${deskArticle}/assign`, {
    method: "POST",
    headers: { Authorization: `Bearer ${tokens.ana}`, "Content-Type": "application/json" },
    body: JSON.stringify({ assignee: "ben", deadline: "2099-01-01T12:00:00Z" }),
  });
  assert.equal(assigned.status, 200, await assigned.text());
  const claims = cliClaims();
  const figures = claims.filter((c) => c.claim.kind === "figure");
  assert.ok(figures.length >= 2, "the engine found figures in the article");
  anaClaim = { id: figures[0].id, text: figures[0].claim.text };
  benClaim = { id: figures[1].id, text: figures[1].claim.text };

  tauriDriver = await startDriver(env);
  driver = await launch();
});

after(async () => {
  await driver?.quit().catch(() => {});
  stopDriver(tauriDriver);
  server?.stop();
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the desk in the real app", () => {
  it("joins through Settings: the token is checked and the user and role shown", async () => {
    await find("[data-article]");
    const tabs = await driver.findElements(By.css("nav .tab"));
    for (const t of tabs) if ((await t.getText()) === "Settings") await t.click();
    await (await find('input[aria-label="Desk address"]')).sendKeys(server.url);
    await (await find('input[aria-label="Desk token"]')).sendKeys("fdk_not_a_token");
    await (await find('[data-testid="desk-settings"] button[type="submit"]')).click();
    await driver.wait(
      async () => (await textOf(await find(".notices"))).includes("Could not join the desk"),
      15_000,
      "a wrong token is refused with a message",
    );
    assert.equal(
      (await driver.findElements(By.css('[data-testid="desk-joined"]'))).length,
      0,
      "a refused token joins nothing",
    );
    for (const close of await driver.findElements(By.css('button[aria-label="Close message"]'))) {
      await close.click();
    }
    await (await find('input[aria-label="Desk token"]')).sendKeys(tokens.ben);
    await (await find('[data-testid="desk-settings"] button[type="submit"]')).click();
    assert.equal(await textOf(await find('[data-testid="desk-user"]')), "ben");
    assert.equal(await textOf(await find('[data-testid="desk-role"]')), "checker");
    const token = await find('input[aria-label="Desk token"]');
    assert.equal(await token.getAttribute("value"), "", "the token is not shown again");
    const page = await driver.executeScript("return document.body.innerHTML");
    assert.ok(!page.includes(tokens.ben), "the token appears nowhere in the window");
    await deskState("synced");
  });

  it("receives the article the CLI published", async () => {
    const tabs = await driver.findElements(By.css("nav .tab"));
    for (const t of tabs) if ((await t.getText()) === "Library") await t.click();
    await driver.wait(
      async () => {
        for (const r of await driver.findElements(By.css("[data-article]"))) {
          if ((await textOf(r)).includes(TITLE)) {
            await r.click();
            return true;
          }
        }
        return false;
      },
      30_000,
      "the desk's article appears in the library",
    );
    await find('[data-testid="review"]');
    assert.ok(await find('[data-testid="on-desk"]'), "the review says the article is on the desk");
    const count = Number(
      await (await find('[data-testid="claim-list"]')).getAttribute("data-count"),
    );
    assert.equal(count, cliClaims().length, "every claim came with it");
  });

  it("shows a verdict the CLI gave as changed by ana", async () => {
    cli(cliDb, "mark", anaClaim.id, "false", "--note", "The report says 283, not 298");
    cli(cliDb, "desk", "sync");
    // The app asks the desk every 15 s; "Sync now" asks at once.
    await syncNow();
    await driver.wait(
      async () => {
        const row = await appRow(anaClaim.text);
        return (await row.getAttribute("data-status")) === "false";
      },
      30_000,
      "ana's verdict arrives in the open article",
    );
    const row = await appRow(anaClaim.text);
    const marker = await row.findElement(By.css('[data-testid="changed-marker"]'));
    assert.match(await textOf(marker), /ana/, "the list says who changed it");
    await row.click();
    const line = await find('[data-testid="changed-by"]');
    assert.match(await textOf(line), /Changed by ana \(False\)/);
    await screenshot(driver, "desk-changed-by");
  });

  it("sends a verdict given in the app to the CLI", async () => {
    await (await appRow(benClaim.text)).click();
    await driver.actions().sendKeys("v").perform();
    const badge = await deskState("pending", 10_000);
    assert.match(await textOf(badge), /Pending 1/, "the verdict waits to go up");
    await deskState("synced");
    cli(cliDb, "desk", "sync");
    const claim = cliClaims().find((c) => c.id === benClaim.id);
    assert.equal(claim.status, "verified", "ben's verdict reached the CLI");
    const history = JSON.parse(cli(cliDb, "history", benClaim.id, "--json"));
    assert.ok(
      history.some((h) => h.field === "status" && h.by === "ben"),
      `the history names ben: ${JSON.stringify(history)}`,
    );
  });

  it("keeps a comment thread on a desk claim, and hides sign-off from a checker", async () => {
    await (await appRow(anaClaim.text)).click();
    const box = await find('textarea[aria-label="Comment"]');
    await box.sendKeys("Which report gives 283?");
    await clickWhenFree('[data-testid="comments"] button[type="submit"]');
    await driver.wait(
      async () =>
        (await textOf(await find('[data-testid="comments"]'))).includes("Which report gives 283?"),
      15_000,
      "the comment is in the thread",
    );
    assert.equal(
      (await driver.findElements(By.css('[data-testid="sign-off"]'))).length,
      0,
      "a checker is not offered sign-off",
    );
  });

  it("lists the article assigned to ben in My queue and opens it", async () => {
    const tabs = await driver.findElements(By.css("nav .tab"));
    for (const t of tabs) if ((await t.getText()) === "My queue") await t.click();
    const item = await find('[data-testid="queue-item"]');
    assert.match(await textOf(item), new RegExp(TITLE));
    assert.match(await textOf(item), /assigned by ana/);
    await item.click();
    const review = await find('[data-testid="review"]');
    assert.match(await textOf(review), new RegExp(TITLE));
  });

  it("says pending and offline while the server is down, and syncs when it is back", async () => {
    server.stop();
    const row = await appRow(anaClaim.text);
    await row.click();
    await driver.actions().sendKeys("d").perform();
    const badge = await deskState("offline");
    assert.equal(await badge.getAttribute("data-pending"), "1", "one change waits");
    assert.match(await textOf(badge), /Offline · 1 pending/);
    await screenshot(driver, "desk-offline");
    // My queue, read again while the desk is down, comes from what the syncs brought.
    for (const t of await driver.findElements(By.css("nav .tab")))
      if ((await t.getText()) === "My queue") await t.click();
    const queue = await find('[data-testid="queue"]');
    await (await queue.findElement(By.xpath(".//button[normalize-space()='Refresh']"))).click();
    const queued = await find('[data-testid="queue-item"]');
    assert.match(await textOf(queued), new RegExp(TITLE), "the queue is there offline");
    await driver.sleep(1000);
    assert.equal(
      (await driver.findElements(By.css('[data-testid="queue"] .problem'))).length,
      0,
      `My queue read offline without an error: ${await textOf(queue)}`,
    );
    server = await startServer(cluster, listen);
    await syncNow();
    await deskState("synced");
    cli(cliDb, "desk", "sync");
    const claim = cliClaims().find((c) => c.id === anaClaim.id);
    assert.equal(claim.status, "disputed", "the change made offline went up");
  });
});
