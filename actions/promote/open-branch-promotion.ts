import type { RunContext } from "@/lib/runs/define-action";
import type { PromoteInput } from "./schema";

type BranchPlan = {
  service: string;
  source: string;
  target: string;
  version: string;
  from: string | null;
  merge: { branch: string; head: string; base: string; keepsOverlay?: boolean };
};

/**
 * The pull request of a branch promotion: main, as it was when the promotion was planned, into the
 * environment's branch. Main is pinned by a `promote/…` branch at that commit, so what is merged is
 * exactly what approvers were shown, even if main moves on while they decide.
 */
export async function openMergePullRequest(
  ctx: RunContext,
  input: PromoteInput,
  plan: BranchPlan,
  lines: { ticket: string[]; requested: string },
) {
  const { forgejo, gitops } = ctx.ports;
  const { service, source, target, version, merge } = plan;
  const pinned = `promote/${service}-${target}-${merge.head.slice(0, 8)}`;
  return ctx.step("open-pull-request", async () => {
    if (!(await forgejo.branchHead(gitops.owner, gitops.repo, pinned)))
      await forgejo.createBranch(gitops.owner, gitops.repo, pinned, merge.head);
    const override = input.override_reason ? [`Skips an environment (admin override): ${input.override_reason}`] : [];
    const opened = await forgejo.openPullRequest({
      owner: gitops.owner,
      repo: gitops.repo,
      head: pinned,
      base: merge.branch,
      title: `Promote main into ${merge.branch}: ${service} ${version} to ${target}`,
      body: [
        `Merges main (at ${merge.head.slice(0, 8)}) into ${merge.branch}, the branch ${target} follows.`,
        merge.keepsOverlay
          ? `${service} in ${target} stays at ${version}: main's ${target} overlay has not changed since ${merge.branch} last took it (${source} is the environment before it).`
          : `${service} in ${target} moves from ${plan.from ?? "nothing"} to ${version}, the version main's ${target} overlay pins (${source} is the environment before it).`,
        "Every other change main has and the branch lacks goes with it.",
        ...lines.ticket,
        ...override,
        "",
        lines.requested,
      ].join("\n"),
    });
    return { ...opened, baseSha: merge.base, branch: pinned, kustomization: null, headSha: merge.head };
  });
}
