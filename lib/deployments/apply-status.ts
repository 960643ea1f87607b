import { createHash } from "node:crypto";
import { getEnv } from "@/lib/env";
import { invalid } from "@/lib/errors";
import { entityIdentifier, MAX_CLOCK_SKEW_MS, observedAt, type ArgocdEvent } from "./argocd-event";
import { applyBatched } from "./status-batch";
import type { ApplyOutcome, Delivery } from "./status-patch";
import { recordStatusEvent } from "@/lib/metrics/status-metrics";

export type { ApplyOutcome } from "./status-patch";

/**
 * Applies an ArgoCD status event to its deployment entity. The same event twice changes nothing the
 * second time (its hash is remembered); an event observed before the newest applied one is ignored.
 * Only fields that differ are written, each change lands on the entity's timeline. It never waits without
 * bound: a delivery that cannot get its turn, a connection or the deployment's lock in time throws
 * "unavailable" (503, so the sender retries) instead of being dropped. Deliveries arriving together are
 * written together (status-batch.ts), each with its own outcome.
 */
export async function applyArgocdEvent(
  event: ArgocdEvent,
  opts: { receivedAt?: Date; source: string },
): Promise<ApplyOutcome> {
  const identifier = entityIdentifier(event.entity);
  const receivedAt = opts.receivedAt ?? new Date();
  const at = observedAt(event, receivedAt);
  if (at.getTime() > receivedAt.getTime() + MAX_CLOCK_SKEW_MS) {
    throw invalid(
      {
        observedAt: [
          `${at.toISOString()} is more than 5 minutes ahead of this server's clock; check the sender's clock`,
        ],
      },
      "Event from the future",
    );
  }
  const key = createHash("sha256")
    .update(JSON.stringify({ ...event, entity: identifier }))
    .digest("hex");
  const delivery: Delivery = { identifier, event, key, at, source: opts.source };
  const outcome = await applyBatched(delivery, getEnv().SLIPWAY_DB_ACQUIRE_TIMEOUT_MS);
  recordStatusEvent(opts.source, outcome, at);
  return outcome;
}
