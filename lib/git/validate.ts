import { InvalidGitInputError } from "./errors";
import type { FileChange } from "./forgejo-port";

// Forgejo's own naming rules, applied by every adapter so the sandbox refuses what Forgejo would
// (and so a name can never escape the sandbox's root directory).
const OWNER_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9]|[-_.](?=[A-Za-z0-9]))*$/;
const REPO_NAME = /^[A-Za-z0-9_.-]+$/;
const RESERVED_REPO_SUFFIXES = [".git", ".wiki", ".rss", ".atom"];

export function assertOwnerName(owner: string): void {
  if (owner.length > 40 || !OWNER_NAME.test(owner))
    throw new InvalidGitInputError(`Invalid organisation name: ${JSON.stringify(owner)}`);
}

export function assertRepoName(name: string): void {
  const reserved = name === "." || name === ".." || RESERVED_REPO_SUFFIXES.some((s) => name.toLowerCase().endsWith(s));
  if (name.length > 100 || !REPO_NAME.test(name) || reserved)
    throw new InvalidGitInputError(`Invalid repository name: ${JSON.stringify(name)}`);
}

export function assertRepoCoordinates(owner: string, name: string): void {
  assertOwnerName(owner);
  assertRepoName(name);
}

/** git check-ref-format's rules for a branch name. */
export function assertBranchName(branch: string): void {
  const bad =
    branch.length === 0 ||
    branch === "@" ||
    branch.startsWith("/") ||
    branch.endsWith("/") ||
    branch.endsWith(".") ||
    branch.startsWith("-") ||
    branch.includes("..") ||
    branch.includes("//") ||
    branch.includes("@{") ||
    /[\x00-\x20\x7f~^:?*[\\]/.test(branch) ||
    branch.split("/").some((part) => part.startsWith(".") || part.endsWith(".lock"));
  if (bad) throw new InvalidGitInputError(`Invalid branch name: ${JSON.stringify(branch)}`);
}

export function assertSha(sha: string): void {
  if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(sha))
    throw new InvalidGitInputError(`Not a full commit sha: ${JSON.stringify(sha)}`);
}

/** A file path relative to the repository root, without "./", "..", empty segments or a .git directory. */
export function normalizeFilePath(path: string): string {
  const trimmed = path.replace(/^(\.\/)+/, "");
  const parts = trimmed.split("/");
  const bad =
    trimmed.length === 0 ||
    /[\x00-\x1f\x7f]/.test(trimmed) ||
    parts.some((p) => p === "" || p === "." || p === ".." || p.toLowerCase() === ".git");
  if (bad) throw new InvalidGitInputError(`Invalid file path: ${JSON.stringify(path)}`);
  return trimmed;
}

/** "" for the repository root ("", ".", "/" and "./" all mean the root). */
export function normalizeDir(dir: string): string {
  const trimmed = dir.replace(/^\/+/, "").replace(/\/+$/, "");
  if (trimmed === "" || trimmed === ".") return "";
  return normalizeFilePath(trimmed);
}

export function isUnderDir(path: string, dir: string): boolean {
  return dir === "" || path.startsWith(`${dir}/`);
}

/** Validates a commit's change list: at least one change, normalized paths, each path once. */
export function normalizeChanges(changes: FileChange[]): FileChange[] {
  if (changes.length === 0) throw new InvalidGitInputError("A commit needs at least one change");
  const seen = new Set<string>();
  return changes.map((change) => {
    const path = normalizeFilePath(change.path);
    if (seen.has(path)) throw new InvalidGitInputError(`Path changed twice in one commit: ${path}`);
    seen.add(path);
    return "delete" in change ? { path, delete: true } : { path, content: change.content };
  });
}

/** Forgejo stores messages trimmed; the sandbox does the same so both read back identically. */
export function normalizeMessage(message: string): string {
  const trimmed = message.trim();
  if (trimmed.length === 0) throw new InvalidGitInputError("A commit message is required");
  return trimmed;
}

/** Forgejo takes a merge message as a title plus a body and joins them with a blank line. */
export function splitMergeMessage(message: string): { title: string; body: string } {
  const [first = "", ...rest] = message.trim().split("\n");
  return { title: first.trim(), body: rest.join("\n").trim() };
}

export function composeMergeMessage(message: string): string {
  const { title, body } = splitMergeMessage(message);
  return body ? `${title}\n\n${body}` : title;
}
