import { parseCpu, parseMemory, type CurrentScale } from "@/lib/gitops";
import { checkQuota, type QuotaUsage } from "@/lib/paas/quota-check";
import type { FieldErrors } from "@/lib/errors";
import type { RunPorts } from "@/lib/runs/ports";
import { resolveDeployment } from "./deployment-target";
import { readCurrentScale } from "./scale/current-scale";

// Quota of the Paas a service is placed in (its `paas` relation), checked by create-microservice and
// scale before a run is stored. Usage is what every other deployment of the Paas's services asks
// for in git (replicas × limits on main), which is what the operator's ClusterResourceQuota counts.

export const usageOf = (scale: Pick<CurrentScale, "replicas" | "limits">): QuotaUsage => ({
  cpu: scale.replicas * (parseCpu(scale.limits.cpu) ?? 0),
  memory: scale.replicas * (parseMemory(scale.limits.memory) ?? 0),
});

/** What the deployments of the Paas's services use, leaving out `except` (the one being changed). */
async function paasUsage(ports: RunPorts, paas: string, except: string | null): Promise<QuotaUsage> {
  const services = new Set(
    (await ports.catalog.listEntities("service"))
      .filter((s) => (s.relations.paas ?? []).includes(paas))
      .map((s) => s.identifier),
  );
  const deployments = (await ports.catalog.listEntities("deployment")).filter(
    (d) => d.identifier !== except && services.has(d.relations.service?.[0] ?? ""),
  );
  const usages = await Promise.all(
    deployments.map(async (d) => {
      const target = await resolveDeployment(ports, { blueprint: "deployment", ...d });
      if ("error" in target) return { cpu: 0, memory: 0 };
      const current = await readCurrentScale(ports, target);
      return "error" in current ? { cpu: 0, memory: 0 } : usageOf(current);
    }),
  );
  return usages.reduce((a, b) => ({ cpu: a.cpu + b.cpu, memory: a.memory + b.memory }), { cpu: 0, memory: 0 });
}

/**
 * Field errors when `asked` does not fit next to what the Paas's other deployments use; null when
 * it fits or the Paas sets no quota. `paas` null: the service is in no Paas, nothing to check.
 */
export async function checkPaasQuota(
  ports: RunPorts,
  paas: string | null,
  except: string | null,
  asked: QuotaUsage,
  fields: { cpu: string; memory: string },
): Promise<FieldErrors | null> {
  if (!paas) return null;
  const entity = await ports.catalog.findEntity("paas", paas);
  if (!entity) return null;
  const used = await paasUsage(ports, paas, except);
  const errors = checkQuota(
    {
      name: paas,
      cpu: typeof entity.properties.cpu_quota === "string" ? entity.properties.cpu_quota : undefined,
      memory: typeof entity.properties.memory_quota === "string" ? entity.properties.memory_quota : undefined,
    },
    used,
    asked,
    fields,
  );
  return Object.keys(errors).length > 0 ? errors : null;
}

export async function paasOfService(ports: RunPorts, service: string): Promise<string | null> {
  return (await ports.catalog.findEntity("service", service))?.relations.paas?.[0] ?? null;
}
