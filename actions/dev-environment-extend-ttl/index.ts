import type { FieldErrors } from "@/lib/errors";
import { readTeamLimits } from "@/lib/dev-environments/limits";
import { formatDuration } from "@/lib/dev-environments/ttl";
import { registerAction } from "@/lib/runs/define-action";
import { executeDevEnvironmentExtendTtl } from "./executor";
import { newExpiry } from "./new-expiry";
import { devEnvironmentExtendTtlInput } from "./schema";

export const devEnvironmentExtendTtlAction = registerAction({
  id: "dev-environment-extend-ttl",
  title: "Extend time to live",
  description: "Keep the environment longer, within the team's longest time to live.",
  blueprint: "dev-environment",
  trigger: "day-2",
  input: devEnvironmentExtendTtlInput,
  permission: { execute: ["developer"], approve: ["sre"] },
  check: async (input, entity, ports): Promise<FieldErrors | null> => {
    if (!entity) return { entity: ["Choose the dev environment to extend"] };
    const limits = await readTeamLimits(ports.catalog, entity.team ?? "");
    const until = Date.parse(newExpiry(entity.properties.expires_at, input.extend_by, Date.now()));
    return until - Date.now() > limits.maxTtlMs
      ? { extend_by: [`Team ${entity.team} allows at most ${formatDuration(limits.maxTtlMs)} from now`] }
      : null;
  },
  execute: executeDevEnvironmentExtendTtl,
});
