import { getApplicationName, getOverlayPaths } from "@/lib/gitops";
import type { EntityRef } from "@/lib/runs/define-action";
import type { RunPorts } from "@/lib/runs/ports";
import { readDeployedVersion, resolveDeployment, type DeploymentTarget } from "../deployment-target";
import type { PromoteInput } from "./schema";

export type PromotionPlan = {
  source: DeploymentTarget;
  target: DeploymentTarget;
  version: string;
  current: string | null;
  /**
   * Branch promotion: main's head and the environment branch's head the pull request merges;
   * `keepsOverlay` when none of main's new commits touches the overlay, so the branch keeps its own.
   */
  merge: { branch: string; head: string; base: string; keepsOverlay: boolean } | null;
};

/** What a promotion would do, or field errors explaining why it cannot (checked before the run exists). */
export async function planPromotion(
  ports: RunPorts,
  entity: EntityRef | null,
  input: PromoteInput,
  opts: { allowSkip: boolean },
): Promise<PromotionPlan | Record<string, string[]>> {
  const source = await resolveDeployment(ports, entity);
  if ("error" in source) return { entity: [source.error] };
  const targetEnv = source.environments.find((e) => e.name === input.target_environment);
  if (!targetEnv)
    return {
      target_environment: [
        `No environment ${input.target_environment}; choose one of ${source.environments.map((e) => e.name).join(", ")}`,
      ],
    };
  if (targetEnv.order <= source.environment.order)
    return {
      target_environment: [`${targetEnv.name} does not come after ${source.environment.name}; promotions move forward`],
    };
  // One environment at a time; skipping one is an admin's override, with its reason audited.
  const next = source.environments
    .filter((e) => e.order > source.environment.order)
    .sort((a, b) => a.order - b.order)[0];
  if (next && next.name !== targetEnv.name && !opts.allowSkip)
    return {
      target_environment: [
        `${source.environment.name} promotes to ${next.name} first; skipping to ${targetEnv.name} needs an admin override with a reason`,
      ],
    };
  const target: DeploymentTarget = {
    ...source,
    deployment: getApplicationName(source.service, targetEnv.name),
    environment: targetEnv,
    paths: getOverlayPaths(source.service, targetEnv.name),
  };
  if (!(await ports.catalog.findEntity("deployment", target.deployment)))
    return { target_environment: [`${source.service} has no deployment in ${targetEnv.name}`] };
  if (targetEnv.promotion === "branch") return planBranchPromotion(ports, source, target);
  const version = await readDeployedVersion(ports, source);
  if (!version)
    return { entity: [`The GitOps repository has no ${source.environment.name} overlay for ${source.service}`] };
  const current = await readDeployedVersion(ports, target);
  if (current === version) return { target_environment: [`${targetEnv.name} already runs ${version}`] };
  return { source, target, version, current, merge: null };
}

/**
 * A branch environment runs what its branch holds; main carries its overlay ahead of it. Promoting
 * merges main into the branch, so the version it gets is the one main's overlay for it pins, unless
 * main's overlay did not change since the branch last took it.
 */
async function planBranchPromotion(
  ports: RunPorts,
  source: DeploymentTarget,
  target: DeploymentTarget,
): Promise<PromotionPlan | Record<string, string[]>> {
  const { forgejo, gitops } = ports;
  const { name, branch } = target.environment;
  const [head, base] = await Promise.all([
    forgejo.branchHead(gitops.owner, gitops.repo, "main"),
    forgejo.branchHead(gitops.owner, gitops.repo, branch),
  ]);
  if (!head) return { entity: ["The GitOps repository has no main branch"] };
  if (!base)
    return {
      target_environment: [
        `${name} follows branch ${branch}, which the GitOps repository does not have yet; Slipway creates it from main when a service is created or ${name} first gets its Application`,
      ],
    };
  const version = await readDeployedVersion(ports, target, head);
  if (!version) return { target_environment: [`main has no ${name} overlay for ${source.service}`] };
  const ahead = await forgejo.listCommitsBetween(gitops.owner, gitops.repo, { head, base });
  if (ahead.length === 0) return { target_environment: [`${branch} already has everything main has`] };
  const current = await readDeployedVersion(ports, target, base);
  // A merge brings what changed on main: an overlay no new commit of main touches stays as the
  // branch has it (a rollback made on the branch stays until main's overlay moves on).
  const touching = await forgejo.listCommits(gitops.owner, gitops.repo, {
    branch: "main",
    path: target.paths.kustomization,
    limit: 100,
  });
  const aheadShas = new Set(ahead.map((c) => c.sha));
  const keepsOverlay = current !== null && !touching.some((c) => aheadShas.has(c.sha));
  return {
    source,
    target,
    version: keepsOverlay ? current : version,
    current,
    merge: { branch, head, base, keepsOverlay },
  };
}

export const isPlan = (p: PromotionPlan | Record<string, string[]>): p is PromotionPlan =>
  "source" in p && "version" in p;
