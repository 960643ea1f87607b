import { getDevApplicationName, readDevServices } from "@/lib/dev-environments/names";
import { devNamespaceRef } from "@/lib/dev-environments/teardown";
import type { RunContext } from "@/lib/runs/define-action";

// The expiry job's removal, as steps: Applications, then the namespace, then the catalog entity.
export async function executeDevEnvironmentDelete(ctx: RunContext) {
  const entity = ctx.entity;
  if (!entity) throw new Error("dev-environment-delete needs the environment it removes");
  const { cluster, catalog } = ctx.ports;
  for (const service of readDevServices(entity.properties))
    await ctx.step(`delete-application-${service.name}`, () =>
      cluster.deleteApplication(getDevApplicationName(entity.identifier, service.name)),
    );
  await ctx.step("delete-namespace", () => cluster.deleteObject(devNamespaceRef(entity.identifier)));
  await ctx.step("forget", () => catalog.deleteEntity("dev-environment", entity.identifier));
  return { removed: entity.identifier };
}
