import { getRuntimeProfile } from "@/lib/gitops/runtime";
import { registerAction } from "@/lib/runs/define-action";
import { checkPaasQuota, usageOf } from "../paas-quota";
import { readEnvironments } from "./environments";
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
    if (input.paas) {
      if (!(await ports.catalog.findEntity("paas", input.paas))) errors.paas = [`Paas "${input.paas}" does not exist`];
      else {
        // Every environment's deployment counts against the quota once the service is promoted there.
        const { limits } = getRuntimeProfile(input.language).resources;
        const envs = await readEnvironments(ports.catalog);
        const replicas = envs.reduce((sum, e) => sum + e.replicas, 0);
        const quota = await checkPaasQuota(ports, input.paas, null, usageOf({ replicas, limits }), {
          cpu: "paas",
          memory: "paas",
        });
        Object.assign(errors, quota);
      }
    }
    return errors;
  },
  execute: executeCreateMicroservice,
});
