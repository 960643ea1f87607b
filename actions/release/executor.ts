import { setImageTag } from "@/lib/gitops";
import type { RunContext } from "@/lib/runs/define-action";
import { runOverlayChange } from "../overlay-change";
import type { ReleaseInput } from "./schema";

// The commit the app pipeline's "bump" job makes after pushing an image, for installs (and the
// sandbox) where no pipeline runs: the first environment's overlay moves to a new image tag.
export async function executeRelease(ctx: RunContext, input: ReleaseInput) {
  const { commit } = await runOverlayChange(ctx, (target) => ({
    name: "release",
    paths: [target.paths.kustomization],
    edit: (files) => ({
      [target.paths.kustomization]: setImageTag(files[target.paths.kustomization]!, target.image, input.version),
    }),
    subject: `Release ${target.service} ${input.version} to ${target.environment.name}`,
    body: input.notes ? [input.notes, ""] : [],
    activity: { kind: "release", message: `Released ${input.version} to ${target.environment.name}` },
  }));
  return { version: input.version, commit: commit.sha };
}
