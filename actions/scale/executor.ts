import { setScale } from "@/lib/gitops";
import type { RunContext } from "@/lib/runs/define-action";
import { runOverlayChange } from "../overlay-change";
import { describeScale, readCurrentScale, toScaleChange } from "./current-scale";
import type { ScaleInput } from "./schema";

// Only the fields given change; the others keep what the overlay says.
export async function executeScale(ctx: RunContext, input: ScaleInput) {
  const change = toScaleChange(input);
  const { commit } = await runOverlayChange(ctx, async (target) => {
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
  });
  return { commit: commit.sha, ...change };
}
