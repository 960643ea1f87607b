import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clusterEngines } from "@/tests/peers";
import { fluxGitops, readyCondition } from "./flux-gitops";

// Real Flux (source-controller + kustomize-controller, built from their Go modules) reconciles a
// branch-strategy environment from the real Gitea: the GitRepository follows `production`, a
// promotion is a pull request merging `main` into `production`, a rollback a revert commit on
// `production`. Here the test makes those commits itself through Gitea's API, to pin down what
// Flux does; flux-portal-promotion.cluster.test.ts has the portal's `promote` and `rollback` runs
// make them and end on these Ready verdicts.
//   npm run test:cluster -- --engines=flux tests/cluster/flux-branch-promotion.cluster.test.ts

const suffix = Date.now().toString(36);
const appNamespace = `web-${suffix}`;
const flux = fluxGitops({ repo: `keos-gitops-${suffix}`, name: "web-prod" });
const timings: Record<string, number> = {};
const DEPLOYMENT = "apps/web/deployment.yaml";
const KUSTOMIZATION = "apps/web/kustomization.yaml";
const kustomization = (resources: string[]) =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${resources.map((r) => `  - ${r}\n`).join("")}`;
const goodKustomization = kustomization(["namespace.yaml", "deployment.yaml"]);
const deployment = (tag: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${appNamespace}
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: registry.local/web:${tag}
`;
const webImage = () => flux.image(appNamespace, "web");

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await fn();
  } finally {
    timings[label] = (Date.now() - started) / 1000;
  }
}

beforeAll(async () => {
  if (!clusterEngines().has("flux"))
    throw new Error("Flux is not running in this cluster tier: run it with --engines=flux (or argocd,flux).");
  await flux.createRepo(
    {
      "apps/web/namespace.yaml": `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${appNamespace}\n`,
      [DEPLOYMENT]: deployment("1.0.0"),
      [KUSTOMIZATION]: goodKustomization,
    },
    ["production"],
  );
});

afterAll(() => console.log(`[cluster] flux timings (s): ${JSON.stringify(timings)}`));

// The tests share one repository and one Kustomization and build on each other, in order.
describe("real Flux reconciles a branch-strategy environment from the real Gitea", () => {
  it("applies the production branch, then a merge of main into production, each reconciled Ready at its commit", async () => {
    await flux.applyFluxObjects("production", "./apps/web");
    const first = await flux.branchHead("production");
    await timed("objects applied → Ready at production", () => flux.readyAt(`production@sha1:${first}`));
    expect(await webImage()).toBe("registry.local/web:1.0.0");

    // The change lands on main first; production does not move until the promotion merges it.
    await flux.putFile("main", DEPLOYMENT, deployment("1.1.0"), "web 1.1.0");
    expect(await flux.branchHead("production")).toBe(first);

    const status = await timed("pull request main→production opened → merged revision Ready", async () => {
      await flux.mergeBranch("main", "production");
      const merged = await flux.branchHead("production");
      expect(merged).not.toBe(first);
      await flux.requestReconcile();
      return flux.readyAt(`production@sha1:${merged}`);
    });
    expect(readyCondition(status)?.reason).toBe("ReconciliationSucceeded");
    expect(await webImage()).toBe("registry.local/web:1.1.0");
  });

  it("reports a promoted revision that does not build as not Ready, keeps what runs, and applies the revert commit", async () => {
    const good = await flux.branchHead("production");
    await flux.putFile(
      "main",
      KUSTOMIZATION,
      kustomization(["namespace.yaml", "deployment.yaml", "missing.yaml"]),
      "add missing.yaml",
    );
    await flux.mergeBranch("main", "production");
    const broken = await flux.branchHead("production");
    await flux.requestReconcile();
    const failed = await flux.failedAt(`production@sha1:${broken}`);
    expect(readyCondition(failed)?.reason).toBe("BuildFailed");
    expect(readyCondition(failed)?.message).toContain("missing.yaml");
    expect(failed.lastAppliedRevision).toBe(`production@sha1:${good}`);
    expect(await webImage()).toBe("registry.local/web:1.1.0");

    // Rollback on a branch environment: a commit on production that undoes the bad one, with the reason.
    await timed("revert commit on production → Ready", async () => {
      await flux.putFile(
        "production",
        KUSTOMIZATION,
        goodKustomization,
        'Revert "add missing.yaml": it does not build',
      );
      const reverted = await flux.branchHead("production");
      await flux.requestReconcile();
      await flux.readyAt(`production@sha1:${reverted}`);
    });
    expect(await webImage()).toBe("registry.local/web:1.1.0");
  });

  it("delivers the same revision to a second cluster entry through its own Kustomization and kubeconfig", async () => {
    // The second cluster is the same apiserver registered under a second name (scripts/cluster/flux.ts
    // FLUX_SECOND_CLUSTER_SECRET): Flux reaches it only through the kubeconfig, as it would a remote one.
    const second = `${appNamespace}-us-east`;
    const head = await flux.branchHead("production");
    await timed("second cluster's Kustomization applied → Ready", async () => {
      await flux.applyKustomization("web-prod-us-east", {
        path: "./apps/web",
        targetNamespace: second,
        kubeConfig: { secretRef: { name: "second-cluster-kubeconfig", key: "value" } },
      });
      await flux.readyAt(`production@sha1:${head}`, "web-prod-us-east");
    });
    expect(await flux.image(second, "web")).toBe("registry.local/web:1.1.0");
    // The first cluster's Kustomization is untouched by the second's.
    expect(readyCondition(await flux.readyAt(`production@sha1:${head}`))?.status).toBe("True");
    expect(await webImage()).toBe("registry.local/web:1.1.0");
  });
});
