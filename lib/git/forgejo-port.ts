// The git server as the rest of Slipway sees it: repositories, atomic multi-file commits and pull
// requests in domain terms. Adapters (sandbox bare repos, real Forgejo) live in lib/integrations/.

export type RepoRef = { owner: string; name: string; defaultBranch: string; htmlUrl: string; cloneUrl: string };
export type CommitRef = { sha: string; htmlUrl: string };
export type FileChange = { path: string; content: string } | { path: string; delete: true };
export type CommitInfo = { sha: string; message: string; author: string; date: string; htmlUrl: string };
export type PullRequestState = "open" | "merged" | "closed";
export type PullRequest = {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: PullRequestState;
  htmlUrl: string;
  mergeSha: string | null;
};
export type CommitAuthor = { name: string; email: string };
export type PullRequestComment = { id: number; body: string; author: string; htmlUrl: string };

export type CommitFilesInput = {
  owner: string;
  repo: string;
  branch: string;
  message: string;
  changes: FileChange[];
  /** null: the branch must not exist yet (the commit creates it). Anything else is compared-and-swapped. */
  expectedHead: string | null;
  author?: CommitAuthor;
};

export type EnsureRepoInput = { owner: string; name: string; description?: string; private?: boolean };
export type OpenPullRequestInput = {
  owner: string;
  repo: string;
  head: string;
  base: string;
  title: string;
  body: string;
};
export type ListCommitsOptions = { branch: string; path?: string; limit?: number };
/** `head` and `base` are refs: a branch, a tag or a commit sha. */
export type CommitRangeOptions = { head: string; base: string | null };

/**
 * Conventions shared by every adapter (the contract suite checks them):
 * - methods taking owner/repo throw NotFoundError when the repository does not exist, except
 *   getRepo (null) and deleteRepo (no-op);
 * - `ref` defaults to the repository's default branch; paths are relative to the repository root;
 * - commit messages are stored trimmed; dates are ISO-8601 UTC.
 */
export type ForgejoPort = {
  ensureOrg(org: string): Promise<void>;
  ensureRepo(input: EnsureRepoInput): Promise<RepoRef & { created: boolean }>;
  getRepo(owner: string, name: string): Promise<RepoRef | null>;
  /** Every repository of an organisation, sorted by name (NotFoundError when the organisation does not exist). */
  listRepos(org: string): Promise<RepoRef[]>;
  deleteRepo(owner: string, name: string): Promise<void>;
  branchHead(owner: string, repo: string, branch: string): Promise<string | null>;
  createBranch(owner: string, repo: string, branch: string, fromSha: string): Promise<void>;
  /** All changes land in ONE commit, or nothing changes (HeadMovedError when the head is not expectedHead). */
  commitFiles(input: CommitFilesInput): Promise<CommitRef>;
  readFile(owner: string, repo: string, path: string, ref?: string): Promise<string | null>;
  /** Recursive; paths relative to the repository root, sorted. */
  listFiles(owner: string, repo: string, dir: string, ref?: string): Promise<string[]>;
  /** Newest first. */
  listCommits(owner: string, repo: string, opts: ListCommitsOptions): Promise<CommitInfo[]>;
  /**
   * The commits reachable from `head` and not from `base` (all of head's history when base is null),
   * newest first: what a version added since the previous one. [] when either ref does not resolve.
   */
  listCommitsBetween(owner: string, repo: string, opts: CommitRangeOptions): Promise<CommitInfo[]>;
  /** Idempotent: an open pull request with the same head and base is returned as is. */
  openPullRequest(input: OpenPullRequestInput): Promise<PullRequest>;
  getPullRequest(owner: string, repo: string, number: number): Promise<PullRequest | null>;
  /** Always a merge commit (never a fast-forward); merging a merged pull request returns it. */
  mergePullRequest(owner: string, repo: string, number: number, message?: string): Promise<PullRequest>;
  /**
   * Closes an open pull request without merging (its branch stays). Idempotent: a closed or merged
   * pull request is returned as it is (NotFoundError for a missing one).
   */
  closePullRequest(owner: string, repo: string, number: number): Promise<PullRequest>;
  /** Adds a comment to the pull request's conversation (NotFoundError for a missing pull request). */
  commentOnPullRequest(owner: string, repo: string, number: number, body: string): Promise<PullRequestComment>;
  /** Oldest first (NotFoundError for a missing pull request). */
  listPullRequestComments(owner: string, repo: string, number: number): Promise<PullRequestComment[]>;
};
