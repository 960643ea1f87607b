import type { AppStatus } from "@/lib/cluster/cluster-port";
import { findEntityRow } from "@/lib/catalog/entity-lookup";
import { identifyApplication, type ArgocdIdentity } from "./argocd-identity";
import { runImport, type SourceObject } from "./run-import";

// ArgoCD Applications Slipway did not create become deployment entities (the status mirror then keeps
// their health as for Slipway's own). Each Application seen for the first time is one import run; a
// reason it cannot be imported is recorded once, not on every status change.

const SOURCE = "argocd";
const lastReason = new Map<string, string>();

const objectName = (app: AppStatus) => `${app.namespace}/${app.name}`;

async function reportOnce(app: AppStatus, reason: string): Promise<null> {
  const key = objectName(app);
  if (lastReason.get(key) === reason) return null;
  lastReason.set(key, reason);
  await runImport(SOURCE, "watch", async () => ({
    objects: [{ object: key, revision: app.revision, error: reason }],
    scopes: [],
  }));
  return null;
}

function deploymentObject(app: AppStatus, id: ArgocdIdentity, team: string | null): SourceObject {
  return {
    object: objectName(app),
    revision: app.revision,
    relationsFirst: true,
    ownedFields: [
      "relations.service",
      "relations.environment",
      "properties.status",
      "properties.sync_status",
      "properties.revision",
      "properties.health_message",
    ],
    entity: {
      blueprint: "deployment",
      identifier: id.deployment,
      title: id.deployment,
      team,
      properties: {},
      relations: { service: id.service, environment: id.environment },
    },
  };
}

/**
 * The deployment entity an Application's status belongs to, importing it when the catalog has none;
 * null when the Application cannot be imported (the reason is in an import run).
 */
export async function ensureDeploymentFor(app: AppStatus, namePattern: string): Promise<string | null> {
  const id = identifyApplication(app, namePattern);
  if ("error" in id) return reportOnce(app, id.error);
  if (await findEntityRow("deployment", id.deployment)) return id.deployment;
  // Slipway's own Applications without a deployment (dev environments, previews) are not imports.
  if (app.labels?.["app.kubernetes.io/managed-by"] === "slipway") return null;
  const service = await findEntityRow("service", id.service);
  if (!service)
    return reportOnce(
      app,
      `no service "${id.service}" in the catalog for Application ${app.name}: import or create it first`,
    );
  const objects: SourceObject[] = [];
  // A new environment is created with the Application; an existing one (Slipway's own) is only linked.
  if (!(await findEntityRow("environment", id.environment)))
    objects.push({
      object: `environment/${id.environment}`,
      revision: null,
      entity: {
        blueprint: "environment",
        identifier: id.environment,
        title: id.environment,
        team: null,
        properties: {},
        relations: {},
      },
    });
  objects.push(deploymentObject(app, id, service.team));
  const run = await runImport(SOURCE, "watch", async () => ({ objects, scopes: [] }));
  if (run.failed > 0) return reportOnce(app, run.failures.map((f) => f.reason).join("; "));
  lastReason.delete(objectName(app));
  return id.deployment;
}

/** The deployment of a deleted Application, when the catalog has it (imported or Slipway's own). */
export async function deploymentOfDeleted(app: AppStatus, namePattern: string): Promise<string | null> {
  const id = identifyApplication(app, namePattern);
  if ("error" in id) return null;
  return (await findEntityRow("deployment", id.deployment)) ? id.deployment : null;
}
