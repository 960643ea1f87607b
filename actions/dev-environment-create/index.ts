import type { FieldErrors } from "@/lib/errors";
import { countLiveDevEnvironments, readTeamLimits } from "@/lib/dev-environments/limits";
import { formatDuration, parseTtl } from "@/lib/dev-environments/ttl";
import { registerAction } from "@/lib/runs/define-action";
import { executeDevEnvironmentCreate } from "./executor";
import { devEnvironmentCreateInput } from "./schema";

export const devEnvironmentCreateAction = registerAction({
  id: "dev-environment-create",
  title: "Create dev environment",
  description:
    "An environment on demand: a namespace and one Application per service from your branch, at its own URL, removed when its time to live runs out.",
  blueprint: "dev-environment",
  trigger: "create",
  input: devEnvironmentCreateInput,
  permission: { execute: ["developer"], approve: ["sre"] },
  // Per-team limits (team properties dev_env_max_ttl_hours, dev_env_max_live) and the services'
  // existence; nothing is created when they fail.
  check: async (input, _entity, ports): Promise<FieldErrors | null> => {
    const errors: FieldErrors = {};
    if (await ports.catalog.findEntity("dev-environment", input.name))
      errors.name = [`A dev environment named ${input.name} already exists`];
    const limits = await readTeamLimits(ports.catalog, input.team);
    if (parseTtl(input.ttl)! > limits.maxTtlMs)
      errors.ttl = [`Team ${input.team} allows at most ${formatDuration(limits.maxTtlMs)}`];
    const live = await countLiveDevEnvironments(ports.catalog, input.team);
    if (live >= limits.maxLive)
      errors.team = [`Team ${input.team} already has ${live} live dev environments (at most ${limits.maxLive})`];
    for (const [i, s] of input.services.entries())
      if (!(await ports.catalog.findEntity("service", s.name)))
        errors[`services.${i}.name`] = [`Service ${s.name} is not in the catalog`];
    return Object.keys(errors).length > 0 ? errors : null;
  },
  execute: executeDevEnvironmentCreate,
});
