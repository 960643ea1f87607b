// The real peers `npm run test:peers` started for this run (scripts/peers/test-peers.ts hands them over).
export type PeerForgejo = { url: string; token: string; username: string };

export function peerForgejo(): PeerForgejo {
  const url = process.env.SLIPWAY_FORGEJO_URL;
  const token = process.env.SLIPWAY_FORGEJO_TOKEN;
  const username = process.env.SLIPWAY_PEER_FORGEJO_USER;
  if (!url || !token || !username) throw new Error("No real Forgejo/Gitea configured: run these tests through `npm run test:peers`, which builds and starts one.");
  return { url, token, username };
}
