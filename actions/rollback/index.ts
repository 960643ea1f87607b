import type { FieldErrors } from "@/lib/errors";
import { registerAction } from "@/lib/runs/define-action";
import { getLiveBranch, listVersionHistory, readDeployedVersion, resolveDeployment } from "../deployment-target";
import { executeRollback, proposeRollback } from "./executor";
import { imageTagGate } from "../gate-target";
import { rollbackInput } from "./schema";

export const rollbackAction = registerAction({
  id: "rollback",
  title: "Roll back",
  description:
    "Set this environment's overlay back to a version it ran before, with the reason in the commit message (on the environment's branch when it promotes by branch).",
  blueprint: "deployment",
  trigger: "day-2",
  input: rollbackInput,
  aliases: ["rollback_deployment"],
  permission: { execute: ["developer"], approve: ["sre"] },
  // Production rollbacks are emergencies: an SRE may run one without waiting for approvers.
  approval: (_input, entity, requester) => {
    const env = entity?.relations.environment?.[0] ?? "";
    if ((env === "prod" || env === "production") && requester.roles.includes("sre")) return null;
    return { environment: env };
  },
  check: async (input, entity, ports): Promise<FieldErrors | null> => {
    const target = await resolveDeployment(ports, entity);
    if ("error" in target) return { entity: [target.error] };
    const [history, current] = await Promise.all([
      listVersionHistory(ports, target),
      readDeployedVersion(ports, target, getLiveBranch(target)),
    ]);
    if (input.target_version === current)
      return { target_version: [`${target.environment.name} already runs ${current}`] };
    if (!history.includes(input.target_version))
      return {
        target_version: [
          `${target.environment.name} never ran ${input.target_version}; it ran ${history.join(", ") || "nothing yet"}`,
        ],
      };
    return null;
  },
  gate: async (input, entity, ports) => {
    const target = await resolveDeployment(ports, entity);
    return "error" in target ? null : imageTagGate(target, input.target_version);
  },
  options: async (entity, ports): Promise<Record<string, string[]>> => {
    const target = await resolveDeployment(ports, entity);
    if ("error" in target) return {};
    const [history, current] = await Promise.all([
      listVersionHistory(ports, target),
      readDeployedVersion(ports, target, getLiveBranch(target)),
    ]);
    return { target_version: history.filter((v) => v !== current) };
  },
  propose: proposeRollback,
  execute: executeRollback,
});
