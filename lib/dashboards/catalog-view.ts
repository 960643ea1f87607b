import { sql } from "drizzle-orm";
import { z } from "zod";
import { HEALTH_STATUSES } from "@/lib/catalog/builtins";
import { getDb } from "@/lib/db/client";
import { deploymentsOf, listEnvironments, listTeams, pageServices, servicePageQuery } from "./service-page";

export const catalogViewQuery = z.object(servicePageQuery);
export type CatalogViewQuery = z.infer<typeof catalogViewQuery>;

export const HEALTH_LEGEND: { health: string; meaning: string }[] = [
  { health: "Healthy", meaning: "every replica ready, serving" },
  { health: "Progressing", meaning: "rolling out or scaling" },
  { health: "Degraded", meaning: "failing: pods not ready, crash loop, image pull error" },
  { health: "Suspended", meaning: "paused on purpose (e.g. a suspended CronJob)" },
  { health: "Missing", meaning: "ArgoCD finds no resources" },
  { health: "Unknown", meaning: "no status reported yet" },
];

/**
 * The service × environment matrix: version, health, sync, replicas, age and who deployed it, one
 * page of services at a time; health counts per environment over every matching service; the latest
 * deployments of the team (or everyone).
 */
export async function getCatalogView(q: CatalogViewQuery, now: Date) {
  const [page, environments, teams] = await Promise.all([pageServices(q), listEnvironments(), listTeams()]);
  const names = page.items.map((s) => s.service);
  const [cells, deployers, counts, recent] = await Promise.all([
    deploymentsOf(names, q.environment),
    lastDeployers(names),
    healthCounts(q, environments),
    recentActivity(q.team),
  ]);
  const rows = page.items.map((s) => ({
    service: s.service,
    title: s.title,
    team: s.team,
    deployments: cells
      .filter((c) => c.service === s.service)
      .sort((a, b) => environments.indexOf(a.environment) - environments.indexOf(b.environment))
      .map((c) => {
        const by = deployers.get(c.deployment);
        return {
          environment: c.environment,
          deployment: c.deployment,
          version: c.version,
          health: c.health,
          sync: c.sync,
          replicas: c.replicas,
          readyReplicas: c.readyReplicas,
          deployedAt: c.deployedAt,
          ageHours: c.deployedAt ? Math.round((now.getTime() - Date.parse(c.deployedAt)) / 360_000) / 10 : null,
          deployedBy: by?.actor ?? null,
          deployedWith: by?.action ?? null,
        };
      }),
  }));
  return {
    filters: { teams, environments, health: [...HEALTH_STATUSES] },
    legend: HEALTH_LEGEND,
    healthByEnvironment: counts,
    services: rows,
    nextCursor: page.nextCursor,
    recentActivity: recent,
  };
}
export type CatalogView = Awaited<ReturnType<typeof getCatalogView>>;

async function lastDeployers(services: string[]) {
  const out = new Map<string, { actor: string | null; action: string | null }>();
  if (services.length === 0) return out;
  const rows = await getDb().execute<{ deployment: string; actor: string | null; action: string | null }>(sql`
    select distinct on (deployment) deployment, actor, action from deployment_events
    where kind = 'deploy' and service in ${services} order by deployment, at desc`);
  for (const r of rows.rows) out.set(r.deployment, { actor: r.actor, action: r.action });
  return out;
}

async function healthCounts(q: CatalogViewQuery, environments: string[]) {
  const rows = await getDb().execute<{ environment: string; health: string | null; n: string }>(sql`
    select env.identifier as environment, d.properties->>'status' as health, count(*) as n
    from entities d
    join entity_relations re on re.source_id = d.id and re.name = 'environment'
    join entities env on env.id = re.target_id
    where d.blueprint = 'deployment' ${q.team ? sql`and d.team = ${q.team}` : sql``}
      ${q.environment ? sql`and env.identifier = ${q.environment}` : sql``}
    group by 1, 2`);
  const byEnv = new Map<string, Record<string, number>>();
  for (const r of rows.rows) {
    const counts = byEnv.get(r.environment) ?? Object.fromEntries(HEALTH_STATUSES.map((h) => [h, 0]));
    counts[r.health ?? "Unknown"] = (counts[r.health ?? "Unknown"] ?? 0) + Number(r.n);
    byEnv.set(r.environment, counts);
  }
  return [...byEnv.entries()]
    .sort(([a], [b]) => environments.indexOf(a) - environments.indexOf(b))
    .map(([environment, counts]) => ({ environment, ...counts }));
}

/** The latest deployments (releases, promotions, rollbacks) of a team, or of everyone. */
export async function recentActivity(team: string | undefined, limit = 10) {
  const rows = await getDb().execute<{
    at: Date | string;
    deployment: string;
    service: string;
    environment: string;
    version: string | null;
    action: string | null;
    actor: string | null;
  }>(sql`
    select at, deployment, service, environment, version, action, actor from deployment_events
    where kind = 'deploy' ${team ? sql`and team = ${team}` : sql``}
    order by at desc limit ${limit}`);
  return rows.rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}
