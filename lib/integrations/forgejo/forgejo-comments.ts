import type { Comment } from "gitea-js";
import { InvalidGitInputError, NotFoundError } from "@/lib/git/errors";
import type { PullRequestComment } from "@/lib/git/forgejo-port";
import { assertRepoCoordinates } from "@/lib/git/validate";
import { call, hasStatus, type ForgejoClient } from "./forgejo-client";

// Pull requests are issues to Forgejo: their conversation is the issue's comments.

const toComment = (c: Comment): PullRequestComment => ({
  id: c.id ?? 0,
  body: c.body ?? "",
  author: c.user?.login ?? "",
  htmlUrl: c.html_url ?? "",
});

async function requirePull(api: ForgejoClient, owner: string, name: string, number: number): Promise<void> {
  assertRepoCoordinates(owner, name);
  try {
    await call("get pull request", () => api.repos.repoGetPullRequest(owner, name, number));
  } catch (error) {
    if (hasStatus(error, 404)) throw new NotFoundError(`Pull request ${owner}/${name}#${number}`);
    throw error;
  }
}

export async function commentOnForgejoPullRequest(
  api: ForgejoClient,
  owner: string,
  name: string,
  number: number,
  body: string,
): Promise<PullRequestComment> {
  if (body.trim() === "") throw new InvalidGitInputError("A comment needs a body");
  await requirePull(api, owner, name, number);
  const { data } = await call("create pull request comment", () =>
    api.repos.issueCreateComment(owner, name, number, { body }),
  );
  return toComment(data);
}

export async function listForgejoPullRequestComments(
  api: ForgejoClient,
  owner: string,
  name: string,
  number: number,
): Promise<PullRequestComment[]> {
  await requirePull(api, owner, name, number);
  // This endpoint is not paginated: it answers every comment at once.
  const { data } = await call("list pull request comments", () => api.repos.issueGetComments(owner, name, number));
  return data.map(toComment);
}
