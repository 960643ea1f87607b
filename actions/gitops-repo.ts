import { HeadMovedError } from "@/lib/git/errors";
import type { CommitRef, FileChange, ForgejoPort, RepoRef } from "@/lib/git/forgejo-port";
import type { GitopsSettings } from "@/lib/runs/ports";

// Shared by the GitOps actions: the one repository every service's manifests live in.

/** Creates the GitOps repository on first use, with a README so it has a main branch to build on. */
export async function ensureGitopsRepo(forgejo: ForgejoPort, gitops: GitopsSettings): Promise<RepoRef> {
  await forgejo.ensureOrg(gitops.owner);
  const repo = await forgejo.ensureRepo({
    owner: gitops.owner,
    name: gitops.repo,
    description: "Kubernetes manifests and ArgoCD Applications, written by Slipway",
  });
  if (!(await forgejo.branchHead(gitops.owner, gitops.repo, repo.defaultBranch))) {
    await forgejo
      .commitFiles({
        owner: gitops.owner,
        repo: gitops.repo,
        branch: repo.defaultBranch,
        message: "Start the GitOps repository",
        expectedHead: null,
        changes: [
          {
            path: "README.md",
            content:
              "# GitOps\n\n`services/<service>/{base,overlays/<env>}` and `argocd/apps/<service>-<env>.yaml`, written by Slipway.\n",
          },
        ],
      })
      .catch((e) => {
        // Another run created it at the same moment: theirs is as good as ours.
        if (!(e instanceof HeadMovedError)) throw e;
      });
  }
  return repo;
}

type Change = { message: string; changes: FileChange[] } | null;

/**
 * Commits to the GitOps repository's main branch against its current head, re-reading and retrying
 * when another run committed in between. `plan` returns null when there is nothing to do.
 */
export async function commitWithRetry(
  forgejo: ForgejoPort,
  gitops: GitopsSettings,
  plan: (head: string | null) => Promise<Change>,
  branch = "main",
): Promise<CommitRef> {
  for (let attempt = 1; ; attempt++) {
    const head = await forgejo.branchHead(gitops.owner, gitops.repo, branch);
    const change = await plan(head);
    if (!change) return { sha: head ?? "", htmlUrl: "" };
    try {
      return await forgejo.commitFiles({
        owner: gitops.owner,
        repo: gitops.repo,
        branch,
        message: change.message,
        changes: change.changes,
        expectedHead: head,
      });
    } catch (e) {
      if (!(e instanceof HeadMovedError) || attempt >= 5) throw e;
    }
  }
}
