import { parse, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMicroserviceInput } from "@/actions/create-microservice/schema";
import { getEntity } from "@/lib/catalog/entity-lookup";
import { startStatusMirror } from "@/lib/deployments/status-mirror";
import { setImageTag } from "@/lib/gitops";
import { clusterPort, forgejoPort } from "@/lib/wiring";
import { entityRef, gitopsFile, testRun } from "@/tests/action-executor";
import { seedTeamAndEnvironments } from "@/tests/catalog-seed";
import { call, setupTestDatabase } from "@/tests/db";
import { entitiesRoute, entityRoute } from "@/tests/routes";
import { runSimulatorDuringTests } from "@/tests/simulator";
import { until } from "@/tests/until";
import { executeCreateMicroservice } from "./create-microservice/executor";
import { executeRelease } from "./release/executor";

// Acceptance (issue 17): a service in an environment with two clusters gets two Applications; its
// aggregated status turns Degraded when one cluster degrades and back when it heals; the run waits
// for both. Status reaches the catalog through the watch (status mirror), as in connected mode.

setupTestDatabase();
runSimulatorDuringTests();

const apps = ["cart-dev-eu-1", "cart-dev-us-1"];
type ClusterState = { status?: string; version?: string; revision?: string };
const deployment = async () => (await getEntity("deployment", "cart-dev")).properties;
const perCluster = async () => ((await deployment()).clusters ?? {}) as Record<string, ClusterState>;
const applicationManifest = async (app: string) => (await gitopsFile(`argocd/apps/${app}.yaml`))!;
/** The cluster's Application for `app` as git has it, with `edit` applied (like `kubectl edit`). */
async function reapply(app: string, edit: (doc: { spec: Record<string, Record<string, unknown>> }) => void) {
  const doc = parse(await applicationManifest(app)) as { spec: Record<string, Record<string, unknown>> };
  edit(doc);
  await clusterPort().applyApplication(app, stringify(doc));
}

let mirror: { stop(): Promise<void> } | null = null;
beforeAll(async () => {
  await seedTeamAndEnvironments();
  for (const [name, region] of [
    ["eu-1", "eu-west-1"],
    ["us-1", "us-east-1"],
  ] as const) {
    const res = await call(entitiesRoute.POST, {
      params: { blueprint: "cluster" },
      body: {
        identifier: name,
        properties: {
          api_url: `https://${name}.k8s.example.com:6443`,
          region,
          provider: "aws",
          credentials_secret: `cluster-${name}`,
          labels: { compliance: "pci-dss" },
        },
      },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
  }
  const env = await call(entityRoute.PATCH, {
    params: { blueprint: "environment", entity: "dev" },
    body: { relations: { clusters: ["eu-1", "us-1"] } },
  });
  expect(env.status, JSON.stringify(env.json)).toBe(200);
  mirror = startStatusMirror(clusterPort());
  const input = createMicroserviceInput.parse({ name: "cart", team: "payments", language: "node" });
  await executeCreateMicroservice(testRun().ctx, input);
}, 60_000);
afterAll(async () => {
  await mirror?.stop();
});

describe("a deployment to an environment with two clusters", () => {
  it("gets one Application per cluster, each with its cluster as destination", async () => {
    for (const app of apps) {
      const manifest = parse(await applicationManifest(app)) as {
        metadata: { annotations: Record<string, string> };
        spec: { destination: { server: string } };
      };
      const cluster = app.replace("cart-dev-", "");
      expect(manifest.spec.destination.server).toBe(`https://${cluster}.k8s.example.com:6443`);
      expect(manifest.metadata.annotations["slipway.io/entity"]).toBe("deployment/cart-dev");
      expect(await clusterPort().getApplication(app)).toMatchObject({ health: "Healthy", sync: "Synced" });
    }
    expect(await gitopsFile("argocd/apps/cart-dev.yaml")).toBeNull();
    // Single-cluster environments keep their one Application.
    expect(await gitopsFile("argocd/apps/cart-staging.yaml")).not.toBeNull();
  });

  it("shows each cluster in the catalog and aggregates them: Degraded when one degrades, Healthy when it heals", async () => {
    await until("both clusters Healthy in the catalog", async () => {
      const c = await perCluster();
      return c["eu-1"]?.status === "Healthy" && c["us-1"]?.status === "Healthy";
    });
    expect(await deployment()).toMatchObject({ status: "Healthy", sync_status: "Synced", version: "0.1.0" });

    // us-1 follows a branch whose overlay pins an image that never pulls.
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
    await reapply("cart-dev-us-1", (doc) => void (doc.spec.source!.targetRevision = "broken-us"));
    const degraded = await until("the deployment Degraded", async () => {
      const p = await deployment();
      return p.status === "Degraded" ? p : null;
    });
    expect(degraded.health_message).toMatch(/^us-1: .*ImagePullBackOff/);
    expect(await perCluster()).toMatchObject({ "eu-1": { status: "Healthy" }, "us-1": { status: "Degraded" } });

    await reapply("cart-dev-us-1", () => {});
    await until("the deployment Healthy again", async () => (await deployment()).status === "Healthy");
    expect(await perCluster()).toMatchObject({ "eu-1": { status: "Healthy" }, "us-1": { status: "Healthy" } });
    expect((await deployment()).health_message).toBeUndefined();
  });

  it("runs until every cluster rolled out: a release waits while one cluster has not synced", async () => {
    // us-1 stops syncing on its own: ArgoCD only reports it OutOfSync until asked.
    await reapply("cart-dev-us-1", (doc) => void delete doc.spec.syncPolicy!.automated);
    const head = async () => (await forgejoPort().branchHead("platform", "gitops", "main"))!;
    const before = await head();
    const run = testRun({ entity: await entityRef("deployment", "cart-dev") });
    let finished = false;
    const release = executeRelease(run.ctx, { version: "0.2.0" }).finally(() => (finished = true));
    const released = await until("the release commit", async () => ((await head()) !== before ? head() : null));
    await until("eu-1 Healthy at the release commit", async () => {
      const eu = await clusterPort().getApplication("cart-dev-eu-1");
      return eu?.health === "Healthy" && eu.sync === "Synced" && eu.revision === released;
    });
    // The sandbox, like ArgoCD without a compare, keeps reporting the revision it last synced.
    const stuck = await clusterPort().getApplication("cart-dev-us-1");
    expect(stuck).toMatchObject({ sync: "OutOfSync" });
    expect(stuck?.revision).not.toBe(released);
    expect(finished).toBe(false);

    await clusterPort().requestSync("cart-dev-us-1");
    await release;
    const us = await clusterPort().getApplication("cart-dev-us-1");
    expect(us).toMatchObject({ health: "Healthy", sync: "Synced", revision: released });
    expect(run.logs).toContain("cart-dev-eu-1, cart-dev-us-1 are Synced and Healthy");
    // The watch carries revisions (versions come with notifications): the deployment's is the common one.
    await until("both clusters at the release in the catalog", async () => (await deployment()).revision === released);
    expect(await perCluster()).toMatchObject({ "eu-1": { revision: released }, "us-1": { revision: released } });
  });
});
