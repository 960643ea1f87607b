import { sql, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import type { Period } from "./period";

/** How long after a production deployment a rollback or a Degraded state counts against it. */
export const CHANGE_FAILURE_WINDOW_HOURS = 24;
// Rollbacks measure recovery from the deployment they undo, which may lie before the period.
const LOOKBACK_DAYS = 30;

export type DoraScope = { team?: string; service?: string };
export type DoraRow = {
  team: string | null;
  service: string | null;
  level: "total" | "team" | "service";
  deployments: number;
  failed: number;
  leadMs: number | null;
  leadSamples: number;
  recoveryMs: number | null;
  incidents: number;
  open: number;
};

// Production environments are those marked production; "prod" counts when none is marked.
const PROD_ENVS = sql`(select identifier from entities where blueprint = 'environment'
  and coalesce((properties->>'production')::boolean, identifier = 'prod'))`;

function scopeFilter(s: DoraScope, alias: string): SQL {
  const a = sql.raw(alias);
  return sql`${s.team ? sql`and ${a}.team = ${s.team}` : sql``} ${s.service ? sql`and ${a}.service = ${s.service}` : sql``}`;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Every DORA figure of one period, for the whole scope, per team and per service, in two statements
 * over deployment_events (index range scans on environment/kind/at or team/kind/at).
 */
export async function queryDora(scope: DoraScope, p: Period): Promise<DoraRow[]> {
  const from = p.from.toISOString();
  const to = p.to.toISOString();
  const window = sql.raw(`interval '${CHANGE_FAILURE_WINDOW_HOURS} hours'`);
  const deploys = sql`deploys as (
    select e.deployment, e.service, e.team, e.environment, e.at, e.version, e.action,
           lead(e.at) over w as next_at, lag(e.at) over w as prev_at
    from deployment_events e
    where e.kind = 'deploy' and e.environment in ${PROD_ENVS}
      and e.at >= ${from}::timestamptz - ${sql.raw(`interval '${LOOKBACK_DAYS} days'`)}
      and e.at < ${to}::timestamptz + ${window} ${scopeFilter(scope, "e")}
    window w as (partition by e.deployment order by e.at))`;
  const failedSince = (alias: string, upTo: SQL) => sql`exists (select 1 from deployment_events f
    where f.service = ${sql.raw(alias)}.service and f.environment = ${sql.raw(alias)}.environment
      and f.deployment = ${sql.raw(alias)}.deployment and f.at > ${sql.raw(alias)}.at and f.at <= ${upTo}
      and ((f.kind = 'deploy' and f.action = 'rollback') or (f.kind = 'health' and f.status = 'Degraded')))`;
  const changes = await getDb().execute<Record<string, unknown>>(sql`
    with ${deploys},
    measured as (
      select d.team, d.service,
             ${failedSince("d", sql`least(d.at + ${window}, coalesce(d.next_at, 'infinity'))`)} as failed,
             extract(epoch from d.at - vc.first_commit_at) * 1000 as lead_ms
      from deploys d left join version_commits vc on vc.service = d.service and vc.version = d.version
      where d.action <> 'rollback' and d.at >= ${from}::timestamptz and d.at < ${to}::timestamptz
    ),
    incidents as (
      select e.team, e.service, extract(epoch from (
               select min(h.at) from deployment_events h
               where h.service = e.service and h.environment = e.environment and h.deployment = e.deployment
                 and h.kind = 'health' and h.status = 'Healthy' and h.at > e.at) - e.at) * 1000 as ms
      from deployment_events e
      where e.kind = 'health' and e.status = 'Degraded' and e.environment in ${PROD_ENVS}
        and e.at >= ${from}::timestamptz and e.at < ${to}::timestamptz ${scopeFilter(scope, "e")}
      union all
      -- A rollback that no Degraded state preceded: recovery runs from the deployment it undid.
      select d.team, d.service, extract(epoch from d.at - d.prev_at) * 1000
      from deploys d
      where d.action = 'rollback' and d.prev_at is not null and d.at >= ${from}::timestamptz and d.at < ${to}::timestamptz
        and not exists (select 1 from deployment_events f where f.service = d.service and f.environment = d.environment
          and f.deployment = d.deployment and f.kind = 'health' and f.status = 'Degraded' and f.at > d.prev_at and f.at <= d.at)
    ),
    change_rows as (
      select team, service, grouping(team) as gt, grouping(service) as gs, count(*) as deployments,
             count(*) filter (where failed) as failed,
             percentile_cont(0.5) within group (order by lead_ms) as lead_ms, count(lead_ms) as lead_samples
      from measured group by grouping sets ((), (team), (team, service))
    ),
    incident_rows as (
      select team, service, grouping(team) as gt, grouping(service) as gs,
             percentile_cont(0.5) within group (order by ms) as recovery_ms, count(*) as incidents,
             count(*) filter (where ms is null) as open
      from incidents group by grouping sets ((), (team), (team, service))
    )
    select coalesce(c.team, i.team) as team, coalesce(c.service, i.service) as service,
           coalesce(c.gt, i.gt) as gt, coalesce(c.gs, i.gs) as gs,
           coalesce(c.deployments, 0) as deployments, coalesce(c.failed, 0) as failed, c.lead_ms,
           coalesce(c.lead_samples, 0) as lead_samples, i.recovery_ms, coalesce(i.incidents, 0) as incidents,
           coalesce(i.open, 0) as open
    from change_rows c full join incident_rows i
      on c.gt = i.gt and c.gs = i.gs and c.team is not distinct from i.team and c.service is not distinct from i.service`);
  return changes.rows.map((r) => ({
    team: (r.team as string | null) ?? null,
    service: (r.service as string | null) ?? null,
    level: Number(r.gt) === 1 ? "total" : Number(r.gs) === 1 ? "team" : "service",
    deployments: Number(r.deployments),
    failed: Number(r.failed),
    leadMs: num(r.lead_ms),
    leadSamples: Number(r.lead_samples),
    recoveryMs: num(r.recovery_ms),
    incidents: Number(r.incidents),
    open: Number(r.open),
  }));
}

/** Production deployments and failed ones per UTC day of the period (the chart's series). */
export async function queryDailyDeployments(
  scope: DoraScope,
  p: Period,
): Promise<{ date: string; deployments: number; rollbacks: number }[]> {
  const rows = await getDb().execute<{ day: string; deployments: string; rollbacks: string }>(sql`
    select to_char(date_trunc('day', e.at at time zone 'UTC'), 'YYYY-MM-DD') as day,
           count(*) filter (where e.action <> 'rollback') as deployments,
           count(*) filter (where e.action = 'rollback') as rollbacks
    from deployment_events e
    where e.kind = 'deploy' and e.environment in ${PROD_ENVS}
      and e.at >= ${p.from.toISOString()}::timestamptz and e.at < ${p.to.toISOString()}::timestamptz ${scopeFilter(scope, "e")}
    group by 1`);
  const byDay = new Map(rows.rows.map((r) => [r.day, r]));
  const out: { date: string; deployments: number; rollbacks: number }[] = [];
  for (
    let t = Date.UTC(p.from.getUTCFullYear(), p.from.getUTCMonth(), p.from.getUTCDate());
    t < p.to.getTime();
    t += 86_400_000
  ) {
    const date = new Date(t).toISOString().slice(0, 10);
    const r = byDay.get(date);
    out.push({ date, deployments: Number(r?.deployments ?? 0), rollbacks: Number(r?.rollbacks ?? 0) });
  }
  return out;
}
