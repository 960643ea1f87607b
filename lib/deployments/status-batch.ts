import { and, eq, inArray, sql } from "drizzle-orm";
import { entities, entityActivity, statusEvents, statusMarks } from "@/db/schema";
import { appendAuditBatch, type AuditEntry } from "@/lib/audit/append-audit";
import { diffChanges } from "@/lib/audit/diff";
import { getBlueprint } from "@/lib/catalog/blueprints";
import { mergeProperties, validationKey } from "@/lib/catalog/entities";
import { ENTITY_EVENTS_CHANNEL } from "@/lib/catalog/entity-events";
import { validateProperties } from "@/lib/catalog/validation";
import { recordHealthChanges, type HealthChange } from "@/lib/dashboards/record-health";
import { getDb, type Tx } from "@/lib/db/client";
import { invalid, notFound, unavailable } from "@/lib/errors";
import { statusActivity, statusPatch, type ApplyOutcome, type Delivery } from "./status-patch";
import { applySingle } from "./status-single";

// Group commit for status events. Every delivery used to take the audit chain lock and commit on its
// own, so ingestion ran at the speed of one commit after another. Deliveries arriving while a batch is
// being written wait in this queue and go together in the next: one transaction, one take of the chain
// lock, a handful of statements whatever the batch size. Each change still gets its own audit row.

const MAX_BATCH = 500;

type Waiting = { d: Delivery; queuedAt: number; settle: (r: ApplyOutcome | Error) => void };
const queue: Waiting[] = [];
let draining = false;

/** Applies a delivery with the others that arrive meanwhile; same outcomes and errors as one at a time. */
export function applyBatched(d: Delivery, limitMs: number): Promise<ApplyOutcome> {
  return new Promise((resolve, reject) => {
    queue.push({ d, queuedAt: Date.now(), settle: (r) => (r instanceof Error ? reject(r) : resolve(r)) });
    if (!draining) void drain(limitMs);
  });
}

async function drain(limitMs: number): Promise<void> {
  draining = true;
  try {
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      const now = Date.now();
      // A delivery that waited past the limit is answered 503 (the sender retries), as a busy lock is.
      for (const w of batch.filter((w) => now - w.queuedAt > limitMs))
        w.settle(unavailable(`Deployment "${w.d.identifier}" is busy; try again shortly`));
      await applyBatch(
        batch.filter((w) => now - w.queuedAt <= limitMs),
        limitMs,
      );
    }
  } finally {
    draining = false;
  }
}

const asError = (err: unknown) => (err instanceof Error ? err : new Error(String(err)));

async function applyOneByOne(waiting: Waiting[], limitMs: number): Promise<void> {
  for (const w of waiting) w.settle(await applySingle(w.d, limitMs).catch(asError));
}

async function applyBatch(batch: Waiting[], limitMs: number): Promise<void> {
  if (batch.length === 0) return;
  let outcome: BatchOutcome;
  try {
    outcome = await getDb().transaction((tx) => writeBatch(tx, batch, limitMs));
  } catch {
    // Nothing of the batch committed: each delivery gets its own transaction and its own answer.
    return applyOneByOne(batch, limitMs);
  }
  for (const [w, r] of outcome.settled) w.settle(r);
  await applyOneByOne(outcome.deferred, limitMs);
}

type BatchOutcome = { settled: [Waiting, ApplyOutcome | Error][]; deferred: Waiting[] };

async function lockDeployments(tx: Tx, identifiers: string[]): Promise<Set<string>> {
  // Try, never wait: a deployment another process is writing goes to the one-at-a-time path instead.
  const got = await tx.execute<{ identifier: string }>(sql`
    select x as identifier from jsonb_array_elements_text(${JSON.stringify(identifiers)}::jsonb) x
    where pg_try_advisory_xact_lock(hashtext('status:' || x))`);
  return new Set(got.rows.map((r) => r.identifier));
}

async function writeBatch(tx: Tx, batch: Waiting[], limitMs: number): Promise<BatchOutcome> {
  await tx.execute(sql.raw(`set local lock_timeout = ${Math.round(limitMs)}`));
  const locked = [...(await lockDeployments(tx, [...new Set(batch.map((w) => w.d.identifier))]))];
  const keys = batch.map((w) => w.d.key);
  const [rows, known, marks, bp] = [
    locked.length === 0
      ? []
      : await tx
          .select({ id: entities.id, identifier: entities.identifier, properties: entities.properties })
          .from(entities)
          .where(and(eq(entities.blueprint, "deployment"), inArray(entities.identifier, locked)))
          .orderBy(entities.id)
          .for("update"),
    await tx.select({ key: statusEvents.key }).from(statusEvents).where(inArray(statusEvents.key, keys)),
    locked.length === 0
      ? []
      : await tx
          .select({ identifier: statusMarks.identifier, sender: statusMarks.sender, at: statusMarks.observedAt })
          .from(statusMarks)
          .where(and(eq(statusMarks.blueprint, "deployment"), inArray(statusMarks.identifier, locked))),
    await getBlueprint("deployment", tx),
  ];
  const current = new Map(rows.map((r) => [r.identifier, { id: r.id, properties: r.properties }]));
  const seen = new Set(known.map((k) => k.key));
  const markAt = new Map(marks.map((m) => [`${m.identifier}\u0000${m.sender}`, m.at]));
  const isLocked = new Set(locked);
  const out: BatchOutcome = { settled: [], deferred: [] };
  const newKeys: { key: string; entity: string }[] = [];
  const newMarks = new Map<string, { identifier: string; sender: string; at: Date }>();
  const activity: (typeof entityActivity.$inferInsert)[] = [];
  const audit: AuditEntry[] = [];
  const changed = new Set<string>();
  const healthChanges: HealthChange[] = [];

  // In arrival order, against the state the earlier deliveries of this batch left: as if one at a time.
  for (const w of batch) {
    const { identifier, event, key, at } = w.d;
    if (!isLocked.has(identifier)) {
      out.deferred.push(w);
      continue;
    }
    const entity = current.get(identifier);
    if (!entity) {
      out.settled.push([w, notFound(`Deployment "${identifier}"`)]);
      continue;
    }
    if (seen.has(key)) {
      out.settled.push([w, "duplicate"]);
      continue;
    }
    const sender = event.app ?? "";
    const markKey = `${identifier}\u0000${sender}`;
    const mark = markAt.get(markKey);
    const patch = statusPatch(entity.properties, event);
    const after = mergeProperties(entity.properties, patch);
    const fields =
      Object.keys(patch).length > 0 && !(mark && mark > at)
        ? validateProperties(validationKey(bp), bp.schema, after)
        : {};
    // An invalid change is refused whole, as its own transaction would roll back: not even remembered as seen.
    if (Object.keys(fields).length > 0) {
      out.settled.push([w, invalid(fields)]);
      continue;
    }
    seen.add(key);
    newKeys.push({ key, entity: identifier });
    if (mark && mark > at) {
      out.settled.push([w, "stale"]);
      continue;
    }
    markAt.set(markKey, at);
    newMarks.set(markKey, { identifier, sender, at });
    if (Object.keys(patch).length === 0) {
      out.settled.push([w, "unchanged"]);
      continue;
    }
    activity.push({ entityId: entity.id, actor: w.d.source, ...statusActivity(w.d, entity.properties, patch) });
    audit.push({
      actor: w.d.source,
      verb: "entity.update",
      target: `entity:deployment/${identifier}`,
      data: diffChanges({ properties: entity.properties }, { properties: after }, ["properties"]),
    });
    current.set(identifier, { id: entity.id, properties: after });
    changed.add(identifier);
    if (typeof patch.status === "string")
      healthChanges.push({
        deployment: identifier,
        status: patch.status,
        version: String(after.version ?? "") || null,
        at,
        actor: w.d.source,
      });
    out.settled.push([w, "applied"]);
  }

  if (newKeys.length > 0) await tx.insert(statusEvents).values(newKeys).onConflictDoNothing();
  if (newMarks.size > 0)
    await tx
      .insert(statusMarks)
      .values([...newMarks.values()].map((m) => ({ blueprint: "deployment", ...m, observedAt: m.at })))
      .onConflictDoUpdate({
        target: [statusMarks.blueprint, statusMarks.identifier, statusMarks.sender],
        set: { observedAt: sql`excluded.observed_at` },
      });
  if (changed.size > 0) {
    const updates = [...changed].map((i) => ({ id: current.get(i)!.id, p: current.get(i)!.properties }));
    await tx.execute(sql`update entities e set properties = v.p, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as v(id bigint, p jsonb) where e.id = v.id`);
    await tx.insert(entityActivity).values(activity);
    // The dashboards' rollup, in arrival order as one-at-a-time delivery would write it.
    await recordHealthChanges(tx, healthChanges);
    // Wakes the live catalog views of each changed deployment when this commits (see notifyEntity).
    await tx.execute(sql`select pg_notify(${ENTITY_EVENTS_CHANNEL}, 'deployment/' || x)
      from jsonb_array_elements_text(${JSON.stringify([...changed])}::jsonb) x`);
    // Last: the chain lock is held until commit, so as briefly as possible.
    await appendAuditBatch(tx, audit);
  }
  return out;
}
