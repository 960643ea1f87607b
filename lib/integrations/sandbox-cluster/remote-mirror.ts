import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { runGit } from "@/lib/integrations/sandbox-git/run-git";

// A real Forgejo with a simulated cluster (connected git, no Kubernetes yet): before reconciling, the
// simulator fetches the Application's repository from Forgejo into the bare repository its repoURL
// maps to under gitRoot, then reads it as it reads the sandbox's own repositories.

export type RemoteGit = { baseUrl: string; token: string };

export type RemoteMirror = (repoURL: string, repoDir: string) => Promise<void>;

/** Repositories are fetched at most once per `minIntervalMs`; only URLs on `remote`'s origin are fetched. */
export function createRemoteMirror(gitRoot: string, remote: RemoteGit, minIntervalMs = 1000): RemoteMirror {
  const origin = new URL(remote.baseUrl).origin;
  const lastFetch = new Map<string, number>();
  const inFlight = new Map<string, Promise<void>>();
  // Through the environment rather than `-c` on the command line, where `ps` would show the token.
  const auth = {
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: "http.extraHeader",
    GIT_CONFIG_VALUE_0: `Authorization: token ${remote.token}`,
  };

  async function fetchInto(url: string, repoDir: string): Promise<void> {
    if (!existsSync(repoDir)) {
      await fs.mkdir(path.dirname(repoDir), { recursive: true });
      await runGit(gitRoot, ["init", "--quiet", "--bare", repoDir]);
    }
    // A mirror of branches and tags: force-updated and pruned, as ArgoCD sees the remote.
    await runGit(
      gitRoot,
      [
        "--git-dir",
        repoDir,
        "fetch",
        "--quiet",
        "--prune",
        "--force",
        "--no-tags",
        url,
        "+refs/heads/*:refs/heads/*",
        "+refs/tags/*:refs/tags/*",
      ],
      { env: auth },
    );
  }

  return async (repoURL, repoDir) => {
    let url: URL;
    try {
      url = new URL(repoURL);
    } catch {
      return;
    }
    if (url.origin !== origin) return;
    const pending = inFlight.get(repoDir);
    if (pending) return pending;
    if (Date.now() - (lastFetch.get(repoDir) ?? 0) < minIntervalMs) return;
    const run = fetchInto(url.toString(), repoDir).finally(() => {
      lastFetch.set(repoDir, Date.now());
      inFlight.delete(repoDir);
    });
    inFlight.set(repoDir, run);
    return run;
  };
}
