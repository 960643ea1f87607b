import { sql } from "drizzle-orm";
import { z } from "zod";
import { HEALTH_STATUSES } from "@/lib/catalog/builtins";
import { decodeCursor, encodeCursor } from "@/lib/catalog/cursor";
import { getDb } from "@/lib/db/client";

/** Filters, sort and keyset pagination shared by the service-by-service dashboards. */
export const servicePageQuery = {
  team: z.string().trim().min(1).max(100).optional().describe("only this team's services"),
  health: z.enum(HEALTH_STATUSES).optional().describe("only services with a deployment in this health"),
  environment: z.string().trim().min(1).max(100).optional().describe("only this environment's deployments"),
  sort: z.enum(["service", "team"]).default("service"),
  order: z.enum(["asc", "desc"]).default("asc"),
  cursor: z.string().max(500).optional().describe("nextCursor of the previous page"),
  limit: z.coerce.number().int().min(1).max(100).default(25),
};
export type ServicePageFilter = {
  team?: string;
  health?: (typeof HEALTH_STATUSES)[number];
  environment?: string;
  sort: "service" | "team";
  order: "asc" | "desc";
  cursor?: string;
  limit: number;
};
export type ServiceRow = { id: number; service: string; title: string; team: string | null };

/** One page of services matching the filters, in keyset order (an index range, however many services). */
export async function pageServices(f: ServicePageFilter): Promise<{ items: ServiceRow[]; nextCursor: string | null }> {
  const key = f.sort === "team" ? sql`coalesce(s.team, '')` : sql`s.identifier`;
  const dir = f.order === "desc" ? sql`desc` : sql`asc`;
  const after = f.cursor ? decodeCursor(f.cursor) : null;
  const deploymentFilter =
    f.health || f.environment
      ? sql`and exists (select 1 from entity_relations rs join entities d on d.id = rs.source_id
          ${f.environment ? sql`join entity_relations re on re.source_id = d.id and re.name = 'environment' join entities env on env.id = re.target_id and env.identifier = ${f.environment}` : sql``}
          where rs.target_id = s.id and rs.name = 'service' and d.blueprint = 'deployment'
          ${f.health ? sql`and d.properties->>'status' = ${f.health}` : sql``})`
      : sql``;
  const rows = await getDb().execute<{
    id: string;
    identifier: string;
    title: string;
    team: string | null;
    k: string;
  }>(sql`
    select s.id, s.identifier, s.title, s.team, ${key} as k from entities s
    where s.blueprint = 'service' ${f.team ? sql`and s.team = ${f.team}` : sql``} ${deploymentFilter}
      ${after ? (f.order === "desc" ? sql`and (${key}, s.id) < (${after.v}, ${after.id})` : sql`and (${key}, s.id) > (${after.v}, ${after.id})`) : sql``}
    order by ${key} ${dir}, s.id ${dir} limit ${f.limit + 1}`);
  const items = rows.rows.slice(0, f.limit);
  const last = items.at(-1);
  return {
    items: items.map((r) => ({ id: Number(r.id), service: r.identifier, title: r.title, team: r.team })),
    nextCursor: rows.rows.length > f.limit && last ? encodeCursor({ v: last.k, id: Number(last.id) }) : null,
  };
}

export type DeploymentCell = {
  service: string;
  deployment: string;
  environment: string;
  version: string | null;
  health: string | null;
  sync: string | null;
  replicas: number | null;
  readyReplicas: number | null;
  deployedAt: string | null;
  properties: Record<string, unknown>;
};

/** The deployments of some services, with their environment (one query). */
export async function deploymentsOf(services: string[], environment?: string): Promise<DeploymentCell[]> {
  if (services.length === 0) return [];
  const rows = await getDb().execute<{
    service: string;
    deployment: string;
    environment: string;
    properties: Record<string, unknown>;
  }>(sql`
    select s.identifier as service, d.identifier as deployment, env.identifier as environment, d.properties
    from entities s
    join entity_relations rs on rs.target_id = s.id and rs.name = 'service'
    join entities d on d.id = rs.source_id and d.blueprint = 'deployment'
    join entity_relations re on re.source_id = d.id and re.name = 'environment'
    join entities env on env.id = re.target_id
    where s.blueprint = 'service' and s.identifier in ${services}
      ${environment ? sql`and env.identifier = ${environment}` : sql``}`);
  const num = (v: unknown) => (typeof v === "number" ? v : null);
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  return rows.rows.map((r) => ({
    service: r.service,
    deployment: r.deployment,
    environment: r.environment,
    version: text(r.properties.version),
    health: text(r.properties.status),
    sync: text(r.properties.sync_status),
    replicas: num(r.properties.replicas),
    readyReplicas: num(r.properties.ready_replicas),
    deployedAt: text(r.properties.deployed_at),
    properties: r.properties,
  }));
}

/** Environment identifiers in promotion order. */
export async function listEnvironments(): Promise<string[]> {
  const rows = await getDb().execute<{ identifier: string }>(sql`
    select identifier from entities where blueprint = 'environment'
    order by coalesce((properties->>'order')::int, 1000), identifier`);
  return rows.rows.map((r) => r.identifier);
}

/** Team identifiers, for the filters. */
export async function listTeams(): Promise<string[]> {
  const rows = await getDb().execute<{ identifier: string }>(
    sql`select identifier from entities where blueprint = 'team' order by identifier`,
  );
  return rows.rows.map((r) => r.identifier);
}
