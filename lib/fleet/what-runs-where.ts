import { sql } from "drizzle-orm";
import { z } from "zod";
import { deploymentsOf, listTeams, pageServices, servicePageQuery } from "@/lib/dashboards/service-page";
import { getDb } from "@/lib/db/client";

// "What runs where": services × environments × clusters. An environment on one cluster (or none
// named) shows one line per service; one spread over several shows each cluster's own version,
// health and sync, as the deployment entity keeps them under `clusters`.

export const fleetQuery = z.object({
  team: servicePageQuery.team,
  cursor: servicePageQuery.cursor,
  limit: servicePageQuery.limit,
});
export type FleetQuery = z.infer<typeof fleetQuery>;

export type FleetCluster = { name: string; region: string | null; provider: string | null };
export type FleetEnvironment = { name: string; engine: string; clusters: FleetCluster[] };
export type FleetCell = {
  cluster: string | null;
  version: string | null;
  health: string | null;
  sync: string | null;
  message: string | null;
};
export type FleetRow = {
  service: string;
  team: string | null;
  /** Per environment: the deployment and one cell per cluster (a single cell when not spread). */
  environments: Record<string, { deployment: string; health: string | null; cells: FleetCell[] } | undefined>;
};

const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);

/** Environments in promotion order with the clusters they map to (the `clusters` and `cluster` relations). */
export async function listFleetEnvironments(): Promise<FleetEnvironment[]> {
  const rows = await getDb().execute<{
    environment: string;
    engine: string | null;
    cluster: string | null;
    region: string | null;
    provider: string | null;
  }>(sql`
    select env.identifier as environment, env.properties->>'engine' as engine, c.identifier as cluster,
           c.properties->>'region' as region, c.properties->>'provider' as provider
    from entities env
    left join entity_relations r on r.source_id = env.id and r.name in ('clusters', 'cluster')
    left join entities c on c.id = r.target_id and c.blueprint = 'cluster'
    where env.blueprint = 'environment'
    order by coalesce((env.properties->>'order')::int, 1000), env.identifier, c.identifier`);
  const out = new Map<string, FleetEnvironment>();
  for (const r of rows.rows) {
    const env = out.get(r.environment) ?? { name: r.environment, engine: r.engine ?? "argocd", clusters: [] };
    if (r.cluster && !env.clusters.some((c) => c.name === r.cluster))
      env.clusters.push({ name: r.cluster, region: r.region, provider: r.provider });
    out.set(r.environment, env);
  }
  return [...out.values()];
}

/** One page of services, each with what runs in every environment and on every cluster of it. */
export async function getWhatRunsWhere(q: FleetQuery) {
  const [page, environments, teams] = await Promise.all([
    pageServices({ team: q.team, cursor: q.cursor, limit: q.limit, sort: "service", order: "asc" }),
    listFleetEnvironments(),
    listTeams(),
  ]);
  const deployments = await deploymentsOf(page.items.map((s) => s.service));
  const rows: FleetRow[] = page.items.map((s) => ({
    service: s.service,
    team: s.team,
    environments: Object.fromEntries(
      deployments
        .filter((d) => d.service === s.service)
        .map((d) => {
          const env = environments.find((e) => e.name === d.environment);
          return [d.environment, { deployment: d.deployment, health: d.health, cells: cellsOf(d, env) }];
        }),
    ),
  }));
  return { environments, teams, services: rows, nextCursor: page.nextCursor };
}
export type WhatRunsWhere = Awaited<ReturnType<typeof getWhatRunsWhere>>;

type Deployment = Awaited<ReturnType<typeof deploymentsOf>>[number];

function cellsOf(d: Deployment, env: FleetEnvironment | undefined): FleetCell[] {
  const perCluster = (d.properties.clusters ?? {}) as Record<string, Record<string, unknown>>;
  const spread = (env?.clusters.length ?? 0) >= 2;
  if (!spread)
    return [
      {
        cluster: env?.clusters[0]?.name ?? null,
        version: d.version,
        health: d.health,
        sync: d.sync,
        message: text(d.properties.health_message),
      },
    ];
  // Every cluster of the environment, reported or not: a cluster that never reported is a gap to see.
  const names = [...new Set([...env!.clusters.map((c) => c.name), ...Object.keys(perCluster)])];
  return names.map((name) => {
    const c = perCluster[name] ?? {};
    return {
      cluster: name,
      version: text(c.version),
      health: text(c.status),
      sync: text(c.sync_status),
      message: text(c.health_message),
    };
  });
}
