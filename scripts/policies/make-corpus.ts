// npm run policies:corpus — regenerates tests/policies/corpus: real kustomize renders of service
// overlays, some edited the way a change could break a policy. The files are committed; the
// peers-tier comparison runs the Kyverno CLI and Slipway's evaluator on them.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { stringify } from "yaml";
import { setImageTag } from "@/lib/gitops/edit/image-tag";
import { getOverlayPaths } from "@/lib/gitops/paths";
import { renderGitopsService } from "@/lib/gitops/render-gitops-service";
import type { K8sObject } from "@/lib/policies/types";
import { makeOptions, makeSpec } from "@/tests/gitops/fixtures";
import { runKustomize, writeTree } from "@/tests/gitops/kustomize";
import { CORPUS_DIR, NAMESPACE_LABELS } from "@/tests/policies/corpus-files";

type Base = { id: string; spec: Parameters<typeof makeSpec>[0] };
type Edit = { id: string; namespace?: string; apply?: (objs: K8sObject[]) => K8sObject[] };

const bases: Base[] = [
  { id: "api-java-db-public", spec: { template: "api-service", language: "java", database: true, public: true } },
  { id: "web-node-public", spec: { template: "web-app", language: "node", database: false, public: true } },
  {
    id: "micro-go-redis",
    spec: { template: "microservice", language: "go", database: false, redis: true, public: false },
  },
  { id: "batch-python-db", spec: { template: "batch-job", language: "python", database: true, public: false } },
];

// Corpus edits reach into pod templates the generator itself rendered: their shape is known.
type Container = {
  image: string;
  resources: { limits?: unknown };
  livenessProbe?: unknown;
  securityContext: Record<string, unknown>;
};
type PodTemplate = { spec: { securityContext?: unknown; containers: Container[] } };
const pod = (o: K8sObject): PodTemplate => {
  const spec = o.spec as { template: PodTemplate; jobTemplate: { spec: { template: PodTemplate } } };
  return o.kind === "CronJob" ? spec.jobTemplate.spec.template : spec.template;
};
const workloads = (objs: K8sObject[]) => objs.filter((o) => o.kind === "Deployment" || o.kind === "CronJob");
const each = (objs: K8sObject[], f: (o: K8sObject) => void) => {
  for (const o of workloads(objs)) f(o);
  return objs;
};

const pvc = (namespace: string, storageClassName: string): K8sObject => ({
  apiVersion: "v1",
  kind: "PersistentVolumeClaim",
  metadata: { name: "payment-data", namespace },
  spec: { accessModes: ["ReadWriteOnce"], storageClassName, resources: { requests: { storage: "10Gi" } } },
});

const edits: Edit[] = [
  { id: "as-rendered" },
  { id: "pci", namespace: "payment-prod" },
  { id: "pci-no-netpol", namespace: "payment-prod", apply: (o) => o.filter((x) => x.kind !== "NetworkPolicy") },
  {
    id: "phi",
    namespace: "records-prod",
    apply: (o) => each(o, (w) => ((w.metadata!.annotations ??= {})["audit.hipaa.io/enabled"] = "true")),
  },
  {
    id: "phi-gaps",
    namespace: "records-prod",
    apply: (o) => [
      ...o.map((x) => (x.kind === "Ingress" ? { ...x, spec: { ...(x.spec as object), tls: undefined } } : x)),
      pvc("records-prod", "standard"),
    ],
  },
  {
    id: "phi-encrypted",
    namespace: "records-prod",
    apply: (o) => [
      ...each(o, (w) => ((w.metadata!.annotations ??= {})["audit.hipaa.io/enabled"] = "true")),
      pvc("records-prod", "encrypted-gp3"),
    ],
  },
  { id: "no-limits", apply: (o) => each(o, (w) => delete pod(w).spec.containers[0]!.resources.limits) },
  {
    id: "no-probes",
    apply: (o) =>
      each(o, (w) => {
        delete pod(w).spec.containers[0]!.livenessProbe;
      }),
  },
  {
    id: "root",
    apply: (o) =>
      each(o, (w) => {
        delete pod(w).spec.securityContext;
        delete pod(w).spec.containers[0]!.securityContext.runAsNonRoot;
      }),
  },
  {
    id: "escalation",
    apply: (o) => each(o, (w) => (pod(w).spec.containers[0]!.securityContext.allowPrivilegeEscalation = true)),
  },
  {
    id: "foreign-registry",
    apply: (o) => each(o, (w) => (pod(w).spec.containers[0]!.image = "docker.io/library/nginx:1.27")),
  },
];

async function main() {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-corpus-"));
  await fs.rm(CORPUS_DIR, { recursive: true, force: true });
  await fs.mkdir(CORPUS_DIR, { recursive: true });
  let count = 0;
  for (const base of bases) {
    const files = renderGitopsService(makeSpec(base.spec), makeOptions());
    const k = getOverlayPaths("payment-service", "prod").kustomization;
    files[k] = setImageTag(files[k] ?? "", "registry.local/payments/payment-service", "1.4.2");
    await writeTree(path.join(root, base.id), files);
    const rendered = (await runKustomize(
      path.join(root, base.id, getOverlayPaths("payment-service", "prod").dir),
    )) as K8sObject[];
    for (const edit of edits) {
      let objs = structuredClone(rendered);
      if (edit.namespace) for (const o of objs) if (o.metadata?.namespace) o.metadata.namespace = edit.namespace;
      if (edit.apply) objs = edit.apply(objs);
      const text = objs.map((o) => stringify(JSON.parse(JSON.stringify(o)))).join("---\n");
      await fs.writeFile(path.join(CORPUS_DIR, `${base.id}--${edit.id}.yaml`), text);
      count++;
    }
  }
  await fs.writeFile(path.join(CORPUS_DIR, "namespace-labels.json"), `${JSON.stringify(NAMESPACE_LABELS, null, 2)}\n`);
  await fs.rm(root, { recursive: true, force: true });
  console.log(`[corpus] ${count} rendered bundles in ${CORPUS_DIR}`);
}

await main();
