import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { markFailed } from "./record-events";

/** A health change ArgoCD reported (Healthy, Degraded, Progressing…), with the version running then. */
export type HealthChange = { deployment: string; status: string; version: string | null; at: Date; actor?: string };

export function recordHealthChange(db: Executor, change: HealthChange): Promise<void> {
  return recordHealthChanges(db, [change]);
}

/**
 * Health changes in arrival order, written as if one at a time (each Degraded fails the deployment
 * before it; each Healthy ends every incident of its deployment still open before it) in three
 * statements whatever their number: a batch of webhook deliveries must not pay a round trip per change.
 */
export async function recordHealthChanges(db: Executor, changes: HealthChange[]): Promise<void> {
  if (changes.length === 0) return;
  const rows = changes.map((c, i) => ({
    ord: i + 1,
    deployment: c.deployment,
    status: c.status,
    version: c.version,
    at: c.at.toISOString(),
    actor: c.actor ?? null,
  }));
  const batch = JSON.stringify(rows);
  // The deployment's service, team and environment, from its relations; rows inserted in arrival order.
  const inserted = await db.execute<{ id: string; deployment: string }>(sql`
    insert into deployment_events (at, kind, deployment, service, team, environment, version, action, status, actor, run_id)
    select h.at, 'health', t.deployment, t.service, t.team, t.environment, h.version, null, h.status, h.actor, null
    from jsonb_to_recordset(${batch}::jsonb) as h(ord int, deployment text, status text, version text, at timestamptz, actor text)
    cross join lateral (
      select d.identifier as deployment, s.identifier as service, coalesce(d.team, s.team) as team, env.identifier as environment
      from entities d
      join entity_relations rs on rs.source_id = d.id and rs.name = 'service'
      join entities s on s.id = rs.target_id
      join entity_relations re on re.source_id = d.id and re.name = 'environment'
      join entities env on env.id = re.target_id
      where d.blueprint = 'deployment' and d.identifier = h.deployment
      limit 1) t
    order by h.ord
    returning id, deployment`);
  await markFailed(
    db,
    changes.filter((c) => c.status === "Degraded"),
    null,
  );
  if (!changes.some((c) => c.status === "Healthy")) return;
  // Which change each new row came from: a deployment's rows and its changes, both in arrival order.
  const pending = new Map<string, number[]>();
  for (const r of rows) pending.set(r.deployment, [...(pending.get(r.deployment) ?? []), r.ord]);
  const origin = [...inserted.rows]
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((r) => ({ id: Number(r.id), ord: pending.get(r.deployment)!.shift()! }));
  // An open incident ends at the first Healthy after it, in arrival order and in time; one recorded
  // before this batch precedes all of it (ord 0).
  await db.execute(sql`
    with h as (select * from jsonb_to_recordset(${batch}::jsonb) as h(ord int, deployment text, status text, at timestamptz)),
    open as (
      select e.id, e.deployment, e.at, coalesce(o.ord, 0) as ord
      from deployment_events e left join jsonb_to_recordset(${JSON.stringify(origin)}::jsonb) as o(id bigint, ord int) on o.id = e.id
      where e.kind = 'health' and e.status = 'Degraded' and e.recovery_ms is null
        and e.deployment in (select deployment from h where status = 'Healthy'))
    update deployment_events e set recovery_ms = (extract(epoch from c.at - e.at) * 1000)::bigint
    from (
      select o.id, (select h.at from h where h.deployment = o.deployment and h.status = 'Healthy' and h.ord > o.ord
                      and h.at > o.at order by h.ord limit 1) as at
      from open o) c
    where e.id = c.id and c.at is not null`);
}
