import { defineAction } from "@/lib/runs/define-action";
import { executeCreateMicroservice } from "./executor";
import { createMicroserviceInput } from "./schema";

export const createMicroserviceAction = defineAction({
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
  // Name rules are in the schema; these need the catalog. Nothing is created when they fail.
  check: async (input, _entity, ports) => {
    const errors: Record<string, string[]> = {};
    if (await ports.catalog.getEntity("service", input.name))
      errors.name = [`A service named ${input.name} already exists`];
    if (!(await ports.catalog.getEntity("team", input.team))) errors.team = [`No team ${input.team} in the catalog`];
    return errors;
  },
  execute: executeCreateMicroservice,
});
