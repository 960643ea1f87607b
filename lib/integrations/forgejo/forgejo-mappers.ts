import type { Commit, PullRequest as SdkPullRequest, Repository } from "gitea-js";
import type { CommitInfo, PullRequest, RepoRef } from "@/lib/git/forgejo-port";

// SDK types stop here: everything above this folder sees domain types only.

export function toRepoRef(repo: Repository, owner: string, name: string): RepoRef {
  return {
    owner: repo.owner?.login ?? owner,
    name: repo.name ?? name,
    defaultBranch: repo.default_branch || "main",
    htmlUrl: repo.html_url ?? "",
    cloneUrl: repo.clone_url ?? "",
  };
}

export function toPullRequest(pr: SdkPullRequest): PullRequest {
  const state = pr.merged ? "merged" : pr.state === "closed" ? "closed" : "open";
  return {
    number: pr.number ?? 0,
    title: pr.title ?? "",
    body: pr.body ?? "",
    head: pr.head?.ref ?? "",
    base: pr.base?.ref ?? "",
    state,
    htmlUrl: pr.html_url ?? "",
    mergeSha: pr.merged ? (pr.merge_commit_sha ?? null) : null,
  };
}

export function toCommitInfo(commit: Commit): CommitInfo {
  const author = commit.commit?.author;
  return {
    sha: commit.sha ?? "",
    message: (commit.commit?.message ?? "").trim(),
    author: author?.name ?? "",
    date: author?.date ? new Date(author.date).toISOString() : "",
    htmlUrl: commit.html_url ?? "",
  };
}
