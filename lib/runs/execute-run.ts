import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import { runs } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/audit/append-audit";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { requireActionDefinition } from "./action-mirror";
import type { RunPorts } from "./ports";
import { createRunContext, RunCancelled } from "./run-context";
import { findRunEntity } from "./run-entity";
import { appendRunLog, getRun } from "./run-store";
import { getRunWiring } from "./run-wiring";
import { transitionRun } from "./transitions";
import type { Run } from "./types";

const HEARTBEAT_MS = 3000;

/**
 * Takes a run for this worker: a queued one, or one whose worker stopped sending heartbeats (it
 * crashed or was killed). Returns null when another worker has it or it already ended.
 */
async function claimRun(runId: string, workerId: string): Promise<Run | null> {
  const stale = sql`now() - make_interval(secs => ${getEnv().SLIPWAY_RUN_STALE_SECONDS})`;
  const claimed = await getDb().transaction(async (tx) => {
    const [row] = await tx
      .select({ status: runs.status, attempts: runs.attempts })
      .from(runs)
      .where(
        and(
          eq(runs.id, runId),
          or(eq(runs.status, "queued"), and(inArray(runs.status, ["running", "waiting"]), lt(runs.heartbeatAt, stale))),
        ),
      )
      .for("update", { skipLocked: true });
    if (!row) return null;
    const run = await getRun(runId, tx);
    const resumed = row.status !== "queued";
    await transitionRun(tx, run, "running", {
      actor: SYSTEM_ACTOR,
      verb: resumed ? "run.resume" : "run.start",
      patch: {
        workerId,
        heartbeatAt: sql`now()`,
        attempts: row.attempts + 1,
        startedAt: run.startedAt ? new Date(run.startedAt) : sql`now()`,
      },
      data: { worker: workerId, attempt: row.attempts + 1 },
    });
    return { resumed, attempt: row.attempts + 1 };
  });
  if (!claimed) return null;
  // Logged after the claim commits: the log row's foreign key would wait on the claim's row lock.
  if (claimed.resumed)
    await appendRunLog(
      runId,
      "warn",
      `Resumed by worker ${workerId} (attempt ${claimed.attempt}); finished steps are skipped`,
    );
  return getRun(runId);
}

async function finish(
  run: Run,
  to: "succeeded" | "failed" | "cancelled",
  patch: { result?: Record<string, unknown> | null; error?: string | null },
) {
  const current = await getRun(run.id);
  await getDb().transaction((tx) =>
    transitionRun(tx, current, to, {
      actor: SYSTEM_ACTOR,
      verb: `run.${to === "succeeded" ? "succeed" : to === "failed" ? "fail" : "cancel"}`,
      patch: { ...patch, workerId: null },
      data: patch.error ? { error: patch.error } : {},
    }),
  );
}

/**
 * Executes (or resumes) one run to its end. Safe to call for any run id, any number of times.
 * `makePorts` builds the ports for one run (default: the wired adapters, acting for its requester).
 */
export async function executeRun(
  runId: string,
  workerId: string,
  makePorts: (run: Run) => RunPorts = (run) => getRunWiring().portsFor(`run ${run.id} (${run.requestedByEmail})`),
): Promise<void> {
  const run = await claimRun(runId, workerId);
  if (!run) return;
  const heartbeat = setInterval(() => {
    void getDb()
      .update(runs)
      .set({ heartbeatAt: sql`now()` })
      .where(and(eq(runs.id, runId), eq(runs.workerId, workerId)))
      .catch(() => {});
  }, HEARTBEAT_MS);
  try {
    const def = requireActionDefinition(run.actionId);
    const entity = run.entity ? await findRunEntity(run.entity.blueprint, run.entity.identifier) : null;
    const { ctx, compensate } = createRunContext({
      id: runId,
      policy: run.policy,
      actor: { id: run.requestedBy, email: run.requestedByEmail },
      entity,
      ports: makePorts(run),
    });
    await appendRunLog(runId, "info", `Running ${def.title}`);
    try {
      const result = await def.execute(ctx, run.input);
      await appendRunLog(runId, "info", "Succeeded");
      await finish(run, "succeeded", { result: result ?? {} });
    } catch (err) {
      const cancelled = err instanceof RunCancelled;
      const message = err instanceof Error ? err.message : String(err);
      await appendRunLog(
        runId,
        cancelled ? "warn" : "error",
        cancelled ? "Cancelled; undoing finished steps" : `Failed: ${message}; undoing finished steps`,
      );
      await compensate();
      await finish(run, cancelled ? "cancelled" : "failed", { error: cancelled ? "Cancelled on request" : message });
    }
  } catch (err) {
    logger.error("run execution crashed", {
      runId,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
    throw err;
  } finally {
    clearInterval(heartbeat);
  }
}

/** Runs the sweep needs to (re)send to the queue: queued ones nobody took, and stale running ones. */
export async function findRunsToRecover(): Promise<string[]> {
  const staleSecs = getEnv().SLIPWAY_RUN_STALE_SECONDS;
  const rows = await getDb()
    .select({ id: runs.id })
    .from(runs)
    .where(
      or(
        and(eq(runs.status, "queued"), lt(runs.updatedAt, sql`now() - interval '10 seconds'`)),
        and(
          inArray(runs.status, ["running", "waiting"]),
          lt(runs.heartbeatAt, sql`now() - make_interval(secs => ${staleSecs})`),
        ),
      ),
    )
    .limit(100);
  return rows.map((r) => r.id);
}
