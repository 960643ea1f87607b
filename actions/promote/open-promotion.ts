import { setImageTag } from "@/lib/gitops";
import type { RunContext } from "@/lib/runs/define-action";
import type { ChangeProposal } from "@/lib/runs/types";
import { listDeploymentApps } from "../create-microservice/environments";
import { openMergePullRequest } from "./open-branch-promotion";
import { isPlan, planPromotion } from "./plan";
import type { PromoteInput } from "./schema";

// The first half of a promotion, shared by the request (so reviewers get the pull request before
// they decide) and the executor (which replays these steps, or runs them when the request could not).

export const ticketLine = (ticket: string | null | undefined) => (ticket ? [`Change ticket: ${ticket}`] : []);

export async function openPromotion(ctx: RunContext, input: PromoteInput) {
  const { gitops } = ctx.ports;
  const plan = await ctx.step("plan", async () => {
    // Skipping an environment was allowed (or refused) when the run was requested, by an admin.
    const p = await planPromotion(ctx.ports, ctx.entity, input, { allowSkip: Boolean(input.override_reason) });
    if (!isPlan(p)) throw new Error(Object.values(p).flat().join("; "));
    return {
      service: p.source.service,
      team: p.source.team,
      source: p.source.environment.name,
      target: p.target.environment.name,
      targetDeployment: p.target.deployment,
      apps: listDeploymentApps(p.target.deployment, p.target.environment),
      version: p.version,
      from: p.current,
      image: p.target.image,
      overlay: p.target.paths.dir,
      kustomization: p.target.paths.kustomization,
      merge: p.merge,
    };
  });
  const ticket = ctx.changeTicket ?? input.change_ticket ?? null;
  const requested = `Requested by ${ctx.actor.email} through Slipway run ${gitops.portalUrl}/runs/${ctx.runId}`;
  // `merge` is absent from plans recorded before branch promotion.
  const merge = plan.merge ?? null;
  const pr = merge
    ? await openMergePullRequest(ctx, input, { ...plan, merge }, { ticket: ticketLine(ticket), requested })
    : await openOverlayPromotion(ctx, input, plan, ticket, requested);
  await ctx.link({ kind: "pull-request", url: pr.htmlUrl, title: `${gitops.owner}/${gitops.repo}#${pr.number}` });
  return { plan, pr, ticket };
}

async function openOverlayPromotion(
  ctx: RunContext,
  input: PromoteInput,
  plan: {
    service: string;
    source: string;
    target: string;
    version: string;
    from: string | null;
    image: string;
    kustomization: string;
  },
  ticket: string | null,
  requested: string,
) {
  const { forgejo, gitops } = ctx.ports;
  const { service, source, target, version } = plan;
  const branch = `promote/${service}-${target}-${version}`;
  return ctx.step("open-pull-request", async () => {
    const main = await forgejo.branchHead(gitops.owner, gitops.repo, "main");
    if (!main) throw new Error("The GitOps repository has no main branch");
    const existing = await forgejo.branchHead(gitops.owner, gitops.repo, branch);
    if (!existing) await forgejo.createBranch(gitops.owner, gitops.repo, branch, main);
    const head = existing ?? main;
    const kustomization = await forgejo.readFile(gitops.owner, gitops.repo, plan.kustomization, head);
    if (!kustomization) throw new Error(`${plan.kustomization} is missing`);
    const updated = setImageTag(kustomization, plan.image, version);
    if (updated !== kustomization) {
      await forgejo.commitFiles({
        owner: gitops.owner,
        repo: gitops.repo,
        branch,
        expectedHead: head,
        message: [`Promote ${service} ${version} to ${target}`, "", ...ticketLine(ticket)].join("\n"),
        changes: [{ path: plan.kustomization, content: updated }],
      });
    }
    const override = input.override_reason ? [`Skips an environment (admin override): ${input.override_reason}`] : [];
    const opened = await forgejo.openPullRequest({
      owner: gitops.owner,
      repo: gitops.repo,
      head: branch,
      base: "main",
      title: `Promote ${service} ${version} from ${source} to ${target}`,
      body: [
        `${target} moves from ${plan.from ?? "nothing"} to ${version}, the version ${source} runs.`,
        ...ticketLine(ticket),
        ...override,
        "",
        requested,
      ].join("\n"),
    });
    // The revision the branch left main at, and the overlay's new text: what approvers see diffed.
    return { ...opened, baseSha: main, branch, kustomization: updated as string | null, headSha: null };
  });
}

/** What approvers of a promotion are shown: the same steps as the run, stopped before the merge. */
export async function proposePromote(ctx: RunContext, input: PromoteInput): Promise<ChangeProposal> {
  const { plan, pr } = await openPromotion(ctx, input);
  return {
    service: plan.service,
    deployment: plan.targetDeployment,
    environment: { from: plan.source, to: plan.target },
    version: { from: plan.from, to: plan.version },
    appRepo: { owner: plan.team, name: plan.service },
    overlay: plan.overlay,
    base: pr.baseSha,
    changes: await changesOf(ctx, plan, pr),
    pullRequest: { number: pr.number, url: pr.htmlUrl, branch: pr.branch },
    ...(plan.merge && pr.headSha ? { merge: { branch: plan.merge.branch, head: pr.headSha } } : {}),
  };
}

/**
 * The files approvers see changed: the overlay promotion's new kustomization; for a branch
 * promotion nothing on top of main, except the branch's own overlay when the merge keeps it.
 */
async function changesOf(
  ctx: RunContext,
  plan: { kustomization: string; merge?: { keepsOverlay?: boolean } | null },
  pr: { kustomization: string | null; baseSha: string },
): Promise<Record<string, string>> {
  if (pr.kustomization !== null) return { [plan.kustomization]: pr.kustomization };
  if (!plan.merge?.keepsOverlay) return {};
  const { forgejo, gitops } = ctx.ports;
  const kept = await forgejo.readFile(gitops.owner, gitops.repo, plan.kustomization, pr.baseSha);
  return kept === null ? {} : { [plan.kustomization]: kept };
}
