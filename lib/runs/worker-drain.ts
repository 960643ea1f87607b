import { logger } from "@/lib/logger";
import { sleep } from "@/lib/sleep";
import { ClaimLostError } from "./run-claim";
import { enqueueRun } from "./queue";
import { handBackRun, requestDrain } from "./run-handback";
import { heldClaims } from "./run-heartbeat";

/**
 * SIGTERM on a worker: its runs start no new step (each is handed back to the other workers at its
 * next step boundary, or at once while it waits on the outside world), and the steps in progress
 * get `graceMs` to finish. A run whose step is still going then is handed back as it stands: that
 * step runs again on another worker, as after a crash (steps are idempotent), while fencing keeps
 * this worker from writing anything more. Resolves once nothing is held.
 */
export async function drainRuns(inFlight: () => number, graceMs: number): Promise<void> {
  requestDrain();
  const deadline = Date.now() + graceMs;
  while (inFlight() > 0 && Date.now() < deadline) await sleep(100);
  for (const held of heldClaims()) {
    const claim = { ...held, signal: new AbortController().signal };
    try {
      await handBackRun(claim, "stopped before its step finished");
      await enqueueRun(held.runId);
      logger.warn("handed back a run whose step outlived the drain period", { runId: held.runId });
    } catch (err) {
      if (!(err instanceof ClaimLostError)) throw err;
    }
  }
}
