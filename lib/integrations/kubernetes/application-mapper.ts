import { z } from "zod";
import type { AppHealth, AppStatus, AppSync } from "@/lib/cluster/cluster-port";

// ArgoCD's Application as far as Slipway reads it. Every field is optional and unknown values fall
// back to Unknown: a newer ArgoCD must not break the mirror.

const healthValues = ["Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown"] as const;
const syncValues = ["Synced", "OutOfSync", "Unknown"] as const;

const health = z.object({ status: z.string().optional(), message: z.string().optional() }).partial();

const applicationSchema = z.object({
  metadata: z.object({
    name: z.string(),
    namespace: z.string().optional(),
    resourceVersion: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string().nullable()).optional(),
  }),
  status: z
    .object({
      health: health.optional(),
      sync: z
        .object({
          status: z.string().optional(),
          revision: z.string().optional(),
          revisions: z.array(z.string()).optional(),
        })
        .partial()
        .optional(),
      operationState: z.object({ phase: z.string().optional(), message: z.string().optional() }).partial().optional(),
      reconciledAt: z.string().optional(),
      resources: z
        .array(
          z.object({ kind: z.string().optional(), name: z.string().optional(), health: health.optional() }).partial(),
        )
        .optional(),
    })
    .partial()
    .optional(),
});

export type ApplicationObject = z.infer<typeof applicationSchema>;

const pick = <T extends string>(values: readonly T[], value: string | undefined, fallback: T): T =>
  values.find((v) => v === value) ?? fallback;

/** Maps an Application (custom object JSON) to the domain; throws when it has no name. */
export function toAppStatus(object: unknown, fallbackNamespace = "argocd"): AppStatus {
  const app = applicationSchema.parse(object);
  const status = app.status ?? {};
  const healthStatus: AppHealth = pick(healthValues, status.health?.status, "Unknown");
  const sync: AppSync = pick(syncValues, status.sync?.status, "Unknown");
  return {
    name: app.metadata.name,
    namespace: app.metadata.namespace ?? fallbackNamespace,
    health: healthStatus,
    healthMessage: findHealthMessage(app, healthStatus),
    sync,
    revision: status.sync?.revision ?? status.sync?.revisions?.[0] ?? null,
    operationPhase: status.operationState?.phase ?? null,
    reconciledAt: status.reconciledAt ?? null,
    resourceVersion: app.metadata.resourceVersion ?? "",
    labels: app.metadata.labels ?? {},
    annotations: Object.fromEntries(
      Object.entries(app.metadata.annotations ?? {}).filter((e): e is [string, string] => e[1] !== null),
    ),
    entity: app.metadata.annotations?.["slipway.io/entity"] || null,
  };
}

/**
 * ArgoCD 3 no longer sets status.health.message on the Application itself, so when it is missing
 * the first resource in the same state as the app explains it (e.g. the Deployment that is not ready).
 */
function findHealthMessage(app: ApplicationObject, appHealth: AppHealth): string | null {
  const own = app.status?.health?.message;
  if (own) return own;
  if (appHealth === "Healthy") return null;
  const culprit = app.status?.resources?.find((r) => r.health?.status === appHealth && r.health.message);
  return culprit ? `${culprit.kind ?? "Resource"}/${culprit.name ?? "?"}: ${culprit.health?.message}` : null;
}
