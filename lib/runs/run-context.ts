import { and, eq, sql } from "drizzle-orm";
import { runs, runSteps } from "@/db/schema";
import { getDb } from "@/lib/db/client";
import type { EntityRef, RunActor, RunContext, StepOptions } from "./define-action";
import { addRunLink, appendRunLog, notifyRun } from "./run-store";
import { markRunWaiting } from "./transitions";
import type { ApprovalPolicy } from "./types";
import { sleep } from "@/lib/sleep";

export class RunCancelled extends Error {
  constructor() {
    super("Cancelled on request");
  }
}

type Compensation = { key: string; undo: () => Promise<void> };

// JSON round trip: what a resumed run gets back from the database is exactly what a fresh one sees.
const toJson = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

async function cancelRequested(runId: string): Promise<boolean> {
  const [row] = await getDb().select({ c: runs.cancelRequested }).from(runs).where(eq(runs.id, runId));
  return row?.c ?? false;
}

/** The context handed to an executor, plus the compensations its finished steps registered. */
export function createRunContext<Ports>(run: {
  id: string;
  actor: RunActor;
  policy: ApprovalPolicy | null;
  entity: EntityRef | null;
  ports: Ports;
}) {
  const compensations: Compensation[] = [];
  const log = (level: "info" | "warn" | "error", step: string | null) => (message: string) =>
    appendRunLog(run.id, level, message, step);

  async function step<T>(key: string, fn: () => Promise<T>, opts: StepOptions<T> = {}): Promise<T> {
    if (await cancelRequested(run.id)) throw new RunCancelled();
    const db = getDb();
    const [done] = await db
      .select({ status: runSteps.status, result: runSteps.result })
      .from(runSteps)
      .where(and(eq(runSteps.runId, run.id), eq(runSteps.key, key)));
    if (done?.status === "succeeded") {
      // Replayed from its checkpoint: the side effect already happened in an earlier attempt.
      if (opts.compensate) compensations.push({ key, undo: () => opts.compensate!(done.result as T) });
      return done.result as T;
    }
    await db
      .insert(runSteps)
      .values({ runId: run.id, key, status: "running" })
      .onConflictDoUpdate({
        target: [runSteps.runId, runSteps.key],
        set: {
          status: "running",
          error: null,
          attempts: sql`${runSteps.attempts} + 1`,
          startedAt: sql`now()`,
          finishedAt: null,
        },
      });
    await notifyRun(run.id);
    try {
      const result = toJson(await fn()) as T;
      await db
        .update(runSteps)
        .set({ status: "succeeded", result, finishedAt: sql`now()` })
        .where(and(eq(runSteps.runId, run.id), eq(runSteps.key, key)));
      if (opts.compensate) compensations.push({ key, undo: () => opts.compensate!(result) });
      return result;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await db
        .update(runSteps)
        .set({ status: "failed", error: message, finishedAt: sql`now()` })
        .where(and(eq(runSteps.runId, run.id), eq(runSteps.key, key)));
      await appendRunLog(run.id, "error", message, key);
      throw err;
    } finally {
      await notifyRun(run.id);
    }
  }

  const ctx: RunContext<Ports> = {
    runId: run.id,
    actor: run.actor,
    policy: run.policy,
    entity: run.entity,
    ports: run.ports,
    log: { info: log("info", null), warn: log("warn", null), error: log("error", null) },
    step,
    link: (link) => addRunLink(run.id, link),
    waitUntil: async (key, check, opts = {}) => {
      const timeoutMs = opts.timeoutMs ?? 10 * 60_000;
      const intervalMs = opts.intervalMs ?? 1000;
      await step(key, async () => {
        await markRunWaiting(run.id, true, key);
        const deadline = Date.now() + timeoutMs;
        try {
          for (;;) {
            if (await cancelRequested(run.id)) throw new RunCancelled();
            const state = await check();
            if (state.failure) throw new Error(state.failure);
            if (state.done) return { note: state.note ?? null };
            if (Date.now() > deadline)
              throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${key}`);
            await sleep(intervalMs);
          }
        } finally {
          await markRunWaiting(run.id, false, key);
        }
      });
    },
  };

  /** Undoes finished steps, newest first; each undo is itself checkpointed as `compensated`. */
  async function compensate(): Promise<void> {
    for (const c of [...compensations].reverse()) {
      const [row] = await getDb()
        .select({ status: runSteps.status })
        .from(runSteps)
        .where(and(eq(runSteps.runId, run.id), eq(runSteps.key, c.key)));
      if (row?.status === "compensated") continue;
      try {
        await c.undo();
        await getDb()
          .update(runSteps)
          .set({ status: "compensated" })
          .where(and(eq(runSteps.runId, run.id), eq(runSteps.key, c.key)));
        await appendRunLog(run.id, "warn", `Compensated ${c.key}`, c.key);
      } catch (err) {
        await appendRunLog(
          run.id,
          "error",
          `Compensating ${c.key} failed: ${err instanceof Error ? err.message : String(err)}`,
          c.key,
        );
      }
    }
  }

  return { ctx, compensate };
}
