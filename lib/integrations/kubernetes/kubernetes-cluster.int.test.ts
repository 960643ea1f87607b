import { afterEach, describe, expect, it } from "vitest";
import { ApplicationNotFoundError, ClusterConflictError, InvalidManifestError } from "@/lib/cluster/cluster-port";
import { KubernetesApiError } from "./kube-client";
import { renderDevApplication, startFakeCluster } from "@/tests/fake-kube-api/start-fake-cluster";

// The real adapter (client-node 1.4) against a loopback API server: apply, reads, sync, delete.

type Started = Awaited<ReturnType<typeof startFakeCluster>>;
let env: Started | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const { name, manifest } = renderDevApplication();
const patches = (e: Started) => e.fake.requests.filter((r) => r.method === "PATCH");
const spec = (e: Started) => e.fake.getApplication(name)!.spec as { source: { targetRevision: string } };
const managers = (e: Started) =>
  e.fake.getApplication(name)!.metadata.managedFields!.map((m) => `${String(m.manager)}/${String(m.operation)}`);

describe("applyApplication", () => {
  it("creates, then updates with server-side apply as field manager slipway, and is idempotent", async () => {
    const e = (env = await startFakeCluster());
    const created = await e.cluster.applyApplication(name, manifest);
    const rv = e.fake.getApplication(name)!.metadata.resourceVersion;
    expect(created).toEqual({ name, recorded: `applications.argoproj.io/argocd/${name}@${rv}` });
    expect(patches(e)[0]).toMatchObject({
      contentType: "application/apply-patch+yaml",
      path: `/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/${name}`,
      query: { fieldManager: "slipway", force: "false" },
    });
    expect(managers(e)).toEqual(["slipway/Apply"]);
    expect(spec(e).source.targetRevision).toBe("main");

    // Same manifest again: nothing changes, not even the resourceVersion.
    expect(await e.cluster.applyApplication(name, manifest)).toEqual(created);

    // ArgoCD's status survives our applies; a changed field is updated; a dropped one is removed.
    e.fake.setApplicationStatus(name, { health: { status: "Healthy" } });
    const changed = manifest
      .replace("targetRevision: main", "targetRevision: release-1")
      .replace(/^ {4}link\.argocd\.argoproj\.io\/slipway:.*\n/m, "");
    expect(changed).not.toContain("link.argocd.argoproj.io/slipway");
    const updated = await e.cluster.applyApplication(name, changed);
    expect(updated.recorded).not.toBe(created.recorded);
    const app = e.fake.getApplication(name)!;
    expect(spec(e).source.targetRevision).toBe("release-1");
    expect(app.metadata.annotations).not.toHaveProperty("link.argocd.argoproj.io/slipway");
    expect(app.status).toEqual({ health: { status: "Healthy" } });
  });

  it("takes fields another manager changed back with force, and reports who and what", async () => {
    const e = (env = await startFakeCluster());
    await e.cluster.applyApplication(name, manifest);
    e.fake.updateApplication(
      name,
      (app) => ({ ...app, spec: { ...(app.spec as object), source: { ...spec(e).source, targetRevision: "hotfix" } } }),
      "argocd-server",
    );
    await e.cluster.applyApplication(name, manifest);
    expect(spec(e).source.targetRevision).toBe("main");
    expect(patches(e).map((p) => p.query.force)).toEqual(["false", "false", "true"]);
    expect(e.logs).toContainEqual({
      level: "warn",
      msg: expect.stringContaining("drifted"),
      data: {
        application: name,
        conflicts: [{ manager: "argocd-server", field: ".spec.source.targetRevision", message: expect.any(String) }],
      },
    });
  });

  it("with forceConflicts off, a field conflict is a ClusterConflictError naming manager and field", async () => {
    const e = (env = await startFakeCluster({ adapter: { forceConflicts: false } }));
    await e.cluster.applyApplication(name, manifest);
    e.fake.updateApplication(
      name,
      (app) => ({ ...app, spec: { ...(app.spec as object), project: "elsewhere" } }),
      "kubectl-edit",
    );
    const error = await e.cluster.applyApplication(name, manifest).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ClusterConflictError);
    expect(error).toMatchObject({
      code: "conflict",
      reason: "FieldManagerConflict",
      causes: [{ manager: "kubectl-edit", field: ".spec.project" }],
    });
    expect(e.fake.getApplication(name)!.spec).toMatchObject({ project: "elsewhere" });
  });

  it("retries a transient 409, but not one the manifest asked for with a pinned resourceVersion", async () => {
    const e = (env = await startFakeCluster());
    e.fake.failNext({
      method: "PATCH",
      code: 409,
      reason: "Conflict",
      message: "the object has been modified; please apply your changes to the latest version and try again",
    });
    await e.cluster.applyApplication(name, manifest);
    expect(patches(e)).toHaveLength(2);

    const pinned = manifest.replace(`  name: ${name}\n`, `  name: ${name}\n  resourceVersion: "1"\n`);
    const error = await e.cluster.applyApplication(name, pinned).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ClusterConflictError);
    expect(error).toMatchObject({
      reason: "ResourceVersionConflict",
      message: expect.stringContaining("the object has been modified"),
    });
    expect(patches(e)).toHaveLength(3);
  });

  it("refuses a manifest that is not the named Application", async () => {
    const e = (env = await startFakeCluster());
    await expect(e.cluster.applyApplication("other-dev", manifest)).rejects.toBeInstanceOf(InvalidManifestError);
    await expect(e.cluster.applyApplication(name, "kind: [")).rejects.toBeInstanceOf(InvalidManifestError);
    expect(patches(e)).toHaveLength(0);
  });
});

describe("getApplication and listApplications", () => {
  it("map health, sync, revision, operation and messages", async () => {
    const e = (env = await startFakeCluster());
    for (const svc of ["alpha", "beta", "gamma", "delta"])
      await e.cluster.applyApplication(`${svc}-dev`, renderDevApplication(svc).manifest);
    e.fake.setApplicationStatus("alpha-dev", {
      health: { status: "Healthy" },
      sync: { status: "Synced", revision: "4f2c1e9" },
      operationState: { phase: "Succeeded" },
      reconciledAt: "2026-05-01T10:00:00Z",
    });
    e.fake.setApplicationStatus("beta-dev", {
      health: { status: "Degraded" },
      sync: { status: "OutOfSync", revision: "77aa01" },
      resources: [
        { kind: "Service", name: "beta", health: { status: "Healthy" } },
        {
          kind: "Deployment",
          name: "beta",
          health: { status: "Degraded", message: 'Deployment "beta" exceeded its progress deadline' },
        },
      ],
    });
    e.fake.setApplicationStatus("delta-dev", {
      health: { status: "Progressing", message: "Waiting for rollout" },
      sync: { status: "Exotic" },
    });

    expect(await e.cluster.getApplication("alpha-dev")).toEqual({
      name: "alpha-dev",
      namespace: "argocd",
      health: "Healthy",
      healthMessage: null,
      sync: "Synced",
      revision: "4f2c1e9",
      operationPhase: "Succeeded",
      reconciledAt: "2026-05-01T10:00:00Z",
      resourceVersion: e.fake.getApplication("alpha-dev")!.metadata.resourceVersion,
      labels: e.fake.getApplication("alpha-dev")!.metadata.labels ?? {},
      annotations: e.fake.getApplication("alpha-dev")!.metadata.annotations ?? {},
      entity: "deployment/alpha-dev",
    });
    expect(await e.cluster.getApplication("beta-dev")).toMatchObject({
      health: "Degraded",
      sync: "OutOfSync",
      revision: "77aa01",
      healthMessage: 'Deployment/beta: Deployment "beta" exceeded its progress deadline',
    });
    expect(await e.cluster.getApplication("gamma-dev")).toMatchObject({
      health: "Unknown",
      sync: "Unknown",
      revision: null,
      healthMessage: null,
      operationPhase: null,
      reconciledAt: null,
    });
    expect(await e.cluster.getApplication("delta-dev")).toMatchObject({
      health: "Progressing",
      healthMessage: "Waiting for rollout",
      sync: "Unknown",
    });
    expect(await e.cluster.getApplication("missing-dev")).toBeNull();

    const listed = await e.cluster.listApplications();
    expect(listed.map((a) => `${a.name} ${a.health} ${a.sync}`)).toEqual([
      "alpha-dev Healthy Synced",
      "beta-dev Degraded OutOfSync",
      "delta-dev Progressing Unknown",
      "gamma-dev Unknown Unknown",
    ]);
    expect(listed[1]).toEqual(await e.cluster.getApplication("beta-dev"));
  });

  it("surfaces API failures as KubernetesApiError", async () => {
    const e = (env = await startFakeCluster({ token: "wrong-token" }));
    const error = await e.cluster.listApplications().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(KubernetesApiError);
    expect(error).toMatchObject({ status: 401 });
  });
});

describe("refreshApplication", () => {
  it("sets ArgoCD's refresh annotation with a merge patch and leaves the spec alone", async () => {
    const e = (env = await startFakeCluster());
    await e.cluster.applyApplication(name, manifest);
    type Stored = { spec: unknown; metadata: { annotations?: Record<string, string> } };
    const before = structuredClone(e.fake.getApplication(name)) as unknown as Stored;
    await e.cluster.refreshApplication(name);
    const after = e.fake.getApplication(name) as unknown as Stored;
    expect(after.metadata.annotations?.["argocd.argoproj.io/refresh"]).toBe("normal");
    expect(after.spec).toEqual(before.spec);
    expect(patches(e).at(-1)!.contentType).toBe("application/merge-patch+json");
  });

  it("throws ApplicationNotFoundError for a missing Application", async () => {
    env = await startFakeCluster();
    await expect(env.cluster.refreshApplication("missing-dev")).rejects.toBeInstanceOf(ApplicationNotFoundError);
  });
});

describe("requestSync", () => {
  type Operation = { sync: { revision?: string }; initiatedBy: { username: string } };
  const operation = (e: Started) => e.fake.getApplication(name)!.operation as Operation | undefined;

  it("sets operation.sync.revision like `argocd app sync`, clearing the last operation state", async () => {
    const e = (env = await startFakeCluster());
    await e.cluster.applyApplication(name, manifest);
    e.fake.setApplicationStatus(name, { operationState: { phase: "Succeeded" }, sync: { status: "Synced" } });
    await e.cluster.requestSync(name, "9c1d2e3");
    expect(operation(e)).toEqual({ initiatedBy: { username: "slipway" }, sync: { revision: "9c1d2e3" } });
    expect(e.fake.getApplication(name)!.status).toEqual({ sync: { status: "Synced" } });
    const patch = patches(e).at(-1)!;
    expect(patch.contentType).toBe("application/merge-patch+json");
    expect(JSON.parse(patch.body)).toMatchObject({ metadata: { resourceVersion: expect.any(String) } });
  });

  it("defaults to the source's targetRevision, and refuses while an operation runs", async () => {
    const e = (env = await startFakeCluster());
    await e.cluster.applyApplication(name, manifest);
    await e.cluster.requestSync(name);
    expect(operation(e)!.sync).toEqual({ revision: "main" });
    const error = await e.cluster.requestSync(name, "abc").catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ClusterConflictError);
    expect(error).toMatchObject({ reason: "OperationInProgress" });
  });

  it("starts over when ArgoCD wrote the Application between read and patch (409 on a stale resourceVersion)", async () => {
    const e = (env = await startFakeCluster());
    await e.cluster.applyApplication(name, manifest);
    e.fake.intercept({
      method: "PATCH",
      run: () => e.fake.setApplicationStatus(name, { reconciledAt: "2026-05-01T10:00:00Z" }),
    });
    await e.cluster.requestSync(name, "9c1d2e3");
    expect(operation(e)!.sync).toEqual({ revision: "9c1d2e3" });
    expect(e.fake.getApplication(name)!.status).toEqual({ reconciledAt: "2026-05-01T10:00:00Z" });
    expect(e.fake.requests.filter((r) => r.method === "GET")).toHaveLength(2);
    expect(patches(e).filter((p) => p.contentType === "application/merge-patch+json")).toHaveLength(2);
  });

  it("throws ApplicationNotFoundError for a missing Application", async () => {
    env = await startFakeCluster();
    await expect(env.cluster.requestSync("missing-dev")).rejects.toBeInstanceOf(ApplicationNotFoundError);
  });
});

describe("deleteApplication", () => {
  it("is idempotent, before and after ArgoCD's finalizer lets go", async () => {
    const e = (env = await startFakeCluster());
    await e.cluster.applyApplication(name, manifest);
    await e.cluster.deleteApplication(name);
    expect(e.fake.getApplication(name)!.metadata.deletionTimestamp).toEqual(expect.any(String));
    await e.cluster.deleteApplication(name);
    e.fake.removeFinalizers(name);
    expect(await e.cluster.getApplication(name)).toBeNull();
    await e.cluster.deleteApplication(name);
    expect(e.fake.requests.filter((r) => r.method === "DELETE")).toHaveLength(3);
  });
});

describe("listWorkloads", () => {
  it("maps the Deployments of one namespace: replicas, ready replicas, conditions, images", async () => {
    const e = (env = await startFakeCluster());
    const container = (image: string) => ({ template: { spec: { containers: [{ name: "app", image }] } } });
    e.fake.putDeployment("payments-dev", {
      metadata: { name: "payment-service" },
      spec: { replicas: 3, ...container("registry.local/payments/payment-service:1.4.0") },
      status: {
        replicas: 3,
        readyReplicas: 3,
        updatedReplicas: 3,
        conditions: [
          {
            type: "Available",
            status: "True",
            reason: "MinimumReplicasAvailable",
            message: "Deployment has minimum availability.",
            lastTransitionTime: "2026-05-01T10:00:00Z",
          },
        ],
      },
    });
    e.fake.putDeployment("payments-dev", {
      metadata: { name: "ledger" },
      spec: { replicas: 2, ...container("registry.local/payments/ledger:2.0.0-broken") },
      status: {
        replicas: 2,
        updatedReplicas: 2,
        conditions: [
          { type: "Available", status: "False", reason: "MinimumReplicasUnavailable" },
          {
            type: "Progressing",
            status: "False",
            reason: "ProgressDeadlineExceeded",
            message: 'ReplicaSet "ledger-5d9" has timed out progressing.',
          },
        ],
      },
    });
    e.fake.putDeployment("other-dev", { metadata: { name: "elsewhere" }, spec: { replicas: 1 } });

    expect(await e.cluster.listWorkloads("payments-dev")).toEqual([
      {
        name: "ledger",
        replicas: 2,
        readyReplicas: 0,
        updatedReplicas: 2,
        images: ["registry.local/payments/ledger:2.0.0-broken"],
        conditions: [
          { type: "Available", status: "False", reason: "MinimumReplicasUnavailable" },
          {
            type: "Progressing",
            status: "False",
            reason: "ProgressDeadlineExceeded",
            message: 'ReplicaSet "ledger-5d9" has timed out progressing.',
          },
        ],
      },
      {
        name: "payment-service",
        replicas: 3,
        readyReplicas: 3,
        updatedReplicas: 3,
        images: ["registry.local/payments/payment-service:1.4.0"],
        conditions: [
          {
            type: "Available",
            status: "True",
            reason: "MinimumReplicasAvailable",
            message: "Deployment has minimum availability.",
          },
        ],
      },
    ]);
    expect(await e.cluster.listWorkloads("empty-dev")).toEqual([]);
  });
});
