import { InvalidGitInputError, NotFoundError } from "@/lib/git/errors";
import type { PullRequestComment } from "@/lib/git/forgejo-port";
import { openRepo, pullHtmlUrl, type SandboxContext, type SandboxRepo } from "./sandbox-repo";
import { readPulls, updatePulls, type StoredPull } from "./pull-store";

// Comments live with their pull request in the repository's pulls.json; ids are unique per repository.

const toComment = (repo: SandboxRepo, pr: StoredPull, c: NonNullable<StoredPull["comments"]>[number]) => ({
  id: c.id,
  body: c.body,
  author: c.author,
  htmlUrl: `${pullHtmlUrl(repo, pr.number)}#issuecomment-${c.id}`,
});

export async function commentOnSandboxPullRequest(
  ctx: SandboxContext,
  owner: string,
  name: string,
  number: number,
  body: string,
): Promise<PullRequestComment> {
  if (body.trim() === "") throw new InvalidGitInputError("A comment needs a body");
  const repo = await openRepo(ctx, owner, name);
  return updatePulls(repo, async (data) => {
    const pr = data.pulls.find((p) => p.number === number);
    if (!pr) throw new NotFoundError(`Pull request ${owner}/${name}#${number}`);
    const id = Math.max(0, ...data.pulls.flatMap((p) => (p.comments ?? []).map((c) => c.id))) + 1;
    const comment = { id, body, author: "slipway", createdAt: new Date().toISOString() };
    const pulls = data.pulls.map((p) => (p === pr ? { ...p, comments: [...(p.comments ?? []), comment] } : p));
    return { data: { ...data, pulls }, result: toComment(repo, pr, comment) };
  });
}

export async function listSandboxPullRequestComments(
  ctx: SandboxContext,
  owner: string,
  name: string,
  number: number,
): Promise<PullRequestComment[]> {
  const repo = await openRepo(ctx, owner, name);
  const pr = (await readPulls(repo)).pulls.find((p) => p.number === number);
  if (!pr) throw new NotFoundError(`Pull request ${owner}/${name}#${number}`);
  return (pr.comments ?? []).map((c) => toComment(repo, pr, c));
}
