import { setScale } from "@/lib/gitops";
import type { RunContext } from "@/lib/runs/define-action";
import type { DeploymentTarget } from "../deployment-target";
import { proposeOverlayChange, runOverlayChange, type OverlayChange } from "../overlay-change";
import { describeScale, readCurrentScale, toScaleChange } from "./current-scale";
import type { ScaleInput } from "./schema";

// Only the fields given change; the others keep what the overlay says.
const scaleChange =
  (ctx: RunContext, input: ScaleInput) =>
  async (target: DeploymentTarget): Promise<OverlayChange> => {
    const change = toScaleChange(input);
    const current = await readCurrentScale(ctx.ports, target);
    if ("error" in current) throw new Error(current.error);
    const { summary, details } = describeScale(change, current);
    const { replicaPatch, resourcePatch } = target.paths;
    return {
      name: "scale",
      paths: [replicaPatch, resourcePatch],
      edit: (files) => {
        const next = setScale({ replicaPatch: files[replicaPatch]!, resourcePatch: files[resourcePatch]! }, change);
        return {
          [replicaPatch]: next.replicaPatch ?? files[replicaPatch]!,
          [resourcePatch]: next.resourcePatch ?? files[resourcePatch]!,
        };
      },
      subject: `Scale ${target.service} in ${target.environment.name} to ${summary}`,
      body: [...details.map((d) => `- ${d}`), "", `Reason: ${input.reason}`],
      activity: { kind: "scale", message: `Scaled to ${summary}: ${input.reason}` },
    };
  };

export async function executeScale(ctx: RunContext, input: ScaleInput) {
  const { commit } = await runOverlayChange(ctx, scaleChange(ctx, input));
  return { commit: commit.sha, ...toScaleChange(input) };
}

/** Approvers see the replica and resource patches rendered before and after. */
export const proposeScale = (ctx: RunContext, input: ScaleInput) => proposeOverlayChange(ctx, scaleChange(ctx, input));
