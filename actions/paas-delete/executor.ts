import { getCapabilityApplicationSet, getPaasDir, paasApiVersion } from "@/lib/gitops/paas";
import { paasCapabilities } from "@/lib/paas/paas-plan";
import type { RunContext } from "@/lib/runs/define-action";
import { commitWithRetry } from "../gitops-repo";

// The reverse of paas-create, each step idempotent: elements out of the ApplicationSets, the Paas
// resource (the operator then removes its namespaces and quotas), its files, the catalog entity.
export async function executePaasDelete(ctx: RunContext) {
  const name = ctx.entity?.identifier;
  if (!name) throw new Error("paas-delete needs the Paas it removes");
  const { forgejo, cluster, catalog, gitops } = ctx.ports;
  for (const cap of paasCapabilities)
    await ctx.step(`no-element-${cap}`, () =>
      cluster.removeListElement(getCapabilityApplicationSet(cap), "paas", name),
    );
  await ctx.step("delete-paas", () => cluster.deleteObject({ apiVersion: paasApiVersion, kind: "Paas", name }));
  const commit = await ctx.step("remove-paas-files", () =>
    commitWithRetry(forgejo, gitops, async (head) => {
      const files = head ? await forgejo.listFiles(gitops.owner, gitops.repo, getPaasDir(name), head) : [];
      if (files.length === 0) return null;
      return { message: `Remove Paas ${name}`, changes: files.map((path) => ({ path, delete: true as const })) };
    }),
  );
  await ctx.step("forget-paas", () => catalog.deleteEntity("paas", name));
  return { paas: name, commit: commit.sha };
}
