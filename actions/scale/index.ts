import type { FieldErrors } from "@/lib/errors";
import { validateScale } from "@/lib/gitops";
import { registerAction, type FieldHint } from "@/lib/runs/define-action";
import { checkPaasQuota, paasOfService, usageOf } from "../paas-quota";
import { resolveScaleTarget, toScaleChange } from "./current-scale";
import { executeScale, proposeScale } from "./executor";
import { resolveDeployment } from "../deployment-target";
import { scaleGate } from "../gate-target";
import { scaleInput } from "./schema";

export const scaleAction = registerAction({
  id: "scale",
  title: "Scale",
  description:
    "Commit a new replica count and/or CPU/memory limits to this environment's overlay; what is left out stays as it is.",
  blueprint: "deployment",
  trigger: "day-2",
  input: scaleInput,
  aliases: ["scale_resources"],
  permission: { execute: ["developer"], approve: ["sre"] },
  approval: (_input, entity) => ({ environment: entity?.relations.environment?.[0] ?? "" }),
  // The combination the overlay ends with is checked: limits below the requests, replicas outside
  // the environment's bounds, or more than the quota of the service's Paas allows are field errors.
  check: async (input, entity, ports): Promise<FieldErrors | null> => {
    const found = await resolveScaleTarget(ports, entity);
    if ("error" in found) return { entity: [found.error] };
    const { target, current } = found;
    const change = toScaleChange(input);
    const errors = validateScale(
      {
        replicas: change.replicas ?? current.replicas,
        cpuLimit: change.cpuLimit ?? current.limits.cpu,
        memoryLimit: change.memoryLimit ?? current.limits.memory,
      },
      {
        requests: current.requests,
        minReplicas: target.environment.minReplicas,
        maxReplicas: target.environment.maxReplicas,
      },
    );
    if (Object.keys(errors).length > 0) return errors;
    // The quota of the service's Paas counts replicas × limits, so the error goes on whichever of
    // them the request changes.
    const asked = usageOf({
      replicas: change.replicas ?? current.replicas,
      limits: { cpu: change.cpuLimit ?? current.limits.cpu, memory: change.memoryLimit ?? current.limits.memory },
    });
    const replicasField = change.replicas !== undefined ? "replicas" : null;
    return checkPaasQuota(ports, await paasOfService(ports, target.service), target.deployment, asked, {
      cpu: change.cpuLimit !== undefined ? "cpu_limit" : (replicasField ?? "cpu_limit"),
      memory: change.memoryLimit !== undefined ? "memory_limit" : (replicasField ?? "memory_limit"),
    });
  },
  // The form starts from what the overlay asks for now and says which replica counts the environment allows.
  formHints: async (entity, ports): Promise<Record<string, FieldHint>> => {
    const found = await resolveScaleTarget(ports, entity);
    if ("error" in found) return {};
    const { target, current } = found;
    const { name, minReplicas, maxReplicas } = target.environment;
    return {
      replicas: {
        current: current.replicas,
        minimum: minReplicas,
        maximum: maxReplicas,
        note: `${name} allows ${minReplicas} to ${maxReplicas} replicas`,
      },
      cpu_limit: { current: current.limits.cpu },
      memory_limit: { current: current.limits.memory },
    };
  },
  propose: proposeScale,
  gate: async (input, entity, ports) => {
    const target = await resolveDeployment(ports, entity);
    return "error" in target ? null : scaleGate(target, toScaleChange(input));
  },
  execute: executeScale,
});
