import { getExportScope, resolveRepoDir, type GitSource } from "./git-source";
import { buildFluxNotification, type FluxNotificationPayload } from "./flux-notifications";
import { buildNotification, decideNotifications, nextEventTime, type NotificationPayload } from "./notifications";
import type { Rendered, Renderer } from "./render-source";
import { advanceWorkload, applyWorkloads, listImages, summarizeHealth, type RolloutTimings } from "./rollout";
import type { HistoryEntry, SimStatus, StoredApplication, SyncRequest } from "./state-types";

export type ReconcileContext = {
  gitRoot: string;
  git: GitSource;
  render: Renderer;
  timings: RolloutTimings;
  /** Read at each transition: a render can take a while, and rollouts start when it is applied. */
  clock(): number;
  /** GitSource.resolveRevision, memoised for one tick: most Applications share one repository and branch. */
  resolveRevision(repoDir: string, revision: string): Promise<string | null>;
  /** Brings repoDir up to date with a remote repoURL first (a real Forgejo); absent for local repositories. */
  mirror?(repoURL: string, repoDir: string): Promise<void>;
};

/** ArgoCD's notification payloads for an Application, Flux events for a Flux delivery. */
export type ReconcileResult = { next: SimStatus; notifications: (NotificationPayload | FluxNotificationPayload)[] };

type SyncOutcome = { status: SimStatus; event: "sync-succeeded" | "sync-failed" | null };

/** Automated sync retries a failed revision like syncPolicy.retry: 5 s doubling, at most 5 attempts. */
const retryLimit = 5;
const retryDue = (failure: NonNullable<SimStatus["failure"]>, now: number) =>
  failure.attempts < retryLimit &&
  now - Date.parse(failure.at) >= Math.min(5_000 * 2 ** (failure.attempts - 1), 180_000);

/**
 * One reconciliation of one Application, like a refresh of ArgoCD's controller: compare with git,
 * sync when automated (or asked to), advance the rollout. Returns null when nothing changed. A Flux
 * delivery is reconciled alike (its GitRepository's ref is the source, `suspend` turns automation
 * off): kustomize-controller too applies the rendered overlay and waits for the workloads.
 */
export async function reconcileApplication(
  ctx: ReconcileContext,
  app: StoredApplication,
  prev: SimStatus,
  request: SyncRequest | null,
): Promise<ReconcileResult | null> {
  const manual = request && request.id !== prev.handledRequestId ? request : null;
  const revision = manual?.revision ?? app.source.targetRevision;
  const repoDir = resolveRepoDir(ctx.gitRoot, app.source.repoURL);
  if (repoDir) await ctx.mirror?.(app.source.repoURL, repoDir);
  const sha = repoDir ? await ctx.resolveRevision(repoDir, revision) : null;
  const changed = sha === null || sha !== prev.revision || app.generation !== prev.observedGeneration;
  const key = `${sha ?? "unresolved"}:${app.generation}`;
  const blocked = prev.failure?.key === key && !retryDue(prev.failure, ctx.clock());

  let outcome: SyncOutcome = { status: prev, event: null };
  if (manual || (changed && app.automated && !blocked)) {
    outcome = await syncApplication(ctx, app, prev, { manual, repoDir, sha, revision, key });
  } else if (changed && !app.automated && !blocked && sha !== null) {
    // Without automated sync ArgoCD only reports the drift.
    outcome = { status: { ...prev, sync: "OutOfSync", observedGeneration: app.generation }, event: null };
  }

  let next = outcome.status;
  const now = ctx.clock();
  const workloads = next.workloads.map((w) => advanceWorkload(w, now, ctx.timings));
  if (workloads.some((w, i) => w !== next.workloads[i])) next = { ...next, workloads };
  if (next.renderedHash !== null) {
    const { health, message } = summarizeHealth(next.workloads);
    if (health !== next.health || message !== next.healthMessage) next = { ...next, health, healthMessage: message };
  }
  if (JSON.stringify(next) === JSON.stringify(prev)) return null;

  const notifications: ReconcileResult["notifications"] = [];
  for (const kind of decideNotifications(prev, next, outcome.event)) {
    const at = nextEventTime(next.lastEventAt, now);
    next = { ...next, lastEventAt: at, ...(kind === "deployed" ? { lastDeployedRevision: next.revision } : {}) };
    const payload = app.flux ? buildFluxNotification(kind, app, next, at) : buildNotification(kind, app, next, at);
    if (payload) notifications.push(payload);
  }
  return { next: { ...next, version: prev.version + 1 }, notifications };
}

type SyncInput = {
  manual: SyncRequest | null;
  repoDir: string | null;
  sha: string | null;
  revision: string;
  key: string;
};

async function syncApplication(
  ctx: ReconcileContext,
  app: StoredApplication,
  prev: SimStatus,
  input: SyncInput,
): Promise<SyncOutcome> {
  const startedAt = new Date(ctx.clock()).toISOString();
  const initiatedBy = input.manual ? "manual" : "automated";
  const handledRequestId = input.manual?.id ?? prev.handledRequestId;
  const fail = (message: string, at = new Date(ctx.clock()).toISOString()): SyncOutcome => ({
    status: {
      ...prev,
      // ArgoCD reports a source it cannot resolve or render as a ComparisonError with sync Unknown.
      sync: "Unknown",
      operation: { phase: "Failed", message, revision: input.sha, initiatedBy, startedAt, finishedAt: at },
      handledRequestId,
      reconciledAt: at,
      failure: { key: input.key, attempts: prev.failure?.key === input.key ? prev.failure.attempts + 1 : 1, at },
    },
    event: "sync-failed",
  });

  if (!input.repoDir) return fail(`repository not accessible: ${app.source.repoURL} is not a sandbox repository`);
  if (!input.sha) return fail(`unable to resolve '${input.revision}' to a commit SHA`);
  const scoped = getExportScope(app.source.path);
  if (!scoped) return fail(`app path ${app.source.path} is outside the repository`);
  const [scopeTree, pathTree] = await Promise.all([
    ctx.git.treeOf(input.repoDir, input.sha, scoped.scope),
    ctx.git.treeOf(input.repoDir, input.sha, scoped.path),
  ]);
  if (!scopeTree || !pathTree) return fail(`app path does not exist: ${scoped.path}`);

  let rendered: Rendered | null = null;
  if (scopeTree !== prev.sourceTree || prev.renderedHash === null) {
    try {
      rendered = await ctx.render({
        repoDir: input.repoDir,
        sha: input.sha,
        tree: scopeTree,
        scope: scoped.scope,
        path: scoped.path,
        defaultNamespace: app.destination.namespace ?? "default",
      });
    } catch (error) {
      return fail(`rendering ${scoped.path} failed: ${(error as Error).message}`);
    }
  }
  const appliedAt = ctx.clock();
  const at = new Date(appliedAt).toISOString();
  const synced = {
    ...prev,
    sync: "Synced" as const,
    revision: input.sha,
    observedGeneration: app.generation,
    sourceTree: scopeTree,
    reconciledAt: at,
    failure: null,
    handledRequestId,
  };

  // Nothing to apply (e.g. a commit to another service): ArgoCD just compares Synced at the new revision.
  if (!input.manual && (rendered === null || rendered.hash === prev.renderedHash))
    return { status: synced, event: null };

  const workloads = rendered ? applyWorkloads(prev.workloads, rendered.workloads, appliedAt) : prev.workloads;
  const last = prev.history.at(-1);
  const entry: HistoryEntry = {
    id: last ? last.id + 1 : 0,
    revision: input.sha,
    deployStartedAt: startedAt,
    deployedAt: at,
    images: listImages(workloads),
    source: app.source,
    initiatedBy,
  };
  return {
    status: {
      ...synced,
      renderedHash: rendered?.hash ?? prev.renderedHash,
      workloads,
      operation: {
        phase: "Succeeded",
        message: "successfully synced (all tasks run)",
        revision: input.sha,
        initiatedBy,
        startedAt,
        finishedAt: at,
      },
      history: [...prev.history, entry].slice(-Math.max(1, app.historyLimit)),
    },
    event: "sync-succeeded",
  };
}
