import { beforeAll, describe, expect, it } from "vitest";
import { parseManifests, type K8sObject } from "../gitops/kustomize";
import {
  CHART_DIR,
  OVERLAYS,
  SELF_APPLICATION,
  normalise,
  readManifestFile,
  renderBase,
  renderOverlay,
} from "./install-manifests";
import { cnpgCrdSchemas, helmLint, helmTemplate } from "./schema-sources";
import { manifestValidator, type ManifestValidator } from "./validate-manifest";

// deploy/kubernetes and deploy/helm rendered by the real kustomize and helm, every object checked
// against the Kubernetes, ArgoCD and CloudNativePG schemas.

let validate: ManifestValidator;
const problemsOf = async (objects: K8sObject[]) => (await Promise.all(objects.map(validate))).flat();
const kinds = (objects: K8sObject[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();

beforeAll(async () => {
  validate = manifestValidator(await cnpgCrdSchemas());
}, 300_000);

describe("kustomize", () => {
  it.each(OVERLAYS)("overlay %s renders objects that all validate", async (overlay) => {
    const objects = await renderOverlay(overlay);
    expect(kinds(objects)).toEqual([
      "Cluster/slipway-db",
      "ClusterRole/slipway-workloads-reader",
      "ClusterRoleBinding/slipway-workloads-reader",
      "ConfigMap/slipway-config",
      "Deployment/slipway-web",
      "Deployment/slipway-worker",
      "Ingress/slipway",
      "PodDisruptionBudget/slipway-web",
      "Role/slipway-applications",
      "RoleBinding/slipway-applications",
      "Service/slipway",
      "ServiceAccount/slipway",
    ]);
    expect(await problemsOf(objects)).toEqual([]);
  });

  it("base: two web replicas probed on /api/ready and /api/health, two workers, secrets only by reference", async () => {
    const byName = Object.fromEntries((await renderBase()).map((o) => [`${o.kind}/${o.metadata.name}`, o]));
    const web = byName["Deployment/slipway-web"] as K8sObject & { spec: DeploymentSpec };
    const worker = byName["Deployment/slipway-worker"] as K8sObject & { spec: DeploymentSpec };
    expect(web.spec.replicas).toBe(2);
    expect(worker.spec.replicas).toBe(2);
    const [webContainer] = web.spec.template.spec.containers;
    expect(webContainer.readinessProbe.httpGet.path).toBe("/api/ready");
    expect(webContainer.livenessProbe.httpGet.path).toBe("/api/health");
    expect(webContainer.command).toEqual(["npm", "start"]);
    expect(worker.spec.template.spec.containers[0].command).toEqual(["npm", "run", "worker"]);
    expect(Object.keys(byName).some((k) => k.startsWith("Secret/"))).toBe(false);
    const secretRefs = webContainer.env.filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name);
    expect(secretRefs).toEqual(
      expect.arrayContaining(["AUTH_SECRET", "SLIPWAY_OIDC_CLIENT_SECRET", "SLIPWAY_FORGEJO_TOKEN"]),
    );
  });

  it("fails validation for an invalid object of each schema source", async () => {
    const objects = await renderBase();
    const broken = (kind: string, edit: (o: K8sObject & { spec: Record<string, unknown> }) => void) => {
      const o = structuredClone(objects.find((x) => x.kind === kind)!) as K8sObject & { spec: Record<string, unknown> };
      edit(o);
      return o;
    };
    expect(await validate(broken("Deployment", (o) => (o.spec.replicas = "two")))).toEqual([
      expect.stringContaining("replicas must be integer"),
    ]);
    expect(await validate(broken("Cluster", (o) => (o.spec.instancez = 2)))).toEqual([
      expect.stringContaining("must NOT have additional properties"),
    ]);
    expect(await validate(broken("Cluster", (o) => (o.spec.instances = "2")))).not.toEqual([]);
    const [app] = readManifestFile(SELF_APPLICATION);
    const badApp = structuredClone(app!) as K8sObject & { spec: { source: Record<string, unknown> } };
    delete badApp.spec.source.repoURL;
    expect(await validate(badApp)).not.toEqual([]);
    expect(await validate({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } })).toEqual([
      "example.com/v1/Widget -/w: no schema known for this kind",
    ]);
  });
});

describe("ArgoCD Application that deploys Slipway", () => {
  it("validates and points at the production overlay", async () => {
    const objects = readManifestFile(SELF_APPLICATION);
    expect(await problemsOf(objects)).toEqual([]);
    expect(objects[0]).toMatchObject({ spec: { source: { path: "deploy/kubernetes/overlays/production" } } });
  });
});

// First use builds helm from its Go module (minutes; README "Install"), later runs reuse the cache.
const HELM_BUILD_MS = 1_800_000;

describe("helm chart", () => {
  it(
    "passes helm lint --strict",
    async () => {
      await expect(helmLint(CHART_DIR)).resolves.toBeTypeOf("string");
    },
    HELM_BUILD_MS,
  );

  it(
    "renders by default the same objects as the kustomize base, all valid",
    async () => {
      const chart = parseManifests(await helmTemplate(CHART_DIR));
      expect(await problemsOf(chart)).toEqual([]);
      expect(normalise(chart)).toEqual(normalise(await renderBase()));
    },
    HELM_BUILD_MS,
  );

  it(
    "follows its values, and still validates",
    async () => {
      const chart = parseManifests(
        await helmTemplate(CHART_DIR, {
          set: { "web.replicas": "3", "database.cnpg.enabled": "false", "ingress.className": "nginx" },
        }),
      );
      expect(await problemsOf(chart)).toEqual([]);
      expect(kinds(chart)).not.toContain("Cluster/slipway-db");
      const web = chart.find((o) => o.kind === "Deployment" && o.metadata.name === "slipway-web") as K8sObject & {
        spec: DeploymentSpec;
      };
      expect(web.spec.replicas).toBe(3);
    },
    HELM_BUILD_MS,
  );
});

type Container = {
  command: string[];
  env: { name: string; valueFrom?: { secretKeyRef?: unknown } }[];
  readinessProbe: { httpGet: { path: string } };
  livenessProbe: { httpGet: { path: string } };
};
type DeploymentSpec = { replicas: number; template: { spec: { containers: [Container, ...Container[]] } } };
