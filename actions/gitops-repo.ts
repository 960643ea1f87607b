import { HeadMovedError } from "@/lib/git/errors";
import type { CommitRef, FileChange, ForgejoPort, RepoRef } from "@/lib/git/forgejo-port";
import type { RunContext } from "@/lib/runs/define-action";
import type { GitopsSettings } from "@/lib/runs/ports";
import { sleep } from "@/lib/sleep";

// Shared by the GitOps actions: the one repository every service's manifests live in.

/** Creates the GitOps repository on first use, with a README so it has a main branch to build on. */
export async function ensureGitopsRepo(forgejo: ForgejoPort, gitops: GitopsSettings): Promise<RepoRef> {
  await forgejo.ensureOrg(gitops.owner);
  const repo = await forgejo.ensureRepo({
    owner: gitops.owner,
    name: gitops.repo,
    description: "Kubernetes manifests and ArgoCD Applications, written by Slipway",
  });
  if (!(await forgejo.branchHead(gitops.owner, gitops.repo, repo.defaultBranch))) {
    await forgejo
      .commitFiles({
        owner: gitops.owner,
        repo: gitops.repo,
        branch: repo.defaultBranch,
        message: "Start the GitOps repository",
        expectedHead: null,
        changes: [
          {
            path: "README.md",
            content:
              "# GitOps\n\n`services/<service>/{base,overlays/<env>}` and `argocd/apps/<service>-<env>.yaml` (Flux environments: `flux/apps/<service>-<env>.yaml`), written by Slipway.\n",
          },
        ],
      })
      .catch((e) => {
        // Another run created it at the same moment: theirs is as good as ours.
        if (!(e instanceof HeadMovedError)) throw e;
      });
  }
  return repo;
}

type Change = { message: string; changes: FileChange[] } | null;

/**
 * How long a commit keeps retrying lost races to other processes. Every contender but one loses
 * each round, so N processes committing at once need about N rounds: a time budget (not an attempt
 * count) lets them all land on a slow git server.
 */
export const COMMIT_RETRY_BUDGET_MS = 60_000;

/**
 * Full-jitter exponential backoff: a random wait up to 50 ms · 2^attempt (capped at 2 s), so runs
 * that lost the same race spread out instead of colliding again on their next try.
 */
export function commitBackoffMs(attempt: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(2_000, 50 * 2 ** attempt));
}

// Commits of this process to one branch, one at a time: they would only lose races to each other.
// Races remain between worker processes; those are what the retry below is for.
const branchQueues = new Map<string, Promise<unknown>>();

async function oneAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const before = branchQueues.get(key) ?? Promise.resolve();
  const mine = before.catch(() => {}).then(fn);
  branchQueues.set(key, mine);
  try {
    return await mine;
  } finally {
    if (branchQueues.get(key) === mine) branchQueues.delete(key);
  }
}

/**
 * Commits to the GitOps repository's main branch against its current head, re-reading and retrying
 * (with jittered backoff) when another process committed in between. `plan` returns null when there
 * is nothing to do. A lost race is a retry, not a failure, until COMMIT_RETRY_BUDGET_MS is spent
 * (counted from this commit's turn, not from the wait behind this process's other commits).
 */
export function commitWithRetry(
  forgejo: ForgejoPort,
  gitops: GitopsSettings,
  plan: (head: string | null) => Promise<Change>,
  branch = "main",
  wait: (ms: number) => Promise<void> = sleep,
): Promise<CommitRef> {
  return oneAtATime(`${gitops.owner}/${gitops.repo}@${branch}`.toLowerCase(), async () => {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const head = await forgejo.branchHead(gitops.owner, gitops.repo, branch);
      const change = await plan(head);
      if (!change) return { sha: head ?? "", htmlUrl: "" };
      try {
        return await forgejo.commitFiles({
          owner: gitops.owner,
          repo: gitops.repo,
          branch,
          message: change.message,
          changes: change.changes,
          expectedHead: head,
        });
      } catch (e) {
        if (!(e instanceof HeadMovedError) || Date.now() - started > COMMIT_RETRY_BUDGET_MS) throw e;
        await wait(commitBackoffMs(attempt));
      }
    }
  });
}

/**
 * The branch a branch-promotion environment's Application follows, created from main's head when
 * missing (a checkpointed step: a resumed run finds it and creates nothing). Returns its head.
 */
export function ensureEnvironmentBranch(ctx: RunContext, branch: string): Promise<{ sha: string; created: boolean }> {
  const { forgejo, gitops } = ctx.ports;
  return ctx.step(`ensure-branch-${branch}`, async () => {
    const head = await forgejo.branchHead(gitops.owner, gitops.repo, branch);
    if (head) return { sha: head, created: false };
    const main = await forgejo.branchHead(gitops.owner, gitops.repo, "main");
    if (!main) throw new Error("The GitOps repository has no main branch");
    await forgejo.createBranch(gitops.owner, gitops.repo, branch, main);
    await ctx.log.info(`Created branch ${branch} of ${gitops.owner}/${gitops.repo} from main (${main.slice(0, 8)})`);
    return { sha: main, created: true };
  });
}
