import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as argocdWebhookRoute from "@/app/api/webhooks/argocd/route";
import { startStatusMirror } from "@/lib/deployments/status-mirror";
import { getEnv } from "@/lib/env";
import { clusterPort } from "@/lib/wiring";
import { sleep } from "@/lib/sleep";
import { seedTeamAndEnvironments } from "@/tests/catalog-seed";
import { call, setupTestDatabase } from "@/tests/db";
import { clusterWebhookPort, peerForgejo } from "@/tests/peers";
import { serveRoute, type RouteServer } from "@/tests/route-server";
import { entityRoute } from "@/tests/routes";
import { approveAndExecute, requestRun } from "@/tests/run-journey";

// The whole loop with real parts: Slipway (connected mode) commits to a real Gitea and hands the
// Application to a real kube-apiserver; real ArgoCD (repo-server + application-controller) syncs
// it from Gitea; kube-controller-manager and the scheduler place the pods on kwok's fake nodes;
// the status mirror brings Synced/Healthy back into the catalog, and argocd-notifications (with
// deploy/argocd/notifications-cm.yaml) posts to Slipway's webhook.

setupTestDatabase();

const gitea = peerForgejo();
const service = `orders-${Date.now().toString(36)}`;
const timings: Record<string, number> = {};
let mirror: { stop(): Promise<void> } | null = null;
let webhook: RouteServer | null = null;

type Delivered = { entity?: string; event?: string };
/** Waits until argocd-notifications delivered an event for `entity` (the Application's `slipway.io/entity`, `<blueprint>/<id>`) that the webhook applied. */
async function notified(entity: string, timeoutMs = 60_000): Promise<Delivered[]> {
  const deadline = Date.now() + timeoutMs;
  const forEntity = () => webhook!.deliveries.filter((d) => (d.request as Delivered).entity === entity);
  while (Date.now() < deadline && !forEntity().some((d) => d.status === 200)) await sleep(250);
  return forEntity().map((d) => ({ ...(d.request as Delivered), status: d.status }));
}
/** Polls the catalog until the deployment shows what ArgoCD reported. */
async function catalogShows(
  entity: string,
  wanted: Record<string, unknown>,
  timeoutMs = 120_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  let last: Record<string, unknown> = {};
  while (Date.now() < deadline) {
    const res = await call<{ properties: Record<string, unknown> }>(entityRoute.GET, {
      params: { blueprint: "deployment", entity },
    });
    last = res.json.properties ?? {};
    if (Object.entries(wanted).every(([k, v]) => last[k] === v)) return last;
    await sleep(500);
  }
  throw new Error(`${entity} never showed ${JSON.stringify(wanted)}; last: ${JSON.stringify(last)}`);
}
async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await fn();
  } finally {
    timings[label] = Math.round((Date.now() - started) / 100) / 10;
  }
}

beforeAll(async () => {
  expect(getEnv().SLIPWAY_KUBECONFIG).toBeTruthy();
  mirror = startStatusMirror(clusterPort());
  webhook = await serveRoute(argocdWebhookRoute.POST, clusterWebhookPort());
  await seedTeamAndEnvironments(1);
});

afterAll(async () => {
  await mirror?.stop();
  await webhook?.close();
  console.log(`[cluster] timings (s): ${JSON.stringify(timings)}`);
});

describe("a real ArgoCD syncs what Slipway commits to a real Gitea", () => {
  it("creates a microservice whose dev Application ArgoCD syncs until the catalog shows Synced and Healthy", async () => {
    const created = await requestRun("create-microservice", undefined, {
      name: service,
      team: "payments",
      language: "go",
      database: false,
      public: false,
    });
    // The run itself waits until ArgoCD reports Synced and Healthy at its commit.
    const run = await timed("create-microservice run", () => approveAndExecute(created.id));
    expect(run.links.find((l) => l.kind === "repository")?.url.startsWith(gitea.url)).toBe(true);
    await timed("catalog shows dev Healthy", () =>
      catalogShows(`${service}-dev`, { sync_status: "Synced", status: "Healthy" }),
    );

    const [deployment] = await clusterPort().listWorkloads("payments-dev");
    expect(deployment).toMatchObject({ name: service });
    expect(deployment!.readyReplicas).toBeGreaterThanOrEqual(1);
    const app = await clusterPort().getApplication(`${service}-dev`);
    expect(app).toMatchObject({ sync: "Synced", health: "Healthy" });

    // The shipped notification templates, rendered by the real controller, pass the webhook's schema.
    const deliveries = await timed("first notification", () => notified(`deployment/${service}-dev`));
    expect(
      deliveries.map((d) => d.event),
      JSON.stringify(webhook!.deliveries),
    ).toEqual(expect.arrayContaining(["sync-succeeded", "deployed"]));
    expect(
      deliveries.every((d) => (d as { status?: number }).status === 200),
      JSON.stringify(webhook!.deliveries),
    ).toBe(true);
  });

  it("promotes a release to staging; ArgoCD rolls staging to it and the catalog follows", async () => {
    const release = await requestRun("release", `${service}-dev`, { version: "0.2.0" });
    await timed("release run", () => approveAndExecute(release.id));
    const promote = await requestRun("promote", `${service}-dev`, { target_environment: "staging" });
    expect(promote.status).toBe("awaiting_approval");
    await timed("promote run", () => approveAndExecute(promote.id, ["sam"]));
    await timed("catalog shows staging Healthy", () =>
      catalogShows(`${service}-staging`, { sync_status: "Synced", status: "Healthy" }),
    );

    const workloads = await clusterPort().listWorkloads("payments-staging");
    const staging = workloads.find((w) => w.name === service);
    expect(staging?.images.some((image) => image.endsWith(`/${service}:0.2.0`))).toBe(true);
    expect(staging!.readyReplicas).toBeGreaterThanOrEqual(1);
  });
});
