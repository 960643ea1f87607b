import { beforeAll, describe, expect, it } from "vitest";
import * as webhookRoute from "@/app/api/webhooks/flux/route";
import { signBody } from "@/lib/http/hmac-signature";
import { call, setupTestDatabase } from "@/tests/db";
import { entitiesRoute, entityRoute } from "@/tests/routes";
import { fluxWebhookSecret } from "./webhook-secret";

// Acceptance (issue 17): Flux notification payloads, as the generic-hmac Provider sends them, are
// applied; a wrong signature is 401; a replay changes nothing.

setupTestDatabase();

/** The exact bytes Flux sends, signed like notification-controller's generic-hmac forwarder. */
const post = async (event: unknown, signature?: string) => {
  const body = JSON.stringify(event);
  const res = await webhookRoute.POST(
    new Request("http://slipway.test/api/webhooks/flux", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-signature": signature ?? `sha256=${signBody(body, fluxWebhookSecret()!)}`,
      },
      body,
    }),
    { params: Promise.resolve({}) },
  );
  return { status: res.status, json: (await res.json()) as { outcome?: string } };
};
const deployment = async () =>
  (
    await call<{ properties: Record<string, unknown> }>(entityRoute.GET, {
      params: { blueprint: "deployment", entity: "cart-prod" },
    })
  ).json.properties;

const kustomization = (
  name: string,
  at: string,
  opts: { severity?: string; reason?: string; message?: string; revision?: string; cluster?: string } = {},
) => ({
  involvedObject: {
    kind: "Kustomization",
    namespace: "flux-system",
    name,
    uid: "7d0cdc51-ddcf-4743-b223-83ca5c699632",
    apiVersion: "kustomize.toolkit.fluxcd.io/v1",
    resourceVersion: "56921",
  },
  severity: opts.severity ?? "info",
  timestamp: at,
  message: opts.message ?? "Reconciliation finished in 1.2s, next run in 10m0s",
  reason: opts.reason ?? "ReconciliationSucceeded",
  metadata: {
    revision: `production@sha1:${opts.revision ?? "49e2c9ca2c8e41a7bc6e5cb4c8bbb9be6e9f7c28"}`,
    entity: "deployment/cart-prod",
    ...(opts.cluster ? { cluster: opts.cluster } : {}),
  },
  reportingController: "kustomize-controller",
  reportingInstance: "kustomize-controller-7f5c7b7d4-x2m9q",
});

beforeAll(async () => {
  await call(entitiesRoute.POST, { params: { blueprint: "team" }, body: { identifier: "checkout" } });
  await call(entitiesRoute.POST, { params: { blueprint: "environment" }, body: { identifier: "prod" } });
  await call(entitiesRoute.POST, {
    params: { blueprint: "service" },
    body: { identifier: "cart", team: "checkout", properties: { language: "go", port: 80 } },
  });
  const dep = await call(entitiesRoute.POST, {
    params: { blueprint: "deployment" },
    body: { identifier: "cart-prod", team: "checkout", relations: { service: "cart", environment: "prod" } },
  });
  expect(dep.status).toBe(201);
});

describe("POST /api/webhooks/flux", () => {
  it("refuses a missing or wrong signature with 401 and changes nothing", async () => {
    const event = kustomization("cart-prod", "2026-11-30T10:00:00Z");
    expect((await post(event, "")).status).toBe(401);
    expect((await post(event, `sha256=${signBody(JSON.stringify(event), "not-the-secret-at-all")}`)).status).toBe(401);
    expect((await post(event, "sha256=zz")).status).toBe(401);
    expect((await deployment()).status).toBeUndefined();
  });

  it("applies a Kustomization's Ready event, and a replay changes nothing", async () => {
    const event = kustomization("cart-prod", "2026-11-30T10:00:00Z");
    expect(await post(event)).toEqual({ status: 200, json: { outcome: "applied" } });
    expect(await deployment()).toMatchObject({
      status: "Healthy",
      sync_status: "Synced",
      revision: "49e2c9ca2c8e41a7bc6e5cb4c8bbb9be6e9f7c28",
    });
    const before = await deployment();
    expect((await post(event)).json.outcome).toBe("duplicate");
    expect(await deployment()).toEqual(before);
  });

  it("turns Degraded on an error event with Flux's message, and ignores an older event", async () => {
    const failed = kustomization("cart-prod", "2026-11-30T10:05:00Z", {
      severity: "error",
      reason: "HealthCheckFailed",
      message: "health check failed after 5m0s: Deployment/cart/cart status: 'InProgress'",
    });
    expect((await post(failed)).json.outcome).toBe("applied");
    expect(await deployment()).toMatchObject({ status: "Degraded", health_message: expect.stringContaining("cart") });
    const older = kustomization("cart-prod", "2026-11-30T10:01:00Z", { revision: "1111111" });
    expect((await post(older)).json.outcome).toBe("stale");
    expect((await deployment()).status).toBe("Degraded");
  });

  it("acknowledges GitRepository and trace events without changing anything", async () => {
    const source = {
      ...kustomization("cart-prod", "2026-11-30T10:06:00Z"),
      involvedObject: { kind: "GitRepository", name: "gitops" },
    };
    expect((await post(source)).json.outcome).toBe("ignored");
    expect((await post(kustomization("cart-prod", "2026-11-30T10:06:00Z", { severity: "trace" }))).json.outcome).toBe(
      "ignored",
    );
    expect((await deployment()).status).toBe("Degraded");
  });

  it("answers a malformed event with 400", async () => {
    const res = await post({ involvedObject: { kind: "Kustomization" }, severity: "loud" });
    expect(res.status).toBe(400);
  });

  it("keeps per-cluster Kustomizations apart and aggregates them", async () => {
    const at = "2026-11-30T11:00:00Z";
    await post(kustomization("cart-prod-eu-1", at, { cluster: "eu-1", revision: "abcdef1" }));
    await post(kustomization("cart-prod-us-1", at, { cluster: "us-1", revision: "abcdef1" }));
    expect(await deployment()).toMatchObject({
      revision: "abcdef1",
      clusters: { "eu-1": { status: "Healthy" }, "us-1": { status: "Healthy" } },
    });
  });
});
