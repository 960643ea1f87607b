import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { childEnv } from "@/lib/env";
import { renderKustomization } from "@/lib/integrations/kustomize";
import type { GitSource } from "./git-source";
import type { SimContainer, SimWorkload } from "./state-types";

const TAR = "/usr/bin/tar";
const MAX_BUFFER = 32 * 1024 * 1024;
const cacheSize = 64;

export type DesiredWorkload = Pick<
  SimWorkload,
  "kind" | "name" | "namespace" | "replicas" | "containers" | "templateHash"
>;
export type Rendered = { hash: string; workloads: DesiredWorkload[] };
export type RenderInput = {
  repoDir: string;
  sha: string;
  tree: string;
  scope: string;
  path: string;
  defaultNamespace: string;
};

type K8sObject = { kind?: string; metadata?: { name?: string; namespace?: string }; spec?: Record<string, unknown> };

function run(file: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd, env: childEnv({}), maxBuffer: MAX_BUFFER, timeout: 60_000, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`${path.basename(file)} ${args.join(" ")} failed: ${(stderr || error.message).trim()}`));
        else resolve(stdout);
      },
    );
  });
}

const dig = (value: unknown, keys: string[]): unknown =>
  keys.reduce<unknown>(
    (acc, key) => (acc && typeof acc === "object" ? (acc as Record<string, unknown>)[key] : undefined),
    value,
  );

function readContainers(podSpec: unknown): SimContainer[] {
  const containers = dig(podSpec, ["containers"]);
  if (!Array.isArray(containers)) return [];
  return containers.map((c: { name?: unknown; image?: unknown }) => ({
    name: String(c.name ?? ""),
    image: String(c.image ?? ""),
  }));
}

const hashOf = (value: unknown) =>
  createHash("sha256")
    .update(JSON.stringify(value ?? null))
    .digest("hex")
    .slice(0, 16);

/** The Deployments and CronJobs of a rendered overlay; everything else is assumed healthy once applied. */
export function extractWorkloads(objects: K8sObject[], defaultNamespace: string): DesiredWorkload[] {
  const workloads: DesiredWorkload[] = [];
  for (const o of objects) {
    const name = o.metadata?.name;
    if (!name) continue;
    const namespace = o.metadata?.namespace ?? defaultNamespace;
    if (o.kind === "Deployment") {
      const template = dig(o.spec, ["template"]);
      const replicas = dig(o.spec, ["replicas"]);
      // The API server defaults spec.replicas to 1.
      workloads.push({
        kind: "Deployment",
        name,
        namespace,
        replicas: typeof replicas === "number" ? replicas : 1,
        containers: readContainers(dig(template, ["spec"])),
        templateHash: hashOf(template),
      });
    } else if (o.kind === "CronJob") {
      const template = dig(o.spec, ["jobTemplate"]);
      const parallelism = dig(template, ["spec", "parallelism"]);
      workloads.push({
        kind: "CronJob",
        name,
        namespace,
        replicas: typeof parallelism === "number" ? parallelism : 1,
        containers: readContainers(dig(template, ["spec", "template", "spec"])),
        templateHash: hashOf(template),
      });
    }
  }
  return workloads;
}

export function parseRendered(text: string): K8sObject[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`kustomize printed invalid YAML: ${doc.errors[0]?.message}`);
    const value = doc.toJS() as K8sObject | null;
    return value && typeof value === "object" ? [value] : [];
  });
}

/**
 * Renders an Application's source the way ArgoCD's repo server does: export the commit's files,
 * then the real kustomize (`kustomize build` or `kubectl kustomize`). Renders are cached by git
 * tree, which fixes their input.
 */
export function createRenderer(git: GitSource, workRoot: string) {
  const cache = new Map<string, Rendered>();

  async function renderFresh(input: RenderInput): Promise<Rendered> {
    await fs.mkdir(workRoot, { recursive: true });
    const work = await fs.mkdtemp(path.join(workRoot, "render-"));
    try {
      const tarFile = path.join(work, "source.tar");
      const tree = path.join(work, "tree");
      await fs.mkdir(tree);
      await git.archive(input.repoDir, input.sha, input.scope, tarFile);
      await run(TAR, ["-xf", tarFile, "-C", tree], work);
      const output = await renderKustomization(path.join(tree, input.path), { cwd: work });
      return {
        hash: createHash("sha256").update(output).digest("hex"),
        workloads: extractWorkloads(parseRendered(output), input.defaultNamespace),
      };
    } finally {
      await fs.rm(work, { recursive: true, force: true });
    }
  }

  return async function render(input: RenderInput): Promise<Rendered> {
    const key = [input.repoDir, input.tree, input.path, input.defaultNamespace].join("\0");
    const cached = cache.get(key);
    if (cached) return cached;
    const rendered = await renderFresh(input);
    cache.set(key, rendered);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
    return rendered;
  };
}

export type Renderer = ReturnType<typeof createRenderer>;
