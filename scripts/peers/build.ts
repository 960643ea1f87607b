// npm run peers:build — build (or reuse) the real test peers; prints where they are.
import { ensureGoPeer } from "./go-build";
import { dexPeer, giteaPeer, kyvernoPeer } from "./recipes";

for (const peer of [giteaPeer, dexPeer, kyvernoPeer]) {
  const started = Date.now();
  const built = await ensureGoPeer(peer);
  console.log(`[peers] ${peer.name} ${peer.version}: ${built.dir} (${Math.round((Date.now() - started) / 1000)}s)`);
}
