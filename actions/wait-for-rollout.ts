import type { RunContext } from "@/lib/runs/define-action";

const ROLLOUT_TIMEOUT_MS = 10 * 60_000;

/**
 * Ends the run's work the GitOps way: waits (status `waiting`) until ArgoCD reports the Application
 * Synced and Healthy at a revision that contains what this run committed (the run's own commit, or
 * a later one carrying the same file contents). Degraded at such a revision fails the run with
 * ArgoCD's health message; so does the timeout.
 */
export async function waitForRollout(
  ctx: RunContext,
  app: string,
  committed: { sha: string; files: Record<string, string> },
): Promise<void> {
  const { cluster, forgejo, gitops } = ctx.ports;
  const carriesOurChange = async (revision: string | null) => {
    if (!revision) return false;
    if (revision === committed.sha) return true;
    for (const [path, content] of Object.entries(committed.files)) {
      if ((await forgejo.readFile(gitops.owner, gitops.repo, path, revision).catch(() => null)) !== content)
        return false;
    }
    return true;
  };
  // Only dev's Application is handed over at creation; later environments get theirs on first use,
  // from the same manifest in git (applying is idempotent).
  if (!(await cluster.getApplication(app))) {
    const manifest = await forgejo.readFile(gitops.owner, gitops.repo, `argocd/apps/${app}.yaml`);
    if (!manifest) throw new Error(`argocd/apps/${app}.yaml is missing from the GitOps repository`);
    await cluster.applyApplication(app, manifest);
    await ctx.log.info(`Handed Application ${app} to the cluster`);
  }
  // Without a git webhook ArgoCD would notice the commit only at its next poll.
  await cluster.refreshApplication(app);
  await ctx.log.info(`Waiting for ArgoCD: ${app} Synced and Healthy at ${committed.sha.slice(0, 8)}`);
  await ctx.waitUntil(
    `rollout-${app}`,
    async () => {
      const status = await cluster.getApplication(app);
      if (!status || !(await carriesOurChange(status.revision))) return { done: false };
      if (status.health === "Degraded")
        return { done: false, failure: `${app} is Degraded: ${status.healthMessage ?? "no health message"}` };
      return {
        done: status.sync === "Synced" && status.health === "Healthy",
        note: `${app} Healthy at ${status.revision?.slice(0, 8)}`,
      };
    },
    { timeoutMs: ROLLOUT_TIMEOUT_MS, intervalMs: 500 },
  );
  await ctx.log.info(`${app} is Synced and Healthy`);
}
