import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { childEnv } from "@/lib/env";
import type { PgBinaries } from "./postgres-binaries";
import { EmbeddedPostgresError, type PgIds } from "./postgres-user";

// Readiness is read from the server's log, so its messages must be in English whatever the machine's locale.
const env = () => childEnv({ LC_MESSAGES: "C" });
// The lines that say why, without their timestamps: errors and "could not …" when any, else the last ones.
function tail(text: string): string {
  const lines = text
    .trim()
    .split("\n")
    .map((l) => l.replace(/^\S+ \S+ \S+ \[\d+\] /, ""));
  const errors = lines.filter((l) => /^(FATAL|ERROR|PANIC):|could not/.test(l));
  return (errors.length > 0 ? errors : lines.slice(-3)).join(" | ");
}

/** Spawns a PostgreSQL program; a spawn failure (EACCES, ENOENT) becomes a rejection with a plain message. */
function launch(file: string, args: string[], ids: PgIds | null): { child: ChildProcess; failed: Promise<never> } {
  const child = spawn(file, args, { ...(ids ?? {}), env: env(), stdio: ["ignore", "pipe", "pipe"] });
  const failed = new Promise<never>((_, reject) =>
    child.once("error", (e) => reject(new EmbeddedPostgresError(`Cannot run ${file}: ${e.message}`))),
  );
  failed.catch(() => {});
  return { child, failed };
}

/** Creates the cluster in `dataDir` (which must not exist yet, or be empty) with a password-protected superuser. */
export async function initdb(
  bin: PgBinaries,
  opts: { dataDir: string; user: string; password: string; ids: PgIds | null },
): Promise<void> {
  await fs.mkdir(opts.dataDir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(os.tmpdir(), `slipway-pg-${randomBytes(6).toString("hex")}`);
  await fs.writeFile(pwfile, `${opts.password}\n`, { mode: 0o600 });
  if (opts.ids) {
    await fs.chown(opts.dataDir, opts.ids.uid, opts.ids.gid);
    await fs.chown(pwfile, opts.ids.uid, opts.ids.gid);
  }
  try {
    const args = [`--pgdata=${opts.dataDir}`, "--auth=password", `--username=${opts.user}`, `--pwfile=${pwfile}`];
    const { child, failed } = launch(bin.initdb, [...args, "--lc-messages=C"], opts.ids);
    let output = "";
    child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
    const code = await Promise.race([failed, new Promise<number | null>((r) => child.once("close", r))]);
    if (code !== 0)
      throw new EmbeddedPostgresError(`initdb failed for ${opts.dataDir} (exit ${code}): ${tail(output)}`);
  } finally {
    await fs.rm(pwfile, { force: true });
  }
}

/** `exited` settles when the server process ends, however it ends (stop() included), saying how. */
export type RunningServer = { stop: () => Promise<void>; exited: Promise<string> };

/** Starts `postgres` on `port` and resolves once it accepts connections. */
export async function startServer(
  bin: PgBinaries,
  opts: { dataDir: string; port: number; ids: PgIds | null },
): Promise<RunningServer> {
  const { child, failed } = launch(bin.postgres, ["-D", opts.dataDir, "-p", String(opts.port)], opts.ids);
  let log = "";
  const ready = new Promise<void>((resolve, reject) => {
    // Keep reading after start-up too: a full pipe would block the server's logging.
    child.stderr?.on("data", (c: Buffer) => {
      log = (log + c.toString()).slice(-4000);
      if (log.includes("database system is ready to accept connections")) resolve();
    });
    child.stdout?.resume();
    child.once("exit", (code) => reject(new EmbeddedPostgresError(`exited with code ${code}: ${tail(log)}`)));
  });
  ready.catch(() => {});
  await Promise.race([failed, ready]);
  // Like a server started by hand it would outlive us; stop it when this process exits without stop().
  const onExit = () => child.kill("SIGINT");
  process.once("exit", onExit);
  const exited = new Promise<string>((resolve) => {
    const done = () => {
      // A server that died on its own (and is restarted) must not leave one exit hook per restart.
      process.off("exit", onExit);
      resolve(child.signalCode ? `killed by ${child.signalCode}` : `exit code ${child.exitCode}`);
    };
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once("exit", done);
  });
  return {
    exited,
    stop: async () => {
      process.off("exit", onExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGINT");
      await exited;
    },
  };
}
