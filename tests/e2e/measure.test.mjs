// Measures the app as an editor meets it, on the release build (`make measure`):
// - cold start to an interactive library with the sample article, and with a library of
//   100,000 articles and about 2 million claims (the store benchmark's generator);
// - a search typed into that library, a key at a time: from the key to its first results;
// - scrolling the library and moving through it with j: the time of each frame;
// - opening articles with about 1,100 and 5,000 claims, and moving through their claims;
// - the idle memory of all the app's processes.
// Every launch is a new process; timings are medians (and best and worst) of 5 or more.
// `make measure` runs it in a D-Bus session (dbus-run-session), as a desktop runs an app:
// with no session bus, GLib forks an attempt to start one for each library that looks for
// it (six at launch here), which no editor's desktop makes the app pay.
// Figures are printed and written to docs/measurements.json, which the README quotes;
// they are reported, not asserted, because timings depend on the machine.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { By, until } from "selenium-webdriver";
import {
  APP,
  ROOT,
  appMemory,
  corpus,
  isolatedEnv,
  launch,
  setLibrarySearch,
  startDriver,
  stopDriver,
} from "./harness.mjs";

const RUNS = 5;
/** The performance mark the library sets when it first draws its rows (LIBRARY_SHOWN_MARK
 * in ui/src/lib/paging.ts). */
const LIBRARY_SHOWN_MARK = "factdesk:library-shown";
/** The command-line tool of the same build, to generate and fill the library. */
const CLI = process.env.CLI ?? join(dirname(APP), "factdesk");
/** The generated library is kept between runs: building it takes minutes. */
const LIBRARY = process.env.MEASURE_LIBRARY ?? join(ROOT, "target/measure/library-100k.db");
const LIBRARY_ARTICLES = 100_000;
const OUT = join(ROOT, "docs/measurements.json");

const sample = isolatedEnv();
const big = isolatedEnv();
big.env.FACTDESK_DB = LIBRARY;
const figures = {
  binary: APP.replace(ROOT + "/", ""),
  machine: { cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30) },
  sessionBus: Boolean(process.env.DBUS_SESSION_BUS_ADDRESS),
  runs: RUNS,
};
let tauriDriver;
let driver;

/** A launch is timed from the moment the app's process starts, as a desktop starts it, not
 * from the WebDriver session request: between the two, WebKit's driver sets up the session
 * and only then runs the app (4-7 ms here, reported as sessionTo*Ms). So the session
 * runs this launcher, which notes the clock (ns since the epoch, the clock the page's
 * timeOrigin reads) and then becomes the app itself (`exec`, the same process). The note is
 * taken before the app is loaded, so the launch time includes the launcher's own start. */
const launchDir = mkdtempSync(join(tmpdir(), "factdesk-measure-"));
const LAUNCH_STAMP = join(launchDir, "started-at");
const LAUNCHER = join(launchDir, "launch");
writeFileSync(LAUNCHER, `#!/bin/sh\ndate +%s%N > '${LAUNCH_STAMP}'\nexec '${APP}' "$@"\n`, {
  mode: 0o755,
});

/** Best, median and worst of some timings, in whole milliseconds (tenths below 10). */
function stats(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  const r = (x) => (x < 10 ? Math.round(x * 10) / 10 : Math.round(x));
  return {
    best: r(sorted[0]),
    median: r(sorted[Math.floor(sorted.length / 2)]),
    p95: r(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]),
    worst: r(sorted[sorted.length - 1]),
    samples: sorted.length,
  };
}

const began = performance.now();
/** Says where the run is, so a slow step shows (on stderr). */
function progress(what) {
  console.error(`[measure +${Math.round((performance.now() - began) / 1000)} s] ${what}`);
}

/** Launches the app on `env`'s database and times launch to the library on screen: to the
 * page's own mark of that moment (set when the first rows are drawn), not to when a
 * WebDriver poll next finds them, which adds up to 200 ms. `launchMs` counts from the
 * app's process start (see LAUNCHER), `sessionMs` from the WebDriver session request;
 * `beforePageMs` is the part before the page began to load (the process and the web view
 * starting). */
async function coldStart(env) {
  progress(`launch on ${env.FACTDESK_DB}`);
  await driver?.quit().catch(() => {});
  stopDriver(tauriDriver);
  tauriDriver = await startDriver(env);
  rmSync(LAUNCH_STAMP, { force: true });
  const requestedAt = Date.now();
  driver = await launch(LAUNCHER);
  await driver.wait(until.elementLocated(By.css("[data-article]")), 60_000);
  // Typing a search a key at a time, or opening long articles five times, takes longer
  // than WebDriver's default 30 s for one script.
  await driver.manage().setTimeouts({ script: 600_000 });
  const [shownMs, origin] = await driver.executeAsyncScript(
    `const [mark, done] = arguments;
     const look = () => {
       const shown = performance.getEntriesByName(mark)[0];
       if (shown) done([shown.startTime, performance.timeOrigin]);
       else setTimeout(look, 5);
     };
     look();`,
    LIBRARY_SHOWN_MARK,
  );
  const startedAt = Number(readFileSync(LAUNCH_STAMP, "utf8").trim()) / 1e6;
  assert.ok(
    startedAt >= requestedAt - 1 && startedAt <= origin,
    `the launcher's clock note (${startedAt}) falls between the session request (${requestedAt}) and the page's start (${origin})`,
  );
  return {
    launchMs: origin + shownMs - startedAt,
    sessionMs: origin + shownMs - requestedAt,
    pageMs: shownMs,
    beforePageMs: origin - startedAt,
  };
}

/** RUNS cold starts on `env`'s database: the stats of each of coldStart's timings. */
async function coldStarts(env) {
  const runs = [];
  for (let k = 0; k < RUNS; k++) runs.push(await coldStart(env));
  const of = (key) => stats(runs.map((run) => run[key]));
  return {
    launch: of("launchMs"),
    session: of("sessionMs"),
    page: of("pageMs"),
    beforePage: of("beforePageMs"),
  };
}

/** A long article made of corpus texts, numbered so each is new, saved for import. */
function longArticle(dir, name, paragraphs) {
  const docs = corpus();
  let text = `${name}\n\n`;
  for (let i = 0; i < paragraphs; i++) {
    const doc = docs[i % docs.length];
    text += `${doc.text}\n\nSection ${i + 1} of the ${name}.\n\n`;
  }
  const path = join(dir, `${name.replace(/ /g, "-")}.txt`);
  writeFileSync(path, text);
  return path;
}

/** Types `words` into the library's search a key at a time; for each key, the time until
 * the list shows the results for what is typed so far, and the frame after. */
async function typeSearch(words) {
  return driver.executeAsyncScript(
    `const [words, done] = arguments;
     const box = document.querySelector('input[aria-label="Search the library"]');
     const list = document.querySelector('[data-testid="library"]');
     const times = [];
     const key = async (n) => {
       if (n > words.length) return done(times);
       const typed = words.slice(0, n);
       const t0 = performance.now();
       box.value = typed;
       box.dispatchEvent(new Event("input", { bubbles: true }));
       while (list.dataset.query !== typed.trim() || list.getAttribute("aria-busy") === "true")
         await new Promise((r) => setTimeout(r, 1));
       requestAnimationFrame(() => {
         times.push(performance.now() - t0);
         setTimeout(() => key(n + 1), 300);
       });
     };
     key(1);`,
    words,
  );
}

/** Scrolls the library by `step` pixels a frame for `frames` frames; the frame times. */
async function scrollFrames(step, frames) {
  return driver.executeAsyncScript(
    `const [step, frames, done] = arguments;
     const list = document.querySelector('[data-testid="library"]');
     const times = [];
     let last = performance.now();
     const frame = (now) => {
       times.push(now - last);
       last = now;
       if (times.length > frames) return done(times.slice(1));
       list.scrollTop += step;
       requestAnimationFrame(frame);
     };
     requestAnimationFrame((now) => { last = now; list.scrollTop += step; requestAnimationFrame(frame); });`,
    step,
    frames,
  );
}

/** Holds j down for `n` presses, a press in every frame (faster than a key's auto-repeat),
 * each arriving between two frames as a real key does. For each press: `frame`, the time
 * between the frame before the key and the frame that draws its move (one frame, 16.7 ms
 * on this display, unless the key's work makes that frame late); and `key`, from the key
 * to the start of the frame that draws its move. `what` names what moves: the current
 * library row, or the claim shown in the review. (The page's content security policy
 * allows no code from strings.) */
async function keyFrames(n, what) {
  const result = await driver.executeAsyncScript(
    `const [n, what, done] = arguments;
     const probe = what === "library"
       ? () => document.querySelector('[data-testid="library"] .current')?.dataset.index
       : () => document.querySelector('[data-testid="claim-detail"]')?.dataset.claim;
     const frames = [];
     const keys = [];
     let before;
     let pressed;
     let previous;
     const press = () => {
       before = probe();
       pressed = performance.now();
       window.dispatchEvent(new KeyboardEvent("keydown", { key: "j", bubbles: true }));
     };
     // A frame callback runs before the frame is drawn: a move seen here is in this frame.
     const frame = (now) => {
       if (pressed !== undefined) {
         if (probe() === before) {
           if (now - pressed > 5000) return done({ stuck: before, frames });
           return requestAnimationFrame(frame);
         }
         frames.push(now - previous);
         keys.push(now - pressed);
         if (frames.length === n) return done({ frames, keys });
       }
       previous = now;
       setTimeout(press, 0);
       requestAnimationFrame(frame);
     };
     requestAnimationFrame(frame);`,
    n,
    what,
  );
  assert.ok(
    Array.isArray(result.frames) && !result.stuck,
    `j moved on ${what}: ${JSON.stringify(result)}`,
  );
  return result;
}

/** The time between frames when nothing changes: what this machine's display allows. */
async function idleFrames(frames) {
  return driver.executeAsyncScript(
    `const [frames, done] = arguments;
     const times = [];
     let last;
     const frame = (now) => {
       if (last !== undefined) times.push(now - last);
       last = now;
       if (times.length >= frames) return done(times);
       requestAnimationFrame(frame);
     };
     requestAnimationFrame(frame);`,
    frames,
  );
}

/** Finds the article titled `title` by search and opens it; the time from the click to
 * its claims listed, highlighted and the first one shown. */
async function openByTitle(title, claims) {
  await setLibrarySearch(driver, title);
  // The list draws rows as they come into view, so look in the page, not at elements,
  // once it shows the search's results.
  await driver.wait(
    () =>
      driver.executeScript(
        `const list = document.querySelector('[data-testid="library"]');
         return list.dataset.query === arguments[0] &&
           [...document.querySelectorAll("[data-article]")]
             .some((r) => r.textContent.includes(arguments[0]));`,
        title,
      ),
    30_000,
  );
  return driver.executeAsyncScript(
    `const [title, claims, done] = arguments;
     const row = [...document.querySelectorAll("[data-article]")]
       .find((r) => r.textContent.includes(title));
     const t0 = performance.now();
     row.click();
     const check = () => {
       const items = Number(document.querySelector('[data-testid="claim-list"]')?.dataset.count ?? 0);
       const marks = document.querySelectorAll("mark[data-claim]").length;
       if (items >= claims && marks > 0 && document.querySelector('[data-testid="claim-detail"]')) {
         requestAnimationFrame(() => done(performance.now() - t0));
       } else setTimeout(check, 0);
     };
     check();`,
    title,
    claims,
  );
}

before(async () => {
  assert.ok(existsSync(APP), `${APP} is built (make measure builds it)`);
  if (!existsSync(LIBRARY)) {
    mkdirSync(dirname(LIBRARY), { recursive: true });
    console.error(`generating ${LIBRARY} (100,000 articles, ~2M claims; a few minutes) …`);
    execFileSync(
      CLI,
      ["bench", "store", "--articles", String(LIBRARY_ARTICLES), "--import", "0"].concat([
        "--samples",
        "1",
        "--json",
        "--db",
        LIBRARY,
      ]),
      { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], timeout: 1_800_000 },
    );
  }
  // Two long articles, imported the way an editor would (the same text again is a no-op).
  const made = [
    longArticle(big.dir, "Measure long read", 60),
    longArticle(big.dir, "Measure very long read", 260),
  ];
  const out = JSON.parse(
    execFileSync(CLI, ["import", "--json", "--db", LIBRARY, ...made], {
      encoding: "utf8",
      maxBuffer: 1 << 30,
    }),
  );
  assert.deepEqual(out.failed, []);
  figures.longArticles = out.imported.map((d) => ({
    id: d.article.id,
    title: d.article.title,
    claims: d.claims,
  }));
  figures.library = {
    path: LIBRARY.replace(ROOT + "/", ""),
    megabytes: Math.round(statSync(LIBRARY).size / 2 ** 20),
  };
});

after(async () => {
  await driver?.quit().catch(() => {});
  stopDriver(tauriDriver);
  rmSync(sample.dir, { recursive: true, force: true });
  rmSync(big.dir, { recursive: true, force: true });
  rmSync(launchDir, { recursive: true, force: true });
  figures.loadAverage = loadavg().map((x) => Math.round(x * 10) / 10);
  figures.measuredAt = new Date().toISOString();
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(figures, null, 2) + "\n");
  console.log(JSON.stringify(figures, null, 2));
});

describe("measurements", () => {
  it("cold start with the sample article", { timeout: 900_000 }, async () => {
    progress("cold start with the sample article");
    // The first start creates the database and imports the sample; then RUNS more.
    figures.firstStartMs = Math.round((await coldStart(sample.env)).launchMs);
    const starts = await coldStarts(sample.env);
    figures.coldStartSampleMs = starts.launch;
    figures.sessionToLibrarySampleMs = starts.session;
    figures.pageToLibrarySampleMs = starts.page;
    figures.launchToPageSampleMs = starts.beforePage;
    await new Promise((r) => setTimeout(r, 3000));
    figures.idleSample = appMemory();
    assert.ok(figures.coldStartSampleMs.median > 0);
  });

  it("cold start with 100,000 articles", { timeout: 900_000 }, async () => {
    progress("cold start with 100,000 articles");
    const starts = await coldStarts(big.env);
    figures.coldStartLibraryMs = starts.launch;
    figures.sessionToLibraryLibraryMs = starts.session;
    figures.pageToLibraryLibraryMs = starts.page;
    figures.launchToPageLibraryMs = starts.beforePage;
    const total = Number(
      await driver.findElement(By.css('[data-testid="library"]')).getAttribute("data-total"),
    );
    figures.library.articles = total;
    assert.ok(total >= LIBRARY_ARTICLES, `${total} articles listed`);
    await new Promise((r) => setTimeout(r, 3000));
    figures.idleLibrary = appMemory();
  });

  it("search while typing, scrolling and j in the library", { timeout: 900_000 }, async () => {
    progress("search while typing, scrolling and j in the library");
    const typed = [];
    for (const words of ["minister", "crane", "asylum seekers", "police said"]) {
      typed.push(...(await typeSearch(words)));
      await setLibrarySearch(driver, "");
      await driver.wait(
        async () =>
          (await driver
            .findElement(By.css('[data-testid="library"]'))
            .getAttribute("data-query")) === "",
      );
    }
    figures.searchKeyToResultsMs = stats(typed);
    figures.idleFrameMs = stats(await idleFrames(120));
    figures.scrollFrameMs = stats(await scrollFrames(192, 240));
    figures.scrollFastFrameMs = stats(await scrollFrames(6400, 120));
    // The same scrolling with the rows there but not painted: what a frame of this list
    // costs this machine's software-rendered display whatever the rows hold.
    const rule = await driver.executeScript(
      `const sheet = document.styleSheets[0];
       return sheet.insertRule('[data-testid="library"] li { visibility: hidden; }', sheet.cssRules.length);`,
    );
    figures.scrollUnpaintedFrameMs = stats(await scrollFrames(192, 120));
    await driver.executeScript(`document.styleSheets[0].deleteRule(arguments[0]);`, rule);
    await driver.executeScript(`document.querySelector('[data-testid="library"]').scrollTop = 0;`);
    const libraryKeys = await keyFrames(60, "library");
    figures.libraryKeyFrameMs = stats(libraryKeys.frames);
    figures.libraryKeyToFrameMs = stats(libraryKeys.keys);
    figures.busyLibrary = appMemory();
  });

  it("opening long articles and moving through their claims", { timeout: 900_000 }, async () => {
    progress("opening long articles and moving through their claims");
    for (const [key, title] of [
      ["openLongMs", "Measure long read"],
      ["openVeryLongMs", "Measure very long read"],
    ]) {
      const article = figures.longArticles.find((a) => a.title === title);
      const claims = article?.claims ?? 1;
      const opens = [];
      for (let k = 0; k < RUNS; k++) {
        await driver.navigate().refresh();
        await driver.wait(until.elementLocated(By.css("[data-article]")), 30_000);
        opens.push(await openByTitle(title, claims));
      }
      figures[key] = { claims, ...stats(opens) };
    }
    const reviewKeys = await keyFrames(30, "review");
    figures.reviewKeyFrameMs = stats(reviewKeys.frames);
    figures.reviewKeyToFrameMs = stats(reviewKeys.keys);
    figures.busyReview = appMemory();
  });
});
