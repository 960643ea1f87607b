import { getCapabilityApplicationSet, getPaasDir, renderCapabilityElement, renderPaasFiles } from "@/lib/gitops/paas";
import { toYamlFile } from "@/lib/gitops/yaml-file";
import { renderPaasResource } from "@/lib/gitops/paas";
import { enabledCapabilities, paasCapabilities, type PaasSpec } from "@/lib/paas/paas-plan";
import type { RunContext } from "@/lib/runs/define-action";
import { commitWithRetry, ensureGitopsRepo } from "../gitops-repo";
import type { PaasSettingsInput } from "./schema";

// Shared by paas-create and paas-update: the GitOps files, the cluster objects and the catalog entity
// of a Paas, each made to match the spec (ensure semantics, so a resumed run changes nothing twice).

export function toPaasSpec(name: string, input: PaasSettingsInput): PaasSpec {
  return {
    name,
    capabilities: Object.fromEntries(input.capabilities.map((c) => [c, {}])),
    namespaces: input.namespaces,
    quota: {
      "limits.cpu": input.cpu_quota,
      "limits.memory": input.memory_quota,
      "requests.storage": input.storage_quota,
    },
  };
}

export async function applyPaas(ctx: RunContext, spec: PaasSpec, team: string, verb: "Create" | "Update") {
  const { forgejo, cluster, catalog, gitops } = ctx.ports;
  await ctx.step("ensure-gitops-repo", () => ensureGitopsRepo(forgejo, gitops));
  const files = renderPaasFiles(spec, team);
  const commit = await ctx.step("commit-paas", () =>
    commitWithRetry(forgejo, gitops, async (head) => {
      const existing = head ? await forgejo.listFiles(gitops.owner, gitops.repo, getPaasDir(spec.name), head) : [];
      const changes = [
        ...(await Promise.all(
          Object.entries(files).map(async ([path, content]) =>
            head && (await forgejo.readFile(gitops.owner, gitops.repo, path, head)) === content
              ? null
              : { path, content },
          ),
        )),
        ...existing.filter((p) => !(p in files)).map((path) => ({ path, delete: true as const })),
      ].filter((c) => c !== null);
      if (changes.length === 0) return null;
      return {
        message: `${verb} Paas ${spec.name} (${enabledCapabilities(spec).join(", ") || "no capabilities"})`,
        changes,
      };
    }),
  );
  if (commit.htmlUrl) await ctx.link({ kind: "commit", title: `Paas ${spec.name}`, url: commit.htmlUrl });
  await ctx.step("apply-paas", () => cluster.applyObject(toYamlFile(renderPaasResource(spec, team))));
  const enabled = new Set(enabledCapabilities(spec));
  for (const cap of paasCapabilities) {
    const appSet = getCapabilityApplicationSet(cap);
    if (enabled.has(cap))
      await ctx.step(`element-${cap}`, () =>
        cluster.upsertListElement(appSet, "paas", renderCapabilityElement(spec, cap, team)),
      );
    else await ctx.step(`no-element-${cap}`, () => cluster.removeListElement(appSet, "paas", spec.name));
  }
  await ctx.step("record-paas", () =>
    catalog.upsertEntity("paas", {
      identifier: spec.name,
      title: spec.name,
      team,
      properties: {
        capabilities: enabledCapabilities(spec),
        namespaces: spec.namespaces,
        cpu_quota: spec.quota["limits.cpu"],
        memory_quota: spec.quota["limits.memory"],
        storage_quota: spec.quota["requests.storage"],
      },
      relations: {},
    }),
  );
  return { commit: commit.sha };
}
