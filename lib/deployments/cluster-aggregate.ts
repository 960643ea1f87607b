import { entityIdentifier, type ArgocdEvent } from "./argocd-event";

// A deployment to a multi-cluster environment is one entity fed by one Application per cluster
// (`<svc>-<env>-<cluster>`). Each cluster's state is kept under `clusters.<name>`; the entity's own
// status, sync and version are their aggregate, so lists and dashboards need no cluster awareness.

export type ClusterState = {
  status?: string;
  sync_status?: string;
  version?: string;
  revision?: string;
  health_message?: string;
  replicas?: number;
  ready_replicas?: number;
};

// Worst last. Degraded outranks Unknown and Missing (ArgoCD ranks Unknown worst): a cluster known to
// be failing is what people must see first, while one that has not reported yet is only pending.
const healthRank = ["Healthy", "Suspended", "Progressing", "Unknown", "Missing", "Degraded"];
const syncRank = ["Synced", "Unknown", "OutOfSync"];

const worst = (values: (string | undefined)[], rank: string[]) =>
  values
    .filter((v): v is string => v !== undefined)
    .reduce<string | undefined>((w, v) => (w === undefined || rank.indexOf(v) > rank.indexOf(w) ? v : w), undefined);

/**
 * The cluster an event reports on: explicit `cluster`, or the suffix of an Application named
 * `<deployment>-<cluster>`. null for a deployment's single Application (named like the deployment).
 */
export function clusterOf(event: ArgocdEvent): string | null {
  if (event.cluster) return event.cluster;
  const identifier = entityIdentifier(event.entity);
  if (event.app && event.app.startsWith(`${identifier}-`)) return event.app.slice(identifier.length + 1);
  return null;
}

/** `current.clusters` with the event's state merged into its cluster's entry. */
export function mergeClusterState(
  current: Record<string, unknown>,
  cluster: string,
  event: ArgocdEvent,
): Record<string, ClusterState> {
  const clusters = { ...((current.clusters ?? {}) as Record<string, ClusterState>) };
  const p = event.properties;
  const entry: ClusterState = { ...clusters[cluster] };
  for (const key of ["status", "sync_status", "version", "revision", "health_message"] as const)
    if (p[key] !== undefined) entry[key] = p[key];
  if (p.replicas !== undefined) entry.replicas = p.replicas;
  if (p.ready_replicas !== undefined) entry.ready_replicas = p.ready_replicas;
  // A health message belongs to the state it explains: leaving Degraded clears it.
  if (p.status !== undefined && p.status !== "Degraded" && p.health_message === undefined) delete entry.health_message;
  clusters[cluster] = entry;
  return clusters;
}

/**
 * The deployment's own properties from its clusters: worst health and sync win; version and
 * revision only when every cluster agrees (mid-rollout the entity keeps the last common one);
 * replicas summed; the health message names each degraded cluster.
 */
export function aggregateClusters(clusters: Record<string, ClusterState>): Record<string, unknown> {
  const entries = Object.entries(clusters).sort(([a], [b]) => a.localeCompare(b));
  const states = entries.map(([, s]) => s);
  const common = (key: "version" | "revision") => {
    const values = new Set(states.map((s) => s[key]));
    const [only] = values;
    return values.size === 1 && only !== undefined ? only : undefined;
  };
  const sum = (key: "replicas" | "ready_replicas") =>
    states.some((s) => s[key] !== undefined) ? states.reduce((n, s) => n + (s[key] ?? 0), 0) : undefined;
  const messages = entries
    .filter(([, s]) => s.status === "Degraded")
    .map(([name, s]) => `${name}: ${s.health_message ?? "Degraded"}`);
  const out: Record<string, unknown> = {
    status: worst(
      states.map((s) => s.status),
      healthRank,
    ),
    sync_status: worst(
      states.map((s) => s.sync_status),
      syncRank,
    ),
    version: common("version"),
    revision: common("revision"),
    replicas: sum("replicas"),
    ready_replicas: sum("ready_replicas"),
    health_message: messages.length > 0 ? messages.join("; ") : undefined,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}
