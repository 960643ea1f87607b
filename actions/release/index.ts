import type { FieldErrors } from "@/lib/errors";
import { registerAction } from "@/lib/runs/define-action";
import { readDeployedVersion, resolveDeployment } from "../deployment-target";
import { executeRelease } from "./executor";
import { releaseInput } from "./schema";

export const releaseAction = registerAction({
  id: "release",
  title: "Release a version",
  description:
    "Point the first environment (dev) at a new image tag, as the app pipeline's bump job does; or set the version main carries for an environment that promotes by branch.",
  blueprint: "deployment",
  trigger: "day-2",
  input: releaseInput,
  permission: { execute: ["developer"], approve: ["sre"] },
  approval: (_input, entity) => ({ environment: entity?.relations.environment?.[0] ?? "" }),
  check: async (input, entity, ports): Promise<FieldErrors | null> => {
    const target = await resolveDeployment(ports, entity);
    if ("error" in target) return { entity: [target.error] };
    // A branch environment's overlay on main is what its next promotion merges, so it may be set there.
    if (target.environment.order !== target.environments[0]?.order && target.environment.promotion !== "branch")
      return { entity: [`Releases go to ${target.environments[0]?.name}; promote from there`] };
    if ((await readDeployedVersion(ports, target)) === input.version)
      return {
        version: [
          target.environment.promotion === "branch"
            ? `main already carries ${input.version} for ${target.environment.name}`
            : `${target.environment.name} already runs ${input.version}`,
        ],
      };
    return null;
  },
  execute: executeRelease,
});
