import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";

// What the service page shows per environment and over time. Read straight from the catalog rows
// (ArgoCD's mirrored status) and the deployments rollup (who put which version where, by which run).

export type EnvironmentState = {
  deployment: string;
  environment: string;
  /** Promotion order of the environment; null when the environment entity has none. */
  order: number | null;
  properties: Record<string, unknown>;
  lastDeploy: { at: string; actor: string | null; runId: string | null; action: string | null } | null;
};

export type DeployRecord = {
  at: string;
  environment: string;
  deployment: string;
  version: string | null;
  action: string | null;
  actor: string | null;
  runId: string | null;
  /** The reason, notes or change ticket the requester gave, when the run had one. */
  why: string | null;
  failed: boolean;
};

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

/** The service's deployments in promotion order, each with its last deployment (when, by whom, which run). */
export async function listEnvironmentStates(service: string): Promise<EnvironmentState[]> {
  const rows = await getDb().execute<{
    deployment: string;
    environment: string | null;
    env_order: string | null;
    properties: Record<string, unknown>;
    last_at: Date | string | null;
    last_actor: string | null;
    last_run: string | null;
    last_action: string | null;
  }>(sql`
    select d.identifier as deployment, env.identifier as environment,
           env.properties->>'order' as env_order, d.properties,
           ev.at as last_at, ev.actor as last_actor, ev.run_id as last_run, ev.action as last_action
    from entities s
    join entity_relations rs on rs.target_id = s.id and rs.name = 'service'
    join entities d on d.id = rs.source_id and d.blueprint = 'deployment'
    left join entity_relations re on re.source_id = d.id and re.name = 'environment'
    left join entities env on env.id = re.target_id
    left join lateral (
      select at, actor, run_id, action from deployment_events
      where deployment = d.identifier and kind = 'deploy' order by at desc limit 1
    ) ev on true
    where s.blueprint = 'service' and s.identifier = ${service}`);
  const states = rows.rows.map((r) => ({
    deployment: r.deployment,
    environment: r.environment ?? "unknown",
    order: r.env_order === null || Number.isNaN(Number(r.env_order)) ? null : Number(r.env_order),
    properties: r.properties ?? {},
    lastDeploy: r.last_at
      ? { at: iso(r.last_at), actor: r.last_actor, runId: r.last_run, action: r.last_action }
      : null,
  }));
  return states.sort(
    (a, b) =>
      (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) ||
      a.environment.localeCompare(b.environment),
  );
}

export const HISTORY_LIMIT = 25;

/** The versions each environment of the service ran (or one environment's), newest first, with who deployed them and why. */
export async function listDeployHistory(
  service: string,
  opts: { environment?: string | null; limit?: number } = {},
): Promise<DeployRecord[]> {
  const limit = opts.limit ?? HISTORY_LIMIT;
  const rows = await getDb().execute<{
    at: Date | string;
    environment: string;
    deployment: string;
    version: string | null;
    action: string | null;
    actor: string | null;
    run_id: string | null;
    why: string | null;
    failed: boolean;
  }>(sql`
    select e.at, e.environment, e.deployment, e.version, e.action, e.actor, e.run_id, e.failed,
           nullif(concat_ws(' · ', coalesce(r.input->>'reason', r.input->>'notes'), r.input->>'change_ticket'), '') as why
    from deployment_events e
    left join runs r on r.id = e.run_id
    where e.service = ${service} and e.kind = 'deploy' ${opts.environment ? sql`and e.environment = ${opts.environment}` : sql``}
    order by e.at desc, e.id desc
    limit ${limit}`);
  return rows.rows.map((r) => ({
    at: iso(r.at),
    environment: r.environment,
    deployment: r.deployment,
    version: r.version,
    action: r.action,
    actor: r.actor,
    runId: r.run_id,
    why: r.why,
    failed: r.failed,
  }));
}
