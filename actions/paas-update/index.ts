import { registerAction } from "@/lib/runs/define-action";
import { executePaasUpdate } from "./executor";
import { paasUpdateInput } from "./schema";

export const paasUpdateAction = registerAction({
  id: "paas-update",
  title: "Update Paas",
  description:
    "Change the Paas's capabilities, extra namespaces or quota: the Paas resource and the ApplicationSet elements follow.",
  blueprint: "paas",
  trigger: "day-2",
  input: paasUpdateInput,
  permission: { execute: ["developer"], approve: ["sre"] },
  check: async (_input, entity) => (entity ? null : { entity: ["Choose the Paas to update"] }),
  execute: executePaasUpdate,
});
