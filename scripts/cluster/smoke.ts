// Smoke test of the real-cluster tier:
//   cd /work/main && npx tsx scripts/cluster/smoke.ts [--keep]
// Builds (or reuses) etcd/kubernetes/kwok/argocd/kustomize, starts the cluster, serves a bare git
// repo with a small kustomize app over smart HTTP, creates an ArgoCD Application for it and waits
// until ArgoCD reports Synced + Healthy (a real Deployment made Available by kwok's fake pods).
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildClusterPeers } from "./build";
import { startGitHttpServer } from "./git-http";
import { applyObject } from "./kube-rest";
import { startCluster, type RunningCluster } from "./start-cluster";

type AppStatus = {
  status?: {
    sync?: { status?: string };
    health?: { status?: string };
    operationState?: { phase?: string; message?: string };
    conditions?: { type: string; message?: string }[];
  };
};

const root = process.env.SLIPWAY_CLUSTER_SMOKE_DIR ?? "/tmp/cluster-smoke";
const started = Date.now();
const secs = (from = started) => ((Date.now() - from) / 1000).toFixed(1);
const timings: Record<string, string> = {};

// 1. binaries
const built = Date.now();
const buildSeconds = await buildClusterPeers();
timings["build/reuse binaries"] = `${secs(built)}s (${Object.entries(buildSeconds)
  .map(([n, s]) => `${n} ${s}s`)
  .join(", ")})`;

// 2. git repo: services/demo/base + overlays/dev, the layout Slipway writes
const gitRoot = path.join(root, "git");
const work = path.join(root, "work");
rmSync(gitRoot, { recursive: true, force: true });
rmSync(work, { recursive: true, force: true });
mkdirSync(gitRoot, { recursive: true });
const git = (args: string[], cwd: string) =>
  execFileSync("git", args, {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "smoke",
      GIT_AUTHOR_EMAIL: "smoke@localhost",
      GIT_COMMITTER_NAME: "smoke",
      GIT_COMMITTER_EMAIL: "smoke@localhost",
    },
  }).toString();
git(["init", "--bare", "-b", "main", "demo.git"], gitRoot);
const files: Record<string, string> = {
  "services/demo/base/kustomization.yaml":
    "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n  - service.yaml\n",
  "services/demo/base/deployment.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: demo
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: demo
  template:
    metadata:
      labels:
        app.kubernetes.io/name: demo
    spec:
      containers:
        - name: demo
          image: registry.local/demo:0.1.0
          ports:
            - containerPort: 8080
`,
  "services/demo/base/service.yaml":
    "apiVersion: v1\nkind: Service\nmetadata:\n  name: demo\nspec:\n  type: ClusterIP\n  selector:\n    app.kubernetes.io/name: demo\n  ports:\n    - port: 80\n      targetPort: 8080\n",
  "services/demo/overlays/dev/kustomization.yaml":
    "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\nimages:\n  - name: registry.local/demo\n    newTag: 0.1.0\n",
};
mkdirSync(work, { recursive: true });
git(["init", "-b", "main"], work);
for (const [file, text] of Object.entries(files)) {
  mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
  writeFileSync(path.join(work, file), text);
}
git(["add", "."], work);
git(["commit", "-m", "demo app"], work);
git(["push", path.join(gitRoot, "demo.git"), "main"], work);
const gitServer = await startGitHttpServer(gitRoot);
const repoURL = `${gitServer.url}/demo.git`;
// The HTTP server really serves it (async: the server lives in this process's event loop).
await promisify(execFile)("git", ["ls-remote", repoURL]);

// 3. cluster
let cluster: RunningCluster | undefined;
let ok = false;
try {
  const clusterStart = Date.now();
  cluster = await startCluster({ dir: path.join(root, "cluster") });
  timings["cluster start"] = `${secs(clusterStart)}s`;
  const kube = cluster.kube;

  // 4. Application
  const appStart = Date.now();
  await applyObject(kube, {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    metadata: { name: "demo-dev", namespace: cluster.argocdNamespace },
    spec: {
      project: "default",
      source: { repoURL, targetRevision: "main", path: "services/demo/overlays/dev" },
      destination: { server: cluster.inClusterServer, namespace: "demo-dev" },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ["CreateNamespace=true"] },
    },
  });
  console.log(`[smoke] Application demo-dev created, repo ${repoURL}`);

  let last = "";
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    const res = await kube<AppStatus>("GET", `/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/demo-dev`);
    const st = res.body.status ?? {};
    const summary = `sync=${st.sync?.status ?? "-"} health=${st.health?.status ?? "-"} op=${st.operationState?.phase ?? "-"}${(st.conditions ?? []).map((c) => ` [${c.type}: ${c.message}]`).join("")}`;
    if (summary !== last) {
      console.log(`[smoke] +${secs(appStart)}s ${summary}`);
      last = summary;
    }
    if (st.sync?.status === "Synced" && st.health?.status === "Healthy") break;
    if (Date.now() > deadline) throw new Error(`Application demo-dev not Synced+Healthy after 5 minutes: ${summary}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  timings["Application created → Synced+Healthy"] = `${secs(appStart)}s`;

  // 5. what ArgoCD made, as the cluster sees it
  const dep = (
    await kube<{ spec?: { replicas?: number }; status?: { availableReplicas?: number } }>(
      "GET",
      "/apis/apps/v1/namespaces/demo-dev/deployments/demo",
    )
  ).body;
  type Pod = {
    metadata: { name: string };
    spec?: { nodeName?: string; containers?: { image?: string }[] };
    status?: { phase?: string; podIP?: string };
  };
  const pods = (await kube<{ items?: Pod[] }>("GET", "/api/v1/namespaces/demo-dev/pods")).body.items ?? [];
  console.log(`[smoke] deployment demo: ${dep.status?.availableReplicas ?? 0}/${dep.spec?.replicas} available`);
  for (const p of pods)
    console.log(
      `[smoke] pod ${p.metadata.name}: ${p.status?.phase} on ${p.spec?.nodeName} ip=${p.status?.podIP} image=${p.spec?.containers?.[0]?.image}`,
    );
  ok = true;
} catch (error) {
  console.error(`[smoke] FAILED: ${(error as Error).message}`);
  if (cluster) console.error(`[smoke] logs in ${cluster.logsDir}`);
  process.exitCode = 1;
} finally {
  if (cluster && !process.argv.includes("--keep")) await cluster.stop();
  await gitServer.stop();
}
timings.total = `${secs()}s`;
console.log(`[smoke] ${ok ? "PASSED" : "FAILED"}`);
for (const [k, v] of Object.entries(timings)) console.log(`[smoke]   ${k}: ${v}`);
if (process.argv.includes("--keep") && cluster) {
  console.log(`[smoke] --keep: cluster left running; KUBECONFIG=${cluster.kubeconfigPath}; Ctrl-C to stop`);
  await new Promise(() => {});
}
