import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BuiltPeer } from "../peers/go-build";
import { waitForHttp, waitUntil, type PeerProcess, type ProcessGroup } from "../peers/processes";
import { generatePki, writeKubeconfig, type Pki } from "./certs";
import { applyObject, hasCondition, makeKubeRequest, type KubeRequest, type WithConditions } from "./kube-rest";

// etcd → kube-apiserver → kube-controller-manager + kube-scheduler → kwok, whose fake Nodes make Pods
// Running/Ready without a kubelet. Everything listens on 127.0.0.1.

export type ControlPlanePorts = {
  etcdClient: number;
  etcdPeer: number;
  apiserver: number;
  kcm: number;
  scheduler: number;
};

export type ControlPlaneOptions = {
  dir: string;
  ports: ControlPlanePorts;
  binaries: { etcd: BuiltPeer; kubernetes: BuiltPeer; kwok: BuiltPeer };
  nodes: number;
  /** The kubeconfig's namespace: out-of-cluster ArgoCD takes its own namespace from it. */
  namespace: string;
  group: ProcessGroup;
  phase: (msg: string) => void;
};

export type ControlPlane = {
  apiServerUrl: string;
  kubeconfigPath: string;
  kube: KubeRequest;
  processes: PeerProcess[];
};

const KWOK_STAGES = [
  "node/fast/node-initialize.yaml",
  "node/heartbeat-with-lease/node-heartbeat-with-lease.yaml",
  "pod/fast/pod-ready.yaml",
  "pod/fast/pod-complete.yaml",
  "pod/fast/pod-delete.yaml",
];

const is200 = (res: { status: number }) => res.status === 200;

export async function startControlPlane(opts: ControlPlaneOptions): Promise<ControlPlane> {
  const { dir, ports, binaries, group, phase } = opts;
  const pki = generatePki(path.join(dir, "pki"));
  phase("certificates generated");

  const etcd = startEtcd(opts);
  await waitForHttp(`http://127.0.0.1:${ports.etcdClient}/health`, etcd, 30_000, {
    ok: (res) => res.body.includes('"true"'),
  });
  phase(`etcd up on 127.0.0.1:${ports.etcdClient}`);

  const apiServerUrl = `https://127.0.0.1:${ports.apiserver}`;
  const apiserver = startApiserver(opts, pki);
  const kube = makeKubeRequest(apiServerUrl, pki);
  await waitUntil("kube-apiserver /readyz", [etcd, apiserver], async () => is200(await kube("GET", "/readyz")), 90_000);
  const kubeconfigPath = path.join(dir, "kubeconfig");
  writeKubeconfig(kubeconfigPath, apiServerUrl, pki, opts.namespace);
  phase(`kube-apiserver ready at ${apiServerUrl}`);

  const kcm = group.start("kube-controller-manager", binaries.kubernetes.bin("kube-controller-manager"), [
    `--kubeconfig=${kubeconfigPath}`,
    `--authentication-kubeconfig=${kubeconfigPath}`,
    `--authorization-kubeconfig=${kubeconfigPath}`,
    "--bind-address=127.0.0.1",
    `--secure-port=${ports.kcm}`,
    "--leader-elect=false",
    `--service-account-private-key-file=${pki.serviceAccountKey}`,
    `--root-ca-file=${pki.caCert}`,
    "--use-service-account-credentials=false",
    "--v=1",
  ]);
  // A config file, since the scheduler's --kubeconfig/--leader-elect flags are deprecated.
  const schedulerConfig = path.join(dir, "kube-scheduler.yaml");
  writeFileSync(
    schedulerConfig,
    JSON.stringify({
      apiVersion: "kubescheduler.config.k8s.io/v1",
      kind: "KubeSchedulerConfiguration",
      clientConnection: { kubeconfig: kubeconfigPath },
      leaderElection: { leaderElect: false },
    }),
  );
  const scheduler = group.start("kube-scheduler", binaries.kubernetes.bin("kube-scheduler"), [
    `--config=${schedulerConfig}`,
    `--authentication-kubeconfig=${kubeconfigPath}`,
    `--authorization-kubeconfig=${kubeconfigPath}`,
    "--bind-address=127.0.0.1",
    `--secure-port=${ports.scheduler}`,
    "--v=1",
  ]);
  const kwok = startKwok(opts, kubeconfigPath);

  const processes = [etcd, apiserver, kcm, scheduler, kwok];
  // Both serve /healthz with a self-signed certificate of their own.
  await waitForHttp(`https://127.0.0.1:${ports.kcm}/healthz`, processes, 60_000, { insecure: true, ok: is200 });
  await waitForHttp(`https://127.0.0.1:${ports.scheduler}/healthz`, processes, 60_000, { insecure: true, ok: is200 });
  phase("controller-manager and scheduler healthy");

  await createNodes(kube, opts.nodes, processes);
  // Pods need the namespace's default ServiceAccount (ServiceAccount admission); proves KCM works.
  await waitUntil(
    "default ServiceAccount",
    processes,
    async () => is200(await kube("GET", "/api/v1/namespaces/default/serviceaccounts/default")),
    60_000,
  );
  phase(`${opts.nodes} kwok node(s) Ready`);
  return { apiServerUrl, kubeconfigPath, kube, processes };
}

function startEtcd({ dir, ports, binaries, group }: ControlPlaneOptions): PeerProcess {
  return group.start("etcd", binaries.etcd.bin("etcd"), [
    "--name=default",
    `--data-dir=${path.join(dir, "etcd")}`,
    `--listen-client-urls=http://127.0.0.1:${ports.etcdClient}`,
    `--advertise-client-urls=http://127.0.0.1:${ports.etcdClient}`,
    `--listen-peer-urls=http://127.0.0.1:${ports.etcdPeer}`,
    `--initial-advertise-peer-urls=http://127.0.0.1:${ports.etcdPeer}`,
    `--initial-cluster=default=http://127.0.0.1:${ports.etcdPeer}`,
    // Throwaway data: durability only costs start-up and test time.
    "--unsafe-no-fsync",
    "--log-level=warn",
  ]);
}

function startApiserver({ dir, ports, binaries, group }: ControlPlaneOptions, pki: Pki): PeerProcess {
  return group.start("kube-apiserver", binaries.kubernetes.bin("kube-apiserver"), [
    `--etcd-servers=http://127.0.0.1:${ports.etcdClient}`,
    "--bind-address=127.0.0.1",
    "--advertise-address=127.0.0.1",
    `--secure-port=${ports.apiserver}`,
    `--cert-dir=${path.join(dir, "pki", "apiserver-generated")}`,
    `--tls-cert-file=${pki.apiserverCert}`,
    `--tls-private-key-file=${pki.apiserverKey}`,
    `--client-ca-file=${pki.caCert}`,
    "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
    `--service-account-key-file=${pki.serviceAccountPub}`,
    `--service-account-signing-key-file=${pki.serviceAccountKey}`,
    "--service-cluster-ip-range=10.0.0.0/24",
    "--authorization-mode=RBAC",
    "--allow-privileged=true",
    // No real kube-proxy/endpoints consumers; a loopback advertise address would be rejected by EndpointSlice validation.
    "--endpoint-reconciler-type=none",
    "--profiling=false",
    "--v=1",
  ]);
}

/** kwok with the default "fast" stages kwokctl wires up (the binary has none built in), read from the module source. */
function startKwok({ dir, binaries, group }: ControlPlaneOptions, kubeconfigPath: string): PeerProcess {
  const stages = path.join(binaries.kwok.srcDir, "kustomize", "stage");
  const config = path.join(dir, "kwok.yaml");
  writeFileSync(
    config,
    KWOK_STAGES.map((f) => readFileSync(path.join(stages, f), "utf8").trim()).join("\n---\n") + "\n",
  );
  return group.start("kwok", binaries.kwok.bin("kwok"), [
    `--kubeconfig=${kubeconfigPath}`,
    `--config=${config}`,
    "--manage-all-nodes=false",
    "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
    // Without it the node lifecycle controller marks the fake node NotReady.
    "--node-lease-duration-seconds=40",
    "--cidr=10.244.0.1/16",
    "--node-ip=127.0.0.1",
  ]);
}

/** Fake nodes kwok manages (by annotation); no NoSchedule taint, so plain Deployments land on them. */
async function createNodes(kube: KubeRequest, count: number, processes: PeerProcess[]): Promise<void> {
  for (let i = 0; i < count; i++) {
    const name = `kwok-node-${i}`;
    await applyObject(kube, {
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name,
        annotations: { "node.alpha.kubernetes.io/ttl": "0", "kwok.x-k8s.io/node": "fake" },
        labels: {
          "kubernetes.io/arch": "amd64",
          "kubernetes.io/os": "linux",
          "kubernetes.io/hostname": name,
          "kubernetes.io/role": "agent",
          "node-role.kubernetes.io/agent": "",
          type: "kwok",
        },
      },
      status: {
        allocatable: { cpu: "32", memory: "256Gi", pods: "110" },
        capacity: { cpu: "32", memory: "256Gi", pods: "110" },
        nodeInfo: { architecture: "amd64", operatingSystem: "linux", kubeletVersion: "fake", kubeProxyVersion: "fake" },
      },
    });
  }
  await waitUntil(
    "kwok nodes Ready",
    processes,
    async () => {
      const res = await kube<{ items?: WithConditions[] }>("GET", "/api/v1/nodes");
      return (res.body.items ?? []).filter((n) => hasCondition(n, "Ready")).length >= count;
    },
    60_000,
  );
}
