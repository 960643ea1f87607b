import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { makeOptions, makeSpec } from "@/tests/gitops/fixtures";
import type { EnvironmentOptions } from "./manifests/gitops-options";
import { renderGitopsService } from "./render-gitops-service";

const svc = "payment-service";
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read nested YAML freely
type FluxObject = { apiVersion: string; kind: string; metadata: Record<string, any>; spec: Record<string, any> };
const docs = (text: string | undefined) => parseAllDocuments(text ?? "").map((d) => d.toJS() as FluxObject);

const render = (prod: Partial<EnvironmentOptions>) =>
  renderGitopsService(
    makeSpec(),
    makeOptions({
      environments: [
        { name: "dev", replicas: 1, production: false },
        { name: "prod", replicas: 3, production: true, engine: "flux", ...prod },
      ],
    }),
  );

describe("renderGitopsService for a Flux environment", () => {
  it("writes a GitRepository + Kustomization instead of an Application; other environments keep ArgoCD", () => {
    const files = render({});
    expect(Object.keys(files).filter((f) => f.startsWith("argocd/") || f.startsWith("flux/"))).toEqual([
      "argocd/apps/payment-service-dev.yaml",
      "flux/apps/payment-service-prod.yaml",
    ]);
    const [source, kustomization] = docs(files["flux/apps/payment-service-prod.yaml"]);
    expect(source).toEqual({
      apiVersion: "source.toolkit.fluxcd.io/v1",
      kind: "GitRepository",
      metadata: expect.objectContaining({ name: `${svc}-prod`, namespace: "flux-system" }),
      spec: { url: "https://forgejo.local/platform/gitops.git", ref: { branch: "main" }, interval: "1m" },
    });
    expect(kustomization).toMatchObject({
      apiVersion: "kustomize.toolkit.fluxcd.io/v1",
      kind: "Kustomization",
      metadata: {
        name: `${svc}-prod`,
        annotations: {
          "slipway.io/entity": `deployment/${svc}-prod`,
          "event.toolkit.fluxcd.io/entity": `deployment/${svc}-prod`,
        },
      },
      spec: {
        sourceRef: { kind: "GitRepository", name: `${svc}-prod` },
        path: `./services/${svc}/overlays/prod`,
        prune: true,
        wait: true,
        interval: "1m",
        targetNamespace: "backend-team-prod",
      },
    });
    expect(kustomization!.spec.kubeConfig).toBeUndefined();
  });

  it("follows the environment's branch, and reaches each of several clusters through its kubeconfig Secret", () => {
    const files = render({
      branch: "production",
      clusters: [
        { name: "eu-1", server: "https://eu-1.example.com" },
        { name: "us-1", server: "https://us-1.example.com" },
      ],
    });
    expect(files["flux/apps/payment-service-prod.yaml"]).toBeUndefined();
    for (const cluster of ["eu-1", "us-1"]) {
      const [source, kustomization] = docs(files[`flux/apps/${svc}-prod-${cluster}.yaml`]);
      expect(source!.spec.ref).toEqual({ branch: "production" });
      expect(kustomization!.metadata.annotations).toMatchObject({
        "slipway.io/entity": `deployment/${svc}-prod`,
        "event.toolkit.fluxcd.io/cluster": cluster,
      });
      expect(kustomization!.spec.kubeConfig).toEqual({ secretRef: { name: `cluster-${cluster}` } });
    }
  });

  it("gives a Flux overlay the namespace its Kustomization targets, created if missing and never pruned", () => {
    const files = render({});
    const [kustomization] = docs(files[`services/${svc}/overlays/prod/kustomization.yaml`]);
    expect(kustomization!).toMatchObject({ namespace: "backend-team-prod" });
    expect((kustomization as unknown as { resources: string[] }).resources).toContain("namespace.yaml");
    expect(docs(files[`services/${svc}/overlays/prod/namespace.yaml`])).toEqual([
      {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: {
          name: "backend-team-prod",
          annotations: {
            "kustomize.toolkit.fluxcd.io/ssa": "IfNotPresent",
            "kustomize.toolkit.fluxcd.io/prune": "disabled",
          },
        },
      },
    ]);
    // ArgoCD creates the namespace itself (CreateNamespace=true): dev's overlay has none.
    expect(files[`services/${svc}/overlays/dev/namespace.yaml`]).toBeUndefined();
    expect(files[`services/${svc}/overlays/dev/kustomization.yaml`]).not.toContain("namespace.yaml");
  });

  it("reads a private GitOps repository through the Secret it is given", () => {
    const files = renderGitopsService(
      makeSpec(),
      makeOptions({
        environments: [{ name: "dev", replicas: 1, production: false, engine: "flux" }],
        fluxGitSecret: "gitops-credentials",
      }),
    );
    const [source] = docs(files[`flux/apps/${svc}-dev.yaml`]);
    expect(source!.spec.secretRef).toEqual({ name: "gitops-credentials" });
    // Without one the repository is read anonymously (the first test: no secretRef at all).
  });
});
