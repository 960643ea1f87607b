import { sql } from "drizzle-orm";
import { findEntity } from "@/lib/catalog/entity-lookup";
import { getDb } from "@/lib/db/client";
import { getApplicationName } from "@/lib/gitops";
import type { Run } from "./types";

/** The obvious next step after a failed deployment change: roll the deployment back to what last ran healthy. */
export type RecoveryOffer = { deployment: string; environment: string; version: string; current: string | null };

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** The deployment a release, rollback, scale or promotion changed: promote changes the next environment's. */
async function changedDeployment(run: Pick<Run, "actionId" | "entity" | "input">) {
  if (run.entity?.blueprint !== "deployment") return null;
  if (["release", "rollback", "scale"].includes(run.actionId)) return findEntity("deployment", run.entity.identifier);
  const target = str(run.input.target_environment);
  if (run.actionId !== "promote" || !target) return null;
  const source = await findEntity("deployment", run.entity.identifier);
  const service = source?.relations.service?.[0];
  return service ? findEntity("deployment", getApplicationName(service, target)) : null;
}

/**
 * For a failed run that left its deployment unhealthy: the newest version that deployment ran
 * Healthy other than the one it is stuck on. Null when there is nothing to recover or no such version.
 */
export async function findRecoveryOffer(
  run: Pick<Run, "status" | "actionId" | "entity" | "input">,
): Promise<RecoveryOffer | null> {
  if (run.status !== "failed") return null;
  const deployment = await changedDeployment(run);
  if (!deployment || deployment.properties.status === "Healthy") return null;
  const current = str(deployment.properties.version);
  const attempted = str(run.input.version) ?? str(run.input.target_version);
  const avoid = [current, attempted].filter((v): v is string => v !== null);
  const { rows } = await getDb().execute<{ version: string }>(sql`
    select version from deployment_events
    where deployment = ${deployment.identifier} and version is not null
      and ((kind = 'health' and status = 'Healthy') or (kind = 'deploy' and not failed))
      and not (version = any(${avoid}::text[]))
    order by at desc, id desc limit 1`);
  const version = rows[0]?.version;
  if (!version) return null;
  return {
    deployment: deployment.identifier,
    environment: deployment.relations.environment?.[0] ?? "",
    version,
    current,
  };
}
