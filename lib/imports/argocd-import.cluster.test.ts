import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEntity } from "@/lib/catalog/entities";
import { findEntity } from "@/lib/catalog/entity-lookup";
import { startStatusMirror } from "@/lib/deployments/status-mirror";
import { getEnv } from "@/lib/env";
import { clusterPort, forgejoPort } from "@/lib/wiring";
import { seedTeamAndEnvironments } from "@/tests/catalog-seed";
import { setupTestDatabase } from "@/tests/db";
import { kubeClient } from "@/tests/deploy/kube-dry-run";
import { until } from "@/tests/until";
import { listImportRuns } from "./import-runs";
import { findOrigin } from "./origins";

// An Application made with the Kubernetes API, by nobody but a platform team: the real ArgoCD syncs it
// from a real Gitea, and the status mirror imports it into the catalog with the health ArgoCD reports.

setupTestDatabase();

const suffix = Date.now().toString(36);
const service = `legacy-billing-${suffix}`;
const appName = `${service}-qa`;
let mirror: { stop(): Promise<void> } | null = null;
let kube: ReturnType<typeof kubeClient>;

function application(name: string, repoURL: string, labels: Record<string, string>) {
  const { SLIPWAY_ARGOCD_NAMESPACE: namespace } = getEnv();
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    metadata: { name, namespace, labels },
    spec: {
      project: "default",
      source: { repoURL, targetRevision: "main", path: "." },
      destination: { server: "https://kubernetes.default.svc", namespace: `legacy-${suffix}` },
      syncPolicy: { automated: {}, syncOptions: ["CreateNamespace=true"] },
    },
  };
}

const collection = () => `/apis/argoproj.io/v1alpha1/namespaces/${getEnv().SLIPWAY_ARGOCD_NAMESPACE}/applications`;

beforeAll(async () => {
  kube = kubeClient(getEnv().SLIPWAY_KUBECONFIG!);
  await seedTeamAndEnvironments(1);
  await createEntity("service", {
    identifier: service,
    team: "payments",
    properties: { language: "go" },
    relations: {},
  });
  mirror = startStatusMirror(clusterPort());
});

afterAll(async () => {
  await mirror?.stop();
});

describe("ArgoCD Applications Slipway did not create", () => {
  it("an Application created with the Kubernetes API appears in the catalog with its health, and Missing once deleted", async () => {
    const git = forgejoPort();
    await git.ensureOrg("legacy");
    const repo = await git.ensureRepo({ owner: "legacy", name: `manifests-${suffix}` });
    await git.commitFiles({
      owner: "legacy",
      repo: repo.name,
      branch: "main",
      message: "A config map",
      changes: [
        {
          path: "configmap.yaml",
          content: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing-settings\ndata:\n  currency: EUR\n`,
        },
      ],
      expectedHead: null,
    });

    const created = await kube.request(
      "POST",
      collection(),
      application(appName, repo.cloneUrl, { "app.kubernetes.io/part-of": service, environment: "qa" }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // Its service is not in the catalog: reported with the reason, not imported.
    const orphan = await kube.request(
      "POST",
      collection(),
      application(`ghost-${suffix}-qa`, repo.cloneUrl, { "app.kubernetes.io/part-of": `ghost-${suffix}` }),
    );
    expect(orphan.status, JSON.stringify(orphan.body)).toBe(201);

    const deployment = await until(
      "the imported deployment Healthy and Synced",
      async () => {
        const d = await findEntity("deployment", appName);
        return d?.properties.status === "Healthy" && d.properties.sync_status === "Synced" ? d : null;
      },
      120_000,
      500,
    );
    expect(deployment).toMatchObject({ team: "payments", relations: { service: [service], environment: ["qa"] } });
    expect(await findEntity("environment", "qa")).not.toBeNull();
    expect(await findOrigin("deployment", appName)).toMatchObject({
      source: "argocd",
      object: `${getEnv().SLIPWAY_ARGOCD_NAMESPACE}/${appName}`,
      missingAt: null,
    });
    const failures = (await listImportRuns()).flatMap((r) => r.failures.map((f) => f.reason));
    expect(failures).toContainEqual(expect.stringContaining(`no service "ghost-${suffix}"`));

    const deleted = await kube.request("DELETE", `${collection()}/${appName}`);
    expect(deleted.status).toBeLessThan(300);
    await until(
      "the deployment Missing",
      async () => (await findEntity("deployment", appName))?.properties.status === "Missing",
      60_000,
      500,
    );
    expect((await findOrigin("deployment", appName))?.missingAt).not.toBeNull();
  });
});
