import { execFileSync, spawnSync } from "node:child_process";

/** The OS user PostgreSQL runs as when Slipway runs as root (PostgreSQL refuses to run as root). */
export type PgIds = { uid: number; gid: number };

export class EmbeddedPostgresError extends Error {}

function lookup(): PgIds | null {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8", stdio: "pipe" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8", stdio: "pipe" }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

/** Null when not root (PostgreSQL runs as us); as root the `postgres` user, created when missing. */
export function postgresIds(): PgIds | null {
  if (process.getuid?.() !== 0) return null;
  const found = lookup();
  if (found) return found;
  try {
    execFileSync("groupadd", ["-f", "--system", "postgres"], { stdio: "pipe" });
    execFileSync("useradd", ["--system", "-g", "postgres", "-M", "-s", "/usr/sbin/nologin", "postgres"], {
      stdio: "pipe",
    });
  } catch (e) {
    const reason = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new EmbeddedPostgresError(`Running as root, the embedded PostgreSQL needs a postgres user: ${reason}`);
  }
  const created = lookup();
  if (!created) throw new EmbeddedPostgresError("Created the postgres user but cannot look it up (id -u postgres)");
  return created;
}

/**
 * Whether PostgreSQL's user passes `test <flag> file`: the kernel answers with the credentials the
 * server will run with, so every directory on the way counts. Always true when not root.
 */
export function postgresCan(ids: PgIds | null, flag: "-x" | "-w" | "-r", file: string): boolean {
  if (!ids) return true;
  const probe = spawnSync("/bin/sh", ["-c", `test ${flag} "$1"`, "sh", file], { ...ids, stdio: "ignore" });
  return probe.status === 0;
}
