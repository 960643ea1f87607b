import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { renderDevApplication, startFakeCluster } from "@/tests/fake-kube-api/start-fake-cluster";
import { call, setupTestDatabase } from "@/tests/db";
import { entitiesRoute, entityRoute } from "@/tests/routes";
import { startStatusMirror } from "./status-mirror";

setupTestDatabase();

let env: Awaited<ReturnType<typeof startFakeCluster>>;
let mirror: { stop(): Promise<void> };
const deployment = async () =>
  (
    await call<{ properties: Record<string, unknown> }>(entityRoute.GET, {
      params: { blueprint: "deployment", entity: "payment-service-dev" },
    })
  ).json.properties;

beforeAll(async () => {
  await call(entitiesRoute.POST, { params: { blueprint: "environment" }, body: { identifier: "dev" } });
  await call(entitiesRoute.POST, {
    params: { blueprint: "service" },
    body: { identifier: "payment-service", properties: { language: "java", port: 8080 } },
  });
  await call(entitiesRoute.POST, {
    params: { blueprint: "deployment" },
    body: { identifier: "payment-service-dev", relations: { service: "payment-service", environment: "dev" } },
  });
  env = await startFakeCluster();
  const app = renderDevApplication("payment-service");
  await env.cluster.applyApplication(app.name, app.manifest);
  mirror = startStatusMirror(env.cluster);
});
afterAll(async () => {
  await mirror?.stop();
  await env?.close();
});

describe("status mirror (watch of applications.argoproj.io)", () => {
  it("mirrors Application health and sync onto the deployment entity as they change", async () => {
    env.fake.setApplicationStatus("payment-service-dev", {
      health: { status: "Progressing" },
      sync: { status: "Synced", revision: "abc1234" },
      reconciledAt: "2026-11-22T12:00:00Z",
    });
    await vi.waitFor(
      async () =>
        expect(await deployment()).toMatchObject({ status: "Progressing", sync_status: "Synced", revision: "abc1234" }),
      { timeout: 5000 },
    );
    env.fake.setApplicationStatus("payment-service-dev", {
      health: { status: "Degraded", message: "Back-off pulling image" },
      sync: { status: "Synced", revision: "abc1234" },
      reconciledAt: "2026-11-22T12:01:00Z",
    });
    await vi.waitFor(
      async () =>
        expect(await deployment()).toMatchObject({ status: "Degraded", health_message: "Back-off pulling image" }),
      { timeout: 5000 },
    );
  });

  it("does not let an older reconcile overwrite a newer state", async () => {
    env.fake.setApplicationStatus("payment-service-dev", {
      health: { status: "Healthy" },
      sync: { status: "Synced", revision: "abc1234" },
      reconciledAt: "2026-11-22T11:00:00Z",
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(await deployment()).toMatchObject({ status: "Degraded" });
  });
});
