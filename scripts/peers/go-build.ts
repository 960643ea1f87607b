import { spawn } from "node:child_process";
import { cpSync, chmodSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { toolSettings } from "@/lib/env";

// Builds a real test peer (Gitea, Dex, kube-apiserver, ...) from its published Go module into a
// cache outside the repository. Only the recipe lives in the repo; source and binaries stay in
// the cache (`SLIPWAY_PEERS_CACHE`, default ~/.cache/slipway-peers/<name>-<version>/).

export type GoPeer = {
  name: string;
  /** The module to download, e.g. code.gitea.io/gitea. */
  module: string;
  /** A version the module proxy serves (a tag or a pseudo-version). */
  version: string;
  /** Binaries to build: output name → package path relative to the module root. */
  binaries: Record<string, string>;
  tags?: string[];
  ldflags?: string;
  /** Adjusts the writable source copy before building (e.g. `go mod edit` a replace the zip cannot satisfy). */
  prepare?: (srcDir: string, go: GoRunner) => Promise<void>;
};

export type GoRunner = (args: string[], opts?: { cwd?: string; onLine?: (line: string) => void }) => Promise<string>;

export type BuiltPeer = { dir: string; srcDir: string; bin: (name: string) => string };

export function peersCacheDir(): string {
  return toolSettings().peersCache;
}

export type PeerLog = (name: string, msg: string) => void;
const peersLog: PeerLog = (name, msg) => console.log(`[peers] ${name}: ${msg}`);

export const runGo: GoRunner = (args, opts = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn("go", args, {
      cwd: opts.cwd,
      env: { ...process.env, GOFLAGS: "-buildvcs=false", GOTOOLCHAIN: "local" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderrTail = "";
    const onChunk = (chunk: Buffer, keep: boolean) => {
      const text = chunk.toString();
      if (keep) stdout += text;
      else stderrTail = (stderrTail + text).slice(-4000);
      if (opts.onLine) for (const line of text.split("\n")) if (line.trim()) opts.onLine(line.trim());
    };
    child.stdout.on("data", (c: Buffer) => onChunk(c, true));
    child.stderr.on("data", (c: Buffer) => onChunk(c, false));
    child.on("error", (err) => reject(new Error(`cannot run go (is Go installed?): ${err.message}`)));
    child.on("close", (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`go ${args.join(" ")} failed (exit ${code}):\n${stderrTail}`)),
    );
  });

const formatSeconds = (ms: number) => `${Math.round(ms / 1000)}s`;

/** Returns the cached build, building it first when missing or incomplete. */
export async function ensureGoPeer(peer: GoPeer, log: PeerLog = peersLog): Promise<BuiltPeer> {
  const dir = path.join(peersCacheDir(), `${peer.name}-${peer.version}`);
  const srcDir = path.join(dir, "src");
  const built: BuiltPeer = { dir, srcDir, bin: (name) => path.join(dir, "bin", name) };
  const marker = path.join(dir, ".complete");
  if (existsSync(marker)) return built;

  const started = Date.now();
  log(peer.name, `building ${peer.module}@${peer.version} into ${dir} (first use; later runs reuse it)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "bin"), { recursive: true });

  log(peer.name, "downloading the module source");
  const info = JSON.parse(await runGo(["mod", "download", "-json", `${peer.module}@${peer.version}`])) as {
    Dir?: string;
    Error?: string;
  };
  if (!info.Dir)
    throw new Error(`${peer.module}@${peer.version}: ${info.Error ?? "the module proxy returned no source"}`);
  // The module cache is read-only; build in a writable copy so recipes may adjust go.mod.
  cpSync(info.Dir, srcDir, { recursive: true });
  makeWritable(srcDir);
  await peer.prepare?.(srcDir, runGo);

  const packages = Object.values(peer.binaries);
  log(peer.name, "downloading dependencies");
  await runGo(["mod", "download"], { cwd: srcDir });
  // An upper bound: `go build -v` names each package it compiles (standard library ones too on a
  // cold cache), and leaves out those already in Go's build cache.
  const total = (await runGo(["list", "-deps", ...tagArgs(peer), ...packages], { cwd: srcDir }))
    .split("\n")
    .filter(Boolean).length;

  for (const [name, pkg] of Object.entries(peer.binaries)) {
    let compiled = 0;
    const progress = setInterval(
      () =>
        log(
          peer.name,
          `compiling ${name}: ${compiled}/${total} packages, ${formatSeconds(Date.now() - started)} so far`,
        ),
      30_000,
    );
    try {
      await runGo(
        [
          "build",
          "-v",
          ...tagArgs(peer),
          ...(peer.ldflags ? ["-ldflags", peer.ldflags] : []),
          "-o",
          built.bin(name),
          pkg,
        ],
        {
          cwd: srcDir,
          // `go build -v` prints each package it compiles, one import path per line.
          onLine: (line) => {
            if (!line.includes(" ") && line.includes("/")) compiled++;
          },
        },
      );
    } finally {
      clearInterval(progress);
    }
    log(peer.name, `built ${name} (${formatSeconds(Date.now() - started)})`);
  }
  writeFileSync(
    marker,
    JSON.stringify({
      module: peer.module,
      version: peer.version,
      builtAt: new Date().toISOString(),
      seconds: Math.round((Date.now() - started) / 1000),
    }),
  );
  return built;
}

function tagArgs(peer: GoPeer): string[] {
  return peer.tags?.length ? ["-tags", peer.tags.join(",")] : [];
}

function makeWritable(dir: string): void {
  for (const entry of readdirSync(dir)) {
    const p = path.join(dir, entry);
    const st = statSync(p);
    chmodSync(p, st.mode | 0o200);
    if (st.isDirectory()) makeWritable(p);
  }
  chmodSync(dir, statSync(dir).mode | 0o200);
}
