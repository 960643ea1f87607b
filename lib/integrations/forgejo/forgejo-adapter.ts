import type { ForgejoPort } from "@/lib/git/forgejo-port";
import { createForgejoClient } from "./forgejo-client";
import { commentOnForgejoPullRequest, listForgejoPullRequestComments } from "./forgejo-comments";
import { commitForgejoFiles } from "./forgejo-commit";
import {
  closeForgejoPullRequest,
  getForgejoPullRequest,
  mergeForgejoPullRequest,
  openForgejoPullRequest,
} from "./forgejo-pulls";
import { listForgejoCommits, listForgejoFiles, readForgejoFile } from "./forgejo-read";
import { listForgejoCommitsBetween } from "./forgejo-compare";
import {
  createForgejoBranch,
  deleteForgejoRepo,
  ensureForgejoOrg,
  ensureForgejoRepo,
  forgejoBranchHead,
  getForgejoRepo,
  listForgejoRepos,
} from "./forgejo-repos";

export type ForgejoAdapterOptions = {
  /** Forgejo's base URL (e.g. https://git.example.com); the API lives under /api/v1. */
  url: string;
  /** An access token of a user allowed to create organisations and repositories. */
  token: string;
};

/** The ForgejoPort on a real Forgejo (or API-compatible Gitea) through gitea-js. */
export function createForgejoAdapter(options: ForgejoAdapterOptions): ForgejoPort {
  const api = createForgejoClient(options.url, options.token);
  return {
    ensureOrg: (org) => ensureForgejoOrg(api, org),
    ensureRepo: (input) => ensureForgejoRepo(api, input),
    getRepo: (owner, name) => getForgejoRepo(api, owner, name),
    listRepos: (org) => listForgejoRepos(api, org),
    deleteRepo: (owner, name) => deleteForgejoRepo(api, owner, name),
    branchHead: (owner, repo, branch) => forgejoBranchHead(api, owner, repo, branch),
    createBranch: (owner, repo, branch, fromSha) => createForgejoBranch(api, owner, repo, branch, fromSha),
    commitFiles: (input) => commitForgejoFiles(api, input),
    readFile: (owner, repo, path, ref) => readForgejoFile(api, owner, repo, path, ref),
    listFiles: (owner, repo, dir, ref) => listForgejoFiles(api, owner, repo, dir, ref),
    listCommits: (owner, repo, opts) => listForgejoCommits(api, owner, repo, opts),
    listCommitsBetween: (owner, repo, opts) => listForgejoCommitsBetween(api, owner, repo, opts),
    openPullRequest: (input) => openForgejoPullRequest(api, input),
    getPullRequest: (owner, repo, number) => getForgejoPullRequest(api, owner, repo, number),
    mergePullRequest: (owner, repo, number, message) => mergeForgejoPullRequest(api, owner, repo, number, message),
    closePullRequest: (owner, repo, number) => closeForgejoPullRequest(api, owner, repo, number),
    commentOnPullRequest: (owner, repo, number, body) => commentOnForgejoPullRequest(api, owner, repo, number, body),
    listPullRequestComments: (owner, repo, number) => listForgejoPullRequestComments(api, owner, repo, number),
  };
}
