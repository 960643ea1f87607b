import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClusterConflictError, InvalidManifestError, type AppEvent, type AppStatus } from "@/lib/cluster/cluster-port";
import { argocdEventSchema, type ArgocdEvent } from "@/lib/deployments/argocd-event";
import { getOverlayPaths, setImageTag } from "@/lib/gitops";
import { createSandboxCluster, startSimulator, type SandboxCluster, type Simulator } from "./index";
import {
  createGitopsFixture,
  devNamespace,
  spec,
  startWebhookReceiver,
  svc,
  waitUntil,
  type GitopsFixture,
} from "@/tests/sandbox-cluster/gitops-fixture";

const app = `${svc}-dev`;
const secret = "sandbox-cluster-test-secret";
const timings = { tickMs: 40, rolloutStepMs: 200, degradeAfterMs: 600 };

let fx: GitopsFixture;
let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
let cluster: SandboxCluster;
let simulator: Simulator;
const warnings: string[] = [];
const watched: AppEvent[] = [];
const watch = new AbortController();
let watching: Promise<void>;

const events = (): ArgocdEvent[] => hook.received.map((r) => argocdEventSchema.parse(r.body));
const eventsOf = (kind: string) => events().filter((e) => e.event === kind);
const appAt = (test: (a: AppStatus) => boolean) => async () => {
  const a = await cluster.getApplication(app);
  return a && test(a) ? a : null;
};

beforeAll(async () => {
  fx = await createGitopsFixture();
  hook = await startWebhookReceiver();
  cluster = createSandboxCluster({ root: fx.clusterRoot, gitRoot: fx.gitRoot, pollMs: 20 });
  watching = cluster.watchApplications((e) => watched.push(e), { signal: watch.signal });
  simulator = startSimulator({
    root: fx.clusterRoot,
    gitRoot: fx.gitRoot,
    webhook: { url: hook.url, secret },
    ...timings,
    log: { info: () => {}, warn: (msg, data) => warnings.push(`${msg} ${JSON.stringify(data)}`) },
  });
});

afterAll(async () => {
  watch.abort();
  await simulator?.stop();
  await hook?.close();
  await fx?.cleanup();
});

describe("sandbox cluster", () => {
  it("refuses manifests that are not the named Application", async () => {
    await expect(cluster.applyApplication(app, "kind: ConfigMap\nmetadata: {name: x}\n")).rejects.toBeInstanceOf(
      InvalidManifestError,
    );
    await expect(cluster.applyApplication("other-dev", fx.applicationManifest)).rejects.toBeInstanceOf(
      InvalidManifestError,
    );
    await expect(cluster.applyApplication(app, "{not yaml")).rejects.toBeInstanceOf(InvalidManifestError);
    expect(await cluster.getApplication(app)).toBeNull();
  });

  it("syncs a new Application: Progressing, then Healthy at the committed revision", async () => {
    const sha = await fx.head();
    const started = Date.now();
    await cluster.applyApplication(app, fx.applicationManifest);
    const applied = await cluster.getApplication(app);
    expect(applied).toMatchObject({ name: app, namespace: "argocd", sync: "OutOfSync" });
    expect(["Missing", "Progressing"]).toContain(applied?.health);
    // Idempotent: the same manifest again is no change at all.
    await cluster.applyApplication(app, fx.applicationManifest);

    const healthy = await waitUntil(
      "Healthy",
      appAt((a) => a.health === "Healthy"),
    );
    console.info(`apply → Healthy (2 replicas) in ${Date.now() - started} ms`);
    expect(healthy).toMatchObject({ sync: "Synced", revision: sha, operationPhase: "Succeeded", healthMessage: null });
    const seen = await waitUntil("the watch to see Healthy", async () => {
      const healths = watched.filter((e) => e.app.name === app).map((e) => e.app.health);
      return healths.includes("Healthy") && healths;
    });
    expect(watched[0]).toMatchObject({ type: "ADDED", app: { name: app } });
    expect(seen.indexOf("Progressing")).toBeGreaterThanOrEqual(0);
    expect(seen.indexOf("Progressing")).toBeLessThan(seen.indexOf("Healthy"));

    const [workload] = await cluster.listWorkloads(devNamespace);
    expect(workload).toMatchObject({
      name: svc,
      replicas: 2,
      readyReplicas: 2,
      updatedReplicas: 2,
      images: [`${spec.image}:0.1.0`],
    });
    expect(workload?.conditions).toContainEqual(expect.objectContaining({ type: "Available", status: "True" }));
    expect(await cluster.listWorkloads("elsewhere")).toEqual([]);
  });

  it("posts status, sync-succeeded and deployed notifications the webhook schema accepts", async () => {
    const sha = await fx.head();
    await waitUntil("deployed", async () => eventsOf("deployed").length > 0);
    expect(hook.received.every((r) => r.authorization === `Bearer ${secret}`)).toBe(true);
    expect(eventsOf("sync-succeeded")[0]).toMatchObject({
      entity: `deployment/${app}`,
      app,
      properties: { sync_status: "Synced", status: "Progressing", revision: sha, version: "0.1.0" },
    });
    expect(eventsOf("status").map((e) => e.properties)).toContainEqual(
      expect.objectContaining({ status: "Progressing", replicas: 2, ready_replicas: 1 }),
    );
    expect(eventsOf("deployed")[0]?.properties).toMatchObject({
      status: "Healthy",
      sync_status: "Synced",
      revision: sha,
      version: "0.1.0",
      replicas: 2,
      ready_replicas: 2,
    });
    const times = events().map((e) => Date.parse(e.observedAt ?? ""));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
  });

  it("turns Degraded on a -broken image tag, and Healthy again after a good one", async () => {
    const broken = await fx.setDevImageTag("0.2.0-broken");
    const degraded = await waitUntil(
      "Degraded",
      appAt((a) => a.health === "Degraded"),
    );
    expect(degraded).toMatchObject({ sync: "Synced", revision: broken, operationPhase: "Succeeded" });
    expect(degraded.healthMessage).toBe(
      `Deployment ${svc}: container ${svc} image ${spec.image}:0.2.0-broken: ImagePullBackOff (back-off pulling image)`,
    );
    await waitUntil("health-degraded", async () => eventsOf("health-degraded").length > 0);
    expect(eventsOf("health-degraded")[0]?.properties).toMatchObject({
      status: "Degraded",
      health_message: degraded.healthMessage,
    });
    expect((await cluster.listWorkloads(devNamespace))[0]).toMatchObject({
      readyReplicas: 0,
      images: [`${spec.image}:0.2.0-broken`],
    });

    const good = await fx.setDevImageTag("0.3.0");
    await waitUntil(
      "Healthy again",
      appAt((a) => a.health === "Healthy" && a.revision === good),
    );
    await waitUntil("deployed 0.3.0", async () =>
      eventsOf("deployed").some((e) => e.properties.version === "0.3.0" && e.properties.revision === good),
    );
  });

  it("moves to a commit that does not change the app without a rollout", async () => {
    const before = (await cluster.getHistory(app)) ?? [];
    const sha = await fx.commit("Docs", { "README.md": "# GitOps\n" });
    const moved = await waitUntil(
      "new revision",
      appAt((a) => a.revision === sha),
    );
    expect(moved).toMatchObject({ health: "Healthy", sync: "Synced" });
    expect(await cluster.getHistory(app)).toEqual(before);
  });

  it("reports a source that does not render as a failed sync and leaves the live state alone", async () => {
    const file = getOverlayPaths(svc, "dev").kustomization;
    const good = (await fx.forgejo.readFile("platform", "gitops", file)) as string;
    const bad = await fx.commit("Break the overlay", { [file]: `${good}\nresources: [missing.yaml]\n` });
    const failed = await waitUntil(
      "failed sync",
      appAt((a) => a.operationPhase === "Failed"),
    );
    expect(failed).toMatchObject({ sync: "Unknown", health: "Healthy" });
    expect(failed.revision).not.toBe(bad);
    await waitUntil("sync-failed", async () => eventsOf("sync-failed").length > 0);
    expect(eventsOf("sync-failed")[0]?.properties.health_message).toMatch(
      /^rendering services\/payment-service\/overlays\/dev failed: (kubectl kustomize|kustomize build) /,
    );

    const fixed = await fx.commit("Fix the overlay", { [file]: setImageTag(good, spec.image, "0.4.0") });
    await waitUntil(
      "fixed",
      appAt(
        (a) =>
          a.health === "Healthy" && a.sync === "Synced" && a.operationPhase === "Succeeded" && a.revision === fixed,
      ),
    );
  });

  it("re-syncs on requestSync, from another process's port", async () => {
    const other = createSandboxCluster({ root: fx.clusterRoot, gitRoot: fx.gitRoot });
    const syncs = eventsOf("sync-succeeded").length;
    await other.requestSync(app);
    await expect(other.requestSync(app)).rejects.toBeInstanceOf(ClusterConflictError);
    await waitUntil("manual sync", async () => (await other.getHistory(app))?.at(-1)?.initiatedBy === "manual");
    await waitUntil("sync-succeeded", async () => eventsOf("sync-succeeded").length > syncs);
    // The first one was honoured, so another may be asked for.
    await other.requestSync(app);
    await waitUntil(
      "second manual sync",
      async () => ((await other.getHistory(app)) ?? []).filter((h) => h.initiatedBy === "manual").length === 2,
    );
    await expect(other.requestSync("no-such-app")).rejects.toMatchObject({ code: "not_found" });
  });

  it("keeps a history of revisions and images", async () => {
    const history = (await cluster.getHistory(app)) ?? [];
    const commits = (await fx.forgejo.listCommits("platform", "gitops", { branch: "main" }))
      .map((c) => c.sha)
      .reverse();
    // Commits that changed the app were synced by an operation (the README and the failed one were not), then two manual syncs.
    expect(history.map((h) => h.revision)).toEqual([
      commits[0],
      commits[1],
      commits[2],
      commits[5],
      commits[5],
      commits[5],
    ]);
    expect(history.map((h) => h.initiatedBy)).toEqual([
      "automated",
      "automated",
      "automated",
      "automated",
      "manual",
      "manual",
    ]);
    expect(history.map((h) => h.images)).toEqual(
      ["0.1.0", "0.2.0-broken", "0.3.0", "0.4.0", "0.4.0", "0.4.0"].map((tag) => [`${spec.image}:${tag}`]),
    );
    expect(history.every((h) => !Number.isNaN(Date.parse(h.deployedAt)))).toBe(true);
  });

  it("shares its state with a second port on the same root", async () => {
    const other = createSandboxCluster({ root: fx.clusterRoot, gitRoot: fx.gitRoot });
    const mine = await cluster.getApplication(app);
    expect(await other.getApplication(app)).toEqual(mine);
    expect(await other.listApplications()).toEqual([mine]);
    expect(await other.listWorkloads(devNamespace)).toEqual(await cluster.listWorkloads(devNamespace));
  });

  it("deletes idempotently, and stop() ends the simulator", async () => {
    await cluster.deleteApplication(app);
    await cluster.deleteApplication(app);
    expect(await cluster.getApplication(app)).toBeNull();
    expect(await cluster.listWorkloads(devNamespace)).toEqual([]);
    await waitUntil("DELETED", async () => watched.some((e) => e.type === "DELETED" && e.app.name === app));

    await simulator.stop();
    await simulator.stop();
    await expect(fs.stat(path.join(fx.clusterRoot, "simulator-lease.json"))).rejects.toMatchObject({ code: "ENOENT" });
    watch.abort();
    await watching;
    expect(warnings).toEqual([]);
  });
});
