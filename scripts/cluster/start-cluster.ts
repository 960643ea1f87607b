import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { ensureGoPeer } from "../peers/go-build";
import { processGroup } from "../peers/processes";
import { ARGOCD_NAMESPACE, assertRedisInstalled, startArgocd } from "./argocd";
import { startControlPlane } from "./control-plane";
import { FLUX_NAMESPACE, startFlux } from "./flux";
import type { KubeRequest } from "./kube-rest";
import {
  argocdPeer,
  etcdPeer,
  fluxKustomizePeer,
  fluxSourcePeer,
  kubernetesPeer,
  kustomizePeer,
  kwokPeer,
} from "./recipes";

// A real Kubernetes control plane + ArgoCD and/or Flux on loopback, out of cluster, for the opt-in
// cluster tier (control-plane.ts, then argocd.ts and flux.ts). Every process logs to
// <dir>/logs/<name>.log and dies with us.

export type StartClusterOptions = {
  /** Working directory (certs, etcd data, logs). Wiped at start. */
  dir: string;
  /** Progress lines; default console.log. */
  log?: (line: string) => void;
  /** Fake nodes managed by kwok (default 1). */
  nodes?: number;
  /** Start redis + ArgoCD (default true). */
  argocd?: boolean;
  /** Start Flux's source-controller and kustomize-controller (default false). */
  flux?: boolean;
  /**
   * Also run argocd-notifications (default false). Empty argocd-notifications-cm/-secret are created;
   * the test applies its own data (e.g. deploy/argocd/notifications-cm.yaml with a loopback URL).
   */
  notifications?: boolean;
  /** ArgoCD's app resync period in seconds (default 30: tests want quick reconciles). */
  appResyncSeconds?: number;
};

export type RunningCluster = {
  kubeconfigPath: string;
  argocdNamespace: "argocd";
  /** Where the Flux controllers run (RUNTIME_NAMESPACE); only meaningful with `flux: true`. */
  fluxNamespace: "flux-system";
  apiServerUrl: string;
  /** Destination server for Applications (ArgoCD maps it to the kubeconfig: ARGOCD_FAKE_IN_CLUSTER). */
  inClusterServer: "https://kubernetes.default.svc";
  logsDir: string;
  /** Small authenticated REST helper against the apiserver (JSON in/out). */
  kube: KubeRequest;
  stop(): Promise<void>;
};

// The fixed ports of the dev server, the e2e and peer tiers and their Postgres instances, which may be running alongside.
const RESERVED_PORTS = new Set([3000, 3100, 3200, 3300, 5556, ...Array.from({ length: 11 }, (_, i) => 54329 + i)]);

/** A port the OS calls free, released again for the child to bind (a small race, fine on a test machine). */
async function freePort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const { port: bound } = server.address() as net.AddressInfo;
        server.close(() => resolve(bound));
      });
    });
    if (!RESERVED_PORTS.has(port) && !taken.has(port)) {
      taken.add(port);
      return port;
    }
  }
}

async function allocatePorts<K extends string>(names: readonly K[]): Promise<Record<K, number>> {
  const taken = new Set<number>();
  const ports = {} as Record<K, number>;
  for (const name of names) ports[name] = await freePort(taken);
  return ports;
}

const PORT_NAMES = [
  "etcdClient",
  "etcdPeer",
  "apiserver",
  "kcm",
  "scheduler",
  "redis",
  "repoServer",
  "repoServerMetrics",
  "controllerMetrics",
  "notificationsMetrics",
  "fluxStorage",
  "fluxSourceMetrics",
  "fluxSourceHealth",
  "fluxKustomizeMetrics",
  "fluxKustomizeHealth",
] as const;

export async function startCluster(opts: StartClusterOptions): Promise<RunningCluster> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const t0 = Date.now();
  const phase = (msg: string) => log(`[cluster] ${msg} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  const dir = path.resolve(opts.dir);
  const logsDir = path.join(dir, "logs");
  for (const sub of ["logs", "pki", "etcd", "argocd", "flux"])
    rmSync(path.join(dir, sub), { recursive: true, force: true });
  mkdirSync(logsDir, { recursive: true });

  const withArgocd = opts.argocd ?? true;
  if (withArgocd) assertRedisInstalled();
  const [etcd, kubernetes, kwok] = [
    await ensureGoPeer(etcdPeer),
    await ensureGoPeer(kubernetesPeer),
    await ensureGoPeer(kwokPeer),
  ];
  const argocdBinaries = withArgocd
    ? { argocd: await ensureGoPeer(argocdPeer), kustomize: await ensureGoPeer(kustomizePeer) }
    : undefined;
  const fluxBinaries = opts.flux
    ? { source: await ensureGoPeer(fluxSourcePeer), kustomize: await ensureGoPeer(fluxKustomizePeer) }
    : undefined;
  phase("binaries ready");

  const group = processGroup({ logDir: logsDir, killWithParent: true });
  try {
    const ports = await allocatePorts(PORT_NAMES);
    writeFileSync(path.join(dir, "ports.json"), JSON.stringify(ports, null, 2));
    const controlPlane = await startControlPlane({
      dir,
      ports,
      binaries: { etcd, kubernetes, kwok },
      nodes: opts.nodes ?? 1,
      namespace: ARGOCD_NAMESPACE,
      group,
      phase,
    });
    if (argocdBinaries) {
      const { kube, kubeconfigPath, processes } = controlPlane;
      await startArgocd({
        dir,
        ports,
        binaries: argocdBinaries,
        kube,
        kubeconfigPath,
        controlPlane: processes,
        appResyncSeconds: opts.appResyncSeconds ?? 30,
        notifications: opts.notifications ?? false,
        group,
        phase,
      });
    }
    if (fluxBinaries) {
      const { kube, kubeconfigPath, processes } = controlPlane;
      await startFlux({
        dir,
        ports,
        binaries: fluxBinaries,
        kube,
        kubeconfigPath,
        controlPlane: processes,
        group,
        phase,
      });
    }
    let stopped = false;
    return {
      kubeconfigPath: controlPlane.kubeconfigPath,
      argocdNamespace: ARGOCD_NAMESPACE,
      fluxNamespace: FLUX_NAMESPACE,
      apiServerUrl: controlPlane.apiServerUrl,
      inClusterServer: "https://kubernetes.default.svc",
      logsDir,
      kube: controlPlane.kube,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        const started = Date.now();
        await group.stop();
        log(`[cluster] stopped (${((Date.now() - started) / 1000).toFixed(1)}s)`);
      },
    };
  } catch (error) {
    await group.stop();
    throw error;
  }
}
