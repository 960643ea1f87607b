import { and, eq, sql, type SQL } from "drizzle-orm";
import { runs } from "@/db/schema";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/audit/append-audit";
import type { Executor } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { underClaim, type RunClaim } from "./run-claim";
import { notifyRun } from "./run-store";
import type { RunStatus } from "./types";

/** The state machine: which status may follow which (a stale running run may be re-claimed). */
export function nextStatuses(from: RunStatus): readonly RunStatus[] {
  switch (from) {
    case "awaiting_approval":
      return ["queued", "declined", "cancelled"];
    case "queued":
      return ["running", "cancelled"];
    case "running":
      return ["running", "waiting", "succeeded", "failed", "cancelled"];
    case "waiting":
      return ["running", "waiting", "succeeded", "failed", "cancelled"];
    case "succeeded":
    case "failed":
    case "declined":
    case "cancelled":
      return [];
    default: {
      const unreachable: never = from;
      return unreachable;
    }
  }
}

type Insert = typeof runs.$inferInsert;
type Patch = { [K in keyof Insert]?: Insert[K] | SQL };

/**
 * Moves a run from `from` to `to` (compare-and-set on the status, so two writers cannot both win),
 * audits the transition in the same transaction and wakes live views once it commits.
 */
export async function transitionRun(
  tx: Executor,
  run: { id: string; status: RunStatus },
  to: RunStatus,
  opts: { actor: string; verb: string; patch?: Patch; data?: Record<string, unknown> },
): Promise<void> {
  if (!nextStatuses(run.status).includes(to))
    throw new AppError(
      "conflict",
      `The run is ${run.status.replace("_", " ")}; it cannot become ${to.replace("_", " ")}`,
    );
  const finished = to === "succeeded" || to === "failed" || to === "declined" || to === "cancelled";
  const updated = await tx
    .update(runs)
    .set({ ...opts.patch, status: to, updatedAt: sql`now()`, ...(finished ? { finishedAt: sql`now()` } : {}) })
    .where(and(eq(runs.id, run.id), eq(runs.status, run.status)))
    .returning({ id: runs.id });
  if (updated.length === 0) throw new AppError("conflict", "The run changed meanwhile; reload and try again");
  await appendAudit(tx, {
    actor: opts.actor,
    verb: opts.verb,
    target: `run:${run.id}`,
    data: { from: run.status, to, ...opts.data },
  });
  await notifyRun(run.id, tx);
}

/**
 * Marks a running run as waiting on the outside world (`waiting`), or running again once the wait
 * is over, under the worker's claim: a run re-claimed by another worker meanwhile throws
 * ClaimLostError, one already in the target status is left alone.
 */
export async function markRunWaiting(claim: RunClaim, waiting: boolean, step: string): Promise<void> {
  const from: RunStatus = waiting ? "running" : "waiting";
  const to: RunStatus = waiting ? "waiting" : "running";
  await underClaim(
    claim,
    async (tx, { status }) => {
      if (status !== from) return;
      await transitionRun(tx, { id: claim.runId, status: from }, to, {
        actor: SYSTEM_ACTOR,
        verb: waiting ? "run.wait" : "run.wait_end",
        data: { step },
      });
    },
    "update",
  );
}
