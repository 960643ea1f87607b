import { spawnSync } from "node:child_process";
import { locateKustomize } from "@/lib/integrations/kustomize";
import { kustomizePeer } from "./cluster/recipes";
import { ensureGoPeer } from "./peers/go-build";

export type KustomizeReady = { binary: string; problem?: undefined } | { binary: null; problem: string };

const hasGo = () => !spawnSync("go", ["version"], { stdio: "ignore" }).error;

/**
 * Finds kustomize (or kubectl) the way the portal does, and when there is neither, builds kustomize
 * from its Go module into the tool cache. The caller hands `binary` to its children as SLIPWAY_KUSTOMIZE.
 */
export async function ensureKustomize(say: (line: string) => void): Promise<KustomizeReady> {
  const found = locateKustomize();
  if (found.command) return { binary: found.command[0] };
  if (!found.buildable) return { binary: null, problem: found.problem };
  if (!hasGo()) return { binary: null, problem: `${found.problem} and Go is not installed to build kustomize` };
  say(`${found.problem}: building kustomize from its Go module (about a minute, once; later starts reuse it)`);
  try {
    const built = await ensureGoPeer(kustomizePeer, (_name, msg) => say(`kustomize: ${msg}`));
    return { binary: built.bin("kustomize") };
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split("\n")[0];
    return { binary: null, problem: `${found.problem} and building kustomize with Go failed (${reason})` };
  }
}
