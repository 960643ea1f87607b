import type { z } from "zod";
import type { fluxEventSchema } from "@/lib/deployments/flux-event";
import type { NotificationKind } from "./notifications";
import type { SimStatus, StoredApplication } from "./state-types";

// Flux's notification-controller forwarding kustomize-controller's events to a generic-hmac
// Provider: the event of the Kustomization, its `event.toolkit.fluxcd.io/` annotations as metadata
// and the revision as Flux writes it (`<branch>@sha1:<sha>`).

export type FluxNotificationPayload = z.input<typeof fluxEventSchema>;

type Said = { severity: "info" | "error"; reason: string; message: string };

/** What kustomize-controller says for each of the simulator's transitions; null: it says nothing. */
function describe(kind: NotificationKind, s: SimStatus): Said | null {
  switch (kind) {
    case "sync-succeeded":
      // Applied; with `wait: true` Ready follows once the workloads are.
      return s.health === "Healthy"
        ? null
        : { severity: "info", reason: "Progressing", message: "Applied revision, waiting for health checks" };
    case "sync-failed":
      return { severity: "error", reason: "BuildFailed", message: s.operation?.message ?? "kustomize build failed" };
    case "health-degraded":
      return {
        severity: "error",
        reason: "HealthCheckFailed",
        message: `Health check failed: ${s.healthMessage ?? "workloads are not ready"}`,
      };
    case "deployed":
      return {
        severity: "info",
        reason: "ReconciliationSucceeded",
        message: "Reconciliation finished, health checks passed",
      };
    case "status":
      if (s.health === "Healthy")
        return { severity: "info", reason: "ReconciliationSucceeded", message: "Reconciliation finished" };
      if (s.health === "Degraded")
        return {
          severity: "error",
          reason: "HealthCheckFailed",
          message: `Health check failed: ${s.healthMessage ?? ""}`,
        };
      if (s.health === "Progressing")
        return { severity: "info", reason: "Progressing", message: "Waiting for workloads to become ready" };
      return null;
  }
}

export function buildFluxNotification(
  kind: NotificationKind,
  app: StoredApplication,
  s: SimStatus,
  at: string,
): FluxNotificationPayload | null {
  if (!app.entity) return null;
  const said = describe(kind, s);
  if (!said) return null;
  const revision = s.revision ? `${app.source.targetRevision}@sha1:${s.revision}` : undefined;
  return {
    involvedObject: {
      kind: "Kustomization",
      namespace: app.namespace,
      name: app.name,
      uid: app.uid,
      apiVersion: "kustomize.toolkit.fluxcd.io/v1",
    },
    severity: said.severity,
    timestamp: at,
    message: said.message,
    reason: said.reason,
    metadata: { ...app.flux?.eventMetadata, ...(revision ? { revision } : {}) },
    reportingController: "kustomize-controller",
    reportingInstance: "kustomize-controller-sandbox",
  };
}
