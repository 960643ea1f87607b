import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { getEnv } from "@/lib/env";
import { sleep } from "@/lib/sleep";
import type { K8sObject } from "../gitops/kustomize";
import { OVERLAYS, renderBase, renderOverlay } from "./install-manifests";
import { kubeClient } from "./kube-dry-run";
import { cnpgCrdFile } from "./schema-sources";

// Slipway's own manifests against the real kube-apiserver of the cluster tier, as a server-side
// dry run: admission, defaulting, strict field validation and the CRDs' schemas all apply, and
// nothing is created. The tier installs ArgoCD's CRDs; CloudNativePG's Cluster CRD is installed
// here from the cloudnative-pg Go module (the operator itself is not needed for a dry run).

let kube: ReturnType<typeof kubeClient>;

async function ensure(obj: K8sObject): Promise<void> {
  const res = await kube.apply(obj, { dryRun: false });
  if (res.status >= 300)
    throw new Error(`apply ${obj.kind}/${obj.metadata.name}: ${res.status} ${JSON.stringify(res.body)}`);
}

async function dryRunProblems(objects: K8sObject[]): Promise<string[]> {
  const problems: string[] = [];
  for (const obj of objects) {
    const res = await kube.apply(obj, { dryRun: true });
    const name = `${obj.kind} ${obj.metadata.namespace ?? "-"}/${obj.metadata.name}`;
    if (res.status >= 300) problems.push(`${name}: HTTP ${res.status} ${String(res.body.message ?? "")}`);
    for (const w of res.warnings) problems.push(`${name}: warning ${w}`);
  }
  return problems;
}

beforeAll(async () => {
  kube = kubeClient(getEnv().SLIPWAY_KUBECONFIG!);
  const crd = parse(readFileSync(await cnpgCrdFile(), "utf8")) as K8sObject;
  await ensure(crd);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await kube.request("GET", kube.pathOf(crd));
    const conditions = (res.body.status as { conditions?: { type: string; status: string }[] })?.conditions ?? [];
    if (conditions.some((c) => c.type === "Established" && c.status === "True")) break;
    if (Date.now() > deadline) throw new Error(`CRD ${crd.metadata.name} not Established in 60 s`);
    await sleep(500);
  }
  // A dry run cannot create into a namespace that does not exist; argocd is the tier's.
  await ensure({ apiVersion: "v1", kind: "Namespace", metadata: { name: "slipway" } });
}, 180_000);

describe("Slipway's own install on the real kube-apiserver (server-side dry run)", () => {
  it("accepts every object of the kustomize base", async () => {
    const objects = await renderBase();
    expect(objects.length).toBeGreaterThan(10);
    expect(await dryRunProblems(objects)).toEqual([]);
  });

  it.each(OVERLAYS)("accepts every object of the %s overlay", async (overlay) => {
    expect(await dryRunProblems(await renderOverlay(overlay))).toEqual([]);
  });

  it("rejects an object the API server would not store, so the check has teeth", async () => {
    const [web] = (await renderBase()).filter((o) => o.kind === "Deployment");
    const broken = structuredClone(web!) as K8sObject & { spec: Record<string, unknown> };
    broken.spec.replicaz = 2;
    expect((await dryRunProblems([broken]))[0]).toMatch(/replicaz/);
  });

  it("accepts the ArgoCD Application that deploys Slipway itself", async () => {
    const app = parse(readFileSync(path.resolve("deploy/argocd/slipway-application.yaml"), "utf8")) as K8sObject;
    expect(
      await dryRunProblems([{ ...app, metadata: { ...app.metadata, namespace: getEnv().SLIPWAY_ARGOCD_NAMESPACE } }]),
    ).toEqual([]);
  });
});
