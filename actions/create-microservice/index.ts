import { registerAction } from "@/lib/runs/define-action";
import { executeCreateMicroservice } from "./executor";
import { createMicroserviceInput } from "./schema";

export const createMicroserviceAction = registerAction({
  id: "create-microservice",
  title: "Create microservice",
  description:
    "Scaffold an app repository from a golden-path template, add its manifests to the GitOps repo, register the service and its deployments, and hand the dev Application to the cluster.",
  blueprint: "service",
  trigger: "create",
  input: createMicroserviceInput,
  aliases: ["create_microservice"],
  permission: { execute: ["developer"], approve: ["sre"] },
  // Creating a service deploys to dev only, which needs no approval by default.
  approval: () => ({ environment: "dev" }),
  // Name rules are in the schema; this needs the catalog (the team's existence is checked for every
  // action by requestRun). Nothing is created when it fails.
  check: async (input, _entity, ports) => {
    const errors: Record<string, string[]> = {};
    if (await ports.catalog.findEntity("service", input.name))
      errors.name = [`A service named ${input.name} already exists`];
    return errors;
  },
  execute: executeCreateMicroservice,
});
