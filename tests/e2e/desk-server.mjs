// A throwaway desk for end-to-end tests: a PostgreSQL cluster in a temporary folder
// (initdb and pg_ctl run as the postgres user when the tests run as root, since initdb
// refuses root; it listens only on a Unix socket in the folder) and the real
// factdesk-server on a free loopback port. Never a system cluster.

import { spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ROOT } from "./harness.mjs";

const TARGET = process.env.CARGO_TARGET_DIR ?? join(ROOT, "target");
export const SERVER_BIN = join(TARGET, "debug/factdesk-server");
export const CLI_BIN = join(TARGET, "debug/factdesk");

const root = process.getuid?.() === 0;

/** The newest /usr/lib/postgresql/N/bin that has initdb. */
function pgBin() {
  const versions = existsSync("/usr/lib/postgresql")
    ? readdirSync("/usr/lib/postgresql")
        .filter((v) => existsSync(join("/usr/lib/postgresql", v, "bin/initdb")))
        .sort((a, b) => Number(a) - Number(b))
    : [];
  if (!versions.length) {
    throw new Error("PostgreSQL is not installed (apt-get install postgresql; make deps does)");
  }
  return join("/usr/lib/postgresql", versions.at(-1), "bin");
}

/** Runs a PostgreSQL program as the cluster's owner; throws with its output on failure. */
function asOwner(program, args) {
  const [cmd, all] = root
    ? ["runuser", ["-u", "postgres", "--", program, ...args]]
    : [program, args];
  const out = spawnSync(cmd, all, { encoding: "utf8" });
  if (out.status !== 0) {
    throw new Error(`${program} ${args.join(" ")} failed: ${out.stderr}${out.stdout}`);
  }
  return out.stdout;
}

/** Starts a cluster with a `desk` database; `stop()` ends it and removes its folder. */
export function startCluster() {
  const bin = pgBin();
  const dir = mkdtempSync(join(tmpdir(), "factdesk-e2e-pg-"));
  if (root) {
    const { uid, gid } = userIds("postgres");
    chownSync(dir, uid, gid);
  }
  const data = join(dir, "data");
  asOwner(join(bin, "initdb"), [
    "-D",
    data,
    "-A",
    "trust",
    "-U",
    "postgres",
    "-E",
    "UTF8",
    "--no-sync",
  ]);
  asOwner(join(bin, "pg_ctl"), [
    "-D",
    data,
    "-l",
    join(dir, "postgres.log"),
    "-o",
    `-p 5432 -k ${dir} -c listen_addresses='' -c fsync=off`,
    "-w",
    "start",
  ]);
  asOwner(join(bin, "createdb"), ["-h", dir, "-p", "5432", "-U", "postgres", "desk"]);
  return {
    url: `host=${dir} port=5432 user=postgres dbname=desk`,
    stop() {
      try {
        asOwner(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function userIds(name) {
  const id = (flag) => Number(spawnSync("id", [flag, name], { encoding: "utf8" }).stdout.trim());
  return { uid: id("-u"), gid: id("-g") };
}

/** `factdesk-server user add NAME --role ROLE` on the cluster: the token it prints. */
export function addUser(cluster, name, role) {
  const out = spawnSync(
    SERVER_BIN,
    ["--database-url", cluster.url, "user", "add", name, "--role", role],
    { encoding: "utf8" },
  );
  if (out.status !== 0) throw new Error(`user add ${name}: ${out.stderr}`);
  return out.stdout.trim();
}

/** Starts factdesk-server on the cluster at `listen` ("127.0.0.1:PORT") and resolves once
 * it says where it listens. `stop()` SIGKILLs it. */
export async function startServer(cluster, listen) {
  const child = spawn(SERVER_BIN, ["serve", "--listen", listen, "--database-url", cluster.url], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise((resolveLine, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", resolveLine);
    child.once("exit", (code) => reject(new Error(`factdesk-server exited (${code})`)));
  });
  const url = line.trim().split(" ").at(-1);
  if (!url?.startsWith("http://")) throw new Error(`factdesk-server said ${line}`);
  return {
    url,
    stop() {
      child.kill("SIGKILL");
    },
  };
}

/** Runs the `factdesk` command on database `db`; returns stdout, throws with stderr. */
export function cli(db, ...args) {
  const out = spawnSync(CLI_BIN, args, {
    encoding: "utf8",
    env: { ...process.env, FACTDESK_DB: db, FACTDESK_REVIEWER: "ana" },
  });
  if (out.status !== 0) throw new Error(`factdesk ${args.join(" ")}: ${out.stderr}`);
  return out.stdout;
}
