import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fluxWebhookRoute from "@/app/api/webhooks/flux/route";
import { createMicroserviceInput } from "@/actions/create-microservice/schema";
import { getEntity } from "@/lib/catalog/entity-lookup";
import { fluxWebhookSecret } from "@/lib/deployments/webhook-secret";
import { setImageTag } from "@/lib/gitops";
import type { Simulator } from "@/lib/integrations/sandbox-cluster";
import { startFastSimulator } from "@/tests/simulator";
import { clusterPort, forgejoPort } from "@/lib/wiring";
import { gitopsFile, testRun } from "@/tests/action-executor";
import { seedTeamAndEnvironments } from "@/tests/catalog-seed";
import { call, setupTestDatabase } from "@/tests/db";
import { findFreePort, serveRoute, type RouteServer } from "@/tests/route-server";
import { entitiesRoute, entityRoute } from "@/tests/routes";
import { until } from "@/tests/until";
import { executeCreateMicroservice } from "./create-microservice/executor";

// Flux on a two-cluster environment: one delivery per cluster, each cluster's events (metadata
// `cluster`, from the Kustomization's event annotations) aggregated on the one deployment, through
// the Flux webhook alone (no status mirror runs).

setupTestDatabase();

const deliveries = ["cart-dev-eu-1", "cart-dev-us-1"];
type ClusterState = { status?: string; revision?: string };
const deployment = async () => (await getEntity("deployment", "cart-dev")).properties;
const perCluster = async () => ((await deployment()).clusters ?? {}) as Record<string, ClusterState>;

let simulator: Simulator | null = null;
let hook: RouteServer | null = null;
let runLogs: string[] = [];

beforeAll(async () => {
  await seedTeamAndEnvironments();
  for (const name of ["eu-1", "us-1"]) {
    const res = await call(entitiesRoute.POST, {
      params: { blueprint: "cluster" },
      body: { identifier: name, properties: { api_url: `https://${name}.k8s.example.com:6443`, region: name } },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
  }
  const env = await call(entityRoute.PATCH, {
    params: { blueprint: "environment", entity: "dev" },
    body: {
      properties: { order: 0, production: false, min_replicas: 1, max_replicas: 10, engine: "flux" },
      relations: { clusters: ["eu-1", "us-1"] },
    },
  });
  expect(env.status, JSON.stringify(env.json)).toBe(200);
  hook = await serveRoute(fluxWebhookRoute.POST, await findFreePort());
  simulator = startFastSimulator({
    fluxWebhook: { url: `${hook.url}/api/webhooks/flux`, secret: fluxWebhookSecret()! },
  });
  const run = testRun();
  await executeCreateMicroservice(
    run.ctx,
    createMicroserviceInput.parse({ name: "cart", team: "payments", language: "node" }),
  );
  runLogs = run.logs;
}, 60_000);

afterAll(async () => {
  await simulator?.stop();
  await hook?.close();
});

describe("a Flux environment with two clusters", () => {
  it("gets one delivery per cluster, and the run waits for both", async () => {
    for (const name of deliveries) {
      expect(await gitopsFile(`flux/apps/${name}.yaml`)).toContain(`event.toolkit.fluxcd.io/cluster: ${name.slice(9)}`);
      expect(await clusterPort().getDelivery(name)).toMatchObject({ health: "Healthy", entity: "deployment/cart-dev" });
    }
    expect(await gitopsFile("flux/apps/cart-dev.yaml")).toBeNull();
    expect(runLogs).toContain("cart-dev-eu-1, cart-dev-us-1 are Synced and Healthy");
  });

  it("aggregates the clusters' Flux events: Degraded when one cluster fails, Healthy when it heals", async () => {
    await until("both clusters Healthy in the catalog", async () => {
      const c = await perCluster();
      return c["eu-1"]?.status === "Healthy" && c["us-1"]?.status === "Healthy";
    });
    expect(await deployment()).toMatchObject({ status: "Healthy" });

    // us-1's GitRepository follows a branch whose overlay pins an image that never pulls.
    const git = forgejoPort();
    const main = (await git.branchHead("platform", "gitops", "main"))!;
    await git.createBranch("platform", "gitops", "broken-us", main);
    const path = "services/cart/overlays/dev/kustomization.yaml";
    await git.commitFiles({
      owner: "platform",
      repo: "gitops",
      branch: "broken-us",
      expectedHead: main,
      message: "Break us-1",
      changes: [
        { path, content: setImageTag((await gitopsFile(path))!, "registry.local/payments/cart", "0.1.1-broken") },
      ],
    });
    const manifest = (await gitopsFile("flux/apps/cart-dev-us-1.yaml"))!;
    await clusterPort().applyDelivery("cart-dev-us-1", manifest.replace("branch: main", "branch: broken-us"));
    const degraded = await until("the deployment Degraded", async () => {
      const p = await deployment();
      return p.status === "Degraded" ? p : null;
    });
    expect(degraded.health_message).toMatch(/^us-1: .*ImagePullBackOff/);
    expect(await perCluster()).toMatchObject({ "eu-1": { status: "Healthy" }, "us-1": { status: "Degraded" } });

    await clusterPort().applyDelivery("cart-dev-us-1", manifest);
    await until("the deployment Healthy again", async () => (await deployment()).status === "Healthy");
    expect(await perCluster()).toMatchObject({ "eu-1": { status: "Healthy" }, "us-1": { status: "Healthy" } });
  });
});
