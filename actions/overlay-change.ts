import type { RunContext } from "@/lib/runs/define-action";
import type { ChangeProposal } from "@/lib/runs/types";
import { listDeploymentApps } from "./create-microservice/environments";
import { getLiveBranch, readDeployedVersion, resolveDeployment, type DeploymentTarget } from "./deployment-target";
import { commitWithRetry } from "./gitops-repo";
import { waitForRollout } from "./wait-for-rollout";

/** What one day-2 action changes in a deployment's overlay; the rest is the same for all of them. */
export type OverlayChange = {
  /** Names the steps (`commit-<name>`, `record-<name>`) and the commit link. */
  name: string;
  /** The branch committed to (default main); a branch environment's rollback commits to its branch. */
  branch?: string;
  /** Overlay files the change reads and writes. */
  paths: string[];
  /** New text of (some of) `paths`, given their text at the head being committed on. */
  edit: (current: Record<string, string>) => Record<string, string>;
  /** Commit subject, and body lines above the "Requested by" line. */
  subject: string;
  body?: string[];
  /** The deployment's activity entry; the service's timeline gets the same message, prefixed with the deployment. */
  activity: { kind: string; message: string; data?: Record<string, unknown> };
};

export type OverlayChangeResult = { target: DeploymentTarget; commit: { sha: string; htmlUrl: string } };

/**
 * The skeleton of release, rollback and scale: resolve the deployment, commit the overlay change to
 * main (or `change.branch`), link the commit, record activity on the deployment and its service, wait until ArgoCD rolled
 * it out. `plan` supplies the action's specifics for the resolved deployment.
 */
export async function runOverlayChange(
  ctx: RunContext,
  plan: (target: DeploymentTarget) => Promise<OverlayChange> | OverlayChange,
): Promise<OverlayChangeResult> {
  const target = await resolveDeployment(ctx.ports, ctx.entity);
  if ("error" in target) throw new Error(target.error);
  const change = await plan(target);
  const message = [
    change.subject,
    "",
    ...(change.body ?? []),
    ...(ctx.changeTicket ? [`Change ticket: ${ctx.changeTicket}`] : []),
    `Requested by ${ctx.actor.email} (Slipway run ${ctx.runId})`,
  ].join("\n");
  const branch = change.branch ?? "main";
  const commit = await ctx.step(`commit-${change.name}`, () =>
    commitOverlayChange(ctx, branch, change.paths, change.edit, message),
  );
  await ctx.link({ kind: "commit", url: commit.htmlUrl, title: `${change.name} ${commit.sha.slice(0, 8)}` });
  await ctx.step(`record-${change.name}`, async () => {
    const { kind, message, data } = change.activity;
    // The ticket the change was approved under stays on the deployment until the next one.
    if (ctx.changeTicket)
      await ctx.ports.catalog.patchProperties("deployment", target.deployment, { change_ticket: ctx.changeTicket });
    await ctx.ports.catalog.recordActivity("deployment", target.deployment, {
      kind,
      message,
      data: { run: ctx.runId, commit: commit.sha, ...data },
    });
    await ctx.ports.catalog.recordActivity("service", target.service, {
      kind: change.name,
      message: `${target.deployment}: ${message}`,
      data: { run: ctx.runId },
    });
    return true;
  });
  if (branch !== getLiveBranch(target)) {
    // Main carries a branch environment's overlay ahead of it: nothing rolls out until a promotion merges it.
    await ctx.log.info(
      `${target.environment.name} runs branch ${getLiveBranch(target)}: this change reaches it with the next promotion`,
    );
    return { target, commit: { sha: commit.sha, htmlUrl: commit.htmlUrl } };
  }
  await waitForRollout(ctx, listDeploymentApps(target.deployment, target.environment), commit);
  return { target, commit: { sha: commit.sha, htmlUrl: commit.htmlUrl } };
}

/**
 * One commit to main changing some of an overlay's files (`edit` gets the current text of each and
 * returns the new text). A retried run whose change already landed commits nothing and returns the head.
 */
async function commitOverlayChange(
  ctx: RunContext,
  branch: string,
  paths: string[],
  edit: (current: Record<string, string>) => Record<string, string>,
  message: string,
) {
  const { forgejo, gitops } = ctx.ports;
  let written: Record<string, string> = {};
  const commit = await commitWithRetry(
    forgejo,
    gitops,
    async (head) => {
      const current: Record<string, string> = {};
      for (const p of paths) {
        const text = await forgejo.readFile(gitops.owner, gitops.repo, p, head ?? undefined);
        if (text === null) throw new Error(`${p} is missing from the GitOps repository`);
        current[p] = text;
      }
      const next = edit(current);
      written = next;
      const changes = Object.entries(next)
        .filter(([p, text]) => current[p] !== text)
        .map(([path, content]) => ({ path, content }));
      return changes.length === 0 ? null : { message, changes };
    },
    branch,
  );
  // `files`: the overlay's content after this change, which a rollout must carry to count as ours.
  return {
    sha: commit.sha,
    htmlUrl:
      commit.htmlUrl || `${(await forgejo.getRepo(gitops.owner, gitops.repo))?.htmlUrl ?? ""}/commit/${commit.sha}`,
    files: written,
  };
}

/**
 * What an overlay change would do, for its approvers (nothing is written: the change is committed to
 * main only once approved): the overlay's files at main's head and their text after the edit.
 */
export async function proposeOverlayChange(
  ctx: RunContext,
  plan: (target: DeploymentTarget) => Promise<OverlayChange> | OverlayChange,
  toVersion?: string,
): Promise<ChangeProposal> {
  const { forgejo, gitops } = ctx.ports;
  const target = await resolveDeployment(ctx.ports, ctx.entity);
  if ("error" in target) throw new Error(target.error);
  const change = await plan(target);
  const branch = change.branch ?? "main";
  const base = await forgejo.branchHead(gitops.owner, gitops.repo, branch);
  if (!base) throw new Error(`The GitOps repository has no ${branch} branch`);
  const current: Record<string, string> = {};
  for (const p of change.paths) {
    const text = await forgejo.readFile(gitops.owner, gitops.repo, p, base);
    if (text === null) throw new Error(`${p} is missing from the GitOps repository`);
    current[p] = text;
  }
  const changes = Object.fromEntries(Object.entries(change.edit(current)).filter(([p, text]) => current[p] !== text));
  const deployed = await readDeployedVersion(ctx.ports, target, base);
  return {
    service: target.service,
    deployment: target.deployment,
    environment: { from: null, to: target.environment.name },
    version: { from: deployed, to: toVersion ?? deployed },
    appRepo: { owner: target.team, name: target.service },
    overlay: target.paths.dir,
    base,
    changes,
    pullRequest: null,
  };
}
