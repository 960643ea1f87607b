import { createHash } from "node:crypto";
import type { ChangeFileOperation } from "gitea-js";
import { HeadMovedError, InvalidGitInputError, NotFoundError } from "@/lib/git/errors";
import type { CommitFilesInput, CommitRef, FileChange } from "@/lib/git/forgejo-port";
import {
  assertBranchName,
  assertOwnerName,
  assertRepoName,
  assertSha,
  normalizeChanges,
  normalizeMessage,
} from "@/lib/git/validate";
import { call, hasStatus, type ForgejoClient } from "./forgejo-client";
import { readForgejoTree } from "./forgejo-read";
import { forgejoBranchHead } from "./forgejo-repos";

/** Git's blob id, so unchanged files can be recognised without downloading them. */
export function gitBlobSha(content: string, algorithm: "sha1" | "sha256" = "sha1"): string {
  const bytes = Buffer.from(content, "utf8");
  return createHash(algorithm).update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/**
 * Translates domain changes into Forgejo file operations against the tree of expectedHead:
 * update/delete carry that tree's blob sha, which Forgejo checks against the branch it commits on.
 * No-ops (same content, deleting a missing file) are dropped, as the sandbox's index would.
 */
function toOperations(
  changes: FileChange[],
  existing: Map<string, string>,
  algorithm: "sha1" | "sha256",
): ChangeFileOperation[] {
  return changes.flatMap((change): ChangeFileOperation[] => {
    const sha = existing.get(change.path);
    if ("delete" in change) return sha ? [{ operation: "delete", path: change.path, sha }] : [];
    if (sha === gitBlobSha(change.content, algorithm)) return [];
    const content = Buffer.from(change.content, "utf8").toString("base64");
    return sha
      ? [{ operation: "update", path: change.path, sha, content }]
      : [{ operation: "create", path: change.path, content }];
  });
}

/**
 * Forgejo's API has no compare-and-swap on a branch, so expectedHead is enforced in two layers:
 * 1. the head is read and compared before committing (HeadMovedError, nothing written);
 * 2. every update/delete names the blob sha it expects and every create expects the path to be
 *    absent; Forgejo re-checks those against the branch tip it commits on and refuses otherwise.
 * What remains is a small race window: a concurrent commit that lands between (1) and Forgejo's
 * commit and touches none of our paths goes unnoticed, and ours is stacked on top of it.
 */
export async function commitForgejoFiles(api: ForgejoClient, input: CommitFilesInput): Promise<CommitRef> {
  const { owner, repo: name, branch, expectedHead } = input;
  assertBranchName(branch);
  if (expectedHead !== null) assertSha(expectedHead);
  const message = normalizeMessage(input.message);
  const changes = normalizeChanges(input.changes);
  const repo = await loadRepo(api, owner, name);

  const current = await forgejoBranchHead(api, owner, name, branch);
  if (current !== expectedHead) throw new HeadMovedError(branch, expectedHead, current);
  if (expectedHead === null && !repo.empty) {
    // The contents API can branch off an existing branch but cannot start an unrelated history.
    throw new InvalidGitInputError(`Branch ${branch} does not exist: create it from a commit first`);
  }

  const algorithm = expectedHead && expectedHead.length === 64 ? "sha256" : "sha1";
  const existing = expectedHead ? await readForgejoTree(api, owner, name, expectedHead) : new Map<string, string>();
  const files = toOperations(changes, existing, algorithm);
  if (files.length === 0) {
    if (!expectedHead) throw new InvalidGitInputError("Nothing to commit");
    const now = await forgejoBranchHead(api, owner, name, branch);
    if (now !== expectedHead) throw new HeadMovedError(branch, expectedHead, now);
    return { sha: expectedHead, htmlUrl: `${repo.htmlUrl}/commit/${expectedHead}` };
  }

  try {
    const body = { branch, message, files, ...(input.author ? { author: input.author } : {}) };
    const { data } = await call("change files", () => api.repos.repoChangeFiles(owner, name, body));
    const sha = data.commit?.sha;
    if (!sha) throw new Error("Forgejo accepted the commit but returned no sha");
    return { sha, htmlUrl: data.commit?.html_url ?? `${repo.htmlUrl}/commit/${sha}` };
  } catch (error) {
    // 409 sha mismatch, 422 file exists, 404 file gone, 403 "cannot lock ref" (Gitea 1.26 when a
    // concurrent commit won), 500 push rejected: all mean "moved" if the head did.
    if (!hasStatus(error, 403, 404, 409, 422, 500)) throw error;
    const actual = await forgejoBranchHead(api, owner, name, branch);
    if (actual !== expectedHead) throw new HeadMovedError(branch, expectedHead, actual);
    if (hasStatus(error, 422)) throw new InvalidGitInputError(error.message);
    throw error;
  }
}

async function loadRepo(api: ForgejoClient, owner: string, name: string): Promise<{ htmlUrl: string; empty: boolean }> {
  assertOwnerName(owner);
  assertRepoName(name);
  try {
    const { data } = await call("get repository", () => api.repos.repoGet(owner, name));
    return { htmlUrl: data.html_url ?? "", empty: data.empty === true };
  } catch (error) {
    if (hasStatus(error, 404)) throw new NotFoundError(`Repository ${owner}/${name}`);
    throw error;
  }
}
