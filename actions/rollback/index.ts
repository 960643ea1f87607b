import type { FieldErrors } from "@/lib/errors";
import { setImageTag } from "@/lib/gitops";
import { defineAction, type RunContext } from "@/lib/runs/define-action";
import { commitOverlayChange } from "../commit-overlay";
import { listVersionHistory, readDeployedVersion, resolveDeployment } from "../deployment-target";
import { waitForRollout } from "../wait-for-rollout";
import { rollbackInput, type RollbackInput } from "./schema";

async function executeRollback(ctx: RunContext, input: RollbackInput) {
  const target = await resolveDeployment(ctx.ports, ctx.entity);
  if ("error" in target) throw new Error(target.error);
  const env = target.environment.name;
  // An SRE's production rollback ran without a second approver: it is flagged for review afterwards.
  const needsReview = target.environment.production && !ctx.policy;
  const commit = await ctx.step("commit-rollback", () =>
    commitOverlayChange(
      ctx,
      [target.paths.kustomization],
      (files) => ({
        [target.paths.kustomization]: setImageTag(
          files[target.paths.kustomization]!,
          target.image,
          input.target_version,
        ),
      }),
      `Roll back ${target.service} in ${env} to ${input.target_version}\n\nReason: ${input.reason}\nRequested by ${ctx.actor.email} (Slipway run ${ctx.runId})${needsReview ? "\nMarked for review: production rollback without a second approver" : ""}`,
    ),
  );
  await ctx.link({ kind: "commit", url: commit.htmlUrl, title: `rollback ${commit.sha.slice(0, 8)}` });
  await ctx.step("record-rollback", async () => {
    const message = `Rolled back ${env} to ${input.target_version}: ${input.reason}${needsReview ? " (marked for review)" : ""}`;
    await ctx.ports.catalog.recordActivity("deployment", target.deployment, {
      kind: needsReview ? "rollback-review" : "rollback",
      message,
      data: { run: ctx.runId, version: input.target_version, commit: commit.sha },
    });
    await ctx.ports.catalog.recordActivity("service", target.service, {
      kind: "rollback",
      message: `${target.deployment}: ${message}`,
      data: { run: ctx.runId },
    });
    return true;
  });
  await waitForRollout(ctx, target.deployment, commit);
  return { version: input.target_version, commit: commit.sha, needsReview };
}

export const rollbackAction = defineAction({
  id: "rollback",
  title: "Roll back",
  description: "Set this environment's overlay back to a version it ran before, with the reason in the commit message.",
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
      readDeployedVersion(ports, target),
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
  options: async (entity, ports): Promise<Record<string, string[]>> => {
    const target = await resolveDeployment(ports, entity);
    if ("error" in target) return {};
    const [history, current] = await Promise.all([
      listVersionHistory(ports, target),
      readDeployedVersion(ports, target),
    ]);
    return { target_version: history.filter((v) => v !== current) };
  },
  execute: executeRollback,
});
