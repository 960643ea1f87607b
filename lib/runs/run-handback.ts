import { eq, sql } from "drizzle-orm";
import { runs } from "@/db/schema";
import { underClaim, type RunClaim } from "./run-claim";
import { appendRunLog, notifyRun } from "./run-store";

/** This worker is stopping: its runs stop before their next step and go back to the other workers. */
export class RunHandedBack extends Error {
  constructor() {
    super("Worker is stopping; the run is handed back");
  }
}

// Per process: set once on SIGTERM, never cleared (the process is on its way out).
const drain = { requested: false };

export function requestDrain(): void {
  drain.requested = true;
}

export const drainRequested = (): boolean => drain.requested;

/**
 * Gives the run up under the claim: no worker holds it and its heartbeat is stale now, so the next
 * worker to look (the queue message sent after this, or any sweep) resumes it from its last finished
 * step at once instead of after SLIPWAY_RUN_STALE_SECONDS. Finished steps stay finished; nothing is
 * compensated. A claim already lost throws ClaimLostError: the run is someone else's anyway.
 */
export async function handBackRun(claim: RunClaim, why: string): Promise<void> {
  await underClaim(
    claim,
    async (tx) => {
      await appendRunLog(claim.runId, "warn", `Handed back by worker ${claim.workerId} (${why})`, null, tx);
      await tx
        .update(runs)
        .set({ workerId: null, heartbeatAt: sql`'epoch'::timestamptz`, updatedAt: sql`now()` })
        .where(eq(runs.id, claim.runId));
      await notifyRun(claim.runId, tx);
    },
    "update",
  );
}
