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
