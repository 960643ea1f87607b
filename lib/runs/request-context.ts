import { and, eq, sql } from "drizzle-orm";
import { runSteps } from "@/db/schema";
import { getDb } from "@/lib/db/client";
import type { EntityRef, RunActor, RunContext } from "./define-action";
import type { RunPorts } from "./ports";
import { toJson } from "./run-context";
import { addRunLink, appendRunLog, notifyRun } from "./run-store";

/**
 * Runs one checkpointed step of a run that no worker holds (it awaits approval, or has ended): the
 * same `run_steps` row a worker's step uses, so the executor later replays a step finished here
 * instead of repeating its side effect. A step left `running` by a crash runs again, so its side
 * effect must be idempotent (open-or-find a pull request, comment unless the marker is there).
 */
export async function runUnclaimedStep<T>(runId: string, key: string, fn: () => Promise<T>): Promise<T> {
  const db = getDb();
  const where = and(eq(runSteps.runId, runId), eq(runSteps.key, key));
  const [row] = await db.select({ status: runSteps.status, result: runSteps.result }).from(runSteps).where(where);
  if (row?.status === "succeeded") return row.result as T;
  await db
    .insert(runSteps)
    .values({ runId, key, status: "running" })
    .onConflictDoUpdate({
      target: [runSteps.runId, runSteps.key],
      set: { status: "running", error: null, attempts: sql`${runSteps.attempts} + 1`, startedAt: sql`now()` },
    });
  let result: T;
  try {
    result = toJson(await fn()) as T;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await db
      .update(runSteps)
      .set({ status: "failed", error: message, finishedAt: sql`now()` })
      .where(where);
    throw err;
  }
  await db
    .update(runSteps)
    .set({ status: "succeeded", result, finishedAt: sql`now()` })
    .where(where);
  await notifyRun(runId);
  return result;
}

/** The context `propose` gets when the run is requested: steps, log lines and links, no waiting. */
export function createRequestContext(run: {
  runId: string;
  actor: RunActor;
  entity: EntityRef | null;
  changeTicket: string | null;
  ports: RunPorts;
}): RunContext {
  const log = (level: "info" | "warn" | "error") => (message: string) => appendRunLog(run.runId, level, message);
  return {
    runId: run.runId,
    actor: run.actor,
    policy: null,
    changeTicket: run.changeTicket,
    entity: run.entity,
    ports: run.ports,
    signal: new AbortController().signal,
    log: { info: log("info"), warn: log("warn"), error: log("error") },
    step: (key, fn) => runUnclaimedStep(run.runId, key, fn),
    link: (link) => addRunLink(run.runId, link),
    waitUntil: () => Promise.reject(new Error("A run cannot wait before it is approved")),
  };
}
