import type { FieldErrors } from "@/lib/errors";
import { setImageTag } from "@/lib/gitops";
import { defineAction, type RunContext } from "@/lib/runs/define-action";
import { commitOverlayChange } from "../commit-overlay";
import { readDeployedVersion, resolveDeployment } from "../deployment-target";
import { waitForRollout } from "../wait-for-rollout";
import { releaseInput, type ReleaseInput } from "./schema";

// The commit the app pipeline's "bump" job makes after pushing an image, for installs (and the
// sandbox) where no pipeline runs: the first environment's overlay moves to a new image tag.
async function executeRelease(ctx: RunContext, input: ReleaseInput) {
  const target = await resolveDeployment(ctx.ports, ctx.entity);
  if ("error" in target) throw new Error(target.error);
  const commit = await ctx.step("commit-release", () =>
    commitOverlayChange(
      ctx,
      [target.paths.kustomization],
      (files) => ({
        [target.paths.kustomization]: setImageTag(files[target.paths.kustomization]!, target.image, input.version),
      }),
      `Release ${target.service} ${input.version} to ${target.environment.name}${input.notes ? `\n\n${input.notes}` : ""}\n\nRequested by ${ctx.actor.email} (Slipway run ${ctx.runId})`,
    ),
  );
  await ctx.link({ kind: "commit", url: commit.htmlUrl, title: `release ${commit.sha.slice(0, 8)}` });
  await ctx.step("record-release", async () => {
    await ctx.ports.catalog.recordActivity("deployment", target.deployment, {
      kind: "release",
      message: `Released ${input.version}`,
      data: { run: ctx.runId, commit: commit.sha },
    });
    await ctx.ports.catalog.recordActivity("service", target.service, {
      kind: "release",
      message: `Released ${input.version} to ${target.environment.name}`,
      data: { run: ctx.runId },
    });
    return true;
  });
  await waitForRollout(ctx, target.deployment, commit);
  return { version: input.version, commit: commit.sha };
}

export const releaseAction = defineAction({
  id: "release",
  title: "Release a version",
  description: "Point the first environment (dev) at a new image tag, as the app pipeline's bump job does.",
  blueprint: "deployment",
  trigger: "day-2",
  input: releaseInput,
  permission: { execute: ["developer"], approve: ["sre"] },
  approval: (_input, entity) => ({ environment: entity?.relations.environment?.[0] ?? "" }),
  check: async (input, entity, ports): Promise<FieldErrors | null> => {
    const target = await resolveDeployment(ports, entity);
    if ("error" in target) return { entity: [target.error] };
    if (target.environment.order !== target.environments[0]?.order)
      return { entity: [`Releases go to ${target.environments[0]?.name}; promote from there`] };
    if ((await readDeployedVersion(ports, target)) === input.version)
      return { version: [`${target.environment.name} already runs ${input.version}`] };
    return null;
  },
  execute: executeRelease,
});
