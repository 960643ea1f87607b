import { getEnv } from "@/lib/env";
import type { CommitInfo, ForgejoPort, PullRequest, RepoRef } from "@/lib/git/forgejo-port";

export type SandboxGitView =
  | { kind: "repo"; repo: RepoRef; commits: CommitInfo[]; files: string[] }
  | { kind: "commit"; repo: RepoRef; commit: CommitInfo | null; sha: string; files: string[] }
  | { kind: "pull"; repo: RepoRef; pull: PullRequest };

/**
 * What the sandbox's `/sandbox/git/<owner>/<repo>[/commit/<sha>|/pulls/<n>]` links show: a small
 * read-only view, since there is no Forgejo to open them in. Null outside sandbox mode or when unknown.
 */
export async function loadSandboxGitView(git: ForgejoPort, segments: string[]): Promise<SandboxGitView | null> {
  if (getEnv().mode !== "sandbox" || segments.length < 2) return null;
  const [owner, name, kind, ref] = segments as [string, string, string?, string?];
  const repo = await git.getRepo(owner, name).catch(() => null);
  if (!repo) return null;
  if (kind === "commit" && ref && /^[0-9a-f]{7,40}$/.test(ref)) {
    const commits = await git.listCommits(owner, name, { branch: repo.defaultBranch, limit: 200 }).catch(() => []);
    return {
      kind: "commit",
      repo,
      sha: ref,
      commit: commits.find((c) => c.sha.startsWith(ref)) ?? null,
      files: await git.listFiles(owner, name, "", ref).catch(() => []),
    };
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
