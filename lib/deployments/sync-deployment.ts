import { appendAudit } from "@/lib/audit/append-audit";
import type { Authorize } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/roles";
import type { ClusterPort } from "@/lib/cluster/cluster-port";
import { getEntityRow } from "@/lib/catalog/entity-lookup";
import { getDb } from "@/lib/db/client";
import { operateResource } from "./operate";

/**
 * "Sync now": asks ArgoCD to sync the deployment's Application (its name is the deployment's
 * identifier, `<service>-<env>`), or Flux to reconcile its Kustomization when the environment runs
 * Flux, and audits who asked.
 */
export async function syncDeployment(
  identifier: string,
  user: SessionUser,
  authorize: Authorize,
  cluster: ClusterPort,
): Promise<{ application: string }> {
  const record = await getEntityRow("deployment", identifier);
  authorize("execute", operateResource(record.team));
  const flux = !(await cluster.getApplication(identifier)) && (await cluster.getDelivery(identifier)) !== null;
  // Flux has no sync operation: a reconcile request is its "sync now".
  if (flux) await cluster.refreshDelivery(identifier);
  else await cluster.requestSync(identifier);
  await appendAudit(getDb(), { actor: user.email, verb: "deployment.sync", target: `entity:deployment/${identifier}` });
  return { application: identifier };
}
