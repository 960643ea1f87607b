import fs from "node:fs/promises";
import path from "node:path";
import { HeadMovedError, NotFoundError } from "@/lib/git/errors";
import type { EnsureRepoInput, RepoRef } from "@/lib/git/forgejo-port";
import { assertBranchName, assertSha } from "@/lib/git/validate";
import { runGit } from "./run-git";
import {
  branchSha,
  defaultBranch,
  findRepo,
  gitRaw,
  locateOrg,
  makeWorkDir,
  openRepo,
  orgPath,
  repoHtmlUrl,
  repoPath,
  ZERO_SHA,
  type SandboxContext,
  type SandboxRepo,
} from "./sandbox-repo";
import { sleep } from "@/lib/sleep";

export const DEFAULT_BRANCH = "main";

async function toRepoRef(repo: SandboxRepo): Promise<RepoRef> {
  return {
    owner: repo.owner,
    name: repo.name,
    defaultBranch: await defaultBranch(repo),
    htmlUrl: repoHtmlUrl(repo),
    cloneUrl: repo.gitDir,
  };
}

export async function ensureSandboxOrg(ctx: SandboxContext, org: string): Promise<void> {
  if (await locateOrg(ctx, org)) return;
  await fs.mkdir(orgPath(ctx, org), { recursive: true });
}

export async function getSandboxRepo(ctx: SandboxContext, owner: string, name: string): Promise<RepoRef | null> {
  const repo = await findRepo(ctx, owner, name);
  return repo ? toRepoRef(repo) : null;
}

/**
 * The repository is initialised in a private temp dir and renamed into place: the rename is the
 * atomic "create", so concurrent callers never see a half-initialised repository and exactly one
 * of them reports created=true.
 */
export async function ensureSandboxRepo(
  ctx: SandboxContext,
  input: EnsureRepoInput,
): Promise<RepoRef & { created: boolean }> {
  repoPath(ctx, input.owner, input.name);
  const existing = await getSandboxRepo(ctx, input.owner, input.name);
  if (existing) return { ...existing, created: false };
  const org = await locateOrg(ctx, input.owner);
  if (!org) throw new NotFoundError(`Organisation ${input.owner}`);
  const target = path.join(org.dir, `${input.name}.git`);

  const work = await makeWorkDir(ctx, "init");
  const staged = path.join(work, "repo.git");
  try {
    // --template= keeps the machine's sample hooks and excludes out of the sandbox.
    await runGit(ctx.root, ["init", "--quiet", "--bare", `--initial-branch=${DEFAULT_BRANCH}`, "--template=", staged]);
    await fs.mkdir(path.join(staged, "slipway"));
    const meta = {
      description: input.description ?? "",
      private: input.private ?? false,
      createdAt: new Date().toISOString(),
    };
    await fs.writeFile(path.join(staged, "slipway", "repo.json"), `${JSON.stringify(meta, null, 2)}\n`);
    const created = await fs.rename(staged, target).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === "ENOTEMPTY" || error.code === "EEXIST") return false;
        throw error;
      },
    );
    const ref = await getSandboxRepo(ctx, input.owner, input.name);
    if (!ref) throw new Error(`Repository ${input.owner}/${input.name} vanished while being created`);
    return { ...ref, created };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

export async function listSandboxRepos(ctx: SandboxContext, org: string): Promise<RepoRef[]> {
  const found = await locateOrg(ctx, org);
  if (!found) throw new NotFoundError(`Organisation ${org}`);
  const entries = (await fs.readdir(found.dir)).filter((e) => e.endsWith(".git")).sort();
  const refs: RepoRef[] = [];
  for (const entry of entries) {
    const ref = await getSandboxRepo(ctx, found.owner, entry.slice(0, -".git".length));
    if (ref) refs.push(ref);
  }
  return refs;
}

/** Moved aside first so readers never see a half-deleted repository. */
export async function deleteSandboxRepo(ctx: SandboxContext, owner: string, name: string): Promise<void> {
  repoPath(ctx, owner, name);
  const found = await findRepo(ctx, owner, name);
  if (!found) return;
  const target = found.gitDir;
  const work = await makeWorkDir(ctx, "trash");
  try {
    await fs.rename(target, path.join(work, "repo.git")).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

export async function sandboxBranchHead(
  ctx: SandboxContext,
  owner: string,
  name: string,
  branch: string,
): Promise<string | null> {
  return branchSha(await openRepo(ctx, owner, name), branch);
}

/**
 * Compare-and-swap of a branch ref. `git update-ref <ref> <new> <old>` checks <old> under the ref's
 * lock file, so it is atomic across processes. A failure can also be lock contention with another
 * writer; only a head that really differs from `expected` is reported as HeadMovedError.
 */
export async function swapBranch(
  repo: SandboxRepo,
  branch: string,
  next: string,
  expected: string | null,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const result = await gitRaw(repo, ["update-ref", `refs/heads/${branch}`, next, expected ?? ZERO_SHA]);
    if (result.code === 0) return;
    const actual = await branchSha(repo, branch);
    if (actual !== expected) throw new HeadMovedError(branch, expected, actual);
    if (attempt >= 5) throw new Error(`git update-ref failed for ${branch}: ${result.stderr.trim()}`);
    await sleep(20 * (attempt + 1));
  }
}

/** Idempotent when the branch already points at fromSha; pointing elsewhere is a HeadMovedError. */
export async function createSandboxBranch(
  ctx: SandboxContext,
  owner: string,
  name: string,
  branch: string,
  fromSha: string,
): Promise<void> {
  assertBranchName(branch);
  assertSha(fromSha);
  const repo = await openRepo(ctx, owner, name);
  const exists = await gitRaw(repo, ["cat-file", "-e", `${fromSha}^{commit}`]);
  if (exists.code !== 0) throw new NotFoundError(`Commit ${fromSha} in ${owner}/${name}`);
  try {
    await swapBranch(repo, branch, fromSha, null);
  } catch (error) {
    if (error instanceof HeadMovedError && error.actual === fromSha) return;
    throw error;
  }
}
