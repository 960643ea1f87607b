import { sql } from "drizzle-orm";
import { chainAuditRows, takeAuditChainSql, type TakenChain, type WrittenBefore } from "@/lib/audit/append-audit";
import { getBlueprint } from "@/lib/catalog/blueprints";
import { requestFacetFold } from "@/lib/catalog/facet-fold";
import type { Blueprint } from "@/lib/catalog/types";
import { healthChangeCtes } from "@/lib/dashboards/record-health";
import { compactTransaction, type CompactTransaction } from "@/lib/db/compact-transaction";
import { unavailable } from "@/lib/errors";
import { planBatch, type BatchPlan } from "./status-batch-plan";
import { batchWritesCtes, readBatchStateSql, toBatchState, type BatchStateRow } from "./status-batch-sql";
import type { ApplyOutcome, Delivery } from "./status-patch";
import { applySingle } from "./status-single";

// Group commit for status events. Every delivery used to take the audit chain lock and commit on its
// own, so ingestion ran at the speed of one commit after another. Deliveries arriving while a batch is
// being written wait in this queue and go together in the next: one transaction, one take of the chain
// lock, three round trips whatever the batch size (under load each waits behind HTTP work on the event
// loop, so their number sets the rate). Each change still gets its own audit row. A deployment is never
// in two batches in flight at once.

const MAX_BATCH = 500;

type Waiting = { d: Delivery; queuedAt: number; settle: (r: ApplyOutcome | Error) => void };
const queue: Waiting[] = [];
// Two batches at once: while one waits on the database, the next is read and computed. More only
// queue on the chain lock and the database's CPU (measured: three ~2,450/s, two ~2,650/s).
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
  let outcome: BatchPlan<Waiting>;
  try {
    // Read outside the transaction, from the per-process cache a blueprint change invalidates.
    const bp = await getBlueprint("deployment");
    outcome = await compactTransaction((t) => writeBatch(t, batch, bp, limitMs));
  } catch {
    // Nothing of the batch committed: each delivery gets its own transaction and its own answer.
    return applyOneByOne(batch, limitMs);
  }
  requestFacetFold();
  for (const [w, r] of outcome.settled) w.settle(r);
  await applyOneByOne(outcome.deferred, limitMs);
}

// Three round trips: begin with the read; the writes, the dashboards' rollup and the take of the chain
// lock; the audit rows with the commit. The chain lock is taken last and held for one round trip.
async function writeBatch(t: CompactTransaction, batch: Waiting[], bp: Blueprint, limitMs: number) {
  const identifiers = [...new Set(batch.map((w) => w.d.identifier))];
  const [read] = await t.query<BatchStateRow>(
    readBatchStateSql(
      identifiers,
      batch.map((w) => w.d.key),
      limitMs,
    ),
  );
  const plan = planBatch(batch, toBatchState(read!, identifiers), bp);
  if (plan.writes.keys.length === 0) return plan;
  // Every write of the batch, then (in arrival order, as one-at-a-time delivery would write it) the rollup.
  const before: WrittenBefore =
    plan.health.length > 0
      ? {
          ctes: sql`${batchWritesCtes(plan.writes)}, ${healthChangeCtes(plan.health)},
            batch_done as (select (select n from batch_written) + (select n from health_written) as n)`,
          done: "batch_done",
        }
      : { ctes: batchWritesCtes(plan.writes), done: "batch_written" };
  if (plan.audit.length === 0) {
    await t.commit(sql`with ${before.ctes} select n from ${sql.identifier(before.done)}`);
    return plan;
  }
  const [chain] = await t.prepared<TakenChain>(takeAuditChainSql(plan.audit.length, before));
  const countRows = async () => Number((await t.query<{ n: string }>(sql`select count(*) as n from audit_log`))[0]!.n);
  await t.commit((await chainAuditRows(chain!, plan.audit, countRows)).insert);
  return plan;
}
