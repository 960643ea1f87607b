import { getApplicationPath } from "@/lib/gitops";
import type { RunContext } from "@/lib/runs/define-action";

const ROLLOUT_TIMEOUT_MS = 10 * 60_000;

/**
 * Ends the run's work the GitOps way: waits (status `waiting`) until ArgoCD reports every one of
 * the deployment's Applications (one, or one per cluster) Synced and Healthy at a revision that
 * contains what this run committed (the run's own commit, or a later one carrying the same file
 * contents). Degraded at such a revision on any cluster fails the run with ArgoCD's health message;
 * so does the timeout.
 */
export async function waitForRollout(
  ctx: RunContext,
  apps: string | string[],
  committed: { sha: string; files: Record<string, string> },
): Promise<void> {
  const { cluster, forgejo, gitops } = ctx.ports;
  const names = typeof apps === "string" ? [apps] : apps;
  const carried = new Map<string, boolean>();
  const carriesOurChange = async (revision: string | null) => {
    if (!revision) return false;
    if (revision === committed.sha) return true;
    const known = carried.get(revision);
    if (known !== undefined) return known;
    let ours = true;
    for (const [path, content] of Object.entries(committed.files)) {
      if ((await forgejo.readFile(gitops.owner, gitops.repo, path, revision).catch(() => null)) !== content) {
        ours = false;
        break;
      }
    }
    carried.set(revision, ours);
    return ours;
  };
  for (const app of names) {
    // Only dev's Application is handed over at creation; later environments get theirs on first use,
    // from the same manifest in git (applying is idempotent).
    if (!(await cluster.getApplication(app))) {
      const manifest = await forgejo.readFile(gitops.owner, gitops.repo, getApplicationPath(app));
      if (!manifest) throw new Error(`${getApplicationPath(app)} is missing from the GitOps repository`);
      await cluster.applyApplication(app, manifest);
      await ctx.log.info(`Handed Application ${app} to the cluster`);
    }
    // Without a git webhook ArgoCD would notice the commit only at its next poll.
    await cluster.refreshApplication(app);
  }
  const label = names.join(", ");
  await ctx.log.info(`Waiting for ArgoCD: ${label} Synced and Healthy at ${committed.sha.slice(0, 8)}`);
  // One wait for all clusters: the run's step key stays `rollout-<app>` for a single-cluster deployment.
  await ctx.waitUntil(
    `rollout-${names.join("+")}`,
    async () => {
      const pending: string[] = [];
      for (const app of names) {
        const status = await cluster.getApplication(app);
        if (!status || !(await carriesOurChange(status.revision))) {
          pending.push(app);
          continue;
        }
        if (status.health === "Degraded")
          return { done: false, failure: `${app} is Degraded: ${status.healthMessage ?? "no health message"}` };
        if (!(status.sync === "Synced" && status.health === "Healthy")) pending.push(app);
      }
      return {
        done: pending.length === 0,
        note: pending.length === 0 ? `${label} Healthy` : `waiting for ${pending.join(", ")}`,
      };
    },
    { timeoutMs: ROLLOUT_TIMEOUT_MS, intervalMs: 500 },
  );
  await ctx.log.info(`${label} ${names.length > 1 ? "are" : "is"} Synced and Healthy`);
}
