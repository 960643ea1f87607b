import type { RunContext } from "@/lib/runs/define-action";
import { waitForRollout } from "../wait-for-rollout";
import { openPromotion, ticketLine } from "./open-promotion";
import type { PromoteInput } from "./schema";

export async function executePromote(ctx: RunContext, input: PromoteInput) {
  const { catalog, forgejo, gitops } = ctx.ports;
  if (input.run_tests)
    await ctx.log.warn(
      "Tests were requested; sandbox mode has no test runner, so the image's own pipeline results stand",
    );
  const { plan, pr, ticket } = await openPromotion(ctx, input);
  const { service, source, target, version } = plan;
  // The run only executes once its approvals are complete, so merging is the approved change.
  const merged = await ctx.step("merge-pull-request", async () => {
    // Another service's promotion merged the same main first: the branch has it all already.
    if (plan.merge && (await isAlreadyOnBranch(ctx, pr.number, plan.merge.branch))) {
      const why = `${plan.merge.branch} already has everything this pull request brings; Slipway closes it.`;
      // A retried step finds its comment and does not repeat it.
      const said = await forgejo.listPullRequestComments(gitops.owner, gitops.repo, pr.number);
      if (!said.some((c) => c.body === why))
        await forgejo.commentOnPullRequest(gitops.owner, gitops.repo, pr.number, why);
      const closed = await forgejo.closePullRequest(gitops.owner, gitops.repo, pr.number);
      return { ...closed, mergeSha: await forgejo.branchHead(gitops.owner, gitops.repo, plan.merge.branch) };
    }
    return forgejo.mergePullRequest(
      gitops.owner,
      gitops.repo,
      pr.number,
      [
        plan.merge
          ? `Promote main into ${plan.merge.branch} for ${service} ${version} in ${target} (#${pr.number})`
          : `Promote ${service} ${version} to ${target} (#${pr.number})`,
        "",
        ...ticketLine(ticket),
      ].join("\n"),
    );
  });
  await ctx.link({
    kind: "commit",
    url: `${pr.htmlUrl.replace(/\/pulls\/\d+$/, "")}/commit/${merged.mergeSha}`,
    title: `merge ${merged.mergeSha?.slice(0, 8)}`,
  });
  await ctx.step("record-promotion", async () => {
    await catalog.patchProperties("deployment", plan.targetDeployment, {
      promoted_from: source,
      ...(ticket ? { change_ticket: ticket } : {}),
    });
    const message = `Promoted ${version} from ${source} to ${target} (${gitops.owner}/${gitops.repo}#${pr.number})`;
    await catalog.recordActivity("deployment", plan.targetDeployment, {
      kind: "promotion",
      message,
      data: { run: ctx.runId, version, pr: pr.number },
    });
    await catalog.recordActivity("service", service, {
      kind: "promotion",
      message,
      data: { run: ctx.runId, version, pr: pr.number },
    });
    return true;
  });
  const updated = await forgejo.readFile(gitops.owner, gitops.repo, plan.kustomization, merged.mergeSha ?? undefined);
  // `apps` is absent from plans recorded before multi-cluster environments.
  await waitForRollout(ctx, plan.apps ?? plan.targetDeployment, {
    sha: merged.mergeSha ?? "",
    files: updated ? { [plan.kustomization]: updated } : {},
  });
  return { version, from: plan.from, target, pullRequest: pr.number, mergeSha: merged.mergeSha };
}

/** Whether an open pull request's head is already contained in `branch` (nothing left to merge). */
async function isAlreadyOnBranch(ctx: RunContext, number: number, branch: string): Promise<boolean> {
  const { forgejo, gitops } = ctx.ports;
  const pr = await forgejo.getPullRequest(gitops.owner, gitops.repo, number);
  if (!pr || pr.state !== "open") return false;
  const head = await forgejo.branchHead(gitops.owner, gitops.repo, pr.head);
  if (!head) return false;
  return (await forgejo.listCommitsBetween(gitops.owner, gitops.repo, { head, base: branch })).length === 0;
}
