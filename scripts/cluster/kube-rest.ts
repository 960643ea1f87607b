import { readFileSync } from "node:fs";
import https from "node:https";
import type { Pki } from "./certs";

// Just enough of the Kubernetes REST API for the harness (readiness probes, server-side apply of a
// handful of kinds) without pulling a client library into scripts.

/** Authenticated JSON request; `T` is the caller's idea of the response shape (not validated). */
export type KubeRequest = <T = unknown>(
  method: string,
  urlPath: string,
  body?: unknown,
  contentType?: string,
) => Promise<{ status: number; body: T }>;

export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
};

export type WithConditions = { status?: { conditions?: { type: string; status: string; message?: string }[] } };

export function hasCondition(obj: WithConditions, type: string): boolean {
  return (obj.status?.conditions ?? []).some((c) => c.type === type && c.status === "True");
}

/** Requests as the admin client certificate, trusting only the cluster CA. */
export function makeKubeRequest(server: string, pki: Pki): KubeRequest {
  const agent = new https.Agent({
    ca: readFileSync(pki.caCert),
    cert: readFileSync(pki.adminCert),
    key: readFileSync(pki.adminKey),
    keepAlive: true,
  });
  return <T>(method: string, urlPath: string, body?: unknown, contentType = "application/json") =>
    new Promise<{ status: number; body: T }>((resolve, reject) => {
      const data = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
      const headers = {
        Accept: "application/json",
        ...(data ? { "Content-Type": contentType, "Content-Length": Buffer.byteLength(data) } : {}),
      };
      const req = https.request(new URL(urlPath, server), { method, agent, headers, timeout: 30_000 }, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // Not every endpoint answers JSON (/readyz says "ok").
          }
          resolve({ status: res.statusCode ?? 0, body: parsed as T });
        });
      });
      req.on("timeout", () => req.destroy(new Error(`${method} ${urlPath}: timeout`)));
      req.on("error", reject);
      if (data) req.write(data);
      req.end();
    });
}

// Only the kinds the harness and its tests apply; no discovery.
const CORE_PLURALS: Record<string, string> = {
  Namespace: "namespaces",
  ConfigMap: "configmaps",
  Secret: "secrets",
  Node: "nodes",
  Service: "services",
  ServiceAccount: "serviceaccounts",
};
const OTHER_PLURALS: Record<string, string> = {
  CustomResourceDefinition: "customresourcedefinitions",
  AppProject: "appprojects",
  Application: "applications",
  ApplicationSet: "applicationsets",
  Deployment: "deployments",
  GitRepository: "gitrepositories",
  Kustomization: "kustomizations",
};
const NAMESPACED = new Set([
  "ConfigMap",
  "Secret",
  "Service",
  "ServiceAccount",
  "AppProject",
  "Application",
  "ApplicationSet",
  "Deployment",
  "GitRepository",
  "Kustomization",
]);

export function resourcePath(obj: KubeObject): string {
  const plural = CORE_PLURALS[obj.kind] ?? OTHER_PLURALS[obj.kind];
  if (!plural) throw new Error(`resourcePath: unknown kind ${obj.kind}`);
  const base = obj.apiVersion.includes("/") ? `/apis/${obj.apiVersion}` : `/api/${obj.apiVersion}`;
  const ns = NAMESPACED.has(obj.kind) ? `/namespaces/${obj.metadata.namespace ?? "default"}` : "";
  return `${base}${ns}/${plural}/${obj.metadata.name}`;
}

/** Server-side apply (field manager slipway-cluster, forced). */
export async function applyObject(kube: KubeRequest, obj: KubeObject): Promise<KubeObject> {
  const res = await kube<KubeObject>(
    "PATCH",
    `${resourcePath(obj)}?fieldManager=slipway-cluster&force=true`,
    obj,
    "application/apply-patch+yaml",
  );
  if (res.status >= 300)
    throw new Error(
      `apply ${obj.kind}/${obj.metadata.name}: HTTP ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`,
    );
  return res.body;
}
