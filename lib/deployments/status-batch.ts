import { appendAuditBatch, type AuditEntry } from "@/lib/audit/append-audit";
import { diffChanges } from "@/lib/audit/diff";
import { getBlueprint } from "@/lib/catalog/blueprints";
import type { Blueprint } from "@/lib/catalog/types";
import { mergeProperties, validationKey } from "@/lib/catalog/entities";
import { validateProperties } from "@/lib/catalog/validation";
import { healthChangeCtes, type HealthChange } from "@/lib/dashboards/record-health";
import { getDb, type Tx } from "@/lib/db/client";
import { invalid, notFound, unavailable } from "@/lib/errors";
import { statusActivity, statusPatch, type ApplyOutcome, type Delivery } from "./status-patch";
import { readBatchState, writeBatchChanges, type BatchWrites } from "./status-batch-sql";
import { applySingle } from "./status-single";

// Group commit for status events. Every delivery used to take the audit chain lock and commit on its
// own, so ingestion ran at the speed of one commit after another. Deliveries arriving while a batch is
// being written wait in this queue and go together in the next: one transaction, one take of the chain
// lock, six round trips whatever the batch size (begin, read, write, rollup with the chain lock, audit
// rows, commit: under load each waits behind HTTP work on the event loop, so their number sets the rate).
// Each change still gets its own audit row. A deployment is never in two batches in flight at once.

const MAX_BATCH = 500;

type Waiting = { d: Delivery; queuedAt: number; settle: (r: ApplyOutcome | Error) => void };
const queue: Waiting[] = [];
// Two batches at once: while one waits on the database, the next is read and computed. More only
// queue on the same counter rows and the chain lock (measured: three were slower than two).
const MAX_IN_FLIGHT = 2;
let inFlight = 0;
// Deployments a batch in flight is writing: their next deliveries wait for it, so each deployment's
// deliveries still apply in arrival order, one batch after another.
const writing = new Set<string>();

/** Applies a delivery with the others that arrive meanwhile; same outcomes and errors as one at a time. */
export function applyBatched(d: Delivery, limitMs: number): Promise<ApplyOutcome> {
  return new Promise((resolve, reject) => {
    queue.push({ d, queuedAt: Date.now(), settle: (r) => (r instanceof Error ? reject(r) : resolve(r)) });
    startBatches(limitMs);
  });
}

function takeBatch(): Waiting[] {
  const batch: Waiting[] = [];
  const rest: Waiting[] = [];
  for (const w of queue) (batch.length < MAX_BATCH && !writing.has(w.d.identifier) ? batch : rest).push(w);
  queue.splice(0, queue.length, ...rest);
  return batch;
}

function startBatches(limitMs: number): void {
  while (inFlight < MAX_IN_FLIGHT && queue.length > 0) {
    const now = Date.now();
    const taken = takeBatch();
    if (taken.length === 0) return;
    // A delivery that waited past the limit is answered 503 (the sender retries), as a busy lock is.
    for (const w of taken.filter((w) => now - w.queuedAt > limitMs))
      w.settle(unavailable(`Deployment "${w.d.identifier}" is busy; try again shortly`));
    const batch = taken.filter((w) => now - w.queuedAt <= limitMs);
    const ids = new Set(batch.map((w) => w.d.identifier));
    for (const id of ids) writing.add(id);
    inFlight++;
    void applyBatch(batch, limitMs).finally(() => {
      inFlight--;
      for (const id of ids) writing.delete(id);
      startBatches(limitMs);
    });
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
    // Read outside the transaction, from the per-process cache a blueprint change invalidates.
    const bp = await getBlueprint("deployment");
    outcome = await getDb().transaction((tx) => writeBatch(tx, batch, bp, limitMs));
  } catch {
    // Nothing of the batch committed: each delivery gets its own transaction and its own answer.
    return applyOneByOne(batch, limitMs);
  }
  for (const [w, r] of outcome.settled) w.settle(r);
  await applyOneByOne(outcome.deferred, limitMs);
}

type BatchOutcome = { settled: [Waiting, ApplyOutcome | Error][]; deferred: Waiting[] };

async function writeBatch(tx: Tx, batch: Waiting[], bp: Blueprint, limitMs: number): Promise<BatchOutcome> {
  const state = await readBatchState(
    tx,
    [...new Set(batch.map((w) => w.d.identifier))],
    batch.map((w) => w.d.key),
    limitMs,
  );
  const { rows, known, marks } = state;
  const current = new Map(rows.map((r) => [r.identifier, { id: r.id, properties: r.properties }]));
  const seen = new Set(known);
  const markAt = new Map(marks.map((m) => [`${m.identifier}\u0000${m.sender}`, m.at]));
  const busy = new Set(state.busy);
  const out: BatchOutcome = { settled: [], deferred: [] };
  const newKeys: { key: string; entity: string }[] = [];
  const newMarks = new Map<string, { identifier: string; sender: string; at: Date }>();
  const activity: BatchWrites["activity"] = [];
  const audit: AuditEntry[] = [];
  const changed = new Set<string>();
  const healthChanges: HealthChange[] = [];

  // In arrival order, against the state the earlier deliveries of this batch left: as if one at a time.
  for (const w of batch) {
    const { identifier, event, key, at } = w.d;
    if (busy.has(identifier)) {
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

  if (newKeys.length === 0) return out;
  await writeBatchChanges(tx, {
    keys: newKeys,
    marks: [...newMarks.values()],
    updates: [...changed].map((i) => ({ id: current.get(i)!.id, properties: current.get(i)!.properties })),
    activity,
    changed: [...changed],
  });
  // Last: the chain lock is held until commit, so as briefly as possible. With it, the dashboards'
  // rollup, in arrival order as one-at-a-time delivery would write it.
  await appendAuditBatch(
    tx,
    audit,
    healthChanges.length > 0 ? { ctes: healthChangeCtes(healthChanges), done: "health_written" } : undefined,
  );
  return out;
}
