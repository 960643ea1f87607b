import type { AppHealth } from "@/lib/cluster/cluster-port";
import type { DesiredWorkload } from "./render-source";
import type { SimContainer, SimWorkload } from "./state-types";

// The fake cluster's Deployment controller, as pure functions of the clock: a rollout's readiness
// is derived from when it started, so any simulator process can pick it up from the state files.

export type RolloutTimings = { rolloutStepMs: number; degradeAfterMs: number };

const sameWorkload = (
  a: { kind: string; name: string; namespace: string },
  b: { kind: string; name: string; namespace: string },
) => a.kind === b.kind && a.name === b.name && a.namespace === b.namespace;

/** Fault injection: an image whose tag contains `-broken` never pulls. */
export function findBrokenContainer(containers: SimContainer[]): SimContainer | null {
  return containers.find((c) => (getImageTag(c.image) ?? "").includes("-broken")) ?? null;
}

/** The tag of an image reference (null without one); a registry port is not a tag. */
export function getImageTag(image: string): string | null {
  const withoutDigest = image.split("@")[0] ?? "";
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf("/") + 1);
  const colon = lastSegment.lastIndexOf(":");
  return colon < 0 ? null : lastSegment.slice(colon + 1);
}

/**
 * Applies the desired workloads over the live ones. A changed pod template replaces every pod
 * (readiness starts over); an unchanged one only scales, so running pods stay ready. Workloads no
 * longer rendered are pruned.
 */
export function applyWorkloads(live: SimWorkload[], desired: DesiredWorkload[], now: number): SimWorkload[] {
  const startedAt = new Date(now).toISOString();
  return desired.map((d): SimWorkload => {
    if (d.kind === "CronJob")
      return { ...d, readyReplicas: 0, updatedReplicas: 0, rollout: null, degradedMessage: null };
    const prev = live.find((w) => sameWorkload(w, d));
    if (prev && prev.templateHash === d.templateHash) {
      const ready = Math.min(prev.readyReplicas, d.replicas);
      const rollout = ready >= d.replicas ? null : (prev.rollout ?? { startedAt, startReady: ready });
      return { ...d, readyReplicas: ready, updatedReplicas: ready, rollout, degradedMessage: prev.degradedMessage };
    }
    return {
      ...d,
      readyReplicas: 0,
      updatedReplicas: 0,
      rollout: d.replicas > 0 ? { startedAt, startReady: 0 } : null,
      degradedMessage: null,
    };
  });
}

export function formatPullFailure(workload: string, container: SimContainer): string {
  return `Deployment ${workload}: container ${container.name} image ${container.image}: ImagePullBackOff (back-off pulling image)`;
}

/** One more pod ready per rolloutStepMs; a broken image stays unready and turns Degraded after degradeAfterMs. */
export function advanceWorkload(w: SimWorkload, now: number, timings: RolloutTimings): SimWorkload {
  if (w.kind !== "Deployment" || !w.rollout) return w;
  const elapsed = Math.max(0, now - Date.parse(w.rollout.startedAt));
  const broken = findBrokenContainer(w.containers);
  if (broken) {
    if (w.degradedMessage || elapsed < timings.degradeAfterMs) return w;
    return { ...w, degradedMessage: formatPullFailure(w.name, broken) };
  }
  const ready = Math.min(w.replicas, w.rollout.startReady + Math.floor(elapsed / timings.rolloutStepMs));
  if (ready === w.readyReplicas && ready < w.replicas) return w;
  return { ...w, readyReplicas: ready, updatedReplicas: ready, rollout: ready >= w.replicas ? null : w.rollout };
}

/** ArgoCD's aggregation: the worst resource wins; resources without a health check count as Healthy. */
export function summarizeHealth(workloads: SimWorkload[]): { health: AppHealth; message: string | null } {
  const degraded = workloads.find((w) => w.degradedMessage);
  if (degraded) return { health: "Degraded", message: degraded.degradedMessage };
  const progressing = workloads.find((w) => w.kind === "Deployment" && w.rollout);
  if (progressing) {
    return {
      health: "Progressing",
      message: `Waiting for rollout to finish: ${progressing.readyReplicas} of ${progressing.replicas} updated replicas are available...`,
    };
  }
  return { health: "Healthy", message: null };
}

export function sumReplicas(workloads: SimWorkload[]): { replicas: number; ready: number } | null {
  const deployments = workloads.filter((w) => w.kind === "Deployment");
  if (deployments.length === 0) return null;
  return {
    replicas: deployments.reduce((n, w) => n + w.replicas, 0),
    ready: deployments.reduce((n, w) => n + w.readyReplicas, 0),
  };
}

/** The images an Application runs, Deployments first, like status.summary.images. */
export function listImages(workloads: SimWorkload[]): string[] {
  const ordered = [
    ...workloads.filter((w) => w.kind === "Deployment"),
    ...workloads.filter((w) => w.kind !== "Deployment"),
  ];
  return [...new Set(ordered.flatMap((w) => w.containers.map((c) => c.image)))];
}
