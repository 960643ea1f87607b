import type { RunPorts } from "@/lib/runs/ports";
import { getDevApplicationName, getDevNamespace, readDevServices } from "./names";

// Removing a dev environment, shared by the delete action (inside ctx.step) and the expiry job.
// Each part is idempotent, so a removal interrupted half-way is simply done again.

export const devNamespaceRef = (env: string) => ({ apiVersion: "v1", kind: "Namespace", name: getDevNamespace(env) });

export async function removeDevEnvironment(
  ports: Pick<RunPorts, "cluster" | "catalog">,
  env: { identifier: string; properties: Record<string, unknown> },
): Promise<void> {
  for (const service of readDevServices(env.properties))
    await ports.cluster.deleteApplication(getDevApplicationName(env.identifier, service.name));
  await ports.cluster.deleteObject(devNamespaceRef(env.identifier));
  await ports.catalog.deleteEntity("dev-environment", env.identifier);
}
