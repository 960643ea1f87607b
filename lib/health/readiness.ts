import fs from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { MIGRATIONS_FOLDER } from "@/lib/db/migrate";
import { getBoss, RUN_QUEUE } from "@/lib/runs/queue";

export type Check = { ok: true } | { ok: false; error: string };
export type Readiness = { ready: boolean; checks: { database: Check; migrations: Check; queue: Check } };

// A probe must answer in time even when the database does not.
const CHECK_TIMEOUT_MS = 2000;

function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

async function check(what: string, probe: () => Promise<void>): Promise<Check> {
  try {
    await within(CHECK_TIMEOUT_MS, what, probe());
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** The migrations this build ships (its journal) that the database has not applied. */
async function pendingMigrations(): Promise<string[]> {
  const journal = JSON.parse(await fs.readFile(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as {
    entries: { tag: string; when: number }[];
  };
  // drizzle's migrator applies every journal entry newer than the last one it recorded.
  const { rows } = await getDb().execute<{ last: string | null }>(
    sql`select max(created_at)::text as last from drizzle.__drizzle_migrations`,
  );
  const last = Number(rows[0]?.last ?? 0);
  return journal.entries.filter((e) => e.when > last).map((e) => e.tag);
}

/**
 * Whether this replica can do its work: the database answers, every migration of this build is
 * applied (a replica of a newer build waits until its migrations ran), and the run queue is reachable.
 */
export async function checkReadiness(): Promise<Readiness> {
  const database = await check("the database", async () => {
    await getDb().execute(sql`select 1`);
  });
  const migrations: Check = !database.ok
    ? { ok: false, error: "database unreachable" }
    : await check("the migration journal", async () => {
        const pending = await pendingMigrations();
        if (pending.length > 0) throw new Error(`not applied: ${pending.join(", ")}`);
      });
  const queue: Check = !database.ok
    ? { ok: false, error: "database unreachable" }
    : await check("the run queue", async () => {
        const boss = await getBoss();
        if (!(await boss.getQueue(RUN_QUEUE))) throw new Error(`pg-boss queue ${RUN_QUEUE} does not exist`);
      });
  return { ready: database.ok && migrations.ok && queue.ok, checks: { database, migrations, queue } };
}
