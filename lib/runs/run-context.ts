import { and, eq, sql } from "drizzle-orm";
import { runSteps } from "@/db/schema";
import { getDb } from "@/lib/db/client";
import type { EntityRef, RunActor, RunContext, StepOptions } from "./define-action";
import { assertClaim, isClaimLost, underClaim, type RunClaim } from "./run-claim";
import { drainRequested, RunHandedBack } from "./run-handback";
import { addRunLink, appendRunLog, notifyRun } from "./run-store";
import { markRunWaiting } from "./transitions";
import type { CompensationSummary } from "./compensation-message";
import type { ApprovalPolicy } from "./types";
import { sleep } from "@/lib/sleep";

export class RunCancelled extends Error {
  constructor() {
    super("Cancelled on request");
  }
}

type Compensation = { key: string; undo: () => Promise<void> };

// Steps that only read or check: nothing of theirs stays in effect after a failure.
const isReadOnlyStep = (key: string) => /^(read|check|resolve|find|wait)-/.test(key);

// JSON round trip: what a resumed run gets back from the database is exactly what a fresh one sees.
export const toJson = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

/**
 * The context handed to an executor, plus the compensations its finished steps registered. Every
 * write it makes (step checkpoints, log lines, links, waiting) is fenced by the worker's claim.
 */
export function createRunContext<Ports>(run: {
  claim: RunClaim;
  actor: RunActor;
  policy: ApprovalPolicy | null;
  changeTicket?: string | null;
  entity: EntityRef | null;
  ports: Ports;
}) {
  const { claim } = run;
  const runId = claim.runId;
  const compensations: Compensation[] = [];
  const log = (level: "info" | "warn" | "error", step: string | null) => (message: string) =>
    underClaim(claim, (tx) => appendRunLog(runId, level, message, step, tx));

  async function step<T>(key: string, fn: () => Promise<T>, opts: StepOptions<T> = {}): Promise<T> {
    const where = and(eq(runSteps.runId, runId), eq(runSteps.key, key));
    const done = await underClaim(claim, async (tx, held) => {
      if (held.cancelRequested) throw new RunCancelled();
      const [row] = await tx.select({ status: runSteps.status, result: runSteps.result }).from(runSteps).where(where);
      if (row?.status === "succeeded") return row;
      // A stopping worker starts no new step: the run goes to another worker, which starts it there.
      if (drainRequested()) throw new RunHandedBack();
      await tx
        .insert(runSteps)
        .values({ runId, key, status: "running" })
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
      await notifyRun(runId, tx);
      return null;
    });
    if (done) {
      // Replayed from its checkpoint: the side effect already happened in an earlier attempt.
      if (opts.compensate) compensations.push({ key, undo: () => opts.compensate!(done.result as T) });
      return done.result as T;
    }
    let result: T;
    try {
      result = toJson(await fn()) as T;
    } catch (err) {
      // A worker that lost its claim records nothing: the step belongs to whoever holds it now. A
      // handed-back step (a wait interrupted by SIGTERM) is not failed either: it runs again on resume.
      if (isClaimLost(claim, err) || err instanceof RunHandedBack) throw err;
      const message = err instanceof Error ? err.message : String(err);
      await underClaim(claim, async (tx) => {
        await tx
          .update(runSteps)
          .set({ status: "failed", error: message, finishedAt: sql`now()` })
          .where(where);
        await appendRunLog(runId, "error", message, key, tx);
      });
      throw err;
    }
    await underClaim(claim, async (tx) => {
      await tx
        .update(runSteps)
        .set({ status: "succeeded", result, finishedAt: sql`now()` })
        .where(where);
      await notifyRun(runId, tx);
    });
    if (opts.compensate) compensations.push({ key, undo: () => opts.compensate!(result) });
    return result;
  }

  const ctx: RunContext<Ports> = {
    runId,
    actor: run.actor,
    policy: run.policy,
    changeTicket: run.changeTicket ?? null,
    entity: run.entity,
    ports: run.ports,
    signal: claim.signal,
    log: { info: log("info", null), warn: log("warn", null), error: log("error", null) },
    step,
    link: (link) => underClaim(claim, (tx) => addRunLink(runId, link, tx)),
    waitUntil: async (key, check, opts = {}) => {
      const timeoutMs = opts.timeoutMs ?? 10 * 60_000;
      const intervalMs = opts.intervalMs ?? 1000;
      await step(key, async () => {
        await markRunWaiting(claim, true, key);
        const deadline = Date.now() + timeoutMs;
        try {
          for (;;) {
            if (await assertClaim(claim)) throw new RunCancelled();
            if (drainRequested()) throw new RunHandedBack();
            const state = await check();
            if (state.failure) throw new Error(state.failure);
            if (state.done) return { note: state.note ?? null };
            if (Date.now() > deadline)
              throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${key}`);
            await sleep(intervalMs);
          }
        } finally {
          await markRunWaiting(claim, false, key);
        }
      });
    },
  };

  /**
   * Undoes finished steps, newest first; each undo is itself checkpointed as `compensated`. The claim
   * is checked before every undo: a worker that lost it throws ClaimLostError instead of undoing
   * what the run's new holder may have finished. Returns what was undone and what stays in effect.
   */
  async function compensate(): Promise<CompensationSummary> {
    const undone: string[] = [];
    const failed: string[] = [];
    for (const c of [...compensations].reverse()) {
      const where = and(eq(runSteps.runId, runId), eq(runSteps.key, c.key));
      const [row] = await getDb().select({ status: runSteps.status }).from(runSteps).where(where);
      if (row?.status === "compensated") {
        undone.push(c.key);
        continue;
      }
      await assertClaim(claim);
      try {
        await c.undo();
      } catch (err) {
        if (isClaimLost(claim, err)) throw err;
        const message = `Compensating ${c.key} failed: ${err instanceof Error ? err.message : String(err)}`;
        await underClaim(claim, (tx) => appendRunLog(runId, "error", message, c.key, tx));
        failed.push(c.key);
        continue;
      }
      await underClaim(claim, async (tx) => {
        await tx.update(runSteps).set({ status: "compensated" }).where(where);
        await appendRunLog(runId, "warn", `Compensated ${c.key}`, c.key, tx);
      });
      undone.push(c.key);
    }
    // Finished steps that registered no undo: what they changed is still there.
    const finished = await getDb()
      .select({ key: runSteps.key })
      .from(runSteps)
      .where(and(eq(runSteps.runId, runId), eq(runSteps.status, "succeeded")))
      .orderBy(runSteps.startedAt);
    const kept = finished.map((r) => r.key).filter((k) => !failed.includes(k) && !isReadOnlyStep(k));
    return { undone, failed, kept };
  }

  return { ctx, compensate };
}
