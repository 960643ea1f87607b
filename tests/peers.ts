import net from "node:net";
// The real peers the test tiers started (scripts/peers/test-peers.ts, scripts/cluster/test-cluster.ts hand them over).
export type PeerForgejo = { url: string; token: string; username: string };

export function peerForgejo(): PeerForgejo {
  const url = process.env.SLIPWAY_FORGEJO_URL;
  const token = process.env.SLIPWAY_FORGEJO_TOKEN;
  const username = process.env.SLIPWAY_PEER_FORGEJO_USER;
  if (!url || !token || !username)
    throw new Error(
      "No real Forgejo/Gitea configured: run these tests through `npm run test:peers`, which builds and starts one.",
    );
  return { url, token, username };
}

/** Where the cluster tier's argocd-notifications posts (scripts/cluster/test-cluster.ts configures it). */
export function clusterWebhookPort(): number {
  const port = Number(process.env.CLUSTER_WEBHOOK_PORT);
  if (!port) throw new Error("CLUSTER_WEBHOOK_PORT is unset: run these tests through `npm run test:cluster`.");
  return port;
}

/** The Kyverno CLI the peers tier built (scripts/peers/recipes.ts, kyvernoPeer). */
export function peerKyverno(): string {
  const bin = process.env.SLIPWAY_PEER_KYVERNO;
  if (!bin)
    throw new Error("No Kyverno CLI configured: run these tests through `npm run test:peers`, which builds it.");
  return bin;
}

/** Calls the real Gitea's REST API as the peer's admin; the body of an empty answer is null. */
export function giteaApiOf(gitea: PeerForgejo) {
  return async <T>(method: string, pathname: string, body?: unknown): Promise<{ status: number; json: T }> => {
    const res = await fetch(`${gitea.url}/api/v1${pathname}`, {
      method,
      headers: { Authorization: `token ${gitea.token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
  };
}

/** A TCP port free on 127.0.0.1 right now (for a route server Gitea delivers webhooks to). */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/** The GitOps engines the cluster tier started (`npm run test:cluster -- --engines=argocd,flux`). */
export function clusterEngines(): Set<string> {
  const engines = process.env.SLIPWAY_CLUSTER_ENGINES;
  if (engines === undefined)
    throw new Error("SLIPWAY_CLUSTER_ENGINES is unset: run these tests through `npm run test:cluster`.");
  return new Set(engines.split(",").filter(Boolean));
}
