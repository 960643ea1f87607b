import type { CommitInfo, ListCommitsOptions } from "@/lib/git/forgejo-port";
import {
  assertBranchName,
  assertRepoCoordinates,
  isUnderDir,
  normalizeDir,
  normalizeFilePath,
} from "@/lib/git/validate";
import { call, encodePath, hasStatus, type ForgejoClient } from "./forgejo-client";
import { toCommitInfo } from "./forgejo-mappers";
import { forgejoBranchHead, requireForgejoRepo } from "./forgejo-repos";

export const DEFAULT_COMMIT_LIMIT = 50;
// Forgejo's default MAX_RESPONSE_ITEMS; it also ignores `limit` when `path` is given.
const COMMIT_PAGE = 50;
const TREE_PAGE = 1000;

/** path → blob sha of every file in the commit's tree (git tree API, paginated). */
export async function readForgejoTree(
  api: ForgejoClient,
  owner: string,
  name: string,
  sha: string,
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (let page = 1; ; page++) {
    const { data } = await call("get tree", () =>
      api.repos.getTree(owner, name, sha, { recursive: true, page, per_page: TREE_PAGE }),
    );
    for (const entry of data.tree ?? [])
      if (entry.type === "blob" && entry.path && entry.sha) files.set(entry.path, entry.sha);
    if (!data.truncated || (data.tree ?? []).length === 0) return files;
  }
}

/** Like the sandbox: a branch first, then whatever Forgejo resolves (tag, sha); null when nothing. */
async function resolveForgejoRef(
  api: ForgejoClient,
  owner: string,
  name: string,
  ref?: string,
): Promise<string | null> {
  const target = ref ?? (await requireForgejoRepo(api, owner, name)).defaultBranch;
  assertBranchName(target);
  return (await forgejoBranchHead(api, owner, name, target)) ?? target;
}

export async function readForgejoFile(
  api: ForgejoClient,
  owner: string,
  name: string,
  filePath: string,
  ref?: string,
): Promise<string | null> {
  assertRepoCoordinates(owner, name);
  const path = normalizeFilePath(filePath);
  if (ref !== undefined) assertBranchName(ref);
  try {
    // The raw endpoint falls back to the default branch for a ref it cannot resolve (seen on Gitea
    // 1.26), so a given ref is first pinned to a commit through the contents API, which 404s instead.
    const commit = ref === undefined ? undefined : await pinFileRef(api, owner, name, path, ref);
    if (commit === null) return null;
    const response = await call("read file", () =>
      api.repos.repoGetRawFile(owner, name, encodePath(path), commit ? { ref: commit } : undefined, { format: "text" }),
    );
    // The SDK types raw content as File; with format "text" it is the decoded string.
    return response.data as unknown as string;
  } catch (error) {
    if (!hasStatus(error, 404, 409)) throw error;
    await requireForgejoRepo(api, owner, name);
    return null;
  }
}

/** The commit `ref` gives for `path`: null when the path is not a file there. Throws 404 for an unknown ref. */
async function pinFileRef(
  api: ForgejoClient,
  owner: string,
  name: string,
  path: string,
  ref: string,
): Promise<string | null> {
  const { data } = await call("read file metadata", () =>
    api.repos.repoGetContents(owner, name, encodePath(path), { ref }),
  );
  if (Array.isArray(data) || data.type !== "file") return null;
  return data.last_commit_sha ?? ref;
}

export async function listForgejoFiles(
  api: ForgejoClient,
  owner: string,
  name: string,
  dir: string,
  ref?: string,
): Promise<string[]> {
  const prefix = normalizeDir(dir);
  const sha = await resolveForgejoRef(api, owner, name, ref);
  if (!sha) return [];
  try {
    const tree = await readForgejoTree(api, owner, name, sha);
    return [...tree.keys()].filter((p) => isUnderDir(p, prefix)).sort();
  } catch (error) {
    // 400: unknown sha, 404/409: empty repository.
    if (!hasStatus(error, 400, 404, 409)) throw error;
    await requireForgejoRepo(api, owner, name);
    return [];
  }
}

export async function listForgejoCommits(
  api: ForgejoClient,
  owner: string,
  name: string,
  opts: ListCommitsOptions,
): Promise<CommitInfo[]> {
  assertRepoCoordinates(owner, name);
  assertBranchName(opts.branch);
  const limit = Math.max(1, opts.limit ?? DEFAULT_COMMIT_LIMIT);
  const path = opts.path ? normalizeFilePath(opts.path) : undefined;
  const commits: CommitInfo[] = [];
  for (let page = 1; commits.length < limit; page++) {
    const query = { sha: opts.branch, path, page, limit: COMMIT_PAGE, stat: false, verification: false, files: false };
    let response;
    try {
      response = await call("list commits", () => api.repos.repoGetAllCommits(owner, name, query));
    } catch (error) {
      // 404: no such branch, 409: empty repository.
      if (!hasStatus(error, 404, 409)) throw error;
      await requireForgejoRepo(api, owner, name);
      return [];
    }
    commits.push(...response.data.map(toCommitInfo));
    if (response.data.length === 0 || response.headers.get("X-HasMore") === "false") break;
  }
  return commits.slice(0, limit);
}
