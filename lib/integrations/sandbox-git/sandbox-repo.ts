import fs from "node:fs/promises";
import path from "node:path";
import { NotFoundError } from "@/lib/git/errors";
import { assertBranchName, assertOwnerName, assertRepoName } from "@/lib/git/validate";
import { runGit, runGitRaw, type GitOptions, type GitResult } from "./run-git";

export type SandboxContext = { root: string; baseUrl: string };
export type SandboxRepo = SandboxContext & { owner: string; name: string; gitDir: string };

export const ZERO_SHA = "0".repeat(40);

export function orgPath(ctx: SandboxContext, owner: string): string {
  assertOwnerName(owner);
  return path.join(ctx.root, owner);
}

export function repoPath(ctx: SandboxContext, owner: string, name: string): string {
  assertRepoName(name);
  return path.join(orgPath(ctx, owner), `${name}.git`);
}

/** Organisation names cannot start with a dot, so this can never collide with one. */
export async function makeWorkDir(ctx: SandboxContext, prefix: string): Promise<string> {
  const tmp = path.join(ctx.root, ".tmp");
  await fs.mkdir(tmp, { recursive: true });
  return fs.mkdtemp(path.join(tmp, `${prefix}-`));
}

export async function pathExists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}

/**
 * Forgejo matches organisation and repository names case-insensitively and keeps the case they were
 * created with; so does the sandbox. `entry` is the existing directory entry in `dir` that equals
 * `wanted` ignoring case (the exact one first), or null.
 */
async function findEntry(dir: string, wanted: string): Promise<string | null> {
  if (await pathExists(path.join(dir, wanted))) return wanted;
  const entries = await fs.readdir(dir).catch(() => [] as string[]);
  return entries.find((e) => e.toLowerCase() === wanted.toLowerCase()) ?? null;
}

/** The organisation as stored (its created-with case), or null. */
export async function locateOrg(ctx: SandboxContext, owner: string): Promise<{ owner: string; dir: string } | null> {
  orgPath(ctx, owner);
  const entry = await findEntry(ctx.root, owner);
  return entry ? { owner: entry, dir: path.join(ctx.root, entry) } : null;
}

export async function findRepo(ctx: SandboxContext, owner: string, name: string): Promise<SandboxRepo | null> {
  repoPath(ctx, owner, name);
  const org = await locateOrg(ctx, owner);
  const entry = org ? await findEntry(org.dir, `${name}.git`) : null;
  if (!org || !entry) return null;
  const gitDir = path.join(org.dir, entry);
  return (await pathExists(path.join(gitDir, "HEAD")))
    ? { ...ctx, owner: org.owner, name: entry.slice(0, -".git".length), gitDir }
    : null;
}

export async function openRepo(ctx: SandboxContext, owner: string, name: string): Promise<SandboxRepo> {
  const repo = await findRepo(ctx, owner, name);
  if (!repo) throw new NotFoundError(`Repository ${owner}/${name}`);
  return repo;
}

export function git(repo: SandboxRepo, args: string[], options: GitOptions = {}): Promise<string> {
  return runGit(repo.root, [`--git-dir=${repo.gitDir}`, ...args], { cwd: repo.gitDir, ...options });
}

export function gitRaw(repo: SandboxRepo, args: string[], options: GitOptions = {}): Promise<GitResult> {
  return runGitRaw(repo.root, [`--git-dir=${repo.gitDir}`, ...args], { cwd: repo.gitDir, ...options });
}

async function revParse(repo: SandboxRepo, rev: string): Promise<string | null> {
  const result = await gitRaw(repo, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`]);
  return result.code === 0 ? result.stdout.trim() : null;
}

export async function branchSha(repo: SandboxRepo, branch: string): Promise<string | null> {
  assertBranchName(branch);
  return revParse(repo, `refs/heads/${branch}`);
}

export async function defaultBranch(repo: SandboxRepo): Promise<string> {
  const head = await git(repo, ["symbolic-ref", "--short", "HEAD"]);
  return head.trim();
}

/** Like Forgejo's `ref` parameter: a branch first, then a tag, then a commit sha. */
export async function resolveRef(repo: SandboxRepo, ref?: string): Promise<string | null> {
  const name = ref ?? (await defaultBranch(repo));
  assertBranchName(name);
  const branch = await revParse(repo, `refs/heads/${name}`);
  if (branch) return branch;
  const tag = await revParse(repo, `refs/tags/${name}`);
  if (tag) return tag;
  return /^[0-9a-f]{7,64}$/.test(name) ? revParse(repo, name) : null;
}

function webBase(repo: SandboxRepo): string {
  return `${repo.baseUrl.replace(/\/+$/, "")}/sandbox/git/${repo.owner}/${repo.name}`;
}

export const repoHtmlUrl = (repo: SandboxRepo) => webBase(repo);
export const commitHtmlUrl = (repo: SandboxRepo, sha: string) => `${webBase(repo)}/commit/${sha}`;
export const pullHtmlUrl = (repo: SandboxRepo, number: number) => `${webBase(repo)}/pulls/${number}`;
