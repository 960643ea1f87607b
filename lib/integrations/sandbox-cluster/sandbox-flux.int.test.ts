import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fluxEventSchema, toStatusEvent, type FluxEvent } from "@/lib/deployments/flux-event";
import { renderGitopsService } from "@/lib/gitops";
import { isValidBodySignature } from "@/lib/http/hmac-signature";
import { makeOptions } from "@/tests/gitops/fixtures";
import {
  createGitopsFixture,
  devNamespace,
  spec,
  startWebhookReceiver,
  svc,
  waitUntil,
  type GitopsFixture,
} from "@/tests/sandbox-cluster/gitops-fixture";
import { createSandboxCluster, startSimulator, type SandboxCluster, type Simulator } from "./index";

// The simulator playing Flux: kustomize-controller reconciling a delivery from its GitRepository,
// and notification-controller forwarding its events to a generic-hmac Provider.

const name = `${svc}-dev`;
const secret = "flux-hmac-test-key";

let fx: GitopsFixture;
let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
let cluster: SandboxCluster;
let simulator: Simulator;
let manifest = "";

const events = (): FluxEvent[] => hook.received.map((r) => fluxEventSchema.parse(r.body));
const withReason = (reason: string) => events().filter((e) => e.reason === reason);

beforeAll(async () => {
  fx = await createGitopsFixture();
  hook = await startWebhookReceiver();
  const files = renderGitopsService(
    spec,
    makeOptions({
      gitopsRepoUrl: fx.cloneUrl,
      environments: [{ name: "dev", replicas: 2, production: false, engine: "flux" }],
    }),
  );
  manifest = files[`flux/apps/${name}.yaml`]!;
  cluster = createSandboxCluster({ root: fx.clusterRoot, gitRoot: fx.gitRoot, pollMs: 20 });
  simulator = startSimulator({
    root: fx.clusterRoot,
    gitRoot: fx.gitRoot,
    webhook: null,
    fluxWebhook: { url: hook.url, secret },
    tickMs: 40,
    rolloutStepMs: 100,
    degradeAfterMs: 500,
    log: { info: () => {}, warn: () => {} },
  });
});

afterAll(async () => {
  await simulator?.stop();
  await hook?.close();
  await fx?.cleanup();
});

describe("sandbox simulator playing Flux", () => {
  it("reconciles a delivery from its branch and reports Progressing, then ReconciliationSucceeded, signed", async () => {
    const head = await fx.head();
    await cluster.applyDelivery(name, manifest);
    const ready = await waitUntil("Ready", async () => {
      const d = await cluster.getDelivery(name);
      return d?.health === "Healthy" && d.revision === head ? d : null;
    });
    expect(ready).toMatchObject({ sync: "Synced", entity: `deployment/${name}` });
    expect((await cluster.listWorkloads(devNamespace)).map((w) => [w.name, w.readyReplicas])).toEqual([[svc, 2]]);
    await waitUntil("the success event", async () => withReason("ReconciliationSucceeded").length > 0);

    for (const r of hook.received) {
      expect(r.authorization).toBeUndefined();
      expect(isValidBodySignature(r.raw, (r.signature ?? "").replace(/^sha256=/, ""), secret)).toBe(true);
    }
    expect(withReason("Progressing")[0]).toMatchObject({ severity: "info" });
    const succeeded = withReason("ReconciliationSucceeded")[0]!;
    expect(succeeded).toMatchObject({
      involvedObject: { kind: "Kustomization", name, namespace: "flux-system" },
      severity: "info",
      reportingController: "kustomize-controller",
      metadata: { revision: `main@sha1:${head}`, entity: `deployment/${name}` },
    });
    // Through Slipway's own parsing, as the webhook reads it.
    expect(toStatusEvent(succeeded)).toMatchObject({
      entity: `deployment/${name}`,
      event: "deployed",
      properties: { status: "Healthy", revision: head },
    });
    // Strictly increasing timestamps: the webhook's staleness rule keeps them in order.
    const times = events().map((e) => Date.parse(e.timestamp));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
  });

  it("a commit whose image never pulls: HealthCheckFailed (error) and Degraded", async () => {
    const sha = await fx.setDevImageTag("0.2.0-broken");
    const degraded = await waitUntil("Degraded", async () => {
      const d = await cluster.getDelivery(name);
      return d?.health === "Degraded" && d.revision === sha ? d : null;
    });
    expect(degraded.healthMessage).toMatch(/ImagePullBackOff/);
    const failed = await waitUntil("the failure event", async () => withReason("HealthCheckFailed")[0]);
    expect(failed).toMatchObject({ severity: "error", metadata: { revision: `main@sha1:${sha}` } });
    expect(failed.message).toMatch(/ImagePullBackOff/);
    expect(toStatusEvent(failed)).toMatchObject({ event: "health-degraded", properties: { status: "Degraded" } });
  });

  it("a suspended Kustomization applies nothing new until resumed", async () => {
    await cluster.applyDelivery(name, manifest.replace("prune: true", "prune: true\n  suspend: true"));
    const before = (await cluster.getDelivery(name))!.revision;
    const fixed = await fx.setDevImageTag("0.2.1");
    // The simulator has seen the new commit (it reports the drift) and applied nothing.
    const drifted = await waitUntil("the new commit seen", async () => {
      const d = await cluster.getDelivery(name);
      return d?.sync === "OutOfSync" ? d : null;
    });
    expect(drifted.revision).toBe(before);
    await cluster.applyDelivery(name, manifest);
    await waitUntil("Ready at the fix once resumed", async () => {
      const d = await cluster.getDelivery(name);
      return d?.health === "Healthy" && d.revision === fixed;
    });
  });
});
