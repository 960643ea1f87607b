import type { AuditEntry } from "@/lib/audit/append-audit";
import { diffChanges } from "@/lib/audit/diff";
import { mergeProperties, validationKey } from "@/lib/catalog/entities";
import type { Blueprint } from "@/lib/catalog/types";
import { validateProperties } from "@/lib/catalog/validation";
import type { HealthChange } from "@/lib/dashboards/record-health";
import { invalid, notFound } from "@/lib/errors";
import type { BatchState, BatchWrites } from "./status-batch-sql";
import { statusActivity, statusPatch, type ApplyOutcome, type Delivery } from "./status-patch";

/** What a batch writes, and each delivery's answer (or, for a busy deployment, left to the one-at-a-time path). */
export type BatchPlan<W> = {
  settled: [W, ApplyOutcome | Error][];
  deferred: W[];
  writes: BatchWrites;
  audit: AuditEntry[];
  health: HealthChange[];
};

/**
 * Decides every delivery in arrival order against the state the earlier deliveries of the batch left,
 * as one at a time would: unknown, duplicate, invalid, stale, unchanged or applied.
 */
export function planBatch<W extends { d: Delivery }>(batch: W[], state: BatchState, bp: Blueprint): BatchPlan<W> {
  const current = new Map(state.rows.map((r) => [r.identifier, { id: r.id, properties: r.properties }]));
  const seen = new Set(state.known);
  const markAt = new Map(state.marks.map((m) => [`${m.identifier}\u0000${m.sender}`, m.at]));
  const busy = new Set(state.busy);
  const plan: BatchPlan<W> = {
    settled: [],
    deferred: [],
    writes: { keys: [], marks: [], updates: [], activity: [], changed: [] },
    audit: [],
    health: [],
  };
  const newMarks = new Map<string, { identifier: string; sender: string; at: Date }>();
  const changed = new Set<string>();

  for (const w of batch) {
    const { identifier, event, key, at } = w.d;
    if (busy.has(identifier)) {
      plan.deferred.push(w);
      continue;
    }
    const entity = current.get(identifier);
    if (!entity) {
      plan.settled.push([w, notFound(`Deployment "${identifier}"`)]);
      continue;
    }
    if (seen.has(key)) {
      plan.settled.push([w, "duplicate"]);
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
      plan.settled.push([w, invalid(fields)]);
      continue;
    }
    seen.add(key);
    plan.writes.keys.push({ key, entity: identifier });
    if (mark && mark > at) {
      plan.settled.push([w, "stale"]);
      continue;
    }
    markAt.set(markKey, at);
    newMarks.set(markKey, { identifier, sender, at });
    if (Object.keys(patch).length === 0) {
      plan.settled.push([w, "unchanged"]);
      continue;
    }
    plan.writes.activity.push({
      entityId: entity.id,
      actor: w.d.source,
      ...statusActivity(w.d, entity.properties, patch),
    });
    plan.audit.push({
      actor: w.d.source,
      verb: "entity.update",
      target: `entity:deployment/${identifier}`,
      data: diffChanges({ properties: entity.properties }, { properties: after }, ["properties"]),
    });
    current.set(identifier, { id: entity.id, properties: after });
    changed.add(identifier);
    if (typeof patch.status === "string")
      plan.health.push({
        deployment: identifier,
        status: patch.status,
        version: String(after.version ?? "") || null,
        at,
        actor: w.d.source,
      });
    plan.settled.push([w, "applied"]);
  }

  plan.writes.marks = [...newMarks.values()];
  plan.writes.changed = [...changed];
  plan.writes.updates = plan.writes.changed.map((i) => ({
    id: current.get(i)!.id,
    properties: current.get(i)!.properties,
  }));
  return plan;
}
