import type { FieldErrors } from "@/lib/errors";
import { registerAction } from "@/lib/runs/define-action";
import { executePaasDelete } from "./executor";
import { paasDeleteInput } from "./schema";

export const paasDeleteAction = registerAction({
  id: "paas-delete",
  title: "Delete Paas",
  description: "Remove the Paas: its ApplicationSet elements, the Paas resource and its GitOps files.",
  blueprint: "paas",
  trigger: "delete",
  input: paasDeleteInput,
  permission: { execute: ["developer"], approve: ["sre"] },
  // Services placed in the Paas would lose their quota: they move out (or go) first.
  check: async (input, entity, ports): Promise<FieldErrors | null> => {
    if (!entity) return { entity: ["Choose the Paas to delete"] };
    if (input.confirm !== entity.identifier) return { confirm: [`Type ${entity.identifier} to confirm`] };
    const placed = (await ports.catalog.listEntities("service")).filter((s) =>
      (s.relations.paas ?? []).includes(entity.identifier),
    );
    return placed.length > 0
      ? { entity: [`Services still placed in ${entity.identifier}: ${placed.map((s) => s.identifier).join(", ")}`] }
      : null;
  },
  execute: executePaasDelete,
});
