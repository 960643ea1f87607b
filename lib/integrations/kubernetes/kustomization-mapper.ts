import { z } from "zod";
import type { AppHealth, AppStatus, AppSync } from "@/lib/cluster/cluster-port";

// Flux's Kustomization as far as Slipway reads it, mapped onto the Application's terms. Every field
// is optional: a newer Flux must not break the mirror. With `wait: true` (Slipway's deliveries set
// it) Ready already includes the workloads' readiness (kstatus health checks).

const conditionSchema = z
  .object({
    type: z.string(),
    status: z.string(),
    reason: z.string().optional(),
    message: z.string().optional(),
    lastTransitionTime: z.string().optional(),
  })
  .partial();

const kustomizationSchema = z.object({
  metadata: z.object({
    name: z.string(),
    namespace: z.string().optional(),
    resourceVersion: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string().nullable()).optional(),
  }),
  spec: z.object({ suspend: z.boolean().optional() }).partial().optional(),
  status: z
    .object({
      conditions: z.array(conditionSchema),
      lastAppliedRevision: z.string(),
      lastAttemptedRevision: z.string(),
    })
    .partial()
    .optional(),
});

/** `main@sha1:<sha>` (Flux ≥ 2.0) or `main/<sha>` (older) → `<sha>`. */
export function toCommit(revision: string | undefined): string | null {
  if (!revision) return null;
  const m = /(?:sha1|sha256):([0-9a-f]+)$/.exec(revision) ?? /\/([0-9a-f]{7,64})$/.exec(revision);
  return m?.[1] ?? revision;
}

type Condition = z.infer<typeof conditionSchema>;

function toHealth(conditions: Condition[], suspended: boolean): { health: AppHealth; message: string | null } {
  const find = (type: string) => conditions.find((c) => c.type === type);
  const ready = find("Ready");
  const stalled = find("Stalled");
  if (stalled?.status === "True") return { health: "Degraded", message: stalled.message ?? stalled.reason ?? null };
  if (ready?.status === "False") return { health: "Degraded", message: ready.message ?? ready.reason ?? null };
  if (suspended) return { health: "Suspended", message: "Kustomization is suspended" };
  if (find("Reconciling")?.status === "True" || ready?.status === "Unknown")
    return { health: "Progressing", message: ready?.message ?? null };
  if (ready?.status === "True") return { health: "Healthy", message: null };
  return { health: "Unknown", message: null };
}

function latest(times: (string | undefined)[]): string | null {
  const known = times.filter((t): t is string => Boolean(t) && !Number.isNaN(Date.parse(t!)));
  return known.length ? known.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)) : null;
}

/** Maps a Kustomization (custom object JSON) to the domain; throws when it has no name. */
export function toDeliveryStatus(object: unknown, fallbackNamespace = "flux-system"): AppStatus {
  const k = kustomizationSchema.parse(object);
  const status = k.status ?? {};
  const conditions = status.conditions ?? [];
  const { health, message } = toHealth(conditions, k.spec?.suspend === true);
  const ready = conditions.find((c) => c.type === "Ready");
  const applied = status.lastAppliedRevision;
  const attempted = status.lastAttemptedRevision;
  const sync: AppSync =
    ready?.status === "True" ? "Synced" : attempted && applied && attempted !== applied ? "OutOfSync" : "Unknown";
  return {
    name: k.metadata.name,
    namespace: k.metadata.namespace ?? fallbackNamespace,
    health,
    healthMessage: message,
    sync,
    // A failed attempt is a verdict on the attempted revision (as ArgoCD's sync.revision is the one
    // it compared against): a run waiting for that commit fails instead of waiting out its timeout
    // for a lastAppliedRevision that never comes.
    revision: toCommit(health === "Degraded" ? (attempted ?? applied) : applied),
    operationPhase: null,
    // The latest condition change is when kustomize-controller last reached a verdict.
    reconciledAt: latest(conditions.map((c) => c.lastTransitionTime)),
    resourceVersion: k.metadata.resourceVersion ?? "",
    labels: k.metadata.labels ?? {},
    annotations: Object.fromEntries(
      Object.entries(k.metadata.annotations ?? {}).filter((e): e is [string, string] => e[1] !== null),
    ),
    entity: k.metadata.annotations?.["slipway.io/entity"] || null,
  };
}
