// Drives the real Factdesk binary in a real window through tauri-driver (which runs
// Debian's WebKitWebDriver). Run under Xvfb: see the Makefile's `e2e` target.
//
// Every run gets its own temporary database, settings folder and web view storage, so
// tests never touch the user's data.

import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, readlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Builder, Capabilities } from "selenium-webdriver";

export const ROOT = resolve(import.meta.dirname, "../..");
export const ARTIFACTS = join(ROOT, "artifacts");
/** The binary under test: the debug build with the UI embedded, unless APP says otherwise. */
export const APP = resolve(process.env.APP ?? join(ROOT, "target/debug/factdesk-app"));
/** The port tauri-driver listens on, chosen free when it starts (see `startDriver`). */
let driverPort = 0;
/** The last of what tauri-driver (and the WebKit driver and app under it) wrote to stderr. */
let driverOutput = "";

/** A TCP port nothing on this machine listens on right now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** A fresh, private place for the app's database, settings and web view data. */
export function isolatedEnv() {
  const dir = mkdtempSync(join(tmpdir(), "factdesk-e2e-"));
  for (const sub of ["config", "data", "cache", "home"]) mkdirSync(join(dir, sub));
  return {
    dir,
    env: {
      ...process.env,
      FACTDESK_DB: join(dir, "factdesk.db"),
      FACTDESK_CONFIG_DIR: join(dir, "config"),
      XDG_CONFIG_HOME: join(dir, "config"),
      XDG_DATA_HOME: join(dir, "data"),
      XDG_CACHE_HOME: join(dir, "cache"),
      HOME: join(dir, "home"),
    },
  };
}

/**
 * Starts tauri-driver with `env` (the app inherits it) on free ports, so runs never meet
 * another WebDriver on the machine, and waits until it answers. The driver leads its own
 * process group, so `stopDriver` also ends the WebKit driver and any app it started.
 */
export async function startDriver(env) {
  driverPort = await freePort();
  const nativePort = await freePort();
  const args = ["--port", String(driverPort), "--native-port", String(nativePort)];
  const driver = spawn("tauri-driver", args, {
    env,
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  driverOutput = "";
  driver.stderr.on("data", (d) => {
    stderr += d;
    driverOutput = (driverOutput + d).slice(-16_000);
  });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (driver.exitCode !== null) throw new Error(`tauri-driver exited: ${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${driverPort}/status`);
      if (res.ok) return driver;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stopDriver(driver);
  throw new Error(`tauri-driver did not answer on port ${driverPort}: ${stderr}`);
}

/**
 * Ends tauri-driver and everything in its process group (the WebKit driver and any app it
 * launched), and lets go of its stderr, so a window left over from a test can neither keep
 * the run waiting on the pipe nor outlive it.
 */
export function stopDriver(driver) {
  if (!driver) return;
  try {
    process.kill(-driver.pid, "SIGKILL");
  } catch {
    // The group has already gone.
  }
  driver.stderr?.destroy();
  driver.unref();
}

/** How long a new session may take to show the app's window before the test fails. */
const LAUNCH_TIMEOUT_MS = 90_000;

/**
 * Opens the app: a new WebDriver session launches the binary in a new window. Fails, with
 * what tauri-driver and the app last wrote, when no window comes within 90 s, so a launch
 * that never answers fails its test instead of holding the run open. `application` is the
 * program the session starts (the app's binary unless a launcher that starts it is given).
 */
export async function launch(application = APP) {
  const caps = new Capabilities();
  caps.setBrowserName("wry");
  caps.set("tauri:options", { application });
  const session = new Builder()
    .withCapabilities(caps)
    .usingServer(`http://127.0.0.1:${driverPort}/`)
    .build();
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `no app window within ${LAUNCH_TIMEOUT_MS / 1000} s; tauri-driver and the app last wrote:\n` +
              driverOutput.slice(-4000),
          ),
        ),
      LAUNCH_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([session, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Puts `words` in the library's search box at once, as a paste would (an empty string
 * clears it). */
export async function setLibrarySearch(driver, words) {
  await driver.executeScript(
    `const box = document.querySelector('input[aria-label="Search the library"]');
     box.value = arguments[0];
     box.dispatchEvent(new Event("input", { bubbles: true }));`,
    words,
  );
}

/** Saves a screenshot of the screen the app is on (its only window) as artifacts/<name>.png. */
export async function screenshot(driver, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Let the web view paint what the DOM holds now.
  await driver.executeAsyncScript(
    `const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));`,
  );
  // The screen as the X server shows it (ImageMagick's `import`), not WebDriver's
  // screenshot: WebKit's own snapshot never returns when accelerated compositing is off,
  // as the app has it (docs/app.md, "The web view on Linux").
  const path = join(ARTIFACTS, `${name}.png`);
  execFileSync("import", ["-window", "root", path], { stdio: ["ignore", "ignore", "pipe"] });
  return path;
}

/**
 * Memory of the running app: every process of the binary and all their descendants (the
 * WebKit web and network processes), summed.
 */
export function appMemory() {
  const procs = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      let exe = "";
      try {
        exe = readlinkSync(`/proc/${name}/exe`);
      } catch {
        // A process we may not inspect: not ours.
      }
      procs.set(Number(name), { ppid, exe });
    } catch {
      // The process ended while we looked.
    }
  }
  const roots = [...procs].filter(([, p]) => p.exe === APP).map(([pid]) => pid);
  const all = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of procs) {
      if (!all.has(pid) && all.has(p.ppid)) {
        all.add(pid);
        grew = true;
      }
    }
  }
  let rssKb = 0;
  let pssKb = 0;
  let anonKb = 0;
  for (const pid of all) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      rssKb += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      pssKb += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      anonKb += Number(/^Pss_Anon:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      anonKb += Number(/^Pss_Shmem:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // Gone.
    }
  }
  // RSS counts shared library pages once per process; PSS shares them out; the anonymous
  // part is the app's own heap and buffers, what it really adds to the machine.
  const mb = (kb) => Math.round(kb / 102.4) / 10;
  return { processes: all.size, rssMb: mb(rssKb), pssMb: mb(pssKb), privateMb: mb(anonKb) };
}

/** Calls one of the app's own commands from inside the page, as the UI's api.ts does. */
export async function invoke(driver, command, args = {}) {
  const result = await driver.executeAsyncScript(
    `const [command, args, done] = arguments;
     window.__TAURI_INTERNALS__.invoke(command, args).then(
       (value) => done({ ok: value }),
       (error) => done({ error }),
     );`,
    command,
    args,
  );
  if (result.error) throw new Error(`${command}: ${JSON.stringify(result.error)}`);
  return result.ok;
}

/** The articles of the project's corpus (real news text). */
export function corpus() {
  return readFileSync(join(ROOT, "tests/data/corpus/dev.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}
