import { HeadMovedError, InvalidGitInputError, MergeConflictError, NotFoundError } from "@/lib/git/errors";
import type { OpenPullRequestInput, PullRequest } from "@/lib/git/forgejo-port";
import { assertBranchName, composeMergeMessage } from "@/lib/git/validate";
import { identityEnv } from "./sandbox-commit";
import { branchSha, git, gitRaw, openRepo, pullHtmlUrl, type SandboxContext, type SandboxRepo } from "./sandbox-repo";
import { swapBranch } from "./sandbox-repos";
import { readPulls, updatePulls, writePulls, type StoredPull } from "./pull-store";

const MERGE_ATTEMPTS = 5;

function toPullRequest(repo: SandboxRepo, pr: StoredPull): PullRequest {
  const { number, title, body, head, base, state, mergeSha } = pr;
  return { number, title, body, head, base, state, mergeSha, htmlUrl: pullHtmlUrl(repo, number) };
}

async function requireBranch(repo: SandboxRepo, branch: string): Promise<string> {
  const sha = await branchSha(repo, branch);
  if (!sha) throw new NotFoundError(`Branch ${branch} in ${repo.owner}/${repo.name}`);
  return sha;
}

export async function openSandboxPullRequest(ctx: SandboxContext, input: OpenPullRequestInput): Promise<PullRequest> {
  assertBranchName(input.head);
  assertBranchName(input.base);
  if (input.head === input.base) throw new InvalidGitInputError("A pull request needs two different branches");
  if (input.title.trim() === "") throw new InvalidGitInputError("A pull request needs a title");
  const repo = await openRepo(ctx, input.owner, input.repo);
  await requireBranch(repo, input.head);
  await requireBranch(repo, input.base);
  return updatePulls(repo, async (data) => {
    const open = data.pulls.find((p) => p.state === "open" && p.head === input.head && p.base === input.base);
    if (open) return { data: null, result: toPullRequest(repo, open) };
    const pr: StoredPull = {
      number: data.nextNumber,
      title: input.title.trim(),
      body: input.body,
      head: input.head,
      base: input.base,
      state: "open",
      mergeSha: null,
      pendingMergeSha: null,
      createdAt: new Date().toISOString(),
      mergedAt: null,
    };
    return { data: { nextNumber: data.nextNumber + 1, pulls: [...data.pulls, pr] }, result: toPullRequest(repo, pr) };
  });
}

export async function getSandboxPullRequest(
  ctx: SandboxContext,
  owner: string,
  name: string,
  number: number,
): Promise<PullRequest | null> {
  const repo = await openRepo(ctx, owner, name);
  const pr = (await readPulls(repo)).pulls.find((p) => p.number === number);
  return pr ? toPullRequest(repo, pr) : null;
}

async function isAncestor(repo: SandboxRepo, sha: string, of: string): Promise<boolean> {
  return (await gitRaw(repo, ["merge-base", "--is-ancestor", sha, of])).code === 0;
}

/** Merges without a work tree: `git merge-tree --write-tree` (git ≥ 2.38) gives the tree or the conflicts. */
async function createMergeCommit(
  repo: SandboxRepo,
  pr: StoredPull,
  baseSha: string,
  headSha: string,
  message: string,
): Promise<string> {
  const merged = await gitRaw(repo, ["merge-tree", "--write-tree", "--name-only", "--no-messages", baseSha, headSha]);
  if (merged.code !== 0) {
    // Exit 1 lists the conflicted paths after the tree line; other failures (unrelated histories) have none.
    const paths =
      merged.code === 1
        ? merged.stdout
            .split("\n")
            .slice(1)
            .filter((p) => p !== "")
        : [];
    throw new MergeConflictError(`Pull request #${pr.number} (${pr.head} into ${pr.base})`, paths);
  }
  const tree = merged.stdout.split("\n")[0]?.trim() ?? "";
  const args = ["commit-tree", tree, "-p", baseSha, "-p", headSha];
  return (await git(repo, args, { input: `${message}\n`, env: identityEnv(undefined) })).trim();
}

/**
 * Always a true merge commit (two parents, like Forgejo's Do: "merge"), never a fast-forward, so the
 * merged revision is a new sha in both adapters. The base moves by compare-and-swap; a concurrent
 * commit to the base just means merging again onto the new base.
 */
export async function mergeSandboxPullRequest(
  ctx: SandboxContext,
  owner: string,
  name: string,
  number: number,
  message?: string,
): Promise<PullRequest> {
  const repo = await openRepo(ctx, owner, name);
  return updatePulls(repo, async (data) => {
    const pr = data.pulls.find((p) => p.number === number);
    if (!pr) throw new NotFoundError(`Pull request #${number} in ${owner}/${name}`);
    if (pr.state === "merged") return { data: null, result: toPullRequest(repo, pr) };
    if (pr.state === "closed") throw new InvalidGitInputError(`Pull request #${number} is closed`);

    const finish = (mergeSha: string) => {
      Object.assign(pr, { state: "merged", mergeSha, pendingMergeSha: null, mergedAt: new Date().toISOString() });
      return { data, result: toPullRequest(repo, pr) };
    };
    const baseNow = await requireBranch(repo, pr.base);
    // A previous attempt moved the base and died before recording it: record, do not merge twice.
    if (pr.pendingMergeSha && (await isAncestor(repo, pr.pendingMergeSha, baseNow))) return finish(pr.pendingMergeSha);

    const text = message?.trim()
      ? composeMergeMessage(message)
      : `Merge pull request '${pr.title}' (#${pr.number}) from ${pr.head} into ${pr.base}`;
    for (let attempt = 1; ; attempt++) {
      const baseSha = await requireBranch(repo, pr.base);
      const headSha = await requireBranch(repo, pr.head);
      const mergeSha = await createMergeCommit(repo, pr, baseSha, headSha, text);
      pr.pendingMergeSha = mergeSha;
      await writePulls(repo, data);
      try {
        await swapBranch(repo, pr.base, mergeSha, baseSha);
        return finish(mergeSha);
      } catch (error) {
        if (!(error instanceof HeadMovedError) || attempt >= MERGE_ATTEMPTS) throw error;
      }
    }
  });
}

export async function closeSandboxPullRequest(
  ctx: SandboxContext,
  owner: string,
  name: string,
  number: number,
): Promise<PullRequest> {
  const repo = await openRepo(ctx, owner, name);
  return updatePulls(repo, async (data) => {
    const pr = data.pulls.find((p) => p.number === number);
    if (!pr) throw new NotFoundError(`Pull request #${number} in ${owner}/${name}`);
    if (pr.state !== "open") return { data: null, result: toPullRequest(repo, pr) };
    pr.state = "closed";
    return { data, result: toPullRequest(repo, pr) };
  });
}
