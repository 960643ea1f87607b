import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import type { BuiltPeer } from "../peers/go-build";
import { waitForHttp, waitUntil, type PeerProcess, type ProcessGroup } from "../peers/processes";
import { applyObject, hasCondition, type KubeObject, type KubeRequest, type WithConditions } from "./kube-rest";

// Flux's source-controller and kustomize-controller out of cluster against the loopback control
// plane: their CRDs from the built modules' config/crd/bases, then the two controllers. The
// source-controller serves artifacts on 127.0.0.1 and advertises that address, so the
// kustomize-controller fetches from it like it would from the in-cluster Service.

export const FLUX_NAMESPACE = "flux-system";
/**
 * A kubeconfig Secret (key `value`) for the same apiserver, so a Kustomization's
 * `kubeConfig.secretRef` can deliver to it as to a second, remote cluster.
 */
export const FLUX_SECOND_CLUSTER_SECRET = "second-cluster-kubeconfig";
/**
 * Cluster entities the portal's Flux tests register on a two-cluster environment. The portal's
 * Kustomizations reach a cluster through the Secret `cluster-<name>`; the tier creates one per
 * entry with the same kubeconfig, so both entries are this apiserver under two names.
 */
export const FLUX_CLUSTER_ENTRIES = ["eu-1", "us-1"] as const;
/** Basic-auth Secret for the tier's Gitea (test-cluster.ts creates it), for GitRepository `secretRef`. */
export const FLUX_GITEA_SECRET = "gitea-credentials";

export type FluxPorts = {
  fluxStorage: number;
  fluxSourceMetrics: number;
  fluxSourceHealth: number;
  fluxKustomizeMetrics: number;
  fluxKustomizeHealth: number;
};

export type FluxOptions = {
  dir: string;
  ports: FluxPorts;
  binaries: { source: BuiltPeer; kustomize: BuiltPeer };
  kube: KubeRequest;
  kubeconfigPath: string;
  /** Watched while waiting for the CRDs: a dead apiserver should fail fast, not time out. */
  controlPlane: PeerProcess[];
  group: ProcessGroup;
  phase: (msg: string) => void;
};

const is200 = (res: { status: number }) => res.status === 200;

/** Every CRD a controller ships: the kustomize-controller watches OCIRepository, Bucket and ExternalArtifact too. */
export function fluxCrdFiles(srcDir: string): string[] {
  const dir = path.join(srcDir, "config", "crd", "bases");
  const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));
  if (!files.length) throw new Error(`no Flux CRDs in ${dir}`);
  return files.map((f) => path.join(dir, f));
}

async function applyFluxCrds(opts: FluxOptions): Promise<void> {
  const { kube } = opts;
  for (const file of [...fluxCrdFiles(opts.binaries.source.srcDir), ...fluxCrdFiles(opts.binaries.kustomize.srcDir)])
    for (const doc of parseAllDocuments(readFileSync(file, "utf8")))
      if (doc.contents) await applyObject(kube, doc.toJS() as KubeObject);
  await waitUntil(
    "Flux CRDs Established",
    opts.controlPlane,
    async () => {
      for (const crd of ["gitrepositories.source.toolkit.fluxcd.io", "kustomizations.kustomize.toolkit.fluxcd.io"]) {
        const res = await kube<WithConditions>("GET", `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd}`);
        if (!hasCondition(res.body, "Established")) return false;
      }
      return true;
    },
    60_000,
  );
  await applyObject(kube, { apiVersion: "v1", kind: "Namespace", metadata: { name: FLUX_NAMESPACE } });
  const kubeconfig = readFileSync(opts.kubeconfigPath, "utf8");
  for (const name of [FLUX_SECOND_CLUSTER_SECRET, ...FLUX_CLUSTER_ENTRIES.map((c) => `cluster-${c}`)])
    await applyObject(kube, {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name, namespace: FLUX_NAMESPACE },
      type: "Opaque",
      stringData: { value: kubeconfig },
    });
}

export async function startFlux(opts: FluxOptions): Promise<void> {
  const { ports, group, phase } = opts;
  await applyFluxCrds(opts);
  phase("Flux CRDs applied");

  const home = path.join(opts.dir, "flux");
  const storage = path.join(home, "storage");
  const tmp = path.join(home, "tmp");
  for (const d of [storage, tmp]) mkdirSync(d, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KUBECONFIG: opts.kubeconfigPath,
    RUNTIME_NAMESPACE: FLUX_NAMESPACE,
    TMPDIR: tmp,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: "1",
  };
  const common = (metrics: number, health: number) => [
    `--metrics-addr=127.0.0.1:${metrics}`,
    `--health-addr=127.0.0.1:${health}`,
    "--enable-leader-election=false",
    "--watch-all-namespaces=true",
    "--log-level=info",
  ];

  const storageAddr = `127.0.0.1:${ports.fluxStorage}`;
  const source = group.start(
    "flux-source-controller",
    opts.binaries.source.bin("source-controller"),
    [
      ...common(ports.fluxSourceMetrics, ports.fluxSourceHealth),
      `--storage-path=${storage}`,
      `--storage-addr=${storageAddr}`,
      `--storage-adv-addr=${storageAddr}`,
    ],
    { cwd: home, env },
  );
  await waitForHttp(`http://127.0.0.1:${ports.fluxSourceHealth}/readyz`, [source, ...opts.controlPlane], 90_000, {
    ok: is200,
  });
  phase(`flux source-controller ready (artifacts on http://${storageAddr})`);

  const kustomize = group.start(
    "flux-kustomize-controller",
    opts.binaries.kustomize.bin("kustomize-controller"),
    common(ports.fluxKustomizeMetrics, ports.fluxKustomizeHealth),
    { cwd: home, env },
  );
  await waitForHttp(`http://127.0.0.1:${ports.fluxKustomizeHealth}/readyz`, [kustomize, source], 90_000, {
    ok: is200,
  });
  phase("flux kustomize-controller ready");
}
