import { registerAction } from "@/lib/runs/define-action";
import { executeDevEnvironmentDelete } from "./executor";
import { devEnvironmentDeleteInput } from "./schema";

export const devEnvironmentDeleteAction = registerAction({
  id: "dev-environment-delete",
  title: "Delete dev environment",
  description: "Remove the environment now: its Applications, its namespace and its catalog entry.",
  blueprint: "dev-environment",
  trigger: "delete",
  input: devEnvironmentDeleteInput,
  permission: { execute: ["developer"], approve: ["sre"] },
  check: async (_input, entity) => (entity ? null : { entity: ["Choose the dev environment to delete"] }),
  execute: executeDevEnvironmentDelete,
});
