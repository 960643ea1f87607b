import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";

// Writers of the dashboards rollup (deployment_events). Each runs inside the transaction of the fact
// it records (a run finishing, a health change applied), so the rollup never disagrees with it.

/** The actions that put a version on a deployment, and how to find that deployment and version. */
type RunFacts = {
  id: string;
  actionId: string;
  entity: { blueprint: string; identifier: string } | null;
  requestedByEmail: string;
  input: Record<string, unknown>;
};

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

// The deployment's service, team and environment, from its relations.
function insertForDeployment(
  db: Executor,
  where: SQL,
  row: { at: Date; kind: "deploy" | "health"; version: string | null; action: string | null; status: string | null },
  extra: { actor: string | null; runId: string | null },
) {
  return db.execute(sql`
    insert into deployment_events (at, kind, deployment, service, team, environment, version, action, status, actor, run_id)
    select ${row.at.toISOString()}::timestamptz, ${row.kind}, d.identifier, s.identifier, coalesce(d.team, s.team),
           env.identifier, ${row.version}, ${row.action}, ${row.status}, ${extra.actor}, ${extra.runId}::uuid
    from entities d
    join entity_relations rs on rs.source_id = d.id and rs.name = 'service'
    join entities s on s.id = rs.target_id
    join entity_relations re on re.source_id = d.id and re.name = 'environment'
    join entities env on env.id = re.target_id
    where d.blueprint = 'deployment' and ${where}
    limit 1
    returning id, deployment, environment`);
}

/** The window after a production deployment in which a rollback or a Degraded state counts against it. */
export const CHANGE_FAILURE_WINDOW_HOURS = 24;
const WINDOW = sql.raw(`interval '${CHANGE_FAILURE_WINDOW_HOURS} hours'`);

// A rollback or a Degraded state at `at` fails the deployment's latest deployment before it, if that
// was not itself a rollback and is at most the window old ("before its next deployment" by construction).
export async function markFailed(db: Executor, states: { deployment: string; at: Date }[], excludeId: number | null) {
  if (states.length === 0) return;
  const rows = JSON.stringify(states.map((s) => ({ deployment: s.deployment, at: s.at.toISOString() })));
  await db.execute(
    markFailedSql(
      sql`select deployment, at from jsonb_to_recordset(${rows}::jsonb) as s(deployment text, at timestamptz)`,
      excludeId,
    ),
  );
}

/** markFailed as one statement over `states` (rows of deployment, at), to run alone or as a CTE. */
export function markFailedSql(states: SQL, excludeId: number | null): SQL {
  return sql`
    update deployment_events set failed = true where id in (
      select d.id from (${states}) as s
      join deployment_events d on d.id = (
        select x.id from deployment_events x
        where x.deployment = s.deployment and x.kind = 'deploy' and x.at <= s.at and x.id is distinct from ${excludeId}
        order by x.at desc, x.id desc limit 1)
      where d.action <> 'rollback' and d.at >= s.at - ${WINDOW})`;
}

/**
 * A run that put a version on a deployment finished successfully: release and rollback on their own
 * deployment, promote on the next environment's deployment of the same service. GitOps runs succeed
 * only once ArgoCD reports the change Synced and Healthy, so `at` is when the version became Healthy.
 */
export async function recordRunDeployment(
  db: Executor,
  run: RunFacts,
  result: Record<string, unknown>,
  at: Date = new Date(),
): Promise<void> {
  if (run.entity?.blueprint !== "deployment") return;
  const source = run.entity.identifier;
  const facts = { at, kind: "deploy" as const, action: run.actionId, status: "succeeded" };
  const extra = { actor: run.requestedByEmail, runId: run.id };
  switch (run.actionId) {
    case "release":
    case "rollback": {
      const version = str(result.version) ?? str(run.input.version) ?? str(run.input.target_version);
      const inserted = await insertForDeployment(db, sql`d.identifier = ${source}`, { ...facts, version }, extra);
      const row = inserted.rows[0] as { id: string } | undefined;
      if (run.actionId === "rollback" && row) await recordRollback(db, source, Number(row.id), at);
      return;
    }
    case "promote": {
      const target = str(result.target) ?? str(run.input.target_environment);
      if (!target) return;
      const version = str(result.version);
      const sameService = sql`rs.target_id = (select r.target_id from entity_relations r join entities src on src.id = r.source_id
        where src.blueprint = 'deployment' and src.identifier = ${source} and r.name = 'service')`;
      await insertForDeployment(db, sql`env.identifier = ${target} and ${sameService}`, { ...facts, version }, extra);
      return;
    }
    default:
      return;
  }
}

/**
 * A rollback fails the deployment it undoes; with no Degraded state since that deployment, it is the
 * incident itself, recovered when the rollback finished.
 */
async function recordRollback(db: Executor, deployment: string, id: number, at: Date) {
  await markFailed(db, [{ deployment, at }], id);
  await db.execute(sql`
    update deployment_events r set recovery_ms = (extract(epoch from r.at - p.at) * 1000)::bigint
    from (select at from deployment_events where deployment = ${deployment} and kind = 'deploy' and id <> ${id}
            and at <= ${at.toISOString()}::timestamptz order by at desc, id desc limit 1) p
    where r.id = ${id} and not exists (select 1 from deployment_events g where g.deployment = ${deployment}
      and g.kind = 'health' and g.status = 'Degraded' and g.at > p.at and g.at <= r.at)`);
}
