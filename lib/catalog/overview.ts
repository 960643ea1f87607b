import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { listEntities } from "./search";
import type { Entity, Page } from "./types";

export type DeploymentChip = {
  environment: string;
  identifier: string;
  status: string | null;
  version: string | null;
  syncStatus: string | null;
};
export type ServiceOverview = Entity & { deployments: DeploymentChip[] };

// Environments in promotion order; unknown ones sort after, alphabetically.
const ENV_ORDER = ["dev", "staging", "prod"];
const envRank = (e: string) => {
  const i = ENV_ORDER.indexOf(e);
  return i === -1 ? ENV_ORDER.length : i;
};

/** Deployment chips (environment, status, version) of many services in one query. */
export async function deploymentsOfServices(serviceIdentifiers: string[]): Promise<Map<string, DeploymentChip[]>> {
  const out = new Map<string, DeploymentChip[]>();
  if (serviceIdentifiers.length === 0) return out;
  const rows = await getDb().execute<{
    service: string;
    identifier: string;
    environment: string | null;
    status: string | null;
    version: string | null;
    sync_status: string | null;
  }>(sql`
    select s.identifier as service, d.identifier, env.identifier as environment,
           d.properties->>'status' as status, d.properties->>'version' as version,
           d.properties->>'sync_status' as sync_status
    from entities s
    join entity_relations rs on rs.target_id = s.id and rs.name = 'service'
    join entities d on d.id = rs.source_id and d.blueprint = 'deployment'
    left join entity_relations re on re.source_id = d.id and re.name = 'environment'
    left join entities env on env.id = re.target_id
    where s.blueprint = 'service' and s.identifier in ${serviceIdentifiers}`);
  for (const r of rows.rows) {
    const list = out.get(r.service) ?? [];
    list.push({
      environment: r.environment ?? "unknown",
      identifier: r.identifier,
      status: r.status,
      version: r.version,
      syncStatus: r.sync_status,
    });
    out.set(r.service, list);
  }
  for (const list of out.values()) {
    list.sort((a, b) => envRank(a.environment) - envRank(b.environment) || a.environment.localeCompare(b.environment));
  }
  return out;
}

export async function listServiceOverview(opts: {
  q?: string;
  cursor?: string;
  team?: string;
  limit?: number;
}): Promise<Page<ServiceOverview>> {
  const page = await listEntities("service", {
    q: opts.q,
    cursor: opts.cursor,
    team: opts.team,
    limit: opts.limit ?? 25,
    sort: "identifier",
    order: "asc",
  });
  const chips = await deploymentsOfServices(page.items.map((s) => s.identifier));
  return {
    items: page.items.map((s) => ({ ...s, deployments: chips.get(s.identifier) ?? [] })),
    nextCursor: page.nextCursor,
  };
}
