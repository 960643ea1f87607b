import path from "node:path";
import { getEnv } from "@/lib/env";
import type { CommitInfo, ForgejoPort, PullRequest, RepoRef } from "@/lib/git/forgejo-port";
import { readSandboxCommitDiff, type ChangedFile } from "./sandbox-diff";

export type SandboxGitView =
  | { kind: "repo"; repo: RepoRef; commits: CommitInfo[]; files: string[] }
  | { kind: "commit"; repo: RepoRef; commit: CommitInfo | null; sha: string; changes: ChangedFile[]; files: string[] }
  | { kind: "file"; repo: RepoRef; ref: string; path: string; content: string }
  | { kind: "pull"; repo: RepoRef; pull: PullRequest };

/** Where the view's own pages are; paths, so they open under any host name. */
export const sandboxGitPath = (repo: Pick<RepoRef, "owner" | "name">, ...rest: string[]) =>
  ["/sandbox/git", repo.owner, repo.name, ...rest].join("/");

/**
 * What the sandbox's `/sandbox/git/<owner>/<repo>[/commit/<sha>|/src/<ref>/<path>|/pulls/<n>]` links
 * show: a small read-only view, since there is no Forgejo to open them in. `gitRoot` holds the bare
 * repositories (for diffs, which the Forgejo port does not offer). Null outside sandbox mode or when unknown.
 */
export async function loadSandboxGitView(
  git: ForgejoPort,
  gitRoot: string,
  segments: string[],
): Promise<SandboxGitView | null> {
  if (getEnv().mode !== "sandbox" || segments.length < 2) return null;
  const [owner, name, kind, ref, ...rest] = segments.map(decodeURIComponent) as [
    string,
    string,
    string?,
    string?,
    ...string[],
  ];
  const repo = await git.getRepo(owner, name).catch(() => null);
  if (!repo) return null;
  if (kind === "commit" && ref && /^[0-9a-f]{7,40}$/.test(ref)) {
    const ctx = { root: path.resolve(gitRoot), baseUrl: "" };
    const changes = await readSandboxCommitDiff(ctx, repo.owner, repo.name, ref).catch(() => null);
    if (!changes) return null;
    const commits = await git.listCommits(owner, name, { branch: repo.defaultBranch, limit: 200 }).catch(() => []);
    return {
      kind: "commit",
      repo,
      sha: ref,
      commit: commits.find((c) => c.sha.startsWith(ref)) ?? null,
      changes,
      files: await git.listFiles(owner, name, "", ref).catch(() => []),
    };
  }
  if (kind === "src" && ref && rest.length > 0) {
    const filePath = rest.join("/");
    const content = await git.readFile(owner, name, filePath, ref).catch(() => null);
    return content === null ? null : { kind: "file", repo, ref, path: filePath, content };
  }
  if (kind === "pulls" && ref && /^\d+$/.test(ref)) {
    const pull = await git.getPullRequest(owner, name, Number(ref));
    return pull ? { kind: "pull", repo, pull } : null;
  }
  if (kind) return null;
  const head = await git.branchHead(owner, name, repo.defaultBranch);
  return {
    kind: "repo",
    repo,
    commits: head ? await git.listCommits(owner, name, { branch: repo.defaultBranch, limit: 30 }) : [],
    files: head ? await git.listFiles(owner, name, "") : [],
  };
}
