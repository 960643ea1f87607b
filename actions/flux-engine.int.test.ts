import { parseAllDocuments } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as syncRoute from "@/app/api/v1/deployments/[deployment]/sync/route";
import * as fluxWebhookRoute from "@/app/api/webhooks/flux/route";
import { createMicroserviceInput } from "@/actions/create-microservice/schema";
import { getEntity } from "@/lib/catalog/entity-lookup";
import { fluxWebhookSecret } from "@/lib/deployments/webhook-secret";
import { fluxEventSchema, toStatusEvent } from "@/lib/deployments/flux-event";
import type { Simulator } from "@/lib/integrations/sandbox-cluster";
import { startFastSimulator } from "@/tests/simulator";
import { clusterPort, forgejoPort } from "@/lib/wiring";
import { entityRef, gitopsFile, testRun } from "@/tests/action-executor";
import { seedTeamAndEnvironments } from "@/tests/catalog-seed";
import { call, setupTestDatabase } from "@/tests/db";
import { findFreePort, serveRoute, type RouteServer } from "@/tests/route-server";
import { entityRoute } from "@/tests/routes";
import { until } from "@/tests/until";
import { executeCreateMicroservice } from "./create-microservice/executor";
import { executeRelease } from "./release/executor";
import { executeScale } from "./scale/executor";
import { setImageTag } from "@/lib/gitops";

// Acceptance (issue 17, Flux as a second engine): an environment whose engine is flux gets a Flux
// GitRepository + Kustomization instead of an ArgoCD Application, in git and in the cluster; the
// simulator reconciles it like kustomize-controller and reports through Flux's notification path
// (generic-hmac signed events to /api/webhooks/flux, served over real HTTP); runs wait for it.
// No status mirror runs here: the catalog learns the status from the webhook alone.

setupTestDatabase();

let simulator: Simulator | null = null;
let hook: RouteServer | null = null;

const deployment = async () => (await getEntity("deployment", "cart-dev")).properties;
const head = async () => (await forgejoPort().branchHead("platform", "gitops", "main"))!;
const fluxEvents = () => hook!.deliveries.map((d) => ({ status: d.status, event: fluxEventSchema.parse(d.request) }));

beforeAll(async () => {
  await seedTeamAndEnvironments();
  const env = await call(entityRoute.PATCH, {
    params: { blueprint: "environment", entity: "dev" },
    body: { properties: { order: 0, production: false, min_replicas: 1, max_replicas: 10, engine: "flux" } },
  });
  expect(env.status, JSON.stringify(env.json)).toBe(200);
  hook = await serveRoute(fluxWebhookRoute.POST, await findFreePort());
  simulator = startFastSimulator({
    fluxWebhook: { url: `${hook.url}/api/webhooks/flux`, secret: fluxWebhookSecret()! },
  });
  const input = createMicroserviceInput.parse({ name: "cart", team: "payments", language: "node" });
  const run = testRun();
  await executeCreateMicroservice(run.ctx, input);
  expect(run.logs).toContain("Handed Kustomization cart-dev to the cluster");
  expect(run.logs).toContain("cart-dev is Synced and Healthy");
}, 60_000);

afterAll(async () => {
  await simulator?.stop();
  await hook?.close();
});

describe("an environment whose engine is Flux", () => {
  it("gets a GitRepository and a Kustomization, in git and in the cluster, and no Application", async () => {
    const text = (await gitopsFile("flux/apps/cart-dev.yaml"))!;
    type FluxObject = { metadata: Record<string, unknown>; spec: Record<string, unknown> & { url?: string } };
    const [source, kustomization] = parseAllDocuments(text).map((d) => d.toJS() as FluxObject);
    expect(source).toMatchObject({
      apiVersion: "source.toolkit.fluxcd.io/v1",
      kind: "GitRepository",
      metadata: {
        name: "cart-dev",
        namespace: "flux-system",
        annotations: { "slipway.io/entity": "deployment/cart-dev" },
      },
      spec: { ref: { branch: "main" } },
    });
    expect(source!.spec.url).toMatch(/platform\/gitops/);
    expect(kustomization).toMatchObject({
      apiVersion: "kustomize.toolkit.fluxcd.io/v1",
      kind: "Kustomization",
      metadata: { name: "cart-dev", annotations: { "event.toolkit.fluxcd.io/entity": "deployment/cart-dev" } },
      spec: {
        sourceRef: { kind: "GitRepository", name: "cart-dev" },
        path: "./services/cart/overlays/dev",
        prune: true,
        targetNamespace: "payments-dev",
      },
    });
    expect(await gitopsFile("argocd/apps/cart-dev.yaml")).toBeNull();
    // The other environments keep ArgoCD, the default.
    expect(await gitopsFile("argocd/apps/cart-staging.yaml")).not.toBeNull();
    expect(await gitopsFile("flux/apps/cart-staging.yaml")).toBeNull();

    expect(await clusterPort().getApplication("cart-dev")).toBeNull();
    expect(await clusterPort().getDelivery("cart-dev")).toMatchObject({
      health: "Healthy",
      sync: "Synced",
      entity: "deployment/cart-dev",
      namespace: "flux-system",
    });
    expect((await clusterPort().listDeliveries()).map((d) => d.name)).toEqual(["cart-dev"]);
    expect((await clusterPort().listWorkloads("payments-dev")).map((w) => w.name)).toEqual(["cart"]);
  });

  it("reports to the catalog through signed Flux notifications, as notification-controller does", async () => {
    const revision = (await clusterPort().getDelivery("cart-dev"))!.revision!;
    await until("the deployment Healthy in the catalog", async () => (await deployment()).status === "Healthy");
    expect(await deployment()).toMatchObject({ status: "Healthy", sync_status: "Synced", revision });
    const events = fluxEvents();
    expect(events.every((e) => e.status === 200)).toBe(true);
    const succeeded = events.find((e) => e.event.reason === "ReconciliationSucceeded")!.event;
    expect(succeeded).toMatchObject({
      involvedObject: { kind: "Kustomization", name: "cart-dev", namespace: "flux-system" },
      severity: "info",
      reportingController: "kustomize-controller",
      metadata: { entity: "deployment/cart-dev", revision: `main@sha1:${revision}` },
    });
    expect(toStatusEvent(succeeded)).toMatchObject({ entity: "deployment/cart-dev", event: "deployed" });
  });

  it("Sync now on a Flux deployment asks Flux to reconcile instead of failing on a missing Application", async () => {
    const res = await call(syncRoute.POST, { method: "POST", params: { deployment: "cart-dev" } });
    expect(res.status, JSON.stringify(res.json)).toBe(202);
  });

  it("a release and a scale on the Flux environment wait for Flux and land", async () => {
    const release = testRun({ entity: await entityRef("deployment", "cart-dev") });
    await executeRelease(release.ctx, { version: "0.2.0" });
    const released = await head();
    expect(release.logs.some((l) => l.startsWith("Waiting for Flux: cart-dev Synced and Healthy"))).toBe(true);
    expect(await clusterPort().getDelivery("cart-dev")).toMatchObject({ health: "Healthy", revision: released });
    const workload = (await clusterPort().listWorkloads("payments-dev"))[0]!;
    expect(workload.images).toEqual(["registry.local/payments/cart:0.2.0"]);
    await until("the catalog at the release", async () => (await deployment()).revision === released);

    const scale = testRun({ entity: await entityRef("deployment", "cart-dev") });
    await executeScale(scale.ctx, { replicas: 3, reason: "Load test on Friday" });
    const scaled = await head();
    expect(await clusterPort().getDelivery("cart-dev")).toMatchObject({ health: "Healthy", revision: scaled });
    expect((await clusterPort().listWorkloads("payments-dev"))[0]).toMatchObject({ replicas: 3, readyReplicas: 3 });
  });

  it("a release whose image never pulls fails the run with Flux's health check message", async () => {
    const run = testRun({ entity: await entityRef("deployment", "cart-dev") });
    await expect(executeRelease(run.ctx, { version: "0.3.0-broken" })).rejects.toThrow(
      /cart-dev is Degraded: .*ImagePullBackOff/,
    );
    await until("the deployment Degraded in the catalog", async () => (await deployment()).status === "Degraded");
    const failed = fluxEvents().find((e) => e.event.reason === "HealthCheckFailed")!;
    expect(failed).toMatchObject({ status: 200, event: { severity: "error" } });
  });

  it("follows its GitRepository's branch: a production branch is reconciled and reported as production@sha1", async () => {
    const git = forgejoPort();
    const main = await head();
    await git.createBranch("platform", "gitops", "production", main);
    const path = "services/cart/overlays/dev/kustomization.yaml";
    const pinned = await git.commitFiles({
      owner: "platform",
      repo: "gitops",
      branch: "production",
      expectedHead: main,
      message: "Run 0.4.0 from the production branch",
      changes: [{ path, content: setImageTag((await gitopsFile(path))!, "registry.local/payments/cart", "0.4.0") }],
    });
    const manifest = (await gitopsFile("flux/apps/cart-dev.yaml"))!.replace("branch: main", "branch: production");
    await clusterPort().applyDelivery("cart-dev", manifest);
    await until("Flux Ready at the production branch", async () => {
      const d = await clusterPort().getDelivery("cart-dev");
      return d?.health === "Healthy" && d.revision === pinned.sha;
    });
    expect((await clusterPort().listWorkloads("payments-dev"))[0]!.images).toEqual([
      "registry.local/payments/cart:0.4.0",
    ]);
    await until("the catalog Healthy at the branch's commit", async () => {
      const p = await deployment();
      return p.status === "Healthy" && p.revision === pinned.sha;
    });
    expect(fluxEvents().map((e) => e.event.metadata?.revision)).toContain(`production@sha1:${pinned.sha}`);
  });
});
