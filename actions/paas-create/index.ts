import { registerAction } from "@/lib/runs/define-action";
import { executePaasCreate } from "./executor";
import { paasCreateInput } from "./schema";

export const paasCreateAction = registerAction({
  id: "paas-create",
  title: "Create Paas",
  description:
    "Request a Paas: capabilities (ArgoCD, Forgejo, Grafana, Harbor, Tekton, Vault), extra namespaces and a quota. Commits the opr-paas Paas resource and the capabilities' ApplicationSet elements, and applies them.",
  blueprint: "paas",
  trigger: "create",
  input: paasCreateInput,
  permission: { execute: ["developer"], approve: ["sre"] },
  check: async (input, _entity, ports) =>
    (await ports.catalog.findEntity("paas", input.name))
      ? { name: [`A Paas named ${input.name} already exists`] }
      : null,
  execute: executePaasCreate,
});
