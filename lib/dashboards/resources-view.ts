import { sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { periodJson, periodQuery, resolvePeriod } from "./period";
import { cpuCores, memoryMiB } from "./quantities";
import { deploymentsOf, listEnvironments, listTeams, pageServices, servicePageQuery } from "./service-page";

export const resourcesViewQuery = z.object({ ...servicePageQuery, ...periodQuery });
export type ResourcesViewQuery = z.infer<typeof resourcesViewQuery>;

type Resources = {
  replicas: number;
  cpuRequest: number;
  cpuLimit: number;
  memoryRequestMiB: number;
  memoryLimitMiB: number;
};
const zero = (): Resources => ({ replicas: 0, cpuRequest: 0, cpuLimit: 0, memoryRequestMiB: 0, memoryLimitMiB: 0 });
const round = (n: number) => Math.round(n * 100) / 100;

/** Per-replica requests and limits times replicas: what a deployment asks of the cluster. */
function totalsOf(p: {
  replicas?: unknown;
  cpu_request?: unknown;
  cpu_limit?: unknown;
  memory_request?: unknown;
  memory_limit?: unknown;
}): Resources {
  const replicas = Number(p.replicas ?? 0) || 0;
  return {
    replicas,
    cpuRequest: round(replicas * (cpuCores(p.cpu_request) ?? 0)),
    cpuLimit: round(replicas * (cpuCores(p.cpu_limit) ?? 0)),
    memoryRequestMiB: round(replicas * (memoryMiB(p.memory_request) ?? 0)),
    memoryLimitMiB: round(replicas * (memoryMiB(p.memory_limit) ?? 0)),
  };
}

function add(a: Resources, b: Resources): Resources {
  return {
    replicas: a.replicas + b.replicas,
    cpuRequest: round(a.cpuRequest + b.cpuRequest),
    cpuLimit: round(a.cpuLimit + b.cpuLimit),
    memoryRequestMiB: round(a.memoryRequestMiB + b.memoryRequestMiB),
    memoryLimitMiB: round(a.memoryLimitMiB + b.memoryLimitMiB),
  };
}

/** Replicas and CPU/memory per team × environment (all services) and per service (one page), with scaling history. */
export async function getResourcesView(q: ResourcesViewQuery, now: Date) {
  const period = resolvePeriod(q, now);
  const [page, environments, teams, all, scaling] = await Promise.all([
    pageServices(q),
    listEnvironments(),
    listTeams(),
    totalsByTeamAndEnvironment(q),
    scalingHistory(q.team, period.from, period.to),
  ]);
  const cells = await deploymentsOf(
    page.items.map((s) => s.service),
    q.environment,
  );
  const total = all.reduce<Resources>((t, r) => add(t, r), zero());
  return {
    period: periodJson(period),
    filters: { teams, environments },
    totals: total,
    byTeamAndEnvironment: all.sort(
      (a, b) =>
        String(a.team).localeCompare(String(b.team)) ||
        environments.indexOf(a.environment) - environments.indexOf(b.environment),
    ),
    services: page.items.map((s) => ({
      service: s.service,
      team: s.team,
      deployments: cells
        .filter((c) => c.service === s.service)
        .sort((a, b) => environments.indexOf(a.environment) - environments.indexOf(b.environment))
        .map((c) => ({
          environment: c.environment,
          deployment: c.deployment,
          cpuRequestPerReplica: typeof c.properties.cpu_request === "string" ? c.properties.cpu_request : null,
          cpuLimitPerReplica: typeof c.properties.cpu_limit === "string" ? c.properties.cpu_limit : null,
          memoryRequestPerReplica: typeof c.properties.memory_request === "string" ? c.properties.memory_request : null,
          memoryLimitPerReplica: typeof c.properties.memory_limit === "string" ? c.properties.memory_limit : null,
          ...totalsOf(c.properties),
        })),
    })),
    nextCursor: page.nextCursor,
    scaling,
  };
}
export type ResourcesView = Awaited<ReturnType<typeof getResourcesView>>;

async function totalsByTeamAndEnvironment(q: { team?: string; environment?: string }) {
  // Sizes repeat across deployments: sum replicas per distinct size in SQL, read the few sizes here.
  const rows = await getDb().execute<{
    team: string | null;
    environment: string;
    replicas: string;
    cpu_request: string | null;
    cpu_limit: string | null;
    memory_request: string | null;
    memory_limit: string | null;
  }>(sql`
    select d.team, env.identifier as environment, sum(coalesce((d.properties->>'replicas')::int, 0)) as replicas,
           d.properties->>'cpu_request' as cpu_request, d.properties->>'cpu_limit' as cpu_limit,
           d.properties->>'memory_request' as memory_request, d.properties->>'memory_limit' as memory_limit
    from entities d
    join entity_relations re on re.source_id = d.id and re.name = 'environment'
    join entities env on env.id = re.target_id
    where d.blueprint = 'deployment' ${q.team ? sql`and d.team = ${q.team}` : sql``}
      ${q.environment ? sql`and env.identifier = ${q.environment}` : sql``}
    group by 1, 2, 4, 5, 6, 7`);
  const byTeamEnv = new Map<string, Resources & { team: string | null; environment: string }>();
  for (const r of rows.rows) {
    const key = `${r.team ?? ""}\u0000${r.environment}`;
    const sum = add(byTeamEnv.get(key) ?? zero(), totalsOf({ ...r, replicas: Number(r.replicas) }));
    byTeamEnv.set(key, { ...sum, team: r.team, environment: r.environment });
  }
  return [...byTeamEnv.values()];
}

/** Scale runs of the period, newest first, with the reason given and what they changed. */
async function scalingHistory(team: string | undefined, from: Date, to: Date) {
  const rows = await getDb().execute<{
    id: string;
    deployment: string | null;
    team: string | null;
    status: string;
    input: Record<string, unknown>;
    requested_by_email: string;
    created_at: Date | string;
  }>(sql`
    select id, entity_identifier as deployment, team, status, input, requested_by_email, created_at from runs
    where action_id = 'scale' ${team ? sql`and team = ${team}` : sql``}
      and created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz
    order by created_at desc limit 50`);
  return rows.rows.map((r) => ({
    runId: r.id,
    at: new Date(r.created_at).toISOString(),
    deployment: r.deployment,
    team: r.team,
    status: r.status,
    replicas: typeof r.input.replicas === "number" ? r.input.replicas : null,
    cpuLimit: typeof r.input.cpu_limit === "string" ? r.input.cpu_limit : null,
    memoryLimit: typeof r.input.memory_limit === "string" ? r.input.memory_limit : null,
    reason: typeof r.input.reason === "string" ? r.input.reason : "",
    requestedBy: r.requested_by_email,
  }));
}
