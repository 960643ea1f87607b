import { beforeAll, describe, expect, it } from "vitest";
import * as eventsRoute from "@/app/api/v1/events/route";
import * as webhookRoute from "@/app/api/webhooks/argocd/route";
import { callerHeaders } from "@/tests/auth";
import { call, setupTestDatabase } from "@/tests/db";
import { entitiesRoute, entityRoute } from "@/tests/routes";
import { argocdWebhookSecret } from "./webhook-secret";

setupTestDatabase();

type Deployment = { properties: Record<string, unknown> };
const post = async (body: unknown, secret: string | null = argocdWebhookSecret()) => {
  const res = await webhookRoute.POST(
    new Request("http://slipway.test/api/webhooks/argocd", {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
  return {
    status: res.status,
    json: (await res.json()) as { outcome?: string; error?: { code: string; fields?: Record<string, string[]> } },
  };
};
const deployment = async () =>
  (await call<Deployment>(entityRoute.GET, { params: { blueprint: "deployment", entity: "cart-dev" } })).json
    .properties;
const snapshot = async () =>
  (await call<Record<string, unknown>>(entityRoute.GET, { params: { blueprint: "deployment", entity: "cart-dev" } }))
    .json;

// The plain entity-payload templates, rendered for cart-dev.
const syncSucceeded = (at: string, revision: string) => ({
  entity: "cart-dev",
  blueprint: "deployment",
  properties: { status: "Healthy", sync_status: "Synced", last_sync: at, revision },
});
const degraded = (at: string, message: string) => ({
  entity: "cart-dev",
  blueprint: "deployment",
  properties: { status: "Degraded", health_message: message, degraded_at: at },
});

beforeAll(async () => {
  await call(entitiesRoute.POST, { params: { blueprint: "team" }, body: { identifier: "payments" } });
  await call(entitiesRoute.POST, { params: { blueprint: "environment" }, body: { identifier: "dev" } });
  await call(entitiesRoute.POST, {
    params: { blueprint: "service" },
    body: { identifier: "cart", team: "payments", properties: { language: "go", port: 80 } },
  });
  const dep = await call(entitiesRoute.POST, {
    params: { blueprint: "deployment" },
    body: { identifier: "cart-dev", team: "payments", relations: { service: "cart", environment: "dev" } },
  });
  expect(dep.status).toBe(201);
});

describe("POST /api/webhooks/argocd", () => {
  it("refuses a missing or wrong secret with 401 and changes nothing", async () => {
    expect((await post(syncSucceeded("2026-11-22T10:00:00Z", "aaa"), null)).status).toBe(401);
    expect((await post(syncSucceeded("2026-11-22T10:00:00Z", "aaa"), "wrong-secret-wrong-secret")).status).toBe(401);
    expect((await deployment()).status).toBeUndefined();
  });

  it("answers malformed bodies with 400 and changes nothing", async () => {
    expect((await post("{ not json")).status).toBe(400);
    const bad = await post({ entity: "cart-dev", properties: { status: "Fine", last_sync: "yesterday" } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error?.fields ?? {}).sort()).toEqual(["properties.last_sync", "properties.status"]);
    expect((await post({ entity: "cart-dev", properties: { colour: "blue" } })).status).toBe(400);
    expect((await post(syncSucceeded("2026-11-22T10:00:00Z", "aaa").properties)).status).toBe(400);
    expect((await deployment()).status).toBeUndefined();
  });

  it("applies the plain sync-succeeded template to the deployment entity", async () => {
    expect((await post(syncSucceeded("2026-11-22T10:00:00Z", "1111111"))).json.outcome).toBe("applied");
    expect(await deployment()).toMatchObject({
      status: "Healthy",
      sync_status: "Synced",
      revision: "1111111",
      last_sync: "2026-11-22T10:00:00.000Z",
    });
  });

  it("changes nothing the second time the same event arrives", async () => {
    const event = degraded("2026-11-22T10:05:00Z", "container api: CrashLoopBackOff");
    expect((await post(event)).json.outcome).toBe("applied");
    const before = JSON.stringify(await snapshot());
    expect((await post(event)).json.outcome).toBe("duplicate");
    expect(JSON.stringify(await snapshot())).toBe(before);
    expect(await deployment()).toMatchObject({ status: "Degraded", health_message: "container api: CrashLoopBackOff" });
  });

  it("never lets an older event overwrite newer state", async () => {
    expect((await post(syncSucceeded("2026-11-22T10:20:00Z", "3333333"))).json.outcome).toBe("applied");
    // Delivered late: observed before the state we already have.
    expect((await post(degraded("2026-11-22T10:15:00Z", "late news"))).json.outcome).toBe("stale");
    const now = await deployment();
    expect(now).toMatchObject({ status: "Healthy", revision: "3333333" });
    // Leaving Degraded cleared the message that explained it.
    expect(now.health_message).toBeUndefined();
  });

  it("accepts Slipway's richer template with entity annotation, event and observedAt", async () => {
    const res = await post({
      event: "deployed",
      entity: "deployment/cart-dev",
      app: "cart-dev",
      observedAt: "2026-11-22T10:30:00Z",
      properties: {
        version: "0.2.0",
        replicas: "2",
        ready_replicas: "2",
        deployed_at: "2026-11-22T10:30:00Z",
        health_message: "",
      },
    });
    expect(res.json.outcome).toBe("applied");
    expect(await deployment()).toMatchObject({ version: "0.2.0", replicas: 2, ready_replicas: 2 });
    expect((await post({ entity: "nope-dev", properties: { status: "Healthy" } })).status).toBe(404);
  });

  it("pushes a change event to open catalog views as soon as a status is applied", async () => {
    const controller = new AbortController();
    const res = await eventsRoute.GET(
      new Request("http://slipway.test/api/v1/events?topics=deployment/cart-dev", {
        headers: await callerHeaders({ user: "carl" }),
        signal: controller.signal,
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let seen = "";
    const readUntil = async (text: string) => {
      while (!seen.includes(text)) seen += decoder.decode((await reader.read()).value);
    };
    // `ready` comes once the stream is subscribed; clients refresh on it to catch earlier changes.
    await readUntil("event: ready");
    const change = readUntil("event: change");
    expect((await post(degraded("2026-11-22T11:00:00Z", "OOMKilled"))).json.outcome).toBe("applied");
    await change;
    expect(seen).toContain('data: ["deployment/cart-dev"]');
    controller.abort();
  });

  it("refuses an event observed far in the future, which would freeze the status as stale", async () => {
    const res = await post(degraded("2099-01-01T00:00:00Z", "from a broken clock"));
    expect(res.status).toBe(422);
    expect(Object.keys(res.json.error?.fields ?? {})).toEqual(["observedAt"]);
    // Real events after it still apply: nothing of the future event was remembered.
    const soon = new Date(Date.now() + 60_000).toISOString();
    expect((await post(syncSucceeded(soon, "5555555"))).json.outcome).toBe("applied");
    expect(await deployment()).toMatchObject({ status: "Healthy", revision: "5555555" });
  });
  it("judges staleness within each sender's own sequence, so one Application's clock cannot silence another", async () => {
    const fromApp = (app: string, at: Date, revision: string) => ({
      ...syncSucceeded(at.toISOString(), revision),
      app,
      observedAt: at.toISOString(),
    });
    const now = Date.now();
    // An Application whose cluster clock runs 3 minutes fast (inside the accepted skew).
    expect((await post(fromApp("cart-dev-eu1", new Date(now + 3 * 60_000), "6666666"))).json.outcome).toBe("applied");
    // Another one reporting afterwards with a correct clock is not stale against the first's clock.
    expect((await post(fromApp("cart-dev-us1", new Date(now), "7777777"))).json.outcome).toBe("applied");
    // Each cluster's Application keeps its own state; the deployment's revision waits until they agree.
    const clusters = { eu1: { revision: "6666666" }, us1: { revision: "7777777" } };
    expect(await deployment()).toMatchObject({ clusters });
    // Within one sender's sequence, an older event is still stale.
    expect((await post(fromApp("cart-dev-us1", new Date(now - 60_000), "8888888"))).json.outcome).toBe("stale");
    expect(await deployment()).toMatchObject({ clusters });
    expect((await post(fromApp("cart-dev-eu1", new Date(now + 4 * 60_000), "7777777"))).json.outcome).toBe("applied");
    expect(await deployment()).toMatchObject({ revision: "7777777" });
  });
});
