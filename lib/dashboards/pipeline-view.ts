import { sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { median } from "./levels";
import { periodJson, periodQuery, resolvePeriod, type Period } from "./period";
import { deploymentsOf, listEnvironments, listTeams, pageServices, servicePageQuery } from "./service-page";
import { versionsAhead } from "./versions";

export const pipelineViewQuery = z.object({ ...servicePageQuery, ...periodQuery });
export type PipelineViewQuery = z.infer<typeof pipelineViewQuery>;

type FirstDeploy = { service: string; version: string; environment: string; at: number };

/**
 * Per service, dev → staging → prod: the version in each stage, runs waiting for approval and for
 * how long, run outcomes in the period, median time between stages, and versions a lower stage is ahead.
 */
export async function getPipelineView(q: PipelineViewQuery, now: Date) {
  const period = resolvePeriod(q, now);
  const [page, environments, teams] = await Promise.all([pageServices(q), listEnvironments(), listTeams()]);
  const names = page.items.map((s) => s.service);
  const [cells, waiting, outcomes, firsts, commits] = await Promise.all([
    deploymentsOf(names),
    waitingApprovals(names),
    runOutcomes(names, period),
    firstDeploys(names, period),
    firstCommits(names),
  ]);
  const services = page.items.map((s) => {
    const mine = firsts.filter((f) => f.service === s.service);
    const stages = environments.map((env) => {
      const cell = cells.find((c) => c.service === s.service && c.environment === env);
      return {
        environment: env,
        deployment: cell?.deployment ?? null,
        version: cell?.version ?? null,
        health: cell?.health ?? null,
      };
    });
    const o = outcomes.get(s.service) ?? { succeeded: 0, failed: 0 };
    const finished = o.succeeded + o.failed;
    return {
      service: s.service,
      team: s.team,
      stages,
      waiting: waiting
        .filter((w) => w.service === s.service)
        .map((w) => ({ ...w, waitingMinutes: Math.round((now.getTime() - Date.parse(w.requestedAt)) / 60_000) })),
      runs: { ...o, successRate: finished ? Math.round((o.succeeded / finished) * 1000) / 1000 : null },
      leadTimes: stageLeadTimes(environments, mine, commits.get(s.service) ?? new Map(), period),
      ahead: environments.slice(1).map((upper, i) => {
        const lower = environments[i]!;
        const lowerVersion = stages[i]?.version ?? null;
        const upperVersion = stages[i + 1]?.version ?? null;
        const history = mine
          .filter((f) => f.environment === lower)
          .sort((a, b) => a.at - b.at)
          .map((f) => f.version);
        return {
          lower,
          upper,
          lowerVersion,
          upperVersion,
          versions: versionsAhead(history, lowerVersion, upperVersion),
        };
      }),
    };
  });
  return { period: periodJson(period), filters: { teams, environments }, services, nextCursor: page.nextCursor };
}
export type PipelineView = Awaited<ReturnType<typeof getPipelineView>>;

// Median hours from a version's first commit to its first stage, and from each stage to the next.
function stageLeadTimes(envs: string[], firsts: FirstDeploy[], commits: Map<string, number>, p: Period) {
  const at = new Map(firsts.map((f) => [`${f.environment}/${f.version}`, f.at]));
  const inPeriod = (t: number | undefined) => t !== undefined && t >= p.from.getTime() && t < p.to.getTime();
  const hours = (ms: number[]) => {
    const m = median(ms);
    return m === null ? null : Math.round((m / 3_600_000) * 10) / 10;
  };
  const versions = [...new Set(firsts.map((f) => f.version))];
  const first = envs[0];
  const fromCommit = versions
    .filter((v) => inPeriod(at.get(`${first}/${v}`)) && commits.has(v))
    .map((v) => at.get(`${first}/${v}`)! - commits.get(v)!);
  return [
    { from: "commit", to: first ?? "", medianHours: hours(fromCommit), samples: fromCommit.length },
    ...envs.slice(1).map((to, i) => {
      const from = envs[i]!;
      const ms = versions
        .filter((v) => inPeriod(at.get(`${to}/${v}`)) && at.has(`${from}/${v}`))
        .map((v) => at.get(`${to}/${v}`)! - at.get(`${from}/${v}`)!);
      return { from, to, medianHours: hours(ms), samples: ms.length };
    }),
  ];
}

async function waitingApprovals(services: string[]) {
  if (services.length === 0) return [];
  const live = await getDb().execute<{
    service: string;
    id: string;
    action_id: string;
    deployment: string;
    target: string | null;
    requested_by_email: string;
    created_at: Date | string;
  }>(sql`
    select s.identifier as service, r.id, r.action_id, r.entity_identifier as deployment,
           r.input->>'target_environment' as target, r.requested_by_email, r.created_at
    from runs r
    join entities d on d.blueprint = 'deployment' and d.identifier = r.entity_identifier
    join entity_relations rs on rs.source_id = d.id and rs.name = 'service'
    join entities s on s.id = rs.target_id
    where r.status = 'awaiting_approval' and r.entity_blueprint = 'deployment' and s.identifier in ${services}
    order by r.created_at`);
  return live.rows.map((r) => ({
    service: r.service,
    runId: r.id,
    action: r.action_id,
    deployment: r.deployment,
    targetEnvironment: r.target,
    requestedBy: r.requested_by_email,
    requestedAt: new Date(r.created_at).toISOString(),
  }));
}

async function runOutcomes(services: string[], p: Period) {
  const out = new Map<string, { succeeded: number; failed: number }>();
  if (services.length === 0) return out;
  // Runs on a service's deployments, by the deployment's name (<service>-<environment>).
  const rows = await getDb().execute<{ service: string; succeeded: string; failed: string }>(sql`
    select s.identifier as service, count(*) filter (where r.status = 'succeeded') as succeeded,
           count(*) filter (where r.status = 'failed') as failed
    from entities s
    join entity_relations rs on rs.target_id = s.id and rs.name = 'service'
    join entities d on d.id = rs.source_id and d.blueprint = 'deployment'
    join runs r on r.entity_blueprint = 'deployment' and r.entity_identifier = d.identifier
      and r.created_at >= ${p.from.toISOString()}::timestamptz and r.created_at < ${p.to.toISOString()}::timestamptz
    where s.blueprint = 'service' and s.identifier in ${services}
    group by 1`);
  for (const r of rows.rows) out.set(r.service, { succeeded: Number(r.succeeded), failed: Number(r.failed) });
  return out;
}

// First time each version reached each environment (rollbacks excluded), up to the period's end.
async function firstDeploys(services: string[], p: Period): Promise<FirstDeploy[]> {
  if (services.length === 0) return [];
  const rows = await getDb().execute<{ service: string; version: string; environment: string; at: Date | string }>(sql`
    select service, version, environment, min(at) as at from deployment_events
    where kind = 'deploy' and action <> 'rollback' and version is not null and service in ${services}
      and at < ${p.to.toISOString()}::timestamptz
    group by 1, 2, 3`);
  return rows.rows.map((r) => ({
    service: r.service,
    version: r.version,
    environment: r.environment,
    at: new Date(r.at).getTime(),
  }));
}

async function firstCommits(services: string[]) {
  const out = new Map<string, Map<string, number>>();
  if (services.length === 0) return out;
  const rows = await getDb().execute<{ service: string; version: string; first_commit_at: Date | string }>(sql`
    select service, version, first_commit_at from version_commits
    where service in ${services} and first_commit_at is not null`);
  for (const r of rows.rows) {
    const m = out.get(r.service) ?? new Map<string, number>();
    m.set(r.version, new Date(r.first_commit_at).getTime());
    out.set(r.service, m);
  }
  return out;
}
