import fs from "node:fs/promises";
import path from "node:path";
import { HeadMovedError, InvalidGitInputError } from "@/lib/git/errors";
import type { CommitAuthor, CommitFilesInput, CommitRef, FileChange } from "@/lib/git/forgejo-port";
import { assertBranchName, assertSha, normalizeChanges, normalizeMessage } from "@/lib/git/validate";
import { GitCommandError } from "./run-git";
import {
  branchSha,
  commitHtmlUrl,
  defaultBranch,
  git,
  gitRaw,
  makeWorkDir,
  openRepo,
  type SandboxContext,
  type SandboxRepo,
} from "./sandbox-repo";
import { swapBranch } from "./sandbox-repos";

export const SANDBOX_COMMITTER: CommitAuthor = { name: "Slipway", email: "slipway@sandbox.invalid" };
const CACHEINFO_BATCH = 200;
const WRITE_PARALLELISM = 32;

/** Author and committer go through git's own variables so no config file is ever consulted. */
export function identityEnv(author: CommitAuthor | undefined): Record<string, string> {
  const who = author && author.name.trim() && author.email.trim() ? author : SANDBOX_COMMITTER;
  return {
    GIT_AUTHOR_NAME: who.name,
    GIT_AUTHOR_EMAIL: who.email,
    GIT_COMMITTER_NAME: SANDBOX_COMMITTER.name,
    GIT_COMMITTER_EMAIL: SANDBOX_COMMITTER.email,
  };
}

/**
 * Writes the blobs with one git process: each content goes to a file in the commit's work dir and
 * `hash-object --stdin-paths` stores them all (a process per file made a 300-file commit take seconds).
 */
async function hashBlobs(repo: SandboxRepo, work: string, contents: string[]): Promise<string[]> {
  if (contents.length === 0) return [];
  const dir = path.join(work, "blobs");
  await fs.mkdir(dir);
  const files = contents.map((_, i) => path.join(dir, String(i)));
  for (let i = 0; i < contents.length; i += WRITE_PARALLELISM)
    await Promise.all(files.slice(i, i + WRITE_PARALLELISM).map((f, j) => fs.writeFile(f, contents[i + j]!)));
  const out = await git(repo, ["hash-object", "-w", "--no-filters", "--stdin-paths"], {
    input: `${files.join("\n")}\n`,
  });
  const shas = out.trim().split("\n");
  if (shas.length !== contents.length)
    throw new Error(`git hash-object returned ${shas.length} of ${contents.length} blobs`);
  return shas;
}

/** A path that is both a file and a directory (or similar) is the caller's mistake, not a git failure. */
async function updateIndex(repo: SandboxRepo, env: Record<string, string>, args: string[]): Promise<void> {
  try {
    await git(repo, ["update-index", ...args], { env });
  } catch (error) {
    if (error instanceof GitCommandError)
      throw new InvalidGitInputError(`Cannot apply the changes: ${error.stderr.trim()}`);
    throw error;
  }
}

/**
 * Builds the new tree in a throw-away index (GIT_INDEX_FILE) against an empty work tree, so no
 * checkout is ever needed and concurrent commits never share state. Returns the tree sha.
 */
async function buildTree(repo: SandboxRepo, base: string | null, changes: FileChange[]): Promise<string> {
  const work = await makeWorkDir(repo, "commit");
  try {
    const tree = path.join(work, "tree");
    await fs.mkdir(tree);
    const env = { GIT_INDEX_FILE: path.join(work, "index"), GIT_WORK_TREE: tree };
    await git(repo, base ? ["read-tree", base] : ["read-tree", "--empty"], { env });

    const removals = changes.filter((c) => "delete" in c).map((c) => c.path);
    // --force-remove ignores the (empty) work tree and silently skips paths that are not there.
    if (removals.length > 0) await updateIndex(repo, env, ["--force-remove", "--", ...removals]);

    const writes = changes.flatMap((c) => ("content" in c ? [c] : []));
    const shas = await hashBlobs(
      repo,
      work,
      writes.map((c) => c.content),
    );
    for (let i = 0; i < writes.length; i += CACHEINFO_BATCH) {
      const batch = writes
        .slice(i, i + CACHEINFO_BATCH)
        .flatMap((c, j) => ["--cacheinfo", `100644,${shas[i + j]},${c.path}`]);
      await updateIndex(repo, env, ["--add", ...batch]);
    }
    return (await git(repo, ["write-tree"], { env })).trim();
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

async function isEmptyRepo(repo: SandboxRepo): Promise<boolean> {
  return (await git(repo, ["for-each-ref", "--count=1", "refs/heads/"])).trim() === "";
}

export async function commitSandboxFiles(ctx: SandboxContext, input: CommitFilesInput): Promise<CommitRef> {
  assertBranchName(input.branch);
  if (input.expectedHead !== null) assertSha(input.expectedHead);
  const message = normalizeMessage(input.message);
  const changes = normalizeChanges(input.changes);
  if (input.expectedHead === null && changes.every((c) => "delete" in c))
    throw new InvalidGitInputError("Nothing to commit");
  const repo = await openRepo(ctx, input.owner, input.repo);

  // Fail fast before writing objects; the update-ref below is what makes it atomic.
  const current = await branchSha(repo, input.branch);
  if (current !== input.expectedHead) throw new HeadMovedError(input.branch, input.expectedHead, current);
  const wasEmpty = input.expectedHead === null && (await isEmptyRepo(repo));
  // Forgejo's API cannot create an orphan branch next to existing ones; refuse it here too.
  if (input.expectedHead === null && !wasEmpty) {
    // Another commit created the branch since the check above: a lost race, as on Forgejo.
    const now = await branchSha(repo, input.branch);
    if (now !== null) throw new HeadMovedError(input.branch, null, now);
    throw new InvalidGitInputError(`Branch ${input.branch} does not exist: create it from a commit first`);
  }

  const tree = await buildTree(repo, input.expectedHead, changes);
  if (input.expectedHead) {
    const baseTree = (await git(repo, ["rev-parse", `${input.expectedHead}^{tree}`])).trim();
    if (baseTree === tree) {
      // Nothing changes: no empty commit, but the caller still learns if the branch moved meanwhile.
      const now = await branchSha(repo, input.branch);
      if (now !== input.expectedHead) throw new HeadMovedError(input.branch, input.expectedHead, now);
      return { sha: input.expectedHead, htmlUrl: commitHtmlUrl(repo, input.expectedHead) };
    }
  }
  const parents = input.expectedHead ? ["-p", input.expectedHead] : [];
  const sha = (
    await git(repo, ["commit-tree", tree, ...parents], { input: `${message}\n`, env: identityEnv(input.author) })
  ).trim();
  await swapBranch(repo, input.branch, sha, input.expectedHead);

  // Like Forgejo: the first branch pushed to an empty repository becomes its default branch.
  if (wasEmpty && (await defaultBranch(repo)) !== input.branch && !(await branchSha(repo, await defaultBranch(repo)))) {
    await gitRaw(repo, ["symbolic-ref", "HEAD", `refs/heads/${input.branch}`]);
  }
  return { sha, htmlUrl: commitHtmlUrl(repo, sha) };
}
