import { sql } from "drizzle-orm";
import { findEntity } from "@/lib/catalog/entity-lookup";
import { getDb } from "@/lib/db/client";
import { getApplicationName } from "@/lib/gitops";
import type { Run, RunStep } from "./types";

/** The obvious next step after a failed deployment change: roll the deployment back to what last ran healthy. */
export type RecoveryOffer = {
  deployment: string;
  environment: string;
  /** The version to roll back to. */
  version: string;
  /** The version the failed run put in place (still pinned in the overlay), when known. */
  current: string | null;
};

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

// The steps that put a change into the GitOps repository; no compensation takes them back.
const changesGit = (s: RunStep) => s.status === "succeeded" && /^(commit-|merge-pull-request$)/.test(s.key);

/**
 * For a failed run whose change is still in the GitOps repository: the newest version the deployment
 * ran Healthy other than the one it was moved to. Null when the run changed nothing, the deployment
 * is Healthy on another version by now (someone fixed it), or no such version is known.
 */
export async function findRecoveryOffer(
  run: Pick<Run, "status" | "actionId" | "entity" | "input"> & { steps: RunStep[] },
): Promise<RecoveryOffer | null> {
  if (run.status !== "failed" || !run.steps.some(changesGit)) return null;
  const deployment = await changedDeployment(run);
  if (!deployment) return null;
  const current = str(deployment.properties.version);
  const attempted = str(run.input.version) ?? str(run.input.target_version);
  if (deployment.properties.status === "Healthy" && current !== attempted) return null;
  const avoid = [current, attempted].filter((v): v is string => v !== null);
  const { rows } = await getDb().execute<{ version: string }>(sql`
    select version from deployment_events
    where deployment = ${deployment.identifier} and version is not null
      and ((kind = 'health' and status = 'Healthy') or (kind = 'deploy' and not failed))
      and version not in (select jsonb_array_elements_text(${JSON.stringify(avoid)}::jsonb))
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
