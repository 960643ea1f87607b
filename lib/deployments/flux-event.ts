import { z } from "zod";
import { argocdEventSchema, type ArgocdEvent } from "./argocd-event";

// What Flux's notification-controller POSTs to a generic / generic-hmac Provider: the event of a
// Flux object (github.com/fluxcd/pkg/apis/event v1beta1 Event). Annotations of the Kustomization
// prefixed `event.toolkit.fluxcd.io/` arrive in `metadata` without the prefix: Slipway's
// Kustomizations carry `entity` (deployment/<svc>-<env>) and, on multi-cluster ones, `cluster`.

export const fluxEventSchema = z.object({
  involvedObject: z.object({
    kind: z.string().min(1),
    name: z.string().min(1),
    namespace: z.string().optional(),
    apiVersion: z.string().optional(),
    uid: z.string().optional(),
  }),
  severity: z.enum(["trace", "info", "error"]),
  timestamp: z.iso.datetime({ offset: true }),
  message: z.string().max(39_000),
  reason: z.string().min(1),
  metadata: z.record(z.string(), z.string()).optional(),
  reportingController: z.string().min(1),
  reportingInstance: z.string().optional(),
});

export type FluxEvent = z.infer<typeof fluxEventSchema>;

// Reasons Flux controllers use (github.com/fluxcd/pkg/apis/meta), by what they mean for health.
const progressing = new Set(["Progressing", "ProgressingWithRetry", "DependencyNotReady", "ArtifactInStorage"]);

/** `main@sha1:<sha>` (Flux's revision format) → `<sha>`; older plain `main/<sha>` too. */
export function parseFluxRevision(revision: string | undefined): string | undefined {
  if (!revision) return undefined;
  const m = /(?:sha1|sha256):([0-9a-f]+)$/.exec(revision) ?? /\/([0-9a-f]{7,64})$/.exec(revision);
  return m?.[1] ?? revision;
}

/**
 * The deployment status a Kustomization event says, in the ArgoCD webhook's terms, so both engines
 * share one path (dedupe, staleness per sender, per-cluster aggregation). null: not a status event
 * for a deployment (another kind, or a trace event).
 */
export function toStatusEvent(e: FluxEvent): ArgocdEvent | null {
  if (e.involvedObject.kind !== "Kustomization" || e.severity === "trace") return null;
  const meta = e.metadata ?? {};
  const revision = parseFluxRevision(meta.revision ?? meta.commit ?? meta.originRevision);
  const at = e.timestamp;
  const base = {
    entity: meta.entity ?? e.involvedObject.name,
    app: e.involvedObject.name,
    cluster: meta.cluster,
    observedAt: at,
  };
  const properties =
    e.severity === "error"
      ? { status: "Degraded", health_message: e.message.slice(0, 4000), degraded_at: at, revision }
      : progressing.has(e.reason)
        ? { status: "Progressing", revision }
        : { status: "Healthy", sync_status: "Synced", revision, last_sync: at, deployed_at: at };
  const event = e.severity === "error" ? "health-degraded" : progressing.has(e.reason) ? "status" : "deployed";
  return argocdEventSchema.parse({ ...base, event, properties });
}
