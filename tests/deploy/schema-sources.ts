import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { ensureGoPeer, runGo } from "@/scripts/peers/go-build";
import { helmPeer } from "@/scripts/peers/recipes";

// The real tools and schemas the install tests check against, fetched through the Go module proxy
// like the peers: helm built from its module (first use), CloudNativePG's CRDs read from its module.

/** The newest CloudNativePG the module proxy serves here (it lists no versions, but serves this one). */
export const CNPG_VERSION = "v1.30.1";

export type CrdVersionSchema = { group: string; kind: string; version: string; schema: Record<string, unknown> };

type Crd = {
  spec: {
    group: string;
    names: { kind: string };
    versions: { name: string; schema: { openAPIV3Schema: Record<string, unknown> } }[];
  };
};

/** The openAPIV3Schema of every version of one CRD file of the cloudnative-pg module (config/crd/bases). */
export async function cnpgCrdSchemas(file = "postgresql.cnpg.io_clusters.yaml"): Promise<CrdVersionSchema[]> {
  const crd = parse(readFileSync(await cnpgCrdFile(file), "utf8")) as Crd;
  return crd.spec.versions.map((v) => ({
    group: crd.spec.group,
    kind: crd.spec.names.kind,
    version: v.name,
    schema: v.schema.openAPIV3Schema,
  }));
}

/** Path of the CRD file itself, for installing it into a real kube-apiserver. */
export async function cnpgCrdFile(file = "postgresql.cnpg.io_clusters.yaml"): Promise<string> {
  // The module cache keeps it: downloaded once, then a local lookup.
  const info = JSON.parse(
    await runGo(["mod", "download", "-json", `github.com/cloudnative-pg/cloudnative-pg@${CNPG_VERSION}`]),
  ) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(`cloudnative-pg ${CNPG_VERSION}: ${info.Error ?? "no source from the module proxy"}`);
  return path.join(info.Dir, "config", "crd", "bases", file);
}

/** `helm template` with the Go-built helm; `set` adds --set pairs. */
export function helmTemplate(chartDir: string, opts: { set?: Record<string, string> } = {}): Promise<string> {
  const args = ["template", "slipway", chartDir, "--namespace", "slipway"];
  for (const [k, v] of Object.entries(opts.set ?? {})) args.push("--set", `${k}=${v}`);
  return runHelm(args);
}

/** `helm lint --strict`: the chart's structure and templates, warnings included. */
export const helmLint = (chartDir: string) => runHelm(["lint", "--strict", chartDir]);

async function runHelm(args: string[]): Promise<string> {
  const helm = (await ensureGoPeer(helmPeer)).bin("helm");
  return new Promise((resolve, reject) =>
    execFile(helm, args, { maxBuffer: 16 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) =>
      error ? reject(new Error(`helm ${args.join(" ")} failed: ${(stderr || error.message).trim()}`)) : resolve(stdout),
    ),
  );
}
