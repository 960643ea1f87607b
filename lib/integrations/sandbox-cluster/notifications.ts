import type { z } from "zod";
import type { argocdEventSchema } from "@/lib/deployments/argocd-event";
import { getImageTag, listImages, sumReplicas } from "./rollout";
import type { SimStatus, StoredApplication } from "./state-types";

// ArgoCD notifications as Slipway's argocd-notifications-cm would render them
// (deploy/argocd/notifications-cm.yaml), plus the `status` event the sandbox sends while progressing.

export type NotificationKind = "sync-succeeded" | "sync-failed" | "health-degraded" | "deployed" | "status";
export type NotificationPayload = z.input<typeof argocdEventSchema>;

const liveKey = (s: SimStatus) => JSON.stringify([s.health, s.sync, s.revision, sumReplicas(s.workloads)]);

/**
 * Which notifications a status change sends, mirroring the triggers: on-sync-succeeded/-failed fire
 * when an operation finishes, on-health-degraded when health becomes Degraded, on-deployed once per
 * revision when Synced, Healthy and the last operation Succeeded. Any other visible change (health,
 * sync, revision, replicas) goes out as `status`.
 */
export function decideNotifications(
  prev: SimStatus,
  next: SimStatus,
  operationEvent: "sync-succeeded" | "sync-failed" | null,
): NotificationKind[] {
  const kinds: NotificationKind[] = operationEvent ? [operationEvent] : [];
  if (next.health === "Degraded" && prev.health !== "Degraded") kinds.push("health-degraded");
  const deployed =
    next.sync === "Synced" &&
    next.health === "Healthy" &&
    next.operation?.phase === "Succeeded" &&
    next.revision !== null &&
    next.revision !== prev.lastDeployedRevision;
  if (deployed) kinds.push("deployed");
  else if (!kinds.includes("health-degraded") && liveKey(prev) !== liveKey(next)) kinds.push("status");
  return kinds;
}

export function buildNotification(
  kind: NotificationKind,
  app: StoredApplication,
  s: SimStatus,
  at: string,
): NotificationPayload | null {
  if (!app.entity) return null;
  const version = getImageTag(listImages(s.workloads)[0] ?? "") ?? undefined;
  const counts = sumReplicas(s.workloads);
  const replicas = counts ? { replicas: counts.replicas, ready_replicas: counts.ready } : {};
  const revision = s.revision ?? undefined;
  const base = { event: kind, entity: app.entity, blueprint: "deployment" as const, app: app.name, observedAt: at };
  switch (kind) {
    case "sync-succeeded":
      return { ...base, properties: { sync_status: s.sync, status: s.health, revision, last_sync: at, version } };
    case "sync-failed":
      return {
        ...base,
        properties: { sync_status: "OutOfSync", health_message: s.operation?.message ?? undefined, last_sync: at },
      };
    case "health-degraded":
      return {
        ...base,
        properties: { status: "Degraded", health_message: s.healthMessage ?? undefined, degraded_at: at },
      };
    case "deployed":
      return {
        ...base,
        properties: { status: "Healthy", sync_status: "Synced", revision, deployed_at: at, version, ...replicas },
      };
    case "status":
      return { ...base, properties: { status: s.health, sync_status: s.sync, revision, ...replicas } };
  }
}

/** Strictly after the previous notification, so the webhook's "older never overwrites newer" keeps their order. */
export function nextEventTime(lastEventAt: string | null, now: number): string {
  const last = lastEventAt ? Date.parse(lastEventAt) : 0;
  return new Date(Math.max(now, last + 1)).toISOString();
}
