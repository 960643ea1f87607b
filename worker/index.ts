// The worker process: executes runs from the pg-boss queue, resumes runs whose worker died, and
// expires approval requests. Several workers (or replicas) may run side by side.
import os from "node:os";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { syncActionRegistry } from "@/lib/runs/action-mirror";
import { closeAbandonedPullRequests } from "@/lib/runs/approval-pull-request";
import { expireApprovals } from "@/lib/runs/approvals";
import { startStatusMirror } from "@/lib/deployments/status-mirror";
import { startExpiryJob } from "@/lib/dev-environments/expiry-job";
import { startBackstageSyncJob } from "@/lib/imports/backstage-sync-job";
import { argocdWebhookSecret, fluxWebhookSecret } from "@/lib/deployments/webhook-secret";
import { startSimulator } from "@/lib/integrations/sandbox-cluster";
import { executeRun, findRunsToRecover } from "@/lib/runs/execute-run";
import { enqueueRun, getBoss, RUN_QUEUE, stopBoss } from "@/lib/runs/queue";
import { drainRuns } from "@/lib/runs/worker-drain";
import { serveMetrics } from "@/lib/metrics/metrics-server";
import {
  clusterPort,
  forgejoPort,
  portalUrl,
  runPorts,
  sandboxClusterPaths,
  simulatorRemote,
  wire,
} from "@/lib/wiring";
import { resolveFirstCommits } from "@/lib/dashboards/commit-times";

const SWEEP_MS = 5000;
// `process.send` stays defined after the channel closes (even before this module runs), `channel` does not.
const supervised = typeof process.send === "function";
const workerId = `${os.hostname()}:${process.pid}`;

wire();
await syncActionRegistry();
const boss = await getBoss({ supervise: true });
const concurrency = getEnv().SLIPWAY_WORKER_CONCURRENCY;
let executing = 0;
for (let i = 0; i < concurrency; i++) {
  await boss.work<{ runId: string }>(RUN_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    executing++;
    try {
      await executeRun(job.data.runId, workerId);
    } finally {
      executing--;
    }
  });
}

// Dev environments whose time to live runs out: owners told ahead, then removed.
await startExpiryJob(boss, () => runPorts("slipway (dev environment expiry)"), portalUrl());

// Backstage descriptors in the configured organisations: a full sync every period (pushes re-import at once).
const importOrgs = getEnv().SLIPWAY_IMPORT_FORGEJO_ORGS ?? [];
const backstageSync =
  importOrgs.length > 0
    ? await startBackstageSyncJob(boss, forgejoPort, importOrgs, getEnv().SLIPWAY_IMPORT_SYNC_SECONDS)
    : null;

async function sweep(): Promise<void> {
  try {
    await expireApprovals();
    await closeAbandonedPullRequests();
    for (const runId of await findRunsToRecover()) await enqueueRun(runId);
    // Lead time's start: first commits of newly deployed versions, read from the app repositories.
    await resolveFirstCommits(forgejoPort());
  } catch (err) {
    logger.warn("sweep failed", { error: err instanceof Error ? err.message : String(err) });
  }
}
const sweeper = setInterval(() => void sweep(), SWEEP_MS);

// No cluster configured (sandbox, or a Forgejo without Kubernetes yet): this process also plays
// ArgoCD and Flux, rolling out what the GitOps repo says and reporting to the portal's webhooks like
// argocd-notifications and Flux's notification-controller would.
const env = getEnv();
const connectedCluster = Boolean(env.SLIPWAY_KUBECONFIG || env.SLIPWAY_KUBE_IN_CLUSTER);
const internalUrl = (env.SLIPWAY_INTERNAL_URL ?? `http://127.0.0.1:${env.PORT}`).replace(/\/$/, "");
const fluxSecret = fluxWebhookSecret();
const simulator = connectedCluster
  ? null
  : startSimulator({
      ...sandboxClusterPaths(),
      remote: simulatorRemote(),
      webhook: { url: `${internalUrl}/api/webhooks/argocd`, secret: argocdWebhookSecret()! },
      // Flux deliveries notify like notification-controller with a generic-hmac Provider.
      fluxWebhook: fluxSecret ? { url: `${internalUrl}/api/webhooks/flux`, secret: fluxSecret } : null,
      log: logger,
    });
// Connected mode: notifications push status; the watch fills whatever they miss.
const statusMirror = connectedCluster ? startStatusMirror(clusterPort()) : null;
void sweep();
logger.info("worker ready", { worker: workerId, concurrency });

const metricsServer = env.SLIPWAY_WORKER_METRICS_PORT ? serveMetrics(env.SLIPWAY_WORKER_METRICS_PORT) : null;

// SIGTERM (a rollout, a scale-down): take no new run, let steps in progress finish, hand every run
// back to the other workers at its next step, then exit. Ctrl-C under `npm start` sends SIGINT and the
// launcher SIGTERM: the second signal changes nothing.
let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info("worker stopping: handing its runs back", { worker: workerId, executing });
  clearInterval(sweeper);
  backstageSync?.stop();
  // drainRuns marks the process as draining before its first await: no step starts from here on.
  const drained = drainRuns(() => executing, env.SLIPWAY_WORKER_DRAIN_SECONDS * 1000);
  await boss.offWork(RUN_QUEUE).catch(() => {});
  await drained.catch((err: unknown) =>
    logger.error("drain failed", { error: err instanceof Error ? err.message : String(err) }),
  );
  metricsServer?.close();
  await simulator?.stop();
  await statusMirror?.stop();
  await stopBoss();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
// Started over an IPC channel (the test harness does): a supervisor that dies without stopping this
// worker closes the channel, and an orphan would go on taking runs from whoever uses its database.
if (supervised) {
  if (process.connected) process.on("disconnect", () => void stop());
  else void stop();
}
