import { and, eq, sql } from "drizzle-orm";
import { statusEvents, statusMarks } from "@/db/schema";
import { updateEntity } from "@/lib/catalog/entities";
import { getEntityRow } from "@/lib/catalog/entity-lookup";
import { recordHealthChange } from "@/lib/dashboards/record-health";
import { getDb, type Tx } from "@/lib/db/client";
import { causeChain, unavailable } from "@/lib/errors";
import { statusActivity, statusPatch, type ApplyOutcome, type Delivery } from "./status-patch";
import { inTurn } from "./status-turns";

// lock_not_available: the lock_timeout below ran out.
export const isLockTimeout = (err: unknown) => causeChain(err).some((e) => (e as { code?: unknown }).code === "55P03");

/**
 * One delivery in its own transaction, waiting (bounded) for the deployment's lock: the path for the
 * deliveries a batch could not take (another process holds the deployment) or that failed with it.
 */
export async function applySingle(d: Delivery, limitMs: number): Promise<ApplyOutcome> {
  return inTurn(d.identifier, limitMs, () =>
    getDb()
      .transaction((tx) => applyLocked(tx, d, limitMs))
      .catch((err: unknown) => {
        // Another process held the deployment's lock too long: a 503 makes the sender retry.
        if (isLockTimeout(err)) throw unavailable(`Deployment "${d.identifier}" is busy; try again shortly`);
        throw err;
      }),
  );
}

async function applyLocked(tx: Tx, d: Delivery, limitMs: number): Promise<ApplyOutcome> {
  const { identifier, event, key, at } = d;
  // Lock waits are bounded like pool checkouts: past the limit the sender gets a 503, not silence.
  await tx.execute(sql.raw(`set local lock_timeout = ${Math.round(limitMs)}`));
  // One writer per deployment at a time: the mark check and the write must not interleave.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`status:${identifier}`}))`);
  const current = (await getEntityRow("deployment", identifier, { db: tx })).properties;
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
  const patch = statusPatch(current, event);
  if (Object.keys(patch).length === 0) return "unchanged";
  await updateEntity(
    "deployment",
    identifier,
    { properties: patch },
    { actor: d.source, db: tx, activity: statusActivity(d, current, patch) },
  );
  if (typeof patch.status === "string")
    await recordHealthChange(tx, {
      deployment: identifier,
      status: patch.status,
      version: String(patch.version ?? current.version ?? "") || null,
      at,
      actor: d.source,
    });
  return "applied";
}
