import { readFileSync } from "node:fs";
import https from "node:https";
import { parse } from "yaml";
import type { K8sObject } from "../gitops/kustomize";

// `kubectl apply --server-side --dry-run=server` without kubectl (which a fresh machine may lack): a server-side apply PATCH with
// dryRun=All and strict field validation, so an unknown or misspelt field is an error too.

const PLURALS: Record<string, { plural: string; namespaced: boolean }> = {
  ServiceAccount: { plural: "serviceaccounts", namespaced: true },
  ConfigMap: { plural: "configmaps", namespaced: true },
  Service: { plural: "services", namespaced: true },
  Namespace: { plural: "namespaces", namespaced: false },
  Deployment: { plural: "deployments", namespaced: true },
  PodDisruptionBudget: { plural: "poddisruptionbudgets", namespaced: true },
  Ingress: { plural: "ingresses", namespaced: true },
  Role: { plural: "roles", namespaced: true },
  RoleBinding: { plural: "rolebindings", namespaced: true },
  ClusterRole: { plural: "clusterroles", namespaced: false },
  ClusterRoleBinding: { plural: "clusterrolebindings", namespaced: false },
  CustomResourceDefinition: { plural: "customresourcedefinitions", namespaced: false },
  Cluster: { plural: "clusters", namespaced: true },
  Application: { plural: "applications", namespaced: true },
};

export type KubeResponse = { status: number; body: Record<string, unknown>; warnings: string[] };

type Kubeconfig = {
  clusters: { cluster: { server: string; "certificate-authority-data": string } }[];
  users: { user: { "client-certificate-data": string; "client-key-data": string } }[];
};

/** The cluster tier's kubeconfig (scripts/cluster/certs.ts): one cluster, one client-certificate user. */
export function kubeClient(kubeconfigPath: string) {
  const config = parse(readFileSync(kubeconfigPath, "utf8")) as Kubeconfig;
  const { cluster } = config.clusters[0]!;
  const { user } = config.users[0]!;
  const pem = (b64: string) => Buffer.from(b64, "base64");
  const server = new URL(cluster.server);
  const tls = {
    ca: pem(cluster["certificate-authority-data"]),
    cert: pem(user["client-certificate-data"]),
    key: pem(user["client-key-data"]),
  };

  async function request(method: string, path: string, body?: unknown, contentType?: string): Promise<KubeResponse> {
    const opts: https.RequestOptions = {
      method,
      hostname: server.hostname,
      port: server.port,
      path,
      headers: body ? { "content-type": contentType ?? "application/json", accept: "application/json" } : {},
      ...tls,
    };
    return new Promise((resolve, reject) => {
      const req = https.request(opts, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => {
          const warning = res.headers.warning;
          resolve({
            status: res.statusCode ?? 0,
            body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
            warnings: (Array.isArray(warning) ? warning : warning ? [warning] : []).map(String),
          });
        });
      });
      req.on("error", reject);
      if (body) req.write(JSON.stringify(body));
      req.end();
    });
  }

  function pathOf(obj: K8sObject): string {
    const kind = PLURALS[obj.kind];
    if (!kind) throw new Error(`no resource path known for kind ${obj.kind}`);
    const base = obj.apiVersion.includes("/") ? `/apis/${obj.apiVersion}` : `/api/${obj.apiVersion}`;
    const ns = kind.namespaced ? `/namespaces/${obj.metadata.namespace ?? "default"}` : "";
    return `${base}${ns}/${kind.plural}/${obj.metadata.name}`;
  }

  /** Server-side apply; `dryRun` leaves the cluster unchanged. */
  const apply = (obj: K8sObject, opts: { dryRun: boolean }) =>
    request(
      "PATCH",
      `${pathOf(obj)}?fieldManager=slipway-install-test&force=true&fieldValidation=Strict${opts.dryRun ? "&dryRun=All" : ""}`,
      obj,
      "application/apply-patch+yaml",
    );

  return { request, apply, pathOf };
}
