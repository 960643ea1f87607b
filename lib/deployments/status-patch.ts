import type { ArgocdEvent } from "./argocd-event";
import { aggregateClusters, clusterOf, mergeClusterState } from "./cluster-aggregate";

export type ApplyOutcome = "applied" | "unchanged" | "duplicate" | "stale";

/** One status delivery, checked and keyed: `key` (a hash of the event) recognises the same event again. */
export type Delivery = { identifier: string; event: ArgocdEvent; key: string; at: Date; source: string };

/** One line for the timeline: what moved, in the words people use for ArgoCD states. */
export function describeStatusChange(before: Record<string, unknown>, patch: Record<string, unknown>): string {
  const parts: string[] = [];
  if (patch.status !== undefined)
    parts.push(
      `Health ${String(before.status ?? "Unknown")} → ${String(patch.status)}${patch.health_message ? `: ${String(patch.health_message)}` : ""}`,
    );
  if (patch.sync_status !== undefined)
    parts.push(`Sync ${String(before.sync_status ?? "Unknown")} → ${String(patch.sync_status)}`);
  if (patch.revision !== undefined) parts.push(`revision ${String(patch.revision).slice(0, 8)}`);
  if (patch.version !== undefined) parts.push(`version ${String(patch.version)}`);
  if (patch.ready_replicas !== undefined || patch.replicas !== undefined)
    parts.push(
      `${String(patch.ready_replicas ?? before.ready_replicas ?? "?")}/${String(patch.replicas ?? before.replicas ?? "?")} ready`,
    );
  return parts.join(", ") || `Updated ${Object.keys(patch).join(", ")}`;
}

/** Only the fields that differ from the deployment's current properties (null removes one). */
export function statusPatch(current: Record<string, unknown>, event: ArgocdEvent): Record<string, unknown> {
  const cluster = clusterOf(event);
  return cluster ? clusterStatusPatch(current, cluster, event) : singleStatusPatch(current, event);
}

/** One cluster of several reported: its entry changes, and the deployment's aggregate with it. */
function clusterStatusPatch(
  current: Record<string, unknown>,
  cluster: string,
  event: ArgocdEvent,
): Record<string, unknown> {
  const clusters = mergeClusterState(current, cluster, event);
  const aggregate = aggregateClusters(clusters);
  const p = event.properties;
  // Event times pass through: they say when this deployment last synced, degraded or deployed anywhere.
  const times = { last_sync: p.last_sync, degraded_at: p.degraded_at, deployed_at: p.deployed_at };
  const patch: Record<string, unknown> = Object.fromEntries(
    Object.entries({ ...aggregate, ...times }).filter(([k, v]) => v !== undefined && current[k] !== v),
  );
  if (aggregate.health_message === undefined && current.health_message) patch.health_message = null;
  if (JSON.stringify(clusters) !== JSON.stringify(current.clusters)) patch.clusters = clusters;
  return patch;
}

function singleStatusPatch(current: Record<string, unknown>, event: ArgocdEvent): Record<string, unknown> {
  const patch: Record<string, unknown> = Object.fromEntries(
    Object.entries(event.properties).filter(([k, v]) => v !== undefined && current[k] !== v),
  );
  // A health message belongs to the state it explains: leaving Degraded clears it.
  if (
    patch.status &&
    patch.status !== "Degraded" &&
    current.health_message &&
    event.properties.health_message === undefined
  )
    patch.health_message = null;
  return patch;
}

/** What the timeline keeps of an applied status event. */
export function statusActivity(d: Delivery, current: Record<string, unknown>, patch: Record<string, unknown>) {
  return {
    kind: "status",
    message: describeStatusChange(current, patch),
    data: { event: d.event.event ?? null, observedAt: d.at.toISOString(), ...patch },
  };
}
