import PgBoss from "pg-boss";
import { sql } from "drizzle-orm";
import { databaseUrl, getDb } from "@/lib/db/client";
import { logger } from "@/lib/logger";

export const RUN_QUEUE = "run-execute";

// One pg-boss client per process; kept on globalThis so dev-mode module reloads do not open more.
const holder = globalThis as unknown as { slipwayBoss?: Promise<PgBoss> };

async function startBoss(opts: { supervise: boolean }): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl(),
    schema: "pgboss",
    supervise: opts.supervise,
    // Cron schedules (the dev-environment expiry sweep) are kept by the supervising worker.
    schedule: opts.supervise,
  });
  boss.on("error", (err: Error) => logger.error("pg-boss error", { error: err.message }));
  await boss.start();
  if (!(await boss.getQueue(RUN_QUEUE))) {
    // short: at most one *waiting* job per run id (the sweep may re-send freely), while a job left
    // active by a killed worker never blocks the resume. The run row's claim is the real lock.
    await boss
      .createQueue(RUN_QUEUE, { name: RUN_QUEUE, policy: "short", retryLimit: 0, expireInSeconds: 4 * 3600 })
      .catch((e: Error) => {
        if (!/already exists|duplicate/i.test(e.message)) throw e;
      });
  }
  return boss;
}

/** The process's pg-boss client; the worker supervises (maintenance), web processes only send. */
export function getBoss(opts: { supervise: boolean } = { supervise: false }): Promise<PgBoss> {
  holder.slipwayBoss ??= startBoss(opts).catch((e) => {
    holder.slipwayBoss = undefined;
    throw e;
  });
  return holder.slipwayBoss;
}

/**
 * Hands a queued run to the workers. Sent after the run's transaction commits; if this process dies
 * in between, the workers' sweep finds the queued run and sends it again.
 */
export async function enqueueRun(runId: string): Promise<void> {
  try {
    const boss = await getBoss();
    await boss.send(RUN_QUEUE, { runId }, { singletonKey: runId });
  } catch (err) {
    logger.warn("could not enqueue run; the worker sweep will pick it up", {
      runId,
      error: err instanceof Error ? err.message : String(err),
    });
  }
}

export async function stopBoss(): Promise<void> {
  const boss = await holder.slipwayBoss?.catch(() => undefined);
  holder.slipwayBoss = undefined;
  await boss?.stop({ graceful: true, timeout: 5000 }).catch(() => {});
}

export type QueueDepth = { created: number; retry: number; active: number };

/** Jobs of the run queue not yet finished, by pg-boss state (a metric: waiting vs being worked on). */
export async function runQueueDepth(): Promise<QueueDepth> {
  const { rows } = await getDb().execute<{ state: keyof QueueDepth; n: number }>(
    sql`select state::text as state, count(*)::int as n from pgboss.job
         where name = ${RUN_QUEUE} and state in ('created', 'retry', 'active') group by state`,
  );
  const depth: QueueDepth = { created: 0, retry: 0, active: 0 };
  for (const r of rows) depth[r.state] = r.n;
  return depth;
}
