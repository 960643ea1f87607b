import type { CommitInfo, CommitRangeOptions } from "@/lib/git/forgejo-port";
import { assertBranchName, assertRepoCoordinates } from "@/lib/git/validate";
import { call, hasStatus, type ForgejoClient } from "./forgejo-client";
import { toCommitInfo } from "./forgejo-mappers";
import { requireForgejoRepo } from "./forgejo-repos";

const COMMIT_PAGE = 50;
// A version's whole history is read only when there is no previous version to compare with; bound it.
const MAX_HISTORY = 5000;

/** Commits in `head` and not in `base` (Forgejo's compare API; whole history of head without a base). */
export async function listForgejoCommitsBetween(
  api: ForgejoClient,
  owner: string,
  name: string,
  opts: CommitRangeOptions,
): Promise<CommitInfo[]> {
  assertRepoCoordinates(owner, name);
  assertBranchName(opts.head);
  if (opts.base !== null) assertBranchName(opts.base);
  try {
    if (opts.base === null) return await wholeHistory(api, owner, name, opts.head);
    const { data } = await call("compare commits", () =>
      api.repos.repoCompareDiff(owner, name, `${opts.base}...${opts.head}`),
    );
    return (data.commits ?? []).map(toCommitInfo);
  } catch (error) {
    // 404: a ref that does not resolve (or no repository: told apart below), 409: empty repository.
    if (!hasStatus(error, 404, 409)) throw error;
    await requireForgejoRepo(api, owner, name);
    return [];
  }
}

async function wholeHistory(api: ForgejoClient, owner: string, name: string, head: string): Promise<CommitInfo[]> {
  const commits: CommitInfo[] = [];
  for (let page = 1; commits.length < MAX_HISTORY; page++) {
    const query = { sha: head, page, limit: COMMIT_PAGE, stat: false, verification: false, files: false };
    const response = await call("list commits", () => api.repos.repoGetAllCommits(owner, name, query));
    commits.push(...response.data.map(toCommitInfo));
    if (response.data.length === 0 || response.headers.get("X-HasMore") === "false") break;
  }
  return commits;
}
