import { describe, expect, it } from "vitest";
import type { AppStatus } from "@/lib/cluster/cluster-port";
import { identifyApplication } from "./argocd-identity";

const DEFAULT = "^(?<service>.+)-(?<environment>[^-]+)$";
const app = (name: string, meta: Pick<AppStatus, "labels" | "annotations"> = {}): AppStatus => ({
  name,
  namespace: "argocd",
  entity: null,
  health: "Healthy",
  healthMessage: null,
  sync: "Synced",
  revision: null,
  operationPhase: null,
  reconciledAt: null,
  resourceVersion: "1",
  ...meta,
});

describe("identifyApplication", () => {
  it("takes Slipway's annotation first, then labels, then the name pattern", () => {
    expect(
      identifyApplication(
        app("whatever", {
          annotations: { "slipway.io/entity": "deployment/cart-prod" },
          labels: { "app.kubernetes.io/name": "cart", "slipway.io/environment": "prod" },
        }),
        DEFAULT,
      ),
    ).toEqual({ deployment: "cart-prod", service: "cart", environment: "prod" });
    expect(
      identifyApplication(
        app("billing-eu", { labels: { "app.kubernetes.io/part-of": "billing", env: "qa" } }),
        DEFAULT,
      ),
    ).toEqual({ deployment: "billing-qa", service: "billing", environment: "qa" });
    expect(identifyApplication(app("payment-service-staging"), DEFAULT)).toEqual({
      deployment: "payment-service-staging",
      service: "payment-service",
      environment: "staging",
    });
  });

  it("follows a configured pattern, and says why when nothing fits", () => {
    const pattern = "^(?<environment>[a-z]+)--(?<service>.+)$";
    expect(identifyApplication(app("prod--cart"), pattern)).toEqual({
      deployment: "cart-prod",
      service: "cart",
      environment: "prod",
    });
    expect(identifyApplication(app("standalone"), DEFAULT)).toEqual({
      error: expect.stringContaining("cannot tell service and environment of Application standalone"),
    });
  });
});
