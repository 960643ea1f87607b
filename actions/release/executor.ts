import { setImageTag } from "@/lib/gitops";
import type { RunContext } from "@/lib/runs/define-action";
import { runOverlayChange } from "../overlay-change";
import type { ReleaseInput } from "./schema";

// The commit the app pipeline's "bump" job makes after pushing an image, for installs (and the
// sandbox) where no pipeline runs: the first environment's overlay moves to a new image tag. For a
// branch environment it sets the version main carries for it, which its next promotion merges.
export async function executeRelease(ctx: RunContext, input: ReleaseInput) {
  const { commit } = await runOverlayChange(ctx, (target) => {
    const env = target.environment;
    const staged = env.promotion === "branch" && env.order !== target.environments[0]?.order;
    return {
      name: "release",
      paths: [target.paths.kustomization],
      edit: (files) => ({
        [target.paths.kustomization]: setImageTag(files[target.paths.kustomization]!, target.image, input.version),
      }),
      subject: staged
        ? `Set ${target.service} ${input.version} for ${env.name} on main (live once main is promoted into ${env.branch})`
        : `Release ${target.service} ${input.version} to ${env.name}`,
      body: input.notes ? [input.notes, ""] : [],
      activity: {
        kind: "release",
        message: staged
          ? `Set ${input.version} for ${env.name} on main; it goes live with the next promotion into ${env.branch}`
          : `Released ${input.version} to ${env.name}`,
      },
    };
  });
  return { version: input.version, commit: commit.sha };
}
