import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { createKubeClients, mergePatch, serverSideApply } from "@/lib/integrations/kubernetes/kube-client";
import { sleep } from "@/lib/sleep";
import { clusterEngines, giteaApiOf, peerForgejo } from "@/tests/peers";

// Real Flux (source-controller + kustomize-controller, built from their Go modules) reconciles a
// branch-strategy environment from the real Gitea: the GitRepository follows `production`, and a
// promotion is a pull request merging `main` into `production`. Here the test opens and merges that
// pull request itself through Gitea's API; once the portal's Flux engine and branch promotion are
// wired, the promotion step below becomes a `promote` run (tests/run-journey.ts) and the last
// assertion the run's end.
//   npm run test:cluster -- --engines=flux tests/cluster/flux-branch-promotion.cluster.test.ts

const FLUX_NAMESPACE = "flux-system";
const gitRepositories = { group: "source.toolkit.fluxcd.io", version: "v1", plural: "gitrepositories" } as const;
const kustomizations = { group: "kustomize.toolkit.fluxcd.io", version: "v1", plural: "kustomizations" } as const;

const gitea = peerForgejo();
const giteaApi = giteaApiOf(gitea);
const repo = `keos-gitops-${Date.now().toString(36)}`;
const name = "web-prod";
const appNamespace = `web-${Date.now().toString(36)}`;
const timings: Record<string, number> = {};
const clients = () => createKubeClients({ kubeconfigPath: getEnv().SLIPWAY_KUBECONFIG, namespace: FLUX_NAMESPACE });

type Condition = { type: string; status: string; reason?: string; message?: string };
type FluxStatus = {
  status?: { conditions?: Condition[]; lastAppliedRevision?: string; artifact?: { revision?: string } };
};

const b64 = (text: string) => Buffer.from(text).toString("base64");
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

async function gitea200<T>(method: string, pathname: string, body?: unknown): Promise<T> {
  const res = await giteaApi<T>(method, pathname, body);
  if (res.status >= 300) throw new Error(`Gitea ${method} ${pathname}: HTTP ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

async function branchHead(branch: string): Promise<string> {
  const b = await gitea200<{ commit: { id: string } }>("GET", `/repos/${gitea.username}/${repo}/branches/${branch}`);
  return b.commit.id;
}

/** Polls the Kustomization until Flux reports it Ready at `revision`; fails early on a terminal error. */
async function kustomizationReadyAt(revision: string, timeoutMs = 180_000): Promise<FluxStatus> {
  const { custom } = clients();
  const deadline = Date.now() + timeoutMs;
  let last: FluxStatus = {};
  while (Date.now() < deadline) {
    last = (await custom.getNamespacedCustomObject({
      ...kustomizations,
      namespace: FLUX_NAMESPACE,
      name,
    })) as FluxStatus;
    const ready = last.status?.conditions?.find((c) => c.type === "Ready");
    if (ready?.status === "True" && last.status?.lastAppliedRevision === revision) return last;
    await sleep(500);
  }
  throw new Error(`Kustomization ${name} not Ready at ${revision}; last status: ${JSON.stringify(last.status)}`);
}

async function webImage(): Promise<string | undefined> {
  const dep = await clients().apps.readNamespacedDeployment({ name: "web", namespace: appNamespace });
  return dep.spec?.template.spec?.containers[0]?.image;
}

beforeAll(async () => {
  if (!clusterEngines().has("flux"))
    throw new Error("Flux is not running in this cluster tier: run it with --engines=flux (or argocd,flux).");
  // The GitOps repository of a branch-strategy environment: main is promoted into production.
  await gitea200("POST", "/user/repos", { name: repo, auto_init: true, default_branch: "main", private: false });
  await gitea200("POST", `/repos/${gitea.username}/${repo}/contents`, {
    branch: "main",
    message: "web 1.0.0",
    files: [
      {
        operation: "create",
        path: "apps/web/namespace.yaml",
        content: b64(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${appNamespace}\n`),
      },
      { operation: "create", path: "apps/web/deployment.yaml", content: b64(deployment("1.0.0")) },
      {
        operation: "create",
        path: "apps/web/kustomization.yaml",
        content: b64(
          "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - namespace.yaml\n  - deployment.yaml\n",
        ),
      },
    ],
  });
  await gitea200("POST", `/repos/${gitea.username}/${repo}/branches`, {
    new_branch_name: "production",
    old_branch_name: "main",
  });
});

afterAll(() => console.log(`[cluster] flux timings (s): ${JSON.stringify(timings)}`));

describe("real Flux reconciles a branch-strategy environment from the real Gitea", () => {
  it("applies the production branch, then a merge of main into production, each reconciled Ready at its commit", async () => {
    const { custom } = clients();
    const meta = { namespace: FLUX_NAMESPACE, fieldManager: "slipway-cluster-test", force: true };
    await custom.patchNamespacedCustomObject(
      {
        ...gitRepositories,
        ...meta,
        name,
        body: {
          apiVersion: "source.toolkit.fluxcd.io/v1",
          kind: "GitRepository",
          metadata: { name, namespace: FLUX_NAMESPACE },
          spec: {
            interval: "1m",
            timeout: "30s",
            url: `${gitea.url}/${gitea.username}/${repo}.git`,
            ref: { branch: "production" },
          },
        },
      },
      serverSideApply(),
    );
    await custom.patchNamespacedCustomObject(
      {
        ...kustomizations,
        ...meta,
        name,
        body: {
          apiVersion: "kustomize.toolkit.fluxcd.io/v1",
          kind: "Kustomization",
          metadata: { name, namespace: FLUX_NAMESPACE },
          spec: {
            interval: "1m",
            timeout: "2m",
            path: "./apps/web",
            prune: true,
            // Ready only once the Deployment is rolled out (kwok's fake pods become Ready).
            wait: true,
            sourceRef: { kind: "GitRepository", name },
          },
        },
      },
      serverSideApply(),
    );

    const first = await branchHead("production");
    let started = Date.now();
    await kustomizationReadyAt(`production@sha1:${first}`);
    timings["objects applied → Ready at production"] = (Date.now() - started) / 1000;
    expect(await webImage()).toBe("registry.local/web:1.0.0");

    // The change lands on main first; production does not move until the promotion merges it.
    const file = await gitea200<{ sha: string }>(
      "GET",
      `/repos/${gitea.username}/${repo}/contents/apps/web/deployment.yaml?ref=main`,
    );
    await gitea200("PUT", `/repos/${gitea.username}/${repo}/contents/apps/web/deployment.yaml`, {
      branch: "main",
      message: "web 1.1.0",
      sha: file.sha,
      content: b64(deployment("1.1.0")),
    });
    expect(await branchHead("production")).toBe(first);

    // Promotion by branch: a pull request merging main into production.
    started = Date.now();
    const pr = await gitea200<{ number: number }>("POST", `/repos/${gitea.username}/${repo}/pulls`, {
      head: "main",
      base: "production",
      title: "Promote main to production",
    });
    await mergePullRequest(pr.number);
    const merged = await branchHead("production");
    expect(merged).not.toBe(first);

    // What Flux's notification receiver would do on Gitea's push webhook: reconcile now, not at the next interval.
    await custom.patchNamespacedCustomObject(
      {
        ...gitRepositories,
        namespace: FLUX_NAMESPACE,
        name,
        body: { metadata: { annotations: { "reconcile.fluxcd.io/requestedAt": new Date().toISOString() } } },
      },
      mergePatch(),
    );
    const status = await kustomizationReadyAt(`production@sha1:${merged}`);
    timings["pull request opened → merged revision Ready"] = (Date.now() - started) / 1000;
    expect(status.status?.conditions?.find((c) => c.type === "Ready")?.reason).toBe("ReconciliationSucceeded");
    expect(await webImage()).toBe("registry.local/web:1.1.0");
  });
});

/** Gitea checks mergeability in the background after a pull request opens; merging before that is refused (405). */
async function mergePullRequest(index: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await giteaApi("POST", `/repos/${gitea.username}/${repo}/pulls/${index}/merge`, { Do: "merge" });
    if (res.status < 300) return;
    if (Date.now() > deadline)
      throw new Error(`merge of pull request ${index}: HTTP ${res.status} ${JSON.stringify(res.json)}`);
    await sleep(500);
  }
}
