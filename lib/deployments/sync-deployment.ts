import { appendAudit } from "@/lib/audit/append-audit";
import type { Authorize } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/roles";
import type { ClusterPort } from "@/lib/cluster/cluster-port";
import { getEntityRow } from "@/lib/catalog/entity-lookup";
import { getDb } from "@/lib/db/client";
import { operateResource } from "./operate";

/**
 * "Sync now": asks ArgoCD to sync the deployment's Application (its name is the deployment's
 * identifier, `<service>-<env>`) and audits who asked.
 */
export async function syncDeployment(
  identifier: string,
  user: SessionUser,
  authorize: Authorize,
  cluster: ClusterPort,
): Promise<{ application: string }> {
  const record = await getEntityRow("deployment", identifier);
  authorize("execute", operateResource(record.team));
  await cluster.requestSync(identifier);
  await appendAudit(getDb(), { actor: user.email, verb: "deployment.sync", target: `entity:deployment/${identifier}` });
  return { application: identifier };
}
