import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { markFailedSql } from "./record-events";

/** A health change ArgoCD reported (Healthy, Degraded, Progressing…), with the version running then. */
export type HealthChange = { deployment: string; status: string; version: string | null; at: Date; actor?: string };

export function recordHealthChange(db: Executor, change: HealthChange): Promise<void> {
  return recordHealthChanges(db, [change]);
}

/**
 * Health changes in arrival order, written as if one at a time (each Degraded fails the deployment
 * before it; each Healthy ends every incident of its deployment still open before it) in one statement
 * whatever their number: a batch of webhook deliveries must not pay a round trip per change.
 */
export async function recordHealthChanges(db: Executor, changes: HealthChange[]): Promise<void> {
  if (changes.length === 0) return;
  await db.execute(sql`with ${healthChangeCtes(changes)} select n from health_written`);
}

/**
 * The CTEs that record `changes` (named health_*; `health_written(n)` counts the rows they wrote), for a
 * caller that writes them within a statement of its own (status-batch.ts, with its audit rows). Every CTE of one statement reads the table as it was before it, so an
 * incident opened by this batch gets its recovery as it is inserted, and one opened before by the update.
 */
export function healthChangeCtes(changes: HealthChange[]): SQL {
  const batch = JSON.stringify(
    changes.map((c, i) => ({
      ord: i + 1,
      deployment: c.deployment,
      status: c.status,
      version: c.version,
      at: c.at.toISOString(),
      actor: c.actor ?? null,
    })),
  );
  // The first Healthy of the same deployment after `o` in arrival order and in time ends incident `o`.
  const recoveryAt = (o: string, ord: string) =>
    sql.raw(`(select n.at from health_h n
      where n.deployment = ${o}.deployment and n.status = 'Healthy' and n.ord > ${ord} and n.at > ${o}.at
      order by n.ord limit 1)`);
  return sql`
    health_h as materialized (
      select * from jsonb_to_recordset(${batch}::jsonb)
        as h(ord int, deployment text, status text, version text, at timestamptz, actor text)),
    health_new as (
      insert into deployment_events (at, kind, deployment, service, team, environment, version, action, status, actor, run_id, recovery_ms)
      select h.at, 'health', t.deployment, t.service, t.team, t.environment, h.version, null, h.status, h.actor, null,
        case when h.status = 'Degraded' then (extract(epoch from ${recoveryAt("h", "h.ord")} - h.at) * 1000)::bigint end
      from health_h h
      -- The deployment's service, team and environment, from its relations.
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
      returning 1),
    health_failed as (${markFailedSql(sql`select deployment, at from health_h where status = 'Degraded'`, null)} returning 1),
    health_recovered as (
      update deployment_events e set recovery_ms = (extract(epoch from c.at - e.at) * 1000)::bigint
      from (
        select o.id, ${recoveryAt("o", "0")} as at
        from deployment_events o
        where o.kind = 'health' and o.status = 'Degraded' and o.recovery_ms is null
          and o.deployment in (select deployment from health_h where status = 'Healthy')) c
      where e.id = c.id and c.at is not null
      returning 1),
    health_written as (
      select (select count(*) from health_new) + (select count(*) from health_failed)
        + (select count(*) from health_recovered) as n)`;
}
