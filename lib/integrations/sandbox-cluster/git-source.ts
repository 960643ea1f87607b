import path from "node:path";
import { runGitRaw } from "@/lib/integrations/sandbox-git/run-git";

// Read-only git access to the sandbox's bare repositories, through the same clean-environment git
// runner the sandbox git adapter uses.

const segmentPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const revisionPattern = /^[A-Za-z0-9._/-]+$/;

const isInside = (root: string, p: string) => p === root || p.startsWith(`${root}${path.sep}`);

/**
 * The bare repository a repoURL names. Sandbox clone URLs are absolute paths of the repository; a
 * URL (https://forgejo.local/platform/gitops.git, git@host:platform/gitops) maps to
 * `<gitRoot>/<owner>/<name>.git`. Nothing outside gitRoot is ever read.
 */
export function resolveRepoDir(gitRoot: string, repoURL: string): string | null {
  const root = path.resolve(gitRoot);
  if (path.isAbsolute(repoURL)) {
    const dir = path.resolve(repoURL);
    return isInside(root, dir) ? dir : null;
  }
  const match = /([^/:]+)\/([^/:]+?)(?:\.git)?\/?$/.exec(
    repoURL.startsWith("file://") ? repoURL.slice("file://".length) : repoURL,
  );
  if (!match) return null;
  const [, owner = "", name = ""] = match;
  if (!segmentPattern.test(owner) || !segmentPattern.test(name)) return null;
  return path.join(root, owner, `${name}.git`);
}

export type GitSource = {
  /** Like ArgoCD: a branch first, then a tag, then anything git resolves (a sha, HEAD); null when nothing matches. */
  resolveRevision(repoDir: string, revision: string): Promise<string | null>;
  /** The tree id of `dir` at `sha` (the whole tree for ""); null when the path does not exist there. */
  treeOf(repoDir: string, sha: string, dir: string): Promise<string | null>;
  /** Writes a tar of `dir` at `sha` to `tarFile`; throws with git's message on failure. */
  archive(repoDir: string, sha: string, dir: string, tarFile: string): Promise<void>;
};

export function createGitSource(gitRoot: string): GitSource {
  const root = path.resolve(gitRoot);
  const git = (repoDir: string, args: string[]) => runGitRaw(root, [`--git-dir=${repoDir}`, ...args], { cwd: root });
  const verify = async (repoDir: string, rev: string) => {
    const result = await git(repoDir, ["rev-parse", "--verify", "--quiet", "--end-of-options", rev]);
    return result.code === 0 ? result.stdout.trim() : null;
  };

  return {
    async resolveRevision(repoDir, revision) {
      if (!revisionPattern.test(revision) || revision.startsWith("-") || revision.includes("..")) return null;
      for (const candidate of [`refs/heads/${revision}`, `refs/tags/${revision}`, revision]) {
        const sha = await verify(repoDir, `${candidate}^{commit}`);
        if (sha) return sha;
      }
      return null;
    },
    treeOf(repoDir, sha, dir) {
      return verify(repoDir, dir === "" ? `${sha}^{tree}` : `${sha}:${dir}`);
    },
    async archive(repoDir, sha, dir, tarFile) {
      const result = await git(repoDir, [
        "archive",
        "--format=tar",
        `--output=${tarFile}`,
        sha,
        ...(dir === "" ? [] : ["--", dir]),
      ]);
      if (result.code !== 0) throw new Error(`git archive ${sha.slice(0, 8)} ${dir}: ${result.stderr.trim()}`);
    },
  };
}

/**
 * What to export for an app path: the whole service directory when the path is an overlay
 * (`services/<svc>/overlays/<env>` references `../../base`), otherwise the path itself. Null for a
 * path that leaves the repository.
 */
export function getExportScope(appPath: string): { scope: string; path: string } | null {
  const normalized = path.posix.normalize(appPath.trim() === "" ? "." : appPath.trim()).replace(/\/+$/, "");
  if (path.posix.isAbsolute(normalized) || normalized === ".." || normalized.startsWith("../")) return null;
  const clean = normalized === "." ? "" : normalized;
  const overlay = /^(.+)\/overlays\/[^/]+$/.exec(clean);
  return { scope: overlay?.[1] ?? clean, path: clean };
}
