import { eq, sql } from "drizzle-orm";
import { runs } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Authorize } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requestRun } from "./request-run";
import { appendRunLog, getRun, notifyRun } from "./run-store";
import { transitionRun } from "./transitions";
import type { Run } from "./types";

/**
 * Cancels a run. Not started yet: at once. Running: the worker stops before its next step and
 * compensates what it did. The requester, SREs and admins may cancel.
 */
export async function cancelRun(runId: string, user: SessionUser, authorize: Authorize): Promise<Run> {
  const run = await getRun(runId);
  authorize("update", { kind: "run", requestedBy: run.requestedBy });
  switch (run.status) {
    case "awaiting_approval":
    case "queued":
      await getDb().transaction((tx) =>
        transitionRun(tx, run, "cancelled", {
          actor: user.email,
          verb: "run.cancel",
          patch: { error: `Cancelled by ${user.email}` },
        }),
      );
      await appendRunLog(runId, "warn", `Cancelled by ${user.email}`);
      break;
    case "running":
    case "waiting":
      if (run.cancelRequested) throw new AppError("conflict", "Cancellation was already requested");
      await getDb().transaction(async (tx) => {
        await tx
          .update(runs)
          .set({ cancelRequested: true, updatedAt: sql`now()` })
          .where(eq(runs.id, runId));
        await appendAudit(tx, { actor: user.email, verb: "run.cancel_request", target: `run:${runId}` });
      });
      await appendRunLog(runId, "warn", `Cancellation requested by ${user.email}; stopping before the next step`);
      await notifyRun(runId);
      break;
    case "succeeded":
    case "failed":
    case "declined":
    case "cancelled":
      throw new AppError("conflict", `The run already ended (${run.status})`);
    default: {
      const unreachable: never = run.status;
      return unreachable;
    }
  }
  return getRun(runId);
}

/** A new run of the same action, entity and inputs, requested (and approved) afresh. */
export async function rerunRun(runId: string, user: SessionUser, authorize: Authorize): Promise<Run> {
  const run = await getRun(runId);
  const { run: fresh } = await requestRun({
    action: run.actionId,
    user,
    authorize,
    entity: run.entity?.identifier ?? null,
    input: run.input,
    via: "ui",
    rerunOf: run.id,
  });
  return fresh;
}
