import path from "node:path";
import type { ForgejoPort } from "@/lib/git/forgejo-port";
import { commitSandboxFiles } from "./sandbox-commit";
import { commentOnSandboxPullRequest, listSandboxPullRequestComments } from "./sandbox-comments";
import {
  closeSandboxPullRequest,
  getSandboxPullRequest,
  mergeSandboxPullRequest,
  openSandboxPullRequest,
} from "./sandbox-pulls";
import { listSandboxCommits, listSandboxCommitsBetween, listSandboxFiles, readSandboxFile } from "./sandbox-read";
import type { SandboxContext } from "./sandbox-repo";
import {
  createSandboxBranch,
  deleteSandboxRepo,
  ensureSandboxOrg,
  ensureSandboxRepo,
  getSandboxRepo,
  listSandboxRepos,
  sandboxBranchHead,
} from "./sandbox-repos";

export type SandboxForgejoOptions = {
  /** Organisations are directories here; repositories are bare repos at <root>/<owner>/<name>.git. */
  root: string;
  /** Slipway's public URL; web links are <baseUrl>/sandbox/git/<owner>/<name>/... */
  baseUrl: string;
};

/**
 * The sandbox stand-in for Forgejo: real bare git repositories driven by /usr/bin/git, pull
 * requests in a JSON file per repository. Safe for several processes sharing one root.
 */
export function createSandboxForgejo(options: SandboxForgejoOptions): ForgejoPort {
  const ctx: SandboxContext = { root: path.resolve(options.root), baseUrl: options.baseUrl };
  return {
    ensureOrg: (org) => ensureSandboxOrg(ctx, org),
    ensureRepo: (input) => ensureSandboxRepo(ctx, input),
    getRepo: (owner, name) => getSandboxRepo(ctx, owner, name),
    listRepos: (org) => listSandboxRepos(ctx, org),
    deleteRepo: (owner, name) => deleteSandboxRepo(ctx, owner, name),
    branchHead: (owner, repo, branch) => sandboxBranchHead(ctx, owner, repo, branch),
    createBranch: (owner, repo, branch, fromSha) => createSandboxBranch(ctx, owner, repo, branch, fromSha),
    commitFiles: (input) => commitSandboxFiles(ctx, input),
    readFile: (owner, repo, filePath, ref) => readSandboxFile(ctx, owner, repo, filePath, ref),
    listFiles: (owner, repo, dir, ref) => listSandboxFiles(ctx, owner, repo, dir, ref),
    listCommits: (owner, repo, opts) => listSandboxCommits(ctx, owner, repo, opts),
    listCommitsBetween: (owner, repo, opts) => listSandboxCommitsBetween(ctx, owner, repo, opts),
    openPullRequest: (input) => openSandboxPullRequest(ctx, input),
    getPullRequest: (owner, repo, number) => getSandboxPullRequest(ctx, owner, repo, number),
    mergePullRequest: (owner, repo, number, message) => mergeSandboxPullRequest(ctx, owner, repo, number, message),
    closePullRequest: (owner, repo, number) => closeSandboxPullRequest(ctx, owner, repo, number),
    commentOnPullRequest: (owner, repo, number, body) => commentOnSandboxPullRequest(ctx, owner, repo, number, body),
    listPullRequestComments: (owner, repo, number) => listSandboxPullRequestComments(ctx, owner, repo, number),
  };
}
