import { randomBytes } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import type { BuiltPeer } from "../peers/go-build";
import { waitForHttp, waitForTcp, waitUntil, type PeerProcess, type ProcessGroup } from "../peers/processes";
import { applyObject, hasCondition, type KubeObject, type KubeRequest, type WithConditions } from "./kube-rest";
import { argocdCrdFiles } from "./recipes";

// ArgoCD out of cluster against the loopback control plane: its CRDs and config objects, then redis →
// argocd-repo-server → argocd-application-controller (→ argocd-notifications). No argocd-server, dex
// or ApplicationSet controller: Slipway talks to the Application objects directly.

export const ARGOCD_NAMESPACE = "argocd";

export type ArgocdPorts = {
  redis: number;
  repoServer: number;
  repoServerMetrics: number;
  controllerMetrics: number;
  notificationsMetrics: number;
};

export type ArgocdOptions = {
  dir: string;
  ports: ArgocdPorts;
  binaries: { argocd: BuiltPeer; kustomize: BuiltPeer };
  kube: KubeRequest;
  kubeconfigPath: string;
  /** Watched while waiting for the CRDs: a dead apiserver should fail fast, not time out. */
  controlPlane: PeerProcess[];
  appResyncSeconds: number;
  notifications: boolean;
  group: ProcessGroup;
  phase: (msg: string) => void;
};

const is200 = (res: { status: number }) => res.status === 200;

export function assertRedisInstalled(): void {
  if (!(process.env.PATH ?? "").split(":").some((d) => d && existsSync(path.join(d, "redis-server")))) {
    throw new Error(
      "redis-server is not installed (ArgoCD needs it): apt-get install -y redis-server, or start Flux alone with `npm run test:cluster -- --engines=flux <files>`",
    );
  }
}

export async function startArgocd(opts: ArgocdOptions): Promise<void> {
  const { ports, group, phase } = opts;
  await applyArgocdConfig(opts);
  phase("ArgoCD CRDs and config applied");

  const home = path.join(opts.dir, "argocd");
  const env = prepareArgocdHome(home, opts);
  const redis = group.start("redis", "redis-server", [
    "--port",
    String(ports.redis),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
    "--protected-mode",
    "no",
    "--dir",
    path.join(home, "tmp"),
  ]);
  await waitUntil("redis PING", [redis], () => redisPing(ports.redis), 20_000);
  phase(`redis up on 127.0.0.1:${ports.redis}`);

  const argocd = (binaryName: string, args: string[], extraEnv: Record<string, string> = {}) =>
    group.start(binaryName, opts.binaries.argocd.bin("argocd"), ["--loglevel=info", ...args], {
      cwd: home,
      env: { ...env, ARGOCD_BINARY_NAME: binaryName, ...extraEnv },
    });

  const repoServer = argocd("argocd-repo-server", [
    "--address=127.0.0.1",
    `--port=${ports.repoServer}`,
    "--metrics-address=127.0.0.1",
    `--metrics-port=${ports.repoServerMetrics}`,
    `--redis=127.0.0.1:${ports.redis}`,
    "--disable-tls",
    // Its default (/app/config/reposerver/mtls/client-ca.crt) is refused together with --disable-tls.
    "--client-ca-path=",
  ]);
  await waitForTcp(ports.repoServer, [redis, repoServer], 60_000);
  await waitForHttp(`http://127.0.0.1:${ports.repoServerMetrics}/healthz`, [redis, repoServer], 60_000, { ok: is200 });
  phase(`argocd-repo-server up on 127.0.0.1:${ports.repoServer}`);

  const controller = argocd(
    "argocd-application-controller",
    [
      `--redis=127.0.0.1:${ports.redis}`,
      `--repo-server=127.0.0.1:${ports.repoServer}`,
      "--repo-server-plaintext",
      `--metrics-port=${ports.controllerMetrics}`,
      `--app-resync=${opts.appResyncSeconds}`,
      "--self-heal-timeout-seconds=2",
      "--hydrator-enabled=false",
    ],
    // Otherwise the shard is parsed from the hostname, as if this were a StatefulSet pod.
    { ARGOCD_CONTROLLER_SHARD: "0", ARGOCD_CONTROLLER_REPLICAS: "1" },
  );
  await waitForHttp(`http://127.0.0.1:${ports.controllerMetrics}/healthz`, [redis, repoServer, controller], 90_000, {
    ok: is200,
  });
  phase("argocd-application-controller healthy");

  if (!opts.notifications) return;
  // Empty on purpose: the test applies its own (deploy/argocd/notifications-cm.yaml with a loopback URL).
  await applyObject(opts.kube, {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: argocdMeta("argocd-notifications-cm"),
  });
  await applyObject(opts.kube, {
    apiVersion: "v1",
    kind: "Secret",
    metadata: argocdMeta("argocd-notifications-secret"),
    type: "Opaque",
  });
  const notifications = argocd("argocd-notifications", [
    `--argocd-repo-server=127.0.0.1:${ports.repoServer}`,
    "--argocd-repo-server-plaintext",
    `--metrics-port=${ports.notificationsMetrics}`,
  ]);
  await waitForHttp(`http://127.0.0.1:${ports.notificationsMetrics}/metrics`, notifications, 60_000, { ok: is200 });
  phase("argocd-notifications up");
}

/** ArgoCD finds its config objects by name and the part-of label. */
function argocdMeta(name: string) {
  return {
    name,
    namespace: ARGOCD_NAMESPACE,
    labels: { "app.kubernetes.io/part-of": "argocd", "app.kubernetes.io/name": name },
  };
}

async function applyArgocdConfig(opts: ArgocdOptions): Promise<void> {
  const { kube } = opts;
  for (const file of argocdCrdFiles(opts.binaries.argocd.srcDir)) {
    for (const doc of parseAllDocuments(readFileSync(file, "utf8")))
      if (doc.contents) await applyObject(kube, doc.toJS() as KubeObject);
  }
  await waitUntil(
    "ArgoCD CRDs Established",
    opts.controlPlane,
    async () => {
      for (const crd of ["applications.argoproj.io", "appprojects.argoproj.io"]) {
        const res = await kube<WithConditions>("GET", `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd}`);
        if (!hasCondition(res.body, "Established")) return false;
      }
      return true;
    },
    60_000,
  );
  const objects: KubeObject[] = [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: ARGOCD_NAMESPACE } },
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: argocdMeta("argocd-cm"),
      data: { "timeout.reconciliation": `${opts.appResyncSeconds}s` },
    },
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: argocdMeta("argocd-secret"),
      type: "Opaque",
      stringData: { "server.secretkey": randomBytes(32).toString("base64") },
    },
    { apiVersion: "v1", kind: "ConfigMap", metadata: argocdMeta("argocd-rbac-cm"), data: {} },
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: argocdMeta("argocd-cmd-params-cm"),
      data: { "controller.repo.server.plaintext": "true", "reposerver.disable.tls": "true" },
    },
    // argocd-server would create the default project on start; it is not running here.
    {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "AppProject",
      metadata: { name: "default", namespace: ARGOCD_NAMESPACE },
      spec: {
        sourceRepos: ["*"],
        destinations: [{ server: "*", namespace: "*" }],
        clusterResourceWhitelist: [{ group: "*", kind: "*" }],
      },
    },
  ];
  for (const obj of objects) await applyObject(kube, obj);
}

/** The directories and PATH the ArgoCD image provides, under `home`; returns the environment for its processes. */
function prepareArgocdHome(home: string, opts: ArgocdOptions): NodeJS.ProcessEnv {
  for (const sub of ["tls", "ssh", "gpg/keys", "gpg/source", "plugins", "tmp", "bin"])
    mkdirSync(path.join(home, sub), { recursive: true });
  // repo-server runs hack/git-verify-wrapper.sh for every manifest generation, GPG or not (a missing
  // one surfaces as a bare "permission denied"), and kustomize for kustomize apps.
  const bin = path.join(home, "bin");
  copyFileSync(
    path.join(opts.binaries.argocd.srcDir, "hack", "git-verify-wrapper.sh"),
    path.join(bin, "git-verify-wrapper.sh"),
  );
  chmodSync(path.join(bin, "git-verify-wrapper.sh"), 0o755);
  symlinkSync(opts.binaries.kustomize.bin("kustomize"), path.join(bin, "kustomize"));
  return {
    ...process.env,
    KUBECONFIG: opts.kubeconfigPath,
    // Maps https://kubernetes.default.svc (the in-cluster destination) to the kubeconfig.
    ARGOCD_FAKE_IN_CLUSTER: "true",
    ARGOCD_TLS_DATA_PATH: path.join(home, "tls"),
    ARGOCD_SSH_DATA_PATH: path.join(home, "ssh"),
    ARGOCD_GNUPGHOME: path.join(home, "gpg/keys"),
    ARGOCD_GPG_DATA_PATH: path.join(home, "gpg/source"),
    ARGOCD_GPG_ENABLED: "false",
    ARGOCD_PLUGINSOCKFILEPATH: path.join(home, "plugins"),
    TMPDIR: path.join(home, "tmp"),
    PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    GIT_CONFIG_NOSYSTEM: "1",
  };
}

function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.setTimeout(2000, () => (socket.destroy(), resolve(false)));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (d: Buffer) => (socket.destroy(), resolve(d.toString().startsWith("+PONG"))));
    socket.once("error", () => resolve(false));
  });
}
