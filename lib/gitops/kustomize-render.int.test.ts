import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { readImageTag, setImageTag } from "./edit/image-tag";
import { setScale } from "./edit/scale";
import { defaultEnvironments } from "./manifests/gitops-options";
import { getOverlayPaths } from "./paths";
import { renderGitopsService } from "./render-gitops-service";
import { listCombos, makeOptions, makeSpec, type Combo } from "@/tests/gitops/fixtures";
import { findAll, findOne, findWorkload, secretRefs } from "@/tests/gitops/inspect-manifests";
import { runKustomize, writeTree, type K8sObject } from "@/tests/gitops/kustomize";
import { runLimited } from "@/tests/gitops/run-limited";
import { validateObject } from "@/tests/gitops/validate-object";

const svc = "payment-service";
const image = "registry.local/payments/payment-service";
// A different tag per overlay (one that reads as a number) proves each overlay's `images` wins over the base.
const envTags: Record<string, string> = { dev: "0.2.0-dev.1", staging: "0.1.1", prod: "1.10" };
const envs = defaultEnvironments;
// kustomize is a Go binary using a core per run: 4 in flight keeps a 2-core machine busy without thrashing.
const parallelism = 4;

const combos = listCombos();
const renderable = combos.filter((c) => !(c.template === "batch-job" && c.public));
const specFor = (c: Combo) =>
  makeSpec({ template: c.template, language: c.language, database: c.database, redis: c.redis, public: c.public });

type Rendered = { files: Record<string, string>; outputs: Record<string, K8sObject[]> };
const rendered = new Map<string, Rendered>();
let root = "";

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-gitops-"));
  const jobs: { combo: Combo; env: string }[] = [];
  for (const combo of renderable) {
    const files = renderGitopsService(specFor(combo), makeOptions());
    for (const env of envs) {
      const file = getOverlayPaths(svc, env.name).kustomization;
      files[file] = setImageTag(files[file] ?? "", image, envTags[env.name] ?? "");
      jobs.push({ combo, env: env.name });
    }
    await writeTree(path.join(root, combo.id), files);
    rendered.set(combo.id, { files, outputs: {} });
  }
  const started = performance.now();
  await runLimited(jobs, parallelism, async ({ combo, env }) => {
    const entry = rendered.get(combo.id) as Rendered;
    entry.outputs[env] = await runKustomize(path.join(root, combo.id, getOverlayPaths(svc, env).dir));
  });
  console.info(
    `kustomize: ${jobs.length} overlays in ${Math.round(performance.now() - started)} ms (${parallelism} at a time)`,
  );
});

afterAll(async () => {
  if (root) await fs.rm(root, { recursive: true, force: true });
});

function expectedKinds(c: Combo, production: boolean): string[] {
  const kinds = ["ServiceAccount", "ConfigMap", "ConfigMap", c.template === "batch-job" ? "CronJob" : "Deployment"];
  if (c.template !== "batch-job") kinds.push("Service");
  if (c.public) kinds.push("Ingress");
  if (production) kinds.push("NetworkPolicy");
  if (c.database) kinds.push("Cluster");
  return kinds.sort();
}

describe.each(renderable)("$id", (combo) => {
  const spec = specFor(combo);
  const batch = combo.template === "batch-job";

  it.each(envs)("$name overlay builds with kustomize into schema-valid objects", (env) => {
    const { files, outputs } = rendered.get(combo.id) as Rendered;
    const objects = outputs[env.name] as K8sObject[];
    const namespace = `backend-team-${env.name}`;

    expect(objects.flatMap(validateObject)).toEqual([]);
    expect(objects.map((o) => o.kind).sort()).toEqual(expectedKinds(combo, env.production));
    expect(findAll(objects, "Secret")).toEqual([]);
    expect(objects.filter((o) => o.metadata.namespace !== namespace).map((o) => o.kind)).toEqual([]);

    const workload = findWorkload(objects);
    const container = workload.pod.containers[0];
    const tag = readImageTag(files[getOverlayPaths(svc, env.name).kustomization] ?? "", image);
    expect(tag).toBe(envTags[env.name]);
    expect(container?.image).toBe(`${image}:${tag}`);
    expect(workload.replicas).toBe(env.replicas);

    expect(workload.pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(container?.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ["ALL"] },
    });
    expect(Object.keys(container?.resources.requests ?? {}).sort()).toEqual(["cpu", "memory"]);
    expect(Object.keys(container?.resources.limits ?? {}).sort()).toEqual(["cpu", "memory"]);
    expect(container?.livenessProbe?.httpGet.port).toBe(batch ? undefined : spec.port);
    expect(container?.readinessProbe?.httpGet.port).toBe(batch ? undefined : spec.port);

    // Every ConfigMap the pod reads exists under its generated (hashed) name.
    const configMaps = findAll(objects, "ConfigMap").map((o) => o.metadata.name);
    for (const ref of container?.envFrom ?? []) expect(configMaps).toContain(ref.configMapRef?.name);

    const expectedRefs: Record<string, string> = {};
    if (combo.database) expectedRefs.DATABASE_URL = `${svc}-db-app/uri`;
    if (combo.redis) expectedRefs.REDIS_URL = `${svc}-redis/url`;
    expect(secretRefs(container!)).toMatchObject(expectedRefs);
    if (!combo.database && !combo.redis) expect(container?.env).toBeUndefined();

    if (combo.database) {
      const cluster = findOne(objects, "Cluster") as K8sObject & { spec: { instances: number } };
      expect(cluster.metadata.name).toBe(`${svc}-db`);
      expect(cluster.spec.instances).toBe(env.production ? 3 : 1);
    }

    if (combo.public) {
      type IngressSpec = { tls: { hosts: string[]; secretName: string }[]; rules: { host: string }[] };
      const ingress = findOne(objects, "Ingress") as K8sObject & { spec: IngressSpec };
      const host = env.production ? `${svc}.apps.example.com` : `${svc}.${env.name}.apps.example.com`;
      expect(ingress.metadata.annotations?.["cert-manager.io/cluster-issuer"]).toBe("letsencrypt");
      expect(ingress.spec.tls).toEqual([{ hosts: [host], secretName: `${svc}-tls` }]);
      expect(ingress.spec.rules.map((r) => r.host)).toEqual([host]);
    }

    if (env.production) {
      type PolicySpec = {
        podSelector: { matchLabels: Record<string, string> };
        ingress: { ports: { port: number }[] }[];
      };
      const policy = findOne(objects, "NetworkPolicy") as K8sObject & { spec: PolicySpec };
      expect(policy.spec.podSelector.matchLabels).toEqual({ "app.kubernetes.io/name": svc });
      expect(policy.spec.ingress.flatMap((rule) => rule.ports.map((p) => p.port))).toEqual(batch ? [] : [spec.port]);
    }
  });

  it.each(envs)("$name Application is a valid ArgoCD Application for that overlay", (env) => {
    const { files } = rendered.get(combo.id) as Rendered;
    const app = parse(files[getOverlayPaths(svc, env.name).application] ?? "") as K8sObject & {
      spec: {
        source: { path: string; repoURL: string };
        destination: { namespace: string };
        ignoreDifferences?: { jsonPointers?: string[] }[];
      };
    };
    expect(validateObject(app)).toEqual([]);
    expect(app.spec.source).toMatchObject({
      path: getOverlayPaths(svc, env.name).dir,
      repoURL: makeOptions().gitopsRepoUrl,
    });
    expect(app.spec.destination.namespace).toBe(`backend-team-${env.name}`);
    expect((app.spec.ignoreDifferences ?? []).flatMap((d) => d.jsonPointers ?? [])).not.toContain("/spec/replicas");
    expect(app.metadata.annotations?.["slipway.io/entity"]).toBe(`deployment/${svc}-${env.name}`);
  });
});

describe("combinations the schema refuses", () => {
  it.each(combos.filter((c) => !renderable.includes(c)))("$id is refused: a batch job cannot be public", (combo) => {
    let caught: unknown;
    try {
      renderGitopsService(specFor(combo), makeOptions());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).fields).toEqual({
      "spec.public": ["a batch job serves no HTTP traffic and cannot be public"],
    });
  });
});

describe("edits survive kustomize", () => {
  it.each(["api-service", "batch-job"] as const)("scale and rollback of a %s's prod overlay", async (template) => {
    const files = renderGitopsService(makeSpec({ template, public: false }), makeOptions());
    const paths = getOverlayPaths(svc, "prod");
    const scaled = setScale(
      { replicaPatch: files[paths.replicaPatch] ?? "", resourcePatch: files[paths.resourcePatch] ?? "" },
      { replicas: 10, cpuLimit: "2000m", memoryLimit: "2Gi" },
    );
    if (scaled.replicaPatch) files[paths.replicaPatch] = scaled.replicaPatch;
    if (scaled.resourcePatch) files[paths.resourcePatch] = scaled.resourcePatch;
    files[paths.kustomization] = setImageTag(files[paths.kustomization] ?? "", image, "0.0.9");
    const dir = path.join(root, `edited-${template}`);
    await writeTree(dir, files);
    const workload = findWorkload(await runKustomize(path.join(dir, paths.dir)));
    expect(workload.replicas).toBe(10);
    expect(workload.pod.containers[0]?.resources.limits).toEqual({ cpu: "2000m", memory: "2Gi" });
    expect(workload.pod.containers[0]?.image).toBe(`${image}:0.0.9`);
  });
});
