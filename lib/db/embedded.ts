import fs from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { binariesFor } from "./postgres-binaries";
import { placeDataDir } from "./postgres-data-dir";
import { initdb, startServer } from "./postgres-server";
import { EmbeddedPostgresError, postgresIds } from "./postgres-user";

export { EmbeddedPostgresError };

/**
 * `reused`: the server was already running (another Slipway, or one a dead launcher left behind).
 * `dataDir`: where the cluster really is (see placeDataDir). `exited`: settles when a server this
 * process started ends (never for a reused one). `restart`: starts it again with the same options.
 */
export type EmbeddedDb = {
  url: string;
  reused: boolean;
  dataDir: string;
  stop: () => Promise<void>;
  exited: Promise<string>;
  restart: () => Promise<EmbeddedDb>;
};

const USER = "slipway";
const PASSWORD = "slipway";
const DATABASE = "slipway";

/**
 * Starts (initialising on first use) a PostgreSQL server whose data lives in `dataDir`,
 * so a restart keeps everything. Returns a connection URL for the `slipway` database.
 * Every failure is an EmbeddedPostgresError whose message says what to do.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDb> {
  const ids = postgresIds();
  const databaseDir = await placeDataDir(opts.dataDir, ids, opts.log);
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${DATABASE}`;
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  const running = await runningPostmaster(databaseDir);
  if (running) {
    // A previous launcher died without stopping its server: reuse it rather than fail on the port.
    opts.log?.(`Reusing embedded PostgreSQL already running (pid ${running}) on ${databaseDir}`);
    await ensureDatabase(adminUrl, DATABASE);
    return {
      url,
      reused: true,
      dataDir: databaseDir,
      stop: async () => void process.kill(running, "SIGINT"),
      exited: new Promise(() => {}),
      restart: () => startEmbeddedPostgres(opts),
    };
  }
  const bin = await binariesFor(ids, opts.log);
  if (!existsSync(path.join(databaseDir, "PG_VERSION")))
    await initdb(bin, { dataDir: databaseDir, user: USER, password: PASSWORD, ids });
  // A crashed previous run can leave postmaster.pid behind; postgres itself checks the pid is dead.
  const server = await startServer(bin, { dataDir: databaseDir, port: opts.port, ids }).catch((e: unknown) => {
    throw new EmbeddedPostgresError(
      `Embedded PostgreSQL failed to start on port ${opts.port} (data in ${databaseDir}). ` +
        `Is another Slipway running? Set SLIPWAY_PG_PORT or DATABASE_URL. ${e instanceof Error ? e.message : ""}`.trim(),
    );
  });
  await ensureDatabase(adminUrl, DATABASE);
  return {
    url,
    reused: false,
    dataDir: databaseDir,
    stop: server.stop,
    exited: server.exited,
    restart: () => startEmbeddedPostgres(opts),
  };
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
