import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import { runs } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/audit/append-audit";
import { recordRunDeployment } from "@/lib/dashboards/record-events";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { requireActionDefinition } from "./action-mirror";
import type { RunPorts } from "./ports";
import { ClaimLostError, fencePorts, isClaimLost, lostClaim, underClaim, type RunClaim } from "./run-claim";
import { describeCompensation } from "./compensation-message";
import { createRunContext, RunCancelled } from "./run-context";
import { handBackRun, RunHandedBack } from "./run-handback";
import { holdHeartbeat } from "./run-heartbeat";
import { enqueueRun } from "./queue";
import { findRunEntity } from "./run-entity";
import { appendRunLog, getRun } from "./run-store";
import { getRunWiring } from "./run-wiring";
import { transitionRun } from "./transitions";
import type { Run } from "./types";

/**
 * Takes a run for this worker: a queued one, or one whose worker stopped sending heartbeats (it
 * crashed, was killed or stalled). Returns null when another worker has it or it already ended.
 * The claim's token is the new `attempts`: whoever held the run before now holds an older one.
 */
async function claimRun(runId: string, workerId: string): Promise<{ run: Run; token: number } | null> {
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
    const token = row.attempts + 1;
    await transitionRun(tx, run, "running", {
      actor: SYSTEM_ACTOR,
      verb: resumed ? "run.resume" : "run.start",
      patch: {
        workerId,
        heartbeatAt: sql`now()`,
        attempts: token,
        startedAt: run.startedAt ? new Date(run.startedAt) : sql`now()`,
      },
      data: { worker: workerId, attempt: token },
    });
    if (resumed)
      await appendRunLog(
        runId,
        "warn",
        `Resumed by worker ${workerId} (attempt ${token}); finished steps are skipped`,
        null,
        tx,
      );
    return { run: await getRun(runId, tx), token };
  });
  return claimed;
}

/** Ends the run under the claim, with its last log line in the same transaction. */
async function finish(
  claim: RunClaim,
  to: "succeeded" | "failed" | "cancelled",
  patch: { result?: Record<string, unknown> | null; error?: string | null },
  line: { level: "info" | "warn" | "error"; message: string } | null = null,
  deployed: Run | null = null,
) {
  await underClaim(
    claim,
    async (tx, { status }) => {
      if (line) await appendRunLog(claim.runId, line.level, line.message, null, tx);
      // The dashboards' rollup learns of a deployment in the transaction that ends its run.
      if (deployed && to === "succeeded") await recordRunDeployment(tx, deployed, patch.result ?? {});
      await transitionRun(tx, { id: claim.runId, status }, to, {
        actor: SYSTEM_ACTOR,
        verb: `run.${to === "succeeded" ? "succeed" : to === "failed" ? "fail" : "cancel"}`,
        patch: { ...patch, workerId: null },
        data: patch.error ? { error: patch.error } : {},
      });
    },
    "update",
  );
}

/** Runs the executor; on failure or cancellation undoes finished steps. Throws ClaimLostError. */
async function runToEnd(claim: RunClaim, run: Run, ports: RunPorts): Promise<void> {
  const def = requireActionDefinition(run.actionId);
  const entity = run.entity ? await findRunEntity(run.entity.blueprint, run.entity.identifier) : null;
  const { ctx, compensate } = createRunContext({
    claim,
    policy: run.policy,
    changeTicket: run.changeTicket,
    actor: { id: run.requestedBy, email: run.requestedByEmail },
    entity,
    ports: fencePorts(ports, claim),
  });
  await ctx.log.info(`Running ${def.title}`);
  let result: Record<string, unknown> | void;
  try {
    result = await def.execute(ctx, run.input);
  } catch (err) {
    // Lost the claim: the run is someone else's now, and what it finished must stay finished.
    if (isClaimLost(claim, err)) throw new ClaimLostError(claim);
    // This worker is stopping: another one resumes the run from its last finished step.
    if (err instanceof RunHandedBack) {
      await handBackRun(claim, "stopping");
      await enqueueRun(claim.runId);
      return;
    }
    const cancelled = err instanceof RunCancelled;
    const message = err instanceof Error ? err.message : String(err);
    await underClaim(claim, (tx) =>
      appendRunLog(claim.runId, cancelled ? "warn" : "error", cancelled ? "Cancelled" : `Failed: ${message}`, null, tx),
    );
    const undo = describeCompensation(await compensate());
    await finish(
      claim,
      cancelled ? "cancelled" : "failed",
      { error: `${(cancelled ? "Cancelled on request" : message).replace(/[.\s]+$/, "")}. ${undo}` },
      { level: "warn", message: undo },
    );
    return;
  }
  await finish(claim, "succeeded", { result: result ?? {} }, { level: "info", message: "Succeeded" }, run);
}

/**
 * Executes (or resumes) one run to its end. Safe to call for any run id, any number of times.
 * `makePorts` builds the ports for one run (default: the wired adapters, acting for its requester).
 * A worker that finds its claim lost stops at once and logs that (process log, not the run's).
 */
export async function executeRun(
  runId: string,
  workerId: string,
  makePorts: (run: Run) => RunPorts = (run) => getRunWiring().portsFor(`run ${run.id} (${run.requestedByEmail})`),
): Promise<void> {
  const claimed = await claimRun(runId, workerId);
  if (!claimed) return;
  const heartbeat = holdHeartbeat(runId, claimed.token, workerId);
  const claim: RunClaim = { runId, token: claimed.token, workerId, signal: heartbeat.signal };
  try {
    await runToEnd(claim, claimed.run, makePorts(claimed.run));
  } catch (err) {
    // A stall can also surface as another error first (its connection ended by the server): the
    // claim decides whether this worker may still report anything.
    if (isClaimLost(claim, err) || (await lostClaim(claim))) {
      logger.warn("worker lost its claim on the run; stopping without compensating", {
        runId,
        worker: workerId,
        attempt: claim.token,
      });
      return;
    }
    logger.error("run execution crashed", {
      runId,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
    throw err;
  } finally {
    heartbeat.release();
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
