import type { PullRequest as SdkPullRequest } from "gitea-js";
import { InvalidGitInputError, MergeConflictError, NotFoundError } from "@/lib/git/errors";
import type { OpenPullRequestInput, PullRequest } from "@/lib/git/forgejo-port";
import { assertBranchName, assertRepoCoordinates, splitMergeMessage } from "@/lib/git/validate";
import { call, hasStatus, type ForgejoClient } from "./forgejo-client";
import { toPullRequest } from "./forgejo-mappers";
import { forgejoBranchHead, requireForgejoRepo } from "./forgejo-repos";
import { sleep } from "@/lib/sleep";

const PAGE = 50;
// Forgejo checks mergeability in a background queue after every push; until then merges get 405.
const MERGEABLE_WAIT_MS = 10_000;

async function findOpenPull(
  api: ForgejoClient,
  owner: string,
  name: string,
  head: string,
  base: string,
): Promise<SdkPullRequest | null> {
  for (let page = 1; ; page++) {
    const { data } = await call("list pull requests", () =>
      api.repos.repoListPullRequests(owner, name, { state: "open", page, limit: PAGE }),
    );
    const match = data.find((pr) => pr.head?.ref === head && pr.base?.ref === base);
    if (match) return match;
    if (data.length < PAGE) return null;
  }
}

export async function openForgejoPullRequest(api: ForgejoClient, input: OpenPullRequestInput): Promise<PullRequest> {
  const { owner, repo: name, head, base } = input;
  assertBranchName(head);
  assertBranchName(base);
  if (head === base) throw new InvalidGitInputError("A pull request needs two different branches");
  if (input.title.trim() === "") throw new InvalidGitInputError("A pull request needs a title");
  await requireForgejoRepo(api, owner, name);
  for (const branch of [head, base]) {
    if (!(await forgejoBranchHead(api, owner, name, branch)))
      throw new NotFoundError(`Branch ${branch} in ${owner}/${name}`);
  }
  const existing = await findOpenPull(api, owner, name, head, base);
  if (existing) return toPullRequest(existing);
  try {
    const body = { head, base, title: input.title.trim(), body: input.body };
    const { data } = await call("create pull request", () => api.repos.repoCreatePullRequest(owner, name, body));
    return toPullRequest(data);
  } catch (error) {
    // 409: a concurrent caller opened the same pull request first.
    const raced = hasStatus(error, 409) ? await findOpenPull(api, owner, name, head, base) : null;
    if (raced) return toPullRequest(raced);
    throw error;
  }
}

async function getSdkPull(
  api: ForgejoClient,
  owner: string,
  name: string,
  number: number,
): Promise<SdkPullRequest | null> {
  assertRepoCoordinates(owner, name);
  try {
    return (await call("get pull request", () => api.repos.repoGetPullRequest(owner, name, number))).data;
  } catch (error) {
    if (!hasStatus(error, 404)) throw error;
    await requireForgejoRepo(api, owner, name);
    return null;
  }
}

export async function getForgejoPullRequest(
  api: ForgejoClient,
  owner: string,
  name: string,
  number: number,
): Promise<PullRequest | null> {
  const pr = await getSdkPull(api, owner, name, number);
  return pr ? toPullRequest(pr) : null;
}

/**
 * Do: "merge" (always a merge commit, never a fast-forward). Forgejo answers 405 "try again later"
 * both while it is still checking mergeability and when the PR conflicts; the API does not tell
 * them apart, so a PR still unmergeable after MERGEABLE_WAIT_MS is reported as a conflict.
 */
export async function mergeForgejoPullRequest(
  api: ForgejoClient,
  owner: string,
  name: string,
  number: number,
  message?: string,
): Promise<PullRequest> {
  const what = `Pull request #${number} in ${owner}/${name}`;
  const before = await getSdkPull(api, owner, name, number);
  if (!before) throw new NotFoundError(what);
  if (before.merged) return toPullRequest(before);
  if (before.state === "closed") throw new InvalidGitInputError(`${what} is closed`);

  const { title, body } = message?.trim() ? splitMergeMessage(message) : { title: "", body: "" };
  const options = {
    Do: "merge" as const,
    ...(title ? { MergeTitleField: title } : {}),
    ...(body ? { MergeMessageField: body } : {}),
  };
  const deadline = Date.now() + MERGEABLE_WAIT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await call("merge pull request", () => api.repos.repoMergePullRequest(owner, name, number, options));
      break;
    } catch (error) {
      const now = await getSdkPull(api, owner, name, number);
      if (now?.merged) return toPullRequest(now);
      if (hasStatus(error, 409)) throw new MergeConflictError(what, []);
      const notYet = hasStatus(error, 405) && /try again later/i.test(error.message);
      if (!notYet) throw error;
      if (Date.now() > deadline)
        throw new MergeConflictError(`${what} (still not mergeable after ${MERGEABLE_WAIT_MS / 1000}s)`, []);
      await sleep(Math.min(200 * attempt, 1000));
    }
  }
  const after = await getSdkPull(api, owner, name, number);
  if (!after?.merged) throw new Error(`${what}: Forgejo accepted the merge but does not report it merged`);
  return toPullRequest(after);
}

export async function closeForgejoPullRequest(
  api: ForgejoClient,
  owner: string,
  name: string,
  number: number,
): Promise<PullRequest> {
  const before = await getSdkPull(api, owner, name, number);
  if (!before) throw new NotFoundError(`Pull request #${number} in ${owner}/${name}`);
  if (before.merged || before.state === "closed") return toPullRequest(before);
  const { data } = await call("close pull request", () =>
    api.repos.repoEditPullRequest(owner, name, number, { state: "closed" }),
  );
  return toPullRequest(data);
}
