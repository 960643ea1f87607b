import fs from "node:fs/promises";
import path from "node:path";
import { currentStatus } from "./app-status";
import { createGitSource } from "./git-source";
import { reconcileApplication, type ReconcileContext } from "./reconcile-app";
import { createRenderer } from "./render-source";
import { createRemoteMirror, type RemoteGit } from "./remote-mirror";
import { createSimulatorLease } from "./simulator-lease";
import { createStateStore, getFluxRoot, type StateStore } from "./state-store";
import { createWebhookSender, type SimulatorLog, type WebhookSender, type WebhookTarget } from "./webhook-sender";

export type SimulatorOptions = {
  /** The cluster state root shared with createSandboxCluster. */
  root: string;
  /** Where the sandbox's bare repositories live; Applications' repoURLs resolve inside it. */
  gitRoot: string;
  /** Slipway's /api/webhooks/argocd and its shared secret; null sends no notifications. */
  webhook: WebhookTarget | null;
  /** Slipway's /api/webhooks/flux and its HMAC secret, for Flux deliveries; absent or null sends none. */
  fluxWebhook?: WebhookTarget | null;
  tickMs?: number;
  /** One more pod becomes ready per step. */
  rolloutStepMs?: number;
  /** How long a broken image stays Progressing before Degraded (Kubernetes' progress deadline). */
  degradeAfterMs?: number;
  log: SimulatorLog;
  /** A real Forgejo to fetch Applications' repositories from (connected git, simulated cluster). */
  remote?: RemoteGit;
};

export type Simulator = { stop(): Promise<void> };

/** Applications reconciled at once; each may run git and kubectl. */
const parallelism = 4;

/**
 * The sandbox's ArgoCD and Flux: every tick reconciles each Application (and each Flux delivery) in
 * the state files against its git source, rolls the fake Deployments forward, and posts
 * notifications to Slipway's webhooks (ArgoCD's, or Flux's signed generic-hmac events).
 */
export function startSimulator(options: SimulatorOptions): Simulator {
  const root = path.resolve(options.root);
  const tickMs = options.tickMs ?? 250;
  const timings = { rolloutStepMs: options.rolloutStepMs ?? 700, degradeAfterMs: options.degradeAfterMs ?? 4_000 };
  const store = createStateStore(root);
  const fluxStore = createStateStore(getFluxRoot(root));
  const git = createGitSource(options.gitRoot);
  const lease = createSimulatorLease(store.leaseFile, Math.max(3_000, tickMs * 10));
  // Per simulator, so one starting up or stopping never touches another's renders in progress.
  const workDir = path.join(store.workDir, lease.owner);
  const render = createRenderer(git, workDir);
  const sender = options.webhook ? createWebhookSender({ ...options.webhook, log: options.log }) : null;
  const fluxSender = options.fluxWebhook
    ? createWebhookSender({ ...options.fluxWebhook, signing: "hmac", log: options.log })
    : null;
  const mirror = options.remote ? createRemoteMirror(options.gitRoot, options.remote) : undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  async function tick(): Promise<void> {
    const now = Date.now();
    if (!(await lease.hold(now))) return;
    const heads = new Map<string, Promise<string | null>>();
    const ctx: ReconcileContext = {
      gitRoot: options.gitRoot,
      git,
      render,
      timings,
      clock: Date.now,
      resolveRevision(repoDir, revision) {
        const key = `${repoDir}\0${revision}`;
        if (!heads.has(key)) heads.set(key, git.resolveRevision(repoDir, revision));
        return heads.get(key) as Promise<string | null>;
      },
      mirror,
    };
    // Flux deliveries are reconciled by the same rules, in a store of their own.
    const names = await store.listApplicationNames();
    const deliveries = await fluxStore.listApplicationNames();
    const work = [
      ...names.map((name) => ({ name, store, sender })),
      ...deliveries.map((name) => ({ name, store: fluxStore, sender: fluxSender })),
    ];
    await runLimited(work, parallelism, (w) =>
      reconcileOne(w.store, ctx, w.name, w.sender).catch((error: Error) =>
        options.log.warn("Sandbox cluster: reconcile failed", {
          [w.store === fluxStore ? "kustomization" : "application"]: w.name,
          error: error.message,
        }),
      ),
    );
    await collectGarbage(store, new Set(names));
    await collectGarbage(fluxStore, new Set(deliveries));
  }

  function schedule(delay: number) {
    timer = setTimeout(() => {
      running = tick()
        .catch((error: Error) => options.log.warn("Sandbox cluster: tick failed", { error: error.message }))
        .finally(() => {
          running = null;
          if (!stopped) schedule(tickMs);
        });
    }, delay);
  }

  options.log.info("Sandbox cluster simulator started", {
    root,
    gitRoot: options.gitRoot,
    tickMs,
    ...timings,
    webhook: options.webhook?.url ?? null,
    fluxWebhook: options.fluxWebhook?.url ?? null,
  });
  schedule(0);

  async function shutDown(): Promise<void> {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
    await Promise.all([sender?.close(), fluxSender?.close()]);
    await lease.release();
    await fs.rm(workDir, { recursive: true, force: true });
    options.log.info("Sandbox cluster simulator stopped", { root });
  }

  let stopping: Promise<void> | null = null;
  return {
    // Every caller waits for the same shutdown.
    stop: () => (stopping ??= shutDown()),
  };
}

async function reconcileOne(
  store: StateStore,
  ctx: ReconcileContext,
  name: string,
  sender: WebhookSender | null,
): Promise<void> {
  const app = await store.readApplication(name);
  if (!app) return;
  const [status, request] = await Promise.all([store.readStatus(name), store.readRequest(name)]);
  const result = await reconcileApplication(ctx, app, currentStatus(app, status), request);
  if (!result) return;
  // Deleted or recreated while we were rendering: this status belongs to nobody.
  if ((await store.readApplication(name))?.uid !== app.uid) return;
  await store.writeStatus(name, result.next);
  for (const payload of result.notifications) sender?.send(name, payload);
}

/** Status files of deleted Applications (a delete can race a tick's write) are removed. */
async function collectGarbage(store: StateStore, live: Set<string>): Promise<void> {
  for (const name of await store.listStatusNames()) {
    if (!live.has(name) && !(await store.readApplication(name))) await store.removeStatus(name);
  }
}

async function runLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
