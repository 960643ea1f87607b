import type { RunContext } from "@/lib/runs/define-action";
import { findEngine, type EngineOps } from "./delivery-engine";
import { ensureEnvironmentBranch } from "./gitops-repo";

const ROLLOUT_TIMEOUT_MS = 10 * 60_000;

/**
 * Ends the run's work the GitOps way: waits (status `waiting`) until the environment's engine
 * reports every one of the deployment's Applications or Flux Kustomizations (one, or one per
 * cluster) Synced and Healthy (Flux: Ready) at a revision that contains what this run committed
 * (the run's own commit, or a later one carrying the same file contents). Degraded (Flux: Ready
 * False, Stalled) at such a revision on any cluster fails the run with the engine's message; so
 * does the timeout.
 */
export async function waitForRollout(
  ctx: RunContext,
  apps: string | string[],
  committed: { sha: string; files: Record<string, string> },
): Promise<void> {
  const { forgejo, gitops } = ctx.ports;
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
  const engines = new Map<string, EngineOps>();
  for (const app of names) {
    // Only dev's object is handed over at creation; later environments get theirs on first use,
    // from the same manifest in git (applying is idempotent).
    const found = await findEngine(ctx.ports, app);
    if (!found)
      throw new Error(`${app}: neither argocd/apps/${app}.yaml nor flux/apps/${app}.yaml is in the GitOps repository`);
    const { ops, manifest } = found;
    if (manifest) {
      const branch = ops.readTrackedBranch(manifest);
      // The first hand-over to a branch environment: its branch must exist before the engine follows it.
      if (branch && branch !== "main") await ensureEnvironmentBranch(ctx, branch);
      await ops.apply(app, manifest);
      await ctx.log.info(`Handed ${ops.noun} ${app} to the cluster${branch ? ` (following ${branch})` : ""}`);
    }
    engines.set(app, ops);
    // Without a git webhook the engine would notice the commit only at its next poll.
    await ops.refresh(app);
  }
  const label = names.join(", ");
  const engineLabel = [...new Set([...engines.values()].map((o) => o.label))].join(" and ");
  await ctx.log.info(`Waiting for ${engineLabel}: ${label} Synced and Healthy at ${committed.sha.slice(0, 8)}`);
  // One wait for all clusters: the run's step key stays `rollout-<app>` for a single-cluster deployment.
  await ctx.waitUntil(
    `rollout-${names.join("+")}`,
    async () => {
      const pending: string[] = [];
      for (const app of names) {
        const status = await engines.get(app)!.get(app);
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
