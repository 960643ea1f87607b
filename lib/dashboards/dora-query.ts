import { sql, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import type { Period } from "./period";

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
 * Every DORA figure of one period, for the whole scope, per team and per service: one aggregate over
 * the period's production rows of deployment_events (an index range scan). Whether a deployment failed
 * and how long an incident took to recover were settled when those facts arrived (record-events.ts).
 */
export async function queryDora(scope: DoraScope, p: Period, opts: { breakdown: boolean }): Promise<DoraRow[]> {
  // The previous period only needs its total: one group instead of one per team and service.
  const groups = opts.breakdown ? sql`grouping sets ((), (team), (team, service))` : sql`grouping sets (())`;
  const result = await getDb().execute<Record<string, unknown>>(sql`
    with period as (
      select e.team, e.service, e.kind, e.action, e.status, e.failed, e.recovery_ms,
             (e.kind = 'deploy' and e.action <> 'rollback') as counted,
             case when e.kind = 'deploy' and e.action <> 'rollback'
                  then extract(epoch from e.at - vc.first_commit_at) * 1000 end as lead_ms,
             (e.kind = 'health' or (e.action = 'rollback' and e.recovery_ms is not null)) as incident
      from deployment_events e
      left join version_commits vc on e.kind = 'deploy' and vc.service = e.service and vc.version = e.version
      where e.environment in ${PROD_ENVS} and e.at >= ${p.from.toISOString()}::timestamptz
        and e.at < ${p.to.toISOString()}::timestamptz and (e.kind = 'deploy' or e.status = 'Degraded')
        ${scopeFilter(scope, "e")}
    )
    select ${opts.breakdown ? sql`team, service, grouping(team) as gt, grouping(service) as gs` : sql`null as team, null as service, 1 as gt, 1 as gs`},
           count(*) filter (where counted) as deployments, count(*) filter (where counted and failed) as failed,
           percentile_cont(0.5) within group (order by lead_ms) as lead_ms, count(lead_ms) as lead_samples,
           percentile_cont(0.5) within group (order by case when incident then recovery_ms end) as recovery_ms,
           count(*) filter (where incident) as incidents,
           count(*) filter (where incident and recovery_ms is null) as open
    from period group by ${groups}`);
  return result.rows.map((r) => ({
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
