import { setImageTag } from "@/lib/gitops";
import type { RunContext } from "@/lib/runs/define-action";
import { getLiveBranch, type DeploymentTarget } from "../deployment-target";
import { proposeOverlayChange, runOverlayChange, type OverlayChange } from "../overlay-change";
import type { RollbackInput } from "./schema";

// An SRE's production rollback ran without a second approver: it is flagged for review afterwards.
const needsReview = (ctx: RunContext, target: DeploymentTarget) => target.environment.production && !ctx.policy;

const rollbackChange =
  (ctx: RunContext, input: RollbackInput) =>
  (target: DeploymentTarget): OverlayChange => {
    const env = target.environment.name;
    const review = needsReview(ctx, target);
    return {
      name: "rollback",
      // A branch environment runs its branch: the rollback is a commit there, main keeps what it carries.
      branch: getLiveBranch(target),
      paths: [target.paths.kustomization],
      edit: (files) => ({
        [target.paths.kustomization]: setImageTag(
          files[target.paths.kustomization]!,
          target.image,
          input.target_version,
        ),
      }),
      subject: `Roll back ${target.service} in ${env} to ${input.target_version}`,
      body: [
        `Reason: ${input.reason}`,
        ...(review ? ["Marked for review: production rollback without a second approver"] : []),
      ],
      activity: {
        kind: review ? "rollback-review" : "rollback",
        message: `Rolled back ${env} to ${input.target_version}: ${input.reason}${review ? " (marked for review)" : ""}`,
        data: { version: input.target_version },
      },
    };
  };

export async function executeRollback(ctx: RunContext, input: RollbackInput) {
  const { target, commit } = await runOverlayChange(ctx, rollbackChange(ctx, input));
  return { version: input.target_version, commit: commit.sha, needsReview: needsReview(ctx, target) };
}

/** Approvers see the overlay rendered at the current version and at the one it goes back to. */
export const proposeRollback = (ctx: RunContext, input: RollbackInput) =>
  proposeOverlayChange(ctx, rollbackChange(ctx, input), input.target_version);
