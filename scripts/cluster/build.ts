// Builds (or reuses) every binary of the real-cluster tier, one at a time (builds saturate 2 cores).
//   npx tsx scripts/cluster/build.ts [names]    build missing peers (all, or e.g. flux-source-controller),
//                                               print wall time per peer
//   npx tsx scripts/cluster/build.ts --check    only download + prepare into /tmp/cluster-check and
//                                               resolve every dependency (minutes, not an hour)
import { cpSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { ensureGoPeer, runGo, type GoPeer } from "../peers/go-build";
import { clusterPeers, fluxPeers } from "./recipes";

export async function buildClusterPeers(peers: GoPeer[] = clusterPeers): Promise<Record<string, number>> {
  const seconds: Record<string, number> = {};
  for (const peer of peers) {
    const started = Date.now();
    await ensureGoPeer(peer);
    seconds[peer.name] = Math.round((Date.now() - started) / 1000);
  }
  return seconds;
}

async function checkPeer(peer: GoPeer, root: string): Promise<void> {
  const started = Date.now();
  const info = JSON.parse(await runGo(["mod", "download", "-json", `${peer.module}@${peer.version}`])) as {
    Dir?: string;
    Error?: string;
  };
  if (!info.Dir) throw new Error(`${peer.module}@${peer.version}: ${info.Error}`);
  const src = path.join(root, peer.name);
  rmSync(src, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  cpSync(info.Dir, src, { recursive: true });
  await runGo(["env"]); // fail fast if go is missing
  const { execSync } = await import("node:child_process");
  execSync(`chmod -R u+w ${JSON.stringify(src)}`);
  await peer.prepare?.(src, runGo);
  await runGo(["mod", "download"], { cwd: src });
  const pkgs = (
    await runGo(
      ["list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ...Object.values(peer.binaries)],
      { cwd: src },
    )
  )
    .split("\n")
    .filter(Boolean);
  console.log(
    `[cluster] ${peer.name} ${peer.version}: ${pkgs.length} non-std packages resolve (${Math.round((Date.now() - started) / 1000)}s)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const all = [...clusterPeers, ...fluxPeers];
  const peers = only.length ? all.filter((p) => only.includes(p.name)) : all;
  if (process.argv.includes("--check")) {
    for (const peer of peers) await checkPeer(peer, "/tmp/cluster-check");
  } else {
    const seconds = await buildClusterPeers(peers);
    for (const [name, s] of Object.entries(seconds)) console.log(`[cluster] ${name}: ${s}s`);
  }
}
