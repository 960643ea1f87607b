import type { CommitInfo, CommitRangeOptions, ListCommitsOptions } from "@/lib/git/forgejo-port";
import { assertBranchName, isUnderDir, normalizeDir, normalizeFilePath } from "@/lib/git/validate";
import {
  branchSha,
  commitHtmlUrl,
  git,
  gitRaw,
  openRepo,
  resolveRef,
  type SandboxContext,
  type SandboxRepo,
} from "./sandbox-repo";

export const DEFAULT_COMMIT_LIMIT = 50;
const FIELD = "\x1f";

export async function readSandboxFile(
  ctx: SandboxContext,
  owner: string,
  name: string,
  filePath: string,
  ref?: string,
): Promise<string | null> {
  const path = normalizeFilePath(filePath);
  const repo = await openRepo(ctx, owner, name);
  const sha = await resolveRef(repo, ref);
  if (!sha) return null;
  // cat-file blob refuses trees too: a directory reads as "no such file".
  const result = await gitRaw(repo, ["cat-file", "blob", `${sha}:${path}`]);
  return result.code === 0 ? result.stdout : null;
}

export async function listSandboxFiles(
  ctx: SandboxContext,
  owner: string,
  name: string,
  dir: string,
  ref?: string,
): Promise<string[]> {
  const prefix = normalizeDir(dir);
  const repo = await openRepo(ctx, owner, name);
  const sha = await resolveRef(repo, ref);
  if (!sha) return [];
  const args = ["ls-tree", "-r", "-z", "--name-only", "--full-tree", sha];
  const out = await git(repo, prefix ? [...args, "--", prefix] : args);
  return out
    .split("\0")
    .filter((p) => p !== "" && isUnderDir(p, prefix))
    .sort();
}

export async function listSandboxCommits(
  ctx: SandboxContext,
  owner: string,
  name: string,
  opts: ListCommitsOptions,
): Promise<CommitInfo[]> {
  assertBranchName(opts.branch);
  const repo = await openRepo(ctx, owner, name);
  const head = await branchSha(repo, opts.branch);
  if (!head) return [];
  const limit = Math.max(1, opts.limit ?? DEFAULT_COMMIT_LIMIT);
  const args = ["log", "-z", `--format=${LOG_FORMAT}`, `--max-count=${limit}`, head];
  const out = await git(repo, opts.path ? [...args, "--", normalizeFilePath(opts.path)] : args);
  return parseLog(repo, out);
}

export async function listSandboxCommitsBetween(
  ctx: SandboxContext,
  owner: string,
  name: string,
  opts: CommitRangeOptions,
): Promise<CommitInfo[]> {
  const repo = await openRepo(ctx, owner, name);
  const head = await resolveRef(repo, opts.head);
  const base = opts.base === null ? null : await resolveRef(repo, opts.base);
  if (!head || (opts.base !== null && !base)) return [];
  const out = await git(repo, ["log", "-z", `--format=${LOG_FORMAT}`, head, ...(base ? [`^${base}`] : [])]);
  return parseLog(repo, out);
}

const LOG_FORMAT = ["%H", "%an", "%aI", "%B"].join(FIELD);

function parseLog(repo: SandboxRepo, out: string): CommitInfo[] {
  return out
    .split("\0")
    .filter((record) => record.trim() !== "")
    .map((record) => {
      const [sha = "", author = "", date = "", ...message] = record.split(FIELD);
      return {
        sha,
        author,
        date: new Date(date).toISOString(),
        message: message.join(FIELD).trim(),
        htmlUrl: commitHtmlUrl(repo, sha),
      };
    });
}
