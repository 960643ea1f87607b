import { registerAction, type FieldHint } from "@/lib/runs/define-action";
import { executePromote } from "./executor";
import { proposePromote } from "./open-promotion";
import { gateClock } from "@/lib/policies/gate";
import { readGateSettings } from "@/lib/policies/gate-settings";
import { describeSoak } from "@/lib/policies/soak";
import { readDeployedVersion, resolveDeployment } from "../deployment-target";
import { imageTagGate } from "../gate-target";
import { isPlan, planPromotion } from "./plan";
import { promoteInput } from "./schema";

export const promoteAction = registerAction({
  id: "promote",
  title: "Promote",
  description:
    "Open a pull request on the GitOps repo setting the next environment's image tag to this one's version; merged once approved. Skipping an environment needs an admin's override with a reason.",
  blueprint: "deployment",
  trigger: "day-2",
  input: promoteInput,
  aliases: ["promote_deployment"],
  permission: { execute: ["developer"], approve: ["sre"] },
  approval: (input) => ({ environment: input.target_environment }),
  check: async (input, entity, ports, requester) => {
    if (input.override_reason && !requester?.roles.includes("admin"))
      return { override_reason: ["Only an admin may override the promotion order"] };
    const plan = await planPromotion(ports, entity, input, { allowSkip: Boolean(input.override_reason) });
    return isPlan(plan) ? null : plan;
  },
  propose: proposePromote,
  gate: async (input, entity, ports) => {
    const plan = await planPromotion(ports, entity, input, { allowSkip: Boolean(input.override_reason) });
    if (!isPlan(plan)) return null;
    return imageTagGate(plan.target, plan.version, {
      sourceDeployment: plan.source.deployment,
      sourceEnvironment: plan.source.environment.name,
      service: plan.source.service,
      version: plan.version,
    });
  },
  // When a soak-gated promotion becomes allowed, under the environment field.
  formHints: async (entity, ports): Promise<Record<string, FieldHint>> => {
    const source = await resolveDeployment(ports, entity);
    if ("error" in source) return {};
    const version = await readDeployedVersion(ports, source);
    if (!version) return {};
    const notes: string[] = [];
    for (const env of source.environments.filter((e) => e.order > source.environment.order)) {
      const soak = {
        sourceDeployment: source.deployment,
        sourceEnvironment: source.environment.name,
        service: source.service,
        version,
      };
      const note = await describeSoak(soak, await readGateSettings(ports.catalog, env.name), gateClock.now());
      if (note) notes.push(note);
    }
    return notes.length ? { target_environment: { note: notes.join("; ") } } : {};
  },
  options: async (entity, ports): Promise<Record<string, string[]>> => {
    const source = await resolveDeployment(ports, entity);
    if ("error" in source) return {};
    return {
      target_environment: source.environments.filter((e) => e.order > source.environment.order).map((e) => e.name),
    };
  },
  execute: executePromote,
});
