import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { statusEvents, statusMarks } from "@/db/schema";
import { updateEntity } from "@/lib/catalog/entities";
import { findEntityRow, getEntityRow } from "@/lib/catalog/entity-lookup";
import { getDb, type Tx } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { causeChain, invalid, notFound, unavailable } from "@/lib/errors";
import { entityIdentifier, MAX_CLOCK_SKEW_MS, observedAt, type ArgocdEvent } from "./argocd-event";
import { inTurn } from "./status-turns";
import { recordStatusEvent } from "@/lib/metrics/status-metrics";

export type ApplyOutcome = "applied" | "unchanged" | "duplicate" | "stale";

/** One line for the timeline: what moved, in the words people use for ArgoCD states. */
function describe(before: Record<string, unknown>, patch: Record<string, unknown>): string {
  const parts: string[] = [];
  if (patch.status !== undefined)
    parts.push(
      `Health ${String(before.status ?? "Unknown")} → ${String(patch.status)}${patch.health_message ? `: ${String(patch.health_message)}` : ""}`,
    );
  if (patch.sync_status !== undefined)
    parts.push(`Sync ${String(before.sync_status ?? "Unknown")} → ${String(patch.sync_status)}`);
  if (patch.revision !== undefined) parts.push(`revision ${String(patch.revision).slice(0, 8)}`);
  if (patch.version !== undefined) parts.push(`version ${String(patch.version)}`);
  if (patch.ready_replicas !== undefined || patch.replicas !== undefined)
    parts.push(
      `${String(patch.ready_replicas ?? before.ready_replicas ?? "?")}/${String(patch.replicas ?? before.replicas ?? "?")} ready`,
    );
  return parts.join(", ") || `Updated ${Object.keys(patch).join(", ")}`;
}

/**
 * Applies an ArgoCD status event to its deployment entity. The same event twice changes nothing the
 * second time (its hash is remembered); an event observed before the newest applied one is ignored.
 * Only fields that differ are written, each change lands on the entity's timeline. It never waits without
 * bound: a delivery that cannot get its turn, a connection or the deployment's lock in time throws
 * "unavailable" (503, so the sender retries) instead of being dropped.
 */
export async function applyArgocdEvent(
  event: ArgocdEvent,
  opts: { receivedAt?: Date; source: string },
): Promise<ApplyOutcome> {
  const identifier = entityIdentifier(event.entity);
  if (!(await findEntityRow("deployment", identifier))) throw notFound(`Deployment "${identifier}"`);
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
  const limitMs = getEnv().SLIPWAY_DB_ACQUIRE_TIMEOUT_MS;
  const outcome = await inTurn(identifier, limitMs, () =>
    getDb()
      .transaction((tx) => applyLocked(tx, delivery, limitMs))
      .catch((err: unknown) => {
        // Another process held the deployment's lock too long: a 503 makes the sender retry.
        if (isLockTimeout(err)) throw unavailable(`Deployment "${identifier}" is busy; try again shortly`);
        throw err;
      }),
  );
  recordStatusEvent(opts.source, outcome, at);
  return outcome;
}

type Delivery = { identifier: string; event: ArgocdEvent; key: string; at: Date; source: string };

// lock_not_available: the lock_timeout below ran out.
const isLockTimeout = (err: unknown) => causeChain(err).some((e) => (e as { code?: unknown }).code === "55P03");

async function applyLocked(tx: Tx, d: Delivery, limitMs: number): Promise<ApplyOutcome> {
  const { identifier, event, key, at } = d;
  // Lock waits are bounded like pool checkouts: past the limit the sender gets a 503, not silence.
  await tx.execute(sql.raw(`set local lock_timeout = ${Math.round(limitMs)}`));
  // One writer per deployment at a time: the mark check and the write must not interleave.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`status:${identifier}`}))`);
  const seen = await tx
    .insert(statusEvents)
    .values({ key, entity: identifier })
    .onConflictDoNothing()
    .returning({ key: statusEvents.key });
  if (seen.length === 0) return "duplicate";
  // Staleness within the sender's own sequence: another Application's clock says nothing about this one's.
  const sender = event.app ?? "";
  const [mark] = await tx
    .select({ observedAt: statusMarks.observedAt })
    .from(statusMarks)
    .where(
      and(
        eq(statusMarks.blueprint, "deployment"),
        eq(statusMarks.identifier, identifier),
        eq(statusMarks.sender, sender),
      ),
    );
  if (mark && mark.observedAt > at) return "stale";
  await tx
    .insert(statusMarks)
    .values({ blueprint: "deployment", identifier, sender, observedAt: at })
    .onConflictDoUpdate({
      target: [statusMarks.blueprint, statusMarks.identifier, statusMarks.sender],
      set: { observedAt: at },
    });
  const current = (await getEntityRow("deployment", identifier, { db: tx })).properties;
  const patch: Record<string, unknown> = Object.fromEntries(
    Object.entries(event.properties).filter(([k, v]) => v !== undefined && current[k] !== v),
  );
  // A health message belongs to the state it explains: leaving Degraded clears it.
  if (
    patch.status &&
    patch.status !== "Degraded" &&
    current.health_message &&
    event.properties.health_message === undefined
  )
    patch.health_message = null;
  if (Object.keys(patch).length === 0) return "unchanged";
  await updateEntity(
    "deployment",
    identifier,
    { properties: patch },
    {
      actor: d.source,
      db: tx,
      activity: {
        kind: "status",
        message: describe(current, patch),
        data: { event: event.event ?? null, observedAt: at.toISOString(), ...patch },
      },
    },
  );
  return "applied";
}
