import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import { toolSettings } from "@/lib/env";

/** The version built from its Go module when neither kustomize nor kubectl is installed. */
export const KUSTOMIZE_VERSION = "v5.8.1";

/** The command to render a kustomization: append the directory. */
export type KustomizeCommand = [file: string, ...args: string[]];
/** `buildable`: nothing is configured, so building kustomize from its Go module would fill the gap. */
export type Located = { command: KustomizeCommand } | { command: null; problem: string; buildable: boolean };

export type LocateProbes = {
  /** SLIPWAY_KUSTOMIZE: a path, or a name looked up on PATH. */
  configured?: string;
  pathDirs: string[];
  /** Where a kustomize built from its Go module lands (see builtKustomizePath). */
  built: string;
  isExecutable: (file: string) => boolean;
};

/** `kubectl kustomize DIR` and `kustomize build DIR` render the same; only the argv differs. */
export function commandFor(binary: string): KustomizeCommand {
  return path.basename(binary).startsWith("kubectl") ? [binary, "kustomize"] : [binary, "build"];
}

function onPath(name: string, p: LocateProbes): string | null {
  if (name.includes("/")) return p.isExecutable(name) ? path.resolve(name) : null;
  for (const dir of p.pathDirs) {
    const file = path.join(dir, name);
    if (p.isExecutable(file)) return file;
  }
  return null;
}

/** SLIPWAY_KUSTOMIZE wins; then kustomize, then kubectl on PATH; then the Go-built one in the cache. */
export function chooseKustomize(p: LocateProbes): Located {
  if (p.configured) {
    const binary = onPath(p.configured, p);
    return binary
      ? { command: commandFor(binary) }
      : {
          command: null,
          problem: `SLIPWAY_KUSTOMIZE=${p.configured} is not an executable kustomize or kubectl`,
          buildable: false,
        };
  }
  const binary = onPath("kustomize", p) ?? onPath("kubectl", p) ?? (p.isExecutable(p.built) ? p.built : null);
  return binary
    ? { command: commandFor(binary) }
    : { command: null, problem: "neither kustomize nor kubectl is on PATH", buildable: true };
}

export function builtKustomizePath(cacheDir = toolSettings().peersCache): string {
  return path.join(cacheDir, `kustomize-${KUSTOMIZE_VERSION}`, "bin", "kustomize");
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export function locateKustomize(): Located {
  const tools = toolSettings();
  return chooseKustomize({
    configured: tools.kustomize,
    pathDirs: tools.searchPath,
    built: builtKustomizePath(tools.peersCache),
    isExecutable,
  });
}
