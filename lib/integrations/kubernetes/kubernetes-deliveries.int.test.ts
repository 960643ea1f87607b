import { describe, expect, it } from "vitest";
import { describeDeliveryContract, renderDevDelivery } from "@/tests/contracts/cluster-delivery-contract";
import { startFakeCluster } from "@/tests/fake-kube-api/start-fake-cluster";
import { until } from "@/tests/until";

describeDeliveryContract("Kubernetes adapter", async () => {
  const e = await startFakeCluster();
  return { cluster: e.cluster, close: () => e.close() };
});

// Beyond the contract: what reaches the API server, and Kustomization conditions → status.
describe("Kubernetes adapter: Flux deliveries on the API", () => {
  const { name, manifest } = renderDevDelivery();

  it("server-side applies the GitRepository then the Kustomization, and asks both to reconcile", async () => {
    const e = await startFakeCluster();
    try {
      await e.cluster.applyDelivery(name, manifest);
      const applies = e.fake.requests.filter((r) => r.method === "PATCH").map((r) => r.path);
      expect(applies).toEqual([
        `/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/${name}`,
        `/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/${name}`,
      ]);
      expect(e.fake.getFluxObject("GitRepository", name)!.spec).toMatchObject({ ref: { branch: "main" } });
      expect(e.fake.getFluxObject("Kustomization", name)!.spec).toMatchObject({
        sourceRef: { kind: "GitRepository", name },
        prune: true,
        targetNamespace: "backend-team-dev",
      });
      await e.cluster.refreshDelivery(name);
      for (const kind of ["GitRepository", "Kustomization"] as const)
        expect(e.fake.getFluxObject(kind, name)!.metadata.annotations).toHaveProperty(
          "reconcile.fluxcd.io/requestedAt",
        );
    } finally {
      await e.close();
    }
  });

  it("maps Kustomization conditions and lastAppliedRevision, in reads and in the watch", async () => {
    const e = await startFakeCluster();
    const seen: string[] = [];
    const controller = new AbortController();
    const watching = e.cluster.watchDeliveries((ev) => seen.push(`${ev.type} ${ev.app.health}`), {
      signal: controller.signal,
    });
    try {
      await e.cluster.applyDelivery(name, manifest);
      const sha = "49e2c9ca2c8e41a7bc6e5cb4c8bbb9be6e9f7c28";
      const at = "2026-11-30T20:00:00Z";
      e.fake.setKustomizationStatus(name, {
        conditions: [
          { type: "Reconciling", status: "True", reason: "Progressing", message: "Reconciliation in progress" },
          { type: "Ready", status: "Unknown", reason: "Progressing", message: "Reconciliation in progress" },
        ],
        lastAttemptedRevision: `main@sha1:${sha}`,
      });
      expect(await e.cluster.getDelivery(name)).toMatchObject({ health: "Progressing", revision: null });
      e.fake.setKustomizationStatus(name, {
        conditions: [
          {
            type: "Ready",
            status: "False",
            reason: "HealthCheckFailed",
            message: "health check failed after 5m: Deployment/backend-team-dev/payment-service not ready",
            lastTransitionTime: at,
          },
        ],
        lastAttemptedRevision: `main@sha1:${sha}`,
        lastAppliedRevision: "main@sha1:0000000000000000000000000000000000000001",
      });
      expect(await e.cluster.getDelivery(name)).toMatchObject({
        health: "Degraded",
        sync: "OutOfSync",
        healthMessage: expect.stringContaining("payment-service not ready"),
        reconciledAt: at,
      });
      e.fake.setKustomizationStatus(name, {
        conditions: [{ type: "Ready", status: "True", reason: "ReconciliationSucceeded", lastTransitionTime: at }],
        lastAttemptedRevision: `main@sha1:${sha}`,
        lastAppliedRevision: `main@sha1:${sha}`,
      });
      expect(await e.cluster.getDelivery(name)).toMatchObject({ health: "Healthy", sync: "Synced", revision: sha });
      await until("the watch saw it Healthy", async () => seen.includes("MODIFIED Healthy"));
      expect(seen).toContain("MODIFIED Degraded");
      e.fake.setKustomizationStatus(name, {
        conditions: [{ type: "Stalled", status: "True", reason: "ArtifactFailed", message: "source not found" }],
      });
      expect(await e.cluster.getDelivery(name)).toMatchObject({
        health: "Degraded",
        healthMessage: "source not found",
      });
    } finally {
      controller.abort();
      await watching;
      await e.close();
    }
  });

  it("on a cluster without Flux: no deliveries, and the watch waits quietly for the CRD", async () => {
    const e = await startFakeCluster({ adapter: { resyncSeconds: 0.05 } });
    const notInstalled = {
      method: "GET",
      path: /kustomizations/,
      code: 404,
      reason: "NotFound",
      message: "the server could not find the requested resource",
    };
    const seen: string[] = [];
    const controller = new AbortController();
    try {
      e.fake.failNext(notInstalled);
      expect(await e.cluster.listDeliveries()).toEqual([]);
      e.fake.failNext({ ...notInstalled, times: 2 });
      const watching = e.cluster.watchDeliveries((ev) => seen.push(`${ev.type} ${ev.app.name}`), {
        signal: controller.signal,
      });
      await e.cluster.applyDelivery(name, manifest);
      await until("ADDED once Flux answers", async () => seen.includes(`ADDED ${name}`));
      controller.abort();
      await watching;
      expect(e.logs.filter((l) => l.level === "warn")).toEqual([]);
      expect(e.logs.filter((l) => l.msg.startsWith("Flux is not installed"))).toHaveLength(1);
    } finally {
      controller.abort();
      await e.close();
    }
  });
});
