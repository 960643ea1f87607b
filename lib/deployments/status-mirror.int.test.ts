import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { renderDevDelivery } from "@/tests/contracts/cluster-delivery-contract";
import { renderDevApplication, startFakeCluster } from "@/tests/fake-kube-api/start-fake-cluster";
import { call, setupTestDatabase } from "@/tests/db";
import { entitiesRoute, entityRoute } from "@/tests/routes";
import { listImportRuns } from "@/lib/imports/import-runs";
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

describe("status mirror (watch of Flux Kustomizations)", () => {
  const ledger = async () =>
    (
      await call<{ properties: Record<string, unknown> }>(entityRoute.GET, {
        params: { blueprint: "deployment", entity: "ledger-dev" },
      })
    ).json.properties;

  it("mirrors a delivery's Kustomization conditions onto its deployment; Flux's own Kustomizations are left alone", async () => {
    await call(entitiesRoute.POST, {
      params: { blueprint: "service" },
      body: { identifier: "ledger", properties: { language: "go", port: 8080 } },
    });
    await call(entitiesRoute.POST, {
      params: { blueprint: "deployment" },
      body: { identifier: "ledger-dev", relations: { service: "ledger", environment: "dev" } },
    });
    const delivery = renderDevDelivery("ledger");
    await env.cluster.applyDelivery(delivery.name, delivery.manifest);
    // Flux's bootstrap Kustomization: none of Slipway's annotations, Flux's own labels.
    const meta = "metadata: { name: flux-system, labels: { app.kubernetes.io/part-of: flux } }";
    const fluxSystem = [
      `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\n${meta}\nspec: { url: "https://example.com/fleet.git" }`,
      `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n${meta}\nspec: { sourceRef: { kind: GitRepository, name: flux-system }, path: ./clusters/prod }`,
    ].join("\n---\n");
    await env.cluster.applyDelivery("flux-system", fluxSystem);
    env.fake.setKustomizationStatus("flux-system", {
      conditions: [{ type: "Ready", status: "True", lastTransitionTime: "2026-11-22T12:00:00Z" }],
    });
    const sha = "49e2c9ca2c8e41a7bc6e5cb4c8bbb9be6e9f7c28";
    env.fake.setKustomizationStatus("ledger-dev", {
      conditions: [
        {
          type: "Ready",
          status: "True",
          reason: "ReconciliationSucceeded",
          lastTransitionTime: "2026-11-22T12:00:00Z",
        },
      ],
      lastAppliedRevision: `main@sha1:${sha}`,
      lastAttemptedRevision: `main@sha1:${sha}`,
    });
    await vi.waitFor(
      async () => expect(await ledger()).toMatchObject({ status: "Healthy", sync_status: "Synced", revision: sha }),
      { timeout: 5000 },
    );
    const imported = await call(entityRoute.GET, { params: { blueprint: "deployment", entity: "flux-system" } });
    expect(imported.status).toBe(404);
    // Not even a failed import ("no service flux") to report on the imports page.
    const failures = (await listImportRuns()).flatMap((r) => r.failures.map((f) => JSON.stringify(f)));
    expect(failures.filter((f) => f.includes("flux-system"))).toEqual([]);
  });
});
