import fs from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";

/**
 * A kubeconfig for the fake server. client-node refuses plain http unless the cluster says
 * `insecure-skip-tls-verify: true`, so that flag is set even though there is no TLS at all.
 */
export async function writeKubeconfig(dir: string, server: { url: string; token: string }): Promise<string> {
  const file = path.join(dir, "kubeconfig.yaml");
  const config = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "fake", cluster: { server: server.url, "insecure-skip-tls-verify": true } }],
    users: [{ name: "slipway", user: { token: server.token } }],
    contexts: [{ name: "fake", context: { cluster: "fake", user: "slipway", namespace: "argocd" } }],
    "current-context": "fake",
  };
  await fs.writeFile(file, stringify(config), { mode: 0o600 });
  return file;
}
