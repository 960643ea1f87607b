import { execFile } from "node:child_process";
import path from "node:path";
import { childEnv } from "@/lib/env";
import { locateKustomize, type Located } from "./locate";

const MAX_BUFFER = 32 * 1024 * 1024;

let located: Located | undefined;

/** Looked up once per process: the launcher and the test set-up hand SLIPWAY_KUSTOMIZE down. */
export function kustomizeCommand(): Located {
  located ??= locateKustomize();
  return located;
}

/** Renders the kustomization in `dir` (`kustomize build` or `kubectl kustomize`) and returns the YAML. */
export function renderKustomization(dir: string, opts: { cwd?: string; timeoutMs?: number } = {}): Promise<string> {
  const found = kustomizeCommand();
  if (!found.command)
    return Promise.reject(
      new Error(`cannot render ${dir}: ${found.problem} (set SLIPWAY_KUSTOMIZE, or install Go to have it built)`),
    );
  const [file, ...prefix] = found.command;
  const args = [...prefix, dir];
  const name = [path.basename(file), ...prefix].join(" ");
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: opts.cwd, env: childEnv({}), maxBuffer: MAX_BUFFER, timeout: opts.timeoutMs ?? 60_000, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${name} ${dir} failed: ${(stderr || error.message).trim()}`));
        else resolve(stdout);
      },
    );
  });
}
