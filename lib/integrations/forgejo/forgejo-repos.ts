import { HeadMovedError, InvalidGitInputError, NotFoundError } from "@/lib/git/errors";
import type { EnsureRepoInput, RepoRef } from "@/lib/git/forgejo-port";
import { assertBranchName, assertOwnerName, assertRepoName, assertSha } from "@/lib/git/validate";
import { call, encodePath, hasStatus, type ForgejoClient } from "./forgejo-client";
import { toRepoRef } from "./forgejo-mappers";

export const DEFAULT_BRANCH = "main";

async function orgExists(api: ForgejoClient, org: string): Promise<boolean> {
  try {
    await call("get organisation", () => api.orgs.orgGet(org));
    return true;
  } catch (error) {
    if (hasStatus(error, 404)) return false;
    throw error;
  }
}

export async function ensureForgejoOrg(api: ForgejoClient, org: string): Promise<void> {
  assertOwnerName(org);
  if (await orgExists(api, org)) return;
  try {
    await call("create organisation", () => api.orgs.orgCreate({ username: org, visibility: "public" }));
  } catch (error) {
    // A concurrent caller won the race (422 "already exists"): fine if the org is there now.
    if (await orgExists(api, org)) return;
    if (hasStatus(error, 422))
      throw new InvalidGitInputError(`The name ${org} is taken by a user, or not allowed for an organisation`);
    throw error;
  }
}

export async function getForgejoRepo(api: ForgejoClient, owner: string, name: string): Promise<RepoRef | null> {
  assertOwnerName(owner);
  assertRepoName(name);
  try {
    const { data } = await call("get repository", () => api.repos.repoGet(owner, name));
    return toRepoRef(data, owner, name);
  } catch (error) {
    if (hasStatus(error, 404)) return null;
    throw error;
  }
}

const PAGE = 50;

export async function listForgejoRepos(api: ForgejoClient, org: string): Promise<RepoRef[]> {
  assertOwnerName(org);
  const refs: RepoRef[] = [];
  for (let page = 1; ; page++) {
    let data;
    try {
      ({ data } = await call("list repositories", () => api.orgs.orgListRepos(org, { page, limit: PAGE })));
    } catch (error) {
      if (hasStatus(error, 404)) throw new NotFoundError(`Organisation ${org}`);
      throw error;
    }
    refs.push(...data.map((r) => toRepoRef(r, org, r.name ?? "")));
    if (data.length < PAGE) break;
  }
  return refs.sort((a, b) => a.name.localeCompare(b.name));
}

/** For methods whose API call answered 404: was it the repository or the thing inside it? */
export async function requireForgejoRepo(api: ForgejoClient, owner: string, name: string): Promise<RepoRef> {
  const repo = await getForgejoRepo(api, owner, name);
  if (!repo) throw new NotFoundError(`Repository ${owner}/${name}`);
  return repo;
}

export async function ensureForgejoRepo(
  api: ForgejoClient,
  input: EnsureRepoInput,
): Promise<RepoRef & { created: boolean }> {
  const existing = await getForgejoRepo(api, input.owner, input.name);
  if (existing) return { ...existing, created: false };
  const body = {
    name: input.name,
    description: input.description ?? "",
    private: input.private ?? false,
    auto_init: false,
    default_branch: DEFAULT_BRANCH,
  };
  try {
    const { data } = await call("create repository", () => api.orgs.createOrgRepo(input.owner, body));
    return { ...toRepoRef(data, input.owner, input.name), created: true };
  } catch (error) {
    // 409 (or a 500 from Forgejo's own race) when a concurrent caller created it first.
    const now = await getForgejoRepo(api, input.owner, input.name);
    if (now) return { ...now, created: false };
    if (hasStatus(error, 404)) throw new NotFoundError(`Organisation ${input.owner}`);
    throw error;
  }
}

export async function deleteForgejoRepo(api: ForgejoClient, owner: string, name: string): Promise<void> {
  assertOwnerName(owner);
  assertRepoName(name);
  try {
    await call("delete repository", () => api.repos.repoDelete(owner, name));
  } catch (error) {
    if (!hasStatus(error, 404)) throw error;
  }
}

export async function forgejoBranchHead(
  api: ForgejoClient,
  owner: string,
  name: string,
  branch: string,
): Promise<string | null> {
  assertOwnerName(owner);
  assertRepoName(name);
  assertBranchName(branch);
  try {
    const { data } = await call("get branch", () => api.repos.repoGetBranch(owner, name, encodePath(branch)));
    return data.commit?.id ?? null;
  } catch (error) {
    if (!hasStatus(error, 404)) throw error;
    await requireForgejoRepo(api, owner, name);
    return null;
  }
}

async function commitExists(api: ForgejoClient, owner: string, name: string, sha: string): Promise<boolean> {
  try {
    await call("get commit", () =>
      api.repos.repoGetSingleCommit(owner, name, sha, { stat: false, verification: false, files: false }),
    );
    return true;
  } catch (error) {
    if (hasStatus(error, 404, 409, 422)) return false;
    throw error;
  }
}

export async function createForgejoBranch(
  api: ForgejoClient,
  owner: string,
  name: string,
  branch: string,
  fromSha: string,
): Promise<void> {
  assertBranchName(branch);
  assertSha(fromSha);
  try {
    await call("create branch", () =>
      api.repos.repoCreateBranch(owner, name, { new_branch_name: branch, old_ref_name: fromSha }),
    );
  } catch (error) {
    if (hasStatus(error, 409)) {
      const actual = await forgejoBranchHead(api, owner, name, branch);
      if (actual === fromSha) return;
      throw new HeadMovedError(branch, null, actual);
    }
    // Forgejo answers 404 for an empty repository and 500 for an unknown old_ref_name.
    await requireForgejoRepo(api, owner, name);
    if (!(await commitExists(api, owner, name, fromSha)))
      throw new NotFoundError(`Commit ${fromSha} in ${owner}/${name}`);
    throw error;
  }
}
