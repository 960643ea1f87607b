import { setImageTag } from "@/lib/gitops";
import type { RunContext } from "@/lib/runs/define-action";
import { listDeploymentApps } from "../create-microservice/environments";
import { waitForRollout } from "../wait-for-rollout";
import { isPlan, planPromotion } from "./plan";
import type { PromoteInput } from "./schema";

export async function executePromote(ctx: RunContext, input: PromoteInput) {
  const { forgejo, catalog, gitops } = ctx.ports;
  const plan = await ctx.step("plan", async () => {
    const p = await planPromotion(ctx.ports, ctx.entity, input);
    if (!isPlan(p)) throw new Error(Object.values(p).flat().join("; "));
    return {
      service: p.source.service,
      source: p.source.environment.name,
      target: p.target.environment.name,
      targetDeployment: p.target.deployment,
      apps: listDeploymentApps(p.target.deployment, p.target.environment),
      version: p.version,
      from: p.current,
      image: p.target.image,
      kustomization: p.target.paths.kustomization,
    };
  });
  const { service, source, target, version } = plan;
  if (input.run_tests)
    await ctx.log.warn(
      "Tests were requested; sandbox mode has no test runner, so the image's own pipeline results stand",
    );
  const branch = `promote/${service}-${target}-${version}`;
  const pr = await ctx.step("open-pull-request", async () => {
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
        message: `Promote ${service} ${version} to ${target}`,
        changes: [{ path: plan.kustomization, content: updated }],
      });
    }
    const ticket = input.change_ticket ? `\nChange ticket: ${input.change_ticket}` : "";
    return forgejo.openPullRequest({
      owner: gitops.owner,
      repo: gitops.repo,
      head: branch,
      base: "main",
      title: `Promote ${service} ${version} from ${source} to ${target}`,
      body: `${target} moves from ${plan.from ?? "nothing"} to ${version}, the version ${source} runs.${ticket}\n\nRequested by ${ctx.actor.email} through Slipway run ${gitops.portalUrl}/runs/${ctx.runId}`,
    });
  });
  await ctx.link({ kind: "pull-request", url: pr.htmlUrl, title: `${gitops.owner}/${gitops.repo}#${pr.number}` });
  // The run only executes once its approvals are complete, so merging is the approved change.
  const merged = await ctx.step("merge-pull-request", () =>
    forgejo.mergePullRequest(
      gitops.owner,
      gitops.repo,
      pr.number,
      `Promote ${service} ${version} to ${target} (#${pr.number})`,
    ),
  );
  await ctx.link({
    kind: "commit",
    url: `${pr.htmlUrl.replace(/\/pulls\/\d+$/, "")}/commit/${merged.mergeSha}`,
    title: `merge ${merged.mergeSha?.slice(0, 8)}`,
  });
  await ctx.step("record-promotion", async () => {
    await catalog.patchProperties("deployment", plan.targetDeployment, {
      promoted_from: source,
      ...(input.change_ticket ? { change_ticket: input.change_ticket } : {}),
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
