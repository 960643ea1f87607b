import { describe, expect, it } from "vitest";
import { toDeliveryStatus } from "./kustomization-mapper";

const good = "1111111111111111111111111111111111111111";
const broken = "2222222222222222222222222222222222222222";
const kustomization = (ready: { status: string; reason: string; message?: string }, attempted: string) => ({
  metadata: {
    name: "ledger-prod",
    namespace: "flux-system",
    annotations: { "slipway.io/entity": "deployment/ledger-prod" },
  },
  status: {
    conditions: [{ type: "Ready", ...ready }],
    lastAppliedRevision: `production@sha1:${good}`,
    lastAttemptedRevision: `production@sha1:${attempted}`,
  },
});

describe("toDeliveryStatus", () => {
  it("reports a Ready Kustomization Healthy and Synced at the commit it applied", () => {
    expect(toDeliveryStatus(kustomization({ status: "True", reason: "ReconciliationSucceeded" }, good))).toMatchObject({
      health: "Healthy",
      sync: "Synced",
      revision: good,
      entity: "deployment/ledger-prod",
    });
  });

  it("reports a failed attempt Degraded at the commit Flux tried, not at the one still running", () => {
    // As kustomize-controller leaves a promoted revision that does not build (the cluster tier's
    // flux-branch-promotion test): lastAppliedRevision stays at what runs.
    const status = toDeliveryStatus(
      kustomization({ status: "False", reason: "BuildFailed", message: "missing.yaml: no such file" }, broken),
    );
    expect(status).toMatchObject({
      health: "Degraded",
      healthMessage: "missing.yaml: no such file",
      sync: "OutOfSync",
      revision: broken,
    });
  });

  it("keeps the applied commit while a newer one is still being reconciled", () => {
    const status = toDeliveryStatus(kustomization({ status: "Unknown", reason: "Progressing" }, broken));
    expect(status).toMatchObject({ health: "Progressing", revision: good });
  });
});
