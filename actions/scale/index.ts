import type { FieldErrors } from "@/lib/errors";
import { validateScale } from "@/lib/gitops";
import { registerAction } from "@/lib/runs/define-action";
import { resolveScaleTarget, toScaleChange } from "./current-scale";
import { executeScale } from "./executor";
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
  // The combination the overlay ends with is checked: limits below the requests or replicas outside
  // the environment's bounds are field errors.
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
    return Object.keys(errors).length > 0 ? errors : null;
  },
  execute: executeScale,
});
