import { describe, expect, it } from "vitest";
import { parseFluxRevision, toStatusEvent, type FluxEvent } from "./flux-event";

const event = (over: Partial<FluxEvent>): FluxEvent => ({
  involvedObject: { kind: "Kustomization", name: "cart-prod" },
  severity: "info",
  timestamp: "2026-11-30T10:00:00Z",
  message: "Reconciliation finished",
  reason: "ReconciliationSucceeded",
  metadata: { revision: "production@sha1:49e2c9ca" },
  reportingController: "kustomize-controller",
  ...over,
});

describe("Flux events as deployment status", () => {
  it("reads Flux's revision formats", () => {
    expect(parseFluxRevision("production@sha1:49e2c9ca")).toBe("49e2c9ca");
    expect(parseFluxRevision("main/49e2c9ca2c8e")).toBe("49e2c9ca2c8e");
    expect(parseFluxRevision(undefined)).toBeUndefined();
  });

  it("maps success, progress and errors, and names the entity and cluster from the metadata", () => {
    expect(toStatusEvent(event({}))?.properties).toMatchObject({ status: "Healthy", sync_status: "Synced" });
    expect(toStatusEvent(event({ reason: "DependencyNotReady" }))?.properties.status).toBe("Progressing");
    const failed = toStatusEvent(
      event({ severity: "error", reason: "BuildFailed", message: "kustomize build failed" }),
    );
    expect(failed?.properties).toMatchObject({ status: "Degraded", health_message: "kustomize build failed" });
    const clustered = toStatusEvent(
      event({
        involvedObject: { kind: "Kustomization", name: "cart-prod-eu-1" },
        metadata: { entity: "deployment/cart-prod", cluster: "eu-1" },
      }),
    );
    expect(clustered).toMatchObject({ entity: "deployment/cart-prod", app: "cart-prod-eu-1", cluster: "eu-1" });
  });

  it("leaves other kinds and trace events alone", () => {
    expect(toStatusEvent(event({ involvedObject: { kind: "GitRepository", name: "gitops" } }))).toBeNull();
    expect(toStatusEvent(event({ severity: "trace" }))).toBeNull();
  });
});
